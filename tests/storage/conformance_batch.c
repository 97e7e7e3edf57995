/* Conformance: batches of scans (pm_storage::scan_batch, optional since
 * version 3). A batch gives each scan the rows scan() gives it, in the
 * order of the items; a callback's stop ends its own scan, its error the
 * batch. A backend without the op has nothing to test here. */
#include "conformance_internal.h"

#include <stdio.h>
#include <string.h>

enum { ITEMS = 9, MANY = 150 /* more than one round trip of any backend's */ };

/* Items with num 0, 1, 2 in turn; two kinds, so a batch mixes them. */
static void insert_items(conf *c)
{
    BEGIN(c->st);
    for (int i = 0; i < ITEMS; i++) {
        pm_value v[CONF_MAX_FIELDS];
        item_init(v, i % 3);
        v[I_TEXT] = v_text(i % 2 ? "b" : "a");
        INSERT(c->st, K_ITEM, v);
    }
    COMMIT(c->st);
}

/* The store with the items in, or NULL when the backend has no batches
 * (nothing to test). */
static pm_storage *batch_store(conf *c)
{
    if (c->st->scan_batch == NULL)
        return NULL;
    insert_items(c);
    return c->st;
}

static void check_same_rows(const conf_rows *got, const conf_rows *want, size_t item)
{
    char msg[512];
    if (conf_rows_diff(got, want, msg, sizeof msg) != 0)
        CONF_FAIL("batch item %zu: %s", item, msg);
}

static void test_scan_batch_gives_each_scan_the_rows_scan_gives(void **state)
{
    pm_storage *st = batch_store(*state);
    if (st == NULL)
        return;
    pm_value nums[3] = { v_int(0), v_int(1), v_int(99) };
    pm_value lo = v_int(3);
    pm_scan scans[6];
    scans[0] = scan_of(K_ITEM, PM_SCAN_BY_ID);
    scans[1] = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    scans[1].neq = 1;
    scans[1].eq = &nums[1];
    scans[2] = scan_of(K_ITEM, IX_NUM);
    scans[2].flags = PM_SCAN_DESC;
    scans[2].limit = 2;
    scans[3] = scan_of(K_ITEM, IX_NUM);
    scans[3].neq = 1;
    scans[3].eq = &nums[2]; /* no rows */
    scans[4] = scan_of(K_UNIQ, PM_SCAN_BY_ID);
    scans[5] = scan_of(K_ITEM, PM_SCAN_BY_ID);
    scans[5].lo = &lo;
    scans[5].flags = PM_SCAN_LO_EXCLUSIVE | PM_SCAN_DESC;
    /* Inside a transaction, after a write of its own, and outside one. */
    for (int in_tx = 1; in_tx >= 0; in_tx--) {
        if (in_tx) {
            BEGIN(st);
            item_insert(st, 1, I_NUM, v_int(1));
        }
        conf_rows got[6], want[6];
        pm_scan_item items[6];
        memset(got, 0, sizeof got);
        for (size_t i = 0; i < 6; i++)
            items[i] = (pm_scan_item){ &scans[i], conf_collect_cb, &got[i] };
        CONF_OK(st, st->scan_batch(st, items, 6));
        for (size_t i = 0; i < 6; i++) {
            SCAN(st, &scans[i], &want[i]);
            check_same_rows(&got[i], &want[i], i);
            conf_rows_free(&got[i]);
            conf_rows_free(&want[i]);
        }
        if (in_tx)
            ROLLBACK(st);
    }
}

static void test_scan_batch_stops_a_scan_or_the_whole_batch(void **state)
{
    pm_storage *st = batch_store(*state);
    if (st == NULL)
        return;
    pm_scan all = scan_of(K_ITEM, PM_SCAN_BY_ID);
    size_t counts[4] = { 0, 0, 0, 0 };
    pm_scan_item items[4] = {
        { &all, first_only_cb, &counts[0] },
        { &all, count_cb, &counts[1] },
        { &all, failing_cb, &counts[2] },
        { &all, count_cb, &counts[3] },
    };
    /* The first scan stops itself; the second still reads all. */
    CONF_OK(st, st->scan_batch(st, items, 2));
    if (counts[0] != 1 || counts[1] != ITEMS)
        CONF_FAIL("after a stopped scan: %zu and %zu rows, expected 1 and %d", counts[0],
                  counts[1], (int)ITEMS);
    /* The third fails: the batch returns its error, the fourth reads nothing. */
    memset(counts, 0, sizeof counts);
    CONF_EXPECT(st, PM_ENOMEM, st->scan_batch(st, items, 4));
    if (counts[2] != 1 || counts[3] != 0)
        CONF_FAIL("after a failed callback: %zu and %zu rows, expected 1 and 0", counts[2],
                  counts[3]);
    /* A scan that is not valid fails the batch. */
    pm_scan bad = scan_of(K_ITEM, 200);
    items[1].scan = &bad;
    CONF_EXPECT(st, PM_EINVAL, st->scan_batch(st, items, 2));
    /* The store works on. */
    ASSERT_SCAN_COUNT(st, &all, ITEMS);
}

/* More scans than one round trip of any backend's takes, in order. */
static void test_scan_batch_of_many_scans_keeps_their_order(void **state)
{
    pm_storage *st = batch_store(*state);
    if (st == NULL)
        return;
    static pm_value nums[MANY];
    static pm_scan scans[MANY];
    static pm_scan_item items[MANY];
    static size_t counts[MANY];
    for (size_t i = 0; i < MANY; i++) {
        nums[i] = v_int((int64_t)(i % 4)); /* 3 rows each for 0 to 2, none for 3 */
        scans[i] = scan_of(K_ITEM, IX_NUM);
        scans[i].neq = 1;
        scans[i].eq = &nums[i];
        counts[i] = 0;
        items[i] = (pm_scan_item){ &scans[i], count_cb, &counts[i] };
    }
    CONF_OK(st, st->scan_batch(st, items, MANY));
    for (size_t i = 0; i < MANY; i++)
        if (counts[i] != (i % 4 == 3 ? 0u : 3u))
            CONF_FAIL("scan %zu of %d: %zu rows, expected %d", i, (int)MANY, counts[i],
                      i % 4 == 3 ? 0 : 3);
}

int conf_run_batch(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_scan_batch_gives_each_scan_the_rows_scan_gives, b),
        CONF_CASE(test_scan_batch_stops_a_scan_or_the_whole_batch, b),
        CONF_CASE(test_scan_batch_of_many_scans_keeps_their_order, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "scan batches"),
                                       cases, NULL, NULL);
}
