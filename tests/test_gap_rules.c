/* The pure rules of core/gap.c, without a store: a gap against one
 * requirement, the role-match score with its 2x cap, and the summary of a
 * competency over a group. Every expected number is worked out by hand in
 * the comment beside it. */
#include "fixture.h"

#include <math.h>

#include "core/gap.h"

#define EPS 1e-12

/* cmocka compares floats only: doubles to eps, naming both on failure. */
#define assert_near(a, b, eps)                                                      \
    do {                                                                            \
        double a_ = (a), b_ = (b);                                                  \
        if (fabs(a_ - b_) > (eps))                                                  \
            fail_msg("%.15g is not %.15g (within %g)", a_, b_, (double)(eps));      \
    } while (0)

static void test_gap_is_required_minus_current_and_negative_above_it(void **state)
{
    (void)state;
    assert_near(pm_gap__value(4, 1, 3.0), 1.0, EPS);   /* 4 - 3 */
    assert_near(pm_gap__value(4, 1, 4.0), 0.0, EPS);   /* met exactly */
    assert_near(pm_gap__value(3, 1, 5.0), -2.0, EPS);  /* 3 - 5: above */
    assert_near(pm_gap__value(3, 1, 2.5), 0.5, EPS);   /* a weighted mean */
}

static void test_gap_without_an_assessment_is_the_whole_requirement(void **state)
{
    (void)state;
    assert_near(pm_gap__value(4, 0, 0.0), 4.0, EPS);
    /* a stray current level is ignored when nothing was assessed */
    assert_near(pm_gap__value(4, 0, 3.0), 4.0, EPS);
}

static void test_match_part_is_current_over_required_capped_at_twice(void **state)
{
    (void)state;
    assert_near(pm_gap__match_part(4, 1, 3.0), 0.75, EPS);  /* 3 / 4 */
    assert_near(pm_gap__match_part(2, 1, 3.0), 1.5, EPS);   /* 3 / 2 */
    assert_near(pm_gap__match_part(2, 1, 4.0), 2.0, EPS);   /* 4 / 2: at the cap */
    assert_near(pm_gap__match_part(2, 1, 5.0), 2.0, EPS);   /* min(4, 5) / 2 */
    assert_near(pm_gap__match_part(1, 1, 5.0), 2.0, EPS);   /* min(2, 5) / 1 */
}

static void test_match_part_not_assessed_counts_zero(void **state)
{
    (void)state;
    assert_near(pm_gap__match_part(3, 0, 0.0), 0.0, EPS);
    assert_near(pm_gap__match_part(3, 0, 5.0), 0.0, EPS);
}

static void test_match_part_of_a_zero_requirement_is_met_once_assessed(void **state)
{
    (void)state;
    assert_near(pm_gap__match_part(0, 1, 0.0), 1.0, EPS);
    assert_near(pm_gap__match_part(0, 1, 3.0), 1.0, EPS);
    assert_near(pm_gap__match_part(0, 0, 0.0), 0.0, EPS);
}

static void test_role_match_is_the_mean_of_the_parts_and_zero_without_requirements(void **state)
{
    (void)state;
    /* requirements 4, 2, 3 with levels 3, 5 (capped at 4), not assessed:
     * (0.75 + 2 + 0) / 3 = 0.916666... */
    double sum = pm_gap__match_part(4, 1, 3.0) + pm_gap__match_part(2, 1, 5.0)
                 + pm_gap__match_part(3, 0, 0.0);
    assert_near(pm_gap__match_finish(sum, 3), 2.75 / 3.0, EPS);
    assert_near(pm_gap__match_finish(0.0, 0), 0.0, EPS);
    /* every requirement met exactly gives 1 */
    assert_near(pm_gap__match_finish(3.0, 3), 1.0, EPS);
}

static void test_tally_counts_people_assessed_and_below(void **state)
{
    (void)state;
    pm_gap_tally t = { 0, 0, 0, 0.0 };
    pm_gap__tally_add(&t, 4, 1, 2.0);  /* below, shortfall 2 */
    pm_gap__tally_add(&t, 4, 1, 4.0);  /* met: shortfall 0 */
    pm_gap__tally_add(&t, 4, 1, 5.0);  /* above: shortfall 0, not -1 */
    pm_gap__tally_add(&t, 4, 0, 0.0);  /* not assessed: people only */
    pm_gap__tally_add(&t, 3, 1, 2.5);  /* another role's 3: below by 0.5 */
    assert_int_equal(t.people, 5);
    assert_int_equal(t.assessed, 4);
    assert_int_equal(t.below, 2);
    /* (2 + 0 + 0 + 0.5) / 4 = 0.625: the not-assessed person adds nothing */
    assert_near(pm_gap__tally_mean(&t), 0.625, EPS);
}

static void test_tally_mean_is_zero_when_nobody_is_assessed(void **state)
{
    (void)state;
    pm_gap_tally t = { 0, 0, 0, 0.0 };
    assert_near(pm_gap__tally_mean(&t), 0.0, EPS);
    pm_gap__tally_add(&t, 3, 0, 0.0);
    pm_gap__tally_add(&t, 3, 0, 0.0);
    assert_int_equal(t.people, 2);
    assert_int_equal(t.assessed, 0);
    assert_int_equal(t.below, 0);
    assert_near(pm_gap__tally_mean(&t), 0.0, EPS);
}

static void test_tally_just_below_a_requirement_counts_below(void **state)
{
    (void)state;
    pm_gap_tally t = { 0, 0, 0, 0.0 };
    /* a weighted mean of 2.999 is below 3; exactly 3 is not */
    pm_gap__tally_add(&t, 3, 1, 2.999);
    pm_gap__tally_add(&t, 3, 1, 3.0);
    assert_int_equal(t.below, 1);
    assert_near(pm_gap__tally_mean(&t), 0.0005, 1e-9);  /* 0.001 / 2 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gap_is_required_minus_current_and_negative_above_it),
        cmocka_unit_test(test_gap_without_an_assessment_is_the_whole_requirement),
        cmocka_unit_test(test_match_part_is_current_over_required_capped_at_twice),
        cmocka_unit_test(test_match_part_not_assessed_counts_zero),
        cmocka_unit_test(test_match_part_of_a_zero_requirement_is_met_once_assessed),
        cmocka_unit_test(test_role_match_is_the_mean_of_the_parts_and_zero_without_requirements),
        cmocka_unit_test(test_tally_counts_people_assessed_and_below),
        cmocka_unit_test(test_tally_mean_is_zero_when_nobody_is_assessed),
        cmocka_unit_test(test_tally_just_below_a_requirement_counts_below),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
