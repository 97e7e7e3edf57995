/* Progress: append-only updates of key results and of goals' manual
 * progress, their history, and a goal's standing on a date computed from
 * that history (progress, expected progress, health, stale, overdue). The
 * formulas live in core/goal.c; this file picks the rows they take. */
#include "goal_rows.h"

#include <math.h>
#include <string.h>

#include "../core/goal.h"
#include "../util/text.h"

#define PROGRESS_OPTS "progress_opts"
#define HEALTH_OPTS "health_opts"
#define SECONDS_PER_DAY 86400

/* Alignment trees are a few levels deep; a deeper one means stored parents
 * loop, which writes refuse. */
#define GOAL_TREE_MAX_DEPTH 1000u

/* ---- snapshots ---- */

struct pm_progress {
    pm_id id;
    pm_id goal;
    pm_id key_result;
    double value;
    int confidence;
    char *comment;
    pm_time at;
    pm_id by;
};

static void progress_free(pm_progress *p)
{
    if (p == NULL)
        return;
    pm__free(p->comment);
    pm__free(p);
}

struct load_ctx {
    pm_session *s;
    pm_progress *p;
};

static int load_row(const pm_row *row, void *payload)
{
    struct load_ctx *ctx = payload;
    pm_status st = pm_api__check_row(ctx->s, row, PM_PROGRESS_NFIELDS, "progress");
    if (st != PM_OK)
        return st;
    pm_progress *p = pm__calloc(1, sizeof *p);
    const pm_value *v = row->values;
    if (p != NULL)
        p->comment = v[PM_PROGRESS_COMMENT].type == PM_VALUE_TEXT
            ? pm__strndup(v[PM_PROGRESS_COMMENT].v.b.data, v[PM_PROGRESS_COMMENT].v.b.len)
            : pm__strndup("", 0);
    if (p == NULL || p->comment == NULL) {
        progress_free(p);
        return pm_error__set(&ctx->s->error, PM_ENOMEM, "progress: out of memory");
    }
    p->id = row->id;
    p->goal = pm_value__as_int(&v[PM_PROGRESS_GOAL]);
    p->key_result = pm_value__as_int(&v[PM_PROGRESS_KEY_RESULT]);
    p->value = pm_value__as_real(&v[PM_PROGRESS_VALUE]);
    p->confidence = v[PM_PROGRESS_CONFIDENCE].type == PM_VALUE_INT
        ? (int)v[PM_PROGRESS_CONFIDENCE].v.i : PM_CONFIDENCE_NONE;
    p->at = pm_value__as_int(&v[PM_PROGRESS_CREATED_AT]);
    p->by = pm_value__as_int(&v[PM_PROGRESS_CREATED_BY]);
    progress_free(ctx->p);
    ctx->p = p;
    return 0;
}

/* ---- recording ---- */

pm_status pm_progress_opts_init(pm_progress_opts *opts, unsigned int version)
{
    static const pm_progress_opts defaults = PM_PROGRESS_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_PROGRESS_OPTS_VERSION);
}

static int first_row(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 1;
}

static pm_status has_key_results(int *out, pm_session *s, pm_id goal)
{
    *out = 0;
    pm_value eq[1] = { pm_value__int(goal) };
    pm_scan scan = { PM_KIND_KEY_RESULT, PM_KEY_RESULT_BY_GOAL, 1, eq, NULL, NULL, 0, 1 };
    return pm_api__scan(s, &scan, first_row, out);
}

/* The value fits what it measures: a milestone is 0 or 1, manual progress
 * a share; a numeric key result takes any finite number (beyond target or
 * behind baseline is real information; progress clamps it). */
static pm_status check_value(pm_session *s, const pm_key_result *kr, double value)
{
    if (!isfinite(value))
        return pm_error__set(&s->error, PM_EINVAL, "progress.value: must be a finite number");
    if (kr != NULL && kr->kind == PM_KEY_RESULT_MILESTONE && value != 0.0 && value != 1.0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "progress.value: a milestone takes 0 or 1, not %g", value);
    if (kr == NULL && (value < 0.0 || value > 1.0))
        return pm_error__set(&s->error, PM_EINVAL,
                             "progress.value: manual progress lies between 0 and 1, not %g",
                             value);
    return PM_OK;
}

static pm_status check_target(pm_key_result **kr, pm_session *s, const pm_goal *g,
                              pm_id key_result)
{
    *kr = NULL;
    if (key_result < 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "progress.key_result: %lld is not a key result id",
                             (long long)key_result);
    if (key_result == 0) {
        int has = 0;
        pm_status st = has_key_results(&has, s, g->id);
        if (st == PM_OK && has)
            st = pm_error__set(&s->error, PM_EINVAL,
                               "progress.key_result: goal %lld has key results; progress goes "
                               "to one of them", (long long)g->id);
        return st;
    }
    pm_status st = pm_key_result__load(kr, s, key_result, "progress.key_result");
    if (st == PM_OK && (*kr)->goal != g->id)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "progress.key_result: key result %lld belongs to goal %lld, not "
                           "goal %lld", (long long)key_result, (long long)(*kr)->goal,
                           (long long)g->id);
    return st;
}

static pm_status check_update(pm_session *s, const pm_goal *g, const pm_progress_opts *o)
{
    if (g->state != PM_GOAL_ACTIVE)
        return pm_error__set(&s->error, PM_EINVAL, "progress.goal: goal %lld is %s, not active",
                             (long long)g->id, pm_goal__state_name(g->state));
    if (o->confidence != PM_CONFIDENCE_NONE && (o->confidence < 0 || o->confidence > 10))
        return pm_error__set(&s->error, PM_EINVAL,
                             "progress.confidence: %d is outside 0 to 10", o->confidence);
    return PM_OK;
}

/* The newest update of one key result, by the history's order (time, then
 * id): its id and value. */
typedef struct newest {
    pm_id id;
    double value;
} newest;

static int take_newest(const pm_row *row, void *payload)
{
    newest *n = payload;
    if (row->nvalues < PM_PROGRESS_NFIELDS)
        return PM_ECORRUPT;
    n->id = row->id;
    n->value = pm_value__as_real(&row->values[PM_PROGRESS_VALUE]);
    return 1;
}

/* The current value must be the value of the update the history shows
 * last. With one writer at a time (SQLite) that is the update just added,
 * unless the clock went back. With several (PostgreSQL), another update of
 * this key result may commit meanwhile, and ids need not follow time across
 * connections. Writing the current value first holds the key result's row
 * until commit, so the history read after it is final for this key result;
 * a second write corrects the value when the newest update is another. */
static pm_status settle_current(pm_session *s, const pm_key_result *kr, pm_id added)
{
    newest n = { 0, 0.0 };
    pm_value eq[1] = { pm_value__int(kr->id) };
    pm_scan scan = { PM_KIND_PROGRESS, PM_PROGRESS_BY_KEY_RESULT, 1, eq, NULL, NULL,
                     PM_SCAN_DESC, 1 };
    pm_status st = pm_api__scan(s, &scan, take_newest, &n);
    if (st == PM_OK && n.id != 0 && n.id != added)
        st = pm_key_result__set_current(s, kr, n.value);
    return st;
}

/* Inside a group the call opens no savepoint (pm_api__begin_few): one
 * would cost a quarter of it, for SQLite copies every page the writes
 * touch into the savepoint's journal. Every check is made before the first
 * write; when a later step fails (storage, memory), the key result's
 * current value is written back and the update removed. */
static pm_status insert_progress(pm_id *out, pm_session *s, pm_id goal, const pm_key_result *kr,
                                 const pm_progress_opts *o, const char *comment,
                                 size_t comment_len)
{
    pm_value v[PM_PROGRESS_NFIELDS];
    v[PM_PROGRESS_GOAL] = pm_value__int(goal);
    v[PM_PROGRESS_KEY_RESULT] = pm_value__int(kr ? kr->id : 0);
    v[PM_PROGRESS_VALUE] = pm_value__real(o->value);
    v[PM_PROGRESS_CONFIDENCE] = o->confidence == PM_CONFIDENCE_NONE
        ? pm_value__null() : pm_value__int(o->confidence);
    v[PM_PROGRESS_COMMENT] = comment_len ? pm_value__text(comment, comment_len)
                                         : pm_value__null();
    pm_api__audit_create(s, v, PM_PROGRESS_CREATED_AT);
    pm_status st = pm_api__insert(s, PM_KIND_PROGRESS, v, out);
    if (st != PM_OK || kr == NULL)
        return st;
    st = pm_key_result__set_current(s, kr, o->value);
    if (st == PM_OK)
        st = settle_current(s, kr, *out);
    if (st == PM_OK)
        return PM_OK;
    pm_value old[PM_KEY_RESULT_NFIELDS];
    old[PM_KEY_RESULT_CURRENT] = pm_value__real(kr->current);
    old[PM_KEY_RESULT_UPDATED_AT] = pm_value__int(kr->updated_at);
    old[PM_KEY_RESULT_UPDATED_BY] = pm_value__int(kr->updated_by);
    st = pm_api__take_back_update(s, st, PM_KIND_KEY_RESULT, kr->id, old,
                                  PM_KEY_RESULT_CURRENT_FIELDS);
    return pm_api__take_back_insert(s, st, PM_KIND_PROGRESS, *out);
}

pm_status pm_progress_add(pm_id *out, pm_session *s, pm_id goal, pm_id key_result,
                          const pm_progress_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, PROGRESS_OPTS, opts->version,
                                         PM_PROGRESS_OPTS_VERSION);
    pm_goal *g = NULL;
    pm_key_result *kr = NULL;
    char *comment = NULL;
    size_t comment_len = 0;
    if (st == PM_OK)
        st = pm_goal__check_id(s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__load(&g, s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__authorize(s, g, PM_ACT_GOAL_EDIT);
    if (st == PM_OK)
        st = check_update(s, g, opts);
    if (st == PM_OK)
        st = check_target(&kr, s, g, key_result);
    if (st == PM_OK)
        st = check_value(s, kr, opts->value);
    if (st == PM_OK)
        st = pm_text__normalize(&comment, &comment_len, opts->comment, opts->comment_len,
                                "progress.comment", PM_GOAL_TEXT_MAX, 0, &s->error);
    if (st == PM_OK)
        st = pm_api__begin_few(s, 3); /* the update, the current value, its correction */
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_api__finish_one(s, insert_progress(&id, s, goal, kr, opts, comment, comment_len));
    if (st == PM_OK && out != NULL)
        *out = id;
    pm__free(comment);
    pm_key_result__free(kr);
    pm_goal_free(g);
    return st;
}

/* ---- history ---- */

struct pm_progress_iter {
    pm_session *session;
    pm_id *ids;
    size_t count;
    size_t next;
    pm_progress *current;
};

/* The iterator holds ids only and reads one update per next(): comments
 * may be long and a history may be long. */
pm_status pm_progress_list(pm_progress_iter **out, pm_session *s, pm_id goal)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_goal__check_id(s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__authorize_read(s, goal);
    if (st != PM_OK)
        return st;
    pm_progress_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "progress iterator: out of memory");
    pm_goal_id_list l = { s, "progress", NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(goal) };
    pm_scan scan = { PM_KIND_PROGRESS, PM_PROGRESS_BY_GOAL, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, pm_goal__collect_id, &l);
    if (st != PM_OK) {
        pm__free(l.ids);
        pm__free(it);
        return st;
    }
    it->session = s;
    it->ids = l.ids;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_progress_iter_next(pm_progress **out, pm_progress_iter *iter)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    progress_free(iter->current);
    iter->current = NULL;
    pm_error__clear(&iter->session->error);
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    struct load_ctx ctx = { iter->session, NULL };
    pm_id id = iter->ids[iter->next];
    pm_status st = pm_api__get(iter->session, PM_KIND_PROGRESS, id, load_row, &ctx);
    if (st == PM_OK && ctx.p == NULL)
        st = PM_ENOTFOUND;
    if (st != PM_OK) {
        progress_free(ctx.p);
        if (st == PM_ENOTFOUND)
            st = pm_error__set(&iter->session->error, PM_ENOTFOUND,
                               "progress: %lld was removed while listed", (long long)id);
        return st;
    }
    iter->next++;
    iter->current = ctx.p;
    *out = ctx.p;
    return PM_OK;
}

void pm_progress_iter_free(pm_progress_iter *iter)
{
    if (iter == NULL)
        return;
    progress_free(iter->current);
    pm__free(iter->ids);
    pm__free(iter);
}

pm_id pm_progress_id(const pm_progress *p) { return p ? p->id : 0; }
pm_id pm_progress_goal(const pm_progress *p) { return p ? p->goal : 0; }
pm_id pm_progress_key_result(const pm_progress *p) { return p ? p->key_result : 0; }
double pm_progress_value(const pm_progress *p) { return p ? p->value : 0.0; }
int pm_progress_confidence(const pm_progress *p) { return p ? p->confidence : PM_CONFIDENCE_NONE; }
const char *pm_progress_comment(const pm_progress *p) { return p ? p->comment : NULL; }
pm_time pm_progress_at(const pm_progress *p) { return p ? p->at : 0; }
pm_id pm_progress_by(const pm_progress *p) { return p ? p->by : 0; }

/* ---- evaluation ---- */

pm_status pm_health_opts_init(pm_health_opts *opts, unsigned int version)
{
    static const pm_health_opts defaults = PM_HEALTH_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_HEALTH_OPTS_VERSION);
}

/* The latest update of a scan run newest first: its value and time. */
typedef struct latest {
    int found;
    int manual_only;  /* skip updates of key results */
    double value;
    pm_time at;
} latest;

static int take_latest(const pm_row *row, void *payload)
{
    latest *l = payload;
    if (row->nvalues < PM_PROGRESS_NFIELDS)
        return PM_ECORRUPT;
    if (l->manual_only && pm_value__as_int(&row->values[PM_PROGRESS_KEY_RESULT]) != 0)
        return 0;
    l->found = 1;
    l->value = pm_value__as_real(&row->values[PM_PROGRESS_VALUE]);
    l->at = pm_value__as_int(&row->values[PM_PROGRESS_CREATED_AT]);
    return 1;
}

/* The newest update with created_at before cutoff, of one key result
 * (index by key result) or of one goal (index by goal). */
static pm_status latest_before(latest *out, pm_session *s, unsigned int index, pm_id key,
                               pm_time cutoff, int manual_only)
{
    memset(out, 0, sizeof *out);
    out->manual_only = manual_only;
    pm_value eq[1] = { pm_value__int(key) };
    pm_value hi = pm_value__int(cutoff);
    pm_scan scan = { PM_KIND_PROGRESS, index, 1, eq, NULL, &hi,
                     PM_SCAN_HI_EXCLUSIVE | PM_SCAN_DESC, manual_only ? 0 : 1 };
    return pm_api__scan(s, &scan, take_latest, out);
}

/* A child goal counted in its parent's progress. */
typedef struct child {
    pm_id id;
    double weight;
} child;

typedef struct child_list {
    pm_session *s;
    child *items;
    size_t count;
    size_t cap;
} child_list;

static int collect_child(const pm_row *row, void *payload)
{
    child_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_GOAL_NFIELDS, "goal");
    if (st != PM_OK)
        return st;
    int64_t state = pm_value__as_int(&row->values[PM_GOAL_STATE]);
    if (state == PM_GOAL_ARCHIVED || state == PM_GOAL_CANCELLED)
        return 0;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        child *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "goal: out of memory");
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count].id = row->id;
    l->items[l->count].weight = pm_value__as_real(&row->values[PM_GOAL_WEIGHT]);
    l->count++;
    return 0;
}

static pm_status load_children(child_list *l, pm_id goal)
{
    pm_value eq[1] = { pm_value__int(goal) };
    pm_scan scan = { PM_KIND_GOAL, PM_GOAL_BY_PARENT, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(l->s, &scan, collect_child, l);
}

static void free_krs(pm_key_result **krs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        pm_key_result__free(krs[i]);
    pm__free(krs);
}

static pm_status goal_progress(double *out, pm_session *s, pm_id goal, pm_time cutoff,
                               unsigned int depth);

/* Key results at their latest value before cutoff (else their baseline),
 * then child goals, each as a weighted part. */
static pm_status collect_parts(pm_weighted *parts, size_t *nparts, pm_session *s,
                               pm_key_result **krs, size_t nkrs, const child_list *children,
                               pm_time cutoff, unsigned int depth)
{
    pm_status st = PM_OK;
    *nparts = 0;
    for (size_t i = 0; st == PM_OK && i < nkrs; i++) {
        latest l;
        st = latest_before(&l, s, PM_PROGRESS_BY_KEY_RESULT, krs[i]->id, cutoff, 0);
        double current = l.found ? l.value : krs[i]->baseline;
        parts[*nparts].progress = pm_goal__kr_progress(krs[i]->baseline, krs[i]->target, current);
        parts[(*nparts)++].weight = krs[i]->weight;
    }
    for (size_t i = 0; st == PM_OK && i < children->count; i++) {
        st = goal_progress(&parts[*nparts].progress, s, children->items[i].id, cutoff, depth + 1);
        parts[(*nparts)++].weight = children->items[i].weight;
    }
    return st;
}

static pm_status goal_progress(double *out, pm_session *s, pm_id goal, pm_time cutoff,
                               unsigned int depth)
{
    *out = 0.0;
    if (depth > GOAL_TREE_MAX_DEPTH)
        return pm_error__set(&s->error, PM_ECORRUPT,
                             "goal.parent: the goals under goal %lld loop; the store is damaged",
                             (long long)goal);
    pm_key_result **krs = NULL;
    size_t nkrs = 0;
    child_list children = { s, NULL, 0, 0 };
    pm_weighted *parts = NULL;
    pm_status st = pm_key_result__load_all(&krs, &nkrs, s, goal);
    if (st == PM_OK)
        st = load_children(&children, goal);
    size_t total = nkrs + children.count;
    if (st == PM_OK && total > 0) {
        parts = pm__calloc(total, sizeof *parts);
        if (parts == NULL)
            st = pm_error__set(&s->error, PM_ENOMEM, "goal: out of memory");
    }
    size_t nparts = 0;
    if (st == PM_OK && total > 0)
        st = collect_parts(parts, &nparts, s, krs, nkrs, &children, cutoff, depth);
    if (st == PM_OK && total > 0) {
        *out = pm_goal__weighted_progress(parts, nparts);
    } else if (st == PM_OK) {
        latest l;
        st = latest_before(&l, s, PM_PROGRESS_BY_GOAL, goal, cutoff, 1);
        *out = l.found ? l.value : 0.0;
    }
    pm__free(parts);
    pm__free(children.items);
    free_krs(krs, nkrs);
    return st;
}

static pm_status check_eval_args(pm_session *s, const pm_goal_status *out, pm_date date,
                                  const pm_health_opts *opts)
{
    if (out->version < 1 || out->version > PM_GOAL_STATUS_VERSION)
        return pm_error__set(&s->error, PM_EVERSION,
                             "goal_status.version: %u is not a version this library knows "
                             "(expected %u)", out->version, (unsigned int)PM_GOAL_STATUS_VERSION);
    if (date != PM_DATE_NONE && pm_date_to_ymd(date, NULL, NULL, NULL) != PM_OK)
        return pm_error__set(&s->error, PM_EINVAL, "date: %ld is not a date in years 1 to 9999",
                             (long)date);
    if (opts == NULL)
        return PM_OK;
    pm_status st = pm_api__check_version(s, HEALTH_OPTS, opts->version, PM_HEALTH_OPTS_VERSION);
    return st == PM_OK ? pm_goal__check_health_opts(opts, &s->error) : st;
}

pm_status pm_goal__evaluate_goal(pm_goal_status *out, pm_session *s, const pm_goal *g,
                                 pm_date date, const pm_health_opts *opts)
{
    /* "As of the end of date": everything recorded before the next midnight UTC. */
    pm_time cutoff = ((pm_time)date + 1) * SECONDS_PER_DAY;
    double progress = 0.0;
    latest last;
    pm_status st = goal_progress(&progress, s, g->id, cutoff, 0);
    if (st == PM_OK)
        st = latest_before(&last, s, PM_PROGRESS_BY_GOAL, g->id, cutoff, 0);
    if (st != PM_OK)
        return st;
    int active = g->state == PM_GOAL_ACTIVE;
    pm_date last_day = last.found ? pm_time_date(last.at) : PM_DATE_NONE;
    out->progress = progress;
    out->expected = pm_goal__expected_progress(g->start, g->due, date);
    out->health = active ? pm_goal__health(progress, out->expected, opts) : PM_HEALTH_NONE;
    out->stale = pm_goal__is_stale(last.found ? last_day : g->start, date, opts->stale_days);
    out->overdue = active && date > g->due;
    out->last_update = last_day;
    return PM_OK;
}

pm_status pm_goal__evaluate(pm_goal_status *out, pm_session *s, pm_id goal, pm_date date,
                            const pm_health_opts *opts)
{
    static const pm_health_opts defaults = PM_HEALTH_OPTS_INIT;
    pm_status st = check_eval_args(s, out, date, opts);
    if (st != PM_OK)
        return st;
    pm_goal *g = NULL;
    st = pm_goal__load(&g, s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__evaluate_goal(out, s, g, pm_api__date_or_today(s->db, date),
                                    opts ? opts : &defaults);
    pm_goal_free(g);
    return st;
}

pm_status pm_goal_evaluate(pm_goal_status *out, pm_session *s, pm_id goal, pm_date date,
                           const pm_health_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = pm_goal__check_id(s, goal, "goal");
    if (st == PM_OK)
        st = check_eval_args(s, out, date, opts);
    if (st == PM_OK)
        st = pm_goal__authorize_read(s, goal);
    return st == PM_OK ? pm_goal__evaluate(out, s, goal, date, opts) : st;
}
