/* What the survey files share (survey_internal.h): reading a survey, its
 * instruments and an invitee from the store, the instruments' facts (item
 * counts, the metric each scores into, names for messages), and the
 * refusal message. */
#include "survey_internal.h"

#include <string.h>

#include "wellbeing_internal.h"

pm_status pm_survey__out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "survey: out of memory");
}

pm_status pm_survey__corrupt(pm_session *s, const char *what, const pm_row *row)
{
    return pm_error__set(&s->error, PM_ECORRUPT, "%s: stored row %lld has %u fields", what,
                         (long long)row->id, row->nvalues);
}

const char *pm_survey__state_name(pm_survey_state state)
{
    switch (state) {
    case PM_SURVEY_DRAFT: return "draft";
    case PM_SURVEY_OPEN: return "open";
    case PM_SURVEY_CLOSED: return "closed";
    }
    return "?";
}

const char *pm_survey__instrument_name(pm_instrument instrument)
{
    switch (instrument) {
    case PM_INSTRUMENT_WHO5: return "WHO-5";
    case PM_INSTRUMENT_ENPS: return "eNPS";
    case PM_INSTRUMENT_CBI_PERSONAL: return "CBI personal burnout";
    case PM_INSTRUMENT_CBI_WORK: return "CBI work-related burnout";
    case PM_INSTRUMENT_CBI_CLIENT: return "CBI client-related burnout";
    case PM_INSTRUMENT_PULSE: return "pulse";
    }
    return "?";
}

int pm_survey__is_instrument(int instrument)
{
    return instrument >= PM_INSTRUMENT_WHO5 && instrument <= PM_INSTRUMENT_PULSE;
}

pm_builtin_metric pm_survey__instrument_metric(pm_instrument instrument)
{
    switch (instrument) {
    case PM_INSTRUMENT_WHO5: return PM_METRIC_WHO5;
    case PM_INSTRUMENT_ENPS: return PM_METRIC_ENPS;
    case PM_INSTRUMENT_CBI_PERSONAL: return PM_METRIC_CBI_PERSONAL;
    case PM_INSTRUMENT_CBI_WORK: return PM_METRIC_CBI_WORK;
    case PM_INSTRUMENT_CBI_CLIENT: return PM_METRIC_CBI_CLIENT;
    case PM_INSTRUMENT_PULSE: break;
    }
    return (pm_builtin_metric)0;
}

int pm_survey__item_count(pm_instrument instrument)
{
    switch (instrument) {
    case PM_INSTRUMENT_WHO5: return 5;
    case PM_INSTRUMENT_CBI_PERSONAL: return 6;
    case PM_INSTRUMENT_CBI_WORK: return 7;
    case PM_INSTRUMENT_CBI_CLIENT: return 6;
    case PM_INSTRUMENT_ENPS:
    case PM_INSTRUMENT_PULSE: return 1;
    }
    return 0;
}

pm_status pm_survey__refuse(pm_session *s, pm_action action)
{
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(action));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(action));
}

typedef struct survey_read {
    pm_session *s;
    pm_survey_row *r;
    char **title;
    int found;
} survey_read;

static int read_survey(const pm_row *row, void *payload)
{
    survey_read *sr = payload;
    if (row->nvalues < PM_SURVEY_NFIELDS)
        return pm_survey__corrupt(sr->s, "survey", row);
    const pm_value *v = row->values;
    pm_survey_row *r = sr->r;
    r->id = row->id;
    r->state = (pm_survey_state)pm_value__as_int(&v[PM_SURVEY_STATE]);
    r->opens = pm_value__as_date(&v[PM_SURVEY_OPENS_ON]);
    r->closes = pm_value__as_date(&v[PM_SURVEY_CLOSES_ON]);
    r->threshold = (int)pm_value__as_int(&v[PM_SURVEY_THRESHOLD]);
    r->repeat_days = (int)pm_value__as_int(&v[PM_SURVEY_REPEAT_DAYS]);
    r->next_on = pm_value__as_date(&v[PM_SURVEY_NEXT_ON]);
    r->previous = pm_value__as_int(&v[PM_SURVEY_PREVIOUS]);
    if (sr->title != NULL) {
        const pm_value *t = &v[PM_SURVEY_TITLE];
        pm__free(*sr->title);
        *sr->title = t->type == PM_VALUE_TEXT ? pm__strndup(t->v.b.data, t->v.b.len)
                                              : pm__strdup("");
        if (*sr->title == NULL)
            return pm_survey__out_of_memory(sr->s);
    }
    sr->found = 1;
    return 0;
}

pm_status pm_survey__load(pm_survey_row *out, char **title, pm_session *s, pm_id survey)
{
    memset(out, 0, sizeof *out);
    if (survey <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "survey: %lld is not a survey id",
                             (long long)survey);
    survey_read sr = { s, out, title, 0 };
    pm_status st = pm_api__get(s, PM_KIND_SURVEY, survey, read_survey, &sr);
    if (st == PM_ENOTFOUND || (st == PM_OK && !sr.found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "survey: survey %lld does not exist",
                             (long long)survey);
    return st;
}

static int read_invitee(const pm_row *row, void *payload)
{
    pm_survey_invitee *inv = payload;
    if (row->nvalues < PM_SINV_NFIELDS)
        return PM_ECORRUPT;
    inv->id = row->id;
    inv->unit = pm_value__as_int(&row->values[PM_SINV_UNIT]);
    inv->responded = pm_value__as_int(&row->values[PM_SINV_RESPONDED]) != 0;
    return 1;
}

pm_status pm_survey__find_invitee(pm_survey_invitee *out, pm_session *s, pm_id survey,
                                  pm_id person)
{
    memset(out, 0, sizeof *out);
    if (person <= 0)
        return PM_OK;
    pm_value eq[2] = { pm_value__int(survey), pm_value__int(person) };
    pm_scan scan = { PM_KIND_SURVEY_INVITEE, PM_SINV_BY_SURVEY, 2, eq, NULL, NULL, 0, 1 };
    pm_status st = pm_api__scan(s, &scan, read_invitee, out);
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT, "survey_invitee: stored row is too short");
    return st;
}

static int append_instrument(const pm_row *row, void *payload)
{
    pm_survey_instrument_list *l = payload;
    if (row->nvalues < PM_SINST_NFIELDS)
        return pm_survey__corrupt(l->s, "survey_instrument", row);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 4;
        pm_survey_instrument_row *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return pm_survey__out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    pm_survey_instrument_row *it = &l->items[l->count];
    memset(it, 0, sizeof *it);
    it->id = row->id;
    it->instrument = (pm_instrument)pm_value__as_int(&row->values[PM_SINST_INSTRUMENT]);
    it->metric = pm_value__as_int(&row->values[PM_SINST_METRIC]);
    const pm_value *t = &row->values[PM_SINST_TEXT];
    if (l->with_text && t->type == PM_VALUE_TEXT) {
        it->text = pm__strndup(t->v.b.data, t->v.b.len);
        if (it->text == NULL)
            return pm_survey__out_of_memory(l->s);
    }
    l->count++;
    return 0;
}

pm_status pm_survey__read_instruments(pm_survey_instrument_list *list, pm_id survey)
{
    pm_value eq[1] = { pm_value__int(survey) };
    pm_scan scan = { PM_KIND_SURVEY_INSTRUMENT, PM_SINST_BY_SURVEY, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(list->s, &scan, append_instrument, list);
}

void pm_survey__instruments_free(pm_survey_instrument_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        pm__free(list->items[i].text);
    pm__free(list->items);
    list->items = NULL;
    list->count = list->cap = 0;
}

pm_status pm_survey__pulse_scales(pm_survey_instrument_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        pm_survey_instrument_row *it = &list->items[i];
        if (it->instrument != PM_INSTRUMENT_PULSE)
            continue;
        pm_metric_def def;
        pm_status st = pm_metric__load(&def, list->s, it->metric, "survey_instrument.metric");
        if (st != PM_OK)
            return st;
        it->min = def.min;
        it->max = def.max;
    }
    return PM_OK;
}
