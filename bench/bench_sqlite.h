/*
 * bench_sqlite: what the benchmarks share: the raw SQLite side's connection
 * (the backend's settings, prepared statements, one-step runs), timing,
 * a fixed-seed generator, and the temporary directory both sides' stores
 * live in. Every failure ends the program with "<program>: what: detail".
 */
#ifndef PERFMGMT_BENCH_SQLITE_H
#define PERFMGMT_BENCH_SQLITE_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

/* The settings the SQLite backend uses (src/storage/sqlite.c): WAL,
 * foreign keys, synchronous=NORMAL, a 64 MiB cache, temp_store=MEMORY.
 * Raw schemas start with it. */
#define BENCH_SQLITE_PRAGMAS \
    "PRAGMA journal_mode=WAL;" \
    "PRAGMA foreign_keys=ON;" \
    "PRAGMA synchronous=NORMAL;" \
    "PRAGMA cache_size=-65536;" \
    "PRAGMA temp_store=MEMORY;"

/* Room for any path bench_raw_path() and bench_pm_path() return, NUL included. */
#define BENCH_PATH_SIZE (4096 + 32)

/* Work done and the seconds it took. */
typedef struct bench_timing {
    double seconds;
    long ops;
} bench_timing;

/* Results of reads go here so the compiler cannot drop them. */
extern volatile size_t bench_sink;

/* Creates the temporary directory (under $TMPDIR, else /tmp) holding
 * raw.db, perfmgmt.db and raw_checked.db (a second raw store, for a raw
 * side that reads before it writes), removed with their WAL files at exit;
 * program names the messages. Call once, before bench_raw_path(),
 * bench_pm_path() and bench_raw_checked_path(). */
void bench_start(const char *program);
const char *bench_raw_path(void);
const char *bench_pm_path(void);
const char *bench_raw_checked_path(void);

/* Prints "<program>: what: detail" (detail NULL: "failed") and exits 1. */
void bench_die(const char *what, const char *detail);

double bench_now_seconds(void);
long bench_peak_rss_kib(void); /* KiB on Linux; -1 when unknown */
/* A fixed-seed xorshift generator: every run times the same work. */
uint64_t bench_next_random(uint64_t *state);
/* The faster of two passes of the same work. */
bench_timing bench_faster(bench_timing a, bench_timing b);
double bench_ops_per_second(bench_timing t);

/* Opens the raw store at path and runs setup (BENCH_SQLITE_PRAGMAS and a
 * schema); dies on failure. */
sqlite3 *bench_sqlite_open(const char *path, const char *setup);
/* Dies with what and SQLite's message unless rc is OK, DONE or ROW. */
void bench_sqlite_check(sqlite3 *db, int rc, const char *what);
sqlite3_stmt *bench_sqlite_prepare(sqlite3 *db, const char *sql);
/* Steps stmt once and resets it. */
void bench_sqlite_run(sqlite3 *db, sqlite3_stmt *stmt, const char *what);

#endif
