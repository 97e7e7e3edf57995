/* What test_goal.c and test_goal_refusals.c share: goals made through the
 * system session of a pm_fixture, each call asserted to succeed. Dates are
 * ISO strings ("2026-12-31"); NULL leaves a date unset. */
#ifndef PM_TEST_GOAL_HELPERS_H
#define PM_TEST_GOAL_HELPERS_H

#include "fixture.h"

#include "checks.h"

#define D(iso) pm_fixture_date(iso)

static inline pm_goal_opts goal_opts(pm_id owner, const char *title, const char *start,
                                     const char *due)
{
    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = owner;
    o.title = title;
    o.start = start ? D(start) : PM_DATE_NONE;
    o.due = due ? D(due) : PM_DATE_NONE;
    return o;
}

static inline pm_id create_ok(pm_session *s, const pm_goal_opts *o)
{
    pm_id id = 0;
    assert_ok(s, pm_goal_create(&id, s, o));
    assert_true(id > 0);
    return id;
}

static inline pm_id new_goal(pm_fixture *f, pm_id owner, const char *title, const char *start,
                             const char *due)
{
    pm_goal_opts o = goal_opts(owner, title, start, due);
    return create_ok(f->sys, &o);
}

static inline pm_id new_active_goal(pm_fixture *f, pm_id owner, const char *title,
                                    const char *start, const char *due)
{
    pm_id id = new_goal(f, owner, title, start, due);
    assert_ok(f->sys, pm_goal_set_state(f->sys, id, PM_GOAL_ACTIVE));
    return id;
}

static inline pm_goal *get_goal(pm_fixture *f, pm_id id)
{
    pm_goal *g = NULL;
    assert_ok(f->sys, pm_goal_get(&g, f->sys, id));
    return g;
}

static inline pm_id add_kr(pm_fixture *f, pm_id goal, double baseline, double target,
                           double weight)
{
    pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
    o.title = "A key result";
    o.baseline = baseline;
    o.target = target;
    o.weight = weight;
    pm_id id = 0;
    assert_ok(f->sys, pm_key_result_add(&id, f->sys, goal, &o));
    return id;
}

static inline pm_id child_goal(pm_fixture *f, pm_id owner, pm_id parent, const char *title,
                               const char *due)
{
    pm_goal_opts o = goal_opts(owner, title, "2026-01-01", due);
    o.parent = parent;
    return create_ok(f->sys, &o);
}

#endif
