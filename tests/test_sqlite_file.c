/* The SQLite backend as a file: what it writes (application id, schema
 * version, real tables, ISO dates), how it refuses files that are not its
 * own, migrations, read-only and missing files, and running out of memory.
 * The file is inspected with sqlite3 itself. Writes and locking are in
 * test_sqlite_writes.c, scan order in test_sqlite_scan.c. */
#define _POSIX_C_SOURCE 200809L
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/schema.h"

#include "sqlite_store.h"

#define APPLICATION_ID 0x504D474D /* "PMGM" */

/* v2 adds a field (NOT NULL for new writes), an index over it, and a kind. */
static const pm_field_def staff_fields_v2[] = {
    STAFF_FIELDS_V1, { "email", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 2 },
};
static const pm_index_def staff_indexes_v2[] = {
    STAFF_INDEXES_V1, { "staff_by_email", 1, { F_EMAIL }, 0, 2 },
};
static const pm_field_def note_fields[] = {
    { "staff_id", PM_FIELD_INT, PM_FIELD_NOT_NULL, 2 },
    { "body", PM_FIELD_TEXT, 0, 2 },
};
static const pm_index_def note_indexes[] = {
    { "note_by_staff", 1, { 0 }, 0, 2 },
};
static const pm_kind_def kinds_v2[] = {
    { "staff", 7, staff_fields_v2, 5, staff_indexes_v2, 1 },
    { "note", 2, note_fields, 1, note_indexes, 2 },
};
static const pm_schema schema_v2 = { 2, 2, kinds_v2 };

/* v2 whose new unique index cannot hold rows that share a level. */
static const pm_index_def staff_indexes_v2_bad[] = {
    STAFF_INDEXES_V1, { "staff_by_level_unique", 1, { F_LEVEL }, PM_INDEX_UNIQUE, 2 },
};
static const pm_kind_def kinds_v2_bad[] = {
    { "staff", 6, staff_fields_v1, 5, staff_indexes_v2_bad, 1 },
    { "note", 2, note_fields, 1, note_indexes, 2 },
};
static const pm_schema schema_v2_bad = { 2, 2, kinds_v2_bad };

static int exists(const char *path)
{
    return access(path, F_OK) == 0;
}

static int companion_exists(const char *path, const char *suffix)
{
    char other[600];
    snprintf(other, sizeof other, "%s%s", path, suffix);
    return exists(other);
}

typedef struct bytes {
    unsigned char *data;
    size_t len;
} bytes;

static bytes read_bytes(const char *path)
{
    bytes b = { NULL, 0 };
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    unsigned char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        b.data = realloc(b.data, b.len + n);
        assert_non_null(b.data);
        memcpy(b.data + b.len, chunk, n);
        b.len += n;
    }
    fclose(fp);
    return b;
}

static void assert_same_bytes(const char *path, bytes before)
{
    bytes now = read_bytes(path);
    assert_int_equal(now.len, before.len);
    assert_memory_equal(now.data, before.data, before.len);
    free(now.data);
}

static void write_bytes(const char *path, const void *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    fclose(fp);
}

/* ---- what a new file holds ---------------------------------------------------- */

static void test_new_file_gets_application_id_and_schema_version(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    unsigned int stored = 99;
    assert_int_equal(s->stored_version(s, &stored), PM_OK);
    assert_int_equal(stored, 0);
    s->free(s);
    assert_int_equal(sql_int(f->path, "PRAGMA application_id"), APPLICATION_ID);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version"), 1);
    char mode[32];
    sql_text(f->path, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");

    /* Through the public API, with perfmgmt's own schema. */
    pm_fixture_remove_file(f->path);
    char uri[600];
    snprintf(uri, sizeof uri, "sqlite:%s", f->path);
    pm_db *db = NULL;
    assert_int_equal(pm_db_open(&db, NULL, uri, NULL), PM_OK);
    pm_db_close(db);
    assert_int_equal(sql_int(f->path, "PRAGMA application_id"), APPLICATION_ID);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version"), PM_SCHEMA_VERSION);
}

static void test_tables_columns_and_indexes_are_visible_to_sqlite(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    s->free(s);
    const char *p = f->path;
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='staff'"), 1);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM pragma_table_info('staff')"), 7);
    assert_int_equal(sql_int(p, "SELECT pk FROM pragma_table_info('staff') WHERE name='id'"), 1);
    static const struct { const char *name, *type; int notnull; } cols[] = {
        { "id", "INTEGER", 0 }, { "name", "TEXT", 1 }, { "joined", "TEXT", 1 },
        { "score", "REAL", 0 }, { "photo", "BLOB", 0 }, { "level", "INTEGER", 0 },
        { "team", "TEXT", 0 },
    };
    for (size_t i = 0; i < sizeof cols / sizeof cols[0]; i++) {
        char sql[200], type[32];
        snprintf(sql, sizeof sql, "SELECT type FROM pragma_table_info('staff') WHERE cid=%zu", i);
        sql_text(p, sql, type, sizeof type);
        assert_string_equal(type, cols[i].type);
        snprintf(sql, sizeof sql, "SELECT \"notnull\" FROM pragma_table_info('staff') WHERE name='%s'",
                 cols[i].name);
        assert_int_equal(sql_int(p, sql), cols[i].notnull);
    }
    /* AUTOINCREMENT keeps ids from being reused, and shows in the DDL. */
    char ddl[400];
    sql_text(p, "SELECT sql FROM sqlite_master WHERE name='staff'", ddl, sizeof ddl);
    assert_non_null(strstr(ddl, "AUTOINCREMENT"));
    assert_int_equal(sql_int(p, "SELECT \"unique\" FROM pragma_index_list('staff') WHERE name='staff_by_name'"), 1);
    assert_int_equal(sql_int(p, "SELECT \"unique\" FROM pragma_index_list('staff') WHERE name='staff_by_level'"), 0);
    char col[32];
    sql_text(p, "SELECT name FROM pragma_index_info('staff_by_team_joined') WHERE seqno=1", col, sizeof col);
    assert_string_equal(col, "joined");

    /* perfmgmt's own schema, as pm_db_open writes it. */
    pm_fixture_remove_file(p);
    char uri[600];
    snprintf(uri, sizeof uri, "sqlite:%s", p);
    pm_db *db = NULL;
    assert_int_equal(pm_db_open(&db, NULL, uri, NULL), PM_OK);
    pm_db_close(db);
    const pm_schema *schema = pm_schema__get();
    for (unsigned int k = 0; k < schema->nkinds; k++) {
        char sql[300];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM pragma_table_info('%s')", schema->kinds[k].name);
        assert_int_equal(sql_int(p, sql), schema->kinds[k].nfields + 1);
        for (unsigned int i = 0; i < schema->kinds[k].nindexes; i++) {
            snprintf(sql, sizeof sql, "SELECT \"unique\" FROM pragma_index_list('%s') WHERE name='%s'",
                     schema->kinds[k].name, schema->kinds[k].indexes[i].name);
            assert_int_equal(sql_int(p, sql), (schema->kinds[k].indexes[i].flags & PM_INDEX_UNIQUE) ? 1 : 0);
        }
    }
}

static void test_dates_are_stored_as_iso_text_and_read_back_as_days(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    staff_row r = { "ada", "0001-01-01", "core", NULL, 0, 1 };
    pm_id early = insert_staff(s, &r);
    r.name = "bo";
    r.joined = "2026-02-28";
    pm_id id = insert_staff(s, &r);
    assert_int_equal(s->commit(s), PM_OK);

    collected c = { 0 };
    assert_int_equal(s->get(s, 0, id, collect, &c), PM_OK);
    assert_int_equal(c.values[0][F_JOINED].type, PM_VALUE_INT);
    assert_int_equal(c.values[0][F_JOINED].v.i, pm_fixture_date("2026-02-28"));
    memset(&c, 0, sizeof c);
    assert_int_equal(s->get(s, 0, early, collect, &c), PM_OK);
    assert_int_equal(c.values[0][F_JOINED].v.i, pm_fixture_date("0001-01-01"));
    s->free(s);

    char text[32];
    sql_text(f->path, "SELECT joined FROM staff WHERE name='bo'", text, sizeof text);
    assert_string_equal(text, "2026-02-28");
    sql_text(f->path, "SELECT typeof(joined) FROM staff WHERE name='bo'", text, sizeof text);
    assert_string_equal(text, "text");
    sql_text(f->path, "SELECT joined FROM staff WHERE name='ada'", text, sizeof text);
    assert_string_equal(text, "0001-01-01");
}

static void test_reopen_keeps_every_value(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    staff_row r = { "Åsa", "2026-03-01", "", "\x00\x01\x02", 3, -7 };
    pm_id id = insert_staff(s, &r);
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);

    s = open_store(f->path, 0, &schema_v1);
    unsigned int stored = 0;
    assert_int_equal(s->stored_version(s, &stored), PM_OK);
    assert_int_equal(stored, 1);
    collected c = { 0 };
    assert_int_equal(s->get(s, 0, id, collect, &c), PM_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.ids[0], id);
    assert_string_equal(c.text[0][F_NAME], "Åsa");
    assert_int_equal(c.values[0][F_JOINED].v.i, pm_fixture_date("2026-03-01"));
    assert_int_equal(c.values[0][F_SCORE].type, PM_VALUE_REAL);
    assert_true(c.values[0][F_SCORE].v.r == 2.5);
    assert_int_equal(c.values[0][F_LEVEL].v.i, -7);
    assert_int_equal(c.values[0][F_TEAM].type, PM_VALUE_TEXT); /* empty text is not NULL */
    assert_int_equal(c.values[0][F_TEAM].v.b.len, 0);
    assert_int_equal(sql_int(f->path, "SELECT length(photo) FROM staff"), 3);
    assert_int_equal(sql_int(f->path, "SELECT hex(photo) = '000102' FROM staff"), 1);
    s->free(s);
}

/* ---- files that are not ours ---------------------------------------------------- */

static void test_garbage_file_is_corrupt_and_left_untouched(void **state)
{
    file_state *f = *state;
    char garbage[8192];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (char)(i * 7 + 3);
    write_bytes(f->path, garbage, sizeof garbage);
    bytes before = read_bytes(f->path);

    pm_storage *s = NULL;
    char *err = NULL;
    assert_int_equal(pm_storage_sqlite_open(&s, f->path, 0, &err), PM_ECORRUPT);
    assert_null(s);
    assert_non_null(err);
    assert_non_null(strstr(err, "not an SQLite database"));
    pm_free(err);

    char uri[600];
    snprintf(uri, sizeof uri, "sqlite:%s", f->path);
    pm_db *db = NULL;
    assert_int_equal(pm_db_open(&db, &err, uri, NULL), PM_ECORRUPT);
    assert_null(db);
    assert_non_null(strstr(err, "not an SQLite database"));
    assert_non_null(strstr(err, f->path));
    pm_free(err);

    assert_same_bytes(f->path, before);
    assert_false(companion_exists(f->path, "-wal"));
    assert_false(companion_exists(f->path, "-shm"));
    assert_false(companion_exists(f->path, "-journal"));
    free(before.data);
}

static void test_other_applications_file_is_corrupt_and_left_untouched(void **state)
{
    file_state *f = *state;
    sql_exec(f->path, "CREATE TABLE inventory(sku TEXT, qty INTEGER);"
                      "INSERT INTO inventory VALUES('bolt', 12);");
    bytes before = read_bytes(f->path);
    pm_storage *s = NULL;
    char msg[600];
    assert_int_equal(try_open(&s, f->path, 0, &schema_v1, msg, sizeof msg), PM_ECORRUPT);
    assert_non_null(strstr(msg, "not a perfmgmt store"));
    assert_same_bytes(f->path, before);
    assert_false(companion_exists(f->path, "-wal"));
    free(before.data);

    /* An empty file that another application stamped with its own id. */
    pm_fixture_remove_file(f->path);
    sql_exec(f->path, "PRAGMA application_id=1234; PRAGMA user_version=1");
    before = read_bytes(f->path);
    assert_int_equal(try_open(&s, f->path, 0, &schema_v1, msg, sizeof msg), PM_ECORRUPT);
    assert_non_null(strstr(msg, "not a perfmgmt store"));
    assert_non_null(strstr(msg, "0x000004d2"));
    assert_same_bytes(f->path, before);
    free(before.data);
}

static void test_newer_schema_version_is_refused_and_left_untouched(void **state)
{
    file_state *f = *state;
    make_v1_store(f->path);
    sql_exec(f->path, "PRAGMA user_version=7");
    bytes before = read_bytes(f->path);
    pm_storage *s = NULL;
    char msg[600];
    assert_int_equal(try_open(&s, f->path, 0, &schema_v2, msg, sizeof msg), PM_EVERSION);
    assert_string_equal(msg, "store has schema version 7, newer than this library's 2: upgrade perfmgmt");
    assert_same_bytes(f->path, before);
    free(before.data);
}

/* ---- migration ---------------------------------------------------------------- */

static void test_migration_from_v1_to_v2_adds_field_kind_and_index_and_keeps_data(void **state)
{
    file_state *f = *state;
    make_v1_store(f->path);
    pm_storage *s = open_store(f->path, 0, &schema_v2);
    unsigned int stored = 0;
    assert_int_equal(s->stored_version(s, &stored), PM_OK);
    assert_int_equal(stored, 1);

    /* Old rows read with the new field NULL; new rows need it (NOT NULL). */
    collected c = { 0 };
    pm_scan by_name = { 0, I_BY_NAME, 0, NULL, NULL, NULL, 0, 0 };
    assert_int_equal(s->scan(s, &by_name, collect, &c), PM_OK);
    assert_int_equal(c.n, 2);
    assert_string_equal(c.text[0][F_NAME], "ada");
    assert_int_equal(c.values[0][F_EMAIL].type, PM_VALUE_NULL);

    assert_int_equal(s->begin(s), PM_OK);
    pm_value v[7];
    staff_row r = { "cy", "2026-01-01", NULL, NULL, 0, 4 };
    staff_values(v, 7, &r);
    v[F_EMAIL].type = PM_VALUE_NULL;
    pm_id id = 0;
    assert_int_equal(s->insert(s, 0, v, &id), PM_EINVAL);
    assert_string_equal(s->errmsg(s), "staff.email: must not be NULL");
    staff_values(v, 7, &r);
    assert_int_equal(s->insert(s, 0, v, &id), PM_OK);
    pm_value note[2] = { { PM_VALUE_INT, { .i = id } }, { PM_VALUE_TEXT, { .b = { "hi", 2 } } } };
    pm_id note_id = 0;
    assert_int_equal(s->insert(s, 1, note, &note_id), PM_OK);
    assert_int_equal(s->commit(s), PM_OK);

    memset(&c, 0, sizeof c);
    pm_value email = { PM_VALUE_TEXT, { .b = { "x@example.org", 13 } } };
    pm_scan by_email = { 0, I_BY_EMAIL, 1, &email, NULL, NULL, 0, 0 };
    assert_int_equal(s->scan(s, &by_email, collect, &c), PM_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.ids[0], id);
    s->free(s);

    const char *p = f->path;
    assert_int_equal(sql_int(p, "PRAGMA user_version"), 2);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM pragma_table_info('staff') WHERE name='email'"), 1);
    /* Added by ALTER TABLE: SQLite cannot make it NOT NULL without a default. */
    assert_int_equal(sql_int(p, "SELECT \"notnull\" FROM pragma_table_info('staff') WHERE name='email'"), 0);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name='staff_by_email'"), 1);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM sqlite_master WHERE name='note_by_staff'"), 1);
    assert_int_equal(sql_int(p, "SELECT count(*) FROM note"), 1);
    assert_int_equal(count_staff(p), 3);

    /* Opened again, nothing is left to migrate. */
    s = open_store(p, 0, &schema_v2);
    assert_int_equal(s->stored_version(s, &stored), PM_OK);
    assert_int_equal(stored, 2);
    s->free(s);
}

static void test_failed_migration_leaves_the_file_at_v1_unchanged(void **state)
{
    file_state *f = *state;
    make_v1_store(f->path);
    bytes before = read_bytes(f->path);
    pm_storage *s = NULL;
    char msg[600];
    assert_int_equal(try_open(&s, f->path, 0, &schema_v2_bad, msg, sizeof msg), PM_ECONFLICT);
    assert_non_null(strstr(msg, "migrating from schema version 1 to 2"));
    assert_non_null(strstr(msg, "staff_by_level_unique"));
    assert_same_bytes(f->path, before);
    assert_int_equal(sql_int(f->path, "PRAGMA user_version"), 1);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM sqlite_master WHERE name='note'"), 0);
    free(before.data);

    s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(count_staff(f->path), 2);
    s->free(s);
}

/* ---- read-only and missing files ------------------------------------------------ */

static void test_readonly_store_allows_reads_and_refuses_writes(void **state)
{
    file_state *f = *state;
    make_v1_store(f->path);
    bytes before = read_bytes(f->path);
    pm_storage *s = open_store(f->path, PM_SQLITE_READONLY, &schema_v1);
    collected c = { 0 };
    pm_scan by_id = { 0, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    assert_int_equal(s->scan(s, &by_id, collect, &c), PM_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(s->begin(s), PM_OK);
    pm_value v[6];
    staff_row r = { "cy", "2026-01-01", NULL, NULL, 0, 4 };
    staff_values(v, 6, &r);
    pm_id id = 0;
    assert_int_equal(s->insert(s, 0, v, &id), PM_EREADONLY);
    assert_non_null(strstr(s->errmsg(s), "read-only"));
    assert_int_equal(s->remove(s, 0, c.ids[0]), PM_EREADONLY);
    assert_int_equal(s->rollback(s), PM_OK);
    s->free(s);
    assert_same_bytes(f->path, before);
    assert_int_equal(count_staff(f->path), 2);
    free(before.data);

    /* A read-only store that would need migrating cannot be. */
    char msg[600];
    assert_int_equal(try_open(&s, f->path, PM_SQLITE_READONLY, &schema_v2, msg, sizeof msg),
                     PM_EREADONLY);
    assert_non_null(strstr(msg, "open it writable once"));
    assert_int_equal(sql_int(f->path, "PRAGMA user_version"), 1);
}

static void test_db_opened_readonly_reads_and_refuses_writes(void **state)
{
    file_state *f = *state;
    char uri[600];
    snprintf(uri, sizeof uri, "sqlite:%s", f->path);
    pm_db *db = NULL;
    assert_int_equal(pm_db_open(&db, NULL, uri, NULL), PM_OK);
    pm_session *sys = NULL;
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "e1";
    o.display_name = "Ada";
    pm_id ada = 0;
    assert_int_equal(pm_person_create(&ada, sys, &o), PM_OK);
    pm_session_free(sys);
    pm_db_close(db);
    bytes before = read_bytes(f->path);

    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.flags = PM_DB_READONLY;
    assert_int_equal(pm_db_open(&db, NULL, uri, &opts), PM_OK);
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);
    pm_person *p = NULL;
    assert_int_equal(pm_person_get(&p, sys, ada), PM_OK);
    assert_string_equal(pm_person_display_name(p), "Ada");
    pm_person_free(p);
    o.external_id = "e2";
    pm_id other = 0;
    assert_int_equal(pm_person_create(&other, sys, &o), PM_EREADONLY);
    assert_non_null(strstr(pm_session_errmsg(sys), "read-only"));
    pm_session_free(sys);
    pm_db_close(db);
    assert_same_bytes(f->path, before);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM person"), 1);
    free(before.data);
}

static void test_nocreate_on_a_missing_file_fails_and_creates_nothing(void **state)
{
    file_state *f = *state;
    char uri[600], *err = NULL;
    snprintf(uri, sizeof uri, "sqlite:%s", f->path);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.flags = PM_DB_NOCREATE;
    pm_db *db = NULL;
    assert_int_equal(pm_db_open(&db, &err, uri, &opts), PM_EIO);
    assert_null(db);
    assert_non_null(strstr(err, "cannot open: no such file"));
    pm_free(err);
    assert_false(exists(f->path));

    pm_storage *s = NULL;
    assert_int_equal(pm_storage_sqlite_open(&s, f->path, PM_SQLITE_READONLY, &err), PM_EIO);
    assert_null(s);
    assert_string_equal(err, "cannot open: no such file");
    pm_free(err);
    assert_false(exists(f->path));

    /* An existing empty file opened read-only has nothing to read and cannot be set up. */
    write_bytes(f->path, "", 0);
    char msg[600];
    assert_int_equal(try_open(&s, f->path, PM_SQLITE_READONLY, &schema_v1, msg, sizeof msg),
                     PM_EREADONLY);
    assert_non_null(strstr(msg, "read-only"));
    bytes now = read_bytes(f->path);
    assert_int_equal(now.len, 0);
    free(now.data);
}

static void test_open_rejects_bad_arguments_with_a_message(void **state)
{
    (void)state;
    pm_storage *s = NULL;
    char *err = NULL;
    assert_int_equal(pm_storage_sqlite_open(&s, NULL, 0, &err), PM_EINVAL);
    assert_string_equal(err, "path: must not be NULL");
    pm_free(err);
    assert_int_equal(pm_storage_sqlite_open(&s, "", 0, &err), PM_EINVAL);
    assert_string_equal(err, "path: must not be empty");
    pm_free(err);
    assert_int_equal(pm_storage_sqlite_open(&s, ":memory:", 0x10, &err), PM_EINVAL);
    assert_string_equal(err, "flags: 0x10 are not PM_SQLITE_* flags");
    pm_free(err);
    assert_null(s);
    assert_int_equal(pm_storage_sqlite_open(NULL, ":memory:", 0, NULL), PM_EINVAL);
}

static void test_memory_database_claims_no_durability_and_a_file_does(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(":memory:", 0, &schema_v1);
    assert_string_equal(s->name, "sqlite");
    assert_int_equal(s->version, PM_STORAGE_VERSION);
    assert_int_equal(s->capabilities, 0);
    s->free(s);
    s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->capabilities, PM_STORAGE_CAP_DURABLE | PM_STORAGE_CAP_SHARED_READ);
    assert_int_equal(s->prepare(s, &schema_v1), PM_EMISUSE);
    assert_non_null(strstr(s->errmsg(s), "already"));
    s->free(s);
}

/* ---- two instances on one file ---------------------------------------------------- */

/* ---- running out of memory ------------------------------------------------------- */

/* Open, prepare, write, read and close, stopping at the first failure;
 * *message receives that failure's text. */
static pm_status open_write_read(const char *path, char *message, size_t size)
{
    pm_storage *s = NULL;
    char *err = NULL;
    message[0] = '\0';
    pm_status st = pm_storage_sqlite_open(&s, path, 0, &err);
    if (st != PM_OK) {
        snprintf(message, size, "%s", err ? err : "(no message: out of memory)");
        pm_free(err);
        return st;
    }
    st = s->prepare(s, &schema_v1);
    if (st == PM_OK)
        st = s->begin(s);
    pm_value v[6];
    staff_row r = { "ada", "2026-01-01", "core", "\x01", 1, 1 };
    staff_values(v, 6, &r);
    pm_id id = 0;
    if (st == PM_OK)
        st = s->insert(s, 0, v, &id);
    collected c = { 0 };
    if (st == PM_OK)
        st = s->get(s, 0, id, collect, &c);
    pm_scan scan = { 0, I_BY_TEAM_JOINED, 1, &v[F_TEAM], NULL, NULL, 0, 0 };
    if (st == PM_OK)
        st = s->scan(s, &scan, collect, &c);
    if (st == PM_OK)
        st = s->commit(s);
    if (st != PM_OK)
        snprintf(message, size, "%s", s->errmsg(s));
    s->free(s);
    return st;
}

static void test_running_out_of_memory_fails_cleanly_and_leaks_nothing(void **state)
{
    file_state *f = *state;
    pm_fixture_alloc_install();
    long live = pm_fixture_alloc_live();
    pm_status st = PM_ENOMEM;
    long n = 0;
    for (; st != PM_OK && n < 500; n++) {
        pm_fixture_remove_file(f->path);
        char message[600];
        pm_fixture_alloc_fail_after(n);
        st = open_write_read(f->path, message, sizeof message);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("failing allocation %ld: %s (%s)", n, pm_status_str(st), message);
        if (st == PM_ENOMEM)
            assert_non_null(strstr(message, "out of memory"));
        assert_int_equal(pm_fixture_alloc_live(), live);
    }
    pm_allocator_set(NULL);
    assert_int_equal(st, PM_OK);
    assert_true(n > 5); /* the workload did allocate, so failures were tried */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, file_setup, file_teardown)
        T(test_new_file_gets_application_id_and_schema_version),
        T(test_tables_columns_and_indexes_are_visible_to_sqlite),
        T(test_dates_are_stored_as_iso_text_and_read_back_as_days),
        T(test_reopen_keeps_every_value),
        T(test_garbage_file_is_corrupt_and_left_untouched),
        T(test_other_applications_file_is_corrupt_and_left_untouched),
        T(test_newer_schema_version_is_refused_and_left_untouched),
        T(test_migration_from_v1_to_v2_adds_field_kind_and_index_and_keeps_data),
        T(test_failed_migration_leaves_the_file_at_v1_unchanged),
        T(test_readonly_store_allows_reads_and_refuses_writes),
        T(test_db_opened_readonly_reads_and_refuses_writes),
        T(test_nocreate_on_a_missing_file_fails_and_creates_nothing),
        T(test_open_rejects_bad_arguments_with_a_message),
        T(test_memory_database_claims_no_durability_and_a_file_does),
        T(test_running_out_of_memory_fails_cleanly_and_leaks_nothing),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
