/* Survey rounds on every backend: the life cycle, answering each
 * instrument into the right measurements, answers only their respondent
 * reads, response rates with suppression, the threshold frozen at open,
 * and renewing repeating pulses. Refusals are in test_survey_refusals.c. */
#include "fixture.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "test_survey_helpers.h"

/* ---- life cycle ---- */

static void test_survey_moves_from_draft_to_open_to_closed(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_survey_opts opts = survey_opts("Wellbeing, June", NULL, "2026-06-30");
    pm_id survey = new_survey_with(f->sys, &opts);

    pm_survey *sv = get_survey(f->sys, survey);
    assert_string_equal(pm_survey_title(sv), "Wellbeing, June");
    assert_int_equal(pm_survey_state_get(sv), PM_SURVEY_DRAFT);
    assert_int_equal(pm_survey_opens(sv), D("2026-06-15")); /* today by default */
    assert_int_equal(pm_survey_closes(sv), D("2026-06-30"));
    assert_int_equal(pm_survey_threshold(sv), PM_SURVEY_THRESHOLD_DEFAULT);
    assert_int_equal(pm_survey_repeat_days(sv), 0);
    assert_int_equal(pm_survey_previous(sv), 0);
    assert_int_equal(pm_survey_invited(sv), 0);
    assert_int_equal(pm_survey_responded(sv), 0);
    pm_survey_free(sv);

    add_inst(f, survey, PM_INSTRUMENT_WHO5);
    add_unit(f, survey, o.eng_unit);
    add_person(f, survey, o.outsider);
    add_person(f, survey, o.eng[0]); /* also reached through eng: asked once */
    open_survey(f, survey);

    sv = get_survey(f->sys, survey);
    assert_int_equal(pm_survey_state_get(sv), PM_SURVEY_OPEN);
    assert_int_equal(pm_survey_invited(sv), 7);
    assert_int_equal(pm_survey_responded(sv), 0);
    assert_int_equal(pm_survey_answered_by_me(sv), 0);
    pm_survey_free(sv);

    pm_survey_answer a[5];
    respond_as(f, o.eng[0], survey, a, who5_answers(a));

    pm_session *me = pm_fixture_session(f, o.eng[0]);
    pm_session *other = pm_fixture_session(f, o.eng[1]);
    sv = get_survey(me, survey);
    assert_int_equal(pm_survey_responded(sv), 1);
    assert_int_equal(pm_survey_answered_by_me(sv), 1);
    pm_survey_free(sv);
    sv = get_survey(other, survey);
    assert_int_equal(pm_survey_answered_by_me(sv), 0);
    pm_survey_free(sv);
    sv = get_survey(f->sys, survey);
    assert_int_equal(pm_survey_answered_by_me(sv), 0);
    pm_survey_free(sv);

    assert_ok(f->sys, pm_survey_close(f->sys, survey));
    sv = get_survey(f->sys, survey);
    assert_int_equal(pm_survey_state_get(sv), PM_SURVEY_CLOSED);
    assert_int_equal(pm_survey_invited(sv), 7);
    assert_int_equal(pm_survey_responded(sv), 1);
    pm_survey_free(sv);
    assert_fails(other, pm_survey_respond(other, survey, a, 5), PM_EINVAL, "is closed, not open");
    pm_session_free(me);
    pm_session_free(other);
}

static void test_survey_hr_runs_surveys_and_a_person_may_not(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_session *hr = pm_fixture_session(f, o.hr);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_survey_opts opts = survey_opts("By HR", NULL, "2026-06-30");
    pm_id survey = new_survey_with(hr, &opts);
    assert_ok(hr, pm_survey_add_instrument(hr, survey, PM_INSTRUMENT_ENPS, 0, NULL, 0));
    assert_ok(hr, pm_survey_add_audience(hr, survey, o.ops_unit, 0));
    assert_fails(boss, pm_survey_create(NULL, boss, &opts), PM_EPERM,
                 "permission denied: person");
    assert_fails(boss, pm_survey_add_audience(boss, survey, o.eng_unit, 0), PM_EPERM,
                 "run surveys");
    assert_fails(boss, pm_survey_open(boss, survey), PM_EPERM, "run surveys");
    assert_ok(hr, pm_survey_open(hr, survey));
    assert_fails(boss, pm_survey_close(boss, survey), PM_EPERM, "run surveys");
    pm_response_rate_iter *it = NULL;
    assert_fails(boss, pm_survey_response_rates(&it, boss, survey), PM_EPERM, "run surveys");
    assert_null(it);
    int created = 9;
    assert_fails(boss, pm_survey_renew(&created, boss, PM_DATE_NONE), PM_EPERM, "run surveys");
    assert_int_equal(created, 0);
    /* Anyone reads the round itself. */
    pm_survey *sv = get_survey(boss, survey);
    assert_int_equal(pm_survey_invited(sv), 6);
    pm_survey_free(sv);
    assert_ok(hr, pm_survey_close(hr, survey));
    pm_session_free(hr);
    pm_session_free(boss);
}

/* The audience is frozen when the survey opens: people who join its unit
 * afterwards are not asked, and each invitee keeps the unit they were in. */
static void test_survey_audience_is_frozen_at_open(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id gone = pm_fixture_person(f, "G1", "Gone Soon", 0, o.ops_unit);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-15")));
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_unit(f, survey, o.ops_unit);
    open_survey(f, survey);
    pm_id late = pm_fixture_person(f, "L1", "Late Joiner", 0, o.ops_unit);
    pm_survey *sv = get_survey(f->sys, survey);
    assert_int_equal(pm_survey_invited(sv), 6);
    pm_survey_free(sv);
    pm_session *s = pm_fixture_session(f, late);
    pm_survey_answer a = ans(PM_INSTRUMENT_ENPS, 0, 1, 9);
    assert_fails(s, pm_survey_respond(s, survey, &a, 1), PM_EPERM,
                 "answer a survey they are not asked");
    pm_session_free(s);
    /* A move after opening does not move the answer's invitee unit. */
    assert_ok(f->sys, pm_org_set_unit(f->sys, o.ops[0], o.eng_unit, D("2026-06-15")));
    for (int i = 0; i < 5; i++)
        respond_as(f, o.ops[i], survey, &a, 1);
    pm_response_rate_iter *it = NULL;
    assert_ok(f->sys, pm_survey_response_rates(&it, f->sys, survey));
    pm_response_rate *r = NULL;
    assert_ok(f->sys, pm_response_rate_iter_next(&r, it));
    assert_int_equal(pm_response_rate_unit(r), o.ops_unit);
    assert_int_equal(pm_response_rate_invited(r), 6);
    assert_int_equal(pm_response_rate_responded(r), 5);
    assert_int_equal(pm_response_rate_iter_next(&r, it), PM_ITEROVER);
    pm_response_rate_iter_free(it);
}

/* ---- answering into measurements ---- */

typedef struct meas {
    double value;
    pm_measurement_source source;
    pm_id unit;
    int n;
} meas;

/* The session person's measurements of a builtin (or custom) metric. */
static meas my_measurements(pm_session *s, pm_id metric)
{
    meas m = { 0, 0, 0, 0 };
    pm_measurement_iter *it = NULL;
    assert_ok(s, pm_measurement_list_mine(&it, s, metric, 0, 0));
    pm_measurement *x = NULL;
    while (pm_measurement_iter_next(&x, it) == PM_OK) {
        m.value = pm_measurement_value(x);
        m.source = pm_measurement_source_get(x);
        m.unit = pm_measurement_unit(x);
        assert_int_equal(pm_measurement_metric(x), metric);
        m.n++;
    }
    pm_measurement_iter_free(it);
    return m;
}

static pm_id builtin(pm_session *s, pm_builtin_metric which)
{
    pm_id id = 0;
    assert_ok(s, pm_metric_builtin(&id, s, which));
    return id;
}

static void test_survey_answers_become_each_instruments_published_score(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id workload = workload_metric(f);
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_WHO5);
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_inst(f, survey, PM_INSTRUMENT_CBI_PERSONAL);
    add_inst(f, survey, PM_INSTRUMENT_CBI_WORK);
    add_inst(f, survey, PM_INSTRUMENT_CBI_CLIENT);
    add_pulse(f, survey, workload, "How manageable was your workload this week?");
    add_unit(f, survey, o.eng_unit);
    open_survey(f, survey);

    pm_survey_answer a[40];
    size_t n = 0;
    /* Given out of order: the instrument groups need not be contiguous. */
    a[n++] = ans(PM_INSTRUMENT_PULSE, workload, 1, 4);
    static const int work[7] = { 50, 75, 25, 50, 100, 0, 50 };     /* mean 50 */
    static const int personal[6] = { 25, 25, 25, 25, 50, 0 };      /* mean 25 */
    static const int client[6] = { 0, 25, 50, 75, 100, 75 };       /* mean 54.1666... */
    for (int i = 6; i >= 0; i--)
        a[n++] = ans(PM_INSTRUMENT_CBI_WORK, 0, i + 1, work[i]);
    n += who5_answers(&a[n]);
    for (int i = 0; i < 6; i++)
        a[n++] = ans(PM_INSTRUMENT_CBI_PERSONAL, 0, i + 1, personal[i]);
    a[n++] = ans(PM_INSTRUMENT_ENPS, 0, 1, 9);
    for (int i = 0; i < 6; i++)
        a[n++] = ans(PM_INSTRUMENT_CBI_CLIENT, 0, i + 1, client[i]);
    respond_as(f, o.eng[2], survey, a, n);

    pm_session *s = pm_fixture_session(f, o.eng[2]);
    struct { pm_id metric; double value; } want[] = {
        { builtin(s, PM_METRIC_WHO5), 64.0 },  /* raw 3+4+3+2+4 = 16, x 4 */
        { builtin(s, PM_METRIC_ENPS), 9.0 },
        { builtin(s, PM_METRIC_CBI_PERSONAL), 25.0 },
        { builtin(s, PM_METRIC_CBI_WORK), 50.0 },
        { builtin(s, PM_METRIC_CBI_CLIENT), 325.0 / 6.0 },
        { workload, 4.0 },
    };
    for (size_t i = 0; i < COUNT(want); i++) {
        meas m = my_measurements(s, want[i].metric);
        assert_int_equal(m.n, 1);
        assert_true(fabs(m.value - want[i].value) < 1e-9);
        assert_int_equal(m.source, PM_MEASURED_BY_SURVEY);
        assert_int_equal(m.unit, o.eng_unit);
    }
    /* Every item is kept, in instrument then item order. */
    pm_survey_answer *mine = NULL;
    size_t k = 0;
    assert_ok(s, pm_survey_my_answers(&mine, &k, s, survey));
    assert_int_equal(k, 5 + 1 + 6 + 7 + 6 + 1);
    assert_int_equal(mine[0].instrument, PM_INSTRUMENT_WHO5);
    assert_int_equal(mine[0].item, 1);
    assert_int_equal(mine[0].value, 3);
    assert_int_equal(mine[3].value, 2);
    assert_int_equal(mine[5].instrument, PM_INSTRUMENT_ENPS);
    assert_int_equal(mine[5].value, 9);
    assert_int_equal(mine[12].instrument, PM_INSTRUMENT_CBI_WORK);
    assert_int_equal(mine[12].item, 1);
    assert_int_equal(mine[12].value, 50);
    assert_int_equal(mine[18].item, 7);
    assert_int_equal(mine[18].value, 50);
    assert_int_equal(mine[25].instrument, PM_INSTRUMENT_PULSE);
    assert_int_equal(mine[25].metric, workload);
    assert_int_equal(mine[25].value, 4);
    for (size_t i = 0; i + 1 < k; i++)
        assert_true(mine[i].instrument < mine[i + 1].instrument
                    || (mine[i].instrument == mine[i + 1].instrument
                        && mine[i].item < mine[i + 1].item));
    pm_free(mine);
    pm_session_free(s);
}

/* Instruments left out are skipped: only what was answered is measured. */
static void test_survey_answering_one_instrument_of_several_measures_only_it(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_WHO5);
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_unit(f, survey, o.ops_unit);
    open_survey(f, survey);
    pm_survey_answer a = ans(PM_INSTRUMENT_ENPS, 0, 1, 3);
    respond_as(f, o.ops[1], survey, &a, 1);
    pm_session *s = pm_fixture_session(f, o.ops[1]);
    assert_int_equal(my_measurements(s, builtin(s, PM_METRIC_ENPS)).n, 1);
    assert_int_equal(my_measurements(s, builtin(s, PM_METRIC_WHO5)).n, 0);
    pm_survey *sv = get_survey(s, survey);
    assert_int_equal(pm_survey_answered_by_me(sv), 1);
    pm_survey_free(sv);
    pm_session_free(s);
}

/* ---- only the respondent reads their answers ---- */

static void test_survey_answers_are_read_by_their_respondent_alone(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = standard_survey(f, &o);
    pm_survey_answer a[5];
    respond_as(f, o.eng[3], survey, a, who5_answers(a));

    pm_session *me = pm_fixture_session(f, o.eng[3]);
    pm_survey_answer *got = NULL;
    size_t n = 0;
    assert_ok(me, pm_survey_my_answers(&got, &n, me, survey));
    assert_int_equal(n, 5);
    assert_int_equal(got[1].value, 4);
    pm_free(got);

    /* Their manager, HR and a colleague get their own answers: none. No
     * function takes another person's id. */
    pm_id others[] = { o.boss, o.hr, o.eng[4] };
    for (size_t i = 0; i < COUNT(others); i++) {
        pm_session *s = pm_fixture_session(f, others[i]);
        got = (pm_survey_answer *)1;
        n = 9;
        assert_ok(s, pm_survey_my_answers(&got, &n, s, survey));
        assert_null(got);
        assert_int_equal(n, 0);
        pm_session_free(s);
    }
    /* The system actor is nobody: refused outright. */
    got = (pm_survey_answer *)1;
    assert_fails(f->sys, pm_survey_my_answers(&got, &n, f->sys, survey), PM_EPERM,
                 "the system actor may not read someone else's measurements or answers");
    assert_null(got);
    assert_int_equal(n, 0);
    /* Nor do the measurements they made leave the respondent: HR and the
     * manager list their own. */
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_id who5 = builtin(boss, PM_METRIC_WHO5);
    assert_int_equal(my_measurements(boss, who5).n, 0);
    assert_int_equal(my_measurements(me, who5).n, 1);
    pm_session_free(boss);
    assert_fails(me, pm_survey_my_answers(&got, &n, me, 999), PM_ENOTFOUND,
                 "survey 999 does not exist");
    pm_session_free(me);
}

/* ---- response rates ---- */

typedef struct rate_row {
    pm_id unit;
    int suppressed, invited, responded;
    double value;
} rate_row;

static size_t read_rates(rate_row *out, size_t cap, pm_session *s, pm_id survey)
{
    pm_response_rate_iter *it = NULL;
    assert_ok(s, pm_survey_response_rates(&it, s, survey));
    pm_response_rate *r = NULL;
    size_t n = 0;
    while (pm_response_rate_iter_next(&r, it) == PM_OK) {
        assert_true(n < cap);
        out[n].unit = pm_response_rate_unit(r);
        out[n].suppressed = pm_response_rate_suppressed(r);
        out[n].invited = pm_response_rate_invited(r);
        out[n].responded = pm_response_rate_responded(r);
        out[n].value = pm_response_rate_value(r);
        n++;
    }
    pm_response_rate_iter_free(it);
    return n;
}

static void test_survey_response_rates_suppress_a_unit_below_the_threshold(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_unit(f, survey, o.eng_unit);   /* 6 */
    add_unit(f, survey, o.ops_unit);   /* 6 */
    add_unit(f, survey, o.tiny_unit);  /* 2: below 5 */
    add_unit(f, survey, o.lab_unit);   /* 3: below 5 */
    add_person(f, survey, o.outsider); /* no unit: 1 */
    add_person(f, survey, o.hr);       /* no unit: 2 */
    open_survey(f, survey);
    pm_survey_answer a = ans(PM_INSTRUMENT_ENPS, 0, 1, 10);
    for (int i = 0; i < 3; i++)
        respond_as(f, o.eng[i], survey, &a, 1);
    for (int i = 0; i < 6; i++)
        respond_as(f, o.ops[i], survey, &a, 1);
    respond_as(f, o.tiny[0], survey, &a, 1);
    respond_as(f, o.outsider, survey, &a, 1);

    rate_row r[8];
    size_t n = read_rates(r, 8, f->sys, survey);
    /* By unit id: people without a unit (0), then the units in the order
     * they were made. The small groups together hold 2 + 3 + 2 = 7 >= 5
     * people, so the totals minus the units shown describe no small group:
     * nothing more is suppressed. */
    assert_int_equal(n, 5);
    assert_int_equal(r[0].unit, 0);
    assert_true(r[0].suppressed);
    assert_int_equal(r[0].invited, 0);
    assert_int_equal(r[0].responded, 0);
    assert_int_equal(r[1].unit, o.eng_unit);
    assert_false(r[1].suppressed);
    assert_int_equal(r[1].invited, 6);
    assert_int_equal(r[1].responded, 3);
    assert_true(fabs(r[1].value - 0.5) < 1e-12);
    assert_int_equal(r[2].unit, o.ops_unit);
    assert_int_equal(r[2].responded, 6);
    assert_true(fabs(r[2].value - 1.0) < 1e-12);
    assert_int_equal(r[3].unit, o.tiny_unit);
    assert_true(r[3].suppressed);
    assert_int_equal(r[3].invited, 0);
    assert_int_equal(r[3].responded, 0);
    assert_true(r[3].value == 0.0);
    assert_int_equal(r[4].unit, o.lab_unit);
    assert_true(r[4].suppressed);

    /* Closing keeps the rates; HR reads them too. */
    assert_ok(f->sys, pm_survey_close(f->sys, survey));
    pm_session *hr = pm_fixture_session(f, o.hr);
    assert_int_equal(read_rates(r, 8, hr, survey), 5);
    assert_int_equal(r[1].invited, 6);
    pm_session_free(hr);
}

/* One small unit and the survey's totals would give its counts away by
 * subtraction; so the smallest unit shown is suppressed with it. */
static void test_survey_response_rates_hide_a_small_unit_from_subtraction(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_unit(f, survey, o.eng_unit);  /* 6 */
    add_unit(f, survey, o.ops_unit);  /* 6 */
    add_unit(f, survey, o.tiny_unit); /* 2 */
    open_survey(f, survey);
    pm_survey_answer a = ans(PM_INSTRUMENT_ENPS, 0, 1, 7);
    respond_as(f, o.tiny[0], survey, &a, 1);
    respond_as(f, o.ops[0], survey, &a, 1);
    rate_row r[4];
    size_t n = read_rates(r, 4, f->sys, survey);
    assert_int_equal(n, 3);
    assert_int_equal(r[0].unit, o.eng_unit); /* the first of the two smallest */
    assert_true(r[0].suppressed);
    assert_int_equal(r[0].invited, 0);
    assert_int_equal(r[1].unit, o.ops_unit);
    assert_false(r[1].suppressed);
    assert_int_equal(r[1].invited, 6);
    assert_int_equal(r[1].responded, 1);
    assert_int_equal(r[2].unit, o.tiny_unit);
    assert_true(r[2].suppressed);
    /* The totals everyone sees now leave 8 people together, not 2. */
    pm_survey *sv = get_survey(f->sys, survey);
    assert_int_equal(pm_survey_invited(sv) - r[1].invited, 8);
    pm_survey_free(sv);
}

/* ---- the threshold ---- */

/* Finds the round whose previous is survey by reading ids after it. */
static pm_id next_round(pm_session *s, pm_id survey)
{
    for (pm_id id = survey + 1; id < survey + 500; id++) {
        pm_survey *sv = NULL;
        if (pm_survey_get(&sv, s, id) != PM_OK)
            continue;
        pm_id prev = pm_survey_previous(sv);
        pm_survey_free(sv);
        if (prev == survey)
            return id;
    }
    return 0;
}


/* A survey's threshold is set when it is created and frozen when it
 * opens: no function changes it (pm_survey_opts is read by
 * pm_survey_create() only), a renewed round copies it, and results use
 * the stored value. */
static void test_survey_threshold_is_frozen_when_it_opens(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_survey_opts opts = survey_opts("Small groups", "2026-06-01", "2026-06-10");
    opts.threshold = 3;
    opts.repeat_days = 14;
    pm_id survey = new_survey_with(f->sys, &opts);
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_unit(f, survey, o.eng_unit); /* 6 */
    add_unit(f, survey, o.lab_unit); /* 3: shown at threshold 3, not at 5 */
    open_survey(f, survey);
    pm_survey *sv = get_survey(f->sys, survey);
    assert_int_equal(pm_survey_threshold(sv), 3);
    pm_survey_free(sv);
    /* Nothing else may be added once open; the threshold stays. */
    assert_fails(f->sys, pm_survey_add_audience(f->sys, survey, o.eng_unit, 0), PM_EINVAL,
                 "is open, not draft");
    rate_row r[4];
    size_t n = read_rates(r, 4, f->sys, survey);
    assert_int_equal(n, 2);
    assert_int_equal(r[1].unit, o.lab_unit);
    assert_false(r[1].suppressed);
    assert_int_equal(r[1].invited, 3);
    int created = 0;
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    sv = get_survey(f->sys, next_round(f->sys, survey));
    assert_int_equal(pm_survey_threshold(sv), 3);
    pm_survey_free(sv);
}

/* ---- renewing pulses ---- */

static void test_survey_renew_creates_the_next_pulse_once(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_id workload = workload_metric(f);
    pm_survey_opts opts = survey_opts("Weekly pulse", "2026-06-08", "2026-06-12");
    opts.repeat_days = 7;
    opts.threshold = 4;
    pm_id survey = new_survey_with(f->sys, &opts);
    add_pulse(f, survey, workload, "Workload this week?");
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_unit(f, survey, o.eng_unit);
    add_person(f, survey, o.outsider);
    open_survey(f, survey);
    /* A once-only survey is never renewed. */
    pm_id once = new_survey(f, 5);

    int created = 9;
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, D("2026-06-14")));
    assert_int_equal(created, 0); /* due on 2026-06-15 */
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 0);

    pm_survey *old = get_survey(f->sys, survey);
    assert_int_equal(pm_survey_state_get(old), PM_SURVEY_CLOSED);
    pm_survey_free(old);
    pm_id next = next_round(f->sys, survey);
    assert_true(next > 0);
    assert_int_equal(next_round(f->sys, once), 0);
    pm_survey *sv = get_survey(f->sys, next);
    assert_string_equal(pm_survey_title(sv), "Weekly pulse");
    assert_int_equal(pm_survey_state_get(sv), PM_SURVEY_OPEN);
    assert_int_equal(pm_survey_opens(sv), D("2026-06-15"));
    assert_int_equal(pm_survey_closes(sv), D("2026-06-19"));
    assert_int_equal(pm_survey_threshold(sv), 4);
    assert_int_equal(pm_survey_repeat_days(sv), 7);
    assert_int_equal(pm_survey_previous(sv), survey);
    assert_int_equal(pm_survey_invited(sv), 7);
    pm_survey_free(sv);

    /* The new round asks the same things. */
    pm_survey_answer a[2] = { ans(PM_INSTRUMENT_PULSE, workload, 1, 2),
                              ans(PM_INSTRUMENT_ENPS, 0, 1, 8) };
    respond_as(f, o.outsider, next, a, 2);
    pm_session *s = pm_fixture_session(f, o.outsider);
    assert_int_equal(my_measurements(s, workload).n, 1);
    pm_session_free(s);

    /* A week later the round after it comes, and not before. */
    f->now += 6 * 86400;
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 0);
    f->now += 86400;
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    pm_id third = next_round(f->sys, next);
    sv = get_survey(f->sys, third);
    assert_int_equal(pm_survey_opens(sv), D("2026-06-22"));
    assert_int_equal(pm_survey_state_get(sv), PM_SURVEY_OPEN);
    pm_survey_free(sv);
}

/* Renewing for a later day makes the round due by then and opens it (it
 * takes answers from its first day); after a pause of several periods,
 * the latest round begun by then is made, not every round missed. */
static void test_survey_renew_ahead_and_after_a_pause(void **state)
{
    pm_fixture *f = *state;
    org_s o = make_org(f);
    pm_survey_opts opts = survey_opts("Monthly", "2026-06-10", "2026-06-20");
    opts.repeat_days = 30;
    pm_id survey = new_survey_with(f->sys, &opts);
    add_inst(f, survey, PM_INSTRUMENT_ENPS);
    add_unit(f, survey, o.ops_unit);
    open_survey(f, survey);
    int created = 9;
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, D("2026-07-09")));
    assert_int_equal(created, 0);
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, D("2026-07-10")));
    assert_int_equal(created, 1);
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, D("2026-07-10")));
    assert_int_equal(created, 0);
    pm_id next = next_round(f->sys, survey);
    pm_survey *sv = get_survey(f->sys, next);
    assert_int_equal(pm_survey_opens(sv), D("2026-07-10"));
    assert_int_equal(pm_survey_closes(sv), D("2026-07-20"));
    assert_int_equal(pm_survey_state_get(sv), PM_SURVEY_OPEN);
    assert_int_equal(pm_survey_invited(sv), 6);
    pm_survey_free(sv);
    pm_session *s = pm_fixture_session(f, o.ops[0]);
    pm_survey_answer a = ans(PM_INSTRUMENT_ENPS, 0, 1, 8);
    assert_fails(s, pm_survey_respond(s, next, &a, 1), PM_EINVAL,
                 "takes answers from 2026-07-10 to 2026-07-20, not on 2026-06-15");
    pm_session_free(s);

    pm_survey_opts far = survey_opts("Paused", "2026-01-01", "2026-01-10");
    far.repeat_days = 30;
    pm_id paused = new_survey_with(f->sys, &far);
    add_inst(f, paused, PM_INSTRUMENT_ENPS);
    add_unit(f, paused, o.lab_unit);
    open_survey(f, paused);
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    assert_ok(f->sys, pm_survey_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 0);
    next = next_round(f->sys, paused);
    sv = get_survey(f->sys, next);
    /* 2026-01-01 + 5 x 30 days = 2026-05-31; six periods would pass today. */
    assert_int_equal(pm_survey_opens(sv), D("2026-05-31"));
    assert_int_equal(pm_survey_closes(sv), D("2026-06-09"));
    assert_int_equal(pm_survey_previous(sv), paused);
    assert_int_equal(pm_survey_invited(sv), 3);
    pm_survey_free(sv);
    assert_int_equal(next_round(f->sys, next), 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_survey_moves_from_draft_to_open_to_closed),
        T(test_survey_hr_runs_surveys_and_a_person_may_not),
        T(test_survey_audience_is_frozen_at_open),
        T(test_survey_answers_become_each_instruments_published_score),
        T(test_survey_answering_one_instrument_of_several_measures_only_it),
        T(test_survey_answers_are_read_by_their_respondent_alone),
        T(test_survey_response_rates_suppress_a_unit_below_the_threshold),
        T(test_survey_response_rates_hide_a_small_unit_from_subtraction),
        T(test_survey_threshold_is_frozen_when_it_opens),
        T(test_survey_renew_creates_the_next_pulse_once),
        T(test_survey_renew_ahead_and_after_a_pause),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
