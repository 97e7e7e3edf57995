/* Feedback requests: those the person made (provided) with every part,
 * those others made about them with every part, and those others
 * addressed to them with the person's own part only (recorded by others).
 * A part names its response only when that feedback went to or came from
 * the person; the responses themselves are in the feedback lists. */
#include "export_internal.h"

#include "feedback_request_internal.h"

static const char *const part_states[] = { NULL, "requested", "submitted", "declined",
                                           "expired" };
static const pm_export_enum part_state = PM_EXPORT_ENUM_OF(part_states);

static const pm_export_field request_fields[] = {
    PM_EXPORT_REFERENCE("requester", PM_FREQ_REQUESTER, PM_EXPORT_REF_PERSON),
    PM_EXPORT_REFERENCE("subject", PM_FREQ_SUBJECT, PM_EXPORT_REF_PERSON),
    PM_EXPORT_FIELD("topic", PM_FREQ_TOPIC, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("goal", PM_FREQ_GOAL_ID, PM_EXPORT_ID),
    PM_EXPORT_FIELD("due_on", PM_FREQ_DUE_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("expires_on", PM_FREQ_EXPIRES_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("repeat_days", PM_FREQ_REPEAT_DAYS, PM_EXPORT_INT),
    PM_EXPORT_FIELD("next_on", PM_FREQ_NEXT_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("previous", PM_FREQ_PREVIOUS, PM_EXPORT_ID),
    PM_EXPORT_AUDIT(PM_FREQ),
};
static const pm_export_table request_table =
    PM_EXPORT_TABLE("feedback_request", PM_KIND_FEEDBACK_REQUEST, PM_FREQ_NFIELDS,
                    request_fields);

static pm_export_place made_place(pm_export *x, const pm_row *row)
{
    (void)x;
    (void)row;
    return PM_EXPORT_PROVIDED;
}

/* Requests about the person that they made themselves are listed as made. */
static pm_export_place about_place(pm_export *x, const pm_row *row)
{
    return pm_value__as_int(&row->values[PM_FREQ_REQUESTER]) == x->person ? PM_EXPORT_SKIP
                                                                          : PM_EXPORT_RECORDED;
}

static json_int_t int_of(const json_t *record, const char *key)
{
    return json_integer_value(json_object_get(record, key));
}

static pm_status add_part(pm_export *x, json_t *parts, const pm_request_part_row *p,
                          int show_response)
{
    json_t *r = json_object();
    if (r == NULL)
        return pm_export__out_of_memory(x);
    pm_id addressee = pm_value__as_int(&p->v[PM_PART_ADDRESSEE]);
    pm_id response = pm_value__as_int(&p->v[PM_PART_FEEDBACK_ID]);
    pm_status st = pm_export__set(x, r, "addressee",
                                  pm_export__id(x, addressee, PM_EXPORT_REF_PERSON));
    if (st == PM_OK)
        st = pm_export__set(x, r, "state",
                            pm_export__name(x, &part_state,
                                            (int)pm_feedback_request__state_on(p, x->today),
                                            "request_part.state"));
    if (st == PM_OK)
        st = pm_export__set(x, r, "answered_at",
                            pm_export__time(x, pm_value__as_int(&p->v[PM_PART_ANSWERED_AT])));
    if (st == PM_OK)
        st = pm_export__set(x, r, "response",
                            pm_export__id(x, show_response || addressee == x->person ? response : 0,
                                          PM_EXPORT_REF_NONE));
    if (st == PM_OK && json_array_append_new(parts, r) != 0)
        return pm_export__out_of_memory(x);
    if (st != PM_OK)
        json_decref(r);
    return st;
}

/* Gives request (a record in the document) its "parts": every part, or
 * only the person's own. */
static pm_status add_parts(pm_export *x, json_t *request, pm_id id, int own_only)
{
    json_t *parts = json_array();
    pm_status st = pm_export__set(x, request, "parts", parts);
    if (st != PM_OK)
        return st;
    int show_response = int_of(request, "subject") == x->person;
    if (own_only) {
        pm_request_part_row part;
        int found = 0;
        st = pm_feedback_request__find_part(&part, &found, x->s, id, x->person);
        return st == PM_OK && found ? add_part(x, parts, &part, show_response) : st;
    }
    pm_request_part_row *all = NULL;
    size_t n = 0;
    st = pm_feedback_request__load_parts(&all, &n, x->s, id);
    for (size_t i = 0; st == PM_OK && i < n; i++)
        st = add_part(x, parts, &all[i], show_response);
    pm__free(all);
    return st;
}

static pm_status add_requests(pm_export *x, unsigned int index, pm_export_place_fn place)
{
    pm_export_rows rows = { 0 };
    pm_value eq[1] = { pm_value__int(x->person) };
    pm_status st = pm_export__scan(x, &request_table, index, eq, 1, "feedback_requests", place,
                                   &rows);
    for (size_t i = 0; st == PM_OK && i < rows.count; i++)
        st = add_parts(x, rows.records[i], rows.ids[i], 0);
    pm_export__rows_free(&rows);
    return st;
}

typedef struct request_ids {
    pm_export *x;
    pm_export_ids *ids;
} request_ids;

static int add_request_id(const pm_row *row, void *payload)
{
    request_ids *c = payload;
    pm_status st = pm_api__check_row(c->x->s, row, PM_PART_NFIELDS, "request_part");
    if (st == PM_OK)
        st = pm_export__ids_add(c->x, c->ids, pm_value__as_int(&row->values[PM_PART_REQUEST]));
    return st == PM_OK ? 0 : st;
}

/* Requests others made about someone else and addressed to the person. */
static pm_status add_addressed(pm_export *x)
{
    pm_export_ids requests = { 0 };
    request_ids c = { x, &requests };
    pm_value eq[1] = { pm_value__int(x->person) };
    pm_scan scan = { PM_KIND_REQUEST_PART, PM_PART_BY_ADDRESSEE, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(x->s, &scan, add_request_id, &c);
    for (size_t i = 0; st == PM_OK && i < requests.count; i++) {
        json_t *request = NULL;
        st = pm_export__get(&request, x, &request_table, requests.ids[i]);
        if (st != PM_OK || request == NULL)
            continue;
        if (int_of(request, "requester") == x->person || int_of(request, "subject") == x->person) {
            json_decref(request); /* listed as made or as about them */
            continue;
        }
        st = add_parts(x, request, requests.ids[i], 1);
        if (st == PM_OK)
            st = pm_export__append(x, PM_EXPORT_RECORDED, "feedback_requests", request);
        else
            json_decref(request);
    }
    pm_export__ids_free(&requests);
    return st;
}

pm_status pm_export__requests(pm_export *x)
{
    pm_status st = add_requests(x, PM_FREQ_BY_REQUESTER, made_place);
    if (st == PM_OK)
        st = add_requests(x, PM_FREQ_BY_SUBJECT, about_place);
    if (st == PM_OK)
        st = add_addressed(x);
    return st;
}
