/* Goals' internal functions, shared by the goal files and by check-ins (a
 * goal discussed in a check-in keeps a snapshot of its standing). None of
 * them checks access or opens a transaction unless it says so. */
#ifndef PM_API_GOAL_INTERNAL_H
#define PM_API_GOAL_INTERNAL_H

#include "internal.h"

/* Checks that a goal exists; PM_ENOTFOUND "field: goal 12 does not exist". */
pm_status pm_goal__check_exists(pm_session *s, pm_id goal, const char *field);

/* Checks that the actor may read the goal (by its visibility and the actor's
 * relation to its owner and unit); PM_EPERM with a message otherwise. */
pm_status pm_goal__authorize_read(pm_session *s, pm_id goal);

/* Computes a goal's standing on date (no access check), as pm_goal_evaluate. */
pm_status pm_goal__evaluate(pm_goal_status *out, pm_session *s, pm_id goal, pm_date date,
                            const pm_health_opts *opts);

#endif
