/**
 * @file perfmgmt/competency.h
 * @brief Competencies, proficiency scales, role profiles, assessments and
 *        competence gaps.
 *
 * A framework is built from proficiency scales (named levels with
 * descriptions; frameworks may use different scales), competencies (each on
 * one scale, with a category and a description) and roles, whose profiles
 * give the level each competency requires. People hold roles from a date.
 *
 * Assessments record a person's level in a competency on a date, by source
 * (self, manager, 360) and assessor; history is kept, so the level held on
 * any date is answerable. An assessment round pairs a person's self
 * assessment with their manager's: each side's assessments in the round are
 * blind to the other until both sides have submitted, then both are released
 * together.
 *
 * The current level of a person in a competency on a date follows a rule
 * (#pm_level_rule): by default the latest manager assessment, else the latest
 * self assessment, else the latest 360 assessment; or a weighted mean of the
 * latest assessment from each source. Unreleased round assessments never
 * count.
 *
 * Gaps: per person, required minus current level for each competency of a
 * role (the one held on the date, or a target role), and a role-match score
 * (the mean over the role's competencies of min(2 x required, current) /
 * required); per unit or organisation, per competency: people with the
 * requirement, how many are assessed, how many are below it, and the mean
 * shortfall, on a date and on an earlier date for comparison.
 *
 * Access: HR admins and the system actor build the framework and assign
 * roles; everyone reads it. Assessments of a person are read by the person,
 * their manager chain, HR and the system (blind rounds apart); a person
 * assesses themself (source self), someone above them assesses as manager,
 * HR and the system record 360 results.
 *
 * @defgroup competency Competencies and gaps
 * @{
 */
#ifndef PERFMGMT_COMPETENCY_H
#define PERFMGMT_COMPETENCY_H

#include "db.h"

PM_BEGIN_DECL

/* ---- Scales ------------------------------------------------------------ */

/** A snapshot of a proficiency scale with its levels. */
typedef struct pm_scale pm_scale;

/** Most code points in a name (scale, level, competency, category, role). */
#define PM_COMPETENCY_NAME_MAX 200
/** Most code points in a description. */
#define PM_COMPETENCY_TEXT_MAX 4000
/** Most levels in one scale. */
#define PM_SCALE_LEVELS_MAX 20

/** Version of #pm_scale_opts understood by this release. */
#define PM_SCALE_OPTS_VERSION 1

/** A scale and its levels, for pm_scale_create(). */
typedef struct pm_scale_opts {
    unsigned int version;                   /**< #PM_SCALE_OPTS_VERSION. */
    const char *name;                       /**< Required, single line, unique among scales. */
    size_t name_len;                        /**< Bytes in name, or 0 for NUL-terminated. */
    int min_level;                          /**< Lowest level (0 to 100); default 1. */
    int max_level;                          /**< Highest level (min_level + 1 to min_level + #PM_SCALE_LEVELS_MAX - 1, at most 100). */
    const char *const *level_names;         /**< Required: max_level - min_level + 1 names, lowest first, NUL-terminated, distinct. */
    const char *const *level_descriptions;  /**< Optional: as many descriptions (an entry may be NULL), or NULL. */
} pm_scale_opts;

/** Initialiser for #pm_scale_opts. */
#define PM_SCALE_OPTS_INIT { PM_SCALE_OPTS_VERSION, NULL, 0, 1, 0, NULL, NULL }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_scale_opts_init(pm_scale_opts *opts, unsigned int version);

/**
 * Creates a proficiency scale with its levels.
 *
 * @param[out] out the scale's id; may be NULL.
 * @param session HR or the system.
 * @param opts the scale.
 * @return #PM_OK; #PM_EINVAL (blank or duplicate level names, bad range,
 *         missing names); #PM_EUTF8; #PM_ERANGE; #PM_ECONFLICT (a scale of
 *         that name exists); #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_scale_create(pm_id *out, pm_session *session, const pm_scale_opts *opts);

/**
 * Reads a scale.
 *
 * @param[out] out the snapshot; free with pm_scale_free().
 * @param session anyone.
 * @param scale the scale.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_scale_get(pm_scale **out, pm_session *session, pm_id scale);
/** Frees a scale snapshot; NULL is allowed. */
PM_EXTERN(void) pm_scale_free(pm_scale *scale);
/** The scale's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_scale_id(const pm_scale *scale);
/** The scale's name, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_scale_name(const pm_scale *scale);
/** The lowest level. */
PM_EXTERN(int) pm_scale_min_level(const pm_scale *scale);
/** The highest level. */
PM_EXTERN(int) pm_scale_max_level(const pm_scale *scale);
/** The name of @p level, borrowed; NULL outside the scale. */
PM_EXTERN(const char *) pm_scale_level_name(const pm_scale *scale, int level);
/** The description of @p level, borrowed; NULL when none or outside the scale. */
PM_EXTERN(const char *) pm_scale_level_description(const pm_scale *scale, int level);

/* ---- Competencies ------------------------------------------------------ */

/** A snapshot of a competency. */
typedef struct pm_competency pm_competency;
/** An iterator over competencies. */
typedef struct pm_competency_iter pm_competency_iter;

/** Version of #pm_competency_opts understood by this release. */
#define PM_COMPETENCY_OPTS_VERSION 1

/** A competency, for pm_competency_create(). */
typedef struct pm_competency_opts {
    unsigned int version;     /**< #PM_COMPETENCY_OPTS_VERSION. */
    const char *name;         /**< Required, single line, unique within its category. */
    size_t name_len;          /**< Bytes in name, or 0 for NUL-terminated. */
    const char *category;     /**< Required, single line (e.g. "Leadership"). */
    size_t category_len;      /**< Bytes in category, or 0 for NUL-terminated. */
    const char *description;  /**< Optional. */
    size_t description_len;   /**< Bytes in description, or 0 for NUL-terminated. */
    pm_id scale;              /**< Required: the scale its levels are on. */
} pm_competency_opts;

/** Initialiser for #pm_competency_opts. */
#define PM_COMPETENCY_OPTS_INIT \
    { PM_COMPETENCY_OPTS_VERSION, NULL, 0, NULL, 0, NULL, 0, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_competency_opts_init(pm_competency_opts *opts, unsigned int version);

/**
 * Creates a competency.
 *
 * @param[out] out the competency's id; may be NULL.
 * @param session HR or the system.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL; #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND (scale);
 *         #PM_ECONFLICT (same name in the category); #PM_EPERM;
 *         #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_competency_create(pm_id *out, pm_session *session,
                                          const pm_competency_opts *opts);

/**
 * Reads a competency.
 *
 * @param[out] out the snapshot; free with pm_competency_free().
 * @param session anyone.
 * @param competency the competency.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_competency_get(pm_competency **out, pm_session *session,
                                       pm_id competency);

/**
 * Lists competencies by category, then name.
 *
 * @param[out] out the iterator; free with pm_competency_iter_free().
 * @param session anyone.
 * @param category only this category (NUL-terminated), or NULL for all.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8 (a category that is not UTF-8),
 *         #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_competency_list(pm_competency_iter **out, pm_session *session,
                                        const char *category);

/**
 * Advances a competency iterator.
 *
 * @param[out] out the next competency, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_competency_iter_next(pm_competency **out, pm_competency_iter *iter);
/** Frees a competency iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_competency_iter_free(pm_competency_iter *iter);
/** Frees a competency snapshot; NULL is allowed. */
PM_EXTERN(void) pm_competency_free(pm_competency *competency);
/** The competency's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_competency_id(const pm_competency *competency);
/** The name, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_competency_name(const pm_competency *competency);
/** The category, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_competency_category(const pm_competency *competency);
/** The description, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_competency_description(const pm_competency *competency);
/** The scale. */
PM_EXTERN(pm_id) pm_competency_scale(const pm_competency *competency);

/* ---- Roles -------------------------------------------------------------- */

/** A snapshot of a role with its profile. */
typedef struct pm_role pm_role;
/** An iterator over roles. */
typedef struct pm_role_iter pm_role_iter;

/**
 * Creates a role with an empty profile.
 *
 * @param[out] out the role's id; may be NULL.
 * @param session HR or the system.
 * @param name required, single line, unique among roles.
 * @param name_len bytes in name, or 0 for NUL-terminated.
 * @param description optional (may be NULL).
 * @param description_len bytes in description, or 0 for NUL-terminated.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8, #PM_ERANGE, #PM_ECONFLICT, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_role_create(pm_id *out, pm_session *session, const char *name,
                                    size_t name_len, const char *description,
                                    size_t description_len);

/**
 * Sets the level a role requires in a competency (replacing an earlier
 * requirement), or removes it with @p level 0 when 0 is not on the scale.
 *
 * @param session HR or the system.
 * @param role the role.
 * @param competency the competency.
 * @param level a level of the competency's scale, or 0 to remove.
 * @return #PM_OK; #PM_EINVAL (a level outside the scale); #PM_ENOTFOUND
 *         (role or competency; removing a requirement the role does not
 *         have); #PM_EPERM; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_role_require(pm_session *session, pm_id role, pm_id competency,
                                     int level);

/**
 * Reads a role and its profile.
 *
 * @param[out] out the snapshot; free with pm_role_free().
 * @param session anyone.
 * @param role the role.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_role_get(pm_role **out, pm_session *session, pm_id role);

/**
 * Lists roles by name.
 *
 * @param[out] out the iterator; free with pm_role_iter_free().
 * @param session anyone.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_role_list(pm_role_iter **out, pm_session *session);

/**
 * Advances a role iterator.
 *
 * @param[out] out the next role, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_role_iter_next(pm_role **out, pm_role_iter *iter);
/** Frees a role iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_role_iter_free(pm_role_iter *iter);
/** Frees a role snapshot; NULL is allowed. */
PM_EXTERN(void) pm_role_free(pm_role *role);
/** The role's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_role_id(const pm_role *role);
/** The name, borrowed; NULL for NULL. */
PM_EXTERN(const char *) pm_role_name(const pm_role *role);
/** The description, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_role_description(const pm_role *role);
/** Number of competencies in the profile. */
PM_EXTERN(size_t) pm_role_requirement_count(const pm_role *role);
/** The competency of requirement @p i (0-based, by competency id), or 0 when out of range. */
PM_EXTERN(pm_id) pm_role_requirement_competency(const pm_role *role, size_t i);
/** The level requirement @p i asks for, or 0 when out of range. */
PM_EXTERN(int) pm_role_requirement_level(const pm_role *role, size_t i);

/**
 * Assigns a role to a person from a date, ending the role they held before
 * (on the day before). @p role 0 ends the current one.
 *
 * @param session HR or the system.
 * @param person the person; active.
 * @param role the role, or 0.
 * @param start the first day; #PM_DATE_NONE for today.
 * @return #PM_OK; #PM_EINVAL (a start before the current role's start, an
 *         inactive person); #PM_ENOTFOUND; #PM_EPERM; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_role_assign(pm_session *session, pm_id person, pm_id role,
                                    pm_date start);

/**
 * The role a person held on a date.
 *
 * @param[out] out the role, or 0 for none.
 * @param session anyone (the directory is shared).
 * @param person the person.
 * @param date #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_role_of(pm_id *out, pm_session *session, pm_id person, pm_date date);

/* ---- Assessments -------------------------------------------------------- */

/** A snapshot of an assessment. */
typedef struct pm_assessment pm_assessment;
/** An iterator over assessments. */
typedef struct pm_assessment_iter pm_assessment_iter;

/** Who assessed. */
typedef enum pm_assessment_source {
    PM_ASSESSED_BY_SELF = 1,    /**< The person themself. */
    PM_ASSESSED_BY_MANAGER = 2, /**< Someone in their manager chain. */
    PM_ASSESSED_BY_360 = 3      /**< A 360 round's result, recorded by HR or the system. */
} pm_assessment_source;

/** Version of #pm_assessment_opts understood by this release. */
#define PM_ASSESSMENT_OPTS_VERSION 1

/** An assessment, for pm_assessment_add(). */
typedef struct pm_assessment_opts {
    unsigned int version;          /**< #PM_ASSESSMENT_OPTS_VERSION. */
    pm_id person;                  /**< Whom it assesses; required. */
    pm_id competency;              /**< Required. */
    int level;                     /**< A level of the competency's scale. */
    pm_assessment_source source;   /**< Required; must fit the session (see pm_assessment_add()). */
    pm_date on;                    /**< The day it holds from; #PM_DATE_NONE for today; not in the future. */
    pm_id round;                   /**< An assessment round of the person (self or manager source), or 0. */
    const char *note;              /**< Optional evidence or comment. */
    size_t note_len;               /**< Bytes in note, or 0 for NUL-terminated. */
} pm_assessment_opts;

/** Initialiser for #pm_assessment_opts. */
#define PM_ASSESSMENT_OPTS_INIT \
    { PM_ASSESSMENT_OPTS_VERSION, 0, 0, 0, 0, PM_DATE_NONE, 0, NULL, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_assessment_opts_init(pm_assessment_opts *opts, unsigned int version);

/**
 * Records an assessment; the assessor is the session's person (0 for the
 * system). Source self: the session is the person. Source manager: the
 * session is above the person today. Source 360: HR or the system. In a
 * round, each side assesses until it submits.
 *
 * @param[out] out the assessment's id; may be NULL.
 * @param session as above.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (a level outside the scale, a date in the
 *         future, a round of someone else, a round this side has submitted,
 *         360 in a round); #PM_EUTF8; #PM_ERANGE; #PM_ENOTFOUND; #PM_EPERM;
 *         #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_assessment_add(pm_id *out, pm_session *session,
                                       const pm_assessment_opts *opts);

/**
 * Lists a person's assessments, oldest first (by date, then id): those the
 * session may see. An unreleased round's assessments are shown to the side
 * that made them (the person for self, their manager chain for manager),
 * never to the other side; HR admins and the system actor, on neither
 * side, see them all.
 *
 * @param[out] out the iterator; free with pm_assessment_iter_free().
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param competency only this competency, or 0 for all.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_assessment_list(pm_assessment_iter **out, pm_session *session,
                                        pm_id person, pm_id competency);

/**
 * Advances an assessment iterator.
 *
 * @param[out] out the next assessment, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_assessment_iter_next(pm_assessment **out, pm_assessment_iter *iter);
/** Frees an assessment iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_assessment_iter_free(pm_assessment_iter *iter);
/** The assessment's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_assessment_id(const pm_assessment *assessment);
/** Whom it assesses. */
PM_EXTERN(pm_id) pm_assessment_person(const pm_assessment *assessment);
/** The competency. */
PM_EXTERN(pm_id) pm_assessment_competency(const pm_assessment *assessment);
/** The level. */
PM_EXTERN(int) pm_assessment_level(const pm_assessment *assessment);
/** The source; 0 for NULL. */
PM_EXTERN(pm_assessment_source) pm_assessment_source_get(const pm_assessment *assessment);
/** The assessor (0 for the system actor). */
PM_EXTERN(pm_id) pm_assessment_assessor(const pm_assessment *assessment);
/** The day it holds from. */
PM_EXTERN(pm_date) pm_assessment_date(const pm_assessment *assessment);
/** Its round, or 0. */
PM_EXTERN(pm_id) pm_assessment_round(const pm_assessment *assessment);
/** Non-zero when released (always, outside a round). */
PM_EXTERN(int) pm_assessment_released(const pm_assessment *assessment);
/** The note, borrowed; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_assessment_note(const pm_assessment *assessment);

/**
 * Opens an assessment round for a person: their self assessment and their
 * manager's, blind to each other until both are submitted.
 *
 * @param[out] out the round's id; may be NULL.
 * @param session someone above the person, HR or the system.
 * @param person the person; active, with a manager today.
 * @param on the day its assessments hold from; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ECONFLICT (the person has a
 *         round not yet released), #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_assessment_round_open(pm_id *out, pm_session *session, pm_id person,
                                              pm_date on);

/**
 * Submits the session's side of a round (the person: self; someone above
 * them: manager). When both sides have submitted, the round is released:
 * both sides' assessments become visible and count, together.
 *
 * @param[out] released non-zero when this submission released the round; may be NULL.
 * @param session the person or someone above them.
 * @param round the round.
 * @return #PM_OK, #PM_EINVAL (this side already submitted), #PM_ENOTFOUND,
 *         #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_assessment_round_submit(int *released, pm_session *session,
                                                pm_id round);

/**
 * Reads where a round stands.
 *
 * @param[out] self_submitted non-zero when the person submitted; may be NULL.
 * @param[out] manager_submitted non-zero when the manager side submitted; may be NULL.
 * @param[out] released when it was released, or 0; may be NULL.
 * @param session the person, someone above them, HR or the system.
 * @param round the round.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_assessment_round_state(int *self_submitted, int *manager_submitted,
                                               pm_time *released, pm_session *session,
                                               pm_id round);

/** How the current level is decided (#pm_level_rule). */
typedef enum pm_level_rule_kind {
    PM_LEVEL_MANAGER_FIRST = 1, /**< Latest manager assessment, else latest self, else latest 360. */
    PM_LEVEL_WEIGHTED = 2       /**< Weighted mean of the latest assessment of each source present. */
} pm_level_rule_kind;

/** Version of #pm_level_rule understood by this release. */
#define PM_LEVEL_RULE_VERSION 1

/** The rule for a person's current level in a competency. */
typedef struct pm_level_rule {
    unsigned int version;       /**< #PM_LEVEL_RULE_VERSION. */
    pm_level_rule_kind kind;    /**< Default #PM_LEVEL_MANAGER_FIRST. */
    double self_weight;         /**< Weighted rule: weight of the self assessment (>= 0); default 1. */
    double manager_weight;      /**< Weighted rule: weight of the manager assessment (>= 0); default 2. */
    double review360_weight;    /**< Weighted rule: weight of the 360 assessment (>= 0); default 1. */
} pm_level_rule;

/** Initialiser for #pm_level_rule. */
#define PM_LEVEL_RULE_INIT { PM_LEVEL_RULE_VERSION, PM_LEVEL_MANAGER_FIRST, 1.0, 2.0, 1.0 }

/**
 * A person's current level in a competency on a date, by @p rule.
 *
 * @param[out] level the level (a mean under the weighted rule).
 * @param[out] assessed non-zero when any assessment counted; when 0, @p level is 0.
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param competency the competency.
 * @param date #PM_DATE_NONE for today.
 * @param rule the rule, or NULL for the default.
 * @return #PM_OK, #PM_EINVAL (bad weights: negative, or all zero),
 *         #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_competency_level(double *level, int *assessed, pm_session *session,
                                         pm_id person, pm_id competency, pm_date date,
                                         const pm_level_rule *rule);

/* ---- Gaps ---------------------------------------------------------------- */

/** One competency of a person's gap against a role. */
typedef struct pm_gap pm_gap;
/** An iterator over a person's gaps. */
typedef struct pm_gap_iter pm_gap_iter;

/**
 * A person's gaps against a role on a date, one per competency of the role's
 * profile, by competency id.
 *
 * @param[out] out the iterator; free with pm_gap_iter_free().
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param role a role (a target role), or 0 for the role held on @p date.
 * @param date #PM_DATE_NONE for today.
 * @param rule the level rule, or NULL for the default.
 * @return #PM_OK, #PM_EINVAL (no role given and none held), #PM_ENOTFOUND,
 *         #PM_EPERM, #PM_ENOMEM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_gap_person(pm_gap_iter **out, pm_session *session, pm_id person,
                                   pm_id role, pm_date date, const pm_level_rule *rule);

/**
 * Advances a gap iterator.
 *
 * @param[out] out the next gap, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_gap_iter_next(pm_gap **out, pm_gap_iter *iter);
/** Frees a gap iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_gap_iter_free(pm_gap_iter *iter);
/** The competency. */
PM_EXTERN(pm_id) pm_gap_competency(const pm_gap *gap);
/** The level the role requires. */
PM_EXTERN(int) pm_gap_required(const pm_gap *gap);
/** Non-zero when the person has been assessed in it. */
PM_EXTERN(int) pm_gap_assessed(const pm_gap *gap);
/** The current level (0 when not assessed). */
PM_EXTERN(double) pm_gap_current(const pm_gap *gap);
/** required - current (negative when above the requirement; the requirement when not assessed). */
PM_EXTERN(double) pm_gap_value(const pm_gap *gap);

/**
 * A person's role-match score against a role: the mean over the role's
 * competencies of min(2 x required, current) / required (a competency not
 * assessed counts 0). 1 means every requirement met on average; at most 2.
 *
 * @param[out] out the score; 0 for a role with no requirements.
 * @param session the person, someone above them, HR or the system.
 * @param person the person.
 * @param role a role, or 0 for the role held on @p date.
 * @param date #PM_DATE_NONE for today.
 * @param rule the level rule, or NULL for the default.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_role_match(double *out, pm_session *session, pm_id person, pm_id role,
                                   pm_date date, const pm_level_rule *rule);

/** One competency of a unit's or the organisation's gap summary. */
typedef struct pm_gap_summary pm_gap_summary;
/** An iterator over gap summaries. */
typedef struct pm_gap_summary_iter pm_gap_summary_iter;

/** Version of #pm_gap_summary_opts understood by this release. */
#define PM_GAP_SUMMARY_OPTS_VERSION 1

/** What pm_gap_unit() summarises. */
typedef struct pm_gap_summary_opts {
    unsigned int version;  /**< #PM_GAP_SUMMARY_OPTS_VERSION. */
    pm_date on;            /**< The day; #PM_DATE_NONE for today. */
    pm_date compare;       /**< An earlier day to compare with, or #PM_DATE_NONE for none. */
    pm_level_rule rule;    /**< The level rule. */
} pm_gap_summary_opts;

/** Initialiser for #pm_gap_summary_opts. */
#define PM_GAP_SUMMARY_OPTS_INIT \
    { PM_GAP_SUMMARY_OPTS_VERSION, PM_DATE_NONE, PM_DATE_NONE, PM_LEVEL_RULE_INIT }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @param[out] opts the options.
 * @param version the version the caller was built with.
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_gap_summary_opts_init(pm_gap_summary_opts *opts, unsigned int version);

/**
 * Summarises the competence gaps of the people in a unit and the units below
 * it (or the whole organisation), each against the role they held, per
 * competency that any of their roles requires, by competency id. On each
 * day (pm_gap_summary_opts::on and, if set, pm_gap_summary_opts::compare)
 * the people are those in the unit then.
 *
 * @param[out] out the iterator; free with pm_gap_summary_iter_free().
 * @param session HR, the system, or someone above everyone counted.
 * @param unit the unit, or 0 for the whole organisation.
 * @param opts the days and the rule, or NULL for today with the default rule.
 * @return #PM_OK, #PM_EINVAL (compare not before on), #PM_ENOTFOUND,
 *         #PM_EPERM, #PM_ENOMEM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_gap_unit(pm_gap_summary_iter **out, pm_session *session, pm_id unit,
                                 const pm_gap_summary_opts *opts);

/**
 * Advances a gap summary iterator.
 *
 * @param[out] out the next summary, borrowed until the next call or free.
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_gap_summary_iter_next(pm_gap_summary **out, pm_gap_summary_iter *iter);
/** Frees a gap summary iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_gap_summary_iter_free(pm_gap_summary_iter *iter);
/** The competency. */
PM_EXTERN(pm_id) pm_gap_summary_competency(const pm_gap_summary *summary);
/** People whose role requires it, on the day. */
PM_EXTERN(int) pm_gap_summary_people(const pm_gap_summary *summary);
/** Of those, assessed in it. */
PM_EXTERN(int) pm_gap_summary_assessed(const pm_gap_summary *summary);
/** Of those assessed, below the requirement. */
PM_EXTERN(int) pm_gap_summary_below(const pm_gap_summary *summary);
/** Mean shortfall, max(0, required - current), over those assessed (0 when none). */
PM_EXTERN(double) pm_gap_summary_mean_gap(const pm_gap_summary *summary);
/** People on the compare day (0 without one). */
PM_EXTERN(int) pm_gap_summary_people_before(const pm_gap_summary *summary);
/** Assessed on the compare day. */
PM_EXTERN(int) pm_gap_summary_assessed_before(const pm_gap_summary *summary);
/** Below the requirement on the compare day. */
PM_EXTERN(int) pm_gap_summary_below_before(const pm_gap_summary *summary);
/** Mean shortfall on the compare day. */
PM_EXTERN(double) pm_gap_summary_mean_gap_before(const pm_gap_summary *summary);

PM_END_DECL

/** @} */
#endif
