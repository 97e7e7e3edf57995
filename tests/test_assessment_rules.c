/* The pure rules of core/assessment.c, without a store: which assessment of
 * a source is the latest, the manager-first and weighted level rules
 * against hand-computed values, the checks of a rule, and who sees an
 * assessment of a round not yet released. */
#include "fixture.h"

#include <math.h>
#include <string.h>

#include "core/assessment.h"

#define D(iso) pm_fixture_date(iso)

static void assert_near_at(double actual, double expected, double tolerance, const char *what,
                           int line)
{
    double diff = actual - expected;
    /* Written so that a NaN result fails too. */
    if (!(diff <= tolerance && diff >= -tolerance))
        fail_msg("line %d: %s is %.17g, expected %.17g (tolerance %g)", line, what, actual,
                 expected, tolerance);
}
#define assert_near(actual, expected) \
    assert_near_at((actual), (expected), 1e-12, #actual, __LINE__)

static pm_level_rule manager_first(void)
{
    pm_level_rule r = PM_LEVEL_RULE_INIT;
    return r;
}

static pm_level_rule weighted(double self, double manager, double review360)
{
    pm_level_rule r = PM_LEVEL_RULE_INIT;
    r.kind = PM_LEVEL_WEIGHTED;
    r.self_weight = self;
    r.manager_weight = manager;
    r.review360_weight = review360;
    return r;
}

/* Sources with the given levels; 0 means "no assessment from it". */
static pm_level_sources sources(int self, int manager, int review360)
{
    pm_level_sources s;
    memset(&s, 0, sizeof s);
    if (self)
        pm_level_sources__note(&s, PM_ASSESSED_BY_SELF, D("2026-01-10"), 1, self);
    if (manager)
        pm_level_sources__note(&s, PM_ASSESSED_BY_MANAGER, D("2026-01-10"), 2, manager);
    if (review360)
        pm_level_sources__note(&s, PM_ASSESSED_BY_360, D("2026-01-10"), 3, review360);
    return s;
}

static void compute(double *level, int *assessed, pm_level_rule rule, pm_level_sources s)
{
    *level = -1;
    *assessed = -1;
    pm_level__compute(level, assessed, &rule, &s);
}

static void test_the_latest_of_a_source_is_the_greatest_date_then_id(void **state)
{
    (void)state;
    pm_level_sources s;
    memset(&s, 0, sizeof s);
    /* Noted out of order: the order of notes must not matter. */
    pm_level_sources__note(&s, PM_ASSESSED_BY_SELF, D("2026-03-01"), 7, 4);
    pm_level_sources__note(&s, PM_ASSESSED_BY_SELF, D("2026-01-01"), 9, 1);
    pm_level_sources__note(&s, PM_ASSESSED_BY_SELF, D("2026-03-01"), 5, 2);
    assert_true(s.by[PM_ASSESSED_BY_SELF].present);
    assert_int_equal(s.by[PM_ASSESSED_BY_SELF].level, 4);
    assert_int_equal(s.by[PM_ASSESSED_BY_SELF].id, 7);
    /* A later day wins over a greater id. */
    pm_level_sources__note(&s, PM_ASSESSED_BY_SELF, D("2026-03-02"), 3, 5);
    assert_int_equal(s.by[PM_ASSESSED_BY_SELF].level, 5);
    /* Same day, greater id: the one recorded later holds. */
    pm_level_sources__note(&s, PM_ASSESSED_BY_SELF, D("2026-03-02"), 4, 3);
    assert_int_equal(s.by[PM_ASSESSED_BY_SELF].level, 3);
    assert_false(s.by[PM_ASSESSED_BY_MANAGER].present);
    assert_false(s.by[PM_ASSESSED_BY_360].present);
}

static void test_an_unknown_source_is_ignored(void **state)
{
    (void)state;
    pm_level_sources s;
    memset(&s, 0, sizeof s);
    pm_level_sources__note(&s, 0, D("2026-03-01"), 1, 4);
    pm_level_sources__note(&s, 4, D("2026-03-01"), 2, 4);
    pm_level_sources__note(NULL, PM_ASSESSED_BY_SELF, D("2026-03-01"), 3, 4);
    double level;
    int assessed;
    compute(&level, &assessed, manager_first(), s);
    assert_int_equal(assessed, 0);
    assert_near(level, 0);
}

static void test_manager_first_takes_the_manager_over_self_and_360(void **state)
{
    (void)state;
    double level;
    int assessed;
    compute(&level, &assessed, manager_first(), sources(2, 4, 5));
    assert_int_equal(assessed, 1);
    assert_near(level, 4);
}

static void test_manager_first_falls_back_to_self_then_360(void **state)
{
    (void)state;
    double level;
    int assessed;
    compute(&level, &assessed, manager_first(), sources(2, 0, 5));
    assert_int_equal(assessed, 1);
    assert_near(level, 2);
    compute(&level, &assessed, manager_first(), sources(0, 0, 5));
    assert_int_equal(assessed, 1);
    assert_near(level, 5);
    compute(&level, &assessed, manager_first(), sources(0, 0, 0));
    assert_int_equal(assessed, 0);
    assert_near(level, 0);
}

static void test_manager_first_ignores_the_weights(void **state)
{
    (void)state;
    pm_level_rule r = weighted(5, 0.5, 7);
    r.kind = PM_LEVEL_MANAGER_FIRST;
    double level;
    int assessed;
    compute(&level, &assessed, r, sources(1, 3, 5));
    assert_near(level, 3);
}

static void test_weighted_default_weights_hand_computed(void **state)
{
    (void)state;
    double level;
    int assessed;
    /* (1 x 3 + 2 x 4 + 1 x 2) / (1 + 2 + 1) = 13 / 4 */
    compute(&level, &assessed, weighted(1, 2, 1), sources(3, 4, 2));
    assert_int_equal(assessed, 1);
    assert_near(level, 3.25);
    /* Only self and 360 present: (1 x 3 + 1 x 5) / 2 = 4 */
    compute(&level, &assessed, weighted(1, 2, 1), sources(3, 0, 5));
    assert_near(level, 4);
    /* Only the manager: its level, whatever its weight. */
    compute(&level, &assessed, weighted(1, 2, 1), sources(0, 2, 0));
    assert_near(level, 2);
}

static void test_weighted_uneven_weights_hand_computed(void **state)
{
    (void)state;
    double level;
    int assessed;
    /* (0.5 x 2 + 1.5 x 5) / (0.5 + 1.5) = 8.5 / 2; 360 weighs 0, left out */
    compute(&level, &assessed, weighted(0.5, 1.5, 0), sources(2, 5, 1));
    assert_int_equal(assessed, 1);
    assert_near(level, 4.25);
    /* (3 x 1 + 1 x 4 + 0.25 x 5) / 4.25 = 8.25 / 4.25 */
    compute(&level, &assessed, weighted(3, 1, 0.25), sources(1, 4, 5));
    assert_near(level, 8.25 / 4.25);
}

static void test_weighted_with_only_zero_weight_sources_is_not_assessed(void **state)
{
    (void)state;
    double level;
    int assessed;
    compute(&level, &assessed, weighted(0, 1, 0), sources(4, 0, 3));
    assert_int_equal(assessed, 0);
    assert_near(level, 0);
    compute(&level, &assessed, weighted(1, 2, 1), sources(0, 0, 0));
    assert_int_equal(assessed, 0);
    assert_near(level, 0);
}

static pm_status check(pm_level_rule r, pm_error *err)
{
    pm_error__clear(err);
    return pm_level_rule__check(&r, err);
}

static void assert_refused(pm_level_rule r, const char *needle)
{
    pm_error err;
    assert_int_equal(check(r, &err), PM_EINVAL);
    if (strstr(err.message, needle) == NULL)
        fail_msg("message '%s' lacks '%s'", err.message, needle);
}

static void test_rule_check_accepts_defaults_and_some_zero_weights(void **state)
{
    (void)state;
    pm_error err;
    assert_int_equal(check(manager_first(), &err), PM_OK);
    assert_int_equal(check(weighted(1, 2, 1), &err), PM_OK);
    assert_int_equal(check(weighted(0, 0, 1), &err), PM_OK);
    assert_int_equal(check(weighted(0, 0.001, 0), &err), PM_OK);
}

static void test_rule_check_refuses_negative_non_finite_and_all_zero_weights(void **state)
{
    (void)state;
    assert_refused(weighted(-1, 2, 1), "rule.self_weight: must be 0 or more, not -1");
    assert_refused(weighted(1, -0.5, 1), "rule.manager_weight: must be 0 or more");
    assert_refused(weighted(1, 2, -3), "rule.review360_weight: must be 0 or more");
    assert_refused(weighted(NAN, 2, 1), "rule.self_weight: must be a finite number");
    assert_refused(weighted(1, INFINITY, 1), "rule.manager_weight: must be a finite number");
    assert_refused(weighted(0, 0, 0), "rule: the weights must not all be 0");
    /* The weights are checked whatever the kind. */
    pm_level_rule r = weighted(0, 0, 0);
    r.kind = PM_LEVEL_MANAGER_FIRST;
    assert_refused(r, "must not all be 0");
}

static void test_rule_check_refuses_an_unknown_kind(void **state)
{
    (void)state;
    pm_level_rule r = manager_first();
    r.kind = (pm_level_rule_kind)0;
    assert_refused(r, "rule.kind: 0 is neither manager first (1) nor weighted (2)");
    r.kind = (pm_level_rule_kind)3;
    assert_refused(r, "rule.kind: 3");
}

static void test_the_sides_come_before_seeing_everything(void **state)
{
    (void)state;
    assert_int_equal(pm_assessment__viewer(1, 0, 0), PM_VIEWER_SELF_SIDE);
    /* An HR admin assessed in a round is still its self side. */
    assert_int_equal(pm_assessment__viewer(1, 0, 1), PM_VIEWER_SELF_SIDE);
    assert_int_equal(pm_assessment__viewer(0, 1, 0), PM_VIEWER_MANAGER_SIDE);
    assert_int_equal(pm_assessment__viewer(0, 1, 1), PM_VIEWER_MANAGER_SIDE);
    assert_int_equal(pm_assessment__viewer(0, 0, 1), PM_VIEWER_ALL);
    assert_int_equal(pm_assessment__viewer(0, 0, 0), PM_VIEWER_NONE);
}

static void test_released_assessments_are_visible_to_every_viewer(void **state)
{
    (void)state;
    for (int source = PM_ASSESSED_BY_SELF; source <= PM_ASSESSED_BY_360; source++) {
        assert_true(pm_assessment__visible(PM_VIEWER_SELF_SIDE, source, 1));
        assert_true(pm_assessment__visible(PM_VIEWER_MANAGER_SIDE, source, 1));
        assert_true(pm_assessment__visible(PM_VIEWER_ALL, source, 1));
        assert_false(pm_assessment__visible(PM_VIEWER_NONE, source, 1));
    }
}

static void test_unreleased_assessments_are_blind_to_the_other_side(void **state)
{
    (void)state;
    assert_true(pm_assessment__visible(PM_VIEWER_SELF_SIDE, PM_ASSESSED_BY_SELF, 0));
    assert_false(pm_assessment__visible(PM_VIEWER_SELF_SIDE, PM_ASSESSED_BY_MANAGER, 0));
    assert_true(pm_assessment__visible(PM_VIEWER_MANAGER_SIDE, PM_ASSESSED_BY_MANAGER, 0));
    assert_false(pm_assessment__visible(PM_VIEWER_MANAGER_SIDE, PM_ASSESSED_BY_SELF, 0));
    assert_true(pm_assessment__visible(PM_VIEWER_ALL, PM_ASSESSED_BY_SELF, 0));
    assert_true(pm_assessment__visible(PM_VIEWER_ALL, PM_ASSESSED_BY_MANAGER, 0));
    assert_false(pm_assessment__visible(PM_VIEWER_NONE, PM_ASSESSED_BY_SELF, 0));
}

static void test_only_self_and_manager_belong_to_a_round(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_assessment__check_round_source(PM_ASSESSED_BY_SELF, &err), PM_OK);
    assert_int_equal(pm_assessment__check_round_source(PM_ASSESSED_BY_MANAGER, &err), PM_OK);
    assert_int_equal(pm_assessment__check_round_source(PM_ASSESSED_BY_360, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "assessment.round: 360 assessments are not part"));
    assert_int_equal(pm_assessment__check_round_source(9, &err), PM_EINVAL);
}

static void test_source_names(void **state)
{
    (void)state;
    assert_true(pm_assessment__is_source(PM_ASSESSED_BY_SELF));
    assert_true(pm_assessment__is_source(PM_ASSESSED_BY_360));
    assert_false(pm_assessment__is_source(0));
    assert_false(pm_assessment__is_source(4));
    assert_string_equal(pm_assessment__source_name(PM_ASSESSED_BY_MANAGER), "manager");
    assert_string_equal(pm_assessment__source_name(PM_ASSESSED_BY_360), "360");
    assert_string_equal(pm_assessment__source_name(-1), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_the_latest_of_a_source_is_the_greatest_date_then_id),
        cmocka_unit_test(test_an_unknown_source_is_ignored),
        cmocka_unit_test(test_manager_first_takes_the_manager_over_self_and_360),
        cmocka_unit_test(test_manager_first_falls_back_to_self_then_360),
        cmocka_unit_test(test_manager_first_ignores_the_weights),
        cmocka_unit_test(test_weighted_default_weights_hand_computed),
        cmocka_unit_test(test_weighted_uneven_weights_hand_computed),
        cmocka_unit_test(test_weighted_with_only_zero_weight_sources_is_not_assessed),
        cmocka_unit_test(test_rule_check_accepts_defaults_and_some_zero_weights),
        cmocka_unit_test(test_rule_check_refuses_negative_non_finite_and_all_zero_weights),
        cmocka_unit_test(test_rule_check_refuses_an_unknown_kind),
        cmocka_unit_test(test_the_sides_come_before_seeing_everything),
        cmocka_unit_test(test_released_assessments_are_visible_to_every_viewer),
        cmocka_unit_test(test_unreleased_assessments_are_blind_to_the_other_side),
        cmocka_unit_test(test_only_self_and_manager_belong_to_a_round),
        cmocka_unit_test(test_source_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
