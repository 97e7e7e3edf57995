/* The organisation answers a group's transaction keeps (org_cache.c). */
#ifndef PM_API_ORG_CACHE_H
#define PM_API_ORG_CACHE_H

#include "internal.h"

/* 1 and *answer set when kind's answer for person on day is kept (kind:
 * PM_KIND_MEMBERSHIP or PM_KIND_REPORTING_LINE with the target on day, or
 * PM_KIND_PERSON with day 0 and the status); 0 otherwise. */
int pm_org_cache__get(pm_db *db, unsigned int kind, pm_id person, pm_date day, pm_id *answer);

/* Keeps an answer read from the store (inside a group only). */
void pm_org_cache__put(pm_db *db, unsigned int kind, pm_id person, pm_date day, pm_id answer);

/* Forgets every answer: after a rollback, and when a group begins. */
void pm_org_cache__clear(pm_db *db);

/* Forgets every answer when kind is one the answers are read from. */
void pm_org_cache__written(pm_db *db, unsigned int kind);

void pm_org_cache__free(pm_db *db);

#endif
