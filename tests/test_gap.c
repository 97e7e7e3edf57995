/* Competence gaps through the public API, on every backend: a person's gaps
 * against the role held and a target role, not assessed and above the
 * requirement, on an earlier day and by the weighted rule; role match with
 * its 2x cap; the summary of a unit with sub-units on a day and an earlier
 * day while people change unit and role in between, unreleased round
 * assessments left out, and by the rule given; the whole organisation;
 * who may read them; the refusals, which write nothing; and running out of
 * memory.
 *
 * The framework: scale 1-5; competencies C1, C2, C3 (ids in that order);
 * roles Engineer (C1 3, C2 4), Lead (C1 4, C3 2), Junior (C1 2, C2 1).
 *
 * The organisation (from 2026-01-01; today is 2026-06-15):
 *   Company: boss; mgr, peer, hr (HR admin), gone report to boss
 *     Team (below Company): a1, a2, norole report to mgr
 *       Squad (below Team): s1 reports to mgr
 *   Other (top level)
 *   mover (reports to mgr): Other, then Team from 2026-04-01
 *   outgoer (reports to mgr): Team, then Other from 2026-04-01
 * gone leaves on 2026-05-01.
 * Roles (from 2026-01-01): a1, s1, mover, outgoer, gone Engineer; peer Lead;
 * a2 Engineer, then Lead from 2026-05-01; norole, boss, mgr, hr none.
 * Assessments (released unless said):
 *   a1      C1 self 2 on 02-01, C1 manager 4 on 04-01
 *   a2      C1 manager 5 on 02-01, C2 self 3 on 03-01, C3 self 1 on 05-10
 *   s1      C1 self 3 on 01-10, C2 manager 2 on 06-10,
 *           C1 self 1 on 06-01 in a round not released
 *   mover   C2 self 4 on 02-01
 *   outgoer C1 self 1 on 02-01
 *   peer    C1 self 2 on 01-15
 *   gone    C1 self 3 on 02-01
 * Expected numbers are worked out by hand beside each assertion. */
#include "fixture.h"
#include "checks.h"
#include "store_dump.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define T(s) cmocka_unit_test_setup_teardown(s, pm_fixture_setup, pm_fixture_teardown)
#define D(iso) pm_fixture_date(iso)

/* cmocka compares floats only as float; these are doubles. */
#define assert_near(a, b)                                                            \
    do {                                                                             \
        double a_ = (a), b_ = (b);                                                   \
        if (!(fabs(a_ - b_) <= 1e-9))                                                \
            fail_msg("%.17g is not %.17g", a_, b_);                                  \
    } while (0)

typedef struct world {
    pm_fixture *f;
    pm_id company, team, squad, other;
    pm_id boss, mgr, peer, hr, gone, a1, a2, norole, s1, mover, outgoer;
    pm_id c1, c2, c3;
    pm_id engineer, lead, junior;
} world;

static pm_id person(world *w, const char *ext, pm_id manager, pm_id unit, int hr_admin)
{
    pm_person_opts p = PM_PERSON_OPTS_INIT;
    p.external_id = ext;
    p.display_name = ext;
    p.manager = manager;
    p.unit = unit;
    p.hr_admin = hr_admin;
    p.start = D("2026-01-01");
    pm_id id = 0;
    if (pm_person_create(&id, w->f->sys, &p) != PM_OK)
        fail_msg("creating %s: %s", ext, pm_session_errmsg(w->f->sys));
    return id;
}

static pm_id competency(world *w, const char *name, pm_id scale)
{
    pm_competency_opts o = PM_COMPETENCY_OPTS_INIT;
    o.name = name;
    o.category = "Craft";
    o.scale = scale;
    pm_id id = 0;
    assert_ok(w->f->sys, pm_competency_create(&id, w->f->sys, &o));
    return id;
}

static pm_id role(world *w, const char *name, pm_id ca, int la, pm_id cb, int lb)
{
    pm_id id = 0;
    assert_ok(w->f->sys, pm_role_create(&id, w->f->sys, name, 0, NULL, 0));
    assert_ok(w->f->sys, pm_role_require(w->f->sys, id, ca, la));
    assert_ok(w->f->sys, pm_role_require(w->f->sys, id, cb, lb));
    return id;
}

static void assign(world *w, pm_id who, pm_id r, const char *day)
{
    assert_ok(w->f->sys, pm_role_assign(w->f->sys, who, r, D(day)));
}

/* An assessment by `by` (the person for self, a manager for manager). */
static void assess(world *w, pm_id by, pm_id who, pm_id comp, int level,
                   pm_assessment_source source, const char *day, pm_id round)
{
    pm_session *s = pm_fixture_session(w->f, by);
    pm_assessment_opts o = PM_ASSESSMENT_OPTS_INIT;
    o.person = who;
    o.competency = comp;
    o.level = level;
    o.source = source;
    o.on = D(day);
    o.round = round;
    assert_ok(s, pm_assessment_add(NULL, s, &o));
    pm_session_free(s);
}

static void self(world *w, pm_id who, pm_id comp, int level, const char *day)
{
    assess(w, who, who, comp, level, PM_ASSESSED_BY_SELF, day, 0);
}

static void by_mgr(world *w, pm_id who, pm_id comp, int level, const char *day)
{
    assess(w, w->mgr, who, comp, level, PM_ASSESSED_BY_MANAGER, day, 0);
}

static void make_world(world *w, pm_fixture *f)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    pm_session *sys = f->sys;
    static const char *const names[] = { "Novice", "Basic", "Capable", "Strong", "Expert" };
    pm_scale_opts so = PM_SCALE_OPTS_INIT;
    so.name = "Proficiency";
    so.min_level = 1;
    so.max_level = 5;
    so.level_names = names;
    pm_id scale = 0;
    assert_ok(sys, pm_scale_create(&scale, sys, &so));
    w->c1 = competency(w, "C1", scale);
    w->c2 = competency(w, "C2", scale);
    w->c3 = competency(w, "C3", scale);
    w->engineer = role(w, "Engineer", w->c1, 3, w->c2, 4);
    w->lead = role(w, "Lead", w->c1, 4, w->c3, 2);
    w->junior = role(w, "Junior", w->c1, 2, w->c2, 1);

    w->company = pm_fixture_unit(f, "Company", 0);
    w->team = pm_fixture_unit(f, "Team", w->company);
    w->squad = pm_fixture_unit(f, "Squad", w->team);
    w->other = pm_fixture_unit(f, "Other", 0);
    w->boss = person(w, "boss", 0, w->company, 0);
    w->mgr = person(w, "mgr", w->boss, w->company, 0);
    w->peer = person(w, "peer", w->boss, w->company, 0);
    w->hr = person(w, "hr", w->boss, w->company, 1);
    w->gone = person(w, "gone", w->boss, w->company, 0);
    w->a1 = person(w, "a1", w->mgr, w->team, 0);
    w->a2 = person(w, "a2", w->mgr, w->team, 0);
    w->norole = person(w, "norole", w->mgr, w->team, 0);
    w->s1 = person(w, "s1", w->mgr, w->squad, 0);
    w->mover = person(w, "mover", w->mgr, w->other, 0);
    w->outgoer = person(w, "outgoer", w->mgr, w->team, 0);
    assert_ok(sys, pm_org_set_unit(sys, w->mover, w->team, D("2026-04-01")));
    assert_ok(sys, pm_org_set_unit(sys, w->outgoer, w->other, D("2026-04-01")));

    assign(w, w->a1, w->engineer, "2026-01-01");
    assign(w, w->s1, w->engineer, "2026-01-01");
    assign(w, w->mover, w->engineer, "2026-01-01");
    assign(w, w->outgoer, w->engineer, "2026-01-01");
    assign(w, w->gone, w->engineer, "2026-01-01");
    assign(w, w->peer, w->lead, "2026-01-01");
    assign(w, w->a2, w->engineer, "2026-01-01");
    assign(w, w->a2, w->lead, "2026-05-01");

    self(w, w->a1, w->c1, 2, "2026-02-01");
    by_mgr(w, w->a1, w->c1, 4, "2026-04-01");
    by_mgr(w, w->a2, w->c1, 5, "2026-02-01");
    self(w, w->a2, w->c2, 3, "2026-03-01");
    self(w, w->a2, w->c3, 1, "2026-05-10");
    self(w, w->s1, w->c1, 3, "2026-01-10");
    by_mgr(w, w->s1, w->c2, 2, "2026-06-10");
    pm_session *m = pm_fixture_session(f, w->mgr);
    pm_id round = 0;
    assert_ok(m, pm_assessment_round_open(&round, m, w->s1, D("2026-06-01")));
    pm_session_free(m);
    assess(w, w->s1, w->s1, w->c1, 1, PM_ASSESSED_BY_SELF, "2026-06-01", round);
    self(w, w->mover, w->c2, 4, "2026-02-01");
    self(w, w->outgoer, w->c1, 1, "2026-02-01");
    self(w, w->peer, w->c1, 2, "2026-01-15");
    self(w, w->gone, w->c1, 3, "2026-02-01");
    assert_ok(sys, pm_person_set_left(sys, w->gone, D("2026-05-01")));
}

/* ---- a person's gaps ---- */

typedef struct gap_row {
    pm_id competency;
    int required;
    int assessed;
    double current;
    double value;
} gap_row;

/* Reads every gap of person against r (0: held) on day into rows (at most
 * 4); returns how many. */
static size_t read_gaps(gap_row *rows, pm_session *s, pm_id who, pm_id r, pm_date day,
                        const pm_level_rule *rule)
{
    pm_gap_iter *it = NULL;
    assert_ok(s, pm_gap_person(&it, s, who, r, day, rule));
    size_t n = 0;
    pm_gap *g;
    pm_status st;
    while ((st = pm_gap_iter_next(&g, it)) == PM_OK) {
        assert_true(n < 4);
        rows[n].competency = pm_gap_competency(g);
        rows[n].required = pm_gap_required(g);
        rows[n].assessed = pm_gap_assessed(g);
        rows[n].current = pm_gap_current(g);
        rows[n].value = pm_gap_value(g);
        n++;
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_gap_iter_free(it);
    return n;
}

static void assert_gap(const gap_row *g, pm_id comp, int required, int assessed, double current,
                       double value)
{
    assert_int_equal(g->competency, comp);
    assert_int_equal(g->required, required);
    assert_int_equal(g->assessed, assessed);
    assert_near(g->current, current);
    assert_near(g->value, value);
}

static void test_person_gaps_against_the_held_role_show_above_and_not_assessed(void **state)
{
    world w;
    make_world(&w, *state);
    gap_row g[4];
    /* a1 holds Engineer: C1 by the manager's 4 (over self's 2): 3 - 4 = -1;
     * C2 never assessed: the whole 4 */
    assert_int_equal(read_gaps(g, w.f->sys, w.a1, 0, PM_DATE_NONE, NULL), 2);
    assert_gap(&g[0], w.c1, 3, 1, 4.0, -1.0);
    assert_gap(&g[1], w.c2, 4, 0, 0.0, 4.0);
}

static void test_person_gaps_against_a_target_role(void **state)
{
    world w;
    make_world(&w, *state);
    gap_row g[4];
    /* a1 against Lead: C1 4 - 4 = 0; C3 not assessed: 2 */
    assert_int_equal(read_gaps(g, w.f->sys, w.a1, w.lead, PM_DATE_NONE, NULL), 2);
    assert_gap(&g[0], w.c1, 4, 1, 4.0, 0.0);
    assert_gap(&g[1], w.c3, 2, 0, 0.0, 2.0);
}

static void test_person_gaps_on_an_earlier_day_use_the_role_and_levels_of_that_day(void **state)
{
    world w;
    make_world(&w, *state);
    gap_row g[4];
    /* a1 on 2026-03-15: only self's 2 in C1 yet: 3 - 2 = 1 */
    assert_int_equal(read_gaps(g, w.f->sys, w.a1, 0, D("2026-03-15"), NULL), 2);
    assert_gap(&g[0], w.c1, 3, 1, 2.0, 1.0);
    assert_gap(&g[1], w.c2, 4, 0, 0.0, 4.0);
    /* a2 held Engineer then: C1 5 (3 - 5 = -2), C2 3 (4 - 3 = 1) */
    assert_int_equal(read_gaps(g, w.f->sys, w.a2, 0, D("2026-03-15"), NULL), 2);
    assert_gap(&g[0], w.c1, 3, 1, 5.0, -2.0);
    assert_gap(&g[1], w.c2, 4, 1, 3.0, 1.0);
    /* and Lead today: C1 4 - 5 = -1, C3 2 - 1 = 1 */
    assert_int_equal(read_gaps(g, w.f->sys, w.a2, 0, PM_DATE_NONE, NULL), 2);
    assert_gap(&g[0], w.c1, 4, 1, 5.0, -1.0);
    assert_gap(&g[1], w.c3, 2, 1, 1.0, 1.0);
}

static void test_person_gaps_follow_the_weighted_rule(void **state)
{
    world w;
    make_world(&w, *state);
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.kind = PM_LEVEL_WEIGHTED;  /* self 1, manager 2 */
    gap_row g[4];
    /* a1 C1: (1 x 2 + 2 x 4) / 3 = 10/3; gap 3 - 10/3 = -1/3 */
    assert_int_equal(read_gaps(g, w.f->sys, w.a1, 0, PM_DATE_NONE, &rule), 2);
    assert_gap(&g[0], w.c1, 3, 1, 10.0 / 3.0, -1.0 / 3.0);
    assert_gap(&g[1], w.c2, 4, 0, 0.0, 4.0);
}

static void test_gap_iterator_and_getters_take_null(void **state)
{
    (void)state;
    pm_gap *g = NULL;
    assert_int_equal(pm_gap_iter_next(&g, NULL), PM_EINVAL);
    assert_int_equal(pm_gap_iter_next(NULL, NULL), PM_EINVAL);
    pm_gap_iter_free(NULL);
    assert_int_equal(pm_gap_competency(NULL), 0);
    assert_int_equal(pm_gap_required(NULL), 0);
    assert_int_equal(pm_gap_assessed(NULL), 0);
    assert_near(pm_gap_current(NULL), 0.0);
    assert_near(pm_gap_value(NULL), 0.0);
    pm_gap_summary_iter_free(NULL);
    assert_int_equal(pm_gap_summary_competency(NULL), 0);
    assert_int_equal(pm_gap_summary_people(NULL), 0);
    assert_int_equal(pm_gap_summary_below_before(NULL), 0);
    assert_near(pm_gap_summary_mean_gap(NULL), 0.0);
}

/* ---- role match ---- */

static double match(pm_session *s, pm_id who, pm_id r, pm_date day)
{
    double out = -1.0;
    assert_ok(s, pm_role_match(&out, s, who, r, day, NULL));
    return out;
}

static void test_role_match_is_the_mean_of_capped_ratios_with_not_assessed_as_zero(void **state)
{
    world w;
    make_world(&w, *state);
    /* a1, Engineer: C1 min(6, 4) / 3 = 4/3, C2 not assessed 0: (4/3) / 2 = 2/3 */
    assert_near(match(w.f->sys, w.a1, 0, PM_DATE_NONE), 2.0 / 3.0);
    /* a1, Lead: C1 4/4 = 1, C3 0: 0.5 */
    assert_near(match(w.f->sys, w.a1, w.lead, PM_DATE_NONE), 0.5);
    /* a2, Engineer on 03-15: C1 min(6, 5) / 3 = 5/3, C2 3/4: (5/3 + 3/4) / 2 = 29/24 */
    assert_near(match(w.f->sys, w.a2, 0, D("2026-03-15")), 29.0 / 24.0);
}

static void test_role_match_caps_each_competency_at_twice_the_requirement(void **state)
{
    world w;
    make_world(&w, *state);
    /* a2 against Junior (C1 2, C2 1): C1 min(4, 5) / 2 = 2 (not 2.5),
     * C2 min(2, 3) / 1 = 2 (not 3): 2, the most there is */
    assert_near(match(w.f->sys, w.a2, w.junior, PM_DATE_NONE), 2.0);
    /* a1 against Junior: C1 min(4, 4) / 2 = 2, C2 0: 1 */
    assert_near(match(w.f->sys, w.a1, w.junior, PM_DATE_NONE), 1.0);
}

static void test_role_match_of_a_role_without_requirements_is_zero(void **state)
{
    world w;
    make_world(&w, *state);
    pm_id empty = 0;
    assert_ok(w.f->sys, pm_role_create(&empty, w.f->sys, "Empty", 0, NULL, 0));
    assert_near(match(w.f->sys, w.a1, empty, PM_DATE_NONE), 0.0);
    gap_row g[4];
    assert_int_equal(read_gaps(g, w.f->sys, w.a1, empty, PM_DATE_NONE, NULL), 0);
}

/* ---- unit and organisation summaries ---- */

typedef struct summary_row {
    pm_id competency;
    int people, assessed, below;
    double mean;
    int people_before, assessed_before, below_before;
    double mean_before;
} summary_row;

static size_t read_summary(summary_row *rows, pm_session *s, pm_id unit, pm_date on,
                           pm_date compare)
{
    pm_gap_summary_opts o = PM_GAP_SUMMARY_OPTS_INIT;
    o.on = on;
    o.compare = compare;
    pm_gap_summary_iter *it = NULL;
    assert_ok(s, pm_gap_unit(&it, s, unit, &o));
    size_t n = 0;
    pm_gap_summary *g;
    pm_status st;
    while ((st = pm_gap_summary_iter_next(&g, it)) == PM_OK) {
        assert_true(n < 4);
        summary_row *r = &rows[n++];
        r->competency = pm_gap_summary_competency(g);
        r->people = pm_gap_summary_people(g);
        r->assessed = pm_gap_summary_assessed(g);
        r->below = pm_gap_summary_below(g);
        r->mean = pm_gap_summary_mean_gap(g);
        r->people_before = pm_gap_summary_people_before(g);
        r->assessed_before = pm_gap_summary_assessed_before(g);
        r->below_before = pm_gap_summary_below_before(g);
        r->mean_before = pm_gap_summary_mean_gap_before(g);
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_gap_summary_iter_free(it);
    return n;
}

static void assert_day(const summary_row *r, pm_id comp, int people, int assessed, int below,
                       double mean)
{
    assert_int_equal(r->competency, comp);
    assert_int_equal(r->people, people);
    assert_int_equal(r->assessed, assessed);
    assert_int_equal(r->below, below);
    assert_near(r->mean, mean);
}

static void assert_before(const summary_row *r, int people, int assessed, int below, double mean)
{
    assert_int_equal(r->people_before, people);
    assert_int_equal(r->assessed_before, assessed);
    assert_int_equal(r->below_before, below);
    assert_near(r->mean_before, mean);
}

static void test_unit_summary_counts_the_subtree_on_each_day_with_its_roles(void **state)
{
    world w;
    make_world(&w, *state);
    summary_row r[4];
    assert_int_equal(read_summary(r, w.f->sys, w.team, PM_DATE_NONE, D("2026-03-15")), 3);
    /* Today: a1 (Engineer), a2 (Lead), s1 (Squad, Engineer), mover
     * (Engineer); norole is left out; outgoer has left the unit.
     * C1: a1 4 >= 3, a2 5 >= 4, s1 3 >= 3 (the unreleased 1 does not
     * count), mover not assessed: 4 people, 3 assessed, none below, mean 0 */
    assert_day(&r[0], w.c1, 4, 3, 0, 0.0);
    /* C2 (Engineer): a1 none, s1 2 (short 2), mover 4: 3, 2, 1, (2 + 0) / 2 */
    assert_day(&r[1], w.c2, 3, 2, 1, 1.0);
    /* C3 (Lead): a2 1 (short 1) */
    assert_day(&r[2], w.c3, 1, 1, 1, 1.0);
    /* 2026-03-15: a1, a2, s1 and outgoer, all Engineer; mover not yet in.
     * C1: a1 2 (short 1), a2 5, s1 3, outgoer 1 (short 2): 4, 4, 2, 3/4 */
    assert_before(&r[0], 4, 4, 2, 0.75);
    /* C2: a2 3 (short 1), the rest not assessed: 4, 1, 1, 1 */
    assert_before(&r[1], 4, 1, 1, 1.0);
    /* C3: nobody held Lead */
    assert_before(&r[2], 0, 0, 0, 0.0);
}

static void test_unit_summary_without_compare_has_zero_before(void **state)
{
    world w;
    make_world(&w, *state);
    summary_row r[4];
    /* the Squad alone: s1, Engineer: C1 3 (met), C2 2 (short 2) */
    assert_int_equal(read_summary(r, w.f->sys, w.squad, PM_DATE_NONE, PM_DATE_NONE), 2);
    assert_day(&r[0], w.c1, 1, 1, 0, 0.0);
    assert_before(&r[0], 0, 0, 0, 0.0);
    assert_day(&r[1], w.c2, 1, 1, 1, 2.0);
    assert_before(&r[1], 0, 0, 0, 0.0);
    /* Other, on 2026-03-15: mover, Engineer: C1 none, C2 4 */
    assert_int_equal(read_summary(r, w.f->sys, w.other, D("2026-03-15"), PM_DATE_NONE), 2);
    assert_day(&r[0], w.c1, 1, 0, 0, 0.0);
    assert_day(&r[1], w.c2, 1, 1, 0, 0.0);
}

static void test_unit_summary_follows_the_rule_given(void **state)
{
    world w;
    make_world(&w, *state);
    pm_gap_summary_opts o = PM_GAP_SUMMARY_OPTS_INIT;
    /* self assessments alone: a manager's weigh nothing */
    o.rule.kind = PM_LEVEL_WEIGHTED;
    o.rule.self_weight = 1;
    o.rule.manager_weight = 0;
    o.rule.review360_weight = 0;
    pm_gap_summary_iter *it = NULL;
    assert_ok(w.f->sys, pm_gap_unit(&it, w.f->sys, w.team, &o));
    pm_gap_summary *g;
    /* C1: a1 self 2 (short 1), a2 manager only (not assessed), s1 self 3,
     * mover none: 4 people, 2 assessed, 1 below, 1/2 */
    assert_ok(w.f->sys, pm_gap_summary_iter_next(&g, it));
    assert_int_equal(pm_gap_summary_competency(g), w.c1);
    assert_int_equal(pm_gap_summary_people(g), 4);
    assert_int_equal(pm_gap_summary_assessed(g), 2);
    assert_int_equal(pm_gap_summary_below(g), 1);
    assert_near(pm_gap_summary_mean_gap(g), 0.5);
    /* C2: a1 none, s1 manager only, mover self 4: 3, 1, 0, 0 */
    assert_ok(w.f->sys, pm_gap_summary_iter_next(&g, it));
    assert_int_equal(pm_gap_summary_people(g), 3);
    assert_int_equal(pm_gap_summary_assessed(g), 1);
    assert_int_equal(pm_gap_summary_below(g), 0);
    assert_near(pm_gap_summary_mean_gap(g), 0.0);
    /* C3: a2 self 1 */
    assert_ok(w.f->sys, pm_gap_summary_iter_next(&g, it));
    assert_int_equal(pm_gap_summary_assessed(g), 1);
    assert_near(pm_gap_summary_mean_gap(g), 1.0);
    assert_int_equal(pm_gap_summary_iter_next(&g, it), PM_ITEROVER);
    pm_gap_summary_iter_free(it);
}

static void test_unit_without_people_with_roles_has_no_summaries(void **state)
{
    world w;
    make_world(&w, *state);
    pm_id empty = pm_fixture_unit(w.f, "Empty", w.company);
    pm_gap_summary_iter *it = NULL;
    assert_ok(w.f->sys, pm_gap_unit(&it, w.f->sys, empty, NULL));
    pm_gap_summary *g = (pm_gap_summary *)&g;
    assert_int_equal(pm_gap_summary_iter_next(&g, it), PM_ITEROVER);
    assert_null(g);
    pm_gap_summary_iter_free(it);
}

static void test_organisation_summary_counts_everyone_working_on_each_day(void **state)
{
    world w;
    make_world(&w, *state);
    summary_row r[4];
    assert_int_equal(read_summary(r, w.f->sys, 0, PM_DATE_NONE, D("2026-03-15")), 3);
    /* Today (gone has left): a1, s1, mover, outgoer Engineer; a2, peer Lead.
     * C1: a1 4, a2 5, s1 3, mover none, outgoer 1 (short 2), peer 2 (short
     * 2 of Lead's 4): 6, 5, 2, 4/5 */
    assert_day(&r[0], w.c1, 6, 5, 2, 0.8);
    /* C2: a1 none, s1 2 (short 2), mover 4, outgoer none: 4, 2, 1, 1 */
    assert_day(&r[1], w.c2, 4, 2, 1, 1.0);
    /* C3: a2 1 (short 1), peer none: 2, 1, 1, 1 */
    assert_day(&r[2], w.c3, 2, 1, 1, 1.0);
    /* 2026-03-15: a1, a2, s1, mover, outgoer, gone Engineer; peer Lead.
     * C1: a1 2 (short 1), a2 5, s1 3, mover none, outgoer 1 (short 2),
     * gone 3, peer 2 (short 2): 7, 6, 3, 5/6 */
    assert_before(&r[0], 7, 6, 3, 5.0 / 6.0);
    /* C2: a2 3 (short 1), mover 4, the rest none: 6, 2, 1, 1/2 */
    assert_before(&r[1], 6, 2, 1, 0.5);
    /* C3: peer not assessed */
    assert_before(&r[2], 1, 0, 0, 0.0);
}

/* ---- access ---- */

static void test_a_person_their_managers_and_hr_read_gaps_and_a_peer_may_not(void **state)
{
    world w;
    make_world(&w, *state);
    gap_row g[4];
    pm_id readers[] = { w.a1, w.mgr, w.boss, w.hr };
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        pm_session *s = pm_fixture_session(w.f, readers[i]);
        assert_int_equal(read_gaps(g, s, w.a1, 0, PM_DATE_NONE, NULL), 2);
        assert_near(match(s, w.a1, 0, PM_DATE_NONE), 2.0 / 3.0);
        pm_session_free(s);
    }
    pm_session *s = pm_fixture_session(w.f, w.a2);
    pm_gap_iter *it = (pm_gap_iter *)&it;
    assert_fails(s, pm_gap_person(&it, s, w.a1, 0, PM_DATE_NONE, NULL), PM_EPERM,
                 "may not see this person's assessments and gaps");
    assert_null(it);
    double out = -1;
    assert_fails(s, pm_role_match(&out, s, w.a1, 0, PM_DATE_NONE, NULL), PM_EPERM,
                 "permission denied");
    assert_near(out, 0.0);
    pm_session_free(s);
}

static void test_unit_summary_is_for_hr_or_someone_above_everyone_counted(void **state)
{
    world w;
    make_world(&w, *state);
    summary_row r[4];
    /* mgr is above everyone counted in Team on either day */
    pm_session *m = pm_fixture_session(w.f, w.mgr);
    assert_int_equal(read_summary(r, m, w.team, PM_DATE_NONE, D("2026-03-15")), 3);
    pm_session_free(m);
    pm_session *h = pm_fixture_session(w.f, w.hr);
    assert_int_equal(read_summary(r, h, w.team, PM_DATE_NONE, D("2026-03-15")), 3);
    pm_session_free(h);
    /* boss is above everyone working today (and is themself) */
    pm_session *b = pm_fixture_session(w.f, w.boss);
    assert_int_equal(read_summary(r, b, 0, PM_DATE_NONE, PM_DATE_NONE), 3);
    pm_session_free(b);
    /* a peer of the people counted is refused, naming one of them */
    pm_session *p = pm_fixture_session(w.f, w.peer);
    pm_gap_summary_iter *it = (pm_gap_summary_iter *)&it;
    assert_fails(p, pm_gap_unit(&it, p, w.team, NULL), PM_EPERM, "is not below them");
    assert_null(it);
    pm_session_free(p);
    /* a1 is in Team but not above a2 */
    pm_session *a = pm_fixture_session(w.f, w.a1);
    char want[64];
    snprintf(want, sizeof want, "(unit %lld: person", (long long)w.team);
    assert_fails(a, pm_gap_unit(&it, a, w.team, NULL), PM_EPERM, want);
    /* the Squad is s1 alone, and s1 may read their own numbers */
    pm_session_free(a);
    pm_session *s1 = pm_fixture_session(w.f, w.s1);
    assert_int_equal(read_summary(r, s1, w.squad, PM_DATE_NONE, PM_DATE_NONE), 2);
    /* but not the organisation's */
    assert_fails(s1, pm_gap_unit(&it, s1, 0, NULL), PM_EPERM, "the whole organisation");
    pm_session_free(s1);
}

/* ---- refusals ---- */

static void test_person_gap_refusals_name_the_problem_and_write_nothing(void **state)
{
    world w;
    make_world(&w, *state);
    pm_session *s = w.f->sys;
    char *before = pm_fixture_store_dump(w.f);
    pm_gap_iter *it = (pm_gap_iter *)&it;
    double out = -1;
    assert_fails(s, pm_gap_person(&it, s, w.norole, 0, PM_DATE_NONE, NULL), PM_EINVAL,
                 "holds no role on 2026-06-15");
    assert_null(it);
    assert_fails(s, pm_role_match(&out, s, w.norole, 0, PM_DATE_NONE, NULL), PM_EINVAL,
                 "role: person");
    /* a2 held no role before 2026-01-01 */
    assert_fails(s, pm_gap_person(&it, s, w.a2, 0, D("2025-12-31"), NULL), PM_EINVAL,
                 "holds no role on 2025-12-31");
    assert_fails(s, pm_gap_person(&it, s, 9999, 0, PM_DATE_NONE, NULL), PM_ENOTFOUND,
                 "person: person 9999 does not exist");
    assert_fails(s, pm_gap_person(&it, s, 0, 0, PM_DATE_NONE, NULL), PM_EINVAL, "person:");
    assert_fails(s, pm_gap_person(&it, s, w.a1, 9999, PM_DATE_NONE, NULL), PM_ENOTFOUND,
                 "role:");
    assert_fails(s, pm_role_match(&out, s, w.a1, 9999, PM_DATE_NONE, NULL), PM_ENOTFOUND,
                 "role:");
    assert_near(out, 0.0);
    assert_fails(s, pm_gap_person(&it, s, w.a1, 0, 999999999, NULL), PM_EINVAL, "date:");
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.manager_weight = -1;
    assert_fails(s, pm_gap_person(&it, s, w.a1, 0, PM_DATE_NONE, &rule), PM_EINVAL,
                 "rule.manager_weight");
    rule = (pm_level_rule)PM_LEVEL_RULE_INIT;
    rule.version = 99;
    assert_int_equal(pm_gap_person(&it, s, w.a1, 0, PM_DATE_NONE, &rule), PM_EVERSION);
    assert_int_equal(pm_gap_person(NULL, s, w.a1, 0, PM_DATE_NONE, NULL), PM_EINVAL);
    assert_int_equal(pm_role_match(NULL, s, w.a1, 0, PM_DATE_NONE, NULL), PM_EINVAL);
    assert_int_equal(pm_gap_person(&it, NULL, w.a1, 0, PM_DATE_NONE, NULL), PM_EINVAL);
    assert_null(it);
    pm_fixture_assert_store_is(w.f, before);
}

static void test_unit_refusals_name_the_problem_and_write_nothing(void **state)
{
    world w;
    make_world(&w, *state);
    pm_session *s = w.f->sys;
    char *before = pm_fixture_store_dump(w.f);
    pm_gap_summary_iter *it = (pm_gap_summary_iter *)&it;
    assert_fails(s, pm_gap_unit(&it, s, 9999, NULL), PM_ENOTFOUND, "unit: unit 9999 does not exist");
    assert_null(it);
    assert_fails(s, pm_gap_unit(&it, s, -3, NULL), PM_EINVAL, "unit:");
    pm_gap_summary_opts o = PM_GAP_SUMMARY_OPTS_INIT;
    o.on = D("2026-03-15");
    o.compare = D("2026-03-15");
    assert_fails(s, pm_gap_unit(&it, s, w.team, &o), PM_EINVAL, "gap.compare: must be before on");
    o.compare = D("2026-04-01");
    assert_fails(s, pm_gap_unit(&it, s, w.team, &o), PM_EINVAL, "gap.compare: must be before on");
    /* compare after today, with on left to today */
    o.on = PM_DATE_NONE;
    o.compare = D("2026-07-01");
    assert_fails(s, pm_gap_unit(&it, s, 0, &o), PM_EINVAL, "gap.compare: must be before on");
    o = (pm_gap_summary_opts)PM_GAP_SUMMARY_OPTS_INIT;
    o.rule.self_weight = o.rule.manager_weight = o.rule.review360_weight = 0;
    assert_fails(s, pm_gap_unit(&it, s, w.team, &o), PM_EINVAL, "rule");
    o = (pm_gap_summary_opts)PM_GAP_SUMMARY_OPTS_INIT;
    o.rule.kind = (pm_level_rule_kind)7;
    assert_fails(s, pm_gap_unit(&it, s, w.team, &o), PM_EINVAL, "rule.kind");
    o = (pm_gap_summary_opts)PM_GAP_SUMMARY_OPTS_INIT;
    o.version = 42;
    assert_int_equal(pm_gap_unit(&it, s, w.team, &o), PM_EVERSION);
    assert_int_equal(pm_gap_unit(NULL, s, w.team, NULL), PM_EINVAL);
    assert_null(it);
    pm_fixture_assert_store_is(w.f, before);
}

static void test_gap_summary_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_gap_summary_opts o;
    memset(&o, 0x5a, sizeof o);
    assert_int_equal(pm_gap_summary_opts_init(&o, PM_GAP_SUMMARY_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_GAP_SUMMARY_OPTS_VERSION);
    assert_int_equal(o.on, PM_DATE_NONE);
    assert_int_equal(o.compare, PM_DATE_NONE);
    assert_int_equal(o.rule.kind, PM_LEVEL_MANAGER_FIRST);
    assert_near(o.rule.manager_weight, 2.0);
    assert_int_equal(pm_gap_summary_opts_init(&o, PM_GAP_SUMMARY_OPTS_VERSION + 1), PM_EVERSION);
    assert_int_equal(pm_gap_summary_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_gap_summary_opts_init(NULL, PM_GAP_SUMMARY_OPTS_VERSION), PM_EINVAL);
}

/* ---- out of memory ---- */

static pm_status summarise(world *w, int *competencies, int *people)
{
    pm_gap_summary_opts o = PM_GAP_SUMMARY_OPTS_INIT;
    o.compare = D("2026-03-15");
    pm_gap_summary_iter *it = NULL;
    pm_status st = pm_gap_unit(&it, w->f->sys, 0, &o);
    *competencies = *people = 0;
    pm_gap_summary *g;
    while (st == PM_OK && (st = pm_gap_summary_iter_next(&g, it)) == PM_OK) {
        (*competencies)++;
        *people += pm_gap_summary_people(g) + pm_gap_summary_people_before(g);
    }
    pm_gap_summary_iter_free(it);
    return st == PM_ITEROVER ? PM_OK : st;
}

static void test_unit_summary_survives_running_out_of_memory_and_leaks_nothing(void **state)
{
    world w;
    make_world(&w, *state);
    int n0 = 0, p0 = 0, n = 0, p = 0;
    /* the first round warms what a backend keeps (SQLite's prepared statements) */
    assert_ok(w.f->sys, summarise(&w, &n0, &p0));
    long live = pm_fixture_alloc_live();
    assert_ok(w.f->sys, summarise(&w, &n0, &p0));
    assert_int_equal(pm_fixture_alloc_live(), live);
    /* 3 competencies; people 6 + 4 + 2 today, 7 + 6 + 1 before */
    assert_int_equal(n0, 3);
    assert_int_equal(p0, 26);
    int succeeded = 0;
    for (long k = 0; k < 2000 && !succeeded; k++) {
        pm_fixture_alloc_fail_after(k);
        pm_status st = summarise(&w, &n, &p);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM || st == PM_ESTORAGE);
        succeeded = st == PM_OK;
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
    assert_int_equal(n, n0);
    assert_int_equal(p, p0);
    /* and a person's gaps the same way */
    succeeded = 0;
    for (long k = 0; k < 500 && !succeeded; k++) {
        pm_fixture_alloc_fail_after(k);
        pm_gap_iter *it = NULL;
        pm_status st = pm_gap_person(&it, w.f->sys, w.a2, 0, PM_DATE_NONE, NULL);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM || st == PM_ESTORAGE);
        succeeded = st == PM_OK;
        pm_gap_iter_free(it);
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
}

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_person_gaps_against_the_held_role_show_above_and_not_assessed),
        T(test_person_gaps_against_a_target_role),
        T(test_person_gaps_on_an_earlier_day_use_the_role_and_levels_of_that_day),
        T(test_person_gaps_follow_the_weighted_rule),
        cmocka_unit_test(test_gap_iterator_and_getters_take_null),
        T(test_role_match_is_the_mean_of_capped_ratios_with_not_assessed_as_zero),
        T(test_role_match_caps_each_competency_at_twice_the_requirement),
        T(test_role_match_of_a_role_without_requirements_is_zero),
        T(test_unit_summary_counts_the_subtree_on_each_day_with_its_roles),
        T(test_unit_summary_without_compare_has_zero_before),
        T(test_unit_summary_follows_the_rule_given),
        T(test_unit_without_people_with_roles_has_no_summaries),
        T(test_organisation_summary_counts_everyone_working_on_each_day),
        T(test_a_person_their_managers_and_hr_read_gaps_and_a_peer_may_not),
        T(test_unit_summary_is_for_hr_or_someone_above_everyone_counted),
        T(test_person_gap_refusals_name_the_problem_and_write_nothing),
        T(test_unit_refusals_name_the_problem_and_write_nothing),
        cmocka_unit_test(test_gap_summary_opts_init_fills_defaults_and_refuses_unknown_versions),
        T(test_unit_summary_survives_running_out_of_memory_and_leaks_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
