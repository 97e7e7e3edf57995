/* Feedback's pure rules: the direction of an entry from how giver and
 * receiver stood in the organisation that day, the check of a claimed
 * direction, which read action a visibility needs, the valid kinds,
 * visibilities and reactions, and the coarse time of anonymous entries.
 * No storage, no clock: the api layer gathers the facts. */
#ifndef PM_CORE_FEEDBACK_H
#define PM_CORE_FEEDBACK_H

#include "perfmgmt/feedback.h"
#include "access.h"
#include "../util/error.h"

/* How giver and receiver stood on the day feedback was given. */
typedef struct pm_feedback_facts {
    pm_id giver;
    pm_id receiver;
    int giver_above_receiver;  /* the giver is in the receiver's manager chain */
    int receiver_above_giver;  /* the receiver is in the giver's manager chain */
    pm_id giver_manager;       /* direct managers that day, 0 for none */
    pm_id receiver_manager;
    pm_id giver_unit;          /* units that day, 0 for none */
    pm_id receiver_unit;
} pm_feedback_facts;

/* SELF for one person; DOWNWARD when the giver is above the receiver;
 * UPWARD when below; PEER with the same direct manager or the same unit;
 * OTHER otherwise. The first that holds wins, in that order. */
pm_direction pm_feedback__direction(const pm_feedback_facts *facts);

/* "downward", "upward", "peer", "self", "other"; "unknown" otherwise. */
const char *pm_feedback__direction_name(pm_direction direction);

/* PM_OK when claimed is 0 (derive it) or a direction equal to derived
 * (so pm_feedback__check_direction(d, d, err) checks d's range). Otherwise
 * PM_EINVAL "feedback.direction: is self, not peer", or for a value that
 * is no direction "feedback.direction: 9 is not a direction (1 downward to
 * 5 other, or 0 to derive it)". */
pm_status pm_feedback__check_direction(pm_direction claimed, pm_direction derived,
                                       pm_error *err);

/* Validity of the enums, with PM_EINVAL messages naming the field
 * (field is e.g. "feedback.kind"). A reaction may be NONE (clears it). */
pm_status pm_feedback__check_kind(pm_feedback_kind kind, pm_error *err);
pm_status pm_feedback__check_visibility(pm_feedback_visibility visibility, pm_error *err);
pm_status pm_feedback__check_reaction(pm_reaction reaction, pm_error *err);

/* The action reading an entry of this visibility is. Anything unknown is
 * read as the most private (receiver only), so a damaged row fails closed. */
pm_action pm_feedback__read_action(pm_feedback_visibility visibility);

/* How an actor stands to one entry. Several can hold at once (feedback to
 * oneself; a manager giving feedback to a report); access is granted when
 * any of them allows it. */
typedef struct pm_feedback_standing {
    int is_receiver;
    int is_giver;     /* named giver, or the tag of an anonymous one matches */
    int is_above;     /* in the receiver's manager chain today */
} pm_feedback_standing;

/* 1 when actor may do action under any relation of standing. */
int pm_feedback__may(const pm_actor *actor, pm_action action,
                     const pm_feedback_standing *standing);

/* The start of t's UTC day: what an anonymous entry keeps of its times,
 * so the time of a write cannot be matched with who was active then. */
pm_time pm_feedback__coarse_time(pm_time t);

#endif
