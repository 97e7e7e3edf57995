/* Key results: added to a goal, removed with their history, listed in the
 * order they were added. The numbers are checked by core/goal.c; progress
 * updates (goal_progress.c) move the current value kept in the row. */
#include "goal_rows.h"

#include <string.h>

#include "../core/goal.h"
#include "../util/text.h"

#define KEY_RESULT_OPTS "key_result_opts"

/* ---- snapshots ---- */

static pm_key_result *kr_from_row(const pm_row *row)
{
    pm_key_result *kr = pm__calloc(1, sizeof *kr);
    if (kr == NULL)
        return NULL;
    const pm_value *v = row->values;
    kr->id = row->id;
    kr->title = pm_value__text_copy(&v[PM_KEY_RESULT_TITLE]);
    kr->unit = pm_value__text_copy(&v[PM_KEY_RESULT_UNIT]);
    if (kr->title == NULL || kr->unit == NULL) {
        pm_key_result__free(kr);
        return NULL;
    }
    kr->goal = pm_value__as_int(&v[PM_KEY_RESULT_GOAL]);
    kr->kind = (pm_key_result_kind)pm_value__as_int(&v[PM_KEY_RESULT_KIND]);
    kr->baseline = pm_value__as_real(&v[PM_KEY_RESULT_BASELINE]);
    kr->target = pm_value__as_real(&v[PM_KEY_RESULT_TARGET]);
    kr->current = pm_value__as_real(&v[PM_KEY_RESULT_CURRENT]);
    kr->weight = pm_value__as_real(&v[PM_KEY_RESULT_WEIGHT]);
    kr->has_commit = v[PM_KEY_RESULT_COMMIT].type != PM_VALUE_NULL;
    kr->commit = pm_value__as_real(&v[PM_KEY_RESULT_COMMIT]);
    kr->has_stretch = v[PM_KEY_RESULT_STRETCH].type != PM_VALUE_NULL;
    kr->stretch = pm_value__as_real(&v[PM_KEY_RESULT_STRETCH]);
    kr->created_at = pm_value__as_int(&v[PM_KEY_RESULT_CREATED_AT]);
    kr->created_by = pm_value__as_int(&v[PM_KEY_RESULT_CREATED_BY]);
    kr->updated_at = pm_value__as_int(&v[PM_KEY_RESULT_UPDATED_AT]);
    kr->updated_by = pm_value__as_int(&v[PM_KEY_RESULT_UPDATED_BY]);
    return kr;
}

void pm_key_result__free(pm_key_result *kr)
{
    if (kr == NULL)
        return;
    pm__free(kr->title);
    pm__free(kr->unit);
    pm__free(kr);
}

/* Key results collected by a get or a scan. */
typedef struct kr_list {
    pm_session *s;
    pm_key_result **items;
    size_t count;
    size_t cap;
} kr_list;

static void kr_list_free(kr_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        pm_key_result__free(l->items[i]);
    pm__free(l->items);
    l->items = NULL;
    l->count = l->cap = 0;
}

static int collect_kr(const pm_row *row, void *payload)
{
    kr_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_KEY_RESULT_NFIELDS, "key_result");
    if (st != PM_OK)
        return st;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        pm_key_result **items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "key_result: out of memory");
        l->items = items;
        l->cap = cap;
    }
    pm_key_result *kr = kr_from_row(row);
    if (kr == NULL)
        return pm_error__set(&l->s->error, PM_ENOMEM, "key_result: out of memory");
    l->items[l->count++] = kr;
    return 0;
}

pm_status pm_key_result__load(pm_key_result **out, pm_session *s, pm_id id, const char *field)
{
    *out = NULL;
    kr_list l = { s, NULL, 0, 0 };
    pm_status st = id > 0 ? pm_api__get(s, PM_KIND_KEY_RESULT, id, collect_kr, &l) : PM_ENOTFOUND;
    if (st == PM_OK && l.count == 0)
        st = PM_ENOTFOUND;
    if (st != PM_OK) {
        kr_list_free(&l);
        if (st == PM_ENOTFOUND)
            st = pm_error__set(&s->error, PM_ENOTFOUND, "%s: key result %lld does not exist",
                               field, (long long)id);
        return st;
    }
    *out = l.items[0];
    pm__free(l.items);
    return PM_OK;
}

/* The key_result_by_goal index orders a goal's rows by id: the order added. */
pm_status pm_key_result__load_all(pm_key_result ***out, size_t *count, pm_session *s,
                                  pm_id goal)
{
    *out = NULL;
    *count = 0;
    kr_list l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(goal) };
    pm_scan scan = { PM_KIND_KEY_RESULT, PM_KEY_RESULT_BY_GOAL, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, collect_kr, &l);
    if (st != PM_OK) {
        kr_list_free(&l);
        return st;
    }
    *out = l.items;
    *count = l.count;
    return PM_OK;
}

/* ---- adding and removing ---- */

static pm_value real_or_null(int has, double r)
{
    return has ? pm_value__real(r) : pm_value__null();
}

static pm_status insert_kr(pm_id *out, pm_session *s, pm_id goal, const pm_key_result_opts *in)
{
    pm_key_result_opts o = *in;
    /* Done or not: a milestone always runs from 0 to 1. */
    if (o.kind == PM_KEY_RESULT_MILESTONE) {
        o.baseline = 0.0;
        o.target = 1.0;
    }
    char *title = NULL, *unit = NULL;
    size_t title_len = 0, unit_len = 0;
    pm_status st = pm_text__normalize(&title, &title_len, o.title, o.title_len,
                                      "key_result.title", PM_GOAL_TITLE_MAX,
                                      PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE, &s->error);
    if (st == PM_OK)
        st = pm_text__normalize(&unit, &unit_len, o.unit, o.unit_len, "key_result.unit",
                                PM_KEY_RESULT_UNIT_MAX, PM_TEXT_SINGLE_LINE, &s->error);
    if (st == PM_OK)
        st = pm_goal__check_kr(&o, &s->error);
    if (st == PM_OK) {
        pm_value v[PM_KEY_RESULT_NFIELDS];
        v[PM_KEY_RESULT_GOAL] = pm_value__int(goal);
        v[PM_KEY_RESULT_TITLE] = pm_value__text(title, title_len);
        v[PM_KEY_RESULT_KIND] = pm_value__int(o.kind);
        v[PM_KEY_RESULT_BASELINE] = pm_value__real(o.baseline);
        v[PM_KEY_RESULT_TARGET] = pm_value__real(o.target);
        v[PM_KEY_RESULT_CURRENT] = pm_value__real(o.baseline);
        v[PM_KEY_RESULT_UNIT] = unit_len ? pm_value__text(unit, unit_len) : pm_value__null();
        v[PM_KEY_RESULT_WEIGHT] = pm_value__real(o.weight);
        v[PM_KEY_RESULT_COMMIT] = real_or_null(o.has_commit, o.commit);
        v[PM_KEY_RESULT_STRETCH] = real_or_null(o.has_stretch, o.stretch);
        pm_api__audit_create(s, v, PM_KEY_RESULT_CREATED_AT);
        st = pm_api__insert(s, PM_KIND_KEY_RESULT, v, out);
    }
    pm__free(title);
    pm__free(unit);
    return st;
}

/* Loads the goal and checks the actor may change it (edit) or read it. */
static pm_status authorize_goal(pm_session *s, pm_id goal, int edit)
{
    pm_goal *g = NULL;
    pm_status st = pm_goal__check_id(s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__load(&g, s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__authorize(s, g, edit ? PM_ACT_GOAL_EDIT
                                           : pm_goal__read_action(g->visibility));
    pm_goal_free(g);
    return st;
}

pm_status pm_key_result_opts_init(pm_key_result_opts *opts, unsigned int version)
{
    static const pm_key_result_opts defaults = PM_KEY_RESULT_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_KEY_RESULT_OPTS_VERSION);
}

pm_status pm_key_result_add(pm_id *out, pm_session *s, pm_id goal, const pm_key_result_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, KEY_RESULT_OPTS, opts->version,
                                         PM_KEY_RESULT_OPTS_VERSION);
    if (st == PM_OK)
        st = authorize_goal(s, goal, 1);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_kr(&id, s, goal, opts)); /* one insert, last */
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* The history goes first, then the key result: rows are collected before
 * any is removed, since a scan must not run under its own writes. */
static pm_status remove_kr(pm_session *s, pm_id kr)
{
    pm_goal_id_list l = { s, "key_result", NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(kr) };
    pm_scan scan = { PM_KIND_PROGRESS, PM_PROGRESS_BY_KEY_RESULT, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, pm_goal__collect_id, &l);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = pm_api__remove(s, PM_KIND_PROGRESS, l.ids[i]);
    if (st == PM_OK)
        st = pm_api__remove(s, PM_KIND_KEY_RESULT, kr);
    pm__free(l.ids);
    return st;
}

pm_status pm_key_result_remove(pm_session *s, pm_id key_result)
{
    PM_CHECK_SESSION(s);
    if (key_result <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "key_result: %lld is not a key result id",
                             (long long)key_result);
    pm_key_result *kr = NULL;
    pm_status st = pm_key_result__load(&kr, s, key_result, "key_result");
    if (st == PM_OK)
        st = authorize_goal(s, kr->goal, 1);
    pm_key_result__free(kr);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, remove_kr(s, key_result));
}

/* Only the current value and the audit fields: no index covers them. */
pm_status pm_key_result__set_current(pm_session *s, const pm_key_result *kr, double value)
{
    pm_value v[PM_KEY_RESULT_NFIELDS];
    v[PM_KEY_RESULT_CURRENT] = pm_value__real(value);
    pm_api__audit_update(s, v, PM_KEY_RESULT_CREATED_AT);
    return pm_api__update_fields(s, PM_KIND_KEY_RESULT, kr->id, v, PM_KEY_RESULT_CURRENT_FIELDS);
}

/* ---- listing ---- */

struct pm_key_result_iter {
    pm_key_result **items;
    size_t count;
    size_t next;
};

pm_status pm_key_result_list(pm_key_result_iter **out, pm_session *s, pm_id goal)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = authorize_goal(s, goal, 0);
    if (st != PM_OK)
        return st;
    pm_key_result_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "key_result iterator: out of memory");
    st = pm_key_result__load_all(&it->items, &it->count, s, goal);
    if (st != PM_OK) {
        pm__free(it);
        return st;
    }
    *out = it;
    return PM_OK;
}

pm_status pm_key_result_iter_next(pm_key_result **out, pm_key_result_iter *iter)
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

void pm_key_result_iter_free(pm_key_result_iter *iter)
{
    if (iter == NULL)
        return;
    for (size_t i = 0; i < iter->count; i++)
        pm_key_result__free(iter->items[i]);
    pm__free(iter->items);
    pm__free(iter);
}

/* ---- getters ---- */

pm_id pm_key_result_id(const pm_key_result *kr) { return kr ? kr->id : 0; }
pm_id pm_key_result_goal(const pm_key_result *kr) { return kr ? kr->goal : 0; }
const char *pm_key_result_title(const pm_key_result *kr) { return kr ? kr->title : NULL; }

pm_key_result_kind pm_key_result_kind_get(const pm_key_result *kr)
{
    return kr ? kr->kind : (pm_key_result_kind)0;
}

double pm_key_result_baseline(const pm_key_result *kr) { return kr ? kr->baseline : 0.0; }
double pm_key_result_target(const pm_key_result *kr) { return kr ? kr->target : 0.0; }
double pm_key_result_current(const pm_key_result *kr) { return kr ? kr->current : 0.0; }
const char *pm_key_result_unit(const pm_key_result *kr) { return kr ? kr->unit : NULL; }
double pm_key_result_weight(const pm_key_result *kr) { return kr ? kr->weight : 0.0; }

int pm_key_result_commit(const pm_key_result *kr, double *commit)
{
    if (kr == NULL || !kr->has_commit)
        return 0;
    if (commit != NULL)
        *commit = kr->commit;
    return 1;
}

int pm_key_result_stretch(const pm_key_result *kr, double *stretch)
{
    if (kr == NULL || !kr->has_stretch)
        return 0;
    if (stretch != NULL)
        *stretch = kr->stretch;
    return 1;
}

double pm_key_result_progress(const pm_key_result *kr)
{
    return kr ? pm_goal__kr_progress(kr->baseline, kr->target, kr->current) : 0.0;
}

pm_zone pm_key_result_zone(const pm_key_result *kr)
{
    if (kr == NULL)
        return PM_ZONE_NONE;
    pm_kr_values v = { kr->baseline, kr->target, kr->current, kr->has_commit, kr->commit,
                       kr->has_stretch, kr->stretch };
    return pm_goal__kr_zone(&v);
}
