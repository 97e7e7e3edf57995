/* What the files of the PostgreSQL backend share: the instance struct, the
 * statement cache, the pipeline and the entry points of each part.
 *   pg.c         opening (the connection string and its schema), settings,
 *                errors, transactions, reconnecting, closing
 *   pg_conn.c    prepared statements, the pipeline and its syncs, SQLSTATEs
 *   pg_schema.c  prepare(): creating and migrating a tenant's tables
 *   pg_values.c  checking values; binary parameters and results
 *   pg_rows.c    insert, update, remove and get
 *   pg_scan.c    one scan: its checks, its SQL and the statement cache
 *   pg_batch.c   batches of scans, and merges of ordered scans
 *   pg_stamp.c   the change stamp: its triggers, and reading it
 * Only src/storage/pg*.c include this. */
#ifndef PM_STORAGE_PG_INTERNAL_H
#define PM_STORAGE_PG_INTERNAL_H

#include <libpq-fe.h>

#include "perfmgmt/sys/storage.h"
#include "../util/buf.h"
#include "../util/error.h"

/* pm_storage_postgresql_open() when the backend is built. */
pm_status pm_pg__open(pm_storage **out, const char *conninfo, unsigned int flags,
                      char **errmsg);

/* Ids come from one sequence per kind that steps by this much: nextval()
 * hands an instance the first id of a block of its own, so one round trip
 * buys this many inserts (see pg_rows.c). */
#define PM_PG_ID_BLOCK 64

/* Statements queued in the pipeline before a sync is forced: enough to
 * batch inserts, few enough that their results (a few dozen bytes each)
 * never fill the server's socket buffer while it waits for us to read. */
#define PM_PG_PIPELINE_MAX 256

/* Room in the queue: the pipelined statements, plus what one call adds
 * (statements it prepares, a savepoint pair, the final one). */
#define PM_PG_QUEUE_CAP (PM_PG_PIPELINE_MAX + 16)

/* Most parameters of one statement: an UPDATE of every field and its id,
 * or a merge of its most scans (each an equality prefix, two bounds and a
 * limit) and the merge's limit. */
#define PM_PG_UPDATE_PARAMS (PM_KIND_MAX_FIELDS + 2)
#define PM_PG_MERGE_PARAMS (PM_SCAN_MERGE_MAX * (PM_INDEX_MAX_FIELDS + 3) + 1)
#define PM_PG_MAX_PARAMS \
    (PM_PG_UPDATE_PARAMS > PM_PG_MERGE_PARAMS ? PM_PG_UPDATE_PARAMS : PM_PG_MERGE_PARAMS)

/* Partial UPDATE statements kept per kind, as the SQLite backend does. */
#define PM_PG_UPDATE_CACHE 8

/* PostgreSQL type OIDs of the parameters we send (pg_type.h). */
#define PM_PG_INT8OID 20
#define PM_PG_TEXTOID 25
#define PM_PG_BYTEAOID 17
#define PM_PG_FLOAT8OID 701
#define PM_PG_DATEOID 1082
#define PM_PG_TIMESTAMPTZOID 1184

/* A statement prepared on first use on the connection, under the name
 * "pm<number>", and again after a reconnect (prepared statements belong
 * to one server session). Its SQL is built only to prepare it and not
 * kept: the cache holds no memory of ours per statement. */
typedef struct pm_pg_stmt {
    unsigned int number;     /* 0 until first prepared */
    unsigned int generation; /* the connection it is prepared on; 0: none */
} pm_pg_stmt;

typedef struct pm_pg_scan_stmt {
    uint32_t shape;
    uint32_t nulls; /* which equality values are NULL (bit i: eq[i]) */
    pm_pg_stmt stmt;
} pm_pg_scan_stmt;

/* A merge's statement: the shapes of its scans, in order, and whether
 * the merge has a limit of its own. */
typedef struct pm_pg_merge_stmt {
    unsigned int count;
    int limited;
    uint32_t shapes[PM_SCAN_MERGE_MAX];
    uint32_t nulls[PM_SCAN_MERGE_MAX];
    pm_pg_stmt stmt;
} pm_pg_merge_stmt;

typedef struct pm_pg_update_stmt {
    uint64_t mask;
    pm_pg_stmt stmt;
} pm_pg_update_stmt;

/* Statements and ids of one kind. */
typedef struct pm_pg_kind {
    pm_pg_stmt insert;
    pm_pg_stmt update;                                  /* every field */
    pm_pg_update_stmt updates[PM_PG_UPDATE_CACHE];      /* some fields */
    unsigned int nupdates;
    unsigned int next_evict;
    pm_pg_stmt remove;
    pm_pg_stmt get;
    pm_pg_stmt next_ids;                                /* nextval() of its sequence */
    pm_pg_scan_stmt *scans;
    size_t nscans;
    size_t scans_cap;
    pm_pg_merge_stmt *merges;
    size_t nmerges;
    size_t merges_cap;
    uint64_t unique_fields; /* fields some unique index covers */
    pm_id next_id;          /* the next id of the block this instance holds */
    pm_id end_id;           /* one past the block; next_id == end_id: none left */
} pm_pg_kind;

/* A statement sent and not yet read. */
typedef struct pm_pg_sent {
    pm_pg_stmt *prepared; /* a Parse of this statement: forgotten if it fails */
    int own;              /* the sending call reads its result */
    int streamed;         /* ... row by row, as the rows arrive */
} pm_pg_sent;

/* pm_pg__send()'s own: the result is read by the sending call row by row
 * (libpq's single-row mode), so that memory stays bounded whatever the
 * statement returns. It costs a result copy per row, so a statement that
 * returns few rows is read whole (own 1). */
#define PM_PG_STREAMED 2

/* Values of one statement's parameters, in binary. */
typedef struct pm_pg_params {
    int n;
    const char *values[PM_PG_MAX_PARAMS];
    int lengths[PM_PG_MAX_PARAMS];
    int formats[PM_PG_MAX_PARAMS];
    char scratch[PM_PG_MAX_PARAMS][8]; /* numbers in network order */
} pm_pg_params;

typedef struct pm_pg {
    pm_storage base;             /* first: the db sees a pm_storage * */
    PGconn *conn;
    char *conninfo;              /* the connection string without our schema parameter */
    unsigned int flags;          /* PM_POSTGRESQL_* given to open */
    char schema_name[64];        /* the tenant's PostgreSQL schema */
    char *quoted_schema;         /* "\"acme\"" */
    const pm_schema *schema;     /* NULL until prepare() succeeds */
    unsigned int stored_version; /* the store's version before prepare() */
    unsigned int depth;          /* open transaction levels */
    /* The server ended the open transaction (connection lost, or an error
     * aborted it): every call fails with lost_status until the caller
     * closes the outermost level. */
    int lost;
    pm_status lost_status;
    int reconnect;               /* the connection must be made anew before use */
    unsigned int generation;     /* counts connections: prepared statements' validity */
    unsigned int next_number;    /* names the next prepared statement */
    pm_pg_sent queue[PM_PG_QUEUE_CAP];
    unsigned int queued;         /* statements sent since the last sync */
    char sqlstate[6];            /* of the last failure, "" when not from the server */
    pm_pg_kind *kinds;           /* one per schema kind */
    unsigned int nkinds;         /* entries of kinds */
    pm_value *row;               /* values of the row handed to a callback */
    int stamped;                 /* the store's stamp triggers match the schema's */
    pm_pg_stmt stamp;            /* reads the change stamp */
    char errmsg[PM_ERRMSG_MAX];
} pm_pg;

/* ---- pg.c ---- */

/* Records status and a printf-style message as the instance's errmsg(). */
pm_status pm_pg__set_error(pm_pg *p, pm_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Checks that a call may talk to the server: the open transaction is not
 * lost, and at depth 0 a lost connection is made anew. what names the call. */
pm_status pm_pg__usable(pm_pg *p, const char *what);

/* The schema-qualified, quoted name of a table or sequence of the tenant. */
void pm_pg__sql_table(pm_buf *sql, pm_status *st, const pm_pg *p, const char *name);

/* ---- pg_conn.c ---- */

/* The pm_status of an SQLSTATE. */
pm_status pm_pg__status_of(const char *sqlstate);

/* 1 when stmt is prepared on the current connection. */
int pm_pg__stmt_ready(const pm_pg *p, const pm_pg_stmt *stmt);

/* Prepares stmt from the SQL in sql (which it frees) in the pipeline;
 * types are the parameters' OIDs. st != PM_OK means building the SQL ran
 * out of memory. */
pm_status pm_pg__send_prepare(pm_pg *p, pm_pg_stmt *stmt, pm_buf *sql, pm_status st,
                              const Oid *types, unsigned int ntypes, const char *what);

/* Sends stmt, prepared, into the pipeline; own: the caller reads its
 * result at the next sync. */
pm_status pm_pg__send(pm_pg *p, pm_pg_stmt *stmt, const pm_pg_params *params, int own,
                      const char *what);

/* Sends a statement without parameters (BEGIN, SAVEPOINT ...) unprepared. */
pm_status pm_pg__send_text(pm_pg *p, const char *sql, int own, const char *what);

/* Receives the rows of an own statement's result, row by row or all at
 * once; returns 0 to go on, > 0 to stop, < 0 (a pm_status) to fail. */
typedef int (*pm_pg_rows_fn)(pm_pg *p, const PGresult *res, int row, void *ctx);

/* Ends the pipeline with a sync and reads every result. Queued statements
 * are checked; the results of own statements go to results[0..nown) (the
 * caller clears them; NULL where a statement failed), or, with rows set,
 * the one own statement's rows go to rows (one by one as they arrive when
 * it was sent PM_PG_STREAMED). The first failure is recorded as "postgresql: <what>: ...";
 * inside a transaction it ends the transaction (p->lost). */
pm_status pm_pg__sync(pm_pg *p, PGresult **results, unsigned int nown, const char *what);
pm_status pm_pg__sync_rows(pm_pg *p, pm_pg_rows_fn rows, void *ctx, int *stopped,
                           const char *what);
/* pm_pg__sync_rows() for several own statements: rows gets the rows of
 * each, with *entry set to the statement's place among the queue's own
 * ones; a stop ends that statement's rows only. */
pm_status pm_pg__sync_batch(pm_pg *p, pm_pg_rows_fn rows, void *ctx, unsigned int *entry,
                            const char *what);

/* Syncs when statements wait in the pipeline (before anything that reads). */
pm_status pm_pg__flush(pm_pg *p, const char *what);

/* 1 when a failed read outside a transaction should run again: a
 * serialization failure, a deadlock or a lost connection. Sleeps a little
 * first. attempt counts from 0. */
int pm_pg__retry(pm_pg *p, pm_status st, int attempt);

/* Number of rows a command changed (PQcmdTuples). */
long pm_pg__changed(const PGresult *res);

/* ---- pg_schema.c ---- */

pm_status pm_pg__prepare(pm_storage *storage, const pm_schema *schema);

/* 1 when the column of field f is declared NOT NULL (see pg_schema.c). */
int pm_pg__declared_not_null(const pm_kind_def *k, const pm_field_def *f);

/* ---- pg_stamp.c ---- */

/* The schema's stamped tables, comma-separated, as perfmgmt_meta records
 * them; "" when there are none (or they would not fit). */
void pm_pg__stamped_list(char *out, size_t size, const pm_schema *schema);

/* Appends the DDL that stamps the tables of list (from
 * pm_pg__stamped_list()) and records it, to run after the tables exist. */
void pm_pg__stamp_ddl(pm_buf *sql, pm_status *st, const pm_pg *p, const pm_schema *schema,
                      const char *list);

pm_status pm_pg__change_stamp(pm_storage *storage, uint64_t *out);

/* ---- pg_values.c ---- */

/* Checks a value against a field's type. storing: 1 for insert/update
 * (NOT NULL and the storable ranges apply), 0 for scan values. */
pm_status pm_pg__check_value(pm_pg *p, const pm_kind_def *k, const char *field,
                             pm_field_type type, unsigned int flags, const pm_value *v,
                             int storing);

/* Appends a checked value as the next binary parameter (NULL included). */
void pm_pg__param(pm_pg_params *params, pm_field_type type, const pm_value *v);
void pm_pg__param_int8(pm_pg_params *params, int64_t i);

/* The OID of the column type of a field type. */
Oid pm_pg__type_oid(pm_field_type type);

/* A big-endian number of 1 to 8 bytes. */
uint64_t pm_pg__get_be(const char *src, int bytes);

/* Reads row `row` of res (columns "id", then the kind's fields) and hands
 * it to cb; the values borrow res. Returns cb's answer or a pm_status. */
int pm_pg__deliver(pm_pg *p, const PGresult *res, int row, const pm_kind_def *k,
                   pm_storage_row_cb cb, void *payload);

/* ---- pg_rows.c ---- */

pm_status pm_pg__insert(pm_storage *storage, unsigned int kind, const pm_value *values,
                        pm_id *id);
pm_status pm_pg__update(pm_storage *storage, unsigned int kind, pm_id id,
                        const pm_value *values, uint64_t fields);
pm_status pm_pg__remove(pm_storage *storage, unsigned int kind, pm_id id);
pm_status pm_pg__get(pm_storage *storage, unsigned int kind, pm_id id,
                     pm_storage_row_cb cb, void *payload);

/* PM_EMISUSE before prepare(), PM_EINVAL for a kind the schema lacks. */
pm_status pm_pg__check_kind(pm_pg *p, unsigned int kind, const char *op);

/* SQL text builders: each does nothing once *st is not PM_OK. */
void pm_pg__sql_add(pm_buf *sql, pm_status *st, const char *text);
void pm_pg__sql_ident(pm_buf *sql, pm_status *st, const char *name);
void pm_pg__sql_columns(pm_buf *sql, pm_status *st, const pm_kind_def *k, int with_id);

/* Forgets every cached statement of every kind. */
void pm_pg__free_statements(pm_pg *p);

/* ---- pg_scan.c ---- */

pm_status pm_pg__scan(pm_storage *storage, const pm_scan *scan, pm_storage_row_cb cb,
                      void *payload);

/* Forgets one kind's cached scan and merge statements. */
void pm_pg__free_scans(pm_pg_kind *cache);

/* What a scan reads: its kind, index, and the column its range bounds. */
typedef struct pm_pg_scan_target {
    const pm_kind_def *k;
    const pm_index_def *ix; /* NULL for PM_SCAN_BY_ID */
    const char *range_name; /* the field after the equality prefix, or "id" */
    pm_field_type range_type;
    int range_nullable;
} pm_pg_scan_target;

/* Checks a scan against the schema and fills in its target. */
pm_status pm_pg__check_scan(pm_pg *p, const pm_scan *sc, pm_pg_scan_target *t);

/* Everything but the NULL equality values that changes a scan's SQL, and
 * which equality values are NULL (bit i: eq[i]): together, its statement. */
uint32_t pm_pg__scan_shape(const pm_scan *sc);
uint32_t pm_pg__scan_nulls(const pm_scan *sc);

/* The SQL of a statement being built, and its parameters' types in the
 * order it uses them ($1 first). */
typedef struct pm_pg_scan_sql {
    pm_buf text;
    pm_status st;
    unsigned int nconds;  /* conditions of the SELECT being written */
    Oid types[PM_PG_MAX_PARAMS];
    unsigned int ntypes;
} pm_pg_scan_sql;

/* Appends the next parameter ("$n") of the given type. */
void pm_pg__scan_param(pm_pg_scan_sql *q, pm_field_type type);
/* Appends the SELECT of a scan (its parameters numbered after those q
 * holds) and, in pm_pg__bind_scan(), appends their values to params. */
void pm_pg__scan_sql(pm_pg_scan_sql *q, const pm_pg *p, const pm_pg_scan_target *t,
                     const pm_scan *sc);
void pm_pg__bind_scan(pm_pg_params *params, const pm_pg_scan_target *t, const pm_scan *sc);
/* Appends the value of a LIMIT parameter (no limit above INT64_MAX). */
void pm_pg__bind_limit(pm_pg_params *params, uint64_t limit);

/* The prepared statement of a scan's shape. */
pm_status pm_pg__scan_stmt(pm_pg *p, const pm_pg_scan_target *t, const pm_scan *sc,
                           pm_pg_stmt **out);

/* Scans limited to this many rows read their result whole. */
#define PM_PG_STREAM_LIMIT 1000u

/* pm_pg__send()'s own for a result of at most limit rows (0: no limit):
 * PM_PG_STREAMED above PM_PG_STREAM_LIMIT, else 1. */
int pm_pg__rows_streamed(uint64_t limit);

/* ---- pg_batch.c ---- */

pm_status pm_pg__scan_batch(pm_storage *storage, const pm_scan_item *items, size_t count);
pm_status pm_pg__scan_merged(pm_storage *storage, const pm_scan_merge *merges, size_t count);

#endif
