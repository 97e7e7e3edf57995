/* The perfmgmt schema, declared as data: record kinds, their fields and
 * indexes. Backends turn it into tables; the api layer names kinds, fields
 * and indexes by the enums below (their values are positions in the arrays
 * of schema.c, so the two must stay in step). */
#ifndef PM_CORE_SCHEMA_H
#define PM_CORE_SCHEMA_H

#include "perfmgmt/sys/storage.h"

/* Version of the schema this library writes. Bump it when adding kinds,
 * fields or indexes, and mark them with `since` = the new version. */
#define PM_SCHEMA_VERSION 6

enum pm_kind {
    PM_KIND_PERSON = 0,
    PM_KIND_UNIT,
    PM_KIND_MEMBERSHIP,
    PM_KIND_REPORTING_LINE,
    PM_KIND_GOAL,            /* since 2 */
    PM_KIND_KEY_RESULT,      /* since 2 */
    PM_KIND_PROGRESS,        /* since 2 */
    PM_KIND_CHECKIN_SERIES,  /* since 2 */
    PM_KIND_CHECKIN,         /* since 2 */
    PM_KIND_CHECKIN_ENTRY,   /* since 2 */
    PM_KIND_FEEDBACK,        /* since 3 */
    PM_KIND_FEEDBACK_REQUEST, /* since 3 */
    PM_KIND_REQUEST_PART,    /* since 3 */
    PM_KIND_REVIEW360,       /* since 3 */
    PM_KIND_REVIEW360_RATER, /* since 3 */
    PM_KIND_REVIEW360_QUESTION, /* since 3 */
    PM_KIND_REVIEW360_ANSWER, /* since 3 */
    PM_KIND_SCALE,           /* since 4 */
    PM_KIND_SCALE_LEVEL,     /* since 4 */
    PM_KIND_COMPETENCY,      /* since 4 */
    PM_KIND_ROLE,            /* since 4 */
    PM_KIND_ROLE_REQUIREMENT, /* since 4 */
    PM_KIND_ROLE_ASSIGNMENT, /* since 4 */
    PM_KIND_ASSESSMENT_ROUND, /* since 4 */
    PM_KIND_ASSESSMENT,      /* since 4 */
    PM_KIND_PLAN,            /* since 4 */
    PM_KIND_PLAN_AREA,       /* since 4 */
    PM_KIND_PLAN_ITEM,       /* since 4 */
    PM_KIND_ITEM_COMPETENCY, /* since 4 */
    PM_KIND_PROGRAMME,       /* since 4 */
    PM_KIND_PROGRAMME_COMPETENCY, /* since 4 */
    PM_KIND_PROGRAMME_SESSION, /* since 4 */
    PM_KIND_ENROLMENT,       /* since 4 */
    PM_KIND_METRIC,          /* since 5 */
    PM_KIND_MEASUREMENT,     /* since 5 */
    PM_KIND_SURVEY,          /* since 5 */
    PM_KIND_SURVEY_INSTRUMENT, /* since 5 */
    PM_KIND_SURVEY_AUDIENCE, /* since 5 */
    PM_KIND_SURVEY_INVITEE,  /* since 5 */
    PM_KIND_SURVEY_ANSWER,   /* since 5 */
    PM_KIND_EVALUATION,      /* since 5 */
    PM_KIND_EVALUATION_MEMBER, /* since 5 */
    PM_KIND_AUDIT,           /* since 6 */
    PM_KIND_AUDIT_UNDISCLOSED, /* since 6 */
    PM_KIND_LEGAL_HOLD,      /* since 6 */
    PM_KIND_RETENTION,       /* since 6 */
    PM_KIND_COUNT
};

/* Fields shared by every kind, at the end: who and when, for each write. */
#define PM_AUDIT_FIELDS(prefix) \
    prefix##_CREATED_AT, prefix##_CREATED_BY, prefix##_UPDATED_AT, prefix##_UPDATED_BY

enum pm_person_field {
    PM_PERSON_EXTERNAL_ID = 0, /* TEXT not null, unique */
    PM_PERSON_DISPLAY_NAME,    /* TEXT not null */
    PM_PERSON_NAME_KEY,        /* TEXT not null: case-folded display name */
    PM_PERSON_EMAIL,           /* TEXT or NULL */
    PM_PERSON_STATUS,          /* INT: pm_person_status */
    PM_PERSON_LEFT_ON,         /* DATE or NULL */
    PM_PERSON_HR_ADMIN,        /* INT 0/1 */
    PM_AUDIT_FIELDS(PM_PERSON),
    PM_PERSON_NFIELDS
};
enum pm_person_index { PM_PERSON_BY_EXTERNAL_ID = 0, PM_PERSON_BY_NAME_KEY };

enum pm_unit_field {
    PM_UNIT_NAME = 0,  /* TEXT not null */
    PM_UNIT_NAME_KEY,  /* TEXT not null: case-folded name */
    PM_UNIT_PARENT,    /* INT not null: parent unit id, 0 at the top */
    PM_AUDIT_FIELDS(PM_UNIT),
    PM_UNIT_NFIELDS
};
enum pm_unit_index { PM_UNIT_BY_PARENT_NAME = 0 /* unique (parent, name_key) */ };

/* A dated period [start_on, end_on) of a person in a unit; end NULL = open. */
enum pm_membership_field {
    PM_MEMBERSHIP_PERSON = 0, /* INT not null */
    PM_MEMBERSHIP_UNIT,       /* INT not null */
    PM_MEMBERSHIP_START_ON,   /* DATE not null */
    PM_MEMBERSHIP_END_ON,     /* DATE or NULL */
    PM_AUDIT_FIELDS(PM_MEMBERSHIP),
    PM_MEMBERSHIP_NFIELDS
};
enum pm_membership_index {
    PM_MEMBERSHIP_BY_PERSON = 0, /* (person, start_on) */
    PM_MEMBERSHIP_BY_UNIT        /* (unit, start_on) */
};

/* A dated period [start_on, end_on) of a person reporting to a manager. */
enum pm_reporting_field {
    PM_REPORTING_PERSON = 0,  /* INT not null */
    PM_REPORTING_MANAGER,     /* INT not null */
    PM_REPORTING_START_ON,    /* DATE not null */
    PM_REPORTING_END_ON,      /* DATE or NULL */
    PM_AUDIT_FIELDS(PM_REPORTING),
    PM_REPORTING_NFIELDS
};
enum pm_reporting_index {
    PM_REPORTING_BY_PERSON = 0, /* (person, start_on) */
    PM_REPORTING_BY_MANAGER     /* (manager, start_on) */
};

enum pm_goal_field {
    PM_GOAL_OWNER = 0,        /* INT not null: person */
    PM_GOAL_UNIT,             /* INT not null: unit, 0 for a person's goal */
    PM_GOAL_TITLE,            /* TEXT not null */
    PM_GOAL_DESCRIPTION,      /* TEXT or NULL */
    PM_GOAL_KIND,             /* INT: pm_goal_kind */
    PM_GOAL_STATE,            /* INT: pm_goal_state */
    PM_GOAL_START_ON,         /* DATE not null */
    PM_GOAL_DUE_ON,           /* DATE not null */
    PM_GOAL_WEIGHT,           /* REAL not null */
    PM_GOAL_VISIBILITY,       /* INT: pm_visibility */
    PM_GOAL_PARENT,           /* INT not null: parent goal, 0 for none */
    PM_GOAL_SOURCE_CHECKIN,   /* INT not null: check-in, 0 for none */
    PM_AUDIT_FIELDS(PM_GOAL),
    PM_GOAL_SOURCE_FEEDBACK,  /* INT or NULL (since 3): feedback, 0 or NULL for none */
    PM_GOAL_NFIELDS
};
enum pm_goal_index {
    PM_GOAL_BY_OWNER = 0, /* (owner, due_on) */
    PM_GOAL_BY_UNIT,      /* (unit, due_on) */
    PM_GOAL_BY_PARENT     /* (parent, due_on) */
};

enum pm_key_result_field {
    PM_KEY_RESULT_GOAL = 0,   /* INT not null */
    PM_KEY_RESULT_TITLE,      /* TEXT not null */
    PM_KEY_RESULT_KIND,       /* INT: pm_key_result_kind */
    PM_KEY_RESULT_BASELINE,   /* REAL not null */
    PM_KEY_RESULT_TARGET,     /* REAL not null */
    PM_KEY_RESULT_CURRENT,    /* REAL not null: the latest progress value, kept for listing */
    PM_KEY_RESULT_UNIT,       /* TEXT or NULL */
    PM_KEY_RESULT_WEIGHT,     /* REAL not null */
    PM_KEY_RESULT_COMMIT,     /* REAL or NULL */
    PM_KEY_RESULT_STRETCH,    /* REAL or NULL */
    PM_AUDIT_FIELDS(PM_KEY_RESULT),
    PM_KEY_RESULT_NFIELDS
};
enum pm_key_result_index { PM_KEY_RESULT_BY_GOAL = 0 /* (goal) */ };

/* Append-only: a progress update is never changed (audit: created = recorded). */
enum pm_progress_field {
    PM_PROGRESS_GOAL = 0,       /* INT not null */
    PM_PROGRESS_KEY_RESULT,     /* INT not null: 0 for the goal's manual progress */
    PM_PROGRESS_VALUE,          /* REAL not null */
    PM_PROGRESS_CONFIDENCE,     /* INT or NULL: 0..10 */
    PM_PROGRESS_COMMENT,        /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_PROGRESS),
    PM_PROGRESS_NFIELDS
};
enum pm_progress_index {
    PM_PROGRESS_BY_GOAL = 0,    /* (goal, created_at) */
    PM_PROGRESS_BY_KEY_RESULT   /* (key_result, created_at) */
};

enum pm_checkin_series_field {
    PM_SERIES_MANAGER = 0,    /* INT not null */
    PM_SERIES_REPORT,         /* INT not null */
    PM_SERIES_CADENCE,        /* INT: pm_cadence */
    PM_SERIES_INTERVAL,       /* INT: weeks */
    PM_SERIES_DAY,            /* INT: day of month */
    PM_SERIES_START_ON,       /* DATE not null */
    PM_SERIES_PAUSED_ON,      /* DATE or NULL: paused since */
    PM_SERIES_ENDED_ON,       /* DATE or NULL */
    PM_AUDIT_FIELDS(PM_SERIES),
    PM_SERIES_NFIELDS
};
enum pm_checkin_series_index {
    PM_SERIES_BY_MANAGER = 0, /* (manager, start_on) */
    PM_SERIES_BY_REPORT       /* (report, start_on) */
};

enum pm_checkin_field {
    PM_CHECKIN_SERIES = 0,    /* INT not null */
    PM_CHECKIN_DATE,          /* DATE not null */
    PM_CHECKIN_STATE,         /* INT: pm_checkin_state */
    PM_CHECKIN_MOOD,          /* INT or NULL: 1..5 */
    PM_AUDIT_FIELDS(PM_CHECKIN),
    PM_CHECKIN_NFIELDS
};
enum pm_checkin_index { PM_CHECKIN_BY_SERIES = 0 /* (series, date) */ };

/* Talking points, notes, action items and goals discussed. Private entries
 * are their author's alone; nothing but the author check reads them. */
enum pm_checkin_entry_field {
    PM_ENTRY_SERIES = 0,      /* INT not null: so action items can follow the series */
    PM_ENTRY_CHECKIN,         /* INT not null: the check-in it is on now */
    PM_ENTRY_ORIGIN,          /* INT not null: the check-in it was added to */
    PM_ENTRY_KIND,            /* INT: pm_entry_kind */
    PM_ENTRY_AUTHOR,          /* INT not null */
    PM_ENTRY_TEXT,            /* TEXT or NULL */
    PM_ENTRY_PRIVATE,         /* INT 0/1 */
    PM_ENTRY_DONE_AT,         /* TIME or NULL: discussed / done */
    PM_ENTRY_OWNER,           /* INT not null: action items, else 0 */
    PM_ENTRY_DUE_ON,          /* DATE or NULL */
    PM_ENTRY_GOAL_ID,         /* INT not null: goal entries, else 0 */
    PM_ENTRY_GOAL_PROGRESS,   /* REAL or NULL: snapshot */
    PM_ENTRY_GOAL_HEALTH,     /* INT or NULL: snapshot */
    PM_AUDIT_FIELDS(PM_ENTRY),
    PM_ENTRY_NFIELDS
};
enum pm_checkin_entry_index {
    PM_ENTRY_BY_CHECKIN = 0,  /* (checkin) */
    PM_ENTRY_BY_SERIES_KIND,  /* (series, kind) */
    PM_ENTRY_BY_CREATED       /* (created_at), since 6: retention purges */
};

/* Version 3: feedback, requests and 360 rounds. */

/* Anonymous feedback keeps no giver: GIVER is 0, and GIVER_TAG holds
 * HMAC-SHA-256(secret, NONCE || giver id) in hex, which only a session
 * that knows the giver and the secret can match (see feedback.h). Its
 * GIVEN_AT and audit times are the start of the day; its audit ids are 0. */
enum pm_feedback_field {
    PM_FB_GIVER = 0,      /* INT not null: person, 0 when anonymous */
    PM_FB_GIVER_TAG,      /* TEXT or NULL: anonymous only */
    PM_FB_GIVER_NONCE,    /* TEXT or NULL: anonymous only */
    PM_FB_RECEIVER,       /* INT not null */
    PM_FB_KIND,           /* INT: pm_feedback_kind */
    PM_FB_DIRECTION,      /* INT: pm_direction, derived when given */
    PM_FB_VISIBILITY,     /* INT: pm_feedback_visibility */
    PM_FB_ANONYMOUS,      /* INT 0/1 */
    PM_FB_TEXT,           /* TEXT not null */
    PM_FB_SITUATION,      /* TEXT or NULL */
    PM_FB_BEHAVIOUR,      /* TEXT or NULL */
    PM_FB_IMPACT,         /* TEXT or NULL */
    PM_FB_GOAL_ID,        /* INT not null: 0 for none */
    PM_FB_COMPETENCY_ID,  /* INT not null: 0 for none */
    PM_FB_CHECKIN_ID,     /* INT not null: 0 for none */
    PM_FB_REQUEST_ID,     /* INT not null: 0 for none */
    PM_FB_GIVEN_AT,       /* TIME not null */
    PM_FB_ACKNOWLEDGED_AT, /* TIME or NULL */
    PM_FB_REACTION,       /* INT: pm_reaction */
    PM_AUDIT_FIELDS(PM_FB),
    PM_FB_NFIELDS
};
enum pm_feedback_index {
    PM_FB_BY_RECEIVER = 0, /* (receiver, given_at) */
    PM_FB_BY_GIVER,        /* (giver, given_at): giver 0 holds every anonymous entry */
    PM_FB_BY_VISIBILITY,   /* (visibility, given_at) */
    PM_FB_BY_TIME          /* (given_at) */
};

enum pm_feedback_request_field {
    PM_FREQ_REQUESTER = 0,   /* INT not null */
    PM_FREQ_SUBJECT,         /* INT not null */
    PM_FREQ_TOPIC,           /* TEXT not null */
    PM_FREQ_GOAL_ID,         /* INT not null: 0 for none */
    PM_FREQ_DUE_ON,          /* DATE not null */
    PM_FREQ_EXPIRES_ON,      /* DATE not null: last day it can be answered */
    PM_FREQ_REPEAT_DAYS,     /* INT not null: 0 for once */
    PM_FREQ_NEXT_ON,         /* DATE or NULL: when the next occurrence is due; NULL once renewed or for once */
    PM_FREQ_PREVIOUS,        /* INT not null: the request it repeats, 0 for none */
    PM_AUDIT_FIELDS(PM_FREQ),
    PM_FREQ_NFIELDS
};
enum pm_feedback_request_index {
    PM_FREQ_BY_REQUESTER = 0, /* (requester, created_at) */
    PM_FREQ_BY_SUBJECT,       /* (subject, created_at) */
    PM_FREQ_BY_NEXT_ON,       /* (next_on) */
    PM_FREQ_BY_CREATED        /* (created_at), since 6: retention purges */
};

/* One addressee's part of a request. Its state is requested, submitted or
 * declined; expired is computed from the request's expiry. */
enum pm_request_part_field {
    PM_PART_REQUEST = 0,        /* INT not null */
    PM_PART_ADDRESSEE,          /* INT not null */
    PM_PART_STATE,              /* INT: pm_request_state (1..3 stored) */
    PM_PART_ANSWERED_AT,        /* TIME or NULL */
    PM_PART_FEEDBACK_ID,        /* INT not null: the response, 0 for none */
    PM_PART_EXPIRES_ON,         /* DATE not null: copied from the request, for lists and stats */
    PM_AUDIT_FIELDS(PM_PART),
    PM_PART_NFIELDS
};
enum pm_request_part_index {
    PM_PART_BY_REQUEST = 0,     /* (request, addressee) unique */
    PM_PART_BY_ADDRESSEE        /* (addressee, created_at) */
};

enum pm_review360_field {
    PM_R360_SUBJECT = 0,        /* INT not null */
    PM_R360_TITLE,              /* TEXT not null */
    PM_R360_STATE,              /* INT: pm_review360_state */
    PM_R360_OPENS_ON,           /* DATE not null */
    PM_R360_CLOSES_ON,          /* DATE not null */
    PM_R360_THRESHOLD,          /* INT not null */
    PM_AUDIT_FIELDS(PM_R360),
    PM_R360_NFIELDS
};
enum pm_review360_index { PM_R360_BY_SUBJECT = 0 /* (subject, opens_on) */ };

/* A rater's row says who was asked and whether they submitted, never when:
 * submitting does not touch its audit fields. */
enum pm_review360_rater_field {
    PM_R360R_ROUND = 0,         /* INT not null */
    PM_R360R_PERSON,            /* INT not null */
    PM_R360R_GROUP,             /* INT: pm_rater_group */
    PM_R360R_SUBMITTED,         /* INT 0/1 */
    PM_AUDIT_FIELDS(PM_R360R),
    PM_R360R_NFIELDS
};
enum pm_review360_rater_index {
    PM_R360R_BY_ROUND = 0,      /* (round, person) unique */
    PM_R360R_BY_PERSON          /* (person, round) */
};

enum pm_review360_question_field {
    PM_R360Q_ROUND = 0,      /* INT not null */
    PM_R360Q_TEXT,           /* TEXT not null */
    PM_R360Q_SCALE_MIN,      /* INT not null: 0 with max 0 for open text */
    PM_R360Q_SCALE_MAX,      /* INT not null */
    PM_AUDIT_FIELDS(PM_R360Q),
    PM_R360Q_NFIELDS
};
enum pm_review360_question_index { PM_R360Q_BY_ROUND = 0 /* (round) */ };

/* An answer has no rater and no time of its own: its audit fields are the
 * round's opening day and 0 (see review360.h). */
enum pm_review360_answer_field {
    PM_R360A_ROUND = 0,        /* INT not null */
    PM_R360A_QUESTION,         /* INT not null */
    PM_R360A_GROUP,            /* INT: pm_rater_group */
    PM_R360A_RATING,           /* INT or NULL */
    PM_R360A_TEXT,             /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_R360A),
    PM_R360A_NFIELDS
};
enum pm_review360_answer_index {
    PM_R360A_BY_ROUND = 0      /* (round, question, group); answers may be
                                  longer than indexed text may be */
};

/* Version 4: competencies, assessments, development plans, programmes. */

enum pm_scale_field {
    PM_SCALE_NAME = 0,          /* TEXT not null */
    PM_SCALE_NAME_KEY,          /* TEXT not null: folded, unique */
    PM_SCALE_MIN_LEVEL,         /* INT not null */
    PM_SCALE_MAX_LEVEL,         /* INT not null */
    PM_AUDIT_FIELDS(PM_SCALE),
    PM_SCALE_NFIELDS
};
enum pm_scale_index { PM_SCALE_BY_NAME_KEY = 0 /* (name_key) unique */ };

enum pm_scale_level_field {
    PM_SLEVEL_SCALE = 0,         /* INT not null */
    PM_SLEVEL_VALUE,             /* INT not null */
    PM_SLEVEL_NAME,              /* TEXT not null */
    PM_SLEVEL_DESCRIPTION,       /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_SLEVEL),
    PM_SLEVEL_NFIELDS
};
enum pm_scale_level_index { PM_SLEVEL_BY_SCALE = 0 /* (scale, value) unique */ };

enum pm_competency_field {
    PM_COMP_NAME = 0,           /* TEXT not null */
    PM_COMP_NAME_KEY,           /* TEXT not null: folded */
    PM_COMP_CATEGORY,           /* TEXT not null */
    PM_COMP_CATEGORY_KEY,       /* TEXT not null: folded */
    PM_COMP_DESCRIPTION,        /* TEXT or NULL */
    PM_COMP_SCALE,              /* INT not null */
    PM_AUDIT_FIELDS(PM_COMP),
    PM_COMP_NFIELDS
};
enum pm_competency_index { PM_COMP_BY_CATEGORY_NAME = 0 /* (category_key, name_key) unique */ };

enum pm_role_field {
    PM_ROLE_NAME = 0,           /* TEXT not null */
    PM_ROLE_NAME_KEY,           /* TEXT not null: folded, unique */
    PM_ROLE_DESCRIPTION,        /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_ROLE),
    PM_ROLE_NFIELDS
};
enum pm_role_index { PM_ROLE_BY_NAME_KEY = 0 /* (name_key) unique */ };

enum pm_role_requirement_field {
    PM_REQ_ROLE = 0,            /* INT not null */
    PM_REQ_COMPETENCY,          /* INT not null */
    PM_REQ_LEVEL,               /* INT not null */
    PM_AUDIT_FIELDS(PM_REQ),
    PM_REQ_NFIELDS
};
enum pm_role_requirement_index { PM_REQ_BY_ROLE = 0 /* (role, competency) unique */ };

enum pm_role_assignment_field {
    PM_ASSIGN_PERSON = 0,       /* INT not null */
    PM_ASSIGN_ROLE,             /* INT not null */
    PM_ASSIGN_START_ON,         /* DATE not null */
    PM_ASSIGN_END_ON,           /* DATE or NULL: open-ended */
    PM_AUDIT_FIELDS(PM_ASSIGN),
    PM_ASSIGN_NFIELDS
};
enum pm_role_assignment_index {
    PM_ASSIGN_BY_PERSON = 0,    /* (person, start_on) */
    PM_ASSIGN_BY_ROLE           /* (role, start_on) */
};

enum pm_assessment_round_field {
    PM_AROUND_PERSON = 0,       /* INT not null */
    PM_AROUND_ON,               /* DATE not null: the day its assessments hold from */
    PM_AROUND_SELF_AT,          /* TIME or NULL: the person submitted */
    PM_AROUND_MANAGER_AT,       /* TIME or NULL: the manager side submitted */
    PM_AROUND_RELEASED_AT,      /* TIME or NULL */
    PM_AUDIT_FIELDS(PM_AROUND),
    PM_AROUND_NFIELDS
};
enum pm_assessment_round_index { PM_AROUND_BY_PERSON = 0 /* (person, on) */ };

enum pm_assessment_field {
    PM_ASSESS_PERSON = 0,       /* INT not null */
    PM_ASSESS_COMPETENCY,       /* INT not null */
    PM_ASSESS_LEVEL,            /* INT not null */
    PM_ASSESS_SOURCE,           /* INT: pm_assessment_source */
    PM_ASSESS_ASSESSOR,         /* INT not null: 0 for the system actor */
    PM_ASSESS_ON,               /* DATE not null */
    PM_ASSESS_ROUND,            /* INT not null: 0 for none */
    PM_ASSESS_RELEASED,         /* INT 0/1: 1 outside a round */
    PM_ASSESS_NOTE,             /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_ASSESS),
    PM_ASSESS_NFIELDS
};
enum pm_assessment_index {
    PM_ASSESS_BY_PERSON = 0,    /* (person, competency, on) */
    PM_ASSESS_BY_ROUND          /* (round) */
};

enum pm_plan_field {
    PM_PLN_PERSON = 0,         /* INT not null */
    PM_PLN_START_ON,           /* DATE not null */
    PM_PLN_END_ON,             /* DATE not null */
    PM_PLN_STRENGTHS,          /* TEXT or NULL */
    PM_PLN_AMBITIONS,          /* TEXT or NULL */
    PM_PLN_TARGET_ROLE,        /* INT not null: 0 for none */
    PM_PLN_PREVIOUS,           /* INT not null: 0 for none */
    PM_AUDIT_FIELDS(PM_PLN),
    PM_PLN_NFIELDS
};
enum pm_plan_index { PM_PLN_BY_PERSON = 0 /* (person, start_on) */ };

enum pm_plan_area_field {
    PM_AREA_PLAN = 0,           /* INT not null */
    PM_AREA_COMPETENCY,         /* INT not null */
    PM_AREA_NOTE,               /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_AREA),
    PM_AREA_NFIELDS
};
enum pm_plan_area_index { PM_AREA_BY_PLAN = 0 /* (plan, competency) unique */ };

enum pm_plan_item_field {
    PM_PITEM_PLAN = 0,           /* INT not null */
    PM_PITEM_PERSON,             /* INT not null: the plan's person, for access */
    PM_PITEM_KIND,               /* INT: pm_item_kind */
    PM_PITEM_TITLE,              /* TEXT not null */
    PM_PITEM_NOTES,              /* TEXT or NULL */
    PM_PITEM_STATE,              /* INT: pm_item_state */
    PM_PITEM_START_ON,           /* DATE or NULL */
    PM_PITEM_DUE_ON,             /* DATE or NULL */
    PM_PITEM_DONE_ON,            /* DATE or NULL */
    PM_PITEM_WEIGHT,             /* REAL not null */
    PM_PITEM_MENTOR,             /* INT not null: 0 for none */
    PM_PITEM_GOAL,               /* INT not null: 0 for none */
    PM_PITEM_METRIC,             /* INT not null: 0 for none */
    PM_PITEM_METRIC_TARGET,      /* REAL or NULL */
    PM_PITEM_PROGRAMME,          /* INT not null: 0 unless made by an enrolment */
    PM_AUDIT_FIELDS(PM_PITEM),
    PM_PITEM_NFIELDS
};
enum pm_plan_item_index {
    PM_PITEM_BY_PLAN = 0,        /* (plan, due_on) */
    PM_PITEM_BY_MENTOR           /* (mentor, due_on) */
};

enum pm_item_competency_field {
    PM_ITEMC_ITEM = 0,          /* INT not null */
    PM_ITEMC_COMPETENCY,        /* INT not null */
    PM_AUDIT_FIELDS(PM_ITEMC),
    PM_ITEMC_NFIELDS
};
enum pm_item_competency_index { PM_ITEMC_BY_ITEM = 0 /* (item, competency) unique */ };

enum pm_programme_field {
    PM_PROG_NAME = 0,           /* TEXT not null */
    PM_PROG_NAME_KEY,           /* TEXT not null: folded, unique */
    PM_PROG_KIND,               /* INT: pm_programme_kind */
    PM_PROG_DESCRIPTION,        /* TEXT or NULL */
    PM_PROG_CAPACITY,           /* INT not null: 0 for no limit */
    PM_AUDIT_FIELDS(PM_PROG),
    PM_PROG_NFIELDS
};
enum pm_programme_index { PM_PROG_BY_NAME_KEY = 0 /* (name_key) unique */ };

enum pm_programme_competency_field {
    PM_PROGC_PROGRAMME = 0,     /* INT not null */
    PM_PROGC_COMPETENCY,        /* INT not null */
    PM_AUDIT_FIELDS(PM_PROGC),
    PM_PROGC_NFIELDS
};
enum pm_programme_competency_index {
    PM_PROGC_BY_PROGRAMME = 0   /* (programme, competency) unique */
};

enum pm_programme_session_field {
    PM_PSESSION_PROGRAMME = 0,  /* INT not null */
    PM_PSESSION_ON,             /* DATE not null */
    PM_PSESSION_TITLE,          /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_PSESSION),
    PM_PSESSION_NFIELDS
};
enum pm_programme_session_index { PM_PSESSION_BY_PROGRAMME = 0 /* (programme, on) */ };

enum pm_enrolment_field {
    PM_ENROL_PROGRAMME = 0,     /* INT not null */
    PM_ENROL_PERSON,            /* INT not null */
    PM_ENROL_STATE,             /* INT: pm_enrolment_state */
    PM_ENROL_RESULT,            /* INT: pm_enrolment_result */
    PM_ENROL_INVITED_ON,        /* DATE or NULL */
    PM_ENROL_ENROLLED_ON,       /* DATE or NULL */
    PM_ENROL_ENDED_ON,          /* DATE or NULL */
    PM_ENROL_ITEM,              /* INT not null: 0 until enrolled */
    PM_AUDIT_FIELDS(PM_ENROL),
    PM_ENROL_NFIELDS
};
enum pm_enrolment_index {
    PM_ENROL_BY_PROGRAMME = 0,  /* (programme, person) unique */
    PM_ENROL_BY_PERSON          /* (person) */
};

/* Version 5: wellbeing metrics, measurements, surveys and evaluations. */

enum pm_metric_field {
    PM_METRIC_NAME = 0,         /* TEXT not null */
    PM_METRIC_NAME_KEY,         /* TEXT not null: folded, unique */
    PM_METRIC_UNIT,             /* TEXT or NULL */
    PM_METRIC_MIN,              /* REAL not null */
    PM_METRIC_MAX,              /* REAL not null */
    PM_METRIC_DIRECTION,        /* INT: pm_metric_direction */
    PM_METRIC_RELIABILITY,      /* REAL or NULL */
    PM_METRIC_BUILTIN,          /* INT not null: pm_builtin_metric, 0 for custom */
    PM_AUDIT_FIELDS(PM_METRIC),
    PM_METRIC_NFIELDS
};
enum pm_metric_index {
    PM_METRIC_BY_NAME_KEY = 0,  /* (name_key) unique */
    PM_METRIC_BY_BUILTIN        /* (builtin) */
};

/* A measurement keeps the unit its person was in when it was taken (the
 * group key of trends), and the trend index covers what a trend reads, so
 * a trend is one ordered scan of it. */
enum pm_measurement_field {
    PM_MEAS_PERSON = 0,         /* INT not null */
    PM_MEAS_METRIC,             /* INT not null */
    PM_MEAS_VALUE,              /* REAL not null */
    PM_MEAS_AT,                 /* TIME not null */
    PM_MEAS_SOURCE,             /* INT: pm_measurement_source */
    PM_MEAS_UNIT,               /* INT not null: unit at that time, 0 for none */
    PM_MEAS_SURVEY,             /* INT not null: 0 unless from a survey */
    PM_AUDIT_FIELDS(PM_MEAS),
    PM_MEAS_NFIELDS
};
enum pm_measurement_index {
    PM_MEAS_BY_TREND = 0,       /* (metric, unit, at, person, value) */
    PM_MEAS_BY_PERSON,          /* (person, metric, at) */
    PM_MEAS_BY_AT               /* (at), since 6: retention purges */
};

enum pm_survey_field {
    PM_SURVEY_TITLE = 0,        /* TEXT not null */
    PM_SURVEY_STATE,            /* INT: pm_survey_state */
    PM_SURVEY_OPENS_ON,         /* DATE not null */
    PM_SURVEY_CLOSES_ON,        /* DATE not null */
    PM_SURVEY_THRESHOLD,        /* INT not null: frozen when it opens */
    PM_SURVEY_REPEAT_DAYS,      /* INT not null */
    PM_SURVEY_NEXT_ON,          /* DATE or NULL: when the next round is due */
    PM_SURVEY_PREVIOUS,         /* INT not null: 0 for none */
    PM_AUDIT_FIELDS(PM_SURVEY),
    PM_SURVEY_NFIELDS
};
enum pm_survey_index { PM_SURVEY_BY_NEXT_ON = 0 /* (next_on) */ };

enum pm_survey_instrument_field {
    PM_SINST_SURVEY = 0,        /* INT not null */
    PM_SINST_INSTRUMENT,        /* INT: pm_instrument */
    PM_SINST_METRIC,            /* INT not null: the metric it scores into */
    PM_SINST_TEXT,              /* TEXT or NULL: a pulse item's question */
    PM_AUDIT_FIELDS(PM_SINST),
    PM_SINST_NFIELDS
};
enum pm_survey_instrument_index {
    PM_SINST_BY_SURVEY = 0      /* (survey, instrument, metric) unique */
};

enum pm_survey_audience_field {
    PM_SAUD_SURVEY = 0,         /* INT not null */
    PM_SAUD_UNIT,               /* INT not null: 0 when a person */
    PM_SAUD_PERSON,             /* INT not null: 0 when a unit */
    PM_AUDIT_FIELDS(PM_SAUD),
    PM_SAUD_NFIELDS
};
enum pm_survey_audience_index { PM_SAUD_BY_SURVEY = 0 /* (survey) */ };

/* The audience frozen when a survey opens: who was asked, in which unit,
 * and whether they answered. */
enum pm_survey_invitee_field {
    PM_SINV_SURVEY = 0,         /* INT not null */
    PM_SINV_PERSON,             /* INT not null */
    PM_SINV_UNIT,               /* INT not null: unit when it opened, 0 for none */
    PM_SINV_RESPONDED,          /* INT 0/1 */
    PM_AUDIT_FIELDS(PM_SINV),
    PM_SINV_NFIELDS
};
enum pm_survey_invitee_index {
    PM_SINV_BY_SURVEY = 0,      /* (survey, person) unique */
    PM_SINV_BY_UNIT             /* (survey, unit) */
};

/* Item answers: only their respondent reads them. */
enum pm_survey_answer_field {
    PM_SANS_SURVEY = 0,         /* INT not null */
    PM_SANS_PERSON,             /* INT not null */
    PM_SANS_INSTRUMENT,         /* INT: pm_instrument */
    PM_SANS_METRIC,             /* INT not null */
    PM_SANS_ITEM,               /* INT not null: from 1 */
    PM_SANS_VALUE,              /* INT not null */
    PM_AUDIT_FIELDS(PM_SANS),
    PM_SANS_NFIELDS
};
enum pm_survey_answer_index {
    PM_SANS_BY_RESPONDENT = 0,  /* (survey, person) */
    PM_SANS_BY_CREATED          /* (created_at), since 6: retention purges */
};

enum pm_evaluation_field {
    PM_EVAL_TITLE = 0,          /* TEXT not null */
    PM_EVAL_PROGRAMME,          /* INT not null: 0 for another initiative */
    PM_EVAL_METRIC,             /* INT not null */
    PM_EVAL_PRE_FROM,           /* TIME or NULL: NULL when values are explicit */
    PM_EVAL_PRE_TO,             /* TIME or NULL */
    PM_EVAL_POST_FROM,          /* TIME or NULL */
    PM_EVAL_POST_TO,            /* TIME or NULL */
    PM_EVAL_MIN_GROUP,          /* INT not null */
    PM_AUDIT_FIELDS(PM_EVAL),
    PM_EVAL_NFIELDS
};

enum pm_evaluation_member_field {
    PM_EMEM_EVALUATION = 0,     /* INT not null */
    PM_EMEM_PERSON,             /* INT not null */
    PM_EMEM_GROUP,              /* INT: 1 participant, 2 comparison */
    PM_EMEM_PRE,                /* REAL or NULL: explicit value */
    PM_EMEM_POST,               /* REAL or NULL: explicit value */
    PM_AUDIT_FIELDS(PM_EMEM),
    PM_EMEM_NFIELDS
};
enum pm_evaluation_member_index {
    PM_EMEM_BY_EVALUATION = 0   /* (evaluation, person) unique */
};

/* The audit trail: one entry per write of a named actor. Append-only
 * through the API; holds no content. */
enum pm_audit_field {
    PM_AUDIT_AT = 0,            /* TIME not null */
    PM_AUDIT_ACTOR,             /* INT not null: person, 0 for the system actor */
    PM_AUDIT_ACTOR_KIND,        /* INT not null: pm_audit_actor */
    PM_AUDIT_OP,                /* INT not null: pm_audit_op */
    PM_AUDIT_RECORD_KIND,       /* INT not null: kind position in the schema */
    PM_AUDIT_RECORD,            /* INT not null: record id, 0 for several */
    PM_AUDIT_COUNT,             /* INT not null: records the entry covers */
    PM_AUDIT_NFIELDS
};
enum pm_audit_index {
    PM_AUDIT_BY_AT = 0,         /* (at) */
    PM_AUDIT_BY_RECORD,         /* (record_kind, record) */
    PM_AUDIT_BY_ACTOR           /* (actor, at) */
};

/* Writes whose actor must stay unknown (anonymous feedback, 360 answers):
 * counted per day, kind and operation, with no actor, time or record, in a
 * kind of its own so that no id sequence places them among named writes. */
enum pm_audit_undisclosed_field {
    PM_AUDU_DAY = 0,            /* DATE not null */
    PM_AUDU_RECORD_KIND,        /* INT not null */
    PM_AUDU_OP,                 /* INT not null: pm_audit_op */
    PM_AUDU_COUNT,              /* INT not null */
    PM_AUDU_NFIELDS
};
enum pm_audit_undisclosed_index {
    PM_AUDU_BY_DAY = 0          /* (day, record_kind, op) unique */
};

/* A legal hold: while it exists the person cannot be erased and retention
 * purges none of their records. */
enum pm_legal_hold_field {
    PM_HOLD_PERSON = 0,         /* INT not null */
    PM_HOLD_REASON,             /* TEXT or NULL */
    PM_AUDIT_FIELDS(PM_HOLD),
    PM_HOLD_NFIELDS
};
enum pm_legal_hold_index { PM_HOLD_BY_PERSON = 0 /* (person) unique */ };

/* A retention period set by the embedder for one class of data. */
enum pm_retention_field {
    PM_RETAIN_CLASS = 0,        /* INT not null: pm_retention_class */
    PM_RETAIN_DAYS,             /* INT not null: days kept, > 0 */
    PM_AUDIT_FIELDS(PM_RETAIN),
    PM_RETAIN_NFIELDS
};
enum pm_retention_index { PM_RETAIN_BY_CLASS = 0 /* (class) unique */ };

/* The schema this library declares (static data). */
const pm_schema *pm_schema__get(void);

#endif
