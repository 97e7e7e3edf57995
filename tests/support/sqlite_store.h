/* What the SQLite backend tests (tests/test_sqlite_*.c) share: a test
 * schema, a fresh file path per case, sqlite3 on the side to inspect the
 * file, and opening, writing and reading the backend directly. Only those
 * programs link it (pm_test_sqlite in tests/CMakeLists.txt). */
#ifndef PM_TEST_SQLITE_STORE_H
#define PM_TEST_SQLITE_STORE_H

#include <stdint.h>

#include "fixture.h"

/* ---- the test schema ---- */

enum { F_NAME, F_JOINED, F_SCORE, F_PHOTO, F_LEVEL, F_TEAM, F_EMAIL };
enum { I_BY_NAME, I_BY_TEAM_JOINED, I_BY_PHOTO, I_BY_LEVEL, I_BY_EMAIL };

#define STAFF_FIELDS_V1                                  \
    { "name", PM_FIELD_TEXT, PM_FIELD_NOT_NULL, 1 },     \
    { "joined", PM_FIELD_DATE, PM_FIELD_NOT_NULL, 1 },   \
    { "score", PM_FIELD_REAL, 0, 1 },                    \
    { "photo", PM_FIELD_BLOB, 0, 1 },                    \
    { "level", PM_FIELD_INT, 0, 1 },                     \
    { "team", PM_FIELD_TEXT, 0, 1 }
#define STAFF_INDEXES_V1                                                  \
    { "staff_by_name", 1, { F_NAME }, PM_INDEX_UNIQUE, 1 },               \
    { "staff_by_team_joined", 2, { F_TEAM, F_JOINED }, 0, 1 },            \
    { "staff_by_photo", 1, { F_PHOTO }, 0, 1 },                           \
    { "staff_by_level", 1, { F_LEVEL }, 0, 1 }

/* Version 1: one kind, staff, with the fields and indexes above. */
extern const pm_field_def staff_fields_v1[];
extern const pm_schema schema_v1;

/* ---- files ---- */

/* A cmocka state: a path in $TMPDIR (or /tmp) where no file exists yet;
 * teardown removes the file and its companions. */
typedef struct file_state {
    char path[512];
} file_state;

int file_setup(void **state);
int file_teardown(void **state);

/* ---- sqlite3 on the side ---- */

void sql_exec(const char *path, const char *sql);
int64_t sql_int(const char *path, const char *sql);

/* The first column of the first row as text, copied into out. */
void sql_text(const char *path, const char *sql, char *out, size_t size);

/* ---- the backend ---- */

/* Opens the file and prepares schema; on failure the backend's message goes
 * to msg and *out is NULL. */
pm_status try_open(pm_storage **out, const char *path, unsigned int flags,
                   const pm_schema *schema, char *msg, size_t msgsize);

/* try_open(), failing the test on an error. */
pm_storage *open_store(const char *path, unsigned int flags, const pm_schema *schema);

typedef struct staff_row {
    const char *name;
    const char *joined;   /* ISO date */
    const char *team;     /* NULL for none */
    const void *photo;    /* NULL for none */
    size_t photo_len;
    int64_t level;
} staff_row;

/* Values of a staff row for a kind with nfields fields (6 or 7: v2's email). */
void staff_values(pm_value *v, unsigned int nfields, const staff_row *r);

/* Inserts a row into staff (kind 0); fails the test on an error. */
pm_id insert_staff(pm_storage *s, const staff_row *r);

/* Creates a v1 store holding two staff rows of the same level, closed. */
void make_v1_store(const char *path);

/* Collects what rows a get or scan hands out. */
typedef struct collected {
    int n;
    pm_id ids[32];
    pm_value values[32][7];
    char text[32][7][32];
    int stop_after;       /* > 0: return 1 after that many rows */
    int fail_with;        /* < 0: return it on the first row */
} collected;

/* A row callback that appends to the collected in payload. */
int collect(const pm_row *row, void *payload);

/* Rows in the staff table, counted by sqlite3. */
int64_t count_staff(const char *path);

#endif
