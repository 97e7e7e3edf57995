/* Programmes on every backend: every way a call can be wrong is refused
 * with its status and a message naming the field or the reason, and the
 * store stays exactly as it was; running out of memory fails cleanly. The
 * happy paths are in test_programme.c. */
#include "fixture.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"
#include "test_programme_helpers.h"

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

/* ---- creating ---- */

enum bad_case {
    BAD_NAME_MISSING, BAD_NAME_EMPTY, BAD_NAME_BLANK, BAD_NAME_NEWLINE, BAD_NAME_UTF8,
    BAD_NAME_LONG, BAD_NAME_TAKEN, BAD_KIND_0, BAD_KIND_9, BAD_CAPACITY, BAD_NO_COMPETENCIES,
    BAD_COMPETENCIES_NULL, BAD_TOO_MANY, BAD_REPEATED, BAD_UNKNOWN_COMPETENCY,
    BAD_ZERO_COMPETENCY, BAD_DESCRIPTION_UTF8, BAD_VERSION_0, BAD_VERSION_99, BAD_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_expect[BAD_COUNT] = {
    [BAD_NAME_MISSING] = { PM_EINVAL, "programme.name: must not be empty" },
    [BAD_NAME_EMPTY] = { PM_EINVAL, "programme.name: must not be empty" },
    [BAD_NAME_BLANK] = { PM_EINVAL, "programme.name: must not be blank" },
    [BAD_NAME_NEWLINE] = { PM_EINVAL, "programme.name" },
    [BAD_NAME_UTF8] = { PM_EUTF8, "programme.name: invalid UTF-8" },
    [BAD_NAME_LONG] = { PM_ERANGE, "programme.name: longer than 200" },
    [BAD_NAME_TAKEN] = { PM_ECONFLICT, "programme.name: 'sql BASICS' is taken by programme" },
    [BAD_KIND_0] = { PM_EINVAL, "programme.kind: 0 is not a kind" },
    [BAD_KIND_9] = { PM_EINVAL, "programme.kind: 9 is not a kind" },
    [BAD_CAPACITY] = { PM_EINVAL, "programme.capacity: -1 is negative" },
    [BAD_NO_COMPETENCIES] = { PM_EINVAL, "programme.competencies: must name at least one" },
    [BAD_COMPETENCIES_NULL] = { PM_EINVAL, "programme.competencies: must not be NULL" },
    [BAD_TOO_MANY] = { PM_EINVAL, "programme.competencies: 21 are more than 20" },
    [BAD_REPEATED] = { PM_EINVAL, "programme.competencies[2]: competency" },
    [BAD_UNKNOWN_COMPETENCY] = { PM_ENOTFOUND, "programme.competencies[1]: competency 999" },
    [BAD_ZERO_COMPETENCY] = { PM_EINVAL, "programme.competencies[0]" },
    [BAD_DESCRIPTION_UTF8] = { PM_EUTF8, "programme.description: invalid UTF-8" },
    [BAD_VERSION_0] = { PM_EVERSION, "programme_opts" },
    [BAD_VERSION_99] = { PM_EVERSION, "programme_opts" },
};

static void test_programme_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    new_programme(f, "SQL basics", 0, &fw.sql, 1);
    char long_name[260];
    memset(long_name, 'x', 201);
    long_name[201] = '\0';
    pm_id many[21];
    for (int i = 0; i < 21; i++)
        many[i] = fw.sql;
    pm_id repeated[3] = { fw.sql, fw.writing, fw.sql };
    pm_id unknown[2] = { fw.sql, 999 };
    pm_id zero[1] = { 0 };
    char *before = pm_fixture_store_dump(f);
    for (int c = 0; c < BAD_COUNT; c++) {
        pm_programme_opts o = programme_opts("Writing well", PM_PROGRAMME_TRAINING, 4,
                                             &fw.writing, 1);
        switch ((enum bad_case)c) {
        case BAD_NAME_MISSING: o.name = NULL; break;
        case BAD_NAME_EMPTY: o.name = ""; break;
        case BAD_NAME_BLANK: o.name = "  \xC2\xA0 \xE3\x80\x80"; break;
        case BAD_NAME_NEWLINE: o.name = "Two\nlines"; break;
        case BAD_NAME_UTF8: o.name = "Bad \xC3"; break;
        case BAD_NAME_LONG: o.name = long_name; break;
        case BAD_NAME_TAKEN: o.name = "sql BASICS"; break;
        case BAD_KIND_0: o.kind = (pm_programme_kind)0; break;
        case BAD_KIND_9: o.kind = (pm_programme_kind)9; break;
        case BAD_CAPACITY: o.capacity = -1; break;
        case BAD_NO_COMPETENCIES: o.ncompetencies = 0; break;
        case BAD_COMPETENCIES_NULL: o.competencies = NULL; break;
        case BAD_TOO_MANY: o.competencies = many; o.ncompetencies = 21; break;
        case BAD_REPEATED: o.competencies = repeated; o.ncompetencies = 3; break;
        case BAD_UNKNOWN_COMPETENCY: o.competencies = unknown; o.ncompetencies = 2; break;
        case BAD_ZERO_COMPETENCY: o.competencies = zero; break;
        case BAD_DESCRIPTION_UTF8: o.description = "\xFF"; break;
        case BAD_VERSION_0: o.version = 0; break;
        case BAD_VERSION_99: o.version = 99; break;
        case BAD_COUNT: break;
        }
        pm_id id = 77;
        pm_status st = pm_programme_create(&id, f->sys, &o);
        if (st != bad_expect[c].status)
            fail_msg("case %d: status %d, expected %d: %s", c, (int)st,
                     (int)bad_expect[c].status, pm_session_errmsg(f->sys));
        if (strstr(pm_session_errmsg(f->sys), bad_expect[c].needle) == NULL)
            fail_msg("case %d: message '%s' lacks '%s'", c, pm_session_errmsg(f->sys),
                     bad_expect[c].needle);
        if (c != BAD_VERSION_0 && c != BAD_VERSION_99)
            assert_int_equal(id, 0);
        pm_fixture_check_store(f, before, "programme_create");
    }
    assert_fails(f->sys, pm_programme_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_programme_create(NULL, NULL, NULL), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
}

static void test_only_hr_and_the_system_run_programmes(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id mia = pm_fixture_person(f, "E1", "Mia", 0, 0);
    pm_id anna = pm_fixture_person(f, "E2", "Anna", mia, 0);
    pm_id hr = pm_fixture_person(f, "E3", "Hedda", 0, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, hr, 1));
    year_plan(f, anna);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    enrol(f, prog, anna);
    pm_session *as_mia = pm_fixture_session(f, mia);
    char *before = pm_fixture_store_dump(f);
    pm_programme_opts o = programme_opts("Mine", PM_PROGRAMME_TRAINING, 0, &fw.sql, 1);
    assert_fails(as_mia, pm_programme_create(NULL, as_mia, &o), PM_EPERM,
                 "may not run programmes");
    assert_fails(as_mia, pm_programme_add_session(as_mia, prog, D("2026-07-01"), NULL, 0),
                 PM_EPERM, "run programmes");
    assert_fails(as_mia, pm_programme_invite(as_mia, prog, anna), PM_EPERM, "run programmes");
    assert_fails(as_mia, pm_programme_complete(as_mia, prog, anna, PM_RESULT_PASSED,
                                               PM_DATE_NONE), PM_EPERM, "run programmes");
    pm_enrolment_iter *eit = NULL;
    assert_fails(as_mia, pm_programme_participants(&eit, as_mia, prog), PM_EPERM,
                 "run programmes");
    assert_null(eit);
    pm_programme_stats st = PM_PROGRAMME_STATS_INIT;
    assert_fails(as_mia, pm_programme_stats_get(&st, as_mia, prog), PM_EPERM, "run programmes");
    pm_candidate_iter *cit = NULL;
    assert_fails(as_mia, pm_programme_candidates(&cit, as_mia, prog, 1.0, PM_DATE_NONE, NULL),
                 PM_EPERM, "run programmes");
    assert_null(cit);
    pm_fixture_assert_store_is(f, before);
    pm_session_free(as_mia);
    /* an HR admin may */
    pm_session *as_hr = pm_fixture_session(f, hr);
    assert_ok(as_hr, pm_programme_create(NULL, as_hr, &o));
    assert_ok(as_hr, pm_programme_add_session(as_hr, prog, D("2026-07-01"), "Day 1", 0));
    assert_ok(as_hr, pm_programme_complete(as_hr, prog, anna, PM_RESULT_PASSED, PM_DATE_NONE));
    assert_ok(as_hr, pm_programme_stats_get(&st, as_hr, prog));
    assert_int_equal(st.completed, 1);
    pm_session_free(as_hr);
}

static void test_add_session_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_programme_add_session(f->sys, 999, D("2026-07-01"), NULL, 0),
                 PM_ENOTFOUND, "programme: programme 999 does not exist");
    assert_fails(f->sys, pm_programme_add_session(f->sys, 0, D("2026-07-01"), NULL, 0),
                 PM_EINVAL, "programme: 0 is not a programme id");
    assert_fails(f->sys, pm_programme_add_session(f->sys, prog, PM_DATE_NONE, NULL, 0),
                 PM_EINVAL, "programme_session.on: must be given");
    assert_fails(f->sys, pm_programme_add_session(f->sys, prog, 99999999, NULL, 0),
                 PM_EINVAL, "programme_session.on");
    assert_fails(f->sys, pm_programme_add_session(f->sys, prog, D("2026-07-01"), "a\nb", 0),
                 PM_EINVAL, "programme_session.title");
    assert_fails(f->sys, pm_programme_add_session(f->sys, prog, D("2026-07-01"), "\xC3", 0),
                 PM_EUTF8, "programme_session.title");
    assert_int_equal(pm_programme_add_session(NULL, prog, D("2026-07-01"), NULL, 0), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
}

static void test_reads_refuse_unknown_programmes_and_bad_arguments(void **state)
{
    pm_fixture *f = *state;
    framework fw = make_framework(f);
    pm_id prog = new_programme(f, "SQL basics", 0, &fw.sql, 1);
    pm_programme *p = NULL;
    assert_fails(f->sys, pm_programme_get(&p, f->sys, 999), PM_ENOTFOUND,
                 "programme: programme 999 does not exist");
    assert_null(p);
    assert_fails(f->sys, pm_programme_get(&p, f->sys, -3), PM_EINVAL,
                 "programme: -3 is not a programme id");
    assert_fails(f->sys, pm_programme_get(NULL, f->sys, prog), PM_EINVAL, "out");
    assert_fails(f->sys, pm_programme_list(NULL, f->sys), PM_EINVAL, "out");
    pm_enrolment_iter *eit = NULL;
    assert_fails(f->sys, pm_programme_participants(&eit, f->sys, 999), PM_ENOTFOUND,
                 "programme 999");
    pm_programme_stats st = PM_PROGRAMME_STATS_INIT;
    assert_fails(f->sys, pm_programme_stats_get(&st, f->sys, 999), PM_ENOTFOUND,
                 "programme 999");
    st.version = 7;
    assert_fails(f->sys, pm_programme_stats_get(&st, f->sys, prog), PM_EVERSION,
                 "programme_stats");
    assert_fails(f->sys, pm_programme_stats_get(NULL, f->sys, prog), PM_EINVAL, "out");
    pm_candidate_iter *cit = NULL;
    const double bad_gaps[4] = { 0.0, -1.0, NAN, INFINITY };
    for (int i = 0; i < 4; i++) {
        assert_fails(f->sys, pm_programme_candidates(&cit, f->sys, prog, bad_gaps[i],
                                                     PM_DATE_NONE, NULL),
                     PM_EINVAL, "min_gap: must be more than 0");
        assert_null(cit);
    }
    assert_fails(f->sys, pm_programme_candidates(&cit, f->sys, 999, 1.0, PM_DATE_NONE, NULL),
                 PM_ENOTFOUND, "programme 999");
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.version = 99;
    assert_int_equal(pm_programme_candidates(&cit, f->sys, prog, 1.0, PM_DATE_NONE, &rule),
                     PM_EVERSION);
    assert_int_equal(pm_programme_opts_init(NULL, PM_PROGRAMME_OPTS_VERSION), PM_EINVAL);
    pm_programme_opts o;
    assert_int_equal(pm_programme_opts_init(&o, 2), PM_EVERSION);
    pm_programme_iter_free(NULL);
    pm_enrolment_iter_free(NULL);
    pm_candidate_iter_free(NULL);
    pm_programme_free(NULL);
}

/* ---- invitations ---- */

typedef struct world {
    framework fw;
    pm_id mia;      /* Anna's manager */
    pm_id anna;     /* with a plan */
    pm_id ben;      /* with a plan */
    pm_id cleo;     /* no plan */
    pm_id gone;     /* left */
    pm_id prog;     /* training on sql, one seat */
} world;

static world make_world(pm_fixture *f)
{
    world w;
    w.fw = make_framework(f);
    w.mia = pm_fixture_person(f, "E1", "Mia", 0, 0);
    w.anna = pm_fixture_person(f, "E2", "Anna", w.mia, 0);
    w.ben = pm_fixture_person(f, "E3", "Ben", 0, 0);
    w.cleo = pm_fixture_person(f, "E4", "Cleo", 0, 0);
    w.gone = pm_fixture_person(f, "E5", "Gone", 0, 0);
    year_plan(f, w.anna);
    year_plan(f, w.ben);
    assert_ok(f->sys, pm_person_set_left(f->sys, w.gone, D("2026-06-15")));
    w.prog = new_programme(f, "SQL basics", 1, &w.fw.sql, 1);
    add_session(f, w.prog, "2026-07-01", "Day 1");
    return w;
}

static void test_invite_refuses_unknown_left_and_already_invited_people(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    assert_ok(f->sys, pm_programme_invite(f->sys, w.prog, w.cleo));
    enrol(f, w.prog, w.anna);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_programme_invite(f->sys, 999, w.ben), PM_ENOTFOUND,
                 "programme: programme 999 does not exist");
    assert_fails(f->sys, pm_programme_invite(f->sys, w.prog, 999), PM_ENOTFOUND,
                 "person: person 999 does not exist");
    assert_fails(f->sys, pm_programme_invite(f->sys, w.prog, 0), PM_EINVAL,
                 "person: 0 is not a person id");
    assert_fails(f->sys, pm_programme_invite(f->sys, w.prog, w.gone), PM_EINVAL, "has left");
    assert_fails(f->sys, pm_programme_invite(f->sys, w.prog, w.cleo), PM_ECONFLICT,
                 "is invited to programme");
    assert_fails(f->sys, pm_programme_invite(f->sys, w.prog, w.anna), PM_ECONFLICT,
                 "already");
    pm_fixture_assert_store_is(f, before);
}

/* ---- enrolling ---- */

static void test_enrol_into_a_full_programme_is_refused_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    enrol(f, w.prog, w.anna);
    char *before = pm_fixture_store_dump(f);
    char want[128];
    snprintf(want, sizeof want, "programme: programme %lld is full (1 of 1 seats taken)",
             (long long)w.prog);
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, w.prog, w.ben), PM_EINVAL, want);
    pm_fixture_assert_store_is(f, before);
    /* completing keeps the seat taken */
    assert_ok(f->sys, pm_programme_complete(f->sys, w.prog, w.anna, PM_RESULT_PASSED,
                                            PM_DATE_NONE));
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, w.prog, w.ben), PM_EINVAL, want);
    pm_fixture_assert_store_is(f, before);
}

static void test_enrol_needs_a_plan_covering_today(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    /* a plan that ended before today does not count either */
    new_plan(f, w.cleo, "2025-01-01", "2025-12-31");
    char *before = pm_fixture_store_dump(f);
    char want[128];
    snprintf(want, sizeof want, "programme: person %lld has no development plan covering "
             "2026-06-15", (long long)w.cleo);
    pm_id item = 5;
    assert_fails(f->sys, pm_programme_enrol(&item, f->sys, w.prog, w.cleo), PM_EINVAL, want);
    assert_int_equal(item, 0);
    pm_fixture_assert_store_is(f, before);
}

static void test_a_person_enrols_themself_only_when_invited(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    pm_session *as_ben = pm_fixture_session(f, w.ben);
    char *before = pm_fixture_store_dump(f);
    assert_fails(as_ben, pm_programme_enrol(NULL, as_ben, w.prog, w.ben), PM_EPERM,
                 "a person enrols themself only when invited");
    /* nor someone else, not being above them */
    assert_fails(as_ben, pm_programme_enrol(NULL, as_ben, w.prog, w.anna), PM_EPERM,
                 "may not enrol someone who is not their report");
    pm_fixture_assert_store_is(f, before);
    /* invited, then dropped: the invitation is gone */
    assert_ok(f->sys, pm_programme_invite(f->sys, w.prog, w.ben));
    assert_ok(as_ben, pm_programme_drop(as_ben, w.prog, w.ben));
    before = pm_fixture_store_dump(f);
    assert_fails(as_ben, pm_programme_enrol(NULL, as_ben, w.prog, w.ben), PM_EPERM,
                 "only when invited");
    pm_fixture_assert_store_is(f, before);
    pm_session_free(as_ben);
}

static void test_enrol_refuses_twice_completed_unknown_and_left(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    pm_id open = new_programme(f, "Open", 0, &w.fw.sql, 1);
    enrol(f, open, w.anna);
    enrol(f, open, w.ben);
    assert_ok(f->sys, pm_programme_complete(f->sys, open, w.ben, PM_RESULT_PASSED,
                                            PM_DATE_NONE));
    pm_session *as_mia = pm_fixture_session(f, w.mia);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, open, w.anna), PM_ECONFLICT,
                 "already");
    assert_fails(as_mia, pm_programme_enrol(NULL, as_mia, open, w.anna), PM_ECONFLICT,
                 "already");
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, open, w.ben), PM_ECONFLICT,
                 "has completed programme");
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, 999, w.anna), PM_ENOTFOUND,
                 "programme 999 does not exist");
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, open, 999), PM_ENOTFOUND,
                 "person 999 does not exist");
    assert_fails(f->sys, pm_programme_enrol(NULL, f->sys, open, w.gone), PM_EINVAL,
                 "has left");
    assert_int_equal(pm_programme_enrol(NULL, NULL, open, w.anna), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    pm_session_free(as_mia);
}

/* ---- completing and dropping ---- */

static void test_complete_refuses_people_not_enrolled_and_bad_results(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    assert_ok(f->sys, pm_programme_invite(f->sys, w.prog, w.cleo));
    enrol(f, w.prog, w.anna);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_programme_complete(f->sys, w.prog, w.ben, PM_RESULT_PASSED,
                                               PM_DATE_NONE),
                 PM_EINVAL, "is not enrolled in programme");
    assert_fails(f->sys, pm_programme_complete(f->sys, w.prog, w.cleo, PM_RESULT_PASSED,
                                               PM_DATE_NONE),
                 PM_EINVAL, "is invited to programme");
    const int bad_results[3] = { PM_RESULT_PENDING, 0, 9 };
    for (int i = 0; i < 3; i++)
        assert_fails(f->sys, pm_programme_complete(f->sys, w.prog, w.anna,
                                                   (pm_enrolment_result)bad_results[i],
                                                   PM_DATE_NONE),
                     PM_EINVAL, "programme.result");
    assert_fails(f->sys, pm_programme_complete(f->sys, w.prog, w.anna, PM_RESULT_PASSED,
                                               D("2026-06-14")),
                 PM_EINVAL, "programme.date: 2026-06-14 is before the enrolment on 2026-06-15");
    assert_fails(f->sys, pm_programme_complete(f->sys, w.prog, w.anna, PM_RESULT_PASSED,
                                               D("2030-01-01")),
                 PM_EINVAL, "programme.date: 2030-01-01 is in the future");
    assert_fails(f->sys, pm_programme_complete(f->sys, 999, w.anna, PM_RESULT_PASSED,
                                               PM_DATE_NONE),
                 PM_ENOTFOUND, "programme 999");
    assert_fails(f->sys, pm_programme_complete(f->sys, w.prog, 999, PM_RESULT_PASSED,
                                               PM_DATE_NONE),
                 PM_ENOTFOUND, "person 999");
    pm_fixture_assert_store_is(f, before);
    /* completed once is completed */
    assert_ok(f->sys, pm_programme_complete(f->sys, w.prog, w.anna, PM_RESULT_PASSED,
                                            PM_DATE_NONE));
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_programme_complete(f->sys, w.prog, w.anna, PM_RESULT_FAILED,
                                               PM_DATE_NONE),
                 PM_EINVAL, "has completed programme");
    pm_fixture_assert_store_is(f, before);
}

static void test_drop_refuses_completed_dropped_strangers_and_outsiders(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    pm_id open = new_programme(f, "Open", 0, &w.fw.sql, 1);
    enrol(f, open, w.anna);
    enrol(f, open, w.ben);
    assert_ok(f->sys, pm_programme_complete(f->sys, open, w.anna, PM_RESULT_PASSED,
                                            PM_DATE_NONE));
    assert_ok(f->sys, pm_programme_invite(f->sys, open, w.cleo));
    assert_ok(f->sys, pm_programme_drop(f->sys, open, w.cleo));
    pm_session *as_anna = pm_fixture_session(f, w.anna);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_programme_drop(f->sys, open, w.anna), PM_EINVAL,
                 "has completed programme");
    assert_fails(f->sys, pm_programme_drop(f->sys, open, w.cleo), PM_EINVAL,
                 "has dropped out of programme");
    assert_fails(f->sys, pm_programme_drop(f->sys, open, w.mia), PM_EINVAL,
                 "is not invited to or enrolled in programme");
    assert_fails(as_anna, pm_programme_drop(as_anna, open, w.ben), PM_EPERM,
                 "may not drop someone who is not their report out of a programme");
    assert_fails(f->sys, pm_programme_drop(f->sys, 999, w.ben), PM_ENOTFOUND, "programme 999");
    assert_fails(f->sys, pm_programme_drop(f->sys, open, 999), PM_ENOTFOUND, "person 999");
    pm_fixture_assert_store_is(f, before);
    pm_session_free(as_anna);
}

/* ---- running out of memory ---- */

static pm_status read_all(pm_fixture *f, pm_id prog)
{
    pm_programme *p = NULL;
    pm_programme_iter *pit = NULL;
    pm_enrolment_iter *eit = NULL;
    pm_candidate_iter *cit = NULL;
    pm_programme_stats st = PM_PROGRAMME_STATS_INIT;
    pm_status s = pm_programme_get(&p, f->sys, prog);
    if (s == PM_OK)
        s = pm_programme_list(&pit, f->sys);
    if (s == PM_OK)
        s = pm_programme_participants(&eit, f->sys, prog);
    if (s == PM_OK)
        s = pm_programme_stats_get(&st, f->sys, prog);
    if (s == PM_OK)
        s = pm_programme_candidates(&cit, f->sys, prog, 1.0, PM_DATE_NONE, NULL);
    pm_programme_free(p);
    pm_programme_iter_free(pit);
    pm_enrolment_iter_free(eit);
    pm_candidate_iter_free(cit);
    return s;
}

/* Every allocation fails in turn: the call fails cleanly, leaks nothing
 * and (writes) leaves the store as it was, until it succeeds. */
static void test_programme_calls_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    world w = make_world(f);
    pm_id comps[2] = { w.fw.leadership, w.fw.sql };
    pm_id prog = new_programme(f, "Lead with data", 0, comps, 2);
    add_session(f, prog, "2026-07-01", "Day 1");
    add_session(f, prog, "2026-08-01", "Day 2");
    assign(f, w.anna, w.fw.engineer, "2026-01-01");
    assign(f, w.ben, w.fw.engineer, "2026-01-01");
    assert_ok(f->sys, pm_programme_invite(f->sys, prog, w.cleo));
    /* warm what a backend keeps (SQLite's statements, the memory backend's
     * id tables for enrolments and items) */
    pm_id warm = new_programme(f, "Warm-up", 0, &w.fw.sql, 1);
    enrol(f, warm, w.ben);
    assert_ok(f->sys, read_all(f, prog));
    long live = pm_fixture_alloc_live();
    assert_ok(f->sys, read_all(f, prog));
    assert_int_equal(pm_fixture_alloc_live(), live);
    int succeeded = 0;
    for (long n = 0; n < 2000 && !succeeded; n++) {
        live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = read_all(f, prog);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("reads, allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(f->sys));
        succeeded = st == PM_OK;
        if (pm_fixture_alloc_live() != live)
            fail_msg("reads, allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(succeeded);
    for (int call = 0; call < 3; call++) {
        succeeded = 0;
        for (long n = 0; n < 2000 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(f);
            live = pm_fixture_alloc_live();
            pm_fixture_alloc_fail_after(n);
            pm_programme_opts o = programme_opts("Fresh " "\xC3\xA5", PM_PROGRAMME_COACHING, 3,
                                                 comps, 2);
            pm_status st = call == 0 ? pm_programme_enrol(NULL, f->sys, prog, w.anna)
                         : call == 1 ? pm_programme_create(NULL, f->sys, &o)
                                     : pm_programme_complete(f->sys, prog, w.anna,
                                                             PM_RESULT_PASSED, PM_DATE_NONE);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, n, (int)st,
                         pm_session_errmsg(f->sys));
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(f, before, "programme write");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call,
                             n, pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
    enrolment_view v = enrolment_of(f, prog, w.anna);
    assert_int_equal(v.state, PM_ENROLMENT_COMPLETED);
}

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_programme_create_refuses_bad_input_and_writes_nothing),
        T(test_only_hr_and_the_system_run_programmes),
        T(test_add_session_refuses_bad_input_and_writes_nothing),
        T(test_reads_refuse_unknown_programmes_and_bad_arguments),
        T(test_invite_refuses_unknown_left_and_already_invited_people),
        T(test_enrol_into_a_full_programme_is_refused_and_writes_nothing),
        T(test_enrol_needs_a_plan_covering_today),
        T(test_a_person_enrols_themself_only_when_invited),
        T(test_enrol_refuses_twice_completed_unknown_and_left),
        T(test_complete_refuses_people_not_enrolled_and_bad_results),
        T(test_drop_refuses_completed_dropped_strangers_and_outsiders),
        T(test_programme_calls_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
