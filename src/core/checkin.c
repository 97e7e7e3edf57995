#include "checkin.h"

#include "perfmgmt/datetime.h"

pm_status pm_checkin__check_cadence(pm_cadence cadence, int interval, int day, pm_error *err)
{
    if (cadence == PM_CADENCE_WEEKLY) {
        if (interval >= 1 && interval <= PM_CHECKIN_INTERVAL_MAX)
            return PM_OK;
        return pm_error__set(err, PM_EINVAL, "checkin_series.interval: %d is not 1 to %d weeks",
                             interval, PM_CHECKIN_INTERVAL_MAX);
    }
    if (cadence == PM_CADENCE_MONTHLY) {
        if (day >= 1 && day <= PM_CHECKIN_DAY_MAX)
            return PM_OK;
        return pm_error__set(err, PM_EINVAL, "checkin_series.day: %d is not a day 1 to %d",
                             day, PM_CHECKIN_DAY_MAX);
    }
    return pm_error__set(err, PM_EINVAL,
                         "checkin_series.cadence: %d is neither weekly (1) nor monthly (2)",
                         (int)cadence);
}

static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int pm_checkin__days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

static pm_date next_month_day(int day, pm_date date)
{
    int year, month, mday;
    if (pm_date_to_ymd(date, &year, &month, &mday) != PM_OK)
        return PM_DATE_NONE;
    if (++month > 12) {
        month = 1;
        year++;
    }
    int last = pm_checkin__days_in_month(year, month);
    pm_date next = PM_DATE_NONE;
    if (pm_date_from_ymd(&next, year, month, day < last ? day : last) != PM_OK)
        return PM_DATE_NONE;
    return next;
}

pm_date pm_checkin__next_date(pm_cadence cadence, int interval, int day, pm_date date)
{
    if (pm_date_to_ymd(date, NULL, NULL, NULL) != PM_OK)
        return PM_DATE_NONE;
    if (cadence == PM_CADENCE_MONTHLY)
        return next_month_day(day, date);
    if (cadence != PM_CADENCE_WEEKLY || interval < 1 || interval > PM_CHECKIN_INTERVAL_MAX)
        return PM_DATE_NONE;
    pm_date next = date + 7 * interval;
    return pm_date_to_ymd(next, NULL, NULL, NULL) == PM_OK ? next : PM_DATE_NONE;
}

pm_series_state pm_checkin__series_state(pm_date paused_on, pm_date ended_on, int line_holds,
                                         pm_date date)
{
    if ((ended_on != PM_DATE_NONE && ended_on <= date) || !line_holds)
        return PM_SERIES_ENDED;
    if (paused_on != PM_DATE_NONE && paused_on <= date)
        return PM_SERIES_PAUSED;
    return PM_SERIES_ACTIVE;
}

int pm_checkin__counts_as_due(pm_checkin_state state, pm_date date, pm_date today)
{
    switch (state) {
    case PM_CHECKIN_HELD:
    case PM_CHECKIN_MISSED:
        return 1;
    case PM_CHECKIN_SCHEDULED:
        return date < today;
    case PM_CHECKIN_CANCELLED:
    default:
        return 0;
    }
}

double pm_checkin__rate(int held, int due)
{
    return due > 0 ? (double)held / (double)due : 0.0;
}

int pm_checkin__days_between(pm_date from, pm_date to)
{
    return (int)((int64_t)to - (int64_t)from);
}

pm_status pm_checkin__check_mood(int mood, pm_error *err)
{
    if (mood == PM_MOOD_NONE || (mood >= PM_CHECKIN_MOOD_MIN && mood <= PM_CHECKIN_MOOD_MAX))
        return PM_OK;
    return pm_error__set(err, PM_EINVAL, "checkin.mood: %d is not %d to %d (or %d for none)",
                         mood, PM_CHECKIN_MOOD_MIN, PM_CHECKIN_MOOD_MAX, PM_MOOD_NONE);
}

int pm_checkin__is_settable_state(pm_checkin_state state)
{
    return state == PM_CHECKIN_CANCELLED || state == PM_CHECKIN_MISSED;
}
