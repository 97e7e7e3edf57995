/* Values of the PostgreSQL backend: checking them against their fields,
 * and carrying them in binary both ways (PostgreSQL's send/recv formats):
 * int8 and float8 big-endian; text and bytea as their bytes; date as int32
 * days since 2000-01-01 (pm_date counts from 1970: 10957 days earlier);
 * timestamptz as int64 microseconds since 2000-01-01 UTC (pm_time: Unix
 * seconds).
 *
 * Values are checked before the server sees them: a statement that fails
 * aborts the whole server transaction, while a failed call must leave the
 * caller's transaction usable. So a wrong type, a NULL in a NOT NULL
 * field, text that is not UTF-8 or holds a NUL, a date or time outside what
 * is stored are refused here, naming kind.field. */
#include "pg_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "field_types.h"

/* pm_date of 2000-01-01, PostgreSQL's day 0. */
#define PG_EPOCH_DAYS 10957
/* pm_time of 2000-01-01T00:00:00Z. */
#define PG_EPOCH_SECONDS INT64_C(946684800)
/* Storable days: years 1 to 9999, as in the SQLite backend. */
#define MIN_DAY INT64_C(-719162)
#define MAX_DAY INT64_C(2932896)
/* Storable times: PostgreSQL's timestamptz range, 4714-11-24 BC up to
 * 294277-01-01 (exclusive). */
#define MIN_TIME INT64_C(-210866803200)
#define END_TIME INT64_C(9224318016000)
/* The largest field value PostgreSQL takes. */
#define MAX_BYTES (((size_t)1 << 30) - 1)

/* ---- values ------------------------------------------------------------- */

/* Offset of the first byte that is not well-formed UTF-8 (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF), or len. The
 * server refuses such text with an error that would abort the transaction. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = s[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        } else {
            return i;
        }
        if (len - i <= n || s[i + 1] < lo || s[i + 1] > hi)
            return i;
        for (size_t j = 2; j <= n; j++)
            if (s[i + j] < 0x80 || s[i + j] > 0xBF)
                return i;
        i += n + 1;
    }
    return len;
}

pm_status pm_pg__check_value(pm_pg *p, const pm_kind_def *k, const char *field,
                             pm_field_type type, unsigned int flags, const pm_value *v,
                             int storing)
{
    if (v->type == PM_VALUE_NULL) {
        if (storing && (flags & PM_FIELD_NOT_NULL))
            return pm_pg__set_error(p, PM_EINVAL, "%s.%s: must not be NULL", k->name, field);
        return PM_OK;
    }
    if (v->type != pm_storage__value_type_of(type))
        return pm_pg__set_error(p, PM_EINVAL, "%s.%s: expects %s, got %s", k->name, field,
                                pm_storage__field_type_words(type), pm_storage__value_type_words(v->type));
    switch (type) {
    case PM_FIELD_DATE:
        if (storing && (v->v.i < MIN_DAY || v->v.i > MAX_DAY))
            return pm_pg__set_error(p, PM_ERANGE, "%s.%s: day %lld is outside the years 1 to 9999",
                                    k->name, field, (long long)v->v.i);
        break;
    case PM_FIELD_TIME:
        if (storing && (v->v.i < MIN_TIME || v->v.i >= END_TIME))
            return pm_pg__set_error(p, PM_ERANGE,
                                    "%s.%s: time %lld is outside what PostgreSQL stores "
                                    "(4714 BC to 294276 AD)",
                                    k->name, field, (long long)v->v.i);
        break;
    case PM_FIELD_REAL:
        /* NaN has no place in an order (PostgreSQL puts it above infinity). */
        if (isnan(v->v.r))
            return pm_pg__set_error(p, PM_EINVAL, "%s.%s: NaN is not a storable number", k->name,
                                    field);
        break;
    case PM_FIELD_TEXT:
    case PM_FIELD_BLOB:
        if (v->v.b.data == NULL && v->v.b.len > 0)
            return pm_pg__set_error(p, PM_EINVAL, "%s.%s: %zu bytes without data", k->name,
                                    field, v->v.b.len);
        if (v->v.b.len > MAX_BYTES)
            return pm_pg__set_error(p, PM_ERANGE, "%s.%s: %zu bytes, more than PostgreSQL's 1 GiB",
                                    k->name, field, v->v.b.len);
        if (type == PM_FIELD_TEXT && v->v.b.len > 0) {
            if (memchr(v->v.b.data, '\0', v->v.b.len))
                return pm_pg__set_error(p, PM_EINVAL, "%s.%s: text contains a NUL byte", k->name,
                                        field);
            size_t bad = utf8_invalid_at(v->v.b.data, v->v.b.len);
            if (bad < v->v.b.len)
                return pm_pg__set_error(p, PM_EINVAL, "%s.%s: invalid UTF-8 at byte %zu",
                                        k->name, field, bad);
        }
        break;
    default:
        break;
    }
    return PM_OK;
}

Oid pm_pg__type_oid(pm_field_type type)
{
    switch (type) {
    case PM_FIELD_REAL:
        return PM_PG_FLOAT8OID;
    case PM_FIELD_TEXT:
        return PM_PG_TEXTOID;
    case PM_FIELD_BLOB:
        return PM_PG_BYTEAOID;
    case PM_FIELD_DATE:
        return PM_PG_DATEOID;
    case PM_FIELD_TIME:
        return PM_PG_TIMESTAMPTZOID;
    case PM_FIELD_INT:
    default:
        return PM_PG_INT8OID;
    }
}

static void put_be(char *dst, uint64_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        dst[i] = (char)(unsigned char)(v >> (8 * (bytes - 1 - i)));
}

uint64_t pm_pg__get_be(const char *src, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; i++)
        v = v << 8 | (unsigned char)src[i];
    return v;
}

void pm_pg__param_int8(pm_pg_params *params, int64_t i)
{
    int n = params->n++;
    put_be(params->scratch[n], (uint64_t)i, 8);
    params->values[n] = params->scratch[n];
    params->lengths[n] = 8;
    params->formats[n] = 1;
}

/* Scan values outside the storable range still have a place in the order:
 * before or after every stored value. PostgreSQL's -infinity and infinity
 * sort there and equal nothing stored. */
static int32_t pg_day(int64_t day)
{
    if (day < MIN_DAY)
        return INT32_MIN;
    if (day > MAX_DAY)
        return INT32_MAX;
    return (int32_t)(day - PG_EPOCH_DAYS);
}

static int64_t pg_microseconds(int64_t t)
{
    if (t < MIN_TIME)
        return INT64_MIN;
    if (t >= END_TIME)
        return INT64_MAX;
    return (t - PG_EPOCH_SECONDS) * 1000000;
}

void pm_pg__param(pm_pg_params *params, pm_field_type type, const pm_value *v)
{
    int n = params->n;
    uint64_t bits;
    switch (v->type) {
    case PM_VALUE_INT:
        if (type == PM_FIELD_DATE) {
            put_be(params->scratch[n], (uint32_t)pg_day(v->v.i), 4);
            params->values[n] = params->scratch[n];
            params->lengths[n] = 4;
            params->formats[n] = 1;
            params->n++;
            return;
        }
        pm_pg__param_int8(params, type == PM_FIELD_TIME ? pg_microseconds(v->v.i) : v->v.i);
        return;
    case PM_VALUE_REAL:
        memcpy(&bits, &v->v.r, sizeof bits);
        put_be(params->scratch[n], bits, 8);
        params->values[n] = params->scratch[n];
        params->lengths[n] = 8;
        break;
    case PM_VALUE_TEXT:
    case PM_VALUE_BLOB:
        /* A NULL pointer would send SQL NULL, not empty text. */
        params->values[n] = v->v.b.len ? v->v.b.data : "";
        params->lengths[n] = (int)v->v.b.len;
        break;
    case PM_VALUE_NULL:
    default:
        params->values[n] = NULL;
        params->lengths[n] = 0;
        break;
    }
    params->formats[n] = 1;
    params->n++;
}

static pm_status stored_mismatch(pm_pg *p, const pm_kind_def *k, const pm_field_def *f, pm_id id,
                                 const char *found)
{
    return pm_pg__set_error(p, PM_ECORRUPT, "%s.%s of record %lld: holds %s, expected %s",
                            k->name, f->name, (long long)id, found, pm_storage__field_type_words(f->type));
}

/* Column 0 is the id, column i + 1 the field i. Text and blobs borrow the
 * result's memory, valid until it is cleared: the callback's lifetime. */
static pm_status read_value(pm_pg *p, const PGresult *res, int row, const pm_kind_def *k,
                            unsigned int i, pm_id id, pm_value *v)
{
    const pm_field_def *f = &k->fields[i];
    int col = (int)i + 1;
    if (PQgetisnull(res, row, col)) {
        v->type = PM_VALUE_NULL;
        return PM_OK;
    }
    const char *data = PQgetvalue(res, row, col);
    int len = PQgetlength(res, row, col);
    switch (f->type) {
    case PM_FIELD_INT:
    case PM_FIELD_REAL:
    case PM_FIELD_TIME: {
        if (len != 8)
            return stored_mismatch(p, k, f, id, "a value of another type");
        uint64_t bits = pm_pg__get_be(data, 8);
        if (f->type == PM_FIELD_REAL) {
            v->type = PM_VALUE_REAL;
            memcpy(&v->v.r, &bits, sizeof v->v.r);
            return PM_OK;
        }
        int64_t n = (int64_t)bits;
        if (f->type == PM_FIELD_TIME) {
            if (n == INT64_MIN || n == INT64_MAX)
                return stored_mismatch(p, k, f, id, "infinity");
            /* Whole seconds, rounding down what was written with more. */
            int64_t s = n / 1000000 - (n % 1000000 < 0);
            n = s + PG_EPOCH_SECONDS;
        }
        v->type = PM_VALUE_INT;
        v->v.i = n;
        return PM_OK;
    }
    case PM_FIELD_DATE: {
        if (len != 4)
            return stored_mismatch(p, k, f, id, "a value of another type");
        int32_t day = (int32_t)(uint32_t)pm_pg__get_be(data, 4);
        if (day == INT32_MIN || day == INT32_MAX)
            return stored_mismatch(p, k, f, id, "infinity");
        v->type = PM_VALUE_INT;
        v->v.i = (int64_t)day + PG_EPOCH_DAYS;
        return PM_OK;
    }
    case PM_FIELD_TEXT:
    case PM_FIELD_BLOB:
    default:
        v->type = f->type == PM_FIELD_TEXT ? PM_VALUE_TEXT : PM_VALUE_BLOB;
        v->v.b.data = data;
        v->v.b.len = (size_t)len;
        return PM_OK;
    }
}

int pm_pg__deliver(pm_pg *p, const PGresult *res, int row, const pm_kind_def *k,
                   pm_storage_row_cb cb, void *payload)
{
    pm_row r;
    if (PQnfields(res) != (int)k->nfields + 1 || PQgetlength(res, row, 0) != 8)
        return pm_pg__set_error(p, PM_ECORRUPT, "%s: the server sent rows of another shape",
                                k->name);
    r.id = (pm_id)pm_pg__get_be(PQgetvalue(res, row, 0), 8);
    r.nvalues = k->nfields;
    r.values = p->row;
    for (unsigned int i = 0; i < k->nfields; i++) {
        pm_status st = read_value(p, res, row, k, i, r.id, &p->row[i]);
        if (st != PM_OK)
            return st;
    }
    int rc = cb(&r, payload);
    if (rc < 0)
        return pm_pg__set_error(p, (pm_status)rc, "%s: the row callback failed: %s", k->name,
                                pm_status_str(rc));
    return rc;
}
