/* Conformance cases on transactions and durability: writes need a
 * transaction, commit keeps and rollback undoes every change in every
 * index, nested levels are savepoints, and a durable store keeps what was
 * committed, and only that, across free() and reopen(). */
#include "conformance_internal.h"

/* ---- transactions ---- */

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
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->update(c->st, K_ITEM, kept, w, PM_UPDATE_ALL_FIELDS));
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->remove(c->st, K_ITEM, kept));
    BEGIN(c->st);
    ROLLBACK(c->st);
    CONF_EXPECT(c->st, PM_EMISUSE, c->st->update(c->st, K_ITEM, kept, w, PM_UPDATE_ALL_FIELDS));
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
        if (conf_rows_diff(&got.scans[k], &want->scans[k], diff, sizeof diff)) {
            unsigned int kind = k <= IX_NITEM ? K_ITEM : K_UNIQ;
            unsigned int i = (unsigned int)(k <= IX_NITEM ? k : k - IX_NITEM - 1);
            unsigned int n = kind == K_ITEM ? IX_NITEM : UX_NUNIQ;
            snapshot_free(&got);
            conf_fail_at(file, line, "%s: scan %s of %s differs: %s", when,
                         conf_index_name(kind, i == n ? PM_SCAN_BY_ID : i), conf_kinds_v1[kind].name, diff);
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
    CONF_OK(st, st->update(st, K_ITEM, items[1], v, PM_UPDATE_ALL_FIELDS));
    item_init(v, 3);
    CONF_OK(st, st->update(st, K_ITEM, items[4], v, PM_UPDATE_ALL_FIELDS));
    CONF_OK(st, st->remove(st, K_ITEM, items[2]));
    uniq_init(v, v_text("u0-renamed"), v_int(0), v_text("t"), "changed");
    CONF_OK(st, st->update(st, K_UNIQ, uniqs[0], v, PM_UPDATE_ALL_FIELDS));
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
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, items[0], v, PM_UPDATE_ALL_FIELDS));
    CONF_OK(c->st, c->st->remove(c->st, K_ITEM, items[3]));
    memset(&outer, 0, sizeof outer);
    snapshot_take(c->st, &outer);

    BEGIN(c->st);
    churn(c->st, items, uniqs);
    item_init(v, 52);
    CONF_OK(c->st, c->st->update(c->st, K_ITEM, a, v, PM_UPDATE_ALL_FIELDS));
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

/* ---- durability ---- */

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
    conf_sample_rows(rows);
    base_rows(c->st, items, uniqs);
    BEGIN(c->st);
    for (size_t i = 0; i < SAMPLE_ROWS; i++)
        ids[i] = INSERT(c->st, K_ITEM, rows[i]);
    COMMIT(c->st);
    memset(&before, 0, sizeof before);
    snapshot_take(c->st, &before);
    REOPEN(c, &conf_schema_v1);
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
    REOPEN(c, &conf_schema_v1);
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
        REOPEN(c, &conf_schema_v1);
        unsigned int version = 99;
        CONF_OK(c->st, c->st->stored_version(c->st, &version));
        if (version != conf_schema_v1.version)
            CONF_FAIL("reopen %d: stored_version() is %u, expected %u", round + 1, version,
                      conf_schema_v1.version);
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
    REOPEN(c, &conf_schema_v1);
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
    REOPEN(c, &conf_schema_v1);
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

    REOPEN(c, &conf_schema_v2);
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

    REOPEN(c, &conf_schema_v2);
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
    CONF_EXPECT(st, PM_EVERSION, st->prepare(st, &conf_schema_v1));
    EXPECT_ERRMSG(st, "prepare() of an older schema");
}

int conf_run_txn(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_writes_outside_a_transaction_are_emisuse, b),
        CONF_CASE(test_commit_and_rollback_without_begin_are_emisuse, b),
        CONF_CASE(test_commit_keeps_inserts_updates_and_removes, b),
        CONF_CASE(test_rollback_undoes_inserts_updates_and_removes_in_every_index, b),
        CONF_CASE(test_inner_rollback_undoes_only_the_inner_level, b),
        CONF_CASE(test_outer_rollback_after_inner_commit_undoes_both, b),
        CONF_CASE(test_nested_levels_commit_and_roll_back_independently, b),

        CONF_CASE(test_committed_data_survives_free_and_reopen, b),
        CONF_CASE(test_an_uncommitted_transaction_is_gone_after_free_and_reopen, b),
        CONF_CASE(test_prepare_on_reopen_is_idempotent_and_reports_the_stored_version, b),
        CONF_CASE(test_ids_are_not_reused_after_reopen, b),
        CONF_CASE(test_ids_are_not_reused_after_an_uncommitted_insert_and_reopen, b),
        CONF_CASE(test_prepare_migrates_an_older_store_and_refuses_a_newer_one, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "transactions"),
                                       cases, NULL, NULL);
}
