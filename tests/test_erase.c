/* Erasure: Per of the export tests' world, with data in every area, erased
 * by HR. What no read shows afterwards (the API, the exports, the store
 * itself on every backend); what goes and what stays, naming a former
 * employee; the numbers that stay and those that count what is left; the
 * audit trail; leaving; an erased record nothing changes; a rollback. */
#define _POSIX_C_SOURCE 200809L /* strdup, strtok_r */

#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef PM_TEST_HAVE_PG
#include "pg_store.h"
#endif
#include "test_audit_helpers.h"
#include "test_export_world.h"

/* What the tests give Per besides the world: an email, an external id no
 * byte pattern of a store file repeats by chance, and career ambitions. */
#define PER_EMAIL "per.person@example.org"
#define PER_EXTERNAL_ID "HRIS-7731-PER"
#define PER_AMBITIONS "Per: lead the platform team"

/* What identifies Per or was said about Per, and must be gone everywhere:
 * the name (as shown and as folded for search), the email, the external
 * id, and the texts of the records that go. */
static const char *const per_traces[] = {
    W_PER_NAME, "per person", PER_EMAIL, PER_EXTERNAL_ID, PER_AMBITIONS,
    W_PER_PRIVATE_NOTE, W_PER_TALKING_POINT, W_PER_STRENGTHS, W_PER_SELF_ASSESSMENT,
    W_PER_PROGRESS_COMMENT, W_QUINN_GIVES_PER, W_ANON_TEXT, W_QUINN_ANSWERS_PER,
    W_PER_SELF_ANSWER, W_PEER_ANSWER, W_MANAGER_PRIVATE_NOTE, W_UNRELEASED_NOTE,
};
#define NTRACES (sizeof per_traces / sizeof per_traces[0])

/* Runs call as person with a session of their own (named s in call). */
#define AS(f, person, call)                                \
    do {                                                   \
        pm_session *s = pm_fixture_session((f), (person)); \
        assert_ok(s, (call));                              \
        pm_session_free(s);                                \
    } while (0)

/* Counts what an iterator yields into n, then frees it. */
#define DRAIN(it, type, next, release, n)                 \
    do {                                                  \
        type *item_ = NULL;                               \
        pm_status st_;                                    \
        (n) = 0;                                          \
        while ((st_ = next(&item_, (it))) == PM_OK)       \
            (n)++;                                        \
        assert_int_equal(st_, PM_ITEROVER);               \
        release(it);                                      \
    } while (0)

#define SAME_REAL(a, b) assert_true(fabs((a) - (b)) < 1e-12)

/* ---- the world ---- */

/* The world and Per's extras, in one transaction: the same writes as one
 * commit each, in a fraction of the time on PostgreSQL. */
static void build(pm_fixture *f, world *w)
{
    assert_ok(f->sys, pm_session_begin(f->sys));
    world_build(f, w);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = PER_EXTERNAL_ID;
    o.email = PER_EMAIL;
    assert_ok(f->sys, pm_person_update(f->sys, w->per, &o));
    pm_plan_opts p = PM_PLAN_OPTS_INIT;
    p.ambitions = PER_AMBITIONS;
    AS(f, w->per, pm_plan_update(s, w->plan, &p, PM_PLAN_FIELD_AMBITIONS));
    assert_ok(f->sys, pm_session_commit(f->sys));
}

/* Moves the clock on, so that what started on the world's day has lasted
 * (a membership that ends the day it began is removed, not ended). */
static void pass_days(pm_fixture *f, int days)
{
    f->now += (pm_time)days * 86400;
}

static void erase_as(pm_fixture *f, pm_id actor, pm_id person, const pm_erase_opts *opts,
                     pm_erase_report *report)
{
    AS(f, actor, pm_person_erase(s, person, opts, report));
}

static pm_date today(const pm_fixture *f)
{
    return pm_time_date(f->now);
}

/* ---- finding text ---- */

static int holds(const void *bytes, size_t len, const char *needle)
{
    size_t n = strlen(needle);
    const char *end = (const char *)bytes + len;
    for (const char *p = memchr(bytes, needle[0], len); p != NULL && (size_t)(end - p) >= n;
         p = memchr(p + 1, needle[0], (size_t)(end - p - 1)))
        if (memcmp(p, needle, n) == 0)
            return 1;
    return 0;
}

/* Marks in found[] each trace of Per that bytes hold. */
static void look_for_traces(const void *bytes, size_t len, int *found)
{
    for (size_t i = 0; i < NTRACES; i++)
        found[i] |= holds(bytes, len, per_traces[i]);
}

static void assert_no_trace(const char *text, const char *where)
{
    for (size_t i = 0; i < NTRACES; i++)
        if (strstr(text, per_traces[i]) != NULL)
            fail_msg("%s holds '%s'", where, per_traces[i]);
}

/* ---- the store, read past the library ---- */

static char *read_bytes(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return NULL;
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *bytes = malloc((size_t)size + 1);
    assert_non_null(bytes);
    assert_int_equal(fread(bytes, 1, (size_t)size, fp), (size_t)size);
    fclose(fp);
    *len = (size_t)size;
    return bytes;
}

static void look_in_file(const char *path, int *found)
{
    size_t len = 0;
    char *bytes = read_bytes(path, &len);
    if (bytes != NULL)
        look_for_traces(bytes, len, found);
    free(bytes);
}

static void look_in_sqlite_table(sqlite3 *db, const char *table, int *found)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT * FROM \"%s\"", table);
    sqlite3_stmt *rows = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &rows, NULL), SQLITE_OK);
    while (sqlite3_step(rows) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count(rows); c++)
            if (sqlite3_column_type(rows, c) == SQLITE_TEXT
                || sqlite3_column_type(rows, c) == SQLITE_BLOB)
                look_for_traces(sqlite3_column_blob(rows, c),
                                (size_t)sqlite3_column_bytes(rows, c), found);
    sqlite3_finalize(rows);
}

static pm_time fixture_clock(void *payload)
{
    return ((pm_fixture *)payload)->now;
}

/* Opens the fixture's store again, as the fixture had it. */
static void reopen(pm_fixture *f)
{
    char uri[600];
    pm_fixture_store_uri(uri, sizeof uri, f->path);
    pm_db_opts o = PM_DB_OPTS_INIT;
    o.secret = PM_FIXTURE_SECRET;
    o.secret_len = strlen(PM_FIXTURE_SECRET);
    char *err = NULL;
    if (pm_db_open(&f->db, &err, uri, &o) != PM_OK)
        fail_msg("reopening %s: %s", uri, err ? err : "?");
    assert_int_equal(pm_db_set_clock(f->db, fixture_clock, f), PM_OK);
    assert_int_equal(pm_session_open_system(&f->sys, f->db), PM_OK);
}

/* The file as anyone who can read it finds it once the store is closed:
 * its bytes (and a write-ahead log's, if one was left), then every column
 * of every table through sqlite3. */
static void look_in_sqlite(pm_fixture *f, int *found)
{
    pm_session_free(f->sys);
    pm_db_close(f->db);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", f->path);
    look_in_file(f->path, found);
    look_in_file(wal, found);
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    sqlite3_stmt *tables = NULL;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM sqlite_master WHERE type = 'table'",
                                        -1, &tables, NULL),
                     SQLITE_OK);
    while (sqlite3_step(tables) == SQLITE_ROW)
        look_in_sqlite_table(db, (const char *)sqlite3_column_text(tables, 0), found);
    sqlite3_finalize(tables);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
    reopen(f);
}

#ifdef PM_TEST_HAVE_PG
#define PG_TEXT_MAX (8u << 20)

/* Every row of every table of the store's schema as text, through a
 * connection of its own. */
static void look_in_pg(pm_fixture *f, int *found)
{
    char schema[64];
    assert_int_equal(pm_pg_store_schema_of(f->path, schema), 0);
    char *text = malloc(PG_TEXT_MAX);
    char tables[4096];
    char sql[400];
    assert_non_null(text);
    snprintf(sql, sizeof sql,
             "SELECT string_agg(table_name, ' ') FROM information_schema.tables "
             "WHERE table_schema = '%s'", schema);
    assert_int_equal(pm_pg_store_query_text(sql, tables, sizeof tables), 0);
    assert_true(strlen(tables) < sizeof tables - 1);
    char *next = NULL;
    for (char *table = strtok_r(tables, " ", &next); table; table = strtok_r(NULL, " ", &next)) {
        snprintf(sql, sizeof sql,
                 "SELECT coalesce(string_agg(t::text, E'\\n'), '') FROM \"%s\".\"%s\" AS t",
                 schema, table);
        assert_int_equal(pm_pg_store_query_text(sql, text, PG_TEXT_MAX), 0);
        assert_true(strlen(text) < PG_TEXT_MAX - 1);
        look_for_traces(text, strlen(text), found);
    }
    free(text);
}
#endif

/* Marks in found[] each trace of Per the store holds, read the way the
 * backend allows: the SQLite file, the PostgreSQL tables, or every row of
 * the memory store. */
static void look_in_store(pm_fixture *f, int *found)
{
    memset(found, 0, NTRACES * sizeof *found);
    const char *backend = pm_fixture_backend();
    if (strcmp(backend, "sqlite") == 0) {
        look_in_sqlite(f, found);
        return;
    }
#ifdef PM_TEST_HAVE_PG
    if (strcmp(backend, "postgresql") == 0) {
        look_in_pg(f, found);
        return;
    }
#endif
    char *dump = pm_fixture_store_dump(f);
    look_for_traces(dump, strlen(dump), found);
    free(dump);
}

static void assert_store_holds_every_trace(pm_fixture *f)
{
    int found[NTRACES];
    look_in_store(f, found);
    for (size_t i = 0; i < NTRACES; i++)
        if (!found[i])
            fail_msg("the %s store lacks '%s' before erasure", pm_fixture_backend(),
                     per_traces[i]);
}

static void assert_store_holds_no_trace(pm_fixture *f)
{
    int found[NTRACES];
    look_in_store(f, found);
    for (size_t i = 0; i < NTRACES; i++)
        if (found[i])
            fail_msg("the %s store still holds '%s'", pm_fixture_backend(), per_traces[i]);
}

/* ---- reading back ---- */

static char *export_by(pm_fixture *f, pm_id actor, pm_id person)
{
    char *json = NULL;
    AS(f, actor, pm_person_export_json(&json, s, person));
    assert_non_null(json);
    return json;
}

static pm_person *person_as(pm_session *s, pm_id person)
{
    pm_person *p = NULL;
    assert_ok(s, pm_person_get(&p, s, person));
    return p;
}

static int people_found(pm_session *s, const char *query, unsigned int flags, pm_id id)
{
    pm_person_iter *it = NULL;
    pm_person *p = NULL;
    assert_ok(s, pm_person_search(&it, s, query, flags));
    int n = 0;
    while (pm_person_iter_next(&p, it) == PM_OK)
        n += pm_person_id(p) == id;
    pm_person_iter_free(it);
    return n;
}

static size_t feedback_received(pm_session *s, pm_id person)
{
    pm_feedback_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_feedback_list_received(&it, s, person, 0));
    DRAIN(it, pm_feedback, pm_feedback_iter_next, pm_feedback_iter_free, n);
    return n;
}

/* The entry of person's received feedback with text; fails when none. */
static pm_feedback *received_with_text(pm_session *s, pm_id person, const char *text)
{
    pm_feedback_iter *it = NULL;
    pm_feedback *fb = NULL;
    pm_id id = 0;
    assert_ok(s, pm_feedback_list_received(&it, s, person, 0));
    while (id == 0 && pm_feedback_iter_next(&fb, it) == PM_OK)
        if (strcmp(pm_feedback_text(fb), text) == 0)
            id = pm_feedback_id(fb);
    pm_feedback_iter_free(it);
    if (id == 0)
        fail_msg("no feedback received reads '%s'", text);
    assert_ok(s, pm_feedback_get(&fb, s, id));
    return fb;
}

static size_t requests(pm_session *s, pm_id person, pm_request_role role)
{
    pm_feedback_request_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_feedback_request_list(&it, s, person, role, PM_REQUEST_ALL));
    DRAIN(it, pm_feedback_request, pm_feedback_request_iter_next, pm_feedback_request_iter_free,
          n);
    return n;
}

static size_t rounds_360(pm_session *s, pm_id person, unsigned int flags)
{
    pm_review360_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_review360_list(&it, s, person, flags));
    DRAIN(it, pm_review360, pm_review360_iter_next, pm_review360_iter_free, n);
    return n;
}

static size_t assessments(pm_session *s, pm_id person)
{
    pm_assessment_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_assessment_list(&it, s, person, 0));
    DRAIN(it, pm_assessment, pm_assessment_iter_next, pm_assessment_iter_free, n);
    return n;
}

static size_t plans(pm_session *s, pm_id person)
{
    pm_plan_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_plan_list(&it, s, person));
    DRAIN(it, pm_plan, pm_plan_iter_next, pm_plan_iter_free, n);
    return n;
}

static size_t items_mentored(pm_session *s, pm_id mentor)
{
    pm_plan_item_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_plan_item_list_mentored(&it, s, mentor));
    DRAIN(it, pm_plan_item, pm_plan_item_iter_next, pm_plan_item_iter_free, n);
    return n;
}

static size_t series_of(pm_session *s, pm_id person)
{
    pm_checkin_series_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_checkin_series_list(&it, s, person, 0));
    DRAIN(it, pm_checkin_series, pm_checkin_series_iter_next, pm_checkin_series_iter_free, n);
    return n;
}

static size_t goals_of(pm_session *s, pm_id person, unsigned int flags)
{
    pm_goal_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_goal_list_person(&it, s, person, flags));
    DRAIN(it, pm_goal, pm_goal_iter_next, pm_goal_iter_free, n);
    return n;
}

static pm_goal *goal_as(pm_session *s, pm_id goal)
{
    pm_goal *g = NULL;
    assert_ok(s, pm_goal_get(&g, s, goal));
    return g;
}

/* The comment of the progress update on goal recorded by author. */
static char *progress_comment(pm_session *s, pm_id goal, pm_id author, double *value)
{
    pm_progress_iter *it = NULL;
    pm_progress *p = NULL;
    char *comment = NULL;
    assert_ok(s, pm_progress_list(&it, s, goal));
    while (comment == NULL && pm_progress_iter_next(&p, it) == PM_OK)
        if (pm_progress_by(p) == author) {
            comment = strdup(pm_progress_comment(p));
            *value = pm_progress_value(p);
        }
    pm_progress_iter_free(it);
    assert_non_null(comment);
    return comment;
}

/* The enrolment of person in programme: its plan item, -1 when none. */
static pm_id enrolment_item(pm_session *s, pm_id programme, pm_id person)
{
    pm_enrolment_iter *it = NULL;
    pm_enrolment *e = NULL;
    pm_id item = -1;
    assert_ok(s, pm_programme_participants(&it, s, programme));
    while (pm_enrolment_iter_next(&e, it) == PM_OK)
        if (pm_enrolment_person(e) == person)
            item = pm_enrolment_item(e);
    pm_enrolment_iter_free(it);
    return item;
}

/* ---- public reads ---- */

static void check_person_reads_as_erased(pm_session *s, pm_id per)
{
    pm_person *p = NULL;
    assert_ok(s, pm_person_get(&p, s, per));
    char external_id[40];
    snprintf(external_id, sizeof external_id, "erased-%lld", (long long)per);
    assert_string_equal(pm_person_display_name(p), PM_PERSON_ERASED_NAME);
    assert_string_equal(pm_person_external_id(p), external_id);
    assert_string_equal(pm_person_email(p), "");
    assert_int_equal(pm_person_status_get(p), PM_PERSON_ERASED);
    assert_false(pm_person_is_hr_admin(p));
    pm_person_free(p);
    assert_ok(s, pm_person_lookup(&p, s, external_id));
    assert_int_equal(pm_person_id(p), per);
    pm_person_free(p);
}

static void test_erase_leaves_no_trace_in_public_reads(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, w.per, 1));
    char *before = export_by(f, w.hr, w.per);
    assert_non_null(strstr(before, W_PER_NAME));
    assert_non_null(strstr(before, PER_EMAIL));
    assert_non_null(strstr(before, PER_EXTERNAL_ID));
    pm_free(before);
    pm_session *quinn = pm_fixture_session(f, w.quinn);
    pm_session *hr = pm_fixture_session(f, w.hr);
    pm_session *manager = pm_fixture_session(f, w.manager);
    assert_int_equal(people_found(quinn, "per person", 0, w.per), 1);
    assert_int_equal(goals_of(hr, w.per, 0), 2);
    assert_int_equal(series_of(manager, w.manager), 1);

    erase_as(f, w.hr, w.per, NULL, NULL);

    /* The directory. */
    check_person_reads_as_erased(quinn, w.per);
    pm_person *p = NULL;
    assert_fails(quinn, pm_person_lookup(&p, quinn, PER_EXTERNAL_ID), PM_ENOTFOUND,
                 PER_EXTERNAL_ID);
    const unsigned int flags[2] = { 0, PM_PERSON_INCLUDE_LEFT };
    for (int i = 0; i < 2; i++) {
        assert_int_equal(people_found(quinn, "per person", flags[i], w.per), 0);
        assert_int_equal(people_found(quinn, "", flags[i], w.per), i);
    }
    assert_int_equal(people_found(quinn, PM_PERSON_ERASED_NAME, PM_PERSON_INCLUDE_LEFT, w.per), 1);

    /* The exports: Per's by HR, and those of the people Per worked with. */
    const pm_id actors[4] = { w.hr, w.quinn, w.manager, w.boss };
    const pm_id exported[4] = { w.per, w.quinn, w.manager, w.boss };
    for (int i = 0; i < 4; i++) {
        char *json = export_by(f, actors[i], exported[i]);
        char where[64];
        snprintf(where, sizeof where, "the export of person %lld", (long long)exported[i]);
        assert_no_trace(json, where);
        pm_free(json);
    }

    /* Feedback Per gave Quinn stays, its giver reading as a former employee. */
    pm_feedback *fb = received_with_text(quinn, w.quinn, W_PER_GIVES_QUINN);
    assert_int_equal(pm_feedback_giver(fb), w.per);
    p = person_as(quinn, pm_feedback_giver(fb));
    assert_string_equal(pm_person_display_name(p), PM_PERSON_ERASED_NAME);
    pm_person_free(p);
    pm_feedback_free(fb);

    /* Per's goals, archived: out of the default list, in the full one. */
    assert_int_equal(goals_of(hr, w.per, 0), 0);
    assert_int_equal(goals_of(hr, w.per, PM_GOAL_INCLUDE_CLOSED), 2);
    pm_goal *g = goal_as(hr, w.goal_own);
    assert_int_equal(pm_goal_state_get(g), PM_GOAL_ARCHIVED);
    assert_int_equal(pm_goal_owner(g), w.per);
    pm_goal_free(g);
    double value = 0;
    char *comment = progress_comment(hr, w.goal_own, w.per, &value);
    assert_string_equal(comment, "");
    free(comment);

    /* The manager's check-ins hold no series with Per. */
    assert_int_equal(series_of(manager, w.manager), 0);
    pm_checkin_series *series = NULL;
    char gone[80];
    snprintf(gone, sizeof gone, "check-in series %lld does not exist", (long long)w.series);
    assert_fails(manager, pm_checkin_series_get(&series, manager, w.series), PM_ENOTFOUND, gone);
    pm_session_free(manager);
    pm_session_free(hr);
    pm_session_free(quinn);
}

/* ---- the store itself ---- */

static void test_erase_leaves_no_trace_in_the_store(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    assert_store_holds_every_trace(f);
    erase_as(f, w.hr, w.per, NULL, NULL);
    assert_store_holds_no_trace(f);
    /* The store reopened after the look is the one erased. */
    check_person_reads_as_erased(f->sys, w.per);
}

/* ---- what goes and what stays ---- */

/* Records about others that name Per, made before erasure: Per as the
 * manager of Tom (shared and private entries in their check-in, an
 * assessment, progress on Tom's goal) and a request Per made about Tom. */
typedef struct about_tom {
    pm_id tom, series, checkin, goal, request;
} about_tom;

#define PER_TO_TOM_SHARED "Per to Tom: keep the demo short"
#define PER_ON_TOM_PRIVATE "Per's private note: Tom asked for a raise"
#define PER_ASSESSES_TOM "Per on Tom: solid"
#define PER_ON_TOMS_GOAL "Per on Tom's goal: halfway there"
#define PER_ASKS_ABOUT_TOM "How is Tom settling in?"

static void entry(pm_fixture *f, pm_id author, pm_id checkin, const char *text, int is_private)
{
    pm_checkin_entry_opts e = PM_CHECKIN_ENTRY_OPTS_INIT;
    e.kind = PM_ENTRY_NOTE;
    e.text = text;
    e.is_private = is_private;
    AS(f, author, pm_checkin_entry_add(NULL, s, checkin, &e));
}

static pm_id first_checkin(pm_session *s, pm_id series)
{
    pm_checkin_iter *it = NULL;
    pm_checkin *c = NULL;
    assert_ok(s, pm_checkin_list(&it, s, series));
    assert_ok(s, pm_checkin_iter_next(&c, it));
    pm_id id = pm_checkin_id(c);
    pm_checkin_iter_free(it);
    return id;
}

static void make_tom(pm_fixture *f, const world *w, about_tom *t)
{
    t->tom = pm_fixture_person(f, "E9", "Tom Report", w->per, w->eng);
    pm_checkin_series_opts o = PM_CHECKIN_SERIES_OPTS_INIT;
    o.manager = w->per;
    o.report = t->tom;
    AS(f, w->per, pm_checkin_series_create(&t->series, s, &o));
    t->checkin = first_checkin(f->sys, t->series);
    entry(f, w->per, t->checkin, PER_TO_TOM_SHARED, 0);
    entry(f, w->per, t->checkin, PER_ON_TOM_PRIVATE, 1);

    pm_assessment_opts a = PM_ASSESSMENT_OPTS_INIT;
    a.person = t->tom;
    a.competency = w->competency;
    a.level = 3;
    a.source = PM_ASSESSED_BY_MANAGER;
    a.note = PER_ASSESSES_TOM;
    AS(f, w->per, pm_assessment_add(NULL, s, &a));

    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = t->tom;
    g.title = "Tom: first release";
    g.due = pm_fixture_date("2026-09-30");
    AS(f, w->per, pm_goal_create(&t->goal, s, &g));
    AS(f, w->per, pm_goal_set_state(s, t->goal, PM_GOAL_ACTIVE));
    pm_progress_opts p = PM_PROGRESS_OPTS_INIT;
    p.value = 0.5;
    p.comment = PER_ON_TOMS_GOAL;
    AS(f, w->per, pm_progress_add(NULL, s, t->goal, 0, &p));

    pm_feedback_request_opts r = PM_FEEDBACK_REQUEST_OPTS_INIT;
    r.subject = t->tom;
    r.topic = PER_ASKS_ABOUT_TOM;
    r.addressees = &w->quinn;
    r.naddressees = 1;
    AS(f, w->per, pm_feedback_request_create(&t->request, s, &r));
}

static int store_holds(pm_fixture *f, const char *text)
{
    char *dump = pm_fixture_store_dump(f);
    int found = strstr(dump, text) != NULL;
    free(dump);
    return found;
}

/* What the header lists as going, read through the API by HR: there
 * before the erasure, gone after. */
static void check_what_goes(pm_session *hr, const world *w, int before)
{
    assert_int_equal(feedback_received(hr, w->per), before ? 3 : 0);
    assert_int_equal(requests(hr, w->per, PM_REQUEST_ABOUT), before ? 2 : 0);
    assert_int_equal(rounds_360(hr, w->per, 0), before);
    assert_int_equal(assessments(hr, w->per), before ? 4 : 0);
    assert_int_equal(plans(hr, w->per), before);
    assert_int_equal(items_mentored(hr, w->quinn), before);
    assert_int_equal(enrolment_item(hr, w->programme, w->per) != 0, before);
    pm_checkin *c = NULL;
    pm_status st = pm_checkin_get(&c, hr, w->checkin);
    assert_int_equal(st, before ? PM_OK : PM_ENOTFOUND);
    pm_checkin_free(c);
    double value = 0;
    char *comment = progress_comment(hr, w->goal_own, w->per, &value);
    assert_string_equal(comment, before ? W_PER_PROGRESS_COMMENT : "");
    SAME_REAL(value, 4);
    free(comment);
}

static void check_tom_keeps_his_records(pm_fixture *f, const world *w, const about_tom *t)
{
    pm_session *tom = pm_fixture_session(f, t->tom);
    pm_checkin_entry_iter *it = NULL;
    pm_checkin_entry *e = NULL;
    int shared = 0;
    assert_ok(tom, pm_checkin_entry_list(&it, tom, t->checkin));
    while (pm_checkin_entry_iter_next(&e, it) == PM_OK)
        shared += strcmp(pm_checkin_entry_text(e), PER_TO_TOM_SHARED) == 0
                  && pm_checkin_entry_author(e) == w->per;
    pm_checkin_entry_iter_free(it);
    assert_int_equal(shared, 1);

    pm_assessment_iter *ai = NULL;
    pm_assessment *a = NULL;
    assert_ok(tom, pm_assessment_list(&ai, tom, t->tom, 0));
    assert_ok(tom, pm_assessment_iter_next(&a, ai));
    assert_int_equal(pm_assessment_assessor(a), w->per);
    assert_string_equal(pm_assessment_note(a), PER_ASSESSES_TOM);
    pm_assessment_iter_free(ai);

    double value = 0;
    char *comment = progress_comment(tom, t->goal, w->per, &value);
    assert_string_equal(comment, PER_ON_TOMS_GOAL);
    free(comment);
    pm_session_free(tom);

    pm_feedback_request *r = NULL;
    assert_ok(f->sys, pm_feedback_request_get(&r, f->sys, t->request));
    assert_int_equal(pm_feedback_request_requester(r), w->per);
    assert_int_equal(pm_feedback_request_subject(r), t->tom);
    assert_string_equal(pm_feedback_request_topic(r), PER_ASKS_ABOUT_TOM);
    pm_feedback_request_free(r);
}

/* Structure without content: ids and dates that name Per. */
static void check_structure_stays(pm_fixture *f, const world *w, const about_tom *t,
                                  const audit_rows *audit_before)
{
    pm_session *hr = pm_fixture_session(f, w->hr);
    const pm_date worked = pm_fixture_date("2026-06-20");
    pm_id id = 0;
    assert_ok(hr, pm_org_unit_on(&id, hr, w->per, worked));
    assert_int_equal(id, w->eng);
    assert_ok(hr, pm_org_manager_on(&id, hr, w->per, worked));
    assert_int_equal(id, w->manager);
    assert_ok(hr, pm_org_manager_on(&id, hr, t->tom, PM_DATE_NONE));
    assert_int_equal(id, w->per);
    assert_ok(hr, pm_role_of(&id, hr, w->per, worked));
    assert_int_equal(id, w->role);
    assert_int_equal(enrolment_item(hr, w->programme, w->per), 0);
    pm_survey *sv = NULL;
    assert_ok(hr, pm_survey_get(&sv, hr, w->survey));
    assert_int_equal(pm_survey_invited(sv), 5);
    assert_int_equal(pm_survey_responded(sv), 1);
    pm_survey_free(sv);
    pm_review360 *r = NULL;
    assert_ok(hr, pm_review360_get(&r, hr, w->round_rated));
    assert_int_equal(pm_review360_raters(r), 1);
    assert_int_equal(pm_review360_submitted(r), 1);
    pm_review360_free(r);
    assert_int_equal(rounds_360(hr, w->per, PM_REVIEW360_AS_RATER), 1);
    audit_rows about = audit_of(f, "person", w->per);
    assert_true(about.count > audit_before->count);
    for (size_t i = 0; i < audit_before->count; i++)
        assert_int_equal(about.rows[i].id, audit_before->rows[i].id);
    audit_rows_free(&about);
    pm_session_free(hr);
}

static void test_erase_removes_what_is_about_the_person_and_keeps_what_is_others(void **state)
{
    pm_fixture *f = *state;
    world w;
    about_tom t;
    build(f, &w);
    make_tom(f, &w, &t);
    pass_days(f, 30);
    pm_session *hr = pm_fixture_session(f, w.hr);
    check_what_goes(hr, &w, 1);
    assert_true(store_holds(f, PER_ON_TOM_PRIVATE));
    audit_rows about = audit_of(f, "person", w.per);

    erase_as(f, w.hr, w.per, NULL, NULL);

    check_what_goes(hr, &w, 0);
    pm_feedback *fb = NULL;
    char gone[80];
    snprintf(gone, sizeof gone, "feedback: %lld does not exist", (long long)w.anon_feedback);
    assert_fails(hr, pm_feedback_get(&fb, hr, w.anon_feedback), PM_ENOTFOUND, gone);
    pm_review360 *round = NULL;
    snprintf(gone, sizeof gone, "round %lld does not exist", (long long)w.round_about);
    assert_fails(hr, pm_review360_get(&round, hr, w.round_about), PM_ENOTFOUND, gone);
    pm_plan *plan = NULL;
    snprintf(gone, sizeof gone, "plan %lld does not exist", (long long)w.plan);
    assert_fails(hr, pm_plan_get(&plan, hr, w.plan), PM_ENOTFOUND, gone);
    /* Per's private entry as Tom's manager went; nobody else ever read it. */
    assert_false(store_holds(f, PER_ON_TOM_PRIVATE));
    assert_true(store_holds(f, PER_TO_TOM_SHARED));

    /* What Per gave Quinn, named and anonymous, is Quinn's. */
    pm_session *quinn = pm_fixture_session(f, w.quinn);
    fb = received_with_text(quinn, w.quinn, W_PER_GIVES_QUINN);
    assert_int_equal(pm_feedback_giver(fb), w.per);
    pm_feedback_free(fb);
    fb = received_with_text(quinn, w.quinn, W_PER_ANON_TEXT);
    assert_int_equal(pm_feedback_giver(fb), 0);
    assert_true(pm_feedback_is_anonymous(fb));
    pm_feedback_free(fb);
    pm_session_free(quinn);
    /* Quinn's request to Per is Quinn's, Per still its addressee; the item
     * of Quinn's plan that Per mentors is Quinn's. */
    assert_int_equal(requests(hr, w.per, PM_REQUEST_ADDRESSED_TO), 1);
    assert_int_equal(items_mentored(hr, w.per), 1);
    check_tom_keeps_his_records(f, &w, &t);

    /* Per's goals stay archived with their key result and values. */
    pm_key_result_iter *it = NULL;
    pm_key_result *kr = NULL;
    assert_ok(hr, pm_key_result_list(&it, hr, w.goal_own));
    assert_ok(hr, pm_key_result_iter_next(&kr, it));
    SAME_REAL(pm_key_result_current(kr), 6);
    pm_key_result_iter_free(it);
    double value = 0;
    char *comment = progress_comment(hr, w.goal_own, w.manager, &value);
    assert_string_equal(comment, "Manager: six, counting feedback");
    free(comment);
    pm_session_free(hr);
    check_structure_stays(f, &w, &t, &about);
    audit_rows_free(&about);
}

/* A series moves with its report to a new manager: what Per wrote there
 * privately as the manager goes all the same. */
static void test_erase_removes_private_entries_of_a_series_moved_away(void **state)
{
    pm_fixture *f = *state;
    world w;
    about_tom t;
    build(f, &w);
    make_tom(f, &w, &t);
    pass_days(f, 7);
    assert_ok(f->sys, pm_org_set_manager(f->sys, t.tom, w.manager, PM_DATE_NONE));
    assert_ok(f->sys, pm_checkin_series_move(f->sys, t.series, w.manager));
    assert_true(store_holds(f, PER_ON_TOM_PRIVATE));

    erase_as(f, w.hr, w.per, NULL, NULL);

    assert_false(store_holds(f, PER_ON_TOM_PRIVATE));
    check_tom_keeps_his_records(f, &w, &t);
}

/* ---- numbers ---- */

typedef struct result_360 {
    pm_id question;
    pm_rater_group group;
    int shown, count;
    double mean, sd;
} result_360;

/* A round about Quinn that Per rates with three others, closed. */
static pm_id quinn_round(pm_fixture *f, const world *w)
{
    pm_review360_opts o = PM_REVIEW360_OPTS_INIT;
    o.subject = w->quinn;
    o.title = "Quinn's peer round";
    o.opens = pm_fixture_date("2026-06-01");
    o.closes = pm_fixture_date("2026-06-30");
    pm_id round = 0, q = 0;
    assert_ok(f->sys, pm_review360_create(&round, f->sys, &o));
    assert_ok(f->sys, pm_review360_add_question(&q, f->sys, round, "Shares knowledge", 0, 1, 5));
    const pm_id raters[4] = { w->per, w->rita, w->sam, w->manager };
    const pm_rater_group groups[4] = { PM_RATER_PEER, PM_RATER_PEER, PM_RATER_PEER,
                                       PM_RATER_MANAGER };
    const int ratings[4] = { 5, 4, 2, 3 };
    for (int i = 0; i < 4; i++)
        assert_ok(f->sys, pm_review360_add_rater(f->sys, round, raters[i], groups[i]));
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    for (int i = 0; i < 4; i++) {
        pm_review360_answer a = { q, ratings[i], NULL, 0 };
        AS(f, raters[i], pm_review360_submit(s, round, &a, 1));
    }
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    return round;
}

static size_t results_360(pm_session *s, pm_id round, result_360 *out, size_t max)
{
    pm_review360_result_iter *it = NULL;
    pm_review360_result *r = NULL;
    size_t n = 0;
    assert_ok(s, pm_review360_results(&it, s, round));
    while (pm_review360_result_iter_next(&r, it) == PM_OK) {
        assert_true(n < max);
        result_360 *x = &out[n++];
        x->question = pm_review360_result_question(r);
        x->group = pm_review360_result_group(r);
        x->shown = pm_review360_result_shown(r);
        x->count = pm_review360_result_count(r);
        x->mean = pm_review360_result_mean(r);
        x->sd = pm_review360_result_sd(r);
    }
    pm_review360_result_iter_free(it);
    return n;
}

static void survey_answers(pm_fixture *f, pm_id person, pm_id survey, int value)
{
    pm_survey_answer a[5];
    for (int i = 0; i < 5; i++) {
        a[i].instrument = PM_INSTRUMENT_WHO5;
        a[i].metric = 0;
        a[i].item = i + 1;
        a[i].value = value;
    }
    AS(f, person, pm_survey_respond(s, survey, a, 5));
}

typedef struct rate_row {
    pm_id unit;
    int suppressed, invited, responded;
    double value;
} rate_row;

static size_t response_rates(pm_session *s, pm_id survey, rate_row *out, size_t max)
{
    pm_response_rate_iter *it = NULL;
    pm_response_rate *r = NULL;
    size_t n = 0;
    assert_ok(s, pm_survey_response_rates(&it, s, survey));
    while (pm_response_rate_iter_next(&r, it) == PM_OK) {
        assert_true(n < max);
        rate_row *x = &out[n++];
        x->unit = pm_response_rate_unit(r);
        x->suppressed = pm_response_rate_suppressed(r);
        x->invited = pm_response_rate_invited(r);
        x->responded = pm_response_rate_responded(r);
        x->value = pm_response_rate_value(r);
    }
    pm_response_rate_iter_free(it);
    return n;
}

/* The numbers of one side of the erasure that must not move. */
typedef struct steady {
    result_360 results[8];
    size_t nresults;
    int invited, responded;
    rate_row rates[4];
    size_t nrates;
    pm_feedback_stats per, quinn;
    size_t headcount;
} steady;

static size_t members_on(pm_session *s, pm_id unit, pm_date date)
{
    pm_person_iter *it = NULL;
    size_t n;
    assert_ok(s, pm_unit_members(&it, s, unit, date, 0));
    DRAIN(it, pm_person, pm_person_iter_next, pm_person_iter_free, n);
    return n;
}

static void read_steady(pm_fixture *f, const world *w, pm_id round, steady *out)
{
    pm_session *hr = pm_fixture_session(f, w->hr);
    out->nresults = results_360(hr, round, out->results, 8);
    pm_survey *sv = NULL;
    assert_ok(hr, pm_survey_get(&sv, hr, w->survey));
    out->invited = pm_survey_invited(sv);
    out->responded = pm_survey_responded(sv);
    pm_survey_free(sv);
    out->nrates = response_rates(hr, w->survey, out->rates, 4);
    pm_feedback_stats_opts o = PM_FEEDBACK_STATS_OPTS_INIT;
    o.from = pm_fixture_date("2026-06-01");
    o.to = pm_fixture_date("2026-06-30");
    pm_feedback_stats init = PM_FEEDBACK_STATS_INIT;
    out->per = out->quinn = init;
    assert_ok(hr, pm_feedback_stats_person(&out->per, hr, w->per, &o));
    assert_ok(hr, pm_feedback_stats_person(&out->quinn, hr, w->quinn, &o));
    out->headcount = members_on(hr, w->eng, pm_fixture_date("2026-06-20"));
    pm_session_free(hr);
}

static void assert_same_received(const pm_feedback_stats *a, const pm_feedback_stats *b)
{
    assert_int_equal(a->received, b->received);
    assert_int_equal(a->anonymous_received, b->anonymous_received);
    assert_memory_equal(a->received_by_direction, b->received_by_direction,
                        sizeof a->received_by_direction);
    assert_memory_equal(a->received_by_kind, b->received_by_kind, sizeof a->received_by_kind);
}

static void assert_same_given(const pm_feedback_stats *a, const pm_feedback_stats *b)
{
    assert_int_equal(a->given, b->given);
    assert_memory_equal(a->given_by_direction, b->given_by_direction,
                        sizeof a->given_by_direction);
    assert_memory_equal(a->given_by_kind, b->given_by_kind, sizeof a->given_by_kind);
}

static void test_erase_keeps_the_numbers_that_read_nothing_erased(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_id round = quinn_round(f, &w);
    survey_answers(f, w.quinn, w.survey, 4);
    survey_answers(f, w.rita, w.survey, 2);
    pass_days(f, 30);
    steady before, after;
    read_steady(f, &w, round, &before);
    assert_int_equal(before.nresults, 2);
    const result_360 *peers = &before.results[1];
    assert_int_equal(peers->group, PM_RATER_PEER);
    assert_true(peers->shown);
    assert_int_equal(peers->count, 3); /* Per among them */
    SAME_REAL(peers->mean, 11.0 / 3);
    assert_int_equal(before.responded, 3);
    assert_int_equal(before.nrates, 1);
    assert_false(before.rates[0].suppressed);
    assert_int_equal(before.rates[0].responded, 3);
    assert_int_equal(before.per.given, 1);
    assert_int_equal(before.per.received, 3);
    assert_int_equal(before.headcount, 5);

    erase_as(f, w.hr, w.per, NULL, NULL);

    read_steady(f, &w, round, &after);
    assert_int_equal(after.nresults, before.nresults);
    for (size_t i = 0; i < before.nresults; i++) {
        const result_360 *a = &before.results[i], *b = &after.results[i];
        assert_int_equal(a->question, b->question);
        assert_int_equal(a->group, b->group);
        assert_int_equal(a->shown, b->shown);
        assert_int_equal(a->count, b->count);
        SAME_REAL(a->mean, b->mean);
        SAME_REAL(a->sd, b->sd);
    }
    assert_int_equal(after.invited, before.invited);
    assert_int_equal(after.responded, before.responded);
    assert_int_equal(after.nrates, before.nrates);
    for (size_t i = 0; i < before.nrates; i++) {
        assert_int_equal(after.rates[i].unit, before.rates[i].unit);
        assert_int_equal(after.rates[i].suppressed, before.rates[i].suppressed);
        assert_int_equal(after.rates[i].invited, before.rates[i].invited);
        assert_int_equal(after.rates[i].responded, before.rates[i].responded);
        SAME_REAL(after.rates[i].value, before.rates[i].value);
    }
    assert_same_given(&after.per, &before.per);
    assert_same_received(&after.quinn, &before.quinn);
    /* What Quinn gave Per, and the requests about Per Quinn was asked to
     * answer, were Per's, and went. */
    assert_int_equal(before.quinn.given, 2);
    assert_int_equal(after.quinn.given, 0);
    assert_int_equal(before.quinn.requests_addressed, 2);
    assert_int_equal(after.quinn.requests_addressed, 0);
    /* Per's requests to answer are others' records and stay counted. */
    assert_int_equal(after.per.requests_addressed, before.per.requests_addressed);
    /* What Per received went. */
    assert_int_equal(after.per.received, 0);
    assert_int_equal(after.headcount, before.headcount);
}

static void measure(pm_fixture *f, pm_id person, pm_id metric, double value)
{
    pm_measurement_opts m = PM_MEASUREMENT_OPTS_INIT;
    m.person = person;
    m.metric = metric;
    m.value = value;
    AS(f, person, pm_measurement_add(NULL, s, &m));
}

/* The numbers that read what goes, read by HR over June. */
typedef struct leftover {
    pm_aggregate energy, who5;
    int trend_people;
    double trend_mean;
    pm_evaluation_result evaluation;
} leftover;

static void read_leftover(pm_fixture *f, const world *w, pm_id evaluation, leftover *out)
{
    pm_session *hr = pm_fixture_session(f, w->hr);
    const pm_time from = PM_FIXTURE_NOW - 14 * 86400, to = PM_FIXTURE_NOW + 15 * 86400;
    pm_aggregate init = PM_AGGREGATE_INIT;
    out->energy = out->who5 = init;
    assert_ok(hr, pm_wellbeing_aggregate(&out->energy, hr, w->metric, w->eng, from, to, 3));
    pm_id who5 = 0;
    assert_ok(hr, pm_metric_builtin(&who5, hr, PM_METRIC_WHO5));
    assert_ok(hr, pm_wellbeing_aggregate(&out->who5, hr, who5, w->eng, from, to, 3));
    pm_trend_opts o = PM_TREND_OPTS_INIT;
    o.metric = w->metric;
    o.unit = w->eng;
    o.from = pm_fixture_date("2026-06-01");
    o.to = pm_fixture_date("2026-06-30");
    o.min_group = 3;
    pm_trend *trend = NULL;
    assert_ok(hr, pm_trend_get(&trend, hr, &o));
    assert_int_equal(pm_trend_count(trend), 1);
    out->trend_people = pm_trend_period_people(trend, 0);
    out->trend_mean = pm_trend_period_mean(trend, 0);
    pm_trend_free(trend);
    pm_evaluation_result r = PM_EVALUATION_RESULT_INIT;
    out->evaluation = r;
    assert_ok(hr, pm_evaluation_result_get(&out->evaluation, hr, evaluation));
    pm_session_free(hr);
}

static void test_erase_leaves_numbers_counting_what_is_left(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    const pm_id others[3] = { w.quinn, w.rita, w.sam };
    for (int i = 0; i < 3; i++) {
        measure(f, others[i], w.metric, 4 + i);
        survey_answers(f, others[i], w.survey, 1 + i);
    }
    pm_evaluation_opts e = PM_EVALUATION_OPTS_INIT;
    const pm_id participants[3] = { w.per, w.quinn, w.rita };
    e.title = "Pairing effect";
    e.metric = w.metric;
    e.participants = participants;
    e.nparticipants = 3;
    pm_id evaluation = 0;
    assert_ok(f->sys, pm_evaluation_create(&evaluation, f->sys, &e));
    for (int i = 0; i < 3; i++)
        assert_ok(f->sys, pm_evaluation_set_values(f->sys, evaluation, participants[i], 3 + i,
                                                   6 + 2 * i));
    leftover before, after;
    read_leftover(f, &w, evaluation, &before);
    assert_int_equal(before.energy.people, 4);
    SAME_REAL(before.energy.mean, (7.0 + 4 + 5 + 6) / 4);
    assert_int_equal(before.who5.people, 4);
    assert_int_equal(before.trend_people, 4);
    assert_int_equal(before.evaluation.participants, 3);

    erase_as(f, w.hr, w.per, NULL, NULL);

    read_leftover(f, &w, evaluation, &after);
    assert_false(after.energy.suppressed);
    assert_int_equal(after.energy.people, 3);
    assert_int_equal(after.energy.n, 3);
    SAME_REAL(after.energy.mean, (4.0 + 5 + 6) / 3);
    assert_int_equal(after.who5.people, 3);
    assert_int_equal(after.who5.n, 3);
    SAME_REAL(after.who5.mean, (20.0 + 40 + 60) / 3);
    assert_int_equal(after.trend_people, 3);
    SAME_REAL(after.trend_mean, after.energy.mean);
    assert_int_equal(after.evaluation.participants, 2);
    assert_int_equal(after.evaluation.n, 2);
}

/* A team goal of the manager's with two children: Per's at 0.8 and
 * Quinn's at 0.2. */
typedef struct team {
    pm_id parent, per_child, quinn_child;
} team;

static pm_id child_goal(pm_fixture *f, pm_id owner, pm_id parent, double progress)
{
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = owner;
    g.title = "Part of the team goal";
    g.due = pm_fixture_date("2026-12-31");
    g.parent = parent;
    pm_id id = 0;
    AS(f, owner, pm_goal_create(&id, s, &g));
    AS(f, owner, pm_goal_set_state(s, id, PM_GOAL_ACTIVE));
    pm_progress_opts p = PM_PROGRESS_OPTS_INIT;
    p.value = progress;
    AS(f, owner, pm_progress_add(NULL, s, id, 0, &p));
    return id;
}

static void make_team(pm_fixture *f, const world *w, team *t)
{
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = w->manager;
    g.title = "Team: ship the exports";
    g.due = pm_fixture_date("2026-12-31");
    g.visibility = PM_VISIBILITY_PUBLIC;
    AS(f, w->manager, pm_goal_create(&t->parent, s, &g));
    AS(f, w->manager, pm_goal_set_state(s, t->parent, PM_GOAL_ACTIVE));
    t->per_child = child_goal(f, w->per, t->parent, 0.8);
    t->quinn_child = child_goal(f, w->quinn, t->parent, 0.2);
}

static double rolled_up(pm_fixture *f, pm_id goal)
{
    pm_goal_status st = PM_GOAL_STATUS_INIT;
    assert_ok(f->sys, pm_goal_evaluate(&st, f->sys, goal, PM_DATE_NONE, NULL));
    return st.progress;
}

static void test_erase_with_reassigned_goals_keeps_the_roll_up(void **state)
{
    pm_fixture *f = *state;
    world w;
    team t;
    build(f, &w);
    make_team(f, &w, &t);
    double before = rolled_up(f, t.parent);
    SAME_REAL(before, 0.5);

    pm_erase_opts o = PM_ERASE_OPTS_INIT;
    o.goals = PM_ERASE_GOALS_REASSIGN;
    o.new_owner = w.manager;
    erase_as(f, w.hr, w.per, &o, NULL);

    SAME_REAL(rolled_up(f, t.parent), before);
    const pm_id goals[3] = { t.per_child, w.goal_own, w.goal_by_manager };
    const pm_goal_state states[3] = { PM_GOAL_ACTIVE, PM_GOAL_ACTIVE, PM_GOAL_DRAFT };
    for (int i = 0; i < 3; i++) {
        pm_goal *g = goal_as(f->sys, goals[i]);
        assert_int_equal(pm_goal_owner(g), w.manager);
        assert_int_equal(pm_goal_state_get(g), states[i]);
        pm_goal_free(g);
    }
    assert_int_equal(goals_of(f->sys, w.per, PM_GOAL_INCLUDE_CLOSED), 0);
    double value = 0;
    char *comment = progress_comment(f->sys, w.goal_own, w.per, &value);
    assert_string_equal(comment, "");
    SAME_REAL(value, 4);
    free(comment);
}

static void test_erase_with_archived_goals_drops_them_from_the_roll_up(void **state)
{
    pm_fixture *f = *state;
    world w;
    team t;
    build(f, &w);
    make_team(f, &w, &t);
    SAME_REAL(rolled_up(f, t.parent), 0.5);

    erase_as(f, w.hr, w.per, NULL, NULL);

    SAME_REAL(rolled_up(f, t.parent), 0.2);
    pm_goal *g = goal_as(f->sys, t.per_child);
    assert_int_equal(pm_goal_state_get(g), PM_GOAL_ARCHIVED);
    assert_int_equal(pm_goal_owner(g), w.per);
    pm_goal_free(g);
}

/* ---- the audit trail ---- */

/* Checks the entries after the first `from` of the trail: Per's leaving
 * (the entries leaving wrote for Rita, on Per's records), then one erase
 * entry by HR naming Per and counting report's records; and that it is
 * Per's only erase entry. */
static void check_erase_entries(pm_fixture *f, const world *w, size_t from,
                                const pm_erase_report *report, const audit_rows *leaving)
{
    audit_rows all = audit_all(f);
    assert_int_equal(all.count, from + leaving->count + 1);
    for (size_t i = 0; i < leaving->count; i++) {
        const audit_row *a = &all.rows[from + i];
        assert_int_equal(a->op, leaving->rows[i].op);
        assert_string_equal(a->kind, leaving->rows[i].kind);
        assert_int_equal(a->actor, w->hr);
        if (strcmp(a->kind, "person") == 0)
            assert_int_equal(a->record, w->per);
    }
    const audit_row *erase = &all.rows[all.count - 1];
    assert_int_equal(erase->op, PM_AUDIT_ERASE);
    assert_int_equal(erase->actor, w->hr);
    assert_int_equal(erase->actor_kind, PM_AUDIT_ACTOR_PERSON);
    assert_string_equal(erase->kind, "person");
    assert_int_equal(erase->record, w->per);
    assert_int_equal(erase->records, report->removed + report->changed);
    audit_rows_free(&all);
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.record_kind = "person";
    q.record = w->per;
    q.op = PM_AUDIT_ERASE;
    audit_rows erasures = audit_read(f->sys, &q);
    assert_int_equal(erasures.count, 1);
    audit_rows_free(&erasures);
}

/* The entries leaving writes, as Rita's leaving (placed as Per is) shows. */
static audit_rows leaving_entries(pm_fixture *f, const world *w)
{
    audit_rows before = audit_all(f);
    AS(f, w->hr, pm_person_set_left(s, w->rita, PM_DATE_NONE));
    audit_rows all = audit_all(f);
    audit_rows leaving = { NULL, all.count - before.count };
    leaving.rows = malloc((leaving.count + 1) * sizeof *leaving.rows);
    assert_non_null(leaving.rows);
    memcpy(leaving.rows, all.rows + before.count, leaving.count * sizeof *leaving.rows);
    assert_true(leaving.count > 0);
    audit_rows_free(&before);
    audit_rows_free(&all);
    return leaving;
}

static void test_erase_of_an_active_person_is_audited_once_after_leaving(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pass_days(f, 30);
    audit_rows leaving = leaving_entries(f, &w);
    audit_rows before = audit_all(f);
    pm_erase_report report = PM_ERASE_REPORT_INIT;
    erase_as(f, w.hr, w.per, NULL, &report);
    check_erase_entries(f, &w, before.count, &report, &leaving);
    audit_rows_free(&leaving);
    audit_rows_free(&before);
}

static void test_erase_of_a_person_who_left_adds_one_entry(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    assert_ok(f->sys, pm_person_set_left(f->sys, w.per, PM_DATE_NONE));
    audit_rows before = audit_all(f);
    pm_erase_report report = PM_ERASE_REPORT_INIT;
    erase_as(f, w.hr, w.per, NULL, &report);
    const audit_rows none = { NULL, 0 };
    check_erase_entries(f, &w, before.count, &report, &none);
    audit_rows_free(&before);
}

/* ---- leaving ---- */

static void test_erase_of_an_active_person_records_them_as_left(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pass_days(f, 30);
    erase_as(f, w.hr, w.per, NULL, NULL);
    pm_person *p = person_as(f->sys, w.per);
    assert_int_equal(pm_person_status_get(p), PM_PERSON_ERASED);
    assert_int_equal(pm_person_left_on(p), today(f));
    pm_person_free(p);
    pm_id id = 0;
    assert_ok(f->sys, pm_org_unit_on(&id, f->sys, w.per, PM_DATE_NONE));
    assert_int_equal(id, 0);
    assert_ok(f->sys, pm_org_unit_on(&id, f->sys, w.per, today(f) - 1));
    assert_int_equal(id, w.eng);
    assert_ok(f->sys, pm_org_manager_on(&id, f->sys, w.per, PM_DATE_NONE));
    assert_int_equal(id, 0);
    assert_ok(f->sys, pm_org_manager_on(&id, f->sys, w.per, today(f) - 1));
    assert_int_equal(id, w.manager);
    assert_int_equal(members_on(f->sys, w.eng, PM_DATE_NONE), 4);
    assert_int_equal(members_on(f->sys, w.eng, today(f) - 1), 5);
}

/* ---- an erased record stays as it is ---- */

static void test_an_erased_person_cannot_change_act_or_be_erased_again(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    erase_as(f, w.hr, w.per, NULL, NULL);
    char *before = pm_fixture_store_dump(f);
    pm_session *hr = pm_fixture_session(f, w.hr);
    pm_session *const actors[2] = { hr, f->sys };
    for (int i = 0; i < 2; i++) {
        pm_session *s = actors[i];
        pm_person_opts o = PM_PERSON_OPTS_INIT;
        o.display_name = W_PER_NAME;
        assert_fails(s, pm_person_update(s, w.per, &o), PM_ECONFLICT,
                     "was erased and cannot change");
        o.display_name = NULL;
        o.email = PER_EMAIL;
        assert_fails(s, pm_person_update(s, w.per, &o), PM_ECONFLICT,
                     "was erased and cannot change");
        assert_fails(s, pm_person_set_hr_admin(s, w.per, 1), PM_ECONFLICT,
                     "was erased and cannot change");
        assert_fails(s, pm_person_set_left(s, w.per, PM_DATE_NONE), PM_ECONFLICT,
                     "was erased and cannot change");
        assert_fails(s, pm_person_erase(s, w.per, NULL, NULL), PM_ECONFLICT, "already erased");
    }
    pm_session *per = NULL;
    assert_int_equal(pm_session_open(&per, f->db, w.per), PM_EPERM);
    assert_non_null(strstr(pm_db_errmsg(f->db), "has left and cannot act"));
    assert_null(per);
    pm_session_free(hr);
    pm_fixture_assert_store_is(f, before);
}

/* ---- the report ---- */

static void test_erase_reports_what_it_did(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    pm_erase_report report = PM_ERASE_REPORT_INIT;
    erase_as(f, w.hr, w.per, NULL, &report);
    assert_true(report.removed > 0);
    /* Changed: Per's record, two goals archived, Per's progress comment,
     * the enrolment that named Per's plan item. */
    assert_int_equal(report.changed, 5);
    erase_as(f, w.hr, w.quinn, NULL, NULL);
    pm_person *p = person_as(f->sys, w.quinn);
    assert_int_equal(pm_person_status_get(p), PM_PERSON_ERASED);
    pm_person_free(p);
}

/* ---- inside a caller's transaction ---- */

static void test_erase_rolled_back_with_its_group_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    world w;
    build(f, &w);
    char *before = pm_fixture_store_dump(f);
    pm_session *hr = pm_fixture_session(f, w.hr);
    assert_ok(hr, pm_session_begin(hr));
    pm_erase_report report = PM_ERASE_REPORT_INIT;
    assert_ok(hr, pm_person_erase(hr, w.per, NULL, &report));
    assert_true(report.removed > 0);
    check_person_reads_as_erased(hr, w.per);
    assert_ok(hr, pm_session_rollback(hr));
    pm_session_free(hr);
    pm_fixture_assert_store_is(f, before);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_erase_leaves_no_trace_in_public_reads),
        T(test_erase_leaves_no_trace_in_the_store),
        T(test_erase_removes_what_is_about_the_person_and_keeps_what_is_others),
        T(test_erase_removes_private_entries_of_a_series_moved_away),
        T(test_erase_keeps_the_numbers_that_read_nothing_erased),
        T(test_erase_leaves_numbers_counting_what_is_left),
        T(test_erase_with_reassigned_goals_keeps_the_roll_up),
        T(test_erase_with_archived_goals_drops_them_from_the_roll_up),
        T(test_erase_of_an_active_person_is_audited_once_after_leaving),
        T(test_erase_of_a_person_who_left_adds_one_entry),
        T(test_erase_of_an_active_person_records_them_as_left),
        T(test_an_erased_person_cannot_change_act_or_be_erased_again),
        T(test_erase_reports_what_it_did),
        T(test_erase_rolled_back_with_its_group_changes_nothing),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
#ifdef PM_TEST_HAVE_PG
    pm_pg_store_close();
#endif
    return failed;
}
