/* Conformance: the change stamp (pm_storage::change_stamp, optional since
 * version 4). The suite's schema stamps conf_uniq and not conf_item. The
 * stamp stays while nothing stamped is written; another instance's
 * committed insert, update or removal of a stamped kind changes it, one
 * made after a rolled-back savepoint too; and
 * inside one transaction it is the one that transaction's snapshot shows.
 * The cases with a second instance need reopen() (a store of its own per
 * instance has no other writer). A backend without the op has nothing to
 * test here. */
#include "conformance_internal.h"

#include <stdio.h>
#include <string.h>

static uint64_t stamp_at(pm_storage *st, const char *file, int line)
{
    uint64_t stamp = 0;
    conf_check_at(st, PM_OK, st->change_stamp(st, &stamp), "change_stamp()", file, line);
    return stamp;
}
#define STAMP(st) stamp_at((st), __FILE__, __LINE__)

/* The stamp read in a transaction of its own. */
static uint64_t stamp_alone_at(pm_storage *st, const char *file, int line)
{
    conf_check_at(st, PM_OK, st->begin(st), "begin()", file, line);
    uint64_t stamp = stamp_at(st, file, line);
    conf_check_at(st, PM_OK, st->commit(st), "commit()", file, line);
    return stamp;
}
#define STAMP_ALONE(st) stamp_alone_at((st), __FILE__, __LINE__)

static int has_stamp(const conf *c)
{
    return c->st->change_stamp != NULL;
}

/* A second instance on the case's store, prepared; NULL when the backend
 * has no stamp or the harness cannot open one (nothing to test). */
static pm_storage *other_instance(conf *c)
{
    if (!has_stamp(c) || c->backend->reopen == NULL)
        return NULL;
    pm_storage *other = NULL;
    pm_status rc = c->backend->reopen(&other, c->backend->payload);
    if (rc != PM_OK || other == NULL)
        CONF_FAIL("reopen() failed: %s (%d)", pm_status_str(rc), (int)rc);
    rc = other->prepare(other, &conf_schema_v1);
    if (rc != PM_OK) {
        other->free(other);
        CONF_FAIL("prepare() of a second instance failed: %s (%d)", pm_status_str(rc), (int)rc);
    }
    return other;
}

static pm_id insert_uniq(pm_storage *st, const char *code)
{
    pm_value v[CONF_MAX_FIELDS];
    uniq_init(v, v_text(code), v_int(1), v_text("t"), "stamped");
    BEGIN(st);
    pm_id id = INSERT(st, K_UNIQ, v);
    COMMIT(st);
    return id;
}

static void test_stamp_stays_while_nothing_stamped_is_written(void **state)
{
    conf *c = *state;
    if (!has_stamp(c))
        return;
    uint64_t first = STAMP_ALONE(c->st);
    BEGIN(c->st);
    assert_true(STAMP(c->st) == first);
    assert_true(STAMP(c->st) == first);
    COMMIT(c->st);
    BEGIN(c->st);
    item_insert(c->st, 1, I_NUM, v_int(1)); /* conf_item is not stamped */
    COMMIT(c->st);
    if (STAMP_ALONE(c->st) != first)
        CONF_FAIL("a write of an unstamped kind changed the stamp");
    pm_storage *other = other_instance(c);
    if (other == NULL)
        return;
    BEGIN(other);
    item_insert(other, 2, I_NUM, v_int(2));
    COMMIT(other);
    uint64_t after = STAMP_ALONE(c->st);
    other->free(other);
    if (after != first)
        CONF_FAIL("another instance's write of an unstamped kind changed the stamp");
}

static void test_stamp_changes_with_each_stamped_write_of_another_instance(void **state)
{
    conf *c = *state;
    pm_storage *other = other_instance(c);
    if (other == NULL)
        return;
    uint64_t before = STAMP_ALONE(c->st);
    pm_id id = insert_uniq(other, "a");
    uint64_t inserted = STAMP_ALONE(c->st);
    pm_value v[CONF_MAX_FIELDS];
    uniq_init(v, v_text("b"), v_int(2), v_text("t"), "changed");
    BEGIN(other);
    CONF_OK(other, other->update(other, K_UNIQ, id, v, PM_UPDATE_ALL_FIELDS));
    COMMIT(other);
    uint64_t updated = STAMP_ALONE(c->st);
    BEGIN(other);
    CONF_OK(other, other->remove(other, K_UNIQ, id));
    COMMIT(other);
    uint64_t removed = STAMP_ALONE(c->st);
    /* A write after a savepoint that wrote and was rolled back counts. */
    uniq_init(v, v_text("d"), v_int(3), v_text("t"), "again");
    BEGIN(other);
    BEGIN(other);
    INSERT(other, K_UNIQ, v);
    ROLLBACK(other);
    INSERT(other, K_UNIQ, v);
    COMMIT(other);
    uint64_t after_savepoint = STAMP_ALONE(c->st);
    other->free(other);
    if (after_savepoint == removed)
        CONF_FAIL("a committed insert made after a rolled-back savepoint's left the stamp "
                  "at %llu",
                  (unsigned long long)removed);
    if (inserted == before)
        CONF_FAIL("another instance's committed insert left the stamp at %llu",
                  (unsigned long long)before);
    if (updated == inserted)
        CONF_FAIL("another instance's committed update left the stamp at %llu",
                  (unsigned long long)inserted);
    if (removed == updated)
        CONF_FAIL("another instance's committed removal left the stamp at %llu",
                  (unsigned long long)updated);
}

/* The stamp belongs to what the transaction sees: a commit of another
 * instance after its first read shows in the stamp once it ends, not
 * before. */
static void test_stamp_is_that_of_the_transaction_snapshot(void **state)
{
    conf *c = *state;
    pm_storage *other = other_instance(c);
    if (other == NULL)
        return;
    BEGIN(c->st);
    uint64_t seen = STAMP(c->st);
    insert_uniq(other, "c");
    uint64_t again = STAMP(c->st);
    COMMIT(c->st);
    uint64_t later = STAMP_ALONE(c->st);
    other->free(other);
    if (again != seen)
        CONF_FAIL("the stamp moved inside a transaction (%llu, then %llu) with another "
                  "instance's commit",
                  (unsigned long long)seen, (unsigned long long)again);
    if (later == seen)
        CONF_FAIL("the next transaction's stamp does not show the other instance's commit");
}

int conf_run_stamp(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_stamp_stays_while_nothing_stamped_is_written, b),
        CONF_CASE(test_stamp_changes_with_each_stamped_write_of_another_instance, b),
        CONF_CASE(test_stamp_is_that_of_the_transaction_snapshot, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "change stamps"),
                                       cases, NULL, NULL);
}
