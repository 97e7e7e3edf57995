/* The storage conformance suite (see conformance.h): runs every theme of
 * cases, each a cmocka group of its own (see conformance_internal.h for
 * where each theme lives). */
#include "conformance_internal.h"

int pm_conformance_run(const pm_conformance_backend *backend)
{
    if (backend == NULL || backend->open == NULL) {
        fprintf(stderr, "pm_conformance_run: the backend needs at least open()\n");
        return 1;
    }
    /* A copy: the cases get it as their initial state, which cmocka types
     * as a pointer to non-const. */
    pm_conformance_backend b = *backend;
    if (b.name == NULL)
        b.name = "unnamed";
    static int (*const themes[])(pm_conformance_backend *) = {
        conf_run_records, conf_run_constraints, conf_run_scan,
        conf_run_random,  conf_run_txn,         conf_run_threads,
        conf_run_partial, conf_run_batch,       conf_run_stamp,
        conf_run_merge,
    };
    int failed = 0;
    for (size_t i = 0; i < COUNT_OF(themes); i++)
        failed += themes[i](&b);
    return failed;
}
