/* Survey rounds on every backend: every way a call can be wrong is
 * refused with its status and a message naming the field, and the store
 * stays exactly as it was. The happy paths are in test_survey.c. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"
#include "test_survey_helpers.h"

/* ---- creating a survey ---- */

enum bad_survey {
    BAD_TITLE_MISSING, BAD_TITLE_BLANK, BAD_TITLE_NEWLINE, BAD_TITLE_UTF8, BAD_TITLE_LONG,
    BAD_CLOSES_MISSING, BAD_WINDOW_BACKWARDS, BAD_CLOSES_BEFORE_TODAY_DEFAULT, BAD_OPENS_RANGE,
    BAD_THRESHOLD_2, BAD_THRESHOLD_11, BAD_REPEAT_6, BAD_REPEAT_366, BAD_REPEAT_NEGATIVE,
    BAD_VERSION_0, BAD_VERSION_99, BAD_SURVEY_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_survey_expect[BAD_SURVEY_COUNT] = {
    [BAD_TITLE_MISSING] = { PM_EINVAL, "survey.title: must not be empty" },
    [BAD_TITLE_BLANK] = { PM_EINVAL, "survey.title: must not be blank" },
    [BAD_TITLE_NEWLINE] = { PM_EINVAL, "survey.title: contains a control character" },
    [BAD_TITLE_UTF8] = { PM_EUTF8, "survey.title: invalid UTF-8" },
    [BAD_TITLE_LONG] = { PM_ERANGE, "survey.title: longer than 500" },
    [BAD_CLOSES_MISSING] = { PM_EINVAL, "survey.closes: must be given" },
    [BAD_WINDOW_BACKWARDS] = { PM_EINVAL,
                               "survey.closes: 2026-01-01 is before it opens on 2026-02-01" },
    [BAD_CLOSES_BEFORE_TODAY_DEFAULT] = { PM_EINVAL,
                                          "survey.closes: 2026-06-14 is before it opens on "
                                          "2026-06-15" },
    [BAD_OPENS_RANGE] = { PM_EINVAL, "survey.opens" },
    [BAD_THRESHOLD_2] = { PM_EINVAL, "survey.threshold: must be 3 to 10" },
    [BAD_THRESHOLD_11] = { PM_EINVAL, "survey.threshold: must be 3 to 10" },
    [BAD_REPEAT_6] = { PM_EINVAL, "survey.repeat_days: must be 0 (once) or 7 to 365, not 6" },
    [BAD_REPEAT_366] = { PM_EINVAL, "survey.repeat_days" },
    [BAD_REPEAT_NEGATIVE] = { PM_EINVAL, "survey.repeat_days" },
    [BAD_VERSION_0] = { PM_EVERSION, "survey_opts.version: 0" },
    [BAD_VERSION_99] = { PM_EVERSION, "survey_opts.version: 99" },
};

static void test_survey_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    char long_title[502];
    memset(long_title, 'x', 501);
    long_title[501] = '\0';
    for (int c = 0; c < BAD_SURVEY_COUNT; c++) {
        pm_survey_opts opts = survey_opts("Fine", "2026-06-01", "2026-06-30");
        switch ((enum bad_survey)c) {
        case BAD_TITLE_MISSING: opts.title = NULL; break;
        case BAD_TITLE_BLANK: opts.title = "   "; break;
        case BAD_TITLE_NEWLINE: opts.title = "Two\nlines"; break;
        case BAD_TITLE_UTF8: opts.title = "Bad \xC3\x28"; break;
        case BAD_TITLE_LONG: opts.title = long_title; break;
        case BAD_CLOSES_MISSING: opts.closes = PM_DATE_NONE; break;
        case BAD_WINDOW_BACKWARDS:
            opts.opens = D("2026-02-01");
            opts.closes = D("2026-01-01");
            break;
        case BAD_CLOSES_BEFORE_TODAY_DEFAULT:
            opts.opens = PM_DATE_NONE;
            opts.closes = D("2026-06-14");
            break;
        case BAD_OPENS_RANGE: opts.opens = -2000000; break;
        case BAD_THRESHOLD_2: opts.threshold = 2; break;
        case BAD_THRESHOLD_11: opts.threshold = 11; break;
        case BAD_REPEAT_6: opts.repeat_days = 6; break;
        case BAD_REPEAT_366: opts.repeat_days = 366; break;
        case BAD_REPEAT_NEGATIVE: opts.repeat_days = -7; break;
        case BAD_VERSION_0: opts.version = 0; break;
        case BAD_VERSION_99: opts.version = 99; break;
        case BAD_SURVEY_COUNT: break;
        }
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        assert_fails(f->sys, pm_survey_create(&id, f->sys, &opts), bad_survey_expect[c].status,
                     bad_survey_expect[c].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    char *before = pm_fixture_store_dump(f);
    pm_survey_opts fine = survey_opts("Fine", "2026-06-01", "2026-06-30");
    pm_session *s = pm_fixture_session(f, o.eng[0]);
    assert_fails(s, pm_survey_create(NULL, s, &fine), PM_EPERM,
                 "permission denied: person");
    pm_session_free(s);
    assert_fails(f->sys, pm_survey_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_survey_create(NULL, NULL, &fine), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    /* The edges are fine: 3 and 10, 7 and 365, a one-day window. */
    int thresholds[2] = { 3, 10 }, repeats[2] = { 7, 365 };
    for (int i = 0; i < 2; i++) {
        fine.threshold = thresholds[i];
        fine.repeat_days = repeats[i];
        fine.opens = fine.closes = D("2026-06-30");
        assert_ok(f->sys, pm_survey_create(NULL, f->sys, &fine));
    }
}

/* ---- instruments ---- */

static void test_survey_add_instrument_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    (void)make_org(f);
    pm_id workload = workload_metric(f);
    pm_metric_opts half = PM_METRIC_OPTS_INIT;
    half.name = "Half steps";
    half.min = 0.5;
    half.max = 4.5;
    pm_id halves = 0;
    assert_ok(f->sys, pm_metric_create(&halves, f->sys, &half));
    pm_id who5 = 0;
    assert_ok(f->sys, pm_metric_builtin(&who5, f->sys, PM_METRIC_WHO5));
    pm_id draft = new_survey(f, 5);
    add_inst(f, draft, PM_INSTRUMENT_WHO5);
    add_pulse(f, draft, workload, "Workload?");
    pm_id open = new_survey(f, 5);
    add_inst(f, open, PM_INSTRUMENT_ENPS);
    add_person(f, open, pm_fixture_person_id(f, "X1"));
    open_survey(f, open);
    char long_text[502];
    memset(long_text, 'q', 501);
    long_text[501] = '\0';
    pm_session *s = f->sys;
    char *before = pm_fixture_store_dump(f);
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_WHO5, 0, NULL, 0),
                 PM_ECONFLICT, "survey_instrument.instrument: survey");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_WHO5, 0, NULL, 0),
                 PM_ECONFLICT, "asks WHO-5 already");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, workload, "Again?", 0),
                 PM_ECONFLICT, "has a pulse item on metric");
    assert_fails(s, pm_survey_add_instrument(s, open, PM_INSTRUMENT_WHO5, 0, NULL, 0),
                 PM_EINVAL, "is open, not draft");
    assert_fails(s, pm_survey_add_instrument(s, draft, (pm_instrument)9, 0, NULL, 0), PM_EINVAL,
                 "survey_instrument.instrument: 9 is not an instrument");
    assert_fails(s, pm_survey_add_instrument(s, draft, (pm_instrument)0, 0, NULL, 0), PM_EINVAL,
                 "survey_instrument.instrument: 0");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_ENPS, workload, NULL, 0),
                 PM_EINVAL, "survey_instrument.metric: must be 0 for eNPS");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_ENPS, 0, "Q?", 0),
                 PM_EINVAL, "survey_instrument.text: must be NULL for eNPS");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, who5, "Q?", 0),
                 PM_EINVAL, "is built in; a pulse item needs a custom metric");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, halves, "Q?", 0),
                 PM_EINVAL, "scale 0.5 to 4.5 is not of whole numbers");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, 999, "Q?", 0),
                 PM_ENOTFOUND, "survey_instrument.metric");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, 0, "Q?", 0),
                 PM_EINVAL, "survey_instrument.metric");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, halves, NULL, 0),
                 PM_EINVAL, "survey_instrument.text: must not be empty");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, halves, " ", 0),
                 PM_EINVAL, "survey_instrument.text: must not be blank");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, halves, "A\nB", 0),
                 PM_EINVAL, "survey_instrument.text: contains a control character");
    assert_fails(s, pm_survey_add_instrument(s, draft, PM_INSTRUMENT_PULSE, halves, long_text, 0),
                 PM_ERANGE, "survey_instrument.text: longer than 500");
    assert_fails(s, pm_survey_add_instrument(s, 999, PM_INSTRUMENT_ENPS, 0, NULL, 0),
                 PM_ENOTFOUND, "survey: survey 999 does not exist");
    assert_fails(s, pm_survey_add_instrument(s, 0, PM_INSTRUMENT_ENPS, 0, NULL, 0), PM_EINVAL,
                 "survey: 0 is not a survey id");
    pm_session *p = pm_fixture_session(f, pm_fixture_person_id(f, "ENG0"));
    assert_fails(p, pm_survey_add_instrument(p, draft, PM_INSTRUMENT_ENPS, 0, NULL, 0), PM_EPERM,
                 "may not run surveys");
    pm_session_free(p);
    pm_fixture_assert_store_is(f, before);
}

/* ---- audience ---- */

static void test_survey_add_audience_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id gone = pm_fixture_person(f, "G1", "Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    pm_id draft = new_survey(f, 5);
    add_unit(f, draft, o.eng_unit);
    add_person(f, draft, o.hr);
    pm_id open = standard_survey(f, &o);
    pm_session *s = f->sys;
    char *before = pm_fixture_store_dump(f);
    assert_fails(s, pm_survey_add_audience(s, draft, 0, 0), PM_EINVAL,
                 "survey_audience: give exactly one of a unit and a person");
    assert_fails(s, pm_survey_add_audience(s, draft, o.ops_unit, o.outsider), PM_EINVAL,
                 "exactly one");
    assert_fails(s, pm_survey_add_audience(s, draft, 999, 0), PM_ENOTFOUND,
                 "survey_audience.unit: unit 999 does not exist");
    assert_fails(s, pm_survey_add_audience(s, draft, 0, 999), PM_ENOTFOUND,
                 "survey_audience.person: person 999 does not exist");
    assert_fails(s, pm_survey_add_audience(s, draft, 0, gone), PM_EINVAL, "has left");
    assert_fails(s, pm_survey_add_audience(s, draft, o.eng_unit, 0), PM_ECONFLICT,
                 "survey_audience.unit: unit");
    assert_fails(s, pm_survey_add_audience(s, draft, 0, o.hr), PM_ECONFLICT,
                 "audience already");
    assert_fails(s, pm_survey_add_audience(s, open, o.ops_unit, 0), PM_EINVAL,
                 "is open, not draft");
    assert_fails(s, pm_survey_add_audience(s, open, 0, o.hr), PM_EINVAL, "is open, not draft");
    assert_fails(s, pm_survey_add_audience(s, 999, o.ops_unit, 0), PM_ENOTFOUND,
                 "survey 999 does not exist");
    pm_fixture_assert_store_is(f, before);
}

/* ---- open and close ---- */

static void test_survey_open_needs_an_instrument_and_someone_to_ask(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id leaving = pm_fixture_person(f, "G1", "Leaving", 0, 0);
    pm_id bare = new_survey(f, 5);
    pm_id no_audience = new_survey(f, 5);
    add_inst(f, no_audience, PM_INSTRUMENT_WHO5);
    pm_id no_instrument = new_survey(f, 5);
    add_unit(f, no_instrument, o.eng_unit);
    pm_id nobody = new_survey(f, 5);
    add_inst(f, nobody, PM_INSTRUMENT_WHO5);
    add_person(f, nobody, leaving);
    pm_id empty_unit = pm_fixture_unit(f, "Empty", o.acme);
    add_unit(f, nobody, empty_unit);
    assert_ok(f->sys, pm_person_set_left(f->sys, leaving, D("2026-06-15")));
    pm_session *s = f->sys;
    char *before = pm_fixture_store_dump(f);
    assert_fails(s, pm_survey_open(s, bare), PM_EINVAL, "has no instrument; add one before");
    assert_fails(s, pm_survey_open(s, no_instrument), PM_EINVAL, "has no instrument");
    assert_fails(s, pm_survey_open(s, no_audience), PM_EINVAL,
                 "has no audience; add a unit or a person before opening it");
    assert_fails(s, pm_survey_open(s, nobody), PM_EINVAL,
                 "nobody active is in survey");
    assert_fails(s, pm_survey_open(s, nobody), PM_EINVAL, "audience on 2026-06-15");
    assert_fails(s, pm_survey_open(s, 999), PM_ENOTFOUND, "survey 999 does not exist");
    assert_fails(s, pm_survey_close(s, bare), PM_EINVAL, "is draft, not open");
    pm_fixture_assert_store_is(f, before);
}

static void test_survey_open_and_close_only_move_forward(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = standard_survey(f, &o);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_survey_open(f->sys, survey), PM_EINVAL, "is open, not draft");
    pm_fixture_assert_store_is(f, before);
    assert_ok(f->sys, pm_survey_close(f->sys, survey));
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_survey_close(f->sys, survey), PM_EINVAL, "is closed, not open");
    assert_fails(f->sys, pm_survey_open(f->sys, survey), PM_EINVAL, "is closed, not draft");
    pm_fixture_assert_store_is(f, before);
    pm_response_rate_iter *it = NULL;
    pm_id draft = new_survey(f, 5);
    assert_fails(f->sys, pm_survey_response_rates(&it, f->sys, draft), PM_EINVAL,
                 "is a draft; it has response rates once it opens");
    assert_null(it);
}

/* ---- answering ---- */

static void test_survey_respond_refuses_bad_answers_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id workload = workload_metric(f);
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_WHO5);
    add_inst(f, survey, PM_INSTRUMENT_CBI_WORK);
    add_pulse(f, survey, workload, "Workload?");
    add_unit(f, survey, o.eng_unit);
    open_survey(f, survey);
    pm_session *s = pm_fixture_session(f, o.eng[0]);
    pm_survey_answer a[16];
    char *before = pm_fixture_store_dump(f);

    assert_fails(s, pm_survey_respond(s, survey, NULL, 0), PM_EINVAL,
                 "answers: must hold at least one answer");
    assert_fails(s, pm_survey_respond(s, survey, a, 0), PM_EINVAL, "at least one answer");
    /* A missing item. */
    size_t n = who5_answers(a);
    assert_fails(s, pm_survey_respond(s, survey, a, n - 1), PM_EINVAL,
                 "answers: WHO-5 item 5 is missing");
    /* A repeated item. */
    a[4] = ans(PM_INSTRUMENT_WHO5, 0, 2, 1);
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL,
                 "answers[4].item: WHO-5 item 2 is answered twice (also in answers[1])");
    /* Items that do not exist. */
    who5_answers(a);
    a[2].item = 6;
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL,
                 "answers[2].item: WHO-5 has items 1 to 5, not 6");
    a[2].item = 0;
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL, "not 0");
    /* Values outside the item scale. */
    who5_answers(a);
    a[3].value = 6;
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL,
                 "answers[3].value: WHO-5 items take 0 to 5, not 6");
    a[3].value = -1;
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL, "not -1");
    for (int i = 0; i < 7; i++)
        a[i] = ans(PM_INSTRUMENT_CBI_WORK, 0, i + 1, 50);
    a[6].value = 30;
    assert_fails(s, pm_survey_respond(s, survey, a, 7), PM_EINVAL,
                 "answers[6].value: CBI work-related burnout items take 0, 25, 50, 75 or 100, "
                 "not 30");
    a[6].value = 125;
    assert_fails(s, pm_survey_respond(s, survey, a, 7), PM_EINVAL, "not 125");
    a[0] = ans(PM_INSTRUMENT_PULSE, workload, 1, 6);
    assert_fails(s, pm_survey_respond(s, survey, a, 1), PM_EINVAL,
                 "answers[0].value: metric");
    a[0].value = 0;
    assert_fails(s, pm_survey_respond(s, survey, a, 1), PM_EINVAL, "takes 1 to 5, not 0");
    a[0] = ans(PM_INSTRUMENT_PULSE, workload, 2, 3);
    assert_fails(s, pm_survey_respond(s, survey, a, 1), PM_EINVAL,
                 "answers[0].item: pulse has one item, 1, not 2");
    /* Instruments the survey does not hold. */
    a[0] = ans(PM_INSTRUMENT_ENPS, 0, 1, 10);
    assert_fails(s, pm_survey_respond(s, survey, a, 1), PM_EINVAL,
                 "answers[0].instrument: survey");
    assert_fails(s, pm_survey_respond(s, survey, a, 1), PM_EINVAL, "does not ask eNPS");
    a[0] = ans(PM_INSTRUMENT_PULSE, workload + 100, 1, 3);
    assert_fails(s, pm_survey_respond(s, survey, a, 1), PM_EINVAL, "has no pulse item on metric");
    a[0] = ans((pm_instrument)7, 0, 1, 3);
    assert_fails(s, pm_survey_respond(s, survey, a, 1), PM_EINVAL,
                 "answers[0].instrument: 7 is not an instrument");
    n = who5_answers(a);
    a[0].metric = workload;
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL,
                 "answers[0].metric: must be 0 for WHO-5");
    /* A good instrument with a bad one: nothing of either is written. */
    n = who5_answers(a);
    a[n++] = ans(PM_INSTRUMENT_CBI_WORK, 0, 1, 50);
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL,
                 "answers: CBI work-related burnout item 2 is missing (answers[5] begins it");
    assert_fails(s, pm_survey_respond(s, 999, a, n), PM_ENOTFOUND, "survey 999 does not exist");
    pm_fixture_assert_store_is(f, before);
    pm_session_free(s);
}

static void test_survey_respond_refuses_a_second_answer(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = standard_survey(f, &o);
    pm_survey_answer a[5];
    size_t n = who5_answers(a);
    respond_as(f, o.eng[1], survey, a, n);
    pm_session *s = pm_fixture_session(f, o.eng[1]);
    char *before = pm_fixture_store_dump(f);
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL,
                 "answered survey");
    assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EINVAL, "already");
    pm_fixture_assert_store_is(f, before);
    pm_session_free(s);
}

static void test_survey_respond_refuses_people_not_asked(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = standard_survey(f, &o);
    pm_survey_answer a[5];
    size_t n = who5_answers(a);
    char *before = pm_fixture_store_dump(f);
    pm_id not_asked[] = { o.ops[0], o.boss, o.hr };
    for (size_t i = 0; i < COUNT(not_asked); i++) {
        pm_session *s = pm_fixture_session(f, not_asked[i]);
        assert_fails(s, pm_survey_respond(s, survey, a, n), PM_EPERM,
                     "may not answer a survey they are not asked");
        pm_session_free(s);
    }
    assert_fails(f->sys, pm_survey_respond(f->sys, survey, a, n), PM_EPERM,
                 "the system actor may not answer a survey they are not asked");
    pm_fixture_assert_store_is(f, before);
}

static void test_survey_respond_only_while_open_and_inside_the_window(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_survey_opts later = survey_opts("Later", "2026-06-20", "2026-06-25");
    pm_id future = new_survey_with(f->sys, &later);
    add_inst(f, future, PM_INSTRUMENT_WHO5);
    add_unit(f, future, o.eng_unit);
    open_survey(f, future);
    pm_id closed = standard_survey(f, &o);
    assert_ok(f->sys, pm_survey_close(f->sys, closed));
    pm_id draft = new_survey(f, 5);
    add_inst(f, draft, PM_INSTRUMENT_WHO5);
    add_unit(f, draft, o.eng_unit);
    pm_survey_answer a[5];
    size_t n = who5_answers(a);
    pm_session *s = pm_fixture_session(f, o.eng[2]);
    char *before = pm_fixture_store_dump(f);
    assert_fails(s, pm_survey_respond(s, future, a, n), PM_EINVAL,
                 "survey: survey");
    assert_fails(s, pm_survey_respond(s, future, a, n), PM_EINVAL,
                 "takes answers from 2026-06-20 to 2026-06-25, not on 2026-06-15");
    assert_fails(s, pm_survey_respond(s, closed, a, n), PM_EINVAL, "is closed, not open");
    /* Nobody is invited to a draft yet. */
    assert_fails(s, pm_survey_respond(s, draft, a, n), PM_EPERM, "not asked");
    f->now += 11 * 86400; /* 2026-06-26: after the window */
    assert_fails(s, pm_survey_respond(s, future, a, n), PM_EINVAL, "not on 2026-06-26");
    pm_fixture_assert_store_is(f, before);
    f->now -= 86400; /* its last day */
    assert_ok(s, pm_survey_respond(s, future, a, n));
    pm_session_free(s);
}

/* ---- reads ---- */

static void test_survey_reads_refuse_bad_arguments(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = standard_survey(f, &o);
    pm_survey *sv = (pm_survey *)1;
    assert_fails(f->sys, pm_survey_get(&sv, f->sys, 999), PM_ENOTFOUND,
                 "survey: survey 999 does not exist");
    assert_null(sv);
    assert_fails(f->sys, pm_survey_get(NULL, f->sys, survey), PM_EINVAL, "out");
    pm_response_rate_iter *it = NULL;
    assert_fails(f->sys, pm_survey_response_rates(&it, f->sys, 999), PM_ENOTFOUND, "999");
    assert_fails(f->sys, pm_survey_response_rates(NULL, f->sys, survey), PM_EINVAL, "out");
    pm_session *s = pm_fixture_session(f, o.eng[0]);
    size_t n = 0;
    pm_survey_answer *got = NULL;
    assert_fails(s, pm_survey_my_answers(NULL, &n, s, survey), PM_EINVAL, "out");
    assert_fails(s, pm_survey_my_answers(&got, NULL, s, survey), PM_EINVAL, "n");
    pm_session_free(s);
    int created = 0;
    assert_fails(f->sys, pm_survey_renew(&created, f->sys, 99999999), PM_EINVAL, "date");
    assert_null(pm_survey_title(NULL));
    assert_int_equal(pm_survey_id(NULL), 0);
    assert_int_equal(pm_survey_state_get(NULL), 0);
    assert_int_equal(pm_response_rate_invited(NULL), 0);
    assert_int_equal(pm_response_rate_iter_next(NULL, NULL), PM_EINVAL);
    pm_survey_free(NULL);
    pm_response_rate_iter_free(NULL);
    pm_survey_opts o2;
    assert_int_equal(pm_survey_opts_init(&o2, PM_SURVEY_OPTS_VERSION), PM_OK);
    assert_int_equal(o2.threshold, PM_SURVEY_THRESHOLD_DEFAULT);
    assert_int_equal(o2.closes, PM_DATE_NONE);
    assert_int_equal(pm_survey_opts_init(&o2, 2), PM_EVERSION);
    assert_int_equal(pm_survey_opts_init(NULL, 1), PM_EINVAL);
}

/* ---- running out of memory ---- */

/* Every allocation fails in turn: the call fails cleanly with PM_ENOMEM,
 * leaks nothing and leaves the store as it was, until it succeeds. */
static void test_survey_writes_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id workload = workload_metric(f);
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_WHO5);
    add_inst(f, survey, PM_INSTRUMENT_CBI_PERSONAL);
    add_pulse(f, survey, workload, "Workload?");
    add_unit(f, survey, o.eng_unit);
    open_survey(f, survey);
    pm_id draft = new_survey(f, 5);
    add_inst(f, draft, PM_INSTRUMENT_ENPS);
    add_unit(f, draft, o.ops_unit);
    /* A first answer and measurement make the memory backend set up its id
     * tables, which it keeps: that is no leak of a failed call. */
    pm_survey_answer warm = ans(PM_INSTRUMENT_PULSE, workload, 1, 3);
    respond_as(f, o.eng[5], survey, &warm, 1);
    pm_session *p = pm_fixture_session(f, o.eng[0]);
    pm_survey_answer a[12];
    size_t n = who5_answers(a);
    for (int i = 0; i < 6; i++)
        a[n++] = ans(PM_INSTRUMENT_CBI_PERSONAL, 0, i + 1, 75);
    a[n++] = ans(PM_INSTRUMENT_PULSE, workload, 1, 2);
    pm_survey_opts opts = survey_opts("Autumn " A_RING_NFD, "2026-09-01", "2026-09-30");
    for (int call = 0; call < 4; call++) {
        int succeeded = 0;
        pm_session *s = call == 0 ? p : f->sys;
        for (long k = 0; k < 2000 && !succeeded; k++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            pm_fixture_alloc_fail_after(k);
            pm_status st = call == 0 ? pm_survey_respond(p, survey, a, n)
                         : call == 1 ? pm_survey_create(NULL, f->sys, &opts)
                         : call == 2 ? pm_survey_add_instrument(f->sys, draft,
                                                                PM_INSTRUMENT_WHO5, 0, NULL, 0)
                                     : pm_survey_open(f->sys, draft);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, k, (int)st,
                         pm_session_errmsg(s));
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(f, before, "survey write");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call, k,
                             pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
    /* The read back allocates too. */
    int succeeded = 0;
    for (long k = 0; k < 200 && !succeeded; k++) {
        long live = pm_fixture_alloc_live();
        pm_survey_answer *got = NULL;
        size_t m = 0;
        pm_fixture_alloc_fail_after(k);
        pm_status st = pm_survey_my_answers(&got, &m, p, survey);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("my_answers: status %d: %s", (int)st, pm_session_errmsg(p));
        succeeded = st == PM_OK;
        if (succeeded) {
            assert_int_equal(m, 12);
            pm_free(got);
        } else {
            assert_null(got);
            assert_int_equal(pm_fixture_alloc_live(), live);
        }
    }
    assert_true(succeeded);
    pm_survey *sv = get_survey(p, survey);
    assert_int_equal(pm_survey_answered_by_me(sv), 1);
    assert_int_equal(pm_survey_responded(sv), 2);
    pm_survey_free(sv);
    pm_session_free(p);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_survey_create_refuses_bad_input_and_writes_nothing),
        T(test_survey_add_instrument_refuses_bad_input_and_writes_nothing),
        T(test_survey_add_audience_refuses_bad_input_and_writes_nothing),
        T(test_survey_open_needs_an_instrument_and_someone_to_ask),
        T(test_survey_open_and_close_only_move_forward),
        T(test_survey_respond_refuses_bad_answers_and_writes_nothing),
        T(test_survey_respond_refuses_a_second_answer),
        T(test_survey_respond_refuses_people_not_asked),
        T(test_survey_respond_only_while_open_and_inside_the_window),
        T(test_survey_reads_refuse_bad_arguments),
        T(test_survey_writes_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
