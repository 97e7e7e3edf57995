/* Feedback requests on every backend: asking one or more people, answering
 * with feedback linked to the request, declining, expiry as the clock
 * moves, managers and HR asking about others, repeats, who sees what, the
 * lists by role and filter, and a retracted response reopening its part.
 * Refusals are in test_feedback_request_refusals.c. */
#include "fixture.h"

#include <string.h>

#include "checks.h"
#include "samples.h"
#include "test_feedback_request_helpers.h"

static void test_request_with_several_addressees_has_a_requested_part_for_each(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.peer, t.mgr, t.r2 };
    pm_feedback_request_opts o = ask(0, "How did my " A_RING_NFD " demo go?", to, 3);
    pm_id id = ask_ok(t.as_r1, &o);
    pm_feedback_request *r = get_request(t.as_r1, id);
    assert_int_equal(pm_feedback_request_id(r), id);
    assert_int_equal(pm_feedback_request_requester(r), t.r1);
    assert_int_equal(pm_feedback_request_subject(r), t.r1);
    assert_string_equal(pm_feedback_request_topic(r), "How did my " A_RING_NFC " demo go?");
    assert_int_equal(pm_feedback_request_goal(r), 0);
    /* No due date: the expiry date, 90 days on by default. */
    assert_int_equal(pm_feedback_request_expires(r), TODAY + PM_REQUEST_EXPIRY_DEFAULT);
    assert_int_equal(pm_feedback_request_due(r), TODAY + PM_REQUEST_EXPIRY_DEFAULT);
    assert_int_equal(pm_feedback_request_repeat_days(r), 0);
    assert_int_equal(pm_feedback_request_previous(r), 0);
    assert_int_equal(pm_feedback_request_created_at(r), PM_FIXTURE_NOW);
    assert_int_equal(pm_feedback_request_count(r), 3);
    /* In the order they were given, not by id. */
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(pm_feedback_request_addressee(r, i), to[i]);
        assert_int_equal(pm_feedback_request_state(r, i), PM_REQUEST_REQUESTED);
        assert_int_equal(pm_feedback_request_answered_at(r, i), 0);
        assert_int_equal(pm_feedback_request_response(r, i), 0);
    }
    assert_int_equal(pm_feedback_request_addressee(r, 3), 0);
    assert_int_equal(pm_feedback_request_state(r, 3), 0);
    pm_feedback_request_free(r);
    /* Accessors of NULL give nothing. */
    assert_int_equal(pm_feedback_request_id(NULL), 0);
    assert_null(pm_feedback_request_topic(NULL));
    assert_int_equal(pm_feedback_request_count(NULL), 0);
    assert_int_equal(pm_feedback_request_due(NULL), PM_DATE_NONE);
    free_team(&t);
}

static void test_request_keeps_its_due_date_goal_and_repeat(void **state)
{
    team t = make_team(state);
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = t.r1;
    g.title = "Ship the demo";
    g.start = D("2026-06-01");
    g.due = D("2026-09-30");
    pm_id goal = 0;
    assert_ok(t.f->sys, pm_goal_create(&goal, t.f->sys, &g));
    pm_id to[] = { t.r2 };
    pm_feedback_request_opts o = ask(0, "The demo", to, 1);
    o.goal = goal;
    o.due = D("2026-06-20");
    o.expires_days = 30;
    o.repeat_days = 14;
    pm_id id = ask_ok(t.as_r1, &o);
    pm_feedback_request *r = get_request(t.as_r1, id);
    assert_int_equal(pm_feedback_request_goal(r), goal);
    assert_int_equal(pm_feedback_request_due(r), D("2026-06-20"));
    assert_int_equal(pm_feedback_request_expires(r), D("2026-07-15"));
    assert_int_equal(pm_feedback_request_repeat_days(r), 14);
    pm_feedback_request_free(r);
    /* Due on the last day it can be answered is fine, and so is today. */
    o.due = D("2026-07-15");
    ask_ok(t.as_r1, &o);
    o.due = TODAY;
    ask_ok(t.as_r1, &o);
    free_team(&t);
}

static void test_response_is_feedback_to_the_subject_linked_to_the_request(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "My demo", to, 2);
    pm_id id = ask_ok(t.as_r1, &o);
    t.f->now += 3600;
    pm_id fb = respond_ok(t.as_r2, id, "Clear and calm");
    pm_feedback *e = NULL;
    assert_ok(t.as_r1, pm_feedback_get(&e, t.as_r1, fb));
    assert_int_equal(pm_feedback_request_of(e), id);
    assert_int_equal(pm_feedback_receiver(e), t.r1);
    assert_int_equal(pm_feedback_giver(e), t.r2);
    assert_string_equal(pm_feedback_text(e), "Clear and calm");
    pm_feedback_free(e);
    pm_feedback_request *r = get_request(t.as_r1, id);
    assert_int_equal(pm_feedback_request_state(r, 0), PM_REQUEST_SUBMITTED);
    assert_int_equal(pm_feedback_request_answered_at(r, 0), PM_FIXTURE_NOW + 3600);
    assert_int_equal(pm_feedback_request_response(r, 0), fb);
    assert_int_equal(pm_feedback_request_state(r, 1), PM_REQUEST_REQUESTED);
    pm_feedback_request_free(r);
    /* The receiver may be named, as long as it is the subject. */
    pm_feedback_opts a = answer("Good pace");
    a.receiver = t.r1;
    pm_id fb2 = 0;
    assert_ok(t.as_peer, pm_feedback_request_respond(&fb2, t.as_peer, id, &a));
    assert_true(fb2 > 0 && fb2 != fb);
    assert_int_equal(part_state(t.as_r1, id, t.peer), PM_REQUEST_SUBMITTED);
    free_team(&t);
}

static void test_decline_marks_the_part_declined_without_feedback(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "My demo", to, 2);
    pm_id id = ask_ok(t.as_r1, &o);
    t.f->now += 60;
    assert_ok(t.as_peer, pm_feedback_request_decline(t.as_peer, id));
    pm_feedback_request *r = get_request(t.as_r1, id);
    assert_int_equal(pm_feedback_request_state(r, 1), PM_REQUEST_DECLINED);
    assert_int_equal(pm_feedback_request_answered_at(r, 1), PM_FIXTURE_NOW + 60);
    assert_int_equal(pm_feedback_request_response(r, 1), 0);
    assert_int_equal(pm_feedback_request_state(r, 0), PM_REQUEST_REQUESTED);
    pm_feedback_request_free(r);
    free_team(&t);
}

static void test_unanswered_parts_expire_after_the_last_day_and_answered_ones_do_not(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer, t.mgr };
    pm_feedback_request_opts o = ask(0, "My demo", to, 3);
    o.expires_days = 10;
    pm_id id = ask_ok(t.as_r1, &o);
    respond_ok(t.as_r2, id, "Nice");
    assert_ok(t.as_mgr, pm_feedback_request_decline(t.as_mgr, id));
    /* The last day is still open. */
    t.f->now += 10 * DAY;
    assert_int_equal(part_state(t.as_r1, id, t.peer), PM_REQUEST_REQUESTED);
    t.f->now += DAY;
    pm_feedback_request *r = get_request(t.as_r1, id);
    assert_int_equal(pm_feedback_request_state(r, 0), PM_REQUEST_SUBMITTED);
    assert_int_equal(pm_feedback_request_state(r, 1), PM_REQUEST_EXPIRED);
    assert_int_equal(pm_feedback_request_state(r, 2), PM_REQUEST_DECLINED);
    pm_feedback_request_free(r);
    pm_feedback_opts a = answer("Late");
    assert_fails(t.as_peer, pm_feedback_request_respond(NULL, t.as_peer, id, &a), PM_EINVAL,
                 "expired on 2026-06-25");
    /* Moving the clock back shows it requested again: expiry is computed. */
    t.f->now -= DAY;
    assert_int_equal(part_state(t.as_r1, id, t.peer), PM_REQUEST_REQUESTED);
    free_team(&t);
}

static void test_manager_asks_about_a_report_and_the_report_may_give_a_self_view(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r1, t.r2 };
    pm_feedback_request_opts o = ask(t.r1, "Mid-year", to, 2);
    pm_id id = ask_ok(t.as_mgr, &o);
    pm_feedback_request *r = get_request(t.as_mgr, id);
    assert_int_equal(pm_feedback_request_requester(r), t.mgr);
    assert_int_equal(pm_feedback_request_subject(r), t.r1);
    pm_feedback_request_free(r);
    /* Someone above the manager asks about the same report too. */
    pm_id to_peer[] = { t.peer };
    o = ask(t.r1, "From further up", to_peer, 1);
    ask_ok(t.as_top, &o);
    /* The subject, an addressee, the requester, those above, HR and the
     * system read it; a peer outside it does not. */
    pm_session *readers[] = { t.as_r1, t.as_r2, t.as_mgr, t.as_top, t.as_hr, t.f->sys };
    for (size_t i = 0; i < sizeof readers / sizeof *readers; i++) {
        r = get_request(readers[i], id);
        pm_feedback_request_free(r);
    }
    r = NULL;
    assert_fails(t.as_peer, pm_feedback_request_get(&r, t.as_peer, id), PM_EPERM,
                 "may not read this feedback request");
    assert_null(r);
    /* The report's self-view is feedback to themselves. */
    pm_id fb = respond_ok(t.as_r1, id, "I rushed the ending");
    pm_feedback *e = NULL;
    assert_ok(t.as_r1, pm_feedback_get(&e, t.as_r1, fb));
    assert_int_equal(pm_feedback_receiver(e), t.r1);
    assert_int_equal(pm_feedback_giver(e), t.r1);
    assert_int_equal(pm_feedback_direction(e), PM_DIRECTION_SELF);
    pm_feedback_free(e);
    free_team(&t);
}

static void test_hr_admin_asks_about_anyone(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r1, t.r2 };
    pm_feedback_request_opts o = ask(t.peer, "Working with the peer", to, 2);
    pm_id id = ask_ok(t.as_hr, &o);
    pm_feedback_request *r = get_request(t.as_peer, id);
    assert_int_equal(pm_feedback_request_requester(r), t.hr);
    assert_int_equal(pm_feedback_request_subject(r), t.peer);
    pm_feedback_request_free(r);
    free_team(&t);
}

static void test_response_id_is_shown_to_requester_subject_responder_hr_and_system(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(t.r1, "Mid-year", to, 2);
    pm_id id = ask_ok(t.as_mgr, &o);
    pm_id fb = respond_ok(t.as_r2, id, "Helps everyone");
    pm_session *told[] = { t.as_mgr, t.as_r1, t.as_r2, t.as_hr, t.f->sys };
    for (size_t i = 0; i < sizeof told / sizeof *told; i++)
        assert_int_equal(part_response(told[i], id, t.r2), fb);
    /* The other addressee and those above the subject see that it was
     * answered, not by which entry. */
    assert_int_equal(part_response(t.as_peer, id, t.r2), 0);
    assert_int_equal(part_state(t.as_peer, id, t.r2), PM_REQUEST_SUBMITTED);
    assert_int_equal(part_response(t.as_top, id, t.r2), 0);
    free_team(&t);
}

static void test_renew_creates_the_next_occurrence_once_per_period(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "Weekly pulse", to, 2);
    o.repeat_days = 7;
    o.expires_days = 10;
    o.due = TODAY + 5;
    pm_id first = ask_ok(t.as_r1, &o);
    /* A request that does not repeat is never renewed. */
    o.repeat_days = 0;
    ask_ok(t.as_r1, &o);
    int created = -1;
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, PM_DATE_NONE));
    assert_int_equal(created, 0);
    t.f->now += 6 * DAY;
    assert_ok(t.as_hr, pm_feedback_request_renew(&created, t.as_hr, PM_DATE_NONE));
    assert_int_equal(created, 0);
    t.f->now += DAY;
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, PM_DATE_NONE));
    assert_int_equal(created, 0);
    pm_id ids[8];
    assert_int_equal(list_ids(t.as_r1, t.r1, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL, ids, 8), 3);
    pm_feedback_request *r = get_request(t.as_r1, ids[0]);
    assert_int_equal(pm_feedback_request_previous(r), first);
    assert_string_equal(pm_feedback_request_topic(r), "Weekly pulse");
    assert_int_equal(pm_feedback_request_requester(r), t.r1);
    assert_int_equal(pm_feedback_request_subject(r), t.r1);
    assert_int_equal(pm_feedback_request_repeat_days(r), 7);
    assert_int_equal(pm_feedback_request_created_at(r), PM_FIXTURE_NOW + 7 * DAY);
    assert_int_equal(pm_feedback_request_expires(r), TODAY + 7 + 10);
    assert_int_equal(pm_feedback_request_due(r), TODAY + 7 + 5);
    assert_int_equal(pm_feedback_request_count(r), 2);
    assert_int_equal(pm_feedback_request_addressee(r, 0), t.r2);
    assert_int_equal(pm_feedback_request_addressee(r, 1), t.peer);
    assert_int_equal(pm_feedback_request_state(r, 0), PM_REQUEST_REQUESTED);
    pm_feedback_request_free(r);
    /* The next period renews the new one, not the first again. */
    t.f->now += 7 * DAY;
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    pm_id again[8];
    assert_int_equal(list_ids(t.as_r1, t.r1, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL, again, 8), 4);
    r = get_request(t.as_r1, again[0]);
    assert_int_equal(pm_feedback_request_previous(r), ids[0]);
    pm_feedback_request_free(r);
    free_team(&t);
}

static void test_renew_leaves_out_people_who_left_and_ends_a_series_with_no_one_left(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "Pulse", to, 2);
    o.repeat_days = 7;
    ask_ok(t.as_r1, &o);
    pm_id only_peer[] = { t.peer };
    o = ask(0, "Peer pulse", only_peer, 1);
    o.repeat_days = 7;
    ask_ok(t.as_r1, &o);
    assert_ok(t.f->sys, pm_person_set_left(t.f->sys, t.peer, PM_DATE_NONE));
    t.f->now += 7 * DAY;
    int created = 0;
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    pm_id ids[8];
    assert_int_equal(list_ids(t.as_r1, t.r1, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL, ids, 8), 3);
    pm_feedback_request *r = get_request(t.as_r1, ids[0]);
    assert_string_equal(pm_feedback_request_topic(r), "Pulse");
    assert_int_equal(pm_feedback_request_count(r), 1);
    assert_int_equal(pm_feedback_request_addressee(r, 0), t.r2);
    pm_feedback_request_free(r);
    /* The ended series is not tried again. */
    t.f->now += 7 * DAY;
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    free_team(&t);
}

static void test_renew_for_a_later_date_is_not_repeated_for_that_date(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2 };
    pm_feedback_request_opts o = ask(0, "Pulse", to, 1);
    o.repeat_days = 7;
    ask_ok(t.as_r1, &o);
    int created = 0;
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, TODAY + 30));
    assert_int_equal(created, 1);
    assert_ok(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, TODAY + 30));
    assert_int_equal(created, 0);
    free_team(&t);
}

/* Four requests, made a minute apart:
 *   A by r1 about r1 to r2 and peer: r2 answers, peer's part stays open
 *   B by mgr about r1 to r2: open
 *   C by r1 about r1 to peer, expiring after 5 days: expires
 *   D by r2 about r2 to peer: declined
 * and the clock then moves 6 days on. */
typedef struct four {
    team t;
    pm_id a, b, c, d;
} four;

static four make_four(void **state)
{
    four x;
    x.t = make_team(state);
    team *t = &x.t;
    pm_id to_a[] = { t->r2, t->peer };
    pm_feedback_request_opts o = ask(0, "A", to_a, 2);
    x.a = ask_ok(t->as_r1, &o);
    t->f->now += 60;
    pm_id to_b[] = { t->r2 };
    o = ask(t->r1, "B", to_b, 1);
    x.b = ask_ok(t->as_mgr, &o);
    t->f->now += 60;
    pm_id to_peer[] = { t->peer };
    o = ask(0, "C", to_peer, 1);
    o.expires_days = 5;
    x.c = ask_ok(t->as_r1, &o);
    t->f->now += 60;
    o = ask(0, "D", to_peer, 1);
    x.d = ask_ok(t->as_r2, &o);
    respond_ok(t->as_r2, x.a, "A answer");
    assert_ok(t->as_peer, pm_feedback_request_decline(t->as_peer, x.d));
    t->f->now += 6 * DAY;
    return x;
}

/* Fails unless the list gives exactly the ids expected, in that order. */
static void expect_list(pm_session *s, pm_id person, pm_request_role role, unsigned int filter,
                        const pm_id *expected, size_t n)
{
    pm_id got[16];
    size_t count = list_ids(s, person, role, filter, got, 16);
    if (count != n)
        fail_msg("role %d filter 0x%x: %zu requests, expected %zu", (int)role, filter, count, n);
    for (size_t i = 0; i < n; i++)
        if (got[i] != expected[i])
            fail_msg("role %d filter 0x%x: #%zu is %lld, expected %lld", (int)role, filter, i,
                     (long long)got[i], (long long)expected[i]);
}

#define EXPECT(s, person, role, filter, ...)                                          \
    do {                                                                              \
        const pm_id e_[] = { 0, __VA_ARGS__ };                                        \
        expect_list((s), (person), (role), (filter), e_ + 1, sizeof e_ / sizeof *e_ - 1); \
    } while (0)
#define EXPECT_NONE(s, person, role, filter) expect_list((s), (person), (role), (filter), NULL, 0)

static void test_lists_by_requester_newest_first_with_each_filter(void **state)
{
    four x = make_four(state);
    team *t = &x.t;
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL, x.c, x.a);
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ASKED_BY, PM_REQUEST_OPEN, x.a);
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ASKED_BY, PM_REQUEST_ANSWERED, x.a);
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ASKED_BY, PM_REQUEST_EXPIRED_ONLY, x.c);
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ASKED_BY, PM_REQUEST_OPEN | PM_REQUEST_EXPIRED_ONLY,
           x.c, x.a);
    /* A request declined by everyone is in no filter but all of them. */
    EXPECT(t->as_r2, t->r2, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL, x.d);
    EXPECT_NONE(t->as_r2, t->r2, PM_REQUEST_ASKED_BY, PM_REQUEST_OPEN | PM_REQUEST_ANSWERED);
    EXPECT(t->as_mgr, t->mgr, PM_REQUEST_ASKED_BY, PM_REQUEST_OPEN, x.b);
    EXPECT_NONE(t->as_top, t->top, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL);
    free_team(t);
}

static void test_lists_about_a_person_include_what_their_manager_asked(void **state)
{
    four x = make_four(state);
    team *t = &x.t;
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ABOUT, PM_REQUEST_ALL, x.c, x.b, x.a);
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ABOUT, PM_REQUEST_OPEN, x.b, x.a);
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ABOUT, PM_REQUEST_ANSWERED, x.a);
    EXPECT(t->as_r1, t->r1, PM_REQUEST_ABOUT, PM_REQUEST_EXPIRED_ONLY, x.c);
    EXPECT(t->as_r2, t->r2, PM_REQUEST_ABOUT, PM_REQUEST_ALL, x.d);
    free_team(t);
}

static void test_lists_addressed_to_a_person_filter_on_their_own_part(void **state)
{
    four x = make_four(state);
    team *t = &x.t;
    EXPECT(t->as_peer, t->peer, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_ALL, x.d, x.c, x.a);
    /* A is answered, but not by the peer, whose part is still open. */
    EXPECT(t->as_peer, t->peer, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_OPEN, x.a);
    EXPECT_NONE(t->as_peer, t->peer, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_ANSWERED);
    EXPECT(t->as_peer, t->peer, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_EXPIRED_ONLY, x.c);
    EXPECT(t->as_r2, t->r2, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_ANSWERED, x.a);
    EXPECT(t->as_r2, t->r2, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_OPEN, x.b);
    EXPECT(t->as_r2, t->r2, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_ALL, x.b, x.a);
    EXPECT_NONE(t->as_r1, t->r1, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_ALL);
    free_team(t);
}

static void test_lists_are_for_the_person_those_above_hr_and_the_system(void **state)
{
    four x = make_four(state);
    team *t = &x.t;
    EXPECT(t->as_mgr, t->r1, PM_REQUEST_ABOUT, PM_REQUEST_ALL, x.c, x.b, x.a);
    EXPECT(t->as_top, t->r1, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL, x.c, x.a);
    EXPECT(t->as_hr, t->peer, PM_REQUEST_ADDRESSED_TO, PM_REQUEST_ALL, x.d, x.c, x.a);
    EXPECT(t->f->sys, t->r2, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL, x.d);
    pm_feedback_request_iter *it = NULL;
    assert_fails(t->as_peer, pm_feedback_request_list(&it, t->as_peer, t->r1, PM_REQUEST_ABOUT,
                                                      PM_REQUEST_ALL),
                 PM_EPERM, "may not read this feedback request");
    assert_null(it);
    assert_fails(t->as_r1, pm_feedback_request_list(&it, t->as_r1, t->mgr, PM_REQUEST_ASKED_BY,
                                                    PM_REQUEST_ALL),
                 PM_EPERM, "permission denied: person");
    free_team(t);
}

static void test_retracting_a_response_reopens_the_part_for_a_new_answer(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "My demo", to, 2);
    pm_id id = ask_ok(t.as_r1, &o);
    pm_id fb = respond_ok(t.as_r2, id, "Too quick");
    respond_ok(t.as_peer, id, "Nice slides");
    assert_ok(t.as_r2, pm_feedback_retract(t.as_r2, fb));
    pm_feedback_request *r = get_request(t.as_r1, id);
    assert_int_equal(pm_feedback_request_state(r, 0), PM_REQUEST_REQUESTED);
    assert_int_equal(pm_feedback_request_answered_at(r, 0), 0);
    assert_int_equal(pm_feedback_request_response(r, 0), 0);
    /* Only the retracted one. */
    assert_int_equal(pm_feedback_request_state(r, 1), PM_REQUEST_SUBMITTED);
    pm_feedback_request_free(r);
    pm_id again = respond_ok(t.as_r2, id, "Calmer than I said");
    assert_int_equal(part_response(t.as_r1, id, t.r2), again);
    free_team(&t);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_request_with_several_addressees_has_a_requested_part_for_each),
        T(test_request_keeps_its_due_date_goal_and_repeat),
        T(test_response_is_feedback_to_the_subject_linked_to_the_request),
        T(test_decline_marks_the_part_declined_without_feedback),
        T(test_unanswered_parts_expire_after_the_last_day_and_answered_ones_do_not),
        T(test_manager_asks_about_a_report_and_the_report_may_give_a_self_view),
        T(test_hr_admin_asks_about_anyone),
        T(test_response_id_is_shown_to_requester_subject_responder_hr_and_system),
        T(test_renew_creates_the_next_occurrence_once_per_period),
        T(test_renew_leaves_out_people_who_left_and_ends_a_series_with_no_one_left),
        T(test_renew_for_a_later_date_is_not_repeated_for_that_date),
        T(test_lists_by_requester_newest_first_with_each_filter),
        T(test_lists_about_a_person_include_what_their_manager_asked),
        T(test_lists_addressed_to_a_person_filter_on_their_own_part),
        T(test_lists_are_for_the_person_those_above_hr_and_the_system),
        T(test_retracting_a_response_reopens_the_part_for_a_new_answer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
