/* The export's "person": the directory entry, and the units the person
 * was in and the managers they reported to, each with its dates. */
#include "export_internal.h"

static const char *const status_names[] = { NULL, "active", "left", "erased" };
static const pm_export_enum person_status = PM_EXPORT_ENUM_OF(status_names);

static const pm_export_field person_fields[] = {
    PM_EXPORT_FIELD("external_id", PM_PERSON_EXTERNAL_ID, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("display_name", PM_PERSON_DISPLAY_NAME, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("email", PM_PERSON_EMAIL, PM_EXPORT_TEXT),
    PM_EXPORT_NAMED("status", PM_PERSON_STATUS, person_status),
    PM_EXPORT_FIELD("left_on", PM_PERSON_LEFT_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("hr_admin", PM_PERSON_HR_ADMIN, PM_EXPORT_BOOL),
    PM_EXPORT_AUDIT(PM_PERSON),
};
static const pm_export_table person_table =
    PM_EXPORT_TABLE("person", PM_KIND_PERSON, PM_PERSON_NFIELDS, person_fields);

static const pm_export_field membership_fields[] = {
    PM_EXPORT_REFERENCE("unit", PM_MEMBERSHIP_UNIT, PM_EXPORT_REF_UNIT),
    PM_EXPORT_FIELD("start_on", PM_MEMBERSHIP_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("end_on", PM_MEMBERSHIP_END_ON, PM_EXPORT_DATE),
};
static const pm_export_table membership_table =
    PM_EXPORT_TABLE("membership", PM_KIND_MEMBERSHIP, PM_MEMBERSHIP_NFIELDS, membership_fields);

static const pm_export_field reporting_fields[] = {
    PM_EXPORT_REFERENCE("manager", PM_REPORTING_MANAGER, PM_EXPORT_REF_PERSON),
    PM_EXPORT_FIELD("start_on", PM_REPORTING_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("end_on", PM_REPORTING_END_ON, PM_EXPORT_DATE),
};
static const pm_export_table reporting_table =
    PM_EXPORT_TABLE("reporting_line", PM_KIND_REPORTING_LINE, PM_REPORTING_NFIELDS,
                    reporting_fields);

/* A list of the person's periods (by start) under key of profile. */
static pm_status add_periods(pm_export *x, json_t *profile, const char *key,
                             const pm_export_table *t, unsigned int index)
{
    json_t *list = json_array();
    pm_status st = pm_export__set(x, profile, key, list);
    pm_value eq[1] = { pm_value__int(x->person) };
    if (st == PM_OK)
        st = pm_export__scan_into(x, t, index, eq, 1, list);
    return st;
}

pm_status pm_export__person(pm_export *x, json_t *root)
{
    json_t *profile = NULL;
    pm_status st = pm_export__get(&profile, x, &person_table, x->person);
    if (st == PM_OK && profile == NULL)
        st = pm_error__set(&x->s->error, PM_ENOTFOUND, "person: %lld does not exist",
                           (long long)x->person);
    if (st != PM_OK)
        return st;
    st = pm_export__set(x, root, "person", profile);
    if (st == PM_OK)
        st = add_periods(x, profile, "units", &membership_table, PM_MEMBERSHIP_BY_PERSON);
    if (st == PM_OK)
        st = add_periods(x, profile, "managers", &reporting_table, PM_REPORTING_BY_PERSON);
    return st;
}
