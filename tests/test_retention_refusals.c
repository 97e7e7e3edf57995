/* Retention on every backend: calls by people who may not make them, and
 * bad input, are refused with a status and a message naming the field,
 * and the store stays exactly as it was; allocation failures leave it as
 * it was too, and leak nothing. */
#include "fixture.h"

#include "checks.h"
#include "store_dump.h"
#include "test_retention_helpers.h"

static void test_retention_refuses_people_without_the_right(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    set_all_periods(f, PERIOD_DAYS);
    /* boss manages people: still not theirs to decide. */
    pm_id who[2] = { w.ben, w.boss };
    char *before = pm_fixture_store_dump(f);
    for (int i = 0; i < 2; i++) {
        pm_session *s = pm_fixture_session(f, who[i]);
        const char *needle = "may not set retention periods or purge";
        assert_fails(s, pm_retention_set(s, PM_RETENTION_FEEDBACK, 1), PM_EPERM, needle);
        assert_fails(s, pm_retention_clear(s, PM_RETENTION_AUDIT), PM_EPERM, needle);
        int days = 7;
        assert_fails(s, pm_retention_get(&days, s, PM_RETENTION_FEEDBACK), PM_EPERM, needle);
        assert_int_equal(days, 0);
        pm_retention_report r = PM_RETENTION_REPORT_INIT;
        assert_fails(s, pm_retention_purge(s, 0, NULL, &r), PM_EPERM, needle);
        assert_int_equal(r.batches, 0);
        pm_session_free(s);
    }
    pm_fixture_assert_store_is(f, before);
    /* An HR admin may. */
    pm_session *hr = pm_fixture_session(f, w.hr);
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    assert_ok(hr, pm_retention_purge(hr, 0, NULL, &r));
    assert_int_equal(r.done, 1);
    assert_true(r.removed[PM_RETENTION_FEEDBACK] > 0);
    pm_session_free(hr);
}

static void test_retention_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    (void)make_world(f);
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    pm_session *s = f->sys;
    char *before = pm_fixture_store_dump(f);
    int bad_classes[4] = { 0, -1, PM_RETENTION_CLASS_MAX + 1, 99 };
    for (int i = 0; i < 4; i++) {
        pm_retention_class c = (pm_retention_class)bad_classes[i];
        assert_fails(s, pm_retention_set(s, c, 30), PM_EINVAL, "retention.class: ");
        assert_fails(s, pm_retention_set(s, c, 30), PM_EINVAL, "is not a retention class (1 to 5)");
        assert_fails(s, pm_retention_clear(s, c), PM_EINVAL, "retention.class");
        int days = 0;
        assert_fails(s, pm_retention_get(&days, s, c), PM_EINVAL, "retention.class");
    }
    assert_fails(s, pm_retention_set(s, (pm_retention_class)6, 30), PM_EINVAL,
                 "retention.class: 6 is not a retention class");
    assert_fails(s, pm_retention_set(s, PM_RETENTION_AUDIT, -1), PM_EINVAL,
                 "retention.days: must be 0 (no period) or 1 to 36500, not -1");
    assert_fails(s, pm_retention_set(s, PM_RETENTION_AUDIT, PM_RETENTION_DAYS_MAX + 1), PM_EINVAL,
                 "retention.days: must be 0 (no period) or 1 to 36500, not 36501");
    assert_fails(s, pm_retention_get(NULL, s, PM_RETENTION_AUDIT), PM_EINVAL, "days");
    assert_int_equal(pm_retention_set(NULL, PM_RETENTION_AUDIT, 30), PM_EINVAL);
    assert_int_equal(pm_retention_clear(NULL, PM_RETENTION_AUDIT), PM_EINVAL);
    int days = 0;
    assert_int_equal(pm_retention_get(&days, NULL, PM_RETENTION_AUDIT), PM_EINVAL);

    pm_retention_purge_opts o = PM_RETENTION_PURGE_OPTS_INIT;
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    assert_fails(s, pm_retention_purge(s, 0, &o, NULL), PM_EINVAL, "report: must not be NULL");
    assert_int_equal(pm_retention_purge(NULL, 0, &o, &r), PM_EINVAL);
    unsigned int versions[2] = { 0, 99 };
    for (int i = 0; i < 2; i++) {
        pm_retention_report bad = PM_RETENTION_REPORT_INIT;
        bad.version = versions[i];
        assert_fails(s, pm_retention_purge(s, 0, &o, &bad), PM_EVERSION,
                     "retention_report.version: ");
        pm_retention_purge_opts bad_opts = PM_RETENTION_PURGE_OPTS_INIT;
        bad_opts.version = versions[i];
        assert_fails(s, pm_retention_purge(s, 0, &bad_opts, &r), PM_EVERSION,
                     "retention_purge_opts.version: ");
    }
    unsigned int sizes[2] = { 0, PM_RETENTION_BATCH_MAX + 1 };
    for (int i = 0; i < 2; i++) {
        o.batch_size = sizes[i];
        assert_fails(s, pm_retention_purge(s, 0, &o, &r), PM_EINVAL,
                     "retention_purge_opts.batch_size: must be 1 to 10000, not ");
    }
    o.batch_size = 500;
    assert_fails(s, pm_retention_purge(s, -1, &o, &r), PM_EINVAL,
                 "now: must be 0 (the db's clock) or a time after 1970, not -1");
    pm_fixture_assert_store_is(f, before);

    /* The edges are fine. */
    assert_ok(s, pm_retention_set(s, PM_RETENTION_AUDIT, 1));
    assert_ok(s, pm_retention_set(s, PM_RETENTION_AUDIT, PM_RETENTION_DAYS_MAX));
    o.batch_size = 1;
    assert_ok(s, pm_retention_purge(s, 0, &o, &r));
    o.batch_size = PM_RETENTION_BATCH_MAX;
    assert_ok(s, pm_retention_purge(s, 0, &o, &r));
}

static void test_retention_opts_init_fills_the_defaults(void **state)
{
    (void)state;
    pm_retention_purge_opts o;
    memset(&o, 0xff, sizeof o);
    assert_int_equal(pm_retention_purge_opts_init(&o, PM_RETENTION_PURGE_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_RETENTION_PURGE_OPTS_VERSION);
    assert_int_equal(o.batch_size, PM_RETENTION_BATCH_DEFAULT);
    assert_int_equal(o.max_batches, 0);
    assert_int_equal(pm_retention_purge_opts_init(NULL, 1), PM_EINVAL);
    assert_int_equal(pm_retention_purge_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_retention_purge_opts_init(&o, 2), PM_EVERSION);
}

static void test_retention_read_only_store_refuses_writes(void **state)
{
    pm_fixture *f = *state;
    if (f->path[0] == '\0')
        skip(); /* a memory store cannot be opened twice */
    (void)make_world(f);
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    char uri[600];
    if (strncmp(f->path, "postgres", 8) == 0)
        snprintf(uri, sizeof uri, "%s", f->path);
    else
        snprintf(uri, sizeof uri, "sqlite:%s", f->path);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.flags = PM_DB_READONLY;
    pm_db *ro = NULL;
    char *err = NULL;
    pm_status st = pm_db_open(&ro, &err, uri, &opts);
    if (st != PM_OK)
        fail_msg("opening %s read-only: %s", uri, err ? err : "?");
    pm_session *s = NULL;
    assert_int_equal(pm_session_open_system(&s, ro), PM_OK);
    int days = 0;
    assert_ok(s, pm_retention_get(&days, s, PM_RETENTION_FEEDBACK));
    assert_int_equal(days, PERIOD_DAYS);
    assert_fails(s, pm_retention_set(s, PM_RETENTION_AUDIT, 3), PM_EREADONLY, "read-only");
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    assert_fails(s, pm_retention_purge(s, 0, NULL, &r), PM_EREADONLY, "read-only");
    pm_session_free(s);
    pm_db_close(ro);
}

/* Every allocation of a call failing in turn: the store is as it was and
 * nothing leaks, until the call succeeds. The purge here is one batch. */
static void test_retention_calls_survive_allocation_failures(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    /* What a backend keeps for good on first use (the memory backend's
     * table of periods, PostgreSQL's prepared statements) is not a leak of
     * the call: a period stored and cleared, a purge with nothing old
     * enough, and a feedback removal come first. */
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_AUDIT, 5));
    assert_ok(f->sys, pm_retention_clear(f->sys, PM_RETENTION_AUDIT));
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, 90));
    pm_retention_report warm = PM_RETENTION_REPORT_INIT;
    assert_ok(f->sys, pm_retention_purge(f->sys, 1, NULL, &warm));
    pm_session *ana = pm_fixture_session(f, w.ana);
    assert_ok(ana, pm_feedback_retract(ana, give_feedback(ana, w.cat, 0)));
    pm_session_free(ana);
    for (int call = 0; call < 4; call++) {
        int succeeded = 0;
        for (long k = 0; k < 5000 && !succeeded; k++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            pm_retention_report r = PM_RETENTION_REPORT_INIT;
            int days = 0;
            pm_fixture_alloc_fail_after(k);
            pm_status st = call == 0 ? pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, 30)
                         : call == 1 ? pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, 60)
                         : call == 2 ? pm_retention_get(&days, f->sys, PM_RETENTION_FEEDBACK)
                                     : pm_retention_purge(f->sys, 0, NULL, &r);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, k, (int)st,
                         pm_session_errmsg(f->sys));
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(f, before, "retention call");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call, k,
                             pm_fixture_alloc_live() - live);
                assert_int_equal(r.batches, 0);
            }
            free(before);
            if (succeeded && call == 2)
                assert_int_equal(days, 60);
            if (succeeded && call == 3) {
                assert_int_equal(r.done, 1);
                assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 2);
            }
        }
        assert_true(succeeded);
    }
    /* A purge with nothing to do fails cleanly too. */
    int succeeded = 0;
    for (long k = 0; k < 5000 && !succeeded; k++) {
        char *before = pm_fixture_store_dump(f);
        long live = pm_fixture_alloc_live();
        pm_retention_report r = PM_RETENTION_REPORT_INIT;
        pm_fixture_alloc_fail_after(k);
        pm_status st = pm_retention_purge(f->sys, 0, NULL, &r);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM);
        assert_int_equal(pm_fixture_alloc_live(), live);
        pm_fixture_check_store(f, before, "empty purge");
        free(before);
        succeeded = st == PM_OK;
    }
    assert_true(succeeded);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_retention_refuses_people_without_the_right),
        T(test_retention_refuses_bad_input_and_writes_nothing),
        cmocka_unit_test(test_retention_opts_init_fills_the_defaults),
        T(test_retention_read_only_store_refuses_writes),
        T(test_retention_calls_survive_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
