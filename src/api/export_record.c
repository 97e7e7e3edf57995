/* Stored values as the export shows them: dates and times as ISO 8601 text,
 * enums by name, ids as numbers that join the references section, and a
 * record per row built from a table of keys. */
#include "export_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

pm_status pm_export__out_of_memory(pm_export *x)
{
    return pm_error__set(&x->s->error, PM_ENOMEM, "export: out of memory");
}

/* The failure a NULL value stands for: the one its maker recorded, or
 * Jansson's (out of memory: it reports nothing else for valid input). */
static pm_status failure(pm_export *x)
{
    return x->s->error.status != PM_OK ? x->s->error.status : pm_export__out_of_memory(x);
}

pm_status pm_export__set(pm_export *x, json_t *obj, const char *key, json_t *value)
{
    if (value == NULL)
        return failure(x);
    if (json_object_set_new(obj, key, value) != 0) /* it releases value */
        return pm_export__out_of_memory(x);
    return PM_OK;
}

pm_status pm_export__append(pm_export *x, pm_export_place place, const char *key,
                            json_t *record)
{
    json_t *section = place == PM_EXPORT_PROVIDED ? x->provided : x->recorded;
    json_t *list = json_object_get(section, key);
    if (list == NULL) {
        json_decref(record);
        return pm_error__set(&x->s->error, PM_EINVAL, "export: no section list '%s'", key);
    }
    if (json_array_append_new(list, record) != 0)
        return pm_export__out_of_memory(x);
    return PM_OK;
}

pm_status pm_export__ids_add(pm_export *x, pm_export_ids *ids, pm_id id)
{
    if (ids->count == ids->cap) {
        size_t cap = ids->cap ? 2 * ids->cap : 16;
        pm_id *grown = pm__realloc(ids->ids, cap * sizeof *grown);
        if (grown == NULL)
            return pm_export__out_of_memory(x);
        ids->ids = grown;
        ids->cap = cap;
    }
    ids->ids[ids->count++] = id;
    return PM_OK;
}

void pm_export__ids_free(pm_export_ids *ids)
{
    pm__free(ids->ids);
    memset(ids, 0, sizeof *ids);
}

json_t *pm_export__date(pm_export *x, pm_date date)
{
    if (date == PM_DATE_NONE)
        return json_null();
    char text[PM_DATE_BUFSIZE];
    if (pm_date_format(text, date) != PM_OK) {
        pm_error__set(&x->s->error, PM_ECORRUPT,
                      "export: stored date %ld is outside years 1 to 9999", (long)date);
        return NULL;
    }
    return json_string(text);
}

/* A stored time; 0 is 1970-01-01T00:00:00Z there. */
static json_t *stored_time(pm_export *x, pm_time time)
{
    char text[PM_TIME_BUFSIZE];
    if (pm_time_format(text, time) != PM_OK) {
        pm_error__set(&x->s->error, PM_ECORRUPT,
                      "export: stored time %lld is outside years 1 to 9999", (long long)time);
        return NULL;
    }
    return json_string(text);
}

json_t *pm_export__time(pm_export *x, pm_time time)
{
    return time == 0 ? json_null() : stored_time(x, time);
}

json_t *pm_export__id(pm_export *x, pm_id id, unsigned int ref)
{
    if (id <= 0)
        return json_null();
    if (ref != PM_EXPORT_REF_NONE && pm_export__ids_add(x, &x->refs[ref], id) != PM_OK)
        return NULL;
    return json_integer((json_int_t)id);
}

json_t *pm_export__text(pm_export *x, const char *text)
{
    (void)x;
    return text == NULL ? json_null() : json_string(text);
}

json_t *pm_export__name(pm_export *x, const pm_export_enum *names, int value, const char *what)
{
    if (value >= 0 && (size_t)value < names->count && names->names[value] != NULL)
        return json_string(names->names[value]);
    pm_error__set(&x->s->error, PM_ECORRUPT, "%s: stored value %d has no name", what, value);
    return NULL;
}

/* A stored value as field f shows it. */
static json_t *value_of(pm_export *x, const pm_export_table *t, const pm_export_field *f,
                        const pm_value *v)
{
    if (v->type == PM_VALUE_NULL)
        return json_null();
    switch (f->type) {
    case PM_EXPORT_INT:
        return json_integer((json_int_t)pm_value__as_int(v));
    case PM_EXPORT_REAL: {
        double r = pm_value__as_real(v);
        if (isfinite(r))
            return json_real(r);
        pm_error__set(&x->s->error, PM_ECORRUPT, "%s.%s: stored number is not finite", t->what,
                      f->key);
        return NULL;
    }
    case PM_EXPORT_TEXT:
        if (v->type != PM_VALUE_TEXT)
            break;
        return json_stringn(v->v.b.len ? v->v.b.data : "", v->v.b.len);
    case PM_EXPORT_DATE:
        return pm_export__date(x, (pm_date)pm_value__as_int(v));
    case PM_EXPORT_TIME:
        return stored_time(x, pm_value__as_int(v));
    case PM_EXPORT_BOOL:
        return json_boolean(pm_value__as_int(v) != 0);
    case PM_EXPORT_ID:
        return pm_export__id(x, pm_value__as_int(v), f->ref);
    case PM_EXPORT_ENUM: {
        char what[96];
        snprintf(what, sizeof what, "%s.%s", t->what, f->key);
        return pm_export__name(x, f->names, (int)pm_value__as_int(v), what);
    }
    }
    pm_error__set(&x->s->error, PM_ECORRUPT, "%s.%s: stored value has the wrong type", t->what,
                  f->key);
    return NULL;
}

json_t *pm_export__record(pm_export *x, const pm_export_table *t, const pm_row *row)
{
    if (pm_api__check_row(x->s, row, t->nfields, t->what) != PM_OK)
        return NULL;
    json_t *record = json_object();
    if (record == NULL) {
        pm_export__out_of_memory(x);
        return NULL;
    }
    pm_status st = pm_export__set(x, record, "id", json_integer((json_int_t)row->id));
    for (size_t i = 0; st == PM_OK && i < t->count; i++) {
        const pm_export_field *f = &t->fields[i];
        st = pm_export__set(x, record, f->key, value_of(x, t, f, &row->values[f->field]));
    }
    if (st == PM_OK)
        return record;
    json_decref(record);
    return NULL;
}
