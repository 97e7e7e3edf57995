/* Error state kept by a session or a db: the status of the last call and a
 * message naming the field and the reason. */
#ifndef PM_UTIL_ERROR_H
#define PM_UTIL_ERROR_H

#include "perfmgmt/common.h"

#define PM_ERRMSG_MAX 512

typedef struct pm_error {
    pm_status status;
    char message[PM_ERRMSG_MAX];
} pm_error;

/* Clears the error (status PM_OK, empty message). err may be NULL. */
void pm_error__clear(pm_error *err);

/* Records status and a printf-style message; returns status so callers can
 * write `return pm_error__set(err, PM_EINVAL, "person.name: must not be empty");`.
 * err may be NULL (then only the status is returned). */
pm_status pm_error__set(pm_error *err, pm_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Hands a printf-style message to a caller who has no session or db to
 * read it from (the char **errmsg of the open functions): *out becomes an
 * allocated copy, freed with pm_free, or NULL when memory runs out. Returns
 * status; out may be NULL (then only the status is returned). */
pm_status pm_error__dup(char **out, pm_status status, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

#endif
