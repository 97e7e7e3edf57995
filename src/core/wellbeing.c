#include "wellbeing.h"

#include <math.h>
#include <string.h>

/* The order is pm_builtin_metric's, from 1. WHO-5 holds the percentage
 * (raw x 4), so its scale is 0-100; eNPS holds one person's answer, and
 * the score (% promoters - % detractors) is computed over a group; each
 * CBI scale is the mean of items scored 0-100, where more is more burnout.
 * No reliability is built in: published coefficients vary with the
 * population and the kind (internal consistency or test-retest), and an
 * evaluation's reliable-change share should rest on one that fits. */
static const pm_builtin_def builtins[PM_BUILTIN_METRIC_COUNT] = {
    { "WHO-5 Well-Being Index", "%", 0.0, 100.0, PM_HIGHER_IS_BETTER },
    { "eNPS", "points", 0.0, 10.0, PM_HIGHER_IS_BETTER },
    { "CBI personal burnout", "points", 0.0, 100.0, PM_LOWER_IS_BETTER },
    { "CBI work-related burnout", "points", 0.0, 100.0, PM_LOWER_IS_BETTER },
    { "CBI client-related burnout", "points", 0.0, 100.0, PM_LOWER_IS_BETTER },
    { "Check-in mood", "points", 1.0, 5.0, PM_HIGHER_IS_BETTER },
};

const pm_builtin_def *pm_wellbeing__builtin(int which)
{
    if (which < 1 || which > PM_BUILTIN_METRIC_COUNT)
        return NULL;
    return &builtins[which - 1];
}

static char ascii_lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* The built-in names are ASCII, and case folding maps ASCII letters to
 * lower case and leaves other ASCII alone, so comparing a folded key with
 * the lower-cased name is comparing folded keys. */
static int key_is(const char *key, size_t len, const char *name)
{
    size_t n = strlen(name);
    if (n != len)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (key[i] != ascii_lower(name[i]))
            return 0;
    return 1;
}

int pm_wellbeing__builtin_named(const char *key, size_t len)
{
    if (key == NULL)
        return 0;
    for (int i = 0; i < PM_BUILTIN_METRIC_COUNT; i++)
        if (key_is(key, len, builtins[i].name))
            return i + 1;
    return 0;
}

pm_status pm_wellbeing__check_definition(double min, double max, int direction,
                                         double reliability, pm_error *err)
{
    if (!isfinite(min))
        return pm_error__set(err, PM_EINVAL, "metric.min: must be a finite number");
    if (!isfinite(max))
        return pm_error__set(err, PM_EINVAL, "metric.max: must be a finite number");
    if (!(max > min))
        return pm_error__set(err, PM_EINVAL, "metric.max: must be above metric.min (%g is not above %g)",
                             max, min);
    if (direction != PM_HIGHER_IS_BETTER && direction != PM_LOWER_IS_BETTER)
        return pm_error__set(err, PM_EINVAL,
                             "metric.direction: %d is not %d (higher is better) or %d (lower is better)",
                             direction, (int)PM_HIGHER_IS_BETTER, (int)PM_LOWER_IS_BETTER);
    /* Written so that NaN fails too: it is neither 0 nor inside (0, 1). */
    if (!(reliability == 0.0 || (reliability > 0.0 && reliability < 1.0)))
        return pm_error__set(err, PM_EINVAL,
                             "metric.reliability: must be between 0 and 1 (exclusive), or 0 for unknown");
    return PM_OK;
}

pm_status pm_wellbeing__check_value(double value, double min, double max, const char *field,
                                    pm_error *err)
{
    if (!isfinite(value))
        return pm_error__set(err, PM_EINVAL, "%s: must be a finite number", field);
    if (value < min || value > max)
        return pm_error__set(err, PM_EINVAL, "%s: %g is outside the scale %g to %g", field, value,
                             min, max);
    return PM_OK;
}

pm_status pm_wellbeing__min_group(int *out, int min_group, const char *field, pm_error *err)
{
    if (min_group == 0)
        min_group = PM_WELLBEING_MIN_GROUP_DEFAULT;
    if (min_group < PM_WELLBEING_MIN_GROUP_LOW || min_group > PM_WELLBEING_MIN_GROUP_HIGH)
        return pm_error__set(err, PM_EINVAL, "%s: must be %d to %d", field,
                             PM_WELLBEING_MIN_GROUP_LOW, PM_WELLBEING_MIN_GROUP_HIGH);
    *out = min_group;
    return PM_OK;
}

int pm_wellbeing__suppressed(int people, const int *below, size_t nbelow, int min_group)
{
    if (people < min_group)
        return 1;
    for (size_t i = 0; i < nbelow; i++) {
        int rest = people - below[i];
        if (below[i] >= min_group && rest >= 1 && rest < min_group)
            return 1;
    }
    return 0;
}

void pm_wellbeing__acc_add(pm_wellbeing_acc *acc, double x)
{
    acc->n++;
    double delta = x - acc->mean;
    acc->mean += delta / (double)acc->n;
    acc->m2 += delta * (x - acc->mean);
}

double pm_wellbeing__acc_sd(const pm_wellbeing_acc *acc)
{
    if (acc->n < 2)
        return 0.0;
    double var = acc->m2 / (double)(acc->n - 1);
    return var > 0.0 ? sqrt(var) : 0.0;
}

/* ---- instrument scoring (public) ---- */

pm_status pm_who5_score(pm_who5 *out, const int items[5])
{
    if (out == NULL || items == NULL)
        return PM_EINVAL;
    memset(out, 0, sizeof *out);
    int raw = 0;
    for (int i = 0; i < PM_WHO5_ITEMS; i++) {
        if (items[i] < 0 || items[i] > PM_WHO5_ITEM_MAX)
            return PM_EINVAL;
        raw += items[i];
    }
    out->raw = raw;
    out->percent = raw * 4;
    out->poor_wellbeing = out->percent <= PM_WHO5_POOR_AT;
    out->depression_screen = out->percent <= PM_WHO5_DEPRESSION_AT;
    return PM_OK;
}

pm_status pm_enps_score(pm_enps *out, const int *answers, size_t n)
{
    if (out == NULL || (answers == NULL && n > 0))
        return PM_EINVAL;
    memset(out, 0, sizeof *out);
    pm_enps r;
    memset(&r, 0, sizeof r);
    for (size_t i = 0; i < n; i++) {
        int a = answers[i];
        if (a < 0 || a > PM_ENPS_MAX)
            return PM_EINVAL;
        if (a >= PM_ENPS_PROMOTER_FROM)
            r.promoters++;
        else if (a <= PM_ENPS_DETRACTOR_TO)
            r.detractors++;
        else
            r.passives++;
    }
    r.n = (int)n;
    r.score = n > 0 ? 100.0 * (double)(r.promoters - r.detractors) / (double)n : 0.0;
    *out = r;
    return PM_OK;
}

pm_status pm_cbi_score(double *out, const int *items, size_t n)
{
    if (out == NULL)
        return PM_EINVAL;
    *out = 0.0;
    if (items == NULL || n == 0)
        return PM_EINVAL;
    long sum = 0;
    for (size_t i = 0; i < n; i++) {
        int v = items[i];
        if (v < 0 || v > 100 || v % 25 != 0)
            return PM_EINVAL;
        sum += v;
    }
    *out = (double)sum / (double)n;
    return PM_OK;
}
