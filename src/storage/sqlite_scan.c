/* Scans of the SQLite backend: the SQL of each pm_scan shape, and a cache of
 * prepared statements keyed by that shape (kind, index, equality prefix,
 * kinds of bounds, flags, limit), so repeated scans skip parsing. */
#include "sqlite_internal.h"

#include <string.h>

#include "../util/alloc.h"

enum bound_mode { BOUND_NONE = 0, BOUND_VALUE = 1, BOUND_NULL = 2 };

#define SCAN_FLAGS \
    (PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE | PM_SCAN_DESC | PM_SCAN_INDEX_ONLY | \
     PM_SCAN_NO_ID)
#define SHAPE_BY_ID 0xFFu /* prepare() allows fewer indexes per kind */

/* What a scan reads: its kind, index, and the column its range bounds. */
typedef struct scan_target {
    const pm_kind_def *k;
    const pm_index_def *ix;   /* NULL for PM_SCAN_BY_ID */
    const char *range_name;   /* the field after the equality prefix, or "id" */
    pm_field_type range_type;
    int range_nullable;
} scan_target;

static unsigned int bound_mode(const pm_value *v)
{
    if (v == NULL)
        return BOUND_NONE;
    return v->type == PM_VALUE_NULL ? BOUND_NULL : BOUND_VALUE;
}

/* Everything that changes a scan's SQL, packed as the statement cache's key. */
static uint32_t scan_shape(const pm_scan *sc)
{
    uint32_t index = sc->index == PM_SCAN_BY_ID ? SHAPE_BY_ID : sc->index;
    return index | (uint32_t)sc->neq << 8 | (uint32_t)bound_mode(sc->lo) << 12 |
           (uint32_t)bound_mode(sc->hi) << 14 | (uint32_t)(sc->flags & SCAN_FLAGS) << 16 |
           (uint32_t)(sc->limit != 0) << 24;
}

static pm_status scan_invalid(pm_sqlite *s, const scan_target *t, const char *reason)
{
    return pm_sqlite__set_error(s, PM_EINVAL, "scan of %s by %s: %s", t->k->name,
                                t->ix ? t->ix->name : "id", reason);
}

static pm_status check_scan_index(pm_sqlite *s, const pm_scan *sc, scan_target *t)
{
    const pm_kind_def *k = t->k;
    if (sc->index == PM_SCAN_BY_ID) {
        if (sc->neq != 0)
            return scan_invalid(s, t, "neq must be 0");
        t->range_name = "id";
        t->range_type = PM_FIELD_INT;
        return PM_OK;
    }
    if (sc->index >= k->nindexes)
        return pm_sqlite__set_error(s, PM_EINVAL,
                                    "scan of %s: index %u does not exist (the kind has %u)",
                                    k->name, sc->index, k->nindexes);
    t->ix = &k->indexes[sc->index];
    if (sc->neq > t->ix->nfields)
        return scan_invalid(s, t, "neq is more than the index's fields");
    if (sc->neq > 0 && sc->eq == NULL)
        return scan_invalid(s, t, "eq must not be NULL");
    if ((sc->lo || sc->hi) && sc->neq == t->ix->nfields)
        return scan_invalid(s, t, "a range needs a field after the equality fields");
    for (unsigned int i = 0; i < sc->neq; i++) {
        const pm_field_def *f = &k->fields[t->ix->fields[i]];
        pm_status st = pm_sqlite__check_value(s, k, f->name, f->type, f->flags, &sc->eq[i], 0);
        if (st != PM_OK)
            return st;
    }
    if (sc->neq < t->ix->nfields) {
        const pm_field_def *f = &k->fields[t->ix->fields[sc->neq]];
        t->range_name = f->name;
        t->range_type = f->type;
        t->range_nullable = !pm_sqlite__declared_not_null(k, f);
    }
    return PM_OK;
}

static pm_status check_scan(pm_sqlite *s, const pm_scan *sc, scan_target *t)
{
    if (sc == NULL)
        return pm_sqlite__set_error(s, PM_EINVAL, "scan: must not be NULL");
    pm_status st = pm_sqlite__check_kind(s, sc->kind, "scan");
    if (st != PM_OK)
        return st;
    memset(t, 0, sizeof *t);
    t->k = &s->schema->kinds[sc->kind];
    if (sc->flags & ~SCAN_FLAGS)
        return pm_sqlite__set_error(s, PM_EINVAL, "scan of %s: flags 0x%x are not PM_SCAN_* flags",
                                    t->k->name, sc->flags & ~SCAN_FLAGS);
    st = check_scan_index(s, sc, t);
    if (st == PM_OK && sc->lo)
        st = pm_sqlite__check_value(s, t->k, t->range_name, t->range_type, 0, sc->lo, 0);
    if (st == PM_OK && sc->hi)
        st = pm_sqlite__check_value(s, t->k, t->range_name, t->range_type, 0, sc->hi, 0);
    return st;
}

static void sql_where(pm_buf *sql, pm_status *st, unsigned int *nconds)
{
    pm_sqlite__sql_add(sql, st, (*nconds)++ ? " AND " : " WHERE ");
}

/* NULL sorts before every value, so a bound of NULL still means something:
 * ">= NULL" is everything, "> NULL" every non-NULL value, "<= NULL" only
 * NULLs, "< NULL" nothing. For the same reason an upper bound alone keeps
 * the NULLs of a nullable field, which SQL's "<" would drop. SQLite cannot
 * seek on "x IS NULL OR x < ?", so that one form reads the whole equality
 * prefix and filters; fields declared NOT NULL keep the plain range. */
static void build_range_sql(pm_buf *sql, pm_status *st, const scan_target *t,
                            const pm_scan *sc, unsigned int *nconds)
{
    unsigned int lo = bound_mode(sc->lo), hi = bound_mode(sc->hi);
    const char *lo_op = (sc->flags & PM_SCAN_LO_EXCLUSIVE) ? " > ?" : " >= ?";
    const char *hi_op = (sc->flags & PM_SCAN_HI_EXCLUSIVE) ? " < ?" : " <= ?";
    if (lo == BOUND_VALUE) {
        sql_where(sql, st, nconds);
        pm_sqlite__sql_ident(sql, st, t->range_name);
        pm_sqlite__sql_add(sql, st, lo_op);
    } else if (lo == BOUND_NULL && (sc->flags & PM_SCAN_LO_EXCLUSIVE) && t->range_nullable) {
        sql_where(sql, st, nconds);
        pm_sqlite__sql_ident(sql, st, t->range_name);
        pm_sqlite__sql_add(sql, st, " IS NOT NULL");
    }
    if (hi == BOUND_VALUE) {
        sql_where(sql, st, nconds);
        int keep_nulls = t->range_nullable && lo != BOUND_VALUE;
        if (keep_nulls) {
            pm_sqlite__sql_add(sql, st, "(");
            pm_sqlite__sql_ident(sql, st, t->range_name);
            pm_sqlite__sql_add(sql, st, " IS NULL OR ");
        }
        pm_sqlite__sql_ident(sql, st, t->range_name);
        pm_sqlite__sql_add(sql, st, hi_op);
        if (keep_nulls)
            pm_sqlite__sql_add(sql, st, ")");
    } else if (hi == BOUND_NULL) {
        sql_where(sql, st, nconds);
        if (sc->flags & PM_SCAN_HI_EXCLUSIVE) {
            pm_sqlite__sql_add(sql, st, "0");
        } else {
            pm_sqlite__sql_ident(sql, st, t->range_name);
            pm_sqlite__sql_add(sql, st, " IS NULL");
        }
    }
}

/* What a scan reads of each row. The fields of its equality prefix are
 * known: check_scan() let through only NULL or a value of the field's own
 * type, which IS matches only in a row holding that very value. With
 * PM_SCAN_INDEX_ONLY the fields outside the index are NULL, so SQLite
 * answers from the index alone (a covering scan: the table's pages are never
 * read). Everything else comes from the row, the id too unless the scan
 * says PM_SCAN_NO_ID. */
static void fields_read(pm_read *read, pm_value *known, const scan_target *t,
                        const pm_scan *sc)
{
    read->fields = PM_UPDATE_ALL_FIELDS;
    read->known = known;
    read->id = !(sc->flags & PM_SCAN_NO_ID);
    for (unsigned int i = 0; i < t->k->nfields; i++)
        known[i].type = PM_VALUE_NULL;
    if ((sc->flags & PM_SCAN_INDEX_ONLY) && t->ix != NULL) {
        read->fields = 0;
        for (unsigned int i = 0; i < t->ix->nfields; i++)
            read->fields |= PM_UPDATE_FIELD(t->ix->fields[i]);
    }
    for (unsigned int i = 0; i < sc->neq; i++) {
        read->fields &= ~PM_UPDATE_FIELD(t->ix->fields[i]);
        known[t->ix->fields[i]] = sc->eq[i];
    }
}

/* The row's id, then its fields, NULL for each one the scan need not read. */
static void select_columns(pm_buf *sql, pm_status *st, const scan_target *t, const pm_scan *sc)
{
    pm_read read;
    pm_value known[PM_KIND_MAX_FIELDS];
    fields_read(&read, known, t, sc);
    pm_sqlite__sql_add(sql, st, read.id ? "\"id\"" : "0");
    for (unsigned int i = 0; i < t->k->nfields; i++) {
        pm_sqlite__sql_add(sql, st, ", ");
        if (read.fields & PM_UPDATE_FIELD(i))
            pm_sqlite__sql_ident(sql, st, t->k->fields[i].name);
        else
            pm_sqlite__sql_add(sql, st, "NULL");
    }
}

static void build_scan_sql(pm_buf *sql, pm_status *st, const scan_target *t, const pm_scan *sc)
{
    const char *dir = (sc->flags & PM_SCAN_DESC) ? " DESC" : "";
    unsigned int nconds = 0;
    pm_sqlite__sql_add(sql, st, "SELECT ");
    select_columns(sql, st, t, sc);
    pm_sqlite__sql_add(sql, st, " FROM ");
    pm_sqlite__sql_ident(sql, st, t->k->name);
    /* IS, not =: a NULL equality value matches NULL fields. */
    for (unsigned int i = 0; i < sc->neq; i++) {
        sql_where(sql, st, &nconds);
        pm_sqlite__sql_ident(sql, st, t->k->fields[t->ix->fields[i]].name);
        pm_sqlite__sql_add(sql, st, " IS ?");
    }
    build_range_sql(sql, st, t, sc, &nconds);
    pm_sqlite__sql_add(sql, st, " ORDER BY ");
    for (unsigned int i = 0; t->ix != NULL && i < t->ix->nfields; i++) {
        pm_sqlite__sql_ident(sql, st, t->k->fields[t->ix->fields[i]].name);
        pm_sqlite__sql_add(sql, st, dir);
        pm_sqlite__sql_add(sql, st, ", ");
    }
    pm_sqlite__sql_add(sql, st, "\"id\"");
    pm_sqlite__sql_add(sql, st, dir);
    if (sc->limit != 0)
        pm_sqlite__sql_add(sql, st, " LIMIT ?");
}

/* The date texts a scan binds, one per parameter that can hold one (the
 * equality fields and the two bounds): they live in the scan's frame until
 * its statement is released, so SQLite need not copy them. */
typedef char scan_keys[PM_INDEX_MAX_FIELDS + 2][PM_DATE_BUFSIZE];

/* Binds in the order build_scan_sql wrote the parameters. */
static int bind_scan(sqlite3_stmt *stmt, const scan_target *t, const pm_scan *sc,
                     scan_keys keys)
{
    int param = 1, rc = SQLITE_OK;
    for (unsigned int i = 0; rc == SQLITE_OK && i < sc->neq; i++)
        rc = pm_sqlite__bind_key(stmt, param++, t->k->fields[t->ix->fields[i]].type, &sc->eq[i],
                                 keys[i]);
    if (rc == SQLITE_OK && bound_mode(sc->lo) == BOUND_VALUE)
        rc = pm_sqlite__bind_key(stmt, param++, t->range_type, sc->lo, keys[PM_INDEX_MAX_FIELDS]);
    if (rc == SQLITE_OK && bound_mode(sc->hi) == BOUND_VALUE)
        rc = pm_sqlite__bind_key(stmt, param++, t->range_type, sc->hi,
                                 keys[PM_INDEX_MAX_FIELDS + 1]);
    /* A limit past INT64_MAX is no limit; SQLite reads a negative one so. */
    if (rc == SQLITE_OK && sc->limit != 0)
        rc = sqlite3_bind_int64(stmt, param,
                                sc->limit > (uint64_t)INT64_MAX ? -1 : (int64_t)sc->limit);
    return rc;
}

static pm_status scan_stmt(pm_sqlite *s, const scan_target *t, const pm_scan *sc,
                           sqlite3_stmt **out)
{
    pm_sqlite_kind *cache = &s->kinds[sc->kind];
    uint32_t shape = scan_shape(sc);
    for (size_t i = 0; i < cache->nscans; i++) {
        if (cache->scans[i].shape == shape) {
            *out = cache->scans[i].stmt;
            return PM_OK;
        }
    }
    if (cache->nscans == cache->scans_cap) {
        size_t cap = cache->scans_cap ? cache->scans_cap * 2 : 8;
        pm_sqlite_scan_stmt *scans = pm__realloc(cache->scans, cap * sizeof *scans);
        if (scans == NULL)
            return pm_sqlite__set_error(s, PM_ENOMEM, "scan of %s: out of memory", t->k->name);
        cache->scans = scans;
        cache->scans_cap = cap;
    }
    pm_buf sql = PM_BUF_INIT;
    pm_status st = PM_OK;
    build_scan_sql(&sql, &st, t, sc);
    st = pm_sqlite__prepare_sql(s, &sql, st, t->k, out);
    if (st != PM_OK)
        return st;
    cache->scans[cache->nscans].shape = shape;
    cache->scans[cache->nscans].stmt = *out;
    cache->nscans++;
    return PM_OK;
}

pm_status pm_sqlite__scan(pm_storage *storage, const pm_scan *sc, pm_storage_row_cb cb,
                          void *payload)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    scan_target t;
    pm_status st = check_scan(s, sc, &t);
    if (st != PM_OK)
        return st;
    if (cb == NULL)
        return pm_sqlite__set_error(s, PM_EINVAL, "scan of %s: cb must not be NULL", t.k->name);
    sqlite3_stmt *stmt = NULL;
    st = scan_stmt(s, &t, sc, &stmt);
    if (st != PM_OK)
        return st;
    scan_keys keys;
    int rc = bind_scan(stmt, &t, sc, keys);
    if (rc != SQLITE_OK) {
        pm_sqlite__release(stmt);
        return pm_sqlite__read_failed(s, rc, "scan of", t.k);
    }
    pm_read read;
    pm_value known[PM_KIND_MAX_FIELDS];
    fields_read(&read, known, &t, sc);
    int rows = 0;
    return pm_sqlite__run_query(s, stmt, t.k, &read, cb, payload, "scan of", &rows);
}

void pm_sqlite__finalize_scans(pm_sqlite_kind *cache)
{
    for (size_t i = 0; i < cache->nscans; i++)
        sqlite3_finalize(cache->scans[i].stmt);
    pm__free(cache->scans);
    cache->scans = NULL;
    cache->nscans = cache->scans_cap = 0;
}
