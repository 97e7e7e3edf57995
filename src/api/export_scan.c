/* Reading rows into the export: a scan of one index whose rows become
 * records in the section a placing rule picks, with what was added kept
 * for the areas that attach children (key results to goals, parts to
 * requests) afterwards, outside the storage callback. */
#include "export_internal.h"

#include <string.h>

pm_export_place pm_export__by_creator(const pm_export *x, const pm_row *row, unsigned int field)
{
    return pm_value__as_int(&row->values[field]) == x->person ? PM_EXPORT_PROVIDED
                                                               : PM_EXPORT_RECORDED;
}

void pm_export__rows_free(pm_export_rows *rows)
{
    pm__free(rows->ids);
    pm__free(rows->records);
    memset(rows, 0, sizeof *rows);
}

static pm_status rows_add(pm_export *x, pm_export_rows *rows, pm_id id, json_t *record)
{
    if (rows->count == rows->cap) {
        size_t cap = rows->cap ? 2 * rows->cap : 16;
        pm_id *ids = pm__realloc(rows->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_export__out_of_memory(x);
        rows->ids = ids;
        json_t **records = pm__realloc(rows->records, cap * sizeof *records);
        if (records == NULL)
            return pm_export__out_of_memory(x);
        rows->records = records;
        rows->cap = cap;
    }
    rows->ids[rows->count] = id;
    rows->records[rows->count] = record;
    rows->count++;
    return PM_OK;
}

typedef struct scan_ctx {
    pm_export *x;
    const pm_export_table *t;
    const char *key;
    pm_export_place_fn place;
    pm_export_rows *rows;
    json_t *into;             /* instead of a section, when not NULL */
} scan_ctx;

static int add_row(const pm_row *row, void *payload)
{
    scan_ctx *c = payload;
    pm_export *x = c->x;
    /* The placing rule reads fields: the row must be whole first. */
    pm_status st = pm_api__check_row(x->s, row, c->t->nfields, c->t->what);
    if (st != PM_OK)
        return st;
    pm_export_place place = c->place ? c->place(x, row) : PM_EXPORT_PROVIDED;
    if (place == PM_EXPORT_SKIP)
        return 0;
    json_t *record = pm_export__record(x, c->t, row);
    if (record == NULL)
        return x->s->error.status;
    if (c->into != NULL)
        return json_array_append_new(c->into, record) == 0 ? 0 : pm_export__out_of_memory(x);
    /* Kept before appending: the section then owns the record. */
    st = c->rows ? rows_add(x, c->rows, row->id, record) : PM_OK;
    if (st != PM_OK) {
        json_decref(record);
        return st;
    }
    st = pm_export__append(x, place, c->key, record);
    if (st != PM_OK && c->rows)
        c->rows->count--; /* the record is gone */
    return st;
}

pm_status pm_export__scan(pm_export *x, const pm_export_table *t, unsigned int index,
                          const pm_value *eq, unsigned int neq, const char *key,
                          pm_export_place_fn place, pm_export_rows *rows)
{
    scan_ctx c = { x, t, key, place, rows, NULL };
    pm_scan scan = { t->kind, index, neq, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(x->s, &scan, add_row, &c);
}

pm_status pm_export__scan_into(pm_export *x, const pm_export_table *t, unsigned int index,
                               const pm_value *eq, unsigned int neq, json_t *array)
{
    scan_ctx c = { x, t, NULL, NULL, NULL, array };
    pm_scan scan = { t->kind, index, neq, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(x->s, &scan, add_row, &c);
}

typedef struct ids_ctx {
    pm_export *x;
    pm_export_ids *ids;
} ids_ctx;

static int add_id(const pm_row *row, void *payload)
{
    ids_ctx *c = payload;
    pm_status st = pm_export__ids_add(c->x, c->ids, row->id);
    return st == PM_OK ? 0 : st;
}

pm_status pm_export__scan_ids(pm_export *x, unsigned int kind, unsigned int index,
                              const pm_value *eq, unsigned int neq, pm_export_ids *ids)
{
    ids_ctx c = { x, ids };
    pm_scan scan = { kind, index, neq, eq, NULL, NULL, PM_SCAN_INDEX_ONLY, 0 };
    return pm_api__scan(x->s, &scan, add_id, &c);
}

typedef struct get_ctx {
    pm_export *x;
    const pm_export_table *t;
    json_t *record;
} get_ctx;

static int get_row(const pm_row *row, void *payload)
{
    get_ctx *c = payload;
    c->record = pm_export__record(c->x, c->t, row);
    return c->record != NULL ? 0 : c->x->s->error.status;
}

pm_status pm_export__get(json_t **out, pm_export *x, const pm_export_table *t, pm_id id)
{
    get_ctx c = { x, t, NULL };
    pm_status st = pm_api__get(x->s, t->kind, id, get_row, &c);
    if (st == PM_ENOTFOUND)
        st = PM_OK;
    *out = c.record;
    if (st != PM_OK) {
        json_decref(c.record);
        *out = NULL;
    }
    return st;
}
