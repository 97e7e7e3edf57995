/* The anonymity of 360 rounds on every backend, checked in the store
 * itself and through the API: an answer row holds no rater and no time of
 * its own, submitting leaves the rater row's audit fields alone, small
 * peer or report groups are suppressed in results and comments, results
 * wait for the round to close, and comments come in an order that says
 * nothing of who submitted when. */
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "api/internal.h"
#include "checks.h"
#include "store_dump.h"
#include "test_review360_helpers.h"

/* ---- the whole store, row by row ---- */

typedef struct stored_row {
    unsigned int kind;
    pm_id id;
    unsigned int n;
    pm_value v[PM_KIND_MAX_FIELDS];
    char *texts[PM_KIND_MAX_FIELDS];  /* owned copies of text values */
} stored_row;

typedef struct store_rows {
    stored_row *rows;
    size_t count;
    size_t cap;
    unsigned int kind;
} store_rows;

static int keep_row(const pm_row *row, void *payload)
{
    store_rows *l = payload;
    if (l->count == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->rows = realloc(l->rows, l->cap * sizeof *l->rows);
        assert_non_null(l->rows);
    }
    stored_row *r = &l->rows[l->count++];
    memset(r, 0, sizeof *r);
    r->kind = l->kind;
    r->id = row->id;
    r->n = row->nvalues;
    assert_true(r->n <= PM_KIND_MAX_FIELDS);
    for (unsigned int i = 0; i < r->n; i++) {
        r->v[i] = row->values[i];
        if (row->values[i].type == PM_VALUE_TEXT || row->values[i].type == PM_VALUE_BLOB) {
            r->texts[i] = malloc(row->values[i].v.b.len + 1);
            assert_non_null(r->texts[i]);
            memcpy(r->texts[i], row->values[i].v.b.data, row->values[i].v.b.len);
            r->texts[i][row->values[i].v.b.len] = '\0';
            r->v[i].v.b.data = r->texts[i];
        }
    }
    return 0;
}

/* Every row of every kind, read straight from the backend. */
static store_rows read_store(pm_fixture *f)
{
    store_rows l = { NULL, 0, 0, 0 };
    pm_storage *storage = f->db->storage;
    for (unsigned int kind = 0; kind < f->db->schema->nkinds; kind++) {
        l.kind = kind;
        pm_scan scan = { kind, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
        assert_int_equal(storage->scan(storage, &scan, keep_row, &l), PM_OK);
    }
    return l;
}

static void free_store(store_rows *l)
{
    for (size_t i = 0; i < l->count; i++)
        for (unsigned int j = 0; j < l->rows[i].n; j++)
            free(l->rows[i].texts[j]);
    free(l->rows);
}

static const stored_row *find_row(const store_rows *l, unsigned int kind, pm_id id)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->rows[i].kind == kind && l->rows[i].id == id)
            return &l->rows[i];
    return NULL;
}

static int same_value(const pm_value *a, const pm_value *b)
{
    if (a->type != b->type)
        return 0;
    switch (a->type) {
    case PM_VALUE_NULL: return 1;
    case PM_VALUE_INT: return a->v.i == b->v.i;
    case PM_VALUE_REAL: return a->v.r == b->v.r;
    case PM_VALUE_TEXT:
    case PM_VALUE_BLOB:
        return a->v.b.len == b->v.b.len && memcmp(a->v.b.data, b->v.b.data, a->v.b.len) == 0;
    }
    return 0;
}

static pm_time midnight(const char *iso)
{
    pm_time t = 0;
    char text[32];
    snprintf(text, sizeof text, "%sT00:00:00Z", iso);
    assert_int_equal(pm_time_parse(&t, text), PM_OK);
    return t;
}

/* An answer row: the round, a question, a group, a rating or a text, and
 * audit fields that are the opening day's midnight and nobody. */
static void check_answer_row(const stored_row *r, pm_time opening)
{
    assert_int_equal(r->n, PM_R360A_NFIELDS);
    int64_t group = r->v[PM_R360A_GROUP].v.i;
    assert_true(group >= PM_RATER_SELF && group <= PM_RATER_REPORT);
    assert_true((r->v[PM_R360A_RATING].type == PM_VALUE_NULL)
                != (r->v[PM_R360A_TEXT].type == PM_VALUE_NULL));
    assert_int_equal(r->v[PM_R360A_CREATED_AT].v.i, opening);
    assert_int_equal(r->v[PM_R360A_UPDATED_AT].v.i, opening);
    assert_int_equal(r->v[PM_R360A_CREATED_BY].v.i, 0);
    assert_int_equal(r->v[PM_R360A_UPDATED_BY].v.i, 0);
}

/* Compares the store after one submission with the store before it: old
 * rows are unchanged but for the submitting rater's flag, and the only new
 * rows are answers that say nothing of who or when. Returns the number of
 * new answer rows. */
static size_t check_submission_diff(const store_rows *before, const store_rows *after,
                                    pm_id rater_person, pm_time opening)
{
    size_t flags_set = 0, answers = 0;
    for (size_t i = 0; i < before->count; i++) {
        const stored_row *old = &before->rows[i];
        /* The audit trail's daily counts hold no rater and no time. */
        if (old->kind == PM_KIND_AUDIT_UNDISCLOSED)
            continue;
        const stored_row *now = find_row(after, old->kind, old->id);
        assert_non_null(now);
        assert_int_equal(now->n, old->n);
        for (unsigned int j = 0; j < old->n; j++) {
            if (same_value(&old->v[j], &now->v[j]))
                continue;
            /* The one change allowed: this rater's submitted flag, 0 to 1. */
            assert_int_equal(old->kind, PM_KIND_REVIEW360_RATER);
            assert_int_equal(j, PM_R360R_SUBMITTED);
            assert_int_equal(old->v[PM_R360R_PERSON].v.i, rater_person);
            assert_int_equal(old->v[j].v.i, 0);
            assert_int_equal(now->v[j].v.i, 1);
            flags_set++;
        }
    }
    assert_int_equal(flags_set, 1);
    for (size_t i = 0; i < after->count; i++) {
        const stored_row *now = &after->rows[i];
        if (find_row(before, now->kind, now->id) != NULL
            || now->kind == PM_KIND_AUDIT_UNDISCLOSED)
            continue;
        assert_int_equal(now->kind, PM_KIND_REVIEW360_ANSWER);
        check_answer_row(now, opening);
        answers++;
    }
    return answers;
}

/* ---- the store ---- */

static void submit_checked(pm_fixture *f, pm_id person, pm_id round,
                           const pm_review360_answer *a, size_t n, size_t stored)
{
    store_rows before = read_store(f);
    submit_as(f, person, round, a, n);
    store_rows after = read_store(f);
    assert_int_equal(check_submission_diff(&before, &after, person, midnight("2026-06-01")),
                     stored);
    free_store(&before);
    free_store(&after);
}

static void test_answers_carry_no_rater_and_no_time_of_their_own(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    /* Raters answer on different days and at different hours. */
    const struct { pm_id who; pm_time at; const char *text; } subs[] = {
        { o.peer[0], midnight("2026-06-03") + 9 * 3600 + 17, "Calm under pressure" },
        { o.anna, midnight("2026-06-15") + 23 * 3600, NULL },
        { o.boss, midnight("2026-06-20") + 1, "Delegates well" },
        { o.report[1], midnight("2026-06-30") + 12 * 3600, "   " },
        { o.peer[2], midnight("2026-06-01"), "Good listener" },
    };
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++) {
        f->now = subs[i].at;
        pm_review360_answer a[2] = { rating(q, (int)(i % 5) + 1), text_answer(t, subs[i].text) };
        size_t n = subs[i].text ? 2 : 1;
        /* A blank text is skipped: no row for it. */
        size_t stored = subs[i].text && strcmp(subs[i].text, "   ") != 0 ? 2 : 1;
        submit_checked(f, subs[i].who, round, a, n, stored);
    }
    /* And across the whole store: every answer row is anonymous. */
    store_rows all = read_store(f);
    size_t answers = 0;
    for (size_t i = 0; i < all.count; i++) {
        if (all.rows[i].kind != PM_KIND_REVIEW360_ANSWER)
            continue;
        check_answer_row(&all.rows[i], midnight("2026-06-01"));
        assert_int_equal(all.rows[i].v[PM_R360A_ROUND].v.i, round);
        answers++;
    }
    assert_int_equal(answers, 8);
    free_store(&all);
}

static void test_rater_rows_keep_the_audit_fields_of_their_creation(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    store_rows before = read_store(f);
    f->now += 3 * 86400 + 3600;
    answer(f, o.peer[1], round, q, 2, t, "Helpful");
    answer(f, o.boss, round, q, 5, 0, NULL);
    store_rows after = read_store(f);
    size_t raters = 0;
    for (size_t i = 0; i < after.count; i++) {
        const stored_row *now = &after.rows[i];
        if (now->kind != PM_KIND_REVIEW360_RATER)
            continue;
        const stored_row *old = find_row(&before, now->kind, now->id);
        assert_non_null(old);
        for (int j = PM_R360R_CREATED_AT; j <= PM_R360R_UPDATED_BY; j++)
            assert_true(same_value(&old->v[j], &now->v[j]));
        assert_int_equal(now->v[PM_R360R_UPDATED_AT].v.i, PM_FIXTURE_NOW);
        raters++;
    }
    assert_int_equal(raters, 7);
    free_store(&before);
    free_store(&after);
}

/* ---- suppression ---- */

static void test_two_peers_under_threshold_3_are_suppressed_with_their_comments(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id round = new_round(f, o.anna, 3);
    pm_id q = add_q(f, round, "Communicates clearly", 1, 5);
    pm_id t = add_q(f, round, "Anything else?", 0, 0);
    add_r(f, round, o.anna, PM_RATER_SELF);
    add_r(f, round, o.boss, PM_RATER_MANAGER);
    add_r(f, round, o.peer[0], PM_RATER_PEER);
    add_r(f, round, o.peer[1], PM_RATER_PEER);
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    answer(f, o.anna, round, q, 4, t, "I try hard");
    answer(f, o.boss, round, q, 3, t, "Solid year");
    answer(f, o.peer[0], round, q, 1, t, "Peer secret one");
    answer(f, o.peer[1], round, q, 5, t, "Peer secret two");
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    pm_session *s = pm_fixture_session(f, o.anna);
    pm_review360_result_iter *it = NULL;
    assert_ok(s, pm_review360_results(&it, s, round));
    pm_review360_result *r = NULL;
    const struct { pm_rater_group g; int shown, count; double mean; } want[] = {
        { PM_RATER_SELF, 1, 1, 4.0 },
        { PM_RATER_MANAGER, 1, 1, 3.0 },
        { PM_RATER_PEER, 0, 0, 0.0 },
    };
    for (int i = 0; i < 3; i++) {
        assert_int_equal(pm_review360_result_iter_next(&r, it), PM_OK);
        assert_int_equal(pm_review360_result_question(r), q);
        assert_int_equal(pm_review360_result_group(r), want[i].g);
        assert_int_equal(pm_review360_result_shown(r), want[i].shown);
        assert_int_equal(pm_review360_result_count(r), want[i].count);
        assert_true(pm_review360_result_mean(r) == want[i].mean);
        assert_true(pm_review360_result_sd(r) == 0.0);
    }
    assert_int_equal(pm_review360_result_iter_next(&r, it), PM_ITEROVER);
    pm_review360_result_iter_free(it);
    pm_review360_comment_iter *cit = NULL;
    assert_ok(s, pm_review360_comments(&cit, s, round));
    pm_review360_comment *c = NULL;
    assert_int_equal(pm_review360_comment_iter_next(&c, cit), PM_OK);
    assert_int_equal(pm_review360_comment_group(c), PM_RATER_SELF);
    assert_string_equal(pm_review360_comment_text(c), "I try hard");
    assert_int_equal(pm_review360_comment_iter_next(&c, cit), PM_OK);
    assert_int_equal(pm_review360_comment_group(c), PM_RATER_MANAGER);
    assert_string_equal(pm_review360_comment_text(c), "Solid year");
    assert_int_equal(pm_review360_comment_iter_next(&c, cit), PM_ITEROVER);
    pm_review360_comment_iter_free(cit);
    pm_session_free(s);
}

/* Counts shown results of group and returns the shown count of the last. */
static int shown_in(pm_session *s, pm_id round, pm_rater_group group, int *count)
{
    pm_review360_result_iter *it = NULL;
    assert_ok(s, pm_review360_results(&it, s, round));
    pm_review360_result *r = NULL;
    int shown = -1;
    while (pm_review360_result_iter_next(&r, it) == PM_OK) {
        if (pm_review360_result_group(r) != group)
            continue;
        shown = pm_review360_result_shown(r);
        *count = pm_review360_result_count(r);
    }
    pm_review360_result_iter_free(it);
    return shown;
}

static void test_a_group_is_shown_from_its_round_threshold_on(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id r3 = new_round(f, o.anna, 3);
    pm_id r4 = new_round(f, o.anna, 4);
    pm_id q3 = add_q(f, r3, "Q", 1, 5);
    pm_id q4 = add_q(f, r4, "Q", 1, 5);
    for (int i = 0; i < 3; i++) {
        add_r(f, r3, o.report[i], PM_RATER_REPORT);
        add_r(f, r4, o.report[i], PM_RATER_REPORT);
    }
    assert_ok(f->sys, pm_review360_open(f->sys, r3));
    assert_ok(f->sys, pm_review360_open(f->sys, r4));
    for (int i = 0; i < 3; i++) {
        answer(f, o.report[i], r3, q3, 2 + i, 0, NULL);
        answer(f, o.report[i], r4, q4, 2 + i, 0, NULL);
    }
    assert_ok(f->sys, pm_review360_close(f->sys, r3));
    assert_ok(f->sys, pm_review360_close(f->sys, r4));
    int count = -1;
    assert_int_equal(shown_in(f->sys, r3, PM_RATER_REPORT, &count), 1);
    assert_int_equal(count, 3);
    assert_int_equal(shown_in(f->sys, r4, PM_RATER_REPORT, &count), 0);
    assert_int_equal(count, 0);
}

/* Three peers submitted, but one left the question out: a mean of two
 * ratings would be as telling as a group of two. */
static void test_a_question_fewer_peers_rated_than_the_threshold_is_suppressed(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id round = new_round(f, o.anna, 3);
    pm_id q1 = add_q(f, round, "Everyone rates this", 1, 5);
    pm_id q2 = add_q(f, round, "One peer skips this", 1, 5);
    for (int i = 0; i < 3; i++)
        add_r(f, round, o.peer[i], PM_RATER_PEER);
    assert_ok(f->sys, pm_review360_open(f->sys, round));
    for (int i = 0; i < 3; i++) {
        pm_review360_answer a[2] = { rating(q1, 3), rating(q2, 4) };
        submit_as(f, o.peer[i], round, a, i == 0 ? 1 : 2);
    }
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    pm_review360_result_iter *it = NULL;
    assert_ok(f->sys, pm_review360_results(&it, f->sys, round));
    pm_review360_result *r = NULL;
    assert_int_equal(pm_review360_result_iter_next(&r, it), PM_OK);
    assert_int_equal(pm_review360_result_question(r), q1);
    assert_int_equal(pm_review360_result_shown(r), 1);
    assert_int_equal(pm_review360_result_count(r), 3);
    assert_int_equal(pm_review360_result_iter_next(&r, it), PM_OK);
    assert_int_equal(pm_review360_result_question(r), q2);
    assert_int_equal(pm_review360_result_shown(r), 0);
    assert_int_equal(pm_review360_result_count(r), 0);
    assert_true(pm_review360_result_mean(r) == 0.0);
    assert_int_equal(pm_review360_result_iter_next(&r, it), PM_ITEROVER);
    pm_review360_result_iter_free(it);
}

static void test_results_wait_until_the_round_closes(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id draft = new_round(f, o.anna, 3);
    pm_id q, t;
    pm_id round = standard_round(f, &o, &q, &t);
    pm_id everyone[] = { o.anna, o.boss, o.peer[0], o.peer[1], o.peer[2], o.report[0],
                         o.report[1] };
    for (int i = 0; i < 7; i++)
        answer(f, everyone[i], round, q, 3, t, "Text");
    /* Everyone has answered, yet nothing is released before closing, to
     * no one: not even watching results change is possible. */
    pm_id readers[] = { o.anna, o.boss, o.hr };
    for (int i = 0; i < 3; i++) {
        pm_session *s = pm_fixture_session(f, readers[i]);
        pm_review360_result_iter *it = NULL;
        assert_fails(s, pm_review360_results(&it, s, round), PM_EINVAL,
                     "results are released when the round closes");
        pm_review360_comment_iter *cit = NULL;
        assert_fails(s, pm_review360_comments(&cit, s, round), PM_EINVAL,
                     "results are released when the round closes");
        assert_fails(s, pm_review360_results(&it, s, draft), PM_EINVAL, "is draft");
        pm_session_free(s);
    }
    pm_review360_result_iter *sys_it = NULL;
    assert_fails(f->sys, pm_review360_results(&sys_it, f->sys, round), PM_EINVAL,
                 "round closes");
    assert_ok(f->sys, pm_review360_close(f->sys, round));
    int count = -1;
    assert_int_equal(shown_in(f->sys, round, PM_RATER_PEER, &count), 1);
    assert_int_equal(count, 3);
}

/* ---- order ---- */

static char *comment_listing(pm_session *s, pm_id round)
{
    pm_review360_comment_iter *it = NULL;
    assert_ok(s, pm_review360_comments(&it, s, round));
    pm_review360_comment *c = NULL;
    char *out = calloc(1, 4096);
    assert_non_null(out);
    while (pm_review360_comment_iter_next(&c, it) == PM_OK) {
        char line[256];
        snprintf(line, sizeof line, "%d:%s|", (int)pm_review360_comment_group(c),
                 pm_review360_comment_text(c));
        strncat(out, line, 4095 - strlen(out));
    }
    pm_review360_comment_iter_free(it);
    return out;
}

static void test_comment_order_does_not_follow_submission_order(void **state)
{
    pm_fixture *f = *state;
    org360 o = make_org(f);
    pm_id q[2], t[2], round[2];
    for (int r = 0; r < 2; r++)
        round[r] = standard_round(f, &o, &q[r], &t[r]);
    const struct { pm_id who; const char *text; } subs[] = {
        { o.peer[0], "Mentors juniors" },
        { o.report[0], "Clear goals" },
        { o.peer[1], "Always on time" },
        { o.anna, "Work on delegation" },
        { o.peer[2], "Brings cake" },
        { o.boss, "Strong quarter" },
        { o.report[1], "Approachable" },
    };
    const size_t n = sizeof subs / sizeof subs[0];
    /* Round 0 in one order, round 1 in the reverse. */
    for (size_t i = 0; i < n; i++) {
        answer(f, subs[i].who, round[0], q[0], 3, t[0], subs[i].text);
        answer(f, subs[n - 1 - i].who, round[1], q[1], 3, t[1], subs[n - 1 - i].text);
    }
    assert_ok(f->sys, pm_review360_close(f->sys, round[0]));
    assert_ok(f->sys, pm_review360_close(f->sys, round[1]));
    char *first = comment_listing(f->sys, round[0]);
    char *second = comment_listing(f->sys, round[1]);
    assert_string_equal(first, second);
    /* By group, then text; the two reports are under the threshold. */
    assert_string_equal(first, "1:Work on delegation|2:Strong quarter|3:Always on time|"
                               "3:Brings cake|3:Mentors juniors|");
    free(first);
    free(second);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_answers_carry_no_rater_and_no_time_of_their_own),
        T(test_rater_rows_keep_the_audit_fields_of_their_creation),
        T(test_two_peers_under_threshold_3_are_suppressed_with_their_comments),
        T(test_a_group_is_shown_from_its_round_threshold_on),
        T(test_a_question_fewer_peers_rated_than_the_threshold_is_suppressed),
        T(test_results_wait_until_the_round_closes),
        T(test_comment_order_does_not_follow_submission_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
