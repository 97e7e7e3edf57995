/* What the metric, measurement, survey, check-in, trend and evaluation
 * files share, without access checks (their callers make them). */
#ifndef PM_API_WELLBEING_INTERNAL_H
#define PM_API_WELLBEING_INTERNAL_H

#include "internal.h"

/* A metric's definition as the checks need it. */
typedef struct pm_metric_def {
    pm_id id;
    double min, max;
    pm_metric_direction direction;
    double reliability;        /* 0 when unknown */
    int builtin;               /* pm_builtin_metric, 0 for custom */
} pm_metric_def;

/* Reads metric: PM_EINVAL "field: 0 is not a metric id", PM_ENOTFOUND
 * "field: metric 12 does not exist" (metric.c). */
pm_status pm_metric__load(pm_metric_def *out, pm_session *s, pm_id metric, const char *field);

/* The id of a built-in metric, inserting its definition on first use (one
 * insert inside the caller's transaction, or its own when there is none)
 * (metric.c). */
pm_status pm_metric__builtin_id(pm_id *out, pm_session *s, pm_builtin_metric which);

/* Inserts a measurement of a checked value, with the unit person belonged
 * to at `at` as its group key. One insert; the caller owns the transaction
 * and has checked the value against the metric (measurement.c). */
pm_status pm_measurement__insert(pm_id *out, pm_session *s, pm_id person, pm_id metric,
                                 double value, pm_time at, pm_measurement_source source,
                                 pm_id survey);

#endif
