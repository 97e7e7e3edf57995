/* Programmes on every backend: creating and reading them, sessions,
 * invitations and enrolments that add items to plans, completing and
 * dropping out, capacity, numbers and candidates. Refusals are in
 * test_programme_refusals.c. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "test_programme_helpers.h"

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

/* ---- creating and reading ---- */

static void test_programme_create_keeps_every_field_and_get_returns_them(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id comps[2] = { fw.sql, fw.leadership };
    pm_programme_opts o = programme_opts("Coaching circle " A_RING_NFD, PM_PROGRAMME_COACHING,
                                         8, comps, 2);
    o.description = "Six months of peer coaching";
    pm_id id = 0;
    assert_ok(f->sys, pm_programme_create(&id, f->sys, &o));
    assert_true(id > 0);
    pm_programme *p = get_programme(f, id);
    assert_int_equal(pm_programme_id(p), id);
    assert_string_equal(pm_programme_name(p), "Coaching circle " A_RING_NFC);
    assert_int_equal(pm_programme_kind_get(p), PM_PROGRAMME_COACHING);
    assert_string_equal(pm_programme_description(p), "Six months of peer coaching");
    assert_int_equal(pm_programme_capacity(p), 8);
    assert_int_equal(pm_programme_seats_taken(p), 0);
    /* competencies come back by id, whatever order they were given in */
    assert_int_equal(pm_programme_competency_count(p), 2);
    assert_int_equal(pm_programme_competency(p, 0), fw.leadership);
    assert_int_equal(pm_programme_competency(p, 1), fw.sql);
    assert_int_equal(pm_programme_competency(p, 2), 0);
    assert_int_equal(pm_programme_session_count(p), 0);
    pm_programme_free(p);

    /* the defaults: training, no limit, no description */
    pm_programme_opts d;
    assert_ok(f->sys, pm_programme_opts_init(&d, PM_PROGRAMME_OPTS_VERSION));
    assert_int_equal(d.kind, PM_PROGRAMME_TRAINING);
    d.name = "SQL basics";
    d.competencies = &fw.sql;
    d.ncompetencies = 1;
    assert_ok(f->sys, pm_programme_create(&id, f->sys, &d));
    p = get_programme(f, id);
    assert_int_equal(pm_programme_kind_get(p), PM_PROGRAMME_TRAINING);
    assert_int_equal(pm_programme_capacity(p), 0);
    assert_string_equal(pm_programme_description(p), "");
    pm_programme_free(p);

    /* NULL handles read as nothing */
    assert_int_equal(pm_programme_id(NULL), 0);
    assert_null(pm_programme_name(NULL));
    assert_null(pm_programme_description(NULL));
    assert_int_equal(pm_programme_competency_count(NULL), 0);
    assert_int_equal(pm_programme_session_date(NULL, 0), PM_DATE_NONE);
    assert_null(pm_programme_session_title(NULL, 0));
}

static void test_programme_list_orders_by_name_ignoring_case_and_anyone_reads(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id beta = new_programme(f, "beta", 0, &fw.sql, 1);
    pm_id alpha = new_programme(f, "Alpha", 0, &fw.sql, 1);
    pm_id gamma = new_programme(f, "Gamma", 3, &fw.writing, 1);
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_session *as_anna = pm_fixture_session(f, anna);
    pm_programme_iter *it = NULL;
    assert_ok(as_anna, pm_programme_list(&it, as_anna));
    pm_id want[3] = { alpha, beta, gamma };
    pm_programme *p = NULL;
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pm_programme_iter_next(&p, it), PM_OK);
        assert_int_equal(pm_programme_id(p), want[i]);
    }
    assert_int_equal(pm_programme_capacity(p), 3);
    assert_int_equal(pm_programme_competency(p, 0), fw.writing);
    assert_int_equal(pm_programme_iter_next(&p, it), PM_ITEROVER);
    assert_null(p);
    pm_programme_iter_free(it);
    pm_programme *one = NULL;
    assert_ok(as_anna, pm_programme_get(&one, as_anna, beta));
    assert_string_equal(pm_programme_name(one), "beta");
    pm_programme_free(one);
    pm_session_free(as_anna);
}

static void test_programme_list_of_an_empty_store_is_empty(void **state)
{
    pm_fixture *f = *state;
    pm_programme_iter *it = NULL;
    assert_ok(f->sys, pm_programme_list(&it, f->sys));
    pm_programme *p = NULL;
    assert_int_equal(pm_programme_iter_next(&p, it), PM_ITEROVER);
    pm_programme_iter_free(it);
}

static void test_programme_sessions_come_back_by_date_whatever_order_added(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id id = new_programme(f, "Leading teams", 0, &fw.leadership, 1);
    add_session(f, id, "2026-09-10", "Day 2: feedback");
    add_session(f, id, "2026-07-01", "Day 1: kick-off");
    assert_ok(f->sys, pm_programme_add_session(f->sys, id, D("2026-10-01"), NULL, 0));
    /* a title of spaces only is no title; an exact length is honoured */
    assert_ok(f->sys, pm_programme_add_session(f->sys, id, D("2026-08-01"), "   ", 0));
    assert_ok(f->sys, pm_programme_add_session(f->sys, id, D("2026-08-15"), "Midway-XYZ", 6));
    pm_programme *p = get_programme(f, id);
    assert_int_equal(pm_programme_session_count(p), 5);
    const char *dates[5] = { "2026-07-01", "2026-08-01", "2026-08-15", "2026-09-10",
                             "2026-10-01" };
    const char *titles[5] = { "Day 1: kick-off", "", "Midway", "Day 2: feedback", "" };
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(pm_programme_session_date(p, i), D(dates[i]));
        assert_string_equal(pm_programme_session_title(p, i), titles[i]);
    }
    assert_int_equal(pm_programme_session_date(p, 5), PM_DATE_NONE);
    assert_null(pm_programme_session_title(p, 5));
    pm_programme_free(p);
}

/* ---- invitations and enrolments ---- */

/* Anna (reporting to Mia) and Ben (HR admin); one plan each for 2026. */
typedef struct people {
    pm_id mia;
    pm_id anna;
    pm_id ben;
    pm_id plan_anna;
    pm_id plan_ben;
} people;

static people make_people(pm_fixture *f)
{
    people p;
    p.mia = pm_fixture_person(f, "E1", "Mia", 0, 0);
    p.anna = pm_fixture_person(f, "E2", "Anna", p.mia, 0);
    p.ben = pm_fixture_person(f, "E3", "Ben", 0, 0);
    p.plan_anna = year_plan(f, p.anna);
    p.plan_ben = year_plan(f, p.ben);
    return p;
}

static void test_invited_person_enrols_themself_and_gets_a_plan_item(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    people pp = make_people(f);
    pm_id comps[2] = { fw.leadership, fw.sql };
    pm_programme_opts o = programme_opts("Lead with data", PM_PROGRAMME_COACHING, 10, comps, 2);
    pm_id prog = 0;
    assert_ok(f->sys, pm_programme_create(&prog, f->sys, &o));
    add_session(f, prog, "2026-09-01", "Start");
    add_session(f, prog, "2026-11-20", "End");
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, pp.anna));
    enrolment_view v = enrolment_of(f, prog, pp.anna);
    assert_int_equal(v.state, PM_ENROLMENT_INVITED);
    assert_int_equal(v.result, PM_RESULT_PENDING);
    assert_int_equal(v.invited_on, D("2026-06-15"));
    assert_int_equal(v.enrolled_on, PM_DATE_NONE);
    assert_int_equal(v.item, 0);
    assert_int_equal(seats_taken(f, prog), 0); /* an invitation takes no seat */

    pm_session *as_anna = pm_fixture_session(f, pp.anna);
    pm_id item = 0;
    assert_ok(as_anna, pm_programme_enrol(&item, as_anna, prog, pp.anna));
    pm_session_free(as_anna);
    assert_true(item > 0);
    v = enrolment_of(f, prog, pp.anna);
    assert_int_equal(v.state, PM_ENROLMENT_ENROLLED);
    assert_int_equal(v.invited_on, D("2026-06-15"));
    assert_int_equal(v.enrolled_on, D("2026-06-15"));
    assert_int_equal(v.ended_on, PM_DATE_NONE);
    assert_int_equal(v.item, item);
    assert_int_equal(seats_taken(f, prog), 1);

    item_view i = item_of(f, pp.plan_anna, item);
    assert_int_equal(i.kind, PM_ITEM_COACHING);
    assert_string_equal(i.title, "Lead with data");
    assert_int_equal(i.state, PM_ITEM_PLANNED);
    assert_int_equal(i.start, D("2026-09-01"));
    assert_int_equal(i.due, D("2026-11-20"));
    assert_int_equal(i.programme, prog);
    assert_int_equal(i.ncompetencies, 2);
    assert_int_equal(i.competencies[0], fw.leadership);
    assert_int_equal(i.competencies[1], fw.sql);
}

static void test_manager_enrols_a_report_who_was_not_invited(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    people pp = make_people(f);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    pm_session *as_mia = pm_fixture_session(f, pp.mia);
    pm_id item = 0;
    assert_ok(as_mia, pm_programme_enrol(&item, as_mia, prog, pp.anna));
    pm_session_free(as_mia);
    enrolment_view v = enrolment_of(f, prog, pp.anna);
    assert_int_equal(v.state, PM_ENROLMENT_ENROLLED);
    assert_int_equal(v.invited_on, PM_DATE_NONE);
    assert_int_equal(v.item, item);
    item_view i = item_of(f, pp.plan_anna, item);
    assert_int_equal(i.kind, PM_ITEM_TRAINING);
    /* no sessions: the item has no dates */
    assert_int_equal(i.start, PM_DATE_NONE);
    assert_int_equal(i.due, PM_DATE_NONE);
    assert_int_equal(i.ncompetencies, 1);
    assert_int_equal(i.competencies[0], fw.sql);
}

static void test_enrolment_item_takes_only_session_dates_inside_the_plan(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id ben = pm_fixture_person(f, "E2", "Ben", 0, 0);
    pm_id plan_anna = new_plan(f, anna, "2026-06-01", "2026-09-30");
    pm_id plan_ben = new_plan(f, ben, "2026-03-01", "2026-12-31");
    /* first session before Anna's plan starts, last after it ends */
    pm_id prog = new_programme(f, "Long haul", 0, &fw.sql, 1);
    add_session(f, prog, "2026-05-20", NULL);
    add_session(f, prog, "2026-10-15", NULL);
    item_view a = item_of(f, plan_anna, enrol(f, prog, anna));
    assert_int_equal(a.start, PM_DATE_NONE);
    assert_int_equal(a.due, PM_DATE_NONE);
    item_view b = item_of(f, plan_ben, enrol(f, prog, ben));
    assert_int_equal(b.start, D("2026-05-20"));
    assert_int_equal(b.due, D("2026-10-15"));
}

static void test_complete_marks_the_item_done_and_plan_progress_counts_it(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    people pp = make_people(f);
    pm_plan_item_opts other = PM_PLAN_ITEM_OPTS_INIT;
    other.kind = PM_ITEM_SELF_STUDY;
    other.title = "Read a book";
    assert_ok(f->sys, pm_plan_item_add(NULL, f->sys, pp.plan_anna, &other));
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    add_session(f, prog, "2026-06-20", NULL);
    pm_id item = enrol(f, prog, pp.anna);
    pm_plan_progress before = PM_PLAN_PROGRESS_INIT;
    assert_ok(f->sys, pm_plan_progress_get(&before, f->sys, pp.plan_anna, D("2026-07-01")));
    assert_int_equal(before.items, 2);
    assert_int_equal(before.done, 0);

    f->now += 16 * 86400; /* 2026-07-01 */
    assert_ok(f->sys, pm_programme_complete(f->sys, prog, pp.anna, PM_RESULT_PASSED,
                                            D("2026-06-30")));
    enrolment_view v = enrolment_of(f, prog, pp.anna);
    assert_int_equal(v.state, PM_ENROLMENT_COMPLETED);
    assert_int_equal(v.result, PM_RESULT_PASSED);
    assert_int_equal(v.ended_on, D("2026-06-30"));
    assert_int_equal(seats_taken(f, prog), 1); /* a completion keeps its seat */
    item_view i = item_of(f, pp.plan_anna, item);
    assert_int_equal(i.state, PM_ITEM_DONE);
    assert_int_equal(i.done_on, D("2026-06-30"));
    pm_plan_progress after = PM_PLAN_PROGRESS_INIT;
    assert_ok(f->sys, pm_plan_progress_get(&after, f->sys, pp.plan_anna, D("2026-07-01")));
    assert_int_equal(after.items, 2);
    assert_int_equal(after.done, 1);
    assert_true(fabs(after.share_done - 0.5) < 1e-12);
}

static void test_complete_defaults_to_today_and_keeps_failed_and_absent(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    people pp = make_people(f);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    enrol(f, prog, pp.anna);
    enrol(f, prog, pp.ben);
    assert_ok(f->sys, pm_programme_complete(f->sys, prog, pp.anna, PM_RESULT_FAILED,
                                            PM_DATE_NONE));
    assert_ok(f->sys, pm_programme_complete(f->sys, prog, pp.ben, PM_RESULT_ABSENT,
                                            PM_DATE_NONE));
    enrolment_view a = enrolment_of(f, prog, pp.anna);
    assert_int_equal(a.result, PM_RESULT_FAILED);
    assert_int_equal(a.ended_on, D("2026-06-15"));
    assert_int_equal(enrolment_of(f, prog, pp.ben).result, PM_RESULT_ABSENT);
    assert_int_equal(item_of(f, pp.plan_anna, a.item).state, PM_ITEM_DONE);
}

static void test_drop_cancels_the_item_and_frees_the_seat(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    people pp = make_people(f);
    pm_id prog = new_programme(f, "One seat", 1, &fw.sql, 1);
    pm_id item = enrol(f, prog, pp.anna);
    assert_int_equal(seats_taken(f, prog), 1);
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, prog, pp.ben), PM_EINVAL, "is full");
    /* Anna drops out herself */
    pm_session *as_anna = pm_fixture_session(f, pp.anna);
    assert_ok(as_anna, pm_programme_drop(as_anna, prog, pp.anna));
    pm_session_free(as_anna);
    enrolment_view v = enrolment_of(f, prog, pp.anna);
    assert_int_equal(v.state, PM_ENROLMENT_DROPPED);
    assert_int_equal(v.ended_on, D("2026-06-15"));
    assert_int_equal(item_of(f, pp.plan_anna, item).state, PM_ITEM_CANCELLED);
    assert_int_equal(seats_taken(f, prog), 0);
    pm_plan_progress pr = PM_PLAN_PROGRESS_INIT;
    assert_ok(f->sys, pm_plan_progress_get(&pr, f->sys, pp.plan_anna, PM_DATE_NONE));
    assert_int_equal(pr.items, 0); /* a cancelled item is left out */
    /* the freed seat is Ben's now */
    enrol(f, prog, pp.ben);
    assert_int_equal(seats_taken(f, prog), 1);
}

static void test_manager_drops_an_invitation_and_hr_invites_again(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    people pp = make_people(f);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, pp.anna));
    pm_session *as_mia = pm_fixture_session(f, pp.mia);
    assert_ok(as_mia, pm_programme_drop(as_mia, prog, pp.anna));
    pm_session_free(as_mia);
    assert_int_equal(enrolment_of(f, prog, pp.anna).state, PM_ENROLMENT_DROPPED);
    assert_int_equal(plan_item_count(f, pp.plan_anna), 0);
    /* a person who dropped out may be invited again, and enrol again */
    f->now += 86400;
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, pp.anna));
    enrolment_view v = enrolment_of(f, prog, pp.anna);
    assert_int_equal(v.state, PM_ENROLMENT_INVITED);
    assert_int_equal(v.invited_on, D("2026-06-16"));
    assert_int_equal(v.ended_on, PM_DATE_NONE);
    pm_id first = enrol(f, prog, pp.anna);
    assert_ok(f->sys, pm_programme_drop(f->sys, prog, pp.anna));
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, pp.anna));
    assert_int_equal(enrolment_of(f, prog, pp.anna).item, 0);
    pm_id second = enrol(f, prog, pp.anna);
    assert_true(second != first);
    /* the cancelled item stays in the plan, next to the new one */
    assert_int_equal(item_of(f, pp.plan_anna, first).state, PM_ITEM_CANCELLED);
    assert_int_equal(item_of(f, pp.plan_anna, second).state, PM_ITEM_PLANNED);
    assert_int_equal(plan_item_count(f, pp.plan_anna), 2);
}

static void test_participants_list_every_state_by_person_id(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    people pp = make_people(f);
    pm_id cleo = pm_fixture_person(f, "E4", "Cleo", 0, 0);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, cleo));
    enrol(f, prog, pp.ben);
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, pp.mia));
    assert_ok(f->sys, pm_programme_drop(f->sys, prog, pp.mia));
    enrol(f, prog, pp.anna);
    assert_ok(f->sys, pm_programme_complete(f->sys, prog, pp.anna, PM_RESULT_PASSED,
                                            PM_DATE_NONE));
    pm_enrolment_iter *it = NULL;
    assert_ok(f->sys, pm_programme_participants(&it, f->sys, prog));
    pm_id want_person[4] = { pp.mia, pp.anna, pp.ben, cleo };
    pm_enrolment_state want_state[4] = { PM_ENROLMENT_DROPPED, PM_ENROLMENT_COMPLETED,
                                         PM_ENROLMENT_ENROLLED, PM_ENROLMENT_INVITED };
    pm_enrolment *e = NULL;
    for (int i = 0; i < 4; i++) {
        assert_int_equal(pm_enrolment_iter_next(&e, it), PM_OK);
        assert_int_equal(pm_enrolment_person(e), want_person[i]);
        assert_int_equal(pm_enrolment_state_get(e), want_state[i]);
    }
    assert_int_equal(pm_enrolment_iter_next(&e, it), PM_ITEROVER);
    pm_enrolment_iter_free(it);
    assert_int_equal(pm_enrolment_person(NULL), 0);
    assert_int_equal(pm_enrolment_state_get(NULL), 0);
    assert_int_equal(pm_enrolment_ended_on(NULL), PM_DATE_NONE);
}

static void test_stats_count_each_state_and_the_completion_rate(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    pm_id ids[6];
    for (int i = 0; i < 6; i++) {
        char ext[8], name[16];
        snprintf(ext, sizeof ext, "E%d", i + 1);
        snprintf(name, sizeof name, "Person %d", i + 1);
        ids[i] = pm_fixture_person(f, ext, name, 0, 0);
        year_plan(f, ids[i]);
    }
    pm_programme_stats st = PM_PROGRAMME_STATS_INIT;
    assert_ok(f->sys, pm_programme_stats_get(&st, f->sys, prog));
    assert_int_equal(st.invited + st.enrolled + st.completed + st.dropped, 0);
    assert_true(st.completion_rate == 0.0);
    /* 0: invited; 1: enrolled; 2, 3: completed (passed, failed); 4: dropped
     * after enrolling; 5: dropped while invited */
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, ids[0]));
    for (int i = 1; i <= 4; i++)
        enrol(f, prog, ids[i]);
    assert_ok(f->sys, pm_programme_complete(f->sys, prog, ids[2], PM_RESULT_PASSED,
                                            PM_DATE_NONE));
    assert_ok(f->sys, pm_programme_complete(f->sys, prog, ids[3], PM_RESULT_FAILED,
                                            PM_DATE_NONE));
    assert_ok(f->sys, pm_programme_drop(f->sys, prog, ids[4]));
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, ids[5]));
    assert_ok(f->sys, pm_programme_drop(f->sys, prog, ids[5]));
    assert_ok(f->sys, pm_programme_stats_get(&st, f->sys, prog));
    assert_int_equal(st.version, PM_PROGRAMME_STATS_VERSION);
    assert_int_equal(st.invited, 1);
    assert_int_equal(st.enrolled, 1);
    assert_int_equal(st.completed, 2);
    assert_int_equal(st.dropped, 2);
    assert_int_equal(st.passed, 1);
    /* completed / (enrolled + completed + dropped) = 2 / 5 */
    assert_true(fabs(st.completion_rate - 0.4) < 1e-12);
    assert_int_equal(seats_taken(f, prog), 3);
}

/* ---- candidates ---- */

typedef struct candidate_view {
    pm_id person;
    pm_id competency;
    double gap;
} candidate_view;

static size_t candidates(pm_fixture *f, pm_id prog, double min_gap, pm_date date,
                         const pm_level_rule *rule, candidate_view *out, size_t cap)
{
    pm_candidate_iter *it = NULL;
    assert_ok(f->sys, pm_programme_candidates(&it, f->sys, prog, min_gap, date, rule));
    pm_candidate *c = NULL;
    size_t n = 0;
    while (pm_candidate_iter_next(&c, it) == PM_OK) {
        assert_true(n < cap);
        out[n].person = pm_candidate_person(c);
        out[n].competency = pm_candidate_competency(c);
        out[n].gap = pm_candidate_gap(c);
        n++;
    }
    pm_candidate_iter_free(it);
    return n;
}

static void expect_candidate(const candidate_view *c, pm_id person, pm_id competency, double gap)
{
    assert_int_equal(c->person, person);
    assert_int_equal(c->competency, competency);
    if (fabs(c->gap - gap) > 1e-9)
        fail_msg("person %lld: gap %.12f, expected %.12f", (long long)person, c->gap, gap);
}

/* Engineer requires leadership 4 and sql 3. By hand, manager-first:
 *   ana   leadership 2, sql 3      -> gaps 2, 0     -> 2 in leadership
 *   bo    not assessed             -> gaps 4, 3     -> 4 in leadership
 *   cy    leadership 4, sql 1      -> gaps 0, 2     -> 2 in sql
 *   hal   leadership 3, sql 3      -> gaps 1, 0     -> 1 in leadership
 *   dee   a writer: no competency of the programme in her role
 *   eve   no role;  fay  left;  gus  enrolled;  ida  invited (gap 4) */
typedef struct crowd {
    pm_id mgr, ana, bo, cy, hal, dee, eve, fay, gus, ida;
} crowd;

static crowd make_crowd(pm_fixture *f, const framework *fw, pm_id prog)
{
    crowd c;
    c.mgr = pm_fixture_person(f, "M", "Manager", 0, 0);
    c.ana = pm_fixture_person(f, "A", "Ana", c.mgr, 0);
    c.bo = pm_fixture_person(f, "B", "Bo", c.mgr, 0);
    c.cy = pm_fixture_person(f, "C", "Cy", c.mgr, 0);
    c.hal = pm_fixture_person(f, "H", "Hal", c.mgr, 0);
    c.dee = pm_fixture_person(f, "D", "Dee", c.mgr, 0);
    c.eve = pm_fixture_person(f, "E", "Eve", c.mgr, 0);
    c.fay = pm_fixture_person(f, "F", "Fay", c.mgr, 0);
    c.gus = pm_fixture_person(f, "G", "Gus", c.mgr, 0);
    c.ida = pm_fixture_person(f, "I", "Ida", c.mgr, 0);
    pm_id engineers[7] = { c.ana, c.bo, c.cy, c.hal, c.fay, c.gus, c.ida };
    for (int i = 0; i < 7; i++)
        assign(f, engineers[i], fw->engineer, "2026-01-01");
    assign(f, c.dee, fw->writer, "2026-01-01");
    pm_session *m = pm_fixture_session(f, c.mgr);
    assess(m, c.ana, fw->leadership, 2, PM_ASSESSED_BY_MANAGER, "2026-03-01");
    assess(m, c.ana, fw->sql, 3, PM_ASSESSED_BY_MANAGER, "2026-03-01");
    assess(m, c.cy, fw->leadership, 4, PM_ASSESSED_BY_MANAGER, "2026-03-01");
    assess(m, c.cy, fw->sql, 1, PM_ASSESSED_BY_MANAGER, "2026-03-01");
    assess(m, c.hal, fw->leadership, 3, PM_ASSESSED_BY_MANAGER, "2026-03-01");
    assess(m, c.hal, fw->sql, 3, PM_ASSESSED_BY_MANAGER, "2026-03-01");
    pm_session_free(m);
    /* Ana rates herself higher: only the weighted rule listens */
    pm_session *a = pm_fixture_session(f, c.ana);
    assess(a, c.ana, fw->leadership, 4, PM_ASSESSED_BY_SELF, "2026-03-01");
    pm_session_free(a);
    assert_ok(f->sys, pm_person_set_left(f->sys, c.fay, D("2026-06-15")));
    year_plan(f, c.gus);
    enrol(f, prog, c.gus);
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, c.ida));
    return c;
}

static void test_candidates_rank_by_largest_gap_then_person(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id comps[2] = { fw.leadership, fw.sql };
    pm_id prog = new_programme(f, "Lead with data", 0, comps, 2);
    crowd c = make_crowd(f, &fw, prog);
    candidate_view got[16];
    size_t n = candidates(f, prog, 2.0, PM_DATE_NONE, NULL, got, 16);
    assert_int_equal(n, 4);
    expect_candidate(&got[0], c.bo, fw.leadership, 4.0);
    expect_candidate(&got[1], c.ida, fw.leadership, 4.0);
    expect_candidate(&got[2], c.ana, fw.leadership, 2.0);
    expect_candidate(&got[3], c.cy, fw.sql, 2.0);
    /* a lower threshold lets Hal in */
    n = candidates(f, prog, 1.0, PM_DATE_NONE, NULL, got, 16);
    assert_int_equal(n, 5);
    expect_candidate(&got[4], c.hal, fw.leadership, 1.0);
    /* a higher one than anyone's gap leaves no one */
    assert_int_equal(candidates(f, prog, 4.5, PM_DATE_NONE, NULL, got, 16), 0);
    /* before anyone held the role, nobody needs it */
    assert_int_equal(candidates(f, prog, 1.0, D("2025-12-31"), NULL, got, 16), 0);
    /* before the assessments, everyone's level counts as 0 */
    n = candidates(f, prog, 1.0, D("2026-02-01"), NULL, got, 16);
    assert_int_equal(n, 5);
    for (size_t i = 0; i < n; i++)
        expect_candidate(&got[i], got[i].person, fw.leadership, 4.0);
    assert_int_equal(got[0].person, c.ana);
    assert_int_equal(got[4].person, c.ida);
}

static void test_candidates_follow_the_level_rule_and_the_programme_competencies(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id comps[2] = { fw.leadership, fw.sql };
    pm_id prog = new_programme(f, "Lead with data", 0, comps, 2);
    crowd c = make_crowd(f, &fw, prog);
    /* weighted: Ana's leadership (1 x 4 + 2 x 2) / 3 = 8/3, gap 4 - 8/3 = 4/3 */
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.kind = PM_LEVEL_WEIGHTED;
    candidate_view got[16];
    size_t n = candidates(f, prog, 1.3, PM_DATE_NONE, &rule, got, 16);
    assert_int_equal(n, 4);
    expect_candidate(&got[0], c.bo, fw.leadership, 4.0);
    expect_candidate(&got[1], c.ida, fw.leadership, 4.0);
    expect_candidate(&got[2], c.cy, fw.sql, 2.0);
    expect_candidate(&got[3], c.ana, fw.leadership, 4.0 / 3.0);
    assert_int_equal(candidates(f, prog, 1.4, PM_DATE_NONE, &rule, got, 16), 3);
    /* a programme on sql alone sees only the sql gaps: Bo 3, Cy 2, Ida 3 */
    pm_id sql_only = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    n = candidates(f, sql_only, 1.0, PM_DATE_NONE, NULL, got, 16);
    assert_int_equal(n, 4);
    expect_candidate(&got[0], c.bo, fw.sql, 3.0);
    expect_candidate(&got[1], c.gus, fw.sql, 3.0); /* enrolled elsewhere only */
    expect_candidate(&got[2], c.ida, fw.sql, 3.0);
    expect_candidate(&got[3], c.cy, fw.sql, 2.0);
    /* writing: Dee the writer, never assessed */
    pm_id writing = new_programme(f, "Write well", 0, &fw.writing, 1);
    n = candidates(f, writing, 0.5, PM_DATE_NONE, NULL, got, 16);
    assert_int_equal(n, 1);
    expect_candidate(&got[0], c.dee, fw.writing, 5.0);
}

static void test_completed_people_are_no_candidates_but_dropped_ones_are(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id comps[2] = { fw.leadership, fw.sql };
    pm_id prog = new_programme(f, "Lead with data", 0, comps, 2);
    crowd c = make_crowd(f, &fw, prog);
    assert_ok(f->sys, pm_programme_complete(f->sys, prog, c.gus, PM_RESULT_PASSED,
                                            PM_DATE_NONE));
    year_plan(f, c.bo);
    enrol(f, prog, c.bo);
    assert_ok(f->sys, pm_programme_drop(f->sys, prog, c.bo));
    candidate_view got[16];
    size_t n = candidates(f, prog, 2.0, PM_DATE_NONE, NULL, got, 16);
    assert_int_equal(n, 4);
    assert_int_equal(got[0].person, c.bo);
    for (size_t i = 0; i < n; i++)
        assert_true(got[i].person != c.gus);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_programme_create_keeps_every_field_and_get_returns_them),
        T(test_programme_list_orders_by_name_ignoring_case_and_anyone_reads),
        T(test_programme_list_of_an_empty_store_is_empty),
        T(test_programme_sessions_come_back_by_date_whatever_order_added),
        T(test_invited_person_enrols_themself_and_gets_a_plan_item),
        T(test_manager_enrols_a_report_who_was_not_invited),
        T(test_enrolment_item_takes_only_session_dates_inside_the_plan),
        T(test_complete_marks_the_item_done_and_plan_progress_counts_it),
        T(test_complete_defaults_to_today_and_keeps_failed_and_absent),
        T(test_drop_cancels_the_item_and_frees_the_seat),
        T(test_manager_drops_an_invitation_and_hr_invites_again),
        T(test_participants_list_every_state_by_person_id),
        T(test_stats_count_each_state_and_the_completion_rate),
        T(test_candidates_rank_by_largest_gap_then_person),
        T(test_candidates_follow_the_level_rule_and_the_programme_competencies),
        T(test_completed_people_are_no_candidates_but_dropped_ones_are),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
