/* What the public functions share: the db and session structs, argument
 * checks, and the storage calls that turn backend failures into session
 * errors. Only src/api includes this. */
#ifndef PM_API_INTERNAL_H
#define PM_API_INTERNAL_H

#include "perfmgmt.h"
#include "perfmgmt/sys/storage.h"
#include "../core/schema.h"
#include "../core/access.h"
#include "../util/alloc.h"
#include "../util/error.h"

/* The organisation cache's state (org_cache.c). Its answers (slots) are
 * allocated when the first is kept. */
typedef struct pm_org_slot pm_org_slot;
typedef struct pm_org_cache {
    pm_org_slot *slots;  /* nslots, a power of two; NULL before the first answer */
    size_t nslots;
    size_t count;        /* answers of this generation */
    uint32_t generation; /* a slot holds an answer only of this generation */
    uint64_t stamp;      /* the store's change stamp the answers were read at */
    int stamped;         /* the answers hold while the stamp stays the same */
    int checked;         /* this transaction read the stamp, or must not */
} pm_org_cache;

/* Audit entries waiting for their batch (audit_buffer.c). */
typedef struct pm_audit_buffer {
    pm_value *rows;  /* count entries of PM_AUDIT_NFIELDS values each */
    size_t count;
    size_t cap;      /* entries the memory holds */
    size_t *marks;   /* per open transaction level: count when it opened */
    unsigned int nmarks;
    unsigned int marks_cap;
} pm_audit_buffer;

struct pm_db {
    pm_storage *storage;
    const pm_schema *schema;
    pm_clock_fn clock;
    void *clock_payload;
    unsigned int flags;      /* PM_DB_* from the options */
    unsigned int sessions;   /* open sessions, to catch close-before-free */
    unsigned int groups;     /* sessions inside pm_session_begin(): the
                              * storage has a transaction open while > 0 */
    pm_error error;          /* for calls made without a session */
    /* The key of anonymous feedback's giver tags (pm_db_opts.secret, or a
     * random one for a store that does not outlive the db), NULL for none.
     * Never written to the store; wiped on close. */
    unsigned char *secret;
    size_t secret_len;
    /* Organisation answers kept inside groups (org_cache.c). */
    pm_org_cache org_cache;
    pm_audit_buffer audit_buffer;
};

struct pm_session {
    pm_db *db;
    pm_actor actor;          /* who is acting (see core/access.h) */
    int in_transaction;      /* pm_session_begin() open */
    unsigned int audit_undisclosed; /* depth of undisclosed audit scopes */
    unsigned int audit_quiet;       /* depth of quiet audit scopes */
    int unguarded;           /* inside a call that opened no savepoint (store.c) */
    size_t call_entries;     /* audit entries waiting when that call began */
    pm_error error;
};

/* Argument checks: each sets the session error and returns its status. */
#define PM_CHECK_SESSION(s) \
    do { if ((s) == NULL) return PM_EINVAL; pm_error__clear(&(s)->error); } while (0)
#define PM_CHECK_ARG(s, cond, name) \
    do { if (!(cond)) return pm_error__set(&(s)->error, PM_EINVAL, "%s: must not be NULL", (name)); } while (0)

/* The current instant and the UTC date by the db's clock. */
pm_time pm_api__now(const pm_db *db);
pm_date pm_api__today(const pm_db *db);
/* date, or today when date is PM_DATE_NONE. */
pm_date pm_api__date_or_today(const pm_db *db, pm_date date);

/* Storage calls that record a backend failure in the session error as
 * "storage: <backend message>" and return its status. */
pm_status pm_api__begin(pm_session *s);
pm_status pm_api__commit(pm_session *s);
void pm_api__rollback(pm_session *s);  /* after a failure: keeps the first error */
pm_status pm_api__insert(pm_session *s, unsigned int kind, const pm_value *values, pm_id *id);
/* Replaces every field of a record (values holds one per field). */
pm_status pm_api__update(pm_session *s, unsigned int kind, pm_id id, const pm_value *values);
/* Writes only the fields in fields (PM_UPDATE_FIELD(i) bits, see
 * pm_storage::update()); values is read at those positions only, so it
 * may be the whole row or an array with just those positions filled.
 * Indexes that cover none of them are left alone, which makes changing a
 * state or a current value much cheaper than pm_api__update(). */
pm_status pm_api__update_fields(pm_session *s, unsigned int kind, pm_id id,
                                const pm_value *values, uint64_t fields);
pm_status pm_api__remove(pm_session *s, unsigned int kind, pm_id id);
pm_status pm_api__get(pm_session *s, unsigned int kind, pm_id id,
                      pm_storage_row_cb cb, void *payload);
pm_status pm_api__scan(pm_session *s, const pm_scan *scan,
                       pm_storage_row_cb cb, void *payload);
/* pm_api__scan() of each item in turn, in one batch where the backend can
 * (pm_storage::scan_batch: one round trip to a server for all). */
pm_status pm_api__scan_batch(pm_session *s, const pm_scan_item *items, size_t count);
/* The merges in one batch. Where the backend merges them
 * (pm_storage::scan_merged), each callback is handed its merge's union in
 * order, each row once, at most the merge's limit; elsewhere, each of the
 * merge's scans in turn (each in its order, within its own limit), and a
 * positive return stops the scan under way only. Callers that merge what
 * they are handed read the same list from both. */
pm_status pm_api__scan_merged(pm_session *s, const pm_scan_merge *merges, size_t count);
/* 1 when the backend merges scans itself: a merge's rows then come in the
 * union's order, so a caller may read a filtered merge in pages. */
int pm_api__merges(const pm_session *s);

/* Ends a write started with pm_api__begin(): commits on PM_OK, rolls back
 * otherwise, and returns the final status. Every public write is
 *   st = pm_api__begin(s); if (st) return st;
 *   st = ...work...;
 *   return pm_api__finish(s, st);
 */
pm_status pm_api__finish(pm_session *s, pm_status status);

/* The same pair for a call that makes at most one storage write (one
 * insert, update or remove), made last, after every check, with nothing
 * after it that can fail except that write (reads to word its error are
 * fine). Inside a pm_session_begin() group open on the db (the caller's,
 * or another session's: the write joins that transaction either way) they
 * open no savepoint: by the storage contract a failed write changes
 * nothing and leaves the transaction usable, so the savepoint would guard
 * nothing. It costs more than its begin + release (a fifth to a third of
 * such a call): SQLite copies every page the write touches into the
 * savepoint's journal. Outside a group they behave as pm_api__begin()/
 * pm_api__finish(). A call that may write twice, or check anything after
 * its write, must use the pair above or pm_api__begin_few(). */
pm_status pm_api__begin_one(pm_session *s);
pm_status pm_api__finish_one(pm_session *s, pm_status status);

/* pm_api__begin_one() for a call of up to @p writes writes, each of which
 * it can undo by hand, ended by pm_api__finish_one(). Inside a group, when
 * a step after a write fails, the call takes back its earlier writes,
 * newest first, with the two functions below, which return @p failure;
 * when an undo fails too, the group's transaction is rolled back whole
 * and the message says so. The writes' audit entries have room made for
 * them here, so recording them cannot fail, and a failed call's entries
 * are forgotten. Outside a group the undo functions do nothing: the call's
 * own transaction is rolled back. */
pm_status pm_api__begin_few(pm_session *s, unsigned int writes);
/* Removes the record an insert of the call made. */
pm_status pm_api__take_back_insert(pm_session *s, pm_status failure, unsigned int kind, pm_id id);
/* Writes back the @p fields of a record the call changed, from @p old. */
pm_status pm_api__take_back_update(pm_session *s, pm_status failure, unsigned int kind, pm_id id,
                                   const pm_value *old, uint64_t fields);

/* Fills the four audit fields of a record's value array at position first
 * (created_at, created_by, updated_at, updated_by) for a new record. */
void pm_api__audit_create(pm_session *s, pm_value *values, unsigned int first);
/* Sets only updated_at/updated_by (positions first + 2, first + 3). */
void pm_api__audit_update(pm_session *s, pm_value *values, unsigned int first);

/* Value constructors. */
pm_value pm_value__null(void);
pm_value pm_value__int(int64_t i);
pm_value pm_value__real(double r);
pm_value pm_value__text(const char *text, size_t len);     /* NULL text gives a NULL value */
pm_value pm_value__date(pm_date date);                      /* PM_DATE_NONE gives NULL */

/* Value readers (store.c). An integer field: 0 unless it holds an
 * integer. A real field: an integer widened, 0.0 for anything else. A date
 * field: PM_DATE_NONE unless it holds an integer. A text field copied
 * (pm__free), "" when it holds no text; NULL only when out of memory. */
int64_t pm_value__as_int(const pm_value *v);
double pm_value__as_real(const pm_value *v);
pm_date pm_value__as_date(const pm_value *v);
char *pm_value__text_copy(const pm_value *v);

/* qsort order of pm_id values, ascending (store.c). */
int pm_api__compare_ids(const void *a, const void *b);

/* PM_ECORRUPT "what: stored row 7 has 3 fields, expected 16" for a row
 * too short to read; row callbacks check before they index values (store.c). */
pm_status pm_api__check_row(pm_session *s, const pm_row *row, unsigned int nfields,
                            const char *what);

/* pm_date_format for messages: "?" for a date it cannot format. Returns
 * buf, to use inside a call (store.c). */
const char *pm_api__format_date(char buf[PM_DATE_BUFSIZE], pm_date date);

/* PM_EINVAL "field: 2027-01-04 is in the future (today is 2026-11-27)" for
 * a day after the store's today; PM_OK otherwise (store.c). */
pm_status pm_api__check_not_future(pm_session *s, pm_date day, const char *field);

/* Option structs (opts.c). */
/* Checks an option struct's version: PM_EVERSION with a message otherwise. */
pm_status pm_api__check_version(pm_session *s, const char *what, unsigned int version,
                                unsigned int known);
/* The body of every pm_*_opts_init: PM_EINVAL for NULL opts, PM_EVERSION
 * for a version outside 1..known, otherwise copies size bytes of defaults
 * (the PM_*_OPTS_INIT of the struct) and sets opts' version. */
pm_status pm_api__opts_init(void *opts, const void *defaults, size_t size, unsigned int version,
                            unsigned int known);

#endif
