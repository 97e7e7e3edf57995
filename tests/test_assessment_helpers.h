/* What the assessment tests share: a small organisation, a framework of two
 * competencies, and assessments, lists and levels made through the public
 * API, each call asserted to succeed. Dates are ISO strings.
 *
 * The organisation (everyone's line starts on the fixture's today,
 * 2026-06-15):
 *   top
 *    └─ boss
 *        ├─ anna (the person assessed) ── report
 *        └─ peer
 *   outsider (no manager), hr (HR admin, no manager)
 * The framework: scale "Proficiency" 1 to 5; "Communication" and
 * "Leadership" (category "Core") on it; "Tooling" on a scale 0 to 3. */
#ifndef PM_TEST_ASSESSMENT_HELPERS_H
#define PM_TEST_ASSESSMENT_HELPERS_H

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>

#include "checks.h"
#include "store_dump.h"

#define D(iso) pm_fixture_date(iso)
#define MAX_LISTED 32

typedef struct assess_org {
    pm_id top;
    pm_id boss;
    pm_id anna;
    pm_id peer;
    pm_id report;
    pm_id outsider;
    pm_id hr;
    pm_id comm;     /* Communication, 1 to 5 */
    pm_id lead;     /* Leadership, 1 to 5 */
    pm_id tooling;  /* Tooling, 0 to 3 */
} assess_org;

static inline pm_id make_scale(pm_fixture *f, const char *name, int min, int max,
                               const char *const *names)
{
    pm_scale_opts o = PM_SCALE_OPTS_INIT;
    o.name = name;
    o.min_level = min;
    o.max_level = max;
    o.level_names = names;
    pm_id id = 0;
    assert_ok(f->sys, pm_scale_create(&id, f->sys, &o));
    return id;
}

static inline pm_id make_competency(pm_fixture *f, const char *name, pm_id scale)
{
    pm_competency_opts o = PM_COMPETENCY_OPTS_INIT;
    o.name = name;
    o.category = "Core";
    o.scale = scale;
    pm_id id = 0;
    assert_ok(f->sys, pm_competency_create(&id, f->sys, &o));
    return id;
}

static inline assess_org make_org(pm_fixture *f)
{
    assess_org o;
    o.top = pm_fixture_person(f, "E0", "Tove Top", 0, 0);
    o.boss = pm_fixture_person(f, "E1", "Maria Boss", o.top, 0);
    o.anna = pm_fixture_person(f, "E2", "Anna Assessed", o.boss, 0);
    o.peer = pm_fixture_person(f, "E3", "Per Peer", o.boss, 0);
    o.report = pm_fixture_person(f, "E4", "Rita Report", o.anna, 0);
    o.outsider = pm_fixture_person(f, "X1", "Olle Outsider", 0, 0);
    o.hr = pm_fixture_person(f, "H1", "Hanna HR", 0, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, o.hr, 1));
    static const char *const five[] = { "Novice", "Beginner", "Competent", "Proficient",
                                        "Expert" };
    static const char *const four[] = { "None", "Aware", "Practised", "Fluent" };
    pm_id proficiency = make_scale(f, "Proficiency", 1, 5, five);
    pm_id fluency = make_scale(f, "Fluency", 0, 3, four);
    o.comm = make_competency(f, "Communication", proficiency);
    o.lead = make_competency(f, "Leadership", proficiency);
    o.tooling = make_competency(f, "Tooling", fluency);
    return o;
}

static inline pm_assessment_opts assess_opts(pm_id person, pm_id competency, int level,
                                             pm_assessment_source source, const char *on)
{
    pm_assessment_opts o = PM_ASSESSMENT_OPTS_INIT;
    o.person = person;
    o.competency = competency;
    o.level = level;
    o.source = source;
    o.on = on != NULL ? D(on) : PM_DATE_NONE;
    return o;
}

/* Adds an assessment as s; on NULL for today. */
static inline pm_id assess(pm_session *s, pm_id person, pm_id competency, int level,
                           pm_assessment_source source, const char *on)
{
    pm_assessment_opts o = assess_opts(person, competency, level, source, on);
    pm_id id = 0;
    assert_ok(s, pm_assessment_add(&id, s, &o));
    assert_true(id > 0);
    return id;
}

/* Adds a round assessment as s (its date is the round's). */
static inline pm_id assess_in(pm_session *s, pm_id round, pm_id person, pm_id competency,
                              int level, pm_assessment_source source)
{
    pm_assessment_opts o = assess_opts(person, competency, level, source, NULL);
    o.round = round;
    pm_id id = 0;
    assert_ok(s, pm_assessment_add(&id, s, &o));
    assert_true(id > 0);
    return id;
}

static inline pm_id open_round(pm_session *s, pm_id person, const char *on)
{
    pm_id id = 0;
    assert_ok(s, pm_assessment_round_open(&id, s, person, on != NULL ? D(on) : PM_DATE_NONE));
    assert_true(id > 0);
    return id;
}

/* What a list showed, in order. */
typedef struct listed {
    size_t count;
    pm_id id[MAX_LISTED];
    int level[MAX_LISTED];
    pm_assessment_source source[MAX_LISTED];
    pm_date on[MAX_LISTED];
    int released[MAX_LISTED];
} listed;

static inline listed list_as(pm_session *s, pm_id person, pm_id competency)
{
    listed l;
    memset(&l, 0, sizeof l);
    pm_assessment_iter *it = NULL;
    assert_ok(s, pm_assessment_list(&it, s, person, competency));
    pm_assessment *a = NULL;
    pm_status st;
    while ((st = pm_assessment_iter_next(&a, it)) == PM_OK) {
        assert_true(l.count < MAX_LISTED);
        l.id[l.count] = pm_assessment_id(a);
        l.level[l.count] = pm_assessment_level(a);
        l.source[l.count] = pm_assessment_source_get(a);
        l.on[l.count] = pm_assessment_date(a);
        l.released[l.count] = pm_assessment_released(a);
        l.count++;
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_assessment_iter_free(it);
    return l;
}

/* 1 when the list holds id. */
static inline int listed_has(const listed *l, pm_id id)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->id[i] == id)
            return 1;
    return 0;
}

/* The level as s sees it on a day (NULL: today); *assessed as returned. */
static inline double level_as(pm_session *s, int *assessed, pm_id person, pm_id competency,
                              const char *on, const pm_level_rule *rule)
{
    double level = -1;
    int a = -1;
    assert_ok(s, pm_competency_level(&level, &a, s, person, competency,
                                     on != NULL ? D(on) : PM_DATE_NONE, rule));
    if (assessed != NULL)
        *assessed = a;
    if (!a)
        assert_true(level == 0);
    return level;
}

static inline void assert_near_at(double actual, double expected, const char *what, int line)
{
    double diff = actual - expected;
    if (!(diff <= 1e-9 && diff >= -1e-9))
        fail_msg("line %d: %s is %.17g, expected %.17g", line, what, actual, expected);
}
#define assert_near(actual, expected) assert_near_at((actual), (expected), #actual, __LINE__)

#endif
