/* Conformance cases on scans: the order of every field type, ties broken
 * by id, DESC, equality prefixes, inclusive and exclusive bounds, limits. */
#include "conformance_internal.h"

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
    conf_scan_fmt(&s, what, sizeof what);
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

static void test_scan_returns_nothing_when_nothing_matches(void **state)
{
    conf *c = *state;
    size_t calls = 0;
    for (unsigned int kind = 0; kind < K_NKINDS; kind++) {
        pm_scan s = scan_of(kind, PM_SCAN_BY_ID);
        CONF_OK(c->st, c->st->scan(c->st, &s, count_cb, &calls));
        for (unsigned int index = 0; index < conf_kinds_v1[kind].nindexes; index++) {
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

/* Six items over IX_NUM_TEXT_DATE (num 0-2, text a/b, distinct dates),
 * each with a note outside the index. */
static void insert_six_items(conf *c)
{
    BEGIN(c->st);
    for (int i = 0; i < 6; i++) {
        pm_value v[CONF_MAX_FIELDS];
        item_init(v, i % 3);
        v[I_TEXT] = v_text(i % 2 ? "b" : "a");
        v[I_DATE] = v_int(20000 + i);
        v[I_NOTE] = v_text("not in the index");
        INSERT(c->st, K_ITEM, v);
    }
    COMMIT(c->st);
}

/* The scans the flag cases compare with and without their flag: the
 * three-field index forwards, backwards, with an equality prefix (one
 * holds 1), and with a limit. */
#define SIX_ITEM_SCANS 4
static pm_scan six_item_scan(int variant, const pm_value *one)
{
    pm_scan s = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    if (variant == 1)
        s.flags = PM_SCAN_DESC;
    if (variant == 2) {
        s.neq = 1;
        s.eq = one;
    }
    if (variant == 3)
        s.limit = 4;
    return s;
}

/* PM_SCAN_INDEX_ONLY: the same rows in the same order, with the index's
 * fields as stored; a field outside the index may come back NULL. */
static void test_scan_index_only_gives_the_index_fields_of_the_same_rows(void **state)
{
    conf *c = *state;
    static const unsigned int indexed[] = { I_NUM, I_TEXT, I_DATE };
    insert_six_items(c);
    pm_value one = v_int(1);
    for (int variant = 0; variant < SIX_ITEM_SCANS; variant++) {
        pm_scan s = six_item_scan(variant, &one);
        conf_rows full, keys;
        SCAN(c->st, &s, &full);
        s.flags |= PM_SCAN_INDEX_ONLY;
        SCAN(c->st, &s, &keys);
        if (keys.n != full.n)
            CONF_FAIL("index-only scan: %zu rows, the full scan %zu", keys.n, full.n);
        for (size_t r = 0; r < full.n; r++) {
            if (keys.rows[r].id != full.rows[r].id)
                CONF_FAIL("index-only scan: row %zu is id %" PRId64 ", the full scan's %" PRId64,
                          r, keys.rows[r].id, full.rows[r].id);
            for (size_t f = 0; f < COUNT_OF(indexed); f++)
                if (!conf_value_equal(&keys.rows[r].values[indexed[f]],
                                      &full.rows[r].values[indexed[f]]))
                    CONF_FAIL("index-only scan: row %zu differs in indexed field %u", r,
                              indexed[f]);
            const pm_value *note = &keys.rows[r].values[I_NOTE];
            if (note->type != PM_VALUE_NULL && !conf_value_equal(note, &full.rows[r].values[I_NOTE]))
                CONF_FAIL("index-only scan: row %zu has a field outside the index that is"
                          " neither NULL nor as stored", r);
        }
        conf_rows_free(&full);
        conf_rows_free(&keys);
    }
}

/* PM_SCAN_NO_ID: the same rows with the same values in the same order,
 * with limits and either order, each id either the row's or 0. */
static void test_scan_no_id_gives_the_same_rows_with_or_without_their_ids(void **state)
{
    conf *c = *state;
    insert_six_items(c);
    pm_value one = v_int(1);
    for (int variant = 0; variant < 2 * SIX_ITEM_SCANS; variant++) {
        pm_scan s = six_item_scan(variant / 2, &one);
        if (variant % 2)
            s.flags |= PM_SCAN_INDEX_ONLY;
        conf_rows with, without;
        SCAN(c->st, &s, &with);
        s.flags |= PM_SCAN_NO_ID;
        SCAN(c->st, &s, &without);
        if (without.n != with.n)
            CONF_FAIL("scan without ids: %zu rows, with ids %zu", without.n, with.n);
        for (size_t r = 0; r < with.n; r++) {
            if (without.rows[r].id != 0 && without.rows[r].id != with.rows[r].id)
                CONF_FAIL("scan without ids: row %zu has id %" PRId64 ", neither 0 nor %" PRId64,
                          r, without.rows[r].id, with.rows[r].id);
            for (unsigned int f = 0; f < I_NFIELDS; f++)
                if (!conf_value_equal(&without.rows[r].values[f], &with.rows[r].values[f]))
                    CONF_FAIL("scan without ids: row %zu differs in field %u", r, f);
        }
        conf_rows_free(&with);
        conf_rows_free(&without);
    }
}

int conf_run_scan(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_scan_by_id_honours_id_ranges_desc_and_limit, b),
        CONF_CASE(test_scan_int_index_orders_negative_and_extreme_values_numerically, b),
        CONF_CASE(test_scan_breaks_ties_by_id_ascending, b),
        CONF_CASE(test_scan_desc_reverses_the_order_including_the_id_tie_break, b),
        CONF_CASE(test_scan_real_index_orders_numerically, b),
        CONF_CASE(test_scan_date_and_time_indexes_order_values_before_1970, b),
        CONF_CASE(test_scan_text_index_orders_bytewise, b),
        CONF_CASE(test_scan_text_equality_matches_whole_values_only, b),
        CONF_CASE(test_scan_blob_index_orders_bytes_including_nul, b),
        CONF_CASE(test_scan_null_sorts_first_and_null_equality_matches_null, b),
        CONF_CASE(test_scan_lo_and_hi_are_inclusive_unless_flagged_exclusive, b),
        CONF_CASE(test_scan_with_only_lo_or_only_hi, b),
        CONF_CASE(test_scan_only_hi_includes_nulls_and_a_lo_bound_excludes_them, b),
        CONF_CASE(test_scan_equality_prefix_on_one_two_and_three_fields, b),
        CONF_CASE(test_scan_limit_with_and_without_desc, b),
        CONF_CASE(test_scan_returns_nothing_when_nothing_matches, b),
        CONF_CASE(test_scan_index_only_gives_the_index_fields_of_the_same_rows, b),
        CONF_CASE(test_scan_no_id_gives_the_same_rows_with_or_without_their_ids, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "scans"),
                                       cases, NULL, NULL);
}
