/*
 * bench_goal's parts (bench_goal.c: the workload, the run and the report;
 * bench_goal_raw.c: raw SQLite; bench_goal_pm.c: perfmgmt) and what they
 * share: the workload's shape and each side's entry points. The fixed clock,
 * the organisation's tables and its building are common to the benchmarks
 * (bench_sqlite.h, bench_pm.h).
 */
#ifndef PERFMGMT_BENCH_GOAL_H
#define PERFMGMT_BENCH_GOAL_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "perfmgmt.h"

#include "bench_pm.h"
#include "bench_sqlite.h"

/* The manager's part of the organisation: person 1, with TEAM_LEADS leads
 * (persons 2..6) who have TEAM_PER_LEAD reports each (persons 7..51). */
#define TEAM_MANAGER 1L
#define TEAM_LEADS 5L
#define TEAM_PER_LEAD 9L
#define TEAM_SIZE (TEAM_LEADS + TEAM_LEADS * TEAM_PER_LEAD) /* 50 */
#define TEAM_FIRST 2L
#define OTHERS_FIRST (TEAM_FIRST + TEAM_SIZE) /* 52: the rest of the organisation */
#define MIN_PEOPLE (OTHERS_FIRST + 1)
#define FANOUT 10L      /* reports per manager in the rest of the organisation */
#define DIVISIONS 20L   /* units under the top one, besides the team's */

#define TEXT_MAX 96

typedef struct person_row {
    char external_id[24];
    char display_name[TEXT_MAX];
    char name_key[TEXT_MAX];
    char email[TEXT_MAX];
    long manager; /* index of the manager, -1 for none */
    long unit;    /* index into the unit list */
} person_row;

/* One goal of the workload, with one key result and its updates. */
typedef struct goal_row {
    long owner; /* person index */
    char title[TEXT_MAX];
    char kr_title[TEXT_MAX];
    double baseline, target;
    int updated;        /* 0: no progress update at all (it goes stale) */
    double value1, value2; /* the two rounds of (b) */
} goal_row;

typedef struct dates {
    pm_date org_day, start, due, attention_day;
    pm_time created_at, round1_at, round2_at;
    char org_day_text[PM_DATE_BUFSIZE], start_text[PM_DATE_BUFSIZE], due_text[PM_DATE_BUFSIZE],
        attention_text[PM_DATE_BUFSIZE];
} dates;

typedef struct workload {
    long people;
    person_row *rows;
    bench_org_source org; /* rows and units, as both sides build them */
    long goals;
    goal_row *goal_rows;
    long updates; /* progress updates in (b), both rounds */
    dates d;
} workload;

/* Units: 0 "Org", 1 "Org/Team", 2.. "Org/D00".. */
#define UNIT_COUNT (2 + DIVISIONS)

/* ---- raw SQLite (bench_goal_raw.c) ---- */

typedef struct raw_db {
    sqlite3 *db;
    sqlite3_stmt *begin, *commit;
    sqlite3_stmt *ins_goal, *ins_kr, *activate, *ins_progress, *set_current;
    sqlite3_stmt *reports, *person, *goals_of, *krs_of, *kr_latest, *children_of,
        *goal_latest, *manual_latest;
    /* the checked writes' reads, and their audit rows */
    sqlite3_stmt *goal_state, *kr_goal_kind, *person_status, *ins_audit;
} raw_db;

/* What a caller gets back for each goal: the whole row, as a snapshot. */
typedef struct raw_goal {
    int64_t id, owner, unit, parent, source_checkin;
    char *title, *description;
    int kind, state, visibility;
    pm_date start, due;
    double weight;
    int64_t audit[4];
    const char *owner_key; /* borrowed from the report list */
    double progress, expected;
    pm_health health;
} raw_goal;

typedef struct raw_report {
    int64_t id;
    char name_key[TEXT_MAX];
    char display_name[TEXT_MAX];
} raw_report;

typedef struct raw_list {
    raw_goal *goals;
    size_t count, cap;
    raw_report *reports;
    size_t nreports, reports_cap;
} raw_list;

/* Creates the tables and prepares the statements; bench_sqlite_close()
 * finalizes them. The organisation: bench_sqlite_build_org(). */
void raw_open(raw_db *r, const char *path);
/* The writes of (a), (a') and (b). With checked, each comes after the reads
 * an application needs to make it correctly (what perfmgmt checks), and is
 * followed by the audit row perfmgmt writes for it: (a) the owner (a person
 * who has not left) and, for the key result, the goal's state (a draft);
 * (a') the goal's state, and that it may move to active; (b) the goal's
 * state (active), the key result's goal (this one) and kind (the value
 * range). The checked runs use a store of their own. */
bench_timing raw_create_goals(raw_db *r, const workload *w, const int64_t *person_ids,
                              int64_t *goal_ids, int64_t *kr_ids, int checked);
bench_timing raw_activate_goals(raw_db *r, const workload *w, const int64_t *goal_ids,
                                int checked);
double raw_progress_round(raw_db *r, const workload *w, const int64_t *goal_ids,
                          const int64_t *kr_ids, int round, int checked);
size_t raw_attention(raw_db *r, raw_list *list, int64_t manager, const dates *d);
void raw_list_clear(raw_list *list);

/* ---- perfmgmt (bench_goal_pm.c) ---- */

/* The store: bench_pm_open() on bench_clock. */
bench_timing lib_build_org(bench_pm_side *side, const workload *w, pm_id *person_ids);
bench_timing lib_create_goals(bench_pm_side *side, const workload *w, const pm_id *person_ids,
                             pm_id *goal_ids, pm_id *kr_ids);
bench_timing lib_activate_goals(bench_pm_side *side, const workload *w, const pm_id *goal_ids);
double lib_progress_round(bench_pm_side *side, const workload *w, const pm_id *goal_ids,
                         const pm_id *kr_ids, int round);
size_t lib_attention(pm_session *as_manager, pm_id manager, const dates *d);

#endif
