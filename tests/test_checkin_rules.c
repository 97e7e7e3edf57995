/* The pure rules of core/checkin.c, without a store: the next meeting by a
 * weekly or monthly cadence (month ends, leap years), cadence and mood
 * limits, where a series stands on a date, what counts as due, and rates. */
#include "fixture.h"

#include <string.h>

#include "core/checkin.h"

#define D(iso) pm_fixture_date(iso)

static pm_date monthly(int day, const char *iso)
{
    return pm_checkin__next_date(PM_CADENCE_MONTHLY, 0, day, D(iso));
}

static pm_date weekly(int interval, const char *iso)
{
    return pm_checkin__next_date(PM_CADENCE_WEEKLY, interval, 0, D(iso));
}

static void test_weekly_next_is_seven_days_times_the_interval(void **state)
{
    (void)state;
    assert_int_equal(weekly(1, "2026-03-02"), D("2026-03-09"));
    assert_int_equal(weekly(2, "2026-03-02"), D("2026-03-16"));
    assert_int_equal(weekly(12, "2026-03-02"), D("2026-05-25"));
    /* across a year end and a leap day */
    assert_int_equal(weekly(1, "2026-12-28"), D("2027-01-04"));
    assert_int_equal(weekly(1, "2028-02-25"), D("2028-03-03"));
}

static void test_weekly_with_an_interval_outside_1_to_12_has_no_next(void **state)
{
    (void)state;
    assert_int_equal(weekly(0, "2026-03-02"), PM_DATE_NONE);
    assert_int_equal(weekly(13, "2026-03-02"), PM_DATE_NONE);
}

static void test_monthly_on_the_31st_clamps_to_february_then_returns_to_31(void **state)
{
    (void)state;
    /* non-leap year: Jan 31 -> Feb 28 -> Mar 31 -> Apr 30 -> May 31 */
    assert_int_equal(monthly(31, "2027-01-31"), D("2027-02-28"));
    assert_int_equal(monthly(31, "2027-02-28"), D("2027-03-31"));
    assert_int_equal(monthly(31, "2027-03-31"), D("2027-04-30"));
    assert_int_equal(monthly(31, "2027-04-30"), D("2027-05-31"));
}

static void test_monthly_on_the_31st_in_a_leap_year_gives_february_29(void **state)
{
    (void)state;
    assert_int_equal(monthly(31, "2028-01-31"), D("2028-02-29"));
    assert_int_equal(monthly(31, "2028-02-29"), D("2028-03-31"));
    assert_int_equal(monthly(30, "2028-01-30"), D("2028-02-29"));
    assert_int_equal(monthly(29, "2027-01-29"), D("2027-02-28"));
    assert_int_equal(monthly(29, "2028-01-29"), D("2028-02-29"));
    /* 2100 is not a leap year, 2000 was */
    assert_int_equal(monthly(31, "2100-01-31"), D("2100-02-28"));
    assert_int_equal(monthly(31, "2000-01-31"), D("2000-02-29"));
}

static void test_monthly_counts_from_the_meeting_held_not_the_planned_day(void **state)
{
    (void)state;
    /* a meeting on day 15 (moved from day 10) still leads to day 10 next month */
    assert_int_equal(monthly(10, "2026-03-15"), D("2026-04-10"));
    assert_int_equal(monthly(1, "2026-12-01"), D("2027-01-01"));
    assert_int_equal(monthly(31, "2026-12-31"), D("2027-01-31"));
}

static void test_next_after_the_last_representable_day_is_none(void **state)
{
    (void)state;
    assert_int_equal(monthly(5, "9999-12-05"), PM_DATE_NONE);
    assert_int_equal(weekly(1, "9999-12-30"), PM_DATE_NONE);
    assert_int_equal(pm_checkin__next_date(PM_CADENCE_WEEKLY, 1, 0, PM_DATE_NONE),
                     PM_DATE_NONE);
}

static void test_days_in_month_follow_the_gregorian_leap_rule(void **state)
{
    (void)state;
    assert_int_equal(pm_checkin__days_in_month(2024, 2), 29);
    assert_int_equal(pm_checkin__days_in_month(2026, 2), 28);
    assert_int_equal(pm_checkin__days_in_month(1900, 2), 28);
    assert_int_equal(pm_checkin__days_in_month(2000, 2), 29);
    assert_int_equal(pm_checkin__days_in_month(2026, 4), 30);
    assert_int_equal(pm_checkin__days_in_month(2026, 12), 31);
    assert_int_equal(pm_checkin__days_in_month(2026, 13), 0);
}

static void test_cadence_limits_name_the_field(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_checkin__check_cadence(PM_CADENCE_WEEKLY, 1, 0, &err), PM_OK);
    assert_int_equal(pm_checkin__check_cadence(PM_CADENCE_WEEKLY, 12, 0, &err), PM_OK);
    assert_int_equal(pm_checkin__check_cadence(PM_CADENCE_WEEKLY, 0, 0, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "checkin_series.interval: 0"));
    assert_int_equal(pm_checkin__check_cadence(PM_CADENCE_WEEKLY, 13, 0, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "checkin_series.interval: 13"));
    assert_int_equal(pm_checkin__check_cadence(PM_CADENCE_MONTHLY, 0, 31, &err), PM_OK);
    assert_int_equal(pm_checkin__check_cadence(PM_CADENCE_MONTHLY, 0, 32, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "checkin_series.day: 32"));
    assert_int_equal(pm_checkin__check_cadence(PM_CADENCE_MONTHLY, 0, 0, &err), PM_EINVAL);
    assert_int_equal(pm_checkin__check_cadence((pm_cadence)3, 1, 1, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "checkin_series.cadence: 3"));
}

static void test_mood_is_1_to_5_or_none(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    for (int mood = 1; mood <= 5; mood++)
        assert_int_equal(pm_checkin__check_mood(mood, &err), PM_OK);
    assert_int_equal(pm_checkin__check_mood(PM_MOOD_NONE, &err), PM_OK);
    assert_int_equal(pm_checkin__check_mood(6, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "checkin.mood: 6"));
    assert_int_equal(pm_checkin__check_mood(-1, &err), PM_EINVAL);
}

static void test_series_state_ended_beats_paused_and_line_matters(void **state)
{
    (void)state;
    pm_date day = D("2026-06-15");
    assert_int_equal(pm_checkin__series_state(PM_DATE_NONE, PM_DATE_NONE, 1, day),
                     PM_SERIES_ACTIVE);
    assert_int_equal(pm_checkin__series_state(day, PM_DATE_NONE, 1, day), PM_SERIES_PAUSED);
    assert_int_equal(pm_checkin__series_state(day + 1, PM_DATE_NONE, 1, day), PM_SERIES_ACTIVE);
    assert_int_equal(pm_checkin__series_state(day - 5, day, 1, day), PM_SERIES_ENDED);
    assert_int_equal(pm_checkin__series_state(PM_DATE_NONE, day + 1, 1, day), PM_SERIES_ACTIVE);
    assert_int_equal(pm_checkin__series_state(PM_DATE_NONE, PM_DATE_NONE, 0, day),
                     PM_SERIES_ENDED);
}

static void test_due_counts_held_missed_and_passed_scheduled_only(void **state)
{
    (void)state;
    pm_date today = D("2026-06-15");
    assert_true(pm_checkin__counts_as_due(PM_CHECKIN_HELD, today + 3, today));
    assert_true(pm_checkin__counts_as_due(PM_CHECKIN_MISSED, today - 3, today));
    assert_true(pm_checkin__counts_as_due(PM_CHECKIN_SCHEDULED, today - 1, today));
    assert_false(pm_checkin__counts_as_due(PM_CHECKIN_SCHEDULED, today, today));
    assert_false(pm_checkin__counts_as_due(PM_CHECKIN_CANCELLED, today - 1, today));
}

static void test_rate_is_held_over_due_and_zero_when_nothing_was_due(void **state)
{
    (void)state;
    assert_float_equal(pm_checkin__rate(3, 4), 0.75, 1e-12);
    assert_float_equal(pm_checkin__rate(0, 0), 0.0, 0.0);
    assert_int_equal(pm_checkin__days_between(D("2026-02-27"), D("2026-03-01")), 2);
    assert_int_equal(pm_checkin__days_between(D("2028-02-27"), D("2028-03-01")), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_weekly_next_is_seven_days_times_the_interval),
        cmocka_unit_test(test_weekly_with_an_interval_outside_1_to_12_has_no_next),
        cmocka_unit_test(test_monthly_on_the_31st_clamps_to_february_then_returns_to_31),
        cmocka_unit_test(test_monthly_on_the_31st_in_a_leap_year_gives_february_29),
        cmocka_unit_test(test_monthly_counts_from_the_meeting_held_not_the_planned_day),
        cmocka_unit_test(test_next_after_the_last_representable_day_is_none),
        cmocka_unit_test(test_days_in_month_follow_the_gregorian_leap_rule),
        cmocka_unit_test(test_cadence_limits_name_the_field),
        cmocka_unit_test(test_mood_is_1_to_5_or_none),
        cmocka_unit_test(test_series_state_ended_beats_paused_and_line_matters),
        cmocka_unit_test(test_due_counts_held_missed_and_passed_scheduled_only),
        cmocka_unit_test(test_rate_is_held_over_due_and_zero_when_nothing_was_due),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
