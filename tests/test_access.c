/* The access rules of core/access.c, alone: no store, no session. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/access.h"

static const pm_actor system_actor = { 0, 1, 0 };
static const pm_actor hr_admin = { 7, 0, 1 };
static const pm_actor person = { 8, 0, 0 };

#define NONE (1u << PM_REL_NONE)
#define SELF (1u << PM_REL_SELF)
#define MANAGER (1u << PM_REL_MANAGER)
#define UNIT_MEMBER (1u << PM_REL_UNIT_MEMBER)
#define PARTICIPANT (1u << PM_REL_PARTICIPANT)
#define AUTHOR (1u << PM_REL_AUTHOR)
#define ANY (NONE | SELF | MANAGER | UNIT_MEMBER | PARTICIPANT | AUTHOR)

/* The expected rules, written out independently of the table in access.c:
 * for each actor and action, the relations under which it is allowed. */
struct expectation {
    const char *actor_name;
    const pm_actor *actor;
    pm_action action;
    unsigned int allowed;
};

static const struct expectation expected[] = {
    { "system", &system_actor, PM_ACT_READ_DIRECTORY, ANY },
    { "system", &system_actor, PM_ACT_EDIT_OWN_PROFILE, ANY },
    { "system", &system_actor, PM_ACT_ADMIN_PERSON, ANY },
    { "system", &system_actor, PM_ACT_ADMIN_ORG, ANY },
    { "system", &system_actor, PM_ACT_IMPORT, ANY },
    { "system", &system_actor, PM_ACT_GOAL_READ_PRIVATE, ANY },
    { "system", &system_actor, PM_ACT_GOAL_READ_UNIT, ANY },
    { "system", &system_actor, PM_ACT_GOAL_READ_PUBLIC, ANY },
    { "system", &system_actor, PM_ACT_GOAL_EDIT, ANY },
    { "system", &system_actor, PM_ACT_CHECKIN_READ, ANY },
    { "system", &system_actor, PM_ACT_CHECKIN_WRITE, 0 },
    { "system", &system_actor, PM_ACT_CHECKIN_MANAGE, ANY },
    { "system", &system_actor, PM_ACT_CHECKIN_STATS, ANY },
    { "system", &system_actor, PM_ACT_CHECKIN_START, ANY },
    /* Feedback, requests and 360 rounds: the system actor reads and runs
     * them but never speaks as a person (gives, asks, answers, rates). */
    { "system", &system_actor, PM_ACT_FEEDBACK_GIVE, 0 },
    { "system", &system_actor, PM_ACT_FEEDBACK_READ_RECEIVER, ANY },
    { "system", &system_actor, PM_ACT_FEEDBACK_READ_MANAGERS, ANY },
    { "system", &system_actor, PM_ACT_FEEDBACK_READ_ORG, ANY },
    { "system", &system_actor, PM_ACT_FEEDBACK_RECEIVE, 0 },
    { "system", &system_actor, PM_ACT_FEEDBACK_RETRACT, 0 },
    { "system", &system_actor, PM_ACT_REQUEST_CREATE, 0 },
    { "system", &system_actor, PM_ACT_REQUEST_READ, ANY },
    { "system", &system_actor, PM_ACT_REQUEST_ANSWER, 0 },
    { "system", &system_actor, PM_ACT_REQUEST_RENEW, ANY },
    { "system", &system_actor, PM_ACT_FEEDBACK_STATS, ANY },
    { "system", &system_actor, PM_ACT_REVIEW360_MANAGE, ANY },
    { "system", &system_actor, PM_ACT_REVIEW360_READ, ANY },
    { "system", &system_actor, PM_ACT_REVIEW360_RESULTS, ANY },
    { "system", &system_actor, PM_ACT_REVIEW360_SUBMIT, 0 },
    { "system", &system_actor, PM_ACT_FRAMEWORK_ADMIN, ANY },
    { "system", &system_actor, PM_ACT_FRAMEWORK_READ, ANY },
    { "system", &system_actor, PM_ACT_ASSESS_READ, ANY },
    { "system", &system_actor, PM_ACT_ASSESS_SELF, 0 },
    { "system", &system_actor, PM_ACT_ASSESS_MANAGER, 0 },
    { "system", &system_actor, PM_ACT_ASSESS_360, ANY },
    { "system", &system_actor, PM_ACT_ASSESS_ROUND, ANY },
    { "system", &system_actor, PM_ACT_PLAN_READ, ANY },
    { "system", &system_actor, PM_ACT_PLAN_EDIT, ANY },
    { "system", &system_actor, PM_ACT_MENTORED_LIST, ANY },
    { "system", &system_actor, PM_ACT_PROGRAMME_ADMIN, ANY },
    { "system", &system_actor, PM_ACT_PROGRAMME_READ, ANY },
    { "system", &system_actor, PM_ACT_PROGRAMME_ENROL, ANY },
    { "system", &system_actor, PM_ACT_PROGRAMME_DROP, ANY },
    { "system", &system_actor, PM_ACT_METRIC_ADMIN, ANY },
    { "system", &system_actor, PM_ACT_METRIC_READ, ANY },
    { "system", &system_actor, PM_ACT_MEASURE_MANUAL, 0 },
    { "system", &system_actor, PM_ACT_MEASURE_IMPORT, ANY },
    { "system", &system_actor, PM_ACT_MEASURE_READ_OWN, 0 },
    { "system", &system_actor, PM_ACT_SURVEY_ADMIN, ANY },
    { "system", &system_actor, PM_ACT_SURVEY_RESPOND, 0 },
    { "system", &system_actor, PM_ACT_GROUP_NUMBERS, ANY },
    { "system", &system_actor, PM_ACT_EVALUATION_ADMIN, ANY },
    { "system", &system_actor, PM_ACT_AUDIT_READ, ANY },
    { "system", &system_actor, PM_ACT_LEGAL_HOLD, ANY },
    { "system", &system_actor, PM_ACT_RETENTION_ADMIN, ANY },
    { "system", &system_actor, PM_ACT_PERSON_EXPORT, ANY },
    { "system", &system_actor, PM_ACT_PERSON_ERASE, ANY },
    { "hr admin", &hr_admin, PM_ACT_READ_DIRECTORY, ANY },
    { "hr admin", &hr_admin, PM_ACT_EDIT_OWN_PROFILE, ANY },
    { "hr admin", &hr_admin, PM_ACT_ADMIN_PERSON, ANY },
    { "hr admin", &hr_admin, PM_ACT_ADMIN_ORG, ANY },
    { "hr admin", &hr_admin, PM_ACT_IMPORT, ANY },
    { "hr admin", &hr_admin, PM_ACT_GOAL_READ_PRIVATE, ANY },
    { "hr admin", &hr_admin, PM_ACT_GOAL_READ_UNIT, ANY },
    { "hr admin", &hr_admin, PM_ACT_GOAL_READ_PUBLIC, ANY },
    { "hr admin", &hr_admin, PM_ACT_GOAL_EDIT, ANY },
    { "hr admin", &hr_admin, PM_ACT_CHECKIN_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_CHECKIN_WRITE, 0 },
    { "hr admin", &hr_admin, PM_ACT_CHECKIN_MANAGE, ANY },
    { "hr admin", &hr_admin, PM_ACT_CHECKIN_STATS, ANY },
    { "hr admin", &hr_admin, PM_ACT_CHECKIN_START, ANY },
    /* HR reads all feedback, but acknowledges, retracts, answers and rates
     * only as the person they are. */
    { "hr admin", &hr_admin, PM_ACT_FEEDBACK_GIVE, ANY },
    { "hr admin", &hr_admin, PM_ACT_FEEDBACK_READ_RECEIVER, ANY },
    { "hr admin", &hr_admin, PM_ACT_FEEDBACK_READ_MANAGERS, ANY },
    { "hr admin", &hr_admin, PM_ACT_FEEDBACK_READ_ORG, ANY },
    { "hr admin", &hr_admin, PM_ACT_FEEDBACK_RECEIVE, SELF },
    { "hr admin", &hr_admin, PM_ACT_FEEDBACK_RETRACT, AUTHOR },
    { "hr admin", &hr_admin, PM_ACT_REQUEST_CREATE, ANY },
    { "hr admin", &hr_admin, PM_ACT_REQUEST_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_REQUEST_ANSWER, PARTICIPANT },
    { "hr admin", &hr_admin, PM_ACT_REQUEST_RENEW, ANY },
    { "hr admin", &hr_admin, PM_ACT_FEEDBACK_STATS, ANY },
    { "hr admin", &hr_admin, PM_ACT_REVIEW360_MANAGE, ANY },
    { "hr admin", &hr_admin, PM_ACT_REVIEW360_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_REVIEW360_RESULTS, ANY },
    { "hr admin", &hr_admin, PM_ACT_REVIEW360_SUBMIT, PARTICIPANT },
    { "hr admin", &hr_admin, PM_ACT_FRAMEWORK_ADMIN, ANY },
    { "hr admin", &hr_admin, PM_ACT_FRAMEWORK_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_ASSESS_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_ASSESS_SELF, SELF },
    { "hr admin", &hr_admin, PM_ACT_ASSESS_MANAGER, MANAGER },
    { "hr admin", &hr_admin, PM_ACT_ASSESS_360, ANY },
    { "hr admin", &hr_admin, PM_ACT_ASSESS_ROUND, ANY },
    { "hr admin", &hr_admin, PM_ACT_PLAN_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_PLAN_EDIT, ANY },
    { "hr admin", &hr_admin, PM_ACT_MENTORED_LIST, ANY },
    { "hr admin", &hr_admin, PM_ACT_PROGRAMME_ADMIN, ANY },
    { "hr admin", &hr_admin, PM_ACT_PROGRAMME_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_PROGRAMME_ENROL, ANY },
    { "hr admin", &hr_admin, PM_ACT_PROGRAMME_DROP, ANY },
    { "hr admin", &hr_admin, PM_ACT_METRIC_ADMIN, ANY },
    { "hr admin", &hr_admin, PM_ACT_METRIC_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_MEASURE_MANUAL, SELF },
    { "hr admin", &hr_admin, PM_ACT_MEASURE_IMPORT, ANY },
    { "hr admin", &hr_admin, PM_ACT_MEASURE_READ_OWN, SELF },
    { "hr admin", &hr_admin, PM_ACT_SURVEY_ADMIN, ANY },
    { "hr admin", &hr_admin, PM_ACT_SURVEY_RESPOND, PARTICIPANT },
    { "hr admin", &hr_admin, PM_ACT_GROUP_NUMBERS, ANY },
    { "hr admin", &hr_admin, PM_ACT_EVALUATION_ADMIN, ANY },
    { "hr admin", &hr_admin, PM_ACT_AUDIT_READ, ANY },
    { "hr admin", &hr_admin, PM_ACT_LEGAL_HOLD, ANY },
    { "hr admin", &hr_admin, PM_ACT_RETENTION_ADMIN, ANY },
    { "hr admin", &hr_admin, PM_ACT_PERSON_EXPORT, ANY },
    { "hr admin", &hr_admin, PM_ACT_PERSON_ERASE, ANY },
    { "person", &person, PM_ACT_READ_DIRECTORY, ANY },
    { "person", &person, PM_ACT_EDIT_OWN_PROFILE, SELF },
    { "person", &person, PM_ACT_ADMIN_PERSON, 0 },
    { "person", &person, PM_ACT_ADMIN_ORG, 0 },
    { "person", &person, PM_ACT_IMPORT, 0 },
    { "person", &person, PM_ACT_GOAL_READ_PRIVATE, SELF | MANAGER },
    { "person", &person, PM_ACT_GOAL_READ_UNIT, SELF | MANAGER | UNIT_MEMBER },
    { "person", &person, PM_ACT_GOAL_READ_PUBLIC, ANY },
    { "person", &person, PM_ACT_GOAL_EDIT, SELF | MANAGER },
    { "person", &person, PM_ACT_CHECKIN_READ, PARTICIPANT },
    { "person", &person, PM_ACT_CHECKIN_WRITE, PARTICIPANT },
    { "person", &person, PM_ACT_CHECKIN_MANAGE, PARTICIPANT | MANAGER },
    { "person", &person, PM_ACT_CHECKIN_STATS, SELF | MANAGER },
    { "person", &person, PM_ACT_CHECKIN_START, MANAGER },
    /* Feedback: the receiver is SELF, the giver AUTHOR; visibility widens
     * reading from the pair to the chain to everyone. */
    { "person", &person, PM_ACT_FEEDBACK_GIVE, ANY },
    { "person", &person, PM_ACT_FEEDBACK_READ_RECEIVER, SELF | AUTHOR },
    { "person", &person, PM_ACT_FEEDBACK_READ_MANAGERS, SELF | MANAGER | AUTHOR },
    { "person", &person, PM_ACT_FEEDBACK_READ_ORG, ANY },
    { "person", &person, PM_ACT_FEEDBACK_RECEIVE, SELF },
    { "person", &person, PM_ACT_FEEDBACK_RETRACT, AUTHOR },
    { "person", &person, PM_ACT_REQUEST_CREATE, SELF | MANAGER },
    { "person", &person, PM_ACT_REQUEST_READ, SELF | MANAGER | AUTHOR | PARTICIPANT },
    { "person", &person, PM_ACT_REQUEST_ANSWER, PARTICIPANT },
    { "person", &person, PM_ACT_REQUEST_RENEW, 0 },
    { "person", &person, PM_ACT_FEEDBACK_STATS, SELF | MANAGER },
    { "person", &person, PM_ACT_REVIEW360_MANAGE, MANAGER },
    { "person", &person, PM_ACT_REVIEW360_READ, SELF | MANAGER | PARTICIPANT },
    { "person", &person, PM_ACT_REVIEW360_RESULTS, SELF | MANAGER },
    { "person", &person, PM_ACT_REVIEW360_SUBMIT, PARTICIPANT },
    { "person", &person, PM_ACT_FRAMEWORK_ADMIN, 0 },
    { "person", &person, PM_ACT_FRAMEWORK_READ, ANY },
    { "person", &person, PM_ACT_ASSESS_READ, SELF | MANAGER },
    { "person", &person, PM_ACT_ASSESS_SELF, SELF },
    { "person", &person, PM_ACT_ASSESS_MANAGER, MANAGER },
    { "person", &person, PM_ACT_ASSESS_360, 0 },
    { "person", &person, PM_ACT_ASSESS_ROUND, MANAGER },
    { "person", &person, PM_ACT_PLAN_READ, SELF | MANAGER },
    { "person", &person, PM_ACT_PLAN_EDIT, SELF | MANAGER },
    { "person", &person, PM_ACT_MENTORED_LIST, SELF | MANAGER },
    { "person", &person, PM_ACT_PROGRAMME_ADMIN, 0 },
    { "person", &person, PM_ACT_PROGRAMME_READ, ANY },
    { "person", &person, PM_ACT_PROGRAMME_ENROL, SELF | MANAGER },
    { "person", &person, PM_ACT_PROGRAMME_DROP, SELF | MANAGER },
    { "person", &person, PM_ACT_METRIC_ADMIN, 0 },
    { "person", &person, PM_ACT_METRIC_READ, ANY },
    { "person", &person, PM_ACT_MEASURE_MANUAL, SELF },
    { "person", &person, PM_ACT_MEASURE_IMPORT, 0 },
    { "person", &person, PM_ACT_MEASURE_READ_OWN, SELF },
    { "person", &person, PM_ACT_SURVEY_ADMIN, 0 },
    { "person", &person, PM_ACT_SURVEY_RESPOND, PARTICIPANT },
    { "person", &person, PM_ACT_GROUP_NUMBERS, SELF | MANAGER },
    { "person", &person, PM_ACT_EVALUATION_ADMIN, 0 },
    { "person", &person, PM_ACT_AUDIT_READ, 0 },
    { "person", &person, PM_ACT_LEGAL_HOLD, 0 },
    { "person", &person, PM_ACT_RETENTION_ADMIN, 0 },
    { "person", &person, PM_ACT_PERSON_EXPORT, SELF },
    { "person", &person, PM_ACT_PERSON_ERASE, 0 },
};

static const char *relation_name(pm_relation r)
{
    switch (r) {
    case PM_REL_NONE: return "none";
    case PM_REL_SELF: return "self";
    case PM_REL_MANAGER: return "manager";
    case PM_REL_UNIT_MEMBER: return "unit member";
    case PM_REL_PARTICIPANT: return "participant";
    case PM_REL_AUTHOR: return "author";
    case PM_REL_COUNT: break;
    }
    return "?";
}

static void test_access_rules_match_the_expected_matrix(void **state)
{
    (void)state;
    size_t n = sizeof expected / sizeof expected[0];
    assert_int_equal(n, 3 * PM_ACT_COUNT); /* every actor kind x every action */
    for (size_t i = 0; i < n; i++) {
        const struct expectation *e = &expected[i];
        for (int r = PM_REL_NONE; r < PM_REL_COUNT; r++) {
            pm_status want = (e->allowed & (1u << r)) ? PM_OK : PM_EPERM;
            pm_status got = pm_access__check(e->actor, e->action, (pm_relation)r);
            if (got != want)
                fail_msg("%s, action %d (%s), relation %s: got %d, want %d", e->actor_name,
                         (int)e->action, pm_access__describe(e->action),
                         relation_name((pm_relation)r), got, want);
        }
    }
}

static void test_access_manager_gets_no_admin_right(void **state)
{
    (void)state;
    assert_int_equal(pm_access__check(&person, PM_ACT_EDIT_OWN_PROFILE, PM_REL_MANAGER), PM_EPERM);
    assert_int_equal(pm_access__check(&person, PM_ACT_ADMIN_PERSON, PM_REL_MANAGER), PM_EPERM);
    assert_int_equal(pm_access__check(&person, PM_ACT_ADMIN_ORG, PM_REL_MANAGER), PM_EPERM);
}

static void test_access_person_cannot_grant_themselves_admin(void **state)
{
    (void)state;
    assert_int_equal(pm_access__check(&person, PM_ACT_ADMIN_PERSON, PM_REL_SELF), PM_EPERM);
}

static void test_access_hr_flag_on_system_actor_changes_nothing(void **state)
{
    (void)state;
    pm_actor both = { 0, 1, 1 };
    for (int a = 0; a < PM_ACT_COUNT; a++)
        assert_int_equal(pm_access__check(&both, (pm_action)a, PM_REL_NONE),
                         pm_access__check(&system_actor, (pm_action)a, PM_REL_NONE));
}

static void test_access_unknown_action_relation_or_actor_is_denied(void **state)
{
    (void)state;
    assert_int_equal(pm_access__check(&system_actor, PM_ACT_COUNT, PM_REL_NONE), PM_EPERM);
    assert_int_equal(pm_access__check(&system_actor, (pm_action)-1, PM_REL_NONE), PM_EPERM);
    assert_int_equal(pm_access__check(&hr_admin, PM_ACT_READ_DIRECTORY, PM_REL_COUNT), PM_EPERM);
    assert_int_equal(pm_access__check(&hr_admin, PM_ACT_READ_DIRECTORY, (pm_relation)-1), PM_EPERM);
    assert_int_equal(pm_access__check(NULL, PM_ACT_READ_DIRECTORY, PM_REL_SELF), PM_EPERM);
}

static void test_access_private_entries_show_to_their_author_alone(void **state)
{
    (void)state;
    pm_actor author = { 8, 0, 0 };
    pm_actor author_as_admin = { 8, 0, 1 };
    pm_actor other_admin = { 9, 0, 1 };
    assert_true(pm_access__private_visible(&author, 1, 8));
    assert_true(pm_access__private_visible(&author_as_admin, 1, 8));
    assert_false(pm_access__private_visible(&person, 1, 9));       /* another person */
    assert_false(pm_access__private_visible(&other_admin, 1, 8));  /* HR admins too */
    assert_false(pm_access__private_visible(&system_actor, 1, 0)); /* and the system actor */
    assert_false(pm_access__private_visible(NULL, 1, 8));
    /* shared entries show to everyone who may read the check-in */
    assert_true(pm_access__private_visible(&system_actor, 0, 8));
    assert_true(pm_access__private_visible(&person, 0, 9));
}

static void test_access_feedback_manager_reads_only_what_is_shared_with_managers(void **state)
{
    (void)state;
    assert_int_equal(pm_access__check(&person, PM_ACT_FEEDBACK_READ_RECEIVER, PM_REL_MANAGER),
                     PM_EPERM);
    assert_int_equal(pm_access__check(&person, PM_ACT_FEEDBACK_READ_MANAGERS, PM_REL_MANAGER),
                     PM_OK);
    /* Nobody but the receiver acknowledges, nobody but the giver retracts. */
    assert_int_equal(pm_access__check(&person, PM_ACT_FEEDBACK_RECEIVE, PM_REL_MANAGER), PM_EPERM);
    assert_int_equal(pm_access__check(&hr_admin, PM_ACT_FEEDBACK_RETRACT, PM_REL_NONE), PM_EPERM);
}

static void test_access_describe_names_each_action_distinctly(void **state)
{
    (void)state;
    for (int a = 0; a < PM_ACT_COUNT; a++) {
        const char *d = pm_access__describe((pm_action)a);
        assert_non_null(d);
        assert_true(strlen(d) > 5);
        assert_string_not_equal(d, pm_access__describe(PM_ACT_COUNT));
        for (int b = 0; b < a; b++)
            assert_string_not_equal(d, pm_access__describe((pm_action)b));
    }
    assert_string_equal(pm_access__describe(PM_ACT_EDIT_OWN_PROFILE),
                        "change another person's profile");
    assert_non_null(strstr(pm_access__describe(PM_ACT_ADMIN_PERSON), "administer people"));
    assert_non_null(strstr(pm_access__describe(PM_ACT_ADMIN_ORG), "change the organisation"));
    assert_non_null(pm_access__describe((pm_action)99));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_access_rules_match_the_expected_matrix),
        cmocka_unit_test(test_access_manager_gets_no_admin_right),
        cmocka_unit_test(test_access_person_cannot_grant_themselves_admin),
        cmocka_unit_test(test_access_hr_flag_on_system_actor_changes_nothing),
        cmocka_unit_test(test_access_unknown_action_relation_or_actor_is_denied),
        cmocka_unit_test(test_access_private_entries_show_to_their_author_alone),
        cmocka_unit_test(test_access_feedback_manager_reads_only_what_is_shared_with_managers),
        cmocka_unit_test(test_access_describe_names_each_action_distinctly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
