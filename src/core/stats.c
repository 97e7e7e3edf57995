/* The estimators and tests of stats.h: paired t, effect sizes, Wilcoxon
 * signed-rank, Welch, reliable change, OLS, Mann-Kendall with Theil-Sen,
 * the median. The distributions they use are in stats_dist.c.
 *
 * Two choices that change numbers, so they are written here:
 * - Inputs must be finite: a NaN or infinity is PM_EINVAL, so that no NaN
 *   ever reaches a report. Callers validate values earlier, with messages.
 * - Values that differ only by binary rounding are the same value. Scores
 *   like 3.3 - 2.2 and 2.2 - 1.1 differ in the last bit as doubles but are
 *   a tie on paper (R needed digits.rank for this). In the rank tests, two
 *   values within PM_STATS_SAME x the largest magnitude are tied (chained
 *   along the sorted order), and a signed-rank difference that small is a
 *   zero. Real measurements on a bounded scale are never that close. */
#include "stats.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "../util/alloc.h"

#define PM_STATS_SAME 1e-9

/* The largest n for the exact signed-rank distribution, and its largest
 * W+ (n (n + 1) / 2). Counts stay below 2^50, exact in a double. */
#define PM_WILCOXON_EXACT_MAX 50
#define PM_WILCOXON_SUM_MAX (PM_WILCOXON_EXACT_MAX * (PM_WILCOXON_EXACT_MAX + 1) / 2)

static int all_finite(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return 0;
    return 1;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Sorts v in place; even n takes the mean of the middle two. */
static double median_in_place(double *v, size_t n)
{
    qsort(v, n, sizeof *v, compare_double);
    if (n % 2)
        return v[n / 2];
    return 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

pm_status pm_stats__median(double *out, const double *x, size_t n)
{
    if (!out || !x || n == 0 || !all_finite(x, n))
        return PM_EINVAL;
    double *copy = pm__malloc(n * sizeof *copy);
    if (!copy)
        return PM_ENOMEM;
    for (size_t i = 0; i < n; i++)
        copy[i] = x[i];
    *out = median_in_place(copy, n);
    pm__free(copy);
    return PM_OK;
}

/* Two passes (mean, then squared deviations) rather than sums of squares,
 * which cancel badly for values far from zero; the second pass also takes
 * off the rounding left in the mean (the "corrected two-pass" form). */
void pm_stats__mean_sd(double *mean, double *sd, const double *x, size_t n)
{
    double m = 0.0, ss = 0.0, dev = 0.0;
    for (size_t i = 0; i < n; i++)
        m += x[i];
    m = n ? m / (double)n : 0.0;
    for (size_t i = 0; i < n; i++) {
        ss += (x[i] - m) * (x[i] - m);
        dev += x[i] - m;
    }
    if (mean)
        *mean = m;
    if (sd)
        *sd = n < 2 ? 0.0 : sqrt(fmax(0.0, (ss - dev * dev / (double)n) / (double)(n - 1)));
}

/* mean_sd of post[i] - pre[i], without a temporary array. */
static void change_mean_sd(double *mean, double *sd, const double *pre, const double *post,
                           size_t n)
{
    double m = 0.0, ss = 0.0, dev = 0.0;
    for (size_t i = 0; i < n; i++)
        m += post[i] - pre[i];
    m /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double e = (post[i] - pre[i]) - m;
        ss += e * e;
        dev += e;
    }
    *mean = m;
    *sd = sqrt(fmax(0.0, (ss - dev * dev / (double)n) / (double)(n - 1)));
}

pm_status pm_stats__paired(pm_paired *out, const double *pre, const double *post, size_t n)
{
    if (!out || !pre || !post || n < 2 || !all_finite(pre, n) || !all_finite(post, n))
        return PM_EINVAL;
    pm_paired r = {0};
    r.n = n;
    r.df = (double)(n - 1);
    pm_stats__mean_sd(&r.pre_mean, &r.pre_sd, pre, n);
    pm_stats__mean_sd(&r.post_mean, &r.post_sd, post, n);
    change_mean_sd(&r.mean_change, &r.sd_change, pre, post, n);
    double se = r.sd_change / sqrt((double)n);
    if (se > 0.0) {
        r.t = r.mean_change / se;
        r.d_z = r.mean_change / r.sd_change;
    } else {
        /* Every change the same: no spread to test against. A non-zero
         * common change is certain (t infinite, p 0), none is no evidence
         * (t 0, p 1); d_z is undefined and reported as 0. */
        r.t = r.mean_change > 0.0 ? INFINITY : r.mean_change < 0.0 ? -INFINITY : 0.0;
        r.d_z = 0.0;
    }
    r.p = pm_stats__t_two_sided_p(r.t, r.df);
    double half = pm_stats__t_quantile(0.975, r.df) * se;
    r.ci_low = r.mean_change - half;
    r.ci_high = r.mean_change + half;
    /* g_av (Lakens 2013, Front. Psychol. 4:863, for pre/post designs): the
     * mean change over the average of the two SDs, times Hedges' small-sample
     * correction J(df) = 1 - 3 / (4 df - 1) with df = n - 1 (Hedges & Olkin
     * 1985's approximation to the exact gamma-function factor). For n = 2,
     * J = 1 - 3/3 = 0, so g_av is 0: two pairs say nothing about size. */
    double sd_av = 0.5 * (r.pre_sd + r.post_sd);
    double j = 1.0 - 3.0 / (4.0 * r.df - 1.0);
    r.g_av = sd_av > 0.0 ? r.mean_change / sd_av * j : 0.0;
    *out = r;
    return PM_OK;
}

/* ------------------------------------------------------------- Wilcoxon */

typedef struct signed_abs {
    double abs;
    int positive;
} signed_abs;

static int compare_abs(const void *a, const void *b)
{
    return compare_double(&((const signed_abs *)a)->abs, &((const signed_abs *)b)->abs);
}

/* Exact two-sided p of W+ = w over n untied ranks: count the subsets of
 * {1..n} with each sum (each subset is a pattern of positive signs, all
 * 2^n equally likely under H0). */
static double wilcoxon_exact_p(double w, size_t n)
{
    double count[PM_WILCOXON_SUM_MAX + 1] = {0};
    size_t top = n * (n + 1) / 2;
    count[0] = 1.0;
    for (size_t k = 1; k <= n; k++)
        for (size_t s = k * (k + 1) / 2; s >= k; s--)
            count[s] += count[s - k];
    double below = 0.0, above = 0.0; /* counts with W+ <= w, W+ >= w */
    for (size_t s = 0; s <= top; s++) {
        if ((double)s <= w)
            below += count[s];
        if ((double)s >= w)
            above += count[s];
    }
    double p = 2.0 * ldexp(below < above ? below : above, -(int)n);
    return p < 1.0 ? p : 1.0;
}

pm_status pm_stats__wilcoxon(pm_wilcoxon *out, const double *d, size_t n)
{
    if (!out || !d || n == 0 || !all_finite(d, n))
        return PM_EINVAL;
    signed_abs *v = pm__malloc(n * sizeof *v);
    if (!v)
        return PM_ENOMEM;
    double largest = 0.0;
    for (size_t i = 0; i < n; i++)
        largest = fmax(largest, fabs(d[i]));
    double same = PM_STATS_SAME * largest;
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (fabs(d[i]) > same)
            v[m++] = (signed_abs){fabs(d[i]), d[i] > 0.0};
    qsort(v, m, sizeof *v, compare_abs);

    double w = 0.0, ties = 0.0; /* W+, and sum of t^3 - t over tie groups */
    for (size_t i = 0; i < m;) {
        size_t j = i + 1;
        while (j < m && v[j].abs - v[j - 1].abs <= same)
            j++;
        double rank = 0.5 * (double)(i + 1 + j); /* mid-rank of positions i+1..j */
        double t = (double)(j - i);
        ties += t * t * t - t;
        for (size_t k = i; k < j; k++)
            if (v[k].positive)
                w += rank;
        i = j;
    }
    pm__free(v);

    pm_wilcoxon r = {0};
    r.n = m;
    r.w_plus = w;
    if (m == 0) {
        r.p = 1.0; /* nothing changed: no evidence either way */
        r.exact = 1;
    } else if (m <= PM_WILCOXON_EXACT_MAX && ties == 0.0) {
        r.p = wilcoxon_exact_p(w, m);
        r.exact = 1;
    } else {
        double nn = (double)m;
        double mean = nn * (nn + 1.0) / 4.0;
        double var = nn * (nn + 1.0) * (2.0 * nn + 1.0) / 24.0 - ties / 48.0;
        double diff = w - mean;
        double corr = diff > 0.0 ? 0.5 : diff < 0.0 ? -0.5 : 0.0;
        double z = (diff - corr) / sqrt(var);
        double p = 2.0 * pm_stats__normal_cdf(-fabs(z));
        r.p = p < 1.0 ? p : 1.0;
        r.exact = 0;
    }
    *out = r;
    return PM_OK;
}

/* ------------------------------------------------ Welch, RCI, OLS */

pm_status pm_stats__welch_ci(double *diff, double *low, double *high, const double *a,
                             size_t na, const double *b, size_t nb)
{
    if (!diff || !low || !high || !a || !b || na < 2 || nb < 2 || !all_finite(a, na) ||
        !all_finite(b, nb))
        return PM_EINVAL;
    double ma, sa, mb, sb;
    pm_stats__mean_sd(&ma, &sa, a, na);
    pm_stats__mean_sd(&mb, &sb, b, nb);
    double va = sa * sa / (double)na, vb = sb * sb / (double)nb; /* squared SEs */
    double se2 = va + vb;
    double half = 0.0;
    if (se2 > 0.0) {
        /* Welch-Satterthwaite degrees of freedom */
        double df = se2 * se2 / (va * va / (double)(na - 1) + vb * vb / (double)(nb - 1));
        half = pm_stats__t_quantile(0.975, df) * sqrt(se2);
    } /* else both groups constant: the difference is known exactly */
    *diff = ma - mb;
    *low = *diff - half;
    *high = *diff + half;
    return PM_OK;
}

double pm_stats__rci(double change, double pre_sd, double reliability)
{
    if (!isfinite(change) || !isfinite(pre_sd) || !(pre_sd > 0.0) || !(reliability > 0.0) ||
        !(reliability < 1.0))
        return NAN;
    double se_measurement = pre_sd * sqrt(1.0 - reliability);
    return change / (sqrt(2.0) * se_measurement);
}

pm_status pm_stats__ols(pm_ols *out, const double *x, const double *y, size_t n)
{
    if (!out || !x || !y || n < 3 || !all_finite(x, n) || !all_finite(y, n))
        return PM_EINVAL;
    double mx, my;
    pm_stats__mean_sd(&mx, NULL, x, n);
    pm_stats__mean_sd(&my, NULL, y, n);
    double sxx = 0.0, sxy = 0.0;
    for (size_t i = 0; i < n; i++) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
    }
    if (!(sxx > 0.0))
        return PM_EINVAL; /* every x the same: no slope to fit */
    pm_ols r;
    r.slope = sxy / sxx;
    r.intercept = my - r.slope * mx;
    double ssr = 0.0; /* residuals directly: Syy - b Sxy cancels on a good fit */
    for (size_t i = 0; i < n; i++) {
        double e = y[i] - r.intercept - r.slope * x[i];
        ssr += e * e;
    }
    double df = (double)(n - 2);
    r.se = sqrt(ssr / df / sxx);
    double half = pm_stats__t_quantile(0.975, df) * r.se;
    r.ci_low = r.slope - half;
    r.ci_high = r.slope + half;
    *out = r;
    return PM_OK;
}

/* --------------------------------------------------------- Mann-Kendall */

typedef struct indexed {
    double value;
    size_t at;
} indexed;

static int compare_indexed(const void *a, const void *b)
{
    return compare_double(&((const indexed *)a)->value, &((const indexed *)b)->value);
}

/* Replaces each run of values within `same` of its neighbour by the run's
 * first value, so ties are exact from here on; returns the variance term
 * sum t (t - 1)(2t + 5) over the tie groups. */
static double snap_ties(double *y, indexed *tmp, size_t n)
{
    double largest = 0.0;
    for (size_t i = 0; i < n; i++) {
        tmp[i] = (indexed){y[i], i};
        largest = fmax(largest, fabs(y[i]));
    }
    double same = PM_STATS_SAME * largest, term = 0.0;
    qsort(tmp, n, sizeof *tmp, compare_indexed);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && tmp[j].value - tmp[j - 1].value <= same)
            j++;
        double t = (double)(j - i);
        term += t * (t - 1.0) * (2.0 * t + 5.0);
        for (size_t k = i; k < j; k++)
            y[tmp[k].at] = tmp[i].value;
        i = j;
    }
    return term;
}

pm_status pm_stats__mann_kendall(pm_mann_kendall *out, const double *y, size_t n)
{
    if (!out || !y || n < 3 || !all_finite(y, n))
        return PM_EINVAL;
    if (n - 1 > SIZE_MAX / n / 2 / sizeof(double))
        return PM_ENOMEM;
    size_t pairs = n * (n - 1) / 2;
    double *slopes = pm__malloc(pairs * sizeof *slopes);
    double *snapped = pm__malloc(n * sizeof *snapped);
    indexed *tmp = pm__malloc(n * sizeof *tmp);
    if (!slopes || !snapped || !tmp) {
        pm__free(slopes);
        pm__free(snapped);
        pm__free(tmp);
        return PM_ENOMEM;
    }
    for (size_t i = 0; i < n; i++)
        snapped[i] = y[i];
    double tie_term = snap_ties(snapped, tmp, n);

    long s = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            s += (snapped[j] > snapped[i]) - (snapped[j] < snapped[i]);
            slopes[k++] = (y[j] - y[i]) / (double)(j - i);
        }
    }
    pm_mann_kendall r;
    double nn = (double)n;
    r.s = s;
    r.var_s = (nn * (nn - 1.0) * (2.0 * nn + 5.0) - tie_term) / 18.0;
    /* continuity correction towards 0; var_s is 0 only when all values
     * are tied, and then S is 0 too */
    if (s > 0)
        r.z = ((double)s - 1.0) / sqrt(r.var_s);
    else if (s < 0)
        r.z = ((double)s + 1.0) / sqrt(r.var_s);
    else
        r.z = 0.0;
    double p = 2.0 * pm_stats__normal_cdf(-fabs(r.z));
    r.p = p < 1.0 ? p : 1.0;
    r.theil_sen = median_in_place(slopes, pairs);
    pm__free(slopes);
    pm__free(snapped);
    pm__free(tmp);
    *out = r;
    return PM_OK;
}
