#include "assessment.h"

#include <math.h>

int pm_assessment__is_source(int source)
{
    return source == PM_ASSESSED_BY_SELF || source == PM_ASSESSED_BY_MANAGER
        || source == PM_ASSESSED_BY_360;
}

const char *pm_assessment__source_name(int source)
{
    switch (source) {
    case PM_ASSESSED_BY_SELF: return "self";
    case PM_ASSESSED_BY_MANAGER: return "manager";
    case PM_ASSESSED_BY_360: return "360";
    default: return "unknown";
    }
}

void pm_level_sources__note(pm_level_sources *sources, int source, pm_date on, pm_id id,
                            int level)
{
    if (sources == NULL || !pm_assessment__is_source(source))
        return;
    pm_level_latest *l = &sources->by[source];
    /* Two assessments of one source on one day: the one recorded later
     * (the greater id) is the one that holds. */
    if (l->present && (on < l->on || (on == l->on && id < l->id)))
        return;
    l->present = 1;
    l->level = level;
    l->on = on;
    l->id = id;
}

static pm_status check_weight(double weight, const char *field, pm_error *err)
{
    if (!isfinite(weight))
        return pm_error__set(err, PM_EINVAL, "rule.%s: must be a finite number", field);
    if (weight < 0)
        return pm_error__set(err, PM_EINVAL, "rule.%s: must be 0 or more, not %g", field, weight);
    return PM_OK;
}

pm_status pm_level_rule__check(const pm_level_rule *rule, pm_error *err)
{
    if (rule->kind != PM_LEVEL_MANAGER_FIRST && rule->kind != PM_LEVEL_WEIGHTED)
        return pm_error__set(err, PM_EINVAL,
                             "rule.kind: %d is neither manager first (%d) nor weighted (%d)",
                             (int)rule->kind, (int)PM_LEVEL_MANAGER_FIRST,
                             (int)PM_LEVEL_WEIGHTED);
    pm_status st = check_weight(rule->self_weight, "self_weight", err);
    if (st == PM_OK)
        st = check_weight(rule->manager_weight, "manager_weight", err);
    if (st == PM_OK)
        st = check_weight(rule->review360_weight, "review360_weight", err);
    if (st == PM_OK && rule->self_weight == 0 && rule->manager_weight == 0
        && rule->review360_weight == 0)
        st = pm_error__set(err, PM_EINVAL, "rule: the weights must not all be 0");
    return st;
}

static double weight_of(const pm_level_rule *rule, int source)
{
    switch (source) {
    case PM_ASSESSED_BY_SELF: return rule->self_weight;
    case PM_ASSESSED_BY_MANAGER: return rule->manager_weight;
    default: return rule->review360_weight;
    }
}

void pm_level__compute(double *level, int *assessed, const pm_level_rule *rule,
                       const pm_level_sources *sources)
{
    *level = 0;
    *assessed = 0;
    if (rule->kind == PM_LEVEL_MANAGER_FIRST) {
        static const int order[] = { PM_ASSESSED_BY_MANAGER, PM_ASSESSED_BY_SELF,
                                     PM_ASSESSED_BY_360 };
        for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
            const pm_level_latest *l = &sources->by[order[i]];
            if (l->present) {
                *level = l->level;
                *assessed = 1;
                return;
            }
        }
        return;
    }
    double sum = 0, weights = 0;
    for (int source = PM_ASSESSED_BY_SELF; source <= PM_ASSESSED_BY_360; source++) {
        const pm_level_latest *l = &sources->by[source];
        double w = weight_of(rule, source);
        /* A source weighing 0 is left out, not counted as a zero: with only
         * such sources there is nothing to average. */
        if (!l->present || !(w > 0))
            continue;
        sum += w * l->level;
        weights += w;
    }
    if (weights > 0) {
        *level = sum / weights;
        *assessed = 1;
    }
}

pm_assessment_viewer pm_assessment__viewer(int is_person, int is_above, int sees_all)
{
    if (is_person)
        return PM_VIEWER_SELF_SIDE;
    if (is_above)
        return PM_VIEWER_MANAGER_SIDE;
    return sees_all ? PM_VIEWER_ALL : PM_VIEWER_NONE;
}

int pm_assessment__visible(pm_assessment_viewer viewer, int source, int released)
{
    switch (viewer) {
    case PM_VIEWER_ALL: return 1;
    case PM_VIEWER_SELF_SIDE: return released || source == PM_ASSESSED_BY_SELF;
    case PM_VIEWER_MANAGER_SIDE: return released || source == PM_ASSESSED_BY_MANAGER;
    default: return 0;
    }
}

pm_status pm_assessment__check_round_source(int source, pm_error *err)
{
    if (source == PM_ASSESSED_BY_SELF || source == PM_ASSESSED_BY_MANAGER)
        return PM_OK;
    if (source == PM_ASSESSED_BY_360)
        return pm_error__set(err, PM_EINVAL,
                             "assessment.round: 360 assessments are not part of a round");
    return pm_error__set(err, PM_EINVAL, "assessment.source: %d is not a source of a round",
                         source);
}
