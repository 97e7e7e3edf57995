/**
 * @file perfmgmt/retention.h
 * @brief Retention periods per class of personal data, and purges that
 *        remove what is past its period in bounded batches.
 *
 * The embedder decides how long each class of data is kept: a period in
 * days per #pm_retention_class, set with pm_retention_set(). The defaults:
 * no class has a period, so nothing is purged until the embedder sets one;
 * and nothing is ever purged implicitly: only pm_retention_purge(), which
 * the embedder calls (from a nightly job, say), removes anything.
 *
 * A record is past its period when its own time lies before the purge's
 * now minus the period (days x 86400 seconds):
 * - feedback (#PM_RETENTION_FEEDBACK): when it was given (anonymous
 *   feedback keeps only the start of its day);
 * - feedback requests (#PM_RETENTION_FEEDBACK_REQUESTS): when they were
 *   made;
 * - check-in entries (#PM_RETENTION_CHECKIN_NOTES): when they were added;
 * - measurements (#PM_RETENTION_WELLBEING): when they were taken; survey
 *   item answers: when they were given;
 * - audit entries (#PM_RETENTION_AUDIT): their time; the undisclosed
 *   counts, which have a day only, once that whole day lies before it.
 *
 * Kept past their period:
 * - the records of a person under a legal hold: a feedback entry's receiver
 *   and named giver (anonymous feedback: its receiver alone, since matching
 *   its giver against the people on hold would tell, by what a purge keeps,
 *   who gave it); a request's requester, subject and addressees; a check-in
 *   entry's author and its check-in's manager and report; a measurement's
 *   or answer's person; an audit entry's actor;
 * - records still in use: an action item of a check-in not yet done; a
 *   feedback request that can still be answered (its last day is not
 *   before the day of the purge's now) or whose next repetition is still
 *   to come;
 * - audit entries written since the call began by the db's clock (its own
 *   among them), even with a now ahead of that clock.
 *
 * What removing a record takes with it, and what it changes:
 * - feedback: its acknowledgement and reaction are part of it. A request
 *   part it answered keeps its state and time but no longer names it
 *   (pm_feedback_request_response() gives 0); a goal that names it as its
 *   source keeps the id, as after pm_feedback_retract(). Feedback
 *   statistics count what remains.
 * - a feedback request: its parts, one per addressee. Feedback given in
 *   answer has a period of its own and still names the request's id.
 * - a check-in entry: nothing else; the check-in itself (its day, state and
 *   mood) stays.
 * - measurements: trends, aggregates and evaluations read them, so their
 *   numbers for times before the cutoff change to count only what is kept.
 *   Survey item answers are read by their respondent alone
 *   (pm_survey_my_answers()); a survey's response counts and rates come from
 *   its invitees, which stay, so they do not change.
 * - audit entries: nothing else.
 *
 * Each batch is one transaction (a savepoint inside a pm_session_begin()
 * group, which then decides whether it lasts): what a batch removed stays
 * removed even when a later batch fails, and the next call goes on from
 * there. A batch removes at most pm_retention_purge_opts::batch_size
 * records of one kind (plus what depends on them: at most 50 parts per
 * request), found in order of their time through an index, so its work
 * grows with what it removes, plus the records past their period it keeps,
 * which each call reads past again. Removals record no audit entry each:
 * each batch records one #PM_AUDIT_PURGE entry per kind with the number it
 * removed (see audit.h).
 *
 * @defgroup retention Retention periods and purges
 * @{
 */
#ifndef PERFMGMT_RETENTION_H
#define PERFMGMT_RETENTION_H

#include "db.h"

PM_BEGIN_DECL

/** A class of personal data with a retention period of its own. */
typedef enum pm_retention_class {
    PM_RETENTION_FEEDBACK = 1,          /**< Feedback entries, by when they were given. */
    PM_RETENTION_FEEDBACK_REQUESTS = 2, /**< Feedback requests with their parts, by when they were made. */
    PM_RETENTION_CHECKIN_NOTES = 3,     /**< Check-in entries: talking points, notes, action items, goals discussed; by when they were added. */
    PM_RETENTION_WELLBEING = 4,         /**< Measurements (by their time) and survey item answers (by when they were given). */
    PM_RETENTION_AUDIT = 5              /**< Audit entries (by their time) and undisclosed audit counts (by their day). */
} pm_retention_class;

/** The highest #pm_retention_class of this release. */
#define PM_RETENTION_CLASS_MAX 5

/** The longest retention period, in days (about a hundred years). */
#define PM_RETENTION_DAYS_MAX 36500

/**
 * Sets the retention period of a class (HR admins and the system actor).
 *
 * Replaces the period the class had. The change is audited like any write.
 *
 * @param session who is acting.
 * @param retention_class the class.
 * @param days 1 to #PM_RETENTION_DAYS_MAX; 0 removes the class's period,
 *        as pm_retention_clear().
 * @return #PM_OK; #PM_EINVAL (NULL session, unknown class, days out of
 *         range); #PM_EPERM; #PM_EREADONLY; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_retention_set(pm_session *session, pm_retention_class retention_class,
                                      int days);

/**
 * Removes the retention period of a class (HR admins and the system
 * actor): its records are then kept until a period is set again. Removing
 * a period the class does not have is not an error.
 *
 * @param session who is acting.
 * @param retention_class the class.
 * @return #PM_OK; #PM_EINVAL (NULL session, unknown class); #PM_EPERM;
 *         #PM_EREADONLY; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_retention_clear(pm_session *session, pm_retention_class retention_class);

/**
 * Reads the retention period of a class (HR admins and the system actor).
 *
 * @param[out] days the period in days, or 0 when the class has none.
 * @param session who is acting.
 * @param retention_class the class.
 * @return #PM_OK; #PM_EINVAL (NULL argument, unknown class); #PM_EPERM;
 *         #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_retention_get(int *days, pm_session *session,
                                      pm_retention_class retention_class);

/** Version of #pm_retention_purge_opts understood by this release. */
#define PM_RETENTION_PURGE_OPTS_VERSION 1

/** How pm_retention_purge() cuts its work. */
typedef struct pm_retention_purge_opts {
    unsigned int version;     /**< #PM_RETENTION_PURGE_OPTS_VERSION. */
    unsigned int batch_size;  /**< Most records of one kind a batch removes: 1 to 10000; default 500. */
    unsigned int max_batches; /**< Most batches one call runs; 0 (the default) runs until done. */
} pm_retention_purge_opts;

/** Initialiser for #pm_retention_purge_opts. */
#define PM_RETENTION_PURGE_OPTS_INIT { PM_RETENTION_PURGE_OPTS_VERSION, 500, 0 }

/** Default of pm_retention_purge_opts::batch_size. */
#define PM_RETENTION_BATCH_DEFAULT 500
/** Largest pm_retention_purge_opts::batch_size. */
#define PM_RETENTION_BATCH_MAX 10000

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_retention_purge_opts_init(pm_retention_purge_opts *opts,
                                                  unsigned int version);

/** Version of #pm_retention_report understood by this release. */
#define PM_RETENTION_REPORT_VERSION 1

/** Slots of pm_retention_report::removed and pm_retention_report::kept:
 *  one per class value, with room for classes added later without changing
 *  the struct. */
#define PM_RETENTION_REPORT_SLOTS 16

/**
 * What a purge did. The caller sets pm_retention_report::version
 * (#PM_RETENTION_REPORT_VERSION or #PM_RETENTION_REPORT_INIT); the library
 * fills the fields that version has, from zero, on every call.
 */
typedef struct pm_retention_report {
    unsigned int version; /**< #PM_RETENTION_REPORT_VERSION, set by the caller. */
    /** Records removed, by class value (removed[#PM_RETENTION_FEEDBACK], ...;
     *  slot 0 is unused): the class's own records, not what depended on
     *  them (a request's parts). */
    int64_t removed[PM_RETENTION_REPORT_SLOTS];
    /** Records past their period that the batches run read and kept (under
     *  a legal hold, or still in use), by class value. */
    int64_t kept[PM_RETENTION_REPORT_SLOTS];
    unsigned int batches; /**< Batches run: transactions that removed something. */
    int done;             /**< 1 when nothing past its period remains to remove (what is kept aside); 0 when a later call has more to do. */
} pm_retention_report;

/** Initialiser for #pm_retention_report. */
#define PM_RETENTION_REPORT_INIT { PM_RETENTION_REPORT_VERSION, { 0 }, { 0 }, 0, 0 }

/**
 * Removes the records past their retention period (HR admins and the
 * system actor), class by class in the order of #pm_retention_class, in
 * batches of at most pm_retention_purge_opts::batch_size records, each
 * batch its own transaction (see the file's description for what is past
 * its period, what is kept and what a removal takes with it). Classes
 * without a period are left alone.
 *
 * With pm_retention_purge_opts::max_batches 0 one call runs until nothing
 * removable is left, and pm_retention_report::done is 1. With a limit, a
 * call stops after that many batches; calling again goes on where it
 * stopped, until a call reports done. A call that fails (out of memory, a
 * storage error) keeps what its earlier batches removed; the report then
 * says what they removed, done is 0, and a later call finishes the work.
 *
 * @param session who is acting.
 * @param now the instant periods count back from; 0 for the db's clock
 *        (pm_db_now()).
 * @param opts how to cut the work, or NULL for the defaults.
 * @param[out] report what the purge did; its version set by the caller.
 * @return #PM_OK; #PM_EINVAL (NULL session or report, negative now,
 *         batch_size out of range); #PM_EVERSION (opts or report);
 *         #PM_EPERM; #PM_EREADONLY; #PM_ENOMEM; #PM_ECORRUPT; #PM_ESTORAGE
 *         (and #PM_EBUSY when the store is locked).
 */
PM_EXTERN(pm_status) pm_retention_purge(pm_session *session, pm_time now,
                                        const pm_retention_purge_opts *opts,
                                        pm_retention_report *report);

PM_END_DECL

/** @} */
#endif
