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

/* A series row as stored; its fields are all integers or NULL, so the
 * values outlive the storage callback and can be written back whole. */
typedef struct pm_checkin_series_row {
    pm_id id;                          /* 0 until a row is read */
    pm_value v[PM_SERIES_NFIELDS];
} pm_checkin_series_row;

/* Reads a series row; PM_ENOTFOUND "field: check-in series 12 does not exist". */
pm_status pm_checkin__read_series(pm_checkin_series_row *out, pm_session *s, pm_id series,
                                  const char *field);

/* The state of a series on date: paused or ended by its own dates, ended
 * too when its manager is no longer the report's manager then. */
pm_status pm_checkin__series_state_on(pm_series_state *out, pm_session *s,
                                      const pm_checkin_series_row *r, pm_date date);

/* The row of an entry, with its text copied so it can be written back.
 * Initialise s and what (the prefix of the out-of-memory message, e.g.
 * "checkin_entry"), the rest to zero; pm__free(text) when done. */
typedef struct pm_checkin_entry_row {
    pm_session *s;
    const char *what;
    int found;
    pm_value v[PM_ENTRY_NFIELDS];
    char *text;
} pm_checkin_entry_row;

/* A pm_storage_row_cb filling the pm_checkin_entry_row at payload. */
int pm_checkin__entry_from_row(const pm_row *row, void *payload);

#endif
