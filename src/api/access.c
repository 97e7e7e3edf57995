/* The api side of access control: gathers the facts the core rules need
 * (how the actor stands to the subject today) and turns a refusal into a
 * message that names who was refused and what they tried. */
#include "org_internal.h"

pm_status pm_api__relation(pm_relation *out, pm_session *s, pm_id subject)
{
    *out = PM_REL_NONE;
    /* The system actor is nobody's self or manager; subject 0 is "no one". */
    if (s->actor.is_system || subject <= 0)
        return PM_OK;
    if (subject == s->actor.person) {
        *out = PM_REL_SELF;
        return PM_OK;
    }
    int above = 0;
    pm_status st = pm_org__is_above(&above, s, s->actor.person, subject,
                                    pm_api__today(s->db));
    if (st != PM_OK)
        return st;
    if (above)
        *out = PM_REL_MANAGER;
    return PM_OK;
}

/* Walking the manager chain costs storage reads; skip it when the answer
 * cannot depend on the relation (an admin, or a directory read). */
static int allowed_under_every_relation(const pm_actor *actor, pm_action action)
{
    for (int r = 0; r < PM_REL_COUNT; r++)
        if (pm_access__check(actor, action, (pm_relation)r) != PM_OK)
            return 0;
    return 1;
}

pm_status pm_api__authorize(pm_session *s, pm_action action, pm_id subject)
{
    if (allowed_under_every_relation(&s->actor, action))
        return PM_OK;
    pm_relation relation = PM_REL_NONE;
    pm_status st = pm_api__relation(&relation, s, subject);
    if (st != PM_OK)
        return st;
    if (pm_access__check(&s->actor, action, relation) == PM_OK)
        return PM_OK;
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(action));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(action));
}
