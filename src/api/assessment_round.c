/* Assessment rounds: a person's self assessment paired with their
 * manager's, each side blind to the other until both have submitted, then
 * released together. Opening, submitting a side and reading where a round
 * stands; the assessments themselves are added by assessment.c, which also
 * hides an unreleased round's assessments from the other side. */
#include "assessment_internal.h"

#include <string.h>

#include "competency_internal.h"

#include "org_internal.h"
#include "person_internal.h"
#include "../core/org.h"

static int copy_round(const pm_row *row, void *payload)
{
    pm_round_row *r = payload;
    if (row->nvalues != PM_AROUND_NFIELDS)
        return PM_ECORRUPT;
    r->id = row->id;
    memcpy(r->v, row->values, sizeof r->v);
    return 0;
}

pm_status pm_assessment_round__read(pm_round_row *out, pm_session *s, pm_id round,
                                    const char *field)
{
    memset(out, 0, sizeof *out);
    if (round <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not an assessment round id",
                             field, (long long)round);
    pm_status st = pm_api__get(s, PM_KIND_ASSESSMENT_ROUND, round, copy_round, out);
    if (st == PM_OK && out->id == 0)
        st = PM_ENOTFOUND;
    if (st == PM_ENOTFOUND)
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: assessment round %lld does not exist",
                             field, (long long)round);
    return st;
}

static int is_set(const pm_value *v)
{
    return v->type != PM_VALUE_NULL;
}

/* ---- open ---- */

typedef struct open_round {
    pm_id id; /* the person's round not yet released, 0 for none */
} open_round;

static int find_unreleased(const pm_row *row, void *payload)
{
    open_round *o = payload;
    if (row->nvalues != PM_AROUND_NFIELDS)
        return PM_ECORRUPT;
    if (is_set(&row->values[PM_AROUND_RELEASED_AT]))
        return 0;
    o->id = row->id;
    return 1;
}

/* The conflict check runs inside the transaction: two sessions opening a
 * round for one person must not both find none open. */
static pm_status insert_round(pm_id *out, pm_session *s, pm_id person, pm_date on)
{
    open_round o = { 0 };
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_ASSESSMENT_ROUND, PM_AROUND_BY_PERSON, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, find_unreleased, &o);
    if (st != PM_OK)
        return st;
    if (o.id != 0)
        return pm_error__set(&s->error, PM_ECONFLICT,
                             "person: person %lld has assessment round %lld not yet released",
                             (long long)person, (long long)o.id);
    pm_value v[PM_AROUND_NFIELDS];
    v[PM_AROUND_PERSON] = pm_value__int(person);
    v[PM_AROUND_ON] = pm_value__date(on);
    v[PM_AROUND_SELF_AT] = pm_value__null();
    v[PM_AROUND_MANAGER_AT] = pm_value__null();
    v[PM_AROUND_RELEASED_AT] = pm_value__null();
    pm_api__audit_create(s, v, PM_AROUND_CREATED_AT);
    return pm_api__insert(s, PM_KIND_ASSESSMENT_ROUND, v, out);
}

static pm_status check_open(pm_session *s, pm_id person, pm_date on)
{
    pm_status st = pm_person__check(s, person, "person", 1);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ASSESS_ROUND, person);
    if (st == PM_OK && on != PM_DATE_NONE)
        st = pm_org__check_date(on, "on", &s->error);
    /* Its assessments take its day, and no assessment is dated ahead. */
    if (st == PM_OK && on != PM_DATE_NONE)
        st = pm_api__check_not_future(s, on, "on");
    pm_date today = pm_api__today(s->db);
    pm_id manager = 0;
    if (st == PM_OK)
        st = pm_org__manager_on(&manager, s, person, today);
    if (st == PM_OK && manager == 0)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "person: person %lld has no manager today, so no manager side",
                           (long long)person);
    return st;
}

pm_status pm_assessment_round_open(pm_id *out, pm_session *s, pm_id person, pm_date on)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    pm_status st = check_open(s, person, on);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_round(&id, s, person,
                                            pm_api__date_or_today(s->db, on)));
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- submit ---- */

/* The side the session submits for: the person is the self side, anyone
 * above them today the manager side. The access table decides (ASSESS_SELF
 * for the person, ASSESS_MANAGER for the rest), so HR admins and the
 * system actor, who assess from neither side, cannot submit one. */
static pm_status side_of(pm_assessment_source *side, pm_session *s, const pm_round_row *r)
{
    pm_relation relation = PM_REL_NONE;
    pm_status st = pm_api__relation(&relation, s, r->v[PM_AROUND_PERSON].v.i);
    if (st != PM_OK)
        return st;
    *side = relation == PM_REL_SELF ? PM_ASSESSED_BY_SELF : PM_ASSESSED_BY_MANAGER;
    pm_action action = relation == PM_REL_SELF ? PM_ACT_ASSESS_SELF : PM_ACT_ASSESS_MANAGER;
    if (pm_access__check(&s->actor, action, relation) == PM_OK)
        return PM_OK;
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM,
                             "permission denied: the system actor may not submit a side of "
                             "assessment round %lld (only its person and those above them may)",
                             (long long)r->id);
    return pm_error__set(&s->error, PM_EPERM,
                         "permission denied: person %lld may not submit a side of assessment "
                         "round %lld (only its person and those above them may)",
                         (long long)s->actor.person, (long long)r->id);
}

typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} id_list;

static int collect_id(const pm_row *row, void *payload)
{
    id_list *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "assessment_round: out of memory");
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->count++] = row->id;
    return 0;
}

/* Both sides' assessments become visible and count at once: the flag is
 * all that changes, so only that field is written. */
static pm_status release_assessments(pm_session *s, pm_id round)
{
    id_list l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(round) };
    pm_scan scan = { PM_KIND_ASSESSMENT, PM_ASSESS_BY_ROUND, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, collect_id, &l);
    pm_value v[PM_ASSESS_NFIELDS];
    v[PM_ASSESS_RELEASED] = pm_value__int(1);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = pm_api__update_fields(s, PM_KIND_ASSESSMENT, l.ids[i], v,
                                   PM_UPDATE_FIELD(PM_ASSESS_RELEASED));
    pm__free(l.ids);
    return st;
}

static pm_status write_submission(int *released, pm_session *s, pm_id round,
                                  pm_assessment_source side)
{
    /* Read again inside the transaction: two sessions of one side must not
     * both get past the "not yet submitted" check. */
    pm_round_row r;
    pm_status st = pm_assessment_round__read(&r, s, round, "round");
    if (st != PM_OK)
        return st;
    unsigned int mine = side == PM_ASSESSED_BY_SELF ? PM_AROUND_SELF_AT : PM_AROUND_MANAGER_AT;
    unsigned int other = side == PM_ASSESSED_BY_SELF ? PM_AROUND_MANAGER_AT : PM_AROUND_SELF_AT;
    if (is_set(&r.v[mine]))
        return pm_error__set(&s->error, PM_EINVAL,
                             "round: the %s side of assessment round %lld has already submitted",
                             side == PM_ASSESSED_BY_SELF ? "self" : "manager", (long long)round);
    pm_time now = pm_api__now(s->db);
    r.v[mine] = pm_value__int(now);
    uint64_t fields = PM_UPDATE_FIELD(mine) | PM_UPDATE_FIELD(PM_AROUND_UPDATED_AT)
                    | PM_UPDATE_FIELD(PM_AROUND_UPDATED_BY);
    *released = is_set(&r.v[other]);
    if (*released) {
        r.v[PM_AROUND_RELEASED_AT] = pm_value__int(now);
        fields |= PM_UPDATE_FIELD(PM_AROUND_RELEASED_AT);
    }
    pm_api__audit_update(s, r.v, PM_AROUND_CREATED_AT);
    st = pm_api__update_fields(s, PM_KIND_ASSESSMENT_ROUND, round, r.v, fields);
    if (st == PM_OK && *released)
        st = release_assessments(s, round);
    return st;
}

pm_status pm_assessment_round_submit(int *released, pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    if (released != NULL)
        *released = 0;
    pm_round_row r;
    pm_assessment_source side = PM_ASSESSED_BY_SELF;
    pm_status st = pm_assessment_round__read(&r, s, round, "round");
    if (st == PM_OK)
        st = side_of(&side, s, &r);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    int done = 0;
    st = pm_api__finish(s, write_submission(&done, s, round, side));
    if (st == PM_OK && released != NULL)
        *released = done;
    return st;
}

/* ---- state ---- */

pm_status pm_assessment_round_state(int *self_submitted, int *manager_submitted,
                                    pm_time *released, pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    if (self_submitted != NULL)
        *self_submitted = 0;
    if (manager_submitted != NULL)
        *manager_submitted = 0;
    if (released != NULL)
        *released = 0;
    pm_round_row r;
    pm_status st = pm_assessment_round__read(&r, s, round, "round");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ASSESS_READ, r.v[PM_AROUND_PERSON].v.i);
    if (st != PM_OK)
        return st;
    if (self_submitted != NULL)
        *self_submitted = is_set(&r.v[PM_AROUND_SELF_AT]);
    if (manager_submitted != NULL)
        *manager_submitted = is_set(&r.v[PM_AROUND_MANAGER_AT]);
    if (released != NULL)
        *released = is_set(&r.v[PM_AROUND_RELEASED_AT]) ? r.v[PM_AROUND_RELEASED_AT].v.i : 0;
    return PM_OK;
}
