/* Feedback-culture rules (see culture.h for the definitions). */
#include "culture.h"

#include <stdlib.h>
#include <string.h>

#include "org.h"
#include "perfmgmt/datetime.h"

pm_status pm_culture__check_opts(const pm_feedback_stats_opts *opts, pm_error *err)
{
    /* "Required" first: PM_DATE_NONE would otherwise read as a bad date. */
    if (opts->from == PM_DATE_NONE)
        return pm_error__set(err, PM_EINVAL, "feedback_stats_opts.from: is required");
    if (opts->to == PM_DATE_NONE)
        return pm_error__set(err, PM_EINVAL, "feedback_stats_opts.to: is required");
    pm_status st = pm_org__check_date(opts->from, "feedback_stats_opts.from", err);
    if (st == PM_OK)
        st = pm_org__check_date(opts->to, "feedback_stats_opts.to", err);
    if (st != PM_OK)
        return st;
    if (opts->to < opts->from) {
        char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
        pm_date_format(a, opts->from);
        pm_date_format(b, opts->to);
        return pm_error__set(err, PM_EINVAL, "feedback_stats_opts.to: %s is before from (%s)",
                             b, a);
    }
    if (opts->quiet_days < PM_CULTURE_QUIET_DAYS_MIN ||
        opts->quiet_days > PM_CULTURE_QUIET_DAYS_MAX)
        return pm_error__set(err, PM_EINVAL, "feedback_stats_opts.quiet_days: %d is not %d to %d",
                             opts->quiet_days, PM_CULTURE_QUIET_DAYS_MIN,
                             PM_CULTURE_QUIET_DAYS_MAX);
    /* Never below 3 (DESIGN section 6): smaller groups are individuals. */
    if (opts->min_group < PM_CULTURE_MIN_GROUP_MIN || opts->min_group > PM_CULTURE_MIN_GROUP_MAX)
        return pm_error__set(err, PM_EINVAL, "feedback_stats_opts.min_group: %d is not %d to %d",
                             opts->min_group, PM_CULTURE_MIN_GROUP_MIN,
                             PM_CULTURE_MIN_GROUP_MAX);
    return PM_OK;
}

pm_time pm_culture__day_start(pm_date day)
{
    return (pm_time)day * PM_CULTURE_DAY_SECONDS;
}

pm_date pm_culture__quiet_first_day(pm_date to, int quiet_days)
{
    return to - quiet_days + 1;
}

static int valid_direction(int direction)
{
    return direction >= PM_DIRECTION_DOWNWARD && direction < PM_DIRECTION_SLOTS;
}

static int valid_kind(int kind)
{
    return kind >= PM_FEEDBACK_PRAISE && kind < PM_FEEDBACK_KIND_SLOTS;
}

pm_status pm_culture__add_given(pm_feedback_stats *t, int direction, int kind)
{
    if (!valid_direction(direction) || !valid_kind(kind))
        return PM_ECORRUPT;
    t->given++;
    t->given_by_direction[direction]++;
    t->given_by_kind[kind]++;
    return PM_OK;
}

pm_status pm_culture__add_received(pm_feedback_stats *t, int direction, int kind,
                                   int anonymous)
{
    if (!valid_direction(direction) || !valid_kind(kind))
        return PM_ECORRUPT;
    t->received++;
    if (anonymous)
        t->anonymous_received++;
    t->received_by_direction[direction]++;
    t->received_by_kind[kind]++;
    return PM_OK;
}

pm_request_state pm_culture__part_state(int stored_state, pm_date expires_on,
                                        pm_date judged_on)
{
    switch (stored_state) {
    case PM_REQUEST_REQUESTED:
        /* expires_on is the last day it can be answered: on that day it is
         * still open. */
        return expires_on < judged_on ? PM_REQUEST_EXPIRED : PM_REQUEST_REQUESTED;
    case PM_REQUEST_SUBMITTED:
        return PM_REQUEST_SUBMITTED;
    case PM_REQUEST_DECLINED:
        return PM_REQUEST_DECLINED;
    default:
        return (pm_request_state)0;
    }
}

pm_status pm_culture__add_part(pm_feedback_stats *t, pm_request_state state)
{
    switch (state) {
    case PM_REQUEST_REQUESTED:
        break;
    case PM_REQUEST_SUBMITTED:
        t->requests_answered++;
        break;
    case PM_REQUEST_DECLINED:
        t->requests_declined++;
        break;
    case PM_REQUEST_EXPIRED:
        t->requests_expired++;
        break;
    default:
        return PM_ECORRUPT;
    }
    t->requests_addressed++;
    return PM_OK;
}

double pm_culture__response_hours(pm_time created, pm_time answered)
{
    return (double)(answered - created) / PM_CULTURE_HOUR_SECONDS;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double pm_culture__median(double *values, size_t n)
{
    if (n == 0)
        return 0.0;
    qsort(values, n, sizeof *values, compare_doubles);
    if (n % 2 == 1)
        return values[n / 2];
    /* Halve each before adding: exact for these magnitudes and no overflow. */
    return values[n / 2 - 1] / 2.0 + values[n / 2] / 2.0;
}

static double ratio(int part, int whole)
{
    return whole > 0 ? (double)part / (double)whole : 0.0;
}

void pm_culture__finish(pm_feedback_stats *t, double median_hours, int suppress_below)
{
    if (suppress_below > 0 && t->people < suppress_below) {
        /* Keep the version and the head count; every number about the
         * people goes, rates and the median included. */
        unsigned int version = t->version;
        int people = t->people;
        memset(t, 0, sizeof *t);
        t->version = version;
        t->people = people;
        t->suppressed = 1;
        return;
    }
    t->suppressed = 0;
    t->share_without_feedback = ratio(t->without_feedback, t->people);
    t->response_rate = ratio(t->requests_answered, t->requests_addressed);
    t->median_response_hours = t->requests_answered > 0 ? median_hours : 0.0;
}
