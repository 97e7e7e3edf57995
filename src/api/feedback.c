/* Feedback entries: give, read, acknowledge, react, retract; the snapshot
 * and its row mapping. The rules (direction, valid values, which action a
 * visibility needs) live in core/feedback.c, the access table in
 * core/access.c; the giver of anonymous feedback is kept and recognised in
 * feedback_anon.c; the lists are in feedback_list.c. */
#include "feedback_internal.h"

#include <string.h>

#include "audit_internal.h"
#include "checkin_internal.h"
#include "competency_internal.h"
#include "goal_internal.h"
#include "org_internal.h"
#include "person_internal.h"
#include "../core/feedback.h"
#include "../core/org.h"
#include "../util/text.h"

#define FEEDBACK_OPTS "feedback_opts"

/* ---- rows and snapshots ---- */

int64_t pm_feedback__row_int(const pm_value *v)
{
    return v->type == PM_VALUE_INT ? v->v.i : 0;
}

pm_status pm_feedback__check_row(pm_session *s, const pm_row *row)
{
    if (row->nvalues >= PM_FB_NFIELDS)
        return PM_OK;
    return pm_error__set(&s->error, PM_ECORRUPT,
                         "feedback: stored row %lld has %u fields, expected %u",
                         (long long)row->id, row->nvalues, (unsigned int)PM_FB_NFIELDS);
}

static size_t text_size(const pm_value *v)
{
    return v->type == PM_VALUE_TEXT ? v->v.b.len + 1 : 0;
}

/* Copies a text value to *at and moves *at past it; NULL for a NULL value. */
static const char *copy_text(char **at, const pm_value *v)
{
    if (v->type != PM_VALUE_TEXT)
        return NULL;
    char *s = *at;
    if (v->v.b.len > 0)
        memcpy(s, v->v.b.data, v->v.b.len);
    s[v->v.b.len] = '\0';
    *at += v->v.b.len + 1;
    return s;
}

/* One allocation for the struct and its strings: a list of many entries
 * then costs one allocation per entry, and one free. */
pm_feedback *pm_feedback__from_row(const pm_row *row, int is_mine)
{
    const pm_value *v = row->values;
    size_t size = sizeof(pm_feedback) + 1 + text_size(&v[PM_FB_TEXT])
                  + text_size(&v[PM_FB_SITUATION]) + text_size(&v[PM_FB_BEHAVIOUR])
                  + text_size(&v[PM_FB_IMPACT]);
    pm_feedback *f = pm__malloc(size);
    if (f == NULL)
        return NULL;
    char *at = (char *)(f + 1);
    f->id = row->id;
    f->anonymous = pm_feedback__row_int(&v[PM_FB_ANONYMOUS]) != 0;
    /* Anonymous rows store giver 0; say 0 even if a damaged row held more. */
    f->giver = f->anonymous ? 0 : pm_feedback__row_int(&v[PM_FB_GIVER]);
    f->is_mine = is_mine;
    f->receiver = pm_feedback__row_int(&v[PM_FB_RECEIVER]);
    f->kind = (pm_feedback_kind)pm_feedback__row_int(&v[PM_FB_KIND]);
    f->direction = (pm_direction)pm_feedback__row_int(&v[PM_FB_DIRECTION]);
    f->visibility = (pm_feedback_visibility)pm_feedback__row_int(&v[PM_FB_VISIBILITY]);
    f->text = copy_text(&at, &v[PM_FB_TEXT]);
    if (f->text == NULL) {
        *at = '\0';
        f->text = at++;
    }
    f->situation = copy_text(&at, &v[PM_FB_SITUATION]);
    f->behaviour = copy_text(&at, &v[PM_FB_BEHAVIOUR]);
    f->impact = copy_text(&at, &v[PM_FB_IMPACT]);
    /* The check-in is one of the giver's and the goal one the giver may
     * read: either could point at the giver of an anonymous entry, so only
     * its giver sees them. */
    int links_shown = !f->anonymous || is_mine;
    f->goal = links_shown ? pm_feedback__row_int(&v[PM_FB_GOAL_ID]) : 0;
    f->competency = pm_feedback__row_int(&v[PM_FB_COMPETENCY_ID]);
    f->checkin = links_shown ? pm_feedback__row_int(&v[PM_FB_CHECKIN_ID]) : 0;
    f->request = pm_feedback__row_int(&v[PM_FB_REQUEST_ID]);
    f->given_at = pm_feedback__row_int(&v[PM_FB_GIVEN_AT]);
    f->acknowledged_at = pm_feedback__row_int(&v[PM_FB_ACKNOWLEDGED_AT]);
    f->reaction = (pm_reaction)pm_feedback__row_int(&v[PM_FB_REACTION]);
    return f;
}

pm_status pm_feedback__refuse(pm_session *s, pm_action action)
{
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(action));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(action));
}

/* ---- reading one entry ---- */

/* What the calls on one entry need of its row. The snapshot is made only
 * when asked for (get); the others need the facts alone. */
typedef struct entry {
    pm_session *s;
    int want_snapshot;
    int found;
    pm_feedback *snapshot;
    pm_id receiver;
    int anonymous;
    int is_giver;
    pm_feedback_visibility visibility;
    pm_id request;
    pm_time acknowledged_at;
} entry;

static int read_entry(const pm_row *row, void *payload)
{
    entry *e = payload;
    pm_status st = pm_feedback__check_row(e->s, row);
    if (st != PM_OK)
        return st;
    const pm_value *v = row->values;
    e->found = 1;
    e->receiver = pm_feedback__row_int(&v[PM_FB_RECEIVER]);
    e->anonymous = pm_feedback__row_int(&v[PM_FB_ANONYMOUS]) != 0;
    /* The tag is matched here, while the row is at hand: it is pure work. */
    e->is_giver = pm_feedback__is_giver(e->s, v);
    e->visibility = (pm_feedback_visibility)pm_feedback__row_int(&v[PM_FB_VISIBILITY]);
    e->request = pm_feedback__row_int(&v[PM_FB_REQUEST_ID]);
    e->acknowledged_at = pm_feedback__row_int(&v[PM_FB_ACKNOWLEDGED_AT]);
    if (e->want_snapshot) {
        pm_feedback_free(e->snapshot);
        e->snapshot = pm_feedback__from_row(row, e->is_giver);
        if (e->snapshot == NULL)
            return pm_error__set(&e->s->error, PM_ENOMEM, "feedback: out of memory");
    }
    return 0;
}

static pm_status load_entry(entry *e, pm_session *s, pm_id id, int want_snapshot)
{
    memset(e, 0, sizeof *e);
    e->s = s;
    e->want_snapshot = want_snapshot;
    if (id <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "feedback: %lld is not a feedback id",
                             (long long)id);
    pm_status st = pm_api__get(s, PM_KIND_FEEDBACK, id, read_entry, e);
    if (st == PM_OK && !e->found)
        st = PM_ENOTFOUND;
    if (st == PM_ENOTFOUND)
        st = pm_error__set(&s->error, PM_ENOTFOUND, "feedback: %lld does not exist",
                           (long long)id);
    if (st != PM_OK) {
        pm_feedback_free(e->snapshot);
        e->snapshot = NULL;
    }
    return st;
}

/* Checks the actor may do action on the entry: as its receiver, its
 * giver, or (read lazily: it walks the chain) a manager of the receiver. */
static pm_status authorize_entry(pm_session *s, const entry *e, pm_action action)
{
    const pm_actor *actor = &s->actor;
    pm_feedback_standing standing = { 0, 0, 0 };
    if (!actor->is_system && actor->person > 0) {
        standing.is_receiver = actor->person == e->receiver;
        standing.is_giver = e->is_giver;
    }
    if (pm_feedback__may(actor, action, &standing))
        return PM_OK;
    if (!actor->is_system && actor->person > 0
        && pm_access__check(actor, action, PM_REL_MANAGER) == PM_OK) {
        pm_status st = pm_org__is_above(&standing.is_above, s, actor->person, e->receiver,
                                        pm_api__today(s->db));
        if (st != PM_OK)
            return st;
        if (pm_feedback__may(actor, action, &standing))
            return PM_OK;
    }
    return pm_feedback__refuse(s, action);
}

/* ---- giving ---- */

/* The checked, normalised fields of a new entry. */
typedef struct draft {
    char *text;
    char *situation;
    char *behaviour;
    char *impact;
    pm_time at;
    pm_direction direction;
} draft;

static void draft_free(draft *d)
{
    pm__free(d->text);
    pm__free(d->situation);
    pm__free(d->behaviour);
    pm__free(d->impact);
}

static pm_status check_ids(pm_session *s, const pm_feedback_opts *o)
{
    static const char *const names[] = { "feedback.goal", "feedback.competency",
                                         "feedback.checkin" };
    const pm_id ids[] = { o->goal, o->competency, o->checkin };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        if (ids[i] < 0)
            return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not an id", names[i],
                                 (long long)ids[i]);
    return PM_OK;
}

static pm_status check_time(pm_time *at, pm_session *s, pm_time given)
{
    pm_time now = pm_api__now(s->db);
    *at = given == 0 ? now : given;
    if (given == 0)
        return PM_OK;
    if (pm_time_date(given) == PM_DATE_NONE || pm_date_to_ymd(pm_time_date(given), NULL, NULL,
                                                              NULL) != PM_OK)
        return pm_error__set(&s->error, PM_ERANGE, "feedback.at: %lld is not a time in years "
                             "1 to 9999", (long long)given);
    if (given > now) {
        char when[PM_TIME_BUFSIZE];
        pm_time_format(when, given);
        return pm_error__set(&s->error, PM_EINVAL, "feedback.at: %s is in the future", when);
    }
    return PM_OK;
}

static pm_status normalize_texts(draft *d, pm_session *s, const pm_feedback_opts *o)
{
    size_t len = 0;
    pm_status st = pm_text__normalize(&d->text, &len, o->text, o->text_len, "feedback.text",
                                      PM_FEEDBACK_TEXT_MAX, PM_TEXT_REQUIRED, &s->error);
    if (st == PM_OK && pm_text__is_blank(d->text, len))
        st = pm_error__set(&s->error, PM_EINVAL, "feedback.text: must not be blank");
    const struct {
        char **out;
        const char *text;
        size_t len;
        const char *field;
    } parts[] = {
        { &d->situation, o->situation, o->situation_len, "feedback.situation" },
        { &d->behaviour, o->behaviour, o->behaviour_len, "feedback.behaviour" },
        { &d->impact, o->impact, o->impact_len, "feedback.impact" },
    };
    for (size_t i = 0; st == PM_OK && i < sizeof parts / sizeof parts[0]; i++) {
        st = pm_text__normalize(parts[i].out, &len, parts[i].text, parts[i].len, parts[i].field,
                                PM_FEEDBACK_PART_MAX, 0, &s->error);
        /* An empty part is no part. */
        if (st == PM_OK && *parts[i].out != NULL && len == 0) {
            pm__free(*parts[i].out);
            *parts[i].out = NULL;
        }
    }
    return st;
}

static pm_status check_receiver(pm_session *s, pm_id receiver)
{
    return pm_person__check(s, receiver, "feedback.receiver", 1);
}

/* The managers above the receiver on the day, nearest first, as far as
 * they were walked. Only the first CHAIN_KEPT are kept: far more than a
 * real organisation's depth, and a manager not kept only makes the
 * giver's walk stop later, never answer differently. */
#define CHAIN_KEPT 64

typedef struct chain {
    pm_id ids[CHAIN_KEPT];
    size_t count;
} chain;

static int chain_has(const chain *c, pm_id id)
{
    for (size_t i = 0; i < c->count; i++)
        if (c->ids[i] == id)
            return 1;
    return 0;
}

/* Walks up the manager chain above person on day, reading each step once:
 * *first is person's direct manager, *met 1 when target is above person.
 * kept, when not NULL, receives the managers passed. joins, when not NULL,
 * holds managers of target's own chain, which was walked to its top: once
 * this walk reaches one of them, the rest of it is the rest of that chain
 * (the same rows on the same day), which cannot hold target without a
 * loop, so the answer is no and the walk stops there. The org forbids
 * loops; a store that has one anyway is reported, not walked forever. */
static pm_status walk_up(int *met, pm_id *first, pm_session *s, pm_id person, pm_id target,
                         pm_date day, chain *kept, const chain *joins)
{
    *met = 0;
    *first = 0;
    pm_id at = person;
    for (unsigned long steps = 0; steps < PM_ORG_WALK_MAX; steps++) {
        pm_id up = 0;
        pm_status st = pm_org__manager_on(&up, s, at, day);
        if (st != PM_OK)
            return st;
        if (steps == 0)
            *first = up;
        if (up == 0)
            return PM_OK;
        if (up == target) {
            *met = 1;
            return PM_OK;
        }
        if (joins != NULL && chain_has(joins, up))
            return PM_OK;
        if (kept != NULL && kept->count < CHAIN_KEPT)
            kept->ids[kept->count++] = up;
        at = up;
    }
    return pm_error__set(&s->error, PM_ECORRUPT,
                         "reporting_line: the chain above person %lld loops", (long long)person);
}

/* Gathers how giver and receiver stood on day, each fact only when the
 * ones before it did not decide the direction already: the two chains
 * (which give the direct managers on the way), then the units. The
 * receiver's chain is read once: the giver's walk stops where it joins it
 * (at the shared manager, for peers), since above that point the two are
 * the same rows. */
static pm_status derive_direction(pm_direction *out, pm_session *s, pm_id giver, pm_id receiver,
                                  pm_date day)
{
    pm_feedback_facts f;
    memset(&f, 0, sizeof f);
    f.giver = giver;
    f.receiver = receiver;
    pm_status st = PM_OK;
    if (giver != receiver) {
        chain above_receiver;
        above_receiver.count = 0;
        st = walk_up(&f.giver_above_receiver, &f.receiver_manager, s, receiver, giver, day,
                     &above_receiver, NULL);
        if (st == PM_OK && !f.giver_above_receiver)
            st = walk_up(&f.receiver_above_giver, &f.giver_manager, s, giver, receiver, day,
                         NULL, &above_receiver);
        int open = st == PM_OK && !f.giver_above_receiver && !f.receiver_above_giver
                   && !(f.giver_manager != 0 && f.giver_manager == f.receiver_manager);
        if (open)
            st = pm_org__unit_on(&f.giver_unit, s, giver, day);
        if (open && st == PM_OK && f.giver_unit != 0)
            st = pm_org__unit_on(&f.receiver_unit, s, receiver, day);
    }
    *out = pm_feedback__direction(&f);
    return st;
}

static pm_status check_goal(pm_session *s, pm_id goal)
{
    if (goal == 0)
        return PM_OK;
    pm_status st = pm_goal__check_exists(s, goal, "feedback.goal");
    if (st == PM_OK && pm_goal__authorize_read(s, goal) == PM_EPERM)
        st = pm_error__set(&s->error, PM_EPERM, "feedback.goal: person %lld may not read goal %lld",
                           (long long)s->actor.person, (long long)goal);
    return st;
}

/* Feedback from a check-in comes from one of its pair. */
static pm_status check_checkin(pm_session *s, pm_id checkin)
{
    if (checkin == 0)
        return PM_OK;
    pm_checkin_context ctx;
    pm_status st = pm_checkin__load(&ctx, s, checkin, "feedback.checkin");
    if (st == PM_OK && s->actor.person != ctx.manager && s->actor.person != ctx.report)
        st = pm_error__set(&s->error, PM_EPERM,
                           "feedback.checkin: person %lld is not one of the pair of check-in %lld",
                           (long long)s->actor.person, (long long)checkin);
    return st;
}

/* Every check of a new entry, cheapest first: nothing is read from the
 * store until the fields themselves are known to be fine. */
static pm_status check_draft(draft *d, pm_session *s, const pm_feedback_opts *o, pm_id request)
{
    pm_status st = pm_api__check_version(s, FEEDBACK_OPTS, o->version, PM_FEEDBACK_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_feedback__check_kind(o->kind, &s->error);
    if (st == PM_OK)
        st = pm_feedback__check_visibility(o->visibility, &s->error);
    if (st == PM_OK && o->direction != 0)
        st = pm_feedback__check_direction(o->direction, o->direction, &s->error);
    if (st == PM_OK)
        st = check_ids(s, o);
    if (st == PM_OK && o->anonymous && request != 0)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "feedback.anonymous: a response to a request names its giver");
    if (st == PM_OK && o->anonymous && s->db->secret == NULL)
        st = pm_error__set(&s->error, PM_EUNSUPPORTED,
                           "feedback.anonymous: this store has no secret (pm_db_opts.secret)");
    if (st == PM_OK)
        st = check_time(&d->at, s, o->at);
    if (st == PM_OK)
        st = normalize_texts(d, s, o);
    /* One batch per level of both manager chains, where that pays. */
    pm_id walkers[2] = { o->receiver, s->actor.person };
    if (st == PM_OK)
        st = pm_org__read_ahead(s, walkers, 2, pm_time_date(d->at));
    if (st == PM_OK)
        st = check_receiver(s, o->receiver);
    if (st == PM_OK)
        st = derive_direction(&d->direction, s, s->actor.person, o->receiver,
                              pm_time_date(d->at));
    if (st == PM_OK)
        st = pm_feedback__check_direction(o->direction, d->direction, &s->error);
    if (st == PM_OK)
        st = check_goal(s, o->goal);
    if (st == PM_OK)
        st = check_checkin(s, o->checkin);
    if (st == PM_OK && o->competency != 0)
        st = pm_competency__check(s, o->competency, "feedback.competency", NULL, NULL);
    return st;
}

static pm_status insert_entry(pm_id *out, pm_session *s, const pm_feedback_opts *o,
                              const draft *d, pm_id request)
{
    char tag[PM_FEEDBACK_TAG_LEN + 1];
    char nonce[PM_FEEDBACK_NONCE_LEN + 1];
    if (o->anonymous) {
        pm_status st = pm_feedback__make_tag(s, tag, nonce);
        if (st != PM_OK)
            return st;
    }
    pm_value v[PM_FB_NFIELDS];
    pm_id giver = s->actor.person;
    v[PM_FB_GIVER] = pm_value__int(o->anonymous ? 0 : giver);
    v[PM_FB_GIVER_TAG] = o->anonymous ? pm_value__text(tag, PM_FEEDBACK_TAG_LEN)
                                      : pm_value__null();
    v[PM_FB_GIVER_NONCE] = o->anonymous ? pm_value__text(nonce, PM_FEEDBACK_NONCE_LEN)
                                        : pm_value__null();
    v[PM_FB_RECEIVER] = pm_value__int(o->receiver);
    v[PM_FB_KIND] = pm_value__int(o->kind);
    /* An anonymous entry's direction would narrow down its giver. */
    v[PM_FB_DIRECTION] = pm_value__int(o->anonymous ? PM_DIRECTION_UNDISCLOSED : d->direction);
    v[PM_FB_VISIBILITY] = pm_value__int(o->visibility);
    v[PM_FB_ANONYMOUS] = pm_value__int(o->anonymous ? 1 : 0);
    v[PM_FB_TEXT] = pm_value__text(d->text, strlen(d->text));
    v[PM_FB_SITUATION] = pm_value__text(d->situation, d->situation ? strlen(d->situation) : 0);
    v[PM_FB_BEHAVIOUR] = pm_value__text(d->behaviour, d->behaviour ? strlen(d->behaviour) : 0);
    v[PM_FB_IMPACT] = pm_value__text(d->impact, d->impact ? strlen(d->impact) : 0);
    v[PM_FB_GOAL_ID] = pm_value__int(o->goal);
    v[PM_FB_COMPETENCY_ID] = pm_value__int(o->competency);
    v[PM_FB_CHECKIN_ID] = pm_value__int(o->checkin);
    v[PM_FB_REQUEST_ID] = pm_value__int(request);
    v[PM_FB_ACKNOWLEDGED_AT] = pm_value__null();
    v[PM_FB_REACTION] = pm_value__int(PM_REACTION_NONE);
    pm_api__audit_create(s, v, PM_FB_CREATED_AT);
    v[PM_FB_GIVEN_AT] = pm_value__int(d->at);
    if (o->anonymous) {
        /* Nothing on the row may point at the giver: no id, and times only
         * to the day, so they cannot be matched with who was busy when. */
        pm_time day = pm_feedback__coarse_time(pm_api__now(s->db));
        v[PM_FB_GIVEN_AT] = pm_value__int(pm_feedback__coarse_time(d->at));
        v[PM_FB_CREATED_AT] = v[PM_FB_UPDATED_AT] = pm_value__int(day);
        v[PM_FB_CREATED_BY] = v[PM_FB_UPDATED_BY] = pm_value__int(0);
    }
    /* Nor may the audit trail: the giving is counted, not recorded. */
    if (o->anonymous)
        pm_audit__undisclosed_begin(s);
    pm_status st = pm_api__insert(s, PM_KIND_FEEDBACK, v, out);
    if (o->anonymous)
        pm_audit__undisclosed_end(s);
    pm_sha256__wipe(tag, sizeof tag);
    return st;
}

pm_status pm_feedback__give(pm_session *s, const pm_feedback_opts *opts, pm_id request,
                            pm_id *out)
{
    pm_id id = 0;
    if (out != NULL)
        *out = 0;
    if (pm_access__check(&s->actor, PM_ACT_FEEDBACK_GIVE, PM_REL_NONE) != PM_OK
        || s->actor.person <= 0)
        return pm_feedback__refuse(s, PM_ACT_FEEDBACK_GIVE);
    if (opts == NULL)
        return pm_error__set(&s->error, PM_EINVAL, "opts: must not be NULL");
    draft d;
    memset(&d, 0, sizeof d);
    pm_status st = check_draft(&d, s, opts, request);
    if (st == PM_OK)
        st = insert_entry(&id, s, opts, &d, request);
    draft_free(&d);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- public functions ---- */

pm_status pm_feedback_opts_init(pm_feedback_opts *opts, unsigned int version)
{
    static const pm_feedback_opts defaults = PM_FEEDBACK_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_FEEDBACK_OPTS_VERSION);
}

pm_status pm_feedback_give(pm_id *out, pm_session *s, const pm_feedback_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    /* The insert is the one write, made last; the tag needs nothing after it. */
    return pm_api__finish_one(s, pm_feedback__give(s, opts, 0, out));
}

pm_status pm_feedback_get(pm_feedback **out, pm_session *s, pm_id feedback)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    entry e;
    pm_status st = load_entry(&e, s, feedback, 1);
    if (st == PM_OK)
        st = authorize_entry(s, &e, pm_feedback__read_action(e.visibility));
    if (st != PM_OK) {
        pm_feedback_free(e.snapshot);
        return st;
    }
    *out = e.snapshot;
    return PM_OK;
}

/* Writes the receiver's acknowledgement (kept when there is one) and,
 * when react, the reaction. Anonymous rows keep their times to the day
 * and name no one in their audit fields, whoever writes them. */
static pm_status write_receipt(pm_session *s, pm_id id, const entry *e, int react,
                               pm_reaction reaction)
{
    pm_value v[PM_FB_NFIELDS];
    uint64_t fields = PM_UPDATE_FIELD(PM_FB_UPDATED_AT) | PM_UPDATE_FIELD(PM_FB_UPDATED_BY);
    pm_time now = pm_api__now(s->db);
    pm_id by = s->actor.person;
    if (e->anonymous) {
        now = pm_feedback__coarse_time(now);
        by = 0;
    }
    if (e->acknowledged_at == 0) {
        v[PM_FB_ACKNOWLEDGED_AT] = pm_value__int(now);
        fields |= PM_UPDATE_FIELD(PM_FB_ACKNOWLEDGED_AT);
    }
    if (react) {
        v[PM_FB_REACTION] = pm_value__int(reaction);
        fields |= PM_UPDATE_FIELD(PM_FB_REACTION);
    }
    v[PM_FB_UPDATED_AT] = pm_value__int(now);
    v[PM_FB_UPDATED_BY] = pm_value__int(by);
    /* The audit trail keeps the row's silence: counted, not recorded. */
    if (e->anonymous)
        pm_audit__undisclosed_begin(s);
    pm_status st = pm_api__update_fields(s, PM_KIND_FEEDBACK, id, v, fields);
    if (e->anonymous)
        pm_audit__undisclosed_end(s);
    return st;
}

static pm_status receive(pm_session *s, pm_id feedback, int react, pm_reaction reaction)
{
    entry e;
    pm_status st = react ? pm_feedback__check_reaction(reaction, &s->error) : PM_OK;
    if (st == PM_OK)
        st = load_entry(&e, s, feedback, 0);
    if (st == PM_OK)
        st = authorize_entry(s, &e, PM_ACT_FEEDBACK_RECEIVE);
    /* Acknowledging twice keeps the first time: nothing to write. */
    if (st != PM_OK || (!react && e.acknowledged_at != 0))
        return st;
    st = pm_api__begin_one(s);
    if (st == PM_OK)
        st = pm_api__finish_one(s, write_receipt(s, feedback, &e, react, reaction));
    return st;
}

pm_status pm_feedback_acknowledge(pm_session *s, pm_id feedback)
{
    PM_CHECK_SESSION(s);
    return receive(s, feedback, 0, PM_REACTION_NONE);
}

pm_status pm_feedback_react(pm_session *s, pm_id feedback, pm_reaction reaction)
{
    PM_CHECK_SESSION(s);
    return receive(s, feedback, 1, reaction);
}

pm_status pm_feedback_retract(pm_session *s, pm_id feedback)
{
    PM_CHECK_SESSION(s);
    entry e;
    pm_status st = load_entry(&e, s, feedback, 0);
    if (st == PM_OK)
        st = authorize_entry(s, &e, PM_ACT_FEEDBACK_RETRACT);
    if (st != PM_OK)
        return st;
    /* The removal and the reopening of the request part go together. */
    st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    /* Only the giver retracts: an entry would name the anonymous one. */
    if (e.anonymous)
        pm_audit__undisclosed_begin(s);
    st = pm_api__remove(s, PM_KIND_FEEDBACK, feedback);
    if (e.anonymous)
        pm_audit__undisclosed_end(s);
    if (st == PM_OK && e.request != 0)
        st = pm_feedback_request__reopen(s, e.request, s->actor.person);
    return pm_api__finish(s, st);
}

/* ---- getters ---- */

void pm_feedback_free(pm_feedback *feedback)
{
    pm__free(feedback);
}

pm_id pm_feedback_id(const pm_feedback *f) { return f ? f->id : 0; }
pm_id pm_feedback_giver(const pm_feedback *f) { return f && !f->anonymous ? f->giver : 0; }
int pm_feedback_is_mine(const pm_feedback *f) { return f ? f->is_mine : 0; }
pm_id pm_feedback_receiver(const pm_feedback *f) { return f ? f->receiver : 0; }

pm_feedback_kind pm_feedback_kind_get(const pm_feedback *f)
{
    return f ? f->kind : (pm_feedback_kind)0;
}

pm_direction pm_feedback_direction(const pm_feedback *f)
{
    return f ? f->direction : (pm_direction)0;
}

pm_feedback_visibility pm_feedback_visibility_get(const pm_feedback *f)
{
    return f ? f->visibility : (pm_feedback_visibility)0;
}

int pm_feedback_is_anonymous(const pm_feedback *f) { return f ? f->anonymous : 0; }
const char *pm_feedback_text(const pm_feedback *f) { return f ? f->text : NULL; }
const char *pm_feedback_situation(const pm_feedback *f) { return f ? f->situation : NULL; }
const char *pm_feedback_behaviour(const pm_feedback *f) { return f ? f->behaviour : NULL; }
const char *pm_feedback_impact(const pm_feedback *f) { return f ? f->impact : NULL; }
pm_id pm_feedback_goal(const pm_feedback *f) { return f ? f->goal : 0; }
pm_id pm_feedback_competency(const pm_feedback *f) { return f ? f->competency : 0; }
pm_id pm_feedback_checkin(const pm_feedback *f) { return f ? f->checkin : 0; }
pm_id pm_feedback_request_of(const pm_feedback *f) { return f ? f->request : 0; }
pm_time pm_feedback_given_at(const pm_feedback *f) { return f ? f->given_at : 0; }
pm_time pm_feedback_acknowledged_at(const pm_feedback *f) { return f ? f->acknowledged_at : 0; }

pm_reaction pm_feedback_reaction(const pm_feedback *f)
{
    return f ? f->reaction : PM_REACTION_NONE;
}
