/* 360 rounds' internal functions, shared by the round (review360.c),
 * submission (review360_submit.c) and results (review360_results.c)
 * files. Each sets the session error on failure, naming the field and the
 * reason; none opens a transaction. */
#ifndef PM_API_REVIEW360_INTERNAL_H
#define PM_API_REVIEW360_INTERNAL_H

#include "internal.h"

/* A round as stored, without its title. */
typedef struct pm_review360_round {
    pm_id id;
    pm_id subject;
    pm_review360_state state;
    pm_date opens;
    pm_date closes;
    int threshold;
} pm_review360_round;

/* A question snapshot (the public pm_review360_question). text is owned,
 * or NULL when read without it. */
struct pm_review360_question {
    pm_id id;
    char *text;
    int scale_min;
    int scale_max;
};

/* A round's questions in the order they were added. */
typedef struct pm_review360_question_list {
    pm_session *s;
    int with_text;                 /* copy the texts */
    pm_review360_question *items;
    size_t count;
    size_t cap;
} pm_review360_question_list;

/* Raters and submissions per group, indexed by pm_rater_group (0 unused). */
typedef struct pm_review360_counts {
    int raters[PM_RATER_REPORT + 1];
    int submitted[PM_RATER_REPORT + 1];
    int total_raters;
    int total_submitted;
} pm_review360_counts;

/* One rater row. */
typedef struct pm_review360_rater {
    pm_id id;                 /* 0 when the person is no rater of the round */
    pm_rater_group group;
    int submitted;
} pm_review360_rater;

/* PM_ENOMEM "review360: out of memory". */
pm_status pm_review360__out_of_memory(pm_session *s);

/* Reads a round; PM_ENOTFOUND "review360: round 12 does not exist". */
pm_status pm_review360__load(pm_review360_round *out, pm_session *s, pm_id round);

/* Finds person's rater row in round; out->id is 0 when there is none. */
pm_status pm_review360__find_rater(pm_review360_rater *out, pm_session *s, pm_id round,
                                   pm_id person);

/* Checks the actor may do action (PM_ACT_REVIEW360_*) on the round:
 * relation SELF for the subject, MANAGER for someone above the subject
 * today, PARTICIPANT for a rater; PM_EPERM with a message otherwise. */
pm_status pm_review360__authorize(pm_session *s, const pm_review360_round *r,
                                  pm_action action);

/* Counts the round's raters and submissions by group. */
pm_status pm_review360__count(pm_review360_counts *out, pm_session *s, pm_id round);

/* Reads the round's questions into q (initialise s and with_text, the rest
 * to zero); free with pm_review360__questions_free(). */
pm_status pm_review360__read_questions(pm_review360_question_list *q, pm_id round);
void pm_review360__questions_free(pm_review360_question_list *q);

/* The question with this id, or NULL. */
const pm_review360_question *pm_review360__find_question(const pm_review360_question_list *q,
                                                         pm_id id);

#endif
