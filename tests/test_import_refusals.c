/* Bulk import from CSV on every backend: every kind of bad input is
 * refused with its status, line and field, and the store stays exactly as
 * it was. The happy paths are in test_import.c. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"

/* Imports csv, expects status and a message starting with want_prefix (the
 * line and the field), and checks the store did not change. */
static void assert_refused(pm_fixture *f, const char *csv, pm_status want,
                           const char *want_prefix)
{
    char *before = pm_fixture_store_dump(f);
    size_t people = pm_fixture_count_people(f->sys), units = pm_fixture_count_units(f->sys);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    stats.rows = 99;
    stats.people_created = 99;
    pm_status st = pm_fixture_import(f, csv, NULL, &stats);
    if (st != want)
        fail_msg("status %d (%s), want %d; message: %s", st, pm_status_str(st), want,
                 pm_session_errmsg(f->sys));
    if (strncmp(pm_session_errmsg(f->sys), want_prefix, strlen(want_prefix)) != 0)
        fail_msg("message '%s' does not start with '%s'", pm_session_errmsg(f->sys), want_prefix);
    assert_int_equal(pm_session_errcode(f->sys), want);
    assert_int_equal(stats.rows, 0);
    assert_int_equal(stats.people_created, 0);
    assert_int_equal(pm_fixture_count_people(f->sys), people);
    assert_int_equal(pm_fixture_count_units(f->sys), units);
    pm_fixture_assert_store_is(f, before);
}

static void test_import_refuses_a_missing_required_column(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, "external_id,email\nE1,a@b.se\n", PM_EINVAL,
                   "line 1: header: required column 'name' is missing");
}

static void test_import_refuses_an_unknown_column(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, "\n\nexternal_id,name,department\nE20,Ny,IT\n", PM_EINVAL,
                   "line 3: header: unknown column 'department'");
}

static void test_import_refuses_a_column_named_twice(void **state)
{
    pm_fixture *f = *state;
    assert_refused(f, "external_id,name,Name\nE20,Ny,Ny\n", PM_EINVAL,
                   "line 1: header: column 'name' appears twice");
}

static void test_import_refuses_an_empty_file(void **state)
{
    pm_fixture *f = *state;
    assert_refused(f, BOM "\r\n", PM_EINVAL, "line 2: header: missing");
}

static void test_import_refuses_an_unterminated_quote(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,,\nE21,\"Ny, Två,,,,\nE22,Tre,,,,\n", PM_EINVAL,
                   "line 3: name: unterminated quoted field");
}

static void test_import_refuses_text_after_a_closing_quote(void **state)
{
    pm_fixture *f = *state;
    assert_refused(f, CSV_HEADER "\nE20,\"Ny\" Person,,,,\n", PM_EINVAL,
                   "line 2: name: text after the closing quote");
}

static void test_import_refuses_a_row_with_another_field_count(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\r\nE20,Ny,,,,\r\nE21,Två,,\r\n", PM_EINVAL,
                   "line 3: has 4 fields where the header has 6");
}

static void test_import_refuses_invalid_utf8_in_a_name(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,,\nE21,Bj\xF6rn,,,,\n", PM_EUTF8, "line 3: name: ");
}

static void test_import_refuses_an_overlong_name(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    char csv[1024];
    char name[PM_PERSON_NAME_MAX * 2 + 3] = "";
    for (int i = 0; i <= PM_PERSON_NAME_MAX; i++)
        strcat(name, "ö"); /* 201 code points */
    snprintf(csv, sizeof csv, CSV_HEADER "\nE20,Ny,,,,\nE21,Två,,,,\nE22,%s,,,,\n", name);
    assert_refused(f, csv, PM_ERANGE, "line 4: name: ");
    /* Exactly the limit is fine. */
    snprintf(csv, sizeof csv, CSV_HEADER "\nE22,%s,,,,\n", name + 2);
    pm_fixture_import_ok(f, csv, NULL, NULL);
}

static void test_import_refuses_an_empty_name(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,,\nE21,,,,,\n", PM_EINVAL,
                   "line 3: name: must not be empty");
}

static void test_import_refuses_an_empty_external_id(void **state)
{
    pm_fixture *f = *state;
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,,\n,Två,,,,\n", PM_EINVAL,
                   "line 3: external_id: must not be empty");
}

static void test_import_refuses_a_bad_email(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\nE20,Ny,ny@example.se,,,\nE21,Två,tva.example.se,,,\n",
                   PM_EINVAL,
                   "line 3: email: 'tva.example.se' must contain exactly one '@'");
}

static void test_import_refuses_a_duplicate_external_id(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f,
                   CSV_HEADER "\n"
                   "E20,A,,,,\n"
                   "E7,B,,,,\n"
                   "E21,C,,,,\n"
                   "E22,D,,,,\n"
                   "E23,E,,,,\n"
                   "E24,F,,,,\n"
                   "E25,G,,,,\n"
                   "E7,H,,,,\n"
                   "E20,I,,,,\n",
                   PM_ECONFLICT, "line 9: external_id: 'E7' is also on line 3");
}

static void test_import_refuses_an_unknown_manager(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\nE20,Ny,,E1,,\nE21,Två,,E999,,\n", PM_ENOTFOUND,
                   "line 3: manager_external_id: 'E999' is not in the file or the store");
}

static void test_import_refuses_a_stored_manager_that_would_be_marked_left(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    char *before = pm_fixture_store_dump(f);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.flags = PM_IMPORT_MARK_MISSING_LEFT;
    assert_int_equal(pm_fixture_import(f, CSV_HEADER "\nE20,Ny,,E1,,\n", &opts, NULL),
                     PM_ENOTFOUND);
    assert_non_null(strstr(pm_session_errmsg(f->sys),
                           "line 2: manager_external_id: 'E1' is not in the file"));
    pm_fixture_assert_store_is(f, before);
}

static void test_import_refuses_a_person_as_their_own_manager(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,,\nE21,Två,,E21,,\n", PM_EINVAL,
                   "line 3: manager_external_id: 'E21' is the person themselves");
}

static void test_import_refuses_a_three_person_cycle(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f,
                   CSV_HEADER "\n"
                   "E30,Top,,,,\n"
                   "E31,A,,E33,,\n"
                   "E32,B,,E31,,\n"
                   "E33,C,,E32,,\n"
                   "E34,Under,,E31,,\n",
                   PM_ECYCLE, "line 5: manager_external_id: cycle E33 -> E32 -> E31 -> E33");
}

static void test_import_refuses_a_cycle_through_stored_people(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    /* E1 under E4 while E4 still reports to E2, who reports to E1. */
    assert_refused(f, "external_id,name,manager_external_id\nE1,Åsa Öberg,E4\n", PM_ECYCLE,
                   "line 2: manager_external_id: cycle E1 -> E4 -> E2 -> E1");
}

static void test_import_refuses_an_empty_unit_name_in_a_path(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,Acme/X,\nE21,Två,,,A//B,\n", PM_EINVAL,
                   "line 3: unit_path: 'A//B' has an empty unit name");
    assert_refused(f, CSV_HEADER "\nE21,Två,,,Acme/,\n", PM_EINVAL,
                   "line 2: unit_path: 'Acme/' has an empty unit name");
}

static void test_import_refuses_an_overlong_unit_name_in_a_path(void **state)
{
    pm_fixture *f = *state;
    char csv[1024];
    char name[PM_UNIT_NAME_MAX + 2];
    memset(name, 'u', PM_UNIT_NAME_MAX + 1);
    name[PM_UNIT_NAME_MAX + 1] = '\0';
    snprintf(csv, sizeof csv, "external_id,name,unit_path\nE20,Ny,Acme/%s/Team\n", name);
    assert_refused(f, csv, PM_ERANGE,
                   "line 2: unit_path: unit name 2 of the path is longer than 200 characters");
}

static void test_import_refuses_an_unknown_hr_admin_value(void **state)
{
    pm_fixture *f = *state;
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,,kanske\n", PM_EINVAL,
                   "line 2: hr_admin: 'kanske' is not one of");
}

static void test_import_refuses_a_person_who_left(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_id e8 = pm_fixture_person_id(f, "E8");
    assert_int_equal(pm_person_set_left(f->sys, e8, pm_fixture_date("2026-06-20")), PM_OK);
    assert_refused(f, CSV_HEADER "\nE20,Ny,,,,\nE8,Oskar Lundén,,E3,Acme/Sales,\n", PM_ECONFLICT,
                   "line 3: external_id: 'E8' belongs to a person who left on 2026-06-20");
}

static void test_import_failure_while_writing_names_the_line_and_rolls_back(void **state)
{
    pm_fixture *f = *state;
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    pm_fixture_import_ok(f, pm_sample_org_csv, &opts, NULL);
    char *before = pm_fixture_store_dump(f);
    /* New people first, then a manager change dated before the recorded one. */
    opts.date = pm_fixture_date("2026-06-01");
    pm_status st = pm_fixture_import(f,
                                     CSV_HEADER "\n"
                                     "E20,Ny,,,Acme/New,\n"
                                     "E5,Jörgen Åkesson,,E4,Acme/Engineering/Platform,\n",
                                     &opts, NULL);
    assert_int_equal(st, PM_ECONFLICT);
    if (strncmp(pm_session_errmsg(f->sys), "line 3: ", 8) != 0)
        fail_msg("message '%s' does not start with 'line 3: '", pm_session_errmsg(f->sys));
    pm_fixture_assert_store_is(f, before);
    assert_false(pm_fixture_person_exists(f, "E20"));
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_import_refuses_a_missing_required_column),
        T(test_import_refuses_an_unknown_column),
        T(test_import_refuses_a_column_named_twice),
        T(test_import_refuses_an_empty_file),
        T(test_import_refuses_an_unterminated_quote),
        T(test_import_refuses_text_after_a_closing_quote),
        T(test_import_refuses_a_row_with_another_field_count),
        T(test_import_refuses_invalid_utf8_in_a_name),
        T(test_import_refuses_an_overlong_name),
        T(test_import_refuses_an_empty_name),
        T(test_import_refuses_an_empty_external_id),
        T(test_import_refuses_a_bad_email),
        T(test_import_refuses_a_duplicate_external_id),
        T(test_import_refuses_an_unknown_manager),
        T(test_import_refuses_a_stored_manager_that_would_be_marked_left),
        T(test_import_refuses_a_person_as_their_own_manager),
        T(test_import_refuses_a_three_person_cycle),
        T(test_import_refuses_a_cycle_through_stored_people),
        T(test_import_refuses_an_empty_unit_name_in_a_path),
        T(test_import_refuses_an_overlong_unit_name_in_a_path),
        T(test_import_refuses_an_unknown_hr_admin_value),
        T(test_import_refuses_a_person_who_left),
        T(test_import_failure_while_writing_names_the_line_and_rolls_back),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
