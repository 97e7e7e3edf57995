/* What assessment.c and assessment_round.c share: reading a round as
 * stored. */
#ifndef PM_API_ASSESSMENT_INTERNAL_H
#define PM_API_ASSESSMENT_INTERNAL_H

#include "internal.h"

/* A round as stored: its id and fields (PM_AROUND_*). */
typedef struct pm_round_row {
    pm_id id;
    pm_value v[PM_AROUND_NFIELDS];
} pm_round_row;

/* Reads round into *out. field names the id in messages: PM_EINVAL
 * "field: -3 is not an assessment round id" for round <= 0, PM_ENOTFOUND
 * "field: assessment round 12 does not exist" (assessment_round.c). */
pm_status pm_assessment_round__read(pm_round_row *out, pm_session *s, pm_id round,
                                    const char *field);

#endif
