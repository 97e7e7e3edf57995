/*
 * A quarter of goals and check-ins, told from a manager's seat.
 *
 *   goals_checkins PATH.db [org.csv]
 *
 * Imports the small organisation of the quickstart into an SQLite store at
 * PATH.db, then lives through the second quarter of 2025 on a fixed clock:
 * Märta, who leads the Platform team, sets a team goal; she and her two
 * people set goals aligned under it, with key results; they meet weekly or
 * every other week (talking points that carry over, an action item that
 * stays until it is done, a private note, a goal discussed, moods); progress
 * comes in; in mid-quarter Märta asks which goals need attention; at the
 * end she looks at the alignment tree and at how many check-ins took place.
 *
 * Every call returns a pm_status (PM_OK is 0); on failure the session says
 * what went wrong and the program stops with a non-zero exit status.
 */
#include <perfmgmt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The quickstart's org.csv; the build passes its full path. */
#ifndef GOALS_CHECKINS_ORG_CSV
#define GOALS_CHECKINS_ORG_CSV "org.csv"
#endif

/* Stops the program when a call fails, saying what we were doing and why.
 * (A real program would clean up; the operating system does it here.) */
static void check(pm_status st, const pm_session *session, const char *doing)
{
    if (st == PM_OK)
        return;
    fprintf(stderr, "goals_checkins: %s failed: %s: %s\n", doing, pm_status_str(st),
            session ? pm_session_errmsg(session) : "");
    exit(EXIT_FAILURE);
}

static void expect(int condition, const char *what)
{
    if (!condition) {
        fprintf(stderr, "goals_checkins: expected %s\n", what);
        exit(EXIT_FAILURE);
    }
}

/* Everything the tour keeps: the store, its clock, who is who, what exists. */
typedef struct tour {
    pm_db *db;
    pm_time now; /* the store's clock reads this */
    pm_session *sys, *marta, *sofia, *oskar;
    pm_id marta_id, sofia_id, oskar_id, platform;
    pm_id team_goal, team_kr;     /* downtime: a decreasing target */
    pm_id sofia_goal, sofia_kr;   /* runbooks: a milestone */
    pm_id oskar_goal, oskar_kr;   /* failover: numeric, with a stretch level */
    pm_id sofia_series, oskar_series;
    pm_id sofia_next, oskar_next; /* the next scheduled check-in of each series */
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

/* Moves the store's clock to hour:00 UTC on date. */
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

static void name_of(pm_session *s, pm_id id, char *buf, size_t size)
{
    pm_person *p = NULL;
    check(pm_person_get(&p, s, id), s, "reading a person");
    snprintf(buf, size, "%s", pm_person_display_name(p));
    pm_person_free(p);
}

static const char *health_name(pm_health health)
{
    switch (health) {
    case PM_HEALTH_ON_TRACK:
        return "on track";
    case PM_HEALTH_AT_RISK:
        return "at risk";
    case PM_HEALTH_OFF_TRACK:
        return "off track";
    case PM_HEALTH_NONE:
    default:
        return "not tracked";
    }
}

static int percent(double share)
{
    return (int)(share * 100.0 + 0.5);
}

static pm_session *open_as(tour *t, pm_id person)
{
    pm_session *s = NULL;
    if (pm_session_open(&s, t->db, person) != PM_OK) {
        fprintf(stderr, "goals_checkins: opening a session: %s\n", pm_db_errmsg(t->db));
        exit(EXIT_FAILURE);
    }
    return s;
}

/* ---- the start of the quarter: goals ---- */

static pm_id create_goal(pm_session *s, pm_id owner, pm_id unit, pm_id parent,
                         const char *title, pm_visibility visibility)
{
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = owner;
    g.unit = unit;
    g.parent = parent;
    g.title = title;
    g.start = day(2025, 4, 1);
    g.due = day(2025, 6, 30);
    g.visibility = visibility;
    pm_id id = 0;
    check(pm_goal_create(&id, s, &g), s, "creating a goal");
    return id;
}

static void set_goals(tour *t)
{
    set_clock(t, day(2025, 4, 1), 9);
    printf("\n1 April 2025. The quarter starts.\n");

    /* A unit goal: Märta answers for it; the whole Platform unit sees it. */
    t->team_goal = create_goal(t->marta, t->marta_id, t->platform, 0,
                               "Make the platform dependable", PM_VISIBILITY_UNIT);
    pm_key_result_opts kr = PM_KEY_RESULT_OPTS_INIT;
    kr.title = "Hours of downtime a month";
    kr.baseline = 12; /* a decreasing target: lower is better */
    kr.target = 2;
    kr.unit = "hours";
    kr.has_commit = 1;
    kr.commit = 6;
    check(pm_key_result_add(&t->team_kr, t->marta, t->team_goal, &kr), t->marta,
          "adding a key result");
    printf("Märta sets the Platform team's goal \"Make the platform dependable\":\n"
           "  downtime from 12 to 2 hours a month (6 is what she commits to).\n");

    /* Sofia writes her own goal, aligned under the team's. */
    t->sofia_goal = create_goal(t->sofia, t->sofia_id, 0, t->team_goal,
                                "Every service has a runbook", PM_VISIBILITY_UNIT);
    pm_key_result_opts ms = PM_KEY_RESULT_OPTS_INIT;
    ms.title = "Runbooks published for all 14 services";
    ms.kind = PM_KEY_RESULT_MILESTONE; /* done or not */
    check(pm_key_result_add(&t->sofia_kr, t->sofia, t->sofia_goal, &ms), t->sofia,
          "adding a milestone");
    printf("Sofia writes her goal under it: \"Every service has a runbook\", a milestone.\n");

    /* Märta writes Oskar's with him: she may, being his manager. */
    t->oskar_goal = create_goal(t->marta, t->oskar_id, 0, t->team_goal,
                                "Automatic failover for the core services", PM_VISIBILITY_UNIT);
    pm_key_result_opts fo = PM_KEY_RESULT_OPTS_INIT;
    fo.title = "Services with automatic failover";
    fo.baseline = 2;
    fo.target = 10;
    fo.has_stretch = 1;
    fo.stretch = 12;
    check(pm_key_result_add(&t->oskar_kr, t->marta, t->oskar_goal, &fo), t->marta,
          "adding a key result");
    printf("Märta and Oskar write his: failover for 10 services, up from 2 (12 would be a"
           " stretch).\n");

    /* Goals start as drafts; activating them starts the tracking. */
    check(pm_goal_set_state(t->marta, t->team_goal, PM_GOAL_ACTIVE), t->marta, "activating");
    check(pm_goal_set_state(t->sofia, t->sofia_goal, PM_GOAL_ACTIVE), t->sofia, "activating");
    check(pm_goal_set_state(t->marta, t->oskar_goal, PM_GOAL_ACTIVE), t->marta, "activating");
    printf("All three goals are activated.\n");
}

/* ---- check-ins ---- */

/* The first scheduled check-in of a new series. */
static pm_id first_checkin(pm_session *s, pm_id series)
{
    pm_checkin_iter *it = NULL;
    check(pm_checkin_list(&it, s, series), s, "listing check-ins");
    pm_checkin *c = NULL;
    pm_status st = pm_checkin_iter_next(&c, it);
    pm_id id = st == PM_OK ? pm_checkin_id(c) : 0;
    pm_checkin_iter_free(it);
    check(st, s, "reading the first check-in");
    return id;
}

static void start_series(tour *t)
{
    pm_checkin_series_opts o = PM_CHECKIN_SERIES_OPTS_INIT;
    o.manager = t->marta_id;
    o.report = t->sofia_id;
    o.start = day(2025, 4, 7); /* weekly, on Mondays */
    check(pm_checkin_series_create(&t->sofia_series, t->marta, &o), t->marta,
          "starting a series");
    o.report = t->oskar_id;
    o.interval = 2; /* every other Tuesday */
    o.start = day(2025, 4, 8);
    check(pm_checkin_series_create(&t->oskar_series, t->marta, &o), t->marta,
          "starting a series");
    t->sofia_next = first_checkin(t->marta, t->sofia_series);
    t->oskar_next = first_checkin(t->marta, t->oskar_series);
    printf("Märta sets up one-to-ones: weekly with Sofia from 7 April,"
           " every other week with Oskar from 8 April.\n");
}

static pm_id add_entry(pm_session *s, pm_id checkin, pm_entry_kind kind, const char *text)
{
    pm_checkin_entry_opts e = PM_CHECKIN_ENTRY_OPTS_INIT;
    e.kind = kind;
    e.text = text;
    pm_id id = 0;
    check(pm_checkin_entry_add(&id, s, checkin, &e), s, "adding to a check-in");
    return id;
}

static const char *entry_kind_name(pm_entry_kind kind)
{
    switch (kind) {
    case PM_ENTRY_TALKING_POINT:
        return "talking point";
    case PM_ENTRY_NOTE:
        return "note";
    case PM_ENTRY_ACTION_ITEM:
        return "action item";
    case PM_ENTRY_GOAL:
        return "goal discussed";
    default:
        return "entry";
    }
}

/* Prints what a check-in shows to the session's person; returns how many. */
static int show_entries(pm_session *s, pm_id checkin, const char *who, int print)
{
    pm_checkin_entry_iter *it = NULL;
    check(pm_checkin_entry_list(&it, s, checkin), s, "listing a check-in");
    if (print)
        printf("  What %s sees on it:\n", who);
    pm_checkin_entry *e = NULL;
    pm_status st;
    int count = 0;
    while ((st = pm_checkin_entry_iter_next(&e, it)) == PM_OK) {
        count++;
        if (!print)
            continue;
        pm_entry_kind kind = pm_checkin_entry_kind(e);
        printf("    - %s", entry_kind_name(kind));
        if (kind == PM_ENTRY_GOAL)
            printf(": progress %d%%, %s when discussed",
                   percent(pm_checkin_entry_goal_progress(e)),
                   health_name((pm_health)pm_checkin_entry_goal_health(e)));
        else
            printf(": \"%s\"", pm_checkin_entry_text(e));
        if (pm_checkin_entry_is_private(e))
            printf(" (private)");
        if (pm_checkin_entry_origin(e) != pm_checkin_entry_checkin(e))
            printf(" (carried over from an earlier check-in)");
        if (kind == PM_ENTRY_ACTION_ITEM)
            printf(pm_checkin_entry_done(e) ? " (done)" : " (open)");
        printf("\n");
    }
    pm_checkin_entry_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, s, "reading a check-in");
    return count;
}

/* Holds the check-in and moves on to the next one the cadence schedules. */
static void hold(pm_session *s, pm_id *next, int mood)
{
    pm_id following = 0;
    check(pm_checkin_hold(&following, s, *next, mood), s, "holding a check-in");
    *next = following;
}

static void record_progress(pm_session *s, pm_id goal, pm_id kr, double value, int confidence,
                            const char *comment, const char *told)
{
    printf("\n%s (confidence %d of 10): \"%s\"\n", told, confidence, comment);
    pm_progress_opts p = PM_PROGRESS_OPTS_INIT;
    p.value = value;
    p.confidence = confidence;
    p.comment = comment;
    check(pm_progress_add(NULL, s, goal, kr, &p), s, "recording progress");
}

/* The first check-in with Sofia, in detail. */
static void first_week(tour *t)
{
    pm_id c = t->sofia_next;
    printf("\nMonday 7 April: Märta and Sofia's first check-in.\n");
    pm_id rota = add_entry(t->sofia, c, PM_ENTRY_TALKING_POINT, "Pairing on the on-call rota");
    add_entry(t->sofia, c, PM_ENTRY_TALKING_POINT, "Budget for a conference in June");
    add_entry(t->marta, c, PM_ENTRY_NOTE, "Agreed: Sofia pairs with Oskar on call in May.");

    pm_checkin_entry_opts priv = PM_CHECKIN_ENTRY_OPTS_INIT;
    priv.kind = PM_ENTRY_NOTE;
    priv.text = "Sofia sounds stretched; ask about her workload next time.";
    priv.is_private = 1;
    check(pm_checkin_entry_add(NULL, t->marta, c, &priv), t->marta, "adding a private note");

    pm_checkin_entry_opts action = PM_CHECKIN_ENTRY_OPTS_INIT;
    action.kind = PM_ENTRY_ACTION_ITEM;
    action.text = "Draft the runbook template";
    action.owner = t->sofia_id;
    action.due = day(2025, 4, 18);
    check(pm_checkin_entry_add(NULL, t->marta, c, &action), t->marta, "adding an action item");

    pm_checkin_entry_opts goal = PM_CHECKIN_ENTRY_OPTS_INIT;
    goal.kind = PM_ENTRY_GOAL;
    goal.goal = t->sofia_goal; /* keeps a snapshot of its standing today */
    check(pm_checkin_entry_add(NULL, t->sofia, c, &goal), t->sofia, "discussing a goal");

    check(pm_checkin_entry_set_done(t->sofia, rota, 1), t->sofia, "marking a point discussed");
    printf("They talk about the on-call rota; the conference budget has to wait.\n");
    int marta_sees = show_entries(t->marta, c, "Märta", 1);
    int sofia_sees = show_entries(t->sofia, c, "Sofia", 0);
    printf("  Sofia sees %d entries, Märta %d: the private note is Märta's alone.\n",
           sofia_sees, marta_sees);
    expect(marta_sees == sofia_sees + 1, "the private note to be hidden from Sofia");
    hold(t->marta, &t->sofia_next, 4);
    printf("  Held; Sofia's mood: 4 of 5.\n");
}

static void second_week(tour *t)
{
    printf("\nMonday 14 April: the second check-in with Sofia. Before they start:\n");
    show_entries(t->sofia, t->sofia_next, "Sofia", 1);
    printf("  The undiscussed talking point moved here, and the open action item stays"
           " until it is done.\n");
}

/* Marks the open action items the person sees on a check-in done. */
static void finish_action_items(pm_session *s, pm_id checkin)
{
    pm_checkin_entry_iter *it = NULL;
    check(pm_checkin_entry_list(&it, s, checkin), s, "listing a check-in");
    pm_checkin_entry *e = NULL;
    pm_status st;
    while ((st = pm_checkin_entry_iter_next(&e, it)) == PM_OK)
        if (pm_checkin_entry_kind(e) == PM_ENTRY_ACTION_ITEM && !pm_checkin_entry_done(e))
            check(pm_checkin_entry_set_done(s, pm_checkin_entry_id(e), 1), s,
                  "marking an action item done");
    pm_checkin_entry_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, s, "reading a check-in");
}

/* Marks every shared talking point on a check-in discussed. */
static void discuss_all(pm_session *s, pm_id checkin)
{
    pm_checkin_entry_iter *it = NULL;
    check(pm_checkin_entry_list(&it, s, checkin), s, "listing a check-in");
    pm_checkin_entry *e = NULL;
    pm_status st;
    while ((st = pm_checkin_entry_iter_next(&e, it)) == PM_OK)
        if (pm_checkin_entry_kind(e) == PM_ENTRY_TALKING_POINT && !pm_checkin_entry_done(e))
            check(pm_checkin_entry_set_done(s, pm_checkin_entry_id(e), 1), s,
                  "marking a point discussed");
    pm_checkin_entry_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, s, "reading a check-in");
}

/* ---- the middle of the quarter ---- */

static void show_attention(tour *t, pm_date on)
{
    char owner[256];
    set_clock(t, on, 9);
    printf("\nThursday 15 May, half-way through. Märta asks which of her people's goals need"
           " attention:\n");
    pm_goal_iter *it = NULL;
    check(pm_goal_list_attention(&it, t->marta, t->marta_id, on, NULL), t->marta,
          "listing goals needing attention");
    pm_goal *g = NULL;
    pm_status st;
    int count = 0;
    while ((st = pm_goal_iter_next(&g, it)) == PM_OK) {
        pm_goal_status gs = PM_GOAL_STATUS_INIT;
        check(pm_goal_evaluate(&gs, t->marta, pm_goal_id(g), on, NULL), t->marta,
              "evaluating a goal");
        name_of(t->marta, pm_goal_owner(g), owner, sizeof owner);
        printf("  %s's \"%s\": %d%% done where %d%% was expected by now, %s%s.\n", owner,
               pm_goal_title(g), percent(gs.progress), percent(gs.expected),
               health_name(gs.health), gs.stale ? ", and not updated lately" : "");
        count++;
    }
    pm_goal_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, t->marta, "reading goals");
    if (count == 0)
        printf("  None: everything is on track.\n");
    expect(count == 2, "two goals needing attention in mid-quarter");
}

/* ---- the weeks of the quarter ---- */

static void live_the_quarter(tour *t)
{
    static const int sofia_moods[13] = { 4, 3, 4, 4, 3, 0, 4, 5, 4, 3, 4, 5, 5 };
    pm_date monday = day(2025, 4, 7);
    for (int week = 0; week < 13; week++, monday += 7) {
        pm_date tuesday = monday + 1;
        set_clock(t, monday, 10);
        if (week == 0) {
            first_week(t);
        } else if (week == 5) {
            /* Märta is away: the check-in is called off and another one set. */
            check(pm_checkin_set_state(t->marta, t->sofia_next, PM_CHECKIN_CANCELLED), t->marta,
                  "cancelling a check-in");
            check(pm_checkin_schedule(&t->sofia_next, t->marta, t->sofia_series, monday + 7),
                  t->marta, "scheduling a check-in");
            printf("\nMonday 12 May: Märta is away; the check-in with Sofia is called off and set for\n"
                   "the Monday after.\n");
        } else {
            if (week == 1)
                second_week(t);
            if (week == 2)
                finish_action_items(t->sofia, t->sofia_next);
            discuss_all(t->sofia, t->sofia_next);
            hold(t->marta, &t->sofia_next, sofia_moods[week]);
        }

        /* Progress, as it comes in. */
        if (week == 2)
            record_progress(t->marta, t->team_goal, t->team_kr, 10, 6,
                            "Two outages in April, both short.",
                            "Monday 21 April: Märta records 10 hours of downtime");
        if (week == 3)
            record_progress(t->oskar, t->oskar_goal, t->oskar_kr, 4, 5,
                            "Queue and cache fail over now.",
                            "Monday 28 April: Oskar records 4 services with failover");
        if (week == 7) {
            record_progress(t->sofia, t->sofia_goal, t->sofia_kr, 1, 9,
                            "All 14 runbooks are in the wiki.",
                            "Monday 26 May: Sofia marks her milestone done");
            record_progress(t->marta, t->team_goal, t->team_kr, 6, 7, "Commit level reached.",
                           "Monday 26 May: Märta records 6 hours of downtime");
        }
        if (week == 8)
            record_progress(t->oskar, t->oskar_goal, t->oskar_kr, 7, 6, "Databases done.",
                           "Monday 2 June: Oskar records 7 services");
        if (week == 11) {
            record_progress(t->oskar, t->oskar_goal, t->oskar_kr, 9, 8, "One to go.",
                           "Monday 23 June: Oskar records 9 services");
            record_progress(t->marta, t->team_goal, t->team_kr, 3, 8, "A quiet June.",
                           "Monday 23 June: Märta records 3 hours of downtime");
        }

        /* Oskar every other Tuesday (the last one falls in July); one is missed. */
        if (week % 2 == 0 && week < 12) {
            set_clock(t, tuesday, 14);
            if (week == 6) {
                check(pm_checkin_set_state(t->marta, t->oskar_next, PM_CHECKIN_MISSED),
                      t->marta, "marking a check-in missed");
                check(pm_checkin_schedule(&t->oskar_next, t->marta, t->oskar_series,
                                          tuesday + 14),
                      t->marta, "scheduling a check-in");
                printf("\nTuesday 20 May: Oskar's check-in does not happen (it counts as missed).\n");
            } else {
                if (week == 4) {
                    pm_checkin_entry_opts goal = PM_CHECKIN_ENTRY_OPTS_INIT;
                    goal.kind = PM_ENTRY_GOAL;
                    goal.goal = t->oskar_goal;
                    check(pm_checkin_entry_add(NULL, t->oskar, t->oskar_next, &goal), t->oskar,
                          "discussing a goal");
                    printf("\nTuesday 6 May: Oskar brings his failover goal to the check-in;\n");
                    show_entries(t->oskar, t->oskar_next, "Oskar", 1);
                }
                hold(t->oskar, &t->oskar_next, week == 4 ? 3 : 4);
            }
        }

        if (week == 5) /* Thursday 15 May */
            show_attention(t, monday + 3);
    }
}

/* ---- the end of the quarter ---- */

static void print_goal_line(tour *t, const pm_goal *g, int depth, pm_date on)
{
    char owner[256];
    pm_goal_status gs = PM_GOAL_STATUS_INIT;
    check(pm_goal_evaluate(&gs, t->marta, pm_goal_id(g), on, NULL), t->marta,
          "evaluating a goal");
    name_of(t->marta, pm_goal_owner(g), owner, sizeof owner);
    printf("  %*s%s (%s): %d%%, %s\n", depth * 4, "", pm_goal_title(g), owner,
           percent(gs.progress), health_name(gs.health));

    pm_key_result_iter *it = NULL;
    check(pm_key_result_list(&it, t->marta, pm_goal_id(g)), t->marta, "listing key results");
    pm_key_result *kr = NULL;
    pm_status st;
    while ((st = pm_key_result_iter_next(&kr, it)) == PM_OK) {
        if (pm_key_result_kind_get(kr) == PM_KEY_RESULT_MILESTONE)
            printf("  %*s  key result \"%s\": %s\n", depth * 4, "", pm_key_result_title(kr),
                   pm_key_result_current(kr) >= 1 ? "done" : "not done");
        else
            printf("  %*s  key result \"%s\": %g%s%s (from %g, target %g), %d%%\n", depth * 4,
                   "", pm_key_result_title(kr), pm_key_result_current(kr),
                   *pm_key_result_unit(kr) ? " " : "", pm_key_result_unit(kr),
                   pm_key_result_baseline(kr), pm_key_result_target(kr),
                   percent(pm_key_result_progress(kr)));
    }
    pm_key_result_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, t->marta, "reading key results");
}

static void show_tree(tour *t, pm_date on)
{
    printf("\nMonday 30 June, the end of the quarter. The team goal and the goals aligned under it:\n");
    pm_goal *root = NULL;
    check(pm_goal_get(&root, t->marta, t->team_goal), t->marta, "reading the team goal");
    print_goal_line(t, root, 0, on);
    pm_goal_free(root);

    pm_goal_iter *it = NULL;
    check(pm_goal_tree(&it, t->marta, t->team_goal, 0), t->marta, "listing the goal tree");
    pm_goal *g = NULL;
    pm_status st;
    int children = 0;
    while ((st = pm_goal_iter_next(&g, it)) == PM_OK) {
        print_goal_line(t, g, pm_goal_iter_depth(it), on);
        children++;
    }
    pm_goal_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, t->marta, "reading the goal tree");
    expect(children == 2, "two goals under the team goal");
}

static void show_checkin_figures(tour *t, pm_date from, pm_date to)
{
    pm_checkin_rate rate = PM_CHECKIN_RATE_INIT;
    check(pm_checkin_rate_manager(&rate, t->marta, t->marta_id, from, to), t->marta,
          "computing the completion rate");
    printf("\nMärta's one-to-ones this quarter: %d of %d due were held (%d%%);"
           " the one she called off does not count as due.\n",
           rate.held, rate.due, percent(rate.rate));

    int moods = 0, sum = 0;
    pm_checkin_iter *it = NULL;
    check(pm_checkin_list(&it, t->sofia, t->sofia_series), t->sofia, "listing check-ins");
    pm_checkin *c = NULL;
    pm_status st;
    while ((st = pm_checkin_iter_next(&c, it)) == PM_OK)
        if (pm_checkin_state_get(c) == PM_CHECKIN_HELD && pm_checkin_mood(c) != PM_MOOD_NONE) {
            moods++;
            sum += pm_checkin_mood(c);
        }
    pm_checkin_iter_free(it);
    if (st != PM_ITEROVER)
        check(st, t->sofia, "reading check-ins");
    if (moods > 0)
        printf("Sofia gave her mood at %d check-ins, %.1f of 5 on average.\n", moods,
               (double)sum / moods);

    int days = 0;
    check(pm_checkin_days_since(&days, t->marta, t->oskar_id, to), t->marta,
          "asking about the last check-in");
    printf("On 30 June, Oskar's last check-in was %d days before.\n", days);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PATH.db [org.csv]\n", argv[0]);
        return 2;
    }
    const char *csv_path = argc == 3 ? argv[2] : GOALS_CHECKINS_ORG_CSV;

    char uri[4096];
    snprintf(uri, sizeof uri, "sqlite:%s", argv[1]);
    tour t;
    memset(&t, 0, sizeof t);
    char *err = NULL;
    if (pm_db_open(&t.db, &err, uri, NULL) != PM_OK) {
        fprintf(stderr, "goals_checkins: cannot open %s: %s\n", argv[1],
                err ? err : "out of memory");
        pm_free(err);
        return EXIT_FAILURE;
    }
    /* A fixed clock: "today" is whatever the tour says it is. */
    set_clock(&t, day(2025, 3, 31), 12);
    check(pm_db_set_clock(t.db, read_clock, &t.now), NULL, "setting the clock");
    printf("perfmgmt %s, store %s\n\n", pm_version(NULL, NULL, NULL), argv[1]);

    check(pm_session_open_system(&t.sys, t.db), NULL, "opening a system session");
    pm_import_opts io = PM_IMPORT_OPTS_INIT;
    io.date = day(2025, 1, 1);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    check(pm_import_csv_file(t.sys, csv_path, &io, &stats), t.sys, "importing the CSV");
    printf("Imported %s: %zu people in %zu units.\n", csv_path, stats.rows, stats.units_created);

    t.marta_id = find_person(t.sys, "N005");
    t.sofia_id = find_person(t.sys, "N007");
    t.oskar_id = find_person(t.sys, "N008");
    check(pm_unit_find(&t.platform, t.sys, "Nordlys/Engineering/Platform"), t.sys,
          "finding a unit");
    t.marta = open_as(&t, t.marta_id);
    t.sofia = open_as(&t, t.sofia_id);
    t.oskar = open_as(&t, t.oskar_id);
    printf("Märta Åsander leads Platform; Sofia Häggström and Oskar Lundén report to her.\n");

    set_goals(&t);
    start_series(&t);
    live_the_quarter(&t);
    set_clock(&t, day(2025, 6, 30), 17);
    show_tree(&t, day(2025, 6, 30));
    show_checkin_figures(&t, day(2025, 4, 1), day(2025, 6, 30));

    pm_session_free(t.oskar);
    pm_session_free(t.sofia);
    pm_session_free(t.marta);
    pm_session_free(t.sys);
    pm_db_close(t.db);
    printf("\nDone. The goals and check-ins are plain SQLite tables in %s\n", argv[1]);
    return EXIT_SUCCESS;
}
