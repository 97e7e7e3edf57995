/* Bulk import from CSV on every backend: a realistic file builds the org,
 * re-importing changes nothing, a changed file updates and dates the
 * changes, options, access, a large file, and running out of memory. Bad
 * input is in test_import_refusals.c, the CSV reader in test_csv.c. */
#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"

/* The same org a month later: E5 has a new manager, E8 moved to a new unit,
 * E3 is renamed, E13 joined. */
static const char org_changed_csv[] =
    CSV_HEADER "\n"
    "E1,Åsa Öberg,asa.oberg@example.se,,Acme,no\n"
    "E2,Björn Ek,bjorn.ek@example.se,E1,Acme/Engineering,\n"
    "E3,Karin Lindqvist,karin.lindqvist@example.se,E1,Acme/Sales,\n"
    "E10,\"Anna \"\"Nan\"\" Berg\",anna.berg@example.se,E4,Acme/Engineering/Platform,\n"
    "E4,Märta Ström,marta.strom@example.se,E2,Acme/Engineering/Platform,\n"
    "E5,Jörgen Åkesson,,E4,Acme/Engineering/Platform,\n"
    "E6,Sofia Nyström,sofia.nystrom@example.se,E2,Acme/Engineering/Apps,\n"
    "E7,Ella Häggström,ella.h@example.se,E3,Acme/Sales,\n"
    "E8,Oskar Lundén,,E3,Acme/Sales/Nordic,\n"
    "E9,Ingrid Sjöberg,ingrid.sjoberg@example.se,E1,Acme/People,yes\n"
    "E11,Per Öhman,per.ohman@example.se,E6,Acme/Engineering/Apps,0\n"
    "E12,Lars Ärlig,lars@example.se,E7,Acme/Sales,\n"
    "E13,Nils Holm,nils.holm@example.se,E7,Acme/Sales/Nordic,\n";

/* The external id of the person's manager on date ("" for none), in buf. */
static const char *manager_of(pm_fixture *f, const char *external_id, pm_date date,
                              char *buf, size_t size)
{
    pm_id manager = 0;
    pm_id who = pm_fixture_person_id(f, external_id);
    assert_int_equal(pm_org_manager_on(&manager, f->sys, who, date), PM_OK);
    buf[0] = '\0';
    if (manager != 0) {
        pm_person *p = NULL;
        assert_int_equal(pm_person_get(&p, f->sys, manager), PM_OK);
        snprintf(buf, size, "%s", pm_person_external_id(p));
        pm_person_free(p);
    }
    return buf;
}

#define assert_manager(f, ext, date, want)                                   \
    do {                                                                      \
        char buf_[80];                                                        \
        assert_string_equal(manager_of((f), (ext), (date), buf_, sizeof buf_), (want)); \
    } while (0)

/* The path of the person's unit on date ("" for none), in buf. */
static const char *unit_of(pm_fixture *f, const char *external_id, pm_date date, char *buf,
                           size_t size)
{
    pm_id unit = 0;
    pm_id who = pm_fixture_person_id(f, external_id);
    assert_int_equal(pm_org_unit_on(&unit, f->sys, who, date), PM_OK);
    buf[0] = '\0';
    if (unit != 0) {
        char *path = NULL;
        assert_int_equal(pm_unit_path(&path, f->sys, unit), PM_OK);
        snprintf(buf, size, "%s", path);
        pm_free(path);
    }
    return buf;
}

#define assert_unit(f, ext, date, want)                                      \
    do {                                                                      \
        char buf_[200];                                                       \
        assert_string_equal(unit_of((f), (ext), (date), buf_, sizeof buf_), (want)); \
    } while (0)

/* External ids of the people iter yields, comma-separated, sorted by id text. */
static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void drain_ids(pm_person_iter *it, char *buf, size_t size)
{
    char *ids[64];
    size_t n = 0;
    pm_person *p = NULL;
    pm_status st;
    while ((st = pm_person_iter_next(&p, it)) == PM_OK && n < 64)
        ids[n++] = strdup(pm_person_external_id(p));
    assert_int_equal(st, PM_ITEROVER);
    pm_person_iter_free(it);
    qsort(ids, n, sizeof ids[0], compare_strings);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            strncat(buf, ",", size - strlen(buf) - 1);
        strncat(buf, ids[i], size - strlen(buf) - 1);
        free(ids[i]);
    }
}

static const char *reports_of(pm_fixture *f, const char *external_id, unsigned int flags,
                              char *buf, size_t size)
{
    pm_person_iter *it = NULL;
    pm_id who = pm_fixture_person_id(f, external_id);
    assert_int_equal(pm_org_reports(&it, f->sys, who, PM_DATE_NONE, flags), PM_OK);
    drain_ids(it, buf, size);
    return buf;
}

/* ---- a realistic file ---- */

static void test_import_realistic_file_creates_people_units_and_lines(void **state)
{
    pm_fixture *f = *state;
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, &stats);
    assert_int_equal(stats.rows, 12);
    assert_int_equal(stats.people_created, 12);
    assert_int_equal(stats.people_updated, 0);
    assert_int_equal(stats.people_left, 0);
    /* Acme, Engineering, Sales, Platform, Apps, People */
    assert_int_equal(stats.units_created, 6);
    assert_int_equal(pm_fixture_count_people(f->sys), 12);
    assert_int_equal(pm_fixture_count_units(f->sys), 6);

    pm_date today = PM_DATE_NONE;
    assert_manager(f, "E1", today, "");
    assert_manager(f, "E2", today, "E1");
    assert_manager(f, "E10", today, "E4");
    assert_manager(f, "E4", today, "E2");
    assert_manager(f, "E12", today, "E7");
    assert_unit(f, "E1", today, "Acme");
    assert_unit(f, "E4", today, "Acme/Engineering/Platform");
    assert_unit(f, "E9", today, "Acme/People");
    assert_unit(f, "E12", today, "Acme/Sales");

    char buf[512];
    assert_string_equal(reports_of(f, "E2", 0, buf, sizeof buf), "E4,E5,E6");
    assert_string_equal(reports_of(f, "E2", PM_ORG_REPORTS_INDIRECT, buf, sizeof buf),
                        "E10,E11,E4,E5,E6");
    assert_string_equal(reports_of(f, "E1", PM_ORG_REPORTS_INDIRECT, buf, sizeof buf),
                        "E10,E11,E12,E2,E3,E4,E5,E6,E7,E8,E9");
}

static void test_import_realistic_file_keeps_names_emails_and_admin_flags(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_person *p = NULL;
    assert_int_equal(pm_person_lookup(&p, f->sys, "E3"), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Lindqvist, Karin");
    assert_string_equal(pm_person_email(p), "karin.lindqvist@example.se");
    assert_int_equal(pm_person_is_hr_admin(p), 0);
    pm_person_free(p);
    assert_int_equal(pm_person_lookup(&p, f->sys, "E10"), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Anna \"Nan\" Berg");
    pm_person_free(p);
    assert_int_equal(pm_person_lookup(&p, f->sys, "E5"), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Jörgen Åkesson"); /* NFC */
    assert_string_equal(pm_person_email(p), "");
    pm_person_free(p);
    assert_int_equal(pm_person_lookup(&p, f->sys, "E9"), PM_OK);
    assert_int_equal(pm_person_is_hr_admin(p), 1);
    pm_person_free(p);
    assert_int_equal(pm_person_lookup(&p, f->sys, "E1"), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Åsa Öberg");
    assert_int_equal(pm_person_is_hr_admin(p), 0);
    pm_person_free(p);
}

static void test_import_realistic_file_is_searchable_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, "ÅSA", 0), PM_OK);
    char buf[128];
    drain_ids(it, buf, sizeof buf);
    assert_string_equal(buf, "E1");
}

static void test_import_same_file_twice_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    char *before = pm_fixture_store_dump(f);
    f->now += 86400; /* a write now would show in updated_at */
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, &stats);
    assert_int_equal(stats.rows, 12);
    assert_int_equal(stats.people_created, 0);
    assert_int_equal(stats.people_updated, 0);
    assert_int_equal(stats.units_created, 0);
    assert_int_equal(stats.people_left, 0);
    pm_fixture_assert_store_is(f, before);
}

static void test_import_changed_file_updates_and_dates_the_changes(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, org_changed_csv, &opts, &stats);
    assert_int_equal(stats.rows, 13);
    assert_int_equal(stats.people_created, 1);
    assert_int_equal(stats.people_updated, 3); /* E3 renamed, E5 new manager, E8 moved */
    assert_int_equal(stats.units_created, 1);  /* Acme/Sales/Nordic */
    assert_int_equal(stats.people_left, 0);

    pm_date before = pm_fixture_date("2026-06-30"), after = opts.date;
    assert_manager(f, "E5", before, "E2");
    assert_manager(f, "E5", after, "E4");
    assert_unit(f, "E8", before, "Acme/Sales");
    assert_unit(f, "E8", after, "Acme/Sales/Nordic");
    assert_unit(f, "E13", after, "Acme/Sales/Nordic");
    assert_manager(f, "E13", after, "E7");
    assert_manager(f, "E4", after, "E2"); /* unchanged lines stay */
    pm_person *p = NULL;
    assert_int_equal(pm_person_lookup(&p, f->sys, "E3"), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Karin Lindqvist");
    pm_person_free(p);

    /* And the changed file again is a no-op. */
    pm_fixture_import_ok(f, org_changed_csv, &opts, &stats);
    assert_int_equal(stats.people_created + stats.people_updated + stats.units_created, 0);
}

static void test_import_mark_missing_left_marks_only_people_absent_from_the_file(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_id outsider = pm_fixture_person(f, "X1", "Created by hand", 0, 0);
    const char *csv = CSV_HEADER "\n"
                      "E1,Åsa Öberg,asa.oberg@example.se,,Acme,no\n"
                      "E2,Björn Ek,bjorn.ek@example.se,E1,Acme/Engineering,\n";
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.flags = PM_IMPORT_MARK_MISSING_LEFT;
    opts.date = pm_fixture_date("2026-08-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, csv, &opts, &stats);
    assert_int_equal(stats.people_left, 11); /* E3..E12 and X1 */
    assert_int_equal(stats.people_updated, 0);
    pm_person *p = NULL;
    assert_int_equal(pm_person_get(&p, f->sys, outsider), PM_OK);
    assert_int_equal(pm_person_status_get(p), PM_PERSON_LEFT);
    assert_int_equal(pm_person_left_on(p), opts.date);
    pm_person_free(p);
    assert_int_equal(pm_person_lookup(&p, f->sys, "E2"), PM_OK);
    assert_int_equal(pm_person_status_get(p), PM_PERSON_ACTIVE);
    pm_person_free(p);
    assert_unit(f, "E7", pm_fixture_date("2026-07-31"), "Acme/Sales");
    assert_unit(f, "E7", opts.date, "");

    /* Those who left stay left: a second run marks nobody. */
    pm_fixture_import_ok(f, csv, &opts, &stats);
    assert_int_equal(stats.people_left, 0);
}

static void test_import_without_flag_leaves_absent_people_alone(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, CSV_HEADER "\nE1,Åsa Öberg,asa.oberg@example.se,,Acme,no\n", NULL,
                         &stats);
    assert_int_equal(stats.people_left, 0);
    assert_manager(f, "E12", PM_DATE_NONE, "E7");
}

static void test_import_without_optional_columns_keeps_stored_units_and_managers(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, "NAME,External_ID\nKarin L,E3\nNy Person,E20\n", NULL, &stats);
    assert_int_equal(stats.people_created, 1);
    assert_int_equal(stats.people_updated, 1);
    assert_manager(f, "E3", PM_DATE_NONE, "E1");
    assert_unit(f, "E3", PM_DATE_NONE, "Acme/Sales");
    assert_manager(f, "E20", PM_DATE_NONE, "");
    pm_person *p = NULL;
    assert_int_equal(pm_person_lookup(&p, f->sys, "E3"), PM_OK);
    assert_string_equal(pm_person_email(p), "karin.lindqvist@example.se");
    pm_person_free(p);
}

static void test_import_empty_columns_clear_email_unit_manager_and_admin(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, CSV_HEADER "\nE9,Ingrid Sjöberg,,,,\n", &opts, &stats);
    assert_int_equal(stats.people_updated, 1);
    pm_person *p = NULL;
    assert_int_equal(pm_person_lookup(&p, f->sys, "E9"), PM_OK);
    assert_string_equal(pm_person_email(p), "");
    assert_int_equal(pm_person_is_hr_admin(p), 0);
    pm_person_free(p);
    assert_manager(f, "E9", opts.date, "");
    assert_unit(f, "E9", opts.date, "");
    assert_manager(f, "E9", pm_fixture_date("2026-06-30"), "E1");
}

static void test_import_manager_may_be_stored_and_absent_from_the_file(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_person(f, "CEO", "Vera Vd", 0, 0);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, "external_id,name,manager_external_id\nE1,Åsa,CEO\n", NULL, &stats);
    assert_int_equal(stats.people_created, 1);
    assert_manager(f, "E1", PM_DATE_NONE, "CEO");
}

static void test_import_swapping_manager_and_report_makes_no_passing_cycle(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, "external_id,name,manager_external_id\nA,Anna,\nB,Bo,A\nC,Cia,B\n",
                         NULL, NULL);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    /* Turned upside down: C at the top, then B, then A. */
    pm_fixture_import_ok(f, "external_id,name,manager_external_id\nA,Anna,B\nB,Bo,C\nC,Cia,\n",
                         &opts, &stats);
    assert_int_equal(stats.people_updated, 3);
    assert_manager(f, "A", opts.date, "B");
    assert_manager(f, "B", opts.date, "C");
    assert_manager(f, "C", opts.date, "");
    assert_manager(f, "C", pm_fixture_date("2026-06-30"), "B");
}

static void test_import_unit_paths_match_stored_units_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_fixture_import_ok(f, "external_id,name,unit_path\nE20,Ny,ACME/engineering/Data\n", NULL,
                         &stats);
    assert_int_equal(stats.units_created, 1);
    assert_unit(f, "E20", PM_DATE_NONE, "Acme/Engineering/Data");
}

static void test_import_nests_in_a_callers_transaction(void **state)
{
    pm_fixture *f = *state;
    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    assert_int_equal(pm_fixture_count_people(f->sys), 12);
    assert_int_equal(pm_session_rollback(f->sys), PM_OK);
    assert_int_equal(pm_fixture_count_people(f->sys), 0);
    assert_int_equal(pm_fixture_count_units(f->sys), 0);

    /* A failed import inside the transaction undoes only itself. */
    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    pm_fixture_person(f, "K1", "Kept", 0, 0);
    assert_int_equal(pm_fixture_import(f, CSV_HEADER "\nE1,Åsa,,E999,,\n", NULL, NULL),
                     PM_ENOTFOUND);
    assert_int_equal(pm_session_commit(f->sys), PM_OK);
    assert_true(pm_fixture_person_exists(f, "K1"));
    assert_false(pm_fixture_person_exists(f, "E1"));
}

static void test_import_file_reads_the_file(void **state)
{
    pm_fixture *f = *state;
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/pm-import-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(pm_sample_org_csv);
    assert_int_equal(write(fd, pm_sample_org_csv, len), (ssize_t)len);
    close(fd);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_status st = pm_import_csv_file(f->sys, path, NULL, &stats);
    unlink(path);
    assert_int_equal(st, PM_OK);
    assert_int_equal(stats.people_created, 12);
}

static void test_import_file_missing_names_the_path_and_the_reason(void **state)
{
    pm_fixture *f = *state;
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    stats.rows = 5;
    assert_int_equal(pm_import_csv_file(f->sys, "/nonexistent/org.csv", NULL, &stats), PM_EIO);
    assert_string_equal(pm_session_errmsg(f->sys), "/nonexistent/org.csv: No such file or directory");
    assert_int_equal(stats.rows, 0);
}

/* ---- options, stats and access ---- */

static void test_import_unknown_stats_version_is_refused(void **state)
{
    pm_fixture *f = *state;
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    stats.version = 99;
    assert_int_equal(pm_fixture_import(f, pm_sample_org_csv, NULL, &stats), PM_EVERSION);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_stats.version"));
    assert_int_equal(pm_fixture_count_people(f->sys), 0);
}

static void test_import_unknown_opts_version_flags_and_bad_date_are_refused(void **state)
{
    pm_fixture *f = *state;
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.version = 0;
    assert_int_equal(pm_fixture_import(f, pm_sample_org_csv, &opts, NULL), PM_EVERSION);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_opts.version"));
    assert_int_equal(pm_import_opts_init(&opts, PM_IMPORT_OPTS_VERSION), PM_OK);
    opts.flags = 0x80;
    assert_int_equal(pm_fixture_import(f, pm_sample_org_csv, &opts, NULL), PM_EINVAL);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_opts.flags"));
    opts.flags = 0;
    opts.date = INT32_MAX;
    assert_int_equal(pm_fixture_import(f, pm_sample_org_csv, &opts, NULL), PM_ERANGE);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_opts.date"));
    assert_int_equal(pm_fixture_count_people(f->sys), 0);
    assert_int_equal(pm_import_opts_init(&opts, 2), PM_EVERSION);
    assert_int_equal(pm_import_opts_init(NULL, 1), PM_EINVAL);
}

static void test_import_by_a_person_who_is_not_hr_admin_is_refused(void **state)
{
    pm_fixture *f = *state;
    pm_fixture_import_ok(f, pm_sample_org_csv, NULL, NULL);
    pm_session *s = pm_fixture_session(f, pm_fixture_person_id(f, "E2"));
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    assert_int_equal(pm_import_csv(s, org_changed_csv, strlen(org_changed_csv), NULL, &stats),
                     PM_EPERM);
    assert_non_null(strstr(pm_session_errmsg(s), "permission denied"));
    pm_session_free(s);
    assert_false(pm_fixture_person_exists(f, "E13"));

    /* An HR admin may. */
    s = pm_fixture_session(f, pm_fixture_person_id(f, "E9"));
    assert_int_equal(pm_import_csv(s, org_changed_csv, strlen(org_changed_csv), NULL, &stats),
                     PM_OK);
    pm_session_free(s);
    assert_true(pm_fixture_person_exists(f, "E13"));
}

/* ---- a large file ---- */

static void test_import_ten_thousand_rows(void **state)
{
    pm_fixture *f = *state;
    enum { ROWS = 10000 };
    size_t cap = (size_t)ROWS * 96 + 128, used = 0;
    char *csv = test_malloc(cap);
    used += (size_t)snprintf(csv, cap, "%s\n", CSV_HEADER);
    for (int i = 0; i < ROWS; i++) {
        char manager[16] = "";
        if (i > 0)
            snprintf(manager, sizeof manager, "P%d", (i - 1) / 8);
        used += (size_t)snprintf(csv + used, cap - used,
                                 "P%d,Person Nummer %d,p%d@example.se,%s,Corp/Div%d/Team%d,\n",
                                 i, i, i, manager, i % 10, i % 100);
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_status st = pm_import_csv(f->sys, csv, used, NULL, &stats);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (st != PM_OK)
        fail_msg("import: %s", pm_session_errmsg(f->sys));
    double seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("# import of %d rows on %s: %.3f s\n", ROWS, pm_fixture_backend(), seconds);
    assert_int_equal(stats.people_created, ROWS);
    assert_int_equal(stats.units_created, 1 + 10 + 100);
    assert_manager(f, "P9999", PM_DATE_NONE, "P1249");

    clock_gettime(CLOCK_MONOTONIC, &t0);
    st = pm_import_csv(f->sys, csv, used, NULL, &stats);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_int_equal(st, PM_OK);
    seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("# re-import of %d rows on %s (no changes): %.3f s\n", ROWS, pm_fixture_backend(),
           seconds);
    assert_int_equal(stats.people_created + stats.people_updated + stats.units_created, 0);
    test_free(csv);
}

/* ---- running out of memory ---- */

static pm_time fixed_clock(void *payload)
{
    (void)payload;
    return PM_FIXTURE_NOW;
}

static void test_import_survives_each_allocation_failure(void **state)
{
    (void)state;
    const char csv[] = BOM CSV_HEADER "\r\n"
                       "E2,\"Ek, \"\"Bj\xC3\xB6rn\"\"\",bjorn@example.se,E1,Acme/Eng,\r\n"
                       "E1," A_RING_NFD "sa,,,Acme,yes\n"
                       "E3,Cia,,E2,Acme/Eng/Data,\n";
    /* The counting allocator goes in before the store opens: memory must be
     * freed by the allocator that allocated it. */
    long live_at_start = pm_fixture_alloc_live();
    pm_fixture_alloc_install();
    pm_fixture_alloc_fail_after(-1);
    pm_db *db = NULL;
    pm_session *s = NULL;
    char path[512];
    assert_int_equal(pm_fixture_open_store(&db, path), PM_OK);
    pm_db_set_clock(db, fixed_clock, NULL);
    assert_int_equal(pm_session_open_system(&s, db), PM_OK);
    /* Warm up every kind of record, so that what a backend builds once
     * (id tables, prepared statements) is not taken for a leak. */
    const char warm_up[] = "external_id,name,manager_external_id,unit_path\n"
                           "W1,Warm,,Warm\nW2,Up,W1,Warm/Up\n";
    assert_int_equal(pm_import_csv(s, warm_up, sizeof warm_up - 1, NULL, NULL), PM_OK);
    assert_int_equal(pm_fixture_count_people(s), 2);
    long n = 0;
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    for (;; n++) {
        assert_true(n < 20000);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_import_csv(s, csv, sizeof csv - 1, NULL, &stats);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK)
            break;
        if (st != PM_ENOMEM && st != PM_ESTORAGE)
            fail_msg("allocation %ld failing: status %d: %s", n, st, pm_session_errmsg(s));
        assert_true(pm_session_errmsg(s)[0] != '\0');
        assert_int_equal(stats.people_created, 0);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
        assert_int_equal(pm_fixture_count_people(s), 2);
    }
    assert_true(n > 0);
    assert_int_equal(stats.people_created, 3);
    assert_int_equal(stats.units_created, 3);
    assert_int_equal(pm_fixture_count_people(s), 5);
    pm_session_free(s);
    pm_db_close(db);
    pm_fixture_remove_file(path);
    assert_int_equal(pm_fixture_alloc_live(), live_at_start);
    pm_allocator_set(NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_import_realistic_file_creates_people_units_and_lines),
        T(test_import_realistic_file_keeps_names_emails_and_admin_flags),
        T(test_import_realistic_file_is_searchable_ignoring_case),
        T(test_import_same_file_twice_changes_nothing),
        T(test_import_changed_file_updates_and_dates_the_changes),
        T(test_import_mark_missing_left_marks_only_people_absent_from_the_file),
        T(test_import_without_flag_leaves_absent_people_alone),
        T(test_import_without_optional_columns_keeps_stored_units_and_managers),
        T(test_import_empty_columns_clear_email_unit_manager_and_admin),
        T(test_import_manager_may_be_stored_and_absent_from_the_file),
        T(test_import_swapping_manager_and_report_makes_no_passing_cycle),
        T(test_import_unit_paths_match_stored_units_ignoring_case),
        T(test_import_nests_in_a_callers_transaction),
        T(test_import_file_reads_the_file),
        T(test_import_file_missing_names_the_path_and_the_reason),
        T(test_import_unknown_stats_version_is_refused),
        T(test_import_unknown_opts_version_flags_and_bad_date_are_refused),
        T(test_import_by_a_person_who_is_not_hr_admin_is_refused),
        T(test_import_ten_thousand_rows),
        cmocka_unit_test(test_import_survives_each_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
