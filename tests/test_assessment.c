/* Assessments through the public API on every backend: each source with
 * the people who may use it, the history and the level on several days,
 * the manager-first and weighted rules, and blind rounds (each side sees
 * only its own until both have submitted; then both show and count). */
#include "test_assessment_helpers.h"

/* ---- adding and reading back ---- */

static void test_assessment_self_by_the_person_is_read_back_whole(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_SELF, "2026-05-02");
    opts.note = "Led two demos " "\xC3\x85" "sa liked";
    pm_id id = 0;
    assert_ok(anna, pm_assessment_add(&id, anna, &opts));
    pm_assessment_iter *it = NULL;
    assert_ok(anna, pm_assessment_list(&it, anna, o.anna, 0));
    pm_assessment *a = NULL;
    assert_ok(anna, pm_assessment_iter_next(&a, it));
    assert_int_equal(pm_assessment_id(a), id);
    assert_int_equal(pm_assessment_person(a), o.anna);
    assert_int_equal(pm_assessment_competency(a), o.comm);
    assert_int_equal(pm_assessment_level(a), 3);
    assert_int_equal(pm_assessment_source_get(a), PM_ASSESSED_BY_SELF);
    assert_int_equal(pm_assessment_assessor(a), o.anna);
    assert_int_equal(pm_assessment_date(a), D("2026-05-02"));
    assert_int_equal(pm_assessment_round(a), 0);
    assert_int_equal(pm_assessment_released(a), 1);
    assert_string_equal(pm_assessment_note(a), "Led two demos " "\xC3\x85" "sa liked");
    assert_int_equal(pm_assessment_iter_next(&a, it), PM_ITEROVER);
    assert_null(a);
    pm_assessment_iter_free(it);
    pm_session_free(anna);
}

static void test_assessment_without_a_date_or_note_holds_from_today(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    assess(anna, o.anna, o.tooling, 0, PM_ASSESSED_BY_SELF, NULL);
    pm_assessment_iter *it = NULL;
    assert_ok(anna, pm_assessment_list(&it, anna, o.anna, o.tooling));
    pm_assessment *a = NULL;
    assert_ok(anna, pm_assessment_iter_next(&a, it));
    assert_int_equal(pm_assessment_date(a), D("2026-06-15"));
    /* 0 is on Tooling's scale (0 to 3). */
    assert_int_equal(pm_assessment_level(a), 0);
    assert_string_equal(pm_assessment_note(a), "");
    pm_assessment_iter_free(it);
    pm_session_free(anna);
}

static void test_assessment_manager_source_by_anyone_above_records_who(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_session *top = pm_fixture_session(f, o.top);
    pm_id by_boss = assess(boss, o.anna, o.comm, 4, PM_ASSESSED_BY_MANAGER, "2026-03-01");
    pm_id by_top = assess(top, o.anna, o.comm, 2, PM_ASSESSED_BY_MANAGER, "2026-04-01");
    pm_assessment_iter *it = NULL;
    assert_ok(f->sys, pm_assessment_list(&it, f->sys, o.anna, o.comm));
    pm_assessment *a = NULL;
    assert_ok(f->sys, pm_assessment_iter_next(&a, it));
    assert_int_equal(pm_assessment_id(a), by_boss);
    assert_int_equal(pm_assessment_assessor(a), o.boss);
    assert_int_equal(pm_assessment_source_get(a), PM_ASSESSED_BY_MANAGER);
    assert_ok(f->sys, pm_assessment_iter_next(&a, it));
    assert_int_equal(pm_assessment_id(a), by_top);
    assert_int_equal(pm_assessment_assessor(a), o.top);
    pm_assessment_iter_free(it);
    pm_session_free(top);
    pm_session_free(boss);
}

static void test_assessment_360_by_hr_or_the_system(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *hr = pm_fixture_session(f, o.hr);
    pm_id by_hr = assess(hr, o.anna, o.lead, 5, PM_ASSESSED_BY_360, "2026-02-01");
    pm_id by_sys = assess(f->sys, o.anna, o.lead, 4, PM_ASSESSED_BY_360, "2026-02-02");
    pm_assessment_iter *it = NULL;
    assert_ok(hr, pm_assessment_list(&it, hr, o.anna, o.lead));
    pm_assessment *a = NULL;
    assert_ok(hr, pm_assessment_iter_next(&a, it));
    assert_int_equal(pm_assessment_id(a), by_hr);
    assert_int_equal(pm_assessment_assessor(a), o.hr);
    assert_int_equal(pm_assessment_source_get(a), PM_ASSESSED_BY_360);
    assert_ok(hr, pm_assessment_iter_next(&a, it));
    assert_int_equal(pm_assessment_id(a), by_sys);
    /* The system actor is assessor 0. */
    assert_int_equal(pm_assessment_assessor(a), 0);
    pm_assessment_iter_free(it);
    pm_session_free(hr);
}

static void test_assessment_hr_admin_assesses_themself_as_self(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *hr = pm_fixture_session(f, o.hr);
    assess(hr, o.hr, o.comm, 2, PM_ASSESSED_BY_SELF, NULL);
    listed l = list_as(hr, o.hr, 0);
    assert_int_equal(l.count, 1);
    pm_session_free(hr);
}

/* ---- listing ---- */

static void test_assessment_list_is_one_history_oldest_first_by_date_then_id(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    /* Added out of order and over two competencies: the index orders by
     * competency first, the list must not. */
    pm_id c = assess(boss, o.anna, o.lead, 3, PM_ASSESSED_BY_MANAGER, "2026-04-01");
    pm_id a = assess(boss, o.anna, o.comm, 2, PM_ASSESSED_BY_MANAGER, "2026-05-01");
    pm_id b = assess(f->sys, o.anna, o.comm, 4, PM_ASSESSED_BY_360, "2026-01-15");
    pm_id d = assess(boss, o.anna, o.lead, 5, PM_ASSESSED_BY_MANAGER, "2026-05-01");
    pm_id e = assess(boss, o.anna, o.comm, 1, PM_ASSESSED_BY_MANAGER, "2026-04-01");
    listed l = list_as(boss, o.anna, 0);
    assert_int_equal(l.count, 5);
    pm_id want[5] = { b, c, e, a, d };
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(l.id[i], want[i]);
    listed comm = list_as(boss, o.anna, o.comm);
    assert_int_equal(comm.count, 3);
    assert_int_equal(comm.id[0], b);
    assert_int_equal(comm.id[1], e);
    assert_int_equal(comm.id[2], a);
    pm_session_free(boss);
}

static void test_assessment_list_is_for_the_person_above_them_hr_and_the_system(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    assess(f->sys, o.anna, o.comm, 4, PM_ASSESSED_BY_360, "2026-01-15");
    pm_id readers[] = { o.anna, o.boss, o.top, o.hr };
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        pm_session *s = pm_fixture_session(f, readers[i]);
        listed l = list_as(s, o.anna, 0);
        assert_int_equal(l.count, 1);
        int assessed = 0;
        assert_near(level_as(s, &assessed, o.anna, o.comm, NULL, NULL), 4);
        pm_session_free(s);
    }
    assert_int_equal(list_as(f->sys, o.anna, 0).count, 1);
    /* Others are refused (test_assessment_refusals.c shows the messages). */
    pm_id others[] = { o.peer, o.report, o.outsider };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        pm_session *s = pm_fixture_session(f, others[i]);
        pm_assessment_iter *it = NULL;
        assert_int_equal(pm_assessment_list(&it, s, o.anna, 0), PM_EPERM);
        assert_null(it);
        pm_session_free(s);
    }
}

static void test_assessment_list_of_someone_never_assessed_is_empty(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    assess(f->sys, o.anna, o.comm, 4, PM_ASSESSED_BY_360, "2026-01-15");
    assert_int_equal(list_as(f->sys, o.peer, 0).count, 0);
    assert_int_equal(list_as(f->sys, o.anna, o.lead).count, 0);
}

/* ---- levels ---- */

static void test_level_follows_the_history_day_by_day(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    assess(boss, o.anna, o.comm, 2, PM_ASSESSED_BY_MANAGER, "2026-01-10");
    assess(f->sys, o.anna, o.comm, 3, PM_ASSESSED_BY_360, "2026-02-01");
    assess(boss, o.anna, o.comm, 4, PM_ASSESSED_BY_MANAGER, "2026-04-01");
    int assessed = -1;
    level_as(boss, &assessed, o.anna, o.comm, "2026-01-09", NULL);
    assert_int_equal(assessed, 0);
    assert_near(level_as(boss, &assessed, o.anna, o.comm, "2026-01-10", NULL), 2);
    assert_int_equal(assessed, 1);
    assert_near(level_as(boss, &assessed, o.anna, o.comm, "2026-03-31", NULL), 2);
    assert_near(level_as(boss, &assessed, o.anna, o.comm, "2026-04-01", NULL), 4);
    assert_near(level_as(boss, &assessed, o.anna, o.comm, NULL, NULL), 4);
    /* A day after today sees what today sees. */
    assert_near(level_as(boss, &assessed, o.anna, o.comm, "2027-01-01", NULL), 4);
    /* Another competency is not assessed. */
    level_as(boss, &assessed, o.anna, o.lead, NULL, NULL);
    assert_int_equal(assessed, 0);
    pm_session_free(boss);
}

static void test_level_manager_first_falls_back_to_self_then_360(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    int assessed = -1;
    assess(f->sys, o.anna, o.comm, 5, PM_ASSESSED_BY_360, "2026-03-01");
    assert_near(level_as(anna, &assessed, o.anna, o.comm, NULL, NULL), 5);
    /* An older self assessment still comes before a newer 360. */
    assess(anna, o.anna, o.comm, 2, PM_ASSESSED_BY_SELF, "2026-01-01");
    assert_near(level_as(anna, &assessed, o.anna, o.comm, NULL, NULL), 2);
    /* Each day sees only what was dated by then. */
    level_as(anna, &assessed, o.anna, o.comm, "2025-12-31", NULL);
    assert_int_equal(assessed, 0);
    assert_near(level_as(anna, &assessed, o.anna, o.comm, "2026-02-01", NULL), 2);
    assess(boss, o.anna, o.comm, 3, PM_ASSESSED_BY_MANAGER, "2026-05-01");
    assert_near(level_as(anna, &assessed, o.anna, o.comm, NULL, NULL), 3);
    assert_near(level_as(anna, &assessed, o.anna, o.comm, "2026-04-30", NULL), 2);
    pm_session_free(boss);
    pm_session_free(anna);
}

static void test_level_weighted_hand_computed_from_the_latest_of_each_source(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    assess(anna, o.anna, o.comm, 1, PM_ASSESSED_BY_SELF, "2026-01-01");  /* superseded */
    assess(anna, o.anna, o.comm, 3, PM_ASSESSED_BY_SELF, "2026-03-01");
    assess(boss, o.anna, o.comm, 4, PM_ASSESSED_BY_MANAGER, "2026-02-01");
    assess(f->sys, o.anna, o.comm, 2, PM_ASSESSED_BY_360, "2026-04-01");
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.kind = PM_LEVEL_WEIGHTED;
    int assessed = 0;
    /* (1 x 3 + 2 x 4 + 1 x 2) / 4 = 3.25 */
    assert_near(level_as(anna, &assessed, o.anna, o.comm, NULL, &rule), 3.25);
    assert_int_equal(assessed, 1);
    /* On 2026-02-15: self 1 and manager 4: (1 + 8) / 3 = 3 */
    assert_near(level_as(anna, &assessed, o.anna, o.comm, "2026-02-15", &rule), 3);
    /* Weights 0.5, 1.5, 0: (0.5 x 3 + 1.5 x 4) / 2 = 3.75; the 360 is left out. */
    rule.self_weight = 0.5;
    rule.manager_weight = 1.5;
    rule.review360_weight = 0;
    assert_near(level_as(anna, &assessed, o.anna, o.comm, NULL, &rule), 3.75);
    /* On 2026-01-01 only the first self assessment is there: 1. */
    assert_near(level_as(anna, &assessed, o.anna, o.comm, "2026-01-01", &rule), 1);
    /* Self weighing 0 and only self present: not assessed. */
    rule.self_weight = 0;
    level_as(anna, &assessed, o.anna, o.comm, "2026-01-01", &rule);
    assert_int_equal(assessed, 0);
    /* The default rule, for contrast: the manager's 4. */
    assert_near(level_as(anna, &assessed, o.anna, o.comm, NULL, NULL), 4);
    pm_session_free(boss);
    pm_session_free(anna);
}

static void test_level_of_one_day_takes_the_later_recorded(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_session *top = pm_fixture_session(f, o.top);
    assess(top, o.anna, o.lead, 5, PM_ASSESSED_BY_MANAGER, "2026-05-05");
    assess(boss, o.anna, o.lead, 2, PM_ASSESSED_BY_MANAGER, "2026-05-05");
    int assessed = 0;
    assert_near(level_as(boss, &assessed, o.anna, o.lead, NULL, NULL), 2);
    pm_session_free(top);
    pm_session_free(boss);
}

/* ---- blind rounds ---- */

typedef struct round_case {
    assess_org o;
    pm_session *anna;
    pm_session *boss;
    pm_session *top;
    pm_session *hr;
    pm_id round;
    pm_id older;      /* a released manager assessment before the round */
    pm_id self;       /* anna's, in the round */
    pm_id manager;    /* boss's, in the round */
} round_case;

static round_case start_round(pm_fixture *f)
{
    round_case c;
    c.o = make_org(f);
    c.anna = pm_fixture_session(f, c.o.anna);
    c.boss = pm_fixture_session(f, c.o.boss);
    c.top = pm_fixture_session(f, c.o.top);
    c.hr = pm_fixture_session(f, c.o.hr);
    c.older = assess(c.boss, c.o.anna, c.o.comm, 3, PM_ASSESSED_BY_MANAGER, "2026-05-01");
    c.round = open_round(c.boss, c.o.anna, "2026-06-10");
    c.self = assess_in(c.anna, c.round, c.o.anna, c.o.comm, 5, PM_ASSESSED_BY_SELF);
    c.manager = assess_in(c.boss, c.round, c.o.anna, c.o.comm, 2, PM_ASSESSED_BY_MANAGER);
    return c;
}

static void end_round(round_case *c)
{
    pm_session_free(c->hr);
    pm_session_free(c->top);
    pm_session_free(c->boss);
    pm_session_free(c->anna);
}

static void assert_state(pm_session *s, pm_id round, int self, int manager, pm_time released)
{
    int self_submitted = -1, manager_submitted = -1;
    pm_time at = -1;
    assert_ok(s, pm_assessment_round_state(&self_submitted, &manager_submitted, &at, s, round));
    assert_int_equal(self_submitted, self);
    assert_int_equal(manager_submitted, manager);
    assert_int_equal(at, released);
}

static void test_round_each_side_sees_only_its_own_before_both_submit(void **state)
{
    pm_fixture *f = *state;
    round_case c = start_round(f);
    listed anna = list_as(c.anna, c.o.anna, 0);
    assert_int_equal(anna.count, 2);
    assert_true(listed_has(&anna, c.older));
    assert_true(listed_has(&anna, c.self));
    assert_false(listed_has(&anna, c.manager));
    listed boss = list_as(c.boss, c.o.anna, c.o.comm);
    assert_int_equal(boss.count, 2);
    assert_true(listed_has(&boss, c.manager));
    assert_false(listed_has(&boss, c.self));
    /* Everyone above is the manager side. */
    listed top = list_as(c.top, c.o.anna, 0);
    assert_true(listed_has(&top, c.manager));
    assert_false(listed_has(&top, c.self));
    /* HR and the system run the process and are on neither side. */
    listed hr = list_as(c.hr, c.o.anna, 0);
    assert_int_equal(hr.count, 3);
    assert_int_equal(list_as(f->sys, c.o.anna, 0).count, 3);
    /* Round assessments carry the round's day and are not released. */
    for (size_t i = 0; i < hr.count; i++) {
        if (hr.id[i] == c.older)
            continue;
        assert_int_equal(hr.on[i], D("2026-06-10"));
        assert_int_equal(hr.released[i], 0);
    }
    end_round(&c);
}

static void test_round_assessments_do_not_count_before_release(void **state)
{
    pm_fixture *f = *state;
    round_case c = start_round(f);
    int assessed = 0;
    /* The older 3, not the round's 2 (nor the self 5), for everyone. */
    assert_near(level_as(c.hr, &assessed, c.o.anna, c.o.comm, NULL, NULL), 3);
    assert_near(level_as(c.anna, &assessed, c.o.anna, c.o.comm, NULL, NULL), 3);
    assert_near(level_as(c.boss, &assessed, c.o.anna, c.o.comm, NULL, NULL), 3);
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.kind = PM_LEVEL_WEIGHTED;
    assert_near(level_as(f->sys, &assessed, c.o.anna, c.o.comm, NULL, &rule), 3);
    end_round(&c);
}

static void test_round_one_submission_keeps_it_blind(void **state)
{
    pm_fixture *f = *state;
    round_case c = start_round(f);
    int released = -1;
    assert_ok(c.anna, pm_assessment_round_submit(&released, c.anna, c.round));
    assert_int_equal(released, 0);
    assert_state(c.anna, c.round, 1, 0, 0);
    assert_state(c.boss, c.round, 1, 0, 0);
    listed boss = list_as(c.boss, c.o.anna, 0);
    assert_false(listed_has(&boss, c.self));
    listed anna = list_as(c.anna, c.o.anna, 0);
    assert_false(listed_has(&anna, c.manager));
    int assessed = 0;
    assert_near(level_as(c.boss, &assessed, c.o.anna, c.o.comm, NULL, NULL), 3);
    end_round(&c);
}

static void test_round_second_submission_releases_both_sides_together(void **state)
{
    pm_fixture *f = *state;
    round_case c = start_round(f);
    int released = -1;
    assert_ok(c.anna, pm_assessment_round_submit(&released, c.anna, c.round));
    f->now = PM_FIXTURE_NOW + 3600;
    assert_ok(c.boss, pm_assessment_round_submit(&released, c.boss, c.round));
    assert_int_equal(released, 1);
    assert_state(c.hr, c.round, 1, 1, PM_FIXTURE_NOW + 3600);
    assert_state(f->sys, c.round, 1, 1, PM_FIXTURE_NOW + 3600);
    listed anna = list_as(c.anna, c.o.anna, 0);
    listed boss = list_as(c.boss, c.o.anna, 0);
    assert_int_equal(anna.count, 3);
    assert_int_equal(boss.count, 3);
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(anna.id[i], boss.id[i]);
        assert_int_equal(anna.released[i], 1);
    }
    int assessed = 0;
    /* Now the round's manager 2 (2026-06-10) is the latest manager's. */
    assert_near(level_as(c.anna, &assessed, c.o.anna, c.o.comm, NULL, NULL), 2);
    /* And weighted: (1 x 5 + 2 x 2) / 3 = 3. */
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.kind = PM_LEVEL_WEIGHTED;
    assert_near(level_as(c.anna, &assessed, c.o.anna, c.o.comm, NULL, &rule), 3);
    /* Before the round's day, it still was the older 3. */
    assert_near(level_as(c.anna, &assessed, c.o.anna, c.o.comm, "2026-06-09", NULL), 3);
    end_round(&c);
}

static void test_round_manager_side_may_submit_first(void **state)
{
    pm_fixture *f = *state;
    round_case c = start_round(f);
    int released = -1;
    /* Anyone above submits the manager side, not only who assessed. */
    assert_ok(c.top, pm_assessment_round_submit(&released, c.top, c.round));
    assert_int_equal(released, 0);
    assert_state(c.anna, c.round, 0, 1, 0);
    listed anna = list_as(c.anna, c.o.anna, 0);
    assert_false(listed_has(&anna, c.manager));
    assert_ok(c.anna, pm_assessment_round_submit(&released, c.anna, c.round));
    assert_int_equal(released, 1);
    anna = list_as(c.anna, c.o.anna, 0);
    assert_true(listed_has(&anna, c.manager));
    assert_state(c.anna, c.round, 1, 1, PM_FIXTURE_NOW);
    end_round(&c);
}

static void test_round_with_nothing_assessed_still_releases(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_id round = open_round(f->sys, o.anna, NULL);
    assert_ok(anna, pm_assessment_round_submit(NULL, anna, round));
    int released = 0;
    assert_ok(boss, pm_assessment_round_submit(&released, boss, round));
    assert_int_equal(released, 1);
    /* Released: another round may open now. */
    pm_id next = open_round(boss, o.anna, NULL);
    assert_true(next != round);
    assert_state(anna, next, 0, 0, 0);
    pm_session_free(boss);
    pm_session_free(anna);
}

static void test_round_hr_admin_assessed_in_a_round_is_its_self_side(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_id hanna = pm_fixture_person(f, "H2", "Hedda HR", o.boss, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, hanna, 1));
    pm_session *hedda = pm_fixture_session(f, hanna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_id round = open_round(boss, hanna, NULL);
    pm_id by_boss = assess_in(boss, round, hanna, o.comm, 4, PM_ASSESSED_BY_MANAGER);
    pm_id by_self = assess_in(hedda, round, hanna, o.comm, 3, PM_ASSESSED_BY_SELF);
    listed own = list_as(hedda, hanna, 0);
    assert_false(listed_has(&own, by_boss));
    assert_true(listed_has(&own, by_self));
    /* Another HR admin, on neither side, sees both. */
    pm_session *hr = pm_fixture_session(f, o.hr);
    assert_int_equal(list_as(hr, hanna, 0).count, 2);
    pm_session_free(hr);
    pm_session_free(boss);
    pm_session_free(hedda);
}

static void test_round_is_opened_by_above_hr_or_the_system(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *top = pm_fixture_session(f, o.top);
    pm_session *hr = pm_fixture_session(f, o.hr);
    pm_session *anna = pm_fixture_session(f, o.anna);
    open_round(top, o.anna, NULL);
    open_round(hr, o.peer, "2026-06-01");
    pm_id r = open_round(f->sys, o.report, NULL);
    /* The round's day is the day of its assessments. */
    assess_in(anna, r, o.report, o.lead, 4, PM_ASSESSED_BY_MANAGER);
    listed l = list_as(anna, o.report, 0);
    assert_int_equal(l.count, 1);
    assert_int_equal(l.on[0], D("2026-06-15"));
    pm_session_free(anna);
    pm_session_free(hr);
    pm_session_free(top);
}

static void test_round_state_is_read_by_the_person_above_hr_and_the_system(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_id round = open_round(f->sys, o.anna, NULL);
    pm_id readers[] = { o.anna, o.boss, o.top, o.hr };
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        pm_session *s = pm_fixture_session(f, readers[i]);
        assert_state(s, round, 0, 0, 0);
        pm_session_free(s);
    }
    assert_ok(f->sys, pm_assessment_round_state(NULL, NULL, NULL, f->sys, round));
}

static void test_assessment_opts_init_fills_the_defaults(void **state)
{
    (void)state;
    pm_assessment_opts o;
    memset(&o, 0x5a, sizeof o);
    assert_int_equal(pm_assessment_opts_init(&o, PM_ASSESSMENT_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_ASSESSMENT_OPTS_VERSION);
    assert_int_equal(o.person, 0);
    assert_int_equal(o.on, PM_DATE_NONE);
    assert_int_equal(o.round, 0);
    assert_null(o.note);
    assert_int_equal(pm_assessment_opts_init(NULL, 1), PM_EINVAL);
    assert_int_equal(pm_assessment_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_assessment_opts_init(&o, PM_ASSESSMENT_OPTS_VERSION + 1), PM_EVERSION);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_assessment_self_by_the_person_is_read_back_whole),
        T(test_assessment_without_a_date_or_note_holds_from_today),
        T(test_assessment_manager_source_by_anyone_above_records_who),
        T(test_assessment_360_by_hr_or_the_system),
        T(test_assessment_hr_admin_assesses_themself_as_self),
        T(test_assessment_list_is_one_history_oldest_first_by_date_then_id),
        T(test_assessment_list_is_for_the_person_above_them_hr_and_the_system),
        T(test_assessment_list_of_someone_never_assessed_is_empty),
        T(test_level_follows_the_history_day_by_day),
        T(test_level_manager_first_falls_back_to_self_then_360),
        T(test_level_weighted_hand_computed_from_the_latest_of_each_source),
        T(test_level_of_one_day_takes_the_later_recorded),
        T(test_round_each_side_sees_only_its_own_before_both_submit),
        T(test_round_assessments_do_not_count_before_release),
        T(test_round_one_submission_keeps_it_blind),
        T(test_round_second_submission_releases_both_sides_together),
        T(test_round_manager_side_may_submit_first),
        T(test_round_with_nothing_assessed_still_releases),
        T(test_round_hr_admin_assessed_in_a_round_is_its_self_side),
        T(test_round_is_opened_by_above_hr_or_the_system),
        T(test_round_state_is_read_by_the_person_above_hr_and_the_system),
        T(test_assessment_opts_init_fills_the_defaults),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
