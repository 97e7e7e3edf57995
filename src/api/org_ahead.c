/* Reading ahead what a walk up the organisation will ask. A feedback entry
 * asks whether giver and receiver stand above one another, so it walks up
 * both manager chains a step at a time; on a server each step missing
 * from the organisation cache is a round trip. Read ahead, the steps of
 * both chains at the same level share one batch of scans, and the walk
 * then finds every answer in the cache. The answers are the ones the walk
 * would read (the same scans, kept by the same rules), so it decides
 * exactly as it would without them. */
#include "org_internal.h"
#include "person_internal.h"

#include <string.h>

#include "org_cache.h"

/* People read ahead at once: a call names a few. */
#define AHEAD_PEOPLE 4

/* Each line read is two scans (the covering period, the next start). */
#define AHEAD_LINES (2 * AHEAD_PEOPLE)

/* Each person's status and unit, and one manager step per chain. */
#define AHEAD_SCANS (AHEAD_PEOPLE + 2 * AHEAD_LINES)

static int worth_it(const pm_session *s)
{
    const pm_storage *storage = s->db->storage;
    return s->db->groups > 0 && storage->version >= 3 && storage->scan_batch != NULL;
}

typedef struct batch {
    pm_scan_item items[AHEAD_SCANS];
    size_t count;
    pm_person_status_read statuses[AHEAD_PEOPLE];
    size_t nstatuses;
    pm_org_covering lines[AHEAD_LINES];
    unsigned int kinds[AHEAD_LINES];
    pm_id people[AHEAD_LINES];
    size_t chains[AHEAD_LINES]; /* the chain a manager step climbs */
    size_t nlines;
} batch;

static void add_line(batch *b, unsigned int kind, pm_id person, pm_date day, size_t chain,
                     unsigned int storage_version)
{
    size_t i = b->nlines++;
    b->kinds[i] = kind;
    b->people[i] = person;
    b->chains[i] = chain;
    pm_org__covering_items(&b->items[b->count], &b->lines[i], kind, person, day, storage_version);
    b->count += 2;
}

/* Runs the batch and keeps its answers; each chain climbs its step. */
static pm_status run(pm_session *s, batch *b, pm_date day, pm_id *at)
{
    pm_status st = pm_api__scan_batch(s, b->items, b->count);
    if (st != PM_OK)
        return st;
    for (size_t i = 0; i < b->nstatuses; i++)
        pm_person__status_keep(s, &b->statuses[i]);
    for (size_t i = 0; i < b->nlines; i++) {
        pm_org_span span;
        pm_org__covering_span(&span, &b->lines[i]);
        pm_org_cache__put_span(s->db, b->kinds[i], b->people[i], &span);
        if (b->kinds[i] == PM_KIND_REPORTING_LINE)
            at[b->chains[i]] = pm_org__covering_target(&b->lines[i], day);
    }
    return PM_OK;
}

/* Follows chain from *at through the answers the cache holds: *at ends at
 * the first person whose manager it does not know (0 at the top). */
static void climb_known(pm_session *s, pm_id *at, pm_date day, unsigned long *steps)
{
    pm_id up = 0;
    while (*at > 0 && *steps < PM_ORG_WALK_MAX
           && pm_org_cache__get(s->db, PM_KIND_REPORTING_LINE, *at, day, &up)) {
        *at = up;
        ++*steps;
    }
}

pm_status pm_org__read_ahead(pm_session *s, const pm_id *people, size_t count, pm_date day)
{
    if (!worth_it(s) || count > AHEAD_PEOPLE)
        return PM_OK;
    unsigned int version = s->db->storage->version;
    batch b;
    memset(&b, 0, sizeof b);
    pm_id at[AHEAD_PEOPLE];
    pm_id kept = 0;
    for (size_t i = 0; i < count; i++) {
        at[i] = people[i] > 0 ? people[i] : 0;
        if (at[i] == 0)
            continue;
        if (!pm_org_cache__get(s->db, PM_KIND_PERSON, at[i], 0, &kept))
            b.items[b.count++] = pm_person__status_item(&b.statuses[b.nstatuses++], at[i]);
        if (!pm_org_cache__get(s->db, PM_KIND_MEMBERSHIP, at[i], day, &kept))
            add_line(&b, PM_KIND_MEMBERSHIP, at[i], day, i, version);
    }
    /* A level of every chain per batch. Each step counts, read or known,
     * so a loop in the stored lines ends at the walk's own limit. */
    unsigned long steps[AHEAD_PEOPLE] = { 0 };
    for (;;) {
        for (size_t i = 0; i < count; i++) {
            climb_known(s, &at[i], day, &steps[i]);
            if (at[i] > 0 && steps[i] < PM_ORG_WALK_MAX) {
                add_line(&b, PM_KIND_REPORTING_LINE, at[i], day, i, version);
                steps[i]++;
            }
        }
        if (b.count == 0)
            return PM_OK;
        pm_status st = run(s, &b, day, at);
        if (st != PM_OK)
            return st;
        memset(&b, 0, sizeof b);
    }
}
