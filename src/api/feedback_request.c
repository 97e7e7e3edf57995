/* Writing feedback requests: asking (one request row and a part per
 * addressee), answering and declining a part, repeating requests, and
 * reopening a part whose response was retracted. Reads of the stored rows
 * are in feedback_request_list.c; the response itself is feedback, given
 * through pm_feedback__give() (feedback.c) inside the same transaction. */
#include "feedback_request_internal.h"

#include <string.h>

#include "org_internal.h"
#include "person_internal.h"
#include "../core/org.h"
#include "../util/date.h"
#include "../util/text.h"

#define REQUEST_OPTS "feedback_request_opts"
#define FEEDBACK_OPTS "feedback_opts"
#define EXPIRES_MAX 365
#define REPEAT_MIN 7
#define REPEAT_MAX 365

pm_status pm_feedback_request_opts_init(pm_feedback_request_opts *opts, unsigned int version)
{
    static const pm_feedback_request_opts defaults = PM_FEEDBACK_REQUEST_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_FEEDBACK_REQUEST_OPTS_VERSION);
}

/* ---- what a new request holds (from create or from a repeat) ---- */

typedef struct new_request {
    pm_id requester;
    pm_id subject;
    const char *topic;
    size_t topic_len;
    pm_id goal;
    pm_date due;
    pm_date expires;
    int repeat_days;
    pm_date next_on;        /* PM_DATE_NONE for none */
    pm_id previous;
    const pm_id *addressees;
    size_t naddressees;
} new_request;

static pm_status insert_request(pm_id *out, pm_session *s, const new_request *n)
{
    pm_value v[PM_FREQ_NFIELDS];
    v[PM_FREQ_REQUESTER] = pm_value__int(n->requester);
    v[PM_FREQ_SUBJECT] = pm_value__int(n->subject);
    v[PM_FREQ_TOPIC] = pm_value__text(n->topic, n->topic_len);
    v[PM_FREQ_GOAL_ID] = pm_value__int(n->goal);
    v[PM_FREQ_DUE_ON] = pm_value__date(n->due);
    v[PM_FREQ_EXPIRES_ON] = pm_value__date(n->expires);
    v[PM_FREQ_REPEAT_DAYS] = pm_value__int(n->repeat_days);
    v[PM_FREQ_NEXT_ON] = pm_value__date(n->next_on);
    v[PM_FREQ_PREVIOUS] = pm_value__int(n->previous);
    pm_api__audit_create(s, v, PM_FREQ_CREATED_AT);
    pm_id id = 0;
    pm_status st = pm_api__insert(s, PM_KIND_FEEDBACK_REQUEST, v, &id);
    for (size_t i = 0; st == PM_OK && i < n->naddressees; i++) {
        pm_value p[PM_PART_NFIELDS];
        pm_id part = 0;
        p[PM_PART_REQUEST] = pm_value__int(id);
        p[PM_PART_ADDRESSEE] = pm_value__int(n->addressees[i]);
        p[PM_PART_STATE] = pm_value__int(PM_REQUEST_REQUESTED);
        p[PM_PART_ANSWERED_AT] = pm_value__null();
        p[PM_PART_FEEDBACK_ID] = pm_value__int(0);
        p[PM_PART_EXPIRES_ON] = pm_value__date(n->expires);
        pm_api__audit_create(s, p, PM_PART_CREATED_AT);
        st = pm_api__insert(s, PM_KIND_REQUEST_PART, p, &part);
    }
    if (st == PM_OK)
        *out = id;
    return st;
}

/* ---- checks ---- */

/* A person who exists and has not left; field names them in messages. */
static pm_status check_active(pm_session *s, pm_id id, const char *field)
{
    return pm_person__check(s, id, field, 1);
}

/* The numbers and dates, which need no reads. */
static pm_status check_terms(pm_session *s, const pm_feedback_request_opts *o, pm_date today,
                             pm_date *due, pm_date *expires)
{
    if (o->expires_days < 1 || o->expires_days > EXPIRES_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request.expires_days: %d is not between 1 and %d",
                             o->expires_days, EXPIRES_MAX);
    if (o->repeat_days != 0 && (o->repeat_days < REPEAT_MIN || o->repeat_days > REPEAT_MAX))
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request.repeat_days: %d is neither 0 nor between %d and %d",
                             o->repeat_days, REPEAT_MIN, REPEAT_MAX);
    *expires = today + o->expires_days;
    *due = o->due == PM_DATE_NONE ? *expires : o->due;
    pm_status st = pm_org__check_date(*due, "feedback_request.due", &s->error);
    if (st != PM_OK)
        return st;
    char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    if (*due < today)
        return pm_error__set(&s->error, PM_EINVAL, "feedback_request.due: %s is in the past",
                             pm_api__format_date(a, *due));
    if (*due > *expires)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request.due: %s is after the request expires on %s",
                             pm_api__format_date(a, *due),
                             pm_api__format_date(b, *expires));
    return PM_OK;
}

static pm_status check_addressees(pm_session *s, const pm_feedback_request_opts *o,
                                  pm_id requester)
{
    if (o->naddressees == 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request.addressees: must name at least one person");
    if (o->naddressees > PM_REQUEST_ADDRESSEES_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request.addressees: %zu people, at most %d",
                             o->naddressees, PM_REQUEST_ADDRESSEES_MAX);
    if (o->addressees == NULL)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request.addressees: must not be NULL");
    for (size_t i = 0; i < o->naddressees; i++) {
        pm_id a = o->addressees[i];
        if (a == requester)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "feedback_request.addressees: person %lld is the requester",
                                 (long long)a);
        for (size_t j = 0; j < i; j++)
            if (o->addressees[j] == a)
                return pm_error__set(&s->error, PM_EINVAL,
                                     "feedback_request.addressees: person %lld is named twice",
                                     (long long)a);
    }
    /* Reads last: every check above is free. */
    for (size_t i = 0; i < o->naddressees; i++) {
        pm_status st = check_active(s, o->addressees[i], "feedback_request.addressees");
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}

typedef struct goal_facts {
    int found;
    pm_id owner;
    pm_id unit;
} goal_facts;

static int read_goal_facts(const pm_row *row, void *payload)
{
    goal_facts *g = payload;
    if (row->nvalues <= PM_GOAL_UNIT)
        return PM_ECORRUPT;
    g->found = 1;
    g->owner = pm_value__as_int(&row->values[PM_GOAL_OWNER]);
    g->unit = pm_value__as_int(&row->values[PM_GOAL_UNIT]);
    return 0;
}

/* A request is about a person, so the goal must be one of theirs (not a
 * unit's, which would make the feedback about the whole unit). */
static pm_status check_goal(pm_session *s, pm_id goal, pm_id subject)
{
    if (goal == 0)
        return PM_OK;
    goal_facts g = { 0, 0, 0 };
    pm_status st = PM_OK;
    if (goal > 0) {
        st = pm_api__get(s, PM_KIND_GOAL, goal, read_goal_facts, &g);
        if (st == PM_ENOTFOUND)
            st = PM_OK;
    }
    if (st != PM_OK)
        return st;
    if (!g.found)
        return pm_error__set(&s->error, PM_ENOTFOUND, "feedback_request.goal: goal %lld does not exist",
                             (long long)goal);
    if (g.owner != subject || g.unit != 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request.goal: goal %lld is not a goal of person %lld",
                             (long long)goal, (long long)subject);
    return PM_OK;
}

/* ---- create ---- */

/* Everything but the topic, in the order a caller fixes things: the
 * actor, the terms, whom it is about, whom it asks. */
static pm_status check_create(pm_session *s, const pm_feedback_request_opts *o, pm_id subject,
                              new_request *n)
{
    pm_date today = pm_api__today(s->db);
    pm_status st = check_terms(s, o, today, &n->due, &n->expires);
    if (st == PM_OK)
        st = check_active(s, subject, "feedback_request.subject");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_REQUEST_CREATE, subject);
    if (st == PM_OK)
        st = check_addressees(s, o, s->actor.person);
    if (st == PM_OK)
        st = check_goal(s, o->goal, subject);
    if (st != PM_OK)
        return st;
    n->requester = s->actor.person;
    n->subject = subject;
    n->goal = o->goal;
    n->repeat_days = o->repeat_days;
    n->next_on = o->repeat_days ? today + o->repeat_days : PM_DATE_NONE;
    n->previous = 0;
    n->addressees = o->addressees;
    n->naddressees = o->naddressees;
    return PM_OK;
}

pm_status pm_feedback_request_create(pm_id *out, pm_session *session,
                                     const pm_feedback_request_opts *opts)
{
    PM_CHECK_SESSION(session);
    PM_CHECK_ARG(session, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_status st = pm_api__check_version(session, REQUEST_OPTS, opts->version,
                                         PM_FEEDBACK_REQUEST_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    /* A request has a person behind it: the addressees answer someone. */
    if (session->actor.is_system)
        return pm_error__set(&session->error, PM_EPERM,
                             "permission denied: the system actor may not ask for feedback "
                             "(a request is made by a person)");
    pm_id subject = opts->subject ? opts->subject : session->actor.person;
    new_request n;
    memset(&n, 0, sizeof n);
    char *topic = NULL;
    st = pm_text__normalize_line(&topic, &n.topic_len, opts->topic, opts->topic_len,
                                 "feedback_request.topic", PM_REQUEST_TOPIC_MAX, &session->error);
    if (st == PM_OK)
        st = check_create(session, opts, subject, &n);
    if (st == PM_OK) {
        n.topic = topic;
        st = pm_api__begin(session);
    }
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_api__finish(session, insert_request(&id, session, &n));
    pm__free(topic);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- answering: respond and decline ---- */

typedef struct answer_ctx {
    pm_request_row request;
    pm_request_part_row part;
} answer_ctx;

/* Loads the request and the session's part of it and checks that the part
 * can still be answered today. */
static pm_status open_part(answer_ctx *a, pm_session *s, pm_id request)
{
    memset(&a->part, 0, sizeof a->part);
    pm_status st = pm_feedback_request__load(&a->request, s, request, "feedback_request");
    if (st != PM_OK)
        return st;
    int found = 0;
    if (!s->actor.is_system && s->actor.person > 0)
        st = pm_feedback_request__find_part(&a->part, &found, s, request, s->actor.person);
    if (st != PM_OK)
        return st;
    if (pm_access__check(&s->actor, PM_ACT_REQUEST_ANSWER,
                         found ? PM_REL_PARTICIPANT : PM_REL_NONE) != PM_OK) {
        if (s->actor.is_system)
            return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                                 pm_access__describe(PM_ACT_REQUEST_ANSWER));
        return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                             (long long)s->actor.person,
                             pm_access__describe(PM_ACT_REQUEST_ANSWER));
    }
    pm_date today = pm_api__today(s->db);
    pm_request_state state = pm_feedback_request__state_on(&a->part, today);
    if (state == PM_REQUEST_REQUESTED)
        return PM_OK;
    char day[PM_DATE_BUFSIZE];
    if (state == PM_REQUEST_EXPIRED)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback_request: request %lld expired on %s",
                             (long long)request,
                             pm_api__format_date(
                                 day, pm_value__as_date(&a->part.v[PM_PART_EXPIRES_ON])));
    return pm_error__set(&s->error, PM_EINVAL,
                         "feedback_request: person %lld has already %s request %lld",
                         (long long)s->actor.person,
                         state == PM_REQUEST_SUBMITTED ? "answered" : "declined",
                         (long long)request);
}

/* Writes the part's new state, and when it was answered, with which
 * feedback (0 for none). */
static pm_status set_part(pm_session *s, pm_request_part_row *part, pm_request_state state,
                          pm_time answered_at, pm_id feedback)
{
    part->v[PM_PART_STATE] = pm_value__int(state);
    part->v[PM_PART_ANSWERED_AT] = answered_at ? pm_value__int(answered_at) : pm_value__null();
    part->v[PM_PART_FEEDBACK_ID] = pm_value__int(feedback);
    pm_api__audit_update(s, part->v, PM_PART_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_PART_STATE) | PM_UPDATE_FIELD(PM_PART_ANSWERED_AT)
                      | PM_UPDATE_FIELD(PM_PART_FEEDBACK_ID)
                      | PM_UPDATE_FIELD(PM_PART_UPDATED_AT) | PM_UPDATE_FIELD(PM_PART_UPDATED_BY);
    return pm_api__update_fields(s, PM_KIND_REQUEST_PART, part->id, part->v, fields);
}

/* The response goes to the subject and names its giver: the requester
 * knows whom they asked, so anonymity could not hold. */
static pm_status check_response(pm_session *s, const pm_feedback_opts *o, pm_id subject)
{
    if (o->anonymous)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback.anonymous: a response to a request names its giver");
    if (o->receiver != 0 && o->receiver != subject)
        return pm_error__set(&s->error, PM_EINVAL,
                             "feedback.receiver: a response goes to the request's subject, "
                             "person %lld, not person %lld",
                             (long long)subject, (long long)o->receiver);
    return PM_OK;
}

static pm_status respond(pm_id *out, pm_session *s, answer_ctx *a, const pm_feedback_opts *o)
{
    pm_id request = a->request.id;
    pm_status st = pm_feedback__give(s, o, request, out);
    if (st == PM_OK)
        st = set_part(s, &a->part, PM_REQUEST_SUBMITTED, pm_api__now(s->db), *out);
    return st;
}

pm_status pm_feedback_request_respond(pm_id *feedback, pm_session *session, pm_id request,
                                      const pm_feedback_opts *opts)
{
    PM_CHECK_SESSION(session);
    PM_CHECK_ARG(session, opts != NULL, "opts");
    if (feedback != NULL)
        *feedback = 0;
    pm_status st = pm_api__check_version(session, FEEDBACK_OPTS, opts->version,
                                         PM_FEEDBACK_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    answer_ctx a;
    st = open_part(&a, session, request);
    pm_id subject = pm_value__as_int(&a.request.v[PM_FREQ_SUBJECT]);
    if (st == PM_OK)
        st = check_response(session, opts, subject);
    pm_id id = 0;
    if (st == PM_OK) {
        pm_feedback_opts o = *opts;
        o.receiver = subject;
        st = pm_api__begin(session);
        if (st == PM_OK)
            st = pm_api__finish(session, respond(&id, session, &a, &o));
    }
    pm_feedback_request__row_clear(&a.request);
    if (st == PM_OK && feedback != NULL)
        *feedback = id;
    return st;
}

pm_status pm_feedback_request_decline(pm_session *session, pm_id request)
{
    PM_CHECK_SESSION(session);
    answer_ctx a;
    pm_status st = open_part(&a, session, request);
    pm_feedback_request__row_clear(&a.request);
    if (st == PM_OK)
        st = pm_api__begin_one(session);
    if (st == PM_OK)
        st = pm_api__finish_one(session, set_part(session, &a.part, PM_REQUEST_DECLINED,
                                                  pm_api__now(session->db), 0));
    return st;
}

pm_status pm_feedback_request__reopen(pm_session *s, pm_id request, pm_id addressee)
{
    pm_request_part_row part;
    int found = 0;
    pm_status st = pm_feedback_request__find_part(&part, &found, s, request, addressee);
    if (st != PM_OK || !found)
        return st;
    return set_part(s, &part, PM_REQUEST_REQUESTED, 0, 0);
}

/* ---- repeats ---- */

typedef struct due_ids {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} due_ids;

static int collect_due(const pm_row *row, void *payload)
{
    due_ids *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "feedback_request: out of memory");
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->count++] = row->id;
    return 0;
}

/* *active: 1 when person id exists and has not left. */
static pm_status read_active(int *active, pm_session *s, pm_id id)
{
    int found = 0;
    pm_person_status status;
    pm_status st = pm_person__status(&found, &status, s, id);
    *active = st == PM_OK && found && status == PM_PERSON_ACTIVE;
    return st;
}

/* The addressees of the old request who are still here, in their order. */
static pm_status active_addressees(pm_id **out, size_t *count, pm_session *s,
                                   const pm_request_part_row *parts, size_t n)
{
    *out = NULL;
    *count = 0;
    if (n == 0)
        return PM_OK;
    pm_id *ids = pm__calloc(n, sizeof *ids);
    if (ids == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "feedback_request: out of memory");
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        pm_id a = pm_value__as_int(&parts[i].v[PM_PART_ADDRESSEE]);
        int active = 0;
        pm_status st = read_active(&active, s, a);
        if (st != PM_OK) {
            pm__free(ids);
            return st;
        }
        if (active)
            ids[k++] = a;
    }
    *out = ids;
    *count = k;
    return PM_OK;
}

/* Makes the next occurrence of r (if its people are still here) and marks
 * r renewed. The new one starts today, with an expiry span of the same
 * length and the due date moved by as much; its own next date counts from
 * the later of today and date, so renewing again for the same date finds
 * nothing to do. A series whose requester, subject or every addressee has
 * left ends quietly. */
static pm_status renew_one(int *created, pm_session *s, pm_request_row *r, pm_date date)
{
    pm_request_part_row *parts = NULL;
    size_t n = 0;
    pm_id *addressees = NULL;
    size_t k = 0;
    pm_status st = pm_feedback_request__load_parts(&parts, &n, s, r->id);
    if (st == PM_OK)
        st = active_addressees(&addressees, &k, s, parts, n);
    pm__free(parts);
    const pm_value *v = r->v;
    int requester = 0, subject = 0;
    if (st == PM_OK)
        st = read_active(&requester, s, pm_value__as_int(&v[PM_FREQ_REQUESTER]));
    if (st == PM_OK)
        st = read_active(&subject, s, pm_value__as_int(&v[PM_FREQ_SUBJECT]));
    if (st == PM_OK && k > 0 && requester && subject) {
        pm_date today = pm_api__today(s->db);
        pm_date old_day = pm_time_date(pm_value__as_int(&v[PM_FREQ_CREATED_AT]));
        pm_date shift = today - old_day;
        int repeat = (int)pm_value__as_int(&v[PM_FREQ_REPEAT_DAYS]);
        new_request nr = {
            pm_value__as_int(&v[PM_FREQ_REQUESTER]),
            pm_value__as_int(&v[PM_FREQ_SUBJECT]),
            r->topic, strlen(r->topic),
            pm_value__as_int(&v[PM_FREQ_GOAL_ID]),
            pm_value__as_date(&v[PM_FREQ_DUE_ON]) + shift,
            pm_value__as_date(&v[PM_FREQ_EXPIRES_ON]) + shift,
            repeat,
            (date > today ? date : today) + repeat,
            r->id,
            addressees, k
        };
        pm_id id = 0;
        st = insert_request(&id, s, &nr);
        if (st == PM_OK)
            (*created)++;
    }
    pm__free(addressees);
    if (st != PM_OK)
        return st;
    r->v[PM_FREQ_NEXT_ON] = pm_value__null();
    pm_api__audit_update(s, r->v, PM_FREQ_CREATED_AT);
    return pm_api__update_fields(s, PM_KIND_FEEDBACK_REQUEST, r->id, r->v,
                                 PM_UPDATE_FIELD(PM_FREQ_NEXT_ON)
                                 | PM_UPDATE_FIELD(PM_FREQ_UPDATED_AT)
                                 | PM_UPDATE_FIELD(PM_FREQ_UPDATED_BY));
}

static pm_status renew_all(int *created, pm_session *s, pm_date date)
{
    /* Any lower bound leaves out the NULLs: the requests that do not
     * repeat, or were renewed already. */
    pm_value lo = pm_value__date(pm_date__from_civil(1, 1, 1));
    pm_value hi = pm_value__date(date);
    pm_scan scan = { PM_KIND_FEEDBACK_REQUEST, PM_FREQ_BY_NEXT_ON, 0, NULL, &lo, &hi, 0, 0 };
    due_ids l = { s, NULL, 0, 0 };
    /* Ids first: writing while the scan walks the same index is not allowed. */
    pm_status st = pm_api__scan(s, &scan, collect_due, &l);
    for (size_t i = 0; st == PM_OK && i < l.count; i++) {
        pm_request_row r;
        st = pm_feedback_request__load(&r, s, l.ids[i], "feedback_request");
        if (st == PM_OK)
            st = renew_one(created, s, &r, date);
        pm_feedback_request__row_clear(&r);
    }
    pm__free(l.ids);
    return st;
}

pm_status pm_feedback_request_renew(int *created, pm_session *session, pm_date date)
{
    PM_CHECK_SESSION(session);
    if (created != NULL)
        *created = 0;
    pm_date day = pm_api__date_or_today(session->db, date);
    pm_status st = pm_org__check_date(day, "date", &session->error);
    if (st == PM_OK)
        st = pm_api__authorize(session, PM_ACT_REQUEST_RENEW, 0);
    if (st == PM_OK)
        st = pm_api__begin(session);
    if (st != PM_OK)
        return st;
    int n = 0;
    st = pm_api__finish(session, renew_all(&n, session, day));
    if (st == PM_OK && created != NULL)
        *created = n;
    return st;
}
