#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef PM_TEST_HAVE_PG
#include "pg_store.h"
#endif

const char *pm_fixture_backend(void)
{
    const char *b = getenv("PM_TEST_BACKEND");
    return (b && *b) ? b : "memory";
}

static int is_pg_uri(const char *path)
{
    return strncmp(path, "postgresql:", 11) == 0 || strncmp(path, "postgres:", 9) == 0;
}

/* A new schema of the test server; path_buf receives its URI. */
static pm_status open_pg_store(pm_db **out, char *path_buf, const pm_db_opts *opts, char **err)
{
#ifdef PM_TEST_HAVE_PG
    pm_pg_store_require();
    char schema[64];
    pm_pg_store_new_schema(schema);
    if (pm_pg_store_uri(path_buf, 512, schema) != 0) {
        path_buf[0] = '\0';
        return PM_EINVAL;
    }
    pm_status st = pm_db_open(out, err, path_buf, opts);
    if (st != PM_OK) {
        pm_pg_store_drop(schema);
        path_buf[0] = '\0';
    }
    return st;
#else
    (void)out;
    (void)path_buf;
    (void)opts;
    (void)err;
    fprintf(stderr, "SKIPPED: this build of perfmgmt has no PostgreSQL backend\n");
    exit(77);
#endif
}

pm_status pm_fixture_open_store(pm_db **out, char *path_buf)
{
    return pm_fixture_open_store_opts(out, path_buf, NULL);
}

pm_status pm_fixture_open_store_opts(pm_db **out, char *path_buf, const pm_db_opts *given)
{
    path_buf[0] = '\0';
    const char *backend = pm_fixture_backend();
    char *err = NULL;
    pm_status st;
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = PM_FIXTURE_SECRET;
    opts.secret_len = strlen(PM_FIXTURE_SECRET);
    if (given != NULL)
        opts = *given;
    if (strcmp(backend, "sqlite") == 0) {
        const char *dir = getenv("TMPDIR");
        snprintf(path_buf, 512, "%s/pm-test-XXXXXX", dir && *dir ? dir : "/tmp");
        int fd = mkstemp(path_buf);
        if (fd < 0)
            return PM_EIO;
        close(fd);
        unlink(path_buf); /* let the backend create it */
        char uri[600];
        snprintf(uri, sizeof uri, "sqlite:%s", path_buf);
        st = pm_db_open(out, &err, uri, &opts);
    } else if (strcmp(backend, "postgresql") == 0) {
        st = open_pg_store(out, path_buf, &opts, &err);
    } else {
        st = pm_db_open(out, &err, "memory:", &opts);
    }
    if (st != PM_OK)
        fprintf(stderr, "fixture: cannot open %s store: %s\n", backend, err ? err : "?");
    pm_free(err);
    return st;
}

void pm_fixture_store_uri(char *buf, size_t size, const char *path)
{
    if (path == NULL || *path == '\0')
        snprintf(buf, size, "memory:");
    else if (is_pg_uri(path))
        snprintf(buf, size, "%s", path);
    else
        snprintf(buf, size, "sqlite:%s", path);
}

void pm_fixture_remove_file(const char *path)
{
    if (path == NULL || *path == '\0')
        return;
    if (is_pg_uri(path)) {
#ifdef PM_TEST_HAVE_PG
        char schema[64];
        if (pm_pg_store_schema_of(path, schema) == 0)
            pm_pg_store_drop(schema);
#endif
        return;
    }
    char other[600];
    unlink(path);
    snprintf(other, sizeof other, "%s-wal", path);
    unlink(other);
    snprintf(other, sizeof other, "%s-shm", path);
    unlink(other);
    snprintf(other, sizeof other, "%s-journal", path);
    unlink(other);
}

static pm_time fixture_clock(void *payload)
{
    return ((pm_fixture *)payload)->now;
}

int pm_fixture_setup(void **state)
{
    pm_fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    f->now = PM_FIXTURE_NOW;
    if (pm_fixture_open_store(&f->db, f->path) != PM_OK) {
        free(f);
        return -1;
    }
    pm_db_set_clock(f->db, fixture_clock, f);
    if (pm_session_open_system(&f->sys, f->db) != PM_OK) {
        pm_db_close(f->db);
        pm_fixture_remove_file(f->path);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

int pm_fixture_teardown(void **state)
{
    pm_fixture *f = *state;
    if (f == NULL)
        return 0;
    pm_session_free(f->sys);
    pm_db_close(f->db);
    pm_fixture_remove_file(f->path);
    free(f);
    *state = NULL;
    return 0;
}

pm_id pm_fixture_person(pm_fixture *f, const char *external_id, const char *name,
                        pm_id manager, pm_id unit)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = external_id;
    o.display_name = name;
    o.manager = manager;
    o.unit = unit;
    pm_id id = 0;
    pm_status st = pm_person_create(&id, f->sys, &o);
    if (st != PM_OK)
        fail_msg("creating person %s: %s", external_id, pm_session_errmsg(f->sys));
    return id;
}

pm_id pm_fixture_unit(pm_fixture *f, const char *name, pm_id parent)
{
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = name;
    o.parent = parent;
    pm_id id = 0;
    if (pm_unit_create(&id, f->sys, &o) != PM_OK)
        fail_msg("creating unit %s: %s", name, pm_session_errmsg(f->sys));
    return id;
}

pm_session *pm_fixture_session(pm_fixture *f, pm_id person)
{
    pm_session *s = NULL;
    if (pm_session_open(&s, f->db, person) != PM_OK)
        fail_msg("opening a session as %lld: %s", (long long)person, pm_db_errmsg(f->db));
    return s;
}

pm_date pm_fixture_date(const char *iso)
{
    pm_date d = 0;
    if (pm_date_parse(&d, iso) != PM_OK)
        fail_msg("bad date in test: %s", iso);
    return d;
}

/* Counting, failure-injecting allocator. */
static long fail_countdown = -1;
static int fail_once; /* the failing allocation is the only one */
static long live;

static int next_fails(void)
{
    if (fail_countdown < 0)
        return 0;
    if (fail_countdown > 0) {
        fail_countdown--;
        return 0;
    }
    if (fail_once)
        fail_countdown = -1;
    return 1;
}

static void *count_malloc(size_t size, void *payload)
{
    (void)payload;
    if (next_fails())
        return NULL;
    void *p = malloc(size);
    if (p)
        live++;
    return p;
}

static void *count_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    if (next_fails())
        return NULL;
    void *p = realloc(ptr, size);
    if (p && ptr == NULL)
        live++;
    return p;
}

static void count_free(void *ptr, void *payload)
{
    (void)payload;
    if (ptr) {
        live--;
        free(ptr);
    }
}

void pm_fixture_alloc_fail_after(long n)
{
    fail_countdown = n;
    fail_once = 0;
}

void pm_fixture_alloc_fail_once(long n)
{
    fail_countdown = n;
    fail_once = 1;
}

long pm_fixture_alloc_live(void)
{
    return live;
}

void pm_fixture_alloc_install(void)
{
    pm_allocator a = { PM_ALLOCATOR_VERSION, count_malloc, count_realloc, count_free, NULL };
    pm_allocator_set(&a);
}
