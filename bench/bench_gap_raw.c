/*
 * bench_gap's raw SQLite side: the tables src/core/schema.c declares for the
 * organisation and the competency framework, the same rows, and the unit
 * gap summary as one SQL query (see bench_gap.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_gap.h"

/* The organisation's tables (bench_sqlite.h), then the framework's (two
 * strings: C11 promises no more than 4095 bytes in one). */
static const char org_setup[] = BENCH_SQLITE_PRAGMAS BENCH_SQLITE_ORG_TABLES;
static const char framework_setup[] =
    "CREATE TABLE scale (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL, name_key TEXT NOT NULL, min_level INTEGER NOT NULL,"
    " max_level INTEGER NOT NULL" BENCH_SQLITE_AUDIT ";"
    "CREATE UNIQUE INDEX scale_by_name_key ON scale (name_key);"
    "CREATE TABLE scale_level (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " scale_id INTEGER NOT NULL, level INTEGER NOT NULL, name TEXT NOT NULL,"
    " description TEXT" BENCH_SQLITE_AUDIT ";"
    "CREATE UNIQUE INDEX scale_level_by_scale ON scale_level (scale_id, level);"
    "CREATE TABLE competency (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL, name_key TEXT NOT NULL, category TEXT NOT NULL,"
    " category_key TEXT NOT NULL, description TEXT, scale_id INTEGER NOT NULL"
    BENCH_SQLITE_AUDIT ";"
    "CREATE UNIQUE INDEX competency_by_category_name ON competency (category_key, name_key);"
    "CREATE TABLE role (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL, name_key TEXT NOT NULL, description TEXT" BENCH_SQLITE_AUDIT ";"
    "CREATE UNIQUE INDEX role_by_name_key ON role (name_key);"
    "CREATE TABLE role_requirement (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " role_id INTEGER NOT NULL, competency_id INTEGER NOT NULL, level INTEGER NOT NULL"
    BENCH_SQLITE_AUDIT ";"
    "CREATE UNIQUE INDEX role_requirement_by_role ON role_requirement (role_id, competency_id);"
    "CREATE TABLE role_assignment (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " person_id INTEGER NOT NULL, role_id INTEGER NOT NULL, start_on TEXT NOT NULL,"
    " end_on TEXT" BENCH_SQLITE_AUDIT ";"
    "CREATE INDEX role_assignment_by_person ON role_assignment (person_id, start_on);"
    "CREATE INDEX role_assignment_by_role ON role_assignment (role_id, start_on);"
    "CREATE TABLE assessment (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " person_id INTEGER NOT NULL, competency_id INTEGER NOT NULL, level INTEGER NOT NULL,"
    " source INTEGER NOT NULL, assessor_id INTEGER NOT NULL, assessed_on TEXT NOT NULL,"
    " round_id INTEGER NOT NULL, released INTEGER NOT NULL, note TEXT" BENCH_SQLITE_AUDIT ";"
    "CREATE INDEX assessment_by_person ON assessment (person_id, competency_id, assessed_on);"
    "CREATE INDEX assessment_by_round ON assessment (round_id);";

/* Who counts on each day (?1 today, ?2 the compare day): members of the
 * unit (?3) and the units below it then; their role that day (a stretch
 * whose end_on is its last day); its requirements. Role assignments and
 * memberships of a person never overlap, so each person has one role a day;
 * DISTINCT keeps a person in two units of the subtree once. */
#define NEEDS_CTE \
    "WITH RECURSIVE" \
    " units(id) AS (SELECT ?3 UNION SELECT u.id FROM unit u JOIN units ON u.parent_id = units.id)," \
    " days(which, d) AS (VALUES (0, ?1), (1, ?2))," \
    " people(which, d, person_id) AS (SELECT DISTINCT days.which, days.d, m.person_id" \
    "   FROM days JOIN membership m" \
    "   WHERE m.unit_id IN (SELECT id FROM units) AND m.start_on <= days.d" \
    "   AND (m.end_on IS NULL OR m.end_on > days.d))," \
    " needs(which, d, person_id, competency_id, required) AS (" \
    "   SELECT p.which, p.d, p.person_id, q.competency_id, q.level FROM people p" \
    "   JOIN role_assignment a ON a.person_id = p.person_id AND a.start_on <= p.d" \
    "     AND (a.end_on IS NULL OR a.end_on >= p.d)" \
    "   JOIN role_requirement q ON q.role_id = a.role_id)"

/* The level: the latest released assessment up to the day, manager first,
 * then self, then 360; NULL when none. */
#define SOURCE_ORDER "CASE a.source WHEN 2 THEN 0 WHEN 1 THEN 1 ELSE 2 END"

/* Per competency and day: people, assessed, below, and the shortfall sum
 * over those assessed. The level CTEs are MATERIALIZED: inlined, SQLite
 * would run the latest-assessment look-up once for each use of level. */
#define AGGREGATE \
    " SELECT competency_id, which, COUNT(*), COUNT(level), TOTAL(level < required)," \
    "  TOTAL(CASE WHEN level < required THEN required - level ELSE 0 END)" \
    " FROM levels GROUP BY competency_id, which ORDER BY competency_id, which"

/* The latest released assessment of one source up to the day: the index
 * (person_id, competency_id, assessed_on), rowid last, gives it without a
 * sort. */
#define LATEST(source) \
    "(SELECT a.level FROM assessment a WHERE a.person_id = n.person_id" \
    " AND a.competency_id = n.competency_id AND a.assessed_on <= n.d AND a.released = 1" \
    " AND a.source = " source " ORDER BY a.assessed_on DESC, a.id DESC LIMIT 1)"

static const char by_subquery_sql[] =
    NEEDS_CTE ","
    " levels(which, competency_id, required, level) AS MATERIALIZED ("
    "   SELECT n.which, n.competency_id, n.required,"
    "   COALESCE(" LATEST("2") ", " LATEST("1") ", " LATEST("3") ")"
    "   FROM needs n)"
    AGGREGATE;

static const char by_window_sql[] =
    NEEDS_CTE ","
    " ranked(which, competency_id, required, level, rn) AS MATERIALIZED ("
    "   SELECT n.which, n.competency_id, n.required, a.level,"
    "   ROW_NUMBER() OVER (PARTITION BY n.which, n.person_id, n.competency_id"
    "     ORDER BY " SOURCE_ORDER ", a.assessed_on DESC, a.id DESC)"
    "   FROM needs n LEFT JOIN assessment a ON a.person_id = n.person_id"
    "     AND a.competency_id = n.competency_id AND a.assessed_on <= n.d AND a.released = 1),"
    " levels(which, competency_id, required, level) AS ("
    "   SELECT which, competency_id, required, level FROM ranked WHERE rn = 1)"
    AGGREGATE;

void raw_open(raw_db *r, const char *path)
{
    r->db = bench_sqlite_open(path, org_setup);
    char *err = NULL;
    if (sqlite3_exec(r->db, framework_setup, NULL, NULL, &err) != SQLITE_OK)
        bench_die("raw schema", err);
    r->by_subquery = bench_sqlite_prepare(r->db, by_subquery_sql);
    r->by_window = bench_sqlite_prepare(r->db, by_window_sql);
}

/* ---- building ---- */

static int64_t insert(raw_db *r, sqlite3_stmt *stmt, const char *what)
{
    bench_sqlite_run(r->db, stmt, what);
    return sqlite3_last_insert_rowid(r->db);
}

static int64_t unit_id(raw_db *r, const char *key)
{
    sqlite3_stmt *q = bench_sqlite_prepare(r->db, "SELECT id FROM unit WHERE name_key = ?");
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(q) != SQLITE_ROW)
        bench_die("raw unit", key);
    int64_t id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return id;
}

static void build_framework(raw_db *r, const workload *w, int64_t clock, int64_t *comp_ids,
                            int64_t *role_ids)
{
    sqlite3_stmt *ins_scale = bench_sqlite_prepare(r->db,
        "INSERT INTO scale (name, name_key, min_level, max_level, created_at, created_by,"
        " updated_at, updated_by) VALUES ('Proficiency', 'proficiency', ?, ?, ?, 0, ?, 0)");
    sqlite3_stmt *ins_level = bench_sqlite_prepare(r->db,
        "INSERT INTO scale_level (scale_id, level, name, description, created_at, created_by,"
        " updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, 0, ?, 0)");
    sqlite3_stmt *ins_comp = bench_sqlite_prepare(r->db,
        "INSERT INTO competency (name, name_key, category, category_key, description,"
        " scale_id, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, 'Craft', 'craft', NULL, ?, ?, 0, ?, 0)");
    sqlite3_stmt *ins_role = bench_sqlite_prepare(r->db,
        "INSERT INTO role (name, name_key, description, created_at, created_by, updated_at,"
        " updated_by) VALUES (?, ?, NULL, ?, 0, ?, 0)");
    sqlite3_stmt *ins_req = bench_sqlite_prepare(r->db,
        "INSERT INTO role_requirement (role_id, competency_id, level, created_at, created_by,"
        " updated_at, updated_by) VALUES (?, ?, ?, ?, 0, ?, 0)");
    sqlite3_bind_int(ins_scale, 1, SCALE_MIN);
    sqlite3_bind_int(ins_scale, 2, SCALE_MAX);
    sqlite3_bind_int64(ins_scale, 3, clock);
    sqlite3_bind_int64(ins_scale, 4, clock);
    int64_t scale = insert(r, ins_scale, "raw insert scale");
    for (int l = SCALE_MIN; l <= SCALE_MAX; l++) {
        char name[16];
        snprintf(name, sizeof name, "Level %d", l);
        sqlite3_bind_int64(ins_level, 1, scale);
        sqlite3_bind_int(ins_level, 2, l);
        sqlite3_bind_text(ins_level, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins_level, 4, clock);
        sqlite3_bind_int64(ins_level, 5, clock);
        insert(r, ins_level, "raw insert scale level");
    }
    for (int c = 0; c < w->competencies; c++) {
        char name[32], key[32];
        snprintf(name, sizeof name, "Competency %03d", c);
        bench_ascii_lower(key, name);
        sqlite3_bind_text(ins_comp, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_comp, 2, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins_comp, 3, scale);
        sqlite3_bind_int64(ins_comp, 4, clock);
        sqlite3_bind_int64(ins_comp, 5, clock);
        comp_ids[c] = insert(r, ins_comp, "raw insert competency");
    }
    for (int k = 0; k < w->roles; k++) {
        const role_row *role = &w->role_rows[k];
        char key[32];
        bench_ascii_lower(key, role->name);
        sqlite3_bind_text(ins_role, 1, role->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins_role, 2, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins_role, 3, clock);
        sqlite3_bind_int64(ins_role, 4, clock);
        role_ids[k] = insert(r, ins_role, "raw insert role");
        for (int q = 0; q < role->count; q++) {
            sqlite3_bind_int64(ins_req, 1, role_ids[k]);
            sqlite3_bind_int64(ins_req, 2, comp_ids[role->competency[q]]);
            sqlite3_bind_int(ins_req, 3, role->level[q]);
            sqlite3_bind_int64(ins_req, 4, clock);
            sqlite3_bind_int64(ins_req, 5, clock);
            insert(r, ins_req, "raw insert requirement");
        }
    }
}

/* Moves into Dept and role assignments (a changed role's first stretch
 * ends the day before the change, as pm_role_assign() records it). */
static void build_people(raw_db *r, const workload *w, int64_t clock, const int64_t *people,
                         const int64_t *unit_ids, const int64_t *role_ids)
{
    sqlite3_stmt *end_membership = bench_sqlite_prepare(r->db,
        "UPDATE membership SET end_on = ?, updated_at = ?, updated_by = 0"
        " WHERE person_id = ? AND end_on IS NULL");
    sqlite3_stmt *ins_membership = bench_sqlite_prepare(r->db,
        "INSERT INTO membership (person_id, unit_id, start_on, end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, 0, ?, 0)");
    sqlite3_stmt *ins_assign = bench_sqlite_prepare(r->db,
        "INSERT INTO role_assignment (person_id, role_id, start_on, end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 0, ?, 0)");
    char day_before[PM_DATE_BUFSIZE];
    pm_date_format(day_before, w->d.change_day - 1);
    for (long i = 0; i < w->people; i++) {
        const person_row *row = &w->rows[i];
        if (row->moves_to >= 0) {
            sqlite3_bind_text(end_membership, 1, w->d.change_text, -1, SQLITE_STATIC);
            sqlite3_bind_int64(end_membership, 2, clock);
            sqlite3_bind_int64(end_membership, 3, people[i]);
            bench_sqlite_run(r->db, end_membership, "raw end membership");
            sqlite3_bind_int64(ins_membership, 1, people[i]);
            sqlite3_bind_int64(ins_membership, 2, unit_ids[row->moves_to]);
            sqlite3_bind_text(ins_membership, 3, w->d.change_text, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins_membership, 4, clock);
            sqlite3_bind_int64(ins_membership, 5, clock);
            bench_sqlite_run(r->db, ins_membership, "raw insert membership");
        }
        sqlite3_bind_int64(ins_assign, 1, people[i]);
        sqlite3_bind_int64(ins_assign, 2, role_ids[row->role]);
        sqlite3_bind_text(ins_assign, 3, w->d.org_text, -1, SQLITE_STATIC);
        if (row->new_role >= 0)
            sqlite3_bind_text(ins_assign, 4, day_before, -1, SQLITE_STATIC);
        else
            sqlite3_bind_null(ins_assign, 4);
        sqlite3_bind_int64(ins_assign, 5, clock);
        sqlite3_bind_int64(ins_assign, 6, clock);
        bench_sqlite_run(r->db, ins_assign, "raw insert role assignment");
        if (row->new_role >= 0) {
            sqlite3_bind_int64(ins_assign, 1, people[i]);
            sqlite3_bind_int64(ins_assign, 2, role_ids[row->new_role]);
            sqlite3_bind_text(ins_assign, 3, w->d.change_text, -1, SQLITE_STATIC);
            sqlite3_bind_null(ins_assign, 4);
            sqlite3_bind_int64(ins_assign, 5, clock);
            sqlite3_bind_int64(ins_assign, 6, clock);
            bench_sqlite_run(r->db, ins_assign, "raw insert role assignment");
        }
    }
}

static void build_assessments(raw_db *r, const workload *w, int64_t clock,
                              const int64_t *people, const int64_t *comp_ids)
{
    sqlite3_stmt *ins = bench_sqlite_prepare(r->db,
        "INSERT INTO assessment (person_id, competency_id, level, source, assessor_id,"
        " assessed_on, round_id, released, note, created_at, created_by, updated_at,"
        " updated_by) VALUES (?, ?, ?, ?, ?, ?, 0, 1, NULL, ?, ?, ?, ?)");
    for (long k = 0; k < w->assessments; k++) {
        const assess_row *a = &w->assess[k];
        long by = a->source == PM_ASSESSED_BY_SELF ? a->person : w->rows[a->person].manager;
        char on[PM_DATE_BUFSIZE];
        pm_date_format(on, a->on);
        sqlite3_bind_int64(ins, 1, people[a->person]);
        sqlite3_bind_int64(ins, 2, comp_ids[a->competency]);
        sqlite3_bind_int(ins, 3, a->level);
        sqlite3_bind_int(ins, 4, a->source);
        sqlite3_bind_int64(ins, 5, people[by]);
        sqlite3_bind_text(ins, 6, on, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(ins, 7, clock);
        sqlite3_bind_int64(ins, 8, people[by]);
        sqlite3_bind_int64(ins, 9, clock);
        sqlite3_bind_int64(ins, 10, people[by]);
        bench_sqlite_run(r->db, ins, "raw insert assessment");
    }
}

bench_timing raw_build(raw_db *r, const workload *w)
{
    int64_t clock = (int64_t)w->d.org_day * 86400 + 8 * 3600;
    int64_t *people = calloc((size_t)w->people, sizeof *people);
    int64_t *comp_ids = calloc((size_t)w->competencies, sizeof *comp_ids);
    int64_t *role_ids = calloc((size_t)w->roles, sizeof *role_ids);
    if (people == NULL || comp_ids == NULL || role_ids == NULL)
        bench_die("raw ids", "out of memory");
    bench_timing org = bench_sqlite_build_org(r->db, &w->org, clock, people);
    int64_t unit_ids[UNIT_COUNT];
    for (long u = 0; u < UNIT_COUNT; u++) {
        bench_unit unit;
        char key[sizeof unit.name];
        w->org.unit(&unit, u, w->org.payload);
        bench_ascii_lower(key, unit.name);
        unit_ids[u] = unit_id(r, key);
    }
    r->dept = unit_ids[UNIT_DEPT];
    sqlite3_stmt *begin = bench_sqlite_prepare(r->db, "BEGIN");
    sqlite3_stmt *commit = bench_sqlite_prepare(r->db, "COMMIT");
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, begin, "raw begin");
    int64_t today = (int64_t)w->d.today * 86400 + 8 * 3600;
    build_framework(r, w, today, comp_ids, role_ids);
    build_people(r, w, today, people, unit_ids, role_ids);
    build_assessments(r, w, today, people, comp_ids);
    bench_sqlite_run(r->db, commit, "raw commit");
    double seconds = org.seconds + bench_now_seconds() - t0;
    free(people);
    free(comp_ids);
    free(role_ids);
    return (bench_timing){ seconds, w->people };
}

/* ---- the summary ---- */

void raw_gap_unit(raw_db *r, const workload *w, int window, gap_result *out)
{
    sqlite3_stmt *q = window ? r->by_window : r->by_subquery;
    sqlite3_bind_text(q, 1, w->d.today_text, -1, SQLITE_STATIC);
    sqlite3_bind_text(q, 2, w->d.compare_text, -1, SQLITE_STATIC);
    sqlite3_bind_int64(q, 3, r->dept);
    gap_numbers *g = NULL;
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t competency = sqlite3_column_int64(q, 0);
        if (g == NULL || g->competency != competency)
            g = gap_result_add(out, competency);
        int d = sqlite3_column_int(q, 1);
        g->people[d] = sqlite3_column_int(q, 2);
        g->assessed[d] = sqlite3_column_int(q, 3);
        g->below[d] = (int)sqlite3_column_double(q, 4);
        double shortfall = sqlite3_column_double(q, 5);
        g->mean_gap[d] = g->assessed[d] > 0 ? shortfall / g->assessed[d] : 0.0;
    }
    bench_sqlite_check(r->db, rc, "raw gap summary");
    sqlite3_reset(q);
}
