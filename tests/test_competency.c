/* The competency framework on every backend: scales, competencies, roles
 * and their profiles, and who holds which role over time, made and read
 * back through the public API. Refusals are in test_competency_refusals.c. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"
#include "test_competency_helpers.h"

/* ---- scales ---- */

static void test_scale_create_then_get_returns_every_level(void **state)
{
    pm_fixture *f = *state;
    const char *names[4] = { "Aware", (A_RING_NFD "ware"), "Skilled", "Master" };
    const char *descriptions[4] = { "Knows it exists", NULL, "", "Teaches\nothers" };
    pm_id id = fw_scale(f->sys, "  Depth " A_RING_NFD, 2, 5, names, descriptions);
    pm_scale *sc = NULL;
    assert_ok(f->sys, pm_scale_get(&sc, f->sys, id));
    assert_int_equal(pm_scale_id(sc), id);
    assert_string_equal(pm_scale_name(sc), "  Depth " A_RING_NFC);
    assert_int_equal(pm_scale_min_level(sc), 2);
    assert_int_equal(pm_scale_max_level(sc), 5);
    assert_string_equal(pm_scale_level_name(sc, 2), "Aware");
    assert_string_equal(pm_scale_level_name(sc, 3), A_RING_NFC "ware");
    assert_string_equal(pm_scale_level_name(sc, 4), "Skilled");
    assert_string_equal(pm_scale_level_name(sc, 5), "Master");
    assert_string_equal(pm_scale_level_description(sc, 2), "Knows it exists");
    assert_null(pm_scale_level_description(sc, 3));
    assert_null(pm_scale_level_description(sc, 4)); /* "" is no description */
    assert_string_equal(pm_scale_level_description(sc, 5), "Teaches\nothers");
    assert_null(pm_scale_level_name(sc, 1));
    assert_null(pm_scale_level_name(sc, 6));
    assert_null(pm_scale_level_description(sc, 6));
    pm_scale_free(sc);
}

static void test_scale_without_descriptions_and_from_zero_has_level_zero(void **state)
{
    pm_fixture *f = *state;
    const char *names[3] = { "None", "Some", "Lots" };
    pm_id id = fw_scale(f->sys, "Zero based", 0, 2, names, NULL);
    pm_scale *sc = NULL;
    assert_ok(f->sys, pm_scale_get(&sc, f->sys, id));
    assert_int_equal(pm_scale_min_level(sc), 0);
    assert_string_equal(pm_scale_level_name(sc, 0), "None");
    assert_null(pm_scale_level_description(sc, 0));
    assert_null(pm_scale_level_name(sc, -1));
    pm_scale_free(sc);
}

static void test_scale_of_the_most_levels_and_the_highest_level_is_made(void **state)
{
    pm_fixture *f = *state;
    const char *names[PM_SCALE_LEVELS_MAX];
    char buf[PM_SCALE_LEVELS_MAX][16];
    for (int i = 0; i < PM_SCALE_LEVELS_MAX; i++) {
        snprintf(buf[i], sizeof buf[i], "Level %d", 81 + i);
        names[i] = buf[i];
    }
    pm_id id = fw_scale(f->sys, "Wide", 81, 100, names, NULL);
    pm_scale *sc = NULL;
    assert_ok(f->sys, pm_scale_get(&sc, f->sys, id));
    assert_int_equal(pm_scale_max_level(sc), 100);
    assert_string_equal(pm_scale_level_name(sc, 100), "Level 100");
    assert_string_equal(pm_scale_level_name(sc, 81), "Level 81");
    pm_scale_free(sc);
}

static void test_a_person_reads_the_framework_an_hr_admin_builds(void **state)
{
    pm_fixture *f = *state;
    pm_id hr = fw_hr_admin(f, "H1", "Hana HR");
    pm_id someone = pm_fixture_person(f, "E1", "Sam Someone", 0, 0);
    pm_session *s_hr = pm_fixture_session(f, hr);
    pm_session *s_person = pm_fixture_session(f, someone);
    fw_framework fw;
    fw_framework_make(&fw, s_hr);
    fw_assign(s_hr, someone, fw.engineer, "2026-01-01");

    pm_scale *sc = NULL;
    assert_ok(s_person, pm_scale_get(&sc, s_person, fw.scale));
    assert_string_equal(pm_scale_level_name(sc, 5), "Expert");
    pm_scale_free(sc);
    pm_competency *c = NULL;
    assert_ok(s_person, pm_competency_get(&c, s_person, fw.coaching));
    assert_string_equal(pm_competency_name(c), "Coaching");
    pm_competency_free(c);
    pm_role *r = NULL;
    assert_ok(s_person, pm_role_get(&r, s_person, fw.lead));
    assert_int_equal(pm_role_requirement_count(r), 3);
    pm_role_free(r);
    pm_competency_iter *ci = NULL;
    assert_ok(s_person, pm_competency_list(&ci, s_person, NULL));
    pm_competency_iter_free(ci);
    pm_role_iter *ri = NULL;
    assert_ok(s_person, pm_role_list(&ri, s_person));
    pm_role_iter_free(ri);
    assert_int_equal(fw_role_of(s_person, someone, NULL), fw.engineer);
    pm_session_free(s_hr);
    pm_session_free(s_person);
}

/* ---- competencies ---- */

static void test_competency_create_then_get_returns_every_field(void **state)
{
    pm_fixture *f = *state;
    pm_id scale = fw_scale_1_5(f->sys, "Proficiency");
    pm_competency_opts o = fw_competency_opts("Cr" A_RING_NFD "ft", "Sy" A_RING_NFD "tems", scale);
    o.description = "Builds systems\nthat last";
    pm_id id = 0;
    assert_ok(f->sys, pm_competency_create(&id, f->sys, &o));
    pm_competency *c = NULL;
    assert_ok(f->sys, pm_competency_get(&c, f->sys, id));
    assert_int_equal(pm_competency_id(c), id);
    assert_string_equal(pm_competency_name(c), "Sy" A_RING_NFC "tems");
    assert_string_equal(pm_competency_category(c), "Cr" A_RING_NFC "ft");
    assert_string_equal(pm_competency_description(c), "Builds systems\nthat last");
    assert_int_equal(pm_competency_scale(c), scale);
    pm_competency_free(c);
}

static void test_competency_with_explicit_lengths_and_no_description(void **state)
{
    pm_fixture *f = *state;
    pm_id scale = fw_scale_1_5(f->sys, "Proficiency");
    pm_competency_opts o = fw_competency_opts("Core-and-more", "Listening-and-more", scale);
    o.category_len = 4;
    o.name_len = 9;
    pm_id id = 0;
    assert_ok(f->sys, pm_competency_create(&id, f->sys, &o));
    pm_competency *c = NULL;
    assert_ok(f->sys, pm_competency_get(&c, f->sys, id));
    assert_string_equal(pm_competency_category(c), "Core");
    assert_string_equal(pm_competency_name(c), "Listening");
    assert_string_equal(pm_competency_description(c), "");
    pm_competency_free(c);
}

/* The ids of a competency list, in order, ended by 0. */
static size_t list_competencies(pm_session *s, const char *category, pm_id *ids, size_t cap)
{
    pm_competency_iter *it = NULL;
    assert_ok(s, pm_competency_list(&it, s, category));
    size_t n = 0;
    pm_competency *c = NULL;
    pm_status st;
    while ((st = pm_competency_iter_next(&c, it)) == PM_OK) {
        assert_true(n < cap);
        ids[n++] = pm_competency_id(c);
    }
    assert_int_equal(st, PM_ITEROVER);
    assert_int_equal(pm_competency_iter_next(&c, it), PM_ITEROVER);
    pm_competency_iter_free(it);
    return n;
}

static void test_competency_list_runs_by_category_then_name_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    pm_id scale = fw_scale_1_5(f->sys, "Proficiency");
    pm_id feedback = fw_competency(f->sys, "Leadership", "Feedback", scale);
    pm_id coaching = fw_competency(f->sys, "leadership", "coaching", scale);
    pm_id delivery = fw_competency(f->sys, "Core", "delivery", scale);
    pm_id communication = fw_competency(f->sys, "CORE", "Communication", scale);
    /* The same name in another category is another competency. */
    pm_id core_coaching = fw_competency(f->sys, "Core", "Coaching", scale);
    pm_id ids[8];
    assert_int_equal(list_competencies(f->sys, NULL, ids, 8), 5);
    assert_int_equal(ids[0], core_coaching);
    assert_int_equal(ids[1], communication);
    assert_int_equal(ids[2], delivery);
    assert_int_equal(ids[3], coaching);
    assert_int_equal(ids[4], feedback);
    assert_int_equal(list_competencies(f->sys, "LEADERSHIP", ids, 8), 2);
    assert_int_equal(ids[0], coaching);
    assert_int_equal(ids[1], feedback);
    assert_int_equal(list_competencies(f->sys, "core", ids, 8), 3);
    assert_int_equal(ids[0], core_coaching);
    assert_int_equal(list_competencies(f->sys, "Lead", ids, 8), 0);
    assert_int_equal(list_competencies(f->sys, "", ids, 8), 0);
}

static void test_competency_list_of_an_empty_framework_is_empty(void **state)
{
    pm_fixture *f = *state;
    pm_id ids[1];
    assert_int_equal(list_competencies(f->sys, NULL, ids, 1), 0);
}

static void test_competency_category_filter_matches_nfd_and_case(void **state)
{
    pm_fixture *f = *state;
    pm_id scale = fw_scale_1_5(f->sys, "Proficiency");
    pm_id id = fw_competency(f->sys, A_RING_NFC "rhus skills", "Rowing", scale);
    pm_id ids[2];
    assert_int_equal(list_competencies(f->sys, "a\xCC\x8Arhus SKILLS", ids, 2), 1);
    assert_int_equal(ids[0], id);
}

/* ---- roles ---- */

static void test_role_create_then_get_has_an_empty_profile(void **state)
{
    pm_fixture *f = *state;
    pm_id id = 0;
    assert_ok(f->sys, pm_role_create(&id, f->sys, "Engineer-II", 8, "Builds\nthings", 0));
    pm_role *r = NULL;
    assert_ok(f->sys, pm_role_get(&r, f->sys, id));
    assert_int_equal(pm_role_id(r), id);
    assert_string_equal(pm_role_name(r), "Engineer");
    assert_string_equal(pm_role_description(r), "Builds\nthings");
    assert_int_equal(pm_role_requirement_count(r), 0);
    assert_int_equal(pm_role_requirement_competency(r, 0), 0);
    assert_int_equal(pm_role_requirement_level(r, 0), 0);
    pm_role_free(r);
    pm_id plain = fw_role(f->sys, "Plain");
    assert_ok(f->sys, pm_role_get(&r, f->sys, plain));
    assert_string_equal(pm_role_description(r), "");
    pm_role_free(r);
}

static void test_role_profile_lists_requirements_by_competency_id(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id role = fw_role(f->sys, "Architect");
    /* Required in reverse id order: the profile still runs by id. */
    fw_require(f->sys, role, fw.coaching, 2);
    fw_require(f->sys, role, fw.delivery, 5);
    fw_require(f->sys, role, fw.communication, 1);
    pm_role *r = NULL;
    assert_ok(f->sys, pm_role_get(&r, f->sys, role));
    assert_int_equal(pm_role_requirement_count(r), 3);
    assert_int_equal(pm_role_requirement_competency(r, 0), fw.communication);
    assert_int_equal(pm_role_requirement_level(r, 0), 1);
    assert_int_equal(pm_role_requirement_competency(r, 1), fw.delivery);
    assert_int_equal(pm_role_requirement_level(r, 1), 5);
    assert_int_equal(pm_role_requirement_competency(r, 2), fw.coaching);
    assert_int_equal(pm_role_requirement_level(r, 2), 2);
    assert_int_equal(pm_role_requirement_competency(r, 3), 0);
    pm_role_free(r);
}

static void test_role_require_replaces_and_level_zero_removes(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    fw_require(f->sys, fw.lead, fw.delivery, 5);
    fw_require(f->sys, fw.lead, fw.communication, 0);
    pm_role *r = NULL;
    assert_ok(f->sys, pm_role_get(&r, f->sys, fw.lead));
    assert_int_equal(pm_role_requirement_count(r), 2);
    assert_int_equal(pm_role_requirement_competency(r, 0), fw.delivery);
    assert_int_equal(pm_role_requirement_level(r, 0), 5);
    assert_int_equal(pm_role_requirement_competency(r, 1), fw.coaching);
    assert_int_equal(pm_role_requirement_level(r, 1), 3);
    pm_role_free(r);
    /* The other role's profile is its own. */
    assert_ok(f->sys, pm_role_get(&r, f->sys, fw.engineer));
    assert_int_equal(pm_role_requirement_count(r), 2);
    assert_int_equal(pm_role_requirement_level(r, 0), 3);
    pm_role_free(r);
}

static void test_role_require_the_same_level_again_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    char *before = pm_fixture_store_dump(f);
    f->now += 3600; /* a write now would show in the audit fields */
    fw_require(f->sys, fw.engineer, fw.delivery, 4);
    pm_fixture_assert_store_is(f, before);
}

static void test_role_require_level_zero_on_a_scale_from_zero_is_a_level(void **state)
{
    pm_fixture *f = *state;
    const char *names[3] = { "None", "Some", "Lots" };
    pm_id scale = fw_scale(f->sys, "Zero based", 0, 2, names, NULL);
    pm_id comp = fw_competency(f->sys, "Core", "Curiosity", scale);
    pm_id role = fw_role(f->sys, "Intern");
    fw_require(f->sys, role, comp, 0);
    pm_role *r = NULL;
    assert_ok(f->sys, pm_role_get(&r, f->sys, role));
    assert_int_equal(pm_role_requirement_count(r), 1);
    assert_int_equal(pm_role_requirement_competency(r, 0), comp);
    assert_int_equal(pm_role_requirement_level(r, 0), 0);
    pm_role_free(r);
}

static void test_role_list_runs_by_name_ignoring_case_with_profiles(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys); /* Engineer, Team lead */
    pm_id analyst = fw_role(f->sys, "analyst");
    pm_id director = fw_role(f->sys, "Director");
    pm_role_iter *it = NULL;
    assert_ok(f->sys, pm_role_list(&it, f->sys));
    pm_id expect[4] = { analyst, director, fw.engineer, fw.lead };
    size_t expect_count[4] = { 0, 0, 2, 3 };
    pm_role *r = NULL;
    for (int i = 0; i < 4; i++) {
        assert_ok(f->sys, pm_role_iter_next(&r, it));
        assert_int_equal(pm_role_id(r), expect[i]);
        assert_int_equal(pm_role_requirement_count(r), expect_count[i]);
    }
    assert_string_equal(pm_role_name(r), "Team lead");
    assert_int_equal(pm_role_requirement_competency(r, 2), fw.coaching);
    assert_int_equal(pm_role_iter_next(&r, it), PM_ITEROVER);
    assert_null(r);
    pm_role_iter_free(it);
}

/* ---- role assignments ---- */

static void test_role_assignment_history_answers_role_of_on_every_day(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    assert_int_equal(fw_role_of(f->sys, p, NULL), 0);
    fw_assign(f->sys, p, fw.engineer, "2026-01-01");
    fw_assign(f->sys, p, fw.lead, "2026-03-01");
    assert_int_equal(fw_role_of(f->sys, p, "2025-12-31"), 0);
    assert_int_equal(fw_role_of(f->sys, p, "2026-01-01"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-02-28"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-03-01"), fw.lead);
    assert_int_equal(fw_role_of(f->sys, p, "2030-01-01"), fw.lead);
    assert_int_equal(fw_role_of(f->sys, p, NULL), fw.lead);
    /* Ending: held up to the day before. */
    fw_assign(f->sys, p, 0, "2026-05-01");
    assert_int_equal(fw_role_of(f->sys, p, "2026-04-30"), fw.lead);
    assert_int_equal(fw_role_of(f->sys, p, "2026-05-01"), 0);
    assert_int_equal(fw_role_of(f->sys, p, NULL), 0);
    /* A role again after a gap. */
    fw_assign(f->sys, p, fw.engineer, "2026-06-01");
    assert_int_equal(fw_role_of(f->sys, p, "2026-05-31"), 0);
    assert_int_equal(fw_role_of(f->sys, p, "2026-06-01"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-02-01"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-04-01"), fw.lead);
}

static void test_role_assign_on_the_same_day_replaces_the_assignment(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    fw_assign(f->sys, p, fw.engineer, "2026-01-01");
    fw_assign(f->sys, p, fw.lead, "2026-03-01");
    fw_assign(f->sys, p, fw.engineer, "2026-03-01");
    assert_int_equal(fw_role_of(f->sys, p, "2026-02-28"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-03-01"), fw.engineer);
    /* Ending on the day it starts leaves the one before ended the day before. */
    fw_assign(f->sys, p, 0, "2026-03-01");
    assert_int_equal(fw_role_of(f->sys, p, "2026-02-28"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-03-01"), 0);
    assert_int_equal(fw_role_of(f->sys, p, "2026-01-01"), fw.engineer);
}

static void test_role_assign_ending_earlier_cuts_an_ended_assignment_short(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    fw_assign(f->sys, p, fw.engineer, "2026-01-01");
    fw_assign(f->sys, p, 0, "2026-05-01");
    fw_assign(f->sys, p, fw.lead, "2026-03-01");
    assert_int_equal(fw_role_of(f->sys, p, "2026-02-28"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-03-01"), fw.lead);
    assert_int_equal(fw_role_of(f->sys, p, "2026-06-01"), fw.lead);
}

static void test_role_assign_defaults_to_today(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    fw_assign(f->sys, p, fw.engineer, NULL); /* today is 2026-06-15 */
    assert_int_equal(fw_role_of(f->sys, p, "2026-06-14"), 0);
    assert_int_equal(fw_role_of(f->sys, p, "2026-06-15"), fw.engineer);
    fw_assign(f->sys, p, 0, NULL);
    assert_int_equal(fw_role_of(f->sys, p, "2026-06-15"), 0);
}

static void test_role_assign_repeated_or_ending_nothing_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    pm_id q = pm_fixture_person(f, "E2", "Bo Unassigned", 0, 0);
    fw_assign(f->sys, p, fw.engineer, "2026-01-01");
    char *before = pm_fixture_store_dump(f);
    f->now += 86400;
    /* A nightly sync assigning the role held: still one stretch from 1 January. */
    fw_assign(f->sys, p, fw.engineer, NULL);
    fw_assign(f->sys, p, fw.engineer, "2026-01-01");
    fw_assign(f->sys, q, 0, NULL);
    pm_fixture_assert_store_is(f, before);
    assert_int_equal(fw_role_of(f->sys, p, "2026-01-01"), fw.engineer);
}

static void test_role_of_a_person_who_left_still_answers(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    fw_assign(f->sys, p, fw.engineer, "2026-01-01");
    assert_ok(f->sys, pm_person_set_left(f->sys, p, D("2026-06-01")));
    assert_int_equal(fw_role_of(f->sys, p, "2026-02-01"), fw.engineer);
}

/* ---- edges ---- */

static void test_getters_of_null_return_zero_values(void **state)
{
    (void)state;
    assert_int_equal(pm_scale_id(NULL), 0);
    assert_null(pm_scale_name(NULL));
    assert_int_equal(pm_scale_min_level(NULL), 0);
    assert_int_equal(pm_scale_max_level(NULL), 0);
    assert_null(pm_scale_level_name(NULL, 1));
    assert_null(pm_scale_level_description(NULL, 1));
    assert_int_equal(pm_competency_id(NULL), 0);
    assert_null(pm_competency_name(NULL));
    assert_null(pm_competency_category(NULL));
    assert_null(pm_competency_description(NULL));
    assert_int_equal(pm_competency_scale(NULL), 0);
    assert_int_equal(pm_role_id(NULL), 0);
    assert_null(pm_role_name(NULL));
    assert_null(pm_role_description(NULL));
    assert_int_equal(pm_role_requirement_count(NULL), 0);
    assert_int_equal(pm_role_requirement_competency(NULL, 0), 0);
    assert_int_equal(pm_role_requirement_level(NULL, 0), 0);
    pm_scale_free(NULL);
    pm_competency_free(NULL);
    pm_competency_iter_free(NULL);
    pm_role_free(NULL);
    pm_role_iter_free(NULL);
    pm_competency *c = NULL;
    pm_role *r = NULL;
    assert_int_equal(pm_competency_iter_next(&c, NULL), PM_EINVAL);
    assert_int_equal(pm_role_iter_next(&r, NULL), PM_EINVAL);
}

static void test_opts_init_fills_defaults_and_refuses_unknown_versions(void **state)
{
    (void)state;
    pm_scale_opts so;
    memset(&so, 0xAB, sizeof so);
    assert_int_equal(pm_scale_opts_init(&so, PM_SCALE_OPTS_VERSION), PM_OK);
    assert_int_equal(so.version, PM_SCALE_OPTS_VERSION);
    assert_null(so.name);
    assert_int_equal(so.min_level, 1);
    assert_int_equal(so.max_level, 0);
    assert_null(so.level_names);
    assert_null(so.level_descriptions);
    assert_int_equal(pm_scale_opts_init(&so, 0), PM_EVERSION);
    assert_int_equal(pm_scale_opts_init(&so, 2), PM_EVERSION);
    assert_int_equal(pm_scale_opts_init(NULL, 1), PM_EINVAL);
    pm_competency_opts co;
    memset(&co, 0xAB, sizeof co);
    assert_int_equal(pm_competency_opts_init(&co, PM_COMPETENCY_OPTS_VERSION), PM_OK);
    assert_int_equal(co.version, PM_COMPETENCY_OPTS_VERSION);
    assert_null(co.name);
    assert_null(co.category);
    assert_null(co.description);
    assert_int_equal(co.scale, 0);
    assert_int_equal(pm_competency_opts_init(&co, 99), PM_EVERSION);
    assert_int_equal(pm_competency_opts_init(NULL, 1), PM_EINVAL);
}

/* ---- running out of memory ---- */

static void test_scale_create_survives_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    const char *names[3] = { ("Low " A_RING_NFD), "Mid", "High" };
    const char *descriptions[3] = { ("Starts " A_RING_NFD), NULL, "Leads" };
    pm_scale_opts o = fw_scale_opts("Sc" A_RING_NFD "le", 1, 3, names, descriptions);
    /* Warm up: a backend may keep what the first row of a kind makes it
     * allocate (an id table), which is not a leak. */
    fw_scale(f->sys, "Warm-up", 1, 2, names, descriptions);
    int succeeded = 0;
    long n = 0;
    pm_id id = 0;
    for (; n < 400 && !succeeded; n++) {
        char *before = pm_fixture_store_dump(f);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_scale_create(&id, f->sys, &o);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(f->sys));
        succeeded = st == PM_OK;
        if (!succeeded) {
            pm_fixture_check_store(f, before, "scale create");
            if (pm_fixture_alloc_live() != live)
                fail_msg("allocation %ld failing: %ld allocations leaked", n,
                         pm_fixture_alloc_live() - live);
        }
        free(before);
    }
    assert_true(succeeded);
    assert_true(n > 1); /* some allocation did fail on the way */
    pm_scale *sc = NULL;
    assert_ok(f->sys, pm_scale_get(&sc, f->sys, id));
    assert_string_equal(pm_scale_level_name(sc, 1), "Low " A_RING_NFC);
    pm_scale_free(sc);
}

/* Every read of the framework; 1 when all succeed. */
static int read_framework(pm_session *s, const fw_framework *fw)
{
    int ok = 1;
    pm_role *r = NULL;
    ok = ok && pm_role_get(&r, s, fw->lead) == PM_OK && pm_role_requirement_count(r) == 3;
    pm_role_free(r);
    pm_scale *sc = NULL;
    ok = ok && pm_scale_get(&sc, s, fw->scale) == PM_OK;
    pm_scale_free(sc);
    pm_competency *c = NULL;
    ok = ok && pm_competency_get(&c, s, fw->coaching) == PM_OK;
    pm_competency_free(c);
    pm_competency_iter *ci = NULL;
    ok = ok && pm_competency_list(&ci, s, "core") == PM_OK;
    pm_competency_iter_free(ci);
    pm_role_iter *ri = NULL;
    ok = ok && pm_role_list(&ri, s) == PM_OK;
    pm_role_iter_free(ri);
    return ok;
}

static void test_role_get_and_other_reads_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    assert_true(read_framework(f->sys, &fw)); /* warm up */
    int role_get_succeeded = 0;
    for (long n = 0; n < 100 && !role_get_succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_role *r = NULL;
        pm_status st = pm_role_get(&r, f->sys, fw.lead);
        pm_fixture_alloc_fail_after(-1);
        assert_true(st == PM_OK || st == PM_ENOMEM);
        if (st == PM_ENOMEM) {
            assert_null(r);
            assert_non_null(strstr(pm_session_errmsg(f->sys), "out of memory"));
        }
        role_get_succeeded = st == PM_OK;
        if (role_get_succeeded)
            assert_int_equal(pm_role_requirement_count(r), 3);
        pm_role_free(r);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(role_get_succeeded);
    int succeeded = 0;
    for (long n = 0; n < 400 && !succeeded; n++) {
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        succeeded = read_framework(f->sys, &fw);
        pm_fixture_alloc_fail_after(-1);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(succeeded);
}

static void test_framework_writes_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    fw_assign(f->sys, p, fw.engineer, "2026-01-01");
    for (int call = 0; call < 4; call++) {
        int succeeded = 0;
        for (long n = 0; n < 400 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            pm_fixture_alloc_fail_after(n);
            pm_status st = PM_OK;
            pm_competency_opts co =
                fw_competency_opts("Cr" A_RING_NFD "ft", "Ne" A_RING_NFD, fw.scale);
            switch (call) {
            case 0: st = pm_competency_create(NULL, f->sys, &co); break;
            case 1: st = pm_role_create(NULL, f->sys, "R" A_RING_NFD "le", 0, "Desc", 0); break;
            case 2: st = pm_role_require(f->sys, fw.engineer, fw.coaching, 2); break;
            default: st = pm_role_assign(f->sys, p, fw.lead, D("2026-04-01")); break;
            }
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, n, (int)st,
                         pm_session_errmsg(f->sys));
            succeeded = st == PM_OK;
            if (!succeeded) {
                pm_fixture_check_store(f, before, "framework write");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call, n,
                             pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
    assert_int_equal(fw_role_of(f->sys, p, "2026-03-31"), fw.engineer);
    assert_int_equal(fw_role_of(f->sys, p, "2026-04-01"), fw.lead);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    /* The counting allocator goes in before any object exists. */
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_scale_create_then_get_returns_every_level),
        T(test_scale_without_descriptions_and_from_zero_has_level_zero),
        T(test_scale_of_the_most_levels_and_the_highest_level_is_made),
        T(test_a_person_reads_the_framework_an_hr_admin_builds),
        T(test_competency_create_then_get_returns_every_field),
        T(test_competency_with_explicit_lengths_and_no_description),
        T(test_competency_list_runs_by_category_then_name_ignoring_case),
        T(test_competency_list_of_an_empty_framework_is_empty),
        T(test_competency_category_filter_matches_nfd_and_case),
        T(test_role_create_then_get_has_an_empty_profile),
        T(test_role_profile_lists_requirements_by_competency_id),
        T(test_role_require_replaces_and_level_zero_removes),
        T(test_role_require_the_same_level_again_writes_nothing),
        T(test_role_require_level_zero_on_a_scale_from_zero_is_a_level),
        T(test_role_list_runs_by_name_ignoring_case_with_profiles),
        T(test_role_assignment_history_answers_role_of_on_every_day),
        T(test_role_assign_on_the_same_day_replaces_the_assignment),
        T(test_role_assign_ending_earlier_cuts_an_ended_assignment_short),
        T(test_role_assign_defaults_to_today),
        T(test_role_assign_repeated_or_ending_nothing_writes_nothing),
        T(test_role_of_a_person_who_left_still_answers),
        T(test_getters_of_null_return_zero_values),
        T(test_opts_init_fills_defaults_and_refuses_unknown_versions),
        T(test_scale_create_survives_running_out_of_memory),
        T(test_role_get_and_other_reads_survive_running_out_of_memory),
        T(test_framework_writes_survive_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
