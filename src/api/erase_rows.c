/* The row helpers of erasure: collect ids through an index, then remove
 * or change them, outside the scan (no storage call runs inside one). */
#include "erase_internal.h"

void pm_erase__ids_free(pm_erase_ids *ids)
{
    pm__free(ids->ids);
    ids->ids = NULL;
    ids->count = ids->cap = 0;
}

typedef struct collect_ctx {
    pm_erase *e;
    pm_erase_ids *out;
    unsigned int nfields;
    const char *what;
    pm_erase_filter filter;
    const void *arg;
    int field;  /* the field holding the id to collect; -1 for the row's own */
} collect_ctx;

static int collect_row(const pm_row *row, void *payload)
{
    collect_ctx *c = payload;
    pm_status st = pm_api__check_row(c->e->s, row, c->nfields, c->what);
    if (st != PM_OK)
        return st;
    if (c->filter != NULL && !c->filter(c->e, row, c->arg))
        return 0;
    pm_erase_ids *ids = c->out;
    if (ids->count == ids->cap) {
        size_t cap = ids->cap ? ids->cap * 2 : 32;
        pm_id *grown = pm__realloc(ids->ids, cap * sizeof *grown);
        if (grown == NULL)
            return pm_error__set(&c->e->s->error, PM_ENOMEM, "erase: out of memory");
        ids->ids = grown;
        ids->cap = cap;
    }
    ids->ids[ids->count++] = c->field < 0 ? row->id : pm_value__as_int(&row->values[c->field]);
    return 0;
}

static pm_status collect(collect_ctx *c, unsigned int kind, unsigned int index,
                         const pm_value *eq, unsigned int neq)
{
    pm_scan scan = { kind, index, neq, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(c->e->s, &scan, collect_row, c);
}

pm_status pm_erase__collect(pm_erase *e, pm_erase_ids *out, unsigned int kind,
                            unsigned int index, const pm_value *eq, unsigned int neq,
                            unsigned int nfields, const char *what, pm_erase_filter filter,
                            const void *arg)
{
    collect_ctx c = { e, out, nfields, what, filter, arg, -1 };
    return collect(&c, kind, index, eq, neq);
}

pm_status pm_erase__collect_refs(pm_erase *e, pm_erase_ids *out, unsigned int kind,
                                 unsigned int index, const pm_value *eq, unsigned int neq,
                                 unsigned int field, const char *what)
{
    collect_ctx c = { e, out, field + 1, what, NULL, NULL, (int)field };
    return collect(&c, kind, index, eq, neq);
}

pm_status pm_erase__remove_ids(pm_erase *e, unsigned int kind, const pm_erase_ids *ids)
{
    pm_status st = PM_OK;
    for (size_t i = 0; st == PM_OK && i < ids->count; i++) {
        st = pm_api__remove(e->s, kind, ids->ids[i]);
        if (st == PM_OK)
            e->removed++;
    }
    return st;
}

pm_status pm_erase__remove_under(pm_erase *e, unsigned int kind, unsigned int index,
                                 pm_id parent)
{
    pm_erase_ids ids = { NULL, 0, 0 };
    pm_value key = pm_value__int(parent);
    const pm_kind_def *k = &e->s->db->schema->kinds[kind];
    pm_status st = pm_erase__collect(e, &ids, kind, index, &key, 1, 0, k->name, NULL, NULL);
    if (st == PM_OK)
        st = pm_erase__remove_ids(e, kind, &ids);
    pm_erase__ids_free(&ids);
    return st;
}

pm_status pm_erase__remove_of_person(pm_erase *e, unsigned int kind, unsigned int index)
{
    return pm_erase__remove_under(e, kind, index, e->person);
}

pm_status pm_erase__set_field(pm_erase *e, unsigned int kind, pm_id id, unsigned int field,
                              pm_value value, unsigned int audit_first)
{
    pm_value values[PM_KIND_MAX_FIELDS];
    values[field] = value;
    pm_api__audit_update(e->s, values, audit_first);
    uint64_t fields = PM_UPDATE_FIELD(field) | PM_UPDATE_FIELD(audit_first + 2)
                      | PM_UPDATE_FIELD(audit_first + 3);
    pm_status st = pm_api__update_fields(e->s, kind, id, values, fields);
    if (st == PM_OK)
        e->changed++;
    return st;
}
