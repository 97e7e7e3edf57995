/* Conformance: merges of ordered scans (pm_storage::scan_merged, optional
 * since version 5). A merge hands over the union of its scans' rows, each
 * row once, in their common order, at most its limit; each scan's own
 * bounds and limit still choose its rows. The expected list is built here
 * from scan() of each scan, so a merge is checked against the backend's
 * own scans. A backend without the op has nothing to test here. */
#include "conformance_internal.h"

enum { ROWS = 60, RANDOM_MERGES = 300 };

static const char *const texts[] = { "a", "b", "c" };

/* Rows whose num, text and date repeat in different cycles, with NULL
 * texts and dates among them, so that orders tie and NULLs sort. */
static void insert_rows(pm_storage *st)
{
    BEGIN(st);
    for (int i = 0; i < ROWS; i++) {
        pm_value v[CONF_MAX_FIELDS];
        item_init(v, i % 4);
        if (i % 7 != 0)
            v[I_TEXT] = v_text(texts[i % 3]);
        if (i % 11 != 0)
            v[I_DATE] = v_int(20000 + i % 5);
        v[I_REAL] = v_real((double)(i % 6));
        INSERT(st, K_ITEM, v);
    }
    COMMIT(st);
}

/* The store with the rows in, or NULL when the backend has no merges. */
static pm_storage *merge_store(conf *c)
{
    if (c->st->scan_merged == NULL)
        return NULL;
    insert_rows(c->st);
    return c->st;
}

/* ---- the expected list ---- */

/* The fields a scan's rows are ordered by before the id. */
static unsigned int order_of(const pm_scan *sc, const unsigned int **fields)
{
    *fields = NULL;
    if (sc->index == PM_SCAN_BY_ID)
        return 0;
    const pm_index_def *ix = &conf_kinds_v1[sc->kind].indexes[sc->index];
    *fields = ix->fields + sc->neq;
    return ix->nfields - sc->neq;
}

static int compare_rows(const conf_row *a, const conf_row *b, const pm_scan *sc)
{
    const unsigned int *fields;
    unsigned int n = order_of(sc, &fields);
    int c = 0;
    for (unsigned int i = 0; c == 0 && i < n; i++)
        c = conf_value_cmp(&a->values[fields[i]], &b->values[fields[i]]);
    if (c == 0)
        c = (a->id > b->id) - (a->id < b->id);
    return (sc->flags & PM_SCAN_DESC) ? -c : c;
}

/* What the merge should hand over: each scan's rows from scan(), sorted
 * together, each id once, cut at the limit. Points into per_scan. */
static size_t expected(pm_storage *st, const pm_scan_merge *m, conf_rows *per_scan,
                       const conf_row **want, size_t cap)
{
    size_t n = 0;
    for (unsigned int i = 0; i < m->count; i++) {
        SCAN(st, &m->scans[i], &per_scan[i]);
        for (size_t r = 0; r < per_scan[i].n; r++) {
            const conf_row *row = &per_scan[i].rows[r];
            if (n == cap)
                CONF_FAIL("more than %zu rows expected", cap);
            size_t at = n++;
            while (at > 0 && compare_rows(want[at - 1], row, &m->scans[0]) > 0) {
                want[at] = want[at - 1];
                at--;
            }
            want[at] = row;
        }
    }
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || want[kept - 1]->id != want[i]->id)
            want[kept++] = want[i];
    return m->limit != 0 && kept > m->limit ? (size_t)m->limit : kept;
}

static void describe(const pm_scan_merge *m, char *buf, size_t size)
{
    int used = snprintf(buf, size, "merge of %u, limit %" PRIu64 ":", m->count, m->limit);
    for (unsigned int i = 0; i < m->count && used > 0 && (size_t)used < size; i++) {
        char one[300];
        conf_scan_fmt(&m->scans[i], one, sizeof one);
        used += snprintf(buf + used, size - (size_t)used, "\n    %s", one);
    }
}

/* Runs the merges in one call and checks each against its expected list. */
static void check_merges(pm_storage *st, const pm_scan_merge *merges, size_t count)
{
    conf_rows got[4];
    if (count > COUNT_OF(got))
        CONF_FAIL("at most %zu merges a check", COUNT_OF(got));
    pm_scan_merge calls[4];
    memset(got, 0, sizeof got);
    for (size_t i = 0; i < count; i++) {
        calls[i] = merges[i];
        calls[i].cb = conf_collect_cb;
        calls[i].payload = &got[i];
    }
    CONF_OK(st, st->scan_merged(st, calls, count));
    for (size_t i = 0; i < count; i++) {
        conf_rows per_scan[PM_SCAN_MERGE_MAX];
        const conf_row *want[PM_SCAN_MERGE_MAX * ROWS + 8];
        memset(per_scan, 0, sizeof per_scan);
        size_t n = expected(st, &merges[i], per_scan, want, COUNT_OF(want));
        char what[2000], diff[600];
        describe(&merges[i], what, sizeof what);
        if (got[i].bad[0])
            CONF_FAIL("%s: malformed row: %s", what, got[i].bad);
        if (got[i].n != n)
            CONF_FAIL("%s: %zu rows, expected %zu", what, got[i].n, n);
        for (size_t r = 0; r < n; r++)
            if (conf_row_diff(&got[i].rows[r], want[r]->id, want[r]->values, want[r]->nvalues,
                              diff, sizeof diff) != 0)
                CONF_FAIL("%s: row %zu: %s", what, r, diff);
        for (unsigned int s = 0; s < merges[i].count; s++)
            conf_rows_free(&per_scan[s]);
        conf_rows_free(&got[i]);
    }
}

static pm_scan_merge merge_of(const pm_scan *scans, unsigned int count, uint64_t limit)
{
    pm_scan_merge m = { scans, count, limit, NULL, NULL };
    return m;
}

/* ---- the cases ---- */

static void test_a_merge_hands_over_the_union_in_order_each_row_once(void **state)
{
    pm_storage *st = merge_store(*state);
    if (st == NULL)
        return;
    pm_value nums[4] = { v_int(0), v_int(1), v_int(2), v_int(3) };
    pm_value num_text[2] = { v_int(1), v_text("b") };
    pm_value date_lo = v_int(20002), text_hi = v_text("b"), id_lo = v_int(10);
    /* By text and date: two prefixes of one index. */
    pm_scan by_text_date[2] = { scan_of(K_ITEM, IX_NUM_TEXT_DATE),
                                scan_of(K_ITEM, IX_NUM_TEXT_DATE) };
    by_text_date[0].neq = by_text_date[1].neq = 1;
    by_text_date[0].eq = &nums[0];
    by_text_date[1].eq = &nums[1];
    by_text_date[1].hi = &text_hi;
    /* By date: a whole index and a longer prefix of another, overlapping. */
    pm_scan by_date[2] = { scan_of(K_ITEM, IX_DATE), scan_of(K_ITEM, IX_NUM_TEXT_DATE) };
    by_date[0].lo = &date_lo;
    by_date[1].neq = 2;
    by_date[1].eq = num_text;
    /* By id alone: an id range, whole prefixes of two indexes. */
    pm_scan by_id[3] = { scan_of(K_ITEM, PM_SCAN_BY_ID), scan_of(K_ITEM, IX_NUM),
                         scan_of(K_ITEM, IX_NUM) };
    by_id[0].lo = &id_lo;
    by_id[0].limit = 7;
    by_id[1].neq = by_id[2].neq = 1;
    by_id[1].eq = &nums[2];
    by_id[2].eq = &nums[3];
    /* Inside a transaction, after a write of its own, and outside one. */
    for (int in_tx = 1; in_tx >= 0; in_tx--) {
        if (in_tx) {
            BEGIN(st);
            item_insert(st, 1, I_TEXT, v_text("b"));
        }
        for (int desc = 0; desc <= 1; desc++) {
            for (int i = 0; i < 3; i++) {
                by_text_date[i % 2].flags = by_date[i % 2].flags = by_id[i].flags =
                    desc ? PM_SCAN_DESC : 0;
            }
            for (uint64_t limit = 0; limit <= 40; limit += 8) {
                pm_scan_merge merges[3] = { merge_of(by_text_date, 2, limit),
                                            merge_of(by_date, 2, limit),
                                            merge_of(by_id, 3, limit) };
                check_merges(st, merges, 3);
            }
        }
        if (in_tx)
            ROLLBACK(st);
    }
}

static void test_a_merge_of_one_scan_keeps_the_smaller_limit(void **state)
{
    pm_storage *st = merge_store(*state);
    if (st == NULL)
        return;
    pm_scan one = scan_of(K_ITEM, IX_TEXT);
    one.flags = PM_SCAN_DESC;
    for (uint64_t scan_limit = 0; scan_limit <= 6; scan_limit += 3)
        for (uint64_t limit = 0; limit <= 6; limit += 2) {
            one.limit = scan_limit;
            pm_scan_merge m = merge_of(&one, 1, limit);
            check_merges(st, &m, 1);
        }
}

/* Merges drawn at random from families of scans that share an order. */
static pm_scan random_scan(uint64_t *seed, int family, pm_value *vals)
{
    pm_scan sc = scan_of(K_ITEM, PM_SCAN_BY_ID);
    uint64_t pick = rng_next(seed);
    switch (family) {
    case 0: /* by text, date: num fixed */
        sc.index = IX_NUM_TEXT_DATE;
        sc.neq = 1;
        vals[0] = v_int((int64_t)(pick % 4));
        break;
    case 1: /* by date: the date index, or num and text fixed */
        if (pick % 2) {
            sc.index = IX_DATE;
        } else {
            sc.index = IX_NUM_TEXT_DATE;
            sc.neq = 2;
            vals[0] = v_int((int64_t)(pick / 2 % 4));
            vals[1] = v_text(texts[pick / 8 % 3]);
        }
        break;
    case 2: /* by text alone */
        sc.index = IX_TEXT;
        break;
    default: /* by id: the id, or an index's whole prefix */
        if (pick % 3 == 1) {
            sc.index = IX_NUM;
            sc.neq = 1;
            vals[0] = v_int((int64_t)(pick / 3 % 4));
        } else if (pick % 3 == 2) {
            sc.index = IX_REAL;
            sc.neq = 1;
            vals[0] = v_real((double)(pick / 3 % 6));
        }
        break;
    }
    sc.eq = vals;
    return sc;
}

/* A bound on the scan's range field: a text, a date or an id. */
static pm_value random_bound(uint64_t *seed, int family)
{
    uint64_t pick = rng_next(seed);
    if (pick % 5 == 0)
        return v_null();
    if (family == 0 || family == 2)
        return v_text(texts[pick / 5 % 3]);
    if (family == 1)
        return v_int(20000 + (int64_t)(pick / 5 % 5));
    return v_int((int64_t)(pick / 5 % ROWS));
}

static void test_random_merges_match_their_scans(void **state)
{
    pm_storage *st = merge_store(*state);
    if (st == NULL)
        return;
    uint64_t seed = 0x6d65726765; /* "merge" */
    for (int round = 0; round < RANDOM_MERGES; round++) {
        int family = (int)(rng_next(&seed) % 4);
        unsigned int count = 1 + (unsigned int)(rng_next(&seed) % PM_SCAN_MERGE_MAX);
        unsigned int flags = rng_next(&seed) % 2 ? PM_SCAN_DESC : 0;
        pm_scan scans[PM_SCAN_MERGE_MAX];
        pm_value vals[PM_SCAN_MERGE_MAX][2], lo[PM_SCAN_MERGE_MAX], hi[PM_SCAN_MERGE_MAX];
        for (unsigned int i = 0; i < count; i++) {
            scans[i] = random_scan(&seed, family, vals[i]);
            scans[i].flags = flags;
            int ranged = !(family == 3 && scans[i].index != PM_SCAN_BY_ID);
            uint64_t pick = rng_next(&seed);
            if (ranged && pick % 3 == 0) {
                lo[i] = random_bound(&seed, family);
                scans[i].lo = &lo[i];
                scans[i].flags |= pick % 2 ? PM_SCAN_LO_EXCLUSIVE : 0;
            }
            if (ranged && pick / 3 % 3 == 0) {
                hi[i] = random_bound(&seed, family);
                scans[i].hi = &hi[i];
                scans[i].flags |= pick / 9 % 2 ? PM_SCAN_HI_EXCLUSIVE : 0;
            }
            scans[i].limit = pick / 18 % 4 == 0 ? 1 + pick / 72 % 10 : 0;
        }
        uint64_t limit = rng_next(&seed) % 3 == 0 ? 0 : 1 + rng_next(&seed) % 25;
        pm_scan_merge m = merge_of(scans, count, limit);
        check_merges(st, &m, 1);
    }
}

static void test_a_stop_ends_its_merge_and_a_failure_the_batch(void **state)
{
    pm_storage *st = merge_store(*state);
    if (st == NULL)
        return;
    pm_scan halves[2] = { scan_of(K_ITEM, PM_SCAN_BY_ID), scan_of(K_ITEM, PM_SCAN_BY_ID) };
    pm_value mid = v_int(ROWS / 2);
    halves[0].hi = &mid;
    halves[1].lo = &mid;
    size_t counts[3] = { 0, 0, 0 };
    pm_scan_merge merges[3] = {
        { halves, 2, 0, first_only_cb, &counts[0] },
        { halves, 2, 0, count_cb, &counts[1] },
        { halves, 2, 0, count_cb, &counts[2] },
    };
    CONF_OK(st, st->scan_merged(st, merges, 2));
    if (counts[0] != 1 || counts[1] != ROWS)
        CONF_FAIL("after a stopped merge: %zu and %zu rows, expected 1 and %d", counts[0],
                  counts[1], (int)ROWS);
    memset(counts, 0, sizeof counts);
    merges[1].cb = failing_cb;
    CONF_EXPECT(st, PM_ENOMEM, st->scan_merged(st, merges, 3));
    if (counts[1] != 1 || counts[2] != 0)
        CONF_FAIL("after a failed callback: %zu and %zu rows, expected 1 and 0", counts[1],
                  counts[2]);
    ASSERT_SCAN_COUNT(st, FULL_SCAN(K_ITEM, PM_SCAN_BY_ID), ROWS);
}

/* The merge is refused with PM_EINVAL, and hands over nothing. */
static void expect_refused(pm_storage *st, pm_scan_merge m, const char *why)
{
    size_t count = 0;
    m.payload = &count;
    pm_status rc = st->scan_merged(st, &m, 1);
    if (rc != PM_EINVAL)
        CONF_FAIL("a merge %s: status %d, expected PM_EINVAL (%d)", why, (int)rc, (int)PM_EINVAL);
    EXPECT_ERRMSG(st, why);
    if (count != 0)
        CONF_FAIL("a merge %s: %zu rows handed over", why, count);
}

static void test_merges_of_scans_that_do_not_share_an_order_are_refused(void **state)
{
    pm_storage *st = merge_store(*state);
    if (st == NULL)
        return;
    pm_scan text_and_date[2] = { scan_of(K_ITEM, IX_TEXT), scan_of(K_ITEM, IX_DATE) };
    expect_refused(st, (pm_scan_merge){ text_and_date, 2, 0, count_cb, NULL },
                   "of a text order and a date order");
    pm_scan both_ways[2] = { scan_of(K_ITEM, IX_TEXT), scan_of(K_ITEM, IX_TEXT) };
    both_ways[1].flags = PM_SCAN_DESC;
    expect_refused(st, (pm_scan_merge){ both_ways, 2, 0, count_cb, NULL },
                   "ascending and descending");
    pm_scan two_kinds[2] = { scan_of(K_ITEM, PM_SCAN_BY_ID), scan_of(K_UNIQ, PM_SCAN_BY_ID) };
    expect_refused(st, (pm_scan_merge){ two_kinds, 2, 0, count_cb, NULL }, "of two kinds");
    pm_scan by_id[PM_SCAN_MERGE_MAX + 1];
    for (size_t i = 0; i < COUNT_OF(by_id); i++)
        by_id[i] = scan_of(K_ITEM, PM_SCAN_BY_ID);
    expect_refused(st, (pm_scan_merge){ by_id, 0, 0, count_cb, NULL }, "of no scans");
    expect_refused(st, (pm_scan_merge){ by_id, PM_SCAN_MERGE_MAX + 1, 0, count_cb, NULL },
                   "of too many scans");
    expect_refused(st, (pm_scan_merge){ by_id, 2, 0, NULL, NULL }, "without a callback");
    pm_scan bad_index[2] = { scan_of(K_ITEM, PM_SCAN_BY_ID), scan_of(K_ITEM, 200) };
    expect_refused(st, (pm_scan_merge){ bad_index, 2, 0, count_cb, NULL },
                   "with an index that does not exist");
    /* A batch of no merges is refused too. */
    CONF_EXPECT(st, PM_EINVAL, st->scan_merged(st, NULL, 0));
    EXPECT_ERRMSG(st, "a batch of no merges");
    /* The store works on. */
    check_merges(st, &(pm_scan_merge){ by_id, PM_SCAN_MERGE_MAX, 5, NULL, NULL }, 1);
}

int conf_run_merge(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_a_merge_hands_over_the_union_in_order_each_row_once, b),
        CONF_CASE(test_a_merge_of_one_scan_keeps_the_smaller_limit, b),
        CONF_CASE(test_random_merges_match_their_scans, b),
        CONF_CASE(test_a_stop_ends_its_merge_and_a_failure_the_batch, b),
        CONF_CASE(test_merges_of_scans_that_do_not_share_an_order_are_refused, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "merged scans"),
                                       cases, NULL, NULL);
}
