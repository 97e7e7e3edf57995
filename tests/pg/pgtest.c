#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep */
#include "pgtest.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fixture.h"
#include "pg_store.h"

pm_status pm_pgtest_open(pm_db **out, const char *uri)
{
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = PM_FIXTURE_SECRET;
    opts.secret_len = strlen(PM_FIXTURE_SECRET);
    char *err = NULL;
    pm_status st = pm_db_open(out, &err, uri, &opts);
    if (st != PM_OK) {
        fprintf(stderr, "cannot open %s: %s (%s)\n", uri, err ? err : "?", pm_status_str(st));
        pm_free(err);
    }
    return st;
}

long long pm_pgtest_count_rows(const char *schema, const char *table)
{
    char sql[200], answer[32];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM \"%s\".%s", schema, table);
    if (pm_pg_store_query_text(sql, answer, sizeof answer) != 0 || answer[0] == '\0')
        return -1;
    return strtoll(answer, NULL, 10);
}

void pm_pgtest_random_seed(pm_pgtest_random *r, uint64_t seed)
{
    r->state = seed ? seed : 0x9E3779B97F4A7C15u;
}

unsigned int pm_pgtest_random_below(pm_pgtest_random *r, unsigned int n)
{
    uint64_t x = r->state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    r->state = x;
    return (unsigned int)(((x * 0x2545F4914F6CDD1Du) >> 32) % n);
}

pm_date pm_pgtest_today(void)
{
    return (pm_date)(time(NULL) / 86400);
}

double pm_pgtest_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void pm_pgtest_sleep_ms(long ms)
{
    struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}
