/* Metric definitions: custom metrics HR defines, the built-in ones defined
 * in the store on first use, reading and listing them, and the loader the
 * other wellbeing files check metrics with (wellbeing_internal.h). Names
 * are unique ignoring case: the store's unique index on the folded name is
 * the last line of defence behind the scan that words the conflict. The
 * rules (built-in table, checks) live in core/wellbeing.c. */
#include "wellbeing_internal.h"

#include <string.h>

#include "org_internal.h"
#include "../core/wellbeing.h"
#include "../util/text.h"

#define METRIC_OPTS "metric_opts"

struct pm_metric {
    pm_id id;
    char *name;
    char *unit;  /* "" when none */
    double min, max;
    pm_metric_direction direction;
    double reliability;
    int builtin;
};

struct pm_metric_iter {
    pm_metric *items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "metric: out of memory");
}

pm_status pm_metric_opts_init(pm_metric_opts *opts, unsigned int version)
{
    static const pm_metric_opts defaults = PM_METRIC_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_METRIC_OPTS_VERSION);
}

static pm_status corrupt(pm_session *s, pm_id id)
{
    return pm_error__set(&s->error, PM_ECORRUPT, "metric: stored metric %lld is too short",
                         (long long)id);
}

/* ---- the loader ---- */

typedef struct def_read {
    pm_metric_def *def;
    int found;
} def_read;

static void def_from_row(pm_metric_def *d, const pm_row *row)
{
    d->id = row->id;
    d->min = pm_value__as_real(&row->values[PM_METRIC_MIN]);
    d->max = pm_value__as_real(&row->values[PM_METRIC_MAX]);
    d->direction = (pm_metric_direction)pm_value__as_int(&row->values[PM_METRIC_DIRECTION]);
    d->reliability = pm_value__as_real(&row->values[PM_METRIC_RELIABILITY]);
    d->builtin = (int)pm_value__as_int(&row->values[PM_METRIC_BUILTIN]);
}

static int read_def(const pm_row *row, void *payload)
{
    def_read *r = payload;
    if (row->nvalues < PM_METRIC_NFIELDS)
        return PM_ECORRUPT;
    def_from_row(r->def, row);
    r->found = 1;
    return 1;
}

pm_status pm_metric__load(pm_metric_def *out, pm_session *s, pm_id metric, const char *field)
{
    memset(out, 0, sizeof *out);
    if (metric <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a metric id", field,
                             (long long)metric);
    def_read r = { out, 0 };
    pm_status st = pm_api__get(s, PM_KIND_METRIC, metric, read_def, &r);
    if (st == PM_ENOTFOUND || (st == PM_OK && !r.found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: metric %lld does not exist", field,
                             (long long)metric);
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return corrupt(s, metric);
    return st;
}

/* ---- built-ins ---- */

static int note_id(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1;
}

static pm_status find_builtin(pm_id *out, pm_session *s, int which)
{
    pm_value eq[1] = { pm_value__int(which) };
    pm_scan scan = { PM_KIND_METRIC, PM_METRIC_BY_BUILTIN, 1, eq, NULL, NULL, 0, 1 };
    return pm_api__scan(s, &scan, note_id, out);
}

/* A definition's values; name and key borrowed, unit NULL for none. */
static void metric_values(pm_value v[PM_METRIC_NFIELDS], pm_session *s, const char *name,
                          size_t name_len, const char *key, size_t key_len, const char *unit,
                          size_t unit_len, double min, double max, pm_metric_direction direction,
                          double reliability, int builtin)
{
    v[PM_METRIC_NAME] = pm_value__text(name, name_len);
    v[PM_METRIC_NAME_KEY] = pm_value__text(key, key_len);
    v[PM_METRIC_UNIT] = pm_value__text(unit, unit_len);
    v[PM_METRIC_MIN] = pm_value__real(min);
    v[PM_METRIC_MAX] = pm_value__real(max);
    v[PM_METRIC_DIRECTION] = pm_value__int(direction);
    v[PM_METRIC_RELIABILITY] = reliability == 0.0 ? pm_value__null() : pm_value__real(reliability);
    v[PM_METRIC_BUILTIN] = pm_value__int(builtin);
    pm_api__audit_create(s, v, PM_METRIC_CREATED_AT);
}

static pm_status insert_builtin(pm_id *out, pm_session *s, int which)
{
    const pm_builtin_def *d = pm_wellbeing__builtin(which);
    char *key = NULL;
    size_t key_len = 0;
    size_t name_len = strlen(d->name);
    pm_status st = pm_text__fold(&key, &key_len, d->name, name_len, &s->error);
    if (st != PM_OK)
        return st;
    pm_value v[PM_METRIC_NFIELDS];
    metric_values(v, s, d->name, name_len, key, key_len, d->unit, strlen(d->unit), d->min,
                  d->max, d->direction, 0.0, which);
    st = pm_api__insert(s, PM_KIND_METRIC, v, out);
    pm__free(key);
    return st;
}

pm_status pm_metric__builtin_id(pm_id *out, pm_session *s, pm_builtin_metric which)
{
    *out = 0;
    if (pm_wellbeing__builtin((int)which) == NULL)
        return pm_error__set(&s->error, PM_EINVAL, "metric.builtin: %d is not a built-in metric",
                             (int)which);
    pm_id id = 0;
    pm_status st = find_builtin(&id, s, (int)which);
    if (st != PM_OK || id != 0) {
        *out = id;
        return st;
    }
    /* Inside a caller's transaction this opens a savepoint (or joins a
     * group): either way the definition goes with the caller's writes. */
    st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    st = pm_api__finish_one(s, insert_builtin(&id, s, (int)which));
    if (st == PM_OK)
        *out = id;
    return st;
}

pm_status pm_metric_builtin(pm_id *out, pm_session *s, pm_builtin_metric which)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = 0;
    pm_status st = pm_api__authorize(s, PM_ACT_METRIC_READ, 0);
    return st == PM_OK ? pm_metric__builtin_id(out, s, which) : st;
}

/* ---- create ---- */

/* The validated text fields, owned and NFC; unit NULL for none. */
typedef struct metric_input {
    char *name, *key, *unit;
    size_t name_len, key_len, unit_len;
} metric_input;

static void input_free(metric_input *in)
{
    pm__free(in->name);
    pm__free(in->key);
    pm__free(in->unit);
}

static pm_status parse_input(metric_input *in, pm_session *s, const pm_metric_opts *o)
{
    memset(in, 0, sizeof *in);
    pm_status st = pm_text__normalize_line(&in->name, &in->name_len, o->name, o->name_len,
                                           "metric.name", PM_METRIC_NAME_MAX, &s->error);
    if (st == PM_OK)
        st = pm_text__fold(&in->key, &in->key_len, in->name, in->name_len, &s->error);
    if (st == PM_OK)
        st = pm_text__normalize(&in->unit, &in->unit_len, o->unit, o->unit_len, "metric.unit",
                                PM_METRIC_NAME_MAX, PM_TEXT_SINGLE_LINE, &s->error);
    if (st == PM_OK && in->unit != NULL && pm_text__is_blank(in->unit, in->unit_len)) {
        pm__free(in->unit);
        in->unit = NULL;
        in->unit_len = 0;
    }
    if (st == PM_OK)
        st = pm_wellbeing__check_definition(o->min, o->max, (int)o->direction, o->reliability,
                                            &s->error);
    return st;
}

static pm_status check_name_free(pm_session *s, const metric_input *in)
{
    int builtin = pm_wellbeing__builtin_named(in->key, in->key_len);
    if (builtin != 0)
        return pm_error__set(&s->error, PM_ECONFLICT,
                             "metric.name: \"%s\" is the name of a built-in metric (%d)",
                             in->name, builtin);
    pm_value eq[1] = { pm_value__text(in->key, in->key_len) };
    pm_scan scan = { PM_KIND_METRIC, PM_METRIC_BY_NAME_KEY, 1, eq, NULL, NULL, 0, 1 };
    pm_id other = 0;
    pm_status st = pm_api__scan(s, &scan, note_id, &other);
    if (st == PM_OK && other != 0)
        st = pm_error__set(&s->error, PM_ECONFLICT, "metric.name: \"%s\" exists (metric %lld)",
                           in->name, (long long)other);
    return st;
}

pm_status pm_metric_create(pm_id *out, pm_session *s, const pm_metric_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_status st = pm_api__check_version(s, METRIC_OPTS, opts->version, PM_METRIC_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_METRIC_ADMIN, 0);
    if (st != PM_OK)
        return st;
    metric_input in;
    st = parse_input(&in, s, opts);
    if (st == PM_OK)
        st = check_name_free(s, &in);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK) {
        input_free(&in);
        return st;
    }
    pm_value v[PM_METRIC_NFIELDS];
    metric_values(v, s, in.name, in.name_len, in.key, in.key_len, in.unit, in.unit_len,
                  opts->min, opts->max, opts->direction, opts->reliability, 0);
    pm_id id = 0;
    st = pm_api__finish_one(s, pm_api__insert(s, PM_KIND_METRIC, v, &id));
    input_free(&in);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- snapshots ---- */

static void metric_clear(pm_metric *m)
{
    pm__free(m->name);
    pm__free(m->unit);
    memset(m, 0, sizeof *m);
}

typedef struct metric_read {
    pm_session *s;
    pm_metric *m;  /* the slot to fill */
    int found;
} metric_read;

static int read_metric(const pm_row *row, void *payload)
{
    metric_read *r = payload;
    if (row->nvalues < PM_METRIC_NFIELDS)
        return corrupt(r->s, row->id);
    pm_metric_def d;
    def_from_row(&d, row);
    pm_metric *m = r->m;
    m->id = row->id;
    m->min = d.min;
    m->max = d.max;
    m->direction = d.direction;
    m->reliability = d.reliability;
    m->builtin = d.builtin;
    m->name = pm_value__text_copy(&row->values[PM_METRIC_NAME]);
    m->unit = pm_value__text_copy(&row->values[PM_METRIC_UNIT]);
    if (m->name == NULL || m->unit == NULL) {
        metric_clear(m);
        return out_of_memory(r->s);
    }
    r->found = 1;
    return 0;
}

pm_status pm_metric_get(pm_metric **out, pm_session *s, pm_id metric)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_METRIC_READ, 0);
    if (st != PM_OK)
        return st;
    if (metric <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "metric: %lld is not a metric id",
                             (long long)metric);
    pm_metric *m = pm__calloc(1, sizeof *m);
    if (m == NULL)
        return out_of_memory(s);
    metric_read r = { s, m, 0 };
    st = pm_api__get(s, PM_KIND_METRIC, metric, read_metric, &r);
    if (st == PM_ENOTFOUND || (st == PM_OK && !r.found))
        st = pm_error__set(&s->error, PM_ENOTFOUND, "metric: metric %lld does not exist",
                           (long long)metric);
    if (st != PM_OK) {
        pm_metric_free(m);
        return st;
    }
    *out = m;
    return PM_OK;
}

void pm_metric_free(pm_metric *metric)
{
    if (metric == NULL)
        return;
    metric_clear(metric);
    pm__free(metric);
}

/* ---- lists ---- */

typedef struct metric_list {
    pm_session *s;
    pm_metric *items;
    size_t count;
    size_t cap;
} metric_list;

static int append_metric(const pm_row *row, void *payload)
{
    metric_list *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_metric *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    pm_metric *slot = &l->items[l->count];
    memset(slot, 0, sizeof *slot);
    metric_read r = { l->s, slot, 0 };
    int rc = read_metric(row, &r);
    if (rc != 0)
        return rc;
    l->count++;
    return 0;
}

static void free_items(pm_metric *items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        metric_clear(&items[i]);
    pm__free(items);
}

pm_status pm_metric_list(pm_metric_iter **out, pm_session *s)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_METRIC_READ, 0);
    if (st != PM_OK)
        return st;
    pm_scan scan = { PM_KIND_METRIC, PM_METRIC_BY_NAME_KEY, 0, NULL, NULL, NULL, 0, 0 };
    metric_list l = { s, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, append_metric, &l);
    pm_metric_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = out_of_memory(s);
    if (st != PM_OK) {
        free_items(l.items, l.count);
        return st;
    }
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_metric_iter_next(pm_metric **out, pm_metric_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_metric_iter_free(pm_metric_iter *iter)
{
    if (iter == NULL)
        return;
    free_items(iter->items, iter->count);
    pm__free(iter);
}

/* ---- accessors ---- */

pm_id pm_metric_id(const pm_metric *metric)
{
    return metric ? metric->id : 0;
}

const char *pm_metric_name(const pm_metric *metric)
{
    return metric ? metric->name : NULL;
}

const char *pm_metric_unit(const pm_metric *metric)
{
    return metric ? metric->unit : NULL;
}

double pm_metric_min(const pm_metric *metric)
{
    return metric ? metric->min : 0.0;
}

double pm_metric_max(const pm_metric *metric)
{
    return metric ? metric->max : 0.0;
}

pm_metric_direction pm_metric_direction_get(const pm_metric *metric)
{
    return metric ? metric->direction : (pm_metric_direction)0;
}

double pm_metric_reliability(const pm_metric *metric)
{
    return metric ? metric->reliability : 0.0;
}

int pm_metric_builtin_kind(const pm_metric *metric)
{
    return metric ? metric->builtin : 0;
}
