/* The competency framework on every backend: every way a call can be wrong
 * is refused with its status and a message naming the field, and the store
 * stays exactly as it was. The happy paths are in test_competency.c. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"
#include "test_competency_helpers.h"

/* Text one code point longer than the limit of names. */
static char *too_long_name(void)
{
    char *s = malloc(PM_COMPETENCY_NAME_MAX + 2);
    assert_non_null(s);
    memset(s, 'n', PM_COMPETENCY_NAME_MAX + 1);
    s[PM_COMPETENCY_NAME_MAX + 1] = '\0';
    return s;
}

static char *too_long_text(void)
{
    char *s = malloc(PM_COMPETENCY_TEXT_MAX + 2);
    assert_non_null(s);
    memset(s, 't', PM_COMPETENCY_TEXT_MAX + 1);
    s[PM_COMPETENCY_TEXT_MAX + 1] = '\0';
    return s;
}

/* ---- scales ---- */

enum bad_scale {
    BAD_NAME_MISSING, BAD_NAME_BLANK, BAD_NAME_NEWLINE, BAD_NAME_UTF8, BAD_NAME_LONG,
    BAD_NAME_TAKEN, BAD_MIN_NEGATIVE, BAD_MIN_101, BAD_MAX_EQUAL, BAD_MAX_BELOW, BAD_MAX_101,
    BAD_TOO_MANY_LEVELS, BAD_NAMES_MISSING, BAD_LEVEL_NAME_NULL, BAD_LEVEL_NAME_BLANK,
    BAD_LEVEL_NAME_NEWLINE, BAD_LEVEL_NAME_LONG, BAD_LEVEL_NAME_REPEATED,
    BAD_LEVEL_NAME_REPEATED_NFD, BAD_DESCRIPTION_LONG, BAD_DESCRIPTION_UTF8, BAD_VERSION_0,
    BAD_VERSION_2, BAD_SCALE_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_scale_expect[BAD_SCALE_COUNT] = {
    [BAD_NAME_MISSING] = { PM_EINVAL, "scale.name: must not be empty" },
    [BAD_NAME_BLANK] = { PM_EINVAL, "scale.name: must not be blank" },
    [BAD_NAME_NEWLINE] = { PM_EINVAL, "scale.name: contains a control character" },
    [BAD_NAME_UTF8] = { PM_EUTF8, "scale.name: invalid UTF-8" },
    [BAD_NAME_LONG] = { PM_ERANGE, "scale.name: longer than 200" },
    [BAD_NAME_TAKEN] = { PM_ECONFLICT, "scale.name: \"PROFICIENCY\" exists" },
    [BAD_MIN_NEGATIVE] = { PM_EINVAL, "scale.min_level: -1 is outside 0 to 100" },
    [BAD_MIN_101] = { PM_EINVAL, "scale.min_level: 101 is outside 0 to 100" },
    [BAD_MAX_EQUAL] = { PM_EINVAL, "scale.max_level: 1 must be above min_level 1" },
    [BAD_MAX_BELOW] = { PM_EINVAL, "scale.max_level: 0 must be above min_level 1" },
    [BAD_MAX_101] = { PM_EINVAL, "scale.max_level: 101 is above 100" },
    [BAD_TOO_MANY_LEVELS] = { PM_EINVAL, "scale.max_level: 1 to 21 is 21 levels; a scale has "
                                         "at most 20" },
    [BAD_NAMES_MISSING] = { PM_EINVAL, "scale.level_names: must not be NULL (give 5 names" },
    [BAD_LEVEL_NAME_NULL] = { PM_EINVAL, "scale.level_names[2]: must not be empty" },
    [BAD_LEVEL_NAME_BLANK] = { PM_EINVAL, "scale.level_names[4]: must not be blank" },
    [BAD_LEVEL_NAME_NEWLINE] = { PM_EINVAL, "scale.level_names[0]: contains a control" },
    [BAD_LEVEL_NAME_LONG] = { PM_ERANGE, "scale.level_names[1]: longer than 200" },
    [BAD_LEVEL_NAME_REPEATED] = { PM_EINVAL,
                                  "scale.level_names[3]: \"novice\" repeats level_names[0]" },
    [BAD_LEVEL_NAME_REPEATED_NFD] = { PM_EINVAL, "scale.level_names[1]: \"" a_ring "\" "
                                                 "repeats level_names[0]" },
    [BAD_DESCRIPTION_LONG] = { PM_ERANGE, "scale.level_descriptions[2]: longer than 4000" },
    [BAD_DESCRIPTION_UTF8] = { PM_EUTF8, "scale.level_descriptions[0]: invalid UTF-8" },
    [BAD_VERSION_0] = { PM_EVERSION, "scale_opts.version: 0" },
    [BAD_VERSION_2] = { PM_EVERSION, "scale_opts.version: 2" },
};

static void test_scale_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fw_scale_1_5(f->sys, "Proficiency");
    char *long_name = too_long_name();
    char *long_text = too_long_text();
    const char *many[21];
    char buf[21][16];
    for (int i = 0; i < 21; i++) {
        snprintf(buf[i], sizeof buf[i], "L%d", i + 1);
        many[i] = buf[i];
    }
    for (int c = 0; c < BAD_SCALE_COUNT; c++) {
        const char *names[5] = { "Novice", "Beginner", "Competent", "Proficient", "Expert" };
        const char *descriptions[5] = { "a", NULL, "c", "d", "e" };
        pm_scale_opts o = fw_scale_opts("Depth", 1, 5, names, descriptions);
        switch ((enum bad_scale)c) {
        case BAD_NAME_MISSING: o.name = NULL; break;
        case BAD_NAME_BLANK: o.name = "   "; break;
        case BAD_NAME_NEWLINE: o.name = "Two\nlines"; break;
        case BAD_NAME_UTF8: o.name = "Bad \xC3\x28"; break;
        case BAD_NAME_LONG: o.name = long_name; break;
        case BAD_NAME_TAKEN: o.name = "PROFICIENCY"; break;
        case BAD_MIN_NEGATIVE: o.min_level = -1; break;
        case BAD_MIN_101: o.min_level = 101; o.max_level = 102; break;
        case BAD_MAX_EQUAL: o.max_level = 1; break;
        case BAD_MAX_BELOW: o.max_level = 0; break;
        case BAD_MAX_101: o.min_level = 97; o.max_level = 101; break;
        case BAD_TOO_MANY_LEVELS:
            o.max_level = 21;
            o.level_names = many;
            o.level_descriptions = NULL;
            break;
        case BAD_NAMES_MISSING: o.level_names = NULL; break;
        case BAD_LEVEL_NAME_NULL: names[2] = NULL; break;
        case BAD_LEVEL_NAME_BLANK: names[4] = "   "; break;
        case BAD_LEVEL_NAME_NEWLINE: names[0] = "Two\nlines"; break;
        case BAD_LEVEL_NAME_LONG: names[1] = long_name; break;
        case BAD_LEVEL_NAME_REPEATED: names[3] = "novice"; break;
        case BAD_LEVEL_NAME_REPEATED_NFD:
            names[0] = A_RING_NFC;
            names[1] = "a\xCC\x8A";
            break;
        case BAD_DESCRIPTION_LONG: descriptions[2] = long_text; break;
        case BAD_DESCRIPTION_UTF8: descriptions[0] = "\xFF"; break;
        case BAD_VERSION_0: o.version = 0; break;
        case BAD_VERSION_2: o.version = 2; break;
        case BAD_SCALE_COUNT: break;
        }
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        assert_fails(f->sys, pm_scale_create(&id, f->sys, &o), bad_scale_expect[c].status,
                     bad_scale_expect[c].needle);
        assert_int_equal(id, 0);
        char what[32];
        snprintf(what, sizeof what, "bad scale %d", c);
        pm_fixture_check_store(f, before, what);
        free(before);
    }
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_scale_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
    assert_int_equal(pm_scale_create(NULL, NULL, NULL), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    free(long_name);
    free(long_text);
}

/* A person who is not HR may not change the framework or who holds which
 * role; the system actor and HR may (test_competency.c). */
static void test_a_person_may_not_write_the_framework(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id boss = pm_fixture_person(f, "E1", "Bea Boss", 0, 0);
    pm_id report = pm_fixture_person(f, "E2", "Rob Report", boss, 0);
    pm_session *s = pm_fixture_session(f, boss);
    char denied[160];
    snprintf(denied, sizeof denied, "permission denied: person %lld may not change the "
             "competency framework or who holds which role", (long long)boss);
    char *before = pm_fixture_store_dump(f);
    pm_scale_opts so = fw_scale_opts("Mine", 1, 5, fw_level_names, NULL);
    assert_fails(s, pm_scale_create(NULL, s, &so), PM_EPERM, denied);
    pm_competency_opts co = fw_competency_opts("Core", "Mine", fw.scale);
    assert_fails(s, pm_competency_create(NULL, s, &co), PM_EPERM, denied);
    assert_fails(s, pm_role_create(NULL, s, "Mine", 0, NULL, 0), PM_EPERM, denied);
    assert_fails(s, pm_role_require(s, fw.engineer, fw.coaching, 2), PM_EPERM, denied);
    assert_fails(s, pm_role_require(s, fw.engineer, fw.delivery, 0), PM_EPERM, denied);
    /* Not even for their own report, nor for themself. */
    assert_fails(s, pm_role_assign(s, report, fw.engineer, PM_DATE_NONE), PM_EPERM, denied);
    assert_fails(s, pm_role_assign(s, boss, fw.lead, PM_DATE_NONE), PM_EPERM, denied);
    pm_fixture_assert_store_is(f, before);
    pm_session_free(s);
}

/* ---- competencies ---- */

enum bad_competency {
    BADC_NAME_MISSING, BADC_NAME_BLANK, BADC_NAME_NEWLINE, BADC_NAME_LONG, BADC_NAME_UTF8,
    BADC_CATEGORY_MISSING, BADC_CATEGORY_BLANK, BADC_CATEGORY_TAB, BADC_CATEGORY_LONG,
    BADC_DESCRIPTION_LONG, BADC_DESCRIPTION_NUL, BADC_SCALE_0, BADC_SCALE_NEGATIVE,
    BADC_SCALE_UNKNOWN, BADC_TAKEN, BADC_TAKEN_NFD, BADC_VERSION_0, BADC_VERSION_2,
    BADC_COUNT
};

static const struct {
    pm_status status;
    const char *needle;
} bad_competency_expect[BADC_COUNT] = {
    [BADC_NAME_MISSING] = { PM_EINVAL, "competency.name: must not be empty" },
    [BADC_NAME_BLANK] = { PM_EINVAL, "competency.name: must not be blank" },
    [BADC_NAME_NEWLINE] = { PM_EINVAL, "competency.name: contains a control character" },
    [BADC_NAME_LONG] = { PM_ERANGE, "competency.name: longer than 200" },
    [BADC_NAME_UTF8] = { PM_EUTF8, "competency.name: invalid UTF-8" },
    [BADC_CATEGORY_MISSING] = { PM_EINVAL, "competency.category: must not be empty" },
    [BADC_CATEGORY_BLANK] = { PM_EINVAL, "competency.category: must not be blank" },
    [BADC_CATEGORY_TAB] = { PM_EINVAL, "competency.category: contains a control character" },
    [BADC_CATEGORY_LONG] = { PM_ERANGE, "competency.category: longer than 200" },
    [BADC_DESCRIPTION_LONG] = { PM_ERANGE, "competency.description: longer than 4000" },
    [BADC_DESCRIPTION_NUL] = { PM_EUTF8, "competency.description: contains a NUL byte" },
    [BADC_SCALE_0] = { PM_EINVAL, "competency.scale: 0 is not a scale id" },
    [BADC_SCALE_NEGATIVE] = { PM_EINVAL, "competency.scale: -4 is not a scale id" },
    [BADC_SCALE_UNKNOWN] = { PM_ENOTFOUND, "competency.scale: scale 99 does not exist" },
    [BADC_TAKEN] = { PM_ECONFLICT,
                     "competency.name: \"COMMUNICATION\" exists in category \"core\"" },
    [BADC_TAKEN_NFD] = { PM_ECONFLICT, "competency.name: \"" A_RING_NFC "ngest\" exists in "
                                       "category \"Core\"" },
    [BADC_VERSION_0] = { PM_EVERSION, "competency_opts.version: 0" },
    [BADC_VERSION_2] = { PM_EVERSION, "competency_opts.version: 2" },
};

static void test_competency_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    fw_competency(f->sys, "Core", A_RING_NFC "ngest", fw.scale);
    char *long_name = too_long_name();
    char *long_text = too_long_text();
    for (int c = 0; c < BADC_COUNT; c++) {
        pm_competency_opts o = fw_competency_opts("Core", "Listening", fw.scale);
        o.description = "Fine";
        switch ((enum bad_competency)c) {
        case BADC_NAME_MISSING: o.name = NULL; break;
        case BADC_NAME_BLANK: o.name = "  "; break;
        case BADC_NAME_NEWLINE: o.name = "Two\nlines"; break;
        case BADC_NAME_LONG: o.name = long_name; break;
        case BADC_NAME_UTF8: o.name = "\xC0\xAF"; break;
        case BADC_CATEGORY_MISSING: o.category = NULL; break;
        case BADC_CATEGORY_BLANK: o.category = " "; break;
        case BADC_CATEGORY_TAB: o.category = "Co\tre"; break;
        case BADC_CATEGORY_LONG: o.category = long_name; break;
        case BADC_DESCRIPTION_LONG: o.description = long_text; break;
        case BADC_DESCRIPTION_NUL:
            o.description = "a\0b";
            o.description_len = 3;
            break;
        case BADC_SCALE_0: o.scale = 0; break;
        case BADC_SCALE_NEGATIVE: o.scale = -4; break;
        case BADC_SCALE_UNKNOWN: o.scale = 99; break;
        case BADC_TAKEN:
            o.category = "core";
            o.name = "COMMUNICATION";
            break;
        case BADC_TAKEN_NFD: o.name = A_RING_NFD "ngest"; break;
        case BADC_VERSION_0: o.version = 0; break;
        case BADC_VERSION_2: o.version = 2; break;
        case BADC_COUNT: break;
        }
        char *before = pm_fixture_store_dump(f);
        pm_id id = 77;
        assert_fails(f->sys, pm_competency_create(&id, f->sys, &o),
                     bad_competency_expect[c].status, bad_competency_expect[c].needle);
        assert_int_equal(id, 0);
        char what[32];
        snprintf(what, sizeof what, "bad competency %d", c);
        pm_fixture_check_store(f, before, what);
        free(before);
    }
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_competency_create(NULL, f->sys, NULL), PM_EINVAL, "opts");
    pm_fixture_assert_store_is(f, before);
    free(long_name);
    free(long_text);
}

/* ---- roles ---- */

static void test_role_create_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fw_role(f->sys, "Engineer");
    char *long_name = too_long_name();
    char *long_text = too_long_text();
    char *before = pm_fixture_store_dump(f);
    pm_id id = 77;
    assert_fails(f->sys, pm_role_create(&id, f->sys, NULL, 0, NULL, 0), PM_EINVAL,
                 "role.name: must not be empty");
    assert_int_equal(id, 0);
    assert_fails(f->sys, pm_role_create(&id, f->sys, "   ", 0, NULL, 0), PM_EINVAL,
                 "role.name: must not be blank");
    assert_fails(f->sys, pm_role_create(&id, f->sys, "Two\nlines", 0, NULL, 0), PM_EINVAL,
                 "role.name: contains a control character");
    assert_fails(f->sys, pm_role_create(&id, f->sys, long_name, 0, NULL, 0), PM_ERANGE,
                 "role.name: longer than 200");
    assert_fails(f->sys, pm_role_create(&id, f->sys, "\xE2\x82", 0, NULL, 0), PM_EUTF8,
                 "role.name: invalid UTF-8");
    assert_fails(f->sys, pm_role_create(&id, f->sys, "ENGINEER", 0, NULL, 0), PM_ECONFLICT,
                 "role.name: \"ENGINEER\" exists");
    assert_fails(f->sys, pm_role_create(&id, f->sys, "Tester", 0, long_text, 0), PM_ERANGE,
                 "role.description: longer than 4000");
    assert_fails(f->sys, pm_role_create(&id, f->sys, "Tester", 0, "\xFF", 0), PM_EUTF8,
                 "role.description: invalid UTF-8");
    assert_int_equal(id, 0);
    pm_fixture_assert_store_is(f, before);
    free(long_name);
    free(long_text);
}

static void test_role_require_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_role_require(f->sys, 0, fw.delivery, 3), PM_EINVAL,
                 "role: 0 is not a role id");
    assert_fails(f->sys, pm_role_require(f->sys, 99, fw.delivery, 3), PM_ENOTFOUND,
                 "role: role 99 does not exist");
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, 0, 3), PM_EINVAL,
                 "role.competency: 0 is not a competency id");
    /* A role profile requiring an unknown competency. */
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, 99, 3), PM_ENOTFOUND,
                 "role.competency: competency 99 does not exist");
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, fw.coaching, 7), PM_EINVAL,
                 "role.level: 7 is outside the scale 1 to 5");
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, fw.delivery, 6), PM_EINVAL,
                 "role.level: 6 is outside the scale 1 to 5");
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, fw.delivery, -1), PM_EINVAL,
                 "role.level: -1 is outside the scale 1 to 5");
    /* Removing what the role does not require. */
    char msg[128];
    snprintf(msg, sizeof msg, "role.competency: role %lld does not require competency %lld",
             (long long)fw.engineer, (long long)fw.coaching);
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, fw.coaching, 0), PM_ENOTFOUND, msg);
    pm_fixture_assert_store_is(f, before);
    /* On a scale from 0, -1 is outside and 0 is a level, not a removal. */
    const char *names[3] = { "None", "Some", "Lots" };
    pm_id zero = fw_scale(f->sys, "Zero based", 0, 2, names, NULL);
    pm_id curiosity = fw_competency(f->sys, "Core", "Curiosity", zero);
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, curiosity, 3), PM_EINVAL,
                 "role.level: 3 is outside the scale 0 to 2");
    assert_fails(f->sys, pm_role_require(f->sys, fw.engineer, curiosity, -1), PM_EINVAL,
                 "role.level: -1 is outside the scale 0 to 2");
    pm_fixture_assert_store_is(f, before);
    assert_int_equal(pm_role_require(NULL, fw.engineer, fw.delivery, 3), PM_EINVAL);
}

static void test_role_assign_refuses_bad_input_and_writes_nothing(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    pm_id gone = pm_fixture_person(f, "E2", "Gus Gone", 0, 0);
    assert_ok(f->sys, pm_person_set_left(f->sys, gone, D("2026-06-01")));
    fw_assign(f->sys, p, fw.engineer, "2026-03-01");
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_role_assign(f->sys, 0, fw.lead, PM_DATE_NONE), PM_EINVAL,
                 "role_assignment.person: 0 is not a person id");
    assert_fails(f->sys, pm_role_assign(f->sys, 99, fw.lead, PM_DATE_NONE), PM_ENOTFOUND,
                 "role_assignment.person: person 99 does not exist");
    char msg[128];
    snprintf(msg, sizeof msg, "role_assignment.person: person %lld has left", (long long)gone);
    assert_fails(f->sys, pm_role_assign(f->sys, gone, fw.lead, PM_DATE_NONE), PM_EINVAL, msg);
    assert_fails(f->sys, pm_role_assign(f->sys, p, 99, PM_DATE_NONE), PM_ENOTFOUND,
                 "role_assignment.role: role 99 does not exist");
    assert_fails(f->sys, pm_role_assign(f->sys, p, -3, PM_DATE_NONE), PM_EINVAL,
                 "role_assignment.role: -3 is not a role id");
    /* History only moves forward from the latest assignment. */
    assert_fails(f->sys, pm_role_assign(f->sys, p, fw.lead, D("2026-02-28")), PM_EINVAL,
                 "role_assignment.start: 2026-02-28 is before 2026-03-01");
    assert_fails(f->sys, pm_role_assign(f->sys, p, 0, D("2026-01-01")), PM_EINVAL,
                 "role_assignment.start: 2026-01-01 is before 2026-03-01");
    assert_fails(f->sys, pm_role_assign(f->sys, p, fw.lead, -2000000), PM_EINVAL,
                 "role_assignment.start: -2000000 is not a date in years 1 to 9999");
    assert_int_equal(pm_role_assign(NULL, p, fw.lead, PM_DATE_NONE), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
    /* Ended too: the latest start still bounds what may follow. */
    fw_assign(f->sys, p, 0, "2026-04-01");
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_role_assign(f->sys, p, fw.lead, D("2026-02-01")), PM_EINVAL,
                 "is before 2026-03-01");
    pm_fixture_assert_store_is(f, before);
}

/* ---- reads ---- */

static void test_reads_refuse_unknown_ids(void **state)
{
    pm_fixture *f = *state;
    fw_framework fw;
    fw_framework_make(&fw, f->sys);
    char *before = pm_fixture_store_dump(f);
    static char junk; /* a pointer a failed call must overwrite with NULL */
    pm_scale *sc = (pm_scale *)&junk;
    assert_fails(f->sys, pm_scale_get(&sc, f->sys, 99), PM_ENOTFOUND,
                 "scale: scale 99 does not exist");
    assert_null(sc);
    assert_fails(f->sys, pm_scale_get(&sc, f->sys, 0), PM_EINVAL, "scale: 0 is not a scale id");
    assert_fails(f->sys, pm_scale_get(NULL, f->sys, fw.scale), PM_EINVAL, "out");
    pm_competency *c = (pm_competency *)&junk;
    assert_fails(f->sys, pm_competency_get(&c, f->sys, 99), PM_ENOTFOUND,
                 "competency: competency 99 does not exist");
    assert_null(c);
    assert_fails(f->sys, pm_competency_get(&c, f->sys, -1), PM_EINVAL,
                 "competency: -1 is not a competency id");
    assert_fails(f->sys, pm_competency_get(NULL, f->sys, fw.coaching), PM_EINVAL, "out");
    pm_role *r = (pm_role *)&junk;
    assert_fails(f->sys, pm_role_get(&r, f->sys, 99), PM_ENOTFOUND, "role: role 99 does not exist");
    assert_null(r);
    assert_fails(f->sys, pm_role_get(&r, f->sys, 0), PM_EINVAL, "role: 0 is not a role id");
    assert_fails(f->sys, pm_role_get(NULL, f->sys, fw.lead), PM_EINVAL, "out");
    pm_competency_iter *ci = NULL;
    assert_fails(f->sys, pm_competency_list(NULL, f->sys, NULL), PM_EINVAL, "out");
    assert_fails(f->sys, pm_competency_list(&ci, f->sys, "Bad \xC3\x28"), PM_EUTF8,
                 "category: invalid UTF-8");
    assert_null(ci);
    assert_fails(f->sys, pm_role_list(NULL, f->sys), PM_EINVAL, "out");
    pm_id role = 7;
    assert_fails(f->sys, pm_role_of(&role, f->sys, 99, PM_DATE_NONE), PM_ENOTFOUND,
                 "person: person 99 does not exist");
    assert_int_equal(role, 0);
    assert_fails(f->sys, pm_role_of(&role, f->sys, 0, PM_DATE_NONE), PM_EINVAL,
                 "person: 0 is not a person id");
    assert_fails(f->sys, pm_role_of(NULL, f->sys, 1, PM_DATE_NONE), PM_EINVAL, "out");
    pm_id p = pm_fixture_person(f, "E1", "Ann Assigned", 0, 0);
    free(before);
    before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_role_of(&role, f->sys, p, 5000000), PM_EINVAL,
                 "date: 5000000 is not a date in years 1 to 9999");
    assert_int_equal(pm_scale_get(&sc, NULL, fw.scale), PM_EINVAL);
    assert_int_equal(pm_role_list(NULL, NULL), PM_EINVAL);
    pm_fixture_assert_store_is(f, before);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_scale_create_refuses_bad_input_and_writes_nothing),
        T(test_a_person_may_not_write_the_framework),
        T(test_competency_create_refuses_bad_input_and_writes_nothing),
        T(test_role_create_refuses_bad_input_and_writes_nothing),
        T(test_role_require_refuses_bad_input_and_writes_nothing),
        T(test_role_assign_refuses_bad_input_and_writes_nothing),
        T(test_reads_refuse_unknown_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
