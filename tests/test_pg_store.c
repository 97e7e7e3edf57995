/* The PostgreSQL backend's own promises, on the server of PM_TEST_PG_URI
 * (skipped without it): tenants in one database do not see each other; a
 * newer store, a schema of foreign tables, NOCREATE and READONLY are
 * refused without changing anything; bad schema names are refused; psql
 * sees typed columns; a lost connection fails the call, the transaction
 * is gone, and the next call reconnects; a unique conflict inside a
 * transaction leaves it usable; what groups keep of the organisation
 * follows every other writer, psql included; and the change stamp's
 * triggers are made again by a writable open, never by a read-only one. */
#define _POSIX_C_SOURCE 200809L
#include "fixture.h"
#include "pg_store.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* ---- schemas made by a case, dropped after it ---- */

#define MAX_SCHEMAS 8
static char schemas[MAX_SCHEMAS][64];
static int nschemas;

static const char *new_schema(void)
{
    assert_true(nschemas < MAX_SCHEMAS);
    pm_pg_store_new_schema(schemas[nschemas]);
    return schemas[nschemas++];
}

static int teardown_schemas(void **state)
{
    (void)state;
    for (int i = 0; i < nschemas; i++)
        pm_pg_store_drop(schemas[i]);
    nschemas = 0;
    return 0;
}

static pm_status open_db(pm_db **db, const char *schema, unsigned int flags)
{
    char uri[1024];
    assert_int_equal(pm_pg_store_uri(uri, sizeof uri, schema), 0);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.flags = flags;
    char *err = NULL;
    *db = NULL;
    pm_status st = pm_db_open(db, &err, uri, &opts);
    pm_free(err);
    return st;
}

static pm_db *open_ok(const char *schema)
{
    pm_db *db = NULL;
    assert_int_equal(open_db(&db, schema, 0), PM_OK);
    return db;
}

static long long query_int(const char *sql)
{
    char text[64];
    assert_int_equal(pm_pg_store_query_text(sql, text, sizeof text), 0);
    return strtoll(text, NULL, 10);
}

static long long tables_in(const char *schema)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
             "WHERE n.nspname = '%s'",
             schema);
    return query_int(sql);
}

static int schema_exists(const char *schema)
{
    char sql[200];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM pg_namespace WHERE nspname = '%s'", schema);
    return query_int(sql) > 0;
}

static pm_id make_person(pm_session *s, const char *external_id, const char *name)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = external_id;
    o.display_name = name;
    pm_id id = 0;
    if (pm_person_create(&id, s, &o) != PM_OK)
        fail_msg("creating %s: %s", external_id, pm_session_errmsg(s));
    return id;
}

static void assert_person_name(pm_session *s, pm_id id, const char *name)
{
    pm_person *p = NULL;
    if (pm_person_get(&p, s, id) != PM_OK)
        fail_msg("get %lld: %s", (long long)id, pm_session_errmsg(s));
    assert_string_equal(pm_person_display_name(p), name);
    pm_person_free(p);
}

static size_t count_people(pm_session *s)
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

/* ---- tenants ---- */

static void test_tenants_in_one_database_do_not_see_each_other(void **state)
{
    (void)state;
    const char *a = new_schema(), *b = new_schema();
    pm_db *da = open_ok(a), *db = open_ok(b);
    pm_session *sa = NULL, *sb = NULL;
    assert_int_equal(pm_session_open_system(&sa, da), PM_OK);
    assert_int_equal(pm_session_open_system(&sb, db), PM_OK);

    pm_id ann = make_person(sa, "ann", "Ann in A");
    pm_person *p = NULL;
    assert_int_equal(pm_person_get(&p, sb, ann), PM_ENOTFOUND);
    assert_int_equal(pm_person_lookup(&p, sb, "ann"), PM_ENOTFOUND);
    assert_int_equal(count_people(sb), 0);

    /* The same external id, and the same first id, in the other tenant. */
    pm_id bob = make_person(sb, "ann", "Bob in B");
    assert_person_name(sa, ann, "Ann in A");
    assert_person_name(sb, bob, "Bob in B");
    if (bob == ann)
        assert_person_name(sa, bob, "Ann in A");
    assert_int_equal(count_people(sa), 1);
    assert_int_equal(count_people(sb), 1);

    pm_session_free(sa);
    pm_session_free(sb);
    pm_db_close(da);
    pm_db_close(db);
}

/* ---- refusals that change nothing ---- */

static void test_a_store_of_a_newer_version_is_refused_and_left_untouched(void **state)
{
    (void)state;
    const char *s = new_schema();
    pm_db_close(open_ok(s));
    char sql[300];
    snprintf(sql, sizeof sql,
             "UPDATE \"%s\".perfmgmt_meta SET value = '9999' WHERE key = 'schema_version'", s);
    assert_int_equal(pm_pg_store_exec(sql), 0);
    long long before = tables_in(s);
    pm_db *db = NULL;
    assert_int_equal(open_db(&db, s, 0), PM_EVERSION);
    assert_null(db);
    assert_int_equal(tables_in(s), before);
    char text[32];
    snprintf(sql, sizeof sql,
             "SELECT value FROM \"%s\".perfmgmt_meta WHERE key = 'schema_version'", s);
    assert_int_equal(pm_pg_store_query_text(sql, text, sizeof text), 0);
    assert_string_equal(text, "9999");
}

static void test_a_schema_of_foreign_tables_is_refused_and_left_untouched(void **state)
{
    (void)state;
    const char *s = new_schema();
    char sql[300];
    snprintf(sql, sizeof sql, "CREATE SCHEMA \"%s\"; CREATE TABLE \"%s\".payroll (id int)", s, s);
    assert_int_equal(pm_pg_store_exec(sql), 0);
    pm_db *db = NULL;
    assert_int_equal(open_db(&db, s, 0), PM_ECORRUPT);
    assert_int_equal(tables_in(s), 1);

    /* A marker table of another application. */
    const char *t = new_schema();
    snprintf(sql, sizeof sql,
             "CREATE SCHEMA \"%s\"; CREATE TABLE \"%s\".perfmgmt_meta (key text, value text);"
             "INSERT INTO \"%s\".perfmgmt_meta VALUES ('application', 'other')",
             t, t, t);
    assert_int_equal(pm_pg_store_exec(sql), 0);
    assert_int_equal(open_db(&db, t, 0), PM_ECORRUPT);
    assert_int_equal(tables_in(t), 1);
}

static void test_nocreate_refuses_a_tenant_without_a_store(void **state)
{
    (void)state;
    const char *s = new_schema();
    pm_db *db = NULL;
    assert_int_equal(open_db(&db, s, PM_DB_NOCREATE), PM_ENOTFOUND);
    assert_false(schema_exists(s));
    pm_db_close(open_ok(s));
    assert_int_equal(open_db(&db, s, PM_DB_NOCREATE), PM_OK);
    pm_db_close(db);
}

static void test_readonly_refuses_creating_and_writing(void **state)
{
    (void)state;
    const char *s = new_schema();
    pm_db *db = NULL;
    assert_int_equal(open_db(&db, s, PM_DB_READONLY), PM_EREADONLY);
    assert_false(schema_exists(s));

    pm_db *rw = open_ok(s);
    pm_session *w = NULL;
    assert_int_equal(pm_session_open_system(&w, rw), PM_OK);
    pm_id ann = make_person(w, "ann", "Ann");
    assert_int_equal(open_db(&db, s, PM_DB_READONLY), PM_OK);
    pm_session *r = NULL;
    assert_int_equal(pm_session_open_system(&r, db), PM_OK);
    assert_person_name(r, ann, "Ann");
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "bob";
    o.display_name = "Bob";
    pm_id id = 0;
    assert_int_equal(pm_person_create(&id, r, &o), PM_EREADONLY);
    assert_int_equal(count_people(w), 1);
    pm_session_free(r);
    pm_session_free(w);
    pm_db_close(db);
    pm_db_close(rw);
}

static void expect_bad_schema(const char *conninfo)
{
    pm_storage *st = NULL;
    char *err = NULL;
    pm_status rc = pm_storage_postgresql_open(&st, conninfo, 0, &err);
    if (rc != PM_EINVAL || err == NULL || strstr(err, "schema") == NULL)
        fail_msg("%s: %s (%d): %s", conninfo, pm_status_str(rc), (int)rc, err ? err : "-");
    assert_null(st);
    pm_free(err);
}

static void test_bad_schema_names_are_refused(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "Acme", "1acme", "acme-corp", "ac me", "", "pg_catalog", "\xC3\xA5sa",
        "a123456789012345678901234567890123456789012345678901234567890123", /* 64 bytes */
    };
    char conninfo[1200];
    const char *server = pm_pg_store_server();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(conninfo, sizeof conninfo, "%s%cschema=%s", server,
                 strchr(server, '?') ? '&' : '?', bad[i]);
        expect_bad_schema(conninfo);
        snprintf(conninfo, sizeof conninfo, "host=/nowhere schema='%s'", bad[i]);
        expect_bad_schema(conninfo);
    }
    expect_bad_schema("host=/nowhere schema=acme schema=other");
    expect_bad_schema("postgresql:///db?schema=acme&schema=other");
}

/* The server's URI as keyword/value pairs, quoted, with the schema among them. */
static void test_keyword_value_strings_name_the_schema_too(void **state)
{
    (void)state;
    const char *s = new_schema();
    char *err = NULL;
    PQconninfoOption *opts = PQconninfoParse(pm_pg_store_server(), &err);
    assert_non_null(opts);
    char conninfo[1200] = "";
    size_t used = 0;
    for (PQconninfoOption *o = opts; o->keyword != NULL; o++) {
        if (o->val == NULL || o->val[0] == '\0')
            continue;
        used += (size_t)snprintf(conninfo + used, sizeof conninfo - used, "%s = '%s' ",
                                 o->keyword, o->val);
    }
    PQconninfoFree(opts);
    snprintf(conninfo + used, sizeof conninfo - used, "schema = '%s'", s);
    pm_storage *st = NULL;
    assert_int_equal(pm_storage_postgresql_open(&st, conninfo, 0, &err), PM_OK);
    pm_db *db = NULL;
    assert_int_equal(pm_db_open_storage(&db, NULL, st), PM_OK);
    pm_db_close(db);
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM information_schema.tables WHERE table_schema = '%s' "
             "AND table_name = 'person'",
             s);
    assert_int_equal(query_int(sql), 1);
}

/* ---- what psql sees ---- */

static void expect_column(const char *schema, const char *table, const char *column,
                          const char *type, const char *nullable)
{
    char sql[400], got[200];
    snprintf(sql, sizeof sql,
             "SELECT data_type || '/' || is_nullable || '/' || coalesce(collation_name, '-') "
             "FROM information_schema.columns WHERE table_schema = '%s' AND table_name = '%s' "
             "AND column_name = '%s'",
             schema, table, column);
    assert_int_equal(pm_pg_store_query_text(sql, got, sizeof got), 0);
    char want[200];
    snprintf(want, sizeof want, "%s/%s/%s", type, nullable,
             strcmp(type, "text") == 0 ? "C" : "-");
    assert_string_equal(got, want);
}

static void test_the_catalogue_shows_typed_columns(void **state)
{
    (void)state;
    const char *s = new_schema();
    pm_db_close(open_ok(s));
    expect_column(s, "person", "id", "bigint", "NO");
    expect_column(s, "person", "external_id", "text", "NO");
    expect_column(s, "person", "email", "text", "YES");
    expect_column(s, "person", "status", "bigint", "NO");
    expect_column(s, "person", "left_on", "date", "YES");
    expect_column(s, "person", "created_at", "timestamp with time zone", "NO");
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM pg_indexes WHERE schemaname = '%s' AND "
             "indexname = 'person_by_external_id' AND indexdef LIKE 'CREATE UNIQUE INDEX%%'",
             s);
    assert_int_equal(query_int(sql), 1);
    snprintf(sql, sizeof sql, "SELECT value FROM \"%s\".perfmgmt_meta WHERE key = 'application'",
             s);
    char app[32];
    assert_int_equal(pm_pg_store_query_text(sql, app, sizeof app), 0);
    assert_string_equal(app, "perfmgmt");
}

/* ---- the storage interface directly: a lost connection, a conflict ---- */

static const pm_field_def tag_fields[] = { { "name", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 } };
static const pm_index_def tag_indexes[] = { { "tag_by_name", 1, { 0 }, PM_INDEX_UNIQUE, 1 } };
static const pm_field_def note_fields[] = { { "body", PM_FIELD_TEXT, 0, 1 } };
static const pm_kind_def test_kinds[] = {
    { "tag", 1, tag_fields, 1, tag_indexes, 1 },
    { "note", 1, note_fields, 0, NULL, 1 },
};
static const unsigned int test_stamped[] = { 0 /* tag */ };
static const pm_schema test_schema = { 1, 2, test_kinds, 1, test_stamped };
enum { TAG, NOTE };

static pm_storage *open_storage(const char *schema, const char *application_name)
{
    char conninfo[1200];
    assert_int_equal(pm_pg_store_conninfo(conninfo, sizeof conninfo, schema), 0);
    if (application_name != NULL) {
        size_t n = strlen(conninfo);
        snprintf(conninfo + n, sizeof conninfo - n, "%capplication_name=%s",
                 strstr(conninfo, "://") ? '&' : ' ', application_name);
    }
    pm_storage *st = NULL;
    char *err = NULL;
    if (pm_storage_postgresql_open(&st, conninfo, 0, &err) != PM_OK)
        fail_msg("open: %s", err ? err : "?");
    if (st->prepare(st, &test_schema) != PM_OK)
        fail_msg("prepare: %s", st->errmsg(st));
    return st;
}

static pm_status insert_text(pm_storage *st, unsigned int kind, const char *text)
{
    pm_value v;
    memset(&v, 0, sizeof v);
    v.type = PM_VALUE_TEXT;
    v.v.b.data = text;
    v.v.b.len = strlen(text);
    pm_id id = 0;
    return st->insert(st, kind, &v, &id);
}

static int count_cb(const pm_row *row, void *payload)
{
    (void)row;
    (*(size_t *)payload)++;
    return 0;
}

static size_t count_rows(pm_storage *st, unsigned int kind)
{
    pm_scan s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.index = PM_SCAN_BY_ID;
    size_t n = 0;
    pm_status rc = st->scan(st, &s, count_cb, &n);
    if (rc != PM_OK)
        fail_msg("scan: %s", st->errmsg(st));
    return n;
}

/* Ends the backend of the connection named application_name, as an
 * administrator or a failover would, and waits until it is gone. */
static void kill_connection(const char *application_name)
{
    char sql[300];
    snprintf(sql, sizeof sql,
             "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
             "WHERE application_name = '%s'",
             application_name);
    assert_int_equal(query_int(sql), 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM pg_stat_activity WHERE application_name = '%s'",
             application_name);
    for (int i = 0; i < 500 && query_int(sql) > 0; i++) {
        struct timespec pause = { 0, 10000000L };
        nanosleep(&pause, NULL);
    }
    assert_int_equal(query_int(sql), 0);
}

static void test_a_lost_connection_fails_the_call_and_the_next_call_reconnects(void **state)
{
    (void)state;
    const char *s = new_schema();
    char name[64];
    snprintf(name, sizeof name, "pmt_lost_%ld", (long)getpid());
    pm_storage *st = open_storage(s, name);

    /* A waiting insert finds the connection gone. */
    assert_int_equal(st->begin(st), PM_OK);
    assert_int_equal(insert_text(st, TAG, "before"), PM_OK);
    assert_int_equal(insert_text(st, NOTE, "queued"), PM_OK);
    kill_connection(name);
    assert_int_equal(insert_text(st, TAG, "after"), PM_ESTORAGE);
    assert_non_null(strstr(st->errmsg(st), "connection lost"));
    /* The transaction is gone: later calls say so until the rollback. */
    assert_int_equal(insert_text(st, TAG, "later"), PM_ESTORAGE);
    assert_int_equal(st->rollback(st), PM_OK);
    assert_int_equal(count_rows(st, TAG), 0);
    assert_int_equal(count_rows(st, NOTE), 0);
    assert_int_equal(st->begin(st), PM_OK);
    assert_int_equal(insert_text(st, TAG, "before"), PM_OK);
    assert_int_equal(st->commit(st), PM_OK);
    assert_int_equal(count_rows(st, TAG), 1);

    /* A pipelined insert's loss shows at the commit, which fails. */
    assert_int_equal(st->begin(st), PM_OK);
    assert_int_equal(insert_text(st, NOTE, "queued"), PM_OK);
    kill_connection(name);
    assert_int_equal(st->commit(st), PM_ESTORAGE);
    st->rollback(st); /* what the api layer does; none is open any more */
    assert_int_equal(count_rows(st, NOTE), 0);

    /* Lost while idle: the next read reconnects on its own. */
    kill_connection(name);
    assert_int_equal(count_rows(st, TAG), 1);
    st->free(st);
}

static void test_a_unique_conflict_inside_a_transaction_leaves_it_usable(void **state)
{
    (void)state;
    const char *s = new_schema();
    pm_storage *st = open_storage(s, NULL);
    assert_int_equal(st->begin(st), PM_OK);
    assert_int_equal(insert_text(st, TAG, "a"), PM_OK);
    assert_int_equal(insert_text(st, NOTE, "one"), PM_OK);
    assert_int_equal(insert_text(st, TAG, "a"), PM_ECONFLICT);
    assert_non_null(strstr(st->errmsg(st), "tag_by_name"));
    pm_value v;
    memset(&v, 0, sizeof v);
    v.type = PM_VALUE_TEXT;
    v.v.b.data = "b";
    v.v.b.len = 1;
    pm_id b = 0;
    assert_int_equal(st->insert(st, TAG, &v, &b), PM_OK);
    v.v.b.data = "a";
    assert_int_equal(st->update(st, TAG, b, &v, PM_UPDATE_ALL_FIELDS), PM_ECONFLICT);
    assert_int_equal(insert_text(st, NOTE, "two"), PM_OK);
    assert_int_equal(st->commit(st), PM_OK);
    assert_int_equal(count_rows(st, TAG), 2);
    assert_int_equal(count_rows(st, NOTE), 2);
    st->free(st);
}

/* ---- what groups keep, and the change stamp ---- */


static pm_id manager_in_group(pm_session *s, pm_id who)
{
    pm_id m = -1;
    assert_int_equal(pm_session_begin(s), PM_OK);
    if (pm_org_manager_on(&m, s, who, PM_DATE_NONE) != PM_OK)
        fail_msg("manager_on: %s", pm_session_errmsg(s));
    assert_int_equal(pm_session_commit(s), PM_OK);
    return m;
}

static pm_status open_in_group(pm_session *s, pm_db *db, pm_id who)
{
    assert_int_equal(pm_session_begin(s), PM_OK);
    pm_session *as = NULL;
    pm_status st = pm_session_open(&as, db, who);
    pm_session_free(as);
    assert_int_equal(pm_session_commit(s), PM_OK);
    return st;
}

/* Two application servers on one tenant, and an administrator in psql:
 * each change one makes shows in the other's next group, though groups
 * keep the organisation's answers from one to the next. */
static void test_groups_see_what_other_writers_changed(void **state)
{
    (void)state;
    const char *schema = new_schema();
    pm_db *a = open_ok(schema), *b = open_ok(schema);
    pm_session *sa = NULL, *sb = NULL;
    assert_int_equal(pm_session_open_system(&sa, a), PM_OK);
    assert_int_equal(pm_session_open_system(&sb, b), PM_OK);
    pm_id ann = make_person(sa, "ann", "Ann");
    pm_id bob = make_person(sa, "bob", "Bob");
    pm_id cid = make_person(sa, "cid", "Cid");
    assert_int_equal(pm_org_set_manager(sa, ann, bob, pm_fixture_date("2026-01-01")), PM_OK);
    assert_int_equal(manager_in_group(sa, ann), bob);
    assert_int_equal(manager_in_group(sa, ann), bob);
    assert_int_equal(pm_org_set_manager(sb, ann, cid, pm_fixture_date("2026-01-11")), PM_OK);
    assert_int_equal(manager_in_group(sa, ann), cid);
    char sql[300];
    snprintf(sql, sizeof sql,
             "UPDATE %s.reporting_line SET manager_id = %lld WHERE person_id = %lld"
             " AND end_on IS NULL",
             schema, (long long)bob, (long long)ann);
    assert_int_equal(pm_pg_store_exec(sql), 0);
    assert_int_equal(manager_in_group(sa, ann), bob);
    /* A person's status, kept for sessions opened inside groups. */
    assert_int_equal(open_in_group(sa, a, ann), PM_OK);
    assert_int_equal(open_in_group(sa, a, ann), PM_OK);
    assert_int_equal(pm_person_set_left(sb, ann, PM_DATE_NONE), PM_OK);
    assert_int_equal(open_in_group(sa, a, ann), PM_EPERM);
    snprintf(sql, sizeof sql, "UPDATE %s.person SET status = %d, left_on = NULL WHERE id = %lld",
             schema, (int)PM_PERSON_ACTIVE, (long long)ann);
    assert_int_equal(pm_pg_store_exec(sql), 0);
    assert_int_equal(open_in_group(sa, a, ann), PM_OK);
    pm_session_free(sa);
    pm_session_free(sb);
    pm_db_close(a);
    pm_db_close(b);
}

static long long stamp_triggers(const char *schema)
{
    char sql[400];
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
             " JOIN pg_namespace n ON n.oid = c.relnamespace"
             " WHERE n.nspname = '%s' AND c.relname = 'tag' AND t.tgname = 'perfmgmt_stamp'",
             schema);
    return query_int(sql);
}

static uint64_t read_stamp(pm_storage *st)
{
    uint64_t stamp = 0;
    assert_int_equal(st->begin(st), PM_OK);
    if (st->change_stamp(st, &stamp) != PM_OK)
        fail_msg("change_stamp: %s", st->errmsg(st));
    assert_int_equal(st->commit(st), PM_OK);
    return stamp;
}

/* A store whose tables lost their stamp (made before stamps, or by hand):
 * a read-only open leaves it and says it cannot tell; a writable open
 * stamps it again, and then psql's writes count too. */
static void test_a_writable_open_stamps_the_tables_again(void **state)
{
    (void)state;
    const char *schema = new_schema();
    pm_storage *st = open_storage(schema, NULL);
    assert_int_equal(stamp_triggers(schema), 1);
    st->free(st);
    char sql[300];
    snprintf(sql, sizeof sql,
             "DROP TRIGGER perfmgmt_stamp ON %s.tag;"
             "DELETE FROM %s.perfmgmt_meta WHERE key = 'stamped'",
             schema, schema);
    assert_int_equal(pm_pg_store_exec(sql), 0);

    char conninfo[1200];
    assert_int_equal(pm_pg_store_conninfo(conninfo, sizeof conninfo, schema), 0);
    char *err = NULL;
    assert_int_equal(pm_storage_postgresql_open(&st, conninfo, PM_POSTGRESQL_READONLY, &err),
                     PM_OK);
    assert_int_equal(st->prepare(st, &test_schema), PM_OK);
    uint64_t stamp = 0;
    assert_int_equal(st->begin(st), PM_OK);
    assert_int_equal(st->change_stamp(st, &stamp), PM_EUNSUPPORTED);
    assert_non_null(strstr(st->errmsg(st), "not stamped"));
    assert_int_equal(st->rollback(st), PM_OK);
    st->free(st);
    assert_int_equal(stamp_triggers(schema), 0);

    st = open_storage(schema, NULL);
    assert_int_equal(stamp_triggers(schema), 1);
    uint64_t before = read_stamp(st);
    snprintf(sql, sizeof sql, "INSERT INTO %s.tag (name, id) VALUES ('by hand', 1000)", schema);
    assert_int_equal(pm_pg_store_exec(sql), 0);
    assert_true(read_stamp(st) != before);
    st->free(st);
}

#define T(name) cmocka_unit_test_teardown(name, teardown_schemas)

int main(void)
{
    pm_pg_store_require();
    const struct CMUnitTest tests[] = {
        T(test_tenants_in_one_database_do_not_see_each_other),
        T(test_a_store_of_a_newer_version_is_refused_and_left_untouched),
        T(test_a_schema_of_foreign_tables_is_refused_and_left_untouched),
        T(test_nocreate_refuses_a_tenant_without_a_store),
        T(test_readonly_refuses_creating_and_writing),
        T(test_bad_schema_names_are_refused),
        T(test_keyword_value_strings_name_the_schema_too),
        T(test_the_catalogue_shows_typed_columns),
        T(test_a_lost_connection_fails_the_call_and_the_next_call_reconnects),
        T(test_a_unique_conflict_inside_a_transaction_leaves_it_usable),
        T(test_groups_see_what_other_writers_changed),
        T(test_a_writable_open_stamps_the_tables_again),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    pm_pg_store_close();
    return failed;
}
