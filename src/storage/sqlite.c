/* The SQLite backend: opening a file, its connection settings, error mapping,
 * transactions and closing. The schema work is in sqlite_schema.c and the
 * row operations in sqlite_rows.c. */
#include "sqlite_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"

/* Connection settings (the same list is documented with pm_storage_sqlite_open):
 * - synchronous=NORMAL: under WAL a commit is not fsynced until checkpoint.
 *   A power cut may lose the last commits but never corrupts the file, and a
 *   commit costs no fsync. FULL would fsync each one.
 * - foreign_keys=ON: perfmgmt declares none today, but a vendor's or a later
 *   schema's references are enforced rather than silently ignored.
 * - cache_size=-65536: a 64 MiB page cache per connection (negative = KiB).
 *   Measured through this backend (-O2, one transaction, a person-like table
 *   with random keys in a unique and a plain text index), rows/s:
 *              200k rows   500k rows
 *     2 MiB    87k-91k     64k     (SQLite's default)
 *     16 MiB   -           132k
 *     64 MiB   180k-203k   146k
 *     256 MiB  186k        162k
 *   Once the indexes outgrow the cache every insert waits on page I/O. At
 *   64 MiB the indexes of a few hundred thousand people fit, close to what
 *   256 MiB gives. It is a ceiling, not an allocation, but there is one per
 *   connection (one per thread), so it is not set higher. Batching matters
 *   as much: 1000 rows per commit ran at 35k rows/s, since every commit
 *   writes the index pages it touched to the WAL.
 * - temp_store=MEMORY: sorts and transient indexes stay off the disk.
 * - secure_delete=ON: what a removal or an update drops (an erased name, a
 *   purged note) is overwritten with zeros in the file, not left in free
 *   space for a file reader to find. Writes that only add rows, the common
 *   case, cost the same.
 * The busy timeout is set through sqlite3_busy_timeout(); WAL is switched on
 * in prepare(), once the file is known to be ours (see sqlite_schema.c). */
#define PM_SQLITE_BUSY_TIMEOUT_MS 5000
static const char connection_settings[] =
    "PRAGMA foreign_keys=ON;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA cache_size=-65536;"
    "PRAGMA temp_store=MEMORY;"
    "PRAGMA secure_delete=ON;";

pm_status pm_sqlite__set_error(pm_sqlite *s, pm_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->errmsg, sizeof s->errmsg, fmt, ap);
    va_end(ap);
    return status;
}

pm_status pm_sqlite__status(int rc)
{
    if (rc == SQLITE_IOERR_NOMEM)
        return PM_ENOMEM;
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        return PM_ECONFLICT;
    switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return PM_EBUSY;
    case SQLITE_READONLY:
        return PM_EREADONLY;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return PM_ECORRUPT;
    case SQLITE_NOMEM:
        return PM_ENOMEM;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL: /* a file that cannot be written is an I/O failure to the caller */
        return PM_EIO;
    case SQLITE_TOOBIG:
        return PM_ERANGE;
    default:
        return PM_ESTORAGE;
    }
}

pm_status pm_sqlite__fail(pm_sqlite *s, int rc, const char *what)
{
    const char *reason = s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);
    return pm_sqlite__set_error(s, pm_sqlite__status(rc), "%s: %s", what, reason);
}

pm_status pm_sqlite__exec(pm_sqlite *s, const char *sql, const char *what)
{
    int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? PM_OK : pm_sqlite__fail(s, rc, what);
}

/* ---- transaction statements --------------------------------------------
 * Every public write is a begin/commit pair (a savepoint inside a caller's
 * batch), so their statements are prepared once and reset after each run:
 * re-parsing the SQL text each time cost about as much as running it. */

/* Runs *stmt, preparing it from sql first when *stmt is NULL; the SQLite
 * result code, SQLITE_OK once done. The reset leaves the failure's message
 * on the connection, as sqlite3_exec's finalize does. */
static int tx_run(pm_sqlite *s, sqlite3_stmt **stmt, const char *sql)
{
    if (*stmt == NULL) {
        int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, stmt, NULL);
        if (rc != SQLITE_OK)
            return rc;
    }
    int rc = sqlite3_step(*stmt);
    sqlite3_reset(*stmt);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A read-only store never writes, so its BEGIN only pins one snapshot; see
 * sqlite_begin for why the others lock at once. */
static const char *begin_sql(const pm_sqlite *s)
{
    return (s->flags & PM_SQLITE_READONLY) ? "BEGIN" : "BEGIN IMMEDIATE";
}

/* tx_run, recording a failure as "<what>: <sqlite message>". */
static pm_status tx_exec(pm_sqlite *s, sqlite3_stmt **stmt, const char *sql, const char *what)
{
    int rc = tx_run(s, stmt, sql);
    return rc == SQLITE_OK ? PM_OK : pm_sqlite__fail(s, rc, what);
}

/* Runs op on savepoint pm_<level> (level >= 1), growing the table of levels
 * to the deepest one used. */
static pm_status savepoint_exec(pm_sqlite *s, unsigned int level, pm_sqlite_savepoint_op op,
                                const char *what)
{
    static const char *const verbs[PM_SQLITE_SAVEPOINT_OPS] = {"SAVEPOINT", "RELEASE",
                                                               "ROLLBACK TO"};
    if (level > s->nsavepoints) {
        unsigned int n = s->nsavepoints * 2;
        if (n < level)
            n = level;
        if (n < 4)
            n = 4;
        pm_sqlite_savepoint *grown = pm__realloc(s->savepoints, n * sizeof *grown);
        if (grown == NULL)
            return pm_sqlite__set_error(s, PM_ENOMEM, "%s: out of memory", what);
        memset(grown + s->nsavepoints, 0, (n - s->nsavepoints) * sizeof *grown);
        s->savepoints = grown;
        s->nsavepoints = n;
    }
    sqlite3_stmt **stmt = &s->savepoints[level - 1].stmt[op];
    char sql[40] = "";
    if (*stmt == NULL) /* the text is only needed to prepare */
        snprintf(sql, sizeof sql, "%s pm_%u", verbs[op], level);
    return tx_exec(s, stmt, sql, what);
}

static void finalize_transaction_statements(pm_sqlite *s)
{
    sqlite3_finalize(s->tx_begin);
    sqlite3_finalize(s->tx_commit);
    sqlite3_finalize(s->tx_rollback);
    s->tx_begin = s->tx_commit = s->tx_rollback = NULL;
    for (unsigned int i = 0; i < s->nsavepoints; i++)
        for (unsigned int op = 0; op < PM_SQLITE_SAVEPOINT_OPS; op++)
            sqlite3_finalize(s->savepoints[i].stmt[op]);
    pm__free(s->savepoints);
    s->savepoints = NULL;
    s->nsavepoints = 0;
}

int pm_sqlite__transaction_lost(const pm_sqlite *s)
{
    return s->depth > 0 && sqlite3_get_autocommit(s->db);
}

static pm_status lost_transaction(pm_sqlite *s, const char *what)
{
    return pm_sqlite__set_error(s, PM_ESTORAGE,
                                "%s: the transaction was already rolled back after an "
                                "earlier error", what);
}

static pm_status not_prepared(pm_sqlite *s, const char *what)
{
    return pm_sqlite__set_error(s, PM_EMISUSE, "%s: prepare() has not been called", what);
}

/* ---- ids across rollbacks ----------------------------------------------
 * Ids are never issued twice, yet AUTOINCREMENT's counter lives in
 * sqlite_sequence, and a rollback takes it back along with the rows: the
 * next insert would hand out the same ids again, though the caller has seen
 * them. So each instance remembers the highest id it issued per kind, and
 * after a rollback puts the counter back up to it: after a savepoint, inside
 * the transaction (before the kind's next insert, or at COMMIT); after the
 * outermost rollback, in a small transaction of its own, so that a later
 * instance does not issue them either. What a crashed process issued inside
 * its last transaction is not remembered anywhere. */

static void id_floor_sql(const pm_sqlite *s, unsigned int kind, char *sql, size_t size)
{
    const char *name = s->schema->kinds[kind].name;
    long long floor = (long long)s->kinds[kind].issued_max;
    /* Kind names are checked in prepare() to be [a-z0-9_]: safe in a literal. */
    snprintf(sql, size,
             "UPDATE sqlite_sequence SET seq = %lld WHERE name = '%s' AND seq < %lld;"
             "INSERT INTO sqlite_sequence (name, seq) SELECT '%s', %lld"
             " WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = '%s')",
             floor, name, floor, name, floor, name);
}

pm_status pm_sqlite__raise_id_floor(pm_sqlite *s, unsigned int kind)
{
    char sql[400], what[160];
    id_floor_sql(s, kind, sql, sizeof sql);
    snprintf(what, sizeof what, "%s: keeping the ids of a rolled-back insert unused",
             s->schema->kinds[kind].name);
    pm_status st = pm_sqlite__exec(s, sql, what);
    if (st == PM_OK) {
        s->kinds[kind].floor_pending = 0;
        s->kinds[kind].uncommitted_ids = 1; /* the raise itself can be rolled back */
    }
    return st;
}

static pm_status raise_pending_floors(pm_sqlite *s)
{
    pm_status st = PM_OK;
    for (unsigned int i = 0; st == PM_OK && i < s->schema->nkinds; i++)
        if (s->kinds[i].floor_pending)
            st = pm_sqlite__raise_id_floor(s, i);
    return st;
}

static void ids_rolled_back(pm_sqlite *s)
{
    for (unsigned int i = 0; i < s->schema->nkinds; i++)
        if (s->kinds[i].uncommitted_ids)
            s->kinds[i].floor_pending = 1;
}

static void ids_committed(pm_sqlite *s)
{
    for (unsigned int i = 0; i < s->schema->nkinds; i++)
        s->kinds[i].uncommitted_ids = s->kinds[i].floor_pending = 0;
}

/* After the outermost transaction ended without committing. Failing here
 * (another writer past the busy timeout) only leaves the floors pending for
 * this instance's next write transaction; the rollback itself succeeded, so
 * this neither reports nor records an error. */
static void persist_id_floors(pm_sqlite *s)
{
    if (s->schema == NULL)
        return;
    ids_rolled_back(s);
    int pending = 0;
    for (unsigned int i = 0; i < s->schema->nkinds; i++) {
        s->kinds[i].uncommitted_ids = 0;
        pending |= s->kinds[i].floor_pending;
    }
    if (!pending || tx_run(s, &s->tx_begin, begin_sql(s)) != SQLITE_OK)
        return;
    int rc = SQLITE_OK;
    for (unsigned int i = 0; rc == SQLITE_OK && i < s->schema->nkinds; i++) {
        if (s->kinds[i].floor_pending) {
            char sql[400];
            id_floor_sql(s, i, sql, sizeof sql);
            rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
        }
    }
    if (rc == SQLITE_OK)
        rc = tx_run(s, &s->tx_commit, "COMMIT");
    if (rc == SQLITE_OK)
        ids_committed(s);
    else if (!sqlite3_get_autocommit(s->db))
        tx_run(s, &s->tx_rollback, "ROLLBACK");
}

/* ---- transactions ------------------------------------------------------- */

/* Writes come only inside transactions, so the outermost one takes the
 * write lock at once (IMMEDIATE): a deferred transaction that reads and
 * then writes can meet another writer on the lock upgrade, where SQLite
 * returns SQLITE_BUSY at once instead of waiting, to avoid a deadlock.
 * A read-only store never writes, so its BEGIN only pins one snapshot. */
static pm_status sqlite_begin(pm_storage *storage)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    if (s->schema == NULL)
        return not_prepared(s, "begin");
    pm_status st;
    if (s->depth == 0) {
        st = tx_exec(s, &s->tx_begin, begin_sql(s), "begin");
    } else {
        if (pm_sqlite__transaction_lost(s))
            return lost_transaction(s, "begin");
        st = savepoint_exec(s, s->depth, PM_SQLITE_SAVEPOINT, "begin (savepoint)");
    }
    if (st == PM_OK)
        s->depth++;
    return st;
}

static pm_status sqlite_commit(pm_storage *storage)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    if (s->depth == 0)
        return pm_sqlite__set_error(s, PM_EMISUSE, "commit: no transaction is open");
    if (pm_sqlite__transaction_lost(s)) {
        s->depth--;
        persist_id_floors(s);
        return lost_transaction(s, "commit");
    }
    if (s->depth > 1) {
        pm_status st = savepoint_exec(s, s->depth - 1, PM_SQLITE_RELEASE, "commit (savepoint)");
        if (st == PM_OK)
            s->depth--;
        return st;
    }
    pm_status st = raise_pending_floors(s);
    if (st != PM_OK)
        return st; /* still open: the caller rolls back */
    st = tx_exec(s, &s->tx_commit, "COMMIT", "commit");
    if (st == PM_OK) {
        s->depth = 0;
        ids_committed(s);
    } else if (sqlite3_get_autocommit(s->db)) {
        /* SQLite ended the transaction; after SQLITE_BUSY it stays open
         * for the caller to retry or roll back. */
        s->depth = 0;
        persist_id_floors(s);
    }
    return st;
}

static pm_status sqlite_rollback(pm_storage *storage)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    if (s->depth == 0)
        return pm_sqlite__set_error(s, PM_EMISUSE, "rollback: no transaction is open");
    if (pm_sqlite__transaction_lost(s)) {
        /* SQLite has already undone everything, this level included. */
        s->depth--;
        persist_id_floors(s);
        return PM_OK;
    }
    if (s->depth > 1) {
        /* Both, like the one sqlite3_exec of "ROLLBACK TO x; RELEASE x" they
         * replace: the second only runs once the first succeeded. */
        pm_status st = savepoint_exec(s, s->depth - 1, PM_SQLITE_ROLLBACK_TO,
                                      "rollback (savepoint)");
        if (st == PM_OK)
            st = savepoint_exec(s, s->depth - 1, PM_SQLITE_RELEASE, "rollback (savepoint)");
        if (st == PM_OK) {
            s->depth--;
            ids_rolled_back(s);
        }
        return st;
    }
    pm_status st = tx_exec(s, &s->tx_rollback, "ROLLBACK", "rollback");
    if (st == PM_OK || sqlite3_get_autocommit(s->db)) {
        s->depth = 0;
        persist_id_floors(s);
    }
    return st;
}

static pm_status sqlite_stored_version(pm_storage *storage, unsigned int *out)
{
    pm_sqlite *s = (pm_sqlite *)storage;
    if (out == NULL)
        return pm_sqlite__set_error(s, PM_EINVAL, "stored_version: out must not be NULL");
    if (s->schema == NULL)
        return not_prepared(s, "stored_version");
    *out = s->stored_version;
    return PM_OK;
}

static const char *sqlite_errmsg(pm_storage *storage)
{
    return ((pm_sqlite *)storage)->errmsg;
}

static void sqlite_free(pm_storage *storage)
{
    if (storage == NULL)
        return;
    pm_sqlite *s = (pm_sqlite *)storage;
    if (s->db != NULL && (s->depth > 0 || !sqlite3_get_autocommit(s->db))) {
        /* sqlite3_close would roll back too, but the ids handed out inside
         * the transaction must be kept unused first. */
        tx_run(s, &s->tx_rollback, "ROLLBACK");
        persist_id_floors(s);
    }
    pm_sqlite__finalize_statements(s);
    finalize_transaction_statements(s);
    if (s->db != NULL)
        sqlite3_close_v2(s->db);
    pm__free(s->kinds);
    pm__free(s->row);
    pm__free(s);
}

static int file_is_missing(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f != NULL) {
        fclose(f);
        return 0;
    }
    return errno == ENOENT;
}

static pm_status connect_failed(pm_sqlite *s, int rc, const char *path)
{
    if (s->db == NULL || rc == SQLITE_NOMEM)
        return pm_sqlite__set_error(s, PM_ENOMEM, "cannot open: out of memory");
    int may_create = !(s->flags & (PM_SQLITE_READONLY | PM_SQLITE_NOCREATE));
    if ((rc & 0xff) == SQLITE_CANTOPEN && !may_create && file_is_missing(path))
        return pm_sqlite__set_error(s, PM_EIO, "cannot open: no such file");
    return pm_sqlite__set_error(s, pm_sqlite__status(rc), "cannot open: %s", sqlite3_errmsg(s->db));
}

/* While opening, a file that is not a database shows as SQLITE_NOTADB on
 * the first statement that reads its header, whichever it is. */
static pm_status open_step_failed(pm_sqlite *s, int rc, const char *what)
{
    if ((rc & 0xff) == SQLITE_NOTADB)
        return pm_sqlite__set_error(s, PM_ECORRUPT, "not an SQLite database");
    return pm_sqlite__fail(s, rc, what);
}

/* SQLite reads nothing on open, and not every setting touches the file, so
 * reading the schema table here makes sure a file that is not a database
 * fails to open rather than on some later call. */
static pm_status check_readable(pm_sqlite *s)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(s->db, "SELECT count(*) FROM sqlite_master", -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode(s->db);
    pm_status st = rc == SQLITE_OK ? PM_OK : open_step_failed(s, rc, "cannot read");
    sqlite3_finalize(stmt);
    return st;
}

static pm_status connect(pm_sqlite *s, const char *path)
{
    /* NOMUTEX: an instance belongs to one thread at a time, so SQLite's
     * per-connection mutex would only cost time. */
    int oflags = SQLITE_OPEN_NOMUTEX;
    if (s->flags & PM_SQLITE_READONLY)
        oflags |= SQLITE_OPEN_READONLY;
    else
        oflags |= SQLITE_OPEN_READWRITE |
                  ((s->flags & PM_SQLITE_NOCREATE) ? 0 : SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
    if (rc != SQLITE_OK)
        return connect_failed(s, rc, path);
    sqlite3_extended_result_codes(s->db, 1);
    rc = sqlite3_busy_timeout(s->db, PM_SQLITE_BUSY_TIMEOUT_MS);
    if (rc != SQLITE_OK)
        return pm_sqlite__fail(s, rc, "cannot set the busy timeout");
    rc = sqlite3_exec(s->db, connection_settings, NULL, NULL, NULL);
    if (rc != SQLITE_OK)
        return open_step_failed(s, rc, "cannot apply the connection settings");
    return check_readable(s);
}

static void init_vtable(pm_sqlite *s)
{
    s->base.version = PM_STORAGE_VERSION;
    s->base.name = "sqlite";
    s->base.capabilities = s->in_memory ? 0u
                                        : (PM_STORAGE_CAP_DURABLE | PM_STORAGE_CAP_SHARED_READ);
    s->base.prepare = pm_sqlite__prepare;
    s->base.stored_version = sqlite_stored_version;
    s->base.begin = sqlite_begin;
    s->base.commit = sqlite_commit;
    s->base.rollback = sqlite_rollback;
    s->base.insert = pm_sqlite__insert;
    s->base.insert_many = pm_sqlite__insert_many;
    s->base.update = pm_sqlite__update;
    s->base.remove = pm_sqlite__remove;
    s->base.get = pm_sqlite__get;
    s->base.scan = pm_sqlite__scan;
    s->base.errmsg = sqlite_errmsg;
    s->base.free = sqlite_free;
}

pm_status pm_storage_sqlite_open(pm_storage **out, const char *path, unsigned int flags,
                                 char **errmsg)
{
    if (errmsg != NULL)
        *errmsg = NULL;
    if (out == NULL)
        return pm_error__dup(errmsg, PM_EINVAL, "out: must not be NULL");
    *out = NULL;
    if (path == NULL || *path == '\0')
        return pm_error__dup(errmsg, PM_EINVAL, "path: must not be %s", path ? "empty" : "NULL");
    unsigned int unknown = flags & ~(PM_SQLITE_READONLY | PM_SQLITE_NOCREATE);
    if (unknown != 0)
        return pm_error__dup(errmsg, PM_EINVAL, "flags: 0x%x are not PM_SQLITE_* flags",
                             unknown);

    pm_sqlite *s = pm__calloc(1, sizeof *s);
    if (s == NULL)
        return pm_error__dup(errmsg, PM_ENOMEM, "out of memory");
    s->flags = flags;
    s->in_memory = strcmp(path, ":memory:") == 0;
    init_vtable(s);
    pm_status st = connect(s, path);
    if (st != PM_OK) {
        pm_error__dup(errmsg, st, "%s", s->errmsg);
        sqlite_free(&s->base);
        return st;
    }
    *out = &s->base;
    return PM_OK;
}
