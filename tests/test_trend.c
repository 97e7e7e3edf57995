/* Trends and pattern flags on every backend through the public API: known
 * monthly means with a suppressed month, the statistics checked against
 * core/stats.c called directly and by hand, a unit's subtree against the
 * organisation, people who moved, weeks and quarters, refusals, access,
 * running out of memory; then the declining-wellbeing and falling-feedback
 * flags, and no flag from numbers that would be suppressed. */
#include "fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "core/stats.h"
#include "test_evaluation_helpers.h"

#define D(iso) pm_fixture_date(iso)

/* Acme > Engineering > Platform, and Acme > Sales. team[0-3] are in
 * Engineering, team[4-6] in Platform, all below boss; sellers in Sales
 * below sales_boss. team[5] moves from Platform to Engineering on
 * 2026-05-15. */
typedef struct trend_org {
    pm_id acme, eng, platform, sales;
    pm_id boss, sales_boss;
    pm_id team[7];
    pm_id sellers[5];
    pm_id metric;
} trend_org;

/* The team's monthly means (March: only four people), and each person's
 * offset from the mean (summing to 0). */
static const double month_mean[6] = { 6.0, 5.5, 0.0, 5.0, 4.0, 4.5 };
static const double offset[7] = { -3, -2, 2, 3, -1, 0, 1 };

static trend_org make_org(pm_fixture *f)
{
    trend_org o;
    memset(&o, 0, sizeof o);
    o.acme = pm_fixture_unit(f, "Acme", 0);
    o.eng = pm_fixture_unit(f, "Engineering", o.acme);
    o.platform = pm_fixture_unit(f, "Platform", o.eng);
    o.sales = pm_fixture_unit(f, "Sales", o.acme);
    o.boss = person_since(f, "BOSS", 0, o.acme);
    o.sales_boss = person_since(f, "SBOSS", 0, o.sales);
    for (int i = 0; i < 7; i++) {
        char ext[16];
        snprintf(ext, sizeof ext, "T%d", i);
        o.team[i] = person_since(f, ext, o.boss, i < 4 ? o.eng : o.platform);
    }
    for (int i = 0; i < 5; i++) {
        char ext[16];
        snprintf(ext, sizeof ext, "S%d", i);
        o.sellers[i] = person_since(f, ext, o.sales_boss, o.sales);
    }
    assert_ok(f->sys, pm_org_set_unit(f->sys, o.team[5], o.eng, D("2026-05-15")));
    o.metric = new_metric(f, "Energy", 0, 10, PM_HIGHER_IS_BETTER, 0.0);
    static const char *const days[6] = { "2026-01-10T09:00:00Z", "2026-02-10T09:00:00Z",
                                         "2026-03-10T09:00:00Z", "2026-04-10T09:00:00Z",
                                         "2026-05-10T09:00:00Z", "2026-06-10T09:00:00Z" };
    for (int k = 0; k < 6; k++) {
        for (int i = 0; i < 7; i++) {
            if (k == 2 && i >= 4)
                continue;
            double v = k == 2 ? 7 + i : month_mean[k] + offset[i];
            measure(f, o.team[i], o.metric, v, days[k]);
        }
        for (int i = 0; i < 5; i++)
            measure(f, o.sellers[i], o.metric, 1.0, days[k]);
    }
    /* A second measurement in a month: counted in n, not in people. The
     * May one is taken in Engineering after the move. */
    measure(f, o.team[5], o.metric, 5.5, "2026-02-20T09:00:00Z");
    measure(f, o.team[5], o.metric, 4.0, "2026-05-20T09:00:00Z");
    /* Outside the window. */
    measure(f, o.team[0], o.metric, 10.0, "2025-12-31T23:59:59Z");
    return o;
}

static pm_trend_opts trend_opts(pm_id metric, pm_id unit, pm_period period, const char *from,
                                const char *to, int min_group)
{
    pm_trend_opts o = PM_TREND_OPTS_INIT;
    o.metric = metric;
    o.unit = unit;
    o.period = period;
    o.from = D(from);
    o.to = D(to);
    o.min_group = min_group;
    return o;
}

static pm_trend *trend_of(pm_session *s, const pm_trend_opts *o)
{
    pm_trend *t = NULL;
    assert_ok(s, pm_trend_get(&t, s, o));
    assert_non_null(t);
    return t;
}

static void check_period(const pm_trend *t, size_t i, const char *start, int suppressed,
                         int people, int n, double mean)
{
    if (pm_trend_period_start(t, i) != D(start))
        fail_msg("period %zu starts on day %d, expected %s", i, (int)pm_trend_period_start(t, i),
                 start);
    assert_int_equal(pm_trend_period_suppressed(t, i), suppressed);
    assert_int_equal(pm_trend_period_people(t, i), people);
    assert_int_equal(pm_trend_period_n(t, i), n);
    assert_close(pm_trend_period_mean(t, i), mean, 1e-12);
}

/* OLS, Mann-Kendall and Theil-Sen of the shown points, from core/stats.c
 * called directly; Theil-Sen over the periods' positions. */
static void check_fit(const pm_trend *t, const double *x, const double *y, size_t n)
{
    assert_int_equal(pm_trend_points(t), (int)n);
    pm_ols ols;
    assert_int_equal(pm_stats__ols(&ols, x, y, n), PM_OK);
    pm_mann_kendall mk;
    assert_int_equal(pm_stats__mann_kendall(&mk, y, n), PM_OK);
    double slopes[64];
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
    double ts = 0.0;
    assert_int_equal(pm_stats__median(&ts, slopes, k), PM_OK);
    assert_close(pm_trend_slope(t), ols.slope, 1e-12);
    assert_close(pm_trend_slope_ci_low(t), ols.ci_low, 1e-12);
    assert_close(pm_trend_slope_ci_high(t), ols.ci_high, 1e-12);
    assert_int_equal(pm_trend_mk_s(t), (int)mk.s);
    assert_close(pm_trend_mk_z(t), mk.z, 1e-12);
    assert_close(pm_trend_mk_p(t), mk.p, 1e-12);
    assert_close(pm_trend_theil_sen(t), ts, 1e-12);
}

/* ---- trends ---- */

static void test_monthly_trend_of_a_unit_with_its_subtree(void **state)
{
    pm_fixture *f = *state;
    trend_org o = make_org(f);
    pm_trend_opts opts = trend_opts(o.metric, o.eng, PM_PERIOD_MONTH, "2026-01-01", "2026-06-15", 5);
    pm_trend *t = trend_of(f->sys, &opts);
    assert_int_equal(pm_trend_count(t), 6);
    check_period(t, 0, "2026-01-01", 0, 7, 7, 6.0);
    check_period(t, 1, "2026-02-01", 0, 7, 8, 5.5);
    check_period(t, 2, "2026-03-01", 1, 0, 0, 0.0); /* four people */
    check_period(t, 3, "2026-04-01", 0, 7, 7, 5.0);
    check_period(t, 4, "2026-05-01", 0, 7, 8, 4.0); /* the mover once, in two units */
    check_period(t, 5, "2026-06-01", 0, 7, 7, 4.5);
    static const double x[5] = { 0, 1, 3, 4, 5 };
    static const double y[5] = { 6.0, 5.5, 5.0, 4.0, 4.5 };
    check_fit(t, x, y, 5);
    /* By hand: Sxy = -6, Sxx = 17.2; S = 1 - 9; the pairwise slopes' median
     * is the mean of -1/3 and -0.3. */
    assert_close(pm_trend_slope(t), -6.0 / 17.2, 1e-12);
    assert_int_equal(pm_trend_mk_s(t), -8);
    assert_close(pm_trend_theil_sen(t), -(1.0 / 3.0 + 0.3) / 2.0, 1e-12);
    /* Out of range. */
    assert_int_equal(pm_trend_period_start(t, 6), PM_DATE_NONE);
    assert_int_equal(pm_trend_period_n(t, 6), 0);
    pm_trend_free(t);
    pm_trend_free(NULL);
}

static void test_sub_unit_and_organisation_trends_count_their_own_people(void **state)
{
    pm_fixture *f = *state;
    trend_org o = make_org(f);
    pm_trend_opts opts = trend_opts(o.metric, o.platform, PM_PERIOD_MONTH, "2026-01-01",
                                    "2026-06-15", 3);
    pm_trend *t = trend_of(f->sys, &opts);
    check_period(t, 0, "2026-01-01", 0, 3, 3, 6.0);
    check_period(t, 1, "2026-02-01", 0, 3, 4, 5.5);
    check_period(t, 2, "2026-03-01", 1, 0, 0, 0.0);
    check_period(t, 3, "2026-04-01", 0, 3, 3, 5.0);
    check_period(t, 4, "2026-05-01", 0, 3, 3, 4.0);
    check_period(t, 5, "2026-06-01", 1, 0, 0, 0.0); /* the mover has left */
    static const double px[4] = { 0, 1, 3, 4 };
    static const double py[4] = { 6.0, 5.5, 5.0, 4.0 };
    check_fit(t, px, py, 4);
    pm_trend_free(t);

    opts = trend_opts(o.metric, 0, PM_PERIOD_MONTH, "2026-01-01", "2026-06-15", 5);
    t = trend_of(f->sys, &opts);
    check_period(t, 0, "2026-01-01", 0, 12, 12, 47.0 / 12);
    check_period(t, 1, "2026-02-01", 0, 12, 13, 49.0 / 13);
    check_period(t, 2, "2026-03-01", 0, 9, 9, 39.0 / 9);
    check_period(t, 3, "2026-04-01", 0, 12, 12, 40.0 / 12);
    check_period(t, 4, "2026-05-01", 0, 12, 13, 37.0 / 13);
    check_period(t, 5, "2026-06-01", 0, 12, 12, 36.5 / 12);
    static const double ox[6] = { 0, 1, 2, 3, 4, 5 };
    const double oy[6] = { 47.0 / 12, 49.0 / 13, 39.0 / 9, 40.0 / 12, 37.0 / 13, 36.5 / 12 };
    check_fit(t, ox, oy, 6);
    pm_trend_free(t);
}

static void test_weeks_and_quarters(void **state)
{
    pm_fixture *f = *state;
    trend_org o = make_org(f);
    /* 2026-01-01 is a Thursday: its ISO week starts on 2025-12-29. */
    pm_trend_opts opts = trend_opts(o.metric, o.eng, PM_PERIOD_WEEK, "2026-01-01", "2026-01-31", 5);
    pm_trend *t = trend_of(f->sys, &opts);
    assert_int_equal(pm_trend_count(t), 5);
    check_period(t, 0, "2025-12-29", 1, 0, 0, 0.0);
    check_period(t, 1, "2026-01-05", 0, 7, 7, 6.0);
    check_period(t, 2, "2026-01-12", 1, 0, 0, 0.0);
    check_period(t, 4, "2026-01-26", 1, 0, 0, 0.0);
    assert_int_equal(pm_trend_points(t), 1);
    assert_close(pm_trend_slope(t), 0.0, 0.0);
    assert_int_equal(pm_trend_mk_s(t), 0);
    assert_close(pm_trend_mk_p(t), 1.0, 0.0);
    pm_trend_free(t);

    opts = trend_opts(o.metric, o.eng, PM_PERIOD_QUARTER, "2025-11-15", "2026-06-15", 5);
    t = trend_of(f->sys, &opts);
    assert_int_equal(pm_trend_count(t), 3);
    check_period(t, 0, "2025-10-01", 1, 0, 0, 0.0);
    check_period(t, 1, "2026-01-01", 0, 7, 19, 120.0 / 19);
    check_period(t, 2, "2026-04-01", 0, 7, 22, 98.5 / 22);
    pm_trend_free(t);
}

/* A measurement in the last second of a period counts there, one in the
 * first second of the next counts in the next: months (July into August)
 * and ISO weeks (Sunday night into Monday) alike. */
static void test_measurements_on_the_edge_of_a_period(void **state)
{
    pm_fixture *f = *state;
    trend_org o = make_org(f);
    for (int i = 0; i < 3; i++) {
        measure(f, o.team[i], o.metric, 1.0, "2025-07-31T23:59:59Z");
        measure(f, o.team[i + 3], o.metric, 3.0, "2025-08-01T00:00:00Z");
        measure(f, o.team[i], o.metric, 5.0, "2025-09-07T23:59:59Z");
        measure(f, o.team[i + 3], o.metric, 7.0, "2025-09-08T00:00:00Z");
    }
    pm_trend_opts opts = trend_opts(o.metric, o.eng, PM_PERIOD_MONTH, "2025-07-01", "2025-08-31", 3);
    pm_trend *t = trend_of(f->sys, &opts);
    assert_int_equal(pm_trend_count(t), 2);
    check_period(t, 0, "2025-07-01", 0, 3, 3, 1.0);
    check_period(t, 1, "2025-08-01", 0, 3, 3, 3.0);
    pm_trend_free(t);

    /* 2025-09-08 is a Monday. */
    opts = trend_opts(o.metric, o.eng, PM_PERIOD_WEEK, "2025-09-01", "2025-09-14", 3);
    t = trend_of(f->sys, &opts);
    assert_int_equal(pm_trend_count(t), 2);
    check_period(t, 0, "2025-09-01", 0, 3, 3, 5.0);
    check_period(t, 1, "2025-09-08", 0, 3, 3, 7.0);
    pm_trend_free(t);
}

static void test_trend_refuses_bad_options(void **state)
{
    pm_fixture *f = *state;
    trend_org o = make_org(f);
    pm_trend *t = (pm_trend *)&o; /* must be reset to NULL */
    pm_trend_opts opts = trend_opts(o.metric, o.eng, PM_PERIOD_MONTH, "2026-03-01", "2026-01-01", 5);
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EINVAL,
                 "trend.to: a window ending before it starts");
    assert_null(t);
    opts = trend_opts(o.metric, o.eng, PM_PERIOD_MONTH, "2026-01-01", "2026-03-01", 2);
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EINVAL,
                 "trend.min_group: 2 is outside 3 to 10");
    opts.min_group = 11;
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EINVAL,
                 "trend.min_group: 11 is outside 3 to 10");
    opts.min_group = 5;
    opts.period = (pm_period)9;
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EINVAL, "trend.period: 9 is not a period");
    opts.period = PM_PERIOD_MONTH;
    opts.from = PM_DATE_NONE;
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EINVAL, "trend.from: must be given");
    opts.from = D("2026-01-01");
    opts.metric = 0;
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EINVAL, "trend.metric");
    opts.metric = 999;
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_ENOTFOUND, "trend.metric");
    opts.metric = o.metric;
    opts.unit = 999;
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_ENOTFOUND, "trend.unit");
    opts.unit = o.eng;
    opts.version = 0;
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EVERSION, "trend_opts.version: 0");
    opts = trend_opts(o.metric, o.eng, PM_PERIOD_WEEK, "2000-01-01", "2026-01-01", 5);
    assert_fails(f->sys, pm_trend_get(&t, f->sys, &opts), PM_EINVAL, "at most 1000");
    assert_fails(f->sys, pm_trend_get(&t, f->sys, NULL), PM_EINVAL, "opts");
    assert_null(t);
    pm_trend_opts d;
    assert_int_equal(pm_trend_opts_init(&d, PM_TREND_OPTS_VERSION), PM_OK);
    assert_int_equal(d.period, PM_PERIOD_MONTH);
    assert_int_equal(d.min_group, 5);
    assert_int_equal(pm_trend_opts_init(&d, 2), PM_EVERSION);
}

static void test_trend_is_for_those_above_everyone_counted(void **state)
{
    pm_fixture *f = *state;
    trend_org o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_session *seller = pm_fixture_session(f, o.sellers[0]);
    pm_session *sales_boss = pm_fixture_session(f, o.sales_boss);
    pm_trend_opts opts = trend_opts(o.metric, o.eng, PM_PERIOD_MONTH, "2026-01-01", "2026-06-15", 5);
    pm_trend *t = trend_of(boss, &opts);
    assert_int_equal(pm_trend_points(t), 5);
    pm_trend_free(t);
    t = NULL;
    assert_fails(seller, pm_trend_get(&t, seller, &opts), PM_EPERM, "permission denied");
    assert_null(t);
    assert_fails(sales_boss, pm_trend_get(&t, sales_boss, &opts), PM_EPERM, "permission denied");
    /* The organisation counts the sellers, who are not below boss. */
    opts.unit = 0;
    assert_fails(boss, pm_trend_get(&t, boss, &opts), PM_EPERM, "permission denied");
    assert_null(t);
    pm_session_free(boss);
    pm_session_free(seller);
    pm_session_free(sales_boss);
}

static void test_trend_survives_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    trend_org o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_trend_opts opts = trend_opts(o.metric, o.eng, PM_PERIOD_MONTH, "2026-01-01", "2026-06-15", 5);
    for (int who = 0; who < 2; who++) {
        pm_session *s = who == 0 ? f->sys : boss;
        /* Once first, so that the backends' statement caches and id
         * blocks exist: they last by design and are not a leak. */
        pm_trend_free(trend_of(s, &opts));
        int succeeded = 0;
        for (long n = 0; n < 1000 && !succeeded; n++) {
            long live = pm_fixture_alloc_live();
            pm_trend *t = NULL;
            pm_fixture_alloc_fail_after(n);
            pm_status st = pm_trend_get(&t, s, &opts);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("allocation %ld failing: status %d: %s", n, (int)st, pm_session_errmsg(s));
            succeeded = st == PM_OK;
            if (succeeded) {
                assert_int_equal(pm_trend_points(t), 5);
                assert_int_equal(pm_trend_mk_s(t), -8);
                pm_trend_free(t);
            } else {
                assert_null(t);
            }
            if (pm_fixture_alloc_live() != live)
                fail_msg("allocation %ld failing: %ld leaked", n, pm_fixture_alloc_live() - live);
        }
        assert_true(succeeded);
    }
    pm_session_free(boss);
}

/* ---- pattern flags ---- */

typedef struct flag_view {
    pm_flag_kind kind;
    pm_id subject;
    double before, after;
    char basis[512];
} flag_view;

static size_t flags_of(pm_session *s, pm_id unit, const char *from, const char *to,
                       flag_view *out, size_t max)
{
    pm_flag_iter *it = NULL;
    assert_ok(s, pm_pattern_flags(&it, s, unit, D(from), D(to)));
    size_t n = 0;
    pm_flag *fl = NULL;
    while (pm_flag_iter_next(&fl, it) == PM_OK) {
        assert_true(n < max);
        out[n].kind = pm_flag_kind_get(fl);
        out[n].subject = pm_flag_subject(fl);
        out[n].before = pm_flag_before(fl);
        out[n].after = pm_flag_after(fl);
        snprintf(out[n].basis, sizeof out[n].basis, "%s", pm_flag_basis(fl));
        n++;
    }
    assert_int_equal(pm_flag_iter_next(&fl, it), PM_ITEROVER);
    pm_flag_iter_free(it);
    return n;
}

/* A unit of n people below lead (who is in no unit), measured monthly. */
typedef struct flag_team {
    pm_id unit, lead;
    pm_id people[5];
    size_t n;
} flag_team;

static flag_team make_team(pm_fixture *f, const char *name, size_t n)
{
    flag_team t;
    memset(&t, 0, sizeof t);
    t.unit = pm_fixture_unit(f, name, 0);
    char ext[32];
    snprintf(ext, sizeof ext, "%s-lead", name);
    t.lead = person_since(f, ext, 0, 0);
    t.n = n;
    for (size_t i = 0; i < n; i++) {
        snprintf(ext, sizeof ext, "%s-%zu", name, i);
        t.people[i] = person_since(f, ext, t.lead, t.unit);
    }
    return t;
}

/* Six monthly means starting at first and moving by step, each person
 * offset by -2..2. */
static void measure_months(pm_fixture *f, const flag_team *t, pm_id metric, double first,
                           double step)
{
    static const char *const days[6] = { "2026-01-10T09:00:00Z", "2026-02-10T09:00:00Z",
                                         "2026-03-10T09:00:00Z", "2026-04-10T09:00:00Z",
                                         "2026-05-10T09:00:00Z", "2026-06-10T09:00:00Z" };
    for (int k = 0; k < 6; k++)
        for (size_t i = 0; i < t->n; i++)
            measure(f, t->people[i], metric, first + step * k + ((double)i - 2.0), days[k]);
}

static void test_flags_declining_wellbeing_by_the_metric_direction(void **state)
{
    pm_fixture *f = *state;
    flag_team team = make_team(f, "Support", 5);
    pm_id mood = new_metric(f, "Mood", 0, 10, PM_HIGHER_IS_BETTER, 0.0);
    pm_id stress = new_metric(f, "Stress", 0, 10, PM_LOWER_IS_BETTER, 0.0);
    pm_id calm = new_metric(f, "Calm", 0, 10, PM_HIGHER_IS_BETTER, 0.0);
    new_metric(f, "Unused", 0, 10, PM_HIGHER_IS_BETTER, 0.0);
    measure_months(f, &team, mood, 8, -1);   /* falls: wrong way */
    measure_months(f, &team, stress, 2, 1);  /* rises: wrong way */
    measure_months(f, &team, calm, 2, 1);    /* rises: the right way */
    flag_view v[8];
    pm_session *lead = pm_fixture_session(f, team.lead);
    for (int who = 0; who < 2; who++) {
        size_t n = flags_of(who ? lead : f->sys, team.unit, "2026-01-01", "2026-06-15", v, 8);
        assert_int_equal(n, 2);
        assert_int_equal(v[0].kind, PM_FLAG_WELLBEING_DECLINING);
        assert_int_equal(v[0].subject, mood);
        assert_close(v[0].before, 8.0, 1e-12);
        assert_close(v[0].after, 3.0, 1e-12);
        /* Six strictly falling points: S = -15, var 28.33, Z = 14 / 5.323 =
         * 2.630, p = 0.0085; every pairwise slope is -1. */
        assert_string_equal(v[0].basis, "monthly Mood means, 6 months, Mann-Kendall p = 0.009, "
                                        "Theil-Sen slope -1.00 a month");
        assert_int_equal(v[1].kind, PM_FLAG_WELLBEING_DECLINING);
        assert_int_equal(v[1].subject, stress);
        assert_close(v[1].before, 2.0, 1e-12);
        assert_close(v[1].after, 7.0, 1e-12);
        assert_non_null(strstr(v[1].basis, "monthly Stress means, 6 months"));
    }
    /* The same as a trend: p below 0.05. */
    pm_trend_opts opts = trend_opts(mood, team.unit, PM_PERIOD_MONTH, "2026-01-01", "2026-06-15", 5);
    pm_trend *t = trend_of(f->sys, &opts);
    assert_int_equal(pm_trend_mk_s(t), -15);
    assert_true(pm_trend_mk_p(t) < 0.05);
    pm_trend_free(t);
    /* Someone in the unit may not see numbers about the others. */
    pm_session *member = pm_fixture_session(f, team.people[0]);
    pm_flag_iter *it = NULL;
    assert_fails(member, pm_pattern_flags(&it, member, team.unit, D("2026-01-01"), D("2026-06-15")),
                 PM_EPERM, "permission denied");
    assert_null(it);
    pm_session_free(member);
    pm_session_free(lead);
}

static void test_flags_stay_silent_below_the_minimum_group(void **state)
{
    pm_fixture *f = *state;
    flag_team team = make_team(f, "Tiny", 4);
    pm_id mood = new_metric(f, "Mood", 0, 10, PM_HIGHER_IS_BETTER, 0.0);
    measure_months(f, &team, mood, 8, -1);
    flag_view v[4];
    assert_int_equal(flags_of(f->sys, team.unit, "2026-01-01", "2026-06-15", v, 4), 0);
}

static void give(pm_fixture *f, pm_session *giver, pm_id receiver, const char *iso)
{
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = receiver;
    o.kind = PM_FEEDBACK_PRAISE;
    o.text = "Thanks for the help";
    o.at = at_time(iso);
    assert_ok(giver, pm_feedback_give(NULL, giver, &o));
    (void)f;
}

static void test_flags_falling_feedback_against_the_period_before(void **state)
{
    pm_fixture *f = *state;
    flag_team team = make_team(f, "Support", 5);
    pm_session *lead = pm_fixture_session(f, team.lead);
    /* 75 days from 2026-04-01; the period before starts on 2026-01-16. */
    for (size_t i = 0; i < 5; i++) {
        give(f, lead, team.people[i], "2026-02-10T09:00:00Z");
        give(f, lead, team.people[i], "2026-03-31T23:00:00Z");
    }
    give(f, lead, team.people[0], "2026-01-15T09:00:00Z"); /* before both periods */
    give(f, lead, team.people[0], "2026-05-10T09:00:00Z");
    give(f, lead, team.people[1], "2026-06-14T09:00:00Z");
    flag_view v[4];
    size_t n = flags_of(f->sys, team.unit, "2026-04-01", "2026-06-14", v, 4);
    assert_int_equal(n, 1);
    assert_int_equal(v[0].kind, PM_FLAG_FEEDBACK_FALLING);
    assert_int_equal(v[0].subject, 0);
    assert_close(v[0].before, 2.0, 1e-12);
    assert_close(v[0].after, 0.4, 1e-12);
    assert_string_equal(v[0].basis, "feedback received per person: 2.00 (10 for 5 people) from "
                                    "2026-01-16 to 2026-03-31, 0.40 (2 for 5 people) from "
                                    "2026-04-01 to 2026-06-14");
    /* A fall of less than a quarter raises nothing: 8 now against 10. */
    for (int i = 0; i < 6; i++)
        give(f, lead, team.people[i % 5], "2026-05-20T09:00:00Z");
    assert_int_equal(flags_of(f->sys, team.unit, "2026-04-01", "2026-06-14", v, 4), 0);
    pm_session_free(lead);
}

static void test_flags_refuse_short_periods_and_unknown_units(void **state)
{
    pm_fixture *f = *state;
    flag_team team = make_team(f, "Support", 5);
    pm_flag_iter *it = NULL;
    assert_fails(f->sys, pm_pattern_flags(&it, f->sys, team.unit, D("2026-01-01"), D("2026-01-28")),
                 PM_EINVAL, "to: must be at least 28 days after from");
    assert_null(it);
    assert_fails(f->sys, pm_pattern_flags(&it, f->sys, 999, D("2026-01-01"), D("2026-03-01")),
                 PM_ENOTFOUND, "unit");
    assert_fails(f->sys, pm_pattern_flags(&it, f->sys, -1, D("2026-01-01"), D("2026-03-01")),
                 PM_EINVAL, "unit: -1 is not a unit id");
    assert_fails(f->sys, pm_pattern_flags(&it, f->sys, team.unit, PM_DATE_NONE, D("2026-03-01")),
                 PM_EINVAL, "from");
    assert_fails(f->sys, pm_pattern_flags(NULL, f->sys, team.unit, D("2026-01-01"), D("2026-03-01")),
                 PM_EINVAL, "out");
    /* Exactly 28 days is enough; nothing measured raises nothing. */
    flag_view v[2];
    assert_int_equal(flags_of(f->sys, team.unit, "2026-01-01", "2026-01-29", v, 2), 0);
    assert_int_equal(flags_of(f->sys, 0, "2026-01-01", "2026-01-29", v, 2), 0);
    assert_int_equal(pm_flag_kind_get(NULL), 0);
    assert_null(pm_flag_basis(NULL));
    pm_flag_iter_free(NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_monthly_trend_of_a_unit_with_its_subtree),
        T(test_sub_unit_and_organisation_trends_count_their_own_people),
        T(test_weeks_and_quarters),
        T(test_measurements_on_the_edge_of_a_period),
        T(test_trend_refuses_bad_options),
        T(test_trend_is_for_those_above_everyone_counted),
        T(test_trend_survives_running_out_of_memory),
        T(test_flags_declining_wellbeing_by_the_metric_direction),
        T(test_flags_stay_silent_below_the_minimum_group),
        T(test_flags_falling_feedback_against_the_period_before),
        T(test_flags_refuse_short_periods_and_unknown_units),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
