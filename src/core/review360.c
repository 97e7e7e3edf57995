#include "review360.h"

#include <math.h>

#define SECONDS_PER_DAY 86400

int pm_review360__is_group(int group)
{
    return group >= PM_RATER_SELF && group <= PM_RATER_REPORT;
}

const char *pm_review360__group_name(pm_rater_group group)
{
    switch (group) {
    case PM_RATER_SELF: return "self";
    case PM_RATER_MANAGER: return "manager";
    case PM_RATER_PEER: return "peer";
    case PM_RATER_REPORT: return "report";
    }
    return "?";
}

const char *pm_review360__state_name(pm_review360_state state)
{
    switch (state) {
    case PM_REVIEW360_DRAFT: return "draft";
    case PM_REVIEW360_OPEN: return "open";
    case PM_REVIEW360_CLOSED: return "closed";
    }
    return "?";
}

pm_status pm_review360__check_group(pm_rater_group group, pm_id person,
                                    const pm_rater_facts *facts, pm_error *err)
{
    const char *field = "review360_rater.group";
    long long who = (long long)person;
    switch (group) {
    case PM_RATER_SELF:
        if (facts->is_subject)
            return PM_OK;
        return pm_error__set(err, PM_EINVAL, "%s: person %lld is not the subject, so cannot "
                             "rate as self", field, who);
    case PM_RATER_MANAGER:
        if (facts->is_above)
            return PM_OK;
        return pm_error__set(err, PM_EINVAL, "%s: person %lld is not in the subject's manager "
                             "chain", field, who);
    case PM_RATER_REPORT:
        if (facts->is_direct_report)
            return PM_OK;
        return pm_error__set(err, PM_EINVAL, "%s: person %lld is not a direct report of the "
                             "subject", field, who);
    case PM_RATER_PEER:
        if (!facts->is_subject)
            return PM_OK;
        return pm_error__set(err, PM_EINVAL, "%s: person %lld is the subject, who rates as "
                             "self, not as a peer", field, who);
    }
    return pm_error__set(err, PM_EINVAL, "%s: %d is not a group (1 self, 2 manager, 3 peer, "
                         "4 report)", field, (int)group);
}

int pm_review360__group_identified(pm_rater_group group)
{
    return group == PM_RATER_SELF || group == PM_RATER_MANAGER;
}

int pm_review360__group_shown(pm_rater_group group, int submitted, int threshold)
{
    if (pm_review360__group_identified(group))
        return 1;
    if (group != PM_RATER_PEER && group != PM_RATER_REPORT)
        return 0;
    /* A stored threshold below the floor (a damaged or foreign store) still
     * counts as the floor: the guarantee does not rest on the input check. */
    if (threshold < PM_REVIEW360_THRESHOLD_MIN)
        threshold = PM_REVIEW360_THRESHOLD_MIN;
    return submitted >= threshold;
}

int pm_review360__result_shown(pm_rater_group group, int submitted, int ratings, int threshold)
{
    if (!pm_review360__group_shown(group, submitted, threshold))
        return 0;
    if (pm_review360__group_identified(group))
        return 1;
    return pm_review360__group_shown(group, ratings, threshold);
}

pm_status pm_review360__check_threshold(int threshold, pm_error *err)
{
    if (threshold >= PM_REVIEW360_THRESHOLD_MIN && threshold <= PM_REVIEW360_THRESHOLD_MAX)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL, "review360.threshold: must be %d to %d, not %d",
                         PM_REVIEW360_THRESHOLD_MIN, PM_REVIEW360_THRESHOLD_MAX, threshold);
}

int pm_review360__is_open_text(int scale_min, int scale_max)
{
    return scale_min == 0 && scale_max == 0;
}

pm_status pm_review360__check_scale(int scale_min, int scale_max, pm_error *err)
{
    if (pm_review360__is_open_text(scale_min, scale_max))
        return PM_OK;
    if (scale_min < 0 || scale_max > PM_REVIEW360_SCALE_TOP || scale_min >= scale_max)
        return pm_error__set(err, PM_EINVAL,
                             "review360_question.scale: %d to %d is not a scale (0 <= min < "
                             "max <= %d, or 0 to 0 for open text)",
                             scale_min, scale_max, PM_REVIEW360_SCALE_TOP);
    return PM_OK;
}

static int is_day(pm_date date)
{
    return date != PM_DATE_NONE && pm_date_to_ymd(date, NULL, NULL, NULL) == PM_OK;
}

pm_status pm_review360__check_window(pm_date opens, pm_date closes, pm_error *err)
{
    if (!is_day(opens))
        return pm_error__set(err, PM_ERANGE, "review360.opens: %ld is not a date in years 1 "
                             "to 9999", (long)opens);
    if (closes == PM_DATE_NONE)
        return pm_error__set(err, PM_EINVAL, "review360.closes: must be given");
    if (!is_day(closes))
        return pm_error__set(err, PM_ERANGE, "review360.closes: %ld is not a date in years 1 "
                             "to 9999", (long)closes);
    if (closes >= opens)
        return PM_OK;
    char c[PM_DATE_BUFSIZE], o[PM_DATE_BUFSIZE];
    pm_date_format(c, closes);
    pm_date_format(o, opens);
    return pm_error__set(err, PM_EINVAL, "review360.closes: %s is before the opening day %s",
                         c, o);
}

int pm_review360__in_window(pm_date opens, pm_date closes, pm_date today)
{
    return today >= opens && today <= closes;
}

pm_time pm_review360__answer_time(pm_date opens)
{
    return (pm_time)opens * SECONDS_PER_DAY;
}

void pm_review360__stats_add(pm_review360_stats *stats, double value)
{
    stats->count++;
    double delta = value - stats->mean;
    stats->mean += delta / stats->count;
    stats->m2 += delta * (value - stats->mean);
}

double pm_review360__stats_sd(const pm_review360_stats *stats)
{
    if (stats->count < 2)
        return 0.0;
    /* Rounding can leave a tiny negative m2 for equal values. */
    double variance = stats->m2 / (stats->count - 1);
    return variance > 0.0 ? sqrt(variance) : 0.0;
}
