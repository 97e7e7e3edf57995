/**
 * @file perfmgmt/import.h
 * @brief Bulk import of an organisation from CSV, the shape an HRIS exports.
 *
 * The CSV (RFC 4180: commas, double-quoted fields, "" for a quote, CRLF or
 * LF line ends, an optional UTF-8 byte order mark) starts with a header row
 * naming its columns, in any order, ignoring case:
 *
 * | column | required | meaning |
 * | --- | --- | --- |
 * | external_id | yes | the HRIS key; a person is created or updated by it |
 * | name | yes | display name |
 * | email | no | email address |
 * | manager_external_id | no | the manager's external id (in the file or already stored) |
 * | unit_path | no | units from the top separated by '/', created when missing |
 * | hr_admin | no | "1", "true" or "yes" makes the person an HR admin |
 *
 * The import is all-or-nothing: every row is checked first, and any error
 * names the line and the field ("line 7: manager_external_id: 'E999' is not
 * in the file or the store"); then everything is written in one transaction.
 * Manager and unit changes take effect on pm_import_opts::date.
 *
 * @defgroup import Import
 * @{
 */
#ifndef PERFMGMT_IMPORT_H
#define PERFMGMT_IMPORT_H

#include "db.h"

PM_BEGIN_DECL

/** Flag of pm_import_opts::flags: people in the store but not in the file are marked as left. */
#define PM_IMPORT_MARK_MISSING_LEFT 0x1u

/** Version of #pm_import_opts understood by this release. */
#define PM_IMPORT_OPTS_VERSION 1

/** Options for the import. */
typedef struct pm_import_opts {
    unsigned int version; /**< #PM_IMPORT_OPTS_VERSION. */
    pm_date date;         /**< When changes take effect; #PM_DATE_NONE for today. */
    unsigned int flags;   /**< PM_IMPORT_* flags. */
} pm_import_opts;

/** Initialiser for #pm_import_opts. */
#define PM_IMPORT_OPTS_INIT { PM_IMPORT_OPTS_VERSION, PM_DATE_NONE, 0u }

/**
 * Fills @p opts with the defaults of @p version.
 *
 * @return #PM_OK, #PM_EINVAL for NULL, #PM_EVERSION for an unknown version.
 */
PM_EXTERN(pm_status) pm_import_opts_init(pm_import_opts *opts, unsigned int version);

/** Version of #pm_import_stats understood by this release. */
#define PM_IMPORT_STATS_VERSION 1

/**
 * What an import did. The caller sets pm_import_stats::version (#PM_IMPORT_STATS_VERSION
 * or #PM_IMPORT_STATS_INIT); the library fills only the fields that version has.
 */
typedef struct pm_import_stats {
    unsigned int version;   /**< #PM_IMPORT_STATS_VERSION, set by the caller. */
    size_t rows;            /**< Data rows read. */
    size_t people_created;  /**< People created. */
    size_t people_updated;  /**< Existing people whose record, unit or manager changed. */
    size_t people_left;     /**< People marked as left (#PM_IMPORT_MARK_MISSING_LEFT). */
    size_t units_created;   /**< Units created. */
} pm_import_stats;

/** Initialiser for #pm_import_stats. */
#define PM_IMPORT_STATS_INIT { PM_IMPORT_STATS_VERSION, 0, 0, 0, 0, 0 }

/**
 * Imports an organisation from CSV text (HR admins and the system actor).
 *
 * @param session who is acting.
 * @param data the CSV bytes.
 * @param len number of bytes.
 * @param opts options, or NULL for the defaults.
 * @param[out] stats what was done; may be NULL. Zeroed on failure; an
 *             unknown version gives #PM_EVERSION.
 * @return #PM_OK; on any error nothing is written: #PM_EINVAL (malformed
 *         CSV, missing column or field), #PM_EUTF8, #PM_ERANGE,
 *         #PM_ECONFLICT (an external id twice), #PM_ENOTFOUND (unknown
 *         manager), #PM_ECYCLE (a manager cycle), #PM_EPERM, #PM_ESTORAGE.
 *         pm_session_errmsg() names the line and the field.
 */
PM_EXTERN(pm_status) pm_import_csv(pm_session *session, const char *data, size_t len,
                                   const pm_import_opts *opts, pm_import_stats *stats);

/**
 * Imports an organisation from a CSV file, as pm_import_csv().
 *
 * @param session who is acting.
 * @param path the file.
 * @param opts options, or NULL for the defaults.
 * @param[out] stats what was done; may be NULL.
 * @return as for pm_import_csv(), plus #PM_EIO when the file cannot be read.
 */
PM_EXTERN(pm_status) pm_import_csv_file(pm_session *session, const char *path,
                                        const pm_import_opts *opts, pm_import_stats *stats);

PM_END_DECL

/** @} */
#endif
