/*
 * bench_pg's libpq calls: connecting, running and preparing statements,
 * pipelines, and values in PostgreSQL's binary format (what a careful
 * libpq program sends and reads: no text to format or parse). Every
 * failure ends the program (bench_die).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_pg.h"

/* PostgreSQL's binary dates and times count from 2000-01-01 (UTC). */
#define PG_EPOCH_DAYS 10957L
#define PG_EPOCH_SECONDS (PG_EPOCH_DAYS * 86400L)

static void die_with(PGconn *conn, const PGresult *res, const char *what)
{
    char detail[1024];
    const char *message = res != NULL ? PQresultErrorMessage(res) : PQerrorMessage(conn);
    snprintf(detail, sizeof detail, "%s", message != NULL && *message ? message : "failed");
    size_t n = strlen(detail);
    if (n > 0 && detail[n - 1] == '\n')
        detail[n - 1] = '\0';
    bench_die(what, detail);
}

PGconn *pg_connect(const char *conninfo)
{
    PGconn *conn = PQconnectdb(conninfo);
    if (conn == NULL)
        bench_die("PQconnectdb", "out of memory");
    if (PQstatus(conn) != CONNECTION_OK)
        die_with(conn, NULL, "PQconnectdb");
    return conn;
}

void pg_exec(PGconn *conn, const char *sql, const char *what)
{
    PGresult *res = PQexec(conn, sql);
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        die_with(conn, res, what);
    PQclear(res);
}

void pg_prepare(PGconn *conn, const char *name, const char *sql, int nparams,
                const Oid *types)
{
    PGresult *res = PQprepare(conn, name, sql, nparams, types);
    if (PQresultStatus(res) != PGRES_COMMAND_OK)
        die_with(conn, res, name);
    PQclear(res);
}

/* ---- parameters ---- */

/* The next parameter, binary, its value in the struct's own bytes. */
static char *next_param(pg_params *p, int length)
{
    if (p->count >= PG_PARAMS_MAX)
        bench_die("pg_params", "too many parameters");
    int i = p->count++;
    p->values[i] = p->bytes[i];
    p->lengths[i] = length;
    p->formats[i] = 1;
    return p->bytes[i];
}

static void put_be(char *dst, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; i++)
        dst[i] = (char)(unsigned char)(value >> (8 * (bytes - 1 - i)));
}

void pg_param_int8(pg_params *p, int64_t value)
{
    put_be(next_param(p, 8), (uint64_t)value, 8);
}

void pg_param_time(pg_params *p, pm_time value)
{
    pg_param_int8(p, (value - PG_EPOCH_SECONDS) * 1000000);
}

void pg_param_date(pg_params *p, pm_date value)
{
    put_be(next_param(p, 4), (uint64_t)(uint32_t)(value - PG_EPOCH_DAYS), 4);
}

/* Text in binary is its bytes: the value points at the caller's string. */
void pg_param_text(pg_params *p, const char *text)
{
    next_param(p, text != NULL ? (int)strlen(text) : 0);
    p->values[p->count - 1] = text;
}

/* ---- statements and pipelines ---- */

void pg_send(PGconn *conn, const char *name, const pg_params *p, const char *what)
{
    if (!PQsendQueryPrepared(conn, name, p->count, p->values, p->lengths, p->formats, 1))
        die_with(conn, NULL, what);
}

PGresult *pg_run(PGconn *conn, const char *name, const pg_params *p, ExecStatusType want,
                 const char *what)
{
    PGresult *res = PQexecPrepared(conn, name, p->count, p->values, p->lengths, p->formats, 1);
    if (PQresultStatus(res) != want)
        die_with(conn, res, what);
    return res;
}

PGresult *pg_next(PGconn *conn, ExecStatusType want, const char *what)
{
    PGresult *res = PQgetResult(conn);
    if (res == NULL)
        bench_die(what, "no result in the pipeline");
    if (PQresultStatus(res) != want)
        die_with(conn, res, what);
    PGresult *end = PQgetResult(conn);
    if (end != NULL)
        bench_die(what, "more than one result");
    return res;
}

void pg_next_sync(PGconn *conn)
{
    PGresult *res = PQgetResult(conn);
    if (PQresultStatus(res) != PGRES_PIPELINE_SYNC)
        die_with(conn, res, "pipeline sync");
    PQclear(res);
}

/* ---- result values ---- */

static uint64_t get_be(const char *src, int bytes)
{
    uint64_t out = 0;
    for (int i = 0; i < bytes; i++)
        out = out << 8 | (unsigned char)src[i];
    return out;
}

int pg_is_null(const PGresult *res, int row, int col)
{
    return PQgetisnull(res, row, col);
}

int64_t pg_int8(const PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return 0;
    if (PQgetlength(res, row, col) != 8)
        bench_die("pg_int8", "the value is not an int8");
    return (int64_t)get_be(PQgetvalue(res, row, col), 8);
}

pm_time pg_time(const PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return 0;
    int64_t micros = pg_int8(res, row, col);
    int64_t seconds = micros / 1000000 - (micros % 1000000 < 0); /* floor */
    return seconds + PG_EPOCH_SECONDS;
}

char *pg_text_copy(const PGresult *res, int row, int col)
{
    if (PQgetisnull(res, row, col))
        return NULL;
    size_t n = (size_t)PQgetlength(res, row, col);
    char *out = malloc(n + 1);
    if (out == NULL)
        bench_die("copy", "out of memory");
    memcpy(out, PQgetvalue(res, row, col), n);
    out[n] = '\0';
    return out;
}

/* The binary array: dimensions, a has-NULLs flag and the element type,
 * then size and lower bound per dimension, then each element as its length
 * (-1 for NULL) and its bytes. */
int pg_int8_array(const PGresult *res, int row, int col, int64_t *out, int max)
{
    if (PQgetisnull(res, row, col))
        return 0;
    const char *p = PQgetvalue(res, row, col);
    const char *end = p + PQgetlength(res, row, col);
    if (end - p < 12)
        bench_die("pg_int8_array", "short value");
    int32_t dims = (int32_t)get_be(p, 4);
    if (dims == 0)
        return 0;
    if (dims != 1 || end - p < 20)
        bench_die("pg_int8_array", "not a one-dimensional array");
    int32_t count = (int32_t)get_be(p + 12, 4);
    p += 20;
    if (count > max)
        bench_die("pg_int8_array", "too many elements");
    for (int i = 0; i < count; i++) {
        if (end - p < 12 || (int32_t)get_be(p, 4) != 8)
            bench_die("pg_int8_array", "not an array of int8 without NULLs");
        out[i] = (int64_t)get_be(p + 4, 8);
        p += 12;
    }
    return count;
}
