/* The PostgreSQL backend: the connection string and its tenant schema,
 * connecting and its session settings, errors, transactions, reconnecting
 * after a lost connection, closing. The conversation with the server is
 * in pg_conn.c, the tables in pg_schema.c, rows in pg_rows.c and scans in
 * pg_scan.c. */
#include "pg_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"

/* Session settings, applied at every connect:
 * - lock_timeout 5s, like the SQLite backend's busy timeout: a writer that
 *   waits longer for another's lock fails with PM_EBUSY instead of hanging;
 * - plan_cache_mode force_generic_plan (PostgreSQL 12 and later): every
 *   statement is prepared once and reads by its index whatever the values,
 *   so planning it again for each call's values only costs. The server's
 *   own choice plans a merge (pg_batch.c) anew at every call, since a
 *   known LIMIT makes a custom plan look cheaper: 317 µs a call instead of
 *   91 on 100000 entries;
 * - default_transaction_read_only for PM_POSTGRESQL_READONLY, so that the
 *   server itself refuses writes.
 * client_encoding (UTF8) and the application name ("perfmgmt", unless the
 * connection string names one) go with the connection parameters. */
static const char session_settings[] = "SET lock_timeout = '5s'";
static const char generic_plans_setting[] = "SET plan_cache_mode = force_generic_plan";
static const char readonly_setting[] = "SET default_transaction_read_only = on";

/* ON CONFLICT (9.5) and sequences AS bigint (10). */
#define PM_PG_MIN_SERVER 100000

pm_status pm_pg__set_error(pm_pg *p, pm_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->errmsg, sizeof p->errmsg, fmt, ap);
    va_end(ap);
    return status;
}

void pm_pg__sql_table(pm_buf *sql, pm_status *st, const pm_pg *p, const char *name)
{
    pm_pg__sql_add(sql, st, p->quoted_schema);
    pm_pg__sql_add(sql, st, ".");
    pm_pg__sql_ident(sql, st, name);
}

/* ---- the connection string ------------------------------------------------ */

/* Tenant schemas: lower case letters, digits and '_', a letter first, at
 * most 63 bytes (PostgreSQL's identifier length); "pg_" is the server's. */
static int valid_schema_name(const char *name, size_t len)
{
    if (len == 0 || len > 63 || name[0] < 'a' || name[0] > 'z')
        return 0;
    if (len >= 3 && memcmp(name, "pg_", 3) == 0)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((name[i] >= 'a' && name[i] <= 'z') || (name[i] >= '0' && name[i] <= '9') ||
              name[i] == '_'))
            return 0;
    return 1;
}

typedef struct split {
    pm_buf out;       /* the connection string without the schema parameter */
    char schema[64];
    int found;
    pm_status st;
    char *errmsg;     /* on failure */
} split;

static void split_fail(split *s, pm_status st, const char *message)
{
    if (s->st != PM_OK)
        return;
    s->st = st;
    pm_error__dup(&s->errmsg, st, "postgresql: %s", message);
}

static void take_schema(split *s, const char *value, size_t len)
{
    char message[200];
    if (s->found) {
        split_fail(s, PM_EINVAL, "schema: given twice");
    } else if (!valid_schema_name(value, len)) {
        snprintf(message, sizeof message,
                 "schema: \"%.*s\" is not a schema name (lower case letters, digits and '_', "
                 "a letter first, at most 63 bytes, not pg_...)",
                 (int)(len > 80 ? 80 : len), value);
        split_fail(s, PM_EINVAL, message);
    } else {
        memcpy(s->schema, value, len);
        s->schema[len] = '\0';
    }
    s->found = 1;
}

static void out_add(split *s, const char *text, size_t len)
{
    if (s->st == PM_OK && pm_buf__append(&s->out, text, len) != PM_OK)
        split_fail(s, PM_ENOMEM, "out of memory");
}

/* URI: the parameters after '?', separated by '&'. */
static void split_uri(split *s, const char *in)
{
    const char *q = strchr(in, '?');
    if (q == NULL) {
        out_add(s, in, strlen(in));
        return;
    }
    out_add(s, in, (size_t)(q - in));
    const char *sep = "?";
    for (const char *p = q + 1; s->st == PM_OK;) {
        const char *end = strchr(p, '&');
        if (end == NULL)
            end = p + strlen(p);
        size_t len = (size_t)(end - p);
        if (len >= 6 && memcmp(p, "schema", 6) == 0 && (len == 6 || p[6] == '=')) {
            take_schema(s, p + (len > 6 ? 7 : 6), len > 6 ? len - 7 : 0);
        } else if (len > 0) {
            out_add(s, sep, 1);
            out_add(s, p, len);
            sep = "&";
        }
        if (*end == '\0')
            break;
        p = end + 1;
    }
}

static int is_space(char c)
{
    return isspace((unsigned char)c) != 0;
}

/* keyword = value pairs, as libpq reads them: blanks around '=', values
 * plain or in single quotes, a backslash escaping the next character. */
static void split_pairs(split *s, const char *in)
{
    const char *p = in;
    char value[80];
    while (s->st == PM_OK) {
        while (is_space(*p))
            p++;
        if (*p == '\0')
            break;
        const char *start = p, *name = p;
        while (*p && *p != '=' && !is_space(*p))
            p++;
        size_t name_len = (size_t)(p - name);
        while (is_space(*p))
            p++;
        if (*p != '=') {
            snprintf(value, sizeof value, "conninfo: missing \"=\" after \"%.*s\"",
                     (int)(name_len > 40 ? 40 : name_len), name);
            split_fail(s, PM_EINVAL, value);
            break;
        }
        p++;
        while (is_space(*p))
            p++;
        size_t vlen = 0;
        int quoted = *p == '\'';
        if (quoted)
            p++;
        while (*p && (quoted ? *p != '\'' : !is_space(*p))) {
            if (*p == '\\' && p[1])
                p++;
            if (vlen < sizeof value)
                value[vlen] = *p;
            vlen++;
            p++;
        }
        if (quoted && *p != '\'') {
            split_fail(s, PM_EINVAL, "conninfo: a quoted value has no closing quote");
            break;
        }
        if (quoted)
            p++;
        if (name_len == 6 && memcmp(name, "schema", 6) == 0) {
            take_schema(s, value, vlen < sizeof value ? vlen : sizeof value);
        } else {
            if (s->out.len > 0)
                out_add(s, " ", 1);
            out_add(s, start, (size_t)(p - start));
        }
    }
}

static int is_uri(const char *conninfo)
{
    return strncmp(conninfo, "postgresql://", 13) == 0 || strncmp(conninfo, "postgres://", 11) == 0;
}

/* ---- connecting ---------------------------------------------------------- */

static pm_status run_settings(pm_pg *p)
{
    PGresult *res = PQexec(p->conn, session_settings);
    int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
    PQclear(res);
    if (ok && PQserverVersion(p->conn) >= 120000) {
        res = PQexec(p->conn, generic_plans_setting);
        ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
    }
    if (ok && (p->flags & PM_POSTGRESQL_READONLY)) {
        res = PQexec(p->conn, readonly_setting);
        ok = PQresultStatus(res) == PGRES_COMMAND_OK;
        PQclear(res);
    }
    if (!ok) {
        char text[300];
        snprintf(text, sizeof text, "%s", PQerrorMessage(p->conn));
        text[strcspn(text, "\n")] = '\0';
        return pm_pg__set_error(p, PM_EIO, "postgresql: cannot apply the session settings: %s",
                                text);
    }
    if (!PQenterPipelineMode(p->conn))
        return pm_pg__set_error(p, PM_EIO, "postgresql: cannot enter pipeline mode");
    return PM_OK;
}

/* Notices ("schema exists, skipping") are for people at psql, not for
 * the application's stderr. */
static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Connects (again), applies the settings and enters pipeline mode; every
 * statement prepared before belongs to the old session. */
static pm_status connect_server(pm_pg *p)
{
    if (p->conn != NULL)
        PQfinish(p->conn);
    const char *const keywords[] = { "dbname", "client_encoding", "fallback_application_name",
                                     NULL };
    const char *const values[] = { p->conninfo, "UTF8", "perfmgmt", NULL };
    p->conn = PQconnectdbParams(keywords, values, 1);
    p->generation++;
    if (p->generation == 0)
        p->generation = 1;
    p->queued = 0;
    if (p->conn == NULL)
        return pm_pg__set_error(p, PM_ENOMEM, "postgresql: cannot connect: out of memory");
    if (PQstatus(p->conn) != CONNECTION_OK) {
        char text[400];
        snprintf(text, sizeof text, "%s", PQerrorMessage(p->conn));
        size_t n = strlen(text);
        while (n > 0 && (text[n - 1] == '\n' || text[n - 1] == ' '))
            text[--n] = '\0';
        return pm_pg__set_error(p, PM_EIO, "postgresql: cannot connect: %s", text);
    }
    PQsetNoticeProcessor(p->conn, ignore_notice, NULL);
    if (PQserverVersion(p->conn) < PM_PG_MIN_SERVER)
        return pm_pg__set_error(p, PM_EUNSUPPORTED,
                                "postgresql: the server is version %d; perfmgmt needs 10 or later",
                                PQserverVersion(p->conn));
    pm_status st = run_settings(p);
    if (st == PM_OK)
        p->reconnect = 0;
    return st;
}

pm_status pm_pg__usable(pm_pg *p, const char *what)
{
    if (p->lost)
        return pm_pg__set_error(p, p->lost_status,
                                "postgresql: %s: the transaction ended after an earlier failure; "
                                "roll it back",
                                what);
    if (p->depth > 0 || (!p->reconnect && PQstatus(p->conn) == CONNECTION_OK))
        return PM_OK;
    pm_status st = connect_server(p);
    if (st != PM_OK) {
        char reason[PM_ERRMSG_MAX];
        memcpy(reason, p->errmsg, sizeof reason);
        p->reconnect = 1;
        return pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: connection lost; %s", what,
                                reason);
    }
    return PM_OK;
}

/* ---- transactions ---------------------------------------------------------- */

static pm_status not_prepared(pm_pg *p, const char *what)
{
    return pm_pg__set_error(p, PM_EMISUSE, "%s: prepare() has not been called", what);
}

/* Ends the server's side of a transaction the caller has closed: a ROLLBACK
 * when the connection still works. Failing, the connection is made anew. */
static void end_on_server(pm_pg *p)
{
    p->depth = 0;
    p->lost = 0;
    if (p->reconnect || PQstatus(p->conn) != CONNECTION_OK)
        return;
    for (int attempt = 0; attempt < 2; attempt++) {
        /* A queued statement that failed skips the first ROLLBACK. */
        if (pm_pg__send_text(p, "ROLLBACK", 1, "rollback") == PM_OK &&
            pm_pg__sync(p, NULL, 0, "rollback") == PM_OK)
            return;
        if (p->reconnect)
            return;
    }
    p->reconnect = 1;
}

/* BEGIN and SAVEPOINT wait in the pipeline for the first statement that
 * needs an answer: opening a transaction costs no round trip. */
static pm_status pg_begin(pm_storage *storage)
{
    pm_pg *p = (pm_pg *)storage;
    if (p->schema == NULL)
        return not_prepared(p, "begin");
    pm_status st = pm_pg__usable(p, "begin");
    if (st == PM_OK && p->queued >= PM_PG_PIPELINE_MAX)
        st = pm_pg__flush(p, "begin");
    if (st != PM_OK)
        return st;
    char sql[40];
    if (p->depth == 0) {
        /* A transaction takes its ids from blocks fetched after it began:
         * a write that begins after another was acknowledged then gets
         * larger ids, so orders by (time, id) follow real time across
         * connections (a progress history, the latest update). */
        for (unsigned int i = 0; i < p->nkinds; i++)
            p->kinds[i].next_id = p->kinds[i].end_id;
        /* REPEATABLE READ: a change to a row another transaction changed
         * since this one began fails (serialization failure, PM_EBUSY)
         * instead of overwriting it, so a read-then-write never loses a
         * concurrent update (READ COMMITTED lost daily counts). */
        snprintf(sql, sizeof sql, "BEGIN ISOLATION LEVEL REPEATABLE READ");
    } else
        snprintf(sql, sizeof sql, "SAVEPOINT s%u", p->depth);
    st = pm_pg__send_text(p, sql, 0, "begin");
    if (st == PM_OK)
        p->depth++;
    return st;
}

static pm_status pg_commit(pm_storage *storage)
{
    pm_pg *p = (pm_pg *)storage;
    if (p->depth == 0)
        return pm_pg__set_error(p, PM_EMISUSE, "commit: no transaction is open");
    if (p->lost) {
        pm_status st = pm_pg__set_error(p, p->lost_status,
                                        "postgresql: commit: the transaction ended after an "
                                        "earlier failure; nothing of it was committed");
        if (--p->depth == 0)
            end_on_server(p);
        return st;
    }
    char sql[40];
    if (p->depth > 1) {
        snprintf(sql, sizeof sql, "RELEASE SAVEPOINT s%u", p->depth - 1);
        pm_status st = pm_pg__send_text(p, sql, 1, "commit (savepoint)");
        if (st == PM_OK)
            st = pm_pg__sync(p, NULL, 0, "commit (savepoint)");
        if (st == PM_OK)
            p->depth--;
        return st;
    }
    p->depth = 0;
    pm_status st = pm_pg__send_text(p, "COMMIT", 1, "commit");
    if (st == PM_OK)
        st = pm_pg__sync(p, NULL, 0, "commit");
    if (st == PM_OK)
        return PM_OK;
    if (p->reconnect) {
        return pm_pg__set_error(p, PM_ESTORAGE,
                                "postgresql: commit: connection lost before the server answered: "
                                "the transaction may or may not be committed");
    }
    /* The server refused (or a queued statement failed before it): the
     * transaction is over, and the caller's rollback finds none open. */
    char reason[PM_ERRMSG_MAX];
    memcpy(reason, p->errmsg, sizeof reason);
    end_on_server(p);
    memcpy(p->errmsg, reason, sizeof reason);
    return st;
}

static pm_status pg_rollback(pm_storage *storage)
{
    pm_pg *p = (pm_pg *)storage;
    if (p->depth == 0)
        return pm_pg__set_error(p, PM_EMISUSE, "rollback: no transaction is open");
    if (p->depth == 1 || p->lost) {
        /* A lost transaction is already undone; its levels close one by one. */
        if (--p->depth == 0)
            end_on_server(p);
        return PM_OK;
    }
    char sql[2][48];
    snprintf(sql[0], sizeof sql[0], "ROLLBACK TO SAVEPOINT s%u", p->depth - 1);
    snprintf(sql[1], sizeof sql[1], "RELEASE SAVEPOINT s%u", p->depth - 1);
    pm_status st = PM_OK;
    for (int attempt = 0; attempt < 2; attempt++) {
        /* A queued statement of the inner level that failed makes the
         * server skip the first ROLLBACK TO; the second repairs the
         * transaction, since the failure lies after the savepoint. */
        st = pm_pg__send_text(p, sql[0], 1, "rollback (savepoint)");
        if (st == PM_OK)
            st = pm_pg__send_text(p, sql[1], 1, "rollback (savepoint)");
        if (st == PM_OK)
            st = pm_pg__sync(p, NULL, 0, "rollback (savepoint)");
        if (st == PM_OK || p->reconnect)
            break;
        p->lost = 0;
    }
    p->depth--;
    if (st == PM_OK) {
        p->lost = 0;
    } else if (!p->lost) {
        /* Not undone on the server: nothing of the transaction may commit. */
        p->lost = 1;
        p->lost_status = st;
    }
    /* A lost transaction says so at every later call until it is closed. */
    return PM_OK;
}

static pm_status pg_stored_version(pm_storage *storage, unsigned int *out)
{
    pm_pg *p = (pm_pg *)storage;
    if (out == NULL)
        return pm_pg__set_error(p, PM_EINVAL, "stored_version: out must not be NULL");
    if (p->schema == NULL)
        return not_prepared(p, "stored_version");
    *out = p->stored_version;
    return PM_OK;
}

static const char *pg_errmsg(pm_storage *storage)
{
    return ((pm_pg *)storage)->errmsg;
}

/* ---- closing and opening ---------------------------------------------------- */

/* The server would roll back when the connection closes, but only once it
 * notices; rolling back first frees the locks at once. */
static void pg_free(pm_storage *storage)
{
    if (storage == NULL)
        return;
    pm_pg *p = (pm_pg *)storage;
    if (p->conn != NULL && p->depth > 0)
        end_on_server(p);
    if (p->conn != NULL)
        PQfinish(p->conn);
    pm_pg__free_statements(p);
    pm__free(p->kinds);
    pm__free(p->row);
    pm__free(p->quoted_schema);
    pm__free(p->conninfo);
    pm__free(p);
}

static void init_vtable(pm_pg *p)
{
    p->base.version = PM_STORAGE_VERSION;
    p->base.name = "postgresql";
    p->base.capabilities = PM_STORAGE_CAP_DURABLE | PM_STORAGE_CAP_SHARED_READ;
    p->base.prepare = pm_pg__prepare;
    p->base.stored_version = pg_stored_version;
    p->base.begin = pg_begin;
    p->base.commit = pg_commit;
    p->base.rollback = pg_rollback;
    p->base.insert = pm_pg__insert;
    p->base.update = pm_pg__update;
    p->base.remove = pm_pg__remove;
    p->base.get = pm_pg__get;
    p->base.scan = pm_pg__scan;
    p->base.scan_batch = pm_pg__scan_batch;
    p->base.scan_merged = pm_pg__scan_merged;
    p->base.change_stamp = pm_pg__change_stamp;
    p->base.errmsg = pg_errmsg;
    p->base.free = pg_free;
}

/* With PM_POSTGRESQL_NOCREATE a tenant without a store is refused at once,
 * before anything else is done. */
static pm_status check_store_exists(pm_pg *p)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
             "ON n.oid = c.relnamespace WHERE n.nspname = '%s' AND c.relname = 'perfmgmt_meta'",
             p->schema_name);
    PQexitPipelineMode(p->conn);
    PGresult *res = PQexec(p->conn, sql);
    pm_status st = PM_OK;
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        char text[300];
        snprintf(text, sizeof text, "%s", PQerrorMessage(p->conn));
        text[strcspn(text, "\n")] = '\0';
        st = pm_pg__set_error(p, PM_ESTORAGE, "postgresql: looking for the store: %s", text);
    } else if (PQntuples(res) == 0) {
        st = pm_pg__set_error(p, PM_ENOTFOUND,
                              "postgresql: schema %s holds no perfmgmt store (and "
                              "PM_POSTGRESQL_NOCREATE forbids creating one)",
                              p->schema_name);
    }
    PQclear(res);
    if (st == PM_OK && !PQenterPipelineMode(p->conn))
        st = pm_pg__set_error(p, PM_EIO, "postgresql: cannot enter pipeline mode");
    return st;
}

static pm_status split_conninfo(split *s, const char *conninfo)
{
    memset(s, 0, sizeof *s);
    snprintf(s->schema, sizeof s->schema, "public");
    if (is_uri(conninfo))
        split_uri(s, conninfo);
    else
        split_pairs(s, conninfo);
    if (s->st == PM_OK)
        out_add(s, "", 0);
    if (s->st == PM_OK && s->out.data == NULL && pm_buf__appends(&s->out, "") != PM_OK)
        split_fail(s, PM_ENOMEM, "out of memory");
    if (s->st != PM_OK) {
        pm_buf__free(&s->out);
        return s->st;
    }
    /* libpq's own parser finds what else is wrong, before any connection. */
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(s->out.data, &err);
    if (opts == NULL) {
        char text[300];
        snprintf(text, sizeof text, "%s", err ? err : "out of memory");
        text[strcspn(text, "\n")] = '\0';
        s->st = err ? PM_EINVAL : PM_ENOMEM;
        pm_error__dup(&s->errmsg, s->st, "postgresql: conninfo: %s", text);
        PQfreemem(err);
        pm_buf__free(&s->out);
        return s->st;
    }
    PQconninfoFree(opts);
    return PM_OK;
}

pm_status pm_pg__open(pm_storage **out, const char *conninfo, unsigned int flags,
                      char **errmsg)
{
    if (errmsg != NULL)
        *errmsg = NULL;
    if (out == NULL)
        return pm_error__dup(errmsg, PM_EINVAL, "out: must not be NULL");
    *out = NULL;
    if (conninfo == NULL)
        return pm_error__dup(errmsg, PM_EINVAL, "conninfo: must not be NULL");
    unsigned int unknown = flags & ~(PM_POSTGRESQL_READONLY | PM_POSTGRESQL_NOCREATE);
    if (unknown != 0)
        return pm_error__dup(errmsg, PM_EINVAL, "flags: 0x%x are not PM_POSTGRESQL_* flags",
                             unknown);
    split s;
    pm_status st = split_conninfo(&s, conninfo);
    if (st != PM_OK) {
        if (errmsg != NULL)
            *errmsg = s.errmsg;
        else
            pm__free(s.errmsg);
        return st;
    }
    pm_pg *p = pm__calloc(1, sizeof *p);
    char *quoted = pm__malloc(strlen(s.schema) + 3);
    if (p == NULL || quoted == NULL) {
        pm__free(p);
        pm__free(quoted);
        pm_buf__free(&s.out);
        return pm_error__dup(errmsg, PM_ENOMEM, "out of memory");
    }
    p->conninfo = pm_buf__detach(&s.out);
    snprintf(p->schema_name, sizeof p->schema_name, "%s", s.schema);
    snprintf(quoted, strlen(s.schema) + 3, "\"%s\"", s.schema);
    p->quoted_schema = quoted;
    p->flags = flags;
    init_vtable(p);
    st = connect_server(p);
    if (st == PM_OK && (flags & PM_POSTGRESQL_NOCREATE))
        st = check_store_exists(p);
    if (st != PM_OK) {
        pm_error__dup(errmsg, st, "%s", p->errmsg);
        pg_free(&p->base);
        return st;
    }
    *out = &p->base;
    return PM_OK;
}
