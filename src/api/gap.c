/* A person's gaps against a role and their role-match score. The role is
 * the one given (a target role) or the one held on the day; its profile
 * comes from role.c and each current level from assessment.c, by the
 * caller's rule. What a gap and a score are is decided in core/gap.c.
 * Reads only: nothing here writes. */
#include "competency_internal.h"

#include "org_internal.h"
#include "person_internal.h"
#include "../core/gap.h"
#include "../core/org.h"

struct pm_gap {
    pm_id competency;
    int required;
    int assessed;
    double current;
    double value;
};

struct pm_gap_iter {
    pm_gap *items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "gap: out of memory");
}

/* What both calls check before reading anything: the person, the role
 * (0 for the one held), the day and the rule, then the right to read the
 * person's assessments. On success *role holds the role to measure against
 * and reqs/n its profile (to free). */
static pm_status prepare(pm_requirement **reqs, size_t *n, pm_level_rule *rule,
                         pm_date *date, pm_session *s, pm_id person, pm_id role,
                         const pm_level_rule *given_rule)
{
    *reqs = NULL;
    *n = 0;
    pm_status st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK && role != 0)
        st = pm_role__check(s, role, "role");
    if (st != PM_OK)
        return st;
    *date = pm_api__date_or_today(s->db, *date);
    st = pm_org__check_date(*date, "date", &s->error);
    if (st == PM_OK)
        st = pm_level_rule__resolve(rule, s, given_rule);
    /* The person, anyone above them today, HR and the system. */
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ASSESS_READ, person);
    if (st == PM_OK && role == 0) {
        st = pm_role__held_on(&role, s, person, *date);
        if (st == PM_OK && role == 0) {
            char day[PM_DATE_BUFSIZE] = "?";
            pm_date_format(day, *date);
            return pm_error__set(&s->error, PM_EINVAL,
                                 "role: person %lld holds no role on %s; name a role to "
                                 "measure against",
                                 (long long)person, day);
        }
    }
    if (st == PM_OK)
        st = pm_role__requirements(reqs, n, s, role);
    return st;
}

pm_status pm_gap_person(pm_gap_iter **out, pm_session *s, pm_id person, pm_id role,
                        pm_date date, const pm_level_rule *rule)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_requirement *reqs;
    size_t n;
    pm_level_rule resolved;
    pm_status st = prepare(&reqs, &n, &resolved, &date, s, person, role, rule);
    if (st != PM_OK)
        return st;
    pm_gap_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL || (n > 0 && (it->items = pm__calloc(n, sizeof *it->items)) == NULL)) {
        pm__free(it);
        pm__free(reqs);
        return out_of_memory(s);
    }
    for (size_t i = 0; st == PM_OK && i < n; i++) {
        pm_gap *g = &it->items[i];
        g->competency = reqs[i].competency;
        g->required = reqs[i].level;
        st = pm_competency__level_on(&g->current, &g->assessed, s, person, g->competency, date,
                                     &resolved);
        if (!g->assessed)
            g->current = 0.0;
        g->value = pm_gap__value(g->required, g->assessed, g->current);
    }
    pm__free(reqs);
    if (st != PM_OK) {
        pm_gap_iter_free(it);
        return st;
    }
    it->count = n;
    *out = it;
    return PM_OK;
}

pm_status pm_gap_iter_next(pm_gap **out, pm_gap_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_gap_iter_free(pm_gap_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

pm_id pm_gap_competency(const pm_gap *gap)
{
    return gap ? gap->competency : 0;
}

int pm_gap_required(const pm_gap *gap)
{
    return gap ? gap->required : 0;
}

int pm_gap_assessed(const pm_gap *gap)
{
    return gap ? gap->assessed : 0;
}

double pm_gap_current(const pm_gap *gap)
{
    return gap ? gap->current : 0.0;
}

double pm_gap_value(const pm_gap *gap)
{
    return gap ? gap->value : 0.0;
}

pm_status pm_role_match(double *out, pm_session *s, pm_id person, pm_id role, pm_date date,
                        const pm_level_rule *rule)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = 0.0;
    pm_requirement *reqs;
    size_t n;
    pm_level_rule resolved;
    pm_status st = prepare(&reqs, &n, &resolved, &date, s, person, role, rule);
    double sum = 0.0;
    for (size_t i = 0; st == PM_OK && i < n; i++) {
        double current = 0.0;
        int assessed = 0;
        st = pm_competency__level_on(&current, &assessed, s, person, reqs[i].competency, date,
                                     &resolved);
        if (st == PM_OK)
            sum += pm_gap__match_part(reqs[i].level, assessed, current);
    }
    pm__free(reqs);
    if (st == PM_OK)
        *out = pm_gap__match_finish(sum, n);
    return st;
}
