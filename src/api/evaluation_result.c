/* The result of an evaluation: each member's pre and post value (their
 * mean measurement in each window, or the explicit values), the pairs
 * counted with what is missing, and the paired analysis of DESIGN.md
 * section 7 computed by core/stats.c, as the data are when asked. Below
 * min_group pairs only the counts are given; the comparison group is
 * analysed only when it has min_group pairs too, since its mean change is
 * a number about its people as well. */
#include "evaluation_internal.h"

#include <math.h>
#include <string.h>

#include "wellbeing_internal.h"
#include "../core/stats.h"

static pm_status out_of_memory(pm_session *s)
{
    return pm_evaluation__out_of_memory(s);
}

static pm_status corrupt(pm_session *s, const char *what, const pm_row *row)
{
    return pm_evaluation__corrupt(s, what, row);
}

/* A failure of a statistics function: they set no session error. */
static pm_status stats_failed(pm_session *s, pm_status st)
{
    if (st == PM_ENOMEM)
        return out_of_memory(s);
    return pm_error__set(&s->error, st, "evaluation: the statistics failed (%s)",
                         pm_status_str(st));
}

typedef struct member {
    pm_id person;
    int group;
    int has_pre, has_post;
    double pre, post;
} member;

typedef struct member_list {
    pm_session *s;
    member *items;
    size_t count;
    size_t cap;
} member_list;

static int add_member(const pm_row *row, void *payload)
{
    member_list *l = payload;
    if (row->nvalues < PM_EMEM_NFIELDS)
        return corrupt(l->s, "evaluation_member", row);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        member *grown = pm__realloc(l->items, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(l->s);
        l->items = grown;
        l->cap = cap;
    }
    const pm_value *v = row->values;
    member *m = &l->items[l->count++];
    m->person = v[PM_EMEM_PERSON].type == PM_VALUE_INT ? v[PM_EMEM_PERSON].v.i : 0;
    m->group = v[PM_EMEM_GROUP].type == PM_VALUE_INT ? (int)v[PM_EMEM_GROUP].v.i : 0;
    m->has_pre = v[PM_EMEM_PRE].type == PM_VALUE_REAL;
    m->has_post = v[PM_EMEM_POST].type == PM_VALUE_REAL;
    m->pre = m->has_pre ? v[PM_EMEM_PRE].v.r : 0.0;
    m->post = m->has_post ? v[PM_EMEM_POST].v.r : 0.0;
    return 0;
}

/* Sums of one person's measurements in each window. */
typedef struct window_sums {
    pm_session *s;
    const pm_evaluation_row *e;
    double pre_sum, post_sum;
    long pre_n, post_n;
} window_sums;

static int add_window_value(const pm_row *row, void *payload)
{
    window_sums *w = payload;
    if (row->nvalues < PM_MEAS_NFIELDS)
        return corrupt(w->s, "measurement", row);
    const pm_value *v = row->values;
    if (v[PM_MEAS_AT].type != PM_VALUE_INT)
        return 0;
    pm_time at = v[PM_MEAS_AT].v.i;
    double value = v[PM_MEAS_VALUE].type == PM_VALUE_REAL ? v[PM_MEAS_VALUE].v.r
                 : v[PM_MEAS_VALUE].type == PM_VALUE_INT ? (double)v[PM_MEAS_VALUE].v.i
                                                          : NAN;
    if (isnan(value))
        return 0;
    if (at >= w->e->pre_from && at <= w->e->pre_to) {
        w->pre_sum += value;
        w->pre_n++;
    } else if (at >= w->e->post_from && at <= w->e->post_to) {
        w->post_sum += value;
        w->post_n++;
    }
    return 0;
}

/* Each member's mean measurement in each window (one ordered range scan
 * over both windows; what lies between them is skipped). */
static pm_status measure_members(pm_session *s, const pm_evaluation_row *e, member_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        member *m = &l->items[i];
        window_sums w = { s, e, 0.0, 0.0, 0, 0 };
        pm_value eq[2] = { pm_value__int(m->person), pm_value__int(e->metric) };
        pm_value lo = pm_value__int(e->pre_from), hi = pm_value__int(e->post_to);
        pm_scan scan = { PM_KIND_MEASUREMENT, PM_MEAS_BY_PERSON, 2, eq, &lo, &hi, 0, 0 };
        pm_status st = pm_api__scan(s, &scan, add_window_value, &w);
        if (st != PM_OK)
            return st;
        m->has_pre = w.pre_n > 0;
        m->has_post = w.post_n > 0;
        m->pre = m->has_pre ? w.pre_sum / (double)w.pre_n : 0.0;
        m->post = m->has_post ? w.post_sum / (double)w.post_n : 0.0;
    }
    return PM_OK;
}

/* The pairs of one group, as arrays. */
typedef struct pairs {
    double *pre, *post, *change;
    size_t n;
} pairs;

static void pairs_free(pairs *p)
{
    pm__free(p->pre);
    pm__free(p->post);
    pm__free(p->change);
}

static pm_status collect_pairs(pairs *p, pm_session *s, const member_list *l, int group)
{
    size_t cap = l->count ? l->count : 1;
    p->pre = pm__malloc(cap * sizeof *p->pre);
    p->post = pm__malloc(cap * sizeof *p->post);
    p->change = pm__malloc(cap * sizeof *p->change);
    if (p->pre == NULL || p->post == NULL || p->change == NULL)
        return out_of_memory(s);
    for (size_t i = 0; i < l->count; i++) {
        const member *m = &l->items[i];
        if (m->group != group || !m->has_pre || !m->has_post)
            continue;
        p->pre[p->n] = m->pre;
        p->post[p->n] = m->post;
        p->change[p->n] = m->post - m->pre;
        p->n++;
    }
    return PM_OK;
}

static void count_participants(pm_evaluation_result *out, const member_list *l)
{
    for (size_t i = 0; i < l->count; i++) {
        const member *m = &l->items[i];
        if (m->group != PM_EVALUATION_PARTICIPANT)
            continue;
        out->participants++;
        if (m->has_pre && m->has_post)
            out->n++;
        if (!m->has_pre)
            out->missing_pre++;
        if (!m->has_post)
            out->missing_post++;
    }
}

static pm_status too_few_pairs(pm_session *s, const pm_evaluation_result *r)
{
    return pm_error__set(&s->error, PM_EINVAL,
                         "evaluation: %d participant%s %s both values (%d %s no pre value, "
                         "%d no post value); at least 2 are needed",
                         r->n, r->n == 1 ? "" : "s", r->n == 1 ? "has" : "have", r->missing_pre,
                         r->missing_pre == 1 ? "has" : "have", r->missing_post);
}

static pm_status analyse_paired(pm_evaluation_result *out, pm_session *s, const pairs *p)
{
    pm_paired paired;
    pm_status st = pm_stats__paired(&paired, p->pre, p->post, p->n);
    if (st != PM_OK)
        return stats_failed(s, st);
    out->pre_mean = paired.pre_mean;
    out->post_mean = paired.post_mean;
    out->pre_sd = paired.pre_sd;
    out->post_sd = paired.post_sd;
    out->mean_change = paired.mean_change;
    out->sd_change = paired.sd_change;
    out->t = paired.t;
    out->df = (int)paired.df;
    out->p = paired.p;
    out->ci_low = paired.ci_low;
    out->ci_high = paired.ci_high;
    out->d_z = paired.d_z;
    out->g_av = paired.g_av;
    size_t nonzero = 0;
    for (size_t i = 0; i < p->n; i++)
        nonzero += p->change[i] != 0.0;
    if (nonzero == 0) {
        /* No one changed: nothing to rank, and no evidence of a change. */
        out->wilcoxon_p = 1.0;
        out->wilcoxon_exact = 1;
        return PM_OK;
    }
    pm_wilcoxon w;
    st = pm_stats__wilcoxon(&w, p->change, p->n);
    if (st != PM_OK)
        return stats_failed(s, st);
    out->wilcoxon_w = w.w_plus;
    out->wilcoxon_n = (int)w.n;
    out->wilcoxon_p = w.p;
    out->wilcoxon_exact = w.exact;
    return PM_OK;
}

/* The comparison group is analysed only when it is as large as the
 * participants must be: its mean change is a number about its people too. */
static pm_status analyse_comparison(pm_evaluation_result *out, pm_session *s, const pairs *p,
                                    const pairs *c, int min_group)
{
    out->comparison_n = (int)c->n;
    if (c->n < 2 || (int)c->n < min_group)
        return PM_OK;
    double diff = 0.0, low = 0.0, high = 0.0;
    pm_status st = pm_stats__welch_ci(&diff, &low, &high, p->change, p->n, c->change, c->n);
    if (st != PM_OK)
        return stats_failed(s, st);
    double mean = 0.0, sd = 0.0;
    pm_stats__mean_sd(&mean, &sd, c->change, c->n);
    out->has_comparison = 1;
    out->comparison_change = mean;
    out->did = diff;
    out->did_ci_low = low;
    out->did_ci_high = high;
    return PM_OK;
}

/* Jacobson-Truax: a change is reliable when |RCI| > 1.96, with the SD of
 * the participants' pre values as the norm. */
static void analyse_rci(pm_evaluation_result *out, const pairs *p, const pm_metric_def *metric)
{
    double r = metric->reliability;
    if (!(r > 0.0 && r < 1.0) || !(out->pre_sd > 0.0))
        return;
    out->has_rci = 1;
    for (size_t i = 0; i < p->n; i++) {
        double rci = pm_stats__rci(p->change[i], out->pre_sd, r);
        if (fabs(rci) <= 1.96)
            continue;
        int better = metric->direction == PM_LOWER_IS_BETTER ? rci < 0.0 : rci > 0.0;
        if (better)
            out->reliable_improved++;
        else
            out->reliable_worsened++;
    }
    out->reliable_share = (double)(out->reliable_improved + out->reliable_worsened) / (double)p->n;
}

static pm_status analyse(pm_evaluation_result *out, pm_session *s, const pm_evaluation_row *e,
                         const pm_metric_def *metric, const member_list *l)
{
    count_participants(out, l);
    if (out->n < 2)
        return too_few_pairs(s, out);
    if (out->n < e->min_group) {
        out->suppressed = 1;
        return PM_OK;
    }
    pairs p = { NULL, NULL, NULL, 0 }, c = { NULL, NULL, NULL, 0 };
    pm_status st = collect_pairs(&p, s, l, PM_EVALUATION_PARTICIPANT);
    if (st == PM_OK)
        st = collect_pairs(&c, s, l, PM_EVALUATION_COMPARISON);
    if (st == PM_OK)
        st = analyse_paired(out, s, &p);
    if (st == PM_OK)
        st = analyse_comparison(out, s, &p, &c, e->min_group);
    if (st == PM_OK)
        analyse_rci(out, &p, metric);
    pairs_free(&p);
    pairs_free(&c);
    return st;
}

pm_status pm_evaluation_result_get(pm_evaluation_result *out, pm_session *s, pm_id evaluation)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = pm_api__check_version(s, "evaluation_result", out->version,
                                         PM_EVALUATION_RESULT_VERSION);
    if (st != PM_OK)
        return st;
    const pm_evaluation_result empty = PM_EVALUATION_RESULT_INIT;
    *out = empty;
    st = pm_evaluation__authorize(s);
    pm_evaluation_row e;
    if (st == PM_OK)
        st = pm_evaluation__load(&e, s, evaluation);
    pm_metric_def metric;
    if (st == PM_OK)
        st = pm_metric__load(&metric, s, e.metric, "evaluation.metric");
    if (st != PM_OK)
        return st;
    member_list l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(evaluation) };
    pm_scan scan = { PM_KIND_EVALUATION_MEMBER, PM_EMEM_BY_EVALUATION, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, add_member, &l);
    if (st == PM_OK && e.windows)
        st = measure_members(s, &e, &l);
    if (st == PM_OK)
        st = analyse(out, s, &e, &metric, &l);
    pm__free(l.items);
    if (st != PM_OK) {
        *out = empty;
        return st;
    }
    return PM_OK;
}
