/* Conformance cases on partial updates: update() with a field mask writes
 * the masked fields only, reads values[] at those positions only, checks
 * only them, keeps the row's place in indexes on other fields, and a
 * rollback undoes it like any write. */
#include "conformance_internal.h"

#define F(i) PM_UPDATE_FIELD(i)

/* Ids of a whole scan, in order. */
static size_t scan_ids(pm_storage *st, const pm_scan *s, pm_id *ids, size_t cap)
{
    conf_rows got;
    memset(&got, 0, sizeof got);
    SCAN(st, s, &got);
    if (got.n > cap) {
        conf_rows_free(&got);
        CONF_FAIL("scan returned more rows than expected");
    }
    for (size_t i = 0; i < got.n; i++)
        ids[i] = got.rows[i].id;
    size_t n = got.n;
    conf_rows_free(&got);
    return n;
}

/* Values that no field of conf_item accepts where item_init() puts its own:
 * wrong types, and NULL in the NOT NULL fields. An update must not read them
 * at positions its mask leaves out. */
static void item_junk(pm_value *v)
{
    v[I_NUM] = v_null();
    v[I_REAL] = v_text("not a real");
    v[I_TEXT] = v_int(1);
    v[I_BLOB] = v_real(1.5);
    v[I_DATE] = v_text("not a date");
    v[I_TIME] = v_blob("x", 1);
    v[I_LABEL] = v_null();
    v[I_NOTE] = v_int(2);
    v[I_PAYLOAD] = v_text("not a blob");
}

static void test_partial_update_writes_only_the_masked_fields(void **state)
{
    conf *c = *state;
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS], want[CONF_MAX_FIELDS], v[CONF_MAX_FIELDS];
    conf_sample_rows(rows);
    BEGIN(c->st);
    pm_id a = INSERT(c->st, K_ITEM, rows[0]);
    pm_id b = INSERT(c->st, K_ITEM, rows[4]);
    COMMIT(c->st);

    BEGIN(c->st);
    item_junk(v);
    v[I_REAL] = v_real(-2.5);
    v[I_NOTE] = v_text("changed note");
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, v, F(I_REAL) | F(I_NOTE)));
    memcpy(want, rows[0], sizeof want);
    want[I_REAL] = v_real(-2.5);
    want[I_NOTE] = v_text("changed note");
    ASSERT_GET(c->st, K_ITEM, a, want, I_NFIELDS);
    ASSERT_GET(c->st, K_ITEM, b, rows[4], I_NFIELDS);

    /* Masked fields may become NULL; text may grow and shrink. */
    item_junk(v);
    v[I_TEXT] = v_null();
    v[I_PAYLOAD] = v_blob("a much longer payload than before", 33);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, v, F(I_TEXT) | F(I_PAYLOAD)));
    want[I_TEXT] = v_null();
    want[I_PAYLOAD] = v_blob("a much longer payload than before", 33);
    ASSERT_GET(c->st, K_ITEM, a, want, I_NFIELDS);
    COMMIT(c->st);
    ASSERT_GET(c->st, K_ITEM, a, want, I_NFIELDS);
    ASSERT_GET(c->st, K_ITEM, b, rows[4], I_NFIELDS);

    /* Every single field, one at a time, from a row of other values. */
    BEGIN(c->st);
    for (unsigned int f = 0; f < I_NFIELDS; f++) {
        CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, rows[0], F(f)));
        want[f] = rows[0][f];
    }
    COMMIT(c->st);
    ASSERT_GET(c->st, K_ITEM, b, rows[0], I_NFIELDS);

    /* PM_UPDATE_ALL_FIELDS replaces the row. */
    BEGIN(c->st);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, rows[3], PM_UPDATE_ALL_FIELDS));
    COMMIT(c->st);
    ASSERT_GET(c->st, K_ITEM, b, rows[3], I_NFIELDS);
}

static void test_partial_update_keeps_other_indexes_in_order(void **state)
{
    conf *c = *state;
    enum { N = 12 };
    pm_id ids[N];
    static const char *const texts[] = { "b", "a", "c", "a", "", "b" };
    BEGIN(c->st);
    for (int i = 0; i < N; i++) {
        pm_value v[CONF_MAX_FIELDS];
        item_init(v, i % 4);
        v[I_TEXT] = v_text(texts[i % 6]);
        v[I_DATE] = v_int(100 - i % 3);
        v[I_REAL] = v_real(i * 0.5);
        v[I_NOTE] = v_text("note");
        ids[i] = INSERT(c->st, K_ITEM, v);
    }
    COMMIT(c->st);

    static const unsigned int kept[] = { IX_NUM, IX_TEXT, IX_BLOB, IX_TIME };
    pm_id before[COUNT_OF(kept)][N], after[N];
    size_t nbefore[COUNT_OF(kept)];
    for (size_t k = 0; k < COUNT_OF(kept); k++)
        nbefore[k] = scan_ids(c->st, FULL_SCAN(K_ITEM, kept[k]), before[k], N);

    /* An unindexed field, an indexed one (reversing its order), and a field
     * of the three-field index. */
    BEGIN(c->st);
    for (int i = 0; i < N; i++) {
        pm_value v[CONF_MAX_FIELDS];
        item_junk(v);
        v[I_NOTE] = v_text(i % 2 ? "odd" : "even");
        v[I_REAL] = v_real(-i * 0.5);
        v[I_DATE] = v_int(200 + N - i);
        CONF_OK(c->st, c->st->update(c->st, K_ITEM, ids[i], v, F(I_NOTE) | F(I_REAL) | F(I_DATE)));
    }
    for (int pass = 0; pass < 2; pass++) {
        for (size_t k = 0; k < COUNT_OF(kept); k++) {
            size_t n = scan_ids(c->st, FULL_SCAN(K_ITEM, kept[k]), after, N);
            if (n != nbefore[k] || memcmp(after, before[k], n * sizeof *after) != 0)
                CONF_FAIL("index %s changed its order or rows after an update of other fields",
                          conf_index_name(K_ITEM, kept[k]));
        }
        pm_id want[N];
        for (int i = 0; i < N; i++)
            want[i] = ids[N - 1 - i];
        size_t n = scan_ids(c->st, FULL_SCAN(K_ITEM, IX_REAL), after, N);
        if (n != N || memcmp(after, want, sizeof want) != 0)
            CONF_FAIL("index %s does not follow the updated values",
                      conf_index_name(K_ITEM, IX_REAL));
        n = scan_ids(c->st, FULL_SCAN(K_ITEM, IX_DATE), after, N);
        if (n != N || memcmp(after, want, sizeof want) != 0)
            CONF_FAIL("index %s does not follow the updated values",
                      conf_index_name(K_ITEM, IX_DATE));
        /* num, then text, then the new dates (descending with the id). */
        pm_scan s = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
        pm_value eq[2] = { v_int(0), v_text("b") };
        s.neq = 2;
        s.eq = eq;
        ASSERT_SCAN_IDS(c->st, &s, ids[0]); /* i = 0 only: i % 4 == 0 with text "b" */
        eq[0] = v_int(1);
        eq[1] = v_text("a");
        ASSERT_SCAN_IDS(c->st, &s, ids[9], ids[1]); /* dates 203, 211 */
        if (pass == 0)
            COMMIT(c->st);
    }
}

static void test_partial_update_unique_conflict_is_refused_and_changes_nothing(void **state)
{
    conf *c = *state;
    pm_value a[U_NFIELDS], b[U_NFIELDS], v[U_NFIELDS];
    uniq_init(a, v_text("a"), v_int(1), v_text("x"), "row a");
    uniq_init(b, v_text("b"), v_int(1), v_text("y"), "row b");
    BEGIN(c->st);
    pm_id ida = INSERT(c->st, K_UNIQ, a);
    pm_id idb = INSERT(c->st, K_UNIQ, b);

    /* A masked field that takes another row's value conflicts... */
    uniq_init(v, v_text("a"), v_null(), v_null(), "changed");
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->update(c->st, K_UNIQ, idb, v, F(U_CODE) | F(U_NOTE)));
    EXPECT_ERRMSG(c->st, "a unique conflict of a partial update");
    /* ...and so does one that completes a two-field key with an unmasked one. */
    uniq_init(v, v_null(), v_null(), v_text("x"), "changed");
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->update(c->st, K_UNIQ, idb, v, F(U_TAG) | F(U_NOTE)));
    ASSERT_GET(c->st, K_UNIQ, idb, b, U_NFIELDS);
    ASSERT_GET(c->st, K_UNIQ, ida, a, U_NFIELDS);
    pm_scan s = scan_of(K_UNIQ, UX_NOTE);
    s.neq = 1;
    s.eq = &v[U_NOTE];
    ASSERT_SCAN_EMPTY(c->st, &s);
    COMMIT(c->st);
    ASSERT_GET(c->st, K_UNIQ, idb, b, U_NFIELDS);

    BEGIN(c->st);
    /* Unmasked positions are not read: a's values there would conflict. */
    uniq_init(v, v_text("b"), v_int(1), v_text("y"), "a again");
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, ida, v, F(U_NOTE)));
    a[U_NOTE] = v_text("a again");
    ASSERT_GET(c->st, K_UNIQ, ida, a, U_NFIELDS);
    /* Moving b to another group frees tag "x" there. */
    uniq_init(v, v_null(), v_int(2), v_null(), "");
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, idb, v, F(U_GRP)));
    uniq_init(v, v_null(), v_null(), v_text("x"), "");
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, idb, v, F(U_TAG)));
    /* Writing a row's own unique values again is no conflict. */
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, ida, a, F(U_CODE) | F(U_GRP) | F(U_TAG)));
    COMMIT(c->st);
    b[U_GRP] = v_int(2);
    b[U_TAG] = v_text("x");
    ASSERT_GET(c->st, K_UNIQ, idb, b, U_NFIELDS);
    ASSERT_GET(c->st, K_UNIQ, ida, a, U_NFIELDS);
}

static void test_partial_update_checks_only_the_masked_values(void **state)
{
    conf *c = *state;
    pm_value orig[CONF_MAX_FIELDS], v[CONF_MAX_FIELDS];
    item_init(orig, 5);
    orig[I_TEXT] = v_text("kept");
    BEGIN(c->st);
    pm_id id = INSERT(c->st, K_ITEM, orig);

    /* NULL in unmasked NOT NULL fields, wrong types elsewhere: not read. */
    item_junk(v);
    v[I_TEXT] = v_text("new");
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, id, v, F(I_TEXT)));
    orig[I_TEXT] = v_text("new");
    ASSERT_GET(c->st, K_ITEM, id, orig, I_NFIELDS);

    /* A masked NOT NULL field must not be NULL, a masked value must fit. */
    item_junk(v);
    v[I_TEXT] = v_text("refused");
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v, F(I_TEXT) | F(I_LABEL)));
    EXPECT_ERRMSG(c->st, "a NULL in a masked NOT NULL field");
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v, F(I_TEXT) | F(I_DATE)));
    ASSERT_GET(c->st, K_ITEM, id, orig, I_NFIELDS);
    COMMIT(c->st);
    ASSERT_GET(c->st, K_ITEM, id, orig, I_NFIELDS);
}

static void test_update_of_no_fields_changes_nothing_but_finds_the_record(void **state)
{
    conf *c = *state;
    pm_value orig[CONF_MAX_FIELDS], v[CONF_MAX_FIELDS];
    item_init(orig, 7);
    item_junk(v);
    BEGIN(c->st);
    pm_id id = INSERT(c->st, K_ITEM, orig);
    pm_id gone = item_insert(c->st, 8, I_NUM, v_null());
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, gone));
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, id, NULL, 0));
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, id, v, 0));
    /* Bits past the kind's fields are ignored. */
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, id, v, F(63)));
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, gone, NULL, 0));
    EXPECT_ERRMSG(c->st, "an update of no fields of a removed record");
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, id + 1000, v, 0));
    v[I_NOTE] = v_text("note");
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, gone, v, F(I_NOTE)));
    ASSERT_GET(c->st, K_ITEM, id, orig, I_NFIELDS);
    COMMIT(c->st);
    ASSERT_GET(c->st, K_ITEM, id, orig, I_NFIELDS);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->update(c->st, K_ITEM, id, NULL, 0));
}

static void test_rollback_restores_partial_updates(void **state)
{
    conf *c = *state;
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS], mid[CONF_MAX_FIELDS], v[CONF_MAX_FIELDS];
    conf_sample_rows(rows);
    BEGIN(c->st);
    pm_id a = INSERT(c->st, K_ITEM, rows[0]);
    pm_id b = INSERT(c->st, K_ITEM, rows[1]);
    COMMIT(c->st);

    BEGIN(c->st);
    item_junk(v);
    v[I_TEXT] = v_text("zzz");
    v[I_NOTE] = v_null();
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, v, F(I_TEXT) | F(I_NOTE)));
    memcpy(mid, rows[0], sizeof mid);
    mid[I_TEXT] = v_text("zzz");
    mid[I_NOTE] = v_null();

    BEGIN(c->st);
    item_junk(v);
    v[I_TEXT] = v_text("");
    v[I_NUM] = v_int(42);
    v[I_PAYLOAD] = v_blob("p", 1);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, v, F(I_TEXT) | F(I_NUM) | F(I_PAYLOAD)));
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, v, F(I_PAYLOAD)));
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, v, F(I_NUM)));
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, b));
    ROLLBACK(c->st);
    ASSERT_GET(c->st, K_ITEM, a, mid, I_NFIELDS);
    ASSERT_GET(c->st, K_ITEM, b, rows[1], I_NFIELDS);
    pm_scan s = scan_of(K_ITEM, IX_TEXT);
    s.neq = 1;
    s.eq = &mid[I_TEXT];
    ASSERT_SCAN_IDS(c->st, &s, a);
    s = scan_of(K_ITEM, IX_NUM);
    s.neq = 1;
    s.eq = &v[I_NUM];
    ASSERT_SCAN_EMPTY(c->st, &s);
    ROLLBACK(c->st);

    ASSERT_GET(c->st, K_ITEM, a, rows[0], I_NFIELDS);
    ASSERT_GET(c->st, K_ITEM, b, rows[1], I_NFIELDS);
    s = scan_of(K_ITEM, IX_TEXT);
    s.neq = 1;
    s.eq = &rows[0][I_TEXT];
    ASSERT_SCAN_IDS(c->st, &s, a);
    s.eq = &mid[I_TEXT];
    ASSERT_SCAN_EMPTY(c->st, &s);
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_ITEM, IX_NUM), a, b);

    /* Updated, then removed, then committed: the row is gone for good. */
    BEGIN(c->st);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, v, F(I_PAYLOAD)));
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, v, F(I_TEXT)));
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, b));
    COMMIT(c->st);
    ASSERT_MISSING(c->st, K_ITEM, b);
    ASSERT_SCAN_IDS(c->st, FULL_SCAN(K_ITEM, IX_NUM), a);
}

/* A kind of n integer fields f0..f(n-1), indexed on the first and the last. */
typedef struct wide_schema {
    char names[PM_KIND_MAX_FIELDS + 1][16]; /* "f" and any unsigned int: no truncation */
    pm_field_def fields[PM_KIND_MAX_FIELDS + 1];
    pm_index_def indexes[2];
    pm_kind_def kind;
    pm_schema schema;
} wide_schema;

static void wide_init(wide_schema *w, unsigned int n)
{
    memset(w, 0, sizeof *w);
    for (unsigned int i = 0; i < n; i++) {
        snprintf(w->names[i], sizeof w->names[i], "f%u", i);
        w->fields[i].name = w->names[i];
        w->fields[i].type = PM_FIELD_INT;
        w->fields[i].since = 1;
    }
    w->indexes[0] = (pm_index_def){ "conf_wide_by_first", 1, { 0 }, 0, 1 };
    w->indexes[1] = (pm_index_def){ "conf_wide_by_last", 1, { n - 1 }, 0, 1 };
    w->kind = (pm_kind_def){ "conf_wide", n, w->fields, 2, w->indexes, 1 };
    w->schema = (pm_schema){ 1, 1, &w->kind };
}

/* Copies a row of the wide kind: more fields than conf_collect_cb takes. */
typedef struct wide_row {
    unsigned int nvalues;
    int64_t values[PM_KIND_MAX_FIELDS];
} wide_row;

static int wide_get_cb(const pm_row *row, void *payload)
{
    wide_row *w = payload;
    w->nvalues = row->nvalues;
    for (unsigned int i = 0; i < row->nvalues && i < PM_KIND_MAX_FIELDS; i++)
        w->values[i] = row->values[i].type == PM_VALUE_INT ? row->values[i].v.i : INT64_MIN;
    return 0;
}

static void wide_assert_get(pm_storage *st, pm_id id, const pm_value *want)
{
    wide_row got;
    memset(&got, 0, sizeof got);
    CONF_OK(st, st->get(st, 0, id, wide_get_cb, &got));
    if (got.nvalues != PM_KIND_MAX_FIELDS)
        CONF_FAIL("get of a row of 64 fields: %u values", got.nvalues);
    for (unsigned int i = 0; i < PM_KIND_MAX_FIELDS; i++)
        if (got.values[i] != want[i].v.i)
            CONF_FAIL("get of a row of 64 fields: f%u is %" PRId64 ", expected %" PRId64, i,
                      got.values[i], want[i].v.i);
}

typedef struct wide_ids {
    pm_id ids[4];
    size_t n;
} wide_ids;

static int wide_ids_cb(const pm_row *row, void *payload)
{
    wide_ids *w = payload;
    if (w->n < COUNT_OF(w->ids))
        w->ids[w->n] = row->id;
    w->n++;
    return 0;
}

/* The wide kind's index holds exactly first, then second. */
static void wide_assert_order(pm_storage *st, unsigned int index, pm_id first, pm_id second)
{
    wide_ids got;
    memset(&got, 0, sizeof got);
    CONF_OK(st, st->scan(st, FULL_SCAN(0, index), wide_ids_cb, &got));
    if (got.n != 2 || got.ids[0] != first || got.ids[1] != second)
        CONF_FAIL("scan of index %u of the wide kind: %zu rows, expected ids %" PRId64
                  ", %" PRId64, index, got.n, first, second);
}

static void test_a_kind_has_at_most_64_fields(void **state)
{
    conf *c = *state;
    /* A new store, not yet prepared. */
    c->st->free(c->st);
    c->st = NULL;
    if (c->backend->cleanup)
        c->backend->cleanup(c->backend->payload);
    pm_status rc = c->backend->open(&c->st, c->backend->payload);
    if (rc != PM_OK || c->st == NULL)
        CONF_FAIL("open() of a second store failed: %s (%d)", pm_status_str(rc), (int)rc);

    static wide_schema w;
    wide_init(&w, PM_KIND_MAX_FIELDS + 1);
    CONF_EXPECT(c->st, PM_EINVAL, c->st->prepare(c->st, &w.schema));
    EXPECT_ERRMSG(c->st, "prepare() of a kind of 65 fields");
    wide_init(&w, PM_KIND_MAX_FIELDS);
    CONF_OK(c->st, c->st->prepare(c->st, &w.schema));

    pm_value v[PM_KIND_MAX_FIELDS], want[PM_KIND_MAX_FIELDS];
    for (unsigned int i = 0; i < PM_KIND_MAX_FIELDS; i++)
        v[i] = v_int(i);
    BEGIN(c->st);
    pm_id a = INSERT(c->st, 0, v);
    pm_id b = INSERT(c->st, 0, v);
    memcpy(want, v, sizeof want);
    /* The last field, by bit 63. */
    v[63] = v_int(-1);
    CONF_OK(c->st, c->st->update(c->st, 0, b, v, F(63)));
    want[63] = v_int(-1);
    wide_assert_get(c->st, b, want);
    wide_assert_order(c->st, 1, b, a);
    wide_assert_order(c->st, 0, a, b);
    for (unsigned int i = 0; i < PM_KIND_MAX_FIELDS; i++)
        v[i] = v_int(1000 + i);
    CONF_OK(c->st, c->st->update(c->st, 0, a, v, PM_UPDATE_ALL_FIELDS));
    COMMIT(c->st);
    wide_assert_get(c->st, a, v);
    wide_assert_order(c->st, 0, b, a);
}

int conf_run_partial(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_partial_update_writes_only_the_masked_fields, b),
        CONF_CASE(test_partial_update_keeps_other_indexes_in_order, b),
        CONF_CASE(test_partial_update_unique_conflict_is_refused_and_changes_nothing, b),
        CONF_CASE(test_partial_update_checks_only_the_masked_values, b),
        CONF_CASE(test_update_of_no_fields_changes_nothing_but_finds_the_record, b),
        CONF_CASE(test_rollback_restores_partial_updates, b),
        CONF_CASE(test_a_kind_has_at_most_64_fields, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "partial update"),
                                       cases, NULL, NULL);
}
