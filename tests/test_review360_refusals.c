/* 360 rounds on every backend: every way a call can be wrong is refused
 * with its status and a message naming the field, and the store stays
 * exactly as it was. The happy paths are in test_review360.c. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"
#include "test_review360_helpers.h"

/* ---- creating a round ---- */

enum bad_round {
    BAD_TITLE_MISSING, BAD_TITLE_BLANK, BAD_TITLE_NEWLINE, BAD_TITLE_UTF8, BAD_TITLE_LONG,
    BAD_CLOSES_MISSING, BAD_CLOSES_BEFORE_OPENS, BAD_CLOSES_BEFORE_TODAY_DEFAULT,
    BAD_OPENS_RANGE, BAD_THRESHOLD_2, BAD_THRESHOLD_11, BAD_THRESHOLD_0, BAD_SUBJECT_0,
    BAD_SUBJECT_UNKNOWN, BAD_SUBJECT_LEFT, BAD_VERSION_0, BAD_VERSION_99, BAD_ROUND_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_round_expect[BAD_ROUND_COUNT] = {
    [BAD_TITLE_MISSING] = { PM_EINVAL, "review360.title: must not be empty" },
    [BAD_TITLE_BLANK] = { PM_EINVAL, "review360.title: must not be blank" },
    [BAD_TITLE_NEWLINE] = { PM_EINVAL, "review360.title: contains a control character" },
    [BAD_TITLE_UTF8] = { PM_EUTF8, "review360.title: invalid UTF-8" },
    [BAD_TITLE_LONG] = { PM_ERANGE, "review360.title: longer than 500" },
    [BAD_CLOSES_MISSING] = { PM_EINVAL, "review360.closes: must be given" },
    [BAD_CLOSES_BEFORE_OPENS] = { PM_EINVAL,
                                  "review360.closes: 2026-05-31 is before the opening day "
                                  "2026-06-01" },
    [BAD_CLOSES_BEFORE_TODAY_DEFAULT] = { PM_EINVAL,
                                          "review360.closes: 2026-06-14 is before the opening "
                                          "day 2026-06-15" },
    [BAD_OPENS_RANGE] = { PM_ERANGE, "review360.opens" },
    [BAD_THRESHOLD_2] = { PM_EINVAL, "review360.threshold: must be 3 to 10" },
    [BAD_THRESHOLD_11] = { PM_EINVAL, "review360.threshold: must be 3 to 10" },
    [BAD_THRESHOLD_0] = { PM_EINVAL, "review360.threshold: must be 3 to 10, not 0" },
    [BAD_SUBJECT_0] = { PM_EINVAL, "review360.subject: 0 is not a person id" },
    [BAD_SUBJECT_UNKNOWN] = { PM_ENOTFOUND, "review360.subject: person 999 does not exist" },
    [BAD_SUBJECT_LEFT] = { PM_EINVAL, "has left" },
    [BAD_VERSION_0] = { PM_EVERSION, "review360_opts.version: 0" },
    [BAD_VERSION_99] = { PM_EVERSION, "review360_opts.version: 99" },
};

static void test_review360_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id gone = pm_fixture_person(f, "G1", "Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    char long_title[502];
    memset(long_title, 'x', 501);
    long_title[501] = '\0';
    for (int c = 0; c < BAD_ROUND_COUNT; c++) {
        pm_review360_opts opts = round_opts(o.anna, "Fine", "2026-06-01", "2026-06-30");
        switch ((enum bad_round)c) {
        case BAD_TITLE_MISSING: opts.title = NULL; break;
        case BAD_TITLE_BLANK: opts.title = "    "; break;
        case BAD_TITLE_NEWLINE: opts.title = "Two\nlines"; break;
        case BAD_TITLE_UTF8: opts.title = "Bad \xC3\x28"; break;
        case BAD_TITLE_LONG: opts.title = long_title; break;
        case BAD_CLOSES_MISSING: opts.closes = PM_DATE_NONE; break;
        case BAD_CLOSES_BEFORE_OPENS: opts.closes = D("2026-05-31"); break;
        case BAD_CLOSES_BEFORE_TODAY_DEFAULT:
            opts.opens = PM_DATE_NONE;
            opts.closes = D("2026-06-14");
            break;
        case BAD_OPENS_RANGE: opts.opens = -2000000; break;
        case BAD_THRESHOLD_2: opts.threshold = 2; break;
        case BAD_THRESHOLD_11: opts.threshold = 11; break;
        case BAD_THRESHOLD_0: opts.threshold = 0; break;
        case BAD_SUBJECT_0: opts.subject = 0; break;
        case BAD_SUBJECT_UNKNOWN: opts.subject = 999; break;
        case BAD_SUBJECT_LEFT: opts.subject = gone; break;
        case BAD_VERSION_0: opts.version = 0; break;
        case BAD_VERSION_99: opts.version = 99; break;
        case BAD_ROUND_COUNT: break;
        }
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        assert_fails(f->sys, pm_review360_create(&id, f->sys, &opts), bad_round_expect[c].status,
                     bad_round_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    assert_fails(f->sys, pm_review360_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_review360_create(NULL, NULL, NULL), PM_EINVAL);
}

/* ---- questions ---- */

static void test_review360_add_question_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id open = standard_round(f, &o, &q, &t);
    pm_id draft = new_round(f, o.anna, 3);
    char long_text[502];
    memset(long_text, 'q', 501);
    long_text[501] = '\0';
    char *before = pm_fixture_store_dump(f);
    pm_session *s = f->sys;
    pm_id id = 5;
    assert_fails(s, pm_review360_add_question(&id, s, draft, "Q", 0, 5, 5), PM_EINVAL,
                 "review360_question.scale: 5 to 5 is not a scale");
    assert_int_equal(id, 0);
    assert_fails(s, pm_review360_add_question(NULL, s, draft, "Q", 0, 5, 1), PM_EINVAL,
                 "review360_question.scale: 5 to 1");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, "Q", 0, -1, 5), PM_EINVAL,
                 "review360_question.scale");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, "Q", 0, 0, 101), PM_EINVAL,
                 "review360_question.scale");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, "Q", 0, 3, 0), PM_EINVAL,
                 "review360_question.scale");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, NULL, 0, 1, 5), PM_EINVAL,
                 "review360_question.text: must not be empty");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, "   ", 0, 1, 5), PM_EINVAL,
                 "review360_question.text: must not be blank");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, "Two\nlines", 0, 1, 5), PM_EINVAL,
                 "review360_question.text");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, long_text, 0, 1, 5), PM_ERANGE,
                 "review360_question.text: longer than 500");
    assert_fails(s, pm_review360_add_question(NULL, s, draft, "\xFF", 0, 1, 5), PM_EUTF8,
                 "review360_question.text");
    assert_fails(s, pm_review360_add_question(NULL, s, 999, "Q", 0, 1, 5), PM_ENOTFOUND,
                 "review360: round 999 does not exist");
    assert_fails(s, pm_review360_add_question(NULL, s, open, "Q", 0, 1, 5), PM_EINVAL,
                 "review360: round");
    assert_fails(s, pm_review360_add_question(NULL, s, open, "Q", 0, 1, 5), PM_EINVAL,
                 "is open, not draft");
    pm_fixture_assert_store_is(f, before);
    /* A text length counts bytes: "Quality" cut to "Qual". */
    pm_id qid = 0;
    assert_ok(s, pm_review360_add_question(&qid, s, draft, "Quality", 4, 1, 5));
    pm_review360_question_iter *it = NULL;
    assert_ok(s, pm_review360_questions(&it, s, draft));
    pm_review360_question *question = NULL;
    assert_ok(s, pm_review360_question_iter_next(&question, it));
    assert_string_equal(pm_review360_question_text(question), "Qual");
    pm_review360_question_iter_free(it);
}

/* ---- raters ---- */

static void test_review360_add_rater_refuses_the_wrong_group_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id gone = pm_fixture_person(f, "G1", "Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    pm_id q, t;
    pm_id open = standard_round(f, &o, &q, &t);
    pm_id round = new_round(f, o.anna, 3);
    add_r(f, round, o.peer[0], PM_RATER_PEER);
    char *before = pm_fixture_store_dump(f);
    pm_session *s = f->sys;
    assert_fails(s, pm_review360_add_rater(s, round, o.boss, PM_RATER_SELF), PM_EINVAL,
                 "review360_rater.group: person");
    assert_fails(s, pm_review360_add_rater(s, round, o.peer[1], PM_RATER_MANAGER), PM_EINVAL,
                 "is not in the subject's manager chain");
    /* Anna's reports are below her, not above. */
    assert_fails(s, pm_review360_add_rater(s, round, o.report[0], PM_RATER_MANAGER), PM_EINVAL,
                 "manager chain");
    assert_fails(s, pm_review360_add_rater(s, round, o.peer[1], PM_RATER_REPORT), PM_EINVAL,
                 "is not a direct report of the subject");
    /* The boss's boss is above anna, not her report. */
    assert_fails(s, pm_review360_add_rater(s, round, o.top, PM_RATER_REPORT), PM_EINVAL,
                 "not a direct report");
    assert_fails(s, pm_review360_add_rater(s, round, o.anna, PM_RATER_PEER), PM_EINVAL,
                 "is the subject");
    assert_fails(s, pm_review360_add_rater(s, round, o.anna, (pm_rater_group)0), PM_EINVAL,
                 "review360_rater.group: 0 is not a group");
    assert_fails(s, pm_review360_add_rater(s, round, o.anna, (pm_rater_group)9), PM_EINVAL,
                 "review360_rater.group: 9 is not a group");
    assert_fails(s, pm_review360_add_rater(s, round, o.peer[0], PM_RATER_PEER), PM_ECONFLICT,
                 "already rates in round");
    assert_fails(s, pm_review360_add_rater(s, round, o.peer[0], PM_RATER_REPORT), PM_EINVAL,
                 "not a direct report");
    assert_fails(s, pm_review360_add_rater(s, round, 999, PM_RATER_PEER), PM_ENOTFOUND,
                 "review360_rater.person: person 999 does not exist");
    assert_fails(s, pm_review360_add_rater(s, round, 0, PM_RATER_PEER), PM_EINVAL,
                 "review360_rater.person: 0 is not a person id");
    assert_fails(s, pm_review360_add_rater(s, round, gone, PM_RATER_PEER), PM_EINVAL,
                 "review360_rater.person: person");
    assert_fails(s, pm_review360_add_rater(s, open, o.peer[3], PM_RATER_PEER), PM_EINVAL,
                 "is open, not draft");
    assert_fails(s, pm_review360_add_rater(s, 999, o.peer[3], PM_RATER_PEER), PM_ENOTFOUND,
                 "round 999 does not exist");
    pm_fixture_assert_store_is(f, before);
}

static void test_review360_a_second_manager_rater_is_a_conflict_too(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id round = new_round(f, o.anna, 3);
    add_r(f, round, o.boss, PM_RATER_MANAGER);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_review360_add_rater(f->sys, round, o.boss, PM_RATER_PEER),
                 PM_ECONFLICT, "already rates in round");
    assert_fails(f->sys, pm_review360_add_rater(f->sys, round, o.boss, PM_RATER_MANAGER),
                 PM_ECONFLICT, "(as manager)");
    pm_fixture_assert_store_is(f, before);
}

/* ---- open and close ---- */

static void test_review360_open_needs_a_question_and_a_rater(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id empty = new_round(f, o.anna, 3);
    pm_id no_raters = new_round(f, o.anna, 3);
    add_q(f, no_raters, "Q", 1, 5);
    pm_id no_questions = new_round(f, o.anna, 3);
    add_r(f, no_questions, o.peer[0], PM_RATER_PEER);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_review360_open(f->sys, empty), PM_EINVAL, "has no questions");
    assert_fails(f->sys, pm_review360_open(f->sys, no_raters), PM_EINVAL, "has no raters");
    assert_fails(f->sys, pm_review360_open(f->sys, no_questions), PM_EINVAL,
                 "has no questions");
    assert_fails(f->sys, pm_review360_open(f->sys, 999), PM_ENOTFOUND, "round 999");
    assert_fails(f->sys, pm_review360_open(f->sys, -1), PM_ENOTFOUND, "round -1");
    assert_fails(f->sys, pm_review360_close(f->sys, empty), PM_EINVAL, "is draft, not open");
    pm_fixture_assert_store_is(f, before);
}

static void test_review360_open_and_close_only_move_forward(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_review360_open(f->sys, round), PM_EINVAL, "is open, not draft");
    pm_fixture_assert_store_is(f, before);
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_review360_close(f->sys, round), PM_EINVAL, "is closed, not open");
    assert_fails(f->sys, pm_review360_open(f->sys, round), PM_EINVAL, "is closed, not draft");
    assert_fails(f->sys, pm_review360_add_question(NULL, f->sys, round, "Q", 0, 1, 5),
                 PM_EINVAL, "is closed, not draft");
    pm_fixture_assert_store_is(f, before);
}

/* ---- submitting ---- */

static void assert_submit_fails(pm_fixture *f, pm_id person, pm_id round,
                                const pm_review360_answer *a, size_t n, pm_status status,
                                const char *needle)
{
    char *before = pm_fixture_store_dump(f);
    pm_session *s = person ? pm_fixture_session(f, person) : f->sys;
    assert_fails(s, pm_review360_submit(s, round, a, n), status, needle);
    if (person)
        pm_session_free(s);
    pm_fixture_check_store(f, before, needle);
    free(before);
}

static void check_not_submitted(pm_fixture *f, pm_id person, pm_id round)
{
    pm_session *s = pm_fixture_session(f, person);
    pm_rater_group g;
    int submitted = -1;
    assert_ok(s, pm_review360_role(&g, NULL, &submitted, s, round));
    assert_int_equal(submitted, 0);
    pm_session_free(s);
}

static void test_review360_submit_refuses_bad_answers_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    pm_id other = new_round(f, o.anna, 3);
    pm_id foreign = add_q(f, other, "Elsewhere", 1, 5);
    pm_id p = o.peer[0];
    char *long_text = malloc(5002);
    assert_non_null(long_text);
    memset(long_text, 'a', 5001);
    long_text[5001] = '\0';
    /* The bad answer comes last, after good ones: nothing is written. */
    pm_review360_answer a[3] = { text_answer(t, "Good"), rating(q, 3), rating(q, 4) };
    assert_submit_fails(f, p, round, a, 3, PM_EINVAL,
                        "answers[2].question: question");
    assert_submit_fails(f, p, round, a, 3, PM_EINVAL, "is answered twice (also in answers[1])");
    a[2] = text_answer(t, "Again");
    assert_submit_fails(f, p, round, a, 3, PM_EINVAL, "answers[2].question: question");
    a[2] = rating(foreign, 3);
    assert_submit_fails(f, p, round, a, 3, PM_EINVAL, "answers[2].question: ");
    assert_submit_fails(f, p, round, a, 3, PM_EINVAL, "is not a question of round");
    a[2] = rating(999, 3);
    assert_submit_fails(f, p, round, a, 3, PM_EINVAL,
                        "answers[2].question: 999 is not a question of round");
    a[1] = text_answer(t, "Good");
    a[0] = rating(q, 3);
    a[2] = rating(q, 7);
    assert_submit_fails(f, p, round, a, 3, PM_EINVAL, "answers[2].question");
    pm_review360_answer b[2] = { text_answer(t, "Good"), rating(q, 7) };
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL,
                        "answers[1].rating: 7 is outside the scale 1 to 5");
    b[1] = rating(q, 0);
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL,
                        "answers[1].rating: 0 is outside the scale 1 to 5");
    b[1] = rating(q, 4);
    b[1].text = "Also text";
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL, "answers[1].text: question");
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL, "takes a rating, not text");
    b[1].text = "";
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL, "takes a rating, not text");
    b[1] = rating(q, 4);
    b[0].rating = 4;
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL, "answers[0].rating: question");
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL, "takes text, not a rating");
    b[0] = text_answer(t, NULL);
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL, "answers[0].text: question");
    assert_submit_fails(f, p, round, b, 2, PM_EINVAL, "asks for text");
    b[0] = text_answer(t, "bad \xC0\x80");
    assert_submit_fails(f, p, round, b, 2, PM_EUTF8, "answers[0].text");
    b[0] = text_answer(t, long_text);
    assert_submit_fails(f, p, round, b, 2, PM_ERANGE, "answers[0].text: longer than 5000");
    assert_submit_fails(f, p, round, NULL, 2, PM_EINVAL, "answers: must hold at least one");
    assert_submit_fails(f, p, round, b, 0, PM_EINVAL, "answers: must hold at least one");
    assert_submit_fails(f, p, 999, b, 1, PM_ENOTFOUND, "round 999 does not exist");
    free(long_text);
    /* Still nothing submitted: the rater may answer now, on both ends of
     * the scale. */
    check_not_submitted(f, p, round);
    pm_review360_answer ok[2] = { rating(q, 5), text_answer(t, "All good") };
    submit_as(f, p, round, ok, 2);
    pm_review360_answer low[1] = { rating(q, 1) };
    submit_as(f, o.peer[1], round, low, 1);
}

static void test_review360_submit_refuses_a_second_submission(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    answer(f, o.peer[0], round, q, 4, 0, NULL);
    pm_review360_answer a[1] = { rating(q, 2) };
    assert_submit_fails(f, o.peer[0], round, a, 1, PM_EINVAL,
                        "already submitted answers to round");
}

static void test_review360_submit_refuses_non_raters(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    pm_review360_answer a[1] = { rating(q, 2) };
    assert_submit_fails(f, o.peer[3], round, a, 1, PM_EPERM,
                        "may not answer a 360 round they do not rate in");
    assert_submit_fails(f, o.hr, round, a, 1, PM_EPERM, "do not rate in");
    assert_submit_fails(f, o.top, round, a, 1, PM_EPERM, "do not rate in");
    assert_submit_fails(f, 0, round, a, 1, PM_EPERM, "the system actor may not");
}

static void test_review360_submit_only_while_open_and_inside_the_window(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    pm_review360_answer a[1] = { rating(q, 2) };
    f->now = PM_FIXTURE_NOW - 14 * 86400 - 12 * 3600 - 1;      /* 2026-05-31T23:59:59Z */
    assert_submit_fails(f, o.peer[0], round, a, 1, PM_EINVAL,
                        "takes answers from 2026-06-01 to 2026-06-30, not on 2026-05-31");
    f->now = PM_FIXTURE_NOW + 15 * 86400 + 12 * 3600;          /* 2026-07-01T00:00Z */
    assert_submit_fails(f, o.peer[0], round, a, 1, PM_EINVAL, "not on 2026-07-01");
    f->now = PM_FIXTURE_NOW;
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    assert_submit_fails(f, o.peer[0], round, a, 1, PM_EINVAL, "is closed, not open");
    pm_id draft = new_round(f, o.anna, 3);
    pm_id dq = add_q(f, draft, "Q", 1, 5);
    add_r(f, draft, o.peer[0], PM_RATER_PEER);
    a[0] = rating(dq, 2);
    assert_submit_fails(f, o.peer[0], draft, a, 1, PM_EINVAL, "is draft, not open");
}

/* ---- reading ---- */

static void test_review360_reads_refuse_unknown_rounds_open_results_and_bad_flags(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    pm_session *s = f->sys;
    pm_review360 *r = NULL;
    assert_fails(s, pm_review360_get(&r, s, 999), PM_ENOTFOUND, "round 999 does not exist");
    assert_null(r);
    assert_fails(s, pm_review360_get(NULL, s, round), PM_EINVAL, "out");
    pm_review360_question_iter *qit = NULL;
    assert_fails(s, pm_review360_questions(&qit, s, 999), PM_ENOTFOUND, "round 999");
    pm_review360_result_iter *rit = NULL;
    assert_fails(s, pm_review360_results(&rit, s, round), PM_EINVAL,
                 "review360: results are released when the round closes");
    assert_null(rit);
    pm_review360_comment_iter *cit = NULL;
    assert_fails(s, pm_review360_comments(&cit, s, round), PM_EINVAL,
                 "results are released when the round closes");
    assert_null(cit);
    pm_review360_iter *lit = NULL;
    assert_fails(s, pm_review360_list(&lit, s, o.anna, 0x2), PM_EINVAL,
                 "flags: 0x2 holds unknown flags");
    assert_fails(s, pm_review360_list(&lit, s, 0, 0), PM_EINVAL, "person: 0 is not a person id");
    assert_fails(s, pm_review360_list(&lit, s, 999, 0), PM_ENOTFOUND, "person: 999");
    assert_null(lit);
    assert_fails(s, pm_review360_role(NULL, NULL, NULL, s, round), PM_EINVAL, "group");
    pm_rater_group g;
    assert_fails(s, pm_review360_role(&g, NULL, NULL, s, 999), PM_ENOTFOUND, "round 999");
}

/* ---- running out of memory ---- */

/* Every allocation fails in turn: the call fails cleanly with PM_ENOMEM,
 * leaks nothing and leaves the store as it was, until it succeeds. */
static void test_review360_writes_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    pm_id draft = new_round(f, o.anna, 3);
    /* A first answer row makes the memory backend set up its id table for
     * answers, which it keeps: that is no leak of a failed call. */
    answer(f, o.peer[2], round, q, 3, t, "Warm-up");
    pm_session *peer = pm_fixture_session(f, o.peer[0]);
    pm_review360_answer a[2] = { rating(q, 4), text_answer(t, "Steady, kind " A_RING_NFD) };
    pm_review360_opts opts = round_opts(o.anna, "Year-end " A_RING_NFD, "2026-12-01",
                                        "2026-12-31");
    for (int call = 0; call < 3; call++) {
        int succeeded = 0;
        for (long n = 0; n < 1000 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            pm_fixture_alloc_fail_after(n);
            pm_status st = call == 0 ? pm_review360_submit(peer, round, a, 2)
                         : call == 1 ? pm_review360_create(NULL, f->sys, &opts)
                                     : pm_review360_add_rater(f->sys, draft, o.peer[1],
                                                              PM_RATER_PEER);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, n, (int)st,
                         pm_session_errmsg(call == 0 ? peer : f->sys));
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(f, before, "review360 write");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call, n,
                             pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
    pm_rater_group g;
    int submitted = 0;
    assert_ok(peer, pm_review360_role(&g, NULL, &submitted, peer, round));
    assert_int_equal(submitted, 1);
    pm_session_free(peer);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_review360_create_refuses_bad_input_and_writes_nothing),
        T(test_review360_add_question_refuses_bad_input_and_writes_nothing),
        T(test_review360_add_rater_refuses_the_wrong_group_and_writes_nothing),
        T(test_review360_a_second_manager_rater_is_a_conflict_too),
        T(test_review360_open_needs_a_question_and_a_rater),
        T(test_review360_open_and_close_only_move_forward),
        T(test_review360_submit_refuses_bad_answers_and_writes_nothing),
        T(test_review360_submit_refuses_a_second_submission),
        T(test_review360_submit_refuses_non_raters),
        T(test_review360_submit_only_while_open_and_inside_the_window),
        T(test_review360_reads_refuse_unknown_rounds_open_results_and_bad_flags),
        T(test_review360_writes_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
