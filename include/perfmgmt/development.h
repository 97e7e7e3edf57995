/**
 * @file perfmgmt/development.h
 * @brief Development plans with typed items, and internal training and
 *        coaching programmes with enrolments.
 *
 * A plan belongs to one person for one period (plans of a person do not
 * overlap; pm_plan_copy_forward() starts the next one from the last). It
 * records strengths, development areas linked to competencies, career
 * ambitions (a target role and free text) and items: formal training,
 * coaching, mentoring, stretch projects, cross-functional teams,
 * on-the-job learning, self-study, and wellbeing and balance. An item has a
 * state, dates, a weight, links to competencies and a goal, an optional
 * mentor or coach, notes, and (wellbeing items) a target on a wellbeing
 * metric. Plan progress is the weighted share of items done (cancelled
 * items left out), with the overdue items counted.
 *
 * A programme is internal training or coaching: a kind, the competencies it
 * targets, a capacity, and sessions with dates. People are invited and
 * enrolled; enrolling adds an item to the person's plan, completing marks
 * it done and dropping out cancels it.
 *
 * Access: a plan is read and changed by its person, their manager chain, HR
 * admins and the system actor; a mentor or coach reads the items they
 * mentor (pm_plan_item_list_mentored()). HR and the system run programmes;
 * a person may enrol themself into a programme they were invited to, and
 * their manager chain may enrol them.
 *
 * @defgroup development Development plans and programmes
 * @{
 */
#ifndef PERFMGMT_DEVELOPMENT_H
#define PERFMGMT_DEVELOPMENT_H

#include "competency.h"

PM_BEGIN_DECL

/* ---- Plans --------------------------------------------------------------- */

/** A snapshot of a development plan. */
typedef struct pm_plan pm_plan;
/** An iterator over plans. */
typedef struct pm_plan_iter pm_plan_iter;

/** Most code points in a plan's or an item's text fields. */
#define PM_PLAN_TEXT_MAX 10000
/** Most code points in an item's title. */
#define PM_PLAN_TITLE_MAX 200

/** Version of #pm_plan_opts understood by this release. */
#define PM_PLAN_OPTS_VERSION 1

/** The fields of a plan, for pm_plan_create() and pm_plan_update(). */
typedef struct pm_plan_opts {
    unsigned int version;    /**< #PM_PLAN_OPTS_VERSION. */
    pm_id person;            /**< Whose plan; active; required (ignored by pm_plan_update()). */
    pm_date start;           /**< First day; #PM_DATE_NONE for today. */
    pm_date end;             /**< Last day; required, not before start. */
    const char *strengths;   /**< Optional. */
    size_t strengths_len;    /**< Bytes in strengths, or 0 for NUL-terminated. */
    const char *ambitions;   /**< Career ambitions, free text; optional. */
    size_t ambitions_len;    /**< Bytes in ambitions, or 0 for NUL-terminated. */
    pm_id target_role;       /**< The role the person aspires to, or 0. */
} pm_plan_opts;

/** Initialiser for #pm_plan_opts. */
#define PM_PLAN_OPTS_INIT \
    { PM_PLAN_OPTS_VERSION, 0, PM_DATE_NONE, PM_DATE_NONE, NULL, 0, NULL, 0, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_plan_opts_init(pm_plan_opts *opts, unsigned int version);

/**
 * Creates a plan.
 *
 * @param[out] out the plan's id; may be NULL.
 * @param session the person, someone above them, HR or the system.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (bad period, inactive person); #PM_EUTF8;
 *         #PM_ERANGE; #PM_ENOTFOUND (person, target role); #PM_ECONFLICT
 *         (overlaps another plan of the person); #PM_EPERM; #PM_EVERSION;
 *         #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_create(pm_id *out, pm_session *session, const pm_plan_opts *opts);

/** Field flag of pm_plan_update(): the period (start, end). */
#define PM_PLAN_FIELD_PERIOD 0x1u
/** Field flag of pm_plan_update(): strengths. */
#define PM_PLAN_FIELD_STRENGTHS 0x2u
/** Field flag of pm_plan_update(): ambitions. */
#define PM_PLAN_FIELD_AMBITIONS 0x4u
/** Field flag of pm_plan_update(): the target role. */
#define PM_PLAN_FIELD_TARGET_ROLE 0x8u

/**
 * Changes the flagged fields of a plan.
 *
 * @param session the person, someone above them, HR or the system.
 * @param plan the plan.
 * @param opts the new values.
 * @param fields PM_PLAN_FIELD_* flags; 0 changes nothing.
 * @return as pm_plan_create(), and #PM_EINVAL (an item due before the new
 *         start).
 */
PM_EXTERN(pm_status) pm_plan_update(pm_session *session, pm_id plan, const pm_plan_opts *opts,
                                    unsigned int fields);

/**
 * Starts the next plan of a person from an earlier one: a copy of its
 * strengths, ambitions, target role and development areas, and of its items
 * that are planned or in progress (kept in their state, dates moved into
 * the new period when they fall before it).
 *
 * @param[out] out the new plan's id; may be NULL.
 * @param session the person, someone above them, HR or the system.
 * @param plan the plan to copy.
 * @param start the new plan's first day (after the copied plan's end).
 * @param end the new plan's last day.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ECONFLICT, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_copy_forward(pm_id *out, pm_session *session, pm_id plan,
                                          pm_date start, pm_date end);

/**
 * Adds a development area (a competency to grow in) to a plan, or changes
 * its note when the plan has it already.
 *
 * @param session the person, someone above them, HR or the system.
 * @param plan the plan.
 * @param competency the competency.
 * @param note optional (may be NULL).
 * @param note_len bytes in note, or 0 for NUL-terminated.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8, #PM_ERANGE, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_add_area(pm_session *session, pm_id plan, pm_id competency,
                                      const char *note, size_t note_len);

/**
 * Reads a plan.
 *
 * @param[out] out the snapshot; free with pm_plan_free().
 * @param session the person, someone above them, HR or the system.
 * @param plan the plan.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_get(pm_plan **out, pm_session *session, pm_id plan);

/**
 * Lists a person's plans by start date.
 *
 * @param[out] out the iterator; free with pm_plan_iter_free().
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_list(pm_plan_iter **out, pm_session *session, pm_id person);

/**
 * The plan of a person that covers a date.
 *
 * @param[out] out the plan, or 0 when none covers it.
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_current(pm_id *out, pm_session *session, pm_id person,
                                     pm_date date);

/**
 * Advances a plan iterator.
 *
 * @param[out] out the next plan, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_plan_iter_next(pm_plan **out, pm_plan_iter *iter);
/** Frees a plan iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_plan_iter_free(pm_plan_iter *iter);
/** Frees a plan snapshot; NULL is allowed. */
PM_EXTERN(void) pm_plan_free(pm_plan *plan);
/** The plan's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_plan_id(const pm_plan *plan);
/** Whose plan. */
PM_EXTERN(pm_id) pm_plan_person(const pm_plan *plan);
/** First day. */
PM_EXTERN(pm_date) pm_plan_start(const pm_plan *plan);
/** Last day. */
PM_EXTERN(pm_date) pm_plan_end(const pm_plan *plan);
/** Strengths, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_plan_strengths(const pm_plan *plan);
/** Career ambitions, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_plan_ambitions(const pm_plan *plan);
/** The target role, or 0. */
PM_EXTERN(pm_id) pm_plan_target_role(const pm_plan *plan);
/** The plan it was copied from, or 0. */
PM_EXTERN(pm_id) pm_plan_previous(const pm_plan *plan);
/** Number of development areas. */
PM_EXTERN(size_t) pm_plan_area_count(const pm_plan *plan);
/** The competency of area @p i (0-based, in the order added), or 0 when out of range. */
PM_EXTERN(pm_id) pm_plan_area_competency(const pm_plan *plan, size_t i);
/** The note of area @p i, borrowed; "" when none; NULL when out of range. */
PM_EXTERN(const char *) pm_plan_area_note(const pm_plan *plan, size_t i);

/* ---- Items ---------------------------------------------------------------- */

/** A snapshot of a plan item. */
typedef struct pm_plan_item pm_plan_item;
/** An iterator over plan items. */
typedef struct pm_plan_item_iter pm_plan_item_iter;

/** What a plan item is. */
typedef enum pm_item_kind {
    PM_ITEM_TRAINING = 1,          /**< A formal training or course. */
    PM_ITEM_COACHING = 2,          /**< Coaching. */
    PM_ITEM_MENTORING = 3,         /**< Mentoring. */
    PM_ITEM_STRETCH_PROJECT = 4,   /**< A stretch project. */
    PM_ITEM_CROSS_FUNCTIONAL = 5,  /**< Work in a cross-functional team. */
    PM_ITEM_ON_THE_JOB = 6,        /**< On-the-job learning. */
    PM_ITEM_SELF_STUDY = 7,        /**< Self-study. */
    PM_ITEM_WELLBEING = 8          /**< Wellbeing and balance. */
} pm_item_kind;

/** Where a plan item stands. */
typedef enum pm_item_state {
    PM_ITEM_PLANNED = 1,     /**< Not started. */
    PM_ITEM_IN_PROGRESS = 2, /**< Under way. */
    PM_ITEM_DONE = 3,        /**< Done. */
    PM_ITEM_CANCELLED = 4    /**< Dropped (left out of progress). */
} pm_item_state;

/** Most competencies one item links to. */
#define PM_ITEM_COMPETENCIES_MAX 20

/** Version of #pm_plan_item_opts understood by this release. */
#define PM_PLAN_ITEM_OPTS_VERSION 1

/** The fields of an item, for pm_plan_item_add(). */
typedef struct pm_plan_item_opts {
    unsigned int version;        /**< #PM_PLAN_ITEM_OPTS_VERSION. */
    pm_item_kind kind;           /**< Required. */
    const char *title;           /**< Required, single line, up to #PM_PLAN_TITLE_MAX code points. */
    size_t title_len;            /**< Bytes in title, or 0 for NUL-terminated. */
    const char *notes;           /**< Optional. */
    size_t notes_len;            /**< Bytes in notes, or 0 for NUL-terminated. */
    pm_date start;               /**< First day, or #PM_DATE_NONE; not before the plan's start. */
    pm_date due;                 /**< Due day, or #PM_DATE_NONE; not before the plan's start nor the item's start. */
    double weight;               /**< Weight in plan progress; > 0; default 1. */
    pm_id mentor;                /**< A mentor or coach (not the plan's person), or 0. */
    const pm_id *competencies;   /**< Competencies it develops (up to #PM_ITEM_COMPETENCIES_MAX, distinct), or NULL. */
    size_t ncompetencies;        /**< Number of competencies. */
    pm_id goal;                  /**< A goal of the person it serves, or 0. */
    pm_id metric;                /**< Wellbeing items: a wellbeing metric to move, or 0. */
    double metric_target;        /**< Wellbeing items with a metric: the target value. */
} pm_plan_item_opts;

/** Initialiser for #pm_plan_item_opts. */
#define PM_PLAN_ITEM_OPTS_INIT \
    { PM_PLAN_ITEM_OPTS_VERSION, 0, NULL, 0, NULL, 0, PM_DATE_NONE, PM_DATE_NONE, 1.0, 0, \
      NULL, 0, 0, 0, 0.0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_plan_item_opts_init(pm_plan_item_opts *opts, unsigned int version);

/**
 * Adds an item to a plan, planned.
 *
 * @param[out] out the item's id; may be NULL.
 * @param session the person, someone above them, HR or the system.
 * @param plan the plan.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (bad kind, blank title, dates before the plan
 *         starts or a due date before the start, weight not positive, the
 *         person as their own mentor, a metric on an item that is not a
 *         wellbeing item, repeated competencies); #PM_EUTF8; #PM_ERANGE;
 *         #PM_ENOTFOUND (plan, mentor, competency, goal, metric); #PM_EPERM;
 *         #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_item_add(pm_id *out, pm_session *session, pm_id plan,
                                      const pm_plan_item_opts *opts);

/**
 * Moves an item to a state: planned -> in progress -> done; planned or in
 * progress -> cancelled; done or cancelled -> in progress (reopened).
 *
 * @param session the person, someone above them, HR or the system.
 * @param item the item.
 * @param state the new state.
 * @param date the day it happened (done: the day done); #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL (a move the table does not allow, an item of a
 *         programme enrolment: use the programme calls), #PM_ENOTFOUND,
 *         #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_item_set_state(pm_session *session, pm_id item,
                                            pm_item_state state, pm_date date);

/**
 * Lists a plan's items by due date (items without one last), then id.
 *
 * @param[out] out the iterator; free with pm_plan_item_iter_free().
 * @param session the person, someone above them, HR or the system.
 * @param plan the plan.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_item_list(pm_plan_item_iter **out, pm_session *session,
                                       pm_id plan);

/**
 * Lists the items a person mentors or coaches, in any plan, by due date.
 *
 * @param[out] out the iterator; free with pm_plan_item_iter_free().
 * @param session the mentor, someone above them, HR or the system.
 * @param mentor the mentor.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_item_list_mentored(pm_plan_item_iter **out, pm_session *session,
                                                pm_id mentor);

/**
 * Advances an item iterator.
 *
 * @param[out] out the next item, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_plan_item_iter_next(pm_plan_item **out, pm_plan_item_iter *iter);
/** Frees an item iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_plan_item_iter_free(pm_plan_item_iter *iter);
/** The item's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_plan_item_id(const pm_plan_item *item);
/** Its plan. */
PM_EXTERN(pm_id) pm_plan_item_plan(const pm_plan_item *item);
/** The kind; 0 for NULL. */
PM_EXTERN(pm_item_kind) pm_plan_item_kind(const pm_plan_item *item);
/** The title, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_plan_item_title(const pm_plan_item *item);
/** The notes, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_plan_item_notes(const pm_plan_item *item);
/** The state; 0 for NULL. */
PM_EXTERN(pm_item_state) pm_plan_item_state(const pm_plan_item *item);
/** First day, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_plan_item_start(const pm_plan_item *item);
/** Due day, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_plan_item_due(const pm_plan_item *item);
/** The day it was done, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_plan_item_done_on(const pm_plan_item *item);
/** The weight. */
PM_EXTERN(double) pm_plan_item_weight(const pm_plan_item *item);
/** The mentor or coach, or 0. */
PM_EXTERN(pm_id) pm_plan_item_mentor(const pm_plan_item *item);
/** Number of linked competencies. */
PM_EXTERN(size_t) pm_plan_item_competency_count(const pm_plan_item *item);
/** Linked competency @p i (0-based), or 0 when out of range. */
PM_EXTERN(pm_id) pm_plan_item_competency(const pm_plan_item *item, size_t i);
/** The goal it serves, or 0. */
PM_EXTERN(pm_id) pm_plan_item_goal(const pm_plan_item *item);
/** Wellbeing items: the metric, or 0. */
PM_EXTERN(pm_id) pm_plan_item_metric(const pm_plan_item *item);
/** Wellbeing items: the metric's target value. */
PM_EXTERN(double) pm_plan_item_metric_target(const pm_plan_item *item);
/** The programme it enrols the person in, or 0. */
PM_EXTERN(pm_id) pm_plan_item_programme(const pm_plan_item *item);

/** Version of #pm_plan_progress understood by this release. */
#define PM_PLAN_PROGRESS_VERSION 1

/** How far a plan has come; the caller sets @ref version. */
typedef struct pm_plan_progress {
    unsigned int version; /**< #PM_PLAN_PROGRESS_VERSION, set by the caller. */
    int items;            /**< Items not cancelled. */
    int done;             /**< Of those, done. */
    int overdue;          /**< Of those, not done with a due day before the date. */
    double share_done;    /**< Weight of the items done / weight of the items not cancelled; 0 when none. */
} pm_plan_progress;

/** Initialiser for #pm_plan_progress. */
#define PM_PLAN_PROGRESS_INIT { PM_PLAN_PROGRESS_VERSION, 0, 0, 0, 0.0 }

/**
 * A plan's progress on a date.
 *
 * @param[out] out the progress; its version set by the caller.
 * @param session the person, someone above them, HR or the system.
 * @param plan the plan.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_plan_progress_get(pm_plan_progress *out, pm_session *session,
                                          pm_id plan, pm_date date);

/* ---- Programmes ------------------------------------------------------------ */

/** A snapshot of a programme. */
typedef struct pm_programme pm_programme;
/** An iterator over programmes. */
typedef struct pm_programme_iter pm_programme_iter;

/** What a programme is. */
typedef enum pm_programme_kind {
    PM_PROGRAMME_TRAINING = 1, /**< Training; enrolling adds a training item. */
    PM_PROGRAMME_COACHING = 2  /**< Coaching; enrolling adds a coaching item. */
} pm_programme_kind;

/** Most competencies one programme targets. */
#define PM_PROGRAMME_COMPETENCIES_MAX 20

/** Version of #pm_programme_opts understood by this release. */
#define PM_PROGRAMME_OPTS_VERSION 1

/** The fields of a programme, for pm_programme_create(). */
typedef struct pm_programme_opts {
    unsigned int version;       /**< #PM_PROGRAMME_OPTS_VERSION. */
    const char *name;           /**< Required, single line, unique among programmes. */
    size_t name_len;            /**< Bytes in name, or 0 for NUL-terminated. */
    pm_programme_kind kind;     /**< Default #PM_PROGRAMME_TRAINING. */
    const char *description;    /**< Optional. */
    size_t description_len;     /**< Bytes in description, or 0 for NUL-terminated. */
    int capacity;               /**< Most people enrolled or completed at once; 0 for no limit. */
    const pm_id *competencies;  /**< The competencies it targets (1 to #PM_PROGRAMME_COMPETENCIES_MAX, distinct). */
    size_t ncompetencies;       /**< Number of competencies. */
} pm_programme_opts;

/** Initialiser for #pm_programme_opts. */
#define PM_PROGRAMME_OPTS_INIT \
    { PM_PROGRAMME_OPTS_VERSION, NULL, 0, PM_PROGRAMME_TRAINING, NULL, 0, 0, NULL, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_programme_opts_init(pm_programme_opts *opts, unsigned int version);

/**
 * Creates a programme.
 *
 * @param[out] out the programme's id; may be NULL.
 * @param session HR or the system.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (blank name, bad kind, negative capacity, no or
 *         repeated competencies); #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND
 *         (competency); #PM_ECONFLICT (name); #PM_EPERM; #PM_EVERSION;
 *         #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_create(pm_id *out, pm_session *session,
                                         const pm_programme_opts *opts);

/**
 * Adds a session (a dated meeting) to a programme.
 *
 * @param session HR or the system.
 * @param programme the programme.
 * @param on the session's day.
 * @param title optional (may be NULL).
 * @param title_len bytes in title, or 0 for NUL-terminated.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8, #PM_ERANGE, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_add_session(pm_session *session, pm_id programme, pm_date on,
                                              const char *title, size_t title_len);

/**
 * Reads a programme.
 *
 * @param[out] out the snapshot; free with pm_programme_free().
 * @param session anyone.
 * @param programme the programme.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_get(pm_programme **out, pm_session *session,
                                      pm_id programme);

/**
 * Lists programmes by name.
 *
 * @param[out] out the iterator; free with pm_programme_iter_free().
 * @param session anyone.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_list(pm_programme_iter **out, pm_session *session);

/**
 * Advances a programme iterator.
 *
 * @param[out] out the next programme, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_programme_iter_next(pm_programme **out, pm_programme_iter *iter);
/** Frees a programme iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_programme_iter_free(pm_programme_iter *iter);
/** Frees a programme snapshot; NULL is allowed. */
PM_EXTERN(void) pm_programme_free(pm_programme *programme);
/** The programme's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_programme_id(const pm_programme *programme);
/** The name, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_programme_name(const pm_programme *programme);
/** The kind; 0 for NULL. */
PM_EXTERN(pm_programme_kind) pm_programme_kind_get(const pm_programme *programme);
/** The description, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_programme_description(const pm_programme *programme);
/** The capacity; 0 for no limit. */
PM_EXTERN(int) pm_programme_capacity(const pm_programme *programme);
/** People enrolled or completed (the seats taken). */
PM_EXTERN(int) pm_programme_seats_taken(const pm_programme *programme);
/** Number of targeted competencies. */
PM_EXTERN(size_t) pm_programme_competency_count(const pm_programme *programme);
/** Targeted competency @p i (0-based), or 0 when out of range. */
PM_EXTERN(pm_id) pm_programme_competency(const pm_programme *programme, size_t i);
/** Number of sessions. */
PM_EXTERN(size_t) pm_programme_session_count(const pm_programme *programme);
/** The day of session @p i (0-based, by date), or #PM_DATE_NONE when out of range. */
PM_EXTERN(pm_date) pm_programme_session_date(const pm_programme *programme, size_t i);
/** The title of session @p i, borrowed; "" when none; NULL when out of range. */
PM_EXTERN(const char *) pm_programme_session_title(const pm_programme *programme, size_t i);

/* ---- Enrolments ------------------------------------------------------------ */

/** A snapshot of a person's enrolment in a programme. */
typedef struct pm_enrolment pm_enrolment;
/** An iterator over enrolments. */
typedef struct pm_enrolment_iter pm_enrolment_iter;

/** Where an enrolment stands. */
typedef enum pm_enrolment_state {
    PM_ENROLMENT_INVITED = 1,   /**< Invited, not yet enrolled (takes no seat). */
    PM_ENROLMENT_ENROLLED = 2,  /**< Enrolled (takes a seat). */
    PM_ENROLMENT_COMPLETED = 3, /**< Completed (keeps its seat). */
    PM_ENROLMENT_DROPPED = 4    /**< Dropped out (frees its seat). */
} pm_enrolment_state;

/** How an enrolment ended. */
typedef enum pm_enrolment_result {
    PM_RESULT_PENDING = 1, /**< Not decided yet. */
    PM_RESULT_PASSED = 2,  /**< Passed. */
    PM_RESULT_FAILED = 3,  /**< Failed. */
    PM_RESULT_ABSENT = 4   /**< Did not attend. */
} pm_enrolment_result;

/**
 * Invites a person to a programme.
 *
 * @param session HR or the system.
 * @param programme the programme.
 * @param person the person; active.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ECONFLICT (already invited
 *         or enrolled), #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_invite(pm_session *session, pm_id programme, pm_id person);

/**
 * Enrols a person (invited or not) in a programme and adds an item for it
 * to their plan that covers today.
 *
 * @param[out] item the plan item's id; may be NULL.
 * @param session HR, the system, someone above the person, or the person when invited.
 * @param programme the programme.
 * @param person the person; active, with a plan covering today.
 * @return #PM_OK; #PM_EINVAL (no plan covers today, the programme is full);
 *         #PM_ENOTFOUND; #PM_ECONFLICT (already enrolled or completed);
 *         #PM_EPERM; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_enrol(pm_id *item, pm_session *session, pm_id programme,
                                        pm_id person);

/**
 * Completes an enrolment with a result and marks its plan item done.
 *
 * @param session HR or the system.
 * @param programme the programme.
 * @param person an enrolled person.
 * @param result #PM_RESULT_PASSED, #PM_RESULT_FAILED or #PM_RESULT_ABSENT.
 * @param date the day completed, neither before the enrolment nor after
 *        today; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL (not enrolled, bad result, a day before the
 *         enrolment or in the future), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_complete(pm_session *session, pm_id programme, pm_id person,
                                           pm_enrolment_result result, pm_date date);

/**
 * Drops a person out of a programme (invited or enrolled) and cancels their
 * plan item.
 *
 * @param session HR, the system, someone above the person, or the person.
 * @param programme the programme.
 * @param person the person.
 * @return #PM_OK, #PM_EINVAL (completed or dropped already), #PM_ENOTFOUND,
 *         #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_drop(pm_session *session, pm_id programme, pm_id person);

/**
 * Lists a programme's enrolments (every state) by person id.
 *
 * @param[out] out the iterator; free with pm_enrolment_iter_free().
 * @param session HR or the system.
 * @param programme the programme.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_participants(pm_enrolment_iter **out, pm_session *session,
                                               pm_id programme);

/**
 * Advances an enrolment iterator.
 *
 * @param[out] out the next enrolment, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_enrolment_iter_next(pm_enrolment **out, pm_enrolment_iter *iter);
/** Frees an enrolment iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_enrolment_iter_free(pm_enrolment_iter *iter);
/** The person. */
PM_EXTERN(pm_id) pm_enrolment_person(const pm_enrolment *enrolment);
/** The programme. */
PM_EXTERN(pm_id) pm_enrolment_programme(const pm_enrolment *enrolment);
/** The state; 0 for NULL. */
PM_EXTERN(pm_enrolment_state) pm_enrolment_state_get(const pm_enrolment *enrolment);
/** The result; 0 for NULL. */
PM_EXTERN(pm_enrolment_result) pm_enrolment_result_get(const pm_enrolment *enrolment);
/** The day invited, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_enrolment_invited_on(const pm_enrolment *enrolment);
/** The day enrolled, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_enrolment_enrolled_on(const pm_enrolment *enrolment);
/** The day completed or dropped, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_enrolment_ended_on(const pm_enrolment *enrolment);
/** The plan item made on enrolling, or 0. */
PM_EXTERN(pm_id) pm_enrolment_item(const pm_enrolment *enrolment);

/** Version of #pm_programme_stats understood by this release. */
#define PM_PROGRAMME_STATS_VERSION 1

/** A programme's numbers; the caller sets @ref version. */
typedef struct pm_programme_stats {
    unsigned int version;   /**< #PM_PROGRAMME_STATS_VERSION, set by the caller. */
    int invited;            /**< Invited and not (yet) enrolled. */
    int enrolled;           /**< Enrolled, not completed. */
    int completed;          /**< Completed. */
    int dropped;            /**< Dropped out. */
    int passed;             /**< Completed and passed. */
    double completion_rate; /**< completed / (enrolled + completed + dropped), or 0. */
} pm_programme_stats;

/** Initialiser for #pm_programme_stats. */
#define PM_PROGRAMME_STATS_INIT { PM_PROGRAMME_STATS_VERSION, 0, 0, 0, 0, 0, 0.0 }

/**
 * A programme's participation and completion numbers.
 *
 * @param[out] out the numbers; its version set by the caller.
 * @param session HR or the system.
 * @param programme the programme.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_stats_get(pm_programme_stats *out, pm_session *session,
                                            pm_id programme);

/** One person who needs a programme (pm_programme_candidates()). */
typedef struct pm_candidate pm_candidate;
/** An iterator over candidates. */
typedef struct pm_candidate_iter pm_candidate_iter;

/**
 * The people who need a programme: active people whose gap (against the
 * role they hold on @p date, by @p rule) in one of its competencies is at
 * least @p min_gap, by largest gap then person id. Those enrolled or who
 * completed it are left out.
 *
 * @param[out] out the iterator; free with pm_candidate_iter_free().
 * @param session HR or the system.
 * @param programme the programme.
 * @param min_gap the smallest gap that counts (> 0).
 * @param date #PM_DATE_NONE for today.
 * @param rule the level rule, or NULL for the default.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_programme_candidates(pm_candidate_iter **out, pm_session *session,
                                             pm_id programme, double min_gap, pm_date date,
                                             const pm_level_rule *rule);

/**
 * Advances a candidate iterator.
 *
 * @param[out] out the next candidate, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_candidate_iter_next(pm_candidate **out, pm_candidate_iter *iter);
/** Frees a candidate iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_candidate_iter_free(pm_candidate_iter *iter);
/** The person. */
PM_EXTERN(pm_id) pm_candidate_person(const pm_candidate *candidate);
/** The programme competency with the largest gap. */
PM_EXTERN(pm_id) pm_candidate_competency(const pm_candidate *candidate);
/** That gap (required - current). */
PM_EXTERN(double) pm_candidate_gap(const pm_candidate *candidate);

PM_END_DECL

/** @} */
#endif
