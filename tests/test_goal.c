/* Goals through the public API, on every backend: create, read, change,
 * states, the alignment tree, key results, progress history, evaluation on
 * a date (roll-up, health, stale, overdue), the lists, and running out of
 * memory. Every way the input can be wrong is in test_goal_refusals.c.
 *
 * Tolerance: expected progress values are ratios of small numbers written
 * out in the test; the library reaches them by a few subtractions, products
 * and one division, so 1e-9 leaves room for rounding and none for a wrong
 * formula (the closest wrong answer tested differs by 0.05). */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_goal_helpers.h"

#define TOLERANCE 1e-9
#define assert_near(actual, expected) assert_true(fabs((actual) - (expected)) < TOLERANCE)

/* ---- helpers ---- */

/* Noon UTC of a day, for moving the fixture clock. */
static pm_time noon(const char *iso)
{
    return (pm_time)D(iso) * 86400 + 43200;
}

static void record(pm_fixture *f, pm_id goal, pm_id kr, double value)
{
    pm_progress_opts o = PM_PROGRESS_OPTS_INIT;
    o.value = value;
    assert_ok(f->sys, pm_progress_add(NULL, f->sys, goal, kr, &o));
}

static pm_key_result *first_kr(pm_fixture *f, pm_id goal, pm_key_result_iter **it)
{
    pm_key_result *kr = NULL;
    assert_ok(f->sys, pm_key_result_list(it, f->sys, goal));
    assert_int_equal(pm_key_result_iter_next(&kr, *it), PM_OK);
    return kr;
}

static pm_goal_status evaluate(pm_fixture *f, pm_id goal, const char *on)
{
    pm_goal_status st = PM_GOAL_STATUS_INIT;
    assert_ok(f->sys, pm_goal_evaluate(&st, f->sys, goal, on ? D(on) : PM_DATE_NONE, NULL));
    return st;
}

/* The ids an iterator hands out, into ids (at most max); returns the count. */
static size_t drain(pm_goal_iter *it, pm_id *ids, int *depths, size_t max)
{
    size_t n = 0;
    pm_goal *g = NULL;
    pm_status st;
    while ((st = pm_goal_iter_next(&g, it)) == PM_OK) {
        if (n < max) {
            ids[n] = pm_goal_id(g);
            if (depths)
                depths[n] = pm_goal_iter_depth(it);
        }
        n++;
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_goal_iter_free(it);
    return n;
}

static size_t count_progress(pm_fixture *f, pm_id goal)
{
    pm_progress_iter *it = NULL;
    assert_ok(f->sys, pm_progress_list(&it, f->sys, goal));
    size_t n = 0;
    pm_progress *p = NULL;
    while (pm_progress_iter_next(&p, it) == PM_OK)
        n++;
    pm_progress_iter_free(it);
    return n;
}

/* ---- creating, reading, changing ---- */

static void test_goal_create_then_get_returns_every_field(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id parent = new_goal(f, owner, "Grow the team", "2026-01-01", "2026-12-31");
    pm_goal_opts o = goal_opts(owner, "Hire two engineers", "2026-02-01", "2026-09-30");
    o.description = "Backend and\nfrontend";
    o.kind = PM_GOAL_DEVELOPMENT;
    o.weight = 2.5;
    o.visibility = PM_VISIBILITY_PUBLIC;
    o.parent = parent;
    pm_id id = create_ok(f->sys, &o);
    pm_goal *g = get_goal(f, id);
    assert_int_equal(pm_goal_id(g), id);
    assert_int_equal(pm_goal_owner(g), owner);
    assert_int_equal(pm_goal_unit(g), 0);
    assert_string_equal(pm_goal_title(g), "Hire two engineers");
    assert_string_equal(pm_goal_description(g), "Backend and\nfrontend");
    assert_int_equal(pm_goal_kind_get(g), PM_GOAL_DEVELOPMENT);
    assert_int_equal(pm_goal_state_get(g), PM_GOAL_DRAFT);
    assert_int_equal(pm_goal_start(g), D("2026-02-01"));
    assert_int_equal(pm_goal_due(g), D("2026-09-30"));
    assert_near(pm_goal_weight(g), 2.5);
    assert_int_equal(pm_goal_visibility(g), PM_VISIBILITY_PUBLIC);
    assert_int_equal(pm_goal_parent(g), parent);
    assert_int_equal(pm_goal_source_checkin(g), 0);
    assert_int_equal(pm_goal_created_at(g), f->now);
    assert_int_equal(pm_goal_created_by(g), 0);
    assert_int_equal(pm_goal_updated_at(g), f->now);
    pm_goal_free(g);
}

static void test_goal_create_defaults_start_to_today_and_description_to_empty(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id id = new_goal(f, owner, "Ship it", NULL, "2026-12-31");
    pm_goal *g = get_goal(f, id);
    assert_int_equal(pm_goal_start(g), pm_time_date(PM_FIXTURE_NOW));
    assert_string_equal(pm_goal_description(g), "");
    assert_int_equal(pm_goal_kind_get(g), PM_GOAL_PERFORMANCE);
    assert_int_equal(pm_goal_visibility(g), PM_VISIBILITY_PRIVATE);
    assert_near(pm_goal_weight(g), 1.0);
    pm_goal_free(g);
}

static void test_goal_getters_of_null_return_zero_values(void **state)
{
    (void)state;
    assert_int_equal(pm_goal_id(NULL), 0);
    assert_null(pm_goal_title(NULL));
    assert_null(pm_goal_description(NULL));
    assert_int_equal(pm_goal_state_get(NULL), 0);
    assert_null(pm_key_result_title(NULL));
    assert_int_equal(pm_key_result_commit(NULL, NULL), 0);
    assert_null(pm_progress_comment(NULL));
    assert_int_equal(pm_goal_iter_depth(NULL), 0);
    pm_goal_free(NULL);
    pm_goal_iter_free(NULL);
    pm_key_result_iter_free(NULL);
    pm_progress_iter_free(NULL);
}

static void test_goal_update_changes_only_the_flagged_fields(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_goal_opts o = goal_opts(owner, "Old title", "2026-01-01", "2026-12-31");
    o.description = "Kept";
    pm_id id = create_ok(f->sys, &o);
    f->now += 3600;
    pm_goal_opts u = goal_opts(0, "New title", "2025-01-01", "2025-02-01");
    u.weight = 3.0;
    u.description = "Not applied";
    assert_ok(f->sys, pm_goal_update(f->sys, id, &u, PM_GOAL_FIELD_TITLE | PM_GOAL_FIELD_WEIGHT));
    pm_goal *g = get_goal(f, id);
    assert_string_equal(pm_goal_title(g), "New title");
    assert_near(pm_goal_weight(g), 3.0);
    assert_string_equal(pm_goal_description(g), "Kept");
    assert_int_equal(pm_goal_start(g), D("2026-01-01"));
    assert_int_equal(pm_goal_owner(g), owner);
    assert_int_equal(pm_goal_created_at(g), PM_FIXTURE_NOW);
    assert_int_equal(pm_goal_updated_at(g), PM_FIXTURE_NOW + 3600);
    pm_goal_free(g);
}

static void test_goal_update_without_fields_leaves_the_store_as_it_was(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id id = new_goal(f, owner, "Ship it", "2026-01-01", "2026-12-31");
    char *before = pm_fixture_store_dump(f);
    pm_goal_opts u = goal_opts(0, NULL, NULL, NULL);
    assert_ok(f->sys, pm_goal_update(f->sys, id, &u, 0));
    pm_fixture_assert_store_is(f, before);
}

/* ---- states ---- */

/* How to bring a new goal (draft) to each state. */
static const pm_goal_state path_to[6][3] = {
    [PM_GOAL_DRAFT] = { 0 },
    [PM_GOAL_ACTIVE] = { PM_GOAL_ACTIVE },
    [PM_GOAL_COMPLETED] = { PM_GOAL_ACTIVE, PM_GOAL_COMPLETED },
    [PM_GOAL_CANCELLED] = { PM_GOAL_CANCELLED },
    [PM_GOAL_ARCHIVED] = { PM_GOAL_CANCELLED, PM_GOAL_ARCHIVED },
};

static const char *const state_names[6] = { "?", "draft", "active", "completed", "cancelled",
                                            "archived" };

/* allowed[from][to], from the documented moves. */
static const int allowed_move[6][6] = {
    [PM_GOAL_DRAFT] = { [PM_GOAL_ACTIVE] = 1, [PM_GOAL_CANCELLED] = 1 },
    [PM_GOAL_ACTIVE] = { [PM_GOAL_COMPLETED] = 1, [PM_GOAL_CANCELLED] = 1 },
    [PM_GOAL_COMPLETED] = { [PM_GOAL_ACTIVE] = 1, [PM_GOAL_ARCHIVED] = 1 },
    [PM_GOAL_CANCELLED] = { [PM_GOAL_ARCHIVED] = 1 },
};

static void test_goal_state_moves_follow_the_documented_table(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    for (int from = PM_GOAL_DRAFT; from <= PM_GOAL_ARCHIVED; from++) {
        for (int to = PM_GOAL_DRAFT; to <= PM_GOAL_ARCHIVED; to++) {
            pm_id id = new_goal(f, owner, "Moving", "2026-01-01", "2026-12-31");
            for (int i = 0; i < 3 && path_to[from][i]; i++)
                assert_ok(f->sys, pm_goal_set_state(f->sys, id, path_to[from][i]));
            if (allowed_move[from][to]) {
                assert_ok(f->sys, pm_goal_set_state(f->sys, id, (pm_goal_state)to));
                pm_goal *g = get_goal(f, id);
                assert_int_equal(pm_goal_state_get(g), to);
                pm_goal_free(g);
                continue;
            }
            char needle[96];
            snprintf(needle, sizeof needle, "goal.state: cannot move from %s to %s",
                     state_names[from], state_names[to]);
            char *before = pm_fixture_store_dump(f);
            assert_fails(f->sys, pm_goal_set_state(f->sys, id, (pm_goal_state)to), PM_EINVAL,
                         needle);
            pm_fixture_assert_store_is(f, before);
        }
    }
}

/* ---- the alignment tree ---- */

static void test_goal_tree_lists_depth_first_with_children_by_due_date(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id root = new_goal(f, owner, "Root", "2026-01-01", "2026-12-31");
    pm_id late = child_goal(f, owner, root, "Late", "2026-09-30");
    pm_id early = child_goal(f, owner, root, "Early", "2026-07-31");
    pm_id late_child = child_goal(f, owner, late, "Late child", "2026-08-31");
    pm_id early_child = child_goal(f, owner, early, "Early child", "2026-07-15");
    pm_id dropped = child_goal(f, owner, root, "Dropped", "2026-08-01");
    assert_ok(f->sys, pm_goal_set_state(f->sys, dropped, PM_GOAL_CANCELLED));

    pm_goal_iter *it = NULL;
    pm_id ids[8];
    int depths[8];
    assert_ok(f->sys, pm_goal_tree(&it, f->sys, root, 0));
    assert_int_equal(drain(it, ids, depths, 8), 4);
    pm_id expected[] = { early, early_child, late, late_child };
    int expected_depth[] = { 1, 2, 1, 2 };
    for (int i = 0; i < 4; i++) {
        assert_int_equal(ids[i], expected[i]);
        assert_int_equal(depths[i], expected_depth[i]);
    }
    assert_ok(f->sys, pm_goal_tree(&it, f->sys, root, PM_GOAL_INCLUDE_CLOSED));
    assert_int_equal(drain(it, ids, depths, 8), 5);
    assert_int_equal(ids[2], dropped);
    assert_ok(f->sys, pm_goal_tree(&it, f->sys, early_child, 0));
    assert_int_equal(drain(it, ids, depths, 8), 0);
}

/* ---- key results ---- */

static void test_key_result_increasing_target_progresses_from_baseline(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
    o.title = "Revenue";
    o.baseline = 100.0;
    o.target = 200.0;
    o.unit = "kEUR";
    pm_id kr_id = 0;
    assert_ok(f->sys, pm_key_result_add(&kr_id, f->sys, goal, &o));
    pm_key_result_iter *it = NULL;
    pm_key_result *kr = first_kr(f, goal, &it);
    assert_int_equal(pm_key_result_id(kr), kr_id);
    assert_int_equal(pm_key_result_goal(kr), goal);
    assert_string_equal(pm_key_result_title(kr), "Revenue");
    assert_string_equal(pm_key_result_unit(kr), "kEUR");
    assert_int_equal(pm_key_result_kind_get(kr), PM_KEY_RESULT_NUMERIC);
    assert_near(pm_key_result_current(kr), 100.0);
    assert_near(pm_key_result_progress(kr), 0.0);
    assert_int_equal(pm_key_result_zone(kr), PM_ZONE_NONE);
    pm_key_result_iter_free(it);
    record(f, goal, kr_id, 125.0);
    kr = first_kr(f, goal, &it);
    assert_near(pm_key_result_current(kr), 125.0);
    assert_near(pm_key_result_progress(kr), 0.25);
    pm_key_result_iter_free(it);
    assert_near(evaluate(f, goal, NULL).progress, 0.25);
}

static void test_key_result_decreasing_target_progresses_downwards(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Fewer bugs", "2026-01-01", "2026-12-31");
    pm_id kr_id = add_kr(f, goal, 50.0, 10.0, 1.0);
    record(f, goal, kr_id, 20.0);
    pm_key_result_iter *it = NULL;
    pm_key_result *kr = first_kr(f, goal, &it);
    assert_near(pm_key_result_progress(kr), 0.75);
    pm_key_result_iter_free(it);
    record(f, goal, kr_id, 60.0); /* worse than the baseline: clamps at 0 */
    assert_near(evaluate(f, goal, NULL).progress, 0.0);
    record(f, goal, kr_id, 5.0); /* beyond the target: clamps at 1 */
    assert_near(evaluate(f, goal, NULL).progress, 1.0);
}

static void test_key_result_milestone_runs_from_zero_to_one(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Launch", "2026-01-01", "2026-12-31");
    pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
    o.title = "Launched";
    o.kind = PM_KEY_RESULT_MILESTONE;
    o.baseline = 7.0; /* ignored: a milestone is 0 to 1 */
    o.target = 7.0;
    pm_id kr_id = 0;
    assert_ok(f->sys, pm_key_result_add(&kr_id, f->sys, goal, &o));
    pm_key_result_iter *it = NULL;
    pm_key_result *kr = first_kr(f, goal, &it);
    assert_int_equal(pm_key_result_kind_get(kr), PM_KEY_RESULT_MILESTONE);
    assert_near(pm_key_result_baseline(kr), 0.0);
    assert_near(pm_key_result_target(kr), 1.0);
    pm_key_result_iter_free(it);
    char *before = pm_fixture_store_dump(f);
    pm_progress_opts p = PM_PROGRESS_OPTS_INIT;
    p.value = 0.5;
    assert_fails(f->sys, pm_progress_add(NULL, f->sys, goal, kr_id, &p), PM_EINVAL,
                 "progress.value: a milestone takes 0 or 1");
    pm_fixture_assert_store_is(f, before);
    record(f, goal, kr_id, 1.0);
    assert_near(evaluate(f, goal, NULL).progress, 1.0);
}

static void test_key_result_zone_follows_commit_target_and_stretch(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
    o.title = "Deals";
    o.target = 100.0;
    o.has_commit = 1;
    o.commit = 70.0;
    o.has_stretch = 1;
    o.stretch = 120.0;
    pm_id kr_id = 0;
    assert_ok(f->sys, pm_key_result_add(&kr_id, f->sys, goal, &o));
    const struct { double value; pm_zone zone; } cases[] = {
        { 50.0, PM_ZONE_FAIL }, { 70.0, PM_ZONE_COMMIT }, { 99.0, PM_ZONE_COMMIT },
        { 100.0, PM_ZONE_TARGET }, { 130.0, PM_ZONE_STRETCH },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        record(f, goal, kr_id, cases[i].value);
        pm_key_result_iter *it = NULL;
        pm_key_result *kr = first_kr(f, goal, &it);
        assert_int_equal(pm_key_result_zone(kr), cases[i].zone);
        double level = 0.0;
        assert_int_equal(pm_key_result_commit(kr, &level), 1);
        assert_near(level, 70.0);
        assert_int_equal(pm_key_result_stretch(kr, &level), 1);
        assert_near(level, 120.0);
        pm_key_result_iter_free(it);
    }
}

static void test_key_results_list_in_the_order_added(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_id a = add_kr(f, goal, 0, 10, 1);
    pm_id b = add_kr(f, goal, 0, 20, 1);
    pm_id c = add_kr(f, goal, 0, 30, 1);
    pm_key_result_iter *it = NULL;
    assert_ok(f->sys, pm_key_result_list(&it, f->sys, goal));
    pm_key_result *kr = NULL;
    pm_id expected[] = { a, b, c };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pm_key_result_iter_next(&kr, it), PM_OK);
        assert_int_equal(pm_key_result_id(kr), expected[i]);
    }
    assert_int_equal(pm_key_result_iter_next(&kr, it), PM_ITEROVER);
    pm_key_result_iter_free(it);
}

static void test_key_result_remove_deletes_it_and_its_history(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_id kept = add_kr(f, goal, 0, 10, 1);
    pm_id gone = add_kr(f, goal, 0, 10, 1);
    record(f, goal, kept, 5.0);
    record(f, goal, gone, 10.0);
    record(f, goal, gone, 8.0);
    assert_int_equal(count_progress(f, goal), 3);
    assert_near(evaluate(f, goal, NULL).progress, (0.5 + 0.8) / 2);
    assert_ok(f->sys, pm_key_result_remove(f->sys, gone));
    assert_int_equal(count_progress(f, goal), 1);
    assert_near(evaluate(f, goal, NULL).progress, 0.5);
    assert_fails(f->sys, pm_key_result_remove(f->sys, gone), PM_ENOTFOUND,
                 "key result");
    assert_ok(f->sys, pm_key_result_remove(f->sys, kept));
    /* Without key results, manual progress is allowed again. */
    record(f, goal, 0, 0.3);
    assert_near(evaluate(f, goal, NULL).progress, 0.3);
}

/* ---- progress history and evaluation on a date ---- */

static void test_progress_history_keeps_every_update_oldest_first(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_session *anna = pm_fixture_session(f, owner);
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_id kr = add_kr(f, goal, 0, 100, 1);
    pm_progress_opts o = PM_PROGRESS_OPTS_INIT;
    o.value = 10;
    o.confidence = 7;
    o.comment = "First deals";
    assert_ok(anna, pm_progress_add(NULL, anna, goal, kr, &o));
    f->now += 86400;
    o.value = 5;
    o.confidence = PM_CONFIDENCE_NONE;
    o.comment = NULL;
    assert_ok(f->sys, pm_progress_add(NULL, f->sys, goal, kr, &o));
    pm_progress_iter *it = NULL;
    assert_ok(f->sys, pm_progress_list(&it, f->sys, goal));
    pm_progress *p = NULL;
    assert_int_equal(pm_progress_iter_next(&p, it), PM_OK);
    assert_int_equal(pm_progress_goal(p), goal);
    assert_int_equal(pm_progress_key_result(p), kr);
    assert_near(pm_progress_value(p), 10.0);
    assert_int_equal(pm_progress_confidence(p), 7);
    assert_string_equal(pm_progress_comment(p), "First deals");
    assert_int_equal(pm_progress_at(p), PM_FIXTURE_NOW);
    assert_int_equal(pm_progress_by(p), owner);
    assert_int_equal(pm_progress_iter_next(&p, it), PM_OK);
    assert_near(pm_progress_value(p), 5.0);
    assert_int_equal(pm_progress_confidence(p), PM_CONFIDENCE_NONE);
    assert_string_equal(pm_progress_comment(p), "");
    assert_int_equal(pm_progress_at(p), PM_FIXTURE_NOW + 86400);
    assert_int_equal(pm_progress_by(p), 0);
    assert_int_equal(pm_progress_iter_next(&p, it), PM_ITEROVER);
    pm_progress_iter_free(it);
    pm_session_free(anna);
}

/* The current value is the value of the update the history lists last,
 * even when an update arrives with an earlier time (a clock set back here;
 * concurrent writers on PostgreSQL in tests/pg). */
static void test_key_result_current_follows_the_history_not_the_last_call(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_id kr_id = add_kr(f, goal, 0, 100, 1);
    record(f, goal, kr_id, 40.0);
    f->now -= 3600;
    record(f, goal, kr_id, 70.0);
    pm_key_result_iter *it = NULL;
    pm_key_result *kr = first_kr(f, goal, &it);
    assert_near(pm_key_result_current(kr), 40.0);
    pm_key_result_iter_free(it);
    f->now += 7200;
    record(f, goal, kr_id, 55.0);
    kr = first_kr(f, goal, &it);
    assert_near(pm_key_result_current(kr), 55.0);
    pm_key_result_iter_free(it);
}

static void test_goal_evaluate_on_an_earlier_date_ignores_later_updates(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_id kr = add_kr(f, goal, 0, 100, 1);
    f->now = noon("2026-07-01");
    record(f, goal, kr, 20);
    f->now = noon("2026-07-10");
    record(f, goal, kr, 60);
    f->now = noon("2026-07-20");
    pm_goal_status st = evaluate(f, goal, "2026-06-30");
    assert_near(st.progress, 0.0);
    assert_int_equal(st.last_update, PM_DATE_NONE);
    st = evaluate(f, goal, "2026-07-01");
    assert_near(st.progress, 0.2);
    assert_int_equal(st.last_update, D("2026-07-01"));
    st = evaluate(f, goal, "2026-07-09");
    assert_near(st.progress, 0.2);
    st = evaluate(f, goal, "2026-07-10");
    assert_near(st.progress, 0.6);
    st = evaluate(f, goal, NULL);
    assert_near(st.progress, 0.6);
    assert_int_equal(st.last_update, D("2026-07-10"));
}

static void test_goal_progress_is_the_weighted_mean_of_key_results(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Sell", "2026-01-01", "2026-12-31");
    pm_id a = add_kr(f, goal, 0, 100, 1);
    pm_id b = add_kr(f, goal, 0, 10, 3);
    record(f, goal, a, 40);
    record(f, goal, b, 8);
    assert_near(evaluate(f, goal, NULL).progress, (0.4 * 1 + 0.8 * 3) / 4);
}

static void test_team_goal_rolls_up_members_goals_and_skips_cancelled(void **state)
{
    pm_fixture *f = *state;
    pm_id team = pm_fixture_unit(f, "Team", 0);
    pm_id lead = pm_fixture_person(f, "E1", "Lena", 0, team);
    pm_id anna = pm_fixture_person(f, "E2", "Anna", lead, team);
    pm_id bo = pm_fixture_person(f, "E3", "Bo", lead, team);
    pm_goal_opts o = goal_opts(lead, "Team goal", "2026-01-01", "2026-12-31");
    o.unit = team;
    pm_id team_goal = create_ok(f->sys, &o);
    assert_ok(f->sys, pm_goal_set_state(f->sys, team_goal, PM_GOAL_ACTIVE));
    o = goal_opts(anna, "Anna's part", "2026-01-01", "2026-12-31");
    o.parent = team_goal;
    pm_id anna_goal = create_ok(f->sys, &o);
    o = goal_opts(bo, "Bo's part", "2026-01-01", "2026-12-31");
    o.parent = team_goal;
    o.weight = 3.0;
    pm_id bo_goal = create_ok(f->sys, &o);
    assert_ok(f->sys, pm_goal_set_state(f->sys, anna_goal, PM_GOAL_ACTIVE));
    assert_ok(f->sys, pm_goal_set_state(f->sys, bo_goal, PM_GOAL_ACTIVE));
    record(f, anna_goal, 0, 0.4);
    record(f, bo_goal, 0, 0.8);
    assert_near(evaluate(f, team_goal, NULL).progress, (0.4 * 1 + 0.8 * 3) / 4);
    assert_ok(f->sys, pm_goal_set_state(f->sys, bo_goal, PM_GOAL_CANCELLED));
    assert_near(evaluate(f, team_goal, NULL).progress, 0.4);
}

static void test_goal_health_compares_progress_with_time_elapsed(void **state)
{
    pm_fixture *f = *state;
    f->now = noon("2026-06-02"); /* updates count from the day they are made */
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    /* Ten days; at the end of the fifth, half the period is gone. */
    const struct { double progress; pm_health health; } cases[] = {
        { 0.45, PM_HEALTH_ON_TRACK }, { 0.25, PM_HEALTH_AT_RISK }, { 0.10, PM_HEALTH_OFF_TRACK },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pm_id goal = new_active_goal(f, owner, "Ten days", "2026-06-01", "2026-06-10");
        record(f, goal, 0, cases[i].progress);
        pm_goal_status st = evaluate(f, goal, "2026-06-05");
        assert_near(st.expected, 0.5);
        assert_near(st.progress, cases[i].progress);
        assert_int_equal(st.health, cases[i].health);
    }
    pm_id draft = new_goal(f, owner, "Not started", "2026-06-01", "2026-06-10");
    assert_int_equal(evaluate(f, draft, "2026-06-05").health, PM_HEALTH_NONE);
    /* Thresholds are the caller's to set. */
    pm_id goal = new_active_goal(f, owner, "Ten days", "2026-06-01", "2026-06-10");
    record(f, goal, 0, 0.25);
    pm_health_opts h = PM_HEALTH_OPTS_INIT;
    h.on_track = 0.3;
    pm_goal_status st = PM_GOAL_STATUS_INIT;
    assert_ok(f->sys, pm_goal_evaluate(&st, f->sys, goal, D("2026-06-05"), &h));
    assert_int_equal(st.health, PM_HEALTH_ON_TRACK);
}

static void test_goal_is_stale_after_the_stale_days_without_an_update(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id updated = new_active_goal(f, owner, "Updated", "2026-05-01", "2026-12-31");
    record(f, updated, 0, 0.5); /* on 2026-06-15 */
    assert_int_equal(evaluate(f, updated, "2026-06-29").stale, 0);
    assert_int_equal(evaluate(f, updated, "2026-06-30").stale, 1);
    pm_id silent = new_active_goal(f, owner, "Silent", "2026-06-01", "2026-12-31");
    assert_int_equal(evaluate(f, silent, "2026-06-15").stale, 0);
    assert_int_equal(evaluate(f, silent, "2026-06-16").stale, 1);
    pm_health_opts h = PM_HEALTH_OPTS_INIT;
    h.stale_days = 30;
    pm_goal_status st = PM_GOAL_STATUS_INIT;
    assert_ok(f->sys, pm_goal_evaluate(&st, f->sys, silent, D("2026-06-16"), &h));
    assert_int_equal(st.stale, 0);
}

static void test_goal_is_overdue_only_while_active_after_its_due_date(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id goal = new_active_goal(f, owner, "Due", "2026-06-01", "2026-06-10");
    assert_int_equal(evaluate(f, goal, "2026-06-10").overdue, 0);
    assert_int_equal(evaluate(f, goal, "2026-06-11").overdue, 1);
    assert_ok(f->sys, pm_goal_set_state(f->sys, goal, PM_GOAL_COMPLETED));
    pm_goal_status st = evaluate(f, goal, "2026-06-11");
    assert_int_equal(st.overdue, 0);
    assert_int_equal(st.health, PM_HEALTH_NONE);
}

/* ---- lists ---- */

static void test_goal_list_person_gives_own_goals_by_due_date(void **state)
{
    pm_fixture *f = *state;
    pm_id unit = pm_fixture_unit(f, "Team", 0);
    pm_id owner = pm_fixture_person(f, "E1", "Anna", 0, unit);
    pm_id other = pm_fixture_person(f, "E2", "Bo", 0, unit);
    pm_id late = new_goal(f, owner, "Late", "2026-01-01", "2026-12-31");
    pm_id early = new_goal(f, owner, "Early", "2026-01-01", "2026-03-31");
    pm_id closed = new_goal(f, owner, "Closed", "2026-01-01", "2026-06-30");
    assert_ok(f->sys, pm_goal_set_state(f->sys, closed, PM_GOAL_CANCELLED));
    new_goal(f, other, "Someone else's", "2026-01-01", "2026-05-31");
    pm_goal_opts o = goal_opts(owner, "A unit goal", "2026-01-01", "2026-04-30");
    o.unit = unit;
    pm_id unit_goal = create_ok(f->sys, &o);

    pm_goal_iter *it = NULL;
    pm_id ids[8];
    assert_ok(f->sys, pm_goal_list_person(&it, f->sys, owner, 0));
    assert_int_equal(drain(it, ids, NULL, 8), 2);
    assert_int_equal(ids[0], early);
    assert_int_equal(ids[1], late);
    assert_ok(f->sys, pm_goal_list_person(&it, f->sys, owner, PM_GOAL_INCLUDE_CLOSED));
    assert_int_equal(drain(it, ids, NULL, 8), 3);
    assert_int_equal(ids[1], closed);
    assert_ok(f->sys, pm_goal_list_unit(&it, f->sys, unit, 0));
    assert_int_equal(drain(it, ids, NULL, 8), 1);
    assert_int_equal(ids[0], unit_goal);
    assert_fails(f->sys, pm_goal_list_person(&it, f->sys, 999, 0), PM_ENOTFOUND, "999");
    assert_fails(f->sys, pm_goal_list_unit(&it, f->sys, 999, 0), PM_ENOTFOUND, "unit 999");
    assert_fails(f->sys, pm_goal_list_person(&it, f->sys, owner, 0x10), PM_EINVAL, "flags");
    assert_null(it);
}

static void test_goal_list_attention_orders_flagged_goals_by_owner_name_then_due(void **state)
{
    pm_fixture *f = *state;
    /* The reporting lines and updates start before the day asked about. */
    f->now = noon("2026-06-01");
    pm_id boss = pm_fixture_person(f, "E1", "Maria", 0, 0);
    pm_id bertil = pm_fixture_person(f, "E2", "Bertil", boss, 0);
    pm_id anna = pm_fixture_person(f, "E3", "anna", boss, 0);
    pm_id carl = pm_fixture_person(f, "E4", "Carl", bertil, 0);
    pm_id outsider = pm_fixture_person(f, "E5", "Adam", 0, 0);
    /* Period 2026-06-01..06-10: on 06-05 half of it is gone. */
    pm_id bertil_off = new_active_goal(f, bertil, "Off", "2026-06-01", "2026-06-10");
    record(f, bertil_off, 0, 0.0);
    pm_id anna_risk = new_active_goal(f, anna, "Risk", "2026-06-01", "2026-06-10");
    record(f, anna_risk, 0, 0.25);
    pm_id anna_overdue = new_active_goal(f, anna, "Overdue", "2026-05-01", "2026-06-04");
    record(f, anna_overdue, 0, 1.0);
    pm_id anna_fine = new_active_goal(f, anna, "Fine", "2026-06-01", "2026-06-10");
    record(f, anna_fine, 0, 0.5);
    new_goal(f, anna, "Draft", "2026-06-01", "2026-06-02");
    pm_id carl_off = new_active_goal(f, carl, "Off", "2026-06-01", "2026-06-10");
    new_active_goal(f, boss, "The boss's own", "2026-06-01", "2026-06-02");
    new_active_goal(f, outsider, "Not a report", "2026-06-01", "2026-06-02");

    pm_goal_iter *it = NULL;
    pm_id ids[8];
    assert_ok(f->sys, pm_goal_list_attention(&it, f->sys, boss, D("2026-06-05"), NULL));
    assert_int_equal(drain(it, ids, NULL, 8), 4);
    /* "anna" sorts before "Bertil": names compare case-folded. */
    pm_id expected[] = { anna_overdue, anna_risk, bertil_off, carl_off };
    for (int i = 0; i < 4; i++)
        assert_int_equal(ids[i], expected[i]);
    /* The manager may ask; a report may not ask about their manager's people. */
    pm_session *maria = pm_fixture_session(f, boss);
    assert_ok(maria, pm_goal_list_attention(&it, maria, boss, D("2026-06-05"), NULL));
    assert_int_equal(drain(it, ids, NULL, 8), 4);
    pm_session_free(maria);
    pm_session *b = pm_fixture_session(f, bertil);
    assert_ok(b, pm_goal_list_attention(&it, b, bertil, D("2026-06-05"), NULL));
    assert_int_equal(drain(it, ids, NULL, 8), 1);
    assert_fails(b, pm_goal_list_attention(&it, b, boss, D("2026-06-05"), NULL), PM_EPERM,
                 "may not list the goals");
    assert_null(it);
    pm_session_free(b);
}

static void test_goal_list_attention_on_a_past_date_reads_by_todays_rights(void **state)
{
    pm_fixture *f = *state;
    f->now = noon("2026-06-01");
    pm_id boss = pm_fixture_person(f, "E1", "Maria", 0, 0);
    pm_id other_boss = pm_fixture_person(f, "E2", "Nils", 0, 0);
    pm_id stays = pm_fixture_person(f, "E3", "Bertil", boss, 0);
    pm_id moves = pm_fixture_person(f, "E4", "Anna", boss, 0);
    pm_id kept = new_active_goal(f, stays, "Off", "2026-06-01", "2026-06-10");
    pm_id private_goal = new_active_goal(f, moves, "Off, private", "2026-06-01", "2026-06-10");
    pm_goal_opts o = goal_opts(moves, "Off, public", "2026-06-01", "2026-06-10");
    o.visibility = PM_VISIBILITY_PUBLIC;
    pm_id public_goal = create_ok(f->sys, &o);
    assert_ok(f->sys, pm_goal_set_state(f->sys, public_goal, PM_GOAL_ACTIVE));
    f->now = noon("2026-06-12");
    assert_ok(f->sys, pm_org_set_manager(f->sys, moves, other_boss, D("2026-06-12")));

    pm_goal_iter *it = NULL;
    pm_id ids[8];
    /* On 2026-06-05 both reported to Maria: the system sees all three. */
    assert_ok(f->sys, pm_goal_list_attention(&it, f->sys, boss, D("2026-06-05"), NULL));
    assert_int_equal(drain(it, ids, NULL, 8), 3);
    assert_int_equal(ids[2], kept);
    (void)private_goal;
    /* Maria is no longer above Anna: Anna's private goal is left out. */
    pm_session *maria = pm_fixture_session(f, boss);
    assert_ok(maria, pm_goal_list_attention(&it, maria, boss, D("2026-06-05"), NULL));
    assert_int_equal(drain(it, ids, NULL, 8), 2);
    assert_int_equal(ids[0], public_goal);
    assert_int_equal(ids[1], kept);
    pm_session_free(maria);
}

/* ---- running out of memory ---- */

/* The goal reads of one scene, each freed; a status per call. */
static int read_everything(pm_fixture *f, pm_id boss, pm_id root, pm_id goal)
{
    pm_goal *g = NULL;
    pm_goal_iter *gi = NULL;
    pm_key_result_iter *ki = NULL;
    pm_progress_iter *pi = NULL;
    pm_goal_status status = PM_GOAL_STATUS_INIT;
    pm_status st[6];
    st[0] = pm_goal_get(&g, f->sys, goal);
    st[1] = pm_goal_evaluate(&status, f->sys, root, D("2026-06-05"), NULL);
    st[2] = pm_goal_list_attention(&gi, f->sys, boss, D("2026-06-05"), NULL);
    if (st[2] == PM_OK) {
        pm_goal *next = NULL;
        st[2] = pm_goal_iter_next(&next, gi);
    }
    pm_goal_iter_free(gi);
    gi = NULL;
    st[3] = pm_goal_tree(&gi, f->sys, root, 0);
    if (st[3] == PM_OK) {
        pm_goal *next = NULL;
        st[3] = pm_goal_iter_next(&next, gi);
    }
    st[4] = pm_key_result_list(&ki, f->sys, goal);
    st[5] = pm_progress_list(&pi, f->sys, goal);
    if (st[5] == PM_OK) {
        pm_progress *p = NULL;
        st[5] = pm_progress_iter_next(&p, pi);
    }
    pm_goal_free(g);
    pm_goal_iter_free(gi);
    pm_key_result_iter_free(ki);
    pm_progress_iter_free(pi);
    int ok = 1;
    for (int i = 0; i < 6; i++) {
        if (st[i] != PM_OK && st[i] != PM_ENOMEM)
            fail_msg("read %d: status %d: %s", i, (int)st[i], pm_session_errmsg(f->sys));
        ok &= st[i] == PM_OK;
    }
    return ok;
}

/* Every allocation fails in turn: each call fails cleanly with PM_ENOMEM
 * and leaks nothing, or succeeds; a failed write leaves the store as it was. */
static void test_goal_calls_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    f->now = noon("2026-06-01");
    pm_id boss = pm_fixture_person(f, "E1", "Maria", 0, 0);
    pm_id anna = pm_fixture_person(f, "E2", "Anna", boss, 0);
    pm_id root = new_active_goal(f, boss, "Root", "2026-06-01", "2026-06-10");
    pm_goal_opts o = goal_opts(anna, "Part", "2026-06-01", "2026-06-10");
    o.parent = root;
    pm_id goal = create_ok(f->sys, &o);
    assert_ok(f->sys, pm_goal_set_state(f->sys, goal, PM_GOAL_ACTIVE));
    pm_id kr = add_kr(f, goal, 0, 10, 1);
    record(f, goal, kr, 1);
    assert_true(read_everything(f, boss, root, goal)); /* warm up */
    int succeeded = 0;
    for (long n = 0; n < 400 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        succeeded = read_everything(f, boss, root, goal);
        pm_fixture_alloc_fail_after(-1);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(succeeded);
    o.description = "With a description";
    pm_progress_opts p = PM_PROGRESS_OPTS_INIT;
    p.value = 2;
    p.comment = "More";
    for (int call = 0; call < 2; call++) {
        succeeded = 0;
        for (long n = 0; n < 400 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            pm_fixture_alloc_fail_after(n);
            pm_status st = call == 0 ? pm_goal_create(NULL, f->sys, &o)
                                     : pm_progress_add(NULL, f->sys, goal, kr, &p);
            pm_fixture_alloc_fail_after(-1);
            assert_true(st == PM_OK || st == PM_ENOMEM);
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(f, before, call == 0 ? "goal create" : "progress add");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("allocation %ld failing: %ld allocations leaked", n,
                             pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    /* The counting allocator goes in before any object exists. */
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_goal_create_then_get_returns_every_field),
        T(test_goal_create_defaults_start_to_today_and_description_to_empty),
        T(test_goal_getters_of_null_return_zero_values),
        T(test_goal_update_changes_only_the_flagged_fields),
        T(test_goal_update_without_fields_leaves_the_store_as_it_was),
        T(test_goal_state_moves_follow_the_documented_table),
        T(test_goal_tree_lists_depth_first_with_children_by_due_date),
        T(test_key_result_increasing_target_progresses_from_baseline),
        T(test_key_result_decreasing_target_progresses_downwards),
        T(test_key_result_milestone_runs_from_zero_to_one),
        T(test_key_result_zone_follows_commit_target_and_stretch),
        T(test_key_results_list_in_the_order_added),
        T(test_key_result_remove_deletes_it_and_its_history),
        T(test_progress_history_keeps_every_update_oldest_first),
        T(test_key_result_current_follows_the_history_not_the_last_call),
    T(test_goal_evaluate_on_an_earlier_date_ignores_later_updates),
        T(test_goal_progress_is_the_weighted_mean_of_key_results),
        T(test_team_goal_rolls_up_members_goals_and_skips_cancelled),
        T(test_goal_health_compares_progress_with_time_elapsed),
        T(test_goal_is_stale_after_the_stale_days_without_an_update),
        T(test_goal_is_overdue_only_while_active_after_its_due_date),
        T(test_goal_list_person_gives_own_goals_by_due_date),
        T(test_goal_list_attention_orders_flagged_goals_by_owner_name_then_due),
        T(test_goal_list_attention_on_a_past_date_reads_by_todays_rights),
        T(test_goal_calls_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
