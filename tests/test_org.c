/* The organisation: the pure period and cycle rules of core/org.c, then
 * units, memberships and reporting lines through the public API on every
 * backend, with every way their input can be wrong. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "core/org.h"

/* Å as one code point (NFC) and as A + combining ring (NFD); å folded. */
#define A_RING_NFC "\xC3\x85"
#define A_RING_NFD "A\xCC\x8A"
#define a_ring "\xC3\xA5"

/* ---- helpers ---- */

#define D(iso) pm_fixture_date(iso)

/* Checks the status of a call and that the session message holds needle. */
#define assert_fails(s, call, status, needle)                                          \
    do {                                                                               \
        pm_status st_ = (call);                                                        \
        if (st_ != (status))                                                           \
            fail_msg("status %d (%s), expected %d; message: %s", (int)st_,            \
                     pm_status_str(st_), (int)(status), pm_session_errmsg(s));        \
        if (strstr(pm_session_errmsg(s), (needle)) == NULL)                            \
            fail_msg("message '%s' lacks '%s'", pm_session_errmsg(s), (needle));      \
    } while (0)

#define assert_ok(s, call)                                                             \
    do {                                                                               \
        pm_status st_ = (call);                                                        \
        if (st_ != PM_OK)                                                              \
            fail_msg("status %d (%s): %s", (int)st_, pm_status_str(st_),              \
                     pm_session_errmsg(s));                                            \
    } while (0)

/* Every row of every kind, as text, read straight from the backend: equal
 * dumps mean a failed call left the store as it was. */
typedef struct dump {
    char *text;
    size_t len;
    size_t cap;
} dump;

static void dump_append(dump *d, const char *s)
{
    size_t n = strlen(s);
    if (d->len + n + 1 > d->cap) {
        size_t cap = (d->len + n + 1) * 2;
        char *grown = realloc(d->text, cap);
        assert_non_null(grown);
        d->text = grown;
        d->cap = cap;
    }
    memcpy(d->text + d->len, s, n + 1);
    d->len += n;
}

static int dump_row(const pm_row *row, void *payload)
{
    char part[512];
    snprintf(part, sizeof part, "#%lld", (long long)row->id);
    dump_append(payload, part);
    for (unsigned int i = 0; i < row->nvalues; i++) {
        const pm_value *v = &row->values[i];
        if (v->type == PM_VALUE_INT)
            snprintf(part, sizeof part, "|%lld", (long long)v->v.i);
        else if (v->type == PM_VALUE_TEXT)
            snprintf(part, sizeof part, "|'%.*s'", (int)v->v.b.len, (const char *)v->v.b.data);
        else
            snprintf(part, sizeof part, "|~");
        dump_append(payload, part);
    }
    dump_append(payload, "\n");
    return 0;
}

static char *store_dump(pm_fixture *f)
{
    dump d = { NULL, 0, 0 };
    dump_append(&d, "");
    pm_storage *storage = f->db->storage;
    for (unsigned int kind = 0; kind < PM_KIND_COUNT; kind++) {
        char head[32];
        snprintf(head, sizeof head, "kind %u\n", kind);
        dump_append(&d, head);
        pm_scan scan = { kind, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
        assert_int_equal(storage->scan(storage, &scan, dump_row, &d), PM_OK);
    }
    return d.text;
}

static void assert_store_is(pm_fixture *f, char *before)
{
    char *after = store_dump(f);
    if (strcmp(before, after) != 0)
        fail_msg("the store changed:\n--- before\n%s--- after\n%s", before, after);
    free(after);
    free(before);
}

static pm_id person(pm_fixture *f, const char *ext, const char *name)
{
    return pm_fixture_person(f, ext, name, 0, 0);
}

static pm_id unit(pm_fixture *f, const char *name, pm_id parent)
{
    return pm_fixture_unit(f, name, parent);
}

static pm_id manager_on(pm_fixture *f, pm_id who, pm_date date)
{
    pm_id m = -1;
    assert_ok(f->sys, pm_org_manager_on(&m, f->sys, who, date));
    return m;
}

static pm_id unit_on(pm_fixture *f, pm_id who, pm_date date)
{
    pm_id u = -1;
    assert_ok(f->sys, pm_org_unit_on(&u, f->sys, who, date));
    return u;
}

static void set_manager(pm_fixture *f, pm_id who, pm_id manager, const char *iso)
{
    assert_ok(f->sys, pm_org_set_manager(f->sys, who, manager, D(iso)));
}

static void set_unit(pm_fixture *f, pm_id who, pm_id u, const char *iso)
{
    assert_ok(f->sys, pm_org_set_unit(f->sys, who, u, D(iso)));
}

static int is_above(pm_fixture *f, pm_id manager, pm_id who, const char *iso)
{
    int above = -1;
    assert_ok(f->sys, pm_org_is_above(&above, f->sys, manager, who, D(iso)));
    return above;
}

/* Drains an iterator of people and checks the ids, in order; frees it. */
static void assert_people(pm_person_iter *it, const pm_id *want, size_t count)
{
    pm_person *p = NULL;
    size_t i = 0;
    pm_status st;
    while ((st = pm_person_iter_next(&p, it)) == PM_OK) {
        if (i >= count)
            fail_msg("unexpected extra person %lld", (long long)pm_person_id(p));
        if (pm_person_id(p) != want[i])
            fail_msg("person %zu is %lld, expected %lld", i, (long long)pm_person_id(p),
                     (long long)want[i]);
        i++;
    }
    assert_int_equal(st, PM_ITEROVER);
    assert_int_equal(i, count);
    pm_person_iter_free(it);
}

static void assert_reports(pm_fixture *f, pm_id manager, const char *iso, unsigned int flags,
                           const pm_id *want, size_t count)
{
    pm_person_iter *it = NULL;
    assert_ok(f->sys, pm_org_reports(&it, f->sys, manager, D(iso), flags));
    assert_people(it, want, count);
}

static void assert_members(pm_fixture *f, pm_id u, const char *iso, unsigned int flags,
                           const pm_id *want, size_t count)
{
    pm_person_iter *it = NULL;
    assert_ok(f->sys, pm_unit_members(&it, f->sys, u, D(iso), flags));
    assert_people(it, want, count);
}

static void assert_path(pm_fixture *f, pm_id u, const char *want)
{
    char *path = NULL;
    assert_ok(f->sys, pm_unit_path(&path, f->sys, u));
    assert_string_equal(path, want);
    pm_free(path);
}

static pm_id find(pm_fixture *f, const char *path)
{
    pm_id id = 0;
    assert_ok(f->sys, pm_unit_find(&id, f->sys, path));
    return id;
}

static pm_status create_unit(pm_fixture *f, pm_id *out, const char *name, size_t len,
                             pm_id parent)
{
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = name;
    o.name_len = len;
    o.parent = parent;
    return pm_unit_create(out, f->sys, &o);
}

/* ---- core: periods ---- */

static void test_core_period_covers_start_but_not_end(void **state)
{
    (void)state;
    pm_org_period closed = { 7, 100, 110 };
    assert_false(pm_org__covers(&closed, 99));
    assert_true(pm_org__covers(&closed, 100));
    assert_true(pm_org__covers(&closed, 109));
    assert_false(pm_org__covers(&closed, 110));
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    assert_true(pm_org__covers(&open, 100));
    assert_true(pm_org__covers(&open, 2000000));
    assert_false(pm_org__covers(&open, 99));
}

static void test_core_find_covering_picks_the_period_of_the_day_or_none(void **state)
{
    (void)state;
    /* [100,110) unit 1, gap, [120,130) unit 2, [130,open) unit 3 */
    pm_org_period h[] = { { 1, 100, 110 }, { 2, 120, 130 }, { 3, 130, PM_DATE_NONE } };
    assert_int_equal(pm_org__find_covering(h, 3, 99), 3);
    assert_int_equal(pm_org__find_covering(h, 3, 100), 0);
    assert_int_equal(pm_org__find_covering(h, 3, 109), 0);
    assert_int_equal(pm_org__find_covering(h, 3, 110), 3);
    assert_int_equal(pm_org__find_covering(h, 3, 119), 3);
    assert_int_equal(pm_org__find_covering(h, 3, 120), 1);
    assert_int_equal(pm_org__find_covering(h, 3, 129), 1);
    assert_int_equal(pm_org__find_covering(h, 3, 130), 2);
    assert_int_equal(pm_org__find_covering(h, 3, 5000), 2);
    assert_int_equal(pm_org__find_covering(h, 0, 100), 0);
    /* A closed last period covers nothing after its end. */
    assert_int_equal(pm_org__find_covering(h, 2, 130), 2);
}

static void test_core_next_change_is_the_first_start_or_end_after_the_day(void **state)
{
    (void)state;
    pm_org_period h[] = { { 1, 100, 110 }, { 2, 120, 130 }, { 3, 130, PM_DATE_NONE } };
    assert_int_equal(pm_org__next_change(h, 3, 50), 100);
    assert_int_equal(pm_org__next_change(h, 3, 100), 110);
    assert_int_equal(pm_org__next_change(h, 3, 110), 120);
    assert_int_equal(pm_org__next_change(h, 3, 125), 130);
    assert_int_equal(pm_org__next_change(h, 3, 130), PM_DATE_NONE);
    assert_int_equal(pm_org__next_change(h, 0, 130), PM_DATE_NONE);
}

static void test_core_latest_change_is_the_end_once_closed(void **state)
{
    (void)state;
    pm_org_period open = { 1, 100, PM_DATE_NONE };
    pm_org_period closed = { 1, 100, 140 };
    assert_int_equal(pm_org__latest_change(&open), 100);
    assert_int_equal(pm_org__latest_change(&closed), 140);
}

static void test_core_check_date_accepts_years_1_to_9999_only(void **state)
{
    (void)state;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__check_date(D("0001-01-01"), "x.date", &err), PM_OK);
    assert_int_equal(pm_org__check_date(D("9999-12-31"), "x.date", &err), PM_OK);
    assert_int_equal(pm_org__check_date(D("0001-01-01") - 1, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(D("9999-12-31") + 1, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(PM_DATE_NONE, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(PM_DATE_NONE + 1, "x.date", &err), PM_EINVAL);
    assert_int_equal(pm_org__check_date(INT32_MAX, "x.date", &err), PM_EINVAL);
    assert_non_null(strstr(err.message, "x.date: 2147483647 is not a date"));
}

/* ---- core: how a change applies ---- */

static pm_org_plan plan_ok(const pm_org_period *latest, pm_date date, pm_id target)
{
    pm_org_plan plan;
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_org__plan_change(&plan, latest, date, target, "reporting_line", &err);
    if (st != PM_OK)
        fail_msg("plan refused: %s", err.message);
    return plan;
}

static void test_core_plan_first_change_opens_a_period(void **state)
{
    (void)state;
    pm_org_plan plan = plan_ok(NULL, 100, 7);
    assert_int_equal(plan.steps, PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.opened.target, 7);
    assert_int_equal(plan.opened.start, 100);
    assert_int_equal(plan.opened.end, PM_DATE_NONE);
    assert_int_equal(plan_ok(NULL, 100, 0).steps, 0);
}

static void test_core_plan_before_latest_change_is_refused_with_both_dates(void **state)
{
    (void)state;
    pm_org_period open = { 7, D("2026-03-01"), PM_DATE_NONE };
    pm_org_plan plan;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__plan_change(&plan, &open, D("2026-01-01"), 8, "reporting_line", &err),
                     PM_ECONFLICT);
    assert_string_equal(err.message,
                        "reporting_line.date: 2026-01-01 is before the latest change on 2026-03-01");
    /* A closed period's latest change is its end: days inside it are history too. */
    pm_org_period closed = { 7, D("2026-03-01"), D("2026-05-01") };
    assert_int_equal(pm_org__plan_change(&plan, &closed, D("2026-04-01"), 8, "membership", &err),
                     PM_ECONFLICT);
    assert_string_equal(err.message,
                        "membership.date: 2026-04-01 is before the latest change on 2026-05-01");
    assert_int_equal(pm_org__plan_change(&plan, &closed, D("2026-03-01"), 0, "membership", &err),
                     PM_ECONFLICT);
}

static void test_core_plan_same_day_replaces_the_target(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    pm_org_plan plan = plan_ok(&open, 100, 8);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE);
    assert_int_equal(plan.latest.target, 8);
    assert_int_equal(plan.latest.start, 100);
    assert_int_equal(plan.latest.end, PM_DATE_NONE);
}

static void test_core_plan_same_day_with_no_target_drops_the_period(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    assert_int_equal(plan_ok(&open, 100, 0).steps, PM_ORG_PLAN_DROP);
}

static void test_core_plan_later_day_closes_and_opens(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    pm_org_plan plan = plan_ok(&open, 130, 8);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE | PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.latest.target, 7);
    assert_int_equal(plan.latest.start, 100);
    assert_int_equal(plan.latest.end, 130);
    assert_int_equal(plan.opened.target, 8);
    assert_int_equal(plan.opened.start, 130);
    assert_int_equal(plan.opened.end, PM_DATE_NONE);
}

static void test_core_plan_later_day_with_no_target_only_closes(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    pm_org_plan plan = plan_ok(&open, 130, 0);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE);
    assert_int_equal(plan.latest.end, 130);
}

static void test_core_plan_same_target_changes_nothing(void **state)
{
    (void)state;
    pm_org_period open = { 7, 100, PM_DATE_NONE };
    assert_int_equal(plan_ok(&open, 100, 7).steps, 0);
    assert_int_equal(plan_ok(&open, 500, 7).steps, 0);
}

static void test_core_plan_after_a_closed_period(void **state)
{
    (void)state;
    pm_org_period closed = { 7, 100, 130 };
    /* Nothing is open: "no target" is already true. */
    assert_int_equal(plan_ok(&closed, 130, 0).steps, 0);
    assert_int_equal(plan_ok(&closed, 200, 0).steps, 0);
    /* A new target opens a period on the closing day or later. */
    pm_org_plan plan = plan_ok(&closed, 130, 8);
    assert_int_equal(plan.steps, PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.opened.start, 130);
    plan = plan_ok(&closed, 150, 7);
    assert_int_equal(plan.steps, PM_ORG_PLAN_OPEN);
    assert_int_equal(plan.opened.target, 7);
    assert_int_equal(plan.opened.start, 150);
    /* The old target again on the closing day undoes the closing. */
    plan = plan_ok(&closed, 130, 7);
    assert_int_equal(plan.steps, PM_ORG_PLAN_UPDATE);
    assert_int_equal(plan.latest.start, 100);
    assert_int_equal(plan.latest.end, PM_DATE_NONE);
}

/* ---- core: cycles ---- */

/* A parent relation as an array: parent[i] is the parent of i (0: top). */
typedef struct tree {
    const pm_id *parent;
    size_t size;
    int calls;
    pm_id fail_at;   /* asking for this node fails with PM_ESTORAGE */
} tree;

static pm_status tree_parent(pm_id *parent, pm_id node, void *payload)
{
    tree *t = payload;
    t->calls++;
    if (node == t->fail_at)
        return PM_ESTORAGE;
    assert_true(node > 0 && (size_t)node < t->size);
    *parent = t->parent[node];
    return PM_OK;
}

static int reaches(tree *t, pm_id from, pm_id target)
{
    int found = -1;
    pm_error err;
    pm_error__clear(&err);
    if (pm_org__reaches(&found, from, target, tree_parent, t, "test", &err) != PM_OK)
        fail_msg("walk failed: %s", err.message);
    return found;
}

static void test_core_reaches_finds_ancestors_only(void **state)
{
    (void)state;
    /* 1 <- 2 <- 3 <- 4, and 5 on its own under 1 */
    static const pm_id parent[] = { 0, 0, 1, 2, 3, 1 };
    tree t = { parent, 6, 0, 0 };
    assert_int_equal(reaches(&t, 4, 1), 1);
    assert_int_equal(reaches(&t, 4, 3), 1);
    assert_int_equal(reaches(&t, 4, 4), 1);
    assert_int_equal(reaches(&t, 1, 4), 0);
    assert_int_equal(reaches(&t, 5, 2), 0);
    assert_int_equal(reaches(&t, 3, 5), 0);
}

static void test_core_reaches_asks_each_node_once_and_stops_at_target(void **state)
{
    (void)state;
    static const pm_id parent[] = { 0, 0, 1, 2, 3 };
    tree t = { parent, 5, 0, 0 };
    assert_int_equal(reaches(&t, 4, 2), 1);
    assert_int_equal(t.calls, 2); /* 4 and 3; 2 is the target */
    t.calls = 0;
    assert_int_equal(reaches(&t, 4, 99), 0);
    assert_int_equal(t.calls, 4);
}

static void test_core_reaches_reports_a_stored_loop_as_corrupt(void **state)
{
    (void)state;
    /* 1 -> 2 -> 3 -> 4 -> 2: a loop that 1 walks into, and 5 points to itself */
    static const pm_id parent[] = { 0, 2, 3, 4, 2, 5 };
    tree t = { parent, 6, 0, 0 };
    int found = -1;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__reaches(&found, 1, 99, tree_parent, &t, "unit.parent", &err),
                     PM_ECORRUPT);
    assert_non_null(strstr(err.message, "unit.parent: the chain above 1 loops"));
    assert_true(t.calls < 20);
    assert_int_equal(pm_org__reaches(&found, 5, 99, tree_parent, &t, "unit.parent", &err),
                     PM_ECORRUPT);
    /* A target on the loop is still found. */
    assert_int_equal(reaches(&t, 1, 4), 1);
}

static void test_core_reaches_passes_on_the_callback_error(void **state)
{
    (void)state;
    static const pm_id parent[] = { 0, 0, 1, 2 };
    tree t = { parent, 4, 0, 2 };
    int found = -1;
    pm_error err;
    pm_error__clear(&err);
    assert_int_equal(pm_org__reaches(&found, 3, 1, tree_parent, &t, "x", &err), PM_ESTORAGE);
}

/* ---- units ---- */

static void test_unit_create_then_get_returns_name_and_parent(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    pm_unit *u = NULL;
    assert_ok(f->sys, pm_unit_get(&u, f->sys, eng));
    assert_int_equal(pm_unit_id(u), eng);
    assert_string_equal(pm_unit_name(u), "Engineering");
    assert_int_equal(pm_unit_parent(u), top);
    pm_unit_free(u);
    assert_ok(f->sys, pm_unit_get(&u, f->sys, top));
    assert_int_equal(pm_unit_parent(u), 0);
    pm_unit_free(u);
    assert_int_equal(pm_unit_id(NULL), 0);
    assert_null(pm_unit_name(NULL));
    assert_int_equal(pm_unit_parent(NULL), 0);
}

static void test_unit_name_is_stored_nfc_with_explicit_length(void **state)
{
    pm_fixture *f = *state;
    pm_id id = 0;
    /* Only the first len bytes count. */
    assert_ok(f->sys, create_unit(f, &id, A_RING_NFD "sa team", sizeof(A_RING_NFD "sa") - 1, 0));
    pm_unit *u = NULL;
    assert_ok(f->sys, pm_unit_get(&u, f->sys, id));
    assert_string_equal(pm_unit_name(u), A_RING_NFC "sa");
    pm_unit_free(u);
}

static void test_unit_path_and_find_walk_the_tree_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    pm_id plat = unit(f, "Platform " A_RING_NFC "sa", eng);
    assert_path(f, top, "Company");
    assert_path(f, plat, "Company/Engineering/Platform " A_RING_NFC "sa");
    assert_int_equal(find(f, "Company/Engineering/Platform " A_RING_NFC "sa"), plat);
    assert_int_equal(find(f, "COMPANY/engineering/PLATFORM " a_ring "SA"), plat);
    assert_int_equal(find(f, "company/Engineering/platform " A_RING_NFD "sa"), plat);
    assert_int_equal(find(f, "company"), top);
    assert_int_equal(find(f, "Company/ENGINEERING"), eng);
}

static void test_unit_find_unknown_names_the_missing_level(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    unit(f, "Engineering", top);
    pm_id id = 42;
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/Sales"), PM_ENOTFOUND,
                 "unit.path: no unit 'Sales' under 'Company'");
    assert_int_equal(id, 0);
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/Engineering/Platform"), PM_ENOTFOUND,
                 "no unit 'Platform' under 'Company/Engineering'");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Engineering"), PM_ENOTFOUND,
                 "unit.path: no top-level unit 'Engineering'");
}

static void test_unit_find_refuses_malformed_paths(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    unit(f, "Engineering", top);
    pm_id id = 0;
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company//Engineering"), PM_EINVAL,
                 "unit.path: 'Company//Engineering' has an empty name");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "/Company"), PM_EINVAL, "empty name");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/"), PM_EINVAL, "empty name");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, ""), PM_EINVAL, "unit.path: must not be empty");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Comp\xff"), PM_EUTF8,
                 "unit.path: invalid UTF-8");
    assert_fails(f->sys, pm_unit_find(&id, f->sys, NULL), PM_EINVAL, "unit.path: must not be NULL");
    assert_fails(f->sys, pm_unit_find(NULL, f->sys, "Company"), PM_EINVAL, "out: must not be NULL");
}

static void test_unit_siblings_may_not_share_a_name_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    unit(f, A_RING_NFC "SA", top);
    char *before = store_dump(f);
    pm_id id = 0;
    assert_fails(f->sys, create_unit(f, &id, a_ring "sa", 0, top), PM_ECONFLICT, "");
    char want[128];
    snprintf(want, sizeof want, "unit.name: '" a_ring "sa' already exists under unit %lld",
             (long long)top);
    assert_string_equal(pm_session_errmsg(f->sys), want);
    /* The same name in NFD is the same name. */
    assert_fails(f->sys, create_unit(f, &id, A_RING_NFD "sa", 0, top), PM_ECONFLICT,
                 "already exists under unit");
    assert_fails(f->sys, create_unit(f, &id, "company", 0, 0), PM_ECONFLICT,
                 "unit.name: 'company' already exists at the top level");
    assert_int_equal(id, 0);
    assert_store_is(f, before);
}

static void test_unit_same_name_is_fine_under_different_parents(void **state)
{
    pm_fixture *f = *state;
    pm_id a = unit(f, "Sales", 0);
    pm_id b = unit(f, "Support", 0);
    pm_id a_ops = unit(f, "Ops", a);
    pm_id b_ops = unit(f, "OPS", b);
    assert_int_not_equal(a_ops, b_ops);
    assert_int_equal(find(f, "sales/ops"), a_ops);
    assert_int_equal(find(f, "support/ops"), b_ops);
}

static void test_unit_children_come_in_folded_name_order(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id beta = unit(f, "beta", top);
    pm_id alpha = unit(f, "Alpha", top);
    pm_id gamma = unit(f, "Gamma", top);
    unit(f, "Deep", beta);
    pm_unit_iter *it = NULL;
    assert_ok(f->sys, pm_unit_children(&it, f->sys, top));
    pm_id want[] = { alpha, beta, gamma };
    pm_unit *u = NULL;
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(pm_unit_iter_next(&u, it), PM_OK);
        assert_int_equal(pm_unit_id(u), want[i]);
        assert_int_equal(pm_unit_parent(u), top);
    }
    assert_string_equal(pm_unit_name(u), "Gamma");
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    assert_null(u);
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    pm_unit_iter_free(it);

    assert_ok(f->sys, pm_unit_children(&it, f->sys, 0));
    assert_int_equal(pm_unit_iter_next(&u, it), PM_OK);
    assert_int_equal(pm_unit_id(u), top);
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    pm_unit_iter_free(it);

    assert_ok(f->sys, pm_unit_children(&it, f->sys, gamma));
    assert_int_equal(pm_unit_iter_next(&u, it), PM_ITEROVER);
    pm_unit_iter_free(it);
    pm_unit_iter_free(NULL);
    assert_int_equal(pm_unit_iter_next(NULL, NULL), PM_EINVAL);
}

static void test_unit_children_of_unknown_or_negative_parent_fail(void **state)
{
    pm_fixture *f = *state;
    pm_unit_iter *it = (pm_unit_iter *)&it;
    assert_fails(f->sys, pm_unit_children(&it, f->sys, 999), PM_ENOTFOUND,
                 "unit.parent: unit 999 does not exist");
    assert_null(it);
    assert_fails(f->sys, pm_unit_children(&it, f->sys, -3), PM_EINVAL,
                 "unit.parent: -3 is not a unit id");
}

static void test_unit_rename_changes_the_name_and_keeps_the_rest(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    assert_ok(f->sys, pm_unit_rename(f->sys, eng, "R&D", 0));
    assert_path(f, eng, "Company/R&D");
    assert_int_equal(find(f, "company/r&d"), eng);
    /* A new case of its own name is no conflict. */
    assert_ok(f->sys, pm_unit_rename(f->sys, eng, "r&d xyz", 3));
    assert_path(f, eng, "Company/r&d");
    pm_id id = 0;
    assert_fails(f->sys, pm_unit_find(&id, f->sys, "Company/Engineering"), PM_ENOTFOUND, "");
}

static void test_unit_rename_to_a_sibling_name_conflicts_and_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    unit(f, "Sales", top);
    pm_id eng = unit(f, "Engineering", top);
    char *before = store_dump(f);
    assert_fails(f->sys, pm_unit_rename(f->sys, eng, "SALES", 0), PM_ECONFLICT,
                 "unit.name: 'SALES' already exists under unit");
    assert_store_is(f, before);
}

static void test_unit_move_changes_the_path(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    pm_id sales = unit(f, "Sales", top);
    pm_id plat = unit(f, "Platform", eng);
    assert_ok(f->sys, pm_unit_move(f->sys, eng, sales));
    assert_path(f, plat, "Company/Sales/Engineering/Platform");
    assert_ok(f->sys, pm_unit_move(f->sys, eng, 0));
    assert_path(f, plat, "Engineering/Platform");
    assert_int_equal(find(f, "engineering/platform"), plat);
    /* Moving to where it already is changes nothing visible. */
    assert_ok(f->sys, pm_unit_move(f->sys, eng, 0));
    assert_path(f, eng, "Engineering");
}

static void test_unit_move_under_itself_or_a_descendant_is_a_cycle(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    pm_id plat = unit(f, "Platform", eng);
    pm_id core = unit(f, "Core", plat);
    char *before = store_dump(f);
    char want[128];
    snprintf(want, sizeof want, "unit.parent: unit %lld is below unit %lld; a cycle is refused",
             (long long)core, (long long)eng);
    assert_fails(f->sys, pm_unit_move(f->sys, eng, core), PM_ECYCLE, want);
    assert_fails(f->sys, pm_unit_move(f->sys, eng, plat), PM_ECYCLE, "a cycle is refused");
    assert_fails(f->sys, pm_unit_move(f->sys, top, core), PM_ECYCLE, "a cycle is refused");
    assert_fails(f->sys, pm_unit_move(f->sys, eng, eng), PM_ECYCLE, "cannot be its own parent");
    assert_store_is(f, before);
    /* Sideways and upwards moves are fine. */
    assert_ok(f->sys, pm_unit_move(f->sys, core, eng));
    assert_path(f, core, "Company/Engineering/Core");
}

static void test_unit_move_into_a_parent_with_the_same_name_conflicts(void **state)
{
    pm_fixture *f = *state;
    pm_id a = unit(f, "A", 0);
    pm_id b = unit(f, "B", 0);
    unit(f, "Ops", a);
    pm_id b_ops = unit(f, "ops", b);
    char *before = store_dump(f);
    char want[96];
    snprintf(want, sizeof want, "unit.name: 'ops' already exists under unit %lld", (long long)a);
    assert_fails(f->sys, pm_unit_move(f->sys, b_ops, a), PM_ECONFLICT, want);
    assert_store_is(f, before);
}

static void test_unit_bad_names_are_refused_and_change_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    char long_name[2 * 201 + 1];
    for (int i = 0; i < 201; i++)
        memcpy(long_name + 2 * i, "\xC3\xA9", 2); /* é: two bytes, one code point */
    long_name[2 * 201] = '\0';
    struct {
        const char *name;
        size_t len;
        pm_status status;
        const char *message;
    } cases[] = {
        { NULL, 0, PM_EINVAL, "unit.name: must not be empty" },
        { "", 0, PM_EINVAL, "unit.name: must not be empty" },
        { "Sales/EMEA", 0, PM_EINVAL, "unit.name: must not contain '/'" },
        { "/", 0, PM_EINVAL, "unit.name: must not contain '/'" },
        { long_name, 0, PM_ERANGE, "unit.name: longer than 200" },
        { "Sales\xff", 0, PM_EUTF8, "unit.name: invalid UTF-8" },
        { "\xC3", 0, PM_EUTF8, "unit.name: invalid UTF-8" },
        { "Sa\0les", 6, PM_EUTF8, "unit.name: contains a NUL byte" },
        { "Sales\nEMEA", 0, PM_EINVAL, "unit.name:" },
    };
    char *before = store_dump(f);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pm_id id = 0;
        assert_fails(f->sys, create_unit(f, &id, cases[i].name, cases[i].len, top),
                     cases[i].status, cases[i].message);
        assert_int_equal(id, 0);
        assert_fails(f->sys, pm_unit_rename(f->sys, top, cases[i].name, cases[i].len),
                     cases[i].status, cases[i].message);
    }
    assert_store_is(f, before);
    /* 200 code points in 400 bytes is within the limit. */
    long_name[2 * 200] = '\0';
    pm_id id = 0;
    assert_ok(f->sys, create_unit(f, &id, long_name, 0, top));
}

static void test_unit_unknown_and_invalid_ids_are_refused(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    char *before = store_dump(f);
    pm_id id = 0;
    assert_fails(f->sys, create_unit(f, &id, "Sales", 0, 999), PM_ENOTFOUND,
                 "unit.parent: unit 999 does not exist");
    assert_fails(f->sys, create_unit(f, &id, "Sales", 0, -1), PM_EINVAL,
                 "unit.parent: -1 is not a unit id");
    assert_fails(f->sys, pm_unit_rename(f->sys, 999, "X", 0), PM_ENOTFOUND,
                 "unit: unit 999 does not exist");
    assert_fails(f->sys, pm_unit_rename(f->sys, 0, "X", 0), PM_EINVAL, "unit: 0 is not a unit id");
    assert_fails(f->sys, pm_unit_move(f->sys, 999, 0), PM_ENOTFOUND, "unit: unit 999 does not exist");
    assert_fails(f->sys, pm_unit_move(f->sys, -5, 0), PM_EINVAL, "unit: -5 is not a unit id");
    assert_fails(f->sys, pm_unit_move(f->sys, top, 999), PM_ENOTFOUND,
                 "unit.parent: unit 999 does not exist");
    assert_fails(f->sys, pm_unit_move(f->sys, top, -2), PM_EINVAL, "unit.parent: -2 is not a unit id");
    assert_store_is(f, before);

    pm_unit *u = (pm_unit *)&u;
    assert_fails(f->sys, pm_unit_get(&u, f->sys, 999), PM_ENOTFOUND, "unit: unit 999 does not exist");
    assert_null(u);
    assert_fails(f->sys, pm_unit_get(&u, f->sys, 0), PM_EINVAL, "unit: 0 is not a unit id");
    assert_fails(f->sys, pm_unit_get(NULL, f->sys, top), PM_EINVAL, "out: must not be NULL");
    char *path = (char *)&path;
    assert_fails(f->sys, pm_unit_path(&path, f->sys, 999), PM_ENOTFOUND,
                 "unit: unit 999 does not exist");
    assert_null(path);
    assert_fails(f->sys, pm_unit_path(&path, f->sys, -1), PM_EINVAL, "unit: -1 is not a unit id");
}

static void test_unit_create_checks_opts_and_session(void **state)
{
    pm_fixture *f = *state;
    char *before = store_dump(f);
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = "Sales";
    o.version = 2;
    assert_fails(f->sys, pm_unit_create(NULL, f->sys, &o), PM_EVERSION, "unit_opts.version: 2");
    o.version = 0;
    assert_fails(f->sys, pm_unit_create(NULL, f->sys, &o), PM_EVERSION, "unit_opts.version: 0");
    assert_fails(f->sys, pm_unit_create(NULL, f->sys, NULL), PM_EINVAL, "opts: must not be NULL");
    assert_int_equal(pm_unit_create(NULL, NULL, &o), PM_EINVAL);
    assert_store_is(f, before);
    /* out may be NULL. */
    o.version = PM_UNIT_OPTS_VERSION;
    assert_ok(f->sys, pm_unit_create(NULL, f->sys, &o));
    assert_true(find(f, "Sales") > 0);
}

static void test_unit_opts_init_fills_defaults(void **state)
{
    (void)state;
    pm_unit_opts o;
    memset(&o, 0x5a, sizeof o);
    assert_int_equal(pm_unit_opts_init(&o, PM_UNIT_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_UNIT_OPTS_VERSION);
    assert_null(o.name);
    assert_int_equal(o.name_len, 0);
    assert_int_equal(o.parent, 0);
    assert_int_equal(pm_unit_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_unit_opts_init(&o, PM_UNIT_OPTS_VERSION + 1), PM_EVERSION);
    assert_int_equal(pm_unit_opts_init(NULL, PM_UNIT_OPTS_VERSION), PM_EINVAL);
}

static void test_unit_changes_need_an_admin_but_anyone_may_read(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id ann = person(f, "E1", "Ann");
    pm_session *s = pm_fixture_session(f, ann);
    char *before = store_dump(f);
    pm_unit_opts o = PM_UNIT_OPTS_INIT;
    o.name = "Sales";
    assert_fails(s, pm_unit_create(NULL, s, &o), PM_EPERM, "permission denied");
    assert_fails(s, pm_unit_rename(s, top, "X", 0), PM_EPERM, "permission denied");
    assert_fails(s, pm_unit_move(s, top, 0), PM_EPERM, "permission denied");
    assert_fails(s, pm_org_set_unit(s, ann, top, PM_DATE_NONE), PM_EPERM, "permission denied");
    assert_fails(s, pm_org_set_manager(s, ann, 0, PM_DATE_NONE), PM_EPERM, "permission denied");
    assert_store_is(f, before);
    pm_id id = 0;
    assert_ok(s, pm_unit_find(&id, s, "company"));
    assert_int_equal(id, top);
    pm_id u = -1;
    assert_ok(s, pm_org_unit_on(&u, s, ann, PM_DATE_NONE));
    assert_int_equal(u, 0);
    pm_session_free(s);
}

/* ---- reporting lines ---- */

static void test_manager_history_answers_before_on_and_after_each_change(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    pm_id cid = person(f, "E3", "Cid");
    set_manager(f, ann, bob, "2026-01-01");
    set_manager(f, ann, cid, "2026-03-01");
    assert_int_equal(manager_on(f, ann, D("2025-12-31")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-01-01")), bob);
    assert_int_equal(manager_on(f, ann, D("2026-02-28")), bob);
    assert_int_equal(manager_on(f, ann, D("2026-03-01")), cid);
    assert_int_equal(manager_on(f, ann, D("2030-01-01")), cid);
    /* PM_DATE_NONE is today (the fixture's 2026-06-15). */
    assert_int_equal(manager_on(f, ann, PM_DATE_NONE), cid);
}

static void test_manager_change_on_the_same_day_replaces_it(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    pm_id cid = person(f, "E3", "Cid");
    pm_id dan = person(f, "E4", "Dan");
    set_manager(f, ann, bob, "2026-01-01");
    set_manager(f, ann, cid, "2026-03-01");
    set_manager(f, ann, dan, "2026-03-01");
    assert_int_equal(manager_on(f, ann, D("2026-02-28")), bob);
    assert_int_equal(manager_on(f, ann, D("2026-03-01")), dan);
    assert_reports(f, cid, "2026-03-01", 0, NULL, 0);
    pm_id want[] = { ann };
    assert_reports(f, dan, "2026-03-01", 0, want, 1);
    /* Removing on the day of the change leaves the earlier line ending there. */
    set_manager(f, ann, 0, "2026-03-01");
    assert_int_equal(manager_on(f, ann, D("2026-02-28")), bob);
    assert_int_equal(manager_on(f, ann, D("2026-03-01")), 0);
}

static void test_manager_change_before_the_latest_is_a_conflict(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    pm_id cid = person(f, "E3", "Cid");
    set_manager(f, ann, bob, "2026-03-01");
    char *before = store_dump(f);
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, cid, D("2026-01-01")), PM_ECONFLICT,
                 "reporting_line.date: 2026-01-01 is before the latest change on 2026-03-01");
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, 0, D("2026-02-28")), PM_ECONFLICT,
                 "before the latest change on 2026-03-01");
    assert_store_is(f, before);
    assert_int_equal(manager_on(f, ann, D("2026-02-01")), 0);
}

static void test_manager_removed_with_zero_then_set_again(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    pm_id cid = person(f, "E3", "Cid");
    set_manager(f, ann, bob, "2026-01-01");
    set_manager(f, ann, 0, "2026-04-01");
    assert_int_equal(manager_on(f, ann, D("2026-03-31")), bob);
    assert_int_equal(manager_on(f, ann, D("2026-04-01")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), 0);
    /* The removal is the latest change: a day inside the old line is history. */
    char *before = store_dump(f);
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, cid, D("2026-03-15")), PM_ECONFLICT,
                 "before the latest change on 2026-04-01");
    assert_store_is(f, before);
    /* Removing again changes nothing. */
    before = store_dump(f);
    set_manager(f, ann, 0, "2026-04-20");
    assert_store_is(f, before);
    set_manager(f, ann, cid, "2026-05-01");
    assert_int_equal(manager_on(f, ann, D("2026-04-30")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), cid);
    assert_int_equal(manager_on(f, ann, D("2026-03-31")), bob);
}

static void test_manager_set_to_the_same_manager_records_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    set_manager(f, ann, bob, "2026-01-01");
    char *before = store_dump(f);
    set_manager(f, ann, bob, "2026-02-01");
    assert_store_is(f, before);
}

static void test_manager_today_is_the_default_date(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    assert_ok(f->sys, pm_org_set_manager(f->sys, ann, bob, PM_DATE_NONE));
    assert_int_equal(manager_on(f, ann, D("2026-06-14")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-06-15")), bob);
}

static void test_manager_of_a_person_created_with_one(void **state)
{
    pm_fixture *f = *state;
    pm_id boss = person(f, "E1", "Boss");
    pm_id top = unit(f, "Company", 0);
    pm_id ann = pm_fixture_person(f, "E2", "Ann", boss, top);
    assert_int_equal(manager_on(f, ann, PM_DATE_NONE), boss);
    assert_int_equal(unit_on(f, ann, PM_DATE_NONE), top);
    assert_int_equal(manager_on(f, ann, D("2026-06-14")), 0);
}

static void test_manager_cycle_is_refused_at_every_step_that_would_close_it(void **state)
{
    pm_fixture *f = *state;
    pm_id a = person(f, "E1", "Ann");
    pm_id b = person(f, "E2", "Bob");
    pm_id c = person(f, "E3", "Cid");
    /* A -> B -> C, meaning A's manager is B and B's manager is C. */
    set_manager(f, a, b, "2026-01-01");
    set_manager(f, b, c, "2026-01-01");
    char *before = store_dump(f);
    char want[160];
    snprintf(want, sizeof want,
             "reporting_line.manager: person %lld reports to person %lld, directly or not; "
             "a cycle is refused", (long long)a, (long long)c);
    assert_fails(f->sys, pm_org_set_manager(f->sys, c, a, D("2026-02-01")), PM_ECYCLE, want);
    assert_fails(f->sys, pm_org_set_manager(f->sys, c, b, D("2026-02-01")), PM_ECYCLE,
                 "a cycle is refused");
    assert_fails(f->sys, pm_org_set_manager(f->sys, b, a, D("2026-02-01")), PM_ECYCLE,
                 "a cycle is refused");
    /* On the very day the chain starts, too. */
    assert_fails(f->sys, pm_org_set_manager(f->sys, c, a, D("2026-01-01")), PM_ECYCLE,
                 "a cycle is refused");
    assert_fails(f->sys, pm_org_set_manager(f->sys, a, a, D("2026-02-01")), PM_EINVAL,
                 "cannot be their own manager");
    assert_store_is(f, before);
    /* Once B no longer reports to C, C may report to A. */
    set_manager(f, b, 0, "2026-03-01");
    assert_fails(f->sys, pm_org_set_manager(f->sys, c, a, D("2026-02-15")), PM_ECYCLE, "cycle");
    set_manager(f, c, a, "2026-03-01");
    assert_int_equal(manager_on(f, c, D("2026-03-01")), a);
}

static void test_manager_cycle_through_a_later_recorded_change_is_refused(void **state)
{
    pm_fixture *f = *state;
    pm_id a = person(f, "E1", "Ann");
    pm_id b = person(f, "E2", "Bob");
    pm_id y = person(f, "E3", "Yan");
    /* From September B reports to A: recorded ahead of time. */
    set_manager(f, b, a, "2026-09-01");
    char *before = store_dump(f);
    /* A reporting to B from July is fine in July but a cycle from September. */
    assert_fails(f->sys, pm_org_set_manager(f->sys, a, b, D("2026-07-01")), PM_ECYCLE,
                 "a cycle is refused");
    assert_store_is(f, before);
    /* When B's line to A ends before A's line to B starts, there is no cycle. */
    set_manager(f, b, y, "2026-10-01");
    assert_fails(f->sys, pm_org_set_manager(f->sys, a, b, D("2026-07-01")), PM_ECYCLE, "cycle");
    set_manager(f, a, b, "2026-10-01");
    assert_int_equal(manager_on(f, a, D("2026-10-01")), b);
    assert_int_equal(manager_on(f, b, D("2026-09-15")), a);
}

static void test_manager_cycle_through_a_later_change_higher_up_is_refused(void **state)
{
    pm_fixture *f = *state;
    pm_id a = person(f, "E1", "Ann");
    pm_id b = person(f, "E2", "Bob");
    pm_id c = person(f, "E3", "Cid");
    pm_id d = person(f, "E4", "Dan");
    /* B -> C from January; C -> D from January, then C -> A from November. */
    set_manager(f, b, c, "2026-01-01");
    set_manager(f, c, d, "2026-01-01");
    set_manager(f, c, a, "2026-11-01");
    char *before = store_dump(f);
    assert_fails(f->sys, pm_org_set_manager(f->sys, a, b, D("2026-02-01")), PM_ECYCLE,
                 "a cycle is refused");
    assert_store_is(f, before);
}

static void test_manager_must_exist_and_not_have_left(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id gone = person(f, "E2", "Gus");
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-05-01")));
    char *before = store_dump(f);
    char want[96];
    snprintf(want, sizeof want, "reporting_line.manager: person %lld has left", (long long)gone);
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, gone, D("2026-06-01")), PM_EINVAL, want);
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, 999, D("2026-06-01")), PM_ENOTFOUND,
                 "reporting_line.manager: person 999 does not exist");
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, -4, D("2026-06-01")), PM_EINVAL,
                 "reporting_line.manager: -4 is not a person id");
    assert_fails(f->sys, pm_org_set_manager(f->sys, 999, ann, D("2026-06-01")), PM_ENOTFOUND,
                 "reporting_line.person: person 999 does not exist");
    assert_fails(f->sys, pm_org_set_manager(f->sys, 0, ann, D("2026-06-01")), PM_EINVAL,
                 "reporting_line.person: 0 is not a person id");
    assert_fails(f->sys, pm_org_set_manager(f->sys, -1, ann, D("2026-06-01")), PM_EINVAL,
                 "reporting_line.person: -1 is not a person id");
    assert_fails(f->sys, pm_org_set_manager(f->sys, gone, ann, D("2026-06-01")), PM_EINVAL,
                 "has left");
    assert_int_equal(pm_org_set_manager(NULL, ann, 0, PM_DATE_NONE), PM_EINVAL);
    assert_store_is(f, before);
}

static void test_org_bad_dates_are_refused_everywhere(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    pm_id top = unit(f, "Company", 0);
    char *before = store_dump(f);
    const pm_date bad[] = { PM_DATE_NONE + 1, PM_DATE_NONE + 2, -1000000, 3000000, INT32_MAX };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pm_id id = 7;
        int above = 7;
        pm_person_iter *it = NULL;
        assert_fails(f->sys, pm_org_set_manager(f->sys, ann, bob, bad[i]), PM_EINVAL,
                     "reporting_line.date: ");
        assert_fails(f->sys, pm_org_set_unit(f->sys, ann, top, bad[i]), PM_EINVAL,
                     "membership.date: ");
        assert_fails(f->sys, pm_org_manager_on(&id, f->sys, ann, bad[i]), PM_EINVAL,
                     "is not a date in years 0001 to 9999");
        assert_int_equal(id, 0);
        assert_fails(f->sys, pm_org_unit_on(&id, f->sys, ann, bad[i]), PM_EINVAL, "is not a date");
        assert_fails(f->sys, pm_org_is_above(&above, f->sys, bob, ann, bad[i]), PM_EINVAL,
                     "is not a date");
        assert_int_equal(above, 0);
        assert_fails(f->sys, pm_org_reports(&it, f->sys, bob, bad[i], 0), PM_EINVAL,
                     "is not a date");
        assert_null(it);
        assert_fails(f->sys, pm_unit_members(&it, f->sys, top, bad[i], 0), PM_EINVAL,
                     "is not a date");
        assert_null(it);
    }
    assert_store_is(f, before);
}

static void test_org_queries_refuse_unknown_people_units_and_flags(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = person(f, "E1", "Ann");
    pm_id top = unit(f, "Company", 0);
    pm_id id = 0;
    int above = 0;
    pm_person_iter *it = NULL;
    assert_fails(f->sys, pm_org_manager_on(&id, f->sys, 999, PM_DATE_NONE), PM_ENOTFOUND,
                 "person 999 does not exist");
    assert_fails(f->sys, pm_org_manager_on(&id, f->sys, 0, PM_DATE_NONE), PM_EINVAL,
                 "0 is not a person id");
    assert_fails(f->sys, pm_org_manager_on(NULL, f->sys, ann, PM_DATE_NONE), PM_EINVAL,
                 "out: must not be NULL");
    assert_fails(f->sys, pm_org_unit_on(&id, f->sys, 999, PM_DATE_NONE), PM_ENOTFOUND,
                 "membership.person: person 999 does not exist");
    assert_fails(f->sys, pm_org_unit_on(&id, f->sys, -2, PM_DATE_NONE), PM_EINVAL,
                 "-2 is not a person id");
    assert_fails(f->sys, pm_org_is_above(&above, f->sys, 999, ann, PM_DATE_NONE), PM_ENOTFOUND,
                 "person 999 does not exist");
    assert_fails(f->sys, pm_org_is_above(&above, f->sys, ann, 999, PM_DATE_NONE), PM_ENOTFOUND,
                 "person 999 does not exist");
    assert_fails(f->sys, pm_org_is_above(&above, f->sys, 0, ann, PM_DATE_NONE), PM_EINVAL,
                 "0 is not a person id");
    assert_fails(f->sys, pm_org_reports(&it, f->sys, 999, PM_DATE_NONE, 0), PM_ENOTFOUND,
                 "reporting_line.manager: person 999 does not exist");
    assert_fails(f->sys, pm_org_reports(&it, f->sys, 0, PM_DATE_NONE, 0), PM_EINVAL,
                 "0 is not a person id");
    assert_fails(f->sys, pm_org_reports(&it, f->sys, ann, PM_DATE_NONE, 0x8), PM_EINVAL,
                 "flags: 0x8");
    assert_fails(f->sys, pm_unit_members(&it, f->sys, 999, PM_DATE_NONE, 0), PM_ENOTFOUND,
                 "unit 999 does not exist");
    assert_fails(f->sys, pm_unit_members(&it, f->sys, 0, PM_DATE_NONE, 0), PM_EINVAL,
                 "0 is not a unit id");
    assert_fails(f->sys, pm_unit_members(&it, f->sys, top, PM_DATE_NONE, 0x2), PM_EINVAL,
                 "flags: 0x2");
    assert_fails(f->sys, pm_unit_members(NULL, f->sys, top, PM_DATE_NONE, 0), PM_EINVAL,
                 "out: must not be NULL");
    assert_null(it);
}

/* ---- reports and is_above ---- */

/* Mia leads Ann and Bob; Ann leads Cid and Dan; Cid leads Eve. On April 1st
 * Ann's team moves under Nat. */
typedef struct org_chart {
    pm_id mia, ann, bob, cid, dan, eve, nat;
} org_chart;

static org_chart build_chart(pm_fixture *f)
{
    org_chart o;
    o.ann = person(f, "E1", "Ann");
    o.bob = person(f, "E2", "Bob");
    o.cid = person(f, "E3", "Cid");
    o.dan = person(f, "E4", "Dan");
    o.eve = person(f, "E5", "Eve");
    o.mia = person(f, "E6", "Mia");
    o.nat = person(f, "E7", "Nat");
    set_manager(f, o.ann, o.mia, "2026-01-01");
    set_manager(f, o.bob, o.mia, "2026-01-01");
    set_manager(f, o.cid, o.ann, "2026-01-01");
    set_manager(f, o.dan, o.ann, "2026-01-01");
    set_manager(f, o.eve, o.cid, "2026-02-01");
    set_manager(f, o.ann, o.nat, "2026-04-01");
    return o;
}

static void test_reports_direct_on_a_date(void **state)
{
    pm_fixture *f = *state;
    org_chart o = build_chart(f);
    pm_id march[] = { o.ann, o.bob };
    assert_reports(f, o.mia, "2026-03-31", 0, march, 2);
    pm_id april[] = { o.bob };
    assert_reports(f, o.mia, "2026-04-01", 0, april, 1);
    assert_reports(f, o.mia, "2025-12-31", 0, NULL, 0);
    pm_id team[] = { o.cid, o.dan };
    assert_reports(f, o.ann, "2026-04-01", 0, team, 2);
    assert_reports(f, o.eve, "2026-04-01", 0, NULL, 0);
}

static void test_reports_indirect_cover_the_subtree_and_follow_a_reorg(void **state)
{
    pm_fixture *f = *state;
    org_chart o = build_chart(f);
    pm_id before[] = { o.ann, o.bob, o.cid, o.dan, o.eve };
    assert_reports(f, o.mia, "2026-03-31", PM_ORG_REPORTS_INDIRECT, before, 5);
    pm_id january[] = { o.ann, o.bob, o.cid, o.dan };
    assert_reports(f, o.mia, "2026-01-15", PM_ORG_REPORTS_INDIRECT, january, 4);
    pm_id after[] = { o.bob };
    assert_reports(f, o.mia, "2026-04-01", PM_ORG_REPORTS_INDIRECT, after, 1);
    pm_id nat_after[] = { o.ann, o.cid, o.dan, o.eve };
    assert_reports(f, o.nat, "2026-04-01", PM_ORG_REPORTS_INDIRECT, nat_after, 4);
    assert_reports(f, o.nat, "2026-03-31", PM_ORG_REPORTS_INDIRECT, NULL, 0);
    /* Today (2026-06-15) by default. */
    pm_person_iter *it = NULL;
    assert_ok(f->sys, pm_org_reports(&it, f->sys, o.nat, PM_DATE_NONE, PM_ORG_REPORTS_INDIRECT));
    assert_people(it, nat_after, 4);
}

static void test_is_above_follows_the_chain_on_the_date(void **state)
{
    pm_fixture *f = *state;
    org_chart o = build_chart(f);
    assert_int_equal(is_above(f, o.mia, o.eve, "2026-03-31"), 1);
    assert_int_equal(is_above(f, o.ann, o.eve, "2026-03-31"), 1);
    assert_int_equal(is_above(f, o.cid, o.eve, "2026-03-31"), 1);
    assert_int_equal(is_above(f, o.mia, o.eve, "2026-04-01"), 0);
    assert_int_equal(is_above(f, o.nat, o.eve, "2026-04-01"), 1);
    assert_int_equal(is_above(f, o.nat, o.eve, "2026-03-31"), 0);
    assert_int_equal(is_above(f, o.mia, o.eve, "2026-01-15"), 0); /* Eve had no manager yet */
    assert_int_equal(is_above(f, o.eve, o.mia, "2026-03-31"), 0);
    assert_int_equal(is_above(f, o.bob, o.eve, "2026-03-31"), 0);
    assert_int_equal(is_above(f, o.mia, o.mia, "2026-03-31"), 0);
    assert_int_equal(is_above(f, o.ann, o.cid, "2025-06-01"), 0);
}

/* ---- memberships ---- */

static void test_unit_history_answers_before_on_and_after_each_change(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    pm_id sales = unit(f, "Sales", top);
    pm_id ann = person(f, "E1", "Ann");
    set_unit(f, ann, eng, "2026-01-01");
    set_unit(f, ann, sales, "2026-03-01");
    assert_int_equal(unit_on(f, ann, D("2025-12-31")), 0);
    assert_int_equal(unit_on(f, ann, D("2026-01-01")), eng);
    assert_int_equal(unit_on(f, ann, D("2026-02-28")), eng);
    assert_int_equal(unit_on(f, ann, D("2026-03-01")), sales);
    assert_int_equal(unit_on(f, ann, PM_DATE_NONE), sales);
    /* Same day replaces; 0 later removes. */
    set_unit(f, ann, top, "2026-03-01");
    assert_int_equal(unit_on(f, ann, D("2026-03-01")), top);
    set_unit(f, ann, 0, "2026-05-01");
    assert_int_equal(unit_on(f, ann, D("2026-04-30")), top);
    assert_int_equal(unit_on(f, ann, D("2026-05-01")), 0);
    char *before = store_dump(f);
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, eng, D("2026-04-01")), PM_ECONFLICT,
                 "membership.date: 2026-04-01 is before the latest change on 2026-05-01");
    assert_store_is(f, before);
}

static void test_unit_membership_refuses_unknown_units_and_people(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id ann = person(f, "E1", "Ann");
    char *before = store_dump(f);
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, 999, D("2026-01-01")), PM_ENOTFOUND,
                 "membership.unit: unit 999 does not exist");
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, -1, D("2026-01-01")), PM_EINVAL,
                 "membership.unit: -1 is not a unit id");
    assert_fails(f->sys, pm_org_set_unit(f->sys, 999, top, D("2026-01-01")), PM_ENOTFOUND,
                 "membership.person: person 999 does not exist");
    assert_fails(f->sys, pm_org_set_unit(f->sys, 0, top, D("2026-01-01")), PM_EINVAL,
                 "membership.person: 0 is not a person id");
    assert_int_equal(pm_org_set_unit(NULL, ann, top, PM_DATE_NONE), PM_EINVAL);
    assert_store_is(f, before);
}

static void test_unit_members_on_a_date_with_and_without_sub_units(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    pm_id plat = unit(f, "Platform", eng);
    pm_id sales = unit(f, "Sales", top);
    pm_id ann = person(f, "E1", "Ann");
    pm_id bob = person(f, "E2", "Bob");
    pm_id cid = person(f, "E3", "Cid");
    pm_id dan = person(f, "E4", "Dan");
    set_unit(f, bob, eng, "2026-01-01");
    set_unit(f, ann, plat, "2026-01-01");
    set_unit(f, cid, top, "2026-01-01");
    set_unit(f, dan, sales, "2026-02-01");
    set_unit(f, ann, sales, "2026-03-01");

    pm_id eng_only[] = { bob };
    assert_members(f, eng, "2026-02-15", 0, eng_only, 1);
    pm_id eng_deep[] = { ann, bob };
    assert_members(f, eng, "2026-02-15", PM_UNIT_MEMBERS_DEEP, eng_deep, 2);
    pm_id all_feb[] = { ann, bob, cid, dan };
    assert_members(f, top, "2026-02-15", PM_UNIT_MEMBERS_DEEP, all_feb, 4);
    pm_id all_jan[] = { ann, bob, cid };
    assert_members(f, top, "2026-01-15", PM_UNIT_MEMBERS_DEEP, all_jan, 3);
    pm_id top_only[] = { cid };
    assert_members(f, top, "2026-02-15", 0, top_only, 1);
    /* Ann moved to Sales in March. */
    assert_members(f, plat, "2026-03-01", 0, NULL, 0);
    assert_members(f, eng, "2026-03-01", PM_UNIT_MEMBERS_DEEP, eng_only, 1);
    pm_id sales_march[] = { ann, dan };
    assert_members(f, sales, "2026-03-01", 0, sales_march, 2);
    assert_members(f, top, "2025-12-31", PM_UNIT_MEMBERS_DEEP, NULL, 0);
}

static void test_leaving_ends_membership_and_reporting_line(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id mia = person(f, "E1", "Mia");
    pm_id ann = person(f, "E2", "Ann");
    pm_id bob = person(f, "E3", "Bob");
    set_manager(f, ann, mia, "2026-01-01");
    set_unit(f, ann, top, "2026-01-01");
    set_manager(f, bob, ann, "2026-01-01");
    assert_ok(f->sys, pm_person_set_left(f->sys, ann, D("2026-05-01")));
    assert_int_equal(manager_on(f, ann, D("2026-04-30")), mia);
    assert_int_equal(unit_on(f, ann, D("2026-04-30")), top);
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), 0);
    assert_int_equal(unit_on(f, ann, D("2026-05-01")), 0);
    assert_reports(f, mia, "2026-05-01", 0, NULL, 0);
    assert_members(f, top, "2026-05-01", 0, NULL, 0);
    pm_id was[] = { ann };
    assert_reports(f, mia, "2026-04-30", 0, was, 1);
    /* People who reported to her keep the line until it is changed. */
    assert_int_equal(manager_on(f, bob, D("2026-06-01")), ann);
    char *before = store_dump(f);
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, top, D("2026-06-01")), PM_EINVAL,
                 "membership.person: person");
    assert_store_is(f, before);
}

static void test_leaving_before_the_latest_change_is_a_conflict(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id ann = person(f, "E1", "Ann");
    set_unit(f, ann, top, "2026-03-01");
    char *before = store_dump(f);
    assert_fails(f->sys, pm_person_set_left(f->sys, ann, D("2026-02-01")), PM_ECONFLICT,
                 "before the latest change on 2026-03-01");
    assert_store_is(f, before);
}

static void test_leaving_on_the_day_of_joining_leaves_no_membership(void **state)
{
    pm_fixture *f = *state;
    pm_id top = unit(f, "Company", 0);
    pm_id mia = person(f, "E1", "Mia");
    pm_id ann = person(f, "E2", "Ann");
    set_unit(f, ann, top, "2026-05-01");
    set_manager(f, ann, mia, "2026-05-01");
    assert_ok(f->sys, pm_person_set_left(f->sys, ann, D("2026-05-01")));
    assert_int_equal(unit_on(f, ann, D("2026-05-01")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), 0);
    assert_members(f, top, "2026-05-01", 0, NULL, 0);
    assert_reports(f, mia, "2026-05-01", 0, NULL, 0);
}

/* ---- memory ---- */

static void test_org_reads_free_everything_they_allocate(void **state)
{
    pm_fixture *f = *state;
    org_chart o = build_chart(f);
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    set_unit(f, o.ann, eng, "2026-01-01");
    long live = pm_fixture_alloc_live();
    for (int round = 0; round < 2; round++) {
        char *path = NULL;
        assert_ok(f->sys, pm_unit_path(&path, f->sys, eng));
        pm_free(path);
        pm_unit_iter *units = NULL;
        assert_ok(f->sys, pm_unit_children(&units, f->sys, top));
        pm_unit_iter_free(units);
        pm_unit *u = NULL;
        assert_ok(f->sys, pm_unit_get(&u, f->sys, eng));
        pm_unit_free(u);
        assert_int_equal(find(f, "company/engineering"), eng);
        pm_person_iter *it = NULL;
        assert_ok(f->sys, pm_org_reports(&it, f->sys, o.mia, D("2026-03-01"),
                                         PM_ORG_REPORTS_INDIRECT));
        pm_person_iter_free(it);
        assert_ok(f->sys, pm_unit_members(&it, f->sys, top, D("2026-03-01"),
                                          PM_UNIT_MEMBERS_DEEP));
        pm_person_iter_free(it);
        assert_int_equal(is_above(f, o.mia, o.eve, "2026-03-01"), 1);
        pm_id id = 0;
        assert_fails(f->sys, pm_unit_find(&id, f->sys, "company/nothing"), PM_ENOTFOUND, "");
    }
    assert_int_equal(pm_fixture_alloc_live(), live);
}

/* Every allocation of a call fails in turn: the call fails cleanly with
 * PM_ENOMEM and leaks nothing, or succeeds. */
static void test_org_reads_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    org_chart o = build_chart(f);
    pm_id top = unit(f, "Company", 0);
    pm_id eng = unit(f, "Engineering", top);
    set_unit(f, o.ann, eng, "2026-01-01");
    int succeeded = 0;
    for (long n = 0; n < 60 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        char *path = NULL;
        pm_unit_iter *units = NULL;
        pm_status a = pm_unit_path(&path, f->sys, eng);
        pm_status b = pm_unit_children(&units, f->sys, top);
        pm_fixture_alloc_fail_after(-1);
        assert_true(a == PM_OK || a == PM_ENOMEM);
        assert_true(b == PM_OK || b == PM_ENOMEM);
        if (a == PM_OK)
            assert_string_equal(path, "Company/Engineering");
        succeeded = a == PM_OK && b == PM_OK;
        pm_free(path);
        pm_unit_iter_free(units);
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
    succeeded = 0;
    for (long n = 0; n < 60 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_person_iter *it = NULL;
        pm_status st = pm_org_reports(&it, f->sys, o.mia, D("2026-03-01"),
                                      PM_ORG_REPORTS_INDIRECT);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM);
        succeeded = st == PM_OK;
        pm_person_iter_free(it);
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    assert_true(succeeded);
}

#define PURE(name) cmocka_unit_test(name)
#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    /* The counting allocator goes in before any object exists. */
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        PURE(test_core_period_covers_start_but_not_end),
        PURE(test_core_find_covering_picks_the_period_of_the_day_or_none),
        PURE(test_core_next_change_is_the_first_start_or_end_after_the_day),
        PURE(test_core_latest_change_is_the_end_once_closed),
        PURE(test_core_check_date_accepts_years_1_to_9999_only),
        PURE(test_core_plan_first_change_opens_a_period),
        PURE(test_core_plan_before_latest_change_is_refused_with_both_dates),
        PURE(test_core_plan_same_day_replaces_the_target),
        PURE(test_core_plan_same_day_with_no_target_drops_the_period),
        PURE(test_core_plan_later_day_closes_and_opens),
        PURE(test_core_plan_later_day_with_no_target_only_closes),
        PURE(test_core_plan_same_target_changes_nothing),
        PURE(test_core_plan_after_a_closed_period),
        PURE(test_core_reaches_finds_ancestors_only),
        PURE(test_core_reaches_asks_each_node_once_and_stops_at_target),
        PURE(test_core_reaches_reports_a_stored_loop_as_corrupt),
        PURE(test_core_reaches_passes_on_the_callback_error),
        T(test_unit_create_then_get_returns_name_and_parent),
        T(test_unit_name_is_stored_nfc_with_explicit_length),
        T(test_unit_path_and_find_walk_the_tree_ignoring_case),
        T(test_unit_find_unknown_names_the_missing_level),
        T(test_unit_find_refuses_malformed_paths),
        T(test_unit_siblings_may_not_share_a_name_ignoring_case),
        T(test_unit_same_name_is_fine_under_different_parents),
        T(test_unit_children_come_in_folded_name_order),
        T(test_unit_children_of_unknown_or_negative_parent_fail),
        T(test_unit_rename_changes_the_name_and_keeps_the_rest),
        T(test_unit_rename_to_a_sibling_name_conflicts_and_changes_nothing),
        T(test_unit_move_changes_the_path),
        T(test_unit_move_under_itself_or_a_descendant_is_a_cycle),
        T(test_unit_move_into_a_parent_with_the_same_name_conflicts),
        T(test_unit_bad_names_are_refused_and_change_nothing),
        T(test_unit_unknown_and_invalid_ids_are_refused),
        T(test_unit_create_checks_opts_and_session),
        PURE(test_unit_opts_init_fills_defaults),
        T(test_unit_changes_need_an_admin_but_anyone_may_read),
        T(test_manager_history_answers_before_on_and_after_each_change),
        T(test_manager_change_on_the_same_day_replaces_it),
        T(test_manager_change_before_the_latest_is_a_conflict),
        T(test_manager_removed_with_zero_then_set_again),
        T(test_manager_set_to_the_same_manager_records_nothing),
        T(test_manager_today_is_the_default_date),
        T(test_manager_of_a_person_created_with_one),
        T(test_manager_cycle_is_refused_at_every_step_that_would_close_it),
        T(test_manager_cycle_through_a_later_recorded_change_is_refused),
        T(test_manager_cycle_through_a_later_change_higher_up_is_refused),
        T(test_manager_must_exist_and_not_have_left),
        T(test_org_bad_dates_are_refused_everywhere),
        T(test_org_queries_refuse_unknown_people_units_and_flags),
        T(test_reports_direct_on_a_date),
        T(test_reports_indirect_cover_the_subtree_and_follow_a_reorg),
        T(test_is_above_follows_the_chain_on_the_date),
        T(test_unit_history_answers_before_on_and_after_each_change),
        T(test_unit_membership_refuses_unknown_units_and_people),
        T(test_unit_members_on_a_date_with_and_without_sub_units),
        T(test_leaving_ends_membership_and_reporting_line),
        T(test_leaving_before_the_latest_change_is_a_conflict),
        T(test_leaving_on_the_day_of_joining_leaves_no_membership),
        T(test_org_reads_free_everything_they_allocate),
        T(test_org_reads_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
