/* Wellbeing: the person's measurements, the surveys they were invited to
 * and their answers, and the evaluations that count them. Measurements,
 * invitations and answers are the person's alone to read (wellbeing.h):
 * only their own export holds them; one made on their behalf by someone
 * else says they were withheld. Evaluation memberships are HR's records
 * about them and appear in every export. */
#include "export_internal.h"

static const char *const sources[] = { NULL, "survey", "checkin", "manual", "import" };
static const pm_export_enum source = PM_EXPORT_ENUM_OF(sources);
static const char *const instruments[] = { NULL, "who5", "enps", "cbi_personal", "cbi_work",
                                           "cbi_client", "pulse" };
static const pm_export_enum instrument = PM_EXPORT_ENUM_OF(instruments);
static const char *const groups[] = { NULL, "participant", "comparison" };
static const pm_export_enum group = PM_EXPORT_ENUM_OF(groups);

static const pm_export_field measurement_fields[] = {
    PM_EXPORT_REFERENCE("metric", PM_MEAS_METRIC, PM_EXPORT_REF_METRIC),
    PM_EXPORT_FIELD("value", PM_MEAS_VALUE, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("at", PM_MEAS_AT, PM_EXPORT_TIME),
    PM_EXPORT_NAMED("source", PM_MEAS_SOURCE, source),
    PM_EXPORT_REFERENCE("unit", PM_MEAS_UNIT, PM_EXPORT_REF_UNIT),
    PM_EXPORT_REFERENCE("survey", PM_MEAS_SURVEY, PM_EXPORT_REF_SURVEY),
    PM_EXPORT_AUDIT(PM_MEAS),
};
static const pm_export_table measurement_table =
    PM_EXPORT_TABLE("measurement", PM_KIND_MEASUREMENT, PM_MEAS_NFIELDS, measurement_fields);

static const pm_export_field answer_fields[] = {
    PM_EXPORT_REFERENCE("survey", PM_SANS_SURVEY, PM_EXPORT_REF_SURVEY),
    PM_EXPORT_NAMED("instrument", PM_SANS_INSTRUMENT, instrument),
    PM_EXPORT_REFERENCE("metric", PM_SANS_METRIC, PM_EXPORT_REF_METRIC),
    PM_EXPORT_FIELD("item", PM_SANS_ITEM, PM_EXPORT_INT),
    PM_EXPORT_FIELD("value", PM_SANS_VALUE, PM_EXPORT_INT),
    PM_EXPORT_FIELD("created_at", PM_SANS_CREATED_AT, PM_EXPORT_TIME),
};
static const pm_export_table answer_table =
    PM_EXPORT_TABLE("survey_answer", PM_KIND_SURVEY_ANSWER, PM_SANS_NFIELDS, answer_fields);

static const pm_export_field invitee_fields[] = {
    PM_EXPORT_REFERENCE("survey", PM_SINV_SURVEY, PM_EXPORT_REF_SURVEY),
    PM_EXPORT_REFERENCE("unit", PM_SINV_UNIT, PM_EXPORT_REF_UNIT),
    PM_EXPORT_FIELD("responded", PM_SINV_RESPONDED, PM_EXPORT_BOOL),
    PM_EXPORT_FIELD("created_at", PM_SINV_CREATED_AT, PM_EXPORT_TIME),
};
static const pm_export_table invitee_table =
    PM_EXPORT_TABLE("survey_invitee", PM_KIND_SURVEY_INVITEE, PM_SINV_NFIELDS, invitee_fields);

static const pm_export_field member_fields[] = {
    PM_EXPORT_REFERENCE("evaluation", PM_EMEM_EVALUATION, PM_EXPORT_REF_EVALUATION),
    PM_EXPORT_NAMED("group", PM_EMEM_GROUP, group),
    PM_EXPORT_FIELD("pre", PM_EMEM_PRE, PM_EXPORT_REAL),
    PM_EXPORT_FIELD("post", PM_EMEM_POST, PM_EXPORT_REAL),
    PM_EXPORT_AUDIT(PM_EMEM),
};
static const pm_export_table member_table =
    PM_EXPORT_TABLE("evaluation_member", PM_KIND_EVALUATION_MEMBER, PM_EMEM_NFIELDS,
                    member_fields);

static pm_export_place measurement_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_MEAS_CREATED_BY);
}

static pm_export_place provided(pm_export *x, const pm_row *row)
{
    (void)x;
    (void)row;
    return PM_EXPORT_PROVIDED;
}

static pm_export_place recorded(pm_export *x, const pm_row *row)
{
    (void)x;
    (void)row;
    return PM_EXPORT_RECORDED;
}

/* The person's invitation and answers in every survey: neither kind has an
 * index by person, and surveys are few. */
static pm_status add_surveys(pm_export *x)
{
    pm_export_ids surveys = { 0 };
    pm_status st = pm_export__scan_ids(x, PM_KIND_SURVEY, PM_SCAN_BY_ID, NULL, 0, &surveys);
    for (size_t i = 0; st == PM_OK && i < surveys.count; i++) {
        pm_value eq[2] = { pm_value__int(surveys.ids[i]), pm_value__int(x->person) };
        st = pm_export__scan(x, &invitee_table, PM_SINV_BY_SURVEY, eq, 2, "survey_invitations",
                             recorded, NULL);
        if (st == PM_OK)
            st = pm_export__scan(x, &answer_table, PM_SANS_BY_RESPONDENT, eq, 2,
                                 "survey_answers", provided, NULL);
    }
    pm_export__ids_free(&surveys);
    return st;
}

/* Evaluations are few too, and their members have no index by person. */
static pm_status add_evaluations(pm_export *x)
{
    pm_export_ids evaluations = { 0 };
    pm_status st = pm_export__scan_ids(x, PM_KIND_EVALUATION, PM_SCAN_BY_ID, NULL, 0,
                                       &evaluations);
    for (size_t i = 0; st == PM_OK && i < evaluations.count; i++) {
        pm_value eq[2] = { pm_value__int(evaluations.ids[i]), pm_value__int(x->person) };
        st = pm_export__scan(x, &member_table, PM_EMEM_BY_EVALUATION, eq, 2,
                             "evaluation_memberships", recorded, NULL);
    }
    pm_export__ids_free(&evaluations);
    return st;
}

pm_status pm_export__wellbeing(pm_export *x)
{
    pm_status st = PM_OK;
    if (x->by_person) {
        pm_value eq[1] = { pm_value__int(x->person) };
        st = pm_export__scan(x, &measurement_table, PM_MEAS_BY_PERSON, eq, 1, "measurements",
                             measurement_place, NULL);
        if (st == PM_OK)
            st = add_surveys(x);
    }
    if (st == PM_OK)
        st = add_evaluations(x);
    return st;
}
