/* The audit trail, legal holds and frozen thresholds on every backend:
 * every way a call can be wrong is refused with its status and a message
 * naming the field, and the store stays exactly as it was; every
 * allocation failure is reported and leaks nothing. The happy paths are
 * in test_audit.c. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"
#include "test_audit_helpers.h"
#include "test_feedback_helpers.h"
#include "api/audit_internal.h"

/* ---- queries ---- */

enum bad_query {
    BAD_VERSION_0, BAD_VERSION_99, BAD_TO_BEFORE_FROM, BAD_ACTOR_KIND, BAD_ACTOR_SYSTEM_ID,
    BAD_ACTOR_NEGATIVE, BAD_OP, BAD_OP_NEGATIVE, BAD_RECORD_WITHOUT_KIND, BAD_RECORD_KIND,
    BAD_RECORD_NEGATIVE, BAD_AFTER_NEGATIVE, BAD_LIMIT, BAD_QUERY_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_query_expect[BAD_QUERY_COUNT] = {
    [BAD_VERSION_0] = { PM_EVERSION, "audit_query.version: 0" },
    [BAD_VERSION_99] = { PM_EVERSION, "audit_query.version: 99" },
    [BAD_TO_BEFORE_FROM] = { PM_EINVAL, "audit_query.to: 100 is before from (200)" },
    [BAD_ACTOR_KIND] = { PM_EINVAL, "audit_query.actor_kind: 3 is not an actor kind" },
    [BAD_ACTOR_SYSTEM_ID] = { PM_EINVAL, "audit_query.actor: the system actor has no person id" },
    [BAD_ACTOR_NEGATIVE] = { PM_EINVAL, "audit_query.actor: -4 is not an id" },
    [BAD_OP] = { PM_EINVAL, "audit_query.op: 7 is not an operation" },
    [BAD_OP_NEGATIVE] = { PM_EINVAL, "audit_query.op: -1 is not an operation" },
    [BAD_RECORD_WITHOUT_KIND] = { PM_EINVAL, "audit_query.record: needs audit_query.record_kind" },
    [BAD_RECORD_KIND] = { PM_EINVAL, "audit_query.record_kind: 'goals' is not a record kind" },
    [BAD_RECORD_NEGATIVE] = { PM_EINVAL, "audit_query.record: -2 is not an id" },
    [BAD_AFTER_NEGATIVE] = { PM_EINVAL, "audit_query.after: -1 is not an id" },
    [BAD_LIMIT] = { PM_EINVAL, "audit_query.limit: 1001 is more than 1000" },
};

static void test_audit_list_refuses_bad_queries(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_person(f, "A1", "Anna", 0, 0);
    char *before = pm_fixture_store_dump(f);
    for (int c = 0; c < BAD_QUERY_COUNT; c++) {
        pm_audit_query q = PM_AUDIT_QUERY_INIT;
        switch ((enum bad_query)c) {
        case BAD_VERSION_0: q.version = 0; break;
        case BAD_VERSION_99: q.version = 99; break;
        case BAD_TO_BEFORE_FROM: q.from = 200; q.to = 100; break;
        case BAD_ACTOR_KIND: q.actor_kind = (pm_audit_actor)3; break;
        case BAD_ACTOR_SYSTEM_ID: q.actor_kind = PM_AUDIT_ACTOR_SYSTEM; q.actor = 1; break;
        case BAD_ACTOR_NEGATIVE: q.actor = -4; break;
        case BAD_OP: q.op = (pm_audit_op)7; break;
        case BAD_OP_NEGATIVE: q.op = (pm_audit_op)-1; break;
        case BAD_RECORD_WITHOUT_KIND: q.record = 3; break;
        case BAD_RECORD_KIND: q.record_kind = "goals"; break;
        case BAD_RECORD_NEGATIVE: q.record_kind = "goal"; q.record = -2; break;
        case BAD_AFTER_NEGATIVE: q.after = -1; break;
        case BAD_LIMIT: q.limit = PM_AUDIT_PAGE_MAX + 1; break;
        case BAD_QUERY_COUNT: break;
        }
        pm_audit_page *page = (pm_audit_page *)&q;
        assert_fails(f->sys, pm_audit_list(&page, f->sys, &q), bad_query_expect[c].status,
                     bad_query_expect[c].needle);
        assert_null(page);
    }
    assert_fails(f->sys, pm_audit_list(NULL, f->sys, NULL), PM_EINVAL, "out: must not be NULL");
    assert_int_equal(pm_audit_list(NULL, NULL, NULL), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    /* The initialiser for FFI callers. */
    pm_audit_query q;
    memset(&q, 0xff, sizeof q);
    assert_int_equal(pm_audit_query_init(&q, PM_AUDIT_QUERY_VERSION), PM_OK);
    assert_int_equal(q.version, PM_AUDIT_QUERY_VERSION);
    assert_null(q.record_kind);
    assert_int_equal(q.limit, 0);
    assert_int_equal(q.after, 0);
    assert_int_equal(pm_audit_query_init(&q, 0), PM_EVERSION);
    assert_int_equal(pm_audit_query_init(&q, 2), PM_EVERSION);
    assert_int_equal(pm_audit_query_init(NULL, 1), PM_EINVAL);
    /* The getters of nothing. */
    assert_int_equal(pm_audit_page_count(NULL), 0);
    assert_int_equal(pm_audit_page_more(NULL), 0);
    assert_int_equal(pm_audit_page_last(NULL), 0);
    assert_int_equal(pm_audit_entry_id(NULL, 0), 0);
    assert_int_equal(pm_audit_entry_at(NULL, 0), 0);
    assert_int_equal(pm_audit_entry_actor(NULL, 0), 0);
    assert_int_equal(pm_audit_entry_actor_kind(NULL, 0), 0);
    assert_int_equal(pm_audit_entry_op(NULL, 0), 0);
    assert_null(pm_audit_entry_record_kind(NULL, 0));
    assert_int_equal(pm_audit_entry_record(NULL, 0), 0);
    assert_int_equal(pm_audit_entry_records(NULL, 0), 0);
    pm_audit_page_free(NULL);
}

static void test_audit_undisclosed_list_refuses_bad_days(void **state)
{
    pm_fixture *f = *state;
    char *before = pm_fixture_store_dump(f);
    pm_date day = D("2026-06-15");
    const struct {
        pm_date from, to;
        const char *needle;
    } cases[] = {
        { PM_DATE_NONE, day, "from: must be a day" },
        { day, PM_DATE_NONE, "to: must be a day" },
        { day, day - 1, "to: 2026-06-14 is before from (2026-06-15)" },
        { day, day + PM_AUDIT_UNDISCLOSED_DAYS_MAX, "to: more than 3660 days after from" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pm_audit_undisclosed *u = (pm_audit_undisclosed *)&day;
        assert_fails(f->sys, pm_audit_undisclosed_list(&u, f->sys, cases[i].from, cases[i].to),
                     PM_EINVAL, cases[i].needle);
        assert_null(u);
    }
    pm_audit_undisclosed *u = NULL;
    assert_ok(f->sys, pm_audit_undisclosed_list(&u, f->sys, day,
                                                day + PM_AUDIT_UNDISCLOSED_DAYS_MAX - 1));
    pm_audit_undisclosed_free(u);
    assert_fails(f->sys, pm_audit_undisclosed_list(NULL, f->sys, day, day), PM_EINVAL, "out");
    assert_int_equal(pm_audit_undisclosed_list(NULL, NULL, day, day), PM_EINVAL);
    assert_int_equal(pm_audit_undisclosed_count(NULL), 0);
    assert_int_equal(pm_audit_undisclosed_day(NULL, 0), PM_DATE_NONE);
    assert_null(pm_audit_undisclosed_record_kind(NULL, 0));
    assert_int_equal(pm_audit_undisclosed_op(NULL, 0), 0);
    assert_int_equal(pm_audit_undisclosed_records(NULL, 0), 0);
    pm_audit_undisclosed_free(NULL);
    pm_fixture_assert_store_is(f, before);
}

/* ---- legal holds ---- */

static void test_legal_hold_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    assert_ok(o.s_hr, pm_legal_hold_place(o.s_hr, o.peer, "Case 1", 0));
    char long_reason[PM_LEGAL_HOLD_REASON_MAX + 2];
    memset(long_reason, 'r', PM_LEGAL_HOLD_REASON_MAX + 1);
    long_reason[PM_LEGAL_HOLD_REASON_MAX + 1] = '\0';
    char *before = pm_fixture_store_dump(f);
    int held = 5;
    char *reason = (char *)"x";
    /* People without the HR-admin flag, about anyone, themselves included. */
    pm_session *people[] = { o.s_mgr, o.s_recv, o.s_boss };
    for (size_t i = 0; i < sizeof people / sizeof people[0]; i++) {
        pm_session *p = people[i];
        assert_fails(p, pm_legal_hold_place(p, o.recv, NULL, 0), PM_EPERM,
                     "may not place or lift legal holds");
        assert_fails(p, pm_legal_hold_lift(p, o.peer), PM_EPERM, "may not place or lift");
        assert_fails(p, pm_legal_hold_get(&held, &reason, p, o.peer), PM_EPERM,
                     "may not place or lift");
        assert_int_equal(held, 0);
        assert_null(reason);
    }
    assert_fails(o.s_recv, pm_legal_hold_place(o.s_recv, o.recv, NULL, 0), PM_EPERM,
                 "person");
    pm_session *s = o.s_hr;
    assert_fails(s, pm_legal_hold_place(s, 0, NULL, 0), PM_EINVAL,
                 "person: 0 is not a person id");
    assert_fails(s, pm_legal_hold_place(s, 999, NULL, 0), PM_ENOTFOUND,
                 "person: person 999 does not exist");
    assert_fails(s, pm_legal_hold_lift(s, 999), PM_ENOTFOUND, "person: person 999 does not exist");
    assert_fails(s, pm_legal_hold_get(&held, NULL, s, -3), PM_EINVAL, "person: -3 is not");
    assert_fails(s, pm_legal_hold_get(&held, NULL, s, 999), PM_ENOTFOUND,
                 "person: person 999 does not exist");
    assert_fails(s, pm_legal_hold_get(NULL, NULL, s, o.peer), PM_EINVAL, "held");
    assert_fails(s, pm_legal_hold_place(s, o.recv, "Bad \xC3\x28", 0), PM_EUTF8,
                 "legal_hold.reason: invalid UTF-8");
    assert_fails(s, pm_legal_hold_place(s, o.recv, "Nul\0inside", 10), PM_EUTF8,
                 "legal_hold.reason: contains a NUL byte");
    assert_fails(s, pm_legal_hold_place(s, o.recv, long_reason, 0), PM_ERANGE,
                 "legal_hold.reason: longer than 2000");
    assert_fails(s, pm_legal_hold_place(s, o.peer, "Case 2", 0), PM_ECONFLICT,
                 "legal_hold: person");
    assert_fails(s, pm_legal_hold_lift(s, o.recv), PM_ENOTFOUND,
                 "legal_hold: person");
    assert_int_equal(pm_legal_hold_place(NULL, o.recv, NULL, 0), PM_EINVAL);
    assert_int_equal(pm_legal_hold_lift(NULL, o.recv), PM_EINVAL);
    assert_int_equal(pm_legal_hold_get(&held, NULL, NULL, o.recv), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    fb_org_free(&o);
}

/* ---- allocation failures ---- */

/* Runs call with allocation k failing, k = 0, 1, ... until it succeeds:
 * each failure is PM_ENOMEM, leaves the store as it was and leaks
 * nothing. */
typedef pm_status (*oom_call)(pm_fixture *f, void *payload);

static void oom_loop(pm_fixture *f, const char *what, oom_call call, void *payload)
{
    int succeeded = 0;
    for (long k = 0; k < 5000 && !succeeded; k++) {
        char *before = pm_fixture_store_dump(f);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(k);
        pm_status st = call(f, payload);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("%s, allocation %ld failing: status %d (%s)", what, k, (int)st,
                     pm_status_str(st));
        succeeded = st == PM_OK;
        if (!succeeded) {
            pm_fixture_check_store(f, before, what);
            if (pm_fixture_alloc_live() != live)
                fail_msg("%s, allocation %ld failing: %ld allocations leaked", what, k,
                         pm_fixture_alloc_live() - live);
        }
        free(before);
    }
    if (!succeeded)
        fail_msg("%s never succeeded", what);
}

typedef struct oom_world {
    fb_org o;
    pm_id reacted;      /* a named feedback entry its receiver reacts to */
    const pm_audit_query *query;
    pm_id person;
} oom_world;

static pm_status list_call(pm_fixture *f, void *payload)
{
    oom_world *w = payload;
    pm_audit_page *page = NULL;
    pm_status st = pm_audit_list(&page, f->sys, w->query);
    if (st == PM_OK)
        assert_true(pm_audit_page_count(page) > 0);
    else
        assert_null(page);
    pm_audit_page_free(page);
    return st;
}

static pm_status undisclosed_call(pm_fixture *f, void *payload)
{
    (void)payload;
    pm_audit_undisclosed *u = NULL;
    pm_date today = pm_time_date(f->now);
    pm_status st = pm_audit_undisclosed_list(&u, f->sys, today, today);
    if (st == PM_OK)
        assert_int_equal(pm_audit_undisclosed_count(u), 1);
    else
        assert_null(u);
    pm_audit_undisclosed_free(u);
    return st;
}

static pm_status anonymous_give_call(pm_fixture *f, void *payload)
{
    (void)f;
    oom_world *w = payload;
    pm_feedback_opts o = fb_opts(w->o.recv, "Steady " A_RING_NFD, PM_FEEDBACK_TO_RECEIVER, 1);
    return pm_feedback_give(NULL, w->o.s_giver, &o);
}

static pm_status named_give_call(pm_fixture *f, void *payload)
{
    (void)f;
    oom_world *w = payload;
    pm_feedback_opts o = fb_opts(w->o.recv, "Named " A_RING_NFD, PM_FEEDBACK_TO_RECEIVER, 0);
    return pm_feedback_give(NULL, w->o.s_peer, &o);
}

static pm_status place_call(pm_fixture *f, void *payload)
{
    (void)f;
    oom_world *w = payload;
    return pm_legal_hold_place(w->o.s_hr, w->person, "Case " A_RING_NFD, 0);
}

static pm_status get_call(pm_fixture *f, void *payload)
{
    (void)f;
    oom_world *w = payload;
    int held = 0;
    char *reason = NULL;
    pm_status st = pm_legal_hold_get(&held, &reason, w->o.s_hr, w->person);
    if (st == PM_OK) {
        assert_int_equal(held, 1);
        assert_string_equal(reason, "Case " A_RING_NFC);
    } else {
        assert_null(reason);
    }
    pm_free(reason);
    return st;
}

static pm_status lift_call(pm_fixture *f, void *payload)
{
    (void)f;
    oom_world *w = payload;
    return pm_legal_hold_lift(w->o.s_hr, w->person);
}

/* Makes the kinds the loops write hold a row already, so that their id
 * tables (kept for the store's life) are not taken for leaks. */
static void warm_up(pm_fixture *f, oom_world *w)
{
    fb_give(w->o.s_peer, w->o.recv, "Seed", PM_FEEDBACK_TO_RECEIVER, 0);
    f->now -= 86400;
    fb_give(w->o.s_giver, w->o.recv, "Seed", PM_FEEDBACK_TO_RECEIVER, 1);
    f->now += 86400;
    assert_ok(w->o.s_hr, pm_legal_hold_place(w->o.s_hr, w->o.boss, NULL, 0));
    assert_ok(w->o.s_hr, pm_legal_hold_lift(w->o.s_hr, w->o.boss));
}

static void test_audit_allocation_failures_are_reported_and_leave_nothing(void **state)
{
    pm_fixture *f = *state;
    oom_world w;
    fb_org_make(&w.o, f);
    w.person = w.o.outsider;
    warm_up(f, &w);
    /* The writes: the counter made, then grown; a named entry; holds. */
    oom_loop(f, "anonymous give (new counter)", anonymous_give_call, &w);
    oom_loop(f, "anonymous give (counter grows)", anonymous_give_call, &w);
    oom_loop(f, "named give", named_give_call, &w);
    oom_loop(f, "legal hold place", place_call, &w);
    oom_loop(f, "legal hold get", get_call, &w);
    oom_loop(f, "legal hold lift", lift_call, &w);
    /* The reads, by each index. */
    pm_audit_query queries[5];
    for (size_t i = 0; i < 5; i++) {
        pm_audit_query init = PM_AUDIT_QUERY_INIT;
        queries[i] = init;
    }
    queries[1].actor = w.o.peer;
    queries[2].from = f->now - 10;
    queries[3].record_kind = "person";
    queries[3].record = w.o.recv;
    queries[4].op = PM_AUDIT_REMOVE;
    for (size_t i = 0; i < 5; i++) {
        w.query = &queries[i];
        oom_loop(f, "audit list", list_call, &w);
    }
    oom_loop(f, "undisclosed list", undisclosed_call, &w);
    fb_org_free(&w.o);
}

/* An allocator that fails the k-th allocation only: memory that runs out
 * once, so that taking a write back (which may allocate) succeeds. */
static long one_shot = -1;

static void *one_shot_malloc(size_t size, void *payload)
{
    (void)payload;
    return one_shot-- == 0 ? NULL : malloc(size);
}

static void *one_shot_realloc(void *ptr, size_t size, void *payload)
{
    (void)payload;
    return one_shot-- == 0 ? NULL : realloc(ptr, size);
}

static void one_shot_free(void *ptr, void *payload)
{
    (void)payload;
    free(ptr);
}

/* Runs call inside a group opened by the system session with allocation k
 * failing once, k = 0, 1, ... until it succeeds: each failure leaves the
 * group's store as it was. */
static void group_loop(pm_fixture *f, const char *what, oom_call call, void *payload)
{
    const pm_allocator once = { PM_ALLOCATOR_VERSION, one_shot_malloc, one_shot_realloc,
                                one_shot_free, NULL };
    int succeeded = 0;
    for (long k = 0; k < 5000 && !succeeded; k++) {
        char *before = pm_fixture_store_dump(f);
        assert_int_equal(pm_allocator_set(&once), PM_OK);
        one_shot = k;
        pm_status st = call(f, payload);
        one_shot = -1;
        pm_fixture_alloc_install();
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("%s, allocation %ld failing: status %d (%s)", what, k, (int)st,
                     pm_status_str(st));
        succeeded = st == PM_OK;
        if (!succeeded)
            pm_fixture_check_store(f, before, what);
        free(before);
    }
    if (!succeeded)
        fail_msg("%s never succeeded", what);
}

/* Inside a group a one-write call opens no savepoint: when its entry
 * cannot be written, the record it wrote is taken back by hand. */
static void test_audit_failure_inside_a_group_takes_the_write_back(void **state)
{
    pm_fixture *f = *state;
    oom_world w;
    fb_org_make(&w.o, f);
    w.person = w.o.outsider;
    warm_up(f, &w);
    assert_ok(f->sys, pm_session_begin(f->sys));
    group_loop(f, "named give in a group", named_give_call, &w);
    group_loop(f, "anonymous give in a group", anonymous_give_call, &w);
    group_loop(f, "legal hold in a group", place_call, &w);
    assert_ok(f->sys, pm_session_commit(f->sys));
    int held = 0;
    assert_ok(f->sys, pm_legal_hold_get(&held, NULL, f->sys, w.person));
    assert_int_equal(held, 1);
    fb_org_free(&w.o);
}

static pm_status receipt_call(pm_fixture *f, void *payload)
{
    (void)f;
    oom_world *w = payload;
    return pm_feedback_react(w->o.s_recv, w->reacted, PM_REACTION_THANKS);
}

/* A change or removal whose entry cannot be written cannot be taken back,
 * nor an insert whose removal fails too (memory stays out): then the
 * group's transaction is rolled back whole, and says so, rather than
 * commit a write without its entry. Each allocation of each call fails in
 * turn, once or from then on, inside a fresh group. */
static void test_audit_failure_that_cannot_be_taken_back_ends_the_group(void **state)
{
    pm_fixture *f = *state;
    oom_world w;
    fb_org_make(&w.o, f);
    fb_give(w.o.s_peer, w.o.recv, "Seed", PM_FEEDBACK_TO_RECEIVER, 0);
    w.reacted = fb_give(w.o.s_peer, w.o.recv, "React to me", PM_FEEDBACK_TO_RECEIVER, 0);
    char *outside = pm_fixture_store_dump(f);
    const oom_call calls[] = { named_give_call, anonymous_give_call, receipt_call };
    pm_session *callers[] = { w.o.s_peer, w.o.s_giver, w.o.s_recv };
    const pm_allocator once = { PM_ALLOCATOR_VERSION, one_shot_malloc, one_shot_realloc,
                                one_shot_free, NULL };
    for (int sticky = 0; sticky < 2; sticky++) {
        for (size_t c = 0; c < sizeof calls / sizeof calls[0]; c++) {
            int succeeded = 0;
            for (long k = 0; k < 5000 && !succeeded; k++) {
                assert_ok(f->sys, pm_session_begin(f->sys));
                char *before = pm_fixture_store_dump(f);
                if (sticky) {
                    pm_fixture_alloc_fail_after(k);
                } else {
                    assert_int_equal(pm_allocator_set(&once), PM_OK);
                    one_shot = k;
                }
                pm_status st = calls[c](f, &w);
                one_shot = -1;
                pm_fixture_alloc_fail_after(-1);
                pm_fixture_alloc_install();
                succeeded = st == PM_OK;
                if (!succeeded && strstr(pm_session_errmsg(callers[c]), "rolled back") != NULL) {
                    /* Nothing of the group is left, and it cannot commit. */
                    pm_fixture_check_store(f, outside, "group rolled back");
                    assert_int_not_equal(pm_session_commit(f->sys), PM_OK);
                } else {
                    if (!succeeded)
                        pm_fixture_check_store(f, before, "write in a group");
                    assert_ok(f->sys, pm_session_rollback(f->sys));
                }
                free(before);
            }
            assert_true(succeeded);
        }
    }
    pm_fixture_assert_store_is(f, outside);
    fb_org_free(&w.o);
}

/* ---- frozen thresholds ---- */

/* Writes the threshold of a survey or round straight through the api
 * layer's update, as any future call would. */
static pm_status write_threshold(pm_fixture *f, unsigned int kind, pm_id id, int threshold)
{
    unsigned int field = kind == PM_KIND_SURVEY ? PM_SURVEY_THRESHOLD : PM_R360_THRESHOLD;
    pm_value v[PM_KIND_MAX_FIELDS];
    v[field] = pm_value__int(threshold);
    pm_status st = pm_api__begin(f->sys);
    if (st != PM_OK)
        return st;
    return pm_api__finish(f->sys, pm_api__update_fields(f->sys, kind, id, v,
                                                        PM_UPDATE_FIELD(field)));
}

static pm_id open_survey(pm_fixture *f, pm_id unit, int threshold)
{
    pm_survey_opts so = PM_SURVEY_OPTS_INIT;
    so.title = "Pulse";
    so.opens = D("2026-06-01");
    so.closes = D("2026-06-30");
    so.threshold = threshold;
    pm_id survey = 0;
    assert_ok(f->sys, pm_survey_create(&survey, f->sys, &so));
    assert_ok(f->sys, pm_survey_add_instrument(f->sys, survey, PM_INSTRUMENT_ENPS, 0, NULL, 0));
    assert_ok(f->sys, pm_survey_add_audience(f->sys, survey, unit, 0));
    return survey;
}

static void test_survey_threshold_cannot_change_once_open(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id survey = open_survey(f, o.team, 5);
    /* A draft's threshold may still change. */
    assert_ok(f->sys, write_threshold(f, PM_KIND_SURVEY, survey, 4));
    assert_ok(f->sys, pm_survey_open(f->sys, survey));
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, write_threshold(f, PM_KIND_SURVEY, survey, 3), PM_EINVAL,
                 "survey.threshold: frozen at 4 since survey");
    pm_value whole[PM_SURVEY_NFIELDS];
    memset(whole, 0, sizeof whole);
    whole[PM_SURVEY_THRESHOLD] = pm_value__int(10);
    assert_ok(f->sys, pm_api__begin(f->sys));
    assert_fails(f->sys, pm_api__update(f->sys, PM_KIND_SURVEY, survey, whole), PM_EINVAL,
                 "frozen");
    pm_api__rollback(f->sys);
    pm_fixture_check_store(f, before, "survey threshold");
    free(before);
    /* Closed, it stays frozen; the same value is no change. */
    assert_ok(f->sys, pm_survey_close(f->sys, survey));
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, write_threshold(f, PM_KIND_SURVEY, survey, 9), PM_EINVAL, "frozen");
    pm_fixture_assert_store_is(f, before);
    assert_ok(f->sys, write_threshold(f, PM_KIND_SURVEY, survey, 4));
    pm_survey *sv = NULL;
    assert_ok(f->sys, pm_survey_get(&sv, f->sys, survey));
    assert_int_equal(pm_survey_threshold(sv), 4);
    pm_survey_free(sv);
    fb_org_free(&o);
}

static void test_review360_threshold_cannot_change_once_open(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_review360_opts ro = PM_REVIEW360_OPTS_INIT;
    ro.subject = o.recv;
    ro.title = "Mid-year";
    ro.opens = D("2026-06-01");
    ro.closes = D("2026-06-30");
    pm_id round = 0;
    assert_ok(f->sys, pm_review360_create(&round, f->sys, &ro));
    assert_ok(f->sys, pm_review360_add_question(NULL, f->sys, round, "Clear?", 0, 1, 5));
    assert_ok(f->sys, pm_review360_add_rater(f->sys, round, o.peer, PM_RATER_PEER));
    assert_ok(f->sys, write_threshold(f, PM_KIND_REVIEW360, round, 5));
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, write_threshold(f, PM_KIND_REVIEW360, round, 3), PM_EINVAL,
                 "review360.threshold: frozen at 5 since review360");
    pm_fixture_check_store(f, before, "360 threshold");
    free(before);
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, write_threshold(f, PM_KIND_REVIEW360, round, 10), PM_EINVAL, "frozen");
    pm_fixture_assert_store_is(f, before);
    pm_review360 *r = NULL;
    assert_ok(f->sys, pm_review360_get(&r, f->sys, round));
    assert_int_equal(pm_review360_threshold(r), 5);
    pm_review360_free(r);
    fb_org_free(&o);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_audit_list_refuses_bad_queries),
        T(test_audit_undisclosed_list_refuses_bad_days),
        T(test_legal_hold_refuses_bad_input_and_writes_nothing),
        T(test_audit_allocation_failures_are_reported_and_leave_nothing),
        T(test_audit_failure_inside_a_group_takes_the_write_back),
        T(test_audit_failure_that_cannot_be_taken_back_ends_the_group),
        T(test_survey_threshold_cannot_change_once_open),
        T(test_review360_threshold_cannot_change_once_open),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
