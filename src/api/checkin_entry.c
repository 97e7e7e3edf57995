/* Entries of a check-in: talking points, notes, action items and goals
 * discussed. Private entries are their author's alone: every path that
 * reads or changes an entry asks visible() first, for every actor, HR
 * admins and the system actor included, and treats a hidden entry as one
 * that does not exist, so not even its existence shows. */
#include "checkin_internal.h"

#include <stdlib.h>
#include <string.h>

#include "goal_internal.h"
#include "../core/org.h"
#include "../util/text.h"

#define ENTRY_OPTS "checkin_entry_opts"

struct pm_checkin_entry {
    pm_id id;
    pm_entry_kind kind;
    pm_id checkin;
    pm_id origin;
    pm_id author;
    char *text;           /* "" when none */
    int is_private;
    pm_time done_at;
    pm_id owner;
    pm_date due;
    pm_id goal;
    double goal_progress;
    int goal_health;
    pm_time created_at;
};

struct pm_checkin_entry_iter {
    pm_checkin_entry *items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "checkin_entry: out of memory");
}

static const char *kind_name(pm_entry_kind kind)
{
    switch (kind) {
    case PM_ENTRY_TALKING_POINT: return "a talking point";
    case PM_ENTRY_NOTE: return "a note";
    case PM_ENTRY_ACTION_ITEM: return "an action item";
    case PM_ENTRY_GOAL: return "a goal entry";
    default: return "an unknown entry";
    }
}

/* Private entries show to their author and to no one else (core/access.c). */
static int visible(const pm_session *s, int is_private, pm_id author)
{
    return pm_access__private_visible(&s->actor, is_private, author);
}

pm_status pm_checkin_entry_opts_init(pm_checkin_entry_opts *opts, unsigned int version)
{
    static const pm_checkin_entry_opts defaults = PM_CHECKIN_ENTRY_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_CHECKIN_ENTRY_OPTS_VERSION);
}

/* ---- snapshots ---- */

static void entry_clear(pm_checkin_entry *e)
{
    pm__free(e->text);
    e->text = NULL;
}

static pm_status entry_fill(pm_checkin_entry *e, pm_session *s, const pm_row *row)
{
    const pm_value *v = row->values;
    memset(e, 0, sizeof *e);
    e->id = row->id;
    e->kind = (pm_entry_kind)v[PM_ENTRY_KIND].v.i;
    e->checkin = v[PM_ENTRY_CHECKIN].v.i;
    e->origin = v[PM_ENTRY_ORIGIN].v.i;
    e->author = v[PM_ENTRY_AUTHOR].v.i;
    e->is_private = v[PM_ENTRY_PRIVATE].v.i != 0;
    e->done_at = v[PM_ENTRY_DONE_AT].type == PM_VALUE_NULL ? 0 : v[PM_ENTRY_DONE_AT].v.i;
    e->owner = v[PM_ENTRY_OWNER].v.i;
    e->due = pm_value__as_date(&v[PM_ENTRY_DUE_ON]);
    e->goal = v[PM_ENTRY_GOAL_ID].v.i;
    /* A backend may hand back a whole-number REAL as an integer. */
    const pm_value *progress = &v[PM_ENTRY_GOAL_PROGRESS];
    e->goal_progress = progress->type == PM_VALUE_REAL ? progress->v.r
                       : progress->type == PM_VALUE_INT ? (double)progress->v.i : 0.0;
    e->goal_health = v[PM_ENTRY_GOAL_HEALTH].type == PM_VALUE_NULL
                         ? 0 : (int)v[PM_ENTRY_GOAL_HEALTH].v.i;
    e->created_at = v[PM_ENTRY_CREATED_AT].v.i;
    const pm_value *text = &v[PM_ENTRY_TEXT];
    e->text = text->type == PM_VALUE_TEXT ? pm__strndup(text->v.b.data, text->v.b.len)
                                          : pm__strdup("");
    return e->text ? PM_OK : out_of_memory(s);
}

/* ---- the row of one entry, kept to write it back ---- */

int pm_checkin__entry_from_row(const pm_row *row, void *payload)
{
    pm_checkin_entry_row *r = payload;
    if (row->nvalues != PM_ENTRY_NFIELDS)
        return PM_ECORRUPT;
    memcpy(r->v, row->values, sizeof r->v);
    const pm_value *text = &row->values[PM_ENTRY_TEXT];
    if (text->type == PM_VALUE_TEXT) {
        r->text = pm__strndup(text->v.b.data, text->v.b.len);
        if (r->text == NULL)
            return pm_error__set(&r->s->error, PM_ENOMEM, "%s: out of memory", r->what);
        r->v[PM_ENTRY_TEXT] = pm_value__text(r->text, text->v.b.len);
    }
    r->found = 1;
    return 0;
}

/* Reads an entry the actor may see; a private entry of someone else is
 * "does not exist", like a missing one. */
static pm_status read_entry(pm_checkin_entry_row *r, pm_session *s, pm_id entry)
{
    pm_status st = entry > 0 ? pm_api__get(s, PM_KIND_CHECKIN_ENTRY, entry,
                                           pm_checkin__entry_from_row, r)
                             : PM_ENOTFOUND;
    if (st == PM_OK
        && (!r->found
            || !visible(s, r->v[PM_ENTRY_PRIVATE].v.i != 0, r->v[PM_ENTRY_AUTHOR].v.i)))
        st = PM_ENOTFOUND;
    if (st == PM_ENOTFOUND)
        return pm_error__set(&s->error, PM_ENOTFOUND, "checkin_entry: entry %lld does not exist",
                             (long long)entry);
    return st;
}

/* ---- add ---- */

typedef struct new_entry {
    char *text;
    size_t text_len;
    pm_id owner;
    pm_goal_status goal;
} new_entry;

static pm_status check_kind_fields(pm_session *s, const pm_checkin_entry_opts *o)
{
    pm_entry_kind k = o->kind;
    if (k < PM_ENTRY_TALKING_POINT || k > PM_ENTRY_GOAL)
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.kind: %d is not a talking point (1), note (2), "
                             "action item (3) or goal (4)", (int)k);
    if (o->is_private && (k == PM_ENTRY_ACTION_ITEM || k == PM_ENTRY_GOAL))
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.is_private: %s is shared with the pair, never private",
                             kind_name(k));
    if (o->owner != 0 && k != PM_ENTRY_ACTION_ITEM)
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.owner: only action items have an owner, not %s",
                             kind_name(k));
    if (o->due != PM_DATE_NONE && k != PM_ENTRY_ACTION_ITEM)
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.due: only action items have a due date, not %s",
                             kind_name(k));
    if (o->due != PM_DATE_NONE && pm_org__check_date(o->due, "checkin_entry.due", &s->error))
        return PM_EINVAL;
    if (k == PM_ENTRY_GOAL && o->goal <= 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.goal: %lld is not a goal id", (long long)o->goal);
    if (k != PM_ENTRY_GOAL && o->goal != 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.goal: only goal entries name a goal, not %s",
                             kind_name(k));
    if (k == PM_ENTRY_GOAL && o->text != NULL)
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.text: a goal entry takes no text");
    return PM_OK;
}

static pm_status prepare(new_entry *n, pm_session *s, const pm_checkin_context *ctx,
                         const pm_checkin_entry_opts *o)
{
    pm_status st = PM_OK;
    if (ctx->state != PM_CHECKIN_SCHEDULED && ctx->state != PM_CHECKIN_HELD)
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin_entry.checkin: check-in %lld is %s; entries go on "
                             "scheduled or held check-ins",
                             (long long)ctx->checkin,
                             ctx->state == PM_CHECKIN_CANCELLED ? "cancelled" : "missed");
    if (o->kind == PM_ENTRY_ACTION_ITEM) {
        n->owner = o->owner != 0 ? o->owner : s->actor.person;
        if (n->owner != ctx->manager && n->owner != ctx->report)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "checkin_entry.owner: person %lld is not one of the pair "
                                 "(manager %lld, report %lld)",
                                 (long long)n->owner, (long long)ctx->manager,
                                 (long long)ctx->report);
    }
    if (o->kind == PM_ENTRY_GOAL) {
        st = pm_goal__check_exists(s, o->goal, "checkin_entry.goal");
        if (st == PM_OK)
            st = pm_goal__authorize_read(s, o->goal);
        /* The snapshot is the goal's standing on the meeting's day. */
        if (st == PM_OK)
            st = pm_goal__evaluate(&n->goal, s, o->goal, ctx->date, NULL);
        return st;
    }
    return pm_text__normalize(&n->text, &n->text_len, o->text, o->text_len, "checkin_entry.text",
                              PM_ENTRY_TEXT_MAX, PM_TEXT_REQUIRED, &s->error);
}

static pm_status insert_entry(pm_id *out, pm_session *s, const pm_checkin_context *ctx,
                              const pm_checkin_entry_opts *o, const new_entry *n)
{
    pm_value v[PM_ENTRY_NFIELDS];
    int is_goal = o->kind == PM_ENTRY_GOAL;
    v[PM_ENTRY_SERIES] = pm_value__int(ctx->series);
    v[PM_ENTRY_CHECKIN] = pm_value__int(ctx->checkin);
    v[PM_ENTRY_ORIGIN] = pm_value__int(ctx->checkin);
    v[PM_ENTRY_KIND] = pm_value__int(o->kind);
    v[PM_ENTRY_AUTHOR] = pm_value__int(s->actor.person);
    v[PM_ENTRY_TEXT] = pm_value__text(n->text, n->text_len);
    v[PM_ENTRY_PRIVATE] = pm_value__int(o->is_private != 0);
    v[PM_ENTRY_DONE_AT] = pm_value__null();
    v[PM_ENTRY_OWNER] = pm_value__int(n->owner);
    v[PM_ENTRY_DUE_ON] = pm_value__date(o->due);
    v[PM_ENTRY_GOAL_ID] = pm_value__int(is_goal ? o->goal : 0);
    v[PM_ENTRY_GOAL_PROGRESS] = is_goal ? pm_value__real(n->goal.progress) : pm_value__null();
    v[PM_ENTRY_GOAL_HEALTH] = is_goal ? pm_value__int(n->goal.health) : pm_value__null();
    pm_api__audit_create(s, v, PM_ENTRY_CREATED_AT);
    return pm_api__insert(s, PM_KIND_CHECKIN_ENTRY, v, out);
}

pm_status pm_checkin_entry_add(pm_id *out, pm_session *s, pm_id checkin,
                               const pm_checkin_entry_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_checkin_context ctx;
    new_entry n;
    memset(&n, 0, sizeof n);
    n.goal.version = PM_GOAL_STATUS_VERSION;
    pm_status st = pm_api__check_version(s, ENTRY_OPTS, opts->version,
                                         PM_CHECKIN_ENTRY_OPTS_VERSION);
    if (st == PM_OK)
        st = check_kind_fields(s, opts);
    if (st == PM_OK)
        st = pm_checkin__load(&ctx, s, checkin, "checkin_entry.checkin");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_WRITE, &ctx);
    if (st == PM_OK)
        st = prepare(&n, s, &ctx, opts);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK) {
        pm__free(n.text);
        return st;
    }
    pm_id id = 0;
    st = pm_api__finish(s, insert_entry(&id, s, &ctx, opts, &n));
    pm__free(n.text);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- done ---- */

pm_status pm_checkin_entry_set_done(pm_session *s, pm_id entry, int done)
{
    PM_CHECK_SESSION(s);
    pm_checkin_entry_row r = { s, "checkin_entry", 0, { { PM_VALUE_NULL, { 0 } } }, NULL };
    pm_checkin_context ctx;
    pm_status st = read_entry(&r, s, entry);
    if (st == PM_OK)
        st = pm_checkin__load(&ctx, s, r.v[PM_ENTRY_CHECKIN].v.i, "checkin_entry.checkin");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_WRITE, &ctx);
    pm_entry_kind kind = (pm_entry_kind)r.v[PM_ENTRY_KIND].v.i;
    if (st == PM_OK && kind != PM_ENTRY_TALKING_POINT && kind != PM_ENTRY_ACTION_ITEM)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "checkin_entry: entry %lld is %s; only talking points and action "
                           "items are marked done", (long long)entry, kind_name(kind));
    int was_done = r.v[PM_ENTRY_DONE_AT].type != PM_VALUE_NULL;
    /* Marking done twice keeps the first time: it is when it was done. */
    if (st == PM_OK && (done != 0) == was_done) {
        pm__free(r.text);
        return PM_OK;
    }
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK) {
        pm__free(r.text);
        return st;
    }
    r.v[PM_ENTRY_DONE_AT] = done ? pm_value__int(pm_api__now(s->db)) : pm_value__null();
    pm_api__audit_update(s, r.v, PM_ENTRY_CREATED_AT);
    st = pm_api__finish(s, pm_api__update(s, PM_KIND_CHECKIN_ENTRY, entry, r.v));
    pm__free(r.text);
    return st;
}

/* ---- list ---- */

/* The dates of a series' check-ins, to place action items in time. */
typedef struct dated {
    pm_id id;
    pm_date date;
} dated;

typedef struct listing {
    pm_session *s;
    const pm_checkin_context *ctx;
    dated *checkins;
    size_t ncheckins;
    size_t checkins_cap;
    pm_checkin_entry *items;
    size_t count;
    size_t cap;
} listing;

static int note_checkin(const pm_row *row, void *payload)
{
    listing *l = payload;
    if (l->ncheckins == l->checkins_cap) {
        size_t cap = l->checkins_cap ? l->checkins_cap * 2 : 16;
        dated *grown = pm__realloc(l->checkins, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(l->s);
        l->checkins = grown;
        l->checkins_cap = cap;
    }
    l->checkins[l->ncheckins].id = row->id;
    l->checkins[l->ncheckins].date = pm_value__as_date(&row->values[PM_CHECKIN_DATE]);
    l->ncheckins++;
    return 0;
}

/* 1 when check-in id came before the listed one (by date, then id). */
static int is_earlier(const listing *l, pm_id id)
{
    for (size_t i = 0; i < l->ncheckins; i++)
        if (l->checkins[i].id == id)
            return l->checkins[i].date < l->ctx->date
                || (l->checkins[i].date == l->ctx->date && id < l->ctx->checkin);
    return 0;
}

static int add_item(listing *l, const pm_row *row)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_checkin_entry *grown = pm__realloc(l->items, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(l->s);
        l->items = grown;
        l->cap = cap;
    }
    pm_status st = entry_fill(&l->items[l->count], l->s, row);
    if (st != PM_OK)
        return st;
    l->count++;
    return 0;
}

static int take_own(const pm_row *row, void *payload)
{
    listing *l = payload;
    if (row->nvalues != PM_ENTRY_NFIELDS)
        return PM_ECORRUPT;
    if (!visible(l->s, row->values[PM_ENTRY_PRIVATE].v.i != 0,
                 row->values[PM_ENTRY_AUTHOR].v.i))
        return 0;
    return add_item(l, row);
}

/* Action items of earlier check-ins that are open, or were done on or
 * after this check-in's day (so the meeting shows what got done). */
static int take_carried_action(const pm_row *row, void *payload)
{
    listing *l = payload;
    if (row->nvalues != PM_ENTRY_NFIELDS)
        return PM_ECORRUPT;
    const pm_value *done = &row->values[PM_ENTRY_DONE_AT];
    pm_id on = row->values[PM_ENTRY_CHECKIN].v.i;
    if (on == l->ctx->checkin || !is_earlier(l, on))
        return 0;
    if (done->type != PM_VALUE_NULL && pm_time_date(done->v.i) < l->ctx->date)
        return 0;
    if (!visible(l->s, row->values[PM_ENTRY_PRIVATE].v.i != 0,
                 row->values[PM_ENTRY_AUTHOR].v.i))
        return 0;
    return add_item(l, row);
}

static int compare_id(const void *a, const void *b)
{
    const pm_checkin_entry *x = a;
    const pm_checkin_entry *y = b;
    return (x->id > y->id) - (x->id < y->id);
}

static pm_status collect(listing *l)
{
    pm_session *s = l->s;
    pm_value series[1] = { pm_value__int(l->ctx->series) };
    pm_scan checkins = { PM_KIND_CHECKIN, PM_CHECKIN_BY_SERIES, 1, series, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &checkins, note_checkin, l);
    pm_value own[1] = { pm_value__int(l->ctx->checkin) };
    pm_scan mine = { PM_KIND_CHECKIN_ENTRY, PM_ENTRY_BY_CHECKIN, 1, own, NULL, NULL, 0, 0 };
    if (st == PM_OK)
        st = pm_api__scan(s, &mine, take_own, l);
    pm_value actions[2] = { pm_value__int(l->ctx->series),
                            pm_value__int(PM_ENTRY_ACTION_ITEM) };
    pm_scan carried = { PM_KIND_CHECKIN_ENTRY, PM_ENTRY_BY_SERIES_KIND, 2, actions, NULL, NULL,
                        0, 0 };
    if (st == PM_OK)
        st = pm_api__scan(s, &carried, take_carried_action, l);
    if (st == PM_OK && l->count > 1)
        qsort(l->items, l->count, sizeof *l->items, compare_id);
    return st;
}

pm_status pm_checkin_entry_list(pm_checkin_entry_iter **out, pm_session *s, pm_id checkin)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_checkin_context ctx;
    pm_status st = pm_checkin__load(&ctx, s, checkin, "checkin");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_READ, &ctx);
    if (st != PM_OK)
        return st;
    listing l;
    memset(&l, 0, sizeof l);
    l.s = s;
    l.ctx = &ctx;
    st = collect(&l);
    pm__free(l.checkins);
    pm_checkin_entry_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = out_of_memory(s);
    if (st != PM_OK) {
        for (size_t i = 0; i < l.count; i++)
            entry_clear(&l.items[i]);
        pm__free(l.items);
        return st;
    }
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_checkin_entry_iter_next(pm_checkin_entry **out, pm_checkin_entry_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_checkin_entry_iter_free(pm_checkin_entry_iter *iter)
{
    if (iter == NULL)
        return;
    for (size_t i = 0; i < iter->count; i++)
        entry_clear(&iter->items[i]);
    pm__free(iter->items);
    pm__free(iter);
}

/* ---- getters ---- */

pm_id pm_checkin_entry_id(const pm_checkin_entry *e) { return e ? e->id : 0; }
pm_entry_kind pm_checkin_entry_kind(const pm_checkin_entry *e)
{
    return e ? e->kind : (pm_entry_kind)0;
}
pm_id pm_checkin_entry_checkin(const pm_checkin_entry *e) { return e ? e->checkin : 0; }
pm_id pm_checkin_entry_origin(const pm_checkin_entry *e) { return e ? e->origin : 0; }
pm_id pm_checkin_entry_author(const pm_checkin_entry *e) { return e ? e->author : 0; }
const char *pm_checkin_entry_text(const pm_checkin_entry *e) { return e ? e->text : NULL; }
int pm_checkin_entry_is_private(const pm_checkin_entry *e) { return e ? e->is_private : 0; }
int pm_checkin_entry_done(const pm_checkin_entry *e) { return e ? e->done_at != 0 : 0; }
pm_time pm_checkin_entry_done_at(const pm_checkin_entry *e) { return e ? e->done_at : 0; }
pm_id pm_checkin_entry_owner(const pm_checkin_entry *e) { return e ? e->owner : 0; }
pm_date pm_checkin_entry_due(const pm_checkin_entry *e) { return e ? e->due : PM_DATE_NONE; }
pm_id pm_checkin_entry_goal(const pm_checkin_entry *e) { return e ? e->goal : 0; }
double pm_checkin_entry_goal_progress(const pm_checkin_entry *e)
{
    return e ? e->goal_progress : 0.0;
}
int pm_checkin_entry_goal_health(const pm_checkin_entry *e) { return e ? e->goal_health : 0; }
pm_time pm_checkin_entry_created_at(const pm_checkin_entry *e) { return e ? e->created_at : 0; }
