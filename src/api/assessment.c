/* Assessments: recording one (pm_assessment_add), listing a person's
 * (pm_assessment_list and its iterator), and the current level
 * (pm_competency_level, pm_competency__level_on, pm_level_rule__resolve).
 * The level rule and who may see a blind round's assessments are decided
 * in core/assessment.c; rounds themselves live in assessment_round.c. */
#include "competency_internal.h"

#include <stdlib.h>
#include <string.h>

#include "assessment_internal.h"

#include "org_internal.h"
#include "person_internal.h"
#include "../core/assessment.h"
#include "../core/org.h"
#include "../util/text.h"

struct pm_assessment {
    pm_id id;
    pm_id person;
    pm_id competency;
    int level;
    pm_assessment_source source;
    pm_id assessor;
    pm_date on;
    pm_id round;
    int released;
    char *note; /* NULL when none */
};

struct pm_assessment_iter {
    pm_assessment *items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "assessment: out of memory");
}

static pm_status check_row(const pm_row *row)
{
    return row->nvalues == PM_ASSESS_NFIELDS ? PM_OK : PM_ECORRUPT;
}

/* ---- the level rule ---- */

pm_status pm_level_rule__resolve(pm_level_rule *out, pm_session *s, const pm_level_rule *rule)
{
    static const pm_level_rule defaults = PM_LEVEL_RULE_INIT;
    *out = defaults;
    if (rule == NULL)
        return PM_OK;
    pm_status st = pm_api__check_version(s, "rule", rule->version, PM_LEVEL_RULE_VERSION);
    if (st != PM_OK)
        return st;
    *out = *rule;
    return pm_level_rule__check(out, &s->error);
}

typedef struct level_scan {
    pm_level_sources sources;
} level_scan;

static int note_released(const pm_row *row, void *payload)
{
    level_scan *l = payload;
    if (check_row(row) != PM_OK)
        return PM_ECORRUPT;
    const pm_value *v = row->values;
    /* An unreleased round assessment never counts, whoever asks: the level
     * must not reveal one side's judgement to the other. */
    if (v[PM_ASSESS_RELEASED].v.i == 0)
        return 0;
    pm_level_sources__note(&l->sources, (int)v[PM_ASSESS_SOURCE].v.i, (pm_date)v[PM_ASSESS_ON].v.i,
                           row->id, (int)v[PM_ASSESS_LEVEL].v.i);
    return 0;
}

pm_status pm_competency__level_on(double *level, int *assessed, pm_session *s, pm_id person,
                                  pm_id competency, pm_date date, const pm_level_rule *rule)
{
    *level = 0;
    *assessed = 0;
    level_scan l;
    memset(&l, 0, sizeof l);
    pm_value eq[2] = { pm_value__int(person), pm_value__int(competency) };
    /* No lower bound: every assessment up to and including date. */
    pm_value hi = pm_value__date(pm_api__date_or_today(s->db, date));
    pm_scan scan = { PM_KIND_ASSESSMENT, PM_ASSESS_BY_PERSON, 2, eq, NULL, &hi, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, note_released, &l);
    if (st == PM_OK)
        pm_level__compute(level, assessed, rule, &l.sources);
    return st;
}

pm_status pm_competency_level(double *level, int *assessed, pm_session *s, pm_id person,
                              pm_id competency, pm_date date, const pm_level_rule *rule)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, level != NULL, "level");
    PM_CHECK_ARG(s, assessed != NULL, "assessed");
    *level = 0;
    *assessed = 0;
    pm_level_rule r;
    pm_status st = pm_level_rule__resolve(&r, s, rule);
    if (st == PM_OK && date != PM_DATE_NONE)
        st = pm_org__check_date(date, "date", &s->error);
    if (st == PM_OK)
        st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK)
        st = pm_competency__check(s, competency, "competency", NULL, NULL);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ASSESS_READ, person);
    if (st != PM_OK)
        return st;
    return pm_competency__level_on(level, assessed, s, person, competency,
                                   pm_api__date_or_today(s->db, date), &r);
}

/* ---- adding ---- */

pm_status pm_assessment_opts_init(pm_assessment_opts *opts, unsigned int version)
{
    static const pm_assessment_opts defaults = PM_ASSESSMENT_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_ASSESSMENT_OPTS_VERSION);
}

/* The assessment's round checks, made inside the transaction so that a
 * side cannot submit between the check and the insert. *on becomes the
 * round's day. */
static pm_status check_round(pm_session *s, const pm_assessment_opts *opts, pm_date *on)
{
    /* A negative id is named before a bad source: the read refuses it. */
    pm_status st = PM_OK;
    if (opts->round > 0)
        st = pm_assessment__check_round_source((int)opts->source, &s->error);
    pm_round_row r;
    if (st == PM_OK)
        st = pm_assessment_round__read(&r, s, opts->round, "assessment.round");
    if (st != PM_OK)
        return st;
    pm_id person = r.v[PM_AROUND_PERSON].v.i;
    pm_date day = (pm_date)r.v[PM_AROUND_ON].v.i;
    if (person != opts->person)
        return pm_error__set(&s->error, PM_EINVAL,
                             "assessment.round: assessment round %lld is person %lld's, not "
                             "person %lld's",
                             (long long)r.id, (long long)person, (long long)opts->person);
    int side = opts->source == PM_ASSESSED_BY_SELF ? PM_AROUND_SELF_AT : PM_AROUND_MANAGER_AT;
    if (r.v[side].type != PM_VALUE_NULL)
        return pm_error__set(&s->error, PM_EINVAL,
                             "assessment.round: the %s side of assessment round %lld has "
                             "already submitted",
                             pm_assessment__source_name((int)opts->source), (long long)r.id);
    if (opts->on != PM_DATE_NONE && opts->on != day) {
        char given[PM_DATE_BUFSIZE], round_day[PM_DATE_BUFSIZE];
        pm_api__format_date(given, opts->on);
        pm_api__format_date(round_day, day);
        return pm_error__set(&s->error, PM_EINVAL,
                             "assessment.on: %s is not the day of assessment round %lld (%s); "
                             "leave it unset",
                             given, (long long)r.id, round_day);
    }
    *on = day;
    return PM_OK;
}

static pm_action action_of(pm_assessment_source source)
{
    return source == PM_ASSESSED_BY_SELF      ? PM_ACT_ASSESS_SELF
         : source == PM_ASSESSED_BY_MANAGER ? PM_ACT_ASSESS_MANAGER
                                            : PM_ACT_ASSESS_360;
}

/* Everything add checks before its transaction: the fields, the people and
 * the session's right to assess from this source. */
static pm_status check_fields(pm_session *s, const pm_assessment_opts *opts, char **note,
                              size_t *note_len)
{
    pm_status st = pm_api__check_version(s, "assessment", opts->version,
                                         PM_ASSESSMENT_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    if (!pm_assessment__is_source((int)opts->source))
        return pm_error__set(&s->error, PM_EINVAL,
                             "assessment.source: %d is not a source (%d self, %d manager, "
                             "%d 360)",
                             (int)opts->source, (int)PM_ASSESSED_BY_SELF,
                             (int)PM_ASSESSED_BY_MANAGER, (int)PM_ASSESSED_BY_360);
    /* Someone who has left gets no new assessments: their manager chain
     * has ended, and their history stays as it was. */
    st = pm_person__check(s, opts->person, "assessment.person", 1);
    int min = 0, max = 0;
    if (st == PM_OK)
        st = pm_competency__check(s, opts->competency, "assessment.competency", &min, &max);
    if (st == PM_OK)
        st = pm_api__authorize(s, action_of(opts->source), opts->person);
    if (st == PM_OK && (opts->level < min || opts->level > max))
        st = pm_error__set(&s->error, PM_EINVAL,
                           "assessment.level: %d is outside the scale %d to %d", opts->level,
                           min, max);
    if (st == PM_OK && opts->on != PM_DATE_NONE) {
        st = pm_org__check_date(opts->on, "assessment.on", &s->error);
        if (st == PM_OK)
            st = pm_api__check_not_future(s, opts->on, "assessment.on");
    }
    if (st == PM_OK)
        st = pm_text__normalize(note, note_len, opts->note, opts->note_len, "assessment.note",
                                PM_COMPETENCY_TEXT_MAX, 0, &s->error);
    return st;
}

static pm_status insert_assessment(pm_id *out, pm_session *s, const pm_assessment_opts *opts,
                                   const char *note, size_t note_len)
{
    pm_date on = pm_api__date_or_today(s->db, opts->on);
    pm_status st = opts->round != 0 ? check_round(s, opts, &on) : PM_OK;
    if (st != PM_OK)
        return st;
    pm_value v[PM_ASSESS_NFIELDS];
    v[PM_ASSESS_PERSON] = pm_value__int(opts->person);
    v[PM_ASSESS_COMPETENCY] = pm_value__int(opts->competency);
    v[PM_ASSESS_LEVEL] = pm_value__int(opts->level);
    v[PM_ASSESS_SOURCE] = pm_value__int(opts->source);
    v[PM_ASSESS_ASSESSOR] = pm_value__int(s->actor.is_system ? 0 : s->actor.person);
    v[PM_ASSESS_ON] = pm_value__date(on);
    v[PM_ASSESS_ROUND] = pm_value__int(opts->round);
    /* A round's assessments wait for both sides (assessment_round.c). */
    v[PM_ASSESS_RELEASED] = pm_value__int(opts->round == 0);
    v[PM_ASSESS_NOTE] = note != NULL && note_len > 0 ? pm_value__text(note, note_len)
                                                     : pm_value__null();
    pm_api__audit_create(s, v, PM_ASSESS_CREATED_AT);
    return pm_api__insert(s, PM_KIND_ASSESSMENT, v, out);
}

pm_status pm_assessment_add(pm_id *out, pm_session *s, const pm_assessment_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    char *note = NULL;
    size_t note_len = 0;
    pm_status st = check_fields(s, opts, &note, &note_len);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    pm_id id = 0;
    if (st == PM_OK)
        st = pm_api__finish_one(s, insert_assessment(&id, s, opts, note, note_len));
    pm__free(note);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- listing ---- */

typedef struct list_scan {
    pm_session *s;
    pm_assessment_viewer viewer;
    pm_assessment *items;
    size_t count;
    size_t cap;
} list_scan;

static void items_free(pm_assessment *items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        pm__free(items[i].note);
    pm__free(items);
}

static int append_visible(const pm_row *row, void *payload)
{
    list_scan *l = payload;
    if (check_row(row) != PM_OK)
        return PM_ECORRUPT;
    const pm_value *v = row->values;
    int source = (int)v[PM_ASSESS_SOURCE].v.i;
    int released = v[PM_ASSESS_RELEASED].v.i != 0;
    if (!pm_assessment__visible(l->viewer, source, released))
        return 0;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_assessment *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    pm_assessment *a = &l->items[l->count];
    a->note = NULL;
    if (v[PM_ASSESS_NOTE].type == PM_VALUE_TEXT) {
        a->note = pm__strndup(v[PM_ASSESS_NOTE].v.b.data, v[PM_ASSESS_NOTE].v.b.len);
        if (a->note == NULL)
            return out_of_memory(l->s);
    }
    a->id = row->id;
    a->person = v[PM_ASSESS_PERSON].v.i;
    a->competency = v[PM_ASSESS_COMPETENCY].v.i;
    a->level = (int)v[PM_ASSESS_LEVEL].v.i;
    a->source = (pm_assessment_source)source;
    a->assessor = v[PM_ASSESS_ASSESSOR].v.i;
    a->on = (pm_date)v[PM_ASSESS_ON].v.i;
    a->round = v[PM_ASSESS_ROUND].v.i;
    a->released = released;
    l->count++;
    return 0;
}

static int by_date_then_id(const void *a, const void *b)
{
    const pm_assessment *x = a, *y = b;
    if (x->on != y->on)
        return x->on < y->on ? -1 : 1;
    return x->id < y->id ? -1 : x->id > y->id;
}

/* Which side the session is on, for the blind rounds (core/assessment.h). */
static pm_status viewer_of(pm_assessment_viewer *out, pm_session *s, pm_id person)
{
    pm_relation relation = PM_REL_NONE;
    pm_status st = pm_api__relation(&relation, s, person);
    if (st == PM_OK)
        *out = pm_assessment__viewer(relation == PM_REL_SELF, relation == PM_REL_MANAGER,
                                     s->actor.is_system || s->actor.is_hr_admin);
    return st;
}

pm_status pm_assessment_list(pm_assessment_iter **out, pm_session *s, pm_id person,
                             pm_id competency)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK && competency != 0)
        st = pm_competency__check(s, competency, "competency", NULL, NULL);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ASSESS_READ, person);
    list_scan l = { s, PM_VIEWER_NONE, NULL, 0, 0 };
    if (st == PM_OK)
        st = viewer_of(&l.viewer, s, person);
    if (st == PM_OK) {
        pm_value eq[2] = { pm_value__int(person), pm_value__int(competency) };
        pm_scan scan = { PM_KIND_ASSESSMENT, PM_ASSESS_BY_PERSON, competency != 0 ? 2u : 1u, eq,
                         NULL, NULL, 0, 0 };
        st = pm_api__scan(s, &scan, append_visible, &l);
    }
    pm_assessment_iter *it = NULL;
    if (st == PM_OK) {
        it = pm__calloc(1, sizeof *it);
        if (it == NULL)
            st = out_of_memory(s);
    }
    if (st != PM_OK) {
        items_free(l.items, l.count);
        return st;
    }
    /* The index orders by competency first; the list is one history. */
    if (l.count > 1)
        qsort(l.items, l.count, sizeof *l.items, by_date_then_id);
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_assessment_iter_next(pm_assessment **out, pm_assessment_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_assessment_iter_free(pm_assessment_iter *iter)
{
    if (iter == NULL)
        return;
    items_free(iter->items, iter->count);
    pm__free(iter);
}

pm_id pm_assessment_id(const pm_assessment *a)
{
    return a ? a->id : 0;
}

pm_id pm_assessment_person(const pm_assessment *a)
{
    return a ? a->person : 0;
}

pm_id pm_assessment_competency(const pm_assessment *a)
{
    return a ? a->competency : 0;
}

int pm_assessment_level(const pm_assessment *a)
{
    return a ? a->level : 0;
}

pm_assessment_source pm_assessment_source_get(const pm_assessment *a)
{
    return a ? a->source : (pm_assessment_source)0;
}

pm_id pm_assessment_assessor(const pm_assessment *a)
{
    return a ? a->assessor : 0;
}

pm_date pm_assessment_date(const pm_assessment *a)
{
    return a ? a->on : PM_DATE_NONE;
}

pm_id pm_assessment_round(const pm_assessment *a)
{
    return a ? a->round : 0;
}

int pm_assessment_released(const pm_assessment *a)
{
    return a ? a->released : 0;
}

const char *pm_assessment_note(const pm_assessment *a)
{
    if (a == NULL)
        return NULL;
    return a->note != NULL ? a->note : "";
}
