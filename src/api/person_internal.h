/* What the person files share beyond org_internal.h: the mapping between a
 * stored person row and a snapshot (person_snapshot.c), used by person.c
 * for reads and writes and by person_iter.c for sorting and search, the
 * not-found message (person.c) both give, and the existence and status
 * checks every area makes of the people a call names (person.c). */
#ifndef PM_API_PERSON_INTERNAL_H
#define PM_API_PERSON_INTERNAL_H

#include "org_internal.h"

/* PM_ECORRUPT "person: stored row 7 has 3 fields, expected 11" for a row
 * too short to read; the callbacks check before they index values. */
pm_status pm_person__check_row(pm_session *s, const pm_row *row);

/* A snapshot of a checked row; NULL when out of memory. */
pm_person *pm_person__from_row(const pm_row *row);

/* The stored values of a snapshot, in schema field order, borrowing its strings. */
void pm_person__values(pm_value values[PM_PERSON_NFIELDS], const pm_person *p);

/* PM_ENOTFOUND "<field>: 12 does not exist". */
pm_status pm_person__not_found(pm_session *s, const char *field, pm_id id);

/* Reads person id's status; *found is 0 (and the call PM_OK) when there is
 * no such person. */
pm_status pm_person__status(int *found, pm_person_status *status, pm_session *s, pm_id id);

/* The read pm_person__status() makes, as a scan to run (in a batch); r
 * must stay where it is until it ran. pm_person__status_keep() then keeps
 * its answer in the organisation cache, where pm_person__status() finds it. */
typedef struct pm_person_status_read {
    pm_value id;
    pm_scan scan;
    int found;
    pm_person_status status;
    int hr_admin;
} pm_person_status_read;
pm_scan_item pm_person__status_item(pm_person_status_read *r, pm_id id);
void pm_person__status_keep(pm_session *s, const pm_person_status_read *r);

/* Checks the person a call names in field: PM_EINVAL "field: 0 is not a
 * person id", PM_ENOTFOUND "field: person 12 does not exist", and with
 * active_only PM_EINVAL "field: person 12 has left". */
pm_status pm_person__check(pm_session *s, pm_id id, const char *field, int active_only);

/* Replaces person id's identity with an erased record's (see erasure.h):
 * name PM_PERSON_ERASED_NAME, external id "erased-<id>", no email, status
 * PM_PERSON_ERASED, not an HR admin. */
pm_status pm_person__erase_identity(pm_session *s, pm_id id);

#endif
