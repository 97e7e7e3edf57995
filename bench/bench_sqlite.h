/*
 * bench_sqlite: what the benchmarks share: the raw SQLite side's connection
 * (the backend's settings, the organisation's tables, prepared statements,
 * one-step runs, building the organisation), timing, a fixed-seed generator,
 * the workload's names, the report's common lines, and the temporary
 * directory both sides' stores live in. Every failure ends the program with
 * "<program>: what: detail". bench_pm.h holds the perfmgmt side's share.
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

/* The audit columns that close every table of src/core/schema.c; a table's
 * SQL ends with it, then ";". */
#define BENCH_SQLITE_AUDIT \
    ", created_at INTEGER NOT NULL, created_by INTEGER NOT NULL," \
    " updated_at INTEGER NOT NULL, updated_by INTEGER NOT NULL)"

/* The person table and its indexes as src/storage/sqlite_schema.c lays out
 * src/core/schema.c. */
#define BENCH_SQLITE_PERSON_TABLE \
    "CREATE TABLE person (id INTEGER PRIMARY KEY AUTOINCREMENT," \
    " external_id TEXT NOT NULL, display_name TEXT NOT NULL, name_key TEXT NOT NULL," \
    " email TEXT, status INTEGER NOT NULL, left_on TEXT, hr_admin INTEGER NOT NULL" \
    BENCH_SQLITE_AUDIT ";" \
    "CREATE UNIQUE INDEX person_by_external_id ON person (external_id);" \
    "CREATE INDEX person_by_name_key ON person (name_key);"

/* The organisation: people, units, memberships and reporting lines, the
 * tables bench_sqlite_build_org() fills and the raw look-ups walk. */
#define BENCH_SQLITE_ORG_TABLES \
    BENCH_SQLITE_PERSON_TABLE \
    "CREATE TABLE unit (id INTEGER PRIMARY KEY AUTOINCREMENT," \
    " name TEXT NOT NULL, name_key TEXT NOT NULL, parent_id INTEGER NOT NULL" \
    BENCH_SQLITE_AUDIT ";" \
    "CREATE UNIQUE INDEX unit_by_parent_name ON unit (parent_id, name_key);" \
    "CREATE TABLE membership (id INTEGER PRIMARY KEY AUTOINCREMENT," \
    " person_id INTEGER NOT NULL, unit_id INTEGER NOT NULL, start_on TEXT NOT NULL," \
    " end_on TEXT" BENCH_SQLITE_AUDIT ";" \
    "CREATE INDEX membership_by_person ON membership (person_id, start_on);" \
    "CREATE INDEX membership_by_unit ON membership (unit_id, start_on);" \
    "CREATE TABLE reporting_line (id INTEGER PRIMARY KEY AUTOINCREMENT," \
    " person_id INTEGER NOT NULL, manager_id INTEGER NOT NULL, start_on TEXT NOT NULL," \
    " end_on TEXT" BENCH_SQLITE_AUDIT ";" \
    "CREATE INDEX reporting_by_person ON reporting_line (person_id, start_on);" \
    "CREATE INDEX reporting_by_manager ON reporting_line (manager_id, start_on);"

/* The audit trail as src/storage/sqlite_schema.c lays it out: perfmgmt
 * writes one row for every change, found by time, by record and by actor. */
#define BENCH_SQLITE_AUDIT_TABLE \
    "CREATE TABLE audit_entry (id INTEGER PRIMARY KEY AUTOINCREMENT," \
    " at INTEGER NOT NULL, actor_id INTEGER NOT NULL, actor_kind INTEGER NOT NULL," \
    " op INTEGER NOT NULL, record_kind INTEGER NOT NULL, record_id INTEGER NOT NULL," \
    " record_count INTEGER NOT NULL);" \
    "CREATE INDEX audit_entry_by_at ON audit_entry (at);" \
    "CREATE INDEX audit_entry_by_record ON audit_entry (record_kind, record_id);" \
    "CREATE INDEX audit_entry_by_actor ON audit_entry (actor_id, at);"

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

/* Finalizes every statement still prepared on db, then closes it. */
void bench_sqlite_close(sqlite3 *db);
/* A malloc'd copy of the column's text (NULL for NULL), as a snapshot
 * holds it; the caller frees it. */
char *bench_sqlite_column_copy(sqlite3_stmt *stmt, int col);

/* ---- the organisation both sides build ---- */

/* One unit: its name, and the index of its parent (-1 for the top unit). */
typedef struct bench_unit {
    char name[32];
    long parent;
} bench_unit;

/* One person; the strings are borrowed from the workload. */
typedef struct bench_person {
    const char *external_id, *display_name, *name_key, *email;
    long manager; /* index of the manager, -1 for none */
    long unit;    /* index of the unit */
    int hr_admin;
} bench_person;

/* An organisation as a benchmark's workload holds it. Each benchmark keeps
 * its own rows (their sizes are part of its memory use), so both sides read
 * them through these callbacks. Parents come before their children and
 * managers before their reports. */
typedef struct bench_org_source {
    long units, people;
    void (*unit)(bench_unit *out, long index, const void *payload);
    void (*person)(bench_person *out, long index, const void *payload);
    const void *payload;
    const char *day; /* YYYY-MM-DD the memberships and reporting lines start */
} bench_org_source;

/* Inserts the organisation's units, people, memberships and reporting lines
 * in one transaction, every row stamped with clock (unit name keys are the
 * names in ASCII lower case), and stores person i's id in person_ids[i].
 * Times the transaction only. */
bench_timing bench_sqlite_build_org(sqlite3 *db, const bench_org_source *org, int64_t clock,
                                    int64_t *person_ids);

/* ---- the workload and the report ---- */

/* Lower-cases ASCII letters only: the raw side needs a key of realistic
 * length, not a correct fold. dst has room for src. */
void bench_ascii_lower(char *dst, const char *src);
/* "First Last" from a fixed list drawn with seed: Swedish names with å, ä
 * and ö, or with ascii set, the same names spelt in ASCII (for a raw side
 * that neither validates nor normalises text). */
void bench_person_name(char *buf, size_t size, int ascii, uint64_t *seed);
/* One whole-number argument: its name and what it counts (for the usage),
 * its range and its default. */
typedef struct bench_arg {
    const char *name, *counts;
    long min, max, fallback;
} bench_arg;
/* Parses argv[1..] into out[i], args[i].fallback where absent. With more than
 * count arguments, or one that is not a whole number in its range, prints
 * "usage: <program> [N [G]]   (N people, 1 to 9, default 5; ...)" and
 * "<program>: bad <name> '<arg>'", and exits 2. */
void bench_parse_args(long *out, int argc, char **argv, const bench_arg *args, int count);
/* The setup lines of a report: how long each side took to build the
 * organisation (not compared). */
void bench_print_setup(long people, double pm_seconds, double raw_seconds);
/* The report's last line: the peak RSS of the process (both sides). */
void bench_print_peak_rss(void);

#endif
