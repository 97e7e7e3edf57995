/* Feedback on every backend: every way a call can be wrong is refused with
 * its status and a message naming the field, and the store stays exactly
 * as it was. The happy paths are in test_feedback.c. */
#include "test_feedback_helpers.h"

#include <stdio.h>
#include <string.h>

#include "store_dump.h"

enum bad_case {
    BAD_TEXT_MISSING, BAD_TEXT_EMPTY, BAD_TEXT_BLANK, BAD_TEXT_UTF8, BAD_TEXT_NUL,
    BAD_TEXT_LONG, BAD_SITUATION_LONG, BAD_BEHAVIOUR_UTF8, BAD_IMPACT_LONG, BAD_KIND,
    BAD_VISIBILITY, BAD_DIRECTION_SELF_AS_PEER, BAD_DIRECTION_PEER_AS_DOWNWARD,
    BAD_DIRECTION_UNKNOWN, BAD_AT_FUTURE, BAD_RECEIVER_ZERO, BAD_RECEIVER_UNKNOWN,
    BAD_RECEIVER_LEFT, BAD_GOAL_UNKNOWN, BAD_GOAL_PRIVATE, BAD_GOAL_NEGATIVE,
    BAD_CHECKIN_UNKNOWN, BAD_CHECKIN_OTHERS, BAD_COMPETENCY_NEGATIVE, BAD_COMPETENCY_UNKNOWN,
    BAD_VERSION_0,
    BAD_VERSION_99, BAD_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_expect[BAD_COUNT] = {
    [BAD_TEXT_MISSING] = { PM_EINVAL, "feedback.text: must not be empty" },
    [BAD_TEXT_EMPTY] = { PM_EINVAL, "feedback.text: must not be empty" },
    [BAD_TEXT_BLANK] = { PM_EINVAL, "feedback.text: must not be blank" },
    [BAD_TEXT_UTF8] = { PM_EUTF8, "feedback.text: invalid UTF-8" },
    [BAD_TEXT_NUL] = { PM_EUTF8, "feedback.text" },
    [BAD_TEXT_LONG] = { PM_ERANGE, "feedback.text: longer than 10000" },
    [BAD_SITUATION_LONG] = { PM_ERANGE, "feedback.situation: longer than 2000" },
    [BAD_BEHAVIOUR_UTF8] = { PM_EUTF8, "feedback.behaviour" },
    [BAD_IMPACT_LONG] = { PM_ERANGE, "feedback.impact: longer than 2000" },
    [BAD_KIND] = { PM_EINVAL, "feedback.kind: 7 is not a kind" },
    [BAD_VISIBILITY] = { PM_EINVAL, "feedback.visibility: 0 is not a visibility" },
    [BAD_DIRECTION_SELF_AS_PEER] = { PM_EINVAL, "feedback.direction: is self, not peer" },
    [BAD_DIRECTION_PEER_AS_DOWNWARD] = { PM_EINVAL, "feedback.direction: is peer, not downward" },
    [BAD_DIRECTION_UNKNOWN] = { PM_EINVAL, "feedback.direction: 6 is not a direction" },
    [BAD_AT_FUTURE] = { PM_EINVAL, "feedback.at: 2026-06-15T12:00:01Z is in the future" },
    [BAD_RECEIVER_ZERO] = { PM_EINVAL, "feedback.receiver: 0 is not a person id" },
    [BAD_RECEIVER_UNKNOWN] = { PM_ENOTFOUND, "feedback.receiver: person 999 does not exist" },
    [BAD_RECEIVER_LEFT] = { PM_EINVAL, "has left" },
    [BAD_GOAL_UNKNOWN] = { PM_ENOTFOUND, "feedback.goal: goal 999 does not exist" },
    [BAD_GOAL_PRIVATE] = { PM_EPERM, "feedback.goal: person" },
    [BAD_GOAL_NEGATIVE] = { PM_EINVAL, "feedback.goal: -1 is not an id" },
    [BAD_CHECKIN_UNKNOWN] = { PM_ENOTFOUND, "feedback.checkin: check-in 999 does not exist" },
    [BAD_CHECKIN_OTHERS] = { PM_EPERM, "is not one of the pair" },
    [BAD_COMPETENCY_NEGATIVE] = { PM_EINVAL, "feedback.competency: -3 is not an id" },
    [BAD_COMPETENCY_UNKNOWN] = { PM_ENOTFOUND,
                                 "feedback.competency: competency 999 does not exist" },
    [BAD_VERSION_0] = { PM_EVERSION, "feedback_opts.version: 0" },
    [BAD_VERSION_99] = { PM_EVERSION, "feedback_opts.version: 99" },
};

static void test_feedback_give_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id gone = pm_fixture_person(f, "E8", "Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = o.boss;
    g.title = "Boss's private goal";
    g.due = D("2026-12-31");
    g.visibility = PM_VISIBILITY_PRIVATE;
    pm_id private_goal = 0;
    assert_ok(f->sys, pm_goal_create(&private_goal, f->sys, &g));
    pm_id others_checkin = fb_first_checkin(f, o.mgr, o.peer);
    static char long_text[PM_FEEDBACK_TEXT_MAX + 2];
    memset(long_text, 'x', PM_FEEDBACK_TEXT_MAX + 1);
    static char long_part[PM_FEEDBACK_PART_MAX + 2];
    memset(long_part, 'y', PM_FEEDBACK_PART_MAX + 1);
    for (int c = 0; c < BAD_COUNT; c++) {
        pm_session *s = o.s_giver;
        pm_feedback_opts fo = fb_opts(o.recv, "Fine", PM_FEEDBACK_TO_RECEIVER, 0);
        switch ((enum bad_case)c) {
        case BAD_TEXT_MISSING: fo.text = NULL; break;
        case BAD_TEXT_EMPTY: fo.text = ""; break;
        case BAD_TEXT_BLANK: fo.text = " \n\t \xC2\xA0 "; break;
        case BAD_TEXT_UTF8: fo.text = "Bad \xC3\x28 byte"; break;
        case BAD_TEXT_NUL: fo.text = "a\0b"; fo.text_len = 3; break;
        case BAD_TEXT_LONG: fo.text = long_text; break;
        case BAD_SITUATION_LONG: fo.situation = long_part; break;
        case BAD_BEHAVIOUR_UTF8: fo.behaviour = "\xFF"; break;
        case BAD_IMPACT_LONG: fo.impact = long_part; break;
        case BAD_KIND: fo.kind = (pm_feedback_kind)7; break;
        case BAD_VISIBILITY: fo.visibility = (pm_feedback_visibility)0; break;
        case BAD_DIRECTION_SELF_AS_PEER:
            s = o.s_recv; /* feedback to oneself marked as peer */
            fo.direction = PM_DIRECTION_PEER;
            break;
        case BAD_DIRECTION_PEER_AS_DOWNWARD: fo.direction = PM_DIRECTION_DOWNWARD; break;
        case BAD_DIRECTION_UNKNOWN: fo.direction = (pm_direction)6; break;
        case BAD_AT_FUTURE: fo.at = f->now + 1; break;
        case BAD_RECEIVER_ZERO: fo.receiver = 0; break;
        case BAD_RECEIVER_UNKNOWN: fo.receiver = 999; break;
        case BAD_RECEIVER_LEFT: fo.receiver = gone; break;
        case BAD_GOAL_UNKNOWN: fo.goal = 999; break;
        case BAD_GOAL_PRIVATE: fo.goal = private_goal; break;
        case BAD_GOAL_NEGATIVE: fo.goal = -1; break;
        case BAD_CHECKIN_UNKNOWN: fo.checkin = 999; break;
        case BAD_CHECKIN_OTHERS: fo.checkin = others_checkin; break;
        case BAD_COMPETENCY_NEGATIVE: fo.competency = -3; break;
        case BAD_COMPETENCY_UNKNOWN: fo.competency = 999; break;
        case BAD_VERSION_0: fo.version = 0; break;
        case BAD_VERSION_99: fo.version = 99; break;
        case BAD_COUNT: break;
        }
        if (c == BAD_DIRECTION_SELF_AS_PEER)
            fo.receiver = o.recv;
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        assert_fails(s, pm_feedback_give(&id, s, &fo), bad_expect[c].status,
                     bad_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    /* The same refusals anonymously. */
    pm_feedback_opts fo = fb_opts(o.recv, "   ", PM_FEEDBACK_TO_RECEIVER, 1);
    char *before = pm_fixture_store_dump(f);
    assert_fails(o.s_giver, pm_feedback_give(NULL, o.s_giver, &fo), PM_EINVAL,
                 "feedback.text: must not be blank");
    assert_fails(o.s_giver, pm_feedback_give(NULL, o.s_giver, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_feedback_give(NULL, NULL, &fo), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    fb_org_free(&o);
}

static void test_feedback_give_by_the_system_actor_is_refused(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    char *before = pm_fixture_store_dump(f);
    pm_feedback_opts fo = fb_opts(o.recv, "From the machine", PM_FEEDBACK_TO_RECEIVER, 0);
    assert_fails(f->sys, pm_feedback_give(NULL, f->sys, &fo), PM_EPERM,
                 "the system actor may not give feedback");
    fo.anonymous = 1;
    assert_fails(f->sys, pm_feedback_give(NULL, f->sys, &fo), PM_EPERM,
                 "the system actor may not give feedback");
    pm_fixture_assert_store_is(f, before);
    fb_org_free(&o);
}

static void test_feedback_receipt_is_the_receivers_alone(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id id = fb_give(o.s_giver, o.recv, "Shared", PM_FEEDBACK_TO_ORGANISATION, 0);
    char *before = pm_fixture_store_dump(f);
    pm_session *others[] = { o.s_giver, o.s_mgr, o.s_boss, o.s_peer, o.s_hr, f->sys };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        assert_fails(others[i], pm_feedback_acknowledge(others[i], id), PM_EPERM,
                     "may not acknowledge or react to feedback given to someone else");
        assert_fails(others[i], pm_feedback_react(others[i], id, PM_REACTION_THANKS), PM_EPERM,
                     "permission denied");
    }
    assert_fails(o.s_recv, pm_feedback_react(o.s_recv, id, (pm_reaction)5), PM_EINVAL,
                 "feedback.reaction: 5 is not a reaction");
    assert_fails(o.s_recv, pm_feedback_react(o.s_recv, id, (pm_reaction)-1), PM_EINVAL,
                 "feedback.reaction");
    assert_fails(o.s_recv, pm_feedback_acknowledge(o.s_recv, 999), PM_ENOTFOUND,
                 "feedback: 999 does not exist");
    assert_fails(o.s_recv, pm_feedback_acknowledge(o.s_recv, 0), PM_EINVAL,
                 "feedback: 0 is not a feedback id");
    assert_fails(o.s_recv, pm_feedback_react(o.s_recv, -4, PM_REACTION_THANKS), PM_EINVAL,
                 "feedback: -4 is not a feedback id");
    assert_int_equal(pm_feedback_acknowledge(NULL, id), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    fb_org_free(&o);
}

static void test_feedback_retract_is_the_givers_alone(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id named = fb_give(o.s_giver, o.recv, "Named", PM_FEEDBACK_TO_ORGANISATION, 0);
    pm_id anonymous = fb_give(o.s_giver, o.recv, "Anonymous", PM_FEEDBACK_TO_ORGANISATION, 1);
    char *before = pm_fixture_store_dump(f);
    pm_session *others[] = { o.s_recv, o.s_mgr, o.s_boss, o.s_peer, o.s_hr, f->sys };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        assert_fails(others[i], pm_feedback_retract(others[i], named), PM_EPERM,
                     "may not retract feedback someone else gave");
        assert_fails(others[i], pm_feedback_retract(others[i], anonymous), PM_EPERM,
                     "may not retract feedback someone else gave");
    }
    assert_fails(o.s_giver, pm_feedback_retract(o.s_giver, 999), PM_ENOTFOUND,
                 "feedback: 999 does not exist");
    assert_fails(o.s_giver, pm_feedback_retract(o.s_giver, 0), PM_EINVAL, "feedback: 0");
    assert_int_equal(pm_feedback_retract(NULL, named), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    fb_org_free(&o);
}

static void test_feedback_reads_refuse_bad_ids_and_people(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id id = fb_give(o.s_giver, o.recv, "Private", PM_FEEDBACK_TO_RECEIVER, 0);
    pm_feedback *fb = (pm_feedback *)1;
    assert_fails(o.s_peer, pm_feedback_get(&fb, o.s_peer, id), PM_EPERM,
                 "may not read feedback shared with its receiver only");
    assert_null(fb);
    assert_fails(o.s_mgr, pm_feedback_get(&fb, o.s_mgr, id), PM_EPERM, "permission denied");
    assert_fails(o.s_recv, pm_feedback_get(&fb, o.s_recv, 999), PM_ENOTFOUND,
                 "feedback: 999 does not exist");
    assert_fails(o.s_recv, pm_feedback_get(&fb, o.s_recv, 0), PM_EINVAL, "feedback: 0");
    assert_fails(o.s_recv, pm_feedback_get(NULL, o.s_recv, id), PM_EINVAL, "out");
    pm_feedback_iter *it = (pm_feedback_iter *)1;
    assert_fails(o.s_recv, pm_feedback_list_received(&it, o.s_recv, 999, 0), PM_ENOTFOUND,
                 "person");
    assert_null(it);
    assert_fails(o.s_recv, pm_feedback_list_received(&it, o.s_recv, 0, 0), PM_EINVAL,
                 "person: 0 is not a person id");
    assert_fails(o.s_recv, pm_feedback_list_given(&it, o.s_recv, 999, 0), PM_ENOTFOUND,
                 "person");
    assert_fails(o.s_recv, pm_feedback_list_given(&it, o.s_recv, -1, 0), PM_EINVAL, "person");
    assert_fails(o.s_recv, pm_feedback_list_received(NULL, o.s_recv, o.recv, 0), PM_EINVAL,
                 "out");
    assert_fails(o.s_recv, pm_feedback_list_visible(NULL, o.s_recv, 0), PM_EINVAL, "out");
    assert_int_equal(pm_feedback_list_visible(&it, NULL, 0), PM_EINVAL);
    fb_org_free(&o);
}

static void test_feedback_give_in_a_read_only_store_is_refused(void **state)
{
    pm_fixture *f = *state;
    if (f->path[0] == '\0')
        skip(); /* memory stores cannot be opened read-only */
    fb_org o;
    fb_org_make(&o, f);
    pm_db *ro = NULL;
    char uri[600];
    pm_fixture_store_uri(uri, sizeof uri, f->path);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.flags = PM_DB_READONLY;
    opts.secret = PM_FIXTURE_SECRET;
    opts.secret_len = strlen(PM_FIXTURE_SECRET);
    assert_int_equal(pm_db_open(&ro, NULL, uri, &opts), PM_OK);
    pm_session *s = NULL;
    assert_int_equal(pm_session_open(&s, ro, o.giver), PM_OK);
    pm_feedback_opts fo = fb_opts(o.recv, "Hello", PM_FEEDBACK_TO_RECEIVER, 0);
    assert_fails(s, pm_feedback_give(NULL, s, &fo), PM_EREADONLY, "read-only");
    pm_session_free(s);
    pm_db_close(ro);
    fb_org_free(&o);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_feedback_give_refuses_bad_input_and_writes_nothing),
        T(test_feedback_give_by_the_system_actor_is_refused),
        T(test_feedback_receipt_is_the_receivers_alone),
        T(test_feedback_retract_is_the_givers_alone),
        T(test_feedback_reads_refuse_bad_ids_and_people),
        T(test_feedback_give_in_a_read_only_store_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
