/**
 * @file perfmgmt/checkin.h
 * @brief Check-ins: regular one-to-ones between managers and their people.
 *
 * A series pairs a manager with a report and a cadence (every N weeks, or
 * monthly on a day) from a start date. Each meeting (a check-in) has a date
 * and a state; holding one schedules the next by the cadence, counted from
 * the meeting held. A series can be paused and resumed; it ends when the
 * reporting line between the two ends, unless it is moved to the report's
 * new manager with pm_checkin_series_move().
 *
 * A check-in holds shared talking points that either side adds (those not
 * discussed move on to the next meeting, remembering where they came from),
 * shared notes, private notes and private talking points that only their
 * author ever sees (not HR admins, not the system actor), action items that
 * stay on every following check-in until done, the goals discussed with a
 * snapshot of their progress, and an optional mood score (1 to 5).
 *
 * Access: the two people in the series read and write it; HR admins and the
 * system actor read it (never private entries) and may create, move and end
 * series.
 *
 * @defgroup checkin Check-ins
 * @{
 */
#ifndef PERFMGMT_CHECKIN_H
#define PERFMGMT_CHECKIN_H

#include "db.h"

PM_BEGIN_DECL

/** A snapshot of one check-in series. */
typedef struct pm_checkin_series pm_checkin_series;
/** An iterator over series. */
typedef struct pm_checkin_series_iter pm_checkin_series_iter;
/** A snapshot of one check-in (meeting). */
typedef struct pm_checkin pm_checkin;
/** An iterator over check-ins. */
typedef struct pm_checkin_iter pm_checkin_iter;
/** A snapshot of one entry of a check-in: talking point, note, action item or goal discussed. */
typedef struct pm_checkin_entry pm_checkin_entry;
/** An iterator over entries. */
typedef struct pm_checkin_entry_iter pm_checkin_entry_iter;

/** How often a series meets. */
typedef enum pm_cadence {
    PM_CADENCE_WEEKLY = 1, /**< Every pm_checkin_series_opts::interval weeks. */
    PM_CADENCE_MONTHLY = 2 /**< Monthly on pm_checkin_series_opts::day (the month's last day when shorter). */
} pm_cadence;

/** Where a series stands on a date. */
typedef enum pm_series_state {
    PM_SERIES_ACTIVE = 1, /**< Meeting by its cadence. */
    PM_SERIES_PAUSED = 2, /**< Paused: nothing is due. */
    PM_SERIES_ENDED = 3   /**< Ended, or the reporting line ended. */
} pm_series_state;

/** Where a check-in stands. */
typedef enum pm_checkin_state {
    PM_CHECKIN_SCHEDULED = 1, /**< Planned. */
    PM_CHECKIN_HELD = 2,      /**< Took place. */
    PM_CHECKIN_CANCELLED = 3, /**< Called off (not counted as due). */
    PM_CHECKIN_MISSED = 4     /**< Did not take place (counted as due). */
} pm_checkin_state;

/** Version of #pm_checkin_series_opts understood by this release. */
#define PM_CHECKIN_SERIES_OPTS_VERSION 1

/** The fields of a series, for pm_checkin_series_create(). */
typedef struct pm_checkin_series_opts {
    unsigned int version; /**< #PM_CHECKIN_SERIES_OPTS_VERSION. */
    pm_id manager;        /**< The manager: the report's manager on @ref start. */
    pm_id report;         /**< The report. */
    pm_cadence cadence;   /**< Default #PM_CADENCE_WEEKLY. */
    int interval;         /**< Weeks between meetings (weekly); 1 to 12; default 1. */
    int day;              /**< Day of the month (monthly); 1 to 31; 0 for the start date's day. */
    pm_date start;        /**< The first meeting's date; #PM_DATE_NONE for today. */
} pm_checkin_series_opts;

/** Initialiser for #pm_checkin_series_opts. */
#define PM_CHECKIN_SERIES_OPTS_INIT \
    { PM_CHECKIN_SERIES_OPTS_VERSION, 0, 0, PM_CADENCE_WEEKLY, 1, 0, PM_DATE_NONE }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_checkin_series_opts_init(pm_checkin_series_opts *opts,
                                                 unsigned int version);

/**
 * Starts a series and schedules its first check-in on the start date.
 *
 * @param[out] out the series' id; may be NULL.
 * @param session the manager, someone above the report, HR or the system
 *        (not the report).
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (the report does not report to the manager on
 *         the start date, bad cadence, interval or day); #PM_ENOTFOUND;
 *         #PM_ECONFLICT (the pair already has a series that has not ended);
 *         #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_series_create(pm_id *out, pm_session *session,
                                              const pm_checkin_series_opts *opts);

/**
 * Pauses a series from @p date on: nothing is due while paused, and a
 * scheduled check-in on or after @p date is cancelled.
 *
 * @param session one of the pair, HR or the system.
 * @param series the series.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL (not active), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_series_pause(pm_session *session, pm_id series, pm_date date);

/**
 * Resumes a paused series and schedules its next check-in on @p date.
 *
 * @param session one of the pair, HR or the system.
 * @param series the series.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL (not paused), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_series_resume(pm_session *session, pm_id series, pm_date date);

/**
 * Ends a series on @p date; a scheduled check-in after it is cancelled.
 *
 * @param session one of the pair, HR or the system.
 * @param series the series.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL (already ended), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_series_end(pm_session *session, pm_id series, pm_date date);

/**
 * Moves a series to the report's new manager (their manager today), so it
 * survives a change of reporting line.
 *
 * @param session the new manager, someone above the report, HR or the system.
 * @param series the series.
 * @param manager the new manager.
 * @return #PM_OK, #PM_EINVAL (not the report's manager today, or ended),
 *         #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_series_move(pm_session *session, pm_id series, pm_id manager);

/**
 * Reads a series; its state and next due date are computed for today.
 *
 * @param[out] out the snapshot; free with pm_checkin_series_free().
 * @param session who is acting.
 * @param series the series.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_series_get(pm_checkin_series **out, pm_session *session,
                                           pm_id series);

/** Flag for pm_checkin_series_list(): only series overdue today (next due date passed). */
#define PM_CHECKIN_SERIES_OVERDUE 0x1u

/**
 * Lists the series in which @p person is manager or report, by next due date.
 *
 * @param[out] out the iterator; free with pm_checkin_series_iter_free().
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param flags #PM_CHECKIN_SERIES_OVERDUE or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_series_list(pm_checkin_series_iter **out, pm_session *session,
                                            pm_id person, unsigned int flags);

/**
 * Advances a series iterator.
 *
 * @param[out] out the next series, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_checkin_series_iter_next(pm_checkin_series **out,
                                                 pm_checkin_series_iter *iter);
/** Frees a series iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_checkin_series_iter_free(pm_checkin_series_iter *iter);
/** Frees a series snapshot; NULL is allowed. */
PM_EXTERN(void) pm_checkin_series_free(pm_checkin_series *series);

/** The series' id; 0 for NULL. */
PM_EXTERN(pm_id) pm_checkin_series_id(const pm_checkin_series *series);
/** The manager. */
PM_EXTERN(pm_id) pm_checkin_series_manager(const pm_checkin_series *series);
/** The report. */
PM_EXTERN(pm_id) pm_checkin_series_report(const pm_checkin_series *series);
/** The cadence; 0 for NULL. */
PM_EXTERN(pm_cadence) pm_checkin_series_cadence(const pm_checkin_series *series);
/** Weeks between meetings (weekly cadence). */
PM_EXTERN(int) pm_checkin_series_interval(const pm_checkin_series *series);
/** Day of the month (monthly cadence). */
PM_EXTERN(int) pm_checkin_series_day(const pm_checkin_series *series);
/** The start date. */
PM_EXTERN(pm_date) pm_checkin_series_start(const pm_checkin_series *series);
/** The state when the snapshot was taken; 0 for NULL. */
PM_EXTERN(pm_series_state) pm_checkin_series_state(const pm_checkin_series *series);
/** The next due date, or #PM_DATE_NONE when paused or ended. */
PM_EXTERN(pm_date) pm_checkin_series_next_due(const pm_checkin_series *series);
/** The date of the last held check-in, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_checkin_series_last_held(const pm_checkin_series *series);

/**
 * Schedules an extra check-in in a series.
 *
 * @param[out] out the check-in's id; may be NULL.
 * @param session one of the pair.
 * @param series the series (active).
 * @param date the meeting's date; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL (series not active), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_schedule(pm_id *out, pm_session *session, pm_id series,
                                         pm_date date);

/** Mood value meaning "not given". */
#define PM_MOOD_NONE 0

/**
 * Marks a check-in held (on its date), records the report's mood, moves the
 * undiscussed shared talking points to the next check-in, and schedules the
 * next one by the cadence unless one is already scheduled. A mood is also
 * recorded as a measurement of the built-in #PM_METRIC_CHECKIN_MOOD for the
 * report (source #PM_MEASURED_AT_CHECKIN, at noon UTC on the check-in's date,
 * or now when that noon is still to come), so it feeds wellbeing aggregates
 * and trends.
 *
 * @param[out] next the next check-in's id; may be NULL.
 * @param session one of the pair.
 * @param checkin the check-in (scheduled).
 * @param mood 1 to 5, or #PM_MOOD_NONE.
 * @return #PM_OK, #PM_EINVAL (not scheduled, mood out of range),
 *         #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_hold(pm_id *next, pm_session *session, pm_id checkin, int mood);

/**
 * Marks a scheduled check-in cancelled or missed.
 *
 * @param session one of the pair.
 * @param checkin the check-in.
 * @param state #PM_CHECKIN_CANCELLED or #PM_CHECKIN_MISSED.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_set_state(pm_session *session, pm_id checkin,
                                          pm_checkin_state state);

/**
 * Reads a check-in.
 *
 * @param[out] out the snapshot; free with pm_checkin_free().
 * @param session who is acting.
 * @param checkin the check-in.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_get(pm_checkin **out, pm_session *session, pm_id checkin);

/**
 * Lists a series' check-ins by date.
 *
 * @param[out] out the iterator; free with pm_checkin_iter_free().
 * @param session who is acting.
 * @param series the series.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_list(pm_checkin_iter **out, pm_session *session, pm_id series);

/**
 * Advances a check-in iterator.
 *
 * @param[out] out the next check-in, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_checkin_iter_next(pm_checkin **out, pm_checkin_iter *iter);
/** Frees a check-in iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_checkin_iter_free(pm_checkin_iter *iter);
/** Frees a check-in snapshot; NULL is allowed. */
PM_EXTERN(void) pm_checkin_free(pm_checkin *checkin);

/** The check-in's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_checkin_id(const pm_checkin *checkin);
/** Its series. */
PM_EXTERN(pm_id) pm_checkin_series_of(const pm_checkin *checkin);
/** Its date. */
PM_EXTERN(pm_date) pm_checkin_date(const pm_checkin *checkin);
/** Its state; 0 for NULL. */
PM_EXTERN(pm_checkin_state) pm_checkin_state_get(const pm_checkin *checkin);
/** The mood recorded, 1 to 5, or #PM_MOOD_NONE. */
PM_EXTERN(int) pm_checkin_mood(const pm_checkin *checkin);

/** What an entry of a check-in is. */
typedef enum pm_entry_kind {
    PM_ENTRY_TALKING_POINT = 1, /**< Something to talk about. */
    PM_ENTRY_NOTE = 2,          /**< A note. */
    PM_ENTRY_ACTION_ITEM = 3,   /**< Something to do, with an owner and a due date. */
    PM_ENTRY_GOAL = 4           /**< A goal discussed, with a snapshot of its progress. */
} pm_entry_kind;

/** Most code points in an entry's text. */
#define PM_ENTRY_TEXT_MAX 10000

/** Version of #pm_checkin_entry_opts understood by this release. */
#define PM_CHECKIN_ENTRY_OPTS_VERSION 1

/** The fields of an entry, for pm_checkin_entry_add(). */
typedef struct pm_checkin_entry_opts {
    unsigned int version; /**< #PM_CHECKIN_ENTRY_OPTS_VERSION. */
    pm_entry_kind kind;   /**< Required. */
    const char *text;     /**< Required for talking points, notes and action items. */
    size_t text_len;      /**< Bytes in text, or 0 for NUL-terminated. */
    int is_private;       /**< Talking points and notes: non-zero makes it the author's alone. */
    pm_id owner;          /**< Action items: who does it (one of the pair); 0 for the author. */
    pm_date due;          /**< Action items: due date, or #PM_DATE_NONE. */
    pm_id goal;           /**< Goal entries: the goal discussed (readable by the author). */
} pm_checkin_entry_opts;

/** Initialiser for #pm_checkin_entry_opts. */
#define PM_CHECKIN_ENTRY_OPTS_INIT \
    { PM_CHECKIN_ENTRY_OPTS_VERSION, 0, NULL, 0, 0, 0, PM_DATE_NONE, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_checkin_entry_opts_init(pm_checkin_entry_opts *opts,
                                                unsigned int version);

/**
 * Adds an entry to a check-in that is scheduled or held. A goal entry takes
 * a snapshot of the goal's progress and health at this moment.
 *
 * @param[out] out the entry's id; may be NULL.
 * @param session one of the pair.
 * @param checkin the check-in.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (missing text, private action item or goal,
 *         owner outside the pair, check-in cancelled or missed); #PM_EUTF8;
 *         #PM_ERANGE; #PM_ENOTFOUND; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_entry_add(pm_id *out, pm_session *session, pm_id checkin,
                                          const pm_checkin_entry_opts *opts);

/**
 * Marks a talking point discussed (or not), or an action item done (or not).
 *
 * @param session one of the pair (a private entry: its author only).
 * @param entry the entry.
 * @param done non-zero for discussed or done.
 * @return #PM_OK, #PM_EINVAL (a note or goal entry), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_entry_set_done(pm_session *session, pm_id entry, int done);

/**
 * Lists what a check-in shows: its own entries, talking points moved to it,
 * and the open action items of earlier check-ins in the series (and those
 * done on or after its date). Private entries appear only to their author.
 *
 * @param[out] out the iterator; free with pm_checkin_entry_iter_free().
 * @param session who is acting.
 * @param checkin the check-in.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_entry_list(pm_checkin_entry_iter **out, pm_session *session,
                                           pm_id checkin);

/**
 * Advances an entry iterator.
 *
 * @param[out] out the next entry, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_checkin_entry_iter_next(pm_checkin_entry **out,
                                                pm_checkin_entry_iter *iter);
/** Frees an entry iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_checkin_entry_iter_free(pm_checkin_entry_iter *iter);

/** The entry's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_checkin_entry_id(const pm_checkin_entry *entry);
/** The kind; 0 for NULL. */
PM_EXTERN(pm_entry_kind) pm_checkin_entry_kind(const pm_checkin_entry *entry);
/** The check-in it is on now. */
PM_EXTERN(pm_id) pm_checkin_entry_checkin(const pm_checkin_entry *entry);
/** The check-in it was first added to (differs for carried-over entries). */
PM_EXTERN(pm_id) pm_checkin_entry_origin(const pm_checkin_entry *entry);
/** Who added it. */
PM_EXTERN(pm_id) pm_checkin_entry_author(const pm_checkin_entry *entry);
/** The text, borrowed; "" for goal entries; NULL for NULL. */
PM_EXTERN(const char *) pm_checkin_entry_text(const pm_checkin_entry *entry);
/** Non-zero for a private entry. */
PM_EXTERN(int) pm_checkin_entry_is_private(const pm_checkin_entry *entry);
/** Non-zero when discussed (talking point) or done (action item). */
PM_EXTERN(int) pm_checkin_entry_done(const pm_checkin_entry *entry);
/** When it was marked done, or 0. */
PM_EXTERN(pm_time) pm_checkin_entry_done_at(const pm_checkin_entry *entry);
/** Action items: the owner; 0 otherwise. */
PM_EXTERN(pm_id) pm_checkin_entry_owner(const pm_checkin_entry *entry);
/** Action items: the due date, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_checkin_entry_due(const pm_checkin_entry *entry);
/** Goal entries: the goal; 0 otherwise. */
PM_EXTERN(pm_id) pm_checkin_entry_goal(const pm_checkin_entry *entry);
/** Goal entries: the goal's progress (0 to 1) when it was discussed. */
PM_EXTERN(double) pm_checkin_entry_goal_progress(const pm_checkin_entry *entry);
/** Goal entries: the goal's health when it was discussed. */
PM_EXTERN(int) pm_checkin_entry_goal_health(const pm_checkin_entry *entry);
/** When it was added. */
PM_EXTERN(pm_time) pm_checkin_entry_created_at(const pm_checkin_entry *entry);

/**
 * Days since @p person last held a check-in (as manager or report) up to
 * @p date.
 *
 * @param[out] out the number of days, or -1 when none was ever held.
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param date the day; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_days_since(int *out, pm_session *session, pm_id person,
                                           pm_date date);

/** Version of #pm_checkin_rate understood by this release. */
#define PM_CHECKIN_RATE_VERSION 1

/**
 * Completion of check-ins in a period. The caller sets @ref version; the
 * library fills the fields that version has.
 */
typedef struct pm_checkin_rate {
    unsigned int version; /**< #PM_CHECKIN_RATE_VERSION, set by the caller. */
    int due;              /**< Check-ins dated in the period that were held, missed, or scheduled and passed. */
    int held;             /**< Of those, held. */
    double rate;          /**< held / due, or 0 when nothing was due. */
} pm_checkin_rate;

/** Initialiser for #pm_checkin_rate. */
#define PM_CHECKIN_RATE_INIT { PM_CHECKIN_RATE_VERSION, 0, 0, 0.0 }

/**
 * Completion rate of the series a manager runs, over [@p from, @p to].
 *
 * @param[out] out the rate; its version set by the caller.
 * @param session the manager, someone above them, HR or the system.
 * @param manager the manager.
 * @param from first day.
 * @param to last day (not before @p from).
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_rate_manager(pm_checkin_rate *out, pm_session *session,
                                             pm_id manager, pm_date from, pm_date to);

/**
 * Completion rate of the series whose report belonged to @p unit (or a unit
 * below it) on @p to, over [@p from, @p to].
 *
 * @param[out] out the rate; its version set by the caller.
 * @param session HR or the system.
 * @param unit the unit.
 * @param from first day.
 * @param to last day (not before @p from).
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_checkin_rate_unit(pm_checkin_rate *out, pm_session *session,
                                          pm_id unit, pm_date from, pm_date to);

PM_END_DECL

/** @} */
#endif
