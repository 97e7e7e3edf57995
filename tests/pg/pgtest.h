/* What the PostgreSQL test programs add to the shared pg_store helpers:
 * opening a store with the fixture's secret, counting a table's rows behind
 * the backend's back, the clocks, and a small random number generator for
 * the writers. */
#ifndef PM_TEST_PGTEST_H
#define PM_TEST_PGTEST_H

#include <stdint.h>

#include "perfmgmt.h"

/* Opens the store at uri with PM_FIXTURE_SECRET and the system clock (so
 * that history orders updates as they came); prints the reason on
 * failure. */
pm_status pm_pgtest_open(pm_db **out, const char *uri);

/* The rows of schema.table, counted on the pg_store side connection; -1
 * on failure (the server's message printed). */
long long pm_pgtest_count_rows(const char *schema, const char *table);

/* xorshift64*: the same sequence from the same seed, in every process. */
typedef struct pm_pgtest_random {
    uint64_t state;
} pm_pgtest_random;

void pm_pgtest_random_seed(pm_pgtest_random *r, uint64_t seed);

/* A number from 0 to n - 1 (n > 0). */
unsigned int pm_pgtest_random_below(pm_pgtest_random *r, unsigned int n);

/* Today by the system clock. */
pm_date pm_pgtest_today(void);

/* Seconds on the monotonic clock (the same clock in every process). */
double pm_pgtest_seconds(void);

/* Sleeps for ms milliseconds. */
void pm_pgtest_sleep_ms(long ms);

#endif
