/* The audit trail as the rest of the api layer sees it. store.c records
 * every write of pm_api__insert/update/remove; operations that write many
 * records at once (purge, erasure) keep the per-record entries quiet and
 * record one summary; writes whose actor must stay unknown are counted per
 * day without actor, time or record. */
#ifndef PM_API_AUDIT_INTERNAL_H
#define PM_API_AUDIT_INTERNAL_H

#include "internal.h"
#include "perfmgmt/audit.h"

/* Records an entry: op on count records of kind (record: the id, or 0 when
 * the entry covers several). Inside the caller's transaction; written
 * straight to storage, so it is not itself audited. Honours the
 * undisclosed scope; does nothing inside a quiet scope. */
pm_status pm_audit__record(pm_session *s, pm_audit_op op, unsigned int kind, pm_id record,
                           int64_t count);

/* Between begin and end (they nest), entries are undisclosed: counted per
 * day, kind and operation, with no actor, time or record. */
void pm_audit__undisclosed_begin(pm_session *s);
void pm_audit__undisclosed_end(pm_session *s);

/* Between begin and end (they nest), store.c records nothing: the caller
 * records a summary entry with pm_audit__record() itself, after quiet_end. */
void pm_audit__quiet_begin(pm_session *s);
void pm_audit__quiet_end(pm_session *s);

/* *held = 1 when person is under a legal hold, else 0. */
pm_status pm_legal_hold__is_held(pm_session *s, pm_id person, int *held);

#endif
