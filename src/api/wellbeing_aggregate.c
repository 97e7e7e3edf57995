/* A metric's aggregate over a unit's subtree (or the whole organisation)
 * and a period, hidden by the suppression rule of core/wellbeing.h. The
 * group key is the unit stored on each measurement when it was taken, so
 * the numbers follow the organisation as it was; for each unit of the
 * subtree one ordered scan of the trend index (metric, unit, at) reads the
 * period's measurements. Memory grows with the distinct people counted and
 * the units, not with the measurements: values go into a running mean and
 * SD, and people into per-unit sets kept free of repeats as they grow. */
#include "wellbeing_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "org_people.h"
#include "../core/wellbeing.h"

#define AGGREGATE "aggregate"

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "aggregate: out of memory");
}

/* The distinct people measured in one unit, later in its subtree. */
typedef struct person_set {
    pm_id *ids;
    size_t count;
    size_t cap;
} person_set;

static void set_sort_unique(person_set *p)
{
    if (p->count < 2)
        return;
    qsort(p->ids, p->count, sizeof *p->ids, pm_api__compare_ids);
    size_t kept = 1;
    for (size_t i = 1; i < p->count; i++)
        if (p->ids[i] != p->ids[kept - 1])
            p->ids[kept++] = p->ids[i];
    p->count = kept;
}

/* Adds a person, allowing repeats until the array is full; then repeats
 * are squeezed out first, and the array grows only when that frees less
 * than half of it. */
static pm_status set_add(person_set *p, pm_session *s, pm_id person)
{
    if (p->count > 0 && p->ids[p->count - 1] == person)
        return PM_OK;
    if (p->count == p->cap) {
        set_sort_unique(p);
        if (p->count * 2 > p->cap || p->cap == 0) {
            size_t cap = p->cap ? p->cap * 2 : 16;
            pm_id *grown = pm__realloc(p->ids, cap * sizeof *grown);
            if (grown == NULL)
                return out_of_memory(s);
            p->ids = grown;
            p->cap = cap;
        }
    }
    p->ids[p->count++] = person;
    return PM_OK;
}

/* into = into U from, both sorted without repeats; from is left alone. */
static pm_status set_merge(person_set *into, const person_set *from, pm_session *s)
{
    if (from->count == 0)
        return PM_OK;
    size_t cap = into->count + from->count;
    pm_id *merged = pm__malloc(cap * sizeof *merged);
    if (merged == NULL)
        return out_of_memory(s);
    size_t i = 0, j = 0, n = 0;
    while (i < into->count || j < from->count) {
        pm_id next;
        if (j >= from->count || (i < into->count && into->ids[i] <= from->ids[j]))
            next = into->ids[i++];
        else
            next = from->ids[j++];
        if (n == 0 || merged[n - 1] != next)
            merged[n++] = next;
    }
    pm__free(into->ids);
    into->ids = merged;
    into->count = n;
    into->cap = cap;
    return PM_OK;
}

/* One unit of the subtree: its parent (to fold its people upwards) and its
 * people. */
typedef struct unit_node {
    pm_id unit;
    size_t parent;  /* index in the subtree list; (size_t)-1 for none */
    person_set people;
} unit_node;

typedef struct tree {
    pm_session *s;
    unit_node *nodes;
    size_t count;
} tree;

static void tree_free(tree *t)
{
    for (size_t i = 0; i < t->count; i++)
        pm__free(t->nodes[i].people.ids);
    pm__free(t->nodes);
    t->nodes = NULL;
    t->count = 0;
}

static int read_parent(const pm_row *row, void *payload)
{
    if (row->nvalues < PM_UNIT_NFIELDS)
        return PM_ECORRUPT;
    *(pm_id *)payload = row->values[PM_UNIT_PARENT].type == PM_VALUE_INT
                            ? row->values[PM_UNIT_PARENT].v.i : 0;
    return 1;
}

typedef struct unit_index {
    pm_id unit;
    size_t at;
} unit_index;

static int compare_unit_index(const void *a, const void *b)
{
    const unit_index *x = a, *y = b;
    return (x->unit > y->unit) - (x->unit < y->unit);
}

/* Links each unit below the root to its parent's place in the list. */
static pm_status link_parents(tree *t)
{
    pm_session *s = t->s;
    unit_index *sorted = pm__malloc(t->count * sizeof *sorted);
    if (sorted == NULL)
        return out_of_memory(s);
    for (size_t i = 0; i < t->count; i++) {
        sorted[i].unit = t->nodes[i].unit;
        sorted[i].at = i;
    }
    qsort(sorted, t->count, sizeof *sorted, compare_unit_index);
    pm_status st = PM_OK;
    for (size_t i = 1; st == PM_OK && i < t->count; i++) {
        pm_id parent = 0;
        st = pm_api__get(s, PM_KIND_UNIT, t->nodes[i].unit, read_parent, &parent);
        if (st == PM_ECORRUPT && s->error.status == PM_OK)
            st = pm_error__set(&s->error, PM_ECORRUPT, "unit: stored unit %lld is too short",
                               (long long)t->nodes[i].unit);
        if (st != PM_OK)
            break;
        unit_index key = { parent, 0 };
        const unit_index *hit = bsearch(&key, sorted, t->count, sizeof *sorted,
                                        compare_unit_index);
        /* Breadth first, a parent comes before its children; anything else
         * would be a loop in the stored tree, which must not fold back. */
        if (hit != NULL && hit->at < i)
            t->nodes[i].parent = hit->at;
    }
    pm__free(sorted);
    return st;
}

static pm_status build_tree(tree *t, pm_session *s, pm_id unit)
{
    memset(t, 0, sizeof *t);
    t->s = s;
    pm_id *units = NULL;
    size_t n = 0;
    pm_status st = pm_org__subtree(&units, &n, s, unit);
    if (st != PM_OK)
        return st;
    t->nodes = n > 0 ? pm__calloc(n, sizeof *t->nodes) : NULL;
    if (n > 0 && t->nodes == NULL) {
        pm__free(units);
        return out_of_memory(s);
    }
    for (size_t i = 0; i < n; i++) {
        t->nodes[i].unit = units[i];
        t->nodes[i].parent = (size_t)-1;
    }
    t->count = n;
    pm__free(units);
    return link_parents(t);
}

/* ---- reading the measurements ---- */

typedef struct unit_scan {
    pm_session *s;
    person_set *people;
    pm_wellbeing_acc *acc;
} unit_scan;

static int count_measurement(const pm_row *row, void *payload)
{
    unit_scan *u = payload;
    if (row->nvalues < PM_MEAS_NFIELDS)
        return pm_error__set(&u->s->error, PM_ECORRUPT,
                             "measurement: stored measurement %lld is too short",
                             (long long)row->id);
    const pm_value *v = &row->values[PM_MEAS_VALUE];
    double value = v->type == PM_VALUE_REAL ? v->v.r
                 : v->type == PM_VALUE_INT ? (double)v->v.i : 0.0;
    pm_status st = set_add(u->people, u->s, row->values[PM_MEAS_PERSON].v.i);
    if (st != PM_OK)
        return st;
    pm_wellbeing__acc_add(u->acc, value);
    return 0;
}

static pm_status scan_units(tree *t, pm_wellbeing_acc *acc, pm_id metric, pm_time from,
                            pm_time to)
{
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < t->count; i++) {
        pm_value eq[2] = { pm_value__int(metric), pm_value__int(t->nodes[i].unit) };
        pm_value lo = pm_value__int(from), hi = pm_value__int(to);
        pm_scan scan = { PM_KIND_MEASUREMENT, PM_MEAS_BY_TREND, 2, eq, &lo, &hi, 0, 0 };
        unit_scan u = { t->s, &t->nodes[i].people, acc };
        st = pm_api__scan(t->s, &scan, count_measurement, &u);
        set_sort_unique(&t->nodes[i].people);
    }
    return st;
}

/* Folds each unit's people into its parent's, children first (the list is
 * breadth first, so from its end), noting each subtree's count: below[i-1]
 * for unit i. The root's set ends up holding everyone counted. */
static pm_status fold_up(tree *t, int *below)
{
    for (size_t i = t->count; i-- > 1;) {
        unit_node *node = &t->nodes[i];
        below[i - 1] = (int)node->people.count;
        if (node->parent == (size_t)-1)
            continue;
        pm_status st = set_merge(&t->nodes[node->parent].people, &node->people, t->s);
        if (st != PM_OK)
            return st;
        pm__free(node->people.ids);
        memset(&node->people, 0, sizeof node->people);
    }
    return PM_OK;
}

/* ---- the call ---- */

static pm_status check_args(int *min_group, pm_session *s, pm_aggregate *out, pm_id metric,
                            pm_id unit, pm_time from, pm_time to, int asked)
{
    pm_status st = pm_api__check_version(s, AGGREGATE, out->version, PM_AGGREGATE_VERSION);
    if (st == PM_OK)
        st = pm_wellbeing__min_group(min_group, asked, "aggregate.min_group", &s->error);
    if (st == PM_OK && to < from)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "aggregate.to: the period ends (%lld) before it starts (%lld)",
                           (long long)to, (long long)from);
    pm_metric_def def;
    if (st == PM_OK)
        st = pm_metric__load(&def, s, metric, "aggregate.metric");
    if (st == PM_OK && unit != 0)
        st = pm_unit__check_exists(s, unit, "aggregate.unit");
    return st;
}

static pm_status aggregate(pm_aggregate *out, pm_session *s, pm_id metric, pm_id unit,
                           pm_time from, pm_time to, int min_group)
{
    tree t;
    pm_status st = build_tree(&t, s, unit);
    pm_wellbeing_acc acc = { 0, 0.0, 0.0 };
    if (st == PM_OK)
        st = scan_units(&t, &acc, metric, from, to);
    int *below = NULL;
    if (st == PM_OK && t.count > 1) {
        below = pm__malloc((t.count - 1) * sizeof *below);
        if (below == NULL)
            st = out_of_memory(s);
    }
    if (st == PM_OK)
        st = fold_up(&t, below);
    if (st == PM_OK && t.count == 0)
        out->suppressed = 1;
    else if (st == PM_OK) {
        const person_set *everyone = &t.nodes[0].people;
        char what[64];
        if (unit != 0)
            snprintf(what, sizeof what, "unit %lld", (long long)unit);
        else
            snprintf(what, sizeof what, "the organisation");
        st = pm_org__authorize_people(s, PM_ACT_GROUP_NUMBERS, everyone->ids, everyone->count,
                                      what);
        int people = (int)everyone->count;
        if (st == PM_OK && !pm_wellbeing__suppressed(people, below, t.count - 1, min_group)) {
            out->people = people;
            out->n = (int)acc.n;
            out->mean = acc.mean;
            out->sd = pm_wellbeing__acc_sd(&acc);
        } else if (st == PM_OK) {
            out->suppressed = 1;
        }
    }
    pm__free(below);
    tree_free(&t);
    return st;
}

pm_status pm_wellbeing_aggregate(pm_aggregate *out, pm_session *s, pm_id metric, pm_id unit,
                                 pm_time from, pm_time to, int min_group)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    int k = 0;
    pm_status st = check_args(&k, s, out, metric, unit, from, to, min_group);
    if (st != PM_OK)
        return st;
    unsigned int version = out->version;
    memset(out, 0, sizeof *out);
    out->version = version;
    return aggregate(out, s, metric, unit, from, to, k);
}
