/* Shared test fixture: a fresh store on the backend named by the environment
 * variable PM_TEST_BACKEND ("memory", "sqlite" or "postgresql"; default
 * "memory"), a fixed clock, and a system session. Domain tests are
 * registered once per backend (see tests/CMakeLists.txt), so every backend
 * runs the same cases. A PostgreSQL store is a fresh schema on the server
 * of PM_TEST_PG_URI; without that variable the program prints why and exits
 * with 77, which ctest reports as skipped. */
#ifndef PM_TEST_FIXTURE_H
#define PM_TEST_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "perfmgmt.h"
#include "perfmgmt/sys/storage.h"

/* The fixed "now" of every fixture: 2026-06-15T12:00:00Z. */
#define PM_FIXTURE_NOW ((pm_time)1781524800)

typedef struct pm_fixture {
    pm_db *db;
    pm_session *sys;      /* the system actor */
    pm_time now;          /* what the db's clock returns; tests may change it */
    char path[512];       /* the SQLite file, the PostgreSQL URI, "" for memory */
} pm_fixture;

/* The secret every fixture store is opened with (pm_db_opts.secret), so
 * that anonymous feedback works on every backend. */
#define PM_FIXTURE_SECRET "perfmgmt test secret, not for production"

/* "memory", "sqlite" or "postgresql". */
const char *pm_fixture_backend(void);

/* Opens a fresh store as the fixture does; where it lies goes to path_buf
 * (size >= 512): the SQLite file, the PostgreSQL URI (with its schema),
 * "" for memory. */
pm_status pm_fixture_open_store(pm_db **out, char *path_buf);

/* The same with opts (NULL: the fixture's secret and nothing else). */
pm_status pm_fixture_open_store_opts(pm_db **out, char *path_buf, const pm_db_opts *opts);

/* The pm_db_open() URI of a store the fixture opened at path, to open it
 * again: "sqlite:PATH", the PostgreSQL URI, or "memory:" for "". */
void pm_fixture_store_uri(char *buf, size_t size, const char *path);

/* Removes the store at path: the SQLite file and its -wal/-shm companions,
 * or the PostgreSQL schema; no-op for "". */
void pm_fixture_remove_file(const char *path);

/* cmocka setup/teardown: *state becomes a pm_fixture *. */
int pm_fixture_setup(void **state);
int pm_fixture_teardown(void **state);

/* Creates a person through the system session and returns the id; fails the
 * test on error. manager and unit may be 0. */
pm_id pm_fixture_person(pm_fixture *f, const char *external_id, const char *name,
                        pm_id manager, pm_id unit);

/* Creates a unit; fails the test on error. */
pm_id pm_fixture_unit(pm_fixture *f, const char *name, pm_id parent);

/* Opens a session as person; fails the test on error. */
pm_session *pm_fixture_session(pm_fixture *f, pm_id person);

/* A date from "YYYY-MM-DD"; fails the test on error. */
pm_date pm_fixture_date(const char *iso);

/* An allocator that fails the n-th allocation from now (0: the next one)
 * and every one after it, or that one alone,
 * and counts live allocations so tests can check for leaks. */
void pm_fixture_alloc_fail_after(long n);   /* -1: never fail */
void pm_fixture_alloc_fail_once(long n);    /* the n-th alone: memory comes back after it */
long pm_fixture_alloc_live(void);           /* allocations not yet freed */
void pm_fixture_alloc_install(void);        /* pm_allocator_set(counting allocator) */

#endif
