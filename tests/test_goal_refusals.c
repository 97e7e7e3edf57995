/* Goals on every backend: every way the input can be wrong is refused
 * with its status and a message naming the field, and the store stays
 * exactly as it was. The happy paths are in test_goal.c. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_goal_helpers.h"

/* ---- changing a goal ---- */

static void test_goal_update_checks_the_whole_result(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id id = new_goal(f, owner, "Ship it", "2026-03-01", "2026-12-31");
    char *before = pm_fixture_store_dump(f);
    pm_goal_opts u = goal_opts(0, NULL, "2026-03-01", "2026-01-01");
    assert_fails(f->sys, pm_goal_update(f->sys, id, &u, PM_GOAL_FIELD_PERIOD), PM_EINVAL,
                 "goal.due: 2026-01-01 is before the start 2026-03-01");
    u = goal_opts(0, "", NULL, NULL);
    assert_fails(f->sys, pm_goal_update(f->sys, id, &u, PM_GOAL_FIELD_TITLE), PM_EINVAL,
                 "goal.title");
    u.weight = -1.0;
    assert_fails(f->sys, pm_goal_update(f->sys, id, &u, PM_GOAL_FIELD_WEIGHT), PM_EINVAL,
                 "goal.weight: must not be negative");
    assert_fails(f->sys, pm_goal_update(f->sys, id, &u, 0x80), PM_EINVAL, "fields: 0x80");
    assert_fails(f->sys, pm_goal_update(f->sys, 999, &u, PM_GOAL_FIELD_WEIGHT), PM_ENOTFOUND,
                 "goal: goal 999 does not exist");
    pm_fixture_assert_store_is(f, before);
}

/* ---- states and the alignment tree ---- */

static void test_goal_set_state_refuses_unknown_states_and_goals(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id id = new_goal(f, owner, "Ship it", "2026-01-01", "2026-12-31");
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_goal_set_state(f->sys, id, (pm_goal_state)9), PM_EINVAL,
                 "goal.state: 9 is not a state");
    assert_fails(f->sys, pm_goal_set_state(f->sys, 999, PM_GOAL_ACTIVE), PM_ENOTFOUND,
                 "goal 999 does not exist");
    assert_fails(f->sys, pm_goal_set_state(f->sys, 0, PM_GOAL_ACTIVE), PM_EINVAL,
                 "goal: 0 is not a goal id");
    pm_fixture_assert_store_is(f, before);
}

static void test_goal_parent_that_would_make_a_cycle_is_refused(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id top = new_goal(f, owner, "Top", "2026-01-01", "2026-12-31");
    pm_id mid = child_goal(f, owner, top, "Mid", "2026-12-31");
    pm_id low = child_goal(f, owner, mid, "Low", "2026-12-31");
    char *before = pm_fixture_store_dump(f);
    pm_goal_opts u = goal_opts(0, NULL, NULL, NULL);
    u.parent = low;
    assert_fails(f->sys, pm_goal_update(f->sys, top, &u, PM_GOAL_FIELD_PARENT), PM_ECYCLE,
                 "goal.parent");
    u.parent = top;
    assert_fails(f->sys, pm_goal_update(f->sys, top, &u, PM_GOAL_FIELD_PARENT), PM_ECYCLE,
                 "cannot contribute to itself");
    u.parent = 999;
    assert_fails(f->sys, pm_goal_update(f->sys, top, &u, PM_GOAL_FIELD_PARENT), PM_ENOTFOUND,
                 "goal.parent: goal 999 does not exist");
    pm_fixture_assert_store_is(f, before);
    /* Moving a branch elsewhere is fine, and detaching too. */
    u.parent = top;
    assert_ok(f->sys, pm_goal_update(f->sys, low, &u, PM_GOAL_FIELD_PARENT));
    u.parent = 0;
    assert_ok(f->sys, pm_goal_update(f->sys, mid, &u, PM_GOAL_FIELD_PARENT));
    pm_goal *g = get_goal(f, mid);
    assert_int_equal(pm_goal_parent(g), 0);
    pm_goal_free(g);
}

/* ---- bad input ---- */

enum bad_case {
    BAD_TITLE_MISSING, BAD_TITLE_UTF8, BAD_TITLE_LONG, BAD_TITLE_NEWLINE, BAD_DUE_MISSING,
    BAD_DUE_BEFORE_START, BAD_WEIGHT_NEGATIVE, BAD_WEIGHT_NAN, BAD_KIND, BAD_VISIBILITY,
    BAD_OWNER_LEFT, BAD_OWNER_UNKNOWN, BAD_UNIT_UNKNOWN, BAD_PARENT_UNKNOWN,
    BAD_CHECKIN_UNKNOWN, BAD_VERSION_0, BAD_VERSION_99, BAD_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_expect[BAD_COUNT] = {
    [BAD_TITLE_MISSING] = { PM_EINVAL, "goal.title: must not be empty" },
    [BAD_TITLE_UTF8] = { PM_EUTF8, "goal.title: invalid UTF-8" },
    [BAD_TITLE_LONG] = { PM_ERANGE, "goal.title: longer than 200" },
    [BAD_TITLE_NEWLINE] = { PM_EINVAL, "goal.title" },
    [BAD_DUE_MISSING] = { PM_EINVAL, "goal.due: must be given" },
    [BAD_DUE_BEFORE_START] = { PM_EINVAL, "goal.due: 2026-01-01 is before the start 2026-03-01" },
    [BAD_WEIGHT_NEGATIVE] = { PM_EINVAL, "goal.weight: must not be negative" },
    [BAD_WEIGHT_NAN] = { PM_EINVAL, "goal.weight: must be a finite number" },
    [BAD_KIND] = { PM_EINVAL, "goal.kind: 9 is not a kind" },
    [BAD_VISIBILITY] = { PM_EINVAL, "goal.visibility: 0 is not a visibility" },
    [BAD_OWNER_LEFT] = { PM_EINVAL, "has left" },
    [BAD_OWNER_UNKNOWN] = { PM_ENOTFOUND, "goal.owner: person 999 does not exist" },
    [BAD_UNIT_UNKNOWN] = { PM_ENOTFOUND, "goal.unit: unit 999 does not exist" },
    [BAD_PARENT_UNKNOWN] = { PM_ENOTFOUND, "goal.parent: goal 999 does not exist" },
    [BAD_CHECKIN_UNKNOWN] = { PM_ENOTFOUND, "goal.source_checkin: check-in 999 does not exist" },
    [BAD_VERSION_0] = { PM_EVERSION, "goal_opts.version: 0" },
    [BAD_VERSION_99] = { PM_EVERSION, "goal_opts.version: 99" },
};

static void test_goal_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id gone = pm_fixture_person(f, "E2", "Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    char long_title[202];
    memset(long_title, 'x', 201);
    long_title[201] = '\0';
    for (int c = 0; c < BAD_COUNT; c++) {
        pm_goal_opts o = goal_opts(owner, "Fine", "2026-03-01", "2026-12-31");
        switch ((enum bad_case)c) {
        case BAD_TITLE_MISSING: o.title = NULL; break;
        case BAD_TITLE_UTF8: o.title = "Bad \xC3\x28 byte"; break;
        case BAD_TITLE_LONG: o.title = long_title; break;
        case BAD_TITLE_NEWLINE: o.title = "Two\nlines"; break;
        case BAD_DUE_MISSING: o.due = PM_DATE_NONE; break;
        case BAD_DUE_BEFORE_START: o.due = D("2026-01-01"); break;
        case BAD_WEIGHT_NEGATIVE: o.weight = -0.5; break;
        case BAD_WEIGHT_NAN: o.weight = NAN; break;
        case BAD_KIND: o.kind = (pm_goal_kind)9; break;
        case BAD_VISIBILITY: o.visibility = (pm_visibility)0; break;
        case BAD_OWNER_LEFT: o.owner = gone; break;
        case BAD_OWNER_UNKNOWN: o.owner = 999; break;
        case BAD_UNIT_UNKNOWN: o.unit = 999; break;
        case BAD_PARENT_UNKNOWN: o.parent = 999; break;
        case BAD_CHECKIN_UNKNOWN: o.source_checkin = 999; break;
        case BAD_VERSION_0: o.version = 0; break;
        case BAD_VERSION_99: o.version = 99; break;
        case BAD_COUNT: break;
        }
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        assert_fails(f->sys, pm_goal_create(&id, f->sys, &o), bad_expect[c].status,
                     bad_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    assert_fails(f->sys, pm_goal_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
}

static void test_key_result_add_refuses_bad_numbers_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    char *before = pm_fixture_store_dump(f);
    pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
    o.title = "Deals";
    o.baseline = 12.0;
    o.target = 12.0;
    assert_fails(f->sys, pm_key_result_add(NULL, f->sys, goal, &o), PM_EINVAL,
                 "key_result.target: must differ from the baseline");
    o.target = 20.0;
    o.weight = -1.0;
    assert_fails(f->sys, pm_key_result_add(NULL, f->sys, goal, &o), PM_EINVAL,
                 "key_result.weight: must not be negative");
    o.weight = 1.0;
    o.baseline = INFINITY;
    assert_fails(f->sys, pm_key_result_add(NULL, f->sys, goal, &o), PM_EINVAL,
                 "key_result.baseline");
    o.baseline = 12.0;
    o.title = "";
    assert_fails(f->sys, pm_key_result_add(NULL, f->sys, goal, &o), PM_EINVAL,
                 "key_result.title");
    o.title = "Deals";
    o.unit = "\xFF";
    assert_fails(f->sys, pm_key_result_add(NULL, f->sys, goal, &o), PM_EUTF8,
                 "key_result.unit");
    o.unit = NULL;
    assert_fails(f->sys, pm_key_result_add(NULL, f->sys, 999, &o), PM_ENOTFOUND,
                 "goal 999 does not exist");
    o.version = 0;
    assert_fails(f->sys, pm_key_result_add(NULL, f->sys, goal, &o), PM_EVERSION,
                 "key_result_opts.version");
    pm_fixture_assert_store_is(f, before);
}

static void test_progress_add_refuses_bad_updates_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id draft = new_goal(f, owner, "Draft", "2026-01-01", "2026-12-31");
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_id other = new_active_goal(f, owner, "Other", "2026-01-01", "2026-12-31");
    pm_id manual = new_active_goal(f, owner, "Manual", "2026-01-01", "2026-12-31");
    pm_id kr = add_kr(f, goal, 0, 10, 1);
    pm_id other_kr = add_kr(f, other, 0, 10, 1);
    char *before = pm_fixture_store_dump(f);
    pm_progress_opts o = PM_PROGRESS_OPTS_INIT;
    o.value = 5;
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, draft, 0, &o), PM_EINVAL,
                 "is draft, not active");
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, 0, &o), PM_EINVAL,
                 "has key results");
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, other_kr, &o), PM_EINVAL,
                 "belongs to goal");
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, 999, &o), PM_ENOTFOUND,
                 "progress.key_result: key result 999 does not exist");
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, manual, 0, &o), PM_EINVAL,
                 "manual progress lies between 0 and 1");
    o.value = NAN;
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, kr, &o), PM_EINVAL,
                 "progress.value: must be a finite number");
    o.value = 5;
    o.confidence = 11;
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, kr, &o), PM_EINVAL,
                 "progress.confidence: 11");
    o.confidence = PM_CONFIDENCE_NONE;
    o.comment = "bad \xC0\x80";
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, kr, &o), PM_EUTF8,
                 "progress.comment");
    o.comment = NULL;
    o.version = 99;
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, kr, &o), PM_EVERSION,
                 "progress_opts.version: 99");
    pm_fixture_assert_store_is(f, before);
}

static void test_goal_reads_refuse_unknown_ids_and_versions(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_goal *g = NULL;
    assert_fails(f->sys, pm_goal_get(&g, f->sys, 999), PM_ENOTFOUND, "goal 999 does not exist");
    assert_null(g);
    pm_goal_status st = PM_GOAL_STATUS_INIT;
    assert_fails(f->sys, pm_goal_evaluate(&st, f->sys, 999, PM_DATE_NONE, NULL), PM_ENOTFOUND,
                 "goal 999");
    st.version = 0;
    assert_fails(f->sys, pm_goal_evaluate(&st, f->sys, goal, PM_DATE_NONE, NULL), PM_EVERSION,
                 "goal_status.version: 0");
    st.version = PM_GOAL_STATUS_VERSION;
    pm_health_opts h = PM_HEALTH_OPTS_INIT;
    h.version = 99;
    assert_fails(f->sys, pm_goal_evaluate(&st, f->sys, goal, PM_DATE_NONE, &h), PM_EVERSION,
                 "health_opts.version: 99");
    h.version = PM_HEALTH_OPTS_VERSION;
    h.stale_days = 0;
    assert_fails(f->sys, pm_goal_evaluate(&st, f->sys, goal, PM_DATE_NONE, &h), PM_EINVAL,
                 "health_opts.stale_days");
    pm_key_result_iter *kit = NULL;
    assert_fails(f->sys, pm_key_result_list(&kit, f->sys, 999), PM_ENOTFOUND, "goal 999");
    pm_progress_iter *pit = NULL;
    assert_fails(f->sys, pm_progress_list(&pit, f->sys, 999), PM_ENOTFOUND, "goal 999");
    pm_goal_iter *git = NULL;
    assert_fails(f->sys, pm_goal_tree(&git, f->sys, 999, 0), PM_ENOTFOUND, "goal 999");
    assert_fails(f->sys, pm_key_result_remove(f->sys, 999), PM_ENOTFOUND, "key result 999");
}

static void test_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_goal_opts g;
    memset(&g, 0xAB, sizeof g);
    assert_int_equal(pm_goal_opts_init(&g, PM_GOAL_OPTS_VERSION), PM_OK);
    assert_int_equal(g.version, PM_GOAL_OPTS_VERSION);
    assert_null(g.title);
    assert_int_equal(g.kind, PM_GOAL_PERFORMANCE);
    assert_int_equal(g.due, PM_DATE_NONE);
    assert_true(g.weight == 1.0);
    assert_int_equal(pm_goal_opts_init(&g, 0), PM_EVERSION);
    assert_int_equal(pm_goal_opts_init(&g, 99), PM_EVERSION);
    assert_int_equal(pm_goal_opts_init(NULL, 1), PM_EINVAL);
    pm_key_result_opts k;
    assert_int_equal(pm_key_result_opts_init(&k, PM_KEY_RESULT_OPTS_VERSION), PM_OK);
    assert_int_equal(k.kind, PM_KEY_RESULT_NUMERIC);
    assert_int_equal(pm_key_result_opts_init(&k, 0), PM_EVERSION);
    pm_progress_opts p;
    assert_int_equal(pm_progress_opts_init(&p, PM_PROGRESS_OPTS_VERSION), PM_OK);
    assert_int_equal(p.confidence, PM_CONFIDENCE_NONE);
    assert_int_equal(pm_progress_opts_init(&p, 99), PM_EVERSION);
    pm_health_opts h;
    assert_int_equal(pm_health_opts_init(&h, PM_HEALTH_OPTS_VERSION), PM_OK);
    assert_int_equal(h.stale_days, 14);
    assert_int_equal(pm_health_opts_init(&h, 0), PM_EVERSION);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_goal_update_checks_the_whole_result),
        T(test_goal_set_state_refuses_unknown_states_and_goals),
        T(test_goal_parent_that_would_make_a_cycle_is_refused),
        T(test_goal_create_refuses_bad_input_and_writes_nothing),
        T(test_key_result_add_refuses_bad_numbers_and_writes_nothing),
        T(test_progress_add_refuses_bad_updates_and_writes_nothing),
        T(test_goal_reads_refuse_unknown_ids_and_versions),
        T(test_opts_init_fills_defaults_and_refuses_unknown_versions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
