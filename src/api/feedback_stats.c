/* Feedback-culture numbers of a person or a unit over a period. This file
 * reads the stored rows (feedback by receiver and by giver, request parts
 * by addressee) and finds whom to count; what a row adds, the median and
 * suppression are decided in core/culture.c, whose header gives the
 * definitions. Reads only: nothing here writes. */
#include "feedback_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "../core/culture.h"
#include "../core/org.h"

pm_status pm_feedback_stats_opts_init(pm_feedback_stats_opts *opts, unsigned int version)
{
    static const pm_feedback_stats_opts defaults = PM_FEEDBACK_STATS_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_FEEDBACK_STATS_OPTS_VERSION);
}

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "feedback_stats: out of memory");
}

static pm_status damaged(pm_session *s, const char *what, pm_id id)
{
    return pm_error__set(&s->error, PM_ECORRUPT,
                         "%s: stored record %lld is damaged; the store is damaged", what,
                         (long long)id);
}

/* ---- counting one person's rows ---- */

/* What the scans of every counted person add to. */
typedef struct tally {
    pm_session *s;
    pm_feedback_stats t;
    pm_time period_lo;   /* first instant of from */
    pm_time period_hi;   /* first instant after to (exclusive) */
    pm_time quiet_lo;    /* first instant of the quiet window, which ends with to */
    pm_date judged_on;   /* min(to, today): the day expiry is judged on */
    int heard_lately;    /* the current person received something in the quiet window */
    double *hours;       /* response times of answered parts */
    size_t nhours;
    size_t cap;
} tally;

static int count_received(const pm_row *row, void *payload)
{
    tally *t = payload;
    const pm_value *v = row->values;
    if (row->nvalues != PM_FB_NFIELDS)
        return damaged(t->s, "feedback", row->id);
    pm_time at = v[PM_FB_GIVEN_AT].v.i;
    /* The scan spans the period and the quiet window; each has its part. */
    if (at >= t->quiet_lo)
        t->heard_lately = 1;
    if (at < t->period_lo)
        return 0;
    if (pm_culture__add_received(&t->t, (int)v[PM_FB_DIRECTION].v.i, (int)v[PM_FB_KIND].v.i,
                                 v[PM_FB_ANONYMOUS].v.i != 0) != PM_OK)
        return damaged(t->s, "feedback", row->id);
    return 0;
}

static int count_given(const pm_row *row, void *payload)
{
    tally *t = payload;
    const pm_value *v = row->values;
    if (row->nvalues != PM_FB_NFIELDS)
        return damaged(t->s, "feedback", row->id);
    /* Anonymous entries are stored under giver 0 and never reach here;
     * the check keeps them out should a row say otherwise. */
    if (v[PM_FB_ANONYMOUS].v.i != 0)
        return 0;
    if (pm_culture__add_given(&t->t, (int)v[PM_FB_DIRECTION].v.i, (int)v[PM_FB_KIND].v.i) != PM_OK)
        return damaged(t->s, "feedback", row->id);
    return 0;
}

static pm_status note_hours(tally *t, double hours)
{
    if (t->nhours == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        double *grown = pm__realloc(t->hours, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(t->s);
        t->hours = grown;
        t->cap = cap;
    }
    t->hours[t->nhours++] = hours;
    return PM_OK;
}

static int count_part(const pm_row *row, void *payload)
{
    tally *t = payload;
    const pm_value *v = row->values;
    if (row->nvalues != PM_PART_NFIELDS || v[PM_PART_EXPIRES_ON].type == PM_VALUE_NULL)
        return damaged(t->s, "request_part", row->id);
    pm_request_state state = pm_culture__part_state((int)v[PM_PART_STATE].v.i,
                                                    (pm_date)v[PM_PART_EXPIRES_ON].v.i,
                                                    t->judged_on);
    if (state == PM_REQUEST_SUBMITTED && v[PM_PART_ANSWERED_AT].type == PM_VALUE_NULL)
        return damaged(t->s, "request_part", row->id);
    if (pm_culture__add_part(&t->t, state) != PM_OK)
        return damaged(t->s, "request_part", row->id);
    if (state != PM_REQUEST_SUBMITTED)
        return 0;
    pm_status st = note_hours(t, pm_culture__response_hours(v[PM_PART_CREATED_AT].v.i,
                                                            v[PM_PART_ANSWERED_AT].v.i));
    return st == PM_OK ? 0 : st;
}

/* Rows of kind by index whose first field is person and whose time lies in
 * [lo, hi). */
static pm_status scan_range(tally *t, unsigned int kind, unsigned int index, pm_id person,
                            pm_time lo, pm_time hi, pm_storage_row_cb cb)
{
    pm_value eq[1] = { pm_value__int(person) };
    pm_value low = pm_value__int(lo), high = pm_value__int(hi);
    pm_scan scan = { kind, index, 1, eq, &low, &high, PM_SCAN_HI_EXCLUSIVE, 0 };
    return pm_api__scan(t->s, &scan, cb, t);
}

static pm_status count_person(tally *t, pm_id person)
{
    t->heard_lately = 0;
    pm_time lo = t->quiet_lo < t->period_lo ? t->quiet_lo : t->period_lo;
    pm_status st = scan_range(t, PM_KIND_FEEDBACK, PM_FB_BY_RECEIVER, person, lo, t->period_hi,
                              count_received);
    if (st == PM_OK)
        st = scan_range(t, PM_KIND_FEEDBACK, PM_FB_BY_GIVER, person, t->period_lo,
                        t->period_hi, count_given);
    if (st == PM_OK)
        st = scan_range(t, PM_KIND_REQUEST_PART, PM_PART_BY_ADDRESSEE, person, t->period_lo,
                        t->period_hi, count_part);
    if (st == PM_OK) {
        t->t.people++;
        if (!t->heard_lately)
            t->t.without_feedback++;
    }
    return st;
}

/* Counts every one of people and writes the numbers to out (suppressed
 * below suppress_below people; 0 never suppresses). */
static pm_status count_people(pm_feedback_stats *out, pm_session *s,
                              const pm_feedback_stats_opts *opts, const pm_id *people,
                              size_t count, int suppress_below)
{
    pm_date today = pm_api__today(s->db);
    tally t;
    memset(&t, 0, sizeof t);
    t.s = s;
    t.t.version = out->version;
    t.period_lo = pm_culture__day_start(opts->from);
    t.period_hi = pm_culture__day_start(opts->to + 1);
    t.quiet_lo = pm_culture__day_start(pm_culture__quiet_first_day(opts->to, opts->quiet_days));
    t.judged_on = opts->to < today ? opts->to : today;
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < count; i++)
        st = count_person(&t, people[i]);
    if (st == PM_OK) {
        pm_culture__finish(&t.t, pm_culture__median(t.hours, t.nhours), suppress_below);
        /* Version 1 is the whole struct; a later version copies its own prefix. */
        *out = t.t;
    }
    pm__free(t.hours);
    return st;
}

/* The checks both calls share; on success *out holds zeroes and its version. */
static pm_status check_call(pm_session *s, pm_feedback_stats *out,
                            const pm_feedback_stats_opts *opts)
{
    pm_status st = pm_api__check_version(s, "feedback_stats", out->version,
                                         PM_FEEDBACK_STATS_VERSION);
    if (st != PM_OK)
        return st;
    unsigned int version = out->version;
    memset(out, 0, sizeof *out);
    out->version = version;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    st = pm_api__check_version(s, "feedback_stats_opts", opts->version,
                               PM_FEEDBACK_STATS_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_culture__check_opts(opts, &s->error);
    return st;
}

pm_status pm_feedback_stats_person(pm_feedback_stats *out, pm_session *s, pm_id person,
                                   const pm_feedback_stats_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = check_call(s, out, opts);
    if (st == PM_OK && person <= 0)
        st = pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id",
                           (long long)person);
    if (st == PM_OK)
        st = pm_person__check_exists(s, person, "person");
    /* The person, anyone above them today, HR and the system. */
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_FEEDBACK_STATS, person);
    if (st != PM_OK)
        return st;
    return count_people(out, s, opts, &person, 1, 0);
}

/* ---- whom a unit counts ---- */

/* A growing list of ids; sorted and deduplicated once complete. */
typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
    pm_date on;   /* membership scans: the day that counts */
} id_list;

static pm_status id_list_add(id_list *l, pm_id id)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *grown = pm__realloc(l->ids, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(l->s);
        l->ids = grown;
        l->cap = cap;
    }
    l->ids[l->count++] = id;
    return PM_OK;
}

static int compare_ids(const void *a, const void *b)
{
    pm_id x = *(const pm_id *)a, y = *(const pm_id *)b;
    return (x > y) - (x < y);
}

static void id_list_sort_unique(id_list *l)
{
    if (l->count == 0)
        return;
    qsort(l->ids, l->count, sizeof *l->ids, compare_ids);
    size_t kept = 1;
    for (size_t i = 1; i < l->count; i++)
        if (l->ids[i] != l->ids[kept - 1])
            l->ids[kept++] = l->ids[i];
    l->count = kept;
}

static int id_list_has(const id_list *l, pm_id id)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->ids[i] == id)
            return 1;
    return 0;
}

static int add_child_unit(const pm_row *row, void *payload)
{
    id_list *units = payload;
    /* A stored tree that loops would bring a unit back: list it once. */
    if (id_list_has(units, row->id))
        return 0;
    pm_status st = id_list_add(units, row->id);
    return st == PM_OK ? 0 : st;
}

/* The unit and every unit below it, breadth-first (the list is its own queue). */
static pm_status collect_subtree(id_list *units, pm_id unit)
{
    pm_status st = id_list_add(units, unit);
    for (size_t next = 0; st == PM_OK && next < units->count; next++) {
        pm_value eq[1] = { pm_value__int(units->ids[next]) };
        pm_scan scan = { PM_KIND_UNIT, PM_UNIT_BY_PARENT_NAME, 1, eq, NULL, NULL, 0, 0 };
        st = pm_api__scan(units->s, &scan, add_child_unit, units);
    }
    return st;
}

static pm_date value_date(const pm_value *v)
{
    return v->type == PM_VALUE_NULL ? PM_DATE_NONE : (pm_date)v->v.i;
}

static int add_member(const pm_row *row, void *payload)
{
    id_list *people = payload;
    if (row->nvalues != PM_MEMBERSHIP_NFIELDS)
        return damaged(people->s, "membership", row->id);
    pm_org_period p = { row->values[PM_MEMBERSHIP_UNIT].v.i,
                        value_date(&row->values[PM_MEMBERSHIP_START_ON]),
                        value_date(&row->values[PM_MEMBERSHIP_END_ON]) };
    if (!pm_org__covers(&p, people->on))
        return 0;
    pm_status st = id_list_add(people, row->values[PM_MEMBERSHIP_PERSON].v.i);
    return st == PM_OK ? 0 : st;
}

/* Members on `on` of unit and the units below it (the same reading as
 * pm_unit_members() with PM_UNIT_MEMBERS_DEEP). */
static pm_status collect_unit_people(id_list *people, pm_id unit)
{
    id_list units = { people->s, NULL, 0, 0, PM_DATE_NONE };
    pm_status st = collect_subtree(&units, unit);
    for (size_t i = 0; st == PM_OK && i < units.count; i++) {
        pm_value eq[1] = { pm_value__int(units.ids[i]) };
        pm_value hi = pm_value__int(people->on);
        /* Periods starting after the day cannot cover it. */
        pm_scan scan = { PM_KIND_MEMBERSHIP, PM_MEMBERSHIP_BY_UNIT, 1, eq, NULL, &hi, 0, 0 };
        st = pm_api__scan(people->s, &scan, add_member, people);
    }
    pm__free(units.ids);
    return st;
}

static int add_if_working(const pm_row *row, void *payload)
{
    id_list *people = payload;
    if (row->nvalues != PM_PERSON_NFIELDS)
        return damaged(people->s, "person", row->id);
    pm_date left_on = value_date(&row->values[PM_PERSON_LEFT_ON]);
    int active = row->values[PM_PERSON_STATUS].v.i == PM_PERSON_ACTIVE;
    /* Someone who left after the period's last day still worked here then. */
    if (!active && !(left_on != PM_DATE_NONE && left_on > people->on))
        return 0;
    pm_status st = id_list_add(people, row->id);
    return st == PM_OK ? 0 : st;
}

/* The whole organisation: everyone active on `on` (not left, or left
 * after it), in a unit or not. */
static pm_status collect_everyone(id_list *people)
{
    pm_scan scan = { PM_KIND_PERSON, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    return pm_api__scan(people->s, &scan, add_if_working, people);
}

/* HR and the system see any unit; a person only a unit whose every counted
 * member is themself or below them today: a manager counted in their own
 * team's unit learns nothing from their own numbers that they could not
 * read already. The table decides, one person at a time. */
static pm_status authorize_unit(pm_session *s, pm_id unit, const id_list *people)
{
    if (pm_access__check(&s->actor, PM_ACT_FEEDBACK_STATS, PM_REL_NONE) == PM_OK)
        return PM_OK;
    pm_date today = pm_api__today(s->db);
    for (size_t i = 0; i < people->count; i++) {
        int above = 0;
        pm_relation rel = PM_REL_SELF;
        if (people->ids[i] != s->actor.person) {
            pm_status st = pm_org__is_above(&above, s, s->actor.person, people->ids[i], today);
            if (st != PM_OK)
                return st;
            rel = above ? PM_REL_MANAGER : PM_REL_NONE;
        }
        if (pm_access__check(&s->actor, PM_ACT_FEEDBACK_STATS, rel) == PM_OK)
            continue;
        char what[64];
        if (unit == 0)
            snprintf(what, sizeof what, "the whole organisation");
        else
            snprintf(what, sizeof what, "unit %lld", (long long)unit);
        return pm_error__set(&s->error, PM_EPERM,
                             "permission denied: person %lld may not see the feedback numbers "
                             "of %s: person %lld counted there is not below them",
                             (long long)s->actor.person, what, (long long)people->ids[i]);
    }
    return PM_OK;
}

pm_status pm_feedback_stats_unit(pm_feedback_stats *out, pm_session *s, pm_id unit,
                                 const pm_feedback_stats_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = check_call(s, out, opts);
    if (st == PM_OK && unit < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "unit: %lld is not a unit id", (long long)unit);
    if (st == PM_OK && unit > 0)
        st = pm_unit__check_exists(s, unit, "unit");
    if (st != PM_OK)
        return st;
    id_list people = { s, NULL, 0, 0, opts->to };
    st = unit == 0 ? collect_everyone(&people) : collect_unit_people(&people, unit);
    if (st == PM_OK) {
        id_list_sort_unique(&people);
        st = authorize_unit(s, unit, &people);
    }
    /* Suppression adds no privacy against the caller, who may read each
     * counted person's numbers anyway (see authorize_unit); it keeps small
     * groups out of reports made for others. */
    if (st == PM_OK)
        st = count_people(out, s, opts, people.ids, people.count, opts->min_group);
    pm__free(people.ids);
    return st;
}
