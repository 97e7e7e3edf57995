/* Erasure of competence and development records: the person's assessments
 * and assessment rounds, and their plans with areas, items and the items'
 * competencies. Programme enrolments stay (who took part is what
 * completion rates count) but no longer name the removed plan item.
 * Assessments they made of others, and items they mentor, are the other
 * person's and stay. */
#include "erase_internal.h"

static pm_status erase_plan(pm_erase *e, pm_id plan)
{
    pm_erase_ids items = { NULL, 0, 0 };
    pm_value key = pm_value__int(plan);
    pm_status st = pm_erase__collect(e, &items, PM_KIND_PLAN_ITEM, PM_PITEM_BY_PLAN, &key, 1, 0,
                                     "plan_item", NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < items.count; i++)
        st = pm_erase__remove_under(e, PM_KIND_ITEM_COMPETENCY, PM_ITEMC_BY_ITEM, items.ids[i]);
    if (st == PM_OK)
        st = pm_erase__remove_ids(e, PM_KIND_PLAN_ITEM, &items);
    if (st == PM_OK)
        st = pm_erase__remove_under(e, PM_KIND_PLAN_AREA, PM_AREA_BY_PLAN, plan);
    pm_erase__ids_free(&items);
    return st;
}

static pm_status erase_plans(pm_erase *e)
{
    pm_erase_ids plans = { NULL, 0, 0 };
    pm_value person = pm_value__int(e->person);
    pm_status st = pm_erase__collect(e, &plans, PM_KIND_PLAN, PM_PLN_BY_PERSON, &person, 1, 0,
                                     "plan", NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < plans.count; i++)
        st = erase_plan(e, plans.ids[i]);
    if (st == PM_OK)
        st = pm_erase__remove_ids(e, PM_KIND_PLAN, &plans);
    pm_erase__ids_free(&plans);
    return st;
}

static int names_an_item(const pm_erase *e, const pm_row *row, const void *arg)
{
    (void)e;
    (void)arg;
    return pm_value__as_int(&row->values[PM_ENROL_ITEM]) != 0;
}

static pm_status unlink_enrolments(pm_erase *e)
{
    pm_erase_ids enrolments = { NULL, 0, 0 };
    pm_value person = pm_value__int(e->person);
    pm_status st = pm_erase__collect(e, &enrolments, PM_KIND_ENROLMENT, PM_ENROL_BY_PERSON,
                                     &person, 1, PM_ENROL_ITEM + 1, "enrolment", names_an_item,
                                     NULL);
    for (size_t i = 0; st == PM_OK && i < enrolments.count; i++)
        st = pm_erase__set_field(e, PM_KIND_ENROLMENT, enrolments.ids[i], PM_ENROL_ITEM,
                                 pm_value__int(0), PM_ENROL_CREATED_AT);
    pm_erase__ids_free(&enrolments);
    return st;
}

pm_status pm_erase__development(pm_erase *e)
{
    pm_status st = pm_erase__remove_of_person(e, PM_KIND_ASSESSMENT, PM_ASSESS_BY_PERSON);
    if (st == PM_OK)
        st = pm_erase__remove_of_person(e, PM_KIND_ASSESSMENT_ROUND, PM_AROUND_BY_PERSON);
    if (st == PM_OK)
        st = erase_plans(e);
    if (st == PM_OK)
        st = unlink_enrolments(e);
    return st;
}
