/* The rules of development plans, pure: the kinds and states of items, the
 * allowed state moves, the checks of periods and item dates, where copying
 * a plan forward moves a date, the order items are listed in, and plan
 * progress. No storage, no clock: dates come in as arguments. */
#ifndef PM_CORE_PLAN_H
#define PM_CORE_PLAN_H

#include <stddef.h>

#include "perfmgmt/development.h"
#include "../util/error.h"

/* 1 for a known pm_item_kind. */
int pm_plan__kind_valid(pm_item_kind kind);

/* 1 for a known pm_item_state. */
int pm_plan__state_valid(pm_item_state state);

/* 1 when an item may move from one state to the other: planned -> in
 * progress -> done; planned or in progress -> cancelled; done or cancelled
 * -> in progress (reopened). 0 for staying put and for unknown values. */
int pm_plan__move_allowed(pm_item_state from, pm_item_state to);

/* Names for messages: "planned", "in progress", ...; "?" for unknown values. */
const char *pm_plan__state_name(pm_item_state state);

/* PM_ERANGE "field: 3000000 is not a date in years 1 to 9999" unless date
 * is a real day (PM_DATE_NONE is not). */
pm_status pm_plan__check_day(const char *field, pm_date date, pm_error *err);

/* Checks a plan's period, start already resolved (not PM_DATE_NONE):
 * "plan.start" a real day, "plan.end" given ("plan.end: must be given"), a
 * real day, and not before the start ("plan.end: 2026-01-01 is before the
 * start 2026-03-01"). */
pm_status pm_plan__check_period(pm_date start, pm_date end, pm_error *err);

/* 1 when the closed periods [start_a, end_a] and [start_b, end_b] share a day. */
int pm_plan__overlaps(pm_date start_a, pm_date end_a, pm_date start_b, pm_date end_b);

/* Checks an item's dates (each may be PM_DATE_NONE) against the start of
 * its plan: real days, neither before the plan starts ("plan_item.due:
 * 2025-12-01 is before the plan starts on 2026-01-01"), and due not before
 * the item's start ("plan_item.due: 2026-02-01 is before the item's start
 * 2026-03-01"). */
pm_status pm_plan__check_item_dates(pm_date plan_start, pm_date start, pm_date due,
                                    pm_error *err);

/* Checks an item's weight: finite and > 0 ("plan_item.weight: must be more
 * than 0 (-1)"). */
pm_status pm_plan__check_weight(double weight, pm_error *err);

/* Where a copied item's date lands in a plan starting on new_start: a date
 * before it moves to it; PM_DATE_NONE and later dates stay. */
pm_date pm_plan__moved_date(pm_date date, pm_date new_start);

/* The list order of items: by due day, items without one last, then by id.
 * Negative, 0 or positive as for qsort. */
int pm_plan__item_order(pm_date due_a, pm_id id_a, pm_date due_b, pm_id id_b);

/* What progress needs of one item. */
typedef struct pm_plan_item_fact {
    pm_item_state state;
    pm_date due;      /* PM_DATE_NONE for none */
    double weight;    /* > 0 (checked on input) */
} pm_plan_item_fact;

/* A plan's progress on date (a real day) from its items: items = those not
 * cancelled; done = of those, done; overdue = of those, not done with a due
 * day before date; share_done = weight done / weight not cancelled, 0 when
 * that weight is 0. A weight that is not finite and positive (refused on
 * input) counts as 0. Sets every field but version. */
void pm_plan__progress(pm_plan_progress *out, const pm_plan_item_fact *items, size_t count,
                       pm_date date);

#endif
