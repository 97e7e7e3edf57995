/**
 * @file perfmgmt/org.h
 * @brief The organisation: units as a tree, memberships and reporting lines
 *        with effective dates.
 *
 * Units form a tree (a unit has at most one parent; no cycles). A person
 * belongs to at most one unit and reports to at most one manager at a time;
 * both are kept as dated history, periods [from, to) with an open end, so
 * "who was X's manager on D" is answerable. A change takes effect on a date
 * and closes the period that was open then; changes dated before the latest
 * recorded change for the same person are refused (#PM_ECONFLICT), so
 * history is never rewritten.
 *
 * Access: every active person and the system actor may read the structure;
 * HR admins and the system actor may change it.
 *
 * @defgroup org Organisation
 * @{
 */
#ifndef PERFMGMT_ORG_H
#define PERFMGMT_ORG_H

#include "person.h"

PM_BEGIN_DECL

/** A snapshot of one unit. */
typedef struct pm_unit pm_unit;

/** An iterator over units. */
typedef struct pm_unit_iter pm_unit_iter;

/** Most code points in a unit name. */
#define PM_UNIT_NAME_MAX 200

/** Version of #pm_unit_opts understood by this release. */
#define PM_UNIT_OPTS_VERSION 1

/** The fields of a unit, for pm_unit_create(). */
typedef struct pm_unit_opts {
    unsigned int version; /**< #PM_UNIT_OPTS_VERSION. */
    const char *name;     /**< Required; no '/'; unique among its siblings, ignoring case. */
    size_t name_len;      /**< Bytes in name, or 0 for NUL-terminated. */
    pm_id parent;         /**< The parent unit, or 0 for a top-level unit. */
} pm_unit_opts;

/** Initialiser for #pm_unit_opts. */
#define PM_UNIT_OPTS_INIT { PM_UNIT_OPTS_VERSION, NULL, 0, 0 }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_unit_opts_init(pm_unit_opts *opts, unsigned int version);

/**
 * Creates a unit.
 *
 * @param[out] out the new unit's id; may be NULL.
 * @param session who is acting.
 * @param opts the unit's fields.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8, #PM_ERANGE, #PM_ECONFLICT (a sibling
 *         has the name), #PM_ENOTFOUND (parent), #PM_EPERM, #PM_EVERSION, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_unit_create(pm_id *out, pm_session *session,
                                    const pm_unit_opts *opts);

/**
 * Renames a unit.
 *
 * @param session who is acting.
 * @param unit the unit.
 * @param name the new name.
 * @param name_len bytes in @p name, or 0 for NUL-terminated.
 * @return as for pm_unit_create().
 */
PM_EXTERN(pm_status) pm_unit_rename(pm_session *session, pm_id unit,
                                    const char *name, size_t name_len);

/**
 * Moves a unit under another parent (0 for top level).
 *
 * @param session who is acting.
 * @param unit the unit to move.
 * @param parent the new parent, or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ECYCLE (the new parent is
 *         the unit or below it), #PM_ECONFLICT, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_unit_move(pm_session *session, pm_id unit, pm_id parent);

/**
 * Reads a unit.
 *
 * @param[out] out the snapshot; free with pm_unit_free().
 * @param session who is acting.
 * @param unit the unit.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_unit_get(pm_unit **out, pm_session *session, pm_id unit);

/**
 * Finds a unit by its path of names from the top, separated by '/'
 * ("Company/Engineering/Platform"), ignoring case.
 *
 * @param[out] out the unit's id.
 * @param session who is acting.
 * @param path NUL-terminated UTF-8.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_unit_find(pm_id *out, pm_session *session, const char *path);

/**
 * The path of a unit from the top, names separated by '/'.
 *
 * @param[out] out NUL-terminated; free with pm_free().
 * @param session who is acting.
 * @param unit the unit.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_unit_path(char **out, pm_session *session, pm_id unit);

/**
 * Lists the units directly under @p parent (0 for the top-level units), in
 * name order.
 *
 * @param[out] out the iterator; free with pm_unit_iter_free().
 * @param session who is acting.
 * @param parent the parent unit, or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_unit_children(pm_unit_iter **out, pm_session *session, pm_id parent);

/**
 * Advances a unit iterator.
 *
 * @param[out] out the next unit, borrowed: valid until the next call or
 *             pm_unit_iter_free().
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_unit_iter_next(pm_unit **out, pm_unit_iter *iter);

/** Frees a unit iterator (before its session); NULL is allowed. */
PM_EXTERN(void) pm_unit_iter_free(pm_unit_iter *iter);

/** Frees a unit snapshot; NULL is allowed. */
PM_EXTERN(void) pm_unit_free(pm_unit *unit);

/** The unit's id; 0 for NULL. */
PM_EXTERN(pm_id) pm_unit_id(const pm_unit *unit);
/** The unit's name, borrowed from @p unit; NULL for NULL. */
PM_EXTERN(const char *) pm_unit_name(const pm_unit *unit);
/** The parent unit's id, or 0 for a top-level unit. */
PM_EXTERN(pm_id) pm_unit_parent(const pm_unit *unit);

/** Flag for pm_unit_members(): include members of units below. */
#define PM_UNIT_MEMBERS_DEEP 0x1u

/**
 * Lists the people who belonged to @p unit on @p date, in name order.
 *
 * @param[out] out the iterator; free with pm_person_iter_free().
 * @param session who is acting.
 * @param unit the unit.
 * @param date the day; #PM_DATE_NONE for today.
 * @param flags #PM_UNIT_MEMBERS_DEEP or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_unit_members(pm_person_iter **out, pm_session *session,
                                     pm_id unit, pm_date date, unsigned int flags);

/**
 * Puts a person in a unit from @p date on (0 removes them from any unit).
 *
 * @param session who is acting.
 * @param person the person.
 * @param unit the unit, or 0.
 * @param date first day in the unit; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_ECONFLICT (a later change is
 *         recorded), #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_org_set_unit(pm_session *session, pm_id person,
                                     pm_id unit, pm_date date);

/**
 * The unit a person belonged to on @p date.
 *
 * @param[out] out the unit's id, or 0 when none.
 * @param session who is acting.
 * @param person the person.
 * @param date the day; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND (person), #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_org_unit_on(pm_id *out, pm_session *session,
                                    pm_id person, pm_date date);

/**
 * Makes @p manager the person's manager from @p date on (0: no manager).
 *
 * @param session who is acting.
 * @param person the person.
 * @param manager the manager, or 0.
 * @param date first day of the line; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL (self as manager), #PM_ENOTFOUND, #PM_ECYCLE
 *         (the manager reports, directly or not, to the person), #PM_ECONFLICT
 *         (a later change is recorded), #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_org_set_manager(pm_session *session, pm_id person,
                                        pm_id manager, pm_date date);

/**
 * The person's manager on @p date.
 *
 * @param[out] out the manager's id, or 0 when none.
 * @param session who is acting.
 * @param person the person.
 * @param date the day; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND (person), #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_org_manager_on(pm_id *out, pm_session *session,
                                       pm_id person, pm_date date);

/** Flag for pm_org_reports(): include indirect reports (reports of reports). */
#define PM_ORG_REPORTS_INDIRECT 0x1u

/**
 * Lists the people who reported to @p manager on @p date, in name order.
 *
 * @param[out] out the iterator; free with pm_person_iter_free().
 * @param session who is acting.
 * @param manager the manager.
 * @param date the day; #PM_DATE_NONE for today.
 * @param flags #PM_ORG_REPORTS_INDIRECT or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_org_reports(pm_person_iter **out, pm_session *session,
                                    pm_id manager, pm_date date, unsigned int flags);

/**
 * Tells whether @p manager is above @p person in the reporting chain on
 * @p date (their manager, their manager's manager, ...).
 *
 * @param[out] out 1 when it is, 0 otherwise.
 * @param session who is acting.
 * @param manager the possible manager.
 * @param person the person.
 * @param date the day; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_org_is_above(int *out, pm_session *session, pm_id manager,
                                     pm_id person, pm_date date);

PM_END_DECL

/** @} */
#endif
