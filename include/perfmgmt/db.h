/**
 * @file perfmgmt/db.h
 * @brief Opening a store, its clock, and sessions: who is acting.
 *
 * A #pm_db is one open store. Every domain call goes through a #pm_session
 * opened on it, which says who is acting: a person, or the explicit system
 * actor used by integrations. Access rules are checked against that actor.
 *
 * Threads: a #pm_db and its sessions are used by one thread at a time. To
 * work from several threads, open one #pm_db per thread on the same SQLite
 * file; readers then run in parallel (WAL) and writers take turns.
 *
 * @defgroup db Stores and sessions
 * @{
 */
#ifndef PERFMGMT_DB_H
#define PERFMGMT_DB_H

#include "common.h"

PM_BEGIN_DECL

/** An open store. */
typedef struct pm_db pm_db;

/** Who is acting: every domain call takes one. */
typedef struct pm_session pm_session;

struct pm_storage;

/** Version of #pm_db_opts understood by this release. */
#define PM_DB_OPTS_VERSION 2

/** Flag of pm_db_opts::flags: open the store read-only. */
#define PM_DB_READONLY 0x1u
/** Flag of pm_db_opts::flags: fail when the store does not exist yet. */
#define PM_DB_NOCREATE 0x2u

/** Options for pm_db_open(). */
typedef struct pm_db_opts {
    unsigned int version; /**< #PM_DB_OPTS_VERSION. */
    unsigned int flags;   /**< PM_DB_* flags. */
    /**
     * Version 2: the deployment's secret key (at least
     * #PM_DB_SECRET_MIN bytes, copied), which hides the givers of anonymous
     * feedback (see feedback.h). It is never written to the store: keep it
     * with the application's other secrets and pass the same one each time.
     * NULL for none: an SQLite store then refuses anonymous feedback, and an
     * in-memory store makes a random one.
     */
    const void *secret;
    size_t secret_len;    /**< Version 2: bytes in secret. */
} pm_db_opts;

/** Fewest bytes in pm_db_opts::secret. */
#define PM_DB_SECRET_MIN 16

/** Initialiser for #pm_db_opts with the defaults. */
#define PM_DB_OPTS_INIT { PM_DB_OPTS_VERSION, 0u, NULL, 0 }

/**
 * Fills @p opts with the defaults of @p version (for bindings that cannot use
 * #PM_DB_OPTS_INIT).
 *
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_db_opts_init(pm_db_opts *opts, unsigned int version);

/**
 * Opens a store.
 *
 * @param[out] out the store; NULL on failure.
 * @param[out] errmsg on failure, if not NULL, receives a message naming the
 *             reason, to free with pm_free() (NULL when memory ran out).
 * @param uri "memory:" for a private in-memory store; "sqlite:PATH" for an
 *            SQLite file (created when missing unless #PM_DB_NOCREATE);
 *            "postgresql://..." (or "postgres://...") for a PostgreSQL
 *            database, the URI going to libpq, or "postgresql:" followed
 *            by libpq keyword/value pairs; either form may name the
 *            tenant's schema with a "schema" parameter (see
 *            pm_storage_postgresql_open()).
 * @param opts options, or NULL for the defaults.
 * @return #PM_OK; #PM_EINVAL (unknown scheme, NULL argument); #PM_EVERSION
 *         (options of an unknown version, or a store written by a newer
 *         perfmgmt); #PM_ECORRUPT (not a perfmgmt store); #PM_EREADONLY;
 *         #PM_EIO; #PM_ENOMEM; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_db_open(pm_db **out, char **errmsg, const char *uri,
                                const pm_db_opts *opts);

/**
 * Opens a store on a backend instance the caller made (a vendor's own
 * backend, or one opened with the pm_storage_*_open() functions).
 *
 * @param[out] out the store; NULL on failure.
 * @param[out] errmsg as for pm_db_open().
 * @param storage the backend; the db owns it from now on, even on failure.
 * @return as for pm_db_open().
 */
PM_EXTERN(pm_status) pm_db_open_storage(pm_db **out, char **errmsg,
                                        struct pm_storage *storage);

/**
 * Closes a store, rolling back any transaction left open. Sessions and
 * objects obtained from it must be freed first.
 *
 * @param db may be NULL.
 */
PM_EXTERN(void) pm_db_close(pm_db *db);

/**
 * The message of the store's last failed call made without a session
 * (pm_session_open(), pm_db_set_clock()). Empty after a success.
 *
 * @param db the store; NULL gives a fixed message.
 * @return borrowed from the store: valid until its next such call.
 */
PM_EXTERN(const char *) pm_db_errmsg(const pm_db *db);

/**
 * A clock: returns the current instant. Used for "today" and for the time
 * stamps of writes.
 */
typedef pm_time (*pm_clock_fn)(void *payload);

/**
 * Replaces the store's clock (tests use it to fix "now").
 *
 * @param db the store.
 * @param clock the clock, or NULL for the system clock.
 * @param payload passed to @p clock.
 * @return #PM_OK, or #PM_EINVAL when @p db is NULL.
 */
PM_EXTERN(pm_status) pm_db_set_clock(pm_db *db, pm_clock_fn clock, void *payload);

/**
 * The current instant by the store's clock.
 *
 * @param db the store; NULL gives 0.
 */
PM_EXTERN(pm_time) pm_db_now(const pm_db *db);

/**
 * Opens a session acting as a person. The person's HR-admin role is read
 * now: a change to it applies to sessions opened afterwards.
 *
 * @param[out] out the session; NULL on failure.
 * @param db the store.
 * @param person an active person's id.
 * @return #PM_OK; #PM_EINVAL; #PM_ENOTFOUND when the person does not exist;
 *         #PM_EPERM when the person has left; #PM_ENOMEM; #PM_ESTORAGE.
 *         The message is then in pm_db_errmsg().
 */
PM_EXTERN(pm_status) pm_session_open(pm_session **out, pm_db *db, pm_id person);

/**
 * Opens a session acting as the system: the explicit actor for integrations
 * and imports. It may do what an HR admin may do, and no more.
 *
 * @param[out] out the session.
 * @param db the store.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOMEM.
 */
PM_EXTERN(pm_status) pm_session_open_system(pm_session **out, pm_db *db);

/**
 * Frees a session, rolling back a transaction it left open.
 *
 * @param session may be NULL.
 */
PM_EXTERN(void) pm_session_free(pm_session *session);

/**
 * The acting person's id, or 0 for the system actor.
 *
 * @param session the session; NULL gives 0.
 */
PM_EXTERN(pm_id) pm_session_actor(const pm_session *session);

/**
 * The message of the session's last failed call, naming the field and the
 * reason ("person.email: must not be empty"). Empty when the last call
 * succeeded.
 *
 * @param session the session; NULL gives a fixed message.
 * @return borrowed from the session: valid until its next call.
 */
PM_EXTERN(const char *) pm_session_errmsg(const pm_session *session);

/**
 * The status of the session's last call.
 *
 * @param session the session; NULL gives #PM_EINVAL.
 */
PM_EXTERN(pm_status) pm_session_errcode(const pm_session *session);

/**
 * Starts a transaction that groups the following writes (bulk work: one
 * transaction for many writes is much faster than one each). Each call inside
 * it still succeeds or fails as a whole; the group is kept only on commit.
 * One exception, as in SQLite itself: when storage or memory fails midway
 * through a call and the call cannot undo what it wrote, the whole group is
 * rolled back rather than left to commit half a call. The call's message
 * then ends with "the transaction was rolled back", and the group can only
 * end: its commit fails.
 *
 * @return #PM_OK, #PM_EINVAL, #PM_EMISUSE when one is already open,
 *         #PM_EBUSY, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_session_begin(pm_session *session);

/**
 * Makes the writes since pm_session_begin() durable.
 *
 * @return #PM_OK, #PM_EINVAL, #PM_EMISUSE when none is open, #PM_EBUSY, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_session_commit(pm_session *session);

/**
 * Discards the writes since pm_session_begin().
 *
 * @return #PM_OK, #PM_EINVAL, #PM_EMISUSE when none is open, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_session_rollback(pm_session *session);

PM_END_DECL

/** @} */
#endif
