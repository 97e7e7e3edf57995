/* Evaluations: their design (title, programme, metric, the two groups,
 * pre and post windows or explicit values, the minimum group size) and
 * the explicit values. The result is in evaluation_result.c.
 *
 * Evaluations are HR's and the integrations' (PM_ACT_EVALUATION_ADMIN):
 * their results are numbers about named groups of people, so no relation
 * grants them, and below min_group pairs only the counts are given. */
#include "evaluation_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "person_internal.h"
#include "wellbeing_internal.h"
#include "../core/feedback.h"
#include "../util/text.h"

#define EVALUATION_TITLE_MAX 200

pm_status pm_evaluation__out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "evaluation: out of memory");
}

pm_status pm_evaluation__corrupt(pm_session *s, const char *what, const pm_row *row)
{
    return pm_error__set(&s->error, PM_ECORRUPT, "%s: stored row %lld has %u fields", what,
                         (long long)row->id, row->nvalues);
}

static pm_status out_of_memory(pm_session *s)
{
    return pm_evaluation__out_of_memory(s);
}

static pm_status corrupt(pm_session *s, const char *what, const pm_row *row)
{
    return pm_evaluation__corrupt(s, what, row);
}

pm_status pm_evaluation_opts_init(pm_evaluation_opts *opts, unsigned int version)
{
    static const pm_evaluation_opts defaults = PM_EVALUATION_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_EVALUATION_OPTS_VERSION);
}

pm_status pm_evaluation__authorize(pm_session *s)
{
    return pm_api__authorize(s, PM_ACT_EVALUATION_ADMIN, 0);
}

static pm_status authorize(pm_session *s)
{
    return pm_evaluation__authorize(s);
}

static void format_time(char buf[PM_TIME_BUFSIZE], pm_time t)
{
    if (pm_time_format(buf, t) != PM_OK)
        snprintf(buf, PM_TIME_BUFSIZE, "%lld", (long long)t);
}

/* ---- the stored evaluation ---- */

typedef struct evaluation_read {
    pm_session *s;
    int found;
    pm_evaluation_row *e;
} evaluation_read;

static int read_evaluation(const pm_row *row, void *payload)
{
    evaluation_read *r = payload;
    if (row->nvalues < PM_EVAL_NFIELDS)
        return corrupt(r->s, "evaluation", row);
    const pm_value *v = row->values;
    pm_evaluation_row *e = r->e;
    r->found = 1;
    e->metric = v[PM_EVAL_METRIC].type == PM_VALUE_INT ? v[PM_EVAL_METRIC].v.i : 0;
    e->windows = v[PM_EVAL_PRE_FROM].type == PM_VALUE_INT;
    if (e->windows) {
        e->pre_from = v[PM_EVAL_PRE_FROM].v.i;
        e->pre_to = v[PM_EVAL_PRE_TO].type == PM_VALUE_INT ? v[PM_EVAL_PRE_TO].v.i : 0;
        e->post_from = v[PM_EVAL_POST_FROM].type == PM_VALUE_INT ? v[PM_EVAL_POST_FROM].v.i : 0;
        e->post_to = v[PM_EVAL_POST_TO].type == PM_VALUE_INT ? v[PM_EVAL_POST_TO].v.i : 0;
    }
    e->min_group = v[PM_EVAL_MIN_GROUP].type == PM_VALUE_INT ? (int)v[PM_EVAL_MIN_GROUP].v.i : 5;
    return 0;
}

pm_status pm_evaluation__load(pm_evaluation_row *e, pm_session *s, pm_id id)
{
    memset(e, 0, sizeof *e);
    if (id <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "evaluation: %lld is not an evaluation id",
                             (long long)id);
    evaluation_read r = { s, 0, e };
    pm_status st = pm_api__get(s, PM_KIND_EVALUATION, id, read_evaluation, &r);
    if (st == PM_ENOTFOUND || (st == PM_OK && !r.found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "evaluation: evaluation %lld does not exist",
                             (long long)id);
    return st;
}

/* ---- creating ---- */

static pm_status check_windows(pm_session *s, const pm_evaluation_opts *o, int *windows)
{
    static const char *const names[4] = { "pre_from", "pre_to", "post_from", "post_to" };
    const pm_time t[4] = { o->pre_from, o->pre_to, o->post_from, o->post_to };
    int given = 0;
    for (int i = 0; i < 4; i++)
        given += t[i] != 0;
    *windows = given > 0;
    if (given == 0)
        return PM_OK;
    for (int i = 0; i < 4; i++)
        if (t[i] == 0)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "evaluation.%s: must be given with the other windows "
                                 "(or all four 0 for explicit values)", names[i]);
    char a[PM_TIME_BUFSIZE], b[PM_TIME_BUFSIZE];
    if (o->pre_to < o->pre_from) {
        format_time(a, o->pre_to);
        format_time(b, o->pre_from);
        return pm_error__set(&s->error, PM_EINVAL,
                             "evaluation.pre_to: ends before it starts (%s is before %s)", a, b);
    }
    if (o->post_to < o->post_from) {
        format_time(a, o->post_to);
        format_time(b, o->post_from);
        return pm_error__set(&s->error, PM_EINVAL,
                             "evaluation.post_to: ends before it starts (%s is before %s)", a, b);
    }
    if (o->post_from <= o->pre_to) {
        format_time(a, o->post_from);
        format_time(b, o->pre_to);
        return pm_error__set(&s->error, PM_EINVAL,
                             "evaluation.post_from: overlaps the pre window (%s is not after "
                             "pre_to %s)", a, b);
    }
    return PM_OK;
}

static int read_nothing(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 0;
}

static pm_status check_programme(pm_session *s, pm_id programme)
{
    if (programme < 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "evaluation.programme: %lld is not a programme id",
                             (long long)programme);
    int found = 0;
    pm_status st = pm_api__get(s, PM_KIND_PROGRAMME, programme, read_nothing, &found);
    if (st == PM_ENOTFOUND || (st == PM_OK && !found))
        return pm_error__set(&s->error, PM_ENOTFOUND,
                             "evaluation.programme: programme %lld does not exist",
                             (long long)programme);
    return st;
}

typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} id_list;

static int add_completed(const pm_row *row, void *payload)
{
    id_list *l = payload;
    if (row->nvalues < PM_ENROL_NFIELDS)
        return corrupt(l->s, "enrolment", row);
    const pm_value *v = row->values;
    if (v[PM_ENROL_STATE].type != PM_VALUE_INT || v[PM_ENROL_STATE].v.i != PM_ENROLMENT_COMPLETED)
        return 0;
    if (l->count == PM_EVALUATION_PEOPLE_MAX)
        return pm_error__set(&l->s->error, PM_ERANGE,
                             "evaluation.participants: the programme has more than %d people "
                             "who completed it; at most %d", PM_EVALUATION_PEOPLE_MAX,
                             PM_EVALUATION_PEOPLE_MAX);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *grown = pm__realloc(l->ids, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(l->s);
        l->ids = grown;
        l->cap = cap;
    }
    l->ids[l->count++] = v[PM_ENROL_PERSON].v.i;
    return 0;
}

/* The programme's participants: those who completed it, by id. */
static pm_status programme_people(id_list *l, pm_session *s, pm_id programme)
{
    pm_value eq[1] = { pm_value__int(programme) };
    pm_scan scan = { PM_KIND_ENROLMENT, PM_ENROL_BY_PROGRAMME, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, add_completed, l);
    if (st == PM_OK && l->count == 0)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "evaluation.participants: no one has completed programme %lld; "
                           "name the participants", (long long)programme);
    return st;
}

/* Checks a group's people and gives them sorted in *sorted. */
static pm_status check_group(pm_id **sorted, pm_session *s, const pm_id *ids, size_t n,
                             const char *field)
{
    *sorted = NULL;
    if (n > PM_EVALUATION_PEOPLE_MAX)
        return pm_error__set(&s->error, PM_ERANGE, "%s: %zu people; at most %d", field, n,
                             PM_EVALUATION_PEOPLE_MAX);
    for (size_t i = 0; i < n; i++) {
        pm_status st = pm_person__check(s, ids[i], field, 0);
        if (st != PM_OK)
            return st;
    }
    pm_id *copy = pm__malloc((n ? n : 1) * sizeof *copy);
    if (copy == NULL)
        return out_of_memory(s);
    if (n > 0)
        memcpy(copy, ids, n * sizeof *copy);
    qsort(copy, n, sizeof *copy, pm_api__compare_ids);
    for (size_t i = 1; i < n; i++)
        if (copy[i] == copy[i - 1]) {
            pm_id repeated = copy[i];
            pm__free(copy);
            return pm_error__set(&s->error, PM_EINVAL, "%s: person %lld is listed twice", field,
                                 (long long)repeated);
        }
    *sorted = copy;
    return PM_OK;
}

static pm_status check_disjoint(pm_session *s, const pm_id *a, size_t na, const pm_id *b,
                                size_t nb)
{
    size_t i = 0, j = 0;
    while (i < na && j < nb) {
        if (a[i] == b[j])
            return pm_error__set(&s->error, PM_EINVAL,
                                 "evaluation.comparison: person %lld is also a participant",
                                 (long long)a[i]);
        if (a[i] < b[j])
            i++;
        else
            j++;
    }
    return PM_OK;
}

typedef struct design {
    char *title;
    size_t title_len;
    int windows;
    pm_id *participants;     /* sorted */
    size_t nparticipants;
    pm_id *comparison;       /* sorted */
    size_t ncomparison;
} design;

static void design_free(design *d)
{
    pm__free(d->title);
    pm__free(d->participants);
    pm__free(d->comparison);
}

static pm_status check_design(design *d, pm_session *s, const pm_evaluation_opts *o)
{
    pm_status st = pm_text__normalize_line(&d->title, &d->title_len, o->title, o->title_len,
                                           "evaluation.title", EVALUATION_TITLE_MAX, &s->error);
    if (st != PM_OK)
        return st;
    if (o->min_group < 3 || o->min_group > 10)
        return pm_error__set(&s->error, PM_EINVAL, "evaluation.min_group: %d is outside 3 to 10",
                             o->min_group);
    st = check_windows(s, o, &d->windows);
    if (st != PM_OK)
        return st;
    pm_metric_def metric;
    st = pm_metric__load(&metric, s, o->metric, "evaluation.metric");
    if (st == PM_OK && o->programme != 0)
        st = check_programme(s, o->programme);
    if (st != PM_OK)
        return st;
    if (o->comparison == NULL && o->ncomparison > 0)
        return pm_error__set(&s->error, PM_EINVAL, "evaluation.comparison: must not be NULL "
                             "with ncomparison %zu", o->ncomparison);
    if (o->participants == NULL) {
        if (o->nparticipants > 0)
            return pm_error__set(&s->error, PM_EINVAL, "evaluation.participants: must not be "
                                 "NULL with nparticipants %zu", o->nparticipants);
        if (o->programme == 0)
            return pm_error__set(&s->error, PM_EINVAL, "evaluation.participants: must be given "
                                 "(or a programme, whose people who completed it are taken)");
        id_list l = { s, NULL, 0, 0 };
        st = programme_people(&l, s, o->programme);
        if (st == PM_OK)
            st = check_group(&d->participants, s, l.ids, l.count, "evaluation.participants");
        d->nparticipants = l.count;
        pm__free(l.ids);
    } else if (o->nparticipants == 0) {
        return pm_error__set(&s->error, PM_EINVAL, "evaluation.participants: must not be empty");
    } else {
        st = check_group(&d->participants, s, o->participants, o->nparticipants,
                         "evaluation.participants");
        d->nparticipants = o->nparticipants;
    }
    if (st == PM_OK && o->ncomparison > 0) {
        st = check_group(&d->comparison, s, o->comparison, o->ncomparison,
                         "evaluation.comparison");
        d->ncomparison = o->ncomparison;
    }
    if (st == PM_OK)
        st = check_disjoint(s, d->participants, d->nparticipants, d->comparison,
                            d->ncomparison);
    return st;
}

static pm_value time_or_null(int windows, pm_time t)
{
    return windows ? pm_value__int(t) : pm_value__null();
}

static pm_status insert_members(pm_session *s, pm_id evaluation, const pm_id *people, size_t n,
                                int group)
{
    pm_value v[PM_EMEM_NFIELDS];
    v[PM_EMEM_EVALUATION] = pm_value__int(evaluation);
    v[PM_EMEM_GROUP] = pm_value__int(group);
    v[PM_EMEM_PRE] = pm_value__null();
    v[PM_EMEM_POST] = pm_value__null();
    pm_api__audit_create(s, v, PM_EMEM_CREATED_AT);
    for (size_t i = 0; i < n; i++) {
        v[PM_EMEM_PERSON] = pm_value__int(people[i]);
        pm_id id = 0;
        pm_status st = pm_api__insert(s, PM_KIND_EVALUATION_MEMBER, v, &id);
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}

static pm_status insert_evaluation(pm_id *out, pm_session *s, const pm_evaluation_opts *o,
                                   const design *d)
{
    pm_value v[PM_EVAL_NFIELDS];
    v[PM_EVAL_TITLE] = pm_value__text(d->title, d->title_len);
    v[PM_EVAL_PROGRAMME] = pm_value__int(o->programme);
    v[PM_EVAL_METRIC] = pm_value__int(o->metric);
    v[PM_EVAL_PRE_FROM] = time_or_null(d->windows, o->pre_from);
    v[PM_EVAL_PRE_TO] = time_or_null(d->windows, o->pre_to);
    v[PM_EVAL_POST_FROM] = time_or_null(d->windows, o->post_from);
    v[PM_EVAL_POST_TO] = time_or_null(d->windows, o->post_to);
    v[PM_EVAL_MIN_GROUP] = pm_value__int(o->min_group);
    pm_api__audit_create(s, v, PM_EVAL_CREATED_AT);
    pm_id id = 0;
    pm_status st = pm_api__insert(s, PM_KIND_EVALUATION, v, &id);
    if (st == PM_OK)
        st = insert_members(s, id, d->participants, d->nparticipants, PM_EVALUATION_PARTICIPANT);
    if (st == PM_OK)
        st = insert_members(s, id, d->comparison, d->ncomparison, PM_EVALUATION_COMPARISON);
    if (st == PM_OK)
        *out = id;
    return st;
}

pm_status pm_evaluation_create(pm_id *out, pm_session *s, const pm_evaluation_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, "evaluation_opts", opts->version,
                                         PM_EVALUATION_OPTS_VERSION);
    if (st == PM_OK)
        st = authorize(s);
    if (st != PM_OK)
        return st;
    design d;
    memset(&d, 0, sizeof d);
    st = check_design(&d, s, opts);
    pm_id id = 0;
    if (st == PM_OK) {
        st = pm_api__begin(s);
        if (st == PM_OK)
            st = pm_api__finish(s, insert_evaluation(&id, s, opts, &d));
    }
    design_free(&d);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- explicit values ---- */

static pm_status check_value(pm_session *s, const char *field, double value,
                             const pm_metric_def *metric)
{
    if (!isfinite(value))
        return pm_error__set(&s->error, PM_EINVAL, "%s: must be a finite number", field);
    if (value < metric->min || value > metric->max)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %g is outside the metric's scale %g to %g",
                             field, value, metric->min, metric->max);
    return PM_OK;
}

static int read_member_id(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1;
}

pm_status pm_evaluation_set_values(pm_session *s, pm_id evaluation, pm_id person, double pre,
                                   double post)
{
    PM_CHECK_SESSION(s);
    pm_status st = authorize(s);
    pm_evaluation_row e;
    if (st == PM_OK)
        st = pm_evaluation__load(&e, s, evaluation);
    if (st != PM_OK)
        return st;
    if (e.windows)
        return pm_error__set(&s->error, PM_EINVAL,
                             "evaluation: evaluation %lld has pre and post windows; its values "
                             "come from the measurements", (long long)evaluation);
    pm_metric_def metric;
    st = pm_metric__load(&metric, s, e.metric, "evaluation.metric");
    if (st == PM_OK)
        st = check_value(s, "pre", pre, &metric);
    if (st == PM_OK)
        st = check_value(s, "post", post, &metric);
    if (st == PM_OK && person <= 0)
        st = pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id",
                           (long long)person);
    pm_id member = 0;
    if (st == PM_OK) {
        pm_value eq[2] = { pm_value__int(evaluation), pm_value__int(person) };
        pm_scan scan = { PM_KIND_EVALUATION_MEMBER, PM_EMEM_BY_EVALUATION, 2, eq, NULL, NULL, 0, 1 };
        st = pm_api__scan(s, &scan, read_member_id, &member);
    }
    if (st == PM_OK && member == 0)
        st = pm_error__set(&s->error, PM_ENOTFOUND,
                           "person: person %lld is in neither group of evaluation %lld",
                           (long long)person, (long long)evaluation);
    if (st != PM_OK)
        return st;
    pm_value v[PM_EMEM_NFIELDS];
    memset(v, 0, sizeof v);
    v[PM_EMEM_PRE] = pm_value__real(pre);
    v[PM_EMEM_POST] = pm_value__real(post);
    pm_api__audit_update(s, v, PM_EMEM_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_EMEM_PRE) | PM_UPDATE_FIELD(PM_EMEM_POST) |
                      PM_UPDATE_FIELD(PM_EMEM_UPDATED_AT) | PM_UPDATE_FIELD(PM_EMEM_UPDATED_BY);
    st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, pm_api__update_fields(s, PM_KIND_EVALUATION_MEMBER, member, v,
                                                       fields));
}
