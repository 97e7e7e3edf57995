/* The export's "references": records name other people, units,
 * competencies, roles, metrics, programmes, surveys and evaluations by id;
 * this lists each one named, once, with what makes the id readable (a
 * person's external id and display name, the others' names). Nothing is
 * listed that no record names, so an anonymous giver, whom no record
 * names, is never listed. */
#include "export_internal.h"

#include <stdlib.h>

static const pm_export_field person_fields[] = {
    PM_EXPORT_FIELD("external_id", PM_PERSON_EXTERNAL_ID, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("display_name", PM_PERSON_DISPLAY_NAME, PM_EXPORT_TEXT),
};
static const pm_export_field unit_fields[] = {
    PM_EXPORT_FIELD("name", PM_UNIT_NAME, PM_EXPORT_TEXT),
};
static const pm_export_field competency_fields[] = {
    PM_EXPORT_FIELD("name", PM_COMP_NAME, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("category", PM_COMP_CATEGORY, PM_EXPORT_TEXT),
};
static const pm_export_field role_fields[] = {
    PM_EXPORT_FIELD("name", PM_ROLE_NAME, PM_EXPORT_TEXT),
};
static const pm_export_field metric_fields[] = {
    PM_EXPORT_FIELD("name", PM_METRIC_NAME, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("unit", PM_METRIC_UNIT, PM_EXPORT_TEXT),
};
static const pm_export_field programme_fields[] = {
    PM_EXPORT_FIELD("name", PM_PROG_NAME, PM_EXPORT_TEXT),
};
static const pm_export_field survey_fields[] = {
    PM_EXPORT_FIELD("title", PM_SURVEY_TITLE, PM_EXPORT_TEXT),
};
static const pm_export_field evaluation_fields[] = {
    PM_EXPORT_FIELD("title", PM_EVAL_TITLE, PM_EXPORT_TEXT),
};

/* By pm_export_ref; the key of each list in "references". */
static const struct {
    const char *key;
    pm_export_table table;
} lists[PM_EXPORT_REF_COUNT] = {
    [PM_EXPORT_REF_PERSON] = { "people", PM_EXPORT_TABLE("person", PM_KIND_PERSON,
                                                         PM_PERSON_NFIELDS, person_fields) },
    [PM_EXPORT_REF_UNIT] = { "units", PM_EXPORT_TABLE("unit", PM_KIND_UNIT, PM_UNIT_NFIELDS,
                                                      unit_fields) },
    [PM_EXPORT_REF_COMPETENCY] = { "competencies",
                                   PM_EXPORT_TABLE("competency", PM_KIND_COMPETENCY,
                                                   PM_COMP_NFIELDS, competency_fields) },
    [PM_EXPORT_REF_ROLE] = { "roles", PM_EXPORT_TABLE("role", PM_KIND_ROLE, PM_ROLE_NFIELDS,
                                                      role_fields) },
    [PM_EXPORT_REF_METRIC] = { "metrics", PM_EXPORT_TABLE("metric", PM_KIND_METRIC,
                                                          PM_METRIC_NFIELDS, metric_fields) },
    [PM_EXPORT_REF_PROGRAMME] = { "programmes",
                                  PM_EXPORT_TABLE("programme", PM_KIND_PROGRAMME,
                                                  PM_PROG_NFIELDS, programme_fields) },
    [PM_EXPORT_REF_SURVEY] = { "surveys", PM_EXPORT_TABLE("survey", PM_KIND_SURVEY,
                                                          PM_SURVEY_NFIELDS, survey_fields) },
    [PM_EXPORT_REF_EVALUATION] = { "evaluations",
                                   PM_EXPORT_TABLE("evaluation", PM_KIND_EVALUATION,
                                                   PM_EVAL_NFIELDS, evaluation_fields) },
};

/* One list: the ids named, in id order, each once. The person themself is
 * in "person", not here. */
static pm_status add_list(pm_export *x, json_t *references, unsigned int ref)
{
    json_t *list = json_array();
    pm_status st = pm_export__set(x, references, lists[ref].key, list);
    pm_export_ids *ids = &x->refs[ref];
    if (ids->count > 1)
        qsort(ids->ids, ids->count, sizeof *ids->ids, pm_api__compare_ids);
    for (size_t i = 0; st == PM_OK && i < ids->count; i++) {
        pm_id id = ids->ids[i];
        if ((i > 0 && ids->ids[i - 1] == id) || (ref == PM_EXPORT_REF_PERSON && id == x->person))
            continue;
        json_t *record = NULL;
        st = pm_export__get(&record, x, &lists[ref].table, id);
        if (st == PM_OK && record != NULL && json_array_append_new(list, record) != 0)
            st = pm_export__out_of_memory(x);
    }
    return st;
}

pm_status pm_export__references(pm_export *x, json_t *root)
{
    json_t *references = json_object();
    pm_status st = pm_export__set(x, root, "references", references);
    for (unsigned int ref = PM_EXPORT_REF_NONE + 1; st == PM_OK && ref < PM_EXPORT_REF_COUNT;
         ref++)
        st = add_list(x, references, ref);
    return st;
}
