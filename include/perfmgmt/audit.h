/**
 * @file perfmgmt/audit.h
 * @brief The audit trail of writes, and legal holds.
 *
 * @defgroup audit Audit trail and legal holds
 * @{
 */
#ifndef PERFMGMT_AUDIT_H
#define PERFMGMT_AUDIT_H

#include "db.h"

PM_BEGIN_DECL

/** What a write did to the records an audit entry names. */
typedef enum pm_audit_op {
    PM_AUDIT_CREATE = 1, /**< A record was created. */
    PM_AUDIT_UPDATE = 2, /**< A record was changed. */
    PM_AUDIT_REMOVE = 3, /**< A record was removed by an API call. */
    PM_AUDIT_ERASE = 4,  /**< A person's personal data was erased. */
    PM_AUDIT_PURGE = 5,  /**< Records past their retention period were purged. */
    PM_AUDIT_EXPORT = 6  /**< Everything held about a person was exported. */
} pm_audit_op;

/** Who made the write an audit entry records. */
typedef enum pm_audit_actor {
    PM_AUDIT_ACTOR_SYSTEM = 1, /**< The system actor (integration). */
    PM_AUDIT_ACTOR_PERSON = 2  /**< A person's session. */
} pm_audit_actor;

PM_END_DECL

/** @} */
#endif
