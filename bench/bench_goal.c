/*
 * bench_goal: what perfmgmt's goal API costs over raw SQLite doing the same
 * work, measured in one run on the same machine.
 *
 * Both sides write to a file in a fresh temporary directory, with the
 * settings the SQLite backend uses (WAL, synchronous=NORMAL, 64 MiB cache,
 * foreign keys, temp_store=MEMORY). The raw side creates the person, unit,
 * membership, reporting_line, goal, key_result and progress tables with the
 * columns, types and indexes src/core/schema.c declares (as
 * src/storage/sqlite_schema.c lays them out), uses prepared statements and
 * gets its rows ready-made; the perfmgmt side goes through the public API
 * only (validation, access checks, audit fields, snapshots).
 *
 *   setup  an organisation of N people (default 100 000) with reporting
 *          lines: perfmgmt imports it with pm_import_csv(), the raw side
 *          inserts the same units, people, memberships and reporting lines
 *          in one transaction. Timed, but not compared.
 *   (a)    G goals with one key result each, created in one transaction
 *          (pm_goal_create + pm_key_result_add; raw: two INSERTs);
 *          then the same goals activated in one transaction
 *          (pm_goal_set_state; raw: one UPDATE).
 *   (b)    progress updates in two rounds of one transaction each
 *          (pm_progress_add; raw: INSERT progress, UPDATE key_result.current).
 *   (a), (a') and (b) are also run against a "checked" raw side, on a
 *          second raw store built the same way (raw_checked.db): the same
 *          work as perfmgmt's, that is the reads any correct application
 *          makes before those writes, and the audit row perfmgmt writes for
 *          each change (the audit_entry table with its three indexes; this
 *          store's trail starts empty, perfmgmt's holds the import's). (a):
 *          SELECT the owner's status (not left), the INSERT and its audit
 *          row, SELECT the goal's state (a draft takes key results), the
 *          INSERT and its audit row; (a'): SELECT the goal's state and check
 *          it may move to active, the UPDATE and its audit row; (b): SELECT
 *          the goal's state (active), SELECT the key result's goal_id and
 *          kind (it belongs to the goal; the kind sets the value range), then
 *          the INSERT and the UPDATE with an audit row each. The table gives
 *          pm/sqlite against the blind writes and pm/checked against these.
 *   (c)    the goals needing attention for a manager of 50 people
 *          (5 leads with 9 reports each), each with 2 or 3 goals:
 *          pm_goal_list_attention() in the manager's own session, against
 *          raw SQLite walking the reporting_line index from the manager,
 *          reading each report's person row and goals (goal_by_owner), each
 *          active goal's key results (key_result_by_goal), their latest
 *          progress up to the day (progress_by_key_result), its child goals
 *          (goal_by_parent) and latest update (progress_by_goal), computing
 *          progress, expected progress and health in C with the same rules
 *          and sorting by owner name then due date.
 *
 * Everything happens on a fixed clock (pm_db_set_clock), the same instants
 * on both sides. Writes run once; the look-up runs LOOKUP_REPEAT times per
 * pass, the sides take turns pass by pass, and the fastest pass counts.
 *
 * Usage: bench_goal [N [G]]   N people (default 100000), G goals for (a)
 *                             (default min(10000, what N allows)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_goal.h"

#define DEFAULT_PEOPLE 100000L
#define DEFAULT_GOALS 10000L
#define MAX_PEOPLE 1000000L
#define MAX_GOALS 1000000L

#define LOOKUP_PASSES 5
#define LOOKUP_REPEAT 20

typedef struct results {
    bench_timing setup, create, activate, progress, attention;
    long attention_goals; /* goals the look-up returned */
    /* Raw only: (a') and (b) reading before writing, on a store of their own. */
    bench_timing create_checked, activate_checked, progress_checked;
} results;

/* ---- the workload ---- */

static void unit_name(char *buf, size_t size, long unit)
{
    if (unit == 0)
        snprintf(buf, size, "Org");
    else if (unit == 1)
        snprintf(buf, size, "Team");
    else
        snprintf(buf, size, "D%02ld", unit - 2);
}

/* Position of person i in the tree of everyone outside the team: person 0
 * is position 0, persons 52.. are positions 1.. */
static long outside_position(long i)
{
    return i == 0 ? 0 : i - OTHERS_FIRST + 1;
}

static long outside_person(long position)
{
    return position == 0 ? 0 : position + OTHERS_FIRST - 1;
}

static long manager_of(long i)
{
    if (i == 0)
        return -1;
    if (i == TEAM_MANAGER)
        return 0;
    if (i < TEAM_FIRST + TEAM_LEADS)
        return TEAM_MANAGER; /* a lead */
    if (i < OTHERS_FIRST)
        return TEAM_FIRST + (i - TEAM_FIRST - TEAM_LEADS) / TEAM_PER_LEAD;
    return outside_person((outside_position(i) - 1) / FANOUT);
}

static long unit_of(long i)
{
    if (i == 0)
        return 0;
    if (i < OTHERS_FIRST)
        return 1;
    return 2 + outside_position(i) % DIVISIONS;
}

static void dates_init(dates *d)
{
    d->org_day = bench_pm_date(2025, 1, 1);
    d->start = bench_pm_date(2025, 4, 1);
    d->due = bench_pm_date(2025, 6, 30);
    d->attention_day = bench_pm_date(2025, 5, 15);
    d->created_at = (pm_time)d->start * 86400 + 9 * 3600;
    d->round1_at = (pm_time)bench_pm_date(2025, 4, 20) * 86400 + 10 * 3600;
    d->round2_at = (pm_time)bench_pm_date(2025, 5, 1) * 86400 + 10 * 3600;
    pm_date_format(d->org_day_text, d->org_day);
    pm_date_format(d->start_text, d->start);
    pm_date_format(d->due_text, d->due);
    pm_date_format(d->attention_text, d->attention_day);
}

/* Share of the key result's way reached, by goal: with the quarter half
 * gone on the attention day, the first four are on track, the fifth at
 * risk, the rest off track; the last has no update at all. */
static const double reached[] = { 0.75, 0.6, 0.5, 0.35, 0.25, 0.15, 0.05, -1.0 };
#define REACHED_COUNT ((long)(sizeof reached / sizeof reached[0]))

static void make_goal(goal_row *g, long n, long owner)
{
    g->owner = owner;
    int decreasing = n % 3 == 2;
    g->baseline = decreasing ? 120.0 : 0.0;
    g->target = decreasing ? 20.0 : 100.0;
    double share = reached[n % REACHED_COUNT];
    g->updated = share >= 0;
    g->value1 = g->baseline + share / 2 * (g->target - g->baseline);
    g->value2 = g->baseline + share * (g->target - g->baseline);
    snprintf(g->title, sizeof g->title, "%s the backlog of team %ld by the end of Q2",
             decreasing ? "Shrink" : "Grow the throughput of", owner % 997);
    snprintf(g->kr_title, sizeof g->kr_title, "%s tickets, measured weekly (goal %ld)",
             decreasing ? "Open" : "Closed", n);
}

/* The organisation as bench_sqlite.h describes it to both sides. */
static void org_unit(bench_unit *out, long unit, const void *payload)
{
    (void)payload;
    unit_name(out->name, sizeof out->name, unit);
    out->parent = unit == 0 ? -1 : 0;
}

static void org_person(bench_person *out, long i, const void *payload)
{
    const person_row *row = &((const workload *)payload)->rows[i];
    *out = (bench_person){ row->external_id, row->display_name, row->name_key, row->email,
                           row->manager, row->unit, 0 };
}

static void workload_init(workload *w, long people, long goals)
{
    uint64_t seed = 0x2545F4914F6CDD1Du;
    w->people = people;
    w->rows = calloc((size_t)people, sizeof *w->rows);
    if (w->rows == NULL)
        bench_die("workload", "out of memory");
    for (long i = 0; i < people; i++) {
        person_row *row = &w->rows[i];
        bench_person_name(row->display_name, sizeof row->display_name, 0, &seed);
        snprintf(row->external_id, sizeof row->external_id, "P%07ld", i);
        bench_ascii_lower(row->name_key, row->display_name);
        snprintf(row->email, sizeof row->email, "%s@example.com", row->external_id);
        row->manager = manager_of(i);
        row->unit = unit_of(i);
    }

    /* The team's 50 people get 2 or 3 goals each, the first of everyone
     * else one each, up to G in all. */
    w->goals = goals;
    w->goal_rows = calloc((size_t)goals, sizeof *w->goal_rows);
    if (w->goal_rows == NULL)
        bench_die("workload", "out of memory");
    long n = 0;
    for (long t = 0; t < TEAM_SIZE && n < goals; t++)
        for (long k = 0; k < 2 + t % 2 && n < goals; k++, n++)
            make_goal(&w->goal_rows[n], n, TEAM_FIRST + t);
    for (long i = OTHERS_FIRST; n < goals; i++, n++)
        make_goal(&w->goal_rows[n], n, i);
    w->updates = 0;
    for (long i = 0; i < goals; i++)
        w->updates += w->goal_rows[i].updated ? 2 : 0;
    dates_init(&w->d);
    w->org = (bench_org_source){ UNIT_COUNT, people, org_unit, org_person, w, w->d.org_day_text };
}

static void workload_free(workload *w)
{
    free(w->rows);
    free(w->goal_rows);
}

/* ---- the run ---- */

static void run_benchmark(results *pm, results *raw, const workload *w)
{
    raw_db r;
    memset(&r, 0, sizeof r);
    raw_open(&r, bench_raw_path());
    bench_pm_side side = { NULL, NULL };
    bench_pm_open(&side, bench_pm_path(), &bench_clock, NULL);
    raw_db rc; /* the checked raw side */
    memset(&rc, 0, sizeof rc);
    raw_open(&rc, bench_raw_checked_path());

    int64_t *raw_people = calloc((size_t)w->people, sizeof *raw_people);
    pm_id *pm_people = calloc((size_t)w->people, sizeof *pm_people);
    int64_t *raw_goals = calloc((size_t)w->goals, sizeof *raw_goals);
    int64_t *raw_krs = calloc((size_t)w->goals, sizeof *raw_krs);
    int64_t *chk_people = calloc((size_t)w->people, sizeof *chk_people);
    int64_t *chk_goals = calloc((size_t)w->goals, sizeof *chk_goals);
    int64_t *chk_krs = calloc((size_t)w->goals, sizeof *chk_krs);
    pm_id *pm_goals = calloc((size_t)w->goals, sizeof *pm_goals);
    pm_id *pm_krs = calloc((size_t)w->goals, sizeof *pm_krs);
    if (!raw_people || !pm_people || !raw_goals || !raw_krs || !pm_goals || !pm_krs ||
        !chk_people || !chk_goals || !chk_krs)
        bench_die("ids", "out of memory");

    bench_clock = (pm_time)w->d.org_day * 86400 + 8 * 3600;
    raw->setup = bench_sqlite_build_org(r.db, &w->org, bench_clock, raw_people);
    pm->setup = lib_build_org(&side, w, pm_people);
    (void)bench_sqlite_build_org(rc.db, &w->org, bench_clock, chk_people); /* not reported */

    bench_clock = w->d.created_at;
    raw->create = raw_create_goals(&r, w, raw_people, raw_goals, raw_krs, 0);
    pm->create = lib_create_goals(&side, w, pm_people, pm_goals, pm_krs);
    raw->create_checked = raw_create_goals(&rc, w, chk_people, chk_goals, chk_krs, 1);
    raw->activate = raw_activate_goals(&r, w, raw_goals, 0);
    pm->activate = lib_activate_goals(&side, w, pm_goals);
    raw->activate_checked = raw_activate_goals(&rc, w, chk_goals, 1);

    double raw_s = 0, pm_s = 0, chk_s = 0;
    bench_clock = w->d.round1_at;
    raw_s += raw_progress_round(&r, w, raw_goals, raw_krs, 1, 0);
    pm_s += lib_progress_round(&side, w, pm_goals, pm_krs, 1);
    chk_s += raw_progress_round(&rc, w, chk_goals, chk_krs, 1, 1);
    bench_clock = w->d.round2_at;
    raw_s += raw_progress_round(&r, w, raw_goals, raw_krs, 2, 0);
    pm_s += lib_progress_round(&side, w, pm_goals, pm_krs, 2);
    chk_s += raw_progress_round(&rc, w, chk_goals, chk_krs, 2, 1);
    raw->progress = (bench_timing){ raw_s, w->updates };
    pm->progress = (bench_timing){ pm_s, w->updates };
    raw->progress_checked = (bench_timing){ chk_s, w->updates };
    bench_sqlite_close(rc.db); /* the look-up (c) uses only the first raw store */

    /* The look-up, in the manager's own session, a day after the asked day. */
    bench_clock = ((pm_time)w->d.attention_day + 1) * 86400 + 9 * 3600;
    pm_session *as_manager = bench_pm_session(&side, pm_people[TEAM_MANAGER]);
    raw_list list;
    memset(&list, 0, sizeof list);
    for (int pass = 0; pass < LOOKUP_PASSES; pass++) {
        double t0 = bench_now_seconds();
        for (int k = 0; k < LOOKUP_REPEAT; k++)
            raw->attention_goals = (long)raw_attention(&r, &list, raw_people[TEAM_MANAGER], &w->d);
        bench_timing t = { bench_now_seconds() - t0, LOOKUP_REPEAT };
        raw->attention = pass == 0 ? t : bench_faster(raw->attention, t);

        t0 = bench_now_seconds();
        for (int k = 0; k < LOOKUP_REPEAT; k++)
            pm->attention_goals = (long)lib_attention(as_manager, pm_people[TEAM_MANAGER], &w->d);
        t = (bench_timing){ bench_now_seconds() - t0, LOOKUP_REPEAT };
        pm->attention = pass == 0 ? t : bench_faster(pm->attention, t);
    }
    raw_list_clear(&list);
    free(list.goals);
    free(list.reports);
    pm_session_free(as_manager);

    free(raw_people);
    free(pm_people);
    free(raw_goals);
    free(raw_krs);
    free(chk_people);
    free(chk_goals);
    free(chk_krs);
    free(pm_goals);
    free(pm_krs);
    bench_pm_close(&side);
    bench_sqlite_close(r.db);
}

/* ---- the report ---- */

/* checked: the checked raw side's timing, or ops 0 for none ("-"). */
static void print_row(const char *operation, bench_timing pm, bench_timing raw,
                      bench_timing checked)
{
    printf("%-50s %14.0f %14.0f", operation, bench_ops_per_second(pm),
           bench_ops_per_second(raw));
    if (checked.ops > 0)
        printf(" %14.0f", bench_ops_per_second(checked));
    else
        printf(" %14s", "-");
    printf(" %9.2f", raw.seconds > 0 ? pm.seconds / raw.seconds : 0.0);
    if (checked.ops > 0)
        printf(" %10.2f\n", checked.seconds > 0 ? pm.seconds / checked.seconds : 0.0);
    else
        printf(" %10s\n", "-");
}

static void print_report(const workload *w, const results *pm, const results *raw)
{
    char label[96];
    long team_goals = 0;
    for (long i = 0; i < w->goals; i++)
        team_goals += w->goal_rows[i].owner < OTHERS_FIRST;
    printf("\nbench_goal: %ld people, %ld goals (%ld of them the manager's %ld people's),"
           " SQLite %s, perfmgmt %s\n\n",
           w->people, w->goals, team_goals, TEAM_SIZE, sqlite3_libversion(),
           pm_version(NULL, NULL, NULL));
    bench_print_setup(w->people, pm->setup.seconds, raw->setup.seconds);

    const bench_timing none = { 0.0, 0 };
    printf("%-50s %14s %14s %14s %9s %10s\n", "operation", "perfmgmt op/s", "sqlite op/s",
           "checked op/s", "pm/sqlite", "pm/checked");
    snprintf(label, sizeof label, "(a) create goal + key result, %ld in one tx", w->goals);
    print_row(label, pm->create, raw->create, raw->create_checked);
    snprintf(label, sizeof label, "(a') activate goal, %ld in one tx", w->goals);
    print_row(label, pm->activate, raw->activate, raw->activate_checked);
    snprintf(label, sizeof label, "(b) progress update, %ld in two tx", w->updates);
    print_row(label, pm->progress, raw->progress, raw->progress_checked);
    snprintf(label, sizeof label, "(c) goals needing attention, %ld-person team", TEAM_SIZE);
    print_row(label, pm->attention, raw->attention, none);

    printf("\n(c) returned %ld goals (perfmgmt) and %ld (sqlite)%s; %.3f ms vs %.3f ms a look-up\n",
           pm->attention_goals, raw->attention_goals,
           pm->attention_goals == raw->attention_goals ? "" : "  << THE SIDES DISAGREE",
           pm->attention.seconds * 1e3 / (double)pm->attention.ops,
           raw->attention.seconds * 1e3 / (double)raw->attention.ops);
    printf("target: pm/sqlite within 1.25 for batched writes and look-ups\n");
    printf("sqlite: blind writes (no reads); checked: sqlite reading first what perfmgmt"
           " checks\n  ((a) the owner, the goal's state; (a') the goal's state; (b) the goal's"
           " state, the key result's goal\n  and kind) and writing the audit row perfmgmt"
           " writes for each change\n");
    printf("look-up: fastest of %d passes of %d; writes: one pass\n", LOOKUP_PASSES,
           LOOKUP_REPEAT);
    bench_print_peak_rss();
}

/* ---- main ---- */

int main(int argc, char **argv)
{
    bench_start("bench_goal"); /* names the messages; the directory goes at any exit */
    static const bench_arg args[] = {
        { "N", "people", MIN_PEOPLE, MAX_PEOPLE, DEFAULT_PEOPLE },
        { "G", "goals", 1, MAX_GOALS, DEFAULT_GOALS },
    };
    long n[2];
    bench_parse_args(n, argc, argv, args, 2);
    long people = n[0];
    /* The team has 125 goals; everyone else outside it at most one. */
    long most_goals = 125 + (people - OTHERS_FIRST);
    long goals = argc == 3 ? n[1] : (n[1] < most_goals ? n[1] : most_goals);
    if (goals > most_goals) {
        fprintf(stderr, "bench_goal: %ld people allow at most %ld goals\n", people, most_goals);
        return 2;
    }

    workload w;
    workload_init(&w, people, goals);
    results raw, pm;
    memset(&raw, 0, sizeof raw);
    memset(&pm, 0, sizeof pm);
    run_benchmark(&pm, &raw, &w);
    print_report(&w, &pm, &raw);
    workload_free(&w);
    return 0;
}
