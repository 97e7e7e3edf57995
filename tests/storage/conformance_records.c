/* Conformance cases on single records: what the backend declares, insert,
 * get, update and remove, ids, the statuses callbacks return, and values
 * that must come back byte for byte. */
#include "conformance_internal.h"

/* ---- the backend itself ---- */

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

static void test_errmsg_is_never_null_and_describes_each_failure(void **state)
{
    conf *c = *state;
    pm_storage *st = c->st;
    pm_value v[CONF_MAX_FIELDS], u[CONF_MAX_FIELDS];
    conf_rows rows;

    if (st->errmsg(st) == NULL)
        CONF_FAIL("errmsg() is NULL on a new store");

    memset(&rows, 0, sizeof rows);

    CONF_EXPECT(st, PM_ENOTFOUND, st->get(st, K_ITEM, 4242, conf_collect_cb, &rows));
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
    CONF_EXPECT(st, PM_ENOTFOUND, st->update(st, K_ITEM, 4242, v, PM_UPDATE_ALL_FIELDS));
    EXPECT_ERRMSG(st, "update of a missing id");
    CONF_EXPECT(st, PM_ENOTFOUND, st->remove(st, K_ITEM, 4242));
    EXPECT_ERRMSG(st, "remove of a missing id");
    ROLLBACK(st);
}

/* ---- insert, get, update, remove ---- */

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

/* insert_many() is optional; a backend that has it writes the rows in
 * order, with ids that follow the single inserts around them, checks every
 * row before writing one, and wants a transaction like insert(). */
static void test_insert_many_writes_the_rows_in_order_or_none(void **state)
{
    conf *c = *state;
    pm_storage *st = c->st;
    if (st->insert_many == NULL)
        return;
    enum { N = 150 }; /* more than one batch of any backend's, and a rest */
    static pm_value rows[N * I_NFIELDS];
    static char texts[N][16];
    pm_value v[CONF_MAX_FIELDS];
    for (size_t i = 0; i < N; i++) {
        item_init(v, 1000 + (int64_t)i);
        snprintf(texts[i], sizeof texts[i], "row %zu", i);
        v[I_TEXT] = v_text(texts[i]);
        memcpy(&rows[i * I_NFIELDS], v, I_NFIELDS * sizeof *v);
    }
    CONF_EXPECT(st, PM_EMISUSE, st->insert_many(st, K_ITEM, rows, N));

    BEGIN(st);
    pm_id first = item_insert(st, 1, I_NUM, v_null());
    CONF_OK(st, st->insert_many(st, K_ITEM, rows, N));
    pm_id last = item_insert(st, 2, I_NUM, v_null());
    COMMIT(st);
    conf_rows got;
    memset(&got, 0, sizeof got);
    SCAN(st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), &got);
    if (got.n != N + 2)
        CONF_FAIL("%zu rows after insert_many of %d and two inserts", got.n, (int)N);
    if (got.rows[0].id != first || got.rows[N + 1].id != last)
        CONF_FAIL("the single inserts are not first and last by id");
    for (size_t i = 0; i < N; i++) {
        const pm_value *g = got.rows[i + 1].values;
        if (g[I_NUM].v.i != 1000 + (int64_t)i || g[I_TEXT].type != PM_VALUE_TEXT ||
            g[I_TEXT].v.b.len != strlen(texts[i]) ||
            memcmp(g[I_TEXT].v.b.data, texts[i], strlen(texts[i])) != 0)
            CONF_FAIL("row %zu of insert_many came back as num %" PRId64, i, g[I_NUM].v.i);
    }
    conf_rows_free(&got);

    /* A bad third row: nothing of the three is written. */
    rows[2 * I_NFIELDS + I_NUM] = v_text("not a number");
    BEGIN(st);
    CONF_EXPECT(st, PM_EINVAL, st->insert_many(st, K_ITEM, rows, 3));
    ASSERT_SCAN_COUNT(st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), N + 2);
    COMMIT(st);
}

static void test_get_returns_exactly_the_values_written(void **state)
{
    conf *c = *state;
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS];
    pm_id ids[SAMPLE_ROWS];
    conf_sample_rows(rows);
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
    conf_sample_rows(rows);
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
            CONF_FAIL("scan %s: %zu rows, expected %d", conf_index_name(K_ITEM, s.index), n,
                      SAMPLE_ROWS);
        }
        for (size_t r = 0; r < got.n; r++) {
            size_t i = 0;
            while (i < SAMPLE_ROWS && ids[i] != got.rows[r].id)
                i++;
            if (i == SAMPLE_ROWS || conf_row_diff(&got.rows[r], ids[i], rows[i], I_NFIELDS, diff,
                                             sizeof diff)) {
                if (i == SAMPLE_ROWS)
                    snprintf(diff, sizeof diff, "unknown id %" PRId64, got.rows[r].id);
                conf_rows_free(&got);
                CONF_FAIL("scan %s: %s", conf_index_name(K_ITEM, s.index), diff);
            }
        }
        conf_rows_free(&got);
    }
}

static void test_update_replaces_every_field(void **state)
{
    conf *c = *state;
    pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS];
    conf_sample_rows(rows);
    BEGIN(c->st);
    pm_id a = INSERT(c->st, K_ITEM, rows[0]);
    pm_id b = INSERT(c->st, K_ITEM, rows[2]);
    COMMIT(c->st);

    /* a: every value replaced, some by NULL; b: NULLs replaced by values */
    BEGIN(c->st);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, rows[1], PM_UPDATE_ALL_FIELDS));
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, b, rows[3], PM_UPDATE_ALL_FIELDS));
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
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, gone, v, PM_UPDATE_ALL_FIELDS));
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, never, v, PM_UPDATE_ALL_FIELDS));
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

/* ---- callbacks ---- */

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
                      conf_index_name(K_ITEM, s.index), stop.calls);
        s.flags = PM_SCAN_DESC;
        stop = (stop_at){ 0, 3, 42 };
        CONF_OK(c->st, c->st->scan(c->st, &s, stop_cb, &stop));
        if (stop.calls != 3)
            CONF_FAIL("scan %s desc: the callback stopped at call 3 but ran %zu times",
                      conf_index_name(K_ITEM, s.index), stop.calls);
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
                      conf_index_name(K_ITEM, s.index), stop.calls);
        stop = (stop_at){ 0, 1, PM_ERANGE };
        s.flags = PM_SCAN_DESC;
        CONF_EXPECT(c->st, PM_ERANGE, c->st->scan(c->st, &s, stop_cb, &stop));
        if (stop.calls != 1)
            CONF_FAIL("scan %s desc: the callback failed at call 1 but ran %zu times",
                      conf_index_name(K_ITEM, s.index), stop.calls);
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

/* ---- text and size ---- */

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
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, id, v, PM_UPDATE_ALL_FIELDS));
    COMMIT(c->st);
    conf_rows got;
    char diff[600];
    SCAN(c->st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), &got);
    int bad = got.n != 1 || conf_row_diff(&got.rows[0], id, v, I_NFIELDS, diff, sizeof diff);
    if (got.n != 1)
        snprintf(diff, sizeof diff, "%zu rows, expected 1", got.n);
    conf_rows_free(&got);
    free(text);
    free(blob);
    free(blob2);
    if (bad)
        CONF_FAIL("scan after updating the 4 MiB blob: %s", diff);
}

int conf_run_records(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_backend_declares_version_name_and_functions, b),
        CONF_CASE(test_stored_version_is_zero_for_a_new_store, b),
        CONF_CASE(test_errmsg_is_never_null_and_describes_each_failure, b),

        CONF_CASE(test_insert_assigns_distinct_positive_ids, b),
        CONF_CASE(test_insert_many_writes_the_rows_in_order_or_none, b),
        CONF_CASE(test_get_returns_exactly_the_values_written, b),
        CONF_CASE(test_scan_hands_the_same_values_as_get, b),
        CONF_CASE(test_update_replaces_every_field, b),
        CONF_CASE(test_remove_deletes_only_that_record, b),
        CONF_CASE(test_get_update_remove_of_a_missing_id_are_enotfound, b),
        CONF_CASE(test_ids_are_not_reused_after_remove, b),
        CONF_CASE(test_ids_are_not_reused_after_a_rolled_back_insert, b),

        CONF_CASE(test_scan_callback_returning_positive_stops_early_with_ok, b),
        CONF_CASE(test_scan_callback_returning_an_error_stops_with_that_status, b),
        CONF_CASE(test_get_returns_the_callback_status, b),

        CONF_CASE(test_text_round_trips_byte_exact_without_normalising, b),
        CONF_CASE(test_large_text_and_blob_round_trip, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "records"),
                                       cases, NULL, NULL);
}
