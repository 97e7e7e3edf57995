/* Answers about the organisation (whose unit or manager a person had on a
 * day, and a person's status), kept while a pm_session_begin() group's
 * transaction lasts. A batch of writes asks the same questions again and
 * again (the manager chains above the people it names, on the days its
 * entries fall on), and on a server each answer is a round trip.
 *
 * A line answer is a span of days, not one day: one read of the covering
 * period and the next one's start answers every day until that start, so
 * entries spread over many days still find their chains here.
 *
 * Why it is safe: inside one transaction the store changes only through
 * this db (SQLite holds its write lock or one read snapshot; PostgreSQL
 * runs at REPEATABLE READ), and every write of a person, membership or
 * reporting line through this db empties the cache (store.c), as does
 * every rollback, which may undo what an answer was read after. Outside a
 * group nothing is kept: another writer may commit between calls.
 *
 * The table is direct-mapped and fixed in size: a question whose slot is
 * taken replaces the answer there, so memory stays bounded however large
 * the organisation (SLOTS of 48 bytes: 768 KiB, allocated at the first
 * answer kept). Forgetting everything is a new generation, not a wipe: an
 * import clears it at every write. */
#include "org_cache.h"

#include <string.h>

#define SLOTS 16384u

typedef struct slot {
    pm_id person;
    uint64_t generation; /* the slot holds an answer of this generation */
    pm_date from, to;    /* a line's span; unused for a status */
    pm_org_period period; /* a line's period, or the status as target */
    uint8_t kind;
    uint8_t found;
} slot;

struct pm_org_cache {
    uint64_t generation; /* from 1: a zeroed slot holds nothing */
    slot slots[SLOTS];
};

static slot *slot_of(pm_org_cache *c, unsigned int kind, pm_id person)
{
    uint64_t h = ((uint64_t)person << 2 ^ kind) * 0x9E3779B97F4A7C15u;
    return &c->slots[(h >> 32) % SLOTS];
}

int pm_org_cache__active(const pm_db *db)
{
    return db->groups > 0;
}

int pm_org_cache__get(pm_db *db, unsigned int kind, pm_id person, pm_date day, pm_id *answer)
{
    pm_org_cache *c = db->org_cache;
    if (c == NULL || !pm_org_cache__active(db))
        return 0;
    const slot *sl = slot_of(c, kind, person);
    if (sl->generation != c->generation || sl->person != person || sl->kind != kind)
        return 0;
    if (kind == PM_KIND_PERSON) {
        *answer = sl->period.target;
        return 1;
    }
    if (day < sl->from || day > sl->to)
        return 0;
    *answer = sl->found && pm_org__covers(&sl->period, day) ? sl->period.target : 0;
    return 1;
}

static slot *claim(pm_db *db, unsigned int kind, pm_id person)
{
    if (!pm_org_cache__active(db) || person <= 0)
        return NULL;
    if (db->org_cache == NULL) {
        db->org_cache = pm__calloc(1, sizeof *db->org_cache);
        if (db->org_cache == NULL)
            return NULL; /* a cache is an optimisation: without memory, ask the store */
        db->org_cache->generation = 1;
    }
    slot *sl = slot_of(db->org_cache, kind, person);
    memset(sl, 0, sizeof *sl);
    sl->person = person;
    sl->kind = (uint8_t)kind;
    sl->generation = db->org_cache->generation;
    return sl;
}

void pm_org_cache__put_span(pm_db *db, unsigned int kind, pm_id person, const pm_org_span *span)
{
    slot *sl = claim(db, kind, person);
    if (sl == NULL)
        return;
    sl->from = span->from;
    sl->to = span->to;
    sl->found = span->found != 0;
    sl->period = span->period;
}

void pm_org_cache__put_status(pm_db *db, pm_id person, pm_id status)
{
    slot *sl = claim(db, PM_KIND_PERSON, person);
    if (sl != NULL)
        sl->period.target = status;
}

void pm_org_cache__clear(pm_db *db)
{
    if (db->org_cache != NULL)
        db->org_cache->generation++;
}

void pm_org_cache__written(pm_db *db, unsigned int kind)
{
    if (kind == PM_KIND_PERSON || kind == PM_KIND_MEMBERSHIP || kind == PM_KIND_REPORTING_LINE)
        pm_org_cache__clear(db);
}

void pm_org_cache__free(pm_db *db)
{
    pm__free(db->org_cache);
    db->org_cache = NULL;
}
