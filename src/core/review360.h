/* The rules of 360 rounds, pure: which group a person may rate in, given
 * how they stand to the subject; which groups and results are shown; the
 * limits of thresholds, scales, windows and ratings; and the statistics of
 * a group's ratings. No storage, no clock: facts and dates come in as
 * arguments. */
#ifndef PM_CORE_REVIEW360_H
#define PM_CORE_REVIEW360_H

#include <stddef.h>

#include "perfmgmt/datetime.h"
#include "perfmgmt/review360.h"
#include "../util/error.h"

#define PM_REVIEW360_THRESHOLD_MIN 3
#define PM_REVIEW360_THRESHOLD_MAX 10
#define PM_REVIEW360_SCALE_TOP 100

/* How a would-be rater stands to the subject today. */
typedef struct pm_rater_facts {
    int is_subject;      /* the rater is the subject */
    int is_above;        /* the rater is in the subject's manager chain */
    int is_direct_report; /* the subject is the rater's direct manager */
} pm_rater_facts;

/* Checks that a person with these facts may rate in group: SELF only the
 * subject, MANAGER only someone above the subject, REPORT only a direct
 * report of the subject, PEER anyone but the subject. PM_EINVAL naming
 * "review360_rater.group" and person otherwise, or for an unknown group. */
pm_status pm_review360__check_group(pm_rater_group group, pm_id person,
                                    const pm_rater_facts *facts, pm_error *err);

/* 1 for the four groups, 0 otherwise. */
int pm_review360__is_group(int group);

/* 1 when the group's raters are shown as themselves (SELF, MANAGER). */
int pm_review360__group_identified(pm_rater_group group);

/* 1 when a group is shown: SELF and MANAGER always; PEER and REPORT when
 * at least threshold of their raters submitted. */
int pm_review360__group_shown(pm_rater_group group, int submitted, int threshold);

/* 1 when one question's ratings from a group are shown: the group is shown
 * and, for PEER and REPORT, at least threshold of its raters rated that
 * question (raters may leave a question out; a mean of fewer ratings than
 * the threshold would be as telling as a small group). */
int pm_review360__result_shown(pm_rater_group group, int submitted, int ratings, int threshold);

/* PM_EINVAL "review360.threshold: must be 3 to 10, not 2" outside 3..10. */
pm_status pm_review360__check_threshold(int threshold, pm_error *err);

/* A scale is (0, 0) for open text, or 0 <= min < max <= 100. PM_EINVAL
 * naming "review360_question.scale" otherwise. */
pm_status pm_review360__check_scale(int scale_min, int scale_max, pm_error *err);

/* 1 for the open-text scale (0, 0). */
int pm_review360__is_open_text(int scale_min, int scale_max);

/* Checks a window: closes given, both days in years 1 to 9999 (PM_ERANGE
 * otherwise), closes not before opens (PM_EINVAL). opens must be resolved
 * (not PM_DATE_NONE) by the caller. */
pm_status pm_review360__check_window(pm_date opens, pm_date closes, pm_error *err);

/* 1 when today lies in [opens, closes]. */
int pm_review360__in_window(pm_date opens, pm_date closes, pm_date today);

/* The answer's audit time: the first second of the round's opening day,
 * UTC, so no answer says when it was given. */
pm_time pm_review360__answer_time(pm_date opens);

/* Names for messages: "self", "manager", "peer", "report"; "draft",
 * "open", "closed"; "?" for unknown values. */
const char *pm_review360__group_name(pm_rater_group group);
const char *pm_review360__state_name(pm_review360_state state);

/* Running mean and sample variance (Welford): one pass, numerically
 * stable, no catastrophic cancellation for ratings far from zero. */
typedef struct pm_review360_stats {
    int count;
    double mean;
    double m2; /* sum of squared deviations from the running mean */
} pm_review360_stats;

void pm_review360__stats_add(pm_review360_stats *stats, double value);
/* Sample standard deviation (n - 1); 0 for fewer than two values. */
double pm_review360__stats_sd(const pm_review360_stats *stats);

#endif
