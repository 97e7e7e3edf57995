/**
 * @file perfmgmt/export.h
 * @brief The personal-data access export: everything the library holds
 *        about a person, as one JSON document.
 *
 * The document answers a person's right of access and to data portability.
 * Its format is "perfmgmt.person-export", version 1, described by the JSON
 * Schema docs/person-export.schema.json and explained section by section in
 * docs/person-export.md. In short: the person's profile with the units and
 * managers they had over time; "provided", what the person wrote or entered
 * themselves (goals they created, their progress updates and check-in
 * entries, feedback they gave, requests they made, self assessments,
 * survey answers, ...); "recorded_by_others", what others recorded about
 * them (feedback received, goals or progress their manager entered,
 * assessments, 360 results, enrolments, ...); and "references", the names
 * of the people, units, competencies and so on that the records name by id.
 * Keys are sorted and the text is indented, so equal data gives equal text.
 *
 * What never appears, in anyone's export: the giver of anonymous feedback
 * the person received (nor the goal or check-in such an entry names, which
 * could point at the giver); other people's private check-in entries; 360 answers
 * linked to their rater (the store keeps none); a manager's assessment in
 * an assessment round not yet released.
 *
 * Who may export: the person themself, and HR admins and the system actor
 * on their behalf. Some parts only the person may read, and only their own
 * export holds them: their private check-in entries, their wellbeing
 * measurements, survey invitations and answers, and the anonymous feedback
 * they gave (which only their own session can recognise, see feedback.h).
 * An export made by someone else lists those parts in its "withheld" array.
 *
 * Each export records an audit entry (#PM_AUDIT_EXPORT about the person),
 * so it is a write: a store opened read-only refuses it (#PM_EREADONLY).
 * The document is read in the same transaction as the entry is written, so
 * it is one consistent view of the store. Inside a pm_session_begin() group
 * the entry lasts only if the group is committed; a file written by
 * pm_person_export() stays either way.
 *
 * @defgroup export Personal-data export
 * @{
 */
#ifndef PERFMGMT_EXPORT_H
#define PERFMGMT_EXPORT_H

#include "db.h"

PM_BEGIN_DECL

/**
 * Exports everything held about a person as JSON text.
 *
 * @param[out] json the document, UTF-8 JSON ending with a newline; free
 *             with pm_free(); NULL on failure.
 * @param session the person, an HR admin or the system actor.
 * @param person whose data; people who have left may be exported too.
 * @return #PM_OK; #PM_EINVAL (NULL argument, @p person not an id);
 *         #PM_ENOTFOUND (no such person); #PM_EPERM (another person's
 *         session); #PM_EREADONLY; #PM_ENOMEM; #PM_ECORRUPT (a stored value
 *         that cannot be shown); #PM_ESTORAGE.
 */
PM_EXTERN(pm_status) pm_person_export_json(char **json, pm_session *session, pm_id person);

/**
 * Exports everything held about a person into a file, as
 * pm_person_export_json() gives it.
 *
 * The text is written to a new file in the directory of @p path, flushed to
 * disk, and renamed to @p path, replacing a file that was there; so @p path
 * holds either its old content or the whole export, never part of it. The
 * file is readable and writable by its owner only (mode 0600): it holds
 * personal data. On failure no file is left behind, and neither the store
 * nor the audit trail changes.
 *
 * @param session the person, an HR admin or the system actor.
 * @param person whose data.
 * @param path the file to write (NUL-terminated); its directory must exist.
 * @return as pm_person_export_json(), and #PM_EIO (the file could not be
 *         created, written or renamed; the message names @p path and the
 *         reason) or #PM_EINVAL (@p path is empty or ends with '/').
 */
PM_EXTERN(pm_status) pm_person_export(pm_session *session, pm_id person, const char *path);

PM_END_DECL

/** @} */
#endif
