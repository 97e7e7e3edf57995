/* People through the public API, on every backend: create, read, search,
 * change, leave, and every way their fields can be wrong. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "samples.h"
#include "store_dump.h"

/* ---- helpers ---- */

static pm_id create_person(pm_fixture *f, const char *ext, const char *name, const char *email)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = ext;
    o.display_name = name;
    o.email = email;
    pm_id id = 0;
    if (pm_person_create(&id, f->sys, &o) != PM_OK)
        fail_msg("creating %s: %s", ext, pm_session_errmsg(f->sys));
    return id;
}

static pm_id create_hr_admin(pm_fixture *f, const char *ext, const char *name)
{
    pm_id id = create_person(f, ext, name, NULL);
    assert_int_equal(pm_person_set_hr_admin(f->sys, id, 1), PM_OK);
    return id;
}

static pm_person *get_person(pm_fixture *f, pm_id id)
{
    pm_person *p = NULL;
    if (pm_person_get(&p, f->sys, id) != PM_OK)
        fail_msg("reading %lld: %s", (long long)id, pm_session_errmsg(f->sys));
    return p;
}

static size_t count_search(pm_session *s, const char *query, unsigned int flags)
{
    pm_person_iter *it = NULL;
    if (pm_person_search(&it, s, query, flags) != PM_OK)
        fail_msg("search '%s': %s", query, pm_session_errmsg(s));
    size_t n = 0;
    pm_person *p = NULL;
    while (pm_person_iter_next(&p, it) == PM_OK)
        n++;
    pm_person_iter_free(it);
    return n;
}

/* A string of n copies of unit. */
static char *repeat(const char *unit, size_t n, const char *suffix)
{
    size_t ulen = strlen(unit);
    char *s = test_malloc(ulen * n + strlen(suffix) + 1);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * ulen, unit, ulen);
    strcpy(s + ulen * n, suffix);
    return s;
}

/* ---- creating and reading ---- */

static void test_person_create_then_get_returns_every_field(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna Svensson", "anna@example.com");
    assert_true(id > 0);
    pm_person *p = get_person(f, id);
    assert_int_equal(pm_person_id(p), id);
    assert_string_equal(pm_person_external_id(p), "E1");
    assert_string_equal(pm_person_display_name(p), "Anna Svensson");
    assert_string_equal(pm_person_email(p), "anna@example.com");
    assert_int_equal(pm_person_status_get(p), PM_PERSON_ACTIVE);
    assert_int_equal(pm_person_left_on(p), PM_DATE_NONE);
    assert_int_equal(pm_person_is_hr_admin(p), 0);
    pm_person_free(p);
}

static void test_person_without_email_reads_as_empty_string(void **state)
{
    pm_fixture *f = *state;
    pm_person *p = get_person(f, create_person(f, "E1", "Anna", NULL));
    assert_string_equal(pm_person_email(p), "");
    pm_person_free(p);
}

static void test_person_create_with_hr_admin_flag(void **state)
{
    pm_fixture *f = *state;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E1";
    o.display_name = "Hedda HR";
    o.hr_admin = 5; /* any non-zero value */
    pm_id id = 0;
    assert_int_equal(pm_person_create(&id, f->sys, &o), PM_OK);
    pm_person *p = get_person(f, id);
    assert_int_equal(pm_person_is_hr_admin(p), 1);
    pm_person_free(p);
}

static void test_person_create_with_explicit_lengths_takes_only_those_bytes(void **state)
{
    pm_fixture *f = *state;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E12345";
    o.external_id_len = 2;
    o.display_name = "Anna Svensson and more";
    o.display_name_len = 13;
    o.email = "a@b.se trailing";
    o.email_len = 6;
    pm_id id = 0;
    assert_int_equal(pm_person_create(&id, f->sys, &o), PM_OK);
    pm_person *p = get_person(f, id);
    assert_string_equal(pm_person_external_id(p), "E1");
    assert_string_equal(pm_person_display_name(p), "Anna Svensson");
    assert_string_equal(pm_person_email(p), "a@b.se");
    pm_person_free(p);
}

static void test_person_create_out_may_be_null(void **state)
{
    pm_fixture *f = *state;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E1";
    o.display_name = "Anna";
    assert_int_equal(pm_person_create(NULL, f->sys, &o), PM_OK);
    assert_int_equal(count_search(f->sys, "", 0), 1);
}

static void test_person_nfd_input_is_stored_as_nfc(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E" A_RING_NFD, A_RING_NFD "sa Berg", A_RING_NFD "sa@example.se");
    pm_person *p = get_person(f, id);
    assert_string_equal(pm_person_external_id(p), "E" A_RING_NFC);
    assert_string_equal(pm_person_display_name(p), A_RING_NFC "sa Berg");
    assert_string_equal(pm_person_email(p), A_RING_NFC "sa@example.se");
    pm_person_free(p);
}

static void test_person_lookup_finds_by_external_id_in_either_normal_form(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E" A_RING_NFC, "Anna", NULL);
    create_person(f, "E2", "Bertil", NULL);
    pm_person *p = NULL;
    assert_int_equal(pm_person_lookup(&p, f->sys, "E" A_RING_NFD), PM_OK);
    assert_int_equal(pm_person_id(p), id);
    pm_person_free(p);
    assert_int_equal(pm_person_lookup(&p, f->sys, "E" A_RING_NFC), PM_OK);
    assert_int_equal(pm_person_id(p), id);
    pm_person_free(p);
}

static void test_person_lookup_unknown_external_id_is_not_found(void **state)
{
    pm_fixture *f = *state;
    create_person(f, "E1", "Anna", NULL);
    pm_person *p = (pm_person *)&p; /* must be reset to NULL */
    assert_fails(f->sys, pm_person_lookup(&p, f->sys, "E9"), PM_ENOTFOUND, "'E9'");
    assert_null(p);
    assert_fails(f->sys, pm_person_lookup(&p, f->sys, "e1"), PM_ENOTFOUND, "person.external_id");
    assert_fails(f->sys, pm_person_lookup(&p, f->sys, "E\xFF"), PM_EUTF8, "external_id");
    assert_fails(f->sys, pm_person_lookup(&p, f->sys, ""), PM_EINVAL, "external_id");
}

static void test_person_get_unknown_id_is_not_found(void **state)
{
    pm_fixture *f = *state;
    create_person(f, "E1", "Anna", NULL);
    pm_person *p = NULL;
    assert_fails(f->sys, pm_person_get(&p, f->sys, 9999), PM_ENOTFOUND, "person: 9999 does not exist");
    assert_null(p);
    assert_fails(f->sys, pm_person_get(&p, f->sys, 0), PM_EINVAL, "person");
    assert_fails(f->sys, pm_person_get(&p, f->sys, -4), PM_EINVAL, "person");
}

/* ---- audit ---- */

static void test_person_audit_fields_record_who_and_when(void **state)
{
    pm_fixture *f = *state;
    pm_id hr = create_hr_admin(f, "H1", "Hedda HR");
    pm_session *hs = pm_fixture_session(f, hr);

    f->now = PM_FIXTURE_NOW + 60;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E1";
    o.display_name = "Anna";
    pm_id id = 0;
    assert_int_equal(pm_person_create(&id, hs, &o), PM_OK);
    pm_person *p = get_person(f, id);
    assert_int_equal(pm_person_created_at(p), PM_FIXTURE_NOW + 60);
    assert_int_equal(pm_person_created_by(p), hr);
    assert_int_equal(pm_person_updated_at(p), PM_FIXTURE_NOW + 60);
    assert_int_equal(pm_person_updated_by(p), hr);
    pm_person_free(p);

    /* A later change by someone else moves only the "updated" pair. */
    f->now = PM_FIXTURE_NOW + 3600;
    pm_session *self = pm_fixture_session(f, id);
    pm_person_opts u = PM_PERSON_OPTS_INIT;
    u.display_name = "Anna S";
    assert_int_equal(pm_person_update(self, id, &u), PM_OK);
    p = get_person(f, id);
    assert_int_equal(pm_person_created_at(p), PM_FIXTURE_NOW + 60);
    assert_int_equal(pm_person_created_by(p), hr);
    assert_int_equal(pm_person_updated_at(p), PM_FIXTURE_NOW + 3600);
    assert_int_equal(pm_person_updated_by(p), id);
    pm_person_free(p);

    /* The system actor is recorded as 0. */
    f->now = PM_FIXTURE_NOW + 7200;
    assert_int_equal(pm_person_set_hr_admin(f->sys, id, 1), PM_OK);
    p = get_person(f, id);
    assert_int_equal(pm_person_updated_at(p), PM_FIXTURE_NOW + 7200);
    assert_int_equal(pm_person_updated_by(p), 0);
    pm_person_free(p);

    pm_session_free(self);
    pm_session_free(hs);
}

/* ---- search ---- */

static void test_person_search_ignores_case_with_unicode_folding(void **state)
{
    pm_fixture *f = *state;
    pm_id asa = create_person(f, "E1", A_RING_NFC "sa Berg", NULL);
    create_person(f, "E2", "Bertil Ek", NULL);
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, A_RING_NFC "SA", 0), PM_OK);
    pm_person *p = NULL;
    assert_int_equal(pm_person_iter_next(&p, it), PM_OK);
    assert_int_equal(pm_person_id(p), asa);
    assert_string_equal(pm_person_display_name(p), A_RING_NFC "sa Berg");
    assert_int_equal(pm_person_iter_next(&p, it), PM_ITEROVER);
    assert_null(p);
    pm_person_iter_free(it);
    assert_int_equal(count_search(f->sys, a_ring "sa", 0), 1);
    assert_int_equal(count_search(f->sys, A_RING_NFD "SA", 0), 1); /* NFD query too */
}

static void test_person_search_matches_a_substring_anywhere_in_the_name(void **state)
{
    pm_fixture *f = *state;
    pm_id asa = create_person(f, "E1", A_RING_NFC "sa Berg", NULL);
    pm_id bertil = create_person(f, "E2", "Bertil Ek", NULL);
    create_person(f, "E3", "Cecilia Ny", NULL);
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, "berg", 0), PM_OK);
    pm_person *p = NULL;
    assert_int_equal(pm_person_iter_next(&p, it), PM_OK);
    assert_int_equal(pm_person_id(p), asa);
    assert_int_equal(pm_person_iter_next(&p, it), PM_ITEROVER);
    pm_person_iter_free(it);
    /* "er" is in "Bertil" and in "Berg". */
    assert_int_equal(count_search(f->sys, "ER", 0), 2);
    assert_int_equal(count_search(f->sys, "zz", 0), 0);
    (void)bertil;
}

static void test_person_search_orders_by_folded_name_then_id(void **state)
{
    pm_fixture *f = *state;
    pm_id asa = create_person(f, "E1", A_RING_NFC "sa", NULL);
    pm_id bo = create_person(f, "E2", "bo", NULL);
    pm_id anna2 = create_person(f, "E3", "Anna", NULL);
    pm_id anna1 = create_person(f, "E4", "ANNA", NULL);
    pm_id want[] = { anna2, anna1, bo, asa }; /* "anna" twice by id; å after ASCII */
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, "", 0), PM_OK);
    pm_person *p = NULL;
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(pm_person_iter_next(&p, it), PM_OK);
        assert_int_equal(pm_person_id(p), want[i]);
    }
    assert_int_equal(pm_person_iter_next(&p, it), PM_ITEROVER);
    assert_int_equal(pm_person_iter_next(&p, it), PM_ITEROVER); /* stays at the end */
    pm_person_iter_free(it);
}

static void test_person_search_hides_people_who_left_unless_flagged(void **state)
{
    pm_fixture *f = *state;
    create_person(f, "E1", "Anna Berg", NULL);
    pm_id gone = create_person(f, "E2", "Bo Berg", NULL);
    assert_int_equal(pm_person_set_left(f->sys, gone, PM_DATE_NONE), PM_OK);
    assert_int_equal(count_search(f->sys, "berg", 0), 1);
    assert_int_equal(count_search(f->sys, "berg", PM_PERSON_INCLUDE_LEFT), 2);
    assert_int_equal(count_search(f->sys, "bo", 0), 0);
}

static void test_person_search_rejects_bad_query_and_flags(void **state)
{
    pm_fixture *f = *state;
    create_person(f, "E1", "Anna", NULL);
    pm_person_iter *it = (pm_person_iter *)&it;
    assert_fails(f->sys, pm_person_search(&it, f->sys, "\xC3", 0), PM_EUTF8, "query");
    assert_null(it);
    assert_fails(f->sys, pm_person_search(&it, f->sys, NULL, 0), PM_EINVAL, "query");
    assert_fails(f->sys, pm_person_search(&it, f->sys, "a", 0x80), PM_EINVAL, "flags");
}

static void test_person_iterator_hands_out_each_person_in_turn(void **state)
{
    pm_fixture *f = *state;
    create_person(f, "E1", "Anna", NULL);
    create_person(f, "E2", "Bo", NULL);
    pm_person_iter *it = NULL;
    assert_int_equal(pm_person_search(&it, f->sys, "", 0), PM_OK);
    pm_person *first = NULL;
    pm_person *second = NULL;
    assert_int_equal(pm_person_iter_next(&first, it), PM_OK);
    assert_string_equal(pm_person_display_name(first), "Anna");
    assert_int_equal(pm_person_iter_next(&second, it), PM_OK);
    assert_string_equal(pm_person_display_name(second), "Bo");
    assert_int_equal(pm_person_iter_next(&second, it), PM_ITEROVER);
    assert_null(second);
    pm_person_iter_free(it);
}

/* ---- changing ---- */

static void test_person_update_changes_only_the_given_fields(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", "anna@example.com");
    pm_person_opts u = PM_PERSON_OPTS_INIT;
    u.display_name = A_RING_NFD "sa";
    u.hr_admin = 1;   /* ignored by update */
    u.manager = 9999; /* ignored by update */
    assert_int_equal(pm_person_update(f->sys, id, &u), PM_OK);
    pm_person *p = get_person(f, id);
    assert_string_equal(pm_person_external_id(p), "E1");
    assert_string_equal(pm_person_display_name(p), A_RING_NFC "sa");
    assert_string_equal(pm_person_email(p), "anna@example.com");
    assert_int_equal(pm_person_is_hr_admin(p), 0);
    pm_person_free(p);
    /* The search key follows the new name. */
    assert_int_equal(count_search(f->sys, a_ring, 0), 1);
    assert_int_equal(count_search(f->sys, "anna", 0), 0);
}

static void test_person_update_external_id_and_email(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", "anna@example.com");
    pm_person_opts u = PM_PERSON_OPTS_INIT;
    u.external_id = "E100";
    u.email = "anna@example.org";
    assert_int_equal(pm_person_update(f->sys, id, &u), PM_OK);
    pm_person *p = NULL;
    assert_int_equal(pm_person_lookup(&p, f->sys, "E100"), PM_OK);
    assert_int_equal(pm_person_id(p), id);
    assert_string_equal(pm_person_email(p), "anna@example.org");
    pm_person_free(p);
    assert_int_equal(pm_person_lookup(&p, f->sys, "E1"), PM_ENOTFOUND);
}

static void test_person_update_with_empty_email_removes_it(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", "anna@example.com");
    pm_person_opts u = PM_PERSON_OPTS_INIT;
    u.email = "";
    assert_int_equal(pm_person_update(f->sys, id, &u), PM_OK);
    pm_person *p = get_person(f, id);
    assert_string_equal(pm_person_email(p), "");
    pm_person_free(p);
}

static void test_person_update_to_own_external_id_is_no_conflict(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", NULL);
    pm_person_opts u = PM_PERSON_OPTS_INIT;
    u.external_id = "E1";
    u.display_name = "Anna B";
    assert_int_equal(pm_person_update(f->sys, id, &u), PM_OK);
}

static void test_person_set_hr_admin_grants_and_removes_the_role(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", NULL);
    assert_int_equal(pm_person_set_hr_admin(f->sys, id, 1), PM_OK);
    pm_person *p = get_person(f, id);
    assert_int_equal(pm_person_is_hr_admin(p), 1);
    pm_person_free(p);
    assert_int_equal(pm_person_set_hr_admin(f->sys, id, 0), PM_OK);
    p = get_person(f, id);
    assert_int_equal(pm_person_is_hr_admin(p), 0);
    pm_person_free(p);
    /* The role takes effect for sessions opened afterwards. */
    assert_int_equal(pm_person_set_hr_admin(f->sys, id, 1), PM_OK);
    pm_session *s = pm_fixture_session(f, id);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E2";
    o.display_name = "Bo";
    assert_int_equal(pm_person_create(NULL, s, &o), PM_OK);
    pm_session_free(s);
}

static void test_person_set_left_records_the_day_and_ends_unit_and_manager(void **state)
{
    pm_fixture *f = *state;
    pm_id unit = pm_fixture_unit(f, "Sales", 0);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "M1";
    o.display_name = "Maja";
    o.start = pm_fixture_date("2026-01-01");
    pm_id boss = 0;
    assert_int_equal(pm_person_create(&boss, f->sys, &o), PM_OK);
    o.external_id = "E1";
    o.display_name = "Anna";
    o.unit = unit;
    o.manager = boss;
    pm_id id = 0;
    assert_int_equal(pm_person_create(&id, f->sys, &o), PM_OK);

    pm_date day = pm_fixture_date("2026-05-01");
    assert_int_equal(pm_person_set_left(f->sys, id, day), PM_OK);
    pm_person *p = get_person(f, id);
    assert_int_equal(pm_person_status_get(p), PM_PERSON_LEFT);
    assert_int_equal(pm_person_left_on(p), day);
    pm_person_free(p);

    pm_id got = -1;
    assert_int_equal(pm_org_unit_on(&got, f->sys, id, day - 1), PM_OK);
    assert_int_equal(got, unit);
    assert_int_equal(pm_org_unit_on(&got, f->sys, id, day), PM_OK);
    assert_int_equal(got, 0);
    assert_int_equal(pm_org_manager_on(&got, f->sys, id, day - 1), PM_OK);
    assert_int_equal(got, boss);
    assert_int_equal(pm_org_manager_on(&got, f->sys, id, day), PM_OK);
    assert_int_equal(got, 0);
}

static void test_person_set_left_defaults_to_today(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", NULL);
    assert_int_equal(pm_person_set_left(f->sys, id, PM_DATE_NONE), PM_OK);
    pm_person *p = get_person(f, id);
    assert_int_equal(pm_person_left_on(p), pm_time_date(PM_FIXTURE_NOW));
    pm_person_free(p);
}

static void test_person_set_left_twice_is_a_conflict_and_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", NULL);
    assert_int_equal(pm_person_set_left(f->sys, id, pm_fixture_date("2026-03-01")), PM_OK);
    char *before = pm_fixture_store_dump(f);
    f->now += 60;
    assert_fails(f->sys, pm_person_set_left(f->sys, id, pm_fixture_date("2026-04-01")),
                 PM_ECONFLICT, "already left on 2026-03-01");
    pm_fixture_assert_store_is(f, before);
}

static void test_person_who_left_cannot_open_a_session(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", NULL);
    assert_int_equal(pm_person_set_left(f->sys, id, PM_DATE_NONE), PM_OK);
    pm_session *s = (pm_session *)&s;
    assert_int_equal(pm_session_open(&s, f->db, id), PM_EPERM);
    assert_null(s);
    assert_non_null(strstr(pm_db_errmsg(f->db), "left"));
}

/* Inside a group, answers about people are kept between calls: a change
 * of role or status shows at once to sessions opened next, and a rollback
 * undoes it for them. */
static void test_person_sessions_opened_inside_a_group_see_its_changes(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", NULL);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E2";
    o.display_name = "Bo";
    assert_ok(f->sys, pm_session_begin(f->sys));
    pm_session *s = pm_fixture_session(f, id);
    assert_int_equal(pm_person_create(NULL, s, &o), PM_EPERM);
    pm_session_free(s);
    assert_int_equal(pm_person_set_hr_admin(f->sys, id, 1), PM_OK);
    s = pm_fixture_session(f, id);
    assert_int_equal(pm_person_create(NULL, s, &o), PM_OK);
    pm_session_free(s);
    assert_int_equal(pm_person_set_left(f->sys, id, PM_DATE_NONE), PM_OK);
    s = (pm_session *)&s;
    assert_int_equal(pm_session_open(&s, f->db, id), PM_EPERM);
    assert_null(s);
    assert_ok(f->sys, pm_session_rollback(f->sys));
    s = pm_fixture_session(f, id);
    assert_int_equal(pm_person_create(NULL, s, &o), PM_EPERM);
    pm_session_free(s);
}

/* ---- bad input on create: status, message, nothing written ---- */

#define OPTS(ext, ext_len, name, name_len, email, email_len, unit, manager) \
    { PM_PERSON_OPTS_VERSION, ext, ext_len, name, name_len, email, email_len, 0, unit, manager, \
      PM_DATE_NONE }

struct bad_create {
    const char *what;
    pm_person_opts opts;
    pm_status status;
    const char *message;
};

static const struct bad_create bad_creates[] = {
    { "external id missing", OPTS(NULL, 0, "Name", 0, NULL, 0, 0, 0), PM_EINVAL,
      "person.external_id: must not be empty" },
    { "external id empty", OPTS("", 0, "Name", 0, NULL, 0, 0, 0), PM_EINVAL,
      "person.external_id: must not be empty" },
    { "external id bad UTF-8", OPTS("E\xFF", 0, "Name", 0, NULL, 0, 0, 0), PM_EUTF8,
      "person.external_id" },
    { "external id NUL inside", OPTS("E\0" "1", 3, "Name", 0, NULL, 0, 0, 0), PM_EUTF8,
      "person.external_id" },
    { "external id two lines", OPTS("E1\nE2", 0, "Name", 0, NULL, 0, 0, 0), PM_EINVAL,
      "person.external_id" },
    { "name missing", OPTS("E9", 0, NULL, 0, NULL, 0, 0, 0), PM_EINVAL,
      "person.display_name: must not be empty" },
    { "name empty", OPTS("E9", 0, "", 0, NULL, 0, 0, 0), PM_EINVAL,
      "person.display_name: must not be empty" },
    { "name bad UTF-8", OPTS("E9", 0, "An\xC3(a", 0, NULL, 0, 0, 0), PM_EUTF8,
      "person.display_name" },
    { "name overlong encoding", OPTS("E9", 0, "\xC0\xAF", 0, NULL, 0, 0, 0), PM_EUTF8,
      "person.display_name" },
    { "name NUL inside", OPTS("E9", 0, "An\0na", 5, NULL, 0, 0, 0), PM_EUTF8,
      "person.display_name" },
    { "name two lines", OPTS("E9", 0, "Anna\nBo", 0, NULL, 0, 0, 0), PM_EINVAL,
      "person.display_name" },
    { "email bad UTF-8", OPTS("E9", 0, "Name", 0, "a\xFF@b.se", 0, 0, 0), PM_EUTF8,
      "person.email" },
    { "email NUL inside", OPTS("E9", 0, "Name", 0, "a@b\0.se", 7, 0, 0), PM_EUTF8,
      "person.email" },
    { "email without @", OPTS("E9", 0, "Name", 0, "anna.example.com", 0, 0, 0), PM_EINVAL,
      "person.email" },
    { "email with two @", OPTS("E9", 0, "Name", 0, "a@b@c.se", 0, 0, 0), PM_EINVAL,
      "person.email" },
    { "email without local part", OPTS("E9", 0, "Name", 0, "@example.com", 0, 0, 0), PM_EINVAL,
      "person.email" },
    { "email without domain", OPTS("E9", 0, "Name", 0, "anna@", 0, 0, 0), PM_EINVAL,
      "person.email" },
    { "email with a space", OPTS("E9", 0, "Name", 0, "an na@example.com", 0, 0, 0), PM_EINVAL,
      "person.email" },
    { "email two lines", OPTS("E9", 0, "Name", 0, "a@b.se\nc@d.se", 0, 0, 0), PM_EINVAL,
      "person.email" },
    { "duplicate external id", OPTS("E1", 0, "Other", 0, NULL, 0, 0, 0), PM_ECONFLICT,
      "person.external_id: 'E1' is already used by person" },
    { "unknown manager", OPTS("E9", 0, "Name", 0, NULL, 0, 0, 9999), PM_ENOTFOUND,
      "person.manager" },
    { "unknown unit", OPTS("E9", 0, "Name", 0, NULL, 0, 9999, 0), PM_ENOTFOUND,
      "person.unit" },
    { "negative manager", OPTS("E9", 0, "Name", 0, NULL, 0, 0, -2), PM_EINVAL,
      "person.manager" },
};

static void check_create_refused(pm_fixture *f, const pm_person_opts *o, pm_status want,
                                 const char *message, const char *what)
{
    char *before = pm_fixture_store_dump(f);
    f->now += 1; /* a write that slipped through would change updated_at */
    pm_id id = 77;
    pm_status st = pm_person_create(&id, f->sys, o);
    if (st != want || strstr(pm_session_errmsg(f->sys), message) == NULL)
        fail_msg("%s: status %d, message '%s'; want %d and '%s'", what, st,
                 pm_session_errmsg(f->sys), want, message);
    assert_int_equal(id, 0);
    pm_fixture_check_store(f, before, what);
    free(before);
}

static void test_person_create_refuses_each_bad_field(void **state)
{
    pm_fixture *f = *state;
    pm_id existing = create_person(f, "E1", "Anna", NULL);
    for (size_t i = 0; i < sizeof bad_creates / sizeof bad_creates[0]; i++)
        check_create_refused(f, &bad_creates[i].opts, bad_creates[i].status,
                             bad_creates[i].message, bad_creates[i].what);
    /* The conflict names who holds the id. */
    char want[64];
    snprintf(want, sizeof want, "used by person %lld", (long long)existing);
    pm_person_opts dup = OPTS("E1", 0, "Other", 0, NULL, 0, 0, 0);
    check_create_refused(f, &dup, PM_ECONFLICT, want, "duplicate names holder");
}

static void test_person_create_refuses_unknown_opts_versions(void **state)
{
    pm_fixture *f = *state;
    create_person(f, "E1", "Anna", NULL);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E2";
    o.display_name = "Bo";
    o.version = 0;
    check_create_refused(f, &o, PM_EVERSION, "person_opts.version: 0", "version 0");
    o.version = 99;
    check_create_refused(f, &o, PM_EVERSION, "person_opts.version: 99", "version 99");
    check_create_refused(f, NULL, PM_EINVAL, "opts", "NULL opts");
}

static void test_person_name_limit_counts_code_points_not_bytes(void **state)
{
    pm_fixture *f = *state;
    char *ok = repeat(a_ring, PM_PERSON_NAME_MAX, ""); /* 400 bytes */
    char *too_long = repeat(a_ring, PM_PERSON_NAME_MAX + 1, "");
    pm_id id = create_person(f, "E1", ok, NULL);
    pm_person *p = get_person(f, id);
    assert_string_equal(pm_person_display_name(p), ok);
    pm_person_free(p);
    pm_person_opts o = OPTS("E2", 0, too_long, 0, NULL, 0, 0, 0);
    check_create_refused(f, &o, PM_ERANGE, "person.display_name", "201 code points");
    test_free(ok);
    test_free(too_long);
}

static void test_person_external_id_limit_counts_code_points(void **state)
{
    pm_fixture *f = *state;
    char *ok = repeat(a_ring, PM_PERSON_EXTERNAL_ID_MAX, "");
    char *too_long = repeat(a_ring, PM_PERSON_EXTERNAL_ID_MAX + 1, "");
    create_person(f, ok, "Anna", NULL);
    pm_person_opts o = OPTS(too_long, 0, "Bo", 0, NULL, 0, 0, 0);
    check_create_refused(f, &o, PM_ERANGE, "person.external_id", "65 code points");
    test_free(ok);
    test_free(too_long);
}

static void test_person_email_limit_counts_code_points(void **state)
{
    pm_fixture *f = *state;
    /* "@x.se" is 5 code points; the rest is å. */
    char *ok = repeat(a_ring, PM_PERSON_EMAIL_MAX - 5, "@x.se");
    char *too_long = repeat(a_ring, PM_PERSON_EMAIL_MAX - 4, "@x.se");
    pm_person *p = get_person(f, create_person(f, "E1", "Anna", ok));
    assert_string_equal(pm_person_email(p), ok);
    pm_person_free(p);
    pm_person_opts o = OPTS("E2", 0, "Bo", 0, too_long, 0, 0, 0);
    check_create_refused(f, &o, PM_ERANGE, "person.email", "255 code points");
    test_free(ok);
    test_free(too_long);
}

/* ---- bad input on update: the old values stay ---- */

struct bad_update {
    const char *what;
    pm_person_opts opts;
    pm_status status;
    const char *message;
};

static const struct bad_update bad_updates[] = {
    { "external id empty", OPTS("", 0, NULL, 0, NULL, 0, 0, 0), PM_EINVAL, "person.external_id" },
    { "external id taken", OPTS("E2", 0, NULL, 0, NULL, 0, 0, 0), PM_ECONFLICT,
      "person.external_id: 'E2' is already used by person" },
    { "external id bad UTF-8", OPTS("\x80", 0, NULL, 0, NULL, 0, 0, 0), PM_EUTF8,
      "person.external_id" },
    { "name empty", OPTS(NULL, 0, "", 0, NULL, 0, 0, 0), PM_EINVAL,
      "person.display_name: must not be empty" },
    { "name NUL inside", OPTS(NULL, 0, "Bo\0b", 4, NULL, 0, 0, 0), PM_EUTF8, "person.display_name" },
    { "name bad UTF-8, valid email", OPTS(NULL, 0, "\xED\xA0\x80", 0, "new@x.se", 0, 0, 0), PM_EUTF8,
      "person.display_name" },
    { "valid name, bad email", OPTS(NULL, 0, "New Name", 0, "nobody", 0, 0, 0), PM_EINVAL,
      "person.email" },
};

static void test_person_update_refuses_each_bad_field_and_keeps_old_values(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", "anna@example.com");
    create_person(f, "E2", "Bo", NULL);
    char *before = pm_fixture_store_dump(f);
    for (size_t i = 0; i < sizeof bad_updates / sizeof bad_updates[0]; i++) {
        const struct bad_update *b = &bad_updates[i];
        f->now += 1;
        pm_status st = pm_person_update(f->sys, id, &b->opts);
        if (st != b->status || strstr(pm_session_errmsg(f->sys), b->message) == NULL)
            fail_msg("%s: status %d, message '%s'; want %d and '%s'", b->what, st,
                     pm_session_errmsg(f->sys), b->status, b->message);
        pm_fixture_check_store(f, before, b->what);
    }
    free(before);
    pm_person *p = get_person(f, id);
    assert_string_equal(pm_person_display_name(p), "Anna");
    assert_string_equal(pm_person_email(p), "anna@example.com");
    pm_person_free(p);
}

static void test_person_update_refuses_versions_and_unknown_ids(void **state)
{
    pm_fixture *f = *state;
    pm_id id = create_person(f, "E1", "Anna", NULL);
    char *before = pm_fixture_store_dump(f);
    pm_person_opts u = PM_PERSON_OPTS_INIT;
    u.display_name = "New";
    u.version = 0;
    assert_fails(f->sys, pm_person_update(f->sys, id, &u), PM_EVERSION, "person_opts.version");
    u.version = 99;
    assert_fails(f->sys, pm_person_update(f->sys, id, &u), PM_EVERSION, "person_opts.version");
    u.version = PM_PERSON_OPTS_VERSION;
    assert_fails(f->sys, pm_person_update(f->sys, 9999, &u), PM_ENOTFOUND, "person: 9999 does not exist");
    assert_fails(f->sys, pm_person_update(f->sys, 0, &u), PM_EINVAL, "person");
    assert_fails(f->sys, pm_person_update(f->sys, id, NULL), PM_EINVAL, "opts");
    assert_fails(f->sys, pm_person_set_hr_admin(f->sys, 9999, 1), PM_ENOTFOUND, "9999");
    assert_fails(f->sys, pm_person_set_left(f->sys, 9999, PM_DATE_NONE), PM_ENOTFOUND, "9999");
    assert_fails(f->sys, pm_person_set_left(f->sys, -1, PM_DATE_NONE), PM_EINVAL, "person");
    assert_fails(f->sys, pm_person_set_left(f->sys, id, INT32_MAX), PM_ERANGE, "date");
    pm_fixture_assert_store_is(f, before);
}

static void test_person_opts_init_fills_defaults(void **state)
{
    (void)state;
    pm_person_opts o;
    memset(&o, 0x5a, sizeof o);
    assert_int_equal(pm_person_opts_init(&o, PM_PERSON_OPTS_VERSION), PM_OK);
    assert_int_equal(o.version, PM_PERSON_OPTS_VERSION);
    assert_null(o.external_id);
    assert_null(o.display_name);
    assert_null(o.email);
    assert_int_equal(o.hr_admin, 0);
    assert_int_equal(o.unit, 0);
    assert_int_equal(o.manager, 0);
    assert_int_equal(o.start, PM_DATE_NONE);
    assert_int_equal(pm_person_opts_init(&o, 0), PM_EVERSION);
    assert_int_equal(pm_person_opts_init(&o, PM_PERSON_OPTS_VERSION + 1), PM_EVERSION);
    assert_int_equal(pm_person_opts_init(NULL, PM_PERSON_OPTS_VERSION), PM_EINVAL);
}

static void test_person_create_with_unit_and_manager_from_start(void **state)
{
    pm_fixture *f = *state;
    pm_id unit = pm_fixture_unit(f, "Sales", 0);
    pm_id boss = create_person(f, "M1", "Maja", NULL);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = "E1";
    o.display_name = "Anna";
    o.unit = unit;
    o.manager = boss;
    o.start = pm_fixture_date("2026-07-01");
    pm_id id = 0;
    assert_int_equal(pm_person_create(&id, f->sys, &o), PM_OK);
    pm_id got = -1;
    assert_int_equal(pm_org_unit_on(&got, f->sys, id, pm_fixture_date("2026-06-30")), PM_OK);
    assert_int_equal(got, 0);
    assert_int_equal(pm_org_unit_on(&got, f->sys, id, pm_fixture_date("2026-07-01")), PM_OK);
    assert_int_equal(got, unit);
    assert_int_equal(pm_org_manager_on(&got, f->sys, id, pm_fixture_date("2026-07-01")), PM_OK);
    assert_int_equal(got, boss);
    /* Without a start, "today" by the db's clock. */
    o.external_id = "E2";
    o.start = PM_DATE_NONE;
    assert_int_equal(pm_person_create(&id, f->sys, &o), PM_OK);
    assert_int_equal(pm_org_manager_on(&got, f->sys, id, pm_time_date(PM_FIXTURE_NOW)), PM_OK);
    assert_int_equal(got, boss);
    assert_int_equal(pm_org_manager_on(&got, f->sys, id, pm_time_date(PM_FIXTURE_NOW) - 1), PM_OK);
    assert_int_equal(got, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_person_create_then_get_returns_every_field),
        T(test_person_without_email_reads_as_empty_string),
        T(test_person_create_with_hr_admin_flag),
        T(test_person_create_with_explicit_lengths_takes_only_those_bytes),
        T(test_person_create_out_may_be_null),
        T(test_person_nfd_input_is_stored_as_nfc),
        T(test_person_lookup_finds_by_external_id_in_either_normal_form),
        T(test_person_lookup_unknown_external_id_is_not_found),
        T(test_person_get_unknown_id_is_not_found),
        T(test_person_audit_fields_record_who_and_when),
        T(test_person_search_ignores_case_with_unicode_folding),
        T(test_person_search_matches_a_substring_anywhere_in_the_name),
        T(test_person_search_orders_by_folded_name_then_id),
        T(test_person_search_hides_people_who_left_unless_flagged),
        T(test_person_search_rejects_bad_query_and_flags),
        T(test_person_iterator_hands_out_each_person_in_turn),
        T(test_person_update_changes_only_the_given_fields),
        T(test_person_update_external_id_and_email),
        T(test_person_update_with_empty_email_removes_it),
        T(test_person_update_to_own_external_id_is_no_conflict),
        T(test_person_set_hr_admin_grants_and_removes_the_role),
        T(test_person_set_left_records_the_day_and_ends_unit_and_manager),
        T(test_person_set_left_defaults_to_today),
        T(test_person_set_left_twice_is_a_conflict_and_changes_nothing),
        T(test_person_who_left_cannot_open_a_session),
        T(test_person_sessions_opened_inside_a_group_see_its_changes),
        T(test_person_create_refuses_each_bad_field),
        T(test_person_create_refuses_unknown_opts_versions),
        T(test_person_name_limit_counts_code_points_not_bytes),
        T(test_person_external_id_limit_counts_code_points),
        T(test_person_email_limit_counts_code_points),
        T(test_person_update_refuses_each_bad_field_and_keeps_old_values),
        T(test_person_update_refuses_versions_and_unknown_ids),
        T(test_person_opts_init_fills_defaults),
        T(test_person_create_with_unit_and_manager_from_start),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
