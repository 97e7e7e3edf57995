/* Who may read and change goals, as a matrix on every backend: actors
 * (system, HR admin, owner, the owner's manager, the manager's manager, a
 * colleague in the owner's unit, an outsider) x visibility (private, unit,
 * public) x operations (get, evaluate, list, update, add a key result, add
 * progress). A refusal is PM_EPERM with a message naming the actor and the
 * action, and leaves the store as it was; lists leave out silently what the
 * actor may not read. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"

enum actor { SYSTEM, HR, OWNER, MANAGER, GRAND, COLLEAGUE, OUTSIDER, NACTORS };
enum op { OP_GET, OP_EVALUATE, OP_LIST, OP_UPDATE, OP_ADD_KR, OP_ADD_PROGRESS, NOPS };
enum { PRIVATE_GOAL, UNIT_GOAL, PUBLIC_GOAL, NVIS };

static const char *const actor_names[NACTORS] = {
    "system", "hr admin", "owner", "manager", "manager's manager", "colleague", "outsider"
};
static const char *const op_names[NOPS] = {
    "get", "evaluate", "list", "update", "add key result", "add progress"
};
static const pm_visibility visibilities[NVIS] = {
    PM_VISIBILITY_PRIVATE, PM_VISIBILITY_UNIT, PM_VISIBILITY_PUBLIC
};

/* 1 allow, 0 deny: [actor][visibility][operation]. Reads follow visibility;
 * changes belong to the owner, the manager chain, HR and the system. */
#define ALL { 1, 1, 1, 1, 1, 1 }
#define READ_ONLY { 1, 1, 1, 0, 0, 0 }
#define NOTHING { 0, 0, 0, 0, 0, 0 }
static const int expected[NACTORS][NVIS][NOPS] = {
    [SYSTEM] = { ALL, ALL, ALL },
    [HR] = { ALL, ALL, ALL },
    [OWNER] = { ALL, ALL, ALL },
    [MANAGER] = { ALL, ALL, ALL },
    [GRAND] = { ALL, ALL, ALL },
    [COLLEAGUE] = { NOTHING, READ_ONLY, READ_ONLY },
    [OUTSIDER] = { NOTHING, NOTHING, READ_ONLY },
};

/* What denied reads and writes say they were refused. */
static const char *const read_phrase[NVIS] = {
    "may not read this private goal", "may not read this goal shared with its unit", ""
};

typedef struct world {
    pm_id people[NACTORS];   /* 0 for the system actor */
    pm_id team;
    pm_id other;
    pm_id goals[NVIS];
    pm_session *sessions[NACTORS];
} world;

static void build(pm_fixture *f, world *w)
{
    memset(w, 0, sizeof *w);
    w->team = pm_fixture_unit(f, "Team", 0);
    w->other = pm_fixture_unit(f, "Elsewhere", 0);
    w->people[GRAND] = pm_fixture_person(f, "E1", "Greta", 0, w->other);
    w->people[MANAGER] = pm_fixture_person(f, "E2", "Magnus", w->people[GRAND], w->other);
    w->people[OWNER] = pm_fixture_person(f, "E3", "Olga", w->people[MANAGER], w->team);
    w->people[COLLEAGUE] = pm_fixture_person(f, "E4", "Carl", 0, w->team);
    w->people[OUTSIDER] = pm_fixture_person(f, "E5", "Otto", 0, w->other);
    w->people[HR] = pm_fixture_person(f, "E6", "Hanna", 0, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, w->people[HR], 1));
    for (int v = 0; v < NVIS; v++) {
        pm_goal_opts o = PM_GOAL_OPTS_INIT;
        o.owner = w->people[OWNER];
        o.title = "Olga's goal";
        o.start = pm_fixture_date("2026-01-01");
        o.due = pm_fixture_date("2026-12-31");
        o.visibility = visibilities[v];
        assert_ok(f->sys, pm_goal_create(&w->goals[v], f->sys, &o));
        assert_ok(f->sys, pm_goal_set_state(f->sys, w->goals[v], PM_GOAL_ACTIVE));
    }
    w->sessions[SYSTEM] = f->sys;
    for (int a = HR; a < NACTORS; a++)
        w->sessions[a] = pm_fixture_session(f, w->people[a]);
}

static void tear_down(world *w)
{
    for (int a = HR; a < NACTORS; a++)
        pm_session_free(w->sessions[a]);
}

/* 1 when the goal is among the owner's goals as s lists them. */
static int listed(pm_session *s, pm_id owner, pm_id goal)
{
    pm_goal_iter *it = NULL;
    assert_ok(s, pm_goal_list_person(&it, s, owner, 0));
    int found = 0;
    pm_goal *g = NULL;
    while (pm_goal_iter_next(&g, it) == PM_OK)
        found |= pm_goal_id(g) == goal;
    pm_goal_iter_free(it);
    return found;
}

static pm_status run(pm_session *s, enum op op, pm_id goal)
{
    switch (op) {
    case OP_GET: {
        pm_goal *g = NULL;
        pm_status st = pm_goal_get(&g, s, goal);
        assert_true(st == PM_OK ? g != NULL : g == NULL);
        pm_goal_free(g);
        return st;
    }
    case OP_EVALUATE: {
        pm_goal_status status = PM_GOAL_STATUS_INIT;
        return pm_goal_evaluate(&status, s, goal, PM_DATE_NONE, NULL);
    }
    case OP_UPDATE: {
        pm_goal_opts o = PM_GOAL_OPTS_INIT;
        o.title = "Renamed";
        return pm_goal_update(s, goal, &o, PM_GOAL_FIELD_TITLE);
    }
    case OP_ADD_KR: {
        pm_key_result_opts o = PM_KEY_RESULT_OPTS_INIT;
        o.title = "Measured";
        o.target = 10.0;
        return pm_key_result_add(NULL, s, goal, &o);
    }
    case OP_ADD_PROGRESS: {
        /* Manual progress: the goals have no key results until an add above
         * succeeds, so this runs before OP_ADD_KR for each cell. */
        pm_progress_opts o = PM_PROGRESS_OPTS_INIT;
        o.value = 0.5;
        return pm_progress_add(NULL, s, goal, 0, &o);
    }
    case OP_LIST:
    case NOPS:
        break;
    }
    return PM_EINVAL;
}

static void check_cell(pm_fixture *f, const world *w, int a, int v, enum op op)
{
    pm_session *s = w->sessions[a];
    pm_id goal = w->goals[v];
    int allow = expected[a][v][op];
    char cell[128];
    snprintf(cell, sizeof cell, "%s, visibility %d, %s", actor_names[a], (int)visibilities[v],
             op_names[op]);
    if (op == OP_LIST) {
        if (listed(s, w->people[OWNER], goal) != allow)
            fail_msg("%s: expected the goal %s", cell, allow ? "listed" : "left out");
        return;
    }
    char *before = pm_fixture_store_dump(f);
    pm_status st = run(s, op, goal);
    if (allow) {
        if (st != PM_OK)
            fail_msg("%s: expected allowed, got %d: %s", cell, (int)st, pm_session_errmsg(s));
        free(before);
        return;
    }
    if (st != PM_EPERM)
        fail_msg("%s: expected PM_EPERM, got %d: %s", cell, (int)st, pm_session_errmsg(s));
    char who[64];
    snprintf(who, sizeof who, "permission denied: person %lld may not",
             (long long)w->people[a]);
    const char *what = op <= OP_EVALUATE ? read_phrase[v] : "may not change this goal";
    if (strstr(pm_session_errmsg(s), who) == NULL || strstr(pm_session_errmsg(s), what) == NULL)
        fail_msg("%s: message '%s' lacks '%s' or '%s'", cell, pm_session_errmsg(s), who, what);
    pm_fixture_check_store(f, before, cell);
    free(before);
}

static void test_goal_access_matrix_of_actors_visibility_and_operations(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    static const enum op order[NOPS] = { OP_GET, OP_EVALUATE, OP_LIST, OP_UPDATE,
                                         OP_ADD_PROGRESS, OP_ADD_KR };
    /* Changes by allowed actors come last for each goal, after every
     * refused actor has tried, so a refusal is checked on a goal in its
     * first shape; the allowed ones then change it in turn. */
    for (int v = 0; v < NVIS; v++) {
        for (int a = NACTORS - 1; a >= 0; a--)
            for (int i = 0; i < NOPS; i++)
                if (order[i] <= OP_LIST || !expected[a][v][order[i]])
                    check_cell(f, &w, a, v, order[i]);
        for (int a = 0; a < NACTORS; a++)
            for (int i = 0; i < NOPS; i++)
                if (order[i] > OP_LIST && expected[a][v][order[i]] && order[i] != OP_ADD_KR)
                    check_cell(f, &w, a, v, order[i]);
        /* Key results last: once a goal has one, manual progress is refused. */
        for (int a = 0; a < NACTORS; a++)
            if (expected[a][v][OP_ADD_KR])
                check_cell(f, &w, a, v, OP_ADD_KR);
    }
    tear_down(&w);
}

static void test_goal_of_a_unit_is_shared_with_that_units_members(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    /* The manager answers for a goal of Team, a unit they are not in. */
    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = w.people[MANAGER];
    o.unit = w.team;
    o.title = "Team goal";
    o.due = pm_fixture_date("2026-12-31");
    o.visibility = PM_VISIBILITY_UNIT;
    pm_id goal = 0;
    assert_ok(f->sys, pm_goal_create(&goal, f->sys, &o));
    pm_goal *g = NULL;
    assert_ok(w.sessions[COLLEAGUE], pm_goal_get(&g, w.sessions[COLLEAGUE], goal));
    pm_goal_free(g);
    assert_fails(w.sessions[OUTSIDER], pm_goal_get(&g, w.sessions[OUTSIDER], goal), PM_EPERM,
                 "may not read this goal shared with its unit");
    pm_goal_iter *it = NULL;
    assert_ok(w.sessions[COLLEAGUE], pm_goal_list_unit(&it, w.sessions[COLLEAGUE], w.team, 0));
    pm_goal *first = NULL;
    assert_int_equal(pm_goal_iter_next(&first, it), PM_OK);
    assert_int_equal(pm_goal_id(first), goal);
    pm_goal_iter_free(it);
    assert_ok(w.sessions[OUTSIDER], pm_goal_list_unit(&it, w.sessions[OUTSIDER], w.team, 0));
    assert_int_equal(pm_goal_iter_next(&first, it), PM_ITEROVER);
    pm_goal_iter_free(it);
    tear_down(&w);
}

static void test_goal_create_for_another_person_needs_the_manager_chain(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = w.people[OWNER];
    o.title = "Set for Olga";
    o.due = pm_fixture_date("2026-12-31");
    pm_id id = 0;
    assert_ok(w.sessions[GRAND], pm_goal_create(&id, w.sessions[GRAND], &o));
    assert_ok(w.sessions[OWNER], pm_goal_create(&id, w.sessions[OWNER], &o));
    char *before = pm_fixture_store_dump(f);
    assert_fails(w.sessions[COLLEAGUE], pm_goal_create(&id, w.sessions[COLLEAGUE], &o), PM_EPERM,
                 "may not change this goal");
    assert_int_equal(id, 0);
    assert_fails(w.sessions[OUTSIDER],
                 pm_goal_set_state(w.sessions[OUTSIDER], w.goals[PUBLIC_GOAL], PM_GOAL_COMPLETED),
                 PM_EPERM, "may not change this goal");
    pm_fixture_assert_store_is(f, before);
    tear_down(&w);
}

/* A corrective action names the feedback that led to it; linking feedback
 * the session may not read would confirm that it exists, so it is refused
 * like a read. */
static void test_corrective_goal_links_only_feedback_its_creator_may_read(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_feedback_opts fo = PM_FEEDBACK_OPTS_INIT;
    fo.receiver = w.people[OWNER];
    fo.kind = PM_FEEDBACK_CONSTRUCTIVE;
    fo.text = "The release notes went out late twice this month.";
    fo.visibility = PM_FEEDBACK_TO_MANAGERS;
    pm_id shared = 0, private_fb = 0;
    assert_ok(w.sessions[COLLEAGUE], pm_feedback_give(&shared, w.sessions[COLLEAGUE], &fo));
    fo.visibility = PM_FEEDBACK_TO_RECEIVER;
    assert_ok(w.sessions[COLLEAGUE], pm_feedback_give(&private_fb, w.sessions[COLLEAGUE], &fo));

    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = w.people[OWNER];
    o.title = "Ship release notes on the release day";
    o.kind = PM_GOAL_CORRECTIVE;
    o.due = pm_fixture_date("2026-12-31");
    o.source_feedback = shared;
    pm_id id = 0;
    assert_ok(w.sessions[MANAGER], pm_goal_create(&id, w.sessions[MANAGER], &o));
    pm_goal *g = NULL;
    assert_ok(w.sessions[OWNER], pm_goal_get(&g, w.sessions[OWNER], id));
    assert_int_equal(pm_goal_source_feedback(g), shared);
    pm_goal_free(g);

    char *before = pm_fixture_store_dump(f);
    o.source_feedback = private_fb;
    assert_fails(w.sessions[MANAGER], pm_goal_create(&id, w.sessions[MANAGER], &o), PM_EPERM,
                 "goal.source_feedback: may not read feedback");
    o.source_feedback = 999;
    assert_fails(w.sessions[MANAGER], pm_goal_create(&id, w.sessions[MANAGER], &o),
                 PM_ENOTFOUND, "goal.source_feedback: feedback 999 does not exist");
    o.source_feedback = -1;
    assert_fails(w.sessions[MANAGER], pm_goal_create(&id, w.sessions[MANAGER], &o), PM_EINVAL,
                 "goal.source_feedback: -1 is not a feedback id");
    /* A version 1 caller's struct ends before source_feedback: not read. */
    o.version = 1;
    o.source_feedback = private_fb;
    pm_fixture_assert_store_is(f, before);
    assert_ok(w.sessions[MANAGER], pm_goal_create(&id, w.sessions[MANAGER], &o));
    assert_ok(w.sessions[OWNER], pm_goal_get(&g, w.sessions[OWNER], id));
    assert_int_equal(pm_goal_source_feedback(g), 0);
    pm_goal_free(g);
    tear_down(&w);
}

static void test_goal_tree_hides_unreadable_branches(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_id root = w.goals[PUBLIC_GOAL];
    pm_goal_opts o = PM_GOAL_OPTS_INIT;
    o.owner = w.people[OWNER];
    o.due = pm_fixture_date("2026-12-31");
    o.parent = root;
    o.title = "Private branch";
    o.visibility = PM_VISIBILITY_PRIVATE;
    pm_id hidden = 0, under_hidden = 0, open = 0;
    assert_ok(f->sys, pm_goal_create(&hidden, f->sys, &o));
    o.parent = hidden;
    o.title = "Public, under the private one";
    o.visibility = PM_VISIBILITY_PUBLIC;
    assert_ok(f->sys, pm_goal_create(&under_hidden, f->sys, &o));
    o.parent = root;
    o.title = "Public branch";
    assert_ok(f->sys, pm_goal_create(&open, f->sys, &o));
    const struct { int actor; size_t count; } cases[] = {
        { OWNER, 3 }, { MANAGER, 3 }, { HR, 3 }, { COLLEAGUE, 1 }, { OUTSIDER, 1 },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pm_session *s = w.sessions[cases[i].actor];
        pm_goal_iter *it = NULL;
        assert_ok(s, pm_goal_tree(&it, s, root, 0));
        size_t n = 0;
        pm_goal *g = NULL;
        while (pm_goal_iter_next(&g, it) == PM_OK) {
            if (cases[i].count == 1)
                assert_int_equal(pm_goal_id(g), open);
            n++;
        }
        pm_goal_iter_free(it);
        if (n != cases[i].count)
            fail_msg("%s sees %zu goals in the tree, expected %zu", actor_names[cases[i].actor],
                     n, cases[i].count);
    }
    pm_goal_iter *it = NULL;
    assert_fails(w.sessions[OUTSIDER], pm_goal_tree(&it, w.sessions[OUTSIDER], hidden, 0),
                 PM_EPERM, "may not read this private goal");
    (void)under_hidden;
    tear_down(&w);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_goal_access_matrix_of_actors_visibility_and_operations),
        T(test_goal_of_a_unit_is_shared_with_that_units_members),
        T(test_goal_create_for_another_person_needs_the_manager_chain),
        T(test_goal_tree_hides_unreadable_branches),
        T(test_corrective_goal_links_only_feedback_its_creator_may_read),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
