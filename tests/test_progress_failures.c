/* A progress update that fails midway leaves nothing behind. Inside a
 * group it opens no savepoint: after its first write it takes its writes
 * back by hand, and when that fails too the group is rolled back whole and
 * says so. Storage is made to fail at each step (a wrapping backend), and
 * memory at each allocation, once and from then on. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "checks.h"
#include "failing_storage.h"
#include "store_dump.h"
#include "test_goal_helpers.h"

typedef struct world {
    pm_id owner;
    pm_id goal;
    pm_id kr;
} world;

static world make_world(pm_fixture *f)
{
    pm_id owner = pm_fixture_person(f, "O1", "Olga", 0, 0);
    world w;
    w.owner = owner;
    w.goal = new_goal(f, owner, "Cut attrition", "2026-01-01", "2026-12-31");
    w.kr = add_kr(f, w.goal, 12.0, 8.0, 1.0);
    assert_ok(f->sys, pm_goal_set_state(f->sys, w.goal, PM_GOAL_ACTIVE));
    pm_progress_opts o = PM_PROGRESS_OPTS_INIT;
    o.value = 11.0;
    assert_ok(f->sys, pm_progress_add(NULL, f->sys, w.goal, w.kr, &o));
    return w;
}

static pm_status add(pm_fixture *f, const world *w, double value)
{
    pm_progress_opts o = PM_PROGRESS_OPTS_INIT;
    o.value = value;
    o.comment = "Halfway";
    return pm_progress_add(NULL, f->sys, w->goal, w->kr, &o);
}

/* Writes the audit entries waiting in a group, as reading the trail does,
 * so that the store dump shows them. */
static void flush(pm_fixture *f)
{
    pm_audit_page *page = NULL;
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.limit = 1;
    assert_ok(f->sys, pm_audit_list(&page, f->sys, &q));
    pm_audit_page_free(page);
}

static char *dump(pm_fixture *f)
{
    flush(f);
    return pm_fixture_store_dump(f);
}

/* Fails unless the store, waiting entries included, dumps as before. */
static void check_store(pm_fixture *f, const char *before, const char *what)
{
    flush(f);
    pm_fixture_check_store(f, before, what);
}

static double current(pm_fixture *f, const world *w)
{
    pm_key_result_iter *it = NULL;
    assert_ok(f->sys, pm_key_result_list(&it, f->sys, w->goal));
    pm_key_result *kr = NULL;
    assert_ok(f->sys, pm_key_result_iter_next(&kr, it));
    double value = pm_key_result_current(kr);
    pm_key_result_iter_free(it);
    return value;
}

/* Each step after the first write fails in turn: the key result's new
 * value, the read of the history that settles it, and its correction when
 * the history's newest update is older (the clock went back). */
typedef struct step {
    const char *name;
    pm_fail_op op;
    unsigned int kind;
    long n;
    pm_time clock_back;
} step;

static const step steps[] = {
    { "the update itself", PM_FAIL_INSERT, PM_KIND_PROGRESS, 0, 0 },
    { "the current value", PM_FAIL_UPDATE, PM_KIND_KEY_RESULT, 0, 0 },
    { "the history's read", PM_FAIL_SCAN, PM_KIND_PROGRESS, 0, 0 },
    { "the correction", PM_FAIL_UPDATE, PM_KIND_KEY_RESULT, 1, 3600 },
};

/* Makes each step fail in turn: each time the call reports the storage's
 * message and the store, waiting audit entries included, is as before. */
static void fail_each_step(pm_fixture *f, const world *w)
{
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        f->now -= steps[i].clock_back;
        char *before = dump(f);
        pm_failing_storage fs;
        pm_failing_storage_install(&fs, f->db);
        pm_failing_storage_fail(&fs, steps[i].op, (int)steps[i].kind, steps[i].n);
        pm_status st = add(f, w, 10.0);
        pm_failing_storage_uninstall(&fs);
        if (st != PM_ESTORAGE || !strstr(pm_session_errmsg(f->sys), "disk on fire (injected)"))
            fail_msg("%s failing: status %d: %s", steps[i].name, (int)st,
                     pm_session_errmsg(f->sys));
        check_store(f, before, steps[i].name);
        free(before);
        f->now += steps[i].clock_back;
    }
}

static void test_progress_failing_in_storage_inside_a_group_leaves_nothing(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    assert_ok(f->sys, pm_session_begin(f->sys));
    fail_each_step(f, &w);
    /* The group goes on: its next update and its commit succeed. */
    assert_ok(f->sys, add(f, &w, 10.0));
    assert_ok(f->sys, pm_session_commit(f->sys));
    assert_true(current(f, &w) == 10.0); /* stored as given */
}

/* Outside a group the update is a transaction of its own: rolled back. */
static void test_progress_failing_in_storage_alone_leaves_nothing(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    fail_each_step(f, &w);
    assert_true(current(f, &w) == 11.0);
}

/* When the update cannot be taken back either, the group's transaction is
 * rolled back whole rather than left to commit half a call, and the
 * message says so; the group cannot commit. */
static void test_progress_that_cannot_be_taken_back_rolls_the_group_back(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    char *outside = dump(f);
    const pm_fail_op undo[2] = { PM_FAIL_REMOVE, PM_FAIL_UPDATE };
    for (int i = 0; i < 2; i++) {
        assert_ok(f->sys, pm_session_begin(f->sys));
        new_goal(f, w.owner, "Made in the group", "2026-01-01", "2026-12-31");
        pm_failing_storage fs;
        pm_failing_storage_install(&fs, f->db);
        /* The history's read fails, then the undo of the update (the
         * current value's second write) or of the insert. */
        pm_failing_storage_fail(&fs, PM_FAIL_SCAN, PM_KIND_PROGRESS, 0);
        pm_failing_storage_fail(&fs, undo[i], -1, i == 0 ? 0 : 1);
        pm_status st = add(f, &w, 10.0);
        pm_failing_storage_uninstall(&fs);
        assert_fails(f->sys, st, PM_ESTORAGE,
                     "the write could not be taken back: the transaction was rolled back");
        pm_fixture_check_store(f, outside, "the group rolled back");
        assert_int_not_equal(pm_session_commit(f->sys), PM_OK); /* and the group ends */
    }
    /* The store works on: the next update, alone, succeeds. */
    assert_ok(f->sys, add(f, &w, 9.0));
    assert_true(current(f, &w) == 9.0); /* stored as given */
    free(outside);
}

/* Memory that runs out at each allocation in turn inside a group, once
 * (so the undo succeeds) and from then on (so it may not): each failure
 * leaves the store as the call found it, or the group rolled back whole
 * and saying so. */
static void test_progress_failing_at_each_allocation_inside_a_group(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    char *outside = dump(f);
    for (int sticky = 0; sticky < 2; sticky++) {
        int succeeded = 0;
        for (long n = 0; !succeeded; n++) {
            assert_true(n < 1000);
            assert_ok(f->sys, pm_session_begin(f->sys));
            new_goal(f, w.owner, "Made in the group", "2026-01-01", "2026-12-31");
            char *before = dump(f);
            if (sticky)
                pm_fixture_alloc_fail_after(n);
            else
                pm_fixture_alloc_fail_once(n);
            pm_status st = add(f, &w, 10.0);
            pm_fixture_alloc_fail_after(-1);
            succeeded = st == PM_OK;
            if (!succeeded && strstr(pm_session_errmsg(f->sys), "rolled back") != NULL) {
                assert_true(sticky); /* an undo needs memory only when none comes back */
                pm_fixture_check_store(f, outside, "the group rolled back");
                assert_int_not_equal(pm_session_commit(f->sys), PM_OK);
            } else {
                if (!succeeded) {
                    assert_int_equal(st, PM_ENOMEM);
                    check_store(f, before, sticky ? "memory gone" : "memory short once");
                }
                assert_ok(f->sys, pm_session_rollback(f->sys));
            }
            free(before);
        }
    }
    pm_fixture_assert_store_is(f, outside);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_progress_failing_in_storage_inside_a_group_leaves_nothing),
        T(test_progress_failing_in_storage_alone_leaves_nothing),
        T(test_progress_that_cannot_be_taken_back_rolls_the_group_back),
        T(test_progress_failing_at_each_allocation_inside_a_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
