/* pm_wellbeing_aggregate() on every backend: who is counted (by the unit
 * stored on each measurement, a unit's subtree, the whole organisation),
 * mean and SD, suppression below the minimum group size and by the
 * differencing rule, who may see the numbers, refusals that write nothing,
 * and running out of memory. The rule itself is tested over many trees in
 * test_wellbeing_rules.c. The fixture's now is 2026-06-15T12:00:00Z. */
#include "test_wellbeing_helpers.h"

#define NOW PM_FIXTURE_NOW

/* Dept (top) > Team > Squad, and Other (top). head manages lead and
 * Dept's own people; lead manages Team's and Squad's people. hr is an HR
 * admin outside every unit. Nobody is measured yet. */
typedef struct org {
    pm_fixture *f;
    pm_id dept, team, squad, other;
    pm_id head, lead, hr, outsider;
    pm_id metric;
    pm_session *as_head, *as_lead, *as_hr, *as_outsider;
} org;

static org make_org(void **state)
{
    org o;
    memset(&o, 0, sizeof o);
    o.f = *state;
    o.dept = pm_fixture_unit(o.f, "Dept", 0);
    o.team = pm_fixture_unit(o.f, "Team", o.dept);
    o.squad = pm_fixture_unit(o.f, "Squad", o.team);
    o.other = pm_fixture_unit(o.f, "Other", 0);
    o.head = pm_fixture_person(o.f, "HEAD", "Head", 0, 0);
    o.lead = pm_fixture_person(o.f, "LEAD", "Lead", o.head, 0);
    o.hr = pm_fixture_person(o.f, "HR", "Human Resources", 0, 0);
    o.outsider = pm_fixture_person(o.f, "OUT", "Outsider", 0, 0);
    assert_ok(o.f->sys, pm_person_set_hr_admin(o.f->sys, o.hr, 1));
    o.metric = wb_metric(o.f, "Energy", 1, 5);
    o.as_head = pm_fixture_session(o.f, o.head);
    o.as_lead = pm_fixture_session(o.f, o.lead);
    o.as_hr = pm_fixture_session(o.f, o.hr);
    o.as_outsider = pm_fixture_session(o.f, o.outsider);
    return o;
}

static void free_org(org *o)
{
    pm_session_free(o->as_head);
    pm_session_free(o->as_lead);
    pm_session_free(o->as_hr);
    pm_session_free(o->as_outsider);
}

/* n new people in unit (0: none) under manager, each measured once an hour
 * ago with values[i] (or 3 when values is NULL); ids to out (may be NULL). */
static void measured_people(org *o, pm_id *out, int n, const char *prefix, pm_id manager,
                            pm_id unit, const double *values)
{
    static int serial;
    for (int i = 0; i < n; i++) {
        char ext[32], name[48];
        snprintf(ext, sizeof ext, "%s%d", prefix, ++serial);
        snprintf(name, sizeof name, "Person %s", ext);
        pm_id p = pm_fixture_person(o->f, ext, name, manager, unit);
        wb_import(o->f->sys, p, o->metric, values ? values[i] : 3.0, NOW - HOUR);
        if (out != NULL)
            out[i] = p;
    }
}

/* The aggregate of the last day. */
static pm_aggregate day_of(pm_session *s, pm_id metric, pm_id unit, int min_group)
{
    pm_aggregate a = PM_AGGREGATE_INIT;
    assert_ok(s, pm_wellbeing_aggregate(&a, s, metric, unit, NOW - DAY, NOW, min_group));
    return a;
}

static void assert_suppressed(pm_aggregate a)
{
    assert_true(a.suppressed);
    assert_int_equal(a.people, 0);
    assert_int_equal(a.n, 0);
    assert_near(a.mean, 0.0, 0.0);
    assert_near(a.sd, 0.0, 0.0);
    assert_int_equal(a.version, PM_AGGREGATE_VERSION);
}

static void test_four_people_are_suppressed_and_five_are_shown(void **state)
{
    org o = make_org(state);
    const double values[5] = { 1, 2, 3, 4, 5 };
    pm_id p[5];
    measured_people(&o, p, 4, "T", o.lead, o.team, values);
    assert_suppressed(day_of(o.f->sys, o.metric, o.team, 0));
    measured_people(&o, p + 4, 1, "T", o.lead, o.team, values + 4);
    pm_aggregate a = day_of(o.f->sys, o.metric, o.team, 0);
    assert_false(a.suppressed);
    assert_int_equal(a.people, 5);
    assert_int_equal(a.n, 5);
    assert_near(a.mean, 3.0, 1e-12);          /* (1 + 2 + 3 + 4 + 5) / 5 */
    assert_near(a.sd, sqrt(2.5), 1e-12);      /* squares 4 + 1 + 0 + 1 + 4 = 10, / 4 */
    /* A second measurement of one person adds to n, not to people:
     * 1, 2, 3, 4, 5, 3: mean 3, squares 10, SD sqrt(10 / 5). */
    wb_import(o.f->sys, p[0], o.metric, 3, NOW - 2 * HOUR);
    a = day_of(o.f->sys, o.metric, o.team, 0);
    assert_int_equal(a.people, 5);
    assert_int_equal(a.n, 6);
    assert_near(a.mean, 3.0, 1e-12);
    assert_near(a.sd, sqrt(2.0), 1e-12);
    /* Another metric's measurements do not count. */
    pm_id other_metric = wb_metric(o.f, "Sleep", 0, 10);
    assert_suppressed(day_of(o.f->sys, other_metric, o.team, 0));
    free_org(&o);
}

/* Dept of 7 (2 of its own, 5 in Team): subtracting Team from Dept would
 * show the 2, so Dept is hidden while Team is shown. With 5 of its own
 * (10 in all) the rest meets the minimum and both are shown. */
static void test_differencing_hides_a_unit_of_7_with_a_sub_unit_of_5(void **state)
{
    org o = make_org(state);
    const double team_values[5] = { 4, 4, 4, 4, 4 };
    const double dept_values[5] = { 2, 2, 2, 2, 2 };
    measured_people(&o, NULL, 5, "T", o.lead, o.team, team_values);
    measured_people(&o, NULL, 2, "D", o.head, o.dept, dept_values);
    assert_suppressed(day_of(o.f->sys, o.metric, o.dept, 0));
    pm_aggregate team = day_of(o.f->sys, o.metric, o.team, 0);
    assert_false(team.suppressed);
    assert_int_equal(team.people, 5);
    assert_near(team.mean, 4.0, 1e-12);
    measured_people(&o, NULL, 3, "D", o.head, o.dept, dept_values);
    pm_aggregate dept = day_of(o.f->sys, o.metric, o.dept, 0);
    assert_false(dept.suppressed);
    assert_int_equal(dept.people, 10);
    assert_int_equal(dept.n, 10);
    assert_near(dept.mean, 3.0, 1e-12);  /* five 4s and five 2s */
    assert_near(dept.sd, sqrt(10.0 / 9.0), 1e-12);
    assert_false(day_of(o.f->sys, o.metric, o.team, 0).suppressed);
    free_org(&o);
}

/* Units below the children count too: Dept 12 = 3 own + Team 4 own +
 * Squad 5. Team (9) minus Squad leaves 4: Team hidden. Dept minus Team
 * leaves 3: Dept hidden, although Dept minus Squad leaves 7. Squad shown. */
static void test_differencing_looks_at_every_unit_below(void **state)
{
    org o = make_org(state);
    measured_people(&o, NULL, 5, "S", o.lead, o.squad, NULL);
    measured_people(&o, NULL, 4, "T", o.lead, o.team, NULL);
    measured_people(&o, NULL, 3, "D", o.head, o.dept, NULL);
    assert_int_equal(day_of(o.f->sys, o.metric, o.squad, 0).people, 5);
    assert_suppressed(day_of(o.f->sys, o.metric, o.team, 0));
    assert_suppressed(day_of(o.f->sys, o.metric, o.dept, 0));
    /* One more in Team: Team 10 - Squad 5 = 5, shown; Dept 13 - Team 10 = 3,
     * still hidden. Two more in Dept: 15 - 10 = 5, shown. */
    measured_people(&o, NULL, 1, "T", o.lead, o.team, NULL);
    assert_int_equal(day_of(o.f->sys, o.metric, o.team, 0).people, 10);
    assert_suppressed(day_of(o.f->sys, o.metric, o.dept, 0));
    measured_people(&o, NULL, 2, "D", o.head, o.dept, NULL);
    assert_int_equal(day_of(o.f->sys, o.metric, o.dept, 0).people, 15);
    free_org(&o);
}

/* Unit 0 is everyone, people without a unit included; every unit is below
 * it, so the rule applies against each. */
static void test_the_whole_organisation_counts_everyone(void **state)
{
    org o = make_org(state);
    measured_people(&o, NULL, 5, "T", o.lead, o.team, NULL);
    measured_people(&o, NULL, 1, "N", 0, 0, NULL);
    /* 6 in all, 5 of them in Dept (and Team): the one without a unit
     * would show. */
    assert_suppressed(day_of(o.f->sys, o.metric, 0, 0));
    assert_false(day_of(o.f->sys, o.metric, o.dept, 0).suppressed);  /* rest 0 */
    measured_people(&o, NULL, 4, "N", 0, 0, NULL);
    pm_aggregate all = day_of(o.f->sys, o.metric, 0, 0);
    assert_false(all.suppressed);
    assert_int_equal(all.people, 10);
    assert_int_equal(all.n, 10);
    assert_near(all.mean, 3.0, 1e-12);
    assert_near(all.sd, 0.0, 1e-12);
    /* Two people in Other: 12 - 2 would be fine, but Other itself is too
     * small to be shown, so it reveals nothing; 12 - Dept 5 = 7. */
    measured_people(&o, NULL, 2, "O", 0, o.other, NULL);
    assert_int_equal(day_of(o.f->sys, o.metric, 0, 0).people, 12);
    free_org(&o);
}

/* The unit stored when the value was taken decides, not today's. */
static void test_people_are_counted_by_the_unit_stored_on_their_measurement(void **state)
{
    org o = make_org(state);
    pm_time march = (pm_time)D("2026-03-02") * DAY + 10 * HOUR;
    for (int i = 0; i < 5; i++) {
        char ext[16];
        snprintf(ext, sizeof ext, "M%d", i);
        pm_id p = pm_fixture_person(o.f, ext, ext, 0, 0);
        assert_ok(o.f->sys, pm_org_set_unit(o.f->sys, p, o.team, D("2026-01-01")));
        assert_ok(o.f->sys, pm_org_set_unit(o.f->sys, p, o.other, D("2026-05-01")));
        wb_import(o.f->sys, p, o.metric, 2, march);
        wb_import(o.f->sys, p, o.metric, 4, NOW - HOUR);
    }
    pm_time from = (pm_time)D("2026-03-01") * DAY, to = (pm_time)D("2026-03-31") * DAY;
    pm_aggregate a = PM_AGGREGATE_INIT;
    assert_ok(o.f->sys, pm_wellbeing_aggregate(&a, o.f->sys, o.metric, o.team, from, to, 0));
    assert_int_equal(a.people, 5);
    assert_near(a.mean, 2.0, 1e-12);
    assert_ok(o.f->sys, pm_wellbeing_aggregate(&a, o.f->sys, o.metric, o.other, from, to, 0));
    assert_suppressed(a);
    a = day_of(o.f->sys, o.metric, o.other, 0);
    assert_int_equal(a.people, 5);
    assert_near(a.mean, 4.0, 1e-12);
    assert_suppressed(day_of(o.f->sys, o.metric, o.team, 0));
    free_org(&o);
}

static void test_the_period_includes_both_ends(void **state)
{
    org o = make_org(state);
    pm_time from = NOW - 10 * DAY, to = NOW - 5 * DAY;
    pm_time at[5] = { from, from, to, to, from + DAY };
    for (int i = 0; i < 5; i++) {
        char ext[16];
        snprintf(ext, sizeof ext, "P%d", i);
        pm_id p = pm_fixture_person(o.f, ext, ext, 0, 0);
        wb_import(o.f->sys, p, o.metric, 1 + i, at[i]);
        wb_import(o.f->sys, p, o.metric, 5, from - 1);  /* outside */
        wb_import(o.f->sys, p, o.metric, 5, to + 1);    /* outside */
    }
    pm_aggregate a = PM_AGGREGATE_INIT;
    assert_ok(o.f->sys, pm_wellbeing_aggregate(&a, o.f->sys, o.metric, 0, from, to, 0));
    assert_int_equal(a.people, 5);
    assert_int_equal(a.n, 5);
    assert_near(a.mean, 3.0, 1e-12);
    /* A period of one instant. */
    assert_ok(o.f->sys, pm_wellbeing_aggregate(&a, o.f->sys, o.metric, 0, from, from, 3));
    assert_suppressed(a);  /* two people at from */
    free_org(&o);
}

static void test_min_group_can_be_set_from_3_to_10(void **state)
{
    org o = make_org(state);
    measured_people(&o, NULL, 4, "T", o.lead, o.team, NULL);
    assert_int_equal(day_of(o.f->sys, o.metric, o.team, 3).people, 4);
    assert_int_equal(day_of(o.f->sys, o.metric, o.team, 4).people, 4);
    assert_suppressed(day_of(o.f->sys, o.metric, o.team, 5));
    assert_suppressed(day_of(o.f->sys, o.metric, o.team, 0));  /* the default, 5 */
    measured_people(&o, NULL, 5, "T", o.lead, o.team, NULL);
    assert_suppressed(day_of(o.f->sys, o.metric, o.team, 10));
    measured_people(&o, NULL, 1, "T", o.lead, o.team, NULL);
    assert_int_equal(day_of(o.f->sys, o.metric, o.team, 10).people, 10);
    free_org(&o);
}

/* Managers see numbers about groups entirely below them; HR and the system
 * about any group; a member of the group or an outsider about none. */
static void test_only_someone_above_everyone_counted_sees_the_numbers(void **state)
{
    org o = make_org(state);
    pm_id members[5];
    measured_people(&o, members, 5, "T", o.lead, o.team, NULL);
    measured_people(&o, NULL, 5, "D", o.head, o.dept, NULL);
    assert_int_equal(day_of(o.as_lead, o.metric, o.team, 0).people, 5);
    assert_int_equal(day_of(o.as_head, o.metric, o.team, 0).people, 5);
    assert_int_equal(day_of(o.as_head, o.metric, o.dept, 0).people, 10);
    assert_int_equal(day_of(o.as_hr, o.metric, o.dept, 0).people, 10);
    assert_int_equal(day_of(o.f->sys, o.metric, 0, 0).people, 10);
    pm_aggregate a = PM_AGGREGATE_INIT;
    assert_fails(o.as_lead, pm_wellbeing_aggregate(&a, o.as_lead, o.metric, o.dept, NOW - DAY,
                                                   NOW, 0),
                 PM_EPERM, "counted there is not below them");
    assert_fails(o.as_lead, pm_wellbeing_aggregate(&a, o.as_lead, o.metric, 0, NOW - DAY, NOW, 0),
                 PM_EPERM, "the organisation");
    assert_fails(o.as_outsider, pm_wellbeing_aggregate(&a, o.as_outsider, o.metric, o.team,
                                                       NOW - DAY, NOW, 0),
                 PM_EPERM, "permission denied");
    pm_session *member = pm_fixture_session(o.f, members[0]);
    assert_fails(member, pm_wellbeing_aggregate(&a, member, o.metric, o.team, NOW - DAY, NOW, 0),
                 PM_EPERM, "unit");
    pm_session_free(member);
    /* A group with nobody counted tells nothing about anyone. */
    assert_suppressed(day_of(o.as_outsider, o.metric, o.other, 0));
    free_org(&o);
}

static void test_aggregate_refuses_bad_arguments_and_writes_nothing(void **state)
{
    org o = make_org(state);
    measured_people(&o, NULL, 5, "T", o.lead, o.team, NULL);
    char *before = pm_fixture_store_dump(o.f);
    pm_session *s = o.f->sys;
    pm_aggregate a = PM_AGGREGATE_INIT;
    assert_fails(s, pm_wellbeing_aggregate(&a, s, o.metric, o.team, NOW - DAY, NOW, 2),
                 PM_EINVAL, "aggregate.min_group: must be 3 to 10");
    assert_fails(s, pm_wellbeing_aggregate(&a, s, o.metric, o.team, NOW - DAY, NOW, 11),
                 PM_EINVAL, "aggregate.min_group: must be 3 to 10");
    assert_fails(s, pm_wellbeing_aggregate(&a, s, o.metric, o.team, NOW - DAY, NOW, -1),
                 PM_EINVAL, "aggregate.min_group");
    assert_fails(s, pm_wellbeing_aggregate(&a, s, o.metric, o.team, NOW, NOW - 1, 0), PM_EINVAL,
                 "aggregate.to: the period ends");
    assert_fails(s, pm_wellbeing_aggregate(&a, s, 0, o.team, NOW - DAY, NOW, 0), PM_EINVAL,
                 "aggregate.metric: 0 is not a metric id");
    assert_fails(s, pm_wellbeing_aggregate(&a, s, 404, o.team, NOW - DAY, NOW, 0), PM_ENOTFOUND,
                 "aggregate.metric: metric 404 does not exist");
    assert_fails(s, pm_wellbeing_aggregate(&a, s, o.metric, 404, NOW - DAY, NOW, 0),
                 PM_ENOTFOUND, "aggregate.unit");
    a.version = 99;
    assert_fails(s, pm_wellbeing_aggregate(&a, s, o.metric, o.team, NOW - DAY, NOW, 0),
                 PM_EVERSION, "aggregate");
    assert_fails(s, pm_wellbeing_aggregate(NULL, s, o.metric, o.team, NOW - DAY, NOW, 0),
                 PM_EINVAL, "out");
    a.version = PM_AGGREGATE_VERSION;
    assert_int_equal(pm_wellbeing_aggregate(&a, NULL, o.metric, o.team, NOW - DAY, NOW, 0),
                     PM_EINVAL);
    pm_fixture_assert_store_is(o.f, before);
    free_org(&o);
}

static void test_aggregate_survives_running_out_of_memory(void **state)
{
    org o = make_org(state);
    measured_people(&o, NULL, 5, "S", o.lead, o.squad, NULL);
    measured_people(&o, NULL, 5, "T", o.lead, o.team, NULL);
    measured_people(&o, NULL, 5, "D", o.head, o.dept, NULL);
    /* Warm what a backend keeps (SQLite's prepared statements). */
    day_of(o.as_head, o.metric, o.dept, 0);
    day_of(o.as_head, o.metric, 0, 0);
    int succeeded = 0;
    for (long n = 0; n < 2000 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_aggregate a = PM_AGGREGATE_INIT;
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_wellbeing_aggregate(&a, o.as_head, o.metric, o.dept, NOW - DAY, NOW,
                                              0);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM && st != PM_ESTORAGE)
            fail_msg("allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(o.as_head));
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
        succeeded = st == PM_OK;
        if (succeeded) {
            assert_false(a.suppressed);
            assert_int_equal(a.people, 15);
        } else {
            assert_int_equal(a.people, 0);
        }
    }
    assert_true(succeeded);
    free_org(&o);
}

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_four_people_are_suppressed_and_five_are_shown),
        T(test_differencing_hides_a_unit_of_7_with_a_sub_unit_of_5),
        T(test_differencing_looks_at_every_unit_below),
        T(test_the_whole_organisation_counts_everyone),
        T(test_people_are_counted_by_the_unit_stored_on_their_measurement),
        T(test_the_period_includes_both_ends),
        T(test_min_group_can_be_set_from_3_to_10),
        T(test_only_someone_above_everyone_counted_sees_the_numbers),
        T(test_aggregate_refuses_bad_arguments_and_writes_nothing),
        T(test_aggregate_survives_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
