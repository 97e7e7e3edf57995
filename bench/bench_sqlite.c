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

void bench_sqlite_close(sqlite3 *db)
{
    sqlite3_stmt *stmt;
    while ((stmt = sqlite3_next_stmt(db, NULL)) != NULL)
        sqlite3_finalize(stmt);
    sqlite3_close(db);
}

char *bench_sqlite_column_copy(sqlite3_stmt *stmt, int col)
{
    const unsigned char *text = sqlite3_column_text(stmt, col);
    if (text == NULL)
        return NULL;
    size_t n = strlen((const char *)text) + 1;
    char *out = malloc(n);
    if (out == NULL)
        bench_die("copy", "out of memory");
    memcpy(out, text, n);
    return out;
}

/* ---- the organisation ---- */

bench_timing bench_sqlite_build_org(sqlite3 *db, const bench_org_source *org, int64_t clock,
                                    int64_t *person_ids)
{
    /* Prepared before the clock starts, as the raw sides prepare the rest. */
    sqlite3_stmt *begin = bench_sqlite_prepare(db, "BEGIN");
    sqlite3_stmt *commit = bench_sqlite_prepare(db, "COMMIT");
    sqlite3_stmt *ins_unit = bench_sqlite_prepare(db,
        "INSERT INTO unit (name, name_key, parent_id, created_at, created_by, updated_at,"
        " updated_by) VALUES (?, ?, ?, ?, 0, ?, 0)");
    sqlite3_stmt *ins_person = bench_sqlite_prepare(db,
        "INSERT INTO person (external_id, display_name, name_key, email, status, left_on,"
        " hr_admin, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, 1, NULL, ?, ?, 0, ?, 0)");
    sqlite3_stmt *ins_membership = bench_sqlite_prepare(db,
        "INSERT INTO membership (person_id, unit_id, start_on, end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, 0, ?, 0)");
    sqlite3_stmt *ins_line = bench_sqlite_prepare(db,
        "INSERT INTO reporting_line (person_id, manager_id, start_on, end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, 0, ?, 0)");
    int64_t *unit_ids = malloc((size_t)org->units * sizeof *unit_ids);
    if (unit_ids == NULL)
        bench_die("units", "out of memory");

    double t0 = bench_now_seconds();
    bench_sqlite_run(db, begin, "raw begin");
    for (long u = 0; u < org->units; u++) {
        bench_unit unit;
        org->unit(&unit, u, org->payload);
        char key[sizeof unit.name];
        bench_ascii_lower(key, unit.name);
        sqlite3_bind_text(ins_unit, 1, unit.name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_unit, 2, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins_unit, 3, unit.parent < 0 ? 0 : unit_ids[unit.parent]);
        sqlite3_bind_int64(ins_unit, 4, clock);
        sqlite3_bind_int64(ins_unit, 5, clock);
        bench_sqlite_run(db, ins_unit, "raw insert unit");
        unit_ids[u] = sqlite3_last_insert_rowid(db);
    }
    for (long i = 0; i < org->people; i++) {
        bench_person p;
        org->person(&p, i, org->payload);
        sqlite3_bind_text(ins_person, 1, p.external_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_person, 2, p.display_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_person, 3, p.name_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_person, 4, p.email, -1, SQLITE_STATIC);
        sqlite3_bind_int(ins_person, 5, p.hr_admin);
        sqlite3_bind_int64(ins_person, 6, clock);
        sqlite3_bind_int64(ins_person, 7, clock);
        bench_sqlite_run(db, ins_person, "raw insert person");
        person_ids[i] = sqlite3_last_insert_rowid(db);

        sqlite3_bind_int64(ins_membership, 1, person_ids[i]);
        sqlite3_bind_int64(ins_membership, 2, unit_ids[p.unit]);
        sqlite3_bind_text(ins_membership, 3, org->day, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_membership, 4, clock);
        sqlite3_bind_int64(ins_membership, 5, clock);
        bench_sqlite_run(db, ins_membership, "raw insert membership");

        if (p.manager >= 0) { /* managers come before their reports */
            sqlite3_bind_int64(ins_line, 1, person_ids[i]);
            sqlite3_bind_int64(ins_line, 2, person_ids[p.manager]);
            sqlite3_bind_text(ins_line, 3, org->day, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins_line, 4, clock);
            sqlite3_bind_int64(ins_line, 5, clock);
            bench_sqlite_run(db, ins_line, "raw insert reporting line");
        }
    }
    bench_sqlite_run(db, commit, "raw commit");
    double seconds = bench_now_seconds() - t0;

    free(unit_ids);
    sqlite3_stmt *all[] = { begin, commit, ins_unit, ins_person, ins_membership, ins_line };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    return (bench_timing){ seconds, org->people };
}

/* ---- the workload and the report ---- */

void bench_ascii_lower(char *dst, const char *src)
{
    for (; *src; src++, dst++)
        *dst = (*src >= 'A' && *src <= 'Z') ? (char)(*src - 'A' + 'a') : *src;
    *dst = '\0';
}

/* Names as an HR system in Sweden holds them: many ASCII, many with å, ä, ö,
 * some with capitals that the search key folds; index 1 spells them in ASCII. */
#define NAME_COUNT 20
static const char *const first_names[2][NAME_COUNT] = {
    { "Anna", "Erik", "Åsa", "Lars", "Maria", "Björn", "Karin", "Örjan", "Sofia", "Johan",
      "Ängla", "Per", "Eva", "Mikael", "Linnéa", "Nils", "Ida", "Göran", "Sara", "Jonas" },
    { "Anna", "Erik", "Asa", "Lars", "Maria", "Bjorn", "Karin", "Orjan", "Sofia", "Johan",
      "Angla", "Per", "Eva", "Mikael", "Linnea", "Nils", "Ida", "Goran", "Sara", "Jonas" },
};
static const char *const last_names[2][NAME_COUNT] = {
    { "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
      "Persson", "Svensson", "Gustafsson", "Lindström", "Åberg", "Öberg", "Söderström",
      "Bäckström", "Lundqvist", "Hällström", "Ekström", "Berg", "Strand" },
    { "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
      "Persson", "Svensson", "Gustafsson", "Lindstrom", "Aberg", "Oberg", "Soderstrom",
      "Backstrom", "Lundqvist", "Hallstrom", "Ekstrom", "Berg", "Strand" },
};

void bench_person_name(char *buf, size_t size, int ascii, uint64_t *seed)
{
    /* Two draws, first name then last, as every workload has drawn them. */
    const char *first = first_names[ascii != 0][bench_next_random(seed) % NAME_COUNT];
    const char *last = last_names[ascii != 0][bench_next_random(seed) % NAME_COUNT];
    snprintf(buf, size, "%s %s", first, last);
}

static void usage_exit(const bench_arg *args, int count, const char *name, const char *arg)
{
    fprintf(stderr, "usage: %s ", bench_program);
    for (int i = 0; i < count; i++)
        fprintf(stderr, "[%s%s", args[i].name, i + 1 < count ? " " : "");
    for (int i = 0; i < count; i++)
        fputc(']', stderr);
    for (int i = 0; i < count; i++)
        fprintf(stderr, "%s%s %s, %ld to %ld, default %ld", i == 0 ? "   (" : "; ",
                args[i].name, args[i].counts, args[i].min, args[i].max, args[i].fallback);
    fprintf(stderr, ")\n%s: bad %s '%s'\n", bench_program, name, arg);
    exit(2);
}

void bench_parse_args(long *out, int argc, char **argv, const bench_arg *args, int count)
{
    if (argc - 1 > count)
        usage_exit(args, count, "arguments", "");
    for (int i = 0; i < count; i++) {
        out[i] = args[i].fallback;
        if (i + 1 >= argc)
            continue;
        char *end = NULL;
        errno = 0;
        out[i] = strtol(argv[i + 1], &end, 10);
        if (errno != 0 || end == argv[i + 1] || *end != '\0' || out[i] < args[i].min ||
            out[i] > args[i].max)
            usage_exit(args, count, args[i].name, argv[i + 1]);
    }
}

void bench_print_setup(long people, double pm_seconds, double raw_seconds)
{
    printf("setup, not compared: the organisation (%ld people, reporting lines, units)\n",
           people);
    printf("  perfmgmt pm_import_csv   %8.2f s\n", pm_seconds);
    printf("  sqlite   INSERTs         %8.2f s\n\n", raw_seconds);
}

void bench_print_peak_rss(void)
{
    printf("peak RSS of the whole run (both sides, one process): %.1f MiB\n",
           (double)bench_peak_rss_kib() / 1024.0);
}
