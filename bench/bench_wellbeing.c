/*
 * bench_wellbeing: what perfmgmt's measurement ingest and monthly trends
 * cost over raw SQLite doing the same work, measured in one run, with the
 * memory a trend takes.
 *
 * Both sides write to a file in a fresh temporary directory, with the
 * settings the SQLite backend uses. The raw side creates the person, unit,
 * membership, reporting_line, metric and measurement tables with the
 * columns, types and indexes src/core/schema.c declares (among them
 * measurement_by_trend (metric_id, unit_id, measured_at, person_id, value),
 * which covers the trend's query) and a calendar table of months of its
 * own; the perfmgmt side goes through the public API only.
 *
 *   setup  an organisation of P people (default 100 000): the top unit, 20
 *          divisions (the second level) of 15 departments each (321 units);
 *          each unit has a head, everyone else works in a department in
 *          teams of 8 under its head. One in twenty moves to the next
 *          department on 2025-01-01. perfmgmt imports it with
 *          pm_import_csv() and moves people with pm_org_set_unit(); the raw
 *          side inserts the same rows. A custom metric "Pulse: workload",
 *          1 to 5 (pm_metric_create). Timed, not compared.
 *   ingest N pulse measurements (default 5 000 000), whole numbers 1-5, of
 *          people drawn at random, at times spread evenly over 2024 and
 *          2025 (the clock stands on 2026-01-01, after the last), with a
 *          slow decline in some divisions; in transactions of 1000.
 *          perfmgmt: pm_measurement_add(), source import, from the system
 *          session grouping each batch (pm_session_begin/commit); it
 *          checks the person is active, the metric, the scale, the time,
 *          and stores the unit the person was in that day. Raw SQLite, per
 *          measurement, what a careful application does: reads the person
 *          (exists, active), the metric's scale (the value finite and on
 *          it), checks the time, reads the membership covering that day
 *          (membership_by_person), then INSERTs. The stream is generated a
 *          chunk at a time and each chunk is ingested by both sides in
 *          turn, so the load of a busy machine falls on both.
 *   trend  monthly over the two years (24 months) for 20 departments (one
 *          unit each), the 20 divisions (each with its 15 departments) and
 *          the organisation: pm_trend_get() (mean, n, people per month,
 *          suppression, OLS and Mann-Kendall over the months) against SQL
 *          giving avg(value), count(*) and count(DISTINCT person_id) per
 *          month for the unit's subtree (a recursive CTE over unit) in two
 *          forms: GROUP BY strftime('%Y-%m') (the planner reads the
 *          covering index and sorts the rows by month), and GROUP BY the
 *          months of the calendar table, which seeks the covering index
 *          month by month in order and sorts nothing. The faster raw form
 *          is the reference. The sides take turns pass by pass; the
 *          fastest pass of each counts. Both sides' months must agree (n,
 *          people, means to 1e-9; a month perfmgmt suppresses has fewer
 *          than 5 people).
 *   memory after N/4 measurements and after N: the most perfmgmt's heap
 *          grows during a trend (a counting allocator through
 *          pm_allocator_set()), and how much SQLite's memory grows
 *          (sqlite3_status64), for the organisation and a division; and the
 *          process's RSS. The workload itself holds a chunk, not the stream.
 *
 * Usage: bench_wellbeing [N [P]]   N measurements (default 5000000),
 *                                  P people (default 100000).
 *        bench_wellbeing 200000 10000 is a quick run.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_wellbeing.h"

#define DEFAULT_MEASUREMENTS 5000000L
#define DEFAULT_PEOPLE 100000L
#define MIN_PEOPLE 1000L
#define MAX_PEOPLE 2000000L
#define MIN_MEASUREMENTS 10000L
#define MAX_MEASUREMENTS 50000000L
#define CHUNKS 20L
#define PASSES 3
#define MIN_GROUP 5 /* pm_trend_opts' default */
#define MOVE_EVERY 20L

enum { SIDE_PM, SIDE_STRFTIME, SIDE_CALENDAR, SIDES };
enum { KIND_DEPT, KIND_DIVISION, KIND_ORG, KINDS };
static const char *const side_label[SIDES] = {
    "perfmgmt pm_trend_get", "sqlite GROUP BY strftime month", "sqlite GROUP BY calendar month"
};
static const char *const kind_label[KINDS] = {
    "a department (1 unit)", "a division (16 units)", "the organisation"
};
static const int kind_count[KINDS] = { TRENDS_PER_KIND, TRENDS_PER_KIND, 1 };

/* ---- the organisation ---- */

/* Unit u: 0 the top; 1..DIVISIONS divisions; then the departments, 15 a
 * division in order. Person u < HEADS heads unit u. */
static long dept_unit(long q)
{
    return 1 + DIVISIONS + q;
}

static long unit_parent(long u)
{
    if (u == 0)
        return -1;
    if (u <= DIVISIONS)
        return 0;
    return 1 + (u - 1 - DIVISIONS) / DEPTS_PER_DIV;
}

static void unit_name(char *buf, size_t size, long u)
{
    if (u == 0)
        snprintf(buf, size, "Org");
    else if (u <= DIVISIONS)
        snprintf(buf, size, "D%02ld", u);
    else
        snprintf(buf, size, "D%02ld-%02ld", unit_parent(u),
                 (u - 1 - DIVISIONS) % DEPTS_PER_DIV + 1);
}

/* The division a unit is in (0 for the top). */
static long division_of(long u)
{
    return u <= DIVISIONS ? u : unit_parent(u);
}

static void org_unit(bench_unit *out, long unit, const void *payload)
{
    (void)payload;
    unit_name(out->name, sizeof out->name, unit);
    out->parent = unit_parent(unit);
}

static void org_person(bench_person *out, long i, const void *payload)
{
    const person_row *row = &((const workload *)payload)->rows[i];
    *out = (bench_person){ row->external_id, row->display_name, row->name_key, row->email,
                           row->manager, row->unit, 0 };
}

/* Person i >= HEADS is member t of department q (people are dealt to the
 * departments in turn); the first FANOUT report to the head, the rest to
 * member (t - FANOUT) / FANOUT: teams of 8, managers before reports. */
static void place_person(person_row *row, long i)
{
    if (i < HEADS) {
        row->unit = i;
        row->manager = unit_parent(i);
        row->moves_to = -1;
        return;
    }
    long j = i - HEADS, q = j % DEPARTMENTS, t = j / DEPARTMENTS;
    row->unit = dept_unit(q);
    row->manager = t < FANOUT ? dept_unit(q) : HEADS + ((t - FANOUT) / FANOUT) * DEPARTMENTS + q;
    row->moves_to = i % MOVE_EVERY == 7 ? dept_unit((q + 1) % DEPARTMENTS) : -1;
}

static void workload_init(workload *w, long measurements, long people)
{
    uint64_t seed = 0x2545F4914F6CDD1Du;
    memset(w, 0, sizeof *w);
    w->people = people;
    w->measurements = measurements;
    w->rows = calloc((size_t)people, sizeof *w->rows);
    if (w->rows == NULL)
        bench_die("workload", "out of memory");
    w->org_day = bench_pm_date(2023, 6, 1);
    w->move_day = bench_pm_date(2025, 1, 1);
    w->from = bench_pm_date(2024, 1, 1);
    w->to = bench_pm_date(2025, 12, 31);
    w->now = (pm_time)(w->to + 1) * 86400 + 8 * 3600;
    w->first_month = (int64_t)2024 * 12;
    pm_date_format(w->org_text, w->org_day);
    pm_date_format(w->move_text, w->move_day);
    w->org = (bench_org_source){ UNIT_COUNT, people, org_unit, org_person, w, w->org_text };
    for (long i = 0; i < people; i++) {
        person_row *row = &w->rows[i];
        /* ASCII: the raw side neither validates nor normalises text. */
        bench_person_name(row->display_name, sizeof row->display_name, 1, &seed);
        snprintf(row->external_id, sizeof row->external_id, "W%07ld", i);
        bench_ascii_lower(row->name_key, row->display_name);
        snprintf(row->email, sizeof row->email, "%s@example.com", row->external_id);
        place_person(row, i);
    }
}

/* ---- the stream ---- */

static double uniform(uint64_t *seed)
{
    return (double)(bench_next_random(seed) >> 11) * (1.0 / 9007199254740992.0);
}

long meas_stream_fill(meas_stream *m, const workload *w, meas_row *rows, long count)
{
    const pm_time first = (pm_time)w->from * 86400;
    const double span = (double)(w->to + 1 - w->from) * 86400.0;
    const pm_time moved = (pm_time)w->move_day * 86400;
    long k = 0;
    for (; k < count && m->next < m->total; k++, m->next++) {
        meas_row *r = &rows[k];
        r->person = (int32_t)(bench_next_random(&m->seed) % (uint64_t)w->people);
        r->at = first + (pm_time)((double)m->next * span / (double)m->total);
        const person_row *p = &w->rows[r->person];
        long unit = p->moves_to >= 0 && r->at >= moved ? p->moves_to : p->unit;
        /* A mean of 3.7 that falls by 0 to 0.045 a month with the division,
         * and noise of about 0.8; whole numbers on the scale. */
        double month = (double)(r->at - first) / (span / MONTHS);
        double mean = 3.7 - 0.015 * (double)(division_of(unit) % 4) * month;
        double noise = (uniform(&m->seed) + uniform(&m->seed) + uniform(&m->seed) - 1.5) * 1.6;
        double v = floor(mean + noise + 0.5);
        r->value = v < PULSE_MIN ? PULSE_MIN : v > PULSE_MAX ? PULSE_MAX : (int32_t)v;
    }
    return k;
}

/* ---- measuring ---- */

typedef struct run_time {
    double wall, cpu;
} run_time;

static double cpu_seconds(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return 0.0;
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef struct stopwatch {
    double wall0, cpu0;
} stopwatch;

static stopwatch watch_start(void)
{
    return (stopwatch){ bench_now_seconds(), cpu_seconds() };
}

static run_time watch_read(stopwatch w)
{
    return (run_time){ bench_now_seconds() - w.wall0, cpu_seconds() - w.cpu0 };
}

static double mib(double bytes)
{
    return bytes / (1024.0 * 1024.0);
}

/* The process's resident set now, in bytes; 0 when unknown. */
static double rss_now(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, resident = 0;
    if (f == NULL)
        return 0.0;
    int got = fscanf(f, "%ld %ld", &pages, &resident);
    fclose(f);
    return got == 2 ? (double)resident * (double)sysconf(_SC_PAGESIZE) : 0.0;
}

/* SQLite's memory in use now, after resetting its high-water mark. */
static sqlite3_int64 sqlite_mark(void)
{
    sqlite3_int64 cur = 0, high = 0;
    sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &high, 1);
    return cur;
}

/* How far SQLite's memory rose above mark since it was taken. */
static double sqlite_rise(sqlite3_int64 mark)
{
    sqlite3_int64 cur = 0, high = 0;
    sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &cur, &high, 0);
    return high > mark ? (double)(high - mark) : 0.0;
}

/* ---- the run ---- */

/* What a trend takes in memory, for one query of one side. */
typedef struct trend_memory {
    double pm_heap;   /* perfmgmt's heap peak above what it held before */
    double sqlite;    /* SQLite's memory peak above what it held before */
} trend_memory;

typedef struct checkpoint {
    long ingested;
    double rss;
    long pairs;                           /* (person, month) pairs of the org trend */
    trend_memory mem[2][SIDES];           /* [0] the organisation, [1] a division */
} checkpoint;

typedef struct results {
    bench_timing pm_setup, raw_setup;
    run_time ingest[2];                   /* [0] perfmgmt, [1] raw */
    run_time trend[SIDES][KINDS];         /* fastest pass: all queries of a kind */
    trend_result *out[SIDES];             /* the last pass, by query */
    checkpoint check[2];                  /* after N/4 and after N */
    char plan[2][1024];
    long moved;
    int disagreements;
    double run_seconds;
} results;

typedef struct sides {
    raw_side raw;
    lib_side lib;
} sides;

/* The units a kind's queries cover: departments spread over the
 * divisions, every division, the organisation (-1). */
static long query_unit(int kind, int i)
{
    if (kind == KIND_DEPT)
        return dept_unit((long)i * DEPTS_PER_DIV + i % DEPTS_PER_DIV);
    if (kind == KIND_DIVISION)
        return 1 + i;
    return -1;
}

static int query_index(int kind, int i)
{
    return kind == KIND_DEPT ? i : kind == KIND_DIVISION ? TRENDS_PER_KIND + i
                                                         : 2 * TRENDS_PER_KIND;
}
#define QUERIES (2 * TRENDS_PER_KIND + 1)

static void run_trend(sides *s, const workload *w, int side, long unit, trend_result *out)
{
    if (side == SIDE_PM)
        lib_trend(&s->lib, w, unit, out);
    else
        raw_trend(&s->raw, w, unit, side == SIDE_STRFTIME ? 0 : 1, out);
}

/* 1 when the raw months match perfmgmt's: equal n and people and means
 * within 1e-9 where perfmgmt shows the month; fewer than MIN_GROUP people
 * where it suppresses it. */
static int agree(const trend_result *pm, const trend_result *raw, const char *what, long unit)
{
    for (int i = 0; i < MONTHS; i++) {
        const trend_month *a = &pm->month[i], *b = &raw->month[i];
        int ok = a->suppressed ? b->people < MIN_GROUP
                               : a->n == b->n && a->people == b->people &&
                                     fabs(a->mean - b->mean) <= 1e-9;
        if (!ok) {
            printf("  << %s, unit #%ld, month %d: perfmgmt n %ld people %ld mean %.12f%s;"
                   " raw n %ld people %ld mean %.12f\n",
                   what, unit, i, a->n, a->people, a->mean, a->suppressed ? " (suppressed)" : "",
                   b->n, b->people, b->mean);
            return 0;
        }
    }
    return 1;
}

/* The memory one trend takes on each side, and whether they agree. */
static void take_checkpoint(checkpoint *c, results *res, sides *s, const workload *w,
                            long ingested)
{
    c->ingested = ingested;
    static const long units[2] = { -1, 1 };
    for (int q = 0; q < 2; q++) {
        trend_result out[SIDES];
        for (int side = 0; side < SIDES; side++) {
            lib_memory_reset_peak();
            size_t heap0 = lib_memory_live();
            sqlite3_int64 mark = sqlite_mark();
            run_trend(s, w, side, units[q], &out[side]);
            c->mem[q][side].sqlite = sqlite_rise(mark);
            c->mem[q][side].pm_heap = (double)(lib_memory_peak() - heap0);
        }
        if (q == 0)
            for (int i = 0; i < MONTHS; i++)
                c->pairs += out[SIDE_PM].month[i].people;
        for (int side = SIDE_STRFTIME; side < SIDES; side++)
            res->disagreements += !agree(&out[SIDE_PM], &out[side], side_label[side], units[q]);
    }
    c->rss = rss_now();
}

static void ingest(results *res, sides *s, const workload *w)
{
    long chunk = (w->measurements / CHUNKS + BATCH - 1) / BATCH * BATCH;
    meas_row *rows = malloc((size_t)chunk * sizeof *rows);
    if (rows == NULL)
        bench_die("chunk", "out of memory");
    meas_stream stream = { w->measurements, 0, 0x9E3779B97F4A7C15u };
    long done = 0, quarter = w->measurements / 4;
    int checked = 0;
    for (long c = 0;; c++) {
        long n = meas_stream_fill(&stream, w, rows, chunk);
        if (n == 0)
            break;
        /* The sides take turns going first, chunk by chunk. */
        for (int turn = 0; turn < 2; turn++) {
            int raw_now = (int)((c + (long)turn) % 2);
            stopwatch sw = watch_start();
            if (raw_now)
                raw_ingest(&s->raw, w, rows, n);
            else
                lib_ingest(&s->lib, rows, n);
            run_time t = watch_read(sw);
            res->ingest[raw_now].wall += t.wall;
            res->ingest[raw_now].cpu += t.cpu;
        }
        done += n;
        if (!checked && done >= quarter && done < w->measurements) {
            take_checkpoint(&res->check[0], res, s, w, done);
            checked = 1;
        }
    }
    free(rows);
}

static void trend_passes(results *res, sides *s, const workload *w)
{
    for (int side = 0; side < SIDES; side++) {
        res->out[side] = calloc(QUERIES, sizeof *res->out[side]);
        if (res->out[side] == NULL)
            bench_die("results", "out of memory");
    }
    for (int pass = 0; pass < PASSES; pass++)
        for (int turn = 0; turn < SIDES; turn++) {
            int side = (pass + turn) % SIDES; /* each side goes first once */
            for (int kind = 0; kind < KINDS; kind++) {
                stopwatch sw = watch_start();
                for (int i = 0; i < kind_count[kind]; i++)
                    run_trend(s, w, side, query_unit(kind, i),
                              &res->out[side][query_index(kind, i)]);
                run_time t = watch_read(sw);
                run_time *best = &res->trend[side][kind];
                if (pass == 0 || t.wall < best->wall)
                    best->wall = t.wall;
                if (pass == 0 || t.cpu < best->cpu)
                    best->cpu = t.cpu;
            }
        }
    for (int kind = 0; kind < KINDS; kind++)
        for (int i = 0; i < kind_count[kind]; i++) {
            int q = query_index(kind, i);
            for (int side = SIDE_STRFTIME; side < SIDES; side++)
                res->disagreements += !agree(&res->out[SIDE_PM][q], &res->out[side][q],
                                             side_label[side], query_unit(kind, i));
        }
}

static void run_benchmark(results *res, const workload *w)
{
    sides s;
    raw_open(&s.raw, bench_raw_path());
    lib_open(&s.lib, w);
    res->raw_setup = raw_build(&s.raw, w);
    res->pm_setup = lib_build(&s.lib, w);
    ingest(res, &s, w);
    take_checkpoint(&res->check[1], res, &s, w, w->measurements);
    trend_passes(res, &s, w);
    raw_plan(&s.raw, 0, res->plan[0], sizeof res->plan[0]);
    raw_plan(&s.raw, 1, res->plan[1], sizeof res->plan[1]);
    lib_close(&s.lib);
    raw_close(&s.raw);
}

/* ---- the report ---- */

static void print_ingest(const workload *w, const results *res)
{
    double n = (double)w->measurements;
    printf("ingest: %ld measurements in transactions of %ld, the sides taking turns chunk"
           " by chunk\n", w->measurements, BATCH);
    printf("  %-44s %10s %10s %12s %12s\n", "", "s wall", "s CPU", "us/insert", "inserts/s");
    static const char *const label[2] = { "perfmgmt pm_measurement_add (import)",
                                          "sqlite   checks + INSERT" };
    for (int i = 0; i < 2; i++) {
        const run_time *t = &res->ingest[i];
        printf("  %-44s %10.2f %10.2f %12.2f %12.0f\n", label[i], t->wall, t->cpu,
               t->cpu / n * 1e6, t->cpu > 0 ? n / t->cpu : 0.0);
    }
    printf("  (us/insert and inserts/s by CPU time)\n");
    printf("  pm/sqlite: %.2f by CPU time, %.2f by wall clock; target: within 1.25\n\n",
           res->ingest[1].cpu > 0 ? res->ingest[0].cpu / res->ingest[1].cpu : 0.0,
           res->ingest[1].wall > 0 ? res->ingest[0].wall / res->ingest[1].wall : 0.0);
}

static void print_trends(const results *res)
{
    printf("trend: monthly over %d months, ms per query, fastest of %d passes, the sides"
           " taking turns\n", MONTHS, PASSES);
    printf("  %-34s", "");
    for (int kind = 0; kind < KINDS; kind++)
        printf(" %24s", kind_label[kind]);
    printf("\n  %-34s", "");
    for (int kind = 0; kind < KINDS; kind++)
        printf(" %11s %12s", "wall", "CPU");
    printf("\n");
    for (int side = 0; side < SIDES; side++) {
        printf("  %-34s", side_label[side]);
        for (int kind = 0; kind < KINDS; kind++)
            printf(" %11.2f %12.2f", res->trend[side][kind].wall * 1e3 / kind_count[kind],
                   res->trend[side][kind].cpu * 1e3 / kind_count[kind]);
        printf("\n");
    }
    printf("  %-34s", "pm / best raw (CPU; wall)");
    for (int kind = 0; kind < KINDS; kind++) {
        double best_cpu = fmin(res->trend[SIDE_STRFTIME][kind].cpu,
                               res->trend[SIDE_CALENDAR][kind].cpu);
        double best_wall = fmin(res->trend[SIDE_STRFTIME][kind].wall,
                                res->trend[SIDE_CALENDAR][kind].wall);
        printf(" %11.2f %12.2f", best_cpu > 0 ? res->trend[SIDE_PM][kind].cpu / best_cpu : 0.0,
               best_wall > 0 ? res->trend[SIDE_PM][kind].wall / best_wall : 0.0);
    }
    printf("\n  target: perfmgmt faster than the best raw form (below 1)\n");
    printf("  plan, strftime form: %s\n", res->plan[0]);
    printf("  plan, calendar form: %s\n\n", res->plan[1]);
}

static void print_memory(const results *res)
{
    printf("memory one trend takes (perfmgmt's heap through its allocator hook; SQLite's"
           " memory, both connections; MiB above what each held before)\n");
    static const char *const what[2] = { "the organisation", "a division" };
    for (int c = 0; c < 2; c++) {
        const checkpoint *k = &res->check[c];
        if (k->ingested == 0)
            continue;
        printf("  after %ld measurements (process RSS %.1f MiB); the organisation's trend"
               " counts %ld (person, month) pairs\n", k->ingested, mib(k->rss), k->pairs);
        for (int q = 0; q < 2; q++) {
            const trend_memory *m = k->mem[q];
            printf("    %-17s perfmgmt heap %7.2f + SQLite %7.2f;  raw strftime: SQLite %7.2f;"
                   "  raw calendar: SQLite %7.2f\n",
                   what[q], mib(m[SIDE_PM].pm_heap), mib(m[SIDE_PM].sqlite),
                   mib(m[SIDE_STRFTIME].sqlite), mib(m[SIDE_CALENDAR].sqlite));
        }
    }
    printf("  perfmgmt's trend holds a sum and counts per month and, per person measured, a"
           " bitmap of their months: it grows with the people measured, not with the"
           " measurements\n\n");
}

static int print_report(const workload *w, const results *res)
{
    printf("\nbench_wellbeing: %ld pulse measurements (1-5) of %ld people, %s to 2025-12-31;"
           " %ld units (the top, %ld divisions of %ld departments), teams of %ld; %ld people"
           " move department on %s; SQLite %s, perfmgmt %s\n\n",
           w->measurements, w->people, "2024-01-01", (long)UNIT_COUNT, DIVISIONS, DEPTS_PER_DIV,
           FANOUT, res->moved, w->move_text, sqlite3_libversion(),
           pm_version(NULL, NULL, NULL));
    printf("setup (not compared): perfmgmt %.2f s through the API, raw %.2f s of INSERTs\n\n",
           res->pm_setup.seconds, res->raw_setup.seconds);
    print_ingest(w, res);
    print_trends(res);
    print_memory(res);
    printf("the sides %s (n, people and means of every month of every trend, to 1e-9)\n",
           res->disagreements == 0 ? "agree" : "DISAGREE");
    printf("the whole run took %.1f s\n", res->run_seconds);
    bench_print_peak_rss();
    return res->disagreements == 0;
}

/* ---- main ---- */

int main(int argc, char **argv)
{
    bench_start("bench_wellbeing"); /* names the messages; the directory goes at any exit */
    lib_count_memory();             /* before anything else of perfmgmt */
    static const bench_arg args[] = {
        { "N", "measurements", MIN_MEASUREMENTS, MAX_MEASUREMENTS, DEFAULT_MEASUREMENTS },
        { "P", "people", MIN_PEOPLE, MAX_PEOPLE, DEFAULT_PEOPLE },
    };
    long n[2];
    bench_parse_args(n, argc, argv, args, 2);
    double t0 = bench_now_seconds();
    workload w;
    workload_init(&w, n[0], n[1]);
    results res;
    memset(&res, 0, sizeof res);
    for (long i = 0; i < w.people; i++)
        res.moved += w.rows[i].moves_to >= 0;
    run_benchmark(&res, &w);
    res.run_seconds = bench_now_seconds() - t0;
    int ok = print_report(&w, &res);
    for (int side = 0; side < SIDES; side++)
        free(res.out[side]);
    free(w.rows);
    return ok ? 0 : 1;
}
