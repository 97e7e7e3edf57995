/* The pure rules of core/org.c, without a store: which dated period covers
 * a day, how a change of manager or unit applies to the latest period, and
 * the walk up a parent chain that finds cycles. */
#include "fixture.h"

#include <string.h>

#include "core/org.h"

#define D(iso) pm_fixture_date(iso)

/* ---- core: periods ---- */

static void test_core_period_covers_start_but_not_end(void **state)
{
    (void)state;
    pm_org_period closed = { 7, 100, 110 };
    assert_false(pm_org__covers(&closed, 99));
    assert_true(pm_org__covers(&closed, 100));
    assert_true(pm_org__covers(&closed, 109));
    assert_false(pm_org__covers(&closed, 110));
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    assert_true(pm_org__covers(&open, 100));
    assert_true(pm_org__covers(&open, 2000000));
    assert_false(pm_org__covers(&open, 99));
}

static void test_core_find_covering_picks_the_period_of_the_day_or_none(void **state)
{
    (void)state;
    /* [100,110) unit 1, gap, [120,130) unit 2, [130,open) unit 3 */
    pm_org_period h[] = { { 1, 100, 110 }, { 2, 120, 130 }, { 3, 130, PM_DATE_NONE } };
    assert_int_equal(pm_org__find_covering(h, 3, 99), 3);
    assert_int_equal(pm_org__find_covering(h, 3, 100), 0);
    assert_int_equal(pm_org__find_covering(h, 3, 109), 0);
    assert_int_equal(pm_org__find_covering(h, 3, 110), 3);
    assert_int_equal(pm_org__find_covering(h, 3, 119), 3);
    assert_int_equal(pm_org__find_covering(h, 3, 120), 1);
    assert_int_equal(pm_org__find_covering(h, 3, 129), 1);
    assert_int_equal(pm_org__find_covering(h, 3, 130), 2);
    assert_int_equal(pm_org__find_covering(h, 3, 5000), 2);
    assert_int_equal(pm_org__find_covering(h, 0, 100), 0);
    /* A closed last period covers nothing after its end. */
    assert_int_equal(pm_org__find_covering(h, 2, 130), 2);
}

static void test_core_next_change_is_the_first_start_or_end_after_the_day(void **state)
{
    (void)state;
    pm_org_period h[] = { { 1, 100, 110 }, { 2, 120, 130 }, { 3, 130, PM_DATE_NONE } };
    assert_int_equal(pm_org__next_change(h, 3, 50), 100);
    assert_int_equal(pm_org__next_change(h, 3, 100), 110);
    assert_int_equal(pm_org__next_change(h, 3, 110), 120);
    assert_int_equal(pm_org__next_change(h, 3, 125), 130);
    assert_int_equal(pm_org__next_change(h, 3, 130), PM_DATE_NONE);
    assert_int_equal(pm_org__next_change(h, 0, 130), PM_DATE_NONE);
}

static void test_core_latest_change_is_the_end_once_closed(void **state)
{
    (void)state;
    pm_org_period open = { 1, 100, PM_DATE_NONE };
    pm_org_period closed = { 1, 100, 140 };
    assert_int_equal(pm_org__latest_change(&open), 100);
    assert_int_equal(pm_org__latest_change(&closed), 140);
}

static void test_core_check_date_accepts_years_1_to_9999_only(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__check_date(D("0001-01-01"), "x.date", &err), PM_OK);
    assert_int_equal(pm_org__check_date(D("9999-12-31"), "x.date", &err), PM_OK);
    assert_int_equal(pm_org__check_date(D("0001-01-01") - 1, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(D("9999-12-31") + 1, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(PM_DATE_NONE, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(PM_DATE_NONE + 1, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(INT32_MAX, "x.date", &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "x.date: 2147483647 is not a date"));
}

/* ---- core: how a change applies ---- */

static pm_org_plan plan_ok(const pm_org_period *latest, pm_date date, pm_id target)
{
    pm_org_plan plan;
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_org__plan_change(&plan, latest, date, target, "reporting_line", &err);
    if (st != PM_OK)
        fail_msg("plan refused: %s", err.message);
    return plan;
}

static void test_core_plan_first_change_opens_a_period(void **state)
{
    (void)state;
    pm_org_plan plan = plan_ok(NULL, 100, 7);
    assert_int_equal(plan.steps, PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.opened.target, 7);
    assert_int_equal(plan.opened.start, 100);
    assert_int_equal(plan.opened.end, PM_DATE_NONE);
    assert_int_equal(plan_ok(NULL, 100, 0).steps, 0);
}

static void test_core_plan_before_latest_change_is_refused_with_both_dates(void **state)
{
    (void)state;
    pm_org_period open = { 7, D("2026-03-01"), PM_DATE_NONE };
    pm_org_plan plan;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__plan_change(&plan, &open, D("2026-01-01"), 8, "reporting_line", &err),
                     PM_ECONFLICT);
    assert_string_equal(err.message,
                        "reporting_line.date: 2026-01-01 is before the latest change on 2026-03-01");
    /* A closed period's latest change is its end: days inside it are history too. */
    pm_org_period closed = { 7, D("2026-03-01"), D("2026-05-01") };
    assert_int_equal(pm_org__plan_change(&plan, &closed, D("2026-04-01"), 8, "membership", &err),
                     PM_ECONFLICT);
    assert_string_equal(err.message,
                        "membership.date: 2026-04-01 is before the latest change on 2026-05-01");
    assert_int_equal(pm_org__plan_change(&plan, &closed, D("2026-03-01"), 0, "membership", &err),
                     PM_ECONFLICT);
}

static void test_core_plan_same_day_replaces_the_target(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    pm_org_plan plan = plan_ok(&open, 100, 8);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE);
    assert_int_equal(plan.latest.target, 8);
    assert_int_equal(plan.latest.start, 100);
    assert_int_equal(plan.latest.end, PM_DATE_NONE);
}

static void test_core_plan_same_day_with_no_target_drops_the_period(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    assert_int_equal(plan_ok(&open, 100, 0).steps, PM_ORG_PLAN_DROP);
}

static void test_core_plan_later_day_closes_and_opens(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    pm_org_plan plan = plan_ok(&open, 130, 8);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE | PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.latest.target, 7);
    assert_int_equal(plan.latest.start, 100);
    assert_int_equal(plan.latest.end, 130);
    assert_int_equal(plan.opened.target, 8);
    assert_int_equal(plan.opened.start, 130);
    assert_int_equal(plan.opened.end, PM_DATE_NONE);
}

static void test_core_plan_later_day_with_no_target_only_closes(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    pm_org_plan plan = plan_ok(&open, 130, 0);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE);
    assert_int_equal(plan.latest.end, 130);
}

static void test_core_plan_same_target_changes_nothing(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    assert_int_equal(plan_ok(&open, 100, 7).steps, 0);
    assert_int_equal(plan_ok(&open, 500, 7).steps, 0);
}

static void test_core_plan_after_a_closed_period(void **state)
{
    (void)state;
    pm_org_period closed = { 7, 100, 130 };
    /* Nothing is open: "no target" is already true. */
    assert_int_equal(plan_ok(&closed, 130, 0).steps, 0);
    assert_int_equal(plan_ok(&closed, 200, 0).steps, 0);
    /* A new target opens a period on the closing day or later. */
    pm_org_plan plan = plan_ok(&closed, 130, 8);
    assert_int_equal(plan.steps, PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.opened.start, 130);
    plan = plan_ok(&closed, 150, 7);
    assert_int_equal(plan.steps, PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.opened.target, 7);
    assert_int_equal(plan.opened.start, 150);
    /* The old target again on the closing day undoes the closing. */
    plan = plan_ok(&closed, 130, 7);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE);
    assert_int_equal(plan.latest.start, 100);
    assert_int_equal(plan.latest.end, PM_DATE_NONE);
}

/* ---- core: cycles ---- */

/* A parent relation as an array: parent[i] is the parent of i (0: top). */
typedef struct tree {
    const pm_id *parent;
    size_t size;
    int calls;
    pm_id fail_at;   /* asking for this node fails with PM_ESTORAGE */
} tree;

static pm_status tree_parent(pm_id *parent, pm_id node, void *payload)
{
    tree *t = payload;
    t->calls++;
    if (node == t->fail_at)
        return PM_ESTORAGE;
    assert_true(node > 0 && (size_t)node < t->size);
    *parent = t->parent[node];
    return PM_OK;
}

static int reaches(tree *t, pm_id from, pm_id target)
{
    int found = -1;
    pm_error err;
    pm_error__clear(&err);
    if (pm_org__reaches(&found, from, target, tree_parent, t, "test", &err) != PM_OK)
        fail_msg("walk failed: %s", err.message);
    return found;
}

static void test_core_reaches_finds_ancestors_only(void **state)
{
    (void)state;
    /* 1 <- 2 <- 3 <- 4, and 5 on its own under 1 */
    static const pm_id parent[] = { 0, 0, 1, 2, 3, 1 };
    tree t = { parent, 6, 0, 0 };
    assert_int_equal(reaches(&t, 4, 1), 1);
    assert_int_equal(reaches(&t, 4, 3), 1);
    assert_int_equal(reaches(&t, 4, 4), 1);
    assert_int_equal(reaches(&t, 1, 4), 0);
    assert_int_equal(reaches(&t, 5, 2), 0);
    assert_int_equal(reaches(&t, 3, 5), 0);
}

static void test_core_reaches_asks_each_node_once_and_stops_at_target(void **state)
{
    (void)state;
    static const pm_id parent[] = { 0, 0, 1, 2, 3 };
    tree t = { parent, 5, 0, 0 };
    assert_int_equal(reaches(&t, 4, 2), 1);
    assert_int_equal(t.calls, 2); /* 4 and 3; 2 is the target */
    t.calls = 0;
    assert_int_equal(reaches(&t, 4, 99), 0);
    assert_int_equal(t.calls, 4);
}

static void test_core_reaches_reports_a_stored_loop_as_corrupt(void **state)
{
    (void)state;
    /* 1 -> 2 -> 3 -> 4 -> 2: a loop that 1 walks into, and 5 points to itself */
    static const pm_id parent[] = { 0, 2, 3, 4, 2, 5 };
    tree t = { parent, 6, 0, 0 };
    int found = -1;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__reaches(&found, 1, 99, tree_parent, &t, "unit.parent", &err),
                     PM_ECORRUPT);
    assert_non_null(strstr(err.message, "unit.parent: the chain above 1 loops"));
    assert_true(t.calls < 20);
    assert_int_equal(pm_org__reaches(&found, 5, 99, tree_parent, &t, "unit.parent", &err),
                     PM_ECORRUPT);
    /* A target on the loop is still found. */
    assert_int_equal(reaches(&t, 1, 4), 1);
}

static void test_core_reaches_passes_on_the_callback_error(void **state)
{
    (void)state;
    static const pm_id parent[] = { 0, 0, 1, 2 };
    tree t = { parent, 4, 0, 2 };
    int found = -1;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__reaches(&found, 3, 1, tree_parent, &t, "x", &err), PM_ESTORAGE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_period_covers_start_but_not_end),
        cmocka_unit_test(test_core_find_covering_picks_the_period_of_the_day_or_none),
        cmocka_unit_test(test_core_next_change_is_the_first_start_or_end_after_the_day),
        cmocka_unit_test(test_core_latest_change_is_the_end_once_closed),
        cmocka_unit_test(test_core_check_date_accepts_years_1_to_9999_only),
        cmocka_unit_test(test_core_plan_first_change_opens_a_period),
        cmocka_unit_test(test_core_plan_before_latest_change_is_refused_with_both_dates),
        cmocka_unit_test(test_core_plan_same_day_replaces_the_target),
        cmocka_unit_test(test_core_plan_same_day_with_no_target_drops_the_period),
        cmocka_unit_test(test_core_plan_later_day_closes_and_opens),
        cmocka_unit_test(test_core_plan_later_day_with_no_target_only_closes),
        cmocka_unit_test(test_core_plan_same_target_changes_nothing),
        cmocka_unit_test(test_core_plan_after_a_closed_period),
        cmocka_unit_test(test_core_reaches_finds_ancestors_only),
        cmocka_unit_test(test_core_reaches_asks_each_node_once_and_stops_at_target),
        cmocka_unit_test(test_core_reaches_reports_a_stored_loop_as_corrupt),
        cmocka_unit_test(test_core_reaches_passes_on_the_callback_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
