/* Retention's internal pieces: the periods as stored (retention.c), the
 * legal holds a batch consults (retention_holds.c), and the sources a
 * purge walks, one per kind of record (retention_sources.c), driven in
 * batches by retention_purge.c. */
#ifndef PM_API_RETENTION_INTERNAL_H
#define PM_API_RETENTION_INTERNAL_H

#include "internal.h"

/* ---- periods (retention.c) ---- */

/* days[c] = the period of class c in days, 0 for none, for c in
 * 1..PM_RETENTION_CLASS_MAX (days[0] is 0). Reads every stored policy. */
pm_status pm_retention__periods(int days[PM_RETENTION_CLASS_MAX + 1], pm_session *s);

/* ---- legal holds of a batch (retention_holds.c) ---- */

/* The people on hold, read once per batch inside its transaction, so a
 * hold placed before the batch starts is honoured by all of it. Up to a
 * few thousand holds are kept sorted in memory; past that each person is
 * looked up (pm_legal_hold__is_held()). */
typedef struct pm_retention_holds {
    pm_id *people;   /* sorted; NULL when there are none or too many */
    size_t count;
    int loaded;      /* 1: people holds every hold */
} pm_retention_holds;

pm_status pm_retention__holds_load(pm_retention_holds *h, pm_session *s);
void pm_retention__holds_free(pm_retention_holds *h);

/* ---- one batch ---- */

/* One record past its period, as read from its row. */
typedef struct pm_retention_candidate {
    pm_id id;
    int64_t time;          /* the first field of the source's index: a time, or a day */
    pm_id people[3];       /* whose record it is, for legal holds; 0 for none */
    pm_id link;            /* feedback: the request it answered; entry: its series */
    int in_use;            /* kept whatever its age (an open action item, ...) */
} pm_retention_candidate;

/* What a batch works with, and what it has removed so far. */
typedef struct pm_retention_batch {
    pm_session *s;
    pm_time now;                       /* the purge's now */
    pm_retention_holds holds;
    int64_t removed[PM_KIND_COUNT];    /* records removed, per kind */
    /* The check-in series last looked up, for entries in a row of one. */
    pm_id series;
    pm_id series_people[2];
} pm_retention_batch;

/* *held = 1 when any of the n people (0s skipped) is under a legal hold. */
pm_status pm_retention__any_held(int *held, pm_retention_batch *b, const pm_id *people, size_t n);

/* ---- sources (retention_sources.c) ---- */

/* A kind of record a class purges, found through an index whose first
 * field is the record's time (a day when by_day). */
typedef struct pm_retention_source {
    unsigned int kind;
    unsigned int index;
    int by_day;
    /* The purge writes records of this kind itself (audit entries): it
     * never removes one written since the call began, whatever its now. */
    int written_by_purge;
    unsigned int nfields;  /* fields read() needs, for the short-row check */
    const char *what;      /* the kind's name in messages */
    /* Reads a candidate from a checked row (inside a scan callback: no
     * storage calls). now is the purge's now. */
    void (*read)(pm_retention_candidate *c, const pm_row *row, pm_time now);
    /* Removes the record and what depends on it (*removed = 1), or keeps
     * it (*removed = 0): under a legal hold, or in use. */
    pm_status (*settle)(int *removed, pm_retention_batch *b, const pm_retention_candidate *c);
} pm_retention_source;

/* The sources of a class, in the order a purge walks them; *n of them. */
const pm_retention_source *pm_retention__sources(pm_retention_class c, size_t *n);

#endif
