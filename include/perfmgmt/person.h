/**
 * @file perfmgmt/person.h
 * @brief People: the organisation's members, as an HRIS knows them.
 *
 * A person has an internal id (assigned by perfmgmt), a unique external id
 * (the HRIS's key), a display name, an email, a status (active or left) and
 * an HR-admin flag. Text is validated as UTF-8 and stored NFC-normalised;
 * length limits count code points.
 *
 * Access: every active person and the system actor may read the directory
 * (people, names, emails). A person may change their own display name and
 * email; HR admins and the system actor may create people and change
 * anything.
 *
 * @defgroup person People
 * @{
 */
#ifndef PERFMGMT_PERSON_H
#define PERFMGMT_PERSON_H

#include "db.h"

PM_BEGIN_DECL

/** A snapshot of one person's record. */
typedef struct pm_person pm_person;

/** An iterator over people. */
typedef struct pm_person_iter pm_person_iter;

/** Whether a person is still with the organisation. */
typedef enum pm_person_status {
    PM_PERSON_ACTIVE = 1, /**< Works here. */
    PM_PERSON_LEFT = 2,   /**< Has left; their records stay, they can no longer act. */
    PM_PERSON_ERASED = 3  /**< Has left and their personal data was erased (see erasure.h). */
} pm_person_status;

/** Most code points in an external id. */
#define PM_PERSON_EXTERNAL_ID_MAX 64
/** Most code points in a display name. */
#define PM_PERSON_NAME_MAX 200
/** Most code points in an email address. */
#define PM_PERSON_EMAIL_MAX 254

/** Version of #pm_person_opts understood by this release. */
#define PM_PERSON_OPTS_VERSION 1

/**
 * The fields of a person, for pm_person_create() and pm_person_update().
 * Each text has a length in bytes; a length of 0 means "NUL-terminated".
 * Text given with an explicit length must not contain a NUL byte.
 */
typedef struct pm_person_opts {
    unsigned int version;       /**< #PM_PERSON_OPTS_VERSION. */
    const char *external_id;    /**< Required on create; unique; up to #PM_PERSON_EXTERNAL_ID_MAX code points. */
    size_t external_id_len;     /**< Bytes in external_id, or 0. */
    const char *display_name;   /**< Required on create; up to #PM_PERSON_NAME_MAX code points. */
    size_t display_name_len;    /**< Bytes in display_name, or 0. */
    const char *email;          /**< Optional; must hold one '@' with text either side. */
    size_t email_len;           /**< Bytes in email, or 0. */
    int hr_admin;               /**< Create only: non-zero makes the person an HR admin. */
    pm_id unit;                 /**< Create only: the unit the person joins, or 0. */
    pm_id manager;              /**< Create only: the person's manager, or 0. */
    pm_date start;              /**< Create only: when unit and manager take effect; #PM_DATE_NONE for today. */
} pm_person_opts;

/** Initialiser for #pm_person_opts. */
#define PM_PERSON_OPTS_INIT \
    { PM_PERSON_OPTS_VERSION, NULL, 0, NULL, 0, NULL, 0, 0, 0, 0, PM_DATE_NONE }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_person_opts_init(pm_person_opts *opts, unsigned int version);

/**
 * Creates a person (HR admins and the system actor).
 *
 * @param[out] out the new person's id; may be NULL.
 * @param session who is acting.
 * @param opts the fields.
 * @return #PM_OK; #PM_EINVAL (missing field, bad email); #PM_EUTF8;
 *         #PM_ERANGE (too long); #PM_ECONFLICT (external id taken);
 *         #PM_ENOTFOUND (unit or manager); #PM_EPERM; #PM_EVERSION; #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_person_create(pm_id *out, pm_session *session,
                                      const pm_person_opts *opts);

/**
 * Changes a person's external id, display name or email: each field of
 * @p opts that is not NULL. A person may change their own name and email;
 * HR admins and the system actor may change any of them. The other fields of
 * @p opts are ignored.
 *
 * @return as for pm_person_create().
 */
PM_EXTERN(pm_status) pm_person_update(pm_session *session, pm_id person,
                                      const pm_person_opts *opts);

/**
 * Grants or removes the HR-admin role (HR admins and the system actor).
 *
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_person_set_hr_admin(pm_session *session, pm_id person,
                                            int hr_admin);

/**
 * Records that a person left on @p date (HR admins and the system actor).
 * Their unit membership and reporting line end that day; people who report
 * to them keep the line until it is changed. A person who left cannot act.
 *
 * @param session who is acting.
 * @param person the person.
 * @param date the last day is the day before; #PM_DATE_NONE for today.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ECONFLICT (already left), #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_person_set_left(pm_session *session, pm_id person, pm_date date);

/**
 * Reads a person.
 *
 * @param[out] out the snapshot; free with pm_person_free().
 * @param session who is acting.
 * @param person the person's id.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOTFOUND, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_person_get(pm_person **out, pm_session *session, pm_id person);

/**
 * Reads a person by external id (exact match after NFC normalisation).
 *
 * @param[out] out the snapshot; free with pm_person_free().
 * @param session who is acting.
 * @param external_id NUL-terminated UTF-8.
 * @return as for pm_person_get(), plus #PM_EUTF8.
 */
PM_EXTERN(pm_status) pm_person_lookup(pm_person **out, pm_session *session,
                                      const char *external_id);

/** Flag for pm_person_search(): include people who have left. */
#define PM_PERSON_INCLUDE_LEFT 0x1u

/**
 * Finds people whose display name contains @p query, ignoring case (Unicode
 * case folding: "ÅSA" finds "Åsa"). Results come in folded-name order.
 *
 * @param[out] out the iterator; free with pm_person_iter_free().
 * @param session who is acting.
 * @param query NUL-terminated UTF-8; "" lists everyone.
 * @param flags #PM_PERSON_INCLUDE_LEFT or 0.
 * @return #PM_OK, #PM_EINVAL, #PM_EUTF8, #PM_EPERM, #PM_ENOMEM, #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_person_search(pm_person_iter **out, pm_session *session,
                                      const char *query, unsigned int flags);

/**
 * Advances an iterator.
 *
 * @param[out] out the next person, borrowed from the iterator: valid until
 *             the next call or pm_person_iter_free().
 * @param iter the iterator.
 * @return #PM_OK, #PM_ITEROVER at the end, or an error.
 */
PM_EXTERN(pm_status) pm_person_iter_next(pm_person **out, pm_person_iter *iter);

/**
 * Frees an iterator. Free it before the session it came from.
 *
 * @param iter may be NULL.
 */
PM_EXTERN(void) pm_person_iter_free(pm_person_iter *iter);

/** Frees a snapshot; NULL is allowed. */
PM_EXTERN(void) pm_person_free(pm_person *person);

/** The person's internal id; 0 for NULL. */
PM_EXTERN(pm_id) pm_person_id(const pm_person *person);
/** The external id, borrowed from @p person; NULL for NULL. */
PM_EXTERN(const char *) pm_person_external_id(const pm_person *person);
/** The display name, borrowed from @p person; NULL for NULL. */
PM_EXTERN(const char *) pm_person_display_name(const pm_person *person);
/** The email, borrowed from @p person; "" when none; NULL for NULL. */
PM_EXTERN(const char *) pm_person_email(const pm_person *person);
/** Active, left or erased; 0 for NULL. */
PM_EXTERN(pm_person_status) pm_person_status_get(const pm_person *person);
/** The day the person left, or #PM_DATE_NONE. */
PM_EXTERN(pm_date) pm_person_left_on(const pm_person *person);
/** Non-zero when the person is an HR admin. */
PM_EXTERN(int) pm_person_is_hr_admin(const pm_person *person);
/** When the record was created. */
PM_EXTERN(pm_time) pm_person_created_at(const pm_person *person);
/** Who created the record (0 for the system actor). */
PM_EXTERN(pm_id) pm_person_created_by(const pm_person *person);
/** When the record last changed. */
PM_EXTERN(pm_time) pm_person_updated_at(const pm_person *person);
/** Who last changed the record (0 for the system actor). */
PM_EXTERN(pm_id) pm_person_updated_by(const pm_person *person);

PM_END_DECL

/** @} */
#endif
