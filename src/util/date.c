#include "date.h"

#include <stddef.h>
#include <stdint.h>

/*
 * Calendar arithmetic counts years from March: with February last, the leap
 * day is the final day of the shifted year, so day-of-year needs no table and
 * leap years only matter through the 4/100/400 terms of a 400-year cycle
 * (which always has exactly 146097 days). Internal arithmetic is 64-bit with
 * floor division, so the helpers give sensible answers (no overflow, no
 * truncation toward zero) even for years outside 1..9999.
 */

#define SECONDS_PER_DAY 86400
#define DAYS_PER_400_YEARS 146097
/* Days from 0000-03-01 (the start of shifted year 0) to 1970-01-01. */
#define EPOCH_SHIFT 719468

/* The range of pm_date that years 1..9999 cover: 0001-01-01 and 9999-12-31. */
#define DATE_MIN ((pm_date)-719162)
#define DATE_MAX ((pm_date)2932896)

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && (a < 0) != (b < 0))
        q--;
    return q;
}

static int is_leap_year(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int length[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month == 2 && is_leap_year(year))
        return 29;
    return length[month - 1];
}

int pm_date__valid(int year, int month, int day)
{
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1)
        return 0;
    return day <= days_in_month(year, month);
}

pm_date pm_date__from_civil(int year, int month, int day)
{
    int64_t shifted_year = month > 2 ? year : (int64_t)year - 1;
    int64_t shifted_month = month > 2 ? month - 3 : month + 9; /* 0 = March */
    int64_t cycle = floor_div(shifted_year, 400);
    int64_t year_of_cycle = shifted_year - cycle * 400;
    /* Month lengths from March repeat 31,30,31,30,31 every five months:
     * 153 days per five months, which (153 m + 2) / 5 spreads exactly. */
    int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    int64_t day_of_cycle = 365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100
                           + day_of_year;
    return (pm_date)(cycle * DAYS_PER_400_YEARS + day_of_cycle - EPOCH_SHIFT);
}

void pm_date__to_civil(pm_date date, int *year, int *month, int *day)
{
    int64_t days = (int64_t)date + EPOCH_SHIFT;
    int64_t cycle = floor_div(days, DAYS_PER_400_YEARS);
    int64_t day_of_cycle = days - cycle * DAYS_PER_400_YEARS;
    /* Undo the leap days inside the cycle to find the year: one every 1460
     * days, minus one per century (36524), plus the one ending the cycle. */
    int64_t year_of_cycle = (day_of_cycle - day_of_cycle / 1460 + day_of_cycle / 36524
                             - day_of_cycle / (DAYS_PER_400_YEARS - 1)) / 365;
    int64_t day_of_year = day_of_cycle
                          - (365 * year_of_cycle + year_of_cycle / 4 - year_of_cycle / 100);
    int64_t shifted_month = (5 * day_of_year + 2) / 153;
    int m = (int)(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
    if (year)
        *year = (int)(year_of_cycle + cycle * 400 + (m <= 2));
    if (month)
        *month = m;
    if (day)
        *day = (int)(day_of_year - (153 * shifted_month + 2) / 5 + 1);
}

pm_status pm_date_from_ymd(pm_date *out, int year, int month, int day)
{
    if (out == NULL)
        return PM_EINVAL;
    if (!pm_date__valid(year, month, day))
        return PM_ERANGE;
    *out = pm_date__from_civil(year, month, day);
    return PM_OK;
}

static int date_in_range(pm_date date)
{
    /* PM_DATE_NONE (INT32_MIN) lies below DATE_MIN, so it is refused too. */
    return date >= DATE_MIN && date <= DATE_MAX;
}

pm_status pm_date_to_ymd(pm_date date, int *year, int *month, int *day)
{
    if (!date_in_range(date))
        return PM_ERANGE;
    pm_date__to_civil(date, year, month, day);
    return PM_OK;
}

/* Reads exactly `count` ASCII digits; isdigit() would follow the locale. */
static int read_digits(const char *text, int count, int *value)
{
    int v = 0;
    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return 0;
        v = v * 10 + (text[i] - '0');
    }
    *value = v;
    return 1;
}

/* Matches "YYYY-MM-DD" at text; the caller checks what follows. */
static int read_date_form(const char *text, int *year, int *month, int *day)
{
    return read_digits(text, 4, year) && text[4] == '-'
           && read_digits(text + 5, 2, month) && text[7] == '-'
           && read_digits(text + 8, 2, day);
}

pm_status pm_date_parse(pm_date *out, const char *text)
{
    if (out == NULL || text == NULL)
        return PM_EINVAL;
    int year, month, day;
    if (!read_date_form(text, &year, &month, &day) || text[10] != '\0')
        return PM_EINVAL;
    return pm_date_from_ymd(out, year, month, day);
}

static void put_digits(char *buf, int value, int count)
{
    for (int i = count - 1; i >= 0; i--) {
        buf[i] = (char)('0' + value % 10);
        value /= 10;
    }
}

static void put_date(char *buf, pm_date date)
{
    int year, month, day;
    pm_date__to_civil(date, &year, &month, &day);
    put_digits(buf, year, 4);
    buf[4] = '-';
    put_digits(buf + 5, month, 2);
    buf[7] = '-';
    put_digits(buf + 8, day, 2);
}

pm_status pm_date_format(char buf[PM_DATE_BUFSIZE], pm_date date)
{
    if (buf == NULL)
        return PM_EINVAL;
    if (!date_in_range(date))
        return PM_ERANGE;
    put_date(buf, date);
    buf[10] = '\0';
    return PM_OK;
}

pm_status pm_time_parse(pm_time *out, const char *text)
{
    if (out == NULL || text == NULL)
        return PM_EINVAL;
    int year, month, day, hour, minute, second;
    if (!read_date_form(text, &year, &month, &day) || text[10] != 'T'
        || !read_digits(text + 11, 2, &hour) || text[13] != ':'
        || !read_digits(text + 14, 2, &minute) || text[16] != ':'
        || !read_digits(text + 17, 2, &second) || text[19] != 'Z' || text[20] != '\0')
        return PM_EINVAL;
    /* No leap seconds: pm_time ignores them, so :60 names no instant. */
    if (!pm_date__valid(year, month, day) || hour > 23 || minute > 59 || second > 59)
        return PM_ERANGE;
    pm_time days = pm_date__from_civil(year, month, day);
    *out = days * SECONDS_PER_DAY + hour * 3600 + minute * 60 + second;
    return PM_OK;
}

/* Floor division: -1 s is 1969-12-31T23:59:59Z, not 1970-01-01. */
static pm_time floor_days(pm_time time)
{
    return floor_div(time, SECONDS_PER_DAY);
}

pm_status pm_time_format(char buf[PM_TIME_BUFSIZE], pm_time time)
{
    if (buf == NULL)
        return PM_EINVAL;
    pm_time days = floor_days(time);
    if (days < DATE_MIN || days > DATE_MAX)
        return PM_ERANGE;
    int second_of_day = (int)(time - days * SECONDS_PER_DAY);
    put_date(buf, (pm_date)days);
    buf[10] = 'T';
    put_digits(buf + 11, second_of_day / 3600, 2);
    buf[13] = ':';
    put_digits(buf + 14, second_of_day / 60 % 60, 2);
    buf[16] = ':';
    put_digits(buf + 17, second_of_day % 60, 2);
    buf[19] = 'Z';
    buf[20] = '\0';
    return PM_OK;
}

pm_date pm_time_date(pm_time time)
{
    pm_time days = floor_days(time);
    /* Instants billions of years away have no pm_date; "no date" says so
     * rather than wrapping to some unrelated day. */
    if (days <= PM_DATE_NONE || days > INT32_MAX)
        return PM_DATE_NONE;
    return (pm_date)days;
}
