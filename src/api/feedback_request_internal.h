/* What the two request files share: the stored request and part rows and
 * how a part's state reads today. feedback_request_list.c reads (these
 * functions live there); feedback_request.c writes. None of them checks
 * access or opens a transaction. */
#ifndef PM_API_FEEDBACK_REQUEST_INTERNAL_H
#define PM_API_FEEDBACK_REQUEST_INTERNAL_H

#include "feedback_internal.h"

/* A request row as stored. Its only text, the topic, is copied (owned) so
 * the values outlive the storage callback and can be written back whole;
 * free with pm_feedback_request__row_clear(). */
typedef struct pm_request_row {
    pm_id id;
    pm_value v[PM_FREQ_NFIELDS];
    char *topic;
} pm_request_row;

/* One addressee's part as stored: integers, dates, times or NULL only. */
typedef struct pm_request_part_row {
    pm_id id;
    pm_value v[PM_PART_NFIELDS];
} pm_request_part_row;

/* Reads a request; PM_EINVAL "field: 0 is not a request id" for ids below
 * 1, PM_ENOTFOUND "field: feedback request 12 does not exist". */
pm_status pm_feedback_request__load(pm_request_row *out, pm_session *s, pm_id id,
                                    const char *field);
void pm_feedback_request__row_clear(pm_request_row *row);

/* Reads every part of a request in the order its addressees were given
 * (by part id) into a new array (*out, pm__free it; NULL when none). */
pm_status pm_feedback_request__load_parts(pm_request_part_row **out, size_t *count,
                                          pm_session *s, pm_id request);

/* Reads addressee's part of request; *found 0 when there is none. */
pm_status pm_feedback_request__find_part(pm_request_part_row *out, int *found, pm_session *s,
                                         pm_id request, pm_id addressee);

/* The state of a part as read on today: a part still requested after its
 * last day is expired (computed, never stored). */
pm_request_state pm_feedback_request__state_on(const pm_request_part_row *part, pm_date today);

#endif
