/* Who reads, acknowledges and retracts feedback, on every backend: the
 * matrix of actor (giver, receiver, receiver's manager, skip-level
 * manager, peer, HR admin, system actor) x visibility x named or
 * anonymous, for pm_feedback_get() and each list. The rules, written out
 * here independently of core/access.c:
 *   receiver only        giver, receiver, HR, system
 *   + managers           and the receiver's manager chain
 *   + organisation       everyone
 * Lists leave out silently what get refuses; list_given shows anonymous
 * entries to their giver alone; list_visible leaves out the actor's own
 * anonymous entries unless another source (received, shared with everyone
 * or with them as a manager) brings them. */
#include "test_feedback_helpers.h"

#include <string.h>

enum actor { GIVER, RECEIVER, MANAGER, SKIP_LEVEL, PEER, HR, SYSTEM, ACTORS };
static const char *const actor_names[ACTORS] = { "giver", "receiver", "manager", "skip-level",
                                                 "peer", "hr admin", "system" };

#define VISIBILITIES 3
#define ENTRIES (VISIBILITIES * 2) /* index = (visibility - 1) * 2 + anonymous */

typedef struct matrix {
    fb_org o;
    pm_session *s[ACTORS];
    pm_id entry[ENTRIES];
} matrix;

static void matrix_make(matrix *m, pm_fixture *f)
{
    fb_org_make(&m->o, f);
    pm_session *s[ACTORS] = { m->o.s_giver, m->o.s_recv, m->o.s_mgr, m->o.s_boss, m->o.s_peer,
                              m->o.s_hr, f->sys };
    memcpy(m->s, s, sizeof s);
    for (int e = 0; e < ENTRIES; e++) {
        f->now += 60; /* distinct times: lists are ordered */
        m->entry[e] = fb_give(m->o.s_giver, m->o.recv, "Matrix entry",
                              (pm_feedback_visibility)(e / 2 + 1), e % 2);
    }
}

static int readable(enum actor a, int entry)
{
    pm_feedback_visibility v = (pm_feedback_visibility)(entry / 2 + 1);
    switch (a) {
    case GIVER: case RECEIVER: case HR: case SYSTEM: return 1;
    case MANAGER: case SKIP_LEVEL: return v != PM_FEEDBACK_TO_RECEIVER;
    case PEER: return v == PM_FEEDBACK_TO_ORGANISATION;
    case ACTORS: break;
    }
    return 0;
}

static void test_feedback_get_follows_the_matrix(void **state)
{
    pm_fixture *f = *state;
    matrix m;
    matrix_make(&m, f);
    for (int a = 0; a < ACTORS; a++) {
        for (int e = 0; e < ENTRIES; e++) {
            pm_feedback *fb = NULL;
            pm_status st = pm_feedback_get(&fb, m.s[a], m.entry[e]);
            int want = readable((enum actor)a, e);
            if ((st == PM_OK) != want)
                fail_msg("%s, visibility %d, anonymous %d: get gave %d (%s)", actor_names[a],
                         e / 2 + 1, e % 2, (int)st, pm_session_errmsg(m.s[a]));
            if (st != PM_OK) {
                assert_int_equal(st, PM_EPERM);
                assert_null(fb);
                continue;
            }
            /* Whoever reads it: the giver is named only when not anonymous. */
            assert_int_equal(pm_feedback_giver(fb), e % 2 ? 0 : m.o.giver);
            assert_int_equal(pm_feedback_is_anonymous(fb), e % 2);
            assert_int_equal(pm_feedback_is_mine(fb), a == GIVER);
            pm_feedback_free(fb);
        }
    }
    fb_org_free(&m.o);
}

/* Fails unless ids holds exactly the entries want says, newest first, each
 * with the giver shown as the matrix says. Anonymous entries keep only the
 * day they were given, so they come after today's named ones, by id. */
static void check_list(const matrix *m, const fb_ids *ids, const int want[ENTRIES],
                       const char *list, enum actor a)
{
    size_t expected = 0;
    for (int i = 2 * ENTRIES - 1; i >= 0; i--) {
        int e = i % ENTRIES;
        if (!want[e] || (e % 2) != (i < ENTRIES))
            continue;
        if (expected >= ids->n || ids->id[expected] != m->entry[e])
            fail_msg("%s for %s: item %zu is not entry %d (visibility %d, anonymous %d)", list,
                     actor_names[a], expected, e, e / 2 + 1, e % 2);
        assert_int_equal(ids->giver[expected], e % 2 ? 0 : m->o.giver);
        assert_int_equal(ids->mine[expected], a == GIVER);
        expected++;
    }
    if (ids->n != expected)
        fail_msg("%s for %s: %zu items, expected %zu", list, actor_names[a], ids->n, expected);
}

static void test_feedback_lists_follow_the_matrix(void **state)
{
    pm_fixture *f = *state;
    matrix m;
    matrix_make(&m, f);
    for (int a = 0; a < ACTORS; a++) {
        int want[ENTRIES];
        for (int e = 0; e < ENTRIES; e++)
            want[e] = readable((enum actor)a, e);
        fb_ids ids = fb_received(m.s[a], m.o.recv, 0);
        check_list(&m, &ids, want, "list_received", (enum actor)a);

        /* Anonymous entries are nobody's but their giver's to list as given. */
        for (int e = 0; e < ENTRIES; e++)
            want[e] = readable((enum actor)a, e) && (e % 2 == 0 || a == GIVER);
        ids = fb_given(m.s[a], m.o.giver, 0);
        check_list(&m, &ids, want, "list_given", (enum actor)a);

        for (int e = 0; e < ENTRIES; e++) {
            want[e] = readable((enum actor)a, e);
            /* The giver's own anonymous entries come only through another
             * source: here, shared with everyone. */
            if (a == GIVER && e % 2 == 1)
                want[e] = e / 2 + 1 == PM_FEEDBACK_TO_ORGANISATION;
        }
        ids = fb_visible(m.s[a], 0);
        check_list(&m, &ids, want, "list_visible", (enum actor)a);
    }
    fb_org_free(&m.o);
}

static void test_feedback_receipt_and_retraction_follow_the_matrix(void **state)
{
    pm_fixture *f = *state;
    matrix m;
    matrix_make(&m, f);
    for (int a = 0; a < ACTORS; a++) {
        for (int e = 0; e < ENTRIES; e++) {
            pm_status st = pm_feedback_acknowledge(m.s[a], m.entry[e]);
            assert_int_equal(st, a == RECEIVER ? PM_OK : PM_EPERM);
            st = pm_feedback_react(m.s[a], m.entry[e], PM_REACTION_HELPFUL);
            assert_int_equal(st, a == RECEIVER ? PM_OK : PM_EPERM);
            if (a != GIVER) {
                st = pm_feedback_retract(m.s[a], m.entry[e]);
                if (st != PM_EPERM)
                    fail_msg("%s retracting entry %d: %d", actor_names[a], e, (int)st);
            }
        }
    }
    for (int e = 0; e < ENTRIES; e++)
        assert_ok(m.o.s_giver, pm_feedback_retract(m.o.s_giver, m.entry[e]));
    fb_ids ids = fb_visible(f->sys, 0);
    assert_int_equal(ids.n, 0);
    fb_org_free(&m.o);
}

static void test_feedback_reading_follows_todays_manager_chain(void **state)
{
    pm_fixture *f = *state;
    matrix m;
    matrix_make(&m, f);
    int managers_entry = (PM_FEEDBACK_TO_MANAGERS - 1) * 2;
    /* The receiver moves to another manager: the old chain loses sight,
     * the new one gains it. */
    f->now += 86400;
    assert_ok(f->sys, pm_org_set_manager(f->sys, m.o.recv, m.o.peer, PM_DATE_NONE));
    pm_feedback *fb = NULL;
    assert_int_equal(pm_feedback_get(&fb, m.o.s_mgr, m.entry[managers_entry]), PM_OK);
    pm_feedback_free(fb); /* mgr is still above: peer reports to mgr */
    assert_ok(f->sys, pm_org_set_manager(f->sys, m.o.recv, m.o.outsider, PM_DATE_NONE));
    assert_int_equal(pm_feedback_get(&fb, m.o.s_mgr, m.entry[managers_entry]), PM_EPERM);
    assert_int_equal(pm_feedback_get(&fb, m.o.s_boss, m.entry[managers_entry]), PM_EPERM);
    assert_int_equal(pm_feedback_get(&fb, m.o.s_outsider, m.entry[managers_entry]), PM_OK);
    pm_feedback_free(fb);
    fb_ids ids = fb_visible(m.o.s_outsider, 0);
    assert_true(fb_has(&ids, m.entry[managers_entry]));
    assert_true(fb_has(&ids, m.entry[managers_entry + 1]));
    ids = fb_visible(m.o.s_mgr, 0);
    assert_false(fb_has(&ids, m.entry[managers_entry]));
    fb_org_free(&m.o);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_feedback_get_follows_the_matrix),
        T(test_feedback_lists_follow_the_matrix),
        T(test_feedback_receipt_and_retraction_follow_the_matrix),
        T(test_feedback_reading_follows_todays_manager_chain),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
