/* Answers about the organisation (whose unit or manager a person had on a
 * day, and a person's status), kept while a pm_session_begin() group's
 * transaction lasts. A batch of writes asks the same questions again and
 * again (the manager chains above the people it names), and on a server
 * each answer is a round trip.
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
 * the organisation. Forgetting everything is a new generation, not a
 * wipe: an import clears it at every write. */
#include "org_cache.h"

#define SLOTS 4096u

typedef struct slot {
    pm_id person;
    pm_id answer;
    pm_date day;
    unsigned int kind;
    uint64_t generation; /* the slot holds an answer of this generation */
} slot;

struct pm_org_cache {
    uint64_t generation; /* from 1: a zeroed slot holds nothing */
    slot slots[SLOTS];
};

static slot *slot_of(pm_org_cache *c, unsigned int kind, pm_id person, pm_date day)
{
    uint64_t h = (uint64_t)person * 0x9E3779B97F4A7C15u;
    h ^= ((uint64_t)(uint32_t)day << 8) ^ kind;
    h *= 0xC2B2AE3D27D4EB4Fu;
    return &c->slots[(h >> 32) % SLOTS];
}

static int active(const pm_db *db)
{
    return db->groups > 0;
}

int pm_org_cache__get(pm_db *db, unsigned int kind, pm_id person, pm_date day, pm_id *answer)
{
    pm_org_cache *c = db->org_cache;
    if (c == NULL || !active(db))
        return 0;
    const slot *sl = slot_of(c, kind, person, day);
    if (sl->generation != c->generation || sl->person != person || sl->day != day
        || sl->kind != kind)
        return 0;
    *answer = sl->answer;
    return 1;
}

void pm_org_cache__put(pm_db *db, unsigned int kind, pm_id person, pm_date day, pm_id answer)
{
    if (!active(db) || person <= 0)
        return;
    if (db->org_cache == NULL) {
        db->org_cache = pm__calloc(1, sizeof *db->org_cache);
        if (db->org_cache == NULL)
            return; /* a cache is an optimisation: without memory, ask the store */
        db->org_cache->generation = 1;
    }
    slot *sl = slot_of(db->org_cache, kind, person, day);
    sl->person = person;
    sl->answer = answer;
    sl->day = day;
    sl->kind = kind;
    sl->generation = db->org_cache->generation;
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
