/* The PostgreSQL backend's conversation with the server: prepared
 * statements, the pipeline, reading results, SQLSTATEs and retries.
 *
 * The connection stays in libpq's pipeline mode. A call sends its
 * statements (preparing each on first use on this connection) and ends
 * with a sync; the results then come back in the order sent. Some
 * statements are sent without a sync and without waiting: BEGIN and
 * SAVEPOINT, and inserts into kinds without a unique index (see
 * pg_rows.c). Their results are read, and checked, at the next sync,
 * which the next call that must wait for the server sends anyway: a batch
 * of inserts costs one round trip per few hundred rows, a transaction one
 * round trip fewer.
 *
 * A statement that fails inside a transaction aborts the whole server
 * transaction, so every value is checked before it is sent; what can still
 * fail is the infrastructure (a lost connection, a lock timeout, a
 * deadlock). Then the transaction is lost (p->lost) and later calls fail
 * until the caller closes the outermost level. */
#include "pg_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../util/alloc.h"

/* ---- SQLSTATEs ----------------------------------------------------------- */

static int sqlstate_is(const char *state, const char *code)
{
    return state != NULL && strcmp(state, code) == 0;
}

pm_status pm_pg__status_of(const char *sqlstate)
{
    if (sqlstate_is(sqlstate, "23505")) /* unique_violation */
        return PM_ECONFLICT;
    if (sqlstate_is(sqlstate, "40001")     /* serialization_failure */
        || sqlstate_is(sqlstate, "40P01")  /* deadlock_detected */
        || sqlstate_is(sqlstate, "55P03")  /* lock_not_available: lock_timeout */
        || sqlstate_is(sqlstate, "57014")) /* query_canceled */
        return PM_EBUSY;
    if (sqlstate_is(sqlstate, "25006")) /* read_only_sql_transaction */
        return PM_EREADONLY;
    return PM_ESTORAGE;
}

/* The server ended the session (class 08, or an administrator's or a
 * crash's shutdown), or libpq lost the socket. */
static int connection_gone(const pm_pg *p, const char *sqlstate)
{
    if (PQstatus(p->conn) == CONNECTION_BAD)
        return 1;
    return sqlstate != NULL && (strncmp(sqlstate, "08", 2) == 0 || sqlstate_is(sqlstate, "57P01")
                                || sqlstate_is(sqlstate, "57P02")
                                || sqlstate_is(sqlstate, "57P03"));
}

/* libpq's messages end with a newline; ours do not. */
static void copy_trimmed(char *dst, size_t size, const char *src)
{
    snprintf(dst, size, "%s", src ? src : "");
    size_t n = strlen(dst);
    while (n > 0 && (dst[n - 1] == '\n' || dst[n - 1] == ' '))
        dst[--n] = '\0';
}

/* Records the connection's loss: the next call at depth 0 connects anew. */
static pm_status lose_connection(pm_pg *p, const char *what, const char *reason)
{
    char text[300];
    copy_trimmed(text, sizeof text, reason);
    p->reconnect = 1;
    return pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: connection lost; %s", what,
                            text[0] ? text : "the server closed the connection");
}

static pm_status record_failure(pm_pg *p, const PGresult *res, const char *what)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    snprintf(p->sqlstate, sizeof p->sqlstate, "%s", state ? state : "");
    const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    char text[300];
    copy_trimmed(text, sizeof text, primary ? primary : PQresultErrorMessage(res));
    if (connection_gone(p, state)) {
        if (!text[0])
            copy_trimmed(text, sizeof text, PQerrorMessage(p->conn));
        return lose_connection(p, what, text);
    }
    const char *constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    if (sqlstate_is(state, "23505") && constraint != NULL)
        return pm_pg__set_error(p, PM_ECONFLICT,
                                "%s: another record has the same values in unique index %s", what,
                                constraint);
    const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
    if (detail != NULL) {
        char more[200];
        copy_trimmed(more, sizeof more, detail);
        return pm_pg__set_error(p, pm_pg__status_of(state), "postgresql: %s: %s (%s)", what,
                                text, more);
    }
    return pm_pg__set_error(p, pm_pg__status_of(state), "postgresql: %s: %s", what, text);
}

/* ---- statements ------------------------------------------------------------ */

int pm_pg__stmt_ready(const pm_pg *p, const pm_pg_stmt *stmt)
{
    return stmt->number != 0 && stmt->generation == p->generation;
}

/* ---- sending ------------------------------------------------------------- */

/* A send that libpq refused leaves the pipeline in an unknown state: the
 * connection is made anew before the next use, and an open transaction
 * is lost with it. */
static pm_status send_failed(pm_pg *p, const char *what)
{
    pm_status st = lose_connection(p, what, PQerrorMessage(p->conn));
    p->queued = 0;
    if (p->depth > 0) {
        p->lost = 1;
        p->lost_status = st;
    }
    return st;
}

static pm_status queue_full(pm_pg *p, const char *what)
{
    return pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: too many statements in the pipeline",
                            what);
}

pm_status pm_pg__send_prepare(pm_pg *p, pm_pg_stmt *stmt, pm_buf *sql, pm_status st,
                              const Oid *types, unsigned int ntypes, const char *what)
{
    if (st != PM_OK) {
        pm_buf__free(sql);
        return pm_pg__set_error(p, PM_ENOMEM, "%s: out of memory building a statement", what);
    }
    if (p->queued + 2 > PM_PG_QUEUE_CAP) {
        pm_buf__free(sql);
        return queue_full(p, what);
    }
    if (stmt->number == 0)
        stmt->number = ++p->next_number;
    char name[24];
    snprintf(name, sizeof name, "pm%u", stmt->number);
    int sent = PQsendPrepare(p->conn, name, sql->data, (int)ntypes, types);
    pm_buf__free(sql);
    if (!sent)
        return send_failed(p, what);
    stmt->generation = p->generation;
    p->queue[p->queued].prepared = stmt;
    p->queue[p->queued].own = 0;
    p->queue[p->queued].streamed = 0;
    p->queued++;
    return PM_OK;
}

pm_status pm_pg__send(pm_pg *p, pm_pg_stmt *stmt, const pm_pg_params *params, int own,
                      const char *what)
{
    if (!pm_pg__stmt_ready(p, stmt))
        return pm_pg__set_error(p, PM_ESTORAGE, "postgresql: %s: statement not prepared", what);
    char name[24];
    snprintf(name, sizeof name, "pm%u", stmt->number);
    if (p->queued + 1 > PM_PG_QUEUE_CAP)
        return queue_full(p, what);
    int n = params ? params->n : 0;
    if (!PQsendQueryPrepared(p->conn, name, n, n ? params->values : NULL,
                             n ? params->lengths : NULL, n ? params->formats : NULL, 1))
        return send_failed(p, what);
    p->queue[p->queued].prepared = NULL;
    p->queue[p->queued].own = own != 0;
    p->queue[p->queued].streamed = own == PM_PG_STREAMED;
    p->queued++;
    return PM_OK;
}

pm_status pm_pg__send_text(pm_pg *p, const char *sql, int own, const char *what)
{
    if (p->queued + 1 > PM_PG_QUEUE_CAP)
        return queue_full(p, what);
    if (!PQsendQueryParams(p->conn, sql, 0, NULL, NULL, NULL, NULL, 1))
        return send_failed(p, what);
    p->queue[p->queued].prepared = NULL;
    p->queue[p->queued].own = own != 0;
    p->queue[p->queued].streamed = own == PM_PG_STREAMED;
    p->queued++;
    return PM_OK;
}

/* ---- reading results ------------------------------------------------------ */

/* Asks the server to stop the running query: reading the rest of a large
 * scan that the callback ended early would cost as much as the scan.
 * libpq returns once the server has taken the request, so it cannot hit a
 * later query. Inside a transaction a cancel would abort the transaction,
 * so there the rest is read and dropped instead. */
static void cancel_query(pm_pg *p)
{
    PGcancel *cancel = PQgetCancel(p->conn);
    if (cancel == NULL)
        return;
    char reason[256];
    PQcancel(cancel, reason, (int)sizeof reason);
    PQfreeCancel(cancel);
}

typedef struct sync_job {
    PGresult **results;   /* the own statements' results, or NULL */
    unsigned int nown;
    pm_pg_rows_fn rows;   /* or the one own statement's rows */
    void *ctx;
    int stopped;          /* rows asked to stop */
    pm_status cb_status;  /* a failure rows returned */
    /* A batch: rows takes the rows of every own statement, each told by
     * *entry (its place among them); a stop ends that statement's rows. */
    unsigned int *entry;
} sync_job;

/* Hands the rows of one result to job->rows until it stops. */
static void deliver_rows(pm_pg *p, sync_job *job, const pm_pg_sent *e, const PGresult *res)
{
    int n = PQntuples(res);
    for (int r = 0; r < n && !job->stopped; r++) {
        int rc = job->rows(p, res, r, job->ctx);
        if (rc == 0)
            continue;
        job->stopped = 1;
        if (rc < 0)
            job->cb_status = (pm_status)rc;
        /* A cancel would reach the batch's later statements too. */
        if (e->streamed && p->depth == 0 && job->entry == NULL)
            cancel_query(p);
    }
}

/* Reads the results of queue entry e up to the NULL that ends them.
 * *st receives the first failure; *own_index counts own entries. */
static void read_entry(pm_pg *p, sync_job *job, const pm_pg_sent *e, unsigned int *own_index,
                       pm_status *st, const char *what)
{
    if (e->own && job->entry != NULL) {
        *job->entry = *own_index;
        job->stopped = 0;
    }
    if (e->own && job->rows != NULL && e->streamed)
        PQsetSingleRowMode(p->conn); /* 0 only if it cannot: then one result holds all */
    PGresult *res;
    while ((res = PQgetResult(p->conn)) != NULL) {
        ExecStatusType rs = PQresultStatus(res);
        if (rs == PGRES_FATAL_ERROR || rs == PGRES_BAD_RESPONSE || rs == PGRES_PIPELINE_ABORTED) {
            if (e->prepared != NULL)
                e->prepared->generation = 0; /* not prepared after all */
            /* A query the callback stopped (and perhaps cancelled) may fail. */
            int ignored = e->own && job->stopped;
            if (rs != PGRES_PIPELINE_ABORTED && !ignored && *st == PM_OK)
                *st = record_failure(p, res, what);
            PQclear(res);
            continue;
        }
        if (rs == PGRES_PIPELINE_SYNC) {
            /* Out of step with our own count: start afresh. */
            PQclear(res);
            if (*st == PM_OK)
                *st = lose_connection(p, what, "the pipeline got out of step");
            return;
        }
        if (!e->own) {
            PQclear(res);
        } else if (job->rows != NULL) {
            if (!job->stopped && (rs == PGRES_SINGLE_TUPLE || rs == PGRES_TUPLES_OK))
                deliver_rows(p, job, e, res);
            PQclear(res);
        } else if (*own_index < job->nown) {
            PQclear(job->results[*own_index]);
            job->results[*own_index] = res;
        } else {
            PQclear(res);
        }
        if (PQstatus(p->conn) == CONNECTION_BAD)
            break;
    }
    if (e->own)
        (*own_index)++;
}

static pm_status sync_run(pm_pg *p, sync_job *job, const char *what)
{
    pm_status st = PM_OK;
    unsigned int own_index = 0;
    p->sqlstate[0] = '\0';
    for (unsigned int i = 0; i < job->nown; i++)
        job->results[i] = NULL;
    if (!PQpipelineSync(p->conn))
        return send_failed(p, what);
    for (unsigned int i = 0; i < p->queued; i++) {
        read_entry(p, job, &p->queue[i], &own_index, &st, what);
        if (PQstatus(p->conn) == CONNECTION_BAD || p->reconnect)
            break;
    }
    if (PQstatus(p->conn) != CONNECTION_BAD && !p->reconnect) {
        PGresult *res = PQgetResult(p->conn);
        if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
            if (st == PM_OK)
                st = lose_connection(p, what, res == NULL ? PQerrorMessage(p->conn)
                                                          : "the pipeline got out of step");
            p->reconnect = 1;
        }
        PQclear(res);
    }
    if (PQstatus(p->conn) == CONNECTION_BAD && !p->reconnect)
        st = lose_connection(p, what, PQerrorMessage(p->conn));
    p->queued = 0;
    if (st != PM_OK && p->depth > 0 && !p->lost) {
        /* The server has aborted the transaction (or lost it with the
         * connection); an update that wrapped its statement in a savepoint
         * takes this back once it has rolled back to it. */
        p->lost = 1;
        p->lost_status = st;
    }
    if (st == PM_OK && job->cb_status != PM_OK)
        st = job->cb_status;
    return st;
}

pm_status pm_pg__sync(pm_pg *p, PGresult **results, unsigned int nown, const char *what)
{
    sync_job job;
    memset(&job, 0, sizeof job);
    job.results = results;
    job.nown = nown;
    return sync_run(p, &job, what);
}

pm_status pm_pg__sync_batch(pm_pg *p, pm_pg_rows_fn rows, void *ctx, unsigned int *entry,
                            const char *what)
{
    sync_job job;
    memset(&job, 0, sizeof job);
    job.rows = rows;
    job.ctx = ctx;
    job.entry = entry;
    return sync_run(p, &job, what);
}

pm_status pm_pg__sync_rows(pm_pg *p, pm_pg_rows_fn rows, void *ctx, int *stopped,
                           const char *what)
{
    sync_job job;
    memset(&job, 0, sizeof job);
    job.rows = rows;
    job.ctx = ctx;
    pm_status st = sync_run(p, &job, what);
    if (stopped != NULL)
        *stopped = job.stopped;
    return st;
}

pm_status pm_pg__flush(pm_pg *p, const char *what)
{
    if (p->queued == 0)
        return PM_OK;
    return pm_pg__sync(p, NULL, 0, what);
}

/* ---- retries -------------------------------------------------------------- */

#define PM_PG_RETRIES 3

int pm_pg__retry(pm_pg *p, pm_status st, int attempt)
{
    if (st == PM_OK || p->depth > 0 || attempt >= PM_PG_RETRIES)
        return 0;
    int busy = sqlstate_is(p->sqlstate, "40001") || sqlstate_is(p->sqlstate, "40P01");
    /* A connection found dead before anything was read: the server may
     * have restarted or closed an idle session. Once is enough. */
    int lost = p->reconnect && attempt == 0;
    if (!busy && !lost)
        return 0;
    if (busy) {
        struct timespec pause = { 0, 10000000L * (attempt + 1) }; /* 10, 20, 30 ms */
        nanosleep(&pause, NULL);
    }
    return 1;
}

long pm_pg__changed(const PGresult *res)
{
    const char *n = PQcmdTuples((PGresult *)(uintptr_t)res);
    return (n != NULL && *n) ? strtol(n, NULL, 10) : 0;
}
