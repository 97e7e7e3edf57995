/* What every case of the suite leans on: failing with a message, comparing
 * and printing values, collecting the rows a backend hands out, asserting
 * calls, and the fixture that opens a new store per case. */
#include "conformance_internal.h"

/* ---- failing with a message ---- */

_Noreturn void conf_fail_at(const char *file, int line, const char *fmt, ...)
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

const char *conf_errmsg(pm_storage *st)
{
    const char *m = st ? st->errmsg(st) : NULL;
    return m ? m : "(errmsg returned NULL)";
}

void conf_check_at(pm_storage *st, pm_status want, pm_status got, const char *what,
                   const char *file, int line)
{
    if (got == want)
        return;
    conf_fail_at(file, line, "%s\n  expected %s (%d), got %s (%d); errmsg: %s", what,
                 pm_status_str(want), (int)want, pm_status_str(got), (int)got,
                 got == PM_OK ? "-" : conf_errmsg(st));
}

void *conf_xrealloc(void *p, size_t size)
{
    void *q = realloc(p, size ? size : 1);
    if (q == NULL)
        CONF_FAIL("out of memory in the test itself (%zu bytes)", size);
    return q;
}

/* ---- values ---- */

int conf_value_equal(const pm_value *a, const pm_value *b)
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
int conf_value_cmp(const pm_value *a, const pm_value *b)
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

void conf_value_fmt(const pm_value *v, char *buf, size_t size)
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

/* ---- collecting rows ---- */

void conf_rows_free(conf_rows *r)
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
int conf_collect_cb(const pm_row *row, void *payload)
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
int conf_row_diff(const conf_row *got, pm_id id, const pm_value *want, unsigned int nwant,
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
        if (!conf_value_equal(&got->values[k], &want[k])) {
            char g[160], w[160];
            conf_value_fmt(&got->values[k], g, sizeof g);
            conf_value_fmt(&want[k], w, sizeof w);
            snprintf(msg, size, "row %" PRId64 " field %u is %s, expected %s", id, k, g, w);
            return 1;
        }
    }
    return 0;
}

/* 0 when both lists hold the same rows in the same order. */
int conf_rows_diff(const conf_rows *got, const conf_rows *want, char *msg, size_t size)
{
    if (got->bad[0]) {
        snprintf(msg, size, "malformed row: %s", got->bad);
        return 1;
    }
    for (size_t i = 0; i < got->n && i < want->n; i++) {
        char d[400];
        if (conf_row_diff(&got->rows[i], want->rows[i].id, want->rows[i].values,
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

const char *conf_index_name(unsigned int kind, unsigned int index)
{
    if (index == PM_SCAN_BY_ID)
        return "id";
    if (kind < conf_schema_v2.nkinds && index < conf_schema_v2.kinds[kind].nindexes)
        return conf_schema_v2.kinds[kind].indexes[index].name;
    return "?";
}

void conf_scan_fmt(const pm_scan *s, char *buf, size_t size)
{
    char v[160];
    int n = snprintf(buf, size, "scan %s neq %u", conf_index_name(s->kind, s->index), s->neq);
    size_t used = n > 0 ? (size_t)n : 0;
    for (unsigned int k = 0; k < s->neq && used < size; k++) {
        conf_value_fmt(&s->eq[k], v, sizeof v);
        n = snprintf(buf + used, size - used, " eq[%u]=%s", k, v);
        used += n > 0 ? (size_t)n : 0;
    }
    if (s->lo && used < size) {
        conf_value_fmt(s->lo, v, sizeof v);
        n = snprintf(buf + used, size - used, " lo%s %s",
                     (s->flags & PM_SCAN_LO_EXCLUSIVE) ? "(excl)" : "", v);
        used += n > 0 ? (size_t)n : 0;
    }
    if (s->hi && used < size) {
        conf_value_fmt(s->hi, v, sizeof v);
        n = snprintf(buf + used, size - used, " hi%s %s",
                     (s->flags & PM_SCAN_HI_EXCLUSIVE) ? "(excl)" : "", v);
        used += n > 0 ? (size_t)n : 0;
    }
    if (used < size)
        snprintf(buf + used, size - used, "%s limit %" PRIu64,
                 (s->flags & PM_SCAN_DESC) ? " desc" : "", s->limit);
}

/* ---- calls that fail the case when they fail ---- */

pm_id conf_insert_at(pm_storage *st, unsigned int kind, const pm_value *values,
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

void conf_scan_at(pm_storage *st, const pm_scan *s, conf_rows *out, const char *file,
                  int line)
{
    char what[600];
    memset(out, 0, sizeof *out);
    pm_status rc = st->scan(st, s, conf_collect_cb, out);
    if (rc != PM_OK || out->bad[0]) {
        char bad[sizeof out->bad];
        memcpy(bad, out->bad, sizeof bad);
        conf_rows_free(out);
        conf_scan_fmt(s, what, sizeof what);
        if (rc != PM_OK)
            conf_check_at(st, PM_OK, rc, what, file, line);
        conf_fail_at(file, line, "%s: malformed row: %s", what, bad);
    }
}

void conf_assert_get_at(pm_storage *st, unsigned int kind, pm_id id, const pm_value *want,
                        unsigned int n, const char *file, int line)
{
    conf_rows got;
    char what[80], diff[600];
    memset(&got, 0, sizeof got);
    snprintf(what, sizeof what, "get kind %u id %" PRId64, kind, id);
    pm_status rc = st->get(st, kind, id, conf_collect_cb, &got);
    if (rc != PM_OK) {
        conf_rows_free(&got);
        conf_check_at(st, PM_OK, rc, what, file, line);
    }
    if (got.n != 1) {
        size_t calls = got.n;
        conf_rows_free(&got);
        conf_fail_at(file, line, "%s: the callback ran %zu times, expected once", what, calls);
    }
    if (got.bad[0] || conf_row_diff(&got.rows[0], id, want, n, diff, sizeof diff)) {
        if (got.bad[0])
            snprintf(diff, sizeof diff, "malformed row: %s", got.bad);
        conf_rows_free(&got);
        conf_fail_at(file, line, "%s: %s", what, diff);
    }
    conf_rows_free(&got);
}

void conf_assert_missing_at(pm_storage *st, unsigned int kind, pm_id id, const char *file,
                            int line)
{
    conf_rows got;
    char what[80];
    memset(&got, 0, sizeof got);
    snprintf(what, sizeof what, "get kind %u id %" PRId64, kind, id);
    pm_status rc = st->get(st, kind, id, conf_collect_cb, &got);
    size_t calls = got.n;
    conf_rows_free(&got);
    conf_check_at(st, PM_ENOTFOUND, rc, what, file, line);
    if (calls != 0)
        conf_fail_at(file, line, "%s: returned not found but ran the callback %zu times", what,
                     calls);
}

void conf_assert_scan_ids_at(pm_storage *st, const pm_scan *s, const pm_id *want, size_t n,
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
        conf_scan_fmt(s, what, sizeof what);
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

void conf_assert_scan_count_at(pm_storage *st, const pm_scan *s, size_t n, const char *file,
                               int line)
{
    conf_rows got;
    conf_scan_at(st, s, &got, file, line);
    size_t count = got.n;
    conf_rows_free(&got);
    if (count != n) {
        char what[600];
        conf_scan_fmt(s, what, sizeof what);
        conf_fail_at(file, line, "%s: %zu rows, expected %zu", what, count, n);
    }
}

void conf_assert_scan_values_at(pm_storage *st, const pm_scan *s, unsigned int field,
                                const pm_value *want, size_t n, const char *file, int line)
{
    conf_rows got;
    char what[600], g[160], w[160];
    conf_scan_at(st, s, &got, file, line);
    conf_scan_fmt(s, what, sizeof what);
    for (size_t i = 0; i < got.n && i < n; i++) {
        const conf_row *r = &got.rows[i];
        if (field >= r->nvalues || !conf_value_equal(&r->values[field], &want[i])) {
            if (field < r->nvalues)
                conf_value_fmt(&r->values[field], g, sizeof g);
            else
                snprintf(g, sizeof g, "(row has %u values)", r->nvalues);
            conf_value_fmt(&want[i], w, sizeof w);
            conf_rows_free(&got);
            conf_fail_at(file, line, "%s\n  position %zu (id %" PRId64 "): %s, expected %s", what,
                         i, r->id, g, w);
        }
        if (i > 0 && conf_value_equal(&got.rows[i - 1].values[field], &r->values[field])) {
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

/* ---- the fixture ---- */

const char *conf_missing_function(const pm_storage *st)
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

int conf_setup(void **state)
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
    } else if ((rc = c->st->prepare(c->st, &conf_schema_v1)) != PM_OK) {
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

int conf_teardown(void **state)
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

/* ---- shared expectations and rows ---- */

void conf_expect_errmsg_at(pm_storage *st, const char *what, const char *file, int line)
{
    const char *m = st->errmsg(st);
    if (m == NULL)
        conf_fail_at(file, line, "errmsg() is NULL after %s", what);
    if (m[0] == '\0')
        conf_fail_at(file, line, "errmsg() is empty after %s", what);
}

void conf_expect_fresh_id_at(pm_id id, const pm_id *issued, size_t n, const char *when,
                             const char *file, int line)
{
    for (size_t i = 0; i < n; i++)
        if (issued[i] == id)
            conf_fail_at(file, line, "id %" PRId64 " was issued again %s", id, when);
}

void conf_sample_rows(pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS])
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

char *conf_group_name(char *buf, size_t size, const pm_conformance_backend *b, const char *theme)
{
    snprintf(buf, size, "storage conformance: %s: %s", b->name, theme);
    return buf;
}
