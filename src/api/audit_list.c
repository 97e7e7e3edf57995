/* Reading the audit trail a page at a time, in entry id order. Each query
 * reads the index that narrows it most; where that index is not in id
 * order (an actor's entries, a period) the page keeps the smallest ids it
 * meets, so paging by "after this id" stays exact even when the clock went
 * backwards between two entries. */
#include "audit_hooks.h"

#include <string.h>

#define AUDIT_QUERY "audit_query"

typedef struct entry {
    pm_id id;
    pm_time at;
    pm_id actor;
    int64_t actor_kind;
    int64_t op;
    int64_t kind;
    pm_id record;
    int64_t count;
} entry;

struct pm_audit_page {
    size_t count;
    int more;
    pm_id last;
    entry entries[];
};

/* A checked query, with the record kind found in the schema. */
typedef struct filter {
    pm_time from;
    pm_time to;
    int64_t actor_kind;   /* 0 for both */
    pm_id actor;          /* a person, or 0 */
    int by_kind;
    int64_t kind;
    pm_id record;
    int64_t op;
    pm_id after;
    size_t limit;
} filter;

pm_status pm_audit_query_init(pm_audit_query *query, unsigned int version)
{
    static const pm_audit_query defaults = PM_AUDIT_QUERY_INIT;
    return pm_api__opts_init(query, &defaults, sizeof defaults, version, PM_AUDIT_QUERY_VERSION);
}

/* ---- checking the query ---- */

static pm_status find_kind(int64_t *kind, pm_session *s, const char *name)
{
    const pm_schema *schema = s->db->schema;
    for (unsigned int k = 0; k < schema->nkinds; k++) {
        if (strcmp(schema->kinds[k].name, name) == 0) {
            *kind = k;
            return PM_OK;
        }
    }
    return pm_error__set(&s->error, PM_EINVAL,
                         AUDIT_QUERY ".record_kind: '%.64s' is not a record kind", name);
}

static pm_status check_ids(pm_session *s, const pm_audit_query *q)
{
    const struct {
        pm_id id;
        const char *field;
    } ids[] = { { q->actor, "actor" }, { q->record, "record" }, { q->after, "after" } };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (ids[i].id < 0)
            return pm_error__set(&s->error, PM_EINVAL, AUDIT_QUERY ".%s: %lld is not an id",
                                 ids[i].field, (long long)ids[i].id);
    return PM_OK;
}

static pm_status check_query(filter *f, pm_session *s, const pm_audit_query *q)
{
    pm_status st = pm_api__check_version(s, AUDIT_QUERY, q->version, PM_AUDIT_QUERY_VERSION);
    if (st == PM_OK)
        st = check_ids(s, q);
    if (st != PM_OK)
        return st;
    if (q->from != 0 && q->to != 0 && q->to < q->from)
        return pm_error__set(&s->error, PM_EINVAL, AUDIT_QUERY ".to: %lld is before from (%lld)",
                             (long long)q->to, (long long)q->from);
    if (q->actor_kind != 0 && q->actor_kind != PM_AUDIT_ACTOR_SYSTEM
        && q->actor_kind != PM_AUDIT_ACTOR_PERSON)
        return pm_error__set(&s->error, PM_EINVAL,
                             AUDIT_QUERY ".actor_kind: %d is not an actor kind (0, 1 or 2)",
                             (int)q->actor_kind);
    if (q->actor != 0 && q->actor_kind == PM_AUDIT_ACTOR_SYSTEM)
        return pm_error__set(&s->error, PM_EINVAL,
                             AUDIT_QUERY ".actor: the system actor has no person id (%lld given)",
                             (long long)q->actor);
    if (q->op < 0 || q->op > PM_AUDIT_EXPORT)
        return pm_error__set(&s->error, PM_EINVAL,
                             AUDIT_QUERY ".op: %d is not an operation (0 to %d)", (int)q->op,
                             (int)PM_AUDIT_EXPORT);
    if (q->record != 0 && q->record_kind == NULL)
        return pm_error__set(&s->error, PM_EINVAL,
                             AUDIT_QUERY ".record: needs " AUDIT_QUERY ".record_kind");
    if (q->limit > PM_AUDIT_PAGE_MAX)
        return pm_error__set(&s->error, PM_EINVAL, AUDIT_QUERY ".limit: %zu is more than %d",
                             q->limit, PM_AUDIT_PAGE_MAX);
    memset(f, 0, sizeof *f);
    if (q->record_kind != NULL) {
        st = find_kind(&f->kind, s, q->record_kind);
        if (st != PM_OK)
            return st;
        f->by_kind = 1;
    }
    f->from = q->from;
    f->to = q->to;
    f->actor_kind = q->actor != 0 ? PM_AUDIT_ACTOR_PERSON : q->actor_kind;
    f->actor = q->actor;
    f->record = q->record;
    f->op = q->op;
    f->after = q->after;
    f->limit = q->limit == 0 ? PM_AUDIT_PAGE_DEFAULT : q->limit;
    return PM_OK;
}

static pm_status authorize(pm_session *s)
{
    if (pm_access__check(&s->actor, PM_ACT_AUDIT_READ, PM_REL_NONE) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(PM_ACT_AUDIT_READ));
}

/* ---- collecting ---- */

typedef struct collect {
    pm_session *s;
    const filter *f;
    pm_audit_page *page;
    size_t cap;           /* the limit and one more, to tell whether there is more */
    int in_id_order;      /* the scan gives ids in ascending order */
} collect;

static int matches(const filter *f, const entry *e)
{
    if (e->id <= f->after)
        return 0;
    if ((f->from != 0 && e->at < f->from) || (f->to != 0 && e->at > f->to))
        return 0;
    if (f->actor_kind != 0 && e->actor_kind != f->actor_kind)
        return 0;
    if (f->actor != 0 && e->actor != f->actor)
        return 0;
    if (f->by_kind && e->kind != f->kind)
        return 0;
    if (f->record != 0 && e->record != f->record)
        return 0;
    return f->op == 0 || e->op == f->op;
}

/* Keeps the cap smallest ids met so far, in order. Rows come in nearly
 * ascending id order even from the time indexes, so most are appended or
 * dropped at once. */
static void keep(pm_audit_page *page, size_t cap, const entry *e)
{
    size_t n = page->count;
    if (n == cap) {
        if (e->id >= page->entries[n - 1].id)
            return;
        n--;
    }
    size_t i = n;
    while (i > 0 && page->entries[i - 1].id > e->id) {
        page->entries[i] = page->entries[i - 1];
        i--;
    }
    page->entries[i] = *e;
    page->count = n + 1;
}

static int collect_row(const pm_row *row, void *payload)
{
    collect *c = payload;
    pm_status st = pm_api__check_row(c->s, row, PM_AUDIT_NFIELDS, "audit_entry");
    if (st != PM_OK)
        return st;
    const pm_value *v = row->values;
    entry e = { row->id,
                pm_value__as_int(&v[PM_AUDIT_AT]),
                pm_value__as_int(&v[PM_AUDIT_ACTOR]),
                pm_value__as_int(&v[PM_AUDIT_ACTOR_KIND]),
                pm_value__as_int(&v[PM_AUDIT_OP]),
                pm_value__as_int(&v[PM_AUDIT_RECORD_KIND]),
                pm_value__as_int(&v[PM_AUDIT_RECORD]),
                pm_value__as_int(&v[PM_AUDIT_COUNT]) };
    if (!matches(c->f, &e))
        return 0;
    keep(c->page, c->cap, &e);
    return c->in_id_order && c->page->count == c->cap;
}

/* Picks the index: a record's history (in id order), an actor's entries
 * (the system actor's are those of person id 0), a period, or the whole
 * trail from after. */
static pm_status scan_entries(collect *c)
{
    const filter *f = c->f;
    pm_value eq[2];
    pm_value from = pm_value__int(f->from), to = pm_value__int(f->to);
    pm_value after = pm_value__int(f->after);
    pm_scan scan = { PM_KIND_AUDIT, PM_SCAN_BY_ID, 0, eq, NULL, NULL, 0, 0 };
    if (f->by_kind && f->record != 0) {
        eq[0] = pm_value__int(f->kind);
        eq[1] = pm_value__int(f->record);
        scan.index = PM_AUDIT_BY_RECORD;
        scan.neq = 2;
        c->in_id_order = 1;
    } else if (f->actor != 0 || f->actor_kind == PM_AUDIT_ACTOR_SYSTEM) {
        eq[0] = pm_value__int(f->actor);
        scan.index = PM_AUDIT_BY_ACTOR;
        scan.neq = 1;
        scan.lo = f->from != 0 ? &from : NULL;
        scan.hi = f->to != 0 ? &to : NULL;
    } else if (f->from != 0 || f->to != 0) {
        scan.index = PM_AUDIT_BY_AT;
        scan.lo = f->from != 0 ? &from : NULL;
        scan.hi = f->to != 0 ? &to : NULL;
    } else {
        scan.eq = NULL;
        scan.lo = &after;
        scan.flags = PM_SCAN_LO_EXCLUSIVE;
        c->in_id_order = 1;
    }
    return pm_api__scan(c->s, &scan, collect_row, c);
}

pm_status pm_audit_list(pm_audit_page **out, pm_session *s, const pm_audit_query *query)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    static const pm_audit_query everything = PM_AUDIT_QUERY_INIT;
    filter f;
    pm_status st = authorize(s);
    if (st == PM_OK)
        st = check_query(&f, s, query != NULL ? query : &everything);
    if (st != PM_OK)
        return st;
    collect c = { s, &f, NULL, f.limit + 1, 0 };
    c.page = pm__malloc(sizeof *c.page + c.cap * sizeof c.page->entries[0]);
    if (c.page == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "audit: out of memory");
    c.page->count = 0;
    st = scan_entries(&c);
    if (st != PM_OK) {
        pm__free(c.page);
        return st;
    }
    pm_audit_page *page = c.page;
    page->more = page->count > f.limit;
    if (page->more)
        page->count = f.limit;
    page->last = page->count > 0 ? page->entries[page->count - 1].id : f.after;
    *out = page;
    return PM_OK;
}

/* ---- the page ---- */

void pm_audit_page_free(pm_audit_page *page)
{
    pm__free(page);
}

size_t pm_audit_page_count(const pm_audit_page *page)
{
    return page ? page->count : 0;
}

int pm_audit_page_more(const pm_audit_page *page)
{
    return page ? page->more : 0;
}

pm_id pm_audit_page_last(const pm_audit_page *page)
{
    return page ? page->last : 0;
}

static const entry *at(const pm_audit_page *page, size_t i)
{
    return page != NULL && i < page->count ? &page->entries[i] : NULL;
}

pm_id pm_audit_entry_id(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? e->id : 0;
}

pm_time pm_audit_entry_at(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? e->at : 0;
}

pm_id pm_audit_entry_actor(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? e->actor : 0;
}

pm_audit_actor pm_audit_entry_actor_kind(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? (pm_audit_actor)e->actor_kind : (pm_audit_actor)0;
}

pm_audit_op pm_audit_entry_op(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? (pm_audit_op)e->op : (pm_audit_op)0;
}

const char *pm_audit_entry_record_kind(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? pm_audit__kind_name(e->kind) : NULL;
}

pm_id pm_audit_entry_record(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? e->record : 0;
}

int64_t pm_audit_entry_records(const pm_audit_page *page, size_t i)
{
    const entry *e = at(page, i);
    return e ? e->count : 0;
}
