#include "schema.h"

#define AUDIT_FIELDS                                        \
    { "created_at", PM_FIELD_TIME, PM_FIELD_NOT_NULL, 1 },  \
    { "created_by", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },   \
    { "updated_at", PM_FIELD_TIME, PM_FIELD_NOT_NULL, 1 },  \
    { "updated_by", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 }

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

static const pm_kind_def kinds[] = {
    [PM_KIND_PERSON] = { "person", COUNT(person_fields), person_fields,
                         COUNT(person_indexes), person_indexes, 1 },
    [PM_KIND_UNIT] = { "unit", COUNT(unit_fields), unit_fields,
                       COUNT(unit_indexes), unit_indexes, 1 },
    [PM_KIND_MEMBERSHIP] = { "membership", COUNT(membership_fields), membership_fields,
                             COUNT(membership_indexes), membership_indexes, 1 },
    [PM_KIND_REPORTING_LINE] = { "reporting_line", COUNT(reporting_fields), reporting_fields,
                                 COUNT(reporting_indexes), reporting_indexes, 1 },
};

/* The enums in schema.h index these arrays; a mismatch is a build error. */
_Static_assert(COUNT(kinds) == PM_KIND_COUNT, "kinds and enum pm_kind differ");
_Static_assert(COUNT(person_fields) == PM_PERSON_NFIELDS, "person fields differ");
_Static_assert(COUNT(unit_fields) == PM_UNIT_NFIELDS, "unit fields differ");
_Static_assert(COUNT(membership_fields) == PM_MEMBERSHIP_NFIELDS, "membership fields differ");
_Static_assert(COUNT(reporting_fields) == PM_REPORTING_NFIELDS, "reporting fields differ");

static const pm_schema schema = { PM_SCHEMA_VERSION, PM_KIND_COUNT, kinds };

const pm_schema *pm_schema__get(void)
{
    return &schema;
}
