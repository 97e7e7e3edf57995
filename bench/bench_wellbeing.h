/*
 * bench_wellbeing's parts (bench_wellbeing.c: the workload, the run and the
 * report; bench_wellbeing_raw.c: raw SQLite; bench_wellbeing_pm.c:
 * perfmgmt) and what they share: the organisation's shape, the stream of
 * pulse measurements (generated a chunk at a time, so the workload's memory
 * does not grow with it), the trends both sides compute, and each side's
 * entry points. The organisation's tables and building, timing and the
 * fixed clock are common to the benchmarks (bench_sqlite.h, bench_pm.h).
 */
#ifndef PERFMGMT_BENCH_WELLBEING_H
#define PERFMGMT_BENCH_WELLBEING_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "perfmgmt.h"

#include "bench_pm.h"
#include "bench_sqlite.h"

/* Units: 0 "Org"; 1..DIVISIONS "Dnn" below it (the second level); then
 * DEPTS_PER_DIV departments "Dnn-mm" below each division. Division heads
 * report to person 0, department heads to their division's head; everyone
 * else works in a department, in teams of FANOUT under the department's
 * head (a complete FANOUT-ary tree inside each department). */
#define DIVISIONS 20L
#define DEPTS_PER_DIV 15L
#define DEPARTMENTS (DIVISIONS * DEPTS_PER_DIV)
#define UNIT_COUNT (1 + DIVISIONS + DEPARTMENTS) /* 321 */
#define HEADS UNIT_COUNT /* people 0..HEADS-1 head the units */
#define FANOUT 8L

#define PULSE_MIN 1
#define PULSE_MAX 5
#define MONTHS 24          /* the trend window: two calendar years */
#define TRENDS_PER_KIND 20 /* divisions and departments sampled */

#define TEXT_MAX 64

typedef struct person_row {
    char external_id[24];
    char display_name[TEXT_MAX];
    char name_key[TEXT_MAX];
    char email[48];
    long manager;   /* index, -1 for none */
    long unit;      /* the unit on the org day */
    long moves_to;  /* the department from the move day, -1 when they stay */
} person_row;

/* One pulse measurement: person (an index), value (1-5), time. */
typedef struct meas_row {
    int32_t person;
    int32_t value;
    pm_time at;
} meas_row;

/* The stream, a chunk at a time: the same seed gives both sides the same
 * measurements; times grow through the two years. */
typedef struct meas_stream {
    long total, next;  /* measurements in all, and the next one's number */
    uint64_t seed;
} meas_stream;

typedef struct workload {
    long people;
    person_row *rows;
    bench_org_source org;
    long measurements;
    pm_date org_day, move_day, from, to;  /* from..to: the two years */
    char org_text[PM_DATE_BUFSIZE], move_text[PM_DATE_BUFSIZE];
    pm_time now;    /* the clock: the day after the two years */
    int64_t first_month;  /* year * 12 + month - 1 of from: pm's period key */
} workload;

/* Fills rows[0..count) with the stream's next measurements; returns how
 * many (0 at the end). */
long meas_stream_fill(meas_stream *m, const workload *w, meas_row *rows, long count);

/* A trend as either side computed it: per month, measurements, distinct
 * people and the mean (perfmgmt: suppressed months have people 0 and
 * suppressed 1). */
typedef struct trend_month {
    long n, people;
    double mean;
    int suppressed;
} trend_month;

typedef struct trend_result {
    trend_month month[MONTHS];
} trend_result;

/* ---- raw SQLite (bench_wellbeing_raw.c) ---- */

typedef struct raw_side {
    sqlite3 *db;
    sqlite3_stmt *begin, *commit, *ins;
    sqlite3_stmt *person_status, *metric_scale, *unit_on; /* the checks of a write */
    sqlite3_stmt *by_strftime, *by_calendar;               /* the trend */
    int64_t metric;
    int64_t *person_ids; /* by person index */
    int64_t *unit_ids;   /* by unit index */
} raw_side;

/* Creates the tables (the organisation's, metric, measurement as
 * src/core/schema.c declares them, and a calendar of months) and prepares
 * the statements; raw_close() finalizes them. */
void raw_open(raw_side *r, const char *path);
void raw_close(raw_side *r);
/* The organisation (bench_sqlite_build_org), the moves, the metric and the
 * calendar. Timed, not compared. */
bench_timing raw_build(raw_side *r, const workload *w);
/* Inserts rows in transactions of BATCH, each after the checks a careful
 * application makes. */
void raw_ingest(raw_side *r, const workload *w, const meas_row *rows, long count);
/* The monthly trend of unit (an index; -1 for the whole organisation):
 * form 0 GROUP BY strftime month, form 1 GROUP BY calendar month. */
void raw_trend(raw_side *r, const workload *w, long unit, int form, trend_result *out);
/* EXPLAIN QUERY PLAN of a form, one line per step, into buf. */
void raw_plan(raw_side *r, int form, char *buf, size_t size);

/* ---- perfmgmt (bench_wellbeing_pm.c) ---- */

typedef struct lib_side {
    bench_pm_side side;
    pm_id metric;
    pm_id *person_ids;
    pm_id *unit_ids;
} lib_side;

/* Counts the bytes perfmgmt allocates (pm_allocator_set); call before
 * anything else of perfmgmt. */
void lib_count_memory(void);
/* Resets the high-water mark of perfmgmt's heap to what is live now. */
void lib_memory_reset_peak(void);
/* Bytes perfmgmt holds now, and the most since the last reset. */
size_t lib_memory_live(void);
size_t lib_memory_peak(void);

/* Opens the store on bench_clock (w->now). */
void lib_open(lib_side *l, const workload *w);
void lib_close(lib_side *l);
/* Imports the organisation, moves people, creates the pulse metric. */
bench_timing lib_build(lib_side *l, const workload *w);
/* pm_measurement_add (source import, the system session) in batches of
 * BATCH grouped by pm_session_begin/commit. */
void lib_ingest(lib_side *l, const meas_row *rows, long count);
/* pm_trend_get monthly over the two years for unit (-1: the organisation). */
void lib_trend(lib_side *l, const workload *w, long unit, trend_result *out);

#define BATCH 1000L

#endif
