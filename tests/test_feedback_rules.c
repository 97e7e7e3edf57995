/* Feedback's pure rules of core/feedback.c: direction from the facts,
 * checking a claimed direction, valid values, the read action of each
 * visibility, who may do what to an entry, blank text and coarse times.
 * No store, no session. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/feedback.h"

static pm_feedback_facts facts(pm_id giver, pm_id receiver)
{
    pm_feedback_facts f;
    memset(&f, 0, sizeof f);
    f.giver = giver;
    f.receiver = receiver;
    return f;
}

static void test_direction_same_person_is_self_whatever_else_holds(void **state)
{
    (void)state;
    pm_feedback_facts f = facts(5, 5);
    f.giver_manager = f.receiver_manager = 2;
    f.giver_unit = f.receiver_unit = 9;
    assert_int_equal(pm_feedback__direction(&f), PM_DIRECTION_SELF);
}

static void test_direction_from_the_manager_chain_is_downward_and_back_upward(void **state)
{
    (void)state;
    pm_feedback_facts f = facts(1, 2);
    f.giver_above_receiver = 1;
    f.giver_unit = f.receiver_unit = 9; /* a shared unit does not make it peer */
    assert_int_equal(pm_feedback__direction(&f), PM_DIRECTION_DOWNWARD);
    f = facts(2, 1);
    f.receiver_above_giver = 1;
    f.giver_unit = f.receiver_unit = 9;
    assert_int_equal(pm_feedback__direction(&f), PM_DIRECTION_UPWARD);
}

static void test_direction_same_manager_or_same_unit_is_peer(void **state)
{
    (void)state;
    pm_feedback_facts f = facts(3, 4);
    f.giver_manager = f.receiver_manager = 1;
    assert_int_equal(pm_feedback__direction(&f), PM_DIRECTION_PEER);
    f = facts(3, 4);
    f.giver_unit = f.receiver_unit = 7;
    f.giver_manager = 1;
    f.receiver_manager = 2;
    assert_int_equal(pm_feedback__direction(&f), PM_DIRECTION_PEER);
}

static void test_direction_without_shared_manager_or_unit_is_other(void **state)
{
    (void)state;
    pm_feedback_facts f = facts(3, 4);
    /* No manager and no unit on either side is not "the same". */
    assert_int_equal(pm_feedback__direction(&f), PM_DIRECTION_OTHER);
    f.giver_manager = 1;
    f.receiver_manager = 2;
    f.giver_unit = 7;
    f.receiver_unit = 8;
    assert_int_equal(pm_feedback__direction(&f), PM_DIRECTION_OTHER);
}

static void test_claimed_direction_must_match_the_derived_one(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_feedback__check_direction(0, PM_DIRECTION_UPWARD, &err), PM_OK);
    assert_int_equal(pm_feedback__check_direction(PM_DIRECTION_UPWARD, PM_DIRECTION_UPWARD, &err),
                     PM_OK);
    assert_int_equal(pm_feedback__check_direction(PM_DIRECTION_PEER, PM_DIRECTION_SELF, &err),
                     PM_EINVAL);
    assert_string_equal(err.message, "feedback.direction: is self, not peer");
    assert_int_equal(pm_feedback__check_direction((pm_direction)9, (pm_direction)9, &err),
                     PM_EINVAL);
    assert_non_null(strstr(err.message, "feedback.direction: 9 is not a direction"));
    assert_int_equal(pm_feedback__check_direction((pm_direction)-1, PM_DIRECTION_SELF, &err),
                     PM_EINVAL);
    assert_string_equal(pm_feedback__direction_name(PM_DIRECTION_DOWNWARD), "downward");
    assert_string_equal(pm_feedback__direction_name((pm_direction)0), "unknown");
}

static void test_kinds_visibilities_and_reactions_in_range_only(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    for (int k = 1; k <= 3; k++)
        assert_int_equal(pm_feedback__check_kind((pm_feedback_kind)k, &err), PM_OK);
    assert_int_equal(pm_feedback__check_kind((pm_feedback_kind)0, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "feedback.kind: 0 is not a kind"));
    assert_int_equal(pm_feedback__check_kind((pm_feedback_kind)4, &err), PM_EINVAL);
    for (int v = 1; v <= 3; v++)
        assert_int_equal(pm_feedback__check_visibility((pm_feedback_visibility)v, &err), PM_OK);
    assert_int_equal(pm_feedback__check_visibility((pm_feedback_visibility)0, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "feedback.visibility: 0 is not a visibility"));
    assert_int_equal(pm_feedback__check_visibility((pm_feedback_visibility)4, &err), PM_EINVAL);
    for (int r = 0; r <= 4; r++)
        assert_int_equal(pm_feedback__check_reaction((pm_reaction)r, &err), PM_OK);
    assert_int_equal(pm_feedback__check_reaction((pm_reaction)5, &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "feedback.reaction: 5 is not a reaction"));
    assert_int_equal(pm_feedback__check_reaction((pm_reaction)-1, &err), PM_EINVAL);
}

static void test_each_visibility_needs_its_read_action_and_unknown_is_most_private(void **state)
{
    (void)state;
    assert_int_equal(pm_feedback__read_action(PM_FEEDBACK_TO_RECEIVER),
                     PM_ACT_FEEDBACK_READ_RECEIVER);
    assert_int_equal(pm_feedback__read_action(PM_FEEDBACK_TO_MANAGERS),
                     PM_ACT_FEEDBACK_READ_MANAGERS);
    assert_int_equal(pm_feedback__read_action(PM_FEEDBACK_TO_ORGANISATION),
                     PM_ACT_FEEDBACK_READ_ORG);
    assert_int_equal(pm_feedback__read_action((pm_feedback_visibility)0),
                     PM_ACT_FEEDBACK_READ_RECEIVER);
    assert_int_equal(pm_feedback__read_action((pm_feedback_visibility)42),
                     PM_ACT_FEEDBACK_READ_RECEIVER);
}

static void test_standing_decides_reads_receipts_and_retraction(void **state)
{
    (void)state;
    const pm_actor person = { 8, 0, 0 };
    const pm_actor hr = { 7, 0, 1 };
    const pm_actor sys = { 0, 1, 0 };
    const pm_feedback_standing none = { 0, 0, 0 };
    const pm_feedback_standing receiver = { 1, 0, 0 };
    const pm_feedback_standing giver = { 0, 1, 0 };
    const pm_feedback_standing above = { 0, 0, 1 };
    /* receiver-only entries: receiver and giver */
    assert_true(pm_feedback__may(&person, PM_ACT_FEEDBACK_READ_RECEIVER, &receiver));
    assert_true(pm_feedback__may(&person, PM_ACT_FEEDBACK_READ_RECEIVER, &giver));
    assert_false(pm_feedback__may(&person, PM_ACT_FEEDBACK_READ_RECEIVER, &above));
    assert_false(pm_feedback__may(&person, PM_ACT_FEEDBACK_READ_RECEIVER, &none));
    /* shared with managers: the chain too */
    assert_true(pm_feedback__may(&person, PM_ACT_FEEDBACK_READ_MANAGERS, &above));
    assert_false(pm_feedback__may(&person, PM_ACT_FEEDBACK_READ_MANAGERS, &none));
    /* the organisation: everyone */
    assert_true(pm_feedback__may(&person, PM_ACT_FEEDBACK_READ_ORG, &none));
    /* HR and the system read all */
    assert_true(pm_feedback__may(&hr, PM_ACT_FEEDBACK_READ_RECEIVER, &none));
    assert_true(pm_feedback__may(&sys, PM_ACT_FEEDBACK_READ_RECEIVER, &none));
    /* acknowledging: the receiver alone, HR included */
    assert_true(pm_feedback__may(&person, PM_ACT_FEEDBACK_RECEIVE, &receiver));
    assert_false(pm_feedback__may(&person, PM_ACT_FEEDBACK_RECEIVE, &giver));
    assert_false(pm_feedback__may(&person, PM_ACT_FEEDBACK_RECEIVE, &above));
    assert_false(pm_feedback__may(&hr, PM_ACT_FEEDBACK_RECEIVE, &none));
    assert_false(pm_feedback__may(&sys, PM_ACT_FEEDBACK_RECEIVE, &none));
    /* retracting: the giver alone */
    assert_true(pm_feedback__may(&person, PM_ACT_FEEDBACK_RETRACT, &giver));
    assert_false(pm_feedback__may(&person, PM_ACT_FEEDBACK_RETRACT, &receiver));
    assert_false(pm_feedback__may(&hr, PM_ACT_FEEDBACK_RETRACT, &none));
    assert_true(pm_feedback__may(&hr, PM_ACT_FEEDBACK_RETRACT, &giver));
    assert_false(pm_feedback__may(&sys, PM_ACT_FEEDBACK_RETRACT, &giver));
}

static void test_coarse_time_is_the_start_of_the_utc_day(void **state)
{
    (void)state;
    /* 2026-06-15T12:00:00Z -> 2026-06-15T00:00:00Z */
    assert_int_equal(pm_feedback__coarse_time(1781524800), 1781481600);
    assert_int_equal(pm_feedback__coarse_time(1781481600), 1781481600);
    assert_int_equal(pm_feedback__coarse_time(1781481599), 1781481600 - 86400);
    assert_int_equal(pm_feedback__coarse_time(0), 0);
    assert_int_equal(pm_feedback__coarse_time(-1), -86400);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_direction_same_person_is_self_whatever_else_holds),
        cmocka_unit_test(test_direction_from_the_manager_chain_is_downward_and_back_upward),
        cmocka_unit_test(test_direction_same_manager_or_same_unit_is_peer),
        cmocka_unit_test(test_direction_without_shared_manager_or_unit_is_other),
        cmocka_unit_test(test_claimed_direction_must_match_the_derived_one),
        cmocka_unit_test(test_kinds_visibilities_and_reactions_in_range_only),
        cmocka_unit_test(test_each_visibility_needs_its_read_action_and_unknown_is_most_private),
        cmocka_unit_test(test_standing_decides_reads_receipts_and_retraction),
        cmocka_unit_test(test_coarse_time_is_the_start_of_the_utc_day),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
