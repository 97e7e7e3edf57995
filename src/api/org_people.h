/* Who is counted when a number is about a group: the units below a unit,
 * the people in them on a day, and whether the session may see numbers
 * about those people. Shared by the culture, gap, wellbeing, trend and
 * evaluation files (org_people.c). */
#ifndef PM_API_ORG_PEOPLE_H
#define PM_API_ORG_PEOPLE_H

#include "internal.h"

/* unit and every unit below it, breadth first, in an array allocated with
 * pm__malloc (a stored tree that loops lists each unit once). */
pm_status pm_org__subtree(pm_id **units, size_t *n, pm_session *s, pm_id unit);

/* The people who were members of unit or a unit below it on date, sorted
 * by id without repeats; unit 0: everyone working on date (active, or who
 * left after it), in a unit or not. *people is allocated with pm__malloc
 * (NULL when there are none). */
pm_status pm_org__people_on(pm_id **people, size_t *n, pm_session *s, pm_id unit, pm_date date);

/* PM_OK when the session may see numbers about every one of people: HR
 * and the system always (by action's row), a person when each is themself
 * or below them today; otherwise PM_EPERM "permission denied: person 3 may
 * not <action's phrase> (<what>: person 9 counted there is not below them)". */
pm_status pm_org__authorize_people(pm_session *s, pm_action action, const pm_id *people,
                                   size_t n, const char *what);

#endif
