/* The pure rules of core/goal.c, without a store: key-result progress and
 * zones, the checks of a key result's numbers and of health options,
 * weighted goal progress, expected progress over a period, health,
 * staleness and the allowed state moves.
 *
 * Tolerance: expected values are ratios of small numbers written out in the
 * test (15.0 / 29, 0.675); the code under test reaches them by one or two
 * subtractions and a division, each rounded to within half an ulp (about
 * 1e-16 near 1), so 1e-12 leaves ample room for rounding and none for a
 * wrong formula (the smallest real difference tested is 1e-7). */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/goal.h"

#define D(iso) pm_fixture_date(iso)
#define TOLERANCE 1e-12

static void assert_near_at(double actual, double expected, double tolerance, const char *what,
                           int line)
{
    double diff = actual - expected;
    /* Written so that a NaN result fails too. */
    if (!(diff <= tolerance && diff >= -tolerance))
        fail_msg("line %d: %s is %.17g, expected %.17g (tolerance %g)", line, what, actual,
                 expected, tolerance);
}
#define assert_near(actual, expected) \
    assert_near_at((actual), (expected), TOLERANCE, #actual, __LINE__)

/* ---- key result progress ---- */

static void test_kr_progress_increasing_target_is_the_share_of_the_way(void **state)
{
    (void)state;
    assert_near(pm_goal__kr_progress(100, 150, 130), 0.6);
    assert_near(pm_goal__kr_progress(100, 150, 100), 0.0);
    assert_near(pm_goal__kr_progress(100, 150, 150), 1.0);
    assert_near(pm_goal__kr_progress(-10, 10, 5), 0.75);
}

static void test_kr_progress_decreasing_target_counts_downwards(void **state)
{
    (void)state;
    /* Attrition from 12% to 8%. */
    assert_near(pm_goal__kr_progress(12, 8, 10), 0.5);
    assert_near(pm_goal__kr_progress(12, 8, 12), 0.0);
    assert_near(pm_goal__kr_progress(12, 8, 8), 1.0);
    assert_near(pm_goal__kr_progress(12, 8, 11), 0.25);
}

static void test_kr_progress_clamps_to_zero_and_one(void **state)
{
    (void)state;
    assert_near(pm_goal__kr_progress(100, 150, 200), 1.0);
    assert_near(pm_goal__kr_progress(100, 150, 50), 0.0);
    /* Worse than the baseline of a decreasing target, and past its target. */
    assert_near(pm_goal__kr_progress(12, 8, 13), 0.0);
    assert_near(pm_goal__kr_progress(12, 8, 7), 1.0);
}

static void test_kr_progress_is_zero_for_nan_infinity_or_no_distance(void **state)
{
    (void)state;
    assert_near(pm_goal__kr_progress(NAN, 150, 130), 0.0);
    assert_near(pm_goal__kr_progress(100, NAN, 130), 0.0);
    assert_near(pm_goal__kr_progress(100, 150, NAN), 0.0);
    assert_near(pm_goal__kr_progress(100, 150, INFINITY), 0.0);
    assert_near(pm_goal__kr_progress(100, 150, -INFINITY), 0.0);
    assert_near(pm_goal__kr_progress(-INFINITY, 150, 130), 0.0);
    assert_near(pm_goal__kr_progress(100, INFINITY, 130), 0.0);
    assert_near(pm_goal__kr_progress(5, 5, 5), 0.0);
    assert_near(pm_goal__kr_progress(5, 5, 9), 0.0);
}

static void test_kr_progress_of_finite_values_too_far_apart_to_subtract(void **state)
{
    (void)state;
    /* 1e308 - (-1e308) overflows a double; the ratio is still 0.5 and 0.75. */
    assert_near(pm_goal__kr_progress(-1e308, 1e308, 0), 0.5);
    assert_near(pm_goal__kr_progress(-1e308, 1e308, 5e307), 0.75);
    assert_near(pm_goal__kr_progress(1e308, -1e308, 5e307), 0.25);
}

/* ---- zones ---- */

static pm_zone zone(double baseline, double target, double current, int has_commit, double commit,
                    int has_stretch, double stretch)
{
    pm_kr_values kr = { baseline, target, current, has_commit, commit, has_stretch, stretch };
    return pm_goal__kr_zone(&kr);
}

static void test_zone_is_none_without_commit_or_stretch(void **state)
{
    (void)state;
    assert_int_equal(zone(0, 100, -5, 0, 0, 0, 0), PM_ZONE_NONE);
    assert_int_equal(zone(0, 100, 50, 0, 0, 0, 0), PM_ZONE_NONE);
    assert_int_equal(zone(0, 100, 100, 0, 0, 0, 0), PM_ZONE_NONE);
    assert_int_equal(zone(0, 100, 500, 0, 0, 0, 0), PM_ZONE_NONE);
    /* The level values are ignored when their flags are off. */
    assert_int_equal(zone(0, 100, 70, 0, 60, 0, 120), PM_ZONE_NONE);
}

static void test_zone_increasing_reaching_a_level_enters_its_zone(void **state)
{
    (void)state;
    /* 0 -> 100, commit 60, stretch 120. */
    assert_int_equal(zone(0, 100, -5, 1, 60, 1, 120), PM_ZONE_FAIL);
    assert_int_equal(zone(0, 100, 59.999, 1, 60, 1, 120), PM_ZONE_FAIL);
    assert_int_equal(zone(0, 100, 60, 1, 60, 1, 120), PM_ZONE_COMMIT);
    assert_int_equal(zone(0, 100, 99.999, 1, 60, 1, 120), PM_ZONE_COMMIT);
    assert_int_equal(zone(0, 100, 100, 1, 60, 1, 120), PM_ZONE_TARGET);
    assert_int_equal(zone(0, 100, 119.999, 1, 60, 1, 120), PM_ZONE_TARGET);
    assert_int_equal(zone(0, 100, 120, 1, 60, 1, 120), PM_ZONE_STRETCH);
    assert_int_equal(zone(0, 100, 1000, 1, 60, 1, 120), PM_ZONE_STRETCH);
}

static void test_zone_decreasing_lower_is_better(void **state)
{
    (void)state;
    /* Attrition 12 -> 8, commit 10, stretch 6. */
    assert_int_equal(zone(12, 8, 13, 1, 10, 1, 6), PM_ZONE_FAIL);
    assert_int_equal(zone(12, 8, 10.001, 1, 10, 1, 6), PM_ZONE_FAIL);
    assert_int_equal(zone(12, 8, 10, 1, 10, 1, 6), PM_ZONE_COMMIT);
    assert_int_equal(zone(12, 8, 8.001, 1, 10, 1, 6), PM_ZONE_COMMIT);
    assert_int_equal(zone(12, 8, 8, 1, 10, 1, 6), PM_ZONE_TARGET);
    assert_int_equal(zone(12, 8, 6.001, 1, 10, 1, 6), PM_ZONE_TARGET);
    assert_int_equal(zone(12, 8, 6, 1, 10, 1, 6), PM_ZONE_STRETCH);
    assert_int_equal(zone(12, 8, 0, 1, 10, 1, 6), PM_ZONE_STRETCH);
}

static void test_zone_with_only_commit_stops_at_target(void **state)
{
    (void)state;
    assert_int_equal(zone(0, 100, 59, 1, 60, 0, 0), PM_ZONE_FAIL);
    assert_int_equal(zone(0, 100, 60, 1, 60, 0, 0), PM_ZONE_COMMIT);
    assert_int_equal(zone(0, 100, 100, 1, 60, 0, 0), PM_ZONE_TARGET);
    /* No stretch level: far beyond target is still TARGET. */
    assert_int_equal(zone(0, 100, 1e6, 1, 60, 0, 0), PM_ZONE_TARGET);
    assert_int_equal(zone(12, 8, 11, 1, 10, 0, 0), PM_ZONE_FAIL);
    assert_int_equal(zone(12, 8, 9, 1, 10, 0, 0), PM_ZONE_COMMIT);
    assert_int_equal(zone(12, 8, 1, 1, 10, 0, 0), PM_ZONE_TARGET);
}

static void test_zone_with_only_stretch_short_of_target_fails(void **state)
{
    (void)state;
    /* No commit level to be in: anything short of target is FAIL. */
    assert_int_equal(zone(0, 100, 0, 0, 0, 1, 120), PM_ZONE_FAIL);
    assert_int_equal(zone(0, 100, 99.999, 0, 0, 1, 120), PM_ZONE_FAIL);
    assert_int_equal(zone(0, 100, 100, 0, 0, 1, 120), PM_ZONE_TARGET);
    assert_int_equal(zone(0, 100, 120, 0, 0, 1, 120), PM_ZONE_STRETCH);
    assert_int_equal(zone(12, 8, 9, 0, 0, 1, 6), PM_ZONE_FAIL);
    assert_int_equal(zone(12, 8, 8, 0, 0, 1, 6), PM_ZONE_TARGET);
    assert_int_equal(zone(12, 8, 6, 0, 0, 1, 6), PM_ZONE_STRETCH);
    assert_int_equal(zone(12, 8, 5, 0, 0, 1, 6), PM_ZONE_STRETCH);
}

/* ---- checking a key result ---- */

static pm_key_result_opts numeric(double baseline, double target)
{
    pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
    o.title = "Revenue";
    o.baseline = baseline;
    o.target = target;
    return o;
}

static pm_key_result_opts milestone(void)
{
    pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
    o.title = "Launch";
    o.kind = PM_KEY_RESULT_MILESTONE;
    o.baseline = 0;
    o.target = 1;
    return o;
}

static void expect_kr_ok(const pm_key_result_opts *o, int line)
{
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_goal__check_kr(o, &err);
    if (st != PM_OK)
        fail_msg("line %d: refused (%d): %s", line, st, err.message);
}

static void expect_kr_refused(const pm_key_result_opts *o, const char *message, int line)
{
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_goal__check_kr(o, &err);
    if (st != PM_EINVAL)
        fail_msg("line %d: status %d, expected PM_EINVAL (%s)", line, st, message);
    if (strcmp(err.message, message) != 0)
        fail_msg("line %d: message \"%s\", expected \"%s\"", line, err.message, message);
}
#define KR_OK(o) expect_kr_ok(&(o), __LINE__)
#define KR_REFUSED(o, msg) expect_kr_refused(&(o), (msg), __LINE__)

static void test_check_kr_accepts_valid_numeric_and_milestone(void **state)
{
    (void)state;
    pm_key_result_opts o = numeric(100, 150);
    KR_OK(o);
    o.has_commit = 1, o.commit = 120, o.has_stretch = 1, o.stretch = 180, o.weight = 0;
    KR_OK(o);
    o = numeric(12, 8);
    o.has_commit = 1, o.commit = 10, o.has_stretch = 1, o.stretch = 6;
    KR_OK(o);
    o = milestone();
    KR_OK(o);
    o.weight = 2.5;
    KR_OK(o);
}

static void test_check_kr_refuses_unknown_kind(void **state)
{
    (void)state;
    pm_key_result_opts o = numeric(0, 1);
    o.kind = (pm_key_result_kind)7;
    KR_REFUSED(o, "key_result.kind: 7 is not a kind (1 numeric, 2 milestone)");
}

static void test_check_kr_refuses_values_that_are_not_finite(void **state)
{
    (void)state;
    pm_key_result_opts o = numeric(NAN, 150);
    KR_REFUSED(o, "key_result.baseline: must be a finite number (nan)");
    o = numeric(100, INFINITY);
    KR_REFUSED(o, "key_result.target: must be a finite number (inf)");
    o = numeric(100, 150);
    o.weight = -INFINITY;
    KR_REFUSED(o, "key_result.weight: must be a finite number (-inf)");
    o = numeric(100, 150);
    o.has_commit = 1, o.commit = NAN;
    KR_REFUSED(o, "key_result.commit: must be a finite number (nan)");
    o = numeric(100, 150);
    o.has_stretch = 1, o.stretch = INFINITY;
    KR_REFUSED(o, "key_result.stretch: must be a finite number (inf)");
    /* A level that is not set is not looked at. */
    o = numeric(100, 150);
    o.commit = NAN, o.stretch = INFINITY;
    KR_OK(o);
    /* Milestones too. */
    o = milestone();
    o.weight = NAN;
    KR_REFUSED(o, "key_result.weight: must be a finite number (nan)");
}

static void test_check_kr_refuses_target_equal_to_baseline(void **state)
{
    (void)state;
    pm_key_result_opts o = numeric(12, 12);
    KR_REFUSED(o, "key_result.target: must differ from the baseline (12)");
    o = numeric(0.1, 0.1);
    KR_REFUSED(o, "key_result.target: must differ from the baseline (0.1)");
}

static void test_check_kr_refuses_negative_weight(void **state)
{
    (void)state;
    pm_key_result_opts o = numeric(100, 150);
    o.weight = -1;
    KR_REFUSED(o, "key_result.weight: must not be negative (-1)");
    o.weight = -0.25;
    KR_REFUSED(o, "key_result.weight: must not be negative (-0.25)");
    o = milestone();
    o.weight = -2;
    KR_REFUSED(o, "key_result.weight: must not be negative (-2)");
}

static void test_check_kr_commit_must_be_strictly_between_baseline_and_target(void **state)
{
    (void)state;
    pm_key_result_opts o = numeric(100, 150);
    o.has_commit = 1;
    o.commit = 100;
    KR_REFUSED(o, "key_result.commit: must lie strictly between the baseline (100) and the "
                  "target (150), not 100");
    o.commit = 150;
    KR_REFUSED(o, "key_result.commit: must lie strictly between the baseline (100) and the "
                  "target (150), not 150");
    o.commit = 90;
    KR_REFUSED(o, "key_result.commit: must lie strictly between the baseline (100) and the "
                  "target (150), not 90");
    o.commit = 100.5;
    KR_OK(o);
    /* Decreasing: between 12 and 8. */
    o = numeric(12, 8);
    o.has_commit = 1;
    o.commit = 13;
    KR_REFUSED(o, "key_result.commit: must lie strictly between the baseline (12) and the "
                  "target (8), not 13");
    o.commit = 7;
    KR_REFUSED(o, "key_result.commit: must lie strictly between the baseline (12) and the "
                  "target (8), not 7");
    o.commit = 8;
    KR_REFUSED(o, "key_result.commit: must lie strictly between the baseline (12) and the "
                  "target (8), not 8");
    o.commit = 11.9;
    KR_OK(o);
}

static void test_check_kr_stretch_must_be_beyond_target_in_the_direction_of_travel(void **state)
{
    (void)state;
    pm_key_result_opts o = numeric(100, 150);
    o.has_stretch = 1;
    o.stretch = 150;
    KR_REFUSED(o, "key_result.stretch: must lie beyond the target (150), away from the "
                  "baseline (100), not 150");
    o.stretch = 120;
    KR_REFUSED(o, "key_result.stretch: must lie beyond the target (150), away from the "
                  "baseline (100), not 120");
    o.stretch = 150.01;
    KR_OK(o);
    o = numeric(12, 8);
    o.has_stretch = 1;
    o.stretch = 9;
    KR_REFUSED(o, "key_result.stretch: must lie beyond the target (8), away from the "
                  "baseline (12), not 9");
    o.stretch = 14;
    KR_REFUSED(o, "key_result.stretch: must lie beyond the target (8), away from the "
                  "baseline (12), not 14");
    o.stretch = 8;
    KR_REFUSED(o, "key_result.stretch: must lie beyond the target (8), away from the "
                  "baseline (12), not 8");
    o.stretch = 6;
    KR_OK(o);
}

static void test_check_kr_milestone_is_zero_to_one_without_levels(void **state)
{
    (void)state;
    pm_key_result_opts o = milestone();
    o.baseline = 5;
    KR_REFUSED(o, "key_result.baseline: a milestone starts at 0, not 5");
    o = milestone();
    o.target = 100;
    KR_REFUSED(o, "key_result.target: a milestone ends at 1, not 100");
    o = milestone();
    o.target = 0;
    KR_REFUSED(o, "key_result.target: a milestone ends at 1, not 0");
    o = milestone();
    o.has_commit = 1, o.commit = 0.5;
    KR_REFUSED(o, "key_result.commit: a milestone has no commit level (0.5)");
    o = milestone();
    o.has_stretch = 1, o.stretch = 2;
    KR_REFUSED(o, "key_result.stretch: a milestone has no stretch level (2)");
}

static void test_check_kr_messages_show_values_exactly(void **state)
{
    (void)state;
    /* Six significant digits would print both as 0.165: a reader could not
     * tell why 0.1650001 was refused. */
    pm_key_result_opts o = numeric(0.165, 0.1650001);
    o.has_commit = 1, o.commit = 0.2;
    KR_REFUSED(o, "key_result.commit: must lie strictly between the baseline (0.165) and the "
                  "target (0.1650001), not 0.2");
}

static void test_check_kr_refuses_null_options(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_goal__check_kr(NULL, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "key_result"));
    /* No error record: only the status. */
    pm_key_result_opts o = numeric(3, 3);
    assert_int_equal(pm_goal__check_kr(&o, NULL), PM_EINVAL);
}

/* ---- weighted progress ---- */

static void test_weighted_progress_normalises_weights(void **state)
{
    (void)state;
    pm_weighted parts[] = { { 0.2, 3 }, { 1.0, 1 } };
    assert_near(pm_goal__weighted_progress(parts, 2), (0.2 * 3 + 1.0) / 4);
    /* Scaling every weight changes nothing. */
    pm_weighted scaled[] = { { 0.2, 300 }, { 1.0, 100 } };
    assert_near(pm_goal__weighted_progress(scaled, 2), (0.2 * 3 + 1.0) / 4);
    /* A zero weight leaves its part out. */
    pm_weighted with_zero[] = { { 0.2, 1 }, { 1.0, 0 } };
    assert_near(pm_goal__weighted_progress(with_zero, 2), 0.2);
}

static void test_weighted_progress_all_zero_weights_is_the_plain_mean(void **state)
{
    (void)state;
    pm_weighted parts[] = { { 0.2, 0 }, { 1.0, 0 }, { 0.3, 0 } };
    assert_near(pm_goal__weighted_progress(parts, 3), 0.5);
}

static void test_weighted_progress_of_no_parts_is_zero(void **state)
{
    (void)state;
    pm_weighted parts[] = { { 0.9, 1 } };
    assert_near(pm_goal__weighted_progress(parts, 0), 0.0);
    assert_near(pm_goal__weighted_progress(NULL, 0), 0.0);
}

static void test_weighted_progress_clamps_parts_outside_zero_to_one(void **state)
{
    (void)state;
    pm_weighted parts[] = { { 1.5, 1 }, { -0.5, 1 }, { 0.5, 2 } };
    /* 1.5 counts as 1, -0.5 as 0: (1 + 0 + 0.5 * 2) / 4. */
    assert_near(pm_goal__weighted_progress(parts, 3), 0.5);
    pm_weighted nan_part[] = { { NAN, 1 }, { 1.0, 1 } };
    assert_near(pm_goal__weighted_progress(nan_part, 2), 0.5);
}

static void test_weighted_progress_ignores_invalid_weights_and_does_not_overflow(void **state)
{
    (void)state;
    /* Weights whose sum overflows a double. */
    pm_weighted huge[] = { { 0.2, 1e308 }, { 0.6, 1e308 }, { 1.0, 1e308 } };
    assert_near(pm_goal__weighted_progress(huge, 3), 0.6);
    /* Negative and non-finite weights (refused on input) count as 0. */
    pm_weighted odd[] = { { 0.9, -1 }, { 0.9, NAN }, { 0.9, INFINITY }, { 0.3, 1 } };
    assert_near(pm_goal__weighted_progress(odd, 4), 0.3);
}

/* ---- expected progress ---- */

static void test_expected_progress_at_the_boundaries_of_the_period(void **state)
{
    (void)state;
    pm_date start = D("2026-01-01"), due = D("2026-01-10");
    assert_near(pm_goal__expected_progress(start, due, D("2025-12-31")), 0.0);
    assert_near(pm_goal__expected_progress(start, due, D("2020-06-01")), 0.0);
    /* At the end of the first day, one day of ten is over. */
    assert_near(pm_goal__expected_progress(start, due, start), 0.1);
    assert_near(pm_goal__expected_progress(start, due, D("2026-01-05")), 0.5);
    assert_near(pm_goal__expected_progress(start, due, D("2026-01-09")), 0.9);
    assert_near(pm_goal__expected_progress(start, due, due), 1.0);
    assert_near(pm_goal__expected_progress(start, due, D("2026-01-11")), 1.0);
    assert_near(pm_goal__expected_progress(start, due, D("2030-01-01")), 1.0);
}

static void test_expected_progress_one_day_period_is_complete_on_that_day(void **state)
{
    (void)state;
    pm_date day = D("2026-03-15");
    assert_near(pm_goal__expected_progress(day, day, day - 1), 0.0);
    assert_near(pm_goal__expected_progress(day, day, day), 1.0);
    assert_near(pm_goal__expected_progress(day, day, day + 1), 1.0);
}

static void test_expected_progress_counts_leap_days_and_month_ends(void **state)
{
    (void)state;
    /* February 2024 has 29 days; February 2023 has 28. */
    pm_date s24 = D("2024-02-01"), d24 = D("2024-02-29");
    assert_near(pm_goal__expected_progress(s24, d24, s24), 1.0 / 29);
    assert_near(pm_goal__expected_progress(s24, d24, D("2024-02-15")), 15.0 / 29);
    assert_near(pm_goal__expected_progress(s24, d24, D("2024-02-28")), 28.0 / 29);
    assert_near(pm_goal__expected_progress(s24, d24, d24), 1.0);
    pm_date s23 = D("2023-02-01"), d23 = D("2023-02-28");
    assert_near(pm_goal__expected_progress(s23, d23, s23), 1.0 / 28);
    assert_near(pm_goal__expected_progress(s23, d23, D("2023-02-14")), 0.5);
    assert_near(pm_goal__expected_progress(s23, d23, D("2023-02-27")), 27.0 / 28);
    assert_near(pm_goal__expected_progress(s23, d23, d23), 1.0);
    /* Across a month end and a year end: 31 days of December + 31 of January. */
    pm_date s = D("2023-12-01"), d = D("2024-01-31");
    assert_near(pm_goal__expected_progress(s, d, D("2023-12-31")), 0.5);
    assert_near(pm_goal__expected_progress(s, d, D("2024-01-01")), 32.0 / 62);
    /* A leap year: 366 days, the 60th is 29 February. */
    pm_date y = D("2024-01-01"), e = D("2024-12-31");
    assert_near(pm_goal__expected_progress(y, e, D("2024-02-29")), 60.0 / 366);
    assert_near(pm_goal__expected_progress(y, e, D("2024-07-01")), 183.0 / 366);
}

/* ---- health ---- */

static void test_health_default_thresholds_with_exact_boundaries(void **state)
{
    (void)state;
    /* Shortfalls against an expected 0.8. */
    assert_int_equal(pm_goal__health(0.8, 0.8, NULL), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.8 - 0.165, 0.8, NULL), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.8 - 0.1650001, 0.8, NULL), PM_HEALTH_AT_RISK);
    assert_int_equal(pm_goal__health(0.8 - 0.33, 0.8, NULL), PM_HEALTH_AT_RISK);
    assert_int_equal(pm_goal__health(0.8 - 0.3300001, 0.8, NULL), PM_HEALTH_OFF_TRACK);
    assert_int_equal(pm_goal__health(0.0, 0.8, NULL), PM_HEALTH_OFF_TRACK);
    /* With expected 0.5: 0.335 is 0.165 behind (rounded either way in binary),
     * 0.17 at risk, 0.1 off track. */
    assert_int_equal(pm_goal__health(0.335, 0.5, NULL), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.17, 0.5, NULL), PM_HEALTH_AT_RISK);
    assert_int_equal(pm_goal__health(0.1, 0.5, NULL), PM_HEALTH_OFF_TRACK);
}

static void test_health_ahead_of_schedule_is_on_track(void **state)
{
    (void)state;
    assert_int_equal(pm_goal__health(1.0, 0.2, NULL), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.5, 0.0, NULL), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.0, 0.0, NULL), PM_HEALTH_ON_TRACK);
}

static void test_health_null_options_are_the_defaults_and_custom_ones_apply(void **state)
{
    (void)state;
    pm_health_opts defaults = PM_HEALTH_OPTS_INIT;
    for (int i = 0; i <= 100; i++) {
        double actual = i / 100.0;
        assert_int_equal(pm_goal__health(actual, 0.7, NULL),
                         pm_goal__health(actual, 0.7, &defaults));
    }
    pm_health_opts strict = { PM_HEALTH_OPTS_VERSION, 0.05, 0.1, 14 };
    assert_int_equal(pm_goal__health(0.45, 0.5, &strict), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.44, 0.5, &strict), PM_HEALTH_AT_RISK);
    assert_int_equal(pm_goal__health(0.4, 0.5, &strict), PM_HEALTH_AT_RISK);
    assert_int_equal(pm_goal__health(0.39, 0.5, &strict), PM_HEALTH_OFF_TRACK);
    /* Equal thresholds leave no at-risk band; zero ones make any shortfall count. */
    pm_health_opts no_band = { PM_HEALTH_OPTS_VERSION, 0.2, 0.2, 14 };
    assert_int_equal(pm_goal__health(0.3, 0.5, &no_band), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.29, 0.5, &no_band), PM_HEALTH_OFF_TRACK);
    pm_health_opts zero = { PM_HEALTH_OPTS_VERSION, 0.0, 0.0, 14 };
    assert_int_equal(pm_goal__health(0.5, 0.5, &zero), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.499, 0.5, &zero), PM_HEALTH_OFF_TRACK);
}

static void test_health_clamps_inputs_outside_zero_to_one(void **state)
{
    (void)state;
    /* Progress above 1 is no more than done; NaN counts as no progress. */
    assert_int_equal(pm_goal__health(5.0, 1.0, NULL), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(NAN, 1.0, NULL), PM_HEALTH_OFF_TRACK);
    assert_int_equal(pm_goal__health(NAN, 0.0, NULL), PM_HEALTH_ON_TRACK);
    assert_int_equal(pm_goal__health(0.7, 2.0, NULL), PM_HEALTH_AT_RISK);
}

/* ---- health options ---- */

static void expect_opts(const pm_health_opts *o, pm_status status, const char *message, int line)
{
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_goal__check_health_opts(o, &err);
    if (st != status)
        fail_msg("line %d: status %d, expected %d (%s)", line, st, status, err.message);
    if (message != NULL && strcmp(err.message, message) != 0)
        fail_msg("line %d: message \"%s\", expected \"%s\"", line, err.message, message);
}
#define OPTS(o, status, msg) expect_opts(&(o), (status), (msg), __LINE__)

static void test_check_health_opts_accepts_defaults_and_edges(void **state)
{
    (void)state;
    pm_health_opts o = PM_HEALTH_OPTS_INIT;
    OPTS(o, PM_OK, "");
    o.on_track = 0, o.at_risk = 0, o.stale_days = 1;
    OPTS(o, PM_OK, "");
    o.on_track = 1, o.at_risk = 1;
    OPTS(o, PM_OK, "");
    o.on_track = 0.3, o.at_risk = 0.3;
    OPTS(o, PM_OK, "");
}

static void test_check_health_opts_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_health_opts o = PM_HEALTH_OPTS_INIT;
    o.version = 0;
    OPTS(o, PM_EVERSION,
         "health_opts.version: 0 is not a version this library knows (expected 1)");
    o.version = PM_HEALTH_OPTS_VERSION + 1;
    OPTS(o, PM_EVERSION,
         "health_opts.version: 2 is not a version this library knows (expected 1)");
}

static void test_check_health_opts_refuses_out_of_range_values(void **state)
{
    (void)state;
    pm_health_opts o = PM_HEALTH_OPTS_INIT;
    o.on_track = -0.1;
    OPTS(o, PM_EINVAL, "health_opts.on_track: must be between 0 and 1 (-0.1)");
    o.on_track = NAN;
    OPTS(o, PM_EINVAL, "health_opts.on_track: must be between 0 and 1 (nan)");
    o = (pm_health_opts)PM_HEALTH_OPTS_INIT;
    o.at_risk = 1.5;
    OPTS(o, PM_EINVAL, "health_opts.at_risk: must be between 0 and 1 (1.5)");
    o.at_risk = INFINITY;
    OPTS(o, PM_EINVAL, "health_opts.at_risk: must be between 0 and 1 (inf)");
    o = (pm_health_opts)PM_HEALTH_OPTS_INIT;
    o.on_track = 0.3, o.at_risk = 0.2;
    OPTS(o, PM_EINVAL, "health_opts.at_risk: must not be below on_track (0.2 < 0.3)");
    o = (pm_health_opts)PM_HEALTH_OPTS_INIT;
    o.stale_days = 0;
    OPTS(o, PM_EINVAL, "health_opts.stale_days: must be at least 1 (0)");
    o.stale_days = -14;
    OPTS(o, PM_EINVAL, "health_opts.stale_days: must be at least 1 (-14)");
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_goal__check_health_opts(NULL, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "health_opts"));
}

/* ---- staleness ---- */

static void test_stale_after_more_than_stale_days_without_update(void **state)
{
    (void)state;
    pm_date last = D("2026-02-20");
    assert_false(pm_goal__is_stale(last, last, 14));
    assert_false(pm_goal__is_stale(last, last + 13, 14));
    /* Exactly 14 days: not yet. */
    assert_false(pm_goal__is_stale(last, D("2026-03-06"), 14));
    assert_true(pm_goal__is_stale(last, D("2026-03-07"), 14));
    assert_true(pm_goal__is_stale(last, last + 400, 14));
    assert_false(pm_goal__is_stale(last, last + 1, 1));
    assert_true(pm_goal__is_stale(last, last + 2, 1));
    /* A day before the update is not stale. */
    assert_false(pm_goal__is_stale(last, last - 30, 14));
}

static void test_stale_does_not_overflow_far_apart_days(void **state)
{
    (void)state;
    assert_true(pm_goal__is_stale(INT32_MIN + 1, INT32_MAX, 14));
    assert_false(pm_goal__is_stale(INT32_MAX, INT32_MIN + 1, 14));
}

/* ---- states ---- */

static void test_state_moves_follow_the_documented_table(void **state)
{
    (void)state;
    /* Rows: from; columns: to; in the order draft, active, completed,
     * cancelled, archived (values 1 to 5). From pm_goal_state's comment. */
    static const int allowed[5][5] = {
        /*             draft active completed cancelled archived */
        /* draft     */ { 0, 1, 0, 1, 0 },
        /* active    */ { 0, 0, 1, 1, 0 },
        /* completed */ { 0, 1, 0, 0, 1 },
        /* cancelled */ { 0, 0, 0, 0, 1 },
        /* archived  */ { 0, 0, 0, 0, 0 },
    };
    for (int from = 1; from <= 5; from++) {
        for (int to = 1; to <= 5; to++) {
            int got = pm_goal__state_move_allowed((pm_goal_state)from, (pm_goal_state)to);
            if (got != allowed[from - 1][to - 1])
                fail_msg("%s -> %s: %d, expected %d", pm_goal__state_name((pm_goal_state)from),
                         pm_goal__state_name((pm_goal_state)to), got,
                         allowed[from - 1][to - 1]);
        }
    }
}

static void test_state_moves_from_or_to_unknown_states_are_refused(void **state)
{
    (void)state;
    assert_false(pm_goal__state_move_allowed((pm_goal_state)0, PM_GOAL_ACTIVE));
    assert_false(pm_goal__state_move_allowed((pm_goal_state)6, PM_GOAL_ACTIVE));
    assert_false(pm_goal__state_move_allowed(PM_GOAL_DRAFT, (pm_goal_state)0));
    assert_false(pm_goal__state_move_allowed(PM_GOAL_ACTIVE, (pm_goal_state)99));
}

static void test_state_names(void **state)
{
    (void)state;
    assert_string_equal(pm_goal__state_name(PM_GOAL_DRAFT), "draft");
    assert_string_equal(pm_goal__state_name(PM_GOAL_ACTIVE), "active");
    assert_string_equal(pm_goal__state_name(PM_GOAL_COMPLETED), "completed");
    assert_string_equal(pm_goal__state_name(PM_GOAL_CANCELLED), "cancelled");
    assert_string_equal(pm_goal__state_name(PM_GOAL_ARCHIVED), "archived");
    assert_string_equal(pm_goal__state_name((pm_goal_state)0), "?");
    assert_string_equal(pm_goal__state_name((pm_goal_state)6), "?");
}

/* ---- worked example ---- */

static void test_worked_example_goal_with_three_key_results(void **state)
{
    (void)state;
    /* Revenue 100 -> 150 at 130, weight 2; attrition 12 -> 8 at 10, weight 1;
     * a milestone done, weight 1. By hand: revenue is 30 of 50 = 0.6,
     * attrition 2 of 4 = 0.5, the milestone 1; (0.6 * 2 + 0.5 + 1) / 4. */
    double by_hand = (0.6 * 2 + 0.5 * 1 + 1.0 * 1) / (2 + 1 + 1);
    assert_near(by_hand, 0.675);
    pm_weighted parts[] = {
        { pm_goal__kr_progress(100, 150, 130), 2 },
        { pm_goal__kr_progress(12, 8, 10), 1 },
        { pm_goal__kr_progress(0, 1, 1), 1 },
    };
    assert_near(parts[0].progress, 0.6);
    assert_near(parts[1].progress, 0.5);
    assert_near(parts[2].progress, 1.0);
    assert_near(pm_goal__weighted_progress(parts, 3), by_hand);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kr_progress_increasing_target_is_the_share_of_the_way),
        cmocka_unit_test(test_kr_progress_decreasing_target_counts_downwards),
        cmocka_unit_test(test_kr_progress_clamps_to_zero_and_one),
        cmocka_unit_test(test_kr_progress_is_zero_for_nan_infinity_or_no_distance),
        cmocka_unit_test(test_kr_progress_of_finite_values_too_far_apart_to_subtract),
        cmocka_unit_test(test_zone_is_none_without_commit_or_stretch),
        cmocka_unit_test(test_zone_increasing_reaching_a_level_enters_its_zone),
        cmocka_unit_test(test_zone_decreasing_lower_is_better),
        cmocka_unit_test(test_zone_with_only_commit_stops_at_target),
        cmocka_unit_test(test_zone_with_only_stretch_short_of_target_fails),
        cmocka_unit_test(test_check_kr_accepts_valid_numeric_and_milestone),
        cmocka_unit_test(test_check_kr_refuses_unknown_kind),
        cmocka_unit_test(test_check_kr_refuses_values_that_are_not_finite),
        cmocka_unit_test(test_check_kr_refuses_target_equal_to_baseline),
        cmocka_unit_test(test_check_kr_refuses_negative_weight),
        cmocka_unit_test(test_check_kr_commit_must_be_strictly_between_baseline_and_target),
        cmocka_unit_test(test_check_kr_stretch_must_be_beyond_target_in_the_direction_of_travel),
        cmocka_unit_test(test_check_kr_milestone_is_zero_to_one_without_levels),
        cmocka_unit_test(test_check_kr_messages_show_values_exactly),
        cmocka_unit_test(test_check_kr_refuses_null_options),
        cmocka_unit_test(test_weighted_progress_normalises_weights),
        cmocka_unit_test(test_weighted_progress_all_zero_weights_is_the_plain_mean),
        cmocka_unit_test(test_weighted_progress_of_no_parts_is_zero),
        cmocka_unit_test(test_weighted_progress_clamps_parts_outside_zero_to_one),
        cmocka_unit_test(test_weighted_progress_ignores_invalid_weights_and_does_not_overflow),
        cmocka_unit_test(test_expected_progress_at_the_boundaries_of_the_period),
        cmocka_unit_test(test_expected_progress_one_day_period_is_complete_on_that_day),
        cmocka_unit_test(test_expected_progress_counts_leap_days_and_month_ends),
        cmocka_unit_test(test_health_default_thresholds_with_exact_boundaries),
        cmocka_unit_test(test_health_ahead_of_schedule_is_on_track),
        cmocka_unit_test(test_health_null_options_are_the_defaults_and_custom_ones_apply),
        cmocka_unit_test(test_health_clamps_inputs_outside_zero_to_one),
        cmocka_unit_test(test_check_health_opts_accepts_defaults_and_edges),
        cmocka_unit_test(test_check_health_opts_refuses_unknown_versions),
        cmocka_unit_test(test_check_health_opts_refuses_out_of_range_values),
        cmocka_unit_test(test_stale_after_more_than_stale_days_without_update),
        cmocka_unit_test(test_stale_does_not_overflow_far_apart_days),
        cmocka_unit_test(test_state_moves_follow_the_documented_table),
        cmocka_unit_test(test_state_moves_from_or_to_unknown_states_are_refused),
        cmocka_unit_test(test_state_names),
        cmocka_unit_test(test_worked_example_goal_with_three_key_results),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
