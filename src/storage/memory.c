/* The in-memory storage backend.
 *
 * Data structures, and why:
 * - A row is one allocation: its header, its values, its node in every
 *   ordered list and the bytes of its text and blob values. An insert
 *   therefore either gets all its memory at once or changes nothing, and
 *   linking a row into the lists never allocates, which is what lets a
 *   rollback restore rows without any chance of running out of memory.
 * - An update writes only the fields its mask names: it builds one new
 *   values block (the row's values with the masked ones replaced, and their
 *   bytes), again all its memory at once, and swaps it in. The row's header
 *   and nodes stay, so the id table is untouched and the row keeps its
 *   place in every list whose index covers no masked field, or whose key
 *   compares equal after the write; only the other lists relink it. A
 *   rollback swaps the old block back the same way, without allocating.
 * - Each kind keeps one skip list per index, ordered by (index fields, id),
 *   and one ordered by id alone for PM_SCAN_BY_ID. Skip lists give O(log n)
 *   insert, delete and seek with little code, their nodes can live in the
 *   row (so linking never allocates, unlike a B-tree's splits), and a back
 *   link on the bottom level walks them in reverse for PM_SCAN_DESC. A node
 *   keeps an order-keeping 64-bit prefix of the row's first key part, so a
 *   seek mostly compares without reading the row. A node's height comes from
 *   a hash of (id, list), so the store needs no random state.
 * - Each kind keeps an open-addressing hash table from id to row (linear
 *   probing in Robin Hood order, backward-shift deletion) for O(1) get().
 * - Transactions keep an undo log of pointers (inserted row; the row, its
 *   old and new values block and the mask of an update; deleted row) and,
 *   per nesting level, the log length at its begin(). Replaced values
 *   blocks and deleted rows stay allocated until the outermost commit, so a
 *   rollback only relinks and frees. The hash table
 *   never shrinks, so relinking always finds room. Ids are not rolled back:
 *   they are never reused.
 * - Readers (get, scan) change nothing except the published error message,
 *   an atomic pointer to a fixed string or one built in prepare(), so one
 *   instance may serve several reader threads (PM_STORAGE_CAP_CONCURRENT_READ).
 * memory_index.c holds the rows, lists and id table; this file the store,
 * its transactions and the vtable.
 */
#include "perfmgmt/sys/storage.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../util/alloc.h"
#include "../util/error.h"
#include "memory_internal.h"

#define MEM_MIN_UNDO 64u
/* A larger undo log is released after the outermost commit (bulk loads). */
#define MEM_KEEP_UNDO 4096u

typedef enum mem_undo_op { UNDO_INSERT, UNDO_UPDATE, UNDO_REMOVE } mem_undo_op;

typedef struct mem_undo {
    mem_undo_op op;
    unsigned int kind;
    pm_memory_row *row;         /* inserted, updated or removed */
    pm_value *old_values;       /* UNDO_UPDATE: the block before, and after */
    pm_value *new_values;
    uint64_t fields;            /* UNDO_UPDATE: the fields written */
} mem_undo;

typedef struct mem_store {
    pm_storage base;      /* first, so a pm_storage * is a mem_store * */
    int prepared;
    unsigned int nkinds;
    pm_memory_kind *kinds;
    mem_undo *undo;
    size_t nundo, undo_cap;
    size_t *marks;        /* undo log length at each open begin() */
    size_t depth, marks_cap;
    pm_error error;       /* the writers' formatted message */
    _Atomic(const char *) message;
} mem_store;

/* Names of value types (0 to 4) and field types (1 to 6): they agree where they overlap. */
static const char *const type_names[] = { "NULL", "INT", "REAL", "TEXT", "BLOB", "DATE", "TIME" };

/* ---- errors ---- */

/* Writers run alone, so they may format into the store's buffer. */
static pm_status fail(mem_store *s, pm_status st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static pm_status fail(mem_store *s, pm_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error.message, sizeof s->error.message, fmt, ap);
    va_end(ap);
    s->error.status = st;
    atomic_store_explicit(&s->message, s->error.message, memory_order_release);
    return st;
}

/* Readers may run together: they only publish a message that never changes. */
static pm_status read_fail(mem_store *s, pm_status st, const char *message)
{
    atomic_store_explicit(&s->message, message, memory_order_release);
    return st;
}

/* ---- value typing ---- */

/* Checks the values of the fields in mask (bits past the kind's fields are clear). */
static pm_status check_values(mem_store *s, const pm_memory_kind *k, const pm_value *values,
                              uint64_t mask)
{
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (!(mask & PM_UPDATE_FIELD(i)))
            continue;
        const pm_memory_field *f = &k->fields[i];
        const pm_value *v = &values[i];
        if (v->type == PM_VALUE_NULL && (f->flags & PM_FIELD_NOT_NULL))
            return fail(s, PM_EINVAL, "%s.%s: must not be NULL", k->name, f->name);
        const char *why = pm_memory__value_misfit(f, v);
        if (why == NULL)
            continue;
        pm_value_type want = pm_memory__value_type(f->type);
        if (v->type != want && (unsigned int)v->type <= PM_VALUE_BLOB)
            return fail(s, PM_EINVAL, "%s.%s: a %s field takes %s values, not %s",
                        k->name, f->name, type_names[f->type], type_names[want],
                        type_names[v->type]);
        return fail(s, PM_EINVAL, "%s.%s: %s", k->name, f->name, why);
    }
    return PM_OK;
}

/* ---- undo log and transactions ---- */

static pm_status undo_reserve(mem_store *s)
{
    if (s->nundo < s->undo_cap)
        return PM_OK;
    size_t cap = s->undo_cap ? s->undo_cap : MEM_MIN_UNDO;
    if (s->undo_cap) {
        if (cap > SIZE_MAX / 2 / sizeof(mem_undo))
            return fail(s, PM_ENOMEM, "transaction: too many changes");
        cap *= 2;
    }
    mem_undo *undo = pm__realloc(s->undo, cap * sizeof *undo);
    if (undo == NULL)
        return fail(s, PM_ENOMEM, "transaction: out of memory for an undo log of %zu changes", cap);
    s->undo = undo;
    s->undo_cap = cap;
    return PM_OK;
}

static mem_undo *undo_push(mem_store *s, mem_undo_op op, unsigned int kind, pm_memory_row *row)
{
    mem_undo *u = &s->undo[s->nundo++];
    u->op = op;
    u->kind = kind;
    u->row = row;
    u->old_values = u->new_values = NULL;
    u->fields = 0;
    return u;
}

/* Puts back the state before one logged change. Never allocates. */
static void undo_apply(mem_store *s, const mem_undo *u)
{
    pm_memory_kind *k = &s->kinds[u->kind];
    switch (u->op) {
    case UNDO_INSERT:
        pm_memory__row_unlink(k, u->row);
        pm_memory__id_remove(k, pm_memory__id_find(k, u->row->id));
        pm_memory__row_free(k, u->row);
        break;
    case UNDO_UPDATE:
        pm_memory__row_swap_values(k, u->row, u->old_values, u->fields);
        pm__free(u->new_values); /* always a block of its own */
        break;
    case UNDO_REMOVE:
        pm_memory__row_link(k, u->row);
        pm_memory__id_put(k, u->row);
        break;
    }
}

static void rollback_level(mem_store *s)
{
    size_t mark = s->marks[--s->depth];
    while (s->nundo > mark)
        undo_apply(s, &s->undo[--s->nundo]);
}

/* The outermost commit: the replaced values and removed rows can go now.
 * A removed row's values are the ones it held last: blocks it held before
 * are freed by the updates that replaced them. */
static void undo_forget(mem_store *s)
{
    for (size_t i = 0; i < s->nundo; i++) {
        const mem_undo *u = &s->undo[i];
        const pm_memory_kind *k = &s->kinds[u->kind];
        if (u->op == UNDO_REMOVE)
            pm_memory__row_free(k, u->row);
        else if (u->op == UNDO_UPDATE && pm_memory__values_apart(k, u->row, u->old_values))
            pm__free(u->old_values);
    }
    s->nundo = 0;
    if (s->undo_cap > MEM_KEEP_UNDO) {
        pm__free(s->undo);
        s->undo = NULL;
        s->undo_cap = 0;
    }
}

static pm_status check_ready(mem_store *s, const char *op)
{
    if (!s->prepared)
        return fail(s, PM_EMISUSE, "%s: the store is not prepared (call prepare() first)", op);
    return PM_OK;
}

static pm_status mem_begin(pm_storage *storage)
{
    mem_store *s = (mem_store *)storage;
    pm_status st = check_ready(s, "begin");
    if (st != PM_OK)
        return st;
    if (s->depth == s->marks_cap) {
        size_t cap = s->marks_cap ? s->marks_cap * 2 : 8;
        size_t *marks = pm__realloc(s->marks, cap * sizeof *marks);
        if (marks == NULL)
            return fail(s, PM_ENOMEM, "begin: out of memory for savepoint %zu", s->depth + 1);
        s->marks = marks;
        s->marks_cap = cap;
    }
    s->marks[s->depth++] = s->nundo;
    return PM_OK;
}

static pm_status mem_commit(pm_storage *storage)
{
    mem_store *s = (mem_store *)storage;
    if (s->depth == 0)
        return fail(s, PM_EMISUSE, "commit: no transaction is open");
    if (--s->depth == 0)
        undo_forget(s);
    return PM_OK;
}

static pm_status mem_rollback(pm_storage *storage)
{
    mem_store *s = (mem_store *)storage;
    if (s->depth == 0)
        return fail(s, PM_EMISUSE, "rollback: no transaction is open");
    rollback_level(s);
    return PM_OK;
}

/* ---- writes ---- */

/* The kind for a write, after checking that one may write now. */
static pm_status write_kind(mem_store *s, const char *op, unsigned int kind,
                            pm_memory_kind **out)
{
    pm_status st = check_ready(s, op);
    if (st != PM_OK)
        return st;
    if (kind >= s->nkinds)
        return fail(s, PM_EINVAL, "%s: kind %u is out of range (the schema has %u kinds)",
                    op, kind, s->nkinds);
    if (s->depth == 0)
        return fail(s, PM_EMISUSE, "%s: %s outside a transaction (call begin() first)",
                    s->kinds[kind].name, op);
    *out = &s->kinds[kind];
    return PM_OK;
}

static pm_status new_row(mem_store *s, const pm_memory_kind *k, pm_id id,
                         const pm_value *values, pm_memory_row **out)
{
    size_t size;
    if (pm_memory__row_new(out, &size, k, id, values) == PM_OK)
        return PM_OK;
    return fail(s, PM_ENOMEM, "%s: out of memory for a row of %zu bytes", k->name, size);
}

static pm_status unique_conflict(mem_store *s, const pm_memory_kind *k,
                                 const pm_memory_index *ix, pm_id other)
{
    char names[PM_INDEX_MAX_FIELDS * 64];
    size_t used = 0;
    names[0] = '\0';
    for (unsigned int c = 0; c < ix->nfields && used < sizeof names; c++) {
        int n = snprintf(names + used, sizeof names - used, "%s%s", c ? ", " : "",
                         k->fields[ix->fields[c]].name);
        if (n < 0)
            break;
        used += (size_t)n;
    }
    return fail(s, PM_ECONFLICT,
                "%s: record %lld already has these values of (%s) in unique index %s",
                k->name, (long long)other, names, ix->name);
}

/* Refuses values that a unique index covering one of fields already holds
 * in a row other than self (an index covering none keeps what it held). */
static pm_status check_unique(mem_store *s, const pm_memory_kind *k, const pm_value *values,
                              pm_id self, uint64_t fields)
{
    for (unsigned int i = 0; i < k->nindexes; i++) {
        const pm_memory_index *ix = &k->indexes[i];
        if (!(ix->flags & PM_INDEX_UNIQUE) || !(ix->mask & fields))
            continue;
        pm_value key[PM_INDEX_MAX_FIELDS];
        int has_null = 0;
        for (unsigned int c = 0; c < ix->nfields; c++) {
            key[c] = values[ix->fields[c]];
            has_null |= key[c].type == PM_VALUE_NULL;
        }
        if (has_null)
            continue;
        const pm_memory_list *l = &k->lists[1 + i];
        pm_memory_key search;
        pm_memory__key_init(&search, key, ix->nfields);
        for (pm_memory_node *n = pm_memory__list_seek(l, &search, 0)->next[0];
             n != NULL && pm_memory__cmp_node(l, n, &search) == 0; n = n->next[0]) {
            if (n->row->id != self)
                return unique_conflict(s, k, ix, n->row->id);
        }
    }
    return PM_OK;
}

static pm_status mem_insert(pm_storage *storage, unsigned int kind, const pm_value *values,
                            pm_id *id)
{
    mem_store *s = (mem_store *)storage;
    pm_memory_kind *k = NULL; /* set by write_kind(); NULL quiets -O3 flow analysis */
    pm_status st = write_kind(s, "insert", kind, &k);
    if (st != PM_OK)
        return st;
    if (values == NULL && k->nfields > 0)
        return fail(s, PM_EINVAL, "insert into %s: values must not be NULL", k->name);
    if (k->last_id == INT64_MAX)
        return fail(s, PM_ERANGE, "insert into %s: every id has been used", k->name);
    if ((st = check_values(s, k, values, k->all_fields)) != PM_OK ||
        (st = check_unique(s, k, values, 0, k->all_fields)) != PM_OK)
        return st;

    pm_memory_row *row;
    if ((st = new_row(s, k, k->last_id + 1, values, &row)) != PM_OK)
        return st;
    if (pm_memory__id_reserve(k, k->nrows + 1) != PM_OK) {
        pm__free(row);
        return fail(s, PM_ENOMEM, "insert into %s: out of memory for the id table", k->name);
    }
    if ((st = undo_reserve(s)) != PM_OK) {
        pm__free(row);
        return st;
    }
    k->last_id = row->id;
    pm_memory__row_link(k, row);
    pm_memory__id_put(k, row);
    undo_push(s, UNDO_INSERT, kind, row);
    if (id != NULL)
        *id = row->id;
    return PM_OK;
}

static pm_status mem_update(pm_storage *storage, unsigned int kind, pm_id id,
                            const pm_value *values, uint64_t fields)
{
    mem_store *s = (mem_store *)storage;
    pm_memory_kind *k = NULL; /* set by write_kind(); NULL quiets -O3 flow analysis */
    pm_status st = write_kind(s, "update", kind, &k);
    if (st != PM_OK)
        return st;
    uint64_t mask = fields & k->all_fields;
    if (values == NULL && mask != 0)
        return fail(s, PM_EINVAL, "update of %s: values must not be NULL", k->name);
    if ((st = check_values(s, k, values, mask)) != PM_OK)
        return st;
    pm_memory_row **slot = pm_memory__id_find(k, id);
    if (slot == NULL)
        return fail(s, PM_ENOTFOUND, "%s: no record with id %lld to update", k->name,
                    (long long)id);
    if (mask == 0)
        return PM_OK;

    /* The row as it will be: the masked values over the current ones. */
    pm_memory_row *row = *slot;
    pm_value merged[PM_KIND_MAX_FIELDS];
    for (unsigned int i = 0; i < k->nfields; i++)
        merged[i] = (mask & PM_UPDATE_FIELD(i)) ? values[i] : row->values[i];
    if ((st = check_unique(s, k, merged, id, mask)) != PM_OK)
        return st;

    pm_value *block;
    size_t size;
    if (pm_memory__values_new(&block, &size, k, merged) != PM_OK)
        return fail(s, PM_ENOMEM, "%s: out of memory for a row of %zu bytes", k->name, size);
    if ((st = undo_reserve(s)) != PM_OK) {
        pm__free(block);
        return st;
    }
    mem_undo *u = undo_push(s, UNDO_UPDATE, kind, row);
    u->old_values = row->values;
    u->new_values = block;
    u->fields = mask;
    pm_memory__row_swap_values(k, row, block, mask);
    return PM_OK;
}

static pm_status mem_remove(pm_storage *storage, unsigned int kind, pm_id id)
{
    mem_store *s = (mem_store *)storage;
    pm_memory_kind *k = NULL; /* set by write_kind(); NULL quiets -O3 flow analysis */
    pm_status st = write_kind(s, "remove", kind, &k);
    if (st != PM_OK)
        return st;
    pm_memory_row **slot = pm_memory__id_find(k, id);
    if (slot == NULL)
        return fail(s, PM_ENOTFOUND, "%s: no record with id %lld to remove", k->name,
                    (long long)id);
    if ((st = undo_reserve(s)) != PM_OK)
        return st;
    pm_memory_row *old = *slot;
    pm_memory__row_unlink(k, old);
    pm_memory__id_remove(k, slot);
    undo_push(s, UNDO_REMOVE, kind, old);
    return PM_OK;
}

/* ---- reads: no changes but the published message (see the top) ---- */

/* Hands one row to cb: 0 to go on, 1 when cb asked to stop, or cb's error. */
static int emit(mem_store *s, const pm_memory_kind *k, const pm_memory_row *r,
                pm_storage_row_cb cb, void *payload, const char *stopped)
{
    pm_row row = { r->id, k->nfields, r->values };
    int rc = cb(&row, payload);
    if (rc < 0)
        return read_fail(s, (pm_status)rc, stopped);
    return rc > 0;
}

static pm_status mem_get(pm_storage *storage, unsigned int kind, pm_id id, pm_storage_row_cb cb,
                         void *payload)
{
    mem_store *s = (mem_store *)storage;
    if (!s->prepared)
        return read_fail(s, PM_EMISUSE, "get: the store is not prepared (call prepare() first)");
    if (kind >= s->nkinds)
        return read_fail(s, PM_EINVAL, "get: the kind is out of range of the schema");
    if (cb == NULL)
        return read_fail(s, PM_EINVAL, "get: cb must not be NULL");
    const pm_memory_kind *k = &s->kinds[kind];
    pm_memory_row **slot = pm_memory__id_find(k, id);
    if (slot == NULL)
        return read_fail(s, PM_ENOTFOUND, k->not_found);
    int rc = emit(s, k, *slot, cb, payload, "get: the row callback failed");
    return rc < 0 ? (pm_status)rc : PM_OK;
}

/* The list a scan walks, after checking the scan against it. */
static pm_status scan_list(mem_store *s, const pm_scan *scan, const pm_memory_list **out)
{
    if (!s->prepared)
        return read_fail(s, PM_EMISUSE, "scan: the store is not prepared (call prepare() first)");
    if (scan->kind >= s->nkinds)
        return read_fail(s, PM_EINVAL, "scan.kind: out of range of the schema");
    const pm_memory_kind *k = &s->kinds[scan->kind];
    if (scan->index != PM_SCAN_BY_ID && scan->index >= k->nindexes)
        return read_fail(s, PM_EINVAL, "scan.index: out of range of the kind's indexes");
    /* PM_SCAN_INDEX_ONLY and PM_SCAN_NO_ID ask for less than a row: every
     * row is at hand here, id and all. */
    if (scan->flags & ~(PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE | PM_SCAN_DESC
                        | PM_SCAN_INDEX_ONLY | PM_SCAN_NO_ID))
        return read_fail(s, PM_EINVAL, "scan.flags: holds an unknown flag");
    const pm_memory_list *l = &k->lists[scan->index == PM_SCAN_BY_ID ? 0 : 1 + scan->index];
    if (scan->index == PM_SCAN_BY_ID && scan->neq != 0)
        return read_fail(s, PM_EINVAL, "scan.neq: must be 0 for PM_SCAN_BY_ID");
    if (scan->neq > l->nfields)
        return read_fail(s, PM_EINVAL, "scan.neq: more than the index's fields");
    if (scan->neq > 0 && scan->eq == NULL)
        return read_fail(s, PM_EINVAL, "scan.eq: must not be NULL when neq > 0");
    for (unsigned int c = 0; c < scan->neq; c++)
        if (pm_memory__value_misfit(&k->fields[l->fields[c]], &scan->eq[c]) != NULL)
            return read_fail(s, PM_EINVAL, "scan.eq: a value does not fit its field");
    /* After the equality prefix the next key part is a field or, past the
     * index's fields (always for PM_SCAN_BY_ID), the id. */
    const pm_value *bounds[2] = { scan->lo, scan->hi };
    for (int b = 0; b < 2; b++) {
        const pm_value *v = bounds[b];
        if (v == NULL)
            continue;
        int misfit = scan->neq < l->nfields
                         ? pm_memory__value_misfit(&k->fields[l->fields[scan->neq]], v) != NULL
                         : v->type != PM_VALUE_INT && v->type != PM_VALUE_NULL;
        if (misfit)
            return read_fail(s, PM_EINVAL, b == 0 ? "scan.lo: does not fit the bounded key"
                                                  : "scan.hi: does not fit the bounded key");
    }
    *out = l;
    return PM_OK;
}

static pm_status mem_scan(pm_storage *storage, const pm_scan *scan, pm_storage_row_cb cb,
                          void *payload)
{
    mem_store *s = (mem_store *)storage;
    if (scan == NULL || cb == NULL)
        return read_fail(s, PM_EINVAL,
                         scan ? "scan: cb must not be NULL" : "scan: must not be NULL");
    const pm_memory_list *l;
    pm_status st = scan_list(s, scan, &l);
    if (st != PM_OK)
        return st;
    const pm_memory_kind *k = &s->kinds[scan->kind];

    /* Lower and upper keys: the equality prefix, then the bound if any. */
    pm_value lo_values[PM_INDEX_MAX_FIELDS + 1], hi_values[PM_INDEX_MAX_FIELDS + 1];
    unsigned int nlo = scan->neq, nhi = scan->neq;
    for (unsigned int c = 0; c < scan->neq; c++)
        lo_values[c] = hi_values[c] = scan->eq[c];
    if (scan->lo != NULL)
        lo_values[nlo++] = *scan->lo;
    if (scan->hi != NULL)
        hi_values[nhi++] = *scan->hi;
    pm_memory_key lower, upper;
    pm_memory__key_init(&lower, lo_values, nlo);
    pm_memory__key_init(&upper, hi_values, nhi);
    /* A row is before the range when its key compares below t_lo with the
     * lower key, and within reach of the upper end below t_hi. */
    int t_lo = scan->lo != NULL && (scan->flags & PM_SCAN_LO_EXCLUSIVE) ? 1 : 0;
    int t_hi = scan->hi != NULL && (scan->flags & PM_SCAN_HI_EXCLUSIVE) ? 0 : 1;
    const char *stopped = "scan: the row callback failed";
    uint64_t count = 0;

    if (!(scan->flags & PM_SCAN_DESC)) {
        for (pm_memory_node *n = pm_memory__list_seek(l, &lower, t_lo)->next[0];
             n != NULL && pm_memory__cmp_node(l, n, &upper) < t_hi; n = n->next[0]) {
            int rc = emit(s, k, n->row, cb, payload, stopped);
            if (rc != 0)
                return rc < 0 ? (pm_status)rc : PM_OK;
            if (++count == scan->limit)
                break;
        }
        return PM_OK;
    }
    pm_memory_node *last = pm_memory__list_seek(l, &upper, t_hi);
    for (pm_memory_node *n = last == l->head ? NULL : last;
         n != NULL && pm_memory__cmp_node(l, n, &lower) >= t_lo; n = n->prev) {
        int rc = emit(s, k, n->row, cb, payload, stopped);
        if (rc != 0)
            return rc < 0 ? (pm_status)rc : PM_OK;
        if (++count == scan->limit)
            break;
    }
    return PM_OK;
}

/* ---- schema ---- */

static pm_status check_kind(mem_store *s, const pm_kind_def *kd, unsigned int pos)
{
    if (kd->name == NULL || kd->name[0] == '\0')
        return fail(s, PM_EINVAL, "schema.kinds[%u].name: must not be empty", pos);
    if (kd->nfields > 0 && kd->fields == NULL)
        return fail(s, PM_EINVAL, "%s.fields: must not be NULL for %u fields",
                    kd->name, kd->nfields);
    if (kd->nindexes > 0 && kd->indexes == NULL)
        return fail(s, PM_EINVAL, "%s.indexes: must not be NULL for %u indexes",
                    kd->name, kd->nindexes);
    if (kd->nfields > PM_KIND_MAX_FIELDS)
        return fail(s, PM_EINVAL, "%s: has %u fields (at most %d allowed)",
                    kd->name, kd->nfields, PM_KIND_MAX_FIELDS);
    for (unsigned int i = 0; i < kd->nfields; i++) {
        const pm_field_def *f = &kd->fields[i];
        if (f->name == NULL || f->name[0] == '\0')
            return fail(s, PM_EINVAL, "%s.fields[%u].name: must not be empty", kd->name, i);
        if (f->type < PM_FIELD_INT || f->type > PM_FIELD_TIME)
            return fail(s, PM_EINVAL, "%s.%s: unknown field type %d",
                        kd->name, f->name, (int)f->type);
    }
    for (unsigned int i = 0; i < kd->nindexes; i++) {
        const pm_index_def *ix = &kd->indexes[i];
        if (ix->name == NULL || ix->name[0] == '\0')
            return fail(s, PM_EINVAL, "%s.indexes[%u].name: must not be empty", kd->name, i);
        if (ix->nfields < 1 || ix->nfields > PM_INDEX_MAX_FIELDS)
            return fail(s, PM_EINVAL, "%s.%s: covers %u fields (1 to %d allowed)",
                        kd->name, ix->name, ix->nfields, PM_INDEX_MAX_FIELDS);
        for (unsigned int c = 0; c < ix->nfields; c++)
            if (ix->fields[c] >= kd->nfields)
                return fail(s, PM_EINVAL,
                            "%s.%s: field position %u is out of range (%u fields)",
                            kd->name, ix->name, ix->fields[c], kd->nfields);
    }
    return PM_OK;
}

static void kind_free(pm_memory_kind *k)
{
    if (k->fields != NULL)
        for (unsigned int i = 0; i < k->nfields; i++)
            pm__free(k->fields[i].name);
    if (k->indexes != NULL)
        for (unsigned int i = 0; i < k->nindexes; i++)
            pm__free(k->indexes[i].name);
    if (k->lists != NULL)
        for (unsigned int l = 0; l <= k->nindexes; l++)
            pm__free(k->lists[l].head);
    pm__free(k->name);
    pm__free(k->not_found);
    pm__free(k->fields);
    pm__free(k->indexes);
    pm__free(k->lists);
    pm__free(k->slots);
}

/* Copies what the store needs of a kind: the caller's schema may not outlive it. */
static int kind_copy(pm_memory_kind *k, const pm_kind_def *kd)
{
    k->nfields = kd->nfields;
    k->nindexes = kd->nindexes;
    k->all_fields = kd->nfields >= 64 ? PM_UPDATE_ALL_FIELDS
                                      : PM_UPDATE_FIELD(kd->nfields) - 1;
    k->name = pm__strdup(kd->name);
    size_t msg_len = strlen(kd->name) + sizeof ": no record with this id";
    k->not_found = pm__malloc(msg_len);
    k->fields = pm__calloc(kd->nfields, sizeof *k->fields);
    k->indexes = pm__calloc(kd->nindexes, sizeof *k->indexes);
    k->lists = pm__calloc(1u + kd->nindexes, sizeof *k->lists);
    if (!k->name || !k->not_found || !k->fields || !k->indexes || !k->lists)
        return 0;
    snprintf(k->not_found, msg_len, "%s: no record with this id", kd->name);
    for (unsigned int i = 0; i < kd->nfields; i++) {
        k->fields[i].type = kd->fields[i].type;
        k->fields[i].flags = kd->fields[i].flags;
        if ((k->fields[i].name = pm__strdup(kd->fields[i].name)) == NULL)
            return 0;
    }
    for (unsigned int i = 0; i < kd->nindexes; i++) {
        pm_memory_index *ix = &k->indexes[i];
        ix->nfields = kd->indexes[i].nfields;
        ix->flags = kd->indexes[i].flags;
        memcpy(ix->fields, kd->indexes[i].fields, sizeof ix->fields);
        for (unsigned int c = 0; c < ix->nfields; c++)
            ix->mask |= PM_UPDATE_FIELD(ix->fields[c]);
        if ((ix->name = pm__strdup(kd->indexes[i].name)) == NULL)
            return 0;
    }
    for (unsigned int l = 0; l <= kd->nindexes; l++) {
        k->lists[l].nfields = l == 0 ? 0 : k->indexes[l - 1].nfields;
        k->lists[l].fields = l == 0 ? NULL : k->indexes[l - 1].fields;
        if ((k->lists[l].head = pm__calloc(1, pm_memory__node_size(PM_MEMORY_MAX_LEVEL))) == NULL)
            return 0;
        k->lists[l].head->height = PM_MEMORY_MAX_LEVEL;
    }
    return 1;
}

static pm_status mem_prepare(pm_storage *storage, const pm_schema *schema)
{
    mem_store *s = (mem_store *)storage;
    if (s->prepared)
        return fail(s, PM_EMISUSE, "prepare: already called on this store");
    if (schema == NULL)
        return fail(s, PM_EINVAL, "schema: must not be NULL");
    if (schema->version < 1)
        return fail(s, PM_EINVAL, "schema.version: must be 1 or more, not %u", schema->version);
    if (schema->nkinds > 0 && schema->kinds == NULL)
        return fail(s, PM_EINVAL, "schema.kinds: must not be NULL for %u kinds", schema->nkinds);
    for (unsigned int i = 0; i < schema->nkinds; i++) {
        pm_status st = check_kind(s, &schema->kinds[i], i);
        if (st != PM_OK)
            return st;
    }
    pm_memory_kind *kinds = pm__calloc(schema->nkinds, sizeof *kinds);
    if (kinds == NULL)
        return fail(s, PM_ENOMEM, "prepare: out of memory for %u kinds", schema->nkinds);
    for (unsigned int i = 0; i < schema->nkinds; i++) {
        if (!kind_copy(&kinds[i], &schema->kinds[i])) {
            for (unsigned int j = 0; j <= i; j++)
                kind_free(&kinds[j]);
            pm__free(kinds);
            return fail(s, PM_ENOMEM, "prepare: out of memory for kind %s", schema->kinds[i].name);
        }
    }
    s->kinds = kinds;
    s->nkinds = schema->nkinds;
    s->prepared = 1;
    return PM_OK;
}

/* The store is private to this instance: no other one ever commits. */
static pm_status mem_change_stamp(pm_storage *storage, uint64_t *out)
{
    (void)storage;
    *out = 0;
    return PM_OK;
}

static pm_status mem_stored_version(pm_storage *storage, unsigned int *out)
{
    mem_store *s = (mem_store *)storage;
    if (out == NULL)
        return fail(s, PM_EINVAL, "stored_version: out must not be NULL");
    *out = 0; /* a memory store is always new */
    return PM_OK;
}

static const char *mem_errmsg(pm_storage *storage)
{
    mem_store *s = (mem_store *)storage;
    return atomic_load_explicit(&s->message, memory_order_acquire);
}

static void mem_free(pm_storage *storage)
{
    mem_store *s = (mem_store *)storage;
    if (s == NULL)
        return;
    while (s->depth > 0)
        rollback_level(s);
    for (unsigned int i = 0; i < s->nkinds; i++) {
        pm_memory_kind *k = &s->kinds[i];
        pm_memory_node *n = k->lists[0].head->next[0];
        while (n != NULL) {
            pm_memory_node *next = n->next[0];
            pm_memory__row_free(k, n->row);
            n = next;
        }
        kind_free(k);
    }
    pm__free(s->kinds);
    pm__free(s->undo);
    pm__free(s->marks);
    pm__free(s);
}

pm_status pm_storage_memory_open(pm_storage **out)
{
    if (out == NULL)
        return PM_EINVAL;
    *out = NULL;
    mem_store *s = pm__calloc(1, sizeof *s);
    if (s == NULL)
        return PM_ENOMEM;
    s->base.version = PM_STORAGE_VERSION;
    s->base.name = "memory";
    s->base.capabilities = PM_STORAGE_CAP_CONCURRENT_READ;
    s->base.prepare = mem_prepare;
    s->base.stored_version = mem_stored_version;
    s->base.begin = mem_begin;
    s->base.commit = mem_commit;
    s->base.rollback = mem_rollback;
    s->base.insert = mem_insert;
    s->base.update = mem_update;
    s->base.remove = mem_remove;
    s->base.get = mem_get;
    s->base.scan = mem_scan;
    s->base.errmsg = mem_errmsg;
    s->base.free = mem_free;
    s->base.change_stamp = mem_change_stamp;
    pm_error__clear(&s->error);
    atomic_init(&s->message, s->error.message);
    *out = &s->base;
    return PM_OK;
}
