/* What the statistics tests share (test_stats.c, test_stats_dist.c): the
 * comparison macros that say which tolerance a check allows, and the t
 * cdf by numerical integration, independent of src/core/stats_dist.c. */
#ifndef PM_TEST_STATS_HELPERS_H
#define PM_TEST_STATS_HELPERS_H

#include <math.h>

#define PI 3.14159265358979323846

/* |a - b| <= eps, naming both numbers on failure. */
#define assert_near(a, b, eps)                                                      \
    do {                                                                            \
        double a_ = (a), b_ = (b);                                                  \
        if (!(fabs(a_ - b_) <= (eps)))                                              \
            fail_msg("%s = %.17g is not %.17g (within %g)", #a, a_, b_, (double)(eps)); \
    } while (0)

/* |a - b| <= eps |b|: relative, for values across many magnitudes. */
#define assert_rel(a, b, eps)                                                       \
    do {                                                                            \
        double a_ = (a), b_ = (b);                                                  \
        if (!(fabs(a_ - b_) <= (eps) * fabs(b_)))                                   \
            fail_msg("%s = %.17g is not %.17g (relative %g, allowed %g)", #a, a_, b_, \
                     fabs(a_ - b_) / fabs(b_), (double)(eps));                      \
    } while (0)

/* The t density from libm's lgamma (stats_dist.c uses its own log-gamma). */
static inline double ref_t_density(double t, double df)
{
    return exp(lgamma((df + 1) / 2) - lgamma(df / 2) - 0.5 * log(df * PI) -
               (df + 1) / 2 * log1p(t * t / df));
}

/* P(T <= t) = 1/2 + integral from 0 to t of the density, by Simpson's rule
 * with 20000 panels (error far below 1e-12 for |t| <= 6). */
static inline double ref_t_cdf_simpson(double t, double df)
{
    const int n = 20000;
    double h = t / n, sum = ref_t_density(0, df) + ref_t_density(t, df);
    for (int i = 1; i < n; i++)
        sum += (i % 2 ? 4 : 2) * ref_t_density(i * h, df);
    return 0.5 + sum * h / 3;
}

#endif
