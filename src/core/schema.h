/* The perfmgmt schema, declared as data: record kinds, their fields and
 * indexes. Backends turn it into tables; the api layer names kinds, fields
 * and indexes by the enums below (their values are positions in the arrays
 * of schema.c, so the two must stay in step). */
#ifndef PM_CORE_SCHEMA_H
#define PM_CORE_SCHEMA_H

#include "perfmgmt/sys/storage.h"

/* Version of the schema this library writes. Bump it when adding kinds,
 * fields or indexes, and mark them with `since` = the new version. */
#define PM_SCHEMA_VERSION 2

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
    PM_ENTRY_BY_SERIES_KIND   /* (series, kind) */
};

/* The schema this library declares (static data). */
const pm_schema *pm_schema__get(void);

#endif
