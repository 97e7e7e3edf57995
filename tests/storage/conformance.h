/* The storage conformance suite: one set of cases that every pm_storage
 * backend must pass (memory, SQLite, and a vendor's own).
 *
 * A vendor runs it against their backend by compiling the suite's files
 * (conformance.c and conformance_*.c, listed in PM_CONFORMANCE_SOURCES of
 * tests/storage/CMakeLists.txt) with cmocka and pthreads, linking
 * perfmgmt, then calling pm_conformance_run() with an opener for their
 * backend:
 *
 *     static pm_status my_open(pm_storage **out, void *payload) { ... }
 *     static pm_status my_reopen(pm_storage **out, void *payload) { ... }
 *     static void my_cleanup(void *payload) { ... }
 *
 *     int main(void)
 *     {
 *         struct my_state state = { 0 };
 *         pm_conformance_backend b = { "mine", my_open, my_reopen, my_cleanup, &state };
 *         return pm_conformance_run(&b) == 0 ? 0 : 1;
 *     }
 *
 * The suite declares its own schema (it does not use perfmgmt's) and calls
 * prepare() on every instance it opens. Each case opens one new store and
 * cleans it up afterwards; cases run one after another, never at once.
 * Cases that need a capability the backend does not claim are skipped.
 * The suite's global names all start with conf_ (pm_conformance_ in this
 * header), so a vendor's program need only avoid that prefix. */
#ifndef PM_STORAGE_CONFORMANCE_H
#define PM_STORAGE_CONFORMANCE_H

#include "perfmgmt/sys/storage.h"

/* How the suite reaches a backend. */
typedef struct pm_conformance_backend {
    /* Shown in the test report ("sqlite", "memory", ...). */
    const char *name;

    /* Opens a new, empty store and returns an instance on it, without
     * calling prepare(). Called once at the start of each case. */
    pm_status (*open)(pm_storage **out, void *payload);

    /* Opens another instance on the store that open() created last, without
     * calling prepare(); NULL when the backend cannot (an in-memory store).
     * The durability cases need it when the backend claims
     * PM_STORAGE_CAP_DURABLE, and the shared-reader case when it claims
     * PM_STORAGE_CAP_SHARED_READ. May be called from several threads at once. */
    pm_status (*reopen)(pm_storage **out, void *payload);

    /* Removes what open() created (files, a database), after each case once
     * every instance is freed; may be NULL. */
    void (*cleanup)(void *payload);

    /* Passed to open, reopen and cleanup. */
    void *payload;
} pm_conformance_backend;

/* Runs every case against @p backend with cmocka, one group per theme
 * (a filter set with cmocka_set_test_filter() applies to each), and
 * returns the number of cases that failed; 0 means the backend conforms. */
int pm_conformance_run(const pm_conformance_backend *backend);

#endif
