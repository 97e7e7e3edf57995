/* Pattern flags: what is worth HR's attention in a unit over a period,
 * each with the numbers and the method it rests on.
 *
 * - Wellbeing declining: every metric's monthly trend over [from, to]
 *   (trend.c); a Mann-Kendall p below 0.05 in the metric's wrong direction.
 * - A competence gap widening: pm_gap_unit() on `to` compared with `from`;
 *   only with at least FLAG_MIN_GROUP people assessed on both days.
 * - Check-in completion falling by 10 points or more, against the period
 *   of the same length before (pm_checkin_rate_unit(); those numbers are
 *   HR's and the system's, so for anyone else this flag is not looked for).
 * - Feedback received per person falling by a quarter or more against the
 *   period before (pm_feedback_stats_unit()).
 *
 * Numbers that would be suppressed (fewer than FLAG_MIN_GROUP people)
 * raise no flag: a flag is a number about a group too. Access: HR, the
 * system, or someone above everyone in the unit on `to` and everyone
 * measured; the public calls made here check their own access as well. */
#include "evaluation_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "org_internal.h"
#include "org_people.h"
#include "../core/org.h"

#define FLAG_MIN_GROUP 5
#define FLAG_MIN_DAYS 28
#define FLAG_P 0.05
#define CHECKIN_DROP 0.10   /* ten percentage points */
#define FEEDBACK_KEEP 0.75  /* a fall of a quarter */

struct pm_flag {
    pm_flag_kind kind;
    pm_id subject;
    double before, after;
    char *basis;
};

struct pm_flag_iter {
    pm_flag *items;
    size_t count;
    size_t cap;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "pattern flags: out of memory");
}

void pm_flag_iter_free(pm_flag_iter *iter)
{
    if (iter == NULL)
        return;
    for (size_t i = 0; i < iter->count; i++)
        pm__free(iter->items[i].basis);
    pm__free(iter->items);
    pm__free(iter);
}

#if defined(__GNUC__)
__attribute__((format(printf, 7, 8)))
#endif
static pm_status add_flag(pm_flag_iter *it, pm_session *s, pm_flag_kind kind, pm_id subject,
                          double before, double after, const char *fmt, ...)
{
    if (it->count == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 8;
        pm_flag *grown = pm__realloc(it->items, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(s);
        it->items = grown;
        it->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    int len = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (len < 0)
        len = 0;
    char *basis = pm__malloc((size_t)len + 1);
    if (basis == NULL)
        return out_of_memory(s);
    va_start(ap, fmt);
    vsnprintf(basis, (size_t)len + 1, fmt, ap);
    va_end(ap);
    pm_flag *f = &it->items[it->count++];
    f->kind = kind;
    f->subject = subject;
    f->before = before;
    f->after = after;
    f->basis = basis;
    return PM_OK;
}

static void format_day(char buf[PM_DATE_BUFSIZE], pm_date day)
{
    if (pm_date_format(buf, day) != PM_OK)
        snprintf(buf, PM_DATE_BUFSIZE, "?");
}

/* ---- names ---- */

typedef struct name_buf {
    char text[256];
} name_buf;

/* The name of a metric or competency (name field 0 of both) for a basis;
 * long names are cut, it is only a description. */
static int read_name(const pm_row *row, void *payload)
{
    name_buf *b = payload;
    if (row->nvalues < 1 || row->values[0].type != PM_VALUE_TEXT)
        return 0;
    size_t len = row->values[0].v.b.len;
    if (len >= sizeof b->text)
        len = sizeof b->text - 1;
    memcpy(b->text, row->values[0].v.b.data, len);
    b->text[len] = '\0';
    return 0;
}

static pm_status load_name(name_buf *b, pm_session *s, unsigned int kind, pm_id id)
{
    snprintf(b->text, sizeof b->text, "%lld", (long long)id);
    pm_status st = pm_api__get(s, kind, id, read_name, b);
    return st == PM_ENOTFOUND ? PM_OK : st;
}

/* ---- wellbeing ---- */

typedef struct metric_list {
    pm_session *s;
    pm_id *ids;
    int *directions;
    size_t count;
    size_t cap;
} metric_list;

static int add_metric(const pm_row *row, void *payload)
{
    metric_list *l = payload;
    if (row->nvalues < PM_METRIC_NFIELDS)
        return pm_error__set(&l->s->error, PM_ECORRUPT, "metric: stored row %lld has %u fields",
                             (long long)row->id, row->nvalues);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(l->s);
        l->ids = ids;
        int *dirs = pm__realloc(l->directions, cap * sizeof *dirs);
        if (dirs == NULL)
            return out_of_memory(l->s);
        l->directions = dirs;
        l->cap = cap;
    }
    const pm_value *d = &row->values[PM_METRIC_DIRECTION];
    l->ids[l->count] = row->id;
    l->directions[l->count] = d->type == PM_VALUE_INT ? (int)d->v.i : PM_HIGHER_IS_BETTER;
    l->count++;
    return 0;
}

static pm_status flag_metric(pm_flag_iter *it, pm_session *s, pm_id unit, pm_id metric,
                             int direction, pm_date from, pm_date to)
{
    pm_trend_opts o = PM_TREND_OPTS_INIT;
    o.metric = metric;
    o.unit = unit;
    o.period = PM_PERIOD_MONTH;
    o.from = from;
    o.to = to;
    o.min_group = FLAG_MIN_GROUP;
    pm_trend *t = NULL;
    pm_status st = pm_trend__compute(&t, s, &o, 1, "pattern flags");
    if (st != PM_OK)
        return st;
    int wrong_way = direction == PM_LOWER_IS_BETTER ? t->mk_s > 0 : t->mk_s < 0;
    if (t->points >= 3 && t->mk_p < FLAG_P && wrong_way) {
        double first = 0.0, last = 0.0;
        int seen = 0;
        for (size_t i = 0; i < t->count; i++) {
            if (t->periods[i].suppressed || t->periods[i].n == 0)
                continue;
            if (!seen)
                first = t->periods[i].mean;
            last = t->periods[i].mean;
            seen = 1;
        }
        name_buf name;
        st = load_name(&name, s, PM_KIND_METRIC, metric);
        if (st == PM_OK)
            st = add_flag(it, s, PM_FLAG_WELLBEING_DECLINING, metric, first, last,
                          "monthly %s means, %d months, Mann-Kendall p = %.3f, Theil-Sen slope "
                          "%.2f a month", name.text, t->points, t->mk_p, t->theil_sen);
    }
    pm_trend_free(t);
    return st;
}

static pm_status flag_wellbeing(pm_flag_iter *it, pm_session *s, pm_id unit, pm_date from,
                                pm_date to)
{
    metric_list l = { s, NULL, NULL, 0, 0 };
    pm_scan every = { PM_KIND_METRIC, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &every, add_metric, &l);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = flag_metric(it, s, unit, l.ids[i], l.directions[i], from, to);
    pm__free(l.ids);
    pm__free(l.directions);
    return st;
}

/* ---- competence gaps ---- */

static pm_status flag_gaps(pm_flag_iter *it, pm_session *s, pm_id unit, pm_date from,
                           pm_date to)
{
    pm_gap_summary_opts o = PM_GAP_SUMMARY_OPTS_INIT;
    o.on = to;
    o.compare = from;
    pm_gap_summary_iter *gaps = NULL;
    pm_status st = pm_gap_unit(&gaps, s, unit, &o);
    if (st != PM_OK)
        return st;
    char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    format_day(a, from);
    format_day(b, to);
    pm_gap_summary *g = NULL;
    while (st == PM_OK && (st = pm_gap_summary_iter_next(&g, gaps)) == PM_OK) {
        int now = pm_gap_summary_assessed(g), then = pm_gap_summary_assessed_before(g);
        double after = pm_gap_summary_mean_gap(g), before = pm_gap_summary_mean_gap_before(g);
        if (now < FLAG_MIN_GROUP || then < FLAG_MIN_GROUP || !(after > before))
            continue;
        pm_id competency = pm_gap_summary_competency(g);
        name_buf name;
        st = load_name(&name, s, PM_KIND_COMPETENCY, competency);
        if (st == PM_OK)
            st = add_flag(it, s, PM_FLAG_GAP_WIDENING, competency, before, after,
                          "mean shortfall in %s of the people assessed: %.2f on %s (%d "
                          "assessed), %.2f on %s (%d assessed)", name.text, before, a, then,
                          after, b, now);
    }
    if (st == PM_ITEROVER)
        st = PM_OK;
    pm_gap_summary_iter_free(gaps);
    return st;
}

/* ---- check-ins ---- */

/* The organisation's rate: every top-level unit's, summed (people in no
 * unit have no unit's record). */
static pm_status checkin_rate(pm_checkin_rate *out, pm_session *s, pm_id unit, pm_date from,
                              pm_date to)
{
    const pm_checkin_rate zero = PM_CHECKIN_RATE_INIT;
    *out = zero;
    if (unit != 0)
        return pm_checkin_rate_unit(out, s, unit, from, to);
    pm_unit_iter *units = NULL;
    pm_status st = pm_unit_children(&units, s, 0);
    pm_unit *u = NULL;
    while (st == PM_OK && (st = pm_unit_iter_next(&u, units)) == PM_OK) {
        pm_checkin_rate r = PM_CHECKIN_RATE_INIT;
        st = pm_checkin_rate_unit(&r, s, pm_unit_id(u), from, to);
        out->due += r.due;
        out->held += r.held;
    }
    if (st == PM_ITEROVER)
        st = PM_OK;
    pm_unit_iter_free(units);
    out->rate = out->due > 0 ? (double)out->held / out->due : 0.0;
    return st;
}

static pm_status flag_checkins(pm_flag_iter *it, pm_session *s, pm_id unit, pm_date prev_from,
                               pm_date from, pm_date to)
{
    pm_checkin_rate then, now;
    pm_status st = checkin_rate(&then, s, unit, prev_from, from - 1);
    if (st == PM_OK)
        st = checkin_rate(&now, s, unit, from, to);
    if (st != PM_OK || then.due == 0 || now.due == 0 || then.rate - now.rate < CHECKIN_DROP - 1e-12)
        return st;
    char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE], c[PM_DATE_BUFSIZE], d[PM_DATE_BUFSIZE];
    format_day(a, prev_from);
    format_day(b, from - 1);
    format_day(c, from);
    format_day(d, to);
    return add_flag(it, s, PM_FLAG_CHECKINS_FALLING, 0, then.rate, now.rate,
                    "check-ins held of those due: %.0f%% (%d of %d) from %s to %s, %.0f%% (%d of "
                    "%d) from %s to %s", then.rate * 100.0, then.held, then.due, a, b,
                    now.rate * 100.0, now.held, now.due, c, d);
}

/* ---- feedback ---- */

static pm_status feedback_stats(pm_feedback_stats *out, pm_session *s, pm_id unit,
                                pm_date from, pm_date to)
{
    pm_feedback_stats_opts o = PM_FEEDBACK_STATS_OPTS_INIT;
    o.from = from;
    o.to = to;
    o.min_group = FLAG_MIN_GROUP;
    const pm_feedback_stats zero = PM_FEEDBACK_STATS_INIT;
    *out = zero;
    return pm_feedback_stats_unit(out, s, unit, &o);
}

static pm_status flag_feedback(pm_flag_iter *it, pm_session *s, pm_id unit, pm_date prev_from,
                               pm_date from, pm_date to)
{
    pm_feedback_stats then, now;
    pm_status st = feedback_stats(&then, s, unit, prev_from, from - 1);
    if (st == PM_OK)
        st = feedback_stats(&now, s, unit, from, to);
    if (st != PM_OK || then.suppressed || now.suppressed || then.people <= 0 || now.people <= 0)
        return st;
    double before = (double)then.received / then.people;
    double after = (double)now.received / now.people;
    if (!(before > 0.0) || after > before * FEEDBACK_KEEP + 1e-12)
        return PM_OK;
    char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE], c[PM_DATE_BUFSIZE], d[PM_DATE_BUFSIZE];
    format_day(a, prev_from);
    format_day(b, from - 1);
    format_day(c, from);
    format_day(d, to);
    return add_flag(it, s, PM_FLAG_FEEDBACK_FALLING, 0, before, after,
                    "feedback received per person: %.2f (%d for %d people) from %s to %s, %.2f "
                    "(%d for %d people) from %s to %s", before, then.received, then.people, a, b,
                    after, now.received, now.people, c, d);
}

/* ---- the call ---- */

static pm_status check_args(pm_session *s, pm_id unit, pm_date from, pm_date to)
{
    pm_status st = pm_org__check_date(from, "from", &s->error);
    if (st == PM_OK)
        st = pm_org__check_date(to, "to", &s->error);
    if (st != PM_OK)
        return st;
    if ((int64_t)to - from < FLAG_MIN_DAYS) {
        char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
        format_day(a, from);
        format_day(b, to);
        return pm_error__set(&s->error, PM_EINVAL,
                             "to: must be at least %d days after from (%s is %lld days after %s)",
                             FLAG_MIN_DAYS, b, (long long)((int64_t)to - from), a);
    }
    if (unit < 0)
        return pm_error__set(&s->error, PM_EINVAL, "unit: %lld is not a unit id",
                             (long long)unit);
    return unit > 0 ? pm_unit__check_exists(s, unit, "unit") : PM_OK;
}

static pm_status authorize_unit(pm_session *s, pm_id unit, pm_date to, size_t *people)
{
    pm_id *ids = NULL;
    *people = 0;
    pm_status st = pm_org__people_on(&ids, people, s, unit, to);
    if (st == PM_OK &&
        pm_access__check(&s->actor, PM_ACT_GROUP_NUMBERS, PM_REL_NONE) != PM_OK)
        st = pm_org__authorize_people(s, PM_ACT_GROUP_NUMBERS, ids, *people, "pattern flags");
    pm__free(ids);
    return st;
}

pm_status pm_pattern_flags(pm_flag_iter **out, pm_session *s, pm_id unit, pm_date from,
                           pm_date to)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_args(s, unit, from, to);
    size_t people = 0;
    if (st == PM_OK)
        st = authorize_unit(s, unit, to, &people);
    if (st != PM_OK)
        return st;
    pm_flag_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return out_of_memory(s);
    /* The period before, of the same length; none before year 1. */
    pm_date prev_from = (pm_date)(from - ((int64_t)to - from + 1));
    pm_error scratch;
    memset(&scratch, 0, sizeof scratch);
    int has_before = pm_org__check_date(prev_from, "from", &scratch) == PM_OK;
    st = flag_wellbeing(it, s, unit, from, to);
    if (st == PM_OK)
        st = flag_gaps(it, s, unit, from, to);
    if (st == PM_OK && has_before && people >= FLAG_MIN_GROUP &&
        pm_access__check(&s->actor, PM_ACT_CHECKIN_STATS, PM_REL_NONE) == PM_OK)
        st = flag_checkins(it, s, unit, prev_from, from, to);
    if (st == PM_OK && has_before)
        st = flag_feedback(it, s, unit, prev_from, from, to);
    if (st != PM_OK) {
        pm_flag_iter_free(it);
        return st;
    }
    *out = it;
    return PM_OK;
}

pm_status pm_flag_iter_next(pm_flag **out, pm_flag_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

pm_flag_kind pm_flag_kind_get(const pm_flag *flag)
{
    return flag ? flag->kind : (pm_flag_kind)0;
}

pm_id pm_flag_subject(const pm_flag *flag)
{
    return flag ? flag->subject : 0;
}

double pm_flag_before(const pm_flag *flag)
{
    return flag ? flag->before : 0.0;
}

double pm_flag_after(const pm_flag *flag)
{
    return flag ? flag->after : 0.0;
}

const char *pm_flag_basis(const pm_flag *flag)
{
    return flag ? flag->basis : NULL;
}
