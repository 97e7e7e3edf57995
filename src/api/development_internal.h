/* What the plan, item and programme files share, without access checks
 * (their callers make them). */
#ifndef PM_API_DEVELOPMENT_INTERNAL_H
#define PM_API_DEVELOPMENT_INTERNAL_H

#include "internal.h"

/* The plan of person that covers date, 0 for none (plan.c). */
pm_status pm_plan__covering(pm_id *out, pm_session *s, pm_id person, pm_date date);

/* Adds an item to plan with every check of pm_plan_item_add() but access,
 * recording programme (0 for none) as the programme it enrols in. One
 * insert per linked competency besides the item's; the caller owns the
 * transaction (plan_item.c). */
pm_status pm_plan_item__add(pm_id *out, pm_session *s, pm_id plan, const pm_plan_item_opts *opts,
                            pm_id programme);

/* Moves item to state on date, as pm_plan_item_set_state() without access
 * and without refusing a programme's item (plan_item.c). */
pm_status pm_plan_item__set_state(pm_session *s, pm_id item, pm_item_state state, pm_date date);

#endif
