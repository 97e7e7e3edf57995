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
    { "source_feedback_id", PM_FIELD_INT, 0, 3 },
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
    { "checkin_entry_by_created", 1, { PM_ENTRY_CREATED_AT }, 0, 6 },
};

/* Version 3: feedback, requests and 360 rounds. */
static const pm_field_def feedback_fields[] = {
    { "giver_id", PM_FIELD_INT, NN, 3 },
    { "giver_tag", PM_FIELD_TEXT, 0, 3 },
    { "giver_nonce", PM_FIELD_TEXT, 0, 3 },
    { "receiver_id", PM_FIELD_INT, NN, 3 },
    { "kind", PM_FIELD_INT, NN, 3 },
    { "direction", PM_FIELD_INT, NN, 3 },
    { "visibility", PM_FIELD_INT, NN, 3 },
    { "anonymous", PM_FIELD_INT, NN, 3 },
    { "text", PM_FIELD_TEXT, NN, 3 },
    { "situation", PM_FIELD_TEXT, 0, 3 },
    { "behaviour", PM_FIELD_TEXT, 0, 3 },
    { "impact", PM_FIELD_TEXT, 0, 3 },
    { "goal_id", PM_FIELD_INT, NN, 3 },
    { "competency_id", PM_FIELD_INT, NN, 3 },
    { "checkin_id", PM_FIELD_INT, NN, 3 },
    { "request_id", PM_FIELD_INT, NN, 3 },
    { "given_at", PM_FIELD_TIME, NN, 3 },
    { "acknowledged_at", PM_FIELD_TIME, 0, 3 },
    { "reaction", PM_FIELD_INT, NN, 3 },
    AUDIT_FIELDS_SINCE(3),
};
static const pm_index_def feedback_indexes[] = {
    { "feedback_by_receiver", 2, { PM_FB_RECEIVER, PM_FB_GIVEN_AT }, 0, 3 },
    { "feedback_by_giver", 2, { PM_FB_GIVER, PM_FB_GIVEN_AT }, 0, 3 },
    { "feedback_by_visibility", 2, { PM_FB_VISIBILITY, PM_FB_GIVEN_AT }, 0, 3 },
    { "feedback_by_time", 1, { PM_FB_GIVEN_AT }, 0, 3 },
};

static const pm_field_def request_fields[] = {
    { "requester_id", PM_FIELD_INT, NN, 3 },
    { "subject_id", PM_FIELD_INT, NN, 3 },
    { "topic", PM_FIELD_TEXT, NN, 3 },
    { "goal_id", PM_FIELD_INT, NN, 3 },
    { "due_on", PM_FIELD_DATE, NN, 3 },
    { "expires_on", PM_FIELD_DATE, NN, 3 },
    { "repeat_days", PM_FIELD_INT, NN, 3 },
    { "next_on", PM_FIELD_DATE, 0, 3 },
    { "previous_id", PM_FIELD_INT, NN, 3 },
    AUDIT_FIELDS_SINCE(3),
};
static const pm_index_def request_indexes[] = {
    { "feedback_request_by_requester", 2, { PM_FREQ_REQUESTER, PM_FREQ_CREATED_AT }, 0, 3 },
    { "feedback_request_by_subject", 2, { PM_FREQ_SUBJECT, PM_FREQ_CREATED_AT }, 0, 3 },
    { "feedback_request_by_next_on", 1, { PM_FREQ_NEXT_ON }, 0, 3 },
    { "feedback_request_by_created", 1, { PM_FREQ_CREATED_AT }, 0, 6 },
};

static const pm_field_def part_fields[] = {
    { "request_id", PM_FIELD_INT, NN, 3 },
    { "addressee_id", PM_FIELD_INT, NN, 3 },
    { "state", PM_FIELD_INT, NN, 3 },
    { "answered_at", PM_FIELD_TIME, 0, 3 },
    { "feedback_id", PM_FIELD_INT, NN, 3 },
    { "expires_on", PM_FIELD_DATE, NN, 3 },
    AUDIT_FIELDS_SINCE(3),
};
static const pm_index_def part_indexes[] = {
    { "request_part_by_request", 2, { PM_PART_REQUEST, PM_PART_ADDRESSEE }, PM_INDEX_UNIQUE, 3 },
    { "request_part_by_addressee", 2, { PM_PART_ADDRESSEE, PM_PART_CREATED_AT }, 0, 3 },
};

static const pm_field_def review360_fields[] = {
    { "subject_id", PM_FIELD_INT, NN, 3 },
    { "title", PM_FIELD_TEXT, NN, 3 },
    { "state", PM_FIELD_INT, NN, 3 },
    { "opens_on", PM_FIELD_DATE, NN, 3 },
    { "closes_on", PM_FIELD_DATE, NN, 3 },
    { "threshold", PM_FIELD_INT, NN, 3 },
    AUDIT_FIELDS_SINCE(3),
};
static const pm_index_def review360_indexes[] = {
    { "review360_by_subject", 2, { PM_R360_SUBJECT, PM_R360_OPENS_ON }, 0, 3 },
};

static const pm_field_def rater_fields[] = {
    { "round_id", PM_FIELD_INT, NN, 3 },
    { "person_id", PM_FIELD_INT, NN, 3 },
    { "rater_group", PM_FIELD_INT, NN, 3 },
    { "submitted", PM_FIELD_INT, NN, 3 },
    AUDIT_FIELDS_SINCE(3),
};
static const pm_index_def rater_indexes[] = {
    { "review360_rater_by_round", 2, { PM_R360R_ROUND, PM_R360R_PERSON }, PM_INDEX_UNIQUE, 3 },
    { "review360_rater_by_person", 2, { PM_R360R_PERSON, PM_R360R_ROUND }, 0, 3 },
};

static const pm_field_def question_fields[] = {
    { "round_id", PM_FIELD_INT, NN, 3 },
    { "text", PM_FIELD_TEXT, NN, 3 },
    { "scale_min", PM_FIELD_INT, NN, 3 },
    { "scale_max", PM_FIELD_INT, NN, 3 },
    AUDIT_FIELDS_SINCE(3),
};
static const pm_index_def question_indexes[] = {
    { "review360_question_by_round", 1, { PM_R360Q_ROUND }, 0, 3 },
};

static const pm_field_def answer_fields[] = {
    { "round_id", PM_FIELD_INT, NN, 3 },
    { "question_id", PM_FIELD_INT, NN, 3 },
    { "rater_group", PM_FIELD_INT, NN, 3 },
    { "rating", PM_FIELD_INT, 0, 3 },
    { "text", PM_FIELD_TEXT, 0, 3 },
    AUDIT_FIELDS_SINCE(3),
};
static const pm_index_def answer_indexes[] = {
    { "review360_answer_by_round", 3, { PM_R360A_ROUND, PM_R360A_QUESTION, PM_R360A_GROUP },
      0, 3 },
};

/* Version 4: competencies, assessments, development plans, programmes. */
static const pm_field_def scale_fields[] = {
    { "name", PM_FIELD_TEXT, NN, 4 },
    { "name_key", PM_FIELD_TEXT, NN, 4 },
    { "min_level", PM_FIELD_INT, NN, 4 },
    { "max_level", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def scale_indexes[] = {
    { "scale_by_name_key", 1, { PM_SCALE_NAME_KEY }, PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def level_fields[] = {
    { "scale_id", PM_FIELD_INT, NN, 4 },
    { "level", PM_FIELD_INT, NN, 4 },
    { "name", PM_FIELD_TEXT, NN, 4 },
    { "description", PM_FIELD_TEXT, 0, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def level_indexes[] = {
    { "scale_level_by_scale", 2, { PM_SLEVEL_SCALE, PM_SLEVEL_VALUE }, PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def competency_fields[] = {
    { "name", PM_FIELD_TEXT, NN, 4 },
    { "name_key", PM_FIELD_TEXT, NN, 4 },
    { "category", PM_FIELD_TEXT, NN, 4 },
    { "category_key", PM_FIELD_TEXT, NN, 4 },
    { "description", PM_FIELD_TEXT, 0, 4 },
    { "scale_id", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def competency_indexes[] = {
    { "competency_by_category_name", 2, { PM_COMP_CATEGORY_KEY, PM_COMP_NAME_KEY },
      PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def role_fields[] = {
    { "name", PM_FIELD_TEXT, NN, 4 },
    { "name_key", PM_FIELD_TEXT, NN, 4 },
    { "description", PM_FIELD_TEXT, 0, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def role_indexes[] = {
    { "role_by_name_key", 1, { PM_ROLE_NAME_KEY }, PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def requirement_fields[] = {
    { "role_id", PM_FIELD_INT, NN, 4 },
    { "competency_id", PM_FIELD_INT, NN, 4 },
    { "level", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def requirement_indexes[] = {
    { "role_requirement_by_role", 2, { PM_REQ_ROLE, PM_REQ_COMPETENCY }, PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def assignment_fields[] = {
    { "person_id", PM_FIELD_INT, NN, 4 },
    { "role_id", PM_FIELD_INT, NN, 4 },
    { "start_on", PM_FIELD_DATE, NN, 4 },
    { "end_on", PM_FIELD_DATE, 0, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def assignment_indexes[] = {
    { "role_assignment_by_person", 2, { PM_ASSIGN_PERSON, PM_ASSIGN_START_ON }, 0, 4 },
    { "role_assignment_by_role", 2, { PM_ASSIGN_ROLE, PM_ASSIGN_START_ON }, 0, 4 },
};

static const pm_field_def around_fields[] = {
    { "person_id", PM_FIELD_INT, NN, 4 },
    { "assessed_on", PM_FIELD_DATE, NN, 4 },
    { "self_submitted_at", PM_FIELD_TIME, 0, 4 },
    { "manager_submitted_at", PM_FIELD_TIME, 0, 4 },
    { "released_at", PM_FIELD_TIME, 0, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def around_indexes[] = {
    { "assessment_round_by_person", 2, { PM_AROUND_PERSON, PM_AROUND_ON }, 0, 4 },
};

static const pm_field_def assessment_fields[] = {
    { "person_id", PM_FIELD_INT, NN, 4 },
    { "competency_id", PM_FIELD_INT, NN, 4 },
    { "level", PM_FIELD_INT, NN, 4 },
    { "source", PM_FIELD_INT, NN, 4 },
    { "assessor_id", PM_FIELD_INT, NN, 4 },
    { "assessed_on", PM_FIELD_DATE, NN, 4 },
    { "round_id", PM_FIELD_INT, NN, 4 },
    { "released", PM_FIELD_INT, NN, 4 },
    { "note", PM_FIELD_TEXT, 0, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def assessment_indexes[] = {
    { "assessment_by_person", 3, { PM_ASSESS_PERSON, PM_ASSESS_COMPETENCY, PM_ASSESS_ON }, 0, 4 },
    { "assessment_by_round", 1, { PM_ASSESS_ROUND }, 0, 4 },
};

static const pm_field_def plan_fields[] = {
    { "person_id", PM_FIELD_INT, NN, 4 },
    { "start_on", PM_FIELD_DATE, NN, 4 },
    { "end_on", PM_FIELD_DATE, NN, 4 },
    { "strengths", PM_FIELD_TEXT, 0, 4 },
    { "ambitions", PM_FIELD_TEXT, 0, 4 },
    { "target_role_id", PM_FIELD_INT, NN, 4 },
    { "previous_id", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def plan_indexes[] = {
    { "plan_by_person", 2, { PM_PLN_PERSON, PM_PLN_START_ON }, 0, 4 },
};

static const pm_field_def area_fields[] = {
    { "plan_id", PM_FIELD_INT, NN, 4 },
    { "competency_id", PM_FIELD_INT, NN, 4 },
    { "note", PM_FIELD_TEXT, 0, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def area_indexes[] = {
    { "plan_area_by_plan", 2, { PM_AREA_PLAN, PM_AREA_COMPETENCY }, PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def item_fields[] = {
    { "plan_id", PM_FIELD_INT, NN, 4 },
    { "person_id", PM_FIELD_INT, NN, 4 },
    { "kind", PM_FIELD_INT, NN, 4 },
    { "title", PM_FIELD_TEXT, NN, 4 },
    { "notes", PM_FIELD_TEXT, 0, 4 },
    { "state", PM_FIELD_INT, NN, 4 },
    { "start_on", PM_FIELD_DATE, 0, 4 },
    { "due_on", PM_FIELD_DATE, 0, 4 },
    { "done_on", PM_FIELD_DATE, 0, 4 },
    { "weight", PM_FIELD_REAL, NN, 4 },
    { "mentor_id", PM_FIELD_INT, NN, 4 },
    { "goal_id", PM_FIELD_INT, NN, 4 },
    { "metric_id", PM_FIELD_INT, NN, 4 },
    { "metric_target", PM_FIELD_REAL, 0, 4 },
    { "programme_id", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def item_indexes[] = {
    { "plan_item_by_plan", 2, { PM_PITEM_PLAN, PM_PITEM_DUE_ON }, 0, 4 },
    { "plan_item_by_mentor", 2, { PM_PITEM_MENTOR, PM_PITEM_DUE_ON }, 0, 4 },
};

static const pm_field_def itemc_fields[] = {
    { "item_id", PM_FIELD_INT, NN, 4 },
    { "competency_id", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def itemc_indexes[] = {
    { "item_competency_by_item", 2, { PM_ITEMC_ITEM, PM_ITEMC_COMPETENCY }, PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def programme_fields[] = {
    { "name", PM_FIELD_TEXT, NN, 4 },
    { "name_key", PM_FIELD_TEXT, NN, 4 },
    { "kind", PM_FIELD_INT, NN, 4 },
    { "description", PM_FIELD_TEXT, 0, 4 },
    { "capacity", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def programme_indexes[] = {
    { "programme_by_name_key", 1, { PM_PROG_NAME_KEY }, PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def progc_fields[] = {
    { "programme_id", PM_FIELD_INT, NN, 4 },
    { "competency_id", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def progc_indexes[] = {
    { "programme_competency_by_programme", 2, { PM_PROGC_PROGRAMME, PM_PROGC_COMPETENCY },
      PM_INDEX_UNIQUE, 4 },
};

static const pm_field_def psession_fields[] = {
    { "programme_id", PM_FIELD_INT, NN, 4 },
    { "held_on", PM_FIELD_DATE, NN, 4 },
    { "title", PM_FIELD_TEXT, 0, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def psession_indexes[] = {
    { "programme_session_by_programme", 2, { PM_PSESSION_PROGRAMME, PM_PSESSION_ON }, 0, 4 },
};

static const pm_field_def enrolment_fields[] = {
    { "programme_id", PM_FIELD_INT, NN, 4 },
    { "person_id", PM_FIELD_INT, NN, 4 },
    { "state", PM_FIELD_INT, NN, 4 },
    { "result", PM_FIELD_INT, NN, 4 },
    { "invited_on", PM_FIELD_DATE, 0, 4 },
    { "enrolled_on", PM_FIELD_DATE, 0, 4 },
    { "ended_on", PM_FIELD_DATE, 0, 4 },
    { "item_id", PM_FIELD_INT, NN, 4 },
    AUDIT_FIELDS_SINCE(4),
};
static const pm_index_def enrolment_indexes[] = {
    { "enrolment_by_programme", 2, { PM_ENROL_PROGRAMME, PM_ENROL_PERSON }, PM_INDEX_UNIQUE, 4 },
    { "enrolment_by_person", 1, { PM_ENROL_PERSON }, 0, 4 },
};

/* Version 5: wellbeing metrics, measurements, surveys and evaluations. */
static const pm_field_def metric_fields[] = {
    { "name", PM_FIELD_TEXT, NN, 5 },
    { "name_key", PM_FIELD_TEXT, NN, 5 },
    { "unit", PM_FIELD_TEXT, 0, 5 },
    { "min_value", PM_FIELD_REAL, NN, 5 },
    { "max_value", PM_FIELD_REAL, NN, 5 },
    { "direction", PM_FIELD_INT, NN, 5 },
    { "reliability", PM_FIELD_REAL, 0, 5 },
    { "builtin", PM_FIELD_INT, NN, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def metric_indexes[] = {
    { "metric_by_name_key", 1, { PM_METRIC_NAME_KEY }, PM_INDEX_UNIQUE, 5 },
    { "metric_by_builtin", 1, { PM_METRIC_BUILTIN }, 0, 5 },
};

static const pm_field_def measurement_fields[] = {
    { "person_id", PM_FIELD_INT, NN, 5 },
    { "metric_id", PM_FIELD_INT, NN, 5 },
    { "value", PM_FIELD_REAL, NN, 5 },
    { "measured_at", PM_FIELD_TIME, NN, 5 },
    { "source", PM_FIELD_INT, NN, 5 },
    { "unit_id", PM_FIELD_INT, NN, 5 },
    { "survey_id", PM_FIELD_INT, NN, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def measurement_indexes[] = {
    { "measurement_by_trend", 5,
      { PM_MEAS_METRIC, PM_MEAS_UNIT, PM_MEAS_AT, PM_MEAS_PERSON, PM_MEAS_VALUE }, 0, 5 },
    { "measurement_by_person", 3, { PM_MEAS_PERSON, PM_MEAS_METRIC, PM_MEAS_AT }, 0, 5 },
    { "measurement_by_at", 1, { PM_MEAS_AT }, 0, 6 },
};

static const pm_field_def survey_fields[] = {
    { "title", PM_FIELD_TEXT, NN, 5 },
    { "state", PM_FIELD_INT, NN, 5 },
    { "opens_on", PM_FIELD_DATE, NN, 5 },
    { "closes_on", PM_FIELD_DATE, NN, 5 },
    { "threshold", PM_FIELD_INT, NN, 5 },
    { "repeat_days", PM_FIELD_INT, NN, 5 },
    { "next_on", PM_FIELD_DATE, 0, 5 },
    { "previous_id", PM_FIELD_INT, NN, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def survey_indexes[] = {
    { "survey_by_next_on", 1, { PM_SURVEY_NEXT_ON }, 0, 5 },
};

static const pm_field_def sinst_fields[] = {
    { "survey_id", PM_FIELD_INT, NN, 5 },
    { "instrument", PM_FIELD_INT, NN, 5 },
    { "metric_id", PM_FIELD_INT, NN, 5 },
    { "text", PM_FIELD_TEXT, 0, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def sinst_indexes[] = {
    { "survey_instrument_by_survey", 3, { PM_SINST_SURVEY, PM_SINST_INSTRUMENT, PM_SINST_METRIC },
      PM_INDEX_UNIQUE, 5 },
};

static const pm_field_def saud_fields[] = {
    { "survey_id", PM_FIELD_INT, NN, 5 },
    { "unit_id", PM_FIELD_INT, NN, 5 },
    { "person_id", PM_FIELD_INT, NN, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def saud_indexes[] = {
    { "survey_audience_by_survey", 1, { PM_SAUD_SURVEY }, 0, 5 },
};

static const pm_field_def sinv_fields[] = {
    { "survey_id", PM_FIELD_INT, NN, 5 },
    { "person_id", PM_FIELD_INT, NN, 5 },
    { "unit_id", PM_FIELD_INT, NN, 5 },
    { "responded", PM_FIELD_INT, NN, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def sinv_indexes[] = {
    { "survey_invitee_by_survey", 2, { PM_SINV_SURVEY, PM_SINV_PERSON }, PM_INDEX_UNIQUE, 5 },
    { "survey_invitee_by_unit", 2, { PM_SINV_SURVEY, PM_SINV_UNIT }, 0, 5 },
};

static const pm_field_def sans_fields[] = {
    { "survey_id", PM_FIELD_INT, NN, 5 },
    { "person_id", PM_FIELD_INT, NN, 5 },
    { "instrument", PM_FIELD_INT, NN, 5 },
    { "metric_id", PM_FIELD_INT, NN, 5 },
    { "item", PM_FIELD_INT, NN, 5 },
    { "value", PM_FIELD_INT, NN, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def sans_indexes[] = {
    { "survey_answer_by_respondent", 2, { PM_SANS_SURVEY, PM_SANS_PERSON }, 0, 5 },
    { "survey_answer_by_created", 1, { PM_SANS_CREATED_AT }, 0, 6 },
};

static const pm_field_def evaluation_fields[] = {
    { "title", PM_FIELD_TEXT, NN, 5 },
    { "programme_id", PM_FIELD_INT, NN, 5 },
    { "metric_id", PM_FIELD_INT, NN, 5 },
    { "pre_from", PM_FIELD_TIME, 0, 5 },
    { "pre_to", PM_FIELD_TIME, 0, 5 },
    { "post_from", PM_FIELD_TIME, 0, 5 },
    { "post_to", PM_FIELD_TIME, 0, 5 },
    { "min_group", PM_FIELD_INT, NN, 5 },
    AUDIT_FIELDS_SINCE(5),
};

static const pm_field_def emem_fields[] = {
    { "evaluation_id", PM_FIELD_INT, NN, 5 },
    { "person_id", PM_FIELD_INT, NN, 5 },
    { "member_group", PM_FIELD_INT, NN, 5 },
    { "pre_value", PM_FIELD_REAL, 0, 5 },
    { "post_value", PM_FIELD_REAL, 0, 5 },
    AUDIT_FIELDS_SINCE(5),
};
static const pm_index_def emem_indexes[] = {
    { "evaluation_member_by_evaluation", 2, { PM_EMEM_EVALUATION, PM_EMEM_PERSON },
      PM_INDEX_UNIQUE, 5 },
};

static const pm_field_def audit_fields[] = {
    { "at", PM_FIELD_TIME, NN, 6 },
    { "actor_id", PM_FIELD_INT, NN, 6 },
    { "actor_kind", PM_FIELD_INT, NN, 6 },
    { "op", PM_FIELD_INT, NN, 6 },
    { "record_kind", PM_FIELD_INT, NN, 6 },
    { "record_id", PM_FIELD_INT, NN, 6 },
    { "record_count", PM_FIELD_INT, NN, 6 },
};
static const pm_index_def audit_indexes[] = {
    { "audit_entry_by_at", 1, { PM_AUDIT_AT }, 0, 6 },
    { "audit_entry_by_record", 2, { PM_AUDIT_RECORD_KIND, PM_AUDIT_RECORD }, 0, 6 },
    { "audit_entry_by_actor", 2, { PM_AUDIT_ACTOR, PM_AUDIT_AT }, 0, 6 },
};

static const pm_field_def audu_fields[] = {
    { "day", PM_FIELD_DATE, NN, 6 },
    { "record_kind", PM_FIELD_INT, NN, 6 },
    { "op", PM_FIELD_INT, NN, 6 },
    { "record_count", PM_FIELD_INT, NN, 6 },
};
static const pm_index_def audu_indexes[] = {
    { "audit_undisclosed_by_day", 3, { PM_AUDU_DAY, PM_AUDU_RECORD_KIND, PM_AUDU_OP },
      PM_INDEX_UNIQUE, 6 },
};

static const pm_field_def hold_fields[] = {
    { "person_id", PM_FIELD_INT, NN, 6 },
    { "reason", PM_FIELD_TEXT, 0, 6 },
    AUDIT_FIELDS_SINCE(6),
};
static const pm_index_def hold_indexes[] = {
    { "legal_hold_by_person", 1, { PM_HOLD_PERSON }, PM_INDEX_UNIQUE, 6 },
};

static const pm_field_def retention_fields[] = {
    { "class", PM_FIELD_INT, NN, 6 },
    { "days", PM_FIELD_INT, NN, 6 },
    AUDIT_FIELDS_SINCE(6),
};
static const pm_index_def retention_indexes[] = {
    { "retention_policy_by_class", 1, { PM_RETAIN_CLASS }, PM_INDEX_UNIQUE, 6 },
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
    [PM_KIND_FEEDBACK] = { "feedback", COUNT(feedback_fields), feedback_fields,
                           COUNT(feedback_indexes), feedback_indexes, 3 },
    [PM_KIND_FEEDBACK_REQUEST] = { "feedback_request", COUNT(request_fields), request_fields,
                                   COUNT(request_indexes), request_indexes, 3 },
    [PM_KIND_REQUEST_PART] = { "feedback_request_part", COUNT(part_fields), part_fields,
                               COUNT(part_indexes), part_indexes, 3 },
    [PM_KIND_REVIEW360] = { "review360", COUNT(review360_fields), review360_fields,
                            COUNT(review360_indexes), review360_indexes, 3 },
    [PM_KIND_REVIEW360_RATER] = { "review360_rater", COUNT(rater_fields), rater_fields,
                                  COUNT(rater_indexes), rater_indexes, 3 },
    [PM_KIND_REVIEW360_QUESTION] = { "review360_question", COUNT(question_fields),
                                     question_fields, COUNT(question_indexes),
                                     question_indexes, 3 },
    [PM_KIND_REVIEW360_ANSWER] = { "review360_answer", COUNT(answer_fields), answer_fields,
                                   COUNT(answer_indexes), answer_indexes, 3 },
    [PM_KIND_SCALE] = { "scale", COUNT(scale_fields), scale_fields,
                        COUNT(scale_indexes), scale_indexes, 4 },
    [PM_KIND_SCALE_LEVEL] = { "scale_level", COUNT(level_fields), level_fields,
                              COUNT(level_indexes), level_indexes, 4 },
    [PM_KIND_COMPETENCY] = { "competency", COUNT(competency_fields), competency_fields,
                             COUNT(competency_indexes), competency_indexes, 4 },
    [PM_KIND_ROLE] = { "role", COUNT(role_fields), role_fields,
                       COUNT(role_indexes), role_indexes, 4 },
    [PM_KIND_ROLE_REQUIREMENT] = { "role_requirement", COUNT(requirement_fields),
                                   requirement_fields, COUNT(requirement_indexes),
                                   requirement_indexes, 4 },
    [PM_KIND_ROLE_ASSIGNMENT] = { "role_assignment", COUNT(assignment_fields), assignment_fields,
                                  COUNT(assignment_indexes), assignment_indexes, 4 },
    [PM_KIND_ASSESSMENT_ROUND] = { "assessment_round", COUNT(around_fields), around_fields,
                                   COUNT(around_indexes), around_indexes, 4 },
    [PM_KIND_ASSESSMENT] = { "assessment", COUNT(assessment_fields), assessment_fields,
                             COUNT(assessment_indexes), assessment_indexes, 4 },
    [PM_KIND_PLAN] = { "plan", COUNT(plan_fields), plan_fields,
                       COUNT(plan_indexes), plan_indexes, 4 },
    [PM_KIND_PLAN_AREA] = { "plan_area", COUNT(area_fields), area_fields,
                            COUNT(area_indexes), area_indexes, 4 },
    [PM_KIND_PLAN_ITEM] = { "plan_item", COUNT(item_fields), item_fields,
                            COUNT(item_indexes), item_indexes, 4 },
    [PM_KIND_ITEM_COMPETENCY] = { "item_competency", COUNT(itemc_fields), itemc_fields,
                                  COUNT(itemc_indexes), itemc_indexes, 4 },
    [PM_KIND_PROGRAMME] = { "programme", COUNT(programme_fields), programme_fields,
                            COUNT(programme_indexes), programme_indexes, 4 },
    [PM_KIND_PROGRAMME_COMPETENCY] = { "programme_competency", COUNT(progc_fields),
                                       progc_fields, COUNT(progc_indexes), progc_indexes, 4 },
    [PM_KIND_PROGRAMME_SESSION] = { "programme_session", COUNT(psession_fields),
                                    psession_fields, COUNT(psession_indexes),
                                    psession_indexes, 4 },
    [PM_KIND_ENROLMENT] = { "enrolment", COUNT(enrolment_fields), enrolment_fields,
                            COUNT(enrolment_indexes), enrolment_indexes, 4 },
    [PM_KIND_METRIC] = { "metric", COUNT(metric_fields), metric_fields,
                         COUNT(metric_indexes), metric_indexes, 5 },
    [PM_KIND_MEASUREMENT] = { "measurement", COUNT(measurement_fields), measurement_fields,
                              COUNT(measurement_indexes), measurement_indexes, 5 },
    [PM_KIND_SURVEY] = { "survey", COUNT(survey_fields), survey_fields,
                         COUNT(survey_indexes), survey_indexes, 5 },
    [PM_KIND_SURVEY_INSTRUMENT] = { "survey_instrument", COUNT(sinst_fields), sinst_fields,
                                    COUNT(sinst_indexes), sinst_indexes, 5 },
    [PM_KIND_SURVEY_AUDIENCE] = { "survey_audience", COUNT(saud_fields), saud_fields,
                                  COUNT(saud_indexes), saud_indexes, 5 },
    [PM_KIND_SURVEY_INVITEE] = { "survey_invitee", COUNT(sinv_fields), sinv_fields,
                                 COUNT(sinv_indexes), sinv_indexes, 5 },
    [PM_KIND_SURVEY_ANSWER] = { "survey_answer", COUNT(sans_fields), sans_fields,
                                COUNT(sans_indexes), sans_indexes, 5 },
    [PM_KIND_EVALUATION] = { "evaluation", COUNT(evaluation_fields), evaluation_fields,
                             0, NULL, 5 },
    [PM_KIND_EVALUATION_MEMBER] = { "evaluation_member", COUNT(emem_fields), emem_fields,
                                    COUNT(emem_indexes), emem_indexes, 5 },
    [PM_KIND_AUDIT] = { "audit_entry", COUNT(audit_fields), audit_fields,
                        COUNT(audit_indexes), audit_indexes, 6 },
    [PM_KIND_AUDIT_UNDISCLOSED] = { "audit_undisclosed", COUNT(audu_fields), audu_fields,
                                    COUNT(audu_indexes), audu_indexes, 6 },
    [PM_KIND_LEGAL_HOLD] = { "legal_hold", COUNT(hold_fields), hold_fields,
                             COUNT(hold_indexes), hold_indexes, 6 },
    [PM_KIND_RETENTION] = { "retention_policy", COUNT(retention_fields), retention_fields,
                            COUNT(retention_indexes), retention_indexes, 6 },
};

/* The enums in schema.h index these arrays; a mismatch is a build error. */
_Static_assert(COUNT(kinds) == PM_KIND_COUNT, "kinds and enum pm_kind differ");
_Static_assert(COUNT(person_fields) == PM_PERSON_NFIELDS, "person fields differ");
_Static_assert(COUNT(audit_fields) == PM_AUDIT_NFIELDS, "audit fields differ");
_Static_assert(COUNT(audu_fields) == PM_AUDU_NFIELDS, "audit undisclosed fields differ");
_Static_assert(COUNT(hold_fields) == PM_HOLD_NFIELDS, "legal hold fields differ");
_Static_assert(COUNT(retention_fields) == PM_RETAIN_NFIELDS, "retention fields differ");
_Static_assert(COUNT(unit_fields) == PM_UNIT_NFIELDS, "unit fields differ");
_Static_assert(COUNT(membership_fields) == PM_MEMBERSHIP_NFIELDS, "membership fields differ");
_Static_assert(COUNT(reporting_fields) == PM_REPORTING_NFIELDS, "reporting fields differ");
_Static_assert(COUNT(goal_fields) == PM_GOAL_NFIELDS, "goal fields differ");
_Static_assert(COUNT(key_result_fields) == PM_KEY_RESULT_NFIELDS, "key result fields differ");
_Static_assert(COUNT(progress_fields) == PM_PROGRESS_NFIELDS, "progress fields differ");
_Static_assert(COUNT(series_fields) == PM_SERIES_NFIELDS, "series fields differ");
_Static_assert(COUNT(checkin_fields) == PM_CHECKIN_NFIELDS, "checkin fields differ");
_Static_assert(COUNT(entry_fields) == PM_ENTRY_NFIELDS, "checkin entry fields differ");
_Static_assert(COUNT(feedback_fields) == PM_FB_NFIELDS, "feedback fields differ");
_Static_assert(COUNT(request_fields) == PM_FREQ_NFIELDS, "request fields differ");
_Static_assert(COUNT(part_fields) == PM_PART_NFIELDS, "request part fields differ");
_Static_assert(COUNT(review360_fields) == PM_R360_NFIELDS, "review360 fields differ");
_Static_assert(COUNT(rater_fields) == PM_R360R_NFIELDS, "review360 rater fields differ");
_Static_assert(COUNT(question_fields) == PM_R360Q_NFIELDS, "review360 question fields differ");
_Static_assert(COUNT(answer_fields) == PM_R360A_NFIELDS, "review360 answer fields differ");
_Static_assert(COUNT(scale_fields) == PM_SCALE_NFIELDS, "scale fields differ");
_Static_assert(COUNT(level_fields) == PM_SLEVEL_NFIELDS, "scale level fields differ");
_Static_assert(COUNT(competency_fields) == PM_COMP_NFIELDS, "competency fields differ");
_Static_assert(COUNT(role_fields) == PM_ROLE_NFIELDS, "role fields differ");
_Static_assert(COUNT(requirement_fields) == PM_REQ_NFIELDS, "role requirement fields differ");
_Static_assert(COUNT(assignment_fields) == PM_ASSIGN_NFIELDS, "role assignment fields differ");
_Static_assert(COUNT(around_fields) == PM_AROUND_NFIELDS, "assessment round fields differ");
_Static_assert(COUNT(assessment_fields) == PM_ASSESS_NFIELDS, "assessment fields differ");
_Static_assert(COUNT(plan_fields) == PM_PLN_NFIELDS, "plan fields differ");
_Static_assert(COUNT(area_fields) == PM_AREA_NFIELDS, "plan area fields differ");
_Static_assert(COUNT(item_fields) == PM_PITEM_NFIELDS, "plan item fields differ");
_Static_assert(COUNT(itemc_fields) == PM_ITEMC_NFIELDS, "item competency fields differ");
_Static_assert(COUNT(programme_fields) == PM_PROG_NFIELDS, "programme fields differ");
_Static_assert(COUNT(progc_fields) == PM_PROGC_NFIELDS, "programme competency fields differ");
_Static_assert(COUNT(psession_fields) == PM_PSESSION_NFIELDS, "programme session fields differ");
_Static_assert(COUNT(enrolment_fields) == PM_ENROL_NFIELDS, "enrolment fields differ");
_Static_assert(COUNT(metric_fields) == PM_METRIC_NFIELDS, "metric fields differ");
_Static_assert(COUNT(measurement_fields) == PM_MEAS_NFIELDS, "measurement fields differ");
_Static_assert(COUNT(survey_fields) == PM_SURVEY_NFIELDS, "survey fields differ");
_Static_assert(COUNT(sinst_fields) == PM_SINST_NFIELDS, "survey instrument fields differ");
_Static_assert(COUNT(saud_fields) == PM_SAUD_NFIELDS, "survey audience fields differ");
_Static_assert(COUNT(sinv_fields) == PM_SINV_NFIELDS, "survey invitee fields differ");
_Static_assert(COUNT(sans_fields) == PM_SANS_NFIELDS, "survey answer fields differ");
_Static_assert(COUNT(evaluation_fields) == PM_EVAL_NFIELDS, "evaluation fields differ");
_Static_assert(COUNT(emem_fields) == PM_EMEM_NFIELDS, "evaluation member fields differ");

/* What the organisation cache keeps across transactions (api/org_cache.c). */
static const unsigned int stamped[] = { PM_KIND_PERSON, PM_KIND_MEMBERSHIP,
                                        PM_KIND_REPORTING_LINE };

static const pm_schema schema = { PM_SCHEMA_VERSION, PM_KIND_COUNT, kinds,
                                  sizeof stamped / sizeof stamped[0], stamped };

const pm_schema *pm_schema__get(void)
{
    return &schema;
}
