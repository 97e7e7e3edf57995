/* A randomized differential test: random inserts, updates (of random field
 * masks), removes,
 * savepoints and rollbacks on the backend and on a reference model in
 * memory, and random scans that must return what the model says. The seed
 * is fixed, so a failure is the same on every run and every platform. */
#include "conformance_internal.h"

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

/* A random field mask for an update: every field, none, or a random set. */
static uint64_t diff_random_mask(diff_ctx *d)
{
    size_t r = rng_below(&d->rng, 16);
    if (r < 4)
        return PM_UPDATE_ALL_FIELDS;
    if (r == 4)
        return 0;
    if (r == 5) /* bits past the kind's fields are ignored */
        return PM_UPDATE_FIELD(D_NFIELDS) | PM_UPDATE_FIELD(63);
    return rng_next(&d->rng) & (PM_UPDATE_FIELD(D_NFIELDS) - 1);
}

/* Puts values no field accepts (a NULL for the NOT NULL date) at the
 * positions mask leaves out: an update must not read them. */
static void diff_junk_unmasked(pm_value *v, uint64_t mask)
{
    for (unsigned int f = 0; f < D_NFIELDS; f++)
        if (!(mask & PM_UPDATE_FIELD(f)))
            v[f] = f == D_D ? v_null() : f == D_R ? v_text("junk") : v_real(0.5);
}

static int diff_u_taken(const diff_model *m, const pm_value *v, pm_id except)
{
    if (v[D_U].type == PM_VALUE_NULL)
        return 0;
    for (size_t i = 0; i < m->n; i++)
        if (m->rows[i].id != except && conf_value_equal(&m->rows[i].v[D_U], &v[D_U]))
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
        uint64_t mask = diff_random_mask(d);
        pm_value merged[D_NFIELDS];
        for (unsigned int f = 0; f < D_NFIELDS; f++)
            merged[f] = (mask & PM_UPDATE_FIELD(f)) ? v[f] : row->v[f];
        diff_junk_unmasked(v, mask);
        int conflict = diff_u_taken(m, merged, row->id);
        pm_status rc = st->update(st, K_DIFF, row->id, v, mask);
        diff_expect(d, conflict ? PM_ECONFLICT : PM_OK, rc, "update");
        if (!conflict)
            memcpy(row->v, merged, sizeof merged);
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
        uint64_t mask = diff_random_mask(d);
        diff_junk_unmasked(v, mask);
        diff_expect(d, PM_ENOTFOUND, st->update(st, K_DIFF, id, v, mask), "update of a removed id");
        diff_expect(d, PM_ENOTFOUND, st->remove(st, K_DIFF, id), "remove of a removed id");
    }
}

static int diff_row_cmp(const diff_row *a, const diff_row *b, const pm_index_def *ix)
{
    for (unsigned int k = 0; ix && k < ix->nfields; k++) {
        int c = conf_value_cmp(&a->v[ix->fields[k]], &b->v[ix->fields[k]]);
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
        if (s->lo && ((c = conf_value_cmp(&id, s->lo)) < 0 || (c == 0 && (s->flags & PM_SCAN_LO_EXCLUSIVE))))
            return 0;
        if (s->hi && ((c = conf_value_cmp(&id, s->hi)) > 0 || (c == 0 && (s->flags & PM_SCAN_HI_EXCLUSIVE))))
            return 0;
        return 1;
    }
    for (unsigned int k = 0; k < s->neq; k++)
        if (conf_value_cmp(&r->v[ix->fields[k]], &s->eq[k]) != 0)
            return 0;
    if (s->neq < ix->nfields) {
        const pm_value *v = &r->v[ix->fields[s->neq]];
        if (s->lo && ((c = conf_value_cmp(v, s->lo)) < 0 || (c == 0 && (s->flags & PM_SCAN_LO_EXCLUSIVE))))
            return 0;
        if (s->hi && ((c = conf_value_cmp(v, s->hi)) > 0 || (c == 0 && (s->flags & PM_SCAN_HI_EXCLUSIVE))))
            return 0;
    }
    return 1;
}

static void diff_check_scan(diff_ctx *d, const pm_scan *s, const char *when)
{
    const pm_index_def *ix = s->index == PM_SCAN_BY_ID ? NULL : &conf_diff_indexes[s->index];
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
    pm_status rc = d->st->scan(d->st, s, conf_collect_cb, &got);
    conf_scan_fmt(s, what, sizeof what);
    int bad = rc != PM_OK || got.bad[0];
    if (rc != PM_OK)
        snprintf(diff, sizeof diff, "scan failed: %s (%d): %s", pm_status_str(rc), (int)rc,
                 conf_errmsg(d->st));
    else if (got.bad[0])
        snprintf(diff, sizeof diff, "malformed row: %s", got.bad);
    for (size_t i = 0; !bad && i < got.n && i < n; i++) {
        char rd[500];
        if (conf_row_diff(&got.rows[i], want[i]->id, want[i]->v, D_NFIELDS, rd, sizeof rd)) {
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
        const pm_index_def *ix = &conf_diff_indexes[pick];
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

int conf_run_random(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_random_operations_match_a_reference_model, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "random"),
                                       cases, NULL, NULL);
}
