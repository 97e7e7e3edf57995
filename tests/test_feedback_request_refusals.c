/* Feedback requests on every backend: every way a request, an answer, a
 * read or a renewal can be wrong is refused with its status and a message
 * naming the field and the reason, and the store stays exactly as it was;
 * running out of memory part-way leaves it so too and leaks nothing. The
 * happy paths are in test_feedback_request.c. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_feedback_request_helpers.h"

/* ---- asking ---- */

enum bad_case {
    BAD_ADDR_NONE, BAD_ADDR_NULL, BAD_ADDR_TOO_MANY, BAD_ADDR_TWICE, BAD_ADDR_REQUESTER,
    BAD_ADDR_UNKNOWN, BAD_ADDR_LEFT, BAD_ADDR_ZERO, BAD_TOPIC_NULL, BAD_TOPIC_EMPTY,
    BAD_TOPIC_BLANK, BAD_TOPIC_NEWLINE, BAD_TOPIC_LONG, BAD_TOPIC_UTF8, BAD_DUE_PAST,
    BAD_DUE_AFTER_EXPIRY, BAD_DUE_NOT_A_DATE, BAD_EXPIRES_0, BAD_EXPIRES_366, BAD_REPEAT_3,
    BAD_REPEAT_366, BAD_REPEAT_NEGATIVE, BAD_GOAL_UNKNOWN, BAD_GOAL_OF_ANOTHER,
    BAD_SUBJECT_UNKNOWN, BAD_SUBJECT_LEFT, BAD_SUBJECT_NOT_A_REPORT, BAD_SUBJECT_ABOVE,
    BAD_VERSION_0, BAD_VERSION_99, BAD_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_expect[BAD_COUNT] = {
    [BAD_ADDR_NONE] = { PM_EINVAL, "feedback_request.addressees: must name at least one person" },
    [BAD_ADDR_NULL] = { PM_EINVAL, "feedback_request.addressees: must not be NULL" },
    [BAD_ADDR_TOO_MANY] = { PM_EINVAL, "feedback_request.addressees: 51 people, at most 50" },
    [BAD_ADDR_TWICE] = { PM_EINVAL, "is named twice" },
    [BAD_ADDR_REQUESTER] = { PM_EINVAL, "is the requester" },
    [BAD_ADDR_UNKNOWN] = { PM_ENOTFOUND, "feedback_request.addressees: person 999 does not exist" },
    [BAD_ADDR_LEFT] = { PM_EINVAL, "has left" },
    [BAD_ADDR_ZERO] = { PM_EINVAL, "feedback_request.addressees: 0 is not a person id" },
    [BAD_TOPIC_NULL] = { PM_EINVAL, "feedback_request.topic: must not be empty" },
    [BAD_TOPIC_EMPTY] = { PM_EINVAL, "feedback_request.topic: must not be empty" },
    [BAD_TOPIC_BLANK] = { PM_EINVAL, "feedback_request.topic: must not be blank" },
    [BAD_TOPIC_NEWLINE] = { PM_EINVAL, "feedback_request.topic" },
    [BAD_TOPIC_LONG] = { PM_ERANGE, "feedback_request.topic: longer than 500" },
    [BAD_TOPIC_UTF8] = { PM_EUTF8, "feedback_request.topic: invalid UTF-8" },
    [BAD_DUE_PAST] = { PM_EINVAL, "feedback_request.due: 2026-06-14 is in the past" },
    [BAD_DUE_AFTER_EXPIRY] = { PM_EINVAL,
                               "feedback_request.due: 2026-06-26 is after the request expires "
                               "on 2026-06-25" },
    [BAD_DUE_NOT_A_DATE] = { PM_EINVAL, "feedback_request.due: " },
    [BAD_EXPIRES_0] = { PM_EINVAL, "feedback_request.expires_days: 0 is not between 1 and 365" },
    [BAD_EXPIRES_366] = { PM_EINVAL, "feedback_request.expires_days: 366" },
    [BAD_REPEAT_3] = { PM_EINVAL, "feedback_request.repeat_days: 3 is neither 0 nor between 7" },
    [BAD_REPEAT_366] = { PM_EINVAL, "feedback_request.repeat_days: 366" },
    [BAD_REPEAT_NEGATIVE] = { PM_EINVAL, "feedback_request.repeat_days: -7" },
    [BAD_GOAL_UNKNOWN] = { PM_ENOTFOUND, "feedback_request.goal: goal 999 does not exist" },
    [BAD_GOAL_OF_ANOTHER] = { PM_EINVAL, "is not a goal of person" },
    [BAD_SUBJECT_UNKNOWN] = { PM_ENOTFOUND, "feedback_request.subject: person 999 does not exist" },
    [BAD_SUBJECT_LEFT] = { PM_EINVAL, "feedback_request.subject: person" },
    [BAD_SUBJECT_NOT_A_REPORT] = { PM_EPERM,
                                   "may not ask for feedback about someone who is not their "
                                   "report" },
    [BAD_SUBJECT_ABOVE] = { PM_EPERM, "who is not their report" },
    [BAD_VERSION_0] = { PM_EVERSION, "feedback_request_opts.version: 0" },
    [BAD_VERSION_99] = { PM_EVERSION, "feedback_request_opts.version: 99" },
};

static void test_create_refuses_bad_requests_and_writes_nothing(void **state)
{
    team t = make_team(state);
    pm_id gone = pm_fixture_person(t.f, "E20", "Gone", t.mgr, 0);
    assert_ok(t.f->sys, pm_person_set_left(t.f->sys, gone, PM_DATE_NONE));
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = t.r2;
    g.title = "Not r1's";
    g.due = D("2026-12-31");
    pm_id others_goal = 0;
    assert_ok(t.f->sys, pm_goal_create(&others_goal, t.f->sys, &g));
    char long_topic[502];
    memset(long_topic, 'x', 501);
    long_topic[501] = '\0';
    pm_id many[51];
    for (int i = 0; i < 51; i++)
        many[i] = i + 1000;
    pm_id fine[] = { t.r2, t.peer };
    pm_id twice[] = { t.r2, t.peer, t.r2 };
    pm_id with_self[] = { t.r2, t.r1 };
    pm_id unknown[] = { t.r2, 999 };
    pm_id left[] = { gone };
    pm_id zero[] = { 0 };
    for (int c = 0; c < BAD_COUNT; c++) {
        pm_feedback_request_opts o = ask(0, "Fine", fine, 2);
        switch ((enum bad_case)c) {
        case BAD_ADDR_NONE: o.naddressees = 0; break;
        case BAD_ADDR_NULL: o.addressees = NULL; break;
        case BAD_ADDR_TOO_MANY: o.addressees = many; o.naddressees = 51; break;
        case BAD_ADDR_TWICE: o.addressees = twice; o.naddressees = 3; break;
        case BAD_ADDR_REQUESTER: o.addressees = with_self; break;
        case BAD_ADDR_UNKNOWN: o.addressees = unknown; break;
        case BAD_ADDR_LEFT: o.addressees = left; o.naddressees = 1; break;
        case BAD_ADDR_ZERO: o.addressees = zero; o.naddressees = 1; break;
        case BAD_TOPIC_NULL: o.topic = NULL; break;
        case BAD_TOPIC_EMPTY: o.topic = ""; break;
        case BAD_TOPIC_BLANK: o.topic = "   "; break;
        case BAD_TOPIC_NEWLINE: o.topic = "Two\nlines"; break;
        case BAD_TOPIC_LONG: o.topic = long_topic; break;
        case BAD_TOPIC_UTF8: o.topic = "Bad \xC3\x28 byte"; break;
        case BAD_DUE_PAST: o.due = TODAY - 1; break;
        case BAD_DUE_AFTER_EXPIRY: o.expires_days = 10; o.due = TODAY + 11; break;
        case BAD_DUE_NOT_A_DATE: o.due = 99999999; break;
        case BAD_EXPIRES_0: o.expires_days = 0; break;
        case BAD_EXPIRES_366: o.expires_days = 366; break;
        case BAD_REPEAT_3: o.repeat_days = 3; break;
        case BAD_REPEAT_366: o.repeat_days = 366; break;
        case BAD_REPEAT_NEGATIVE: o.repeat_days = -7; break;
        case BAD_GOAL_UNKNOWN: o.goal = 999; break;
        case BAD_GOAL_OF_ANOTHER: o.goal = others_goal; break;
        case BAD_SUBJECT_UNKNOWN: o.subject = 999; break;
        case BAD_SUBJECT_LEFT: o.subject = gone; break;
        case BAD_SUBJECT_NOT_A_REPORT: o.subject = t.peer; break;
        case BAD_SUBJECT_ABOVE: o.subject = t.mgr; break;
        case BAD_VERSION_0: o.version = 0; break;
        case BAD_VERSION_99: o.version = 99; break;
        case BAD_COUNT: break;
        }
        char *before = pm_fixture_store_dump(t.f);
        pm_id id = 77;
        assert_fails(t.as_r1, pm_feedback_request_create(&id, t.as_r1, &o),
                     bad_expect[c].status, bad_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(t.f, before);
    }
    /* The same request is fine. */
    pm_feedback_request_opts o = ask(0, "Fine", fine, 2);
    ask_ok(t.as_r1, &o);
    free_team(&t);
}

static void test_system_actor_and_peers_may_not_ask_and_nothing_is_written(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2 };
    pm_feedback_request_opts o = ask(t.r1, "About r1", to, 1);
    char *before = pm_fixture_store_dump(t.f);
    assert_fails(t.f->sys, pm_feedback_request_create(NULL, t.f->sys, &o), PM_EPERM,
                 "the system actor may not ask for feedback");
    assert_fails(t.as_peer, pm_feedback_request_create(NULL, t.as_peer, &o), PM_EPERM,
                 "permission denied: person");
    /* A report may not ask about a colleague, nor about their manager. */
    assert_fails(t.as_r2, pm_feedback_request_create(NULL, t.as_r2, &o), PM_EPERM,
                 "who is not their report");
    assert_fails(t.as_r1, pm_feedback_request_create(NULL, t.as_r1, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_feedback_request_create(NULL, NULL, &o), PM_EINVAL);
    pm_fixture_assert_store_is(t.f, before);
    free_team(&t);
}

/* ---- answering ---- */

static void expect_answer_refused(team *t, pm_session *s, pm_id request,
                                  const pm_feedback_opts *o, pm_status status,
                                  const char *needle)
{
    char *before = pm_fixture_store_dump(t->f);
    pm_id fb = 77;
    assert_fails(s, pm_feedback_request_respond(&fb, s, request, o), status, needle);
    assert_int_equal(fb, 0);
    pm_fixture_assert_store_is(t->f, before);
}

static void expect_decline_refused(team *t, pm_session *s, pm_id request, pm_status status,
                                   const char *needle)
{
    char *before = pm_fixture_store_dump(t->f);
    assert_fails(s, pm_feedback_request_decline(s, request), status, needle);
    pm_fixture_assert_store_is(t->f, before);
}

static void test_only_an_addressee_answers_and_nothing_is_written_otherwise(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "My demo", to, 2);
    pm_id id = ask_ok(t.as_r1, &o);
    pm_feedback_opts a = answer("Fine");
    /* Not an addressee: the subject, the manager, HR, the system. */
    expect_answer_refused(&t, t.as_mgr, id, &a, PM_EPERM,
                          "may not answer a feedback request not addressed to them");
    expect_answer_refused(&t, t.as_r1, id, &a, PM_EPERM, "not addressed to them");
    expect_answer_refused(&t, t.as_hr, id, &a, PM_EPERM, "not addressed to them");
    expect_answer_refused(&t, t.f->sys, id, &a, PM_EPERM, "the system actor may not");
    expect_decline_refused(&t, t.as_mgr, id, PM_EPERM, "not addressed to them");
    expect_decline_refused(&t, t.f->sys, id, PM_EPERM, "the system actor may not");
    expect_answer_refused(&t, t.as_r2, 999, &a, PM_ENOTFOUND,
                          "feedback_request: feedback request 999 does not exist");
    expect_answer_refused(&t, t.as_r2, 0, &a, PM_EINVAL, "feedback_request: 0 is not a request id");
    expect_decline_refused(&t, t.as_r2, 999, PM_ENOTFOUND, "feedback request 999 does not exist");
    assert_fails(t.as_r2, pm_feedback_request_respond(NULL, t.as_r2, id, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_feedback_request_decline(NULL, id), PM_EINVAL);
    free_team(&t);
}

static void test_response_must_name_its_giver_and_go_to_the_subject(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2 };
    pm_feedback_request_opts o = ask(0, "My demo", to, 1);
    pm_id id = ask_ok(t.as_r1, &o);
    pm_feedback_opts a = answer("Fine");
    a.anonymous = 1;
    expect_answer_refused(&t, t.as_r2, id, &a, PM_EINVAL,
                          "feedback.anonymous: a response to a request names its giver");
    a = answer("Fine");
    a.receiver = t.mgr;
    expect_answer_refused(&t, t.as_r2, id, &a, PM_EINVAL,
                          "feedback.receiver: a response goes to the request's subject");
    a = answer("Fine");
    a.version = 0;
    expect_answer_refused(&t, t.as_r2, id, &a, PM_EVERSION, "feedback_opts.version: 0");
    /* The feedback's own checks refuse inside the transaction: the part
     * stays requested. */
    a = answer(NULL);
    expect_answer_refused(&t, t.as_r2, id, &a, PM_EINVAL, "feedback.text");
    a = answer("Fine");
    a.kind = (pm_feedback_kind)9;
    expect_answer_refused(&t, t.as_r2, id, &a, PM_EINVAL, "feedback.kind");
    assert_int_equal(part_state(t.as_r1, id, t.r2), PM_REQUEST_REQUESTED);
    free_team(&t);
}

static void test_a_part_is_answered_once_and_not_after_declining_or_expiry(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "My demo", to, 2);
    o.expires_days = 3;
    pm_id id = ask_ok(t.as_r1, &o);
    pm_feedback_opts a = answer("Again");
    respond_ok(t.as_r2, id, "First");
    expect_answer_refused(&t, t.as_r2, id, &a, PM_EINVAL, "has already answered request");
    expect_decline_refused(&t, t.as_r2, id, PM_EINVAL, "has already answered request");
    assert_ok(t.as_peer, pm_feedback_request_decline(t.as_peer, id));
    expect_answer_refused(&t, t.as_peer, id, &a, PM_EINVAL, "has already declined request");
    expect_decline_refused(&t, t.as_peer, id, PM_EINVAL, "has already declined request");
    /* A second request, left until it expires. */
    id = ask_ok(t.as_r1, &o);
    t.f->now += 4 * DAY;
    expect_answer_refused(&t, t.as_r2, id, &a, PM_EINVAL, "expired on 2026-06-18");
    expect_decline_refused(&t, t.as_peer, id, PM_EINVAL, "expired on 2026-06-18");
    free_team(&t);
}

/* ---- reading and renewing ---- */

static void test_reads_refuse_unknown_requests_people_roles_and_filters(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2 };
    pm_feedback_request_opts o = ask(0, "My demo", to, 1);
    pm_id id = ask_ok(t.as_r1, &o);
    pm_feedback_request *r = NULL;
    assert_fails(t.as_r1, pm_feedback_request_get(&r, t.as_r1, 999), PM_ENOTFOUND,
                 "feedback request 999 does not exist");
    assert_null(r);
    assert_fails(t.as_r1, pm_feedback_request_get(&r, t.as_r1, -4), PM_EINVAL,
                 "-4 is not a request id");
    assert_fails(t.as_r1, pm_feedback_request_get(NULL, t.as_r1, id), PM_EINVAL, "out");
    assert_fails(t.as_peer, pm_feedback_request_get(&r, t.as_peer, id), PM_EPERM,
                 "permission denied: person");
    assert_null(r);
    pm_feedback_request_iter *it = NULL;
    pm_session *s = t.as_r1;
    assert_fails(s, pm_feedback_request_list(&it, s, t.r1, (pm_request_role)9, PM_REQUEST_ALL),
                 PM_EINVAL, "role: 9 is not a request role");
    assert_fails(s, pm_feedback_request_list(&it, s, t.r1, PM_REQUEST_ASKED_BY, 0), PM_EINVAL,
                 "filter: must hold");
    assert_fails(s, pm_feedback_request_list(&it, s, t.r1, PM_REQUEST_ASKED_BY, 0x9), PM_EINVAL,
                 "filter: 0x8 holds unknown bits");
    assert_fails(s, pm_feedback_request_list(&it, s, 999, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL),
                 PM_ENOTFOUND, "person: 999 does not exist");
    assert_fails(s, pm_feedback_request_list(&it, s, 0, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL),
                 PM_EINVAL, "person: 0 is not a person id");
    assert_fails(s, pm_feedback_request_list(NULL, s, t.r1, PM_REQUEST_ASKED_BY, PM_REQUEST_ALL),
                 PM_EINVAL, "out");
    assert_null(it);
    pm_feedback_request *next = NULL;
    assert_int_equal(pm_feedback_request_iter_next(&next, NULL), PM_EINVAL);
    assert_null(next);
    pm_feedback_request_iter_free(NULL);
    pm_feedback_request_free(NULL);
    free_team(&t);
}

static void test_renew_is_for_hr_and_the_system_and_refuses_bad_dates(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2 };
    pm_feedback_request_opts o = ask(0, "Pulse", to, 1);
    o.repeat_days = 7;
    ask_ok(t.as_r1, &o);
    t.f->now += 7 * DAY;
    char *before = pm_fixture_store_dump(t.f);
    int created = 5;
    assert_fails(t.as_r1, pm_feedback_request_renew(&created, t.as_r1, PM_DATE_NONE), PM_EPERM,
                 "may not renew repeating feedback requests");
    assert_int_equal(created, 0);
    assert_fails(t.as_mgr, pm_feedback_request_renew(&created, t.as_mgr, PM_DATE_NONE), PM_EPERM,
                 "renew repeating feedback requests");
    assert_fails(t.f->sys, pm_feedback_request_renew(&created, t.f->sys, 99999999), PM_EINVAL,
                 "date: 99999999 is not a date");
    assert_int_equal(pm_feedback_request_renew(&created, NULL, PM_DATE_NONE), PM_EINVAL);
    pm_fixture_assert_store_is(t.f, before);
    free_team(&t);
}

static void test_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_feedback_request_opts o;
    memset(&o, 0xAB, sizeof o);
    assert_int_equal(pm_feedback_request_opts_init(&o, PM_FEEDBACK_REQUEST_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_FEEDBACK_REQUEST_OPTS_VERSION);
    assert_int_equal(o.subject, 0);
    assert_null(o.topic);
    assert_null(o.addressees);
    assert_int_equal(o.naddressees, 0);
    assert_int_equal(o.due, PM_DATE_NONE);
    assert_int_equal(o.expires_days, PM_REQUEST_EXPIRY_DEFAULT);
    assert_int_equal(o.repeat_days, 0);
    assert_int_equal(pm_feedback_request_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_feedback_request_opts_init(&o, 99), PM_EVERSION);
    assert_int_equal(pm_feedback_request_opts_init(NULL, 1), PM_EINVAL);
}

/* ---- running out of memory ---- */

static pm_status read_all(team *t, pm_session *s, pm_id id)
{
    pm_feedback_request *r = NULL;
    pm_feedback_request_iter *it = NULL;
    pm_status st = pm_feedback_request_get(&r, s, id);
    if (st == PM_OK)
        st = pm_feedback_request_list(&it, s, t->r1, PM_REQUEST_ABOUT, PM_REQUEST_ALL);
    if (st == PM_OK) {
        pm_feedback_request_iter_free(it);
        it = NULL;
        st = pm_feedback_request_list(&it, s, t->r1, PM_REQUEST_ASKED_BY, PM_REQUEST_OPEN);
    }
    pm_feedback_request_iter_free(it);
    pm_feedback_request_free(r);
    return st;
}

/* Calls write with the n-th allocation failing, for n = 0, 1, ... until it
 * succeeds: each failure leaves the store as it was and keeps no memory. */
static void survive_writes(team *t, pm_status (*write)(team *, pm_id), pm_id arg,
                           const char *what)
{
    int succeeded = 0;
    for (long n = 0; n < 400 && !succeeded; n++) {
        char *before = pm_fixture_store_dump(t->f);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = write(t, arg);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM && st != PM_ESTORAGE)
            fail_msg("%s: status %d (%s): %s | %s | %s", what, (int)st, pm_status_str(st),
                     pm_session_errmsg(t->as_r1), pm_session_errmsg(t->as_r2),
                     pm_session_errmsg(t->f->sys));
        succeeded = st == PM_OK;
        if (!succeeded) {
            pm_fixture_check_store(t->f, before, what);
            if (pm_fixture_alloc_live() != live)
                fail_msg("%s: failing allocation %ld left %ld allocations behind", what, n,
                         pm_fixture_alloc_live() - live);
        }
        free(before);
    }
    assert_true(succeeded);
}

static pm_status create_one(team *t, pm_id unused)
{
    (void)unused;
    pm_id to[] = { t->r2, t->peer, t->mgr };
    pm_feedback_request_opts o = ask(0, "Under pressure " "\xC3\xA5", to, 3);
    o.repeat_days = 7;
    return pm_feedback_request_create(NULL, t->as_r1, &o);
}

static pm_status respond_one(team *t, pm_id request)
{
    pm_feedback_opts a = answer("Steady");
    return pm_feedback_request_respond(NULL, t->as_r2, request, &a);
}

static pm_status renew_all(team *t, pm_id unused)
{
    (void)unused;
    return pm_feedback_request_renew(NULL, t->f->sys, PM_DATE_NONE);
}

static void test_request_calls_survive_running_out_of_memory_and_leak_nothing(void **state)
{
    team t = make_team(state);
    pm_id to[] = { t.r2, t.peer };
    pm_feedback_request_opts o = ask(0, "My demo", to, 2);
    pm_id id = ask_ok(t.as_r1, &o);
    /* The first round warms what a backend keeps (SQLite's prepared
     * statements); from then on reads must give back all they take. */
    assert_ok(t.as_r1, read_all(&t, t.as_r1, id));
    long live = pm_fixture_alloc_live();
    assert_ok(t.as_r1, read_all(&t, t.as_r1, id));
    assert_int_equal(pm_fixture_alloc_live(), live);
    int succeeded = 0;
    for (long n = 0; n < 400 && !succeeded; n++) {
        live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = read_all(&t, t.as_r1, id);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM);
        succeeded = st == PM_OK;
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
    survive_writes(&t, create_one, 0, "create out of memory");
    /* The memory backend keeps the id table it makes on a kind's first
     * insert even when that insert is rolled back: warm the feedback kind
     * so the respond loop measures only what respond itself keeps. */
    pm_feedback_opts warm = answer("Warm");
    warm.receiver = t.r2;
    assert_ok(t.as_peer, pm_feedback_give(NULL, t.as_peer, &warm));
    survive_writes(&t, respond_one, id, "respond out of memory");
    t.f->now += 7 * DAY;
    survive_writes(&t, renew_all, 0, "renew out of memory");
    free_team(&t);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_create_refuses_bad_requests_and_writes_nothing),
        T(test_system_actor_and_peers_may_not_ask_and_nothing_is_written),
        T(test_only_an_addressee_answers_and_nothing_is_written_otherwise),
        T(test_response_must_name_its_giver_and_go_to_the_subject),
        T(test_a_part_is_answered_once_and_not_after_declining_or_expiry),
        T(test_reads_refuse_unknown_requests_people_roles_and_filters),
        T(test_renew_is_for_hr_and_the_system_and_refuses_bad_dates),
        T(test_opts_init_fills_defaults_and_refuses_unknown_versions),
        T(test_request_calls_survive_running_out_of_memory_and_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
