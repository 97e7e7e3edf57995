#include "org.h"

#include "perfmgmt/datetime.h"

int pm_org__covers(const pm_org_period *period, pm_date date)
{
    return period->start <= date && (period->end == PM_DATE_NONE || date < period->end);
}

size_t pm_org__find_covering(const pm_org_period *periods, size_t count, pm_date date)
{
    /* Histories are a handful of periods; the latest ones are asked about most. */
    for (size_t i = count; i > 0; i--) {
        if (periods[i - 1].start <= date)
            return pm_org__covers(&periods[i - 1], date) ? i - 1 : count;
    }
    return count;
}

static pm_date earlier_day(pm_date a, pm_date b)
{
    if (a == PM_DATE_NONE)
        return b;
    if (b == PM_DATE_NONE)
        return a;
    return a < b ? a : b;
}

pm_date pm_org__next_change(const pm_org_period *periods, size_t count, pm_date date)
{
    pm_date next = PM_DATE_NONE;
    for (size_t i = 0; i < count; i++) {
        if (periods[i].start > date)
            next = earlier_day(next, periods[i].start);
        if (periods[i].end != PM_DATE_NONE && periods[i].end > date)
            next = earlier_day(next, periods[i].end);
    }
    return next;
}

pm_date pm_org__latest_change(const pm_org_period *latest)
{
    return latest->end == PM_DATE_NONE ? latest->start : latest->end;
}

pm_status pm_org__check_date(pm_date date, const char *field, pm_error *err)
{
    if (pm_date_to_ymd(date, NULL, NULL, NULL) == PM_OK)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL, "%s: %ld is not a date in years 0001 to 9999",
                         field, (long)date);
}

static pm_status refuse_rewrite(const char *what, pm_date date, pm_date latest, pm_error *err)
{
    char day[PM_DATE_BUFSIZE], last[PM_DATE_BUFSIZE];
    if (pm_date_format(day, date) != PM_OK || pm_date_format(last, latest) != PM_OK)
        return pm_error__set(err, PM_EINVAL, "%s.date: %ld is not a date in years 0001 to 9999",
                             what, (long)date);
    return pm_error__set(err, PM_ECONFLICT, "%s.date: %s is before the latest change on %s",
                         what, day, last);
}

static void plan_open(pm_org_plan *plan, pm_date date, pm_id target)
{
    plan->steps |= PM_ORG_PLAN_OPEN;
    plan->opened.target = target;
    plan->opened.start = date;
    plan->opened.end = PM_DATE_NONE;
}

/* The latest period ended on or before date: the person has no target now. */
static void plan_after_closed(pm_org_plan *plan, const pm_org_period *latest, pm_date date,
                              pm_id target)
{
    if (target == 0)
        return;
    if (date == latest->end && target == latest->target) {
        /* Same day as the closing change, same target: the closing is undone
         * rather than a second, adjoining period recorded. */
        plan->steps = PM_ORG_PLAN_UPDATE;
        plan->latest = *latest;
        plan->latest.end = PM_DATE_NONE;
        return;
    }
    plan_open(plan, date, target);
}

static void plan_after_open(pm_org_plan *plan, const pm_org_period *latest, pm_date date,
                            pm_id target)
{
    if (target == latest->target)
        return;
    if (date == latest->start) {
        if (target == 0) {
            plan->steps = PM_ORG_PLAN_DROP;
        } else {
            plan->steps = PM_ORG_PLAN_UPDATE;
            plan->latest = *latest;
            plan->latest.target = target;
        }
        return;
    }
    plan->steps = PM_ORG_PLAN_UPDATE;
    plan->latest = *latest;
    plan->latest.end = date;
    if (target != 0)
        plan_open(plan, date, target);
}

pm_status pm_org__plan_change(pm_org_plan *out, const pm_org_period *latest, pm_date date,
                              pm_id target, const char *what, pm_error *err)
{
    pm_org_plan plan = { 0, { 0, PM_DATE_NONE, PM_DATE_NONE }, { 0, PM_DATE_NONE, PM_DATE_NONE } };
    if (latest == NULL) {
        if (target != 0)
            plan_open(&plan, date, target);
    } else {
        pm_date last = pm_org__latest_change(latest);
        if (date < last)
            return refuse_rewrite(what, date, last, err);
        if (latest->end == PM_DATE_NONE)
            plan_after_open(&plan, latest, date, target);
        else
            plan_after_closed(&plan, latest, date, target);
    }
    *out = plan;
    return PM_OK;
}

pm_status pm_org__reaches(int *found, pm_id start, pm_id target, pm_org_parent_fn parent_of,
                          void *payload, const char *what, pm_error *err)
{
    /* Brent's cycle detection: a marked node moves ahead at powers of two,
     * so a stored loop that does not pass through target is caught within
     * twice its length instead of running to the step limit. */
    pm_id node = start, mark = start;
    unsigned long power = 1, since_mark = 0;
    *found = 0;
    for (unsigned long steps = 0;; steps++) {
        if (node == target) {
            *found = 1;
            return PM_OK;
        }
        if (steps >= PM_ORG_WALK_MAX)
            break;
        pm_id parent = 0;
        pm_status st = parent_of(&parent, node, payload);
        if (st != PM_OK)
            return st;
        if (parent == 0)
            return PM_OK;
        node = parent;
        if (node == mark)
            break;
        if (++since_mark == power) {
            mark = node;
            power *= 2;
            since_mark = 0;
        }
    }
    return pm_error__set(err, PM_ECORRUPT, "%s: the chain above %lld loops; the store is damaged",
                         what, (long long)start);
}
