/* The api layer's path to storage: every backend call goes through here so a
 * failure becomes a session error ("storage: ...") and every public write
 * is one transaction (a savepoint inside a caller's pm_session_begin()). */
#include "internal.h"

#include <string.h>
#include <time.h>

#include "audit_buffer.h"
#include "audit_hooks.h"
#include "org_cache.h"

pm_time pm_api__now(const pm_db *db)
{
    return db->clock ? db->clock(db->clock_payload) : (pm_time)time(NULL);
}

pm_date pm_api__today(const pm_db *db)
{
    return pm_time_date(pm_api__now(db));
}

pm_date pm_api__date_or_today(const pm_db *db, pm_date date)
{
    return date == PM_DATE_NONE ? pm_api__today(db) : date;
}

static pm_status storage_failed(pm_session *s, pm_status st)
{
    pm_storage *storage = s->db->storage;
    return pm_error__set(&s->error, st, "storage: %s", storage->errmsg(storage));
}

pm_status pm_api__begin(pm_session *s)
{
    s->unguarded = 0;
    if (s->db->flags & PM_DB_READONLY)
        return pm_error__set(&s->error, PM_EREADONLY, "store: opened read-only");
    pm_status st = pm_audit_buffer__level_opens(s);
    if (st != PM_OK)
        return st;
    pm_storage *storage = s->db->storage;
    st = storage->begin(storage);
    if (st == PM_OK)
        return PM_OK;
    pm_audit_buffer__level_closes(s->db, 0);
    return storage_failed(s, st);
}

pm_status pm_api__commit(pm_session *s)
{
    pm_storage *storage = s->db->storage;
    pm_status st = storage->commit(storage);
    pm_audit_buffer__level_closes(s->db, st == PM_OK);
    if (st == PM_OK)
        return PM_OK;
    storage_failed(s, st);
    storage->rollback(storage);
    return st;
}

void pm_api__rollback(pm_session *s)
{
    pm_storage *storage = s->db->storage;
    pm_org_cache__clear(s->db); /* answers read after what is undone */
    pm_audit_buffer__level_closes(s->db, 0); /* its entries go with its writes */
    storage->rollback(storage);
}

pm_status pm_api__finish(pm_session *s, pm_status status)
{
    if (status != PM_OK) {
        pm_api__rollback(s);
        return status;
    }
    return pm_api__commit(s);
}

/* 1 when a pm_session_begin() group holds the storage's transaction open:
 * a one-write call then joins it without a savepoint. */
static int in_group(const pm_session *s)
{
    return s->in_transaction || s->db->groups > 0;
}

pm_status pm_api__begin_one(pm_session *s)
{
    return pm_api__begin_few(s, 1);
}

pm_status pm_api__begin_few(pm_session *s, unsigned int writes)
{
    if (!in_group(s))
        return pm_api__begin(s);
    if (s->db->flags & PM_DB_READONLY)
        return pm_error__set(&s->error, PM_EREADONLY, "store: opened read-only");
    pm_status st = pm_audit_buffer__flush_if_full(s);
    if (st == PM_OK)
        st = pm_audit_buffer__reserve(s, writes);
    if (st != PM_OK)
        return st;
    s->unguarded = 1;
    s->call_entries = s->db->audit_buffer.count;
    return PM_OK;
}

pm_status pm_api__finish_one(pm_session *s, pm_status status)
{
    s->unguarded = 0;
    /* Inside a group no savepoint was opened, so there is nothing to close
     * or undo: a failed write changed nothing (storage contract), and the
     * call took back its earlier writes itself; what is left are their
     * entries. No group opens or closes during a call, so this is the
     * answer begin_few had. */
    if (in_group(s)) {
        if (status != PM_OK)
            pm_audit_buffer__forget_after(s->db, s->call_entries);
        return status;
    }
    return pm_api__finish(s, status);
}

/* A write of a call without a savepoint is left behind with no way to take
 * it back: the group's transaction is rolled back whole rather than left
 * to commit it, and says so; what the group does next fails until it
 * ends. */
static pm_status transaction_lost(pm_session *s, pm_status st)
{
    pm_storage *storage = s->db->storage;
    s->unguarded = 0; /* nothing is left to take back */
    pm_org_cache__clear(s->db);
    pm_audit_buffer__level_closes(s->db, 0);
    storage->rollback(storage);
    char message[PM_ERRMSG_MAX];
    strcpy(message, s->error.message);
    return pm_error__set(&s->error, st,
                         "%s (the write could not be taken back: the transaction was rolled back)",
                         message);
}

/* Every write is audited once it succeeded, in the caller's transaction,
 * so a write and its entry commit or roll back together. One case needs
 * more: a call inside a group opens no savepoint (pm_api__begin_few) and
 * relies on a failed write leaving nothing behind. Its entries have room
 * made for them, but an undisclosed one is a counter in storage, whose
 * write may fail: then an insert is taken back by hand; a change or a
 * removal cannot be, nor an insert whose removal fails too. */
static pm_status entry_failed(pm_session *s, unsigned int kind, pm_id inserted, pm_status st)
{
    if (!s->unguarded)
        return st; /* the call's own savepoint or transaction undoes the write */
    pm_storage *storage = s->db->storage;
    if (inserted != 0 && storage->remove(storage, kind, inserted) == PM_OK)
        return st;
    return transaction_lost(s, st);
}

pm_status pm_api__take_back_insert(pm_session *s, pm_status failure, unsigned int kind, pm_id id)
{
    if (!s->unguarded)
        return failure;
    pm_storage *storage = s->db->storage;
    pm_org_cache__written(s->db, kind);
    return storage->remove(storage, kind, id) == PM_OK ? failure : transaction_lost(s, failure);
}

pm_status pm_api__take_back_update(pm_session *s, pm_status failure, unsigned int kind, pm_id id,
                                   const pm_value *old, uint64_t fields)
{
    if (!s->unguarded)
        return failure;
    pm_storage *storage = s->db->storage;
    pm_org_cache__written(s->db, kind);
    return storage->update(storage, kind, id, old, fields) == PM_OK
        ? failure : transaction_lost(s, failure);
}

pm_status pm_api__insert(pm_session *s, unsigned int kind, const pm_value *values, pm_id *id)
{
    pm_storage *storage = s->db->storage;
    pm_org_cache__written(s->db, kind);
    pm_status st = storage->insert(storage, kind, values, id);
    if (st != PM_OK)
        return storage_failed(s, st);
    if (pm_audit__is_audited(kind))
        st = pm_audit__record(s, PM_AUDIT_CREATE, kind, *id, 1);
    return st == PM_OK ? PM_OK : entry_failed(s, kind, *id, st);
}

pm_status pm_api__update(pm_session *s, unsigned int kind, pm_id id, const pm_value *values)
{
    return pm_api__update_fields(s, kind, id, values, PM_UPDATE_ALL_FIELDS);
}

pm_status pm_api__update_fields(pm_session *s, unsigned int kind, pm_id id,
                                const pm_value *values, uint64_t fields)
{
    pm_storage *storage = s->db->storage;
    pm_status st = pm_api__check_frozen(s, kind, id, values, fields);
    if (st != PM_OK)
        return st;
    pm_org_cache__written(s->db, kind);
    st = storage->update(storage, kind, id, values, fields);
    if (st != PM_OK)
        return storage_failed(s, st);
    /* A mask with no field wrote nothing: there is nothing to record. */
    if (fields != 0 && pm_audit__is_audited(kind))
        st = pm_audit__record(s, PM_AUDIT_UPDATE, kind, id, 1);
    return st == PM_OK ? PM_OK : entry_failed(s, kind, 0, st);
}

pm_status pm_api__remove(pm_session *s, unsigned int kind, pm_id id)
{
    pm_storage *storage = s->db->storage;
    pm_org_cache__written(s->db, kind);
    pm_status st = storage->remove(storage, kind, id);
    if (st != PM_OK)
        return storage_failed(s, st);
    if (pm_audit__is_audited(kind))
        st = pm_audit__record(s, PM_AUDIT_REMOVE, kind, id, 1);
    return st == PM_OK ? PM_OK : entry_failed(s, kind, 0, st);
}

/* The trail is read whole: the entries waiting for their batch go first. */
static pm_status flush_before_reading(pm_session *s, unsigned int kind)
{
    return kind == PM_KIND_AUDIT ? pm_audit_buffer__flush(s) : PM_OK;
}

pm_status pm_api__get(pm_session *s, unsigned int kind, pm_id id,
                      pm_storage_row_cb cb, void *payload)
{
    pm_status st = flush_before_reading(s, kind);
    if (st != PM_OK)
        return st;
    pm_storage *storage = s->db->storage;
    st = storage->get(storage, kind, id, cb, payload);
    if (st == PM_OK || st == PM_ENOTFOUND)
        return st; /* callers name what was not found */
    /* A callback's own error (out of memory) is already the right status. */
    return s->error.status != PM_OK ? st : storage_failed(s, st);
}

pm_status pm_api__scan(pm_session *s, const pm_scan *scan,
                       pm_storage_row_cb cb, void *payload)
{
    pm_status st = flush_before_reading(s, scan->kind);
    if (st != PM_OK)
        return st;
    pm_storage *storage = s->db->storage;
    st = storage->scan(storage, scan, cb, payload);
    if (st == PM_OK)
        return PM_OK;
    return s->error.status != PM_OK ? st : storage_failed(s, st);
}

pm_status pm_api__scan_batch(pm_session *s, const pm_scan_item *items, size_t count)
{
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < count; i++)
        st = flush_before_reading(s, items[i].scan->kind);
    if (st != PM_OK || count == 0)
        return st;
    pm_storage *storage = s->db->storage;
    /* One scan alone keeps scan()'s ways: a server cancels the rest of a
     * scan its callback stopped, where a batch must read it. */
    if (count == 1 || storage->version < 3 || storage->scan_batch == NULL) {
        for (size_t i = 0; st == PM_OK && i < count; i++)
            st = pm_api__scan(s, items[i].scan, items[i].cb, items[i].payload);
        return st;
    }
    st = storage->scan_batch(storage, items, count);
    if (st == PM_OK)
        return PM_OK;
    return s->error.status != PM_OK ? st : storage_failed(s, st);
}

/* Scans a backend without merges is handed per batch. */
#define MERGED_SCANS 64

int pm_api__merges(const pm_session *s)
{
    const pm_storage *storage = s->db->storage;
    return storage->version >= 5 && storage->scan_merged != NULL;
}

pm_status pm_api__scan_merged(pm_session *s, const pm_scan_merge *merges, size_t count)
{
    pm_status st = PM_OK;
    for (size_t i = 0; i < count; i++)
        for (unsigned int j = 0; st == PM_OK && j < merges[i].count; j++)
            st = flush_before_reading(s, merges[i].scans[j].kind);
    if (st != PM_OK || count == 0)
        return st;
    pm_storage *storage = s->db->storage;
    if (pm_api__merges(s)) {
        st = storage->scan_merged(storage, merges, count);
        if (st == PM_OK)
            return PM_OK;
        return s->error.status != PM_OK ? st : storage_failed(s, st);
    }
    pm_scan_item items[MERGED_SCANS];
    size_t n = 0;
    for (size_t i = 0; st == PM_OK && i < count; i++)
        for (unsigned int j = 0; st == PM_OK && j < merges[i].count; j++) {
            items[n++] = (pm_scan_item){ &merges[i].scans[j], merges[i].cb, merges[i].payload };
            if (n == MERGED_SCANS) {
                st = pm_api__scan_batch(s, items, n);
                n = 0;
            }
        }
    return st == PM_OK && n > 0 ? pm_api__scan_batch(s, items, n) : st;
}

void pm_api__audit_create(pm_session *s, pm_value *values, unsigned int first)
{
    pm_time now = pm_api__now(s->db);
    values[first] = pm_value__int(now);
    values[first + 1] = pm_value__int(s->actor.person);
    values[first + 2] = pm_value__int(now);
    values[first + 3] = pm_value__int(s->actor.person);
}

void pm_api__audit_update(pm_session *s, pm_value *values, unsigned int first)
{
    values[first + 2] = pm_value__int(pm_api__now(s->db));
    values[first + 3] = pm_value__int(s->actor.person);
}

pm_value pm_value__null(void)
{
    pm_value v;
    v.type = PM_VALUE_NULL;
    v.v.i = 0;
    return v;
}

pm_value pm_value__int(int64_t i)
{
    pm_value v;
    v.type = PM_VALUE_INT;
    v.v.i = i;
    return v;
}

pm_value pm_value__real(double r)
{
    pm_value v;
    v.type = PM_VALUE_REAL;
    v.v.r = r;
    return v;
}

pm_value pm_value__text(const char *text, size_t len)
{
    if (text == NULL)
        return pm_value__null();
    pm_value v;
    v.type = PM_VALUE_TEXT;
    v.v.b.data = text;
    v.v.b.len = len;
    return v;
}

pm_value pm_value__date(pm_date date)
{
    return date == PM_DATE_NONE ? pm_value__null() : pm_value__int(date);
}

int64_t pm_value__as_int(const pm_value *v)
{
    return v->type == PM_VALUE_INT ? v->v.i : 0;
}

double pm_value__as_real(const pm_value *v)
{
    if (v->type == PM_VALUE_REAL)
        return v->v.r;
    return v->type == PM_VALUE_INT ? (double)v->v.i : 0.0;
}

pm_date pm_value__as_date(const pm_value *v)
{
    return v->type == PM_VALUE_INT ? (pm_date)v->v.i : PM_DATE_NONE;
}

char *pm_value__text_copy(const pm_value *v)
{
    if (v->type != PM_VALUE_TEXT)
        return pm__strdup("");
    return pm__strndup(v->v.b.data, v->v.b.len);
}

int pm_api__compare_ids(const void *a, const void *b)
{
    pm_id x = *(const pm_id *)a, y = *(const pm_id *)b;
    return (x > y) - (x < y);
}

pm_status pm_api__check_row(pm_session *s, const pm_row *row, unsigned int nfields,
                            const char *what)
{
    if (row->nvalues >= nfields)
        return PM_OK;
    return pm_error__set(&s->error, PM_ECORRUPT, "%s: stored row %lld has %u fields, expected %u",
                         what, (long long)row->id, row->nvalues, nfields);
}

const char *pm_api__format_date(char buf[PM_DATE_BUFSIZE], pm_date date)
{
    if (pm_date_format(buf, date) != PM_OK)
        strcpy(buf, "?");
    return buf;
}

pm_status pm_api__check_not_future(pm_session *s, pm_date day, const char *field)
{
    pm_date today = pm_api__today(s->db);
    if (day <= today)
        return PM_OK;
    char on[PM_DATE_BUFSIZE], now[PM_DATE_BUFSIZE];
    pm_api__format_date(on, day);
    pm_api__format_date(now, today);
    return pm_error__set(&s->error, PM_EINVAL, "%s: %s is in the future (today is %s)", field,
                         on, now);
}
