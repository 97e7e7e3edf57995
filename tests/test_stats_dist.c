/* The distributions of the statistics core (src/core/stats_dist.c), without
 * a store: the normal and Student t cdfs and quantiles and the incomplete
 * beta. Each is checked against published values (to the digits
 * published: half a unit in the last one) and against an independent
 * computation written here: numerical integration of the t density,
 * bisection on the normal cdf, the binomial sum behind the incomplete beta,
 * the closed forms for df 1 and 2. The tolerance is written at each check. */
#include "fixture.h"

#include <math.h>

#include "core/stats.h"
#include "test_stats_helpers.h"

/* ------------------------------------------------ independent references */

/* log(Gamma((df + 1) / 2) / Gamma(df / 2)) for an integer df >= 1, by the
 * recurrence R(df + 2) = R(df) (df + 1) / df from R(1) = 1 / sqrt(pi) and
 * R(2) = sqrt(pi) / 2: no lgamma, so no cancellation of two huge logs. */
static double ref_log_gamma_ratio(int df)
{
    double log_r = df % 2 ? -0.5 * log(PI) : 0.5 * log(PI) - log(2.0);
    for (int k = 2 - df % 2; k + 2 <= df; k += 2)
        log_r += log1p(1.0 / k);
    return log_r;
}

/* P(T <= -a) for a > 0 and an integer df >= 2, as the integral of
 * f(1/u) / u^2 over u in [0, 1/a] (s = -1/u): a smooth integrand on a
 * finite interval, so Simpson keeps the tail's relative accuracy
 * (about 1e-13 for the a and df used here). */
static double ref_t_tail_simpson(double a, int df)
{
    const int n = 40000;
    double top = 1.0 / a, h = top / n, sum = 0;
    double log_c = ref_log_gamma_ratio(df) - 0.5 * log(df * PI);
    for (int i = 0; i <= n; i++) {
        double u = i * h, f = 0;
        if (u > 0)
            f = exp(log_c - (df + 1) / 2.0 * log1p(1.0 / (df * u * u)) - 2 * log(u));
        sum += (i == 0 || i == n ? 1 : i % 2 ? 4 : 2) * f;
    }
    return sum * h / 3;
}

/* z with Phi(z) = p, by 200 bisection steps on the library's normal cdf
 * (itself checked against published values below). */
static double ref_normal_quantile_bisect(double p)
{
    double lo = -40, hi = 40;
    for (int i = 0; i < 200; i++) {
        double mid = 0.5 * (lo + hi);
        if (pm_stats__normal_cdf(mid) < p)
            lo = mid;
        else
            hi = mid;
    }
    return 0.5 * (lo + hi);
}

/* I_p(k, n - k + 1) = P(Binomial(n, p) >= k): the binomial sum, in logs. */
static double ref_binomial_upper(int k, int n, double p)
{
    double sum = 0;
    for (int j = k; j <= n; j++)
        sum += exp(lgamma(n + 1.0) - lgamma(j + 1.0) - lgamma(n - j + 1.0) + j * log(p) +
                   (n - j) * log1p(-p));
    return sum;
}

/* ------------------------------------------------------------- normal */

static void test_normal_cdf_matches_published_values(void **state)
{
    (void)state;
    /* Standard normal table values (Abramowitz & Stegun, table 26.1, and the
     * same to 16+ digits by arbitrary-precision arithmetic): 1e-14 relative. */
    assert_rel(pm_stats__normal_cdf(1.0), 0.8413447460685429, 1e-14);
    assert_rel(pm_stats__normal_cdf(1.96), 0.9750021048517796, 1e-14);
    assert_rel(pm_stats__normal_cdf(0.0), 0.5, 1e-16);
    /* far tails keep relative accuracy (erfc, not 1 - erf): 1e-12 */
    assert_rel(pm_stats__normal_cdf(-5.0), 2.866515718791939e-07, 1e-12);
    assert_rel(pm_stats__normal_cdf(-10.0), 7.619853024160526e-24, 1e-12);
}

static void test_normal_quantile_matches_table_and_inverts_the_cdf(void **state)
{
    (void)state;
    /* z_0.975 = 1.959963985 (tables, 9 decimals): half a unit, 5e-10 */
    assert_near(pm_stats__normal_quantile(0.975), 1.959963985, 5e-10);
    assert_near(pm_stats__normal_quantile(0.995), 2.575829304, 5e-10);
    assert_near(pm_stats__normal_quantile(0.5), 0.0, 1e-16);
    /* against bisection on the cdf, over the whole range, including the
     * seams of Acklam's regions (0.02425) and the deep tails: 1e-12
     * relative (absolute near 0) */
    const double ps[] = {1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.02, 0.02425, 0.0243,
                         0.1,    0.3,    0.45,  0.55,  0.9,  0.97, 0.975, 0.999, 1 - 1e-12};
    for (size_t i = 0; i < sizeof ps / sizeof *ps; i++) {
        /* the upper half by symmetry: bisecting on a cdf near 1 would only
         * resolve 1e-16 of it */
        double z = pm_stats__normal_quantile(ps[i]);
        double ref = ps[i] <= 0.5 ? ref_normal_quantile_bisect(ps[i])
                                  : -ref_normal_quantile_bisect(1 - ps[i]);
        if (fabs(ref) > 0.1)
            assert_rel(z, ref, 1e-12);
        else
            assert_near(z, ref, 1e-13);
        /* symmetry: z(1 - p) = -z(p), where 1 - p is exact */
        if (ps[i] >= 0.25)
            assert_near(pm_stats__normal_quantile(1 - ps[i]), -z, 1e-15);
    }
}

static void test_normal_quantile_edges(void **state)
{
    (void)state;
    assert_true(isinf(pm_stats__normal_quantile(0.0)) && pm_stats__normal_quantile(0.0) < 0);
    assert_true(isinf(pm_stats__normal_quantile(1.0)) && pm_stats__normal_quantile(1.0) > 0);
    assert_true(isnan(pm_stats__normal_quantile(-0.1)));
    assert_true(isnan(pm_stats__normal_quantile(1.1)));
    assert_true(isnan(pm_stats__normal_quantile(NAN)));
}

/* ------------------------------------------------------ incomplete beta */

static void test_incomplete_beta_closed_forms(void **state)
{
    (void)state;
    /* I_x(a, 1) = x^a, I_x(1, b) = 1 - (1 - x)^b, I_1/2(a, a) = 1/2: 1e-13 */
    const double xs[] = {0.001, 0.1, 0.37, 0.5, 0.8, 0.999};
    const double as[] = {0.3, 1, 2.5, 7, 40};
    for (size_t i = 0; i < 6; i++)
        for (size_t j = 0; j < 5; j++) {
            assert_rel(pm_stats__incomplete_beta(xs[i], as[j], 1), pow(xs[i], as[j]), 1e-13);
            assert_rel(pm_stats__incomplete_beta(xs[i], 1, as[j]), -expm1(as[j] * log1p(-xs[i])),
                       1e-13);
            assert_near(pm_stats__incomplete_beta(0.5, as[j], as[j]), 0.5, 1e-14);
            /* symmetry I_x(a, b) = 1 - I_(1-x)(b, a) */
            assert_near(pm_stats__incomplete_beta(xs[i], as[j], 3.5),
                        1 - pm_stats__incomplete_beta(1 - xs[i], 3.5, as[j]), 1e-14);
        }
    assert_near(pm_stats__incomplete_beta(0, 2, 3), 0, 0);
    assert_near(pm_stats__incomplete_beta(1, 2, 3), 1, 0);
}

static void test_incomplete_beta_equals_the_binomial_sum(void **state)
{
    (void)state;
    /* I_p(k, n - k + 1) = P(Bin(n, p) >= k), summed term by term: 1e-12
     * relative, including small tails and n up to 400 */
    const int ns[] = {5, 20, 100, 400};
    const double ps[] = {0.01, 0.2, 0.5, 0.77};
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++)
            for (int k = 1; k <= ns[i]; k += 1 + ns[i] / 13) {
                double ref = ref_binomial_upper(k, ns[i], ps[j]);
                if (ref < 1e-250)
                    continue; /* the reference underflows */
                assert_rel(pm_stats__incomplete_beta(ps[j], k, ns[i] - k + 1.0), ref, 1e-12);
            }
}

static void test_incomplete_beta_refuses_bad_arguments(void **state)
{
    (void)state;
    assert_true(isnan(pm_stats__incomplete_beta(-0.1, 1, 1)));
    assert_true(isnan(pm_stats__incomplete_beta(1.1, 1, 1)));
    assert_true(isnan(pm_stats__incomplete_beta(0.5, 0, 1)));
    assert_true(isnan(pm_stats__incomplete_beta(0.5, 1, -2)));
    assert_true(isnan(pm_stats__incomplete_beta(NAN, 1, 1)));
    assert_true(isnan(pm_stats__incomplete_beta(0.5, INFINITY, 1)));
}

/* ------------------------------------------------------------ Student t */

static void test_t_cdf_matches_integrated_density(void **state)
{
    (void)state;
    /* Simpson on the density (own lgamma): 1e-11 absolute */
    const double dfs[] = {1, 2, 3, 4.5, 9, 30, 100, 1000};
    const double ts[] = {-6, -2, -0.5, 0.3, 1, 2.2621572, 4};
    for (size_t i = 0; i < 8; i++)
        for (size_t j = 0; j < 7; j++)
            assert_near(pm_stats__t_cdf(ts[j], dfs[i]), ref_t_cdf_simpson(ts[j], dfs[i]), 1e-11);
}

static void test_t_tails_keep_relative_accuracy(void **state)
{
    (void)state;
    /* closed forms: df 1 (Cauchy) P(T <= -a) = atan(1 / a) / pi; df 2
     * P(T <= -a) = (1 - a / sqrt(2 + a^2)) / 2 = 1 / (sqrt(2 + a^2) (sqrt(2 + a^2) + a)):
     * 1e-12 relative, out to p of 1e-13 */
    const double as[] = {0.1, 1, 3, 50, 1e3, 1e6, 1e12};
    for (size_t i = 0; i < 7; i++) {
        double a = as[i], r = sqrt(2 + a * a);
        assert_rel(pm_stats__t_cdf(-a, 1), atan(1 / a) / PI, 1e-12);
        assert_rel(pm_stats__t_cdf(-a, 2), 1 / (r * (r + a)), 1e-12);
        assert_rel(pm_stats__t_two_sided_p(a, 1), 2 * atan(1 / a) / PI, 1e-12);
    }
    /* other df: the tail integral by Simpson: 1e-11 relative */
    const int dfs[] = {3, 5, 10, 30};
    const double tails[] = {2, 5, 20, 60};
    for (size_t i = 0; i < 4; i++)
        for (size_t j = 0; j < 4; j++)
            assert_rel(pm_stats__t_cdf(-tails[j], dfs[i]), ref_t_tail_simpson(tails[j], dfs[i]),
                       1e-11);
}

static void test_t_with_large_df_approaches_the_normal(void **state)
{
    (void)state;
    /* Above df 2e4 (for a^4 <= df / 100) the t cdf is the normal plus a
     * four-term expansion in 1/df; below, the continued fraction.
     * P(T <= -a) = Phi(-a) + phi(a) P1(a) / df + O(1/df^2), P1 = (a^3 + a) / 4. */
    const double as[] = {0.5, 1, 2, 3.5, 3.75, 5};
    for (size_t j = 0; j < 6; j++) {
        double a = as[j], phi_p1 = exp(-a * a / 2) / sqrt(2 * PI) * (a * a * a + a) / 4;
        /* against the tail integral on both sides of the seam (the
         * expansion's side for a^4 <= df / 100, the fraction's beyond):
         * 1e-11 relative, which needs all four terms near the seam */
        assert_rel(pm_stats__t_cdf(-a, 19999), ref_t_tail_simpson(a, 19999), 1e-11);
        assert_rel(pm_stats__t_cdf(-a, 20001), ref_t_tail_simpson(a, 20001), 1e-11);
        assert_rel(pm_stats__t_cdf(-a, 100000), ref_t_tail_simpson(a, 100000), 1e-11);
        /* across the seam (continued fraction at 19999.5, expansion at
         * 20000.5 for a <= 3.76) the step is phi P1 (1/19999.5 - 1/20000.5),
         * about 1e-10: both sides right to 2% of that, i.e. ~1e-12 absolute */
        if (a < 3.76) {
            double step = pm_stats__t_cdf(-a, 19999.5) - pm_stats__t_cdf(-a, 20000.5);
            double expected = phi_p1 * (1 / 19999.5 - 1 / 20000.5);
            assert_near(step, expected, 0.02 * expected);
        }
        /* and the gap to the normal shrinks like phi P1 / df: within
         * (a^4 + 1) / df of it, plus rounding */
        for (double df = 1e3; df <= 1e11; df *= 100) {
            double gap = pm_stats__t_cdf(-a, df) - pm_stats__normal_cdf(-a);
            assert_near(gap, phi_p1 / df, (a * a * a * a + 1) / df * phi_p1 / df + 4e-16);
        }
        assert_near(pm_stats__t_cdf(-a, INFINITY), pm_stats__normal_cdf(-a), 0);
        assert_near(pm_stats__t_cdf(-a, 1e300), pm_stats__normal_cdf(-a), 1e-16);
    }
}

static void test_t_cdf_edges(void **state)
{
    (void)state;
    assert_near(pm_stats__t_cdf(0, 7), 0.5, 0);
    assert_near(pm_stats__t_cdf(-INFINITY, 7), 0, 0);
    assert_near(pm_stats__t_cdf(INFINITY, 7), 1, 0);
    assert_near(pm_stats__t_two_sided_p(0, 7), 1, 0);
    assert_near(pm_stats__t_two_sided_p(INFINITY, 7), 0, 0);
    assert_near(pm_stats__t_two_sided_p(-3, 7), pm_stats__t_two_sided_p(3, 7), 0);
    /* p near 1 and the upper side: P(T <= t) = 1 - P(T <= -t): 1e-15 */
    assert_near(pm_stats__t_cdf(1e-6, 4), 1 - pm_stats__t_cdf(-1e-6, 4), 1e-15);
    assert_true(isnan(pm_stats__t_cdf(1, 0)));
    assert_true(isnan(pm_stats__t_cdf(1, -3)));
    assert_true(isnan(pm_stats__t_cdf(NAN, 3)));
    assert_true(isnan(pm_stats__t_two_sided_p(1, 0)));
}

static void test_t_quantile_matches_published_tables(void **state)
{
    (void)state;
    /* Student t tables, 7 decimals: half a unit, 5e-8 */
    assert_near(pm_stats__t_quantile(0.975, 1), 12.7062047, 5e-8);
    assert_near(pm_stats__t_quantile(0.975, 9), 2.2621572, 5e-8);
    assert_near(pm_stats__t_quantile(0.975, 30), 2.0422725, 5e-8);
    assert_near(pm_stats__t_quantile(0.995, 10), 3.1692727, 5e-8);
    assert_near(pm_stats__t_quantile(0.025, 9), -2.2621572, 5e-8);
}

static void test_t_quantile_matches_closed_forms_and_inverts_the_cdf(void **state)
{
    (void)state;
    /* df 1: t = -1 / tan(pi p); df 2: t = (2p - 1) / sqrt(2 p (1 - p)):
     * 1e-12 relative, p from 1e-12 to 1 - 1e-6 */
    const double ps[] = {1e-12, 1e-6, 0.001, 0.025, 0.2, 0.4, 0.6, 0.9, 0.975, 0.9995, 1 - 1e-6};
    for (size_t i = 0; i < 11; i++) {
        double p = ps[i];
        double cauchy = p < 0.5 ? -1 / tan(PI * p) : 1 / tan(PI * (1 - p));
        assert_rel(pm_stats__t_quantile(p, 1), cauchy, 1e-12);
        assert_rel(pm_stats__t_quantile(p, 2), (2 * p - 1) / sqrt(2 * p * (1 - p)), 1e-12);
    }
    /* the round trip through the cdf, fractional and large df included:
     * 1e-12 relative in p (the side away from 1, where p has its digits) */
    const double dfs[] = {0.5, 1, 3, 4.5, 9, 29, 300, 1e4, 3e4, 1e7};
    for (size_t j = 0; j < 10; j++)
        for (size_t i = 0; i < 11; i++) {
            double p = ps[i], t = pm_stats__t_quantile(p, dfs[j]);
            if (p < 0.5)
                assert_rel(pm_stats__t_cdf(t, dfs[j]), p, 1e-12);
            else
                assert_rel(1 - pm_stats__t_cdf(t, dfs[j]), 1 - p, 1e-10);
        }
    /* infinite df is the normal */
    assert_near(pm_stats__t_quantile(0.975, INFINITY), pm_stats__normal_quantile(0.975), 0);
    assert_rel(pm_stats__t_quantile(0.975, 1e12), 1.959963984540054, 1e-11);
}

static void test_t_quantile_edges(void **state)
{
    (void)state;
    assert_near(pm_stats__t_quantile(0.5, 3), 0, 0);
    assert_true(isinf(pm_stats__t_quantile(0, 3)) && pm_stats__t_quantile(0, 3) < 0);
    assert_true(isinf(pm_stats__t_quantile(1, 3)) && pm_stats__t_quantile(1, 3) > 0);
    assert_true(isnan(pm_stats__t_quantile(0.5, 0)));
    assert_true(isnan(pm_stats__t_quantile(1.5, 3)));
    assert_true(isnan(pm_stats__t_quantile(NAN, 3)));
    /* deep tail with df 1: t = -1 / tan(pi 1e-300) = -3.18e299, finite
     * (t^2 overflows on the way: the cdf must not) */
    assert_rel(pm_stats__t_quantile(1e-300, 1), -1 / (PI * 1e-300), 1e-12);
    assert_rel(pm_stats__t_cdf(-1e200, 1), 1 / (PI * 1e200), 1e-12);
    assert_rel(pm_stats__t_cdf(-1e200, 3), pm_stats__t_cdf(-1e100, 3) * 1e-300, 1e-12);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_normal_cdf_matches_published_values),
        cmocka_unit_test(test_normal_quantile_matches_table_and_inverts_the_cdf),
        cmocka_unit_test(test_normal_quantile_edges),
        cmocka_unit_test(test_incomplete_beta_closed_forms),
        cmocka_unit_test(test_incomplete_beta_equals_the_binomial_sum),
        cmocka_unit_test(test_incomplete_beta_refuses_bad_arguments),
        cmocka_unit_test(test_t_cdf_matches_integrated_density),
        cmocka_unit_test(test_t_tails_keep_relative_accuracy),
        cmocka_unit_test(test_t_with_large_df_approaches_the_normal),
        cmocka_unit_test(test_t_cdf_edges),
        cmocka_unit_test(test_t_quantile_matches_published_tables),
        cmocka_unit_test(test_t_quantile_matches_closed_forms_and_inverts_the_cdf),
        cmocka_unit_test(test_t_quantile_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
