/* What the benchmarks share; see bench_sqlite.h. */
#include "bench_sqlite.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

volatile size_t bench_sink;

/* The temporary directory and its stores, removed at exit, also after a
 * failure (a benchmark program may keep this much global state). */
#define DIR_SIZE 4096
static const char *bench_program = "bench";
static char bench_dir[DIR_SIZE];
static char raw_path[BENCH_PATH_SIZE];
static char pm_path[BENCH_PATH_SIZE];
static char raw_checked_path[BENCH_PATH_SIZE];

static void remove_store(const char *path)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    char name[BENCH_PATH_SIZE + 16];
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
        if (unlink(name) != 0 && errno != ENOENT)
            fprintf(stderr, "%s: cannot remove %s: %s\n", bench_program, name, strerror(errno));
    }
}

static void remove_temporary_files(void)
{
    if (bench_dir[0] == '\0')
        return;
    remove_store(raw_path);
    remove_store(pm_path);
    remove_store(raw_checked_path);
    if (rmdir(bench_dir) != 0)
        fprintf(stderr, "%s: cannot remove %s: %s\n", bench_program, bench_dir, strerror(errno));
    bench_dir[0] = '\0';
}

void bench_start(const char *program)
{
    bench_program = program;
    const char *tmp = getenv("TMPDIR");
    snprintf(bench_dir, sizeof bench_dir, "%s/perfmgmt-bench-XXXXXX",
             tmp != NULL && *tmp ? tmp : "/tmp");
    if (mkdtemp(bench_dir) == NULL) {
        bench_dir[0] = '\0';
        bench_die("mkdtemp", strerror(errno));
    }
    snprintf(raw_path, sizeof raw_path, "%s/raw.db", bench_dir);
    snprintf(pm_path, sizeof pm_path, "%s/perfmgmt.db", bench_dir);
    snprintf(raw_checked_path, sizeof raw_checked_path, "%s/raw_checked.db", bench_dir);
    atexit(remove_temporary_files);
}

const char *bench_raw_path(void)
{
    return raw_path;
}

const char *bench_pm_path(void)
{
    return pm_path;
}

const char *bench_raw_checked_path(void)
{
    return raw_checked_path;
}

void bench_die(const char *what, const char *detail)
{
    fprintf(stderr, "%s: %s: %s\n", bench_program, what, detail != NULL ? detail : "failed");
    exit(1);
}

double bench_now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

long bench_peak_rss_kib(void)
{
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return usage.ru_maxrss; /* KiB on Linux */
}

uint64_t bench_next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

bench_timing bench_faster(bench_timing a, bench_timing b)
{
    return a.seconds <= b.seconds ? a : b;
}

double bench_ops_per_second(bench_timing t)
{
    return t.seconds > 0 ? (double)t.ops / t.seconds : 0.0;
}

sqlite3 *bench_sqlite_open(const char *path, const char *setup)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        bench_die("raw sqlite open", db ? sqlite3_errmsg(db) : path);
    sqlite3_busy_timeout(db, 5000);
    bench_sqlite_check(db, sqlite3_exec(db, setup, NULL, NULL, NULL), "raw schema");
    return db;
}

void bench_sqlite_check(sqlite3 *db, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        bench_die(what, sqlite3_errmsg(db));
}

sqlite3_stmt *bench_sqlite_prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    bench_sqlite_check(db, sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), sql);
    return stmt;
}

void bench_sqlite_run(sqlite3 *db, sqlite3_stmt *stmt, const char *what)
{
    bench_sqlite_check(db, sqlite3_step(stmt), what);
    sqlite3_reset(stmt);
}
