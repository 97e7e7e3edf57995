/* The organisation over time through the public API on every backend:
 * reporting lines and memberships dated by day, reports and is_above on a
 * date, leaving, and reads that must free what they allocate. Units
 * themselves are in test_org_units.c, the pure rules in test_org_rules.c. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

#include "api/internal.h"
#include "checks.h"
#include "failing_storage.h"
#include "store_dump.h"

#define D(iso) pm_fixture_date(iso)

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

/* ---- reporting lines ---- */

static void test_manager_history_answers_before_on_and_after_each_change(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
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
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
    pm_id dan = pm_fixture_person(f, "E4", "Dan", 0, 0);
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
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
    set_manager(f, ann, bob, "2026-03-01");
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, cid, D("2026-01-01")), PM_ECONFLICT,
                 "reporting_line.date: 2026-01-01 is before the latest change on 2026-03-01");
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, 0, D("2026-02-28")), PM_ECONFLICT,
                 "before the latest change on 2026-03-01");
    pm_fixture_assert_store_is(f, before);
    assert_int_equal(manager_on(f, ann, D("2026-02-01")), 0);
}

static void test_manager_removed_with_zero_then_set_again(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
    set_manager(f, ann, bob, "2026-01-01");
    set_manager(f, ann, 0, "2026-04-01");
    assert_int_equal(manager_on(f, ann, D("2026-03-31")), bob);
    assert_int_equal(manager_on(f, ann, D("2026-04-01")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), 0);
    /* The removal is the latest change: a day inside the old line is history. */
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_org_set_manager(f->sys, ann, cid, D("2026-03-15")), PM_ECONFLICT,
                 "before the latest change on 2026-04-01");
    pm_fixture_assert_store_is(f, before);
    /* Removing again changes nothing. */
    before = pm_fixture_store_dump(f);
    set_manager(f, ann, 0, "2026-04-20");
    pm_fixture_assert_store_is(f, before);
    set_manager(f, ann, cid, "2026-05-01");
    assert_int_equal(manager_on(f, ann, D("2026-04-30")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), cid);
    assert_int_equal(manager_on(f, ann, D("2026-03-31")), bob);
}

static void test_manager_set_to_the_same_manager_records_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    set_manager(f, ann, bob, "2026-01-01");
    char *before = pm_fixture_store_dump(f);
    set_manager(f, ann, bob, "2026-02-01");
    pm_fixture_assert_store_is(f, before);
}

static void test_manager_today_is_the_default_date(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    assert_ok(f->sys, pm_org_set_manager(f->sys, ann, bob, PM_DATE_NONE));
    assert_int_equal(manager_on(f, ann, D("2026-06-14")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-06-15")), bob);
}

static void test_manager_of_a_person_created_with_one(void **state)
{
    pm_fixture *f = *state;
    pm_id boss = pm_fixture_person(f, "E1", "Boss", 0, 0);
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id ann = pm_fixture_person(f, "E2", "Ann", boss, top);
    assert_int_equal(manager_on(f, ann, PM_DATE_NONE), boss);
    assert_int_equal(unit_on(f, ann, PM_DATE_NONE), top);
    assert_int_equal(manager_on(f, ann, D("2026-06-14")), 0);
}

static void test_manager_cycle_is_refused_at_every_step_that_would_close_it(void **state)
{
    pm_fixture *f = *state;
    pm_id a = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id b = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id c = pm_fixture_person(f, "E3", "Cid", 0, 0);
    /* A -> B -> C, meaning A's manager is B and B's manager is C. */
    set_manager(f, a, b, "2026-01-01");
    set_manager(f, b, c, "2026-01-01");
    char *before = pm_fixture_store_dump(f);
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
    pm_fixture_assert_store_is(f, before);
    /* Once B no longer reports to C, C may report to A. */
    set_manager(f, b, 0, "2026-03-01");
    assert_fails(f->sys, pm_org_set_manager(f->sys, c, a, D("2026-02-15")), PM_ECYCLE, "cycle");
    set_manager(f, c, a, "2026-03-01");
    assert_int_equal(manager_on(f, c, D("2026-03-01")), a);
}

static void test_manager_cycle_through_a_later_recorded_change_is_refused(void **state)
{
    pm_fixture *f = *state;
    pm_id a = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id b = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id y = pm_fixture_person(f, "E3", "Yan", 0, 0);
    /* From September B reports to A: recorded ahead of time. */
    set_manager(f, b, a, "2026-09-01");
    char *before = pm_fixture_store_dump(f);
    /* A reporting to B from July is fine in July but a cycle from September. */
    assert_fails(f->sys, pm_org_set_manager(f->sys, a, b, D("2026-07-01")), PM_ECYCLE,
                 "a cycle is refused");
    pm_fixture_assert_store_is(f, before);
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
    pm_id a = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id b = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id c = pm_fixture_person(f, "E3", "Cid", 0, 0);
    pm_id d = pm_fixture_person(f, "E4", "Dan", 0, 0);
    /* B -> C from January; C -> D from January, then C -> A from November. */
    set_manager(f, b, c, "2026-01-01");
    set_manager(f, c, d, "2026-01-01");
    set_manager(f, c, a, "2026-11-01");
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_org_set_manager(f->sys, a, b, D("2026-02-01")), PM_ECYCLE,
                 "a cycle is refused");
    pm_fixture_assert_store_is(f, before);
}

static void test_manager_must_exist_and_not_have_left(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id gone = pm_fixture_person(f, "E2", "Gus", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-05-01")));
    char *before = pm_fixture_store_dump(f);
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
    pm_fixture_assert_store_is(f, before);
}

static void test_org_bad_dates_are_refused_everywhere(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id top = pm_fixture_unit(f, "Company", 0);
    char *before = pm_fixture_store_dump(f);
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
    pm_fixture_assert_store_is(f, before);
}

static void test_org_queries_refuse_unknown_people_units_and_flags(void **state)
{
    pm_fixture *f = *state;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id top = pm_fixture_unit(f, "Company", 0);
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
    o.ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    o.bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    o.cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
    o.dan = pm_fixture_person(f, "E4", "Dan", 0, 0);
    o.eve = pm_fixture_person(f, "E5", "Eve", 0, 0);
    o.mia = pm_fixture_person(f, "E6", "Mia", 0, 0);
    o.nat = pm_fixture_person(f, "E7", "Nat", 0, 0);
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

/* ---- answers kept inside a group ---- */

/* Inside a group, a read of a person's line is kept for the span of days
 * it answers. Whatever day is asked first, and in whichever order the
 * others follow, every day must get the answer read outside a group:
 * across a gap, a same-day replacement, before the first period and
 * after the last. */
#define SPAN_DAYS 100

static void assert_group_answers_match(pm_fixture *f, pm_id who, int unit)
{
    pm_date first = D("2025-12-25");
    pm_id want[SPAN_DAYS];
    for (int i = 0; i < SPAN_DAYS; i++)
        want[i] = unit ? unit_on(f, who, first + i) : manager_on(f, who, first + i);
    static const int starts[] = { 0, 10, 20, 37, 38, 50, 67, 68, 99 };
    for (size_t k = 0; k < sizeof starts / sizeof starts[0]; k++) {
        for (int step = -1; step <= 1; step += 2) {
            assert_ok(f->sys, pm_session_begin(f->sys));
            for (int n = 0; n < SPAN_DAYS; n++) {
                int i = (starts[k] + step * n + SPAN_DAYS) % SPAN_DAYS;
                pm_id got = unit ? unit_on(f, who, first + i) : manager_on(f, who, first + i);
                if (got != want[i])
                    fail_msg("day %d (first asked %d, step %d): %lld, expected %lld", i,
                             starts[k], step, (long long)got, (long long)want[i]);
            }
            assert_ok(f->sys, pm_session_commit(f->sys));
        }
    }
}

static void test_group_answers_hold_across_every_change(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
    /* Day 0 is 2025-12-25: Bob from day 7, none from day 38 (a gap), Cid
     * from day 50, replaced by Bob on the same day, Cid from day 68. */
    set_manager(f, ann, bob, "2026-01-01");
    set_manager(f, ann, 0, "2026-02-01");
    set_manager(f, ann, cid, "2026-02-13");
    set_manager(f, ann, bob, "2026-02-13");
    set_manager(f, ann, cid, "2026-03-03");
    set_unit(f, ann, eng, "2026-01-01");
    set_unit(f, ann, 0, "2026-02-01");
    set_unit(f, ann, top, "2026-02-13");
    set_unit(f, ann, eng, "2026-03-03");
    assert_int_equal(manager_on(f, ann, D("2026-01-31")), bob);
    assert_int_equal(manager_on(f, ann, D("2026-02-01")), 0);
    assert_int_equal(manager_on(f, ann, D("2026-03-03")), cid);
    assert_group_answers_match(f, ann, 0);
    assert_group_answers_match(f, ann, 1);
    /* A person without any line, and one whose line starts on day 40. */
    assert_group_answers_match(f, cid, 0);
    set_manager(f, bob, cid, "2026-02-03");
    assert_group_answers_match(f, bob, 0);
}

/* Answers are kept from one group to the next on a backend with a change
 * stamp (memory, PostgreSQL), and only while nothing changed: a write of
 * the organisation between the groups, or one rolled back, makes the next
 * group read again. A read the store is made to fail shows which. */
static pm_status manager_in_group(pm_fixture *f, pm_failing_storage *fs, pm_id who,
                                  pm_id *manager)
{
    assert_ok(f->sys, pm_session_begin(f->sys));
    pm_failing_storage_install(fs, f->db);
    pm_failing_storage_fail(fs, PM_FAIL_SCAN, PM_KIND_REPORTING_LINE, 0);
    *manager = -1;
    pm_status st = pm_org_manager_on(manager, f->sys, who, D("2026-05-01"));
    pm_failing_storage_uninstall(fs);
    assert_ok(f->sys, pm_session_rollback(f->sys));
    return st;
}

static void assert_manager_in_group(pm_fixture *f, pm_id who, pm_id want)
{
    assert_ok(f->sys, pm_session_begin(f->sys));
    assert_int_equal(manager_on(f, who, D("2026-05-01")), want);
    assert_ok(f->sys, pm_session_commit(f->sys));
}

static void test_group_answers_are_kept_across_groups_only_while_nothing_changes(void **state)
{
    pm_fixture *f = *state;
    static pm_failing_storage fs; /* outlives a failed assertion */
    int stamped = f->db->storage->change_stamp != NULL;
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
    set_manager(f, ann, bob, "2026-01-01");
    assert_manager_in_group(f, ann, bob);
    /* Nothing changed: kept where a stamp says so, read (and failing) elsewhere. */
    pm_id got = 0;
    pm_status st = manager_in_group(f, &fs, ann, &got);
    if (stamped) {
        assert_int_equal(st, PM_OK);
        assert_int_equal(got, bob);
    } else {
        assert_int_equal(st, PM_ESTORAGE);
    }
    /* A change between the groups: read again everywhere. */
    set_manager(f, ann, cid, "2026-04-01");
    assert_int_equal(manager_in_group(f, &fs, ann, &got), PM_ESTORAGE);
    assert_manager_in_group(f, ann, cid);
    /* A change rolled back: what the group read after it is not kept. */
    assert_ok(f->sys, pm_session_begin(f->sys));
    set_manager(f, ann, bob, "2026-04-15");
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), bob);
    assert_ok(f->sys, pm_session_rollback(f->sys));
    assert_int_equal(manager_in_group(f, &fs, ann, &got), PM_ESTORAGE);
    assert_manager_in_group(f, ann, cid);
    /* A group that changed and committed: the next reads again too. */
    assert_ok(f->sys, pm_session_begin(f->sys));
    set_manager(f, ann, bob, "2026-04-15");
    assert_int_equal(manager_on(f, ann, D("2026-05-01")), bob);
    assert_ok(f->sys, pm_session_commit(f->sys));
    assert_int_equal(manager_in_group(f, &fs, ann, &got), PM_ESTORAGE);
    assert_manager_in_group(f, ann, bob);
    /* A session opened in a group reads who may act from the kept answers,
     * which a leaving in the same group replaces. */
    assert_ok(f->sys, pm_session_begin(f->sys));
    pm_session *as = NULL;
    assert_int_equal(pm_session_open(&as, f->db, ann), PM_OK);
    pm_session_free(as);
    assert_ok(f->sys, pm_person_set_left(f->sys, ann, PM_DATE_NONE));
    assert_int_equal(pm_session_open(&as, f->db, ann), PM_EPERM);
    assert_ok(f->sys, pm_session_rollback(f->sys));
    assert_int_equal(pm_session_open(&as, f->db, ann), PM_OK);
    pm_session_free(as);
}

/* ---- memberships ---- */

static void test_unit_history_answers_before_on_and_after_each_change(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    pm_id sales = pm_fixture_unit(f, "Sales", top);
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
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
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, eng, D("2026-04-01")), PM_ECONFLICT,
                 "membership.date: 2026-04-01 is before the latest change on 2026-05-01");
    pm_fixture_assert_store_is(f, before);
}

static void test_unit_membership_refuses_unknown_units_and_people(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, 999, D("2026-01-01")), PM_ENOTFOUND,
                 "membership.unit: unit 999 does not exist");
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, -1, D("2026-01-01")), PM_EINVAL,
                 "membership.unit: -1 is not a unit id");
    assert_fails(f->sys, pm_org_set_unit(f->sys, 999, top, D("2026-01-01")), PM_ENOTFOUND,
                 "membership.person: person 999 does not exist");
    assert_fails(f->sys, pm_org_set_unit(f->sys, 0, top, D("2026-01-01")), PM_EINVAL,
                 "membership.person: 0 is not a person id");
    assert_int_equal(pm_org_set_unit(NULL, ann, top, PM_DATE_NONE), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
}

static void test_unit_members_on_a_date_with_and_without_sub_units(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
    pm_id plat = pm_fixture_unit(f, "Platform", eng);
    pm_id sales = pm_fixture_unit(f, "Sales", top);
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E2", "Bob", 0, 0);
    pm_id cid = pm_fixture_person(f, "E3", "Cid", 0, 0);
    pm_id dan = pm_fixture_person(f, "E4", "Dan", 0, 0);
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
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id mia = pm_fixture_person(f, "E1", "Mia", 0, 0);
    pm_id ann = pm_fixture_person(f, "E2", "Ann", 0, 0);
    pm_id bob = pm_fixture_person(f, "E3", "Bob", 0, 0);
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
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_org_set_unit(f->sys, ann, top, D("2026-06-01")), PM_EINVAL,
                 "membership.person: person");
    pm_fixture_assert_store_is(f, before);
}

static void test_leaving_before_the_latest_change_is_a_conflict(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id ann = pm_fixture_person(f, "E1", "Ann", 0, 0);
    set_unit(f, ann, top, "2026-03-01");
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_person_set_left(f->sys, ann, D("2026-02-01")), PM_ECONFLICT,
                 "before the latest change on 2026-03-01");
    pm_fixture_assert_store_is(f, before);
}

static void test_leaving_on_the_day_of_joining_leaves_no_membership(void **state)
{
    pm_fixture *f = *state;
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id mia = pm_fixture_person(f, "E1", "Mia", 0, 0);
    pm_id ann = pm_fixture_person(f, "E2", "Ann", 0, 0);
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
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
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
        assert_int_equal(pm_fixture_find_unit(f, "company/engineering"), eng);
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
    pm_id top = pm_fixture_unit(f, "Company", 0);
    pm_id eng = pm_fixture_unit(f, "Engineering", top);
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

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    /* The counting allocator goes in before any object exists. */
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
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
        T(test_group_answers_hold_across_every_change),
        T(test_group_answers_are_kept_across_groups_only_while_nothing_changes),
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
