/* The competence gaps of a unit (with the units below it) or of the whole
 * organisation, per competency, on a day and on an earlier day to compare
 * with. On each day the people are those in the unit then, each against
 * the role they held then (people without a role are left out).
 *
 * A person's current level in each competency their role requires could be
 * read with pm_competency__level_on(), but that is one scan per person and
 * competency; here each person's assessments are read once (one scan of
 * the assessment index by person) and the latest of each source up to each
 * day is found in memory, then core/assessment.c's rule decides the level,
 * as for a single person. Role profiles are read once per role. What each
 * person adds to a competency's numbers is core/gap.c's.
 * Reads only: nothing here writes. */
#include "competency_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "org_people.h"
#include "../core/assessment.h"
#include "../core/gap.h"
#include "../core/org.h"

struct pm_gap_summary {
    pm_id competency;
    pm_gap_tally now;
    pm_gap_tally before;
};

struct pm_gap_summary_iter {
    pm_gap_summary *items;
    size_t count;
    size_t next;
};

pm_status pm_gap_summary_opts_init(pm_gap_summary_opts *opts, unsigned int version)
{
    static const pm_gap_summary_opts defaults = PM_GAP_SUMMARY_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_GAP_SUMMARY_OPTS_VERSION);
}

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "gap: out of memory");
}

static pm_status damaged(pm_session *s, const char *what, pm_id id)
{
    return pm_error__set(&s->error, PM_ECORRUPT,
                         "%s: stored record %lld is damaged; the store is damaged", what,
                         (long long)id);
}

/* Grows *items (of size bytes each) to hold one more than *count. */
static pm_status grow(pm_session *s, void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return PM_OK;
    size_t more = *cap ? *cap * 2 : 16;
    void *grown = pm__realloc(*items, more * size);
    if (grown == NULL)
        return out_of_memory(s);
    *items = grown;
    *cap = more;
    return PM_OK;
}

/* ---- whom each day counts ---- */

/* The people of each day, sorted by id without repeats. */
typedef struct people {
    pm_date on;
    pm_date compare;   /* PM_DATE_NONE for none */
    pm_id *now;
    size_t nnow;
    pm_id *before;     /* NULL without compare */
    size_t nbefore;
} people;

static pm_status collect_people(people *p, pm_session *s, pm_id unit)
{
    pm_status st = pm_org__people_on(&p->now, &p->nnow, s, unit, p->on);
    if (st == PM_OK && p->compare != PM_DATE_NONE)
        st = pm_org__people_on(&p->before, &p->nbefore, s, unit, p->compare);
    return st;
}

/* HR and the system see any unit; a person only one whose every counted
 * person (on either day) is themself or below them today, as for the
 * feedback numbers of a unit: they could read each of those people's gaps
 * one by one anyway. */
static pm_status authorize(pm_session *s, pm_id unit, const people *p)
{
    char what[64];
    if (unit == 0)
        snprintf(what, sizeof what, "the whole organisation");
    else
        snprintf(what, sizeof what, "unit %lld", (long long)unit);
    pm_status st = pm_org__authorize_people(s, PM_ACT_ASSESS_READ, p->now, p->nnow, what);
    if (st == PM_OK)
        st = pm_org__authorize_people(s, PM_ACT_ASSESS_READ, p->before, p->nbefore, what);
    return st;
}

/* ---- the numbers ---- */

/* A role's profile, read once, with where each requirement's competency
 * sits among the summaries. */
typedef struct role_profile {
    pm_id role;
    pm_requirement *reqs;
    size_t *slot;
    size_t n;
} role_profile;

/* One released assessment of the person being counted. */
typedef struct held {
    pm_id competency;
    pm_id id;
    pm_date on;
    int source;
    int level;
} held;

typedef struct tally {
    pm_session *s;
    pm_level_rule rule;
    pm_gap_summary *items;   /* in the order competencies were first met */
    size_t count;
    size_t cap;
    role_profile *roles;
    size_t nroles;
    size_t roles_cap;
    held *assessments;       /* the current person's, by competency */
    size_t nassess;
    size_t assess_cap;
    int sorted;              /* the scan gave them in competency order */
} tally;

static pm_status summary_slot(size_t *out, tally *t, pm_id competency)
{
    for (size_t i = 0; i < t->count; i++) {
        if (t->items[i].competency == competency) {
            *out = i;
            return PM_OK;
        }
    }
    pm_status st = grow(t->s, (void **)&t->items, &t->cap, t->count, sizeof *t->items);
    if (st != PM_OK)
        return st;
    memset(&t->items[t->count], 0, sizeof t->items[t->count]);
    t->items[t->count].competency = competency;
    *out = t->count++;
    return PM_OK;
}

static pm_status load_profile(role_profile *out, tally *t, pm_id role)
{
    memset(out, 0, sizeof *out);
    out->role = role;
    pm_status st = pm_role__requirements(&out->reqs, &out->n, t->s, role);
    if (st == PM_OK && out->n > 0 && (out->slot = pm__calloc(out->n, sizeof *out->slot)) == NULL)
        st = out_of_memory(t->s);
    for (size_t i = 0; st == PM_OK && i < out->n; i++)
        st = summary_slot(&out->slot[i], t, out->reqs[i].competency);
    return st;
}

/* The position of role's profile in t->roles, read on first use. An index,
 * not a pointer: reading another role may move the array. */
static pm_status profile_of(size_t *out, tally *t, pm_id role)
{
    for (size_t i = 0; i < t->nroles; i++) {
        if (t->roles[i].role == role) {
            *out = i;
            return PM_OK;
        }
    }
    pm_status st = grow(t->s, (void **)&t->roles, &t->roles_cap, t->nroles, sizeof *t->roles);
    if (st != PM_OK)
        return st;
    /* Kept even when half loaded, so that the end frees what it holds. */
    *out = t->nroles++;
    return load_profile(&t->roles[*out], t, role);
}

static int note_assessment(const pm_row *row, void *payload)
{
    tally *t = payload;
    const pm_value *v = row->values;
    if (row->nvalues != PM_ASSESS_NFIELDS)
        return damaged(t->s, "assessment", row->id);
    /* An unreleased round's assessments never count. */
    if (v[PM_ASSESS_RELEASED].v.i != 1)
        return 0;
    pm_status st = grow(t->s, (void **)&t->assessments, &t->assess_cap, t->nassess,
                        sizeof *t->assessments);
    if (st != PM_OK)
        return st;
    held *h = &t->assessments[t->nassess++];
    h->competency = v[PM_ASSESS_COMPETENCY].v.i;
    h->id = row->id;
    h->on = pm_value__as_date(&v[PM_ASSESS_ON]);
    h->source = (int)v[PM_ASSESS_SOURCE].v.i;
    h->level = (int)v[PM_ASSESS_LEVEL].v.i;
    if (t->nassess > 1 && h->competency < h[-1].competency)
        t->sorted = 0;
    return 0;
}

static int compare_held(const void *a, const void *b)
{
    const held *x = a, *y = b;
    return (x->competency > y->competency) - (x->competency < y->competency);
}

/* The person's released assessments, grouped by competency. */
static pm_status read_assessments(tally *t, pm_id person)
{
    t->nassess = 0;
    t->sorted = 1;
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_ASSESSMENT, PM_ASSESS_BY_PERSON, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(t->s, &scan, note_assessment, t);
    /* The index gives them in order; a backend that did not is not trusted. */
    if (st == PM_OK && !t->sorted)
        qsort(t->assessments, t->nassess, sizeof *t->assessments, compare_held);
    return st;
}

/* The first of the person's assessments in competency, or nassess. */
static size_t first_of(const tally *t, pm_id competency)
{
    size_t lo = 0, hi = t->nassess;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->assessments[mid].competency < competency)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Adds the person, against profile, to the day's numbers. */
static void count_day(tally *t, const role_profile *profile, pm_date day, int before)
{
    for (size_t i = 0; i < profile->n; i++) {
        pm_id competency = profile->reqs[i].competency;
        pm_level_sources sources;
        memset(&sources, 0, sizeof sources);
        for (size_t k = first_of(t, competency);
             k < t->nassess && t->assessments[k].competency == competency; k++) {
            const held *h = &t->assessments[k];
            if (h->on <= day)
                pm_level_sources__note(&sources, h->source, h->on, h->id, h->level);
        }
        double level = 0;
        int assessed = 0;
        pm_level__compute(&level, &assessed, &t->rule, &sources);
        pm_gap_summary *sum = &t->items[profile->slot[i]];
        pm_gap__tally_add(before ? &sum->before : &sum->now, profile->reqs[i].level, assessed,
                          level);
    }
}

static pm_status count_person(tally *t, pm_id person, pm_date on, pm_date compare, int now,
                              int before)
{
    pm_id role_now = 0, role_before = 0;
    pm_status st = PM_OK;
    if (now)
        st = pm_role__held_on(&role_now, t->s, person, on);
    if (st == PM_OK && before)
        st = pm_role__held_on(&role_before, t->s, person, compare);
    if (st != PM_OK || (role_now == 0 && role_before == 0))
        return st;
    size_t p_now = 0, p_before = 0;
    if (role_now != 0)
        st = profile_of(&p_now, t, role_now);
    if (st == PM_OK && role_before != 0)
        st = profile_of(&p_before, t, role_before);
    if (st == PM_OK)
        st = read_assessments(t, person);
    if (st != PM_OK)
        return st;
    if (role_now != 0)
        count_day(t, &t->roles[p_now], on, 0);
    if (role_before != 0)
        count_day(t, &t->roles[p_before], compare, 1);
    return PM_OK;
}

/* Everyone counted on either day, once, in id order. */
static pm_status count_people(tally *t, const people *p)
{
    size_t i = 0, j = 0;
    pm_status st = PM_OK;
    while (st == PM_OK && (i < p->nnow || j < p->nbefore)) {
        pm_id a = i < p->nnow ? p->now[i] : 0;
        pm_id b = j < p->nbefore ? p->before[j] : 0;
        int now = a != 0 && (b == 0 || a <= b);
        int before = b != 0 && (a == 0 || b <= a);
        st = count_person(t, now ? a : b, p->on, p->compare, now, before);
        i += (size_t)now;
        j += (size_t)before;
    }
    return st;
}

static int compare_summaries(const void *a, const void *b)
{
    const pm_gap_summary *x = a, *y = b;
    return (x->competency > y->competency) - (x->competency < y->competency);
}

static void tally_free(tally *t)
{
    for (size_t i = 0; i < t->nroles; i++) {
        pm__free(t->roles[i].reqs);
        pm__free(t->roles[i].slot);
    }
    pm__free(t->roles);
    pm__free(t->assessments);
    pm__free(t->items);
}

/* ---- the call ---- */

static pm_status check_opts(pm_level_rule *rule, pm_date *on, pm_date *compare, pm_session *s,
                            pm_id unit, const pm_gap_summary_opts *opts)
{
    pm_status st = pm_api__check_version(s, "gap_summary_opts", opts->version,
                                         PM_GAP_SUMMARY_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    *on = pm_api__date_or_today(s->db, opts->on);
    *compare = opts->compare;
    st = pm_org__check_date(*on, "gap.on", &s->error);
    if (st == PM_OK && *compare != PM_DATE_NONE) {
        st = pm_org__check_date(*compare, "gap.compare", &s->error);
        if (st == PM_OK && *compare >= *on) {
            char a[PM_DATE_BUFSIZE] = "?", b[PM_DATE_BUFSIZE] = "?";
            pm_date_format(a, *compare);
            pm_date_format(b, *on);
            st = pm_error__set(&s->error, PM_EINVAL,
                               "gap.compare: must be before on (%s is not before %s)", a, b);
        }
    }
    if (st == PM_OK)
        st = pm_level_rule__resolve(rule, s, &opts->rule);
    if (st == PM_OK && unit < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "unit: %lld is not a unit id",
                           (long long)unit);
    if (st == PM_OK && unit > 0)
        st = pm_unit__check_exists(s, unit, "unit");
    return st;
}

pm_status pm_gap_unit(pm_gap_summary_iter **out, pm_session *s, pm_id unit,
                      const pm_gap_summary_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    static const pm_gap_summary_opts defaults = PM_GAP_SUMMARY_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    tally t;
    memset(&t, 0, sizeof t);
    t.s = s;
    people p;
    memset(&p, 0, sizeof p);
    pm_status st = check_opts(&t.rule, &p.on, &p.compare, s, unit, opts);
    if (st == PM_OK)
        st = collect_people(&p, s, unit);
    if (st == PM_OK)
        st = authorize(s, unit, &p);
    if (st == PM_OK)
        st = count_people(&t, &p);
    pm__free(p.now);
    pm__free(p.before);
    pm_gap_summary_iter *it = NULL;
    if (st == PM_OK && (it = pm__calloc(1, sizeof *it)) == NULL)
        st = out_of_memory(s);
    if (st != PM_OK) {
        tally_free(&t);
        return st;
    }
    if (t.count > 0)
        qsort(t.items, t.count, sizeof *t.items, compare_summaries);
    it->items = t.items;
    it->count = t.count;
    t.items = NULL;
    tally_free(&t);
    *out = it;
    return PM_OK;
}

pm_status pm_gap_summary_iter_next(pm_gap_summary **out, pm_gap_summary_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_gap_summary_iter_free(pm_gap_summary_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

pm_id pm_gap_summary_competency(const pm_gap_summary *summary)
{
    return summary ? summary->competency : 0;
}

int pm_gap_summary_people(const pm_gap_summary *summary)
{
    return summary ? summary->now.people : 0;
}

int pm_gap_summary_assessed(const pm_gap_summary *summary)
{
    return summary ? summary->now.assessed : 0;
}

int pm_gap_summary_below(const pm_gap_summary *summary)
{
    return summary ? summary->now.below : 0;
}

double pm_gap_summary_mean_gap(const pm_gap_summary *summary)
{
    return summary ? pm_gap__tally_mean(&summary->now) : 0.0;
}

int pm_gap_summary_people_before(const pm_gap_summary *summary)
{
    return summary ? summary->before.people : 0;
}

int pm_gap_summary_assessed_before(const pm_gap_summary *summary)
{
    return summary ? summary->before.assessed : 0;
}

int pm_gap_summary_below_before(const pm_gap_summary *summary)
{
    return summary ? summary->before.below : 0;
}

double pm_gap_summary_mean_gap_before(const pm_gap_summary *summary)
{
    return summary ? pm_gap__tally_mean(&summary->before) : 0.0;
}
