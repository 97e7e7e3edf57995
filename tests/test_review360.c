/* 360 rounds on every backend: creating and running a round, a rater's
 * role, submitting, the results and comments of a closed round, listing
 * rounds, and who may do what. Refusals are in test_review360_refusals.c,
 * the anonymity guarantees in test_review360_anonymity.c. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"
#include "test_review360_helpers.h"

static pm_review360 *get_round(pm_session *s, pm_id round)
{
    pm_review360 *r = NULL;
    assert_ok(s, pm_review360_get(&r, s, round));
    assert_non_null(r);
    return r;
}

static void assert_near_at(double actual, double expected, const char *what, int line)
{
    double diff = actual - expected;
    if (!(diff <= 1e-9 && diff >= -1e-9))
        fail_msg("line %d: %s is %.17g, expected %.17g", line, what, actual, expected);
}
#define assert_near(actual, expected) assert_near_at((actual), (expected), #actual, __LINE__)

/* ---- creating and running a round ---- */

static void test_review360_create_then_get_returns_every_field(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_review360_opts opts = round_opts(o.anna, "Review of " A_RING_NFD "sa", "2026-06-01",
                                        "2026-06-30");
    opts.threshold = 4;
    pm_id id = 0;
    assert_ok(f->sys, pm_review360_create(&id, f->sys, &opts));
    pm_review360 *r = get_round(f->sys, id);
    assert_int_equal(pm_review360_id(r), id);
    assert_int_equal(pm_review360_subject(r), o.anna);
    assert_string_equal(pm_review360_title(r), "Review of " A_RING_NFC "sa");
    assert_int_equal(pm_review360_state_get(r), PM_REVIEW360_DRAFT);
    assert_int_equal(pm_review360_opens(r), D("2026-06-01"));
    assert_int_equal(pm_review360_closes(r), D("2026-06-30"));
    assert_int_equal(pm_review360_threshold(r), 4);
    assert_int_equal(pm_review360_raters(r), 0);
    assert_int_equal(pm_review360_submitted(r), 0);
    pm_review360_free(r);
}

static void test_review360_create_defaults_opening_to_today_and_threshold_to_3(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_review360_opts opts = round_opts(o.anna, "Now", NULL, "2026-07-15");
    pm_id id = 0;
    assert_ok(f->sys, pm_review360_create(&id, f->sys, &opts));
    pm_review360 *r = get_round(f->sys, id);
    assert_int_equal(pm_review360_opens(r), D("2026-06-15"));
    assert_int_equal(pm_review360_threshold(r), PM_REVIEW360_THRESHOLD_DEFAULT);
    assert_int_equal(PM_REVIEW360_THRESHOLD_DEFAULT, 3);
    pm_review360_free(r);
}

static void test_review360_questions_list_in_the_order_added(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id round = new_round(f, o.anna, 3);
    pm_id q1 = add_q(f, round, "Zeal", 1, 5);
    pm_id q2 = add_q(f, round, "Anything else?", 0, 0);
    pm_id q3 = add_q(f, round, "Apt at planning", 0, 10);
    pm_review360_question_iter *it = NULL;
    assert_ok(f->sys, pm_review360_questions(&it, f->sys, round));
    pm_review360_question *q = NULL;
    const pm_id ids[] = { q1, q2, q3 };
    const char *texts[] = { "Zeal", "Anything else?", "Apt at planning" };
    const int mins[] = { 1, 0, 0 }, maxs[] = { 5, 0, 10 };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pm_review360_question_iter_next(&q, it), PM_OK);
        assert_int_equal(pm_review360_question_id(q), ids[i]);
        assert_string_equal(pm_review360_question_text(q), texts[i]);
        assert_int_equal(pm_review360_question_scale_min(q), mins[i]);
        assert_int_equal(pm_review360_question_scale_max(q), maxs[i]);
    }
    assert_int_equal(pm_review360_question_iter_next(&q, it), PM_ITEROVER);
    assert_null(q);
    pm_review360_question_iter_free(it);
}

static void test_review360_open_then_close_moves_the_state(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    pm_review360 *r = get_round(f->sys, round);
    assert_int_equal(pm_review360_state_get(r), PM_REVIEW360_OPEN);
    assert_int_equal(pm_review360_raters(r), 7);
    assert_int_equal(pm_review360_submitted(r), 0);
    pm_review360_free(r);
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    r = get_round(f->sys, round);
    assert_int_equal(pm_review360_state_get(r), PM_REVIEW360_CLOSED);
    pm_review360_free(r);
}

static void test_review360_manager_group_takes_anyone_up_the_chain(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id round = new_round(f, o.anna, 3);
    add_r(f, round, o.boss, PM_RATER_MANAGER);
    add_r(f, round, o.top, PM_RATER_MANAGER);
    add_r(f, round, o.outsider, PM_RATER_PEER);
    pm_review360 *r = get_round(f->sys, round);
    assert_int_equal(pm_review360_raters(r), 3);
    pm_review360_free(r);
}

/* ---- a rater's role and submitting ---- */

static void check_role(pm_fixture *f, pm_id person, pm_id round, pm_rater_group group,
                       int identified, int submitted)
{
    pm_session *s = pm_fixture_session(f, person);
    pm_rater_group g = (pm_rater_group)0;
    int id = -1, sub = -1;
    assert_ok(s, pm_review360_role(&g, &id, &sub, s, round));
    assert_int_equal(g, group);
    assert_int_equal(id, identified);
    assert_int_equal(sub, submitted);
    pm_session_free(s);
}

static void test_review360_role_tells_raters_whether_they_are_identified(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    check_role(f, o.anna, round, PM_RATER_SELF, 1, 0);
    check_role(f, o.boss, round, PM_RATER_MANAGER, 1, 0);
    check_role(f, o.peer[0], round, PM_RATER_PEER, 0, 0);
    check_role(f, o.report[1], round, PM_RATER_REPORT, 0, 0);
    /* NULL outputs are allowed. */
    pm_session *s = pm_fixture_session(f, o.peer[1]);
    pm_rater_group g = (pm_rater_group)0;
    assert_ok(s, pm_review360_role(&g, NULL, NULL, s, round));
    assert_int_equal(g, PM_RATER_PEER);
    pm_session_free(s);
    s = pm_fixture_session(f, o.outsider);
    assert_fails(s, pm_review360_role(&g, NULL, NULL, s, round), PM_ENOTFOUND,
                 "is not a rater of round");
    assert_int_equal(g, 0);
    pm_session_free(s);
    assert_fails(f->sys, pm_review360_role(&g, NULL, NULL, f->sys, round), PM_ENOTFOUND,
                 "rates in no round");
}

static void test_review360_submit_marks_the_rater_and_counts_in_the_round(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    answer(f, o.peer[0], round, q, 4, t, "Keeps us calm");
    check_role(f, o.peer[0], round, PM_RATER_PEER, 0, 1);
    check_role(f, o.peer[1], round, PM_RATER_PEER, 0, 0);
    pm_review360 *r = get_round(f->sys, round);
    assert_int_equal(pm_review360_submitted(r), 1);
    assert_int_equal(pm_review360_raters(r), 7);
    pm_review360_free(r);
}

static void test_review360_submit_on_the_first_and_last_day_of_the_window(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    f->now = PM_FIXTURE_NOW - 14 * 86400 - 12 * 3600;          /* 2026-06-01T00:00Z */
    answer(f, o.peer[0], round, q, 4, 0, NULL);
    f->now = PM_FIXTURE_NOW + 15 * 86400 + 12 * 3600 - 1;      /* 2026-06-30T23:59:59Z */
    answer(f, o.peer[1], round, q, 3, 0, NULL);
}

/* ---- results ---- */

typedef struct expected_result {
    pm_id question;
    pm_rater_group group;
    int shown;
    int count;
    double mean;
    double sd;
} expected_result;

static void check_results(pm_session *s, pm_id round, const expected_result *want, size_t n)
{
    pm_review360_result_iter *it = NULL;
    assert_ok(s, pm_review360_results(&it, s, round));
    pm_review360_result *res = NULL;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(pm_review360_result_iter_next(&res, it), PM_OK);
        assert_int_equal(pm_review360_result_question(res), want[i].question);
        assert_int_equal(pm_review360_result_group(res), want[i].group);
        assert_int_equal(pm_review360_result_shown(res), want[i].shown);
        assert_int_equal(pm_review360_result_count(res), want[i].count);
        assert_near(pm_review360_result_mean(res), want[i].mean);
        assert_near(pm_review360_result_sd(res), want[i].sd);
    }
    assert_int_equal(pm_review360_result_iter_next(&res, it), PM_ITEROVER);
    pm_review360_result_iter_free(it);
}

static void test_review360_results_give_each_shown_group_its_mean_and_sd(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id round = new_round(f, o.anna, 3);
    pm_id q1 = add_q(f, round, "Communicates clearly", 1, 5);
    pm_id t = add_q(f, round, "Anything else?", 0, 0);
    pm_id q2 = add_q(f, round, "Plans ahead", 0, 10);
    add_r(f, round, o.anna, PM_RATER_SELF);
    add_r(f, round, o.boss, PM_RATER_MANAGER);
    for (int i = 0; i < 4; i++)
        add_r(f, round, o.peer[i], PM_RATER_PEER);
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    pm_review360_answer a[3] = { rating(q1, 4), rating(q2, 7), text_answer(t, "Fine") };
    submit_as(f, o.anna, round, a, 3);
    a[0] = rating(q1, 2);
    a[1] = rating(q2, 5);
    submit_as(f, o.boss, round, a, 2);
    /* Peers: q1 2 4 4 5 (mean 3.75, sd sqrt(1.58333)); q2 0 10 10 (the
     * fourth peer left it out). */
    const int p1[] = { 2, 4, 4, 5 };
    for (int i = 0; i < 4; i++) {
        pm_review360_answer pa[2] = { rating(q1, p1[i]), rating(q2, i == 0 ? 0 : 10) };
        submit_as(f, o.peer[i], round, pa, i == 3 ? 1 : 2);
    }
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    const expected_result want[] = {
        { q1, PM_RATER_SELF, 1, 1, 4.0, 0.0 },
        { q1, PM_RATER_MANAGER, 1, 1, 2.0, 0.0 },
        { q1, PM_RATER_PEER, 1, 4, 3.75, 1.2583057392117916 },
        { q2, PM_RATER_SELF, 1, 1, 7.0, 0.0 },
        { q2, PM_RATER_MANAGER, 1, 1, 5.0, 0.0 },
        { q2, PM_RATER_PEER, 1, 3, 20.0 / 3.0, 5.7735026918962582 },
    };
    /* The subject, the manager chain, HR and the system all read them. */
    check_results(f->sys, round, want, 6);
    pm_id readers[] = { o.anna, o.boss, o.top, o.hr };
    for (int i = 0; i < 4; i++) {
        pm_session *s = pm_fixture_session(f, readers[i]);
        check_results(s, round, want, 6);
        pm_session_free(s);
    }
}

static void test_review360_results_of_a_group_that_did_not_submit(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    answer(f, o.boss, round, q, 3, 0, NULL);
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    /* Self is shown (as itself) with no ratings; peers and reports are
     * suppressed; there is no result for the text question. */
    const expected_result want[] = {
        { q, PM_RATER_SELF, 1, 0, 0.0, 0.0 },
        { q, PM_RATER_MANAGER, 1, 1, 3.0, 0.0 },
        { q, PM_RATER_PEER, 0, 0, 0.0, 0.0 },
        { q, PM_RATER_REPORT, 0, 0, 0.0, 0.0 },
    };
    check_results(f->sys, round, want, 4);
}

/* ---- comments ---- */

static void test_review360_comments_come_by_question_group_then_text(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id round = new_round(f, o.anna, 3);
    pm_id t1 = add_q(f, round, "Keep doing?", 0, 0);
    pm_id t2 = add_q(f, round, "Start doing?", 0, 0);
    add_r(f, round, o.anna, PM_RATER_SELF);
    for (int i = 0; i < 3; i++)
        add_r(f, round, o.peer[i], PM_RATER_PEER);
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    const char *peer_t1[] = { "zest", "Calm", "attention\nto detail" };
    for (int i = 0; i < 3; i++) {
        pm_review360_answer a[2] = { text_answer(t1, peer_t1[i]),
                                     text_answer(t2, i == 1 ? "   " : "More demos") };
        submit_as(f, o.peer[i], round, a, 2);
    }
    pm_review360_answer self[1] = { text_answer(t2, "Delegate") };
    submit_as(f, o.anna, round, self, 1);
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    pm_session *s = pm_fixture_session(f, o.anna);
    pm_review360_comment_iter *it = NULL;
    assert_ok(s, pm_review360_comments(&it, s, round));
    /* Bytewise: upper case before lower case; the blank answer was skipped. */
    const struct { pm_id q; pm_rater_group g; const char *text; } want[] = {
        { t1, PM_RATER_PEER, "Calm" },
        { t1, PM_RATER_PEER, "attention\nto detail" },
        { t1, PM_RATER_PEER, "zest" },
        { t2, PM_RATER_SELF, "Delegate" },
        { t2, PM_RATER_PEER, "More demos" },
        { t2, PM_RATER_PEER, "More demos" },
    };
    pm_review360_comment *c = NULL;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        assert_int_equal(pm_review360_comment_iter_next(&c, it), PM_OK);
        assert_int_equal(pm_review360_comment_question(c), want[i].q);
        assert_int_equal(pm_review360_comment_group(c), want[i].g);
        assert_string_equal(pm_review360_comment_text(c), want[i].text);
    }
    assert_int_equal(pm_review360_comment_iter_next(&c, it), PM_ITEROVER);
    pm_review360_comment_iter_free(it);
    pm_session_free(s);
}

/* ---- lists ---- */

static void check_list(pm_session *s, pm_id person, unsigned int flags, const pm_id *want,
                       size_t n)
{
    pm_review360_iter *it = NULL;
    assert_ok(s, pm_review360_list(&it, s, person, flags));
    pm_review360 *r = NULL;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(pm_review360_iter_next(&r, it), PM_OK);
        assert_int_equal(pm_review360_id(r), want[i]);
        assert_non_null(pm_review360_title(r));
    }
    assert_int_equal(pm_review360_iter_next(&r, it), PM_ITEROVER);
    pm_review360_iter_free(it);
}

static void test_review360_list_gives_rounds_about_a_person_newest_first(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id spring = new_round_as(f->sys, o.anna, "2026-03-01", "2026-03-31", 3);
    pm_id autumn = new_round_as(f->sys, o.anna, "2026-09-01", "2026-09-30", 3);
    pm_id summer = new_round_as(f->sys, o.anna, "2026-06-01", "2026-06-30", 3);
    pm_id summer2 = new_round_as(f->sys, o.anna, "2026-06-01", "2026-06-20", 3);
    new_round_as(f->sys, o.peer[0], "2026-06-01", "2026-06-30", 3);
    const pm_id want[] = { autumn, summer2, summer, spring };
    check_list(f->sys, o.anna, 0, want, 4);
    pm_id readers[] = { o.anna, o.boss, o.top, o.hr };
    for (int i = 0; i < 4; i++) {
        pm_session *s = pm_fixture_session(f, readers[i]);
        check_list(s, o.anna, 0, want, 4);
        pm_session_free(s);
    }
    check_list(f->sys, o.outsider, 0, NULL, 0);
}

static void test_review360_list_as_rater_gives_the_rounds_a_person_rates_in(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id about_anna = new_round_as(f->sys, o.anna, "2026-06-01", "2026-06-30", 3);
    pm_id about_peer = new_round_as(f->sys, o.peer[1], "2026-07-01", "2026-07-30", 3);
    pm_id other = new_round_as(f->sys, o.peer[2], "2026-08-01", "2026-08-30", 3);
    add_r(f, about_anna, o.peer[0], PM_RATER_PEER);
    add_r(f, about_peer, o.peer[0], PM_RATER_PEER);
    add_r(f, other, o.peer[3], PM_RATER_PEER);
    const pm_id want[] = { about_peer, about_anna };
    pm_session *s = pm_fixture_session(f, o.peer[0]);
    check_list(s, o.peer[0], PM_REVIEW360_AS_RATER, want, 2);
    /* Not the rounds about them: none. */
    check_list(s, o.peer[0], 0, NULL, 0);
    pm_session_free(s);
    check_list(f->sys, o.peer[0], PM_REVIEW360_AS_RATER, want, 2);
}

/* ---- who may do what ---- */

static void test_review360_manager_chain_runs_rounds_the_subject_does_not(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_session *top = pm_fixture_session(f, o.top);
    pm_session *hr = pm_fixture_session(f, o.hr);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *peer = pm_fixture_session(f, o.peer[0]);
    pm_id r1 = new_round_as(boss, o.anna, "2026-06-01", "2026-06-30", 3);
    new_round_as(top, o.anna, "2026-06-01", "2026-06-30", 3);
    new_round_as(hr, o.anna, "2026-06-01", "2026-06-30", 3);
    char *before = pm_fixture_store_dump(f);
    pm_review360_opts opts = round_opts(o.anna, "Mine", "2026-06-01", "2026-06-30");
    assert_fails(anna, pm_review360_create(NULL, anna, &opts), PM_EPERM,
                 "may not run a 360 round");
    assert_fails(peer, pm_review360_create(NULL, peer, &opts), PM_EPERM,
                 "permission denied: person");
    assert_fails(anna, pm_review360_add_question(NULL, anna, r1, "Q", 0, 1, 5), PM_EPERM,
                 "may not run a 360 round");
    assert_fails(peer, pm_review360_add_rater(peer, r1, o.peer[0], PM_RATER_PEER), PM_EPERM,
                 "may not run a 360 round");
    assert_fails(anna, pm_review360_open(anna, r1), PM_EPERM, "may not run a 360 round");
    pm_fixture_assert_store_is(f, before);
    assert_ok(boss, pm_review360_add_question(NULL, boss, r1, "Q", 0, 1, 5));
    assert_ok(boss, pm_review360_add_rater(boss, r1, o.peer[0], PM_RATER_PEER));
    assert_ok(boss, pm_review360_open(boss, r1));
    before = pm_fixture_store_dump(f);
    assert_fails(peer, pm_review360_close(peer, r1), PM_EPERM, "may not run a 360 round");
    pm_fixture_assert_store_is(f, before);
    assert_ok(hr, pm_review360_close(hr, r1));
    pm_session_free(boss);
    pm_session_free(top);
    pm_session_free(hr);
    pm_session_free(anna);
    pm_session_free(peer);
}

static void test_review360_raters_read_the_round_but_not_its_results(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    answer(f, o.peer[0], round, q, 5, t, "Great");
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    pm_session *peer = pm_fixture_session(f, o.peer[0]);
    pm_review360 *r = get_round(peer, round);
    pm_review360_free(r);
    pm_review360_question_iter *qit = NULL;
    assert_ok(peer, pm_review360_questions(&qit, peer, round));
    pm_review360_question_iter_free(qit);
    pm_review360_result_iter *rit = NULL;
    assert_fails(peer, pm_review360_results(&rit, peer, round), PM_EPERM,
                 "may not read the results of this 360 round");
    assert_null(rit);
    pm_review360_comment_iter *cit = NULL;
    assert_fails(peer, pm_review360_comments(&cit, peer, round), PM_EPERM,
                 "may not read the results");
    assert_null(cit);
    pm_session_free(peer);
}

static void test_review360_outsiders_read_nothing(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    /* peer[3] is a colleague but no rater; report[2] reports to anna. */
    pm_id outsiders[] = { o.outsider, o.peer[3], o.report[2] };
    for (int i = 0; i < 3; i++) {
        pm_session *s = pm_fixture_session(f, outsiders[i]);
        pm_review360 *r = NULL;
        assert_fails(s, pm_review360_get(&r, s, round), PM_EPERM, "may not read this 360 round");
        assert_null(r);
        pm_review360_question_iter *qit = NULL;
        assert_fails(s, pm_review360_questions(&qit, s, round), PM_EPERM, "360 round");
        pm_review360_result_iter *rit = NULL;
        assert_fails(s, pm_review360_results(&rit, s, round), PM_EPERM, "results");
        pm_review360_comment_iter *cit = NULL;
        assert_fails(s, pm_review360_comments(&cit, s, round), PM_EPERM, "results");
        pm_review360_iter *lit = NULL;
        assert_fails(s, pm_review360_list(&lit, s, o.anna, 0), PM_EPERM,
                     "may not list the 360 rounds of person");
        assert_null(lit);
        pm_session_free(s);
    }
    /* A report may not list what their manager rates in either. */
    pm_session *s = pm_fixture_session(f, o.report[0]);
    pm_review360_iter *lit = NULL;
    assert_fails(s, pm_review360_list(&lit, s, o.boss, PM_REVIEW360_AS_RATER), PM_EPERM,
                 "may not list");
    pm_session_free(s);
}

/* ---- small things ---- */

static void test_review360_getters_of_null_return_zero_values(void **state)
{
    (void)state;
    assert_int_equal(pm_review360_id(NULL), 0);
    assert_int_equal(pm_review360_subject(NULL), 0);
    assert_null(pm_review360_title(NULL));
    assert_int_equal(pm_review360_state_get(NULL), 0);
    assert_int_equal(pm_review360_opens(NULL), PM_DATE_NONE);
    assert_int_equal(pm_review360_closes(NULL), PM_DATE_NONE);
    assert_int_equal(pm_review360_threshold(NULL), 0);
    assert_int_equal(pm_review360_raters(NULL), 0);
    assert_int_equal(pm_review360_submitted(NULL), 0);
    assert_int_equal(pm_review360_question_id(NULL), 0);
    assert_null(pm_review360_question_text(NULL));
    assert_int_equal(pm_review360_question_scale_min(NULL), 0);
    assert_int_equal(pm_review360_question_scale_max(NULL), 0);
    assert_int_equal(pm_review360_result_question(NULL), 0);
    assert_int_equal(pm_review360_result_group(NULL), 0);
    assert_int_equal(pm_review360_result_shown(NULL), 0);
    assert_int_equal(pm_review360_result_count(NULL), 0);
    assert_true(pm_review360_result_mean(NULL) == 0.0);
    assert_true(pm_review360_result_sd(NULL) == 0.0);
    assert_int_equal(pm_review360_comment_question(NULL), 0);
    assert_int_equal(pm_review360_comment_group(NULL), 0);
    assert_null(pm_review360_comment_text(NULL));
    pm_review360_free(NULL);
    pm_review360_iter_free(NULL);
    pm_review360_question_iter_free(NULL);
    pm_review360_result_iter_free(NULL);
    pm_review360_comment_iter_free(NULL);
    pm_review360 *r = NULL;
    assert_int_equal(pm_review360_iter_next(&r, NULL), PM_EINVAL);
    assert_int_equal(pm_review360_iter_next(NULL, NULL), PM_EINVAL);
}

static void test_review360_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_review360_opts o;
    memset(&o, 0xAB, sizeof o);
    assert_int_equal(pm_review360_opts_init(&o, PM_REVIEW360_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_REVIEW360_OPTS_VERSION);
    assert_int_equal(o.subject, 0);
    assert_null(o.title);
    assert_int_equal(o.opens, PM_DATE_NONE);
    assert_int_equal(o.closes, PM_DATE_NONE);
    assert_int_equal(o.threshold, 3);
    assert_int_equal(pm_review360_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_review360_opts_init(&o, 2), PM_EVERSION);
    assert_int_equal(pm_review360_opts_init(NULL, 1), PM_EINVAL);
}

/* Reads a round every way the subject can; 1 when every call succeeded,
 * 0 when one ran out of memory (any other failure fails the test). */
static int read_everything(pm_fixture *f, pm_id round, pm_id person)
{
    pm_session *s = NULL;
    if (pm_session_open(&s, f->db, person) != PM_OK)
        return 0;
    int ok = 1;
    pm_status st;
    pm_review360 *r = NULL;
    pm_review360_iter *lit = NULL;
    pm_review360_question_iter *qit = NULL;
    pm_review360_result_iter *rit = NULL;
    pm_review360_comment_iter *cit = NULL;
    st = pm_review360_get(&r, s, round);
    ok &= st == PM_OK;
    assert_true(st == PM_OK || st == PM_ENOMEM);
    st = pm_review360_list(&lit, s, person, 0);
    ok &= st == PM_OK;
    assert_true(st == PM_OK || st == PM_ENOMEM);
    st = pm_review360_questions(&qit, s, round);
    ok &= st == PM_OK;
    assert_true(st == PM_OK || st == PM_ENOMEM);
    st = pm_review360_results(&rit, s, round);
    ok &= st == PM_OK;
    assert_true(st == PM_OK || st == PM_ENOMEM);
    st = pm_review360_comments(&cit, s, round);
    ok &= st == PM_OK;
    assert_true(st == PM_OK || st == PM_ENOMEM);
    if (ok) {
        pm_review360_result *res = NULL;
        assert_int_equal(pm_review360_result_iter_next(&res, rit), PM_OK);
        pm_review360_comment *c = NULL;
        assert_int_equal(pm_review360_comment_iter_next(&c, cit), PM_OK);
    }
    pm_review360_free(r);
    pm_review360_iter_free(lit);
    pm_review360_question_iter_free(qit);
    pm_review360_result_iter_free(rit);
    pm_review360_comment_iter_free(cit);
    pm_session_free(s);
    return ok;
}

/* Every allocation fails in turn: each read fails cleanly with PM_ENOMEM
 * and leaks nothing, until they all succeed. */
static void test_review360_reads_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    answer(f, o.anna, round, q, 4, t, "Self comment");
    answer(f, o.boss, round, q, 3, t, "Boss comment");
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    assert_true(read_everything(f, round, o.anna)); /* warm up */
    int succeeded = 0;
    for (long n = 0; n < 1000 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        succeeded = read_everything(f, round, o.anna);
        pm_fixture_alloc_fail_after(-1);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(succeeded);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    /* The counting allocator goes in before any object exists. */
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_review360_create_then_get_returns_every_field),
        T(test_review360_create_defaults_opening_to_today_and_threshold_to_3),
        T(test_review360_questions_list_in_the_order_added),
        T(test_review360_open_then_close_moves_the_state),
        T(test_review360_manager_group_takes_anyone_up_the_chain),
        T(test_review360_role_tells_raters_whether_they_are_identified),
        T(test_review360_submit_marks_the_rater_and_counts_in_the_round),
        T(test_review360_submit_on_the_first_and_last_day_of_the_window),
        T(test_review360_results_give_each_shown_group_its_mean_and_sd),
        T(test_review360_results_of_a_group_that_did_not_submit),
        T(test_review360_comments_come_by_question_group_then_text),
        T(test_review360_list_gives_rounds_about_a_person_newest_first),
        T(test_review360_list_as_rater_gives_the_rounds_a_person_rates_in),
        T(test_review360_manager_chain_runs_rounds_the_subject_does_not),
        T(test_review360_raters_read_the_round_but_not_its_results),
        T(test_review360_outsiders_read_nothing),
        T(test_review360_getters_of_null_return_zero_values),
        T(test_review360_opts_init_fills_defaults_and_refuses_unknown_versions),
        T(test_review360_reads_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
