#define _POSIX_C_SOURCE 200809L /* mkstemp */
#include "sqlite_store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const pm_field_def staff_fields_v1[] = { STAFF_FIELDS_V1 };
static const pm_index_def staff_indexes_v1[] = { STAFF_INDEXES_V1 };
static const pm_kind_def kinds_v1[] = {
    { "staff", 6, staff_fields_v1, 4, staff_indexes_v1, 1 },
};
const pm_schema schema_v1 = { 1, 1, kinds_v1 };

int file_setup(void **state)
{
    file_state *f = calloc(1, sizeof *f);
    if (f == NULL)
        return -1;
    const char *dir = getenv("TMPDIR");
    snprintf(f->path, sizeof f->path, "%s/pm-sqlite-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(f->path);
    if (fd < 0) {
        free(f);
        return -1;
    }
    close(fd);
    unlink(f->path); /* each test decides whether the file exists */
    *state = f;
    return 0;
}

int file_teardown(void **state)
{
    file_state *f = *state;
    pm_fixture_remove_file(f->path);
    free(f);
    return 0;
}

void sql_exec(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK)
        fail_msg("%s: %s", sql, err);
    sqlite3_close(db);
}

int64_t sql_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return v;
}

void sql_text(const char *path, const char *sql, char *out, size_t size)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
        fail_msg("%s: %s", sql, sqlite3_errmsg(db));
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    const unsigned char *text = sqlite3_column_text(stmt, 0);
    snprintf(out, size, "%s", text ? (const char *)text : "(null)");
    sqlite3_finalize(stmt);
    sqlite3_close(db);
}

pm_status try_open(pm_storage **out, const char *path, unsigned int flags,
                          const pm_schema *schema, char *msg, size_t msgsize)
{
    char *err = NULL;
    *out = NULL;
    pm_status st = pm_storage_sqlite_open(out, path, flags, &err);
    if (st != PM_OK) {
        snprintf(msg, msgsize, "%s", err ? err : "");
        pm_free(err);
        return st;
    }
    st = (*out)->prepare(*out, schema);
    if (st != PM_OK) {
        snprintf(msg, msgsize, "%s", (*out)->errmsg(*out));
        (*out)->free(*out);
        *out = NULL;
    }
    return st;
}

pm_storage *open_store(const char *path, unsigned int flags, const pm_schema *schema)
{
    pm_storage *s = NULL;
    char msg[600];
    pm_status st = try_open(&s, path, flags, schema, msg, sizeof msg);
    if (st != PM_OK)
        fail_msg("opening %s: %s", path, msg);
    return s;
}

void staff_values(pm_value *v, unsigned int nfields, const staff_row *r)
{
    memset(v, 0, nfields * sizeof *v);
    v[F_NAME].type = PM_VALUE_TEXT;
    v[F_NAME].v.b.data = r->name;
    v[F_NAME].v.b.len = strlen(r->name);
    v[F_JOINED].type = PM_VALUE_INT;
    v[F_JOINED].v.i = pm_fixture_date(r->joined);
    v[F_SCORE].type = PM_VALUE_REAL;
    v[F_SCORE].v.r = 2.5;
    if (r->photo != NULL) {
        v[F_PHOTO].type = PM_VALUE_BLOB;
        v[F_PHOTO].v.b.data = r->photo;
        v[F_PHOTO].v.b.len = r->photo_len;
    }
    v[F_LEVEL].type = PM_VALUE_INT;
    v[F_LEVEL].v.i = r->level;
    if (r->team != NULL) {
        v[F_TEAM].type = PM_VALUE_TEXT;
        v[F_TEAM].v.b.data = r->team;
        v[F_TEAM].v.b.len = strlen(r->team);
    }
    if (nfields > F_EMAIL) {
        v[F_EMAIL].type = PM_VALUE_TEXT;
        v[F_EMAIL].v.b.data = "x@example.org";
        v[F_EMAIL].v.b.len = 13;
    }
}

pm_id insert_staff(pm_storage *s, const staff_row *r)
{
    pm_value v[7];
    staff_values(v, 6, r);
    pm_id id = 0;
    pm_status st = s->insert(s, 0, v, &id);
    if (st != PM_OK)
        fail_msg("insert %s: %s", r->name, s->errmsg(s));
    return id;
}

void make_v1_store(const char *path)
{
    pm_storage *s = open_store(path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    staff_row a = { "ada", "2026-02-28", "core", NULL, 0, 3 };
    staff_row b = { "bo", "2025-12-31", NULL, NULL, 0, 3 };
    insert_staff(s, &a);
    insert_staff(s, &b);
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);
}

int collect(const pm_row *row, void *payload)
{
    collected *c = payload;
    if (c->fail_with < 0)
        return c->fail_with;
    assert_true(c->n < 32);
    c->ids[c->n] = row->id;
    for (unsigned int i = 0; i < row->nvalues && i < 7; i++) {
        c->values[c->n][i] = row->values[i];
        if (row->values[i].type == PM_VALUE_TEXT) {
            snprintf(c->text[c->n][i], 32, "%.*s", (int)row->values[i].v.b.len,
                     (const char *)row->values[i].v.b.data);
            c->values[c->n][i].v.b.data = c->text[c->n][i];
        }
    }
    c->n++;
    return c->stop_after > 0 && c->n >= c->stop_after ? 1 : 0;
}

int64_t count_staff(const char *path)
{
    return sql_int(path, "SELECT count(*) FROM staff");
}
