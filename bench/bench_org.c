/*
 * bench_org: what perfmgmt's person API costs over raw SQLite doing the same
 * work, measured in one run on the same machine.
 *
 * Both sides write to a file in a fresh temporary directory, with the
 * settings the SQLite backend uses (WAL, synchronous=NORMAL, 64 MiB cache,
 * foreign keys, temp_store=MEMORY) and a table shaped like the backend's
 * person table: the same columns, types and indexes. The raw side uses
 * prepared statements and gets its rows ready-made; the perfmgmt side goes
 * through the public API only (validation, NFC, case-folded name key,
 * access checks, audit fields), which is the overhead being measured.
 *
 *   (a) N inserts in one transaction       (b) 2000 inserts, one transaction each
 *   (c) N look-ups by id, random order     (d) N look-ups by external id, random order
 *
 * The sides take turns operation by operation; look-ups run three times and
 * the fastest pass counts. Peak RSS (getrusage) covers the whole process.
 *
 * Usage: bench_org [N]      N people for (a), (c) and (d); default 20000.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "perfmgmt.h"

#define DEFAULT_PEOPLE 20000
#define SINGLE_TX_INSERTS 2000
#define MAX_PEOPLE 1000000L

#define TEXT_MAX 96

/* One person's fields, prepared before any timing starts. */
typedef struct person_row {
    char external_id[24];
    char display_name[TEXT_MAX];
    char name_key[TEXT_MAX]; /* what the raw side stores as the search key */
    char email[TEXT_MAX];
} person_row;

typedef struct timing {
    double seconds;
    long ops;
} timing;

typedef struct results {
    timing batched, single, by_id, by_external_id;
} results;

typedef struct workload {
    long people;
    person_row *rows;        /* people rows for (a) */
    person_row *single_rows; /* SINGLE_TX_INSERTS rows for (b) */
    long *order;             /* a random permutation of 0..people-1 for (c), (d) */
} workload;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long peak_rss_kib(void)
{
    struct rusage usage;
    if (getrusage(RUSAGE_SELF, &usage) != 0)
        return -1;
    return usage.ru_maxrss; /* KiB on Linux */
}

/* The temporary directory and its stores, removed at exit, also after a
 * failure (a benchmark program may keep this much global state). */
#define DIR_SIZE 4096
#define PATH_SIZE (DIR_SIZE + 32)
static char bench_dir[DIR_SIZE];
static char raw_path[PATH_SIZE];
static char pm_path[PATH_SIZE];

static void remove_store(const char *path)
{
    static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };
    char name[PATH_SIZE + 16];
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
        if (unlink(name) != 0 && errno != ENOENT)
            fprintf(stderr, "bench_org: cannot remove %s: %s\n", name, strerror(errno));
    }
}

static void remove_temporary_files(void)
{
    if (bench_dir[0] == '\0')
        return;
    remove_store(raw_path);
    remove_store(pm_path);
    if (rmdir(bench_dir) != 0)
        fprintf(stderr, "bench_org: cannot remove %s: %s\n", bench_dir, strerror(errno));
    bench_dir[0] = '\0';
}

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "bench_org: %s: %s\n", what, detail != NULL ? detail : "failed");
    exit(1);
}

/* Results of the look-ups go here so the compiler cannot drop the reads. */
static volatile size_t sink;

/* A fixed-seed generator: every run times the same work. */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

/* ---- the workload ---- */

/* Names as an HR system in Sweden holds them: many ASCII, many with å, ä, ö,
 * some with capitals that the search key folds. */
static const char *const first_names[] = {
    "Anna", "Erik", "Åsa", "Lars", "Maria", "Björn", "Karin", "Örjan", "Sofia", "Johan",
    "Ängla", "Per", "Eva", "Mikael", "Linnéa", "Nils", "Ida", "Göran", "Sara", "Jonas",
};
static const char *const last_names[] = {
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Lindström", "Åberg", "Öberg", "Söderström",
    "Bäckström", "Lundqvist", "Hällström", "Ekström", "Berg", "Strand",
};


/* Lower-cases ASCII letters only: the raw side needs a key of realistic
 * length, not a correct fold. */
static void ascii_lower(char *dst, const char *src)
{
    for (; *src; src++, dst++)
        *dst = (*src >= 'A' && *src <= 'Z') ? (char)(*src - 'A' + 'a') : *src;
    *dst = '\0';
}

static void make_row(person_row *row, const char *id_prefix, long n, uint64_t *seed)
{
    const char *first = first_names[next_random(seed) % (sizeof first_names / sizeof first_names[0])];
    const char *last = last_names[next_random(seed) % (sizeof last_names / sizeof last_names[0])];
    snprintf(row->external_id, sizeof row->external_id, "%s%07ld", id_prefix, n);
    snprintf(row->display_name, sizeof row->display_name, "%s %s", first, last);
    ascii_lower(row->name_key, row->display_name);
    snprintf(row->email, sizeof row->email, "%s.%ld@example.com", row->external_id, n);
}

static void workload_init(workload *w, long people)
{
    uint64_t seed = 0x2545F4914F6CDD1Du;
    w->people = people;
    w->rows = calloc((size_t)people, sizeof *w->rows);
    w->single_rows = calloc(SINGLE_TX_INSERTS, sizeof *w->single_rows);
    w->order = calloc((size_t)people, sizeof *w->order);
    if (w->rows == NULL || w->single_rows == NULL || w->order == NULL)
        die("workload", "out of memory");
    for (long i = 0; i < people; i++)
        make_row(&w->rows[i], "E", i, &seed);
    for (long i = 0; i < SINGLE_TX_INSERTS; i++)
        make_row(&w->single_rows[i], "S", i, &seed);
    for (long i = 0; i < people; i++)
        w->order[i] = i;
    for (long i = people - 1; i > 0; i--) { /* Fisher-Yates */
        long j = (long)(next_random(&seed) % (uint64_t)(i + 1));
        long t = w->order[i];
        w->order[i] = w->order[j];
        w->order[j] = t;
    }
}

static void workload_free(workload *w)
{
    free(w->rows);
    free(w->single_rows);
    free(w->order);
}

/* ---- raw SQLite ---- */

typedef struct raw_db {
    sqlite3 *db;
    sqlite3_stmt *insert, *by_id, *by_external_id, *begin, *commit;
} raw_db;

/* The backend's settings (src/storage/sqlite.c) and its person table
 * (src/core/schema.c as src/storage/sqlite_schema.c lays it out). */
static const char raw_setup[] =
    "PRAGMA journal_mode=WAL;"
    "PRAGMA foreign_keys=ON;"
    "PRAGMA synchronous=NORMAL;"
    "PRAGMA cache_size=-65536;"
    "PRAGMA temp_store=MEMORY;"
    "CREATE TABLE person (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " external_id TEXT NOT NULL, display_name TEXT NOT NULL, name_key TEXT NOT NULL,"
    " email TEXT, status INTEGER NOT NULL, left_on TEXT, hr_admin INTEGER NOT NULL,"
    " created_at INTEGER NOT NULL, created_by INTEGER NOT NULL,"
    " updated_at INTEGER NOT NULL, updated_by INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX person_by_external_id ON person (external_id);"
    "CREATE INDEX person_by_name_key ON person (name_key);";

#define RAW_COLUMNS "id, external_id, display_name, name_key, email, status, left_on," \
                    " hr_admin, created_at, created_by, updated_at, updated_by"

static void raw_check(raw_db *r, int rc, const char *what)
{
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
        die(what, sqlite3_errmsg(r->db));
}

static sqlite3_stmt *raw_prepare(raw_db *r, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    raw_check(r, sqlite3_prepare_v2(r->db, sql, -1, &stmt, NULL), sql);
    return stmt;
}

static void raw_open(raw_db *r, const char *path)
{
    if (sqlite3_open(path, &r->db) != SQLITE_OK)
        die("raw sqlite open", r->db ? sqlite3_errmsg(r->db) : path);
    sqlite3_busy_timeout(r->db, 5000);
    raw_check(r, sqlite3_exec(r->db, raw_setup, NULL, NULL, NULL), "raw schema");
    r->insert = raw_prepare(r,
        "INSERT INTO person (external_id, display_name, name_key, email, status, left_on,"
        " hr_admin, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, 1, NULL, 0, ?, 0, ?, 0)");
    r->by_id = raw_prepare(r, "SELECT " RAW_COLUMNS " FROM person WHERE id = ?");
    r->by_external_id = raw_prepare(r, "SELECT " RAW_COLUMNS " FROM person WHERE external_id = ?");
    r->begin = raw_prepare(r, "BEGIN");
    r->commit = raw_prepare(r, "COMMIT");
}

static void raw_close(raw_db *r)
{
    sqlite3_finalize(r->insert);
    sqlite3_finalize(r->by_id);
    sqlite3_finalize(r->by_external_id);
    sqlite3_finalize(r->begin);
    sqlite3_finalize(r->commit);
    sqlite3_close(r->db);
}

static void raw_run(raw_db *r, sqlite3_stmt *stmt, const char *what)
{
    raw_check(r, sqlite3_step(stmt), what);
    sqlite3_reset(stmt);
}

static int64_t raw_insert(raw_db *r, const person_row *row)
{
    sqlite3_int64 stamp = (sqlite3_int64)time(NULL);
    sqlite3_bind_text(r->insert, 1, row->external_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->insert, 2, row->display_name, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->insert, 3, row->name_key, -1, SQLITE_STATIC);
    sqlite3_bind_text(r->insert, 4, row->email, -1, SQLITE_STATIC);
    sqlite3_bind_int64(r->insert, 5, stamp);
    sqlite3_bind_int64(r->insert, 6, stamp);
    raw_run(r, r->insert, "raw insert");
    return sqlite3_last_insert_rowid(r->db);
}

/* Reads every column of the one row, as a snapshot would, so that both
 * sides fetch the same data. */
static size_t raw_read_row(raw_db *r, sqlite3_stmt *stmt, const char *what)
{
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW)
        die(what, rc == SQLITE_DONE ? "row not found" : sqlite3_errmsg(r->db));
    size_t sum = 0;
    for (int c = 0; c < sqlite3_column_count(stmt); c++) {
        if (sqlite3_column_type(stmt, c) == SQLITE_TEXT)
            sum += (size_t)sqlite3_column_bytes(stmt, c) + (size_t)sqlite3_column_text(stmt, c)[0];
        else
            sum += (size_t)sqlite3_column_int64(stmt, c);
    }
    sqlite3_reset(stmt);
    return sum;
}

static timing raw_insert_batched(raw_db *r, const workload *w, int64_t *ids)
{
    double t0 = now_seconds();
    raw_run(r, r->begin, "raw begin");
    for (long i = 0; i < w->people; i++)
        ids[i] = raw_insert(r, &w->rows[i]);
    raw_run(r, r->commit, "raw commit");
    return (timing){ now_seconds() - t0, w->people };
}

static timing raw_insert_single(raw_db *r, const workload *w)
{
    double t0 = now_seconds();
    for (long i = 0; i < SINGLE_TX_INSERTS; i++) {
        raw_run(r, r->begin, "raw begin");
        raw_insert(r, &w->single_rows[i]);
        raw_run(r, r->commit, "raw commit");
    }
    return (timing){ now_seconds() - t0, SINGLE_TX_INSERTS };
}

static timing raw_get_by_id(raw_db *r, const workload *w, const int64_t *ids)
{
    double t0 = now_seconds();
    for (long i = 0; i < w->people; i++) {
        sqlite3_bind_int64(r->by_id, 1, ids[w->order[i]]);
        sink += raw_read_row(r, r->by_id, "raw look-up by id");
    }
    return (timing){ now_seconds() - t0, w->people };
}

static timing raw_get_by_external_id(raw_db *r, const workload *w)
{
    double t0 = now_seconds();
    for (long i = 0; i < w->people; i++) {
        sqlite3_bind_text(r->by_external_id, 1, w->rows[w->order[i]].external_id, -1,
                          SQLITE_STATIC);
        sink += raw_read_row(r, r->by_external_id, "raw look-up by external id");
    }
    return (timing){ now_seconds() - t0, w->people };
}

/* ---- perfmgmt ---- */

static void pm_check(pm_session *s, pm_status st, const char *what)
{
    if (st != PM_OK) {
        fprintf(stderr, "bench_org: %s: %s (%s)\n", what, pm_session_errmsg(s),
                pm_status_str(st));
        exit(1);
    }
}

static pm_id pm_insert(pm_session *s, const person_row *row)
{
    pm_person_opts opts = PM_PERSON_OPTS_INIT;
    opts.external_id = row->external_id;
    opts.display_name = row->display_name;
    opts.email = row->email;
    pm_id id = 0;
    pm_check(s, pm_person_create(&id, s, &opts), "pm_person_create");
    return id;
}

static size_t person_checksum(const pm_person *p)
{
    return strlen(pm_person_external_id(p)) + strlen(pm_person_display_name(p))
           + strlen(pm_person_email(p)) + (size_t)pm_person_id(p);
}

typedef struct pm_side {
    pm_db *db;
    pm_session *session; /* the system actor */
} pm_side;

static void pm_side_open(pm_side *side, const char *path)
{
    char uri[PATH_SIZE + 16];
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    char *errmsg = NULL;
    if (pm_db_open(&side->db, &errmsg, uri, NULL) != PM_OK)
        die("pm_db_open", errmsg);
    if (pm_session_open_system(&side->session, side->db) != PM_OK)
        die("pm_session_open_system", pm_db_errmsg(side->db));
}

static void pm_side_close(pm_side *side)
{
    pm_session_free(side->session);
    pm_db_close(side->db);
}

static timing pm_insert_batched(pm_side *side, const workload *w, pm_id *ids)
{
    pm_session *s = side->session;
    double t0 = now_seconds();
    pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->people; i++)
        ids[i] = pm_insert(s, &w->rows[i]);
    pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (timing){ now_seconds() - t0, w->people };
}

static timing pm_insert_single(pm_side *side, const workload *w)
{
    double t0 = now_seconds();
    for (long i = 0; i < SINGLE_TX_INSERTS; i++)
        pm_insert(side->session, &w->single_rows[i]); /* no open transaction: one each */
    return (timing){ now_seconds() - t0, SINGLE_TX_INSERTS };
}

static timing pm_get_by_id(pm_side *side, const workload *w, const pm_id *ids)
{
    pm_session *s = side->session;
    double t0 = now_seconds();
    for (long i = 0; i < w->people; i++) {
        pm_person *p = NULL;
        pm_check(s, pm_person_get(&p, s, ids[w->order[i]]), "pm_person_get");
        sink += person_checksum(p);
        pm_person_free(p);
    }
    return (timing){ now_seconds() - t0, w->people };
}

static timing pm_get_by_external_id(pm_side *side, const workload *w)
{
    pm_session *s = side->session;
    double t0 = now_seconds();
    for (long i = 0; i < w->people; i++) {
        pm_person *p = NULL;
        pm_check(s, pm_person_lookup(&p, s, w->rows[w->order[i]].external_id),
                 "pm_person_lookup");
        sink += person_checksum(p);
        pm_person_free(p);
    }
    return (timing){ now_seconds() - t0, w->people };
}

/* ---- the run ---- */

/* Look-ups change nothing, so each is repeated and the fastest pass counts:
 * on a shared machine that filters out time stolen by other work. */
#define LOOKUP_PASSES 3

static timing faster(timing a, timing b)
{
    return a.seconds <= b.seconds ? a : b;
}

/*
 * The two sides take turns operation by operation (raw, then perfmgmt), so
 * that a change in the machine's load during the run hits both alike.
 */
static void run_benchmark(results *pm, results *raw, const workload *w)
{
    raw_db r;
    memset(&r, 0, sizeof r);
    raw_open(&r, raw_path);
    pm_side side = { NULL, NULL };
    pm_side_open(&side, pm_path);
    int64_t *raw_ids = malloc((size_t)w->people * sizeof *raw_ids);
    pm_id *pm_ids = malloc((size_t)w->people * sizeof *pm_ids);
    if (raw_ids == NULL || pm_ids == NULL)
        die("ids", "out of memory");

    raw->batched = raw_insert_batched(&r, w, raw_ids);
    pm->batched = pm_insert_batched(&side, w, pm_ids);
    raw->single = raw_insert_single(&r, w);
    pm->single = pm_insert_single(&side, w);
    for (int pass = 0; pass < LOOKUP_PASSES; pass++) {
        timing t = raw_get_by_id(&r, w, raw_ids);
        raw->by_id = pass == 0 ? t : faster(raw->by_id, t);
        t = pm_get_by_id(&side, w, pm_ids);
        pm->by_id = pass == 0 ? t : faster(pm->by_id, t);
        t = raw_get_by_external_id(&r, w);
        raw->by_external_id = pass == 0 ? t : faster(raw->by_external_id, t);
        t = pm_get_by_external_id(&side, w);
        pm->by_external_id = pass == 0 ? t : faster(pm->by_external_id, t);
    }

    free(raw_ids);
    free(pm_ids);
    pm_side_close(&side);
    raw_close(&r);
}

/* ---- the report ---- */

static double ops_per_second(timing t)
{
    return t.seconds > 0 ? (double)t.ops / t.seconds : 0.0;
}

static void print_row(const char *operation, timing pm, timing raw)
{
    /* Both sides do the same number of operations, so the time ratio is the
     * cost of perfmgmt per operation in units of SQLite's. */
    printf("%-42s %14.0f %14.0f %9.2f\n", operation, ops_per_second(pm), ops_per_second(raw),
           raw.seconds > 0 ? pm.seconds / raw.seconds : 0.0);
}

static void print_report(const workload *w, const results *pm, const results *raw)
{
    char label[64];
    printf("\nbench_org: %ld people, SQLite %s, perfmgmt %s\n\n", w->people,
           sqlite3_libversion(), pm_version(NULL, NULL, NULL));
    printf("%-42s %14s %14s %9s\n", "operation", "perfmgmt op/s", "sqlite op/s",
           "pm/sqlite");
    snprintf(label, sizeof label, "(a) insert, %ld in one transaction", w->people);
    print_row(label, pm->batched, raw->batched);
    snprintf(label, sizeof label, "(b) insert, %d one transaction each", SINGLE_TX_INSERTS);
    print_row(label, pm->single, raw->single);
    snprintf(label, sizeof label, "(c) look up by id, %ld random", w->people);
    print_row(label, pm->by_id, raw->by_id);
    snprintf(label, sizeof label, "(d) look up by external id, %ld random", w->people);
    print_row(label, pm->by_external_id, raw->by_external_id);

    printf("\nbatched vs one transaction per insert (op/s of (a) / op/s of (b)):\n");
    printf("  perfmgmt   x%.1f\n", ops_per_second(pm->batched) / ops_per_second(pm->single));
    printf("  sqlite     x%.1f\n", ops_per_second(raw->batched) / ops_per_second(raw->single));
    printf("\nlook-ups: fastest of %d passes; inserts: one pass\n", LOOKUP_PASSES);
    printf("peak RSS of the whole run (both sides, one process): %.1f MiB\n",
           (double)peak_rss_kib() / 1024.0);
}

/* ---- main ---- */

static long parse_people(int argc, char **argv)
{
    if (argc < 2)
        return DEFAULT_PEOPLE;
    char *end = NULL;
    errno = 0;
    long n = strtol(argv[1], &end, 10);
    if (argc > 2 || errno != 0 || end == argv[1] || *end != '\0' || n < 1 || n > MAX_PEOPLE) {
        fprintf(stderr, "usage: bench_org [N]   (N people, 1 to %ld; default %d)\n",
                MAX_PEOPLE, DEFAULT_PEOPLE);
        exit(2);
    }
    return n;
}

int main(int argc, char **argv)
{
    long people = parse_people(argc, argv);
    const char *tmp = getenv("TMPDIR");
    snprintf(bench_dir, sizeof bench_dir, "%s/perfmgmt-bench-XXXXXX",
             tmp != NULL && *tmp ? tmp : "/tmp");
    if (mkdtemp(bench_dir) == NULL) {
        bench_dir[0] = '\0';
        die("mkdtemp", strerror(errno));
    }
    snprintf(raw_path, sizeof raw_path, "%s/raw.db", bench_dir);
    snprintf(pm_path, sizeof pm_path, "%s/perfmgmt.db", bench_dir);
    atexit(remove_temporary_files);

    workload w;
    workload_init(&w, people);
    results raw, pm;
    run_benchmark(&pm, &raw, &w);
    print_report(&w, &pm, &raw);
    workload_free(&w);
    return 0;
}
