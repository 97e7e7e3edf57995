/* One scan of the PostgreSQL backend: its checks, the SQL of its shape,
 * and a cache of prepared statements keyed by that shape (kind, index,
 * equality prefix and which of its values are NULL, kinds of bounds,
 * flags, limit), so repeated scans skip planning. Batches and merges of
 * scans build on these in pg_batch.c.
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

static unsigned int bound_mode(const pm_value *v)
{
    if (v == NULL)
        return BOUND_NONE;
    return v->type == PM_VALUE_NULL ? BOUND_NULL : BOUND_VALUE;
}

/* Everything but the NULL equality values that changes a scan's SQL. */
uint32_t pm_pg__scan_shape(const pm_scan *sc)
{
    uint32_t index = sc->index == PM_SCAN_BY_ID ? SHAPE_BY_ID : sc->index;
    return index | (uint32_t)sc->neq << 8 | (uint32_t)bound_mode(sc->lo) << 12 |
           (uint32_t)bound_mode(sc->hi) << 14 | (uint32_t)(sc->flags & SCAN_FLAGS) << 16 |
           (uint32_t)(sc->limit != 0) << 24;
}

/* "col IS NULL" and "col = $n" are different SQL. */
uint32_t pm_pg__scan_nulls(const pm_scan *sc)
{
    uint32_t nulls = 0;
    for (unsigned int i = 0; i < sc->neq; i++)
        if (sc->eq[i].type == PM_VALUE_NULL)
            nulls |= (uint32_t)1 << i;
    return nulls;
}

static pm_status scan_invalid(pm_pg *p, const pm_pg_scan_target *t, const char *reason)
{
    return pm_pg__set_error(p, PM_EINVAL, "scan of %s by %s: %s", t->k->name,
                            t->ix ? t->ix->name : "id", reason);
}

static pm_status check_scan_index(pm_pg *p, const pm_scan *sc, pm_pg_scan_target *t)
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

pm_status pm_pg__check_scan(pm_pg *p, const pm_scan *sc, pm_pg_scan_target *t)
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

static void add(pm_pg_scan_sql *q, const char *text)
{
    pm_pg__sql_add(&q->text, &q->st, text);
}

static void add_ident(pm_pg_scan_sql *q, const char *name)
{
    pm_pg__sql_ident(&q->text, &q->st, name);
}

void pm_pg__scan_param(pm_pg_scan_sql *q, pm_field_type type)
{
    char param[16];
    q->types[q->ntypes] = pm_pg__type_oid(type);
    snprintf(param, sizeof param, "$%u", ++q->ntypes);
    add(q, param);
}

static void add_where(pm_pg_scan_sql *q)
{
    add(q, q->nconds++ ? " AND " : " WHERE ");
}

/* NULL sorts before every value, so a bound of NULL still means something:
 * ">= NULL" is everything, "> NULL" every non-NULL value, "<= NULL" only
 * NULLs, "< NULL" nothing. For the same reason an upper bound alone keeps
 * the NULLs of a nullable field, which SQL's "<" would drop; fields
 * declared NOT NULL keep the plain range. */
static void build_range_sql(pm_pg_scan_sql *q, const pm_pg_scan_target *t, const pm_scan *sc)
{
    unsigned int lo = bound_mode(sc->lo), hi = bound_mode(sc->hi);
    const char *lo_op = (sc->flags & PM_SCAN_LO_EXCLUSIVE) ? " > " : " >= ";
    const char *hi_op = (sc->flags & PM_SCAN_HI_EXCLUSIVE) ? " < " : " <= ";
    if (lo == BOUND_VALUE) {
        add_where(q);
        add_ident(q, t->range_name);
        add(q, lo_op);
        pm_pg__scan_param(q, t->range_type);
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
        pm_pg__scan_param(q, t->range_type);
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
static void select_columns(pm_pg_scan_sql *q, const pm_pg *p, const pm_pg_scan_target *t,
                           const pm_scan *sc)
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

void pm_pg__scan_sql(pm_pg_scan_sql *q, const pm_pg *p, const pm_pg_scan_target *t,
                     const pm_scan *sc)
{
    int desc = (sc->flags & PM_SCAN_DESC) != 0;
    q->nconds = 0;
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
            pm_pg__scan_param(q, f->type);
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
        pm_pg__scan_param(q, PM_FIELD_INT);
    }
}

/* In the order pm_pg__scan_sql() wrote the parameters. */
void pm_pg__bind_scan(pm_pg_params *params, const pm_pg_scan_target *t, const pm_scan *sc)
{
    for (unsigned int i = 0; i < sc->neq; i++)
        if (sc->eq[i].type != PM_VALUE_NULL)
            pm_pg__param(params, t->k->fields[t->ix->fields[i]].type, &sc->eq[i]);
    if (bound_mode(sc->lo) == BOUND_VALUE)
        pm_pg__param(params, t->range_type, sc->lo);
    if (bound_mode(sc->hi) == BOUND_VALUE)
        pm_pg__param(params, t->range_type, sc->hi);
    if (sc->limit != 0)
        pm_pg__bind_limit(params, sc->limit);
}

void pm_pg__bind_limit(pm_pg_params *params, uint64_t limit)
{
    if (limit > (uint64_t)INT64_MAX) {
        /* LIMIT NULL is no limit. */
        pm_value none;
        memset(&none, 0, sizeof none);
        pm_pg__param(params, PM_FIELD_INT, &none);
    } else {
        pm_pg__param_int8(params, (int64_t)limit);
    }
}

/* The cached statement of the scan's shape, prepared on this connection. */
pm_status pm_pg__scan_stmt(pm_pg *p, const pm_pg_scan_target *t, const pm_scan *sc,
                           pm_pg_stmt **out)
{
    pm_pg_kind *cache = &p->kinds[sc->kind];
    uint32_t shape = pm_pg__scan_shape(sc), nulls = pm_pg__scan_nulls(sc);
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
        pm_pg_scan_sql q;
        memset(&q, 0, sizeof q);
        pm_pg__scan_sql(&q, p, t, sc);
        pm_status st = pm_pg__send_prepare(p, &slot->stmt, &q.text, q.st, q.types, q.ntypes,
                                           t->k->name);
        if (st != PM_OK)
            return st;
    }
    *out = &slot->stmt;
    return PM_OK;
}

int pm_pg__rows_streamed(uint64_t limit)
{
    return limit == 0 || limit > PM_PG_STREAM_LIMIT ? PM_PG_STREAMED : 1;
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
    pm_pg_scan_target t;
    pm_status st = pm_pg__check_scan(p, sc, &t);
    if (st != PM_OK)
        return st;
    if (cb == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "scan of %s: cb must not be NULL", t.k->name);
    char what[160];
    snprintf(what, sizeof what, "scan of %s", t.k->name);
    pm_pg_stmt *stmt = NULL;
    pm_pg_params params;
    params.n = 0;
    pm_pg__bind_scan(&params, &t, sc);
    scan_ctx c = { t.k, cb, payload, 0 };
    for (int attempt = 0;; attempt++) {
        st = pm_pg__usable(p, what);
        if (st == PM_OK)
            st = pm_pg__scan_stmt(p, &t, sc, &stmt);
        if (st == PM_OK)
            st = pm_pg__send(p, stmt, &params, pm_pg__rows_streamed(sc->limit), what);
        if (st == PM_OK)
            st = pm_pg__sync_rows(p, scan_row, &c, NULL, what);
        /* Rows already handed over cannot be taken back. */
        if (c.rows > 0 || !pm_pg__retry(p, st, attempt))
            break;
    }
    return st;
}

void pm_pg__free_scans(pm_pg_kind *cache)
{
    pm__free(cache->scans);
    cache->scans = NULL;
    cache->nscans = cache->scans_cap = 0;
    pm__free(cache->merges);
    cache->merges = NULL;
    cache->nmerges = cache->merges_cap = 0;
}
