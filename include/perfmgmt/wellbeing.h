/**
 * @file perfmgmt/wellbeing.h
 * @brief Wellbeing: metrics, measurements, validated instruments, survey
 *        rounds, and aggregates that expose no individual.
 *
 * A metric has a scale (min, max), a direction (higher or lower is better),
 * a unit and optionally a reliability coefficient (used by evaluations to
 * tell reliable change). A measurement is one value of a metric for a
 * person at a time, from a survey, a check-in, a manual entry or an import.
 * Each measurement keeps the unit the person belonged to when it was taken,
 * so trends follow the organisation as it was.
 *
 * Built-in metrics and instruments, scored as published:
 * - WHO-5 Well-Being Index: five items 0-5; raw score 0-25; percentage =
 *   raw x 4; at or below 50 flags poor wellbeing, at or below 28 likely
 *   depression (a screen, not a diagnosis). The metric holds the percentage.
 * - eNPS: "how likely are you to recommend us as a place to work", 0-10;
 *   promoters 9-10, detractors 0-6; score = % promoters - % detractors.
 * - Copenhagen Burnout Inventory: items scored 0, 25, 50, 75, 100; each
 *   scale (personal, work-related, client-related) is the mean of its items.
 * - Check-in mood (1-5), recorded when a check-in is held with a mood.
 * Instruments whose licences restrict commercial use (UWES, MBI, WEMWBS)
 * are not built in: define their items as custom metrics.
 *
 * Privacy: a person's measurements and survey answers are theirs alone to
 * read; no function returns them to anyone else (not their manager, not HR,
 * not the system actor). Everyone else sees aggregates, suppressed below a
 * minimum group size (default 5, 3 to 10), with the differencing rule of
 * pm_wellbeing_aggregate().
 *
 * @defgroup wellbeing Wellbeing
 * @{
 */
#ifndef PERFMGMT_WELLBEING_H
#define PERFMGMT_WELLBEING_H

#include "db.h"

PM_BEGIN_DECL

/* ---- Metrics ---------------------------------------------------------- */

/** A snapshot of a metric definition. */
typedef struct pm_metric pm_metric;
/** An iterator over metrics. */
typedef struct pm_metric_iter pm_metric_iter;

/** Which way a metric improves. */
typedef enum pm_metric_direction {
    PM_HIGHER_IS_BETTER = 1, /**< More is better (wellbeing). */
    PM_LOWER_IS_BETTER = 2   /**< Less is better (burnout). */
} pm_metric_direction;

/** The metrics perfmgmt defines itself (pm_metric_builtin()). */
typedef enum pm_builtin_metric {
    PM_METRIC_WHO5 = 1,         /**< WHO-5 percentage, 0-100, higher is better. */
    PM_METRIC_ENPS = 2,         /**< eNPS answer, 0-10, higher is better. */
    PM_METRIC_CBI_PERSONAL = 3, /**< CBI personal burnout, 0-100, lower is better. */
    PM_METRIC_CBI_WORK = 4,     /**< CBI work-related burnout, 0-100, lower is better. */
    PM_METRIC_CBI_CLIENT = 5,   /**< CBI client-related burnout, 0-100, lower is better. */
    PM_METRIC_CHECKIN_MOOD = 6  /**< Mood given when a check-in is held, 1-5, higher is better. */
} pm_builtin_metric;

/** Most code points in a metric's name or unit. */
#define PM_METRIC_NAME_MAX 200

/** Version of #pm_metric_opts understood by this release. */
#define PM_METRIC_OPTS_VERSION 1

/** A metric definition, for pm_metric_create(). */
typedef struct pm_metric_opts {
    unsigned int version;          /**< #PM_METRIC_OPTS_VERSION. */
    const char *name;              /**< Required, single line, unique among metrics. */
    size_t name_len;               /**< Bytes in name, or 0 for NUL-terminated. */
    const char *unit;              /**< Optional unit ("points", "%"). */
    size_t unit_len;               /**< Bytes in unit, or 0 for NUL-terminated. */
    double min;                    /**< Lowest value; finite. */
    double max;                    /**< Highest value; finite, above min. */
    pm_metric_direction direction; /**< Default #PM_HIGHER_IS_BETTER. */
    double reliability;            /**< Test-retest or internal-consistency reliability in (0, 1), or 0 for unknown. */
} pm_metric_opts;

/** Initialiser for #pm_metric_opts. */
#define PM_METRIC_OPTS_INIT \
    { PM_METRIC_OPTS_VERSION, NULL, 0, NULL, 0, 0.0, 0.0, PM_HIGHER_IS_BETTER, 0.0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_metric_opts_init(pm_metric_opts *opts, unsigned int version);

/**
 * Defines a custom metric (a pulse item, or an item of an instrument that
 * is not built in).
 *
 * @param[out] out the metric's id; may be NULL.
 * @param session HR or the system.
 * @param opts the definition.
 * @return #PM_OK; #PM_EINVAL (blank name, a scale that is not finite or
 *         empty, bad direction, reliability outside (0, 1)); #PM_EUTF8;
 *         #PM_ERANGE; #PM_ECONFLICT (name); #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_metric_create(pm_id *out, pm_session *session,
                                      const pm_metric_opts *opts);

/**
 * The id of a built-in metric, defined in the store on first use.
 *
 * @param[out] out the metric's id.
 * @param session anyone.
 * @param which the metric.
 * @return #PM_OK, #PM_EINVAL, #PM_ESTORAGE (and #PM_EREADONLY on a
 *         read-only store that does not have it yet).
 */
PM_EXTERN(pm_status) pm_metric_builtin(pm_id *out, pm_session *session, pm_builtin_metric which);

/**
 * Reads a metric.
 *
 * @param[out] out the snapshot; free with pm_metric_free().
 * @param session anyone.
 * @param metric the metric.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_metric_get(pm_metric **out, pm_session *session, pm_id metric);

/**
 * Lists metrics by name.
 *
 * @param[out] out the iterator; free with pm_metric_iter_free().
 * @param session anyone.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_metric_list(pm_metric_iter **out, pm_session *session);

/**
 * Advances a metric iterator.
 *
 * @param[out] out the next metric, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_metric_iter_next(pm_metric **out, pm_metric_iter *iter);
/** Frees a metric iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_metric_iter_free(pm_metric_iter *iter);
/** Frees a metric snapshot; NULL is allowed. */
PM_EXTERN(void) pm_metric_free(pm_metric *metric);
/** The metric's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_metric_id(const pm_metric *metric);
/** The name, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_metric_name(const pm_metric *metric);
/** The unit, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_metric_unit(const pm_metric *metric);
/** Lowest value. */
PM_EXTERN(double) pm_metric_min(const pm_metric *metric);
/** Highest value. */
PM_EXTERN(double) pm_metric_max(const pm_metric *metric);
/** The direction; 0 for NULL. */
PM_EXTERN(pm_metric_direction) pm_metric_direction_get(const pm_metric *metric);
/** The reliability, or 0 when unknown. */
PM_EXTERN(double) pm_metric_reliability(const pm_metric *metric);
/** Which built-in metric it is, or 0 for a custom one. */
PM_EXTERN(int) pm_metric_builtin_kind(const pm_metric *metric);

/* ---- Measurements ------------------------------------------------------- */

/** A snapshot of a measurement. */
typedef struct pm_measurement pm_measurement;
/** An iterator over measurements. */
typedef struct pm_measurement_iter pm_measurement_iter;

/** Where a measurement came from. */
typedef enum pm_measurement_source {
    PM_MEASURED_BY_SURVEY = 1,  /**< A survey round's answer. */
    PM_MEASURED_AT_CHECKIN = 2, /**< A check-in's mood. */
    PM_MEASURED_MANUALLY = 3,   /**< Entered by the person. */
    PM_MEASURED_BY_IMPORT = 4   /**< Imported by the system actor or HR. */
} pm_measurement_source;

/** Version of #pm_measurement_opts understood by this release. */
#define PM_MEASUREMENT_OPTS_VERSION 1

/** A measurement, for pm_measurement_add(). */
typedef struct pm_measurement_opts {
    unsigned int version;          /**< #PM_MEASUREMENT_OPTS_VERSION. */
    pm_id person;                  /**< Whom it measures; required. */
    pm_id metric;                  /**< Required. */
    double value;                  /**< Inside the metric's scale; finite. */
    pm_time at;                    /**< When; 0 for now; not in the future. */
    pm_measurement_source source;  /**< #PM_MEASURED_MANUALLY (the person) or #PM_MEASURED_BY_IMPORT (HR, system). */
} pm_measurement_opts;

/** Initialiser for #pm_measurement_opts. */
#define PM_MEASUREMENT_OPTS_INIT \
    { PM_MEASUREMENT_OPTS_VERSION, 0, 0, 0.0, 0, PM_MEASURED_MANUALLY }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_measurement_opts_init(pm_measurement_opts *opts, unsigned int version);

/**
 * Records a measurement. Survey and check-in measurements are recorded by
 * pm_survey_respond() and pm_checkin_hold() only.
 *
 * @param[out] out the measurement's id; may be NULL.
 * @param session the person (manual), or HR or the system (import).
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (a value outside the scale, NaN or infinite, a
 *         time in the future, a source the session may not use, an inactive
 *         person); #PM_ENOTFOUND; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_measurement_add(pm_id *out, pm_session *session,
                                        const pm_measurement_opts *opts);

/**
 * Lists the session's person's own measurements of a metric in [from, to],
 * oldest first. Nobody else's measurements can be listed.
 *
 * @param[out] out the iterator; free with pm_measurement_iter_free().
 * @param session a person.
 * @param metric the metric, or 0 for all.
 * @param from first instant (inclusive), or 0.
 * @param to last instant (inclusive), or 0 for now.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM (the system actor), #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_measurement_list_mine(pm_measurement_iter **out, pm_session *session,
                                              pm_id metric, pm_time from, pm_time to);

/**
 * Advances a measurement iterator.
 *
 * @param[out] out the next measurement, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_measurement_iter_next(pm_measurement **out, pm_measurement_iter *iter);
/** Frees a measurement iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_measurement_iter_free(pm_measurement_iter *iter);
/** The measurement's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_measurement_id(const pm_measurement *measurement);
/** The metric. */
PM_EXTERN(pm_id) pm_measurement_metric(const pm_measurement *measurement);
/** The value. */
PM_EXTERN(double) pm_measurement_value(const pm_measurement *measurement);
/** When. */
PM_EXTERN(pm_time) pm_measurement_at(const pm_measurement *measurement);
/** The source; 0 for NULL. */
PM_EXTERN(pm_measurement_source) pm_measurement_source_get(const pm_measurement *measurement);
/** The unit the person was in then, or 0. */
PM_EXTERN(pm_id) pm_measurement_unit(const pm_measurement *measurement);

/* ---- Instrument scoring (pure) ------------------------------------------- */

/** A scored WHO-5 answer set. */
typedef struct pm_who5 {
    int raw;               /**< Sum of the five items, 0-25. */
    int percent;           /**< raw x 4, 0-100. */
    int poor_wellbeing;    /**< Non-zero when percent <= 50. */
    int depression_screen; /**< Non-zero when percent <= 28 (a screen, not a diagnosis). */
} pm_who5;

/**
 * Scores WHO-5.
 *
 * @param[out] out the score.
 * @param items the five item answers, each 0 to 5.
 * @return #PM_OK, #PM_EINVAL (NULL, an item outside 0-5).
 */
PM_EXTERN(pm_status) pm_who5_score(pm_who5 *out, const int items[5]);

/** An eNPS result. */
typedef struct pm_enps {
    int n;            /**< Answers. */
    int promoters;    /**< Answers of 9 or 10. */
    int passives;     /**< Answers of 7 or 8. */
    int detractors;   /**< Answers of 0 to 6. */
    double score;     /**< 100 x (promoters - detractors) / n, -100 to 100; 0 when n is 0. */
} pm_enps;

/**
 * Scores eNPS answers.
 *
 * @param[out] out the result.
 * @param answers the answers, each 0 to 10.
 * @param n number of answers (may be 0).
 * @return #PM_OK, #PM_EINVAL (NULL with n > 0, an answer outside 0-10).
 */
PM_EXTERN(pm_status) pm_enps_score(pm_enps *out, const int *answers, size_t n);

/**
 * Scores a Copenhagen Burnout Inventory scale: the mean of its items.
 *
 * @param[out] out the scale score, 0 to 100.
 * @param items the item scores, each 0, 25, 50, 75 or 100.
 * @param n number of items (at least 1).
 * @return #PM_OK, #PM_EINVAL (NULL, n 0, an item not on the 0/25/50/75/100 scale).
 */
PM_EXTERN(pm_status) pm_cbi_score(double *out, const int *items, size_t n);

/* ---- Survey rounds ------------------------------------------------------- */

/** A snapshot of a survey round. */
typedef struct pm_survey pm_survey;

/** Where a survey round stands. */
typedef enum pm_survey_state {
    PM_SURVEY_DRAFT = 1,  /**< Instruments and audience are being added. */
    PM_SURVEY_OPEN = 2,   /**< People answer (inside the window). */
    PM_SURVEY_CLOSED = 3  /**< Answering ended. */
} pm_survey_state;

/** What a survey asks: an instrument, scored into its metric. */
typedef enum pm_instrument {
    PM_INSTRUMENT_WHO5 = 1,         /**< Five items 0-5, into #PM_METRIC_WHO5. */
    PM_INSTRUMENT_ENPS = 2,         /**< One item 0-10, into #PM_METRIC_ENPS. */
    PM_INSTRUMENT_CBI_PERSONAL = 3, /**< Six items 0/25/50/75/100, into #PM_METRIC_CBI_PERSONAL. */
    PM_INSTRUMENT_CBI_WORK = 4,     /**< Seven items, into #PM_METRIC_CBI_WORK. */
    PM_INSTRUMENT_CBI_CLIENT = 5,   /**< Six items, into #PM_METRIC_CBI_CLIENT. */
    PM_INSTRUMENT_PULSE = 6         /**< One item on a custom metric's scale (whole numbers). */
} pm_instrument;

/** Most code points in a survey's title or a pulse question. */
#define PM_SURVEY_TEXT_MAX 500
/** Default anonymity threshold (minimum group size) of a survey. */
#define PM_SURVEY_THRESHOLD_DEFAULT 5

/** Version of #pm_survey_opts understood by this release. */
#define PM_SURVEY_OPTS_VERSION 1

/** The fields of a survey round, for pm_survey_create(). */
typedef struct pm_survey_opts {
    unsigned int version; /**< #PM_SURVEY_OPTS_VERSION. */
    const char *title;    /**< Required, single line. */
    size_t title_len;     /**< Bytes in title, or 0 for NUL-terminated. */
    pm_date opens;        /**< First day; #PM_DATE_NONE for today. */
    pm_date closes;       /**< Last day; required, not before opens. */
    int threshold;        /**< Minimum group size for its results; 3 to 10; default 5; frozen when it opens. */
    int repeat_days;      /**< Run again every N days (7 to 365: a pulse), or 0 for once. */
} pm_survey_opts;

/** Initialiser for #pm_survey_opts. */
#define PM_SURVEY_OPTS_INIT \
    { PM_SURVEY_OPTS_VERSION, NULL, 0, PM_DATE_NONE, PM_DATE_NONE, \
      PM_SURVEY_THRESHOLD_DEFAULT, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_survey_opts_init(pm_survey_opts *opts, unsigned int version);

/**
 * Creates a survey round as a draft.
 *
 * @param[out] out the survey's id; may be NULL.
 * @param session HR or the system.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (blank title, a window ending before it starts,
 *         a threshold outside 3-10, repeat out of range); #PM_EUTF8;
 *         #PM_ERANGE; #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_create(pm_id *out, pm_session *session,
                                      const pm_survey_opts *opts);

/**
 * Adds an instrument to a draft survey. A survey holds each built-in
 * instrument at most once and any number of pulse items.
 *
 * @param session HR or the system.
 * @param survey the survey (a draft).
 * @param instrument the instrument.
 * @param metric #PM_INSTRUMENT_PULSE: the custom metric it measures; otherwise 0.
 * @param text #PM_INSTRUMENT_PULSE: the question, single line; otherwise NULL.
 * @param text_len bytes in text, or 0 for NUL-terminated.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8, #PM_ERANGE, #PM_ENOTFOUND,
 *         #PM_ECONFLICT (the instrument is there already), #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_add_instrument(pm_session *session, pm_id survey,
                                              pm_instrument instrument, pm_id metric,
                                              const char *text, size_t text_len);

/**
 * Adds to a draft survey's audience: a unit with the units below it, or one
 * person (exactly one of the two non-zero).
 *
 * @param session HR or the system.
 * @param survey the survey (a draft).
 * @param unit a unit, or 0.
 * @param person a person, or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_add_audience(pm_session *session, pm_id survey, pm_id unit,
                                            pm_id person);

/**
 * Opens a draft survey: its instruments, threshold and audience (the active
 * people it reaches today, with their units) are frozen.
 *
 * @param session HR or the system.
 * @param survey the survey.
 * @return #PM_OK, #PM_EINVAL (not a draft, no instrument, nobody in the
 *         audience), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_open(pm_session *session, pm_id survey);

/**
 * Closes an open survey.
 *
 * @param session HR or the system.
 * @param survey the survey.
 * @return #PM_OK, #PM_EINVAL (not open), #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_close(pm_session *session, pm_id survey);

/** One answer to a survey item, for pm_survey_respond(). */
typedef struct pm_survey_answer {
    pm_instrument instrument; /**< The instrument. */
    pm_id metric;             /**< #PM_INSTRUMENT_PULSE: its metric; otherwise 0. */
    int item;                 /**< The item, from 1 (WHO-5 1-5, CBI 1-6 or 1-7, eNPS and pulse 1). */
    int value;                /**< The answer, on the instrument's item scale. */
} pm_survey_answer;

/**
 * Answers a survey, once: every item of each instrument the person answers
 * must be given (instruments left out are skipped). Each instrument's score
 * becomes a measurement of its metric, source survey.
 *
 * @param session a person in the survey's audience.
 * @param survey the survey (open, today inside its window).
 * @param answers the answers.
 * @param nanswers number of answers (at least 1).
 * @return #PM_OK; #PM_EINVAL (not open or outside the window, answered
 *         already, an instrument the survey does not hold, an item missing
 *         or repeated, a value outside the item scale); #PM_ENOTFOUND;
 *         #PM_EPERM (not in the audience); #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_respond(pm_session *session, pm_id survey,
                                       const pm_survey_answer *answers, size_t nanswers);

/**
 * Creates the next round of every repeating survey whose period has come
 * by @p date (same instruments and audience, opened on its first day), and
 * closes the round it follows. Calling it again the same day creates nothing.
 *
 * @param[out] created how many rounds were created; may be NULL.
 * @param session HR or the system.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_renew(int *created, pm_session *session, pm_date date);

/**
 * Reads a survey.
 *
 * @param[out] out the snapshot; free with pm_survey_free().
 * @param session anyone (whether the session's person answered is theirs to know).
 * @param survey the survey.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_get(pm_survey **out, pm_session *session, pm_id survey);
/** Frees a survey snapshot; NULL is allowed. */
PM_EXTERN(void) pm_survey_free(pm_survey *survey);
/** The survey's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_survey_id(const pm_survey *survey);
/** The title, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_survey_title(const pm_survey *survey);
/** The state; 0 for NULL. */
PM_EXTERN(pm_survey_state) pm_survey_state_get(const pm_survey *survey);
/** First day. */
PM_EXTERN(pm_date) pm_survey_opens(const pm_survey *survey);
/** Last day. */
PM_EXTERN(pm_date) pm_survey_closes(const pm_survey *survey);
/** The threshold. */
PM_EXTERN(int) pm_survey_threshold(const pm_survey *survey);
/** Days between rounds, or 0. */
PM_EXTERN(int) pm_survey_repeat_days(const pm_survey *survey);
/** The round it follows, or 0. */
PM_EXTERN(pm_id) pm_survey_previous(const pm_survey *survey);
/** People in the frozen audience (0 while a draft). */
PM_EXTERN(int) pm_survey_invited(const pm_survey *survey);
/** People who answered. */
PM_EXTERN(int) pm_survey_responded(const pm_survey *survey);
/** Non-zero when the session's person answered it. */
PM_EXTERN(int) pm_survey_answered_by_me(const pm_survey *survey);

/** One unit's response rate (pm_survey_response_rates()). */
typedef struct pm_response_rate pm_response_rate;
/** An iterator over response rates. */
typedef struct pm_response_rate_iter pm_response_rate_iter;

/**
 * The response rate of each unit of a survey's frozen audience (by the unit
 * each person was in when it opened; people without a unit under unit 0),
 * by unit id. A unit with fewer invited people than the threshold is
 * suppressed; and since the survey's totals are public
 * (pm_survey_invited(), pm_survey_responded()), when the suppressed units
 * together hold from 1 to threshold - 1 people, the smallest shown unit is
 * suppressed too, until the hidden group reaches the threshold.
 *
 * @param[out] out the iterator; free with pm_response_rate_iter_free().
 * @param session HR or the system.
 * @param survey the survey (open or closed).
 * @return #PM_OK, #PM_EINVAL (a draft), #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_response_rates(pm_response_rate_iter **out, pm_session *session,
                                              pm_id survey);

/**
 * Advances a response-rate iterator.
 *
 * @param[out] out the next rate, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_response_rate_iter_next(pm_response_rate **out,
                                                pm_response_rate_iter *iter);
/** Frees a response-rate iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_response_rate_iter_free(pm_response_rate_iter *iter);
/** The unit (0 for people without one). */
PM_EXTERN(pm_id) pm_response_rate_unit(const pm_response_rate *rate);
/** Non-zero when suppressed: the counts below are then 0. */
PM_EXTERN(int) pm_response_rate_suppressed(const pm_response_rate *rate);
/** People invited. */
PM_EXTERN(int) pm_response_rate_invited(const pm_response_rate *rate);
/** People who answered. */
PM_EXTERN(int) pm_response_rate_responded(const pm_response_rate *rate);
/** responded / invited. */
PM_EXTERN(double) pm_response_rate_value(const pm_response_rate *rate);

/**
 * The session's person's own answers to a survey, item by item, in
 * instrument then item order; nobody else's can be read.
 *
 * @param[out] out the answers, allocated; free with pm_free(); NULL when none.
 * @param[out] n number of answers.
 * @param session a person.
 * @param survey the survey.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM (the system actor), #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_survey_my_answers(pm_survey_answer **out, size_t *n,
                                          pm_session *session, pm_id survey);

/* ---- Aggregates ------------------------------------------------------------ */

/** Version of #pm_aggregate understood by this release. */
#define PM_AGGREGATE_VERSION 1

/** A metric's aggregate over a group; the caller sets @ref version. */
typedef struct pm_aggregate {
    unsigned int version; /**< #PM_AGGREGATE_VERSION, set by the caller. */
    int suppressed;       /**< Non-zero when hidden: the numbers below are then 0. */
    int people;           /**< People with a measurement. */
    int n;                /**< Measurements. */
    double mean;          /**< Mean of the measurements. */
    double sd;            /**< Sample standard deviation of the measurements (0 below 2). */
} pm_aggregate;

/** Initialiser for #pm_aggregate. */
#define PM_AGGREGATE_INIT { PM_AGGREGATE_VERSION, 0, 0, 0, 0.0, 0.0 }

/**
 * A metric's aggregate over the measurements taken in [from, to] of the
 * people who were in a unit or a unit below it when measured (@p unit 0:
 * everyone). Suppressed when fewer than @p min_group people are counted,
 * and by the differencing rule: when some unit below @p unit has at least
 * @p min_group people counted while the rest of @p unit (its people not in
 * that unit) number from 1 to @p min_group - 1, the larger group is
 * suppressed, because subtracting the two would describe the few.
 *
 * @param[out] out the aggregate; its version set by the caller.
 * @param session HR, the system, or someone above everyone counted.
 * @param metric the metric.
 * @param unit the unit, or 0 for the whole organisation.
 * @param from first instant (inclusive).
 * @param to last instant (inclusive), after from.
 * @param min_group minimum group size, 3 to 10 (0 for the default 5).
 * @return #PM_OK, #PM_EINVAL (bad period, min_group outside 3-10),
 *         #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_wellbeing_aggregate(pm_aggregate *out, pm_session *session,
                                            pm_id metric, pm_id unit, pm_time from, pm_time to,
                                            int min_group);

PM_END_DECL

/** @} */
#endif
