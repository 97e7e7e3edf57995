/* Erasure's internal pieces: the walk of one erasure (erase.c), the row
 * helpers every area uses (erase_rows.c), and one function per area that
 * removes or changes what the area holds about the person. Each runs
 * inside the erasure's transaction and quiet audit scope. */
#ifndef PM_API_ERASE_INTERNAL_H
#define PM_API_ERASE_INTERNAL_H

#include "internal.h"
#include "perfmgmt/erasure.h"

/* One erasure under way. */
typedef struct pm_erase {
    pm_session *s;
    pm_id person;
    pm_erase_opts opts;
    int64_t removed;   /* records removed */
    int64_t changed;   /* records kept but changed */
} pm_erase;

/* Ids read from an index, to act on once the scan is over. */
typedef struct pm_erase_ids {
    pm_id *ids;
    size_t count;
    size_t cap;
} pm_erase_ids;

void pm_erase__ids_free(pm_erase_ids *ids);

/* Keeps a row (returns 1) or passes over it (0); arg is the caller's. Rows
 * come checked to hold nfields fields. */
typedef int (*pm_erase_filter)(const pm_erase *e, const pm_row *row, const void *arg);

/* Adds to *out the ids of kind's rows whose index (or PM_SCAN_BY_ID, neq
 * 0) starts with the neq values of eq and that filter keeps (NULL keeps
 * all). what names the kind in messages. */
pm_status pm_erase__collect(pm_erase *e, pm_erase_ids *out, unsigned int kind,
                            unsigned int index, const pm_value *eq, unsigned int neq,
                            unsigned int nfields, const char *what, pm_erase_filter filter,
                            const void *arg);

/* Adds to *out the ids that field of kind's rows holds, for the rows whose
 * index starts with the neq values of eq. */
pm_status pm_erase__collect_refs(pm_erase *e, pm_erase_ids *out, unsigned int kind,
                                 unsigned int index, const pm_value *eq, unsigned int neq,
                                 unsigned int field, const char *what);

/* Removes every record of kind in ids, counting them. */
pm_status pm_erase__remove_ids(pm_erase *e, unsigned int kind, const pm_erase_ids *ids);

/* Removes every record of kind whose index starts with the id parent. */
pm_status pm_erase__remove_under(pm_erase *e, unsigned int kind, unsigned int index,
                                 pm_id parent);

/* Removes every record of kind whose index starts with the person's id. */
pm_status pm_erase__remove_of_person(pm_erase *e, unsigned int kind, unsigned int index);

/* Writes one field of a record with its update stamp (audit fields at
 * audit_first), counting the record as changed. */
pm_status pm_erase__set_field(pm_erase *e, unsigned int kind, pm_id id, unsigned int field,
                              pm_value value, unsigned int audit_first);

/* ---- the areas ---- */

pm_status pm_erase__feedback(pm_erase *e);     /* erase_feedback.c */
pm_status pm_erase__review360(pm_erase *e);    /* erase_feedback.c */
pm_status pm_erase__checkins(pm_erase *e);     /* erase_checkin.c */
pm_status pm_erase__goals(pm_erase *e);        /* erase_goal.c */
pm_status pm_erase__development(pm_erase *e);  /* erase_development.c */
pm_status pm_erase__wellbeing(pm_erase *e);    /* erase_wellbeing.c */

#endif
