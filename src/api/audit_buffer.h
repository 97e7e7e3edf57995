/* Audit entries written inside a group wait in the db's buffer and go to
 * storage in batches (audit_buffer.c). store.c and session.c tell it where
 * transaction levels open and close; audit.c fills it. */
#ifndef PM_API_AUDIT_BUFFER_H
#define PM_API_AUDIT_BUFFER_H

#include "internal.h"

/* Adds one entry (PM_AUDIT_NFIELDS values, numbers only); PM_ENOMEM. */
pm_status pm_audit_buffer__add(pm_session *s, const pm_value *entry);

/* Makes room for @p entries more, so that adding them cannot fail;
 * PM_ENOMEM. */
pm_status pm_audit_buffer__reserve(pm_session *s, size_t entries);

/* Forgets the entries added after the first @p count (a failed call's). */
void pm_audit_buffer__forget_after(pm_db *db, size_t count);

/* Writes the waiting entries, in order, in a savepoint of their own: on
 * failure nothing is written, they keep waiting and the session says why.
 * PM_EMISUSE when some of them belong to a level around the innermost one
 * (they cannot be written inside it): flush before opening it. */
pm_status pm_audit_buffer__flush(pm_session *s);

/* pm_audit_buffer__flush() once a batch is full and can be written; PM_OK
 * otherwise. */
pm_status pm_audit_buffer__flush_if_full(pm_session *s);

/* A transaction level is about to open: the entries after this point are
 * its own. PM_ENOMEM. */
pm_status pm_audit_buffer__level_opens(pm_session *s);

/* The innermost level closed: committed (kept, its entries now belong to
 * the level around it) or rolled back (they are forgotten). */
void pm_audit_buffer__level_closes(pm_db *db, int kept);

/* Frees the buffer's memory (pm_db_close()). */
void pm_audit_buffer__free(pm_db *db);

#endif
