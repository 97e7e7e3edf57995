/* Answers about the organisation (whose unit or manager a person had on a
 * day, and a person's status), kept inside pm_session_begin() groups. A
 * batch of writes asks the same questions again and again (the manager
 * chains above the people it names, on the days its entries fall on), and
 * on a server each answer is a round trip.
 *
 * A line answer is a span of days, not one day: one read of the covering
 * period and the next one's start answers every day until that start, so
 * entries spread over many days still find their chains here.
 *
 * Why it is safe inside a transaction: the store changes only through
 * this db (SQLite holds its write lock or one read snapshot; PostgreSQL
 * runs at REPEATABLE READ), and every write of a person, membership or
 * reporting line through this db empties the cache (store.c), as does
 * every rollback, which may undo what an answer was read after.
 *
 * Across transactions: another writer may commit between them. On a
 * backend with a change stamp (pm_storage::change_stamp), a group's first
 * use of the cache reads the stamp, and the answers are kept when it is
 * the one they were read at: no other writer has committed a change of
 * these kinds in between. The stamp is read only before this transaction
 * writes any of them (it would count its own writes, which may yet be
 * undone), and answers read in a transaction that wrote them, or rolled
 * back, are dropped when the next begins: what that transaction saw may
 * never be committed. Elsewhere the answers last one group. Outside
 * groups nothing is kept or used.
 *
 * The answers are a hash table with linear probing, keyed by kind and
 * person, that doubles while half full, from FIRST_SLOTS up to MAX_SLOTS
 * slots of 40 bytes (2.5 MiB, room for 32768 answers: the people, units
 * and managers of about 10 000 people). Full at that size, it forgets
 * everything and starts again: memory stays bounded however large the
 * organisation. (A direct-mapped table lost the managers every chain
 * climbs through to collisions with the people below them.) Forgetting
 * is a new generation, not a wipe: an import clears it at every write. */
#include "org_cache.h"

#include <string.h>

#define FIRST_SLOTS 1024u
#define MAX_SLOTS 65536u

struct pm_org_slot {
    pm_id person;
    pm_id target;         /* a line's target, or the status */
    pm_date from, to;     /* a line's span */
    pm_date start, end;   /* a line's period */
    uint32_t generation;  /* the slot holds an answer of this generation */
    uint8_t kind;
    uint8_t found;        /* a line's period was found; a person is an HR admin */
};

static size_t home_of(size_t nslots, unsigned int kind, pm_id person)
{
    uint64_t h = (((uint64_t)person << 2) ^ kind) * 0x9E3779B97F4A7C15u;
    return (size_t)(h >> 32) & (nslots - 1);
}

/* The slot holding kind's answer for person, or the empty one where it
 * would go. Half full at most, so there is always an empty slot. */
static pm_org_slot *find(const pm_org_cache *c, unsigned int kind, pm_id person)
{
    for (size_t i = home_of(c->nslots, kind, person);; i = (i + 1) & (c->nslots - 1)) {
        pm_org_slot *sl = &c->slots[i];
        if (sl->generation != c->generation
            || (sl->person == person && sl->kind == kind))
            return sl;
    }
}

int pm_org_cache__active(const pm_db *db)
{
    return db->groups > 0;
}

static void forget(pm_org_cache *c)
{
    c->count = 0;
    if (++c->generation == 0) { /* wrapped: old slots could match again */
        if (c->slots != NULL)
            memset(c->slots, 0, c->nslots * sizeof *c->slots);
        c->generation = 1;
    }
}

/* At a transaction's first use: keeps the answers when the store's stamp
 * is the one they were read at, forgets them otherwise. */
static void check_stamp(pm_db *db)
{
    pm_org_cache *c = &db->org_cache;
    if (c->checked)
        return;
    c->checked = 1;
    pm_storage *storage = db->storage;
    uint64_t stamp = 0;
    int can = storage->version >= 4 && storage->change_stamp != NULL
              && storage->change_stamp(storage, &stamp) == PM_OK;
    if (!can || !c->stamped || stamp != c->stamp)
        forget(c);
    c->stamped = can;
    c->stamp = stamp;
}

void pm_org_cache__begin(pm_db *db)
{
    db->org_cache.checked = 0;
}

/* The slot holding kind's answer for person, or NULL. */
static const pm_org_slot *kept(pm_db *db, unsigned int kind, pm_id person)
{
    pm_org_cache *c = &db->org_cache;
    if (c->slots == NULL || !pm_org_cache__active(db))
        return NULL;
    check_stamp(db);
    const pm_org_slot *sl = find(c, kind, person);
    return sl->generation == c->generation ? sl : NULL;
}

int pm_org_cache__get(pm_db *db, unsigned int kind, pm_id person, pm_date day, pm_id *answer)
{
    const pm_org_slot *sl = kept(db, kind, person);
    if (sl == NULL)
        return 0;
    if (kind == PM_KIND_PERSON) {
        *answer = sl->target;
        return 1;
    }
    if (day < sl->from || day > sl->to)
        return 0;
    pm_org_period period = { sl->target, sl->start, sl->end };
    *answer = sl->found && pm_org__covers(&period, day) ? sl->target : 0;
    return 1;
}

int pm_org_cache__person(pm_db *db, pm_id person, pm_id *status, int *hr_admin)
{
    const pm_org_slot *sl = kept(db, PM_KIND_PERSON, person);
    if (sl == NULL)
        return 0;
    *status = sl->target;
    *hr_admin = sl->found;
    return 1;
}

/* Doubles the table, or starts it, keeping this generation's answers;
 * 0 when memory ran out (the table is then as it was). */
static int grow(pm_org_cache *c)
{
    size_t nslots = c->slots == NULL ? FIRST_SLOTS : c->nslots * 2;
    pm_org_slot *slots = pm__calloc(nslots, sizeof *slots);
    if (slots == NULL)
        return 0;
    pm_org_cache old = *c;
    c->slots = slots;
    c->nslots = nslots;
    uint32_t generation = c->generation == 0 ? 1 : c->generation;
    c->generation = generation;
    for (size_t i = 0; old.slots != NULL && i < old.nslots; i++)
        if (old.slots[i].generation == generation)
            *find(c, old.slots[i].kind, old.slots[i].person) = old.slots[i];
    pm__free(old.slots);
    return 1;
}

static pm_org_slot *claim(pm_db *db, unsigned int kind, pm_id person)
{
    pm_org_cache *c = &db->org_cache;
    if (!pm_org_cache__active(db) || person <= 0)
        return NULL;
    if (c->slots == NULL && !grow(c))
        return NULL; /* a cache is an optimisation: without memory, ask the store */
    check_stamp(db);
    pm_org_slot *sl = find(c, kind, person);
    if (sl->generation != c->generation) {
        if ((c->count + 1) * 2 > c->nslots) {
            if (c->nslots >= MAX_SLOTS || !grow(c))
                forget(c);
            sl = find(c, kind, person);
        }
        c->count++;
    }
    memset(sl, 0, sizeof *sl);
    sl->person = person;
    sl->kind = (uint8_t)kind;
    sl->generation = c->generation;
    return sl;
}

void pm_org_cache__put_span(pm_db *db, unsigned int kind, pm_id person, const pm_org_span *span)
{
    pm_org_slot *sl = claim(db, kind, person);
    if (sl == NULL)
        return;
    sl->from = span->from;
    sl->to = span->to;
    sl->found = span->found != 0;
    sl->target = span->period.target;
    sl->start = span->period.start;
    sl->end = span->period.end;
}

void pm_org_cache__put_person(pm_db *db, pm_id person, pm_id status, int hr_admin)
{
    pm_org_slot *sl = claim(db, PM_KIND_PERSON, person);
    if (sl != NULL) {
        sl->target = status;
        sl->found = hr_admin != 0;
    }
}

/* From here to the transaction's end, answers hold for it alone, and the
 * stamp, which may count its own writes, is not read. */
void pm_org_cache__clear(pm_db *db)
{
    pm_org_cache *c = &db->org_cache;
    forget(c);
    c->stamped = 0;
    c->checked = 1;
}

void pm_org_cache__written(pm_db *db, unsigned int kind)
{
    if (kind == PM_KIND_PERSON || kind == PM_KIND_MEMBERSHIP || kind == PM_KIND_REPORTING_LINE)
        pm_org_cache__clear(db);
}

void pm_org_cache__free(pm_db *db)
{
    pm__free(db->org_cache.slots);
    db->org_cache.slots = NULL;
    db->org_cache.nslots = 0;
}
