/*
 * bench_pg's parts (bench_pg.c: the run and the report; bench_pg_raw.c: raw
 * libpq; bench_pg_wire.c: libpq calls and binary values) and what they
 * share. The workload and the perfmgmt side are bench_feedback's
 * (bench_feedback.h), on a PostgreSQL store instead of an SQLite file.
 */
#ifndef PERFMGMT_BENCH_PG_H
#define PERFMGMT_BENCH_PG_H

#include <stddef.h>
#include <stdint.h>

#include <libpq-fe.h>

#include "bench_feedback.h"

/* ---- libpq calls and binary values (bench_pg_wire.c) ---- */

/* Connects with a libpq connection string; dies on failure. */
PGconn *pg_connect(const char *conninfo);
/* Runs sql (several statements allowed) outside pipeline mode; dies unless
 * it succeeds. */
void pg_exec(PGconn *conn, const char *sql, const char *what);
/* Prepares sql as the statement `name` with its parameters' types. */
void pg_prepare(PGconn *conn, const char *name, const char *sql, int nparams,
                const Oid *types);

/* The parameters of one statement, in binary: room for 16, each value kept
 * in the struct until the statement is sent. */
#define PG_PARAMS_MAX 16
typedef struct pg_params {
    int count;
    const char *values[PG_PARAMS_MAX];
    int lengths[PG_PARAMS_MAX];
    int formats[PG_PARAMS_MAX];
    char bytes[PG_PARAMS_MAX][8];
} pg_params;

void pg_param_int8(pg_params *p, int64_t value);
void pg_param_time(pg_params *p, pm_time value); /* timestamptz */
void pg_param_date(pg_params *p, pm_date value); /* date */
void pg_param_text(pg_params *p, const char *text); /* NULL: SQL NULL; borrowed */

/* Sends the prepared statement with binary results (into the pipeline in
 * pipeline mode); dies on failure. */
void pg_send(PGconn *conn, const char *name, const pg_params *p, const char *what);
/* Runs the prepared statement outside pipeline mode; dies unless it ends
 * with `want`. The caller clears the result. */
PGresult *pg_run(PGconn *conn, const char *name, const pg_params *p, ExecStatusType want,
                 const char *what);
/* In pipeline mode: the next statement's result, which must be `want`
 * (the caller clears it), then reads the NULL that ends it. */
PGresult *pg_next(PGconn *conn, ExecStatusType want, const char *what);
/* In pipeline mode: reads the result of a PQpipelineSync(). */
void pg_next_sync(PGconn *conn);

/* Binary result values; NULL reads as 0 (as sqlite3_column_int64 does). */
int64_t pg_int8(const PGresult *res, int row, int col);
pm_time pg_time(const PGresult *res, int row, int col);
int pg_is_null(const PGresult *res, int row, int col);
/* A malloc'd copy of a text value (NULL for NULL); the caller frees it. */
char *pg_text_copy(const PGresult *res, int row, int col);
/* An int8[] value, at most max elements into out; returns how many. */
int pg_int8_array(const PGresult *res, int row, int col, int64_t *out, int max);

/* ---- raw libpq (bench_pg_raw.c) ---- */

typedef struct pg_raw_side {
    PGconn *conn;
} pg_raw_side;

/* Connects, replaces the schema with the organisation's and feedback's
 * tables as the PostgreSQL backend lays them out, and prepares the
 * statements. */
void pg_raw_open(pg_raw_side *r, const char *conninfo, const char *schema);
void pg_raw_close(pg_raw_side *r);
/* Drops a schema and everything in it, when it exists. */
void pg_raw_drop_schema(pg_raw_side *r, const char *schema);
/* ANALYZEs every table of a schema, as autovacuum would after bulk writes,
 * so that the planner of either side knows the tables' sizes. */
void pg_raw_analyze(pg_raw_side *r, const char *schema);
/* The organisation in one transaction, every row stamped with clock;
 * person i's id goes to person_ids[i]. */
bench_timing pg_raw_build_org(pg_raw_side *r, const bench_org_source *org, pm_time clock,
                              int64_t *person_ids);
/* The stream in transactions of w->batch, each entry after the checks
 * bench_feedback's raw side makes; returns the last feedback id. */
bench_timing pg_raw_ingest(pg_raw_side *r, const workload *w, const int64_t *person_ids,
                           int64_t *last_id);
/* The newest `limit` entries the viewer may read, read into snapshots;
 * returns how many, and adds their prints to *checksum as raw_latest() does. */
size_t pg_raw_latest(pg_raw_side *r, int64_t viewer, int hr_admin, int limit,
                     const workload *w, uint64_t *checksum);

#endif
