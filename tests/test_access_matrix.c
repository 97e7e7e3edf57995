/* Who may do what, through the public API on every backend: one table of
 * operations x actors drives one loop. A refusal must be PM_EPERM, name the
 * action in its message and leave the store exactly as it was. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

/* The organisation every cell starts from:
 *   Company (unit) > Sales (unit)
 *   grand (Company) <- manager (Sales) <- subject, peer (Sales)
 *   hr: an HR admin; gone: a person who left. */
struct world {
    pm_fixture *f;
    pm_id company, sales;
    pm_id grand, manager, subject, peer, hr, gone;
};

enum actor { SYSTEM, HR, SELF, MANAGER, SKIP_LEVEL, PEER, ACTORS };

static const char *const actor_names[ACTORS] = {
    "system", "hr admin", "subject themself", "manager", "manager's manager", "peer"
};

static pm_id place(struct world *w, const char *ext, const char *name, pm_id manager, pm_id unit)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = ext;
    o.display_name = name;
    o.manager = manager;
    o.unit = unit;
    /* Before "today", so that today's changes in the table are later ones. */
    o.start = pm_fixture_date("2026-01-01");
    pm_id id = 0;
    if (pm_person_create(&id, w->f->sys, &o) != PM_OK)
        fail_msg("world: %s: %s", ext, pm_session_errmsg(w->f->sys));
    return id;
}

static void build_world(struct world *w, pm_fixture *f)
{
    memset(w, 0, sizeof *w);
    w->f = f;
    w->company = pm_fixture_unit(f, "Company", 0);
    w->sales = pm_fixture_unit(f, "Sales", w->company);
    w->grand = place(w, "G1", "Greta Grand", 0, w->company);
    w->manager = place(w, "M1", "Maja Manager", w->grand, w->sales);
    w->subject = place(w, "S1", "Sven Subject", w->manager, w->sales);
    w->peer = place(w, "P1", "Pia Peer", w->manager, w->sales);
    w->hr = place(w, "H1", "Hedda HR", 0, w->company);
    assert_int_equal(pm_person_set_hr_admin(f->sys, w->hr, 1), PM_OK);
    w->gone = place(w, "L1", "Leif Left", w->manager, w->sales);
    assert_int_equal(pm_person_set_left(f->sys, w->gone, pm_fixture_date("2026-03-01")), PM_OK);
}

static pm_id actor_id(const struct world *w, enum actor a)
{
    switch (a) {
    case SYSTEM: return 0;
    case HR: return w->hr;
    case SELF: return w->subject;
    case MANAGER: return w->manager;
    case SKIP_LEVEL: return w->grand;
    case PEER: return w->peer;
    case ACTORS: break;
    }
    return -1;
}

/* ---- the store as text, to prove that a refusal changed nothing ---- */

typedef struct text {
    char data[16384];
    size_t used;
} text;

static void add(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->data + t->used, sizeof t->data - t->used, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof t->data - t->used);
    t->used += (size_t)n;
}

static void add_units(text *t, pm_session *s, pm_id parent)
{
    pm_unit_iter *it = NULL;
    assert_int_equal(pm_unit_children(&it, s, parent), PM_OK);
    pm_unit *u = NULL;
    pm_id ids[32];
    size_t n = 0;
    while (pm_unit_iter_next(&u, it) == PM_OK) {
        add(t, "unit %lld %s parent %lld\n", (long long)pm_unit_id(u), pm_unit_name(u),
            (long long)pm_unit_parent(u));
        assert_true(n < 32);
        ids[n++] = pm_unit_id(u);
    }
    pm_unit_iter_free(it);
    for (size_t i = 0; i < n; i++)
        add_units(t, s, ids[i]);
}

static void add_people(text *t, pm_session *s)
{
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, s, "", PM_PERSON_INCLUDE_LEFT), PM_OK);
    pm_person *p = NULL;
    while (pm_person_iter_next(&p, it) == PM_OK) {
        pm_id id = pm_person_id(p);
        pm_id unit = -1, manager = -1;
        assert_int_equal(pm_org_unit_on(&unit, s, id, PM_DATE_NONE), PM_OK);
        assert_int_equal(pm_org_manager_on(&manager, s, id, PM_DATE_NONE), PM_OK);
        add(t, "person %lld %s %s <%s> status %d left %ld hr %d by %lld at %lld unit %lld manager %lld\n",
            (long long)id, pm_person_external_id(p), pm_person_display_name(p), pm_person_email(p),
            (int)pm_person_status_get(p), (long)pm_person_left_on(p), pm_person_is_hr_admin(p),
            (long long)pm_person_updated_by(p), (long long)pm_person_updated_at(p),
            (long long)unit, (long long)manager);
    }
    pm_person_iter_free(it);
}

static void snapshot(text *t, pm_fixture *f)
{
    t->used = 0;
    t->data[0] = '\0';
    add_people(t, f->sys);
    add_units(t, f->sys, 0);
}

/* ---- the operations ---- */

typedef pm_status (*op_fn)(pm_session *s, const struct world *w, pm_id actor);

static pm_status drain(pm_person_iter *it, pm_status st)
{
    pm_person *p = NULL;
    while (st == PM_OK && (st = pm_person_iter_next(&p, it)) == PM_OK)
        ;
    pm_person_iter_free(it);
    return st == PM_ITEROVER ? PM_OK : st;
}

static pm_status op_get(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_person *p = NULL;
    pm_status st = pm_person_get(&p, s, w->subject);
    pm_person_free(p);
    return st;
}

static pm_status op_lookup(pm_session *s, const struct world *w, pm_id actor)
{
    (void)w;
    (void)actor;
    pm_person *p = NULL;
    pm_status st = pm_person_lookup(&p, s, "S1");
    pm_person_free(p);
    return st;
}

static pm_status op_search(pm_session *s, const struct world *w, pm_id actor)
{
    (void)w;
    (void)actor;
    pm_person_iter *it = NULL;
    /* Call first: C leaves the order of argument evaluation open. */
    pm_status st = pm_person_search(&it, s, "s", 0);
    return drain(it, st);
}

static pm_status rename_person(pm_session *s, pm_id person)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.display_name = "Renamed";
    o.email = "renamed@example.com";
    return pm_person_update(s, person, &o);
}

static pm_status op_update_own_profile(pm_session *s, const struct world *w, pm_id actor)
{
    (void)w;
    return rename_person(s, actor);
}

static pm_status op_update_subject_profile(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    return rename_person(s, w->subject);
}

static pm_status op_update_subject_external_id(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "S1-new";
    return pm_person_update(s, w->subject, &o);
}

static pm_status op_update_own_external_id(pm_session *s, const struct world *w, pm_id actor)
{
    (void)w;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "own-new";
    return pm_person_update(s, actor, &o);
}

static pm_status op_make_self_hr_admin(pm_session *s, const struct world *w, pm_id actor)
{
    (void)w;
    return pm_person_set_hr_admin(s, actor, 1);
}

static pm_status op_make_subject_hr_admin(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    return pm_person_set_hr_admin(s, w->subject, 1);
}

static pm_status op_set_subject_left(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    return pm_person_set_left(s, w->subject, PM_DATE_NONE);
}

static pm_status op_create_person(pm_session *s, const struct world *w, pm_id actor)
{
    (void)w;
    (void)actor;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "N1";
    o.display_name = "Nils New";
    return pm_person_create(NULL, s, &o);
}

static pm_status op_create_person_in_unit(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "N1";
    o.display_name = "Nils New";
    o.unit = w->sales;
    o.manager = w->manager;
    return pm_person_create(NULL, s, &o);
}

static pm_status op_unit_create(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = "Support";
    o.parent = w->company;
    return pm_unit_create(NULL, s, &o);
}

static pm_status op_unit_rename(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    return pm_unit_rename(s, w->sales, "Revenue", 0);
}

static pm_status op_unit_move(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    return pm_unit_move(s, w->sales, 0);
}

static pm_status op_set_unit(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    return pm_org_set_unit(s, w->subject, w->company, PM_DATE_NONE);
}

static pm_status op_set_own_unit(pm_session *s, const struct world *w, pm_id actor)
{
    return pm_org_set_unit(s, actor, w->sales, PM_DATE_NONE);
}

static pm_status op_set_manager(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    return pm_org_set_manager(s, w->subject, w->grand, PM_DATE_NONE);
}

static pm_status op_manager_on(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_id out = 0;
    pm_status st = pm_org_manager_on(&out, s, w->subject, PM_DATE_NONE);
    return st == PM_OK && out != w->manager ? PM_ESTORAGE : st;
}

static pm_status op_unit_on(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_id out = 0;
    pm_status st = pm_org_unit_on(&out, s, w->subject, PM_DATE_NONE);
    return st == PM_OK && out != w->sales ? PM_ESTORAGE : st;
}

static pm_status op_reports(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_person_iter *it = NULL;
    /* Call first: C leaves the order of argument evaluation open. */
    pm_status st = pm_org_reports(&it, s, w->grand, PM_DATE_NONE, PM_ORG_REPORTS_INDIRECT);
    return drain(it, st);
}

static pm_status op_is_above(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    int above = 0;
    pm_status st = pm_org_is_above(&above, s, w->grand, w->subject, PM_DATE_NONE);
    return st == PM_OK && !above ? PM_ESTORAGE : st;
}

static pm_status op_unit_read(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_unit *u = NULL;
    pm_status st = pm_unit_get(&u, s, w->sales);
    pm_unit_free(u);
    char *path = NULL;
    if (st == PM_OK)
        st = pm_unit_path(&path, s, w->sales);
    pm_free(path);
    pm_id found = 0;
    if (st == PM_OK)
        st = pm_unit_find(&found, s, "Company/Sales");
    return st;
}

static pm_status op_unit_members(pm_session *s, const struct world *w, pm_id actor)
{
    (void)actor;
    pm_person_iter *it = NULL;
    /* Call first: C leaves the order of argument evaluation open. */
    pm_status st = pm_unit_members(&it, s, w->company, PM_DATE_NONE, PM_UNIT_MEMBERS_DEEP);
    return drain(it, st);
}

/* 'A' allowed, 'D' denied, '-' does not apply (the system has no own record).
 * Columns: system, hr admin, subject themself, manager, manager's manager, peer. */
struct op {
    const char *name;
    op_fn run;
    int writes;          /* an allowed call must change the store */
    const char *phrase;  /* what a refusal names */
    const char expect[ACTORS + 1];
};

#define PROFILE "change another person's profile"
#define PEOPLE "administer people"
#define ORG "change the organisation"

static const struct op ops[] = {
    { "get the subject", op_get, 0, NULL, "AAAAAA" },
    { "look the subject up", op_lookup, 0, NULL, "AAAAAA" },
    { "search people", op_search, 0, NULL, "AAAAAA" },
    { "update own profile", op_update_own_profile, 1, NULL, "-AAAAA" },
    { "update the subject's profile", op_update_subject_profile, 1, PROFILE, "AAADDD" },
    { "change the subject's external id", op_update_subject_external_id, 1, PEOPLE, "AADDDD" },
    { "change own external id", op_update_own_external_id, 1, PEOPLE, "-ADDDD" },
    { "make self an HR admin", op_make_self_hr_admin, 1, PEOPLE, "-ADDDD" },
    { "make the subject an HR admin", op_make_subject_hr_admin, 1, PEOPLE, "AADDDD" },
    { "mark the subject as left", op_set_subject_left, 1, PEOPLE, "AADDDD" },
    { "create a person", op_create_person, 1, PEOPLE, "AADDDD" },
    { "create a person in a unit", op_create_person_in_unit, 1, PEOPLE, "AADDDD" },
    { "create a unit", op_unit_create, 1, ORG, "AADDDD" },
    { "rename a unit", op_unit_rename, 1, ORG, "AADDDD" },
    { "move a unit", op_unit_move, 1, ORG, "AADDDD" },
    { "move the subject to another unit", op_set_unit, 1, ORG, "AADDDD" },
    { "move self to another unit", op_set_own_unit, 1, ORG, "-ADDDD" },
    { "give the subject another manager", op_set_manager, 1, ORG, "AADDDD" },
    { "read the subject's manager", op_manager_on, 0, NULL, "AAAAAA" },
    { "read the subject's unit", op_unit_on, 0, NULL, "AAAAAA" },
    { "list indirect reports", op_reports, 0, NULL, "AAAAAA" },
    { "ask who is above the subject", op_is_above, 0, NULL, "AAAAAA" },
    { "read a unit", op_unit_read, 0, NULL, "AAAAAA" },
    { "list a unit's members", op_unit_members, 0, NULL, "AAAAAA" },
};

struct cell_world {
    pm_fixture *f;
    struct world w;
    int fresh;  /* nothing has been written since build_world */
};

static void fresh_world(struct cell_world *cw)
{
    if (cw->f != NULL && cw->fresh)
        return;
    if (cw->f != NULL) {
        void *old = cw->f;
        pm_fixture_teardown(&old);
    }
    void *st = NULL;
    assert_int_equal(pm_fixture_setup(&st), 0);
    cw->f = st;
    build_world(&cw->w, cw->f);
    cw->fresh = 1;
}

static void run_cell(struct cell_world *cw, const struct op *op, enum actor a)
{
    pm_fixture *f = cw->f;
    const struct world *w = &cw->w;
    pm_id actor = actor_id(w, a);
    pm_session *s = a == SYSTEM ? f->sys : pm_fixture_session(f, actor);
    text before, after;
    snapshot(&before, f);
    f->now += 60; /* a write stamps a new updated_at, so it cannot hide */
    pm_status st = op->run(s, w, actor);
    char want = op->expect[a];
    if (want == 'A' && st != PM_OK)
        fail_msg("%s by %s: refused with %d: %s", op->name, actor_names[a], st,
                 pm_session_errmsg(s));
    snapshot(&after, f);
    int changed = strcmp(before.data, after.data) != 0;
    if (want == 'A' && changed != op->writes)
        fail_msg("%s by %s: allowed, but the store %s", op->name, actor_names[a],
                 changed ? "changed" : "did not change");
    if (want == 'D') {
        if (st != PM_EPERM)
            fail_msg("%s by %s: status %d (%s), want PM_EPERM; message: %s", op->name,
                     actor_names[a], st, pm_status_str(st), pm_session_errmsg(s));
        char who[64];
        snprintf(who, sizeof who, "person %lld may not", (long long)actor);
        if (strstr(pm_session_errmsg(s), op->phrase) == NULL
            || strstr(pm_session_errmsg(s), who) == NULL)
            fail_msg("%s by %s: message '%s' should say '%s ... %s'", op->name, actor_names[a],
                     pm_session_errmsg(s), who, op->phrase);
        if (changed)
            fail_msg("%s by %s: refused, but the store changed", op->name, actor_names[a]);
    }
    if (changed)
        cw->fresh = 0;
    if (s != f->sys)
        pm_session_free(s);
}

static void test_access_matrix_each_actor_and_operation(void **state)
{
    (void)state;
    struct cell_world cw = { NULL, { 0 }, 0 };
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        assert_int_equal(strlen(ops[i].expect), ACTORS);
        for (int a = 0; a < ACTORS; a++) {
            if (ops[i].expect[a] == '-')
                continue;
            fresh_world(&cw);
            run_cell(&cw, &ops[i], (enum actor)a);
        }
    }
    void *last = cw.f;
    pm_fixture_teardown(&last);
}

static void test_access_matrix_person_who_left_cannot_open_a_session(void **state)
{
    pm_fixture *f = *state;
    struct world w;
    build_world(&w, f);
    pm_session *s = (pm_session *)&s;
    assert_int_equal(pm_session_open(&s, f->db, w.gone), PM_EPERM);
    assert_null(s);
    char want[64];
    snprintf(want, sizeof want, "%lld has left", (long long)w.gone);
    if (strstr(pm_db_errmsg(f->db), want) == NULL)
        fail_msg("message '%s' should say '%s'", pm_db_errmsg(f->db), want);
}

static void test_access_matrix_revoked_hr_admin_loses_rights_in_new_sessions(void **state)
{
    pm_fixture *f = *state;
    struct world w;
    build_world(&w, f);
    assert_int_equal(pm_person_set_hr_admin(f->sys, w.hr, 0), PM_OK);
    pm_session *s = pm_fixture_session(f, w.hr);
    assert_int_equal(op_create_person(s, &w, w.hr), PM_EPERM);
    assert_non_null(strstr(pm_session_errmsg(s), PEOPLE));
    pm_session_free(s);
}

static void test_access_matrix_denied_write_inside_a_group_keeps_the_group(void **state)
{
    pm_fixture *f = *state;
    struct world w;
    build_world(&w, f);
    pm_session *s = pm_fixture_session(f, w.subject);
    assert_int_equal(pm_session_begin(s), PM_OK);
    assert_int_equal(rename_person(s, w.subject), PM_OK);
    assert_int_equal(rename_person(s, w.peer), PM_EPERM);
    assert_int_equal(pm_session_commit(s), PM_OK);
    pm_session_free(s);
    pm_person *p = NULL;
    assert_int_equal(pm_person_get(&p, f->sys, w.subject), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Renamed");
    pm_person_free(p);
    assert_int_equal(pm_person_get(&p, f->sys, w.peer), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Pia Peer");
    pm_person_free(p);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_access_matrix_each_actor_and_operation),
        T(test_access_matrix_person_who_left_cannot_open_a_session),
        T(test_access_matrix_revoked_hr_admin_loses_rights_in_new_sessions),
        T(test_access_matrix_denied_write_inside_a_group_keeps_the_group),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
