/*
 * One person's development, from assessment to gap to plan to programme.
 *
 *   development PATH.db [org.csv]
 *
 * Imports the small organisation of the quickstart into an SQLite store at
 * PATH.db and lives through the second half of 2025 on a fixed clock:
 * Ingrid (HR) sets up a competency framework with a five-level scale and
 * two role profiles; Sofia holds one of them. Märta, her manager, opens an
 * assessment round: Sofia's self assessment and Märta's stay blind to each
 * other until both are submitted. Sofia's gaps show against the role she
 * holds and the one she aims for; her development plan names what to grow,
 * with a mentor, a stretch project and time for balance. HR finds who needs
 * the coaching programme, Sofia enrols, completes it, and her plan shows
 * the progress. Last, the Platform unit's gaps now and at mid-year.
 *
 * Every call returns a pm_status (PM_OK is 0); on failure the session says
 * what went wrong and the program stops with a non-zero exit status.
 */
#include <perfmgmt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The quickstart's org.csv; the build passes its full path. */
#ifndef DEVELOPMENT_ORG_CSV
#define DEVELOPMENT_ORG_CSV "org.csv"
#endif

/* Stops the program when a call fails, saying what we were doing and why. */
static void check(pm_status st, const pm_session *session, const char *doing)
{
    if (st == PM_OK)
        return;
    fprintf(stderr, "development: %s failed: %s: %s\n", doing, pm_status_str(st),
            session ? pm_session_errmsg(session) : "");
    exit(EXIT_FAILURE);
}

static void expect(int condition, const char *what)
{
    if (!condition) {
        fprintf(stderr, "development: expected %s\n", what);
        exit(EXIT_FAILURE);
    }
}

/* Everything the tour keeps. */
typedef struct tour {
    pm_db *db;
    pm_time now; /* the store's clock reads this */
    pm_session *sys, *ingrid, *marta, *sofia;
    pm_id ingrid_id, marta_id, sofia_id, oskar_id, bjorn_id, platform;
    pm_id scale;
    pm_id incidents, design, coaching, writing; /* competencies */
    pm_id senior, lead;                         /* roles */
    pm_id plan, programme;
} tour;

static pm_time read_clock(void *payload)
{
    return *(const pm_time *)payload;
}

static pm_date day(int year, int month, int mday)
{
    pm_date d = 0;
    check(pm_date_from_ymd(&d, year, month, mday), NULL, "making a date");
    return d;
}

static void set_clock(tour *t, pm_date date, int hour)
{
    t->now = (pm_time)date * 86400 + (pm_time)hour * 3600;
}

static pm_id find_person(pm_session *s, const char *external_id)
{
    pm_person *p = NULL;
    check(pm_person_lookup(&p, s, external_id), s, "looking up a person");
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

static pm_session *open_as(tour *t, pm_id person)
{
    pm_session *s = NULL;
    if (pm_session_open(&s, t->db, person) != PM_OK) {
        fprintf(stderr, "development: opening a session: %s\n", pm_db_errmsg(t->db));
        exit(EXIT_FAILURE);
    }
    return s;
}

static const char *competency_name(tour *t, pm_id id)
{
    if (id == t->incidents)
        return "Incident response";
    if (id == t->design)
        return "System design";
    if (id == t->coaching)
        return "Coaching";
    if (id == t->writing)
        return "Written communication";
    return "?";
}

/* ---- the framework ---- */

static pm_id competency(tour *t, const char *name, const char *category)
{
    pm_competency_opts o = PM_COMPETENCY_OPTS_INIT;
    o.name = name;
    o.category = category;
    o.scale = t->scale;
    pm_id id = 0;
    check(pm_competency_create(&id, t->ingrid, &o), t->ingrid, "creating a competency");
    return id;
}

static void build_framework(tour *t)
{
    set_clock(t, day(2025, 6, 2), 9);
    printf("\n2 June 2025. Ingrid (HR) sets up the competency framework.\n");
    static const char *const levels[] = { "Novice", "Advanced beginner", "Competent",
                                          "Proficient", "Expert" };
    pm_scale_opts so = PM_SCALE_OPTS_INIT;
    so.name = "Proficiency";
    so.min_level = 1;
    so.max_level = 5;
    so.level_names = levels;
    check(pm_scale_create(&t->scale, t->ingrid, &so), t->ingrid, "creating the scale");
    t->incidents = competency(t, "Incident response", "Engineering");
    t->design = competency(t, "System design", "Engineering");
    t->coaching = competency(t, "Coaching", "Leadership");
    t->writing = competency(t, "Written communication", "Communication");

    check(pm_role_create(&t->senior, t->ingrid, "Senior platform engineer", 0, NULL, 0),
          t->ingrid, "creating a role");
    check(pm_role_require(t->ingrid, t->senior, t->incidents, 4), t->ingrid, "a requirement");
    check(pm_role_require(t->ingrid, t->senior, t->design, 4), t->ingrid, "a requirement");
    check(pm_role_require(t->ingrid, t->senior, t->writing, 3), t->ingrid, "a requirement");
    check(pm_role_create(&t->lead, t->ingrid, "Team lead", 0, NULL, 0), t->ingrid,
          "creating a role");
    check(pm_role_require(t->ingrid, t->lead, t->coaching, 3), t->ingrid, "a requirement");
    check(pm_role_require(t->ingrid, t->lead, t->design, 4), t->ingrid, "a requirement");
    check(pm_role_require(t->ingrid, t->lead, t->writing, 4), t->ingrid, "a requirement");
    printf("A five-level scale (Novice to Expert), four competencies, and two roles:\n"
           "  Senior platform engineer: incident response 4, system design 4, writing 3\n"
           "  Team lead: coaching 3, system design 4, writing 4\n");

    check(pm_role_assign(t->ingrid, t->sofia_id, t->senior, day(2025, 1, 1)), t->ingrid,
          "assigning a role");
    check(pm_role_assign(t->ingrid, t->oskar_id, t->senior, day(2025, 1, 1)), t->ingrid,
          "assigning a role");
    printf("Sofia and Oskar are senior platform engineers (since January).\n");

    /* Oskar was assessed by Märta in the spring: he needs coaching too. */
    pm_assessment_opts a = PM_ASSESSMENT_OPTS_INIT;
    a.person = t->oskar_id;
    a.source = PM_ASSESSED_BY_MANAGER;
    a.on = day(2025, 5, 15);
    a.competency = t->incidents;
    a.level = 4;
    check(pm_assessment_add(NULL, t->marta, &a), t->marta, "assessing Oskar");
    a.competency = t->design;
    a.level = 3;
    check(pm_assessment_add(NULL, t->marta, &a), t->marta, "assessing Oskar");
    a.competency = t->writing;
    a.level = 2;
    check(pm_assessment_add(NULL, t->marta, &a), t->marta, "assessing Oskar");
}

/* ---- a blind assessment round ---- */

static void assess(pm_session *s, pm_id round, pm_id person, pm_id competency, int level,
                   pm_assessment_source source, const char *note)
{
    pm_assessment_opts a = PM_ASSESSMENT_OPTS_INIT;
    a.person = person;
    a.competency = competency;
    a.level = level;
    a.source = source;
    a.round = round;
    a.note = note;
    check(pm_assessment_add(NULL, s, &a), s, "adding an assessment");
}

static int count_assessments(pm_session *s, pm_id person)
{
    pm_assessment_iter *it = NULL;
    check(pm_assessment_list(&it, s, person, 0), s, "listing assessments");
    int n = 0;
    pm_assessment *a = NULL;
    pm_status st;
    while ((st = pm_assessment_iter_next(&a, it)) == PM_OK)
        n++;
    expect(st == PM_ITEROVER, "the assessments to list");
    pm_assessment_iter_free(it);
    return n;
}

static void assessment_round(tour *t)
{
    set_clock(t, day(2025, 6, 16), 10);
    printf("\n16 June. Märta opens an assessment round for Sofia.\n");
    pm_id round = 0;
    check(pm_assessment_round_open(&round, t->marta, t->sofia_id, PM_DATE_NONE), t->marta,
          "opening a round");
    assess(t->sofia, round, t->sofia_id, t->incidents, 4, PM_ASSESSED_BY_SELF,
           "Led the May outage review");
    assess(t->sofia, round, t->sofia_id, t->design, 3, PM_ASSESSED_BY_SELF, NULL);
    assess(t->sofia, round, t->sofia_id, t->writing, 3, PM_ASSESSED_BY_SELF, NULL);
    assess(t->sofia, round, t->sofia_id, t->coaching, 2, PM_ASSESSED_BY_SELF, NULL);
    int released = 0;
    check(pm_assessment_round_submit(&released, t->sofia, round), t->sofia, "submitting");
    printf("Sofia assesses herself and submits; the round is %s.\n",
           released ? "released" : "not released yet");

    assess(t->marta, round, t->sofia_id, t->incidents, 4, PM_ASSESSED_BY_MANAGER, NULL);
    assess(t->marta, round, t->sofia_id, t->design, 3, PM_ASSESSED_BY_MANAGER,
           "Good instincts; next step is owning a larger design");
    assess(t->marta, round, t->sofia_id, t->writing, 2, PM_ASSESSED_BY_MANAGER,
           "Runbooks are clear, design documents less so");
    assess(t->marta, round, t->sofia_id, t->coaching, 2, PM_ASSESSED_BY_MANAGER, NULL);
    printf("Before Märta submits, Sofia sees %d assessments (her own) and Märta %d (hers).\n",
           count_assessments(t->sofia, t->sofia_id), count_assessments(t->marta, t->sofia_id));
    check(pm_assessment_round_submit(&released, t->marta, round), t->marta, "submitting");
    expect(released, "the second submission to release the round");
    printf("Märta submits: the round is released, and both see all %d.\n",
           count_assessments(t->sofia, t->sofia_id));
}

/* ---- gaps ---- */

static void show_gaps(tour *t, pm_id role, const char *role_name)
{
    pm_gap_iter *it = NULL;
    check(pm_gap_person(&it, t->sofia, t->sofia_id, role, PM_DATE_NONE, NULL), t->sofia,
          "reading gaps");
    printf("  against %s:\n", role_name);
    pm_gap *g = NULL;
    pm_status st;
    while ((st = pm_gap_iter_next(&g, it)) == PM_OK)
        printf("    %-22s required %d, level %.0f, gap %+.0f\n",
               competency_name(t, pm_gap_competency(g)), pm_gap_required(g),
               pm_gap_current(g), pm_gap_value(g));
    expect(st == PM_ITEROVER, "the gaps to list");
    pm_gap_iter_free(it);
    double match = 0;
    check(pm_role_match(&match, t->sofia, t->sofia_id, role, PM_DATE_NONE, NULL), t->sofia,
          "role match");
    printf("    role match %.2f (1.00 meets every requirement on average)\n", match);
}

static void gaps(tour *t)
{
    printf("\nSofia's levels (the manager's assessment counts first) and her gaps:\n");
    show_gaps(t, 0, "the role she holds, senior platform engineer");
    show_gaps(t, t->lead, "the role she aims for, team lead");
}

/* ---- the plan ---- */

static pm_id add_item(tour *t, pm_item_kind kind, const char *title, pm_date due,
                      pm_id mentor, pm_id competency)
{
    pm_plan_item_opts o = PM_PLAN_ITEM_OPTS_INIT;
    o.kind = kind;
    o.title = title;
    o.due = due;
    o.mentor = mentor;
    o.competencies = competency ? &competency : NULL;
    o.ncompetencies = competency ? 1 : 0;
    pm_id id = 0;
    check(pm_plan_item_add(&id, t->sofia, t->plan, &o), t->sofia, "adding a plan item");
    return id;
}

static void make_plan(tour *t)
{
    set_clock(t, day(2025, 7, 1), 9);
    printf("\n1 July. Sofia and Märta write her plan for the second half.\n");
    pm_plan_opts p = PM_PLAN_OPTS_INIT;
    p.person = t->sofia_id;
    p.start = day(2025, 7, 1);
    p.end = day(2025, 12, 31);
    p.strengths = "Calm and methodical under pressure; clear runbooks.";
    p.ambitions = "Lead a team within two years.";
    p.target_role = t->lead;
    check(pm_plan_create(&t->plan, t->sofia, &p), t->sofia, "creating a plan");
    check(pm_plan_add_area(t->sofia, t->plan, t->writing, "Design documents", 0), t->sofia,
          "adding an area");
    check(pm_plan_add_area(t->sofia, t->plan, t->coaching, NULL, 0), t->sofia, "adding an area");
    add_item(t, PM_ITEM_MENTORING, "Monthly mentoring with Björn", day(2025, 12, 31),
             t->bjorn_id, t->coaching);
    pm_id project = add_item(t, PM_ITEM_STRETCH_PROJECT, "Write the design of the new queue",
                             day(2025, 10, 31), 0, t->writing);
    add_item(t, PM_ITEM_WELLBEING, "No on-call in the week after an incident",
             PM_DATE_NONE, 0, 0);
    check(pm_plan_item_set_state(t->sofia, project, PM_ITEM_IN_PROGRESS, PM_DATE_NONE),
          t->sofia, "starting an item");
    printf("Strengths, two areas to grow (writing, coaching), the team-lead ambition, and\n"
           "three items: mentoring with Björn, a stretch project, and time for balance.\n");

    pm_plan_item_iter *it = NULL;
    check(pm_plan_item_list_mentored(&it, t->sys, t->bjorn_id), t->sys, "mentored items");
    pm_plan_item *item = NULL;
    int mentored = 0;
    while (pm_plan_item_iter_next(&item, it) == PM_OK)
        mentored++;
    pm_plan_item_iter_free(it);
    printf("Björn sees the %d item he mentors, not the rest of Sofia's plan.\n", mentored);
}

/* ---- the programme ---- */

static void programme(tour *t)
{
    set_clock(t, day(2025, 8, 4), 9);
    printf("\n4 August. HR runs \"Coaching essentials\" and looks for who needs it.\n");
    pm_programme_opts o = PM_PROGRAMME_OPTS_INIT;
    o.name = "Coaching essentials";
    o.kind = PM_PROGRAMME_COACHING;
    o.capacity = 8;
    pm_id targets[] = { t->coaching, t->writing };
    o.competencies = targets;
    o.ncompetencies = 2;
    check(pm_programme_create(&t->programme, t->ingrid, &o), t->ingrid, "creating a programme");
    check(pm_programme_add_session(t->ingrid, t->programme, day(2025, 9, 3), "Listening", 0),
          t->ingrid, "adding a session");
    check(pm_programme_add_session(t->ingrid, t->programme, day(2025, 10, 1), "Feedback", 0),
          t->ingrid, "adding a session");

    pm_candidate_iter *it = NULL;
    check(pm_programme_candidates(&it, t->ingrid, t->programme, 1.0, PM_DATE_NONE, NULL),
          t->ingrid, "finding candidates");
    pm_candidate *c = NULL;
    pm_status st;
    while ((st = pm_candidate_iter_next(&c, it)) == PM_OK) {
        const char *who = pm_candidate_person(c) == t->sofia_id ? "Sofia" : "Oskar";
        printf("  %s: a gap of %.0f in %s\n", who, pm_candidate_gap(c),
               competency_name(t, pm_candidate_competency(c)));
    }
    expect(st == PM_ITEROVER, "the candidates to list");
    pm_candidate_iter_free(it);

    check(pm_programme_invite(t->ingrid, t->programme, t->sofia_id), t->ingrid, "inviting");
    pm_id item = 0;
    check(pm_programme_enrol(&item, t->sofia, t->programme, t->sofia_id), t->sofia, "enrolling");
    printf("Sofia is invited and enrols herself; her plan gains a coaching item.\n");

    set_clock(t, day(2025, 10, 2), 16);
    check(pm_programme_complete(t->ingrid, t->programme, t->sofia_id, PM_RESULT_PASSED,
                                PM_DATE_NONE),
          t->ingrid, "completing");
    pm_programme_stats ps = PM_PROGRAMME_STATS_INIT;
    check(pm_programme_stats_get(&ps, t->ingrid, t->programme), t->ingrid, "programme stats");
    printf("2 October: she completes it and passes (%d completed, %d passed, completion %.0f%%).\n",
           ps.completed, ps.passed, ps.completion_rate * 100.0);
}

/* ---- the end of the year ---- */

static void year_end(tour *t)
{
    set_clock(t, day(2025, 11, 14), 9);
    pm_plan_progress pp = PM_PLAN_PROGRESS_INIT;
    check(pm_plan_progress_get(&pp, t->sofia, t->plan, PM_DATE_NONE), t->sofia, "progress");
    printf("\n14 November. Sofia's plan: %d of %d items done (%.0f%% by weight), %d overdue.\n",
           pp.done, pp.items, pp.share_done * 100.0, pp.overdue);

    /* A new manager assessment after the programme moves her level. */
    pm_assessment_opts a = PM_ASSESSMENT_OPTS_INIT;
    a.person = t->sofia_id;
    a.competency = t->coaching;
    a.level = 3;
    a.source = PM_ASSESSED_BY_MANAGER;
    check(pm_assessment_add(NULL, t->marta, &a), t->marta, "assessing");
    double level = 0;
    int assessed = 0;
    check(pm_competency_level(&level, &assessed, t->marta, t->sofia_id, t->coaching,
                              PM_DATE_NONE, NULL),
          t->marta, "reading a level");
    printf("Märta assesses her coaching again: level %.0f, as the team-lead role asks.\n", level);

    pm_gap_summary_opts go = PM_GAP_SUMMARY_OPTS_INIT;
    go.compare = day(2025, 6, 1);
    pm_gap_summary_iter *it = NULL;
    check(pm_gap_unit(&it, t->ingrid, t->platform, &go), t->ingrid, "unit gaps");
    printf("\nThe Platform unit's gaps against the roles held (now, and on 1 June):\n");
    pm_gap_summary *g = NULL;
    pm_status st;
    while ((st = pm_gap_summary_iter_next(&g, it)) == PM_OK)
        printf("  %-22s %d of %d assessed below (mean gap %.2f); on 1 June %d of %d\n",
               competency_name(t, pm_gap_summary_competency(g)), pm_gap_summary_below(g),
               pm_gap_summary_assessed(g), pm_gap_summary_mean_gap(g),
               pm_gap_summary_below_before(g), pm_gap_summary_assessed_before(g));
    expect(st == PM_ITEROVER, "the summaries to list");
    pm_gap_summary_iter_free(it);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PATH.db [org.csv]\n", argv[0]);
        return 2;
    }
    const char *csv_path = argc == 3 ? argv[2] : DEVELOPMENT_ORG_CSV;

    char uri[4096];
    snprintf(uri, sizeof uri, "sqlite:%s", argv[1]);
    tour t;
    memset(&t, 0, sizeof t);
    char *err = NULL;
    if (pm_db_open(&t.db, &err, uri, NULL) != PM_OK) {
        fprintf(stderr, "development: cannot open %s: %s\n", argv[1],
                err ? err : "out of memory");
        pm_free(err);
        return EXIT_FAILURE;
    }
    set_clock(&t, day(2025, 6, 1), 12);
    check(pm_db_set_clock(t.db, read_clock, &t.now), NULL, "setting the clock");
    printf("perfmgmt %s, store %s\n", pm_version(NULL, NULL, NULL), argv[1]);

    check(pm_session_open_system(&t.sys, t.db), NULL, "opening a system session");
    pm_import_opts io = PM_IMPORT_OPTS_INIT;
    io.date = day(2025, 1, 1);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    check(pm_import_csv_file(t.sys, csv_path, &io, &stats), t.sys, "importing the CSV");
    printf("Imported %s: %zu people in %zu units.\n", csv_path, stats.rows, stats.units_created);

    t.ingrid_id = find_person(t.sys, "N004");
    t.bjorn_id = find_person(t.sys, "N002");
    t.marta_id = find_person(t.sys, "N005");
    t.sofia_id = find_person(t.sys, "N007");
    t.oskar_id = find_person(t.sys, "N008");
    check(pm_unit_find(&t.platform, t.sys, "Nordlys/Engineering/Platform"), t.sys,
          "finding a unit");
    t.ingrid = open_as(&t, t.ingrid_id);
    t.marta = open_as(&t, t.marta_id);
    t.sofia = open_as(&t, t.sofia_id);

    build_framework(&t);
    assessment_round(&t);
    gaps(&t);
    make_plan(&t);
    programme(&t);
    year_end(&t);

    pm_session_free(t.sofia);
    pm_session_free(t.marta);
    pm_session_free(t.ingrid);
    pm_session_free(t.sys);
    pm_db_close(t.db);
    printf("\nDone. The framework, assessments, plan and programme are plain SQLite tables"
           " in %s\n", argv[1]);
    return EXIT_SUCCESS;
}
