/* Plan items: add, move between states, list a plan's items and the items a
 * person mentors. The item rules (kinds, states, dates, weights) live in
 * core/plan.c; this file checks what needs the store (the plan, the mentor,
 * competencies, the goal) and writes. An item keeps its plan's person, so
 * access to an item is decided without reading its plan. */
#include "development_internal.h"
#include "wellbeing_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "competency_internal.h"
#include "person_internal.h"
#include "../core/plan.h"
#include "../util/text.h"

#define ITEM_OPTS "plan_item_opts"

/* A plan item snapshot (the public pm_plan_item); notes is "" when none;
 * competencies in the order given. */
struct pm_plan_item {
    pm_id id;
    pm_id plan;
    pm_id person;
    pm_item_kind kind;
    char *title;
    char *notes;
    pm_item_state state;
    pm_date start;
    pm_date due;
    pm_date done_on;
    double weight;
    pm_id mentor;
    pm_id goal;
    pm_id metric;
    double metric_target;
    pm_id programme;
    pm_id *competencies;
    size_t ncompetencies;
};

/* ---- row values ---- */

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "plan_item: out of memory");
}

/* ---- the plan an item is added to ---- */

typedef struct plan_facts {
    pm_session *s;
    int found;
    pm_id person;
    pm_date start;
} plan_facts;

static int read_plan(const pm_row *row, void *payload)
{
    plan_facts *p = payload;
    pm_status st = pm_api__check_row(p->s, row, PM_PLN_NFIELDS, "plan");
    if (st != PM_OK)
        return st;
    p->found = 1;
    p->person = pm_value__as_int(&row->values[PM_PLN_PERSON]);
    p->start = pm_value__as_date(&row->values[PM_PLN_START_ON]);
    return 0;
}

/* PM_EINVAL "plan: 0 is not a plan id", PM_ENOTFOUND "plan: plan 12 does
 * not exist". */
static pm_status load_plan(plan_facts *p, pm_session *s, pm_id plan)
{
    memset(p, 0, sizeof *p);
    p->s = s;
    if (plan <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "plan: %lld is not a plan id",
                             (long long)plan);
    pm_status st = pm_api__get(s, PM_KIND_PLAN, plan, read_plan, p);
    if (st == PM_ENOTFOUND || (st == PM_OK && !p->found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "plan: plan %lld does not exist",
                             (long long)plan);
    return st;
}

/* ---- checking an item ---- */

typedef struct new_item {
    char *title;
    char *notes;
} new_item;

static pm_status check_title(new_item *n, pm_session *s, const pm_plan_item_opts *o)
{
    return pm_text__normalize_line(&n->title, NULL, o->title, o->title_len, "plan_item.title",
                                   PM_PLAN_TITLE_MAX, &s->error);
}

static pm_status check_metric(pm_session *s, const pm_plan_item_opts *o)
{
    if (o->metric < 0)
        return pm_error__set(&s->error, PM_EINVAL, "plan_item.metric: %lld is not a metric id",
                             (long long)o->metric);
    if (o->metric == 0)
        return PM_OK;
    if (o->kind != PM_ITEM_WELLBEING)
        return pm_error__set(&s->error, PM_EINVAL,
                             "plan_item.metric: only a wellbeing item has a metric");
    if (!isfinite(o->metric_target))
        return pm_error__set(&s->error, PM_EINVAL,
                             "plan_item.metric_target: must be a finite number");
    pm_metric_def m;
    return pm_metric__load(&m, s, o->metric, "plan_item.metric");
}

/* The list's shape, before any read: its length, no NULL, no repeats. */
static pm_status check_competency_list(pm_session *s, const pm_plan_item_opts *o)
{
    if (o->ncompetencies == 0)
        return PM_OK;
    if (o->ncompetencies > PM_ITEM_COMPETENCIES_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "plan_item.competencies: %zu competencies, at most %d",
                             o->ncompetencies, PM_ITEM_COMPETENCIES_MAX);
    if (o->competencies == NULL)
        return pm_error__set(&s->error, PM_EINVAL, "plan_item.competencies: must not be NULL");
    for (size_t i = 0; i < o->ncompetencies; i++)
        for (size_t j = 0; j < i; j++)
            if (o->competencies[j] == o->competencies[i])
                return pm_error__set(&s->error, PM_EINVAL,
                                     "plan_item.competencies: competency %lld is named twice",
                                     (long long)o->competencies[i]);
    return PM_OK;
}

/* Every check that reads nothing, in the order a caller fixes things. */
static pm_status check_fields(new_item *n, pm_session *s, const pm_plan_item_opts *o,
                              const plan_facts *plan)
{
    if (!pm_plan__kind_valid(o->kind))
        return pm_error__set(&s->error, PM_EINVAL,
                             "plan_item.kind: %d is not a kind (1 training to 8 wellbeing)",
                             (int)o->kind);
    pm_status st = check_title(n, s, o);
    if (st == PM_OK)
        st = pm_text__normalize(&n->notes, NULL, o->notes, o->notes_len, "plan_item.notes",
                                PM_PLAN_TEXT_MAX, 0, &s->error);
    if (st == PM_OK)
        st = pm_plan__check_item_dates(plan->start, o->start, o->due, &s->error);
    if (st == PM_OK)
        st = pm_plan__check_weight(o->weight, &s->error);
    if (st == PM_OK && o->mentor == plan->person)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "plan_item.mentor: the person cannot mentor themself");
    if (st == PM_OK && o->goal < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "plan_item.goal: %lld is not a goal id",
                           (long long)o->goal);
    if (st == PM_OK)
        st = check_metric(s, o);
    if (st == PM_OK)
        st = check_competency_list(s, o);
    return st;
}

/* The goal an item serves is one of the person's own, and one the session
 * may read: linking must not tell of a goal pm_goal_get() would not. */
static pm_status check_goal(pm_session *s, pm_id goal, pm_id person)
{
    if (goal == 0)
        return PM_OK;
    pm_goal *g = NULL;
    pm_status st = pm_goal_get(&g, s, goal);
    if (st == PM_ENOTFOUND)
        st = pm_error__set(&s->error, st, "plan_item.goal: goal %lld does not exist",
                           (long long)goal);
    else if (st == PM_EPERM)
        st = pm_error__set(&s->error, st, "plan_item.goal: may not read goal %lld",
                           (long long)goal);
    else if (st == PM_OK && (pm_goal_owner(g) != person || pm_goal_unit(g) != 0))
        st = pm_error__set(&s->error, PM_EINVAL,
                           "plan_item.goal: goal %lld is not a goal of person %lld",
                           (long long)goal, (long long)person);
    pm_goal_free(g);
    return st;
}

/* The checks that read the store: mentor, competencies, goal. */
static pm_status check_links(pm_session *s, const pm_plan_item_opts *o, pm_id person)
{
    pm_status st = PM_OK;
    if (o->mentor != 0)
        st = pm_person__check(s, o->mentor, "plan_item.mentor", 1);
    for (size_t i = 0; st == PM_OK && i < o->ncompetencies; i++)
        st = pm_competency__check(s, o->competencies[i], "plan_item.competencies", NULL, NULL);
    if (st == PM_OK)
        st = check_goal(s, o->goal, person);
    return st;
}

/* ---- adding ---- */

static pm_status insert_item(pm_id *out, pm_session *s, pm_id plan, pm_id person,
                             const pm_plan_item_opts *o, const new_item *n, pm_id programme)
{
    pm_value values[PM_PITEM_NFIELDS];
    values[PM_PITEM_PLAN] = pm_value__int(plan);
    values[PM_PITEM_PERSON] = pm_value__int(person);
    values[PM_PITEM_KIND] = pm_value__int(o->kind);
    values[PM_PITEM_TITLE] = pm_value__text(n->title, strlen(n->title));
    values[PM_PITEM_NOTES] = (n->notes && *n->notes) ? pm_value__text(n->notes, strlen(n->notes))
                                                     : pm_value__null();
    values[PM_PITEM_STATE] = pm_value__int(PM_ITEM_PLANNED);
    values[PM_PITEM_START_ON] = pm_value__date(o->start);
    values[PM_PITEM_DUE_ON] = pm_value__date(o->due);
    values[PM_PITEM_DONE_ON] = pm_value__null();
    values[PM_PITEM_WEIGHT] = pm_value__real(o->weight);
    values[PM_PITEM_MENTOR] = pm_value__int(o->mentor);
    values[PM_PITEM_GOAL] = pm_value__int(o->goal);
    values[PM_PITEM_METRIC] = pm_value__int(o->metric);
    values[PM_PITEM_METRIC_TARGET] = o->metric > 0 ? pm_value__real(o->metric_target)
                                                   : pm_value__null();
    values[PM_PITEM_PROGRAMME] = pm_value__int(programme > 0 ? programme : 0);
    pm_api__audit_create(s, values, PM_PITEM_CREATED_AT);
    pm_status st = pm_api__insert(s, PM_KIND_PLAN_ITEM, values, out);
    for (size_t i = 0; st == PM_OK && i < o->ncompetencies; i++) {
        pm_value link[PM_ITEMC_NFIELDS];
        link[PM_ITEMC_ITEM] = pm_value__int(*out);
        link[PM_ITEMC_COMPETENCY] = pm_value__int(o->competencies[i]);
        pm_api__audit_create(s, link, PM_ITEMC_CREATED_AT);
        pm_id id = 0; /* a backend may require somewhere to put it */
        st = pm_api__insert(s, PM_KIND_ITEM_COMPETENCY, link, &id);
    }
    return st;
}

pm_status pm_plan_item__add(pm_id *out, pm_session *s, pm_id plan, const pm_plan_item_opts *opts,
                            pm_id programme)
{
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, ITEM_OPTS, opts->version, PM_PLAN_ITEM_OPTS_VERSION);
    plan_facts p;
    if (st == PM_OK)
        st = load_plan(&p, s, plan);
    new_item n = { NULL, NULL };
    if (st == PM_OK)
        st = check_fields(&n, s, opts, &p);
    if (st == PM_OK)
        st = check_links(s, opts, p.person);
    pm_id id = 0;
    if (st == PM_OK)
        st = insert_item(&id, s, plan, p.person, opts, &n, programme);
    pm__free(n.title);
    pm__free(n.notes);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

pm_status pm_plan_item_opts_init(pm_plan_item_opts *opts, unsigned int version)
{
    static const pm_plan_item_opts defaults = PM_PLAN_ITEM_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_PLAN_ITEM_OPTS_VERSION);
}

pm_status pm_plan_item_add(pm_id *out, pm_session *s, pm_id plan, const pm_plan_item_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    plan_facts p;
    pm_status st = load_plan(&p, s, plan);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PLAN_EDIT, p.person);
    /* The item and one link per competency: more than one write. */
    if (st == PM_OK)
        st = pm_api__begin(s);
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_api__finish(s, pm_plan_item__add(&id, s, plan, opts, 0));
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- states ---- */

typedef struct item_facts {
    pm_session *s;
    int found;
    pm_id person;
    pm_id programme;
    pm_item_state state;
} item_facts;

static int read_item(const pm_row *row, void *payload)
{
    item_facts *f = payload;
    pm_status st = pm_api__check_row(f->s, row, PM_PITEM_NFIELDS, "plan_item");
    if (st != PM_OK)
        return st;
    f->found = 1;
    f->person = pm_value__as_int(&row->values[PM_PITEM_PERSON]);
    f->programme = pm_value__as_int(&row->values[PM_PITEM_PROGRAMME]);
    f->state = (pm_item_state)pm_value__as_int(&row->values[PM_PITEM_STATE]);
    return 0;
}

static pm_status load_item(item_facts *f, pm_session *s, pm_id item)
{
    memset(f, 0, sizeof *f);
    f->s = s;
    if (item <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "plan_item: %lld is not an item id",
                             (long long)item);
    pm_status st = pm_api__get(s, PM_KIND_PLAN_ITEM, item, read_item, f);
    if (st == PM_ENOTFOUND || (st == PM_OK && !f->found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "plan_item: item %lld does not exist",
                             (long long)item);
    return st;
}

/* Checks the move and writes the state; done_on is the day done, and
 * cleared when an item leaves done. */
static pm_status move_item(pm_session *s, pm_id item, const item_facts *f, pm_item_state state,
                           pm_date date)
{
    if (!pm_plan__state_valid(state))
        return pm_error__set(&s->error, PM_EINVAL,
                             "plan_item.state: %d is not a state (1 planned to 4 cancelled)",
                             (int)state);
    if (!pm_plan__move_allowed(f->state, state))
        return pm_error__set(&s->error, PM_EINVAL, "plan_item.state: cannot move from %s to %s",
                             pm_plan__state_name(f->state), pm_plan__state_name(state));
    date = pm_api__date_or_today(s->db, date);
    pm_status st = pm_plan__check_day("date", date, &s->error);
    if (st != PM_OK)
        return st;
    pm_value values[PM_PITEM_NFIELDS];
    values[PM_PITEM_STATE] = pm_value__int(state);
    values[PM_PITEM_DONE_ON] = state == PM_ITEM_DONE ? pm_value__date(date) : pm_value__null();
    pm_api__audit_update(s, values, PM_PITEM_CREATED_AT);
    return pm_api__update_fields(s, PM_KIND_PLAN_ITEM, item, values,
                                 PM_UPDATE_FIELD(PM_PITEM_STATE)
                                     | PM_UPDATE_FIELD(PM_PITEM_DONE_ON)
                                     | PM_UPDATE_FIELD(PM_PITEM_UPDATED_AT)
                                     | PM_UPDATE_FIELD(PM_PITEM_UPDATED_BY));
}

pm_status pm_plan_item__set_state(pm_session *s, pm_id item, pm_item_state state, pm_date date)
{
    item_facts f;
    pm_status st = load_item(&f, s, item);
    if (st == PM_OK)
        st = move_item(s, item, &f, state, date);
    return st;
}

pm_status pm_plan_item_set_state(pm_session *s, pm_id item, pm_item_state state, pm_date date)
{
    PM_CHECK_SESSION(s);
    item_facts f;
    pm_status st = load_item(&f, s, item);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PLAN_EDIT, f.person);
    /* The enrolment decides: completing or dropping out moves the item. */
    if (st == PM_OK && f.programme != 0)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "plan_item: item %lld follows its programme enrolment",
                           (long long)item);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st == PM_OK) /* one update, last */
        st = pm_api__finish_one(s, move_item(s, item, &f, state, date));
    return st;
}

/* ---- lists ---- */

struct pm_plan_item_iter {
    pm_session *session;
    pm_plan_item **items;
    size_t count;
    size_t cap;
    size_t next;
};

static void item_free(pm_plan_item *item)
{
    if (item == NULL)
        return;
    pm__free(item->title);
    pm__free(item->notes);
    pm__free(item->competencies);
    pm__free(item);
}

static pm_plan_item *item_from_row(const pm_row *row)
{
    pm_plan_item *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return NULL;
    const pm_value *v = row->values;
    it->id = row->id;
    it->title = pm_value__text_copy(&v[PM_PITEM_TITLE]);
    it->notes = pm_value__text_copy(&v[PM_PITEM_NOTES]);
    if (it->title == NULL || it->notes == NULL) {
        item_free(it);
        return NULL;
    }
    it->plan = pm_value__as_int(&v[PM_PITEM_PLAN]);
    it->person = pm_value__as_int(&v[PM_PITEM_PERSON]);
    it->kind = (pm_item_kind)pm_value__as_int(&v[PM_PITEM_KIND]);
    it->state = (pm_item_state)pm_value__as_int(&v[PM_PITEM_STATE]);
    it->start = pm_value__as_date(&v[PM_PITEM_START_ON]);
    it->due = pm_value__as_date(&v[PM_PITEM_DUE_ON]);
    it->done_on = pm_value__as_date(&v[PM_PITEM_DONE_ON]);
    it->weight = pm_value__as_real(&v[PM_PITEM_WEIGHT]);
    it->mentor = pm_value__as_int(&v[PM_PITEM_MENTOR]);
    it->goal = pm_value__as_int(&v[PM_PITEM_GOAL]);
    it->metric = pm_value__as_int(&v[PM_PITEM_METRIC]);
    it->metric_target = pm_value__as_real(&v[PM_PITEM_METRIC_TARGET]);
    it->programme = pm_value__as_int(&v[PM_PITEM_PROGRAMME]);
    return it;
}

static int collect_item(const pm_row *row, void *payload)
{
    pm_plan_item_iter *l = payload;
    pm_status st = pm_api__check_row(l->session, row, PM_PITEM_NFIELDS, "plan_item");
    if (st != PM_OK)
        return st;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_plan_item **items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->session);
        l->items = items;
        l->cap = cap;
    }
    pm_plan_item *it = item_from_row(row);
    if (it == NULL)
        return out_of_memory(l->session);
    l->items[l->count++] = it;
    return 0;
}

/* A competency link, with its row id for the order given. */
typedef struct link {
    pm_id id;
    pm_id competency;
} link;

typedef struct link_list {
    pm_session *s;
    link *links;
    size_t count;
    size_t cap;
} link_list;

static int collect_link(const pm_row *row, void *payload)
{
    link_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_ITEMC_NFIELDS, "item_competency");
    if (st != PM_OK)
        return st;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        link *links = pm__realloc(l->links, cap * sizeof *links);
        if (links == NULL)
            return out_of_memory(l->s);
        l->links = links;
        l->cap = cap;
    }
    l->links[l->count].id = row->id;
    l->links[l->count].competency = pm_value__as_int(&row->values[PM_ITEMC_COMPETENCY]);
    l->count++;
    return 0;
}

static int link_by_id(const void *a, const void *b)
{
    pm_id x = ((const link *)a)->id, y = ((const link *)b)->id;
    return (x > y) - (x < y);
}

/* Reads an item's competencies, after the scan that found it (a scan
 * callback must not read the store again). */
static pm_status load_competencies(pm_session *s, pm_plan_item *item)
{
    link_list l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(item->id) };
    pm_scan scan = { PM_KIND_ITEM_COMPETENCY, PM_ITEMC_BY_ITEM, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, collect_link, &l);
    if (st == PM_OK && l.count > 0) {
        qsort(l.links, l.count, sizeof *l.links, link_by_id);
        item->competencies = pm__malloc(l.count * sizeof *item->competencies);
        if (item->competencies == NULL)
            st = out_of_memory(s);
        for (size_t i = 0; st == PM_OK && i < l.count; i++)
            item->competencies[i] = l.links[i].competency;
        if (st == PM_OK)
            item->ncompetencies = l.count;
    }
    pm__free(l.links);
    return st;
}

static int item_order(const void *a, const void *b)
{
    const pm_plan_item *x = *(pm_plan_item *const *)a, *y = *(pm_plan_item *const *)b;
    return pm_plan__item_order(x->due, x->id, y->due, y->id);
}

void pm_plan_item_iter_free(pm_plan_item_iter *iter)
{
    if (iter == NULL)
        return;
    for (size_t i = 0; i < iter->count; i++)
        item_free(iter->items[i]);
    pm__free(iter->items);
    pm__free(iter);
}

/* An iterator over the items whose index fields start with key, by due
 * day (none last), then id. */
static pm_status list_items(pm_plan_item_iter **out, pm_session *s, unsigned int index, pm_id key)
{
    pm_plan_item_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return out_of_memory(s);
    it->session = s;
    pm_value eq[1] = { pm_value__int(key) };
    pm_scan scan = { PM_KIND_PLAN_ITEM, index, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, collect_item, it);
    for (size_t i = 0; st == PM_OK && i < it->count; i++)
        st = load_competencies(s, it->items[i]);
    if (st != PM_OK) {
        pm_plan_item_iter_free(it);
        return st;
    }
    if (it->count > 1)
        qsort(it->items, it->count, sizeof *it->items, item_order);
    *out = it;
    return PM_OK;
}

pm_status pm_plan_item_list(pm_plan_item_iter **out, pm_session *s, pm_id plan)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    plan_facts p;
    pm_status st = load_plan(&p, s, plan);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PLAN_READ, p.person);
    if (st == PM_OK)
        st = list_items(out, s, PM_PITEM_BY_PLAN, plan);
    return st;
}

/* A mentor sees the items they mentor, though they may not read the rest
 * of those plans: the list answers to the mentor's side (themself, their
 * manager chain, HR), not to the plans' people. */
pm_status pm_plan_item_list_mentored(pm_plan_item_iter **out, pm_session *s, pm_id mentor)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_person__check(s, mentor, "mentor", 0);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_MENTORED_LIST, mentor);
    if (st == PM_OK)
        st = list_items(out, s, PM_PITEM_BY_MENTOR, mentor);
    return st;
}

pm_status pm_plan_item_iter_next(pm_plan_item **out, pm_plan_item_iter *iter)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    pm_error__clear(&iter->session->error);
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = iter->items[iter->next++];
    return PM_OK;
}

/* ---- getters ---- */

pm_id pm_plan_item_id(const pm_plan_item *item) { return item ? item->id : 0; }
pm_id pm_plan_item_plan(const pm_plan_item *item) { return item ? item->plan : 0; }

pm_item_kind pm_plan_item_kind(const pm_plan_item *item)
{
    return item ? item->kind : (pm_item_kind)0;
}

const char *pm_plan_item_title(const pm_plan_item *item) { return item ? item->title : NULL; }
const char *pm_plan_item_notes(const pm_plan_item *item) { return item ? item->notes : NULL; }

pm_item_state pm_plan_item_state(const pm_plan_item *item)
{
    return item ? item->state : (pm_item_state)0;
}

pm_date pm_plan_item_start(const pm_plan_item *item) { return item ? item->start : PM_DATE_NONE; }
pm_date pm_plan_item_due(const pm_plan_item *item) { return item ? item->due : PM_DATE_NONE; }

pm_date pm_plan_item_done_on(const pm_plan_item *item)
{
    return item ? item->done_on : PM_DATE_NONE;
}

double pm_plan_item_weight(const pm_plan_item *item) { return item ? item->weight : 0.0; }
pm_id pm_plan_item_mentor(const pm_plan_item *item) { return item ? item->mentor : 0; }

size_t pm_plan_item_competency_count(const pm_plan_item *item)
{
    return item ? item->ncompetencies : 0;
}

pm_id pm_plan_item_competency(const pm_plan_item *item, size_t i)
{
    return item && i < item->ncompetencies ? item->competencies[i] : 0;
}

pm_id pm_plan_item_goal(const pm_plan_item *item) { return item ? item->goal : 0; }
pm_id pm_plan_item_metric(const pm_plan_item *item) { return item ? item->metric : 0; }

double pm_plan_item_metric_target(const pm_plan_item *item)
{
    return item ? item->metric_target : 0.0;
}

pm_id pm_plan_item_programme(const pm_plan_item *item) { return item ? item->programme : 0; }
