/* Reading feedback requests: one by id, the lists of a person (asked by,
 * addressed to, about), the snapshot and its accessors, and the stored
 * rows that feedback_request.c also writes from. A part's "expired" state
 * is computed here on every read; the store never holds it. */
#include "feedback_request_internal.h"

#include <stdlib.h>
#include <string.h>

#include "org_internal.h"

/* One addressee's part as the session sees it. */
typedef struct request_part {
    pm_id addressee;
    pm_request_state state;
    pm_time answered_at;
    pm_id response;        /* 0 when the session may not be told */
} request_part;

struct pm_feedback_request {
    pm_id id;
    pm_id requester;
    pm_id subject;
    char *topic;
    pm_id goal;
    pm_date due;
    pm_date expires;
    int repeat_days;
    pm_id previous;
    pm_time created_at;
    size_t count;
    request_part *parts;
};

struct pm_feedback_request_iter {
    pm_feedback_request **items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "feedback_request: out of memory");
}

/* ---- stored rows ---- */

pm_request_state pm_feedback_request__state_on(const pm_request_part_row *part, pm_date today)
{
    pm_request_state state = (pm_request_state)pm_value__as_int(&part->v[PM_PART_STATE]);
    pm_date last = pm_value__as_date(&part->v[PM_PART_EXPIRES_ON]);
    if (state == PM_REQUEST_REQUESTED && last != PM_DATE_NONE && today > last)
        return PM_REQUEST_EXPIRED;
    return state;
}

void pm_feedback_request__row_clear(pm_request_row *row)
{
    if (row == NULL)
        return;
    pm__free(row->topic);
    memset(row, 0, sizeof *row);
}

typedef struct load_ctx {
    pm_session *s;
    pm_request_row *row;
    int found;
} load_ctx;

static int copy_request_row(const pm_row *row, void *payload)
{
    load_ctx *ctx = payload;
    pm_status st = pm_api__check_row(ctx->s, row, PM_FREQ_NFIELDS, "feedback_request");
    if (st != PM_OK)
        return st;
    const pm_value *topic = &row->values[PM_FREQ_TOPIC];
    char *copy = topic->type == PM_VALUE_TEXT ? pm__strndup(topic->v.b.data, topic->v.b.len)
                                              : pm__strdup("");
    if (copy == NULL)
        return out_of_memory(ctx->s);
    pm__free(ctx->row->topic);
    ctx->row->id = row->id;
    memcpy(ctx->row->v, row->values, sizeof ctx->row->v);
    ctx->row->topic = copy;
    ctx->row->v[PM_FREQ_TOPIC] = pm_value__text(copy, strlen(copy));
    ctx->found = 1;
    return 0;
}

pm_status pm_feedback_request__load(pm_request_row *out, pm_session *s, pm_id id,
                                    const char *field)
{
    memset(out, 0, sizeof *out);
    if (id <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a request id", field,
                             (long long)id);
    load_ctx ctx = { s, out, 0 };
    pm_status st = pm_api__get(s, PM_KIND_FEEDBACK_REQUEST, id, copy_request_row, &ctx);
    if (st == PM_OK && !ctx.found)
        st = PM_ENOTFOUND;
    if (st == PM_OK)
        return PM_OK;
    pm_feedback_request__row_clear(out);
    if (st == PM_ENOTFOUND)
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: feedback request %lld does not exist",
                             field, (long long)id);
    return st;
}

typedef struct part_list {
    pm_session *s;
    pm_request_part_row *rows;
    size_t count;
    size_t cap;
} part_list;

static int append_part(const pm_row *row, void *payload)
{
    part_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_PART_NFIELDS, "request_part");
    if (st != PM_OK)
        return st;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_request_part_row *rows = pm__realloc(l->rows, cap * sizeof *rows);
        if (rows == NULL)
            return out_of_memory(l->s);
        l->rows = rows;
        l->cap = cap;
    }
    pm_request_part_row *r = &l->rows[l->count++];
    r->id = row->id;
    memcpy(r->v, row->values, sizeof r->v);
    return 0;
}

static int by_part_id(const void *a, const void *b)
{
    pm_id x = ((const pm_request_part_row *)a)->id;
    pm_id y = ((const pm_request_part_row *)b)->id;
    return (x > y) - (x < y);
}

pm_status pm_feedback_request__load_parts(pm_request_part_row **out, size_t *count,
                                          pm_session *s, pm_id request)
{
    *out = NULL;
    *count = 0;
    part_list l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(request) };
    pm_scan scan = { PM_KIND_REQUEST_PART, PM_PART_BY_REQUEST, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, append_part, &l);
    if (st != PM_OK) {
        pm__free(l.rows);
        return st;
    }
    /* The index orders by addressee; the order the requester gave them in
     * is the order of insertion. */
    if (l.count > 1)
        qsort(l.rows, l.count, sizeof *l.rows, by_part_id);
    *out = l.rows;
    *count = l.count;
    return PM_OK;
}

typedef struct one_part {
    pm_session *s;
    pm_request_part_row *row;
    int found;
} one_part;

static int copy_part(const pm_row *row, void *payload)
{
    one_part *p = payload;
    pm_status st = pm_api__check_row(p->s, row, PM_PART_NFIELDS, "request_part");
    if (st != PM_OK)
        return st;
    p->row->id = row->id;
    memcpy(p->row->v, row->values, sizeof p->row->v);
    p->found = 1;
    return 1; /* the index is unique: there is no other */
}

pm_status pm_feedback_request__find_part(pm_request_part_row *out, int *found, pm_session *s,
                                         pm_id request, pm_id addressee)
{
    *found = 0;
    memset(out, 0, sizeof *out);
    one_part p = { s, out, 0 };
    pm_value eq[2] = { pm_value__int(request), pm_value__int(addressee) };
    pm_scan scan = { PM_KIND_REQUEST_PART, PM_PART_BY_REQUEST, 2, eq, NULL, NULL, 0, 1 };
    pm_status st = pm_api__scan(s, &scan, copy_part, &p);
    if (st == PM_OK)
        *found = p.found;
    return st;
}

/* ---- who may read ---- */

static int is_addressee(const pm_request_part_row *parts, size_t n, pm_id person)
{
    for (size_t i = 0; i < n; i++)
        if (pm_value__as_int(&parts[i].v[PM_PART_ADDRESSEE]) == person)
            return 1;
    return 0;
}

/* The reader's relation to the request: SELF for its subject, AUTHOR for
 * its requester, PARTICIPANT for an addressee, MANAGER for someone above
 * the subject today (the only one that costs reads, so asked last). */
static pm_status authorize_read(pm_session *s, const pm_request_row *r,
                                const pm_request_part_row *parts, size_t n)
{
    const pm_actor *a = &s->actor;
    if (pm_access__check(a, PM_ACT_REQUEST_READ, PM_REL_NONE) == PM_OK)
        return PM_OK;
    pm_id subject = pm_value__as_int(&r->v[PM_FREQ_SUBJECT]);
    pm_relation relation = PM_REL_NONE;
    if (!a->is_system && a->person > 0) {
        if (a->person == subject)
            relation = PM_REL_SELF;
        else if (a->person == pm_value__as_int(&r->v[PM_FREQ_REQUESTER]))
            relation = PM_REL_AUTHOR;
        else if (is_addressee(parts, n, a->person))
            relation = PM_REL_PARTICIPANT;
        else {
            int above = 0;
            pm_status st = pm_org__is_above(&above, s, a->person, subject,
                                            pm_api__today(s->db));
            if (st != PM_OK)
                return st;
            if (above)
                relation = PM_REL_MANAGER;
        }
    }
    if (pm_access__check(a, PM_ACT_REQUEST_READ, relation) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)a->person, pm_access__describe(PM_ACT_REQUEST_READ));
}

/* Which response a reader is told: the requester and the subject asked
 * for it and receive it, the responder wrote it, HR and the system read
 * all feedback. Another addressee or a manager sees only that a part was
 * answered; the entry itself keeps its own visibility (pm_feedback_get). */
static int may_see_response(const pm_actor *a, const pm_request_row *r, pm_id addressee)
{
    if (a->is_system || a->is_hr_admin)
        return 1;
    return a->person > 0
           && (a->person == addressee
               || a->person == pm_value__as_int(&r->v[PM_FREQ_REQUESTER])
               || a->person == pm_value__as_int(&r->v[PM_FREQ_SUBJECT]));
}

/* ---- snapshots ---- */

void pm_feedback_request_free(pm_feedback_request *request)
{
    if (request == NULL)
        return;
    pm__free(request->topic);
    pm__free(request->parts);
    pm__free(request);
}

/* A snapshot of a read request as the session sees it on today; takes the
 * row's topic. NULL when out of memory (the row keeps its topic then). */
static pm_feedback_request *snapshot_of(pm_session *s, pm_request_row *r,
                                        const pm_request_part_row *parts, size_t n,
                                        pm_date today)
{
    pm_feedback_request *q = pm__calloc(1, sizeof *q);
    if (q == NULL)
        return NULL;
    if (n > 0) {
        q->parts = pm__calloc(n, sizeof *q->parts);
        if (q->parts == NULL) {
            pm__free(q);
            return NULL;
        }
    }
    const pm_value *v = r->v;
    q->id = r->id;
    q->requester = pm_value__as_int(&v[PM_FREQ_REQUESTER]);
    q->subject = pm_value__as_int(&v[PM_FREQ_SUBJECT]);
    q->goal = pm_value__as_int(&v[PM_FREQ_GOAL_ID]);
    q->due = pm_value__as_date(&v[PM_FREQ_DUE_ON]);
    q->expires = pm_value__as_date(&v[PM_FREQ_EXPIRES_ON]);
    q->repeat_days = (int)pm_value__as_int(&v[PM_FREQ_REPEAT_DAYS]);
    q->previous = pm_value__as_int(&v[PM_FREQ_PREVIOUS]);
    q->created_at = pm_value__as_int(&v[PM_FREQ_CREATED_AT]);
    q->count = n;
    for (size_t i = 0; i < n; i++) {
        request_part *p = &q->parts[i];
        p->addressee = pm_value__as_int(&parts[i].v[PM_PART_ADDRESSEE]);
        p->state = pm_feedback_request__state_on(&parts[i], today);
        p->answered_at = pm_value__as_int(&parts[i].v[PM_PART_ANSWERED_AT]);
        if (may_see_response(&s->actor, r, p->addressee))
            p->response = pm_value__as_int(&parts[i].v[PM_PART_FEEDBACK_ID]);
    }
    q->topic = r->topic;
    r->topic = NULL;
    return q;
}

pm_status pm_feedback_request_get(pm_feedback_request **out, pm_session *session,
                                  pm_id request)
{
    PM_CHECK_SESSION(session);
    PM_CHECK_ARG(session, out != NULL, "out");
    *out = NULL;
    pm_request_row r;
    pm_status st = pm_feedback_request__load(&r, session, request, "feedback_request");
    if (st != PM_OK)
        return st;
    pm_request_part_row *parts = NULL;
    size_t n = 0;
    st = pm_feedback_request__load_parts(&parts, &n, session, request);
    if (st == PM_OK)
        st = authorize_read(session, &r, parts, n);
    if (st == PM_OK) {
        *out = snapshot_of(session, &r, parts, n, pm_api__today(session->db));
        if (*out == NULL)
            st = out_of_memory(session);
    }
    pm__free(parts);
    pm_feedback_request__row_clear(&r);
    return st;
}

/* ---- lists ---- */

typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
    unsigned int field;   /* the field holding the request id, or -1u for the row id */
} id_list;

static int collect_id(const pm_row *row, void *payload)
{
    id_list *l = payload;
    pm_id id = row->id;
    if (l->field != (unsigned int)-1) {
        if (row->nvalues <= l->field)
            return pm_error__set(&l->s->error, PM_ECORRUPT,
                                 "request_part: stored row %lld has %u fields",
                                 (long long)row->id, row->nvalues);
        id = pm_value__as_int(&row->values[l->field]);
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(l->s);
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->count++] = id;
    return 0;
}

/* The ids of the requests person stands to in role, newest first: both
 * indexes end in created_at, and a request's parts are made with it. */
static pm_status request_ids(id_list *l, pm_id person, pm_request_role role)
{
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_FEEDBACK_REQUEST, PM_FREQ_BY_REQUESTER, 1, eq, NULL, NULL,
                     PM_SCAN_DESC, 0 };
    l->field = (unsigned int)-1;
    if (role == PM_REQUEST_ABOUT) {
        scan.index = PM_FREQ_BY_SUBJECT;
    } else if (role == PM_REQUEST_ADDRESSED_TO) {
        scan.kind = PM_KIND_REQUEST_PART;
        scan.index = PM_PART_BY_ADDRESSEE;
        l->field = PM_PART_REQUEST;
    }
    return pm_api__scan(l->s, &scan, collect_id, l);
}

/* A request matches the filter when one of the parts it is judged by
 * (all, or only's own when only is not 0) is in a state the filter names:
 * OPEN requested, ANSWERED submitted, EXPIRED_ONLY expired. Every bit
 * together means every request, declined ones too. */
static int matches(unsigned int filter, const pm_request_part_row *parts, size_t n,
                   pm_id only, pm_date today)
{
    if ((filter & PM_REQUEST_ALL) == PM_REQUEST_ALL)
        return 1;
    for (size_t i = 0; i < n; i++) {
        if (only != 0 && pm_value__as_int(&parts[i].v[PM_PART_ADDRESSEE]) != only)
            continue;
        pm_request_state state = pm_feedback_request__state_on(&parts[i], today);
        if (((filter & PM_REQUEST_OPEN) && state == PM_REQUEST_REQUESTED)
            || ((filter & PM_REQUEST_ANSWERED) && state == PM_REQUEST_SUBMITTED)
            || ((filter & PM_REQUEST_EXPIRED_ONLY) && state == PM_REQUEST_EXPIRED))
            return 1;
    }
    return 0;
}

void pm_feedback_request_iter_free(pm_feedback_request_iter *iter)
{
    if (iter == NULL)
        return;
    for (size_t i = 0; i < iter->count; i++)
        pm_feedback_request_free(iter->items[i]);
    pm__free(iter->items);
    pm__free(iter);
}

/* Reads request id and, when it matches, appends its snapshot to it. */
static pm_status add_if_matching(pm_feedback_request_iter *it, pm_session *s, pm_id id,
                                 unsigned int filter, pm_id only, pm_date today)
{
    pm_request_row r;
    pm_status st = pm_feedback_request__load(&r, s, id, "feedback_request");
    if (st != PM_OK)
        return st;
    pm_request_part_row *parts = NULL;
    size_t n = 0;
    st = pm_feedback_request__load_parts(&parts, &n, s, id);
    if (st == PM_OK && matches(filter, parts, n, only, today)) {
        pm_feedback_request *q = snapshot_of(s, &r, parts, n, today);
        if (q == NULL)
            st = out_of_memory(s);
        else
            it->items[it->count++] = q;
    }
    pm__free(parts);
    pm_feedback_request__row_clear(&r);
    return st;
}

static pm_status check_list_args(pm_session *s, pm_id person, pm_request_role role,
                                 unsigned int filter)
{
    if (role != PM_REQUEST_ASKED_BY && role != PM_REQUEST_ADDRESSED_TO
        && role != PM_REQUEST_ABOUT)
        return pm_error__set(&s->error, PM_EINVAL, "role: %d is not a request role", (int)role);
    if (filter & ~PM_REQUEST_ALL)
        return pm_error__set(&s->error, PM_EINVAL, "filter: 0x%x holds unknown bits",
                             filter & ~PM_REQUEST_ALL);
    if (filter == 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "filter: must hold PM_REQUEST_OPEN, PM_REQUEST_ANSWERED or "
                             "PM_REQUEST_EXPIRED_ONLY");
    if (person <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id",
                             (long long)person);
    return pm_person__check_exists(s, person, "person");
}

pm_status pm_feedback_request_list(pm_feedback_request_iter **out, pm_session *session,
                                   pm_id person, pm_request_role role, unsigned int filter)
{
    PM_CHECK_SESSION(session);
    PM_CHECK_ARG(session, out != NULL, "out");
    *out = NULL;
    pm_status st = check_list_args(session, person, role, filter);
    /* Seeing someone's requests at all is the person's, their managers',
     * HR's and the system's: what any one request shows is decided by the
     * snapshot (its responses). */
    if (st == PM_OK)
        st = pm_api__authorize(session, PM_ACT_REQUEST_READ, person);
    if (st != PM_OK)
        return st;
    id_list ids = { session, NULL, 0, 0, 0 };
    st = request_ids(&ids, person, role);
    pm_feedback_request_iter *it = NULL;
    if (st == PM_OK) {
        it = pm__calloc(1, sizeof *it);
        if (it != NULL && ids.count > 0)
            it->items = pm__calloc(ids.count, sizeof *it->items);
        if (it == NULL || (ids.count > 0 && it->items == NULL))
            st = out_of_memory(session);
    }
    pm_date today = pm_api__today(session->db);
    pm_id only = role == PM_REQUEST_ADDRESSED_TO ? person : 0;
    for (size_t i = 0; st == PM_OK && i < ids.count; i++)
        st = add_if_matching(it, session, ids.ids[i], filter, only, today);
    pm__free(ids.ids);
    if (st != PM_OK) {
        pm_feedback_request_iter_free(it);
        return st;
    }
    *out = it;
    return PM_OK;
}

pm_status pm_feedback_request_iter_next(pm_feedback_request **out,
                                        pm_feedback_request_iter *iter)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = iter->items[iter->next++];
    return PM_OK;
}

/* ---- accessors ---- */

pm_id pm_feedback_request_id(const pm_feedback_request *request)
{
    return request ? request->id : 0;
}

pm_id pm_feedback_request_requester(const pm_feedback_request *request)
{
    return request ? request->requester : 0;
}

pm_id pm_feedback_request_subject(const pm_feedback_request *request)
{
    return request ? request->subject : 0;
}

const char *pm_feedback_request_topic(const pm_feedback_request *request)
{
    return request ? request->topic : NULL;
}

pm_id pm_feedback_request_goal(const pm_feedback_request *request)
{
    return request ? request->goal : 0;
}

pm_date pm_feedback_request_due(const pm_feedback_request *request)
{
    return request ? request->due : PM_DATE_NONE;
}

pm_date pm_feedback_request_expires(const pm_feedback_request *request)
{
    return request ? request->expires : PM_DATE_NONE;
}

int pm_feedback_request_repeat_days(const pm_feedback_request *request)
{
    return request ? request->repeat_days : 0;
}

pm_id pm_feedback_request_previous(const pm_feedback_request *request)
{
    return request ? request->previous : 0;
}

pm_time pm_feedback_request_created_at(const pm_feedback_request *request)
{
    return request ? request->created_at : 0;
}

size_t pm_feedback_request_count(const pm_feedback_request *request)
{
    return request ? request->count : 0;
}

static const request_part *part_at(const pm_feedback_request *request, size_t i)
{
    return (request != NULL && i < request->count) ? &request->parts[i] : NULL;
}

pm_id pm_feedback_request_addressee(const pm_feedback_request *request, size_t i)
{
    const request_part *p = part_at(request, i);
    return p ? p->addressee : 0;
}

pm_request_state pm_feedback_request_state(const pm_feedback_request *request, size_t i)
{
    const request_part *p = part_at(request, i);
    return p ? p->state : (pm_request_state)0;
}

pm_time pm_feedback_request_answered_at(const pm_feedback_request *request, size_t i)
{
    const request_part *p = part_at(request, i);
    return p ? p->answered_at : 0;
}

pm_id pm_feedback_request_response(const pm_feedback_request *request, size_t i)
{
    const request_part *p = part_at(request, i);
    return p ? p->response : 0;
}
