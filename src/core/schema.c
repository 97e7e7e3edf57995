#include "schema.h"

#define AUDIT_FIELDS_SINCE(v)                               \
    { "created_at", PM_FIELD_TIME, PM_FIELD_NOT_NULL, v },  \
    { "created_by", PM_FIELD_INT, PM_FIELD_NOT_NULL, v },   \
    { "updated_at", PM_FIELD_TIME, PM_FIELD_NOT_NULL, v },  \
    { "updated_by", PM_FIELD_INT, PM_FIELD_NOT_NULL, v }
#define AUDIT_FIELDS AUDIT_FIELDS_SINCE(1)

#define COUNT(a) ((unsigned int)(sizeof(a) / sizeof((a)[0])))

static const pm_field_def person_fields[] = {
    { "external_id", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
    { "display_name", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
    { "name_key", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
    { "email", PM_FIELD_TEXT, 0, 1 },
    { "status", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    { "left_on", PM_FIELD_DATE, 0, 1 },
    { "hr_admin", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    AUDIT_FIELDS,
};
static const pm_index_def person_indexes[] = {
    { "person_by_external_id", 1, { PM_PERSON_EXTERNAL_ID }, PM_INDEX_UNIQUE, 1 },
    { "person_by_name_key", 1, { PM_PERSON_NAME_KEY }, 0, 1 },
};

static const pm_field_def unit_fields[] = {
    { "name", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
    { "name_key", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
    { "parent_id", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    AUDIT_FIELDS,
};
static const pm_index_def unit_indexes[] = {
    { "unit_by_parent_name", 2, { PM_UNIT_PARENT, PM_UNIT_NAME_KEY }, PM_INDEX_UNIQUE, 1 },
};

static const pm_field_def membership_fields[] = {
    { "person_id", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    { "unit_id", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    { "start_on", PM_FIELD_DATE, PM_FIELD_NOT_NULL, 1 },
    { "end_on", PM_FIELD_DATE, 0, 1 },
    AUDIT_FIELDS,
};
static const pm_index_def membership_indexes[] = {
    { "membership_by_person", 2, { PM_MEMBERSHIP_PERSON, PM_MEMBERSHIP_START_ON }, 0, 1 },
    { "membership_by_unit", 2, { PM_MEMBERSHIP_UNIT, PM_MEMBERSHIP_START_ON }, 0, 1 },
};

static const pm_field_def reporting_fields[] = {
    { "person_id", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    { "manager_id", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    { "start_on", PM_FIELD_DATE, PM_FIELD_NOT_NULL, 1 },
    { "end_on", PM_FIELD_DATE, 0, 1 },
    AUDIT_FIELDS,
};
static const pm_index_def reporting_indexes[] = {
    { "reporting_by_person", 2, { PM_REPORTING_PERSON, PM_REPORTING_START_ON }, 0, 1 },
    { "reporting_by_manager", 2, { PM_REPORTING_MANAGER, PM_REPORTING_START_ON }, 0, 1 },
};

/* Version 2: goals and check-ins. */
#define NN PM_FIELD_NOT_NULL

static const pm_field_def goal_fields[] = {
    { "owner_id", PM_FIELD_INT, NN, 2 },
    { "unit_id", PM_FIELD_INT, NN, 2 },
    { "title", PM_FIELD_TEXT, NN, 2 },
    { "description", PM_FIELD_TEXT, 0, 2 },
    { "kind", PM_FIELD_INT, NN, 2 },
    { "state", PM_FIELD_INT, NN, 2 },
    { "start_on", PM_FIELD_DATE, NN, 2 },
    { "due_on", PM_FIELD_DATE, NN, 2 },
    { "weight", PM_FIELD_REAL, NN, 2 },
    { "visibility", PM_FIELD_INT, NN, 2 },
    { "parent_id", PM_FIELD_INT, NN, 2 },
    { "source_checkin_id", PM_FIELD_INT, NN, 2 },
    AUDIT_FIELDS_SINCE(2),
};
static const pm_index_def goal_indexes[] = {
    { "goal_by_owner", 2, { PM_GOAL_OWNER, PM_GOAL_DUE_ON }, 0, 2 },
    { "goal_by_unit", 2, { PM_GOAL_UNIT, PM_GOAL_DUE_ON }, 0, 2 },
    { "goal_by_parent", 2, { PM_GOAL_PARENT, PM_GOAL_DUE_ON }, 0, 2 },
};

static const pm_field_def key_result_fields[] = {
    { "goal_id", PM_FIELD_INT, NN, 2 },
    { "title", PM_FIELD_TEXT, NN, 2 },
    { "kind", PM_FIELD_INT, NN, 2 },
    { "baseline", PM_FIELD_REAL, NN, 2 },
    { "target", PM_FIELD_REAL, NN, 2 },
    { "current", PM_FIELD_REAL, NN, 2 },
    { "unit", PM_FIELD_TEXT, 0, 2 },
    { "weight", PM_FIELD_REAL, NN, 2 },
    { "commit_level", PM_FIELD_REAL, 0, 2 },
    { "stretch_level", PM_FIELD_REAL, 0, 2 },
    AUDIT_FIELDS_SINCE(2),
};
static const pm_index_def key_result_indexes[] = {
    { "key_result_by_goal", 1, { PM_KEY_RESULT_GOAL }, 0, 2 },
};

static const pm_field_def progress_fields[] = {
    { "goal_id", PM_FIELD_INT, NN, 2 },
    { "key_result_id", PM_FIELD_INT, NN, 2 },
    { "value", PM_FIELD_REAL, NN, 2 },
    { "confidence", PM_FIELD_INT, 0, 2 },
    { "comment", PM_FIELD_TEXT, 0, 2 },
    AUDIT_FIELDS_SINCE(2),
};
static const pm_index_def progress_indexes[] = {
    { "progress_by_goal", 2, { PM_PROGRESS_GOAL, PM_PROGRESS_CREATED_AT }, 0, 2 },
    { "progress_by_key_result", 2, { PM_PROGRESS_KEY_RESULT, PM_PROGRESS_CREATED_AT }, 0, 2 },
};

static const pm_field_def series_fields[] = {
    { "manager_id", PM_FIELD_INT, NN, 2 },
    { "report_id", PM_FIELD_INT, NN, 2 },
    { "cadence", PM_FIELD_INT, NN, 2 },
    { "interval_weeks", PM_FIELD_INT, NN, 2 },
    { "day_of_month", PM_FIELD_INT, NN, 2 },
    { "start_on", PM_FIELD_DATE, NN, 2 },
    { "paused_on", PM_FIELD_DATE, 0, 2 },
    { "ended_on", PM_FIELD_DATE, 0, 2 },
    AUDIT_FIELDS_SINCE(2),
};
static const pm_index_def series_indexes[] = {
    { "checkin_series_by_manager", 2, { PM_SERIES_MANAGER, PM_SERIES_START_ON }, 0, 2 },
    { "checkin_series_by_report", 2, { PM_SERIES_REPORT, PM_SERIES_START_ON }, 0, 2 },
};

static const pm_field_def checkin_fields[] = {
    { "series_id", PM_FIELD_INT, NN, 2 },
    { "held_on", PM_FIELD_DATE, NN, 2 },
    { "state", PM_FIELD_INT, NN, 2 },
    { "mood", PM_FIELD_INT, 0, 2 },
    AUDIT_FIELDS_SINCE(2),
};
static const pm_index_def checkin_indexes[] = {
    { "checkin_by_series", 2, { PM_CHECKIN_SERIES, PM_CHECKIN_DATE }, 0, 2 },
};

static const pm_field_def entry_fields[] = {
    { "series_id", PM_FIELD_INT, NN, 2 },
    { "checkin_id", PM_FIELD_INT, NN, 2 },
    { "origin_checkin_id", PM_FIELD_INT, NN, 2 },
    { "kind", PM_FIELD_INT, NN, 2 },
    { "author_id", PM_FIELD_INT, NN, 2 },
    { "body", PM_FIELD_TEXT, 0, 2 },
    { "private", PM_FIELD_INT, NN, 2 },
    { "done_at", PM_FIELD_TIME, 0, 2 },
    { "owner_id", PM_FIELD_INT, NN, 2 },
    { "due_on", PM_FIELD_DATE, 0, 2 },
    { "goal_id", PM_FIELD_INT, NN, 2 },
    { "goal_progress", PM_FIELD_REAL, 0, 2 },
    { "goal_health", PM_FIELD_INT, 0, 2 },
    AUDIT_FIELDS_SINCE(2),
};
static const pm_index_def entry_indexes[] = {
    { "checkin_entry_by_checkin", 1, { PM_ENTRY_CHECKIN }, 0, 2 },
    { "checkin_entry_by_series_kind", 2, { PM_ENTRY_SERIES, PM_ENTRY_KIND }, 0, 2 },
};

static const pm_kind_def kinds[] = {
    [PM_KIND_PERSON] = { "person", COUNT(person_fields), person_fields,
                         COUNT(person_indexes), person_indexes, 1 },
    [PM_KIND_UNIT] = { "unit", COUNT(unit_fields), unit_fields,
                       COUNT(unit_indexes), unit_indexes, 1 },
    [PM_KIND_MEMBERSHIP] = { "membership", COUNT(membership_fields), membership_fields,
                             COUNT(membership_indexes), membership_indexes, 1 },
    [PM_KIND_REPORTING_LINE] = { "reporting_line", COUNT(reporting_fields), reporting_fields,
                                 COUNT(reporting_indexes), reporting_indexes, 1 },
    [PM_KIND_GOAL] = { "goal", COUNT(goal_fields), goal_fields,
                       COUNT(goal_indexes), goal_indexes, 2 },
    [PM_KIND_KEY_RESULT] = { "key_result", COUNT(key_result_fields), key_result_fields,
                             COUNT(key_result_indexes), key_result_indexes, 2 },
    [PM_KIND_PROGRESS] = { "progress", COUNT(progress_fields), progress_fields,
                           COUNT(progress_indexes), progress_indexes, 2 },
    [PM_KIND_CHECKIN_SERIES] = { "checkin_series", COUNT(series_fields), series_fields,
                                 COUNT(series_indexes), series_indexes, 2 },
    [PM_KIND_CHECKIN] = { "checkin", COUNT(checkin_fields), checkin_fields,
                          COUNT(checkin_indexes), checkin_indexes, 2 },
    [PM_KIND_CHECKIN_ENTRY] = { "checkin_entry", COUNT(entry_fields), entry_fields,
                                COUNT(entry_indexes), entry_indexes, 2 },
};

/* The enums in schema.h index these arrays; a mismatch is a build error. */
_Static_assert(COUNT(kinds) == PM_KIND_COUNT, "kinds and enum pm_kind differ");
_Static_assert(COUNT(person_fields) == PM_PERSON_NFIELDS, "person fields differ");
_Static_assert(COUNT(unit_fields) == PM_UNIT_NFIELDS, "unit fields differ");
_Static_assert(COUNT(membership_fields) == PM_MEMBERSHIP_NFIELDS, "membership fields differ");
_Static_assert(COUNT(reporting_fields) == PM_REPORTING_NFIELDS, "reporting fields differ");
_Static_assert(COUNT(goal_fields) == PM_GOAL_NFIELDS, "goal fields differ");
_Static_assert(COUNT(key_result_fields) == PM_KEY_RESULT_NFIELDS, "key result fields differ");
_Static_assert(COUNT(progress_fields) == PM_PROGRESS_NFIELDS, "progress fields differ");
_Static_assert(COUNT(series_fields) == PM_SERIES_NFIELDS, "series fields differ");
_Static_assert(COUNT(checkin_fields) == PM_CHECKIN_NFIELDS, "checkin fields differ");
_Static_assert(COUNT(entry_fields) == PM_ENTRY_NFIELDS, "checkin entry fields differ");

static const pm_schema schema = { PM_SCHEMA_VERSION, PM_KIND_COUNT, kinds };

const pm_schema *pm_schema__get(void)
{
    return &schema;
}
