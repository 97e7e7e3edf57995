/* The pure rules of core/review360.c, without a store: who may rate in
 * which group, when groups and results are shown, the limits of
 * thresholds, scales, windows and ratings, blank text, the answers' audit
 * time, and the mean and sample SD checked against independent values. */
#include "fixture.h"

#include <string.h>

#include "core/review360.h"

#define D(iso) pm_fixture_date(iso)

static void assert_near_at(double actual, double expected, double tolerance, const char *what,
                           int line)
{
    double diff = actual - expected;
    /* Written so that a NaN result fails too. */
    if (!(diff <= tolerance && diff >= -tolerance))
        fail_msg("line %d: %s is %.17g, expected %.17g (tolerance %g)", line, what, actual,
                 expected, tolerance);
}
#define assert_near(actual, expected, tolerance) \
    assert_near_at((actual), (expected), (tolerance), #actual, __LINE__)

static pm_rater_facts facts(int is_subject, int is_above, int is_direct_report)
{
    pm_rater_facts f = { is_subject, is_above, is_direct_report };
    return f;
}

static pm_status group_check(pm_rater_group group, pm_rater_facts f, pm_error *err)
{
    pm_error__clear(err);
    return pm_review360__check_group(group, 7, &f, err);
}

static void test_self_is_only_the_subject(void **state)
{
    (void)state;
    pm_error err;
    assert_int_equal(group_check(PM_RATER_SELF, facts(1, 0, 0), &err), PM_OK);
    assert_int_equal(group_check(PM_RATER_SELF, facts(0, 1, 0), &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "review360_rater.group: person 7 is not the subject"));
}

static void test_manager_must_be_above_the_subject(void **state)
{
    (void)state;
    pm_error err;
    assert_int_equal(group_check(PM_RATER_MANAGER, facts(0, 1, 0), &err), PM_OK);
    assert_int_equal(group_check(PM_RATER_MANAGER, facts(0, 0, 1), &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "not in the subject's manager chain"));
    assert_int_equal(group_check(PM_RATER_MANAGER, facts(1, 0, 0), &err), PM_EINVAL);
}

static void test_report_must_report_directly_to_the_subject(void **state)
{
    (void)state;
    pm_error err;
    assert_int_equal(group_check(PM_RATER_REPORT, facts(0, 0, 1), &err), PM_OK);
    assert_int_equal(group_check(PM_RATER_REPORT, facts(0, 0, 0), &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "not a direct report of the subject"));
    assert_int_equal(group_check(PM_RATER_REPORT, facts(0, 1, 0), &err), PM_EINVAL);
}

static void test_peer_is_anyone_but_the_subject(void **state)
{
    (void)state;
    pm_error err;
    assert_int_equal(group_check(PM_RATER_PEER, facts(0, 0, 0), &err), PM_OK);
    assert_int_equal(group_check(PM_RATER_PEER, facts(0, 1, 0), &err), PM_OK);
    assert_int_equal(group_check(PM_RATER_PEER, facts(0, 0, 1), &err), PM_OK);
    assert_int_equal(group_check(PM_RATER_PEER, facts(1, 0, 0), &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "is the subject"));
}

static void test_unknown_groups_are_refused(void **state)
{
    (void)state;
    pm_error err;
    assert_int_equal(group_check((pm_rater_group)0, facts(1, 1, 1), &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "review360_rater.group: 0 is not a group"));
    assert_int_equal(group_check((pm_rater_group)5, facts(1, 1, 1), &err), PM_EINVAL);
    assert_false(pm_review360__is_group(0));
    assert_true(pm_review360__is_group(PM_RATER_SELF));
    assert_true(pm_review360__is_group(PM_RATER_REPORT));
    assert_false(pm_review360__is_group(5));
}

static void test_self_and_manager_are_always_shown_and_identified(void **state)
{
    (void)state;
    for (int submitted = 0; submitted <= 2; submitted++) {
        assert_true(pm_review360__group_shown(PM_RATER_SELF, submitted, 3));
        assert_true(pm_review360__group_shown(PM_RATER_MANAGER, submitted, 10));
    }
    assert_true(pm_review360__group_identified(PM_RATER_SELF));
    assert_true(pm_review360__group_identified(PM_RATER_MANAGER));
    assert_false(pm_review360__group_identified(PM_RATER_PEER));
    assert_false(pm_review360__group_identified(PM_RATER_REPORT));
}

static void test_peers_and_reports_are_shown_from_the_threshold_on(void **state)
{
    (void)state;
    assert_false(pm_review360__group_shown(PM_RATER_PEER, 2, 3));
    assert_true(pm_review360__group_shown(PM_RATER_PEER, 3, 3));
    assert_true(pm_review360__group_shown(PM_RATER_PEER, 4, 3));
    assert_false(pm_review360__group_shown(PM_RATER_REPORT, 4, 5));
    assert_true(pm_review360__group_shown(PM_RATER_REPORT, 5, 5));
    assert_false(pm_review360__group_shown((pm_rater_group)9, 50, 3));
}

static void test_a_stored_threshold_below_three_still_counts_as_three(void **state)
{
    (void)state;
    assert_false(pm_review360__group_shown(PM_RATER_PEER, 1, 1));
    assert_false(pm_review360__group_shown(PM_RATER_PEER, 2, 0));
    assert_false(pm_review360__group_shown(PM_RATER_REPORT, 2, -5));
    assert_true(pm_review360__group_shown(PM_RATER_PEER, 3, 1));
}

static void test_a_result_of_peers_needs_the_threshold_of_ratings_too(void **state)
{
    (void)state;
    /* Three peers submitted, but only two rated this question. */
    assert_false(pm_review360__result_shown(PM_RATER_PEER, 3, 2, 3));
    assert_true(pm_review360__result_shown(PM_RATER_PEER, 3, 3, 3));
    assert_false(pm_review360__result_shown(PM_RATER_PEER, 2, 2, 3));
    assert_false(pm_review360__result_shown(PM_RATER_REPORT, 4, 3, 4));
    /* Identified groups: shown whatever the numbers. */
    assert_true(pm_review360__result_shown(PM_RATER_SELF, 1, 0, 3));
    assert_true(pm_review360__result_shown(PM_RATER_MANAGER, 0, 0, 3));
}

static void test_threshold_must_be_3_to_10(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_review360__check_threshold(3, &err), PM_OK);
    assert_int_equal(pm_review360__check_threshold(10, &err), PM_OK);
    assert_int_equal(pm_review360__check_threshold(2, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "review360.threshold: must be 3 to 10"));
    assert_int_equal(pm_review360__check_threshold(11, &err), PM_EINVAL);
    assert_int_equal(pm_review360__check_threshold(-3, &err), PM_EINVAL);
}

static void test_scale_is_open_text_or_min_below_max_within_0_to_100(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_review360__check_scale(0, 0, &err), PM_OK);
    assert_true(pm_review360__is_open_text(0, 0));
    assert_int_equal(pm_review360__check_scale(1, 5, &err), PM_OK);
    assert_false(pm_review360__is_open_text(1, 5));
    assert_int_equal(pm_review360__check_scale(0, 100, &err), PM_OK);
    assert_int_equal(pm_review360__check_scale(0, 1, &err), PM_OK);
    assert_int_equal(pm_review360__check_scale(5, 5, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "review360_question.scale: 5 to 5 is not a scale"));
    assert_int_equal(pm_review360__check_scale(5, 1, &err), PM_EINVAL);
    assert_int_equal(pm_review360__check_scale(-1, 5, &err), PM_EINVAL);
    assert_int_equal(pm_review360__check_scale(0, 101, &err), PM_EINVAL);
}

static void test_window_needs_a_closing_day_not_before_the_opening_day(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_review360__check_window(D("2026-06-01"), D("2026-06-01"), &err), PM_OK);
    assert_int_equal(pm_review360__check_window(D("2026-06-01"), D("2026-06-30"), &err), PM_OK);
    assert_int_equal(pm_review360__check_window(D("2026-06-01"), PM_DATE_NONE, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "review360.closes: must be given"));
    assert_int_equal(pm_review360__check_window(D("2026-06-01"), D("2026-05-31"), &err),
                     PM_EINVAL);
    assert_non_null(strstr(err.message,
                           "review360.closes: 2026-05-31 is before the opening day 2026-06-01"));
    assert_int_equal(pm_review360__check_window(D("2026-06-01"), 5000000, &err), PM_ERANGE);
    assert_int_equal(pm_review360__check_window(-1000000, D("2026-06-01"), &err), PM_ERANGE);
}

static void test_in_window_includes_both_ends(void **state)
{
    (void)state;
    pm_date o = D("2026-06-01"), c = D("2026-06-30");
    assert_false(pm_review360__in_window(o, c, D("2026-05-31")));
    assert_true(pm_review360__in_window(o, c, o));
    assert_true(pm_review360__in_window(o, c, c));
    assert_false(pm_review360__in_window(o, c, D("2026-07-01")));
}

static void test_answer_time_is_midnight_utc_of_the_opening_day(void **state)
{
    (void)state;
    pm_time t = 0;
    assert_int_equal(pm_time_parse(&t, "2026-06-01T00:00:00Z"), PM_OK);
    assert_int_equal(pm_review360__answer_time(D("2026-06-01")), t);
    assert_int_equal(pm_time_date(pm_review360__answer_time(D("2026-06-01"))), D("2026-06-01"));
    assert_int_equal(pm_review360__answer_time(D("1970-01-01")), 0);
}

static void test_names_of_groups_and_states(void **state)
{
    (void)state;
    assert_string_equal(pm_review360__group_name(PM_RATER_PEER), "peer");
    assert_string_equal(pm_review360__group_name((pm_rater_group)0), "?");
    assert_string_equal(pm_review360__state_name(PM_REVIEW360_CLOSED), "closed");
    assert_string_equal(pm_review360__state_name((pm_review360_state)7), "?");
}

static pm_review360_stats stats_of(const double *v, int n)
{
    pm_review360_stats s = { 0, 0.0, 0.0 };
    for (int i = 0; i < n; i++)
        pm_review360__stats_add(&s, v[i]);
    return s;
}

/* Two-pass reference: mean first, then the squared deviations; the
 * variance, so that the test needs no square root of its own. */
static double reference_variance(const double *v, int n)
{
    double sum = 0.0, ss = 0.0;
    for (int i = 0; i < n; i++)
        sum += v[i];
    double mean = sum / n;
    for (int i = 0; i < n; i++)
        ss += (v[i] - mean) * (v[i] - mean);
    return ss / (n - 1);
}

static void test_stats_match_a_worked_example(void **state)
{
    (void)state;
    /* 2 4 4 4 5 5 7 9: mean 5, sum of squares 32, sample variance 32/7. */
    const double v[] = { 2, 4, 4, 4, 5, 5, 7, 9 };
    pm_review360_stats s = stats_of(v, 8);
    assert_int_equal(s.count, 8);
    assert_near(s.mean, 5.0, 1e-12);
    /* sqrt(32 / 7) */
    assert_near(pm_review360__stats_sd(&s), 2.1380899352993950, 1e-12);
}

static void test_stats_sd_is_zero_below_two_values_and_for_equal_values(void **state)
{
    (void)state;
    pm_review360_stats none = { 0, 0.0, 0.0 };
    assert_near(pm_review360__stats_sd(&none), 0.0, 0.0);
    const double one[] = { 4 };
    pm_review360_stats s = stats_of(one, 1);
    assert_near(s.mean, 4.0, 0.0);
    assert_near(pm_review360__stats_sd(&s), 0.0, 0.0);
    const double same[] = { 3, 3, 3, 3 };
    s = stats_of(same, 4);
    assert_near(pm_review360__stats_sd(&s), 0.0, 0.0);
    const double two[] = { 1, 5 };
    s = stats_of(two, 2);
    assert_near(s.mean, 3.0, 0.0);
    assert_near(pm_review360__stats_sd(&s), 2.8284271247461903, 1e-12); /* sqrt(8) */
}

/* Values with a large offset: the textbook sum-of-squares formula loses
 * every digit here; Welford keeps them. */
static void test_stats_stay_exact_far_from_zero(void **state)
{
    (void)state;
    const double base = 1e9;
    double v[] = { base + 4, base + 7, base + 13, base + 16 };
    pm_review360_stats s = stats_of(v, 4);
    assert_near(s.mean, base + 10, 1e-6);
    /* Deviations -6 -3 3 6: sum of squares 90, variance 30. */
    assert_near(pm_review360__stats_sd(&s), 5.4772255750516612, 1e-6); /* sqrt(30) */
}

static void test_stats_agree_with_a_two_pass_computation(void **state)
{
    (void)state;
    double v[50];
    unsigned int x = 12345;
    for (int i = 0; i < 50; i++) {
        x = x * 1103515245u + 12345u;
        v[i] = (double)((x >> 16) % 101u);
    }
    for (int n = 2; n <= 50; n += 7) {
        pm_review360_stats s = stats_of(v, n);
        double sd = pm_review360__stats_sd(&s);
        double variance = reference_variance(v, n);
        assert_near(sd * sd, variance, 1e-9 * variance);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_self_is_only_the_subject),
        cmocka_unit_test(test_manager_must_be_above_the_subject),
        cmocka_unit_test(test_report_must_report_directly_to_the_subject),
        cmocka_unit_test(test_peer_is_anyone_but_the_subject),
        cmocka_unit_test(test_unknown_groups_are_refused),
        cmocka_unit_test(test_self_and_manager_are_always_shown_and_identified),
        cmocka_unit_test(test_peers_and_reports_are_shown_from_the_threshold_on),
        cmocka_unit_test(test_a_stored_threshold_below_three_still_counts_as_three),
        cmocka_unit_test(test_a_result_of_peers_needs_the_threshold_of_ratings_too),
        cmocka_unit_test(test_threshold_must_be_3_to_10),
        cmocka_unit_test(test_scale_is_open_text_or_min_below_max_within_0_to_100),
        cmocka_unit_test(test_window_needs_a_closing_day_not_before_the_opening_day),
        cmocka_unit_test(test_in_window_includes_both_ends),
        cmocka_unit_test(test_answer_time_is_midnight_utc_of_the_opening_day),
        cmocka_unit_test(test_names_of_groups_and_states),
        cmocka_unit_test(test_stats_match_a_worked_example),
        cmocka_unit_test(test_stats_sd_is_zero_below_two_values_and_for_equal_values),
        cmocka_unit_test(test_stats_stay_exact_far_from_zero),
        cmocka_unit_test(test_stats_agree_with_a_two_pass_computation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
