/* Calendar dates and UTC instants (src/util/date.c): the closed-form
 * conversions against an independent day-by-day counter, leap years, the
 * limits of years 1..9999, strict parsing and floor division for instants
 * before 1970. Expected day numbers come from Python's datetime module. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "perfmgmt/datetime.h"
#include "util/date.h"

#define DAY_MIN ((pm_date)-719162)  /* 0001-01-01 */
#define DAY_MAX ((pm_date)2932896)  /* 9999-12-31 */
#define TIME_MIN ((pm_time)-62135596800LL) /* 0001-01-01T00:00:00Z */
#define TIME_MAX ((pm_time)253402300799LL) /* 9999-12-31T23:59:59Z */

/* An independent calendar: advances one day at a time with a month table,
 * knowing nothing of the closed form under test. */
typedef struct civil_counter {
    int year, month, day;
    pm_date days;
} civil_counter;

static int counter_month_length(int year, int month)
{
    static const int normal[13] = { 0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = year % 400 == 0 || (year % 100 != 0 && year % 4 == 0);
    return month == 2 && leap ? 29 : normal[month];
}

static void counter_next_day(civil_counter *c)
{
    c->days++;
    if (++c->day <= counter_month_length(c->year, c->month))
        return;
    c->day = 1;
    if (++c->month <= 12)
        return;
    c->month = 1;
    c->year++;
}

static pm_date ymd(int year, int month, int day)
{
    pm_date d = 0;
    assert_int_equal(pm_date_from_ymd(&d, year, month, day), PM_OK);
    return d;
}

static void test_date_epoch_is_day_zero(void **state)
{
    (void)state;
    assert_int_equal(ymd(1970, 1, 1), 0);
    assert_int_equal(ymd(1970, 1, 2), 1);
    assert_int_equal(ymd(1969, 12, 31), -1);
}

static void test_date_known_days_match_an_independent_calendar(void **state)
{
    (void)state;
    assert_int_equal(ymd(1900, 1, 1), -25567);
    assert_int_equal(ymd(2000, 3, 1), 11017);
    assert_int_equal(ymd(2026, 2, 28), 20512);
    assert_int_equal(ymd(2024, 2, 29), 19782);
    assert_int_equal(ymd(1600, 2, 29), -135081);
}

static void test_date_every_day_1900_to_2100_round_trips_against_day_counter(void **state)
{
    (void)state;
    civil_counter c = { 1900, 1, 1, -25567 };
    while (c.year <= 2100) {
        pm_date d = 0;
        assert_int_equal(pm_date_from_ymd(&d, c.year, c.month, c.day), PM_OK);
        assert_int_equal(d, c.days);
        int y = 0, m = 0, dd = 0;
        assert_int_equal(pm_date_to_ymd(d, &y, &m, &dd), PM_OK);
        assert_int_equal(y, c.year);
        assert_int_equal(m, c.month);
        assert_int_equal(dd, c.day);

        char text[PM_DATE_BUFSIZE];
        assert_int_equal(pm_date_format(text, d), PM_OK);
        pm_date parsed = 0;
        assert_int_equal(pm_date_parse(&parsed, text), PM_OK);
        assert_int_equal(parsed, d);
        counter_next_day(&c);
    }
}

static void test_date_every_day_of_years_1_to_9999_matches_day_counter(void **state)
{
    (void)state;
    civil_counter c = { 1, 1, 1, DAY_MIN };
    while (c.year <= 9999) {
        pm_date d = 0;
        if (pm_date_from_ymd(&d, c.year, c.month, c.day) != PM_OK || d != c.days)
            fail_msg("%04d-%02d-%02d: got %d, want %d", c.year, c.month, c.day, (int)d,
                     (int)c.days);
        int y = 0, m = 0, dd = 0;
        if (pm_date_to_ymd(c.days, &y, &m, &dd) != PM_OK || y != c.year || m != c.month
            || dd != c.day)
            fail_msg("day %d: got %04d-%02d-%02d", (int)c.days, y, m, dd);
        counter_next_day(&c);
    }
    assert_int_equal(c.days - 1, DAY_MAX);
}

static void test_date_leap_years_follow_the_gregorian_rule(void **state)
{
    (void)state;
    pm_date d;
    assert_int_equal(pm_date_from_ymd(&d, 1900, 2, 29), PM_ERANGE); /* century */
    assert_int_equal(pm_date_from_ymd(&d, 2100, 2, 29), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 2025, 2, 29), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 2000, 2, 29), PM_OK);     /* 400-year */
    assert_int_equal(pm_date_from_ymd(&d, 2024, 2, 29), PM_OK);
    assert_int_equal(pm_date_from_ymd(&d, 4, 2, 29), PM_OK);        /* proleptic */
    assert_int_equal(ymd(2000, 3, 1) - ymd(2000, 2, 28), 2);
    assert_int_equal(ymd(1900, 3, 1) - ymd(1900, 2, 28), 1);
}

static void test_date_parts_out_of_range_are_refused(void **state)
{
    (void)state;
    pm_date d = 12345;
    assert_int_equal(pm_date_from_ymd(&d, 0, 1, 1), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 10000, 1, 1), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, -1, 1, 1), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 2026, 0, 1), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 2026, 13, 1), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 2026, 1, 0), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 2026, 1, 32), PM_ERANGE);
    assert_int_equal(pm_date_from_ymd(&d, 2026, 4, 31), PM_ERANGE);
    assert_int_equal(d, 12345); /* untouched on failure */
    assert_int_equal(pm_date_from_ymd(NULL, 2026, 1, 1), PM_EINVAL);
}

static void test_date_limits_are_years_1_and_9999(void **state)
{
    (void)state;
    assert_int_equal(ymd(1, 1, 1), DAY_MIN);
    assert_int_equal(ymd(9999, 12, 31), DAY_MAX);

    int y = 0, m = 0, d = 0;
    assert_int_equal(pm_date_to_ymd(DAY_MIN, &y, &m, &d), PM_OK);
    assert_int_equal(y * 10000 + m * 100 + d, 10101);
    assert_int_equal(pm_date_to_ymd(DAY_MAX, &y, &m, &d), PM_OK);
    assert_int_equal(y * 10000 + m * 100 + d, 99991231);
    assert_int_equal(pm_date_to_ymd(DAY_MIN - 1, &y, &m, &d), PM_ERANGE);
    assert_int_equal(pm_date_to_ymd(DAY_MAX + 1, &y, &m, &d), PM_ERANGE);
    assert_int_equal(pm_date_to_ymd(PM_DATE_NONE, &y, &m, &d), PM_ERANGE);
    assert_int_equal(pm_date_to_ymd(INT32_MAX, &y, &m, &d), PM_ERANGE);
    /* Every out-parameter is optional. */
    assert_int_equal(pm_date_to_ymd(0, NULL, NULL, NULL), PM_OK);
}

static void test_date_format_writes_iso_dates_with_zero_padding(void **state)
{
    (void)state;
    char buf[PM_DATE_BUFSIZE];
    assert_int_equal(pm_date_format(buf, 0), PM_OK);
    assert_string_equal(buf, "1970-01-01");
    assert_int_equal(pm_date_format(buf, DAY_MIN), PM_OK);
    assert_string_equal(buf, "0001-01-01");
    assert_int_equal(pm_date_format(buf, DAY_MAX), PM_OK);
    assert_string_equal(buf, "9999-12-31");
    assert_int_equal(pm_date_format(buf, ymd(2026, 2, 28)), PM_OK);
    assert_string_equal(buf, "2026-02-28");
    assert_int_equal(pm_date_format(buf, -1), PM_OK);
    assert_string_equal(buf, "1969-12-31");
}

static void test_date_format_refuses_none_and_out_of_range(void **state)
{
    (void)state;
    char buf[PM_DATE_BUFSIZE];
    assert_int_equal(pm_date_format(buf, PM_DATE_NONE), PM_ERANGE);
    assert_int_equal(pm_date_format(buf, DAY_MIN - 1), PM_ERANGE);
    assert_int_equal(pm_date_format(buf, DAY_MAX + 1), PM_ERANGE);
    assert_int_equal(pm_date_format(NULL, 0), PM_EINVAL);
}

static void test_date_parse_reads_valid_dates(void **state)
{
    (void)state;
    pm_date d = 0;
    assert_int_equal(pm_date_parse(&d, "2026-02-28"), PM_OK);
    assert_int_equal(d, 20512);
    assert_int_equal(pm_date_parse(&d, "0001-01-01"), PM_OK);
    assert_int_equal(d, DAY_MIN);
    assert_int_equal(pm_date_parse(&d, "9999-12-31"), PM_OK);
    assert_int_equal(d, DAY_MAX);
    assert_int_equal(pm_date_parse(&d, "2024-02-29"), PM_OK);
    assert_int_equal(d, 19782);
}

static void test_date_parse_rejects_malformed_text_with_einval(void **state)
{
    (void)state;
    static const char *const malformed[] = {
        "", "2026", "2026-02", "2026-2-28", "2026-02-3", "26-02-28", "02026-02-28",
        "2026-02-28 ", " 2026-02-28", "2026-02-28x", "2026-02-28\n", "2026-02-28T00:00:00Z",
        "+2026-02-28", "-2026-02-28", "2026/02/28", "2026.02.28", "20260228", "2026-02--8",
        "2026-0a-28", "2026-02-2a", "abcd-ef-gh", "2026-+2-28", "2026- 2-28",
        "\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-02-28", /* full-width digits */
        "2026-02-28\xc2\xa0",
    };
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        pm_date d = 777;
        pm_status st = pm_date_parse(&d, malformed[i]);
        if (st != PM_EINVAL)
            fail_msg("\"%s\": got %d, want PM_EINVAL", malformed[i], st);
        assert_int_equal(d, 777);
    }
    pm_date d;
    assert_int_equal(pm_date_parse(NULL, "2026-02-28"), PM_EINVAL);
    assert_int_equal(pm_date_parse(&d, NULL), PM_EINVAL);
}

static void test_date_parse_rejects_nonexistent_dates_with_erange(void **state)
{
    (void)state;
    static const char *const nonexistent[] = {
        "2026-02-30", "2025-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
        "2026-01-00", "2026-01-32", "2026-04-31", "0000-01-01", "0000-12-31",
    };
    for (size_t i = 0; i < sizeof nonexistent / sizeof nonexistent[0]; i++) {
        pm_date d = 777;
        pm_status st = pm_date_parse(&d, nonexistent[i]);
        if (st != PM_ERANGE)
            fail_msg("\"%s\": got %d, want PM_ERANGE", nonexistent[i], st);
        assert_int_equal(d, 777);
    }
}

static pm_time parse_time(const char *text)
{
    pm_time t = 0;
    assert_int_equal(pm_time_parse(&t, text), PM_OK);
    return t;
}

static void test_time_parse_reads_instants_around_the_epoch(void **state)
{
    (void)state;
    assert_int_equal(parse_time("1970-01-01T00:00:00Z"), 0);
    assert_int_equal(parse_time("1969-12-31T23:59:59Z"), -1);
    assert_int_equal(parse_time("2026-06-15T12:00:00Z"), 1781524800);
    assert_int_equal(parse_time("1901-12-13T20:45:52Z"), INT32_MIN);
    assert_int_equal(parse_time("0001-01-01T00:00:00Z"), TIME_MIN);
    assert_int_equal(parse_time("9999-12-31T23:59:59Z"), TIME_MAX);
}

static void test_time_parse_rejects_malformed_text_with_einval(void **state)
{
    (void)state;
    static const char *const malformed[] = {
        "", "2026-06-15", "2026-06-15T12:00:00", "2026-06-15t12:00:00Z",
        "2026-06-15T12:00:00z", "2026-06-15 12:00:00Z", "2026-06-15T12:00Z",
        "2026-06-15T12:00:00.5Z", "2026-06-15T12:00:00+00:00", "2026-06-15T12:00:00Z ",
        "2026-06-15T1:00:00Z", "2026-06-15T12:0:00Z", "2026-06-15T12:00:0Z",
        "2026-06-15T12-00-00Z", "2026-06-15T-1:00:00Z", "2026-6-15T12:00:00Z",
        "+2026-06-15T12:00:00Z", "2026-06-15T12:00:00ZZ",
    };
    for (size_t i = 0; i < sizeof malformed / sizeof malformed[0]; i++) {
        pm_time t = 777;
        pm_status st = pm_time_parse(&t, malformed[i]);
        if (st != PM_EINVAL)
            fail_msg("\"%s\": got %d, want PM_EINVAL", malformed[i], st);
        assert_int_equal(t, 777);
    }
    pm_time t;
    assert_int_equal(pm_time_parse(NULL, "2026-06-15T12:00:00Z"), PM_EINVAL);
    assert_int_equal(pm_time_parse(&t, NULL), PM_EINVAL);
}

static void test_time_parse_rejects_nonexistent_instants_with_erange(void **state)
{
    (void)state;
    static const char *const nonexistent[] = {
        "2026-06-15T24:00:00Z", "2026-06-15T23:60:00Z", "2026-06-15T23:59:60Z",
        "2026-02-30T00:00:00Z", "2025-02-29T12:00:00Z", "0000-01-01T00:00:00Z",
        "2026-13-01T00:00:00Z", "2026-06-15T99:00:00Z",
    };
    for (size_t i = 0; i < sizeof nonexistent / sizeof nonexistent[0]; i++) {
        pm_time t = 777;
        pm_status st = pm_time_parse(&t, nonexistent[i]);
        if (st != PM_ERANGE)
            fail_msg("\"%s\": got %d, want PM_ERANGE", nonexistent[i], st);
        assert_int_equal(t, 777);
    }
}

static void test_time_format_writes_negative_instants_in_the_previous_day(void **state)
{
    (void)state;
    char buf[PM_TIME_BUFSIZE];
    assert_int_equal(pm_time_format(buf, -1), PM_OK);
    assert_string_equal(buf, "1969-12-31T23:59:59Z");
    assert_int_equal(pm_time_format(buf, -86400), PM_OK);
    assert_string_equal(buf, "1969-12-31T00:00:00Z");
    assert_int_equal(pm_time_format(buf, -86401), PM_OK);
    assert_string_equal(buf, "1969-12-30T23:59:59Z");
    assert_int_equal(pm_time_format(buf, 0), PM_OK);
    assert_string_equal(buf, "1970-01-01T00:00:00Z");
    assert_int_equal(pm_time_format(buf, 1781524800), PM_OK);
    assert_string_equal(buf, "2026-06-15T12:00:00Z");
    assert_int_equal(pm_time_format(buf, TIME_MIN), PM_OK);
    assert_string_equal(buf, "0001-01-01T00:00:00Z");
    assert_int_equal(pm_time_format(buf, TIME_MAX), PM_OK);
    assert_string_equal(buf, "9999-12-31T23:59:59Z");
}

static void test_time_format_refuses_instants_outside_years_1_to_9999(void **state)
{
    (void)state;
    char buf[PM_TIME_BUFSIZE];
    assert_int_equal(pm_time_format(buf, TIME_MIN - 1), PM_ERANGE);
    assert_int_equal(pm_time_format(buf, TIME_MAX + 1), PM_ERANGE);
    assert_int_equal(pm_time_format(buf, INT64_MIN), PM_ERANGE);
    assert_int_equal(pm_time_format(buf, INT64_MAX), PM_ERANGE);
    assert_int_equal(pm_time_format(NULL, 0), PM_EINVAL);
}

static void test_time_date_floors_negative_instants(void **state)
{
    (void)state;
    assert_int_equal(pm_time_date(0), 0);
    assert_int_equal(pm_time_date(86399), 0);
    assert_int_equal(pm_time_date(86400), 1);
    assert_int_equal(pm_time_date(-1), -1);
    assert_int_equal(pm_time_date(-86400), -1);
    assert_int_equal(pm_time_date(-86401), -2);
    assert_int_equal(pm_time_date(1781524800), ymd(2026, 6, 15));
    assert_int_equal(pm_time_date(TIME_MIN), DAY_MIN);
    assert_int_equal(pm_time_date(TIME_MAX), DAY_MAX);
}

static void test_time_date_of_instants_without_a_date_is_none(void **state)
{
    (void)state;
    assert_int_equal(pm_time_date(INT64_MIN), PM_DATE_NONE);
    assert_int_equal(pm_time_date(INT64_MAX), PM_DATE_NONE);
    /* The last representable day still has a date. */
    assert_int_equal(pm_time_date((pm_time)INT32_MAX * 86400), INT32_MAX);
}

/* A fixed-seed generator so a failure reproduces. */
static uint64_t next_random(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

static void test_time_format_and_parse_round_trip_across_the_range(void **state)
{
    (void)state;
    uint64_t seed = 0x9E3779B97F4A7C15u;
    const uint64_t span = (uint64_t)(TIME_MAX - TIME_MIN) + 1;
    for (int i = 0; i < 100000; i++) {
        pm_time t = TIME_MIN + (pm_time)(next_random(&seed) % span);
        char buf[PM_TIME_BUFSIZE];
        assert_int_equal(pm_time_format(buf, t), PM_OK);
        assert_int_equal(strlen(buf), PM_TIME_BUFSIZE - 1);
        assert_int_equal(parse_time(buf), t);
        /* The date part agrees with pm_time_date. */
        char day[PM_DATE_BUFSIZE];
        assert_int_equal(pm_date_format(day, pm_time_date(t)), PM_OK);
        assert_memory_equal(day, buf, PM_DATE_BUFSIZE - 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_epoch_is_day_zero),
        cmocka_unit_test(test_date_known_days_match_an_independent_calendar),
        cmocka_unit_test(test_date_every_day_1900_to_2100_round_trips_against_day_counter),
        cmocka_unit_test(test_date_every_day_of_years_1_to_9999_matches_day_counter),
        cmocka_unit_test(test_date_leap_years_follow_the_gregorian_rule),
        cmocka_unit_test(test_date_parts_out_of_range_are_refused),
        cmocka_unit_test(test_date_limits_are_years_1_and_9999),
        cmocka_unit_test(test_date_format_writes_iso_dates_with_zero_padding),
        cmocka_unit_test(test_date_format_refuses_none_and_out_of_range),
        cmocka_unit_test(test_date_parse_reads_valid_dates),
        cmocka_unit_test(test_date_parse_rejects_malformed_text_with_einval),
        cmocka_unit_test(test_date_parse_rejects_nonexistent_dates_with_erange),
        cmocka_unit_test(test_time_parse_reads_instants_around_the_epoch),
        cmocka_unit_test(test_time_parse_rejects_malformed_text_with_einval),
        cmocka_unit_test(test_time_parse_rejects_nonexistent_instants_with_erange),
        cmocka_unit_test(test_time_format_writes_negative_instants_in_the_previous_day),
        cmocka_unit_test(test_time_format_refuses_instants_outside_years_1_to_9999),
        cmocka_unit_test(test_time_date_floors_negative_instants),
        cmocka_unit_test(test_time_date_of_instants_without_a_date_is_none),
        cmocka_unit_test(test_time_format_and_parse_round_trip_across_the_range),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
