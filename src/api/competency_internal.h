/* What the competency, assessment, gap and programme files share: the
 * framework look-ups and the current-level rule, without access checks
 * (their callers make them). */
#ifndef PM_API_COMPETENCY_INTERNAL_H
#define PM_API_COMPETENCY_INTERNAL_H

#include "internal.h"

/* A role's requirement in one competency. */
typedef struct pm_requirement {
    pm_id competency;
    int level;
} pm_requirement;

/* Checks that competency exists: PM_EINVAL "field: 0 is not a competency
 * id", PM_ENOTFOUND "field: competency 12 does not exist". min_level and
 * max_level, when not NULL, receive its scale's range (competency.c). */
pm_status pm_competency__check(pm_session *s, pm_id competency, const char *field,
                               int *min_level, int *max_level);

/* Checks that role exists, as pm_competency__check() (role.c). */
pm_status pm_role__check(pm_session *s, pm_id role, const char *field);

/* The role person held on date, 0 for none (role_assignment.c). */
pm_status pm_role__held_on(pm_id *out, pm_session *s, pm_id person, pm_date date);

/* role's requirements by competency id, in an array allocated with
 * pm__malloc (NULL when there are none) (role.c). */
pm_status pm_role__requirements(pm_requirement **out, size_t *n, pm_session *s, pm_id role);

/* The rule to use: the default for NULL; PM_EVERSION or PM_EINVAL
 * "rule.manager_weight: must be 0 or more" otherwise (assessment.c). */
pm_status pm_level_rule__resolve(pm_level_rule *out, pm_session *s, const pm_level_rule *rule);

/* person's level in competency on date by a resolved rule, counting only
 * released assessments dated on or before date; *assessed 0 when none
 * counts (assessment.c). */
pm_status pm_competency__level_on(double *level, int *assessed, pm_session *s, pm_id person,
                                  pm_id competency, pm_date date, const pm_level_rule *rule);

#endif
