/* 360 rounds: those about the person, with their questions and, once
 * closed, their results and comments exactly as pm_review360_results()
 * and pm_review360_comments() show them (suppressed groups stay
 * suppressed); and the rounds the person is a rater in, with their group
 * and whether they submitted. The answers a rater gave are stored without
 * the rater, so no one's export holds them. */
#include "export_internal.h"

#include "review360_internal.h"

static const char *const states[] = { NULL, "draft", "open", "closed" };
static const pm_export_enum state = PM_EXPORT_ENUM_OF(states);
static const char *const groups[] = { NULL, "self", "manager", "peer", "report" };
static const pm_export_enum group = PM_EXPORT_ENUM_OF(groups);

/* The fields both kinds of round record share. */
static pm_status round_fields(pm_export *x, json_t *r, const pm_review360 *round)
{
    pm_status st = pm_export__set(x, r, "title", pm_export__text(x, pm_review360_title(round)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "state",
                            pm_export__name(x, &state, (int)pm_review360_state_get(round),
                                            "review360.state"));
    if (st == PM_OK)
        st = pm_export__set(x, r, "opens_on", pm_export__date(x, pm_review360_opens(round)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "closes_on", pm_export__date(x, pm_review360_closes(round)));
    return st;
}

static pm_status add_questions(pm_export *x, json_t *list, pm_id round)
{
    pm_review360_question_iter *it = NULL;
    pm_status st = pm_review360_questions(&it, x->s, round);
    pm_review360_question *q = NULL;
    while (st == PM_OK && (st = pm_review360_question_iter_next(&q, it)) == PM_OK) {
        json_t *r = json_object();
        st = r ? PM_OK : pm_export__out_of_memory(x);
        if (st == PM_OK)
            st = pm_export__set(x, r, "id", json_integer((json_int_t)pm_review360_question_id(q)));
        if (st == PM_OK)
            st = pm_export__set(x, r, "text", pm_export__text(x, pm_review360_question_text(q)));
        if (st == PM_OK)
            st = pm_export__set(x, r, "scale_min",
                                json_integer(pm_review360_question_scale_min(q)));
        if (st == PM_OK)
            st = pm_export__set(x, r, "scale_max",
                                json_integer(pm_review360_question_scale_max(q)));
        if (st == PM_OK && json_array_append_new(list, r) != 0)
            st = pm_export__out_of_memory(x);
        else if (st != PM_OK)
            json_decref(r);
    }
    pm_review360_question_iter_free(it);
    return st == PM_ITEROVER ? PM_OK : st;
}

/* A suppressed group shows that it is suppressed, and nothing else. */
static json_t *shown_number(int shown, double value)
{
    return shown ? json_real(value) : json_null();
}

static pm_status add_results(pm_export *x, json_t *list, pm_id round)
{
    pm_review360_result_iter *it = NULL;
    pm_status st = pm_review360_results(&it, x->s, round);
    pm_review360_result *res = NULL;
    while (st == PM_OK && (st = pm_review360_result_iter_next(&res, it)) == PM_OK) {
        int shown = pm_review360_result_shown(res) != 0;
        json_t *r = json_object();
        st = r ? PM_OK : pm_export__out_of_memory(x);
        if (st == PM_OK)
            st = pm_export__set(x, r, "question",
                                json_integer((json_int_t)pm_review360_result_question(res)));
        if (st == PM_OK)
            st = pm_export__set(x, r, "group",
                                pm_export__name(x, &group, (int)pm_review360_result_group(res),
                                                "review360_result.group"));
        if (st == PM_OK)
            st = pm_export__set(x, r, "shown", json_boolean(shown));
        if (st == PM_OK)
            st = pm_export__set(x, r, "count", json_integer(pm_review360_result_count(res)));
        if (st == PM_OK)
            st = pm_export__set(x, r, "mean", shown_number(shown, pm_review360_result_mean(res)));
        if (st == PM_OK)
            st = pm_export__set(x, r, "sd", shown_number(shown, pm_review360_result_sd(res)));
        if (st == PM_OK && json_array_append_new(list, r) != 0)
            st = pm_export__out_of_memory(x);
        else if (st != PM_OK)
            json_decref(r);
    }
    pm_review360_result_iter_free(it);
    return st == PM_ITEROVER ? PM_OK : st;
}

static pm_status add_comments(pm_export *x, json_t *list, pm_id round)
{
    pm_review360_comment_iter *it = NULL;
    pm_status st = pm_review360_comments(&it, x->s, round);
    pm_review360_comment *c = NULL;
    while (st == PM_OK && (st = pm_review360_comment_iter_next(&c, it)) == PM_OK) {
        json_t *r = json_object();
        st = r ? PM_OK : pm_export__out_of_memory(x);
        if (st == PM_OK)
            st = pm_export__set(x, r, "question",
                                json_integer((json_int_t)pm_review360_comment_question(c)));
        if (st == PM_OK)
            st = pm_export__set(x, r, "group",
                                pm_export__name(x, &group, (int)pm_review360_comment_group(c),
                                                "review360_comment.group"));
        if (st == PM_OK)
            st = pm_export__set(x, r, "text", pm_export__text(x, pm_review360_comment_text(c)));
        if (st == PM_OK && json_array_append_new(list, r) != 0)
            st = pm_export__out_of_memory(x);
        else if (st != PM_OK)
            json_decref(r);
    }
    pm_review360_comment_iter_free(it);
    return st == PM_ITEROVER ? PM_OK : st;
}

/* A list under key of r, filled by fill for round. */
static pm_status add_list(pm_export *x, json_t *r, const char *key, pm_id round,
                          pm_status (*fill)(pm_export *, json_t *, pm_id))
{
    json_t *list = json_array();
    pm_status st = pm_export__set(x, r, key, list);
    return st == PM_OK && fill != NULL ? fill(x, list, round) : st;
}

static pm_status add_round_about(pm_export *x, const pm_review360 *round)
{
    pm_id id = pm_review360_id(round);
    int closed = pm_review360_state_get(round) == PM_REVIEW360_CLOSED;
    json_t *r = json_object();
    if (r == NULL)
        return pm_export__out_of_memory(x);
    pm_status st = pm_export__set(x, r, "id", json_integer((json_int_t)id));
    if (st == PM_OK)
        st = round_fields(x, r, round);
    if (st == PM_OK)
        st = pm_export__set(x, r, "threshold", json_integer(pm_review360_threshold(round)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "raters", json_integer(pm_review360_raters(round)));
    if (st == PM_OK)
        st = pm_export__set(x, r, "submitted", json_integer(pm_review360_submitted(round)));
    if (st == PM_OK)
        st = add_list(x, r, "questions", id, add_questions);
    /* Results exist only once the round is closed. */
    if (st == PM_OK)
        st = add_list(x, r, "results", id, closed ? add_results : NULL);
    if (st == PM_OK)
        st = add_list(x, r, "comments", id, closed ? add_comments : NULL);
    if (st != PM_OK) {
        json_decref(r);
        return st;
    }
    return pm_export__append(x, PM_EXPORT_RECORDED, "review360_rounds", r);
}

static pm_status add_round_rated(pm_export *x, const pm_review360 *round)
{
    pm_id id = pm_review360_id(round);
    pm_review360_rater rater;
    pm_status st = pm_review360__find_rater(&rater, x->s, id, x->person);
    if (st != PM_OK || rater.id == 0)
        return st;
    json_t *r = json_object();
    if (r == NULL)
        return pm_export__out_of_memory(x);
    st = pm_export__set(x, r, "round", json_integer((json_int_t)id));
    if (st == PM_OK)
        st = pm_export__set(x, r, "subject",
                            pm_export__id(x, pm_review360_subject(round), PM_EXPORT_REF_PERSON));
    if (st == PM_OK)
        st = round_fields(x, r, round);
    if (st == PM_OK)
        st = pm_export__set(x, r, "group",
                            pm_export__name(x, &group, (int)rater.group, "review360_rater.group"));
    if (st == PM_OK)
        st = pm_export__set(x, r, "submitted", json_boolean(rater.submitted));
    if (st != PM_OK) {
        json_decref(r);
        return st;
    }
    return pm_export__append(x, PM_EXPORT_RECORDED, "review360_rater_in", r);
}

static pm_status add_rounds(pm_export *x, unsigned int flags,
                            pm_status (*add)(pm_export *, const pm_review360 *))
{
    pm_review360_iter *it = NULL;
    pm_status st = pm_review360_list(&it, x->s, x->person, flags);
    pm_review360 *round = NULL;
    while (st == PM_OK && (st = pm_review360_iter_next(&round, it)) == PM_OK)
        st = add(x, round);
    pm_review360_iter_free(it);
    return st == PM_ITEROVER ? PM_OK : st;
}

pm_status pm_export__review360(pm_export *x)
{
    pm_status st = add_rounds(x, 0, add_round_about);
    if (st == PM_OK)
        st = add_rounds(x, PM_REVIEW360_AS_RATER, add_round_rated);
    return st;
}
