#include "feedback.h"

#include "../util/text.h"

#define SECONDS_PER_DAY 86400

pm_direction pm_feedback__direction(const pm_feedback_facts *f)
{
    if (f->giver == f->receiver)
        return PM_DIRECTION_SELF;
    if (f->giver_above_receiver)
        return PM_DIRECTION_DOWNWARD;
    if (f->receiver_above_giver)
        return PM_DIRECTION_UPWARD;
    /* Two people without a manager, or outside every unit, share nothing. */
    if (f->giver_manager != 0 && f->giver_manager == f->receiver_manager)
        return PM_DIRECTION_PEER;
    if (f->giver_unit != 0 && f->giver_unit == f->receiver_unit)
        return PM_DIRECTION_PEER;
    return PM_DIRECTION_OTHER;
}

const char *pm_feedback__direction_name(pm_direction direction)
{
    switch (direction) {
    case PM_DIRECTION_DOWNWARD: return "downward";
    case PM_DIRECTION_UPWARD: return "upward";
    case PM_DIRECTION_PEER: return "peer";
    case PM_DIRECTION_SELF: return "self";
    case PM_DIRECTION_OTHER: return "other";
    case PM_DIRECTION_UNDISCLOSED: return "undisclosed";
    }
    return "unknown";
}

pm_status pm_feedback__check_direction(pm_direction claimed, pm_direction derived,
                                       pm_error *err)
{
    if (claimed == 0)
        return PM_OK;
    /* The range first, so that checking claimed against itself checks it. */
    if (claimed < PM_DIRECTION_DOWNWARD || claimed > PM_DIRECTION_OTHER)
        return pm_error__set(err, PM_EINVAL,
                             "feedback.direction: %d is not a direction (1 downward to 5 other, "
                             "or 0 to derive it)", (int)claimed);
    if (claimed == derived)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL, "feedback.direction: is %s, not %s",
                         pm_feedback__direction_name(derived),
                         pm_feedback__direction_name(claimed));
}

pm_status pm_feedback__check_kind(pm_feedback_kind kind, pm_error *err)
{
    if (kind >= PM_FEEDBACK_PRAISE && kind <= PM_FEEDBACK_SUGGESTION)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL,
                         "feedback.kind: %d is not a kind (1 praise, 2 constructive, "
                         "3 suggestion)", (int)kind);
}

pm_status pm_feedback__check_visibility(pm_feedback_visibility visibility, pm_error *err)
{
    if (visibility >= PM_FEEDBACK_TO_RECEIVER && visibility <= PM_FEEDBACK_TO_ORGANISATION)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL,
                         "feedback.visibility: %d is not a visibility (1 receiver, 2 managers, "
                         "3 organisation)", (int)visibility);
}

pm_status pm_feedback__check_reaction(pm_reaction reaction, pm_error *err)
{
    if (reaction >= PM_REACTION_NONE && reaction <= PM_REACTION_DISAGREE)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL,
                         "feedback.reaction: %d is not a reaction (0 none, 1 thanks, 2 helpful, "
                         "3 discuss, 4 disagree)", (int)reaction);
}

pm_action pm_feedback__read_action(pm_feedback_visibility visibility)
{
    switch (visibility) {
    case PM_FEEDBACK_TO_ORGANISATION: return PM_ACT_FEEDBACK_READ_ORG;
    case PM_FEEDBACK_TO_MANAGERS: return PM_ACT_FEEDBACK_READ_MANAGERS;
    case PM_FEEDBACK_TO_RECEIVER: break;
    }
    return PM_ACT_FEEDBACK_READ_RECEIVER;
}

static int allowed(const pm_actor *actor, pm_action action, pm_relation relation)
{
    return pm_access__check(actor, action, relation) == PM_OK;
}

int pm_feedback__may(const pm_actor *actor, pm_action action,
                     const pm_feedback_standing *standing)
{
    if (allowed(actor, action, PM_REL_NONE))
        return 1;
    if (standing->is_receiver && allowed(actor, action, PM_REL_SELF))
        return 1;
    if (standing->is_giver && allowed(actor, action, PM_REL_AUTHOR))
        return 1;
    return standing->is_above && allowed(actor, action, PM_REL_MANAGER);
}

pm_time pm_feedback__coarse_time(pm_time t)
{
    /* Floor division: an instant before 1970 belongs to the day it falls in. */
    pm_time day = t / SECONDS_PER_DAY;
    if (t % SECONDS_PER_DAY < 0)
        day--;
    return day * SECONDS_PER_DAY;
}
