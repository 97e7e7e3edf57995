/* Development plans: create, change, copy forward, development areas, read
 * and list, and the plan covering a day. A plan is read and changed by its
 * person, their manager chain, HR and the system actor (core/access.c);
 * the rules of periods live in core/plan.c. Items are in plan_item.c. */
#include "development_internal.h"

#include <stdlib.h>
#include <string.h>

#include "competency_internal.h"
#include "person_internal.h"
#include "../core/plan.h"
#include "../util/text.h"

#define PLAN_OPTS "plan_opts"

#define PLAN_FIELDS_KNOWN                                                                  \
    (PM_PLAN_FIELD_PERIOD | PM_PLAN_FIELD_STRENGTHS | PM_PLAN_FIELD_AMBITIONS              \
     | PM_PLAN_FIELD_TARGET_ROLE)

/* A development area of a plan snapshot; note is "" when none. */
typedef struct plan_area {
    pm_id id;
    pm_id competency;
    char *note;
} plan_area;

/* A plan snapshot (the public pm_plan); strengths and ambitions are "" when
 * none; areas in the order added. */
struct pm_plan {
    pm_id id;
    pm_id person;
    pm_date start;
    pm_date end;
    char *strengths;
    char *ambitions;
    pm_id target_role;
    pm_id previous;
    plan_area *areas;
    size_t nareas;
};

/* ---- row values ---- */

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "plan: out of memory");
}

/* Stored text: NULL for none, so "" and an omitted field read back alike. */
static pm_value text_value(const char *text)
{
    return (text && *text) ? pm_value__text(text, strlen(text)) : pm_value__null();
}

/* ---- reading ---- */

void pm_plan_free(pm_plan *plan)
{
    if (plan == NULL)
        return;
    for (size_t i = 0; i < plan->nareas; i++)
        pm__free(plan->areas[i].note);
    pm__free(plan->areas);
    pm__free(plan->strengths);
    pm__free(plan->ambitions);
    pm__free(plan);
}

struct load_ctx {
    pm_session *s;
    pm_plan *plan;
    size_t cap;  /* of plan->areas */
};

static int load_row(const pm_row *row, void *payload)
{
    struct load_ctx *ctx = payload;
    pm_status st = pm_api__check_row(ctx->s, row, PM_PLN_NFIELDS, "plan");
    if (st != PM_OK)
        return st;
    pm_plan *p = pm__calloc(1, sizeof *p);
    if (p == NULL)
        return out_of_memory(ctx->s);
    ctx->plan = p;
    const pm_value *v = row->values;
    p->id = row->id;
    p->person = pm_value__as_int(&v[PM_PLN_PERSON]);
    p->start = pm_value__as_date(&v[PM_PLN_START_ON]);
    p->end = pm_value__as_date(&v[PM_PLN_END_ON]);
    p->target_role = pm_value__as_int(&v[PM_PLN_TARGET_ROLE]);
    p->previous = pm_value__as_int(&v[PM_PLN_PREVIOUS]);
    p->strengths = pm_value__text_copy(&v[PM_PLN_STRENGTHS]);
    p->ambitions = pm_value__text_copy(&v[PM_PLN_AMBITIONS]);
    if (p->strengths == NULL || p->ambitions == NULL)
        return out_of_memory(ctx->s);
    return 0;
}

static int load_area(const pm_row *row, void *payload)
{
    struct load_ctx *ctx = payload;
    pm_status st = pm_api__check_row(ctx->s, row, PM_AREA_NFIELDS, "plan_area");
    if (st != PM_OK)
        return st;
    pm_plan *p = ctx->plan;
    if (p->nareas == ctx->cap) {
        size_t cap = ctx->cap ? ctx->cap * 2 : 4;
        plan_area *areas = pm__realloc(p->areas, cap * sizeof *areas);
        if (areas == NULL)
            return out_of_memory(ctx->s);
        p->areas = areas;
        ctx->cap = cap;
    }
    char *note = pm_value__text_copy(&row->values[PM_AREA_NOTE]);
    if (note == NULL)
        return out_of_memory(ctx->s);
    plan_area *a = &p->areas[p->nareas++];
    a->id = row->id;
    a->competency = pm_value__as_int(&row->values[PM_AREA_COMPETENCY]);
    a->note = note;
    return 0;
}

static int area_by_id(const void *a, const void *b)
{
    pm_id x = ((const plan_area *)a)->id, y = ((const plan_area *)b)->id;
    return (x > y) - (x < y);
}

static pm_status check_plan_id(pm_session *s, pm_id plan)
{
    if (plan > 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "plan: %lld is not a plan id", (long long)plan);
}

/* Reads a plan and its areas; PM_ENOTFOUND "plan: plan 12 does not exist". */
static pm_status load_plan(pm_plan **out, pm_session *s, pm_id id)
{
    *out = NULL;
    pm_status st = check_plan_id(s, id);
    if (st != PM_OK)
        return st;
    struct load_ctx ctx = { s, NULL, 0 };
    st = pm_api__get(s, PM_KIND_PLAN, id, load_row, &ctx);
    if (st == PM_OK && ctx.plan == NULL)
        st = PM_ENOTFOUND;
    if (st == PM_ENOTFOUND)
        st = pm_error__set(&s->error, PM_ENOTFOUND, "plan: plan %lld does not exist",
                           (long long)id);
    if (st == PM_OK) {
        pm_value eq[1] = { pm_value__int(id) };
        pm_scan scan = { PM_KIND_PLAN_AREA, PM_AREA_BY_PLAN, 1, eq, NULL, NULL, 0, 0 };
        st = pm_api__scan(s, &scan, load_area, &ctx);
    }
    if (st != PM_OK) {
        pm_plan_free(ctx.plan);
        return st;
    }
    /* The index orders areas by competency; the row ids keep the order added. */
    if (ctx.plan->nareas > 1)
        qsort(ctx.plan->areas, ctx.plan->nareas, sizeof *ctx.plan->areas, area_by_id);
    *out = ctx.plan;
    return PM_OK;
}

/* Reads a plan the actor may do action on. */
static pm_status load_for(pm_plan **out, pm_session *s, pm_id id, pm_action action)
{
    pm_status st = load_plan(out, s, id);
    if (st == PM_OK)
        st = pm_api__authorize(s, action, (*out)->person);
    if (st != PM_OK) {
        pm_plan_free(*out);
        *out = NULL;
    }
    return st;
}

/* ---- periods ---- */

typedef struct overlap_ctx {
    pm_session *s;
    pm_id except;   /* the plan being changed, 0 for none */
    pm_date start;
    pm_date end;
    pm_id found;
    pm_date found_start;
    pm_date found_end;
} overlap_ctx;

static int find_overlap(const pm_row *row, void *payload)
{
    overlap_ctx *o = payload;
    pm_status st = pm_api__check_row(o->s, row, PM_PLN_NFIELDS, "plan");
    if (st != PM_OK)
        return st;
    pm_date start = pm_value__as_date(&row->values[PM_PLN_START_ON]);
    pm_date end = pm_value__as_date(&row->values[PM_PLN_END_ON]);
    if (row->id == o->except || !pm_plan__overlaps(start, end, o->start, o->end))
        return 0;
    o->found = row->id;
    o->found_start = start;
    o->found_end = end;
    return 1;
}

/* A person's plans do not overlap: pm_plan_current() and enrolling in a
 * programme need at most one plan covering a day. */
static pm_status check_no_overlap(pm_session *s, pm_id person, pm_date start, pm_date end,
                                  pm_id except)
{
    overlap_ctx o = { s, except, start, end, 0, 0, 0 };
    pm_value eq[1] = { pm_value__int(person) };
    pm_value hi = pm_value__date(end); /* a plan starting later cannot overlap */
    pm_scan scan = { PM_KIND_PLAN, PM_PLN_BY_PERSON, 1, eq, NULL, &hi, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, find_overlap, &o);
    if (st != PM_OK || o.found == 0)
        return st;
    char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    pm_date_format(a, o.found_start);
    pm_date_format(b, o.found_end);
    return pm_error__set(&s->error, PM_ECONFLICT, "plan: overlaps plan %lld (%s to %s)",
                         (long long)o.found, a, b);
}

typedef struct early_item {
    pm_session *s;
    pm_date start;
    pm_id found;
    pm_date date;
    int is_due;
} early_item;

static int find_early_item(const pm_row *row, void *payload)
{
    early_item *e = payload;
    pm_status st = pm_api__check_row(e->s, row, PM_PITEM_NFIELDS, "plan_item");
    if (st != PM_OK)
        return st;
    pm_date start = pm_value__as_date(&row->values[PM_PITEM_START_ON]);
    pm_date due = pm_value__as_date(&row->values[PM_PITEM_DUE_ON]);
    if (start != PM_DATE_NONE && start < e->start) {
        e->date = start;
        e->is_due = 0;
    } else if (due != PM_DATE_NONE && due < e->start) {
        e->date = due;
        e->is_due = 1;
    } else {
        return 0;
    }
    e->found = row->id;
    return 1;
}

/* A plan's items keep within it: none may start or be due before a new start. */
static pm_status check_items_fit(pm_session *s, pm_id plan, pm_date start)
{
    early_item e = { s, start, 0, 0, 0 };
    pm_value eq[1] = { pm_value__int(plan) };
    pm_scan scan = { PM_KIND_PLAN_ITEM, PM_PITEM_BY_PLAN, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, find_early_item, &e);
    if (st != PM_OK || e.found == 0)
        return st;
    char d[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    pm_date_format(d, e.date);
    pm_date_format(b, start);
    return pm_error__set(&s->error, PM_EINVAL, "plan.start: item %lld %s on %s, before the new start %s",
                         (long long)e.found, e.is_due ? "is due" : "starts", d, b);
}

/* ---- checking fields ---- */

typedef struct plan_text {
    char *strengths;
    char *ambitions;
} plan_text;

static void plan_text_free(plan_text *t)
{
    pm__free(t->strengths);
    pm__free(t->ambitions);
}

static pm_status normalize_text(char **out, pm_session *s, const char *text, size_t len,
                                const char *field)
{
    return pm_text__normalize(out, NULL, text, len, field, PM_PLAN_TEXT_MAX, 0, &s->error);
}

static pm_status check_target_role(pm_session *s, pm_id role)
{
    return role == 0 ? PM_OK : pm_role__check(s, role, "plan.target_role");
}

/* ---- creating ---- */

pm_status pm_plan_opts_init(pm_plan_opts *opts, unsigned int version)
{
    static const pm_plan_opts defaults = PM_PLAN_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_PLAN_OPTS_VERSION);
}

/* The new plan's row from checked values. */
static pm_status insert_plan(pm_id *out, pm_session *s, pm_id person, pm_date start,
                             pm_date end, const plan_text *t, pm_id target_role,
                             pm_id previous)
{
    pm_value values[PM_PLN_NFIELDS];
    values[PM_PLN_PERSON] = pm_value__int(person);
    values[PM_PLN_START_ON] = pm_value__date(start);
    values[PM_PLN_END_ON] = pm_value__date(end);
    values[PM_PLN_STRENGTHS] = text_value(t->strengths);
    values[PM_PLN_AMBITIONS] = text_value(t->ambitions);
    values[PM_PLN_TARGET_ROLE] = pm_value__int(target_role);
    values[PM_PLN_PREVIOUS] = pm_value__int(previous);
    pm_api__audit_create(s, values, PM_PLN_CREATED_AT);
    return pm_api__insert(s, PM_KIND_PLAN, values, out);
}

/* Every check of a new plan that reads nothing but the options. */
static pm_status check_new(pm_session *s, const pm_plan_opts *o, pm_date start, plan_text *t)
{
    pm_status st = pm_plan__check_period(start, o->end, &s->error);
    if (st == PM_OK)
        st = normalize_text(&t->strengths, s, o->strengths, o->strengths_len, "plan.strengths");
    if (st == PM_OK)
        st = normalize_text(&t->ambitions, s, o->ambitions, o->ambitions_len, "plan.ambitions");
    if (st == PM_OK && o->target_role < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "plan.target_role: %lld is not a role id",
                           (long long)o->target_role);
    return st;
}

static pm_status create_in(pm_id *out, pm_session *s, const pm_plan_opts *o, pm_date start,
                           const plan_text *t)
{
    pm_status st = check_target_role(s, o->target_role);
    if (st == PM_OK)
        st = check_no_overlap(s, o->person, start, o->end, 0);
    if (st == PM_OK)
        st = insert_plan(out, s, o->person, start, o->end, t, o->target_role, 0);
    return st;
}

pm_status pm_plan_create(pm_id *out, pm_session *s, const pm_plan_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, PLAN_OPTS, opts->version, PM_PLAN_OPTS_VERSION);
    /* The person first: who may create depends on how the actor stands to them. */
    if (st == PM_OK)
        st = pm_person__check(s, opts->person, "plan.person", 1);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PLAN_EDIT, opts->person);
    pm_date start = pm_api__date_or_today(s->db, opts->start);
    plan_text t = { NULL, NULL };
    if (st == PM_OK)
        st = check_new(s, opts, start, &t);
    /* The overlap is checked inside the transaction, with the insert. */
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_api__finish_one(s, create_in(&id, s, opts, start, &t)); /* one insert, last */
    plan_text_free(&t);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- changing ---- */

static pm_status apply_update(pm_session *s, const pm_plan *old, const pm_plan_opts *o,
                              unsigned int fields)
{
    pm_value values[PM_PLN_NFIELDS];
    uint64_t written = PM_UPDATE_FIELD(PM_PLN_UPDATED_AT) | PM_UPDATE_FIELD(PM_PLN_UPDATED_BY);
    plan_text t = { NULL, NULL };
    pm_status st = PM_OK;
    if (fields & PM_PLAN_FIELD_PERIOD) {
        pm_date start = pm_api__date_or_today(s->db, o->start);
        st = pm_plan__check_period(start, o->end, &s->error);
        if (st == PM_OK)
            st = check_items_fit(s, old->id, start);
        if (st == PM_OK)
            st = check_no_overlap(s, old->person, start, o->end, old->id);
        values[PM_PLN_START_ON] = pm_value__date(start);
        values[PM_PLN_END_ON] = pm_value__date(o->end);
        written |= PM_UPDATE_FIELD(PM_PLN_START_ON) | PM_UPDATE_FIELD(PM_PLN_END_ON);
    }
    if (st == PM_OK && (fields & PM_PLAN_FIELD_STRENGTHS)) {
        st = normalize_text(&t.strengths, s, o->strengths, o->strengths_len, "plan.strengths");
        values[PM_PLN_STRENGTHS] = text_value(t.strengths);
        written |= PM_UPDATE_FIELD(PM_PLN_STRENGTHS);
    }
    if (st == PM_OK && (fields & PM_PLAN_FIELD_AMBITIONS)) {
        st = normalize_text(&t.ambitions, s, o->ambitions, o->ambitions_len, "plan.ambitions");
        values[PM_PLN_AMBITIONS] = text_value(t.ambitions);
        written |= PM_UPDATE_FIELD(PM_PLN_AMBITIONS);
    }
    if (st == PM_OK && (fields & PM_PLAN_FIELD_TARGET_ROLE)) {
        if (o->target_role < 0)
            st = pm_error__set(&s->error, PM_EINVAL, "plan.target_role: %lld is not a role id",
                               (long long)o->target_role);
        if (st == PM_OK)
            st = check_target_role(s, o->target_role);
        values[PM_PLN_TARGET_ROLE] = pm_value__int(o->target_role);
        written |= PM_UPDATE_FIELD(PM_PLN_TARGET_ROLE);
    }
    if (st == PM_OK) {
        pm_api__audit_update(s, values, PM_PLN_CREATED_AT);
        st = pm_api__update_fields(s, PM_KIND_PLAN, old->id, values, written);
    }
    plan_text_free(&t);
    return st;
}

pm_status pm_plan_update(pm_session *s, pm_id plan, const pm_plan_opts *opts, unsigned int fields)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, PLAN_OPTS, opts->version, PM_PLAN_OPTS_VERSION);
    if (st == PM_OK && (fields & ~PLAN_FIELDS_KNOWN))
        st = pm_error__set(&s->error, PM_EINVAL, "fields: 0x%x holds unknown flags",
                           fields & ~PLAN_FIELDS_KNOWN);
    pm_plan *old = NULL;
    if (st == PM_OK)
        st = load_for(&old, s, plan, PM_ACT_PLAN_EDIT);
    if (st == PM_OK && fields != 0) {
        st = pm_api__begin_one(s);
        if (st == PM_OK) /* one update, last */
            st = pm_api__finish_one(s, apply_update(s, old, opts, fields));
    }
    pm_plan_free(old);
    return st;
}

/* ---- development areas ---- */

typedef struct area_find {
    pm_session *s;
    pm_id found;
} area_find;

static int note_area(const pm_row *row, void *payload)
{
    ((area_find *)payload)->found = row->id;
    return 1;
}

static pm_status find_area(pm_id *out, pm_session *s, pm_id plan, pm_id competency)
{
    area_find f = { s, 0 };
    pm_value eq[2] = { pm_value__int(plan), pm_value__int(competency) };
    pm_scan scan = { PM_KIND_PLAN_AREA, PM_AREA_BY_PLAN, 2, eq, NULL, NULL, 0, 1 };
    pm_status st = pm_api__scan(s, &scan, note_area, &f);
    *out = f.found;
    return st;
}

/* Adds the area, or replaces the note of the one the plan has. */
static pm_status write_area(pm_session *s, pm_id plan, pm_id competency, const char *note)
{
    pm_id existing = 0;
    pm_status st = find_area(&existing, s, plan, competency);
    if (st != PM_OK)
        return st;
    pm_value values[PM_AREA_NFIELDS];
    values[PM_AREA_PLAN] = pm_value__int(plan);
    values[PM_AREA_COMPETENCY] = pm_value__int(competency);
    values[PM_AREA_NOTE] = text_value(note);
    if (existing != 0) {
        pm_api__audit_update(s, values, PM_AREA_CREATED_AT);
        return pm_api__update_fields(s, PM_KIND_PLAN_AREA, existing, values,
                                     PM_UPDATE_FIELD(PM_AREA_NOTE)
                                         | PM_UPDATE_FIELD(PM_AREA_UPDATED_AT)
                                         | PM_UPDATE_FIELD(PM_AREA_UPDATED_BY));
    }
    pm_api__audit_create(s, values, PM_AREA_CREATED_AT);
    pm_id id = 0; /* a backend may require somewhere to put it */
    return pm_api__insert(s, PM_KIND_PLAN_AREA, values, &id);
}

pm_status pm_plan_add_area(pm_session *s, pm_id plan, pm_id competency, const char *note,
                           size_t note_len)
{
    PM_CHECK_SESSION(s);
    pm_plan *p = NULL;
    pm_status st = load_for(&p, s, plan, PM_ACT_PLAN_EDIT);
    if (st == PM_OK)
        st = pm_competency__check(s, competency, "plan_area.competency", NULL, NULL);
    char *text = NULL;
    if (st == PM_OK)
        st = normalize_text(&text, s, note, note_len, "plan_area.note");
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st == PM_OK) /* one insert or update, last */
        st = pm_api__finish_one(s, write_area(s, p->id, competency, text));
    pm__free(text);
    pm_plan_free(p);
    return st;
}

/* ---- copying forward ---- */

static pm_status copy_areas(pm_session *s, const pm_plan *from, pm_id to)
{
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < from->nareas; i++) {
        pm_value values[PM_AREA_NFIELDS];
        values[PM_AREA_PLAN] = pm_value__int(to);
        values[PM_AREA_COMPETENCY] = pm_value__int(from->areas[i].competency);
        values[PM_AREA_NOTE] = text_value(from->areas[i].note);
        pm_api__audit_create(s, values, PM_AREA_CREATED_AT);
        pm_id id = 0;
        st = pm_api__insert(s, PM_KIND_PLAN_AREA, values, &id);
    }
    return st;
}

/* The copy of one item, kept in its state; a date before the new plan
 * moves to its start. A mentor who has left since is not copied: the item
 * still holds, but nobody can mentor it any more. */
static pm_status copy_item(pm_session *s, const pm_plan_item *item, pm_id to, pm_date start)
{
    pm_plan_item_opts o = PM_PLAN_ITEM_OPTS_INIT;
    o.kind = pm_plan_item_kind(item);
    o.title = pm_plan_item_title(item);
    o.notes = pm_plan_item_notes(item);
    o.start = pm_plan__moved_date(pm_plan_item_start(item), start);
    o.due = pm_plan__moved_date(pm_plan_item_due(item), start);
    o.weight = pm_plan_item_weight(item);
    o.mentor = pm_plan_item_mentor(item);
    o.goal = pm_plan_item_goal(item);
    o.metric = pm_plan_item_metric(item);
    o.metric_target = pm_plan_item_metric_target(item);
    pm_id competencies[PM_ITEM_COMPETENCIES_MAX];
    size_t n = pm_plan_item_competency_count(item);
    for (size_t i = 0; i < n && i < PM_ITEM_COMPETENCIES_MAX; i++)
        competencies[i] = pm_plan_item_competency(item, i);
    o.competencies = competencies;
    o.ncompetencies = n < PM_ITEM_COMPETENCIES_MAX ? n : PM_ITEM_COMPETENCIES_MAX;
    pm_status st = PM_OK;
    if (o.mentor != 0) {
        int found = 0;
        pm_person_status status = PM_PERSON_ACTIVE;
        st = pm_person__status(&found, &status, s, o.mentor);
        if (st == PM_OK && (!found || status != PM_PERSON_ACTIVE))
            o.mentor = 0;
    }
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_plan_item__add(&id, s, to, &o, 0);
    if (st == PM_OK && pm_plan_item_state(item) == PM_ITEM_IN_PROGRESS)
        st = pm_plan_item__set_state(s, id, PM_ITEM_IN_PROGRESS, start);
    return st;
}

/* Items planned or in progress carry over; done and cancelled ones stay
 * behind as the record of the old plan. Items of a programme enrolment are
 * not copied: the enrolment follows its own item in the old plan, and a
 * copy would be an item no programme completes or cancels. */
static pm_status copy_items(pm_session *s, pm_id from, pm_id to, pm_date start)
{
    pm_plan_item_iter *it = NULL;
    pm_status st = pm_plan_item_list(&it, s, from);
    pm_plan_item *item = NULL;
    while (st == PM_OK && (st = pm_plan_item_iter_next(&item, it)) == PM_OK) {
        pm_item_state state = pm_plan_item_state(item);
        if ((state == PM_ITEM_PLANNED || state == PM_ITEM_IN_PROGRESS)
            && pm_plan_item_programme(item) == 0)
            st = copy_item(s, item, to, start);
    }
    pm_plan_item_iter_free(it);
    return st == PM_ITEROVER ? PM_OK : st;
}

static pm_status check_copy(pm_session *s, const pm_plan *old, pm_date start, pm_date end)
{
    pm_status st = pm_plan__check_period(start, end, &s->error);
    if (st != PM_OK || start > old->end)
        return st;
    char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    pm_date_format(a, start);
    pm_date_format(b, old->end);
    return pm_error__set(&s->error, PM_EINVAL,
                         "plan.start: %s is not after plan %lld ends on %s", a,
                         (long long)old->id, b);
}

static pm_status copy_in(pm_id *out, pm_session *s, const pm_plan *old, pm_date start,
                         pm_date end)
{
    pm_status st = check_no_overlap(s, old->person, start, end, 0);
    plan_text t = { old->strengths, old->ambitions };
    if (st == PM_OK)
        st = insert_plan(out, s, old->person, start, end, &t, old->target_role, old->id);
    if (st == PM_OK)
        st = copy_areas(s, old, *out);
    if (st == PM_OK)
        st = copy_items(s, old->id, *out, start);
    return st;
}

pm_status pm_plan_copy_forward(pm_id *out, pm_session *s, pm_id plan, pm_date start,
                               pm_date end)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    pm_plan *old = NULL;
    pm_status st = load_for(&old, s, plan, PM_ACT_PLAN_EDIT);
    if (st == PM_OK)
        st = pm_person__check(s, old->person, "plan.person", 1);
    start = pm_api__date_or_today(s->db, start);
    if (st == PM_OK)
        st = check_copy(s, old, start, end);
    if (st == PM_OK)
        st = pm_api__begin(s);
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_api__finish(s, copy_in(&id, s, old, start, end));
    pm_plan_free(old);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- reading and listing ---- */

pm_status pm_plan_get(pm_plan **out, pm_session *s, pm_id plan)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    return load_for(out, s, plan, PM_ACT_PLAN_READ);
}

struct pm_plan_iter {
    pm_session *session;
    pm_id *ids;
    size_t count;
    size_t cap;
    size_t next;
    pm_plan *current;
};

static int collect_plan_id(const pm_row *row, void *payload)
{
    pm_plan_iter *it = payload;
    if (it->count == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 8;
        pm_id *ids = pm__realloc(it->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(it->session);
        it->ids = ids;
        it->cap = cap;
    }
    it->ids[it->count++] = row->id;
    return 0;
}

/* Checks the person a read names and that the actor may read their plans. */
static pm_status authorize_person(pm_session *s, pm_id person)
{
    pm_status st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PLAN_READ, person);
    return st;
}

pm_status pm_plan_list(pm_plan_iter **out, pm_session *s, pm_id person)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = authorize_person(s, person);
    if (st != PM_OK)
        return st;
    pm_plan_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return out_of_memory(s);
    it->session = s;
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_PLAN, PM_PLN_BY_PERSON, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, collect_plan_id, it);
    if (st != PM_OK) {
        pm_plan_iter_free(it);
        return st;
    }
    *out = it;
    return PM_OK;
}

pm_status pm_plan_iter_next(pm_plan **out, pm_plan_iter *iter)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    pm_plan_free(iter->current);
    iter->current = NULL;
    pm_error__clear(&iter->session->error);
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    /* Advance only on success, so a retry after running out of memory
     * returns the same plan. */
    pm_status st = load_plan(&iter->current, iter->session, iter->ids[iter->next]);
    if (st != PM_OK)
        return st;
    iter->next++;
    *out = iter->current;
    return PM_OK;
}

void pm_plan_iter_free(pm_plan_iter *iter)
{
    if (iter == NULL)
        return;
    pm_plan_free(iter->current);
    pm__free(iter->ids);
    pm__free(iter);
}

/* ---- the plan covering a day (pm_plan_current() is in plan_progress.c) ---- */

typedef struct covering_ctx {
    pm_session *s;
    pm_date date;
    pm_id found;
} covering_ctx;

static int check_covers(const pm_row *row, void *payload)
{
    covering_ctx *c = payload;
    pm_status st = pm_api__check_row(c->s, row, PM_PLN_NFIELDS, "plan");
    if (st != PM_OK)
        return st;
    if (pm_value__as_date(&row->values[PM_PLN_END_ON]) >= c->date)
        c->found = row->id;
    return 1;
}

pm_status pm_plan__covering(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    *out = 0;
    date = pm_api__date_or_today(s->db, date);
    /* Plans do not overlap, so only the last one starting by date can
     * cover it. */
    covering_ctx c = { s, date, 0 };
    pm_value eq[1] = { pm_value__int(person) };
    pm_value hi = pm_value__date(date);
    pm_scan scan = { PM_KIND_PLAN, PM_PLN_BY_PERSON, 1, eq, NULL, &hi, PM_SCAN_DESC, 1 };
    pm_status st = pm_api__scan(s, &scan, check_covers, &c);
    if (st == PM_OK)
        *out = c.found;
    return st;
}

/* ---- getters ---- */

pm_id pm_plan_id(const pm_plan *plan) { return plan ? plan->id : 0; }
pm_id pm_plan_person(const pm_plan *plan) { return plan ? plan->person : 0; }
pm_date pm_plan_start(const pm_plan *plan) { return plan ? plan->start : PM_DATE_NONE; }
pm_date pm_plan_end(const pm_plan *plan) { return plan ? plan->end : PM_DATE_NONE; }
const char *pm_plan_strengths(const pm_plan *plan) { return plan ? plan->strengths : NULL; }
const char *pm_plan_ambitions(const pm_plan *plan) { return plan ? plan->ambitions : NULL; }
pm_id pm_plan_target_role(const pm_plan *plan) { return plan ? plan->target_role : 0; }
pm_id pm_plan_previous(const pm_plan *plan) { return plan ? plan->previous : 0; }
size_t pm_plan_area_count(const pm_plan *plan) { return plan ? plan->nareas : 0; }

pm_id pm_plan_area_competency(const pm_plan *plan, size_t i)
{
    return plan && i < plan->nareas ? plan->areas[i].competency : 0;
}

const char *pm_plan_area_note(const pm_plan *plan, size_t i)
{
    return plan && i < plan->nareas ? plan->areas[i].note : NULL;
}
