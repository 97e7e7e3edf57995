/* The organisation's pure rules: dated periods of memberships and reporting
 * lines, how a dated change applies to a person's history, and cycle checks
 * over a "parent of" relation (the unit tree, the manager chain on a day).
 * No storage, no clock: the api layer reads the records and writes what the
 * rules decide. */
#ifndef PM_CORE_ORG_H
#define PM_CORE_ORG_H

#include <stddef.h>

#include "perfmgmt/common.h"
#include "../util/error.h"

/* Most steps of a walk up a chain. A real organisation is a few dozen
 * levels deep; a longer chain means the stored relation loops. */
#define PM_ORG_WALK_MAX 100000u

/* One period [start, end) of a person in a unit or under a manager. */
typedef struct pm_org_period {
    pm_id target;   /* the unit or the manager */
    pm_date start;  /* first day */
    pm_date end;    /* first day after the period; PM_DATE_NONE while open */
} pm_org_period;

/* 1 when the period includes date. */
int pm_org__covers(const pm_org_period *period, pm_date date);

/* The position of the period covering date in periods (sorted by start,
 * not overlapping), or count when none does. */
size_t pm_org__find_covering(const pm_org_period *periods, size_t count, pm_date date);

/* The first day after date on which a period of periods starts or ends,
 * or PM_DATE_NONE when nothing changes after date. */
pm_date pm_org__next_change(const pm_org_period *periods, size_t count, pm_date date);

/* The day of the latest change a period records: its end once closed,
 * its start while open. */
pm_date pm_org__latest_change(const pm_org_period *latest);

/* PM_OK when date is a calendar day in years 1 to 9999; otherwise PM_EINVAL
 * "field: 123456789 is not a date in years 0001 to 9999". */
pm_status pm_org__check_date(pm_date date, const char *field, pm_error *err);

/* Steps of a pm_org_plan; 0 means the change alters nothing. */
#define PM_ORG_PLAN_UPDATE 0x1u /* rewrite the latest period as plan.latest */
#define PM_ORG_PLAN_DROP 0x2u   /* remove the latest period */
#define PM_ORG_PLAN_OPEN 0x4u   /* add plan.opened */

/* What a change does to a person's history. */
typedef struct pm_org_plan {
    unsigned int steps;     /* PM_ORG_PLAN_* */
    pm_org_period latest;   /* the latest period's new values, for UPDATE */
    pm_org_period opened;   /* the new open period, for OPEN */
} pm_org_plan;

/*
 * Decides how "from date on, target (0: none)" applies to a history whose
 * latest period is latest (NULL when there is none). what names the record
 * in messages ("reporting_line").
 *
 * A change dated before the latest recorded change is refused with
 * PM_ECONFLICT ("reporting_line.date: 2026-01-01 is before the latest change
 * on 2026-03-01"): history is never rewritten. A change on the day of the
 * latest change replaces it; a later one closes the open period and opens
 * a new one.
 */
pm_status pm_org__plan_change(pm_org_plan *out, const pm_org_period *latest, pm_date date,
                              pm_id target, const char *what, pm_error *err);

/* "The parent of node": *parent becomes 0 at the top. Returns PM_OK or an
 * error, which the walk passes on unchanged. */
typedef pm_status (*pm_org_parent_fn)(pm_id *parent, pm_id node, void *payload);

/*
 * Walks from start up through parent_of and tells whether target is start
 * or one of its ancestors (*found = 1) or not (*found = 0). Every node
 * visited before target is found is handed to parent_of once, in order.
 * A relation that loops without reaching target, or a chain longer than
 * PM_ORG_WALK_MAX, gives PM_ECORRUPT ("what: the chain above 7 loops; the
 * store is damaged").
 */
pm_status pm_org__reaches(int *found, pm_id start, pm_id target, pm_org_parent_fn parent_of,
                          void *payload, const char *what, pm_error *err);

#endif
