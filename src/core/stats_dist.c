/* The normal and Student t distributions and the incomplete beta function
 * they rest on (stats.h). Written from the mathematics, not from a numerical
 * library: the library is MIT and the usual ones are GPL.
 *
 * Accuracy aims (checked in tests/test_stats.c): about 1e-13 relative for
 * the cdfs, including the tails, and 1e-12 relative for the quantiles.
 *
 * No global state: we use our own log-gamma rather than libm's lgamma,
 * which writes the global signgam and so is not thread-safe. */
#include "stats.h"

#include <float.h>
#include <math.h>

#define PM_SQRT2 1.41421356237309504880
#define PM_LN_SQRT_2PI 0.91893853320467274178 /* log(sqrt(2 pi)) */
#define PM_SQRT_2PI 2.50662827463100050242

/* Above this df, t is the normal with the first four terms of its
 * expansion in 1/df (t_tail_large_df). The continued fraction loses about
 * df x 3e-17 of relative accuracy (its terms nearly cancel when a is huge
 * and x near 1): 6e-13 here; the expansion's error falls like 1/df^5. */
#define PM_T_NORMAL_DF 2e4

/* ---------------------------------------------------------------- normal */

double pm_stats__normal_cdf(double z)
{
    /* erfc keeps full relative accuracy in the lower tail, where 1 - erf
     * would cancel; the upper tail is 1 minus a tiny number, which is fine. */
    return 0.5 * erfc(-z / PM_SQRT2);
}

/* Acklam's rational approximation (relative error below 1.15e-9) for the
 * lower half, p <= 0.5. */
static double normal_quantile_rough(double p)
{
    static const double a[6] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                -2.759285104469687e+02, 1.383577518672690e+02,
                                -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[5] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                -1.556989798598866e+02, 6.680131188771972e+01,
                                -1.328068155288572e+01};
    static const double c[6] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                -2.400758277161838e+00, -2.549732539343734e+00,
                                4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[4] = {7.784695709041462e-03, 3.224671290700398e-01,
                                2.445134137142996e+00, 3.754408661907416e+00};
    if (p < 0.02425) {
        double q = sqrt(-2.0 * log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
    }
    double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double pm_stats__normal_quantile(double p)
{
    if (isnan(p) || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return -INFINITY;
    if (p == 1.0)
        return INFINITY;
    /* Work in the lower half, where p itself carries full precision; for
     * p > 0.5, 1 - p is exact (Sterbenz). */
    if (p > 0.5)
        return -pm_stats__normal_quantile(1.0 - p);
    double x = normal_quantile_rough(p);
    /* Halley steps on Phi(x) - p (cubic convergence): one takes Acklam's
     * 1e-9 to rounding level; the second costs little and is insurance. */
    for (int i = 0; i < 2; i++) {
        double e = pm_stats__normal_cdf(x) - p;
        double u = e * PM_SQRT_2PI * exp(0.5 * x * x); /* e / phi(x) */
        if (e == 0.0 || !isfinite(u))
            break; /* exact already, or p subnormal: Acklam's answer stands */
        x -= u / (1.0 + 0.5 * x * u);
    }
    return x;
}

/* ----------------------------------------------------------- log gamma */

/* lgamma(x) - Stirling's approximation, for x >= 10: the asymptotic series
 * sum B_2k / (2k (2k - 1) x^(2k - 1)); seven terms leave less than 1e-16. */
static double stirling_rest(double x)
{
    double r = 1.0 / (x * x);
    return (1.0 / 12.0 -
            r * (1.0 / 360.0 -
                 r * (1.0 / 1260.0 -
                      r * (1.0 / 1680.0 -
                           r * (1.0 / 1188.0 - r * (691.0 / 360360.0 - r / 156.0)))))) /
           x;
}

/* log Gamma(x) for x > 0: Stirling for x >= 10, else the recurrence
 * Gamma(x) = Gamma(x + k) / (x (x + 1) ... (x + k - 1)) up to 10. */
static double log_gamma(double x)
{
    double prod = 1.0;
    while (x < 10.0) {
        prod *= x;
        x += 1.0;
    }
    return (x - 0.5) * log(x) - x + PM_LN_SQRT_2PI + stirling_rest(x) - log(prod);
}

/* log B(a, b) = lgamma(a) + lgamma(b) - lgamma(a + b), rearranged so that
 * large arguments do not cancel (lgamma(5e9) is 1e11: its ulp would be
 * 1e-5 in the difference). */
static double log_beta(double a, double b)
{
    double p = a < b ? a : b, q = a < b ? b : a;
    if (q < 10.0)
        return log_gamma(p) + log_gamma(q) - log_gamma(p + q);
    if (p < 10.0) {
        /* lgamma(q) - lgamma(p + q) with Stirling for both */
        double diff = -(q - 0.5) * log1p(p / q) - p * log(p + q) + p +
                      stirling_rest(q) - stirling_rest(p + q);
        return log_gamma(p) + diff;
    }
    return PM_LN_SQRT_2PI - 0.5 * log(q) + (p - 0.5) * log(p / (p + q)) +
           q * log1p(-p / (p + q)) + stirling_rest(p) + stirling_rest(q) -
           stirling_rest(p + q);
}

/* ----------------------------------------------------- incomplete beta */

/* The continued fraction 1 + d1 / (1 + d2 / (1 + ...)) of I_x(a, b), with
 *   d(2m+1) = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1)),
 *   d(2m)   =  m (b - m) x / ((a + 2m - 1)(a + 2m)),
 * evaluated forwards by the modified Lentz method. It converges quickly
 * for x < (a + 1) / (a + b + 2); the caller makes sure of that. */
static double beta_fraction(double x, double a, double b)
{
    const double tiny = 1e-300;
    double f = 1.0, c = 1.0, d = 0.0;
    for (long j = 1; j <= 1000000; j++) {
        double m = (double)(j / 2), dj;
        if (j % 2)
            dj = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
        else
            dj = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
        d = 1.0 + dj * d;
        if (fabs(d) < tiny)
            d = tiny;
        c = 1.0 + dj / c;
        if (fabs(c) < tiny)
            c = tiny;
        d = 1.0 / d;
        double delta = c * d;
        f *= delta;
        if (fabs(delta - 1.0) < 1e-16)
            break;
    }
    return f;
}

/* x^a y^b / (a B(a, b)) / fraction, with y = 1 - x given by the caller
 * so that a y near 0 (x near 1) keeps its precision. */
static double beta_lower(double x, double y, double a, double b)
{
    double log_x = x > 0.5 ? log1p(-y) : log(x);
    double log_y = y > 0.5 ? log1p(-x) : log(y);
    double front = exp(a * log_x + b * log_y - log_beta(a, b) - log(a));
    return front / beta_fraction(x, a, b);
}

/* I_x(a, b) with y = 1 - x: the fraction on whichever side converges,
 * by the symmetry I_x(a, b) = 1 - I_y(b, a). */
static double incomplete_beta(double x, double y, double a, double b)
{
    if (x <= 0.0)
        return 0.0;
    if (y <= 0.0)
        return 1.0;
    if (x < (a + 1.0) / (a + b + 2.0))
        return beta_lower(x, y, a, b);
    return 1.0 - beta_lower(y, x, b, a);
}

double pm_stats__incomplete_beta(double x, double a, double b)
{
    if (isnan(x) || isnan(a) || isnan(b) || x < 0.0 || x > 1.0 || !(a > 0.0) || !(b > 0.0) ||
        isinf(a) || isinf(b))
        return NAN;
    return incomplete_beta(x, 1.0 - x, a, b);
}

/* ------------------------------------------------------------ Student t */

/* P(T <= -a), a > 0, for large df: expanding the t density in 1/df around
 * the normal and integrating term by term gives
 *   P(T <= -a) = Phi(-a) + phi(a) (P1(a) / df + ... + P4(a) / df^4 + ...)
 * with P1 = a (a^2 + 1) / 4, P2 = a (a^2 - 3)(3a^4 + 2a^2 + 1) / 96,
 * P3 = a (a^10 - 11a^8 + 14a^6 + 6a^4 - 3a^2 - 15) / 384 and
 * P4 = a (15a^14 - 375a^12 + 2225a^10 - 2141a^8 - 939a^6 - 213a^4 + 915a^2
 * + 945) / 92160 (worked out with the ratio Gamma(x + 1/2) / (Gamma(x)
 * sqrt(x)) = 1 - 1/(8x) + 1/(128x^2) + 5/(1024x^3) - 21/(32768x^4) - ...;
 * the tests see P1 to P3; P4 adds under 1e-12 and is there for margin).
 * The neglected term is about (a^4 / df)^5 / 122880
 * of the tail, so the caller keeps a^4 <= df / 100: 1e-15. */
static double t_tail_large_df(double a, double df)
{
    double a2 = a * a;
    double p1 = a * (a2 + 1.0) / 4.0;
    double p2 = a * (a2 - 3.0) * ((3.0 * a2 + 2.0) * a2 + 1.0) / 96.0;
    double p3 = a * (((((a2 - 11.0) * a2 + 14.0) * a2 + 6.0) * a2 - 3.0) * a2 - 15.0) / 384.0;
    double p4 = a *
                (((((((15.0 * a2 - 375.0) * a2 + 2225.0) * a2 - 2141.0) * a2 - 939.0) * a2 -
                   213.0) * a2 + 915.0) * a2 + 945.0) / 92160.0;
    double phi = exp(-0.5 * a2) / PM_SQRT_2PI;
    return pm_stats__normal_cdf(-a) + phi * (((p4 / df + p3) / df + p2) / df + p1) / df;
}

/* P(T <= -|t|) scaled by 2, i.e. the two-sided p: I_x(df / 2, 1 / 2) with
 * x = df / (df + t^2). x and 1 - x are formed from u = df / |t| so that
 * neither t^2 nor the difference overflows or cancels. */
static double t_two_tails(double t, double df)
{
    double at = fabs(t);
    if (at == 0.0)
        return 1.0;
    if (isinf(at))
        return 0.0;
    if (df > PM_T_NORMAL_DF && at * at * at * at <= 0.01 * df)
        return 2.0 * t_tail_large_df(at, df);
    double u = df / at;
    double x = u / (u + at), y = at / (u + at);
    if (x < 1e-300) {
        /* x underflows (|t| beyond 1e150 or so): the fraction is 1 to
         * within x, leaving x^a / (a B(a, 1/2)) with log x taken apart */
        double a = 0.5 * df, log_x = log(df) - 2.0 * log(at) - log1p(u / at);
        return exp(a * log_x - log_beta(a, 0.5) - log(a));
    }
    return incomplete_beta(x, y, 0.5 * df, 0.5);
}

double pm_stats__t_cdf(double t, double df)
{
    if (isnan(t) || isnan(df) || !(df > 0.0))
        return NAN;
    if (isinf(df))
        return pm_stats__normal_cdf(t);
    double tail = 0.5 * t_two_tails(t, df);
    return t <= 0.0 ? tail : 1.0 - tail;
}

double pm_stats__t_two_sided_p(double t, double df)
{
    if (isnan(t) || isnan(df) || !(df > 0.0))
        return NAN;
    if (isinf(df))
        return 2.0 * pm_stats__normal_cdf(-fabs(t));
    double p = t_two_tails(t, df);
    return p > 1.0 ? 1.0 : p;
}

/* The t density, for Newton steps: 1 / (sqrt(df) B(df/2, 1/2)) (1 + t^2/df)^-(df+1)/2. */
static double t_density(double t, double df)
{
    return exp(-log_beta(0.5 * df, 0.5) - 0.5 * log(df) -
               0.5 * (df + 1.0) * log1p(t / df * t));
}

/* The t with P(T <= t) = q for 0 < q < 0.5 (so t < 0): bracket, then
 * Newton steps that fall back to bisection when they leave the bracket. */
static double t_lower_quantile(double q, double df)
{
    double lo, hi = 0.0; /* cdf(lo) < q <= cdf(hi) */
    double x = pm_stats__normal_quantile(q);
    x += (x * x * x + x) / (4.0 * df); /* Cornish-Fisher: a start, not an answer */
    if (!(x < 0.0) || !isfinite(x))
        x = -1.0;
    if (pm_stats__t_cdf(x, df) < q) {
        lo = x;
    } else {
        hi = x;
        lo = 2.0 * x;
        while (pm_stats__t_cdf(lo, df) >= q) {
            hi = lo;
            lo *= 2.0;
            if (isinf(lo))
                return -INFINITY; /* q below the smallest cdf a double reaches */
        }
        x = 0.5 * (lo + hi);
    }
    for (int i = 0; i < 400; i++) {
        double g = pm_stats__t_cdf(x, df) - q;
        if (g == 0.0)
            return x;
        if (g < 0.0)
            lo = x;
        else
            hi = x;
        double f = t_density(x, df);
        double next = f > 0.0 ? x - g / f : NAN;
        if (!(next > lo && next < hi))
            next = 0.5 * (lo + hi);
        if (fabs(next - x) <= 2.0 * DBL_EPSILON * fabs(x) || hi - lo <= 2.0 * DBL_EPSILON * fabs(lo))
            return next;
        x = next;
    }
    return x;
}

double pm_stats__t_quantile(double p, double df)
{
    if (isnan(p) || isnan(df) || !(df > 0.0) || p < 0.0 || p > 1.0)
        return NAN;
    if (p == 0.0)
        return -INFINITY;
    if (p == 1.0)
        return INFINITY;
    if (p == 0.5)
        return 0.0;
    if (isinf(df))
        return pm_stats__normal_quantile(p);
    if (p > 0.5)
        return -t_lower_quantile(1.0 - p, df);
    return t_lower_quantile(p, df);
}
