/* prepare() of the SQLite backend: recognise the file, then create the
 * tables of a new store or migrate an older one forward.
 *
 * The file says what it is in its header: PRAGMA application_id is
 * PM_SQLITE_APPLICATION_ID and PRAGMA user_version the schema version.
 * Migration creates what a newer schema added (kinds, fields, indexes marked
 * with a later `since`) inside one write transaction, together with the new
 * user_version, so a failure leaves the file as it was. */
#include "sqlite_internal.h"

#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/buf.h"

/* The scan cache packs an index position into 8 bits, 0xFF meaning the id. */
#define MAX_INDEXES_PER_KIND 255u

typedef struct store_state {
    int64_t application_id;
    int64_t version;   /* PRAGMA user_version */
    int64_t objects;   /* rows of sqlite_master: tables, indexes, views, triggers */
} store_state;

/* ---- checking the schema ------------------------------------------------ */

/* Names become SQL identifiers and appear in messages; the storage header
 * allows lower case letters, digits and '_', and SQLite reserves "sqlite_". */
static int valid_name(const char *name)
{
    if (name == NULL || *name == '\0' || (*name >= '0' && *name <= '9'))
        return 0;
    if (strncmp(name, "sqlite_", 7) == 0)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

static pm_status bad_schema(pm_sqlite *s, const char *what, const char *name, const char *reason)
{
    return pm_sqlite__set_error(s, PM_EINVAL, "schema: %s '%s': %s", what,
                                name ? name : "(NULL)", reason);
}

static pm_status check_field(pm_sqlite *s, const pm_schema *schema, const pm_kind_def *k,
                             const pm_field_def *f)
{
    if (!valid_name(f->name))
        return bad_schema(s, "field", f->name, "a name is lower case letters, digits and '_'");
    if (strcmp(f->name, "id") == 0)
        return bad_schema(s, "field", f->name, "'id' is the record id column");
    if (f->type < PM_FIELD_INT || f->type > PM_FIELD_TIME)
        return bad_schema(s, "field", f->name, "unknown field type");
    if (f->since < k->since || f->since > schema->version)
        return bad_schema(s, "field", f->name, "since is outside its kind's since..schema version");
    return PM_OK;
}

static pm_status check_index(pm_sqlite *s, const pm_schema *schema, const pm_kind_def *k,
                             const pm_index_def *ix)
{
    if (!valid_name(ix->name))
        return bad_schema(s, "index", ix->name, "a name is lower case letters, digits and '_'");
    if (ix->nfields < 1 || ix->nfields > PM_INDEX_MAX_FIELDS)
        return bad_schema(s, "index", ix->name, "covers 1 to PM_INDEX_MAX_FIELDS fields");
    if (ix->since < k->since || ix->since > schema->version)
        return bad_schema(s, "index", ix->name,
                          "since is outside its kind's since..schema version");
    for (unsigned int i = 0; i < ix->nfields; i++) {
        if (ix->fields[i] >= k->nfields)
            return bad_schema(s, "index", ix->name, "names a field its kind does not have");
        if (k->fields[ix->fields[i]].since > ix->since)
            return bad_schema(s, "index", ix->name, "is older than a field it covers");
    }
    return PM_OK;
}

static pm_status check_kind(pm_sqlite *s, const pm_schema *schema, const pm_kind_def *k)
{
    if (!valid_name(k->name))
        return bad_schema(s, "kind", k->name, "a name is lower case letters, digits and '_'");
    if (k->since < 1 || k->since > schema->version)
        return bad_schema(s, "kind", k->name, "since is outside 1..schema version");
    if ((k->nfields > 0 && k->fields == NULL) || (k->nindexes > 0 && k->indexes == NULL))
        return bad_schema(s, "kind", k->name, "fields or indexes missing");
    if (k->nindexes >= MAX_INDEXES_PER_KIND)
        return bad_schema(s, "kind", k->name, "has more than 254 indexes");
    if (k->nfields > PM_KIND_MAX_FIELDS)
        return bad_schema(s, "kind", k->name, "has more than PM_KIND_MAX_FIELDS (64) fields");
    pm_status st = PM_OK;
    for (unsigned int i = 0; st == PM_OK && i < k->nfields; i++)
        st = check_field(s, schema, k, &k->fields[i]);
    for (unsigned int i = 0; st == PM_OK && i < k->nindexes; i++)
        st = check_index(s, schema, k, &k->indexes[i]);
    return st;
}

static pm_status check_schema(pm_sqlite *s, const pm_schema *schema)
{
    if (schema->version < 1)
        return pm_sqlite__set_error(s, PM_EINVAL, "schema: version must be 1 or more");
    if (schema->nkinds > 0 && schema->kinds == NULL)
        return pm_sqlite__set_error(s, PM_EINVAL, "schema: kinds must not be NULL");
    pm_status st = PM_OK;
    for (unsigned int i = 0; st == PM_OK && i < schema->nkinds; i++)
        st = check_kind(s, schema, &schema->kinds[i]);
    return st;
}

static pm_status alloc_caches(pm_sqlite *s, const pm_schema *schema)
{
    /* A failed prepare() may be retried, perhaps with another schema. */
    pm__free(s->kinds);
    pm__free(s->row);
    unsigned int widest = 1;
    for (unsigned int i = 0; i < schema->nkinds; i++)
        if (schema->kinds[i].nfields > widest)
            widest = schema->kinds[i].nfields;
    s->kinds = pm__calloc(schema->nkinds ? schema->nkinds : 1, sizeof *s->kinds);
    s->row = pm__calloc(widest, sizeof *s->row);
    if (s->kinds == NULL || s->row == NULL)
        return pm_sqlite__set_error(s, PM_ENOMEM, "prepare: out of memory");
    return PM_OK;
}

/* ---- reading the header ------------------------------------------------- */

static pm_status query_int(pm_sqlite *s, const char *sql, int64_t *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL);
    if (rc == SQLITE_OK) {
        rc = sqlite3_step(stmt);
        if (rc == SQLITE_ROW) {
            *out = sqlite3_column_int64(stmt, 0);
            rc = SQLITE_OK;
        }
    }
    pm_status st = rc == SQLITE_OK ? PM_OK : pm_sqlite__fail(s, rc, "reading the store header");
    sqlite3_finalize(stmt);
    return st;
}

static pm_status read_state(pm_sqlite *s, store_state *state)
{
    pm_status st = query_int(s, "PRAGMA application_id", &state->application_id);
    if (st == PM_OK)
        st = query_int(s, "PRAGMA user_version", &state->version);
    if (st == PM_OK)
        st = query_int(s, "SELECT count(*) FROM sqlite_master", &state->objects);
    return st;
}

/* Decides what prepare() must do: *from receives the version the store
 * holds (0 when it is empty) and *build whether anything must be created. */
static pm_status plan(pm_sqlite *s, const store_state *state, const pm_schema *schema,
                      unsigned int *from, int *build)
{
    if (state->application_id == 0 && state->objects == 0) {
        *from = 0;
        *build = 1;
        return PM_OK;
    }
    if (state->application_id == 0)
        return pm_sqlite__set_error(s, PM_ECORRUPT,
                                    "not a perfmgmt store: it holds %lld tables or other objects "
                                    "of another application",
                                    (long long)state->objects);
    if (state->application_id != PM_SQLITE_APPLICATION_ID)
        return pm_sqlite__set_error(s, PM_ECORRUPT,
                                    "not a perfmgmt store: its application_id is 0x%08llx, "
                                    "not 0x%08x",
                                    (unsigned long long)(uint32_t)state->application_id,
                                    (unsigned int)PM_SQLITE_APPLICATION_ID);
    if (state->version < 1)
        return pm_sqlite__set_error(s, PM_ECORRUPT,
                                    "not a perfmgmt store: it has the perfmgmt application_id "
                                    "but schema version %lld",
                                    (long long)state->version);
    if (state->version > (int64_t)schema->version)
        return pm_sqlite__set_error(s, PM_EVERSION,
                                    "store has schema version %lld, newer than this library's %u: "
                                    "upgrade perfmgmt",
                                    (long long)state->version, schema->version);
    *from = (unsigned int)state->version;
    *build = *from < schema->version;
    return PM_OK;
}

/* Reads the header in a read transaction. Most opens find the store up to
 * date; they should not wait for another instance's write lock. */
static pm_status inspect(pm_sqlite *s, const pm_schema *schema, unsigned int *from, int *build)
{
    pm_status st = pm_sqlite__exec(s, "BEGIN", "reading the store header");
    if (st != PM_OK)
        return st;
    store_state state;
    st = read_state(s, &state);
    if (st == PM_OK)
        st = plan(s, &state, schema, from, build);
    sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL); /* it only read */
    return st;
}

/* ---- creating tables, columns and indexes -------------------------------- */

static const char *column_type(pm_field_type type)
{
    switch (type) {
    case PM_FIELD_REAL:
        return "REAL";
    case PM_FIELD_TEXT:
    case PM_FIELD_DATE: /* 'YYYY-MM-DD': readable, and ordered like the days */
        return "TEXT";
    case PM_FIELD_BLOB:
        return "BLOB";
    case PM_FIELD_INT:
    case PM_FIELD_TIME:
    default:
        return "INTEGER";
    }
}

/* SQLite cannot add a NOT NULL column without a default, so only fields
 * that came with their kind are declared NOT NULL; for fields added later
 * insert() and update() still refuse NULL, but rows written before the
 * migration may hold it. Deciding by `since` rather than by how the table
 * came to be gives a new store the same tables as a migrated one. */
int pm_sqlite__declared_not_null(const pm_kind_def *k, const pm_field_def *f)
{
    return (f->flags & PM_FIELD_NOT_NULL) && f->since == k->since;
}

/* Runs the SQL built in sql, describing a failure as "<step>: <what>". */
static pm_status run_ddl(pm_sqlite *s, pm_buf *sql, pm_status st, const char *step,
                         const char *what_kind, const char *name)
{
    if (st != PM_OK) {
        pm_buf__free(sql);
        return pm_sqlite__set_error(s, st, "%s: out of memory", step);
    }
    int rc = sqlite3_exec(s->db, sql->data, NULL, NULL, NULL);
    pm_buf__free(sql);
    if (rc == SQLITE_OK)
        return PM_OK;
    return pm_sqlite__set_error(s, pm_sqlite__status(rc), "%s: cannot create %s %s: %s", step,
                                what_kind, name, sqlite3_errmsg(s->db));
}

static pm_status create_table(pm_sqlite *s, const pm_kind_def *k, const char *step)
{
    pm_buf sql = PM_BUF_INIT;
    pm_status st = PM_OK;
    pm_sqlite__sql_add(&sql, &st, "CREATE TABLE ");
    pm_sqlite__sql_ident(&sql, &st, k->name);
    /* AUTOINCREMENT: ids are never reused, even after the newest is removed. */
    pm_sqlite__sql_add(&sql, &st, " (\"id\" INTEGER PRIMARY KEY AUTOINCREMENT");
    for (unsigned int i = 0; i < k->nfields; i++) {
        pm_sqlite__sql_add(&sql, &st, ", ");
        pm_sqlite__sql_ident(&sql, &st, k->fields[i].name);
        pm_sqlite__sql_add(&sql, &st, " ");
        pm_sqlite__sql_add(&sql, &st, column_type(k->fields[i].type));
        if (pm_sqlite__declared_not_null(k, &k->fields[i]))
            pm_sqlite__sql_add(&sql, &st, " NOT NULL");
    }
    pm_sqlite__sql_add(&sql, &st, ")");
    return run_ddl(s, &sql, st, step, "table", k->name);
}

static pm_status add_column(pm_sqlite *s, const pm_kind_def *k, const pm_field_def *f,
                            const char *step)
{
    pm_buf sql = PM_BUF_INIT;
    pm_status st = PM_OK;
    pm_sqlite__sql_add(&sql, &st, "ALTER TABLE ");
    pm_sqlite__sql_ident(&sql, &st, k->name);
    pm_sqlite__sql_add(&sql, &st, " ADD COLUMN ");
    pm_sqlite__sql_ident(&sql, &st, f->name);
    pm_sqlite__sql_add(&sql, &st, " ");
    pm_sqlite__sql_add(&sql, &st, column_type(f->type));
    return run_ddl(s, &sql, st, step, "column", f->name);
}

static pm_status create_index(pm_sqlite *s, const pm_kind_def *k, const pm_index_def *ix,
                              const char *step)
{
    pm_buf sql = PM_BUF_INIT;
    pm_status st = PM_OK;
    pm_sqlite__sql_add(&sql, &st,
                       (ix->flags & PM_INDEX_UNIQUE) ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    pm_sqlite__sql_ident(&sql, &st, ix->name);
    pm_sqlite__sql_add(&sql, &st, " ON ");
    pm_sqlite__sql_ident(&sql, &st, k->name);
    pm_sqlite__sql_add(&sql, &st, " (");
    for (unsigned int i = 0; i < ix->nfields; i++) {
        if (i > 0)
            pm_sqlite__sql_add(&sql, &st, ", ");
        pm_sqlite__sql_ident(&sql, &st, k->fields[ix->fields[i]].name);
    }
    pm_sqlite__sql_add(&sql, &st, ")");
    return run_ddl(s, &sql, st, step, "index", ix->name);
}

static pm_status create_kind(pm_sqlite *s, const pm_kind_def *k, const char *step)
{
    pm_status st = create_table(s, k, step);
    for (unsigned int i = 0; st == PM_OK && i < k->nindexes; i++)
        st = create_index(s, k, &k->indexes[i], step);
    return st;
}

static pm_status extend_kind(pm_sqlite *s, const pm_kind_def *k, unsigned int from,
                             const char *step)
{
    pm_status st = PM_OK;
    for (unsigned int i = 0; st == PM_OK && i < k->nfields; i++)
        if (k->fields[i].since > from)
            st = add_column(s, k, &k->fields[i], step);
    for (unsigned int i = 0; st == PM_OK && i < k->nindexes; i++)
        if (k->indexes[i].since > from)
            st = create_index(s, k, &k->indexes[i], step);
    return st;
}

static pm_status create_missing(pm_sqlite *s, const pm_schema *schema, unsigned int from)
{
    char step[96];
    if (from == 0)
        snprintf(step, sizeof step, "creating the store");
    else
        snprintf(step, sizeof step, "migrating from schema version %u to %u", from,
                 schema->version);
    pm_status st = PM_OK;
    for (unsigned int i = 0; st == PM_OK && i < schema->nkinds; i++) {
        const pm_kind_def *k = &schema->kinds[i];
        st = k->since > from ? create_kind(s, k, step) : extend_kind(s, k, from, step);
    }
    if (st != PM_OK)
        return st;
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA application_id=%d; PRAGMA user_version=%u",
             PM_SQLITE_APPLICATION_ID, schema->version);
    return pm_sqlite__exec(s, sql, step);
}

/* Creates or migrates under the write lock. The header is read again there:
 * another instance may have done the work since inspect(). */
static pm_status build(pm_sqlite *s, const pm_schema *schema, unsigned int *from)
{
    pm_status st = pm_sqlite__exec(s, "BEGIN IMMEDIATE", "locking the store to update its schema");
    if (st != PM_OK)
        return st;
    store_state state;
    int needed = 0;
    st = read_state(s, &state);
    if (st == PM_OK)
        st = plan(s, &state, schema, from, &needed);
    if (st == PM_OK && needed)
        st = create_missing(s, schema, *from);
    if (st == PM_OK)
        st = pm_sqlite__exec(s, "COMMIT", "committing the schema");
    if (st != PM_OK && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return st;
}

/* WAL lets readers go on while one instance writes. The journal mode is
 * written into the file header, so it is switched only once the file is
 * known to be ours (a foreign file must stay untouched). Failing to switch
 * (a file system without shared memory, another connection in the old
 * mode) is not an error: the rollback journal is as safe, only readers
 * then wait for writers. */
static void use_wal(pm_sqlite *s)
{
    if (s->in_memory || (s->flags & PM_SQLITE_READONLY))
        return;
    sqlite3_exec(s->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
}

static pm_status refuse_readonly(pm_sqlite *s, unsigned int from, const pm_schema *schema)
{
    if (from == 0)
        return pm_sqlite__set_error(s, PM_EREADONLY,
                                    "store is empty and open read-only: cannot create its tables");
    return pm_sqlite__set_error(s, PM_EREADONLY,
                                "store has schema version %u and needs %u, but is open read-only: "
                                "open it writable once to upgrade it",
                                from, schema->version);
}

pm_status pm_sqlite__prepare(pm_storage *storage, const pm_schema *schema)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    if (s->schema != NULL)
        return pm_sqlite__set_error(s, PM_EMISUSE, "prepare: already called on this store");
    if (schema == NULL)
        return pm_sqlite__set_error(s, PM_EINVAL, "prepare: schema must not be NULL");
    pm_status st = check_schema(s, schema);
    if (st == PM_OK)
        st = alloc_caches(s, schema);
    unsigned int from = 0;
    int needed = 0;
    if (st == PM_OK)
        st = inspect(s, schema, &from, &needed);
    if (st != PM_OK)
        return st;
    if (needed && (s->flags & PM_SQLITE_READONLY))
        return refuse_readonly(s, from, schema);
    use_wal(s);
    if (needed) {
        st = build(s, schema, &from);
        if (st != PM_OK)
            return st;
    }
    s->stored_version = from;
    s->schema = schema;
    return PM_OK;
}
