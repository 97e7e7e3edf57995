/* The whole store as text, read straight from the backend: every row of
 * every kind with every value, and the order of every index. Equal dumps
 * mean a call left the store exactly as it was, whatever the public API
 * shows of it; a difference in an index order catches a rollback that
 * restored the rows but not an index. */
#ifndef PM_TEST_STORE_DUMP_H
#define PM_TEST_STORE_DUMP_H

#include "fixture.h"

/* The dump of the fixture's store; free() it. Fails the test if a scan
 * fails. */
char *pm_fixture_store_dump(pm_fixture *f);

/* Fails the test, showing both dumps and naming @p what (when not NULL),
 * unless the store dumps as @p before (from pm_fixture_store_dump()). */
void pm_fixture_check_store(pm_fixture *f, const char *before, const char *what);

/* pm_fixture_check_store(f, before, NULL), then frees @p before. */
void pm_fixture_assert_store_is(pm_fixture *f, char *before);

#endif
