/**
 * @file perfmgmt/evaluation.h
 * @brief Before-and-after evaluation of programmes and initiatives, trends
 *        over time, and pattern flags HR can act on.
 *
 * An evaluation names a programme or initiative, a metric, the participants
 * and either pre and post time windows (each person's mean measurement in
 * each window) or explicit pre and post values, and optionally a comparison
 * group measured the same way. Its result is the paired analysis of the
 * design's section 7: paired n, pre and post means, the mean change and its
 * standard deviation, the paired t test (n - 1 degrees of freedom,
 * two-sided p) with the 95% confidence interval of the mean change,
 * Cohen's d_z and the Hedges-corrected g_av, the Wilcoxon signed-rank test
 * (exact for small samples without ties, the normal approximation with tie
 * and continuity corrections above), the difference in differences against
 * a comparison group with its 95% confidence interval (Welch), and, when the
 * metric has a reliability, the share of participants whose change is
 * reliable by the Jacobson-Truax reliable change index. People without both
 * values are counted and reported, never silently dropped.
 *
 * A trend is a metric's mean per week, month or quarter for a unit (with the
 * units below it) or the organisation, with the number of measurements and
 * people and a suppressed flag for periods below the minimum group size;
 * over the periods shown, the OLS slope with its 95% confidence interval,
 * and the Mann-Kendall test with the Theil-Sen slope.
 *
 * Access: HR admins and the system actor, or someone above everyone counted.
 *
 * @defgroup evaluation Evaluation and trends
 * @{
 */
#ifndef PERFMGMT_EVALUATION_H
#define PERFMGMT_EVALUATION_H

#include "db.h"

PM_BEGIN_DECL

/* ---- Evaluations ---------------------------------------------------------- */

/** Most participants (and most comparison people) of one evaluation. */
#define PM_EVALUATION_PEOPLE_MAX 100000

/** Version of #pm_evaluation_opts understood by this release. */
#define PM_EVALUATION_OPTS_VERSION 1

/** The design of an evaluation, for pm_evaluation_create(). */
typedef struct pm_evaluation_opts {
    unsigned int version;        /**< #PM_EVALUATION_OPTS_VERSION. */
    const char *title;           /**< Required, single line (the initiative, when not a programme). */
    size_t title_len;            /**< Bytes in title, or 0 for NUL-terminated. */
    pm_id programme;             /**< The programme evaluated, or 0 for another initiative. */
    pm_id metric;                /**< The outcome metric; required. */
    const pm_id *participants;   /**< The participants; NULL with a programme: those who completed it. */
    size_t nparticipants;        /**< Number of participants. */
    const pm_id *comparison;     /**< A comparison group (not participants), or NULL. */
    size_t ncomparison;          /**< Number in the comparison group. */
    pm_time pre_from;            /**< Pre window start; 0 when values are given explicitly. */
    pm_time pre_to;              /**< Pre window end (inclusive). */
    pm_time post_from;           /**< Post window start, after pre_to. */
    pm_time post_to;             /**< Post window end (inclusive). */
    int min_group;               /**< Results are suppressed below this many pairs; 3 to 10; default 5. */
} pm_evaluation_opts;

/** Initialiser for #pm_evaluation_opts. */
#define PM_EVALUATION_OPTS_INIT \
    { PM_EVALUATION_OPTS_VERSION, NULL, 0, 0, 0, NULL, 0, NULL, 0, 0, 0, 0, 0, 5 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_evaluation_opts_init(pm_evaluation_opts *opts, unsigned int version);

/**
 * Creates an evaluation.
 *
 * @param[out] out the evaluation's id; may be NULL.
 * @param session HR or the system.
 * @param opts the design.
 * @return #PM_OK; #PM_EINVAL (blank title, no participants, repeated
 *         people, a person in both groups, windows that end before they
 *         start or overlap, min_group outside 3-10); #PM_EUTF8; #PM_ERANGE;
 *         #PM_ENOTFOUND; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_evaluation_create(pm_id *out, pm_session *session,
                                          const pm_evaluation_opts *opts);

/**
 * Gives a person's explicit pre and post values (an evaluation without
 * windows), replacing earlier ones.
 *
 * @param session HR or the system.
 * @param evaluation the evaluation.
 * @param person a participant or a comparison person.
 * @param pre the value before (inside the metric's scale; finite).
 * @param post the value after (inside the metric's scale; finite).
 * @return #PM_OK, #PM_EINVAL (windows set, a value outside the scale, NaN),
 *         #PM_ENOTFOUND (evaluation, or the person is in neither group),
 *         #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_evaluation_set_values(pm_session *session, pm_id evaluation,
                                              pm_id person, double pre, double post);

/** Version of #pm_evaluation_result understood by this release. */
#define PM_EVALUATION_RESULT_VERSION 1

/** The outcome of an evaluation; the caller sets @ref version. */
typedef struct pm_evaluation_result {
    unsigned int version;   /**< #PM_EVALUATION_RESULT_VERSION, set by the caller. */
    int suppressed;         /**< Non-zero when fewer than min_group pairs: only the counts below are given. */
    int participants;       /**< Participants. */
    int n;                  /**< Paired n: participants with both values. */
    int missing_pre;        /**< Participants without a pre value. */
    int missing_post;       /**< Participants without a post value. */
    double pre_mean;        /**< Mean before (pairs). */
    double post_mean;       /**< Mean after (pairs). */
    double pre_sd;          /**< SD before (pairs). */
    double post_sd;         /**< SD after (pairs). */
    double mean_change;     /**< Mean of post - pre. */
    double sd_change;       /**< SD of post - pre (n - 1 denominator). */
    double t;               /**< Paired t statistic. */
    int df;                 /**< Degrees of freedom, n - 1. */
    double p;               /**< Two-sided p of the paired t test. */
    double ci_low;          /**< 95% confidence interval of the mean change: low end. */
    double ci_high;         /**< High end. */
    double d_z;             /**< Cohen's d_z = mean change / SD of change. */
    double g_av;            /**< Hedges' g_av: mean change / mean of the two SDs, times the small-sample correction. */
    double wilcoxon_w;      /**< Wilcoxon signed-rank W+ (sum of the ranks of positive changes). */
    int wilcoxon_n;         /**< Pairs with a non-zero change. */
    double wilcoxon_p;      /**< Two-sided p of the signed-rank test. */
    int wilcoxon_exact;     /**< Non-zero when the p is exact (small n, no ties). */
    int has_comparison;     /**< Non-zero when a comparison group was analysed. */
    int comparison_n;       /**< Comparison people with both values. */
    double comparison_change; /**< Their mean change. */
    double did;             /**< Difference in differences: mean change - comparison change. */
    double did_ci_low;      /**< Its 95% confidence interval (Welch): low end. */
    double did_ci_high;     /**< High end. */
    int has_rci;            /**< Non-zero when the metric's reliability allowed the RCI. */
    int reliable_improved;  /**< Participants with a reliable change for the better (|RCI| > 1.96). */
    int reliable_worsened;  /**< Participants with a reliable change for the worse. */
    double reliable_share;  /**< Share of pairs with a reliable change either way. */
} pm_evaluation_result;

/** Initialiser for #pm_evaluation_result. */
#define PM_EVALUATION_RESULT_INIT { PM_EVALUATION_RESULT_VERSION, 0, 0, 0, 0, 0, 0.0, 0.0, \
    0.0, 0.0, 0.0, 0.0, 0.0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0, 0.0, 0, 0, 0, 0.0, 0.0, \
    0.0, 0.0, 0, 0, 0, 0.0 }

/**
 * Computes an evaluation's result from the measurements (or explicit values)
 * as they are now.
 *
 * @param[out] out the result; its version set by the caller.
 * @param session HR or the system.
 * @param evaluation the evaluation.
 * @return #PM_OK; #PM_EINVAL (fewer than two pairs: the message gives the
 *         counts); #PM_ENOTFOUND; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_evaluation_result_get(pm_evaluation_result *out, pm_session *session,
                                              pm_id evaluation);

/* ---- Trends ----------------------------------------------------------------- */

/** A computed trend. */
typedef struct pm_trend pm_trend;

/** The length of a trend's periods. */
typedef enum pm_period {
    PM_PERIOD_WEEK = 1,    /**< ISO weeks, Monday to Sunday. */
    PM_PERIOD_MONTH = 2,   /**< Calendar months. */
    PM_PERIOD_QUARTER = 3  /**< Calendar quarters. */
} pm_period;

/** Version of #pm_trend_opts understood by this release. */
#define PM_TREND_OPTS_VERSION 1

/** What pm_trend_get() computes. */
typedef struct pm_trend_opts {
    unsigned int version; /**< #PM_TREND_OPTS_VERSION. */
    pm_id metric;         /**< The metric; required. */
    pm_id unit;           /**< A unit with the units below it, or 0 for the organisation. */
    pm_period period;     /**< Default #PM_PERIOD_MONTH. */
    pm_date from;         /**< First day; required. */
    pm_date to;           /**< Last day; required, not before from. */
    int min_group;        /**< Periods with fewer people are suppressed; 3 to 10; default 5. */
} pm_trend_opts;

/** Initialiser for #pm_trend_opts. */
#define PM_TREND_OPTS_INIT \
    { PM_TREND_OPTS_VERSION, 0, 0, PM_PERIOD_MONTH, PM_DATE_NONE, PM_DATE_NONE, 5 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_trend_opts_init(pm_trend_opts *opts, unsigned int version);

/**
 * Computes a metric's trend: every period from the one holding @p from to
 * the one holding @p to, by the unit each measurement was taken in. It
 * streams the measurements in index order, so memory does not grow with
 * their number.
 *
 * @param[out] out the trend; free with pm_trend_free().
 * @param session HR, the system, or someone above everyone counted.
 * @param opts what to compute.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM,
 *         #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_trend_get(pm_trend **out, pm_session *session,
                                  const pm_trend_opts *opts);
/** Frees a trend; NULL is allowed. */
PM_EXTERN(void) pm_trend_free(pm_trend *trend);
/** Number of periods. */
PM_EXTERN(size_t) pm_trend_count(const pm_trend *trend);
/** First day of period @p i, or #PM_DATE_NONE when out of range. */
PM_EXTERN(pm_date) pm_trend_period_start(const pm_trend *trend, size_t i);
/** Non-zero when period @p i is suppressed (its numbers are then 0). */
PM_EXTERN(int) pm_trend_period_suppressed(const pm_trend *trend, size_t i);
/** People measured in period @p i. */
PM_EXTERN(int) pm_trend_period_people(const pm_trend *trend, size_t i);
/** Measurements in period @p i. */
PM_EXTERN(int) pm_trend_period_n(const pm_trend *trend, size_t i);
/** Mean of period @p i. */
PM_EXTERN(double) pm_trend_period_mean(const pm_trend *trend, size_t i);
/** Periods shown (not suppressed, with measurements): what the tests below use. */
PM_EXTERN(int) pm_trend_points(const pm_trend *trend);
/** OLS slope of the shown periods' means per period (0 below 3 points). */
PM_EXTERN(double) pm_trend_slope(const pm_trend *trend);
/** 95% confidence interval of the OLS slope: low end. */
PM_EXTERN(double) pm_trend_slope_ci_low(const pm_trend *trend);
/** High end. */
PM_EXTERN(double) pm_trend_slope_ci_high(const pm_trend *trend);
/** Mann-Kendall S. */
PM_EXTERN(int) pm_trend_mk_s(const pm_trend *trend);
/** Mann-Kendall Z (continuity-corrected, ties accounted for). */
PM_EXTERN(double) pm_trend_mk_z(const pm_trend *trend);
/** Two-sided p of the Mann-Kendall test. */
PM_EXTERN(double) pm_trend_mk_p(const pm_trend *trend);
/** Theil-Sen slope per period: the median of the pairwise slopes. */
PM_EXTERN(double) pm_trend_theil_sen(const pm_trend *trend);

/* ---- Pattern flags ------------------------------------------------------- */

/** One pattern flag (pm_pattern_flags()). */
typedef struct pm_flag pm_flag;
/** An iterator over flags. */
typedef struct pm_flag_iter pm_flag_iter;

/** What a flag says. */
typedef enum pm_flag_kind {
    PM_FLAG_WELLBEING_DECLINING = 1, /**< A wellbeing metric trends the wrong way (Mann-Kendall p < 0.05). */
    PM_FLAG_GAP_WIDENING = 2,        /**< A competency's mean gap grew over the period. */
    PM_FLAG_CHECKINS_FALLING = 3,    /**< Check-in completion fell by 10 points or more. */
    PM_FLAG_FEEDBACK_FALLING = 4     /**< Feedback received per person fell by a quarter or more. */
} pm_flag_kind;

/**
 * The patterns worth acting on in a unit (with the units below it, or the
 * organisation) over [@p from, @p to] compared with the period of the same
 * length before it: declining wellbeing in every metric measured (monthly
 * trends), widening competence gaps, falling check-in completion and
 * feedback frequency. Numbers that would be suppressed raise no flag;
 * check-in completion is looked at only for HR and the system actor, who
 * alone read a unit's completion rate (pm_checkin_rate_unit()).
 *
 * @param[out] out the iterator; free with pm_flag_iter_free().
 * @param session HR, the system, or someone above everyone counted.
 * @param unit the unit, or 0.
 * @param from first day.
 * @param to last day (at least 28 days after from).
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_pattern_flags(pm_flag_iter **out, pm_session *session, pm_id unit,
                                      pm_date from, pm_date to);

/**
 * Advances a flag iterator.
 *
 * @param[out] out the next flag, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_flag_iter_next(pm_flag **out, pm_flag_iter *iter);
/** Frees a flag iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_flag_iter_free(pm_flag_iter *iter);
/** The kind; 0 for NULL. */
PM_EXTERN(pm_flag_kind) pm_flag_kind_get(const pm_flag *flag);
/** The metric (wellbeing) or competency (gap) it concerns, or 0. */
PM_EXTERN(pm_id) pm_flag_subject(const pm_flag *flag);
/** The number before (the earlier period, or the trend's first point). */
PM_EXTERN(double) pm_flag_before(const pm_flag *flag);
/** The number now. */
PM_EXTERN(double) pm_flag_after(const pm_flag *flag);
/** What it is based on, in words ("monthly WHO-5 means, 6 months, Mann-Kendall p = 0.01"), borrowed. */
PM_EXTERN(const char *) pm_flag_basis(const pm_flag *flag);

PM_END_DECL

/** @} */
#endif
