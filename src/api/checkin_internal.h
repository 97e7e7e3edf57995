/* Check-ins' internal functions, shared by the series, meeting, entry and
 * statistics files. */
#ifndef PM_API_CHECKIN_INTERNAL_H
#define PM_API_CHECKIN_INTERNAL_H

#include "internal.h"

/* What most check-in calls need to know about a meeting and its series. */
typedef struct pm_checkin_context {
    pm_id checkin;            /* 0 when only a series was loaded */
    pm_date date;             /* the meeting's date */
    pm_checkin_state state;   /* the meeting's state */
    pm_id series;
    pm_id manager;
    pm_id report;
} pm_checkin_context;

/* Loads a meeting and its series; PM_ENOTFOUND "field: check-in 12 does not exist". */
pm_status pm_checkin__load(pm_checkin_context *out, pm_session *s, pm_id checkin,
                           const char *field);

/* Loads a series; PM_ENOTFOUND "field: check-in series 12 does not exist". */
pm_status pm_checkin__load_series(pm_checkin_context *out, pm_session *s, pm_id series,
                                  const char *field);

/* Checks the actor may do action on the pair's records (PM_ACT_CHECKIN_*):
 * relation PARTICIPANT for the manager or report of the series, MANAGER for
 * someone above the report; PM_EPERM with a message otherwise. */
pm_status pm_checkin__authorize(pm_session *s, pm_action action, const pm_checkin_context *ctx);

#endif
