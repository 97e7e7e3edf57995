/* What store.c asks around every write besides the write itself (is the
 * kind audited; does the write change a frozen anonymity threshold), and
 * what the audit files share. Only store.c and the audit and threshold
 * files include it. */
#ifndef PM_API_AUDIT_HOOKS_H
#define PM_API_AUDIT_HOOKS_H

#include "audit_internal.h"

/* 1 when writes of kind are recorded by store.c: every kind but the audit
 * trail's own, which audit.c writes straight to storage. */
int pm_audit__is_audited(unsigned int kind);

/* The name of the kind at position kind in the schema ("feedback"),
 * static; NULL for a position this release does not know (audit.c). */
const char *pm_audit__kind_name(int64_t kind);

/* PM_EINVAL "survey.threshold: frozen at 5 since survey 7 opened" (or
 * review360) when an update of a survey or 360 round would change the
 * anonymity threshold of one that is no longer a draft; PM_OK for every
 * other write (threshold_frozen.c). values and fields as for
 * pm_api__update_fields. */
pm_status pm_api__check_frozen(pm_session *s, unsigned int kind, pm_id id,
                               const pm_value *values, uint64_t fields);

#endif
