/* Units through the public API on every backend: create, read, find by
 * path, list children, rename and move, and every way their input can be
 * wrong, leaving the store as it was. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"

static void assert_path(pm_fixture *f, pm_id u, const char *want)
{
    char *path = NULL;
    assert_ok(f->sys, pm_unit_path(&path, f->sys, u));
    assert_string_equal(path, want);
    pm_free(path);
}

static pm_status create_unit(pm_fixture *f, pm_id *out, const char *name, size_t len,
                             pm_id parent)
{
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = name;
    o.name_len = len;
    o.parent = parent;
    return pm_unit_create(out, f->sys, &o);
}

static void test_unit_create_then_get_returns_name_and_parent(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    pm_unit *u = NULL;
    assert_ok(f->sys, pm_unit_get(&u, f->sys, eng));
    assert_int_equal(pm_unit_id(u), eng);
    assert_string_equal(pm_unit_name(u), "Engineering");
    assert_int_equal(pm_unit_parent(u), top);
    pm_unit_free(u);
    assert_ok(f->sys, pm_unit_get(&u, f->sys, top));
    assert_int_equal(pm_unit_parent(u), 0);
    pm_unit_free(u);
    assert_int_equal(pm_unit_id(NULL), 0);
    assert_null(pm_unit_name(NULL));
    assert_int_equal(pm_unit_parent(NULL), 0);
}

static void test_unit_name_is_stored_nfc_with_explicit_length(void **state)
{
    pm_fixture *f = *state;
    pm_id id = 0;
    /* Only the first len bytes count. */
    assert_ok(f->sys, create_unit(f, &id, A_RING_NFD "sa team", sizeof(A_RING_NFD "sa") - 1, 0));
    pm_unit *u = NULL;
    assert_ok(f->sys, pm_unit_get(&u, f->sys, id));
    assert_string_equal(pm_unit_name(u), A_RING_NFC "sa");
    pm_unit_free(u);
}

static void test_unit_path_and_find_walk_the_tree_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    pm_id plat = pm_fixture_unit(f, "Platform " A_RING_NFC "sa", eng);
    assert_path(f, top, "Company");
    assert_path(f, plat, "Company/Engineering/Platform " A_RING_NFC "sa");
    assert_int_equal(pm_fixture_find_unit(f, "Company/Engineering/Platform " A_RING_NFC "sa"),
                     plat);
    assert_int_equal(pm_fixture_find_unit(f, "COMPANY/engineering/PLATFORM " a_ring "SA"), plat);
    assert_int_equal(pm_fixture_find_unit(f, "company/Engineering/platform " A_RING_NFD "sa"),
                     plat);
    assert_int_equal(pm_fixture_find_unit(f, "company"), top);
    assert_int_equal(pm_fixture_find_unit(f, "Company/ENGINEERING"), eng);
}

static void test_unit_find_unknown_names_the_missing_level(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_fixture_unit(f, "Engineering", top);
    pm_id id = 42;
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/Sales"), PM_ENOTFOUND,
                 "unit.path: no unit 'Sales' under 'Company'");
    assert_int_equal(id, 0);
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/Engineering/Platform"), PM_ENOTFOUND,
                 "no unit 'Platform' under 'Company/Engineering'");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Engineering"), PM_ENOTFOUND,
                 "unit.path: no top-level unit 'Engineering'");
}

static void test_unit_find_refuses_malformed_paths(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_fixture_unit(f, "Engineering", top);
    pm_id id = 0;
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company//Engineering"), PM_EINVAL,
                 "unit.path: 'Company//Engineering' has an empty name");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "/Company"), PM_EINVAL, "empty name");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/"), PM_EINVAL, "empty name");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, ""), PM_EINVAL, "unit.path: must not be empty");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Comp\xff"), PM_EUTF8,
                 "unit.path: invalid UTF-8");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, NULL), PM_EINVAL, "unit.path: must not be NULL");
    assert_fails(f->sys, pm_unit_find(NULL, f->sys, "Company"), PM_EINVAL, "out: must not be NULL");
}

static void test_unit_siblings_may_not_share_a_name_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_fixture_unit(f, A_RING_NFC "SA", top);
    char *before = pm_fixture_store_dump(f);
    pm_id id = 0;
    assert_fails(f->sys, create_unit(f, &id, a_ring "sa", 0, top), PM_ECONFLICT, "");
    char want[128];
    snprintf(want, sizeof want, "unit.name: '" a_ring "sa' already exists under unit %lld",
             (long long)top);
    assert_string_equal(pm_session_errmsg(f->sys), want);
    /* The same name in NFD is the same name. */
    assert_fails(f->sys, create_unit(f, &id, A_RING_NFD "sa", 0, top), PM_ECONFLICT,
                 "already exists under unit");
    assert_fails(f->sys, create_unit(f, &id, "company", 0, 0), PM_ECONFLICT,
                 "unit.name: 'company' already exists at the top level");
    assert_int_equal(id, 0);
    pm_fixture_assert_store_is(f, before);
}

static void test_unit_same_name_is_fine_under_different_parents(void **state)
{
    pm_fixture *f = *state;
    pm_id a = pm_fixture_unit(f, "Sales", 0);
    pm_id b = pm_fixture_unit(f, "Support", 0);
    pm_id a_ops = pm_fixture_unit(f, "Ops", a);
    pm_id b_ops = pm_fixture_unit(f, "OPS", b);
    assert_int_not_equal(a_ops, b_ops);
    assert_int_equal(pm_fixture_find_unit(f, "sales/ops"), a_ops);
    assert_int_equal(pm_fixture_find_unit(f, "support/ops"), b_ops);
}

static void test_unit_children_come_in_folded_name_order(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id beta = pm_fixture_unit(f, "beta", top);
    pm_id alpha = pm_fixture_unit(f, "Alpha", top);
    pm_id gamma = pm_fixture_unit(f, "Gamma", top);
    pm_fixture_unit(f, "Deep", beta);
    pm_unit_iter *it = NULL;
    assert_ok(f->sys, pm_unit_children(&it, f->sys, top));
    pm_id want[] = { alpha, beta, gamma };
    pm_unit *u = NULL;
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(pm_unit_iter_next(&u, it), PM_OK);
        assert_int_equal(pm_unit_id(u), want[i]);
        assert_int_equal(pm_unit_parent(u), top);
    }
    assert_string_equal(pm_unit_name(u), "Gamma");
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    assert_null(u);
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    pm_unit_iter_free(it);

    assert_ok(f->sys, pm_unit_children(&it, f->sys, 0));
    assert_int_equal(pm_unit_iter_next(&u, it), PM_OK);
    assert_int_equal(pm_unit_id(u), top);
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    pm_unit_iter_free(it);

    assert_ok(f->sys, pm_unit_children(&it, f->sys, gamma));
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    pm_unit_iter_free(it);
    pm_unit_iter_free(NULL);
    assert_int_equal(pm_unit_iter_next(NULL, NULL), PM_EINVAL);
}

static void test_unit_children_of_unknown_or_negative_parent_fail(void **state)
{
    pm_fixture *f = *state;
    pm_unit_iter *it = (pm_unit_iter *)&it;
    assert_fails(f->sys, pm_unit_children(&it, f->sys, 999), PM_ENOTFOUND,
                 "unit.parent: unit 999 does not exist");
    assert_null(it);
    assert_fails(f->sys, pm_unit_children(&it, f->sys, -3), PM_EINVAL,
                 "unit.parent: -3 is not a unit id");
}

static void test_unit_rename_changes_the_name_and_keeps_the_rest(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    assert_ok(f->sys, pm_unit_rename(f->sys, eng, "R&D", 0));
    assert_path(f, eng, "Company/R&D");
    assert_int_equal(pm_fixture_find_unit(f, "company/r&d"), eng);
    /* A new case of its own name is no conflict. */
    assert_ok(f->sys, pm_unit_rename(f->sys, eng, "r&d xyz", 3));
    assert_path(f, eng, "Company/r&d");
    pm_id id = 0;
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/Engineering"), PM_ENOTFOUND, "");
}

static void test_unit_rename_to_a_sibling_name_conflicts_and_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_fixture_unit(f, "Sales", top);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_unit_rename(f->sys, eng, "SALES", 0), PM_ECONFLICT,
                 "unit.name: 'SALES' already exists under unit");
    pm_fixture_assert_store_is(f, before);
}

static void test_unit_move_changes_the_path(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    pm_id sales = pm_fixture_unit(f, "Sales", top);
    pm_id plat = pm_fixture_unit(f, "Platform", eng);
    assert_ok(f->sys, pm_unit_move(f->sys, eng, sales));
    assert_path(f, plat, "Company/Sales/Engineering/Platform");
    assert_ok(f->sys, pm_unit_move(f->sys, eng, 0));
    assert_path(f, plat, "Engineering/Platform");
    assert_int_equal(pm_fixture_find_unit(f, "engineering/platform"), plat);
    /* Moving to where it already is changes nothing visible. */
    assert_ok(f->sys, pm_unit_move(f->sys, eng, 0));
    assert_path(f, eng, "Engineering");
}

static void test_unit_move_under_itself_or_a_descendant_is_a_cycle(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    pm_id plat = pm_fixture_unit(f, "Platform", eng);
    pm_id core = pm_fixture_unit(f, "Core", plat);
    char *before = pm_fixture_store_dump(f);
    char want[128];
    snprintf(want, sizeof want, "unit.parent: unit %lld is below unit %lld; a cycle is refused",
             (long long)core, (long long)eng);
    assert_fails(f->sys, pm_unit_move(f->sys, eng, core), PM_ECYCLE, want);
    assert_fails(f->sys, pm_unit_move(f->sys, eng, plat), PM_ECYCLE, "a cycle is refused");
    assert_fails(f->sys, pm_unit_move(f->sys, top, core), PM_ECYCLE, "a cycle is refused");
    assert_fails(f->sys, pm_unit_move(f->sys, eng, eng), PM_ECYCLE, "cannot be its own parent");
    pm_fixture_assert_store_is(f, before);
    /* Sideways and upwards moves are fine. */
    assert_ok(f->sys, pm_unit_move(f->sys, core, eng));
    assert_path(f, core, "Company/Engineering/Core");
}

static void test_unit_move_into_a_parent_with_the_same_name_conflicts(void **state)
{
    pm_fixture *f = *state;
    pm_id a = pm_fixture_unit(f, "A", 0);
    pm_id b = pm_fixture_unit(f, "B", 0);
    pm_fixture_unit(f, "Ops", a);
    pm_id b_ops = pm_fixture_unit(f, "ops", b);
    char *before = pm_fixture_store_dump(f);
    char want[96];
    snprintf(want, sizeof want, "unit.name: 'ops' already exists under unit %lld", (long long)a);
    assert_fails(f->sys, pm_unit_move(f->sys, b_ops, a), PM_ECONFLICT, want);
    pm_fixture_assert_store_is(f, before);
}

static void test_unit_bad_names_are_refused_and_change_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    char long_name[2 * 201 + 1];
    for (int i = 0; i < 201; i++)
        memcpy(long_name + 2 * i, "\xC3\xA9", 2); /* é: two bytes, one code point */
    long_name[2 * 201] = '\0';
    struct {
        const char *name;
        size_t len;
        pm_status status;
        const char *message;
    } cases[] = {
        { NULL, 0, PM_EINVAL, "unit.name: must not be empty" },
        { "", 0, PM_EINVAL, "unit.name: must not be empty" },
        { "Sales/EMEA", 0, PM_EINVAL, "unit.name: must not contain '/'" },
        { "/", 0, PM_EINVAL, "unit.name: must not contain '/'" },
        { long_name, 0, PM_ERANGE, "unit.name: longer than 200" },
        { "Sales\xff", 0, PM_EUTF8, "unit.name: invalid UTF-8" },
        { "\xC3", 0, PM_EUTF8, "unit.name: invalid UTF-8" },
        { "Sa\0les", 6, PM_EUTF8, "unit.name: contains a NUL byte" },
        { "Sales\nEMEA", 0, PM_EINVAL, "unit.name:" },
    };
    char *before = pm_fixture_store_dump(f);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pm_id id = 0;
        assert_fails(f->sys, create_unit(f, &id, cases[i].name, cases[i].len, top),
                     cases[i].status, cases[i].message);
        assert_int_equal(id, 0);
        assert_fails(f->sys, pm_unit_rename(f->sys, top, cases[i].name, cases[i].len),
                     cases[i].status, cases[i].message);
    }
    pm_fixture_assert_store_is(f, before);
    /* 200 code points in 400 bytes is within the limit. */
    long_name[2 * 200] = '\0';
    pm_id id = 0;
    assert_ok(f->sys, create_unit(f, &id, long_name, 0, top));
}

static void test_unit_unknown_and_invalid_ids_are_refused(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    char *before = pm_fixture_store_dump(f);
    pm_id id = 0;
    assert_fails(f->sys, create_unit(f, &id, "Sales", 0, 999), PM_ENOTFOUND,
                 "unit.parent: unit 999 does not exist");
    assert_fails(f->sys, create_unit(f, &id, "Sales", 0, -1), PM_EINVAL,
                 "unit.parent: -1 is not a unit id");
    assert_fails(f->sys, pm_unit_rename(f->sys, 999, "X", 0), PM_ENOTFOUND,
                 "unit: unit 999 does not exist");
    assert_fails(f->sys, pm_unit_rename(f->sys, 0, "X", 0), PM_EINVAL, "unit: 0 is not a unit id");
    assert_fails(f->sys, pm_unit_move(f->sys, 999, 0), PM_ENOTFOUND, "unit: unit 999 does not exist");
    assert_fails(f->sys, pm_unit_move(f->sys, -5, 0), PM_EINVAL, "unit: -5 is not a unit id");
    assert_fails(f->sys, pm_unit_move(f->sys, top, 999), PM_ENOTFOUND,
                 "unit.parent: unit 999 does not exist");
    assert_fails(f->sys, pm_unit_move(f->sys, top, -2), PM_EINVAL, "unit.parent: -2 is not a unit id");
    pm_fixture_assert_store_is(f, before);

    pm_unit *u = (pm_unit *)&u;
    assert_fails(f->sys, pm_unit_get(&u, f->sys, 999), PM_ENOTFOUND, "unit: unit 999 does not exist");
    assert_null(u);
    assert_fails(f->sys, pm_unit_get(&u, f->sys, 0), PM_EINVAL, "unit: 0 is not a unit id");
    assert_fails(f->sys, pm_unit_get(NULL, f->sys, top), PM_EINVAL, "out: must not be NULL");
    char *path = (char *)&path;
    assert_fails(f->sys, pm_unit_path(&path, f->sys, 999), PM_ENOTFOUND,
                 "unit: unit 999 does not exist");
    assert_null(path);
    assert_fails(f->sys, pm_unit_path(&path, f->sys, -1), PM_EINVAL, "unit: -1 is not a unit id");
}

static void test_unit_create_checks_opts_and_session(void **state)
{
    pm_fixture *f = *state;
    char *before = pm_fixture_store_dump(f);
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = "Sales";
    o.version = 2;
    assert_fails(f->sys, pm_unit_create(NULL, f->sys, &o), PM_EVERSION, "unit_opts.version: 2");
    o.version = 0;
    assert_fails(f->sys, pm_unit_create(NULL, f->sys, &o), PM_EVERSION, "unit_opts.version: 0");
    assert_fails(f->sys, pm_unit_create(NULL, f->sys, NULL), PM_EINVAL, "opts: must not be NULL");
    assert_int_equal(pm_unit_create(NULL, NULL, &o), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    /* out may be NULL. */
    o.version = PM_UNIT_OPTS_VERSION;
    assert_ok(f->sys, pm_unit_create(NULL, f->sys, &o));
    assert_true(pm_fixture_find_unit(f, "Sales") > 0);
}

static void test_unit_opts_init_fills_defaults(void **state)
{
    (void)state;
    pm_unit_opts o;
    memset(&o, 0x5a, sizeof o);
    assert_int_equal(pm_unit_opts_init(&o, PM_UNIT_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_UNIT_OPTS_VERSION);
    assert_null(o.name);
    assert_int_equal(o.name_len, 0);
    assert_int_equal(o.parent, 0);
    assert_int_equal(pm_unit_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_unit_opts_init(&o, PM_UNIT_OPTS_VERSION + 1), PM_EVERSION);
    assert_int_equal(pm_unit_opts_init(NULL, PM_UNIT_OPTS_VERSION), PM_EINVAL);
}

static void test_unit_changes_need_an_admin_but_anyone_may_read(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_session *s = pm_fixture_session(f, ann);
    char *before = pm_fixture_store_dump(f);
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = "Sales";
    assert_fails(s, pm_unit_create(NULL, s, &o), PM_EPERM, "permission denied");
    assert_fails(s, pm_unit_rename(s, top, "X", 0), PM_EPERM, "permission denied");
    assert_fails(s, pm_unit_move(s, top, 0), PM_EPERM, "permission denied");
    assert_fails(s, pm_org_set_unit(s, ann, top, PM_DATE_NONE), PM_EPERM, "permission denied");
    assert_fails(s, pm_org_set_manager(s, ann, 0, PM_DATE_NONE), PM_EPERM, "permission denied");
    pm_fixture_assert_store_is(f, before);
    pm_id id = 0;
    assert_ok(s, pm_unit_find(&id, s, "company"));
    assert_int_equal(id, top);
    pm_id u = -1;
    assert_ok(s, pm_org_unit_on(&u, s, ann, PM_DATE_NONE));
    assert_int_equal(u, 0);
    pm_session_free(s);
}

#define PURE(name) cmocka_unit_test(name)
#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_unit_create_then_get_returns_name_and_parent),
        T(test_unit_name_is_stored_nfc_with_explicit_length),
        T(test_unit_path_and_find_walk_the_tree_ignoring_case),
        T(test_unit_find_unknown_names_the_missing_level),
        T(test_unit_find_refuses_malformed_paths),
        T(test_unit_siblings_may_not_share_a_name_ignoring_case),
        T(test_unit_same_name_is_fine_under_different_parents),
        T(test_unit_children_come_in_folded_name_order),
        T(test_unit_children_of_unknown_or_negative_parent_fail),
        T(test_unit_rename_changes_the_name_and_keeps_the_rest),
        T(test_unit_rename_to_a_sibling_name_conflicts_and_changes_nothing),
        T(test_unit_move_changes_the_path),
        T(test_unit_move_under_itself_or_a_descendant_is_a_cycle),
        T(test_unit_move_into_a_parent_with_the_same_name_conflicts),
        T(test_unit_bad_names_are_refused_and_change_nothing),
        T(test_unit_unknown_and_invalid_ids_are_refused),
        T(test_unit_create_checks_opts_and_session),
        PURE(test_unit_opts_init_fills_defaults),
        T(test_unit_changes_need_an_admin_but_anyone_may_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
