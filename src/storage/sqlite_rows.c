/* Row operations of the SQLite backend: checking, binding and reading
 * values; insert, update, remove and get, with their prepared statements
 * cached per kind. Scans are in sqlite_scan.c.
 *
 * Values are checked against the field types before SQLite sees them, so a
 * wrong value is PM_EINVAL naming kind.field and nothing is written. Dates
 * are stored as 'YYYY-MM-DD' text: readable in the sqlite3 client, and
 * ordered like the days they stand for (zero-padded, years 1 to 9999).
 *
 * Ordering: SQLite's BINARY collation compares text with memcmp, shorter
 * first on a tie, and sorts NULL before every value (last when descending),
 * which is the storage contract's order. Every SQLite index also holds the
 * rowid after its columns, so ORDER BY the index fields and then "id" reads
 * the index in order without a sort. */
#include "sqlite_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/date.h"
#include "field_types.h"

/* ---- guards ------------------------------------------------------------- */

pm_status pm_sqlite__check_kind(pm_sqlite *s, unsigned int kind, const char *op)
{
    if (s->schema == NULL)
        return pm_sqlite__set_error(s, PM_EMISUSE, "%s: prepare() has not been called", op);
    if (kind >= s->schema->nkinds)
        return pm_sqlite__set_error(s, PM_EINVAL, "%s: kind %u does not exist (the schema has %u)",
                                    op, kind, s->schema->nkinds);
    return PM_OK;
}

static pm_status check_writable(pm_sqlite *s, unsigned int kind, const char *op)
{
    pm_status st = pm_sqlite__check_kind(s, kind, op);
    if (st != PM_OK)
        return st;
    const char *name = s->schema->kinds[kind].name;
    if (s->flags & PM_SQLITE_READONLY)
        return pm_sqlite__set_error(s, PM_EREADONLY, "%s %s: the store is open read-only",
                                    op, name);
    if (s->depth == 0)
        return pm_sqlite__set_error(s, PM_EMISUSE,
                                    "%s %s: writes need a transaction (call begin() first)",
                                    op, name);
    if (pm_sqlite__transaction_lost(s))
        return pm_sqlite__set_error(s, PM_ESTORAGE,
                                    "%s %s: the transaction was already rolled back after an "
                                    "earlier error", op, name);
    return PM_OK;
}

/* ---- values ------------------------------------------------------------- */

/* The ISO text of a day number, NULL outside years 1 to 9999 (where the
 * text would no longer sort like the days). */
static const char *date_text(char buf[PM_DATE_BUFSIZE], int64_t day)
{
    if (day < INT32_MIN || day > INT32_MAX || pm_date_format(buf, (pm_date)day) != PM_OK)
        return NULL;
    return buf;
}

/* A scan bound outside the storable years still has a place in the order:
 * before or after every stored date. These texts sort there and equal none. */
static const char *date_key(char buf[PM_DATE_BUFSIZE], int64_t day)
{
    const char *text = date_text(buf, day);
    if (text != NULL)
        return text;
    return day < 0 ? "0000-00-00" : "9999-99-99";
}

/* storing: 1 for insert/update (NOT NULL and the date range apply), 0 for
 * scan values (a NULL matches NULL; any day has a place in the order). */
pm_status pm_sqlite__check_value(pm_sqlite *s, const pm_kind_def *k, const char *field,
                                 pm_field_type type, unsigned int flags, const pm_value *v,
                                 int storing)
{
    if (v->type == PM_VALUE_NULL) {
        if (storing && (flags & PM_FIELD_NOT_NULL))
            return pm_sqlite__set_error(s, PM_EINVAL, "%s.%s: must not be NULL", k->name, field);
        return PM_OK;
    }
    if (v->type != pm_storage__value_type_of(type))
        return pm_sqlite__set_error(s, PM_EINVAL, "%s.%s: expects %s, got %s", k->name, field,
                                    pm_storage__field_type_words(type), pm_storage__value_type_words(v->type));
    char buf[PM_DATE_BUFSIZE];
    switch (type) {
    case PM_FIELD_DATE:
        if (storing && date_text(buf, v->v.i) == NULL)
            return pm_sqlite__set_error(s, PM_ERANGE,
                                        "%s.%s: day %lld is outside the years 1 to 9999",
                                        k->name, field, (long long)v->v.i);
        break;
    case PM_FIELD_REAL:
        /* SQLite would store NaN as NULL, and NaN has no place in an order. */
        if (isnan(v->v.r))
            return pm_sqlite__set_error(s, PM_EINVAL, "%s.%s: NaN is not a storable number",
                                        k->name, field);
        break;
    case PM_FIELD_TEXT:
    case PM_FIELD_BLOB:
        if (v->v.b.data == NULL && v->v.b.len > 0)
            return pm_sqlite__set_error(s, PM_EINVAL, "%s.%s: %zu bytes without data",
                                        k->name, field, v->v.b.len);
        if (type == PM_FIELD_TEXT && v->v.b.len > 0 && memchr(v->v.b.data, '\0', v->v.b.len))
            return pm_sqlite__set_error(s, PM_EINVAL, "%s.%s: text contains a NUL byte",
                                        k->name, field);
        break;
    default:
        break;
    }
    return PM_OK;
}

/* Checks the values of the fields in mask (bits past the kind's fields are clear). */
static pm_status check_row_values(pm_sqlite *s, const pm_kind_def *k, const pm_value *values,
                                  uint64_t mask)
{
    if (values == NULL && mask != 0)
        return pm_sqlite__set_error(s, PM_EINVAL, "%s: values must not be NULL", k->name);
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (!(mask & PM_UPDATE_FIELD(i)))
            continue;
        const pm_field_def *f = &k->fields[i];
        pm_status st = pm_sqlite__check_value(s, k, f->name, f->type, f->flags, &values[i], 1);
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}

/* Text and blobs are bound SQLITE_STATIC: the caller's bytes outlive the
 * statement's use, and every use ends with clear_bindings(). */
int pm_sqlite__bind_value(sqlite3_stmt *stmt, int param, pm_field_type type, const pm_value *v)
{
    return pm_sqlite__bind_key(stmt, param, type, v, NULL);
}

int pm_sqlite__bind_key(sqlite3_stmt *stmt, int param, pm_field_type type, const pm_value *v,
                        char kept[PM_DATE_BUFSIZE])
{
    char buf[PM_DATE_BUFSIZE];
    switch (v->type) {
    case PM_VALUE_INT:
        if (type == PM_FIELD_DATE && kept != NULL)
            return sqlite3_bind_text(stmt, param, date_key(kept, v->v.i), -1, SQLITE_STATIC);
        if (type == PM_FIELD_DATE)
            return sqlite3_bind_text(stmt, param, date_key(buf, v->v.i), -1, SQLITE_TRANSIENT);
        return sqlite3_bind_int64(stmt, param, v->v.i);
    case PM_VALUE_REAL:
        return sqlite3_bind_double(stmt, param, v->v.r);
    case PM_VALUE_TEXT:
        /* A NULL pointer would bind SQL NULL, not empty text. */
        return sqlite3_bind_text64(stmt, param, v->v.b.len ? v->v.b.data : "", v->v.b.len,
                                   SQLITE_STATIC, SQLITE_UTF8);
    case PM_VALUE_BLOB:
        if (v->v.b.len == 0)
            return sqlite3_bind_zeroblob(stmt, param, 0);
        return sqlite3_bind_blob64(stmt, param, v->v.b.data, v->v.b.len, SQLITE_STATIC);
    case PM_VALUE_NULL:
    default:
        return sqlite3_bind_null(stmt, param);
    }
}

/* Binds the values of the fields in mask to parameters 1 and up, in field
 * order; *next receives the first parameter left. */
static int bind_row_values(sqlite3_stmt *stmt, const pm_kind_def *k, const pm_value *values,
                           uint64_t mask, int *next)
{
    int rc = SQLITE_OK, param = 1;
    for (unsigned int i = 0; rc == SQLITE_OK && i < k->nfields; i++)
        if (mask & PM_UPDATE_FIELD(i))
            rc = pm_sqlite__bind_value(stmt, param++, k->fields[i].type, &values[i]);
    *next = param;
    return rc;
}

/* PM_UPDATE_FIELD() of every field of k. */
static uint64_t all_fields(const pm_kind_def *k)
{
    return k->nfields >= PM_KIND_MAX_FIELDS ? PM_UPDATE_ALL_FIELDS
                                             : PM_UPDATE_FIELD(k->nfields) - 1;
}

/* Ends a statement's use: releases its read snapshot and the caller's bytes. */
void pm_sqlite__release(sqlite3_stmt *stmt)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

static pm_status stored_mismatch(pm_sqlite *s, const pm_kind_def *k, const pm_field_def *f,
                                 pm_id id, const char *found)
{
    return pm_sqlite__set_error(s, PM_ECORRUPT, "%s.%s of record %lld: holds %s, expected %s",
                                k->name, f->name, (long long)id, found, pm_storage__field_type_words(f->type));
}

static const char *column_type_words(int type)
{
    switch (type) {
    case SQLITE_INTEGER:
        return "an integer";
    case SQLITE_FLOAT:
        return "a real number";
    case SQLITE_TEXT:
        return "text";
    default:
        return "a blob";
    }
}

/* Column 0 is the id, column i + 1 the field i. The values borrow SQLite's
 * memory, valid until the statement steps again: the callback's lifetime. */
static pm_status read_value(pm_sqlite *s, sqlite3_stmt *stmt, const pm_kind_def *k,
                            unsigned int i, pm_id id, pm_value *v)
{
    const pm_field_def *f = &k->fields[i];
    int col = (int)i + 1;
    /* One look-up of the cell for its type and number: a scan reads
     * millions. The value is unprotected, which only matters to a
     * connection shared between threads, and this one is not. */
    sqlite3_value *cell = sqlite3_column_value(stmt, col);
    int ctype = sqlite3_value_type(cell);
    if (ctype == SQLITE_NULL) {
        v->type = PM_VALUE_NULL;
        return PM_OK;
    }
    switch (f->type) {
    case PM_FIELD_INT:
    case PM_FIELD_TIME:
        if (ctype != SQLITE_INTEGER)
            return stored_mismatch(s, k, f, id, column_type_words(ctype));
        v->type = PM_VALUE_INT;
        v->v.i = sqlite3_value_int64(cell);
        return PM_OK;
    case PM_FIELD_REAL:
        /* REAL affinity may hand back a whole number typed in the sqlite3 client. */
        if (ctype != SQLITE_FLOAT && ctype != SQLITE_INTEGER)
            return stored_mismatch(s, k, f, id, column_type_words(ctype));
        v->type = PM_VALUE_REAL;
        v->v.r = sqlite3_value_double(cell);
        return PM_OK;
    case PM_FIELD_DATE: {
        if (ctype != SQLITE_TEXT)
            return stored_mismatch(s, k, f, id, column_type_words(ctype));
        pm_date day = 0;
        const char *text = (const char *)sqlite3_column_text(stmt, col);
        if (text == NULL)
            return pm_sqlite__set_error(s, PM_ENOMEM, "%s.%s: out of memory reading it",
                                        k->name, f->name);
        if (pm_date_parse(&day, text) != PM_OK)
            return stored_mismatch(s, k, f, id, "text that is not a date");
        v->type = PM_VALUE_INT;
        v->v.i = day;
        return PM_OK;
    }
    case PM_FIELD_TEXT:
    case PM_FIELD_BLOB:
    default: {
        int want = f->type == PM_FIELD_TEXT ? SQLITE_TEXT : SQLITE_BLOB;
        if (ctype != want)
            return stored_mismatch(s, k, f, id, column_type_words(ctype));
        /* Ask for the bytes first, then their number, as SQLite documents. */
        v->type = f->type == PM_FIELD_TEXT ? PM_VALUE_TEXT : PM_VALUE_BLOB;
        v->v.b.data = want == SQLITE_TEXT ? (const void *)sqlite3_column_text(stmt, col)
                                          : sqlite3_column_blob(stmt, col);
        v->v.b.len = (size_t)sqlite3_column_bytes(stmt, col);
        if (v->v.b.data == NULL && v->v.b.len > 0)
            return pm_sqlite__set_error(s, PM_ENOMEM, "%s.%s: out of memory reading it",
                                        k->name, f->name);
        return PM_OK;
    }
    }
}

/* Reads the current row and hands it to cb; *stop is set when cb asks to end. */
static pm_status deliver_row(pm_sqlite *s, sqlite3_stmt *stmt, const pm_kind_def *k,
                             const pm_read *read, pm_storage_row_cb cb, void *payload,
                             int *stop)
{
    pm_row row;
    row.id = read->id ? sqlite3_column_int64(stmt, 0) : 0;
    row.nvalues = k->nfields;
    row.values = s->row;
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (!(read->fields & PM_UPDATE_FIELD(i))) {
            s->row[i] = read->known[i];
            continue;
        }
        pm_status st = read_value(s, stmt, k, i, row.id, &s->row[i]);
        if (st != PM_OK)
            return st;
    }
    int r = cb(&row, payload);
    if (r < 0)
        return pm_sqlite__set_error(s, (pm_status)r, "%s: the row callback failed: %s", k->name,
                                    pm_status_str(r));
    *stop = r > 0;
    return PM_OK;
}

/* ---- statements ----------------------------------------------------------- */

typedef enum kind_op { OP_INSERT, OP_REMOVE, OP_GET } kind_op;

void pm_sqlite__sql_add(pm_buf *sql, pm_status *st, const char *text)
{
    if (*st == PM_OK)
        *st = pm_buf__appends(sql, text);
}

/* Names are checked in prepare() to hold no quote, so quoting is wrapping. */
void pm_sqlite__sql_ident(pm_buf *sql, pm_status *st, const char *name)
{
    if (*st == PM_OK)
        *st = pm_buf__printf(sql, "\"%s\"", name);
}

void pm_sqlite__sql_columns(pm_buf *sql, pm_status *st, const pm_kind_def *k, int with_id)
{
    if (with_id)
        pm_sqlite__sql_add(sql, st, "\"id\"");
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (with_id || i > 0)
            pm_sqlite__sql_add(sql, st, ", ");
        pm_sqlite__sql_ident(sql, st, k->fields[i].name);
    }
}

static void build_kind_sql(pm_buf *sql, pm_status *st, const pm_kind_def *k, kind_op op)
{
    switch (op) {
    case OP_INSERT:
        pm_sqlite__sql_add(sql, st, "INSERT INTO ");
        pm_sqlite__sql_ident(sql, st, k->name);
        if (k->nfields == 0) {
            pm_sqlite__sql_add(sql, st, " DEFAULT VALUES");
            break;
        }
        pm_sqlite__sql_add(sql, st, " (");
        pm_sqlite__sql_columns(sql, st, k, 0);
        pm_sqlite__sql_add(sql, st, ") VALUES (?");
        for (unsigned int i = 1; i < k->nfields; i++)
            pm_sqlite__sql_add(sql, st, ", ?");
        pm_sqlite__sql_add(sql, st, ")");
        break;
    case OP_REMOVE:
        pm_sqlite__sql_add(sql, st, "DELETE FROM ");
        pm_sqlite__sql_ident(sql, st, k->name);
        pm_sqlite__sql_add(sql, st, " WHERE \"id\" = ?");
        break;
    case OP_GET:
    default:
        pm_sqlite__sql_add(sql, st, "SELECT ");
        pm_sqlite__sql_columns(sql, st, k, 1);
        pm_sqlite__sql_add(sql, st, " FROM ");
        pm_sqlite__sql_ident(sql, st, k->name);
        pm_sqlite__sql_add(sql, st, " WHERE \"id\" = ?");
        break;
    }
}

/* Prepares SQL kept for the instance's lifetime (PERSISTENT tells SQLite so). */
pm_status pm_sqlite__prepare_sql(pm_sqlite *s, pm_buf *sql, pm_status st, const pm_kind_def *k,
                                 sqlite3_stmt **out)
{
    if (st != PM_OK) {
        pm_buf__free(sql);
        return pm_sqlite__set_error(s, st, "%s: out of memory building a statement", k->name);
    }
    int rc = sqlite3_prepare_v3(s->db, sql->data, (int)sql->len + 1, SQLITE_PREPARE_PERSISTENT,
                                out, NULL);
    pm_buf__free(sql);
    if (rc == SQLITE_OK)
        return PM_OK;
    char what[160];
    snprintf(what, sizeof what, "%s: cannot prepare a statement", k->name);
    return pm_sqlite__fail(s, rc, what);
}

static pm_status kind_stmt(pm_sqlite *s, unsigned int kind, kind_op op, sqlite3_stmt **out)
{
    pm_sqlite_kind *cache = &s->kinds[kind];
    sqlite3_stmt **slot = op == OP_INSERT ? &cache->insert
                        : op == OP_REMOVE ? &cache->remove
                                          : &cache->get;
    if (*slot == NULL) {
        pm_buf sql = PM_BUF_INIT;
        pm_status st = PM_OK;
        build_kind_sql(&sql, &st, &s->schema->kinds[kind], op);
        st = pm_sqlite__prepare_sql(s, &sql, st, &s->schema->kinds[kind], slot);
        if (st != PM_OK)
            return st;
    }
    *out = *slot;
    return PM_OK;
}

/* UPDATE "kind" SET "f" = ?, ... WHERE "id" = ? for the fields in mask
 * (not 0). Only those columns are set: SQLite then updates only the
 * indexes that hold one of them. The id is never set, not even to itself:
 * a SET of the rowid makes SQLite rewrite every index of the table. */
static void build_update_sql(pm_buf *sql, pm_status *st, const pm_kind_def *k, uint64_t mask)
{
    const char *sep = " SET ";
    pm_sqlite__sql_add(sql, st, "UPDATE ");
    pm_sqlite__sql_ident(sql, st, k->name);
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (!(mask & PM_UPDATE_FIELD(i)))
            continue;
        pm_sqlite__sql_add(sql, st, sep);
        pm_sqlite__sql_ident(sql, st, k->fields[i].name);
        pm_sqlite__sql_add(sql, st, " = ?");
        sep = ", ";
    }
    pm_sqlite__sql_add(sql, st, " WHERE \"id\" = ?");
}

/* The UPDATE for the fields in mask (not 0, within the kind's fields): the
 * all-fields one has a slot of its own; others share a small cache per kind
 * that replaces its slots in turn once full. */
static pm_status update_stmt(pm_sqlite *s, unsigned int kind, uint64_t mask, sqlite3_stmt **out)
{
    pm_sqlite_kind *cache = &s->kinds[kind];
    const pm_kind_def *k = &s->schema->kinds[kind];
    sqlite3_stmt **slot;
    if (mask == all_fields(k)) {
        slot = &cache->update;
    } else {
        unsigned int i = 0;
        while (i < cache->nupdates && cache->updates[i].mask != mask)
            i++;
        if (i == PM_SQLITE_UPDATE_CACHE) {
            i = cache->next_evict;
            cache->next_evict = (i + 1) % PM_SQLITE_UPDATE_CACHE;
            sqlite3_finalize(cache->updates[i].stmt);
            cache->updates[i].stmt = NULL;
        } else if (i == cache->nupdates) {
            cache->updates[cache->nupdates++].stmt = NULL;
        }
        cache->updates[i].mask = mask;
        slot = &cache->updates[i].stmt;
    }
    if (*slot == NULL) {
        pm_buf sql = PM_BUF_INIT;
        pm_status st = PM_OK;
        build_update_sql(&sql, &st, k, mask);
        st = pm_sqlite__prepare_sql(s, &sql, st, k, slot);
        if (st != PM_OK)
            return st;
    }
    *out = *slot;
    return PM_OK;
}

void pm_sqlite__finalize_statements(pm_sqlite *s)
{
    if (s->kinds == NULL || s->schema == NULL)
        return;
    for (unsigned int i = 0; i < s->schema->nkinds; i++) {
        pm_sqlite_kind *c = &s->kinds[i];
        sqlite3_finalize(c->insert);
        sqlite3_finalize(c->insert_batch);
        sqlite3_finalize(c->update);
        for (unsigned int j = 0; j < c->nupdates; j++)
            sqlite3_finalize(c->updates[j].stmt);
        sqlite3_finalize(c->remove);
        sqlite3_finalize(c->get);
        pm_sqlite__finalize_scans(c);
        memset(c, 0, sizeof *c);
    }
}

/* ---- writes --------------------------------------------------------------- */

/* The unique index a SQLITE_CONSTRAINT_UNIQUE names by its columns
 * ("UNIQUE constraint failed: unit.parent_id, unit.name_key"). */
static const pm_index_def *conflicting_index(pm_sqlite *s, const pm_kind_def *k)
{
    const char *msg = strstr(sqlite3_errmsg(s->db), "failed: ");
    if (msg == NULL)
        return NULL;
    msg += 8;
    for (unsigned int i = 0; i < k->nindexes; i++) {
        const pm_index_def *ix = &k->indexes[i];
        if (!(ix->flags & PM_INDEX_UNIQUE))
            continue;
        const char *p = msg;
        unsigned int j = 0;
        for (; j < ix->nfields; j++) {
            const char *field = k->fields[ix->fields[j]].name;
            size_t klen = strlen(k->name), flen = strlen(field);
            if (j > 0) {
                if (strncmp(p, ", ", 2) != 0)
                    break;
                p += 2;
            }
            if (strncmp(p, k->name, klen) != 0 || p[klen] != '.' ||
                strncmp(p + klen + 1, field, flen) != 0)
                break;
            p += klen + 1 + flen;
        }
        if (j == ix->nfields && *p == '\0')
            return ix;
    }
    return NULL;
}

static pm_status write_failed(pm_sqlite *s, int rc, const pm_kind_def *k, const char *op)
{
    char what[160];
    snprintf(what, sizeof what, "%s %s", op, k->name);
    if (rc != SQLITE_CONSTRAINT_UNIQUE)
        return pm_sqlite__fail(s, rc, what);
    const pm_index_def *ix = conflicting_index(s, k);
    if (ix == NULL)
        return pm_sqlite__fail(s, rc, what);
    return pm_sqlite__set_error(s, PM_ECONFLICT,
                                "%s: another record has the same values in unique index %s",
                                what, ix->name);
}

pm_status pm_sqlite__insert(pm_storage *storage, unsigned int kind, const pm_value *values,
                            pm_id *id)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    pm_status st = check_writable(s, kind, "insert into");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &s->schema->kinds[kind];
    if (id == NULL)
        return pm_sqlite__set_error(s, PM_EINVAL, "insert into %s: id must not be NULL", k->name);
    sqlite3_stmt *stmt = NULL;
    st = check_row_values(s, k, values, all_fields(k));
    if (st == PM_OK && s->kinds[kind].floor_pending)
        st = pm_sqlite__raise_id_floor(s, kind);
    if (st == PM_OK)
        st = kind_stmt(s, kind, OP_INSERT, &stmt);
    if (st != PM_OK)
        return st;
    int param;
    int rc = bind_row_values(stmt, k, values, all_fields(k), &param);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) {
        *id = sqlite3_last_insert_rowid(s->db);
        if (*id > s->kinds[kind].issued_max)
            s->kinds[kind].issued_max = *id;
        s->kinds[kind].uncommitted_ids = 1;
    } else {
        st = write_failed(s, rc, k, "insert into");
    }
    pm_sqlite__release(stmt);
    return st;
}

/* Rows one INSERT of insert_many() writes: 64, fewer where their
 * parameters would pass the lowest limit SQLite may be built with (999). */
static size_t batch_rows(const pm_kind_def *k)
{
    size_t rows = 999 / k->nfields;
    return rows > 64 ? 64 : rows;
}

/* INSERT INTO "kind" (...) VALUES (?, ...), (?, ...), ... of batch_rows() rows. */
static pm_status batch_stmt(pm_sqlite *s, unsigned int kind, sqlite3_stmt **out)
{
    pm_sqlite_kind *cache = &s->kinds[kind];
    const pm_kind_def *k = &s->schema->kinds[kind];
    if (cache->insert_batch == NULL) {
        pm_buf sql = PM_BUF_INIT;
        pm_status st = PM_OK;
        build_kind_sql(&sql, &st, k, OP_INSERT);
        for (size_t r = 1; r < batch_rows(k); r++) {
            pm_sqlite__sql_add(&sql, &st, ", (?");
            for (unsigned int i = 1; i < k->nfields; i++)
                pm_sqlite__sql_add(&sql, &st, ", ?");
            pm_sqlite__sql_add(&sql, &st, ")");
        }
        st = pm_sqlite__prepare_sql(s, &sql, st, k, &cache->insert_batch);
        if (st != PM_OK)
            return st;
    }
    *out = cache->insert_batch;
    return PM_OK;
}

/* One INSERT of batch_rows() rows from values. */
static pm_status insert_batch(pm_sqlite *s, unsigned int kind, const pm_value *values)
{
    const pm_kind_def *k = &s->schema->kinds[kind];
    sqlite3_stmt *stmt = NULL;
    pm_status st = batch_stmt(s, kind, &stmt);
    if (st != PM_OK)
        return st;
    int rc = SQLITE_OK, param = 1;
    size_t n = batch_rows(k) * k->nfields;
    for (size_t i = 0; rc == SQLITE_OK && i < n; i++)
        rc = pm_sqlite__bind_value(stmt, param++, k->fields[i % k->nfields].type, &values[i]);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE) {
        pm_id last = sqlite3_last_insert_rowid(s->db);
        if (last > s->kinds[kind].issued_max)
            s->kinds[kind].issued_max = last;
        s->kinds[kind].uncommitted_ids = 1;
    } else {
        st = write_failed(s, rc, k, "insert into");
    }
    pm_sqlite__release(stmt);
    return st;
}

pm_status pm_sqlite__insert_many(pm_storage *storage, unsigned int kind, const pm_value *values,
                                 size_t count)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    pm_status st = check_writable(s, kind, "insert into");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &s->schema->kinds[kind];
    if (values == NULL && count > 0)
        return pm_sqlite__set_error(s, PM_EINVAL, "insert into %s: values must not be NULL",
                                    k->name);
    /* Every row is checked before the first is written. */
    for (size_t r = 0; st == PM_OK && r < count; r++)
        st = check_row_values(s, k, &values[r * k->nfields], all_fields(k));
    if (st == PM_OK && s->kinds[kind].floor_pending)
        st = pm_sqlite__raise_id_floor(s, kind);
    size_t done = 0;
    if (k->nfields > 0)
        for (; st == PM_OK && count - done >= batch_rows(k); done += batch_rows(k))
            st = insert_batch(s, kind, &values[done * k->nfields]);
    for (; st == PM_OK && done < count; done++) {
        pm_id id = 0;
        st = pm_sqlite__insert(storage, kind, &values[done * k->nfields], &id);
    }
    return st;
}

static pm_status no_record(pm_sqlite *s, const pm_kind_def *k, pm_id id)
{
    return pm_sqlite__set_error(s, PM_ENOTFOUND, "%s: no record with id %lld", k->name,
                                (long long)id);
}

/* PM_OK when record id exists, PM_ENOTFOUND when not. */
static pm_status check_exists(pm_sqlite *s, unsigned int kind, pm_id id, const char *op)
{
    const pm_kind_def *k = &s->schema->kinds[kind];
    sqlite3_stmt *stmt = NULL;
    pm_status st = kind_stmt(s, kind, OP_GET, &stmt);
    if (st != PM_OK)
        return st;
    int rc = sqlite3_bind_int64(stmt, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc == SQLITE_DONE)
        st = no_record(s, k, id);
    else if (rc != SQLITE_ROW)
        st = write_failed(s, rc, k, op);
    pm_sqlite__release(stmt);
    return st;
}

pm_status pm_sqlite__update(pm_storage *storage, unsigned int kind, pm_id id,
                            const pm_value *values, uint64_t fields)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    pm_status st = check_writable(s, kind, "update of");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &s->schema->kinds[kind];
    uint64_t mask = fields & all_fields(k);
    st = check_row_values(s, k, values, mask);
    if (st != PM_OK)
        return st;
    if (mask == 0)
        return check_exists(s, kind, id, "update of");
    sqlite3_stmt *stmt = NULL;
    st = update_stmt(s, kind, mask, &stmt);
    if (st != PM_OK)
        return st;
    int param;
    int rc = bind_row_values(stmt, k, values, mask, &param);
    if (rc == SQLITE_OK)
        rc = sqlite3_bind_int64(stmt, param, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        st = write_failed(s, rc, k, "update of");
    else if (sqlite3_changes(s->db) == 0)
        st = no_record(s, k, id);
    pm_sqlite__release(stmt);
    return st;
}

pm_status pm_sqlite__remove(pm_storage *storage, unsigned int kind, pm_id id)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    pm_status st = check_writable(s, kind, "remove from");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &s->schema->kinds[kind];
    sqlite3_stmt *stmt = NULL;
    st = kind_stmt(s, kind, OP_REMOVE, &stmt);
    if (st != PM_OK)
        return st;
    int rc = sqlite3_bind_int64(stmt, 1, id);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc != SQLITE_DONE)
        st = write_failed(s, rc, k, "remove from");
    else if (sqlite3_changes(s->db) == 0)
        st = no_record(s, k, id);
    pm_sqlite__release(stmt);
    return st;
}

/* ---- reads ---------------------------------------------------------------- */

/* Records an SQLite failure of a read as "<op> <kind>: <sqlite message>".
 * The text is only put together on failure: formatting it before every
 * read cost a tenth of a small scan. */
pm_status pm_sqlite__read_failed(pm_sqlite *s, int rc, const char *op, const pm_kind_def *k)
{
    char what[160];
    snprintf(what, sizeof what, "%s %s", op, k->name);
    return pm_sqlite__fail(s, rc, what);
}

/* Steps through stmt's rows, handing each to cb, until the end, cb's stop
 * or an error; op and the kind name the read in an SQLite failure. */
pm_status pm_sqlite__run_query(pm_sqlite *s, sqlite3_stmt *stmt, const pm_kind_def *k,
                               const pm_read *read, pm_storage_row_cb cb, void *payload,
                               const char *op, int *rows)
{
    pm_status st = PM_OK;
    int stop = 0;
    *rows = 0;
    while (st == PM_OK && !stop) {
        int rc = sqlite3_step(stmt);
        if (rc == SQLITE_DONE)
            break;
        if (rc != SQLITE_ROW) {
            st = pm_sqlite__read_failed(s, rc, op, k);
            break;
        }
        (*rows)++;
        st = deliver_row(s, stmt, k, read, cb, payload, &stop);
    }
    pm_sqlite__release(stmt);
    return st;
}

pm_status pm_sqlite__get(pm_storage *storage, unsigned int kind, pm_id id,
                         pm_storage_row_cb cb, void *payload)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    pm_status st = pm_sqlite__check_kind(s, kind, "get");
    if (st != PM_OK)
        return st;
    const pm_kind_def *k = &s->schema->kinds[kind];
    if (cb == NULL)
        return pm_sqlite__set_error(s, PM_EINVAL, "get from %s: cb must not be NULL", k->name);
    sqlite3_stmt *stmt = NULL;
    st = kind_stmt(s, kind, OP_GET, &stmt);
    if (st != PM_OK)
        return st;
    int rc = sqlite3_bind_int64(stmt, 1, id);
    if (rc != SQLITE_OK) {
        pm_sqlite__release(stmt);
        return pm_sqlite__fail(s, rc, "get");
    }
    int rows = 0;
    const pm_read every_field = { PM_UPDATE_ALL_FIELDS, NULL, 1 };
    st = pm_sqlite__run_query(s, stmt, k, &every_field, cb, payload, "get from", &rows);
    if (st == PM_OK && rows == 0)
        st = no_record(s, k, id);
    return st;
}
