/* Feedback's internal functions, shared by the feedback, request and
 * statistics files. */
#ifndef PM_API_FEEDBACK_INTERNAL_H
#define PM_API_FEEDBACK_INTERNAL_H

#include "internal.h"

/* Gives feedback from the session's person: every check and the insert of
 * pm_feedback_give(), storing request (0 for none) as the request it
 * answers. Writes once; the caller owns the transaction
 * (feedback.c). */
pm_status pm_feedback__give(pm_session *s, const pm_feedback_opts *opts, pm_id request,
                            pm_id *out);

/* After the giver retracts a response: puts addressee's part of request
 * back to requested (feedback_request.c). PM_OK when there is no such part. */
pm_status pm_feedback_request__reopen(pm_session *s, pm_id request, pm_id addressee);

/* 1 when the session's person gave the stored feedback row v (named: the
 * giver field; anonymous: the keyed tag matches), else 0 (feedback_anon.c). */
int pm_feedback__is_giver(pm_session *s, const pm_value *v);

#endif
