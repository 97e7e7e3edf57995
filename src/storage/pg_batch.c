/* Batches of scans, and merges of ordered scans, of the PostgreSQL
 * backend. A batch sends its statements in one pipeline and reads their
 * results at one sync: one round trip for all.
 *
 * A merge of several scans is one statement: each scan a branch of a
 * UNION ALL, the union ordered as every branch is, each row once (DISTINCT
 * ON its order and id) and at most the merge's limit, so only the rows
 * handed over leave the server. The plan is a Merge Append of the
 * branches' index scans, which read no further than the union needs. A
 * batch of plain scans runs as merges of one scan each. */
#include "pg_internal.h"

#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"

/* Scans sent in one round trip; a longer batch takes several. */
#define BATCH_MAX 64u

_Static_assert(PM_SCAN_MERGE_MAX <= BATCH_MAX, "a merge fits in one round trip");

/* ---- merges ---- */

/* A scan's order before the id: the index fields after its equality
 * prefix (none by id, or when the prefix covers the index). */
static unsigned int scan_order(const pm_pg_scan_target *t, const pm_scan *sc,
                               const unsigned int **fields)
{
    *fields = NULL;
    if (t->ix == NULL)
        return 0;
    *fields = t->ix->fields + sc->neq;
    return t->ix->nfields - sc->neq;
}

static int same_order(const pm_pg_scan_target *a, const pm_scan *sa, const pm_pg_scan_target *b,
                      const pm_scan *sb)
{
    const unsigned int *fa, *fb;
    unsigned int na = scan_order(a, sa, &fa), nb = scan_order(b, sb, &fb);
    return na == nb && (na == 0 || memcmp(fa, fb, na * sizeof *fa) == 0) &&
           (sa->flags & PM_SCAN_DESC) == (sb->flags & PM_SCAN_DESC);
}

static pm_status check_merge(pm_pg *p, const pm_scan_merge *m, pm_pg_scan_target *targets)
{
    if (m->count == 0 || m->count > PM_SCAN_MERGE_MAX)
        return pm_pg__set_error(p, PM_EINVAL, "merge of scans: count %u is not 1 to %d", m->count,
                                PM_SCAN_MERGE_MAX);
    if (m->scans == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "scan: must not be NULL");
    for (unsigned int i = 0; i < m->count; i++) {
        pm_status st = pm_pg__check_scan(p, &m->scans[i], &targets[i]);
        if (st != PM_OK)
            return st;
        if (m->scans[i].kind != m->scans[0].kind)
            return pm_pg__set_error(p, PM_EINVAL, "merge of %s: scan %u is of %s",
                                    targets[0].k->name, i, targets[i].k->name);
        if (!same_order(&targets[0], &m->scans[0], &targets[i], &m->scans[i]))
            return pm_pg__set_error(p, PM_EINVAL,
                                    "merge of %s: scan %u is not in the order of scan 0",
                                    targets[0].k->name, i);
    }
    if (m->cb == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "scan of %s: cb must not be NULL",
                                targets[0].k->name);
    return PM_OK;
}

/* A scan as a branch of a merge: every branch returns every column, so
 * that the union's columns agree, whatever the hints say. */
static pm_scan branch_of(const pm_scan *sc)
{
    pm_scan b = *sc;
    b.flags &= ~(PM_SCAN_INDEX_ONLY | PM_SCAN_NO_ID);
    return b;
}

static void add(pm_pg_scan_sql *q, const char *text)
{
    pm_pg__sql_add(&q->text, &q->st, text);
}

/* The order, the id last: "given_at" DESC NULLS LAST, "id" DESC. */
static void add_order(pm_pg_scan_sql *q, const pm_pg_scan_target *t, const pm_scan *sc,
                      int with_direction)
{
    const unsigned int *fields;
    unsigned int n = scan_order(t, sc, &fields);
    int desc = (sc->flags & PM_SCAN_DESC) != 0;
    for (unsigned int i = 0; i < n; i++) {
        pm_pg__sql_ident(&q->text, &q->st, t->k->fields[fields[i]].name);
        if (with_direction)
            add(q, desc ? " DESC NULLS LAST" : " ASC NULLS FIRST");
        add(q, ", ");
    }
    add(q, "\"id\"");
    if (with_direction)
        add(q, desc ? " DESC" : " ASC");
}

static void merge_sql(pm_pg_scan_sql *q, const pm_pg *p, const pm_pg_scan_target *t,
                      const pm_scan *branches, unsigned int count, int limited)
{
    add(q, "SELECT DISTINCT ON (");
    add_order(q, &t[0], &branches[0], 0);
    add(q, ") * FROM (");
    for (unsigned int i = 0; i < count; i++) {
        add(q, i > 0 ? " UNION ALL (" : "(");
        pm_pg__scan_sql(q, p, &t[i], &branches[i]);
        add(q, ")");
    }
    add(q, ") AS m ORDER BY ");
    add_order(q, &t[0], &branches[0], 1);
    if (limited) {
        add(q, " LIMIT ");
        pm_pg__scan_param(q, PM_FIELD_INT);
    }
}

/* The cached statement of a merge's shape, prepared on this connection. */
static pm_status merge_stmt(pm_pg *p, const pm_pg_scan_target *t, const pm_scan *branches,
                            unsigned int count, int limited, pm_pg_stmt **out)
{
    pm_pg_merge_stmt key;
    memset(&key, 0, sizeof key);
    key.count = count;
    key.limited = limited;
    for (unsigned int i = 0; i < count; i++) {
        key.shapes[i] = pm_pg__scan_shape(&branches[i]);
        key.nulls[i] = pm_pg__scan_nulls(&branches[i]);
    }
    pm_pg_kind *cache = &p->kinds[branches[0].kind];
    pm_pg_merge_stmt *slot = NULL;
    for (size_t i = 0; i < cache->nmerges && slot == NULL; i++) {
        const pm_pg_merge_stmt *m = &cache->merges[i];
        if (m->count == count && m->limited == limited &&
            memcmp(m->shapes, key.shapes, sizeof key.shapes) == 0 &&
            memcmp(m->nulls, key.nulls, sizeof key.nulls) == 0)
            slot = &cache->merges[i];
    }
    if (slot == NULL) {
        if (cache->nmerges == cache->merges_cap) {
            size_t cap = cache->merges_cap ? cache->merges_cap * 2 : 4;
            pm_pg_merge_stmt *merges = pm__realloc(cache->merges, cap * sizeof *merges);
            if (merges == NULL)
                return pm_pg__set_error(p, PM_ENOMEM, "merge of %s: out of memory", t->k->name);
            cache->merges = merges;
            cache->merges_cap = cap;
        }
        slot = &cache->merges[cache->nmerges++];
        *slot = key;
    }
    if (!pm_pg__stmt_ready(p, &slot->stmt)) {
        pm_pg_scan_sql q;
        memset(&q, 0, sizeof q);
        merge_sql(&q, p, t, branches, count, limited);
        pm_status st = pm_pg__send_prepare(p, &slot->stmt, &q.text, q.st, q.types, q.ntypes,
                                           t->k->name);
        if (st != PM_OK)
            return st;
    }
    *out = &slot->stmt;
    return PM_OK;
}

/* The most rows a merge hands over (0: no bound), which decides whether
 * its result is read row by row. */
static uint64_t merge_rows(const pm_scan_merge *m)
{
    if (m->limit != 0)
        return m->limit;
    uint64_t rows = 0;
    for (unsigned int i = 0; i < m->count; i++) {
        if (m->scans[i].limit == 0 || m->scans[i].limit > PM_PG_STREAM_LIMIT)
            return 0;
        rows += m->scans[i].limit;
    }
    return rows;
}

/* Sends one merge: a plain scan when it has one (within the merge's limit). */
static pm_status send_merge(pm_pg *p, const pm_scan_merge *m, const pm_pg_scan_target *t,
                            const char *what)
{
    pm_pg_params params;
    params.n = 0;
    pm_pg_stmt *stmt = NULL;
    pm_status st;
    if (m->count == 1) {
        pm_scan sc = m->scans[0];
        if (m->limit != 0 && (sc.limit == 0 || sc.limit > m->limit))
            sc.limit = m->limit;
        pm_pg__bind_scan(&params, t, &sc);
        st = pm_pg__scan_stmt(p, t, &sc, &stmt);
    } else {
        pm_scan branches[PM_SCAN_MERGE_MAX];
        for (unsigned int i = 0; i < m->count; i++) {
            branches[i] = branch_of(&m->scans[i]);
            pm_pg__bind_scan(&params, &t[i], &branches[i]);
        }
        if (m->limit != 0)
            pm_pg__bind_limit(&params, m->limit);
        st = merge_stmt(p, t, branches, m->count, m->limit != 0, &stmt);
    }
    if (st == PM_OK)
        st = pm_pg__send(p, stmt, &params, pm_pg__rows_streamed(merge_rows(m)), what);
    return st;
}

/* ---- batches ---- */

typedef struct batch_ctx {
    const pm_scan_merge *merges;
    const pm_kind_def *kinds[BATCH_MAX];
    unsigned int entry;  /* the statement whose rows come, among the queue's own */
    unsigned int base;   /* own statements queued before the batch's first */
    int failed;          /* a callback failed: the batch stops */
    uint64_t rows;
} batch_ctx;

static int batch_row(pm_pg *p, const PGresult *res, int row, void *ctx)
{
    batch_ctx *c = ctx;
    if (c->failed)
        return 1;
    const pm_scan_merge *m = &c->merges[c->entry - c->base];
    c->rows++;
    int rc = pm_pg__deliver(p, res, row, c->kinds[c->entry - c->base], m->cb, m->payload);
    if (rc < 0)
        c->failed = 1;
    return rc;
}

static unsigned int own_queued(const pm_pg *p)
{
    unsigned int n = 0;
    for (unsigned int i = 0; i < p->queued; i++)
        n += p->queue[i].own ? 1u : 0u;
    return n;
}

/* Merges of at most BATCH_MAX scans in all: every one checked, then all
 * sent, then one sync. */
static pm_status run_chunk(pm_pg *p, const pm_scan_merge *merges, unsigned int count)
{
    pm_pg_scan_target targets[BATCH_MAX];
    unsigned int first[BATCH_MAX]; /* merge i's first target */
    batch_ctx c;
    memset(&c, 0, sizeof c);
    c.merges = merges;
    unsigned int ntargets = 0;
    for (unsigned int i = 0; i < count; i++) {
        first[i] = ntargets;
        pm_status st = check_merge(p, &merges[i], &targets[ntargets]);
        if (st != PM_OK)
            return st;
        c.kinds[i] = targets[ntargets].k;
        ntargets += merges[i].count;
    }
    const char *what = "batch of scans";
    pm_status st;
    for (int attempt = 0;; attempt++) {
        c.failed = 0;
        st = pm_pg__usable(p, what);
        /* Writes waiting in the pipeline go with the batch, if there is
         * room for both (a statement may need preparing too). */
        if (st == PM_OK && p->queued + 2 * count > PM_PG_QUEUE_CAP)
            st = pm_pg__flush(p, what);
        c.base = own_queued(p);
        for (unsigned int i = 0; st == PM_OK && i < count; i++)
            st = send_merge(p, &merges[i], &targets[first[i]], what);
        if (st == PM_OK) {
            st = pm_pg__sync_batch(p, batch_row, &c, &c.entry, what);
        } else if (own_queued(p) > c.base) {
            /* A send failed after others went: their results are read and
             * dropped, so that the queue holds none of this batch. */
            c.failed = 1;
            pm_pg__sync_batch(p, batch_row, &c, &c.entry, what);
        }
        /* Rows already handed over cannot be taken back. */
        if (c.rows > 0 || !pm_pg__retry(p, st, attempt))
            break;
    }
    return st;
}

/* The scans a merge adds to a chunk; 1 for a count check_merge() refuses. */
static unsigned int scans_of(const pm_scan_merge *m)
{
    return m->count >= 1 && m->count <= PM_SCAN_MERGE_MAX ? m->count : 1;
}

/* Runs the merges in chunks of at most BATCH_MAX scans. */
static pm_status run_merges(pm_pg *p, const pm_scan_merge *merges, size_t count)
{
    pm_status st = PM_OK;
    size_t done = 0;
    while (st == PM_OK && done < count) {
        unsigned int n = 0, scans = 0;
        while (done + n < count && scans + scans_of(&merges[done + n]) <= BATCH_MAX)
            scans += scans_of(&merges[done + n++]);
        st = run_chunk(p, merges + done, n);
        done += n;
    }
    return st;
}

pm_status pm_pg__scan_merged(pm_storage *storage, const pm_scan_merge *merges, size_t count)
{
    pm_pg *p = (pm_pg *)storage;
    if (merges == NULL || count == 0)
        return pm_pg__set_error(p, PM_EINVAL, "batch of merges: no merges");
    return run_merges(p, merges, count);
}

pm_status pm_pg__scan_batch(pm_storage *storage, const pm_scan_item *items, size_t count)
{
    pm_pg *p = (pm_pg *)storage;
    if (items == NULL || count == 0)
        return pm_pg__set_error(p, PM_EINVAL, "batch of scans: no scans");
    pm_status st = PM_OK;
    for (size_t done = 0; st == PM_OK && done < count; done += BATCH_MAX) {
        pm_scan_merge merges[BATCH_MAX];
        size_t n = count - done < BATCH_MAX ? count - done : BATCH_MAX;
        for (size_t i = 0; i < n; i++) {
            const pm_scan_item *item = &items[done + i];
            merges[i] = (pm_scan_merge){ item->scan, 1, 0, item->cb, item->payload };
        }
        st = run_merges(p, merges, n);
    }
    return st;
}
