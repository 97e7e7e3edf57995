/* Measurements: one value of a metric for a person at a time. People
 * record their own (manual), HR and the system import them; surveys and
 * check-ins record theirs through pm_measurement__insert(). Each keeps the
 * unit the person was in on the day it was taken, so aggregates and trends
 * group by the organisation as it was and scan one index in order. A
 * person's measurements are theirs alone to read back: there is no call
 * that lists anyone else's, and the access table refuses the system actor
 * and HR too (PM_ACT_MEASURE_READ_OWN). */
#include "wellbeing_internal.h"

#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "person_internal.h"
#include "../core/wellbeing.h"
#include "../util/date.h"

#define MEASUREMENT_OPTS "measurement_opts"

struct pm_measurement {
    pm_id id;
    pm_id metric;
    double value;
    pm_time at;
    pm_measurement_source source;
    pm_id unit;
};

struct pm_measurement_iter {
    pm_measurement *items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "measurement: out of memory");
}

pm_status pm_measurement_opts_init(pm_measurement_opts *opts, unsigned int version)
{
    static const pm_measurement_opts defaults = PM_MEASUREMENT_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_MEASUREMENT_OPTS_VERSION);
}

/* ---- the insert every source shares ---- */

/* The first day an instant may fall on: the org functions hold dates in
 * years 1 to 9999, and the future is refused before this. */
static int day_in_range(pm_time at)
{
    pm_date day = pm_time_date(at);
    return day != PM_DATE_NONE && day >= pm_date__from_civil(1, 1, 1);
}

pm_status pm_measurement__insert(pm_id *out, pm_session *s, pm_id person, pm_id metric,
                                 double value, pm_time at, pm_measurement_source source,
                                 pm_id survey)
{
    pm_id unit = 0;
    pm_status st = pm_org__unit_on(&unit, s, person, pm_time_date(at));
    if (st != PM_OK)
        return st;
    pm_value v[PM_MEAS_NFIELDS];
    v[PM_MEAS_PERSON] = pm_value__int(person);
    v[PM_MEAS_METRIC] = pm_value__int(metric);
    v[PM_MEAS_VALUE] = pm_value__real(value);
    v[PM_MEAS_AT] = pm_value__int(at);
    v[PM_MEAS_SOURCE] = pm_value__int(source);
    v[PM_MEAS_UNIT] = pm_value__int(unit);
    v[PM_MEAS_SURVEY] = pm_value__int(survey);
    pm_api__audit_create(s, v, PM_MEAS_CREATED_AT);
    pm_id id = 0;
    st = pm_api__insert(s, PM_KIND_MEASUREMENT, v, &id);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- add ---- */

/* Manual entries are the person's own; imports are HR's or the system's.
 * Survey and check-in values come with their round or meeting, so they are
 * never accepted here. */
static pm_status authorize_source(pm_session *s, const pm_measurement_opts *o)
{
    switch (o->source) {
    case PM_MEASURED_MANUALLY:
        return pm_api__authorize(s, PM_ACT_MEASURE_MANUAL, o->person);
    case PM_MEASURED_BY_IMPORT:
        return pm_api__authorize(s, PM_ACT_MEASURE_IMPORT, o->person);
    case PM_MEASURED_BY_SURVEY:
        return pm_error__set(&s->error, PM_EINVAL,
                             "measurement.source: survey measurements are recorded by "
                             "pm_survey_respond() only");
    case PM_MEASURED_AT_CHECKIN:
        return pm_error__set(&s->error, PM_EINVAL,
                             "measurement.source: check-in measurements are recorded by "
                             "pm_checkin_hold() only");
    default:
        return pm_error__set(&s->error, PM_EINVAL,
                             "measurement.source: %d is not 3 (manual) or 4 (import)",
                             (int)o->source);
    }
}

static pm_status check_input(pm_time *at, pm_session *s, const pm_measurement_opts *o)
{
    pm_status st = authorize_source(s, o);
    if (st == PM_OK)
        st = pm_person__check(s, o->person, "measurement.person", 1);
    pm_metric_def def;
    if (st == PM_OK)
        st = pm_metric__load(&def, s, o->metric, "measurement.metric");
    if (st == PM_OK)
        st = pm_wellbeing__check_value(o->value, def.min, def.max, "measurement.value",
                                       &s->error);
    if (st != PM_OK)
        return st;
    pm_time now = pm_api__now(s->db);
    *at = o->at == 0 ? now : o->at;
    if (*at > now)
        return pm_error__set(&s->error, PM_EINVAL, "measurement.at: %lld is in the future",
                             (long long)*at);
    if (!day_in_range(*at))
        return pm_error__set(&s->error, PM_EINVAL, "measurement.at: %lld is before year 1",
                             (long long)*at);
    return PM_OK;
}

pm_status pm_measurement_add(pm_id *out, pm_session *s, const pm_measurement_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_time at = 0;
    pm_status st = pm_api__check_version(s, MEASUREMENT_OPTS, opts->version,
                                         PM_MEASUREMENT_OPTS_VERSION);
    if (st == PM_OK)
        st = check_input(&at, s, opts);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish_one(s, pm_measurement__insert(&id, s, opts->person, opts->metric,
                                                      opts->value, at, opts->source, 0));
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- list mine ---- */

typedef struct measurement_list {
    pm_session *s;
    pm_time from, to;
    pm_measurement *items;
    size_t count;
    size_t cap;
} measurement_list;

static int append_measurement(const pm_row *row, void *payload)
{
    measurement_list *l = payload;
    if (row->nvalues < PM_MEAS_NFIELDS)
        return pm_error__set(&l->s->error, PM_ECORRUPT,
                             "measurement: stored measurement %lld is too short",
                             (long long)row->id);
    pm_time at = pm_value__as_int(&row->values[PM_MEAS_AT]);
    /* With every metric the index orders by metric first, so the period
     * is a filter here rather than the scan's range. */
    if (at < l->from || at > l->to)
        return 0;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_measurement *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    pm_measurement *m = &l->items[l->count++];
    m->id = row->id;
    m->metric = pm_value__as_int(&row->values[PM_MEAS_METRIC]);
    m->value = pm_value__as_real(&row->values[PM_MEAS_VALUE]);
    m->at = at;
    m->source = (pm_measurement_source)pm_value__as_int(&row->values[PM_MEAS_SOURCE]);
    m->unit = pm_value__as_int(&row->values[PM_MEAS_UNIT]);
    return 0;
}

static int by_time(const void *a, const void *b)
{
    const pm_measurement *x = a, *y = b;
    if (x->at != y->at)
        return x->at < y->at ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

pm_status pm_measurement_list_mine(pm_measurement_iter **out, pm_session *s, pm_id metric,
                                   pm_time from, pm_time to)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_id me = s->actor.is_system ? 0 : s->actor.person;
    pm_status st = pm_api__authorize(s, PM_ACT_MEASURE_READ_OWN, me);
    pm_metric_def def;
    if (st == PM_OK && metric != 0)
        st = pm_metric__load(&def, s, metric, "metric");
    if (st != PM_OK)
        return st;
    if (to == 0)
        to = pm_api__now(s->db);
    if (from > to)
        return pm_error__set(&s->error, PM_EINVAL,
                             "to: the period ends (%lld) before it starts (%lld)",
                             (long long)to, (long long)from);
    pm_value eq[2] = { pm_value__int(me), pm_value__int(metric) };
    pm_value lo = pm_value__int(from), hi = pm_value__int(to);
    pm_scan scan = { PM_KIND_MEASUREMENT, PM_MEAS_BY_PERSON, metric != 0 ? 2u : 1u, eq,
                     metric != 0 ? &lo : NULL, metric != 0 ? &hi : NULL, 0, 0 };
    measurement_list l = { s, from, to, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, append_measurement, &l);
    pm_measurement_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = out_of_memory(s);
    if (st != PM_OK) {
        pm__free(l.items);
        return st;
    }
    if (metric == 0 && l.count > 1)
        qsort(l.items, l.count, sizeof *l.items, by_time);
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_measurement_iter_next(pm_measurement **out, pm_measurement_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_measurement_iter_free(pm_measurement_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

/* ---- accessors ---- */

pm_id pm_measurement_id(const pm_measurement *measurement)
{
    return measurement ? measurement->id : 0;
}

pm_id pm_measurement_metric(const pm_measurement *measurement)
{
    return measurement ? measurement->metric : 0;
}

double pm_measurement_value(const pm_measurement *measurement)
{
    return measurement ? measurement->value : 0.0;
}

pm_time pm_measurement_at(const pm_measurement *measurement)
{
    return measurement ? measurement->at : 0;
}

pm_measurement_source pm_measurement_source_get(const pm_measurement *measurement)
{
    return measurement ? measurement->source : (pm_measurement_source)0;
}

pm_id pm_measurement_unit(const pm_measurement *measurement)
{
    return measurement ? measurement->unit : 0;
}
