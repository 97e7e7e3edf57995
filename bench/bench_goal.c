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
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "perfmgmt.h"

#include "bench_sqlite.h"

#define DEFAULT_PEOPLE 100000L
#define DEFAULT_GOALS 10000L
#define MAX_PEOPLE 1000000L
#define MAX_GOALS 1000000L

/* The manager's part of the organisation: person 1, with TEAM_LEADS leads
 * (persons 2..6) who have TEAM_PER_LEAD reports each (persons 7..51). */
#define TEAM_MANAGER 1L
#define TEAM_LEADS 5L
#define TEAM_PER_LEAD 9L
#define TEAM_SIZE (TEAM_LEADS + TEAM_LEADS * TEAM_PER_LEAD) /* 50 */
#define TEAM_FIRST 2L
#define OTHERS_FIRST (TEAM_FIRST + TEAM_SIZE) /* 52: the rest of the organisation */
#define MIN_PEOPLE (OTHERS_FIRST + 1)
#define FANOUT 10L      /* reports per manager in the rest of the organisation */
#define DIVISIONS 20L   /* units under the top one, besides the team's */

#define LOOKUP_PASSES 5
#define LOOKUP_REPEAT 20

#define TEXT_MAX 96

typedef struct person_row {
    char external_id[24];
    char display_name[TEXT_MAX];
    char name_key[TEXT_MAX];
    char email[TEXT_MAX];
    long manager; /* index of the manager, -1 for none */
    long unit;    /* index into the unit list */
} person_row;

/* One goal of the workload, with one key result and its updates. */
typedef struct goal_row {
    long owner; /* person index */
    char title[TEXT_MAX];
    char kr_title[TEXT_MAX];
    double baseline, target;
    int updated;        /* 0: no progress update at all (it goes stale) */
    double value1, value2; /* the two rounds of (b) */
} goal_row;

typedef struct results {
    bench_timing setup, create, activate, progress, attention;
    long attention_goals; /* goals the look-up returned */
} results;

typedef struct dates {
    pm_date org_day, start, due, attention_day;
    pm_time created_at, round1_at, round2_at;
    char org_day_text[PM_DATE_BUFSIZE], start_text[PM_DATE_BUFSIZE], due_text[PM_DATE_BUFSIZE],
        attention_text[PM_DATE_BUFSIZE];
} dates;

typedef struct workload {
    long people;
    person_row *rows;
    long goals;
    goal_row *goal_rows;
    long updates; /* progress updates in (b), both rounds */
    dates d;
} workload;

/* The fixed clock both sides read. */
static pm_time bench_clock;

static pm_time fixed_clock(void *payload)
{
    return *(const pm_time *)payload;
}

/* ---- the workload ---- */

static const char *const first_names[] = {
    "Anna", "Erik", "Åsa", "Lars", "Maria", "Björn", "Karin", "Örjan", "Sofia", "Johan",
    "Ängla", "Per", "Eva", "Mikael", "Linnéa", "Nils", "Ida", "Göran", "Sara", "Jonas",
};
static const char *const last_names[] = {
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Lindström", "Åberg", "Öberg", "Söderström",
    "Bäckström", "Lundqvist", "Hällström", "Ekström", "Berg", "Strand",
};

/* Units: 0 "Org", 1 "Org/Team", 2.. "Org/D00".. */
#define UNIT_COUNT (2 + DIVISIONS)

static void unit_name(char *buf, size_t size, long unit)
{
    if (unit == 0)
        snprintf(buf, size, "Org");
    else if (unit == 1)
        snprintf(buf, size, "Team");
    else
        snprintf(buf, size, "D%02ld", unit - 2);
}

static void ascii_lower(char *dst, const char *src)
{
    for (; *src; src++, dst++)
        *dst = (*src >= 'A' && *src <= 'Z') ? (char)(*src - 'A' + 'a') : *src;
    *dst = '\0';
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

static pm_date date_of(int y, int m, int d)
{
    pm_date out = 0;
    if (pm_date_from_ymd(&out, y, m, d) != PM_OK)
        bench_die("date", "invalid");
    return out;
}

static void dates_init(dates *d)
{
    d->org_day = date_of(2025, 1, 1);
    d->start = date_of(2025, 4, 1);
    d->due = date_of(2025, 6, 30);
    d->attention_day = date_of(2025, 5, 15);
    d->created_at = (pm_time)d->start * 86400 + 9 * 3600;
    d->round1_at = (pm_time)date_of(2025, 4, 20) * 86400 + 10 * 3600;
    d->round2_at = (pm_time)date_of(2025, 5, 1) * 86400 + 10 * 3600;
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

static void workload_init(workload *w, long people, long goals)
{
    uint64_t seed = 0x2545F4914F6CDD1Du;
    w->people = people;
    w->rows = calloc((size_t)people, sizeof *w->rows);
    if (w->rows == NULL)
        bench_die("workload", "out of memory");
    for (long i = 0; i < people; i++) {
        person_row *row = &w->rows[i];
        const char *first =
            first_names[bench_next_random(&seed) % (sizeof first_names / sizeof first_names[0])];
        const char *last =
            last_names[bench_next_random(&seed) % (sizeof last_names / sizeof last_names[0])];
        snprintf(row->external_id, sizeof row->external_id, "P%07ld", i);
        snprintf(row->display_name, sizeof row->display_name, "%s %s", first, last);
        ascii_lower(row->name_key, row->display_name);
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
}

static void workload_free(workload *w)
{
    free(w->rows);
    free(w->goal_rows);
}

/* ---- raw SQLite ---- */

typedef struct raw_db {
    sqlite3 *db;
    sqlite3_stmt *begin, *commit;
    sqlite3_stmt *ins_unit, *ins_person, *ins_membership, *ins_line;
    sqlite3_stmt *ins_goal, *ins_kr, *activate, *ins_progress, *set_current;
    sqlite3_stmt *reports, *person, *goals_of, *krs_of, *kr_latest, *children_of,
        *goal_latest, *manual_latest;
} raw_db;

#define AUDIT ", created_at INTEGER NOT NULL, created_by INTEGER NOT NULL," \
              " updated_at INTEGER NOT NULL, updated_by INTEGER NOT NULL)"

static const char raw_setup[] =
    BENCH_SQLITE_PRAGMAS
    "CREATE TABLE person (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " external_id TEXT NOT NULL, display_name TEXT NOT NULL, name_key TEXT NOT NULL,"
    " email TEXT, status INTEGER NOT NULL, left_on TEXT, hr_admin INTEGER NOT NULL" AUDIT ";"
    "CREATE UNIQUE INDEX person_by_external_id ON person (external_id);"
    "CREATE INDEX person_by_name_key ON person (name_key);"
    "CREATE TABLE unit (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL, name_key TEXT NOT NULL, parent_id INTEGER NOT NULL" AUDIT ";"
    "CREATE UNIQUE INDEX unit_by_parent_name ON unit (parent_id, name_key);"
    "CREATE TABLE membership (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " person_id INTEGER NOT NULL, unit_id INTEGER NOT NULL, start_on TEXT NOT NULL,"
    " end_on TEXT" AUDIT ";"
    "CREATE INDEX membership_by_person ON membership (person_id, start_on);"
    "CREATE INDEX membership_by_unit ON membership (unit_id, start_on);"
    "CREATE TABLE reporting_line (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " person_id INTEGER NOT NULL, manager_id INTEGER NOT NULL, start_on TEXT NOT NULL,"
    " end_on TEXT" AUDIT ";"
    "CREATE INDEX reporting_by_person ON reporting_line (person_id, start_on);"
    "CREATE INDEX reporting_by_manager ON reporting_line (manager_id, start_on);"
    "CREATE TABLE goal (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " owner_id INTEGER NOT NULL, unit_id INTEGER NOT NULL, title TEXT NOT NULL,"
    " description TEXT, kind INTEGER NOT NULL, state INTEGER NOT NULL,"
    " start_on TEXT NOT NULL, due_on TEXT NOT NULL, weight REAL NOT NULL,"
    " visibility INTEGER NOT NULL, parent_id INTEGER NOT NULL,"
    " source_checkin_id INTEGER NOT NULL" AUDIT ";"
    "CREATE INDEX goal_by_owner ON goal (owner_id, due_on);"
    "CREATE INDEX goal_by_unit ON goal (unit_id, due_on);"
    "CREATE INDEX goal_by_parent ON goal (parent_id, due_on);"
    "CREATE TABLE key_result (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " goal_id INTEGER NOT NULL, title TEXT NOT NULL, kind INTEGER NOT NULL,"
    " baseline REAL NOT NULL, target REAL NOT NULL, current REAL NOT NULL, unit TEXT,"
    " weight REAL NOT NULL, commit_level REAL, stretch_level REAL" AUDIT ";"
    "CREATE INDEX key_result_by_goal ON key_result (goal_id);"
    "CREATE TABLE progress (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " goal_id INTEGER NOT NULL, key_result_id INTEGER NOT NULL, value REAL NOT NULL,"
    " confidence INTEGER, comment TEXT" AUDIT ";"
    "CREATE INDEX progress_by_goal ON progress (goal_id, created_at);"
    "CREATE INDEX progress_by_key_result ON progress (key_result_id, created_at);";

#define GOAL_COLUMNS "id, owner_id, unit_id, title, description, kind, state, start_on," \
                     " due_on, weight, visibility, parent_id, source_checkin_id," \
                     " created_at, created_by, updated_at, updated_by"

static void raw_open(raw_db *r, const char *path)
{
    r->db = bench_sqlite_open(path, raw_setup);
    r->begin = bench_sqlite_prepare(r->db, "BEGIN");
    r->commit = bench_sqlite_prepare(r->db, "COMMIT");
    r->ins_unit = bench_sqlite_prepare(r->db,
        "INSERT INTO unit (name, name_key, parent_id, created_at, created_by, updated_at,"
        " updated_by) VALUES (?, ?, ?, ?, 0, ?, 0)");
    r->ins_person = bench_sqlite_prepare(r->db,
        "INSERT INTO person (external_id, display_name, name_key, email, status, left_on,"
        " hr_admin, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, 1, NULL, 0, ?, 0, ?, 0)");
    r->ins_membership = bench_sqlite_prepare(r->db,
        "INSERT INTO membership (person_id, unit_id, start_on, end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, 0, ?, 0)");
    r->ins_line = bench_sqlite_prepare(r->db,
        "INSERT INTO reporting_line (person_id, manager_id, start_on, end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, 0, ?, 0)");
    r->ins_goal = bench_sqlite_prepare(r->db,
        "INSERT INTO goal (owner_id, unit_id, title, description, kind, state, start_on,"
        " due_on, weight, visibility, parent_id, source_checkin_id, created_at, created_by,"
        " updated_at, updated_by) VALUES (?, 0, ?, NULL, 1, 1, ?, ?, 1.0, 1, 0, 0, ?, 0, ?, 0)");
    r->ins_kr = bench_sqlite_prepare(r->db,
        "INSERT INTO key_result (goal_id, title, kind, baseline, target, current, unit, weight,"
        " commit_level, stretch_level, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, 1, ?, ?, ?, '%', 1.0, NULL, NULL, ?, 0, ?, 0)");
    r->activate = bench_sqlite_prepare(r->db,
        "UPDATE goal SET state = 2, updated_at = ?, updated_by = 0 WHERE id = ?");
    r->ins_progress = bench_sqlite_prepare(r->db,
        "INSERT INTO progress (goal_id, key_result_id, value, confidence, comment, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, 7, 'Weekly update', ?, 0, ?, 0)");
    r->set_current = bench_sqlite_prepare(r->db,
        "UPDATE key_result SET current = ?, updated_at = ?, updated_by = 0 WHERE id = ?");
    r->reports = bench_sqlite_prepare(r->db,
        "SELECT person_id FROM reporting_line WHERE manager_id = ? AND start_on <= ?"
        " AND (end_on IS NULL OR end_on > ?)");
    r->person = bench_sqlite_prepare(r->db,
        "SELECT id, external_id, display_name, name_key, email, status, left_on, hr_admin,"
        " created_at, created_by, updated_at, updated_by FROM person WHERE id = ?");
    r->goals_of = bench_sqlite_prepare(r->db,
        "SELECT " GOAL_COLUMNS " FROM goal WHERE owner_id = ? ORDER BY due_on");
    r->krs_of = bench_sqlite_prepare(r->db,
        "SELECT id, kind, baseline, target, current, weight FROM key_result WHERE goal_id = ?"
        " ORDER BY id");
    r->kr_latest = bench_sqlite_prepare(r->db,
        "SELECT value FROM progress WHERE key_result_id = ? AND created_at < ?"
        " ORDER BY created_at DESC, id DESC LIMIT 1");
    r->children_of = bench_sqlite_prepare(r->db,
        "SELECT id, state, weight, start_on, due_on FROM goal WHERE parent_id = ?"
        " ORDER BY due_on");
    r->goal_latest = bench_sqlite_prepare(r->db,
        "SELECT created_at FROM progress WHERE goal_id = ? AND created_at < ?"
        " ORDER BY created_at DESC, id DESC LIMIT 1");
    r->manual_latest = bench_sqlite_prepare(r->db,
        "SELECT value FROM progress WHERE goal_id = ? AND key_result_id = 0 AND created_at < ?"
        " ORDER BY created_at DESC, id DESC LIMIT 1");
}

static void raw_close(raw_db *r)
{
    sqlite3_stmt *all[] = { r->begin, r->commit, r->ins_unit, r->ins_person, r->ins_membership,
                            r->ins_line, r->ins_goal, r->ins_kr, r->activate, r->ins_progress,
                            r->set_current, r->reports, r->person, r->goals_of, r->krs_of,
                            r->kr_latest, r->children_of, r->goal_latest, r->manual_latest };
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        sqlite3_finalize(all[i]);
    sqlite3_close(r->db);
}

static bench_timing raw_build_org(raw_db *r, const workload *w, int64_t *person_ids)
{
    const dates *d = &w->d;
    int64_t unit_ids[UNIT_COUNT];
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long u = 0; u < UNIT_COUNT; u++) {
        char name[32];
        unit_name(name, sizeof name, u);
        sqlite3_bind_text(r->ins_unit, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(r->ins_unit, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(r->ins_unit, 3, u == 0 ? 0 : unit_ids[0]);
        sqlite3_bind_int64(r->ins_unit, 4, bench_clock);
        sqlite3_bind_int64(r->ins_unit, 5, bench_clock);
        bench_sqlite_run(r->db, r->ins_unit, "raw insert unit");
        unit_ids[u] = sqlite3_last_insert_rowid(r->db);
    }
    for (long i = 0; i < w->people; i++) {
        const person_row *row = &w->rows[i];
        sqlite3_bind_text(r->ins_person, 1, row->external_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(r->ins_person, 2, row->display_name, -1, SQLITE_STATIC);
        sqlite3_bind_text(r->ins_person, 3, row->name_key, -1, SQLITE_STATIC);
        sqlite3_bind_text(r->ins_person, 4, row->email, -1, SQLITE_STATIC);
        sqlite3_bind_int64(r->ins_person, 5, bench_clock);
        sqlite3_bind_int64(r->ins_person, 6, bench_clock);
        bench_sqlite_run(r->db, r->ins_person, "raw insert person");
        person_ids[i] = sqlite3_last_insert_rowid(r->db);

        sqlite3_bind_int64(r->ins_membership, 1, person_ids[i]);
        sqlite3_bind_int64(r->ins_membership, 2, unit_ids[row->unit]);
        sqlite3_bind_text(r->ins_membership, 3, d->org_day_text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(r->ins_membership, 4, bench_clock);
        sqlite3_bind_int64(r->ins_membership, 5, bench_clock);
        bench_sqlite_run(r->db, r->ins_membership, "raw insert membership");

        if (row->manager >= 0) { /* managers come before their reports */
            sqlite3_bind_int64(r->ins_line, 1, person_ids[i]);
            sqlite3_bind_int64(r->ins_line, 2, person_ids[row->manager]);
            sqlite3_bind_text(r->ins_line, 3, d->org_day_text, -1, SQLITE_STATIC);
            sqlite3_bind_int64(r->ins_line, 4, bench_clock);
            sqlite3_bind_int64(r->ins_line, 5, bench_clock);
            bench_sqlite_run(r->db, r->ins_line, "raw insert reporting line");
        }
    }
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

static bench_timing raw_create_goals(raw_db *r, const workload *w, const int64_t *person_ids,
                               int64_t *goal_ids, int64_t *kr_ids)
{
    const dates *d = &w->d;
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        sqlite3_bind_int64(r->ins_goal, 1, person_ids[g->owner]);
        sqlite3_bind_text(r->ins_goal, 2, g->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(r->ins_goal, 3, d->start_text, -1, SQLITE_STATIC);
        sqlite3_bind_text(r->ins_goal, 4, d->due_text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(r->ins_goal, 5, bench_clock);
        sqlite3_bind_int64(r->ins_goal, 6, bench_clock);
        bench_sqlite_run(r->db, r->ins_goal, "raw insert goal");
        goal_ids[i] = sqlite3_last_insert_rowid(r->db);

        sqlite3_bind_int64(r->ins_kr, 1, goal_ids[i]);
        sqlite3_bind_text(r->ins_kr, 2, g->kr_title, -1, SQLITE_STATIC);
        sqlite3_bind_double(r->ins_kr, 3, g->baseline);
        sqlite3_bind_double(r->ins_kr, 4, g->target);
        sqlite3_bind_double(r->ins_kr, 5, g->baseline);
        sqlite3_bind_int64(r->ins_kr, 6, bench_clock);
        sqlite3_bind_int64(r->ins_kr, 7, bench_clock);
        bench_sqlite_run(r->db, r->ins_kr, "raw insert key result");
        kr_ids[i] = sqlite3_last_insert_rowid(r->db);
    }
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

static bench_timing raw_activate_goals(raw_db *r, const workload *w, const int64_t *goal_ids)
{
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long i = 0; i < w->goals; i++) {
        sqlite3_bind_int64(r->activate, 1, bench_clock);
        sqlite3_bind_int64(r->activate, 2, goal_ids[i]);
        bench_sqlite_run(r->db, r->activate, "raw activate goal");
    }
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

static double raw_progress_round(raw_db *r, const workload *w, const int64_t *goal_ids,
                                 const int64_t *kr_ids, int round)
{
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        if (!g->updated)
            continue;
        double value = round == 1 ? g->value1 : g->value2;
        sqlite3_bind_int64(r->ins_progress, 1, goal_ids[i]);
        sqlite3_bind_int64(r->ins_progress, 2, kr_ids[i]);
        sqlite3_bind_double(r->ins_progress, 3, value);
        sqlite3_bind_int64(r->ins_progress, 4, bench_clock);
        sqlite3_bind_int64(r->ins_progress, 5, bench_clock);
        bench_sqlite_run(r->db, r->ins_progress, "raw insert progress");
        sqlite3_bind_double(r->set_current, 1, value);
        sqlite3_bind_int64(r->set_current, 2, bench_clock);
        sqlite3_bind_int64(r->set_current, 3, kr_ids[i]);
        bench_sqlite_run(r->db, r->set_current, "raw update key result");
    }
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return bench_now_seconds() - t0;
}

/* -- the raw attention look-up -- */

/* What a caller gets back for each goal: the whole row, as a snapshot. */
typedef struct raw_goal {
    int64_t id, owner, unit, parent, source_checkin;
    char *title, *description;
    int kind, state, visibility;
    pm_date start, due;
    double weight;
    int64_t audit[4];
    const char *owner_key; /* borrowed from the report list */
    double progress, expected;
    pm_health health;
} raw_goal;

typedef struct raw_report {
    int64_t id;
    char name_key[TEXT_MAX];
    char display_name[TEXT_MAX];
} raw_report;

typedef struct raw_list {
    raw_goal *goals;
    size_t count, cap;
    raw_report *reports;
    size_t nreports, reports_cap;
} raw_list;

static char *copy_text(const unsigned char *text)
{
    if (text == NULL)
        return NULL;
    size_t n = strlen((const char *)text) + 1;
    char *out = malloc(n);
    if (out == NULL)
        bench_die("copy", "out of memory");
    memcpy(out, text, n);
    return out;
}

static pm_date column_date(sqlite3_stmt *stmt, int col)
{
    pm_date out = PM_DATE_NONE;
    const unsigned char *text = sqlite3_column_text(stmt, col);
    if (text == NULL || pm_date_parse(&out, (const char *)text) != PM_OK)
        bench_die("raw", "a stored date does not parse");
    return out;
}

/* The rules of include/perfmgmt/goal.h, as an application would write them. */
static double kr_progress(double baseline, double target, double current)
{
    if (target == baseline)
        return 0.0;
    double p = (current - baseline) / (target - baseline);
    return p < 0 ? 0 : p > 1 ? 1 : p;
}

static double expected_progress(pm_date start, pm_date due, pm_date on)
{
    if (on < start)
        return 0.0;
    if (on >= due)
        return 1.0;
    return (double)(on - start + 1) / (double)(due - start + 1);
}

static pm_health health_of(double actual, double expected)
{
    double shortfall = expected - actual;
    return shortfall <= 0.165 ? PM_HEALTH_ON_TRACK
           : shortfall <= 0.33 ? PM_HEALTH_AT_RISK
                               : PM_HEALTH_OFF_TRACK;
}

static double raw_goal_progress(raw_db *r, int64_t goal, pm_time before, int depth);

static double raw_latest_value(raw_db *r, sqlite3_stmt *stmt, int64_t key, pm_time before,
                               double otherwise)
{
    sqlite3_bind_int64(stmt, 1, key);
    sqlite3_bind_int64(stmt, 2, before);
    int rc = sqlite3_step(stmt);
    bench_sqlite_check(r->db, rc, "raw latest progress");
    double value = rc == SQLITE_ROW ? sqlite3_column_double(stmt, 0) : otherwise;
    sqlite3_reset(stmt);
    return value;
}

/* Weighted progress of a goal as of `before`: its key results (their
 * latest value up to then) and its child goals. */
static double raw_goal_progress(raw_db *r, int64_t goal, pm_time before, int depth)
{
    typedef struct part { int64_t id; double a, b, weight; int kind; } part;
    part parts[16];
    size_t nkr = 0, nchild = 0;
    double sum = 0, weights = 0, plain = 0;

    sqlite3_stmt *krs = r->krs_of;
    sqlite3_bind_int64(krs, 1, goal);
    int rc;
    while ((rc = sqlite3_step(krs)) == SQLITE_ROW && nkr < 16) {
        parts[nkr].id = sqlite3_column_int64(krs, 0);
        parts[nkr].kind = sqlite3_column_int(krs, 1);
        parts[nkr].a = sqlite3_column_double(krs, 2);
        parts[nkr].b = sqlite3_column_double(krs, 3);
        parts[nkr].weight = sqlite3_column_double(krs, 5);
        nkr++;
    }
    bench_sqlite_check(r->db, rc, "raw key results");
    sqlite3_reset(krs);
    for (size_t i = 0; i < nkr; i++) {
        double current = raw_latest_value(r, r->kr_latest, parts[i].id, before, parts[i].a);
        double p = kr_progress(parts[i].a, parts[i].b, current);
        sum += p * parts[i].weight;
        weights += parts[i].weight;
        plain += p;
    }

    if (depth < 32) {
        int64_t children[16];
        double child_weight[16];
        sqlite3_stmt *ch = r->children_of;
        sqlite3_bind_int64(ch, 1, goal);
        while ((rc = sqlite3_step(ch)) == SQLITE_ROW && nchild < 16) {
            int state = sqlite3_column_int(ch, 1);
            if (state == PM_GOAL_ARCHIVED || state == PM_GOAL_CANCELLED)
                continue;
            children[nchild] = sqlite3_column_int64(ch, 0);
            child_weight[nchild] = sqlite3_column_double(ch, 2);
            nchild++;
        }
        bench_sqlite_check(r->db, rc, "raw child goals");
        sqlite3_reset(ch);
        for (size_t i = 0; i < nchild; i++) {
            double p = raw_goal_progress(r, children[i], before, depth + 1);
            sum += p * child_weight[i];
            weights += child_weight[i];
            plain += p;
        }
    }

    size_t parts_count = nkr + nchild;
    if (parts_count == 0) /* manual progress */
        return raw_latest_value(r, r->manual_latest, goal, before, 0.0);
    return weights > 0 ? sum / weights : plain / (double)parts_count;
}

static void raw_add_report(raw_list *list, int64_t id)
{
    if (list->nreports == list->reports_cap) {
        size_t cap = list->reports_cap ? list->reports_cap * 2 : 64;
        raw_report *grown = realloc(list->reports, cap * sizeof *grown);
        if (grown == NULL)
            bench_die("raw reports", "out of memory");
        list->reports = grown;
        list->reports_cap = cap;
    }
    list->reports[list->nreports++].id = id;
}

static raw_goal *raw_add_goal(raw_list *list)
{
    if (list->count == list->cap) {
        size_t cap = list->cap ? list->cap * 2 : 64;
        raw_goal *grown = realloc(list->goals, cap * sizeof *grown);
        if (grown == NULL)
            bench_die("raw goals", "out of memory");
        list->goals = grown;
        list->cap = cap;
    }
    return &list->goals[list->count++];
}

static int compare_raw_goals(const void *pa, const void *pb)
{
    const raw_goal *a = pa, *b = pb;
    int c = strcmp(a->owner_key, b->owner_key);
    if (c != 0)
        return c;
    if (a->due != b->due)
        return a->due < b->due ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

static void raw_list_clear(raw_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->goals[i].title);
        free(list->goals[i].description);
    }
    list->count = 0;
    list->nreports = 0;
}

static size_t raw_attention(raw_db *r, raw_list *list, int64_t manager, const dates *d)
{
    pm_date on = d->attention_day;
    pm_time before = ((pm_time)on + 1) * 86400; /* the end of the day */
    raw_list_clear(list);

    /* Direct and indirect reports on the day, through reporting_by_manager. */
    raw_add_report(list, manager);
    for (size_t next = 0; next < list->nreports; next++) {
        sqlite3_stmt *st = r->reports;
        sqlite3_bind_int64(st, 1, list->reports[next].id);
        sqlite3_bind_text(st, 2, d->attention_text, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, d->attention_text, -1, SQLITE_STATIC);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            raw_add_report(list, sqlite3_column_int64(st, 0));
        bench_sqlite_check(r->db, rc, "raw reports");
        sqlite3_reset(st);
    }

    for (size_t i = 1; i < list->nreports; i++) { /* 0 is the manager */
        raw_report *rep = &list->reports[i];
        sqlite3_bind_int64(r->person, 1, rep->id);
        int rc = sqlite3_step(r->person);
        if (rc != SQLITE_ROW)
            bench_die("raw person", rc == SQLITE_DONE ? "not found" : sqlite3_errmsg(r->db));
        snprintf(rep->display_name, sizeof rep->display_name, "%s",
                 (const char *)sqlite3_column_text(r->person, 2));
        snprintf(rep->name_key, sizeof rep->name_key, "%s",
                 (const char *)sqlite3_column_text(r->person, 3));
        sqlite3_reset(r->person);

        sqlite3_stmt *gs = r->goals_of;
        sqlite3_bind_int64(gs, 1, rep->id);
        size_t first = list->count;
        while ((rc = sqlite3_step(gs)) == SQLITE_ROW) {
            if (sqlite3_column_int64(gs, 2) != 0 || sqlite3_column_int(gs, 6) != PM_GOAL_ACTIVE)
                continue; /* unit goals and goals that are not active */
            raw_goal *g = raw_add_goal(list);
            g->id = sqlite3_column_int64(gs, 0);
            g->owner = sqlite3_column_int64(gs, 1);
            g->unit = sqlite3_column_int64(gs, 2);
            g->title = copy_text(sqlite3_column_text(gs, 3));
            g->description = copy_text(sqlite3_column_text(gs, 4));
            g->kind = sqlite3_column_int(gs, 5);
            g->state = sqlite3_column_int(gs, 6);
            g->start = column_date(gs, 7);
            g->due = column_date(gs, 8);
            g->weight = sqlite3_column_double(gs, 9);
            g->visibility = sqlite3_column_int(gs, 10);
            g->parent = sqlite3_column_int64(gs, 11);
            g->source_checkin = sqlite3_column_int64(gs, 12);
            for (int a = 0; a < 4; a++)
                g->audit[a] = sqlite3_column_int64(gs, 13 + a);
            g->owner_key = rep->name_key;
        }
        bench_sqlite_check(r->db, rc, "raw goals of a person");
        sqlite3_reset(gs);

        /* Evaluate; keep those at risk, off track or overdue. */
        size_t kept = first;
        for (size_t k = first; k < list->count; k++) {
            raw_goal *g = &list->goals[k];
            g->progress = raw_goal_progress(r, g->id, before, 0);
            g->expected = expected_progress(g->start, g->due, on);
            g->health = health_of(g->progress, g->expected);
            pm_time last = (pm_time)raw_latest_value(r, r->goal_latest, g->id, before, -1.0);
            bench_sink += (size_t)(last > 0); /* the staleness the status reports */
            int overdue = on > g->due;
            if (g->health == PM_HEALTH_ON_TRACK && !overdue) {
                free(g->title);
                free(g->description);
                continue;
            }
            list->goals[kept++] = *g;
        }
        list->count = kept;
    }
    /* reports[] no longer grows, so the borrowed owner keys stay valid. */
    qsort(list->goals, list->count, sizeof *list->goals, compare_raw_goals);
    size_t sum = 0;
    for (size_t i = 0; i < list->count; i++)
        sum += strlen(list->goals[i].title) + (size_t)list->goals[i].id;
    bench_sink += sum;
    return list->count;
}

/* ---- perfmgmt ---- */

static void pm_check(pm_session *s, pm_status st, const char *what)
{
    if (st != PM_OK) {
        fprintf(stderr, "bench_goal: %s: %s (%s)\n", what, s ? pm_session_errmsg(s) : "",
                pm_status_str(st));
        exit(1);
    }
}

typedef struct pm_side {
    pm_db *db;
    pm_session *session; /* the system actor */
} pm_side;

static void pm_side_open(pm_side *side, const char *path)
{
    char uri[BENCH_PATH_SIZE + 16];
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    char *errmsg = NULL;
    if (pm_db_open(&side->db, &errmsg, uri, NULL) != PM_OK)
        bench_die("pm_db_open", errmsg);
    if (pm_db_set_clock(side->db, fixed_clock, &bench_clock) != PM_OK)
        bench_die("pm_db_set_clock", pm_db_errmsg(side->db));
    if (pm_session_open_system(&side->session, side->db) != PM_OK)
        bench_die("pm_session_open_system", pm_db_errmsg(side->db));
}

static void pm_side_close(pm_side *side)
{
    pm_session_free(side->session);
    pm_db_close(side->db);
}

/* The organisation as the CSV an HRIS export would give. */
static char *org_csv(const workload *w, size_t *len)
{
    size_t cap = (size_t)w->people * 160 + 128, used = 0;
    char *csv = malloc(cap);
    if (csv == NULL)
        bench_die("csv", "out of memory");
    used += (size_t)snprintf(csv, cap,
                             "external_id,name,email,manager_external_id,unit_path,hr_admin\n");
    for (long i = 0; i < w->people; i++) {
        const person_row *row = &w->rows[i];
        char unit[32];
        unit_name(unit, sizeof unit, row->unit);
        int n = snprintf(csv + used, cap - used, "%s,%s,%s,%s,%s%s,no\n", row->external_id,
                         row->display_name, row->email,
                         row->manager >= 0 ? w->rows[row->manager].external_id : "",
                         row->unit == 0 ? "" : "Org/", unit);
        if (n < 0 || (size_t)n >= cap - used)
            bench_die("csv", "buffer too small");
        used += (size_t)n;
    }
    *len = used;
    return csv;
}

static pm_id pm_lookup_id(pm_session *s, const char *external_id)
{
    pm_person *p = NULL;
    pm_check(s, pm_person_lookup(&p, s, external_id), "pm_person_lookup");
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

static bench_timing pm_build_org(pm_side *side, const workload *w, pm_id *person_ids)
{
    size_t len = 0;
    char *csv = org_csv(w, &len);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = w->d.org_day;
    double t0 = bench_now_seconds();
    pm_check(side->session, pm_import_csv(side->session, csv, len, &opts, NULL), "pm_import_csv");
    double seconds = bench_now_seconds() - t0;
    free(csv);
    /* Ids of the people the bench needs: the manager and the goal owners. */
    person_ids[TEAM_MANAGER] = pm_lookup_id(side->session, w->rows[TEAM_MANAGER].external_id);
    for (long i = 0; i < w->goals; i++) {
        long owner = w->goal_rows[i].owner;
        if (person_ids[owner] == 0)
            person_ids[owner] = pm_lookup_id(side->session, w->rows[owner].external_id);
    }
    return (bench_timing){ seconds, w->people };
}

static bench_timing pm_create_goals(pm_side *side, const workload *w, const pm_id *person_ids,
                              pm_id *goal_ids, pm_id *kr_ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        pm_goal_opts go = PM_GOAL_OPTS_INIT;
        go.owner = person_ids[g->owner];
        go.title = g->title;
        go.start = w->d.start;
        go.due = w->d.due;
        pm_check(s, pm_goal_create(&goal_ids[i], s, &go), "pm_goal_create");
        pm_key_result_opts ko = PM_KEY_RESULT_OPTS_INIT;
        ko.title = g->kr_title;
        ko.baseline = g->baseline;
        ko.target = g->target;
        ko.unit = "%";
        pm_check(s, pm_key_result_add(&kr_ids[i], s, goal_ids[i], &ko), "pm_key_result_add");
    }
    pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

static bench_timing pm_activate_goals(pm_side *side, const workload *w, const pm_id *goal_ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++)
        pm_check(s, pm_goal_set_state(s, goal_ids[i], PM_GOAL_ACTIVE), "pm_goal_set_state");
    pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

static double pm_progress_round(pm_side *side, const workload *w, const pm_id *goal_ids,
                                const pm_id *kr_ids, int round)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        if (!g->updated)
            continue;
        pm_progress_opts po = PM_PROGRESS_OPTS_INIT;
        po.value = round == 1 ? g->value1 : g->value2;
        po.confidence = 7;
        po.comment = "Weekly update";
        pm_check(s, pm_progress_add(NULL, s, goal_ids[i], kr_ids[i], &po), "pm_progress_add");
    }
    pm_check(s, pm_session_commit(s), "pm_session_commit");
    return bench_now_seconds() - t0;
}

static size_t pm_attention(pm_session *as_manager, pm_id manager, const dates *d)
{
    pm_goal_iter *it = NULL;
    pm_check(as_manager,
             pm_goal_list_attention(&it, as_manager, manager, d->attention_day, NULL),
             "pm_goal_list_attention");
    pm_goal *g = NULL;
    pm_status st;
    size_t count = 0, sum = 0;
    while ((st = pm_goal_iter_next(&g, it)) == PM_OK) {
        sum += strlen(pm_goal_title(g)) + (size_t)pm_goal_id(g);
        count++;
    }
    pm_goal_iter_free(it);
    if (st != PM_ITEROVER)
        pm_check(as_manager, st, "pm_goal_iter_next");
    bench_sink += sum;
    return count;
}

/* ---- the run ---- */

static void run_benchmark(results *pm, results *raw, const workload *w)
{
    raw_db r;
    memset(&r, 0, sizeof r);
    raw_open(&r, bench_raw_path());
    pm_side side = { NULL, NULL };
    pm_side_open(&side, bench_pm_path());

    int64_t *raw_people = calloc((size_t)w->people, sizeof *raw_people);
    pm_id *pm_people = calloc((size_t)w->people, sizeof *pm_people);
    int64_t *raw_goals = calloc((size_t)w->goals, sizeof *raw_goals);
    int64_t *raw_krs = calloc((size_t)w->goals, sizeof *raw_krs);
    pm_id *pm_goals = calloc((size_t)w->goals, sizeof *pm_goals);
    pm_id *pm_krs = calloc((size_t)w->goals, sizeof *pm_krs);
    if (!raw_people || !pm_people || !raw_goals || !raw_krs || !pm_goals || !pm_krs)
        bench_die("ids", "out of memory");

    bench_clock = (pm_time)w->d.org_day * 86400 + 8 * 3600;
    raw->setup = raw_build_org(&r, w, raw_people);
    pm->setup = pm_build_org(&side, w, pm_people);

    bench_clock = w->d.created_at;
    raw->create = raw_create_goals(&r, w, raw_people, raw_goals, raw_krs);
    pm->create = pm_create_goals(&side, w, pm_people, pm_goals, pm_krs);
    raw->activate = raw_activate_goals(&r, w, raw_goals);
    pm->activate = pm_activate_goals(&side, w, pm_goals);

    double raw_s = 0, pm_s = 0;
    bench_clock = w->d.round1_at;
    raw_s += raw_progress_round(&r, w, raw_goals, raw_krs, 1);
    pm_s += pm_progress_round(&side, w, pm_goals, pm_krs, 1);
    bench_clock = w->d.round2_at;
    raw_s += raw_progress_round(&r, w, raw_goals, raw_krs, 2);
    pm_s += pm_progress_round(&side, w, pm_goals, pm_krs, 2);
    raw->progress = (bench_timing){ raw_s, w->updates };
    pm->progress = (bench_timing){ pm_s, w->updates };

    /* The look-up, in the manager's own session, a day after the asked day. */
    bench_clock = ((pm_time)w->d.attention_day + 1) * 86400 + 9 * 3600;
    pm_session *as_manager = NULL;
    if (pm_session_open(&as_manager, side.db, pm_people[TEAM_MANAGER]) != PM_OK)
        bench_die("pm_session_open", pm_db_errmsg(side.db));
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
            pm->attention_goals = (long)pm_attention(as_manager, pm_people[TEAM_MANAGER], &w->d);
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
    free(pm_goals);
    free(pm_krs);
    pm_side_close(&side);
    raw_close(&r);
}

/* ---- the report ---- */

static void print_row(const char *operation, bench_timing pm, bench_timing raw)
{
    printf("%-50s %14.0f %14.0f %9.2f\n", operation, bench_ops_per_second(pm),
           bench_ops_per_second(raw),
           raw.seconds > 0 ? pm.seconds / raw.seconds : 0.0);
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
    printf("setup, not compared: the organisation (%ld people, reporting lines, units)\n",
           w->people);
    printf("  perfmgmt pm_import_csv   %8.2f s\n", pm->setup.seconds);
    printf("  sqlite   INSERTs         %8.2f s\n\n", raw->setup.seconds);

    printf("%-50s %14s %14s %9s\n", "operation", "perfmgmt op/s", "sqlite op/s", "pm/sqlite");
    snprintf(label, sizeof label, "(a) create goal + key result, %ld in one tx", w->goals);
    print_row(label, pm->create, raw->create);
    snprintf(label, sizeof label, "(a') activate goal, %ld in one tx", w->goals);
    print_row(label, pm->activate, raw->activate);
    snprintf(label, sizeof label, "(b) progress update, %ld in two tx", w->updates);
    print_row(label, pm->progress, raw->progress);
    snprintf(label, sizeof label, "(c) goals needing attention, %ld-person team", TEAM_SIZE);
    print_row(label, pm->attention, raw->attention);

    printf("\n(c) returned %ld goals (perfmgmt) and %ld (sqlite)%s; %.3f ms vs %.3f ms a look-up\n",
           pm->attention_goals, raw->attention_goals,
           pm->attention_goals == raw->attention_goals ? "" : "  << THE SIDES DISAGREE",
           pm->attention.seconds * 1e3 / (double)pm->attention.ops,
           raw->attention.seconds * 1e3 / (double)raw->attention.ops);
    printf("target: pm/sqlite within 1.25 for batched writes and look-ups\n");
    printf("look-up: fastest of %d passes of %d; writes: one pass\n", LOOKUP_PASSES,
           LOOKUP_REPEAT);
    printf("peak RSS of the whole run (both sides, one process): %.1f MiB\n",
           (double)bench_peak_rss_kib() / 1024.0);
}

/* ---- main ---- */

static long parse_count(const char *arg, long min, long max, const char *what)
{
    char *end = NULL;
    errno = 0;
    long n = strtol(arg, &end, 10);
    if (errno != 0 || end == arg || *end != '\0' || n < min || n > max) {
        fprintf(stderr, "usage: bench_goal [N [G]]   (N people, %ld to %ld, default %ld;"
                        " G goals, 1 to %ld, default %ld)\nbench_goal: bad %s '%s'\n",
                MIN_PEOPLE, MAX_PEOPLE, DEFAULT_PEOPLE, MAX_GOALS, DEFAULT_GOALS, what, arg);
        exit(2);
    }
    return n;
}

int main(int argc, char **argv)
{
    if (argc > 3)
        parse_count("", 1, 0, "arguments"); /* prints the usage */
    long people = argc >= 2 ? parse_count(argv[1], MIN_PEOPLE, MAX_PEOPLE, "N") : DEFAULT_PEOPLE;
    /* The team has 125 goals; everyone else outside it at most one. */
    long most_goals = 125 + (people - OTHERS_FIRST);
    long goals = argc == 3 ? parse_count(argv[2], 1, MAX_GOALS, "G")
                           : (DEFAULT_GOALS < most_goals ? DEFAULT_GOALS : most_goals);
    if (goals > most_goals) {
        fprintf(stderr, "bench_goal: %ld people allow at most %ld goals\n", people, most_goals);
        return 2;
    }

    bench_start("bench_goal");

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
