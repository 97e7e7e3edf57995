/* What test_feedback_request.c and test_feedback_request_refusals.c share:
 * a small organisation with a session per person, and requests made, read
 * and listed with every call asserted to succeed.
 *
 *   top
 *   +-- mgr ----+-- r1
 *   |           +-- r2
 *   +-- peer
 *   hr (HR admin, no manager)
 */
#ifndef PM_TEST_FEEDBACK_REQUEST_HELPERS_H
#define PM_TEST_FEEDBACK_REQUEST_HELPERS_H

#include <stdlib.h>

#include "fixture.h"

#include "checks.h"

#define D(iso) pm_fixture_date(iso)
#define DAY ((pm_time)86400)
/* The fixture's today, 2026-06-15, as a day number. */
#define TODAY (pm_time_date(PM_FIXTURE_NOW))

typedef struct team {
    pm_fixture *f;
    pm_id top, mgr, r1, r2, peer, hr;
    pm_session *as_top, *as_mgr, *as_r1, *as_r2, *as_peer, *as_hr;
} team;

static inline team make_team(void **state)
{
    team t;
    t.f = *state;
    t.top = pm_fixture_person(t.f, "E1", "Top", 0, 0);
    t.mgr = pm_fixture_person(t.f, "E2", "Manager", t.top, 0);
    t.r1 = pm_fixture_person(t.f, "E3", "Report One", t.mgr, 0);
    t.r2 = pm_fixture_person(t.f, "E4", "Report Two", t.mgr, 0);
    t.peer = pm_fixture_person(t.f, "E5", "Peer", t.top, 0);
    t.hr = pm_fixture_person(t.f, "E9", "People Partner", 0, 0);
    assert_ok(t.f->sys, pm_person_set_hr_admin(t.f->sys, t.hr, 1));
    t.as_top = pm_fixture_session(t.f, t.top);
    t.as_mgr = pm_fixture_session(t.f, t.mgr);
    t.as_r1 = pm_fixture_session(t.f, t.r1);
    t.as_r2 = pm_fixture_session(t.f, t.r2);
    t.as_peer = pm_fixture_session(t.f, t.peer);
    t.as_hr = pm_fixture_session(t.f, t.hr);
    return t;
}

static inline void free_team(team *t)
{
    pm_session_free(t->as_top);
    pm_session_free(t->as_mgr);
    pm_session_free(t->as_r1);
    pm_session_free(t->as_r2);
    pm_session_free(t->as_peer);
    pm_session_free(t->as_hr);
}

/* Options asking the addressees about subject (0: the requester). */
static inline pm_feedback_request_opts ask(pm_id subject, const char *topic,
                                           const pm_id *addressees, size_t n)
{
    pm_feedback_request_opts o = PM_FEEDBACK_REQUEST_OPTS_INIT;
    o.subject = subject;
    o.topic = topic;
    o.addressees = addressees;
    o.naddressees = n;
    return o;
}

static inline pm_id ask_ok(pm_session *s, const pm_feedback_request_opts *o)
{
    pm_id id = 0;
    assert_ok(s, pm_feedback_request_create(&id, s, o));
    assert_true(id > 0);
    return id;
}

static inline pm_feedback_request *get_request(pm_session *s, pm_id id)
{
    pm_feedback_request *r = NULL;
    assert_ok(s, pm_feedback_request_get(&r, s, id));
    assert_non_null(r);
    return r;
}

/* The state of addressee's part of request id, as s reads it. */
static inline pm_request_state part_state(pm_session *s, pm_id id, pm_id addressee)
{
    pm_feedback_request *r = get_request(s, id);
    pm_request_state state = (pm_request_state)0;
    for (size_t i = 0; i < pm_feedback_request_count(r); i++)
        if (pm_feedback_request_addressee(r, i) == addressee)
            state = pm_feedback_request_state(r, i);
    pm_feedback_request_free(r);
    return state;
}

/* The response id of addressee's part of request id, as s reads it. */
static inline pm_id part_response(pm_session *s, pm_id id, pm_id addressee)
{
    pm_feedback_request *r = get_request(s, id);
    pm_id response = -1;
    for (size_t i = 0; i < pm_feedback_request_count(r); i++)
        if (pm_feedback_request_addressee(r, i) == addressee)
            response = pm_feedback_request_response(r, i);
    pm_feedback_request_free(r);
    return response;
}

static inline pm_feedback_opts answer(const char *text)
{
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.kind = PM_FEEDBACK_PRAISE;
    o.text = text;
    return o;
}

static inline pm_id respond_ok(pm_session *s, pm_id request, const char *text)
{
    pm_feedback_opts o = answer(text);
    pm_id id = 0;
    assert_ok(s, pm_feedback_request_respond(&id, s, request, &o));
    assert_true(id > 0);
    return id;
}

/* The ids a list gives, in its order, into out (at most max); the count. */
static inline size_t list_ids(pm_session *s, pm_id person, pm_request_role role,
                              unsigned int filter, pm_id *out, size_t max)
{
    pm_feedback_request_iter *it = NULL;
    assert_ok(s, pm_feedback_request_list(&it, s, person, role, filter));
    size_t n = 0;
    pm_feedback_request *r = NULL;
    pm_status st;
    while ((st = pm_feedback_request_iter_next(&r, it)) == PM_OK) {
        assert_true(n < max);
        out[n++] = pm_feedback_request_id(r);
    }
    assert_int_equal(st, PM_ITEROVER);
    pm_feedback_request_iter_free(it);
    return n;
}

#endif
