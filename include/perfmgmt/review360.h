/**
 * @file perfmgmt/review360.h
 * @brief 360-degree feedback rounds: raters in groups answer questions about
 *        a subject; results are shown per group only above a threshold.
 *
 * A round has a subject, a title, a window of dates and an anonymity
 * threshold (3 by default). While it is a draft, questions (a rating on a
 * scale, or open text) and raters in groups (self, manager, peers, direct
 * reports) are added. Opening it freezes both; raters submit their answers
 * once, inside the window; closing it ends answering and releases the
 * results.
 *
 * Anonymity: answers are stored without their rater and with no time of
 * their own, so neither the store nor any function links an answer to a
 * rater. Results exist only once the round is closed (so no one can watch
 * them change as raters submit), per question and rater group. A peer or
 * direct-report group is shown only when at least the threshold of its
 * raters submitted; the self and manager groups are shown as themselves,
 * and pm_review360_role() tells their raters so before they answer. There
 * is no total across groups: with one group suppressed, a total would give
 * it away. Open text is shown without authors, only for groups that are
 * shown, ordered by its text (not by submission or by rater).
 *
 * Access: the subject, the subject's manager chain, HR admins and the
 * system actor read a round and its results; HR, the system and the
 * subject's manager chain create and manage rounds; raters read the round
 * and its questions and submit.
 *
 * @defgroup review360 360-degree rounds
 * @{
 */
#ifndef PERFMGMT_REVIEW360_H
#define PERFMGMT_REVIEW360_H

#include "db.h"

PM_BEGIN_DECL

/** A snapshot of one 360 round. */
typedef struct pm_review360 pm_review360;
/** An iterator over 360 rounds. */
typedef struct pm_review360_iter pm_review360_iter;
/** A question of a round. */
typedef struct pm_review360_question pm_review360_question;
/** An iterator over a round's questions. */
typedef struct pm_review360_question_iter pm_review360_question_iter;
/** One result: a question's ratings from one rater group. */
typedef struct pm_review360_result pm_review360_result;
/** An iterator over results. */
typedef struct pm_review360_result_iter pm_review360_result_iter;
/** One open-text answer, without its author. */
typedef struct pm_review360_comment pm_review360_comment;
/** An iterator over open-text answers. */
typedef struct pm_review360_comment_iter pm_review360_comment_iter;

/** Where a round stands. */
typedef enum pm_review360_state {
    PM_REVIEW360_DRAFT = 1,  /**< Questions and raters are being added. */
    PM_REVIEW360_OPEN = 2,   /**< Raters answer (inside the window). */
    PM_REVIEW360_CLOSED = 3  /**< Answering ended; results are released. */
} pm_review360_state;

/** The group a rater answers in. */
typedef enum pm_rater_group {
    PM_RATER_SELF = 1,    /**< The subject (shown as themselves). */
    PM_RATER_MANAGER = 2, /**< The subject's manager (shown as themselves). */
    PM_RATER_PEER = 3,    /**< Peers (shown only at the threshold). */
    PM_RATER_REPORT = 4   /**< Direct reports (shown only at the threshold). */
} pm_rater_group;

/** Default anonymity threshold of a round. */
#define PM_REVIEW360_THRESHOLD_DEFAULT 3
/** Most code points in a round's title or a question. */
#define PM_REVIEW360_TEXT_MAX 500
/** Most code points in an open-text answer. */
#define PM_REVIEW360_ANSWER_MAX 5000

/** Version of #pm_review360_opts understood by this release. */
#define PM_REVIEW360_OPTS_VERSION 1

/** The fields of a round, for pm_review360_create(). */
typedef struct pm_review360_opts {
    unsigned int version; /**< #PM_REVIEW360_OPTS_VERSION. */
    pm_id subject;        /**< Whom the round is about; active. Required. */
    const char *title;    /**< Required, single line; up to #PM_REVIEW360_TEXT_MAX code points. */
    size_t title_len;     /**< Bytes in title, or 0 for NUL-terminated. */
    pm_date opens;        /**< First day raters may answer; #PM_DATE_NONE for today. */
    pm_date closes;       /**< Last day raters may answer; required, not before opens. */
    int threshold;        /**< Fewest answers shown for a peer or report group; 3 to 10; default 3. */
} pm_review360_opts;

/** Initialiser for #pm_review360_opts. */
#define PM_REVIEW360_OPTS_INIT \
    { PM_REVIEW360_OPTS_VERSION, 0, NULL, 0, PM_DATE_NONE, PM_DATE_NONE, \
      PM_REVIEW360_THRESHOLD_DEFAULT }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_review360_opts_init(pm_review360_opts *opts, unsigned int version);

/**
 * Creates a round as a draft.
 *
 * @param[out] out the round's id; may be NULL.
 * @param session someone above the subject, HR or the system.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (blank title, bad window, threshold out of
 *         range, inactive subject); #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND;
 *         #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_create(pm_id *out, pm_session *session,
                                         const pm_review360_opts *opts);

/**
 * Adds a question to a draft round: a rating from @p scale_min to
 * @p scale_max, or open text when both are 0.
 *
 * @param[out] out the question's id; may be NULL.
 * @param session as for pm_review360_create().
 * @param round the round (a draft).
 * @param text the question; single line; up to #PM_REVIEW360_TEXT_MAX code points.
 * @param text_len bytes in text, or 0 for NUL-terminated.
 * @param scale_min lowest rating (0 to 100), or 0 with @p scale_max 0.
 * @param scale_max highest rating (above @p scale_min, at most 100), or 0.
 * @return #PM_OK, #PM_EINVAL (not a draft, blank text, bad scale), #PM_EUTF8,
 *         #PM_ERANGE, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_add_question(pm_id *out, pm_session *session, pm_id round,
                                               const char *text, size_t text_len,
                                               int scale_min, int scale_max);

/**
 * Adds a rater to a draft round. #PM_RATER_SELF must be the subject;
 * #PM_RATER_MANAGER someone in the subject's manager chain; #PM_RATER_REPORT
 * a direct report of the subject; #PM_RATER_PEER anyone else. A person
 * rates once per round.
 *
 * @param session as for pm_review360_create().
 * @param round the round (a draft).
 * @param person the rater; active.
 * @param group the group.
 * @return #PM_OK, #PM_EINVAL (not a draft, wrong group for the person),
 *         #PM_ECONFLICT (already a rater), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_add_rater(pm_session *session, pm_id round, pm_id person,
                                            pm_rater_group group);

/**
 * Opens a draft round (it needs a question and a rater): questions and
 * raters are frozen.
 *
 * @param session as for pm_review360_create().
 * @param round the round.
 * @return #PM_OK, #PM_EINVAL (not a draft, no question or rater),
 *         #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_open(pm_session *session, pm_id round);

/**
 * Closes an open round and releases its results.
 *
 * @param session as for pm_review360_create().
 * @param round the round.
 * @return #PM_OK, #PM_EINVAL (not open), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_close(pm_session *session, pm_id round);

/** One answer, for pm_review360_submit(). */
typedef struct pm_review360_answer {
    pm_id question;   /**< The question. */
    int rating;       /**< A rating question: the rating, inside its scale. */
    const char *text; /**< An open-text question: the answer (blank answers are skipped). */
    size_t text_len;  /**< Bytes in text, or 0 for NUL-terminated. */
} pm_review360_answer;

/**
 * Submits the session's person's answers, all at once and once only.
 * Questions left out are unanswered.
 *
 * @param session a rater of the round.
 * @param round the round (open, today inside its window).
 * @param answers the answers; each question at most once.
 * @param nanswers number of answers (at least 1).
 * @return #PM_OK; #PM_EINVAL (round not open or outside its window, already
 *         submitted, unknown or repeated question, rating outside the
 *         scale, text for a rating or a rating for a text question);
 *         #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND; #PM_EPERM (not a rater);
 *         #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_submit(pm_session *session, pm_id round,
                                         const pm_review360_answer *answers, size_t nanswers);

/**
 * Tells a rater how their answers will be shown, before they answer.
 *
 * @param[out] group the session's person's group in the round.
 * @param[out] identified non-zero when the group is shown as the rater
 *             themself (self, manager); may be NULL.
 * @param[out] submitted non-zero when already submitted; may be NULL.
 * @param session a rater.
 * @param round the round.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND (round, or the person is no rater), #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_role(pm_rater_group *group, int *identified, int *submitted,
                                       pm_session *session, pm_id round);

/**
 * Reads a round.
 *
 * @param[out] out the snapshot; free with pm_review360_free().
 * @param session the subject, someone above them, a rater, HR or the system.
 * @param round the round.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_get(pm_review360 **out, pm_session *session, pm_id round);

/** Flag of pm_review360_list(): the rounds the person rates in, rather than those about them. */
#define PM_REVIEW360_AS_RATER 0x1u

/**
 * Lists rounds about @p person (or, with #PM_REVIEW360_AS_RATER, those in
 * which @p person is a rater), newest window first.
 *
 * @param[out] out the iterator; free with pm_review360_iter_free().
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param flags #PM_REVIEW360_AS_RATER or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_list(pm_review360_iter **out, pm_session *session,
                                       pm_id person, unsigned int flags);

/**
 * Advances a round iterator.
 *
 * @param[out] out the next round, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_review360_iter_next(pm_review360 **out, pm_review360_iter *iter);
/** Frees a round iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_review360_iter_free(pm_review360_iter *iter);
/** Frees a round snapshot; NULL is allowed. */
PM_EXTERN(void) pm_review360_free(pm_review360 *round);

/** The round's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_review360_id(const pm_review360 *round);
/** The subject. */
PM_EXTERN(pm_id) pm_review360_subject(const pm_review360 *round);
/** The title, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_review360_title(const pm_review360 *round);
/** The state; 0 for NULL. */
PM_EXTERN(pm_review360_state) pm_review360_state_get(const pm_review360 *round);
/** First day of the window. */
PM_EXTERN(pm_date) pm_review360_opens(const pm_review360 *round);
/** Last day of the window. */
PM_EXTERN(pm_date) pm_review360_closes(const pm_review360 *round);
/** The anonymity threshold. */
PM_EXTERN(int) pm_review360_threshold(const pm_review360 *round);
/** Number of raters. */
PM_EXTERN(int) pm_review360_raters(const pm_review360 *round);
/** Number of raters who submitted. */
PM_EXTERN(int) pm_review360_submitted(const pm_review360 *round);

/**
 * Lists a round's questions in the order they were added.
 *
 * @param[out] out the iterator; free with pm_review360_question_iter_free().
 * @param session anyone who may read the round.
 * @param round the round.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_questions(pm_review360_question_iter **out,
                                            pm_session *session, pm_id round);

/**
 * Advances a question iterator.
 *
 * @param[out] out the next question, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_review360_question_iter_next(pm_review360_question **out,
                                                     pm_review360_question_iter *iter);
/** Frees a question iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_review360_question_iter_free(pm_review360_question_iter *iter);

/** The question's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_review360_question_id(const pm_review360_question *question);
/** The question's text, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_review360_question_text(const pm_review360_question *question);
/** Lowest rating, or 0 for open text. */
PM_EXTERN(int) pm_review360_question_scale_min(const pm_review360_question *question);
/** Highest rating, or 0 for open text. */
PM_EXTERN(int) pm_review360_question_scale_max(const pm_review360_question *question);

/**
 * Lists the results of a closed round: one per rating question and rater
 * group with raters, by question then group.
 *
 * @param[out] out the iterator; free with pm_review360_result_iter_free().
 * @param session the subject, someone above them, HR or the system.
 * @param round the round (closed).
 * @return #PM_OK, #PM_EINVAL (not closed), #PM_ENOTFOUND, #PM_EPERM,
 *         #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_results(pm_review360_result_iter **out, pm_session *session,
                                          pm_id round);

/**
 * Advances a result iterator.
 *
 * @param[out] out the next result, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_review360_result_iter_next(pm_review360_result **out,
                                                   pm_review360_result_iter *iter);
/** Frees a result iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_review360_result_iter_free(pm_review360_result_iter *iter);

/** The question. */
PM_EXTERN(pm_id) pm_review360_result_question(const pm_review360_result *result);
/** The rater group; 0 for NULL. */
PM_EXTERN(pm_rater_group) pm_review360_result_group(const pm_review360_result *result);
/** Non-zero when the group is shown; when 0, only the fact of suppression is given. */
PM_EXTERN(int) pm_review360_result_shown(const pm_review360_result *result);
/** Ratings given (0 when suppressed). */
PM_EXTERN(int) pm_review360_result_count(const pm_review360_result *result);
/** Mean rating (0 when suppressed or none). */
PM_EXTERN(double) pm_review360_result_mean(const pm_review360_result *result);
/** Sample standard deviation of the ratings (0 when suppressed or fewer than 2). */
PM_EXTERN(double) pm_review360_result_sd(const pm_review360_result *result);

/**
 * Lists the open-text answers of a closed round's shown groups, by question,
 * then group, then text.
 *
 * @param[out] out the iterator; free with pm_review360_comment_iter_free().
 * @param session the subject, someone above them, HR or the system.
 * @param round the round (closed).
 * @return #PM_OK, #PM_EINVAL (not closed), #PM_ENOTFOUND, #PM_EPERM,
 *         #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_review360_comments(pm_review360_comment_iter **out, pm_session *session,
                                           pm_id round);

/**
 * Advances a comment iterator.
 *
 * @param[out] out the next comment, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_review360_comment_iter_next(pm_review360_comment **out,
                                                    pm_review360_comment_iter *iter);
/** Frees a comment iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_review360_comment_iter_free(pm_review360_comment_iter *iter);

/** The question. */
PM_EXTERN(pm_id) pm_review360_comment_question(const pm_review360_comment *comment);
/** The rater group; 0 for NULL. */
PM_EXTERN(pm_rater_group) pm_review360_comment_group(const pm_review360_comment *comment);
/** The text, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_review360_comment_text(const pm_review360_comment *comment);

PM_END_DECL

/** @} */
#endif
