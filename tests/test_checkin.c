/* Check-in series and meetings through the public API on every backend:
 * cadences, holding and scheduling, pause, resume, end, a reporting line
 * that ends and a series moved to the new manager, refusals that leave the
 * store as it was, and the statistics (days since, completion rates).
 * Entries are in test_checkin_entries.c, the pure rules in
 * test_checkin_rules.c. The fixture's today is 2026-06-15. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"

#define D(iso) pm_fixture_date(iso)
#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

/* boss <- manager <- report (and report2), all since 2026-01-01; other and
 * hr stand outside the line; hr is an HR admin. */
typedef struct team {
    pm_fixture *f;
    pm_id boss, manager, report, report2, other, hr;
    pm_session *as_boss, *as_manager, *as_report, *as_other, *as_hr;
} team;

static void set_manager(pm_fixture *f, pm_id who, pm_id manager, const char *iso)
{
    assert_ok(f->sys, pm_org_set_manager(f->sys, who, manager, D(iso)));
}

static team make_team(void **state)
{
    team t;
    memset(&t, 0, sizeof t);
    t.f = *state;
    t.boss = pm_fixture_person(t.f, "B", "Boss", 0, 0);
    t.manager = pm_fixture_person(t.f, "M", "Manager", 0, 0);
    t.report = pm_fixture_person(t.f, "R", "Report", 0, 0);
    t.report2 = pm_fixture_person(t.f, "R2", "Report Two", 0, 0);
    t.other = pm_fixture_person(t.f, "O", "Other", 0, 0);
    t.hr = pm_fixture_person(t.f, "H", "Human Resources", 0, 0);
    assert_ok(t.f->sys, pm_person_set_hr_admin(t.f->sys, t.hr, 1));
    set_manager(t.f, t.manager, t.boss, "2026-01-01");
    set_manager(t.f, t.report, t.manager, "2026-01-01");
    set_manager(t.f, t.report2, t.manager, "2026-01-01");
    t.as_boss = pm_fixture_session(t.f, t.boss);
    t.as_manager = pm_fixture_session(t.f, t.manager);
    t.as_report = pm_fixture_session(t.f, t.report);
    t.as_other = pm_fixture_session(t.f, t.other);
    t.as_hr = pm_fixture_session(t.f, t.hr);
    return t;
}

static void free_team(team *t)
{
    pm_session_free(t->as_boss);
    pm_session_free(t->as_manager);
    pm_session_free(t->as_report);
    pm_session_free(t->as_other);
    pm_session_free(t->as_hr);
}

static pm_checkin_series_opts weekly_opts(const team *t, pm_id report, const char *start,
                                          int interval)
{
    pm_checkin_series_opts o = PM_CHECKIN_SERIES_OPTS_INIT;
    o.manager = t->manager;
    o.report = report;
    o.interval = interval;
    o.start = D(start);
    return o;
}

static pm_id weekly_series(const team *t, pm_id report, const char *start, int interval)
{
    pm_checkin_series_opts o = weekly_opts(t, report, start, interval);
    pm_id id = 0;
    assert_ok(t->as_manager, pm_checkin_series_create(&id, t->as_manager, &o));
    assert_true(id > 0);
    return id;
}

/* The series' check-ins: ids, dates and states in date order (up to 16). */
typedef struct meetings {
    size_t n;
    pm_id id[16];
    pm_date date[16];
    pm_checkin_state state[16];
    int mood[16];
} meetings;

static meetings list_meetings(pm_session *s, pm_id series)
{
    meetings m;
    memset(&m, 0, sizeof m);
    pm_checkin_iter *it = NULL;
    assert_ok(s, pm_checkin_list(&it, s, series));
    pm_checkin *c = NULL;
    pm_status st;
    while ((st = pm_checkin_iter_next(&c, it)) == PM_OK && m.n < 16) {
        assert_int_equal(pm_checkin_series_of(c), series);
        m.id[m.n] = pm_checkin_id(c);
        m.date[m.n] = pm_checkin_date(c);
        m.state[m.n] = pm_checkin_state_get(c);
        m.mood[m.n] = pm_checkin_mood(c);
        m.n++;
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_checkin_iter_free(it);
    return m;
}

typedef struct series_view {
    pm_id manager, report;
    pm_series_state state;
    pm_date next_due, last_held, start;
    pm_cadence cadence;
    int interval, day;
} series_view;

static series_view view(pm_session *s, pm_id series)
{
    pm_checkin_series *x = NULL;
    assert_ok(s, pm_checkin_series_get(&x, s, series));
    series_view v = { pm_checkin_series_manager(x), pm_checkin_series_report(x),
                      pm_checkin_series_state(x), pm_checkin_series_next_due(x),
                      pm_checkin_series_last_held(x), pm_checkin_series_start(x),
                      pm_checkin_series_cadence(x), pm_checkin_series_interval(x),
                      pm_checkin_series_day(x) };
    assert_int_equal(pm_checkin_series_id(x), series);
    pm_checkin_series_free(x);
    return v;
}

static pm_id hold(pm_session *s, pm_id checkin, int mood)
{
    pm_id next = -1;
    assert_ok(s, pm_checkin_hold(&next, s, checkin, mood));
    return next;
}

static pm_date checkin_date(pm_session *s, pm_id checkin)
{
    pm_checkin *c = NULL;
    assert_ok(s, pm_checkin_get(&c, s, checkin));
    pm_date d = pm_checkin_date(c);
    pm_checkin_free(c);
    return d;
}

/* ---- creating and cadences ---- */

static void test_series_create_schedules_the_first_check_in_on_the_start(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-22", 1);
    series_view v = view(t.as_report, series);
    assert_int_equal(v.manager, t.manager);
    assert_int_equal(v.report, t.report);
    assert_int_equal(v.cadence, PM_CADENCE_WEEKLY);
    assert_int_equal(v.interval, 1);
    assert_int_equal(v.start, D("2026-06-22"));
    assert_int_equal(v.state, PM_SERIES_ACTIVE);
    assert_int_equal(v.next_due, D("2026-06-22"));
    assert_int_equal(v.last_held, PM_DATE_NONE);
    meetings m = list_meetings(t.as_manager, series);
    assert_int_equal(m.n, 1);
    assert_int_equal(m.date[0], D("2026-06-22"));
    assert_int_equal(m.state[0], PM_CHECKIN_SCHEDULED);
    free_team(&t);
}

static void test_hold_schedules_the_next_by_the_weekly_cadence(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-01", 1);
    meetings m = list_meetings(t.as_manager, series);
    pm_id next = hold(t.as_report, m.id[0], 4);
    assert_true(next > 0);
    assert_int_equal(checkin_date(t.as_manager, next), D("2026-06-08"));
    series_view v = view(t.as_manager, series);
    assert_int_equal(v.last_held, D("2026-06-01"));
    assert_int_equal(v.next_due, D("2026-06-08"));
    m = list_meetings(t.as_manager, series);
    assert_int_equal(m.n, 2);
    assert_int_equal(m.state[0], PM_CHECKIN_HELD);
    assert_int_equal(m.mood[0], 4);
    assert_int_equal(m.state[1], PM_CHECKIN_SCHEDULED);
    assert_int_equal(m.mood[1], PM_MOOD_NONE);
    free_team(&t);
}

static void test_every_two_weeks_counts_from_the_meeting_held(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-03", 2);
    meetings m = list_meetings(t.as_manager, series);
    pm_id next = hold(t.as_manager, m.id[0], PM_MOOD_NONE);
    assert_int_equal(checkin_date(t.as_manager, next), D("2026-06-17"));
    next = hold(t.as_manager, next, PM_MOOD_NONE);
    assert_int_equal(checkin_date(t.as_manager, next), D("2026-07-01"));
    m = list_meetings(t.as_manager, series);
    assert_int_equal(m.mood[0], PM_MOOD_NONE);
    free_team(&t);
}

static void test_monthly_on_the_31st_crosses_a_leap_february(void **state)
{
    team t = make_team(state);
    pm_checkin_series_opts o = weekly_opts(&t, t.report, "2028-01-31", 1);
    o.cadence = PM_CADENCE_MONTHLY; /* day 0: the start date's day, 31 */
    pm_id series = 0;
    assert_ok(t.as_manager, pm_checkin_series_create(&series, t.as_manager, &o));
    assert_int_equal(view(t.as_manager, series).day, 31);
    meetings m = list_meetings(t.as_manager, series);
    pm_id feb = hold(t.as_manager, m.id[0], PM_MOOD_NONE);
    assert_int_equal(checkin_date(t.as_manager, feb), D("2028-02-29"));
    pm_id mar = hold(t.as_manager, feb, PM_MOOD_NONE);
    assert_int_equal(checkin_date(t.as_manager, mar), D("2028-03-31"));
    pm_id apr = hold(t.as_manager, mar, PM_MOOD_NONE);
    assert_int_equal(checkin_date(t.as_manager, apr), D("2028-04-30"));
    free_team(&t);
}

static void test_monthly_on_the_31st_crosses_a_common_february(void **state)
{
    team t = make_team(state);
    pm_checkin_series_opts o = weekly_opts(&t, t.report, "2027-01-10", 1);
    o.cadence = PM_CADENCE_MONTHLY;
    o.day = 31;
    pm_id series = 0;
    assert_ok(t.as_manager, pm_checkin_series_create(&series, t.as_manager, &o));
    meetings m = list_meetings(t.as_manager, series);
    pm_id jan = hold(t.as_manager, m.id[0], PM_MOOD_NONE);
    assert_int_equal(checkin_date(t.as_manager, jan), D("2027-02-28"));
    pm_id mar = hold(t.as_manager, jan, PM_MOOD_NONE);
    assert_int_equal(checkin_date(t.as_manager, mar), D("2027-03-31"));
    free_team(&t);
}

static void test_hold_keeps_a_later_scheduled_check_in_as_the_next(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-01", 1);
    pm_id extra = 0;
    assert_ok(t.as_report, pm_checkin_schedule(&extra, t.as_report, series, D("2026-06-04")));
    meetings m = list_meetings(t.as_manager, series);
    assert_int_equal(m.n, 2);
    assert_int_equal(hold(t.as_manager, m.id[0], 3), extra);
    assert_int_equal(list_meetings(t.as_manager, series).n, 2);
    free_team(&t);
}

/* ---- pause, resume, end ---- */

static void test_pause_cancels_what_is_scheduled_and_resume_schedules_again(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-08", 1);
    meetings m = list_meetings(t.as_manager, series);
    pm_id next = hold(t.as_manager, m.id[0], PM_MOOD_NONE); /* 06-15 */
    assert_ok(t.as_report, pm_checkin_series_pause(t.as_report, series, D("2026-06-10")));
    series_view v = view(t.as_manager, series);
    assert_int_equal(v.state, PM_SERIES_PAUSED);
    assert_int_equal(v.next_due, PM_DATE_NONE);
    m = list_meetings(t.as_manager, series);
    assert_int_equal(m.id[1], next);
    assert_int_equal(m.state[1], PM_CHECKIN_CANCELLED);
    /* nothing can be scheduled while paused */
    char *before = pm_fixture_store_dump(t.f);
    assert_fails(t.as_manager, pm_checkin_schedule(NULL, t.as_manager, series, D("2026-06-20")),
                 PM_EINVAL, "is paused on 2026-06-20, not active");
    assert_fails(t.as_manager, pm_checkin_series_pause(t.as_manager, series, PM_DATE_NONE),
                 PM_EINVAL, "is paused on 2026-06-15, not active");
    pm_fixture_assert_store_is(t.f, before);
    assert_ok(t.as_manager, pm_checkin_series_resume(t.as_manager, series, D("2026-06-29")));
    v = view(t.as_manager, series);
    assert_int_equal(v.state, PM_SERIES_ACTIVE);
    assert_int_equal(v.next_due, D("2026-06-29"));
    before = pm_fixture_store_dump(t.f);
    assert_fails(t.as_manager, pm_checkin_series_resume(t.as_manager, series, PM_DATE_NONE),
                 PM_EINVAL, "is active on 2026-06-15, not paused");
    pm_fixture_assert_store_is(t.f, before);
    free_team(&t);
}

static void test_end_cancels_later_check_ins_and_frees_the_pair(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-08", 1);
    meetings m = list_meetings(t.as_manager, series);
    hold(t.as_manager, m.id[0], PM_MOOD_NONE); /* next: 06-15 */
    assert_ok(t.as_hr, pm_checkin_series_end(t.as_hr, series, D("2026-06-12")));
    series_view v = view(t.as_manager, series);
    assert_int_equal(v.state, PM_SERIES_ENDED);
    assert_int_equal(v.next_due, PM_DATE_NONE);
    m = list_meetings(t.as_manager, series);
    assert_int_equal(m.state[1], PM_CHECKIN_CANCELLED);
    char *before = pm_fixture_store_dump(t.f);
    assert_fails(t.as_manager, pm_checkin_series_end(t.as_manager, series, PM_DATE_NONE),
                 PM_EINVAL, "already ended");
    pm_fixture_assert_store_is(t.f, before);
    /* once ended, the pair may start again */
    weekly_series(&t, t.report, "2026-06-22", 1);
    free_team(&t);
}

/* ---- the reporting line ---- */

static void test_series_ends_with_the_reporting_line_and_moves_to_the_new_manager(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-01", 1);
    set_manager(t.f, t.report, t.other, "2026-06-10");
    series_view v = view(t.as_hr, series);
    assert_int_equal(v.state, PM_SERIES_ENDED);
    assert_int_equal(v.next_due, PM_DATE_NONE);
    char *before = pm_fixture_store_dump(t.f);
    /* the old manager is out of the line: not theirs to move */
    assert_fails(t.as_manager, pm_checkin_series_move(t.as_manager, series, t.other),
                 PM_EPERM, "may not start or take over a check-in series");
    /* the manager named must be the report's manager today */
    assert_fails(t.as_hr, pm_checkin_series_move(t.as_hr, series, t.boss), PM_EINVAL,
                 "does not report to person");
    assert_fails(t.as_hr, pm_checkin_series_move(t.as_hr, series, 999), PM_ENOTFOUND,
                 "checkin_series.manager: 999 does not exist");
    assert_fails(t.as_hr, pm_checkin_series_move(t.as_hr, 999, t.other), PM_ENOTFOUND,
                 "check-in series 999 does not exist");
    pm_fixture_assert_store_is(t.f, before);
    pm_session *as_new = pm_fixture_session(t.f, t.other);
    assert_ok(as_new, pm_checkin_series_move(as_new, series, t.other));
    v = view(as_new, series);
    assert_int_equal(v.manager, t.other);
    assert_int_equal(v.state, PM_SERIES_ACTIVE);
    assert_int_equal(v.next_due, D("2026-06-01"));
    /* the old manager no longer reads it */
    pm_checkin_series *x = NULL;
    assert_fails(t.as_manager, pm_checkin_series_get(&x, t.as_manager, series), PM_EPERM,
                 "may not read this check-in");
    assert_null(x);
    pm_session_free(as_new);
    free_team(&t);
}

/* ---- refusals ---- */

static void test_create_refuses_bad_input_and_leaves_the_store_unchanged(void **state)
{
    team t = make_team(state);
    weekly_series(&t, t.report, "2026-06-01", 1);
    char *before = pm_fixture_store_dump(t.f);
    pm_id id = 77;
    pm_checkin_series_opts o = weekly_opts(&t, t.other, "2026-06-01", 1);
    /* a check-in with someone not in that reporting line */
    assert_fails(t.as_manager, pm_checkin_series_create(&id, t.as_manager, &o), PM_EINVAL,
                 "does not report to person");
    assert_int_equal(id, 0);
    o = weekly_opts(&t, t.report2, "2025-12-01", 1);
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_EINVAL,
                 "checkin_series.report: person");
    o = weekly_opts(&t, t.report2, "2026-06-01", 0);
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_EINVAL,
                 "checkin_series.interval: 0 is not 1 to 12");
    o.interval = 13;
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_EINVAL,
                 "checkin_series.interval: 13 is not 1 to 12");
    o.interval = 1;
    o.cadence = PM_CADENCE_MONTHLY;
    o.day = 32;
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_EINVAL,
                 "checkin_series.day: 32");
    o.cadence = (pm_cadence)9;
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_EINVAL,
                 "checkin_series.cadence: 9");
    o = weekly_opts(&t, 999, "2026-06-01", 1);
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_ENOTFOUND,
                 "checkin_series.report: 999 does not exist");
    o = weekly_opts(&t, t.manager, "2026-06-01", 1);
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_EINVAL,
                 "cannot check in with themselves");
    o = weekly_opts(&t, t.report, "2026-06-20", 1);
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_ECONFLICT,
                 "already have check-in series");
    o = weekly_opts(&t, t.report2, "2026-06-01", 1);
    o.version = 7;
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, &o), PM_EVERSION,
                 "checkin_series_opts.version: 7");
    o = weekly_opts(&t, t.report2, "2026-06-01", 1);
    assert_fails(t.as_other, pm_checkin_series_create(NULL, t.as_other, &o), PM_EPERM,
                 "may not start or take over a check-in series");
    /* the report may pause or end their series, but not set one up */
    pm_checkin_series_opts own = weekly_opts(&t, t.report, "2026-06-20", 1);
    assert_fails(t.as_report, pm_checkin_series_create(NULL, t.as_report, &own), PM_EPERM,
                 "may not start or take over a check-in series");
    assert_fails(t.as_manager, pm_checkin_series_create(NULL, t.as_manager, NULL), PM_EINVAL,
                 "opts: must not be NULL");
    pm_fixture_assert_store_is(t.f, before);
    /* someone above the manager may start it, HR too */
    assert_ok(t.as_boss, pm_checkin_series_create(NULL, t.as_boss, &o));
    free_team(&t);
}

static void test_hold_refuses_bad_mood_cancelled_and_unknown_check_ins(void **state)
{
    team t = make_team(state);
    pm_id series = weekly_series(&t, t.report, "2026-06-01", 1);
    pm_id extra = 0;
    assert_ok(t.as_manager, pm_checkin_schedule(&extra, t.as_manager, series, D("2026-06-03")));
    assert_ok(t.as_manager, pm_checkin_set_state(t.as_manager, extra, PM_CHECKIN_CANCELLED));
    meetings m = list_meetings(t.as_manager, series);
    char *before = pm_fixture_store_dump(t.f);
    pm_id next = 5;
    assert_fails(t.as_manager, pm_checkin_hold(&next, t.as_manager, m.id[0], 0 + 6), PM_EINVAL,
                 "checkin.mood: 6 is not 1 to 5");
    assert_int_equal(next, 0);
    assert_fails(t.as_manager, pm_checkin_hold(NULL, t.as_manager, m.id[0], -1), PM_EINVAL,
                 "checkin.mood: -1");
    assert_fails(t.as_manager, pm_checkin_hold(NULL, t.as_manager, extra, 3), PM_EINVAL,
                 "is cancelled, not scheduled");
    assert_fails(t.as_manager, pm_checkin_hold(NULL, t.as_manager, 999, 3), PM_ENOTFOUND,
                 "checkin: check-in 999 does not exist");
    assert_fails(t.as_manager, pm_checkin_set_state(t.as_manager, extra, PM_CHECKIN_MISSED),
                 PM_EINVAL, "is cancelled, not scheduled");
    assert_fails(t.as_manager, pm_checkin_set_state(t.as_manager, m.id[0], PM_CHECKIN_HELD),
                 PM_EINVAL, "checkin.state: 2 is neither cancelled");
    /* HR reads but never writes into a meeting; outsiders do neither */
    assert_fails(t.as_hr, pm_checkin_hold(NULL, t.as_hr, m.id[0], 3), PM_EPERM,
                 "may not write into this check-in");
    assert_fails(t.f->sys, pm_checkin_hold(NULL, t.f->sys, m.id[0], 3), PM_EPERM,
                 "the system actor may not write into this check-in");
    assert_fails(t.as_boss, pm_checkin_schedule(NULL, t.as_boss, series, PM_DATE_NONE),
                 PM_EPERM, "may not write into this check-in");
    pm_checkin *c = NULL;
    assert_fails(t.as_other, pm_checkin_get(&c, t.as_other, m.id[0]), PM_EPERM,
                 "may not read this check-in");
    assert_fails(t.as_manager, pm_checkin_schedule(NULL, t.as_manager, 999, PM_DATE_NONE),
                 PM_ENOTFOUND, "check-in series 999 does not exist");
    pm_fixture_assert_store_is(t.f, before);
    assert_ok(t.as_hr, pm_checkin_get(&c, t.as_hr, m.id[0]));
    pm_checkin_free(c);
    free_team(&t);
}

/* ---- lists and statistics ---- */

static void test_series_list_sorts_by_next_due_and_filters_overdue(void **state)
{
    team t = make_team(state);
    pm_id later = weekly_series(&t, t.report, "2026-06-20", 1);
    pm_id overdue = weekly_series(&t, t.report2, "2026-06-10", 1);
    pm_checkin_series_iter *it = NULL;
    pm_checkin_series *x = NULL;
    assert_ok(t.as_boss, pm_checkin_series_list(&it, t.as_boss, t.manager, 0));
    assert_ok(t.as_boss, pm_checkin_series_iter_next(&x, it));
    assert_int_equal(pm_checkin_series_id(x), overdue);
    assert_ok(t.as_boss, pm_checkin_series_iter_next(&x, it));
    assert_int_equal(pm_checkin_series_id(x), later);
    assert_int_equal(pm_checkin_series_iter_next(&x, it), PM_ITEROVER);
    pm_checkin_series_iter_free(it);
    /* a report does not see their manager's other series */
    assert_fails(t.as_report, pm_checkin_series_list(&it, t.as_report, t.manager, 0), PM_EPERM,
                 "may not see this person's check-in record");
    assert_null(it);
    assert_ok(t.as_manager, pm_checkin_series_list(&it, t.as_manager, t.manager,
                                                   PM_CHECKIN_SERIES_OVERDUE));
    assert_ok(t.as_manager, pm_checkin_series_iter_next(&x, it));
    assert_int_equal(pm_checkin_series_id(x), overdue);
    assert_int_equal(pm_checkin_series_iter_next(&x, it), PM_ITEROVER);
    pm_checkin_series_iter_free(it);
    assert_fails(t.as_manager, pm_checkin_series_list(&it, t.as_manager, t.manager, 0x8),
                 PM_EINVAL, "flags: 0x8");
    assert_fails(t.as_other, pm_checkin_series_list(&it, t.as_other, t.manager, 0), PM_EPERM,
                 "may not see this person's check-in record");
    free_team(&t);
}

/* report's series: 05-04 held, 05-11 missed, 05-18 held, 05-25 cancelled,
 * 06-01 still scheduled (passed); report2's: 05-06 held, 05-13 scheduled by
 * it and passed. */
static void make_history(team *t, pm_id *series, pm_id *series2)
{
    *series = weekly_series(t, t->report, "2026-05-04", 1);
    meetings m = list_meetings(t->as_manager, *series);
    pm_id next = hold(t->as_manager, m.id[0], 4);
    assert_ok(t->as_manager, pm_checkin_set_state(t->as_manager, next, PM_CHECKIN_MISSED));
    pm_id id = 0;
    assert_ok(t->as_manager, pm_checkin_schedule(&id, t->as_manager, *series, D("2026-05-18")));
    next = hold(t->as_manager, id, 2);
    assert_ok(t->as_manager, pm_checkin_set_state(t->as_manager, next, PM_CHECKIN_CANCELLED));
    assert_ok(t->as_manager, pm_checkin_schedule(&id, t->as_manager, *series, D("2026-06-01")));
    *series2 = weekly_series(t, t->report2, "2026-05-06", 1);
    m = list_meetings(t->as_manager, *series2);
    hold(t->as_manager, m.id[0], PM_MOOD_NONE);
}

static void test_days_since_counts_from_the_last_held_check_in(void **state)
{
    team t = make_team(state);
    pm_id series, series2;
    make_history(&t, &series, &series2);
    int days = 0;
    assert_ok(t.as_report, pm_checkin_days_since(&days, t.as_report, t.report, PM_DATE_NONE));
    assert_int_equal(days, 28);
    assert_ok(t.as_boss, pm_checkin_days_since(&days, t.as_boss, t.report, D("2026-05-10")));
    assert_int_equal(days, 6);
    assert_ok(t.as_manager, pm_checkin_days_since(&days, t.as_manager, t.manager,
                                                  PM_DATE_NONE));
    assert_int_equal(days, 28);
    assert_ok(t.as_hr, pm_checkin_days_since(&days, t.as_hr, t.other, PM_DATE_NONE));
    assert_int_equal(days, -1);
    assert_ok(t.as_hr, pm_checkin_days_since(&days, t.as_hr, t.report, D("2026-05-03")));
    assert_int_equal(days, -1);
    assert_fails(t.as_other, pm_checkin_days_since(&days, t.as_other, t.report, PM_DATE_NONE),
                 PM_EPERM, "may not see this person's check-in record");
    assert_fails(t.as_hr, pm_checkin_days_since(&days, t.as_hr, 999, PM_DATE_NONE),
                 PM_ENOTFOUND, "person: 999 does not exist");
    assert_int_equal(view(t.as_manager, series).last_held, D("2026-05-18"));
    free_team(&t);
}

static void test_rate_per_manager_counts_held_missed_and_passed_scheduled(void **state)
{
    team t = make_team(state);
    pm_id series, series2;
    make_history(&t, &series, &series2);
    pm_checkin_rate r = PM_CHECKIN_RATE_INIT;
    assert_ok(t.as_manager, pm_checkin_rate_manager(&r, t.as_manager, t.manager,
                                                    D("2026-05-01"), D("2026-06-14")));
    /* report: 2 held of 4 due (cancelled not counted); report2: 1 of 2 */
    assert_int_equal(r.due, 6);
    assert_int_equal(r.held, 3);
    assert_float_equal(r.rate, 0.5, 1e-12);
    assert_ok(t.as_boss, pm_checkin_rate_manager(&r, t.as_boss, t.manager, D("2026-05-10"),
                                                 D("2026-05-20")));
    assert_int_equal(r.due, 3); /* 05-11 missed, 05-13 passed, 05-18 held */
    assert_int_equal(r.held, 1);
    /* a period with nothing due */
    assert_ok(t.as_hr, pm_checkin_rate_manager(&r, t.as_hr, t.manager, D("2026-01-01"),
                                               D("2026-01-31")));
    assert_int_equal(r.due, 0);
    assert_float_equal(r.rate, 0.0, 0.0);
    assert_fails(t.as_hr, pm_checkin_rate_manager(&r, t.as_hr, t.manager, D("2026-02-01"),
                                                  D("2026-01-31")), PM_EINVAL,
                 "to: 2026-01-31 is before from (2026-02-01)");
    assert_fails(t.as_report, pm_checkin_rate_manager(&r, t.as_report, t.manager,
                                                      D("2026-05-01"), D("2026-06-14")),
                 PM_EPERM, "may not see this person's check-in record");
    r.version = 9;
    assert_fails(t.as_hr, pm_checkin_rate_manager(&r, t.as_hr, t.manager, D("2026-05-01"),
                                                  D("2026-06-14")), PM_EVERSION,
                 "checkin_rate.version: 9");
    free_team(&t);
}

static void test_rate_per_unit_takes_reports_in_the_unit_and_below(void **state)
{
    team t = make_team(state);
    pm_id top = pm_fixture_unit(t.f, "Engineering", 0);
    pm_id sub = pm_fixture_unit(t.f, "Platform", top);
    pm_id sales = pm_fixture_unit(t.f, "Sales", 0);
    assert_ok(t.f->sys, pm_org_set_unit(t.f->sys, t.report, sub, D("2026-01-01")));
    assert_ok(t.f->sys, pm_org_set_unit(t.f->sys, t.report2, sales, D("2026-01-01")));
    pm_id series, series2;
    make_history(&t, &series, &series2);
    pm_checkin_rate r = PM_CHECKIN_RATE_INIT;
    assert_ok(t.as_hr, pm_checkin_rate_unit(&r, t.as_hr, top, D("2026-05-01"),
                                            D("2026-06-14")));
    assert_int_equal(r.due, 4);
    assert_int_equal(r.held, 2);
    assert_float_equal(r.rate, 0.5, 1e-12);
    assert_ok(t.f->sys, pm_checkin_rate_unit(&r, t.f->sys, sales, D("2026-05-01"),
                                             D("2026-06-14")));
    assert_int_equal(r.due, 2);
    assert_int_equal(r.held, 1);
    assert_fails(t.as_boss, pm_checkin_rate_unit(&r, t.as_boss, top, D("2026-05-01"),
                                                 D("2026-06-14")), PM_EPERM,
                 "HR admins and the system only");
    assert_fails(t.as_hr, pm_checkin_rate_unit(&r, t.as_hr, 999, D("2026-05-01"),
                                               D("2026-06-14")), PM_ENOTFOUND, "unit");
    free_team(&t);
}

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_series_create_schedules_the_first_check_in_on_the_start),
        T(test_hold_schedules_the_next_by_the_weekly_cadence),
        T(test_every_two_weeks_counts_from_the_meeting_held),
        T(test_monthly_on_the_31st_crosses_a_leap_february),
        T(test_monthly_on_the_31st_crosses_a_common_february),
        T(test_hold_keeps_a_later_scheduled_check_in_as_the_next),
        T(test_pause_cancels_what_is_scheduled_and_resume_schedules_again),
        T(test_end_cancels_later_check_ins_and_frees_the_pair),
        T(test_series_ends_with_the_reporting_line_and_moves_to_the_new_manager),
        T(test_create_refuses_bad_input_and_leaves_the_store_unchanged),
        T(test_hold_refuses_bad_mood_cancelled_and_unknown_check_ins),
        T(test_series_list_sorts_by_next_due_and_filters_overdue),
        T(test_days_since_counts_from_the_last_held_check_in),
        T(test_rate_per_manager_counts_held_missed_and_passed_scheduled),
        T(test_rate_per_unit_takes_reports_in_the_unit_and_below),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
