/* prepare() of the PostgreSQL backend: recognise the tenant's schema, then
 * create the tables of a new store or migrate an older one forward.
 *
 * A store is one table per kind (id bigint PRIMARY KEY, an identity with
 * its own sequence; one typed column per field), the schema's indexes, and
 * perfmgmt_meta(key, value) holding "application" = "perfmgmt",
 * "schema_version" and "stamped" (the tables whose writes the change stamp
 * counts, pg_stamp.c). All of it happens in one transaction, after an
 * advisory lock on the tenant's name, so that two processes preparing at
 * once take turns and a failure leaves the schema as it was.
 *
 * Round trips: one to lock and look (is there a schema, what is in it),
 * one to read perfmgmt_meta when there is one, one for all the DDL and the
 * commit, sent as one multi-statement query. */
#include "pg_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/alloc.h"

/* The scan cache packs an index position into 8 bits, 0xFF meaning the id. */
#define MAX_INDEXES_PER_KIND 255u
/* PostgreSQL cuts identifiers at 63 bytes; a kind's sequence adds "_id_seq". */
#define MAX_NAME 63u
#define SEQUENCE_SUFFIX "_id_seq"
#define META_TABLE "perfmgmt_meta"
#define APPLICATION "perfmgmt"

/* ---- checking the schema ------------------------------------------------ */

static int valid_name(const char *name, size_t max)
{
    if (name == NULL || *name == '\0' || (*name >= '0' && *name <= '9') || strlen(name) > max)
        return 0;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

static pm_status bad_schema(pm_pg *p, const char *what, const char *name, const char *reason)
{
    return pm_pg__set_error(p, PM_EINVAL, "schema: %s '%s': %s", what, name ? name : "(NULL)",
                            reason);
}

static pm_status check_field(pm_pg *p, const pm_schema *schema, const pm_kind_def *k,
                             const pm_field_def *f)
{
    if (!valid_name(f->name, MAX_NAME))
        return bad_schema(p, "field", f->name,
                          "a name is lower case letters, digits and '_', at most 63 bytes");
    if (strcmp(f->name, "id") == 0)
        return bad_schema(p, "field", f->name, "'id' is the record id column");
    if (f->type < PM_FIELD_INT || f->type > PM_FIELD_TIME)
        return bad_schema(p, "field", f->name, "unknown field type");
    if (f->since < k->since || f->since > schema->version)
        return bad_schema(p, "field", f->name, "since is outside its kind's since..schema version");
    return PM_OK;
}

static pm_status check_index(pm_pg *p, const pm_schema *schema, const pm_kind_def *k,
                             const pm_index_def *ix)
{
    if (!valid_name(ix->name, MAX_NAME))
        return bad_schema(p, "index", ix->name,
                          "a name is lower case letters, digits and '_', at most 63 bytes");
    if (ix->nfields < 1 || ix->nfields > PM_INDEX_MAX_FIELDS)
        return bad_schema(p, "index", ix->name, "covers 1 to PM_INDEX_MAX_FIELDS fields");
    if (ix->since < k->since || ix->since > schema->version)
        return bad_schema(p, "index", ix->name,
                          "since is outside its kind's since..schema version");
    for (unsigned int i = 0; i < ix->nfields; i++) {
        if (ix->fields[i] >= k->nfields)
            return bad_schema(p, "index", ix->name, "names a field its kind does not have");
        if (k->fields[ix->fields[i]].since > ix->since)
            return bad_schema(p, "index", ix->name, "is older than a field it covers");
    }
    return PM_OK;
}

static pm_status check_kind(pm_pg *p, const pm_schema *schema, const pm_kind_def *k)
{
    if (!valid_name(k->name, MAX_NAME - (sizeof SEQUENCE_SUFFIX - 1)))
        return bad_schema(p, "kind", k->name,
                          "a name is lower case letters, digits and '_', at most 56 bytes");
    if (strcmp(k->name, META_TABLE) == 0)
        return bad_schema(p, "kind", k->name, "the name of the store's own table");
    if (k->since < 1 || k->since > schema->version)
        return bad_schema(p, "kind", k->name, "since is outside 1..schema version");
    if ((k->nfields > 0 && k->fields == NULL) || (k->nindexes > 0 && k->indexes == NULL))
        return bad_schema(p, "kind", k->name, "fields or indexes missing");
    if (k->nindexes >= MAX_INDEXES_PER_KIND)
        return bad_schema(p, "kind", k->name, "has more than 254 indexes");
    if (k->nfields > PM_KIND_MAX_FIELDS)
        return bad_schema(p, "kind", k->name, "has more than PM_KIND_MAX_FIELDS (64) fields");
    pm_status st = PM_OK;
    for (unsigned int i = 0; st == PM_OK && i < k->nfields; i++)
        st = check_field(p, schema, k, &k->fields[i]);
    for (unsigned int i = 0; st == PM_OK && i < k->nindexes; i++)
        st = check_index(p, schema, k, &k->indexes[i]);
    return st;
}

static pm_status check_schema(pm_pg *p, const pm_schema *schema)
{
    if (schema->version < 1)
        return pm_pg__set_error(p, PM_EINVAL, "schema: version must be 1 or more");
    if (schema->nkinds > 0 && schema->kinds == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "schema: kinds must not be NULL");
    pm_status st = PM_OK;
    for (unsigned int i = 0; st == PM_OK && i < schema->nkinds; i++)
        st = check_kind(p, schema, &schema->kinds[i]);
    return st;
}

static pm_status alloc_caches(pm_pg *p, const pm_schema *schema)
{
    /* A failed prepare() may be retried, perhaps with another schema. */
    pm_pg__free_statements(p);
    pm__free(p->kinds);
    pm__free(p->row);
    p->kinds = NULL;
    p->row = NULL;
    unsigned int widest = 1;
    for (unsigned int i = 0; i < schema->nkinds; i++)
        if (schema->kinds[i].nfields > widest)
            widest = schema->kinds[i].nfields;
    p->kinds = pm__calloc(schema->nkinds ? schema->nkinds : 1, sizeof *p->kinds);
    p->row = pm__calloc(widest, sizeof *p->row);
    if (p->kinds == NULL || p->row == NULL)
        return pm_pg__set_error(p, PM_ENOMEM, "prepare: out of memory");
    p->nkinds = schema->nkinds;
    for (unsigned int i = 0; i < schema->nkinds; i++) {
        const pm_kind_def *k = &schema->kinds[i];
        for (unsigned int j = 0; j < k->nindexes; j++)
            if (k->indexes[j].flags & PM_INDEX_UNIQUE)
                for (unsigned int f = 0; f < k->indexes[j].nfields; f++)
                    p->kinds[i].unique_fields |= PM_UPDATE_FIELD(k->indexes[j].fields[f]);
    }
    return PM_OK;
}

/* ---- talking outside the pipeline ----------------------------------------- */

/* The DDL goes as multi-statement simple queries, which pipeline mode does
 * not allow; nothing is queued while prepare() runs. */
typedef struct simple_result {
    PGresult *last;     /* the last result with rows */
    pm_status st;
    char sqlstate[6];
} simple_result;

static void run_simple(pm_pg *p, const char *sql, const char *what, simple_result *out)
{
    out->last = NULL;
    out->st = PM_OK;
    out->sqlstate[0] = '\0';
    if (!PQsendQuery(p->conn, sql)) {
        char text[300];
        snprintf(text, sizeof text, "%s", PQerrorMessage(p->conn));
        text[strcspn(text, "\n")] = '\0';
        p->reconnect = 1;
        out->st = pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: connection lost; %s", what,
                                   text);
        return;
    }
    PGresult *res;
    while ((res = PQgetResult(p->conn)) != NULL) {
        ExecStatusType rs = PQresultStatus(res);
        if (rs == PGRES_TUPLES_OK) {
            PQclear(out->last);
            out->last = res;
            continue;
        }
        if ((rs == PGRES_FATAL_ERROR || rs == PGRES_BAD_RESPONSE) && out->st == PM_OK) {
            const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
            const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
            snprintf(out->sqlstate, sizeof out->sqlstate, "%s", state ? state : "");
            char text[300];
            snprintf(text, sizeof text, "%s", msg ? msg : PQerrorMessage(p->conn));
            text[strcspn(text, "\n")] = '\0';
            if (PQstatus(p->conn) == CONNECTION_BAD) {
                p->reconnect = 1;
                out->st = pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: connection lost; %s",
                                           what, text);
            } else {
                out->st = pm_pg__set_error(p, pm_pg__status_of(state), "postgresql: %s: %s",
                                           what, text);
            }
        }
        PQclear(res);
    }
    if (out->st == PM_OK && PQstatus(p->conn) == CONNECTION_BAD) {
        p->reconnect = 1;
        out->st = pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: connection lost", what);
    }
    if (out->st != PM_OK) {
        PQclear(out->last);
        out->last = NULL;
    }
}

static void rollback_simple(pm_pg *p)
{
    if (PQstatus(p->conn) != CONNECTION_OK)
        return;
    PGresult *res = PQexec(p->conn, "ROLLBACK");
    PQclear(res);
}

/* ---- what the schema holds ------------------------------------------------- */

typedef struct store_state {
    int schema_exists;
    long long objects;      /* tables, views, sequences ... in the schema */
    int has_meta;
    int foreign_marker;     /* perfmgmt_meta says another application */
    long long version;      /* schema_version, -1 when absent or not a number */
    char stamped[256];      /* the tables stamped (see pg_stamp.c), "" for none */
} store_state;

/* FNV-1a: a stable 64-bit key for the tenant's advisory lock. */
static long long lock_key(const char *schema)
{
    uint64_t h = UINT64_C(0xcbf29ce484222325);
    for (const char *s = "perfmgmt schema "; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    for (const char *s = schema; *s; s++)
        h = (h ^ (unsigned char)*s) * UINT64_C(0x100000001b3);
    return (long long)(h >> 1);
}

static pm_status lock_and_look(pm_pg *p, store_state *state)
{
    char sql[900];
    /* The schema name is checked to hold letters, digits and '_' only. */
    snprintf(sql, sizeof sql,
             "BEGIN;"
             "SELECT pg_catalog.pg_advisory_xact_lock(%lld);"
             "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = '%s'),"
             " (SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
             "   ON n.oid = c.relnamespace WHERE n.nspname = '%s'"
             "   AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')),"
             " EXISTS (SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
             "   ON n.oid = c.relnamespace WHERE n.nspname = '%s'"
             "   AND c.relname = '" META_TABLE "' AND c.relkind = 'r')",
             lock_key(p->schema_name), p->schema_name, p->schema_name, p->schema_name);
    simple_result r;
    run_simple(p, sql, "reading the store", &r);
    if (r.st != PM_OK)
        return r.st;
    /* Text format: simple queries have no binary results. */
    int ok = r.last != NULL && PQntuples(r.last) == 1 && PQnfields(r.last) == 3;
    if (ok) {
        state->schema_exists = PQgetvalue(r.last, 0, 0)[0] == 't';
        state->objects = strtoll(PQgetvalue(r.last, 0, 1), NULL, 10);
        state->has_meta = PQgetvalue(r.last, 0, 2)[0] == 't';
    }
    PQclear(r.last);
    if (!ok)
        return pm_pg__set_error(p, PM_ESTORAGE, "postgresql: reading the store: unexpected answer");
    return PM_OK;
}

static pm_status read_meta(pm_pg *p, store_state *state)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT key, value FROM %s.\"" META_TABLE "\"", p->quoted_schema);
    simple_result r;
    run_simple(p, sql, "reading " META_TABLE, &r);
    if (r.st != PM_OK)
        return r.st;
    int application = 0;
    for (int i = 0; r.last != NULL && i < PQntuples(r.last); i++) {
        const char *key = PQgetvalue(r.last, i, 0), *value = PQgetvalue(r.last, i, 1);
        if (strcmp(key, "application") == 0) {
            application = 1;
            state->foreign_marker = strcmp(value, APPLICATION) != 0;
        } else if (strcmp(key, "schema_version") == 0) {
            char *end = NULL;
            long long v = strtoll(value, &end, 10);
            state->version = (end != value && *end == '\0' && v >= 0) ? v : -1;
        } else if (strcmp(key, "stamped") == 0) {
            snprintf(state->stamped, sizeof state->stamped, "%s", value);
        }
    }
    if (!application)
        state->foreign_marker = 1;
    PQclear(r.last);
    return PM_OK;
}

/* Decides what prepare() must do: *from receives the version the store
 * holds (0 when it is empty) and *build whether anything must be created. */
static pm_status plan(pm_pg *p, const store_state *state, const pm_schema *schema,
                      unsigned int *from, int *build)
{
    if (state->objects == 0) {
        *from = 0;
        *build = 1;
        return PM_OK;
    }
    if (!state->has_meta)
        return pm_pg__set_error(p, PM_ECORRUPT,
                                "not a perfmgmt store: schema %s holds %lld tables or other objects "
                                "but no " META_TABLE " table",
                                p->schema_name, state->objects);
    if (state->foreign_marker)
        return pm_pg__set_error(p, PM_ECORRUPT,
                                "not a perfmgmt store: %s.%s does not name perfmgmt as its "
                                "application",
                                p->schema_name, META_TABLE);
    if (state->version < 1)
        return pm_pg__set_error(p, PM_ECORRUPT,
                                "not a perfmgmt store: %s.%s holds no valid schema_version",
                                p->schema_name, META_TABLE);
    if (state->version > (long long)schema->version)
        return pm_pg__set_error(p, PM_EVERSION,
                                "store has schema version %lld, newer than this library's %u: "
                                "upgrade perfmgmt",
                                state->version, schema->version);
    *from = (unsigned int)state->version;
    *build = *from < schema->version;
    return PM_OK;
}

/* ---- creating tables, columns and indexes -------------------------------- */

static const char *column_type(pm_field_type type)
{
    switch (type) {
    case PM_FIELD_REAL:
        return "double precision";
    case PM_FIELD_TEXT:
        /* "C": bytewise, which for UTF-8 is code point order, the contract's. */
        return "text COLLATE \"C\"";
    case PM_FIELD_BLOB:
        return "bytea";
    case PM_FIELD_DATE:
        return "date";
    case PM_FIELD_TIME:
        return "timestamptz";
    case PM_FIELD_INT:
    default:
        return "bigint";
    }
}

/* A column added to a table that holds rows cannot be NOT NULL without a
 * default, so, as in the SQLite backend, only fields that came with their
 * kind are declared NOT NULL; insert() and update() refuse NULL in every
 * NOT NULL field all the same. A new store gets the tables a migrated one
 * has. */
int pm_pg__declared_not_null(const pm_kind_def *k, const pm_field_def *f)
{
    return (f->flags & PM_FIELD_NOT_NULL) && f->since == k->since;
}

static void add_sequence_name(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_kind_def *k)
{
    char name[MAX_NAME + 1];
    snprintf(name, sizeof name, "%s" SEQUENCE_SUFFIX, k->name);
    pm_pg__sql_table(sql, st, p, name);
}

static void create_index(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_kind_def *k,
                         const pm_index_def *ix)
{
    int unique = (ix->flags & PM_INDEX_UNIQUE) != 0;
    pm_pg__sql_add(sql, st, unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
    pm_pg__sql_ident(sql, st, ix->name);
    pm_pg__sql_add(sql, st, " ON ");
    pm_pg__sql_table(sql, st, p, k->name);
    pm_pg__sql_add(sql, st, " (");
    /* NULLS FIRST: the contract's order, so scans read the index as it is.
     * A plain index ends with the id, the tie-break every scan orders by;
     * a unique one cannot (every row would be unique). */
    for (unsigned int i = 0; i < ix->nfields; i++) {
        if (i > 0)
            pm_pg__sql_add(sql, st, ", ");
        pm_pg__sql_ident(sql, st, k->fields[ix->fields[i]].name);
        pm_pg__sql_add(sql, st, " ASC NULLS FIRST");
    }
    if (!unique)
        pm_pg__sql_add(sql, st, ", \"id\"");
    pm_pg__sql_add(sql, st, ");");
}

/* The id column is an identity whose sequence steps by PM_PG_ID_BLOCK
 * (see pg_rows.c): one statement makes the table and its sequence, which
 * goes when the table does, and psql users get ids by default too. */
static void create_kind(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_kind_def *k)
{
    char number[32];
    snprintf(number, sizeof number, "%d", PM_PG_ID_BLOCK);
    pm_pg__sql_add(sql, st, "CREATE TABLE ");
    pm_pg__sql_table(sql, st, p, k->name);
    pm_pg__sql_add(sql, st, " (\"id\" bigint GENERATED BY DEFAULT AS IDENTITY (SEQUENCE NAME ");
    add_sequence_name(sql, st, p, k);
    pm_pg__sql_add(sql, st, " INCREMENT BY ");
    pm_pg__sql_add(sql, st, number);
    pm_pg__sql_add(sql, st, ") PRIMARY KEY");
    for (unsigned int i = 0; i < k->nfields; i++) {
        pm_pg__sql_add(sql, st, ", ");
        pm_pg__sql_ident(sql, st, k->fields[i].name);
        pm_pg__sql_add(sql, st, " ");
        pm_pg__sql_add(sql, st, column_type(k->fields[i].type));
        if (pm_pg__declared_not_null(k, &k->fields[i]))
            pm_pg__sql_add(sql, st, " NOT NULL");
    }
    pm_pg__sql_add(sql, st, ");");
    for (unsigned int i = 0; i < k->nindexes; i++)
        create_index(sql, st, p, k, &k->indexes[i]);
}

static void extend_kind(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_kind_def *k,
                        unsigned int from)
{
    for (unsigned int i = 0; i < k->nfields; i++) {
        const pm_field_def *f = &k->fields[i];
        if (f->since <= from)
            continue;
        pm_pg__sql_add(sql, st, "ALTER TABLE ");
        pm_pg__sql_table(sql, st, p, k->name);
        pm_pg__sql_add(sql, st, " ADD COLUMN ");
        pm_pg__sql_ident(sql, st, f->name);
        pm_pg__sql_add(sql, st, " ");
        pm_pg__sql_add(sql, st, column_type(f->type));
        pm_pg__sql_add(sql, st, ";");
    }
    for (unsigned int i = 0; i < k->nindexes; i++)
        if (k->indexes[i].since > from)
            create_index(sql, st, p, k, &k->indexes[i]);
}

static void build_ddl(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_schema *schema,
                      unsigned int from, int schema_exists, const char *restamp)
{
    char line[300];
    /* The commit need not wait for its WAL to reach the disk: the first
     * write transaction after it flushes it anyway, and a crash before
     * that loses only an empty store (or a migration) done again at the
     * next open. Tests create a store per case, each waiting on that flush. */
    pm_pg__sql_add(sql, st, "SET LOCAL synchronous_commit = off;");
    if (!schema_exists) {
        pm_pg__sql_add(sql, st, "CREATE SCHEMA ");
        pm_pg__sql_add(sql, st, p->quoted_schema);
        pm_pg__sql_add(sql, st, ";");
    }
    for (unsigned int i = 0; i < schema->nkinds; i++) {
        const pm_kind_def *k = &schema->kinds[i];
        if (k->since > from)
            create_kind(sql, st, p, k);
        else
            extend_kind(sql, st, p, k, from);
    }
    if (from == 0) {
        snprintf(line, sizeof line,
                 "CREATE TABLE %s.\"" META_TABLE "\" (key text PRIMARY KEY, value text NOT NULL);"
                 "INSERT INTO %s.\"" META_TABLE "\" VALUES ('application', '" APPLICATION "'),"
                 " ('schema_version', '%u');",
                 p->quoted_schema, p->quoted_schema, schema->version);
    } else {
        snprintf(line, sizeof line,
                 "UPDATE %s.\"" META_TABLE "\" SET value = '%u' WHERE key = 'schema_version';",
                 p->quoted_schema, schema->version);
    }
    pm_pg__sql_add(sql, st, line);
    if (restamp != NULL)
        pm_pg__stamp_ddl(sql, st, p, schema, restamp);
    pm_pg__sql_add(sql, st, "COMMIT");
}

static pm_status refuse_readonly(pm_pg *p, unsigned int from, const pm_schema *schema)
{
    if (from == 0)
        return pm_pg__set_error(p, PM_EREADONLY,
                                "store is empty and open read-only: cannot create its tables");
    return pm_pg__set_error(p, PM_EREADONLY,
                            "store has schema version %u and needs %u, but is open read-only: "
                            "open it writable once to upgrade it",
                            from, schema->version);
}

/* One attempt: the whole transaction, rolled back on any failure. The
 * stamp triggers are made again when the tables they are on differ from
 * the schema's list; a store open read-only keeps what it has, and reads
 * no stamp. */
static pm_status prepare_once(pm_pg *p, const pm_schema *schema, unsigned int *from,
                              char sqlstate[6])
{
    store_state state;
    memset(&state, 0, sizeof state);
    state.version = -1;
    int build = 0;
    pm_status st = lock_and_look(p, &state);
    if (st == PM_OK && state.has_meta)
        st = read_meta(p, &state);
    if (st == PM_OK)
        st = plan(p, &state, schema, from, &build);
    if (st == PM_OK && build && *from == 0 && (p->flags & PM_POSTGRESQL_NOCREATE))
        st = pm_pg__set_error(p, PM_ENOTFOUND,
                              "postgresql: schema %s holds no perfmgmt store (and "
                              "PM_POSTGRESQL_NOCREATE forbids creating one)",
                              p->schema_name);
    if (st == PM_OK && build && (p->flags & PM_POSTGRESQL_READONLY))
        st = refuse_readonly(p, *from, schema);
    char want[sizeof state.stamped];
    pm_pg__stamped_list(want, sizeof want, schema);
    int same = strcmp(want, state.stamped) == 0;
    int restamp = !same && !(p->flags & PM_POSTGRESQL_READONLY);
    p->stamped = want[0] != '\0' && (same || restamp);
    if (st == PM_OK && !build && !restamp) {
        simple_result r;
        run_simple(p, "COMMIT", "reading the store", &r);
        return r.st;
    }
    if (st == PM_OK) {
        pm_buf sql = PM_BUF_INIT;
        build_ddl(&sql, &st, p, schema, *from, state.schema_exists, restamp ? want : NULL);
        if (st != PM_OK) {
            pm_buf__free(&sql);
            st = pm_pg__set_error(p, PM_ENOMEM, "prepare: out of memory");
        } else {
            char what[sizeof want + 32];
            if (*from == 0)
                snprintf(what, sizeof what, "creating the store");
            else if (!build)
                snprintf(what, sizeof what, "stamping the tables %s", want);
            else
                snprintf(what, sizeof what, "migrating from schema version %u to %u", *from,
                         schema->version);
            simple_result r;
            run_simple(p, sql.data, what, &r);
            pm_buf__free(&sql);
            PQclear(r.last);
            st = r.st;
            memcpy(sqlstate, r.sqlstate, 6);
        }
    }
    if (st != PM_OK)
        rollback_simple(p);
    return st;
}

pm_status pm_pg__prepare(pm_storage *storage, const pm_schema *schema)
{
    pm_pg *p = (pm_pg *)storage;
    if (p->schema != NULL)
        return pm_pg__set_error(p, PM_EMISUSE, "prepare: already called on this store");
    if (schema == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "prepare: schema must not be NULL");
    pm_status st = check_schema(p, schema);
    if (st == PM_OK)
        st = alloc_caches(p, schema);
    if (st == PM_OK)
        st = pm_pg__usable(p, "prepare");
    if (st != PM_OK)
        return st;
    unsigned int from = 0;
    for (int attempt = 0;; attempt++) {
        char sqlstate[6] = "";
        PQexitPipelineMode(p->conn);
        st = prepare_once(p, schema, &from, sqlstate);
        if (PQstatus(p->conn) == CONNECTION_OK && !PQenterPipelineMode(p->conn))
            p->reconnect = 1;
        /* Concurrent DDL of other sessions can deadlock with ours. */
        int again = strcmp(sqlstate, "40P01") == 0 || strcmp(sqlstate, "40001") == 0;
        if (st == PM_OK || !again || attempt >= 2)
            break;
        struct timespec pause = { 0, 20000000L };
        nanosleep(&pause, NULL);
    }
    if (st != PM_OK)
        return st;
    p->stored_version = from;
    p->schema = schema;
    return PM_OK;
}
