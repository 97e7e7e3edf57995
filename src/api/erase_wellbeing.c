/* Erasure of wellbeing data: the person's measurements (check-in moods
 * and survey scores among them), their survey item answers and their
 * evaluation memberships with the values given for them. Their survey
 * invitations stay: they hold who was asked and whether they answered,
 * which response counts and rates read, and nothing of what was said.
 *
 * Answers and memberships are indexed by survey and by evaluation first,
 * so each survey and evaluation is looked into; there are few of them
 * beside the answers. */
#include "erase_internal.h"

/* Removes the rows of kind whose index starts with (parent, person), for
 * every parent of parent_kind. */
static pm_status erase_under_each(pm_erase *e, unsigned int parent_kind, const char *parent_what,
                                  unsigned int kind, unsigned int index, const char *what)
{
    pm_erase_ids parents = { NULL, 0, 0 };
    pm_erase_ids rows = { NULL, 0, 0 };
    pm_status st = pm_erase__collect(e, &parents, parent_kind, PM_SCAN_BY_ID, NULL, 0, 0,
                                     parent_what, NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < parents.count; i++) {
        pm_value key[2] = { pm_value__int(parents.ids[i]), pm_value__int(e->person) };
        st = pm_erase__collect(e, &rows, kind, index, key, 2, 0, what, NULL, NULL);
    }
    if (st == PM_OK)
        st = pm_erase__remove_ids(e, kind, &rows);
    pm_erase__ids_free(&rows);
    pm_erase__ids_free(&parents);
    return st;
}

pm_status pm_erase__wellbeing(pm_erase *e)
{
    pm_status st = pm_erase__remove_of_person(e, PM_KIND_MEASUREMENT, PM_MEAS_BY_PERSON);
    if (st == PM_OK)
        st = erase_under_each(e, PM_KIND_SURVEY, "survey", PM_KIND_SURVEY_ANSWER,
                              PM_SANS_BY_RESPONDENT, "survey_answer");
    if (st == PM_OK)
        st = erase_under_each(e, PM_KIND_EVALUATION, "evaluation", PM_KIND_EVALUATION_MEMBER,
                              PM_EMEM_BY_EVALUATION, "evaluation_member");
    return st;
}
