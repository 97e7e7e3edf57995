/* Bulk import from CSV on every backend: a realistic file builds the org,
 * re-importing changes nothing, a changed file updates and dates the
 * changes, and every kind of bad input is refused with its line and field
 * while the store stays exactly as it was. The CSV reader itself is tested
 * at the end, without a store. */
#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/csv.h"

#define BOM "\xEF\xBB\xBF"
/* Å as A + combining ring (NFD); the store keeps the NFC form. */
#define A_RING_NFD "A\xCC\x8A"

#define HEADER "external_id,name,email,manager_external_id,unit_path,hr_admin"

/* Twelve people on four levels, with a BOM, CRLF and LF line ends, a blank
 * line, a report listed before their manager (E10 before E4), a name with a
 * comma and one with quotes, an NFD name, and no newline at the end. */
static const char org_csv[] =
    BOM HEADER "\r\n"
    "E1,Åsa Öberg,asa.oberg@example.se,,Acme,no\r\n"
    "E2,Björn Ek,bjorn.ek@example.se,E1,Acme/Engineering,\n"
    "E3,\"Lindqvist, Karin\",karin.lindqvist@example.se,E1,Acme/Sales,\r\n"
    "E10,\"Anna \"\"Nan\"\" Berg\",anna.berg@example.se,E4,Acme/Engineering/Platform,\n"
    "E4,Märta Ström,marta.strom@example.se,E2,Acme/Engineering/Platform,\n"
    "E5,Jörgen " A_RING_NFD "kesson,,E2,Acme/Engineering/Platform,\n"
    "E6,Sofia Nyström,sofia.nystrom@example.se,E2,Acme/Engineering/Apps,\r\n"
    "\r\n"
    "E7,Ella Häggström,ella.h@example.se,E3,Acme/Sales,\n"
    "E8,Oskar Lundén,,E3,Acme/Sales,\n"
    "E9,Ingrid Sjöberg,ingrid.sjoberg@example.se,E1,Acme/People,yes\n"
    "E11,Per Öhman,per.ohman@example.se,E6,Acme/Engineering/Apps,0\r\n"
    "E12,Lars Ärlig,lars@example.se,E7,Acme/Sales,";

/* The same org a month later: E5 has a new manager, E8 moved to a new unit,
 * E3 is renamed, E13 joined. */
static const char org_changed_csv[] =
    HEADER "\n"
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

/* ---- helpers ---- */

static pm_status import(pm_fixture *f, const char *csv, const pm_import_opts *opts,
                        pm_import_stats *stats)
{
    return pm_import_csv(f->sys, csv, strlen(csv), opts, stats);
}

static void import_ok(pm_fixture *f, const char *csv, const pm_import_opts *opts,
                      pm_import_stats *stats)
{
    pm_status st = import(f, csv, opts, stats);
    if (st != PM_OK)
        fail_msg("import failed: %s (%s)", pm_session_errmsg(f->sys), pm_status_str(st));
}

static pm_id person_id(pm_fixture *f, const char *external_id)
{
    pm_person *p = NULL;
    if (pm_person_lookup(&p, f->sys, external_id) != PM_OK)
        fail_msg("lookup %s: %s", external_id, pm_session_errmsg(f->sys));
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

static int person_exists(pm_fixture *f, const char *external_id)
{
    pm_person *p = NULL;
    pm_status st = pm_person_lookup(&p, f->sys, external_id);
    pm_person_free(p);
    return st == PM_OK;
}

/* The external id of the person's manager on date ("" for none), in buf. */
static const char *manager_of(pm_fixture *f, const char *external_id, pm_date date,
                              char *buf, size_t size)
{
    pm_id manager = 0;
    assert_int_equal(pm_org_manager_on(&manager, f->sys, person_id(f, external_id), date), PM_OK);
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
    assert_int_equal(pm_org_unit_on(&unit, f->sys, person_id(f, external_id), date), PM_OK);
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
    assert_int_equal(pm_org_reports(&it, f->sys, person_id(f, external_id), PM_DATE_NONE, flags),
                     PM_OK);
    drain_ids(it, buf, size);
    return buf;
}

/* Every unit below parent as "id:parent:name;", depth first. */
static void append_units(pm_fixture *f, pm_id parent, char *buf, size_t size)
{
    pm_unit_iter *it = NULL;
    assert_int_equal(pm_unit_children(&it, f->sys, parent), PM_OK);
    pm_unit *u = NULL;
    pm_id children[64];
    size_t n = 0;
    while (pm_unit_iter_next(&u, it) == PM_OK) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%lld:%lld:%s;", (long long)pm_unit_id(u),
                 (long long)pm_unit_parent(u), pm_unit_name(u));
        assert_true(n < 64);
        children[n++] = pm_unit_id(u);
    }
    pm_unit_iter_free(it);
    for (size_t i = 0; i < n; i++)
        append_units(f, children[i], buf, size);
}

static size_t count_units(pm_fixture *f)
{
    char buf[4096] = "";
    append_units(f, 0, buf, sizeof buf);
    size_t n = 0;
    for (const char *p = buf; *p; p++)
        n += *p == ';';
    return n;
}

static size_t count_people(pm_fixture *f)
{
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, "", PM_PERSON_INCLUDE_LEFT), PM_OK);
    size_t n = 0;
    pm_person *p = NULL;
    while (pm_person_iter_next(&p, it) == PM_OK)
        n++;
    pm_person_iter_free(it);
    return n;
}

/* Everything an import can touch, as text: every person's fields, unit and
 * manager today and on a later day, and the unit tree. Equal digests mean an
 * unchanged store. */
static void digest(pm_fixture *f, char *buf, size_t size)
{
    pm_date later = pm_fixture_date("2027-01-01");
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, "", PM_PERSON_INCLUDE_LEFT), PM_OK);
    buf[0] = '\0';
    pm_person *p = NULL;
    while (pm_person_iter_next(&p, it) == PM_OK) {
        pm_id id = pm_person_id(p), unit = 0, manager = 0, unit2 = 0, manager2 = 0;
        assert_int_equal(pm_org_unit_on(&unit, f->sys, id, PM_DATE_NONE), PM_OK);
        assert_int_equal(pm_org_manager_on(&manager, f->sys, id, PM_DATE_NONE), PM_OK);
        assert_int_equal(pm_org_unit_on(&unit2, f->sys, id, later), PM_OK);
        assert_int_equal(pm_org_manager_on(&manager2, f->sys, id, later), PM_OK);
        size_t used = strlen(buf);
        int n = snprintf(buf + used, size - used, "%lld|%s|%s|%s|%d|%ld|%d|%lld|%lld|%lld|%lld|%lld|%lld\n",
                         (long long)id, pm_person_external_id(p), pm_person_display_name(p),
                         pm_person_email(p), (int)pm_person_status_get(p),
                         (long)pm_person_left_on(p), pm_person_is_hr_admin(p),
                         (long long)pm_person_updated_at(p), (long long)unit,
                         (long long)manager, (long long)unit2, (long long)manager2,
                         (long long)pm_person_updated_by(p));
        assert_true(n > 0 && (size_t)n < size - used);
    }
    pm_person_iter_free(it);
    append_units(f, 0, buf, size);
}

#define DIGEST_SIZE 16384

/* Imports csv, expects status and a message starting with want_prefix (the
 * line and the field), and checks the store did not change. */
static void assert_refused(pm_fixture *f, const char *csv, pm_status want,
                           const char *want_prefix)
{
    static char before[DIGEST_SIZE], after[DIGEST_SIZE];
    digest(f, before, sizeof before);
    size_t people = count_people(f), units = count_units(f);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    stats.rows = 99;
    stats.people_created = 99;
    pm_status st = import(f, csv, NULL, &stats);
    if (st != want)
        fail_msg("status %d (%s), want %d; message: %s", st, pm_status_str(st), want,
                 pm_session_errmsg(f->sys));
    if (strncmp(pm_session_errmsg(f->sys), want_prefix, strlen(want_prefix)) != 0)
        fail_msg("message '%s' does not start with '%s'", pm_session_errmsg(f->sys), want_prefix);
    assert_int_equal(pm_session_errcode(f->sys), want);
    assert_int_equal(stats.rows, 0);
    assert_int_equal(stats.people_created, 0);
    assert_int_equal(count_people(f), people);
    assert_int_equal(count_units(f), units);
    digest(f, after, sizeof after);
    assert_string_equal(after, before);
}

/* ---- a realistic file ---- */

static void test_import_realistic_file_creates_people_units_and_lines(void **state)
{
    pm_fixture *f = *state;
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, org_csv, NULL, &stats);
    assert_int_equal(stats.rows, 12);
    assert_int_equal(stats.people_created, 12);
    assert_int_equal(stats.people_updated, 0);
    assert_int_equal(stats.people_left, 0);
    /* Acme, Engineering, Sales, Platform, Apps, People */
    assert_int_equal(stats.units_created, 6);
    assert_int_equal(count_people(f), 12);
    assert_int_equal(count_units(f), 6);

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
    import_ok(f, org_csv, NULL, NULL);
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
    import_ok(f, org_csv, NULL, NULL);
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, "ÅSA", 0), PM_OK);
    char buf[128];
    drain_ids(it, buf, sizeof buf);
    assert_string_equal(buf, "E1");
}

static void test_import_same_file_twice_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    static char before[DIGEST_SIZE], after[DIGEST_SIZE];
    digest(f, before, sizeof before);
    f->now += 86400; /* a write now would show in updated_at */
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, org_csv, NULL, &stats);
    assert_int_equal(stats.rows, 12);
    assert_int_equal(stats.people_created, 0);
    assert_int_equal(stats.people_updated, 0);
    assert_int_equal(stats.units_created, 0);
    assert_int_equal(stats.people_left, 0);
    digest(f, after, sizeof after);
    assert_string_equal(after, before);
}

static void test_import_changed_file_updates_and_dates_the_changes(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, org_changed_csv, &opts, &stats);
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
    import_ok(f, org_changed_csv, &opts, &stats);
    assert_int_equal(stats.people_created + stats.people_updated + stats.units_created, 0);
}

static void test_import_mark_missing_left_marks_only_people_absent_from_the_file(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    pm_id outsider = pm_fixture_person(f, "X1", "Created by hand", 0, 0);
    const char *csv = HEADER "\n"
                      "E1,Åsa Öberg,asa.oberg@example.se,,Acme,no\n"
                      "E2,Björn Ek,bjorn.ek@example.se,E1,Acme/Engineering,\n";
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.flags = PM_IMPORT_MARK_MISSING_LEFT;
    opts.date = pm_fixture_date("2026-08-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, csv, &opts, &stats);
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
    import_ok(f, csv, &opts, &stats);
    assert_int_equal(stats.people_left, 0);
}

static void test_import_without_flag_leaves_absent_people_alone(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, HEADER "\nE1,Åsa Öberg,asa.oberg@example.se,,Acme,no\n", NULL, &stats);
    assert_int_equal(stats.people_left, 0);
    assert_manager(f, "E12", PM_DATE_NONE, "E7");
}

static void test_import_without_optional_columns_keeps_stored_units_and_managers(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, "NAME,External_ID\nKarin L,E3\nNy Person,E20\n", NULL, &stats);
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
    import_ok(f, org_csv, NULL, NULL);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, HEADER "\nE9,Ingrid Sjöberg,,,,\n", &opts, &stats);
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
    import_ok(f, "external_id,name,manager_external_id\nE1,Åsa,CEO\n", NULL, &stats);
    assert_int_equal(stats.people_created, 1);
    assert_manager(f, "E1", PM_DATE_NONE, "CEO");
}

static void test_import_swapping_manager_and_report_makes_no_passing_cycle(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, "external_id,name,manager_external_id\nA,Anna,\nB,Bo,A\nC,Cia,B\n", NULL, NULL);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    /* Turned upside down: C at the top, then B, then A. */
    import_ok(f, "external_id,name,manager_external_id\nA,Anna,B\nB,Bo,C\nC,Cia,\n", &opts, &stats);
    assert_int_equal(stats.people_updated, 3);
    assert_manager(f, "A", opts.date, "B");
    assert_manager(f, "B", opts.date, "C");
    assert_manager(f, "C", opts.date, "");
    assert_manager(f, "C", pm_fixture_date("2026-06-30"), "B");
}

static void test_import_unit_paths_match_stored_units_ignoring_case(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    import_ok(f, "external_id,name,unit_path\nE20,Ny,ACME/engineering/Data\n", NULL, &stats);
    assert_int_equal(stats.units_created, 1);
    assert_unit(f, "E20", PM_DATE_NONE, "Acme/Engineering/Data");
}

static void test_import_nests_in_a_callers_transaction(void **state)
{
    pm_fixture *f = *state;
    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    import_ok(f, org_csv, NULL, NULL);
    assert_int_equal(count_people(f), 12);
    assert_int_equal(pm_session_rollback(f->sys), PM_OK);
    assert_int_equal(count_people(f), 0);
    assert_int_equal(count_units(f), 0);

    /* A failed import inside the transaction undoes only itself. */
    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    pm_fixture_person(f, "K1", "Kept", 0, 0);
    assert_int_equal(import(f, HEADER "\nE1,Åsa,,E999,,\n", NULL, NULL), PM_ENOTFOUND);
    assert_int_equal(pm_session_commit(f->sys), PM_OK);
    assert_true(person_exists(f, "K1"));
    assert_false(person_exists(f, "E1"));
}

static void test_import_file_reads_the_file(void **state)
{
    pm_fixture *f = *state;
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/pm-import-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    size_t len = strlen(org_csv);
    assert_int_equal(write(fd, org_csv, len), (ssize_t)len);
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
    assert_int_equal(import(f, org_csv, NULL, &stats), PM_EVERSION);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_stats.version"));
    assert_int_equal(count_people(f), 0);
}

static void test_import_unknown_opts_version_flags_and_bad_date_are_refused(void **state)
{
    pm_fixture *f = *state;
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.version = 0;
    assert_int_equal(import(f, org_csv, &opts, NULL), PM_EVERSION);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_opts.version"));
    assert_int_equal(pm_import_opts_init(&opts, PM_IMPORT_OPTS_VERSION), PM_OK);
    opts.flags = 0x80;
    assert_int_equal(import(f, org_csv, &opts, NULL), PM_EINVAL);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_opts.flags"));
    opts.flags = 0;
    opts.date = INT32_MAX;
    assert_int_equal(import(f, org_csv, &opts, NULL), PM_ERANGE);
    assert_non_null(strstr(pm_session_errmsg(f->sys), "import_opts.date"));
    assert_int_equal(count_people(f), 0);
    assert_int_equal(pm_import_opts_init(&opts, 2), PM_EVERSION);
    assert_int_equal(pm_import_opts_init(NULL, 1), PM_EINVAL);
}

static void test_import_by_a_person_who_is_not_hr_admin_is_refused(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    pm_session *s = pm_fixture_session(f, person_id(f, "E2"));
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    assert_int_equal(pm_import_csv(s, org_changed_csv, strlen(org_changed_csv), NULL, &stats),
                     PM_EPERM);
    assert_non_null(strstr(pm_session_errmsg(s), "permission denied"));
    pm_session_free(s);
    assert_false(person_exists(f, "E13"));

    /* An HR admin may. */
    s = pm_fixture_session(f, person_id(f, "E9"));
    assert_int_equal(pm_import_csv(s, org_changed_csv, strlen(org_changed_csv), NULL, &stats),
                     PM_OK);
    pm_session_free(s);
    assert_true(person_exists(f, "E13"));
}

/* ---- bad input: status, line, field, and an unchanged store ---- */

static void test_import_refuses_a_missing_required_column(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, "external_id,email\nE1,a@b.se\n", PM_EINVAL,
                   "line 1: header: required column 'name' is missing");
}

static void test_import_refuses_an_unknown_column(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
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
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\nE20,Ny,,,,\nE21,\"Ny, Två,,,,\nE22,Tre,,,,\n", PM_EINVAL,
                   "line 3: name: unterminated quoted field");
}

static void test_import_refuses_text_after_a_closing_quote(void **state)
{
    pm_fixture *f = *state;
    assert_refused(f, HEADER "\nE20,\"Ny\" Person,,,,\n", PM_EINVAL,
                   "line 2: name: text after the closing quote");
}

static void test_import_refuses_a_row_with_another_field_count(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\r\nE20,Ny,,,,\r\nE21,Två,,\r\n", PM_EINVAL,
                   "line 3: has 4 fields where the header has 6");
}

static void test_import_refuses_invalid_utf8_in_a_name(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\nE20,Ny,,,,\nE21,Bj\xF6rn,,,,\n", PM_EUTF8, "line 3: name: ");
}

static void test_import_refuses_an_overlong_name(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    char csv[1024];
    char name[PM_PERSON_NAME_MAX * 2 + 3] = "";
    for (int i = 0; i <= PM_PERSON_NAME_MAX; i++)
        strcat(name, "ö"); /* 201 code points */
    snprintf(csv, sizeof csv, HEADER "\nE20,Ny,,,,\nE21,Två,,,,\nE22,%s,,,,\n", name);
    assert_refused(f, csv, PM_ERANGE, "line 4: name: ");
    /* Exactly the limit is fine. */
    snprintf(csv, sizeof csv, HEADER "\nE22,%s,,,,\n", name + 2);
    import_ok(f, csv, NULL, NULL);
}

static void test_import_refuses_an_empty_name(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\nE20,Ny,,,,\nE21,,,,,\n", PM_EINVAL,
                   "line 3: name: must not be empty");
}

static void test_import_refuses_an_empty_external_id(void **state)
{
    pm_fixture *f = *state;
    assert_refused(f, HEADER "\nE20,Ny,,,,\n,Två,,,,\n", PM_EINVAL,
                   "line 3: external_id: must not be empty");
}

static void test_import_refuses_a_bad_email(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\nE20,Ny,ny@example.se,,,\nE21,Två,tva.example.se,,,\n", PM_EINVAL,
                   "line 3: email: 'tva.example.se' must contain exactly one '@'");
}

static void test_import_refuses_a_duplicate_external_id(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f,
                   HEADER "\n"
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
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\nE20,Ny,,E1,,\nE21,Två,,E999,,\n", PM_ENOTFOUND,
                   "line 3: manager_external_id: 'E999' is not in the file or the store");
}

static void test_import_refuses_a_stored_manager_that_would_be_marked_left(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    static char before[DIGEST_SIZE], after[DIGEST_SIZE];
    digest(f, before, sizeof before);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.flags = PM_IMPORT_MARK_MISSING_LEFT;
    assert_int_equal(import(f, HEADER "\nE20,Ny,,E1,,\n", &opts, NULL), PM_ENOTFOUND);
    assert_non_null(strstr(pm_session_errmsg(f->sys),
                           "line 2: manager_external_id: 'E1' is not in the file"));
    digest(f, after, sizeof after);
    assert_string_equal(after, before);
}

static void test_import_refuses_a_person_as_their_own_manager(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\nE20,Ny,,,,\nE21,Två,,E21,,\n", PM_EINVAL,
                   "line 3: manager_external_id: 'E21' is the person themselves");
}

static void test_import_refuses_a_three_person_cycle(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f,
                   HEADER "\n"
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
    import_ok(f, org_csv, NULL, NULL);
    /* E1 under E4 while E4 still reports to E2, who reports to E1. */
    assert_refused(f, "external_id,name,manager_external_id\nE1,Åsa Öberg,E4\n", PM_ECYCLE,
                   "line 2: manager_external_id: cycle E1 -> E4 -> E2 -> E1");
}

static void test_import_refuses_an_empty_unit_name_in_a_path(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_refused(f, HEADER "\nE20,Ny,,,Acme/X,\nE21,Två,,,A//B,\n", PM_EINVAL,
                   "line 3: unit_path: 'A//B' has an empty unit name");
    assert_refused(f, HEADER "\nE21,Två,,,Acme/,\n", PM_EINVAL,
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
    assert_refused(f, HEADER "\nE20,Ny,,,,kanske\n", PM_EINVAL,
                   "line 2: hr_admin: 'kanske' is not one of");
}

static void test_import_refuses_a_person_who_left(void **state)
{
    pm_fixture *f = *state;
    import_ok(f, org_csv, NULL, NULL);
    assert_int_equal(pm_person_set_left(f->sys, person_id(f, "E8"), pm_fixture_date("2026-06-20")),
                     PM_OK);
    assert_refused(f, HEADER "\nE20,Ny,,,,\nE8,Oskar Lundén,,E3,Acme/Sales,\n", PM_ECONFLICT,
                   "line 3: external_id: 'E8' belongs to a person who left on 2026-06-20");
}

static void test_import_failure_while_writing_names_the_line_and_rolls_back(void **state)
{
    pm_fixture *f = *state;
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = pm_fixture_date("2026-07-01");
    import_ok(f, org_csv, &opts, NULL);
    static char before[DIGEST_SIZE], after[DIGEST_SIZE];
    digest(f, before, sizeof before);
    /* New people first, then a manager change dated before the recorded one. */
    opts.date = pm_fixture_date("2026-06-01");
    pm_status st = import(f,
                          HEADER "\n"
                          "E20,Ny,,,Acme/New,\n"
                          "E5,Jörgen Åkesson,,E4,Acme/Engineering/Platform,\n",
                          &opts, NULL);
    assert_int_equal(st, PM_ECONFLICT);
    if (strncmp(pm_session_errmsg(f->sys), "line 3: ", 8) != 0)
        fail_msg("message '%s' does not start with 'line 3: '", pm_session_errmsg(f->sys));
    digest(f, after, sizeof after);
    assert_string_equal(after, before);
    assert_false(person_exists(f, "E20"));
}

/* ---- a large file ---- */

static void test_import_ten_thousand_rows(void **state)
{
    pm_fixture *f = *state;
    enum { ROWS = 10000 };
    size_t cap = (size_t)ROWS * 96 + 128, used = 0;
    char *csv = test_malloc(cap);
    used += (size_t)snprintf(csv, cap, "%s\n", HEADER);
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

static size_t count_people_in(pm_session *s)
{
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, s, "", PM_PERSON_INCLUDE_LEFT), PM_OK);
    size_t n = 0;
    pm_person *p = NULL;
    while (pm_person_iter_next(&p, it) == PM_OK)
        n++;
    pm_person_iter_free(it);
    return n;
}

static void test_import_survives_each_allocation_failure(void **state)
{
    (void)state;
    const char csv[] = BOM HEADER "\r\n"
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
    assert_int_equal(count_people_in(s), 2);
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
        assert_int_equal(count_people_in(s), 2);
    }
    assert_true(n > 0);
    assert_int_equal(stats.people_created, 3);
    assert_int_equal(stats.units_created, 3);
    assert_int_equal(count_people_in(s), 5);
    pm_session_free(s);
    pm_db_close(db);
    pm_fixture_remove_file(path);
    assert_int_equal(pm_fixture_alloc_live(), live_at_start);
    pm_allocator_set(NULL);
}

/* ---- the CSV reader, without a store ---- */

static void expect_field(const pm_csv *csv, size_t i, const char *want)
{
    assert_true(i < csv->nfields);
    assert_int_equal(csv->fields[i].len, strlen(want));
    assert_memory_equal(csv->fields[i].data, want, strlen(want));
}

static void test_csv_reads_quotes_escapes_and_embedded_line_breaks(void **state)
{
    (void)state;
    const char data[] = BOM "a,b,c\r\n"
                        "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n"
                        "\n"
                        "1,,\"\"\n"
                        "last,\"\"\"\",end";
    pm_csv csv;
    pm_error err;
    pm_csv__init(&csv, data, sizeof data - 1);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 1);
    expect_field(&csv, 0, "a");
    expect_field(&csv, 2, "c");
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 2);
    expect_field(&csv, 0, "x, y");
    expect_field(&csv, 1, "say \"hi\"");
    expect_field(&csv, 2, "two\nlines");
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 5); /* line 3 ends the quoted field; 4 is blank */
    expect_field(&csv, 0, "1");
    expect_field(&csv, 1, "");
    expect_field(&csv, 2, "");
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.record_line, 6);
    expect_field(&csv, 1, "\"");
    expect_field(&csv, 2, "end");
    assert_int_equal(pm_csv__next(&csv, &err), PM_ITEROVER);
    pm_csv__free(&csv);
}

static void test_csv_trailing_comma_is_an_empty_last_field(void **state)
{
    (void)state;
    const char data[] = "a,b\nx,";
    pm_csv csv;
    pm_error err;
    pm_csv__init(&csv, data, sizeof data - 1);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(csv.nfields, 2);
    expect_field(&csv, 1, "");
    assert_int_equal(pm_csv__next(&csv, &err), PM_ITEROVER);
    pm_csv__free(&csv);
}

static void expect_csv_error(const char *data, size_t records_before, const char *want)
{
    pm_csv csv;
    pm_error err;
    pm_error__clear(&err);
    pm_csv__init(&csv, data, strlen(data));
    for (size_t i = 0; i < records_before; i++)
        assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    assert_int_equal(pm_csv__next(&csv, &err), PM_EINVAL);
    assert_string_equal(err.message, want);
    pm_csv__free(&csv);
}

static void test_csv_reports_errors_with_line_and_field(void **state)
{
    (void)state;
    expect_csv_error("a,b\n\"open,x\n\nmore", 1,
                     "line 2: field 1: unterminated quoted field (no closing quote before the end)");
    expect_csv_error("a,b\nx,\"multi\nline\"y\n", 1, "line 3: field 2: text after the closing quote");
    expect_csv_error("a,b\nx,ab\"c\n", 1,
                     "line 2: field 2: a quote inside a field that does not start with one "
                     "(quote the whole field and double the quote)");
    expect_csv_error("a,b\n\"x\ny\",b\nlonely\n", 2, "line 4: has 1 field where the header has 2");
}

static void test_csv_names_fields_once_named(void **state)
{
    (void)state;
    static const char *const names[] = { "external_id", "name" };
    pm_csv csv;
    pm_error err;
    const char data[] = "a,b\nx,\"y\"z\n";
    pm_csv__init(&csv, data, sizeof data - 1);
    assert_int_equal(pm_csv__next(&csv, &err), PM_OK);
    pm_csv__set_names(&csv, names);
    assert_int_equal(pm_csv__next(&csv, &err), PM_EINVAL);
    assert_string_equal(err.message, "line 2: name: text after the closing quote");
    pm_csv__free(&csv);
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
        T(test_import_ten_thousand_rows),
        cmocka_unit_test(test_import_survives_each_allocation_failure),
        cmocka_unit_test(test_csv_reads_quotes_escapes_and_embedded_line_breaks),
        cmocka_unit_test(test_csv_trailing_comma_is_an_empty_last_field),
        cmocka_unit_test(test_csv_reports_errors_with_line_and_field),
        cmocka_unit_test(test_csv_names_fields_once_named),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
