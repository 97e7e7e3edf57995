/* The check-in rules, pure: cadences (the next meeting after one held),
 * where a series stands on a date, what counts as due, completion rates and
 * day counts. No storage, no clock: dates and facts come in as arguments. */
#ifndef PM_CORE_CHECKIN_H
#define PM_CORE_CHECKIN_H

#include "perfmgmt/checkin.h"
#include "../util/error.h"

/* Weeks between meetings of a weekly series, and days of a monthly one. */
#define PM_CHECKIN_INTERVAL_MAX 12
#define PM_CHECKIN_DAY_MAX 31
#define PM_CHECKIN_MOOD_MIN 1
#define PM_CHECKIN_MOOD_MAX 5

/* Checks a cadence as stored: weekly with interval 1..12, or monthly with
 * day 1..31 (day 0, "the start date's day", is resolved before this).
 * PM_EINVAL naming the field: "checkin_series.interval: 13 is not 1 to 12". */
pm_status pm_checkin__check_cadence(pm_cadence cadence, int interval, int day, pm_error *err);

/* The date of the meeting after one on date: weekly, date + 7 * interval;
 * monthly, day `day` of the month after date's, or that month's last day
 * when it is shorter (Jan 31 -> Feb 28 or 29 -> Mar 31 for day 31).
 * PM_DATE_NONE when date is not a day in years 1 to 9999 or the next one
 * would fall after 9999-12-31. */
pm_date pm_checkin__next_date(pm_cadence cadence, int interval, int day, pm_date date);

/* Days in a month of a year (1..12); 0 for a month out of range. */
int pm_checkin__days_in_month(int year, int month);

/* Where a series stands on date: ENDED when ended_on <= date or the
 * reporting line between the pair does not hold then (line_holds == 0);
 * PAUSED when paused_on <= date; ACTIVE otherwise. PM_DATE_NONE means
 * never ended or not paused. */
pm_series_state pm_checkin__series_state(pm_date paused_on, pm_date ended_on, int line_holds,
                                         pm_date date);

/* 1 when a check-in on date in state counts as due by today: held, missed,
 * or still scheduled on a day already past. Cancelled ones never count. */
int pm_checkin__counts_as_due(pm_checkin_state state, pm_date date, pm_date today);

/* held / due, or 0 when nothing was due. */
double pm_checkin__rate(int held, int due);

/* Days from from to to (negative when to is earlier). */
int pm_checkin__days_between(pm_date from, pm_date to);

/* PM_OK for a mood 1..5 or PM_MOOD_NONE; PM_EINVAL "checkin.mood: 6 is not
 * 1 to 5 (or 0 for none)" otherwise. */
pm_status pm_checkin__check_mood(int mood, pm_error *err);

/* 1 for a state a check-in can be put in by pm_checkin_set_state(). */
int pm_checkin__is_settable_state(pm_checkin_state state);

#endif
