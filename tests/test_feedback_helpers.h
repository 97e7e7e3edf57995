/* What the feedback test programs share: a small organisation, giving
 * feedback with every call asserted, and reading lists back as ids.
 *
 *   boss (skip-level) -- mgr -- recv, giver, peer    all in unit Team
 *   hr: an HR admin outside the chain;  outsider: no manager, no unit
 */
#ifndef PM_TEST_FEEDBACK_HELPERS_H
#define PM_TEST_FEEDBACK_HELPERS_H

#include "fixture.h"

#include <stdlib.h>

#include "checks.h"

#define D(iso) pm_fixture_date(iso)

typedef struct fb_org {
    pm_fixture *f;
    pm_id team;
    pm_id boss, mgr, recv, giver, peer, hr, outsider;
    pm_session *s_boss, *s_mgr, *s_recv, *s_giver, *s_peer, *s_hr, *s_outsider;
} fb_org;

static inline pm_id fb_hr_admin(pm_fixture *f, const char *external_id, const char *name)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = external_id;
    o.display_name = name;
    o.hr_admin = 1;
    pm_id id = 0;
    assert_ok(f->sys, pm_person_create(&id, f->sys, &o));
    return id;
}

static inline void fb_org_make(fb_org *o, pm_fixture *f)
{
    memset(o, 0, sizeof *o);
    o->f = f;
    o->team = pm_fixture_unit(f, "Team", 0);
    o->boss = pm_fixture_person(f, "E1", "Bea Boss", 0, 0);
    o->mgr = pm_fixture_person(f, "E2", "Mo Manager", o->boss, o->team);
    o->recv = pm_fixture_person(f, "E3", "Rita Receiver", o->mgr, o->team);
    o->giver = pm_fixture_person(f, "E4", "Gus Giver", o->mgr, o->team);
    o->peer = pm_fixture_person(f, "E5", "Pia Peer", o->mgr, o->team);
    o->hr = fb_hr_admin(f, "E6", "Hal HR");
    o->outsider = pm_fixture_person(f, "E7", "Otto Outsider", 0, 0);
    o->s_boss = pm_fixture_session(f, o->boss);
    o->s_mgr = pm_fixture_session(f, o->mgr);
    o->s_recv = pm_fixture_session(f, o->recv);
    o->s_giver = pm_fixture_session(f, o->giver);
    o->s_peer = pm_fixture_session(f, o->peer);
    o->s_hr = pm_fixture_session(f, o->hr);
    o->s_outsider = pm_fixture_session(f, o->outsider);
}

static inline void fb_org_free(fb_org *o)
{
    pm_session_free(o->s_boss);
    pm_session_free(o->s_mgr);
    pm_session_free(o->s_recv);
    pm_session_free(o->s_giver);
    pm_session_free(o->s_peer);
    pm_session_free(o->s_hr);
    pm_session_free(o->s_outsider);
}

/* The first check-in of a new series between manager and report. */
static inline pm_id fb_first_checkin(pm_fixture *f, pm_id manager, pm_id report)
{
    pm_checkin_series_opts so = PM_CHECKIN_SERIES_OPTS_INIT;
    so.manager = manager;
    so.report = report;
    pm_id series = 0;
    assert_ok(f->sys, pm_checkin_series_create(&series, f->sys, &so));
    pm_checkin_iter *it = NULL;
    assert_ok(f->sys, pm_checkin_list(&it, f->sys, series));
    pm_checkin *c = NULL;
    assert_ok(f->sys, pm_checkin_iter_next(&c, it));
    pm_id id = pm_checkin_id(c);
    pm_checkin_iter_free(it);
    return id;
}

static inline pm_feedback_opts fb_opts(pm_id receiver, const char *text,
                                       pm_feedback_visibility visibility, int anonymous)
{
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = receiver;
    o.kind = PM_FEEDBACK_PRAISE;
    o.text = text;
    o.visibility = visibility;
    o.anonymous = anonymous;
    return o;
}

static inline pm_id fb_give(pm_session *s, pm_id receiver, const char *text,
                            pm_feedback_visibility visibility, int anonymous)
{
    pm_feedback_opts o = fb_opts(receiver, text, visibility, anonymous);
    pm_id id = 0;
    assert_ok(s, pm_feedback_give(&id, s, &o));
    assert_true(id > 0);
    return id;
}

static inline pm_feedback *fb_get(pm_session *s, pm_id id)
{
    pm_feedback *fb = NULL;
    assert_ok(s, pm_feedback_get(&fb, s, id));
    assert_non_null(fb);
    return fb;
}

/* The ids an iterator gives, in order (at most 64), and how many. */
typedef struct fb_ids {
    size_t n;
    pm_id id[64];
    pm_id giver[64];
    int mine[64];
} fb_ids;

static inline fb_ids fb_drain(pm_session *s, pm_status st, pm_feedback_iter *it)
{
    fb_ids r;
    memset(&r, 0, sizeof r);
    if (st != PM_OK)
        fail_msg("list: %s", pm_session_errmsg(s));
    pm_feedback *fb = NULL;
    while ((st = pm_feedback_iter_next(&fb, it)) == PM_OK) {
        assert_true(r.n < 64);
        r.id[r.n] = pm_feedback_id(fb);
        r.giver[r.n] = pm_feedback_giver(fb);
        r.mine[r.n] = pm_feedback_is_mine(fb);
        r.n++;
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_feedback_iter_free(it);
    return r;
}

static inline fb_ids fb_received(pm_session *s, pm_id person, size_t limit)
{
    pm_feedback_iter *it = NULL;
    pm_status st = pm_feedback_list_received(&it, s, person, limit);
    return fb_drain(s, st, it);
}

static inline fb_ids fb_given(pm_session *s, pm_id person, size_t limit)
{
    pm_feedback_iter *it = NULL;
    pm_status st = pm_feedback_list_given(&it, s, person, limit);
    return fb_drain(s, st, it);
}

static inline fb_ids fb_visible(pm_session *s, size_t limit)
{
    pm_feedback_iter *it = NULL;
    pm_status st = pm_feedback_list_visible(&it, s, limit);
    return fb_drain(s, st, it);
}

static inline int fb_has(const fb_ids *ids, pm_id id)
{
    for (size_t i = 0; i < ids->n; i++)
        if (ids->id[i] == id)
            return 1;
    return 0;
}

#endif
