/* Writing the audit trail: one entry per write of a named actor, and for
 * writes whose actor must stay unknown (anonymous feedback, 360 answers)
 * nothing but a count per day, kind and operation.
 *
 * Why a count and not an entry without its actor: entry ids and times form
 * one sequence over every write. An entry with a hidden actor but its own
 * id and time would sit between the entries its writer made just before
 * and just after under their own name (the goal they updated, the note
 * they added next), and so name them. The count keeps no id, time or
 * record that could be placed in that sequence; it lives in a kind of its
 * own so that no id sequence is shared either.
 *
 * Audit rows are not themselves audited, and they join the caller's
 * transaction, so an entry stands or falls with the write it records:
 * inside a group they wait in the db's buffer for their batch
 * (audit_buffer.c), outside one they go straight to storage. */
#include "audit_hooks.h"

#include "audit_buffer.h"

static pm_status storage_failed(pm_session *s, pm_status st)
{
    pm_storage *storage = s->db->storage;
    return pm_error__set(&s->error, st, "storage: %s", storage->errmsg(storage));
}

void pm_audit__undisclosed_begin(pm_session *s)
{
    s->audit_undisclosed++;
}

void pm_audit__undisclosed_end(pm_session *s)
{
    if (s->audit_undisclosed > 0)
        s->audit_undisclosed--;
}

void pm_audit__quiet_begin(pm_session *s)
{
    s->audit_quiet++;
}

void pm_audit__quiet_end(pm_session *s)
{
    if (s->audit_quiet > 0)
        s->audit_quiet--;
}

const char *pm_audit__kind_name(int64_t kind)
{
    const pm_schema *schema = pm_schema__get();
    if (kind < 0 || kind >= (int64_t)schema->nkinds)
        return NULL;
    return schema->kinds[kind].name;
}

int pm_audit__is_audited(unsigned int kind)
{
    return kind != PM_KIND_AUDIT && kind != PM_KIND_AUDIT_UNDISCLOSED;
}

static pm_status write_entry(pm_session *s, pm_audit_op op, unsigned int kind, pm_id record,
                             int64_t count)
{
    const pm_actor *actor = &s->actor;
    pm_value v[PM_AUDIT_NFIELDS];
    v[PM_AUDIT_AT] = pm_value__int(pm_api__now(s->db));
    v[PM_AUDIT_ACTOR] = pm_value__int(actor->is_system ? 0 : actor->person);
    v[PM_AUDIT_ACTOR_KIND] = pm_value__int(actor->is_system ? PM_AUDIT_ACTOR_SYSTEM
                                                            : PM_AUDIT_ACTOR_PERSON);
    v[PM_AUDIT_OP] = pm_value__int(op);
    v[PM_AUDIT_RECORD_KIND] = pm_value__int(kind);
    v[PM_AUDIT_RECORD] = pm_value__int(record);
    v[PM_AUDIT_COUNT] = pm_value__int(count);
    if (s->in_transaction || s->db->groups > 0)
        return pm_audit_buffer__add(s, v);
    pm_storage *storage = s->db->storage;
    pm_id row = 0;
    pm_status st = storage->insert(storage, PM_KIND_AUDIT, v, &row);
    return st == PM_OK ? PM_OK : storage_failed(s, st);
}

/* ---- undisclosed counts ---- */

typedef struct counter {
    pm_session *s;
    int found;
    pm_id row;
    int64_t count;
} counter;

static int read_counter(const pm_row *row, void *payload)
{
    counter *c = payload;
    pm_status st = pm_api__check_row(c->s, row, PM_AUDU_NFIELDS, "audit_undisclosed");
    if (st != PM_OK)
        return st;
    c->found = 1;
    c->row = row->id;
    c->count = pm_value__as_int(&row->values[PM_AUDU_COUNT]);
    return 1;
}

static pm_status find_counter(counter *c, pm_session *s, const pm_value key[3])
{
    c->s = s;
    c->found = 0;
    c->row = 0;
    c->count = 0;
    pm_scan scan = { PM_KIND_AUDIT_UNDISCLOSED, PM_AUDU_BY_DAY, 3, key, NULL, NULL, 0, 1 };
    pm_storage *storage = s->db->storage;
    pm_status st = storage->scan(storage, &scan, read_counter, c);
    if (st == PM_OK || s->error.status != PM_OK)
        return st;
    return storage_failed(s, st);
}

static pm_status set_count(pm_session *s, pm_id row, int64_t count)
{
    pm_value v[PM_AUDU_NFIELDS];
    v[PM_AUDU_COUNT] = pm_value__int(count);
    pm_storage *storage = s->db->storage;
    pm_status st = storage->update(storage, PM_KIND_AUDIT_UNDISCLOSED, row, v,
                                   PM_UPDATE_FIELD(PM_AUDU_COUNT));
    return st == PM_OK ? PM_OK : storage_failed(s, st);
}

/* Adds count to today's counter of (kind, op), making it on first use. */
static pm_status count_undisclosed(pm_session *s, pm_audit_op op, unsigned int kind,
                                   int64_t count)
{
    pm_value key[3] = { pm_value__date(pm_api__today(s->db)), pm_value__int(kind),
                        pm_value__int(op) };
    counter c;
    pm_status st = find_counter(&c, s, key);
    if (st != PM_OK)
        return st;
    pm_storage *storage = s->db->storage;
    if (!c.found) {
        pm_value v[PM_AUDU_NFIELDS] = { key[0], key[1], key[2], pm_value__int(count) };
        st = storage->insert(storage, PM_KIND_AUDIT_UNDISCLOSED, v, &c.row);
        if (st == PM_OK)
            return PM_OK;
        /* Another connection made the day's counter since the scan: add to
         * theirs. Anything else is a failure of its own. */
        if (st != PM_ECONFLICT)
            return storage_failed(s, st);
        st = find_counter(&c, s, key);
        if (st == PM_OK && !c.found)
            st = pm_error__set(&s->error, PM_ECONFLICT,
                               "audit_undisclosed: the day's counter conflicts but cannot be read");
        if (st != PM_OK)
            return st;
    }
    return set_count(s, c.row, c.count + count);
}

/* ---- recording ---- */

pm_status pm_audit__record(pm_session *s, pm_audit_op op, unsigned int kind, pm_id record,
                           int64_t count)
{
    if (s->audit_quiet > 0)
        return PM_OK;
    if (s->audit_undisclosed > 0)
        return count_undisclosed(s, op, kind, count);
    return write_entry(s, op, kind, record, count);
}
