/*
 * bench_pm: what the benchmarks' perfmgmt sides share: opening the store
 * (on the fixed clock, with the deployment secret), checking a call,
 * sessions, dates, and importing the organisation of bench_sqlite.h
 * through the public API. Every failure ends the program with
 * "<program>: what: detail" (bench_die).
 */
#ifndef PERFMGMT_BENCH_PM_H
#define PERFMGMT_BENCH_PM_H

#include "perfmgmt.h"

#include "bench_sqlite.h"

/* The fixed clock both sides of bench_goal and bench_feedback read: the
 * perfmgmt store through pm_db_set_clock, the raw side for its audit fields. */
extern pm_time bench_clock;

typedef struct bench_pm_side {
    pm_db *db;
    pm_session *session; /* the system actor */
} bench_pm_side;

/* Opens the store at path; with clock, the store reads *clock as the time
 * (else the system's); with secret, the store is opened with it (anonymous
 * feedback needs one). */
void bench_pm_open(bench_pm_side *side, const char *path, pm_time *clock,
                   const char *secret);
void bench_pm_close(bench_pm_side *side);

/* Dies with what, the session's last error (s may be NULL) and the status
 * unless st is PM_OK. */
void bench_pm_check(pm_session *s, pm_status st, const char *what);
/* A session of person on the side's store; the caller frees it. */
pm_session *bench_pm_session(bench_pm_side *side, pm_id person);
pm_id bench_pm_person_id(pm_session *s, const char *external_id);
pm_date bench_pm_date(int year, int month, int day);

/* Imports the organisation with pm_import_csv() on org->day, from the CSV an
 * HRIS export would give (unit paths from the top unit down). Times the
 * import only; the ids are left to the caller (bench_pm_person_id). */
bench_timing bench_pm_import_org(bench_pm_side *side, const bench_org_source *org);

#endif
