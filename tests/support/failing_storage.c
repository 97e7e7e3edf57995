/* See failing_storage.h. */
#include "failing_storage.h"

#include <string.h>

#include "api/internal.h"

static pm_failing_storage *fs_of(pm_storage *s)
{
    return (pm_failing_storage *)s;
}

static pm_storage *inner_of(pm_storage *s)
{
    return fs_of(s)->inner;
}

/* 1 when this call of op on kind is the one to fail. */
static int fails(pm_storage *s, pm_fail_op op, unsigned int kind)
{
    pm_failing_storage *fs = fs_of(s);
    fs->injected = 0; /* the message is the last call's */
    int other_kind = fs->rule[op].kind >= 0 && (unsigned int)fs->rule[op].kind != kind;
    if (fs->rule[op].left < 0 || other_kind)
        return 0;
    if (fs->rule[op].left-- > 0)
        return 0;
    fs->injected = 1;
    return 1;
}

static pm_storage *passed(pm_storage *s)
{
    fs_of(s)->injected = 0;
    return inner_of(s);
}

static pm_status fs_begin(pm_storage *s) { return passed(s)->begin(inner_of(s)); }
static pm_status fs_commit(pm_storage *s) { return passed(s)->commit(inner_of(s)); }
static pm_status fs_rollback(pm_storage *s) { return passed(s)->rollback(inner_of(s)); }

static pm_status fs_insert(pm_storage *s, unsigned int kind, const pm_value *v, pm_id *id)
{
    if (fails(s, PM_FAIL_INSERT, kind))
        return PM_ESTORAGE;
    return inner_of(s)->insert(inner_of(s), kind, v, id);
}

static pm_status fs_update(pm_storage *s, unsigned int kind, pm_id id, const pm_value *v,
                           uint64_t fields)
{
    if (fails(s, PM_FAIL_UPDATE, kind))
        return PM_ESTORAGE;
    return inner_of(s)->update(inner_of(s), kind, id, v, fields);
}

static pm_status fs_remove(pm_storage *s, unsigned int kind, pm_id id)
{
    if (fails(s, PM_FAIL_REMOVE, kind))
        return PM_ESTORAGE;
    return inner_of(s)->remove(inner_of(s), kind, id);
}

static pm_status fs_get(pm_storage *s, unsigned int kind, pm_id id, pm_storage_row_cb cb,
                        void *payload)
{
    if (fails(s, PM_FAIL_GET, kind))
        return PM_ESTORAGE;
    return inner_of(s)->get(inner_of(s), kind, id, cb, payload);
}

static pm_status fs_scan(pm_storage *s, const pm_scan *scan, pm_storage_row_cb cb, void *payload)
{
    if (fails(s, PM_FAIL_SCAN, scan->kind))
        return PM_ESTORAGE;
    return inner_of(s)->scan(inner_of(s), scan, cb, payload);
}

/* Runs the items one at a time through fs_scan(), so that a backend
 * without batches of its own still offers them (and each scan can fail). */
static pm_status fs_scan_batch(pm_storage *s, const pm_scan_item *items, size_t count)
{
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < count; i++)
        st = fs_scan(s, items[i].scan, items[i].cb, items[i].payload);
    return st;
}

static void fs_free(pm_storage *s)
{
    inner_of(s)->free(inner_of(s));
}

static pm_status fs_change_stamp(pm_storage *s, uint64_t *out)
{
    return inner_of(s)->change_stamp(inner_of(s), out);
}

static const char *fs_errmsg(pm_storage *s)
{
    pm_failing_storage *fs = fs_of(s);
    return fs->injected ? "disk on fire (injected)" : fs->inner->errmsg(fs->inner);
}

void pm_failing_storage_install(pm_failing_storage *fs, pm_db *db)
{
    memset(fs, 0, sizeof *fs);
    fs->db = db;
    fs->inner = db->storage;
    fs->base = *fs->inner;
    fs->base.begin = fs_begin;
    fs->base.commit = fs_commit;
    fs->base.rollback = fs_rollback;
    fs->base.insert = fs_insert;
    fs->base.update = fs_update;
    fs->base.remove = fs_remove;
    fs->base.get = fs_get;
    fs->base.scan = fs_scan;
    fs->base.errmsg = fs_errmsg;
    fs->base.insert_many = NULL; /* its inserts go through fs_insert */
    fs->base.version = PM_STORAGE_VERSION;
    fs->base.scan_batch = fs_scan_batch;
    fs->base.scan_merged = NULL; /* its scans go through fs_scan */
    fs->base.change_stamp = fs->inner->version >= 4 && fs->inner->change_stamp != NULL
                                ? fs_change_stamp : NULL;
    fs->base.free = fs_free; /* a db closed with fs installed closes its own */
    for (int op = 0; op < PM_FAIL_OPS; op++)
        fs->rule[op].left = -1;
    db->storage = &fs->base;
}

void pm_failing_storage_fail(pm_failing_storage *fs, pm_fail_op op, int kind, long n)
{
    fs->rule[op].kind = kind;
    fs->rule[op].left = n;
}

void pm_failing_storage_uninstall(pm_failing_storage *fs)
{
    fs->db->storage = fs->inner;
}
