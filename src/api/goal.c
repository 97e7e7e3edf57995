/* Goals: create, change, move between states, read; the goal snapshot and
 * its row mapping; and who may read or change a goal. The rules of states
 * live in core/goal.c, the access table in core/access.c; this file gathers
 * the facts they need, checks the fields and writes. */
#include "goal_rows.h"

#include <math.h>
#include <stddef.h>
#include <string.h>

#include "org_internal.h"
#include "person_internal.h"
#include "../core/goal.h"
#include "../core/org.h"
#include "../util/text.h"

#define GOAL_OPTS "goal_opts"

/* ---- row values ---- */

int pm_goal__collect_id(const pm_row *row, void *payload)
{
    pm_goal_id_list *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "%s: out of memory", l->what);
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->count++] = row->id;
    return 0;
}

pm_status pm_goal__check_id(pm_session *s, pm_id id, const char *field)
{
    if (id > 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a goal id", field,
                         (long long)id);
}

pm_goal *pm_goal__from_row(const pm_row *row)
{
    pm_goal *g = pm__calloc(1, sizeof *g);
    if (g == NULL)
        return NULL;
    const pm_value *v = row->values;
    g->id = row->id;
    g->title = pm_value__text_copy(&v[PM_GOAL_TITLE]);
    g->description = pm_value__text_copy(&v[PM_GOAL_DESCRIPTION]);
    if (g->title == NULL || g->description == NULL) {
        pm_goal_free(g);
        return NULL;
    }
    g->owner = pm_value__as_int(&v[PM_GOAL_OWNER]);
    g->unit = pm_value__as_int(&v[PM_GOAL_UNIT]);
    g->kind = (pm_goal_kind)pm_value__as_int(&v[PM_GOAL_KIND]);
    g->state = (pm_goal_state)pm_value__as_int(&v[PM_GOAL_STATE]);
    g->start = pm_value__as_date(&v[PM_GOAL_START_ON]);
    g->due = pm_value__as_date(&v[PM_GOAL_DUE_ON]);
    g->weight = pm_value__as_real(&v[PM_GOAL_WEIGHT]);
    g->visibility = (pm_visibility)pm_value__as_int(&v[PM_GOAL_VISIBILITY]);
    g->parent = pm_value__as_int(&v[PM_GOAL_PARENT]);
    g->source_checkin = pm_value__as_int(&v[PM_GOAL_SOURCE_CHECKIN]);
    g->source_feedback = pm_value__as_int(&v[PM_GOAL_SOURCE_FEEDBACK]);
    g->created_at = pm_value__as_int(&v[PM_GOAL_CREATED_AT]);
    g->created_by = pm_value__as_int(&v[PM_GOAL_CREATED_BY]);
    g->updated_at = pm_value__as_int(&v[PM_GOAL_UPDATED_AT]);
    g->updated_by = pm_value__as_int(&v[PM_GOAL_UPDATED_BY]);
    return g;
}

static void goal_values(pm_value values[PM_GOAL_NFIELDS], const pm_goal *g)
{
    values[PM_GOAL_OWNER] = pm_value__int(g->owner);
    values[PM_GOAL_UNIT] = pm_value__int(g->unit);
    values[PM_GOAL_TITLE] = pm_value__text(g->title, strlen(g->title));
    values[PM_GOAL_DESCRIPTION] = (g->description && *g->description)
        ? pm_value__text(g->description, strlen(g->description)) : pm_value__null();
    values[PM_GOAL_KIND] = pm_value__int(g->kind);
    values[PM_GOAL_STATE] = pm_value__int(g->state);
    values[PM_GOAL_START_ON] = pm_value__date(g->start);
    values[PM_GOAL_DUE_ON] = pm_value__date(g->due);
    values[PM_GOAL_WEIGHT] = pm_value__real(g->weight);
    values[PM_GOAL_VISIBILITY] = pm_value__int(g->visibility);
    values[PM_GOAL_PARENT] = pm_value__int(g->parent);
    values[PM_GOAL_SOURCE_CHECKIN] = pm_value__int(g->source_checkin);
    values[PM_GOAL_CREATED_AT] = pm_value__int(g->created_at);
    values[PM_GOAL_CREATED_BY] = pm_value__int(g->created_by);
    values[PM_GOAL_UPDATED_AT] = pm_value__int(g->updated_at);
    values[PM_GOAL_UPDATED_BY] = pm_value__int(g->updated_by);
    values[PM_GOAL_SOURCE_FEEDBACK] = pm_value__int(g->source_feedback);
}

/* ---- reading ---- */

struct load_ctx {
    pm_session *s;
    pm_goal *goal;
};

static int load_row(const pm_row *row, void *payload)
{
    struct load_ctx *ctx = payload;
    pm_status st = pm_api__check_row(ctx->s, row, PM_GOAL_NFIELDS, "goal");
    if (st != PM_OK)
        return st;
    pm_goal_free(ctx->goal);
    ctx->goal = pm_goal__from_row(row);
    if (ctx->goal == NULL)
        return pm_error__set(&ctx->s->error, PM_ENOMEM, "goal: out of memory");
    return 0;
}

static pm_status goal_not_found(pm_session *s, const char *field, pm_id id)
{
    return pm_error__set(&s->error, PM_ENOTFOUND, "%s: goal %lld does not exist", field,
                         (long long)id);
}

pm_status pm_goal__load(pm_goal **out, pm_session *s, pm_id id, const char *field)
{
    *out = NULL;
    if (id <= 0)
        return goal_not_found(s, field, id);
    struct load_ctx ctx = { s, NULL };
    pm_status st = pm_api__get(s, PM_KIND_GOAL, id, load_row, &ctx);
    if (st == PM_OK && ctx.goal == NULL)
        st = PM_ENOTFOUND;
    if (st != PM_OK) {
        pm_goal_free(ctx.goal);
        return st == PM_ENOTFOUND ? goal_not_found(s, field, id) : st;
    }
    *out = ctx.goal;
    return PM_OK;
}

static int note_found(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 0;
}

static pm_status record_exists(int *found, pm_session *s, unsigned int kind, pm_id id)
{
    *found = 0;
    if (id <= 0)
        return PM_OK;
    pm_status st = pm_api__get(s, kind, id, note_found, found);
    return st == PM_ENOTFOUND ? PM_OK : st;
}

pm_status pm_goal__check_exists(pm_session *s, pm_id goal, const char *field)
{
    int found = 0;
    pm_status st = record_exists(&found, s, PM_KIND_GOAL, goal);
    if (st != PM_OK)
        return st;
    return found ? PM_OK : goal_not_found(s, field, goal);
}

/* ---- access ---- */

void pm_goal__access_init(pm_goal_access *a, pm_session *s)
{
    memset(a, 0, sizeof *a);
    a->s = s;
}

pm_action pm_goal__read_action(pm_visibility visibility)
{
    switch (visibility) {
    case PM_VISIBILITY_PUBLIC: return PM_ACT_GOAL_READ_PUBLIC;
    case PM_VISIBILITY_UNIT: return PM_ACT_GOAL_READ_UNIT;
    case PM_VISIBILITY_PRIVATE: break;
    }
    /* Anything unknown is read as the most private. */
    return PM_ACT_GOAL_READ_PRIVATE;
}

static int allowed(const pm_actor *actor, pm_action action, pm_relation relation)
{
    return pm_access__check(actor, action, relation) == PM_OK;
}

static void facts_for(pm_goal_access *a, pm_id owner)
{
    if (a->owner == owner)
        return;
    a->owner = owner;
    a->above_known = 0;
    a->owner_unit_known = 0;
}

static pm_status is_above(int *out, pm_goal_access *a)
{
    if (!a->above_known) {
        pm_status st = pm_org__is_above(&a->above, a->s, a->s->actor.person, a->owner,
                                        PM_DATE_NONE);
        if (st != PM_OK)
            return st;
        a->above_known = 1;
    }
    *out = a->above;
    return PM_OK;
}

/* A unit goal is shared with its unit; a person's goal with the unit the
 * owner belongs to today. */
static pm_status in_goal_unit(int *out, pm_goal_access *a, const pm_goal *g)
{
    *out = 0;
    pm_id unit = g->unit;
    pm_status st = PM_OK;
    if (unit == 0) {
        if (!a->owner_unit_known) {
            st = pm_org__unit_on(&a->owner_unit, a->s, g->owner, PM_DATE_NONE);
            if (st != PM_OK)
                return st;
            a->owner_unit_known = 1;
        }
        unit = a->owner_unit;
    }
    if (unit == 0)
        return PM_OK;
    if (!a->actor_unit_known) {
        st = pm_org__unit_on(&a->actor_unit, a->s, a->s->actor.person, PM_DATE_NONE);
        if (st != PM_OK)
            return st;
        a->actor_unit_known = 1;
    }
    *out = a->actor_unit == unit;
    return PM_OK;
}

/* Relations add up: the actor may act when any relation they have to the
 * goal allows it. Each is looked up only when it could make a difference. */
pm_status pm_goal__may(int *out, pm_goal_access *a, const pm_goal *g, pm_action action)
{
    const pm_actor *actor = &a->s->actor;
    *out = allowed(actor, action, PM_REL_NONE);
    if (*out || actor->is_system || actor->person <= 0)
        return PM_OK;
    if (actor->person == g->owner && allowed(actor, action, PM_REL_SELF)) {
        *out = 1;
        return PM_OK;
    }
    facts_for(a, g->owner);
    pm_status st = PM_OK;
    if (allowed(actor, action, PM_REL_MANAGER))
        st = is_above(out, a);
    if (st == PM_OK && !*out && allowed(actor, action, PM_REL_UNIT_MEMBER))
        st = in_goal_unit(out, a, g);
    return st;
}

pm_status pm_goal__authorize(pm_session *s, const pm_goal *goal, pm_action action)
{
    pm_goal_access a;
    pm_goal__access_init(&a, s);
    int ok = 0;
    pm_status st = pm_goal__may(&ok, &a, goal, action);
    if (st != PM_OK || ok)
        return st;
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(action));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(action));
}

pm_status pm_goal__authorize_read(pm_session *s, pm_id goal)
{
    pm_goal *g = NULL;
    pm_status st = pm_goal__load(&g, s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__authorize(s, g, pm_goal__read_action(g->visibility));
    pm_goal_free(g);
    return st;
}

/* ---- checking fields ---- */

static pm_status check_day(pm_session *s, const char *field, pm_date date)
{
    if (pm_date_to_ymd(date, NULL, NULL, NULL) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_ERANGE, "%s: %ld is not a date in years 1 to 9999",
                         field, (long)date);
}

static pm_status check_period(pm_session *s, pm_date start, pm_date due)
{
    pm_status st = check_day(s, "goal.start", start);
    if (st != PM_OK)
        return st;
    if (due == PM_DATE_NONE)
        return pm_error__set(&s->error, PM_EINVAL, "goal.due: must be given");
    st = check_day(s, "goal.due", due);
    if (st != PM_OK || due >= start)
        return st;
    char d[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    pm_date_format(d, due);
    pm_date_format(b, start);
    return pm_error__set(&s->error, PM_EINVAL, "goal.due: %s is before the start %s", d, b);
}

/* The fields a goal's row holds, checked whatever call set them. */
static pm_status check_goal(pm_session *s, const pm_goal *g)
{
    if (g->kind < PM_GOAL_PERFORMANCE || g->kind > PM_GOAL_CORRECTIVE)
        return pm_error__set(&s->error, PM_EINVAL,
                             "goal.kind: %d is not a kind (1 performance, 2 development, "
                             "3 corrective)", (int)g->kind);
    if (g->visibility < PM_VISIBILITY_PRIVATE || g->visibility > PM_VISIBILITY_PUBLIC)
        return pm_error__set(&s->error, PM_EINVAL,
                             "goal.visibility: %d is not a visibility (1 private, 2 unit, "
                             "3 public)", (int)g->visibility);
    if (!isfinite(g->weight))
        return pm_error__set(&s->error, PM_EINVAL, "goal.weight: must be a finite number");
    if (g->weight < 0.0)
        return pm_error__set(&s->error, PM_EINVAL, "goal.weight: must not be negative (%g)",
                             g->weight);
    return check_period(s, g->start, g->due);
}

static pm_status normalize_title(char **out, pm_session *s, const pm_goal_opts *o)
{
    return pm_text__normalize(out, NULL, o->title, o->title_len, "goal.title", PM_GOAL_TITLE_MAX,
                              PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE, &s->error);
}

static pm_status normalize_description(char **out, pm_session *s, const pm_goal_opts *o)
{
    return pm_text__normalize(out, NULL, o->description, o->description_len,
                              "goal.description", PM_GOAL_TEXT_MAX, 0, &s->error);
}

static pm_status check_owner(pm_session *s, pm_id owner)
{
    return pm_person__check(s, owner, "goal.owner", 1);
}

static pm_status check_checkin(pm_session *s, pm_id checkin)
{
    if (checkin == 0)
        return PM_OK;
    int found = 0;
    pm_status st = record_exists(&found, s, PM_KIND_CHECKIN, checkin);
    if (st == PM_OK && !found)
        st = pm_error__set(&s->error, PM_ENOTFOUND,
                           "goal.source_checkin: check-in %lld does not exist",
                           (long long)checkin);
    return st;
}

/* The feedback that led to a corrective action must be one the session
 * may read: linking it must not reveal that an unreadable entry exists
 * beyond what pm_feedback_get() says. */
static pm_status check_feedback(pm_session *s, pm_id feedback)
{
    if (feedback == 0)
        return PM_OK;
    pm_feedback *fb = NULL;
    pm_status st = pm_feedback_get(&fb, s, feedback);
    pm_feedback_free(fb);
    if (st == PM_ENOTFOUND)
        return pm_error__set(&s->error, st, "goal.source_feedback: feedback %lld does not exist",
                             (long long)feedback);
    if (st == PM_EPERM)
        return pm_error__set(&s->error, st,
                             "goal.source_feedback: may not read feedback %lld",
                             (long long)feedback);
    return st;
}

/* Version 1 options end before source_feedback. */
static pm_id source_feedback_of(const pm_goal_opts *o)
{
    return o->version >= 2 ? o->source_feedback : 0;
}

static pm_status check_ids(pm_session *s, const pm_goal_opts *o)
{
    if (o->unit < 0)
        return pm_error__set(&s->error, PM_EINVAL, "goal.unit: %lld is not a unit id",
                             (long long)o->unit);
    if (o->parent < 0)
        return pm_error__set(&s->error, PM_EINVAL, "goal.parent: %lld is not a goal id",
                             (long long)o->parent);
    if (o->source_checkin < 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "goal.source_checkin: %lld is not a check-in id",
                             (long long)o->source_checkin);
    if (source_feedback_of(o) < 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "goal.source_feedback: %lld is not a feedback id",
                             (long long)source_feedback_of(o));
    return PM_OK;
}

/* The parent chain of a goal, for pm_org__reaches. */
typedef struct parent_walk {
    pm_session *s;
} parent_walk;

static int read_parent(const pm_row *row, void *payload)
{
    if (row->nvalues <= PM_GOAL_PARENT)
        return PM_ECORRUPT;
    *(pm_id *)payload = pm_value__as_int(&row->values[PM_GOAL_PARENT]);
    return 0;
}

static pm_status parent_of(pm_id *parent, pm_id node, void *payload)
{
    parent_walk *w = payload;
    *parent = 0;
    pm_status st = pm_api__get(w->s, PM_KIND_GOAL, node, read_parent, parent);
    return st == PM_ENOTFOUND ? PM_OK : st;
}

/* Refuses parent for goal (0 for a goal not yet stored) when the parent's
 * chain reaches the goal. */
static pm_status check_parent(pm_session *s, pm_id goal, pm_id parent)
{
    if (parent == 0)
        return PM_OK;
    pm_status st = pm_goal__check_exists(s, parent, "goal.parent");
    if (st != PM_OK || goal == 0)
        return st;
    if (parent == goal)
        return pm_error__set(&s->error, PM_ECYCLE,
                             "goal.parent: goal %lld cannot contribute to itself",
                             (long long)goal);
    int found = 0;
    parent_walk w = { s };
    st = pm_org__reaches(&found, parent, goal, parent_of, &w, "goal.parent", &s->error);
    if (st == PM_OK && found)
        st = pm_error__set(&s->error, PM_ECYCLE,
                           "goal.parent: goal %lld contributes to goal %lld, directly or not; "
                           "a cycle is refused",
                           (long long)parent, (long long)goal);
    return st;
}

/* ---- writing ---- */

static pm_status insert_goal(pm_id *out, pm_session *s, const pm_goal_opts *o)
{
    pm_goal g;
    memset(&g, 0, sizeof g);
    g.owner = o->owner;
    g.unit = o->unit;
    g.kind = o->kind;
    g.state = PM_GOAL_DRAFT;
    g.start = pm_api__date_or_today(s->db, o->start);
    g.due = o->due;
    g.weight = o->weight;
    g.visibility = o->visibility;
    g.parent = o->parent;
    g.source_checkin = o->source_checkin;
    g.source_feedback = source_feedback_of(o);
    pm_status st = check_goal(s, &g);
    if (st == PM_OK)
        st = normalize_title(&g.title, s, o);
    if (st == PM_OK)
        st = normalize_description(&g.description, s, o);
    if (st == PM_OK && o->unit != 0)
        st = pm_unit__check_exists(s, o->unit, "goal.unit");
    if (st == PM_OK)
        st = check_parent(s, 0, o->parent);
    if (st == PM_OK)
        st = check_checkin(s, o->source_checkin);
    if (st == PM_OK)
        st = check_feedback(s, g.source_feedback);
    if (st == PM_OK) {
        pm_value values[PM_GOAL_NFIELDS];
        goal_values(values, &g);
        pm_api__audit_create(s, values, PM_GOAL_CREATED_AT);
        st = pm_api__insert(s, PM_KIND_GOAL, values, out);
    }
    pm__free(g.title);
    pm__free(g.description);
    return st;
}

static pm_status write_goal(pm_session *s, const pm_goal *g)
{
    pm_value values[PM_GOAL_NFIELDS];
    goal_values(values, g);
    pm_api__audit_update(s, values, PM_GOAL_CREATED_AT);
    return pm_api__update(s, PM_KIND_GOAL, g->id, values);
}

/* Only the state and the audit fields: no index covers them, so a state
 * change costs one row write. */
static pm_status write_state(pm_session *s, pm_id id, pm_goal_state state)
{
    pm_value values[PM_GOAL_NFIELDS];
    values[PM_GOAL_STATE] = pm_value__int(state);
    pm_api__audit_update(s, values, PM_GOAL_CREATED_AT);
    return pm_api__update_fields(s, PM_KIND_GOAL, id, values,
                                 PM_UPDATE_FIELD(PM_GOAL_STATE)
                                     | PM_UPDATE_FIELD(PM_GOAL_UPDATED_AT)
                                     | PM_UPDATE_FIELD(PM_GOAL_UPDATED_BY));
}

#define GOAL_FIELDS_KNOWN                                                                  \
    (PM_GOAL_FIELD_TITLE | PM_GOAL_FIELD_DESCRIPTION | PM_GOAL_FIELD_PERIOD                \
     | PM_GOAL_FIELD_WEIGHT | PM_GOAL_FIELD_VISIBILITY | PM_GOAL_FIELD_PARENT              \
     | PM_GOAL_FIELD_KIND)

/* Applies the flagged fields over the stored goal, checks the whole result
 * and writes it. The merged view borrows the new strings. */
static pm_status apply_update(pm_session *s, const pm_goal *old, const pm_goal_opts *o,
                              unsigned int fields)
{
    pm_goal g = *old;
    char *title = NULL, *description = NULL;
    if (fields & PM_GOAL_FIELD_PERIOD) {
        g.start = pm_api__date_or_today(s->db, o->start);
        g.due = o->due;
    }
    if (fields & PM_GOAL_FIELD_WEIGHT)
        g.weight = o->weight;
    if (fields & PM_GOAL_FIELD_VISIBILITY)
        g.visibility = o->visibility;
    if (fields & PM_GOAL_FIELD_KIND)
        g.kind = o->kind;
    if (fields & PM_GOAL_FIELD_PARENT)
        g.parent = o->parent;
    pm_status st = check_goal(s, &g);
    if (st == PM_OK && (fields & PM_GOAL_FIELD_TITLE)) {
        st = normalize_title(&title, s, o);
        g.title = title;
    }
    if (st == PM_OK && (fields & PM_GOAL_FIELD_DESCRIPTION)) {
        st = normalize_description(&description, s, o);
        g.description = description;
    }
    if (st == PM_OK && (fields & PM_GOAL_FIELD_PARENT) && o->parent < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "goal.parent: %lld is not a goal id",
                           (long long)o->parent);
    if (st == PM_OK && (fields & PM_GOAL_FIELD_PARENT))
        st = check_parent(s, g.id, g.parent);
    if (st == PM_OK)
        st = write_goal(s, &g);
    pm__free(title);
    pm__free(description);
    return st;
}

/* ---- public functions ---- */

pm_status pm_goal_opts_init(pm_goal_opts *opts, unsigned int version)
{
    static const pm_goal_opts defaults = PM_GOAL_OPTS_INIT;
    /* A version 1 caller's struct ends before source_feedback. */
    size_t size = version == 1 ? offsetof(pm_goal_opts, source_feedback) : sizeof defaults;
    return pm_api__opts_init(opts, &defaults, size, version, PM_GOAL_OPTS_VERSION);
}

/* Creating a goal is changing a goal of that owner, so the access check
 * asks about a goal that is not stored yet. */
static pm_status authorize_create(pm_session *s, const pm_goal_opts *o)
{
    pm_goal probe;
    memset(&probe, 0, sizeof probe);
    probe.owner = o->owner;
    probe.unit = o->unit;
    probe.visibility = PM_VISIBILITY_PRIVATE;
    return pm_goal__authorize(s, &probe, PM_ACT_GOAL_EDIT);
}

pm_status pm_goal_create(pm_id *out, pm_session *s, const pm_goal_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, GOAL_OPTS, opts->version, PM_GOAL_OPTS_VERSION);
    if (st == PM_OK)
        st = check_ids(s, opts);
    /* The owner first: who may create depends on how the actor stands to them. */
    if (st == PM_OK)
        st = check_owner(s, opts->owner);
    if (st == PM_OK)
        st = authorize_create(s, opts);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_goal(&id, s, opts)); /* one insert, last */
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* Loads a goal the actor may do action on; *out is freed by the caller. */
static pm_status load_for(pm_goal **out, pm_session *s, pm_id goal, pm_action action)
{
    pm_status st = pm_goal__check_id(s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__load(out, s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__authorize(s, *out, action);
    return st;
}

pm_status pm_goal_update(pm_session *s, pm_id goal, const pm_goal_opts *opts, unsigned int fields)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, GOAL_OPTS, opts->version, PM_GOAL_OPTS_VERSION);
    if (st == PM_OK && (fields & ~GOAL_FIELDS_KNOWN))
        st = pm_error__set(&s->error, PM_EINVAL, "fields: 0x%x holds unknown flags",
                           fields & ~GOAL_FIELDS_KNOWN);
    pm_goal *old = NULL;
    if (st == PM_OK)
        st = load_for(&old, s, goal, PM_ACT_GOAL_EDIT);
    if (st == PM_OK && fields != 0) {
        st = pm_api__begin_one(s);
        if (st == PM_OK) /* one update, last */
            st = pm_api__finish_one(s, apply_update(s, old, opts, fields));
    }
    pm_goal_free(old);
    return st;
}

pm_status pm_goal_set_state(pm_session *s, pm_id goal, pm_goal_state state)
{
    PM_CHECK_SESSION(s);
    pm_goal *g = NULL;
    pm_status st = load_for(&g, s, goal, PM_ACT_GOAL_EDIT);
    if (st == PM_OK && (state < PM_GOAL_DRAFT || state > PM_GOAL_ARCHIVED))
        st = pm_error__set(&s->error, PM_EINVAL,
                           "goal.state: %d is not a state (1 draft to 5 archived)", (int)state);
    if (st == PM_OK && !pm_goal__state_move_allowed(g->state, state))
        st = pm_error__set(&s->error, PM_EINVAL, "goal.state: cannot move from %s to %s",
                           pm_goal__state_name(g->state), pm_goal__state_name(state));
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st == PM_OK)
        st = pm_api__finish_one(s, write_state(s, g->id, state));
    pm_goal_free(g);
    return st;
}

pm_status pm_goal_get(pm_goal **out, pm_session *s, pm_id goal)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_goal *g = NULL;
    pm_status st = pm_goal__check_id(s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__load(&g, s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__authorize(s, g, pm_goal__read_action(g->visibility));
    if (st != PM_OK) {
        pm_goal_free(g);
        return st;
    }
    *out = g;
    return PM_OK;
}

/* ---- getters ---- */

void pm_goal_free(pm_goal *goal)
{
    if (goal == NULL)
        return;
    pm__free(goal->title);
    pm__free(goal->description);
    pm__free(goal);
}

pm_id pm_goal_id(const pm_goal *goal) { return goal ? goal->id : 0; }
pm_id pm_goal_owner(const pm_goal *goal) { return goal ? goal->owner : 0; }
pm_id pm_goal_unit(const pm_goal *goal) { return goal ? goal->unit : 0; }
const char *pm_goal_title(const pm_goal *goal) { return goal ? goal->title : NULL; }
const char *pm_goal_description(const pm_goal *goal) { return goal ? goal->description : NULL; }
pm_goal_kind pm_goal_kind_get(const pm_goal *goal) { return goal ? goal->kind : (pm_goal_kind)0; }

pm_goal_state pm_goal_state_get(const pm_goal *goal)
{
    return goal ? goal->state : (pm_goal_state)0;
}

pm_date pm_goal_start(const pm_goal *goal) { return goal ? goal->start : PM_DATE_NONE; }
pm_date pm_goal_due(const pm_goal *goal) { return goal ? goal->due : PM_DATE_NONE; }
double pm_goal_weight(const pm_goal *goal) { return goal ? goal->weight : 0.0; }

pm_visibility pm_goal_visibility(const pm_goal *goal)
{
    return goal ? goal->visibility : (pm_visibility)0;
}

pm_id pm_goal_parent(const pm_goal *goal) { return goal ? goal->parent : 0; }
pm_id pm_goal_source_checkin(const pm_goal *goal) { return goal ? goal->source_checkin : 0; }
pm_id pm_goal_source_feedback(const pm_goal *goal) { return goal ? goal->source_feedback : 0; }
pm_time pm_goal_created_at(const pm_goal *goal) { return goal ? goal->created_at : 0; }
pm_id pm_goal_created_by(const pm_goal *goal) { return goal ? goal->created_by : 0; }
pm_time pm_goal_updated_at(const pm_goal *goal) { return goal ? goal->updated_at : 0; }
pm_id pm_goal_updated_by(const pm_goal *goal) { return goal ? goal->updated_by : 0; }
