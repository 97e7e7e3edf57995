/* Survey rounds: creating them, adding instruments and audience, opening
 * (which freezes the audience into invitee rows) and closing, renewing
 * repeating pulses, reading a round. Reading stored rows and the
 * instruments' facts are in survey_rows.c, answering in
 * survey_respond.c, response rates in survey_results.c. */
#include "survey_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "org_people.h"
#include "person_internal.h"
#include "wellbeing_internal.h"
#include "../core/org.h"
#include "../util/date.h"
#include "../util/text.h"

#define SURVEY_OPTS "survey_opts"

struct pm_survey {
    pm_survey_row r;
    char *title;
    int invited;
    int responded;
    int answered_by_me;
};

/* ---- checks ---- */

static pm_status check_window(pm_session *s, pm_date opens, pm_date closes)
{
    pm_status st = pm_org__check_date(opens, "survey.opens", &s->error);
    if (st != PM_OK)
        return st;
    if (closes == PM_DATE_NONE)
        return pm_error__set(&s->error, PM_EINVAL, "survey.closes: must be given");
    st = pm_org__check_date(closes, "survey.closes", &s->error);
    if (st != PM_OK || closes >= opens)
        return st;
    char c[PM_DATE_BUFSIZE], o[PM_DATE_BUFSIZE];
    pm_api__format_date(c, closes);
    pm_api__format_date(o, opens);
    return pm_error__set(&s->error, PM_EINVAL, "survey.closes: %s is before it opens on %s", c,
                         o);
}

static pm_status check_numbers(pm_session *s, const pm_survey_opts *o)
{
    if (o->threshold < PM_SURVEY_THRESHOLD_MIN || o->threshold > PM_SURVEY_THRESHOLD_MAX)
        return pm_error__set(&s->error, PM_EINVAL, "survey.threshold: must be 3 to 10, not %d",
                             o->threshold);
    if (o->repeat_days != 0
        && (o->repeat_days < PM_SURVEY_REPEAT_MIN || o->repeat_days > PM_SURVEY_REPEAT_MAX))
        return pm_error__set(&s->error, PM_EINVAL,
                             "survey.repeat_days: must be 0 (once) or 7 to 365, not %d",
                             o->repeat_days);
    return PM_OK;
}

static pm_status require_state(pm_session *s, const pm_survey_row *r, pm_survey_state want)
{
    if (r->state == want)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "survey: survey %lld is %s, not %s",
                         (long long)r->id, pm_survey__state_name(r->state),
                         pm_survey__state_name(want));
}

/* Loads a survey to be run: the actor may run surveys, it exists and is
 * in state want. Access first, so that nobody else learns which ids exist. */
static pm_status load_managed(pm_survey_row *r, pm_session *s, pm_id survey,
                              pm_survey_state want)
{
    pm_status st = pm_api__authorize(s, PM_ACT_SURVEY_ADMIN, 0);
    if (st == PM_OK)
        st = pm_survey__load(r, NULL, s, survey);
    if (st == PM_OK)
        st = require_state(s, r, want);
    return st;
}

/* ---- create ---- */

pm_status pm_survey_opts_init(pm_survey_opts *opts, unsigned int version)
{
    static const pm_survey_opts defaults = PM_SURVEY_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_SURVEY_OPTS_VERSION);
}

/* A round's stored fields; next_on is when the following round is due. */
typedef struct new_survey {
    const char *title;
    pm_date opens, closes;
    int threshold, repeat_days;
    pm_id previous;
} new_survey;

static pm_status insert_survey(pm_id *out, pm_session *s, const new_survey *n)
{
    pm_value v[PM_SURVEY_NFIELDS];
    v[PM_SURVEY_TITLE] = pm_value__text(n->title, strlen(n->title));
    v[PM_SURVEY_STATE] = pm_value__int(PM_SURVEY_DRAFT);
    v[PM_SURVEY_OPENS_ON] = pm_value__date(n->opens);
    v[PM_SURVEY_CLOSES_ON] = pm_value__date(n->closes);
    v[PM_SURVEY_THRESHOLD] = pm_value__int(n->threshold);
    v[PM_SURVEY_REPEAT_DAYS] = pm_value__int(n->repeat_days);
    v[PM_SURVEY_NEXT_ON] = n->repeat_days > 0 ? pm_value__date(n->opens + n->repeat_days)
                                              : pm_value__null();
    v[PM_SURVEY_PREVIOUS] = pm_value__int(n->previous);
    pm_api__audit_create(s, v, PM_SURVEY_CREATED_AT);
    return pm_api__insert(s, PM_KIND_SURVEY, v, out);
}

pm_status pm_survey_create(pm_id *out, pm_session *s, const pm_survey_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    char *title = NULL;
    pm_status st = pm_api__check_version(s, SURVEY_OPTS, opts->version, PM_SURVEY_OPTS_VERSION);
    pm_date opens = pm_api__date_or_today(s->db, opts->opens);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_SURVEY_ADMIN, 0);
    if (st == PM_OK)
        st = pm_text__normalize_line(&title, NULL, opts->title, opts->title_len, "survey.title",
                                     PM_SURVEY_TEXT_MAX, &s->error);
    if (st == PM_OK)
        st = check_window(s, opens, opts->closes);
    if (st == PM_OK)
        st = check_numbers(s, opts);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK) {
        pm__free(title);
        return st;
    }
    new_survey n = { title, opens, opts->closes, opts->threshold, opts->repeat_days, 0 };
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_survey(&id, s, &n));
    pm__free(title);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- instruments ---- */

static pm_status insert_instrument(pm_session *s, pm_id survey, pm_instrument instrument,
                                   pm_id metric, const char *text)
{
    pm_value v[PM_SINST_NFIELDS];
    pm_id id = 0;
    v[PM_SINST_SURVEY] = pm_value__int(survey);
    v[PM_SINST_INSTRUMENT] = pm_value__int(instrument);
    v[PM_SINST_METRIC] = pm_value__int(metric);
    v[PM_SINST_TEXT] = pm_value__text(text, text ? strlen(text) : 0);
    pm_api__audit_create(s, v, PM_SINST_CREATED_AT);
    return pm_api__insert(s, PM_KIND_SURVEY_INSTRUMENT, v, &id);
}

static int whole(double x)
{
    return isfinite(x) && floor(x) == x && fabs(x) <= 1e9;
}

/* A pulse item's metric: a custom metric on a scale of whole numbers, so
 * that an answer (an int) can be any point of it. */
static pm_status check_pulse_metric(pm_session *s, pm_id metric)
{
    pm_metric_def def;
    pm_status st = pm_metric__load(&def, s, metric, "survey_instrument.metric");
    if (st != PM_OK)
        return st;
    if (def.builtin != 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "survey_instrument.metric: metric %lld is built in; a pulse item "
                             "needs a custom metric", (long long)metric);
    if (!whole(def.min) || !whole(def.max))
        return pm_error__set(&s->error, PM_EINVAL,
                             "survey_instrument.metric: metric %lld's scale %g to %g is not of "
                             "whole numbers", (long long)metric, def.min, def.max);
    return PM_OK;
}

static pm_status check_instrument_args(char **norm, pm_session *s, pm_instrument instrument,
                                       pm_id metric, const char *text, size_t text_len)
{
    if (!pm_survey__is_instrument((int)instrument))
        return pm_error__set(&s->error, PM_EINVAL,
                             "survey_instrument.instrument: %d is not an instrument (1 to 6)",
                             (int)instrument);
    if (instrument != PM_INSTRUMENT_PULSE) {
        if (metric != 0)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "survey_instrument.metric: must be 0 for %s (it scores into "
                                 "its built-in metric)", pm_survey__instrument_name(instrument));
        if (text != NULL)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "survey_instrument.text: must be NULL for %s (its items are "
                                 "published)", pm_survey__instrument_name(instrument));
        return PM_OK;
    }
    pm_status st = pm_text__normalize_line(norm, NULL, text, text_len, "survey_instrument.text",
                                           PM_SURVEY_TEXT_MAX, &s->error);
    if (st == PM_OK)
        st = check_pulse_metric(s, metric);
    return st;
}

static pm_status check_not_there(pm_session *s, pm_id survey, pm_instrument instrument,
                                 pm_id metric)
{
    pm_survey_instrument_list l = { s, 0, NULL, 0, 0 };
    pm_status st = pm_survey__read_instruments(&l, survey);
    for (size_t i = 0; st == PM_OK && i < l.count; i++) {
        if (l.items[i].instrument != instrument)
            continue;
        if (instrument != PM_INSTRUMENT_PULSE)
            st = pm_error__set(&s->error, PM_ECONFLICT,
                               "survey_instrument.instrument: survey %lld asks %s already",
                               (long long)survey, pm_survey__instrument_name(instrument));
        else if (l.items[i].metric == metric)
            st = pm_error__set(&s->error, PM_ECONFLICT,
                               "survey_instrument.metric: survey %lld has a pulse item on "
                               "metric %lld already", (long long)survey, (long long)metric);
    }
    pm_survey__instruments_free(&l);
    return st;
}

/* The built-in metric's id is looked up (and defined on first use) inside
 * the transaction, so a refused insert leaves no definition behind. */
static pm_status write_instrument(pm_session *s, pm_id survey, pm_instrument instrument,
                                  pm_id metric, const char *text)
{
    pm_status st = PM_OK;
    if (instrument != PM_INSTRUMENT_PULSE)
        st = pm_metric__builtin_id(&metric, s, pm_survey__instrument_metric(instrument));
    if (st == PM_OK)
        st = insert_instrument(s, survey, instrument, metric, text);
    return st;
}

pm_status pm_survey_add_instrument(pm_session *s, pm_id survey, pm_instrument instrument,
                                   pm_id metric, const char *text, size_t text_len)
{
    PM_CHECK_SESSION(s);
    char *norm = NULL;
    pm_survey_row r;
    pm_status st = load_managed(&r, s, survey, PM_SURVEY_DRAFT);
    if (st == PM_OK)
        st = check_instrument_args(&norm, s, instrument, metric, text, text_len);
    if (st == PM_OK)
        st = check_not_there(s, survey, instrument, metric);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st == PM_OK)
        st = pm_api__finish(s, write_instrument(s, survey, instrument, metric, norm));
    pm__free(norm);
    return st;
}

/* ---- audience ---- */

typedef struct audience_row {
    pm_id unit;
    pm_id person;
} audience_row;

typedef struct audience_list {
    pm_session *s;
    audience_row *items;
    size_t count;
    size_t cap;
} audience_list;

static int append_audience(const pm_row *row, void *payload)
{
    audience_list *l = payload;
    if (row->nvalues < PM_SAUD_NFIELDS)
        return pm_survey__corrupt(l->s, "survey_audience", row);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        audience_row *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return pm_survey__out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count].unit = pm_value__as_int(&row->values[PM_SAUD_UNIT]);
    l->items[l->count].person = pm_value__as_int(&row->values[PM_SAUD_PERSON]);
    l->count++;
    return 0;
}

static pm_status read_audience(audience_list *l, pm_id survey)
{
    pm_value eq[1] = { pm_value__int(survey) };
    pm_scan scan = { PM_KIND_SURVEY_AUDIENCE, PM_SAUD_BY_SURVEY, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(l->s, &scan, append_audience, l);
}

static pm_status insert_audience(pm_session *s, pm_id survey, pm_id unit, pm_id person)
{
    pm_value v[PM_SAUD_NFIELDS];
    pm_id id = 0;
    v[PM_SAUD_SURVEY] = pm_value__int(survey);
    v[PM_SAUD_UNIT] = pm_value__int(unit);
    v[PM_SAUD_PERSON] = pm_value__int(person);
    pm_api__audit_create(s, v, PM_SAUD_CREATED_AT);
    return pm_api__insert(s, PM_KIND_SURVEY_AUDIENCE, v, &id);
}

static pm_status check_audience_new(pm_session *s, pm_id survey, pm_id unit, pm_id person)
{
    audience_list l = { s, NULL, 0, 0 };
    pm_status st = read_audience(&l, survey);
    for (size_t i = 0; st == PM_OK && i < l.count; i++) {
        if (unit != 0 && l.items[i].unit == unit)
            st = pm_error__set(&s->error, PM_ECONFLICT,
                               "survey_audience.unit: unit %lld is in survey %lld's audience "
                               "already", (long long)unit, (long long)survey);
        else if (person != 0 && l.items[i].person == person)
            st = pm_error__set(&s->error, PM_ECONFLICT,
                               "survey_audience.person: person %lld is in survey %lld's "
                               "audience already", (long long)person, (long long)survey);
    }
    pm__free(l.items);
    return st;
}

pm_status pm_survey_add_audience(pm_session *s, pm_id survey, pm_id unit, pm_id person)
{
    PM_CHECK_SESSION(s);
    pm_survey_row r;
    pm_status st = load_managed(&r, s, survey, PM_SURVEY_DRAFT);
    if (st == PM_OK && (unit == 0) == (person == 0))
        st = pm_error__set(&s->error, PM_EINVAL,
                           "survey_audience: give exactly one of a unit and a person");
    if (st == PM_OK && unit != 0)
        st = pm_unit__check_exists(s, unit, "survey_audience.unit");
    if (st == PM_OK && person != 0)
        st = pm_person__check(s, person, "survey_audience.person", 1);
    if (st == PM_OK)
        st = check_audience_new(s, survey, unit, person);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, insert_audience(s, survey, unit, person));
}

/* ---- open and close ---- */

/* Appends n ids to *all (grown with pm__realloc). */
static pm_status append_ids(pm_session *s, pm_id **all, size_t *count, const pm_id *ids,
                            size_t n)
{
    if (n == 0)
        return PM_OK;
    pm_id *grown = pm__realloc(*all, (*count + n) * sizeof *grown);
    if (grown == NULL)
        return pm_survey__out_of_memory(s);
    memcpy(grown + *count, ids, n * sizeof *ids);
    *all = grown;
    *count += n;
    return PM_OK;
}

/* Everyone an audience reaches on day, sorted, each once (not yet checked
 * for having left). */
static pm_status reach(pm_id **out, size_t *count, pm_session *s, const audience_list *l,
                       pm_date day)
{
    *out = NULL;
    *count = 0;
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < l->count; i++) {
        if (l->items[i].person != 0) {
            st = append_ids(s, out, count, &l->items[i].person, 1);
            continue;
        }
        pm_id *people = NULL;
        size_t n = 0;
        st = pm_org__people_on(&people, &n, s, l->items[i].unit, day);
        if (st == PM_OK)
            st = append_ids(s, out, count, people, n);
        pm__free(people);
    }
    if (st != PM_OK) {
        pm__free(*out);
        *out = NULL;
        *count = 0;
        return st;
    }
    if (*count > 1)
        qsort(*out, *count, sizeof **out, pm_api__compare_ids);
    size_t k = 0;
    for (size_t i = 0; i < *count; i++)
        if (k == 0 || (*out)[k - 1] != (*out)[i])
            (*out)[k++] = (*out)[i];
    *count = k;
    return PM_OK;
}

static pm_status insert_invitee(pm_session *s, pm_id survey, pm_id person, pm_id unit)
{
    pm_value v[PM_SINV_NFIELDS];
    pm_id id = 0;
    v[PM_SINV_SURVEY] = pm_value__int(survey);
    v[PM_SINV_PERSON] = pm_value__int(person);
    v[PM_SINV_UNIT] = pm_value__int(unit);
    v[PM_SINV_RESPONDED] = pm_value__int(0);
    pm_api__audit_create(s, v, PM_SINV_CREATED_AT);
    return pm_api__insert(s, PM_KIND_SURVEY_INVITEE, v, &id);
}

pm_status pm_survey__freeze_audience(int *invited, pm_session *s, pm_id survey, pm_date day)
{
    *invited = 0;
    audience_list l = { s, NULL, 0, 0 };
    pm_id *people = NULL;
    size_t n = 0;
    pm_status st = read_audience(&l, survey);
    if (st == PM_OK)
        st = reach(&people, &n, s, &l, day);
    pm__free(l.items);
    for (size_t i = 0; st == PM_OK && i < n; i++) {
        int found = 0;
        pm_person_status status = (pm_person_status)0;
        pm_id unit = 0;
        st = pm_person__status(&found, &status, s, people[i]);
        if (st != PM_OK || !found || status != PM_PERSON_ACTIVE)
            continue;
        st = pm_org__unit_on(&unit, s, people[i], day);
        if (st == PM_OK)
            st = insert_invitee(s, survey, people[i], unit);
        if (st == PM_OK)
            (*invited)++;
    }
    pm__free(people);
    return st;
}

static pm_status set_state(pm_session *s, pm_id survey, pm_survey_state state)
{
    pm_value v[PM_SURVEY_NFIELDS];
    v[PM_SURVEY_STATE] = pm_value__int(state);
    pm_api__audit_update(s, v, PM_SURVEY_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_SURVEY_STATE) | PM_UPDATE_FIELD(PM_SURVEY_UPDATED_AT)
                      | PM_UPDATE_FIELD(PM_SURVEY_UPDATED_BY);
    return pm_api__update_fields(s, PM_KIND_SURVEY, survey, v, fields);
}

/* The day whose organisation a survey's audience is frozen from: its
 * first day, or today when it opens late. */
static pm_date freeze_day(const pm_survey_row *r, pm_date today)
{
    return r->opens > today ? r->opens : today;
}

static pm_status open_survey(pm_session *s, const pm_survey_row *r)
{
    int invited = 0;
    pm_date day = freeze_day(r, pm_api__today(s->db));
    pm_status st = pm_survey__freeze_audience(&invited, s, r->id, day);
    if (st == PM_OK && invited == 0) {
        char d[PM_DATE_BUFSIZE];
        pm_api__format_date(d, day);
        st = pm_error__set(&s->error, PM_EINVAL,
                           "survey: nobody active is in survey %lld's audience on %s",
                           (long long)r->id, d);
    }
    if (st == PM_OK)
        st = set_state(s, r->id, PM_SURVEY_OPEN);
    return st;
}

static int note_any(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 1;
}

static pm_status has_any(int *out, pm_session *s, unsigned int kind, unsigned int index,
                         pm_id survey)
{
    *out = 0;
    pm_value eq[1] = { pm_value__int(survey) };
    pm_scan scan = { kind, index, 1, eq, NULL, NULL, 0, 1 };
    return pm_api__scan(s, &scan, note_any, out);
}

pm_status pm_survey_open(pm_session *s, pm_id survey)
{
    PM_CHECK_SESSION(s);
    pm_survey_row r;
    int instruments = 0, audience = 0;
    pm_status st = load_managed(&r, s, survey, PM_SURVEY_DRAFT);
    if (st == PM_OK)
        st = has_any(&instruments, s, PM_KIND_SURVEY_INSTRUMENT, PM_SINST_BY_SURVEY, survey);
    if (st == PM_OK && !instruments)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "survey: survey %lld has no instrument; add one before opening it",
                           (long long)survey);
    if (st == PM_OK)
        st = has_any(&audience, s, PM_KIND_SURVEY_AUDIENCE, PM_SAUD_BY_SURVEY, survey);
    if (st == PM_OK && !audience)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "survey: survey %lld has no audience; add a unit or a person before "
                           "opening it", (long long)survey);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, open_survey(s, &r));
}

pm_status pm_survey_close(pm_session *s, pm_id survey)
{
    PM_CHECK_SESSION(s);
    pm_survey_row r;
    pm_status st = load_managed(&r, s, survey, PM_SURVEY_OPEN);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, set_state(s, survey, PM_SURVEY_CLOSED));
}

/* ---- renewing repeating pulses ---- */

typedef struct due_ids {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} due_ids;

static int collect_due(const pm_row *row, void *payload)
{
    due_ids *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_survey__out_of_memory(l->s);
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->count++] = row->id;
    return 0;
}

static pm_status copy_instruments(pm_session *s, pm_id from, pm_id to)
{
    pm_survey_instrument_list l = { s, 1, NULL, 0, 0 };
    pm_status st = pm_survey__read_instruments(&l, from);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = insert_instrument(s, to, l.items[i].instrument, l.items[i].metric,
                               l.items[i].text);
    pm_survey__instruments_free(&l);
    return st;
}

static pm_status copy_audience(pm_session *s, pm_id from, pm_id to)
{
    audience_list l = { s, NULL, 0, 0 };
    pm_status st = read_audience(&l, from);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = insert_audience(s, to, l.items[i].unit, l.items[i].person);
    pm__free(l.items);
    return st;
}

/* The new round's window is the old one's moved by whole periods: one,
 * or as many as bring its next round past date, so that renewing after a
 * long pause makes the current round rather than every round missed. */
static pm_date periods_to_shift(const pm_survey_row *old, pm_date date)
{
    int64_t periods = ((int64_t)date - old->opens) / old->repeat_days;
    return (pm_date)((periods > 1 ? periods : 1) * old->repeat_days);
}

/* Makes the round after old (copying its instruments and audience), opens
 * it when its first day has come and anyone is in its audience (a round
 * whose audience is empty stays a draft for HR to look at), closes old if
 * it is open, and clears old's next_on so it is not renewed again. */
static pm_status renew_one(int *created, pm_session *s, pm_id survey, pm_date date)
{
    pm_survey_row old;
    char *title = NULL;
    pm_status st = pm_survey__load(&old, &title, s, survey);
    if (st != PM_OK || old.repeat_days <= 0 || old.next_on == PM_DATE_NONE) {
        pm__free(title);
        return st;
    }
    pm_date shift = periods_to_shift(&old, date);
    new_survey n = { title, old.opens + shift, old.closes + shift, old.threshold,
                     old.repeat_days, old.id };
    pm_survey_row next = { 0, PM_SURVEY_DRAFT, n.opens, n.closes, n.threshold, n.repeat_days,
                           n.opens + n.repeat_days, old.id };
    st = insert_survey(&next.id, s, &n);
    pm__free(title);
    if (st == PM_OK)
        st = copy_instruments(s, old.id, next.id);
    if (st == PM_OK)
        st = copy_audience(s, old.id, next.id);
    if (st == PM_OK && next.opens <= date) {
        int invited = 0;
        st = pm_survey__freeze_audience(&invited, s, next.id,
                                        freeze_day(&next, pm_api__today(s->db)));
        if (st == PM_OK && invited > 0)
            st = set_state(s, next.id, PM_SURVEY_OPEN);
    }
    if (st == PM_OK && old.state == PM_SURVEY_OPEN)
        st = set_state(s, old.id, PM_SURVEY_CLOSED);
    if (st != PM_OK)
        return st;
    (*created)++;
    pm_value v[PM_SURVEY_NFIELDS];
    v[PM_SURVEY_NEXT_ON] = pm_value__null();
    pm_api__audit_update(s, v, PM_SURVEY_CREATED_AT);
    return pm_api__update_fields(s, PM_KIND_SURVEY, old.id, v,
                                 PM_UPDATE_FIELD(PM_SURVEY_NEXT_ON)
                                 | PM_UPDATE_FIELD(PM_SURVEY_UPDATED_AT)
                                 | PM_UPDATE_FIELD(PM_SURVEY_UPDATED_BY));
}

static pm_status renew_all(int *created, pm_session *s, pm_date date)
{
    /* A NULL next_on sorts lowest: any lower bound leaves out the rounds
     * that do not repeat or were renewed already. */
    pm_value lo = pm_value__date(pm_date__from_civil(1, 1, 1));
    pm_value hi = pm_value__date(date);
    pm_scan scan = { PM_KIND_SURVEY, PM_SURVEY_BY_NEXT_ON, 0, NULL, &lo, &hi, 0, 0 };
    due_ids l = { s, NULL, 0, 0 };
    /* Ids first: writing while the scan walks the same index is not allowed. */
    pm_status st = pm_api__scan(s, &scan, collect_due, &l);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = renew_one(created, s, l.ids[i], date);
    pm__free(l.ids);
    return st;
}

pm_status pm_survey_renew(int *created, pm_session *s, pm_date date)
{
    PM_CHECK_SESSION(s);
    if (created != NULL)
        *created = 0;
    pm_date day = pm_api__date_or_today(s->db, date);
    pm_status st = pm_api__authorize(s, PM_ACT_SURVEY_ADMIN, 0);
    if (st == PM_OK)
        st = pm_org__check_date(day, "date", &s->error);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    int n = 0;
    st = pm_api__finish(s, renew_all(&n, s, day));
    if (st == PM_OK && created != NULL)
        *created = n;
    return st;
}

/* ---- snapshots ---- */

typedef struct counts {
    int invited;
    int responded;
} counts;

static int count_invitee(const pm_row *row, void *payload)
{
    counts *c = payload;
    if (row->nvalues < PM_SINV_NFIELDS)
        return PM_ECORRUPT;
    c->invited++;
    c->responded += pm_value__as_int(&row->values[PM_SINV_RESPONDED]) != 0;
    return 0;
}

static pm_status fill_counts(pm_survey *snap, pm_session *s)
{
    counts c = { 0, 0 };
    pm_value eq[1] = { pm_value__int(snap->r.id) };
    pm_scan scan = { PM_KIND_SURVEY_INVITEE, PM_SINV_BY_SURVEY, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, count_invitee, &c);
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT, "survey_invitee: stored row is too short");
    snap->invited = c.invited;
    snap->responded = c.responded;
    if (st != PM_OK || s->actor.is_system)
        return st;
    /* Whether the session's person answered is theirs to know, so it is
     * read for them alone. */
    pm_survey_invitee me;
    st = pm_survey__find_invitee(&me, s, snap->r.id, s->actor.person);
    snap->answered_by_me = st == PM_OK && me.responded;
    return st;
}

pm_status pm_survey_get(pm_survey **out, pm_session *s, pm_id survey)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_survey *snap = pm__calloc(1, sizeof *snap);
    if (snap == NULL)
        return pm_survey__out_of_memory(s);
    pm_status st = pm_survey__load(&snap->r, &snap->title, s, survey);
    if (st == PM_OK)
        st = fill_counts(snap, s);
    if (st != PM_OK) {
        pm_survey_free(snap);
        return st;
    }
    *out = snap;
    return PM_OK;
}

void pm_survey_free(pm_survey *survey)
{
    if (survey == NULL)
        return;
    pm__free(survey->title);
    pm__free(survey);
}

pm_id pm_survey_id(const pm_survey *survey)
{
    return survey ? survey->r.id : 0;
}

const char *pm_survey_title(const pm_survey *survey)
{
    return survey ? survey->title : NULL;
}

pm_survey_state pm_survey_state_get(const pm_survey *survey)
{
    return survey ? survey->r.state : (pm_survey_state)0;
}

pm_date pm_survey_opens(const pm_survey *survey)
{
    return survey ? survey->r.opens : PM_DATE_NONE;
}

pm_date pm_survey_closes(const pm_survey *survey)
{
    return survey ? survey->r.closes : PM_DATE_NONE;
}

int pm_survey_threshold(const pm_survey *survey)
{
    return survey ? survey->r.threshold : 0;
}

int pm_survey_repeat_days(const pm_survey *survey)
{
    return survey ? survey->r.repeat_days : 0;
}

pm_id pm_survey_previous(const pm_survey *survey)
{
    return survey ? survey->r.previous : 0;
}

int pm_survey_invited(const pm_survey *survey)
{
    return survey ? survey->invited : 0;
}

int pm_survey_responded(const pm_survey *survey)
{
    return survey ? survey->responded : 0;
}

int pm_survey_answered_by_me(const pm_survey *survey)
{
    return survey ? survey->answered_by_me : 0;
}
