/* Retention periods and purges on every backend, on the fixture's clock:
 * what a purge removes and keeps per class, batches that resume where the
 * last call stopped, purges interrupted by an allocation or a storage
 * failure and finished by a later call, and legal holds. Refusals are in
 * test_retention_refusals.c. */
#include "fixture.h"

#include "checks.h"
#include "failing_storage.h"
#include "store_dump.h"
#include "test_retention_helpers.h"

#define CUTOFF (PM_FIXTURE_NOW - PERIOD_DAYS * DAY)

/* ---- defaults and periods ---- */

static void test_retention_without_periods_a_purge_removes_nothing(void **state)
{
    pm_fixture *f = *state;
    (void)make_world(f);
    for (int c = 1; c <= PM_RETENTION_CLASS_MAX; c++) {
        int days = -1;
        assert_ok(f->sys, pm_retention_get(&days, f->sys, (pm_retention_class)c));
        assert_int_equal(days, 0);
    }
    char *before = pm_fixture_store_dump(f);
    pm_retention_report r = purge_ok(f, 0, 0);
    assert_int_equal(r.done, 1);
    assert_int_equal(r.batches, 0);
    for (int c = 0; c < PM_RETENTION_REPORT_SLOTS; c++) {
        assert_int_equal(r.removed[c], 0);
        assert_int_equal(r.kept[c], 0);
    }
    pm_fixture_assert_store_is(f, before);
}

static void test_retention_periods_are_set_replaced_and_cleared(void **state)
{
    pm_fixture *f = *state;
    world w = make_team(f);
    f->now = PM_FIXTURE_NOW;
    int days = 0;
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, 30));
    assert_ok(f->sys, pm_retention_get(&days, f->sys, PM_RETENTION_FEEDBACK));
    assert_int_equal(days, 30);
    assert_ok(f->sys, pm_retention_get(&days, f->sys, PM_RETENTION_AUDIT));
    assert_int_equal(days, 0);
    pm_session *hr = pm_fixture_session(f, w.hr);
    assert_ok(hr, pm_retention_set(hr, PM_RETENTION_FEEDBACK, PM_RETENTION_DAYS_MAX));
    assert_ok(hr, pm_retention_get(&days, hr, PM_RETENTION_FEEDBACK));
    assert_int_equal(days, PM_RETENTION_DAYS_MAX);
    /* The same period again writes (and audits) nothing. */
    char *before = pm_fixture_store_dump(f);
    assert_ok(hr, pm_retention_set(hr, PM_RETENTION_FEEDBACK, PM_RETENTION_DAYS_MAX));
    pm_fixture_assert_store_is(f, before);
    assert_ok(hr, pm_retention_clear(hr, PM_RETENTION_FEEDBACK));
    assert_ok(hr, pm_retention_get(&days, hr, PM_RETENTION_FEEDBACK));
    assert_int_equal(days, 0);
    before = pm_fixture_store_dump(f);
    assert_ok(hr, pm_retention_clear(hr, PM_RETENTION_FEEDBACK));
    pm_fixture_assert_store_is(f, before);
    assert_ok(hr, pm_retention_set(hr, PM_RETENTION_CHECKIN_NOTES, 1));
    assert_ok(hr, pm_retention_set(hr, PM_RETENTION_CHECKIN_NOTES, 0));
    assert_ok(hr, pm_retention_get(&days, hr, PM_RETENTION_CHECKIN_NOTES));
    assert_int_equal(days, 0);
    pm_session_free(hr);
    assert_int_equal(rows_of(f, PM_KIND_RETENTION), 0);
    /* Each change is audited like any write: two creations, an update and
     * two removals. */
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.record_kind = "retention_policy";
    pm_audit_page *page = NULL;
    assert_ok(f->sys, pm_audit_list(&page, f->sys, &q));
    assert_int_equal(pm_audit_page_count(page), 5);
    pm_audit_page_free(page);
}

/* ---- what a purge removes ---- */

static void test_retention_purge_removes_exactly_what_is_past_its_period(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    set_all_periods(f, PERIOD_DAYS);
    pm_date cutoff_day = pm_time_date(CUTOFF);
    size_t old_audit = rows_before(f, PM_KIND_AUDIT, PM_AUDIT_AT, CUTOFF);
    size_t old_counts = rows_before(f, PM_KIND_AUDIT_UNDISCLOSED, PM_AUDU_DAY, cutoff_day);
    assert_true(old_audit > 10);
    assert_int_equal(old_counts, 1); /* the anonymous feedback */
    size_t audit_all = rows_of(f, PM_KIND_AUDIT);

    pm_retention_report r = purge_ok(f, 0, 0);
    assert_int_equal(r.done, 1);

    /* Feedback: the two old entries, named and anonymous. */
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 2);
    assert_false(row_exists(f, PM_KIND_FEEDBACK, w.fb_old));
    assert_false(row_exists(f, PM_KIND_FEEDBACK, w.fb_anon_old));
    assert_true(row_exists(f, PM_KIND_FEEDBACK, w.fb_recent));
    pm_feedback *fb = NULL;
    assert_fails(f->sys, pm_feedback_get(&fb, f->sys, w.fb_old), PM_ENOTFOUND, "feedback");

    /* Requests: the old, expired one with both its parts. */
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK_REQUESTS], 1);
    assert_false(row_exists(f, PM_KIND_FEEDBACK_REQUEST, w.req_old));
    assert_true(row_exists(f, PM_KIND_FEEDBACK_REQUEST, w.req_recent));
    assert_int_equal(rows_of(f, PM_KIND_REQUEST_PART), 1);

    /* Check-in entries: all old ones but the action item still open. */
    assert_int_equal(r.removed[PM_RETENTION_CHECKIN_NOTES], 3);
    assert_int_equal(r.kept[PM_RETENTION_CHECKIN_NOTES], 1);
    assert_false(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.note_old));
    assert_false(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.point_old));
    assert_false(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.done_item_old));
    assert_true(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.open_item_old));
    assert_true(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.note_recent));
    assert_true(row_exists(f, PM_KIND_CHECKIN, w.checkin));

    /* Wellbeing: the old manual measurement, the old survey score and the
     * old item answer; the recent ones stay. */
    assert_int_equal(r.removed[PM_RETENTION_WELLBEING], 3);
    assert_false(row_exists(f, PM_KIND_MEASUREMENT, w.meas_old));
    assert_true(row_exists(f, PM_KIND_MEASUREMENT, w.meas_recent));
    assert_int_equal(rows_of(f, PM_KIND_MEASUREMENT), 2);
    assert_int_equal(rows_before(f, PM_KIND_MEASUREMENT, PM_MEAS_AT, CUTOFF), 0);
    assert_int_equal(rows_of(f, PM_KIND_SURVEY_ANSWER), 1);
    assert_int_equal(rows_before(f, PM_KIND_SURVEY_ANSWER, PM_SANS_CREATED_AT, CUTOFF), 0);
    /* The survey still counts both responses: they come from its invitees. */
    pm_survey *sv = NULL;
    assert_ok(f->sys, pm_survey_get(&sv, f->sys, w.survey));
    assert_int_equal(pm_survey_responded(sv), 2);
    pm_survey_free(sv);

    /* The audit trail: every old entry and the old day's count. */
    assert_int_equal(r.removed[PM_RETENTION_AUDIT], (int64_t)(old_audit + old_counts));
    assert_int_equal(rows_before(f, PM_KIND_AUDIT, PM_AUDIT_AT, CUTOFF), 0);
    assert_int_equal(rows_before(f, PM_KIND_AUDIT_UNDISCLOSED, PM_AUDU_DAY, cutoff_day), 0);

    /* One batch per kind (all fit in 500), and one purge entry per batch
     * and kind, counting what it removed. */
    assert_int_equal(r.batches, 7);
    int64_t n = 0;
    assert_int_equal(purge_entries(f, "feedback", &n), 1);
    assert_int_equal(n, 2);
    assert_int_equal(purge_entries(f, "feedback_request", &n), 1);
    assert_int_equal(n, 1);
    assert_int_equal(purge_entries(f, "feedback_request_part", &n), 1);
    assert_int_equal(n, 2);
    assert_int_equal(purge_entries(f, "checkin_entry", &n), 1);
    assert_int_equal(n, 3);
    assert_int_equal(purge_entries(f, "measurement", &n), 1);
    assert_int_equal(n, 2);
    assert_int_equal(purge_entries(f, "survey_answer", &n), 1);
    assert_int_equal(n, 1);
    assert_int_equal(purge_entries(f, "audit_entry", &n), 1);
    assert_int_equal(n, (int64_t)old_audit);
    assert_int_equal(purge_entries(f, "audit_undisclosed", &n), 1);
    assert_int_equal(n, 1);
    /* The removals themselves left no entry each: the trail grew by the
     * eight summaries only. */
    assert_int_equal(rows_of(f, PM_KIND_AUDIT), audit_all - old_audit + 8);

    /* Nothing left: a second purge writes nothing and finds the open item
     * again. */
    char *before = pm_fixture_store_dump(f);
    r = purge_ok(f, 0, 0);
    assert_int_equal(r.done, 1);
    assert_int_equal(r.batches, 0);
    assert_int_equal(r.removed[PM_RETENTION_CHECKIN_NOTES], 0);
    assert_int_equal(r.kept[PM_RETENTION_CHECKIN_NOTES], 1);
    pm_fixture_assert_store_is(f, before);
}

static void test_retention_purge_counts_back_from_the_given_now(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    /* Thirty days after the start of the old day, nothing is older than
     * thirty days; the anonymous entry keeps that start as its time. */
    pm_time day_start = (pm_time)pm_time_date(OLD_AT) * DAY;
    assert_ok(f->sys, pm_retention_purge(f->sys, day_start + PERIOD_DAYS * DAY, NULL, &r));
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 0);
    assert_int_equal(r.done, 1);
    assert_ok(f->sys, pm_retention_purge(f->sys, day_start + PERIOD_DAYS * DAY + 1, NULL, &r));
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 1);
    assert_false(row_exists(f, PM_KIND_FEEDBACK, w.fb_anon_old));
    /* The named one was given at noon. */
    assert_ok(f->sys, pm_retention_purge(f->sys, OLD_AT + PERIOD_DAYS * DAY, NULL, &r));
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 0);
    assert_ok(f->sys, pm_retention_purge(f->sys, OLD_AT + PERIOD_DAYS * DAY + 1, NULL, &r));
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 1);
    assert_false(row_exists(f, PM_KIND_FEEDBACK, w.fb_old));
    assert_true(row_exists(f, PM_KIND_FEEDBACK, w.fb_recent));
    /* The db's clock, moved on a year: the recent one too. */
    f->now = PM_FIXTURE_NOW + 365 * DAY;
    assert_ok(f->sys, pm_retention_purge(f->sys, 0, NULL, &r));
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 1);
    assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), 0);
}

static void test_retention_purge_ahead_of_the_clock_keeps_its_own_audit_entries(void **state)
{
    pm_fixture *f = *state;
    (void)make_world(f);
    set_all_periods(f, PERIOD_DAYS);
    size_t at_start = rows_of(f, PM_KIND_AUDIT)
                      - rows_before(f, PM_KIND_AUDIT, PM_AUDIT_AT, PM_FIXTURE_NOW);
    /* Every record is past its period a thousand days on, the entries this
     * call writes included, were it not for the rule: it stops at the
     * clock's time when the call began. */
    pm_retention_purge_opts o = PM_RETENTION_PURGE_OPTS_INIT;
    o.batch_size = 1;
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    assert_ok(f->sys, pm_retention_purge(f->sys, PM_FIXTURE_NOW + 1000 * DAY, &o, &r));
    assert_int_equal(r.done, 1);
    assert_int_equal(rows_before(f, PM_KIND_AUDIT, PM_AUDIT_AT, PM_FIXTURE_NOW), 0);
    /* What is left of the trail: the entries of that instant (setting the
     * periods), and the call's own summaries, one a batch, plus one for
     * the parts of each request removed (two, a batch each). */
    assert_int_equal(purge_entries(f, "feedback_request_part", NULL), 2);
    assert_int_equal(purge_entries(f, NULL, NULL), r.batches + 2);
    assert_int_equal(rows_of(f, PM_KIND_AUDIT), at_start + r.batches + 2);
}

static void test_retention_purged_response_leaves_its_part_answered(void **state)
{
    pm_fixture *f = *state;
    world w = make_team(f);
    pm_session *ana = pm_fixture_session(f, w.ana);
    pm_session *ben = pm_fixture_session(f, w.ben);
    pm_id one[1] = { w.ben };
    pm_id request = ask(ana, one, 1, 365, 0);
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.kind = PM_FEEDBACK_SUGGESTION;
    o.text = "Shorter agenda next time.";
    pm_id response = 0;
    assert_ok(ben, pm_feedback_request_respond(&response, ben, request, &o));
    f->now = PM_FIXTURE_NOW;
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK_REQUESTS, PERIOD_DAYS));
    pm_retention_report r = purge_ok(f, 0, 0);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 1);
    /* The request can still be answered until OLD + 365 days: in use. */
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK_REQUESTS], 0);
    assert_int_equal(r.kept[PM_RETENTION_FEEDBACK_REQUESTS], 1);
    pm_feedback_request *q = NULL;
    assert_ok(ana, pm_feedback_request_get(&q, ana, request));
    assert_int_equal(pm_feedback_request_state(q, 0), PM_REQUEST_SUBMITTED);
    assert_int_equal(pm_feedback_request_answered_at(q, 0), OLD_AT);
    assert_int_equal(pm_feedback_request_response(q, 0), 0);
    pm_feedback_request_free(q);
    pm_session_free(ana);
    pm_session_free(ben);
}

static void test_retention_requests_in_use_are_kept_until_done(void **state)
{
    pm_fixture *f = *state;
    world w = make_team(f);
    pm_session *ana = pm_fixture_session(f, w.ana);
    pm_id one[1] = { w.ben }, other[1] = { w.cat };
    pm_id answerable = ask(ana, one, 1, 365, 0);
    pm_id repeating = ask(ana, other, 1, 30, 7);
    f->now = PM_FIXTURE_NOW;
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK_REQUESTS, PERIOD_DAYS));
    pm_retention_report r = purge_ok(f, 0, 0);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK_REQUESTS], 0);
    assert_int_equal(r.kept[PM_RETENTION_FEEDBACK_REQUESTS], 2);
    assert_int_equal(r.done, 1);
    /* Once its next occurrence exists, the expired one goes; the new one is
     * recent. */
    int created = 0;
    assert_ok(f->sys, pm_feedback_request_renew(&created, f->sys, PM_DATE_NONE));
    assert_int_equal(created, 1);
    r = purge_ok(f, 0, 0);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK_REQUESTS], 1);
    assert_false(row_exists(f, PM_KIND_FEEDBACK_REQUEST, repeating));
    assert_true(row_exists(f, PM_KIND_FEEDBACK_REQUEST, answerable));
    assert_int_equal(rows_of(f, PM_KIND_FEEDBACK_REQUEST), 2);
    pm_session_free(ana);
}

/* ---- batches ---- */

static void test_retention_purge_in_batches_resumes_where_it_stopped(void **state)
{
    pm_fixture *f = *state;
    world w = make_team(f);
    give_many(f, w.ana, w.ben, 7);
    f->now = RECENT_AT;
    give_many(f, w.ana, w.ben, 1);
    f->now = PM_FIXTURE_NOW;
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    int64_t total = 0;
    int calls = 0;
    pm_retention_report r;
    do {
        r = purge_ok(f, 2, 1);
        calls++;
        assert_true(r.batches <= 1);
        assert_true(r.removed[PM_RETENTION_FEEDBACK] <= 2);
        total += r.removed[PM_RETENTION_FEEDBACK];
        assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), (size_t)(8 - total));
    } while (!r.done && calls < 20);
    /* 2 + 2 + 2 + 1: the fourth batch reaches the cutoff and says so. */
    assert_int_equal(calls, 4);
    assert_int_equal(total, 7);
    int64_t n = 0;
    assert_int_equal(purge_entries(f, "feedback", &n), 4);
    assert_int_equal(n, 7);
    r = purge_ok(f, 2, 1);
    assert_int_equal(r.done, 1);
    assert_int_equal(r.batches, 0);
    /* Without a limit, one call runs every batch. */
    f->now = PM_FIXTURE_NOW + 365 * DAY;
    r = purge_ok(f, 2, 0);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 1);
    assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), 0);
}

static void test_retention_batches_move_past_records_on_hold(void **state)
{
    pm_fixture *f = *state;
    world w = make_team(f);
    /* The held person's records come first in time. */
    give_many(f, w.ana, w.cat, 5);
    f->now += 60;
    give_many(f, w.ana, w.ben, 3);
    f->now = PM_FIXTURE_NOW;
    assert_ok(f->sys, pm_legal_hold_place(f->sys, w.cat, "Case 12", 0));
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    pm_retention_report r = purge_ok(f, 2, 1);
    assert_int_equal(r.batches, 1);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 2);
    assert_int_equal(r.kept[PM_RETENTION_FEEDBACK], 5);
    assert_int_equal(r.done, 0);
    r = purge_ok(f, 2, 1);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 1);
    assert_int_equal(r.done, 1);
    assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), 5);
    r = purge_ok(f, 2, 1);
    assert_int_equal(r.batches, 0);
    assert_int_equal(r.kept[PM_RETENTION_FEEDBACK], 5);
    assert_int_equal(r.done, 1);
}

/* ---- interrupted purges ---- */

static void test_retention_purge_failing_on_memory_keeps_its_earlier_batches(void **state)
{
    pm_fixture *f = *state;
    world w = make_team(f);
    f->now -= 60;
    give_many(f, w.ana, w.cat, 3);
    f->now += 60;
    give_many(f, w.ana, w.ben, 6);
    f->now = PM_FIXTURE_NOW;
    assert_ok(f->sys, pm_legal_hold_place(f->sys, w.cat, NULL, 0));
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    /* A purge that reads (and keeps) only cat's entries, so the backend's
     * caches have grown to what the purges below use before they count. */
    pm_retention_purge_opts warm = PM_RETENTION_PURGE_OPTS_INIT;
    warm.batch_size = 2;
    pm_retention_report r0 = PM_RETENTION_REPORT_INIT;
    assert_ok(f->sys, pm_retention_purge(f->sys, OLD_AT - 30 + PERIOD_DAYS * DAY, &warm, &r0));
    assert_int_equal(r0.kept[PM_RETENTION_FEEDBACK], 3);
    int partial = 0, succeeded = 0;
    for (long k = 0; k < 5000 && !succeeded; k++) {
        size_t rows = rows_of(f, PM_KIND_FEEDBACK);
        size_t entries = purge_entries(f, "feedback", NULL);
        long live = pm_fixture_alloc_live();
        pm_retention_purge_opts o = PM_RETENTION_PURGE_OPTS_INIT;
        o.batch_size = 2;
        pm_retention_report r = PM_RETENTION_REPORT_INIT;
        pm_fixture_alloc_fail_after(k);
        pm_status st = pm_retention_purge(f->sys, 0, &o, &r);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("allocation %ld failing: status %d: %s", k, (int)st,
                     pm_session_errmsg(f->sys));
        /* What the report says was removed is gone, and each batch that
         * removed it left its entry; a failed batch left nothing. */
        int64_t removed = r.removed[PM_RETENTION_FEEDBACK];
        /* Rows removed free the memory backend's allocations: compare only
         * when none were. */
        if (removed == 0 && pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", k,
                     pm_fixture_alloc_live() - live);
        assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), rows - (size_t)removed);
        assert_int_equal(purge_entries(f, "feedback", NULL), entries + r.batches);
        if (st == PM_ENOMEM) {
            assert_int_equal(r.done, 0);
            partial |= removed > 0;
        }
        succeeded = st == PM_OK;
        if (succeeded)
            assert_int_equal(r.done, 1);
    }
    assert_true(succeeded);
    assert_true(partial);
    assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), 3);
    int64_t n = 0;
    (void)purge_entries(f, "feedback", &n);
    assert_int_equal(n, 6);
}

static void test_retention_purge_failing_in_storage_is_finished_by_a_later_call(void **state)
{
    pm_fixture *f = *state;
    world w = make_team(f);
    give_many(f, w.ana, w.ben, 6);
    f->now = PM_FIXTURE_NOW;
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK, PERIOD_DAYS));
    pm_failing_storage fs;
    pm_failing_storage_install(&fs, f->db);
    /* Batches of 2: the fourth removal, the second of batch two, fails. */
    pm_failing_storage_fail(&fs, PM_FAIL_REMOVE, -1, 3);
    pm_retention_purge_opts o = PM_RETENTION_PURGE_OPTS_INIT;
    o.batch_size = 2;
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    pm_status st = pm_retention_purge(f->sys, 0, &o, &r);
    pm_failing_storage_uninstall(&fs);
    assert_int_equal(st, PM_ESTORAGE);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "storage: disk on fire (injected)"));
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 2);
    assert_int_equal(r.batches, 1);
    assert_int_equal(r.done, 0);
    /* Batch one stays; batch two's first removal was rolled back. */
    assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), 4);
    assert_int_equal(purge_entries(f, "feedback", NULL), 1);
    r = purge_ok(f, 2, 0);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK], 4);
    assert_int_equal(r.batches, 2);
    assert_int_equal(r.done, 1);
    assert_int_equal(rows_of(f, PM_KIND_FEEDBACK), 0);
}

/* ---- legal holds ---- */

static void test_retention_legal_hold_keeps_a_persons_records(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    set_all_periods(f, PERIOD_DAYS);
    /* cat gave the anonymous entry: holding her cannot keep it, or what a
     * purge keeps would name her. */
    assert_ok(f->sys, pm_legal_hold_place(f->sys, w.ana, "Case 7", 0));
    assert_ok(f->sys, pm_legal_hold_place(f->sys, w.cat, NULL, 0));
    pm_retention_report r = purge_ok(f, 0, 0);
    assert_int_equal(r.done, 1);
    /* ana gave it. */
    assert_true(row_exists(f, PM_KIND_FEEDBACK, w.fb_old));
    assert_false(row_exists(f, PM_KIND_FEEDBACK, w.fb_anon_old));
    assert_int_equal(r.kept[PM_RETENTION_FEEDBACK], 1);
    /* ana asked. */
    assert_true(row_exists(f, PM_KIND_FEEDBACK_REQUEST, w.req_old));
    assert_int_equal(rows_of(f, PM_KIND_REQUEST_PART), 3);
    /* Her check-ins: whoever wrote the entries. */
    assert_true(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.note_old));
    assert_true(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.point_old));
    assert_true(row_exists(f, PM_KIND_CHECKIN_ENTRY, w.done_item_old));
    assert_int_equal(r.removed[PM_RETENTION_CHECKIN_NOTES], 0);
    /* Her measurements and answers. */
    assert_true(row_exists(f, PM_KIND_MEASUREMENT, w.meas_old));
    assert_int_equal(rows_of(f, PM_KIND_SURVEY_ANSWER), 2);
    assert_int_equal(r.removed[PM_RETENTION_WELLBEING], 0);
    /* Her own audit entries; everyone else's old ones are gone. */
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.to = CUTOFF - 1;
    q.limit = PM_AUDIT_PAGE_MAX;
    pm_audit_page *page = NULL;
    assert_ok(f->sys, pm_audit_list(&page, f->sys, &q));
    assert_true(pm_audit_page_count(page) > 0);
    for (size_t i = 0; i < pm_audit_page_count(page); i++)
        assert_int_equal(pm_audit_entry_actor(page, i), w.ana);
    pm_audit_page_free(page);
    assert_true(r.removed[PM_RETENTION_AUDIT] > 0);

    /* Lifted, the next purge takes them. */
    assert_ok(f->sys, pm_legal_hold_lift(f->sys, w.ana));
    r = purge_ok(f, 0, 0);
    assert_false(row_exists(f, PM_KIND_FEEDBACK, w.fb_old));
    assert_int_equal(r.removed[PM_RETENTION_CHECKIN_NOTES], 3);
    assert_int_equal(r.removed[PM_RETENTION_WELLBEING], 3);
    assert_int_equal(rows_before(f, PM_KIND_AUDIT, PM_AUDIT_AT, CUTOFF), 0);
    /* cat, still held, was asked in it. */
    assert_true(row_exists(f, PM_KIND_FEEDBACK_REQUEST, w.req_old));
    assert_int_equal(r.kept[PM_RETENTION_FEEDBACK_REQUESTS], 1);
}

static void test_retention_hold_on_an_addressee_keeps_the_request(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    assert_ok(f->sys, pm_retention_set(f->sys, PM_RETENTION_FEEDBACK_REQUESTS, PERIOD_DAYS));
    assert_ok(f->sys, pm_legal_hold_place(f->sys, w.cat, NULL, 0));
    pm_retention_report r = purge_ok(f, 0, 0);
    assert_int_equal(r.removed[PM_RETENTION_FEEDBACK_REQUESTS], 0);
    assert_int_equal(r.kept[PM_RETENTION_FEEDBACK_REQUESTS], 1);
    assert_true(row_exists(f, PM_KIND_FEEDBACK_REQUEST, w.req_old));
    assert_int_equal(rows_of(f, PM_KIND_REQUEST_PART), 3);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_retention_without_periods_a_purge_removes_nothing),
        T(test_retention_periods_are_set_replaced_and_cleared),
        T(test_retention_purge_removes_exactly_what_is_past_its_period),
        T(test_retention_purge_counts_back_from_the_given_now),
        T(test_retention_purge_ahead_of_the_clock_keeps_its_own_audit_entries),
        T(test_retention_purged_response_leaves_its_part_answered),
        T(test_retention_requests_in_use_are_kept_until_done),
        T(test_retention_purge_in_batches_resumes_where_it_stopped),
        T(test_retention_batches_move_past_records_on_hold),
        T(test_retention_purge_failing_on_memory_keeps_its_earlier_batches),
        T(test_retention_purge_failing_in_storage_is_finished_by_a_later_call),
        T(test_retention_legal_hold_keeps_a_persons_records),
        T(test_retention_hold_on_an_addressee_keeps_the_request),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
