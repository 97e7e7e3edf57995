/* What test_evaluation.c and test_trend.c share: metrics, people who have
 * been in their unit since 2020, and measurements imported by the system
 * at a given instant, each call asserted to succeed. The fixture's today
 * is 2026-06-15. */
#ifndef PM_TEST_EVALUATION_HELPERS_H
#define PM_TEST_EVALUATION_HELPERS_H

#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"

/* Checks a to a relative tolerance rel (absolute below 1). */
#define assert_close(a, b, rel)                                                           \
    do {                                                                                  \
        double a_ = (a), b_ = (b);                                                        \
        double scale_ = fabs(b_) > 1.0 ? fabs(b_) : 1.0;                                  \
        if (!(fabs(a_ - b_) <= (rel) * scale_))                                           \
            fail_msg("%s = %.15g, expected %.15g (tolerance %g)", #a, a_, b_, (double)(rel)); \
    } while (0)

static inline pm_time at_time(const char *iso)
{
    pm_time t = 0;
    if (pm_time_parse(&t, iso) != PM_OK)
        fail_msg("bad instant %s", iso);
    return t;
}

static inline pm_id new_metric(pm_fixture *f, const char *name, double min, double max,
                               pm_metric_direction direction, double reliability)
{
    pm_metric_opts o = PM_METRIC_OPTS_INIT;
    o.name = name;
    o.min = min;
    o.max = max;
    o.direction = direction;
    o.reliability = reliability;
    pm_id id = 0;
    assert_ok(f->sys, pm_metric_create(&id, f->sys, &o));
    assert_true(id > 0);
    return id;
}

/* A person in unit under manager since 2020-01-01. */
static inline pm_id person_since(pm_fixture *f, const char *external_id, pm_id manager,
                                 pm_id unit)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = external_id;
    o.display_name = external_id;
    o.manager = manager;
    o.unit = unit;
    o.start = pm_fixture_date("2020-01-01");
    pm_id id = 0;
    assert_ok(f->sys, pm_person_create(&id, f->sys, &o));
    return id;
}

/* A measurement imported by the system at the instant iso. */
static inline void measure(pm_fixture *f, pm_id person, pm_id metric, double value,
                           const char *iso)
{
    pm_measurement_opts o = PM_MEASUREMENT_OPTS_INIT;
    o.person = person;
    o.metric = metric;
    o.value = value;
    o.at = at_time(iso);
    o.source = PM_MEASURED_BY_IMPORT;
    assert_ok(f->sys, pm_measurement_add(NULL, f->sys, &o));
}

#endif
