/* Development: the person's plans with their areas and items (and the
 * competencies each item works on), their programme enrolments, and the
 * items of other people's plans that name them as mentor or coach. */
#include "export_internal.h"

static const char *const item_kinds[] = { NULL, "training", "coaching", "mentoring",
                                          "stretch_project", "cross_functional", "on_the_job",
                                          "self_study", "wellbeing" };
static const pm_export_enum item_kind = PM_EXPORT_ENUM_OF(item_kinds);
static const char *const item_states[] = { NULL, "planned", "in_progress", "done", "cancelled" };
static const pm_export_enum item_state = PM_EXPORT_ENUM_OF(item_states);
static const char *const enrolment_states[] = { NULL, "invited", "enrolled", "completed",
                                                "dropped" };
static const pm_export_enum enrolment_state = PM_EXPORT_ENUM_OF(enrolment_states);
static const char *const enrolment_results[] = { NULL, "pending", "passed", "failed", "absent" };
static const pm_export_enum enrolment_result = PM_EXPORT_ENUM_OF(enrolment_results);

static const pm_export_field plan_fields[] = {
    PM_EXPORT_FIELD("start_on", PM_PLN_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("end_on", PM_PLN_END_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("strengths", PM_PLN_STRENGTHS, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("ambitions", PM_PLN_AMBITIONS, PM_EXPORT_TEXT),
    PM_EXPORT_REFERENCE("target_role", PM_PLN_TARGET_ROLE, PM_EXPORT_REF_ROLE),
    PM_EXPORT_FIELD("previous", PM_PLN_PREVIOUS, PM_EXPORT_ID),
    PM_EXPORT_AUDIT(PM_PLN),
};
static const pm_export_table plan_table =
    PM_EXPORT_TABLE("plan", PM_KIND_PLAN, PM_PLN_NFIELDS, plan_fields);

static const pm_export_field area_fields[] = {
    PM_EXPORT_FIELD("plan", PM_AREA_PLAN, PM_EXPORT_ID),
    PM_EXPORT_REFERENCE("competency", PM_AREA_COMPETENCY, PM_EXPORT_REF_COMPETENCY),
    PM_EXPORT_FIELD("note", PM_AREA_NOTE, PM_EXPORT_TEXT),
    PM_EXPORT_AUDIT(PM_AREA),
};
static const pm_export_table area_table =
    PM_EXPORT_TABLE("plan_area", PM_KIND_PLAN_AREA, PM_AREA_NFIELDS, area_fields);

static const pm_export_field item_fields[] = {
    PM_EXPORT_FIELD("plan", PM_PITEM_PLAN, PM_EXPORT_ID),
    PM_EXPORT_NAMED("kind", PM_PITEM_KIND, item_kind),
    PM_EXPORT_FIELD("title", PM_PITEM_TITLE, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("notes", PM_PITEM_NOTES, PM_EXPORT_TEXT),
    PM_EXPORT_NAMED("state", PM_PITEM_STATE, item_state),
    PM_EXPORT_FIELD("start_on", PM_PITEM_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("due_on", PM_PITEM_DUE_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("done_on", PM_PITEM_DONE_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("weight", PM_PITEM_WEIGHT, PM_EXPORT_REAL),
    PM_EXPORT_REFERENCE("mentor", PM_PITEM_MENTOR, PM_EXPORT_REF_PERSON),
    PM_EXPORT_FIELD("goal", PM_PITEM_GOAL, PM_EXPORT_ID),
    PM_EXPORT_REFERENCE("metric", PM_PITEM_METRIC, PM_EXPORT_REF_METRIC),
    PM_EXPORT_FIELD("metric_target", PM_PITEM_METRIC_TARGET, PM_EXPORT_REAL),
    PM_EXPORT_REFERENCE("programme", PM_PITEM_PROGRAMME, PM_EXPORT_REF_PROGRAMME),
    PM_EXPORT_AUDIT(PM_PITEM),
};
static const pm_export_table item_table =
    PM_EXPORT_TABLE("plan_item", PM_KIND_PLAN_ITEM, PM_PITEM_NFIELDS, item_fields);

/* Someone else's item that names the person as mentor: what a mentor
 * reads of it, not the notes. */
static const pm_export_field mentored_fields[] = {
    PM_EXPORT_FIELD("plan", PM_PITEM_PLAN, PM_EXPORT_ID),
    PM_EXPORT_REFERENCE("person", PM_PITEM_PERSON, PM_EXPORT_REF_PERSON),
    PM_EXPORT_NAMED("kind", PM_PITEM_KIND, item_kind),
    PM_EXPORT_FIELD("title", PM_PITEM_TITLE, PM_EXPORT_TEXT),
    PM_EXPORT_NAMED("state", PM_PITEM_STATE, item_state),
    PM_EXPORT_FIELD("start_on", PM_PITEM_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("due_on", PM_PITEM_DUE_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("done_on", PM_PITEM_DONE_ON, PM_EXPORT_DATE),
};
static const pm_export_table mentored_table =
    PM_EXPORT_TABLE("plan_item", PM_KIND_PLAN_ITEM, PM_PITEM_NFIELDS, mentored_fields);

static const pm_export_field enrolment_fields[] = {
    PM_EXPORT_REFERENCE("programme", PM_ENROL_PROGRAMME, PM_EXPORT_REF_PROGRAMME),
    PM_EXPORT_NAMED("state", PM_ENROL_STATE, enrolment_state),
    PM_EXPORT_NAMED("result", PM_ENROL_RESULT, enrolment_result),
    PM_EXPORT_FIELD("invited_on", PM_ENROL_INVITED_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("enrolled_on", PM_ENROL_ENROLLED_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("ended_on", PM_ENROL_ENDED_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("item", PM_ENROL_ITEM, PM_EXPORT_ID),
    PM_EXPORT_AUDIT(PM_ENROL),
};
static const pm_export_table enrolment_table =
    PM_EXPORT_TABLE("enrolment", PM_KIND_ENROLMENT, PM_ENROL_NFIELDS, enrolment_fields);

static pm_export_place plan_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_PLN_CREATED_BY);
}

static pm_export_place area_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_AREA_CREATED_BY);
}

static pm_export_place item_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_PITEM_CREATED_BY);
}

static pm_export_place enrolment_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_ENROL_CREATED_BY);
}

/* Items of the person's own plans are listed with their plans. */
static pm_export_place mentored_place(pm_export *x, const pm_row *row)
{
    return pm_value__as_int(&row->values[PM_PITEM_PERSON]) == x->person ? PM_EXPORT_SKIP
                                                                        : PM_EXPORT_RECORDED;
}

typedef struct competencies_ctx {
    pm_export *x;
    json_t *list;
} competencies_ctx;

static int add_competency(const pm_row *row, void *payload)
{
    competencies_ctx *c = payload;
    pm_status st = pm_api__check_row(c->x->s, row, PM_ITEMC_NFIELDS, "item_competency");
    if (st == PM_OK) {
        json_t *id = pm_export__id(c->x, pm_value__as_int(&row->values[PM_ITEMC_COMPETENCY]),
                                   PM_EXPORT_REF_COMPETENCY);
        if (id == NULL || json_array_append_new(c->list, id) != 0)
            st = c->x->s->error.status != PM_OK ? c->x->s->error.status
                                                : pm_export__out_of_memory(c->x);
    }
    return st == PM_OK ? 0 : st;
}

/* The item's "competencies": the ids it works on, in id order. */
static pm_status add_item_competencies(pm_export *x, json_t *item, pm_id id)
{
    json_t *list = json_array();
    pm_status st = pm_export__set(x, item, "competencies", list);
    if (st != PM_OK)
        return st;
    competencies_ctx c = { x, list };
    pm_value eq[1] = { pm_value__int(id) };
    pm_scan scan = { PM_KIND_ITEM_COMPETENCY, PM_ITEMC_BY_ITEM, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(x->s, &scan, add_competency, &c);
}

static pm_status add_plan(pm_export *x, pm_id plan)
{
    pm_value eq[1] = { pm_value__int(plan) };
    pm_export_rows items = { 0 };
    pm_status st = pm_export__scan(x, &area_table, PM_AREA_BY_PLAN, eq, 1, "plan_areas",
                                   area_place, NULL);
    if (st == PM_OK)
        st = pm_export__scan(x, &item_table, PM_PITEM_BY_PLAN, eq, 1, "plan_items", item_place,
                             &items);
    for (size_t i = 0; st == PM_OK && i < items.count; i++)
        st = add_item_competencies(x, items.records[i], items.ids[i]);
    pm_export__rows_free(&items);
    return st;
}

pm_status pm_export__development(pm_export *x)
{
    pm_export_rows plans = { 0 };
    pm_value eq[1] = { pm_value__int(x->person) };
    pm_status st = pm_export__scan(x, &plan_table, PM_PLN_BY_PERSON, eq, 1, "plans", plan_place,
                                   &plans);
    for (size_t i = 0; st == PM_OK && i < plans.count; i++)
        st = add_plan(x, plans.ids[i]);
    pm_export__rows_free(&plans);
    if (st == PM_OK)
        st = pm_export__scan(x, &enrolment_table, PM_ENROL_BY_PERSON, eq, 1, "enrolments",
                             enrolment_place, NULL);
    if (st == PM_OK)
        st = pm_export__scan(x, &mentored_table, PM_PITEM_BY_MENTOR, eq, 1, "mentoring",
                             mentored_place, NULL);
    return st;
}
