/* Development plans on every backend through the public API: the life of
 * a plan, overlaps, changes, copying forward, development areas, items of
 * every kind and their states, lists, progress, the mentored list, and who
 * may read and change a plan. Refusals of bad input are in
 * test_plan_refusals.c. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_plan_helpers.h"

#define TOLERANCE 1e-12

static void assert_near(double actual, double expected)
{
    double diff = actual - expected;
    if (!(diff <= TOLERANCE && diff >= -TOLERANCE))
        fail_msg("%.17g, expected %.17g", actual, expected);
}

static pm_id new_goal(pm_fixture *f, pm_id owner, const char *title)
{
    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = owner;
    o.title = title;
    o.start = D("2026-01-01");
    o.due = D("2026-12-31");
    pm_id id = 0;
    assert_ok(f->sys, pm_goal_create(&id, f->sys, &o));
    return id;
}

/* ---- plans ---- */

static void test_plan_create_reads_back_every_field(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id role = new_role(f, "Staff engineer");
    pm_plan_opts o = plan_opts(anna, NULL, "2026-12-31");
    o.strengths = "Clear writing.\nCalm in incidents.";
    o.ambitions = "Lead a team";
    o.target_role = role;
    pm_id id = 0;
    assert_ok(f->sys, pm_plan_create(&id, f->sys, &o));
    pm_plan *p = get_plan(f, id);
    assert_int_equal(pm_plan_id(p), id);
    assert_int_equal(pm_plan_person(p), anna);
    assert_int_equal(pm_plan_start(p), D("2026-06-15")); /* today by default */
    assert_int_equal(pm_plan_end(p), D("2026-12-31"));
    assert_string_equal(pm_plan_strengths(p), "Clear writing.\nCalm in incidents.");
    assert_string_equal(pm_plan_ambitions(p), "Lead a team");
    assert_int_equal(pm_plan_target_role(p), role);
    assert_int_equal(pm_plan_previous(p), 0);
    assert_int_equal(pm_plan_area_count(p), 0);
    assert_int_equal(pm_plan_area_competency(p, 0), 0);
    assert_null(pm_plan_area_note(p, 0));
    pm_plan_free(p);
    /* Without texts they read back empty. */
    pm_id bo = pm_fixture_person(f, "E2", "Bo", 0, 0);
    p = get_plan(f, new_plan(f, bo, "2026-01-01", "2026-01-01"));
    assert_string_equal(pm_plan_strengths(p), "");
    assert_string_equal(pm_plan_ambitions(p), "");
    assert_int_equal(pm_plan_target_role(p), 0);
    pm_plan_free(p);
    assert_null(pm_plan_strengths(NULL));
    assert_int_equal(pm_plan_id(NULL), 0);
}

static void test_plans_list_by_start_and_the_current_one_covers_the_day(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id bo = pm_fixture_person(f, "E2", "Bo", 0, 0);
    pm_id later = new_plan(f, anna, "2027-01-01", "2027-12-31");
    pm_id earlier = new_plan(f, anna, "2026-01-01", "2026-06-30");
    new_plan(f, bo, "2026-01-01", "2026-12-31");
    pm_plan_iter *it = NULL;
    assert_ok(f->sys, pm_plan_list(&it, f->sys, anna));
    pm_plan *p = NULL;
    assert_int_equal(pm_plan_iter_next(&p, it), PM_OK);
    assert_int_equal(pm_plan_id(p), earlier);
    assert_int_equal(pm_plan_iter_next(&p, it), PM_OK);
    assert_int_equal(pm_plan_id(p), later);
    assert_int_equal(pm_plan_iter_next(&p, it), PM_ITEROVER);
    assert_null(p);
    pm_plan_iter_free(it);
    pm_id current = 77;
    assert_ok(f->sys, pm_plan_current(&current, f->sys, anna, PM_DATE_NONE));
    assert_int_equal(current, earlier); /* today, 2026-06-15 */
    assert_ok(f->sys, pm_plan_current(&current, f->sys, anna, D("2026-06-30")));
    assert_int_equal(current, earlier);
    assert_ok(f->sys, pm_plan_current(&current, f->sys, anna, D("2026-07-01")));
    assert_int_equal(current, 0); /* between the plans */
    assert_ok(f->sys, pm_plan_current(&current, f->sys, anna, D("2027-12-31")));
    assert_int_equal(current, later);
    assert_ok(f->sys, pm_plan_current(&current, f->sys, anna, D("2025-12-31")));
    assert_int_equal(current, 0);
}

static void test_overlapping_plan_is_refused_naming_the_plan_it_overlaps(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id bo = pm_fixture_person(f, "E2", "Bo", 0, 0);
    pm_id first = new_plan(f, anna, "2026-01-01", "2026-12-31");
    char needle[80];
    snprintf(needle, sizeof needle, "plan: overlaps plan %lld (2026-01-01 to 2026-12-31)",
             (long long)first);
    const char *periods[][2] = {
        { "2026-12-31", "2027-06-30" }, /* sharing the last day */
        { "2025-06-01", "2026-01-01" }, /* sharing the first day */
        { "2026-03-01", "2026-04-01" }, /* inside */
        { "2025-01-01", "2027-12-31" }, /* around */
    };
    for (size_t i = 0; i < sizeof periods / sizeof periods[0]; i++) {
        char *before = pm_fixture_store_dump(f);
        pm_plan_opts o = plan_opts(anna, periods[i][0], periods[i][1]);
        pm_id id = 77;
        assert_fails(f->sys, pm_plan_create(&id, f->sys, &o), PM_ECONFLICT, needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    /* The day after, and another person's plan, are fine. */
    new_plan(f, anna, "2027-01-01", "2027-06-30");
    new_plan(f, bo, "2026-01-01", "2026-12-31");
}

static void test_plan_update_changes_the_flagged_fields_only(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id role = new_role(f, "Architect");
    pm_plan_opts o = plan_opts(anna, "2026-01-01", "2026-12-31");
    o.strengths = "Old strengths";
    o.ambitions = "Old ambitions";
    pm_id id = 0;
    assert_ok(f->sys, pm_plan_create(&id, f->sys, &o));
    pm_plan_opts u = plan_opts(0, "2026-02-01", "2027-01-31");
    u.strengths = "New\nstrengths";
    u.ambitions = "ignored";
    u.target_role = role;
    assert_ok(f->sys, pm_plan_update(f->sys, id, &u,
                                     PM_PLAN_FIELD_PERIOD | PM_PLAN_FIELD_STRENGTHS
                                         | PM_PLAN_FIELD_TARGET_ROLE));
    pm_plan *p = get_plan(f, id);
    assert_int_equal(pm_plan_start(p), D("2026-02-01"));
    assert_int_equal(pm_plan_end(p), D("2027-01-31"));
    assert_string_equal(pm_plan_strengths(p), "New\nstrengths");
    assert_string_equal(pm_plan_ambitions(p), "Old ambitions");
    assert_int_equal(pm_plan_target_role(p), role);
    assert_int_equal(pm_plan_person(p), anna);
    pm_plan_free(p);
    /* Clearing: NULL text and role 0. */
    u.ambitions = NULL;
    u.target_role = 0;
    assert_ok(f->sys, pm_plan_update(f->sys, id, &u,
                                     PM_PLAN_FIELD_AMBITIONS | PM_PLAN_FIELD_TARGET_ROLE));
    p = get_plan(f, id);
    assert_string_equal(pm_plan_ambitions(p), "");
    assert_int_equal(pm_plan_target_role(p), 0);
    pm_plan_free(p);
    /* No flags: nothing changes. */
    char *before = pm_fixture_store_dump(f);
    assert_ok(f->sys, pm_plan_update(f->sys, id, &u, 0));
    pm_fixture_assert_store_is(f, before);
}

static void test_plan_update_keeps_items_inside_and_plans_apart(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id id = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_id next = new_plan(f, anna, "2027-01-01", "2027-12-31");
    pm_plan_item_opts io = item_opts(PM_ITEM_TRAINING, "Course", "2026-02-10", "2026-03-01");
    pm_id item = add_item_as(f->sys, id, &io);
    char *before = pm_fixture_store_dump(f);
    char needle[120];
    pm_plan_opts u = plan_opts(0, "2026-02-15", "2026-12-31");
    snprintf(needle, sizeof needle,
             "plan.start: item %lld starts on 2026-02-10, before the new start 2026-02-15",
             (long long)item);
    assert_fails(f->sys, pm_plan_update(f->sys, id, &u, PM_PLAN_FIELD_PERIOD), PM_EINVAL,
                 needle);
    u = plan_opts(0, "2026-01-01", "2027-01-01");
    snprintf(needle, sizeof needle, "plan: overlaps plan %lld (2027-01-01 to 2027-12-31)",
             (long long)next);
    assert_fails(f->sys, pm_plan_update(f->sys, id, &u, PM_PLAN_FIELD_PERIOD), PM_ECONFLICT,
                 needle);
    pm_fixture_assert_store_is(f, before);
    /* Up to the item's start, and over its own old period, is fine. */
    u = plan_opts(0, "2026-02-10", "2026-11-30");
    assert_ok(f->sys, pm_plan_update(f->sys, id, &u, PM_PLAN_FIELD_PERIOD));
    /* A due day alone also holds the start back. */
    pm_plan_item_opts due_only = item_opts(PM_ITEM_SELF_STUDY, "Read", NULL, "2026-02-20");
    pm_id read = add_item_as(f->sys, id, &due_only);
    set_state(f, item, PM_ITEM_CANCELLED, NULL); /* its state does not matter */
    u = plan_opts(0, "2026-02-21", "2026-11-30");
    snprintf(needle, sizeof needle, "is due on 2026-02-20, before the new start 2026-02-21");
    assert_fails(f->sys, pm_plan_update(f->sys, id, &u, PM_PLAN_FIELD_PERIOD), PM_EINVAL,
                 needle);
    (void)read;
}

/* ---- copying forward ---- */

static void test_copy_forward_carries_open_items_areas_and_texts(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id mentor = pm_fixture_person(f, "E2", "Mentor", 0, 0);
    pm_id gone = pm_fixture_person(f, "E3", "Gone", 0, 0);
    pm_id scale = new_scale(f);
    pm_id c1 = new_competency(f, scale, "Design");
    pm_id c2 = new_competency(f, scale, "Testing");
    pm_id role = new_role(f, "Lead");
    pm_id goal = new_goal(f, anna, "Ship");
    pm_plan_opts o = plan_opts(anna, "2026-01-01", "2026-06-30");
    o.strengths = "Strong";
    o.ambitions = "Grow";
    o.target_role = role;
    pm_id old = 0;
    assert_ok(f->sys, pm_plan_create(&old, f->sys, &o));
    assert_ok(f->sys, pm_plan_add_area(f->sys, old, c2, "Write more tests", 0));
    assert_ok(f->sys, pm_plan_add_area(f->sys, old, c1, NULL, 0));
    /* planned, due in the old period: its due day moves */
    pm_plan_item_opts io = item_opts(PM_ITEM_MENTORING, "Pair weekly", "2026-02-01", "2026-03-01");
    io.mentor = mentor;
    io.notes = "Thursdays";
    io.weight = 2.5;
    pm_id comps[] = { c2, c1 };
    io.competencies = comps;
    io.ncompetencies = 2;
    io.goal = goal;
    pm_id planned = add_item_as(f->sys, old, &io);
    /* in progress, due after the new start: only its start moves */
    io = item_opts(PM_ITEM_STRETCH_PROJECT, "Run the migration", "2026-05-01", "2026-09-30");
    io.mentor = gone;
    pm_id under_way = add_item_as(f->sys, old, &io);
    set_state(f, under_way, PM_ITEM_IN_PROGRESS, NULL);
    /* wellbeing with a metric, undated */
    io = item_opts(PM_ITEM_WELLBEING, "Walks", NULL, NULL);
    pm_id who5 = 0;
    assert_ok(f->sys, pm_metric_builtin(&who5, f->sys, PM_METRIC_WHO5));
    io.metric = who5;
    io.metric_target = 60.0;
    pm_id walks = add_item_as(f->sys, old, &io);
    /* done and cancelled stay behind */
    pm_id done = new_item(f, old, PM_ITEM_TRAINING, "Done course", "2026-02-01");
    set_state(f, done, PM_ITEM_IN_PROGRESS, NULL);
    set_state(f, done, PM_ITEM_DONE, "2026-02-01");
    pm_id dropped = new_item(f, old, PM_ITEM_COACHING, "Dropped", NULL);
    set_state(f, dropped, PM_ITEM_CANCELLED, NULL);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));

    pm_id copy = 0;
    assert_ok(f->sys, pm_plan_copy_forward(&copy, f->sys, old, D("2026-07-01"), D("2026-12-31")));
    assert_true(copy > 0 && copy != old);
    pm_plan *p = get_plan(f, copy);
    assert_int_equal(pm_plan_person(p), anna);
    assert_int_equal(pm_plan_previous(p), old);
    assert_int_equal(pm_plan_start(p), D("2026-07-01"));
    assert_int_equal(pm_plan_end(p), D("2026-12-31"));
    assert_string_equal(pm_plan_strengths(p), "Strong");
    assert_string_equal(pm_plan_ambitions(p), "Grow");
    assert_int_equal(pm_plan_target_role(p), role);
    assert_int_equal(pm_plan_area_count(p), 2);
    assert_int_equal(pm_plan_area_competency(p, 0), c2);
    assert_string_equal(pm_plan_area_note(p, 0), "Write more tests");
    assert_int_equal(pm_plan_area_competency(p, 1), c1);
    assert_string_equal(pm_plan_area_note(p, 1), "");
    pm_plan_free(p);

    pm_plan_item_iter *it = NULL;
    assert_ok(f->sys, pm_plan_item_list(&it, f->sys, copy));
    pm_plan_item *item = NULL;
    /* by due day: 2026-07-01 (moved), 2026-09-30, then undated */
    assert_int_equal(pm_plan_item_iter_next(&item, it), PM_OK);
    assert_int_not_equal(pm_plan_item_id(item), planned);
    assert_int_equal(pm_plan_item_plan(item), copy);
    assert_string_equal(pm_plan_item_title(item), "Pair weekly");
    assert_string_equal(pm_plan_item_notes(item), "Thursdays");
    assert_int_equal(pm_plan_item_kind(item), PM_ITEM_MENTORING);
    assert_int_equal(pm_plan_item_state(item), PM_ITEM_PLANNED);
    assert_int_equal(pm_plan_item_start(item), D("2026-07-01"));
    assert_int_equal(pm_plan_item_due(item), D("2026-07-01"));
    assert_near(pm_plan_item_weight(item), 2.5);
    assert_int_equal(pm_plan_item_mentor(item), mentor);
    assert_int_equal(pm_plan_item_goal(item), goal);
    assert_int_equal(pm_plan_item_competency_count(item), 2);
    assert_int_equal(pm_plan_item_competency(item, 0), c2);
    assert_int_equal(pm_plan_item_competency(item, 1), c1);
    assert_int_equal(pm_plan_item_iter_next(&item, it), PM_OK);
    assert_string_equal(pm_plan_item_title(item), "Run the migration");
    assert_int_equal(pm_plan_item_state(item), PM_ITEM_IN_PROGRESS);
    assert_int_equal(pm_plan_item_start(item), D("2026-07-01"));
    assert_int_equal(pm_plan_item_due(item), D("2026-09-30"));
    assert_int_equal(pm_plan_item_mentor(item), 0); /* the mentor has left */
    assert_int_equal(pm_plan_item_iter_next(&item, it), PM_OK);
    assert_string_equal(pm_plan_item_title(item), "Walks");
    assert_int_equal(pm_plan_item_metric(item), who5);
    assert_near(pm_plan_item_metric_target(item), 60.0);
    assert_int_equal(pm_plan_item_due(item), PM_DATE_NONE);
    assert_int_equal(pm_plan_item_iter_next(&item, it), PM_ITEROVER);
    pm_plan_item_iter_free(it);
    (void)walks;

    /* The old plan is untouched. */
    pm_id ids[8];
    assert_int_equal(plan_item_ids(f->sys, old, ids, 8), 5);
    it = NULL;
    item = find_item(f->sys, old, planned, &it);
    assert_non_null(item);
    assert_int_equal(pm_plan_item_due(item), D("2026-03-01"));
    pm_plan_item_iter_free(it);
}

static void test_copy_forward_needs_a_later_period_free_of_other_plans(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id old = new_plan(f, anna, "2026-01-01", "2026-06-30");
    pm_id taken = new_plan(f, anna, "2026-10-01", "2026-12-31");
    new_item(f, old, PM_ITEM_TRAINING, "Course", NULL);
    char *before = pm_fixture_store_dump(f);
    char needle[100];
    snprintf(needle, sizeof needle, "plan.start: 2026-06-30 is not after plan %lld ends on 2026-06-30",
             (long long)old);
    pm_id id = 77;
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, old, D("2026-06-30"), D("2026-08-31")),
                 PM_EINVAL, needle);
    assert_int_equal(id, 0);
    snprintf(needle, sizeof needle, "plan: overlaps plan %lld", (long long)taken);
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, old, D("2026-07-01"), D("2026-10-01")),
                 PM_ECONFLICT, needle);
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, old, D("2026-07-01"), PM_DATE_NONE),
                 PM_EINVAL, "plan.end: must be given");
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, 999, D("2026-07-01"), D("2026-08-01")),
                 PM_ENOTFOUND, "plan: plan 999 does not exist");
    pm_fixture_assert_store_is(f, before);
    assert_ok(f->sys, pm_plan_copy_forward(NULL, f->sys, old, D("2026-07-01"), D("2026-09-30")));
}

/* ---- areas ---- */

static void test_areas_keep_the_order_added_and_a_repeat_replaces_the_note(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id scale = new_scale(f);
    pm_id c1 = new_competency(f, scale, "Design");
    pm_id c2 = new_competency(f, scale, "Testing");
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    assert_ok(f->sys, pm_plan_add_area(f->sys, plan, c2, "First note", 0));
    assert_ok(f->sys, pm_plan_add_area(f->sys, plan, c1, "Line one\nline two", 0));
    assert_ok(f->sys, pm_plan_add_area(f->sys, plan, c2, "Second note, longer", 6));
    pm_plan *p = get_plan(f, plan);
    assert_int_equal(pm_plan_area_count(p), 2);
    assert_int_equal(pm_plan_area_competency(p, 0), c2);
    assert_string_equal(pm_plan_area_note(p, 0), "Second");
    assert_int_equal(pm_plan_area_competency(p, 1), c1);
    assert_string_equal(pm_plan_area_note(p, 1), "Line one\nline two");
    pm_plan_free(p);
    assert_ok(f->sys, pm_plan_add_area(f->sys, plan, c1, NULL, 0));
    p = get_plan(f, plan);
    assert_string_equal(pm_plan_area_note(p, 1), "");
    pm_plan_free(p);
}

/* ---- items ---- */

static void test_items_of_every_kind_read_back_their_fields(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_id ids[8];
    for (int k = PM_ITEM_TRAINING; k <= PM_ITEM_WELLBEING; k++) {
        char title[32];
        snprintf(title, sizeof title, "Item of kind %d", k);
        char due[16];
        snprintf(due, sizeof due, "2026-0%d-01", k + 1);
        pm_plan_item_opts o = item_opts((pm_item_kind)k, title, "2026-01-01", due);
        o.weight = k;
        ids[k - 1] = add_item_as(f->sys, plan, &o);
    }
    pm_plan_item_iter *it = NULL;
    assert_ok(f->sys, pm_plan_item_list(&it, f->sys, plan));
    pm_plan_item *item = NULL;
    for (int k = PM_ITEM_TRAINING; k <= PM_ITEM_WELLBEING; k++) {
        assert_int_equal(pm_plan_item_iter_next(&item, it), PM_OK);
        char title[32];
        snprintf(title, sizeof title, "Item of kind %d", k);
        assert_int_equal(pm_plan_item_id(item), ids[k - 1]);
        assert_int_equal(pm_plan_item_kind(item), k);
        assert_string_equal(pm_plan_item_title(item), title);
        assert_string_equal(pm_plan_item_notes(item), "");
        assert_int_equal(pm_plan_item_state(item), PM_ITEM_PLANNED);
        assert_int_equal(pm_plan_item_start(item), D("2026-01-01"));
        assert_int_equal(pm_plan_item_done_on(item), PM_DATE_NONE);
        assert_near(pm_plan_item_weight(item), (double)k);
        assert_int_equal(pm_plan_item_mentor(item), 0);
        assert_int_equal(pm_plan_item_goal(item), 0);
        assert_int_equal(pm_plan_item_metric(item), 0);
        assert_int_equal(pm_plan_item_programme(item), 0);
        assert_int_equal(pm_plan_item_competency_count(item), 0);
        assert_int_equal(pm_plan_item_competency(item, 0), 0);
    }
    assert_int_equal(pm_plan_item_iter_next(&item, it), PM_ITEROVER);
    pm_plan_item_iter_free(it);
    assert_null(pm_plan_item_title(NULL));
    assert_int_equal(pm_plan_item_kind(NULL), 0);
}

static void test_items_list_by_due_day_with_undated_items_last(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_id undated1 = new_item(f, plan, PM_ITEM_SELF_STUDY, "Undated 1", NULL);
    pm_id late = new_item(f, plan, PM_ITEM_TRAINING, "Late", "2026-11-01");
    pm_id early = new_item(f, plan, PM_ITEM_TRAINING, "Early", "2026-02-01");
    pm_id undated2 = new_item(f, plan, PM_ITEM_SELF_STUDY, "Undated 2", NULL);
    pm_id late2 = new_item(f, plan, PM_ITEM_TRAINING, "Late too", "2026-11-01");
    pm_id ids[8];
    assert_int_equal(plan_item_ids(f->sys, plan, ids, 8), 5);
    assert_int_equal(ids[0], early);
    assert_int_equal(ids[1], late);
    assert_int_equal(ids[2], late2);
    assert_int_equal(ids[3], undated1);
    assert_int_equal(ids[4], undated2);
    /* another plan's items stay out */
    pm_id other = new_plan(f, anna, "2027-01-01", "2027-12-31");
    assert_int_equal(plan_item_ids(f->sys, other, ids, 8), 0);
}

static void test_item_states_follow_the_table_and_done_keeps_its_day(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_session *as_anna = pm_fixture_session(f, anna);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_id item = new_item(f, plan, PM_ITEM_TRAINING, "Course", "2026-09-01");
    char *before = pm_fixture_store_dump(f);
    assert_fails(as_anna, pm_plan_item_set_state(as_anna, item, PM_ITEM_DONE, PM_DATE_NONE),
                 PM_EINVAL, "plan_item.state: cannot move from planned to done");
    assert_fails(as_anna, pm_plan_item_set_state(as_anna, item, PM_ITEM_PLANNED, PM_DATE_NONE),
                 PM_EINVAL, "cannot move from planned to planned");
    pm_fixture_assert_store_is(f, before);
    assert_ok(as_anna, pm_plan_item_set_state(as_anna, item, PM_ITEM_IN_PROGRESS, PM_DATE_NONE));
    assert_ok(as_anna, pm_plan_item_set_state(as_anna, item, PM_ITEM_DONE, D("2026-06-01")));
    pm_plan_item_iter *it = NULL;
    pm_plan_item *got = find_item(as_anna, plan, item, &it);
    assert_int_equal(pm_plan_item_state(got), PM_ITEM_DONE);
    assert_int_equal(pm_plan_item_done_on(got), D("2026-06-01"));
    pm_plan_item_iter_free(it);
    assert_fails(as_anna, pm_plan_item_set_state(as_anna, item, PM_ITEM_CANCELLED, PM_DATE_NONE),
                 PM_EINVAL, "cannot move from done to cancelled");
    /* Reopening clears the day done; done again without a day is today. */
    assert_ok(as_anna, pm_plan_item_set_state(as_anna, item, PM_ITEM_IN_PROGRESS, PM_DATE_NONE));
    got = find_item(as_anna, plan, item, &it);
    assert_int_equal(pm_plan_item_state(got), PM_ITEM_IN_PROGRESS);
    assert_int_equal(pm_plan_item_done_on(got), PM_DATE_NONE);
    pm_plan_item_iter_free(it);
    assert_ok(as_anna, pm_plan_item_set_state(as_anna, item, PM_ITEM_DONE, PM_DATE_NONE));
    got = find_item(as_anna, plan, item, &it);
    assert_int_equal(pm_plan_item_done_on(got), D("2026-06-15"));
    pm_plan_item_iter_free(it);
    /* cancelled, and reopened */
    pm_id other = new_item(f, plan, PM_ITEM_COACHING, "Coach", NULL);
    assert_ok(as_anna, pm_plan_item_set_state(as_anna, other, PM_ITEM_CANCELLED, PM_DATE_NONE));
    assert_fails(as_anna, pm_plan_item_set_state(as_anna, other, PM_ITEM_DONE, PM_DATE_NONE),
                 PM_EINVAL, "cannot move from cancelled to done");
    assert_ok(as_anna, pm_plan_item_set_state(as_anna, other, PM_ITEM_IN_PROGRESS, PM_DATE_NONE));
    got = find_item(as_anna, plan, other, &it);
    assert_int_equal(pm_plan_item_state(got), PM_ITEM_IN_PROGRESS);
    pm_plan_item_iter_free(it);
    pm_session_free(as_anna);
}

/* ---- progress ---- */

static void test_progress_weighs_done_items_and_counts_overdue_ones(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_plan_progress p = PM_PLAN_PROGRESS_INIT;
    assert_ok(f->sys, pm_plan_progress_get(&p, f->sys, plan, PM_DATE_NONE));
    assert_int_equal(p.items, 0);
    assert_near(p.share_done, 0.0);
    pm_plan_item_opts o = item_opts(PM_ITEM_TRAINING, "Heavy, done", NULL, "2026-03-01");
    o.weight = 3.0;
    pm_id heavy = add_item_as(f->sys, plan, &o);
    set_state(f, heavy, PM_ITEM_IN_PROGRESS, NULL);
    set_state(f, heavy, PM_ITEM_DONE, "2026-03-01");
    o = item_opts(PM_ITEM_COACHING, "Late", NULL, "2026-06-14");
    o.weight = 2.0;
    add_item_as(f->sys, plan, &o);
    new_item(f, plan, PM_ITEM_SELF_STUDY, "Due today", "2026-06-15");
    new_item(f, plan, PM_ITEM_SELF_STUDY, "Undated", NULL);
    o = item_opts(PM_ITEM_TRAINING, "Dropped", NULL, "2026-02-01");
    o.weight = 50.0;
    pm_id dropped = add_item_as(f->sys, plan, &o);
    set_state(f, dropped, PM_ITEM_CANCELLED, NULL);
    assert_ok(f->sys, pm_plan_progress_get(&p, f->sys, plan, PM_DATE_NONE));
    assert_int_equal(p.version, PM_PLAN_PROGRESS_VERSION);
    assert_int_equal(p.items, 4);
    assert_int_equal(p.done, 1);
    assert_int_equal(p.overdue, 1);
    assert_near(p.share_done, 3.0 / 7.0);
    /* on a later day the item due today is overdue too */
    assert_ok(f->sys, pm_plan_progress_get(&p, f->sys, plan, D("2026-06-16")));
    assert_int_equal(p.overdue, 2);
}

/* ---- the mentored list ---- */

static void test_mentor_lists_their_items_but_may_not_read_the_plans(void **state)
{
    pm_fixture *f = *state;
    pm_id boss = pm_fixture_person(f, "E0", "Boss", 0, 0);
    pm_id mentor = pm_fixture_person(f, "E1", "Mentor", boss, 0);
    pm_id anna = pm_fixture_person(f, "E2", "Anna", 0, 0);
    pm_id bo = pm_fixture_person(f, "E3", "Bo", 0, 0);
    pm_id peer = pm_fixture_person(f, "E4", "Peer", boss, 0);
    pm_id anna_plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_id bo_plan = new_plan(f, bo, "2026-01-01", "2026-12-31");
    pm_plan_item_opts o = item_opts(PM_ITEM_MENTORING, "Anna's", NULL, "2026-09-01");
    o.mentor = mentor;
    pm_id a1 = add_item_as(f->sys, anna_plan, &o);
    o = item_opts(PM_ITEM_COACHING, "Bo's", NULL, "2026-08-01");
    o.mentor = mentor;
    pm_id b1 = add_item_as(f->sys, bo_plan, &o);
    o = item_opts(PM_ITEM_COACHING, "Bo's undated", NULL, NULL);
    o.mentor = mentor;
    pm_id b2 = add_item_as(f->sys, bo_plan, &o);
    new_item(f, anna_plan, PM_ITEM_TRAINING, "Not mentored", "2026-07-01");

    pm_session *as_mentor = pm_fixture_session(f, mentor);
    pm_plan_item_iter *it = NULL;
    assert_ok(as_mentor, pm_plan_item_list_mentored(&it, as_mentor, mentor));
    pm_id ids[8];
    assert_int_equal(item_ids(as_mentor, it, ids, 8), 3);
    assert_int_equal(ids[0], b1);
    assert_int_equal(ids[1], a1);
    assert_int_equal(ids[2], b2);
    /* ... but not the plans themselves */
    pm_plan *p = (pm_plan *)&p;
    assert_fails(as_mentor, pm_plan_get(&p, as_mentor, anna_plan), PM_EPERM,
                 "may not read this development plan");
    assert_null(p);
    assert_fails(as_mentor, pm_plan_item_list(&it, as_mentor, anna_plan), PM_EPERM,
                 "may not read this development plan");
    assert_fails(as_mentor, pm_plan_item_set_state(as_mentor, a1, PM_ITEM_IN_PROGRESS,
                                                   PM_DATE_NONE),
                 PM_EPERM, "may not change this development plan");
    /* the mentor's manager, HR and the system see the list; a peer does not */
    pm_session *as_boss = pm_fixture_session(f, boss);
    assert_ok(as_boss, pm_plan_item_list_mentored(&it, as_boss, mentor));
    assert_int_equal(item_ids(as_boss, it, ids, 8), 3);
    assert_ok(f->sys, pm_plan_item_list_mentored(&it, f->sys, mentor));
    assert_int_equal(item_ids(f->sys, it, ids, 8), 3);
    pm_session *as_peer = pm_fixture_session(f, peer);
    assert_fails(as_peer, pm_plan_item_list_mentored(&it, as_peer, mentor), PM_EPERM,
                 "may not see what this person mentors");
    assert_null(it);
    /* the plan's person mentors nothing */
    pm_session *as_anna = pm_fixture_session(f, anna);
    assert_ok(as_anna, pm_plan_item_list_mentored(&it, as_anna, anna));
    assert_int_equal(item_ids(as_anna, it, ids, 8), 0);
    pm_session_free(as_anna);
    pm_session_free(as_peer);
    pm_session_free(as_boss);
    pm_session_free(as_mentor);
}

/* ---- who may read and change a plan ---- */

typedef struct org {
    pm_id skip, manager, person, peer, hr, mentor;
    pm_id plan, item;
} org;

static org make_org(pm_fixture *f)
{
    org o;
    o.skip = pm_fixture_person(f, "E1", "Skip", 0, 0);
    o.manager = pm_fixture_person(f, "E2", "Manager", o.skip, 0);
    o.person = pm_fixture_person(f, "E3", "Person", o.manager, 0);
    o.peer = pm_fixture_person(f, "E4", "Peer", o.manager, 0);
    pm_person_opts po = PM_PERSON_OPTS_INIT;
    po.external_id = "E5";
    po.display_name = "HR";
    po.hr_admin = 1;
    assert_ok(f->sys, pm_person_create(&o.hr, f->sys, &po));
    o.mentor = pm_fixture_person(f, "E6", "Mentor", 0, 0);
    o.plan = new_plan(f, o.person, "2026-01-01", "2026-12-31");
    pm_plan_item_opts io = item_opts(PM_ITEM_MENTORING, "Mentored", NULL, NULL);
    io.mentor = o.mentor;
    o.item = add_item_as(f->sys, o.plan, &io);
    return o;
}

/* Every plan call as one session: PM_OK when allowed, PM_EPERM when not,
 * the same answer from each. */
static pm_status try_everything(pm_fixture *f, pm_session *s, const org *o, int *round)
{
    pm_status want = PM_OK;
    int first = 1;
    pm_status got[10];
    size_t n = 0;
    pm_plan *p = NULL;
    got[n++] = pm_plan_get(&p, s, o->plan);
    pm_plan_free(p);
    pm_plan_iter *pi = NULL;
    got[n++] = pm_plan_list(&pi, s, o->person);
    pm_plan_iter_free(pi);
    pm_id current = 0;
    got[n++] = pm_plan_current(&current, s, o->person, PM_DATE_NONE);
    pm_plan_item_iter *ii = NULL;
    got[n++] = pm_plan_item_list(&ii, s, o->plan);
    pm_plan_item_iter_free(ii);
    pm_plan_progress pr = PM_PLAN_PROGRESS_INIT;
    got[n++] = pm_plan_progress_get(&pr, s, o->plan, PM_DATE_NONE);
    pm_plan_opts u = plan_opts(0, NULL, NULL);
    u.strengths = "Changed";
    got[n++] = pm_plan_update(s, o->plan, &u, PM_PLAN_FIELD_STRENGTHS);
    pm_plan_item_opts io = item_opts(PM_ITEM_SELF_STUDY, "Added", NULL, NULL);
    got[n++] = pm_plan_item_add(NULL, s, o->plan, &io);
    pm_item_state to = (*round % 2) ? PM_ITEM_CANCELLED : PM_ITEM_IN_PROGRESS;
    got[n++] = pm_plan_item_set_state(s, o->item, to, PM_DATE_NONE);
    char start[32], end[32];
    snprintf(start, sizeof start, "%d-01-01", 2030 + *round);
    snprintf(end, sizeof end, "%d-12-31", 2030 + *round);
    pm_plan_opts np = plan_opts(o->person, start, end);
    got[n++] = pm_plan_create(NULL, s, &np);
    (void)f;
    for (size_t i = 0; i < n; i++) {
        if (got[i] != PM_OK && got[i] != PM_EPERM)
            fail_msg("call %zu: status %d: %s", i, got[i], pm_session_errmsg(s));
        if (first) {
            want = got[i];
            first = 0;
        } else if (got[i] != want) {
            fail_msg("call %zu: status %d, the first call gave %d", i, got[i], want);
        }
    }
    if (want == PM_OK)
        (*round)++;
    return want;
}

static void test_person_manager_chain_hr_and_system_may_read_and_change_a_plan(void **state)
{
    pm_fixture *f = *state;
    org o = make_org(f);
    int round = 0;
    const struct {
        pm_id who;
        pm_status want;
        const char *name;
    } cases[] = {
        { o.person, PM_OK, "the person" },
        { o.manager, PM_OK, "the manager" },
        { o.skip, PM_OK, "the manager's manager" },
        { o.hr, PM_OK, "HR" },
        { o.peer, PM_EPERM, "a peer" },
        { o.mentor, PM_EPERM, "the mentor of an item" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pm_session *s = pm_fixture_session(f, cases[i].who);
        char *before = cases[i].want == PM_EPERM ? pm_fixture_store_dump(f) : NULL;
        pm_status st = try_everything(f, s, &o, &round);
        if (st != cases[i].want)
            fail_msg("%s: status %d, expected %d", cases[i].name, st, cases[i].want);
        if (before != NULL)
            pm_fixture_assert_store_is(f, before);
        pm_session_free(s);
    }
    assert_int_equal(try_everything(f, f->sys, &o, &round), PM_OK);
}

static void test_a_former_manager_loses_access(void **state)
{
    pm_fixture *f = *state;
    org o = make_org(f);
    pm_session *as_manager = pm_fixture_session(f, o.manager);
    pm_plan *p = NULL;
    assert_ok(as_manager, pm_plan_get(&p, as_manager, o.plan));
    pm_plan_free(p);
    assert_ok(f->sys, pm_org_set_manager(f->sys, o.person, o.mentor, D("2026-06-15")));
    assert_fails(as_manager, pm_plan_get(&p, as_manager, o.plan), PM_EPERM,
                 "permission denied: person");
    pm_session_free(as_manager);
    /* ... and the new one gains it */
    pm_session *as_new = pm_fixture_session(f, o.mentor);
    assert_ok(as_new, pm_plan_get(&p, as_new, o.plan));
    pm_plan_free(p);
    pm_session_free(as_new);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_plan_create_reads_back_every_field),
        T(test_plans_list_by_start_and_the_current_one_covers_the_day),
        T(test_overlapping_plan_is_refused_naming_the_plan_it_overlaps),
        T(test_plan_update_changes_the_flagged_fields_only),
        T(test_plan_update_keeps_items_inside_and_plans_apart),
        T(test_copy_forward_carries_open_items_areas_and_texts),
        T(test_copy_forward_needs_a_later_period_free_of_other_plans),
        T(test_areas_keep_the_order_added_and_a_repeat_replaces_the_note),
        T(test_items_of_every_kind_read_back_their_fields),
        T(test_items_list_by_due_day_with_undated_items_last),
        T(test_item_states_follow_the_table_and_done_keeps_its_day),
        T(test_progress_weighs_done_items_and_counts_overdue_ones),
        T(test_mentor_lists_their_items_but_may_not_read_the_plans),
        T(test_person_manager_chain_hr_and_system_may_read_and_change_a_plan),
        T(test_a_former_manager_loses_access),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
