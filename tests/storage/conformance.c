/* The storage conformance suite (see conformance.h). Every case checks one
 * promise of include/perfmgmt/sys/storage.h, so a failure names the promise
 * the backend breaks. The suite has its own schema so that it exercises
 * every field type and index shape whatever perfmgmt's own schema holds. */
#define _POSIX_C_SOURCE 200809L /* pthreads, on every libc */
#include "conformance.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__GNUC__)
#define CONF_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CONF_PRINTF(fmt, args)
#endif

/* ------------------------------------------------------------------------
 * The test schema
 * ------------------------------------------------------------------------ */

enum conf_kind { K_ITEM = 0, K_UNIQ, K_DIFF, K_NKINDS };

/* conf_item: one field of every type, each in an index of its own, plus a
 * three-field index and two fields in no index (for large values: some
 * databases limit the size of an indexed value). */
enum conf_item_field {
    I_NUM = 0, I_REAL, I_TEXT, I_BLOB, I_DATE, I_TIME, I_LABEL, I_NOTE, I_PAYLOAD,
    I_NFIELDS,
    I_EXTRA = I_NFIELDS /* added by schema version 2 */
};
enum conf_item_index {
    IX_NUM = 0, IX_REAL, IX_TEXT, IX_BLOB, IX_DATE, IX_TIME, IX_NUM_TEXT_DATE,
    IX_NITEM,
    IX_EXTRA = IX_NITEM /* added by schema version 2 */
};

/* conf_uniq: a unique index on one field and one on two. */
enum conf_uniq_field { U_CODE = 0, U_GRP, U_TAG, U_NOTE, U_NFIELDS };
enum conf_uniq_index { UX_CODE = 0, UX_GRP_TAG, UX_NOTE, UX_NUNIQ };

/* conf_diff: the randomized differential test's kind. */
enum conf_diff_field { D_A = 0, D_S, D_R, D_D, D_BL, D_U, D_NFIELDS };
enum conf_diff_index { DX_A = 0, DX_S_A, DX_D_R, DX_U, DX_BL_S_A_D, DX_NDIFF };

/* The most fields a row of the suite has (conf_item in version 2). */
#define CONF_MAX_FIELDS 10

static const pm_field_def item_fields[] = {
    { "num", PM_FIELD_INT, PM_FIELD_NOT_NULL, 1 },
    { "real_v", PM_FIELD_REAL, 0, 1 },
    { "text_v", PM_FIELD_TEXT, 0, 1 },
    { "blob_v", PM_FIELD_BLOB, 0, 1 },
    { "date_v", PM_FIELD_DATE, 0, 1 },
    { "time_v", PM_FIELD_TIME, 0, 1 },
    { "label", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
    { "note", PM_FIELD_TEXT, 0, 1 },
    { "payload", PM_FIELD_BLOB, 0, 1 },
    { "extra", PM_FIELD_INT, 0, 2 },
};

static const pm_index_def item_indexes[] = {
    { "conf_item_by_num", 1, { I_NUM }, 0, 1 },
    { "conf_item_by_real", 1, { I_REAL }, 0, 1 },
    { "conf_item_by_text", 1, { I_TEXT }, 0, 1 },
    { "conf_item_by_blob", 1, { I_BLOB }, 0, 1 },
    { "conf_item_by_date", 1, { I_DATE }, 0, 1 },
    { "conf_item_by_time", 1, { I_TIME }, 0, 1 },
    { "conf_item_by_num_text_date", 3, { I_NUM, I_TEXT, I_DATE }, 0, 1 },
    { "conf_item_by_extra", 1, { I_EXTRA }, 0, 2 },
};

static const pm_field_def uniq_fields[] = {
    { "code", PM_FIELD_TEXT, 0, 1 },
    { "grp", PM_FIELD_INT, 0, 1 },
    { "tag", PM_FIELD_TEXT, 0, 1 },
    { "note", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },
};

static const pm_index_def uniq_indexes[] = {
    { "conf_uniq_by_code", 1, { U_CODE }, PM_INDEX_UNIQUE, 1 },
    { "conf_uniq_by_grp_tag", 2, { U_GRP, U_TAG }, PM_INDEX_UNIQUE, 1 },
    { "conf_uniq_by_note", 1, { U_NOTE }, 0, 1 },
};

static const pm_field_def diff_fields[] = {
    { "a", PM_FIELD_INT, 0, 1 },
    { "s", PM_FIELD_TEXT, 0, 1 },
    { "r", PM_FIELD_REAL, 0, 1 },
    { "d", PM_FIELD_DATE, PM_FIELD_NOT_NULL, 1 },
    { "bl", PM_FIELD_BLOB, 0, 1 },
    { "u", PM_FIELD_INT, 0, 1 },
};

static const pm_index_def diff_indexes[] = {
    { "conf_diff_by_a", 1, { D_A }, 0, 1 },
    { "conf_diff_by_s_a", 2, { D_S, D_A }, 0, 1 },
    { "conf_diff_by_d_r", 2, { D_D, D_R }, 0, 1 },
    { "conf_diff_by_u", 1, { D_U }, PM_INDEX_UNIQUE, 1 },
    { "conf_diff_by_bl_s_a_d", 4, { D_BL, D_S, D_A, D_D }, 0, 1 },
};

static const pm_field_def added_fields[] = {
    { "title", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 2 },
};

static const pm_index_def added_indexes[] = {
    { "conf_added_by_title", 1, { 0 }, 0, 2 },
};

static const pm_kind_def kinds_v1[] = {
    { "conf_item", I_NFIELDS, item_fields, IX_NITEM, item_indexes, 1 },
    { "conf_uniq", U_NFIELDS, uniq_fields, UX_NUNIQ, uniq_indexes, 1 },
    { "conf_diff", D_NFIELDS, diff_fields, DX_NDIFF, diff_indexes, 1 },
};

static const pm_schema schema_v1 = { 1, K_NKINDS, kinds_v1 };

/* Version 2 appends a field and an index to conf_item and adds a kind, the
 * only changes a later schema may make. */
static const pm_kind_def kinds_v2[] = {
    { "conf_item", I_NFIELDS + 1, item_fields, IX_NITEM + 1, item_indexes, 1 },
    { "conf_uniq", U_NFIELDS, uniq_fields, UX_NUNIQ, uniq_indexes, 1 },
    { "conf_diff", D_NFIELDS, diff_fields, DX_NDIFF, diff_indexes, 1 },
    { "conf_added", 1, added_fields, 1, added_indexes, 2 },
};

static const pm_schema schema_v2 = { 2, K_NKINDS + 1, kinds_v2 };

/* ------------------------------------------------------------------------
 * Failing with a message
 * ------------------------------------------------------------------------ */

#define CONF_FAIL(...) conf_fail_at(__FILE__, __LINE__, __VA_ARGS__)

static _Noreturn void conf_fail_at(const char *file, int line, const char *fmt, ...)
    CONF_PRINTF(3, 4);

static _Noreturn void conf_fail_at(const char *file, int line, const char *fmt, ...)
{
    char buf[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    print_error("%s\n", buf);
    _fail(file, line);
    abort(); /* _fail() jumps back into cmocka; this only tells the compiler */
}

static const char *conf_errmsg(pm_storage *st)
{
    const char *m = st ? st->errmsg(st) : NULL;
    return m ? m : "(errmsg returned NULL)";
}

static void conf_check_at(pm_storage *st, pm_status want, pm_status got, const char *what,
                          const char *file, int line)
{
    if (got == want)
        return;
    conf_fail_at(file, line, "%s\n  expected %s (%d), got %s (%d); errmsg: %s", what,
                 pm_status_str(want), (int)want, pm_status_str(got), (int)got,
                 got == PM_OK ? "-" : conf_errmsg(st));
}

#define CONF_EXPECT(st, want, call) conf_check_at((st), (want), (call), #call, __FILE__, __LINE__)
#define CONF_OK(st, call) CONF_EXPECT(st, PM_OK, call)
#define BEGIN(st) CONF_OK((st), (st)->begin(st))
#define COMMIT(st) CONF_OK((st), (st)->commit(st))
#define ROLLBACK(st) CONF_OK((st), (st)->rollback(st))

static void *conf_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (q == NULL)
        CONF_FAIL("out of memory in the test itself (%zu bytes)", size);
    return q;
}

/* ------------------------------------------------------------------------
 * Values
 * ------------------------------------------------------------------------ */

static pm_value v_null(void)
{
    pm_value v;
    memset(&v, 0, sizeof v);
    v.type = PM_VALUE_NULL;
    return v;
}

static pm_value v_int(int64_t i)
{
    pm_value v = v_null();
    v.type = PM_VALUE_INT;
    v.v.i = i;
    return v;
}

static pm_value v_real(double r)
{
    pm_value v = v_null();
    v.type = PM_VALUE_REAL;
    v.v.r = r;
    return v;
}

static pm_value v_textn(const void *data, size_t len)
{
    pm_value v = v_null();
    v.type = PM_VALUE_TEXT;
    v.v.b.data = data;
    v.v.b.len = len;
    return v;
}

static pm_value v_text(const char *s)
{
    return v_textn(s, strlen(s));
}

static pm_value v_blob(const void *data, size_t len)
{
    pm_value v = v_null();
    v.type = PM_VALUE_BLOB;
    v.v.b.data = data;
    v.v.b.len = len;
    return v;
}

static int value_equal(const pm_value *a, const pm_value *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case PM_VALUE_NULL:
        return 1;
    case PM_VALUE_INT:
        return a->v.i == b->v.i;
    case PM_VALUE_REAL:
        return a->v.r == b->v.r;
    case PM_VALUE_TEXT:
    case PM_VALUE_BLOB:
        return a->v.b.len == b->v.b.len
               && (a->v.b.len == 0 || memcmp(a->v.b.data, b->v.b.data, a->v.b.len) == 0);
    }
    return 0;
}

/* The contract's order: NULL first; numbers numerically; bytes with memcmp,
 * the shorter first on a tie. Both values belong to one field. */
static int value_cmp(const pm_value *a, const pm_value *b)
{
    if (a->type == PM_VALUE_NULL || b->type == PM_VALUE_NULL)
        return (a->type != PM_VALUE_NULL) - (b->type != PM_VALUE_NULL);
    switch (a->type) {
    case PM_VALUE_INT:
        return (a->v.i > b->v.i) - (a->v.i < b->v.i);
    case PM_VALUE_REAL:
        return (a->v.r > b->v.r) - (a->v.r < b->v.r);
    case PM_VALUE_TEXT:
    case PM_VALUE_BLOB: {
        size_t n = a->v.b.len < b->v.b.len ? a->v.b.len : b->v.b.len;
        int c = n ? memcmp(a->v.b.data, b->v.b.data, n) : 0;
        if (c != 0)
            return c < 0 ? -1 : 1;
        return (a->v.b.len > b->v.b.len) - (a->v.b.len < b->v.b.len);
    }
    case PM_VALUE_NULL:
        break;
    }
    return 0;
}

static void value_fmt(const pm_value *v, char *buf, size_t size)
{
    switch (v->type) {
    case PM_VALUE_NULL:
        snprintf(buf, size, "NULL");
        return;
    case PM_VALUE_INT:
        snprintf(buf, size, "int %" PRId64, v->v.i);
        return;
    case PM_VALUE_REAL:
        snprintf(buf, size, "real %.17g", v->v.r);
        return;
    case PM_VALUE_TEXT:
    case PM_VALUE_BLOB: {
        const unsigned char *p = v->v.b.data;
        int text = v->type == PM_VALUE_TEXT;
        int n = snprintf(buf, size, "%s[%zu] \"", text ? "text" : "blob", v->v.b.len);
        size_t used = n > 0 ? (size_t)n : 0;
        for (size_t i = 0; i < v->v.b.len && i < 24 && p != NULL && used + 8 < size; i++) {
            if (text && p[i] >= 0x20 && p[i] < 0x7f && p[i] != '\\')
                buf[used++] = (char)p[i];
            else
                used += (size_t)snprintf(buf + used, size - used, "\\x%02x", p[i]);
        }
        snprintf(buf + used, size - used, "%s\"", v->v.b.len > 24 ? "..." : "");
        return;
    }
    }
    snprintf(buf, size, "(unknown value type %d)", (int)v->type);
}

/* ------------------------------------------------------------------------
 * Collecting rows handed to callbacks
 * ------------------------------------------------------------------------ */

/* A deep copy of one row: the callback's values are only borrowed. */
typedef struct conf_row {
    pm_id id;
    unsigned int nvalues;
    pm_value values[CONF_MAX_FIELDS];
} conf_row;

typedef struct conf_rows {
    conf_row *rows;
    size_t n;
    size_t cap;
    char bad[200]; /* the first malformed row the backend handed over */
} conf_rows;

static void conf_rows_free(conf_rows *r)
{
    for (size_t i = 0; i < r->n; i++) {
        for (unsigned int k = 0; k < CONF_MAX_FIELDS; k++) {
            pm_value *v = &r->rows[i].values[k];
            if (v->type == PM_VALUE_TEXT || v->type == PM_VALUE_BLOB)
                free((void *)(uintptr_t)v->v.b.data);
        }
    }
    free(r->rows);
    memset(r, 0, sizeof *r);
}

/* Safe to run from several threads at once, each on its own conf_rows. */
static int collect_cb(const pm_row *row, void *payload)
{
    conf_rows *r = payload;
    if (r->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 16;
        conf_row *rows = realloc(r->rows, cap * sizeof *rows);
        if (rows == NULL)
            return PM_ENOMEM;
        r->rows = rows;
        r->cap = cap;
    }
    conf_row *dst = &r->rows[r->n++];
    memset(dst, 0, sizeof *dst);
    dst->id = row->id;
    dst->nvalues = row->nvalues;
    if (row->nvalues > CONF_MAX_FIELDS || (row->nvalues > 0 && row->values == NULL)) {
        if (!r->bad[0])
            snprintf(r->bad, sizeof r->bad, "row %" PRId64 " has %u values at %p", row->id,
                     row->nvalues, (const void *)row->values);
        return 0;
    }
    for (unsigned int k = 0; k < row->nvalues; k++) {
        const pm_value *src = &row->values[k];
        pm_value *v = &dst->values[k];
        switch (src->type) {
        case PM_VALUE_NULL:
        case PM_VALUE_INT:
        case PM_VALUE_REAL:
            *v = *src;
            break;
        case PM_VALUE_TEXT:
        case PM_VALUE_BLOB: {
            if (src->v.b.len > 0 && src->v.b.data == NULL) {
                if (!r->bad[0])
                    snprintf(r->bad, sizeof r->bad,
                             "row %" PRId64 " value %u: %zu bytes at NULL", row->id, k,
                             src->v.b.len);
                break;
            }
            void *copy = malloc(src->v.b.len ? src->v.b.len : 1);
            if (copy == NULL)
                return PM_ENOMEM;
            if (src->v.b.len)
                memcpy(copy, src->v.b.data, src->v.b.len);
            *v = *src;
            v->v.b.data = copy;
            break;
        }
        default:
            if (!r->bad[0])
                snprintf(r->bad, sizeof r->bad, "row %" PRId64 " value %u: unknown type %d",
                         row->id, k, (int)src->type);
            break;
        }
    }
    return 0;
}

/* 0 when @p got holds exactly @p id and @p want; otherwise a description. */
static int row_diff(const conf_row *got, pm_id id, const pm_value *want, unsigned int nwant,
                    char *msg, size_t size)
{
    if (got->id != id) {
        snprintf(msg, size, "id %" PRId64 ", expected %" PRId64, got->id, id);
        return 1;
    }
    if (got->nvalues != nwant) {
        snprintf(msg, size, "row %" PRId64 " has %u values, expected %u", id, got->nvalues, nwant);
        return 1;
    }
    for (unsigned int k = 0; k < nwant; k++) {
        if (!value_equal(&got->values[k], &want[k])) {
            char g[160], w[160];
            value_fmt(&got->values[k], g, sizeof g);
            value_fmt(&want[k], w, sizeof w);
            snprintf(msg, size, "row %" PRId64 " field %u is %s, expected %s", id, k, g, w);
            return 1;
        }
    }
    return 0;
}

/* 0 when both lists hold the same rows in the same order. */
static int rows_diff(const conf_rows *got, const conf_rows *want, char *msg, size_t size)
{
    if (got->bad[0]) {
        snprintf(msg, size, "malformed row: %s", got->bad);
        return 1;
    }
    for (size_t i = 0; i < got->n && i < want->n; i++) {
        char d[400];
        if (row_diff(&got->rows[i], want->rows[i].id, want->rows[i].values,
                     want->rows[i].nvalues, d, sizeof d)) {
            snprintf(msg, size, "at position %zu: %s", i, d);
            return 1;
        }
    }
    if (got->n != want->n) {
        snprintf(msg, size, "%zu rows, expected %zu", got->n, want->n);
        return 1;
    }
    return 0;
}

static const char *index_name(unsigned int kind, unsigned int index)
{
    if (index == PM_SCAN_BY_ID)
        return "id";
    if (kind < schema_v2.nkinds && index < schema_v2.kinds[kind].nindexes)
        return schema_v2.kinds[kind].indexes[index].name;
    return "?";
}

static void scan_fmt(const pm_scan *s, char *buf, size_t size)
{
    char v[160];
    int n = snprintf(buf, size, "scan %s neq %u", index_name(s->kind, s->index), s->neq);
    size_t used = n > 0 ? (size_t)n : 0;
    for (unsigned int k = 0; k < s->neq && used < size; k++) {
        value_fmt(&s->eq[k], v, sizeof v);
        n = snprintf(buf + used, size - used, " eq[%u]=%s", k, v);
        used += n > 0 ? (size_t)n : 0;
    }
    if (s->lo && used < size) {
        value_fmt(s->lo, v, sizeof v);
        n = snprintf(buf + used, size - used, " lo%s %s",
                     (s->flags & PM_SCAN_LO_EXCLUSIVE) ? "(excl)" : "", v);
        used += n > 0 ? (size_t)n : 0;
    }
    if (s->hi && used < size) {
        value_fmt(s->hi, v, sizeof v);
        n = snprintf(buf + used, size - used, " hi%s %s",
                     (s->flags & PM_SCAN_HI_EXCLUSIVE) ? "(excl)" : "", v);
        used += n > 0 ? (size_t)n : 0;
    }
    if (used < size)
        snprintf(buf + used, size - used, "%s limit %" PRIu64,
                 (s->flags & PM_SCAN_DESC) ? " desc" : "", s->limit);
}

/* A scan of a whole index, as an argument. */
#define FULL_SCAN(k, i) (&(pm_scan){ .kind = (k), .index = (i) })

static pm_scan scan_of(unsigned int kind, unsigned int index)
{
    pm_scan s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.index = index;
    return s;
}

/* ------------------------------------------------------------------------
 * Calls that fail the case when they fail
 * ------------------------------------------------------------------------ */

#define INSERT(st, kind, values) conf_insert_at((st), (kind), (values), __FILE__, __LINE__)
#define SCAN(st, s, out) conf_scan_at((st), (s), (out), __FILE__, __LINE__)
#define ASSERT_GET(st, kind, id, want, n) \
    conf_assert_get_at((st), (kind), (id), (want), (n), __FILE__, __LINE__)
#define ASSERT_MISSING(st, kind, id) conf_assert_missing_at((st), (kind), (id), __FILE__, __LINE__)
#define ASSERT_SCAN_IDS(st, s, ...)                                                          \
    do {                                                                                     \
        const pm_id want_ids_[] = { __VA_ARGS__ };                                           \
        conf_assert_scan_ids_at((st), (s), want_ids_, sizeof want_ids_ / sizeof want_ids_[0], \
                                __FILE__, __LINE__);                                         \
    } while (0)
#define ASSERT_SCAN_EMPTY(st, s) conf_assert_scan_ids_at((st), (s), NULL, 0, __FILE__, __LINE__)
#define ASSERT_SCAN_COUNT(st, s, n) conf_assert_scan_count_at((st), (s), (n), __FILE__, __LINE__)

static pm_id conf_insert_at(pm_storage *st, unsigned int kind, const pm_value *values,
                            const char *file, int line)
{
    pm_id id = 0;
    pm_status rc = st->insert(st, kind, values, &id);
    conf_check_at(st, PM_OK, rc, "insert", file, line);
    if (id <= 0)
        conf_fail_at(file, line, "insert into kind %u returned id %" PRId64 ", not positive",
                     kind, id);
    return id;
}

static void conf_scan_at(pm_storage *st, const pm_scan *s, conf_rows *out, const char *file,
                         int line)
{
    char what[600];
    memset(out, 0, sizeof *out);
    pm_status rc = st->scan(st, s, collect_cb, out);
    if (rc != PM_OK || out->bad[0]) {
        char bad[sizeof out->bad];
        memcpy(bad, out->bad, sizeof bad);
        conf_rows_free(out);
        scan_fmt(s, what, sizeof what);
        if (rc != PM_OK)
            conf_check_at(st, PM_OK, rc, what, file, line);
        conf_fail_at(file, line, "%s: malformed row: %s", what, bad);
    }
}

static void conf_assert_get_at(pm_storage *st, unsigned int kind, pm_id id, const pm_value *want,
                               unsigned int n, const char *file, int line)
{
    conf_rows got;
    char what[80], diff[600];
    memset(&got, 0, sizeof got);
    snprintf(what, sizeof what, "get kind %u id %" PRId64, kind, id);
    pm_status rc = st->get(st, kind, id, collect_cb, &got);
    if (rc != PM_OK) {
        conf_rows_free(&got);
        conf_check_at(st, PM_OK, rc, what, file, line);
    }
    if (got.n != 1) {
        size_t calls = got.n;
        conf_rows_free(&got);
        conf_fail_at(file, line, "%s: the callback ran %zu times, expected once", what, calls);
    }
    if (got.bad[0] || row_diff(&got.rows[0], id, want, n, diff, sizeof diff)) {
        if (got.bad[0])
            snprintf(diff, sizeof diff, "malformed row: %s", got.bad);
        conf_rows_free(&got);
        conf_fail_at(file, line, "%s: %s", what, diff);
    }
    conf_rows_free(&got);
}

static void conf_assert_missing_at(pm_storage *st, unsigned int kind, pm_id id, const char *file,
                                   int line)
{
    conf_rows got;
    char what[80];
    memset(&got, 0, sizeof got);
    snprintf(what, sizeof what, "get kind %u id %" PRId64, kind, id);
    pm_status rc = st->get(st, kind, id, collect_cb, &got);
    size_t calls = got.n;
    conf_rows_free(&got);
    conf_check_at(st, PM_ENOTFOUND, rc, what, file, line);
    if (calls != 0)
        conf_fail_at(file, line, "%s: returned not found but ran the callback %zu times", what,
                     calls);
}

static void conf_assert_scan_ids_at(pm_storage *st, const pm_scan *s, const pm_id *want, size_t n,
                                    const char *file, int line)
{
    conf_rows got;
    conf_scan_at(st, s, &got, file, line);
    int same = got.n == n;
    for (size_t i = 0; same && i < n; i++)
        same = got.rows[i].id == want[i];
    if (!same) {
        char what[600], list[1200];
        size_t used = 0;
        scan_fmt(s, what, sizeof what);
        used += (size_t)snprintf(list + used, sizeof list - used, "got %zu ids:", got.n);
        for (size_t i = 0; i < got.n && i < 40 && used < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, " %" PRId64, got.rows[i].id);
        if (used < sizeof list)
            used += (size_t)snprintf(list + used, sizeof list - used, "\n  expected %zu ids:", n);
        for (size_t i = 0; i < n && i < 40 && used < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, " %" PRId64, want[i]);
        conf_rows_free(&got);
        conf_fail_at(file, line, "%s\n  %s", what, list);
    }
    conf_rows_free(&got);
}

static void conf_assert_scan_count_at(pm_storage *st, const pm_scan *s, size_t n, const char *file,
                                      int line)
{
    conf_rows got;
    conf_scan_at(st, s, &got, file, line);
    size_t count = got.n;
    conf_rows_free(&got);
    if (count != n) {
        char what[600];
        scan_fmt(s, what, sizeof what);
        conf_fail_at(file, line, "%s: %zu rows, expected %zu", what, count, n);
    }
}

/* Scans and checks field @p field of each row against @p want in order,
 * with rows of equal values ordered by id (descending for PM_SCAN_DESC):
 * the order is stated by value, so it holds whatever ids the backend picks. */
#define ASSERT_SCAN_VALUES(st, s, field, want, n) \
    conf_assert_scan_values_at((st), (s), (field), (want), (n), __FILE__, __LINE__)

static void conf_assert_scan_values_at(pm_storage *st, const pm_scan *s, unsigned int field,
                                       const pm_value *want, size_t n, const char *file, int line)
{
    conf_rows got;
    char what[600], g[160], w[160];
    conf_scan_at(st, s, &got, file, line);
    scan_fmt(s, what, sizeof what);
    for (size_t i = 0; i < got.n && i < n; i++) {
        const conf_row *r = &got.rows[i];
        if (field >= r->nvalues || !value_equal(&r->values[field], &want[i])) {
            if (field < r->nvalues)
                value_fmt(&r->values[field], g, sizeof g);
            else
                snprintf(g, sizeof g, "(row has %u values)", r->nvalues);
            value_fmt(&want[i], w, sizeof w);
            conf_rows_free(&got);
            conf_fail_at(file, line, "%s\n  position %zu (id %" PRId64 "): %s, expected %s", what,
                         i, r->id, g, w);
        }
        if (i > 0 && value_equal(&got.rows[i - 1].values[field], &r->values[field])) {
            pm_id prev = got.rows[i - 1].id;
            int ok = (s->flags & PM_SCAN_DESC) ? prev > r->id : prev < r->id;
            if (!ok) {
                conf_rows_free(&got);
                conf_fail_at(file, line,
                             "%s\n  equal values at positions %zu and %zu come as ids %" PRId64
                             ", %" PRId64 ": ties must be broken by id%s",
                             what, i - 1, i, prev, r->id,
                             (s->flags & PM_SCAN_DESC) ? " descending" : "");
            }
        }
    }
    if (got.n != n) {
        size_t count = got.n;
        conf_rows_free(&got);
        conf_fail_at(file, line, "%s: %zu rows, expected %zu", what, count, n);
    }
    conf_rows_free(&got);
}

/* ------------------------------------------------------------------------
 * Fixture: a new store per case
 * ------------------------------------------------------------------------ */

typedef struct conf {
    const pm_conformance_backend *backend;
    pm_storage *st;
} conf;

static const char *conf_missing_function(const pm_storage *st)
{
    if (!st->prepare) return "prepare";
    if (!st->stored_version) return "stored_version";
    if (!st->begin) return "begin";
    if (!st->commit) return "commit";
    if (!st->rollback) return "rollback";
    if (!st->insert) return "insert";
    if (!st->update) return "update";
    if (!st->remove) return "remove";
    if (!st->get) return "get";
    if (!st->scan) return "scan";
    if (!st->errmsg) return "errmsg";
    if (!st->free) return "free";
    return NULL;
}

static int conf_setup(void **state)
{
    const pm_conformance_backend *b = *state;
    conf *c = calloc(1, sizeof *c);
    if (c == NULL)
        return -1;
    c->backend = b;
    pm_status rc = b->open(&c->st, b->payload);
    const char *missing = NULL;
    if (rc != PM_OK || c->st == NULL) {
        print_error("%s: open() failed: %s (%d)\n", b->name, pm_status_str(rc), (int)rc);
    } else if ((missing = conf_missing_function(c->st)) != NULL) {
        print_error("%s: pm_storage::%s is NULL\n", b->name, missing);
    } else if ((rc = c->st->prepare(c->st, &schema_v1)) != PM_OK) {
        print_error("%s: prepare() of the test schema failed: %s (%d): %s\n", b->name,
                    pm_status_str(rc), (int)rc, conf_errmsg(c->st));
    } else {
        *state = c;
        return 0;
    }
    /* cmocka skips teardown when setup fails, so clean up here. */
    if (c->st && c->st->free)
        c->st->free(c->st);
    if (b->cleanup)
        b->cleanup(b->payload);
    free(c);
    return -1;
}

static int conf_teardown(void **state)
{
    conf *c = *state;
    if (c == NULL)
        return 0;
    if (c->st)
        c->st->free(c->st);
    if (c->backend->cleanup)
        c->backend->cleanup(c->backend->payload);
    free(c);
    *state = NULL;
    return 0;
}

/* A conf_item row: num and label set, every other field NULL. */
static void item_init(pm_value *v, int64_t num)
{
    for (unsigned int i = 0; i < CONF_MAX_FIELDS; i++)
        v[i] = v_null();
    v[I_NUM] = v_int(num);
    v[I_LABEL] = v_text("item");
}

static pm_id item_insert(pm_storage *st, int64_t num, unsigned int field, pm_value value)
{
    pm_value v[CONF_MAX_FIELDS];
    item_init(v, num);
    if (field < I_NFIELDS && field != I_NUM)
        v[field] = value;
    return INSERT(st, K_ITEM, v);
}

static void uniq_init(pm_value *v, pm_value code, pm_value grp, pm_value tag, const char *note)
{
    v[U_CODE] = code;
    v[U_GRP] = grp;
    v[U_TAG] = tag;
    v[U_NOTE] = v_text(note);
}

static void sort_ids(pm_id *ids, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
            pm_id t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
}

/* ------------------------------------------------------------------------
 * The backend itself
 * ------------------------------------------------------------------------ */

static void test_backend_declares_version_name_and_functions(void **state)
{
    conf *c = *state;
    if (c->st->version != PM_STORAGE_VERSION)
        CONF_FAIL("version is %u, expected PM_STORAGE_VERSION (%u)", c->st->version,
                  PM_STORAGE_VERSION);
    if (c->st->name == NULL || c->st->name[0] == '\0')
        CONF_FAIL("name is %s", c->st->name ? "empty" : "NULL");
    const char *missing = conf_missing_function(c->st);
    if (missing)
        CONF_FAIL("pm_storage::%s is NULL", missing);
}

static void test_stored_version_is_zero_for_a_new_store(void **state)
{
    conf *c = *state;
    unsigned int version = 99;
    CONF_OK(c->st, c->st->stored_version(c->st, &version));
    assert_int_equal(version, 0);
}

#define EXPECT_ERRMSG(st, what) conf_expect_errmsg_at((st), (what), __FILE__, __LINE__)

static void conf_expect_errmsg_at(pm_storage *st, const char *what, const char *file, int line)
{
    const char *m = st->errmsg(st);
    if (m == NULL)
        conf_fail_at(file, line, "errmsg() is NULL after %s", what);
    if (m[0] == '\0')
        conf_fail_at(file, line, "errmsg() is empty after %s", what);
}

static void test_errmsg_is_never_null_and_describes_each_failure(void **state)
{
    conf *c = *state;
    pm_storage *st = c->st;
    pm_value v[CONF_MAX_FIELDS], u[CONF_MAX_FIELDS];
    conf_rows rows;

    if (st->errmsg(st) == NULL)
        CONF_FAIL("errmsg() is NULL on a new store");

    memset(&rows, 0, sizeof rows);

    CONF_EXPECT(st, PM_ENOTFOUND, st->get(st, K_ITEM, 4242, collect_cb, &rows));
    conf_rows_free(&rows);
    EXPECT_ERRMSG(st, "get of a missing id");

    ASSERT_SCAN_COUNT(st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), 0);
    if (st->errmsg(st) == NULL)
        CONF_FAIL("errmsg() is NULL after a successful scan");

    CONF_EXPECT(st, PM_EMISUSE, st->commit(st));
    EXPECT_ERRMSG(st, "commit without begin");

    item_init(v, 1);
    pm_id id = 0;
    CONF_EXPECT(st, PM_EMISUSE, st->insert(st, K_ITEM, v, &id));
    EXPECT_ERRMSG(st, "insert outside a transaction");

    BEGIN(st);
    v[I_NUM] = v_text("not a number");
    CONF_EXPECT(st, PM_EINVAL, st->insert(st, K_ITEM, v, &id));
    EXPECT_ERRMSG(st, "insert of a wrong type");

    v[I_NUM] = v_null();
    CONF_EXPECT(st, PM_EINVAL, st->insert(st, K_ITEM, v, &id));
    EXPECT_ERRMSG(st, "insert of NULL into a NOT NULL field");

    uniq_init(u, v_text("dup"), v_null(), v_null(), "n");
    INSERT(st, K_UNIQ, u);
    if (st->errmsg(st) == NULL)
        CONF_FAIL("errmsg() is NULL after a successful insert");
    CONF_EXPECT(st, PM_ECONFLICT, st->insert(st, K_UNIQ, u, &id));
    EXPECT_ERRMSG(st, "insert of a duplicate");

    item_init(v, 1);
    CONF_EXPECT(st, PM_ENOTFOUND, st->update(st, K_ITEM, 4242, v));
    EXPECT_ERRMSG(st, "update of a missing id");
    CONF_EXPECT(st, PM_ENOTFOUND, st->remove(st, K_ITEM, 4242));
    EXPECT_ERRMSG(st, "remove of a missing id");
    ROLLBACK(st);
}

/* ------------------------------------------------------------------------
 * Insert, get, update, remove
 * ------------------------------------------------------------------------ */

static void test_insert_assigns_distinct_positive_ids(void **state)
{
    conf *c = *state;
    pm_id ids[40];
    pm_value u[CONF_MAX_FIELDS];
    BEGIN(c->st);
    for (size_t i = 0; i < 30; i++) {
        ids[i] = item_insert(c->st, (int64_t)i, I_NUM, v_null());
        for (size_t j = 0; j < i; j++)
            if (ids[j] == ids[i])
                CONF_FAIL("inserts %zu and %zu both got id %" PRId64, j, i, ids[i]);
    }
    for (size_t i = 30; i < 40; i++) {
        uniq_init(u, v_null(), v_null(), v_null(), "n");
        ids[i] = INSERT(c->st, K_UNIQ, u);
        for (size_t j = 30; j < i; j++)
            if (ids[j] == ids[i])
                CONF_FAIL("inserts %zu and %zu both got id %" PRId64, j, i, ids[i]);
    }
    COMMIT(c->st);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), 30);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID), 10);
}

/* Rows with extreme and awkward values of every type; index 1 and 2 hold
 * empty text and blobs given as (NULL, 0), which must stay non-NULL. */
#define SAMPLE_ROWS 5
static void sample_rows(pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS])
{
    item_init(rows[0], INT64_MIN);
    rows[0][I_REAL] = v_real(0.1);
    rows[0][I_TEXT] = v_text("h\xC3\xA9llo");
    rows[0][I_BLOB] = v_blob("\0\x01\xff\0", 4);
    rows[0][I_DATE] = v_int(-25567);          /* 1900-01-01 */
    rows[0][I_TIME] = v_int(-2208988800);     /* 1900-01-01T00:00:00Z */
    rows[0][I_LABEL] = v_text("first");
    rows[0][I_NOTE] = v_text("a note");
    rows[0][I_PAYLOAD] = v_blob("\0", 1);

    item_init(rows[1], INT64_MAX);
    rows[1][I_REAL] = v_real(3.0);
    rows[1][I_TEXT] = v_textn(NULL, 0);
    rows[1][I_BLOB] = v_blob(NULL, 0);
    rows[1][I_DATE] = v_int(0);
    rows[1][I_TIME] = v_int(0);

    item_init(rows[2], 0);
    rows[2][I_LABEL] = v_textn(NULL, 0);
    rows[2][I_NOTE] = v_textn("", 0);
    rows[2][I_PAYLOAD] = v_blob("", 0);

    item_init(rows[3], -1);
    rows[3][I_REAL] = v_real(5e-324);
    rows[3][I_DATE] = v_int(2932896);         /* 9999-12-31 */
    rows[3][I_TIME] = v_int(253402300799);    /* 9999-12-31T23:59:59Z */
    rows[3][I_PAYLOAD] = v_blob("\xff\xfe\0\0", 4);

    item_init(rows[4], 123456789012345);
    rows[4][I_REAL] = v_real(-1.7976931348623157e308);
    rows[4][I_TEXT] = v_text("0123");          /* looks like a number */
    rows[4][I_BLOB] = v_blob("42", 2);         /* looks like text */
    rows[4][I_DATE] = v_int(-719162);          /* 0001-01-01 */
    rows[4][I_TIME] = v_int(-62135596800);     /* 0001-01-01T00:00:00Z */
    rows[4][I_LABEL] = v_text("1e5");
}

static void test_get_returns_exactly_the_values_written(void **state)
{
    conf *c = *state;
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS];
    pm_id ids[SAMPLE_ROWS];
    sample_rows(rows);
    BEGIN(c->st);
    for (size_t i = 0; i < SAMPLE_ROWS; i++)
        ids[i] = INSERT(c->st, K_ITEM, rows[i]);
    COMMIT(c->st);
    for (size_t i = 0; i < SAMPLE_ROWS; i++)
        ASSERT_GET(c->st, K_ITEM, ids[i], rows[i], I_NFIELDS);
}

static void test_scan_hands_the_same_values_as_get(void **state)
{
    conf *c = *state;
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS];
    pm_id ids[SAMPLE_ROWS];
    conf_rows got;
    char diff[600];
    sample_rows(rows);
    BEGIN(c->st);
    for (size_t i = 0; i < SAMPLE_ROWS; i++)
        ids[i] = INSERT(c->st, K_ITEM, rows[i]);
    COMMIT(c->st);
    for (unsigned int index = 0; index <= IX_NITEM; index++) {
        pm_scan s = scan_of(K_ITEM, index == IX_NITEM ? PM_SCAN_BY_ID : index);
        SCAN(c->st, &s, &got);
        if (got.n != SAMPLE_ROWS) {
            size_t n = got.n;
            conf_rows_free(&got);
            CONF_FAIL("scan %s: %zu rows, expected %d", index_name(K_ITEM, s.index), n,
                      SAMPLE_ROWS);
        }
        for (size_t r = 0; r < got.n; r++) {
            size_t i = 0;
            while (i < SAMPLE_ROWS && ids[i] != got.rows[r].id)
                i++;
            if (i == SAMPLE_ROWS || row_diff(&got.rows[r], ids[i], rows[i], I_NFIELDS, diff,
                                             sizeof diff)) {
                if (i == SAMPLE_ROWS)
                    snprintf(diff, sizeof diff, "unknown id %" PRId64, got.rows[r].id);
                conf_rows_free(&got);
                CONF_FAIL("scan %s: %s", index_name(K_ITEM, s.index), diff);
            }
        }
        conf_rows_free(&got);
    }
}

static void test_update_replaces_every_field(void **state)
{
    conf *c = *state;
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS];
    sample_rows(rows);
    BEGIN(c->st);
    pm_id a = INSERT(c->st, K_ITEM, rows[0]);
    pm_id b = INSERT(c->st, K_ITEM, rows[2]);
    COMMIT(c->st);

    /* a: every value replaced, some by NULL; b: NULLs replaced by values */
    BEGIN(c->st);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, rows[1]));
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, rows[3]));
    ASSERT_GET(c->st, K_ITEM, a, rows[1], I_NFIELDS);
    COMMIT(c->st);
    ASSERT_GET(c->st, K_ITEM, a, rows[1], I_NFIELDS);
    ASSERT_GET(c->st, K_ITEM, b, rows[3], I_NFIELDS);

    /* The indexes follow: the old values no longer find the rows. */
    pm_scan s = scan_of(K_ITEM, IX_TEXT);
    s.neq = 1;
    s.eq = &rows[0][I_TEXT];
    ASSERT_SCAN_EMPTY(c->st, &s);
    s.eq = &rows[1][I_TEXT];
    ASSERT_SCAN_IDS(c->st, &s, a);
    s = scan_of(K_ITEM, IX_NUM);
    s.neq = 1;
    s.eq = &rows[0][I_NUM];
    ASSERT_SCAN_EMPTY(c->st, &s);
    s.eq = &rows[3][I_NUM];
    ASSERT_SCAN_IDS(c->st, &s, b);
    s = scan_of(K_ITEM, IX_DATE);
    s.neq = 1;
    s.eq = &rows[3][I_DATE];
    ASSERT_SCAN_IDS(c->st, &s, b);
    pm_value null = v_null();
    s.eq = &null;
    ASSERT_SCAN_EMPTY(c->st, &s);
}

static void test_remove_deletes_only_that_record(void **state)
{
    conf *c = *state;
    pm_value v[3][CONF_MAX_FIELDS];
    pm_id ids[3];
    BEGIN(c->st);
    for (int i = 0; i < 3; i++) {
        item_init(v[i], 10 + i);
        v[i][I_TEXT] = v_text(i == 1 ? "middle" : "edge");
        ids[i] = INSERT(c->st, K_ITEM, v[i]);
    }
    COMMIT(c->st);
    BEGIN(c->st);
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, ids[1]));
    ASSERT_MISSING(c->st, K_ITEM, ids[1]);
    COMMIT(c->st);
    ASSERT_MISSING(c->st, K_ITEM, ids[1]);
    ASSERT_GET(c->st, K_ITEM, ids[0], v[0], I_NFIELDS);
    ASSERT_GET(c->st, K_ITEM, ids[2], v[2], I_NFIELDS);
    pm_id lo = ids[0] < ids[2] ? ids[0] : ids[2], hi = ids[0] < ids[2] ? ids[2] : ids[0];
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), lo, hi);
    pm_scan s = scan_of(K_ITEM, IX_TEXT);
    s.neq = 1;
    s.eq = &v[1][I_TEXT];
    ASSERT_SCAN_EMPTY(c->st, &s);
    s = scan_of(K_ITEM, IX_NUM);
    s.neq = 1;
    s.eq = &v[1][I_NUM];
    ASSERT_SCAN_EMPTY(c->st, &s);
}

static void test_get_update_remove_of_a_missing_id_are_enotfound(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS];
    ASSERT_MISSING(c->st, K_ITEM, 1);
    ASSERT_MISSING(c->st, K_UNIQ, 1);

    BEGIN(c->st);
    pm_id kept = item_insert(c->st, 1, I_NUM, v_null());
    pm_id gone = item_insert(c->st, 2, I_NUM, v_null());
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, gone));
    COMMIT(c->st);

    pm_id never = (kept > gone ? kept : gone) + 1000;
    item_init(v, 3);
    BEGIN(c->st);
    ASSERT_MISSING(c->st, K_ITEM, gone);
    ASSERT_MISSING(c->st, K_ITEM, never);
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, gone, v));
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, never, v));
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->remove(c->st, K_ITEM, gone));
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->remove(c->st, K_ITEM, never));
    /* An id of one kind is not a record of another. */
    ASSERT_MISSING(c->st, K_UNIQ, kept);
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->remove(c->st, K_UNIQ, kept));
    COMMIT(c->st);

    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), kept);
    ASSERT_SCAN_EMPTY(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID));
    item_init(v, 1);
    ASSERT_GET(c->st, K_ITEM, kept, v, I_NFIELDS);
}

#define EXPECT_FRESH_ID(id, issued, n, when) \
    conf_expect_fresh_id_at((id), (issued), (n), (when), __FILE__, __LINE__)

static void conf_expect_fresh_id_at(pm_id id, const pm_id *issued, size_t n, const char *when,
                                    const char *file, int line)
{
    for (size_t i = 0; i < n; i++)
        if (issued[i] == id)
            conf_fail_at(file, line, "id %" PRId64 " was issued again %s", id, when);
}

static void test_ids_are_not_reused_after_remove(void **state)
{
    conf *c = *state;
    pm_id issued[16];
    size_t n = 0;
    BEGIN(c->st);
    for (int i = 0; i < 5; i++)
        issued[n++] = item_insert(c->st, i, I_NUM, v_null());
    COMMIT(c->st);
    pm_id sorted[5];
    memcpy(sorted, issued, sizeof sorted);
    sort_ids(sorted, 5);

    /* The highest id is the one a careless "max + 1" would hand out again. */
    BEGIN(c->st);
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, sorted[4]));
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, sorted[0]));
    COMMIT(c->st);
    BEGIN(c->st);
    for (int i = 0; i < 3; i++) {
        pm_id id = item_insert(c->st, 10 + i, I_NUM, v_null());
        EXPECT_FRESH_ID(id, issued, n, "after its record was removed");
        issued[n++] = id;
    }
    COMMIT(c->st);

    /* Removed and inserted in one transaction. */
    BEGIN(c->st);
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, issued[n - 1]));
    pm_id id = item_insert(c->st, 20, I_NUM, v_null());
    EXPECT_FRESH_ID(id, issued, n, "after its record was removed in the same transaction");
    COMMIT(c->st);
}

static void test_ids_are_not_reused_after_a_rolled_back_insert(void **state)
{
    conf *c = *state;
    pm_id issued[8];
    size_t n = 0;
    BEGIN(c->st);
    issued[n++] = item_insert(c->st, 1, I_NUM, v_null());
    COMMIT(c->st);

    BEGIN(c->st);
    issued[n++] = item_insert(c->st, 2, I_NUM, v_null());
    ROLLBACK(c->st);
    ASSERT_MISSING(c->st, K_ITEM, issued[n - 1]);
    BEGIN(c->st);
    pm_id id = item_insert(c->st, 3, I_NUM, v_null());
    EXPECT_FRESH_ID(id, issued, n, "after the insert that got it was rolled back");
    issued[n++] = id;
    COMMIT(c->st);

    BEGIN(c->st);
    BEGIN(c->st);
    issued[n++] = item_insert(c->st, 4, I_NUM, v_null());
    ROLLBACK(c->st);
    id = item_insert(c->st, 5, I_NUM, v_null());
    EXPECT_FRESH_ID(id, issued, n, "after the savepoint that inserted it was rolled back");
    COMMIT(c->st);
}

/* ------------------------------------------------------------------------
 * Type checks
 * ------------------------------------------------------------------------ */

static int value_fits(pm_field_type field, pm_value_type value)
{
    switch (field) {
    case PM_FIELD_INT:
    case PM_FIELD_DATE:
    case PM_FIELD_TIME:
        return value == PM_VALUE_INT;
    case PM_FIELD_REAL:
        return value == PM_VALUE_REAL;
    case PM_FIELD_TEXT:
        return value == PM_VALUE_TEXT;
    case PM_FIELD_BLOB:
        return value == PM_VALUE_BLOB;
    }
    return 0;
}

static pm_value value_of_type(pm_value_type t)
{
    switch (t) {
    case PM_VALUE_INT:
        return v_int(7);
    case PM_VALUE_REAL:
        return v_real(7.5);
    case PM_VALUE_TEXT:
        return v_text("7");
    case PM_VALUE_BLOB:
        return v_blob("7", 1);
    case PM_VALUE_NULL:
        break;
    }
    return v_null();
}

static void test_insert_of_a_wrong_type_is_einval_and_stores_nothing(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS];
    static const pm_value_type types[] = { PM_VALUE_INT, PM_VALUE_REAL, PM_VALUE_TEXT,
                                           PM_VALUE_BLOB };
    BEGIN(c->st);
    for (unsigned int f = 0; f < I_NFIELDS; f++) {
        for (size_t t = 0; t < sizeof types / sizeof types[0]; t++) {
            if (value_fits(item_fields[f].type, types[t]))
                continue;
            item_init(v, 1);
            v[f] = value_of_type(types[t]);
            pm_id id = 0;
            pm_status rc = c->st->insert(c->st, K_ITEM, v, &id);
            if (rc != PM_EINVAL) {
                char val[160];
                value_fmt(&v[f], val, sizeof val);
                CONF_FAIL("insert with %s in field %s: %s (%d), expected PM_EINVAL", val,
                          item_fields[f].name, pm_status_str(rc), (int)rc);
            }
        }
    }
    ASSERT_SCAN_EMPTY(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID));
    for (unsigned int index = 0; index < IX_NITEM; index++)
        ASSERT_SCAN_EMPTY(c->st, FULL_SCAN(K_ITEM, index));
    COMMIT(c->st);
    ASSERT_SCAN_EMPTY(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID));
}

static void test_insert_of_null_into_a_not_null_field_is_einval(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS];
    pm_id id = 0;
    BEGIN(c->st);
    item_init(v, 1);
    v[I_NUM] = v_null();
    CONF_EXPECT(c->st, PM_EINVAL, c->st->insert(c->st, K_ITEM, v, &id));
    item_init(v, 1);
    v[I_LABEL] = v_null();
    CONF_EXPECT(c->st, PM_EINVAL, c->st->insert(c->st, K_ITEM, v, &id));
    uniq_init(v, v_null(), v_null(), v_null(), "x");
    v[U_NOTE] = v_null();
    CONF_EXPECT(c->st, PM_EINVAL, c->st->insert(c->st, K_UNIQ, v, &id));
    COMMIT(c->st);
    ASSERT_SCAN_EMPTY(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID));
    ASSERT_SCAN_EMPTY(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID));
}

static void test_update_with_a_wrong_type_or_null_is_einval_and_leaves_the_row(void **state)
{
    conf *c = *state;
    pm_value orig[CONF_MAX_FIELDS], v[CONF_MAX_FIELDS];
    item_init(orig, 5);
    orig[I_TEXT] = v_text("kept");
    orig[I_DATE] = v_int(100);
    BEGIN(c->st);
    pm_id id = INSERT(c->st, K_ITEM, orig);
    COMMIT(c->st);

    BEGIN(c->st);
    memcpy(v, orig, sizeof v);
    v[I_NUM] = v_int(6);
    v[I_DATE] = v_real(100.0);
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v));
    memcpy(v, orig, sizeof v);
    v[I_TEXT] = v_text("changed");
    v[I_LABEL] = v_null();
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v));
    memcpy(v, orig, sizeof v);
    v[I_BLOB] = v_text("text is not a blob");
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v));
    ASSERT_GET(c->st, K_ITEM, id, orig, I_NFIELDS);
    COMMIT(c->st);

    ASSERT_GET(c->st, K_ITEM, id, orig, I_NFIELDS);
    pm_scan s = scan_of(K_ITEM, IX_NUM);
    s.neq = 1;
    s.eq = &orig[I_NUM];
    ASSERT_SCAN_IDS(c->st, &s, id);
    s = scan_of(K_ITEM, IX_TEXT);
    s.neq = 1;
    s.eq = &orig[I_TEXT];
    ASSERT_SCAN_IDS(c->st, &s, id);
}

static void test_a_failed_write_leaves_the_transaction_usable(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS], u[CONF_MAX_FIELDS];
    pm_id id = 0;
    BEGIN(c->st);
    pm_id first = item_insert(c->st, 1, I_NUM, v_null());
    item_init(v, 2);
    v[I_REAL] = v_int(2);
    CONF_EXPECT(c->st, PM_EINVAL, c->st->insert(c->st, K_ITEM, v, &id));
    uniq_init(u, v_text("x"), v_null(), v_null(), "first");
    pm_id ufirst = INSERT(c->st, K_UNIQ, u);
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->insert(c->st, K_UNIQ, u, &id));
    item_init(v, 3);
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, first + 1000, v));
    BEGIN(c->st);
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->insert(c->st, K_UNIQ, u, &id));
    pm_id second = item_insert(c->st, 4, I_NUM, v_null());
    COMMIT(c->st);
    COMMIT(c->st);

    pm_id a = first < second ? first : second, b = first < second ? second : first;
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), a, b);
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID), ufirst);
    ASSERT_GET(c->st, K_UNIQ, ufirst, u, U_NFIELDS);
}

/* ------------------------------------------------------------------------
 * Scans
 * ------------------------------------------------------------------------ */

static void ints_to_values(pm_value *out, const int64_t *in, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = v_int(in[i]);
}

static void reverse_values(pm_value *v, size_t n)
{
    for (size_t i = 0; i < n / 2; i++) {
        pm_value t = v[i];
        v[i] = v[n - 1 - i];
        v[n - 1 - i] = t;
    }
}

static void test_scan_by_id_honours_id_ranges_desc_and_limit(void **state)
{
    conf *c = *state;
    pm_id ids[6];
    BEGIN(c->st);
    for (int i = 0; i < 6; i++)
        ids[i] = item_insert(c->st, 6 - i, I_NUM, v_null());
    COMMIT(c->st);
    sort_ids(ids, 6);

    pm_scan s = scan_of(K_ITEM, PM_SCAN_BY_ID);
    ASSERT_SCAN_IDS(c->st, &s, ids[0], ids[1], ids[2], ids[3], ids[4], ids[5]);
    pm_value lo = v_int(ids[1]), hi = v_int(ids[4]);
    s.lo = &lo;
    s.hi = &hi;
    ASSERT_SCAN_IDS(c->st, &s, ids[1], ids[2], ids[3], ids[4]);
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_IDS(c->st, &s, ids[2], ids[3], ids[4]);
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_IDS(c->st, &s, ids[1], ids[2], ids[3]);
    s.flags = PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_IDS(c->st, &s, ids[2], ids[3]);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, ids[4], ids[3], ids[2], ids[1]);
    s.flags = PM_SCAN_DESC | PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_IDS(c->st, &s, ids[3], ids[2], ids[1]);
    s.limit = 2;
    ASSERT_SCAN_IDS(c->st, &s, ids[3], ids[2]);
    s.flags = 0;
    ASSERT_SCAN_IDS(c->st, &s, ids[1], ids[2]);

    s = scan_of(K_ITEM, PM_SCAN_BY_ID);
    lo = v_int(ids[3]);
    s.lo = &lo;
    ASSERT_SCAN_IDS(c->st, &s, ids[3], ids[4], ids[5]);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, ids[5], ids[4], ids[3]);
    s = scan_of(K_ITEM, PM_SCAN_BY_ID);
    hi = v_int(ids[2]);
    s.hi = &hi;
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_IDS(c->st, &s, ids[0], ids[1]);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, ids[2], ids[1], ids[0]);

    s = scan_of(K_ITEM, PM_SCAN_BY_ID);
    s.limit = 2;
    ASSERT_SCAN_IDS(c->st, &s, ids[0], ids[1]);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, ids[5], ids[4]);
    s.limit = 100;
    ASSERT_SCAN_IDS(c->st, &s, ids[5], ids[4], ids[3], ids[2], ids[1], ids[0]);

    s = scan_of(K_ITEM, PM_SCAN_BY_ID);
    lo = v_int(ids[5] + 1);
    s.lo = &lo;
    ASSERT_SCAN_EMPTY(c->st, &s);
    lo = v_int(ids[4]);
    hi = v_int(ids[1]);
    s.hi = &hi;
    ASSERT_SCAN_EMPTY(c->st, &s);
    lo = v_int(ids[2]);
    hi = v_int(ids[2]);
    ASSERT_SCAN_IDS(c->st, &s, ids[2]);
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_EMPTY(c->st, &s);
}

static void test_scan_int_index_orders_negative_and_extreme_values_numerically(void **state)
{
    conf *c = *state;
    static const int64_t nums[] = { 5, -3, INT64_MIN, 0, INT64_MAX, -3, 5, 100,
                                    -1000000000000, 5, 10, -10 };
    static const int64_t sorted[] = { INT64_MIN, -1000000000000, -10, -3, -3, 0,
                                      5, 5, 5, 10, 100, INT64_MAX };
    static const int64_t ranged[] = { -3, -3, 0, 5, 5, 5, 10 };
    pm_value want[12];
    BEGIN(c->st);
    for (size_t i = 0; i < 12; i++)
        item_insert(c->st, nums[i], I_NUM, v_null());
    COMMIT(c->st);

    pm_scan s = scan_of(K_ITEM, IX_NUM);
    ints_to_values(want, sorted, 12);
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, want, 12);
    s.flags = PM_SCAN_DESC;
    reverse_values(want, 12);
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, want, 12);

    pm_value lo = v_int(-3), hi = v_int(10);
    s = scan_of(K_ITEM, IX_NUM);
    s.lo = &lo;
    s.hi = &hi;
    ints_to_values(want, ranged, 7);
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, want, 7);
    s.flags = PM_SCAN_DESC;
    reverse_values(want, 7);
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, want, 7);
}

static void test_scan_breaks_ties_by_id_ascending(void **state)
{
    conf *c = *state;
    pm_id same[8];
    BEGIN(c->st);
    item_insert(c->st, 1, I_NUM, v_null());
    for (int i = 0; i < 8; i++) {
        same[i] = item_insert(c->st, 2, I_NUM, v_null());
        item_insert(c->st, i % 2 ? 1 : 3, I_NUM, v_null());
    }
    COMMIT(c->st);
    sort_ids(same, 8);
    pm_value two = v_int(2);
    pm_scan s = scan_of(K_ITEM, IX_NUM);
    s.neq = 1;
    s.eq = &two;
    ASSERT_SCAN_IDS(c->st, &s, same[0], same[1], same[2], same[3], same[4], same[5], same[6],
                    same[7]);
    s = scan_of(K_ITEM, IX_NUM);
    s.lo = &two;
    s.hi = &two;
    ASSERT_SCAN_IDS(c->st, &s, same[0], same[1], same[2], same[3], same[4], same[5], same[6],
                    same[7]);
    s.limit = 3;
    ASSERT_SCAN_IDS(c->st, &s, same[0], same[1], same[2]);
}

/* DESC must give exactly the ascending rows reversed, ties included. */
static void expect_desc_is_reverse(pm_storage *st, pm_scan s)
{
    conf_rows asc, desc;
    char what[600];
    s.flags &= ~PM_SCAN_DESC;
    uint64_t limit = s.limit;
    s.limit = 0;
    SCAN(st, &s, &asc);
    s.flags |= PM_SCAN_DESC;
    s.limit = limit;
    SCAN(st, &s, &desc);
    scan_fmt(&s, what, sizeof what);
    size_t want = limit && limit < asc.n ? (size_t)limit : asc.n;
    if (desc.n != want) {
        size_t got = desc.n;
        conf_rows_free(&asc);
        conf_rows_free(&desc);
        CONF_FAIL("%s: %zu rows, expected %zu", what, got, want);
    }
    for (size_t i = 0; i < desc.n; i++) {
        pm_id d = desc.rows[i].id, a = asc.rows[asc.n - 1 - i].id;
        if (d != a) {
            conf_rows_free(&asc);
            conf_rows_free(&desc);
            CONF_FAIL("%s: position %zu is id %" PRId64 ", the ascending scan reversed has %" PRId64,
                      what, i, d, a);
        }
    }
    conf_rows_free(&asc);
    conf_rows_free(&desc);
}

static void test_scan_desc_reverses_the_order_including_the_id_tie_break(void **state)
{
    conf *c = *state;
    static const char *const texts[] = { "b", "a", NULL, "b", "ab", NULL, "a" };
    pm_value v[CONF_MAX_FIELDS];
    BEGIN(c->st);
    for (int i = 0; i < 21; i++) {
        item_init(v, i % 3);
        const char *t = texts[i % 7];
        v[I_TEXT] = t ? v_text(t) : v_null();
        v[I_REAL] = i % 4 ? v_real((double)(i % 4) / 2) : v_null();
        v[I_DATE] = i % 5 ? v_int(i % 5 - 2) : v_null();
        v[I_TIME] = v_int(i % 2);
        v[I_BLOB] = i % 3 ? v_blob("\0\0", (size_t)(i % 3)) : v_null();
        INSERT(c->st, K_ITEM, v);
    }
    COMMIT(c->st);
    expect_desc_is_reverse(c->st, scan_of(K_ITEM, PM_SCAN_BY_ID));
    for (unsigned int index = 0; index < IX_NITEM; index++) {
        pm_scan s = scan_of(K_ITEM, index);
        expect_desc_is_reverse(c->st, s);
        s.limit = 4;
        expect_desc_is_reverse(c->st, s);
    }
    pm_value one = v_int(1), a = v_text("a");
    pm_value eq[2] = { one, a };
    pm_scan s = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    s.neq = 1;
    s.eq = eq;
    expect_desc_is_reverse(c->st, s);
    s.neq = 2;
    expect_desc_is_reverse(c->st, s);
    s.limit = 1;
    expect_desc_is_reverse(c->st, s);
}

static void test_scan_real_index_orders_numerically(void **state)
{
    conf *c = *state;
    static const double reals[] = { 2.5, -1e300, 0.1, -0.5, 1e300, 3.0, 10.0, 9.99, -2.0 };
    pm_value want[10];
    BEGIN(c->st);
    for (size_t i = 0; i < 9; i++)
        item_insert(c->st, 0, I_REAL, v_real(reals[i]));
    item_insert(c->st, 0, I_REAL, v_null());
    COMMIT(c->st);

    /* 10.0 after 9.99 and 2.5: a backend comparing text would put it first. */
    want[0] = v_null();
    want[1] = v_real(-1e300);
    want[2] = v_real(-2.0);
    want[3] = v_real(-0.5);
    want[4] = v_real(0.1);
    want[5] = v_real(2.5);
    want[6] = v_real(3.0);
    want[7] = v_real(9.99);
    want[8] = v_real(10.0);
    want[9] = v_real(1e300);
    pm_scan s = scan_of(K_ITEM, IX_REAL);
    ASSERT_SCAN_VALUES(c->st, &s, I_REAL, want, 10);

    pm_value lo = v_real(0.1), hi = v_real(10.0);
    s.lo = &lo;
    s.hi = &hi;
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_REAL, want + 5, 4);
    lo = v_real(-1.0);
    hi = v_real(3.0);
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_REAL, want + 3, 3);
    pm_value three = v_real(3.0);
    s = scan_of(K_ITEM, IX_REAL);
    s.neq = 1;
    s.eq = &three;
    ASSERT_SCAN_VALUES(c->st, &s, I_REAL, want + 6, 1);
}

static void test_scan_date_and_time_indexes_order_values_before_1970(void **state)
{
    conf *c = *state;
    static const int64_t dates[] = { -25567, -1, 0, 1, 20000, -719162, 2932896, -10 };
    static const int64_t dates_sorted[] = { -719162, -25567, -10, -1, 0, 1, 20000, 2932896 };
    static const int64_t times[] = { -2208988800, -1, 0, 1781524800, -62135596800, 86399, 1 };
    static const int64_t times_sorted[] = { -62135596800, -2208988800, -1, 0, 1, 86399,
                                            1781524800 };
    pm_value v[CONF_MAX_FIELDS], want[10];
    BEGIN(c->st);
    for (size_t i = 0; i < 8; i++) {
        item_init(v, 0);
        v[I_DATE] = v_int(dates[i]);
        v[I_TIME] = i < 7 ? v_int(times[i]) : v_null();
        INSERT(c->st, K_ITEM, v);
    }
    COMMIT(c->st);

    pm_scan s = scan_of(K_ITEM, IX_DATE);
    ints_to_values(want, dates_sorted, 8);
    ASSERT_SCAN_VALUES(c->st, &s, I_DATE, want, 8);
    pm_value lo = v_int(-25567), hi = v_int(0);
    s.lo = &lo;
    s.hi = &hi;
    ASSERT_SCAN_VALUES(c->st, &s, I_DATE, want + 1, 4);
    s.flags = PM_SCAN_DESC | PM_SCAN_LO_EXCLUSIVE;
    pm_value rev[3] = { v_int(0), v_int(-1), v_int(-10) };
    ASSERT_SCAN_VALUES(c->st, &s, I_DATE, rev, 3);

    s = scan_of(K_ITEM, IX_TIME);
    want[0] = v_null();
    ints_to_values(want + 1, times_sorted, 7);
    ASSERT_SCAN_VALUES(c->st, &s, I_TIME, want, 8);
    lo = v_int(-2208988800);
    hi = v_int(1);
    s.lo = &lo;
    s.hi = &hi;
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_TIME, want + 2, 3);
}

static void test_scan_text_index_orders_bytewise(void **state)
{
    conf *c = *state;
    /* Bytewise is code point order, not any locale's: "Z" < "a", "ä" (c3 a4)
     * < "å" (c3 a5) although Swedish sorts å first, NFD "e\u0301" < "é". */
    static const char *const inserted[] = {
        "a", "Z", "\xC3\xA5", "\xC3\xB6", "ab", "abc", "", "B", "\xC3\xA4", "aa",
        "\xC3\xA9", "e\xCC\x81", "\xE7\xB8\xBE", "\xF0\x9F\x98\x80", "\x7F",
    };
    static const char *const sorted[] = {
        "", "B", "Z", "a", "aa", "ab", "abc", "e\xCC\x81", "\x7F", "\xC3\xA4", "\xC3\xA5",
        "\xC3\xA9", "\xC3\xB6", "\xE7\xB8\xBE", "\xF0\x9F\x98\x80",
    };
    enum { N = sizeof inserted / sizeof inserted[0] };
    pm_value want[N + 1];
    BEGIN(c->st);
    for (size_t i = 0; i < N; i++)
        item_insert(c->st, 0, I_TEXT, v_text(inserted[i]));
    item_insert(c->st, 0, I_TEXT, v_null());
    COMMIT(c->st);

    want[0] = v_null();
    for (size_t i = 0; i < N; i++)
        want[i + 1] = v_text(sorted[i]);
    pm_scan s = scan_of(K_ITEM, IX_TEXT);
    ASSERT_SCAN_VALUES(c->st, &s, I_TEXT, want, N + 1);
    s.flags = PM_SCAN_DESC;
    reverse_values(want, N + 1);
    ASSERT_SCAN_VALUES(c->st, &s, I_TEXT, want, N + 1);
    reverse_values(want, N + 1);

    /* "abc" lies after "ab": the bound is not a prefix match. */
    pm_value lo = v_text("ab"), hi = v_text("\xC3\xA4");
    s = scan_of(K_ITEM, IX_TEXT);
    s.lo = &lo;
    s.hi = &hi;
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_TEXT, want + 7, 4);
    lo = v_text("a");
    hi = v_text("ab");
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_TEXT, want + 4, 2);
    hi = v_text("abb");
    s.flags = 0;
    ASSERT_SCAN_VALUES(c->st, &s, I_TEXT, want + 4, 3);
    lo = v_text("");
    hi = v_text("a");
    ASSERT_SCAN_VALUES(c->st, &s, I_TEXT, want + 1, 4);
}

static void test_scan_text_equality_matches_whole_values_only(void **state)
{
    conf *c = *state;
    pm_id ab[2];
    BEGIN(c->st);
    item_insert(c->st, 0, I_TEXT, v_text("abc"));
    ab[0] = item_insert(c->st, 0, I_TEXT, v_text("ab"));
    item_insert(c->st, 0, I_TEXT, v_text("a"));
    item_insert(c->st, 0, I_TEXT, v_text("aB"));
    pm_id empty = item_insert(c->st, 0, I_TEXT, v_text(""));
    pm_id null = item_insert(c->st, 0, I_TEXT, v_null());
    ab[1] = item_insert(c->st, 0, I_TEXT, v_text("ab"));
    item_insert(c->st, 0, I_TEXT, v_text("ab "));
    COMMIT(c->st);
    sort_ids(ab, 2);

    pm_value eq = v_text("ab");
    pm_scan s = scan_of(K_ITEM, IX_TEXT);
    s.neq = 1;
    s.eq = &eq;
    ASSERT_SCAN_IDS(c->st, &s, ab[0], ab[1]);
    eq = v_text("");
    ASSERT_SCAN_IDS(c->st, &s, empty);
    eq = v_textn(NULL, 0);
    ASSERT_SCAN_IDS(c->st, &s, empty);
    eq = v_null();
    ASSERT_SCAN_IDS(c->st, &s, null);
    eq = v_text("abcd");
    ASSERT_SCAN_EMPTY(c->st, &s);
    eq = v_text("A");
    ASSERT_SCAN_EMPTY(c->st, &s);
}

static void test_scan_blob_index_orders_bytes_including_nul(void **state)
{
    conf *c = *state;
    static const struct { const char *p; size_t n; } sorted[] = {
        { "", 0 }, { "\0", 1 }, { "\0\0", 2 }, { "\0\x01", 2 }, { "a", 1 }, { "a\0", 2 },
        { "a\0b", 3 }, { "a\0c", 3 }, { "\x7f", 1 }, { "\x80", 1 }, { "\xff", 1 },
        { "\xff\0", 2 },
    };
    enum { N = sizeof sorted / sizeof sorted[0] };
    static const unsigned int order[N] = { 7, 2, 10, 0, 5, 11, 1, 9, 3, 6, 4, 8 };
    pm_value want[N + 1];
    BEGIN(c->st);
    for (size_t i = 0; i < N; i++)
        item_insert(c->st, 0, I_BLOB, v_blob(sorted[order[i]].p, sorted[order[i]].n));
    item_insert(c->st, 0, I_BLOB, v_null());
    COMMIT(c->st);

    want[0] = v_null();
    for (size_t i = 0; i < N; i++)
        want[i + 1] = v_blob(sorted[i].p, sorted[i].n);
    pm_scan s = scan_of(K_ITEM, IX_BLOB);
    ASSERT_SCAN_VALUES(c->st, &s, I_BLOB, want, N + 1);

    pm_value eq = v_blob("a\0", 2);
    s.neq = 1;
    s.eq = &eq;
    ASSERT_SCAN_VALUES(c->st, &s, I_BLOB, want + 6, 1);
    eq = v_blob("\0", 1);
    ASSERT_SCAN_VALUES(c->st, &s, I_BLOB, want + 2, 1);
    eq = v_blob(NULL, 0);
    ASSERT_SCAN_VALUES(c->st, &s, I_BLOB, want + 1, 1);

    pm_value lo = v_blob("a", 1), hi = v_blob("a\0c", 3);
    s = scan_of(K_ITEM, IX_BLOB);
    s.lo = &lo;
    s.hi = &hi;
    s.flags = PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_BLOB, want + 6, 2);
    lo = v_blob("\0", 1);
    hi = v_blob("\0\xff", 2);
    s.flags = 0;
    ASSERT_SCAN_VALUES(c->st, &s, I_BLOB, want + 2, 3);
}

static void test_scan_null_sorts_first_and_null_equality_matches_null(void **state)
{
    conf *c = *state;
    pm_id nulls[3], ones[2];
    BEGIN(c->st);
    pm_id five = item_insert(c->st, 1, I_DATE, v_int(5));
    ones[0] = item_insert(c->st, 1, I_DATE, v_null());
    pm_id minus = item_insert(c->st, 1, I_DATE, v_int(-5));
    ones[1] = item_insert(c->st, 1, I_DATE, v_null());
    nulls[2] = item_insert(c->st, 2, I_DATE, v_null());
    COMMIT(c->st);
    nulls[0] = ones[0];
    nulls[1] = ones[1];
    sort_ids(nulls, 3);
    sort_ids(ones, 2);

    pm_scan s = scan_of(K_ITEM, IX_DATE);
    ASSERT_SCAN_IDS(c->st, &s, nulls[0], nulls[1], nulls[2], minus, five);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, five, minus, nulls[2], nulls[1], nulls[0]);
    pm_value null = v_null();
    s = scan_of(K_ITEM, IX_DATE);
    s.neq = 1;
    s.eq = &null;
    ASSERT_SCAN_IDS(c->st, &s, nulls[0], nulls[1], nulls[2]);
    s.flags = PM_SCAN_DESC;
    s.limit = 2;
    ASSERT_SCAN_IDS(c->st, &s, nulls[2], nulls[1]);

    /* In a multi-field index: (num = 1, text_v = NULL), then date_v. */
    pm_value eq[3] = { v_int(1), v_null(), v_null() };
    s = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    s.neq = 2;
    s.eq = eq;
    ASSERT_SCAN_IDS(c->st, &s, ones[0], ones[1], minus, five);
    s.neq = 3;
    ASSERT_SCAN_IDS(c->st, &s, ones[0], ones[1]);
}

static void test_scan_lo_and_hi_are_inclusive_unless_flagged_exclusive(void **state)
{
    conf *c = *state;
    static const int64_t nums[] = { 30, 10, 50, 20, 40, 30 };
    pm_value w[6];
    BEGIN(c->st);
    for (size_t i = 0; i < 6; i++)
        item_insert(c->st, nums[i], I_NUM, v_null());
    COMMIT(c->st);
    ints_to_values(w, (const int64_t[]){ 10, 20, 30, 30, 40, 50 }, 6);

    pm_value lo = v_int(20), hi = v_int(40);
    pm_scan s = scan_of(K_ITEM, IX_NUM);
    s.lo = &lo;
    s.hi = &hi;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 1, 4);
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 2, 3);
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 1, 3);
    s.flags = PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 2, 2);

    lo = v_int(30);
    hi = v_int(30);
    s.flags = 0;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 2, 2);
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_EMPTY(c->st, &s);
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_EMPTY(c->st, &s);

    /* Bounds between stored values. */
    lo = v_int(25);
    hi = v_int(35);
    s.flags = PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 2, 2);
    lo = v_int(40);
    hi = v_int(20);
    s.flags = 0;
    ASSERT_SCAN_EMPTY(c->st, &s);
}

static void test_scan_with_only_lo_or_only_hi(void **state)
{
    conf *c = *state;
    static const int64_t nums[] = { 30, 10, 50, 20, 40, 30 };
    pm_value w[6];
    BEGIN(c->st);
    for (size_t i = 0; i < 6; i++)
        item_insert(c->st, nums[i], I_NUM, v_null());
    COMMIT(c->st);
    ints_to_values(w, (const int64_t[]){ 10, 20, 30, 30, 40, 50 }, 6);

    pm_value b = v_int(30);
    pm_scan s = scan_of(K_ITEM, IX_NUM);
    s.lo = &b;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 2, 4);
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 4, 2);
    s.flags = PM_SCAN_LO_EXCLUSIVE | PM_SCAN_HI_EXCLUSIVE; /* no hi: the flag is moot */
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w + 4, 2);

    s = scan_of(K_ITEM, IX_NUM);
    s.hi = &b;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w, 4);
    s.flags = PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w, 2);
    s.flags = PM_SCAN_HI_EXCLUSIVE | PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w, 2);
    pm_value big = v_int(1000);
    s.hi = &big;
    s.flags = 0;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w, 6);
    pm_value small = v_int(-1000);
    s.hi = &small;
    ASSERT_SCAN_EMPTY(c->st, &s);
}

/* NULL sorts before every value, so a range with only an upper bound runs
 * from the first row of the index, NULLs included, and a lower bound
 * leaves them out. */
static void test_scan_only_hi_includes_nulls_and_a_lo_bound_excludes_them(void **state)
{
    conf *c = *state;
    BEGIN(c->st);
    pm_id n1 = item_insert(c->st, 0, I_DATE, v_null());
    pm_id d0 = item_insert(c->st, 0, I_DATE, v_int(0));
    pm_id n2 = item_insert(c->st, 0, I_DATE, v_null());
    pm_id d9 = item_insert(c->st, 0, I_DATE, v_int(9));
    COMMIT(c->st);
    pm_id nulls[2] = { n1, n2 };
    sort_ids(nulls, 2);

    pm_value hi = v_int(5), lo = v_int(-100);
    pm_scan s = scan_of(K_ITEM, IX_DATE);
    s.hi = &hi;
    ASSERT_SCAN_IDS(c->st, &s, nulls[0], nulls[1], d0);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, d0, nulls[1], nulls[0]);
    s = scan_of(K_ITEM, IX_DATE);
    s.lo = &lo;
    ASSERT_SCAN_IDS(c->st, &s, d0, d9);
    s.hi = &hi;
    ASSERT_SCAN_IDS(c->st, &s, d0);
}

static void test_scan_equality_prefix_on_one_two_and_three_fields(void **state)
{
    conf *c = *state;
    static const struct { int64_t num; const char *text; int has_date; int64_t date; } rows[] = {
        { 1, "a", 1, 10 }, { 1, "a", 1, 20 }, { 1, "b", 1, 5 }, { 1, NULL, 1, 7 },
        { 2, "a", 1, 10 }, { 1, "a", 0, 0 }, { 0, "a", 1, 10 }, { 1, "ab", 1, 1 },
    };
    pm_id r[8];
    pm_value v[CONF_MAX_FIELDS];
    BEGIN(c->st);
    for (size_t i = 0; i < 8; i++) {
        item_init(v, rows[i].num);
        v[I_TEXT] = rows[i].text ? v_text(rows[i].text) : v_null();
        v[I_DATE] = rows[i].has_date ? v_int(rows[i].date) : v_null();
        r[i] = INSERT(c->st, K_ITEM, v);
    }
    COMMIT(c->st);

    pm_value eq[3] = { v_int(1), v_text("a"), v_int(20) };
    pm_scan s = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    ASSERT_SCAN_IDS(c->st, &s, r[6], r[3], r[5], r[0], r[1], r[7], r[2], r[4]);
    s.eq = eq;
    s.neq = 1;
    ASSERT_SCAN_IDS(c->st, &s, r[3], r[5], r[0], r[1], r[7], r[2]);
    s.neq = 2;
    ASSERT_SCAN_IDS(c->st, &s, r[5], r[0], r[1]);
    s.neq = 3;
    ASSERT_SCAN_IDS(c->st, &s, r[1]);
    eq[2] = v_int(15);
    ASSERT_SCAN_EMPTY(c->st, &s);

    /* A range on the field after the prefix. */
    pm_value lo = v_text("a"), hi = v_text("ab");
    s.neq = 1;
    s.lo = &lo;
    s.hi = &hi;
    ASSERT_SCAN_IDS(c->st, &s, r[5], r[0], r[1], r[7]);
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    ASSERT_SCAN_IDS(c->st, &s, r[7]);
    s.flags = PM_SCAN_DESC | PM_SCAN_HI_EXCLUSIVE;
    ASSERT_SCAN_IDS(c->st, &s, r[1], r[0], r[5]);
    lo = v_int(5);
    hi = v_int(15);
    s.neq = 2;
    s.flags = 0;
    ASSERT_SCAN_IDS(c->st, &s, r[0]);
    lo = v_int(10);
    hi = v_int(20);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, r[1], r[0]);

    s = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    s.eq = eq;
    s.neq = 1;
    s.limit = 2;
    ASSERT_SCAN_IDS(c->st, &s, r[3], r[5]);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, r[2], r[7]);
    eq[1] = v_null();
    s.neq = 2;
    s.limit = 0;
    s.flags = 0;
    ASSERT_SCAN_IDS(c->st, &s, r[3]);
}

static void test_scan_limit_with_and_without_desc(void **state)
{
    conf *c = *state;
    pm_id ids[10];
    BEGIN(c->st);
    for (int i = 0; i < 10; i++)
        ids[i] = item_insert(c->st, 7, I_NUM, v_null());
    item_insert(c->st, 8, I_NUM, v_null());
    item_insert(c->st, 6, I_NUM, v_null());
    COMMIT(c->st);
    sort_ids(ids, 10);

    pm_value seven = v_int(7);
    pm_scan s = scan_of(K_ITEM, IX_NUM);
    s.neq = 1;
    s.eq = &seven;
    s.limit = 1;
    ASSERT_SCAN_IDS(c->st, &s, ids[0]);
    s.limit = 3;
    ASSERT_SCAN_IDS(c->st, &s, ids[0], ids[1], ids[2]);
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_IDS(c->st, &s, ids[9], ids[8], ids[7]);
    s.limit = 1;
    ASSERT_SCAN_IDS(c->st, &s, ids[9]);
    s.limit = 10;
    ASSERT_SCAN_COUNT(c->st, &s, 10);
    s.limit = 11;
    ASSERT_SCAN_COUNT(c->st, &s, 10);
    s.limit = UINT64_MAX;
    ASSERT_SCAN_COUNT(c->st, &s, 10);

    s = scan_of(K_ITEM, IX_NUM);
    s.limit = 2;
    pm_value w[2] = { v_int(6), v_int(7) };
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w, 2);
    s.flags = PM_SCAN_DESC;
    w[0] = v_int(8);
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w, 2);
    s.lo = &seven;
    s.flags = PM_SCAN_LO_EXCLUSIVE;
    s.limit = 5;
    ASSERT_SCAN_VALUES(c->st, &s, I_NUM, w, 1);
}

static int count_cb(const pm_row *row, void *payload)
{
    (void)row;
    (*(size_t *)payload)++;
    return 0;
}

static void test_scan_returns_nothing_when_nothing_matches(void **state)
{
    conf *c = *state;
    size_t calls = 0;
    for (unsigned int kind = 0; kind < K_NKINDS; kind++) {
        pm_scan s = scan_of(kind, PM_SCAN_BY_ID);
        CONF_OK(c->st, c->st->scan(c->st, &s, count_cb, &calls));
        for (unsigned int index = 0; index < kinds_v1[kind].nindexes; index++) {
            s = scan_of(kind, index);
            CONF_OK(c->st, c->st->scan(c->st, &s, count_cb, &calls));
            s.flags = PM_SCAN_DESC;
            s.limit = 3;
            CONF_OK(c->st, c->st->scan(c->st, &s, count_cb, &calls));
        }
    }
    if (calls != 0)
        CONF_FAIL("scans of an empty store ran the callback %zu times", calls);

    BEGIN(c->st);
    item_insert(c->st, 1, I_TEXT, v_text("x"));
    item_insert(c->st, 2, I_TEXT, v_text("y"));
    COMMIT(c->st);
    pm_value eq = v_int(3), lo = v_text("z"), hi = v_text("a");
    pm_scan s = scan_of(K_ITEM, IX_NUM);
    s.neq = 1;
    s.eq = &eq;
    ASSERT_SCAN_EMPTY(c->st, &s);
    s = scan_of(K_ITEM, IX_TEXT);
    s.lo = &lo;
    ASSERT_SCAN_EMPTY(c->st, &s);
    s.lo = &hi;
    s.hi = &hi;
    ASSERT_SCAN_EMPTY(c->st, &s);
    s.lo = &lo;
    s.flags = PM_SCAN_DESC;
    ASSERT_SCAN_EMPTY(c->st, &s);
    ASSERT_SCAN_EMPTY(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID));
}

/* ------------------------------------------------------------------------
 * Randomized differential test against a reference model
 * ------------------------------------------------------------------------ */

/* Small value domains, so that equal values, shared prefixes and NULLs are
 * common and every tie-break and bound edge is hit many times. */
static const int64_t diff_ints[] = { INT64_MIN, -1000000, -3, -2, -1, 0, 1, 2, 3, 1000000,
                                     INT64_MAX };
static const char *const diff_texts[] = { "", "a", "aa", "ab", "abc", "B", "Z", "\xC3\xA5",
                                          "\xC3\xB6", "\xC3\xA4", "e\xCC\x81",
                                          "\xF0\x9F\x98\x80" };
static const double diff_reals[] = { -1e300, -2.5, -0.5, 0.0, 0.25, 1.0, 3.0, 1e12 };
static const struct { const char *p; size_t n; } diff_blobs[] = {
    { "", 0 }, { "\0", 1 }, { "\0\0", 2 }, { "\0a", 2 }, { "a", 1 }, { "a\0", 2 },
    { "a\0b", 3 }, { "\x7f", 1 }, { "\x80", 1 }, { "\xff", 1 }, { "\xff\0", 2 },
};
static const int64_t diff_dates[] = { -719162, -25567, -1, 0, 1, 18000, 20000, 2932896 };
#define DIFF_U_RANGE 600u

#define DIFF_SEED UINT64_C(0x5eed2026c0ffee01)
#define DIFF_BATCHES 200
#define DIFF_FINAL_SCANS 500

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

typedef struct diff_row {
    pm_id id;
    pm_value v[D_NFIELDS]; /* bytes point into the static domains above */
} diff_row;

typedef struct diff_model {
    diff_row *rows;
    size_t n;
    size_t cap;
} diff_model;

typedef struct diff_ctx {
    pm_storage *st;
    uint64_t rng;
    diff_model m;
    pm_id removed[32]; /* recently removed ids, for not-found checks */
    size_t nremoved;
    unsigned int batch;
    unsigned int op;
} diff_ctx;

/* splitmix64: tiny, and the same sequence on every platform. */
static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static size_t rng_below(uint64_t *s, size_t n)
{
    return (size_t)(rng_next(s) % n);
}

static void model_copy(diff_model *dst, const diff_model *src)
{
    if (dst->cap < src->n) {
        dst->rows = conf_xrealloc(dst->rows, src->n * sizeof *dst->rows);
        dst->cap = src->n;
    }
    if (src->n)
        memcpy(dst->rows, src->rows, src->n * sizeof *src->rows);
    dst->n = src->n;
}

static void diff_random_value(diff_ctx *d, unsigned int field, pm_value *out)
{
    size_t null_one_in = field == D_U ? 3 : 6;
    if (field != D_D && rng_below(&d->rng, null_one_in) == 0) {
        *out = v_null();
        return;
    }
    switch (field) {
    case D_A:
        *out = v_int(diff_ints[rng_below(&d->rng, COUNT_OF(diff_ints))]);
        break;
    case D_S:
        *out = v_text(diff_texts[rng_below(&d->rng, COUNT_OF(diff_texts))]);
        break;
    case D_R:
        *out = v_real(diff_reals[rng_below(&d->rng, COUNT_OF(diff_reals))]);
        break;
    case D_D:
        *out = v_int(diff_dates[rng_below(&d->rng, COUNT_OF(diff_dates))]);
        break;
    case D_BL: {
        size_t k = rng_below(&d->rng, COUNT_OF(diff_blobs));
        *out = v_blob(diff_blobs[k].p, diff_blobs[k].n);
        break;
    }
    default:
        *out = v_int((int64_t)rng_below(&d->rng, DIFF_U_RANGE));
        break;
    }
}

static void diff_random_row(diff_ctx *d, pm_value *v)
{
    for (unsigned int f = 0; f < D_NFIELDS; f++)
        diff_random_value(d, f, &v[f]);
}

static int diff_u_taken(const diff_model *m, const pm_value *v, pm_id except)
{
    if (v[D_U].type == PM_VALUE_NULL)
        return 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->rows[i].id != except && value_equal(&m->rows[i].v[D_U], &v[D_U]))
            return 1;
    return 0;
}

static void diff_expect(diff_ctx *d, pm_status want, pm_status got, const char *what)
{
    if (want != got)
        CONF_FAIL("seed %#" PRIx64 " batch %u op %u: %s: expected %s (%d), got %s (%d); errmsg: %s",
                  DIFF_SEED, d->batch, d->op, what, pm_status_str(want), (int)want,
                  pm_status_str(got), (int)got, got == PM_OK ? "-" : conf_errmsg(d->st));
}

static void diff_note_removed(diff_ctx *d, pm_id id)
{
    d->removed[d->nremoved++ % COUNT_OF(d->removed)] = id;
}

static void diff_op(diff_ctx *d)
{
    pm_storage *st = d->st;
    diff_model *m = &d->m;
    pm_value v[D_NFIELDS];
    size_t r = rng_below(&d->rng, 100);
    d->op++;
    if (r < 50 || m->n == 0) {
        diff_random_row(d, v);
        int conflict = diff_u_taken(m, v, 0);
        pm_id id = 0;
        pm_status rc = st->insert(st, K_DIFF, v, &id);
        diff_expect(d, conflict ? PM_ECONFLICT : PM_OK, rc, "insert");
        if (conflict)
            return;
        if (id <= 0)
            CONF_FAIL("batch %u op %u: insert returned id %" PRId64, d->batch, d->op, id);
        for (size_t i = 0; i < m->n; i++)
            if (m->rows[i].id == id)
                CONF_FAIL("batch %u op %u: insert returned id %" PRId64 " of a live row",
                          d->batch, d->op, id);
        if (m->n == m->cap) {
            m->cap = m->cap ? m->cap * 2 : 64;
            m->rows = conf_xrealloc(m->rows, m->cap * sizeof *m->rows);
        }
        m->rows[m->n].id = id;
        memcpy(m->rows[m->n].v, v, sizeof v);
        m->n++;
    } else if (r < 75) {
        diff_row *row = &m->rows[rng_below(&d->rng, m->n)];
        if (rng_below(&d->rng, 20) == 0)
            memcpy(v, row->v, sizeof v);
        else
            diff_random_row(d, v);
        int conflict = diff_u_taken(m, v, row->id);
        pm_status rc = st->update(st, K_DIFF, row->id, v);
        diff_expect(d, conflict ? PM_ECONFLICT : PM_OK, rc, "update");
        if (!conflict)
            memcpy(row->v, v, sizeof v);
    } else if (r < 92) {
        size_t k = rng_below(&d->rng, m->n);
        pm_id id = m->rows[k].id;
        diff_expect(d, PM_OK, st->remove(st, K_DIFF, id), "remove");
        m->rows[k] = m->rows[--m->n];
        diff_note_removed(d, id);
    } else if (d->nremoved > 0) {
        size_t have = d->nremoved < COUNT_OF(d->removed) ? d->nremoved : COUNT_OF(d->removed);
        pm_id id = d->removed[rng_below(&d->rng, have)];
        for (size_t i = 0; i < m->n; i++)
            if (m->rows[i].id == id)
                return; /* a rolled-back remove brought it back */
        size_t calls = 0;
        diff_expect(d, PM_ENOTFOUND, st->get(st, K_DIFF, id, count_cb, &calls), "get of a removed id");
        diff_random_row(d, v);
        diff_expect(d, PM_ENOTFOUND, st->update(st, K_DIFF, id, v), "update of a removed id");
        diff_expect(d, PM_ENOTFOUND, st->remove(st, K_DIFF, id), "remove of a removed id");
    }
}

static int diff_row_cmp(const diff_row *a, const diff_row *b, const pm_index_def *ix)
{
    for (unsigned int k = 0; ix && k < ix->nfields; k++) {
        int c = value_cmp(&a->v[ix->fields[k]], &b->v[ix->fields[k]]);
        if (c != 0)
            return c;
    }
    return (a->id > b->id) - (a->id < b->id);
}

/* A merge sort, because qsort() cannot take the index as context. */
static void diff_sort(const diff_row **a, const diff_row **tmp, size_t n, const pm_index_def *ix)
{
    if (n < 2)
        return;
    size_t h = n / 2;
    diff_sort(a, tmp, h, ix);
    diff_sort(a + h, tmp, n - h, ix);
    size_t i = 0, j = h, k = 0;
    while (i < h && j < n)
        tmp[k++] = diff_row_cmp(a[j], a[i], ix) < 0 ? a[j++] : a[i++];
    while (i < h)
        tmp[k++] = a[i++];
    while (j < n)
        tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

static int diff_matches(const diff_row *r, const pm_scan *s, const pm_index_def *ix)
{
    int c;
    if (ix == NULL) {
        pm_value id = v_int(r->id);
        if (s->lo && ((c = value_cmp(&id, s->lo)) < 0 || (c == 0 && (s->flags & PM_SCAN_LO_EXCLUSIVE))))
            return 0;
        if (s->hi && ((c = value_cmp(&id, s->hi)) > 0 || (c == 0 && (s->flags & PM_SCAN_HI_EXCLUSIVE))))
            return 0;
        return 1;
    }
    for (unsigned int k = 0; k < s->neq; k++)
        if (value_cmp(&r->v[ix->fields[k]], &s->eq[k]) != 0)
            return 0;
    if (s->neq < ix->nfields) {
        const pm_value *v = &r->v[ix->fields[s->neq]];
        if (s->lo && ((c = value_cmp(v, s->lo)) < 0 || (c == 0 && (s->flags & PM_SCAN_LO_EXCLUSIVE))))
            return 0;
        if (s->hi && ((c = value_cmp(v, s->hi)) > 0 || (c == 0 && (s->flags & PM_SCAN_HI_EXCLUSIVE))))
            return 0;
    }
    return 1;
}

static void diff_check_scan(diff_ctx *d, const pm_scan *s, const char *when)
{
    const pm_index_def *ix = s->index == PM_SCAN_BY_ID ? NULL : &diff_indexes[s->index];
    size_t n = 0, cap = d->m.n ? d->m.n : 1;
    const diff_row **want = conf_xrealloc(NULL, cap * sizeof *want);
    const diff_row **tmp = conf_xrealloc(NULL, cap * sizeof *tmp);
    for (size_t i = 0; i < d->m.n; i++)
        if (diff_matches(&d->m.rows[i], s, ix))
            want[n++] = &d->m.rows[i];
    diff_sort(want, tmp, n, ix);
    if (s->flags & PM_SCAN_DESC)
        for (size_t i = 0; i < n / 2; i++) {
            const diff_row *t = want[i];
            want[i] = want[n - 1 - i];
            want[n - 1 - i] = t;
        }
    if (s->limit && s->limit < n)
        n = (size_t)s->limit;

    conf_rows got;
    char what[800], diff[600];
    memset(&got, 0, sizeof got);
    pm_status rc = d->st->scan(d->st, s, collect_cb, &got);
    scan_fmt(s, what, sizeof what);
    int bad = rc != PM_OK || got.bad[0];
    if (rc != PM_OK)
        snprintf(diff, sizeof diff, "scan failed: %s (%d): %s", pm_status_str(rc), (int)rc,
                 conf_errmsg(d->st));
    else if (got.bad[0])
        snprintf(diff, sizeof diff, "malformed row: %s", got.bad);
    for (size_t i = 0; !bad && i < got.n && i < n; i++) {
        char rd[500];
        if (row_diff(&got.rows[i], want[i]->id, want[i]->v, D_NFIELDS, rd, sizeof rd)) {
            snprintf(diff, sizeof diff, "at position %zu of %zu: %s", i, n, rd);
            bad = 1;
        }
    }
    if (!bad && got.n != n) {
        snprintf(diff, sizeof diff, "%zu rows, the model has %zu", got.n, n);
        bad = 1;
    }
    free(want);
    free(tmp);
    conf_rows_free(&got);
    if (bad)
        CONF_FAIL("seed %#" PRIx64 " batch %u (%s), %zu rows live:\n  %s\n  %s", DIFF_SEED,
                  d->batch, when, d->m.n, what, diff);
}

static void diff_bound(diff_ctx *d, const diff_row *base, unsigned int field, pm_value *out)
{
    if (base && base->v[field].type != PM_VALUE_NULL && rng_below(&d->rng, 2)) {
        *out = base->v[field];
        return;
    }
    do
        diff_random_value(d, field, out);
    while (out->type == PM_VALUE_NULL);
}

static void diff_random_scan(diff_ctx *d, pm_scan *s, pm_value *eq, pm_value *lo, pm_value *hi)
{
    const diff_row *base = d->m.n ? &d->m.rows[rng_below(&d->rng, d->m.n)] : NULL;
    size_t pick = rng_below(&d->rng, DX_NDIFF + 1);
    memset(s, 0, sizeof *s);
    s->kind = K_DIFF;
    s->eq = eq;
    if (pick == DX_NDIFF) {
        s->index = PM_SCAN_BY_ID;
        int64_t near = base ? base->id : 1;
        if (rng_below(&d->rng, 2)) {
            *lo = v_int(near + (int64_t)rng_below(&d->rng, 5) - 2);
            s->lo = lo;
        }
        if (rng_below(&d->rng, 2)) {
            *hi = v_int(near + (int64_t)rng_below(&d->rng, 400) - 100);
            s->hi = hi;
        }
    } else {
        const pm_index_def *ix = &diff_indexes[pick];
        s->index = (unsigned int)pick;
        s->neq = (unsigned int)rng_below(&d->rng, ix->nfields + 1);
        for (unsigned int k = 0; k < s->neq; k++) {
            unsigned int f = ix->fields[k];
            if (base && rng_below(&d->rng, 4))
                eq[k] = base->v[f];
            else
                diff_random_value(d, f, &eq[k]);
        }
        if (s->neq < ix->nfields) {
            unsigned int f = ix->fields[s->neq];
            if (rng_below(&d->rng, 5) < 2) {
                diff_bound(d, base, f, lo);
                s->lo = lo;
            }
            if (rng_below(&d->rng, 5) < 2) {
                diff_bound(d, base, f, hi);
                s->hi = hi;
            }
        }
    }
    s->flags = (unsigned int)rng_below(&d->rng, 8);
    s->limit = rng_below(&d->rng, 3) == 0 ? 1 + rng_below(&d->rng, 8) : 0;
}

static void diff_check_random_scans(diff_ctx *d, unsigned int n, const char *when)
{
    for (unsigned int i = 0; i < n; i++) {
        pm_scan s;
        pm_value eq[PM_INDEX_MAX_FIELDS], lo, hi;
        diff_random_scan(d, &s, eq, &lo, &hi);
        diff_check_scan(d, &s, when);
    }
}

static void diff_ops(diff_ctx *d, size_t n)
{
    for (size_t i = 0; i < n; i++)
        diff_op(d);
}

static void test_random_operations_match_a_reference_model(void **state)
{
    conf *c = *state;
    diff_ctx d;
    diff_model outer, inner;
    memset(&d, 0, sizeof d);
    memset(&outer, 0, sizeof outer);
    memset(&inner, 0, sizeof inner);
    d.st = c->st;
    d.rng = DIFF_SEED;
    pm_scan all = scan_of(K_DIFF, PM_SCAN_BY_ID);

    for (d.batch = 0; d.batch < DIFF_BATCHES; d.batch++) {
        BEGIN(c->st);
        model_copy(&outer, &d.m);
        diff_ops(&d, 4 + rng_below(&d.rng, 16));
        if (rng_below(&d.rng, 3) == 0) {
            BEGIN(c->st);
            model_copy(&inner, &d.m);
            diff_ops(&d, 1 + rng_below(&d.rng, 8));
            diff_check_random_scans(&d, 1, "inside a savepoint");
            if (rng_below(&d.rng, 3) == 0) {
                ROLLBACK(c->st);
                model_copy(&d.m, &inner);
                diff_check_random_scans(&d, 1, "after a savepoint rollback");
            } else {
                COMMIT(c->st);
            }
        }
        diff_ops(&d, rng_below(&d.rng, 6));
        if (rng_below(&d.rng, 5) == 0) {
            ROLLBACK(c->st);
            model_copy(&d.m, &outer);
            diff_check_random_scans(&d, 1, "after a rollback");
        } else {
            COMMIT(c->st);
        }
        diff_check_random_scans(&d, 2, "between transactions");
        if (d.batch % 20 == 0)
            diff_check_scan(&d, &all, "full check");
    }
    diff_check_scan(&d, &all, "full check at the end");
    diff_check_random_scans(&d, DIFF_FINAL_SCANS, "at the end");
    for (size_t i = 0; i < d.m.n; i++)
        ASSERT_GET(c->st, K_DIFF, d.m.rows[i].id, d.m.rows[i].v, D_NFIELDS);
    free(d.m.rows);
    free(outer.rows);
    free(inner.rows);
}

/* ------------------------------------------------------------------------
 * Unique indexes
 * ------------------------------------------------------------------------ */

static void test_unique_index_refuses_a_duplicate_and_changes_nothing(void **state)
{
    conf *c = *state;
    pm_value a[CONF_MAX_FIELDS], dup[CONF_MAX_FIELDS];
    pm_id id = 0;
    uniq_init(a, v_text("A-1"), v_int(1), v_text("x"), "first");
    BEGIN(c->st);
    pm_id first = INSERT(c->st, K_UNIQ, a);
    uniq_init(dup, v_text("A-1"), v_int(2), v_text("y"), "second");
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->insert(c->st, K_UNIQ, dup, &id));
    COMMIT(c->st);

    BEGIN(c->st);
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->insert(c->st, K_UNIQ, dup, &id));
    COMMIT(c->st);
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID), first);
    ASSERT_GET(c->st, K_UNIQ, first, a, U_NFIELDS);
    /* Nothing of the refused row reached any index. */
    pm_value note = v_text("second");
    pm_scan s = scan_of(K_UNIQ, UX_NOTE);
    s.neq = 1;
    s.eq = &note;
    ASSERT_SCAN_EMPTY(c->st, &s);
    pm_value gt[2] = { v_int(2), v_text("y") };
    s = scan_of(K_UNIQ, UX_GRP_TAG);
    s.neq = 2;
    s.eq = gt;
    ASSERT_SCAN_EMPTY(c->st, &s);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_UNIQ, UX_CODE), 1);
}

static void test_unique_two_field_index_refuses_only_a_full_duplicate(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS];
    pm_id id = 0;
    BEGIN(c->st);
    uniq_init(v, v_null(), v_int(1), v_text("x"), "1x");
    INSERT(c->st, K_UNIQ, v);
    uniq_init(v, v_null(), v_int(1), v_text("y"), "1y");
    INSERT(c->st, K_UNIQ, v);
    uniq_init(v, v_null(), v_int(2), v_text("x"), "2x");
    INSERT(c->st, K_UNIQ, v);
    uniq_init(v, v_null(), v_int(1), v_text("xx"), "1xx");
    INSERT(c->st, K_UNIQ, v);
    uniq_init(v, v_null(), v_int(1), v_text("x"), "1x again");
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->insert(c->st, K_UNIQ, v, &id));
    COMMIT(c->st);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID), 4);
}

static void test_unique_index_never_conflicts_on_rows_with_a_null_field(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS];
    BEGIN(c->st);
    for (int i = 0; i < 2; i++) {
        uniq_init(v, v_null(), v_null(), v_null(), "all null");
        INSERT(c->st, K_UNIQ, v);
        uniq_init(v, v_null(), v_null(), v_text("x"), "grp null");
        INSERT(c->st, K_UNIQ, v);
        uniq_init(v, v_null(), v_int(1), v_null(), "tag null");
        INSERT(c->st, K_UNIQ, v);
    }
    COMMIT(c->st);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID), 6);
    pm_value null = v_null();
    pm_scan s = scan_of(K_UNIQ, UX_CODE);
    s.neq = 1;
    s.eq = &null;
    ASSERT_SCAN_COUNT(c->st, &s, 6);
}

static void test_update_into_a_duplicate_is_econflict_and_leaves_the_row(void **state)
{
    conf *c = *state;
    pm_value a[CONF_MAX_FIELDS], b[CONF_MAX_FIELDS], v[CONF_MAX_FIELDS];
    uniq_init(a, v_text("a"), v_int(1), v_text("x"), "a");
    uniq_init(b, v_text("b"), v_int(2), v_text("x"), "b");
    BEGIN(c->st);
    pm_id ida = INSERT(c->st, K_UNIQ, a);
    pm_id idb = INSERT(c->st, K_UNIQ, b);
    COMMIT(c->st);

    BEGIN(c->st);
    memcpy(v, b, sizeof v);
    v[U_CODE] = v_text("a");
    v[U_NOTE] = v_text("changed");
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->update(c->st, K_UNIQ, idb, v));
    memcpy(v, b, sizeof v);
    v[U_GRP] = v_int(1);
    v[U_NOTE] = v_text("changed");
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->update(c->st, K_UNIQ, idb, v));
    ASSERT_GET(c->st, K_UNIQ, idb, b, U_NFIELDS);
    COMMIT(c->st);

    ASSERT_GET(c->st, K_UNIQ, ida, a, U_NFIELDS);
    ASSERT_GET(c->st, K_UNIQ, idb, b, U_NFIELDS);
    pm_scan s = scan_of(K_UNIQ, UX_CODE);
    s.neq = 1;
    s.eq = &b[U_CODE];
    ASSERT_SCAN_IDS(c->st, &s, idb);
    pm_value changed = v_text("changed");
    s = scan_of(K_UNIQ, UX_NOTE);
    s.neq = 1;
    s.eq = &changed;
    ASSERT_SCAN_EMPTY(c->st, &s);
}

static void test_update_to_its_own_values_does_not_conflict(void **state)
{
    conf *c = *state;
    pm_value a[CONF_MAX_FIELDS];
    uniq_init(a, v_text("a"), v_int(1), v_text("x"), "a");
    BEGIN(c->st);
    pm_id id = INSERT(c->st, K_UNIQ, a);
    COMMIT(c->st);
    BEGIN(c->st);
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, id, a));
    a[U_NOTE] = v_text("only the note changes");
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, id, a));
    COMMIT(c->st);
    ASSERT_GET(c->st, K_UNIQ, id, a, U_NFIELDS);
}

static void test_unique_value_is_free_again_after_remove_update_or_rollback(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS];
    BEGIN(c->st);
    uniq_init(v, v_text("a"), v_int(1), v_text("x"), "n");
    pm_id id = INSERT(c->st, K_UNIQ, v);
    CONF_OK(c->st, c->st->remove(c->st, K_UNIQ, id));
    id = INSERT(c->st, K_UNIQ, v);
    COMMIT(c->st);

    BEGIN(c->st);
    CONF_OK(c->st, c->st->remove(c->st, K_UNIQ, id));
    COMMIT(c->st);
    BEGIN(c->st);
    id = INSERT(c->st, K_UNIQ, v);
    COMMIT(c->st);

    /* An update releases the old values. */
    BEGIN(c->st);
    pm_value w[CONF_MAX_FIELDS];
    uniq_init(w, v_text("b"), v_int(2), v_text("x"), "n");
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, id, w));
    INSERT(c->st, K_UNIQ, v);
    COMMIT(c->st);

    /* A rolled-back insert releases its values too. */
    uniq_init(v, v_text("z"), v_int(9), v_text("z"), "n");
    BEGIN(c->st);
    INSERT(c->st, K_UNIQ, v);
    ROLLBACK(c->st);
    BEGIN(c->st);
    BEGIN(c->st);
    INSERT(c->st, K_UNIQ, v);
    ROLLBACK(c->st);
    INSERT(c->st, K_UNIQ, v);
    COMMIT(c->st);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID), 3);
}

/* ------------------------------------------------------------------------
 * Transactions
 * ------------------------------------------------------------------------ */

static void test_writes_outside_a_transaction_are_emisuse(void **state)
{
    conf *c = *state;
    pm_value v[CONF_MAX_FIELDS];
    pm_id id = 0;
    item_init(v, 1);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->insert(c->st, K_ITEM, v, &id));
    BEGIN(c->st);
    pm_id kept = INSERT(c->st, K_ITEM, v);
    COMMIT(c->st);

    pm_value w[CONF_MAX_FIELDS];
    item_init(w, 2);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->insert(c->st, K_ITEM, w, &id));
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->update(c->st, K_ITEM, kept, w));
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->remove(c->st, K_ITEM, kept));
    BEGIN(c->st);
    ROLLBACK(c->st);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->update(c->st, K_ITEM, kept, w));
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->remove(c->st, K_ITEM, kept));
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), kept);
    ASSERT_GET(c->st, K_ITEM, kept, v, I_NFIELDS);
}

static void test_commit_and_rollback_without_begin_are_emisuse(void **state)
{
    conf *c = *state;
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->commit(c->st));
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->rollback(c->st));
    BEGIN(c->st);
    COMMIT(c->st);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->commit(c->st));
    BEGIN(c->st);
    BEGIN(c->st);
    COMMIT(c->st);
    ROLLBACK(c->st);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->rollback(c->st));
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->commit(c->st));
    /* The store still works. */
    BEGIN(c->st);
    item_insert(c->st, 1, I_NUM, v_null());
    COMMIT(c->st);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), 1);
}

/* Every index scan of conf_item and conf_uniq, in full. */
typedef struct conf_snapshot {
    conf_rows scans[IX_NITEM + 1 + UX_NUNIQ + 1];
} conf_snapshot;

static void snapshot_take(pm_storage *st, conf_snapshot *snap)
{
    size_t k = 0;
    for (unsigned int i = 0; i <= IX_NITEM; i++) {
        pm_scan s = scan_of(K_ITEM, i == IX_NITEM ? PM_SCAN_BY_ID : i);
        SCAN(st, &s, &snap->scans[k++]);
    }
    for (unsigned int i = 0; i <= UX_NUNIQ; i++) {
        pm_scan s = scan_of(K_UNIQ, i == UX_NUNIQ ? PM_SCAN_BY_ID : i);
        SCAN(st, &s, &snap->scans[k++]);
    }
}

static void snapshot_free(conf_snapshot *snap)
{
    for (size_t k = 0; k < COUNT_OF(snap->scans); k++)
        conf_rows_free(&snap->scans[k]);
}

#define ASSERT_SNAPSHOT(st, snap, when) conf_assert_snapshot_at((st), (snap), (when), __FILE__, __LINE__)

static void conf_assert_snapshot_at(pm_storage *st, const conf_snapshot *want, const char *when,
                                    const char *file, int line)
{
    conf_snapshot got;
    char diff[800];
    memset(&got, 0, sizeof got);
    snapshot_take(st, &got);
    for (size_t k = 0; k < COUNT_OF(got.scans); k++) {
        if (rows_diff(&got.scans[k], &want->scans[k], diff, sizeof diff)) {
            unsigned int kind = k <= IX_NITEM ? K_ITEM : K_UNIQ;
            unsigned int i = (unsigned int)(k <= IX_NITEM ? k : k - IX_NITEM - 1);
            unsigned int n = kind == K_ITEM ? IX_NITEM : UX_NUNIQ;
            snapshot_free(&got);
            conf_fail_at(file, line, "%s: scan %s of %s differs: %s", when,
                         index_name(kind, i == n ? PM_SCAN_BY_ID : i), kinds_v1[kind].name, diff);
        }
    }
    snapshot_free(&got);
}

/* Five conf_item rows and two conf_uniq rows, committed. */
static void base_rows(pm_storage *st, pm_id *items, pm_id *uniqs)
{
    pm_value v[CONF_MAX_FIELDS];
    BEGIN(st);
    for (int i = 0; i < 5; i++) {
        item_init(v, i);
        v[I_TEXT] = v_text(i % 2 ? "odd" : "even");
        v[I_REAL] = v_real(i * 1.5);
        v[I_DATE] = v_int(i - 2);
        v[I_BLOB] = v_blob("\0\1\2\3\4", (size_t)i);
        items[i] = INSERT(st, K_ITEM, v);
    }
    for (int i = 0; i < 2; i++) {
        uniq_init(v, v_text(i ? "u1" : "u0"), v_int(i), v_text("t"), "base");
        uniqs[i] = INSERT(st, K_UNIQ, v);
    }
    COMMIT(st);
}

/* Inserts, updates (moving rows within every index) and removes. */
static void churn(pm_storage *st, const pm_id *items, const pm_id *uniqs)
{
    pm_value v[CONF_MAX_FIELDS];
    for (int i = 0; i < 3; i++) {
        item_init(v, 100 + i);
        v[I_TEXT] = v_text("new");
        INSERT(st, K_ITEM, v);
    }
    item_init(v, -7);
    v[I_TEXT] = v_text("moved");
    v[I_DATE] = v_int(99);
    v[I_TIME] = v_int(12345);
    CONF_OK(st, st->update(st, K_ITEM, items[1], v));
    item_init(v, 3);
    CONF_OK(st, st->update(st, K_ITEM, items[4], v));
    CONF_OK(st, st->remove(st, K_ITEM, items[2]));
    uniq_init(v, v_text("u0-renamed"), v_int(0), v_text("t"), "changed");
    CONF_OK(st, st->update(st, K_UNIQ, uniqs[0], v));
    CONF_OK(st, st->remove(st, K_UNIQ, uniqs[1]));
    uniq_init(v, v_text("u1"), v_int(1), v_text("t"), "takes u1's values");
    INSERT(st, K_UNIQ, v);
}

static void test_commit_keeps_inserts_updates_and_removes(void **state)
{
    conf *c = *state;
    pm_id items[5], uniqs[2];
    conf_snapshot inside;
    base_rows(c->st, items, uniqs);
    BEGIN(c->st);
    churn(c->st, items, uniqs);
    memset(&inside, 0, sizeof inside);
    snapshot_take(c->st, &inside);
    COMMIT(c->st);
    ASSERT_SNAPSHOT(c->st, &inside, "after commit");
    snapshot_free(&inside);
    ASSERT_MISSING(c->st, K_ITEM, items[2]);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), 7);
}

static void test_rollback_undoes_inserts_updates_and_removes_in_every_index(void **state)
{
    conf *c = *state;
    pm_id items[5], uniqs[2];
    conf_snapshot before;
    base_rows(c->st, items, uniqs);
    memset(&before, 0, sizeof before);
    snapshot_take(c->st, &before);
    BEGIN(c->st);
    churn(c->st, items, uniqs);
    ASSERT_MISSING(c->st, K_ITEM, items[2]);
    ROLLBACK(c->st);
    ASSERT_SNAPSHOT(c->st, &before, "after rollback");
    snapshot_free(&before);
    /* The unique index holds the old values again. */
    pm_value v[CONF_MAX_FIELDS];
    pm_id id = 0;
    uniq_init(v, v_text("u1"), v_null(), v_null(), "dup");
    BEGIN(c->st);
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->insert(c->st, K_UNIQ, v, &id));
    uniq_init(v, v_text("u0-renamed"), v_null(), v_null(), "free again");
    INSERT(c->st, K_UNIQ, v);
    COMMIT(c->st);
}

static void test_inner_rollback_undoes_only_the_inner_level(void **state)
{
    conf *c = *state;
    pm_id items[5], uniqs[2];
    conf_snapshot outer;
    base_rows(c->st, items, uniqs);
    BEGIN(c->st);
    pm_value v[CONF_MAX_FIELDS];
    item_init(v, 50);
    pm_id a = INSERT(c->st, K_ITEM, v);
    item_init(v, 51);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, items[0], v));
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, items[3]));
    memset(&outer, 0, sizeof outer);
    snapshot_take(c->st, &outer);

    BEGIN(c->st);
    churn(c->st, items, uniqs);
    item_init(v, 52);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, v));
    ROLLBACK(c->st);
    ASSERT_SNAPSHOT(c->st, &outer, "after the inner rollback");
    COMMIT(c->st);
    ASSERT_SNAPSHOT(c->st, &outer, "after the outer commit");
    snapshot_free(&outer);
    item_init(v, 50);
    ASSERT_GET(c->st, K_ITEM, a, v, I_NFIELDS);
    ASSERT_MISSING(c->st, K_ITEM, items[3]);
}

static void test_outer_rollback_after_inner_commit_undoes_both(void **state)
{
    conf *c = *state;
    pm_id items[5], uniqs[2];
    conf_snapshot before;
    base_rows(c->st, items, uniqs);
    memset(&before, 0, sizeof before);
    snapshot_take(c->st, &before);
    BEGIN(c->st);
    pm_value v[CONF_MAX_FIELDS];
    item_init(v, 60);
    pm_id a = INSERT(c->st, K_ITEM, v);
    BEGIN(c->st);
    churn(c->st, items, uniqs);
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, a));
    COMMIT(c->st);
    ASSERT_MISSING(c->st, K_ITEM, a);
    ROLLBACK(c->st);
    ASSERT_SNAPSHOT(c->st, &before, "after the outer rollback");
    snapshot_free(&before);
    ASSERT_MISSING(c->st, K_ITEM, a);
}

static void test_nested_levels_commit_and_roll_back_independently(void **state)
{
    conf *c = *state;
    pm_id ids[6];
    BEGIN(c->st);
    ids[0] = item_insert(c->st, 0, I_NUM, v_null());          /* level 1: kept */
    BEGIN(c->st);
    ids[1] = item_insert(c->st, 1, I_NUM, v_null());          /* level 2: kept */
    BEGIN(c->st);
    ids[2] = item_insert(c->st, 2, I_NUM, v_null());          /* level 3: rolled back */
    ROLLBACK(c->st);
    BEGIN(c->st);
    ids[3] = item_insert(c->st, 3, I_NUM, v_null());          /* a new level 3: kept */
    COMMIT(c->st);
    COMMIT(c->st);
    BEGIN(c->st);
    ids[4] = item_insert(c->st, 4, I_NUM, v_null());          /* rolled back */
    BEGIN(c->st);
    ids[5] = item_insert(c->st, 5, I_NUM, v_null());          /* committed into it, so gone too */
    COMMIT(c->st);
    ROLLBACK(c->st);
    COMMIT(c->st);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->commit(c->st));

    pm_id kept[3] = { ids[0], ids[1], ids[3] };
    sort_ids(kept, 3);
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), kept[0], kept[1],
                    kept[2]);
    pm_value w[3] = { v_int(0), v_int(1), v_int(3) };
    ASSERT_SCAN_VALUES(c->st, FULL_SCAN(K_ITEM, IX_NUM), I_NUM, w, 3);
}

/* ------------------------------------------------------------------------
 * Callbacks
 * ------------------------------------------------------------------------ */

typedef struct stop_at {
    size_t calls;
    size_t at;    /* the call that returns ret */
    int ret;
} stop_at;

static int stop_cb(const pm_row *row, void *payload)
{
    (void)row;
    stop_at *s = payload;
    return ++s->calls == s->at ? s->ret : 0;
}

static void items_for_callbacks(pm_storage *st)
{
    BEGIN(st);
    for (int i = 0; i < 6; i++)
        item_insert(st, i % 3, I_NUM, v_null());
    COMMIT(st);
}

static void test_scan_callback_returning_positive_stops_early_with_ok(void **state)
{
    conf *c = *state;
    items_for_callbacks(c->st);
    for (unsigned int index = 0; index <= IX_NITEM; index++) {
        pm_scan s = scan_of(K_ITEM, index == IX_NITEM ? PM_SCAN_BY_ID : index);
        stop_at stop = { 0, 2, 1 };
        CONF_OK(c->st, c->st->scan(c->st, &s, stop_cb, &stop));
        if (stop.calls != 2)
            CONF_FAIL("scan %s: the callback stopped at call 2 but ran %zu times",
                      index_name(K_ITEM, s.index), stop.calls);
        s.flags = PM_SCAN_DESC;
        stop = (stop_at){ 0, 3, 42 };
        CONF_OK(c->st, c->st->scan(c->st, &s, stop_cb, &stop));
        if (stop.calls != 3)
            CONF_FAIL("scan %s desc: the callback stopped at call 3 but ran %zu times",
                      index_name(K_ITEM, s.index), stop.calls);
    }
    /* The store is fine afterwards. */
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), 6);
    BEGIN(c->st);
    item_insert(c->st, 9, I_NUM, v_null());
    COMMIT(c->st);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_ITEM, IX_NUM), 7);
}

static void test_scan_callback_returning_an_error_stops_with_that_status(void **state)
{
    conf *c = *state;
    items_for_callbacks(c->st);
    for (unsigned int index = 0; index <= IX_NITEM; index++) {
        pm_scan s = scan_of(K_ITEM, index == IX_NITEM ? PM_SCAN_BY_ID : index);
        stop_at stop = { 0, 3, PM_EPERM };
        CONF_EXPECT(c->st, PM_EPERM, c->st->scan(c->st, &s, stop_cb, &stop));
        if (stop.calls != 3)
            CONF_FAIL("scan %s: the callback failed at call 3 but ran %zu times",
                      index_name(K_ITEM, s.index), stop.calls);
        stop = (stop_at){ 0, 1, PM_ERANGE };
        s.flags = PM_SCAN_DESC;
        CONF_EXPECT(c->st, PM_ERANGE, c->st->scan(c->st, &s, stop_cb, &stop));
        if (stop.calls != 1)
            CONF_FAIL("scan %s desc: the callback failed at call 1 but ran %zu times",
                      index_name(K_ITEM, s.index), stop.calls);
    }
    /* Inside a transaction, a failed read leaves the transaction usable. */
    BEGIN(c->st);
    item_insert(c->st, 7, I_NUM, v_null());
    stop_at stop = { 0, 1, PM_EPERM };
    pm_scan s = scan_of(K_ITEM, IX_NUM);
    CONF_EXPECT(c->st, PM_EPERM, c->st->scan(c->st, &s, stop_cb, &stop));
    item_insert(c->st, 8, I_NUM, v_null());
    COMMIT(c->st);
    ASSERT_SCAN_COUNT(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), 8);
}

static void test_get_returns_the_callback_status(void **state)
{
    conf *c = *state;
    BEGIN(c->st);
    pm_id id = item_insert(c->st, 1, I_NUM, v_null());
    COMMIT(c->st);
    stop_at stop = { 0, 1, 1 };
    CONF_OK(c->st, c->st->get(c->st, K_ITEM, id, stop_cb, &stop));
    stop = (stop_at){ 0, 1, PM_EPERM };
    CONF_EXPECT(c->st, PM_EPERM, c->st->get(c->st, K_ITEM, id, stop_cb, &stop));
    if (stop.calls != 1)
        CONF_FAIL("get ran the callback %zu times", stop.calls);
    pm_value v[CONF_MAX_FIELDS];
    item_init(v, 1);
    ASSERT_GET(c->st, K_ITEM, id, v, I_NFIELDS);
}

/* ------------------------------------------------------------------------
 * Text and size
 * ------------------------------------------------------------------------ */

static void test_text_round_trips_byte_exact_without_normalising(void **state)
{
    conf *c = *state;
    static const char *const texts[] = {
        "\xC3\xA9",                          /* é, NFC */
        "e\xCC\x81",                         /* é, NFD */
        "\xC3\x85sa \xC3\x96" "berg",           /* Åsa Öberg, NFC */
        "A\xCC\x8A" "sa O\xCC\x88" "berg",         /* Åsa Öberg, NFD */
        "\xE5\xB7\xA5\xE4\xBD\x9C\xE7\xB8\xBE\xE6\x95\x88", /* 工作績效 */
        "\xF0\x9F\x98\x80",                  /* emoji, 4 bytes */
        "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB", /* woman technologist, ZWJ */
        "\xEF\xAC\x81",                      /* the fi ligature: NFKC would change it */
        "\xEF\xBC\xA1",                      /* fullwidth A */
        "\xE1\x84\x92\xE1\x85\xA1\xE1\x86\xAB", /* Hangul jamo, NFD of 한 */
        "\xED\x95\x9C",                      /* 한, NFC */
        "Anna", "anna", " anna ",
    };
    enum { N = sizeof texts / sizeof texts[0] };
    pm_value v[N][CONF_MAX_FIELDS];
    pm_id ids[N];
    BEGIN(c->st);
    for (size_t i = 0; i < N; i++) {
        item_init(v[i], (int64_t)i);
        v[i][I_TEXT] = v_text(texts[i]);
        v[i][I_LABEL] = v_text(texts[i]);
        v[i][I_NOTE] = v_text(texts[i]);
        ids[i] = INSERT(c->st, K_ITEM, v[i]);
    }
    COMMIT(c->st);
    for (size_t i = 0; i < N; i++) {
        ASSERT_GET(c->st, K_ITEM, ids[i], v[i], I_NFIELDS);
        pm_scan s = scan_of(K_ITEM, IX_TEXT);
        s.neq = 1;
        s.eq = &v[i][I_TEXT];
        ASSERT_SCAN_IDS(c->st, &s, ids[i]);
    }

    /* Forms that differ in bytes are different keys of a unique index. */
    pm_value u[CONF_MAX_FIELDS];
    BEGIN(c->st);
    for (size_t i = 0; i < N; i++) {
        uniq_init(u, v_text(texts[i]), v_null(), v_null(), "u");
        INSERT(c->st, K_UNIQ, u);
    }
    COMMIT(c->st);
}

#define LARGE_TEXT (1u << 20)
#define LARGE_BLOB (4u << 20)

static void test_large_text_and_blob_round_trip(void **state)
{
    conf *c = *state;
    /* 16 bytes of whole characters (2, 3 and 4 bytes long), so the text
     * stays valid UTF-8 at exactly 1 MiB. */
    static const char unit[] = "\xC3\xA5\xE7\xB8\xBE\xF0\x9F\x98\x80" "abcdefg";
    char *text = conf_xrealloc(NULL, LARGE_TEXT);
    unsigned char *blob = conf_xrealloc(NULL, LARGE_BLOB);
    unsigned char *blob2 = conf_xrealloc(NULL, LARGE_BLOB);
    for (size_t i = 0; i < LARGE_TEXT; i += 16)
        memcpy(text + i, unit, 16);
    uint64_t rng = 7;
    for (size_t i = 0; i < LARGE_BLOB; i++) {
        blob[i] = (i % 4096 < 16) ? 0 : (unsigned char)(rng_next(&rng) >> 56);
        blob2[i] = (unsigned char)(255 - blob[i]);
    }
    pm_value v[CONF_MAX_FIELDS];
    item_init(v, 1);
    v[I_NOTE] = v_textn(text, LARGE_TEXT);
    v[I_PAYLOAD] = v_blob(blob, LARGE_BLOB);
    BEGIN(c->st);
    pm_id id = INSERT(c->st, K_ITEM, v);
    COMMIT(c->st);
    ASSERT_GET(c->st, K_ITEM, id, v, I_NFIELDS);

    v[I_PAYLOAD] = v_blob(blob2, LARGE_BLOB);
    BEGIN(c->st);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, id, v));
    COMMIT(c->st);
    conf_rows got;
    char diff[600];
    SCAN(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), &got);
    int bad = got.n != 1 || row_diff(&got.rows[0], id, v, I_NFIELDS, diff, sizeof diff);
    if (got.n != 1)
        snprintf(diff, sizeof diff, "%zu rows, expected 1", got.n);
    conf_rows_free(&got);
    free(text);
    free(blob);
    free(blob2);
    if (bad)
        CONF_FAIL("scan after updating the 4 MiB blob: %s", diff);
}

/* ------------------------------------------------------------------------
 * Durability
 * ------------------------------------------------------------------------ */

static void require_durable(conf *c)
{
    if (!(c->st->capabilities & PM_STORAGE_CAP_DURABLE))
        skip();
    if (c->backend->reopen == NULL)
        CONF_FAIL("the backend claims PM_STORAGE_CAP_DURABLE, but the harness gives no reopen(), "
                  "so durability cannot be checked");
}

#define REOPEN(c, schema) conf_reopen_at((c), (schema), __FILE__, __LINE__)

/* Frees the case's instance and opens another one on the same store. */
static void conf_reopen_at(conf *c, const pm_schema *schema, const char *file, int line)
{
    if (c->st) {
        c->st->free(c->st);
        c->st = NULL;
    }
    pm_storage *st = NULL;
    pm_status rc = c->backend->reopen(&st, c->backend->payload);
    if (rc != PM_OK || st == NULL)
        conf_fail_at(file, line, "reopen() failed: %s (%d)", pm_status_str(rc), (int)rc);
    c->st = st;
    conf_check_at(st, PM_OK, st->prepare(st, schema), "prepare() after reopen", file, line);
}

static void test_committed_data_survives_free_and_reopen(void **state)
{
    conf *c = *state;
    require_durable(c);
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS];
    pm_id ids[SAMPLE_ROWS], items[5], uniqs[2];
    conf_snapshot before;
    sample_rows(rows);
    base_rows(c->st, items, uniqs);
    BEGIN(c->st);
    for (size_t i = 0; i < SAMPLE_ROWS; i++)
        ids[i] = INSERT(c->st, K_ITEM, rows[i]);
    COMMIT(c->st);
    memset(&before, 0, sizeof before);
    snapshot_take(c->st, &before);
    REOPEN(c, &schema_v1);
    ASSERT_SNAPSHOT(c->st, &before, "after reopen");
    snapshot_free(&before);
    for (size_t i = 0; i < SAMPLE_ROWS; i++)
        ASSERT_GET(c->st, K_ITEM, ids[i], rows[i], I_NFIELDS);
}

static void test_an_uncommitted_transaction_is_gone_after_free_and_reopen(void **state)
{
    conf *c = *state;
    require_durable(c);
    pm_id items[5], uniqs[2];
    conf_snapshot before;
    base_rows(c->st, items, uniqs);
    memset(&before, 0, sizeof before);
    snapshot_take(c->st, &before);
    BEGIN(c->st);
    churn(c->st, items, uniqs);
    BEGIN(c->st);
    item_insert(c->st, 77, I_NUM, v_null());
    COMMIT(c->st);
    REOPEN(c, &schema_v1);
    ASSERT_SNAPSHOT(c->st, &before, "after freeing an instance inside a transaction");
    snapshot_free(&before);
}

static void test_prepare_on_reopen_is_idempotent_and_reports_the_stored_version(void **state)
{
    conf *c = *state;
    require_durable(c);
    pm_value u[CONF_MAX_FIELDS];
    pm_id id = 0;
    uniq_init(u, v_text("k"), v_int(1), v_text("t"), "n");
    BEGIN(c->st);
    pm_id kept = INSERT(c->st, K_UNIQ, u);
    COMMIT(c->st);
    for (int round = 0; round < 2; round++) {
        REOPEN(c, &schema_v1);
        unsigned int version = 99;
        CONF_OK(c->st, c->st->stored_version(c->st, &version));
        if (version != schema_v1.version)
            CONF_FAIL("reopen %d: stored_version() is %u, expected %u", round + 1, version,
                      schema_v1.version);
        ASSERT_GET(c->st, K_UNIQ, kept, u, U_NFIELDS);
        /* The unique index is still there, and still unique. */
        BEGIN(c->st);
        CONF_EXPECT(c->st, PM_ECONFLICT, c->st->insert(c->st, K_UNIQ, u, &id));
        COMMIT(c->st);
    }
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_UNIQ, PM_SCAN_BY_ID), kept);
}

static void test_ids_are_not_reused_after_reopen(void **state)
{
    conf *c = *state;
    require_durable(c);
    pm_id issued[8];
    size_t n = 0;
    BEGIN(c->st);
    for (int i = 0; i < 4; i++)
        issued[n++] = item_insert(c->st, i, I_NUM, v_null());
    COMMIT(c->st);
    pm_id sorted[4];
    memcpy(sorted, issued, sizeof sorted);
    sort_ids(sorted, 4);
    BEGIN(c->st);
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, sorted[3]));
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, sorted[2]));
    COMMIT(c->st);
    REOPEN(c, &schema_v1);
    BEGIN(c->st);
    pm_id id = item_insert(c->st, 9, I_NUM, v_null());
    COMMIT(c->st);
    EXPECT_FRESH_ID(id, issued, n, "after its record was removed and the store reopened");
}

/* Freeing an instance rolls its transaction back; the ids it handed out
 * were seen by its caller all the same. */
static void test_ids_are_not_reused_after_an_uncommitted_insert_and_reopen(void **state)
{
    conf *c = *state;
    require_durable(c);
    pm_id issued[4];
    size_t n = 0;
    BEGIN(c->st);
    issued[n++] = item_insert(c->st, 1, I_NUM, v_null());
    COMMIT(c->st);
    BEGIN(c->st);
    issued[n++] = item_insert(c->st, 2, I_NUM, v_null());
    issued[n++] = item_insert(c->st, 3, I_NUM, v_null());
    REOPEN(c, &schema_v1);
    ASSERT_MISSING(c->st, K_ITEM, issued[1]);
    BEGIN(c->st);
    pm_id id = item_insert(c->st, 4, I_NUM, v_null());
    COMMIT(c->st);
    EXPECT_FRESH_ID(id, issued, n,
                    "after the instance that inserted it was freed inside its transaction");
}

static void test_prepare_migrates_an_older_store_and_refuses_a_newer_one(void **state)
{
    conf *c = *state;
    require_durable(c);
    pm_value v[CONF_MAX_FIELDS];
    item_init(v, 5);
    v[I_TEXT] = v_text("old");
    BEGIN(c->st);
    pm_id old = INSERT(c->st, K_ITEM, v);
    COMMIT(c->st);

    REOPEN(c, &schema_v2);
    unsigned int version = 99;
    CONF_OK(c->st, c->st->stored_version(c->st, &version));
    if (version != 1)
        CONF_FAIL("stored_version() after migrating is %u, expected 1 (the version before)",
                  version);
    v[I_EXTRA] = v_null();
    ASSERT_GET(c->st, K_ITEM, old, v, I_NFIELDS + 1);
    pm_value w[CONF_MAX_FIELDS];
    item_init(w, 6);
    w[I_EXTRA] = v_int(42);
    pm_value t = v_text("added");
    BEGIN(c->st);
    pm_id fresh = INSERT(c->st, K_ITEM, w);
    pm_id added = INSERT(c->st, K_NKINDS, &t);
    COMMIT(c->st);
    pm_value eq = v_int(42);
    pm_scan s = scan_of(K_ITEM, IX_EXTRA);
    s.neq = 1;
    s.eq = &eq;
    ASSERT_SCAN_IDS(c->st, &s, fresh);
    s = scan_of(K_NKINDS, 0);
    ASSERT_SCAN_IDS(c->st, &s, added);

    REOPEN(c, &schema_v2);
    CONF_OK(c->st, c->st->stored_version(c->st, &version));
    if (version != 2)
        CONF_FAIL("stored_version() on reopening the migrated store is %u, expected 2", version);
    ASSERT_GET(c->st, K_ITEM, fresh, w, I_NFIELDS + 1);

    /* An older schema (an older library) must not touch the newer store. */
    c->st->free(c->st);
    c->st = NULL;
    pm_storage *st = NULL;
    pm_status rc = c->backend->reopen(&st, c->backend->payload);
    if (rc != PM_OK || st == NULL)
        CONF_FAIL("reopen() failed: %s (%d)", pm_status_str(rc), (int)rc);
    c->st = st;
    CONF_EXPECT(st, PM_EVERSION, st->prepare(st, &schema_v1));
    EXPECT_ERRMSG(st, "prepare() of an older schema");
}

/* ------------------------------------------------------------------------
 * Several threads
 * ------------------------------------------------------------------------ */

#define READERS 4
#define READ_ROUNDS 12
#define PROBES 4
#define PHASE_ABORT 1000
#define WAIT_LIMIT_S 60

/* What a reader compares: four scans and one get. */
typedef struct probe_result {
    conf_rows scan[PROBES];
    conf_rows get;
} probe_result;

static void probe_free(probe_result *p)
{
    for (size_t k = 0; k < PROBES; k++)
        conf_rows_free(&p->scan[k]);
    conf_rows_free(&p->get);
}

/* Not asserting: runs in reader threads. */
static pm_status probe_run(pm_storage *st, pm_id get_id, probe_result *out, char *msg, size_t size)
{
    pm_value seven = v_int(7);
    pm_scan s[PROBES];
    s[0] = scan_of(K_ITEM, PM_SCAN_BY_ID);
    s[1] = scan_of(K_ITEM, IX_NUM);
    s[2] = scan_of(K_ITEM, IX_TEXT);
    s[2].flags = PM_SCAN_DESC;
    s[2].limit = 50;
    s[3] = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    s[3].neq = 1;
    s[3].eq = &seven;
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < PROBES; k++) {
        pm_status rc = st->scan(st, &s[k], collect_cb, &out->scan[k]);
        if (rc != PM_OK) {
            snprintf(msg, size, "scan %s: %s (%d): %s", index_name(K_ITEM, s[k].index),
                     pm_status_str(rc), (int)rc, conf_errmsg(st));
            return rc;
        }
    }
    pm_status rc = st->get(st, K_ITEM, get_id, collect_cb, &out->get);
    if (rc != PM_OK)
        snprintf(msg, size, "get %" PRId64 ": %s (%d): %s", get_id, pm_status_str(rc), (int)rc,
                 conf_errmsg(st));
    return rc;
}

typedef struct conf_sync {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int phase;
    unsigned int arrived; /* arrivals at phase ends, summed over phases */
    unsigned int rounds;  /* reads done in phase 2, over all readers */
} conf_sync;

typedef struct reader_job {
    const pm_conformance_backend *backend;
    pm_storage *shared;                 /* one instance for all, or NULL: reopen() one each */
    conf_sync *sync;
    const probe_result *state[3];       /* what the store holds in each phase, A, B, C */
    pm_id get_id;
    char error[1200];
} reader_job;

static int sync_phase(conf_sync *s)
{
    pthread_mutex_lock(&s->mu);
    int p = s->phase;
    pthread_mutex_unlock(&s->mu);
    return p;
}

static void sync_arrive_and_wait(conf_sync *s, int phase)
{
    pthread_mutex_lock(&s->mu);
    s->arrived++;
    pthread_cond_broadcast(&s->cv);
    while (s->phase < phase)
        pthread_cond_wait(&s->cv, &s->mu);
    pthread_mutex_unlock(&s->mu);
}

static void sync_count_round(conf_sync *s)
{
    pthread_mutex_lock(&s->mu);
    s->rounds++;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static void sync_set_phase(conf_sync *s, int phase)
{
    pthread_mutex_lock(&s->mu);
    s->phase = phase;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* Waits until *counter reaches n. A reader stuck inside the backend would
 * hang the suite, and its thread cannot be cancelled safely, so after
 * WAIT_LIMIT_S the whole run stops with a message. */
static void sync_wait_for(conf_sync *s, const unsigned int *counter, unsigned int n)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += WAIT_LIMIT_S;
    pthread_mutex_lock(&s->mu);
    while (*counter < n) {
        if (pthread_cond_timedwait(&s->cv, &s->mu, &until) != 0 && *counter < n) {
            pthread_mutex_unlock(&s->mu);
            print_error("reader threads made no progress for %d s: the backend deadlocks; "
                        "stopping the suite\n", WAIT_LIMIT_S);
            fflush(NULL);
            exit(EXIT_FAILURE);
        }
    }
    pthread_mutex_unlock(&s->mu);
}

static void job_fail(reader_job *j, const char *fmt, ...) CONF_PRINTF(2, 3);

static void job_fail(reader_job *j, const char *fmt, ...)
{
    if (j->error[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->error, sizeof j->error, fmt, ap);
    va_end(ap);
}

/* One round of reads; each probe must equal that probe in one of the
 * allowed states (a single scan is one consistent view, two scans need
 * not be the same view). */
static void read_round(reader_job *j, pm_storage *st, int first, int last, const char *phase)
{
    probe_result got;
    char msg[600];
    if (probe_run(st, j->get_id, &got, msg, sizeof msg) != PM_OK) {
        job_fail(j, "%s: %s", phase, msg);
        probe_free(&got);
        return;
    }
    for (size_t k = 0; k <= PROBES && !j->error[0]; k++) {
        const conf_rows *g = k < PROBES ? &got.scan[k] : &got.get;
        int matched = 0;
        for (int sidx = first; sidx <= last && !matched; sidx++) {
            const probe_result *want = j->state[sidx];
            matched = !rows_diff(g, k < PROBES ? &want->scan[k] : &want->get, msg, sizeof msg);
        }
        if (!matched) {
            const probe_result *want = j->state[last];
            rows_diff(g, k < PROBES ? &want->scan[k] : &want->get, msg, sizeof msg);
            job_fail(j, "%s, %s %zu: %s (compared with state %c)", phase,
                     k < PROBES ? "scan" : "get", k, msg, "ABC"[last]);
        }
    }
    probe_free(&got);
}

static void *shared_reader(void *arg)
{
    reader_job *j = arg;
    pm_storage *st = NULL;
    pm_status rc = j->backend->reopen(&st, j->backend->payload);
    if (rc != PM_OK || st == NULL) {
        job_fail(j, "reopen() in a reader thread: %s (%d)", pm_status_str(rc), (int)rc);
        st = NULL;
    } else if ((rc = st->prepare(st, &schema_v1)) != PM_OK) {
        job_fail(j, "prepare() in a reader thread: %s (%d): %s", pm_status_str(rc), (int)rc,
                 conf_errmsg(st));
    }
    sync_arrive_and_wait(j->sync, 1);
    for (int r = 0; r < READ_ROUNDS; r++)
        if (!j->error[0] && sync_phase(j->sync) < PHASE_ABORT)
            read_round(j, st, 0, 0, "while another instance held an uncommitted transaction");
    sync_arrive_and_wait(j->sync, 2);
    for (int r = 0; r < READ_ROUNDS; r++) {
        if (!j->error[0] && sync_phase(j->sync) < PHASE_ABORT)
            read_round(j, st, 1, 2, "while another instance committed");
        sync_count_round(j->sync);
    }
    sync_arrive_and_wait(j->sync, 3);
    if (!j->error[0] && sync_phase(j->sync) < PHASE_ABORT)
        read_round(j, st, 2, 2, "after another instance committed");
    if (st)
        st->free(st);
    return NULL;
}

static void *concurrent_reader(void *arg)
{
    reader_job *j = arg;
    sync_arrive_and_wait(j->sync, 1);
    for (int r = 0; r < READ_ROUNDS * 2 && !j->error[0]; r++)
        if (sync_phase(j->sync) < PHASE_ABORT)
            read_round(j, j->shared, 0, 0, "reading one instance from several threads");
    return NULL;
}

/* 200 conf_item rows, committed; their ids go to ids[0..199]. */
static void thread_base_rows(pm_storage *st, pm_id *ids)
{
    static const char *const texts[] = { "a", "b", "\xC3\xA5", "ab", "", "Z", "z" };
    pm_value v[CONF_MAX_FIELDS];
    BEGIN(st);
    for (int i = 0; i < 200; i++) {
        item_init(v, i % 13);
        v[I_TEXT] = i % 11 ? v_text(texts[i % 7]) : v_null();
        v[I_DATE] = v_int(i * 37 - 3000);
        v[I_REAL] = v_real(i * 0.5);
        ids[i] = INSERT(st, K_ITEM, v);
    }
    COMMIT(st);
}

/* A write transaction's changes, applied without asserting (readers are
 * running). Returns the first failure. */
static pm_status thread_changes(pm_storage *st, const pm_id *ids, int round, char *msg, size_t size)
{
    pm_value v[CONF_MAX_FIELDS];
    pm_status rc = PM_OK;
    int base = round * 60;
    for (int i = 0; i < 20 && rc == PM_OK; i++) {
        pm_id id = 0;
        item_init(v, (i + round) % 13);
        v[I_TEXT] = v_text(round ? "second" : "first");
        rc = st->insert(st, K_ITEM, v, &id);
    }
    for (int i = 0; i < 20 && rc == PM_OK; i++) {
        item_init(v, (i + 5 + round) % 13);
        v[I_TEXT] = v_text("updated");
        v[I_DATE] = v_int(i + round);
        rc = st->update(st, K_ITEM, ids[i == 0 ? 0 : base + 20 + i], v);
    }
    for (int i = 0; i < 20 && rc == PM_OK; i++)
        rc = st->remove(st, K_ITEM, ids[base + 40 + i]);
    if (rc != PM_OK)
        snprintf(msg, size, "write %d: %s (%d): %s", round + 1, pm_status_str(rc), (int)rc,
                 conf_errmsg(st));
    return rc;
}

static void test_backend_supports_reading_from_several_threads(void **state)
{
    conf *c = *state;
    unsigned int caps = c->st->capabilities;
    if (!(caps & (PM_STORAGE_CAP_SHARED_READ | PM_STORAGE_CAP_CONCURRENT_READ)))
        CONF_FAIL("the backend claims neither PM_STORAGE_CAP_SHARED_READ nor "
                  "PM_STORAGE_CAP_CONCURRENT_READ: perfmgmt cannot serve readers from several "
                  "threads with it (capabilities %#x)", caps);
    if ((caps & PM_STORAGE_CAP_SHARED_READ) && c->backend->reopen == NULL)
        CONF_FAIL("the backend claims PM_STORAGE_CAP_SHARED_READ, but the harness gives no "
                  "reopen(), so it cannot be checked");
}

static void start_readers(reader_job *jobs, pthread_t *threads, size_t *started,
                          void *(*fn)(void *), char *err, size_t size)
{
    *started = 0;
    for (size_t i = 0; i < READERS; i++) {
        int e = pthread_create(&threads[i], NULL, fn, &jobs[i]);
        if (e != 0) {
            snprintf(err, size, "pthread_create: error %d", e);
            return;
        }
        (*started)++;
    }
}

static void test_shared_readers_see_only_committed_data(void **state)
{
    conf *c = *state;
    if (!(c->st->capabilities & PM_STORAGE_CAP_SHARED_READ))
        skip();
    if (c->backend->reopen == NULL)
        CONF_FAIL("the backend claims PM_STORAGE_CAP_SHARED_READ, but the harness gives no reopen()");

    pm_id ids[200];
    probe_result states[3];
    char err[800] = "";
    memset(states, 0, sizeof states);
    thread_base_rows(c->st, ids);
    if (probe_run(c->st, ids[0], &states[0], err, sizeof err) != PM_OK)
        CONF_FAIL("state A: %s", err);

    conf_sync sync;
    memset(&sync, 0, sizeof sync);
    pthread_mutex_init(&sync.mu, NULL);
    pthread_cond_init(&sync.cv, NULL);
    reader_job jobs[READERS];
    pthread_t threads[READERS];
    size_t started = 0;
    for (size_t i = 0; i < READERS; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].backend = c->backend;
        jobs[i].sync = &sync;
        jobs[i].get_id = ids[0];
        for (int k = 0; k < 3; k++)
            jobs[i].state[k] = &states[k];
    }
    start_readers(jobs, threads, &started, shared_reader, err, sizeof err);

    /* Readers open and prepare their instances before the writer begins:
     * preparing is not reading. */
    if (!err[0])
        sync_wait_for(&sync, &sync.arrived, READERS);
    pm_status rc = PM_OK;
    if (!err[0] && (rc = c->st->begin(c->st)) != PM_OK)
        snprintf(err, sizeof err, "begin: %s", conf_errmsg(c->st));
    if (!err[0] && thread_changes(c->st, ids, 0, err, sizeof err) == PM_OK)
        probe_run(c->st, ids[0], &states[1], err, sizeof err);
    if (!err[0]) {
        sync_set_phase(&sync, 1);
        sync_wait_for(&sync, &sync.arrived, 2 * READERS);
        if ((rc = c->st->commit(c->st)) != PM_OK)
            snprintf(err, sizeof err, "commit: %s", conf_errmsg(c->st));
    }
    if (!err[0] && (rc = c->st->begin(c->st)) != PM_OK)
        snprintf(err, sizeof err, "begin: %s", conf_errmsg(c->st));
    if (!err[0] && thread_changes(c->st, ids, 1, err, sizeof err) == PM_OK)
        probe_run(c->st, ids[0], &states[2], err, sizeof err);
    if (!err[0]) {
        /* Commit while the readers are in the middle of their reads. */
        sync_set_phase(&sync, 2);
        sync_wait_for(&sync, &sync.rounds, READERS * 3);
        if ((rc = c->st->commit(c->st)) != PM_OK)
            snprintf(err, sizeof err, "commit: %s", conf_errmsg(c->st));
    }
    if (!err[0]) {
        sync_wait_for(&sync, &sync.arrived, 3 * READERS);
        sync_set_phase(&sync, 3);
    }
    if (err[0])
        sync_set_phase(&sync, PHASE_ABORT);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&sync.cv);
    pthread_mutex_destroy(&sync.mu);
    for (int k = 0; k < 3; k++)
        probe_free(&states[k]);
    if (err[0])
        CONF_FAIL("writer: %s", err);
    for (size_t i = 0; i < READERS; i++)
        if (jobs[i].error[0])
            CONF_FAIL("reader %zu: %s", i, jobs[i].error);
}

static void test_concurrent_readers_of_one_instance_see_all_data(void **state)
{
    conf *c = *state;
    if (!(c->st->capabilities & PM_STORAGE_CAP_CONCURRENT_READ))
        skip();
    pm_id ids[200];
    probe_result want;
    char err[800] = "";
    thread_base_rows(c->st, ids);
    memset(&want, 0, sizeof want);
    if (probe_run(c->st, ids[0], &want, err, sizeof err) != PM_OK)
        CONF_FAIL("%s", err);

    conf_sync sync;
    memset(&sync, 0, sizeof sync);
    pthread_mutex_init(&sync.mu, NULL);
    pthread_cond_init(&sync.cv, NULL);
    reader_job jobs[READERS];
    pthread_t threads[READERS];
    size_t started = 0;
    for (size_t i = 0; i < READERS; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].backend = c->backend;
        jobs[i].shared = c->st;
        jobs[i].sync = &sync;
        jobs[i].get_id = ids[i * 7];
        jobs[i].state[0] = &want;
    }
    /* Each job gets its own row, all read the same scans. */
    probe_result gets[READERS];
    memset(gets, 0, sizeof gets);
    for (size_t i = 0; i < READERS && !err[0]; i++) {
        probe_run(c->st, jobs[i].get_id, &gets[i], err, sizeof err);
        for (size_t k = 0; k < PROBES; k++) {
            conf_rows_free(&gets[i].scan[k]);
            gets[i].scan[k] = want.scan[k];
        }
        jobs[i].state[0] = &gets[i];
    }
    if (!err[0])
        start_readers(jobs, threads, &started, concurrent_reader, err, sizeof err);
    /* Start them together so their reads overlap. */
    if (!err[0])
        sync_wait_for(&sync, &sync.arrived, READERS);
    sync_set_phase(&sync, err[0] ? PHASE_ABORT : 1);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&sync.cv);
    pthread_mutex_destroy(&sync.mu);
    for (size_t i = 0; i < READERS; i++)
        conf_rows_free(&gets[i].get);
    probe_free(&want);
    if (err[0])
        CONF_FAIL("%s", err);
    for (size_t i = 0; i < READERS; i++)
        if (jobs[i].error[0])
            CONF_FAIL("reader %zu: %s", i, jobs[i].error);
}

/* ------------------------------------------------------------------------
 * Running
 * ------------------------------------------------------------------------ */

int pm_conformance_run(const pm_conformance_backend *backend)
{
    if (backend == NULL || backend->open == NULL) {
        fprintf(stderr, "pm_conformance_run: the backend needs at least open()\n");
        return 1;
    }
    pm_conformance_backend b = *backend;
    if (b.name == NULL)
        b.name = "unnamed";
#define CASE(f) cmocka_unit_test_prestate_setup_teardown(f, conf_setup, conf_teardown, &b)
    const struct CMUnitTest tests[] = {
        CASE(test_backend_declares_version_name_and_functions),
        CASE(test_stored_version_is_zero_for_a_new_store),
        CASE(test_errmsg_is_never_null_and_describes_each_failure),

        CASE(test_insert_assigns_distinct_positive_ids),
        CASE(test_get_returns_exactly_the_values_written),
        CASE(test_scan_hands_the_same_values_as_get),
        CASE(test_update_replaces_every_field),
        CASE(test_remove_deletes_only_that_record),
        CASE(test_get_update_remove_of_a_missing_id_are_enotfound),
        CASE(test_ids_are_not_reused_after_remove),
        CASE(test_ids_are_not_reused_after_a_rolled_back_insert),

        CASE(test_insert_of_a_wrong_type_is_einval_and_stores_nothing),
        CASE(test_insert_of_null_into_a_not_null_field_is_einval),
        CASE(test_update_with_a_wrong_type_or_null_is_einval_and_leaves_the_row),
        CASE(test_a_failed_write_leaves_the_transaction_usable),

        CASE(test_scan_by_id_honours_id_ranges_desc_and_limit),
        CASE(test_scan_int_index_orders_negative_and_extreme_values_numerically),
        CASE(test_scan_breaks_ties_by_id_ascending),
        CASE(test_scan_desc_reverses_the_order_including_the_id_tie_break),
        CASE(test_scan_real_index_orders_numerically),
        CASE(test_scan_date_and_time_indexes_order_values_before_1970),
        CASE(test_scan_text_index_orders_bytewise),
        CASE(test_scan_text_equality_matches_whole_values_only),
        CASE(test_scan_blob_index_orders_bytes_including_nul),
        CASE(test_scan_null_sorts_first_and_null_equality_matches_null),
        CASE(test_scan_lo_and_hi_are_inclusive_unless_flagged_exclusive),
        CASE(test_scan_with_only_lo_or_only_hi),
        CASE(test_scan_only_hi_includes_nulls_and_a_lo_bound_excludes_them),
        CASE(test_scan_equality_prefix_on_one_two_and_three_fields),
        CASE(test_scan_limit_with_and_without_desc),
        CASE(test_scan_returns_nothing_when_nothing_matches),
        CASE(test_random_operations_match_a_reference_model),

        CASE(test_unique_index_refuses_a_duplicate_and_changes_nothing),
        CASE(test_unique_two_field_index_refuses_only_a_full_duplicate),
        CASE(test_unique_index_never_conflicts_on_rows_with_a_null_field),
        CASE(test_update_into_a_duplicate_is_econflict_and_leaves_the_row),
        CASE(test_update_to_its_own_values_does_not_conflict),
        CASE(test_unique_value_is_free_again_after_remove_update_or_rollback),

        CASE(test_writes_outside_a_transaction_are_emisuse),
        CASE(test_commit_and_rollback_without_begin_are_emisuse),
        CASE(test_commit_keeps_inserts_updates_and_removes),
        CASE(test_rollback_undoes_inserts_updates_and_removes_in_every_index),
        CASE(test_inner_rollback_undoes_only_the_inner_level),
        CASE(test_outer_rollback_after_inner_commit_undoes_both),
        CASE(test_nested_levels_commit_and_roll_back_independently),

        CASE(test_scan_callback_returning_positive_stops_early_with_ok),
        CASE(test_scan_callback_returning_an_error_stops_with_that_status),
        CASE(test_get_returns_the_callback_status),

        CASE(test_text_round_trips_byte_exact_without_normalising),
        CASE(test_large_text_and_blob_round_trip),

        CASE(test_committed_data_survives_free_and_reopen),
        CASE(test_an_uncommitted_transaction_is_gone_after_free_and_reopen),
        CASE(test_prepare_on_reopen_is_idempotent_and_reports_the_stored_version),
        CASE(test_ids_are_not_reused_after_reopen),
        CASE(test_ids_are_not_reused_after_an_uncommitted_insert_and_reopen),
        CASE(test_prepare_migrates_an_older_store_and_refuses_a_newer_one),

        CASE(test_backend_supports_reading_from_several_threads),
        CASE(test_shared_readers_see_only_committed_data),
        CASE(test_concurrent_readers_of_one_instance_see_all_data),
    };
#undef CASE
    char group[160];
    snprintf(group, sizeof group, "storage conformance: %s", b.name);
    return cmocka_run_group_tests_name(group, tests, NULL, NULL);
}
