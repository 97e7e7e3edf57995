/* The export document: its header (format, version, time), the person,
 * the two sections with every list present (empty when there is nothing),
 * what was withheld, and the references, built area by area. */
#include "export_internal.h"

/* The lists of each section: docs/person-export.schema.json requires them
 * all, so a consumer never has to tell "none" from "not exported". */
static const char *const provided_lists[] = {
    "goals", "key_results", "progress_updates",
    "checkin_series", "checkins", "checkin_entries",
    "feedback_given", "feedback_requests",
    "assessments", "assessment_rounds", "role_assignments",
    "plans", "plan_areas", "plan_items", "enrolments",
    "measurements", "survey_answers",
};
static const char *const recorded_lists[] = {
    "goals", "key_results", "progress_updates",
    "checkin_series", "checkins", "checkin_entries",
    "feedback_received", "feedback_requests",
    "review360_rounds", "review360_rater_in",
    "assessments", "assessment_rounds", "role_assignments",
    "plans", "plan_areas", "plan_items", "enrolments", "mentoring",
    "measurements", "survey_invitations", "evaluation_memberships",
};

/* A section object under key of root, with an empty array per list. */
static pm_status add_section(json_t **out, pm_export *x, json_t *root, const char *key,
                             const char *const *names, size_t n)
{
    json_t *section = json_object();
    pm_status st = pm_export__set(x, root, key, section);
    for (size_t i = 0; st == PM_OK && i < n; i++)
        st = pm_export__set(x, section, names[i], json_array());
    *out = section;
    return st;
}

/* Parts the library lets only the person read, named when the export is
 * made by someone else; "anonymous_feedback_given" for the anonymous
 * feedback the person gave, which only their own session can recognise. */
static pm_status add_withheld(pm_export *x, json_t *root)
{
    static const char *const parts[] = { "anonymous_feedback_given", "private_checkin_entries",
                                         "wellbeing" };
    json_t *list = json_array();
    pm_status st = pm_export__set(x, root, "withheld", list);
    for (size_t i = 0; st == PM_OK && !x->by_person && i < sizeof parts / sizeof *parts; i++)
        if (json_array_append_new(list, json_string(parts[i])) != 0)
            st = pm_export__out_of_memory(x);
    return st;
}

static pm_status add_header(pm_export *x, json_t *root)
{
    pm_status st = pm_export__set(x, root, "format", json_string(PM_EXPORT_FORMAT));
    if (st == PM_OK)
        st = pm_export__set(x, root, "version", json_integer(PM_EXPORT_VERSION));
    if (st == PM_OK)
        st = pm_export__set(x, root, "exported_at", pm_export__time(x, pm_api__now(x->s->db)));
    return st;
}

pm_status pm_export__document(json_t **out, pm_session *s, pm_id person)
{
    *out = NULL;
    pm_export x = { 0 };
    x.s = s;
    x.person = person;
    x.by_person = !s->actor.is_system && s->actor.person == person;
    x.today = pm_api__today(s->db);
    json_t *root = json_object();
    if (root == NULL)
        return pm_export__out_of_memory(&x);
    pm_status st = add_header(&x, root);
    if (st == PM_OK)
        st = add_section(&x.provided, &x, root, "provided", provided_lists,
                         sizeof provided_lists / sizeof *provided_lists);
    if (st == PM_OK)
        st = add_section(&x.recorded, &x, root, "recorded_by_others", recorded_lists,
                         sizeof recorded_lists / sizeof *recorded_lists);
    if (st == PM_OK)
        st = add_withheld(&x, root);
    if (st == PM_OK)
        st = pm_export__person(&x, root);
    if (st == PM_OK)
        st = pm_export__goals(&x);
    if (st == PM_OK)
        st = pm_export__checkins(&x);
    if (st == PM_OK)
        st = pm_export__feedback(&x);
    if (st == PM_OK)
        st = pm_export__requests(&x);
    if (st == PM_OK)
        st = pm_export__review360(&x);
    if (st == PM_OK)
        st = pm_export__competency(&x);
    if (st == PM_OK)
        st = pm_export__development(&x);
    if (st == PM_OK)
        st = pm_export__wellbeing(&x);
    if (st == PM_OK)
        st = pm_export__references(&x, root);
    for (unsigned int ref = 0; ref < PM_EXPORT_REF_COUNT; ref++)
        pm_export__ids_free(&x.refs[ref]);
    if (st != PM_OK) {
        json_decref(root);
        return st;
    }
    *out = root;
    return PM_OK;
}
