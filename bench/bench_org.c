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
#include <time.h>

#include <sqlite3.h>

#include "perfmgmt.h"

#include "bench_pm.h"
#include "bench_sqlite.h"

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

typedef struct results {
    bench_timing batched, single, by_id, by_external_id;
} results;

typedef struct workload {
    long people;
    person_row *rows;        /* people rows for (a) */
    person_row *single_rows; /* SINGLE_TX_INSERTS rows for (b) */
    long *order;             /* a random permutation of 0..people-1 for (c), (d) */
} workload;

/* ---- the workload ---- */

static void make_row(person_row *row, const char *id_prefix, long n, uint64_t *seed)
{
    /* Names with å, ä and ö, and capitals that the search key folds. */
    bench_person_name(row->display_name, sizeof row->display_name, 0, seed);
    snprintf(row->external_id, sizeof row->external_id, "%s%07ld", id_prefix, n);
    bench_ascii_lower(row->name_key, row->display_name);
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
        bench_die("workload", "out of memory");
    for (long i = 0; i < people; i++)
        make_row(&w->rows[i], "E", i, &seed);
    for (long i = 0; i < SINGLE_TX_INSERTS; i++)
        make_row(&w->single_rows[i], "S", i, &seed);
    for (long i = 0; i < people; i++)
        w->order[i] = i;
    for (long i = people - 1; i > 0; i--) { /* Fisher-Yates */
        long j = (long)(bench_next_random(&seed) % (uint64_t)(i + 1));
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
static const char raw_setup[] = BENCH_SQLITE_PRAGMAS BENCH_SQLITE_PERSON_TABLE;

#define RAW_COLUMNS "id, external_id, display_name, name_key, email, status, left_on," \
                    " hr_admin, created_at, created_by, updated_at, updated_by"

static void raw_open(raw_db *r, const char *path)
{
    r->db = bench_sqlite_open(path, raw_setup);
    r->insert = bench_sqlite_prepare(r->db,
        "INSERT INTO person (external_id, display_name, name_key, email, status, left_on,"
        " hr_admin, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, 1, NULL, 0, ?, 0, ?, 0)");
    r->by_id = bench_sqlite_prepare(r->db, "SELECT " RAW_COLUMNS " FROM person WHERE id = ?");
    r->by_external_id =
        bench_sqlite_prepare(r->db, "SELECT " RAW_COLUMNS " FROM person WHERE external_id = ?");
    r->begin = bench_sqlite_prepare(r->db, "BEGIN");
    r->commit = bench_sqlite_prepare(r->db, "COMMIT");
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
    bench_sqlite_run(r->db, r->insert, "raw insert");
    return sqlite3_last_insert_rowid(r->db);
}

/* Reads every column of the one row, as a snapshot would, so that both
 * sides fetch the same data. */
static size_t raw_read_row(raw_db *r, sqlite3_stmt *stmt, const char *what)
{
    int rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW)
        bench_die(what, rc == SQLITE_DONE ? "row not found" : sqlite3_errmsg(r->db));
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

static bench_timing raw_insert_batched(raw_db *r, const workload *w, int64_t *ids)
{
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long i = 0; i < w->people; i++)
        ids[i] = raw_insert(r, &w->rows[i]);
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

static bench_timing raw_insert_single(raw_db *r, const workload *w)
{
    double t0 = bench_now_seconds();
    for (long i = 0; i < SINGLE_TX_INSERTS; i++) {
        bench_sqlite_run(r->db, r->begin, "raw begin");
        raw_insert(r, &w->single_rows[i]);
        bench_sqlite_run(r->db, r->commit, "raw commit");
    }
    return (bench_timing){ bench_now_seconds() - t0, SINGLE_TX_INSERTS };
}

static bench_timing raw_get_by_id(raw_db *r, const workload *w, const int64_t *ids)
{
    double t0 = bench_now_seconds();
    for (long i = 0; i < w->people; i++) {
        sqlite3_bind_int64(r->by_id, 1, ids[w->order[i]]);
        bench_sink += raw_read_row(r, r->by_id, "raw look-up by id");
    }
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

static bench_timing raw_get_by_external_id(raw_db *r, const workload *w)
{
    double t0 = bench_now_seconds();
    for (long i = 0; i < w->people; i++) {
        sqlite3_bind_text(r->by_external_id, 1, w->rows[w->order[i]].external_id, -1,
                          SQLITE_STATIC);
        bench_sink += raw_read_row(r, r->by_external_id, "raw look-up by external id");
    }
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

/* ---- perfmgmt ---- */

static pm_id pm_insert(pm_session *s, const person_row *row)
{
    pm_person_opts opts = PM_PERSON_OPTS_INIT;
    opts.external_id = row->external_id;
    opts.display_name = row->display_name;
    opts.email = row->email;
    pm_id id = 0;
    bench_pm_check(s, pm_person_create(&id, s, &opts), "pm_person_create");
    return id;
}

static size_t person_checksum(const pm_person *p)
{
    return strlen(pm_person_external_id(p)) + strlen(pm_person_display_name(p))
           + strlen(pm_person_email(p)) + (size_t)pm_person_id(p);
}

static bench_timing pm_insert_batched(bench_pm_side *side, const workload *w, pm_id *ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    bench_pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->people; i++)
        ids[i] = pm_insert(s, &w->rows[i]);
    bench_pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

static bench_timing pm_insert_single(bench_pm_side *side, const workload *w)
{
    double t0 = bench_now_seconds();
    for (long i = 0; i < SINGLE_TX_INSERTS; i++)
        pm_insert(side->session, &w->single_rows[i]); /* no open transaction: one each */
    return (bench_timing){ bench_now_seconds() - t0, SINGLE_TX_INSERTS };
}

static bench_timing pm_get_by_id(bench_pm_side *side, const workload *w, const pm_id *ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    for (long i = 0; i < w->people; i++) {
        pm_person *p = NULL;
        bench_pm_check(s, pm_person_get(&p, s, ids[w->order[i]]), "pm_person_get");
        bench_sink += person_checksum(p);
        pm_person_free(p);
    }
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

static bench_timing pm_get_by_external_id(bench_pm_side *side, const workload *w)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    for (long i = 0; i < w->people; i++) {
        pm_person *p = NULL;
        bench_pm_check(s, pm_person_lookup(&p, s, w->rows[w->order[i]].external_id),
                       "pm_person_lookup");
        bench_sink += person_checksum(p);
        pm_person_free(p);
    }
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

/* ---- the run ---- */

/* Look-ups change nothing, so each is repeated and the fastest pass counts:
 * on a shared machine that filters out time stolen by other work. */
#define LOOKUP_PASSES 3

/*
 * The two sides take turns operation by operation (raw, then perfmgmt), so
 * that a change in the machine's load during the run hits both alike.
 */
static void run_benchmark(results *pm, results *raw, const workload *w)
{
    raw_db r;
    memset(&r, 0, sizeof r);
    raw_open(&r, bench_raw_path());
    bench_pm_side side = { NULL, NULL };
    bench_pm_open(&side, bench_pm_path(), NULL, NULL); /* the system clock, as raw stamps */
    int64_t *raw_ids = malloc((size_t)w->people * sizeof *raw_ids);
    pm_id *pm_ids = malloc((size_t)w->people * sizeof *pm_ids);
    if (raw_ids == NULL || pm_ids == NULL)
        bench_die("ids", "out of memory");

    raw->batched = raw_insert_batched(&r, w, raw_ids);
    pm->batched = pm_insert_batched(&side, w, pm_ids);
    raw->single = raw_insert_single(&r, w);
    pm->single = pm_insert_single(&side, w);
    for (int pass = 0; pass < LOOKUP_PASSES; pass++) {
        bench_timing t = raw_get_by_id(&r, w, raw_ids);
        raw->by_id = pass == 0 ? t : bench_faster(raw->by_id, t);
        t = pm_get_by_id(&side, w, pm_ids);
        pm->by_id = pass == 0 ? t : bench_faster(pm->by_id, t);
        t = raw_get_by_external_id(&r, w);
        raw->by_external_id = pass == 0 ? t : bench_faster(raw->by_external_id, t);
        t = pm_get_by_external_id(&side, w);
        pm->by_external_id = pass == 0 ? t : bench_faster(pm->by_external_id, t);
    }

    free(raw_ids);
    free(pm_ids);
    bench_pm_close(&side);
    bench_sqlite_close(r.db);
}

/* ---- the report ---- */

static void print_row(const char *operation, bench_timing pm, bench_timing raw)
{
    /* Both sides do the same number of operations, so the time ratio is the
     * cost of perfmgmt per operation in units of SQLite's. */
    printf("%-42s %14.0f %14.0f %9.2f\n", operation, bench_ops_per_second(pm),
           bench_ops_per_second(raw),
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
    printf("  perfmgmt   x%.1f\n",
           bench_ops_per_second(pm->batched) / bench_ops_per_second(pm->single));
    printf("  sqlite     x%.1f\n",
           bench_ops_per_second(raw->batched) / bench_ops_per_second(raw->single));
    printf("\nlook-ups: fastest of %d passes; inserts: one pass\n", LOOKUP_PASSES);
    bench_print_peak_rss();
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
    bench_start("bench_org");

    workload w;
    workload_init(&w, people);
    results raw, pm;
    run_benchmark(&pm, &raw, &w);
    print_report(&w, &pm, &raw);
    workload_free(&w);
    return 0;
}
