/* Erasure of goals: the person's goals are archived or pass to a new
 * owner, as the caller chose, keeping their key results and progress
 * values (what roll-ups and trends read); the comments the person wrote on
 * their own progress go. Progress they recorded on others' goals stays
 * there. */
#include "erase_internal.h"

static int commented_by_person(const pm_erase *e, const pm_row *row, const void *arg)
{
    (void)arg;
    return pm_value__as_int(&row->values[PM_PROGRESS_CREATED_BY]) == e->person
           && row->values[PM_PROGRESS_COMMENT].type != PM_VALUE_NULL;
}

static pm_status clear_comments(pm_erase *e, pm_id goal)
{
    pm_erase_ids updates = { NULL, 0, 0 };
    pm_value key = pm_value__int(goal);
    pm_status st = pm_erase__collect(e, &updates, PM_KIND_PROGRESS, PM_PROGRESS_BY_GOAL, &key, 1,
                                     PM_PROGRESS_NFIELDS, "progress", commented_by_person, NULL);
    for (size_t i = 0; st == PM_OK && i < updates.count; i++)
        st = pm_erase__set_field(e, PM_KIND_PROGRESS, updates.ids[i], PM_PROGRESS_COMMENT,
                                 pm_value__null(), PM_PROGRESS_CREATED_AT);
    pm_erase__ids_free(&updates);
    return st;
}

/* An archived goal is passed over; archived is final, so it stays. */
static int not_archived(const pm_erase *e, const pm_row *row, const void *arg)
{
    (void)e;
    (void)arg;
    return pm_value__as_int(&row->values[PM_GOAL_STATE]) != PM_GOAL_ARCHIVED;
}

static pm_status settle_goal(pm_erase *e, pm_id goal)
{
    if (e->opts.goals == PM_ERASE_GOALS_REASSIGN)
        return pm_erase__set_field(e, PM_KIND_GOAL, goal, PM_GOAL_OWNER,
                                   pm_value__int(e->opts.new_owner), PM_GOAL_CREATED_AT);
    return pm_erase__set_field(e, PM_KIND_GOAL, goal, PM_GOAL_STATE,
                               pm_value__int(PM_GOAL_ARCHIVED), PM_GOAL_CREATED_AT);
}

pm_status pm_erase__goals(pm_erase *e)
{
    pm_erase_ids goals = { NULL, 0, 0 };
    pm_value owner = pm_value__int(e->person);
    int archive = e->opts.goals == PM_ERASE_GOALS_ARCHIVE;
    pm_status st = pm_erase__collect(e, &goals, PM_KIND_GOAL, PM_GOAL_BY_OWNER, &owner, 1,
                                     PM_GOAL_STATE + 1, "goal", NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < goals.count; i++)
        st = clear_comments(e, goals.ids[i]);
    pm_erase__ids_free(&goals);
    if (st != PM_OK)
        return st;
    st = pm_erase__collect(e, &goals, PM_KIND_GOAL, PM_GOAL_BY_OWNER, &owner, 1,
                           PM_GOAL_STATE + 1, "goal", archive ? not_archived : NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < goals.count; i++)
        st = settle_goal(e, goals.ids[i]);
    pm_erase__ids_free(&goals);
    return st;
}
