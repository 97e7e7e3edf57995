/* The statistics behind evaluations and trends (DESIGN.md section 7),
 * written here because the library is MIT and the usual numerical
 * libraries are GPL. Pure: arrays in, numbers out; no storage, no global
 * state (thread-safe), no allocation except where a function says so
 * (pm__malloc, freed inside). Distributions in stats_dist.c, the rest in
 * stats.c. Every function is validated in tests/test_stats.c against
 * published worked examples and independent computations, to the
 * tolerance written next to each check.
 *
 * Shared rules:
 * - Array inputs must be finite: a NaN or infinity anywhere is PM_EINVAL
 *   (so no NaN reaches a report); callers validate earlier, with messages.
 * - In the rank-based tests (Wilcoxon, Mann-Kendall), values within 1e-9 x
 *   the largest magnitude of each other are equal (a tie, or a zero
 *   difference): 3.3 - 2.2 and 2.2 - 1.1 differ as doubles, not on paper. */
#ifndef PM_CORE_STATS_H
#define PM_CORE_STATS_H

#include <stddef.h>

#include "perfmgmt/common.h"

/* Distributions. Out-of-domain arguments (NaN, df <= 0, p outside
 * [0, 1]) give NaN; p = 0 and 1 give -+infinity. Accuracy (tested): about
 * 1e-13 relative for the cdfs, tails included, 1e-12 for the quantiles. */
double pm_stats__normal_cdf(double z);            /* P(Z <= z) */
double pm_stats__normal_quantile(double p);       /* z with P(Z <= z) = p, 0 < p < 1 */
double pm_stats__t_cdf(double t, double df);      /* Student's t, df > 0 */
double pm_stats__t_quantile(double p, double df); /* 0 < p < 1, df > 0 */
/* Two-sided p of a t statistic with df degrees of freedom. */
double pm_stats__t_two_sided_p(double t, double df);
/* The regularised incomplete beta function I_x(a, b), 0 <= x <= 1,
 * a, b > 0 (continued fraction; its relative error grows to about
 * (a + b) x 1e-16 near the centre when a + b is very large). */
double pm_stats__incomplete_beta(double x, double a, double b);

/* Mean and sample SD (n - 1) of n values; sd 0 when n < 2, mean 0 when
 * n is 0. Either output may be NULL. */
void pm_stats__mean_sd(double *mean, double *sd, const double *x, size_t n);

/* The paired analysis of pre[i], post[i] (n >= 2, else PM_EINVAL); the
 * change is post - pre. */
typedef struct pm_paired {
    size_t n;
    double pre_mean, post_mean, pre_sd, post_sd;
    double mean_change, sd_change;
    double t;       /* NaN-free: when sd_change is 0, t is +-infinity or 0 and p 0 or 1 */
    double df;
    double p;       /* two-sided */
    double ci_low, ci_high; /* 95% CI of the mean change */
    double d_z;     /* mean_change / sd_change (0 when sd_change is 0) */
    double g_av;    /* mean_change / ((pre_sd + post_sd) / 2) x (1 - 3 / (4 (n - 1) - 1)):
                     * Lakens (2013)'s g_av with Hedges' correction J(df = n - 1);
                     * 0 when both SDs are 0, and 0 for n = 2 (J = 0) */
} pm_paired;
pm_status pm_stats__paired(pm_paired *out, const double *pre, const double *post, size_t n);

/* The Wilcoxon signed-rank test of d[i] (zeros dropped, ties mid-ranked):
 * W+ and its two-sided p, exact (the distribution of W+ under H0 by
 * dynamic programming) when the non-zero n is at most 50 and there are no
 * ties, otherwise the normal approximation with the tie correction of the
 * variance and a continuity correction of 0.5. n >= 1; when every
 * difference is zero, out->n is 0 and p is 1. Allocates. */
typedef struct pm_wilcoxon {
    size_t n;        /* non-zero differences */
    double w_plus;
    double p;
    int exact;
} pm_wilcoxon;
pm_status pm_stats__wilcoxon(pm_wilcoxon *out, const double *d, size_t n);

/* Welch's 95% CI of mean(a) - mean(b) (na, nb >= 2), with the
 * Welch-Satterthwaite df; when both groups are constant the CI is the
 * difference itself. */
pm_status pm_stats__welch_ci(double *diff, double *low, double *high, const double *a,
                             size_t na, const double *b, size_t nb);

/* Jacobson-Truax reliable change index of one change, given the SD of the
 * pre values and the reliability r (0 < r < 1): change / sqrt(2 (sd sqrt(1 - r))^2).
 * NaN when pre_sd <= 0, r is outside (0, 1) or an argument is not finite:
 * no judgement of reliable change is possible then. */
double pm_stats__rci(double change, double pre_sd, double reliability);

/* Ordinary least squares of y on x (n >= 3): slope, its standard error and
 * 95% CI (t with n - 2 df). PM_EINVAL when every x is the same. */
typedef struct pm_ols {
    double slope, intercept, se, ci_low, ci_high;
} pm_ols;
pm_status pm_stats__ols(pm_ols *out, const double *x, const double *y, size_t n);

/* The Mann-Kendall trend test of y in order (n >= 3): S, the variance
 * with the tie correction, Z with continuity correction, two-sided p; and
 * the Theil-Sen slope (median of (y_j - y_i) / (j - i), i < j). All values
 * equal: S, var_s, z and the slope 0, p 1. Allocates n (n - 1) / 2 doubles. */
typedef struct pm_mann_kendall {
    long s;
    double var_s, z, p, theil_sen;
} pm_mann_kendall;
pm_status pm_stats__mann_kendall(pm_mann_kendall *out, const double *y, size_t n);

/* The median of n values (sorts a copy; allocates). */
pm_status pm_stats__median(double *out, const double *x, size_t n);

#endif
