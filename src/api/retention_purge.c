/* pm_retention_purge(): for each class with a period, each of its sources
 * is walked in batches, oldest records first, up to the cutoff.
 *
 * A batch is one transaction. It scans the source's time index from a
 * cursor (the time and id of the last record it weighed), weighs what it
 * finds, and stops once it has removed batch_size records or reached the
 * cutoff; it then records one audit entry per kind it removed from. The
 * cursor lives for one call: records kept (on hold, in use) stay before
 * it, so later batches of the call do not read them again; a later call
 * starts from the oldest record and passes over them once more. A batch
 * that reaches the cutoff without removing anything is not counted, so a
 * call limited to N batches always removes something or reports done. */
#include "retention_internal.h"

#include <string.h>

#include "audit_buffer.h"
#include "audit_internal.h"
#include "org_internal.h"

#define SECONDS_PER_DAY 86400

/* Where a source's walk has got to. Kept records at the cursor's time
 * with ids up to the cursor's come back from a scan starting at that
 * time; there are kept_at_time of them, and the scan skips them. */
typedef struct cursor {
    int started;
    int64_t time;
    pm_id id;
    uint64_t kept_at_time;
} cursor;

/* One scan's worth of candidates. */
typedef struct chunk {
    pm_session *s;
    const pm_retention_source *src;
    pm_time now;
    const cursor *cur;
    pm_retention_candidate *items;
    size_t count;
    size_t cap;
    uint64_t seen;   /* rows the scan returned, skipped ones included */
} chunk;

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "retention: out of memory");
}

static int collect(const pm_row *row, void *payload)
{
    chunk *k = payload;
    k->seen++;
    pm_status st = pm_api__check_row(k->s, row, k->src->nfields, k->src->what);
    if (st != PM_OK)
        return st;
    pm_retention_candidate c;
    k->src->read(&c, row, k->now);
    if (k->cur->started && c.time == k->cur->time && c.id <= k->cur->id)
        return 0; /* weighed and kept earlier in this call */
    if (k->count == k->cap) {
        size_t cap = k->cap ? k->cap * 2 : 64;
        pm_retention_candidate *items = pm__realloc(k->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(k->s);
        k->items = items;
        k->cap = cap;
    }
    k->items[k->count++] = c;
    return 0;
}

static void advance(cursor *cur, const pm_retention_candidate *c, int kept)
{
    if (!cur->started || c->time != cur->time) {
        cur->started = 1;
        cur->time = c->time;
        cur->kept_at_time = 0;
    }
    cur->id = c->id;
    if (kept)
        cur->kept_at_time++;
}

/* What one batch did. */
typedef struct outcome {
    int64_t removed;   /* records of the source's kind */
    int64_t kept;
    int exhausted;     /* nothing left to weigh before the cutoff */
} outcome;

/* Scans from the cursor for up to `need` more candidates (plus the kept
 * ones to skip, plus one to tell whether more follow) and weighs them. */
static pm_status weigh_chunk(outcome *o, int *end, pm_retention_batch *b,
                             const pm_retention_source *src, cursor *cur, int64_t cutoff,
                             size_t need)
{
    chunk k = { b->s, src, b->now, cur, NULL, 0, 0, 0 };
    uint64_t limit = (uint64_t)need + cur->kept_at_time + 1;
    pm_value lo = pm_value__int(cur->time);
    pm_value hi = pm_value__int(cutoff);
    pm_scan scan = { src->kind, src->index, 0, NULL, cur->started ? &lo : NULL, &hi,
                     PM_SCAN_HI_EXCLUSIVE, limit };
    pm_status st = pm_api__scan(b->s, &scan, collect, &k);
    size_t i = 0;
    for (; st == PM_OK && i < k.count && need > 0; i++) {
        int removed = 0;
        st = src->settle(&removed, b, &k.items[i]);
        if (st != PM_OK)
            break;
        advance(cur, &k.items[i], !removed);
        if (removed) {
            o->removed++;
            need--;
        } else {
            o->kept++;
        }
    }
    /* Every row that came back was one weighed already: more sit at the
     * cursor's time than were counted (written meanwhile). Widen the skip
     * so that the next scan reaches past them. */
    if (st == PM_OK && k.count == 0 && k.seen == limit)
        cur->kept_at_time = k.seen;
    *end = st == PM_OK && k.seen < limit && i == k.count;
    pm__free(k.items);
    return st;
}

static pm_status weigh(outcome *o, pm_retention_batch *b, const pm_retention_source *src,
                       cursor *cur, int64_t cutoff, size_t batch_size)
{
    for (;;) {
        int end = 0;
        pm_status st = weigh_chunk(o, &end, b, src, cur, cutoff,
                                   batch_size - (size_t)o->removed);
        if (st != PM_OK)
            return st;
        if (end) {
            o->exhausted = 1;
            return PM_OK;
        }
        if ((size_t)o->removed == batch_size)
            return PM_OK;
    }
}

static pm_status record_purges(pm_retention_batch *b)
{
    pm_status st = PM_OK;
    for (unsigned int kind = 0; st == PM_OK && kind < PM_KIND_COUNT; kind++)
        if (b->removed[kind] > 0)
            st = pm_audit__record(b->s, PM_AUDIT_PURGE, kind, 0, b->removed[kind]);
    return st;
}

static pm_status run_batch(outcome *o, pm_session *s, pm_time now, const pm_retention_source *src,
                           cursor *cur, int64_t cutoff, size_t batch_size)
{
    memset(o, 0, sizeof *o);
    pm_retention_batch b;
    memset(&b, 0, sizeof b);
    b.s = s;
    b.now = now;
    /* The batch reads the trail inside its transaction level: entries
     * still waiting from before it must be written around it first. */
    pm_status st = pm_audit_buffer__flush(s);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    st = pm_retention__holds_load(&b.holds, s);
    if (st == PM_OK) {
        pm_audit__quiet_begin(s);
        st = weigh(o, &b, src, cur, cutoff, batch_size);
        pm_audit__quiet_end(s);
    }
    if (st == PM_OK)
        st = record_purges(&b);
    pm_retention__holds_free(&b.holds);
    return pm_api__finish(s, st);
}

/* ---- the call ---- */

/* *o holds the defaults; opts, when given, replace them. */
static pm_status check_input(pm_retention_purge_opts *o, pm_session *s, pm_time now,
                             const pm_retention_purge_opts *opts,
                             const pm_retention_report *report)
{
    if (report == NULL)
        return pm_error__set(&s->error, PM_EINVAL, "report: must not be NULL");
    pm_status st = pm_api__check_version(s, "retention_report", report->version,
                                         PM_RETENTION_REPORT_VERSION);
    if (st != PM_OK)
        return st;
    if (opts != NULL) {
        st = pm_api__check_version(s, "retention_purge_opts", opts->version,
                                   PM_RETENTION_PURGE_OPTS_VERSION);
        if (st != PM_OK)
            return st;
        *o = *opts;
    }
    if (o->batch_size < 1 || o->batch_size > PM_RETENTION_BATCH_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "retention_purge_opts.batch_size: must be 1 to %d, not %u",
                             PM_RETENTION_BATCH_MAX, o->batch_size);
    if (now < 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "now: must be 0 (the db's clock) or a time after 1970, not %lld",
                             (long long)now);
    return PM_OK;
}

static void clear_report(pm_retention_report *r)
{
    memset(r->removed, 0, sizeof r->removed);
    memset(r->kept, 0, sizeof r->kept);
    r->batches = 0;
    r->done = 0;
}

/* The cutoff in the terms of the source's index: records before it are
 * past their period. A day counts once all of it lies before the instant.
 * The audit entries the call writes itself carry the db's clock from
 * started on: with a now ahead of the clock they would fall before the
 * cutoff, and each batch would remove the last one's entry and write its
 * own, without end. */
static int64_t cutoff_of(const pm_retention_source *src, pm_time now, pm_time started, int days)
{
    pm_time cutoff = now - (pm_time)days * SECONDS_PER_DAY;
    if (src->written_by_purge && cutoff > started)
        cutoff = started;
    return src->by_day ? (int64_t)pm_time_date(cutoff) : cutoff;
}

pm_status pm_retention_purge(pm_session *session, pm_time now,
                             const pm_retention_purge_opts *opts, pm_retention_report *report)
{
    PM_CHECK_SESSION(session);
    pm_retention_purge_opts o = PM_RETENTION_PURGE_OPTS_INIT;
    pm_status st = check_input(&o, session, now, opts, report);
    if (st == PM_OK)
        st = pm_api__authorize(session, PM_ACT_RETENTION_ADMIN, 0);
    if (st != PM_OK)
        return st;
    clear_report(report);
    pm_time started = pm_api__now(session->db);
    if (now == 0)
        now = started;
    int days[PM_RETENTION_CLASS_MAX + 1];
    st = pm_retention__periods(days, session);
    if (st != PM_OK)
        return st;
    for (int c = 1; c <= PM_RETENTION_CLASS_MAX; c++) {
        if (days[c] == 0)
            continue;
        size_t n = 0;
        const pm_retention_source *sources = pm_retention__sources((pm_retention_class)c, &n);
        for (size_t i = 0; i < n; i++) {
            cursor cur = { 0, 0, 0, 0 };
            int64_t cutoff = cutoff_of(&sources[i], now, started, days[c]);
            for (int exhausted = 0; !exhausted;) {
                if (o.max_batches != 0 && report->batches >= o.max_batches)
                    return PM_OK; /* done stays 0: the next call goes on */
                outcome out;
                st = run_batch(&out, session, now, &sources[i], &cur, cutoff, o.batch_size);
                if (st != PM_OK)
                    return st;
                report->removed[c] += out.removed;
                report->kept[c] += out.kept;
                if (out.removed > 0)
                    report->batches++;
                exhausted = out.exhausted;
            }
        }
    }
    report->done = 1;
    return PM_OK;
}
