/* The error model across the API, on every backend: status strings and
 * versions, NULL arguments everywhere, bad option versions and URIs,
 * transaction groups, and running out of memory at every allocation. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

static void assert_message(const char *message, const char *text)
{
    if (message == NULL || strstr(message, text) == NULL)
        fail_msg("message '%s' does not mention '%s'", message ? message : "(null)", text);
}

static pm_id create(pm_session *s, const char *ext, const char *name)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = ext;
    o.display_name = name;
    pm_id id = 0;
    if (pm_person_create(&id, s, &o) != PM_OK)
        fail_msg("creating %s: %s", ext, pm_session_errmsg(s));
    return id;
}

static int exists(pm_session *s, const char *ext)
{
    pm_person *p = NULL;
    pm_status st = pm_person_lookup(&p, s, ext);
    pm_person_free(p);
    if (st != PM_OK && st != PM_ENOTFOUND)
        fail_msg("lookup %s: %s", ext, pm_session_errmsg(s));
    return st == PM_OK;
}

static size_t count_people(pm_session *s)
{
    pm_person_iter *it = NULL;
    if (pm_person_search(&it, s, "", PM_PERSON_INCLUDE_LEFT) != PM_OK)
        fail_msg("search: %s", pm_session_errmsg(s));
    size_t n = 0;
    pm_person *p = NULL;
    while (pm_person_iter_next(&p, it) == PM_OK)
        n++;
    pm_person_iter_free(it);
    return n;
}

/* ---- status strings and versions ---- */

static void test_errors_status_str_describes_every_code(void **state)
{
    (void)state;
    const char *seen[19];
    for (int code = 0; code >= PM_EHELD; code--) {
        const char *s = pm_status_str(code);
        assert_non_null(s);
        assert_true(strlen(s) > 1);
        if (strcmp(s, "unknown status") == 0)
            fail_msg("code %d has no description", code);
        for (int other = 0; other > code; other--)
            if (strcmp(seen[-other], s) == 0)
                fail_msg("codes %d and %d share the description '%s'", other, code, s);
        seen[-code] = s;
    }
    assert_string_equal(pm_status_str(PM_OK), "ok");
    assert_string_equal(pm_status_str(PM_ENOTFOUND), "not found");
    assert_string_equal(pm_status_str(PM_EPERM), "permission denied");
    assert_string_equal(pm_status_str(PM_EHELD - 1), "unknown status");
    assert_string_equal(pm_status_str(1), "unknown status");
    assert_string_equal(pm_status_str(-1000), "unknown status");
    assert_string_equal(pm_status_str(INT32_MIN), "unknown status");
}

static void test_errors_status_codes_keep_their_numbers(void **state)
{
    (void)state;
    /* Published values: a renumbering breaks every caller compiled before it. */
    assert_int_equal(PM_EINVAL, -1);
    assert_int_equal(PM_EPERM, -3);
    assert_int_equal(PM_ENOMEM, -6);
    assert_int_equal(PM_EVERSION, -10);
    assert_int_equal(PM_EMISUSE, -14);
    assert_int_equal(PM_ITEROVER, -17);
    assert_int_equal(PM_EHELD, -18);
}

static void test_errors_version_matches_the_macros(void **state)
{
    (void)state;
    int major = -1, minor = -1, patch = -1;
    const char *v = pm_version(&major, &minor, &patch);
    assert_int_equal(major, PM_VERSION_MAJOR);
    assert_int_equal(minor, PM_VERSION_MINOR);
    assert_int_equal(patch, PM_VERSION_PATCH);
    assert_string_equal(v, PM_VERSION_STRING);
    char built[32];
    snprintf(built, sizeof built, "%d.%d.%d", major, minor, patch);
    assert_string_equal(built, v);
    assert_int_equal(PM_VERSION_NUMBER, major * 10000 + minor * 100 + patch);
    assert_string_equal(pm_version(NULL, NULL, NULL), PM_VERSION_STRING);
}

/* ---- NULL everywhere ---- */

static void test_errors_null_handles_without_a_store(void **state)
{
    (void)state;
    pm_date d = 0;
    pm_time t = 0;
    char *err = NULL;
    pm_db *db = (pm_db *)&db;
    assert_int_equal(pm_date_from_ymd(NULL, 2026, 1, 1), PM_EINVAL);
    assert_int_equal(pm_date_parse(NULL, "2026-01-01"), PM_EINVAL);
    assert_int_equal(pm_date_parse(&d, NULL), PM_EINVAL);
    assert_int_equal(pm_date_format(NULL, 0), PM_EINVAL);
    assert_int_equal(pm_date_to_ymd(0, NULL, NULL, NULL), PM_OK); /* out params may be NULL */
    assert_int_equal(pm_time_parse(NULL, "2026-01-01T00:00:00Z"), PM_EINVAL);
    assert_int_equal(pm_time_parse(&t, NULL), PM_EINVAL);
    assert_int_equal(pm_time_format(NULL, 0), PM_EINVAL);

    assert_int_equal(pm_db_open(NULL, &err, "memory:", NULL), PM_EINVAL);
    assert_message(err, "out");
    pm_free(err);
    assert_int_equal(pm_db_open(&db, &err, NULL, NULL), PM_EINVAL);
    assert_null(db);
    assert_message(err, "uri");
    pm_free(err);
    assert_int_equal(pm_db_open(&db, NULL, NULL, NULL), PM_EINVAL); /* errmsg may be NULL */
    assert_int_equal(pm_db_open_storage(NULL, NULL, NULL), PM_EINVAL);
    assert_int_equal(pm_db_open_storage(&db, &err, NULL), PM_EINVAL);
    assert_message(err, "storage");
    pm_free(err);
    assert_int_equal(pm_db_set_clock(NULL, NULL, NULL), PM_EINVAL);
    assert_int_equal(pm_db_now(NULL), 0);
    assert_non_null(pm_db_errmsg(NULL));
    pm_db_close(NULL);
    pm_free(NULL);

    pm_session *s = (pm_session *)&s;
    assert_int_equal(pm_session_open(&s, NULL, 1), PM_EINVAL);
    assert_int_equal(pm_session_open_system(&s, NULL), PM_EINVAL);
    assert_int_equal(pm_session_begin(NULL), PM_EINVAL);
    assert_int_equal(pm_session_commit(NULL), PM_EINVAL);
    assert_int_equal(pm_session_rollback(NULL), PM_EINVAL);
    assert_int_equal(pm_session_actor(NULL), 0);
    assert_int_equal(pm_session_errcode(NULL), PM_EINVAL);
    assert_non_null(pm_session_errmsg(NULL));
    pm_session_free(NULL);

    pm_storage *storage = NULL;
    assert_int_equal(pm_storage_memory_open(NULL), PM_EINVAL);
    assert_int_equal(pm_storage_sqlite_open(NULL, "x.db", 0, NULL), PM_EINVAL);
    assert_int_equal(pm_storage_sqlite_open(&storage, NULL, 0, &err), PM_EINVAL);
    assert_null(storage);
    pm_free(err);

    assert_int_equal(pm_allocator_set(NULL), PM_OK); /* documented: restores malloc */
}

static void test_errors_null_snapshot_getters_and_frees(void **state)
{
    (void)state;
    assert_int_equal(pm_person_id(NULL), 0);
    assert_null(pm_person_external_id(NULL));
    assert_null(pm_person_display_name(NULL));
    assert_null(pm_person_email(NULL));
    assert_int_equal(pm_person_status_get(NULL), 0);
    assert_int_equal(pm_person_left_on(NULL), PM_DATE_NONE);
    assert_int_equal(pm_person_is_hr_admin(NULL), 0);
    assert_int_equal(pm_person_created_at(NULL), 0);
    assert_int_equal(pm_person_created_by(NULL), 0);
    assert_int_equal(pm_person_updated_at(NULL), 0);
    assert_int_equal(pm_person_updated_by(NULL), 0);
    pm_person_free(NULL);
    pm_person_iter_free(NULL);
    assert_int_equal(pm_unit_id(NULL), 0);
    assert_null(pm_unit_name(NULL));
    assert_int_equal(pm_unit_parent(NULL), 0);
    pm_unit_free(NULL);
    pm_unit_iter_free(NULL);
    pm_person *p = (pm_person *)&p;
    assert_int_equal(pm_person_iter_next(&p, NULL), PM_EINVAL);
    assert_null(p);
    assert_int_equal(pm_person_iter_next(NULL, NULL), PM_EINVAL);
    pm_unit *u = NULL;
    assert_int_equal(pm_unit_iter_next(&u, NULL), PM_EINVAL);
    assert_int_equal(pm_unit_iter_next(NULL, NULL), PM_EINVAL);
}

static void test_errors_null_session_is_refused_by_every_domain_call(void **state)
{
    (void)state;
    pm_person_opts po = PM_PERSON_OPTS_INIT;
    pm_unit_opts uo = PM_UNIT_OPTS_INIT;
    pm_person *p = NULL;
    pm_person_iter *pi = NULL;
    pm_unit *u = NULL;
    pm_unit_iter *ui = NULL;
    pm_id id = 0;
    int flag = 0;
    char *path = NULL;
    assert_int_equal(pm_person_create(&id, NULL, &po), PM_EINVAL);
    assert_int_equal(pm_person_update(NULL, 1, &po), PM_EINVAL);
    assert_int_equal(pm_person_set_hr_admin(NULL, 1, 1), PM_EINVAL);
    assert_int_equal(pm_person_set_left(NULL, 1, PM_DATE_NONE), PM_EINVAL);
    assert_int_equal(pm_person_get(&p, NULL, 1), PM_EINVAL);
    assert_int_equal(pm_person_lookup(&p, NULL, "E1"), PM_EINVAL);
    assert_int_equal(pm_person_search(&pi, NULL, "", 0), PM_EINVAL);
    assert_int_equal(pm_unit_create(&id, NULL, &uo), PM_EINVAL);
    assert_int_equal(pm_unit_rename(NULL, 1, "x", 0), PM_EINVAL);
    assert_int_equal(pm_unit_move(NULL, 1, 0), PM_EINVAL);
    assert_int_equal(pm_unit_get(&u, NULL, 1), PM_EINVAL);
    assert_int_equal(pm_unit_find(&id, NULL, "x"), PM_EINVAL);
    assert_int_equal(pm_unit_path(&path, NULL, 1), PM_EINVAL);
    assert_int_equal(pm_unit_children(&ui, NULL, 0), PM_EINVAL);
    assert_int_equal(pm_unit_members(&pi, NULL, 1, PM_DATE_NONE, 0), PM_EINVAL);
    assert_int_equal(pm_org_set_unit(NULL, 1, 1, PM_DATE_NONE), PM_EINVAL);
    assert_int_equal(pm_org_unit_on(&id, NULL, 1, PM_DATE_NONE), PM_EINVAL);
    assert_int_equal(pm_org_set_manager(NULL, 1, 2, PM_DATE_NONE), PM_EINVAL);
    assert_int_equal(pm_org_manager_on(&id, NULL, 1, PM_DATE_NONE), PM_EINVAL);
    assert_int_equal(pm_org_reports(&pi, NULL, 1, PM_DATE_NONE, 0), PM_EINVAL);
    assert_int_equal(pm_org_is_above(&flag, NULL, 1, 2, PM_DATE_NONE), PM_EINVAL);
    assert_int_equal(pm_import_csv(NULL, "external_id,name\n", 17, NULL, NULL), PM_EINVAL);
    assert_int_equal(pm_import_csv_file(NULL, "/nonexistent.csv", NULL, NULL), PM_EINVAL);
}

/* A call with a live session and a NULL pointer: PM_EINVAL and a message
 * naming the argument. */
#define NULL_ARG(call, argname)                                 \
    do {                                                        \
        pm_status st_ = (call);                                 \
        if (st_ != PM_EINVAL)                                   \
            fail_msg("%s: status %d, want PM_EINVAL", #call, st_); \
        assert_message(pm_session_errmsg(s), argname);          \
        assert_int_equal(pm_session_errcode(s), PM_EINVAL);     \
    } while (0)

static void test_errors_null_pointers_with_a_session_are_named(void **state)
{
    pm_fixture *f = *state;
    pm_session *s = f->sys;
    pm_id person = create(s, "E1", "Anna");
    pm_id unit = pm_fixture_unit(f, "Sales", 0);
    NULL_ARG(pm_person_create(NULL, s, NULL), "opts");
    NULL_ARG(pm_person_update(s, person, NULL), "opts");
    NULL_ARG(pm_person_get(NULL, s, person), "out");
    NULL_ARG(pm_person_lookup(NULL, s, "E1"), "out");
    pm_person *p = NULL;
    NULL_ARG(pm_person_lookup(&p, s, NULL), "external_id");
    NULL_ARG(pm_person_search(NULL, s, "", 0), "out");
    pm_person_iter *pi = NULL;
    NULL_ARG(pm_person_search(&pi, s, NULL, 0), "query");
    NULL_ARG(pm_unit_create(NULL, s, NULL), "opts");
    NULL_ARG(pm_unit_rename(s, unit, NULL, 0), "name");
    NULL_ARG(pm_unit_get(NULL, s, unit), "out");
    NULL_ARG(pm_unit_find(NULL, s, "Sales"), "out");
    pm_id id = 0;
    NULL_ARG(pm_unit_find(&id, s, NULL), "path");
    NULL_ARG(pm_unit_path(NULL, s, unit), "out");
    NULL_ARG(pm_unit_children(NULL, s, 0), "out");
    NULL_ARG(pm_unit_members(NULL, s, unit, PM_DATE_NONE, 0), "out");
    NULL_ARG(pm_org_unit_on(NULL, s, person, PM_DATE_NONE), "out");
    NULL_ARG(pm_org_manager_on(NULL, s, person, PM_DATE_NONE), "out");
    NULL_ARG(pm_org_reports(NULL, s, person, PM_DATE_NONE, 0), "out");
    NULL_ARG(pm_org_is_above(NULL, s, person, person, PM_DATE_NONE), "out");
    NULL_ARG(pm_import_csv(s, NULL, 5, NULL, NULL), "data");
    NULL_ARG(pm_import_csv_file(s, NULL, NULL, NULL), "path");

    pm_session *out = NULL;
    assert_int_equal(pm_session_open(NULL, f->db, person), PM_EINVAL);
    assert_message(pm_db_errmsg(f->db), "out");
    assert_int_equal(pm_session_open_system(NULL, f->db), PM_EINVAL);
    assert_int_equal(pm_session_open(&out, f->db, 0), PM_EINVAL);
    assert_null(out);
    assert_int_equal(pm_session_open(&out, f->db, 9999), PM_ENOTFOUND);
    assert_message(pm_db_errmsg(f->db), "9999");
    /* None of it wrote anything. */
    assert_int_equal(count_people(s), 1);
}

/* ---- option versions and URIs ---- */

static void test_errors_opts_init_rejects_unknown_versions(void **state)
{
    (void)state;
    pm_db_opts dbo;
    pm_person_opts po;
    pm_unit_opts uo;
    pm_import_opts io;
    assert_int_equal(pm_db_opts_init(&dbo, 0), PM_EVERSION);
    assert_int_equal(pm_db_opts_init(&dbo, 99), PM_EVERSION);
    assert_int_equal(pm_db_opts_init(NULL, PM_DB_OPTS_VERSION), PM_EINVAL);
    assert_int_equal(pm_db_opts_init(&dbo, PM_DB_OPTS_VERSION), PM_OK);
    assert_int_equal(dbo.version, PM_DB_OPTS_VERSION);
    assert_int_equal(dbo.flags, 0);
    assert_int_equal(pm_person_opts_init(&po, 0), PM_EVERSION);
    assert_int_equal(pm_person_opts_init(&po, 99), PM_EVERSION);
    assert_int_equal(pm_person_opts_init(NULL, PM_PERSON_OPTS_VERSION), PM_EINVAL);
    assert_int_equal(pm_person_opts_init(&po, PM_PERSON_OPTS_VERSION), PM_OK);
    assert_int_equal(po.start, PM_DATE_NONE);
    assert_int_equal(pm_unit_opts_init(&uo, 0), PM_EVERSION);
    assert_int_equal(pm_unit_opts_init(&uo, 99), PM_EVERSION);
    assert_int_equal(pm_unit_opts_init(NULL, PM_UNIT_OPTS_VERSION), PM_EINVAL);
    assert_int_equal(pm_unit_opts_init(&uo, PM_UNIT_OPTS_VERSION), PM_OK);
    assert_int_equal(uo.version, PM_UNIT_OPTS_VERSION);
    assert_int_equal(pm_import_opts_init(&io, 0), PM_EVERSION);
    assert_int_equal(pm_import_opts_init(&io, 99), PM_EVERSION);
    assert_int_equal(pm_import_opts_init(NULL, PM_IMPORT_OPTS_VERSION), PM_EINVAL);
    assert_int_equal(pm_import_opts_init(&io, PM_IMPORT_OPTS_VERSION), PM_OK);
    assert_int_equal(io.date, PM_DATE_NONE);

    pm_allocator bad = { 99, NULL, NULL, NULL, NULL };
    assert_int_equal(pm_allocator_set(&bad), PM_EVERSION);
    bad.version = PM_ALLOCATOR_VERSION;
    assert_int_equal(pm_allocator_set(&bad), PM_EINVAL);
}

static void test_errors_db_open_refuses_bad_uris_and_versions(void **state)
{
    (void)state;
    static const struct {
        const char *uri;
        const char *mention;
    } bad[] = {
        { "", "uri: ''" },
        { "nosuch:x", "nosuch:x" },
        { "sqlite:", "sqlite:" },
        { "MEMORY:", "MEMORY:" },
        { "memory", "memory" },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pm_db *db = (pm_db *)&db;
        char *err = NULL;
        pm_status st = pm_db_open(&db, &err, bad[i].uri, NULL);
        if (st != PM_EINVAL)
            fail_msg("uri '%s': status %d, want PM_EINVAL", bad[i].uri, st);
        assert_null(db);
        assert_message(err, "uri");
        assert_message(err, bad[i].mention);
        pm_free(err);
    }
    pm_db_opts o = PM_DB_OPTS_INIT;
    o.version = 99;
    pm_db *db = NULL;
    char *err = NULL;
    assert_int_equal(pm_db_open(&db, &err, "memory:", &o), PM_EVERSION);
    assert_null(db);
    assert_message(err, "version");
    pm_free(err);
}

/* ---- transaction groups ---- */

static void test_errors_group_commit_keeps_every_write(void **state)
{
    pm_fixture *f = *state;
    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    create(f->sys, "E1", "Anna");
    create(f->sys, "E2", "Bo");
    assert_true(exists(f->sys, "E1")); /* visible inside the group */
    assert_int_equal(pm_session_commit(f->sys), PM_OK);
    assert_true(exists(f->sys, "E1"));
    assert_true(exists(f->sys, "E2"));
}

static void test_errors_group_rollback_discards_its_writes(void **state)
{
    pm_fixture *f = *state;
    create(f->sys, "E0", "Before");
    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    create(f->sys, "E1", "Anna");
    pm_id bo = create(f->sys, "E2", "Bo");
    assert_int_equal(pm_person_set_hr_admin(f->sys, bo, 1), PM_OK);
    assert_int_equal(pm_session_rollback(f->sys), PM_OK);
    assert_false(exists(f->sys, "E1"));
    assert_false(exists(f->sys, "E2"));
    assert_true(exists(f->sys, "E0"));
    assert_int_equal(count_people(f->sys), 1);
}

static void test_errors_failing_call_in_a_group_undoes_only_itself(void **state)
{
    pm_fixture *f = *state;
    pm_id unit = pm_fixture_unit(f, "Sales", 0);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "X1";
    o.display_name = "Xena";
    o.unit = unit;
    o.start = pm_fixture_date("2026-07-01");
    pm_id xena = 0;
    assert_int_equal(pm_person_create(&xena, f->sys, &o), PM_OK);

    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    create(f->sys, "E1", "Anna");
    /* Rejected before writing: a duplicate. */
    o.external_id = "E1";
    o.unit = 0;
    assert_int_equal(pm_person_create(NULL, f->sys, &o), PM_ECONFLICT);
    /* Rejected after writing: the person row is marked as left, then ending
     * a membership that starts later than the leaving day fails. */
    pm_status st = pm_person_set_left(f->sys, xena, pm_fixture_date("2026-06-20"));
    assert_int_not_equal(st, PM_OK);
    assert_true(strlen(pm_session_errmsg(f->sys)) > 0);
    create(f->sys, "E2", "Bo");
    assert_int_equal(pm_session_commit(f->sys), PM_OK);

    assert_true(exists(f->sys, "E1"));
    assert_true(exists(f->sys, "E2"));
    assert_int_equal(count_people(f->sys), 3);
    pm_person *p = NULL;
    assert_int_equal(pm_person_get(&p, f->sys, xena), PM_OK);
    assert_int_equal(pm_person_status_get(p), PM_PERSON_ACTIVE);
    assert_int_equal(pm_person_left_on(p), PM_DATE_NONE);
    pm_person_free(p);
}

static void test_errors_group_misuse_is_reported(void **state)
{
    pm_fixture *f = *state;
    assert_int_equal(pm_session_commit(f->sys), PM_EMISUSE);
    assert_message(pm_session_errmsg(f->sys), "transaction");
    assert_int_equal(pm_session_rollback(f->sys), PM_EMISUSE);
    assert_int_equal(pm_session_begin(f->sys), PM_OK);
    assert_int_equal(pm_session_begin(f->sys), PM_EMISUSE);
    assert_message(pm_session_errmsg(f->sys), "already open");
    create(f->sys, "E1", "Anna");
    /* The misuse did not end the open group. */
    assert_int_equal(pm_session_commit(f->sys), PM_OK);
    assert_int_equal(pm_session_commit(f->sys), PM_EMISUSE);
    assert_true(exists(f->sys, "E1"));
}

static void test_errors_freeing_a_session_rolls_its_group_back(void **state)
{
    pm_fixture *f = *state;
    pm_session *s = NULL;
    assert_int_equal(pm_session_open_system(&s, f->db), PM_OK);
    assert_int_equal(pm_session_begin(s), PM_OK);
    create(s, "E1", "Anna");
    pm_session_free(s);
    assert_false(exists(f->sys, "E1"));
}

static void test_errors_success_clears_the_last_error(void **state)
{
    pm_fixture *f = *state;
    pm_person *p = NULL;
    assert_int_equal(pm_person_get(&p, f->sys, 9999), PM_ENOTFOUND);
    assert_int_equal(pm_session_errcode(f->sys), PM_ENOTFOUND);
    create(f->sys, "E1", "Anna");
    assert_int_equal(pm_session_errcode(f->sys), PM_OK);
    assert_string_equal(pm_session_errmsg(f->sys), "");
}

/* ---- running out of memory ---- */

static pm_time fixed_clock(void *payload)
{
    (void)payload;
    return PM_FIXTURE_NOW;
}

struct oom_store {
    pm_db *db;
    pm_session *s;
    char path[512];
    long live_before_open;
};

/* The counting allocator goes in before the store opens: memory must be
 * freed by the allocator that allocated it. */
static void oom_open(struct oom_store *o)
{
    o->live_before_open = pm_fixture_alloc_live();
    pm_fixture_alloc_install();
    pm_fixture_alloc_fail_after(-1);
    assert_int_equal(pm_fixture_open_store(&o->db, o->path), PM_OK);
    pm_db_set_clock(o->db, fixed_clock, NULL);
    assert_int_equal(pm_session_open_system(&o->s, o->db), PM_OK);
    /* Warm up, so that anything a backend builds once (prepared statements,
     * index trees) is not mistaken for a leak of the calls under test. */
    create(o->s, "W1", "Warm Up");
    pm_person *p = NULL;
    assert_int_equal(pm_person_get(&p, o->s, 1), PM_OK);
    pm_person_free(p);
    assert_true(exists(o->s, "W1"));
    assert_int_equal(count_people(o->s), 1);
}

static void oom_close(struct oom_store *o)
{
    pm_session_free(o->s);
    pm_db_close(o->db);
    pm_fixture_remove_file(o->path);
    assert_int_equal(pm_fixture_alloc_live(), o->live_before_open);
    pm_allocator_set(NULL);
}

static void assert_clean_failure(pm_session *s, pm_status st, long n)
{
    if (st != PM_ENOMEM && st != PM_ESTORAGE)
        fail_msg("allocation %ld failing: status %d (%s): %s", n, st, pm_status_str(st),
                 pm_session_errmsg(s));
    if (pm_session_errmsg(s)[0] == '\0')
        fail_msg("allocation %ld failing: status %d without a message", n, st);
}

#define OOM_LIMIT 10000

static void test_errors_person_create_survives_each_allocation_failure(void **state)
{
    (void)state;
    struct oom_store o;
    oom_open(&o);
    pm_person_opts po = PM_PERSON_OPTS_INIT;
    po.external_id = "E" "\xC3\x85"; /* non-ASCII: exercises normalisation too */
    po.display_name = "A\xCC\x8A" "sa Berg";
    po.email = "asa@example.com";
    long n = 0;
    for (;; n++) {
        assert_true(n < OOM_LIMIT);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_id id = 77;
        pm_status st = pm_person_create(&id, o.s, &po);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK)
            break;
        assert_clean_failure(o.s, st, n);
        assert_int_equal(id, 0);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
        assert_false(exists(o.s, "E\xC3\x85"));
        assert_int_equal(count_people(o.s), 1);
    }
    assert_true(n > 0); /* the call does allocate, so failures were injected */
    assert_true(exists(o.s, "E\xC3\x85"));
    assert_int_equal(count_people(o.s), 2);
    oom_close(&o);
}

static void test_errors_person_get_survives_each_allocation_failure(void **state)
{
    (void)state;
    struct oom_store o;
    oom_open(&o);
    long n = 0;
    for (;; n++) {
        assert_true(n < OOM_LIMIT);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_person *p = (pm_person *)&p;
        pm_status st = pm_person_get(&p, o.s, 1);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK) {
            assert_string_equal(pm_person_display_name(p), "Warm Up");
            pm_person_free(p);
            break;
        }
        assert_clean_failure(o.s, st, n);
        assert_null(p);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(n > 0);
    assert_int_equal(count_people(o.s), 1);
    oom_close(&o);
}

static void test_errors_person_search_survives_each_allocation_failure(void **state)
{
    (void)state;
    struct oom_store o;
    oom_open(&o);
    create(o.s, "E2", "Bo Berg");
    long n = 0;
    for (;; n++) {
        assert_true(n < OOM_LIMIT);
        long live = pm_fixture_alloc_live();
        pm_fixture_alloc_fail_after(n);
        pm_person_iter *it = NULL;
        pm_status st = pm_person_search(&it, o.s, "BERG", 0);
        pm_person *p = NULL;
        if (st == PM_OK)
            st = pm_person_iter_next(&p, it);
        pm_person_iter_free(it);
        pm_fixture_alloc_fail_after(-1);
        if (st == PM_OK)
            break;
        assert_clean_failure(o.s, st, n);
        if (pm_fixture_alloc_live() != live)
            fail_msg("allocation %ld failing: %ld allocations leaked", n,
                     pm_fixture_alloc_live() - live);
    }
    assert_true(n > 0);
    oom_close(&o);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_errors_status_str_describes_every_code),
        cmocka_unit_test(test_errors_status_codes_keep_their_numbers),
        cmocka_unit_test(test_errors_version_matches_the_macros),
        cmocka_unit_test(test_errors_null_handles_without_a_store),
        cmocka_unit_test(test_errors_null_snapshot_getters_and_frees),
        cmocka_unit_test(test_errors_null_session_is_refused_by_every_domain_call),
        T(test_errors_null_pointers_with_a_session_are_named),
        cmocka_unit_test(test_errors_opts_init_rejects_unknown_versions),
        cmocka_unit_test(test_errors_db_open_refuses_bad_uris_and_versions),
        T(test_errors_group_commit_keeps_every_write),
        T(test_errors_group_rollback_discards_its_writes),
        T(test_errors_failing_call_in_a_group_undoes_only_itself),
        T(test_errors_group_misuse_is_reported),
        T(test_errors_freeing_a_session_rolls_its_group_back),
        T(test_errors_success_clears_the_last_error),
        cmocka_unit_test(test_errors_person_create_survives_each_allocation_failure),
        cmocka_unit_test(test_errors_person_get_survives_each_allocation_failure),
        cmocka_unit_test(test_errors_person_search_survives_each_allocation_failure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
