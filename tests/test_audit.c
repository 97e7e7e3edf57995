/* The audit trail and legal holds on every backend: every write records
 * its actor, time, operation and record and nothing of what it wrote;
 * writes whose actor must stay unknown are only counted; the trail reads
 * in id order a page at a time, filtered, by HR and the system actor
 * alone; legal holds are placed, read and lifted. Refusals, allocation
 * failures and frozen thresholds are in test_audit_refusals.c. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"
#include "test_audit_helpers.h"
#include "test_feedback_helpers.h"
#include "api/audit_internal.h"

static void check_entry(const audit_row *a, pm_audit_op op, pm_id actor, pm_time at)
{
    assert_int_equal(a->op, op);
    assert_int_equal(a->actor, actor);
    assert_int_equal(a->actor_kind, actor == 0 ? PM_AUDIT_ACTOR_SYSTEM : PM_AUDIT_ACTOR_PERSON);
    assert_int_equal(a->at, at);
    assert_int_equal(a->records, 1);
}

static pm_id goal_of(pm_session *s, pm_id owner, const char *title)
{
    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = owner;
    o.title = title;
    o.start = D("2026-06-01");
    o.due = D("2026-12-31");
    pm_id id = 0;
    assert_ok(s, pm_goal_create(&id, s, &o));
    return id;
}

/* ---- what an entry records ---- */

static void test_audit_records_creates_updates_and_removes_with_actor_time_and_record(
    void **state)
{
    pm_fixture *f = *state;
    pm_time t0 = f->now;
    pm_id anna = pm_fixture_person(f, "A1", "Anna", 0, 0);
    pm_id bo = pm_fixture_person(f, "B1", "Bo", 0, 0);
    pm_session *sa = pm_fixture_session(f, anna);
    pm_session *sb = pm_fixture_session(f, bo);

    /* A person made by the system actor. */
    audit_rows r = audit_of(f, "person", anna);
    assert_int_equal(r.count, 1);
    check_entry(&r.rows[0], PM_AUDIT_CREATE, 0, t0);
    assert_string_equal(r.rows[0].kind, "person");
    assert_int_equal(r.rows[0].record, anna);
    audit_rows_free(&r);

    /* Goals: created, changed; a key result added and removed. */
    f->now = t0 + 60;
    pm_id goal = goal_of(sa, anna, "Ship it");
    f->now = t0 + 120;
    assert_ok(sa, pm_goal_set_state(sa, goal, PM_GOAL_ACTIVE));
    pm_key_result_opts kro = PM_KEY_RESULT_OPTS_INIT;
    kro.title = "Releases";
    kro.target = 4;
    pm_id kr = 0;
    f->now = t0 + 180;
    assert_ok(sa, pm_key_result_add(&kr, sa, goal, &kro));
    f->now = t0 + 240;
    assert_ok(sa, pm_key_result_remove(sa, kr));
    r = audit_of(f, "goal", goal);
    assert_int_equal(r.count, 2);
    check_entry(&r.rows[0], PM_AUDIT_CREATE, anna, t0 + 60);
    check_entry(&r.rows[1], PM_AUDIT_UPDATE, anna, t0 + 120);
    assert_true(r.rows[0].id < r.rows[1].id);
    audit_rows_free(&r);
    r = audit_of(f, "key_result", kr);
    assert_true(r.count >= 2);
    check_entry(&r.rows[0], PM_AUDIT_CREATE, anna, t0 + 180);
    check_entry(&r.rows[r.count - 1], PM_AUDIT_REMOVE, anna, t0 + 240);
    audit_rows_free(&r);

    /* Feedback: given, acknowledged by its receiver, retracted. */
    f->now = t0 + 300;
    pm_id fb = fb_give(sa, bo, "Thanks for the review", PM_FEEDBACK_TO_RECEIVER, 0);
    f->now = t0 + 360;
    assert_ok(sb, pm_feedback_acknowledge(sb, fb));
    f->now = t0 + 420;
    assert_ok(sa, pm_feedback_retract(sa, fb));
    r = audit_of(f, "feedback", fb);
    assert_int_equal(r.count, 3);
    check_entry(&r.rows[0], PM_AUDIT_CREATE, anna, t0 + 300);
    check_entry(&r.rows[1], PM_AUDIT_UPDATE, bo, t0 + 360);
    check_entry(&r.rows[2], PM_AUDIT_REMOVE, anna, t0 + 420);
    audit_rows_free(&r);

    /* The entries are the trail's last, in the order of the writes. */
    r = audit_all(f);
    assert_true(r.count >= 9);
    for (size_t i = 1; i < r.count; i++)
        assert_true(r.rows[i - 1].id < r.rows[i].id);
    assert_int_equal(r.rows[r.count - 1].op, PM_AUDIT_REMOVE);
    assert_string_equal(r.rows[r.count - 1].kind, "feedback");
    audit_rows_free(&r);
    pm_session_free(sa);
    pm_session_free(sb);
}

/* A write that fails records nothing, even inside a group where the
 * one-write call opens no savepoint: the entry written before a failing
 * update or removal is taken back. */
static void test_audit_a_failed_write_leaves_no_entry(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "A1", "Anna", 0, 0);
    assert_ok(f->sys, pm_session_begin(f->sys));
    char *before = pm_fixture_store_dump(f);
    pm_value v[PM_GOAL_NFIELDS];
    v[PM_GOAL_STATE] = pm_value__int(PM_GOAL_ACTIVE);
    assert_int_equal(pm_api__update_fields(f->sys, PM_KIND_GOAL, 999, v,
                                           PM_UPDATE_FIELD(PM_GOAL_STATE)),
                     PM_ENOTFOUND);
    assert_int_equal(pm_api__remove(f->sys, PM_KIND_GOAL, 999), PM_ENOTFOUND);
    pm_person_opts dup = PM_PERSON_OPTS_INIT;
    dup.external_id = "A1";
    dup.display_name = "Anna again";
    assert_int_equal(pm_person_create(NULL, f->sys, &dup), PM_ECONFLICT);
    pm_fixture_check_store(f, before, "failed writes in a group");
    free(before);
    assert_ok(f->sys, pm_session_rollback(f->sys));
    audit_rows r = audit_of(f, "person", anna);
    assert_int_equal(r.count, 1);
    audit_rows_free(&r);
}

/* ---- paging and filters ---- */

static void test_audit_pages_in_id_order_even_when_the_clock_goes_back(void **state)
{
    pm_fixture *f = *state;
    pm_id anna = pm_fixture_person(f, "A1", "Anna", 0, 0);
    pm_session *sa = pm_fixture_session(f, anna);
    pm_time t0 = f->now;
    /* Five writes of anna's; the third and fourth at an earlier time. */
    const pm_time at[5] = { t0 + 10, t0 + 20, t0 - 500, t0 - 400, t0 + 30 };
    pm_id goals[5];
    for (int i = 0; i < 5; i++) {
        char title[16];
        snprintf(title, sizeof title, "Goal %d", i);
        f->now = at[i];
        goals[i] = goal_of(sa, anna, title);
    }
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.actor = anna;
    q.limit = 2;
    const size_t sizes[3] = { 2, 2, 1 };
    size_t seen = 0;
    for (int page_no = 0; page_no < 3; page_no++) {
        pm_audit_page *page = NULL;
        assert_ok(f->sys, pm_audit_list(&page, f->sys, &q));
        assert_int_equal(pm_audit_page_count(page), sizes[page_no]);
        assert_int_equal(pm_audit_page_more(page), page_no < 2);
        for (size_t i = 0; i < pm_audit_page_count(page); i++, seen++) {
            assert_int_equal(pm_audit_entry_record(page, i), goals[seen]);
            assert_int_equal(pm_audit_entry_at(page, i), at[seen]);
            assert_true(pm_audit_entry_id(page, i) > q.after);
        }
        assert_int_equal(pm_audit_page_last(page),
                         pm_audit_entry_id(page, pm_audit_page_count(page) - 1));
        q.after = pm_audit_page_last(page);
        pm_audit_page_free(page);
    }
    assert_int_equal(seen, 5);
    /* Past the end: an empty page that keeps its place. */
    pm_audit_page *page = NULL;
    assert_ok(f->sys, pm_audit_list(&page, f->sys, &q));
    assert_int_equal(pm_audit_page_count(page), 0);
    assert_false(pm_audit_page_more(page));
    assert_int_equal(pm_audit_page_last(page), q.after);
    assert_int_equal(pm_audit_entry_id(page, 0), 0);
    assert_null(pm_audit_entry_record_kind(page, 0));
    pm_audit_page_free(page);
    /* A period filter pages the same way: the two earlier writes alone. */
    pm_audit_query p = PM_AUDIT_QUERY_INIT;
    p.from = t0 - 600;
    p.to = t0 - 1;
    p.limit = 1;
    audit_rows r = audit_read(f->sys, &p);
    assert_int_equal(r.count, 2);
    assert_int_equal(r.rows[0].record, goals[2]);
    assert_int_equal(r.rows[1].record, goals[3]);
    audit_rows_free(&r);
    pm_session_free(sa);
}

/* Every filter and their combinations give what filtering the whole trail
 * by hand gives, page by page. */
static int expected(const pm_audit_query *q, const audit_row *a)
{
    if ((q->from != 0 && a->at < q->from) || (q->to != 0 && a->at > q->to))
        return 0;
    if (q->actor_kind != 0 && a->actor_kind != q->actor_kind)
        return 0;
    if (q->actor != 0 && a->actor != q->actor)
        return 0;
    if (q->record_kind != NULL && strcmp(a->kind, q->record_kind) != 0)
        return 0;
    if (q->record != 0 && a->record != q->record)
        return 0;
    return q->op == 0 || a->op == q->op;
}

static void test_audit_filters_match_the_whole_trail_filtered_by_hand(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_time t0 = f->now;
    pm_id goal = 0;
    for (int i = 0; i < 6; i++) {
        f->now = t0 + 100 * i;
        pm_id g = goal_of(i % 2 ? o.s_recv : o.s_mgr, o.recv, "Learn Rust");
        if (i == 0)
            goal = g;
        fb_give(o.s_giver, o.recv, "Nice", PM_FEEDBACK_TO_RECEIVER, 0);
    }
    f->now = t0 + 1000;
    assert_ok(o.s_mgr, pm_goal_set_state(o.s_mgr, goal, PM_GOAL_ACTIVE));
    audit_rows all = audit_all(f);
    pm_audit_query queries[12];
    for (size_t i = 0; i < 12; i++) {
        pm_audit_query init = PM_AUDIT_QUERY_INIT;
        queries[i] = init;
        queries[i].limit = 1 + i % 3;
    }
    queries[0].from = t0 + 150;
    queries[1].to = t0 + 250;
    queries[2].from = t0 + 100;
    queries[2].to = t0 + 300;
    queries[3].actor = o.giver;
    queries[4].actor = o.recv;
    queries[4].from = t0 + 200;
    queries[5].actor_kind = PM_AUDIT_ACTOR_SYSTEM;
    queries[6].actor_kind = PM_AUDIT_ACTOR_PERSON;
    queries[6].op = PM_AUDIT_UPDATE;
    queries[7].record_kind = "goal";
    queries[8].record_kind = "goal";
    queries[8].record = goal;
    queries[9].op = PM_AUDIT_CREATE;
    queries[9].record_kind = "feedback";
    queries[9].actor = o.giver;
    queries[10].record_kind = "person";
    queries[10].actor_kind = PM_AUDIT_ACTOR_SYSTEM;
    queries[10].to = t0;
    queries[11].after = all.rows[all.count / 2].id;
    queries[11].op = PM_AUDIT_CREATE;
    for (size_t i = 0; i < 12; i++) {
        audit_rows got = audit_read(o.s_hr, &queries[i]);
        size_t k = 0;
        for (size_t j = 0; j < all.count; j++) {
            if (all.rows[j].id <= queries[i].after || !expected(&queries[i], &all.rows[j]))
                continue;
            if (k >= got.count)
                fail_msg("query %zu: entry %lld missing", i, (long long)all.rows[j].id);
            assert_int_equal(got.rows[k].id, all.rows[j].id);
            k++;
        }
        if (k != got.count)
            fail_msg("query %zu: %zu entries, expected %zu", i, got.count, k);
        assert_true(k > 0);
        audit_rows_free(&got);
    }
    audit_rows_free(&all);
    fb_org_free(&o);
}

static void test_audit_is_read_by_hr_admins_and_the_system_actor_alone(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_audit_page *page = NULL;
    pm_audit_undisclosed *u = NULL;
    pm_date today = pm_time_date(f->now);
    pm_session *people[] = { o.s_boss, o.s_mgr, o.s_recv, o.s_outsider };
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        assert_fails(people[i], pm_audit_list(&page, people[i], NULL), PM_EPERM,
                     "may not read the audit trail");
        assert_null(page);
        assert_fails(people[i], pm_audit_undisclosed_list(&u, people[i], today, today),
                     PM_EPERM, "may not read the audit trail");
        assert_null(u);
    }
    assert_ok(o.s_hr, pm_audit_list(&page, o.s_hr, NULL));
    assert_true(pm_audit_page_count(page) > 0);
    assert_true(pm_audit_page_count(page) <= PM_AUDIT_PAGE_DEFAULT);
    pm_audit_page_free(page);
    assert_ok(o.s_hr, pm_audit_undisclosed_list(&u, o.s_hr, today, today));
    assert_int_equal(pm_audit_undisclosed_count(u), 0);
    pm_audit_undisclosed_free(u);
    fb_org_free(&o);
}

/* ---- writes that stay undisclosed ---- */

/* No entry holds the giver as actor, and no feedback entry the id. */
static void check_no_trace(pm_fixture *f, pm_id giver, pm_id feedback)
{
    audit_rows all = audit_all(f);
    for (size_t i = 0; i < all.count; i++) {
        if (all.rows[i].actor == giver)
            fail_msg("entry %lld names the giver", (long long)all.rows[i].id);
        if (strcmp(all.rows[i].kind, "feedback") == 0 && all.rows[i].record == feedback)
            fail_msg("entry %lld names the anonymous entry", (long long)all.rows[i].id);
    }
    audit_rows_free(&all);
}

static void test_audit_anonymous_feedback_is_counted_never_recorded(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_date today = pm_time_date(f->now);
    char *trail = audit_dump(f);
    pm_id fb = fb_give(o.s_giver, o.recv, "You explain things well", PM_FEEDBACK_TO_RECEIVER, 1);
    /* The store's audit rows are exactly as they were. */
    char *after = audit_dump(f);
    assert_string_equal(after, trail);
    free(after);
    check_no_trace(f, o.giver, fb);
    assert_int_equal(undisclosed_count(f, today, "feedback", PM_AUDIT_CREATE), 1);
    /* The receiver's writes keep the entry's silence, and so does the
     * giver's retraction, on another day. */
    f->now += 3600;
    assert_ok(o.s_recv, pm_feedback_react(o.s_recv, fb, PM_REACTION_THANKS));
    f->now += 86400;
    assert_ok(o.s_giver, pm_feedback_retract(o.s_giver, fb));
    after = audit_dump(f);
    assert_string_equal(after, trail);
    free(after);
    check_no_trace(f, o.giver, fb);
    assert_int_equal(undisclosed_count(f, today, "feedback", PM_AUDIT_UPDATE), 1);
    assert_int_equal(undisclosed_count(f, today, "feedback", PM_AUDIT_REMOVE), 0);
    assert_int_equal(undisclosed_count(f, today + 1, "feedback", PM_AUDIT_REMOVE), 1);
    /* A second anonymous entry the same day adds to the day's count. */
    f->now -= 86400;
    fb_give(o.s_peer, o.recv, "Calm in a crisis", PM_FEEDBACK_TO_RECEIVER, 1);
    assert_int_equal(undisclosed_count(f, today, "feedback", PM_AUDIT_CREATE), 2);
    pm_audit_undisclosed *u = NULL;
    assert_ok(f->sys, pm_audit_undisclosed_list(&u, f->sys, today, today + 1));
    assert_int_equal(pm_audit_undisclosed_count(u), 3);
    for (size_t i = 1; i < 3; i++)
        assert_true(pm_audit_undisclosed_day(u, i - 1) <= pm_audit_undisclosed_day(u, i));
    assert_int_equal(pm_audit_undisclosed_day(u, 2), today + 1);
    assert_int_equal(pm_audit_undisclosed_day(u, 3), PM_DATE_NONE);
    assert_int_equal(pm_audit_undisclosed_records(u, 3), 0);
    pm_audit_undisclosed_free(u);
    /* Named feedback is recorded as any write. */
    pm_id named = fb_give(o.s_giver, o.recv, "Good call", PM_FEEDBACK_TO_RECEIVER, 0);
    audit_rows r = audit_of(f, "feedback", named);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.rows[0].actor, o.giver);
    audit_rows_free(&r);
    free(trail);
    fb_org_free(&o);
}

static void test_audit_360_answers_are_counted_never_recorded(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_review360_opts ro = PM_REVIEW360_OPTS_INIT;
    ro.subject = o.recv;
    ro.title = "Mid-year";
    ro.opens = D("2026-06-01");
    ro.closes = D("2026-06-30");
    pm_id round = 0, q = 0, t = 0;
    assert_ok(f->sys, pm_review360_create(&round, f->sys, &ro));
    assert_ok(f->sys, pm_review360_add_question(&q, f->sys, round, "Clear?", 0, 1, 5));
    assert_ok(f->sys, pm_review360_add_question(&t, f->sys, round, "Keep doing?", 0, 0, 0));
    assert_ok(f->sys, pm_review360_add_rater(f->sys, round, o.peer, PM_RATER_PEER));
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    char *trail = audit_dump(f);
    pm_review360_answer a[2] = { { q, 4, NULL, 0 }, { t, 0, "Listening", 0 } };
    assert_ok(o.s_peer, pm_review360_submit(o.s_peer, round, a, 2));
    char *after = audit_dump(f);
    assert_string_equal(after, trail);
    free(after);
    free(trail);
    pm_date today = pm_time_date(f->now);
    assert_int_equal(undisclosed_count(f, today, "review360_answer", PM_AUDIT_CREATE), 2);
    assert_int_equal(undisclosed_count(f, today, "review360_rater", PM_AUDIT_UPDATE), 1);
    fb_org_free(&o);
}

/* A private note: its entry names the author and the record, and no audit
 * row holds its text. */
static void test_audit_private_note_entry_holds_author_and_record_not_text(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_checkin_series_opts so = PM_CHECKIN_SERIES_OPTS_INIT;
    so.manager = o.mgr;
    so.report = o.recv;
    pm_id series = 0, checkin = 0, note = 0;
    assert_ok(o.s_mgr, pm_checkin_series_create(&series, o.s_mgr, &so));
    assert_ok(o.s_mgr, pm_checkin_schedule(&checkin, o.s_mgr, series, PM_DATE_NONE));
    pm_checkin_entry_opts eo = PM_CHECKIN_ENTRY_OPTS_INIT;
    eo.kind = PM_ENTRY_NOTE;
    eo.text = "PRIVATE-NOTE-7f3a about the move";
    eo.is_private = 1;
    assert_ok(o.s_recv, pm_checkin_entry_add(&note, o.s_recv, checkin, &eo));
    audit_rows r = audit_of(f, "checkin_entry", note);
    assert_int_equal(r.count, 1);
    check_entry(&r.rows[0], PM_AUDIT_CREATE, o.recv, f->now);
    audit_rows_free(&r);
    char *dump = pm_fixture_store_dump(f);
    const char *trail = strstr(dump, "kind audit_entry\n");
    const char *end = strstr(dump, "kind legal_hold\n");
    assert_non_null(trail);
    assert_non_null(end);
    const char *text = strstr(trail, "PRIVATE-NOTE-7f3a");
    assert_true(text == NULL || text > end);
    assert_non_null(strstr(dump, "PRIVATE-NOTE-7f3a")); /* the note itself is stored */
    free(dump);
    fb_org_free(&o);
}

/* ---- legal holds ---- */

static void test_legal_hold_is_placed_read_and_lifted_and_audited(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    int held = 7;
    char *reason = (char *)"x";
    assert_ok(o.s_hr, pm_legal_hold_get(&held, &reason, o.s_hr, o.recv));
    assert_int_equal(held, 0);
    assert_null(reason);
    /* The reason is normalised (NFC); a former employee may be held. */
    assert_ok(o.s_hr, pm_legal_hold_place(o.s_hr, o.recv, "Case " A_RING_NFD "-12", 0));
    assert_ok(f->sys, pm_person_set_left(f->sys, o.outsider, D("2026-06-01")));
    assert_ok(f->sys, pm_legal_hold_place(f->sys, o.outsider, "   ", 0));
    assert_ok(o.s_hr, pm_legal_hold_get(&held, &reason, o.s_hr, o.recv));
    assert_int_equal(held, 1);
    assert_string_equal(reason, "Case " A_RING_NFC "-12");
    pm_free(reason);
    assert_ok(f->sys, pm_legal_hold_get(&held, &reason, f->sys, o.outsider));
    assert_int_equal(held, 1);
    assert_null(reason);
    assert_ok(f->sys, pm_legal_hold_get(&held, NULL, f->sys, o.recv));
    assert_int_equal(held, 1);
    /* The check erasure and purges make agrees. */
    int is_held = 0;
    assert_ok(f->sys, pm_legal_hold__is_held(f->sys, o.recv, &is_held));
    assert_int_equal(is_held, 1);
    /* Placing twice is a conflict; lifting twice finds nothing. */
    assert_fails(o.s_hr, pm_legal_hold_place(o.s_hr, o.recv, NULL, 0), PM_ECONFLICT,
                 "legal_hold: person");
    assert_ok(o.s_hr, pm_legal_hold_lift(o.s_hr, o.recv));
    assert_ok(o.s_hr, pm_legal_hold_get(&held, &reason, o.s_hr, o.recv));
    assert_int_equal(held, 0);
    assert_null(reason);
    assert_fails(o.s_hr, pm_legal_hold_lift(o.s_hr, o.recv), PM_ENOTFOUND,
                 "is not under a legal hold");
    assert_ok(f->sys, pm_legal_hold__is_held(f->sys, o.recv, &is_held));
    assert_int_equal(is_held, 0);
    /* Placed again after lifting: a new hold. Each write is in the trail. */
    assert_ok(o.s_hr, pm_legal_hold_place(o.s_hr, o.recv, "Case 13", 0));
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.record_kind = "legal_hold";
    audit_rows r = audit_read(f->sys, &q);
    assert_int_equal(r.count, 4);
    const pm_audit_op ops[4] = { PM_AUDIT_CREATE, PM_AUDIT_CREATE, PM_AUDIT_REMOVE,
                                 PM_AUDIT_CREATE };
    const pm_id actors[4] = { o.hr, 0, o.hr, o.hr };
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(r.rows[i].op, ops[i]);
        assert_int_equal(r.rows[i].actor, actors[i]);
    }
    assert_int_equal(r.rows[0].record, r.rows[2].record);
    assert_true(r.rows[3].record != r.rows[0].record);
    audit_rows_free(&r);
    fb_org_free(&o);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_audit_records_creates_updates_and_removes_with_actor_time_and_record),
        T(test_audit_a_failed_write_leaves_no_entry),
        T(test_audit_pages_in_id_order_even_when_the_clock_goes_back),
        T(test_audit_filters_match_the_whole_trail_filtered_by_hand),
        T(test_audit_is_read_by_hr_admins_and_the_system_actor_alone),
        T(test_audit_anonymous_feedback_is_counted_never_recorded),
        T(test_audit_360_answers_are_counted_never_recorded),
        T(test_audit_private_note_entry_holds_author_and_record_not_text),
        T(test_legal_hold_is_placed_read_and_lifted_and_audited),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
