/* What test_plan.c and test_plan_refusals.c share: a small framework
 * (a scale, competencies, a role), plans and items made through the
 * system session of a pm_fixture, each call asserted to succeed, and
 * read-backs of a plan's items. Dates are ISO strings ("2026-12-31");
 * NULL leaves a date unset. The fixture's today is 2026-06-15. */
#ifndef PM_TEST_PLAN_HELPERS_H
#define PM_TEST_PLAN_HELPERS_H

#include "fixture.h"

#include "checks.h"

#define D(iso) pm_fixture_date(iso)
#define DATE_OR_NONE(iso) ((iso) ? pm_fixture_date(iso) : PM_DATE_NONE)

static inline pm_id new_scale(pm_fixture *f)
{
    static const char *const names[] = { "Aware", "Practising", "Skilled", "Expert" };
    pm_scale_opts o = PM_SCALE_OPTS_INIT;
    o.name = "Four levels";
    o.min_level = 1;
    o.max_level = 4;
    o.level_names = names;
    pm_id id = 0;
    assert_ok(f->sys, pm_scale_create(&id, f->sys, &o));
    return id;
}

static inline pm_id new_competency(pm_fixture *f, pm_id scale, const char *name)
{
    pm_competency_opts o = PM_COMPETENCY_OPTS_INIT;
    o.name = name;
    o.category = "Craft";
    o.scale = scale;
    pm_id id = 0;
    assert_ok(f->sys, pm_competency_create(&id, f->sys, &o));
    return id;
}

static inline pm_id new_role(pm_fixture *f, const char *name)
{
    pm_id id = 0;
    assert_ok(f->sys, pm_role_create(&id, f->sys, name, 0, NULL, 0));
    return id;
}

static inline pm_plan_opts plan_opts(pm_id person, const char *start, const char *end)
{
    pm_plan_opts o = PM_PLAN_OPTS_INIT;
    o.person = person;
    o.start = DATE_OR_NONE(start);
    o.end = DATE_OR_NONE(end);
    return o;
}

static inline pm_id new_plan_as(pm_session *s, pm_id person, const char *start, const char *end)
{
    pm_plan_opts o = plan_opts(person, start, end);
    pm_id id = 0;
    assert_ok(s, pm_plan_create(&id, s, &o));
    assert_true(id > 0);
    return id;
}

static inline pm_id new_plan(pm_fixture *f, pm_id person, const char *start, const char *end)
{
    return new_plan_as(f->sys, person, start, end);
}

static inline pm_plan_item_opts item_opts(pm_item_kind kind, const char *title, const char *start,
                                          const char *due)
{
    pm_plan_item_opts o = PM_PLAN_ITEM_OPTS_INIT;
    o.kind = kind;
    o.title = title;
    o.start = DATE_OR_NONE(start);
    o.due = DATE_OR_NONE(due);
    return o;
}

static inline pm_id add_item_as(pm_session *s, pm_id plan, const pm_plan_item_opts *o)
{
    pm_id id = 0;
    assert_ok(s, pm_plan_item_add(&id, s, plan, o));
    assert_true(id > 0);
    return id;
}

static inline pm_id new_item(pm_fixture *f, pm_id plan, pm_item_kind kind, const char *title,
                             const char *due)
{
    pm_plan_item_opts o = item_opts(kind, title, NULL, due);
    return add_item_as(f->sys, plan, &o);
}

static inline pm_plan *get_plan(pm_fixture *f, pm_id id)
{
    pm_plan *p = NULL;
    assert_ok(f->sys, pm_plan_get(&p, f->sys, id));
    return p;
}

static inline void set_state(pm_fixture *f, pm_id item, pm_item_state state, const char *on)
{
    assert_ok(f->sys, pm_plan_item_set_state(f->sys, item, state, DATE_OR_NONE(on)));
}

/* The items of a list as ids, in order (at most max); returns the count. */
static inline size_t item_ids(pm_session *s, pm_plan_item_iter *it, pm_id *ids, size_t max)
{
    size_t n = 0;
    pm_plan_item *item = NULL;
    pm_status st;
    while ((st = pm_plan_item_iter_next(&item, it)) == PM_OK) {
        if (n < max)
            ids[n] = pm_plan_item_id(item);
        n++;
    }
    if (st != PM_ITEROVER)
        fail_msg("iterating items: %s", pm_session_errmsg(s));
    pm_plan_item_iter_free(it);
    return n;
}

/* The ids of a plan's items in list order; returns the count. */
static inline size_t plan_item_ids(pm_session *s, pm_id plan, pm_id *ids, size_t max)
{
    pm_plan_item_iter *it = NULL;
    assert_ok(s, pm_plan_item_list(&it, s, plan));
    return item_ids(s, it, ids, max);
}

/* The item with id in plan's list; NULL when absent. Free with the
 * returned iterator (*keep). */
static inline pm_plan_item *find_item(pm_session *s, pm_id plan, pm_id id,
                                      pm_plan_item_iter **keep)
{
    assert_ok(s, pm_plan_item_list(keep, s, plan));
    pm_plan_item *item = NULL;
    while (pm_plan_item_iter_next(&item, *keep) == PM_OK)
        if (pm_plan_item_id(item) == id)
            return item;
    return NULL;
}

#endif
