/* What the files of the SQLite backend share: the instance struct, the error
 * helpers and the entry points of each part.
 *   sqlite.c         opening, settings, errors, transactions, closing
 *   sqlite_schema.c  prepare(): creating and migrating the tables
 *   sqlite_rows.c    values, insert, update, remove and get
 *   sqlite_scan.c    scans and their statement cache
 * Only src/storage/sqlite*.c include this. */
#ifndef PM_STORAGE_SQLITE_INTERNAL_H
#define PM_STORAGE_SQLITE_INTERNAL_H

#include <sqlite3.h>

#include "perfmgmt/datetime.h"
#include "perfmgmt/sys/storage.h"
#include "../util/buf.h"
#include "../util/error.h"

/* PRAGMA application_id of every perfmgmt store: "PMGM" in ASCII. */
#define PM_SQLITE_APPLICATION_ID 0x504D474D

/* A cached scan statement and the shape of pm_scan it was built for. */
typedef struct pm_sqlite_scan_stmt {
    uint32_t shape;
    sqlite3_stmt *stmt;
} pm_sqlite_scan_stmt;

/* A cached UPDATE that sets the columns of the fields in mask. */
typedef struct pm_sqlite_update_stmt {
    uint64_t mask;
    sqlite3_stmt *stmt;
} pm_sqlite_update_stmt;

/* Partial UPDATE statements kept per kind: an api write names a handful of
 * field sets per kind, so a few slots hold them all; past that the oldest
 * is replaced. */
#define PM_SQLITE_UPDATE_CACHE 8

/* Statements of one kind, prepared on first use and kept until free(). */
typedef struct pm_sqlite_kind {
    sqlite3_stmt *insert;
    sqlite3_stmt *insert_batch; /* insert_many()'s INSERT of several rows */
    sqlite3_stmt *update;    /* every field */
    pm_sqlite_update_stmt updates[PM_SQLITE_UPDATE_CACHE]; /* some fields */
    unsigned int nupdates;   /* slots in use */
    unsigned int next_evict; /* the slot a miss replaces once all are used */
    sqlite3_stmt *remove;
    sqlite3_stmt *get;
    pm_sqlite_scan_stmt *scans;
    size_t nscans;
    size_t scans_cap;
    pm_id issued_max;    /* highest id this instance has handed out */
    int uncommitted_ids; /* ids issued (or the floor raised) since the last commit */
    int floor_pending;   /* a rollback took issued ids out of sqlite_sequence */
} pm_sqlite_kind;

/* The statements of one savepoint level, prepared on first use and kept
 * until free(): every write nested in a caller's transaction runs them. */
typedef enum pm_sqlite_savepoint_op {
    PM_SQLITE_SAVEPOINT,   /* SAVEPOINT pm_<level> */
    PM_SQLITE_RELEASE,     /* RELEASE pm_<level> */
    PM_SQLITE_ROLLBACK_TO, /* ROLLBACK TO pm_<level> */
    PM_SQLITE_SAVEPOINT_OPS
} pm_sqlite_savepoint_op;

typedef struct pm_sqlite_savepoint {
    sqlite3_stmt *stmt[PM_SQLITE_SAVEPOINT_OPS];
} pm_sqlite_savepoint;

typedef struct pm_sqlite {
    pm_storage base;             /* first: the db sees a pm_storage * */
    sqlite3 *db;
    unsigned int flags;          /* PM_SQLITE_* given to open */
    int in_memory;               /* ":memory:": no WAL, not durable */
    const pm_schema *schema;     /* NULL until prepare() succeeds */
    unsigned int stored_version; /* the file's user_version before prepare() */
    unsigned int depth;          /* open transaction levels */
    pm_sqlite_kind *kinds;       /* one per schema kind */
    pm_value *row;               /* values of the row handed to a callback */
    /* Transaction statements, prepared on first use and kept until free():
     * every public write runs a begin/commit pair, and parsing the SQL text
     * each time cost about as much as running it. */
    sqlite3_stmt *tx_begin;          /* BEGIN IMMEDIATE (BEGIN when read-only) */
    sqlite3_stmt *tx_commit;         /* COMMIT */
    sqlite3_stmt *tx_rollback;       /* ROLLBACK */
    pm_sqlite_savepoint *savepoints; /* [i]: level i + 1, the depth it opens at */
    unsigned int nsavepoints;        /* levels allocated in savepoints */
    char errmsg[PM_ERRMSG_MAX];
} pm_sqlite;

/* ---- sqlite.c ---- */

/* Records status and a printf-style message as the instance's errmsg(). */
pm_status pm_sqlite__set_error(pm_sqlite *s, pm_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The pm_status for an SQLite result code. */
pm_status pm_sqlite__status(int rc);

/* Records an SQLite failure as "<what>: <sqlite message>" and returns its status. */
pm_status pm_sqlite__fail(pm_sqlite *s, int rc, const char *what);

/* Runs SQL without results; on failure records "<what>: <sqlite message>". */
pm_status pm_sqlite__exec(pm_sqlite *s, const char *sql, const char *what);

/* 1 when SQLite ended a transaction that our depth counter still counts as
 * open (it rolls back on its own after some errors, like a full disk). */
int pm_sqlite__transaction_lost(const pm_sqlite *s);

/* Raises the kind's AUTOINCREMENT counter to the highest id this instance
 * issued, inside the open transaction (see "ids across rollbacks"). */
pm_status pm_sqlite__raise_id_floor(pm_sqlite *s, unsigned int kind);

/* ---- sqlite_schema.c ---- */

pm_status pm_sqlite__prepare(pm_storage *storage, const pm_schema *schema);

/* 1 when the column of field f is declared NOT NULL (see sqlite_schema.c). */
int pm_sqlite__declared_not_null(const pm_kind_def *k, const pm_field_def *f);

/* ---- sqlite_rows.c ---- */

pm_status pm_sqlite__insert(pm_storage *storage, unsigned int kind,
                            const pm_value *values, pm_id *id);
pm_status pm_sqlite__insert_many(pm_storage *storage, unsigned int kind, const pm_value *values,
                                 size_t count);
pm_status pm_sqlite__update(pm_storage *storage, unsigned int kind, pm_id id,
                            const pm_value *values, uint64_t fields);
pm_status pm_sqlite__remove(pm_storage *storage, unsigned int kind, pm_id id);
pm_status pm_sqlite__get(pm_storage *storage, unsigned int kind, pm_id id,
                         pm_storage_row_cb cb, void *payload);

/* Finalizes every cached statement (before closing the connection). */
void pm_sqlite__finalize_statements(pm_sqlite *s);


/* PM_EMISUSE before prepare(), PM_EINVAL for a kind the schema lacks; op names the call. */
pm_status pm_sqlite__check_kind(pm_sqlite *s, unsigned int kind, const char *op);

/* Checks a value against a field's type. storing: 1 for insert/update
 * (NOT NULL and the date range apply), 0 for scan values. */
pm_status pm_sqlite__check_value(pm_sqlite *s, const pm_kind_def *k, const char *field,
                                 pm_field_type type, unsigned int flags, const pm_value *v,
                                 int storing);

/* Binds a checked value the way the column of a field of that type stores it. */
int pm_sqlite__bind_value(sqlite3_stmt *stmt, int param, pm_field_type type, const pm_value *v);

/* The same, writing a date's text to kept (when not NULL), which must stay
 * as it is until the statement is released: SQLite then uses the text in
 * place instead of copying it into memory of its own. */
int pm_sqlite__bind_key(sqlite3_stmt *stmt, int param, pm_field_type type, const pm_value *v,
                        char kept[PM_DATE_BUFSIZE]);

/* Ends a statement's use: resets it and clears its bindings. */
void pm_sqlite__release(sqlite3_stmt *stmt);

/* What a query reads of each row: the fields whose PM_UPDATE_FIELD() bit
 * is set come from SQLite; every other field i is known without asking,
 * and is handed over as known[i] (a scan's equality values, and NULL where
 * the SQL selected NULL); the id unless the scan said PM_SCAN_NO_ID. */
typedef struct pm_read {
    uint64_t fields;
    const pm_value *known; /* one per field; NULL when fields has every bit */
    int id;                /* 0: the row's id is handed over as 0, unread */
} pm_read;

/* Steps stmt (SELECT "id", fields...), handing each row to cb, then
 * releases it; *rows counts the rows read; a failure is worded
 * "<op> <kind>: <sqlite message>" ("scan of person: ..."). */
pm_status pm_sqlite__run_query(pm_sqlite *s, sqlite3_stmt *stmt, const pm_kind_def *k,
                               const pm_read *read, pm_storage_row_cb cb, void *payload,
                               const char *op, int *rows);

/* Records a read's SQLite failure as "<op> <kind>: <sqlite message>". */
pm_status pm_sqlite__read_failed(pm_sqlite *s, int rc, const char *op, const pm_kind_def *k);

/* Prepares the SQL in sql as a statement kept for the instance's life and
 * frees sql; st != PM_OK means building the SQL ran out of memory. */
pm_status pm_sqlite__prepare_sql(pm_sqlite *s, pm_buf *sql, pm_status st, const pm_kind_def *k,
                                 sqlite3_stmt **out);

/* SQL text builders: each does nothing once *st is not PM_OK. */
void pm_sqlite__sql_add(pm_buf *sql, pm_status *st, const char *text);
void pm_sqlite__sql_ident(pm_buf *sql, pm_status *st, const char *name);
void pm_sqlite__sql_columns(pm_buf *sql, pm_status *st, const pm_kind_def *k, int with_id);

/* ---- sqlite_scan.c ---- */

pm_status pm_sqlite__scan(pm_storage *storage, const pm_scan *scan,
                          pm_storage_row_cb cb, void *payload);

/* Finalizes and forgets one kind's cached scan statements. */
void pm_sqlite__finalize_scans(pm_sqlite_kind *cache);

#endif
