/*
 * A tour of perfmgmt for newcomers.
 *
 *   quickstart PATH.db [org.csv]
 *
 * Opens (or creates) an SQLite store at PATH.db, imports an organisation
 * from a CSV file, and then shows what the library knows about it: the unit
 * tree, a manager's reports, who someone's manager was before and after a
 * reorganisation, a search, and an action the access rules refuse.
 *
 * Every call returns a pm_status (PM_OK is 0); on failure the session
 * explains what went wrong, naming the field and the reason.
 */
#include <perfmgmt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The org.csv next to this file; the build passes its full path. */
#ifndef QUICKSTART_ORG_CSV
#define QUICKSTART_ORG_CSV "org.csv"
#endif

/* Stops the program when a call fails, saying what we were doing and why.
 * (A real program would clean up; the operating system does it here.) */
static void check(pm_status st, const pm_session *session, const char *doing)
{
    if (st == PM_OK)
        return;
    fprintf(stderr, "quickstart: %s failed: %s: %s\n", doing, pm_status_str(st),
            session ? pm_session_errmsg(session) : "");
    exit(EXIT_FAILURE);
}

static pm_date date_of(const char *iso)
{
    pm_date d = 0;
    check(pm_date_parse(&d, iso), NULL, "reading a date");
    return d;
}

/* The id of the person with this external id (the HRIS's key). */
static pm_id find_person(pm_session *s, const char *external_id)
{
    pm_person *p = NULL;
    check(pm_person_lookup(&p, s, external_id), s, "looking up a person");
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

/* Copies a person's display name into buf; "nobody" for id 0. */
static const char *name_of(pm_session *s, pm_id id, char *buf, size_t size)
{
    if (id == 0) {
        snprintf(buf, size, "nobody");
        return buf;
    }
    pm_person *p = NULL;
    check(pm_person_get(&p, s, id), s, "reading a person");
    snprintf(buf, size, "%s", pm_person_display_name(p));
    pm_person_free(p);
    return buf;
}

/* Prints each person an iterator yields, then frees the iterator. */
static void print_people(pm_person_iter *it, const char *indent)
{
    pm_person *p = NULL;
    pm_status st;
    while ((st = pm_person_iter_next(&p, it)) == PM_OK)
        printf("%s%s (%s)\n", indent, pm_person_display_name(p), pm_person_external_id(p));
    pm_person_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, NULL, "listing people");
}

/* Prints the units under parent (0: the top), indented by depth, with how
 * many people belong to each. */
static void print_units(pm_session *s, pm_id parent, int depth)
{
    pm_unit_iter *it = NULL;
    check(pm_unit_children(&it, s, parent), s, "listing units");
    pm_unit *unit = NULL;
    pm_status st;
    while ((st = pm_unit_iter_next(&unit, it)) == PM_OK) {
        pm_person_iter *members = NULL;
        check(pm_unit_members(&members, s, pm_unit_id(unit), PM_DATE_NONE, 0), s,
              "listing members");
        int count = 0;
        pm_person *p = NULL;
        while (pm_person_iter_next(&p, members) == PM_OK)
            count++;
        pm_person_iter_free(members);
        printf("  %*s%s (%d %s)\n", depth * 2, "", pm_unit_name(unit), count,
               count == 1 ? "person" : "people");
        /* An iterator holds its results, so other calls may run while it is open. */
        print_units(s, pm_unit_id(unit), depth + 1);
    }
    pm_unit_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, s, "listing units");
}

static void import_org(pm_session *sys, const char *csv_path, pm_date as_of)
{
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = as_of; /* units and managers take effect on this day */
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    check(pm_import_csv_file(sys, csv_path, &opts, &stats), sys, "importing the CSV");
    printf("Imported %s: %zu rows; %zu people created, %zu updated; %zu units created.\n",
           csv_path, stats.rows, stats.people_created, stats.people_updated,
           stats.units_created);
    if (stats.people_created == 0 && stats.people_updated == 0)
        printf("(The store already held this organisation, so nothing changed.)\n");
}

static void show_reports(pm_session *as_manager, pm_id manager)
{
    char name[256];
    pm_person_iter *it = NULL;
    printf("\n%s's direct reports:\n", name_of(as_manager, manager, name, sizeof name));
    check(pm_org_reports(&it, as_manager, manager, PM_DATE_NONE, 0), as_manager,
          "listing direct reports");
    print_people(it, "  ");
    printf("Everyone in %s's part of the organisation (direct and indirect):\n", name);
    check(pm_org_reports(&it, as_manager, manager, PM_DATE_NONE, PM_ORG_REPORTS_INDIRECT),
          as_manager, "listing indirect reports");
    print_people(it, "  ");
}

/* Moves Oskar to another manager on a later day and asks the dated history
 * who his manager was on each side of that day. */
static void show_reorganisation(pm_session *sys)
{
    pm_id oskar = find_person(sys, "N008");
    pm_id jorgen = find_person(sys, "N006");
    pm_date reorg = date_of("2025-09-01");
    check(pm_org_set_manager(sys, oskar, jorgen, reorg), sys, "changing a manager");

    char who[256], before_name[256], after_name[256];
    pm_id before = 0, after = 0;
    check(pm_org_manager_on(&before, sys, oskar, date_of("2025-06-01")), sys, "asking history");
    check(pm_org_manager_on(&after, sys, oskar, date_of("2025-10-01")), sys, "asking history");
    printf("\nReorganisation on 2025-09-01: %s moves to another team.\n",
           name_of(sys, oskar, who, sizeof who));
    printf("  On 2025-06-01 %s's manager was %s.\n", who,
           name_of(sys, before, before_name, sizeof before_name));
    printf("  On 2025-10-01 %s's manager was %s.\n", who,
           name_of(sys, after, after_name, sizeof after_name));
}

static void show_search(pm_session *s, const char *query)
{
    pm_person_iter *it = NULL;
    check(pm_person_search(&it, s, query, 0), s, "searching");
    printf("\nSearching for \"%s\" (case does not matter, even for Å):\n", query);
    print_people(it, "  ");
}

/* The access rules in action: only HR admins and the system may create people. */
static void show_refusal(pm_session *as_manager)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "N999";
    o.display_name = "Someone New";
    pm_status st = pm_person_create(NULL, as_manager, &o);
    if (st == PM_OK) {
        fprintf(stderr, "quickstart: a manager could create a person; access rules are off\n");
        exit(EXIT_FAILURE);
    }
    printf("\nA manager who is not an HR admin tries to create a person:\n");
    printf("  refused with status %d (%s): %s\n", (int)st, pm_status_str(st),
           pm_session_errmsg(as_manager));
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PATH.db [org.csv]\n", argv[0]);
        return 2;
    }
    const char *csv_path = argc == 3 ? argv[2] : QUICKSTART_ORG_CSV;

    /* A store is opened by URI; "sqlite:" keeps it in one ordinary file. */
    char uri[4096];
    snprintf(uri, sizeof uri, "sqlite:%s", argv[1]);
    pm_db *db = NULL;
    char *err = NULL;
    if (pm_db_open(&db, &err, uri, NULL) != PM_OK) {
        fprintf(stderr, "quickstart: cannot open %s: %s\n", argv[1], err ? err : "out of memory");
        pm_free(err);
        return EXIT_FAILURE;
    }
    printf("perfmgmt %s, store %s\n\n", pm_version(NULL, NULL, NULL), argv[1]);

    /* The system actor is the explicit identity of integrations, such as
     * this import; it may do what an HR admin may. */
    pm_session *sys = NULL;
    check(pm_session_open_system(&sys, db), NULL, "opening a system session");
    import_org(sys, csv_path, date_of("2025-01-01"));

    printf("\nThe unit tree:\n");
    print_units(sys, 0, 0);

    /* A session acting as a person: every call is checked against what
     * that person may see and do. */
    pm_id bjorn = find_person(sys, "N002");
    pm_session *as_manager = NULL;
    if (pm_session_open(&as_manager, db, bjorn) != PM_OK) {
        fprintf(stderr, "quickstart: opening a session: %s\n", pm_db_errmsg(db));
        return EXIT_FAILURE;
    }
    show_reports(as_manager, bjorn);
    show_reorganisation(sys);
    show_search(as_manager, "åsa");
    show_refusal(as_manager);

    pm_session_free(as_manager);
    pm_session_free(sys);
    pm_db_close(db);
    printf("\nDone. The store is a plain SQLite file: %s\n", argv[1]);
    return EXIT_SUCCESS;
}
