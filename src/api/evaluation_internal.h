/* What the evaluation files share (evaluation.c, evaluation_result.c):
 * the stored evaluation; and what the trend and pattern-flag files share
 * (trend.c, pattern_flags.c): the computed trend and the computation
 * behind pm_trend_get(), which the flags run once per metric. */
#ifndef PM_API_EVALUATION_INTERNAL_H
#define PM_API_EVALUATION_INTERNAL_H

#include "internal.h"

/* ---- evaluations (evaluation.c) ---- */

/* pm_emem_group: which group an evaluation member is in. */
#define PM_EVALUATION_PARTICIPANT 1
#define PM_EVALUATION_COMPARISON 2

/* An evaluation as the result needs it. */
typedef struct pm_evaluation_row {
    pm_id metric;
    int windows;              /* 0: explicit values */
    pm_time pre_from, pre_to, post_from, post_to;
    int min_group;
} pm_evaluation_row;

/* Reads an evaluation: PM_EINVAL "evaluation: 0 is not an evaluation id",
 * PM_ENOTFOUND "evaluation: evaluation 9 does not exist". */
pm_status pm_evaluation__load(pm_evaluation_row *out, pm_session *s, pm_id id);

/* PM_OK for HR and the system (PM_ACT_EVALUATION_ADMIN), PM_EPERM otherwise. */
pm_status pm_evaluation__authorize(pm_session *s);

/* PM_ENOMEM "evaluation: out of memory". */
pm_status pm_evaluation__out_of_memory(pm_session *s);

/* PM_ECORRUPT "<what>: stored row 7 has 3 fields". */
pm_status pm_evaluation__corrupt(pm_session *s, const char *what, const pm_row *row);

/* ---- trends (trend.c) ---- */

/* Most periods one trend may have: the Theil-Sen slope keeps one double
 * per pair of shown periods, so this bounds its memory (about 4 MB). A
 * thousand periods is 19 years of weeks or 83 years of months. */
#define PM_TREND_PERIODS_MAX 1000

/* One period of a trend; every number is 0 when suppressed. */
typedef struct pm_trend_period {
    pm_date start;
    int suppressed;
    int people;
    int n;
    double mean;
} pm_trend_period;

/* The public pm_trend. */
struct pm_trend {
    pm_trend_period *periods;
    size_t count;
    int points;              /* periods shown */
    double slope, slope_ci_low, slope_ci_high;
    int mk_s;
    double mk_z, mk_p, theil_sen;
};

/* Checks opts (messages name "trend.<field>") and computes the trend. With
 * authorize, the session must be allowed PM_ACT_GROUP_NUMBERS over every
 * person measured in the window (pm_org__authorize_people, naming what);
 * without, the caller has decided access. Sets the session error (trend.c). */
pm_status pm_trend__compute(pm_trend **out, pm_session *s, const pm_trend_opts *opts,
                            int authorize, const char *what);

#endif
