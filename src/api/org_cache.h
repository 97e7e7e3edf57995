/* The organisation answers groups keep (org_cache.c). */
#ifndef PM_API_ORG_CACHE_H
#define PM_API_ORG_CACHE_H

#include "internal.h"

#include "../core/org.h"

/* What a person's memberships or reporting lines say on every day from
 * `from` to `to` (both included): the target of period when it covers the
 * day (and found is set), otherwise none. A read of the period covering one
 * day and of the next period's start tells it (pm_org__covering_span()). */
typedef struct pm_org_span {
    pm_date from, to;
    int found;
    pm_org_period period;
} pm_org_span;

/* 1 when answers are kept now: inside a group. */
int pm_org_cache__active(const pm_db *db);

/* 1 and *answer set when kind's answer for person on day is kept (kind:
 * PM_KIND_MEMBERSHIP or PM_KIND_REPORTING_LINE with the target on day, or
 * PM_KIND_PERSON, whatever the day, with the status); 0 otherwise. */
int pm_org_cache__get(pm_db *db, unsigned int kind, pm_id person, pm_date day, pm_id *answer);

/* 1 and *status and *hr_admin set when a person's are kept (status 0:
 * no such person); 0 otherwise. */
int pm_org_cache__person(pm_db *db, pm_id person, pm_id *status, int *hr_admin);

/* Keeps what a read from the store said (inside a group only): a span of
 * person's memberships or reporting lines, or a person's status (0 for
 * no such person) and HR admin flag. */
void pm_org_cache__put_span(pm_db *db, unsigned int kind, pm_id person, const pm_org_span *span);
void pm_org_cache__put_person(pm_db *db, pm_id person, pm_id status, int hr_admin);

/* A group's transaction begins: what is kept is checked against the
 * store's change stamp at its first use. */
void pm_org_cache__begin(pm_db *db);

/* Forgets every answer: after a rollback, which may undo what an answer
 * was read after. */
void pm_org_cache__clear(pm_db *db);

/* Forgets every answer when kind is one the answers are read from. */
void pm_org_cache__written(pm_db *db, unsigned int kind);

void pm_org_cache__free(pm_db *db);

#endif
