/* The SQLite backend's writes: two instances on one file (the busy
 * timeout, waiting for a commit, reading the last commit), transactions and
 * savepoints, what it refuses and how its message names it, and ids that
 * are never issued twice. */
#define _POSIX_C_SOURCE 200809L /* clock_gettime, nanosleep */
#include "fixture.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "sqlite_store.h"

/* ---- two instances on one file ---------------------------------------------------- */

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void test_writer_gets_busy_after_the_timeout_while_another_holds_the_lock(void **state)
{
    file_state *f = *state;
    pm_storage *holder = open_store(f->path, 0, &schema_v1);
    pm_storage *writer = open_store(f->path, 0, &schema_v1);
    assert_int_equal(holder->begin(holder), PM_OK);
    staff_row r = { "ada", "2026-01-01", NULL, NULL, 0, 1 };
    insert_staff(holder, &r);

    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(writer->begin(writer), PM_EBUSY);
    double waited = seconds_since(&start);
    assert_true(waited >= 4.5); /* the 5 s busy timeout, not an immediate failure */
    assert_non_null(strstr(writer->errmsg(writer), "locked"));

    /* The holder's work is intact and the writer can go on afterwards. */
    assert_int_equal(holder->commit(holder), PM_OK);
    assert_int_equal(writer->begin(writer), PM_OK);
    r.name = "bo";
    insert_staff(writer, &r);
    assert_int_equal(writer->commit(writer), PM_OK);
    holder->free(holder);
    writer->free(writer);
    assert_int_equal(count_staff(f->path), 2);
}

static void *commit_later(void *arg)
{
    pm_storage *holder = arg;
    struct timespec pause = { 0, 300 * 1000 * 1000 };
    nanosleep(&pause, NULL);
    return (void *)(intptr_t)holder->commit(holder);
}

static void test_writer_waits_for_a_holder_that_commits_within_the_timeout(void **state)
{
    file_state *f = *state;
    pm_storage *holder = open_store(f->path, 0, &schema_v1);
    pm_storage *writer = open_store(f->path, 0, &schema_v1);
    assert_int_equal(holder->begin(holder), PM_OK);
    staff_row r = { "ada", "2026-01-01", NULL, NULL, 0, 1 };
    insert_staff(holder, &r);

    pthread_t thread;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    assert_int_equal(pthread_create(&thread, NULL, commit_later, holder), 0);
    assert_int_equal(writer->begin(writer), PM_OK);
    assert_true(seconds_since(&start) >= 0.2);
    void *result = NULL;
    pthread_join(thread, &result);
    assert_int_equal((intptr_t)result, PM_OK);
    r.name = "bo";
    insert_staff(writer, &r);
    assert_int_equal(writer->commit(writer), PM_OK);
    holder->free(holder);
    writer->free(writer);
    assert_int_equal(count_staff(f->path), 2);
}

static void test_reader_sees_the_last_commit_while_another_instance_writes(void **state)
{
    file_state *f = *state;
    make_v1_store(f->path);
    pm_storage *writer = open_store(f->path, 0, &schema_v1);
    pm_storage *reader = open_store(f->path, PM_SQLITE_READONLY, &schema_v1);
    assert_int_equal(writer->begin(writer), PM_OK);
    staff_row r = { "cy", "2026-01-01", NULL, NULL, 0, 1 };
    insert_staff(writer, &r);

    pm_scan by_id = { 0, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    collected c = { 0 };
    assert_int_equal(reader->scan(reader, &by_id, collect, &c), PM_OK);
    assert_int_equal(c.n, 2);
    assert_int_equal(writer->commit(writer), PM_OK);
    memset(&c, 0, sizeof c);
    assert_int_equal(reader->scan(reader, &by_id, collect, &c), PM_OK);
    assert_int_equal(c.n, 3);
    writer->free(writer);
    reader->free(reader);
}

/* ---- writes ------------------------------------------------------------------------ */

static void test_writes_outside_a_transaction_are_misuse(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    pm_value v[6];
    staff_row r = { "ada", "2026-01-01", NULL, NULL, 0, 1 };
    staff_values(v, 6, &r);
    pm_id id = 0;
    assert_int_equal(s->insert(s, 0, v, &id), PM_EMISUSE);
    assert_non_null(strstr(s->errmsg(s), "transaction"));
    assert_int_equal(s->update(s, 0, 1, v, PM_UPDATE_ALL_FIELDS), PM_EMISUSE);
    assert_int_equal(s->remove(s, 0, 1), PM_EMISUSE);
    assert_int_equal(s->commit(s), PM_EMISUSE);
    assert_int_equal(s->rollback(s), PM_EMISUSE);
    s->free(s);
    assert_int_equal(count_staff(f->path), 0);
}

static void test_wrong_values_are_refused_naming_kind_and_field(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    staff_row r = { "ada", "2026-01-01", NULL, NULL, 0, 1 };
    pm_id existing = insert_staff(s, &r);
    pm_value v[6];
    pm_id id = 0;

    staff_values(v, 6, &r);
    v[F_LEVEL].type = PM_VALUE_TEXT;
    v[F_LEVEL].v.b.data = "3";
    v[F_LEVEL].v.b.len = 1;
    assert_int_equal(s->insert(s, 0, v, &id), PM_EINVAL);
    assert_string_equal(s->errmsg(s), "staff.level: expects an integer, got text");

    staff_values(v, 6, &r);
    v[F_NAME].type = PM_VALUE_NULL;
    assert_int_equal(s->update(s, 0, existing, v, PM_UPDATE_ALL_FIELDS), PM_EINVAL);
    assert_string_equal(s->errmsg(s), "staff.name: must not be NULL");

    staff_values(v, 6, &r);
    v[F_JOINED].v.i = 5000000; /* past 9999-12-31 */
    assert_int_equal(s->insert(s, 0, v, &id), PM_ERANGE);
    assert_non_null(strstr(s->errmsg(s), "staff.joined"));

    staff_values(v, 6, &r);
    v[F_SCORE].v.r = NAN;
    assert_int_equal(s->insert(s, 0, v, &id), PM_EINVAL);
    assert_string_equal(s->errmsg(s), "staff.score: NaN is not a storable number");

    staff_values(v, 6, &r);
    v[F_TEAM].type = PM_VALUE_TEXT;
    v[F_TEAM].v.b.data = "a\0b";
    v[F_TEAM].v.b.len = 3;
    assert_int_equal(s->insert(s, 0, v, &id), PM_EINVAL);
    assert_string_equal(s->errmsg(s), "staff.team: text contains a NUL byte");

    staff_values(v, 6, &r);
    assert_int_equal(s->insert(s, 5, v, &id), PM_EINVAL);
    assert_non_null(strstr(s->errmsg(s), "kind 5"));
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);
    assert_int_equal(count_staff(f->path), 1);
    char name[32];
    sql_text(f->path, "SELECT name FROM staff", name, sizeof name);
    assert_string_equal(name, "ada");
}

static void test_duplicate_in_unique_index_is_a_conflict_naming_the_index(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    staff_row r = { "ada", "2026-01-01", NULL, NULL, 0, 1 };
    insert_staff(s, &r);
    pm_value v[6];
    staff_values(v, 6, &r);
    pm_id id = 0;
    assert_int_equal(s->insert(s, 0, v, &id), PM_ECONFLICT);
    assert_string_equal(s->errmsg(s),
                        "insert into staff: another record has the same values in unique index staff_by_name");
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);
    assert_int_equal(count_staff(f->path), 1);
}

static void test_update_and_remove_of_a_missing_record_are_not_found(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    pm_value v[6];
    staff_row r = { "ada", "2026-01-01", NULL, NULL, 0, 1 };
    staff_values(v, 6, &r);
    assert_int_equal(s->update(s, 0, 42, v, PM_UPDATE_ALL_FIELDS), PM_ENOTFOUND);
    assert_string_equal(s->errmsg(s), "staff: no record with id 42");
    assert_int_equal(s->remove(s, 0, 42), PM_ENOTFOUND);
    collected c = { 0 };
    assert_int_equal(s->get(s, 0, 42, collect, &c), PM_ENOTFOUND);
    assert_int_equal(c.n, 0);
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);
}

static void test_nested_transactions_roll_back_to_the_innermost_begin(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    staff_row a = { "a", "2026-01-01", NULL, NULL, 0, 1 };
    staff_row b = { "b", "2026-01-01", NULL, NULL, 0, 1 };
    staff_row c = { "c", "2026-01-01", NULL, NULL, 0, 1 };
    assert_int_equal(s->begin(s), PM_OK);
    insert_staff(s, &a);
    assert_int_equal(s->begin(s), PM_OK);
    insert_staff(s, &b);
    assert_int_equal(s->rollback(s), PM_OK);
    assert_int_equal(s->begin(s), PM_OK);
    assert_int_equal(s->begin(s), PM_OK);
    insert_staff(s, &c);
    assert_int_equal(s->commit(s), PM_OK);
    assert_int_equal(s->commit(s), PM_OK);
    assert_int_equal(s->commit(s), PM_OK);
    assert_int_equal(s->commit(s), PM_EMISUSE);
    s->free(s);
    assert_int_equal(count_staff(f->path), 2);
    assert_int_equal(sql_int(f->path, "SELECT count(*) FROM staff WHERE name='b'"), 0);

    /* An inner commit is undone by the outer rollback; free() rolls back what is open. */
    s = open_store(f->path, 0, &schema_v1);
    staff_row d = { "d", "2026-01-01", NULL, NULL, 0, 1 };
    staff_row e = { "e", "2026-01-01", NULL, NULL, 0, 1 };
    assert_int_equal(s->begin(s), PM_OK);
    assert_int_equal(s->begin(s), PM_OK);
    insert_staff(s, &d);
    assert_int_equal(s->commit(s), PM_OK);
    assert_int_equal(s->rollback(s), PM_OK);
    assert_int_equal(s->begin(s), PM_OK);
    insert_staff(s, &e);
    s->free(s);
    assert_int_equal(count_staff(f->path), 2);
}

static void test_ids_are_never_reused_after_a_remove_or_a_rollback(void **state)
{
    file_state *f = *state;
    pm_storage *s = open_store(f->path, 0, &schema_v1);
    staff_row r = { "a", "2026-01-01", NULL, NULL, 0, 1 };
    assert_int_equal(s->begin(s), PM_OK);
    pm_id first = insert_staff(s, &r);
    r.name = "b";
    pm_id second = insert_staff(s, &r);
    assert_true(first > 0 && second > first);
    assert_int_equal(s->remove(s, 0, second), PM_OK);
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);
    s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    r.name = "c";
    pm_id third = insert_staff(s, &r);
    assert_true(third > second);
    assert_int_equal(s->commit(s), PM_OK);

    /* An id handed out by an insert that was rolled back stays unused too,
     * though SQLite's own counter rolls back with the row. */
    assert_int_equal(s->begin(s), PM_OK);
    r.name = "d";
    pm_id fourth = insert_staff(s, &r);
    assert_int_equal(s->rollback(s), PM_OK);
    assert_int_equal(s->begin(s), PM_OK);
    r.name = "e";
    pm_id fifth = insert_staff(s, &r);
    assert_true(fifth > fourth);
    assert_int_equal(s->begin(s), PM_OK);
    r.name = "f";
    pm_id sixth = insert_staff(s, &r);
    assert_int_equal(s->rollback(s), PM_OK);
    r.name = "g";
    pm_id seventh = insert_staff(s, &r);
    assert_true(seventh > sixth);
    assert_int_equal(s->commit(s), PM_OK);

    /* Nor do later instances issue them: not after a savepoint rollback
     * that the outer transaction committed over, nor after free() rolled
     * back an open transaction. */
    assert_int_equal(s->begin(s), PM_OK);
    assert_int_equal(s->begin(s), PM_OK);
    r.name = "h";
    pm_id eighth = insert_staff(s, &r);
    assert_int_equal(s->rollback(s), PM_OK);
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);
    s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    r.name = "i";
    pm_id ninth = insert_staff(s, &r);
    assert_true(ninth > eighth);
    s->free(s);
    s = open_store(f->path, 0, &schema_v1);
    assert_int_equal(s->begin(s), PM_OK);
    r.name = "j";
    assert_true(insert_staff(s, &r) > ninth);
    assert_int_equal(s->commit(s), PM_OK);
    s->free(s);
    assert_int_equal(count_staff(f->path), 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, file_setup, file_teardown)
        T(test_writer_gets_busy_after_the_timeout_while_another_holds_the_lock),
        T(test_writer_waits_for_a_holder_that_commits_within_the_timeout),
        T(test_reader_sees_the_last_commit_while_another_instance_writes),
        T(test_writes_outside_a_transaction_are_misuse),
        T(test_wrong_values_are_refused_naming_kind_and_field),
        T(test_duplicate_in_unique_index_is_a_conflict_naming_the_index),
        T(test_update_and_remove_of_a_missing_record_are_not_found),
        T(test_nested_transactions_roll_back_to_the_innermost_begin),
        T(test_ids_are_never_reused_after_a_remove_or_a_rollback),
#undef T
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
