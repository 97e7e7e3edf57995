/* Wellbeing rules, pure: the built-in metrics, the checks of a metric
 * definition and of a measured value, the running mean and SD of an
 * aggregate, the minimum group size and the suppression rule. The public
 * instrument scoring (pm_who5_score, pm_enps_score, pm_cbi_score) lives in
 * wellbeing.c too. No storage, no clock: src/api/metric.c,
 * measurement.c and wellbeing_aggregate.c hand the facts in.
 *
 * Suppression of an aggregate (pm_wellbeing__suppressed)
 * ------------------------------------------------------
 * Inputs: k, the minimum group size (3 to 10); P, the number of distinct
 * people counted in the unit asked about (its own people and those of every
 * unit below it, each person once); and, for EVERY unit D below it (children,
 * grandchildren, ... - not only the children), C(D), the number of distinct
 * people counted in D's own subtree.
 *
 * The unit's result is suppressed when
 *   (a) P < k (too few people), or
 *   (b) some unit D below it has C(D) >= k and 1 <= P - C(D) <= k - 1.
 *
 * Why (b): D's result can be shown (it meets k) and so can the unit's; a
 * reader who subtracts the two learns the result of the P - C(D) people
 * outside D, too few to be shown on their own. Hiding the larger group
 * closes that door while D, the smaller one asked about directly, stays
 * visible. P - C(D) is exactly the rest: everyone counted in D is counted
 * in the unit too, so the rest is a set difference of a subset.
 *
 * Notes on the rule as written:
 * - It checks C(D) >= k rather than "D is shown": D might itself be hidden
 *   by (b) against a unit below it, but the rule does not rely on that, so
 *   it never depends on which other queries happen to be suppressed. This
 *   errs towards hiding.
 * - A rest of 0 (everyone is in D) reveals nothing new and is no reason to
 *   hide; nor is a unit below with fewer than k people, since its own
 *   result is hidden by (a).
 * - For the whole organisation (no unit), the units below are every unit,
 *   and people counted without a unit belong only to the whole.
 * - It protects one unit against the units below it within the same
 *   metric and period. Differences across periods or between siblings
 *   are outside it: periods and units are chosen by callers who may see
 *   those people's numbers anyway (their managers and HR).
 *
 * Example (k = 5): a unit of 7 with a sub-unit of 5 leaves a rest of 2:
 * the unit is suppressed, the sub-unit shown. A unit of 10 with a sub-unit
 * of 5 leaves 5: both are shown. */
#ifndef PM_CORE_WELLBEING_H
#define PM_CORE_WELLBEING_H

#include <stddef.h>

#include "perfmgmt/wellbeing.h"
#include "../util/error.h"

/* Minimum group sizes of aggregates. */
#define PM_WELLBEING_MIN_GROUP_DEFAULT 5
#define PM_WELLBEING_MIN_GROUP_LOW 3
#define PM_WELLBEING_MIN_GROUP_HIGH 10

/* WHO-5: five items 0-5; percentages at or below these are flagged. */
#define PM_WHO5_ITEMS 5
#define PM_WHO5_ITEM_MAX 5
#define PM_WHO5_POOR_AT 50
#define PM_WHO5_DEPRESSION_AT 28

/* eNPS answers and their bands. */
#define PM_ENPS_MAX 10
#define PM_ENPS_PROMOTER_FROM 9
#define PM_ENPS_DETRACTOR_TO 6

/* The number of built-in metrics (pm_builtin_metric runs 1..this). */
#define PM_BUILTIN_METRIC_COUNT 6

/* A built-in metric's fixed definition. */
typedef struct pm_builtin_def {
    const char *name;  /* fixed, ASCII: its folded key is its lower case */
    const char *unit;
    double min, max;
    pm_metric_direction direction;
} pm_builtin_def;

/* The definition of built-in metric which, or NULL when which is none. */
const pm_builtin_def *pm_wellbeing__builtin(int which);

/* The built-in metric whose folded name is key (len bytes), or 0: custom
 * metrics may not take those names, so that the built-in can always be
 * defined on first use. */
int pm_wellbeing__builtin_named(const char *key, size_t len);

/* Checks a metric's scale, direction and reliability:
 * "metric.min: must be a finite number", "metric.max: must be above
 * metric.min (5 is not above 5)", "metric.direction: 3 is not 1 (higher is
 * better) or 2 (lower is better)", "metric.reliability: must be between 0
 * and 1 (exclusive), or 0 for unknown". PM_EINVAL each. */
pm_status pm_wellbeing__check_definition(double min, double max, int direction,
                                         double reliability, pm_error *err);

/* Checks a value against a scale: PM_EINVAL "field: must be a finite
 * number", "field: 7 is outside the scale 1 to 5". */
pm_status pm_wellbeing__check_value(double value, double min, double max, const char *field,
                                    pm_error *err);

/* The minimum group size of a call: 0 gives the default 5; 3 to 10 are
 * kept; anything else is PM_EINVAL "field: must be 3 to 10". */
pm_status pm_wellbeing__min_group(int *out, int min_group, const char *field, pm_error *err);

/* The suppression rule above: 1 when the unit's result must be hidden.
 * below holds C(D) for each of the nbelow units below (may be NULL when
 * nbelow is 0). min_group is already checked. */
int pm_wellbeing__suppressed(int people, const int *below, size_t nbelow, int min_group);

/* A running mean and sample SD (Welford's method: stable, one pass, no
 * array of values, so an aggregate's memory does not grow with its
 * measurements). Zero-initialise. */
typedef struct pm_wellbeing_acc {
    long n;
    double mean;
    double m2;  /* sum of squared deviations from the running mean */
} pm_wellbeing_acc;

void pm_wellbeing__acc_add(pm_wellbeing_acc *acc, double x);
/* The sample (n - 1) SD; 0 below two values. */
double pm_wellbeing__acc_sd(const pm_wellbeing_acc *acc);

#endif
