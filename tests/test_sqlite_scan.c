/* The order the SQLite backend's scans return: NULL first, text bytewise,
 * blobs shorter first, ties by id, both directions; equality prefixes,
 * ranges and limits; bad scans refused, and callbacks that stop a scan. */
#include "fixture.h"

#include <string.h>

#include "sqlite_store.h"

/* ---- scan order -------------------------------------------------------------------- */

/* Seven rows whose team, joined and photo exercise NULLs, ties, case,
 * bytewise UTF-8 order and shorter-first blobs. Returns them in ids[1..7]. */
static pm_storage *store_with_order_rows(const char *path, pm_id ids[8])
{
    pm_storage *s = open_store(path, 0, &schema_v1);
    static const staff_row rows[7] = {
        { "r1", "2026-01-02", "b", "\x01", 1, 1 },
        { "r2", "2026-01-01", NULL, "\x01\x00", 2, 2 },
        { "r3", "2026-01-05", "B", "", 0, 3 },
        { "r4", "2026-01-02", "b", NULL, 0, 4 },
        { "r5", "2025-12-31", "\xc3\xa9", "\xff", 1, 5 },
        { "r6", "2026-01-01", "ba", "\x00\x01", 2, 6 },
        { "r7", "2026-01-01", NULL, "\x01", 1, 7 },
    };
    assert_int_equal(s->begin(s), PM_OK);
    for (int i = 0; i < 7; i++)
        ids[i + 1] = insert_staff(s, &rows[i]);
    assert_int_equal(s->commit(s), PM_OK);
    return s;
}

/* Runs a scan and checks it returns rows r<expected[0]>, r<expected[1]>, ... */
static void expect_scan(pm_storage *s, const pm_id ids[8], const pm_scan *scan,
                        const int *expected, int n)
{
    collected c = { 0 };
    pm_status st = s->scan(s, scan, collect, &c);
    if (st != PM_OK)
        fail_msg("scan: %s", s->errmsg(s));
    assert_int_equal(c.n, n);
    for (int i = 0; i < n; i++)
        assert_int_equal(c.ids[i], ids[expected[i]]);
}

static void test_scan_orders_null_first_text_bytewise_and_ties_by_id(void **state)
{
    file_state *f = *state;
    pm_id ids[8];
    pm_storage *s = store_with_order_rows(f->path, ids);
    pm_scan scan = { 0, I_BY_TEAM_JOINED, 0, NULL, NULL, NULL, 0, 0 };
    expect_scan(s, ids, &scan, (int[]){ 2, 7, 3, 1, 4, 6, 5 }, 7);
    scan.flags = PM_SCAN_DESC;
    expect_scan(s, ids, &scan, (int[]){ 5, 6, 4, 1, 3, 7, 2 }, 7);

    pm_scan photos = { 0, I_BY_PHOTO, 0, NULL, NULL, NULL, 0, 0 };
    expect_scan(s, ids, &photos, (int[]){ 4, 3, 6, 1, 7, 2, 5 }, 7);
    photos.flags = PM_SCAN_DESC;
    expect_scan(s, ids, &photos, (int[]){ 5, 2, 7, 1, 6, 3, 4 }, 7);
    s->free(s);
}

static void test_scan_applies_equality_range_and_limit(void **state)
{
    file_state *f = *state;
    pm_id ids[8];
    pm_storage *s = store_with_order_rows(f->path, ids);
    pm_value null_team = { PM_VALUE_NULL, { .i = 0 } };
    pm_value team_b = { PM_VALUE_TEXT, { .b = { "b", 1 } } };
    pm_value team_B = { PM_VALUE_TEXT, { .b = { "B", 1 } } };
    pm_value team_ba = { PM_VALUE_TEXT, { .b = { "ba", 2 } } };
    pm_value jan2 = { PM_VALUE_INT, { .i = pm_fixture_date("2026-01-02") } };
    pm_value before_year_1 = { PM_VALUE_INT, { .i = -1000000 } };
    pm_value after_year_9999 = { PM_VALUE_INT, { .i = 5000000 } };

    /* A NULL equality value matches NULL fields. */
    pm_scan scan = { 0, I_BY_TEAM_JOINED, 1, &null_team, NULL, NULL, 0, 0 };
    expect_scan(s, ids, &scan, (int[]){ 2, 7 }, 2);
    /* Equality prefix, then a range on the next field. */
    scan = (pm_scan){ 0, I_BY_TEAM_JOINED, 1, &team_b, &jan2, NULL, 0, 0 };
    expect_scan(s, ids, &scan, (int[]){ 1, 4 }, 2);
    scan.flags = PM_SCAN_LO_EXCLUSIVE;
    expect_scan(s, ids, &scan, NULL, 0);
    scan = (pm_scan){ 0, I_BY_TEAM_JOINED, 1, &team_b, &before_year_1, &after_year_9999, 0, 0 };
    expect_scan(s, ids, &scan, (int[]){ 1, 4 }, 2);
    /* A range on the first field: inclusive and exclusive ends. */
    scan = (pm_scan){ 0, I_BY_TEAM_JOINED, 0, NULL, &team_b, &team_ba, PM_SCAN_HI_EXCLUSIVE, 0 };
    expect_scan(s, ids, &scan, (int[]){ 1, 4 }, 2);
    scan.flags = 0;
    expect_scan(s, ids, &scan, (int[]){ 1, 4, 6 }, 3);
    /* NULL sorts first: an upper bound alone keeps NULLs, "> NULL" drops them. */
    scan = (pm_scan){ 0, I_BY_TEAM_JOINED, 0, NULL, NULL, &team_B, 0, 0 };
    expect_scan(s, ids, &scan, (int[]){ 2, 7, 3 }, 3);
    scan = (pm_scan){ 0, I_BY_TEAM_JOINED, 0, NULL, &null_team, NULL, PM_SCAN_LO_EXCLUSIVE, 0 };
    expect_scan(s, ids, &scan, (int[]){ 3, 1, 4, 6, 5 }, 5);
    scan = (pm_scan){ 0, I_BY_TEAM_JOINED, 0, NULL, NULL, &null_team, 0, 0 };
    expect_scan(s, ids, &scan, (int[]){ 2, 7 }, 2);
    /* Limits, both directions. */
    scan = (pm_scan){ 0, I_BY_TEAM_JOINED, 0, NULL, NULL, NULL, 0, 3 };
    expect_scan(s, ids, &scan, (int[]){ 2, 7, 3 }, 3);
    scan.flags = PM_SCAN_DESC;
    scan.limit = 2;
    expect_scan(s, ids, &scan, (int[]){ 5, 6 }, 2);
    /* By id. */
    pm_value three = { PM_VALUE_INT, { .i = ids[3] } };
    pm_value six = { PM_VALUE_INT, { .i = ids[6] } };
    scan = (pm_scan){ 0, PM_SCAN_BY_ID, 0, NULL, &three, &six, PM_SCAN_LO_EXCLUSIVE, 0 };
    expect_scan(s, ids, &scan, (int[]){ 4, 5, 6 }, 3);
    scan.flags |= PM_SCAN_DESC;
    expect_scan(s, ids, &scan, (int[]){ 6, 5, 4 }, 3);
    s->free(s);
}

static void test_scan_refuses_bad_scans_and_stops_when_asked(void **state)
{
    file_state *f = *state;
    pm_id ids[8];
    pm_storage *s = store_with_order_rows(f->path, ids);
    collected c = { 0 };
    pm_value text = { PM_VALUE_TEXT, { .b = { "x", 1 } } };
    pm_scan scan = { 0, I_BY_LEVEL, 1, &text, NULL, NULL, 0, 0 };
    assert_int_equal(s->scan(s, &scan, collect, &c), PM_EINVAL);
    assert_string_equal(s->errmsg(s), "staff.level: expects an integer, got text");
    scan = (pm_scan){ 0, 9, 0, NULL, NULL, NULL, 0, 0 };
    assert_int_equal(s->scan(s, &scan, collect, &c), PM_EINVAL);
    assert_non_null(strstr(s->errmsg(s), "index 9"));
    scan = (pm_scan){ 0, PM_SCAN_BY_ID, 1, &text, NULL, NULL, 0, 0 };
    assert_int_equal(s->scan(s, &scan, collect, &c), PM_EINVAL);
    scan = (pm_scan){ 0, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0x80, 0 };
    assert_int_equal(s->scan(s, &scan, collect, &c), PM_EINVAL);
    assert_int_equal(c.n, 0);

    scan = (pm_scan){ 0, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    c.stop_after = 2;
    assert_int_equal(s->scan(s, &scan, collect, &c), PM_OK);
    assert_int_equal(c.n, 2);
    memset(&c, 0, sizeof c);
    c.fail_with = PM_ENOMEM;
    assert_int_equal(s->scan(s, &scan, collect, &c), PM_ENOMEM);
    assert_int_equal(s->get(s, 0, ids[1], collect, &c), PM_ENOMEM);
    s->free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, file_setup, file_teardown)
        T(test_scan_orders_null_first_text_bytewise_and_ties_by_id),
        T(test_scan_applies_equality_range_and_limit),
        T(test_scan_refuses_bad_scans_and_stops_when_asked),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
