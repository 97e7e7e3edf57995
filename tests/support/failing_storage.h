/* A storage backend that passes every call to a store's own and fails the
 * ones a test chooses, with PM_ESTORAGE and the message "disk on fire
 * (injected)": for tests of what a call leaves behind when storage fails
 * midway. Its inserts go one at a time (no insert_many), so that each can
 * be chosen, and it offers batches of scans (scan_batch, each scan in
 * turn) whatever the store's own backend does. */
#ifndef PM_TEST_FAILING_STORAGE_H
#define PM_TEST_FAILING_STORAGE_H

#include "perfmgmt.h"
#include "perfmgmt/sys/storage.h"

typedef enum pm_fail_op {
    PM_FAIL_INSERT,
    PM_FAIL_UPDATE,
    PM_FAIL_REMOVE,
    PM_FAIL_GET,
    PM_FAIL_SCAN,
    PM_FAIL_OPS
} pm_fail_op;

typedef struct pm_failing_storage {
    pm_storage base;
    pm_storage *inner;
    pm_db *db;
    struct {
        int kind;   /* the kind whose calls count; < 0 any */
        long left;  /* calls to pass before one fails; < 0 never */
    } rule[PM_FAIL_OPS];
    int injected;   /* a failure was injected: errmsg() names it */
} pm_failing_storage;

/* Puts fs between db and its storage, failing nothing yet. */
void pm_failing_storage_install(pm_failing_storage *fs, pm_db *db);
/* Fails the n-th call of op (0: the next) on records of kind (< 0: any),
 * once; n < 0 fails none. */
void pm_failing_storage_fail(pm_failing_storage *fs, pm_fail_op op, int kind, long n);
/* Gives db its own storage back. */
void pm_failing_storage_uninstall(pm_failing_storage *fs);

#endif
