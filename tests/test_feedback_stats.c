/* Feedback-culture numbers through the public API, on every backend: a
 * person's and a unit's counts by direction and kind for a period,
 * anonymous feedback counted as received but never as given, people
 * without feedback in the quiet window, request response rates and exact
 * median response times (odd and even counts) under a controlled clock,
 * suppression of small groups, the whole organisation, and the refusals.
 *
 * The organisation (every line from 2026-01-01):
 *   Company: boss; mgr, peer, hr (HR admin), leaver report to boss
 *     Team (below Company): r1..r5 report to mgr; gone reports to mgr
 *       Squad (below Team): s1, s2 report to mgr
 *   nounit: in no unit, reports to nobody
 * gone leaves on 2026-05-10 and leaver on 2026-06-10. Expected numbers are
 * worked out by hand beside each assertion. */
#define _POSIX_C_SOURCE 200809L
#include "fixture.h"
#include "checks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T(s) cmocka_unit_test_setup_teardown(s, stats_setup, pm_fixture_teardown)
#define D(iso) pm_fixture_date(iso)

/* cmocka compares floats only as float; these are doubles, often exact. */
#define assert_double_equal(a, b, tolerance)                                         \
    do {                                                                             \
        double a_ = (a), b_ = (b);                                                   \
        if (!(fabs(a_ - b_) <= (tolerance)))                                         \
            fail_msg("%.17g != %.17g (tolerance %g)", a_, b_, (double)(tolerance)); \
    } while (0)

/* ---- a fixture whose store has a secret, so both backends take anonymous feedback ---- */

static const char secret[] = "stats-test-secret-0123456789abcdef";

static pm_time fixture_clock(void *payload)
{
    return ((pm_fixture *)payload)->now;
}

static pm_status open_store(pm_fixture *f)
{
    pm_db_opts o = PM_DB_OPTS_INIT;
    o.secret = secret;
    o.secret_len = sizeof secret - 1;
    return pm_fixture_open_store_opts(&f->db, f->path, &o);
}

/* As pm_fixture_setup(), with a secret; pm_fixture_teardown() undoes it. */
static int stats_setup(void **state)
{
    pm_fixture *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    f->now = PM_FIXTURE_NOW;
    if (open_store(f) != PM_OK) {
        pm_fixture_remove_file(f->path);
        free(f);
        return -1;
    }
    pm_db_set_clock(f->db, fixture_clock, f);
    if (pm_session_open_system(&f->sys, f->db) != PM_OK) {
        pm_db_close(f->db);
        pm_fixture_remove_file(f->path);
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

/* ---- the organisation ---- */

typedef struct org {
    pm_fixture *f;
    pm_id company, team, squad;
    pm_id boss, mgr, peer, hr, leaver, nounit, gone;
    pm_id r[6]; /* r[1]..r[5] */
    pm_id s1, s2;
} org;

static pm_time at(const char *iso)
{
    pm_time t = 0;
    if (pm_time_parse(&t, iso) != PM_OK)
        fail_msg("bad time %s", iso);
    return t;
}

static pm_id person(org *o, const char *ext, pm_id manager, pm_id unit, int hr_admin)
{
    pm_person_opts p = PM_PERSON_OPTS_INIT;
    p.external_id = ext;
    p.display_name = ext;
    p.manager = manager;
    p.unit = unit;
    p.hr_admin = hr_admin;
    pm_id id = 0;
    if (pm_person_create(&id, o->f->sys, &p) != PM_OK)
        fail_msg("creating %s: %s", ext, pm_session_errmsg(o->f->sys));
    return id;
}

static void make_org(org *o, pm_fixture *f)
{
    memset(o, 0, sizeof *o);
    o->f = f;
    f->now = at("2026-01-01T09:00:00Z"); /* lines start today: 2026-01-01 */
    o->company = pm_fixture_unit(f, "Company", 0);
    o->team = pm_fixture_unit(f, "Team", o->company);
    o->squad = pm_fixture_unit(f, "Squad", o->team);
    o->boss = person(o, "boss", 0, o->company, 0);
    o->mgr = person(o, "mgr", o->boss, o->company, 0);
    o->peer = person(o, "peer", o->boss, o->company, 0);
    o->hr = person(o, "hr", o->boss, o->company, 1);
    o->leaver = person(o, "leaver", o->boss, o->company, 0);
    char ext[8];
    for (int i = 1; i <= 5; i++) {
        snprintf(ext, sizeof ext, "r%d", i);
        o->r[i] = person(o, ext, o->mgr, o->team, 0);
    }
    o->gone = person(o, "gone", o->mgr, o->team, 0);
    o->s1 = person(o, "s1", o->mgr, o->squad, 0);
    o->s2 = person(o, "s2", o->mgr, o->squad, 0);
    o->nounit = person(o, "nounit", 0, 0, 0);
    f->now = PM_FIXTURE_NOW;
}

static void give(org *o, pm_id giver, pm_id receiver, pm_feedback_kind kind, const char *when,
                 int anonymous)
{
    pm_session *s = pm_fixture_session(o->f, giver);
    pm_feedback_opts fo = PM_FEEDBACK_OPTS_INIT;
    fo.receiver = receiver;
    fo.kind = kind;
    fo.text = "Feedback for the numbers";
    fo.anonymous = anonymous;
    fo.at = at(when);
    assert_ok(s, pm_feedback_give(NULL, s, &fo));
    pm_session_free(s);
}

static void leave(org *o, pm_id who, const char *day)
{
    assert_ok(o->f->sys, pm_person_set_left(o->f->sys, who, D(day)));
}

/* A request by requester about themselves, made at `when`. */
static pm_id ask(org *o, pm_id requester, const pm_id *addressees, size_t n, int expires_days,
                 const char *when)
{
    o->f->now = at(when);
    pm_session *s = pm_fixture_session(o->f, requester);
    pm_feedback_request_opts ro = PM_FEEDBACK_REQUEST_OPTS_INIT;
    ro.topic = "How did it go?";
    ro.addressees = addressees;
    ro.naddressees = n;
    ro.expires_days = expires_days;
    pm_id id = 0;
    assert_ok(s, pm_feedback_request_create(&id, s, &ro));
    pm_session_free(s);
    return id;
}

static pm_id ask_one(org *o, pm_id requester, pm_id addressee, int expires_days, const char *when)
{
    return ask(o, requester, &addressee, 1, expires_days, when);
}

static void respond(org *o, pm_id addressee, pm_id request, const char *when)
{
    o->f->now = at(when);
    pm_session *s = pm_fixture_session(o->f, addressee);
    pm_feedback_opts fo = PM_FEEDBACK_OPTS_INIT;
    fo.kind = PM_FEEDBACK_PRAISE;
    fo.text = "Here you are";
    assert_ok(s, pm_feedback_request_respond(NULL, s, request, &fo));
    pm_session_free(s);
}

static void decline(org *o, pm_id addressee, pm_id request, const char *when)
{
    o->f->now = at(when);
    pm_session *s = pm_fixture_session(o->f, addressee);
    assert_ok(s, pm_feedback_request_decline(s, request));
    pm_session_free(s);
}

static pm_feedback_stats_opts period(const char *from, const char *to, int quiet_days,
                                     int min_group)
{
    pm_feedback_stats_opts so = PM_FEEDBACK_STATS_OPTS_INIT;
    so.from = D(from);
    so.to = D(to);
    so.quiet_days = quiet_days;
    so.min_group = min_group;
    return so;
}

static pm_feedback_stats of_person(pm_session *s, pm_id who, const pm_feedback_stats_opts *so)
{
    pm_feedback_stats st = PM_FEEDBACK_STATS_INIT;
    memset(&st, 0x5a, sizeof st); /* every field must be written */
    st.version = PM_FEEDBACK_STATS_VERSION;
    assert_ok(s, pm_feedback_stats_person(&st, s, who, so));
    return st;
}

static pm_feedback_stats of_unit(pm_session *s, pm_id unit, const pm_feedback_stats_opts *so)
{
    pm_feedback_stats st = PM_FEEDBACK_STATS_INIT;
    memset(&st, 0x5a, sizeof st);
    st.version = PM_FEEDBACK_STATS_VERSION;
    assert_ok(s, pm_feedback_stats_unit(&st, s, unit, so));
    return st;
}

/* Slots 1..n-1 of a by-direction or by-kind array, slot 0 always 0. */
static void assert_slots(const int *slots, int n, const int *expected)
{
    assert_int_equal(slots[0], 0);
    for (int i = 1; i < n; i++)
        if (slots[i] != expected[i])
            fail_msg("slot %d: %d, expected %d", i, slots[i], expected[i]);
}

#define DIRS(down, up, peer, self, other, undisclosed) \
    ((const int[]){ 0, down, up, peer, self, other, undisclosed })
#define KINDS(praise, constructive, suggestion) ((const int[]){ 0, praise, constructive, suggestion })

/* The feedback of the unit tests (F1..F10 in the comments). */
static void give_may_feedback(org *o)
{
    give(o, o->mgr, o->r[1], PM_FEEDBACK_PRAISE, "2026-05-02T10:00:00Z", 0);       /* F1 down */
    give(o, o->r[1], o->r[2], PM_FEEDBACK_PRAISE, "2026-05-03T10:00:00Z", 0);      /* F2 peer */
    give(o, o->r[2], o->mgr, PM_FEEDBACK_SUGGESTION, "2026-05-04T10:00:00Z", 0);   /* F3 up */
    give(o, o->s1, o->r[1], PM_FEEDBACK_CONSTRUCTIVE, "2026-05-05T10:00:00Z", 1);  /* F4 peer, anonymous */
    give(o, o->boss, o->s2, PM_FEEDBACK_PRAISE, "2026-05-06T10:00:00Z", 0);        /* F5 down */
    give(o, o->r[4], o->r[3], PM_FEEDBACK_PRAISE, "2026-05-07T10:00:00Z", 0);      /* F6 peer */
    give(o, o->gone, o->r[4], PM_FEEDBACK_PRAISE, "2026-05-08T10:00:00Z", 0);      /* F7 peer */
    give(o, o->leaver, o->peer, PM_FEEDBACK_PRAISE, "2026-05-09T10:00:00Z", 0);    /* F8 peer */
    give(o, o->mgr, o->r[3], PM_FEEDBACK_CONSTRUCTIVE, "2026-04-20T10:00:00Z", 0); /* F9 before May */
    give(o, o->r[5], o->r[1], PM_FEEDBACK_PRAISE, "2026-06-01T00:00:00Z", 0);      /* F10 after May */
    leave(o, o->gone, "2026-05-10");
    leave(o, o->leaver, "2026-06-10");
}

/* ---- a person ---- */

static void test_person_counts_given_and_received_by_direction_and_kind_in_the_period(void **state)
{
    org o;
    make_org(&o, *state);
    pm_id r1 = o.r[1], r2 = o.r[2], r3 = o.r[3];
    give(&o, o.mgr, r1, PM_FEEDBACK_PRAISE, "2026-05-01T00:00:00Z", 0);       /* first instant */
    give(&o, o.mgr, r1, PM_FEEDBACK_CONSTRUCTIVE, "2026-05-20T10:00:00Z", 0);
    give(&o, r2, r1, PM_FEEDBACK_PRAISE, "2026-05-10T10:00:00Z", 0);
    give(&o, r3, r1, PM_FEEDBACK_SUGGESTION, "2026-05-15T10:00:00Z", 1);     /* anonymous */
    give(&o, r1, o.mgr, PM_FEEDBACK_SUGGESTION, "2026-05-05T10:00:00Z", 0);
    give(&o, r1, r2, PM_FEEDBACK_PRAISE, "2026-05-31T23:59:59Z", 0);          /* last instant */
    give(&o, r1, r3, PM_FEEDBACK_PRAISE, "2026-05-12T10:00:00Z", 1);          /* anonymous */
    give(&o, o.mgr, r1, PM_FEEDBACK_PRAISE, "2026-04-30T23:59:59Z", 0);       /* before */
    give(&o, r2, r1, PM_FEEDBACK_PRAISE, "2026-06-01T00:00:00Z", 0);          /* after */
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 90, 5);
    pm_feedback_stats st = of_person(o.f->sys, r1, &so);
    assert_int_equal(st.version, PM_FEEDBACK_STATS_VERSION);
    assert_int_equal(st.suppressed, 0);
    assert_int_equal(st.people, 1);
    /* given: to mgr (up, suggestion) and to r2 (peer, praise); not the anonymous one */
    assert_int_equal(st.given, 2);
    assert_slots(st.given_by_direction, PM_DIRECTION_SLOTS, DIRS(0, 1, 1, 0, 0, 0));
    assert_slots(st.given_by_kind, PM_FEEDBACK_KIND_SLOTS, KINDS(1, 0, 1));
    /* received: mgr twice (down), r2 (peer), r3 anonymously (peer, kept undisclosed) */
    assert_int_equal(st.received, 4);
    assert_int_equal(st.anonymous_received, 1);
    assert_slots(st.received_by_direction, PM_DIRECTION_SLOTS, DIRS(2, 0, 1, 0, 0, 1));
    assert_slots(st.received_by_kind, PM_FEEDBACK_KIND_SLOTS, KINDS(2, 1, 1));
    assert_int_equal(st.without_feedback, 0);
    assert_double_equal(st.share_without_feedback, 0.0, 0.0);
    assert_int_equal(st.requests_addressed, 0);
    assert_double_equal(st.response_rate, 0.0, 0.0);
    assert_double_equal(st.median_response_hours, 0.0, 0.0);
    /* r3 received r1's anonymous praise; r3's own anonymous entry is no given of theirs */
    st = of_person(o.f->sys, r3, &so);
    assert_int_equal(st.received, 1);
    assert_int_equal(st.anonymous_received, 1);
    assert_int_equal(st.given, 0);
    assert_slots(st.given_by_direction, PM_DIRECTION_SLOTS, DIRS(0, 0, 0, 0, 0, 0));
    /* a one-day period holds that day only: June 1 has r2's praise */
    so = period("2026-06-01", "2026-06-01", 1, 5);
    st = of_person(o.f->sys, r1, &so);
    assert_int_equal(st.received, 1);
    assert_int_equal(st.given, 0);
}

static void test_person_without_feedback_looks_at_the_quiet_days_ending_on_to(void **state)
{
    org o;
    make_org(&o, *state);
    pm_id r1 = o.r[1];
    give(&o, o.mgr, r1, PM_FEEDBACK_PRAISE, "2026-05-20T10:00:00Z", 0);
    give(&o, o.r[2], r1, PM_FEEDBACK_PRAISE, "2026-06-01T00:00:00Z", 0); /* after to */
    /* 12 days ending May 31 start on May 20: heard from mgr */
    pm_feedback_stats_opts so = period("2026-05-25", "2026-05-31", 12, 5);
    pm_feedback_stats st = of_person(o.f->sys, r1, &so);
    assert_int_equal(st.without_feedback, 0);
    assert_double_equal(st.share_without_feedback, 0.0, 0.0);
    /* nothing in the period itself, yet not quiet: the window is not the period */
    assert_int_equal(st.received, 0);
    /* 11 days start on May 21: quiet, and June 1 lies after the window */
    so.quiet_days = 11;
    st = of_person(o.f->sys, r1, &so);
    assert_int_equal(st.without_feedback, 1);
    assert_double_equal(st.share_without_feedback, 1.0, 0.0);
    /* ending on June 1 instead, one day is enough */
    so = period("2026-06-01", "2026-06-01", 1, 5);
    st = of_person(o.f->sys, r1, &so);
    assert_int_equal(st.without_feedback, 0);
}

/* Parts addressed to r1, with the clock set at each step:
 *   H by r2  04-28 10:00, answered 04-29 (before May: not counted)
 *   A by r2  05-04 09:00, answered 05-04 15:00:  6 h
 *   B by r3  05-05 10:00, answered 05-07 10:00: 48 h
 *   C by r4  05-06 08:00, answered 05-06 09:30:  1.5 h
 *   D by r5  05-08 12:00, 90 days, answered later
 *   E by s1  05-10 12:00, declined 05-11
 *   F by s2  05-12 12:00, 5 days: last day 05-17, never answered
 *   G by mgr 05-20 12:00, 30 days: last day 06-19
 *   I by r3  06-02 12:00 (after May) */
static void test_person_request_rate_and_median_hours_with_odd_and_even_counts(void **state)
{
    org o;
    make_org(&o, *state);
    pm_id r1 = o.r[1];
    pm_id h = ask_one(&o, o.r[2], r1, 90, "2026-04-28T10:00:00Z");
    respond(&o, r1, h, "2026-04-29T10:00:00Z");
    pm_id a = ask_one(&o, o.r[2], r1, 90, "2026-05-04T09:00:00Z");
    respond(&o, r1, a, "2026-05-04T15:00:00Z");
    pm_id b = ask_one(&o, o.r[3], r1, 90, "2026-05-05T10:00:00Z");
    pm_id c = ask_one(&o, o.r[4], r1, 90, "2026-05-06T08:00:00Z");
    respond(&o, r1, c, "2026-05-06T09:30:00Z");
    respond(&o, r1, b, "2026-05-07T10:00:00Z");
    pm_id d = ask_one(&o, o.r[5], r1, 90, "2026-05-08T12:00:00Z");
    pm_id e = ask_one(&o, o.s1, r1, 90, "2026-05-10T12:00:00Z");
    decline(&o, r1, e, "2026-05-11T09:00:00Z");
    ask_one(&o, o.s2, r1, 5, "2026-05-12T12:00:00Z");
    ask_one(&o, o.mgr, r1, 30, "2026-05-20T12:00:00Z");
    ask_one(&o, o.r[3], r1, 90, "2026-06-02T12:00:00Z");
    o.f->now = PM_FIXTURE_NOW; /* 2026-06-15T12:00:00Z */

    pm_feedback_stats_opts may = period("2026-05-01", "2026-05-31", 90, 5);
    pm_feedback_stats st = of_person(o.f->sys, r1, &may);
    /* A..G: 7 made in May; A, B, C answered; E declined; F expired (05-17 < 05-31);
     * D and G (last day 06-19) still open */
    assert_int_equal(st.requests_addressed, 7);
    assert_int_equal(st.requests_answered, 3);
    assert_int_equal(st.requests_declined, 1);
    assert_int_equal(st.requests_expired, 1);
    assert_double_equal(st.response_rate, 3.0 / 7.0, 1e-15);
    /* sorted 1.5, 6, 48: the middle one */
    assert_double_equal(st.median_response_hours, 6.0, 0.0);
    /* each answer is named feedback r1 gave (to peers): A, C, B in May */
    assert_int_equal(st.given, 3);
    assert_int_equal(st.given_by_direction[PM_DIRECTION_PEER], 3);

    /* D answered now: 05-08 12:00 to 06-15 12:00 is 38 days = 912 h */
    respond(&o, r1, d, "2026-06-15T12:00:00Z");
    st = of_person(o.f->sys, r1, &may);
    assert_int_equal(st.requests_answered, 4);
    assert_double_equal(st.response_rate, 4.0 / 7.0, 1e-15);
    /* sorted 1.5, 6, 48, 912: (6 + 48) / 2 */
    assert_double_equal(st.median_response_hours, 27.0, 0.0);
    /* the answer was given in June: May's given stays 3 */
    assert_int_equal(st.given, 3);

    /* expiry is judged on min(to, today): on 06-16 June is still running, so G
     * (last day 06-19) is open; on 06-20 it has expired. May is judged on 05-31. */
    pm_feedback_stats_opts may_june = period("2026-05-01", "2026-06-30", 90, 5);
    o.f->now = at("2026-06-16T12:00:00Z");
    st = of_person(o.f->sys, r1, &may_june);
    assert_int_equal(st.requests_addressed, 8); /* I too */
    assert_int_equal(st.requests_expired, 1);
    o.f->now = at("2026-06-20T12:00:00Z");
    st = of_person(o.f->sys, r1, &may_june);
    assert_int_equal(st.requests_expired, 2);
    assert_int_equal(st.requests_answered, 4);
    assert_int_equal(st.requests_declined, 1);
    assert_double_equal(st.response_rate, 0.5, 0.0);
    st = of_person(o.f->sys, r1, &may);
    assert_int_equal(st.requests_expired, 1);
}

static void test_person_numbers_are_for_the_person_those_above_hr_and_the_system(void **state)
{
    org o;
    make_org(&o, *state);
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 90, 5);
    pm_id r1 = o.r[1];
    pm_session *self = pm_fixture_session(o.f, r1);
    pm_session *mgr = pm_fixture_session(o.f, o.mgr);
    pm_session *boss = pm_fixture_session(o.f, o.boss);
    pm_session *hr = pm_fixture_session(o.f, o.hr);
    pm_session *peer = pm_fixture_session(o.f, o.r[2]);
    pm_feedback_stats st = PM_FEEDBACK_STATS_INIT;
    assert_ok(self, pm_feedback_stats_person(&st, self, r1, &so));
    assert_ok(mgr, pm_feedback_stats_person(&st, mgr, r1, &so));
    assert_ok(boss, pm_feedback_stats_person(&st, boss, r1, &so));
    assert_ok(hr, pm_feedback_stats_person(&st, hr, r1, &so));
    assert_ok(o.f->sys, pm_feedback_stats_person(&st, o.f->sys, r1, &so));
    assert_fails(peer, pm_feedback_stats_person(&st, peer, r1, &so), PM_EPERM,
                 "may not see this person's feedback numbers");
    /* not upwards either */
    assert_fails(self, pm_feedback_stats_person(&st, self, o.mgr, &so), PM_EPERM,
                 "permission denied");
    pm_session_free(self);
    pm_session_free(mgr);
    pm_session_free(boss);
    pm_session_free(hr);
    pm_session_free(peer);
}

/* ---- a unit ---- */

static void test_unit_sums_its_members_and_those_below_it_on_to(void **state)
{
    org o;
    make_org(&o, *state);
    give_may_feedback(&o);
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 30, 5);
    /* Team on 05-31: r1..r5, s1, s2 (gone left on 05-10) */
    pm_feedback_stats st = of_unit(o.f->sys, o.team, &so);
    assert_int_equal(st.suppressed, 0);
    assert_int_equal(st.people, 7);
    /* given by them: F2 (peer, praise), F3 (up, suggestion), F6 (peer, praise);
     * s1's anonymous F4 is not theirs to count */
    assert_int_equal(st.given, 3);
    assert_slots(st.given_by_direction, PM_DIRECTION_SLOTS, DIRS(0, 1, 2, 0, 0, 0));
    assert_slots(st.given_by_kind, PM_FEEDBACK_KIND_SLOTS, KINDS(2, 0, 1));
    /* received: F1 (down), F2, F4 (anonymous, constructive), F5 (down), F6, F7 */
    assert_int_equal(st.received, 6);
    assert_int_equal(st.anonymous_received, 1);
    assert_slots(st.received_by_direction, PM_DIRECTION_SLOTS, DIRS(2, 0, 3, 0, 0, 1));
    assert_slots(st.received_by_kind, PM_FEEDBACK_KIND_SLOTS, KINDS(5, 1, 0));
    /* 30 days ending 05-31 (from 05-02): r5 and s1 heard nothing */
    assert_int_equal(st.without_feedback, 2);
    assert_double_equal(st.share_without_feedback, 2.0 / 7.0, 1e-15);
    assert_int_equal(st.requests_addressed, 0);

    /* Company adds boss, mgr, peer, hr and leaver (who left after 05-31) */
    st = of_unit(o.f->sys, o.company, &so);
    assert_int_equal(st.people, 12);
    /* F1 (mgr), F2, F3, F5 (boss), F6, F8 (leaver): not gone's F7 */
    assert_int_equal(st.given, 6);
    assert_slots(st.given_by_direction, PM_DIRECTION_SLOTS, DIRS(2, 1, 3, 0, 0, 0));
    /* F1..F8 */
    assert_int_equal(st.received, 8);
    assert_int_equal(st.anonymous_received, 1);
    /* quiet: boss, hr, r5, s1, leaver */
    assert_int_equal(st.without_feedback, 5);
}

static void test_whole_organisation_is_everyone_working_on_to(void **state)
{
    org o;
    make_org(&o, *state);
    give_may_feedback(&o);
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 30, 5);
    /* Company's 12 and nounit; not gone, who left on 05-10 */
    pm_feedback_stats st = of_unit(o.f->sys, 0, &so);
    assert_int_equal(st.suppressed, 0);
    assert_int_equal(st.people, 13);
    assert_int_equal(st.given, 6);
    assert_int_equal(st.received, 8);
    assert_int_equal(st.anonymous_received, 1);
    assert_slots(st.received_by_direction, PM_DIRECTION_SLOTS, DIRS(2, 1, 4, 0, 0, 1));
    assert_slots(st.received_by_kind, PM_FEEDBACK_KIND_SLOTS, KINDS(6, 1, 1));
    assert_int_equal(st.without_feedback, 6); /* Company's 5 and nounit */
    /* on 05-09 gone still worked here and leaver too: 14 */
    so = period("2026-05-01", "2026-05-09", 30, 5);
    st = of_unit(o.f->sys, 0, &so);
    assert_int_equal(st.people, 14);
    /* on 06-10 leaver had left: 12 */
    so = period("2026-06-01", "2026-06-10", 30, 5);
    st = of_unit(o.f->sys, 0, &so);
    assert_int_equal(st.people, 12);
}

static void test_unit_requests_count_the_parts_addressed_to_its_members(void **state)
{
    org o;
    make_org(&o, *state);
    /* r2 asks r1, s1 and peer (peer is outside Team); mgr asks r3 and r4 */
    pm_id three[] = { o.r[1], o.s1, o.peer };
    pm_id a = ask(&o, o.r[2], three, 3, 90, "2026-05-11T10:00:00Z");
    respond(&o, o.peer, a, "2026-05-11T10:30:00Z");   /* outside Team */
    respond(&o, o.r[1], a, "2026-05-11T12:00:00Z");   /* 2 h */
    decline(&o, o.s1, a, "2026-05-11T13:00:00Z");
    pm_id two[] = { o.r[3], o.r[4] };
    pm_id b = ask(&o, o.mgr, two, 2, 90, "2026-05-12T10:00:00Z");
    respond(&o, o.r[3], b, "2026-05-13T10:00:00Z");   /* 24 h */
    o.f->now = PM_FIXTURE_NOW;
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 30, 5);
    pm_feedback_stats st = of_unit(o.f->sys, o.team, &so);
    /* r1, s1, r3, r4: two answered, one declined, r4's still open */
    assert_int_equal(st.requests_addressed, 4);
    assert_int_equal(st.requests_answered, 2);
    assert_int_equal(st.requests_declined, 1);
    assert_int_equal(st.requests_expired, 0);
    assert_double_equal(st.response_rate, 0.5, 0.0);
    /* (2 + 24) / 2 */
    assert_double_equal(st.median_response_hours, 13.0, 0.0);
}

static void test_unit_below_min_group_is_suppressed_but_not_at_exactly_min_group(void **state)
{
    org o;
    make_org(&o, *state);
    give_may_feedback(&o);
    pm_id req = ask_one(&o, o.r[1], o.s2, 90, "2026-05-20T10:00:00Z");
    respond(&o, o.s2, req, "2026-05-20T11:00:00Z");
    o.f->now = PM_FIXTURE_NOW;
    /* Squad: s1 and s2, below the smallest min_group */
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 30, 3);
    pm_feedback_stats st = of_unit(o.f->sys, o.squad, &so);
    assert_int_equal(st.suppressed, 1);
    assert_int_equal(st.people, 2);
    assert_int_equal(st.given + st.received + st.anonymous_received + st.without_feedback, 0);
    assert_slots(st.given_by_direction, PM_DIRECTION_SLOTS, DIRS(0, 0, 0, 0, 0, 0));
    assert_slots(st.received_by_direction, PM_DIRECTION_SLOTS, DIRS(0, 0, 0, 0, 0, 0));
    assert_slots(st.given_by_kind, PM_FEEDBACK_KIND_SLOTS, KINDS(0, 0, 0));
    assert_slots(st.received_by_kind, PM_FEEDBACK_KIND_SLOTS, KINDS(0, 0, 0));
    assert_int_equal(st.requests_addressed + st.requests_answered + st.requests_declined +
                         st.requests_expired, 0);
    assert_double_equal(st.share_without_feedback, 0.0, 0.0);
    assert_double_equal(st.response_rate, 0.0, 0.0);
    assert_double_equal(st.median_response_hours, 0.0, 0.0);
    /* Team has 7: shown at min_group 7, suppressed at 8 */
    so.min_group = 7;
    st = of_unit(o.f->sys, o.team, &so);
    assert_int_equal(st.suppressed, 0);
    assert_int_equal(st.people, 7);
    /* F1, F2, F4..F7 and s2's answer to r1 */
    assert_int_equal(st.received, 7);
    assert_int_equal(st.requests_answered, 1);
    assert_double_equal(st.median_response_hours, 1.0, 0.0);
    so.min_group = 8;
    st = of_unit(o.f->sys, o.team, &so);
    assert_int_equal(st.suppressed, 1);
    assert_int_equal(st.people, 7);
    assert_int_equal(st.received, 0);
    assert_int_equal(st.requests_answered, 0);
    assert_double_equal(st.median_response_hours, 0.0, 0.0);
}

static void test_unit_numbers_are_for_hr_the_system_and_managers_of_everyone_else_counted(void **state)
{
    org o;
    make_org(&o, *state);
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 30, 3);
    pm_session *mgr = pm_fixture_session(o.f, o.mgr);
    pm_session *boss = pm_fixture_session(o.f, o.boss);
    pm_session *hr = pm_fixture_session(o.f, o.hr);
    pm_session *r1 = pm_fixture_session(o.f, o.r[1]);
    pm_feedback_stats st = PM_FEEDBACK_STATS_INIT;
    assert_ok(hr, pm_feedback_stats_unit(&st, hr, o.company, &so));
    assert_ok(hr, pm_feedback_stats_unit(&st, hr, 0, &so));
    assert_ok(o.f->sys, pm_feedback_stats_unit(&st, o.f->sys, 0, &so));
    /* everyone in Team and Squad reports to mgr, who reports to boss */
    assert_ok(mgr, pm_feedback_stats_unit(&st, mgr, o.team, &so));
    assert_ok(mgr, pm_feedback_stats_unit(&st, mgr, o.squad, &so));
    assert_ok(boss, pm_feedback_stats_unit(&st, boss, o.team, &so));
    /* Company counts boss, who may count themself with everyone below them,
     * and mgr's peers and boss, who are not below mgr. */
    assert_ok(boss, pm_feedback_stats_unit(&st, boss, o.company, &so));
    st = (pm_feedback_stats)PM_FEEDBACK_STATS_INIT;
    assert_fails(mgr, pm_feedback_stats_unit(&st, mgr, o.company, &so), PM_EPERM,
                 "is not below them");
    assert_fails(mgr, pm_feedback_stats_unit(&st, mgr, 0, &so), PM_EPERM,
                 "the whole organisation");
    assert_fails(r1, pm_feedback_stats_unit(&st, r1, o.squad, &so), PM_EPERM,
                 "permission denied");
    /* a refusal leaves no numbers behind */
    assert_int_equal(st.people, 0);
    pm_session_free(mgr);
    pm_session_free(boss);
    pm_session_free(hr);
    pm_session_free(r1);
}

/* ---- refusals ---- */

static void test_stats_refuse_bad_periods_ranges_ids_and_versions(void **state)
{
    org o;
    make_org(&o, *state);
    give_may_feedback(&o);
    pm_session *s = o.f->sys;
    pm_feedback_stats st = PM_FEEDBACK_STATS_INIT;
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 30, 5);
    /* a success first, so a refusal can be seen to clear the numbers */
    assert_ok(s, pm_feedback_stats_unit(&st, s, o.team, &so));
    assert_int_equal(st.people, 7);
    so.from = PM_DATE_NONE;
    assert_fails(s, pm_feedback_stats_unit(&st, s, o.team, &so), PM_EINVAL,
                 "feedback_stats_opts.from: is required");
    assert_int_equal(st.people, 0);
    assert_int_equal(st.received, 0);
    assert_int_equal(st.version, PM_FEEDBACK_STATS_VERSION);
    so = period("2026-05-31", "2026-05-01", 30, 5);
    assert_fails(s, pm_feedback_stats_person(&st, s, o.r[1], &so), PM_EINVAL,
                 "feedback_stats_opts.to: 2026-05-01 is before from (2026-05-31)");
    so = period("2026-05-01", "2026-05-31", 0, 5);
    assert_fails(s, pm_feedback_stats_person(&st, s, o.r[1], &so), PM_EINVAL,
                 "feedback_stats_opts.quiet_days: 0 is not 1 to 3650");
    so.quiet_days = 3651;
    assert_fails(s, pm_feedback_stats_unit(&st, s, o.team, &so), PM_EINVAL,
                 "feedback_stats_opts.quiet_days: 3651");
    so = period("2026-05-01", "2026-05-31", 30, 2);
    assert_fails(s, pm_feedback_stats_unit(&st, s, o.team, &so), PM_EINVAL,
                 "feedback_stats_opts.min_group: 2 is not 3 to 10");
    so.min_group = 11;
    assert_fails(s, pm_feedback_stats_unit(&st, s, o.team, &so), PM_EINVAL,
                 "feedback_stats_opts.min_group: 11");
    so = period("2026-05-01", "2026-05-31", 30, 5);
    assert_fails(s, pm_feedback_stats_person(&st, s, 0, &so), PM_EINVAL,
                 "person: 0 is not a person id");
    assert_fails(s, pm_feedback_stats_person(&st, s, 99999, &so), PM_ENOTFOUND, "person");
    assert_fails(s, pm_feedback_stats_unit(&st, s, -1, &so), PM_EINVAL,
                 "unit: -1 is not a unit id");
    assert_fails(s, pm_feedback_stats_unit(&st, s, 99999, &so), PM_ENOTFOUND, "unit");
    assert_fails(s, pm_feedback_stats_unit(&st, s, o.team, NULL), PM_EINVAL, "opts");
    assert_fails(s, pm_feedback_stats_person(NULL, s, o.r[1], &so), PM_EINVAL, "out");
    assert_int_equal(pm_feedback_stats_unit(&st, NULL, o.team, &so), PM_EINVAL);
    so.version = PM_FEEDBACK_STATS_OPTS_VERSION + 1;
    assert_fails(s, pm_feedback_stats_unit(&st, s, o.team, &so), PM_EVERSION,
                 "feedback_stats_opts.version");
    so.version = PM_FEEDBACK_STATS_OPTS_VERSION;
    st.version = 0;
    assert_fails(s, pm_feedback_stats_person(&st, s, o.r[1], &so), PM_EVERSION,
                 "feedback_stats.version: 0");
    st.version = PM_FEEDBACK_STATS_VERSION + 1;
    assert_fails(s, pm_feedback_stats_unit(&st, s, o.team, &so), PM_EVERSION,
                 "feedback_stats.version");
}

/* ---- running out of memory ---- */

static pm_status both(org *o, pm_feedback_stats *person, pm_feedback_stats *unit)
{
    pm_feedback_stats_opts so = period("2026-05-01", "2026-05-31", 30, 5);
    person->version = unit->version = PM_FEEDBACK_STATS_VERSION;
    pm_status st = pm_feedback_stats_person(person, o->f->sys, o->r[1], &so);
    if (st == PM_OK)
        st = pm_feedback_stats_unit(unit, o->f->sys, 0, &so);
    return st;
}

static void test_stats_survive_running_out_of_memory_and_leak_nothing(void **state)
{
    org o;
    make_org(&o, *state);
    give_may_feedback(&o);
    pm_id two[] = { o.r[1], o.r[2] };
    pm_id req = ask(&o, o.r[3], two, 2, 90, "2026-05-20T10:00:00Z");
    respond(&o, o.r[1], req, "2026-05-20T12:00:00Z");
    respond(&o, o.r[2], req, "2026-05-21T10:00:00Z");
    o.f->now = PM_FIXTURE_NOW;
    pm_feedback_stats p0, u0, p, u;
    /* the first round warms what a backend keeps (SQLite's prepared statements) */
    assert_ok(o.f->sys, both(&o, &p0, &u0));
    long live = pm_fixture_alloc_live();
    assert_ok(o.f->sys, both(&o, &p0, &u0));
    assert_int_equal(pm_fixture_alloc_live(), live);
    int succeeded = 0;
    for (long n = 0; n < 500 && !succeeded; n++) {
        pm_fixture_alloc_fail_after(n);
        pm_status st = both(&o, &p, &u);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM || st == PM_ESTORAGE);
        succeeded = st == PM_OK;
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
    assert_int_equal(p.received, p0.received);
    assert_int_equal(u.people, u0.people);
    assert_int_equal(u.requests_answered, 2);
    assert_double_equal(u.median_response_hours, u0.median_response_hours, 0.0);
    /* (2 + 24) / 2 */
    assert_double_equal(u0.median_response_hours, 13.0, 0.0);
}

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_person_counts_given_and_received_by_direction_and_kind_in_the_period),
        T(test_person_without_feedback_looks_at_the_quiet_days_ending_on_to),
        T(test_person_request_rate_and_median_hours_with_odd_and_even_counts),
        T(test_person_numbers_are_for_the_person_those_above_hr_and_the_system),
        T(test_unit_sums_its_members_and_those_below_it_on_to),
        T(test_whole_organisation_is_everyone_working_on_to),
        T(test_unit_requests_count_the_parts_addressed_to_its_members),
        T(test_unit_below_min_group_is_suppressed_but_not_at_exactly_min_group),
        T(test_unit_numbers_are_for_hr_the_system_and_managers_of_everyone_else_counted),
        T(test_stats_refuse_bad_periods_ranges_ids_and_versions),
        T(test_stats_survive_running_out_of_memory_and_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
