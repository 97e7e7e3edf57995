/* PostgreSQL stores for the tests: the server named by PM_TEST_PG_URI
 * (scripts/pg-server starts one), a fresh schema per store, and a side
 * connection (libpq) to look at or change a store behind the backend's
 * back. Linked into every test program when the PostgreSQL backend is
 * built; the functions are for one thread at a time. */
#ifndef PM_TEST_PG_STORE_H
#define PM_TEST_PG_STORE_H

#include <stddef.h>

/* The exit status that makes ctest report a test as skipped. */
#define PM_PG_STORE_SKIP 77

/* The test server's connection string, or NULL when PM_TEST_PG_URI is
 * not set. */
const char *pm_pg_store_server(void);

/* Without PM_TEST_PG_URI: prints one loud line saying why and exits with
 * PM_PG_STORE_SKIP. */
void pm_pg_store_require(void);

/* A schema name no other store of this or another process uses
 * ("pmt_<pid>_<n>"), into name (at least 64 bytes). */
void pm_pg_store_new_schema(char *name);

/* The connection string of the server with schema=name added, as
 * pm_storage_postgresql_open() takes it; 0, or -1 when size is too small. */
int pm_pg_store_conninfo(char *buf, size_t size, const char *schema);

/* The same as a pm_db_open() URI ("postgresql://..." or
 * "postgresql:host=..."); 0, or -1 when size is too small. */
int pm_pg_store_uri(char *buf, size_t size, const char *schema);

/* The schema named by the schema parameter of a connection string or URI
 * made by the functions above, into name (at least 64 bytes); 0, or -1. */
int pm_pg_store_schema_of(const char *uri, char *name);

/* Drops a schema and everything in it; a missing one is fine. */
void pm_pg_store_drop(const char *schema);

/* Runs SQL (one or more statements) on a side connection; 0, or -1 with
 * the server's message printed. */
int pm_pg_store_exec(const char *sql);

/* Runs a query on the side connection and copies the first column of its
 * first row into out ("" when there is none); 0, or -1. */
int pm_pg_store_query_text(const char *sql, char *out, size_t size);

/* Closes the side connection (at the end of a program, for leak checkers). */
void pm_pg_store_close(void);

#endif
