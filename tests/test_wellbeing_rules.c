/* The pure rules of core/wellbeing.c, without a store: instrument scoring
 * (WHO-5, eNPS, CBI) as published, the built-in metric table, the checks of
 * a metric definition and a value, the minimum group size, the suppression
 * and differencing rule over several trees, and the running mean and SD.
 * Every expected number is worked out by hand in the comment beside it. */
#include "fixture.h"

#include <math.h>
#include <string.h>

#include "core/wellbeing.h"

#define EPS 1e-12

#define assert_near(a, b, eps)                                                      \
    do {                                                                            \
        double a_ = (a), b_ = (b);                                                  \
        if (fabs(a_ - b_) > (eps))                                                  \
            fail_msg("%.15g is not %.15g (within %g)", a_, b_, (double)(eps));      \
    } while (0)

#define assert_message(err, text) assert_string_equal((err).message, (text))

/* ---- WHO-5 ---- */

static pm_who5 who5(int a, int b, int c, int d, int e)
{
    int items[5] = { a, b, c, d, e };
    pm_who5 w;
    assert_int_equal(pm_who5_score(&w, items), PM_OK);
    return w;
}

static void test_who5_all_fives_is_raw_25_and_100_percent_unflagged(void **state)
{
    (void)state;
    pm_who5 w = who5(5, 5, 5, 5, 5);
    assert_int_equal(w.raw, 25);
    assert_int_equal(w.percent, 100);
    assert_false(w.poor_wellbeing);
    assert_false(w.depression_screen);
}

static void test_who5_all_twos_is_40_percent_poor_wellbeing(void **state)
{
    (void)state;
    pm_who5 w = who5(2, 2, 2, 2, 2);  /* raw 10, x 4 = 40 <= 50, > 28 */
    assert_int_equal(w.raw, 10);
    assert_int_equal(w.percent, 40);
    assert_true(w.poor_wellbeing);
    assert_false(w.depression_screen);
}

static void test_who5_24_percent_flags_the_depression_screen(void **state)
{
    (void)state;
    pm_who5 w = who5(1, 1, 1, 1, 2);  /* raw 6, x 4 = 24 <= 28 */
    assert_int_equal(w.raw, 6);
    assert_int_equal(w.percent, 24);
    assert_true(w.poor_wellbeing);
    assert_true(w.depression_screen);
}

/* Whole items make the percentage a multiple of 4, so 50 itself cannot be
 * scored: 48 (raw 12) is the highest poor score and 52 (raw 13) the lowest
 * one that is not. 28 (raw 7) is reachable and flags; 32 (raw 8) does not. */
static void test_who5_boundaries_are_inclusive(void **state)
{
    (void)state;
    pm_who5 w = who5(3, 3, 3, 3, 0);  /* raw 12 -> 48 */
    assert_int_equal(w.percent, 48);
    assert_true(w.poor_wellbeing);
    w = who5(3, 3, 3, 3, 1);  /* raw 13 -> 52 */
    assert_int_equal(w.percent, 52);
    assert_false(w.poor_wellbeing);
    w = who5(2, 2, 2, 1, 0);  /* raw 7 -> 28 exactly */
    assert_int_equal(w.percent, 28);
    assert_true(w.depression_screen);
    assert_true(w.poor_wellbeing);
    w = who5(2, 2, 2, 1, 1);  /* raw 8 -> 32 */
    assert_int_equal(w.percent, 32);
    assert_false(w.depression_screen);
    w = who5(0, 0, 0, 0, 0);
    assert_int_equal(w.percent, 0);
    assert_true(w.depression_screen);
}

static void test_who5_refuses_items_outside_0_to_5_and_null(void **state)
{
    (void)state;
    pm_who5 w;
    int high[5] = { 5, 5, 6, 5, 5 };
    int low[5] = { 0, -1, 0, 0, 0 };
    int ok[5] = { 1, 1, 1, 1, 1 };
    assert_int_equal(pm_who5_score(&w, high), PM_EINVAL);
    assert_int_equal(pm_who5_score(&w, low), PM_EINVAL);
    assert_int_equal(pm_who5_score(&w, NULL), PM_EINVAL);
    assert_int_equal(pm_who5_score(NULL, ok), PM_EINVAL);
}

/* ---- eNPS ---- */

static void test_enps_three_promoters_two_detractors_of_ten_is_10(void **state)
{
    (void)state;
    /* 9, 10, 9 promote; 7, 8, 7, 8, 8 are passive; 3, 6 detract:
     * 100 x (3 - 2) / 10 = 10. */
    int answers[10] = { 9, 10, 9, 7, 8, 7, 8, 8, 3, 6 };
    pm_enps e;
    assert_int_equal(pm_enps_score(&e, answers, 10), PM_OK);
    assert_int_equal(e.n, 10);
    assert_int_equal(e.promoters, 3);
    assert_int_equal(e.passives, 5);
    assert_int_equal(e.detractors, 2);
    assert_near(e.score, 10.0, EPS);
}

static void test_enps_bands_meet_at_6_7_and_8_9(void **state)
{
    (void)state;
    int answers[4] = { 6, 7, 8, 9 };  /* detractor, passive, passive, promoter: 0 */
    pm_enps e;
    assert_int_equal(pm_enps_score(&e, answers, 4), PM_OK);
    assert_int_equal(e.detractors, 1);
    assert_int_equal(e.passives, 2);
    assert_int_equal(e.promoters, 1);
    assert_near(e.score, 0.0, EPS);
    int all_low[3] = { 0, 6, 2 };
    assert_int_equal(pm_enps_score(&e, all_low, 3), PM_OK);
    assert_near(e.score, -100.0, EPS);
    int all_high[2] = { 10, 9 };
    assert_int_equal(pm_enps_score(&e, all_high, 2), PM_OK);
    assert_near(e.score, 100.0, EPS);
    int three[3] = { 10, 7, 0 };  /* 100 x 0 / 3 */
    assert_int_equal(pm_enps_score(&e, three, 3), PM_OK);
    assert_near(e.score, 0.0, EPS);
    int one_of_three[3] = { 10, 7, 8 };  /* 100 / 3 */
    assert_int_equal(pm_enps_score(&e, one_of_three, 3), PM_OK);
    assert_near(e.score, 100.0 / 3.0, 1e-12);
}

static void test_enps_of_nobody_is_zero_and_bad_answers_are_refused(void **state)
{
    (void)state;
    pm_enps e;
    assert_int_equal(pm_enps_score(&e, NULL, 0), PM_OK);
    assert_int_equal(e.n, 0);
    assert_near(e.score, 0.0, EPS);
    int eleven[2] = { 10, 11 };
    int negative[1] = { -1 };
    assert_int_equal(pm_enps_score(&e, eleven, 2), PM_EINVAL);
    assert_int_equal(pm_enps_score(&e, negative, 1), PM_EINVAL);
    assert_int_equal(pm_enps_score(&e, NULL, 3), PM_EINVAL);
    assert_int_equal(pm_enps_score(NULL, negative, 0), PM_EINVAL);
}

/* ---- CBI ---- */

static void test_cbi_scale_is_the_mean_of_its_items(void **state)
{
    (void)state;
    double score = -1.0;
    /* Personal burnout, six items: (25 + 50 + 75 + 100 + 0 + 50) / 6 = 50. */
    int personal[6] = { 25, 50, 75, 100, 0, 50 };
    assert_int_equal(pm_cbi_score(&score, personal, 6), PM_OK);
    assert_near(score, 50.0, EPS);
    /* Work-related, seven items: (75 x 4 + 50 x 2 + 25) / 7 = 425 / 7. */
    int work[7] = { 75, 75, 75, 75, 50, 50, 25 };
    assert_int_equal(pm_cbi_score(&score, work, 7), PM_OK);
    assert_near(score, 425.0 / 7.0, 1e-12);
    int one[1] = { 100 };
    assert_int_equal(pm_cbi_score(&score, one, 1), PM_OK);
    assert_near(score, 100.0, EPS);
}

static void test_cbi_refuses_items_off_the_25_point_scale(void **state)
{
    (void)state;
    double score;
    int thirty[2] = { 25, 30 };
    int above[1] = { 125 };
    int below[1] = { -25 };
    int ok[1] = { 50 };
    assert_int_equal(pm_cbi_score(&score, thirty, 2), PM_EINVAL);
    assert_int_equal(pm_cbi_score(&score, above, 1), PM_EINVAL);
    assert_int_equal(pm_cbi_score(&score, below, 1), PM_EINVAL);
    assert_int_equal(pm_cbi_score(&score, ok, 0), PM_EINVAL);
    assert_int_equal(pm_cbi_score(&score, NULL, 1), PM_EINVAL);
    assert_int_equal(pm_cbi_score(NULL, ok, 1), PM_EINVAL);
}

/* ---- built-ins and checks ---- */

static void test_builtin_table_holds_the_published_scales(void **state)
{
    (void)state;
    const pm_builtin_def *d = pm_wellbeing__builtin(PM_METRIC_WHO5);
    assert_non_null(d);
    assert_string_equal(d->name, "WHO-5 Well-Being Index");
    assert_near(d->min, 0.0, EPS);
    assert_near(d->max, 100.0, EPS);
    assert_int_equal(d->direction, PM_HIGHER_IS_BETTER);
    d = pm_wellbeing__builtin(PM_METRIC_ENPS);
    assert_string_equal(d->name, "eNPS");
    assert_near(d->max, 10.0, EPS);
    for (int which = PM_METRIC_CBI_PERSONAL; which <= PM_METRIC_CBI_CLIENT; which++) {
        d = pm_wellbeing__builtin(which);
        assert_near(d->min, 0.0, EPS);
        assert_near(d->max, 100.0, EPS);
        assert_int_equal(d->direction, PM_LOWER_IS_BETTER);
    }
    assert_string_equal(pm_wellbeing__builtin(PM_METRIC_CBI_WORK)->name,
                        "CBI work-related burnout");
    d = pm_wellbeing__builtin(PM_METRIC_CHECKIN_MOOD);
    assert_string_equal(d->name, "Check-in mood");
    assert_near(d->min, 1.0, EPS);
    assert_near(d->max, 5.0, EPS);
    assert_null(pm_wellbeing__builtin(0));
    assert_null(pm_wellbeing__builtin(7));
}

static void test_builtin_names_are_found_by_folded_key(void **state)
{
    (void)state;
    assert_int_equal(pm_wellbeing__builtin_named("enps", 4), PM_METRIC_ENPS);
    assert_int_equal(pm_wellbeing__builtin_named("who-5 well-being index", 22), PM_METRIC_WHO5);
    assert_int_equal(pm_wellbeing__builtin_named("check-in mood", 13), PM_METRIC_CHECKIN_MOOD);
    assert_int_equal(pm_wellbeing__builtin_named("eNPS", 4), 0);  /* not a folded key */
    assert_int_equal(pm_wellbeing__builtin_named("enps2", 5), 0);
    assert_int_equal(pm_wellbeing__builtin_named("enp", 3), 0);
    assert_int_equal(pm_wellbeing__builtin_named(NULL, 0), 0);
}

static void test_definition_checks_name_the_field_and_reason(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_wellbeing__check_definition(1, 5, PM_HIGHER_IS_BETTER, 0.0, &err), PM_OK);
    assert_int_equal(pm_wellbeing__check_definition(1, 5, PM_LOWER_IS_BETTER, 0.85, &err), PM_OK);
    assert_int_equal(pm_wellbeing__check_definition(NAN, 5, 1, 0.0, &err), PM_EINVAL);
    assert_message(err, "metric.min: must be a finite number");
    assert_int_equal(pm_wellbeing__check_definition(1, INFINITY, 1, 0.0, &err), PM_EINVAL);
    assert_message(err, "metric.max: must be a finite number");
    assert_int_equal(pm_wellbeing__check_definition(5, 5, 1, 0.0, &err), PM_EINVAL);
    assert_message(err, "metric.max: must be above metric.min (5 is not above 5)");
    assert_int_equal(pm_wellbeing__check_definition(5, 1, 1, 0.0, &err), PM_EINVAL);
    assert_int_equal(pm_wellbeing__check_definition(1, 5, 3, 0.0, &err), PM_EINVAL);
    assert_message(err, "metric.direction: 3 is not 1 (higher is better) or 2 (lower is better)");
    assert_int_equal(pm_wellbeing__check_definition(1, 5, 0, 0.0, &err), PM_EINVAL);
    const double bad[] = { 1.0, -0.1, 1.5, NAN, -INFINITY };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pm_error__clear(&err);
        assert_int_equal(pm_wellbeing__check_definition(1, 5, 1, bad[i], &err), PM_EINVAL);
        assert_message(err, "metric.reliability: must be between 0 and 1 (exclusive), or 0 for "
                            "unknown");
    }
}

static void test_values_must_be_finite_and_on_the_scale_ends_included(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_wellbeing__check_value(1, 1, 5, "measurement.value", &err), PM_OK);
    assert_int_equal(pm_wellbeing__check_value(5, 1, 5, "measurement.value", &err), PM_OK);
    assert_int_equal(pm_wellbeing__check_value(2.5, 1, 5, "measurement.value", &err), PM_OK);
    assert_int_equal(pm_wellbeing__check_value(7, 1, 5, "measurement.value", &err), PM_EINVAL);
    assert_message(err, "measurement.value: 7 is outside the scale 1 to 5");
    assert_int_equal(pm_wellbeing__check_value(0.999, 1, 5, "v", &err), PM_EINVAL);
    assert_message(err, "v: 0.999 is outside the scale 1 to 5");
    assert_int_equal(pm_wellbeing__check_value(NAN, 1, 5, "measurement.value", &err), PM_EINVAL);
    assert_message(err, "measurement.value: must be a finite number");
    assert_int_equal(pm_wellbeing__check_value(INFINITY, 1, 5, "v", &err), PM_EINVAL);
    assert_message(err, "v: must be a finite number");
}

static void test_min_group_defaults_to_5_and_keeps_3_to_10(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    int k = -1;
    assert_int_equal(pm_wellbeing__min_group(&k, 0, "aggregate.min_group", &err), PM_OK);
    assert_int_equal(k, 5);
    assert_int_equal(pm_wellbeing__min_group(&k, 3, "aggregate.min_group", &err), PM_OK);
    assert_int_equal(k, 3);
    assert_int_equal(pm_wellbeing__min_group(&k, 10, "aggregate.min_group", &err), PM_OK);
    assert_int_equal(k, 10);
    assert_int_equal(pm_wellbeing__min_group(&k, 2, "aggregate.min_group", &err), PM_EINVAL);
    assert_message(err, "aggregate.min_group: must be 3 to 10");
    assert_int_equal(k, 10);  /* untouched on refusal */
    assert_int_equal(pm_wellbeing__min_group(&k, 11, "aggregate.min_group", &err), PM_EINVAL);
    assert_int_equal(pm_wellbeing__min_group(&k, -5, "aggregate.min_group", &err), PM_EINVAL);
}

/* ---- suppression ---- */

static void test_a_group_below_the_minimum_is_suppressed(void **state)
{
    (void)state;
    assert_true(pm_wellbeing__suppressed(4, NULL, 0, 5));
    assert_false(pm_wellbeing__suppressed(5, NULL, 0, 5));
    assert_true(pm_wellbeing__suppressed(0, NULL, 0, 5));
    assert_true(pm_wellbeing__suppressed(2, NULL, 0, 3));
    assert_false(pm_wellbeing__suppressed(3, NULL, 0, 3));
    assert_true(pm_wellbeing__suppressed(9, NULL, 0, 10));
}

/* Unit of 7 with a sub-unit of 5: the rest (2) would be revealed by
 * subtracting, so the unit is hidden; the sub-unit alone is shown. */
static void test_differencing_hides_a_unit_whose_rest_is_too_small(void **state)
{
    (void)state;
    int below[1] = { 5 };
    assert_true(pm_wellbeing__suppressed(7, below, 1, 5));
    assert_false(pm_wellbeing__suppressed(5, NULL, 0, 5));  /* the sub-unit */
    int one_left[1] = { 8 };
    assert_true(pm_wellbeing__suppressed(9, one_left, 1, 5));  /* rest 1 */
    int four_left[1] = { 5 };
    assert_true(pm_wellbeing__suppressed(9, four_left, 1, 5));  /* rest 4 */
}

/* Unit of 10 with a sub-unit of 5: the rest is 5, enough: both shown. */
static void test_differencing_shows_both_when_the_rest_meets_the_minimum(void **state)
{
    (void)state;
    int below[1] = { 5 };
    assert_false(pm_wellbeing__suppressed(10, below, 1, 5));
    int k3[1] = { 3 };
    assert_false(pm_wellbeing__suppressed(6, k3, 1, 3));  /* rest 3 with k 3 */
    assert_true(pm_wellbeing__suppressed(5, k3, 1, 3));   /* rest 2 with k 3 */
}

/* Everyone in the sub-unit (rest 0) reveals nothing; a sub-unit below the
 * minimum is hidden itself, so its rest reveals nothing either. */
static void test_differencing_ignores_empty_rests_and_small_sub_units(void **state)
{
    (void)state;
    int all[1] = { 6 };
    assert_false(pm_wellbeing__suppressed(6, all, 1, 5));
    int small[2] = { 2, 4 };  /* rests 4 and 2, but each sub-unit is hidden */
    assert_false(pm_wellbeing__suppressed(6, small, 2, 5));
    int none[3] = { 0, 0, 0 };
    assert_false(pm_wellbeing__suppressed(5, none, 3, 5));
}

/* A deeper tree: A (12) > B (9) > C (7), and A > D (3). Every unit below
 * counts, grandchildren too: A - B = 3 hides A although A - C = 5 is
 * fine; B - C = 2 hides B; C and D are judged on their own. */
static void test_differencing_checks_every_unit_below_not_only_children(void **state)
{
    (void)state;
    int below_a[3] = { 9, 7, 3 };
    assert_true(pm_wellbeing__suppressed(12, below_a, 3, 5));
    int below_b[1] = { 7 };
    assert_true(pm_wellbeing__suppressed(9, below_b, 1, 5));
    assert_false(pm_wellbeing__suppressed(7, NULL, 0, 5));
    assert_true(pm_wellbeing__suppressed(3, NULL, 0, 5));
    /* A grown to 14: A - B = 5, A - C = 7: shown. */
    assert_false(pm_wellbeing__suppressed(14, below_a, 3, 5));
    /* A (20) > B (16) > C (5): A - C = 15 is fine, A - B = 4 hides A. */
    int below_deep[2] = { 16, 5 };
    assert_true(pm_wellbeing__suppressed(20, below_deep, 2, 5));
    /* A (21) > B (6) > C (5) and A > E (17): A - E = 4 hides A even though
     * B and C leave big rests. */
    int below_wide[3] = { 6, 5, 17 };
    assert_true(pm_wellbeing__suppressed(21, below_wide, 3, 5));
}

/* ---- running mean and SD ---- */

static void test_running_mean_and_sample_sd(void **state)
{
    (void)state;
    /* 2, 4, 4, 4, 5, 5, 7, 9: mean 5, squared deviations sum to 32, so the
     * sample SD is sqrt(32 / 7). */
    const double x[8] = { 2, 4, 4, 4, 5, 5, 7, 9 };
    pm_wellbeing_acc acc;
    memset(&acc, 0, sizeof acc);
    for (int i = 0; i < 8; i++)
        pm_wellbeing__acc_add(&acc, x[i]);
    assert_int_equal(acc.n, 8);
    assert_near(acc.mean, 5.0, EPS);
    assert_near(pm_wellbeing__acc_sd(&acc), sqrt(32.0 / 7.0), 1e-12);
    memset(&acc, 0, sizeof acc);
    assert_near(pm_wellbeing__acc_sd(&acc), 0.0, EPS);
    pm_wellbeing__acc_add(&acc, 3.0);
    assert_near(acc.mean, 3.0, EPS);
    assert_near(pm_wellbeing__acc_sd(&acc), 0.0, EPS);  /* one value */
}

/* Welford's method keeps the SD of values far from zero: 1e9 + 4, 7, 13,
 * 16 have mean 1e9 + 10 and deviations -6, -3, 3, 6, so SD sqrt(90 / 3);
 * the naive sum of squares loses it to rounding. */
static void test_running_sd_is_stable_far_from_zero(void **state)
{
    (void)state;
    const double x[4] = { 1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16 };
    pm_wellbeing_acc acc;
    memset(&acc, 0, sizeof acc);
    for (int i = 0; i < 4; i++)
        pm_wellbeing__acc_add(&acc, x[i]);
    assert_near(acc.mean, 1e9 + 10, 1e-6);
    assert_near(pm_wellbeing__acc_sd(&acc), sqrt(30.0), 1e-6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who5_all_fives_is_raw_25_and_100_percent_unflagged),
        cmocka_unit_test(test_who5_all_twos_is_40_percent_poor_wellbeing),
        cmocka_unit_test(test_who5_24_percent_flags_the_depression_screen),
        cmocka_unit_test(test_who5_boundaries_are_inclusive),
        cmocka_unit_test(test_who5_refuses_items_outside_0_to_5_and_null),
        cmocka_unit_test(test_enps_three_promoters_two_detractors_of_ten_is_10),
        cmocka_unit_test(test_enps_bands_meet_at_6_7_and_8_9),
        cmocka_unit_test(test_enps_of_nobody_is_zero_and_bad_answers_are_refused),
        cmocka_unit_test(test_cbi_scale_is_the_mean_of_its_items),
        cmocka_unit_test(test_cbi_refuses_items_off_the_25_point_scale),
        cmocka_unit_test(test_builtin_table_holds_the_published_scales),
        cmocka_unit_test(test_builtin_names_are_found_by_folded_key),
        cmocka_unit_test(test_definition_checks_name_the_field_and_reason),
        cmocka_unit_test(test_values_must_be_finite_and_on_the_scale_ends_included),
        cmocka_unit_test(test_min_group_defaults_to_5_and_keeps_3_to_10),
        cmocka_unit_test(test_a_group_below_the_minimum_is_suppressed),
        cmocka_unit_test(test_differencing_hides_a_unit_whose_rest_is_too_small),
        cmocka_unit_test(test_differencing_shows_both_when_the_rest_meets_the_minimum),
        cmocka_unit_test(test_differencing_ignores_empty_rests_and_small_sub_units),
        cmocka_unit_test(test_differencing_checks_every_unit_below_not_only_children),
        cmocka_unit_test(test_running_mean_and_sample_sd),
        cmocka_unit_test(test_running_sd_is_stable_far_from_zero),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
