/*
 * bench_wellbeing's raw SQLite side: the organisation's tables, metric and
 * measurement as src/core/schema.c declares them (as
 * src/storage/sqlite_schema.c lays them out), the same rows, inserts after
 * the checks a careful application makes, and the monthly trend as SQL
 * (see bench_wellbeing.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_wellbeing.h"

/* The organisation's tables (bench_sqlite.h), then wellbeing's (two
 * strings: C11 promises no more than 4095 bytes in one). */
static const char org_setup[] = BENCH_SQLITE_PRAGMAS BENCH_SQLITE_ORG_TABLES;
static const char wellbeing_setup[] =
    "CREATE TABLE metric (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " name TEXT NOT NULL, name_key TEXT NOT NULL, unit TEXT, min_value REAL NOT NULL,"
    " max_value REAL NOT NULL, direction INTEGER NOT NULL, reliability REAL,"
    " builtin INTEGER NOT NULL" BENCH_SQLITE_AUDIT ";"
    "CREATE UNIQUE INDEX metric_by_name_key ON metric (name_key);"
    "CREATE INDEX metric_by_builtin ON metric (builtin);"
    "CREATE TABLE measurement (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " person_id INTEGER NOT NULL, metric_id INTEGER NOT NULL, value REAL NOT NULL,"
    " measured_at INTEGER NOT NULL, source INTEGER NOT NULL, unit_id INTEGER NOT NULL,"
    " survey_id INTEGER NOT NULL" BENCH_SQLITE_AUDIT ";"
    "CREATE INDEX measurement_by_trend ON measurement"
    " (metric_id, unit_id, measured_at, person_id, value);"
    "CREATE INDEX measurement_by_person ON measurement (person_id, metric_id, measured_at);"
    /* Not perfmgmt's: the application's calendar, one row a month (k =
     * year * 12 + month - 1, [lo, hi] its seconds), which lets the trend
     * seek the covering index month by month in order. */
    "CREATE TABLE calendar_month (k INTEGER PRIMARY KEY, lo INTEGER NOT NULL,"
    " hi INTEGER NOT NULL);";

/* The units of ?1 and every unit below it; ?1 = 0 (the parent of the top
 * unit) gives everyone, people without a unit included. */
#define UNITS_CTE \
    "WITH RECURSIVE units(id) AS (SELECT ?1 UNION ALL" \
    " SELECT u.id FROM unit u JOIN units ON u.parent_id = units.id)"

/* The trend as anyone writes it: the planner takes the covering index
 * (metric, unit, at, person, value) for the range of each unit, then sorts
 * every row by month for the GROUP BY. ?2 metric, ?3..?4 the window. */
static const char by_strftime_sql[] =
    UNITS_CTE
    " SELECT strftime('%Y-%m', measured_at, 'unixepoch') AS month, count(*), avg(value),"
    " count(DISTINCT person_id) FROM measurement"
    " WHERE metric_id = ?2 AND unit_id IN units AND measured_at BETWEEN ?3 AND ?4"
    " GROUP BY month";

/* The same through the calendar: months (?3..?4 their keys) in order, and
 * for each one range seek of the covering index per unit, so the groups
 * arrive in order and nothing is sorted. */
static const char by_calendar_sql[] =
    UNITS_CTE
    " SELECT c.k, count(*), avg(m.value), count(DISTINCT m.person_id)"
    " FROM calendar_month c CROSS JOIN measurement m INDEXED BY measurement_by_trend"
    " WHERE c.k BETWEEN ?3 AND ?4 AND m.metric_id = ?2 AND m.unit_id IN units"
    " AND m.measured_at BETWEEN c.lo AND c.hi GROUP BY c.k";

void raw_open(raw_side *r, const char *path)
{
    memset(r, 0, sizeof *r);
    r->db = bench_sqlite_open(path, org_setup);
    char *err = NULL;
    if (sqlite3_exec(r->db, wellbeing_setup, NULL, NULL, &err) != SQLITE_OK)
        bench_die("raw schema", err);
    r->begin = bench_sqlite_prepare(r->db, "BEGIN");
    r->commit = bench_sqlite_prepare(r->db, "COMMIT");
    r->ins = bench_sqlite_prepare(r->db,
        "INSERT INTO measurement (person_id, metric_id, value, measured_at, source, unit_id,"
        " survey_id, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, 4, ?, 0, ?, 0, ?, 0)");
    r->person_status = bench_sqlite_prepare(r->db, "SELECT status FROM person WHERE id = ?");
    r->metric_scale = bench_sqlite_prepare(r->db,
        "SELECT min_value, max_value FROM metric WHERE id = ?");
    /* The membership covering the day: the latest to start by then, through
     * membership_by_person; it covers the day unless it ended by then. */
    r->unit_on = bench_sqlite_prepare(r->db,
        "SELECT unit_id, end_on FROM membership WHERE person_id = ?1 AND start_on <= ?2"
        " ORDER BY start_on DESC LIMIT 1");
    r->by_strftime = bench_sqlite_prepare(r->db, by_strftime_sql);
    r->by_calendar = bench_sqlite_prepare(r->db, by_calendar_sql);
}

void raw_close(raw_side *r)
{
    bench_sqlite_close(r->db);
    free(r->person_ids);
    free(r->unit_ids);
}

/* ---- building ---- */

static void build_moves(raw_side *r, const workload *w, int64_t clock)
{
    sqlite3_stmt *end_membership = bench_sqlite_prepare(r->db,
        "UPDATE membership SET end_on = ?, updated_at = ?, updated_by = 0"
        " WHERE person_id = ? AND end_on IS NULL");
    sqlite3_stmt *ins_membership = bench_sqlite_prepare(r->db,
        "INSERT INTO membership (person_id, unit_id, start_on, end_on, created_at,"
        " created_by, updated_at, updated_by) VALUES (?, ?, ?, NULL, ?, 0, ?, 0)");
    for (long i = 0; i < w->people; i++) {
        const person_row *row = &w->rows[i];
        if (row->moves_to < 0)
            continue;
        sqlite3_bind_text(end_membership, 1, w->move_text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(end_membership, 2, clock);
        sqlite3_bind_int64(end_membership, 3, r->person_ids[i]);
        bench_sqlite_run(r->db, end_membership, "raw end membership");
        sqlite3_bind_int64(ins_membership, 1, r->person_ids[i]);
        sqlite3_bind_int64(ins_membership, 2, r->unit_ids[row->moves_to]);
        sqlite3_bind_text(ins_membership, 3, w->move_text, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_membership, 4, clock);
        sqlite3_bind_int64(ins_membership, 5, clock);
        bench_sqlite_run(r->db, ins_membership, "raw insert membership");
    }
    sqlite3_finalize(end_membership);
    sqlite3_finalize(ins_membership);
}

static void build_metric_and_calendar(raw_side *r, int64_t clock)
{
    sqlite3_stmt *ins_metric = bench_sqlite_prepare(r->db,
        "INSERT INTO metric (name, name_key, unit, min_value, max_value, direction,"
        " reliability, builtin, created_at, created_by, updated_at, updated_by)"
        " VALUES ('Pulse: workload', 'pulse: workload', 'points', ?, ?, 1, NULL, 0, ?, 0, ?, 0)");
    sqlite3_bind_double(ins_metric, 1, PULSE_MIN);
    sqlite3_bind_double(ins_metric, 2, PULSE_MAX);
    sqlite3_bind_int64(ins_metric, 3, clock);
    sqlite3_bind_int64(ins_metric, 4, clock);
    bench_sqlite_run(r->db, ins_metric, "raw insert metric");
    r->metric = sqlite3_last_insert_rowid(r->db);
    sqlite3_finalize(ins_metric);

    sqlite3_stmt *ins_month = bench_sqlite_prepare(r->db,
        "INSERT INTO calendar_month (k, lo, hi) VALUES (?, ?, ?)");
    for (int year = 2000; year < 2050; year++)
        for (int month = 1; month <= 12; month++) {
            pm_date first = bench_pm_date(year, month, 1);
            pm_date next = month == 12 ? bench_pm_date(year + 1, 1, 1)
                                       : bench_pm_date(year, month + 1, 1);
            sqlite3_bind_int64(ins_month, 1, (int64_t)year * 12 + month - 1);
            sqlite3_bind_int64(ins_month, 2, (int64_t)first * 86400);
            sqlite3_bind_int64(ins_month, 3, (int64_t)next * 86400 - 1);
            bench_sqlite_run(r->db, ins_month, "raw insert calendar month");
        }
    sqlite3_finalize(ins_month);
}

static int64_t unit_id(raw_side *r, const char *key)
{
    sqlite3_stmt *q = bench_sqlite_prepare(r->db, "SELECT id FROM unit WHERE name_key = ?");
    sqlite3_bind_text(q, 1, key, -1, SQLITE_STATIC);
    if (sqlite3_step(q) != SQLITE_ROW)
        bench_die("raw unit", key);
    int64_t id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    return id;
}

bench_timing raw_build(raw_side *r, const workload *w)
{
    int64_t clock = (int64_t)w->now;
    r->person_ids = calloc((size_t)w->people, sizeof *r->person_ids);
    r->unit_ids = calloc(UNIT_COUNT, sizeof *r->unit_ids);
    if (r->person_ids == NULL || r->unit_ids == NULL)
        bench_die("raw ids", "out of memory");
    bench_timing org = bench_sqlite_build_org(r->db, &w->org, clock, r->person_ids);
    for (long u = 0; u < UNIT_COUNT; u++) { /* unit names are unique */
        bench_unit unit;
        char key[sizeof unit.name];
        w->org.unit(&unit, u, w->org.payload);
        bench_ascii_lower(key, unit.name);
        r->unit_ids[u] = unit_id(r, key);
    }
    double t0 = bench_now_seconds();
    bench_sqlite_run(r->db, r->begin, "raw begin");
    build_moves(r, w, clock);
    build_metric_and_calendar(r, clock);
    bench_sqlite_run(r->db, r->commit, "raw commit");
    return (bench_timing){ org.seconds + bench_now_seconds() - t0, w->people };
}

/* ---- the ingest ---- */

/* What pm_measurement_add() refuses, checked as an application would:
 * the person exists and is active, the metric exists and the value is
 * finite and on its scale, the time is not in the future; then the unit
 * the person was in that day, kept on the row for the trend. */
static int64_t checked_unit(raw_side *r, const workload *w, const meas_row *m, int64_t person)
{
    sqlite3_bind_int64(r->person_status, 1, person);
    if (sqlite3_step(r->person_status) != SQLITE_ROW ||
        sqlite3_column_int(r->person_status, 0) != 1)
        bench_die("raw ingest", "the person is not active");
    sqlite3_reset(r->person_status);

    sqlite3_bind_int64(r->metric_scale, 1, r->metric);
    if (sqlite3_step(r->metric_scale) != SQLITE_ROW)
        bench_die("raw ingest", "no such metric");
    double min = sqlite3_column_double(r->metric_scale, 0);
    double max = sqlite3_column_double(r->metric_scale, 1);
    sqlite3_reset(r->metric_scale);
    double value = (double)m->value;
    if (!isfinite(value) || value < min || value > max)
        bench_die("raw ingest", "the value is outside the scale");
    if (m->at > w->now)
        bench_die("raw ingest", "the time is in the future");

    char day[PM_DATE_BUFSIZE];
    pm_date_format(day, pm_time_date(m->at));
    sqlite3_bind_int64(r->unit_on, 1, person);
    sqlite3_bind_text(r->unit_on, 2, day, -1, SQLITE_STATIC);
    int64_t unit = 0;
    int rc = sqlite3_step(r->unit_on);
    if (rc == SQLITE_ROW) {
        const unsigned char *end = sqlite3_column_text(r->unit_on, 1);
        if (end == NULL || strcmp((const char *)end, day) > 0)
            unit = sqlite3_column_int64(r->unit_on, 0);
    } else {
        bench_sqlite_check(r->db, rc, "raw unit on");
    }
    sqlite3_reset(r->unit_on);
    return unit;
}

void raw_ingest(raw_side *r, const workload *w, const meas_row *rows, long count)
{
    for (long k = 0; k < count; k++) {
        if (k % BATCH == 0)
            bench_sqlite_run(r->db, r->begin, "raw begin");
        const meas_row *m = &rows[k];
        int64_t person = r->person_ids[m->person];
        int64_t unit = checked_unit(r, w, m, person);
        sqlite3_bind_int64(r->ins, 1, person);
        sqlite3_bind_int64(r->ins, 2, r->metric);
        sqlite3_bind_double(r->ins, 3, (double)m->value);
        sqlite3_bind_int64(r->ins, 4, m->at);
        sqlite3_bind_int64(r->ins, 5, unit);
        sqlite3_bind_int64(r->ins, 6, (int64_t)w->now);
        sqlite3_bind_int64(r->ins, 7, (int64_t)w->now);
        bench_sqlite_run(r->db, r->ins, "raw insert measurement");
        if (k % BATCH == BATCH - 1 || k == count - 1)
            bench_sqlite_run(r->db, r->commit, "raw commit");
    }
}

/* ---- the trend ---- */

void raw_trend(raw_side *r, const workload *w, long unit, int form, trend_result *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *q = form == 0 ? r->by_strftime : r->by_calendar;
    sqlite3_bind_int64(q, 1, unit < 0 ? 0 : r->unit_ids[unit]);
    sqlite3_bind_int64(q, 2, r->metric);
    if (form == 0) {
        sqlite3_bind_int64(q, 3, (int64_t)w->from * 86400);
        sqlite3_bind_int64(q, 4, (int64_t)w->to * 86400 + 86399);
    } else {
        sqlite3_bind_int64(q, 3, w->first_month);
        sqlite3_bind_int64(q, 4, w->first_month + MONTHS - 1);
    }
    int rc;
    while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
        int64_t k;
        if (form == 0) {
            int year = 0, month = 0;
            const char *text = (const char *)sqlite3_column_text(q, 0);
            if (text == NULL || sscanf(text, "%d-%d", &year, &month) != 2)
                bench_die("raw trend", "a month that is not YYYY-MM");
            k = (int64_t)year * 12 + month - 1;
        } else {
            k = sqlite3_column_int64(q, 0);
        }
        k -= w->first_month;
        if (k < 0 || k >= MONTHS)
            bench_die("raw trend", "a month outside the window");
        trend_month *m = &out->month[k];
        m->n = (long)sqlite3_column_int64(q, 1);
        m->mean = sqlite3_column_double(q, 2);
        m->people = (long)sqlite3_column_int64(q, 3);
    }
    bench_sqlite_check(r->db, rc, "raw trend");
    sqlite3_reset(q);
}

void raw_plan(raw_side *r, int form, char *buf, size_t size)
{
    char sql[2048];
    snprintf(sql, sizeof sql, "EXPLAIN QUERY PLAN %s",
             sqlite3_sql(form == 0 ? r->by_strftime : r->by_calendar));
    sqlite3_stmt *q = bench_sqlite_prepare(r->db, sql);
    size_t used = 0;
    buf[0] = '\0';
    while (sqlite3_step(q) == SQLITE_ROW && used + 1 < size) {
        const char *detail = (const char *)sqlite3_column_text(q, 3);
        int n = snprintf(buf + used, size - used, "%s%s", used ? "; " : "",
                         detail ? detail : "");
        if (n < 0)
            break;
        used += (size_t)n < size - used ? (size_t)n : size - used - 1;
    }
    sqlite3_finalize(q);
}
