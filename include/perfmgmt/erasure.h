/**
 * @file perfmgmt/erasure.h
 * @brief Erasure: removing a person's personal data while other people's
 *        records and the numbers built on them stay consistent.
 *
 * pm_person_erase() answers a request to erase (the right to erasure). It
 * runs as one transaction: either all of it happens or nothing does. It
 * cannot be undone through the API, and it is recorded in the audit trail
 * as one #PM_AUDIT_ERASE entry naming the person's id and how many records
 * it removed or changed, with nothing of what was erased.
 *
 * The rule it follows: a record about the person goes; a record about
 * someone else stays, and where it names the person, it now names a former
 * employee.
 *
 * What goes:
 * - the person's identity: their display name becomes
 *   #PM_PERSON_ERASED_NAME, their external id `erased-<id>`, their email
 *   none; they are no longer an HR admin and their status is
 *   #PM_PERSON_ERASED. The record itself stays, so that the ids other
 *   records hold keep pointing somewhere (see below);
 * - feedback they received (named and anonymous), and feedback requests
 *   about them with every addressee's part;
 * - 360 rounds about them, with their raters, questions and answers;
 * - their assessments and assessment rounds, and their development plans
 *   with areas, items and the items' competencies (a programme enrolment
 *   stays, no longer naming a plan item);
 * - check-in series in which they were the report, with every check-in,
 *   mood and entry; the private entries they wrote in series in which they
 *   were the manager;
 * - their measurements (manual, imported, check-in moods and survey
 *   scores), their survey item answers, and the values given for them in
 *   evaluations (their evaluation memberships);
 * - the comments of the progress updates they made on their own goals.
 *
 * What stays, naming a former employee (their id, whose person record now
 * reads #PM_PERSON_ERASED_NAME):
 * - feedback they gave to others, with its text: it is the receiver's
 *   record. Anonymous feedback they gave never named them and stays as it
 *   was;
 * - feedback requests they made about others, entries they shared in their
 *   reports' check-ins, assessments and progress updates they recorded for
 *   others: each is the other person's record;
 * - their goals: archived, or given to another owner (see
 *   #pm_erase_goals), with their key results and progress values;
 * - structure without content: unit memberships and reporting lines, role
 *   assignments, programme enrolments, survey invitations, 360 rater rows
 *   and the audit trail (ids and times only). A person still active leaves
 *   first, which ends their periods that day (one that began that day goes,
 *   as with pm_person_set_left()).
 *
 * A kept record may still hold the id of a removed one, as after a
 * retention purge: feedback the person gave from their own check-in keeps
 * the check-in's id, a goal the id of the feedback or check-in it came
 * from. Reading that id gives #PM_ENOTFOUND.
 *
 * What the numbers do afterwards: numbers that read none of what was
 * removed do not change: another person's 360 results (their answers there
 * stay, unnamed), feedback statistics of feedback given by the person,
 * survey response counts and rates (from the invitations), headcounts,
 * and a parent goal's roll-up when the goals were reassigned. Numbers that
 * read what was removed count what is left, as after a retention purge:
 * wellbeing trends and aggregates of the person's units, survey results,
 * evaluations, competence gaps (the person counts as not assessed).
 *
 * A person who is still active is first recorded as having left that day
 * (pm_person_set_left(), audited as such). A person under a legal hold (see
 * pm_legal_hold_place()) is refused with #PM_EHELD.
 *
 * On the SQLite backend deleted content is overwritten with zeros in the
 * database file (SQLite's secure_delete); the write-ahead log may hold
 * earlier copies of changed pages until it is checkpointed, which SQLite
 * does as it grows and when the last connection closes. On PostgreSQL the
 * old row versions stay in the table files until VACUUM reclaims them, as
 * for any deletion there.
 *
 * @defgroup erasure Erasure
 * @{
 */
#ifndef PERFMGMT_ERASURE_H
#define PERFMGMT_ERASURE_H

#include "db.h"

PM_BEGIN_DECL

/** The display name an erased person's record reads. */
#define PM_PERSON_ERASED_NAME "Former employee"

/** What becomes of the goals an erased person owned. */
typedef enum pm_erase_goals {
    PM_ERASE_GOALS_ARCHIVE = 1,  /**< Each goal not yet archived is archived, still owned by the erased record. */
    PM_ERASE_GOALS_REASSIGN = 2  /**< Each goal passes to pm_erase_opts::new_owner, in its state. */
} pm_erase_goals;

/** Version of #pm_erase_opts understood by this release. */
#define PM_ERASE_OPTS_VERSION 1

/** The choices of an erasure. */
typedef struct pm_erase_opts {
    unsigned int version;  /**< #PM_ERASE_OPTS_VERSION. */
    pm_erase_goals goals;  /**< Default #PM_ERASE_GOALS_ARCHIVE. */
    pm_id new_owner;       /**< With #PM_ERASE_GOALS_REASSIGN: an active person other than the one erased; otherwise 0. */
} pm_erase_opts;

/** Initialiser for #pm_erase_opts. */
#define PM_ERASE_OPTS_INIT { PM_ERASE_OPTS_VERSION, PM_ERASE_GOALS_ARCHIVE, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_erase_opts_init(pm_erase_opts *opts, unsigned int version);

/** Version of #pm_erase_report understood by this release. */
#define PM_ERASE_REPORT_VERSION 1

/** What an erasure did. */
typedef struct pm_erase_report {
    unsigned int version;  /**< Set by the caller: #PM_ERASE_REPORT_VERSION. */
    int64_t removed;       /**< Records removed. */
    int64_t changed;       /**< Records kept but changed: the person's own, goals, progress updates, enrolments. */
} pm_erase_report;

/** Initialiser for #pm_erase_report. */
#define PM_ERASE_REPORT_INIT { PM_ERASE_REPORT_VERSION, 0, 0 }

/**
 * Erases a person's personal data (HR admins and the system actor), as the
 * file's description sets out, in one transaction.
 *
 * @param session who is acting.
 * @param person the person.
 * @param opts the choices, or NULL for the defaults.
 * @param[out] report when not NULL (its version set): what was done; left
 *             unchanged on failure.
 * @return #PM_OK; #PM_EINVAL (the system actor's id 0 or a negative one,
 *         goals not a #pm_erase_goals, a missing or own new owner, a new
 *         owner without reassignment); #PM_ENOTFOUND ("person: person 12
 *         does not exist", or the new owner); #PM_EHELD (under a legal
 *         hold); #PM_ECONFLICT (already erased, or a new owner who has
 *         left); #PM_EPERM; #PM_EVERSION; #PM_EREADONLY; #PM_EBUSY;
 *         #PM_ENOMEM; #PM_ESTORAGE. On any error nothing has changed.
 */
PM_EXTERN(pm_status) pm_person_erase(pm_session *session, pm_id person,
                                     const pm_erase_opts *opts, pm_erase_report *report);

PM_END_DECL

/** @} */
#endif
