/* Evaluations on every backend through the public API: results from
 * measurements in windows checked against core/stats.c called on the same
 * data, published and hand-computed examples (paired t, Wilcoxon,
 * difference in differences, reliable change), missing data counted,
 * suppression, refusals that write nothing, access, and running out of
 * memory. Reference values were computed independently with mpmath (30
 * digits); the tolerance is next to each check. */
#include "fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "core/stats.h"
#include "test_evaluation_helpers.h"
#include "test_programme_helpers.h"

#define JAN_FROM "2026-01-01T00:00:00Z"
#define JAN_TO "2026-01-31T23:59:59Z"
#define APR_FROM "2026-04-01T00:00:00Z"
#define APR_TO "2026-04-30T23:59:59Z"

static pm_id *people(pm_fixture *f, const char *prefix, size_t n)
{
    pm_id *ids = calloc(n, sizeof *ids);
    assert_non_null(ids);
    for (size_t i = 0; i < n; i++) {
        char ext[32];
        snprintf(ext, sizeof ext, "%s%zu", prefix, i);
        ids[i] = pm_fixture_person(f, ext, ext, 0, 0);
    }
    return ids;
}

static pm_evaluation_opts eval_opts(pm_id metric, const pm_id *participants, size_t n,
                                    int windows, int min_group)
{
    pm_evaluation_opts o = PM_EVALUATION_OPTS_INIT;
    o.title = "Resilience training";
    o.metric = metric;
    o.participants = participants;
    o.nparticipants = n;
    o.min_group = min_group;
    if (windows) {
        o.pre_from = at_time(JAN_FROM);
        o.pre_to = at_time(JAN_TO);
        o.post_from = at_time(APR_FROM);
        o.post_to = at_time(APR_TO);
    }
    return o;
}

static pm_id create(pm_fixture *f, const pm_evaluation_opts *o)
{
    pm_id id = 0;
    assert_ok(f->sys, pm_evaluation_create(&id, f->sys, o));
    assert_true(id > 0);
    return id;
}

static pm_evaluation_result result_of(pm_fixture *f, pm_id evaluation)
{
    pm_evaluation_result r = PM_EVALUATION_RESULT_INIT;
    assert_ok(f->sys, pm_evaluation_result_get(&r, f->sys, evaluation));
    return r;
}

/* ---- windows ---- */

static void test_result_from_windows_matches_the_statistics_on_the_same_data(void **state)
{
    pm_fixture *f = *state;
    pm_id energy = new_metric(f, "Energy", 0, 100, PM_HIGHER_IS_BETTER, 0.0);
    pm_id other = new_metric(f, "Other", 0, 100, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 6);
    static const double pre[6][2] = { { 50, 54 }, { 60, 62 }, { 40, 44 },
                                      { 70, 70 }, { 55, 59 }, { 45, 47 } };
    static const double post[6][2] = { { 60, NAN }, { 61, 65 }, { 52, NAN },
                                       { 72, NAN }, { 58, 62 }, { 55, NAN } };
    double pre_mean[6], post_mean[6], change[6];
    for (int i = 0; i < 6; i++) {
        measure(f, p[i], energy, pre[i][0], "2026-01-05T09:00:00Z");
        measure(f, p[i], energy, pre[i][1], "2026-01-31T23:59:59Z");
        measure(f, p[i], energy, post[i][0], "2026-04-01T00:00:00Z");
        int two = !isnan(post[i][1]);
        if (two)
            measure(f, p[i], energy, post[i][1], "2026-04-20T09:00:00Z");
        /* Outside the windows, or another metric: not counted. */
        measure(f, p[i], energy, 0, "2025-12-31T23:59:59Z");
        measure(f, p[i], energy, 100, "2026-02-15T09:00:00Z");
        measure(f, p[i], energy, 100, "2026-05-01T00:00:00Z");
        measure(f, p[i], other, 99, "2026-01-10T09:00:00Z");
        measure(f, p[i], other, 1, "2026-04-10T09:00:00Z");
        pre_mean[i] = (pre[i][0] + pre[i][1]) / 2;
        post_mean[i] = two ? (post[i][0] + post[i][1]) / 2 : post[i][0];
        change[i] = post_mean[i] - pre_mean[i];
    }
    pm_evaluation_opts o = eval_opts(energy, p, 6, 1, 5);
    pm_evaluation_result r = result_of(f, create(f, &o));

    pm_paired want;
    assert_int_equal(pm_stats__paired(&want, pre_mean, post_mean, 6), PM_OK);
    pm_wilcoxon w;
    assert_int_equal(pm_stats__wilcoxon(&w, change, 6), PM_OK);
    /* Same data, same functions: equal to rounding (1e-12). */
    assert_int_equal(r.suppressed, 0);
    assert_int_equal(r.participants, 6);
    assert_int_equal(r.n, 6);
    assert_int_equal(r.missing_pre, 0);
    assert_int_equal(r.missing_post, 0);
    assert_close(r.pre_mean, want.pre_mean, 1e-12);
    assert_close(r.post_mean, want.post_mean, 1e-12);
    assert_close(r.pre_sd, want.pre_sd, 1e-12);
    assert_close(r.post_sd, want.post_sd, 1e-12);
    assert_close(r.mean_change, want.mean_change, 1e-12);
    assert_close(r.sd_change, want.sd_change, 1e-12);
    assert_close(r.t, want.t, 1e-12);
    assert_int_equal(r.df, 5);
    assert_close(r.p, want.p, 1e-12);
    assert_close(r.ci_low, want.ci_low, 1e-12);
    assert_close(r.ci_high, want.ci_high, 1e-12);
    assert_close(r.d_z, want.d_z, 1e-12);
    assert_close(r.g_av, want.g_av, 1e-12);
    assert_close(r.wilcoxon_w, w.w_plus, 1e-12);
    assert_int_equal(r.wilcoxon_n, (int)w.n);
    assert_close(r.wilcoxon_p, w.p, 1e-12);
    assert_int_equal(r.wilcoxon_exact, w.exact);
    /* And the means by hand: pre means 52, 61, 42, 70, 57, 46; post means
     * 60, 63, 52, 72, 60, 55. */
    assert_close(r.pre_mean, 328.0 / 6, 1e-12);
    assert_close(r.post_mean, 362.0 / 6, 1e-12);
    assert_close(r.mean_change, 34.0 / 6, 1e-12);
    assert_int_equal(r.has_comparison, 0);
    assert_int_equal(r.has_rci, 0);
    free(p);
}

/* ---- explicit values: Student's sleep data ---- */

/* Cushny and Peebles' sleep data as analysed by Student (1908): the extra
 * hours of sleep of ten patients, taken here as pre 0 and post the
 * difference. R: t.test(d) gives t = 4.0621, df = 9, p-value = 0.002833,
 * 95% CI 0.7001142 to 2.4598858; wilcox.test(d) V = 45, p-value = 0.009091
 * (normal approximation: a zero and a tie). */
static const double sleep[10] = { 1.2, 2.4, 1.3, 1.3, 0.0, 1.0, 1.8, 0.8, 4.6, 1.4 };

static void test_explicit_values_reproduce_the_published_paired_example(void **state)
{
    pm_fixture *f = *state;
    pm_id hours = new_metric(f, "Extra sleep", 0, 10, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "S", 10);
    pm_evaluation_opts o = eval_opts(hours, p, 10, 0, 5);
    pm_id id = create(f, &o);
    /* A first value is replaced by the second call. */
    assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, p[0], 5.0, 5.0));
    for (int i = 0; i < 10; i++)
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, p[i], 0.0, sleep[i]));
    pm_evaluation_result r = result_of(f, id);
    assert_int_equal(r.suppressed, 0);
    assert_int_equal(r.n, 10);
    assert_int_equal(r.df, 9);
    /* Tolerance 1e-6 relative against the 30-digit reference. */
    assert_close(r.mean_change, 1.58, 1e-9);
    assert_close(r.sd_change, 1.229995483279873, 1e-9);
    assert_close(r.t, 4.062127683382036, 1e-6);
    assert_close(r.p, 0.002832890197384273, 1e-6);
    assert_close(r.ci_low, 0.7001142367230172, 1e-6);
    assert_close(r.ci_high, 2.459885763276983, 1e-6);
    assert_close(r.d_z, 1.284557562591054, 1e-6);
    /* g_av: 1.58 / ((0 + 1.229995) / 2) x (1 - 3 / 35). */
    assert_close(r.g_av, 2.348905257309357, 1e-6);
    assert_close(r.wilcoxon_w, 45.0, 1e-12);
    assert_int_equal(r.wilcoxon_n, 9);
    assert_int_equal(r.wilcoxon_exact, 0);
    assert_close(r.wilcoxon_p, 0.009090698015925062, 1e-6);
    free(p);
}

/* ---- comparison group ---- */

static void test_comparison_group_gives_the_difference_in_differences(void **state)
{
    pm_fixture *f = *state;
    pm_id m = new_metric(f, "Engagement", 0, 20, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 5);
    pm_id *c = people(f, "C", 5);
    pm_evaluation_opts o = eval_opts(m, p, 5, 0, 5);
    o.comparison = c;
    o.ncomparison = 5;
    pm_id id = create(f, &o);
    /* Changes 2..6 (mean 4) against 0, 1, 1, 2, 1 (mean 1). */
    static const double cchange[5] = { 0, 1, 1, 2, 1 };
    for (int i = 0; i < 5; i++) {
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, p[i], 10.0 - i, 12.0));
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, c[i], 5.0 + i, 5.0 + i + cchange[i]));
    }
    pm_evaluation_result r = result_of(f, id);
    assert_int_equal(r.participants, 5);
    assert_int_equal(r.n, 5);
    assert_close(r.mean_change, 4.0, 1e-12);
    assert_int_equal(r.has_comparison, 1);
    assert_int_equal(r.comparison_n, 5);
    assert_close(r.comparison_change, 1.0, 1e-12);
    assert_close(r.did, 3.0, 1e-12);
    /* By hand: Welch se = sqrt(2.5/5 + 0.5/5) = sqrt(0.6), df = 0.36 / 0.065
     * = 5.538462, t(0.975, df) = 2.4985..., CI 3 -+ t x se (mpmath). */
    assert_close(r.did_ci_low, 1.065676849466679, 1e-6);
    assert_close(r.did_ci_high, 4.934323150533321, 1e-6);
    free(p);
    free(c);
}

static void test_comparison_group_smaller_than_the_minimum_is_not_analysed(void **state)
{
    pm_fixture *f = *state;
    pm_id m = new_metric(f, "Engagement", 0, 20, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 5);
    pm_id *c = people(f, "C", 5);
    pm_evaluation_opts o = eval_opts(m, p, 5, 0, 5);
    o.comparison = c;
    o.ncomparison = 5;
    pm_id id = create(f, &o);
    for (int i = 0; i < 5; i++)
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, p[i], 10.0, 11.0 + i));
    /* Only three comparison people have both values. */
    for (int i = 0; i < 3; i++)
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, c[i], 10.0, 10.0 + i));
    pm_evaluation_result r = result_of(f, id);
    assert_int_equal(r.has_comparison, 0);
    assert_int_equal(r.comparison_n, 3);
    assert_close(r.comparison_change, 0.0, 0.0);
    assert_close(r.did, 0.0, 0.0);
    assert_close(r.mean_change, 3.0, 1e-12);
    free(p);
    free(c);
}

/* ---- reliable change ---- */

static pm_evaluation_result rci_result(pm_fixture *f, const char *name,
                                       pm_metric_direction direction, double reliability,
                                       const char *prefix)
{
    pm_id m = new_metric(f, name, 0, 30, direction, reliability);
    pm_id *p = people(f, prefix, 5);
    pm_evaluation_opts o = eval_opts(m, p, 5, 0, 5);
    pm_id id = create(f, &o);
    /* Pre SD sqrt(10); SE of a difference sqrt(2 x 10 x 0.2) = 2 with
     * r = 0.8, so a change is reliable beyond 3.92: 5 and 4 up, -5 down. */
    static const double pre[5] = { 10, 12, 14, 16, 18 };
    static const double post[5] = { 15, 7, 15, 20, 18 };
    for (int i = 0; i < 5; i++)
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, p[i], pre[i], post[i]));
    free(p);
    return result_of(f, id);
}

static void test_reliable_change_counts_by_the_metric_direction(void **state)
{
    pm_fixture *f = *state;
    pm_evaluation_result up = rci_result(f, "Focus", PM_HIGHER_IS_BETTER, 0.8, "H");
    assert_close(up.pre_sd, sqrt(10.0), 1e-12);
    assert_int_equal(up.has_rci, 1);
    assert_int_equal(up.reliable_improved, 2);
    assert_int_equal(up.reliable_worsened, 1);
    assert_close(up.reliable_share, 0.6, 1e-12);
    pm_evaluation_result down = rci_result(f, "Strain", PM_LOWER_IS_BETTER, 0.8, "L");
    assert_int_equal(down.has_rci, 1);
    assert_int_equal(down.reliable_improved, 1);
    assert_int_equal(down.reliable_worsened, 2);
    assert_close(down.reliable_share, 0.6, 1e-12);
    /* r = 0.2: SE sqrt(2 x 10 x 0.8) = 4, threshold 7.84: no one. */
    pm_evaluation_result loose = rci_result(f, "Calm", PM_HIGHER_IS_BETTER, 0.2, "R");
    assert_int_equal(loose.has_rci, 1);
    assert_int_equal(loose.reliable_improved + loose.reliable_worsened, 0);
    assert_close(loose.reliable_share, 0.0, 0.0);
    pm_evaluation_result none = rci_result(f, "Joy", PM_HIGHER_IS_BETTER, 0.0, "N");
    assert_int_equal(none.has_rci, 0);
    assert_int_equal(none.reliable_improved + none.reliable_worsened, 0);
}

/* ---- missing data and suppression ---- */

/* Seven participants: P0 without a pre value, P1 without a post value, P2
 * with neither, P3-P6 with both. */
static pm_id missing_design(pm_fixture *f, int min_group, double *pre, double *post)
{
    pm_id m = new_metric(f, "Energy", 0, 100, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 7);
    measure(f, p[0], m, 40, "2026-04-10T09:00:00Z");
    measure(f, p[1], m, 40, "2026-01-10T09:00:00Z");
    measure(f, p[2], m, 40, "2026-03-10T09:00:00Z");
    for (int i = 3; i < 7; i++) {
        pre[i - 3] = 40 + 3 * i;
        post[i - 3] = 45 + i * i;
        measure(f, p[i], m, pre[i - 3], "2026-01-10T09:00:00Z");
        measure(f, p[i], m, post[i - 3], "2026-04-10T09:00:00Z");
    }
    pm_evaluation_opts o = eval_opts(m, p, 7, 1, min_group);
    pm_id id = create(f, &o);
    free(p);
    return id;
}

static void test_missing_values_are_counted_not_dropped(void **state)
{
    pm_fixture *f = *state;
    double pre[4], post[4];
    pm_evaluation_result r = result_of(f, missing_design(f, 3, pre, post));
    assert_int_equal(r.suppressed, 0);
    assert_int_equal(r.participants, 7);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.missing_pre, 2);
    assert_int_equal(r.missing_post, 2);
    pm_paired want;
    assert_int_equal(pm_stats__paired(&want, pre, post, 4), PM_OK);
    assert_close(r.pre_mean, want.pre_mean, 1e-12);
    assert_close(r.t, want.t, 1e-12);
    assert_int_equal(r.df, 3);
}

static void test_result_below_the_minimum_group_gives_only_the_counts(void **state)
{
    pm_fixture *f = *state;
    double pre[4], post[4];
    pm_evaluation_result r = result_of(f, missing_design(f, 5, pre, post));
    assert_int_equal(r.suppressed, 1);
    assert_int_equal(r.participants, 7);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.missing_pre, 2);
    assert_int_equal(r.missing_post, 2);
    assert_close(r.pre_mean, 0.0, 0.0);
    assert_close(r.mean_change, 0.0, 0.0);
    assert_close(r.t, 0.0, 0.0);
    assert_close(r.p, 0.0, 0.0);
    assert_int_equal(r.df, 0);
    assert_close(r.wilcoxon_w, 0.0, 0.0);
}

static void test_fewer_than_two_pairs_is_refused_with_the_counts(void **state)
{
    pm_fixture *f = *state;
    pm_id m = new_metric(f, "Energy", 0, 100, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 4);
    measure(f, p[0], m, 50, "2026-01-10T09:00:00Z");
    for (int i = 0; i < 4; i++)
        measure(f, p[i], m, 60, "2026-04-10T09:00:00Z");
    pm_evaluation_opts o = eval_opts(m, p, 4, 1, 3);
    pm_id id = create(f, &o);
    char *before = pm_fixture_store_dump(f);
    pm_evaluation_result r = PM_EVALUATION_RESULT_INIT;
    assert_fails(f->sys, pm_evaluation_result_get(&r, f->sys, id), PM_EINVAL,
                 "evaluation: 1 participant has both values (3 have no pre value, 0 no post "
                 "value); at least 2 are needed");
    assert_int_equal(r.n, 0);
    /* With explicit values: nobody has any yet. */
    pm_evaluation_opts e = eval_opts(m, p, 4, 0, 3);
    pm_id explicit_id = create(f, &e);
    free(before);
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_evaluation_result_get(&r, f->sys, explicit_id), PM_EINVAL,
                 "evaluation: 0 participants have both values (4 have no pre value, 4 no post "
                 "value)");
    pm_fixture_assert_store_is(f, before);
    free(p);
}

/* ---- programmes ---- */

static void test_programme_without_participants_takes_those_who_completed_it(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id prog = new_programme(f, "Leading teams", 0, &fw.leadership, 1);
    pm_id *p = people(f, "P", 5);
    for (int i = 0; i < 5; i++) {
        year_plan(f, p[i]);
        enrol(f, prog, p[i]);
    }
    for (int i = 0; i < 3; i++)
        assert_ok(f->sys, pm_programme_complete(f->sys, prog, p[i], PM_RESULT_PASSED, PM_DATE_NONE));
    assert_ok(f->sys, pm_programme_drop(f->sys, prog, p[3]));
    pm_id m = new_metric(f, "Confidence", 1, 5, PM_HIGHER_IS_BETTER, 0.0);
    pm_evaluation_opts o = eval_opts(m, NULL, 0, 0, 3);
    o.programme = prog;
    pm_id id = create(f, &o);
    for (int i = 0; i < 3; i++)
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, p[i], 2.0, 3.0 + i * 0.5));
    /* The dropped and the still enrolled are not participants. */
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, p[3], 2.0, 3.0), PM_ENOTFOUND,
                 "is in neither group");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, p[4], 2.0, 3.0), PM_ENOTFOUND,
                 "is in neither group");
    pm_evaluation_result r = result_of(f, id);
    assert_int_equal(r.participants, 3);
    assert_int_equal(r.n, 3);
    assert_close(r.mean_change, 1.5, 1e-12);
    /* A programme nobody completed gives no participants. */
    pm_id empty = new_programme(f, "Writing well", 0, &fw.writing, 1);
    char *before = pm_fixture_store_dump(f);
    o.programme = empty;
    assert_fails(f->sys, pm_evaluation_create(NULL, f->sys, &o), PM_EINVAL,
                 "evaluation.participants: no one has completed programme");
    o.programme = 999;
    assert_fails(f->sys, pm_evaluation_create(NULL, f->sys, &o), PM_ENOTFOUND,
                 "evaluation.programme: programme 999 does not exist");
    pm_fixture_assert_store_is(f, before);
    free(p);
}

/* ---- refusals ---- */

enum bad_case {
    BAD_TITLE_BLANK, BAD_TITLE_NEWLINE, BAD_PRE_ENDS_BEFORE_START, BAD_POST_ENDS_BEFORE_START,
    BAD_WINDOWS_OVERLAP, BAD_WINDOWS_TOUCH, BAD_WINDOW_MISSING, BAD_MIN_GROUP_2,
    BAD_MIN_GROUP_11, BAD_BOTH_GROUPS, BAD_REPEATED, BAD_METRIC_UNKNOWN, BAD_METRIC_0,
    BAD_PERSON_UNKNOWN, BAD_COMPARISON_UNKNOWN, BAD_NO_PARTICIPANTS, BAD_EMPTY_PARTICIPANTS,
    BAD_VERSION, BAD_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_expect[BAD_COUNT] = {
    [BAD_TITLE_BLANK] = { PM_EINVAL, "evaluation.title: must not be blank" },
    [BAD_TITLE_NEWLINE] = { PM_EINVAL, "evaluation.title" },
    [BAD_PRE_ENDS_BEFORE_START] = { PM_EINVAL, "evaluation.pre_to: ends before it starts" },
    [BAD_POST_ENDS_BEFORE_START] = { PM_EINVAL, "evaluation.post_to: ends before it starts" },
    [BAD_WINDOWS_OVERLAP] = { PM_EINVAL, "evaluation.post_from: overlaps the pre window" },
    [BAD_WINDOWS_TOUCH] = { PM_EINVAL, "evaluation.post_from: overlaps the pre window" },
    [BAD_WINDOW_MISSING] = { PM_EINVAL, "evaluation.post_to: must be given with the other windows" },
    [BAD_MIN_GROUP_2] = { PM_EINVAL, "evaluation.min_group: 2 is outside 3 to 10" },
    [BAD_MIN_GROUP_11] = { PM_EINVAL, "evaluation.min_group: 11 is outside 3 to 10" },
    [BAD_BOTH_GROUPS] = { PM_EINVAL, "is also a participant" },
    [BAD_REPEATED] = { PM_EINVAL, "is listed twice" },
    [BAD_METRIC_UNKNOWN] = { PM_ENOTFOUND, "evaluation.metric" },
    [BAD_METRIC_0] = { PM_EINVAL, "evaluation.metric" },
    [BAD_PERSON_UNKNOWN] = { PM_ENOTFOUND, "evaluation.participants: person 999 does not exist" },
    [BAD_COMPARISON_UNKNOWN] = { PM_ENOTFOUND, "evaluation.comparison: person 998 does not exist" },
    [BAD_NO_PARTICIPANTS] = { PM_EINVAL, "evaluation.participants: must be given" },
    [BAD_EMPTY_PARTICIPANTS] = { PM_EINVAL, "evaluation.participants: must not be empty" },
    [BAD_VERSION] = { PM_EVERSION, "evaluation_opts.version: 0" },
};

static void test_create_refuses_bad_designs_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id m = new_metric(f, "Energy", 0, 100, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 5);
    pm_id twice[3] = { p[0], p[1], p[0] };
    pm_id unknown[2] = { p[0], 999 };
    pm_id stranger[1] = { 998 };
    pm_id overlap[2] = { p[4], p[2] };
    char *before = pm_fixture_store_dump(f);
    for (int c = 0; c < BAD_COUNT; c++) {
        pm_evaluation_opts o = eval_opts(m, p, 4, 1, 5);
        switch ((enum bad_case)c) {
        case BAD_TITLE_BLANK: o.title = "   "; break;
        case BAD_TITLE_NEWLINE: o.title = "Two\nlines"; break;
        case BAD_PRE_ENDS_BEFORE_START: o.pre_to = o.pre_from - 1; break;
        case BAD_POST_ENDS_BEFORE_START: o.post_to = o.post_from - 1; break;
        case BAD_WINDOWS_OVERLAP: o.post_from = o.pre_to - 3600; break;
        case BAD_WINDOWS_TOUCH: o.post_from = o.pre_to; break;
        case BAD_WINDOW_MISSING: o.post_to = 0; break;
        case BAD_MIN_GROUP_2: o.min_group = 2; break;
        case BAD_MIN_GROUP_11: o.min_group = 11; break;
        case BAD_BOTH_GROUPS: o.comparison = overlap; o.ncomparison = 2; break;
        case BAD_REPEATED: o.participants = twice; o.nparticipants = 3; break;
        case BAD_METRIC_UNKNOWN: o.metric = 999; break;
        case BAD_METRIC_0: o.metric = 0; break;
        case BAD_PERSON_UNKNOWN: o.participants = unknown; o.nparticipants = 2; break;
        case BAD_COMPARISON_UNKNOWN: o.comparison = stranger; o.ncomparison = 1; break;
        case BAD_NO_PARTICIPANTS: o.participants = NULL; o.nparticipants = 0; break;
        case BAD_EMPTY_PARTICIPANTS: o.nparticipants = 0; break;
        case BAD_VERSION: o.version = 0; break;
        case BAD_COUNT: break;
        }
        pm_id id = 77;
        pm_status st = pm_evaluation_create(&id, f->sys, &o);
        if (st != bad_expect[c].status)
            fail_msg("case %d: status %d, expected %d: %s", c, (int)st, (int)bad_expect[c].status,
                     pm_session_errmsg(f->sys));
        if (strstr(pm_session_errmsg(f->sys), bad_expect[c].needle) == NULL)
            fail_msg("case %d: message '%s' lacks '%s'", c, pm_session_errmsg(f->sys),
                     bad_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_check_store(f, before, "refused evaluation");
    }
    /* The repeated person is named. */
    pm_evaluation_opts o = eval_opts(m, twice, 3, 1, 5);
    char needle[96];
    snprintf(needle, sizeof needle, "evaluation.participants: person %lld is listed twice",
             (long long)p[0]);
    assert_fails(f->sys, pm_evaluation_create(NULL, f->sys, &o), PM_EINVAL, needle);
    assert_int_equal(pm_evaluation_create(NULL, f->sys, NULL), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    free(p);
}

static void test_set_values_refuses_bad_values_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id m = new_metric(f, "Energy", 0, 100, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 4);
    pm_id outsider = pm_fixture_person(f, "X", "X", 0, 0);
    pm_evaluation_opts e = eval_opts(m, p, 3, 0, 3);
    pm_id id = create(f, &e);
    pm_evaluation_opts w = eval_opts(m, p, 3, 1, 3);
    pm_id windowed = create(f, &w);
    assert_ok(f->sys, pm_evaluation_set_values(f->sys, id, p[0], 10, 20));
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, p[0], 120, 20), PM_EINVAL,
                 "pre: 120 is outside the metric's scale 0 to 100");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, p[0], 10, -0.5), PM_EINVAL,
                 "post: -0.5 is outside the metric's scale 0 to 100");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, p[0], NAN, 20), PM_EINVAL,
                 "pre: must be a finite number");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, p[0], 10, INFINITY), PM_EINVAL,
                 "post: must be a finite number");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, windowed, p[0], 10, 20), PM_EINVAL,
                 "has pre and post windows");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, outsider, 10, 20), PM_ENOTFOUND,
                 "is in neither group");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, id, p[3], 10, 20), PM_ENOTFOUND,
                 "is in neither group");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, 999, p[0], 10, 20), PM_ENOTFOUND,
                 "evaluation: evaluation 999 does not exist");
    assert_fails(f->sys, pm_evaluation_set_values(f->sys, 0, p[0], 10, 20), PM_EINVAL,
                 "evaluation: 0 is not an evaluation id");
    pm_fixture_assert_store_is(f, before);
    pm_evaluation_result r = PM_EVALUATION_RESULT_INIT;
    r.version = 9;
    assert_fails(f->sys, pm_evaluation_result_get(&r, f->sys, id), PM_EVERSION,
                 "evaluation_result.version: 9");
    r.version = PM_EVALUATION_RESULT_VERSION;
    assert_fails(f->sys, pm_evaluation_result_get(&r, f->sys, 999), PM_ENOTFOUND,
                 "evaluation 999 does not exist");
    free(p);
}

static void test_opts_init_fills_the_defaults(void **state)
{
    (void)state;
    pm_evaluation_opts o;
    memset(&o, 0xff, sizeof o);
    assert_int_equal(pm_evaluation_opts_init(&o, PM_EVALUATION_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_EVALUATION_OPTS_VERSION);
    assert_int_equal(o.min_group, 5);
    assert_null(o.participants);
    assert_int_equal(o.pre_from, 0);
    assert_int_equal(pm_evaluation_opts_init(&o, 2), PM_EVERSION);
    assert_int_equal(pm_evaluation_opts_init(NULL, 1), PM_EINVAL);
}

/* ---- access ---- */

static void test_only_hr_and_the_system_run_evaluations(void **state)
{
    pm_fixture *f = *state;
    pm_id m = new_metric(f, "Energy", 0, 100, PM_HIGHER_IS_BETTER, 0.0);
    pm_id *p = people(f, "P", 3);
    pm_id boss = pm_fixture_person(f, "B", "Boss", 0, 0);
    pm_person_opts ho = PM_PERSON_OPTS_INIT;
    ho.external_id = "HR";
    ho.display_name = "HR";
    ho.hr_admin = 1;
    pm_id hr = 0;
    assert_ok(f->sys, pm_person_create(&hr, f->sys, &ho));
    pm_evaluation_opts o = eval_opts(m, p, 3, 0, 3);
    pm_id id = create(f, &o);
    pm_session *peer = pm_fixture_session(f, p[0]);
    pm_session *b = pm_fixture_session(f, boss);
    pm_session *h = pm_fixture_session(f, hr);
    char *before = pm_fixture_store_dump(f);
    assert_fails(peer, pm_evaluation_create(NULL, peer, &o), PM_EPERM, "may not run evaluations");
    assert_fails(b, pm_evaluation_set_values(b, id, p[0], 1, 2), PM_EPERM, "may not run evaluations");
    pm_evaluation_result r = PM_EVALUATION_RESULT_INIT;
    assert_fails(peer, pm_evaluation_result_get(&r, peer, id), PM_EPERM, "may not run evaluations");
    pm_fixture_assert_store_is(f, before);
    for (int i = 0; i < 3; i++)
        assert_ok(h, pm_evaluation_set_values(h, id, p[i], 1, 2 + i));
    assert_ok(h, pm_evaluation_result_get(&r, h, id));
    assert_int_equal(r.n, 3);
    assert_close(r.mean_change, 2.0, 1e-12);
    assert_ok(h, pm_evaluation_create(NULL, h, &o));
    pm_session_free(peer);
    pm_session_free(b);
    pm_session_free(h);
    free(p);
}

/* ---- running out of memory ---- */

static void test_create_and_result_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    pm_id m = new_metric(f, "Energy", 0, 100, PM_HIGHER_IS_BETTER, 0.7);
    pm_id *p = people(f, "P", 6);
    pm_id *c = people(f, "C", 5);
    for (int i = 0; i < 6; i++) {
        measure(f, p[i], m, 40 + i, "2026-01-10T09:00:00Z");
        measure(f, p[i], m, 50 + i * i, "2026-04-10T09:00:00Z");
    }
    for (int i = 0; i < 5; i++) {
        measure(f, c[i], m, 40 + i, "2026-01-10T09:00:00Z");
        measure(f, c[i], m, 42 + i, "2026-04-10T09:00:00Z");
    }
    pm_evaluation_opts o = eval_opts(m, p, 6, 1, 5);
    o.comparison = c;
    o.ncomparison = 5;
    /* A first one, so that the memory backend's id blocks of both kinds
     * exist: they outlive a rollback by design and are not a leak. */
    create(f, &o);
    pm_id id = 0;
    int succeeded = 0;
    for (long n = 0; n < 1000 && !succeeded; n++) {
        char *before = pm_fixture_store_dump(f);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_evaluation_create(&id, f->sys, &o);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(f->sys));
        succeeded = st == PM_OK;
        if (!succeeded) {
            assert_int_equal(id, 0);
            pm_fixture_check_store(f, before, "evaluation create");
            if (pm_fixture_alloc_live() != live)
                fail_msg("allocation %ld failing: %ld leaked", n, pm_fixture_alloc_live() - live);
        }
        free(before);
    }
    assert_true(succeeded);
    pm_evaluation_result want = result_of(f, id);
    assert_int_equal(want.has_comparison, 1);
    assert_int_equal(want.has_rci, 1);
    succeeded = 0;
    for (long n = 0; n < 1000 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_evaluation_result r = PM_EVALUATION_RESULT_INIT;
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_evaluation_result_get(&r, f->sys, id);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(f->sys));
        succeeded = st == PM_OK;
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld leaked", n, pm_fixture_alloc_live() - live);
        if (succeeded) {
            assert_close(r.t, want.t, 0.0);
            assert_close(r.did, want.did, 0.0);
            assert_close(r.wilcoxon_p, want.wilcoxon_p, 0.0);
            assert_int_equal(r.reliable_improved, want.reliable_improved);
        } else {
            assert_int_equal(r.n, 0);
        }
    }
    assert_true(succeeded);
    free(p);
    free(c);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_result_from_windows_matches_the_statistics_on_the_same_data),
        T(test_explicit_values_reproduce_the_published_paired_example),
        T(test_comparison_group_gives_the_difference_in_differences),
        T(test_comparison_group_smaller_than_the_minimum_is_not_analysed),
        T(test_reliable_change_counts_by_the_metric_direction),
        T(test_missing_values_are_counted_not_dropped),
        T(test_result_below_the_minimum_group_gives_only_the_counts),
        T(test_fewer_than_two_pairs_is_refused_with_the_counts),
        T(test_programme_without_participants_takes_those_who_completed_it),
        T(test_create_refuses_bad_designs_and_writes_nothing),
        T(test_set_values_refuses_bad_values_and_writes_nothing),
        cmocka_unit_test(test_opts_init_fills_the_defaults),
        T(test_only_hr_and_the_system_run_evaluations),
        T(test_create_and_result_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
