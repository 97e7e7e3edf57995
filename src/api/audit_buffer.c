/* The audit entries of a pm_session_begin() group wait in memory and go to
 * storage a batch at a time: SQLite writes a batch with one statement per
 * 64 rows (pm_storage::insert_many), where one INSERT per entry cost about
 * as much as the write it recorded.
 *
 * What keeps a batch in step with the writes it records: each transaction
 * level (the group's, a call's savepoint) marks where its entries start.
 *   - A level's rollback forgets the entries after its mark, as storage
 *     forgets its writes; its commit leaves them to the level around it.
 *   - Entries are written only when they all belong to the innermost
 *     level (its mark is 0), so that a rollback never takes away the
 *     entries of a level around it: at the group's last commit, before a
 *     group nested in it opens, and once a batch is full between calls.
 *   - The trail is read whole: a read flushes first.
 * Outside a group every call is its own transaction and writes its entries
 * straight away (audit.c). */
#include "audit_buffer.h"

#include <string.h>

/* Entries in a batch, and the first capacity of the buffer. */
#define BATCH_ENTRIES 256

pm_status pm_audit_buffer__reserve(pm_session *s, size_t entries)
{
    pm_audit_buffer *b = &s->db->audit_buffer;
    if (b->cap - b->count >= entries)
        return PM_OK;
    size_t cap = b->cap ? b->cap : BATCH_ENTRIES;
    while (cap - b->count < entries)
        cap *= 2;
    pm_value *rows = pm__realloc(b->rows, cap * PM_AUDIT_NFIELDS * sizeof *rows);
    if (rows == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "audit_entry: out of memory");
    b->rows = rows;
    b->cap = cap;
    return PM_OK;
}

pm_status pm_audit_buffer__add(pm_session *s, const pm_value *entry)
{
    pm_status st = pm_audit_buffer__reserve(s, 1);
    if (st != PM_OK)
        return st;
    pm_audit_buffer *b = &s->db->audit_buffer;
    memcpy(&b->rows[b->count * PM_AUDIT_NFIELDS], entry, PM_AUDIT_NFIELDS * sizeof *entry);
    b->count++;
    return PM_OK;
}

void pm_audit_buffer__forget_after(pm_db *db, size_t count)
{
    if (db->audit_buffer.count > count)
        db->audit_buffer.count = count;
}

static pm_status insert_rows(pm_storage *storage, const pm_value *rows, size_t count)
{
    if (storage->version >= 2 && storage->insert_many != NULL)
        return storage->insert_many(storage, PM_KIND_AUDIT, rows, count);
    for (size_t i = 0; i < count; i++) {
        pm_id id = 0;
        pm_status st = storage->insert(storage, PM_KIND_AUDIT, &rows[i * PM_AUDIT_NFIELDS], &id);
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}

/* 1 when every waiting entry belongs to the innermost level. */
static int writable(const pm_audit_buffer *b)
{
    return b->nmarks == 0 || b->marks[b->nmarks - 1] == 0;
}

pm_status pm_audit_buffer__flush(pm_session *s)
{
    pm_audit_buffer *b = &s->db->audit_buffer;
    if (b->count == 0)
        return PM_OK;
    if (!writable(b))
        return pm_error__set(&s->error, PM_EMISUSE,
                             "audit_entry: %zu entries of an outer transaction level are not"
                             " written yet", b->marks[b->nmarks - 1]);
    pm_storage *storage = s->db->storage;
    pm_status st = storage->begin(storage);
    if (st != PM_OK)
        return pm_error__set(&s->error, st, "storage: %s (writing the audit trail)",
                             storage->errmsg(storage));
    st = insert_rows(storage, b->rows, b->count);
    if (st == PM_OK)
        st = storage->commit(storage);
    if (st != PM_OK) {
        pm_error__set(&s->error, st, "storage: %s (writing the audit trail)",
                      storage->errmsg(storage));
        storage->rollback(storage);
        return st;
    }
    b->count = 0;
    return PM_OK;
}

pm_status pm_audit_buffer__flush_if_full(pm_session *s)
{
    const pm_audit_buffer *b = &s->db->audit_buffer;
    return b->count >= BATCH_ENTRIES && writable(b) ? pm_audit_buffer__flush(s) : PM_OK;
}

pm_status pm_audit_buffer__level_opens(pm_session *s)
{
    pm_audit_buffer *b = &s->db->audit_buffer;
    if (b->nmarks == b->marks_cap) {
        unsigned int cap = b->marks_cap ? b->marks_cap * 2 : 8;
        size_t *marks = pm__realloc(b->marks, cap * sizeof *marks);
        if (marks == NULL)
            return pm_error__set(&s->error, PM_ENOMEM, "transaction: out of memory");
        b->marks = marks;
        b->marks_cap = cap;
    }
    b->marks[b->nmarks++] = b->count;
    return PM_OK;
}

void pm_audit_buffer__level_closes(pm_db *db, int kept)
{
    pm_audit_buffer *b = &db->audit_buffer;
    if (b->nmarks == 0)
        return; /* already closed by a rollback of the whole transaction */
    size_t mark = b->marks[--b->nmarks];
    if (!kept)
        b->count = mark;
}

void pm_audit_buffer__free(pm_db *db)
{
    pm__free(db->audit_buffer.rows);
    pm__free(db->audit_buffer.marks);
    memset(&db->audit_buffer, 0, sizeof db->audit_buffer);
}
