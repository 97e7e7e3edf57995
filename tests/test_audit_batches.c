/* The audit entries of a group on every backend: they wait for their batch
 * yet the trail always reads whole, in the order of the writes; a call that
 * fails inside a group takes exactly its own entries with it, a rolled-back
 * group all of its own, a group nested in another's only its own; and a
 * backend without insert_many (an older storage version) still gets them. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_audit_helpers.h"
#include "test_goal_helpers.h"

/* The number of entries about records of kind in the whole trail. */
static size_t entries_of_kind(pm_fixture *f, const char *kind)
{
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.record_kind = kind;
    q.limit = PM_AUDIT_PAGE_MAX;
    audit_rows r = audit_read(f->sys, &q);
    size_t n = r.count;
    audit_rows_free(&r);
    return n;
}

/* More goals than one batch holds: read inside the group and after it,
 * one entry each, in the order they were made. */
static void test_a_groups_entries_read_whole_inside_it_and_after(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "O1", "Olga", 0, 0);
    enum { GOALS = 600 };
    pm_id *goals = calloc(GOALS, sizeof *goals);
    assert_non_null(goals);
    assert_ok(f->sys, pm_session_begin(f->sys));
    for (int i = 0; i < GOALS; i++) {
        char title[32];
        snprintf(title, sizeof title, "Goal %d", i);
        goals[i] = new_goal(f, owner, title, "2026-01-01", "2026-12-31");
        if (i == 10) {
            assert_int_equal(entries_of_kind(f, "goal"), 11); /* read inside the group */
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        pm_audit_query q = PM_AUDIT_QUERY_INIT;
        q.record_kind = "goal";
        q.limit = PM_AUDIT_PAGE_MAX;
        audit_rows r = audit_read(f->sys, &q);
        assert_int_equal(r.count, GOALS);
        for (int i = 0; i < GOALS; i++) {
            assert_int_equal(r.rows[i].record, goals[i]);
            assert_int_equal(r.rows[i].op, PM_AUDIT_CREATE);
            if (i > 0)
                assert_true(r.rows[i].id > r.rows[i - 1].id);
        }
        audit_rows_free(&r);
        if (pass == 0)
            assert_ok(f->sys, pm_session_commit(f->sys));
    }
    free(goals);
}

/* A key result's removal (a call with a savepoint of its own: it removes
 * the history first) made to fail at each allocation in turn inside a
 * group: each failure takes its own entries, never those made before it
 * in the same group. */
static void test_a_call_failing_inside_a_group_takes_only_its_own_entries(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "O1", "Olga", 0, 0);
    assert_ok(f->sys, pm_session_begin(f->sys));
    pm_id goal = new_goal(f, owner, "Cut attrition", "2026-01-01", "2026-12-31");
    pm_id kr = add_kr(f, goal, 12.0, 8.0, 1.0);
    assert_ok(f->sys, pm_goal_set_state(f->sys, goal, PM_GOAL_ACTIVE));
    pm_progress_opts o = PM_PROGRESS_OPTS_INIT;
    o.value = 10.0;
    for (int i = 0; i < 2; i++)
        assert_ok(f->sys, pm_progress_add(NULL, f->sys, goal, kr, &o));
    pm_status st = PM_ENOMEM;
    int failures = 0;
    for (long n = 0; st != PM_OK; n++) {
        assert_true(n < 500);
        pm_fixture_alloc_fail_after(n);
        st = pm_key_result_remove(f->sys, kr);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK)
            break;
        assert_int_equal(st, PM_ENOMEM);
        failures++;
        assert_int_equal(entries_of_kind(f, "progress"), 2);   /* their creation */
        assert_int_equal(entries_of_kind(f, "key_result"), 3); /* creation, two new values */
        assert_int_equal(entries_of_kind(f, "goal"), 2);       /* creation, activation */
    }
    assert_true(failures > 0);
    assert_ok(f->sys, pm_session_commit(f->sys));
    assert_int_equal(entries_of_kind(f, "progress"), 4);   /* and their removal */
    assert_int_equal(entries_of_kind(f, "key_result"), 4); /* and its removal */
    assert_int_equal(entries_of_kind(f, "goal"), 2);
}

/* A rolled-back group leaves the trail as it was, byte for byte: entries
 * already written (read inside the group) and entries still waiting. */
static void test_a_rolled_back_group_leaves_no_entry(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "O1", "Olga", 0, 0);
    char *before = audit_dump(f);
    for (int read_inside = 1; read_inside >= 0; read_inside--) {
        assert_ok(f->sys, pm_session_begin(f->sys));
        for (int i = 0; i < (read_inside ? 300 : 30); i++)
            new_goal(f, owner, "Goal", "2026-01-01", "2026-12-31");
        if (read_inside)
            assert_int_equal(entries_of_kind(f, "goal"), 300);
        assert_ok(f->sys, pm_session_rollback(f->sys));
        char *after = audit_dump(f);
        assert_string_equal(after, before);
        free(after);
        assert_int_equal(entries_of_kind(f, "goal"), 0);
    }
    free(before);
}

/* A second session's group nested in the first's: its rollback takes its
 * own entries and leaves those the first made before and after it. */
static void test_a_nested_groups_rollback_keeps_the_outer_entries(void **state)
{
    pm_fixture *f = *state;
    pm_id owner = pm_fixture_person(f, "O1", "Olga", 0, 0);
    pm_session *other = NULL;
    assert_int_equal(pm_session_open_system(&other, f->db), PM_OK);
    assert_ok(f->sys, pm_session_begin(f->sys));
    pm_id before = new_goal(f, owner, "Before", "2026-01-01", "2026-12-31");
    assert_ok(other, pm_session_begin(other));
    pm_goal_opts o = goal_opts(owner, "Inner", "2026-01-01", "2026-12-31");
    pm_id inner = create_ok(other, &o);
    assert_int_equal(entries_of_kind(f, "goal"), 2); /* read inside the inner group */
    assert_ok(other, pm_session_rollback(other));
    pm_id after = new_goal(f, owner, "After", "2026-01-01", "2026-12-31");
    assert_ok(f->sys, pm_session_commit(f->sys));
    pm_session_free(other);
    audit_rows r = audit_of(f, "goal", before);
    assert_int_equal(r.count, 1);
    audit_rows_free(&r);
    r = audit_of(f, "goal", inner);
    assert_int_equal(r.count, 0);
    audit_rows_free(&r);
    r = audit_of(f, "goal", after);
    assert_int_equal(r.count, 1);
    audit_rows_free(&r);
    assert_int_equal(entries_of_kind(f, "goal"), 2);
}

/* A backend of storage version 1 has no insert_many: the entries of a
 * group reach it one insert at a time. A version from the future is
 * refused. */
static void test_a_version_1_backend_gets_its_entries_one_by_one(void **state)
{
    (void)state;
    pm_storage *storage = NULL;
    assert_int_equal(pm_storage_memory_open(&storage), PM_OK);
    storage->version = 1;
    storage->insert_many = NULL; /* a version 1 struct ends before it */
    pm_db *db = NULL;
    char *err = NULL;
    assert_int_equal(pm_db_open_storage(&db, &err, storage), PM_OK);
    pm_session *s = NULL;
    assert_int_equal(pm_session_open_system(&s, db), PM_OK);
    assert_ok(s, pm_session_begin(s));
    for (int i = 0; i < 3; i++) {
        char ext[8];
        snprintf(ext, sizeof ext, "P%d", i);
        pm_person_opts o = PM_PERSON_OPTS_INIT;
        o.external_id = ext;
        o.display_name = ext;
        o.start = pm_fixture_date("2026-01-01");
        assert_ok(s, pm_person_create(NULL, s, &o));
    }
    assert_ok(s, pm_session_commit(s));
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.record_kind = "person";
    audit_rows r = audit_read(s, &q);
    assert_int_equal(r.count, 3);
    audit_rows_free(&r);
    pm_session_free(s);
    pm_db_close(db);

    assert_int_equal(pm_storage_memory_open(&storage), PM_OK);
    storage->version = PM_STORAGE_VERSION + 1;
    assert_int_equal(pm_db_open_storage(&db, &err, storage), PM_EVERSION);
    assert_non_null(strstr(err, "storage.version"));
    pm_free(err);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_a_groups_entries_read_whole_inside_it_and_after),
        T(test_a_call_failing_inside_a_group_takes_only_its_own_entries),
        T(test_a_rolled_back_group_leaves_no_entry),
        T(test_a_nested_groups_rollback_keeps_the_outer_entries),
        T(test_a_version_1_backend_gets_its_entries_one_by_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
