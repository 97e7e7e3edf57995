/* Who needs a programme: active people whose gap against the role they
 * hold, in one of the programme's competencies, is at least a threshold,
 * leaving out those enrolled or done. The level rule and the framework
 * look-ups are the competency files' (competency_internal.h). */
#include "programme_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "competency_internal.h"
#include "org_internal.h"
#include "../core/org.h"

/* The public pm_candidate. */
struct pm_candidate {
    pm_id person;
    pm_id competency;
    double gap;
};

struct pm_candidate_iter {
    pm_candidate *items;
    size_t count;
    size_t next;
};

/* Levels under the weighted rule are means: a gap that equals the
 * threshold on paper may land a rounding step below it. */
#define GAP_EPSILON 1e-9

/* A growable array of ids. */
typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} id_list;

static int push_id(id_list *l, pm_id id)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *grown = pm__realloc(l->ids, cap * sizeof *grown);
        if (grown == NULL)
            return pm_programme__out_of_memory(l->s);
        l->ids = grown;
        l->cap = cap;
    }
    l->ids[l->count++] = id;
    return 0;
}

static int append_active(const pm_row *row, void *payload)
{
    id_list *l = payload;
    if (row->nvalues < PM_PERSON_NFIELDS)
        return pm_error__set(&l->s->error, PM_ECORRUPT, "person: stored row %lld has %u fields",
                             (long long)row->id, row->nvalues);
    if (pm_value__as_int(&row->values[PM_PERSON_STATUS]) != PM_PERSON_ACTIVE)
        return 0;
    return push_id(l, row->id);
}

/* Enrolled or completed: they have the programme already. */
static int append_taken(const pm_row *row, void *payload)
{
    id_list *l = payload;
    if (row->nvalues < PM_ENROL_NFIELDS)
        return pm_error__set(&l->s->error, PM_ECORRUPT,
                             "enrolment: stored row %lld has %u fields", (long long)row->id,
                             row->nvalues);
    int64_t state = pm_value__as_int(&row->values[PM_ENROL_STATE]);
    if (state != PM_ENROLMENT_ENROLLED && state != PM_ENROLMENT_COMPLETED)
        return 0;
    return push_id(l, pm_value__as_int(&row->values[PM_ENROL_PERSON]));
}

static int id_in(const pm_id *ids, size_t count, pm_id id)
{
    for (size_t i = 0; i < count; i++)
        if (ids[i] == id)
            return 1;
    return 0;
}

/* A role's requirements, read once however many people hold it. */
typedef struct role_profile {
    pm_id role;
    pm_requirement *reqs;
    size_t n;
} role_profile;

typedef struct profile_cache {
    role_profile *items;
    size_t count;
    size_t cap;
} profile_cache;

static void cache_free(profile_cache *c)
{
    for (size_t i = 0; i < c->count; i++)
        pm__free(c->items[i].reqs);
    pm__free(c->items);
}

static pm_status profile_of(const role_profile **out, profile_cache *c, pm_session *s,
                            pm_id role)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->items[i].role == role) {
            *out = &c->items[i];
            return PM_OK;
        }
    if (c->count == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4;
        role_profile *grown = pm__realloc(c->items, cap * sizeof *grown);
        if (grown == NULL)
            return pm_programme__out_of_memory(s);
        c->items = grown;
        c->cap = cap;
    }
    role_profile *rp = &c->items[c->count];
    rp->role = role;
    rp->reqs = NULL;
    rp->n = 0;
    pm_status st = pm_role__requirements(&rp->reqs, &rp->n, s, role);
    if (st != PM_OK) {
        pm__free(rp->reqs);
        return st;
    }
    c->count++;
    *out = rp;
    return PM_OK;
}

/* The question asked of each person. */
typedef struct need_query {
    pm_session *s;
    const pm_programme *p;
    pm_date date;
    const pm_level_rule *rule;
    profile_cache cache;
} need_query;

/* person's largest gap in the programme's competencies against the role
 * they hold on the date; *found 0 when they hold none or it asks for none
 * of them. Ties go to the lower competency id (requirements come by id). */
static pm_status largest_gap(pm_candidate *out, int *found, need_query *q, pm_id person)
{
    *found = 0;
    pm_id role = 0;
    pm_status st = pm_role__held_on(&role, q->s, person, q->date);
    if (st != PM_OK || role == 0)
        return st;
    const role_profile *rp = NULL;
    st = profile_of(&rp, &q->cache, q->s, role);
    for (size_t i = 0; st == PM_OK && i < rp->n; i++) {
        const pm_requirement *r = &rp->reqs[i];
        if (!id_in(q->p->competencies, q->p->ncompetencies, r->competency))
            continue;
        double level = 0.0;
        int assessed = 0;
        st = pm_competency__level_on(&level, &assessed, q->s, person, r->competency, q->date,
                                     q->rule);
        if (st != PM_OK)
            break;
        double gap = r->level - (assessed ? level : 0.0);
        if (!*found || gap > out->gap) {
            out->person = person;
            out->competency = r->competency;
            out->gap = gap;
            *found = 1;
        }
    }
    return st;
}

typedef struct candidate_list {
    pm_candidate *items;
    size_t count;
    size_t cap;
} candidate_list;

static pm_status push_candidate(candidate_list *l, pm_session *s, const pm_candidate *c)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_candidate *grown = pm__realloc(l->items, cap * sizeof *grown);
        if (grown == NULL)
            return pm_programme__out_of_memory(s);
        l->items = grown;
        l->cap = cap;
    }
    l->items[l->count++] = *c;
    return PM_OK;
}

/* Largest gap first, then by person id. */
static int compare_candidates(const void *a, const void *b)
{
    const pm_candidate *x = a, *y = b;
    if (x->gap != y->gap)
        return x->gap > y->gap ? -1 : 1;
    return (x->person > y->person) - (x->person < y->person);
}

static pm_status read_people(id_list *active, id_list *taken, pm_session *s, pm_id programme)
{
    pm_scan people = { PM_KIND_PERSON, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &people, append_active, active);
    if (st != PM_OK)
        return st;
    pm_value eq[1] = { pm_value__int(programme) };
    pm_scan enrolments = { PM_KIND_ENROLMENT, PM_ENROL_BY_PROGRAMME, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &enrolments, append_taken, taken);
    if (st == PM_OK && taken->count > 1)
        qsort(taken->ids, taken->count, sizeof *taken->ids, pm_api__compare_ids);
    return st;
}

static pm_status find_candidates(candidate_list *out, pm_session *s, const pm_programme *p,
                                 double min_gap, pm_date date, const pm_level_rule *rule)
{
    id_list active = { s, NULL, 0, 0 };
    id_list taken = { s, NULL, 0, 0 };
    need_query q = { s, p, date, rule, { NULL, 0, 0 } };
    /* Ids first, then each person: a scan callback may not read the store. */
    pm_status st = read_people(&active, &taken, s, p->id);
    for (size_t i = 0; st == PM_OK && i < active.count; i++) {
        pm_id person = active.ids[i];
        if (taken.count > 0
            && bsearch(&person, taken.ids, taken.count, sizeof *taken.ids, pm_api__compare_ids))
            continue;
        pm_candidate c;
        int found = 0;
        st = largest_gap(&c, &found, &q, person);
        if (st == PM_OK && found && c.gap >= min_gap - GAP_EPSILON)
            st = push_candidate(out, s, &c);
    }
    cache_free(&q.cache);
    pm__free(active.ids);
    pm__free(taken.ids);
    return st;
}

pm_status pm_programme_candidates(pm_candidate_iter **out, pm_session *s, pm_id programme,
                                  double min_gap, pm_date date, const pm_level_rule *rule)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    date = pm_api__date_or_today(s->db, date);
    pm_level_rule resolved;
    pm_programme *p = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_PROGRAMME_ADMIN, 0);
    if (st == PM_OK && !(isfinite(min_gap) && min_gap > 0.0))
        st = pm_error__set(&s->error, PM_EINVAL, "min_gap: must be more than 0 (%g)", min_gap);
    if (st == PM_OK)
        st = pm_org__check_date(date, "date", &s->error);
    if (st == PM_OK)
        st = pm_level_rule__resolve(&resolved, s, rule);
    if (st == PM_OK)
        st = pm_programme__load(&p, s, programme);
    candidate_list l = { NULL, 0, 0 };
    if (st == PM_OK)
        st = find_candidates(&l, s, p, min_gap, date, &resolved);
    pm_programme_free(p);
    pm_candidate_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = pm_programme__out_of_memory(s);
    if (st != PM_OK) {
        pm__free(l.items);
        return st;
    }
    if (l.count > 1)
        qsort(l.items, l.count, sizeof *l.items, compare_candidates);
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_candidate_iter_next(pm_candidate **out, pm_candidate_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_candidate_iter_free(pm_candidate_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

pm_id pm_candidate_person(const pm_candidate *c)
{
    return c ? c->person : 0;
}

pm_id pm_candidate_competency(const pm_candidate *c)
{
    return c ? c->competency : 0;
}

double pm_candidate_gap(const pm_candidate *c)
{
    return c ? c->gap : 0.0;
}
