/* Response rates of a survey, per unit of its frozen audience (the unit
 * each invitee was in when it opened), streamed from the invitee index in
 * unit order, with the survey's anonymity threshold.
 *
 * Suppression: a unit with fewer invitees than the threshold shows no
 * counts. That alone would not protect it: pm_survey_get() gives the
 * survey's totals to anyone, and the totals minus the units shown would
 * be the small unit's counts. So when the units suppressed hold from 1 to
 * threshold - 1 invitees together, the smallest unit shown is suppressed
 * too (and again, until the suppressed units together reach the
 * threshold or none is left shown): what can be worked out by subtraction
 * is then always a group of at least the threshold. */
#include "survey_internal.h"

#include <string.h>

#include "org_internal.h"

struct pm_response_rate {
    pm_id unit;
    int suppressed;
    int invited;
    int responded;
    double value;
};

struct pm_response_rate_iter {
    pm_response_rate *items;
    size_t count;
    size_t next;
};

typedef struct rate_list {
    pm_session *s;
    pm_response_rate *items;
    size_t count;
    size_t cap;
} rate_list;

/* Rows come in unit order: a new unit starts a new entry. */
static int add_invitee(const pm_row *row, void *payload)
{
    rate_list *l = payload;
    if (row->nvalues < PM_SINV_NFIELDS)
        return pm_survey__corrupt(l->s, "survey_invitee", row);
    pm_id unit = pm_value__as_int(&row->values[PM_SINV_UNIT]);
    if (l->count == 0 || l->items[l->count - 1].unit != unit) {
        if (l->count == l->cap) {
            size_t cap = l->cap ? l->cap * 2 : 8;
            pm_response_rate *items = pm__realloc(l->items, cap * sizeof *items);
            if (items == NULL)
                return pm_survey__out_of_memory(l->s);
            l->items = items;
            l->cap = cap;
        }
        memset(&l->items[l->count], 0, sizeof l->items[l->count]);
        l->items[l->count++].unit = unit;
    }
    pm_response_rate *r = &l->items[l->count - 1];
    r->invited++;
    r->responded += pm_value__as_int(&row->values[PM_SINV_RESPONDED]) != 0;
    return 0;
}

/* The unit shown with the fewest invitees (the lowest id among equals),
 * or count when none is shown. */
static size_t smallest_shown(const pm_response_rate *items, size_t count)
{
    size_t best = count;
    for (size_t i = 0; i < count; i++)
        if (!items[i].suppressed && (best == count || items[i].invited < items[best].invited))
            best = i;
    return best;
}

/* Primary suppression below the threshold, then the complementary
 * suppression described at the top of the file. */
static void suppress(pm_response_rate *items, size_t count, int threshold)
{
    long hidden = 0;
    for (size_t i = 0; i < count; i++) {
        if (items[i].invited < threshold) {
            items[i].suppressed = 1;
            hidden += items[i].invited;
        }
    }
    while (hidden > 0 && hidden < threshold) {
        size_t k = smallest_shown(items, count);
        if (k == count)
            break;
        items[k].suppressed = 1;
        hidden += items[k].invited;
    }
    for (size_t i = 0; i < count; i++) {
        if (items[i].suppressed) {
            items[i].invited = items[i].responded = 0;
            items[i].value = 0.0;
        } else {
            items[i].value = (double)items[i].responded / items[i].invited;
        }
    }
}

pm_status pm_survey_response_rates(pm_response_rate_iter **out, pm_session *s, pm_id survey)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_survey_row r;
    pm_status st = pm_api__authorize(s, PM_ACT_SURVEY_ADMIN, 0);
    if (st == PM_OK)
        st = pm_survey__load(&r, NULL, s, survey);
    if (st == PM_OK && r.state == PM_SURVEY_DRAFT)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "survey: survey %lld is a draft; it has response rates once it opens",
                           (long long)survey);
    if (st != PM_OK)
        return st;
    rate_list l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(survey) };
    pm_scan scan = { PM_KIND_SURVEY_INVITEE, PM_SINV_BY_UNIT, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, add_invitee, &l);
    pm_response_rate_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = pm_survey__out_of_memory(s);
    if (st != PM_OK) {
        pm__free(l.items);
        return st;
    }
    suppress(l.items, l.count, r.threshold);
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_response_rate_iter_next(pm_response_rate **out, pm_response_rate_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_response_rate_iter_free(pm_response_rate_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

pm_id pm_response_rate_unit(const pm_response_rate *rate)
{
    return rate ? rate->unit : 0;
}

int pm_response_rate_suppressed(const pm_response_rate *rate)
{
    return rate ? rate->suppressed : 0;
}

int pm_response_rate_invited(const pm_response_rate *rate)
{
    return rate ? rate->invited : 0;
}

int pm_response_rate_responded(const pm_response_rate *rate)
{
    return rate ? rate->responded : 0;
}

double pm_response_rate_value(const pm_response_rate *rate)
{
    return rate ? rate->value : 0.0;
}
