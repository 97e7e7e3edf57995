/**
 * @file perfmgmt/audit.h
 * @brief The audit trail of writes, and legal holds.
 *
 * Every write through the API records an entry in the same transaction: when
 * (the db's clock), who (the session's person, or the system actor), what
 * (create, update, remove, and the summaries of erasure, purges and exports)
 * and which record (its kind, by name, and id). An entry never holds what
 * was written: no text, no values, so a private note or an anonymous entry
 * is named by its id at most. The trail is append-only: no function changes
 * or removes an entry. HR admins and the system actor read it, a page at a
 * time, in entry id order.
 *
 * Writes whose actor must stay unknown (anonymous feedback, and anything
 * its receiver or giver does to it afterwards; 360 answers and the rater's
 * submitted mark) record no entry. An entry with the actor left out would
 * still carry its own id and time, between the entries its writer made
 * just before and after under their name, and so name them. Such writes are
 * only counted, per day, record kind and operation
 * (pm_audit_undisclosed_list()).
 *
 * A legal hold marks a person whose data must be kept: while it stands,
 * erasing the person is refused and retention purges skip their records.
 * HR admins and the system actor place, lift and read holds.
 *
 * @defgroup audit Audit trail and legal holds
 * @{
 */
#ifndef PERFMGMT_AUDIT_H
#define PERFMGMT_AUDIT_H

#include "db.h"

PM_BEGIN_DECL

/** What a write did to the records an audit entry names. */
typedef enum pm_audit_op {
    PM_AUDIT_CREATE = 1, /**< A record was created. */
    PM_AUDIT_UPDATE = 2, /**< A record was changed. */
    PM_AUDIT_REMOVE = 3, /**< A record was removed by an API call. */
    PM_AUDIT_ERASE = 4,  /**< A person's personal data was erased. */
    PM_AUDIT_PURGE = 5,  /**< Records past their retention period were purged. */
    PM_AUDIT_EXPORT = 6  /**< Everything held about a person was exported. */
} pm_audit_op;

/** Who made the write an audit entry records. */
typedef enum pm_audit_actor {
    PM_AUDIT_ACTOR_SYSTEM = 1, /**< The system actor (integration). */
    PM_AUDIT_ACTOR_PERSON = 2  /**< A person's session. */
} pm_audit_actor;

/* ---- Reading the trail ------------------------------------------------- */

/** A page of audit entries, read with pm_audit_list(). */
typedef struct pm_audit_page pm_audit_page;

/** Entries in a page when pm_audit_query::limit is 0. */
#define PM_AUDIT_PAGE_DEFAULT 100
/** Most entries in a page. */
#define PM_AUDIT_PAGE_MAX 1000

/** Version of #pm_audit_query understood by this release. */
#define PM_AUDIT_QUERY_VERSION 1

/** Which entries pm_audit_list() returns: those matching every filter set. */
typedef struct pm_audit_query {
    unsigned int version;      /**< #PM_AUDIT_QUERY_VERSION. */
    pm_time from;              /**< Entries at or after this instant; 0 for no bound. */
    pm_time to;                /**< Entries at or before this instant; 0 for no bound; not before from. */
    pm_audit_actor actor_kind; /**< Entries of persons or of the system actor only; 0 for both. */
    pm_id actor;               /**< Entries of this person only; 0 for anyone. */
    const char *record_kind;   /**< Entries about records of this kind only ("feedback", as pm_audit_entry_record_kind() names them; NUL-terminated); NULL for any. */
    pm_id record;              /**< With record_kind: entries about this record only; 0 for any. */
    pm_audit_op op;            /**< Entries of this operation only; 0 for any. */
    pm_id after;               /**< Entries with a larger id only: the previous page's pm_audit_page_last(); 0 from the first. */
    size_t limit;              /**< Most entries in the page, up to #PM_AUDIT_PAGE_MAX; 0 for #PM_AUDIT_PAGE_DEFAULT. */
} pm_audit_query;

/** Initialiser for #pm_audit_query: every entry, from the first. */
#define PM_AUDIT_QUERY_INIT \
    { PM_AUDIT_QUERY_VERSION, 0, 0, (pm_audit_actor)0, 0, NULL, 0, (pm_audit_op)0, 0, 0 }

/**
 * Fills @p query with the defaults of @p version.
 *
 * @param[out] query the query.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_audit_query_init(pm_audit_query *query, unsigned int version);

/**
 * Reads a page of the audit trail: the entries matching @p query with the
 * smallest ids above pm_audit_query::after, in id order. To read on, pass
 * pm_audit_page_last() as the next query's after while pm_audit_page_more()
 * says there is more.
 *
 * Cost: a record's history, and an unfiltered page, read about as many
 * entries as the page holds; a filter on actor or time reads every entry of
 * that actor or period for each page, and one on operation or record kind
 * alone reads the trail from pm_audit_query::after until the page is full.
 *
 * @param[out] out the page; free with pm_audit_page_free().
 * @param session an HR admin or the system actor.
 * @param query the filters and the paging; NULL for the first page of all.
 * @return #PM_OK; #PM_EINVAL (to before from, an unknown actor kind or
 *         operation, an actor with the system actor kind, a negative id, a
 *         record without a record kind, a record kind that is not one, a
 *         limit above #PM_AUDIT_PAGE_MAX); #PM_EPERM; #PM_EVERSION;
 *         #PM_ENOMEM; #PM_ECORRUPT; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_audit_list(pm_audit_page **out, pm_session *session,
                                   const pm_audit_query *query);
/** Frees a page; NULL is allowed. */
PM_EXTERN(void) pm_audit_page_free(pm_audit_page *page);
/** Entries in the page; 0 for NULL. */
PM_EXTERN(size_t) pm_audit_page_count(const pm_audit_page *page);
/** Non-zero when more entries match after the page's last. */
PM_EXTERN(int) pm_audit_page_more(const pm_audit_page *page);
/** The id of the page's last entry, to pass as pm_audit_query::after for the
 *  next page; the query's after when the page is empty; 0 for NULL. */
PM_EXTERN(pm_id) pm_audit_page_last(const pm_audit_page *page);
/** Entry @p i's id (ids grow with every entry); 0 when out of range. */
PM_EXTERN(pm_id) pm_audit_entry_id(const pm_audit_page *page, size_t i);
/** When entry @p i was written, by the db's clock; 0 when out of range. */
PM_EXTERN(pm_time) pm_audit_entry_at(const pm_audit_page *page, size_t i);
/** Who wrote entry @p i: a person, or 0 for the system actor (and out of range). */
PM_EXTERN(pm_id) pm_audit_entry_actor(const pm_audit_page *page, size_t i);
/** Whether a person or the system actor wrote entry @p i; 0 when out of range. */
PM_EXTERN(pm_audit_actor) pm_audit_entry_actor_kind(const pm_audit_page *page, size_t i);
/** The operation of entry @p i; 0 when out of range. */
PM_EXTERN(pm_audit_op) pm_audit_entry_op(const pm_audit_page *page, size_t i);
/** The kind of record entry @p i is about ("feedback", "goal", "person"),
 *  static; NULL when out of range or for a kind this release does not know. */
PM_EXTERN(const char *) pm_audit_entry_record_kind(const pm_audit_page *page, size_t i);
/** The record entry @p i is about (for an erasure: the person erased), or
 *  0 when it covers several (a purge) or is out of range. */
PM_EXTERN(pm_id) pm_audit_entry_record(const pm_audit_page *page, size_t i);
/** How many records entry @p i covers (1 for a single write); 0 when out of range. */
PM_EXTERN(int64_t) pm_audit_entry_records(const pm_audit_page *page, size_t i);

/* ---- Undisclosed writes ---------------------------------------------------- */

/** The daily counts of undisclosed writes, read with pm_audit_undisclosed_list(). */
typedef struct pm_audit_undisclosed pm_audit_undisclosed;

/** Most days pm_audit_undisclosed_list() covers at once. */
#define PM_AUDIT_UNDISCLOSED_DAYS_MAX 3660

/**
 * The writes counted instead of recorded (anonymous feedback, 360 answers)
 * on the days from @p from to @p to: one count per day, record kind and
 * operation that had any, ordered by day, then kind, then operation. Days
 * are UTC days by the db's clock.
 *
 * @param[out] out the counts; free with pm_audit_undisclosed_free().
 * @param session an HR admin or the system actor.
 * @param from first day.
 * @param to last day, not before from, at most
 *        #PM_AUDIT_UNDISCLOSED_DAYS_MAX days after it.
 * @return #PM_OK; #PM_EINVAL (a missing day, to before from, too many
 *         days); #PM_EPERM; #PM_ENOMEM; #PM_ECORRUPT; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_audit_undisclosed_list(pm_audit_undisclosed **out, pm_session *session,
                                               pm_date from, pm_date to);
/** Frees the counts; NULL is allowed. */
PM_EXTERN(void) pm_audit_undisclosed_free(pm_audit_undisclosed *counts);
/** Number of counts; 0 for NULL. */
PM_EXTERN(size_t) pm_audit_undisclosed_count(const pm_audit_undisclosed *counts);
/** The day of count @p i; #PM_DATE_NONE when out of range. */
PM_EXTERN(pm_date) pm_audit_undisclosed_day(const pm_audit_undisclosed *counts, size_t i);
/** The kind of record count @p i is about ("feedback", "review360_answer"),
 *  static; NULL when out of range or for a kind this release does not know. */
PM_EXTERN(const char *) pm_audit_undisclosed_record_kind(const pm_audit_undisclosed *counts,
                                                         size_t i);
/** The operation of count @p i; 0 when out of range. */
PM_EXTERN(pm_audit_op) pm_audit_undisclosed_op(const pm_audit_undisclosed *counts, size_t i);
/** How many records count @p i covers; 0 when out of range. */
PM_EXTERN(int64_t) pm_audit_undisclosed_records(const pm_audit_undisclosed *counts, size_t i);

/* ---- Legal holds ---------------------------------------------------------- */

/** Most code points in a legal hold's reason. */
#define PM_LEGAL_HOLD_REASON_MAX 2000

/**
 * Places a legal hold on a person (present or former).
 *
 * @param session an HR admin or the system actor.
 * @param person the person.
 * @param reason why (a matter or case reference), UTF-8, NFC-normalised;
 *        NULL, empty or blank for none.
 * @param reason_len bytes in reason, or 0 for NUL-terminated.
 * @return #PM_OK; #PM_EINVAL (not a person id); #PM_ENOTFOUND ("person:
 *         person 12 does not exist"); #PM_ECONFLICT (already held);
 *         #PM_EUTF8; #PM_ERANGE (reason too long); #PM_EPERM;
 *         #PM_EREADONLY; #PM_ENOMEM; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_legal_hold_place(pm_session *session, pm_id person, const char *reason,
                                         size_t reason_len);

/**
 * Lifts a person's legal hold.
 *
 * @param session an HR admin or the system actor.
 * @param person the person.
 * @return #PM_OK; #PM_EINVAL; #PM_ENOTFOUND (no such person, or not held:
 *         the message says which); #PM_EPERM; #PM_EREADONLY; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_legal_hold_lift(pm_session *session, pm_id person);

/**
 * Reads whether a person is under a legal hold, and why.
 *
 * @param[out] held non-zero when held.
 * @param[out] reason when not NULL: the reason, to free with pm_free(); NULL
 *             when not held or held without one.
 * @param session an HR admin or the system actor.
 * @param person the person.
 * @return #PM_OK; #PM_EINVAL; #PM_ENOTFOUND (no such person); #PM_EPERM;
 *         #PM_ENOMEM; #PM_ECORRUPT; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_legal_hold_get(int *held, char **reason, pm_session *session,
                                       pm_id person);

PM_END_DECL

/** @} */
#endif
