/* What test_programme.c and test_programme_refusals.c share: a small
 * framework (a 1-5 scale, three competencies, two roles), people, plans,
 * programmes and enrolments made through the public API, each call
 * asserted to succeed. Dates are ISO strings; the fixture's today is
 * 2026-06-15. */
#ifndef PM_TEST_PROGRAMME_HELPERS_H
#define PM_TEST_PROGRAMME_HELPERS_H

#include "fixture.h"

#include <stdio.h>
#include <string.h>

#include "checks.h"

#define D(iso) pm_fixture_date(iso)

/* The framework: Engineer requires leadership 4 and sql 3; Writer requires
 * writing 5. */
typedef struct framework {
    pm_id scale;
    pm_id leadership;
    pm_id sql;
    pm_id writing;
    pm_id engineer;
    pm_id writer;
} framework;

static inline pm_id new_competency(pm_fixture *f, pm_id scale, const char *name)
{
    pm_competency_opts o = PM_COMPETENCY_OPTS_INIT;
    o.name = name;
    o.category = "Skills";
    o.scale = scale;
    pm_id id = 0;
    assert_ok(f->sys, pm_competency_create(&id, f->sys, &o));
    assert_true(id > 0);
    return id;
}

static inline framework make_framework(pm_fixture *f)
{
    framework fw;
    memset(&fw, 0, sizeof fw);
    static const char *const names[] = { "Novice", "Basic", "Able", "Strong", "Expert" };
    pm_scale_opts so = PM_SCALE_OPTS_INIT;
    so.name = "Five levels";
    so.min_level = 1;
    so.max_level = 5;
    so.level_names = names;
    assert_ok(f->sys, pm_scale_create(&fw.scale, f->sys, &so));
    fw.leadership = new_competency(f, fw.scale, "Leadership");
    fw.sql = new_competency(f, fw.scale, "SQL");
    fw.writing = new_competency(f, fw.scale, "Writing");
    assert_ok(f->sys, pm_role_create(&fw.engineer, f->sys, "Engineer", 0, NULL, 0));
    assert_ok(f->sys, pm_role_require(f->sys, fw.engineer, fw.leadership, 4));
    assert_ok(f->sys, pm_role_require(f->sys, fw.engineer, fw.sql, 3));
    assert_ok(f->sys, pm_role_create(&fw.writer, f->sys, "Writer", 0, NULL, 0));
    assert_ok(f->sys, pm_role_require(f->sys, fw.writer, fw.writing, 5));
    return fw;
}

static inline void assign(pm_fixture *f, pm_id person, pm_id role, const char *start)
{
    assert_ok(f->sys, pm_role_assign(f->sys, person, role, D(start)));
}

/* A released assessment by the system (source 360), or by a session of
 * the person (self) or their manager (manager). */
static inline void assess(pm_session *s, pm_id person, pm_id competency, int level,
                          pm_assessment_source source, const char *on)
{
    pm_assessment_opts o = PM_ASSESSMENT_OPTS_INIT;
    o.person = person;
    o.competency = competency;
    o.level = level;
    o.source = source;
    o.on = D(on);
    assert_ok(s, pm_assessment_add(NULL, s, &o));
}

static inline pm_id new_plan(pm_fixture *f, pm_id person, const char *start, const char *end)
{
    pm_plan_opts o = PM_PLAN_OPTS_INIT;
    o.person = person;
    o.start = D(start);
    o.end = D(end);
    pm_id id = 0;
    assert_ok(f->sys, pm_plan_create(&id, f->sys, &o));
    assert_true(id > 0);
    return id;
}

/* A plan covering the whole of 2026. */
static inline pm_id year_plan(pm_fixture *f, pm_id person)
{
    return new_plan(f, person, "2026-01-01", "2026-12-31");
}

static inline pm_programme_opts programme_opts(const char *name, pm_programme_kind kind,
                                               int capacity, const pm_id *competencies,
                                               size_t n)
{
    pm_programme_opts o = PM_PROGRAMME_OPTS_INIT;
    o.name = name;
    o.kind = kind;
    o.capacity = capacity;
    o.competencies = competencies;
    o.ncompetencies = n;
    return o;
}

static inline pm_id new_programme(pm_fixture *f, const char *name, int capacity,
                                  const pm_id *competencies, size_t n)
{
    pm_programme_opts o = programme_opts(name, PM_PROGRAMME_TRAINING, capacity, competencies, n);
    pm_id id = 0;
    assert_ok(f->sys, pm_programme_create(&id, f->sys, &o));
    assert_true(id > 0);
    return id;
}

static inline void add_session(pm_fixture *f, pm_id programme, const char *on, const char *title)
{
    assert_ok(f->sys, pm_programme_add_session(f->sys, programme, D(on), title, 0));
}

/* Enrols person through the system session; returns the plan item. */
static inline pm_id enrol(pm_fixture *f, pm_id programme, pm_id person)
{
    pm_id item = 0;
    assert_ok(f->sys, pm_programme_enrol(&item, f->sys, programme, person));
    assert_true(item > 0);
    return item;
}

static inline pm_programme *get_programme(pm_fixture *f, pm_id id)
{
    pm_programme *p = NULL;
    assert_ok(f->sys, pm_programme_get(&p, f->sys, id));
    assert_non_null(p);
    return p;
}

static inline int seats_taken(pm_fixture *f, pm_id programme)
{
    pm_programme *p = get_programme(f, programme);
    int seats = pm_programme_seats_taken(p);
    pm_programme_free(p);
    return seats;
}

/* The programme's enrolment of person, copied out; state 0 when none. */
typedef struct enrolment_view {
    pm_enrolment_state state;
    pm_enrolment_result result;
    pm_date invited_on;
    pm_date enrolled_on;
    pm_date ended_on;
    pm_id item;
} enrolment_view;

static inline enrolment_view enrolment_of(pm_fixture *f, pm_id programme, pm_id person)
{
    enrolment_view v;
    memset(&v, 0, sizeof v);
    pm_enrolment_iter *it = NULL;
    assert_ok(f->sys, pm_programme_participants(&it, f->sys, programme));
    pm_enrolment *e = NULL;
    while (pm_enrolment_iter_next(&e, it) == PM_OK) {
        assert_int_equal(pm_enrolment_programme(e), programme);
        if (pm_enrolment_person(e) != person)
            continue;
        v.state = pm_enrolment_state_get(e);
        v.result = pm_enrolment_result_get(e);
        v.invited_on = pm_enrolment_invited_on(e);
        v.enrolled_on = pm_enrolment_enrolled_on(e);
        v.ended_on = pm_enrolment_ended_on(e);
        v.item = pm_enrolment_item(e);
    }
    pm_enrolment_iter_free(it);
    return v;
}

/* A plan item, copied out of the plan's item list. */
typedef struct item_view {
    pm_id id;
    pm_item_kind kind;
    char title[256];
    pm_item_state state;
    pm_date start;
    pm_date due;
    pm_date done_on;
    pm_id programme;
    size_t ncompetencies;
    pm_id competencies[8];
} item_view;

static inline item_view item_of(pm_fixture *f, pm_id plan, pm_id item)
{
    item_view v;
    memset(&v, 0, sizeof v);
    pm_plan_item_iter *it = NULL;
    assert_ok(f->sys, pm_plan_item_list(&it, f->sys, plan));
    pm_plan_item *i = NULL;
    while (pm_plan_item_iter_next(&i, it) == PM_OK) {
        if (pm_plan_item_id(i) != item)
            continue;
        v.id = item;
        v.kind = pm_plan_item_kind(i);
        snprintf(v.title, sizeof v.title, "%s", pm_plan_item_title(i));
        v.state = pm_plan_item_state(i);
        v.start = pm_plan_item_start(i);
        v.due = pm_plan_item_due(i);
        v.done_on = pm_plan_item_done_on(i);
        v.programme = pm_plan_item_programme(i);
        v.ncompetencies = pm_plan_item_competency_count(i);
        for (size_t k = 0; k < v.ncompetencies && k < 8; k++)
            v.competencies[k] = pm_plan_item_competency(i, k);
    }
    pm_plan_item_iter_free(it);
    assert_int_equal(v.id, item);
    return v;
}

static inline size_t plan_item_count(pm_fixture *f, pm_id plan)
{
    pm_plan_item_iter *it = NULL;
    assert_ok(f->sys, pm_plan_item_list(&it, f->sys, plan));
    pm_plan_item *i = NULL;
    size_t n = 0;
    while (pm_plan_item_iter_next(&i, it) == PM_OK)
        n++;
    pm_plan_item_iter_free(it);
    return n;
}

#endif
