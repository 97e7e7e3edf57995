/* The organisation's internal functions, shared by person.c, unit.c, org.c
 * and import.c. None of them checks access or opens a transaction: the
 * public function that calls them does both. Each sets the session error on
 * failure, naming the field and the reason. */
#ifndef PM_API_ORG_INTERNAL_H
#define PM_API_ORG_INTERNAL_H

#include "internal.h"

#include "../core/org.h"
#include "org_cache.h"

/* A person snapshot (the public pm_person). Strings are NUL-terminated and
 * owned by the snapshot; email is "" when none. */
struct pm_person {
    pm_id id;
    char *external_id;
    char *display_name;
    char *name_key;
    char *email;
    pm_person_status status;
    pm_date left_on;
    int hr_admin;
    pm_time created_at;
    pm_id created_by;
    pm_time updated_at;
    pm_id updated_by;
};

/* A unit snapshot (the public pm_unit). */
struct pm_unit {
    pm_id id;
    char *name;
    char *name_key;
    pm_id parent;
};

/* --- people (person.c) --- */

/* Reads a person; PM_ENOTFOUND "person: 12 does not exist". */
pm_status pm_person__load(pm_person **out, pm_session *s, pm_id id);

/* Checks that a person exists; field names the argument in the message
 * ("person.manager: 12 does not exist"). */
pm_status pm_person__check_exists(pm_session *s, pm_id id, const char *field);

/* Reads the person with this NFC external id (len > 0); PM_ENOTFOUND
 * "person.external_id: no person has 'E9'" when there is none. */
pm_status pm_person__load_external(pm_person **out, pm_session *s, const char *external_id,
                                   size_t len);

/* Validates opts and inserts a person (and their unit and manager, when
 * given, from opts->start). */
pm_status pm_person__insert(pm_id *out, pm_session *s, const pm_person_opts *opts);

/* Validates and applies the non-NULL text fields of opts. */
pm_status pm_person__update(pm_session *s, pm_id id, const pm_person_opts *opts);

pm_status pm_person__set_hr_admin(pm_session *s, pm_id id, int hr_admin);
pm_status pm_person__set_left(pm_session *s, pm_id id, pm_date date);

/* An iterator over the given people in name order; takes ownership of ids
 * (allocated with pm__malloc) even on failure. */
pm_status pm_person_iter__new(pm_person_iter **out, pm_session *s, pm_id *ids, size_t count);

/* How the acting person stands to subject today (self, in the manager chain, none). */
pm_status pm_api__relation(pm_relation *out, pm_session *s, pm_id subject);

/* Checks the actor may do action on subject's records (0 for none);
 * PM_EPERM with a message otherwise. */
pm_status pm_api__authorize(pm_session *s, pm_action action, pm_id subject);

/* --- units (unit.c) --- */

pm_status pm_unit__load(pm_unit **out, pm_session *s, pm_id id);
pm_status pm_unit__check_exists(pm_session *s, pm_id id, const char *field);
/* Validates opts and inserts a unit. */
pm_status pm_unit__insert(pm_id *out, pm_session *s, const pm_unit_opts *opts);
/* Finds the child of parent (0: top level) with the given NFC name, ignoring
 * case; PM_ENOTFOUND without touching the session error when absent. */
pm_status pm_unit__find_child(pm_id *out, pm_session *s, pm_id parent, const char *name,
                              size_t len);

/* --- reporting lines and memberships (org.c) --- */

pm_status pm_org__set_unit(pm_session *s, pm_id person, pm_id unit, pm_date date);
pm_status pm_org__set_manager(pm_session *s, pm_id person, pm_id manager, pm_date date);
pm_status pm_org__unit_on(pm_id *out, pm_session *s, pm_id person, pm_date date);
pm_status pm_org__manager_on(pm_id *out, pm_session *s, pm_id person, pm_date date);
pm_status pm_org__is_above(int *out, pm_session *s, pm_id manager, pm_id person, pm_date date);

/* The reads pm_org__unit_on() (kind PM_KIND_MEMBERSHIP) or
 * pm_org__manager_on() (PM_KIND_REPORTING_LINE) makes for person on day,
 * as scans to run (in a batch); c must stay where it is until they ran.
 * pm_org__covering_target() is then the answer (the unit or manager, or
 * 0), and pm_org__covering_span() the days it holds for. The first scan
 * reads the period covering the day; the second, the start of the next
 * one, which only the span needs. */
typedef struct pm_org_covering {
    pm_value eq, hi;
    pm_scan scan, next_scan;
    int found, next_found;
    pm_org_period period;
    pm_date next_start;
} pm_org_covering;
void pm_org__covering_items(pm_scan_item items[2], pm_org_covering *c, unsigned int kind,
                            pm_id person, pm_date day, unsigned int storage_version);
pm_id pm_org__covering_target(const pm_org_covering *c, pm_date day);
void pm_org__covering_span(pm_org_span *out, const pm_org_covering *c);

/* Reads ahead, in a few batches, what walks up from each of people on day
 * will ask (org_ahead.c): their status, unit and manager, and the manager
 * of each manager up their chains, a level of every chain per batch. The
 * answers go to the organisation cache. Only inside a group (the cache
 * lasts as long) on a backend that runs scans in batches: elsewhere it
 * does nothing, as the walks would read no less one by one. */
pm_status pm_org__read_ahead(pm_session *s, const pm_id *people, size_t count, pm_date day);
/* Ends the person's open membership and reporting line on date. */
pm_status pm_org__end_all(pm_session *s, pm_id person, pm_date date);

#endif
