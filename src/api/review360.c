/* 360 rounds: creating and running them (questions, raters, open, close),
 * reading and listing them, and the internals the other round files share
 * (review360_internal.h): loading a round, finding a rater, counting, and
 * deciding access. Group, threshold, scale and window rules live in
 * core/review360.c, the access table in core/access.c. Submitting and a
 * rater's role are in review360_submit.c; questions, results and comments
 * in review360_results.c. */
#include "review360_internal.h"

#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "person_internal.h"
#include "../core/review360.h"
#include "../util/text.h"

#define ROUND_OPTS "review360_opts"

struct pm_review360 {
    pm_review360_round r;
    char *title;
    int raters;
    int submitted;
};

struct pm_review360_iter {
    pm_review360 *items;
    size_t count;
    size_t next;
};

pm_status pm_review360__out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "review360: out of memory");
}

static pm_status corrupt(pm_session *s, const char *what, const pm_row *row)
{
    return pm_error__set(&s->error, PM_ECORRUPT, "%s: stored row %lld has %u fields", what,
                         (long long)row->id, row->nvalues);
}

pm_status pm_review360_opts_init(pm_review360_opts *opts, unsigned int version)
{
    static const pm_review360_opts defaults = PM_REVIEW360_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_REVIEW360_OPTS_VERSION);
}

/* ---- reading rounds ---- */

typedef struct round_read {
    pm_session *s;
    pm_review360_round *r;
    char **title;  /* NULL: the title is not wanted */
    int found;
} round_read;

static void round_from_row(pm_review360_round *r, const pm_row *row)
{
    const pm_value *v = row->values;
    r->id = row->id;
    r->subject = pm_value__as_int(&v[PM_R360_SUBJECT]);
    r->state = (pm_review360_state)pm_value__as_int(&v[PM_R360_STATE]);
    r->opens = pm_value__as_date(&v[PM_R360_OPENS_ON]);
    r->closes = pm_value__as_date(&v[PM_R360_CLOSES_ON]);
    r->threshold = (int)pm_value__as_int(&v[PM_R360_THRESHOLD]);
}

static int read_round(const pm_row *row, void *payload)
{
    round_read *rr = payload;
    if (row->nvalues < PM_R360_NFIELDS)
        return corrupt(rr->s, "review360", row);
    round_from_row(rr->r, row);
    if (rr->title != NULL) {
        const pm_value *t = &row->values[PM_R360_TITLE];
        pm__free(*rr->title);
        *rr->title = t->type == PM_VALUE_TEXT ? pm__strndup(t->v.b.data, t->v.b.len)
                                              : pm__strdup("");
        if (*rr->title == NULL)
            return pm_review360__out_of_memory(rr->s);
    }
    rr->found = 1;
    return 0;
}

static pm_status round_not_found(pm_session *s, pm_id round)
{
    return pm_error__set(&s->error, PM_ENOTFOUND, "review360: round %lld does not exist",
                         (long long)round);
}

static pm_status load_round(pm_review360_round *out, char **title, pm_session *s, pm_id round)
{
    memset(out, 0, sizeof *out);
    if (round <= 0)
        return round_not_found(s, round);
    round_read rr = { s, out, title, 0 };
    pm_status st = pm_api__get(s, PM_KIND_REVIEW360, round, read_round, &rr);
    if (st == PM_ENOTFOUND || (st == PM_OK && !rr.found))
        return round_not_found(s, round);
    return st;
}

pm_status pm_review360__load(pm_review360_round *out, pm_session *s, pm_id round)
{
    return load_round(out, NULL, s, round);
}

static int read_rater(const pm_row *row, void *payload)
{
    pm_review360_rater *r = payload;
    if (row->nvalues < PM_R360R_NFIELDS)
        return PM_ECORRUPT;
    r->id = row->id;
    r->group = (pm_rater_group)pm_value__as_int(&row->values[PM_R360R_GROUP]);
    r->submitted = pm_value__as_int(&row->values[PM_R360R_SUBMITTED]) != 0;
    return 1;
}

pm_status pm_review360__find_rater(pm_review360_rater *out, pm_session *s, pm_id round,
                                   pm_id person)
{
    memset(out, 0, sizeof *out);
    if (person <= 0)
        return PM_OK;
    pm_value eq[2] = { pm_value__int(round), pm_value__int(person) };
    pm_scan scan = { PM_KIND_REVIEW360_RATER, PM_R360R_BY_ROUND, 2, eq, NULL, NULL, 0, 1 };
    pm_status st = pm_api__scan(s, &scan, read_rater, out);
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT, "review360_rater: stored row is too short");
    return st;
}

static int count_rater(const pm_row *row, void *payload)
{
    pm_review360_counts *c = payload;
    if (row->nvalues < PM_R360R_NFIELDS)
        return PM_ECORRUPT;
    int64_t group = pm_value__as_int(&row->values[PM_R360R_GROUP]);
    int submitted = pm_value__as_int(&row->values[PM_R360R_SUBMITTED]) != 0;
    c->total_raters++;
    c->total_submitted += submitted;
    if (pm_review360__is_group((int)group)) {
        c->raters[group]++;
        c->submitted[group] += submitted;
    }
    return 0;
}

pm_status pm_review360__count(pm_review360_counts *out, pm_session *s, pm_id round)
{
    memset(out, 0, sizeof *out);
    pm_value eq[1] = { pm_value__int(round) };
    pm_scan scan = { PM_KIND_REVIEW360_RATER, PM_R360R_BY_ROUND, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(s, &scan, count_rater, out);
}

/* ---- access ---- */

static pm_status refuse(pm_session *s, pm_action action)
{
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(action));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(action));
}

static int allowed(const pm_session *s, pm_action action, pm_relation relation)
{
    return pm_access__check(&s->actor, action, relation) == PM_OK;
}

/* Relations add up: any relation the actor has to the round that allows
 * the action will do. Each is looked up only when it could matter. */
pm_status pm_review360__authorize(pm_session *s, const pm_review360_round *r,
                                  pm_action action)
{
    if (allowed(s, action, PM_REL_NONE))
        return PM_OK;
    if (s->actor.is_system || s->actor.person <= 0)
        return refuse(s, action);
    pm_relation relation = PM_REL_NONE;
    pm_status st = pm_api__relation(&relation, s, r->subject);
    if (st != PM_OK)
        return st;
    if (relation != PM_REL_NONE && allowed(s, action, relation))
        return PM_OK;
    if (allowed(s, action, PM_REL_PARTICIPANT)) {
        pm_review360_rater rater;
        st = pm_review360__find_rater(&rater, s, r->id, s->actor.person);
        if (st != PM_OK)
            return st;
        if (rater.id != 0)
            return PM_OK;
    }
    return refuse(s, action);
}

/* ---- checks ---- */

static pm_status check_active(pm_session *s, pm_id person, const char *field)
{
    return pm_person__check(s, person, field, 1);
}

static pm_status require_state(pm_session *s, const pm_review360_round *r,
                               pm_review360_state want)
{
    if (r->state == want)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "review360: round %lld is %s, not %s",
                         (long long)r->id, pm_review360__state_name(r->state),
                         pm_review360__state_name(want));
}

/* Loads a round to be managed: it exists, the actor may manage it, and it
 * is in state want. */
static pm_status load_managed(pm_review360_round *r, pm_session *s, pm_id round,
                              pm_review360_state want)
{
    pm_status st = pm_review360__load(r, s, round);
    if (st == PM_OK)
        st = pm_review360__authorize(s, r, PM_ACT_REVIEW360_MANAGE);
    if (st == PM_OK)
        st = require_state(s, r, want);
    return st;
}

/* ---- create ---- */

static pm_status insert_round(pm_id *out, pm_session *s, const pm_review360_opts *o,
                              const char *title, pm_date opens)
{
    pm_value v[PM_R360_NFIELDS];
    v[PM_R360_SUBJECT] = pm_value__int(o->subject);
    v[PM_R360_TITLE] = pm_value__text(title, strlen(title));
    v[PM_R360_STATE] = pm_value__int(PM_REVIEW360_DRAFT);
    v[PM_R360_OPENS_ON] = pm_value__date(opens);
    v[PM_R360_CLOSES_ON] = pm_value__date(o->closes);
    v[PM_R360_THRESHOLD] = pm_value__int(o->threshold);
    pm_api__audit_create(s, v, PM_R360_CREATED_AT);
    return pm_api__insert(s, PM_KIND_REVIEW360, v, out);
}

pm_status pm_review360_create(pm_id *out, pm_session *s, const pm_review360_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    char *title = NULL;
    pm_date opens = pm_api__date_or_today(s->db, opts->opens);
    pm_status st = pm_api__check_version(s, ROUND_OPTS, opts->version, PM_REVIEW360_OPTS_VERSION);
    if (st == PM_OK && opts->subject <= 0)
        st = pm_error__set(&s->error, PM_EINVAL, "review360.subject: %lld is not a person id",
                           (long long)opts->subject);
    if (st == PM_OK)
        st = pm_text__normalize_line(&title, NULL, opts->title, opts->title_len, "review360.title",
                                     PM_REVIEW360_TEXT_MAX, &s->error);
    if (st == PM_OK)
        st = pm_review360__check_window(opens, opts->closes, &s->error);
    if (st == PM_OK)
        st = pm_review360__check_threshold(opts->threshold, &s->error);
    if (st == PM_OK)
        st = check_active(s, opts->subject, "review360.subject");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_REVIEW360_MANAGE, opts->subject);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK) {
        pm__free(title);
        return st;
    }
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_round(&id, s, opts, title, opens));
    pm__free(title);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- questions and raters ---- */

static pm_status insert_question(pm_id *out, pm_session *s, pm_id round, const char *text,
                                 int scale_min, int scale_max)
{
    pm_value v[PM_R360Q_NFIELDS];
    v[PM_R360Q_ROUND] = pm_value__int(round);
    v[PM_R360Q_TEXT] = pm_value__text(text, strlen(text));
    v[PM_R360Q_SCALE_MIN] = pm_value__int(scale_min);
    v[PM_R360Q_SCALE_MAX] = pm_value__int(scale_max);
    pm_api__audit_create(s, v, PM_R360Q_CREATED_AT);
    return pm_api__insert(s, PM_KIND_REVIEW360_QUESTION, v, out);
}

pm_status pm_review360_add_question(pm_id *out, pm_session *s, pm_id round, const char *text,
                                    size_t text_len, int scale_min, int scale_max)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    char *norm = NULL;
    pm_review360_round r;
    pm_status st = pm_review360__check_scale(scale_min, scale_max, &s->error);
    if (st == PM_OK)
        st = pm_text__normalize_line(&norm, NULL, text, text_len, "review360_question.text",
                                     PM_REVIEW360_TEXT_MAX, &s->error);
    if (st == PM_OK)
        st = load_managed(&r, s, round, PM_REVIEW360_DRAFT);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK) {
        pm__free(norm);
        return st;
    }
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_question(&id, s, round, norm, scale_min, scale_max));
    pm__free(norm);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

static pm_status rater_facts(pm_rater_facts *f, pm_session *s, pm_id person, pm_id subject)
{
    memset(f, 0, sizeof *f);
    f->is_subject = person == subject;
    if (f->is_subject)
        return PM_OK;
    pm_date today = pm_api__today(s->db);
    pm_id manager = 0;
    pm_status st = pm_org__is_above(&f->is_above, s, person, subject, today);
    if (st == PM_OK)
        st = pm_org__manager_on(&manager, s, person, today);
    f->is_direct_report = manager == subject;
    return st;
}

static pm_status insert_rater(pm_session *s, pm_id round, pm_id person, pm_rater_group group)
{
    pm_value v[PM_R360R_NFIELDS];
    pm_id id = 0;
    v[PM_R360R_ROUND] = pm_value__int(round);
    v[PM_R360R_PERSON] = pm_value__int(person);
    v[PM_R360R_GROUP] = pm_value__int(group);
    v[PM_R360R_SUBMITTED] = pm_value__int(0);
    pm_api__audit_create(s, v, PM_R360R_CREATED_AT);
    return pm_api__insert(s, PM_KIND_REVIEW360_RATER, v, &id);
}

pm_status pm_review360_add_rater(pm_session *s, pm_id round, pm_id person, pm_rater_group group)
{
    PM_CHECK_SESSION(s);
    pm_review360_round r;
    pm_rater_facts facts;
    pm_review360_rater existing;
    pm_status st = PM_OK;
    if (!pm_review360__is_group((int)group))
        st = pm_error__set(&s->error, PM_EINVAL, "review360_rater.group: %d is not a group "
                           "(1 self, 2 manager, 3 peer, 4 report)", (int)group);
    if (st == PM_OK)
        st = load_managed(&r, s, round, PM_REVIEW360_DRAFT);
    if (st == PM_OK)
        st = check_active(s, person, "review360_rater.person");
    if (st == PM_OK)
        st = rater_facts(&facts, s, person, r.subject);
    if (st == PM_OK)
        st = pm_review360__check_group(group, person, &facts, &s->error);
    if (st == PM_OK)
        st = pm_review360__find_rater(&existing, s, round, person);
    if (st == PM_OK && existing.id != 0)
        st = pm_error__set(&s->error, PM_ECONFLICT,
                           "review360_rater.person: person %lld already rates in round %lld "
                           "(as %s)", (long long)person, (long long)round,
                           pm_review360__group_name(existing.group));
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, insert_rater(s, round, person, group));
}

/* ---- open and close ---- */

static int note_any(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 1;
}

static pm_status has_any(int *out, pm_session *s, unsigned int kind, unsigned int index,
                         pm_id round)
{
    *out = 0;
    pm_value eq[1] = { pm_value__int(round) };
    pm_scan scan = { kind, index, 1, eq, NULL, NULL, 0, 1 };
    return pm_api__scan(s, &scan, note_any, out);
}

static pm_status set_state(pm_session *s, pm_id round, pm_review360_state state)
{
    pm_value v[PM_R360_NFIELDS];
    v[PM_R360_STATE] = pm_value__int(state);
    pm_api__audit_update(s, v, PM_R360_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_R360_STATE) | PM_UPDATE_FIELD(PM_R360_UPDATED_AT)
                      | PM_UPDATE_FIELD(PM_R360_UPDATED_BY);
    return pm_api__update_fields(s, PM_KIND_REVIEW360, round, v, fields);
}

pm_status pm_review360_open(pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    pm_review360_round r;
    int questions = 0, raters = 0;
    pm_status st = load_managed(&r, s, round, PM_REVIEW360_DRAFT);
    if (st == PM_OK)
        st = has_any(&questions, s, PM_KIND_REVIEW360_QUESTION, PM_R360Q_BY_ROUND, round);
    if (st == PM_OK && !questions)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "review360: round %lld has no questions; add one before opening it",
                           (long long)round);
    if (st == PM_OK)
        st = has_any(&raters, s, PM_KIND_REVIEW360_RATER, PM_R360R_BY_ROUND, round);
    if (st == PM_OK && !raters)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "review360: round %lld has no raters; add one before opening it",
                           (long long)round);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, set_state(s, round, PM_REVIEW360_OPEN));
}

pm_status pm_review360_close(pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    pm_review360_round r;
    pm_status st = load_managed(&r, s, round, PM_REVIEW360_OPEN);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, set_state(s, round, PM_REVIEW360_CLOSED));
}

/* ---- snapshots ---- */

static pm_status fill_counts(pm_review360 *snap, pm_session *s)
{
    pm_review360_counts c;
    pm_status st = pm_review360__count(&c, s, snap->r.id);
    snap->raters = c.total_raters;
    snap->submitted = c.total_submitted;
    return st;
}

pm_status pm_review360_get(pm_review360 **out, pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_review360 *snap = pm__calloc(1, sizeof *snap);
    if (snap == NULL)
        return pm_review360__out_of_memory(s);
    pm_status st = load_round(&snap->r, &snap->title, s, round);
    if (st == PM_OK)
        st = pm_review360__authorize(s, &snap->r, PM_ACT_REVIEW360_READ);
    if (st == PM_OK)
        st = fill_counts(snap, s);
    if (st != PM_OK) {
        pm_review360_free(snap);
        return st;
    }
    *out = snap;
    return PM_OK;
}

void pm_review360_free(pm_review360 *round)
{
    if (round == NULL)
        return;
    pm__free(round->title);
    pm__free(round);
}

/* ---- lists ---- */

typedef struct round_list {
    pm_session *s;
    pm_review360 *items;
    size_t count;
    size_t cap;
} round_list;

static pm_review360 *list_slot(round_list *l)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_review360 *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return NULL;
        l->items = items;
        l->cap = cap;
    }
    pm_review360 *slot = &l->items[l->count];
    memset(slot, 0, sizeof *slot);
    return slot;
}

static int append_round(const pm_row *row, void *payload)
{
    round_list *l = payload;
    pm_review360 *slot = list_slot(l);
    if (slot == NULL)
        return pm_review360__out_of_memory(l->s);
    round_read rr = { l->s, &slot->r, &slot->title, 0 };
    int rc = read_round(row, &rr);
    if (rc != 0) {
        pm__free(slot->title);
        return rc;
    }
    l->count++;
    return 0;
}

typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} id_list;

static int append_rated_round(const pm_row *row, void *payload)
{
    id_list *l = payload;
    if (row->nvalues < PM_R360R_NFIELDS)
        return corrupt(l->s, "review360_rater", row);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_review360__out_of_memory(l->s);
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->count++] = pm_value__as_int(&row->values[PM_R360R_ROUND]);
    return 0;
}

/* The rounds person rates in, read one by one after the rater scan (a
 * scan callback may not call back into the store). */
static pm_status read_rated_rounds(round_list *l, pm_id person)
{
    id_list ids = { l->s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_REVIEW360_RATER, PM_R360R_BY_PERSON, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(l->s, &scan, append_rated_round, &ids);
    for (size_t i = 0; st == PM_OK && i < ids.count; i++) {
        round_read rr = { l->s, NULL, NULL, 0 };
        pm_review360 *slot = list_slot(l);
        if (slot == NULL) {
            st = pm_review360__out_of_memory(l->s);
            break;
        }
        rr.r = &slot->r;
        rr.title = &slot->title;
        st = pm_api__get(l->s, PM_KIND_REVIEW360, ids.ids[i], read_round, &rr);
        if (st == PM_OK && rr.found)
            l->count++;
        else
            pm__free(slot->title);
        if (st == PM_ENOTFOUND)
            st = PM_OK; /* a rater row left behind by a removed round */
    }
    pm__free(ids.ids);
    return st;
}

static pm_status read_rounds_about(round_list *l, pm_id person)
{
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_REVIEW360, PM_R360_BY_SUBJECT, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(l->s, &scan, append_round, l);
}

/* Newest window first: by opening day, then by id, both descending. */
static int compare_newest(const void *a, const void *b)
{
    const pm_review360 *x = a;
    const pm_review360 *y = b;
    if (x->r.opens != y->r.opens)
        return x->r.opens > y->r.opens ? -1 : 1;
    return (x->r.id < y->r.id) - (x->r.id > y->r.id);
}

static pm_status authorize_list(pm_session *s, pm_id person)
{
    if (allowed(s, PM_ACT_REVIEW360_READ, PM_REL_NONE))
        return PM_OK;
    pm_relation relation = PM_REL_NONE;
    pm_status st = pm_api__relation(&relation, s, person);
    if (st != PM_OK)
        return st;
    if (relation != PM_REL_NONE && allowed(s, PM_ACT_REVIEW360_READ, relation))
        return PM_OK;
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM,
                             "permission denied: the system actor may not list these 360 rounds");
    return pm_error__set(&s->error, PM_EPERM,
                         "permission denied: person %lld may not list the 360 rounds of "
                         "person %lld", (long long)s->actor.person, (long long)person);
}

static void free_items(pm_review360 *items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        pm__free(items[i].title);
    pm__free(items);
}

pm_status pm_review360_list(pm_review360_iter **out, pm_session *s, pm_id person,
                            unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = PM_OK;
    if ((flags & ~PM_REVIEW360_AS_RATER) != 0)
        st = pm_error__set(&s->error, PM_EINVAL, "flags: 0x%x holds unknown flags",
                           flags & ~PM_REVIEW360_AS_RATER);
    if (st == PM_OK && person <= 0)
        st = pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id",
                           (long long)person);
    if (st == PM_OK)
        st = pm_person__check_exists(s, person, "person");
    if (st == PM_OK)
        st = authorize_list(s, person);
    if (st != PM_OK)
        return st;
    round_list l = { s, NULL, 0, 0 };
    st = (flags & PM_REVIEW360_AS_RATER) ? read_rated_rounds(&l, person)
                                         : read_rounds_about(&l, person);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = fill_counts(&l.items[i], s);
    pm_review360_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = pm_review360__out_of_memory(s);
    if (st != PM_OK) {
        free_items(l.items, l.count);
        return st;
    }
    if (l.count > 1)
        qsort(l.items, l.count, sizeof *l.items, compare_newest);
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_review360_iter_next(pm_review360 **out, pm_review360_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_review360_iter_free(pm_review360_iter *iter)
{
    if (iter == NULL)
        return;
    free_items(iter->items, iter->count);
    pm__free(iter);
}

/* ---- accessors ---- */

pm_id pm_review360_id(const pm_review360 *round)
{
    return round ? round->r.id : 0;
}

pm_id pm_review360_subject(const pm_review360 *round)
{
    return round ? round->r.subject : 0;
}

const char *pm_review360_title(const pm_review360 *round)
{
    return round ? round->title : NULL;
}

pm_review360_state pm_review360_state_get(const pm_review360 *round)
{
    return round ? round->r.state : (pm_review360_state)0;
}

pm_date pm_review360_opens(const pm_review360 *round)
{
    return round ? round->r.opens : PM_DATE_NONE;
}

pm_date pm_review360_closes(const pm_review360 *round)
{
    return round ? round->r.closes : PM_DATE_NONE;
}

int pm_review360_threshold(const pm_review360 *round)
{
    return round ? round->r.threshold : 0;
}

int pm_review360_raters(const pm_review360 *round)
{
    return round ? round->raters : 0;
}

int pm_review360_submitted(const pm_review360 *round)
{
    return round ? round->submitted : 0;
}
