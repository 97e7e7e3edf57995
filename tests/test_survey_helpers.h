/* What the survey tests share: a small organisation in units, surveys
 * made through the public API (each call asserted to succeed), and
 * answer sets for every instrument. Dates are ISO strings.
 *
 * The organisation (everyone's membership and line start on the fixture's
 * today, 2026-06-15):
 *   acme (top unit): boss, who manages every eng person
 *    ├─ eng: eng[0..5]
 *    ├─ ops: ops[0..5]
 *    ├─ tiny: tiny[0..1]
 *    └─ lab: lab[0..2]
 *   hr (HR admin, no unit), outsider (no unit) */
#ifndef PM_TEST_SURVEY_HELPERS_H
#define PM_TEST_SURVEY_HELPERS_H

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "checks.h"

#define D(iso) pm_fixture_date(iso)
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

typedef struct org_s {
    pm_id acme, eng_unit, ops_unit, tiny_unit, lab_unit;
    pm_id boss;
    pm_id eng[6];
    pm_id ops[6];
    pm_id tiny[2];
    pm_id lab[3];
    pm_id hr;
    pm_id outsider;
} org_s;

static inline void make_people(pm_fixture *f, pm_id *ids, int n, const char *prefix,
                               pm_id manager, pm_id unit)
{
    char ext[16], name[32];
    for (int i = 0; i < n; i++) {
        snprintf(ext, sizeof ext, "%s%d", prefix, i);
        snprintf(name, sizeof name, "%s person %d", prefix, i);
        ids[i] = pm_fixture_person(f, ext, name, manager, unit);
    }
}

static inline org_s make_org(pm_fixture *f)
{
    org_s o;
    o.acme = pm_fixture_unit(f, "Acme", 0);
    o.eng_unit = pm_fixture_unit(f, "Engineering", o.acme);
    o.ops_unit = pm_fixture_unit(f, "Operations", o.acme);
    o.tiny_unit = pm_fixture_unit(f, "Tiny", o.acme);
    o.lab_unit = pm_fixture_unit(f, "Lab", o.acme);
    o.boss = pm_fixture_person(f, "B1", "Bo Boss", 0, o.acme);
    make_people(f, o.eng, 6, "ENG", o.boss, o.eng_unit);
    make_people(f, o.ops, 6, "OPS", 0, o.ops_unit);
    make_people(f, o.tiny, 2, "TINY", 0, o.tiny_unit);
    make_people(f, o.lab, 3, "LAB", 0, o.lab_unit);
    o.hr = pm_fixture_person(f, "H1", "Hanna HR", 0, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, o.hr, 1));
    o.outsider = pm_fixture_person(f, "X1", "Olle Outsider", 0, 0);
    return o;
}

static inline pm_survey_opts survey_opts(const char *title, const char *opens, const char *closes)
{
    pm_survey_opts o = PM_SURVEY_OPTS_INIT;
    o.title = title;
    o.opens = opens ? D(opens) : PM_DATE_NONE;
    o.closes = closes ? D(closes) : PM_DATE_NONE;
    return o;
}

static inline pm_id new_survey_with(pm_session *s, const pm_survey_opts *o)
{
    pm_id id = 0;
    assert_ok(s, pm_survey_create(&id, s, o));
    assert_true(id > 0);
    return id;
}

/* A draft "Pulse" from 2026-06-01 to 2026-06-30 with this threshold. */
static inline pm_id new_survey(pm_fixture *f, int threshold)
{
    pm_survey_opts o = survey_opts("Pulse", "2026-06-01", "2026-06-30");
    o.threshold = threshold;
    return new_survey_with(f->sys, &o);
}

/* A custom metric on a 1-5 scale. */
static inline pm_id workload_metric(pm_fixture *f)
{
    pm_metric_opts o = PM_METRIC_OPTS_INIT;
    o.name = "Workload";
    o.min = 1;
    o.max = 5;
    pm_id id = 0;
    assert_ok(f->sys, pm_metric_create(&id, f->sys, &o));
    return id;
}

static inline void add_inst(pm_fixture *f, pm_id survey, pm_instrument instrument)
{
    assert_ok(f->sys, pm_survey_add_instrument(f->sys, survey, instrument, 0, NULL, 0));
}

static inline void add_pulse(pm_fixture *f, pm_id survey, pm_id metric, const char *text)
{
    assert_ok(f->sys, pm_survey_add_instrument(f->sys, survey, PM_INSTRUMENT_PULSE, metric, text,
                                               0));
}

static inline void add_unit(pm_fixture *f, pm_id survey, pm_id unit)
{
    assert_ok(f->sys, pm_survey_add_audience(f->sys, survey, unit, 0));
}

static inline void add_person(pm_fixture *f, pm_id survey, pm_id person)
{
    assert_ok(f->sys, pm_survey_add_audience(f->sys, survey, 0, person));
}

static inline void open_survey(pm_fixture *f, pm_id survey)
{
    assert_ok(f->sys, pm_survey_open(f->sys, survey));
}

static inline pm_survey_answer ans(pm_instrument instrument, pm_id metric, int item, int value)
{
    pm_survey_answer a = { instrument, metric, item, value };
    return a;
}

/* WHO-5 items 3, 4, 3, 2, 4: raw 16, 64%. */
static inline size_t who5_answers(pm_survey_answer *out)
{
    static const int v[5] = { 3, 4, 3, 2, 4 };
    for (int i = 0; i < 5; i++)
        out[i] = ans(PM_INSTRUMENT_WHO5, 0, i + 1, v[i]);
    return 5;
}

/* Answers as person; fails the test unless it succeeds. */
static inline void respond_as(pm_fixture *f, pm_id person, pm_id survey,
                              const pm_survey_answer *answers, size_t n)
{
    pm_session *s = pm_fixture_session(f, person);
    assert_ok(s, pm_survey_respond(s, survey, answers, n));
    pm_session_free(s);
}

/* A survey read by session s; fails the test on error. */
static inline pm_survey *get_survey(pm_session *s, pm_id survey)
{
    pm_survey *sv = NULL;
    assert_ok(s, pm_survey_get(&sv, s, survey));
    assert_non_null(sv);
    return sv;
}

/* The standard open WHO-5 survey (threshold 5, 2026-06-01 to 2026-06-30)
 * for unit eng and the outsider. */
static inline pm_id standard_survey(pm_fixture *f, const org_s *o)
{
    pm_id survey = new_survey(f, 5);
    add_inst(f, survey, PM_INSTRUMENT_WHO5);
    add_unit(f, survey, o->eng_unit);
    add_person(f, survey, o->outsider);
    open_survey(f, survey);
    return survey;
}

#endif
