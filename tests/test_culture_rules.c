/* The pure rules of core/culture.c, without a store: option ranges, what a
 * feedback entry or a request part adds, expiry, response hours, exact
 * medians of odd and even counts, rates and suppression. Every expectation
 * is worked out by hand in the comment beside it. */
#include "fixture.h"

#include <math.h>
#include <string.h>

#include "core/culture.h"

/* cmocka compares floats only as float; these are doubles, often exact. */
#define assert_double_equal(a, b, tolerance)                                         \
    do {                                                                             \
        double a_ = (a), b_ = (b);                                                   \
        if (!(fabs(a_ - b_) <= (tolerance)))                                         \
            fail_msg("%.17g != %.17g (tolerance %g)", a_, b_, (double)(tolerance)); \
    } while (0)

#define D(iso) pm_fixture_date(iso)

static pm_feedback_stats_opts good_opts(void)
{
    pm_feedback_stats_opts o = PM_FEEDBACK_STATS_OPTS_INIT;
    o.from = D("2026-04-01");
    o.to = D("2026-06-30");
    return o;
}

static void assert_refused(const pm_feedback_stats_opts *o, const char *needle)
{
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_culture__check_opts(o, &err), PM_EINVAL);
    if (strstr(err.message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", err.message, needle);
}

static void assert_accepted(const pm_feedback_stats_opts *o)
{
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_culture__check_opts(o, &err);
    if (st != PM_OK)
        fail_msg("refused: %s", err.message);
}

/* Field by field: the struct has padding, which memcmp would read. */
static void assert_same_stats(const pm_feedback_stats *a, const pm_feedback_stats *b)
{
    assert_int_equal(a->version, b->version);
    assert_int_equal(a->suppressed, b->suppressed);
    assert_int_equal(a->people, b->people);
    assert_int_equal(a->given, b->given);
    assert_int_equal(a->received, b->received);
    assert_int_equal(a->anonymous_received, b->anonymous_received);
    assert_memory_equal(a->given_by_direction, b->given_by_direction,
                        sizeof a->given_by_direction);
    assert_memory_equal(a->received_by_direction, b->received_by_direction,
                        sizeof a->received_by_direction);
    assert_memory_equal(a->given_by_kind, b->given_by_kind, sizeof a->given_by_kind);
    assert_memory_equal(a->received_by_kind, b->received_by_kind, sizeof a->received_by_kind);
    assert_int_equal(a->without_feedback, b->without_feedback);
    assert_double_equal(a->share_without_feedback, b->share_without_feedback, 0.0);
    assert_int_equal(a->requests_addressed, b->requests_addressed);
    assert_int_equal(a->requests_answered, b->requests_answered);
    assert_int_equal(a->requests_declined, b->requests_declined);
    assert_int_equal(a->requests_expired, b->requests_expired);
    assert_double_equal(a->response_rate, b->response_rate, 0.0);
    assert_double_equal(a->median_response_hours, b->median_response_hours, 0.0);
}

static void test_opts_need_a_period_with_to_not_before_from(void **state)
{
    (void)state;
    pm_feedback_stats_opts o = good_opts();
    assert_accepted(&o);
    o.to = o.from; /* one day is a period */
    assert_accepted(&o);
    o = good_opts();
    o.from = PM_DATE_NONE;
    assert_refused(&o, "feedback_stats_opts.from: is required");
    o = good_opts();
    o.to = PM_DATE_NONE;
    assert_refused(&o, "feedback_stats_opts.to: is required");
    o = good_opts();
    o.to = o.from - 1;
    assert_refused(&o, "feedback_stats_opts.to: 2026-03-31 is before from (2026-04-01)");
    o = good_opts();
    o.to = 5000000; /* after 9999-12-31 */
    assert_refused(&o, "feedback_stats_opts.to:");
}

static void test_quiet_days_are_1_to_3650(void **state)
{
    (void)state;
    pm_feedback_stats_opts o = good_opts();
    o.quiet_days = 0;
    assert_refused(&o, "feedback_stats_opts.quiet_days: 0 is not 1 to 3650");
    o.quiet_days = 3651;
    assert_refused(&o, "feedback_stats_opts.quiet_days: 3651 is not 1 to 3650");
    o.quiet_days = 1;
    assert_accepted(&o);
    o.quiet_days = 3650;
    assert_accepted(&o);
}

static void test_min_group_is_3_to_10(void **state)
{
    (void)state;
    pm_feedback_stats_opts o = good_opts();
    o.min_group = 2;
    assert_refused(&o, "feedback_stats_opts.min_group: 2 is not 3 to 10");
    o.min_group = 11;
    assert_refused(&o, "feedback_stats_opts.min_group: 11 is not 3 to 10");
    o.min_group = 3;
    assert_accepted(&o);
    o.min_group = 10;
    assert_accepted(&o);
}

static void test_defaults_are_90_quiet_days_and_groups_of_5(void **state)
{
    (void)state;
    pm_feedback_stats_opts o;
    memset(&o, 0xff, sizeof o);
    assert_int_equal(pm_feedback_stats_opts_init(&o, PM_FEEDBACK_STATS_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_FEEDBACK_STATS_OPTS_VERSION);
    assert_int_equal(o.quiet_days, 90);
    assert_int_equal(o.min_group, 5);
    assert_int_equal(o.from, PM_DATE_NONE);
    assert_int_equal(o.to, PM_DATE_NONE);
    assert_int_equal(pm_feedback_stats_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_feedback_stats_opts_init(&o, PM_FEEDBACK_STATS_OPTS_VERSION + 1),
                     PM_EVERSION);
    assert_int_equal(pm_feedback_stats_opts_init(NULL, PM_FEEDBACK_STATS_OPTS_VERSION),
                     PM_EINVAL);
}

static void test_quiet_window_ends_on_to_and_spans_quiet_days(void **state)
{
    (void)state;
    /* 1 day: just `to`; 30 days ending on June 30: June 1 .. June 30. */
    assert_int_equal(pm_culture__quiet_first_day(D("2026-06-30"), 1), D("2026-06-30"));
    assert_int_equal(pm_culture__quiet_first_day(D("2026-06-30"), 30), D("2026-06-01"));
    /* across a year end: 2027-01-05 back 10 days -> 2026-12-27 */
    assert_int_equal(pm_culture__quiet_first_day(D("2027-01-05"), 10), D("2026-12-27"));
    /* the fixture's now is noon on 2026-06-15; its day starts 12 h before */
    assert_int_equal(pm_culture__day_start(D("2026-06-15")), PM_FIXTURE_NOW - 12 * 3600);
}

static void test_given_and_received_count_by_direction_and_kind(void **state)
{
    (void)state;
    pm_feedback_stats t = PM_FEEDBACK_STATS_INIT;
    assert_int_equal(pm_culture__add_given(&t, PM_DIRECTION_DOWNWARD, PM_FEEDBACK_PRAISE), PM_OK);
    assert_int_equal(pm_culture__add_given(&t, PM_DIRECTION_DOWNWARD, PM_FEEDBACK_SUGGESTION),
                     PM_OK);
    assert_int_equal(pm_culture__add_given(&t, PM_DIRECTION_PEER, PM_FEEDBACK_PRAISE), PM_OK);
    assert_int_equal(pm_culture__add_received(&t, PM_DIRECTION_UPWARD,
                                              PM_FEEDBACK_CONSTRUCTIVE, 1), PM_OK);
    assert_int_equal(pm_culture__add_received(&t, PM_DIRECTION_OTHER, PM_FEEDBACK_PRAISE, 0),
                     PM_OK);
    assert_int_equal(t.given, 3);
    assert_int_equal(t.given_by_direction[PM_DIRECTION_DOWNWARD], 2);
    assert_int_equal(t.given_by_direction[PM_DIRECTION_PEER], 1);
    assert_int_equal(t.given_by_direction[PM_DIRECTION_UPWARD], 0);
    assert_int_equal(t.given_by_kind[PM_FEEDBACK_PRAISE], 2);
    assert_int_equal(t.given_by_kind[PM_FEEDBACK_SUGGESTION], 1);
    assert_int_equal(t.given_by_kind[PM_FEEDBACK_CONSTRUCTIVE], 0);
    assert_int_equal(t.received, 2);
    assert_int_equal(t.anonymous_received, 1);
    assert_int_equal(t.received_by_direction[PM_DIRECTION_UPWARD], 1);
    assert_int_equal(t.received_by_direction[PM_DIRECTION_OTHER], 1);
    assert_int_equal(t.received_by_kind[PM_FEEDBACK_CONSTRUCTIVE], 1);
    assert_int_equal(t.received_by_kind[PM_FEEDBACK_PRAISE], 1);
    /* slot 0 stays unused */
    assert_int_equal(t.given_by_direction[0] + t.received_by_direction[0] + t.given_by_kind[0] +
                         t.received_by_kind[0], 0);
}

static void test_a_stored_value_out_of_range_is_damage_and_adds_nothing(void **state)
{
    (void)state;
    pm_feedback_stats t = PM_FEEDBACK_STATS_INIT;
    assert_int_equal(pm_culture__add_given(&t, 0, PM_FEEDBACK_PRAISE), PM_ECORRUPT);
    assert_int_equal(pm_culture__add_given(&t, PM_DIRECTION_SLOTS, PM_FEEDBACK_PRAISE),
                     PM_ECORRUPT);
    assert_int_equal(pm_culture__add_received(&t, PM_DIRECTION_PEER, 0, 1), PM_ECORRUPT);
    assert_int_equal(pm_culture__add_received(&t, PM_DIRECTION_PEER, PM_FEEDBACK_KIND_SLOTS, 0),
                     PM_ECORRUPT);
    assert_int_equal(pm_culture__add_part(&t, (pm_request_state)0), PM_ECORRUPT);
    assert_int_equal(pm_culture__add_part(&t, (pm_request_state)5), PM_ECORRUPT);
    pm_feedback_stats zero = PM_FEEDBACK_STATS_INIT;
    assert_same_stats(&t, &zero);
}

static void test_a_part_expires_the_day_after_its_last_day(void **state)
{
    (void)state;
    pm_date last = D("2026-05-31");
    /* on its last day it can still be answered */
    assert_int_equal(pm_culture__part_state(PM_REQUEST_REQUESTED, last, D("2026-05-31")),
                     PM_REQUEST_REQUESTED);
    assert_int_equal(pm_culture__part_state(PM_REQUEST_REQUESTED, last, D("2026-06-01")),
                     PM_REQUEST_EXPIRED);
    /* answered or declined parts keep their state after expiry */
    assert_int_equal(pm_culture__part_state(PM_REQUEST_SUBMITTED, last, D("2026-07-01")),
                     PM_REQUEST_SUBMITTED);
    assert_int_equal(pm_culture__part_state(PM_REQUEST_DECLINED, last, D("2026-07-01")),
                     PM_REQUEST_DECLINED);
    /* expired is computed, never stored */
    assert_int_equal(pm_culture__part_state(PM_REQUEST_EXPIRED, last, D("2026-05-01")), 0);
    assert_int_equal(pm_culture__part_state(0, last, D("2026-05-01")), 0);
}

static void test_parts_count_as_addressed_and_by_state(void **state)
{
    (void)state;
    pm_feedback_stats t = PM_FEEDBACK_STATS_INIT;
    pm_request_state states[] = { PM_REQUEST_REQUESTED, PM_REQUEST_SUBMITTED,
                                  PM_REQUEST_SUBMITTED, PM_REQUEST_DECLINED,
                                  PM_REQUEST_EXPIRED };
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        assert_int_equal(pm_culture__add_part(&t, states[i]), PM_OK);
    assert_int_equal(t.requests_addressed, 5);
    assert_int_equal(t.requests_answered, 2);
    assert_int_equal(t.requests_declined, 1);
    assert_int_equal(t.requests_expired, 1);
}

static void test_response_hours_are_exact_fractions(void **state)
{
    (void)state;
    /* 90 minutes = 1.5 h; 3 days and 6 hours = 78 h; 1 second = 1/3600 h */
    assert_double_equal(pm_culture__response_hours(1000, 1000 + 5400), 1.5, 0.0);
    assert_double_equal(pm_culture__response_hours(0, 3 * 86400 + 6 * 3600), 78.0, 0.0);
    assert_double_equal(pm_culture__response_hours(7, 8), 1.0 / 3600.0, 1e-15);
}

static void test_median_of_an_odd_count_is_the_middle_value(void **state)
{
    (void)state;
    double one[] = { 5.0 };
    assert_double_equal(pm_culture__median(one, 1), 5.0, 0.0);
    /* sorted: 1 2 3 -> 2 */
    double three[] = { 3.0, 1.0, 2.0 };
    assert_double_equal(pm_culture__median(three, 3), 2.0, 0.0);
    /* sorted: 0.5 4 4 9 100 -> 4 (a long tail does not move it) */
    double five[] = { 100.0, 4.0, 0.5, 9.0, 4.0 };
    assert_double_equal(pm_culture__median(five, 5), 4.0, 0.0);
}

static void test_median_of_an_even_count_is_the_mean_of_the_two_middle_values(void **state)
{
    (void)state;
    /* sorted: 1 2 3 4 -> (2 + 3) / 2 = 2.5 */
    double four[] = { 4.0, 1.0, 3.0, 2.0 };
    assert_double_equal(pm_culture__median(four, 4), 2.5, 0.0);
    /* (1.5 + 10) / 2 = 5.75 */
    double two[] = { 10.0, 1.5 };
    assert_double_equal(pm_culture__median(two, 2), 5.75, 0.0);
    /* sorted: 2 6 7 7 9 48 -> (7 + 7) / 2 = 7 */
    double six[] = { 48.0, 7.0, 2.0, 9.0, 7.0, 6.0 };
    assert_double_equal(pm_culture__median(six, 6), 7.0, 0.0);
    assert_double_equal(pm_culture__median(NULL, 0), 0.0, 0.0);
}

static pm_feedback_stats busy_group(int people)
{
    pm_feedback_stats t = PM_FEEDBACK_STATS_INIT;
    t.people = people;
    t.without_feedback = 1;
    assert_int_equal(pm_culture__add_given(&t, PM_DIRECTION_PEER, PM_FEEDBACK_PRAISE), PM_OK);
    assert_int_equal(pm_culture__add_received(&t, PM_DIRECTION_PEER, PM_FEEDBACK_PRAISE, 1),
                     PM_OK);
    assert_int_equal(pm_culture__add_part(&t, PM_REQUEST_SUBMITTED), PM_OK);
    assert_int_equal(pm_culture__add_part(&t, PM_REQUEST_DECLINED), PM_OK);
    assert_int_equal(pm_culture__add_part(&t, PM_REQUEST_EXPIRED), PM_OK);
    assert_int_equal(pm_culture__add_part(&t, PM_REQUEST_REQUESTED), PM_OK);
    return t;
}

static void test_finish_sets_rates_shares_and_the_median(void **state)
{
    (void)state;
    pm_feedback_stats t = busy_group(4);
    pm_culture__finish(&t, 12.5, 3);
    assert_int_equal(t.suppressed, 0);
    assert_int_equal(t.people, 4);
    /* 1 of 4 people heard nothing: 0.25; 1 of 4 parts answered: 0.25 */
    assert_double_equal(t.share_without_feedback, 0.25, 0.0);
    assert_double_equal(t.response_rate, 0.25, 0.0);
    assert_double_equal(t.median_response_hours, 12.5, 0.0);
    assert_int_equal(t.given, 1);
    assert_int_equal(t.requests_addressed, 4);
}

static void test_finish_with_nothing_gives_zero_rates_not_nan(void **state)
{
    (void)state;
    pm_feedback_stats t = PM_FEEDBACK_STATS_INIT;
    pm_culture__finish(&t, 0.0, 0);
    assert_int_equal(t.suppressed, 0);
    assert_double_equal(t.share_without_feedback, 0.0, 0.0);
    assert_double_equal(t.response_rate, 0.0, 0.0);
    assert_double_equal(t.median_response_hours, 0.0, 0.0);
}

static void test_fewer_people_than_min_group_zeroes_every_number_but_people(void **state)
{
    (void)state;
    pm_feedback_stats t = busy_group(2);
    pm_culture__finish(&t, 12.5, 3);
    pm_feedback_stats expected = PM_FEEDBACK_STATS_INIT;
    expected.suppressed = 1;
    expected.people = 2;
    assert_same_stats(&t, &expected);
}

static void test_exactly_min_group_people_is_not_suppressed(void **state)
{
    (void)state;
    pm_feedback_stats t = busy_group(3);
    pm_culture__finish(&t, 12.5, 3);
    assert_int_equal(t.suppressed, 0);
    assert_int_equal(t.given, 1);
    assert_int_equal(t.anonymous_received, 1);
    assert_double_equal(t.share_without_feedback, 1.0 / 3.0, 1e-15);
    /* a person's numbers (suppress_below 0) are never suppressed */
    t = busy_group(1);
    pm_culture__finish(&t, 1.0, 0);
    assert_int_equal(t.suppressed, 0);
    assert_int_equal(t.received, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_opts_need_a_period_with_to_not_before_from),
        cmocka_unit_test(test_quiet_days_are_1_to_3650),
        cmocka_unit_test(test_min_group_is_3_to_10),
        cmocka_unit_test(test_defaults_are_90_quiet_days_and_groups_of_5),
        cmocka_unit_test(test_quiet_window_ends_on_to_and_spans_quiet_days),
        cmocka_unit_test(test_given_and_received_count_by_direction_and_kind),
        cmocka_unit_test(test_a_stored_value_out_of_range_is_damage_and_adds_nothing),
        cmocka_unit_test(test_a_part_expires_the_day_after_its_last_day),
        cmocka_unit_test(test_parts_count_as_addressed_and_by_state),
        cmocka_unit_test(test_response_hours_are_exact_fractions),
        cmocka_unit_test(test_median_of_an_odd_count_is_the_middle_value),
        cmocka_unit_test(test_median_of_an_even_count_is_the_mean_of_the_two_middle_values),
        cmocka_unit_test(test_finish_sets_rates_shares_and_the_median),
        cmocka_unit_test(test_finish_with_nothing_gives_zero_rates_not_nan),
        cmocka_unit_test(test_fewer_people_than_min_group_zeroes_every_number_but_people),
        cmocka_unit_test(test_exactly_min_group_people_is_not_suppressed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
