/**
 * @file perfmgmt/feedback.h
 * @brief Feedback in every direction: real-time feedback, requests for
 *        feedback, and feedback-culture metrics.
 *
 * A feedback entry goes from a giver to a receiver at a time. It has a kind
 * (praise, constructive, suggestion), a text and optional structured parts
 * (situation, behaviour, impact), and may name the goal, competency or
 * check-in it is about. Its direction (downward, upward, peer, self, other)
 * is derived from the organisation on the day it is given and stored, so a
 * later reorganisation does not rewrite history.
 *
 * Visibility: #PM_FEEDBACK_TO_RECEIVER (the receiver alone),
 * #PM_FEEDBACK_TO_MANAGERS (the receiver and their manager chain) or
 * #PM_FEEDBACK_TO_ORGANISATION (everyone). HR admins and the system actor
 * read every entry. The giver always reads their own entries.
 *
 * Anonymous feedback: its text is shown to those allowed, but no function
 * returns who gave it, to anyone (pm_feedback_giver() gives 0). The store
 * does not hold the giver's id: it keeps a keyed hash of the giver and a
 * random nonce, under the secret the embedder passes in
 * pm_db_opts::secret, which is never written to the store. So neither an
 * HR admin, nor a caller, nor someone reading the database file can recover
 * the giver, while the giver's own session is still recognised
 * (pm_feedback_is_mine()) and may retract the entry. Its time is kept to
 * the day, and its audit fields name no one. Its direction is checked
 * (pm_feedback_opts::direction) but stored as #PM_DIRECTION_UNDISCLOSED:
 * "upward" to a manager with one report would name the giver. A store
 * opened without a
 * secret refuses anonymous feedback, except an in-memory store, which
 * makes a random secret that lives as long as it. Changing the secret makes
 * earlier anonymous entries unrecognisable to their givers.
 *
 * Requests: a person asks one or more others for feedback on a topic (about
 * themselves or, as a manager, about a report) by a date. Each addressee's
 * part moves from requested to submitted or declined, or expires (after 90
 * days by default). A request can repeat every N days. A response always
 * names its giver: the requester knows whom they asked, so anonymity could
 * not hold.
 *
 * @defgroup feedback Feedback
 * @{
 */
#ifndef PERFMGMT_FEEDBACK_H
#define PERFMGMT_FEEDBACK_H

#include "db.h"

PM_BEGIN_DECL

/** A snapshot of one feedback entry, as the session may see it. */
typedef struct pm_feedback pm_feedback;
/** An iterator over feedback entries. */
typedef struct pm_feedback_iter pm_feedback_iter;

/** What a feedback entry is. */
typedef enum pm_feedback_kind {
    PM_FEEDBACK_PRAISE = 1,       /**< Recognition of something done well. */
    PM_FEEDBACK_CONSTRUCTIVE = 2, /**< Something to change, ideally as situation, behaviour, impact. */
    PM_FEEDBACK_SUGGESTION = 3    /**< An idea to try. */
} pm_feedback_kind;

/** How giver and receiver stood in the organisation when it was given. */
typedef enum pm_direction {
    PM_DIRECTION_DOWNWARD = 1, /**< From someone in the receiver's manager chain. */
    PM_DIRECTION_UPWARD = 2,   /**< To someone in the giver's manager chain. */
    PM_DIRECTION_PEER = 3,     /**< Between people with the same manager or in the same unit. */
    PM_DIRECTION_SELF = 4,     /**< Giver and receiver are the same person. */
    PM_DIRECTION_OTHER = 5,    /**< Any other pair. */
    PM_DIRECTION_UNDISCLOSED = 6 /**< Anonymous feedback: not kept (see below). */
} pm_direction;

/** Number of #pm_direction values plus one (arrays indexed by direction). */
#define PM_DIRECTION_SLOTS 7
/** Number of #pm_feedback_kind values plus one (arrays indexed by kind). */
#define PM_FEEDBACK_KIND_SLOTS 4

/** Who may read a feedback entry, besides the giver, HR admins and the system actor. */
typedef enum pm_feedback_visibility {
    PM_FEEDBACK_TO_RECEIVER = 1,    /**< The receiver alone. */
    PM_FEEDBACK_TO_MANAGERS = 2,    /**< The receiver and their manager chain. */
    PM_FEEDBACK_TO_ORGANISATION = 3 /**< Everyone in the organisation. */
} pm_feedback_visibility;

/** The receiver's reaction to a feedback entry. */
typedef enum pm_reaction {
    PM_REACTION_NONE = 0,     /**< No reaction (clears one). */
    PM_REACTION_THANKS = 1,   /**< Thank you. */
    PM_REACTION_HELPFUL = 2,  /**< This helps. */
    PM_REACTION_DISCUSS = 3,  /**< I would like to talk about it. */
    PM_REACTION_DISAGREE = 4  /**< I see it differently. */
} pm_reaction;

/** Most code points in a feedback text. */
#define PM_FEEDBACK_TEXT_MAX 10000
/** Most code points in each of situation, behaviour and impact. */
#define PM_FEEDBACK_PART_MAX 2000

/** Version of #pm_feedback_opts understood by this release. */
#define PM_FEEDBACK_OPTS_VERSION 1

/** The fields of a feedback entry, for pm_feedback_give() and pm_feedback_request_respond(). */
typedef struct pm_feedback_opts {
    unsigned int version;              /**< #PM_FEEDBACK_OPTS_VERSION. */
    pm_id receiver;                    /**< Required (a response: 0 or the request's subject); active. */
    pm_feedback_kind kind;             /**< Required. */
    const char *text;                  /**< Required, not blank; up to #PM_FEEDBACK_TEXT_MAX code points. */
    size_t text_len;                   /**< Bytes in text, or 0 for NUL-terminated. */
    const char *situation;             /**< Optional; up to #PM_FEEDBACK_PART_MAX code points. */
    size_t situation_len;              /**< Bytes in situation, or 0 for NUL-terminated. */
    const char *behaviour;             /**< Optional; up to #PM_FEEDBACK_PART_MAX code points. */
    size_t behaviour_len;              /**< Bytes in behaviour, or 0 for NUL-terminated. */
    const char *impact;                /**< Optional; up to #PM_FEEDBACK_PART_MAX code points. */
    size_t impact_len;                 /**< Bytes in impact, or 0 for NUL-terminated. */
    pm_feedback_visibility visibility; /**< Default #PM_FEEDBACK_TO_RECEIVER. */
    int anonymous;                     /**< Non-zero hides the giver (not for responses to requests). */
    pm_direction direction;            /**< 0 to derive; otherwise it must equal the derived direction. */
    pm_id goal;                        /**< A goal it is about (readable by the giver), or 0. */
    pm_id competency;                  /**< A competency it is about (existing), or 0. */
    pm_id checkin;                     /**< A check-in it came from (the giver's), or 0. */
    pm_time at;                        /**< When it was given; 0 for now; not in the future. */
} pm_feedback_opts;

/** Initialiser for #pm_feedback_opts. */
#define PM_FEEDBACK_OPTS_INIT \
    { PM_FEEDBACK_OPTS_VERSION, 0, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, \
      PM_FEEDBACK_TO_RECEIVER, 0, 0, 0, 0, 0, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_feedback_opts_init(pm_feedback_opts *opts, unsigned int version);

/**
 * Gives feedback, from the session's person to the receiver.
 *
 * @param[out] out the entry's id; may be NULL.
 * @param session a person (not the system actor).
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (missing or blank text, bad kind or
 *         visibility, a direction that does not match the organisation,
 *         a time in the future, an inactive receiver); #PM_EUTF8;
 *         #PM_ERANGE; #PM_ENOTFOUND (receiver, goal, competency or check-in);
 *         #PM_EPERM (the system actor; a goal or check-in the giver may not
 *         read); #PM_EUNSUPPORTED (anonymous, and the store has no secret);
 *         #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_give(pm_id *out, pm_session *session,
                                      const pm_feedback_opts *opts);

/**
 * Reads a feedback entry.
 *
 * @param[out] out the snapshot; free with pm_feedback_free().
 * @param session who is acting.
 * @param feedback the entry.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_get(pm_feedback **out, pm_session *session, pm_id feedback);

/**
 * Acknowledges a feedback entry (the receiver has read it). Repeating it
 * keeps the first time.
 *
 * @param session the receiver.
 * @param feedback the entry.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_acknowledge(pm_session *session, pm_id feedback);

/**
 * Sets the receiver's reaction (and acknowledges the entry).
 *
 * @param session the receiver.
 * @param feedback the entry.
 * @param reaction a #pm_reaction; #PM_REACTION_NONE clears it.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_react(pm_session *session, pm_id feedback,
                                       pm_reaction reaction);

/**
 * Retracts feedback: the entry is deleted. Only its giver may do it, also
 * for anonymous entries. A retracted response to a request puts that
 * addressee's part back to requested.
 *
 * @param session the giver.
 * @param feedback the entry.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_retract(pm_session *session, pm_id feedback);

/**
 * Lists the feedback @p person received that the session may read, newest
 * first.
 *
 * @param[out] out the iterator; free with pm_feedback_iter_free().
 * @param session who is acting.
 * @param person the receiver.
 * @param limit most entries; 0 for all.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_list_received(pm_feedback_iter **out, pm_session *session,
                                               pm_id person, size_t limit);

/**
 * Lists the feedback @p person gave that the session may read, newest
 * first. Anonymous entries appear only when @p person is the session's own
 * person.
 *
 * @param[out] out the iterator; free with pm_feedback_iter_free().
 * @param session who is acting.
 * @param person the giver.
 * @param limit most entries; 0 for all.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_list_given(pm_feedback_iter **out, pm_session *session,
                                            pm_id person, size_t limit);

/**
 * Lists the newest feedback the session's person may read, whoever gave or
 * received it: their own, their reports' (shared with managers), and what is
 * shared with the organisation. For HR admins and the system actor, all
 * feedback.
 *
 * @param[out] out the iterator; free with pm_feedback_iter_free().
 * @param session who is acting.
 * @param limit most entries; 0 for all.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_list_visible(pm_feedback_iter **out, pm_session *session,
                                              size_t limit);

/**
 * Advances a feedback iterator.
 *
 * @param[out] out the next entry, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_feedback_iter_next(pm_feedback **out, pm_feedback_iter *iter);
/** Frees a feedback iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_feedback_iter_free(pm_feedback_iter *iter);
/** Frees a feedback snapshot; NULL is allowed. */
PM_EXTERN(void) pm_feedback_free(pm_feedback *feedback);

/** The entry's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_feedback_id(const pm_feedback *feedback);
/** The giver; 0 when anonymous (for every reader, the giver too). */
PM_EXTERN(pm_id) pm_feedback_giver(const pm_feedback *feedback);
/** Non-zero when the session that read it is its giver (anonymous entries too). */
PM_EXTERN(int) pm_feedback_is_mine(const pm_feedback *feedback);
/** The receiver. */
PM_EXTERN(pm_id) pm_feedback_receiver(const pm_feedback *feedback);
/** The kind; 0 for NULL. */
PM_EXTERN(pm_feedback_kind) pm_feedback_kind_get(const pm_feedback *feedback);
/** The direction when given (#PM_DIRECTION_UNDISCLOSED when anonymous); 0 for NULL. */
PM_EXTERN(pm_direction) pm_feedback_direction(const pm_feedback *feedback);
/** The visibility; 0 for NULL. */
PM_EXTERN(pm_feedback_visibility) pm_feedback_visibility_get(const pm_feedback *feedback);
/** Non-zero when anonymous. */
PM_EXTERN(int) pm_feedback_is_anonymous(const pm_feedback *feedback);
/** The text, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_feedback_text(const pm_feedback *feedback);
/** The situation, borrowed, or NULL. */
PM_EXTERN(const char *) pm_feedback_situation(const pm_feedback *feedback);
/** The behaviour, borrowed, or NULL. */
PM_EXTERN(const char *) pm_feedback_behaviour(const pm_feedback *feedback);
/** The impact, borrowed, or NULL. */
PM_EXTERN(const char *) pm_feedback_impact(const pm_feedback *feedback);
/** The goal it is about, or 0; 0 also for an anonymous entry read by
 *  anyone but its giver (the goal could point at the giver). */
PM_EXTERN(pm_id) pm_feedback_goal(const pm_feedback *feedback);
/** The competency it is about, or 0. */
PM_EXTERN(pm_id) pm_feedback_competency(const pm_feedback *feedback);
/** The check-in it came from, or 0; 0 also for an anonymous entry read
 *  by anyone but its giver (the check-in is one of the giver's). */
PM_EXTERN(pm_id) pm_feedback_checkin(const pm_feedback *feedback);
/** The request it answers, or 0. */
PM_EXTERN(pm_id) pm_feedback_request_of(const pm_feedback *feedback);
/** When it was given (anonymous: the start of that day, UTC). */
PM_EXTERN(pm_time) pm_feedback_given_at(const pm_feedback *feedback);
/** When the receiver acknowledged it, or 0. */
PM_EXTERN(pm_time) pm_feedback_acknowledged_at(const pm_feedback *feedback);
/** The receiver's reaction. */
PM_EXTERN(pm_reaction) pm_feedback_reaction(const pm_feedback *feedback);

/* ---- Requests ---------------------------------------------------------- */

/** A snapshot of one feedback request with its addressees' parts. */
typedef struct pm_feedback_request pm_feedback_request;
/** An iterator over feedback requests. */
typedef struct pm_feedback_request_iter pm_feedback_request_iter;

/** Where one addressee's part of a request stands. */
typedef enum pm_request_state {
    PM_REQUEST_REQUESTED = 1, /**< Waiting for an answer. */
    PM_REQUEST_SUBMITTED = 2, /**< Answered with feedback. */
    PM_REQUEST_DECLINED = 3,  /**< The addressee declined. */
    PM_REQUEST_EXPIRED = 4    /**< Not answered before the request expired. */
} pm_request_state;

/** Most addressees of one request. */
#define PM_REQUEST_ADDRESSEES_MAX 50
/** Most code points in a request's topic. */
#define PM_REQUEST_TOPIC_MAX 500
/** Days until a request expires, by default. */
#define PM_REQUEST_EXPIRY_DEFAULT 90

/** Version of #pm_feedback_request_opts understood by this release. */
#define PM_FEEDBACK_REQUEST_OPTS_VERSION 1

/** The fields of a request, for pm_feedback_request_create(). */
typedef struct pm_feedback_request_opts {
    unsigned int version;     /**< #PM_FEEDBACK_REQUEST_OPTS_VERSION. */
    pm_id subject;            /**< Whom the feedback is about: 0 for the requester, or a report of the requester. */
    const char *topic;        /**< Required, single line; up to #PM_REQUEST_TOPIC_MAX code points. */
    size_t topic_len;         /**< Bytes in topic, or 0 for NUL-terminated. */
    pm_id goal;               /**< A goal of the subject it is about, or 0. */
    const pm_id *addressees;  /**< Whom to ask: 1 to #PM_REQUEST_ADDRESSEES_MAX active people, distinct, not the requester. */
    size_t naddressees;       /**< Number of addressees. */
    pm_date due;              /**< Answer by; #PM_DATE_NONE for the expiry date; not in the past. */
    int expires_days;         /**< Days until it expires; 1 to 365; default #PM_REQUEST_EXPIRY_DEFAULT. */
    int repeat_days;          /**< Ask again every N days (7 to 365), or 0 for once. */
} pm_feedback_request_opts;

/** Initialiser for #pm_feedback_request_opts. */
#define PM_FEEDBACK_REQUEST_OPTS_INIT \
    { PM_FEEDBACK_REQUEST_OPTS_VERSION, 0, NULL, 0, 0, NULL, 0, PM_DATE_NONE, \
      PM_REQUEST_EXPIRY_DEFAULT, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_feedback_request_opts_init(pm_feedback_request_opts *opts,
                                                   unsigned int version);

/**
 * Asks for feedback. The requester is the session's person; a subject
 * other than the requester must be one of the requester's reports (direct
 * or indirect). HR admins may ask about anyone.
 *
 * @param[out] out the request's id; may be NULL.
 * @param session a person (not the system actor).
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (no or duplicate addressees, the requester as
 *         addressee, blank topic, due date in the past or after expiry,
 *         expiry or repeat out of range); #PM_EUTF8; #PM_ERANGE;
 *         #PM_ENOTFOUND; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_request_create(pm_id *out, pm_session *session,
                                                const pm_feedback_request_opts *opts);

/**
 * Answers a request with feedback to its subject (linked to the request).
 *
 * @param[out] feedback the feedback's id; may be NULL.
 * @param session an addressee whose part is requested.
 * @param request the request.
 * @param opts the feedback; receiver 0 or the subject; not anonymous.
 * @return #PM_OK; #PM_EINVAL (the part is not requested any more, expired,
 *         anonymous, other receiver, and the checks of pm_feedback_give());
 *         #PM_ENOTFOUND; #PM_EPERM (not an addressee); #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_request_respond(pm_id *feedback, pm_session *session,
                                                 pm_id request, const pm_feedback_opts *opts);

/**
 * Declines a request.
 *
 * @param session an addressee whose part is requested.
 * @param request the request.
 * @return #PM_OK, #PM_EINVAL (not requested any more, expired),
 *         #PM_ENOTFOUND, #PM_EPERM (not an addressee), #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_request_decline(pm_session *session, pm_id request);

/**
 * Creates the next occurrence of every repeating request whose period has
 * come by @p date (with the same subject, topic, goal and addressees), so
 * the host's scheduler can call it daily. Calling it again the same day
 * creates nothing.
 *
 * @param[out] created how many requests were created; may be NULL.
 * @param session HR or the system actor.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_request_renew(int *created, pm_session *session, pm_date date);

/**
 * Reads a request.
 *
 * @param[out] out the snapshot; free with pm_feedback_request_free().
 * @param session the requester, the subject, an addressee, someone above the
 *        subject, HR or the system.
 * @param request the request.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_request_get(pm_feedback_request **out, pm_session *session,
                                             pm_id request);

/** How a person stands to the requests listed by pm_feedback_request_list(). */
typedef enum pm_request_role {
    PM_REQUEST_ASKED_BY = 1,     /**< Requests the person made. */
    PM_REQUEST_ADDRESSED_TO = 2, /**< Requests the person was asked to answer. */
    PM_REQUEST_ABOUT = 3         /**< Requests about the person. */
} pm_request_role;

/** Filter of pm_feedback_request_list(): requests with a part still requested. */
#define PM_REQUEST_OPEN 0x1u
/** Filter of pm_feedback_request_list(): requests with a part submitted. */
#define PM_REQUEST_ANSWERED 0x2u
/** Filter of pm_feedback_request_list(): requests that have expired. */
#define PM_REQUEST_EXPIRED_ONLY 0x4u
/** Filter of pm_feedback_request_list(): every request. */
#define PM_REQUEST_ALL 0x7u

/**
 * Lists requests by creation, newest first. For #PM_REQUEST_ADDRESSED_TO,
 * the filters look at the person's own part.
 *
 * @param[out] out the iterator; free with pm_feedback_request_iter_free().
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param role how the person stands to the requests.
 * @param filter PM_REQUEST_* bits; a request is listed when it matches any.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_request_list(pm_feedback_request_iter **out,
                                              pm_session *session, pm_id person,
                                              pm_request_role role, unsigned int filter);

/**
 * Advances a request iterator.
 *
 * @param[out] out the next request, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_feedback_request_iter_next(pm_feedback_request **out,
                                                   pm_feedback_request_iter *iter);
/** Frees a request iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_feedback_request_iter_free(pm_feedback_request_iter *iter);
/** Frees a request snapshot; NULL is allowed. */
PM_EXTERN(void) pm_feedback_request_free(pm_feedback_request *request);

/** The request's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_feedback_request_id(const pm_feedback_request *request);
/** Who asked. */
PM_EXTERN(pm_id) pm_feedback_request_requester(const pm_feedback_request *request);
/** Whom the feedback is about. */
PM_EXTERN(pm_id) pm_feedback_request_subject(const pm_feedback_request *request);
/** The topic, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_feedback_request_topic(const pm_feedback_request *request);
/** The goal it is about, or 0. */
PM_EXTERN(pm_id) pm_feedback_request_goal(const pm_feedback_request *request);
/** The date to answer by. */
PM_EXTERN(pm_date) pm_feedback_request_due(const pm_feedback_request *request);
/** The last day it can be answered. */
PM_EXTERN(pm_date) pm_feedback_request_expires(const pm_feedback_request *request);
/** Days between repeats, or 0. */
PM_EXTERN(int) pm_feedback_request_repeat_days(const pm_feedback_request *request);
/** The request this one repeats, or 0. */
PM_EXTERN(pm_id) pm_feedback_request_previous(const pm_feedback_request *request);
/** When it was made. */
PM_EXTERN(pm_time) pm_feedback_request_created_at(const pm_feedback_request *request);
/** Number of addressees. */
PM_EXTERN(size_t) pm_feedback_request_count(const pm_feedback_request *request);
/** The addressee of part @p i (0-based), or 0 when out of range. */
PM_EXTERN(pm_id) pm_feedback_request_addressee(const pm_feedback_request *request, size_t i);
/** The state of part @p i as of when the snapshot was read; 0 when out of range. */
PM_EXTERN(pm_request_state) pm_feedback_request_state(const pm_feedback_request *request,
                                                      size_t i);
/** When part @p i was answered or declined, or 0. */
PM_EXTERN(pm_time) pm_feedback_request_answered_at(const pm_feedback_request *request,
                                                   size_t i);
/** The feedback that answered part @p i, or 0 (also when the session may not read it). */
PM_EXTERN(pm_id) pm_feedback_request_response(const pm_feedback_request *request, size_t i);

/* ---- Culture metrics ---------------------------------------------------- */

/** Version of #pm_feedback_stats_opts understood by this release. */
#define PM_FEEDBACK_STATS_OPTS_VERSION 1

/** The period and rules of pm_feedback_stats_person() and pm_feedback_stats_unit(). */
typedef struct pm_feedback_stats_opts {
    unsigned int version; /**< #PM_FEEDBACK_STATS_OPTS_VERSION. */
    pm_date from;         /**< First day; required. */
    pm_date to;           /**< Last day; required, not before from. */
    int quiet_days;       /**< "No feedback in N days" counts days up to @ref to; 1 to 3650; default 90. */
    int min_group;        /**< Unit numbers are suppressed below this many people; 3 to 10; default 5. */
} pm_feedback_stats_opts;

/** Initialiser for #pm_feedback_stats_opts. */
#define PM_FEEDBACK_STATS_OPTS_INIT \
    { PM_FEEDBACK_STATS_OPTS_VERSION, PM_DATE_NONE, PM_DATE_NONE, 90, 5 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_feedback_stats_opts_init(pm_feedback_stats_opts *opts,
                                                 unsigned int version);

/** Version of #pm_feedback_stats understood by this release. */
#define PM_FEEDBACK_STATS_VERSION 1

/**
 * Feedback-culture numbers for a person or a unit over a period. The caller
 * sets @ref version; the library fills the fields that version has.
 *
 * "Given" counts only named feedback: counting a person's anonymous
 * feedback would tell how much of it is theirs. "Received" counts all.
 */
typedef struct pm_feedback_stats {
    unsigned int version;                         /**< #PM_FEEDBACK_STATS_VERSION, set by the caller. */
    int suppressed;                               /**< Non-zero when the unit has fewer than min_group people: every count below is 0. */
    int people;                                   /**< People counted: 1, or the unit's members on @c to. */
    int given;                                    /**< Named feedback given in the period. */
    int received;                                 /**< Feedback received in the period. */
    int anonymous_received;                       /**< Of those received, anonymous. */
    int given_by_direction[PM_DIRECTION_SLOTS];   /**< given, by #pm_direction (slot 0 unused). */
    int received_by_direction[PM_DIRECTION_SLOTS]; /**< received, by #pm_direction (slot 0 unused; anonymous under #PM_DIRECTION_UNDISCLOSED). */
    int given_by_kind[PM_FEEDBACK_KIND_SLOTS];    /**< given, by #pm_feedback_kind (slot 0 unused). */
    int received_by_kind[PM_FEEDBACK_KIND_SLOTS]; /**< received, by #pm_feedback_kind (slot 0 unused). */
    int without_feedback;                         /**< People who received none in the quiet_days up to @c to. */
    double share_without_feedback;                /**< without_feedback / people, or 0. */
    int requests_addressed;                       /**< Request parts addressed to the people, made in the period. */
    int requests_answered;                        /**< Of those, submitted. */
    int requests_declined;                        /**< Of those, declined. */
    int requests_expired;                         /**< Of those, expired. */
    double response_rate;                         /**< answered / addressed, or 0. */
    double median_response_hours;                 /**< Median hours from request to answer, or 0 when none. */
} pm_feedback_stats;

/** Initialiser for #pm_feedback_stats. */
#define PM_FEEDBACK_STATS_INIT { PM_FEEDBACK_STATS_VERSION, 0, 0, 0, 0, 0, { 0 }, { 0 }, \
                                 { 0 }, { 0 }, 0, 0.0, 0, 0, 0, 0, 0.0, 0.0 }

/**
 * Feedback-culture numbers for one person (never suppressed).
 *
 * @param[out] out the numbers; its version set by the caller.
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param opts the period.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_stats_person(pm_feedback_stats *out, pm_session *session,
                                              pm_id person, const pm_feedback_stats_opts *opts);

/**
 * Feedback-culture numbers for the members of a unit and the units below it
 * on the period's last day, or the whole organisation (@p unit 0).
 * Suppressed when there are fewer than pm_feedback_stats_opts::min_group
 * people.
 *
 * @param[out] out the numbers; its version set by the caller.
 * @param session HR, the system, or a manager of everyone counted.
 * @param unit the unit, or 0 for every active person.
 * @param opts the period and the minimum group size.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_feedback_stats_unit(pm_feedback_stats *out, pm_session *session,
                                            pm_id unit, const pm_feedback_stats_opts *opts);

PM_END_DECL

/** @} */
#endif
