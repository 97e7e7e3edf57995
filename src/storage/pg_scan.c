/* Scans of the PostgreSQL backend: the SQL of each pm_scan shape, and a
 * cache of prepared statements keyed by that shape (kind, index, equality
 * prefix and which of its values are NULL, kinds of bounds, flags, limit),
 * so repeated scans skip planning.
 *
 * Order: every index column is ASC NULLS FIRST, the contract's order, and a
 * plain index ends with the id, so ORDER BY the index fields and then the
 * id reads the index as it lies (DESC reads it backwards). Large scans (no
 * limit, or one above PM_PG_STREAM_LIMIT) come row by row (libpq's single
 * row mode), so memory stays bounded whatever the table holds. */
#include "pg_internal.h"

#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"

enum bound_mode { BOUND_NONE = 0, BOUND_VALUE = 1, BOUND_NULL = 2 };

/* PM_SCAN_NO_ID is accepted and ignored: the id comes in the same result. */
#define SCAN_FLAGS \
    (PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE | PM_SCAN_DESC | PM_SCAN_INDEX_ONLY | \
     PM_SCAN_NO_ID)
#define SHAPE_BY_ID 0xFFu /* prepare() allows fewer indexes per kind */

/* Scans limited to this many rows read their result whole. */
#define PM_PG_STREAM_LIMIT 1000u

/* What a scan reads: its kind, index, and the column its range bounds. */
typedef struct scan_target {
    const pm_kind_def *k;
    const pm_index_def *ix; /* NULL for PM_SCAN_BY_ID */
    const char *range_name; /* the field after the equality prefix, or "id" */
    pm_field_type range_type;
    int range_nullable;
} scan_target;

static unsigned int bound_mode(const pm_value *v)
{
    if (v == NULL)
        return BOUND_NONE;
    return v->type == PM_VALUE_NULL ? BOUND_NULL : BOUND_VALUE;
}

/* Everything but the NULL equality values that changes a scan's SQL. */
static uint32_t scan_shape(const pm_scan *sc)
{
    uint32_t index = sc->index == PM_SCAN_BY_ID ? SHAPE_BY_ID : sc->index;
    return index | (uint32_t)sc->neq << 8 | (uint32_t)bound_mode(sc->lo) << 12 |
           (uint32_t)bound_mode(sc->hi) << 14 | (uint32_t)(sc->flags & SCAN_FLAGS) << 16 |
           (uint32_t)(sc->limit != 0) << 24;
}

/* "col IS NULL" and "col = $n" are different SQL. */
static uint32_t null_equalities(const pm_scan *sc)
{
    uint32_t nulls = 0;
    for (unsigned int i = 0; i < sc->neq; i++)
        if (sc->eq[i].type == PM_VALUE_NULL)
            nulls |= (uint32_t)1 << i;
    return nulls;
}

static pm_status scan_invalid(pm_pg *p, const scan_target *t, const char *reason)
{
    return pm_pg__set_error(p, PM_EINVAL, "scan of %s by %s: %s", t->k->name,
                            t->ix ? t->ix->name : "id", reason);
}

static pm_status check_scan_index(pm_pg *p, const pm_scan *sc, scan_target *t)
{
    const pm_kind_def *k = t->k;
    if (sc->index == PM_SCAN_BY_ID) {
        if (sc->neq != 0)
            return scan_invalid(p, t, "neq must be 0");
        t->range_name = "id";
        t->range_type = PM_FIELD_INT;
        return PM_OK;
    }
    if (sc->index >= k->nindexes)
        return pm_pg__set_error(p, PM_EINVAL, "scan of %s: index %u does not exist (the kind has %u)",
                                k->name, sc->index, k->nindexes);
    t->ix = &k->indexes[sc->index];
    if (sc->neq > t->ix->nfields)
        return scan_invalid(p, t, "neq is more than the index's fields");
    if (sc->neq > 0 && sc->eq == NULL)
        return scan_invalid(p, t, "eq must not be NULL");
    if ((sc->lo || sc->hi) && sc->neq == t->ix->nfields)
        return scan_invalid(p, t, "a range needs a field after the equality fields");
    for (unsigned int i = 0; i < sc->neq; i++) {
        const pm_field_def *f = &k->fields[t->ix->fields[i]];
        pm_status st = pm_pg__check_value(p, k, f->name, f->type, f->flags, &sc->eq[i], 0);
        if (st != PM_OK)
            return st;
    }
    if (sc->neq < t->ix->nfields) {
        const pm_field_def *f = &k->fields[t->ix->fields[sc->neq]];
        t->range_name = f->name;
        t->range_type = f->type;
        t->range_nullable = !pm_pg__declared_not_null(k, f);
    }
    return PM_OK;
}

static pm_status check_scan(pm_pg *p, const pm_scan *sc, scan_target *t)
{
    if (sc == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "scan: must not be NULL");
    pm_status st = pm_pg__check_kind(p, sc->kind, "scan");
    if (st != PM_OK)
        return st;
    memset(t, 0, sizeof *t);
    t->k = &p->schema->kinds[sc->kind];
    if (sc->flags & ~SCAN_FLAGS)
        return pm_pg__set_error(p, PM_EINVAL, "scan of %s: flags 0x%x are not PM_SCAN_* flags",
                                t->k->name, sc->flags & ~SCAN_FLAGS);
    st = check_scan_index(p, sc, t);
    if (st == PM_OK && sc->lo)
        st = pm_pg__check_value(p, t->k, t->range_name, t->range_type, 0, sc->lo, 0);
    if (st == PM_OK && sc->hi)
        st = pm_pg__check_value(p, t->k, t->range_name, t->range_type, 0, sc->hi, 0);
    return st;
}

/* The SQL of a scan, and its parameters' types in the order it uses them. */
typedef struct scan_sql {
    pm_buf text;
    pm_status st;
    unsigned int nconds;
    Oid types[PM_INDEX_MAX_FIELDS + 3];
    unsigned int ntypes;
} scan_sql;

static void add(scan_sql *q, const char *text)
{
    pm_pg__sql_add(&q->text, &q->st, text);
}

static void add_ident(scan_sql *q, const char *name)
{
    pm_pg__sql_ident(&q->text, &q->st, name);
}

static void add_param(scan_sql *q, pm_field_type type)
{
    char param[16];
    q->types[q->ntypes] = pm_pg__type_oid(type);
    snprintf(param, sizeof param, "$%u", ++q->ntypes);
    add(q, param);
}

static void add_where(scan_sql *q)
{
    add(q, q->nconds++ ? " AND " : " WHERE ");
}

/* NULL sorts before every value, so a bound of NULL still means something:
 * ">= NULL" is everything, "> NULL" every non-NULL value, "<= NULL" only
 * NULLs, "< NULL" nothing. For the same reason an upper bound alone keeps
 * the NULLs of a nullable field, which SQL's "<" would drop; fields
 * declared NOT NULL keep the plain range. */
static void build_range_sql(scan_sql *q, const scan_target *t, const pm_scan *sc)
{
    unsigned int lo = bound_mode(sc->lo), hi = bound_mode(sc->hi);
    const char *lo_op = (sc->flags & PM_SCAN_LO_EXCLUSIVE) ? " > " : " >= ";
    const char *hi_op = (sc->flags & PM_SCAN_HI_EXCLUSIVE) ? " < " : " <= ";
    if (lo == BOUND_VALUE) {
        add_where(q);
        add_ident(q, t->range_name);
        add(q, lo_op);
        add_param(q, t->range_type);
    } else if (lo == BOUND_NULL && (sc->flags & PM_SCAN_LO_EXCLUSIVE) && t->range_nullable) {
        add_where(q);
        add_ident(q, t->range_name);
        add(q, " IS NOT NULL");
    }
    if (hi == BOUND_VALUE) {
        add_where(q);
        int keep_nulls = t->range_nullable && lo != BOUND_VALUE;
        if (keep_nulls) {
            add(q, "(");
            add_ident(q, t->range_name);
            add(q, " IS NULL OR ");
        }
        add_ident(q, t->range_name);
        add(q, hi_op);
        add_param(q, t->range_type);
        if (keep_nulls)
            add(q, ")");
    } else if (hi == BOUND_NULL) {
        add_where(q);
        if (sc->flags & PM_SCAN_HI_EXCLUSIVE) {
            add(q, "false");
        } else {
            add_ident(q, t->range_name);
            add(q, " IS NULL");
        }
    }
}

static int in_index(const pm_index_def *ix, unsigned int field)
{
    for (unsigned int i = 0; i < ix->nfields; i++)
        if (ix->fields[i] == field)
            return 1;
    return 0;
}

/* With PM_SCAN_INDEX_ONLY the fields outside the index read as NULL, so
 * PostgreSQL may answer from the index alone (an index-only scan). */
static void select_columns(scan_sql *q, const pm_pg *p, const scan_target *t, const pm_scan *sc)
{
    (void)p;
    if (!(sc->flags & PM_SCAN_INDEX_ONLY) || t->ix == NULL) {
        pm_pg__sql_columns(&q->text, &q->st, t->k, 1);
        return;
    }
    add(q, "\"id\"");
    for (unsigned int i = 0; i < t->k->nfields; i++) {
        add(q, ", ");
        if (in_index(t->ix, i))
            add_ident(q, t->k->fields[i].name);
        else
            add(q, "NULL");
    }
}

static void build_scan_sql(scan_sql *q, const pm_pg *p, const scan_target *t, const pm_scan *sc)
{
    int desc = (sc->flags & PM_SCAN_DESC) != 0;
    add(q, "SELECT ");
    select_columns(q, p, t, sc);
    add(q, " FROM ");
    pm_pg__sql_table(&q->text, &q->st, p, t->k->name);
    for (unsigned int i = 0; i < sc->neq; i++) {
        const pm_field_def *f = &t->k->fields[t->ix->fields[i]];
        add_where(q);
        add_ident(q, f->name);
        if (sc->eq[i].type == PM_VALUE_NULL) {
            add(q, " IS NULL");
        } else {
            add(q, " = ");
            add_param(q, f->type);
        }
    }
    build_range_sql(q, t, sc);
    add(q, " ORDER BY ");
    for (unsigned int i = 0; t->ix != NULL && i < t->ix->nfields; i++) {
        add_ident(q, t->k->fields[t->ix->fields[i]].name);
        add(q, desc ? " DESC NULLS LAST, " : " ASC NULLS FIRST, ");
    }
    add(q, desc ? "\"id\" DESC" : "\"id\" ASC");
    if (sc->limit != 0) {
        add(q, " LIMIT ");
        add_param(q, PM_FIELD_INT);
    }
}

/* In the order build_scan_sql wrote the parameters. */
static void bind_scan(pm_pg_params *params, const scan_target *t, const pm_scan *sc)
{
    params->n = 0;
    for (unsigned int i = 0; i < sc->neq; i++)
        if (sc->eq[i].type != PM_VALUE_NULL)
            pm_pg__param(params, t->k->fields[t->ix->fields[i]].type, &sc->eq[i]);
    if (bound_mode(sc->lo) == BOUND_VALUE)
        pm_pg__param(params, t->range_type, sc->lo);
    if (bound_mode(sc->hi) == BOUND_VALUE)
        pm_pg__param(params, t->range_type, sc->hi);
    if (sc->limit != 0) {
        if (sc->limit > (uint64_t)INT64_MAX) {
            /* LIMIT NULL is no limit. */
            pm_value none;
            memset(&none, 0, sizeof none);
            pm_pg__param(params, PM_FIELD_INT, &none);
        } else {
            pm_pg__param_int8(params, (int64_t)sc->limit);
        }
    }
}

/* The cached statement of the scan's shape, prepared on this connection. */
static pm_status scan_stmt(pm_pg *p, const scan_target *t, const pm_scan *sc, pm_pg_stmt **out)
{
    pm_pg_kind *cache = &p->kinds[sc->kind];
    uint32_t shape = scan_shape(sc), nulls = null_equalities(sc);
    pm_pg_scan_stmt *slot = NULL;
    for (size_t i = 0; i < cache->nscans && slot == NULL; i++)
        if (cache->scans[i].shape == shape && cache->scans[i].nulls == nulls)
            slot = &cache->scans[i];
    if (slot == NULL) {
        if (cache->nscans == cache->scans_cap) {
            size_t cap = cache->scans_cap ? cache->scans_cap * 2 : 8;
            pm_pg_scan_stmt *scans = pm__realloc(cache->scans, cap * sizeof *scans);
            if (scans == NULL)
                return pm_pg__set_error(p, PM_ENOMEM, "scan of %s: out of memory", t->k->name);
            cache->scans = scans;
            cache->scans_cap = cap;
        }
        slot = &cache->scans[cache->nscans++];
        memset(slot, 0, sizeof *slot);
        slot->shape = shape;
        slot->nulls = nulls;
    }
    if (!pm_pg__stmt_ready(p, &slot->stmt)) {
        scan_sql q;
        memset(&q, 0, sizeof q);
        build_scan_sql(&q, p, t, sc);
        pm_status st = pm_pg__send_prepare(p, &slot->stmt, &q.text, q.st, q.types, q.ntypes,
                                           t->k->name);
        if (st != PM_OK)
            return st;
    }
    *out = &slot->stmt;
    return PM_OK;
}

typedef struct scan_ctx {
    const pm_kind_def *k;
    pm_storage_row_cb cb;
    void *payload;
    uint64_t rows;
} scan_ctx;

static int scan_row(pm_pg *p, const PGresult *res, int row, void *ctx)
{
    scan_ctx *c = ctx;
    c->rows++;
    return pm_pg__deliver(p, res, row, c->k, c->cb, c->payload);
}

pm_status pm_pg__scan(pm_storage *storage, const pm_scan *sc, pm_storage_row_cb cb,
                      void *payload)
{
    pm_pg *p = (pm_pg *)storage;
    scan_target t;
    pm_status st = check_scan(p, sc, &t);
    if (st != PM_OK)
        return st;
    if (cb == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "scan of %s: cb must not be NULL", t.k->name);
    char what[160];
    snprintf(what, sizeof what, "scan of %s", t.k->name);
    pm_pg_stmt *stmt = NULL;
    pm_pg_params params;
    bind_scan(&params, &t, sc);
    int stream = sc->limit == 0 || sc->limit > PM_PG_STREAM_LIMIT;
    scan_ctx c = { t.k, cb, payload, 0 };
    for (int attempt = 0;; attempt++) {
        st = pm_pg__usable(p, what);
        if (st == PM_OK)
            st = scan_stmt(p, &t, sc, &stmt);
        if (st == PM_OK)
            st = pm_pg__send(p, stmt, &params, 1, what);
        if (st == PM_OK)
            st = pm_pg__sync_rows(p, scan_row, &c, stream, NULL, what);
        /* Rows already handed over cannot be taken back. */
        if (c.rows > 0 || !pm_pg__retry(p, st, attempt))
            break;
    }
    return st;
}

/* ---- batches ---- */

/* Scans sent in one round trip; a longer batch takes several. */
#define BATCH_MAX 64u

typedef struct batch_ctx {
    const pm_scan_item *items;
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
    const pm_scan_item *item = &c->items[c->entry - c->base];
    c->rows++;
    int rc = pm_pg__deliver(p, res, row, c->kinds[c->entry - c->base], item->cb, item->payload);
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

/* Up to BATCH_MAX scans: every one checked, then all sent, then one sync. */
static pm_status scan_chunk(pm_pg *p, const pm_scan_item *items, unsigned int count)
{
    scan_target targets[BATCH_MAX];
    batch_ctx c;
    memset(&c, 0, sizeof c);
    c.items = items;
    int stream = 0;
    for (unsigned int i = 0; i < count; i++) {
        pm_status st = check_scan(p, items[i].scan, &targets[i]);
        if (st != PM_OK)
            return st;
        if (items[i].cb == NULL)
            return pm_pg__set_error(p, PM_EINVAL, "scan of %s: cb must not be NULL",
                                    targets[i].k->name);
        c.kinds[i] = targets[i].k;
        uint64_t limit = items[i].scan->limit;
        stream |= limit == 0 || limit > PM_PG_STREAM_LIMIT;
    }
    const char *what = "batch of scans";
    pm_status st;
    for (int attempt = 0;; attempt++) {
        c.failed = 0;
        st = pm_pg__usable(p, what);
        /* Writes waiting in the pipeline go with the batch, if there is
         * room for both (a scan may need its statement prepared too). */
        if (st == PM_OK && p->queued + 2 * count > PM_PG_QUEUE_CAP)
            st = pm_pg__flush(p, what);
        c.base = own_queued(p);
        for (unsigned int i = 0; st == PM_OK && i < count; i++) {
            pm_pg_stmt *stmt = NULL;
            pm_pg_params params;
            bind_scan(&params, &targets[i], items[i].scan);
            st = scan_stmt(p, &targets[i], items[i].scan, &stmt);
            if (st == PM_OK)
                st = pm_pg__send(p, stmt, &params, 1, what);
        }
        if (st == PM_OK) {
            st = pm_pg__sync_batch(p, batch_row, &c, &c.entry, stream, what);
        } else if (own_queued(p) > c.base) {
            /* A send failed after others went: their results are read and
             * dropped, so that the queue holds none of this batch. */
            c.failed = 1;
            pm_pg__sync_batch(p, batch_row, &c, &c.entry, 0, what);
        }
        /* Rows already handed over cannot be taken back. */
        if (c.rows > 0 || !pm_pg__retry(p, st, attempt))
            break;
    }
    return st;
}

pm_status pm_pg__scan_batch(pm_storage *storage, const pm_scan_item *items, size_t count)
{
    pm_pg *p = (pm_pg *)storage;
    if (items == NULL || count == 0)
        return pm_pg__set_error(p, PM_EINVAL, "batch of scans: no scans");
    pm_status st = PM_OK;
    for (size_t done = 0; st == PM_OK && done < count; done += BATCH_MAX) {
        size_t n = count - done < BATCH_MAX ? count - done : BATCH_MAX;
        st = scan_chunk(p, items + done, (unsigned int)n);
    }
    return st;
}

void pm_pg__free_scans(pm_pg_kind *cache)
{
    pm__free(cache->scans);
    cache->scans = NULL;
    cache->nscans = cache->scans_cap = 0;
}
