/* What the metric and aggregate tests share: defining a metric, recording
 * and listing measurements through the public API, failing the test on an
 * unexpected error. */
#ifndef PM_TEST_WELLBEING_HELPERS_H
#define PM_TEST_WELLBEING_HELPERS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "checks.h"
#include "store_dump.h"

#define D(iso) pm_fixture_date(iso)
#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)
#define HOUR ((pm_time)3600)
#define DAY ((pm_time)86400)

/* cmocka compares floats only: doubles to eps, naming both on failure. */
#define assert_near(a, b, eps)                                                      \
    do {                                                                            \
        double a_ = (a), b_ = (b);                                                  \
        if (fabs(a_ - b_) > (eps))                                                  \
            fail_msg("%.15g is not %.15g (within %g)", a_, b_, (double)(eps));      \
    } while (0)

static inline pm_metric_opts wb_metric_opts(const char *name, double min, double max)
{
    pm_metric_opts o = PM_METRIC_OPTS_INIT;
    o.name = name;
    o.unit = "points";
    o.min = min;
    o.max = max;
    return o;
}

/* A custom metric on [min, max], higher is better, defined by the system. */
static inline pm_id wb_metric(pm_fixture *f, const char *name, double min, double max)
{
    pm_metric_opts o = wb_metric_opts(name, min, max);
    pm_id id = 0;
    assert_ok(f->sys, pm_metric_create(&id, f->sys, &o));
    assert_true(id > 0);
    return id;
}

static inline pm_measurement_opts wb_measure_opts(pm_id person, pm_id metric, double value,
                                                  pm_time at, pm_measurement_source source)
{
    pm_measurement_opts o = PM_MEASUREMENT_OPTS_INIT;
    o.person = person;
    o.metric = metric;
    o.value = value;
    o.at = at;
    o.source = source;
    return o;
}

/* Imports a value through session s (HR or the system). */
static inline pm_id wb_import(pm_session *s, pm_id person, pm_id metric, double value,
                              pm_time at)
{
    pm_measurement_opts o = wb_measure_opts(person, metric, value, at, PM_MEASURED_BY_IMPORT);
    pm_id id = 0;
    assert_ok(s, pm_measurement_add(&id, s, &o));
    assert_true(id > 0);
    return id;
}

/* What pm_measurement_list_mine() returned, copied out. */
typedef struct wb_seen {
    size_t n;
    pm_id id[32], metric[32], unit[32];
    double value[32];
    pm_time at[32];
    pm_measurement_source source[32];
} wb_seen;

static inline wb_seen wb_list_mine(pm_session *s, pm_id metric, pm_time from, pm_time to)
{
    wb_seen w;
    memset(&w, 0, sizeof w);
    pm_measurement_iter *it = NULL;
    assert_ok(s, pm_measurement_list_mine(&it, s, metric, from, to));
    pm_measurement *m = NULL;
    pm_status st;
    while ((st = pm_measurement_iter_next(&m, it)) == PM_OK) {
        assert_true(w.n < 32);
        w.id[w.n] = pm_measurement_id(m);
        w.metric[w.n] = pm_measurement_metric(m);
        w.unit[w.n] = pm_measurement_unit(m);
        w.value[w.n] = pm_measurement_value(m);
        w.at[w.n] = pm_measurement_at(m);
        w.source[w.n] = pm_measurement_source_get(m);
        w.n++;
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_measurement_iter_free(it);
    return w;
}

#endif
