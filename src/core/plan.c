#include "plan.h"

#include <math.h>

#include "perfmgmt/datetime.h"

int pm_plan__kind_valid(pm_item_kind kind)
{
    return kind >= PM_ITEM_TRAINING && kind <= PM_ITEM_WELLBEING;
}

int pm_plan__state_valid(pm_item_state state)
{
    return state >= PM_ITEM_PLANNED && state <= PM_ITEM_CANCELLED;
}

int pm_plan__move_allowed(pm_item_state from, pm_item_state to)
{
    if (!pm_plan__state_valid(from) || !pm_plan__state_valid(to))
        return 0;
    switch (to) {
    case PM_ITEM_IN_PROGRESS:
        /* Starting, and reopening what was done or dropped too early. */
        return from != PM_ITEM_IN_PROGRESS;
    case PM_ITEM_DONE:
        /* Done only from under way: an item nobody started is not done. */
        return from == PM_ITEM_IN_PROGRESS;
    case PM_ITEM_CANCELLED:
        return from == PM_ITEM_PLANNED || from == PM_ITEM_IN_PROGRESS;
    case PM_ITEM_PLANNED:
        break;
    }
    /* Nothing goes back to planned: reopening makes an item in progress. */
    return 0;
}

const char *pm_plan__state_name(pm_item_state state)
{
    switch (state) {
    case PM_ITEM_PLANNED: return "planned";
    case PM_ITEM_IN_PROGRESS: return "in progress";
    case PM_ITEM_DONE: return "done";
    case PM_ITEM_CANCELLED: return "cancelled";
    }
    return "?";
}

pm_status pm_plan__check_day(const char *field, pm_date date, pm_error *err)
{
    if (date != PM_DATE_NONE && pm_date_to_ymd(date, NULL, NULL, NULL) == PM_OK)
        return PM_OK;
    return pm_error__set(err, PM_ERANGE, "%s: %ld is not a date in years 1 to 9999", field,
                         (long)date);
}

pm_status pm_plan__check_period(pm_date start, pm_date end, pm_error *err)
{
    pm_status st = pm_plan__check_day("plan.start", start, err);
    if (st != PM_OK)
        return st;
    if (end == PM_DATE_NONE)
        return pm_error__set(err, PM_EINVAL, "plan.end: must be given");
    st = pm_plan__check_day("plan.end", end, err);
    if (st != PM_OK || end >= start)
        return st;
    char e[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    pm_date_format(e, end);
    pm_date_format(b, start);
    return pm_error__set(err, PM_EINVAL, "plan.end: %s is before the start %s", e, b);
}

int pm_plan__overlaps(pm_date start_a, pm_date end_a, pm_date start_b, pm_date end_b)
{
    return start_a <= end_b && start_b <= end_a;
}

static pm_status before_plan(const char *field, pm_date date, pm_date plan_start, pm_error *err)
{
    char d[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    pm_date_format(d, date);
    pm_date_format(b, plan_start);
    return pm_error__set(err, PM_EINVAL, "%s: %s is before the plan starts on %s", field, d, b);
}

pm_status pm_plan__check_item_dates(pm_date plan_start, pm_date start, pm_date due,
                                    pm_error *err)
{
    pm_status st = PM_OK;
    if (start != PM_DATE_NONE)
        st = pm_plan__check_day("plan_item.start", start, err);
    if (st == PM_OK && due != PM_DATE_NONE)
        st = pm_plan__check_day("plan_item.due", due, err);
    if (st != PM_OK)
        return st;
    if (start != PM_DATE_NONE && start < plan_start)
        return before_plan("plan_item.start", start, plan_start, err);
    if (due != PM_DATE_NONE && due < plan_start)
        return before_plan("plan_item.due", due, plan_start, err);
    if (start != PM_DATE_NONE && due != PM_DATE_NONE && due < start) {
        char d[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
        pm_date_format(d, due);
        pm_date_format(b, start);
        return pm_error__set(err, PM_EINVAL, "plan_item.due: %s is before the item's start %s",
                             d, b);
    }
    return PM_OK;
}

pm_status pm_plan__check_weight(double weight, pm_error *err)
{
    if (!isfinite(weight))
        return pm_error__set(err, PM_EINVAL, "plan_item.weight: must be a finite number");
    if (weight <= 0.0)
        return pm_error__set(err, PM_EINVAL, "plan_item.weight: must be more than 0 (%g)",
                             weight);
    return PM_OK;
}

pm_date pm_plan__moved_date(pm_date date, pm_date new_start)
{
    if (date == PM_DATE_NONE || date >= new_start)
        return date;
    return new_start;
}

int pm_plan__item_order(pm_date due_a, pm_id id_a, pm_date due_b, pm_id id_b)
{
    /* PM_DATE_NONE is the smallest int32: compared as it is, it would list
     * undated items first. */
    int none_a = due_a == PM_DATE_NONE, none_b = due_b == PM_DATE_NONE;
    if (none_a != none_b)
        return none_a ? 1 : -1;
    if (!none_a && due_a != due_b)
        return due_a < due_b ? -1 : 1;
    if (id_a != id_b)
        return id_a < id_b ? -1 : 1;
    return 0;
}

static double usable_weight(double weight)
{
    return isfinite(weight) && weight > 0.0 ? weight : 0.0;
}

void pm_plan__progress(pm_plan_progress *out, const pm_plan_item_fact *items, size_t count,
                       pm_date date)
{
    /* Weights are summed relative to the largest: finite weights near
     * DBL_MAX would otherwise add up to infinity and the share to NaN. */
    double largest = 0.0;
    for (size_t i = 0; i < count; i++)
        if (items[i].state != PM_ITEM_CANCELLED && usable_weight(items[i].weight) > largest)
            largest = usable_weight(items[i].weight);
    int n = 0, done = 0, overdue = 0;
    double total = 0.0, weight_done = 0.0;
    for (size_t i = 0; i < count; i++) {
        const pm_plan_item_fact *it = &items[i];
        if (it->state == PM_ITEM_CANCELLED)
            continue;
        double w = largest > 0.0 ? usable_weight(it->weight) / largest : 0.0;
        n++;
        total += w;
        if (it->state == PM_ITEM_DONE) {
            done++;
            weight_done += w;
        } else if (it->due != PM_DATE_NONE && it->due < date) {
            overdue++;
        }
    }
    out->items = n;
    out->done = done;
    out->overdue = overdue;
    out->share_done = total > 0.0 ? weight_done / total : 0.0;
}
