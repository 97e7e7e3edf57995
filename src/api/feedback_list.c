/* Lists of feedback: received by a person, given by a person, and
 * everything the actor may read. Each source is an index scanned newest
 * first; what the actor may not read is left out inside the scan, from
 * facts gathered before it (a scan callback must not read the store): the
 * actor's standing to one receiver, or the set of people below the actor.
 * Several sources merge by (given_at, id), newest first, each entry once. */
#include "feedback_internal.h"

#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "../core/feedback.h"
#include "../core/org.h"

/* Up to this many people below a manager, list_visible reads each one's
 * received entries through the receiver index; above it, one scan of the
 * entries shared with managers, kept when their receiver is below, reads
 * less than that many index lookups. */
#define BELOW_SCAN_MAX 64

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "feedback list: out of memory");
}

/* ---- the iterator ---- */

struct pm_feedback_iter {
    pm_feedback **items;  /* newest first; handed out ones are freed and NULL */
    size_t count;
    size_t next;
};

pm_status pm_feedback_iter_next(pm_feedback **out, pm_feedback_iter *iter)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    if (iter->next > 0) {
        pm_feedback_free(iter->items[iter->next - 1]);
        iter->items[iter->next - 1] = NULL;
    }
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = iter->items[iter->next++];
    return PM_OK;
}

static void items_free(pm_feedback **items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        pm_feedback_free(items[i]);
    pm__free(items);
}

void pm_feedback_iter_free(pm_feedback_iter *iter)
{
    if (iter == NULL)
        return;
    items_free(iter->items, iter->count);
    pm__free(iter);
}

/* ---- people below the actor ---- */

/* The people below a manager today, sorted by id, for a membership test
 * inside scans. */
typedef struct people {
    pm_session *s;
    pm_date today;
    pm_id *ids;
    size_t count;
    size_t cap;
    /* the scan of the manager's own reports */
    pm_value hi;
    pm_value manager;
    pm_scan first;
} people;

static int collect_report(const pm_row *row, void *payload)
{
    people *p = payload;
    const pm_value *v = row->values;
    if (row->nvalues < PM_REPORTING_NFIELDS)
        return pm_error__set(&p->s->error, PM_ECORRUPT, "reporting_line: stored row %lld is short",
                             (long long)row->id);
    pm_org_period period = {
        pm_feedback__row_int(&v[PM_REPORTING_MANAGER]),
        (pm_date)pm_feedback__row_int(&v[PM_REPORTING_START_ON]),
        v[PM_REPORTING_END_ON].type == PM_VALUE_INT ? (pm_date)v[PM_REPORTING_END_ON].v.i
                                                     : PM_DATE_NONE,
    };
    if (!pm_org__covers(&period, p->today))
        return 0;
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        pm_id *ids = pm__realloc(p->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(p->s);
        p->ids = ids;
        p->cap = cap;
    }
    p->ids[p->count++] = pm_feedback__row_int(&v[PM_REPORTING_PERSON]);
    return 0;
}

static int compare_ids(const void *a, const void *b)
{
    pm_id x = *(const pm_id *)a, y = *(const pm_id *)b;
    return (x > y) - (x < y);
}

static pm_scan reports_of(const people *p, const pm_value *manager)
{
    pm_scan scan = { PM_KIND_REPORTING_LINE, PM_REPORTING_BY_MANAGER, 1, manager, NULL, &p->hi,
                     0, 0 };
    return scan;
}

/* Starts the walk down from manager: the scan of their own reports, which
 * the caller may run in a batch with others of its own. */
static pm_scan_item below_first(people *p, pm_session *s, pm_id manager)
{
    memset(p, 0, sizeof *p);
    p->s = s;
    p->today = pm_api__today(s->db);
    p->hi = pm_value__int(p->today);
    p->manager = pm_value__int(manager);
    p->first = reports_of(p, &p->manager);
    pm_scan_item item = { &p->first, collect_report, p };
    return item;
}

/* Reports' scans sent together: one batch reads a level of the tree. They
 * share an order, so a backend that merges scans reads PM_SCAN_MERGE_MAX
 * of them per statement (nobody here needs their rows in order). */
#define LEVEL_BATCH 64
#define LEVEL_MERGES (LEVEL_BATCH / PM_SCAN_MERGE_MAX)

/* The scans of the next merge when left of them remain to be merged. */
static size_t merge_size(size_t left)
{
    return left < PM_SCAN_MERGE_MAX ? left : PM_SCAN_MERGE_MAX;
}

/* The walk down the reporting lines that hold today, breadth first from
 * the reports below_first() found: the list is its own queue, read
 * LEVEL_BATCH at a time. A person has one manager on a day, so nobody is
 * met twice unless the stored lines loop; the walk limit stops that. */
typedef struct level {
    size_t from, n;                  /* ids[from, from + n) */
    size_t nmerges;
    pm_value managers[LEVEL_BATCH];
    pm_scan scans[LEVEL_BATCH];
    pm_scan_merge merges[LEVEL_MERGES];
} level;

/* The next part of the walk into l->merges; l->n is 0 when it is over. */
static pm_status below_next(people *p, level *l)
{
    l->from += l->n;
    l->n = l->nmerges = 0;
    if (p->count > PM_ORG_WALK_MAX)
        return pm_error__set(&p->s->error, PM_ECORRUPT,
                             "reporting_line: the lines below person %lld loop",
                             (long long)p->manager.v.i);
    size_t left = p->count - l->from;
    l->n = left < LEVEL_BATCH ? left : LEVEL_BATCH;
    for (size_t i = 0; i < l->n; i++) {
        l->managers[i] = pm_value__int(p->ids[l->from + i]);
        l->scans[i] = reports_of(p, &l->managers[i]);
    }
    for (size_t i = 0; i < l->n; i += PM_SCAN_MERGE_MAX) {
        size_t count = merge_size(l->n - i);
        l->merges[l->nmerges++] =
            (pm_scan_merge){ &l->scans[i], (unsigned int)count, 0, collect_report, p };
    }
    return PM_OK;
}

/* A scan item as a merge of one scan. */
static pm_scan_merge merge_of(pm_scan_item item)
{
    pm_scan_merge merge = { item.scan, 1, 0, item.cb, item.payload };
    return merge;
}

/* Sorts the ids found for is_below(), each once. */
static void below_sort(people *p)
{
    if (p->count < 2)
        return;
    qsort(p->ids, p->count, sizeof *p->ids, compare_ids);
    size_t kept = 1;
    for (size_t i = 1; i < p->count; i++)
        if (p->ids[i] != p->ids[kept - 1])
            p->ids[kept++] = p->ids[i];
    p->count = kept;
}

static pm_status people_below(people *p, pm_session *s, pm_id manager)
{
    pm_scan_item first = below_first(p, s, manager);
    pm_status st = pm_api__scan_batch(s, &first, 1);
    level l;
    l.from = l.n = 0;
    while (st == PM_OK && (st = below_next(p, &l)) == PM_OK && l.n > 0)
        st = pm_api__scan_merged(s, l.merges, l.nmerges);
    below_sort(p);
    return st;
}

static int is_below(const people *p, pm_id person)
{
    return p->count > 0
           && bsearch(&person, p->ids, p->count, sizeof *p->ids, compare_ids) != NULL;
}

/* ---- who reads what ---- */

typedef struct reader {
    pm_session *s;
    pm_feedback_recogniser who;
    int reads_all;      /* HR admin or the system: every entry */
    pm_id person;       /* the actor, 0 for the system */
    people below;       /* filled by the lists that need it */
    int above;          /* -1: look receivers up in below; else the standing to the one receiver */
} reader;

static void reader_init(reader *r, pm_session *s)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    pm_feedback__recogniser_init(&r->who, s);
    r->person = s->actor.is_system ? 0 : s->actor.person;
    r->reads_all = 1;
    for (int v = PM_FEEDBACK_TO_RECEIVER; v <= PM_FEEDBACK_TO_ORGANISATION; v++)
        if (pm_access__check(&s->actor, pm_feedback__read_action((pm_feedback_visibility)v),
                             PM_REL_NONE) != PM_OK)
            r->reads_all = 0;
    r->above = -1;
}

static void reader_done(reader *r)
{
    pm_feedback__recogniser_done(&r->who);
    pm__free(r->below.ids);
}

static int may_read(const reader *r, const pm_value *v, pm_id receiver, int mine)
{
    if (r->reads_all)
        return 1;
    pm_feedback_standing standing;
    standing.is_receiver = r->person > 0 && r->person == receiver;
    standing.is_giver = mine;
    standing.is_above = r->above >= 0 ? r->above : is_below(&r->below, receiver);
    pm_feedback_visibility vis = (pm_feedback_visibility)pm_feedback__row_int(&v[PM_FB_VISIBILITY]);
    return pm_feedback__may(&r->s->actor, pm_feedback__read_action(vis), &standing);
}

/* ---- collecting from several scans ---- */

typedef struct collector {
    reader *r;
    pm_feedback **items;
    size_t count;
    size_t cap;
    size_t limit;          /* 0: all */
    /* Once limit entries are known, the oldest of them: a source (newest
     * first) that reaches it has nothing more that could be listed. */
    int have_floor;
    pm_time floor_at;
    pm_id floor_id;
    /* the filters of the next source (source_init() takes them) */
    int want_visibility;   /* 0, or the one visibility kept */
    int want_below;        /* keep only receivers below the actor */
    int want_mine;         /* keep only the actor's own entries */
    int check_access;      /* leave out what the actor may not read */
} collector;

/* One source: an index scanned newest first, and the filters its rows
 * pass. Several may be read in one batch, each with its own filters.
 *
 * A filtered source may have to pass over any number of rows to keep
 * limit of them, but asking a server for all of them costs what it sends
 * (a manager's look-up took twice as long). It reads pages instead, limit
 * rows first, then twice as many each time (more_pages()). A page resumes
 * where the last one ended: from the last given_at read, passing over the
 * rows with that time handed over already. */
typedef struct source {
    collector *c;
    int want_visibility, want_below, want_mine, check_access;
    size_t kept;
    pm_value key, lo, hi;
    pm_scan scan;     /* the scan of a source of one */
    pm_scan *scans;   /* its scans: &scan, or a merged_source's */
    unsigned int nscans;
    uint64_t asked;   /* rows a page asks for: each scan's limit, and the merge's */
    int paged;        /* read in pages of asked rows */
    int stopped;      /* the callback ended the scan: nothing more to read */
    uint64_t rows;    /* rows the page handed over */
    int resume;       /* passing over rows at or after (last_at, last_id) */
    pm_time last_at;  /* the last row read */
    pm_id last_id;
    uint64_t same_at; /* rows read with given_at last_at */
    uint64_t page;    /* rows of the next page besides those passed over */
} source;

/* Pages double from the limit up to this: a filter that keeps few rows
 * costs a few pages, not one per limit rows. */
#define PAGE_MAX 4096u

/* Newest first: later given_at, then higher id. */
static int compare_newest(const void *a, const void *b)
{
    const pm_feedback *x = *(pm_feedback *const *)a, *y = *(pm_feedback *const *)b;
    if (x->given_at != y->given_at)
        return x->given_at < y->given_at ? 1 : -1;
    return (x->id < y->id) - (x->id > y->id);
}

/* Sorts, drops repeats (one entry found by two sources) and what is past
 * the limit, and notes the floor. Allocates nothing. */
static void compact(collector *c)
{
    if (c->count > 1)
        qsort(c->items, c->count, sizeof *c->items, compare_newest);
    size_t kept = 0;
    for (size_t i = 0; i < c->count; i++) {
        if ((kept > 0 && c->items[kept - 1]->id == c->items[i]->id)
            || (c->limit > 0 && kept == c->limit))
            pm_feedback_free(c->items[i]);
        else
            c->items[kept++] = c->items[i];
    }
    c->count = kept;
    if (c->limit > 0 && kept == c->limit) {
        c->have_floor = 1;
        c->floor_at = c->items[kept - 1]->given_at;
        c->floor_id = c->items[kept - 1]->id;
    }
}

static int at_or_below_floor(const collector *c, pm_time at, pm_id id)
{
    return c->have_floor && (at < c->floor_at || (at == c->floor_at && id <= c->floor_id));
}

/* Where an entry given at `at` with id goes among the full, sorted items:
 * the first item older than it. */
static size_t position(const collector *c, pm_time at, pm_id id)
{
    size_t lo = 0, hi = c->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const pm_feedback *m = c->items[mid];
        if (m->given_at > at || (m->given_at == at && m->id > id))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Once limit entries are held (sorted, the floor known), a newer one takes
 * its place and the oldest goes: the list never holds more than limit. */
static int keep_newer(collector *c, const pm_row *row, int mine, pm_time at)
{
    size_t pos = position(c, at, row->id);
    if (pos < c->count && c->items[pos]->id == row->id)
        return 0; /* found by another source already */
    pm_feedback *f = pm_feedback__from_row(row, mine);
    if (f == NULL)
        return out_of_memory(c->r->s);
    pm_feedback_free(c->items[c->count - 1]);
    memmove(&c->items[pos + 1], &c->items[pos], (c->count - 1 - pos) * sizeof *c->items);
    c->items[pos] = f;
    c->floor_at = c->items[c->count - 1]->given_at;
    c->floor_id = c->items[c->count - 1]->id;
    return 0;
}

static int append(collector *c, const pm_row *row, int mine)
{
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 16;
        if (c->limit > 0 && cap > c->limit)
            cap = c->limit > c->count ? c->limit : c->count + 1;
        pm_feedback **items = pm__realloc(c->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(c->r->s);
        c->items = items;
        c->cap = cap;
    }
    pm_feedback *f = pm_feedback__from_row(row, mine);
    if (f == NULL)
        return out_of_memory(c->r->s);
    c->items[c->count++] = f;
    if (c->limit > 0 && c->count == c->limit)
        compact(c); /* sorted from now on, with a floor unless repeats went */
    return 0;
}

/* Notes where a paged source's page got to; 1 when the row was read by
 * an earlier page (at the time the page resumes from). */
static int page_passes(source *src, pm_time at, pm_id id)
{
    src->rows++;
    if (src->resume && at == src->last_at && id >= src->last_id)
        return 1;
    src->same_at = at == src->last_at ? src->same_at + 1 : 1;
    src->last_at = at;
    src->last_id = id;
    return 0;
}

static int collect(const pm_row *row, void *payload)
{
    source *src = payload;
    collector *c = src->c;
    reader *r = c->r;
    pm_status st = pm_feedback__check_row(r->s, row);
    if (st != PM_OK)
        return st;
    const pm_value *v = row->values;
    pm_time at = pm_feedback__row_int(&v[PM_FB_GIVEN_AT]);
    if (src->paged && page_passes(src, at, row->id))
        return 0;
    /* This source is newest first: nothing after this row can be listed. */
    if (at_or_below_floor(c, at, row->id))
        return src->stopped = 1;
    if (src->want_visibility && pm_feedback__row_int(&v[PM_FB_VISIBILITY]) != src->want_visibility)
        return 0;
    pm_id receiver = pm_feedback__row_int(&v[PM_FB_RECEIVER]);
    if (src->want_below && !is_below(&r->below, receiver))
        return 0;
    int mine = pm_feedback__recognise(&r->who, v);
    if ((src->want_mine && !mine) || (src->check_access && !may_read(r, v, receiver, mine)))
        return 0;
    int rc = c->have_floor ? keep_newer(c, row, mine, at) : append(c, row, mine);
    if (rc != 0)
        return rc;
    src->kept++;
    /* This source's later rows are older than the limit it gave already
     * (not so for several scans read one after another). */
    if (c->limit > 0 && src->kept >= c->limit && src->nscans == 1)
        return src->stopped = 1;
    return 0;
}

/* A source of an index, newest first, for key (or every row with index
 * PM_FB_BY_TIME), with the filters set in c, which it clears. Once a floor
 * is known, the backend is asked for nothing older, so a source with
 * nothing newer costs one index seek. src must stay where it is until its
 * scan ran. */
static pm_scan_item source_init(source *src, collector *c, unsigned int index, pm_id key)
{
    src->c = c;
    src->want_visibility = c->want_visibility;
    src->want_below = c->want_below;
    src->want_mine = c->want_mine;
    src->check_access = c->check_access;
    c->want_visibility = c->want_below = c->want_mine = c->check_access = 0;
    src->kept = 0;
    src->key = pm_value__int(key);
    src->lo = pm_value__int(c->floor_at);
    int keyed = index != PM_FB_BY_TIME;
    int filtered = src->want_visibility || src->want_below || src->want_mine || src->check_access;
    src->scans = &src->scan;
    src->nscans = 1;
    src->asked = (uint64_t)c->limit;
    src->paged = filtered && c->limit > 0;
    src->stopped = src->resume = 0;
    src->rows = src->same_at = 0;
    src->last_at = 0;
    src->last_id = 0;
    src->page = (uint64_t)c->limit;
    pm_scan scan = { PM_KIND_FEEDBACK, index, keyed ? 1u : 0u, keyed ? &src->key : NULL,
                     c->have_floor ? &src->lo : NULL, NULL, PM_SCAN_DESC, (uint64_t)c->limit };
    src->scan = scan;
    pm_scan_item item = { &src->scan, collect, src };
    return item;
}

/* Sources of keyed indexes read as one merge, with the filters set in c:
 * a person's own (unfiltered: a backend that merges them hands over only
 * the newest limit of their union), or what the people of a level
 * received, shared with managers (filtered, so read in pages; only where
 * the backend merges, since a page resumes from the union's order). A
 * filtered merge's first page is as many rows as its sources apart would
 * ask for. m must stay where it is until its scans ran. */
typedef struct merged_source {
    source src;
    pm_value keys[PM_SCAN_MERGE_MAX];
    pm_scan scans[PM_SCAN_MERGE_MAX];
} merged_source;

static pm_scan_merge merged_init(merged_source *m, collector *c, const unsigned int *indexes,
                                 const pm_id *keys, unsigned int count)
{
    source *src = &m->src;
    source_init(src, c, indexes[0], keys[0]);
    if (src->paged && (uint64_t)c->limit <= PAGE_MAX / count)
        src->page = (uint64_t)c->limit * count;
    src->asked = src->paged ? src->page : (uint64_t)c->limit;
    for (unsigned int i = 0; i < count; i++) {
        m->keys[i] = pm_value__int(keys[i]);
        m->scans[i] = src->scan;
        m->scans[i].index = indexes[i];
        m->scans[i].eq = &m->keys[i];
        m->scans[i].limit = src->asked;
    }
    src->scans = m->scans;
    src->nscans = count;
    pm_scan_merge merge = { m->scans, count, src->asked, collect, src };
    return merge;
}

/* 1 when a paged source read a whole page and may hold more to keep. */
static int wants_page(const source *src)
{
    return src->paged && !src->stopped && src->rows == src->asked;
}

/* Reads the next pages of the sources of srcs that want one, in batches,
 * until none does. A page starts at the last time read (rows before it
 * there are passed over again, so it asks for as many more), and at the
 * floor known by then. */
static pm_status more_pages(collector *c, source *const *srcs, size_t n)
{
    for (;;) {
        pm_scan_merge merges[LEVEL_BATCH];
        size_t count = 0;
        for (size_t i = 0; i < n && count < LEVEL_BATCH; i++) {
            source *src = srcs[i];
            if (!wants_page(src))
                continue;
            src->resume = 1;
            src->rows = 0;
            src->hi = pm_value__int(src->last_at);
            src->lo = pm_value__int(c->floor_at);
            src->page = src->page < PAGE_MAX / 2 ? src->page * 2 : PAGE_MAX;
            src->asked = src->page + src->same_at;
            for (unsigned int j = 0; j < src->nscans; j++) {
                src->scans[j].hi = &src->hi;
                src->scans[j].lo = c->have_floor ? &src->lo : NULL;
                src->scans[j].limit = src->asked;
            }
            merges[count++] = (pm_scan_merge){ src->scans, src->nscans,
                                               src->nscans > 1 ? src->asked : 0, collect, src };
        }
        if (count == 0)
            return PM_OK;
        pm_status st = pm_api__scan_merged(c->r->s, merges, count);
        if (st != PM_OK)
            return st;
    }
}

static pm_status scan_into(collector *c, unsigned int index, pm_id key)
{
    source src, *one = &src;
    pm_scan_item item = source_init(&src, c, index, key);
    pm_status st = pm_api__scan_batch(c->r->s, &item, 1);
    return st == PM_OK ? more_pages(c, &one, 1) : st;
}

/* Hands what was collected to a new iterator; frees it on failure. */
static pm_status finish(pm_feedback_iter **out, collector *c, pm_status st)
{
    reader_done(c->r);
    pm_feedback_iter *it = NULL;
    if (st == PM_OK) {
        compact(c);
        it = pm__calloc(1, sizeof *it);
        if (it == NULL)
            st = out_of_memory(c->r->s);
    }
    if (st != PM_OK) {
        items_free(c->items, c->count);
        return st;
    }
    it->items = c->items;
    it->count = c->count;
    *out = it;
    return PM_OK;
}

static pm_status check_person(pm_session *s, pm_id person)
{
    if (person <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id",
                             (long long)person);
    return pm_person__check_exists(s, person, "person");
}

static void collector_init(collector *c, reader *r, size_t limit)
{
    memset(c, 0, sizeof *c);
    c->r = r;
    c->limit = limit;
}

/* ---- the lists ---- */

pm_status pm_feedback_list_received(pm_feedback_iter **out, pm_session *s, pm_id person,
                                    size_t limit)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_person(s, person);
    if (st != PM_OK)
        return st;
    reader r;
    collector c;
    reader_init(&r, s);
    collector_init(&c, &r, limit);
    /* One receiver: the actor's standing to them is read once. */
    r.above = 0;
    if (!r.reads_all && r.person > 0 && r.person != person)
        st = pm_org__is_above(&r.above, s, r.person, person, pm_api__today(s->db));
    c.check_access = !r.reads_all && r.person != person;
    if (st == PM_OK)
        st = scan_into(&c, PM_FB_BY_RECEIVER, person);
    return finish(out, &c, st);
}

pm_status pm_feedback_list_given(pm_feedback_iter **out, pm_session *s, pm_id person,
                                 size_t limit)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_person(s, person);
    if (st != PM_OK)
        return st;
    reader r;
    collector c;
    reader_init(&r, s);
    collector_init(&c, &r, limit);
    int own = r.person > 0 && r.person == person;
    /* Someone else's entries go to many receivers: whether the actor is
     * above each is a lookup in the people below the actor. */
    if (!own && !r.reads_all && r.person > 0)
        st = people_below(&r.below, s, r.person);
    c.check_access = !own && !r.reads_all;
    if (st == PM_OK)
        st = scan_into(&c, PM_FB_BY_GIVER, person);
    /* Their own anonymous entries, found among all (giver 0) by the tag:
     * only the giver's session can, and only for themselves. */
    if (st == PM_OK && own && r.who.keyed) {
        c.want_mine = 1;
        st = scan_into(&c, PM_FB_BY_GIVER, 0);
    }
    return finish(out, &c, st);
}

/* A person's view: what they received, what they gave by name, what is
 * shared with everyone, and what their people received and shared with
 * managers. Their own anonymous entries are not looked for: finding them
 * means matching the tag of every anonymous entry in the store, a cost
 * that grows with the whole organisation's feedback, on the list read
 * most often. They show in pm_feedback_list_given() for the giver. */
static pm_status visible_to_person(collector *c, reader *r)
{
    pm_session *s = r->s;
    people *below = &r->below;
    /* One batch (one round trip to a server) for each level of the tree
     * below the person. The first holds their own sources, what is shared
     * with everyone first: it is the busiest, so it sets the floor of the
     * limit soonest. Each next one reads the reports of a level and what
     * its people received, shared with managers, while there are few: a
     * merge per PM_SCAN_MERGE_MAX people where the backend merges, else a
     * source each. */
    static const unsigned int own_indexes[3] = { PM_FB_BY_VISIBILITY, PM_FB_BY_RECEIVER,
                                                 PM_FB_BY_GIVER };
    const pm_id own_keys[3] = { PM_FEEDBACK_TO_ORGANISATION, r->person, r->person };
    unsigned int by_receiver[PM_SCAN_MERGE_MAX];
    for (size_t i = 0; i < PM_SCAN_MERGE_MAX; i++)
        by_receiver[i] = PM_FB_BY_RECEIVER;
    merged_source own;
    union {
        source one[LEVEL_BATCH];
        merged_source merged[LEVEL_MERGES];
    } theirs;
    source *paged[LEVEL_BATCH];
    pm_scan_merge batch[LEVEL_MERGES + LEVEL_BATCH];
    batch[0] = merged_init(&own, c, own_indexes, own_keys, 3);
    batch[1] = merge_of(below_first(below, s, r->person));
    pm_status st = pm_api__scan_merged(s, batch, 2);
    int merges = pm_api__merges(s);
    level l;
    l.from = l.n = 0;
    while (st == PM_OK && (st = below_next(below, &l)) == PM_OK && l.n > 0) {
        memcpy(batch, l.merges, l.nmerges * sizeof *batch);
        size_t nbatch = l.nmerges, npaged = 0;
        for (size_t i = 0; l.from + l.n <= BELOW_SCAN_MAX && i < l.n; npaged++) {
            const pm_id *receivers = &below->ids[l.from + i];
            size_t count = merge_size(l.n - i);
            c->want_visibility = PM_FEEDBACK_TO_MANAGERS;
            if (merges) {
                batch[nbatch++] = merged_init(&theirs.merged[npaged], c, by_receiver, receivers,
                                              (unsigned int)count);
                paged[npaged] = &theirs.merged[npaged].src;
                i += count;
            } else {
                batch[nbatch++] =
                    merge_of(source_init(&theirs.one[npaged], c, PM_FB_BY_RECEIVER, *receivers));
                paged[npaged] = &theirs.one[npaged];
                i++;
            }
        }
        st = pm_api__scan_merged(s, batch, nbatch);
        if (st == PM_OK)
            st = more_pages(c, paged, npaged);
    }
    below_sort(below);
    if (st != PM_OK || below->count <= BELOW_SCAN_MAX)
        return st; /* each one's entries were read on the way down */
    /* Many people below: one scan of what is shared with managers reads
     * less than an index lookup each (entries found twice count once). */
    c->want_below = 1;
    return scan_into(c, PM_FB_BY_VISIBILITY, PM_FEEDBACK_TO_MANAGERS);
}

pm_status pm_feedback_list_visible(pm_feedback_iter **out, pm_session *s, size_t limit)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    reader r;
    collector c;
    reader_init(&r, s);
    collector_init(&c, &r, limit);
    pm_status st = r.reads_all ? scan_into(&c, PM_FB_BY_TIME, 0) : visible_to_person(&c, &r);
    return finish(out, &c, st);
}
