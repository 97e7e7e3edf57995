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

/* ---- shared by feedback.c, feedback_anon.c and feedback_list.c ---- */

#include "../util/sha256.h"

/* A feedback snapshot (the public pm_feedback): one allocation, the
 * strings after the struct. giver is 0 for anonymous entries whoever
 * reads them; is_mine says whether the reading session gave it. */
struct pm_feedback {
    pm_id id;
    pm_id giver;
    int is_mine;
    pm_id receiver;
    pm_feedback_kind kind;
    pm_direction direction;
    pm_feedback_visibility visibility;
    int anonymous;
    const char *text;       /* never NULL */
    const char *situation;  /* NULL when none */
    const char *behaviour;
    const char *impact;
    pm_id goal;
    pm_id competency;
    pm_id checkin;
    pm_id request;
    pm_time given_at;
    pm_time acknowledged_at;
    pm_reaction reaction;
};

/* PM_ECORRUPT "feedback: stored row 7 has 3 fields, expected 23". */
pm_status pm_feedback__check_row(pm_session *s, const pm_row *row);

/* A snapshot of a checked row, with is_mine as the caller decided; NULL
 * when out of memory. Never copies the stored giver of an anonymous row
 * (it is 0 anyway) nor its tag and nonce. */
pm_feedback *pm_feedback__from_row(const pm_row *row, int is_mine);

/* A row's integer value; 0 for NULL. */
int64_t pm_feedback__row_int(const pm_value *v);

/* PM_EPERM "permission denied: person 5 may not <action's phrase>". */
pm_status pm_feedback__refuse(pm_session *s, pm_action action);

/* Recognises the session's own entries among stored rows: named ones by
 * the giver field, anonymous ones by their tag, with the HMAC key
 * prepared once for a whole list (feedback_anon.c). */
typedef struct pm_feedback_recogniser {
    pm_id person;          /* the actor; 0 for the system actor */
    int keyed;             /* the db has a secret */
    pm_sha256_hmac key;
} pm_feedback_recogniser;

void pm_feedback__recogniser_init(pm_feedback_recogniser *r, pm_session *s);
/* Wipes the prepared key. */
void pm_feedback__recogniser_done(pm_feedback_recogniser *r);
/* 1 when the actor gave the row with values v (PM_FB_NFIELDS of them). */
int pm_feedback__recognise(const pm_feedback_recogniser *r, const pm_value *v);

/* Bytes of a stored tag and nonce (hex, without NUL). */
#define PM_FEEDBACK_TAG_LEN (2 * PM_SHA256_SIZE)
#define PM_FEEDBACK_NONCE_LEN 32

/* A fresh nonce and the tag of the session's person under the db's
 * secret, NUL-terminated. PM_EUNSUPPORTED "feedback.anonymous: this store
 * has no secret (pm_db_opts.secret)" when there is none; PM_EIO when the
 * system gives no random bytes. */
pm_status pm_feedback__make_tag(pm_session *s, char tag[PM_FEEDBACK_TAG_LEN + 1],
                                char nonce[PM_FEEDBACK_NONCE_LEN + 1]);

#endif
