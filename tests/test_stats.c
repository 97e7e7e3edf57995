/* The estimators and tests of the statistics core (src/core/stats.c),
 * without a store: paired t and effect sizes, Wilcoxon signed-rank, Welch,
 * reliable change, OLS, Mann-Kendall with Theil-Sen, the median. Numbers
 * HR decides on must be right, so each is checked two ways:
 *  (a) against published worked examples, to the digits published
 *      (tolerance: half a unit in the last published digit), and
 *  (b) against an independent computation written here: brute-force
 *      enumeration of sign patterns and permutations, closed forms, hand
 *      computations shown in the comments.
 * The distributions are tested in test_stats_dist.c. The tolerance is
 * written at each check. */
#include "fixture.h"

#include <math.h>
#include <string.h>

#include "core/stats.h"
#include "test_stats_helpers.h"

/* ------------------------------------------------------------- paired */

/* Student's sleep data (Cushny & Peebles 1905), as R's `sleep`: extra hours
 * of sleep of ten patients under drug 1 ("pre") and drug 2 ("post"). */
static const double sleep1[10] = {0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0};
static const double sleep2[10] = {1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4};

static void test_paired_reproduces_the_sleep_data_example(void **state)
{
    (void)state;
    pm_paired r;
    assert_int_equal(pm_stats__paired(&r, sleep1, sleep2, 10), PM_OK);
    /* R, t.test(extra ~ group, data = sleep, paired = TRUE) (group 2 - 1):
     * t = 4.0621, df = 9, p-value = 0.002833,
     * 95 percent CI 0.7001142 2.4598858, mean difference 1.58 */
    assert_int_equal(r.n, 10);
    assert_near(r.mean_change, 1.58, 1e-14);
    assert_near(r.t, 4.0621, 5e-5);
    assert_near(r.df, 9, 0);
    assert_near(r.p, 0.002833, 5e-7);
    assert_near(r.ci_low, 0.7001142, 5e-8);
    assert_near(r.ci_high, 2.4598858, 5e-8);
    /* R: mean and sd of each group: 0.75, 1.789010; 2.33, 2.002249 */
    assert_near(r.pre_mean, 0.75, 1e-14);
    assert_near(r.post_mean, 2.33, 1e-14);
    assert_near(r.pre_sd, 1.789010, 5e-7);
    assert_near(r.post_sd, 2.002249, 5e-7);
    /* by hand from the differences 1.2 2.4 1.3 1.3 0.0 1.0 1.8 0.8 4.6 1.4:
     * sum of squared deviations 13.616, sd = sqrt(13.616 / 9) = 1.2299955; 1e-7 */
    assert_near(r.sd_change, sqrt(13.616 / 9), 1e-12);
    /* d_z = 1.58 / 1.2299955 = 1.2845576; g_av = 1.58 / ((1.789010 +
     * 2.002249) / 2) x (1 - 3 / 35) = 0.7620538 (J with df 9): 5e-7 */
    assert_near(r.d_z, 1.2845576, 5e-7);
    assert_near(r.g_av, 1.58 / ((r.pre_sd + r.post_sd) / 2) * (1 - 3.0 / 35), 1e-14);
    assert_near(r.g_av, 0.7620538, 5e-7);
    /* and the p is the one of its own t: t and p agree to 1e-12 */
    assert_rel(r.p, 2 * (1 - ref_t_cdf_simpson(r.t, 9)), 1e-9);
}

static void test_paired_with_identical_changes_has_no_nan(void **state)
{
    (void)state;
    const double pre[] = {1, 2, 3}, post[] = {2, 3, 4}, down[] = {0.5, 1.5, 2.5};
    pm_paired r;
    /* every change +1: t infinite, p 0, CI a point, d_z 0 by definition */
    assert_int_equal(pm_stats__paired(&r, pre, post, 3), PM_OK);
    assert_near(r.sd_change, 0, 0);
    assert_true(isinf(r.t) && r.t > 0);
    assert_near(r.p, 0, 0);
    assert_near(r.ci_low, 1, 1e-15);
    assert_near(r.ci_high, 1, 1e-15);
    assert_near(r.d_z, 0, 0);
    assert_near(r.g_av, 1 / 1.0 * (1 - 3.0 / 7), 1e-15); /* SDs 1 and 1, J(2) = 4/7 */
    assert_int_equal(pm_stats__paired(&r, pre, down, 3), PM_OK);
    assert_true(isinf(r.t) && r.t < 0);
    /* nothing changed, all values equal: t 0, p 1, effects 0 */
    const double same[] = {4, 4, 4, 4};
    assert_int_equal(pm_stats__paired(&r, same, same, 4), PM_OK);
    assert_near(r.t, 0, 0);
    assert_near(r.p, 1, 0);
    assert_near(r.d_z, 0, 0);
    assert_near(r.g_av, 0, 0);
    assert_false(isnan(r.ci_low) || isnan(r.ci_high));
}

static void test_paired_with_two_pairs(void **state)
{
    (void)state;
    /* changes 1 and 3: mean 2, sd sqrt(2), t = 2 / (sqrt 2 / sqrt 2) = 2, df 1,
     * p = 1 - 2 atan(2) / pi = 0.2951672 (Cauchy); CI 2 +- 12.7062047 x 1;
     * J = 1 - 3 / 3 = 0 so g_av = 0 */
    const double pre[] = {0, 0}, post[] = {1, 3};
    pm_paired r;
    assert_int_equal(pm_stats__paired(&r, pre, post, 2), PM_OK);
    assert_near(r.t, 2, 1e-15);
    assert_near(r.df, 1, 0);
    assert_rel(r.p, 1 - 2 * atan(2.0) / PI, 1e-12);
    assert_near(r.ci_low, 2 - 12.7062047, 5e-8);
    assert_near(r.ci_high, 2 + 12.7062047, 5e-8);
    assert_near(r.g_av, 0, 0);
}

static void test_paired_refuses_bad_input(void **state)
{
    (void)state;
    const double a[] = {1, 2, 3}, b[] = {1, NAN, 3}, c[] = {1, INFINITY, 3};
    pm_paired r;
    assert_int_equal(pm_stats__paired(NULL, a, a, 3), PM_EINVAL);
    assert_int_equal(pm_stats__paired(&r, NULL, a, 3), PM_EINVAL);
    assert_int_equal(pm_stats__paired(&r, a, NULL, 3), PM_EINVAL);
    assert_int_equal(pm_stats__paired(&r, a, a, 1), PM_EINVAL);
    assert_int_equal(pm_stats__paired(&r, a, a, 0), PM_EINVAL);
    assert_int_equal(pm_stats__paired(&r, a, b, 3), PM_EINVAL);
    assert_int_equal(pm_stats__paired(&r, c, a, 3), PM_EINVAL);
}

static void test_mean_sd_is_accurate_far_from_zero(void **state)
{
    (void)state;
    /* 1e9 + {1, 2, 3, 4}: mean 1e9 + 2.5, sd sqrt(5/3) (a naive sum of
     * squares would lose all digits): 1e-6 on the mean, 1e-9 on the sd */
    const double x[] = {1e9 + 1, 1e9 + 2, 1e9 + 3, 1e9 + 4};
    double m, sd;
    pm_stats__mean_sd(&m, &sd, x, 4);
    assert_near(m, 1e9 + 2.5, 1e-6);
    assert_near(sd, sqrt(5.0 / 3), 1e-9);
    pm_stats__mean_sd(&m, &sd, x, 1);
    assert_near(sd, 0, 0);
    pm_stats__mean_sd(&m, &sd, x, 0);
    assert_near(m, 0, 0);
    assert_near(sd, 0, 0);
}

/* ------------------------------------------------------------- Wilcoxon */

static void test_wilcoxon_reproduces_hollander_wolfe(void **state)
{
    (void)state;
    /* Hollander & Wolfe (1973) p. 29, depression scale before (x) and after
     * (y), R's wilcox.test(x, y, paired = TRUE) example:
     * V = 40, p-value = 0.03906 (exactly 2 x 10 / 512: of the 512 sign
     * patterns, 10 give W+ <= 5 = 45 - 40; 1e-15) */
    const double x[] = {1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30};
    const double y[] = {0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29};
    double d[9];
    for (int i = 0; i < 9; i++)
        d[i] = x[i] - y[i];
    pm_wilcoxon w;
    assert_int_equal(pm_stats__wilcoxon(&w, d, 9), PM_OK);
    assert_int_equal(w.n, 9);
    assert_near(w.w_plus, 40, 0);
    assert_true(w.exact);
    assert_near(w.p, 20.0 / 512, 1e-15);
    assert_near(w.p, 0.03906, 5e-6);
}

/* p by enumerating all 2^n sign patterns over the ranks 1..n. */
static double brute_signed_rank_p(double w, int n)
{
    long below = 0, above = 0;
    for (long mask = 0; mask < (1L << n); mask++) {
        int s = 0;
        for (int k = 0; k < n; k++)
            if (mask & (1L << k))
                s += k + 1;
        below += s <= w;
        above += s >= w;
    }
    double p = 2.0 * (double)(below < above ? below : above) / (double)(1L << n);
    return p < 1 ? p : 1;
}

static void test_wilcoxon_exact_p_equals_enumeration_of_sign_patterns(void **state)
{
    (void)state;
    /* d = the ranks themselves (scaled, shuffled) with the signs of a mask,
     * so W+ takes every value; p against brute force: 1e-15 */
    double d[12];
    for (int n = 1; n <= 12; n++) {
        long step = n <= 8 ? 1 : 37; /* every mask for small n, a spread above */
        for (long mask = 0; mask < (1L << n); mask += step) {
            double w_expected = 0;
            for (int k = 0; k < n; k++) {
                int rank = (k * 5) % n + 1; /* a permutation of 1..n when gcd(5, n) = 1 */
                if (n % 5 == 0)
                    rank = k + 1;
                int positive = (mask >> k) & 1;
                d[k] = (positive ? 0.37 : -0.37) * rank;
                if (positive)
                    w_expected += rank;
            }
            pm_wilcoxon w;
            assert_int_equal(pm_stats__wilcoxon(&w, d, (size_t)n), PM_OK);
            assert_near(w.w_plus, w_expected, 0);
            assert_true(w.exact);
            assert_near(w.p, brute_signed_rank_p(w_expected, n), 1e-15);
        }
    }
}

static void test_wilcoxon_with_ties_and_zeros_uses_the_corrected_normal(void **state)
{
    (void)state;
    /* d = 0, 2, -2, 3, 3, 3, -1, 4, 0: zeros dropped (n = 7);
     * |d| ranks: 1 -> 1; 2, 2 -> 2.5 each; 3, 3, 3 -> 5 each; 4 -> 7.
     * W+ = 2.5 + 5 + 5 + 5 + 7 = 24.5; mean 7 x 8 / 4 = 14;
     * var = 7 x 8 x 15 / 24 - ((8 - 2) + (27 - 3)) / 48 = 35 - 0.625 = 34.375;
     * z = (24.5 - 14 - 0.5) / sqrt(34.375) = 1.7056; p = 2 (1 - Phi(z)) = 0.08808 */
    const double d[] = {0, 2, -2, 3, 3, 3, -1, 4, 0};
    pm_wilcoxon w;
    assert_int_equal(pm_stats__wilcoxon(&w, d, 9), PM_OK);
    assert_int_equal(w.n, 7);
    assert_near(w.w_plus, 24.5, 0);
    assert_false(w.exact);
    assert_near(w.p, 2 * pm_stats__normal_cdf(-10 / sqrt(34.375)), 1e-15);
    assert_near(w.p, 0.08808, 5e-6);

    /* ties everywhere: five +1s, all rank 3, W+ = 15; var = 5 x 6 x 11 / 24
     * - (125 - 5) / 48 = 11.25; z = (15 - 7.5 - 0.5) / sqrt(11.25) = 2.0870,
     * p = 0.03689 */
    const double ones[] = {1, 1, 1, 1, 1};
    assert_int_equal(pm_stats__wilcoxon(&w, ones, 5), PM_OK);
    assert_near(w.w_plus, 15, 0);
    assert_near(w.p, 2 * pm_stats__normal_cdf(-7 / sqrt(11.25)), 1e-15);
    assert_near(w.p, 0.03689, 5e-6);
}

static void test_wilcoxon_counts_rounding_twins_as_ties(void **state)
{
    (void)state;
    /* 3.3 - 2.2 and 2.2 - 1.1 differ in the last bit as doubles but are a
     * tie on paper; 0.3 - (0.1 + 0.2) is a zero. Ranks 1.5, 1.5, 3: W+ = 4.5
     * (the -1.1 has rank 1.5), the normal approximation. */
    const double d[] = {3.3 - 2.2, -(2.2 - 1.1), 2.0, 0.3 - (0.1 + 0.2)};
    assert_true(d[0] != -d[1]); /* the premise: not equal as doubles */
    pm_wilcoxon w;
    assert_int_equal(pm_stats__wilcoxon(&w, d, 4), PM_OK);
    assert_int_equal(w.n, 3);
    assert_near(w.w_plus, 4.5, 1e-15);
    assert_false(w.exact);
}

static void test_wilcoxon_exact_up_to_fifty_then_normal(void **state)
{
    (void)state;
    /* d = 1..51 with every third negative: untied */
    double d[51];
    for (int i = 0; i < 51; i++)
        d[i] = (i % 3 == 0 ? -1.0 : 1.0) * (i + 1);
    pm_wilcoxon w50, w51;
    assert_int_equal(pm_stats__wilcoxon(&w50, d, 50), PM_OK);
    assert_true(w50.exact);
    assert_int_equal(pm_stats__wilcoxon(&w51, d, 51), PM_OK);
    assert_false(w51.exact);
    /* n = 51 by hand: negatives are ranks 1, 4, ..., 49, 17 of them summing to
     * 17 x 25 = 425; W+ = 1326 - 425 = 901; mean 663, var 51 x 52 x 103 / 24 =
     * 11381.5; z = (901 - 663 - 0.5) / sqrt(11381.5) */
    assert_near(w51.w_plus, 901, 0);
    assert_near(w51.p, 2 * pm_stats__normal_cdf(-237.5 / sqrt(11381.5)), 1e-15);
    /* at n = 50 the exact p is close to the normal approximation (sanity:
     * within 0.005): negatives again sum to 425, W+ = 1275 - 425 = 850 */
    assert_near(w50.w_plus, 850, 0);
    double z = (850 - 637.5 - 0.5) / sqrt(50 * 51 * 101 / 24.0);
    assert_near(w50.p, 2 * pm_stats__normal_cdf(-z), 0.005);
}

static void test_wilcoxon_edges(void **state)
{
    (void)state;
    pm_wilcoxon w;
    const double zeros[] = {0, 0, 0}, one[] = {-2.5}, bad[] = {1, NAN};
    assert_int_equal(pm_stats__wilcoxon(&w, zeros, 3), PM_OK);
    assert_int_equal(w.n, 0);
    assert_near(w.p, 1, 0); /* nothing changed: no evidence */
    /* n = 1: W+ = 0 of {0, 1}: P(W+ <= 0) = 1/2, p = 1 */
    assert_int_equal(pm_stats__wilcoxon(&w, one, 1), PM_OK);
    assert_near(w.w_plus, 0, 0);
    assert_near(w.p, 1, 0);
    assert_int_equal(pm_stats__wilcoxon(NULL, one, 1), PM_EINVAL);
    assert_int_equal(pm_stats__wilcoxon(&w, NULL, 1), PM_EINVAL);
    assert_int_equal(pm_stats__wilcoxon(&w, one, 0), PM_EINVAL);
    assert_int_equal(pm_stats__wilcoxon(&w, bad, 2), PM_EINVAL);
}

/* ---------------------------------------------------------------- Welch */

static void test_welch_reproduces_the_sleep_data_example(void **state)
{
    (void)state;
    /* R, t.test(extra ~ group, data = sleep) (Welch): df = 17.776,
     * 95 percent CI -3.3654832 0.2054832, difference 0.75 - 2.33 = -1.58 */
    double diff, low, high;
    assert_int_equal(pm_stats__welch_ci(&diff, &low, &high, sleep1, 10, sleep2, 10), PM_OK);
    assert_near(diff, -1.58, 1e-14);
    assert_near(low, -3.3654832, 5e-8);
    assert_near(high, 0.2054832, 5e-8);
    /* the df by hand: va = 1.789010^2 / 10 = 0.3200556, vb = 2.002249^2 / 10
     * = 0.4009000; df = (va + vb)^2 / (va^2 / 9 + vb^2 / 9) = 17.7765 (R:
     * 17.776); the half-width is t(0.975, df) x sqrt(va + vb): 1e-12 */
    double va = 3.2005556 / 10, vb = 4.0090000 / 10;
    double ma, sa, mb, sb;
    pm_stats__mean_sd(&ma, &sa, sleep1, 10);
    pm_stats__mean_sd(&mb, &sb, sleep2, 10);
    assert_near(sa * sa / 10, va, 1e-8);
    assert_near(sb * sb / 10, vb, 1e-8);
    va = sa * sa / 10;
    vb = sb * sb / 10;
    double df = (va + vb) * (va + vb) / (va * va / 9 + vb * vb / 9);
    assert_near(df, 17.776, 5e-4);
    assert_rel(high - diff, pm_stats__t_quantile(0.975, df) * sqrt(va + vb), 1e-12);
}

static void test_welch_with_constant_groups(void **state)
{
    (void)state;
    /* one group constant: df = n - 1 of the other (here 2): half-width
     * t(0.975, 2) x sd / sqrt(3) = 4.3026527 x 1 / sqrt 3; 1e-7 */
    const double a[] = {1, 2, 3}, b[] = {5, 5, 5};
    double diff, low, high;
    assert_int_equal(pm_stats__welch_ci(&diff, &low, &high, a, 3, b, 3), PM_OK);
    assert_near(diff, -3, 1e-15);
    assert_near(high - diff, 4.3026527 / sqrt(3.0), 1e-7);
    /* both constant: the difference is exact */
    assert_int_equal(pm_stats__welch_ci(&diff, &low, &high, b, 3, b, 2), PM_OK);
    assert_near(low, 0, 0);
    assert_near(high, 0, 0);
    assert_int_equal(pm_stats__welch_ci(&diff, &low, &high, a, 1, b, 3), PM_EINVAL);
    assert_int_equal(pm_stats__welch_ci(&diff, &low, &high, a, 3, NULL, 3), PM_EINVAL);
    assert_int_equal(pm_stats__welch_ci(NULL, &low, &high, a, 3, b, 3), PM_EINVAL);
}

/* ------------------------------------------------------------------ RCI */

static void test_rci_follows_jacobson_truax(void **state)
{
    (void)state;
    /* Jacobson & Truax (1991): SE = sd sqrt(1 - r), S_diff = sqrt(2 SE^2),
     * RCI = change / S_diff. By hand, sd 7.5, r 0.88: SE = 2.5980762,
     * S_diff = 3.6742346; a change of 10 gives 2.7216553 (reliable, > 1.96),
     * of 7 gives 1.9051587 (not): 1e-7 */
    assert_near(pm_stats__rci(10, 7.5, 0.88), 2.7216553, 1e-7);
    assert_near(pm_stats__rci(7, 7.5, 0.88), 1.9051587, 1e-7);
    assert_near(pm_stats__rci(-10, 7.5, 0.88), -2.7216553, 1e-7);
    assert_true(isnan(pm_stats__rci(1, 0, 0.8)));
    assert_true(isnan(pm_stats__rci(1, 2, 1)));
    assert_true(isnan(pm_stats__rci(1, 2, 0)));
    assert_true(isnan(pm_stats__rci(NAN, 2, 0.5)));
}

/* ------------------------------------------------------------------ OLS */

static void test_ols_reproduces_anscombe(void **state)
{
    (void)state;
    /* Anscombe (1973), data set I; R lm(y1 ~ x1, anscombe): intercept
     * 3.0001, slope 0.5001, its standard error 0.1179: 5e-5 */
    const double x[] = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
    const double y[] = {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68};
    pm_ols r;
    assert_int_equal(pm_stats__ols(&r, x, y, 11), PM_OK);
    assert_near(r.intercept, 3.0001, 5e-5);
    assert_near(r.slope, 0.5001, 5e-5);
    assert_near(r.se, 0.1179, 5e-5);
    /* CI by hand: 0.5000909 +- 2.2621572 (t(0.975, 9)) x 0.1179055 =
     * 0.2333701 to 0.7668117; 5e-7 */
    assert_near(r.ci_low, 0.2333701, 5e-7);
    assert_near(r.ci_high, 0.7668117, 5e-7);
}

static void test_ols_on_a_line_plus_known_noise(void **state)
{
    (void)state;
    /* y = 2 + 3x + e, x = 1..5, e = 1 -2 0 2 -1 (sum 0, sum x e = 0, so the
     * fit is exactly the line): SSR = 10, s^2 = 10 / 3, Sxx = 10,
     * se = sqrt(1/3); CI 3 +- 3.1824463 sqrt(1/3) (t(0.975, 3)): 1e-12 / 1e-7 */
    const double x[] = {1, 2, 3, 4, 5}, e[] = {1, -2, 0, 2, -1};
    double y[5];
    for (int i = 0; i < 5; i++)
        y[i] = 2 + 3 * x[i] + e[i];
    pm_ols r;
    assert_int_equal(pm_stats__ols(&r, x, y, 5), PM_OK);
    assert_near(r.slope, 3, 1e-12);
    assert_near(r.intercept, 2, 1e-12);
    assert_near(r.se, sqrt(1.0 / 3), 1e-12);
    assert_near(r.ci_low, 3 - 3.1824463 * sqrt(1.0 / 3), 1e-7);
    assert_near(r.ci_high, 3 + 3.1824463 * sqrt(1.0 / 3), 1e-7);
    /* exactly on the line: se 0, the CI is the slope */
    for (int i = 0; i < 5; i++)
        y[i] = 2 - 0.5 * x[i];
    assert_int_equal(pm_stats__ols(&r, x, y, 5), PM_OK);
    assert_near(r.slope, -0.5, 1e-15);
    assert_near(r.se, 0, 1e-15);
    assert_near(r.ci_low, -0.5, 1e-14);
}

static void test_ols_refuses_bad_input(void **state)
{
    (void)state;
    const double x[] = {1, 2, 3}, flat[] = {2, 2, 2}, bad[] = {1, INFINITY, 3};
    pm_ols r;
    assert_int_equal(pm_stats__ols(&r, x, x, 2), PM_EINVAL);
    assert_int_equal(pm_stats__ols(&r, flat, x, 3), PM_EINVAL); /* no spread in x */
    assert_int_equal(pm_stats__ols(&r, x, bad, 3), PM_EINVAL);
    assert_int_equal(pm_stats__ols(NULL, x, x, 3), PM_EINVAL);
    assert_int_equal(pm_stats__ols(&r, NULL, x, 3), PM_EINVAL);
}

/* -------------------------------------------------------- Mann-Kendall */

static void test_mann_kendall_by_hand(void **state)
{
    (void)state;
    /* y = 1 3 2 5 4: of the 10 pairs i < j, 8 rise and 2 fall (3 -> 2,
     * 5 -> 4): S = 6; var = 5 x 4 x 15 / 18 = 50/3; Z = (6 - 1) / sqrt(50/3)
     * = 1.2247449; p = 2 (1 - Phi(Z)) = 0.2206714.
     * Pairwise slopes: 2, 0.5, 4/3, 0.75, -1, 1, 1/3, 3, 1, -1; sorted the
     * middle two are 0.75 and 1: Theil-Sen 0.875. */
    const double y[] = {1, 3, 2, 5, 4};
    pm_mann_kendall r;
    assert_int_equal(pm_stats__mann_kendall(&r, y, 5), PM_OK);
    assert_int_equal(r.s, 6);
    assert_near(r.var_s, 50.0 / 3, 1e-12);
    assert_near(r.z, 5 / sqrt(50.0 / 3), 1e-15);
    assert_near(r.z, 1.2247449, 5e-8);
    assert_near(r.p, 0.2206714, 5e-8);
    assert_near(r.theil_sen, 0.875, 1e-15);

    /* reversed: S = -6, Z = (-6 + 1) / sqrt(50/3), same p, slope -0.875 */
    const double rev[] = {4, 5, 2, 3, 1};
    assert_int_equal(pm_stats__mann_kendall(&r, rev, 5), PM_OK);
    assert_int_equal(r.s, -6);
    assert_near(r.z, -1.2247449, 5e-8);
    assert_near(r.p, 0.2206714, 5e-8);
    assert_near(r.theil_sen, -0.875, 1e-15);
}

/* The variance of S over all n! orders of y (each equally likely under H0),
 * by enumeration: Heap's algorithm over a copy. */
static double brute_var_s(const double *y, int n)
{
    double v[8], sum2 = 0;
    long count = 0;
    int c[8] = {0};
    memcpy(v, y, (size_t)n * sizeof *v);
    for (int i = 0;;) {
        long s = 0;
        for (int a = 0; a < n; a++)
            for (int b = a + 1; b < n; b++)
                s += (v[b] > v[a]) - (v[b] < v[a]);
        sum2 += (double)(s * s);
        count++;
        while (i < n && c[i] >= i) {
            c[i] = 0;
            i++;
        }
        if (i >= n)
            break;
        int j = i % 2 ? c[i] : 0;
        double tmp = v[j];
        v[j] = v[i];
        v[i] = tmp;
        c[i]++;
        i = 0;
    }
    return sum2 / (double)count; /* E[S] = 0 */
}

static void test_mann_kendall_tie_variance_equals_enumeration(void **state)
{
    (void)state;
    /* y = 2 2 3 3 3 5: S = 11 (by hand: 0 + 4 + 4 + 1 + 1 + 1 over the rows);
     * ties 2 and 3: var = (6 x 5 x 17 - 2 x 1 x 9 - 3 x 2 x 11) / 18 = 426/18;
     * and the same variance from all 720 orders: 1e-12 */
    const double y[] = {2, 2, 3, 3, 3, 5};
    pm_mann_kendall r;
    assert_int_equal(pm_stats__mann_kendall(&r, y, 6), PM_OK);
    assert_int_equal(r.s, 11);
    assert_near(r.var_s, 426.0 / 18, 1e-12);
    assert_near(r.var_s, brute_var_s(y, 6), 1e-12);
    assert_near(r.z, 10 / sqrt(426.0 / 18), 1e-15);
    /* and without ties, for n = 7 */
    const double z7[] = {3, 1, 4, 1.5, 5, 9, 2.6};
    assert_int_equal(pm_stats__mann_kendall(&r, z7, 7), PM_OK);
    assert_near(r.var_s, brute_var_s(z7, 7), 1e-12);
    const double t7[] = {1, 1, 1, 2, 2, 3, 1};
    assert_int_equal(pm_stats__mann_kendall(&r, t7, 7), PM_OK);
    assert_near(r.var_s, brute_var_s(t7, 7), 1e-12);
}

static void test_mann_kendall_edges(void **state)
{
    (void)state;
    pm_mann_kendall r;
    /* all equal: S 0, var 0, Z 0, p 1, slope 0 — no NaN */
    const double flat[] = {3, 3, 3, 3};
    assert_int_equal(pm_stats__mann_kendall(&r, flat, 4), PM_OK);
    assert_int_equal(r.s, 0);
    assert_near(r.var_s, 0, 0);
    assert_near(r.z, 0, 0);
    assert_near(r.p, 1, 0);
    assert_near(r.theil_sen, 0, 0);
    /* rounding twins are ties: 0.1 + 0.2 vs 0.3 -> S = 0 + 1 + 1 = 2,
     * var = (3 x 2 x 11 - 2 x 1 x 9) / 18 = 48/18 */
    const double twins[] = {0.1 + 0.2, 0.3, 0.4};
    assert_int_equal(pm_stats__mann_kendall(&r, twins, 3), PM_OK);
    assert_int_equal(r.s, 2);
    assert_near(r.var_s, 48.0 / 18, 1e-12);
    /* Theil-Sen shrugs off an outlier: slopes 1 (six times), 24.75, 32,
     * 48.5, 96 -> median 1 (OLS would say 19.6) */
    const double outlier[] = {1, 2, 3, 4, 100};
    assert_int_equal(pm_stats__mann_kendall(&r, outlier, 5), PM_OK);
    assert_near(r.theil_sen, 1, 1e-15);
    const double bad[] = {1, NAN, 3};
    assert_int_equal(pm_stats__mann_kendall(&r, flat, 2), PM_EINVAL);
    assert_int_equal(pm_stats__mann_kendall(&r, bad, 3), PM_EINVAL);
    assert_int_equal(pm_stats__mann_kendall(NULL, flat, 4), PM_EINVAL);
    assert_int_equal(pm_stats__mann_kendall(&r, NULL, 4), PM_EINVAL);
}

/* --------------------------------------------------------------- median */

static void test_median_odd_even_and_input_untouched(void **state)
{
    (void)state;
    double m;
    const double odd[] = {5, 1, 3}, even[] = {4, 1, 3, 2}, one[] = {-7};
    assert_int_equal(pm_stats__median(&m, odd, 3), PM_OK);
    assert_near(m, 3, 0);
    assert_int_equal(pm_stats__median(&m, even, 4), PM_OK);
    assert_near(m, 2.5, 0); /* mean of 2 and 3 */
    assert_near(even[0], 4, 0); /* sorted a copy */
    assert_int_equal(pm_stats__median(&m, one, 1), PM_OK);
    assert_near(m, -7, 0);
    assert_int_equal(pm_stats__median(&m, odd, 0), PM_EINVAL);
    assert_int_equal(pm_stats__median(NULL, odd, 3), PM_EINVAL);
    const double bad[] = {1, NAN};
    assert_int_equal(pm_stats__median(&m, bad, 2), PM_EINVAL);
}

static void test_allocating_functions_fail_cleanly_without_memory(void **state)
{
    (void)state;
    const double d[] = {1, -2, 3, 4, -5, 6};
    pm_wilcoxon w;
    pm_mann_kendall mk;
    double m;
    pm_fixture_alloc_install();
    for (long n = 0; n < 3; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status a = pm_stats__wilcoxon(&w, d, 6);
        pm_status b = pm_stats__mann_kendall(&mk, d, 6);
        pm_status c = pm_stats__median(&m, d, 6);
        pm_fixture_alloc_fail_after(-1);
        assert_true(a == PM_OK || a == PM_ENOMEM);
        assert_true(b == PM_OK || b == PM_ENOMEM);
        assert_true(c == PM_OK || c == PM_ENOMEM);
        if (n == 0)
            assert_int_equal(a, PM_ENOMEM);
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    /* the Mann-Kendall's three buffers: each failing in turn */
    for (long n = 0; n < 3; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        assert_int_equal(pm_stats__mann_kendall(&mk, d, 6), PM_ENOMEM);
        pm_fixture_alloc_fail_after(-1);
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_paired_reproduces_the_sleep_data_example),
        cmocka_unit_test(test_paired_with_identical_changes_has_no_nan),
        cmocka_unit_test(test_paired_with_two_pairs),
        cmocka_unit_test(test_paired_refuses_bad_input),
        cmocka_unit_test(test_mean_sd_is_accurate_far_from_zero),
        cmocka_unit_test(test_wilcoxon_reproduces_hollander_wolfe),
        cmocka_unit_test(test_wilcoxon_exact_p_equals_enumeration_of_sign_patterns),
        cmocka_unit_test(test_wilcoxon_with_ties_and_zeros_uses_the_corrected_normal),
        cmocka_unit_test(test_wilcoxon_counts_rounding_twins_as_ties),
        cmocka_unit_test(test_wilcoxon_exact_up_to_fifty_then_normal),
        cmocka_unit_test(test_wilcoxon_edges),
        cmocka_unit_test(test_welch_reproduces_the_sleep_data_example),
        cmocka_unit_test(test_welch_with_constant_groups),
        cmocka_unit_test(test_rci_follows_jacobson_truax),
        cmocka_unit_test(test_ols_reproduces_anscombe),
        cmocka_unit_test(test_ols_on_a_line_plus_known_noise),
        cmocka_unit_test(test_ols_refuses_bad_input),
        cmocka_unit_test(test_mann_kendall_by_hand),
        cmocka_unit_test(test_mann_kendall_tie_variance_equals_enumeration),
        cmocka_unit_test(test_mann_kendall_edges),
        cmocka_unit_test(test_median_odd_even_and_input_untouched),
        cmocka_unit_test(test_allocating_functions_fail_cleanly_without_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
