/*
 * bench_gap's parts (bench_gap.c: the workload, the run and the report;
 * bench_gap_raw.c: raw SQLite; bench_gap_pm.c: perfmgmt) and what they
 * share: the workload's shape, the numbers both sides compute, and each
 * side's entry points. The organisation's tables and building, timing and
 * the fixed clock are common to the benchmarks (bench_sqlite.h, bench_pm.h).
 */
#ifndef PERFMGMT_BENCH_GAP_H
#define PERFMGMT_BENCH_GAP_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "perfmgmt.h"

#include "bench_pm.h"
#include "bench_sqlite.h"

/* Units: 0 "Org"; 1 "Dept" below it, the unit summarised; 2 "Other" below
 * Org; 3.. "T0".."T4" below Dept, where everyone works. */
#define UNIT_ORG 0L
#define UNIT_DEPT 1L
#define UNIT_OTHER 2L
#define UNIT_FIRST_TEAM 3L
#define TEAMS 5L
#define UNIT_COUNT (UNIT_FIRST_TEAM + TEAMS)
#define FANOUT 10L   /* reports per manager: person i reports to (i - 1) / FANOUT */

#define SCALE_MIN 1
#define SCALE_MAX 5
#define REQ_MIN 15   /* competencies a role requires: REQ_MIN to REQ_MAX */
#define REQ_MAX 25

#define TEXT_MAX 96

typedef struct person_row {
    char external_id[24];
    char display_name[TEXT_MAX];
    char name_key[TEXT_MAX];
    char email[TEXT_MAX];
    long manager;   /* index, -1 for none */
    long unit;      /* the unit on the org day */
    long moves_to;  /* the unit from the change day, -1 when they stay */
    int role;       /* index of the role held from the org day */
    int new_role;   /* the role from the change day, -1 when it stays */
} person_row;

typedef struct role_row {
    char name[32];
    int count;                 /* requirements */
    int competency[REQ_MAX];   /* competency indexes, ascending */
    int level[REQ_MAX];
} role_row;

/* One assessment: of person, in competency (an index), by source. */
typedef struct assess_row {
    int32_t person;
    int16_t competency;
    int8_t level;
    int8_t source;   /* PM_ASSESSED_BY_SELF or _MANAGER */
    pm_date on;
} assess_row;

typedef struct dates {
    pm_date org_day, change_day, compare, today;
    char org_text[PM_DATE_BUFSIZE], change_text[PM_DATE_BUFSIZE],
        compare_text[PM_DATE_BUFSIZE], today_text[PM_DATE_BUFSIZE];
} dates;

typedef struct workload {
    long people;
    person_row *rows;
    bench_org_source org;
    int competencies;
    int roles;
    role_row *role_rows;
    long assessments;
    assess_row *assess;   /* by person */
    dates d;
} workload;

/* What either side computed for one competency: the numbers of
 * pm_gap_summary on the day ([0]) and the compare day ([1]). */
typedef struct gap_numbers {
    int64_t competency;
    int people[2], assessed[2], below[2];
    double mean_gap[2];
} gap_numbers;

typedef struct gap_result {
    gap_numbers *items;   /* by competency id */
    size_t count, cap;
} gap_result;

/* Appends an empty row for competency; the pointer is valid until the next call. */
gap_numbers *gap_result_add(gap_result *r, int64_t competency);

/* ---- raw SQLite (bench_gap_raw.c) ---- */

typedef struct raw_db {
    sqlite3 *db;
    sqlite3_stmt *by_subquery;  /* the summary, latest level by a correlated subquery */
    sqlite3_stmt *by_window;    /* the same, by ROW_NUMBER() over a join */
    int64_t dept;               /* the unit summarised */
} raw_db;

/* Creates the tables and prepares the statements; bench_sqlite_close()
 * finalizes them. */
void raw_open(raw_db *r, const char *path);
/* The organisation (bench_sqlite_build_org), then the moves, the framework,
 * the role assignments and the assessments in one transaction. */
bench_timing raw_build(raw_db *r, const workload *w);
/* One run of the summary query: window 0 the subquery form, 1 the window
 * form. */
void raw_gap_unit(raw_db *r, const workload *w, int window, gap_result *out);

/* ---- perfmgmt (bench_gap_pm.c) ---- */

typedef struct lib_ids {
    pm_id *people;
    pm_id *units;
    pm_id *competencies;
    pm_id *roles;
} lib_ids;

/* Imports the organisation, then moves, framework, roles and assessments
 * through the public API in batches; the store is bench_pm_open()'d on
 * bench_clock, which it sets to today. */
bench_timing lib_build(bench_pm_side *side, const workload *w, lib_ids *ids);
/* One run of pm_gap_unit(Dept, on today, compare) drained into out. */
void lib_gap_unit(bench_pm_side *side, const workload *w, const lib_ids *ids, gap_result *out);

#endif
