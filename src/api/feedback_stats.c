/* Feedback-culture numbers of a person or a unit over a period. This file
 * reads the stored rows (feedback by receiver and by giver, request parts
 * by addressee) and finds whom to count; what a row adds, the median and
 * suppression are decided in core/culture.c, whose header gives the
 * definitions. Reads only: nothing here writes. */
#include "feedback_internal.h"

#include <stdio.h>
#include <string.h>

#include "org_internal.h"
#include "org_people.h"
#include "../core/culture.h"

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
    /* The people of the unit on the period's last day. */
    pm_id *people = NULL;
    size_t count = 0;
    st = pm_org__people_on(&people, &count, s, unit, opts->to);
    if (st == PM_OK) {
        char what[64];
        if (unit == 0)
            snprintf(what, sizeof what, "the whole organisation");
        else
            snprintf(what, sizeof what, "unit %lld", (long long)unit);
        st = pm_org__authorize_people(s, PM_ACT_FEEDBACK_STATS, people, count, what);
    }
    /* Suppression adds no privacy against the caller, who may read each
     * counted person's numbers anyway (see pm_org__authorize_people); it
     * keeps small groups out of reports made for others. */
    if (st == PM_OK)
        st = count_people(out, s, opts, people, count, opts->min_group);
    pm__free(people);
    return st;
}
