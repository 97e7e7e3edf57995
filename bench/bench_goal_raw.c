/*
 * bench_goal's raw SQLite side: the tables src/core/schema.c declares, prepared
 * statements, and the attention look-up computed in C (see bench_goal.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_goal.h"

/* The organisation's tables (bench_sqlite.h), then the goal's. */
static const char raw_setup[] =
    BENCH_SQLITE_PRAGMAS
    BENCH_SQLITE_ORG_TABLES
    "CREATE TABLE goal (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " owner_id INTEGER NOT NULL, unit_id INTEGER NOT NULL, title TEXT NOT NULL,"
    " description TEXT, kind INTEGER NOT NULL, state INTEGER NOT NULL,"
    " start_on TEXT NOT NULL, due_on TEXT NOT NULL, weight REAL NOT NULL,"
    " visibility INTEGER NOT NULL, parent_id INTEGER NOT NULL,"
    " source_checkin_id INTEGER NOT NULL" BENCH_SQLITE_AUDIT ";"
    "CREATE INDEX goal_by_owner ON goal (owner_id, due_on);"
    "CREATE INDEX goal_by_unit ON goal (unit_id, due_on);"
    "CREATE INDEX goal_by_parent ON goal (parent_id, due_on);"
    "CREATE TABLE key_result (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " goal_id INTEGER NOT NULL, title TEXT NOT NULL, kind INTEGER NOT NULL,"
    " baseline REAL NOT NULL, target REAL NOT NULL, current REAL NOT NULL, unit TEXT,"
    " weight REAL NOT NULL, commit_level REAL, stretch_level REAL" BENCH_SQLITE_AUDIT ";"
    "CREATE INDEX key_result_by_goal ON key_result (goal_id);"
    "CREATE TABLE progress (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " goal_id INTEGER NOT NULL, key_result_id INTEGER NOT NULL, value REAL NOT NULL,"
    " confidence INTEGER, comment TEXT" BENCH_SQLITE_AUDIT ";"
    "CREATE INDEX progress_by_goal ON progress (goal_id, created_at);"
    "CREATE INDEX progress_by_key_result ON progress (key_result_id, created_at);"
    BENCH_SQLITE_AUDIT_TABLE;

#define GOAL_COLUMNS "id, owner_id, unit_id, title, description, kind, state, start_on," \
                     " due_on, weight, visibility, parent_id, source_checkin_id," \
                     " created_at, created_by, updated_at, updated_by"

void raw_open(raw_db *r, const char *path)
{
    r->db = bench_sqlite_open(path, raw_setup);
    r->begin = bench_sqlite_prepare(r->db, "BEGIN");
    r->commit = bench_sqlite_prepare(r->db, "COMMIT");
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
    r->goal_state = bench_sqlite_prepare(r->db, "SELECT state FROM goal WHERE id = ?");
    r->person_status = bench_sqlite_prepare(r->db, "SELECT status FROM person WHERE id = ?");
    r->ins_audit = bench_sqlite_prepare(r->db,
        "INSERT INTO audit_entry (at, actor_id, actor_kind, op, record_kind, record_id,"
        " record_count) VALUES (?, 0, 2, ?, ?, ?, 1)");
    r->kr_goal_kind = bench_sqlite_prepare(r->db,
        "SELECT goal_id, kind FROM key_result WHERE id = ?");
}

/* The checked side's audit row for a change, as perfmgmt writes one (the
 * record kinds and operations are the bench's own numbers). */
enum { AUDIT_CREATE = 1, AUDIT_UPDATE = 2 };
enum { RECORD_GOAL = 1, RECORD_KEY_RESULT, RECORD_PROGRESS };

static void raw_audit(raw_db *r, int op, int record_kind, int64_t record)
{
    sqlite3_bind_int64(r->ins_audit, 1, bench_clock);
    sqlite3_bind_int(r->ins_audit, 2, op);
    sqlite3_bind_int(r->ins_audit, 3, record_kind);
    sqlite3_bind_int64(r->ins_audit, 4, record);
    bench_sqlite_run(r->db, r->ins_audit, "raw audit entry");
}

/* The goal's state; dies when there is no such goal. */
static int raw_goal_state(raw_db *r, int64_t goal);

/* The owner is a person who has not left (perfmgmt's owner check). */
static void raw_check_owner(raw_db *r, int64_t person)
{
    sqlite3_bind_int64(r->person_status, 1, person);
    int rc = sqlite3_step(r->person_status);
    if (rc != SQLITE_ROW)
        bench_die("raw goal owner", rc == SQLITE_DONE ? "no such person" : sqlite3_errmsg(r->db));
    int status = sqlite3_column_int(r->person_status, 0);
    sqlite3_reset(r->person_status);
    if (status != PM_PERSON_ACTIVE)
        bench_die("raw goal owner", "the owner has left");
}

bench_timing raw_create_goals(raw_db *r, const workload *w, const int64_t *person_ids,
                              int64_t *goal_ids, int64_t *kr_ids, int checked)
{
    const dates *d = &w->d;
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        if (checked)
            raw_check_owner(r, person_ids[g->owner]);
        sqlite3_bind_int64(r->ins_goal, 1, person_ids[g->owner]);
        sqlite3_bind_text(r->ins_goal, 2, g->title, -1, SQLITE_STATIC);
        sqlite3_bind_text(r->ins_goal, 3, d->start_text, -1, SQLITE_STATIC);
        sqlite3_bind_text(r->ins_goal, 4, d->due_text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(r->ins_goal, 5, bench_clock);
        sqlite3_bind_int64(r->ins_goal, 6, bench_clock);
        bench_sqlite_run(r->db, r->ins_goal, "raw insert goal");
        goal_ids[i] = sqlite3_last_insert_rowid(r->db);
        if (checked) {
            raw_audit(r, AUDIT_CREATE, RECORD_GOAL, goal_ids[i]);
            /* Key results go on goals that are not closed (draft here). */
            if (raw_goal_state(r, goal_ids[i]) != PM_GOAL_DRAFT)
                bench_die("raw insert key result", "the goal is not a draft");
        }

        sqlite3_bind_int64(r->ins_kr, 1, goal_ids[i]);
        sqlite3_bind_text(r->ins_kr, 2, g->kr_title, -1, SQLITE_STATIC);
        sqlite3_bind_double(r->ins_kr, 3, g->baseline);
        sqlite3_bind_double(r->ins_kr, 4, g->target);
        sqlite3_bind_double(r->ins_kr, 5, g->baseline);
        sqlite3_bind_int64(r->ins_kr, 6, bench_clock);
        sqlite3_bind_int64(r->ins_kr, 7, bench_clock);
        bench_sqlite_run(r->db, r->ins_kr, "raw insert key result");
        kr_ids[i] = sqlite3_last_insert_rowid(r->db);
        if (checked)
            raw_audit(r, AUDIT_CREATE, RECORD_KEY_RESULT, kr_ids[i]);
    }
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

/* The checked variant reads first, as a correct application must: the
 * goal's state before a move, and the goal and key result before progress. */

static int raw_goal_state(raw_db *r, int64_t goal)
{
    sqlite3_bind_int64(r->goal_state, 1, goal);
    int rc = sqlite3_step(r->goal_state);
    if (rc != SQLITE_ROW)
        bench_die("raw goal state", rc == SQLITE_DONE ? "no such goal" : sqlite3_errmsg(r->db));
    int state = sqlite3_column_int(r->goal_state, 0);
    sqlite3_reset(r->goal_state);
    return state;
}

/* The checks of pm_progress_add (src/api/goal_progress.c): the goal is
 * active, the key result is the goal's, the value is finite and 0 or 1 for a
 * milestone. (The confidence, 7, is a constant of the INSERT.) */
static void raw_check_progress(raw_db *r, int64_t goal, int64_t kr, double value)
{
    if (raw_goal_state(r, goal) != PM_GOAL_ACTIVE)
        bench_die("raw progress", "the goal is not active");
    sqlite3_bind_int64(r->kr_goal_kind, 1, kr);
    int rc = sqlite3_step(r->kr_goal_kind);
    if (rc != SQLITE_ROW)
        bench_die("raw progress", rc == SQLITE_DONE ? "no such key result" : sqlite3_errmsg(r->db));
    int64_t kr_goal = sqlite3_column_int64(r->kr_goal_kind, 0);
    int kind = sqlite3_column_int(r->kr_goal_kind, 1);
    sqlite3_reset(r->kr_goal_kind);
    if (kr_goal != goal)
        bench_die("raw progress", "the key result belongs to another goal");
    if (!isfinite(value) || (kind == PM_KEY_RESULT_MILESTONE && value != 0.0 && value != 1.0))
        bench_die("raw progress", "the value is out of range");
}

bench_timing raw_activate_goals(raw_db *r, const workload *w, const int64_t *goal_ids,
                                int checked)
{
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long i = 0; i < w->goals; i++) {
        if (checked) {
            int state = raw_goal_state(r, goal_ids[i]);
            /* Draft and completed goals may move to active (src/core/goal.c). */
            if (state != PM_GOAL_DRAFT && state != PM_GOAL_COMPLETED)
                bench_die("raw activate goal", "the goal cannot move to active");
        }
        sqlite3_bind_int64(r->activate, 1, bench_clock);
        sqlite3_bind_int64(r->activate, 2, goal_ids[i]);
        bench_sqlite_run(r->db, r->activate, "raw activate goal");
        if (checked)
            raw_audit(r, AUDIT_UPDATE, RECORD_GOAL, goal_ids[i]);
    }
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

double raw_progress_round(raw_db *r, const workload *w, const int64_t *goal_ids,
                          const int64_t *kr_ids, int round, int checked)
{
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        if (!g->updated)
            continue;
        double value = round == 1 ? g->value1 : g->value2;
        if (checked)
            raw_check_progress(r, goal_ids[i], kr_ids[i], value);
        sqlite3_bind_int64(r->ins_progress, 1, goal_ids[i]);
        sqlite3_bind_int64(r->ins_progress, 2, kr_ids[i]);
        sqlite3_bind_double(r->ins_progress, 3, value);
        sqlite3_bind_int64(r->ins_progress, 4, bench_clock);
        sqlite3_bind_int64(r->ins_progress, 5, bench_clock);
        bench_sqlite_run(r->db, r->ins_progress, "raw insert progress");
        if (checked)
            raw_audit(r, AUDIT_CREATE, RECORD_PROGRESS, sqlite3_last_insert_rowid(r->db));
        sqlite3_bind_double(r->set_current, 1, value);
        sqlite3_bind_int64(r->set_current, 2, bench_clock);
        sqlite3_bind_int64(r->set_current, 3, kr_ids[i]);
        bench_sqlite_run(r->db, r->set_current, "raw update key result");
        if (checked)
            raw_audit(r, AUDIT_UPDATE, RECORD_KEY_RESULT, kr_ids[i]);
    }
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return bench_now_seconds() - t0;
}

/* -- the raw attention look-up -- */

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

void raw_list_clear(raw_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->goals[i].title);
        free(list->goals[i].description);
    }
    list->count = 0;
    list->nreports = 0;
}

size_t raw_attention(raw_db *r, raw_list *list, int64_t manager, const dates *d)
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
            g->title = bench_sqlite_column_copy(gs, 3);
            g->description = bench_sqlite_column_copy(gs, 4);
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
