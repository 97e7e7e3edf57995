/* A rater's side of a 360 round: their role (how their answers will be
 * shown), and submitting their answers. Every answer is checked before
 * anything is written; then the answers are stored without their rater and
 * without a time of their own, and the rater is marked as having submitted
 * without touching the rater row's audit fields, all in one transaction. */
#include "review360_internal.h"

#include <stdio.h>
#include <string.h>

#include "audit_internal.h"
#include "../core/review360.h"
#include "../util/text.h"

/* One checked answer, ready to store. */
typedef struct prepared {
    pm_id question;
    int is_text;
    int rating;
    char *text;   /* owned; NULL for a rating or a blank (skipped) text */
    int skip;     /* a blank open-text answer */
} prepared;

static void prepared_free(prepared *p, size_t count)
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < count; i++)
        pm__free(p[i].text);
    pm__free(p);
}

/* The round takes this person's answers now: it is open, today is inside
 * its window and they have not submitted yet. */
static pm_status check_can_answer(pm_session *s, const pm_review360_round *r,
                                  const pm_review360_rater *rater)
{
    if (r->state != PM_REVIEW360_OPEN)
        return pm_error__set(&s->error, PM_EINVAL, "review360: round %lld is %s, not open",
                             (long long)r->id, pm_review360__state_name(r->state));
    pm_date today = pm_api__today(s->db);
    if (!pm_review360__in_window(r->opens, r->closes, today)) {
        char o[PM_DATE_BUFSIZE], c[PM_DATE_BUFSIZE], t[PM_DATE_BUFSIZE];
        pm_api__format_date(o, r->opens);
        pm_api__format_date(c, r->closes);
        pm_api__format_date(t, today);
        return pm_error__set(&s->error, PM_EINVAL,
                             "review360: round %lld takes answers from %s to %s, not on %s",
                             (long long)r->id, o, c, t);
    }
    if (rater->submitted)
        return pm_error__set(&s->error, PM_EINVAL,
                             "review360: person %lld already submitted answers to round %lld",
                             (long long)s->actor.person, (long long)r->id);
    return PM_OK;
}

static pm_status check_one(prepared *p, pm_session *s, const pm_review360_question_list *q,
                           const pm_review360_answer *a, size_t i, pm_id round)
{
    const pm_review360_question *question = pm_review360__find_question(q, a->question);
    if (question == NULL)
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].question: %lld is not a question of round %lld", i,
                             (long long)a->question, (long long)round);
    p->question = a->question;
    p->is_text = pm_review360__is_open_text(question->scale_min, question->scale_max);
    if (!p->is_text) {
        if (a->text != NULL)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "answers[%zu].text: question %lld takes a rating, not text", i,
                                 (long long)a->question);
        if (a->rating < question->scale_min || a->rating > question->scale_max)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "answers[%zu].rating: %d is outside the scale %d to %d", i,
                                 a->rating, question->scale_min, question->scale_max);
        p->rating = a->rating;
        return PM_OK;
    }
    if (a->rating != 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].rating: question %lld takes text, not a rating", i,
                             (long long)a->question);
    if (a->text == NULL)
        return pm_error__set(&s->error, PM_EINVAL,
                             "answers[%zu].text: question %lld asks for text", i,
                             (long long)a->question);
    char field[48];
    snprintf(field, sizeof field, "answers[%zu].text", i);
    size_t len = 0;
    pm_status st = pm_text__normalize(&p->text, &len, a->text, a->text_len, field,
                                      PM_REVIEW360_ANSWER_MAX, 0, &s->error);
    if (st == PM_OK && pm_text__is_blank(p->text, len)) {
        pm__free(p->text);
        p->text = NULL;
        p->skip = 1;
    }
    return st;
}

/* Checks every answer against the round's questions: known, each at most
 * once, a rating inside the scale or text as the question asks. */
static pm_status check_answers(prepared *p, pm_session *s, const pm_review360_question_list *q,
                               const pm_review360_answer *answers, size_t n, pm_id round)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < i; j++)
            if (answers[j].question == answers[i].question)
                return pm_error__set(&s->error, PM_EINVAL,
                                     "answers[%zu].question: question %lld is answered twice "
                                     "(also in answers[%zu])", i,
                                     (long long)answers[i].question, j);
        pm_status st = check_one(&p[i], s, q, &answers[i], i, round);
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}

/* An answer row carries the round, the question, the group and the answer:
 * no rater, and as its time the round's opening day with author 0, so
 * neither the row nor its audit fields say who answered or when. */
static pm_status insert_answer(pm_session *s, const pm_review360_round *r,
                               pm_rater_group group, const prepared *p)
{
    pm_value v[PM_R360A_NFIELDS];
    pm_id id = 0;
    pm_time at = pm_review360__answer_time(r->opens);
    v[PM_R360A_ROUND] = pm_value__int(r->id);
    v[PM_R360A_QUESTION] = pm_value__int(p->question);
    v[PM_R360A_GROUP] = pm_value__int(group);
    v[PM_R360A_RATING] = p->is_text ? pm_value__null() : pm_value__int(p->rating);
    v[PM_R360A_TEXT] = p->is_text ? pm_value__text(p->text, strlen(p->text)) : pm_value__null();
    v[PM_R360A_CREATED_AT] = pm_value__int(at);
    v[PM_R360A_CREATED_BY] = pm_value__int(0);
    v[PM_R360A_UPDATED_AT] = pm_value__int(at);
    v[PM_R360A_UPDATED_BY] = pm_value__int(0);
    return pm_api__insert(s, PM_KIND_REVIEW360_ANSWER, v, &id);
}

static pm_status write_submission(pm_session *s, const pm_review360_round *r,
                                  const prepared *p, size_t n)
{
    /* Read again inside the transaction: two sessions of one rater must not
     * both get past the "not yet submitted" check. */
    pm_review360_rater rater;
    pm_status st = pm_review360__find_rater(&rater, s, r->id, s->actor.person);
    if (st == PM_OK && rater.id == 0)
        st = pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                           (long long)s->actor.person,
                           pm_access__describe(PM_ACT_REVIEW360_SUBMIT));
    if (st == PM_OK)
        st = check_can_answer(s, r, &rater);
    for (size_t i = 0; st == PM_OK && i < n; i++)
        if (!p[i].skip)
            st = insert_answer(s, r, rater.group, &p[i]);
    if (st != PM_OK)
        return st;
    /* Only the flag: the row's updated_at would otherwise say when. */
    pm_value v[PM_R360R_NFIELDS];
    v[PM_R360R_SUBMITTED] = pm_value__int(1);
    return pm_api__update_fields(s, PM_KIND_REVIEW360_RATER, rater.id, v,
                                 PM_UPDATE_FIELD(PM_R360R_SUBMITTED));
}

/* The actor rates in the round (relation PARTICIPANT); the system actor
 * and anyone else are refused. */
static pm_status authorize_rater(pm_session *s, pm_review360_rater *rater, pm_id round)
{
    memset(rater, 0, sizeof *rater);
    pm_status st = PM_OK;
    if (!s->actor.is_system)
        st = pm_review360__find_rater(rater, s, round, s->actor.person);
    if (st != PM_OK)
        return st;
    pm_relation relation = rater->id != 0 ? PM_REL_PARTICIPANT : PM_REL_NONE;
    if (pm_access__check(&s->actor, PM_ACT_REVIEW360_SUBMIT, relation) == PM_OK)
        return PM_OK;
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(PM_ACT_REVIEW360_SUBMIT));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person,
                         pm_access__describe(PM_ACT_REVIEW360_SUBMIT));
}

pm_status pm_review360_submit(pm_session *s, pm_id round, const pm_review360_answer *answers,
                              size_t nanswers)
{
    PM_CHECK_SESSION(s);
    pm_review360_round r;
    pm_review360_rater rater;
    pm_review360_question_list q = { s, 0, NULL, 0, 0 };
    prepared *p = NULL;
    pm_status st = pm_review360__load(&r, s, round);
    if (st == PM_OK)
        st = authorize_rater(s, &rater, round);
    if (st == PM_OK)
        st = check_can_answer(s, &r, &rater);
    if (st == PM_OK && (answers == NULL || nanswers == 0))
        st = pm_error__set(&s->error, PM_EINVAL, "answers: must hold at least one answer");
    if (st == PM_OK)
        st = pm_review360__read_questions(&q, round);
    if (st == PM_OK) {
        p = pm__calloc(nanswers, sizeof *p);
        if (p == NULL)
            st = pm_review360__out_of_memory(s);
    }
    if (st == PM_OK)
        st = check_answers(p, s, &q, answers, nanswers, round);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st == PM_OK) {
        /* The answers and the rater's mark are counted, never recorded:
         * an audit entry would say who answered, and when. */
        pm_audit__undisclosed_begin(s);
        st = write_submission(s, &r, p, nanswers);
        pm_audit__undisclosed_end(s);
        st = pm_api__finish(s, st);
    }
    prepared_free(p, nanswers);
    pm_review360__questions_free(&q);
    return st;
}

/* ---- a rater's role ---- */

pm_status pm_review360_role(pm_rater_group *group, int *identified, int *submitted,
                            pm_session *s, pm_id round)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, group != NULL, "group");
    *group = (pm_rater_group)0;
    if (identified != NULL)
        *identified = 0;
    if (submitted != NULL)
        *submitted = 0;
    pm_review360_round r;
    pm_review360_rater rater = { 0, (pm_rater_group)0, 0 };
    pm_status st = pm_review360__load(&r, s, round);
    if (st == PM_OK && !s->actor.is_system)
        st = pm_review360__find_rater(&rater, s, round, s->actor.person);
    if (st != PM_OK)
        return st;
    if (rater.id == 0) {
        if (s->actor.is_system)
            return pm_error__set(&s->error, PM_ENOTFOUND,
                                 "review360: the system actor rates in no round");
        return pm_error__set(&s->error, PM_ENOTFOUND,
                             "review360: person %lld is not a rater of round %lld",
                             (long long)s->actor.person, (long long)round);
    }
    *group = rater.group;
    if (identified != NULL)
        *identified = pm_review360__group_identified(rater.group);
    if (submitted != NULL)
        *submitted = rater.submitted;
    return PM_OK;
}
