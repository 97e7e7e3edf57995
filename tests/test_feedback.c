/* Feedback on every backend, through the public API: giving and reading
 * back every field, the direction derived from the organisation on the
 * day, acknowledging and reacting, retracting, the three lists (order,
 * limits, merging) and running out of memory. Refusals are in
 * test_feedback_refusals.c, who reads what in test_feedback_access.c,
 * anonymity in test_feedback_anonymity.c. */
#include "test_feedback_helpers.h"

#include <stdio.h>
#include <string.h>

#include "api/internal.h"
#include "failing_storage.h"
#include "samples.h"
#include "store_dump.h"

#define HOUR ((pm_time)3600)
#define DAY ((pm_time)86400)

static void test_feedback_give_then_get_returns_every_field(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = o.recv;
    g.title = "Ship the release";
    g.due = D("2026-12-31");
    g.visibility = PM_VISIBILITY_PUBLIC;
    pm_id goal = 0;
    assert_ok(f->sys, pm_goal_create(&goal, f->sys, &g));

    pm_feedback_opts fo = fb_opts(o.recv, "Great demo.\nThe " A_RING_NFD "land slides were clear.",
                                  PM_FEEDBACK_TO_MANAGERS, 0);
    fo.kind = PM_FEEDBACK_CONSTRUCTIVE;
    fo.situation = "In Monday's demo";
    fo.behaviour = "you skipped the intro";
    fo.impact = "half the room was lost";
    fo.goal = goal;
    pm_scale_opts so = PM_SCALE_OPTS_INIT;
    static const char *const levels[] = { "Novice", "Competent", "Expert" };
    so.name = "Proficiency";
    so.max_level = 3;
    so.level_names = levels;
    pm_id scale = 0, competency = 0;
    assert_ok(f->sys, pm_scale_create(&scale, f->sys, &so));
    pm_competency_opts co = PM_COMPETENCY_OPTS_INIT;
    co.name = "Demonstrating";
    co.category = "Delivery";
    co.scale = scale;
    assert_ok(f->sys, pm_competency_create(&competency, f->sys, &co));
    fo.competency = competency;
    fo.direction = PM_DIRECTION_PEER;
    fo.at = f->now - 2 * HOUR;
    pm_id id = 0;
    assert_ok(o.s_giver, pm_feedback_give(&id, o.s_giver, &fo));
    assert_true(id > 0);

    pm_feedback *fb = fb_get(o.s_recv, id);
    assert_int_equal(pm_feedback_id(fb), id);
    assert_int_equal(pm_feedback_giver(fb), o.giver);
    assert_int_equal(pm_feedback_receiver(fb), o.recv);
    assert_false(pm_feedback_is_mine(fb));
    assert_false(pm_feedback_is_anonymous(fb));
    assert_int_equal(pm_feedback_kind_get(fb), PM_FEEDBACK_CONSTRUCTIVE);
    assert_int_equal(pm_feedback_direction(fb), PM_DIRECTION_PEER);
    assert_int_equal(pm_feedback_visibility_get(fb), PM_FEEDBACK_TO_MANAGERS);
    /* NFC, and lines kept */
    assert_string_equal(pm_feedback_text(fb), "Great demo.\nThe " A_RING_NFC "land slides were clear.");
    assert_string_equal(pm_feedback_situation(fb), "In Monday's demo");
    assert_string_equal(pm_feedback_behaviour(fb), "you skipped the intro");
    assert_string_equal(pm_feedback_impact(fb), "half the room was lost");
    assert_int_equal(pm_feedback_goal(fb), goal);
    assert_int_equal(pm_feedback_competency(fb), competency);
    assert_int_equal(pm_feedback_checkin(fb), 0);
    assert_int_equal(pm_feedback_request_of(fb), 0);
    assert_int_equal(pm_feedback_given_at(fb), f->now - 2 * HOUR);
    assert_int_equal(pm_feedback_acknowledged_at(fb), 0);
    assert_int_equal(pm_feedback_reaction(fb), PM_REACTION_NONE);
    pm_feedback_free(fb);

    fb = fb_get(o.s_giver, id);
    assert_true(pm_feedback_is_mine(fb));
    pm_feedback_free(fb);
    fb_org_free(&o);
}

static void test_feedback_optional_parts_default_to_none_and_time_to_now(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_feedback_opts fo = fb_opts(o.recv, "Thanks", PM_FEEDBACK_TO_RECEIVER, 0);
    fo.situation = ""; /* empty is none */
    pm_id id = 0;
    assert_ok(o.s_giver, pm_feedback_give(&id, o.s_giver, &fo));
    pm_feedback *fb = fb_get(o.s_recv, id);
    assert_null(pm_feedback_situation(fb));
    assert_null(pm_feedback_behaviour(fb));
    assert_null(pm_feedback_impact(fb));
    assert_int_equal(pm_feedback_given_at(fb), f->now);
    assert_int_equal(pm_feedback_goal(fb), 0);
    pm_feedback_free(fb);
    /* Explicit lengths: only that many bytes are read. */
    fo = fb_opts(o.recv, "Well done, and more", PM_FEEDBACK_TO_RECEIVER, 0);
    fo.text_len = 9;
    assert_ok(o.s_giver, pm_feedback_give(&id, o.s_giver, &fo));
    fb = fb_get(o.s_recv, id);
    assert_string_equal(pm_feedback_text(fb), "Well done");
    pm_feedback_free(fb);
    fb_org_free(&o);
}

static void test_feedback_getters_of_null_return_zero_values(void **state)
{
    (void)state;
    assert_int_equal(pm_feedback_id(NULL), 0);
    assert_int_equal(pm_feedback_giver(NULL), 0);
    assert_int_equal(pm_feedback_is_mine(NULL), 0);
    assert_int_equal(pm_feedback_receiver(NULL), 0);
    assert_int_equal(pm_feedback_kind_get(NULL), 0);
    assert_int_equal(pm_feedback_direction(NULL), 0);
    assert_int_equal(pm_feedback_visibility_get(NULL), 0);
    assert_int_equal(pm_feedback_is_anonymous(NULL), 0);
    assert_null(pm_feedback_text(NULL));
    assert_null(pm_feedback_situation(NULL));
    assert_null(pm_feedback_behaviour(NULL));
    assert_null(pm_feedback_impact(NULL));
    assert_int_equal(pm_feedback_goal(NULL), 0);
    assert_int_equal(pm_feedback_competency(NULL), 0);
    assert_int_equal(pm_feedback_checkin(NULL), 0);
    assert_int_equal(pm_feedback_request_of(NULL), 0);
    assert_int_equal(pm_feedback_given_at(NULL), 0);
    assert_int_equal(pm_feedback_acknowledged_at(NULL), 0);
    assert_int_equal(pm_feedback_reaction(NULL), PM_REACTION_NONE);
    pm_feedback_free(NULL);
    pm_feedback_iter_free(NULL);
    pm_feedback *fb = (pm_feedback *)1;
    assert_int_equal(pm_feedback_iter_next(&fb, NULL), PM_EINVAL);
    assert_null(fb);
}

static pm_direction direction_of(pm_session *giver, pm_id receiver, pm_time at)
{
    pm_feedback_opts fo = fb_opts(receiver, "Noted", PM_FEEDBACK_TO_RECEIVER, 0);
    fo.at = at;
    pm_id id = 0;
    assert_ok(giver, pm_feedback_give(&id, giver, &fo));
    pm_feedback *fb = fb_get(giver, id);
    pm_direction d = pm_feedback_direction(fb);
    pm_feedback_free(fb);
    return d;
}

/* A colleague in the team under another manager. */
static pm_session *colleague_of(pm_fixture *f, const fb_org *o)
{
    pm_id other_mgr = pm_fixture_person(f, "E8", "Oda Other", o->boss, 0);
    pm_id colleague = pm_fixture_person(f, "E9", "Cy Colleague", other_mgr, o->team);
    return pm_fixture_session(f, colleague);
}

/* Every direction between the people of the org, and the colleague. */
static void check_directions(const fb_org *o, pm_session *s_colleague)
{
    assert_int_equal(direction_of(o->s_mgr, o->recv, 0), PM_DIRECTION_DOWNWARD);
    assert_int_equal(direction_of(o->s_boss, o->recv, 0), PM_DIRECTION_DOWNWARD); /* skip level */
    assert_int_equal(direction_of(o->s_recv, o->mgr, 0), PM_DIRECTION_UPWARD);
    assert_int_equal(direction_of(o->s_recv, o->boss, 0), PM_DIRECTION_UPWARD);
    assert_int_equal(direction_of(o->s_giver, o->recv, 0), PM_DIRECTION_PEER);
    assert_int_equal(direction_of(o->s_recv, o->recv, 0), PM_DIRECTION_SELF);
    assert_int_equal(direction_of(o->s_outsider, o->recv, 0), PM_DIRECTION_OTHER);
    assert_int_equal(direction_of(o->s_hr, o->boss, 0), PM_DIRECTION_OTHER);
    /* Same unit, different managers: peers. */
    assert_int_equal(direction_of(s_colleague, o->recv, 0), PM_DIRECTION_PEER);
}

static void test_feedback_direction_follows_the_organisation(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_session *s = colleague_of(f, &o);
    check_directions(&o, s);
    pm_session_free(s);
    fb_org_free(&o);
}

/* Inside a group, on a backend that runs scans in batches, the chains of
 * giver and receiver are read ahead a level at a time: every direction is
 * the one read step by step, a receiver unknown or gone is refused the
 * same way, and a read that fails fails the call and writes nothing. */
static void test_feedback_direction_read_ahead_in_a_group_decides_the_same(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_session *s_colleague = colleague_of(f, &o);
    assert_ok(f->sys, pm_person_set_left(f->sys, o.peer, PM_DATE_NONE));
    static pm_failing_storage fs; /* outlives a failed assertion: teardown closes through it */
    pm_failing_storage_install(&fs, f->db);
    assert_ok(f->sys, pm_session_begin(f->sys));
    for (int pass = 0; pass < 2; pass++) { /* the second finds the answers kept */
        check_directions(&o, s_colleague);
        pm_feedback_opts gone = fb_opts(o.peer, "Noted", PM_FEEDBACK_TO_RECEIVER, 0);
        assert_fails(o.s_mgr, pm_feedback_give(NULL, o.s_mgr, &gone), PM_EINVAL, "has left");
        pm_feedback_opts unknown = fb_opts(9999, "Noted", PM_FEEDBACK_TO_RECEIVER, 0);
        assert_fails(o.s_mgr, pm_feedback_give(NULL, o.s_mgr, &unknown), PM_ENOTFOUND,
                     "does not exist");
    }
    assert_ok(f->sys, pm_session_commit(f->sys));
    /* A chain read ahead that fails: the call fails, nothing is written.
     * The newcomer's chain was never read, and adding them empties the
     * cache (a backend with a change stamp keeps it across groups). */
    pm_id newcomer = pm_fixture_person(f, "E10", "Ned Newcomer", o.mgr, o.team);
    assert_ok(f->sys, pm_session_begin(f->sys));
    char *before = pm_fixture_store_dump(f);
    pm_failing_storage_fail(&fs, PM_FAIL_SCAN, PM_KIND_REPORTING_LINE, 0);
    pm_feedback_opts fo = fb_opts(newcomer, "Noted", PM_FEEDBACK_TO_RECEIVER, 0);
    pm_status st = pm_feedback_give(NULL, o.s_outsider, &fo);
    pm_failing_storage_uninstall(&fs);
    assert_fails(o.s_outsider, st, PM_ESTORAGE, "disk on fire (injected)");
    pm_fixture_assert_store_is(f, before);
    assert_ok(f->sys, pm_session_rollback(f->sys));
    pm_session_free(s_colleague);
    fb_org_free(&o);
}

/* Inside a group the answers about the organisation are kept between
 * calls: a change of manager, a leaving, or a rollback of either must show
 * at once. */
static void test_feedback_direction_follows_changes_inside_a_group(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    assert_ok(f->sys, pm_session_begin(f->sys));
    assert_int_equal(direction_of(o.s_outsider, o.recv, 0), PM_DIRECTION_OTHER);
    assert_ok(f->sys, pm_org_set_manager(f->sys, o.recv, o.outsider, PM_DATE_NONE));
    assert_int_equal(direction_of(o.s_outsider, o.recv, 0), PM_DIRECTION_DOWNWARD);
    assert_int_equal(direction_of(o.s_mgr, o.recv, 0), PM_DIRECTION_PEER);
    assert_ok(f->sys, pm_session_rollback(f->sys));

    /* Rolled back: the store's answers again, in a new group and outside one. */
    assert_ok(f->sys, pm_session_begin(f->sys));
    assert_int_equal(direction_of(o.s_mgr, o.recv, 0), PM_DIRECTION_DOWNWARD);
    assert_int_equal(direction_of(o.s_outsider, o.recv, 0), PM_DIRECTION_OTHER);
    /* A receiver who left inside the group is refused at once. */
    assert_ok(f->sys, pm_person_set_left(f->sys, o.peer, PM_DATE_NONE));
    pm_feedback_opts fo = fb_opts(o.peer, "Noted", PM_FEEDBACK_TO_RECEIVER, 0);
    assert_int_equal(pm_feedback_give(NULL, o.s_mgr, &fo), PM_EINVAL);
    /* A second session's group inside the first is a savepoint: what it
     * undoes is gone for the first session too. */
    assert_ok(o.s_hr, pm_session_begin(o.s_hr));
    assert_ok(o.s_hr, pm_org_set_manager(o.s_hr, o.recv, o.outsider, PM_DATE_NONE));
    assert_int_equal(direction_of(o.s_outsider, o.recv, 0), PM_DIRECTION_DOWNWARD);
    assert_ok(o.s_hr, pm_session_rollback(o.s_hr));
    assert_int_equal(direction_of(o.s_outsider, o.recv, 0), PM_DIRECTION_OTHER);
    assert_ok(f->sys, pm_session_commit(f->sys));
    assert_int_equal(direction_of(o.s_mgr, o.recv, 0), PM_DIRECTION_DOWNWARD);
    fb_org_free(&o);
}

static void test_feedback_direction_is_that_of_the_day_given_and_kept(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    /* The organisation starts today: ten days ago the two were unrelated. */
    assert_int_equal(direction_of(o.s_mgr, o.recv, f->now - 10 * DAY), PM_DIRECTION_OTHER);
    pm_id id = fb_give(o.s_mgr, o.recv, "Good call", PM_FEEDBACK_TO_RECEIVER, 0);
    /* A reorganisation later does not rewrite it. */
    f->now += 3 * DAY;
    assert_ok(f->sys, pm_org_set_manager(f->sys, o.recv, o.outsider, PM_DATE_NONE));
    pm_feedback *fb = fb_get(o.s_recv, id);
    assert_int_equal(pm_feedback_direction(fb), PM_DIRECTION_DOWNWARD);
    pm_feedback_free(fb);
    /* Now mgr is not above recv any more, but they share a unit. */
    assert_int_equal(direction_of(o.s_mgr, o.recv, 0), PM_DIRECTION_PEER);
    fb_org_free(&o);
}

static void test_feedback_from_a_check_in_names_it(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id checkin = fb_first_checkin(f, o.mgr, o.recv);
    pm_feedback_opts fo = fb_opts(o.recv, "Good prep", PM_FEEDBACK_TO_RECEIVER, 0);
    fo.checkin = checkin;
    pm_id id = 0;
    assert_ok(o.s_mgr, pm_feedback_give(&id, o.s_mgr, &fo));
    pm_feedback *fb = fb_get(o.s_recv, id);
    assert_int_equal(pm_feedback_checkin(fb), checkin);
    pm_feedback_free(fb);
    /* and the report may give feedback from it too */
    fo = fb_opts(o.mgr, "Thanks for listening", PM_FEEDBACK_TO_RECEIVER, 0);
    fo.checkin = checkin;
    assert_ok(o.s_recv, pm_feedback_give(&id, o.s_recv, &fo));
    fb_org_free(&o);
}

static void test_feedback_acknowledge_keeps_the_first_time_and_react_acknowledges(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id a = fb_give(o.s_giver, o.recv, "One", PM_FEEDBACK_TO_RECEIVER, 0);
    pm_id b = fb_give(o.s_giver, o.recv, "Two", PM_FEEDBACK_TO_RECEIVER, 0);
    pm_time first = f->now;
    assert_ok(o.s_recv, pm_feedback_acknowledge(o.s_recv, a));
    f->now += HOUR;
    char *before = pm_fixture_store_dump(f);
    assert_ok(o.s_recv, pm_feedback_acknowledge(o.s_recv, a));
    pm_fixture_assert_store_is(f, before); /* nothing to write */
    assert_ok(o.s_recv, pm_feedback_react(o.s_recv, a, PM_REACTION_THANKS));
    pm_feedback *fb = fb_get(o.s_recv, a);
    assert_int_equal(pm_feedback_acknowledged_at(fb), first);
    assert_int_equal(pm_feedback_reaction(fb), PM_REACTION_THANKS);
    pm_feedback_free(fb);

    assert_ok(o.s_recv, pm_feedback_react(o.s_recv, b, PM_REACTION_DISCUSS));
    fb = fb_get(o.s_recv, b);
    assert_int_equal(pm_feedback_acknowledged_at(fb), f->now);
    assert_int_equal(pm_feedback_reaction(fb), PM_REACTION_DISCUSS);
    pm_feedback_free(fb);
    f->now += HOUR;
    assert_ok(o.s_recv, pm_feedback_react(o.s_recv, b, PM_REACTION_NONE));
    fb = fb_get(o.s_giver, b);
    assert_int_equal(pm_feedback_reaction(fb), PM_REACTION_NONE);
    assert_int_equal(pm_feedback_acknowledged_at(fb), f->now - HOUR);
    pm_feedback_free(fb);
    fb_org_free(&o);
}

static void test_feedback_retract_deletes_the_entry(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id keep = fb_give(o.s_giver, o.recv, "Keep", PM_FEEDBACK_TO_ORGANISATION, 0);
    pm_id gone = fb_give(o.s_giver, o.recv, "Oops", PM_FEEDBACK_TO_ORGANISATION, 0);
    assert_ok(o.s_giver, pm_feedback_retract(o.s_giver, gone));
    pm_feedback *fb = NULL;
    assert_fails(o.s_recv, pm_feedback_get(&fb, o.s_recv, gone), PM_ENOTFOUND,
                 "does not exist");
    fb_ids r = fb_received(o.s_recv, o.recv, 0);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.id[0], keep);
    assert_fails(o.s_giver, pm_feedback_retract(o.s_giver, gone), PM_ENOTFOUND, "does not exist");
    fb_org_free(&o);
}

static void test_feedback_lists_are_newest_first_with_a_limit(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id ids[5];
    /* Given out of order; two share a time (then the higher id is newer). */
    const pm_time ago[5] = { 5 * HOUR, 1 * HOUR, 3 * HOUR, 1 * HOUR, 4 * HOUR };
    for (int i = 0; i < 5; i++) {
        pm_feedback_opts fo = fb_opts(o.recv, "Entry", PM_FEEDBACK_TO_RECEIVER, 0);
        fo.at = f->now - ago[i];
        assert_ok(o.s_giver, pm_feedback_give(&ids[i], o.s_giver, &fo));
    }
    const pm_id newest_first[5] = { ids[3], ids[1], ids[2], ids[4], ids[0] };
    fb_ids r = fb_received(o.s_recv, o.recv, 0);
    assert_int_equal(r.n, 5);
    for (int i = 0; i < 5; i++)
        assert_int_equal(r.id[i], newest_first[i]);
    r = fb_received(o.s_recv, o.recv, 2);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.id[0], newest_first[0]);
    assert_int_equal(r.id[1], newest_first[1]);
    r = fb_given(o.s_giver, o.giver, 3);
    assert_int_equal(r.n, 3);
    for (int i = 0; i < 3; i++)
        assert_int_equal(r.id[i], newest_first[i]);
    r = fb_visible(o.s_recv, 4);
    assert_int_equal(r.n, 4);
    for (int i = 0; i < 4; i++)
        assert_int_equal(r.id[i], newest_first[i]);
    r = fb_visible(f->sys, 0);
    assert_int_equal(r.n, 5);
    assert_int_equal(r.id[0], newest_first[0]);
    /* Nothing received: an empty list. */
    r = fb_received(o.s_outsider, o.outsider, 0);
    assert_int_equal(r.n, 0);
    fb_org_free(&o);
}

/* Each limit's list is the first entries of the whole list. */
static void assert_prefix(fb_ids got, const fb_ids *all, size_t limit)
{
    size_t want = limit < all->n ? limit : all->n;
    assert_int_equal(got.n, want);
    for (size_t i = 0; i < want; i++)
        assert_int_equal(got.id[i], all->id[i]);
}

/* A source whose filter passes over rows reads them in pages that
 * double: whatever the limit, the list is the start of the whole one,
 * though two of three entries are passed over and five share each time
 * (so pages end among entries of one time). */
static void test_feedback_lists_read_filtered_sources_in_pages(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    f->now -= 100;
    for (int i = 0; i < 60; i++) {
        pm_feedback_visibility v = i % 3 == 0 ? PM_FEEDBACK_TO_MANAGERS : PM_FEEDBACK_TO_RECEIVER;
        fb_give(o.s_giver, o.recv, "Entry", v, 0);
        if (i % 5 == 4)
            f->now += 1;
    }
    fb_ids visible = fb_visible(o.s_mgr, 0);
    fb_ids received = fb_received(o.s_mgr, o.recv, 0);
    assert_int_equal(visible.n, 20);
    assert_int_equal(received.n, 20);
    for (size_t i = 0; i < 20; i++)
        assert_int_equal(visible.id[i], received.id[i]);
    for (size_t limit = 1; limit <= 21; limit++) {
        assert_prefix(fb_visible(o.s_mgr, limit), &visible, limit);
        assert_prefix(fb_received(o.s_mgr, o.recv, limit), &received, limit);
    }
    fb_org_free(&o);
}

/* What a manager's people received, shared with managers, is read in
 * pages: one merge for all of them where the backend merges, a source each
 * elsewhere. Two of them receive in turns, two of three entries passed
 * over, five at each time, and the newest 40 of one are all passed over:
 * whatever the limit, the list is the start of the whole one. */
static void test_feedback_list_visible_pages_through_several_reports(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    f->now -= 200;
    for (int i = 0; i < 130; i++) {
        pm_feedback_visibility v = i % 3 == 0 && i < 90 ? PM_FEEDBACK_TO_MANAGERS
                                                        : PM_FEEDBACK_TO_RECEIVER;
        fb_give(o.s_giver, i % 2 || i >= 90 ? o.recv : o.peer, "Entry", v, 0);
        if (i % 5 == 4)
            f->now += 1;
    }
    fb_ids all = fb_visible(o.s_mgr, 0);
    assert_int_equal(all.n, 30);
    for (size_t limit = 1; limit <= 31; limit++)
        assert_prefix(fb_visible(o.s_mgr, limit), &all, limit);
    fb_org_free(&o);
}

/* A person's own sources (shared with everyone, received, given) come in
 * turns of time: whatever the limit, the list is the start of the whole
 * one, on a backend that merges them and on one that hands them over
 * source by source. One entry is in two sources. */
static void test_feedback_list_visible_interleaves_a_persons_own_sources(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    f->now -= 100;
    for (int i = 0; i < 18; i++) {
        if (i % 3 == 0)
            fb_give(o.s_giver, o.hr, "Shared", PM_FEEDBACK_TO_ORGANISATION, 0);
        else if (i % 3 == 1)
            fb_give(o.s_giver, o.peer, "Received", PM_FEEDBACK_TO_RECEIVER, 0);
        else
            fb_give(o.s_peer, o.recv, "Given", PM_FEEDBACK_TO_RECEIVER, 0);
        f->now += 1;
    }
    fb_give(o.s_giver, o.peer, "Received and shared", PM_FEEDBACK_TO_ORGANISATION, 0);
    fb_ids all = fb_visible(o.s_peer, 0);
    assert_int_equal(all.n, 19);
    for (size_t limit = 1; limit <= 20; limit++)
        assert_prefix(fb_visible(o.s_peer, limit), &all, limit);
    fb_org_free(&o);
}

static void test_feedback_list_visible_merges_sources_once_each(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    /* Found by several sources: given by mgr, to mgr's report, shared with
     * managers and (the second) with everyone. */
    f->now -= 10;
    pm_id a = fb_give(o.s_mgr, o.recv, "A", PM_FEEDBACK_TO_MANAGERS, 0);
    f->now += 1;
    pm_id b = fb_give(o.s_mgr, o.recv, "B", PM_FEEDBACK_TO_ORGANISATION, 0);
    f->now += 1;
    pm_id c = fb_give(o.s_mgr, o.mgr, "C", PM_FEEDBACK_TO_ORGANISATION, 0); /* to self */
    f->now += 1;
    pm_id d = fb_give(o.s_giver, o.peer, "D", PM_FEEDBACK_TO_MANAGERS, 0);
    f->now += 1;
    pm_id e = fb_give(o.s_giver, o.peer, "E", PM_FEEDBACK_TO_RECEIVER, 0); /* not mgr's */
    f->now += 1;
    pm_id g = fb_give(o.s_giver, o.hr, "G", PM_FEEDBACK_TO_ORGANISATION, 0);
    f->now += 1;
    pm_id h = fb_give(o.s_hr, o.outsider, "H", PM_FEEDBACK_TO_MANAGERS, 0); /* not below mgr */
    fb_ids r = fb_visible(o.s_mgr, 0);
    const pm_id want[] = { g, d, c, b, a };
    assert_int_equal(r.n, 5);
    for (size_t i = 0; i < 5; i++)
        assert_int_equal(r.id[i], want[i]);
    assert_false(fb_has(&r, e));
    assert_false(fb_has(&r, h));
    /* the boss sees what their people's people received, shared with managers */
    r = fb_visible(o.s_boss, 0);
    assert_true(fb_has(&r, a) && fb_has(&r, d) && fb_has(&r, b));
    assert_false(fb_has(&r, e) || fb_has(&r, h));
    /* with a limit, the newest of the merge */
    r = fb_visible(o.s_mgr, 2);
    assert_int_equal(r.n, 2);
    assert_int_equal(r.id[0], g);
    assert_int_equal(r.id[1], d);
    fb_org_free(&o);
}

/* Once the limit is reached, an entry a later source finds again (shared
 * with everyone and received by the viewer) is kept once and pushes out
 * nothing. */
static void test_feedback_list_visible_with_a_limit_keeps_an_entry_found_twice_once(
    void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    f->now -= 10;
    pm_id older[4];
    for (int i = 0; i < 4; i++) {
        older[i] = fb_give(o.s_giver, o.peer, "Shared", PM_FEEDBACK_TO_ORGANISATION, 0);
        f->now += 1;
    }
    pm_id mine = fb_give(o.s_giver, o.recv, "To Rita", PM_FEEDBACK_TO_ORGANISATION, 0);
    for (size_t limit = 1; limit <= 5; limit++) {
        fb_ids r = fb_visible(o.s_recv, limit);
        assert_int_equal(r.n, limit);
        assert_int_equal(r.id[0], mine);
        for (size_t i = 1; i < limit; i++)
            assert_int_equal(r.id[i], older[4 - i]);
    }
    fb_org_free(&o);
}

static void test_feedback_list_visible_for_a_large_team_reads_what_is_shared_with_managers(
    void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    /* Over the threshold of people below the manager scanned one by one. */
    pm_id last = 0;
    char ext[16];
    for (int i = 0; i < 70; i++) {
        snprintf(ext, sizeof ext, "T%d", i);
        last = pm_fixture_person(f, ext, "Team member", o.recv, o.team);
    }
    pm_session *s_last = pm_fixture_session(f, last);
    pm_id shared = fb_give(o.s_peer, last, "Shared", PM_FEEDBACK_TO_MANAGERS, 0);
    pm_id alone = fb_give(o.s_peer, last, "Alone", PM_FEEDBACK_TO_RECEIVER, 0);
    pm_id outside = fb_give(o.s_peer, o.outsider, "Outside", PM_FEEDBACK_TO_MANAGERS, 0);
    fb_ids r = fb_visible(o.s_mgr, 0);
    assert_true(fb_has(&r, shared));
    assert_false(fb_has(&r, alone));
    assert_false(fb_has(&r, outside));
    r = fb_visible(o.s_mgr, 1);
    assert_int_equal(r.n, 1);
    r = fb_visible(s_last, 0);
    assert_true(fb_has(&r, shared) && fb_has(&r, alone));
    pm_session_free(s_last);
    fb_org_free(&o);
}

static pm_status scan_batch_trap(pm_storage *storage, const pm_scan_item *items, size_t count)
{
    (void)storage;
    (void)items;
    (void)count;
    fail_msg("scan_batch called on a backend of version 2");
    return PM_ESTORAGE;
}

/* A backend of storage version 2 ends before scan_batch: a list reads
 * its sources one scan at a time, and finds the same entries. */
static void test_feedback_list_visible_on_a_version_2_backend_scans_one_at_a_time(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    fb_give(o.s_mgr, o.recv, "A", PM_FEEDBACK_TO_MANAGERS, 0);
    fb_give(o.s_giver, o.peer, "B", PM_FEEDBACK_TO_MANAGERS, 0);
    fb_give(o.s_giver, o.peer, "C", PM_FEEDBACK_TO_RECEIVER, 0);
    fb_ids want = fb_visible(o.s_boss, 0);
    assert_int_equal(want.n, 2);
    pm_storage *storage = f->db->storage;
    pm_storage saved = *storage;
    storage->version = 2;
    storage->scan_batch = scan_batch_trap;
    fb_ids got = fb_visible(o.s_boss, 0);
    *storage = saved;
    assert_int_equal(got.n, want.n);
    for (size_t i = 0; i < want.n; i++)
        assert_int_equal(got.id[i], want.id[i]);
    fb_org_free(&o);
}

static void test_feedback_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_feedback_opts o;
    memset(&o, 0xAB, sizeof o);
    assert_int_equal(pm_feedback_opts_init(&o, PM_FEEDBACK_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_FEEDBACK_OPTS_VERSION);
    assert_int_equal(o.visibility, PM_FEEDBACK_TO_RECEIVER);
    assert_null(o.text);
    assert_int_equal(o.anonymous, 0);
    assert_int_equal(o.direction, 0);
    assert_int_equal(o.at, 0);
    assert_int_equal(pm_feedback_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_feedback_opts_init(&o, 2), PM_EVERSION);
    assert_int_equal(pm_feedback_opts_init(NULL, 1), PM_EINVAL);
}

static int read_everything(fb_org *o, pm_id id)
{
    pm_feedback *fb = NULL;
    if (pm_feedback_get(&fb, o->s_mgr, id) != PM_OK)
        return 0;
    pm_feedback_free(fb);
    pm_feedback_iter *it = NULL;
    pm_status st = pm_feedback_list_visible(&it, o->s_mgr, 0);
    while (st == PM_OK)
        st = pm_feedback_iter_next(&fb, it);
    pm_feedback_iter_free(it);
    if (st != PM_ITEROVER)
        return 0;
    st = pm_feedback_list_given(&it, o->s_giver, o->giver, 2);
    while (st == PM_OK)
        st = pm_feedback_iter_next(&fb, it);
    pm_feedback_iter_free(it);
    return st == PM_ITEROVER;
}

static void test_feedback_calls_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id id = fb_give(o.s_giver, o.recv, "First", PM_FEEDBACK_TO_MANAGERS, 0);
    for (int i = 0; i < 5; i++)
        fb_give(o.s_giver, o.recv, "More", PM_FEEDBACK_TO_MANAGERS, i % 2);
    assert_true(read_everything(&o, id)); /* warm up */
    int succeeded = 0;
    for (long n = 0; n < 400 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        succeeded = read_everything(&o, id);
        pm_fixture_alloc_fail_after(-1);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(succeeded);
    pm_feedback_opts fo = fb_opts(o.recv, "Caf" "\xC3\xA9" " with " A_RING_NFD, PM_FEEDBACK_TO_RECEIVER, 0);
    fo.situation = "Situation";
    for (int anonymous = 0; anonymous < 2; anonymous++) {
        fo.anonymous = anonymous;
        succeeded = 0;
        for (long n = 0; n < 400 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            pm_fixture_alloc_fail_after(n);
            pm_status st = pm_feedback_give(NULL, o.s_giver, &fo);
            pm_fixture_alloc_fail_after(-1);
            assert_true(st == PM_OK || st == PM_ENOMEM);
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(f, before, "feedback give");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("allocation %ld failing: %ld allocations leaked", n,
                             pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
    fb_org_free(&o);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    /* The counting allocator goes in before any object exists. */
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_feedback_give_then_get_returns_every_field),
        T(test_feedback_optional_parts_default_to_none_and_time_to_now),
        T(test_feedback_getters_of_null_return_zero_values),
        T(test_feedback_direction_follows_the_organisation),
        T(test_feedback_direction_follows_changes_inside_a_group),
        T(test_feedback_direction_read_ahead_in_a_group_decides_the_same),
        T(test_feedback_direction_is_that_of_the_day_given_and_kept),
        T(test_feedback_from_a_check_in_names_it),
        T(test_feedback_acknowledge_keeps_the_first_time_and_react_acknowledges),
        T(test_feedback_retract_deletes_the_entry),
        T(test_feedback_lists_are_newest_first_with_a_limit),
        T(test_feedback_lists_read_filtered_sources_in_pages),
        T(test_feedback_list_visible_interleaves_a_persons_own_sources),
        T(test_feedback_list_visible_pages_through_several_reports),
        T(test_feedback_list_visible_merges_sources_once_each),
        T(test_feedback_list_visible_with_a_limit_keeps_an_entry_found_twice_once),
        T(test_feedback_list_visible_for_a_large_team_reads_what_is_shared_with_managers),
        T(test_feedback_list_visible_on_a_version_2_backend_scans_one_at_a_time),
        T(test_feedback_opts_init_fills_defaults_and_refuses_unknown_versions),
        T(test_feedback_calls_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
