#define _POSIX_C_SOURCE 200809L
#include "pg_store.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static PGconn *side;

const char *pm_pg_store_server(void)
{
    const char *uri = getenv("PM_TEST_PG_URI");
    return (uri && *uri) ? uri : NULL;
}

void pm_pg_store_require(void)
{
    if (pm_pg_store_server() != NULL)
        return;
    fprintf(stderr, "SKIPPED: PM_TEST_PG_URI is not set; start a server with scripts/pg-server\n");
    fflush(NULL);
    exit(PM_PG_STORE_SKIP);
}

void pm_pg_store_new_schema(char *name)
{
    static unsigned int counter;
    snprintf(name, 64, "pmt_%ld_%u", (long)getpid(), ++counter);
}

static int is_uri(const char *s)
{
    return strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0;
}

int pm_pg_store_conninfo(char *buf, size_t size, const char *schema)
{
    const char *server = pm_pg_store_server();
    if (server == NULL)
        return -1;
    int n;
    if (is_uri(server))
        n = snprintf(buf, size, "%s%cschema=%s", server, strchr(server, '?') ? '&' : '?', schema);
    else
        n = snprintf(buf, size, "%s schema=%s", server, schema);
    return n < 0 || (size_t)n >= size ? -1 : 0;
}

int pm_pg_store_uri(char *buf, size_t size, const char *schema)
{
    const char *server = pm_pg_store_server();
    if (server == NULL || size < 12)
        return -1;
    if (is_uri(server))
        return pm_pg_store_conninfo(buf, size, schema);
    memcpy(buf, "postgresql:", 11);
    return pm_pg_store_conninfo(buf + 11, size - 11, schema);
}

int pm_pg_store_schema_of(const char *uri, char *name)
{
    const char *p = strstr(uri, "schema=");
    while (p != NULL && p != uri && p[-1] != '?' && p[-1] != '&' && p[-1] != ' ')
        p = strstr(p + 1, "schema=");
    if (p == NULL)
        return -1;
    p += 7;
    size_t n = strcspn(p, "& ");
    if (n == 0 || n > 63)
        return -1;
    memcpy(name, p, n);
    name[n] = '\0';
    return 0;
}

static PGconn *side_connection(void)
{
    if (side != NULL && PQstatus(side) == CONNECTION_OK)
        return side;
    PQfinish(side);
    side = NULL;
    const char *server = pm_pg_store_server();
    if (server == NULL)
        return NULL;
    side = PQconnectdb(server);
    if (PQstatus(side) != CONNECTION_OK) {
        fprintf(stderr, "pg_store: cannot connect to %s: %s", server, PQerrorMessage(side));
        PQfinish(side);
        side = NULL;
        return NULL;
    }
    PGresult *res = PQexec(side, "SET client_min_messages = warning");
    PQclear(res);
    return side;
}

int pm_pg_store_exec(const char *sql)
{
    PGconn *c = side_connection();
    if (c == NULL)
        return -1;
    PGresult *res = PQexec(c, sql);
    ExecStatusType rs = PQresultStatus(res);
    int ok = rs == PGRES_COMMAND_OK || rs == PGRES_TUPLES_OK;
    if (!ok)
        fprintf(stderr, "pg_store: %s: %s", sql, PQerrorMessage(c));
    PQclear(res);
    return ok ? 0 : -1;
}

int pm_pg_store_query_text(const char *sql, char *out, size_t size)
{
    PGconn *c = side_connection();
    if (c == NULL || size == 0)
        return -1;
    out[0] = '\0';
    PGresult *res = PQexec(c, sql);
    int ok = PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!ok)
        fprintf(stderr, "pg_store: %s: %s", sql, PQerrorMessage(c));
    else if (PQntuples(res) > 0 && PQnfields(res) > 0)
        snprintf(out, size, "%s", PQgetvalue(res, 0, 0));
    PQclear(res);
    return ok ? 0 : -1;
}

void pm_pg_store_drop(const char *schema)
{
    char sql[160];
    snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS \"%s\" CASCADE", schema);
    pm_pg_store_exec(sql);
}

void pm_pg_store_close(void)
{
    PQfinish(side);
    side = NULL;
}
