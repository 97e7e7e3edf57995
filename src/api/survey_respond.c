/* A respondent's side of a survey: answering it once, and reading their
 * own answers back. Every answer is checked against the survey's
 * instruments before anything is written; then the item answers, one
 * measurement per instrument answered (its published score) and the
 * invitee's "responded" mark are written in one transaction. Answers are
 * read by their respondent alone: no function returns them to anyone
 * else. */
#include "survey_internal.h"

#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "wellbeing_internal.h"

/* The answers given to one of the survey's instruments. */
typedef struct answered {
    unsigned int items;                /* bit i-1 set: item i given */
    int value[PM_SURVEY_ITEMS_MAX];    /* by item - 1 */
    size_t first;                      /* where in answers[] item i was given */
    size_t where[PM_SURVEY_ITEMS_MAX];
} answered;

/* ---- item scales ---- */

static int is_cbi(pm_instrument instrument)
{
    return instrument == PM_INSTRUMENT_CBI_PERSONAL || instrument == PM_INSTRUMENT_CBI_WORK
           || instrument == PM_INSTRUMENT_CBI_CLIENT;
}

/* 1 when value is on the item scale of the instrument (a pulse: its
 * metric's scale, min and max). */
static int on_scale(const pm_survey_instrument_row *in, int value)
{
    switch (in->instrument) {
    case PM_INSTRUMENT_WHO5: return value >= 0 && value <= 5;
    case PM_INSTRUMENT_ENPS: return value >= 0 && value <= 10;
    case PM_INSTRUMENT_CBI_PERSONAL:
    case PM_INSTRUMENT_CBI_WORK:
    case PM_INSTRUMENT_CBI_CLIENT: return value >= 0 && value <= 100 && value % 25 == 0;
    case PM_INSTRUMENT_PULSE: return (double)value >= in->min && (double)value <= in->max;
    }
    return 0;
}

static pm_status off_scale(pm_session *s, const pm_survey_instrument_row *in, size_t i,
                           int value)
{
    if (is_cbi(in->instrument))
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].value: %s items take 0, 25, 50, 75 or 100, not %d",
                             i, pm_survey__instrument_name(in->instrument), value);
    if (in->instrument == PM_INSTRUMENT_PULSE)
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].value: metric %lld takes %g to %g, not %d", i,
                             (long long)in->metric, in->min, in->max, value);
    return pm_error__set(&s->error, PM_EINVAL, "answers[%zu].value: %s items take 0 to %d, not %d",
                         i, pm_survey__instrument_name(in->instrument),
                         in->instrument == PM_INSTRUMENT_WHO5 ? 5 : 10, value);
}

/* ---- checking the answers ---- */

/* The survey's instrument an answer is to: built-ins by instrument, pulse
 * items by metric. */
static pm_status find_instrument(size_t *k, pm_session *s, const pm_survey_instrument_list *l,
                                 const pm_survey_answer *a, size_t i, pm_id survey)
{
    if (!pm_survey__is_instrument((int)a->instrument))
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].instrument: %d is not an instrument (1 to 6)", i,
                             (int)a->instrument);
    if (a->instrument != PM_INSTRUMENT_PULSE && a->metric != 0)
        return pm_error__set(&s->error, PM_EINVAL, "answers[%zu].metric: must be 0 for %s", i,
                             pm_survey__instrument_name(a->instrument));
    for (size_t j = 0; j < l->count; j++) {
        if (l->items[j].instrument != a->instrument)
            continue;
        if (a->instrument == PM_INSTRUMENT_PULSE && l->items[j].metric != a->metric)
            continue;
        *k = j;
        return PM_OK;
    }
    if (a->instrument == PM_INSTRUMENT_PULSE)
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].metric: survey %lld has no pulse item on metric %lld",
                             i, (long long)survey, (long long)a->metric);
    return pm_error__set(&s->error, PM_EINVAL,
                         "answers[%zu].instrument: survey %lld does not ask %s", i,
                         (long long)survey, pm_survey__instrument_name(a->instrument));
}

static pm_status check_one(answered *got, pm_session *s, const pm_survey_instrument_list *l,
                           const pm_survey_answer *a, size_t i, pm_id survey)
{
    size_t k = 0;
    pm_status st = find_instrument(&k, s, l, a, i, survey);
    if (st != PM_OK)
        return st;
    const pm_survey_instrument_row *in = &l->items[k];
    const char *name = pm_survey__instrument_name(in->instrument);
    int items = pm_survey__item_count(in->instrument);
    if (a->item < 1 || a->item > items) {
        if (items == 1)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "answers[%zu].item: %s has one item, 1, not %d", i, name,
                                 a->item);
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].item: %s has items 1 to %d, not %d", i, name, items,
                             a->item);
    }
    answered *g = &got[k];
    unsigned int bit = 1u << (a->item - 1);
    if (g->items & bit)
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].item: %s item %d is answered twice (also in "
                             "answers[%zu])", i, name, a->item, g->where[a->item - 1]);
    if (!on_scale(in, a->value))
        return off_scale(s, in, i, a->value);
    if (g->items == 0)
        g->first = i;
    g->items |= bit;
    g->value[a->item - 1] = a->value;
    g->where[a->item - 1] = i;
    return PM_OK;
}

/* Every answer known, on its scale and given once; and every instrument
 * answered at all answered in full. */
static pm_status check_answers(answered *got, pm_session *s, const pm_survey_instrument_list *l,
                               const pm_survey_answer *answers, size_t n, pm_id survey)
{
    for (size_t i = 0; i < n; i++) {
        pm_status st = check_one(got, s, l, &answers[i], i, survey);
        if (st != PM_OK)
            return st;
    }
    for (size_t k = 0; k < l->count; k++) {
        if (got[k].items == 0)
            continue;
        int items = pm_survey__item_count(l->items[k].instrument);
        for (int item = 1; item <= items; item++)
            if (!(got[k].items & (1u << (item - 1))))
                return pm_error__set(&s->error, PM_EINVAL,
                                     "answers: %s item %d is missing (answers[%zu] begins it; "
                                     "an instrument is answered in full or not at all)",
                                     pm_survey__instrument_name(l->items[k].instrument), item,
                                     got[k].first);
    }
    return PM_OK;
}

/* ---- scoring ---- */

/* The instrument's published score: the WHO-5 percentage, the eNPS
 * answer, a CBI scale's mean, a pulse item's value. */
static pm_status score(double *out, pm_session *s, pm_instrument instrument, const answered *g)
{
    pm_status st = PM_OK;
    int items = pm_survey__item_count(instrument);
    if (instrument == PM_INSTRUMENT_WHO5) {
        pm_who5 w;
        st = pm_who5_score(&w, g->value);
        *out = w.percent;
    } else if (is_cbi(instrument)) {
        st = pm_cbi_score(out, g->value, (size_t)items);
    } else {
        *out = g->value[0];
    }
    if (st != PM_OK)
        return pm_error__set(&s->error, st, "survey: %s answers could not be scored",
                             pm_survey__instrument_name(instrument));
    return PM_OK;
}

/* ---- writing ---- */

static pm_status insert_answer(pm_session *s, pm_id survey, const pm_survey_instrument_row *in,
                               int item, int value)
{
    pm_value v[PM_SANS_NFIELDS];
    pm_id id = 0;
    v[PM_SANS_SURVEY] = pm_value__int(survey);
    v[PM_SANS_PERSON] = pm_value__int(s->actor.person);
    v[PM_SANS_INSTRUMENT] = pm_value__int(in->instrument);
    v[PM_SANS_METRIC] = pm_value__int(in->metric);
    v[PM_SANS_ITEM] = pm_value__int(item);
    v[PM_SANS_VALUE] = pm_value__int(value);
    pm_api__audit_create(s, v, PM_SANS_CREATED_AT);
    return pm_api__insert(s, PM_KIND_SURVEY_ANSWER, v, &id);
}

static pm_status write_instrument(pm_session *s, pm_id survey,
                                  const pm_survey_instrument_row *in, const answered *g,
                                  pm_time now)
{
    pm_status st = PM_OK;
    int items = pm_survey__item_count(in->instrument);
    for (int item = 1; st == PM_OK && item <= items; item++)
        st = insert_answer(s, survey, in, item, g->value[item - 1]);
    double value = 0;
    if (st == PM_OK)
        st = score(&value, s, in->instrument, g);
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_measurement__insert(&id, s, s->actor.person, in->metric, value, now,
                                    PM_MEASURED_BY_SURVEY, survey);
    return st;
}

static pm_status check_can_answer(pm_session *s, const pm_survey_row *r,
                                  const pm_survey_invitee *me)
{
    if (r->state != PM_SURVEY_OPEN)
        return pm_error__set(&s->error, PM_EINVAL, "survey: survey %lld is %s, not open",
                             (long long)r->id, pm_survey__state_name(r->state));
    pm_date today = pm_api__today(s->db);
    if (today < r->opens || today > r->closes) {
        char o[PM_DATE_BUFSIZE], c[PM_DATE_BUFSIZE], t[PM_DATE_BUFSIZE];
        pm_api__format_date(o, r->opens);
        pm_api__format_date(c, r->closes);
        pm_api__format_date(t, today);
        return pm_error__set(&s->error, PM_EINVAL,
                             "survey: survey %lld takes answers from %s to %s, not on %s",
                             (long long)r->id, o, c, t);
    }
    if (me->responded)
        return pm_error__set(&s->error, PM_EINVAL,
                             "survey: person %lld answered survey %lld already",
                             (long long)s->actor.person, (long long)r->id);
    return PM_OK;
}

static pm_status write_response(pm_session *s, const pm_survey_row *r,
                                const pm_survey_instrument_list *l, const answered *got)
{
    /* Read again inside the transaction: two sessions of one person must
     * not both get past "not answered yet". */
    pm_survey_invitee me;
    pm_status st = pm_survey__find_invitee(&me, s, r->id, s->actor.person);
    if (st == PM_OK && me.id == 0)
        st = pm_survey__refuse(s, PM_ACT_SURVEY_RESPOND);
    if (st == PM_OK)
        st = check_can_answer(s, r, &me);
    pm_time now = pm_api__now(s->db);
    for (size_t k = 0; st == PM_OK && k < l->count; k++)
        if (got[k].items != 0)
            st = write_instrument(s, r->id, &l->items[k], &got[k], now);
    if (st != PM_OK)
        return st;
    pm_value v[PM_SINV_NFIELDS];
    v[PM_SINV_RESPONDED] = pm_value__int(1);
    pm_api__audit_update(s, v, PM_SINV_CREATED_AT);
    return pm_api__update_fields(s, PM_KIND_SURVEY_INVITEE, me.id, v,
                                 PM_UPDATE_FIELD(PM_SINV_RESPONDED)
                                 | PM_UPDATE_FIELD(PM_SINV_UPDATED_AT)
                                 | PM_UPDATE_FIELD(PM_SINV_UPDATED_BY));
}

/* The actor is invited (relation PARTICIPANT); the system actor and anyone
 * else are refused. */
static pm_status authorize_respondent(pm_session *s, pm_survey_invitee *me, pm_id survey)
{
    memset(me, 0, sizeof *me);
    pm_status st = PM_OK;
    if (!s->actor.is_system)
        st = pm_survey__find_invitee(me, s, survey, s->actor.person);
    if (st != PM_OK)
        return st;
    pm_relation relation = me->id != 0 ? PM_REL_PARTICIPANT : PM_REL_NONE;
    if (pm_access__check(&s->actor, PM_ACT_SURVEY_RESPOND, relation) == PM_OK)
        return PM_OK;
    return pm_survey__refuse(s, PM_ACT_SURVEY_RESPOND);
}

pm_status pm_survey_respond(pm_session *s, pm_id survey, const pm_survey_answer *answers,
                            size_t nanswers)
{
    PM_CHECK_SESSION(s);
    pm_survey_row r;
    pm_survey_invitee me;
    pm_survey_instrument_list l = { s, 0, NULL, 0, 0 };
    answered *got = NULL;
    pm_status st = pm_survey__load(&r, NULL, s, survey);
    if (st == PM_OK)
        st = authorize_respondent(s, &me, survey);
    if (st == PM_OK)
        st = check_can_answer(s, &r, &me);
    if (st == PM_OK && (answers == NULL || nanswers == 0))
        st = pm_error__set(&s->error, PM_EINVAL, "answers: must hold at least one answer");
    if (st == PM_OK)
        st = pm_survey__read_instruments(&l, survey);
    if (st == PM_OK)
        st = pm_survey__pulse_scales(&l);
    if (st == PM_OK && l.count > 0) {
        got = pm__calloc(l.count, sizeof *got);
        if (got == NULL)
            st = pm_survey__out_of_memory(s);
    }
    if (st == PM_OK)
        st = check_answers(got, s, &l, answers, nanswers, survey);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st == PM_OK)
        st = pm_api__finish(s, write_response(s, &r, &l, got));
    pm__free(got);
    pm_survey__instruments_free(&l);
    return st;
}

/* ---- reading one's own answers ---- */

typedef struct my_list {
    pm_session *s;
    pm_survey_answer *items;
    size_t count;
    size_t cap;
} my_list;

static int append_answer(const pm_row *row, void *payload)
{
    my_list *l = payload;
    if (row->nvalues < PM_SANS_NFIELDS)
        return pm_survey__corrupt(l->s, "survey_answer", row);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_survey_answer *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return pm_survey__out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    pm_survey_answer *a = &l->items[l->count++];
    const pm_value *v = row->values;
    a->instrument = (pm_instrument)pm_value__as_int(&v[PM_SANS_INSTRUMENT]);
    /* The header's contract: a built-in's answer carries metric 0. */
    a->metric = a->instrument == PM_INSTRUMENT_PULSE ? pm_value__as_int(&v[PM_SANS_METRIC]) : 0;
    a->item = (int)pm_value__as_int(&v[PM_SANS_ITEM]);
    a->value = (int)pm_value__as_int(&v[PM_SANS_VALUE]);
    return 0;
}

static int compare_answers(const void *pa, const void *pb)
{
    const pm_survey_answer *a = pa, *b = pb;
    if (a->instrument != b->instrument)
        return a->instrument < b->instrument ? -1 : 1;
    if (a->metric != b->metric)
        return a->metric < b->metric ? -1 : 1;
    return (a->item > b->item) - (a->item < b->item);
}

pm_status pm_survey_my_answers(pm_survey_answer **out, size_t *n, pm_session *s, pm_id survey)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    PM_CHECK_ARG(s, n != NULL, "n");
    *out = NULL;
    *n = 0;
    pm_survey_row r;
    pm_status st = pm_api__authorize(s, PM_ACT_MEASURE_READ_OWN, s->actor.person);
    if (st == PM_OK)
        st = pm_survey__load(&r, NULL, s, survey);
    if (st != PM_OK)
        return st;
    my_list l = { s, NULL, 0, 0 };
    pm_value eq[2] = { pm_value__int(survey), pm_value__int(s->actor.person) };
    pm_scan scan = { PM_KIND_SURVEY_ANSWER, PM_SANS_BY_RESPONDENT, 2, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, append_answer, &l);
    if (st != PM_OK) {
        pm__free(l.items);
        return st;
    }
    if (l.count > 1)
        qsort(l.items, l.count, sizeof *l.items, compare_answers);
    *out = l.items;
    *n = l.count;
    return PM_OK;
}
