/* Entries of check-ins through the public API on every backend: talking
 * points that move on with their origin, action items that stay until
 * done, goals discussed with a snapshot, and private entries that no one
 * but their author ever sees or touches (not the manager, not HR, not the
 * system actor). The fixture's today is 2026-06-15. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"

#define D(iso) pm_fixture_date(iso)
#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

/* manager <- report since 2026-01-01; other stands outside; hr is an HR admin.
 * One weekly series from 2026-06-01 with its first check-in, c1. */
typedef struct pair {
    pm_fixture *f;
    pm_id manager, report, other, hr, series, c1;
    pm_session *as_manager, *as_report, *as_other, *as_hr;
} pair;

static pair make_pair(void **state)
{
    pair p;
    memset(&p, 0, sizeof p);
    p.f = *state;
    p.manager = pm_fixture_person(p.f, "M", "Manager", 0, 0);
    p.report = pm_fixture_person(p.f, "R", "Report", 0, 0);
    p.other = pm_fixture_person(p.f, "O", "Other", 0, 0);
    p.hr = pm_fixture_person(p.f, "H", "Human Resources", 0, 0);
    assert_ok(p.f->sys, pm_person_set_hr_admin(p.f->sys, p.hr, 1));
    assert_ok(p.f->sys, pm_org_set_manager(p.f->sys, p.report, p.manager, D("2026-01-01")));
    p.as_manager = pm_fixture_session(p.f, p.manager);
    p.as_report = pm_fixture_session(p.f, p.report);
    p.as_other = pm_fixture_session(p.f, p.other);
    p.as_hr = pm_fixture_session(p.f, p.hr);
    pm_checkin_series_opts o = PM_CHECKIN_SERIES_OPTS_INIT;
    o.manager = p.manager;
    o.report = p.report;
    o.start = D("2026-06-01");
    assert_ok(p.as_manager, pm_checkin_series_create(&p.series, p.as_manager, &o));
    pm_checkin_iter *it = NULL;
    pm_checkin *c = NULL;
    assert_ok(p.as_manager, pm_checkin_list(&it, p.as_manager, p.series));
    assert_ok(p.as_manager, pm_checkin_iter_next(&c, it));
    p.c1 = pm_checkin_id(c);
    pm_checkin_iter_free(it);
    return p;
}

static void free_pair(pair *p)
{
    pm_session_free(p->as_manager);
    pm_session_free(p->as_report);
    pm_session_free(p->as_other);
    pm_session_free(p->as_hr);
}

static pm_id add(pm_session *s, pm_id checkin, pm_entry_kind kind, const char *text,
                 int is_private)
{
    pm_checkin_entry_opts o = PM_CHECKIN_ENTRY_OPTS_INIT;
    o.kind = kind;
    o.text = text;
    o.is_private = is_private;
    pm_id id = 0;
    assert_ok(s, pm_checkin_entry_add(&id, s, checkin, &o));
    assert_true(id > 0);
    return id;
}

static pm_id hold(pm_session *s, pm_id checkin)
{
    pm_id next = 0;
    assert_ok(s, pm_checkin_hold(&next, s, checkin, PM_MOOD_NONE));
    assert_true(next > 0);
    return next;
}

/* What a check-in shows to s: entry ids in order (up to 16), with the
 * check-in and origin of each. */
typedef struct shown {
    size_t n;
    pm_id id[16];
    pm_id checkin[16];
    pm_id origin[16];
    char text[16][32];
} shown;

static shown list(pm_session *s, pm_id checkin)
{
    shown w;
    memset(&w, 0, sizeof w);
    pm_checkin_entry_iter *it = NULL;
    assert_ok(s, pm_checkin_entry_list(&it, s, checkin));
    pm_checkin_entry *e = NULL;
    pm_status st;
    while ((st = pm_checkin_entry_iter_next(&e, it)) == PM_OK && w.n < 16) {
        w.id[w.n] = pm_checkin_entry_id(e);
        w.checkin[w.n] = pm_checkin_entry_checkin(e);
        w.origin[w.n] = pm_checkin_entry_origin(e);
        strncpy(w.text[w.n], pm_checkin_entry_text(e), sizeof w.text[w.n] - 1);
        w.n++;
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_checkin_entry_iter_free(it);
    return w;
}

static int shows(const shown *w, pm_id id)
{
    for (size_t i = 0; i < w->n; i++)
        if (w->id[i] == id)
            return 1;
    return 0;
}

/* ---- talking points ---- */

static void test_undiscussed_talking_points_move_to_the_next_check_in_with_their_origin(
    void **state)
{
    pair p = make_pair(state);
    pm_id roadmap = add(p.as_manager, p.c1, PM_ENTRY_TALKING_POINT, "Roadmap", 0);
    pm_id raise = add(p.as_report, p.c1, PM_ENTRY_TALKING_POINT, "Raise", 0);
    pm_id mine = add(p.as_report, p.c1, PM_ENTRY_TALKING_POINT, "Ask about leave", 1);
    pm_id note = add(p.as_manager, p.c1, PM_ENTRY_NOTE, "Good week", 0);
    assert_ok(p.as_manager, pm_checkin_entry_set_done(p.as_manager, raise, 1));
    pm_id c2 = hold(p.as_manager, p.c1);
    shown w = list(p.as_report, c2);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.id[0], roadmap);
    assert_int_equal(w.checkin[0], c2);
    assert_int_equal(w.origin[0], p.c1);
    assert_string_equal(w.text[0], "Roadmap");
    /* the author's private agenda follows them too */
    assert_int_equal(w.id[1], mine);
    assert_int_equal(w.origin[1], p.c1);
    w = list(p.as_report, p.c1);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.id[0], raise);
    assert_int_equal(w.id[1], note);
    /* the manager sees the shared point only */
    w = list(p.as_manager, c2);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.id[0], roadmap);
    /* a talking point can be reopened */
    assert_ok(p.as_report, pm_checkin_entry_set_done(p.as_report, roadmap, 1));
    assert_ok(p.as_report, pm_checkin_entry_set_done(p.as_report, roadmap, 0));
    pm_id c3 = hold(p.as_report, c2);
    w = list(p.as_manager, c3);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.origin[0], p.c1);
    free_pair(&p);
}

/* ---- action items ---- */

static void test_action_items_show_on_every_later_check_in_until_done(void **state)
{
    pair p = make_pair(state);
    pm_checkin_entry_opts o = PM_CHECKIN_ENTRY_OPTS_INIT;
    o.kind = PM_ENTRY_ACTION_ITEM;
    o.text = "Write the design doc";
    o.owner = p.report;
    o.due = D("2026-06-30");
    pm_id item = 0;
    assert_ok(p.as_manager, pm_checkin_entry_add(&item, p.as_manager, p.c1, &o));
    pm_id c2 = hold(p.as_manager, p.c1);              /* 06-08 */
    pm_id c3 = hold(p.as_manager, c2);                /* 06-15, today */
    pm_id c4 = hold(p.as_manager, c3);                /* 06-22 */
    shown w = list(p.as_report, c4);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.id[0], item);
    assert_int_equal(w.checkin[0], p.c1);
    assert_true(shows(&w, item));
    pm_checkin_entry_iter *it = NULL;
    pm_checkin_entry *e = NULL;
    assert_ok(p.as_hr, pm_checkin_entry_list(&it, p.as_hr, c2));
    assert_ok(p.as_hr, pm_checkin_entry_iter_next(&e, it));
    assert_int_equal(pm_checkin_entry_kind(e), PM_ENTRY_ACTION_ITEM);
    assert_int_equal(pm_checkin_entry_owner(e), p.report);
    assert_int_equal(pm_checkin_entry_author(e), p.manager);
    assert_int_equal(pm_checkin_entry_due(e), D("2026-06-30"));
    assert_false(pm_checkin_entry_done(e));
    assert_false(pm_checkin_entry_is_private(e));
    assert_int_equal(pm_checkin_entry_created_at(e), p.f->now);
    pm_checkin_entry_iter_free(it);
    /* done today: still shown on the meetings up to today, gone after */
    assert_ok(p.as_report, pm_checkin_entry_set_done(p.as_report, item, 1));
    w = list(p.as_report, c4);
    assert_int_equal(w.n, 0);
    w = list(p.as_report, c3);
    assert_int_equal(w.n, 1);
    w = list(p.as_report, c2);
    assert_int_equal(w.n, 1);
    assert_ok(p.as_hr, pm_checkin_entry_list(&it, p.as_hr, c2));
    assert_ok(p.as_hr, pm_checkin_entry_iter_next(&e, it));
    assert_true(pm_checkin_entry_done(e));
    assert_int_equal(pm_checkin_entry_done_at(e), p.f->now);
    pm_checkin_entry_iter_free(it);
    free_pair(&p);
}

static void test_action_item_owner_defaults_to_the_author_and_must_be_one_of_the_pair(
    void **state)
{
    pair p = make_pair(state);
    pm_checkin_entry_opts o = PM_CHECKIN_ENTRY_OPTS_INIT;
    o.kind = PM_ENTRY_ACTION_ITEM;
    o.text = "Book the training";
    pm_id item = 0;
    assert_ok(p.as_report, pm_checkin_entry_add(&item, p.as_report, p.c1, &o));
    pm_checkin_entry_iter *it = NULL;
    pm_checkin_entry *e = NULL;
    assert_ok(p.as_manager, pm_checkin_entry_list(&it, p.as_manager, p.c1));
    assert_ok(p.as_manager, pm_checkin_entry_iter_next(&e, it));
    assert_int_equal(pm_checkin_entry_owner(e), p.report);
    assert_int_equal(pm_checkin_entry_due(e), PM_DATE_NONE);
    pm_checkin_entry_iter_free(it);
    char *before = pm_fixture_store_dump(p.f);
    o.owner = p.other;
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_EINVAL,
                 "checkin_entry.owner: person");
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_EINVAL,
                 "is not one of the pair");
    o.owner = 0;
    o.kind = PM_ENTRY_NOTE;
    o.due = D("2026-07-01");
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_EINVAL,
                 "checkin_entry.due: only action items have a due date");
    pm_fixture_assert_store_is(p.f, before);
    free_pair(&p);
}

/* ---- privacy ---- */

static void test_private_entries_are_hidden_from_everyone_but_their_author(void **state)
{
    pair p = make_pair(state);
    pm_id shared = add(p.as_report, p.c1, PM_ENTRY_NOTE, "Shared note", 0);
    pm_id note = add(p.as_report, p.c1, PM_ENTRY_NOTE, "Feeling stuck", 1);
    pm_id point = add(p.as_report, p.c1, PM_ENTRY_TALKING_POINT, "Maybe leave", 1);
    pm_id managers = add(p.as_manager, p.c1, PM_ENTRY_NOTE, "Watch workload", 1);
    shown w = list(p.as_report, p.c1);
    assert_int_equal(w.n, 3);
    assert_true(shows(&w, note) && shows(&w, point) && shows(&w, shared));
    assert_false(shows(&w, managers));
    pm_session *readers[] = { p.as_manager, p.as_hr, p.f->sys };
    for (size_t i = 0; i < 3; i++) {
        w = list(readers[i], p.c1);
        assert_false(shows(&w, note));
        assert_false(shows(&w, point));
        assert_true(shows(&w, shared));
        assert_int_equal(shows(&w, managers), readers[i] == p.as_manager);
    }
    /* nor can anyone else mark it: to them it does not exist */
    char *before = pm_fixture_store_dump(p.f);
    char needle[64];
    snprintf(needle, sizeof needle, "checkin_entry: entry %lld does not exist", (long long)point);
    assert_fails(p.as_manager, pm_checkin_entry_set_done(p.as_manager, point, 1), PM_ENOTFOUND,
                 needle);
    assert_fails(p.as_hr, pm_checkin_entry_set_done(p.as_hr, point, 1), PM_ENOTFOUND, needle);
    assert_fails(p.f->sys, pm_checkin_entry_set_done(p.f->sys, point, 1), PM_ENOTFOUND,
                 needle);
    pm_fixture_assert_store_is(p.f, before);
    /* the author's own private point is theirs to mark, and it stays private */
    assert_ok(p.as_report, pm_checkin_entry_set_done(p.as_report, point, 1));
    pm_id c2 = hold(p.as_report, p.c1);
    w = list(p.as_manager, c2);
    assert_int_equal(w.n, 0);
    free_pair(&p);
}

/* ---- refusals ---- */

static void test_entry_add_refuses_bad_input_and_leaves_the_store_unchanged(void **state)
{
    pair p = make_pair(state);
    pm_id cancelled = 0;
    assert_ok(p.as_manager, pm_checkin_schedule(&cancelled, p.as_manager, p.series,
                                                D("2026-06-03")));
    assert_ok(p.as_manager, pm_checkin_set_state(p.as_manager, cancelled, PM_CHECKIN_CANCELLED));
    pm_id note = add(p.as_manager, p.c1, PM_ENTRY_NOTE, "A note", 0);
    char *before = pm_fixture_store_dump(p.f);
    pm_checkin_entry_opts o = PM_CHECKIN_ENTRY_OPTS_INIT;
    pm_id id = 5;
    o.kind = PM_ENTRY_NOTE;
    o.text = "bad \xC3\x28 byte";
    assert_fails(p.as_report, pm_checkin_entry_add(&id, p.as_report, p.c1, &o), PM_EUTF8,
                 "checkin_entry.text: invalid UTF-8");
    assert_int_equal(id, 0);
    char *long_text = malloc(PM_ENTRY_TEXT_MAX + 2);
    assert_non_null(long_text);
    memset(long_text, 'x', PM_ENTRY_TEXT_MAX + 1);
    long_text[PM_ENTRY_TEXT_MAX + 1] = '\0';
    o.text = long_text;
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_ERANGE,
                 "checkin_entry.text: longer than 10000");
    long_text[PM_ENTRY_TEXT_MAX] = '\0';
    o.text = NULL;
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_EINVAL,
                 "checkin_entry.text: must not be empty");
    o.text = "On a cancelled one";
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, cancelled, &o), PM_EINVAL,
                 "is cancelled; entries go on scheduled or held check-ins");
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, 999, &o), PM_ENOTFOUND,
                 "checkin_entry.checkin: check-in 999 does not exist");
    o.kind = PM_ENTRY_ACTION_ITEM;
    o.is_private = 1;
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_EINVAL,
                 "checkin_entry.is_private: an action item is shared");
    o.is_private = 0;
    o.kind = (pm_entry_kind)9;
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_EINVAL,
                 "checkin_entry.kind: 9");
    o.kind = PM_ENTRY_NOTE;
    o.version = 3;
    assert_fails(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o), PM_EVERSION,
                 "checkin_entry_opts.version: 3");
    o.version = PM_CHECKIN_ENTRY_OPTS_VERSION;
    assert_fails(p.as_hr, pm_checkin_entry_add(NULL, p.as_hr, p.c1, &o), PM_EPERM,
                 "may not write into this check-in");
    assert_fails(p.as_other, pm_checkin_entry_add(NULL, p.as_other, p.c1, &o), PM_EPERM,
                 "may not write into this check-in");
    assert_fails(p.as_report, pm_checkin_entry_set_done(p.as_report, note, 1), PM_EINVAL,
                 "is a note; only talking points and action items are marked done");
    assert_fails(p.as_report, pm_checkin_entry_set_done(p.as_report, 999, 1), PM_ENOTFOUND,
                 "entry 999 does not exist");
    pm_checkin_entry_iter *it = NULL;
    assert_fails(p.as_other, pm_checkin_entry_list(&it, p.as_other, p.c1), PM_EPERM,
                 "may not read this check-in");
    pm_fixture_assert_store_is(p.f, before);
    /* exactly the limit is fine */
    o.text = long_text;
    assert_ok(p.as_report, pm_checkin_entry_add(NULL, p.as_report, p.c1, &o));
    free(long_text);
    free_pair(&p);
}

/* ---- goals discussed ---- */

static pm_id active_goal(pm_session *s, pm_id owner, double progress)
{
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = owner;
    g.title = "Ship the platform";
    g.start = D("2026-01-01");
    g.due = D("2026-12-31");
    pm_id goal = 0;
    assert_ok(s, pm_goal_create(&goal, s, &g));
    assert_ok(s, pm_goal_set_state(s, goal, PM_GOAL_ACTIVE));
    pm_progress_opts u = PM_PROGRESS_OPTS_INIT;
    u.value = progress;
    assert_ok(s, pm_progress_add(NULL, s, goal, 0, &u));
    return goal;
}

static void test_goal_entry_keeps_a_snapshot_of_progress_and_health(void **state)
{
    pair p = make_pair(state);
    pm_id c2 = hold(p.as_manager, p.c1);
    pm_id c3 = hold(p.as_manager, c2); /* 06-15, today */
    pm_id goal = active_goal(p.as_report, p.report, 0.5);
    pm_goal_status now = PM_GOAL_STATUS_INIT;
    assert_ok(p.as_report, pm_goal_evaluate(&now, p.as_report, goal, D("2026-06-15"), NULL));
    pm_checkin_entry_opts o = PM_CHECKIN_ENTRY_OPTS_INIT;
    o.kind = PM_ENTRY_GOAL;
    o.goal = goal;
    pm_id entry = 0;
    /* the manager reads the report's private goal, so may discuss it */
    assert_ok(p.as_manager, pm_checkin_entry_add(&entry, p.as_manager, c3, &o));
    pm_progress_opts u = PM_PROGRESS_OPTS_INIT;
    u.value = 0.9;
    assert_ok(p.as_report, pm_progress_add(NULL, p.as_report, goal, 0, &u));
    pm_checkin_entry_iter *it = NULL;
    pm_checkin_entry *e = NULL;
    assert_ok(p.as_report, pm_checkin_entry_list(&it, p.as_report, c3));
    assert_ok(p.as_report, pm_checkin_entry_iter_next(&e, it));
    assert_int_equal(pm_checkin_entry_id(e), entry);
    assert_int_equal(pm_checkin_entry_kind(e), PM_ENTRY_GOAL);
    assert_int_equal(pm_checkin_entry_goal(e), goal);
    assert_string_equal(pm_checkin_entry_text(e), "");
    assert_float_equal(pm_checkin_entry_goal_progress(e), 0.5, 1e-9);
    assert_int_equal(pm_checkin_entry_goal_health(e), (int)now.health);
    assert_int_not_equal(pm_checkin_entry_goal_health(e), PM_HEALTH_NONE);
    pm_checkin_entry_iter_free(it);
    /* a goal the author may not read, or none at all, is refused */
    pm_session *as_other = p.as_other;
    pm_id hidden = active_goal(as_other, p.other, 0.2);
    char *before = pm_fixture_store_dump(p.f);
    o.goal = hidden;
    assert_fails(p.as_manager, pm_checkin_entry_add(NULL, p.as_manager, c3, &o), PM_EPERM,
                 "permission denied");
    o.goal = 999;
    assert_fails(p.as_manager, pm_checkin_entry_add(NULL, p.as_manager, c3, &o), PM_ENOTFOUND,
                 "checkin_entry.goal");
    o.goal = 0;
    assert_fails(p.as_manager, pm_checkin_entry_add(NULL, p.as_manager, c3, &o), PM_EINVAL,
                 "checkin_entry.goal: 0 is not a goal id");
    o.goal = goal;
    o.is_private = 1;
    assert_fails(p.as_manager, pm_checkin_entry_add(NULL, p.as_manager, c3, &o), PM_EINVAL,
                 "checkin_entry.is_private: a goal entry is shared");
    pm_fixture_assert_store_is(p.f, before);
    free_pair(&p);
}

/* ---- memory ---- */

/* Reads every list and snapshot once; frees them all. */
static pm_status read_all(pair *p, pm_session *s)
{
    pm_checkin_entry_iter *entries = NULL;
    pm_checkin_iter *meetings = NULL;
    pm_checkin_series_iter *series = NULL;
    pm_checkin_series *one = NULL;
    pm_checkin *c = NULL;
    pm_status st = pm_checkin_entry_list(&entries, s, p->c1);
    if (st == PM_OK)
        st = pm_checkin_list(&meetings, s, p->series);
    if (st == PM_OK)
        st = pm_checkin_series_list(&series, s, p->report, 0);
    if (st == PM_OK)
        st = pm_checkin_series_get(&one, s, p->series);
    if (st == PM_OK)
        st = pm_checkin_get(&c, s, p->c1);
    pm_checkin_entry_iter_free(entries);
    pm_checkin_iter_free(meetings);
    pm_checkin_series_iter_free(series);
    pm_checkin_series_free(one);
    pm_checkin_free(c);
    return st;
}

static void test_check_in_calls_survive_running_out_of_memory_and_leak_nothing(void **state)
{
    pair p = make_pair(state);
    add(p.as_report, p.c1, PM_ENTRY_TALKING_POINT, "Carry me", 0);
    add(p.as_report, p.c1, PM_ENTRY_NOTE, "Mine", 1);
    /* The first round warms what a backend keeps (SQLite's prepared
     * statements); from then on reads must give back all they take. */
    assert_ok(p.as_report, read_all(&p, p.as_report));
    long live = pm_fixture_alloc_live();
    assert_ok(p.as_report, read_all(&p, p.as_report));
    assert_int_equal(pm_fixture_alloc_live(), live);
    int succeeded = 0;
    for (long n = 0; n < 200 && !succeeded; n++) {
        live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = read_all(&p, p.as_report);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM);
        succeeded = st == PM_OK;
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
    /* Holding with a mood also records the report's mood measurement:
     * warm what the backends keep for metrics and measurements too (the
     * memory backend's id tables, SQLite's statements) with one of the
     * report's own. */
    pm_id mood = 0;
    assert_ok(p.as_report, pm_metric_builtin(&mood, p.as_report, PM_METRIC_CHECKIN_MOOD));
    pm_measurement_opts mo = PM_MEASUREMENT_OPTS_INIT;
    mo.person = p.report;
    mo.metric = mood;
    mo.value = 3;
    assert_ok(p.as_report, pm_measurement_add(NULL, p.as_report, &mo));
    /* a write that runs out of memory leaves the store as it was */
    succeeded = 0;
    for (long n = 0; n < 200 && !succeeded; n++) {
        char *before = pm_fixture_store_dump(p.f);
        live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_checkin_hold(NULL, p.as_report, p.c1, 3);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM || st == PM_ESTORAGE);
        succeeded = st == PM_OK;
        if (!succeeded)
            pm_fixture_check_store(p.f, before, "hold out of memory");
        free(before);
        /* a success grows the store; a failure may not keep anything */
        if (!succeeded)
            assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
    free_pair(&p);
}

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_undiscussed_talking_points_move_to_the_next_check_in_with_their_origin),
        T(test_action_items_show_on_every_later_check_in_until_done),
        T(test_action_item_owner_defaults_to_the_author_and_must_be_one_of_the_pair),
        T(test_private_entries_are_hidden_from_everyone_but_their_author),
        T(test_entry_add_refuses_bad_input_and_leaves_the_store_unchanged),
        T(test_goal_entry_keeps_a_snapshot_of_progress_and_health),
        T(test_check_in_calls_survive_running_out_of_memory_and_leak_nothing),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
