/* What the programme files share (programme.c, enrolment.c,
 * programme_candidates.c): the programme snapshot and loading it. No
 * access checks here; the public functions make them. */
#ifndef PM_API_PROGRAMME_INTERNAL_H
#define PM_API_PROGRAMME_INTERNAL_H

#include "internal.h"

/* One dated meeting of a programme; title is "" when none. */
typedef struct pm_programme_meeting {
    pm_date on;
    char *title;
} pm_programme_meeting;

/* The public pm_programme: every string owned, sessions by date then id. */
struct pm_programme {
    pm_id id;
    char *name;
    char *description;          /* "" when none */
    pm_programme_kind kind;
    int capacity;               /* 0: no limit */
    int seats;                  /* enrolled + completed */
    pm_id *competencies;        /* by competency id */
    size_t ncompetencies;
    pm_programme_meeting *sessions;
    size_t nsessions;
};

/* PM_ENOMEM "programme: out of memory". */
pm_status pm_programme__out_of_memory(pm_session *s);

/* Reads a programme with its competencies, sessions and seats taken:
 * PM_EINVAL "programme: 0 is not a programme id", PM_ENOTFOUND
 * "programme: programme 3 does not exist" (programme.c). */
pm_status pm_programme__load(pm_programme **out, pm_session *s, pm_id programme);

#endif
