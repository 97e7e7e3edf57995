/* The perfmgmt schema, declared as data: record kinds, their fields and
 * indexes. Backends turn it into tables; the api layer names kinds, fields
 * and indexes by the enums below (their values are positions in the arrays
 * of schema.c, so the two must stay in step). */
#ifndef PM_CORE_SCHEMA_H
#define PM_CORE_SCHEMA_H

#include "perfmgmt/sys/storage.h"

/* Version of the schema this library writes. Bump it when adding kinds,
 * fields or indexes, and mark them with `since` = the new version. */
#define PM_SCHEMA_VERSION 1

enum pm_kind {
    PM_KIND_PERSON = 0,
    PM_KIND_UNIT,
    PM_KIND_MEMBERSHIP,
    PM_KIND_REPORTING_LINE,
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

/* The schema this library declares (static data). */
const pm_schema *pm_schema__get(void);

#endif
