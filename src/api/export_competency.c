/* Competency assessments of the person, their assessment rounds and the
 * roles they held. Self assessments are provided; those of their manager
 * chain and 360 results are recorded by others. A manager's assessment in
 * a round not yet released is left out, as the person cannot read it yet:
 * the export must not open a blind round. */
#include "export_internal.h"

static const char *const sources[] = { NULL, "self", "manager", "360" };
static const pm_export_enum source = PM_EXPORT_ENUM_OF(sources);

static const pm_export_field assessment_fields[] = {
    PM_EXPORT_REFERENCE("competency", PM_ASSESS_COMPETENCY, PM_EXPORT_REF_COMPETENCY),
    PM_EXPORT_FIELD("level", PM_ASSESS_LEVEL, PM_EXPORT_INT),
    PM_EXPORT_NAMED("source", PM_ASSESS_SOURCE, source),
    PM_EXPORT_REFERENCE("assessor", PM_ASSESS_ASSESSOR, PM_EXPORT_REF_PERSON),
    PM_EXPORT_FIELD("on", PM_ASSESS_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("round", PM_ASSESS_ROUND, PM_EXPORT_ID),
    PM_EXPORT_FIELD("released", PM_ASSESS_RELEASED, PM_EXPORT_BOOL),
    PM_EXPORT_FIELD("note", PM_ASSESS_NOTE, PM_EXPORT_TEXT),
    PM_EXPORT_AUDIT(PM_ASSESS),
};
static const pm_export_table assessment_table =
    PM_EXPORT_TABLE("assessment", PM_KIND_ASSESSMENT, PM_ASSESS_NFIELDS, assessment_fields);

static const pm_export_field round_fields[] = {
    PM_EXPORT_FIELD("on", PM_AROUND_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("self_submitted_at", PM_AROUND_SELF_AT, PM_EXPORT_TIME),
    PM_EXPORT_FIELD("manager_submitted_at", PM_AROUND_MANAGER_AT, PM_EXPORT_TIME),
    PM_EXPORT_FIELD("released_at", PM_AROUND_RELEASED_AT, PM_EXPORT_TIME),
    PM_EXPORT_AUDIT(PM_AROUND),
};
static const pm_export_table round_table =
    PM_EXPORT_TABLE("assessment_round", PM_KIND_ASSESSMENT_ROUND, PM_AROUND_NFIELDS,
                    round_fields);

static const pm_export_field assignment_fields[] = {
    PM_EXPORT_REFERENCE("role", PM_ASSIGN_ROLE, PM_EXPORT_REF_ROLE),
    PM_EXPORT_FIELD("start_on", PM_ASSIGN_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("end_on", PM_ASSIGN_END_ON, PM_EXPORT_DATE),
    PM_EXPORT_AUDIT(PM_ASSIGN),
};
static const pm_export_table assignment_table =
    PM_EXPORT_TABLE("role_assignment", PM_KIND_ROLE_ASSIGNMENT, PM_ASSIGN_NFIELDS,
                    assignment_fields);

static pm_export_place assessment_place(pm_export *x, const pm_row *row)
{
    (void)x;
    int by_self = pm_value__as_int(&row->values[PM_ASSESS_SOURCE]) == PM_ASSESSED_BY_SELF;
    if (by_self)
        return PM_EXPORT_PROVIDED;
    return pm_value__as_int(&row->values[PM_ASSESS_RELEASED]) ? PM_EXPORT_RECORDED
                                                              : PM_EXPORT_SKIP;
}

static pm_export_place round_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_AROUND_CREATED_BY);
}

static pm_export_place assignment_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_ASSIGN_CREATED_BY);
}

pm_status pm_export__competency(pm_export *x)
{
    pm_value eq[1] = { pm_value__int(x->person) };
    pm_status st = pm_export__scan(x, &assessment_table, PM_ASSESS_BY_PERSON, eq, 1,
                                   "assessments", assessment_place, NULL);
    if (st == PM_OK)
        st = pm_export__scan(x, &round_table, PM_AROUND_BY_PERSON, eq, 1, "assessment_rounds",
                             round_place, NULL);
    if (st == PM_OK)
        st = pm_export__scan(x, &assignment_table, PM_ASSIGN_BY_PERSON, eq, 1,
                             "role_assignments", assignment_place, NULL);
    return st;
}
