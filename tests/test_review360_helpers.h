/* What the 360 round tests share: a small organisation around a subject,
 * and rounds, questions, raters and answers made through the public API,
 * each call asserted to succeed. Dates are ISO strings ("2026-06-30").
 *
 * The organisation (everyone's line starts on the fixture's today,
 * 2026-06-15):
 *   top
 *    └─ boss
 *        ├─ anna (the subject) ── report[0..3]
 *        └─ peer[0..3]
 *   outsider (no manager), hr (HR admin, no manager) */
#ifndef PM_TEST_REVIEW360_HELPERS_H
#define PM_TEST_REVIEW360_HELPERS_H

#include "fixture.h"

#include <stdio.h>

#include "checks.h"

#define D(iso) pm_fixture_date(iso)

typedef struct org360 {
    pm_id top;
    pm_id boss;
    pm_id anna;
    pm_id peer[4];
    pm_id report[4];
    pm_id outsider;
    pm_id hr;
} org360;

static inline org360 make_org(pm_fixture *f)
{
    org360 o;
    char ext[16], name[32];
    o.top = pm_fixture_person(f, "E0", "Tove Top", 0, 0);
    o.boss = pm_fixture_person(f, "E1", "Maria Boss", o.top, 0);
    o.anna = pm_fixture_person(f, "E2", "Anna Subject", o.boss, 0);
    for (int i = 0; i < 4; i++) {
        snprintf(ext, sizeof ext, "P%d", i);
        snprintf(name, sizeof name, "Peer %d", i);
        o.peer[i] = pm_fixture_person(f, ext, name, o.boss, 0);
        snprintf(ext, sizeof ext, "R%d", i);
        snprintf(name, sizeof name, "Report %d", i);
        o.report[i] = pm_fixture_person(f, ext, name, o.anna, 0);
    }
    o.outsider = pm_fixture_person(f, "X1", "Olle Outsider", 0, 0);
    o.hr = pm_fixture_person(f, "H1", "Hanna HR", 0, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, o.hr, 1));
    return o;
}

static inline pm_review360_opts round_opts(pm_id subject, const char *title, const char *opens,
                                           const char *closes)
{
    pm_review360_opts o = PM_REVIEW360_OPTS_INIT;
    o.subject = subject;
    o.title = title;
    o.opens = opens ? D(opens) : PM_DATE_NONE;
    o.closes = closes ? D(closes) : PM_DATE_NONE;
    return o;
}

static inline pm_id new_round_as(pm_session *s, pm_id subject, const char *opens,
                                 const char *closes, int threshold)
{
    pm_review360_opts o = round_opts(subject, "Mid-year 360", opens, closes);
    o.threshold = threshold;
    pm_id id = 0;
    assert_ok(s, pm_review360_create(&id, s, &o));
    assert_true(id > 0);
    return id;
}

static inline pm_id new_round(pm_fixture *f, pm_id subject, int threshold)
{
    return new_round_as(f->sys, subject, "2026-06-01", "2026-06-30", threshold);
}

static inline pm_id add_q(pm_fixture *f, pm_id round, const char *text, int min, int max)
{
    pm_id id = 0;
    assert_ok(f->sys, pm_review360_add_question(&id, f->sys, round, text, 0, min, max));
    assert_true(id > 0);
    return id;
}

static inline void add_r(pm_fixture *f, pm_id round, pm_id person, pm_rater_group group)
{
    assert_ok(f->sys, pm_review360_add_rater(f->sys, round, person, group));
}

static inline pm_review360_answer rating(pm_id question, int value)
{
    pm_review360_answer a = { question, value, NULL, 0 };
    return a;
}

static inline pm_review360_answer text_answer(pm_id question, const char *text)
{
    pm_review360_answer a = { question, 0, text, 0 };
    return a;
}

/* Submits as person; fails the test unless it succeeds. */
static inline void submit_as(pm_fixture *f, pm_id person, pm_id round,
                             const pm_review360_answer *answers, size_t n)
{
    pm_session *s = pm_fixture_session(f, person);
    assert_ok(s, pm_review360_submit(s, round, answers, n));
    pm_session_free(s);
}

/* Submits a rating for q and, when text is not NULL, a text for t. */
static inline void answer(pm_fixture *f, pm_id person, pm_id round, pm_id q, int value,
                          pm_id t, const char *text)
{
    pm_review360_answer a[2] = { rating(q, value), text_answer(t, text) };
    submit_as(f, person, round, a, text ? 2 : 1);
}

/* The standard round about anna, 2026-06-01 to 2026-06-30, threshold 3: a
 * rating question 1..5 (*q) and a text question (*t); raters anna (self),
 * boss (manager), peers 0..2 and reports 0..1; opened. */
static inline pm_id standard_round(pm_fixture *f, const org360 *o, pm_id *q, pm_id *t)
{
    pm_id round = new_round(f, o->anna, 3);
    *q = add_q(f, round, "Communicates clearly", 1, 5);
    *t = add_q(f, round, "What should Anna keep doing?", 0, 0);
    add_r(f, round, o->anna, PM_RATER_SELF);
    add_r(f, round, o->boss, PM_RATER_MANAGER);
    for (int i = 0; i < 3; i++)
        add_r(f, round, o->peer[i], PM_RATER_PEER);
    for (int i = 0; i < 2; i++)
        add_r(f, round, o->report[i], PM_RATER_REPORT);
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    return round;
}

#endif
