/* Refused erasures: people who cannot be erased, a legal hold, actors
 * without the right, bad options and reports, no session, and memory
 * running out at every allocation in turn. Each refusal gives its status
 * and a message naming the field and the reason, and changes nothing: not
 * the store (its audit trail included), not the caller's report. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_export_world.h"

/* The world in one transaction: one commit instead of one per write. */
static void build(pm_fixture *f, world *w)
{
    assert_ok(f->sys, pm_session_begin(f->sys));
    world_build(f, w);
    assert_ok(f->sys, pm_session_commit(f->sys));
}

/* Erases person as s, expecting status and a message holding reason; the
 * store and the report stay as they were. */
static void check_refused(pm_fixture *f, pm_session *s, pm_id person, const pm_erase_opts *opts,
                          pm_status status, const char *reason)
{
    char *before = pm_fixture_store_dump(f);
    pm_erase_report report = { PM_ERASE_REPORT_VERSION, -1, -1 };
    assert_fails(s, pm_person_erase(s, person, opts, &report), status, reason);
    assert_int_equal(report.removed, -1);
    assert_int_equal(report.changed, -1);
    pm_fixture_assert_store_is(f, before);
}

static void check_erased(pm_fixture *f, pm_id person)
{
    pm_person *p = NULL;
    assert_ok(f->sys, pm_person_get(&p, f->sys, person));
    assert_int_equal(pm_person_status_get(p), PM_PERSON_ERASED);
    assert_string_equal(pm_person_display_name(p), PM_PERSON_ERASED_NAME);
    pm_person_free(p);
}

static void test_erase_refuses_ids_that_are_no_person(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_session *hr = pm_fixture_session(f, w.hr);
    check_refused(f, hr, 0, NULL, PM_EINVAL, "person: 0 is the system actor");
    check_refused(f, hr, -4, NULL, PM_EINVAL, "person: -4 is not a person id");
    check_refused(f, hr, 99999, NULL, PM_ENOTFOUND, "person: person 99999 does not exist");
    check_refused(f, f->sys, 99999, NULL, PM_ENOTFOUND, "person: person 99999 does not exist");
    pm_session_free(hr);
}

static void test_erase_refuses_a_person_under_a_legal_hold_until_it_is_lifted(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_session *hr = pm_fixture_session(f, w.hr);
    assert_ok(hr, pm_legal_hold_place(hr, w.per, "Case 2026-17", 0));
    char reason[80];
    snprintf(reason, sizeof reason, "person: %lld is under a legal hold", (long long)w.per);
    check_refused(f, hr, w.per, NULL, PM_EHELD, reason);
    check_refused(f, f->sys, w.per, NULL, PM_EHELD, reason);
    /* Held once left too: leaving does not end a hold. */
    assert_ok(hr, pm_person_set_left(hr, w.per, PM_DATE_NONE));
    check_refused(f, hr, w.per, NULL, PM_EHELD, reason);
    assert_ok(hr, pm_legal_hold_lift(hr, w.per));
    assert_ok(hr, pm_person_erase(hr, w.per, NULL, NULL));
    pm_session_free(hr);
    check_erased(f, w.per);
}

static void test_erase_refuses_people_who_are_not_hr(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    /* A peer, the manager, the manager's manager, and Per themself. */
    const pm_id refused[4] = { w.quinn, w.manager, w.boss, w.per };
    for (int i = 0; i < 4; i++) {
        pm_session *s = pm_fixture_session(f, refused[i]);
        check_refused(f, s, w.per, NULL, PM_EPERM, "may not erase a person's data");
        pm_session_free(s);
    }
}

static void test_erase_refuses_bad_options(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    assert_ok(f->sys, pm_person_set_left(f->sys, w.rita, PM_DATE_NONE));
    pm_session *hr = pm_fixture_session(f, w.hr);
    pm_erase_opts o = PM_ERASE_OPTS_INIT;
    o.version = PM_ERASE_OPTS_VERSION + 1;
    check_refused(f, hr, w.per, &o, PM_EVERSION, "erase_opts.version: 2 is not a version");
    o.version = 0;
    check_refused(f, hr, w.per, &o, PM_EVERSION, "erase_opts.version: 0 is not a version");

    const int goals[2] = { 0, 99 };
    for (int i = 0; i < 2; i++) {
        pm_erase_opts bad = PM_ERASE_OPTS_INIT;
        bad.goals = (pm_erase_goals)goals[i];
        char reason[80];
        snprintf(reason, sizeof reason, "erase_opts.goals: %d is not a pm_erase_goals value",
                 goals[i]);
        check_refused(f, hr, w.per, &bad, PM_EINVAL, reason);
    }

    pm_erase_opts r = PM_ERASE_OPTS_INIT;
    r.goals = PM_ERASE_GOALS_REASSIGN;
    check_refused(f, hr, w.per, &r, PM_EINVAL,
                  "erase_opts.new_owner: required when goals are reassigned");
    r.new_owner = w.per;
    check_refused(f, hr, w.per, &r, PM_EINVAL, "erase_opts.new_owner: is the person being erased");
    r.new_owner = 99999;
    check_refused(f, hr, w.per, &r, PM_ENOTFOUND,
                  "erase_opts.new_owner: person 99999 does not exist");
    r.new_owner = w.rita;
    char reason[80];
    snprintf(reason, sizeof reason, "erase_opts.new_owner: person %lld has left",
             (long long)w.rita);
    check_refused(f, hr, w.per, &r, PM_ECONFLICT, reason);

    pm_erase_opts a = PM_ERASE_OPTS_INIT;
    a.new_owner = w.manager;
    snprintf(reason, sizeof reason,
             "erase_opts.new_owner: must be 0 unless goals are reassigned, not %lld",
             (long long)w.manager);
    check_refused(f, hr, w.per, &a, PM_EINVAL, reason);
    pm_session_free(hr);
}

static void test_erase_refuses_a_report_of_an_unknown_version(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_session *hr = pm_fixture_session(f, w.hr);
    const unsigned int versions[2] = { 0, PM_ERASE_REPORT_VERSION + 1 };
    for (int i = 0; i < 2; i++) {
        char *before = pm_fixture_store_dump(f);
        pm_erase_report report = { versions[i], -1, -1 };
        char reason[80];
        snprintf(reason, sizeof reason, "erase_report.version: %u is not a version",
                 versions[i]);
        assert_fails(hr, pm_person_erase(hr, w.per, NULL, &report), PM_EVERSION, reason);
        assert_int_equal(report.removed, -1);
        assert_int_equal(report.changed, -1);
        pm_fixture_assert_store_is(f, before);
    }
    pm_session_free(hr);
}

static void test_erase_without_a_session_is_refused(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    char *before = pm_fixture_store_dump(f);
    pm_erase_report report = { PM_ERASE_REPORT_VERSION, -1, -1 };
    assert_int_equal(pm_person_erase(NULL, w.per, NULL, &report), PM_EINVAL);
    assert_int_equal(report.removed, -1);
    pm_fixture_assert_store_is(f, before);
}

static void test_erase_opts_init_fills_the_defaults(void **state)
{
    (void)state;
    pm_erase_opts o;
    memset(&o, 0xff, sizeof o);
    assert_int_equal(pm_erase_opts_init(&o, PM_ERASE_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_ERASE_OPTS_VERSION);
    assert_int_equal(o.goals, PM_ERASE_GOALS_ARCHIVE);
    assert_int_equal(o.new_owner, 0);
    assert_int_equal(pm_erase_opts_init(NULL, PM_ERASE_OPTS_VERSION), PM_EINVAL);
    assert_int_equal(pm_erase_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_erase_opts_init(&o, PM_ERASE_OPTS_VERSION + 1), PM_EVERSION);
}

/* Every allocation of the erasure failing in turn: PM_ENOMEM (or the
 * backend's PM_ESTORAGE for its own), the store as it was, the report
 * untouched and nothing leaked, until the erasure succeeds. */
static void test_erase_runs_out_of_memory_cleanly(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_session *hr = pm_fixture_session(f, w.hr);
    /* What a backend keeps for good on first use (PostgreSQL's prepared
     * statements) is no leak of the call: the same erasure, rolled back,
     * comes first. */
    assert_ok(hr, pm_session_begin(hr));
    assert_ok(hr, pm_person_erase(hr, w.per, NULL, NULL));
    assert_ok(hr, pm_session_rollback(hr));
    const int memory = strcmp(pm_fixture_backend(), "memory") == 0;
    char *before = pm_fixture_store_dump(f);
    int succeeded = 0;
    long n;
    for (n = 0; n < 100000 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_erase_report report = { PM_ERASE_REPORT_VERSION, -1, -1 };
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_person_erase(hr, w.per, NULL, &report);
        pm_fixture_alloc_fail_after(-1);
        succeeded = st == PM_OK;
        if (succeeded)
            break;
        if (st != PM_ENOMEM && (memory || st != PM_ESTORAGE))
            fail_msg("allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(hr));
        assert_int_equal(report.removed, -1);
        assert_int_equal(report.changed, -1);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
        pm_fixture_check_store(f, before, "erase");
    }
    assert_true(succeeded);
    print_message("erase succeeded after %ld failing allocations\n", n);
    free(before);
    pm_session_free(hr);
    check_erased(f, w.per);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_erase_refuses_ids_that_are_no_person),
        T(test_erase_refuses_a_person_under_a_legal_hold_until_it_is_lifted),
        T(test_erase_refuses_people_who_are_not_hr),
        T(test_erase_refuses_bad_options),
        T(test_erase_refuses_a_report_of_an_unknown_version),
        T(test_erase_without_a_session_is_refused),
        cmocka_unit_test(test_erase_opts_init_fills_the_defaults),
        T(test_erase_runs_out_of_memory_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
