/* Development plans on every backend: every way the input can be wrong is
 * refused with its status and a message naming the field, and the store
 * stays exactly as it was; items of a programme follow their enrolment;
 * adding an item and reading a plan survive running out of memory at any
 * allocation. The happy paths are in test_plan.c. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_plan_helpers.h"

/* Text of n copies of 'x'; free() it. */
static char *long_text(size_t n)
{
    char *t = malloc(n + 1);
    assert_non_null(t);
    memset(t, 'x', n);
    t[n] = '\0';
    return t;
}

/* ---- plans ---- */

enum bad_plan {
    BAD_PLAN_VERSION_0, BAD_PLAN_VERSION_99, BAD_PLAN_PERSON_0, BAD_PLAN_PERSON_UNKNOWN,
    BAD_PLAN_PERSON_LEFT, BAD_PLAN_END_MISSING, BAD_PLAN_END_BEFORE_START, BAD_PLAN_START_RANGE,
    BAD_PLAN_STRENGTHS_UTF8, BAD_PLAN_STRENGTHS_LONG, BAD_PLAN_AMBITIONS_UTF8,
    BAD_PLAN_ROLE_UNKNOWN, BAD_PLAN_ROLE_NEGATIVE, BAD_PLAN_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_plan_expect[BAD_PLAN_COUNT] = {
    [BAD_PLAN_VERSION_0] = { PM_EVERSION, "plan_opts.version: 0" },
    [BAD_PLAN_VERSION_99] = { PM_EVERSION, "plan_opts.version: 99" },
    [BAD_PLAN_PERSON_0] = { PM_EINVAL, "plan.person: 0 is not a person id" },
    [BAD_PLAN_PERSON_UNKNOWN] = { PM_ENOTFOUND, "plan.person: person 999 does not exist" },
    [BAD_PLAN_PERSON_LEFT] = { PM_EINVAL, "has left" },
    [BAD_PLAN_END_MISSING] = { PM_EINVAL, "plan.end: must be given" },
    [BAD_PLAN_END_BEFORE_START] = { PM_EINVAL, "plan.end: 2026-01-01 is before the start 2026-03-01" },
    [BAD_PLAN_START_RANGE] = { PM_ERANGE, "plan.start: 99999999 is not a date" },
    [BAD_PLAN_STRENGTHS_UTF8] = { PM_EUTF8, "plan.strengths: invalid UTF-8" },
    [BAD_PLAN_STRENGTHS_LONG] = { PM_ERANGE, "plan.strengths: longer than 10000" },
    [BAD_PLAN_AMBITIONS_UTF8] = { PM_EUTF8, "plan.ambitions" },
    [BAD_PLAN_ROLE_UNKNOWN] = { PM_ENOTFOUND, "plan.target_role: role 999 does not exist" },
    [BAD_PLAN_ROLE_NEGATIVE] = { PM_EINVAL, "plan.target_role: -1 is not a role id" },
};

static void test_plan_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id gone = pm_fixture_person(f, "E2", "Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    char *too_long = long_text(PM_PLAN_TEXT_MAX + 1);
    for (int c = 0; c < BAD_PLAN_COUNT; c++) {
        pm_plan_opts o = plan_opts(anna, "2026-03-01", "2026-12-31");
        switch ((enum bad_plan)c) {
        case BAD_PLAN_VERSION_0: o.version = 0; break;
        case BAD_PLAN_VERSION_99: o.version = 99; break;
        case BAD_PLAN_PERSON_0: o.person = 0; break;
        case BAD_PLAN_PERSON_UNKNOWN: o.person = 999; break;
        case BAD_PLAN_PERSON_LEFT: o.person = gone; break;
        case BAD_PLAN_END_MISSING: o.end = PM_DATE_NONE; break;
        case BAD_PLAN_END_BEFORE_START: o.end = D("2026-01-01"); break;
        case BAD_PLAN_START_RANGE: o.start = 99999999; break;
        case BAD_PLAN_STRENGTHS_UTF8: o.strengths = "bad \xC3\x28 byte"; break;
        case BAD_PLAN_STRENGTHS_LONG: o.strengths = too_long; break;
        case BAD_PLAN_AMBITIONS_UTF8: o.ambitions = "\xFF"; break;
        case BAD_PLAN_ROLE_UNKNOWN: o.target_role = 999; break;
        case BAD_PLAN_ROLE_NEGATIVE: o.target_role = -1; break;
        case BAD_PLAN_COUNT: break;
        }
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        assert_fails(f->sys, pm_plan_create(&id, f->sys, &o), bad_plan_expect[c].status,
                     bad_plan_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    free(too_long);
    assert_fails(f->sys, pm_plan_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_plan_create(NULL, NULL, NULL), PM_EINVAL);
}

static void test_plan_update_and_areas_refuse_bad_input_and_write_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id scale = new_scale(f);
    pm_id comp = new_competency(f, scale, "Design");
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    assert_ok(f->sys, pm_plan_add_area(f->sys, plan, comp, "Kept", 0));
    char *too_long = long_text(PM_PLAN_TEXT_MAX + 1);
    char *before = pm_fixture_store_dump(f);
    pm_plan_opts u = plan_opts(0, "2026-03-01", "2026-01-01");
    assert_fails(f->sys, pm_plan_update(f->sys, plan, &u, PM_PLAN_FIELD_PERIOD), PM_EINVAL,
                 "plan.end: 2026-01-01 is before the start 2026-03-01");
    assert_fails(f->sys, pm_plan_update(f->sys, plan, &u, 0x10), PM_EINVAL, "fields: 0x10");
    u.strengths = "\xC0\x80";
    assert_fails(f->sys, pm_plan_update(f->sys, plan, &u, PM_PLAN_FIELD_STRENGTHS), PM_EUTF8,
                 "plan.strengths");
    u.ambitions = too_long;
    assert_fails(f->sys, pm_plan_update(f->sys, plan, &u, PM_PLAN_FIELD_AMBITIONS), PM_ERANGE,
                 "plan.ambitions: longer than");
    u.target_role = 999;
    assert_fails(f->sys, pm_plan_update(f->sys, plan, &u, PM_PLAN_FIELD_TARGET_ROLE),
                 PM_ENOTFOUND, "plan.target_role: role 999 does not exist");
    u.target_role = -3;
    assert_fails(f->sys, pm_plan_update(f->sys, plan, &u, PM_PLAN_FIELD_TARGET_ROLE), PM_EINVAL,
                 "plan.target_role: -3 is not a role id");
    assert_fails(f->sys, pm_plan_update(f->sys, 999, &u, PM_PLAN_FIELD_STRENGTHS), PM_ENOTFOUND,
                 "plan: plan 999 does not exist");
    assert_fails(f->sys, pm_plan_update(f->sys, 0, &u, PM_PLAN_FIELD_STRENGTHS), PM_EINVAL,
                 "plan: 0 is not a plan id");
    u.version = 0;
    assert_fails(f->sys, pm_plan_update(f->sys, plan, &u, PM_PLAN_FIELD_STRENGTHS), PM_EVERSION,
                 "plan_opts.version: 0");
    assert_fails(f->sys, pm_plan_update(f->sys, plan, NULL, 0), PM_EINVAL, "opts");
    /* areas */
    assert_fails(f->sys, pm_plan_add_area(f->sys, plan, 999, NULL, 0), PM_ENOTFOUND,
                 "plan_area.competency: competency 999 does not exist");
    assert_fails(f->sys, pm_plan_add_area(f->sys, plan, 0, NULL, 0), PM_EINVAL,
                 "plan_area.competency: 0 is not a competency id");
    assert_fails(f->sys, pm_plan_add_area(f->sys, plan, comp, "\xFF", 0), PM_EUTF8,
                 "plan_area.note");
    assert_fails(f->sys, pm_plan_add_area(f->sys, plan, comp, too_long, 0), PM_ERANGE,
                 "plan_area.note: longer than");
    assert_fails(f->sys, pm_plan_add_area(f->sys, 999, comp, NULL, 0), PM_ENOTFOUND,
                 "plan: plan 999 does not exist");
    pm_fixture_assert_store_is(f, before);
    free(too_long);
}

static void test_copy_forward_refuses_a_person_who_left_and_bad_days(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-03-31");
    new_item(f, plan, PM_ITEM_TRAINING, "Course", NULL);
    char *before = pm_fixture_store_dump(f);
    pm_id id = 77;
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, plan, D("2026-05-01"), D("2026-04-30")),
                 PM_EINVAL, "plan.end: 2026-04-30 is before the start 2026-05-01");
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, plan, 99999999, 99999999), PM_ERANGE,
                 "plan.start");
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, 0, D("2026-05-01"), D("2026-06-30")),
                 PM_EINVAL, "plan: 0 is not a plan id");
    assert_int_equal(id, 0);
    pm_fixture_assert_store_is(f, before);
    assert_ok(f->sys, pm_person_set_left(f->sys, anna, D("2026-06-01")));
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_plan_copy_forward(&id, f->sys, plan, D("2026-05-01"), D("2026-06-30")),
                 PM_EINVAL, "plan.person: person");
    pm_fixture_assert_store_is(f, before);
}

/* ---- items ---- */

enum bad_item {
    BAD_ITEM_VERSION_0, BAD_ITEM_VERSION_99, BAD_ITEM_KIND_0, BAD_ITEM_KIND_9,
    BAD_ITEM_TITLE_MISSING, BAD_ITEM_TITLE_BLANK, BAD_ITEM_TITLE_NEWLINE, BAD_ITEM_TITLE_LONG,
    BAD_ITEM_TITLE_UTF8, BAD_ITEM_NOTES_LONG, BAD_ITEM_NOTES_UTF8, BAD_ITEM_DUE_BEFORE_PLAN,
    BAD_ITEM_START_BEFORE_PLAN, BAD_ITEM_DUE_BEFORE_START, BAD_ITEM_DUE_RANGE,
    BAD_ITEM_WEIGHT_0, BAD_ITEM_WEIGHT_NEGATIVE, BAD_ITEM_WEIGHT_NAN, BAD_ITEM_WEIGHT_INF,
    BAD_ITEM_MENTOR_SELF, BAD_ITEM_MENTOR_UNKNOWN, BAD_ITEM_MENTOR_LEFT, BAD_ITEM_MENTOR_NEGATIVE,
    BAD_ITEM_COMPETENCY_UNKNOWN, BAD_ITEM_COMPETENCY_ZERO, BAD_ITEM_COMPETENCY_TWICE,
    BAD_ITEM_COMPETENCIES_TOO_MANY, BAD_ITEM_COMPETENCIES_NULL, BAD_ITEM_GOAL_UNKNOWN,
    BAD_ITEM_GOAL_OTHERS, BAD_ITEM_GOAL_UNIT, BAD_ITEM_GOAL_NEGATIVE, BAD_ITEM_METRIC_NOT_WELLBEING,
    BAD_ITEM_METRIC_TARGET_NAN, BAD_ITEM_METRIC_NEGATIVE, BAD_ITEM_PLAN_UNKNOWN, BAD_ITEM_PLAN_0,
    BAD_ITEM_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_item_expect[BAD_ITEM_COUNT] = {
    [BAD_ITEM_VERSION_0] = { PM_EVERSION, "plan_item_opts.version: 0" },
    [BAD_ITEM_VERSION_99] = { PM_EVERSION, "plan_item_opts.version: 99" },
    [BAD_ITEM_KIND_0] = { PM_EINVAL, "plan_item.kind: 0 is not a kind" },
    [BAD_ITEM_KIND_9] = { PM_EINVAL, "plan_item.kind: 9 is not a kind" },
    [BAD_ITEM_TITLE_MISSING] = { PM_EINVAL, "plan_item.title: must not be empty" },
    [BAD_ITEM_TITLE_BLANK] = { PM_EINVAL, "plan_item.title: must not be blank" },
    [BAD_ITEM_TITLE_NEWLINE] = { PM_EINVAL, "plan_item.title" },
    [BAD_ITEM_TITLE_LONG] = { PM_ERANGE, "plan_item.title: longer than 200" },
    [BAD_ITEM_TITLE_UTF8] = { PM_EUTF8, "plan_item.title: invalid UTF-8" },
    [BAD_ITEM_NOTES_LONG] = { PM_ERANGE, "plan_item.notes: longer than 10000" },
    [BAD_ITEM_NOTES_UTF8] = { PM_EUTF8, "plan_item.notes" },
    [BAD_ITEM_DUE_BEFORE_PLAN] = { PM_EINVAL,
                                   "plan_item.due: 2025-12-01 is before the plan starts on 2026-01-01" },
    [BAD_ITEM_START_BEFORE_PLAN] = { PM_EINVAL,
                                     "plan_item.start: 2025-12-31 is before the plan starts on 2026-01-01" },
    [BAD_ITEM_DUE_BEFORE_START] = { PM_EINVAL,
                                    "plan_item.due: 2026-02-01 is before the item's start 2026-03-01" },
    [BAD_ITEM_DUE_RANGE] = { PM_ERANGE, "plan_item.due: 99999999 is not a date" },
    [BAD_ITEM_WEIGHT_0] = { PM_EINVAL, "plan_item.weight: must be more than 0" },
    [BAD_ITEM_WEIGHT_NEGATIVE] = { PM_EINVAL, "plan_item.weight: must be more than 0 (-1)" },
    [BAD_ITEM_WEIGHT_NAN] = { PM_EINVAL, "plan_item.weight: must be a finite number" },
    [BAD_ITEM_WEIGHT_INF] = { PM_EINVAL, "plan_item.weight: must be a finite number" },
    [BAD_ITEM_MENTOR_SELF] = { PM_EINVAL, "plan_item.mentor: the person cannot mentor themself" },
    [BAD_ITEM_MENTOR_UNKNOWN] = { PM_ENOTFOUND, "plan_item.mentor: person 999 does not exist" },
    [BAD_ITEM_MENTOR_LEFT] = { PM_EINVAL, "has left" },
    [BAD_ITEM_MENTOR_NEGATIVE] = { PM_EINVAL, "plan_item.mentor: -2 is not a person id" },
    [BAD_ITEM_COMPETENCY_UNKNOWN] = { PM_ENOTFOUND,
                                      "plan_item.competencies: competency 999 does not exist" },
    [BAD_ITEM_COMPETENCY_ZERO] = { PM_EINVAL, "plan_item.competencies: 0 is not a competency id" },
    [BAD_ITEM_COMPETENCY_TWICE] = { PM_EINVAL, "is named twice" },
    [BAD_ITEM_COMPETENCIES_TOO_MANY] = { PM_EINVAL,
                                         "plan_item.competencies: 21 competencies, at most 20" },
    [BAD_ITEM_COMPETENCIES_NULL] = { PM_EINVAL, "plan_item.competencies: must not be NULL" },
    [BAD_ITEM_GOAL_UNKNOWN] = { PM_ENOTFOUND, "plan_item.goal: goal 999 does not exist" },
    [BAD_ITEM_GOAL_OTHERS] = { PM_EINVAL, "is not a goal of person" },
    [BAD_ITEM_GOAL_UNIT] = { PM_EINVAL, "is not a goal of person" },
    [BAD_ITEM_GOAL_NEGATIVE] = { PM_EINVAL, "plan_item.goal: -1 is not a goal id" },
    [BAD_ITEM_METRIC_NOT_WELLBEING] = { PM_EINVAL,
                                        "plan_item.metric: only a wellbeing item has a metric" },
    [BAD_ITEM_METRIC_TARGET_NAN] = { PM_EINVAL, "plan_item.metric_target: must be a finite number" },
    [BAD_ITEM_METRIC_NEGATIVE] = { PM_EINVAL, "plan_item.metric: -5 is not a metric id" },
    [BAD_ITEM_PLAN_UNKNOWN] = { PM_ENOTFOUND, "plan: plan 999 does not exist" },
    [BAD_ITEM_PLAN_0] = { PM_EINVAL, "plan: 0 is not a plan id" },
};

static pm_id goal_of(pm_fixture *f, pm_id owner, pm_id unit)
{
    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = owner;
    o.unit = unit;
    o.title = "A goal";
    o.start = D("2026-01-01");
    o.due = D("2026-12-31");
    pm_id id = 0;
    assert_ok(f->sys, pm_goal_create(&id, f->sys, &o));
    return id;
}

static void test_item_add_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id unit = pm_fixture_unit(f, "Team", 0);
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, unit);
    pm_id bo = pm_fixture_person(f, "E2", "Bo", 0, 0);
    pm_id gone = pm_fixture_person(f, "E3", "Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    pm_id scale = new_scale(f);
    pm_id comp = new_competency(f, scale, "Design");
    pm_id bo_goal = goal_of(f, bo, 0);
    pm_id unit_goal = goal_of(f, anna, unit);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    char *long_title = long_text(PM_PLAN_TITLE_MAX + 1);
    char *long_notes = long_text(PM_PLAN_TEXT_MAX + 1);
    pm_id twice[] = { comp, comp };
    pm_id zero[] = { 0 };
    pm_id unknown[] = { comp, 999 };
    pm_id many[PM_ITEM_COMPETENCIES_MAX + 1];
    for (size_t i = 0; i < sizeof many / sizeof many[0]; i++)
        many[i] = (pm_id)(1000 + i);
    for (int c = 0; c < BAD_ITEM_COUNT; c++) {
        pm_plan_item_opts o = item_opts(PM_ITEM_TRAINING, "Fine", "2026-03-01", "2026-06-01");
        pm_id target = plan;
        switch ((enum bad_item)c) {
        case BAD_ITEM_VERSION_0: o.version = 0; break;
        case BAD_ITEM_VERSION_99: o.version = 99; break;
        case BAD_ITEM_KIND_0: o.kind = (pm_item_kind)0; break;
        case BAD_ITEM_KIND_9: o.kind = (pm_item_kind)9; break;
        case BAD_ITEM_TITLE_MISSING: o.title = NULL; break;
        case BAD_ITEM_TITLE_BLANK: o.title = "  \xC2\xA0 "; break; /* with a no-break space */
        case BAD_ITEM_TITLE_NEWLINE: o.title = "Two\nlines"; break;
        case BAD_ITEM_TITLE_LONG: o.title = long_title; break;
        case BAD_ITEM_TITLE_UTF8: o.title = "Bad \xC3\x28"; break;
        case BAD_ITEM_NOTES_LONG: o.notes = long_notes; break;
        case BAD_ITEM_NOTES_UTF8: o.notes = "\xED\xA0\x80"; break;
        case BAD_ITEM_DUE_BEFORE_PLAN: o.start = PM_DATE_NONE; o.due = D("2025-12-01"); break;
        case BAD_ITEM_START_BEFORE_PLAN: o.start = D("2025-12-31"); break;
        case BAD_ITEM_DUE_BEFORE_START: o.due = D("2026-02-01"); break;
        case BAD_ITEM_DUE_RANGE: o.due = 99999999; break;
        case BAD_ITEM_WEIGHT_0: o.weight = 0.0; break;
        case BAD_ITEM_WEIGHT_NEGATIVE: o.weight = -1.0; break;
        case BAD_ITEM_WEIGHT_NAN: o.weight = NAN; break;
        case BAD_ITEM_WEIGHT_INF: o.weight = INFINITY; break;
        case BAD_ITEM_MENTOR_SELF: o.mentor = anna; break;
        case BAD_ITEM_MENTOR_UNKNOWN: o.mentor = 999; break;
        case BAD_ITEM_MENTOR_LEFT: o.mentor = gone; break;
        case BAD_ITEM_MENTOR_NEGATIVE: o.mentor = -2; break;
        case BAD_ITEM_COMPETENCY_UNKNOWN: o.competencies = unknown; o.ncompetencies = 2; break;
        case BAD_ITEM_COMPETENCY_ZERO: o.competencies = zero; o.ncompetencies = 1; break;
        case BAD_ITEM_COMPETENCY_TWICE: o.competencies = twice; o.ncompetencies = 2; break;
        case BAD_ITEM_COMPETENCIES_TOO_MANY:
            o.competencies = many;
            o.ncompetencies = sizeof many / sizeof many[0];
            break;
        case BAD_ITEM_COMPETENCIES_NULL: o.competencies = NULL; o.ncompetencies = 1; break;
        case BAD_ITEM_GOAL_UNKNOWN: o.goal = 999; break;
        case BAD_ITEM_GOAL_OTHERS: o.goal = bo_goal; break;
        case BAD_ITEM_GOAL_UNIT: o.goal = unit_goal; break;
        case BAD_ITEM_GOAL_NEGATIVE: o.goal = -1; break;
        case BAD_ITEM_METRIC_NOT_WELLBEING: o.metric = 3; break;
        case BAD_ITEM_METRIC_TARGET_NAN:
            o.kind = PM_ITEM_WELLBEING;
            o.metric = 3;
            o.metric_target = NAN;
            break;
        case BAD_ITEM_METRIC_NEGATIVE: o.metric = -5; break;
        case BAD_ITEM_PLAN_UNKNOWN: target = 999; break;
        case BAD_ITEM_PLAN_0: target = 0; break;
        case BAD_ITEM_COUNT: break;
        }
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        pm_status st = pm_plan_item_add(&id, f->sys, target, &o);
        if (st != bad_item_expect[c].status)
            fail_msg("case %d: status %d, expected %d: %s", c, st, bad_item_expect[c].status,
                     pm_session_errmsg(f->sys));
        if (strstr(pm_session_errmsg(f->sys), bad_item_expect[c].needle) == NULL)
            fail_msg("case %d: message '%s' lacks '%s'", c, pm_session_errmsg(f->sys),
                     bad_item_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    free(long_title);
    free(long_notes);
    assert_fails(f->sys, pm_plan_item_add(NULL, f->sys, plan, NULL), PM_EINVAL, "opts");
    /* The same options fixed are fine. */
    pm_plan_item_opts o = item_opts(PM_ITEM_WELLBEING, "Fine", "2026-01-01", "2026-01-01");
    assert_ok(f->sys, pm_metric_builtin(&o.metric, f->sys, PM_METRIC_WHO5));
    o.metric_target = 70;
    o.competencies = twice;
    o.ncompetencies = 1;
    o.goal = goal_of(f, anna, 0);
    o.mentor = bo;
    add_item_as(f->sys, plan, &o);
}

static void test_item_set_state_refuses_unknown_items_states_and_days(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_id item = new_item(f, plan, PM_ITEM_TRAINING, "Course", NULL);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_plan_item_set_state(f->sys, 999, PM_ITEM_IN_PROGRESS, PM_DATE_NONE),
                 PM_ENOTFOUND, "plan_item: item 999 does not exist");
    assert_fails(f->sys, pm_plan_item_set_state(f->sys, 0, PM_ITEM_IN_PROGRESS, PM_DATE_NONE),
                 PM_EINVAL, "plan_item: 0 is not an item id");
    assert_fails(f->sys, pm_plan_item_set_state(f->sys, item, (pm_item_state)9, PM_DATE_NONE),
                 PM_EINVAL, "plan_item.state: 9 is not a state");
    assert_fails(f->sys, pm_plan_item_set_state(f->sys, item, PM_ITEM_IN_PROGRESS, 99999999),
                 PM_ERANGE, "date: 99999999 is not a date");
    assert_fails(f->sys, pm_plan_item_set_state(f->sys, item, PM_ITEM_DONE, PM_DATE_NONE),
                 PM_EINVAL, "cannot move from planned to done");
    pm_fixture_assert_store_is(f, before);
}

static void test_reads_refuse_unknown_ids_and_versions(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_plan *p = (pm_plan *)&p;
    assert_fails(f->sys, pm_plan_get(&p, f->sys, 999), PM_ENOTFOUND,
                 "plan: plan 999 does not exist");
    assert_null(p);
    assert_fails(f->sys, pm_plan_get(&p, f->sys, -1), PM_EINVAL, "plan: -1 is not a plan id");
    assert_fails(f->sys, pm_plan_get(NULL, f->sys, plan), PM_EINVAL, "out");
    pm_plan_iter *pi = NULL;
    assert_fails(f->sys, pm_plan_list(&pi, f->sys, 999), PM_ENOTFOUND,
                 "person: person 999 does not exist");
    assert_null(pi);
    pm_id current = 77;
    assert_fails(f->sys, pm_plan_current(&current, f->sys, anna, 99999999), PM_ERANGE,
                 "date: 99999999 is not a date");
    assert_int_equal(current, 0);
    assert_fails(f->sys, pm_plan_current(&current, f->sys, 0, PM_DATE_NONE), PM_EINVAL,
                 "person: 0 is not a person id");
    pm_plan_item_iter *ii = NULL;
    assert_fails(f->sys, pm_plan_item_list(&ii, f->sys, 999), PM_ENOTFOUND, "plan 999");
    assert_fails(f->sys, pm_plan_item_list_mentored(&ii, f->sys, 0), PM_EINVAL,
                 "mentor: 0 is not a person id");
    assert_fails(f->sys, pm_plan_item_list_mentored(&ii, f->sys, 999), PM_ENOTFOUND,
                 "mentor: person 999 does not exist");
    assert_null(ii);
    pm_plan_progress pr = PM_PLAN_PROGRESS_INIT;
    pr.version = 0;
    assert_fails(f->sys, pm_plan_progress_get(&pr, f->sys, plan, PM_DATE_NONE), PM_EVERSION,
                 "plan_progress.version: 0");
    pr.version = PM_PLAN_PROGRESS_VERSION;
    assert_fails(f->sys, pm_plan_progress_get(&pr, f->sys, 999, PM_DATE_NONE), PM_ENOTFOUND,
                 "plan 999");
    assert_fails(f->sys, pm_plan_progress_get(NULL, f->sys, plan, PM_DATE_NONE), PM_EINVAL, "out");
    assert_int_equal(pm_plan_iter_next(NULL, NULL), PM_EINVAL);
    assert_int_equal(pm_plan_item_iter_next(NULL, NULL), PM_EINVAL);
    pm_plan_iter_free(NULL);
    pm_plan_item_iter_free(NULL);
    pm_plan_free(NULL);
}

static void test_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_plan_opts p;
    memset(&p, 0xAB, sizeof p);
    assert_int_equal(pm_plan_opts_init(&p, PM_PLAN_OPTS_VERSION), PM_OK);
    assert_int_equal(p.version, PM_PLAN_OPTS_VERSION);
    assert_int_equal(p.person, 0);
    assert_int_equal(p.start, PM_DATE_NONE);
    assert_int_equal(p.end, PM_DATE_NONE);
    assert_null(p.strengths);
    assert_int_equal(pm_plan_opts_init(&p, 0), PM_EVERSION);
    assert_int_equal(pm_plan_opts_init(&p, 2), PM_EVERSION);
    assert_int_equal(pm_plan_opts_init(NULL, 1), PM_EINVAL);
    pm_plan_item_opts i;
    memset(&i, 0xAB, sizeof i);
    assert_int_equal(pm_plan_item_opts_init(&i, PM_PLAN_ITEM_OPTS_VERSION), PM_OK);
    assert_int_equal(i.kind, 0);
    assert_null(i.title);
    assert_true(i.weight == 1.0);
    assert_int_equal(i.due, PM_DATE_NONE);
    assert_null(i.competencies);
    assert_int_equal(pm_plan_item_opts_init(&i, 99), PM_EVERSION);
    assert_int_equal(pm_plan_item_opts_init(NULL, 1), PM_EINVAL);
}

/* ---- items of a programme ---- */

static void test_programme_item_follows_its_enrolment_and_stays_behind(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id scale = new_scale(f);
    pm_id comp = new_competency(f, scale, "Design");
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-06-30");
    pm_programme_opts po = PM_PROGRAMME_OPTS_INIT;
    po.name = "Design school";
    po.competencies = &comp;
    po.ncompetencies = 1;
    pm_id programme = 0;
    assert_ok(f->sys, pm_programme_create(&programme, f->sys, &po));
    pm_id item = 0;
    assert_ok(f->sys, pm_programme_enrol(&item, f->sys, programme, anna));
    assert_true(item > 0);
    pm_id own = new_item(f, plan, PM_ITEM_SELF_STUDY, "Own", NULL);
    char *before = pm_fixture_store_dump(f);
    char needle[80];
    snprintf(needle, sizeof needle, "plan_item: item %lld follows its programme enrolment",
             (long long)item);
    assert_fails(f->sys, pm_plan_item_set_state(f->sys, item, PM_ITEM_CANCELLED, PM_DATE_NONE),
                 PM_EINVAL, needle);
    pm_fixture_assert_store_is(f, before);
    pm_plan_item_iter *it = NULL;
    pm_plan_item *got = find_item(f->sys, plan, item, &it);
    assert_non_null(got);
    assert_int_equal(pm_plan_item_programme(got), programme);
    pm_plan_item_iter_free(it);
    /* Copying forward leaves the programme's item behind. */
    pm_id next = 0;
    assert_ok(f->sys, pm_plan_copy_forward(&next, f->sys, plan, D("2026-07-01"), D("2026-12-31")));
    pm_id ids[4];
    assert_int_equal(plan_item_ids(f->sys, next, ids, 4), 1);
    got = find_item(f->sys, next, ids[0], &it);
    assert_string_equal(pm_plan_item_title(got), "Own");
    assert_int_equal(pm_plan_item_programme(got), 0);
    pm_plan_item_iter_free(it);
    (void)own;
}

/* ---- running out of memory ---- */

#define OOM_LIMIT 5000

static pm_plan_item_opts rich_item(const pm_id *comps, size_t n)
{
    pm_plan_item_opts o = item_opts(PM_ITEM_COACHING, "Co" "\xCC\x81" "aching", "2026-02-01",
                                    "2026-05-01");
    o.notes = "Notes with an NFD e" "\xCC\x81" "\nand a second line";
    o.competencies = comps;
    o.ncompetencies = n;
    return o;
}

static void test_item_add_survives_each_allocation_failure(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id mentor = pm_fixture_person(f, "E2", "Mentor", 0, 0);
    pm_id scale = new_scale(f);
    pm_id comps[] = { new_competency(f, scale, "Design"), new_competency(f, scale, "Testing") };
    pm_id plan = new_plan(f, anna, "2026-01-01", "2026-12-31");
    pm_session *s = pm_fixture_session(f, anna);
    pm_plan_item_opts o = rich_item(comps, 2);
    o.mentor = mentor;
    add_item_as(s, plan, &o); /* warms what a backend keeps */
    long n = 0;
    for (;; n++) {
        assert_true(n < OOM_LIMIT);
        char *before = pm_fixture_store_dump(f);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_id id = 77;
        pm_status st = pm_plan_item_add(&id, s, plan, &o);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK) {
            free(before);
            break;
        }
        if (st != PM_ENOMEM && st != PM_ESTORAGE)
            fail_msg("allocation %ld failing: status %d: %s", n, st, pm_session_errmsg(s));
        assert_true(pm_session_errmsg(s)[0] != '\0');
        assert_int_equal(id, 0);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
        pm_fixture_check_store(f, before, "item add out of memory");
        free(before);
    }
    assert_true(n > 0);
    pm_id ids[4];
    assert_int_equal(plan_item_ids(s, plan, ids, 4), 2);
    pm_session_free(s);
}

static void test_plan_get_and_item_list_survive_each_allocation_failure(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "E1", "Anna", 0, 0);
    pm_id scale = new_scale(f);
    pm_id c1 = new_competency(f, scale, "Design");
    pm_id c2 = new_competency(f, scale, "Testing");
    pm_plan_opts po = plan_opts(anna, "2026-01-01", "2026-12-31");
    po.strengths = "Strengths";
    po.ambitions = "Ambitions";
    pm_id plan = 0;
    assert_ok(f->sys, pm_plan_create(&plan, f->sys, &po));
    assert_ok(f->sys, pm_plan_add_area(f->sys, plan, c1, "One", 0));
    assert_ok(f->sys, pm_plan_add_area(f->sys, plan, c2, "Two", 0));
    pm_id comps[] = { c1, c2 };
    pm_plan_item_opts io = rich_item(comps, 2);
    add_item_as(f->sys, plan, &io);
    add_item_as(f->sys, plan, &io);
    pm_session *s = pm_fixture_session(f, anna);
    pm_plan *p = NULL;
    assert_ok(s, pm_plan_get(&p, s, plan)); /* warms what a backend keeps */
    pm_plan_free(p);
    long n = 0;
    for (;; n++) {
        assert_true(n < OOM_LIMIT);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        p = (pm_plan *)&p;
        pm_status st = pm_plan_get(&p, s, plan);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK) {
            assert_int_equal(pm_plan_area_count(p), 2);
            assert_string_equal(pm_plan_area_note(p, 1), "Two");
            pm_plan_free(p);
            break;
        }
        if (st != PM_ENOMEM && st != PM_ESTORAGE)
            fail_msg("allocation %ld failing: status %d: %s", n, st, pm_session_errmsg(s));
        assert_null(p);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(n > 0);
    pm_id ids[4];
    assert_int_equal(plan_item_ids(s, plan, ids, 4), 2); /* warms the item scans */
    for (n = 0;; n++) {
        assert_true(n < OOM_LIMIT);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_plan_item_iter *it = NULL;
        pm_status st = pm_plan_item_list(&it, s, plan);
        pm_plan_item *item = NULL;
        if (st == PM_OK)
            st = pm_plan_item_iter_next(&item, it);
        if (st == PM_OK)
            assert_int_equal(pm_plan_item_competency_count(item), 2);
        pm_plan_item_iter_free(it);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK)
            break;
        if (st != PM_ENOMEM && st != PM_ESTORAGE)
            fail_msg("allocation %ld failing: status %d: %s", n, st, pm_session_errmsg(s));
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(n > 0);
    pm_session_free(s);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_plan_create_refuses_bad_input_and_writes_nothing),
        T(test_plan_update_and_areas_refuse_bad_input_and_write_nothing),
        T(test_copy_forward_refuses_a_person_who_left_and_bad_days),
        T(test_item_add_refuses_bad_input_and_writes_nothing),
        T(test_item_set_state_refuses_unknown_items_states_and_days),
        T(test_reads_refuse_unknown_ids_and_versions),
        T(test_opts_init_fills_defaults_and_refuses_unknown_versions),
        T(test_programme_item_follows_its_enrolment_and_stays_behind),
        T(test_item_add_survives_each_allocation_failure),
        T(test_plan_get_and_item_list_survive_each_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
