/* Lists of goals: a person's, a unit's, the alignment tree under a goal,
 * and the goals of a manager's people that need attention. Every list
 * reads through an index (owner, unit, parent, reporting line by manager)
 * and leaves out what the actor may not read. */
#include "goal_rows.h"

#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "../core/goal.h"
#include "../core/org.h"

#define GOAL_TREE_MAX_DEPTH 1000

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "goal list: out of memory");
}

/* ---- the iterator ---- */

struct pm_goal_iter {
    pm_session *session;
    pm_id *ids;
    int *depths;      /* NULL: every depth is 0 */
    pm_goal **goals;  /* when not NULL: the goals, read already, instead of ids */
    size_t count;
    size_t next;
    pm_goal *current;
    int depth;        /* of current */
};

pm_status pm_goal_iter__new(pm_goal_iter **out, pm_session *s, pm_id *ids, int *depths,
                            size_t count)
{
    *out = NULL;
    pm_goal_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL) {
        pm__free(ids);
        pm__free(depths);
        return out_of_memory(s);
    }
    it->session = s;
    it->ids = ids;
    it->depths = depths;
    it->count = count;
    *out = it;
    return PM_OK;
}

pm_status pm_goal_iter_next(pm_goal **out, pm_goal_iter *iter)
{
    if (out != NULL)
        *out = NULL;
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    pm_goal_free(iter->current);
    iter->current = NULL;
    iter->depth = 0;
    pm_error__clear(&iter->session->error);
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    if (iter->goals != NULL) {
        *out = iter->goals[iter->next++];
        return PM_OK;
    }
    /* Advance only on success, so a retry after running out of memory
     * returns the same goal. */
    pm_status st = pm_goal__load(&iter->current, iter->session, iter->ids[iter->next], "goal");
    if (st != PM_OK)
        return st;
    iter->depth = iter->depths ? iter->depths[iter->next] : 0;
    iter->next++;
    *out = iter->current;
    return PM_OK;
}

int pm_goal_iter_depth(const pm_goal_iter *iter)
{
    return iter ? iter->depth : 0;
}

void pm_goal_iter_free(pm_goal_iter *iter)
{
    if (iter == NULL)
        return;
    pm_goal_free(iter->current);
    for (size_t i = 0; iter->goals != NULL && i < iter->count; i++)
        pm_goal_free(iter->goals[i]);
    pm__free(iter->goals);
    pm__free(iter->ids);
    pm__free(iter->depths);
    pm__free(iter);
}

/* An iterator over goals already read; takes ownership of goals and of
 * each goal in it, even on failure. */
static pm_status iter_of_goals(pm_goal_iter **out, pm_session *s, pm_goal **goals, size_t count)
{
    pm_status st = pm_goal_iter__new(out, s, NULL, NULL, 0);
    if (st != PM_OK) {
        for (size_t i = 0; i < count; i++)
            pm_goal_free(goals[i]);
        pm__free(goals);
        return st;
    }
    (*out)->goals = goals;
    (*out)->count = count;
    return PM_OK;
}

/* ---- what a scan found ---- */

/* The fields that decide whether a goal is listed. */
typedef struct brief {
    pm_id id;
    pm_goal probe;  /* owner, unit and visibility only: what access asks about */
    pm_goal_state state;
    pm_date due;
    pm_goal *full;  /* the whole goal, with KEEP_GOALS; else NULL */
} brief;

#define ONLY_PERSONAL 0x100u  /* leave out unit goals */
#define ONLY_ACTIVE 0x200u    /* leave out every state but active */
#define KEEP_GOALS 0x400u     /* keep a snapshot of each goal listed */

typedef struct brief_list {
    pm_session *s;
    unsigned int flags;   /* PM_GOAL_INCLUDE_CLOSED, ONLY_* */
    brief *items;
    size_t count;
    size_t cap;
} brief_list;

static int wanted(const brief_list *l, const brief *b)
{
    if ((l->flags & ONLY_PERSONAL) && b->probe.unit != 0)
        return 0;
    if (l->flags & ONLY_ACTIVE)
        return b->state == PM_GOAL_ACTIVE;
    if (l->flags & PM_GOAL_INCLUDE_CLOSED)
        return 1;
    return b->state != PM_GOAL_ARCHIVED && b->state != PM_GOAL_CANCELLED;
}

static int collect_brief(const pm_row *row, void *payload)
{
    brief_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_GOAL_NFIELDS, "goal");
    if (st != PM_OK)
        return st;
    brief b;
    memset(&b, 0, sizeof b);
    b.id = row->id;
    b.probe.id = row->id;
    b.probe.owner = pm_value__as_int(&row->values[PM_GOAL_OWNER]);
    b.probe.unit = pm_value__as_int(&row->values[PM_GOAL_UNIT]);
    b.probe.visibility = (pm_visibility)pm_value__as_int(&row->values[PM_GOAL_VISIBILITY]);
    b.state = (pm_goal_state)pm_value__as_int(&row->values[PM_GOAL_STATE]);
    b.due = (pm_date)pm_value__as_int(&row->values[PM_GOAL_DUE_ON]);
    if (!wanted(l, &b))
        return 0;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        brief *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    if ((l->flags & KEEP_GOALS) && (b.full = pm_goal__from_row(row)) == NULL)
        return out_of_memory(l->s);
    l->items[l->count++] = b;
    return 0;
}

static void briefs_free(brief_list *l)
{
    for (size_t i = 0; i < l->count; i++)
        pm_goal_free(l->items[i].full);
    pm__free(l->items);
    l->items = NULL;
    l->count = 0;
}

/* Appends the goals whose index fields start with key, in index order. */
static pm_status scan_goals(brief_list *l, unsigned int index, pm_id key)
{
    pm_value eq[1] = { pm_value__int(key) };
    pm_scan scan = { PM_KIND_GOAL, index, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(l->s, &scan, collect_brief, l);
}

/* Keeps the goals the actor may read, in order. Asked after the scan: a
 * scan callback must not read the store again. */
static pm_status keep_readable(brief_list *l, pm_goal_access *a)
{
    size_t kept = 0;
    for (size_t i = 0; i < l->count; i++) {
        int ok = 0;
        const brief *b = &l->items[i];
        pm_status st = pm_goal__may(&ok, a, &b->probe, pm_goal__read_action(b->probe.visibility));
        if (st != PM_OK) {
            /* Items from i on are untouched: close the gap so each snapshot
             * is held once. */
            memmove(&l->items[kept], &l->items[i], (l->count - i) * sizeof *l->items);
            l->count = kept + (l->count - i);
            return st;
        }
        if (ok)
            l->items[kept++] = *b;
        else
            pm_goal_free(b->full);
    }
    l->count = kept;
    return PM_OK;
}

/* Hands the ids of l to a new iterator; frees l's items either way. */
static pm_status finish_briefs(pm_goal_iter **out, brief_list *l, pm_status st)
{
    pm_id *ids = NULL;
    if (st == PM_OK) {
        ids = pm__malloc((l->count ? l->count : 1) * sizeof *ids);
        if (ids == NULL)
            st = out_of_memory(l->s);
    }
    for (size_t i = 0; st == PM_OK && i < l->count; i++)
        ids[i] = l->items[i].id;
    pm__free(l->items);
    if (st != PM_OK) {
        pm__free(ids);
        return st;
    }
    return pm_goal_iter__new(out, l->s, ids, NULL, l->count);
}

static pm_status check_flags(pm_session *s, unsigned int flags)
{
    if ((flags & ~PM_GOAL_INCLUDE_CLOSED) == 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "flags: 0x%x holds unknown flags",
                         flags & ~PM_GOAL_INCLUDE_CLOSED);
}

/* ---- a person's and a unit's goals ---- */

static pm_status list_by(pm_goal_iter **out, pm_session *s, unsigned int index, pm_id key,
                         unsigned int flags)
{
    brief_list l = { s, flags, NULL, 0, 0 };
    pm_goal_access a;
    pm_goal__access_init(&a, s);
    pm_status st = scan_goals(&l, index, key);
    if (st == PM_OK)
        st = keep_readable(&l, &a);
    return finish_briefs(out, &l, st);
}

pm_status pm_goal_list_person(pm_goal_iter **out, pm_session *s, pm_id person, unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_flags(s, flags);
    if (st == PM_OK && person <= 0)
        st = pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id",
                           (long long)person);
    if (st == PM_OK)
        st = pm_person__check_exists(s, person, "person");
    if (st != PM_OK)
        return st;
    return list_by(out, s, PM_GOAL_BY_OWNER, person, flags | ONLY_PERSONAL);
}

pm_status pm_goal_list_unit(pm_goal_iter **out, pm_session *s, pm_id unit, unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_flags(s, flags);
    if (st == PM_OK)
        st = pm_unit__check_exists(s, unit, "unit");
    if (st != PM_OK)
        return st;
    return list_by(out, s, PM_GOAL_BY_UNIT, unit, flags);
}

/* ---- the alignment tree ---- */

typedef struct tree_walk {
    pm_session *s;
    unsigned int flags;
    pm_goal_access access;
    pm_id *ids;
    int *depths;
    size_t count;
    size_t cap;
} tree_walk;

static pm_status tree_push(tree_walk *w, pm_id id, int depth)
{
    if (w->count == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 16;
        pm_id *ids = pm__realloc(w->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(w->s);
        w->ids = ids;
        int *depths = pm__realloc(w->depths, cap * sizeof *depths);
        if (depths == NULL)
            return out_of_memory(w->s);
        w->depths = depths;
        w->cap = cap;
    }
    w->ids[w->count] = id;
    w->depths[w->count++] = depth;
    return PM_OK;
}

/* Depth first, children in due-date order; an unreadable goal hides what
 * is under it. */
static pm_status visit(tree_walk *w, pm_id goal, int depth)
{
    if (depth > GOAL_TREE_MAX_DEPTH)
        return pm_error__set(&w->s->error, PM_ECORRUPT,
                             "goal.parent: the goals under goal %lld loop; the store is damaged",
                             (long long)goal);
    brief_list l = { w->s, w->flags, NULL, 0, 0 };
    pm_status st = scan_goals(&l, PM_GOAL_BY_PARENT, goal);
    if (st == PM_OK)
        st = keep_readable(&l, &w->access);
    for (size_t i = 0; st == PM_OK && i < l.count; i++) {
        st = tree_push(w, l.items[i].id, depth);
        if (st == PM_OK)
            st = visit(w, l.items[i].id, depth + 1);
    }
    pm__free(l.items);
    return st;
}

pm_status pm_goal_tree(pm_goal_iter **out, pm_session *s, pm_id goal, unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_flags(s, flags);
    if (st == PM_OK)
        st = pm_goal__check_id(s, goal, "goal");
    if (st == PM_OK)
        st = pm_goal__authorize_read(s, goal);
    if (st != PM_OK)
        return st;
    tree_walk w;
    memset(&w, 0, sizeof w);
    w.s = s;
    w.flags = flags;
    pm_goal__access_init(&w.access, s);
    st = tree_push(&w, 0, 0); /* so the arrays exist even for a leaf */
    w.count = 0;
    if (st == PM_OK)
        st = visit(&w, goal, 1);
    if (st != PM_OK) {
        pm__free(w.ids);
        pm__free(w.depths);
        return st;
    }
    return pm_goal_iter__new(out, s, w.ids, w.depths, w.count);
}

/* ---- goals that need attention ---- */

/* A manager's people on a date, each once, breadth-first down the
 * reporting lines; seen is kept sorted to answer "listed already?". Each
 * person also notes whether every line from the manager down to them
 * holds today too: then whoever is the manager or above them today is
 * above that person today, which is what reading rights go by. */
typedef struct people {
    pm_session *s;
    pm_date date;
    pm_date today;
    pm_id manager;
    pm_id *ids;
    unsigned char *holds_today;
    size_t count;
    size_t cap;
    pm_id *seen;
    int boss_holds_today;  /* of the person whose reports are being read */
} people;

static size_t seen_position(const people *p, pm_id id)
{
    size_t lo = 0, hi = p->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->seen[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static pm_status people_add(people *p, pm_id id, int holds_today)
{
    size_t at = seen_position(p, id);
    if (id == p->manager || (at < p->count && p->seen[at] == id))
        return PM_OK;
    if (p->count == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 16;
        pm_id *ids = pm__realloc(p->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(p->s);
        p->ids = ids;
        pm_id *seen = pm__realloc(p->seen, cap * sizeof *seen);
        if (seen == NULL)
            return out_of_memory(p->s);
        p->seen = seen;
        unsigned char *holds = pm__realloc(p->holds_today, cap * sizeof *holds);
        if (holds == NULL)
            return out_of_memory(p->s);
        p->holds_today = holds;
        p->cap = cap;
    }
    memmove(&p->seen[at + 1], &p->seen[at], (p->count - at) * sizeof *p->seen);
    p->seen[at] = id;
    p->holds_today[p->count] = holds_today != 0;
    p->ids[p->count++] = id;
    return PM_OK;
}

static int collect_report(const pm_row *row, void *payload)
{
    people *p = payload;
    if (row->nvalues < PM_REPORTING_NFIELDS)
        return PM_ECORRUPT;
    const pm_value *v = row->values;
    pm_org_period period = {
        v[PM_REPORTING_MANAGER].v.i, (pm_date)v[PM_REPORTING_START_ON].v.i,
        v[PM_REPORTING_END_ON].type == PM_VALUE_NULL ? PM_DATE_NONE
                                                     : (pm_date)v[PM_REPORTING_END_ON].v.i
    };
    if (!pm_org__covers(&period, p->date))
        return 0;
    int holds = p->boss_holds_today && pm_org__covers(&period, p->today);
    pm_status st = people_add(p, v[PM_REPORTING_PERSON].v.i, holds);
    return st == PM_OK ? 0 : st;
}

static pm_status collect_people(people *p)
{
    pm_status st = PM_OK;
    /* The list is its own queue: each person listed is asked for their
     * reports once; lines starting after the date are not read. */
    for (size_t next = 0; st == PM_OK && next <= p->count; next++) {
        pm_id boss = next == 0 ? p->manager : p->ids[next - 1];
        p->boss_holds_today = next == 0 ? 1 : p->holds_today[next - 1];
        pm_value eq[1] = { pm_value__int(boss) };
        pm_value hi = pm_value__int(p->date);
        pm_scan scan = { PM_KIND_REPORTING_LINE, PM_REPORTING_BY_MANAGER, 1, eq, NULL, &hi, 0, 0 };
        st = pm_api__scan(p->s, &scan, collect_report, p);
    }
    return st;
}

/* A goal kept for the list, with what orders it. */
typedef struct flagged {
    pm_goal *goal;
    size_t owner;  /* position in the owner keys */
} flagged;

typedef struct attention {
    pm_session *s;
    pm_date date;
    const pm_health_opts *opts;
    pm_goal_access access;
    flagged *items;
    size_t count;
    size_t cap;
    char **keys;     /* owners' folded names, in the order met */
    size_t nkeys;
} attention;

static int copy_name_key(const pm_row *row, void *payload)
{
    char **key = payload;
    if (row->nvalues <= PM_PERSON_NAME_KEY)
        return PM_ECORRUPT;
    const pm_value *v = &row->values[PM_PERSON_NAME_KEY];
    pm__free(*key);
    *key = v->type == PM_VALUE_TEXT ? pm__strndup(v->v.b.data, v->v.b.len) : pm__strndup("", 0);
    return *key == NULL ? PM_ENOMEM : 0;
}

static pm_status add_owner_key(attention *at, pm_id owner)
{
    char **keys = pm__realloc(at->keys, (at->nkeys + 1) * sizeof *keys);
    if (keys == NULL)
        return out_of_memory(at->s);
    at->keys = keys;
    at->keys[at->nkeys] = NULL;
    pm_status st = pm_api__get(at->s, PM_KIND_PERSON, owner, copy_name_key,
                               &at->keys[at->nkeys]);
    if (st == PM_OK && at->keys[at->nkeys] == NULL)
        st = pm_error__set(&at->s->error, PM_ENOTFOUND, "person: %lld does not exist",
                           (long long)owner);
    if (st == PM_ENOMEM)
        st = out_of_memory(at->s);
    at->nkeys++; /* counted even on failure, so that it is freed */
    return st;
}

/* Takes the goal of b into the list. */
static pm_status flag(attention *at, brief *b, int *owner_keyed)
{
    if (!*owner_keyed) {
        pm_status st = add_owner_key(at, b->probe.owner);
        if (st != PM_OK)
            return st;
        *owner_keyed = 1;
    }
    if (at->count == at->cap) {
        size_t cap = at->cap ? at->cap * 2 : 16;
        flagged *items = pm__realloc(at->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(at->s);
        at->items = items;
        at->cap = cap;
    }
    flagged *f = &at->items[at->count++];
    f->goal = b->full;
    f->owner = at->nkeys - 1;
    b->full = NULL;
    return PM_OK;
}

static int needs_attention(const pm_goal_status *st)
{
    return st->health == PM_HEALTH_AT_RISK || st->health == PM_HEALTH_OFF_TRACK || st->overdue;
}

/* One person's active goals, evaluated on the date. The actor (the
 * manager or above them today, see authorize_attention) reads every goal of
 * someone still below the manager today; others are asked goal by goal. */
static pm_status review_person(attention *at, pm_id person, int below_today)
{
    brief_list l = { at->s, ONLY_ACTIVE | KEEP_GOALS, NULL, 0, 0 };
    pm_status st = scan_goals(&l, PM_GOAL_BY_OWNER, person);
    if (st == PM_OK && !below_today)
        st = keep_readable(&l, &at->access);
    int owner_keyed = 0;
    for (size_t i = 0; st == PM_OK && i < l.count; i++) {
        pm_goal_status status = PM_GOAL_STATUS_INIT;
        st = pm_goal__evaluate_goal(&status, at->s, l.items[i].full, at->date, at->opts);
        if (st == PM_OK && needs_attention(&status))
            st = flag(at, &l.items[i], &owner_keyed);
    }
    briefs_free(&l);
    return st;
}

static int compare_flagged_keys(const char *a, const char *b)
{
    /* strcmp on NUL-free UTF-8 is the backends' bytewise name order. */
    return strcmp(a, b);
}

/* qsort has no payload: each item carries its key. */
typedef struct sortable {
    const char *key;
    size_t owner;
    pm_goal *goal;
} sortable;

static int compare_sortable(const void *a, const void *b)
{
    const sortable *x = a, *y = b;
    int c = compare_flagged_keys(x->key, y->key);
    if (c == 0)
        c = (x->owner > y->owner) - (x->owner < y->owner);
    if (c == 0)
        c = (x->goal->due > y->goal->due) - (x->goal->due < y->goal->due);
    if (c == 0)
        c = (x->goal->id > y->goal->id) - (x->goal->id < y->goal->id);
    return c;
}

/* Moves the flagged goals, in list order, into a new array. */
static pm_status sorted_goals(pm_goal ***out, attention *at)
{
    *out = NULL;
    sortable *rows = pm__calloc(at->count ? at->count : 1, sizeof *rows);
    pm_goal **goals = pm__malloc((at->count ? at->count : 1) * sizeof *goals);
    if (rows == NULL || goals == NULL) {
        pm__free(rows);
        pm__free(goals);
        return out_of_memory(at->s);
    }
    for (size_t i = 0; i < at->count; i++) {
        rows[i].key = at->keys[at->items[i].owner];
        rows[i].owner = at->items[i].owner;
        rows[i].goal = at->items[i].goal;
    }
    qsort(rows, at->count, sizeof *rows, compare_sortable);
    for (size_t i = 0; i < at->count; i++) {
        goals[i] = rows[i].goal;
        at->items[i].goal = NULL;
    }
    pm__free(rows);
    *out = goals;
    return PM_OK;
}

static void attention_free(attention *at)
{
    for (size_t i = 0; i < at->count; i++)
        pm_goal_free(at->items[i].goal);
    for (size_t i = 0; i < at->nkeys; i++)
        pm__free(at->keys[i]);
    pm__free(at->keys);
    pm__free(at->items);
}

/* Seeing a manager's people's goals is reading private goals of the
 * manager: the manager themselves, anyone above, HR and the system. */
static pm_status authorize_attention(pm_session *s, pm_id manager)
{
    pm_goal probe;
    memset(&probe, 0, sizeof probe);
    probe.owner = manager;
    probe.visibility = PM_VISIBILITY_PRIVATE;
    pm_goal_access a;
    pm_goal__access_init(&a, s);
    int ok = 0;
    pm_status st = pm_goal__may(&ok, &a, &probe, PM_ACT_GOAL_READ_PRIVATE);
    if (st != PM_OK || ok)
        return st;
    return pm_error__set(&s->error, PM_EPERM,
                         "permission denied: person %lld may not list the goals of person "
                         "%lld's people", (long long)s->actor.person, (long long)manager);
}

static pm_status check_attention_args(pm_session *s, pm_id manager, pm_date date,
                                      const pm_health_opts *opts)
{
    if (manager <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "manager: %lld is not a person id",
                             (long long)manager);
    if (date != PM_DATE_NONE && pm_date_to_ymd(date, NULL, NULL, NULL) != PM_OK)
        return pm_error__set(&s->error, PM_EINVAL, "date: %ld is not a date in years 1 to 9999",
                             (long)date);
    pm_status st = PM_OK;
    if (opts != NULL)
        st = pm_api__check_version(s, "health_opts", opts->version, PM_HEALTH_OPTS_VERSION);
    if (st == PM_OK && opts != NULL)
        st = pm_goal__check_health_opts(opts, &s->error);
    if (st == PM_OK)
        st = pm_person__check_exists(s, manager, "manager");
    if (st == PM_OK)
        st = authorize_attention(s, manager);
    return st;
}

pm_status pm_goal_list_attention(pm_goal_iter **out, pm_session *s, pm_id manager, pm_date date,
                                 const pm_health_opts *opts)
{
    static const pm_health_opts defaults = PM_HEALTH_OPTS_INIT;
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_attention_args(s, manager, date, opts);
    if (st != PM_OK)
        return st;
    date = pm_api__date_or_today(s->db, date);
    people p;
    memset(&p, 0, sizeof p);
    p.s = s;
    p.date = date;
    p.today = pm_api__today(s->db);
    p.manager = manager;
    attention at;
    memset(&at, 0, sizeof at);
    at.s = s;
    at.date = date;
    at.opts = opts ? opts : &defaults;
    pm_goal__access_init(&at.access, s);
    st = collect_people(&p);
    for (size_t i = 0; st == PM_OK && i < p.count; i++)
        st = review_person(&at, p.ids[i], p.holds_today[i]);
    pm_goal **goals = NULL;
    if (st == PM_OK)
        st = sorted_goals(&goals, &at);
    size_t count = at.count;
    attention_free(&at);
    pm__free(p.ids);
    pm__free(p.seen);
    pm__free(p.holds_today);
    if (st != PM_OK)
        return st;
    return iter_of_goals(out, s, goals, count);
}
