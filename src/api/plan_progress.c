/* Plans on a day: which plan of a person covers a day, and a plan's
 * progress on a day (the facts of its items, read in one scan, handed to
 * core/plan.c for the numbers). */
#include "development_internal.h"

#include "person_internal.h"
#include "../core/plan.h"

#define PROGRESS "plan_progress"

/* ---- the plan covering a day (pm_plan__covering() is in plan.c) ---- */

pm_status pm_plan_current(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = 0;
    date = pm_api__date_or_today(s->db, date);
    pm_status st = pm_plan__check_day("date", date, &s->error);
    if (st == PM_OK)
        st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PLAN_READ, person);
    if (st == PM_OK)
        st = pm_plan__covering(out, s, person, date);
    return st;
}

/* ---- progress ---- */

typedef struct fact_list {
    pm_session *s;
    pm_plan_item_fact *facts;
    size_t count;
    size_t cap;
} fact_list;

static int collect_fact(const pm_row *row, void *payload)
{
    fact_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_PITEM_NFIELDS, "plan_item");
    if (st != PM_OK)
        return st;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_plan_item_fact *facts = pm__realloc(l->facts, cap * sizeof *facts);
        if (facts == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "plan_progress: out of memory");
        l->facts = facts;
        l->cap = cap;
    }
    const pm_value *v = row->values;
    pm_plan_item_fact *f = &l->facts[l->count++];
    f->state = (pm_item_state)(v[PM_PITEM_STATE].type == PM_VALUE_INT ? v[PM_PITEM_STATE].v.i : 0);
    f->due = v[PM_PITEM_DUE_ON].type == PM_VALUE_INT ? (pm_date)v[PM_PITEM_DUE_ON].v.i
                                                     : PM_DATE_NONE;
    f->weight = v[PM_PITEM_WEIGHT].type == PM_VALUE_REAL ? v[PM_PITEM_WEIGHT].v.r
              : v[PM_PITEM_WEIGHT].type == PM_VALUE_INT  ? (double)v[PM_PITEM_WEIGHT].v.i
                                                         : 0.0;
    return 0;
}

pm_status pm_plan_progress_get(pm_plan_progress *out, pm_session *s, pm_id plan, pm_date date)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = pm_api__check_version(s, PROGRESS, out->version, PM_PLAN_PROGRESS_VERSION);
    date = pm_api__date_or_today(s->db, date);
    if (st == PM_OK)
        st = pm_plan__check_day("date", date, &s->error);
    /* pm_plan_get() checks the id, that the plan exists and that the actor
     * may read it, with the messages every plan call gives. */
    pm_plan *p = NULL;
    if (st == PM_OK)
        st = pm_plan_get(&p, s, plan);
    pm_plan_free(p);
    fact_list l = { s, NULL, 0, 0 };
    if (st == PM_OK) {
        pm_value eq[1] = { pm_value__int(plan) };
        pm_scan scan = { PM_KIND_PLAN_ITEM, PM_PITEM_BY_PLAN, 1, eq, NULL, NULL, 0, 0 };
        st = pm_api__scan(s, &scan, collect_fact, &l);
    }
    if (st == PM_OK) {
        /* Only the fields version 1 has; a later version appends. */
        pm_plan_progress result;
        pm_plan__progress(&result, l.facts, l.count, date);
        out->items = result.items;
        out->done = result.done;
        out->overdue = result.overdue;
        out->share_done = result.share_done;
    }
    pm__free(l.facts);
    return st;
}
