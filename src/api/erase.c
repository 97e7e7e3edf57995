/* pm_person_erase(): checks, then one transaction that walks every area,
 * replaces the person's identity and records one audit entry. The areas'
 * own writes are kept out of the audit trail (a quiet scope): the entry
 * names the person and a count, never what was erased. */
#include "erase_internal.h"

#include "audit_internal.h"
#include "person_internal.h"

#define ERASE_OPTS "erase_opts"

pm_status pm_erase_opts_init(pm_erase_opts *opts, unsigned int version)
{
    static const pm_erase_opts defaults = PM_ERASE_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_ERASE_OPTS_VERSION);
}

static pm_status check_opts(pm_session *s, pm_id person, const pm_erase_opts *o)
{
    if (o->goals == PM_ERASE_GOALS_ARCHIVE) {
        if (o->new_owner != 0)
            return pm_error__set(&s->error, PM_EINVAL,
                                 ERASE_OPTS ".new_owner: must be 0 unless goals are "
                                 "reassigned, not %lld", (long long)o->new_owner);
        return PM_OK;
    }
    if (o->goals != PM_ERASE_GOALS_REASSIGN)
        return pm_error__set(&s->error, PM_EINVAL,
                             ERASE_OPTS ".goals: %d is not a pm_erase_goals value", (int)o->goals);
    if (o->new_owner == 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             ERASE_OPTS ".new_owner: required when goals are reassigned");
    if (o->new_owner == person)
        return pm_error__set(&s->error, PM_EINVAL,
                             ERASE_OPTS ".new_owner: is the person being erased");
    if (o->new_owner < 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             ERASE_OPTS ".new_owner: %lld is not a person id",
                             (long long)o->new_owner);
    int found = 0;
    pm_person_status status = PM_PERSON_ACTIVE;
    pm_status st = pm_person__status(&found, &status, s, o->new_owner);
    if (st != PM_OK)
        return st;
    if (!found)
        return pm_error__set(&s->error, PM_ENOTFOUND,
                             ERASE_OPTS ".new_owner: person %lld does not exist",
                             (long long)o->new_owner);
    if (status != PM_PERSON_ACTIVE)
        return pm_error__set(&s->error, PM_ECONFLICT,
                             ERASE_OPTS ".new_owner: person %lld has left",
                             (long long)o->new_owner);
    return PM_OK;
}

static pm_status check_person(pm_session *s, pm_id person, pm_person_status *status)
{
    if (person == 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "person: 0 is the system actor, which holds no personal data");
    if (person < 0)
        return pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id",
                             (long long)person);
    int found = 0;
    pm_status st = pm_person__status(&found, status, s, person);
    if (st == PM_OK && !found)
        st = pm_error__set(&s->error, PM_ENOTFOUND, "person: person %lld does not exist",
                           (long long)person);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PERSON_ERASE, person);
    if (st == PM_OK && *status == PM_PERSON_ERASED)
        st = pm_error__set(&s->error, PM_ECONFLICT, "person: %lld is already erased",
                           (long long)person);
    int held = 0;
    if (st == PM_OK)
        st = pm_legal_hold__is_held(s, person, &held);
    if (st == PM_OK && held)
        st = pm_error__set(&s->error, PM_EHELD,
                           "person: %lld is under a legal hold; lift it before erasing",
                           (long long)person);
    return st;
}

static pm_status check_report(pm_session *s, const pm_erase_report *report)
{
    if (report == NULL)
        return PM_OK;
    return pm_api__check_version(s, "erase_report", report->version, PM_ERASE_REPORT_VERSION);
}

/* The areas, each removing what is about the person and changing what
 * names them; the identity goes last, once nothing needs it. */
static pm_status erase_areas(pm_erase *e)
{
    pm_status (*const areas[])(pm_erase *) = {
        pm_erase__feedback, pm_erase__review360, pm_erase__checkins, pm_erase__goals,
        pm_erase__development, pm_erase__wellbeing,
    };
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < sizeof areas / sizeof areas[0]; i++)
        st = areas[i](e);
    if (st == PM_OK)
        st = pm_person__erase_identity(e->s, e->person);
    if (st == PM_OK)
        e->changed++;
    return st;
}

/* The checks that read the store run inside the transaction, so that a
 * hold placed meanwhile cannot slip between them and the erasure. */
static pm_status erase_in_transaction(pm_erase *e)
{
    pm_session *s = e->s;
    pm_person_status status = PM_PERSON_ACTIVE;
    pm_status st = check_person(s, e->person, &status);
    if (st == PM_OK)
        st = check_opts(s, e->person, &e->opts);
    if (st != PM_OK)
        return st;
    /* Leaving is an event of its own, audited as such. */
    if (status == PM_PERSON_ACTIVE)
        st = pm_person__set_left(s, e->person, pm_api__today(s->db));
    if (st != PM_OK)
        return st;
    pm_audit__quiet_begin(s);
    st = erase_areas(e);
    pm_audit__quiet_end(s);
    if (st == PM_OK)
        st = pm_audit__record(s, PM_AUDIT_ERASE, PM_KIND_PERSON, e->person,
                              e->removed + e->changed);
    return st;
}

pm_status pm_person_erase(pm_session *session, pm_id person, const pm_erase_opts *opts,
                          pm_erase_report *report)
{
    PM_CHECK_SESSION(session);
    pm_erase e = { session, person, PM_ERASE_OPTS_INIT, 0, 0 };
    pm_status st = check_report(session, report);
    if (st == PM_OK && opts != NULL) {
        st = pm_api__check_version(session, ERASE_OPTS, opts->version, PM_ERASE_OPTS_VERSION);
        if (st == PM_OK)
            e.opts = *opts;
    }
    if (st == PM_OK)
        st = pm_api__begin(session);
    if (st != PM_OK)
        return st;
    st = pm_api__finish(session, erase_in_transaction(&e));
    if (st == PM_OK && report != NULL) {
        report->removed = e.removed;
        report->changed = e.changed;
    }
    return st;
}
