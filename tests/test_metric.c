/* Metrics and measurements through the public API on every backend:
 * custom and built-in metrics, recording (manual by the person, import by
 * HR or the system), listing one's own, the instruments' scoring, and the
 * mood of a held check-in becoming a measurement. Privacy: nobody but the
 * person reads their measurements back. Refusals leave the store exactly as
 * it was; running out of memory fails cleanly. Aggregates are in
 * test_wellbeing_aggregate.c, the pure rules in test_wellbeing_rules.c.
 * The fixture's now is 2026-06-15T12:00:00Z. */
#include "test_wellbeing_helpers.h"

/* manager <- report in unit Team; other and hr outside; hr is an HR admin. */
typedef struct team {
    pm_fixture *f;
    pm_id unit, manager, report, other, hr;
    pm_session *as_manager, *as_report, *as_other, *as_hr;
} team;

static team make_team(void **state)
{
    team t;
    memset(&t, 0, sizeof t);
    t.f = *state;
    t.unit = pm_fixture_unit(t.f, "Team", 0);
    t.manager = pm_fixture_person(t.f, "M", "Manager", 0, t.unit);
    t.report = pm_fixture_person(t.f, "R", "Report", 0, 0);
    t.other = pm_fixture_person(t.f, "O", "Other", 0, 0);
    t.hr = pm_fixture_person(t.f, "H", "Human Resources", 0, 0);
    assert_ok(t.f->sys, pm_person_set_hr_admin(t.f->sys, t.hr, 1));
    assert_ok(t.f->sys, pm_org_set_manager(t.f->sys, t.report, t.manager, D("2026-01-01")));
    assert_ok(t.f->sys, pm_org_set_unit(t.f->sys, t.report, t.unit, D("2026-01-01")));
    t.as_manager = pm_fixture_session(t.f, t.manager);
    t.as_report = pm_fixture_session(t.f, t.report);
    t.as_other = pm_fixture_session(t.f, t.other);
    t.as_hr = pm_fixture_session(t.f, t.hr);
    return t;
}

static void free_team(team *t)
{
    pm_session_free(t->as_manager);
    pm_session_free(t->as_report);
    pm_session_free(t->as_other);
    pm_session_free(t->as_hr);
}

/* ---- metric definitions ---- */

static void test_metric_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_metric_opts o;
    memset(&o, 0xff, sizeof o);
    assert_int_equal(pm_metric_opts_init(&o, PM_METRIC_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_METRIC_OPTS_VERSION);
    assert_null(o.name);
    assert_int_equal(o.direction, PM_HIGHER_IS_BETTER);
    assert_near(o.reliability, 0.0, 0.0);
    assert_int_equal(pm_metric_opts_init(&o, 99), PM_EVERSION);
    assert_int_equal(pm_metric_opts_init(NULL, PM_METRIC_OPTS_VERSION), PM_EINVAL);
    pm_measurement_opts m;
    memset(&m, 0xff, sizeof m);
    assert_int_equal(pm_measurement_opts_init(&m, PM_MEASUREMENT_OPTS_VERSION), PM_OK);
    assert_int_equal(m.source, PM_MEASURED_MANUALLY);
    assert_int_equal(m.person, 0);
    assert_int_equal(m.at, 0);
    assert_int_equal(pm_measurement_opts_init(&m, 0), PM_EVERSION);
    assert_int_equal(pm_measurement_opts_init(NULL, 1), PM_EINVAL);
}

static void test_hr_defines_a_custom_metric_that_everyone_reads(void **state)
{
    team t = make_team(state);
    pm_metric_opts o = wb_metric_opts("Workload", 1, 5);
    o.direction = PM_LOWER_IS_BETTER;
    o.reliability = 0.8;
    pm_id id = 0;
    assert_ok(t.as_hr, pm_metric_create(&id, t.as_hr, &o));
    assert_true(id > 0);
    pm_metric *m = NULL;
    assert_ok(t.as_report, pm_metric_get(&m, t.as_report, id));
    assert_int_equal(pm_metric_id(m), id);
    assert_string_equal(pm_metric_name(m), "Workload");
    assert_string_equal(pm_metric_unit(m), "points");
    assert_near(pm_metric_min(m), 1.0, 0.0);
    assert_near(pm_metric_max(m), 5.0, 0.0);
    assert_int_equal(pm_metric_direction_get(m), PM_LOWER_IS_BETTER);
    assert_near(pm_metric_reliability(m), 0.8, 0.0);
    assert_int_equal(pm_metric_builtin_kind(m), 0);
    pm_metric_free(m);
    /* No unit, no reliability. */
    o = wb_metric_opts("  Energy  ", -2.5, 2.5);
    o.unit = NULL;
    pm_id energy = 0;
    assert_ok(t.f->sys, pm_metric_create(&energy, t.f->sys, &o));
    assert_ok(t.as_other, pm_metric_get(&m, t.as_other, energy));
    assert_string_equal(pm_metric_name(m), "  Energy  ");
    assert_string_equal(pm_metric_unit(m), "");
    assert_near(pm_metric_min(m), -2.5, 0.0);
    assert_near(pm_metric_reliability(m), 0.0, 0.0);
    assert_int_equal(pm_metric_direction_get(m), PM_HIGHER_IS_BETTER);
    pm_metric_free(m);
    free_team(&t);
}

static void test_metrics_are_listed_by_folded_name(void **state)
{
    pm_fixture *f = *state;
    pm_id workload = wb_metric(f, "workload", 1, 5);
    pm_id balance = wb_metric(f, "Balance", 1, 5);
    pm_id energy = wb_metric(f, "ENERGY", 1, 5);
    pm_id enps = 0;
    assert_ok(f->sys, pm_metric_builtin(&enps, f->sys, PM_METRIC_ENPS));
    pm_metric_iter *it = NULL;
    assert_ok(f->sys, pm_metric_list(&it, f->sys));
    pm_id expect[4] = { balance, energy, enps, workload };  /* balance, energy, enps, workload */
    pm_metric *m = NULL;
    for (int i = 0; i < 4; i++) {
        assert_ok(f->sys, pm_metric_iter_next(&m, it));
        assert_int_equal(pm_metric_id(m), expect[i]);
    }
    assert_int_equal(pm_metric_iter_next(&m, it), PM_ITEROVER);
    assert_null(m);
    assert_int_equal(pm_metric_iter_next(NULL, it), PM_EINVAL);
    pm_metric_iter_free(it);
    pm_metric_iter_free(NULL);
    pm_metric_free(NULL);
    assert_int_equal(pm_metric_id(NULL), 0);
    assert_null(pm_metric_name(NULL));
    assert_null(pm_metric_unit(NULL));
    assert_int_equal(pm_metric_direction_get(NULL), 0);
    assert_int_equal(pm_metric_builtin_kind(NULL), 0);
    assert_near(pm_metric_min(NULL) + pm_metric_max(NULL) + pm_metric_reliability(NULL), 0, 0);
}

static void test_only_hr_and_the_system_define_metrics(void **state)
{
    team t = make_team(state);
    pm_metric_opts o = wb_metric_opts("Workload", 1, 5);
    char *before = pm_fixture_store_dump(t.f);
    pm_id id = 99;
    assert_fails(t.as_manager, pm_metric_create(&id, t.as_manager, &o), PM_EPERM,
                 "may not define metrics");
    assert_int_equal(id, 0);
    assert_fails(t.as_report, pm_metric_create(NULL, t.as_report, &o), PM_EPERM,
                 "permission denied: person");
    pm_fixture_assert_store_is(t.f, before);
    free_team(&t);
}

static void test_metric_create_refuses_bad_definitions_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    wb_metric(f, "Workload", 1, 5);
    pm_id mood = 0;
    assert_ok(f->sys, pm_metric_builtin(&mood, f->sys, PM_METRIC_CHECKIN_MOOD));
    char long_name[260];
    memset(long_name, 'x', 201);
    long_name[201] = '\0';
    struct {
        const char *name;
        double min, max;
        int direction;
        double reliability;
        pm_status status;
        const char *needle;
    } bad[] = {
        { NULL, 1, 5, 1, 0, PM_EINVAL, "metric.name: must not be empty" },
        { "", 1, 5, 1, 0, PM_EINVAL, "metric.name: must not be empty" },
        { "   ", 1, 5, 1, 0, PM_EINVAL, "metric.name: must not be blank" },
        { "Two\nlines", 1, 5, 1, 0, PM_EINVAL, "metric.name" },
        { "bad \xff", 1, 5, 1, 0, PM_EUTF8, "metric.name: invalid UTF-8" },
        { long_name, 1, 5, 1, 0, PM_ERANGE, "metric.name: longer than 200" },
        { "WORKLOAD", 1, 5, 1, 0, PM_ECONFLICT, "metric.name: \"WORKLOAD\" exists (metric" },
        { "ENPS", 0, 10, 1, 0, PM_ECONFLICT, "is the name of a built-in metric" },
        { "who-5 WELL-being index", 0, 100, 1, 0, PM_ECONFLICT, "built-in metric" },
        { "check-in MOOD", 1, 5, 1, 0, PM_ECONFLICT, "built-in metric" },
        { "Sleep", NAN, 5, 1, 0, PM_EINVAL, "metric.min: must be a finite number" },
        { "Sleep", 1, INFINITY, 1, 0, PM_EINVAL, "metric.max: must be a finite number" },
        { "Sleep", -INFINITY, 5, 1, 0, PM_EINVAL, "metric.min: must be a finite number" },
        { "Sleep", 5, 5, 1, 0, PM_EINVAL, "metric.max: must be above metric.min" },
        { "Sleep", 5, 1, 1, 0, PM_EINVAL, "metric.max: must be above metric.min" },
        { "Sleep", 1, 5, 0, 0, PM_EINVAL, "metric.direction: 0 is not" },
        { "Sleep", 1, 5, 3, 0, PM_EINVAL, "metric.direction: 3 is not" },
        { "Sleep", 1, 5, 1, 1.0, PM_EINVAL, "metric.reliability: must be between 0 and 1" },
        { "Sleep", 1, 5, 1, -0.2, PM_EINVAL, "metric.reliability" },
        { "Sleep", 1, 5, 1, NAN, PM_EINVAL, "metric.reliability" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pm_metric_opts o = wb_metric_opts(bad[i].name, bad[i].min, bad[i].max);
        o.direction = (pm_metric_direction)bad[i].direction;
        o.reliability = bad[i].reliability;
        char *before = pm_fixture_store_dump(f);
        pm_id id = 99;
        assert_fails(f->sys, pm_metric_create(&id, f->sys, &o), bad[i].status, bad[i].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(f, before);
    }
    pm_metric_opts o = wb_metric_opts("Sleep", 1, 5);
    o.unit = "two\nlines";
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_metric_create(NULL, f->sys, &o), PM_EINVAL, "metric.unit");
    o.unit = "h";
    o.version = 99;
    assert_fails(f->sys, pm_metric_create(NULL, f->sys, &o), PM_EVERSION, "metric_opts");
    assert_fails(f->sys, pm_metric_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_metric_create(NULL, NULL, &o), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
}

static void test_builtin_metrics_are_defined_on_first_use_with_fixed_scales(void **state)
{
    team t = make_team(state);
    static const struct {
        pm_builtin_metric which;
        const char *name;
        double min, max;
        pm_metric_direction direction;
    } expect[] = {
        { PM_METRIC_WHO5, "WHO-5 Well-Being Index", 0, 100, PM_HIGHER_IS_BETTER },
        { PM_METRIC_ENPS, "eNPS", 0, 10, PM_HIGHER_IS_BETTER },
        { PM_METRIC_CBI_PERSONAL, "CBI personal burnout", 0, 100, PM_LOWER_IS_BETTER },
        { PM_METRIC_CBI_WORK, "CBI work-related burnout", 0, 100, PM_LOWER_IS_BETTER },
        { PM_METRIC_CBI_CLIENT, "CBI client-related burnout", 0, 100, PM_LOWER_IS_BETTER },
        { PM_METRIC_CHECKIN_MOOD, "Check-in mood", 1, 5, PM_HIGHER_IS_BETTER },
    };
    pm_id ids[6];
    for (size_t i = 0; i < 6; i++) {
        /* Anyone may ask: a plain person defines it on first use. */
        char *before = pm_fixture_store_dump(t.f);
        assert_ok(t.as_report, pm_metric_builtin(&ids[i], t.as_report, expect[i].which));
        assert_true(ids[i] > 0);
        char *after = pm_fixture_store_dump(t.f);
        assert_true(strcmp(before, after) != 0);  /* written now */
        pm_id again = 0;
        assert_ok(t.as_hr, pm_metric_builtin(&again, t.as_hr, expect[i].which));
        assert_int_equal(again, ids[i]);
        pm_fixture_check_store(t.f, after, "asking again");  /* not written twice */
        free(before);
        free(after);
        pm_metric *m = NULL;
        assert_ok(t.as_other, pm_metric_get(&m, t.as_other, ids[i]));
        assert_string_equal(pm_metric_name(m), expect[i].name);
        assert_near(pm_metric_min(m), expect[i].min, 0.0);
        assert_near(pm_metric_max(m), expect[i].max, 0.0);
        assert_int_equal(pm_metric_direction_get(m), expect[i].direction);
        assert_int_equal(pm_metric_builtin_kind(m), (int)expect[i].which);
        pm_metric_free(m);
    }
    char *before = pm_fixture_store_dump(t.f);
    pm_id id = 5;
    assert_fails(t.as_report, pm_metric_builtin(&id, t.as_report, (pm_builtin_metric)0),
                 PM_EINVAL, "metric.builtin: 0 is not a built-in metric");
    assert_int_equal(id, 0);
    assert_fails(t.as_report, pm_metric_builtin(&id, t.as_report, (pm_builtin_metric)7),
                 PM_EINVAL, "metric.builtin: 7");
    assert_fails(t.as_report, pm_metric_builtin(NULL, t.as_report, PM_METRIC_WHO5), PM_EINVAL,
                 "out");
    pm_fixture_assert_store_is(t.f, before);
    free_team(&t);
}

static void test_metric_get_refuses_unknown_and_bad_ids(void **state)
{
    pm_fixture *f = *state;
    pm_metric *m = (pm_metric *)1;
    assert_fails(f->sys, pm_metric_get(&m, f->sys, 0), PM_EINVAL, "metric: 0 is not a metric id");
    assert_null(m);
    assert_fails(f->sys, pm_metric_get(&m, f->sys, 404), PM_ENOTFOUND,
                 "metric: metric 404 does not exist");
    assert_fails(f->sys, pm_metric_get(NULL, f->sys, 1), PM_EINVAL, "out");
    assert_fails(f->sys, pm_metric_list(NULL, f->sys), PM_EINVAL, "out");
    assert_int_equal(pm_metric_get(&m, NULL, 1), PM_EINVAL);
}

/* ---- measurements ---- */

static void test_a_person_records_and_lists_their_own_measurements(void **state)
{
    team t = make_team(state);
    pm_id workload = wb_metric(t.f, "Workload", 1, 5);
    pm_measurement_opts o = wb_measure_opts(t.report, workload, 3.5, PM_FIXTURE_NOW - 2 * DAY,
                                            PM_MEASURED_MANUALLY);
    pm_id first = 0;
    assert_ok(t.as_report, pm_measurement_add(&first, t.as_report, &o));
    assert_true(first > 0);
    o.value = 5;  /* the top of the scale is inside it */
    o.at = 0;     /* now */
    pm_id second = 0;
    assert_ok(t.as_report, pm_measurement_add(&second, t.as_report, &o));
    wb_seen w = wb_list_mine(t.as_report, workload, 0, 0);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.id[0], first);
    assert_int_equal(w.metric[0], workload);
    assert_near(w.value[0], 3.5, 0.0);
    assert_int_equal(w.at[0], PM_FIXTURE_NOW - 2 * DAY);
    assert_int_equal(w.source[0], PM_MEASURED_MANUALLY);
    assert_int_equal(w.unit[0], t.unit);  /* the unit the report was in then */
    assert_int_equal(w.id[1], second);
    assert_int_equal(w.at[1], PM_FIXTURE_NOW);
    assert_near(w.value[1], 5.0, 0.0);
    /* The accessors of nothing. */
    assert_int_equal(pm_measurement_id(NULL), 0);
    assert_int_equal(pm_measurement_metric(NULL), 0);
    assert_int_equal(pm_measurement_unit(NULL), 0);
    assert_int_equal(pm_measurement_at(NULL), 0);
    assert_int_equal(pm_measurement_source_get(NULL), 0);
    assert_near(pm_measurement_value(NULL), 0.0, 0.0);
    pm_measurement_iter_free(NULL);
    assert_int_equal(pm_measurement_iter_next(NULL, NULL), PM_EINVAL);
    free_team(&t);
}

static void test_a_measurement_keeps_the_unit_of_its_day(void **state)
{
    team t = make_team(state);
    pm_id elsewhere = pm_fixture_unit(t.f, "Elsewhere", 0);
    assert_ok(t.f->sys, pm_org_set_unit(t.f->sys, t.report, elsewhere, D("2026-06-01")));
    pm_id m = wb_metric(t.f, "Workload", 1, 5);
    wb_import(t.f->sys, t.report, m, 2, PM_FIXTURE_NOW - 30 * DAY);  /* 2026-05-16: Team */
    wb_import(t.f->sys, t.report, m, 4, PM_FIXTURE_NOW);             /* Elsewhere */
    wb_import(t.f->sys, t.other, m, 4, PM_FIXTURE_NOW);              /* no unit */
    wb_seen w = wb_list_mine(t.as_report, m, 0, 0);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.unit[0], t.unit);
    assert_int_equal(w.unit[1], elsewhere);
    w = wb_list_mine(t.as_other, m, 0, 0);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.unit[0], 0);
    free_team(&t);
}

static void test_hr_and_the_system_import_measurements(void **state)
{
    team t = make_team(state);
    pm_id m = wb_metric(t.f, "Energy", 0, 10);
    wb_import(t.f->sys, t.report, m, 7, 0);
    wb_import(t.as_hr, t.report, m, 8.25, PM_FIXTURE_NOW - HOUR);
    wb_seen w = wb_list_mine(t.as_report, 0, 0, 0);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.at[0], PM_FIXTURE_NOW - HOUR);  /* oldest first */
    assert_near(w.value[0], 8.25, 0.0);
    assert_int_equal(w.source[0], PM_MEASURED_BY_IMPORT);
    assert_int_equal(w.at[1], PM_FIXTURE_NOW);
    assert_int_equal(w.source[1], PM_MEASURED_BY_IMPORT);
    free_team(&t);
}

static void test_a_measurement_needs_the_source_its_session_may_use(void **state)
{
    team t = make_team(state);
    pm_id m = wb_metric(t.f, "Energy", 0, 10);
    char *before = pm_fixture_store_dump(t.f);
    pm_measurement_opts o = wb_measure_opts(t.report, m, 5, 0, PM_MEASURED_BY_IMPORT);
    pm_id id = 9;
    assert_fails(t.as_report, pm_measurement_add(&id, t.as_report, &o), PM_EPERM,
                 "may not import measurements");
    assert_int_equal(id, 0);
    o.source = PM_MEASURED_MANUALLY;
    assert_fails(t.f->sys, pm_measurement_add(NULL, t.f->sys, &o), PM_EPERM,
                 "the system actor may not record a measurement for someone else");
    assert_fails(t.as_hr, pm_measurement_add(NULL, t.as_hr, &o), PM_EPERM,
                 "may not record a measurement for someone else");
    assert_fails(t.as_manager, pm_measurement_add(NULL, t.as_manager, &o), PM_EPERM,
                 "may not record a measurement for someone else");
    o.source = PM_MEASURED_BY_SURVEY;
    assert_fails(t.f->sys, pm_measurement_add(NULL, t.f->sys, &o), PM_EINVAL,
                 "measurement.source: survey measurements are recorded by pm_survey_respond()");
    assert_fails(t.as_report, pm_measurement_add(NULL, t.as_report, &o), PM_EINVAL,
                 "measurement.source");
    o.source = PM_MEASURED_AT_CHECKIN;
    assert_fails(t.as_report, pm_measurement_add(NULL, t.as_report, &o), PM_EINVAL,
                 "check-in measurements are recorded by pm_checkin_hold()");
    o.source = (pm_measurement_source)9;
    assert_fails(t.f->sys, pm_measurement_add(NULL, t.f->sys, &o), PM_EINVAL,
                 "measurement.source: 9 is not");
    pm_fixture_assert_store_is(t.f, before);
    free_team(&t);
}

static void test_measurement_add_refuses_bad_values_and_writes_nothing(void **state)
{
    team t = make_team(state);
    pm_id mood = 0;
    assert_ok(t.f->sys, pm_metric_builtin(&mood, t.f->sys, PM_METRIC_CHECKIN_MOOD));
    pm_id left = pm_fixture_person(t.f, "L", "Left", 0, 0);
    assert_ok(t.f->sys, pm_person_set_left(t.f->sys, left, D("2026-06-01")));
    struct {
        pm_id person, metric;
        double value;
        pm_time at;
        pm_status status;
        const char *needle;
    } bad[] = {
        { t.report, mood, 7, 0, PM_EINVAL, "measurement.value: 7 is outside the scale 1 to 5" },
        { t.report, mood, 0.5, 0, PM_EINVAL, "measurement.value: 0.5 is outside the scale 1 to 5" },
        { t.report, mood, -1, 0, PM_EINVAL, "measurement.value: -1 is outside" },
        { t.report, mood, NAN, 0, PM_EINVAL, "measurement.value: must be a finite number" },
        { t.report, mood, INFINITY, 0, PM_EINVAL, "measurement.value: must be a finite number" },
        { t.report, mood, -INFINITY, 0, PM_EINVAL, "measurement.value: must be a finite number" },
        { t.report, mood, 3, PM_FIXTURE_NOW + 1, PM_EINVAL, "measurement.at: 1781524801 is in the future" },
        { t.report, mood, 3, PM_FIXTURE_NOW + 30 * DAY, PM_EINVAL, "is in the future" },
        { t.report, 0, 3, 0, PM_EINVAL, "measurement.metric: 0 is not a metric id" },
        { t.report, 404, 3, 0, PM_ENOTFOUND, "measurement.metric: metric 404 does not exist" },
        { 0, mood, 3, 0, PM_EINVAL, "measurement.person: 0 is not a person id" },
        { 404, mood, 3, 0, PM_ENOTFOUND, "measurement.person: person 404 does not exist" },
        { left, mood, 3, 0, PM_EINVAL, "has left" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pm_measurement_opts o = wb_measure_opts(bad[i].person, bad[i].metric, bad[i].value,
                                                bad[i].at, PM_MEASURED_BY_IMPORT);
        char *before = pm_fixture_store_dump(t.f);
        pm_id id = 9;
        assert_fails(t.f->sys, pm_measurement_add(&id, t.f->sys, &o), bad[i].status,
                     bad[i].needle);
        assert_int_equal(id, 0);
        pm_fixture_assert_store_is(t.f, before);
    }
    /* The person's own entries are checked alike. */
    char *before = pm_fixture_store_dump(t.f);
    pm_measurement_opts o = wb_measure_opts(t.report, mood, 6, 0, PM_MEASURED_MANUALLY);
    assert_fails(t.as_report, pm_measurement_add(NULL, t.as_report, &o), PM_EINVAL,
                 "measurement.value: 6 is outside the scale 1 to 5");
    o.value = 3;
    o.version = 2;
    assert_fails(t.as_report, pm_measurement_add(NULL, t.as_report, &o), PM_EVERSION,
                 "measurement_opts");
    assert_fails(t.as_report, pm_measurement_add(NULL, t.as_report, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_measurement_add(NULL, NULL, &o), PM_EINVAL);
    pm_fixture_assert_store_is(t.f, before);
    free_team(&t);
}

static void test_list_mine_filters_by_metric_and_period_oldest_first(void **state)
{
    team t = make_team(state);
    pm_id a = wb_metric(t.f, "A", 0, 10);
    pm_id b = wb_metric(t.f, "B", 0, 10);
    pm_time now = PM_FIXTURE_NOW;
    wb_import(t.f->sys, t.report, b, 1, now - 5 * DAY);
    wb_import(t.f->sys, t.report, a, 2, now - 4 * DAY);
    wb_import(t.f->sys, t.report, b, 3, now - 3 * DAY);
    wb_import(t.f->sys, t.report, a, 4, now - 2 * DAY);
    wb_import(t.f->sys, t.other, a, 9, now - 2 * DAY);
    wb_seen w = wb_list_mine(t.as_report, 0, 0, 0);  /* every metric, by time */
    assert_int_equal(w.n, 4);
    for (size_t i = 0; i < 4; i++)
        assert_near(w.value[i], (double)(i + 1), 0.0);
    w = wb_list_mine(t.as_report, a, 0, 0);
    assert_int_equal(w.n, 2);
    assert_near(w.value[0], 2, 0.0);
    assert_near(w.value[1], 4, 0.0);
    /* Both ends count. */
    w = wb_list_mine(t.as_report, 0, now - 4 * DAY, now - 3 * DAY);
    assert_int_equal(w.n, 2);
    assert_near(w.value[0], 2, 0.0);
    assert_near(w.value[1], 3, 0.0);
    w = wb_list_mine(t.as_report, b, now - 4 * DAY, now - 3 * DAY);
    assert_int_equal(w.n, 1);
    assert_near(w.value[0], 3, 0.0);
    w = wb_list_mine(t.as_report, a, now - 4 * DAY + 1, now - 2 * DAY - 1);
    assert_int_equal(w.n, 0);
    pm_measurement_iter *it = (pm_measurement_iter *)1;
    assert_fails(t.as_report, pm_measurement_list_mine(&it, t.as_report, a, now, now - 1),
                 PM_EINVAL, "before it starts");
    assert_null(it);
    assert_fails(t.as_report, pm_measurement_list_mine(&it, t.as_report, 404, 0, 0),
                 PM_ENOTFOUND, "metric: metric 404 does not exist");
    assert_fails(t.as_report, pm_measurement_list_mine(&it, t.as_report, -1, 0, 0), PM_EINVAL,
                 "metric: -1 is not a metric id");
    assert_fails(t.as_report, pm_measurement_list_mine(NULL, t.as_report, 0, 0, 0), PM_EINVAL,
                 "out");
    free_team(&t);
}

/* Nobody reads another person's measurements: the list has no person to
 * ask for, the system actor (no person of its own) is refused, and the
 * manager and HR see only their own. The aggregate is the only way. */
static void test_nobody_else_can_list_someones_measurements(void **state)
{
    team t = make_team(state);
    pm_id m = wb_metric(t.f, "Energy", 0, 10);
    wb_import(t.f->sys, t.report, m, 3, 0);
    pm_measurement_opts o = wb_measure_opts(t.report, m, 4, 0, PM_MEASURED_MANUALLY);
    assert_ok(t.as_report, pm_measurement_add(NULL, t.as_report, &o));
    pm_measurement_iter *it = NULL;
    assert_fails(t.f->sys, pm_measurement_list_mine(&it, t.f->sys, 0, 0, 0), PM_EPERM,
                 "the system actor may not read someone else's measurements");
    assert_null(it);
    assert_fails(t.f->sys, pm_measurement_list_mine(&it, t.f->sys, m, 0, 0), PM_EPERM,
                 "permission denied");
    assert_int_equal(wb_list_mine(t.as_manager, 0, 0, 0).n, 0);
    assert_int_equal(wb_list_mine(t.as_hr, 0, 0, 0).n, 0);
    assert_int_equal(wb_list_mine(t.as_hr, m, 0, 0).n, 0);
    assert_int_equal(wb_list_mine(t.as_other, m, 0, 0).n, 0);
    assert_int_equal(wb_list_mine(t.as_report, m, 0, 0).n, 2);
    free_team(&t);
}

static void test_instrument_scores_are_recorded_on_the_builtin_metrics(void **state)
{
    team t = make_team(state);
    pm_id who5 = 0, enps = 0, cbi = 0;
    assert_ok(t.f->sys, pm_metric_builtin(&who5, t.f->sys, PM_METRIC_WHO5));
    assert_ok(t.f->sys, pm_metric_builtin(&enps, t.f->sys, PM_METRIC_ENPS));
    assert_ok(t.f->sys, pm_metric_builtin(&cbi, t.f->sys, PM_METRIC_CBI_PERSONAL));
    /* WHO-5 1,1,1,1,2: raw 6, 24 %, a depression screen; stored as 24. */
    int items[5] = { 1, 1, 1, 1, 2 };
    pm_who5 w;
    assert_int_equal(pm_who5_score(&w, items), PM_OK);
    assert_int_equal(w.percent, 24);
    assert_true(w.depression_screen);
    pm_measurement_opts o = wb_measure_opts(t.report, who5, w.percent, 0, PM_MEASURED_MANUALLY);
    assert_ok(t.as_report, pm_measurement_add(NULL, t.as_report, &o));
    /* The raw score is not the metric: 101 would be off the 0-100 scale. */
    o.value = 101;
    assert_fails(t.as_report, pm_measurement_add(NULL, t.as_report, &o), PM_EINVAL,
                 "measurement.value: 101 is outside the scale 0 to 100");
    /* eNPS holds one answer 0-10; the score is the group's. */
    int answers[10] = { 9, 10, 9, 7, 8, 7, 8, 8, 3, 6 };
    pm_enps e;
    assert_int_equal(pm_enps_score(&e, answers, 10), PM_OK);
    assert_near(e.score, 10.0, 1e-12);
    o = wb_measure_opts(t.report, enps, 9, 0, PM_MEASURED_MANUALLY);
    assert_ok(t.as_report, pm_measurement_add(NULL, t.as_report, &o));
    o.value = 11;
    assert_fails(t.as_report, pm_measurement_add(NULL, t.as_report, &o), PM_EINVAL,
                 "measurement.value: 11 is outside the scale 0 to 10");
    /* CBI personal: (50 + 75 + 25 + 50 + 100 + 0) / 6 = 50. */
    int cbi_items[6] = { 50, 75, 25, 50, 100, 0 };
    double score = 0;
    assert_int_equal(pm_cbi_score(&score, cbi_items, 6), PM_OK);
    assert_near(score, 50.0, 1e-12);
    o = wb_measure_opts(t.report, cbi, score, 0, PM_MEASURED_MANUALLY);
    assert_ok(t.as_report, pm_measurement_add(NULL, t.as_report, &o));
    wb_seen seen = wb_list_mine(t.as_report, 0, 0, 0);
    assert_int_equal(seen.n, 3);
    free_team(&t);
}

/* ---- the check-in link ---- */

static pm_id first_checkin(pm_session *s, pm_id series)
{
    pm_checkin_iter *it = NULL;
    assert_ok(s, pm_checkin_list(&it, s, series));
    pm_checkin *c = NULL;
    assert_ok(s, pm_checkin_iter_next(&c, it));
    pm_id id = pm_checkin_id(c);
    pm_checkin_iter_free(it);
    return id;
}

static pm_id series_from(team *t, const char *start)
{
    pm_checkin_series_opts o = PM_CHECKIN_SERIES_OPTS_INIT;
    o.manager = t->manager;
    o.report = t->report;
    o.start = D(start);
    pm_id id = 0;
    assert_ok(t->as_manager, pm_checkin_series_create(&id, t->as_manager, &o));
    return id;
}

static void test_holding_a_checkin_with_a_mood_records_the_reports_measurement(void **state)
{
    team t = make_team(state);
    pm_id series = series_from(&t, "2026-06-01");
    pm_id meeting = first_checkin(t.as_manager, series);
    pm_id next = 0;
    assert_ok(t.as_manager, pm_checkin_hold(&next, t.as_manager, meeting, 4));
    pm_id mood = 0;
    assert_ok(t.as_report, pm_metric_builtin(&mood, t.as_report, PM_METRIC_CHECKIN_MOOD));
    wb_seen w = wb_list_mine(t.as_report, mood, 0, 0);
    assert_int_equal(w.n, 1);
    assert_near(w.value[0], 4.0, 0.0);
    assert_int_equal(w.source[0], PM_MEASURED_AT_CHECKIN);
    assert_int_equal(w.metric[0], mood);
    assert_int_equal(w.at[0], (pm_time)D("2026-06-01") * DAY + 12 * HOUR);  /* noon UTC */
    assert_int_equal(w.unit[0], t.unit);
    /* The manager held it, but the mood is the report's, not theirs. */
    assert_int_equal(wb_list_mine(t.as_manager, 0, 0, 0).n, 0);
    /* Held without a mood: nothing recorded. */
    assert_ok(t.as_report, pm_checkin_hold(NULL, t.as_report, next, PM_MOOD_NONE));
    assert_int_equal(wb_list_mine(t.as_report, 0, 0, 0).n, 1);
    free_team(&t);
}

/* A meeting dated today and held before noon, or dated later, is measured
 * now: a measurement is never in the future. */
static void test_a_mood_held_before_its_noon_is_measured_now(void **state)
{
    team t = make_team(state);
    t.f->now = PM_FIXTURE_NOW - 3 * HOUR;  /* 09:00 on 2026-06-15 */
    pm_id series = series_from(&t, "2026-06-15");
    pm_id today = first_checkin(t.as_manager, series);
    pm_id next = 0;
    assert_ok(t.as_report, pm_checkin_hold(&next, t.as_report, today, 2));
    wb_seen w = wb_list_mine(t.as_report, 0, 0, 0);
    assert_int_equal(w.n, 1);
    assert_int_equal(w.at[0], PM_FIXTURE_NOW - 3 * HOUR);
    assert_near(w.value[0], 2.0, 0.0);
    assert_true(next > 0);  /* dated 2026-06-22 */
    assert_ok(t.as_report, pm_checkin_hold(NULL, t.as_report, next, 5));
    w = wb_list_mine(t.as_report, 0, 0, 0);
    assert_int_equal(w.n, 2);
    assert_int_equal(w.at[1], PM_FIXTURE_NOW - 3 * HOUR);
    free_team(&t);
}

static void test_a_refused_hold_records_no_mood(void **state)
{
    team t = make_team(state);
    pm_id series = series_from(&t, "2026-06-01");
    pm_id meeting = first_checkin(t.as_manager, series);
    pm_id next = 0;
    assert_ok(t.as_manager, pm_checkin_hold(&next, t.as_manager, meeting, 3));
    assert_true(next > 0);
    char *before = pm_fixture_store_dump(t.f);
    assert_fails(t.as_manager, pm_checkin_hold(NULL, t.as_manager, meeting, 5), PM_EINVAL,
                 "checkin.state");
    assert_fails(t.as_other, pm_checkin_hold(NULL, t.as_other, next, 5), PM_EPERM,
                 "permission denied");
    assert_fails(t.as_manager, pm_checkin_hold(NULL, t.as_manager, next, 6), PM_EINVAL,
                 "checkin.mood");
    pm_fixture_assert_store_is(t.f, before);
    assert_int_equal(wb_list_mine(t.as_report, 0, 0, 0).n, 1);
    free_team(&t);
}

/* ---- running out of memory ---- */

static void test_measurement_calls_survive_running_out_of_memory(void **state)
{
    team t = make_team(state);
    pm_id m = wb_metric(t.f, "Energy", 0, 10);
    wb_import(t.f->sys, t.report, m, 3, PM_FIXTURE_NOW - DAY);
    pm_id series = series_from(&t, "2026-06-01");
    /* The first hold warms what a backend keeps (SQLite's prepared
     * statements and their cache); the one that runs out of memory is the
     * next. */
    pm_id meeting = 0;
    assert_ok(t.as_manager, pm_checkin_hold(&meeting, t.as_manager,
                                            first_checkin(t.as_manager, series), 5));
    for (int call = 0; call < 3; call++) {
        int succeeded = 0;
        for (long n = 0; n < 2000 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(t.f);
            long live = pm_fixture_alloc_live();
            pm_measurement_opts o = wb_measure_opts(t.report, m, 6, 0, PM_MEASURED_MANUALLY);
            pm_session *s = call == 2 ? t.as_manager : t.as_report;
            pm_fixture_alloc_fail_after(n);
            pm_status st = call == 0 ? pm_measurement_add(NULL, s, &o)
                         : call == 1 ? pm_metric_builtin(&(pm_id){ 0 }, s, PM_METRIC_WHO5)
                                     : pm_checkin_hold(NULL, s, meeting, 4);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM && st != PM_ESTORAGE)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, n, (int)st,
                         pm_session_errmsg(s));
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(t.f, before, "measurement write");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call,
                             n, pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
    int succeeded = 0;
    for (long n = 0; n < 2000 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_measurement_iter *it = NULL;
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_measurement_list_mine(&it, t.as_report, 0, 0, 0);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM && st != PM_ESTORAGE)
            fail_msg("list, allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(t.as_report));
        succeeded = st == PM_OK;
        pm_measurement_iter_free(it);
        if (pm_fixture_alloc_live() != live)
            fail_msg("list, allocation %ld failing: leaked", n);
    }
    assert_true(succeeded);
    /* import, manual, two moods */
    assert_int_equal(wb_list_mine(t.as_report, 0, 0, 0).n, 4);
    free_team(&t);
}

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_metric_opts_init_fills_defaults_and_refuses_unknown_versions),
        T(test_hr_defines_a_custom_metric_that_everyone_reads),
        T(test_metrics_are_listed_by_folded_name),
        T(test_only_hr_and_the_system_define_metrics),
        T(test_metric_create_refuses_bad_definitions_and_writes_nothing),
        T(test_builtin_metrics_are_defined_on_first_use_with_fixed_scales),
        T(test_metric_get_refuses_unknown_and_bad_ids),
        T(test_a_person_records_and_lists_their_own_measurements),
        T(test_a_measurement_keeps_the_unit_of_its_day),
        T(test_hr_and_the_system_import_measurements),
        T(test_a_measurement_needs_the_source_its_session_may_use),
        T(test_measurement_add_refuses_bad_values_and_writes_nothing),
        T(test_list_mine_filters_by_metric_and_period_oldest_first),
        T(test_nobody_else_can_list_someones_measurements),
        T(test_instrument_scores_are_recorded_on_the_builtin_metrics),
        T(test_holding_a_checkin_with_a_mood_records_the_reports_measurement),
        T(test_a_mood_held_before_its_noon_is_measured_now),
        T(test_a_refused_hold_records_no_mood),
        T(test_measurement_calls_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
