/**
 * @file perfmgmt/goal.h
 * @brief Goals with key results, progress history, alignment and health.
 *
 * A goal belongs to a person (its owner) or to an org unit (then the owner is
 * the person answerable for it). It has a period, a kind, a state, a weight,
 * a visibility and optionally a parent goal it contributes to: goals form
 * alignment trees, never cycles.
 *
 * Key results make a goal measurable: each moves from a baseline towards a
 * target (upwards or downwards: the direction follows from baseline versus
 * target), with optional commit and stretch levels. A milestone is a key
 * result that is either done or not. A goal without key results is tracked
 * by a manual progress value.
 *
 * Progress is append-only history: every update records who, when, the new
 * value, a comment and a confidence, so progress as of any date can be
 * answered. The computed figures (pm_goal_evaluate()):
 * - key result progress = (current - baseline) / (target - baseline),
 *   clamped to 0..1 (this works for decreasing targets too);
 * - goal progress = the weight-normalised mean of its key results and of its
 *   child goals (archived and cancelled children excluded); with neither,
 *   the manual progress;
 * - expected progress = the share of the period elapsed; health compares it
 *   with actual progress: a shortfall of at most 16.5 percentage points is
 *   on track, at most 33 at risk, more is off track (both settable);
 * - stale: no progress update for a number of days (default 14).
 *
 * Access: the owner and the owner's manager chain read and edit; HR admins
 * and the system actor too. Others read a goal when its visibility allows:
 * #PM_VISIBILITY_UNIT opens it to the members of the goal's unit (the owner's
 * unit for a person's goal), #PM_VISIBILITY_PUBLIC to everyone.
 *
 * @defgroup goal Goals
 * @{
 */
#ifndef PERFMGMT_GOAL_H
#define PERFMGMT_GOAL_H

#include "db.h"

PM_BEGIN_DECL

/** A snapshot of one goal. */
typedef struct pm_goal pm_goal;
/** An iterator over goals. */
typedef struct pm_goal_iter pm_goal_iter;
/** A snapshot of one key result. */
typedef struct pm_key_result pm_key_result;
/** An iterator over key results. */
typedef struct pm_key_result_iter pm_key_result_iter;
/** A snapshot of one progress update. */
typedef struct pm_progress pm_progress;
/** An iterator over progress updates. */
typedef struct pm_progress_iter pm_progress_iter;

/** What a goal is for. */
typedef enum pm_goal_kind {
    PM_GOAL_PERFORMANCE = 1, /**< Results expected in the role. */
    PM_GOAL_DEVELOPMENT = 2, /**< Growth of the person. */
    PM_GOAL_CORRECTIVE = 3   /**< A corrective action, often linked to the check-in that led to it. */
} pm_goal_kind;

/**
 * Where a goal stands. Allowed moves: draft to active or cancelled; active
 * to completed or cancelled; completed back to active (reopened) or to
 * archived; cancelled to archived.
 */
typedef enum pm_goal_state {
    PM_GOAL_DRAFT = 1,     /**< Being written; not yet tracked. */
    PM_GOAL_ACTIVE = 2,    /**< Being worked on. */
    PM_GOAL_COMPLETED = 3, /**< Done. */
    PM_GOAL_CANCELLED = 4, /**< Dropped. */
    PM_GOAL_ARCHIVED = 5   /**< Kept for the record only. */
} pm_goal_state;

/** Who besides the owner, the owner's manager chain and HR may read a goal. */
typedef enum pm_visibility {
    PM_VISIBILITY_PRIVATE = 1, /**< No one else. */
    PM_VISIBILITY_UNIT = 2,    /**< The members of the goal's unit. */
    PM_VISIBILITY_PUBLIC = 3   /**< Everyone in the organisation. */
} pm_visibility;

/** A goal's health: actual against expected progress. */
typedef enum pm_health {
    PM_HEALTH_NONE = 0,      /**< Not tracked: the goal is not active. */
    PM_HEALTH_ON_TRACK = 1,  /**< Shortfall within the on-track threshold. */
    PM_HEALTH_AT_RISK = 2,   /**< Shortfall within the at-risk threshold. */
    PM_HEALTH_OFF_TRACK = 3  /**< Shortfall beyond both. */
} pm_health;

/** Most code points in a goal or key result title. */
#define PM_GOAL_TITLE_MAX 200
/** Most code points in a goal description or a progress comment. */
#define PM_GOAL_TEXT_MAX 10000
/** Most code points in a key result's unit ("%", "EUR", "tickets"). */
#define PM_KEY_RESULT_UNIT_MAX 32

/** Version of #pm_goal_opts understood by this release. */
#define PM_GOAL_OPTS_VERSION 2

/** The fields of a goal, for pm_goal_create() and pm_goal_update(). */
typedef struct pm_goal_opts {
    unsigned int version;     /**< #PM_GOAL_OPTS_VERSION. */
    pm_id owner;              /**< The owner (or, for a unit goal, the person answerable); active. Required. */
    pm_id unit;               /**< Non-zero makes it a goal of this unit. */
    const char *title;        /**< Required; single line; up to #PM_GOAL_TITLE_MAX code points. */
    size_t title_len;         /**< Bytes in title, or 0 for NUL-terminated. */
    const char *description;  /**< Optional; up to #PM_GOAL_TEXT_MAX code points. */
    size_t description_len;   /**< Bytes in description, or 0 for NUL-terminated. */
    pm_goal_kind kind;        /**< Default #PM_GOAL_PERFORMANCE. */
    pm_date start;            /**< First day; #PM_DATE_NONE for today. */
    pm_date due;              /**< Last day; required, not before start. */
    double weight;            /**< Weight among its siblings when rolled up; >= 0; default 1. */
    pm_visibility visibility; /**< Default #PM_VISIBILITY_PRIVATE. */
    pm_id parent;             /**< The goal this one contributes to, or 0. */
    pm_id source_checkin;     /**< For a corrective action: the check-in that led to it, or 0. */
    pm_id source_feedback;    /**< Version 2: for a corrective action, the feedback that led to it (readable by the session), or 0. */
} pm_goal_opts;

/** Initialiser for #pm_goal_opts. */
#define PM_GOAL_OPTS_INIT \
    { PM_GOAL_OPTS_VERSION, 0, 0, NULL, 0, NULL, 0, PM_GOAL_PERFORMANCE, PM_DATE_NONE, \
      PM_DATE_NONE, 1.0, PM_VISIBILITY_PRIVATE, 0, 0, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_goal_opts_init(pm_goal_opts *opts, unsigned int version);

/**
 * Creates a goal, in state #PM_GOAL_DRAFT.
 *
 * @param[out] out the new goal's id; may be NULL.
 * @param session who is acting: the owner, someone above them, an HR admin or the system.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (missing title or due date, due before start,
 *         negative weight, an owner who has left, unknown kind or
 *         visibility); #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND (owner, unit,
 *         parent, check-in); #PM_ECYCLE; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_create(pm_id *out, pm_session *session, const pm_goal_opts *opts);

/** pm_goal_update() field: the title. */
#define PM_GOAL_FIELD_TITLE 0x01u
/** pm_goal_update() field: the description. */
#define PM_GOAL_FIELD_DESCRIPTION 0x02u
/** pm_goal_update() field: start and due dates. */
#define PM_GOAL_FIELD_PERIOD 0x04u
/** pm_goal_update() field: the weight. */
#define PM_GOAL_FIELD_WEIGHT 0x08u
/** pm_goal_update() field: the visibility. */
#define PM_GOAL_FIELD_VISIBILITY 0x10u
/** pm_goal_update() field: the parent goal (0 detaches it). */
#define PM_GOAL_FIELD_PARENT 0x20u
/** pm_goal_update() field: the kind. */
#define PM_GOAL_FIELD_KIND 0x40u

/**
 * Changes the fields of a goal named in @p fields, taking their values from
 * @p opts (owner and unit cannot change).
 *
 * @param session who is acting.
 * @param goal the goal.
 * @param opts the new values.
 * @param fields PM_GOAL_FIELD_* flags; 0 changes nothing.
 * @return as for pm_goal_create(), plus #PM_ENOTFOUND for the goal.
 */
PM_EXTERN(pm_status) pm_goal_update(pm_session *session, pm_id goal, const pm_goal_opts *opts,
                                    unsigned int fields);

/**
 * Moves a goal to another state (see #pm_goal_state for the allowed moves).
 *
 * @param session who is acting.
 * @param goal the goal.
 * @param state the new state.
 * @return #PM_OK, #PM_EINVAL (a move that is not allowed, named in the
 *         message), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_set_state(pm_session *session, pm_id goal, pm_goal_state state);

/**
 * Reads a goal.
 *
 * @param[out] out the snapshot; free with pm_goal_free().
 * @param session who is acting.
 * @param goal the goal.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_get(pm_goal **out, pm_session *session, pm_id goal);

/** Frees a goal snapshot; NULL is allowed. */
PM_EXTERN(void) pm_goal_free(pm_goal *goal);
/** The goal's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_goal_id(const pm_goal *goal);
/** The owner (or the person answerable for a unit goal). */
PM_EXTERN(pm_id) pm_goal_owner(const pm_goal *goal);
/** The unit of a unit goal, or 0. */
PM_EXTERN(pm_id) pm_goal_unit(const pm_goal *goal);
/** The title, borrowed from @p goal; NULL for NULL. */
PM_EXTERN(const char *) pm_goal_title(const pm_goal *goal);
/** The description, borrowed from @p goal; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_goal_description(const pm_goal *goal);
/** The kind; 0 for NULL. */
PM_EXTERN(pm_goal_kind) pm_goal_kind_get(const pm_goal *goal);
/** The state; 0 for NULL. */
PM_EXTERN(pm_goal_state) pm_goal_state_get(const pm_goal *goal);
/** The first day. */
PM_EXTERN(pm_date) pm_goal_start(const pm_goal *goal);
/** The last day. */
PM_EXTERN(pm_date) pm_goal_due(const pm_goal *goal);
/** The weight. */
PM_EXTERN(double) pm_goal_weight(const pm_goal *goal);
/** The visibility; 0 for NULL. */
PM_EXTERN(pm_visibility) pm_goal_visibility(const pm_goal *goal);
/** The parent goal, or 0. */
PM_EXTERN(pm_id) pm_goal_parent(const pm_goal *goal);
/** The check-in that led to a corrective action, or 0. */
PM_EXTERN(pm_id) pm_goal_source_checkin(const pm_goal *goal);
/** For a corrective action: the feedback that led to it, or 0. Its giver
 *  may have retracted it since: the id then no longer resolves. */
PM_EXTERN(pm_id) pm_goal_source_feedback(const pm_goal *goal);
/** When the goal was created. */
PM_EXTERN(pm_time) pm_goal_created_at(const pm_goal *goal);
/** Who created the goal (0 for the system actor). */
PM_EXTERN(pm_id) pm_goal_created_by(const pm_goal *goal);
/** When the goal last changed. */
PM_EXTERN(pm_time) pm_goal_updated_at(const pm_goal *goal);
/** Who last changed the goal (0 for the system actor). */
PM_EXTERN(pm_id) pm_goal_updated_by(const pm_goal *goal);

/** Kind of key result. */
typedef enum pm_key_result_kind {
    PM_KEY_RESULT_NUMERIC = 1,  /**< A number moving from baseline to target. */
    PM_KEY_RESULT_MILESTONE = 2 /**< Done (1) or not (0); baseline 0, target 1. */
} pm_key_result_kind;

/** Where a key result's current value lands, when commit or stretch levels are set. */
typedef enum pm_zone {
    PM_ZONE_NONE = 0,    /**< No commit or stretch level set. */
    PM_ZONE_FAIL = 1,    /**< Short of the commit level. */
    PM_ZONE_COMMIT = 2,  /**< At or past commit, short of target. */
    PM_ZONE_TARGET = 3,  /**< At or past target, short of stretch. */
    PM_ZONE_STRETCH = 4  /**< At or past stretch. */
} pm_zone;

/** Version of #pm_key_result_opts understood by this release. */
#define PM_KEY_RESULT_OPTS_VERSION 1

/** The fields of a key result, for pm_key_result_add(). */
typedef struct pm_key_result_opts {
    unsigned int version;      /**< #PM_KEY_RESULT_OPTS_VERSION. */
    const char *title;         /**< Required; single line; up to #PM_GOAL_TITLE_MAX code points. */
    size_t title_len;          /**< Bytes in title, or 0 for NUL-terminated. */
    pm_key_result_kind kind;   /**< Default #PM_KEY_RESULT_NUMERIC. */
    double baseline;           /**< Where it starts (numeric only); finite. */
    double target;             /**< Where it should get to; finite and not equal to baseline. */
    const char *unit;          /**< Optional unit of the values; up to #PM_KEY_RESULT_UNIT_MAX code points. */
    size_t unit_len;           /**< Bytes in unit, or 0 for NUL-terminated. */
    double weight;             /**< Weight within the goal; >= 0; default 1. */
    int has_commit;            /**< Non-zero when @ref commit is set. */
    double commit;             /**< The level committed to: between baseline and target. */
    int has_stretch;           /**< Non-zero when @ref stretch is set. */
    double stretch;            /**< The stretch level: beyond target. */
} pm_key_result_opts;

/** Initialiser for #pm_key_result_opts. */
#define PM_KEY_RESULT_OPTS_INIT \
    { PM_KEY_RESULT_OPTS_VERSION, NULL, 0, PM_KEY_RESULT_NUMERIC, 0.0, 0.0, NULL, 0, 1.0, \
      0, 0.0, 0, 0.0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_key_result_opts_init(pm_key_result_opts *opts, unsigned int version);

/**
 * Adds a key result to a goal. Its current value starts at the baseline.
 *
 * @param[out] out the new key result's id; may be NULL.
 * @param session who is acting.
 * @param goal the goal.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (target equal to baseline, a value that is not
 *         finite, negative weight, commit not between baseline and target,
 *         stretch not beyond target); #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND;
 *         #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_key_result_add(pm_id *out, pm_session *session, pm_id goal,
                                       const pm_key_result_opts *opts);

/**
 * Removes a key result and its progress history.
 *
 * @param session who is acting.
 * @param key_result the key result.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_key_result_remove(pm_session *session, pm_id key_result);

/**
 * Lists a goal's key results in the order they were added.
 *
 * @param[out] out the iterator; free with pm_key_result_iter_free().
 * @param session who is acting.
 * @param goal the goal.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_key_result_list(pm_key_result_iter **out, pm_session *session, pm_id goal);

/**
 * Advances a key result iterator.
 *
 * @param[out] out the next key result, borrowed until the next call or
 *             pm_key_result_iter_free().
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_key_result_iter_next(pm_key_result **out, pm_key_result_iter *iter);
/** Frees a key result iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_key_result_iter_free(pm_key_result_iter *iter);

/** The key result's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_key_result_id(const pm_key_result *kr);
/** The goal it belongs to. */
PM_EXTERN(pm_id) pm_key_result_goal(const pm_key_result *kr);
/** The title, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_key_result_title(const pm_key_result *kr);
/** Numeric or milestone; 0 for NULL. */
PM_EXTERN(pm_key_result_kind) pm_key_result_kind_get(const pm_key_result *kr);
/** The baseline. */
PM_EXTERN(double) pm_key_result_baseline(const pm_key_result *kr);
/** The target. */
PM_EXTERN(double) pm_key_result_target(const pm_key_result *kr);
/** The current value (the latest progress update, else the baseline). */
PM_EXTERN(double) pm_key_result_current(const pm_key_result *kr);
/** The unit, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_key_result_unit(const pm_key_result *kr);
/** The weight. */
PM_EXTERN(double) pm_key_result_weight(const pm_key_result *kr);
/** Non-zero when a commit level is set; it goes to @p commit (may be NULL). */
PM_EXTERN(int) pm_key_result_commit(const pm_key_result *kr, double *commit);
/** Non-zero when a stretch level is set; it goes to @p stretch (may be NULL). */
PM_EXTERN(int) pm_key_result_stretch(const pm_key_result *kr, double *stretch);
/** Progress of the current value, 0 to 1. */
PM_EXTERN(double) pm_key_result_progress(const pm_key_result *kr);
/** The zone of the current value. */
PM_EXTERN(pm_zone) pm_key_result_zone(const pm_key_result *kr);

/** Version of #pm_progress_opts understood by this release. */
#define PM_PROGRESS_OPTS_VERSION 1

/** Confidence value meaning "not given". */
#define PM_CONFIDENCE_NONE (-1)

/** A progress update, for pm_progress_add(). */
typedef struct pm_progress_opts {
    unsigned int version; /**< #PM_PROGRESS_OPTS_VERSION. */
    double value;         /**< The new value: of the key result, or the goal's manual progress (0 to 1). */
    int confidence;       /**< 0 to 10, or #PM_CONFIDENCE_NONE. */
    const char *comment;  /**< Optional; up to #PM_GOAL_TEXT_MAX code points. */
    size_t comment_len;   /**< Bytes in comment, or 0 for NUL-terminated. */
} pm_progress_opts;

/** Initialiser for #pm_progress_opts. */
#define PM_PROGRESS_OPTS_INIT { PM_PROGRESS_OPTS_VERSION, 0.0, PM_CONFIDENCE_NONE, NULL, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_progress_opts_init(pm_progress_opts *opts, unsigned int version);

/**
 * Records progress, stamped with the store's clock and the acting person.
 * History is never rewritten: each update is a new entry.
 *
 * @param[out] out the update's id; may be NULL.
 * @param session who is acting.
 * @param goal the goal.
 * @param key_result one of the goal's key results, or 0 for the goal's manual
 *        progress (allowed only while it has no key results).
 * @param opts the update. A milestone takes 0 or 1; manual progress 0 to 1.
 * @return #PM_OK; #PM_EINVAL (value not finite or out of its range,
 *         confidence outside 0..10, a key result of another goal, manual
 *         progress on a goal with key results, a goal that is not active);
 *         #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_progress_add(pm_id *out, pm_session *session, pm_id goal,
                                     pm_id key_result, const pm_progress_opts *opts);

/**
 * Lists a goal's progress history (of its key results and manual progress),
 * oldest first.
 *
 * @param[out] out the iterator; free with pm_progress_iter_free().
 * @param session who is acting.
 * @param goal the goal.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_progress_list(pm_progress_iter **out, pm_session *session, pm_id goal);

/**
 * Advances a progress iterator.
 *
 * @param[out] out the next update, borrowed until the next call or
 *             pm_progress_iter_free().
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_progress_iter_next(pm_progress **out, pm_progress_iter *iter);
/** Frees a progress iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_progress_iter_free(pm_progress_iter *iter);

/** The update's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_progress_id(const pm_progress *p);
/** The goal. */
PM_EXTERN(pm_id) pm_progress_goal(const pm_progress *p);
/** The key result, or 0 for manual progress. */
PM_EXTERN(pm_id) pm_progress_key_result(const pm_progress *p);
/** The value recorded. */
PM_EXTERN(double) pm_progress_value(const pm_progress *p);
/** The confidence, or #PM_CONFIDENCE_NONE. */
PM_EXTERN(int) pm_progress_confidence(const pm_progress *p);
/** The comment, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_progress_comment(const pm_progress *p);
/** When it was recorded. */
PM_EXTERN(pm_time) pm_progress_at(const pm_progress *p);
/** Who recorded it (0 for the system actor). */
PM_EXTERN(pm_id) pm_progress_by(const pm_progress *p);

/** Version of #pm_health_opts understood by this release. */
#define PM_HEALTH_OPTS_VERSION 1

/** Thresholds for health and staleness. */
typedef struct pm_health_opts {
    unsigned int version;   /**< #PM_HEALTH_OPTS_VERSION. */
    double on_track;        /**< Largest shortfall (expected - actual, 0..1) still on track; default 0.165. */
    double at_risk;         /**< Largest shortfall still at risk; default 0.33; >= on_track. */
    int stale_days;         /**< Days without an update that make a goal stale; default 14; >= 1. */
} pm_health_opts;

/** Initialiser for #pm_health_opts. */
#define PM_HEALTH_OPTS_INIT { PM_HEALTH_OPTS_VERSION, 0.165, 0.33, 14 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_health_opts_init(pm_health_opts *opts, unsigned int version);

/** Version of #pm_goal_status understood by this release. */
#define PM_GOAL_STATUS_VERSION 1

/**
 * A goal's computed standing on a date. The caller sets @ref version; the
 * library fills the fields that version has.
 */
typedef struct pm_goal_status {
    unsigned int version;  /**< #PM_GOAL_STATUS_VERSION, set by the caller. */
    double progress;       /**< Actual progress, 0 to 1. */
    double expected;       /**< Expected progress for the time elapsed, 0 to 1. */
    pm_health health;      /**< Health (#PM_HEALTH_NONE unless active). */
    int stale;             /**< Non-zero when no update came in the stale period. */
    int overdue;           /**< Non-zero when active past its due date. */
    pm_date last_update;   /**< Day of the latest update, or #PM_DATE_NONE. */
} pm_goal_status;

/** Initialiser for #pm_goal_status. */
#define PM_GOAL_STATUS_INIT { PM_GOAL_STATUS_VERSION, 0.0, 0.0, PM_HEALTH_NONE, 0, 0, PM_DATE_NONE }

/**
 * Computes a goal's progress, health, staleness and overdue flag as of the
 * end of @p date, from the progress history up to then.
 *
 * @param[out] out the result; its version set by the caller.
 * @param session who is acting.
 * @param goal the goal.
 * @param date the day; #PM_DATE_NONE for today.
 * @param opts thresholds, or NULL for the defaults.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_evaluate(pm_goal_status *out, pm_session *session, pm_id goal,
                                      pm_date date, const pm_health_opts *opts);

/** Flag for goal lists: include archived and cancelled goals. */
#define PM_GOAL_INCLUDE_CLOSED 0x1u

/**
 * Lists the goals a person owns (not unit goals they answer for), by due date.
 * Goals the actor may not read are left out.
 *
 * @param[out] out the iterator; free with pm_goal_iter_free().
 * @param session who is acting.
 * @param person the owner.
 * @param flags #PM_GOAL_INCLUDE_CLOSED or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_list_person(pm_goal_iter **out, pm_session *session, pm_id person,
                                         unsigned int flags);

/**
 * Lists a unit's goals, by due date. Goals the actor may not read are left out.
 *
 * @param[out] out the iterator; free with pm_goal_iter_free().
 * @param session who is acting.
 * @param unit the unit.
 * @param flags #PM_GOAL_INCLUDE_CLOSED or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_list_unit(pm_goal_iter **out, pm_session *session, pm_id unit,
                                       unsigned int flags);

/**
 * Lists the alignment tree under a goal, depth first, children by due date;
 * pm_goal_iter_depth() tells each goal's depth (1 for children). Goals the
 * actor may not read are left out with everything under them.
 *
 * @param[out] out the iterator; free with pm_goal_iter_free().
 * @param session who is acting.
 * @param goal the root (not listed itself); the actor must be able to read it.
 * @param flags #PM_GOAL_INCLUDE_CLOSED or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_tree(pm_goal_iter **out, pm_session *session, pm_id goal,
                                  unsigned int flags);

/**
 * Lists the active goals of a manager's people (direct and indirect reports
 * on @p date) that are at risk, off track or overdue on that date, by owner
 * name then due date.
 *
 * @param[out] out the iterator; free with pm_goal_iter_free().
 * @param session who is acting: the manager, someone above them, HR or the system.
 * @param manager the manager.
 * @param date the day; #PM_DATE_NONE for today.
 * @param opts thresholds, or NULL for the defaults.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_goal_list_attention(pm_goal_iter **out, pm_session *session,
                                            pm_id manager, pm_date date,
                                            const pm_health_opts *opts);

/**
 * Advances a goal iterator.
 *
 * @param[out] out the next goal, borrowed until the next call or pm_goal_iter_free().
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_goal_iter_next(pm_goal **out, pm_goal_iter *iter);

/**
 * The depth of the goal last returned by a pm_goal_tree() iterator (1 for
 * the root's children); 0 for other iterators.
 *
 * @param iter the iterator; NULL gives 0.
 */
PM_EXTERN(int) pm_goal_iter_depth(const pm_goal_iter *iter);

/** Frees a goal iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_goal_iter_free(pm_goal_iter *iter);

PM_END_DECL

/** @} */
#endif
