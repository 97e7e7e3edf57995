/* The pure rules of core/plan.c, without a store: item kinds and states,
 * the state table, period and item date checks, weights, where copying a
 * plan forward moves a date, the list order of items, and plan progress.
 *
 * Tolerance: the shares are ratios of small sums of weights written out in
 * the test (3.0 / 7); the code reaches them by a few divisions and
 * additions, each rounded to within half an ulp, so 1e-12 leaves room for
 * rounding and none for a wrong formula. */
#include "fixture.h"

#include <float.h>
#include <math.h>
#include <string.h>

#include "core/plan.h"

#define D(iso) pm_fixture_date(iso)
#define TOLERANCE 1e-12

static void assert_near(double actual, double expected)
{
    double diff = actual - expected;
    if (!(diff <= TOLERANCE && diff >= -TOLERANCE))
        fail_msg("%.17g, expected %.17g", actual, expected);
}

static void assert_message(const pm_error *err, const char *needle)
{
    if (strstr(err->message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", err->message, needle);
}

/* ---- kinds and states ---- */

static void test_kinds_one_to_eight_are_valid(void **state)
{
    (void)state;
    for (int k = PM_ITEM_TRAINING; k <= PM_ITEM_WELLBEING; k++)
        assert_true(pm_plan__kind_valid((pm_item_kind)k));
    assert_false(pm_plan__kind_valid((pm_item_kind)0));
    assert_false(pm_plan__kind_valid((pm_item_kind)9));
    assert_false(pm_plan__kind_valid((pm_item_kind)-1));
    assert_false(pm_plan__state_valid((pm_item_state)0));
    assert_false(pm_plan__state_valid((pm_item_state)5));
    assert_true(pm_plan__state_valid(PM_ITEM_CANCELLED));
}

static void test_state_table_allows_exactly_the_documented_moves(void **state)
{
    (void)state;
    /* allowed[from][to], 1-based; every other pair is refused. */
    static const int allowed[5][5] = {
        [PM_ITEM_PLANNED] = { [PM_ITEM_IN_PROGRESS] = 1, [PM_ITEM_CANCELLED] = 1 },
        [PM_ITEM_IN_PROGRESS] = { [PM_ITEM_DONE] = 1, [PM_ITEM_CANCELLED] = 1 },
        [PM_ITEM_DONE] = { [PM_ITEM_IN_PROGRESS] = 1 },
        [PM_ITEM_CANCELLED] = { [PM_ITEM_IN_PROGRESS] = 1 },
    };
    for (int from = 0; from <= 5; from++)
        for (int to = 0; to <= 5; to++) {
            int want = from >= 1 && from <= 4 && to >= 1 && to <= 4 && allowed[from][to];
            if (pm_plan__move_allowed((pm_item_state)from, (pm_item_state)to) != want)
                fail_msg("move %d -> %d: expected %s", from, to, want ? "allowed" : "refused");
        }
}

static void test_state_names_read_in_messages(void **state)
{
    (void)state;
    assert_string_equal(pm_plan__state_name(PM_ITEM_PLANNED), "planned");
    assert_string_equal(pm_plan__state_name(PM_ITEM_IN_PROGRESS), "in progress");
    assert_string_equal(pm_plan__state_name(PM_ITEM_DONE), "done");
    assert_string_equal(pm_plan__state_name(PM_ITEM_CANCELLED), "cancelled");
    assert_string_equal(pm_plan__state_name((pm_item_state)7), "?");
}

/* ---- periods ---- */

static void test_period_needs_an_end_not_before_the_start(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_plan__check_period(D("2026-01-01"), D("2026-12-31"), &err), PM_OK);
    assert_int_equal(pm_plan__check_period(D("2026-01-01"), D("2026-01-01"), &err), PM_OK);
    assert_int_equal(pm_plan__check_period(D("2026-01-01"), PM_DATE_NONE, &err), PM_EINVAL);
    assert_message(&err, "plan.end: must be given");
    assert_int_equal(pm_plan__check_period(D("2026-03-01"), D("2026-01-01"), &err), PM_EINVAL);
    assert_message(&err, "plan.end: 2026-01-01 is before the start 2026-03-01");
    assert_int_equal(pm_plan__check_period(D("2026-01-01"), 99999999, &err), PM_ERANGE);
    assert_message(&err, "plan.end: 99999999 is not a date");
    assert_int_equal(pm_plan__check_period(-99999999, D("2026-01-01"), &err), PM_ERANGE);
    assert_message(&err, "plan.start");
}

static void test_periods_overlap_when_they_share_a_day(void **state)
{
    (void)state;
    pm_date a = D("2026-01-01"), b = D("2026-06-30"), c = D("2026-07-01"), d = D("2026-12-31");
    assert_false(pm_plan__overlaps(a, b, c, d));
    assert_false(pm_plan__overlaps(c, d, a, b));
    assert_true(pm_plan__overlaps(a, c, c, d));   /* the last day of one is the first of the other */
    assert_true(pm_plan__overlaps(a, d, c, c));   /* one inside the other */
    assert_true(pm_plan__overlaps(c, c, a, d));
    assert_true(pm_plan__overlaps(a, b, a, b));
}

/* ---- items ---- */

static void test_item_dates_keep_within_the_plan_and_in_order(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    pm_date plan = D("2026-01-01");
    assert_int_equal(pm_plan__check_item_dates(plan, PM_DATE_NONE, PM_DATE_NONE, &err), PM_OK);
    assert_int_equal(pm_plan__check_item_dates(plan, plan, plan, &err), PM_OK);
    assert_int_equal(pm_plan__check_item_dates(plan, PM_DATE_NONE, D("2025-12-01"), &err),
                     PM_EINVAL);
    assert_message(&err, "plan_item.due: 2025-12-01 is before the plan starts on 2026-01-01");
    assert_int_equal(pm_plan__check_item_dates(plan, D("2025-12-31"), PM_DATE_NONE, &err),
                     PM_EINVAL);
    assert_message(&err, "plan_item.start: 2025-12-31 is before the plan starts on 2026-01-01");
    assert_int_equal(pm_plan__check_item_dates(plan, D("2026-03-01"), D("2026-02-01"), &err),
                     PM_EINVAL);
    assert_message(&err, "plan_item.due: 2026-02-01 is before the item's start 2026-03-01");
    assert_int_equal(pm_plan__check_item_dates(plan, 99999999, PM_DATE_NONE, &err), PM_ERANGE);
    assert_message(&err, "plan_item.start: 99999999 is not a date");
}

static void test_weight_must_be_finite_and_positive(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_plan__check_weight(1.0, &err), PM_OK);
    assert_int_equal(pm_plan__check_weight(1e-9, &err), PM_OK);
    assert_int_equal(pm_plan__check_weight(0.0, &err), PM_EINVAL);
    assert_message(&err, "plan_item.weight: must be more than 0 (0)");
    assert_int_equal(pm_plan__check_weight(-2.0, &err), PM_EINVAL);
    assert_int_equal(pm_plan__check_weight(NAN, &err), PM_EINVAL);
    assert_message(&err, "plan_item.weight: must be a finite number");
    assert_int_equal(pm_plan__check_weight(INFINITY, &err), PM_EINVAL);
}

static void test_copied_dates_before_the_new_start_move_to_it(void **state)
{
    (void)state;
    pm_date start = D("2027-01-01");
    assert_int_equal(pm_plan__moved_date(D("2026-05-01"), start), start);
    assert_int_equal(pm_plan__moved_date(D("2026-12-31"), start), start);
    assert_int_equal(pm_plan__moved_date(start, start), start);
    assert_int_equal(pm_plan__moved_date(D("2027-03-01"), start), D("2027-03-01"));
    assert_int_equal(pm_plan__moved_date(PM_DATE_NONE, start), PM_DATE_NONE);
}

static void test_items_order_by_due_day_undated_last_then_id(void **state)
{
    (void)state;
    pm_date early = D("2026-02-01"), late = D("2026-03-01");
    assert_true(pm_plan__item_order(early, 9, late, 1) < 0);
    assert_true(pm_plan__item_order(late, 1, early, 9) > 0);
    assert_true(pm_plan__item_order(early, 1, early, 2) < 0);
    assert_true(pm_plan__item_order(early, 2, early, 1) > 0);
    assert_true(pm_plan__item_order(PM_DATE_NONE, 1, late, 9) > 0);
    assert_true(pm_plan__item_order(late, 9, PM_DATE_NONE, 1) < 0);
    assert_true(pm_plan__item_order(PM_DATE_NONE, 1, PM_DATE_NONE, 2) < 0);
    assert_int_equal(pm_plan__item_order(early, 3, early, 3), 0);
}

/* ---- progress ---- */

static void test_progress_weighs_done_items_and_leaves_out_cancelled(void **state)
{
    (void)state;
    pm_date on = D("2026-06-15");
    const pm_plan_item_fact items[] = {
        { PM_ITEM_DONE, D("2026-03-01"), 3.0 },
        { PM_ITEM_IN_PROGRESS, D("2026-06-14"), 2.0 },  /* overdue */
        { PM_ITEM_PLANNED, D("2026-06-15"), 1.0 },      /* due today: not overdue */
        { PM_ITEM_PLANNED, PM_DATE_NONE, 1.0 },
        { PM_ITEM_CANCELLED, D("2026-01-10"), 50.0 },   /* left out, though past due */
        { PM_ITEM_DONE, D("2026-01-10"), 0.0 },         /* a zero weight counts, weightless */
    };
    pm_plan_progress p = PM_PLAN_PROGRESS_INIT;
    pm_plan__progress(&p, items, sizeof items / sizeof items[0], on);
    assert_int_equal(p.version, PM_PLAN_PROGRESS_VERSION);
    assert_int_equal(p.items, 5);
    assert_int_equal(p.done, 2);
    assert_int_equal(p.overdue, 1);
    assert_near(p.share_done, 3.0 / 7.0);
}

static void test_progress_of_nothing_is_zero(void **state)
{
    (void)state;
    pm_plan_progress p = { PM_PLAN_PROGRESS_VERSION, 9, 9, 9, 0.5 };
    pm_plan__progress(&p, NULL, 0, D("2026-06-15"));
    assert_int_equal(p.items, 0);
    assert_int_equal(p.done, 0);
    assert_int_equal(p.overdue, 0);
    assert_near(p.share_done, 0.0);
    const pm_plan_item_fact cancelled[] = { { PM_ITEM_CANCELLED, PM_DATE_NONE, 1.0 } };
    pm_plan__progress(&p, cancelled, 1, D("2026-06-15"));
    assert_int_equal(p.items, 0);
    assert_near(p.share_done, 0.0);
}

static void test_progress_of_huge_weights_stays_a_share(void **state)
{
    (void)state;
    const pm_plan_item_fact items[] = {
        { PM_ITEM_DONE, PM_DATE_NONE, DBL_MAX },
        { PM_ITEM_PLANNED, PM_DATE_NONE, DBL_MAX },
        { PM_ITEM_PLANNED, PM_DATE_NONE, NAN },  /* refused on input; counts as 0 */
    };
    pm_plan_progress p = PM_PLAN_PROGRESS_INIT;
    pm_plan__progress(&p, items, 3, D("2026-06-15"));
    assert_int_equal(p.items, 3);
    assert_near(p.share_done, 0.5);
}

static void test_progress_done_item_past_due_is_not_overdue(void **state)
{
    (void)state;
    const pm_plan_item_fact items[] = {
        { PM_ITEM_DONE, D("2026-01-01"), 1.0 },
        { PM_ITEM_PLANNED, D("2026-01-01"), 1.0 },
    };
    pm_plan_progress p = PM_PLAN_PROGRESS_INIT;
    pm_plan__progress(&p, items, 2, D("2026-01-02"));
    assert_int_equal(p.overdue, 1);
    pm_plan__progress(&p, items, 2, D("2026-01-01"));
    assert_int_equal(p.overdue, 0);
    assert_near(p.share_done, 0.5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_one_to_eight_are_valid),
        cmocka_unit_test(test_state_table_allows_exactly_the_documented_moves),
        cmocka_unit_test(test_state_names_read_in_messages),
        cmocka_unit_test(test_period_needs_an_end_not_before_the_start),
        cmocka_unit_test(test_periods_overlap_when_they_share_a_day),
        cmocka_unit_test(test_item_dates_keep_within_the_plan_and_in_order),
        cmocka_unit_test(test_weight_must_be_finite_and_positive),
        cmocka_unit_test(test_copied_dates_before_the_new_start_move_to_it),
        cmocka_unit_test(test_items_order_by_due_day_undated_last_then_id),
        cmocka_unit_test(test_progress_weighs_done_items_and_leaves_out_cancelled),
        cmocka_unit_test(test_progress_of_nothing_is_zero),
        cmocka_unit_test(test_progress_of_huge_weights_stays_a_share),
        cmocka_unit_test(test_progress_done_item_past_due_is_not_overdue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
