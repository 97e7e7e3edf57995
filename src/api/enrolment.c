/* Enrolments: inviting, enrolling (which adds an item to the person's plan),
 * completing and dropping out, the list of a programme's participants and
 * its numbers. One enrolment row per person and programme: a person who
 * dropped out and comes back reuses it. */
#include "programme_internal.h"

#include <string.h>

#include "development_internal.h"
#include "person_internal.h"
#include "../core/org.h"

/* The public pm_enrolment: a stored row. */
struct pm_enrolment {
    pm_id id;             /* 0: the person has none in the programme */
    pm_id programme;
    pm_id person;
    pm_enrolment_state state;
    pm_enrolment_result result;
    pm_date invited_on;
    pm_date enrolled_on;
    pm_date ended_on;
    pm_id item;
};

struct pm_enrolment_iter {
    pm_enrolment *items;
    size_t count;
    size_t next;
};

/* The fields an enrolment's changes write (all but the programme, the
 * person and who created it). */
#define ENROLMENT_CHANGE                                                                  \
    (PM_UPDATE_FIELD(PM_ENROL_STATE) | PM_UPDATE_FIELD(PM_ENROL_RESULT) |                 \
     PM_UPDATE_FIELD(PM_ENROL_INVITED_ON) | PM_UPDATE_FIELD(PM_ENROL_ENROLLED_ON) |       \
     PM_UPDATE_FIELD(PM_ENROL_ENDED_ON) | PM_UPDATE_FIELD(PM_ENROL_ITEM) |                \
     PM_UPDATE_FIELD(PM_ENROL_UPDATED_AT) | PM_UPDATE_FIELD(PM_ENROL_UPDATED_BY))

/* How a person stands to a programme, for messages: "person 5 <phrase>
 * programme 3". */
static const char *standing(pm_enrolment_state state)
{
    switch (state) {
    case PM_ENROLMENT_INVITED: return "is invited to";
    case PM_ENROLMENT_ENROLLED: return "is enrolled in";
    case PM_ENROLMENT_COMPLETED: return "has completed";
    case PM_ENROLMENT_DROPPED: return "has dropped out of";
    default: return "is in an unknown state in";
    }
}

/* ---- reading enrolments ---- */

typedef struct enrolment_read {
    pm_session *s;
    pm_enrolment *e;
} enrolment_read;

static int enrolment_from_row(pm_session *s, pm_enrolment *e, const pm_row *row)
{
    if (row->nvalues < PM_ENROL_NFIELDS)
        return pm_error__set(&s->error, PM_ECORRUPT, "enrolment: stored row %lld has %u fields",
                             (long long)row->id, row->nvalues);
    const pm_value *v = row->values;
    e->id = row->id;
    e->programme = pm_value__as_int(&v[PM_ENROL_PROGRAMME]);
    e->person = pm_value__as_int(&v[PM_ENROL_PERSON]);
    e->state = (pm_enrolment_state)pm_value__as_int(&v[PM_ENROL_STATE]);
    e->result = (pm_enrolment_result)pm_value__as_int(&v[PM_ENROL_RESULT]);
    e->invited_on = pm_value__as_date(&v[PM_ENROL_INVITED_ON]);
    e->enrolled_on = pm_value__as_date(&v[PM_ENROL_ENROLLED_ON]);
    e->ended_on = pm_value__as_date(&v[PM_ENROL_ENDED_ON]);
    e->item = pm_value__as_int(&v[PM_ENROL_ITEM]);
    return 0;
}

static int read_one(const pm_row *row, void *payload)
{
    enrolment_read *r = payload;
    int rc = enrolment_from_row(r->s, r->e, row);
    return rc != 0 ? rc : 1;
}

/* person's enrolment in programme; e->id 0 when there is none. */
static pm_status find_enrolment(pm_enrolment *e, pm_session *s, pm_id programme, pm_id person)
{
    memset(e, 0, sizeof *e);
    e->invited_on = e->enrolled_on = e->ended_on = PM_DATE_NONE;
    pm_value eq[2] = { pm_value__int(programme), pm_value__int(person) };
    pm_scan scan = { PM_KIND_ENROLMENT, PM_ENROL_BY_PROGRAMME, 2, eq, NULL, NULL, 0, 1 };
    enrolment_read r = { s, e };
    return pm_api__scan(s, &scan, read_one, &r);
}

/* ---- writing enrolments ---- */

static void enrolment_values(pm_value *v, const pm_enrolment *e)
{
    v[PM_ENROL_PROGRAMME] = pm_value__int(e->programme);
    v[PM_ENROL_PERSON] = pm_value__int(e->person);
    v[PM_ENROL_STATE] = pm_value__int(e->state);
    v[PM_ENROL_RESULT] = pm_value__int(e->result);
    v[PM_ENROL_INVITED_ON] = pm_value__date(e->invited_on);
    v[PM_ENROL_ENROLLED_ON] = pm_value__date(e->enrolled_on);
    v[PM_ENROL_ENDED_ON] = pm_value__date(e->ended_on);
    v[PM_ENROL_ITEM] = pm_value__int(e->item);
}

/* Inserts e when it is new (id 0), else writes its changed fields. */
static pm_status save_enrolment(pm_session *s, pm_enrolment *e)
{
    pm_value v[PM_ENROL_NFIELDS];
    enrolment_values(v, e);
    if (e->id == 0) {
        pm_api__audit_create(s, v, PM_ENROL_CREATED_AT);
        return pm_api__insert(s, PM_KIND_ENROLMENT, v, &e->id);
    }
    pm_api__audit_update(s, v, PM_ENROL_CREATED_AT);
    return pm_api__update_fields(s, PM_KIND_ENROLMENT, e->id, v, ENROLMENT_CHANGE);
}

/* ---- shared checks ---- */

static pm_status check_programme(pm_programme **out, pm_session *s, pm_id programme)
{
    return pm_programme__load(out, s, programme);
}

/* The enrolment e is not in a state the call needs: "person 5 is not
 * enrolled in programme 3" (none) or "person 5 has completed programme 3,
 * not enrolled". */
static pm_status not_in(pm_session *s, const pm_enrolment *e, pm_id programme, pm_id person,
                        const char *none, const char *wanted)
{
    if (e->id == 0)
        return pm_error__set(&s->error, PM_EINVAL, "programme: person %lld %s programme %lld",
                             (long long)person, none, (long long)programme);
    return pm_error__set(&s->error, PM_EINVAL,
                         "programme: person %lld %s programme %lld, not %s", (long long)person,
                         standing(e->state), (long long)programme, wanted);
}

static pm_status already(pm_session *s, const pm_enrolment *e, pm_id programme, pm_id person)
{
    return pm_error__set(&s->error, PM_ECONFLICT,
                         "programme: person %lld %s programme %lld already", (long long)person,
                         standing(e->state), (long long)programme);
}

static pm_status refuse(pm_session *s, pm_action action)
{
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(action));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(action));
}

/* ---- invite ---- */

pm_status pm_programme_invite(pm_session *s, pm_id programme, pm_id person)
{
    PM_CHECK_SESSION(s);
    pm_programme *p = NULL;
    pm_enrolment e;
    memset(&e, 0, sizeof e);
    pm_status st = pm_api__authorize(s, PM_ACT_PROGRAMME_ADMIN, 0);
    if (st == PM_OK)
        st = check_programme(&p, s, programme);
    pm_programme_free(p); /* only its existence matters here */
    if (st == PM_OK)
        st = pm_person__check(s, person, "person", 1);
    if (st == PM_OK)
        st = find_enrolment(&e, s, programme, person);
    if (st == PM_OK && e.id != 0 && e.state != PM_ENROLMENT_DROPPED)
        st = already(s, &e, programme, person);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    /* A person who dropped out is invited afresh: the row starts over, and
     * the cancelled item stays in their plan as history. */
    e.programme = programme;
    e.person = person;
    e.state = PM_ENROLMENT_INVITED;
    e.result = PM_RESULT_PENDING;
    e.invited_on = pm_api__today(s->db);
    e.enrolled_on = PM_DATE_NONE;
    e.ended_on = PM_DATE_NONE;
    e.item = 0;
    return pm_api__finish_one(s, save_enrolment(s, &e));
}

/* ---- enrol ---- */

/* HR and the system enrol anyone; someone above the person enrols them;
 * the person enrols themself only into a programme they were invited to. */
static pm_status authorize_enrol(pm_session *s, const pm_enrolment *e, pm_id programme,
                                 pm_id person)
{
    if (pm_access__check(&s->actor, PM_ACT_PROGRAMME_ENROL, PM_REL_NONE) == PM_OK)
        return PM_OK;
    pm_relation relation = PM_REL_NONE;
    pm_status st = pm_api__relation(&relation, s, person);
    if (st != PM_OK)
        return st;
    if (pm_access__check(&s->actor, PM_ACT_PROGRAMME_ENROL, relation) != PM_OK)
        return refuse(s, PM_ACT_PROGRAMME_ENROL);
    if (relation == PM_REL_SELF && (e->id == 0 || e->state != PM_ENROLMENT_INVITED))
        return pm_error__set(&s->error, PM_EPERM,
                             "permission denied: a person enrols themself only when invited "
                             "(person %lld is not invited to programme %lld)",
                             (long long)person, (long long)programme);
    return PM_OK;
}

static pm_status check_seat(pm_session *s, const pm_programme *p)
{
    if (p->capacity > 0 && p->seats >= p->capacity)
        return pm_error__set(&s->error, PM_EINVAL,
                             "programme: programme %lld is full (%d of %d seats taken)",
                             (long long)p->id, p->seats, p->capacity);
    return PM_OK;
}

typedef struct plan_period {
    pm_date start;
    pm_date end;
    int found;
} plan_period;

static int read_period(const pm_row *row, void *payload)
{
    plan_period *pp = payload;
    if (row->nvalues < PM_PLN_NFIELDS)
        return PM_ECORRUPT;
    pp->start = pm_value__as_date(&row->values[PM_PLN_START_ON]);
    pp->end = pm_value__as_date(&row->values[PM_PLN_END_ON]);
    pp->found = 1;
    return 0;
}

/* The plan of person covering today, with its period. */
static pm_status find_plan(pm_id *plan, plan_period *period, pm_session *s, pm_id person,
                           pm_date today)
{
    memset(period, 0, sizeof *period);
    pm_status st = pm_plan__covering(plan, s, person, today);
    if (st != PM_OK)
        return st;
    if (*plan == 0) {
        char day[PM_DATE_BUFSIZE];
        pm_api__format_date(day, today);
        return pm_error__set(&s->error, PM_EINVAL,
                             "programme: person %lld has no development plan covering %s",
                             (long long)person, day);
    }
    st = pm_api__get(s, PM_KIND_PLAN, *plan, read_period, period);
    if (st == PM_OK && !period->found)
        st = PM_ENOTFOUND;
    if (st == PM_ENOTFOUND || st == PM_ECORRUPT)
        return pm_error__set(&s->error, st == PM_ENOTFOUND ? PM_ECORRUPT : st,
                             "plan: plan %lld cannot be read", (long long)*plan);
    return st;
}

/* The item an enrolment adds: the programme's kind, name and competencies;
 * it starts with the first session when that falls in the plan, and is due
 * with the last one when that falls in the plan. */
static void item_opts(pm_plan_item_opts *o, const pm_programme *p, const plan_period *period)
{
    pm_plan_item_opts defaults = PM_PLAN_ITEM_OPTS_INIT;
    *o = defaults;
    o->kind = p->kind == PM_PROGRAMME_COACHING ? PM_ITEM_COACHING : PM_ITEM_TRAINING;
    o->title = p->name;
    o->title_len = strlen(p->name);
    o->competencies = p->competencies;
    o->ncompetencies = p->ncompetencies;
    if (p->nsessions > 0) {
        pm_date first = p->sessions[0].on;
        pm_date last = p->sessions[p->nsessions - 1].on;
        if (first >= period->start)
            o->start = first;
        if (last >= period->start && last <= period->end)
            o->due = last;
    }
}

static pm_status enrol_in(pm_id *item, pm_session *s, const pm_programme *p, pm_enrolment *e,
                          pm_id plan, const plan_period *period, pm_date today)
{
    pm_plan_item_opts o;
    item_opts(&o, p, period);
    pm_status st = pm_plan_item__add(item, s, plan, &o, p->id);
    if (st != PM_OK)
        return st;
    e->state = PM_ENROLMENT_ENROLLED;
    e->result = PM_RESULT_PENDING;
    e->enrolled_on = today;
    e->ended_on = PM_DATE_NONE;
    e->item = *item;
    return save_enrolment(s, e);
}

pm_status pm_programme_enrol(pm_id *item, pm_session *s, pm_id programme, pm_id person)
{
    PM_CHECK_SESSION(s);
    if (item != NULL)
        *item = 0;
    pm_date today = pm_api__today(s->db);
    pm_programme *p = NULL;
    pm_enrolment e;
    memset(&e, 0, sizeof e);
    pm_id plan = 0;
    plan_period period;
    pm_status st = check_programme(&p, s, programme);
    if (st == PM_OK)
        st = pm_person__check(s, person, "person", 1);
    if (st == PM_OK)
        st = find_enrolment(&e, s, programme, person);
    if (st == PM_OK)
        st = authorize_enrol(s, &e, programme, person);
    if (st == PM_OK && e.id != 0
        && (e.state == PM_ENROLMENT_ENROLLED || e.state == PM_ENROLMENT_COMPLETED))
        st = already(s, &e, programme, person);
    if (st == PM_OK)
        st = check_seat(s, p);
    if (st == PM_OK)
        st = find_plan(&plan, &period, s, person, today);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK) {
        pm_programme_free(p);
        return st;
    }
    e.programme = programme;
    e.person = person;
    pm_id made = 0;
    st = pm_api__finish(s, enrol_in(&made, s, p, &e, plan, &period, today));
    pm_programme_free(p);
    if (st == PM_OK && item != NULL)
        *item = made;
    return st;
}

/* ---- complete and drop ---- */

static int read_item_state(const pm_row *row, void *payload)
{
    if (row->nvalues < PM_PITEM_NFIELDS)
        return PM_ECORRUPT;
    *(pm_item_state *)payload = (pm_item_state)pm_value__as_int(&row->values[PM_PITEM_STATE]);
    return 0;
}

/* Moves an enrolment's plan item to done or cancelled on date. A planned
 * item passes through in progress (the plan's state table has no shortcut);
 * an item already there, or gone, is left alone. */
static pm_status settle_item(pm_session *s, pm_id item, pm_item_state to, pm_date date)
{
    if (item == 0)
        return PM_OK;
    pm_item_state state = (pm_item_state)0;
    pm_status st = pm_api__get(s, PM_KIND_PLAN_ITEM, item, read_item_state, &state);
    if (st == PM_ENOTFOUND)
        return PM_OK;
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT, "plan_item: stored row %lld is too short",
                             (long long)item);
    if (st != PM_OK || state == to)
        return st;
    if (to == PM_ITEM_DONE && state == PM_ITEM_PLANNED)
        st = pm_plan_item__set_state(s, item, PM_ITEM_IN_PROGRESS, date);
    if (st == PM_OK && !(to == PM_ITEM_CANCELLED && state == PM_ITEM_DONE))
        st = pm_plan_item__set_state(s, item, to, date);
    return st;
}

static pm_status complete_in(pm_session *s, pm_enrolment *e, pm_enrolment_result result,
                             pm_date date)
{
    e->state = PM_ENROLMENT_COMPLETED;
    e->result = result;
    e->ended_on = date;
    pm_status st = save_enrolment(s, e);
    if (st == PM_OK)
        st = settle_item(s, e->item, PM_ITEM_DONE, date);
    return st;
}

static pm_status check_result(pm_session *s, pm_enrolment_result result)
{
    if (result == PM_RESULT_PASSED || result == PM_RESULT_FAILED || result == PM_RESULT_ABSENT)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL,
                         "programme.result: %d is not a final result (2 passed, 3 failed, "
                         "4 absent)", (int)result);
}

static pm_status check_completion_day(pm_session *s, const pm_enrolment *e, pm_date date)
{
    pm_status st = pm_org__check_date(date, "programme.date", &s->error);
    if (st == PM_OK)
        st = pm_api__check_not_future(s, date, "programme.date");
    if (st != PM_OK || e->enrolled_on == PM_DATE_NONE || date >= e->enrolled_on)
        return st;
    char day[PM_DATE_BUFSIZE], from[PM_DATE_BUFSIZE];
    pm_api__format_date(day, date);
    pm_api__format_date(from, e->enrolled_on);
    return pm_error__set(&s->error, PM_EINVAL,
                         "programme.date: %s is before the enrolment on %s", day, from);
}

pm_status pm_programme_complete(pm_session *s, pm_id programme, pm_id person,
                                pm_enrolment_result result, pm_date date)
{
    PM_CHECK_SESSION(s);
    pm_programme *p = NULL;
    pm_enrolment e;
    memset(&e, 0, sizeof e);
    date = pm_api__date_or_today(s->db, date);
    pm_status st = pm_api__authorize(s, PM_ACT_PROGRAMME_ADMIN, 0);
    if (st == PM_OK)
        st = check_programme(&p, s, programme);
    pm_programme_free(p);
    if (st == PM_OK)
        st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK)
        st = check_result(s, result);
    if (st == PM_OK)
        st = find_enrolment(&e, s, programme, person);
    if (st == PM_OK && (e.id == 0 || e.state != PM_ENROLMENT_ENROLLED))
        st = not_in(s, &e, programme, person, "is not enrolled in", "enrolled");
    if (st == PM_OK)
        st = check_completion_day(s, &e, date);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, complete_in(s, &e, result, date));
}

static pm_status drop_in(pm_session *s, pm_enrolment *e, pm_date today)
{
    e->state = PM_ENROLMENT_DROPPED;
    e->ended_on = today;
    pm_status st = save_enrolment(s, e);
    if (st == PM_OK)
        st = settle_item(s, e->item, PM_ITEM_CANCELLED, today);
    return st;
}

pm_status pm_programme_drop(pm_session *s, pm_id programme, pm_id person)
{
    PM_CHECK_SESSION(s);
    pm_programme *p = NULL;
    pm_enrolment e;
    memset(&e, 0, sizeof e);
    pm_status st = check_programme(&p, s, programme);
    pm_programme_free(p);
    if (st == PM_OK)
        st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PROGRAMME_DROP, person);
    if (st == PM_OK)
        st = find_enrolment(&e, s, programme, person);
    if (st == PM_OK && (e.id == 0 || (e.state != PM_ENROLMENT_INVITED
                                      && e.state != PM_ENROLMENT_ENROLLED)))
        st = not_in(s, &e, programme, person, "is not invited to or enrolled in",
                    "invited or enrolled");
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, drop_in(s, &e, pm_api__today(s->db)));
}

/* ---- participants and numbers ---- */

typedef struct enrolment_list {
    pm_session *s;
    pm_enrolment *items;
    size_t count;
    size_t cap;
} enrolment_list;

static int append_enrolment(const pm_row *row, void *payload)
{
    enrolment_list *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_enrolment *grown = pm__realloc(l->items, cap * sizeof *grown);
        if (grown == NULL)
            return pm_programme__out_of_memory(l->s);
        l->items = grown;
        l->cap = cap;
    }
    int rc = enrolment_from_row(l->s, &l->items[l->count], row);
    if (rc == 0)
        l->count++;
    return rc;
}

/* Every enrolment of programme, by person id (the index's order). */
static pm_status read_participants(enrolment_list *l, pm_id programme)
{
    pm_value eq[1] = { pm_value__int(programme) };
    pm_scan scan = { PM_KIND_ENROLMENT, PM_ENROL_BY_PROGRAMME, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(l->s, &scan, append_enrolment, l);
}

/* Checks the actor runs programmes and that programme exists. */
static pm_status check_admin_read(pm_session *s, pm_id programme)
{
    pm_programme *p = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_PROGRAMME_ADMIN, 0);
    if (st == PM_OK)
        st = check_programme(&p, s, programme);
    pm_programme_free(p);
    return st;
}

pm_status pm_programme_participants(pm_enrolment_iter **out, pm_session *s, pm_id programme)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_admin_read(s, programme);
    if (st != PM_OK)
        return st;
    enrolment_list l = { s, NULL, 0, 0 };
    st = read_participants(&l, programme);
    pm_enrolment_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = pm_programme__out_of_memory(s);
    if (st != PM_OK) {
        pm__free(l.items);
        return st;
    }
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_enrolment_iter_next(pm_enrolment **out, pm_enrolment_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_enrolment_iter_free(pm_enrolment_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

typedef struct stats_ctx {
    pm_session *s;
    pm_programme_stats *out;
} stats_ctx;

static int count_enrolment(const pm_row *row, void *payload)
{
    stats_ctx *c = payload;
    pm_enrolment e;
    int rc = enrolment_from_row(c->s, &e, row);
    if (rc != 0)
        return rc;
    switch (e.state) {
    case PM_ENROLMENT_INVITED: c->out->invited++; break;
    case PM_ENROLMENT_ENROLLED: c->out->enrolled++; break;
    case PM_ENROLMENT_COMPLETED:
        c->out->completed++;
        c->out->passed += e.result == PM_RESULT_PASSED;
        break;
    case PM_ENROLMENT_DROPPED: c->out->dropped++; break;
    default: break;
    }
    return 0;
}

pm_status pm_programme_stats_get(pm_programme_stats *out, pm_session *s, pm_id programme)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = pm_api__check_version(s, "programme_stats", out->version,
                                         PM_PROGRAMME_STATS_VERSION);
    if (st == PM_OK)
        st = check_admin_read(s, programme);
    if (st != PM_OK)
        return st;
    pm_programme_stats counted = PM_PROGRAMME_STATS_INIT;
    stats_ctx c = { s, &counted };
    pm_value eq[1] = { pm_value__int(programme) };
    pm_scan scan = { PM_KIND_ENROLMENT, PM_ENROL_BY_PROGRAMME, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, count_enrolment, &c);
    if (st != PM_OK)
        return st;
    /* Those who only were invited never started: they are not in the rate. */
    int started = counted.enrolled + counted.completed + counted.dropped;
    counted.completion_rate = started > 0 ? (double)counted.completed / started : 0.0;
    counted.version = out->version;
    *out = counted;
    return PM_OK;
}

/* ---- accessors ---- */

pm_id pm_enrolment_person(const pm_enrolment *e)
{
    return e ? e->person : 0;
}

pm_id pm_enrolment_programme(const pm_enrolment *e)
{
    return e ? e->programme : 0;
}

pm_enrolment_state pm_enrolment_state_get(const pm_enrolment *e)
{
    return e ? e->state : (pm_enrolment_state)0;
}

pm_enrolment_result pm_enrolment_result_get(const pm_enrolment *e)
{
    return e ? e->result : (pm_enrolment_result)0;
}

pm_date pm_enrolment_invited_on(const pm_enrolment *e)
{
    return e ? e->invited_on : PM_DATE_NONE;
}

pm_date pm_enrolment_enrolled_on(const pm_enrolment *e)
{
    return e ? e->enrolled_on : PM_DATE_NONE;
}

pm_date pm_enrolment_ended_on(const pm_enrolment *e)
{
    return e ? e->ended_on : PM_DATE_NONE;
}

pm_id pm_enrolment_item(const pm_enrolment *e)
{
    return e ? e->item : 0;
}
