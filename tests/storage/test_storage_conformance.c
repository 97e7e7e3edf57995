/* Runs the storage conformance suite against a shipped backend:
 *
 *     test_storage_conformance memory|sqlite|postgresql [cmocka test filter]
 *
 * SQLite stores live in a fresh directory under $TMPDIR (or /tmp) per case,
 * removed with the database's -wal, -shm and -journal files afterwards.
 * PostgreSQL stores are a fresh schema per case on the server named by
 * PM_TEST_PG_URI, dropped afterwards; without it the run is skipped (77). */
#define _POSIX_C_SOURCE 200809L /* mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conformance.h"

#ifdef PM_TEST_HAVE_PG
#include "pg_store.h"
#endif

static pm_status memory_open(pm_storage **out, void *payload)
{
    (void)payload;
    return pm_storage_memory_open(out);
}

typedef struct sqlite_store {
    char dir[400];
    char path[420];
} sqlite_store;

static pm_status sqlite_open_path(pm_storage **out, const char *path)
{
    char *err = NULL;
    pm_status rc = pm_storage_sqlite_open(out, path, 0, &err);
    if (rc != PM_OK)
        fprintf(stderr, "sqlite: cannot open %s: %s\n", path, err ? err : pm_status_str(rc));
    pm_free(err);
    return rc;
}

static pm_status sqlite_open_new(pm_storage **out, void *payload)
{
    sqlite_store *s = payload;
    const char *tmp = getenv("TMPDIR");
    int n = snprintf(s->dir, sizeof s->dir, "%s/pm-conformance-XXXXXX",
                     tmp && *tmp ? tmp : "/tmp");
    if (n < 0 || (size_t)n >= sizeof s->dir) {
        fprintf(stderr, "sqlite: TMPDIR is too long\n");
        s->dir[0] = '\0';
        return PM_EINVAL;
    }
    if (mkdtemp(s->dir) == NULL) {
        perror("sqlite: mkdtemp");
        s->dir[0] = '\0';
        return PM_EIO;
    }
    snprintf(s->path, sizeof s->path, "%s/store.db", s->dir);
    return sqlite_open_path(out, s->path);
}

static pm_status sqlite_reopen(pm_storage **out, void *payload)
{
    const sqlite_store *s = payload;
    return sqlite_open_path(out, s->path);
}

static void sqlite_cleanup(void *payload)
{
    sqlite_store *s = payload;
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    if (s->dir[0] == '\0')
        return;
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char file[440];
        snprintf(file, sizeof file, "%s%s", s->path, suffixes[i]);
        unlink(file);
    }
    if (rmdir(s->dir) != 0)
        fprintf(stderr, "sqlite: cannot remove %s (the backend left other files?)\n", s->dir);
    s->dir[0] = '\0';
    s->path[0] = '\0';
}

#ifdef PM_TEST_HAVE_PG
typedef struct pg_store {
    char schema[64];
    char conninfo[1024];
} pg_store;

static pm_status pg_open_conninfo(pm_storage **out, const char *conninfo)
{
    char *err = NULL;
    pm_status rc = pm_storage_postgresql_open(out, conninfo, 0, &err);
    if (rc != PM_OK)
        fprintf(stderr, "postgresql: cannot open %s: %s\n", conninfo,
                err ? err : pm_status_str(rc));
    pm_free(err);
    return rc;
}

static pm_status pg_open_new(pm_storage **out, void *payload)
{
    pg_store *s = payload;
    pm_pg_store_new_schema(s->schema);
    if (pm_pg_store_conninfo(s->conninfo, sizeof s->conninfo, s->schema) != 0) {
        fprintf(stderr, "postgresql: PM_TEST_PG_URI is too long\n");
        s->schema[0] = '\0';
        return PM_EINVAL;
    }
    return pg_open_conninfo(out, s->conninfo);
}

/* Called from several threads at once: it only reads the payload. */
static pm_status pg_reopen(pm_storage **out, void *payload)
{
    const pg_store *s = payload;
    return pg_open_conninfo(out, s->conninfo);
}

static void pg_cleanup(void *payload)
{
    pg_store *s = payload;
    if (s->schema[0] != '\0')
        pm_pg_store_drop(s->schema);
    s->schema[0] = '\0';
}
#endif

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s memory|sqlite|postgresql [test filter]\n", argv[0]);
        return 2;
    }
    if (argc == 3)
        cmocka_set_test_filter(argv[2]);

    static sqlite_store store;
    pm_conformance_backend backend;
    memset(&backend, 0, sizeof backend);
    if (strcmp(argv[1], "memory") == 0) {
        backend.name = "memory";
        backend.open = memory_open;
    } else if (strcmp(argv[1], "sqlite") == 0) {
        backend.name = "sqlite";
        backend.open = sqlite_open_new;
        backend.reopen = sqlite_reopen;
        backend.cleanup = sqlite_cleanup;
        backend.payload = &store;
#ifdef PM_TEST_HAVE_PG
    } else if (strcmp(argv[1], "postgresql") == 0) {
        static pg_store pg;
        pm_pg_store_require();
        backend.name = "postgresql";
        backend.open = pg_open_new;
        backend.reopen = pg_reopen;
        backend.cleanup = pg_cleanup;
        backend.payload = &pg;
#endif
    } else {
        fprintf(stderr, "%s: unknown backend \"%s\" (memory, sqlite or postgresql)\n", argv[0],
                argv[1]);
        return 2;
    }
    int failed = pm_conformance_run(&backend);
#ifdef PM_TEST_HAVE_PG
    pm_pg_store_close();
#endif
    return failed == 0 ? 0 : 1;
}
