/* Anonymous feedback on every backend: no call tells anyone (HR and the
 * system included) who gave it; the store holds no trace of the giver,
 * read row by row through the storage interface and, for SQLite, byte by
 * byte in the database file and its WAL; times are kept to the day; the
 * giver alone recognises and retracts it, and only under the same secret;
 * a store without a secret refuses it. */
#include "test_feedback_helpers.h"

#include <stdio.h>
#include <string.h>

#include "api/internal.h"
#include "store_dump.h"

#define DAY ((pm_time)86400)
#define GIVER_EXTERNAL_ID "GIVER-XQZ"
#define GIVER_NAME "Quentin Hidden-Giver"
#define TEXT "Anonymous remark about the launch plan"

typedef struct anon {
    fb_org o;
    pm_id giver;          /* an id no small number in a row can equal */
    pm_session *s_giver;
    pm_id entry[3];       /* one per visibility */
} anon;

static void anon_make(anon *a, pm_fixture *f)
{
    fb_org_make(&a->o, f);
    char ext[16];
    for (int i = 0; i < 40; i++) { /* push the giver's id past every small value */
        snprintf(ext, sizeof ext, "F%d", i);
        pm_fixture_person(f, ext, "Filler", 0, 0);
    }
    a->giver = pm_fixture_person(f, GIVER_EXTERNAL_ID, GIVER_NAME, a->o.mgr, a->o.team);
    a->s_giver = pm_fixture_session(f, a->giver);
    for (int v = 0; v < 3; v++)
        a->entry[v] = fb_give(a->s_giver, a->o.recv, TEXT, (pm_feedback_visibility)(v + 1), 1);
}

static void anon_free(anon *a)
{
    pm_session_free(a->s_giver);
    fb_org_free(&a->o);
}

static void test_no_call_names_the_giver_to_anyone(void **state)
{
    pm_fixture *f = *state;
    anon a;
    anon_make(&a, f);
    pm_session *actors[] = { a.s_giver, a.o.s_recv, a.o.s_mgr, a.o.s_boss, a.o.s_peer, a.o.s_hr,
                             f->sys };
    for (size_t i = 0; i < sizeof actors / sizeof actors[0]; i++) {
        pm_session *s = actors[i];
        int is_giver = s == a.s_giver;
        for (int v = 0; v < 3; v++) {
            pm_feedback *fb = NULL;
            if (pm_feedback_get(&fb, s, a.entry[v]) == PM_OK) {
                assert_int_equal(pm_feedback_giver(fb), 0);
                assert_true(pm_feedback_is_anonymous(fb));
                assert_int_equal(pm_feedback_is_mine(fb), is_giver);
                /* A peer's entry: "peer" would narrow down who gave it. */
                assert_int_equal(pm_feedback_direction(fb), PM_DIRECTION_UNDISCLOSED);
                assert_string_equal(pm_feedback_text(fb), TEXT);
                pm_feedback_free(fb);
            }
        }
        fb_ids lists[4] = { fb_received(s, a.o.recv, 0), fb_visible(s, 0),
                            fb_given(s, a.giver, 0), fb_given(s, 0 + a.o.recv, 0) };
        for (int l = 0; l < 4; l++)
            for (size_t k = 0; k < lists[l].n; k++) {
                assert_int_equal(lists[l].giver[k], 0);
                assert_int_equal(lists[l].mine[k], is_giver);
            }
        /* Only the giver finds them among what they gave. */
        assert_int_equal(lists[2].n, is_giver ? 3 : 0);
    }
    anon_free(&a);
}

/* Every feedback row, through the storage interface: no field holds the
 * giver's id, external id or name; the audit names no one; every time is
 * the start of a day. */
typedef struct row_check {
    pm_id giver;
    int rows;
    char tags[8][65];
} row_check;

static int check_feedback_row(const pm_row *row, void *payload)
{
    row_check *c = payload;
    const pm_value *v = row->values;
    assert_true(row->nvalues >= PM_FB_NFIELDS);
    for (unsigned int i = 0; i < row->nvalues; i++) {
        if (v[i].type == PM_VALUE_INT && v[i].v.i == c->giver)
            fail_msg("feedback row %lld, field %u holds the giver's id", (long long)row->id, i);
        if (v[i].type == PM_VALUE_TEXT) {
            char text[512];
            size_t n = v[i].v.b.len < sizeof text - 1 ? v[i].v.b.len : sizeof text - 1;
            memcpy(text, v[i].v.b.data, n);
            text[n] = '\0';
            assert_null(strstr(text, GIVER_EXTERNAL_ID));
            assert_null(strstr(text, "Quentin"));
        }
    }
    assert_int_equal(v[PM_FB_GIVER].v.i, 0);
    assert_int_equal(v[PM_FB_CREATED_BY].v.i, 0);
    assert_int_equal(v[PM_FB_UPDATED_BY].v.i, 0);
    const unsigned int times[] = { PM_FB_GIVEN_AT, PM_FB_CREATED_AT, PM_FB_UPDATED_AT,
                                   PM_FB_ACKNOWLEDGED_AT };
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++)
        if (v[times[i]].type == PM_VALUE_INT)
            assert_int_equal(v[times[i]].v.i % DAY, 0);
    assert_int_equal(v[PM_FB_GIVER_TAG].type, PM_VALUE_TEXT);
    assert_int_equal(v[PM_FB_GIVER_TAG].v.b.len, 64);
    assert_int_equal(v[PM_FB_GIVER_NONCE].v.b.len, 32);
    assert_true(c->rows < 8);
    memcpy(c->tags[c->rows], v[PM_FB_GIVER_TAG].v.b.data, 64);
    c->tags[c->rows][64] = '\0';
    c->rows++;
    return 0;
}

static void check_rows(pm_fixture *f, pm_id giver, int expected)
{
    row_check c;
    memset(&c, 0, sizeof c);
    c.giver = giver;
    pm_storage *st = f->db->storage;
    pm_scan scan = { PM_KIND_FEEDBACK, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    assert_int_equal(st->scan(st, &scan, check_feedback_row, &c), PM_OK);
    assert_int_equal(c.rows, expected);
    /* A fresh nonce each time: one giver's entries cannot be linked. */
    for (int i = 0; i < c.rows; i++)
        for (int j = 0; j < i; j++)
            assert_string_not_equal(c.tags[i], c.tags[j]);
}

/* The page (of the file, or of a WAL frame) around offset. */
static void page_bounds(size_t *lo, size_t *hi, size_t at, size_t size, size_t page, int wal)
{
    if (wal) {
        size_t frame = 24 + page;
        size_t k = at < 32 ? 0 : (at - 32) / frame;
        *lo = 32 + k * frame;
        *hi = *lo + frame;
    } else {
        *lo = at / page * page;
        *hi = *lo + page;
    }
    if (*hi > size)
        *hi = size;
}

static const unsigned char *find(const unsigned char *hay, size_t n, const char *needle,
                                 size_t len)
{
    for (size_t i = 0; len <= n && i + len <= n; i++)
        if (memcmp(hay + i, needle, len) == 0)
            return hay + i;
    return NULL;
}

/* Returns how many copies of TEXT the file holds; fails if a page holding
 * one also holds the giver's external id or name, or if the secret is
 * anywhere in the file. */
static int scan_file(const char *path, int wal)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return 0;
    static unsigned char buf[8 << 20];
    size_t size = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    assert_true(size < sizeof buf);
    size_t page = 4096;
    if (!wal && size >= 100)
        page = (size_t)buf[16] << 8 | buf[17];
    if (wal && size >= 32)
        page = (size_t)buf[8] << 24 | (size_t)buf[9] << 16 | (size_t)buf[10] << 8 | buf[11];
    if (page == 1)
        page = 65536;
    assert_null(find(buf, size, PM_FIXTURE_SECRET, strlen(PM_FIXTURE_SECRET)));
    int copies = 0;
    const unsigned char *p = buf;
    while ((p = find(p, size - (size_t)(p - buf), TEXT, strlen(TEXT))) != NULL) {
        size_t lo, hi;
        page_bounds(&lo, &hi, (size_t)(p - buf), size, page, wal);
        if (find(buf + lo, hi - lo, GIVER_EXTERNAL_ID, strlen(GIVER_EXTERNAL_ID))
            || find(buf + lo, hi - lo, GIVER_NAME, strlen(GIVER_NAME)))
            fail_msg("%s: the page at %zu holds an anonymous entry and its giver", path, lo);
        copies++;
        p++;
    }
    return copies;
}

/* The manager gives their report anonymous feedback from their check-in,
 * about the report's goal: the check-in would name the manager, so only
 * the manager's own session sees either link. */
static void test_links_that_could_name_the_giver_are_hidden(void **state)
{
    pm_fixture *f = *state;
    fb_org o;
    fb_org_make(&o, f);
    pm_id checkin = fb_first_checkin(f, o.mgr, o.recv);
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = o.recv;
    g.title = "Ship the release";
    g.due = pm_fixture_date("2026-12-31");
    pm_id goal = 0;
    assert_ok(f->sys, pm_goal_create(&goal, f->sys, &g));

    pm_feedback_opts fo = fb_opts(o.recv, TEXT, PM_FEEDBACK_TO_MANAGERS, 1);
    fo.checkin = checkin;
    fo.goal = goal;
    pm_id id = 0;
    assert_ok(o.s_mgr, pm_feedback_give(&id, o.s_mgr, &fo));

    pm_feedback *fb = fb_get(o.s_mgr, id);
    assert_int_equal(pm_feedback_checkin(fb), checkin);
    assert_int_equal(pm_feedback_goal(fb), goal);
    pm_feedback_free(fb);
    pm_session *readers[] = { o.s_recv, o.s_boss, o.s_hr, f->sys };
    for (size_t i = 0; i < sizeof readers / sizeof readers[0]; i++) {
        fb = fb_get(readers[i], id);
        assert_int_equal(pm_feedback_checkin(fb), 0);
        assert_int_equal(pm_feedback_goal(fb), 0);
        assert_string_equal(pm_feedback_text(fb), TEXT);
        pm_feedback_free(fb);
        fb_ids listed = fb_received(readers[i], o.recv, 10);
        assert_true(fb_has(&listed, id));
    }
    pm_feedback_iter *it = NULL;
    assert_ok(o.s_recv, pm_feedback_list_received(&it, o.s_recv, o.recv, 0));
    fb = NULL;
    assert_ok(o.s_recv, pm_feedback_iter_next(&fb, it));
    assert_int_equal(pm_feedback_id(fb), id);
    assert_int_equal(pm_feedback_checkin(fb), 0);
    assert_int_equal(pm_feedback_goal(fb), 0);
    pm_feedback_iter_free(it);
    fb_org_free(&o);
}

static void test_the_store_holds_no_trace_of_the_giver(void **state)
{
    pm_fixture *f = *state;
    anon a;
    anon_make(&a, f);
    /* The receiver's writes keep the row anonymous too. */
    f->now += 3600;
    assert_ok(a.o.s_recv, pm_feedback_react(a.o.s_recv, a.entry[0], PM_REACTION_THANKS));
    assert_ok(a.o.s_recv, pm_feedback_acknowledge(a.o.s_recv, a.entry[1]));
    check_rows(f, a.giver, 3);
    pm_feedback *fb = fb_get(a.o.s_recv, a.entry[0]);
    assert_int_equal(pm_feedback_given_at(fb), PM_FIXTURE_NOW - PM_FIXTURE_NOW % DAY);
    assert_int_equal(pm_feedback_acknowledged_at(fb) % DAY, 0);
    assert_int_equal(pm_feedback_reaction(fb), PM_REACTION_THANKS);
    pm_feedback_free(fb);
    if (strcmp(pm_fixture_backend(), "sqlite") == 0) {
        char wal[600];
        snprintf(wal, sizeof wal, "%s-wal", f->path);
        int copies = scan_file(f->path, 0) + scan_file(wal, 1);
        assert_true(copies >= 3); /* the scan did find the entries */
    }
    anon_free(&a);
}

static void test_the_giver_alone_recognises_and_retracts(void **state)
{
    pm_fixture *f = *state;
    anon a;
    anon_make(&a, f);
    pm_session *others[] = { a.o.s_recv, a.o.s_mgr, a.o.s_boss, a.o.s_peer, a.o.s_hr, f->sys };
    char *before = pm_fixture_store_dump(f);
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        for (int v = 0; v < 3; v++)
            assert_int_equal(pm_feedback_retract(others[i], a.entry[v]), PM_EPERM);
    pm_fixture_assert_store_is(f, before);
    for (int v = 0; v < 3; v++)
        assert_ok(a.s_giver, pm_feedback_retract(a.s_giver, a.entry[v]));
    check_rows(f, a.giver, 0);
    anon_free(&a);
}

static pm_db *open_with_secret(const char *path, const char *secret)
{
    char uri[600];
    pm_fixture_store_uri(uri, sizeof uri, path);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = secret;
    opts.secret_len = secret ? strlen(secret) : 0;
    pm_db *db = NULL;
    char *err = NULL;
    if (pm_db_open(&db, &err, uri, &opts) != PM_OK)
        fail_msg("reopening: %s", err ? err : "?");
    return db;
}

static void test_another_secret_makes_entries_unrecognisable(void **state)
{
    pm_fixture *f = *state;
    if (f->path[0] == '\0')
        skip(); /* a memory store cannot be reopened */
    anon a;
    anon_make(&a, f);
    pm_id org_entry = a.entry[PM_FEEDBACK_TO_ORGANISATION - 1];
    pm_db *other = open_with_secret(f->path, "a different secret, 32 bytes long");
    pm_session *s = NULL;
    assert_int_equal(pm_session_open(&s, other, a.giver), PM_OK);
    pm_feedback *fb = NULL;
    assert_ok(s, pm_feedback_get(&fb, s, org_entry));
    assert_false(pm_feedback_is_mine(fb));
    assert_int_equal(pm_feedback_giver(fb), 0);
    pm_feedback_free(fb);
    assert_int_equal(pm_feedback_get(&fb, s, a.entry[0]), PM_EPERM); /* receiver only */
    assert_fails(s, pm_feedback_retract(s, org_entry), PM_EPERM, "may not retract");
    fb_ids ids = fb_given(s, a.giver, 0);
    assert_int_equal(ids.n, 0);
    pm_session_free(s);
    pm_db_close(other);
    /* The same secret again: recognised across opens. */
    pm_db *same = open_with_secret(f->path, PM_FIXTURE_SECRET);
    assert_int_equal(pm_session_open(&s, same, a.giver), PM_OK);
    assert_ok(s, pm_feedback_get(&fb, s, org_entry));
    assert_true(pm_feedback_is_mine(fb));
    pm_feedback_free(fb);
    ids = fb_given(s, a.giver, 0);
    assert_int_equal(ids.n, 3);
    pm_session_free(s);
    pm_db_close(same);
    anon_free(&a);
}

static void test_sqlite_store_without_a_secret_refuses_anonymous_feedback(void **state)
{
    pm_fixture *f = *state;
    if (f->path[0] == '\0')
        skip();
    fb_org o;
    fb_org_make(&o, f);
    pm_db *bare = open_with_secret(f->path, NULL);
    pm_session *s = NULL;
    assert_int_equal(pm_session_open(&s, bare, o.giver), PM_OK);
    char *before = pm_fixture_store_dump(f);
    pm_feedback_opts fo = fb_opts(o.recv, "Hidden", PM_FEEDBACK_TO_RECEIVER, 1);
    assert_fails(s, pm_feedback_give(NULL, s, &fo), PM_EUNSUPPORTED,
                 "feedback.anonymous: this store has no secret (pm_db_opts.secret)");
    pm_fixture_assert_store_is(f, before);
    fo.anonymous = 0;
    assert_ok(s, pm_feedback_give(NULL, s, &fo)); /* named feedback is fine */
    pm_session_free(s);
    pm_db_close(bare);
    fb_org_free(&o);
}

static void test_memory_store_without_a_secret_makes_its_own(void **state)
{
    (void)state;
    pm_db *db = NULL;
    assert_int_equal(pm_db_open(&db, NULL, "memory:", NULL), PM_OK);
    pm_session *sys = NULL;
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);
    pm_person_opts po = PM_PERSON_OPTS_INIT;
    po.external_id = "A";
    po.display_name = "Ann";
    pm_id ann = 0, bob = 0;
    assert_ok(sys, pm_person_create(&ann, sys, &po));
    po.external_id = "B";
    po.display_name = "Bob";
    assert_ok(sys, pm_person_create(&bob, sys, &po));
    pm_session *s = NULL;
    assert_int_equal(pm_session_open(&s, db, ann), PM_OK);
    pm_id id = fb_give(s, bob, "Hidden", PM_FEEDBACK_TO_RECEIVER, 1);
    pm_feedback *fb = fb_get(s, id);
    assert_true(pm_feedback_is_mine(fb));
    assert_int_equal(pm_feedback_giver(fb), 0);
    pm_feedback_free(fb);
    assert_ok(s, pm_feedback_retract(s, id));
    pm_session_free(s);
    pm_session_free(sys);
    pm_db_close(db);
}

static void test_db_opts_secret_is_checked_and_version_1_has_none(void **state)
{
    (void)state;
    pm_db *db = NULL;
    char *err = NULL;
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = "too short";
    opts.secret_len = 9;
    assert_int_equal(pm_db_open(&db, &err, "memory:", &opts), PM_EINVAL);
    assert_non_null(strstr(err, "db_opts.secret: 9 bytes"));
    pm_free(err);
    opts.secret = NULL;
    opts.secret_len = 20;
    assert_int_equal(pm_db_open(&db, &err, "memory:", &opts), PM_EINVAL);
    assert_non_null(strstr(err, "db_opts.secret"));
    pm_free(err);
    /* Version 1 ends before the secret: whatever follows is not read. */
    opts.version = 1;
    opts.secret = "short";
    opts.secret_len = 5;
    assert_int_equal(pm_db_open(&db, NULL, "memory:", &opts), PM_OK);
    pm_db_close(db);
    pm_db_opts v1;
    memset(&v1, 0xAB, sizeof v1);
    assert_int_equal(pm_db_opts_init(&v1, 1), PM_OK);
    assert_int_equal(v1.version, 1);
    assert_int_equal(v1.flags, 0);
    assert_int_equal(pm_db_opts_init(&v1, PM_DB_OPTS_VERSION), PM_OK);
    assert_null(v1.secret);
    assert_int_equal(v1.secret_len, 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_no_call_names_the_giver_to_anyone),
        T(test_links_that_could_name_the_giver_are_hidden),
        T(test_the_store_holds_no_trace_of_the_giver),
        T(test_the_giver_alone_recognises_and_retracts),
        T(test_another_secret_makes_entries_unrecognisable),
        T(test_sqlite_store_without_a_secret_refuses_anonymous_feedback),
        cmocka_unit_test(test_memory_store_without_a_secret_makes_its_own),
        cmocka_unit_test(test_db_opts_secret_is_checked_and_version_1_has_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
