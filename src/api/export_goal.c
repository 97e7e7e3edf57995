/* The goals a person owns, with their key results and progress updates.
 * Each record goes by who wrote it: the person (provided) or someone else,
 * their manager or the system actor (recorded by others). */
#include "export_internal.h"

static const char *const goal_kinds[] = { NULL, "performance", "development", "corrective" };
static const pm_export_enum goal_kind = PM_EXPORT_ENUM_OF(goal_kinds);
static const char *const goal_states[] = { NULL, "draft", "active", "completed", "cancelled",
                                           "archived" };
static const pm_export_enum goal_state = PM_EXPORT_ENUM_OF(goal_states);
static const char *const visibilities[] = { NULL, "private", "unit", "public" };
static const pm_export_enum visibility = PM_EXPORT_ENUM_OF(visibilities);
static const char *const key_result_kinds[] = { NULL, "numeric", "milestone" };
static const pm_export_enum key_result_kind = PM_EXPORT_ENUM_OF(key_result_kinds);

static const pm_export_field goal_fields[] = {
    PM_EXPORT_REFERENCE("owner", PM_GOAL_OWNER, PM_EXPORT_REF_PERSON),
    PM_EXPORT_REFERENCE("unit", PM_GOAL_UNIT, PM_EXPORT_REF_UNIT),
    PM_EXPORT_FIELD("title", PM_GOAL_TITLE, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("description", PM_GOAL_DESCRIPTION, PM_EXPORT_TEXT),
    PM_EXPORT_NAMED("kind", PM_GOAL_KIND, goal_kind),
    PM_EXPORT_NAMED("state", PM_GOAL_STATE, goal_state),
    PM_EXPORT_FIELD("start_on", PM_GOAL_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("due_on", PM_GOAL_DUE_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("weight", PM_GOAL_WEIGHT, PM_EXPORT_REAL),
    PM_EXPORT_NAMED("visibility", PM_GOAL_VISIBILITY, visibility),
    PM_EXPORT_FIELD("parent", PM_GOAL_PARENT, PM_EXPORT_ID),
    PM_EXPORT_FIELD("source_checkin", PM_GOAL_SOURCE_CHECKIN, PM_EXPORT_ID),
    PM_EXPORT_FIELD("source_feedback", PM_GOAL_SOURCE_FEEDBACK, PM_EXPORT_ID),
    PM_EXPORT_AUDIT(PM_GOAL),
};
static const pm_export_table goal_table =
    PM_EXPORT_TABLE("goal", PM_KIND_GOAL, PM_GOAL_NFIELDS, goal_fields);

static const pm_export_field key_result_fields[] = {
    PM_EXPORT_FIELD("goal", PM_KEY_RESULT_GOAL, PM_EXPORT_ID),
    PM_EXPORT_FIELD("title", PM_KEY_RESULT_TITLE, PM_EXPORT_TEXT),
    PM_EXPORT_NAMED("kind", PM_KEY_RESULT_KIND, key_result_kind),
    PM_EXPORT_FIELD("baseline", PM_KEY_RESULT_BASELINE, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("target", PM_KEY_RESULT_TARGET, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("current", PM_KEY_RESULT_CURRENT, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("unit", PM_KEY_RESULT_UNIT, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("weight", PM_KEY_RESULT_WEIGHT, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("commit", PM_KEY_RESULT_COMMIT, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("stretch", PM_KEY_RESULT_STRETCH, PM_EXPORT_REAL),
    PM_EXPORT_AUDIT(PM_KEY_RESULT),
};
static const pm_export_table key_result_table =
    PM_EXPORT_TABLE("key_result", PM_KIND_KEY_RESULT, PM_KEY_RESULT_NFIELDS, key_result_fields);

static const pm_export_field progress_fields[] = {
    PM_EXPORT_FIELD("goal", PM_PROGRESS_GOAL, PM_EXPORT_ID),
    PM_EXPORT_FIELD("key_result", PM_PROGRESS_KEY_RESULT, PM_EXPORT_ID),
    PM_EXPORT_FIELD("value", PM_PROGRESS_VALUE, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("confidence", PM_PROGRESS_CONFIDENCE, PM_EXPORT_INT),
    PM_EXPORT_FIELD("comment", PM_PROGRESS_COMMENT, PM_EXPORT_TEXT),
    PM_EXPORT_AUDIT(PM_PROGRESS),
};
static const pm_export_table progress_table =
    PM_EXPORT_TABLE("progress", PM_KIND_PROGRESS, PM_PROGRESS_NFIELDS, progress_fields);

static pm_export_place goal_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_GOAL_CREATED_BY);
}

static pm_export_place key_result_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_KEY_RESULT_CREATED_BY);
}

static pm_export_place progress_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_PROGRESS_CREATED_BY);
}

pm_status pm_export__goals(pm_export *x)
{
    pm_export_rows goals = { 0 };
    pm_value eq[1] = { pm_value__int(x->person) };
    pm_status st = pm_export__scan(x, &goal_table, PM_GOAL_BY_OWNER, eq, 1, "goals", goal_place,
                                   &goals);
    for (size_t i = 0; st == PM_OK && i < goals.count; i++) {
        eq[0] = pm_value__int(goals.ids[i]);
        st = pm_export__scan(x, &key_result_table, PM_KEY_RESULT_BY_GOAL, eq, 1, "key_results",
                             key_result_place, NULL);
        if (st == PM_OK)
            st = pm_export__scan(x, &progress_table, PM_PROGRESS_BY_GOAL, eq, 1,
                                 "progress_updates", progress_place, NULL);
    }
    pm_export__rows_free(&goals);
    return st;
}
