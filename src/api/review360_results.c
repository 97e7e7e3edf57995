/* Reading a round's questions (and the question list the submit file
 * checks answers against), and a closed round's results and comments.
 * Results are per rating question and rater group, with a group's numbers
 * given only when the rules of core/review360.c show it; comments come
 * only from shown groups, sorted by question, group and text, an order
 * that holds nothing of who wrote them or when. */
#include "review360_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/review360.h"

#define NGROUPS PM_RATER_REPORT

struct pm_review360_question_iter {
    pm_review360_question_list q;
    size_t next;
};

struct pm_review360_result {
    pm_id question;
    pm_rater_group group;
    int shown;
    int count;
    double mean;
    double sd;
};

struct pm_review360_result_iter {
    pm_review360_result *items;
    size_t count;
    size_t next;
};

struct pm_review360_comment {
    pm_id question;
    pm_rater_group group;
    char *text;
};

struct pm_review360_comment_iter {
    pm_review360_comment *items;
    size_t count;
    size_t cap;
    size_t next;
};

/* ---- reading questions (shared with review360_submit.c) ---- */

static int append_question(const pm_row *row, void *payload)
{
    pm_review360_question_list *q = payload;
    if (row->nvalues < PM_R360Q_NFIELDS)
        return pm_error__set(&q->s->error, PM_ECORRUPT,
                             "review360_question: stored row %lld has %u fields",
                             (long long)row->id, row->nvalues);
    if (q->count == q->cap) {
        size_t cap = q->cap ? q->cap * 2 : 8;
        pm_review360_question *items = pm__realloc(q->items, cap * sizeof *items);
        if (items == NULL)
            return pm_review360__out_of_memory(q->s);
        q->items = items;
        q->cap = cap;
    }
    pm_review360_question *item = &q->items[q->count];
    memset(item, 0, sizeof *item);
    item->id = row->id;
    item->scale_min = (int)pm_value__as_int(&row->values[PM_R360Q_SCALE_MIN]);
    item->scale_max = (int)pm_value__as_int(&row->values[PM_R360Q_SCALE_MAX]);
    if (q->with_text) {
        const pm_value *t = &row->values[PM_R360Q_TEXT];
        item->text = t->type == PM_VALUE_TEXT ? pm__strndup(t->v.b.data, t->v.b.len)
                                              : pm__strdup("");
        if (item->text == NULL)
            return pm_review360__out_of_memory(q->s);
    }
    q->count++;
    return 0;
}

pm_status pm_review360__read_questions(pm_review360_question_list *q, pm_id round)
{
    pm_value eq[1] = { pm_value__int(round) };
    pm_scan scan = { PM_KIND_REVIEW360_QUESTION, PM_R360Q_BY_ROUND, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(q->s, &scan, append_question, q);
}

void pm_review360__questions_free(pm_review360_question_list *q)
{
    for (size_t i = 0; i < q->count; i++)
        pm__free(q->items[i].text);
    pm__free(q->items);
    q->items = NULL;
    q->count = q->cap = 0;
}

const pm_review360_question *pm_review360__find_question(const pm_review360_question_list *q,
                                                         pm_id id)
{
    for (size_t i = 0; i < q->count; i++)
        if (q->items[i].id == id)
            return &q->items[i];
    return NULL;
}

/* ---- questions ---- */

pm_status pm_review360_questions(pm_review360_question_iter **out, pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_review360_round r;
    pm_status st = pm_review360__load(&r, s, round);
    if (st == PM_OK)
        st = pm_review360__authorize(s, &r, PM_ACT_REVIEW360_READ);
    if (st != PM_OK)
        return st;
    pm_review360_question_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return pm_review360__out_of_memory(s);
    it->q.s = s;
    it->q.with_text = 1;
    st = pm_review360__read_questions(&it->q, round);
    if (st != PM_OK) {
        pm_review360_question_iter_free(it);
        return st;
    }
    /* The iterator outlives no session of its own: drop the pointer. */
    it->q.s = NULL;
    *out = it;
    return PM_OK;
}

pm_status pm_review360_question_iter_next(pm_review360_question **out,
                                          pm_review360_question_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->q.count)
        return PM_ITEROVER;
    *out = &iter->q.items[iter->next++];
    return PM_OK;
}

void pm_review360_question_iter_free(pm_review360_question_iter *iter)
{
    if (iter == NULL)
        return;
    pm_review360__questions_free(&iter->q);
    pm__free(iter);
}

pm_id pm_review360_question_id(const pm_review360_question *question)
{
    return question ? question->id : 0;
}

const char *pm_review360_question_text(const pm_review360_question *question)
{
    return question ? question->text : NULL;
}

int pm_review360_question_scale_min(const pm_review360_question *question)
{
    return question ? question->scale_min : 0;
}

int pm_review360_question_scale_max(const pm_review360_question *question)
{
    return question ? question->scale_max : 0;
}

/* ---- what results and comments share ---- */

/* Loads a round whose results the actor may read and that is closed, and
 * counts its raters and submissions by group. */
static pm_status load_released(pm_review360_round *r, pm_review360_counts *counts,
                               pm_session *s, pm_id round)
{
    pm_status st = pm_review360__load(r, s, round);
    if (st == PM_OK)
        st = pm_review360__authorize(s, r, PM_ACT_REVIEW360_RESULTS);
    if (st == PM_OK && r->state != PM_REVIEW360_CLOSED)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "review360: results are released when the round closes (round %lld "
                           "is %s)", (long long)round, pm_review360__state_name(r->state));
    if (st == PM_OK)
        st = pm_review360__count(counts, s, round);
    return st;
}

static pm_status scan_answers(pm_session *s, pm_id round, pm_storage_row_cb cb, void *payload)
{
    pm_value eq[1] = { pm_value__int(round) };
    pm_scan scan = { PM_KIND_REVIEW360_ANSWER, PM_R360A_BY_ROUND, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(s, &scan, cb, payload);
}

static pm_status corrupt_answer(pm_session *s, const pm_row *row)
{
    return pm_error__set(&s->error, PM_ECORRUPT, "review360_answer: stored row %lld has %u fields",
                         (long long)row->id, row->nvalues);
}

/* ---- results ---- */

typedef struct tally {
    pm_session *s;
    const pm_review360_question_list *q;
    pm_review360_stats *stats;  /* q->count x NGROUPS, by question then group - 1 */
} tally;

static int tally_answer(const pm_row *row, void *payload)
{
    tally *t = payload;
    if (row->nvalues < PM_R360A_NFIELDS)
        return corrupt_answer(t->s, row);
    const pm_value *rating = &row->values[PM_R360A_RATING];
    int64_t group = pm_value__as_int(&row->values[PM_R360A_GROUP]);
    if (rating->type != PM_VALUE_INT || !pm_review360__is_group((int)group))
        return 0;
    pm_id question = pm_value__as_int(&row->values[PM_R360A_QUESTION]);
    for (size_t i = 0; i < t->q->count; i++) {
        if (t->q->items[i].id == question) {
            pm_review360__stats_add(&t->stats[i * NGROUPS + (size_t)(group - 1)],
                                    (double)rating->v.i);
            break;
        }
    }
    return 0;
}

static pm_status build_results(pm_review360_result_iter *it, pm_session *s,
                               const pm_review360_round *r, const pm_review360_counts *c)
{
    pm_review360_question_list q = { s, 0, NULL, 0, 0 };
    tally t = { s, &q, NULL };
    pm_status st = pm_review360__read_questions(&q, r->id);
    if (st == PM_OK && q.count > 0) {
        t.stats = pm__calloc(q.count * NGROUPS, sizeof *t.stats);
        it->items = pm__calloc(q.count * NGROUPS, sizeof *it->items);
        if (t.stats == NULL || it->items == NULL)
            st = pm_review360__out_of_memory(s);
    }
    if (st == PM_OK)
        st = scan_answers(s, r->id, tally_answer, &t);
    for (size_t i = 0; st == PM_OK && i < q.count; i++) {
        if (pm_review360__is_open_text(q.items[i].scale_min, q.items[i].scale_max))
            continue;
        for (int g = PM_RATER_SELF; g <= PM_RATER_REPORT; g++) {
            if (c->raters[g] == 0)
                continue;
            const pm_review360_stats *stats = &t.stats[i * NGROUPS + (size_t)(g - 1)];
            pm_review360_result *res = &it->items[it->count++];
            res->question = q.items[i].id;
            res->group = (pm_rater_group)g;
            res->shown = pm_review360__result_shown((pm_rater_group)g, c->submitted[g],
                                                    stats->count, r->threshold);
            if (!res->shown)
                continue;
            res->count = stats->count;
            res->mean = stats->count > 0 ? stats->mean : 0.0;
            res->sd = pm_review360__stats_sd(stats);
        }
    }
    pm__free(t.stats);
    pm_review360__questions_free(&q);
    return st;
}

pm_status pm_review360_results(pm_review360_result_iter **out, pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_review360_round r;
    pm_review360_counts counts;
    pm_status st = load_released(&r, &counts, s, round);
    if (st != PM_OK)
        return st;
    pm_review360_result_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return pm_review360__out_of_memory(s);
    st = build_results(it, s, &r, &counts);
    if (st != PM_OK) {
        pm_review360_result_iter_free(it);
        return st;
    }
    *out = it;
    return PM_OK;
}

pm_status pm_review360_result_iter_next(pm_review360_result **out,
                                        pm_review360_result_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_review360_result_iter_free(pm_review360_result_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

pm_id pm_review360_result_question(const pm_review360_result *result)
{
    return result ? result->question : 0;
}

pm_rater_group pm_review360_result_group(const pm_review360_result *result)
{
    return result ? result->group : (pm_rater_group)0;
}

int pm_review360_result_shown(const pm_review360_result *result)
{
    return result ? result->shown : 0;
}

int pm_review360_result_count(const pm_review360_result *result)
{
    return result ? result->count : 0;
}

double pm_review360_result_mean(const pm_review360_result *result)
{
    return result ? result->mean : 0.0;
}

double pm_review360_result_sd(const pm_review360_result *result)
{
    return result ? result->sd : 0.0;
}

/* ---- comments ---- */

typedef struct comment_scan {
    pm_session *s;
    const pm_review360_round *r;
    const pm_review360_counts *c;
    pm_review360_comment_iter *it;
} comment_scan;

static int collect_comment(const pm_row *row, void *payload)
{
    comment_scan *cs = payload;
    if (row->nvalues < PM_R360A_NFIELDS)
        return corrupt_answer(cs->s, row);
    const pm_value *text = &row->values[PM_R360A_TEXT];
    int64_t group = pm_value__as_int(&row->values[PM_R360A_GROUP]);
    if (text->type != PM_VALUE_TEXT || !pm_review360__is_group((int)group))
        return 0;
    if (!pm_review360__group_shown((pm_rater_group)group, cs->c->submitted[group],
                                   cs->r->threshold))
        return 0;
    pm_review360_comment_iter *it = cs->it;
    if (it->count == it->cap) {
        size_t cap = it->cap ? it->cap * 2 : 8;
        pm_review360_comment *items = pm__realloc(it->items, cap * sizeof *items);
        if (items == NULL)
            return pm_review360__out_of_memory(cs->s);
        it->items = items;
        it->cap = cap;
    }
    pm_review360_comment *c = &it->items[it->count];
    c->text = pm__strndup(text->v.b.data, text->v.b.len);
    if (c->text == NULL)
        return pm_review360__out_of_memory(cs->s);
    c->question = pm_value__as_int(&row->values[PM_R360A_QUESTION]);
    c->group = (pm_rater_group)group;
    it->count++;
    return 0;
}

/* By question, group, then text bytes: an order that says nothing about
 * who wrote what or when. */
static int compare_comments(const void *a, const void *b)
{
    const pm_review360_comment *x = a, *y = b;
    if (x->question != y->question)
        return x->question < y->question ? -1 : 1;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return strcmp(x->text, y->text);
}

pm_status pm_review360_comments(pm_review360_comment_iter **out, pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_review360_round r;
    pm_review360_counts counts;
    pm_status st = load_released(&r, &counts, s, round);
    if (st != PM_OK)
        return st;
    pm_review360_comment_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL)
        return pm_review360__out_of_memory(s);
    comment_scan cs = { s, &r, &counts, it };
    st = scan_answers(s, round, collect_comment, &cs);
    if (st != PM_OK) {
        pm_review360_comment_iter_free(it);
        return st;
    }
    if (it->count > 1)
        qsort(it->items, it->count, sizeof *it->items, compare_comments);
    *out = it;
    return PM_OK;
}

pm_status pm_review360_comment_iter_next(pm_review360_comment **out,
                                         pm_review360_comment_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_review360_comment_iter_free(pm_review360_comment_iter *iter)
{
    if (iter == NULL)
        return;
    for (size_t i = 0; i < iter->count; i++)
        pm__free(iter->items[i].text);
    pm__free(iter->items);
    pm__free(iter);
}

pm_id pm_review360_comment_question(const pm_review360_comment *comment)
{
    return comment ? comment->question : 0;
}

pm_rater_group pm_review360_comment_group(const pm_review360_comment *comment)
{
    return comment ? comment->group : (pm_rater_group)0;
}

const char *pm_review360_comment_text(const pm_review360_comment *comment)
{
    return comment ? comment->text : NULL;
}
