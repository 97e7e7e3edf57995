/* Conformance cases on what a write must refuse, changing nothing: values
 * of the wrong type, NULL in a NOT NULL field, duplicates in a unique index. */
#include "conformance_internal.h"

/* ---- type checks ---- */

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
            if (value_fits(conf_item_fields[f].type, types[t]))
                continue;
            item_init(v, 1);
            v[f] = value_of_type(types[t]);
            pm_id id = 0;
            pm_status rc = c->st->insert(c->st, K_ITEM, v, &id);
            if (rc != PM_EINVAL) {
                char val[160];
                conf_value_fmt(&v[f], val, sizeof val);
                CONF_FAIL("insert with %s in field %s: %s (%d), expected PM_EINVAL", val,
                          conf_item_fields[f].name, pm_status_str(rc), (int)rc);
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
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v, PM_UPDATE_ALL_FIELDS));
    memcpy(v, orig, sizeof v);
    v[I_TEXT] = v_text("changed");
    v[I_LABEL] = v_null();
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v, PM_UPDATE_ALL_FIELDS));
    memcpy(v, orig, sizeof v);
    v[I_BLOB] = v_text("text is not a blob");
    CONF_EXPECT(c->st, PM_EINVAL, c->st->update(c->st, K_ITEM, id, v, PM_UPDATE_ALL_FIELDS));
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
    CONF_EXPECT(c->st, PM_ENOTFOUND, c->st->update(c->st, K_ITEM, first + 1000, v, PM_UPDATE_ALL_FIELDS));
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

/* ---- unique indexes ---- */

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
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->update(c->st, K_UNIQ, idb, v, PM_UPDATE_ALL_FIELDS));
    memcpy(v, b, sizeof v);
    v[U_GRP] = v_int(1);
    v[U_NOTE] = v_text("changed");
    CONF_EXPECT(c->st, PM_ECONFLICT, c->st->update(c->st, K_UNIQ, idb, v, PM_UPDATE_ALL_FIELDS));
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
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, id, a, PM_UPDATE_ALL_FIELDS));
    a[U_NOTE] = v_text("only the note changes");
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, id, a, PM_UPDATE_ALL_FIELDS));
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
    CONF_OK(c->st, c->st->update(c->st, K_UNIQ, id, w, PM_UPDATE_ALL_FIELDS));
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

int conf_run_constraints(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_insert_of_a_wrong_type_is_einval_and_stores_nothing, b),
        CONF_CASE(test_insert_of_null_into_a_not_null_field_is_einval, b),
        CONF_CASE(test_update_with_a_wrong_type_or_null_is_einval_and_leaves_the_row, b),
        CONF_CASE(test_a_failed_write_leaves_the_transaction_usable, b),

        CONF_CASE(test_unique_index_refuses_a_duplicate_and_changes_nothing, b),
        CONF_CASE(test_unique_two_field_index_refuses_only_a_full_duplicate, b),
        CONF_CASE(test_unique_index_never_conflicts_on_rows_with_a_null_field, b),
        CONF_CASE(test_update_into_a_duplicate_is_econflict_and_leaves_the_row, b),
        CONF_CASE(test_update_to_its_own_values_does_not_conflict, b),
        CONF_CASE(test_unique_value_is_free_again_after_remove_update_or_rollback, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "constraints"),
                                       cases, NULL, NULL);
}
