/* Feedback-culture rules, pure: which options are valid, how one feedback
 * entry or one request part adds to the numbers, the median response time,
 * and the finishing step (rates, shares, suppression). No storage, no
 * clock: the api layer (src/api/feedback_stats.c) reads the rows and hands
 * their facts in.
 *
 * Definitions (pm_feedback_stats in perfmgmt/feedback.h says the rest):
 * - The period is [from, to] in UTC days, both included. Feedback belongs
 *   to the day of its given_at (anonymous entries are stored at the start
 *   of their day, so they fall on the right day too); a request part to
 *   the day it was made (its created_at, the request's creation time).
 * - "Given" counts named feedback only; "received" counts everything, and
 *   anonymous_received says how much of it was anonymous.
 * - A person is "without feedback" when they received nothing on the
 *   quiet_days days ending on `to`: days to - quiet_days + 1 .. to.
 * - A request part counts as addressed when it was made in the period.
 *   Answered and declined are the part's stored state now (however long
 *   after `to` that happened). A part still requested is expired when its
 *   last day to answer (expires_on) lies before the day the period is
 *   judged on, min(to, today): a period still running is never judged on
 *   days that have not come. A part still open then counts as addressed
 *   only.
 * - Response time: hours from the part's creation to its answer
 *   (answered_at - created_at) / 3600, over submitted parts only; the
 *   median is exact (for an even count, the mean of the two middle
 *   values). */
#ifndef PM_CORE_CULTURE_H
#define PM_CORE_CULTURE_H

#include <stddef.h>

#include "perfmgmt/feedback.h"
#include "../util/error.h"

#define PM_CULTURE_QUIET_DAYS_MIN 1
#define PM_CULTURE_QUIET_DAYS_MAX 3650
#define PM_CULTURE_MIN_GROUP_MIN 3
#define PM_CULTURE_MIN_GROUP_MAX 10

/* Seconds in a day and an hour (pm_time counts seconds since the epoch). */
#define PM_CULTURE_DAY_SECONDS 86400
#define PM_CULTURE_HOUR_SECONDS 3600.0

/* Checks the period and rules of opts (whose version the caller checked):
 * from and to required days in years 1 to 9999, to not before from,
 * quiet_days 1..3650, min_group 3..10. PM_EINVAL naming the field:
 * "feedback_stats_opts.min_group: 2 is not 3 to 10". */
pm_status pm_culture__check_opts(const pm_feedback_stats_opts *opts, pm_error *err);

/* The first instant of day (its UTC midnight). */
pm_time pm_culture__day_start(pm_date day);

/* The first day of the quiet window: to - quiet_days + 1. */
pm_date pm_culture__quiet_first_day(pm_date to, int quiet_days);

/* Adds one named entry the counted people gave. PM_ECORRUPT (and nothing
 * added) when direction or kind is not a stored value. */
pm_status pm_culture__add_given(pm_feedback_stats *t, int direction, int kind);

/* Adds one entry the counted people received. PM_ECORRUPT (and nothing
 * added) when direction or kind is not a stored value. */
pm_status pm_culture__add_received(pm_feedback_stats *t, int direction, int kind,
                                   int anonymous);

/* What a part stored with state (1..3) stands at when judged on day
 * judged_on: requested, submitted, declined or expired (requested and
 * expires_on < judged_on). 0 for a state that is not stored. */
pm_request_state pm_culture__part_state(int stored_state, pm_date expires_on,
                                        pm_date judged_on);

/* Adds one part made in the period, in state (from pm_culture__part_state).
 * PM_ECORRUPT (and nothing added) for a state that is not 1..4. */
pm_status pm_culture__add_part(pm_feedback_stats *t, pm_request_state state);

/* Hours from created to answered. */
double pm_culture__response_hours(pm_time created, pm_time answered);

/* The median of values[0..n), sorting them in place; 0 when n is 0. */
double pm_culture__median(double *values, size_t n);

/* Finishes t once every row is added: t->people and t->without_feedback
 * set by the caller, the median given. Sets response_rate,
 * share_without_feedback and median_response_hours; when suppress_below
 * is non-zero and t->people < suppress_below, zeroes every count, rate
 * and share (people stays) and sets suppressed. */
void pm_culture__finish(pm_feedback_stats *t, double median_hours, int suppress_below);

#endif
