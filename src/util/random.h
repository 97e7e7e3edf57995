/* Random bytes from the operating system, for nonces and secrets that must
 * not be guessable (anonymous feedback). No fallback to a weaker source:
 * without the system's generator the caller gets an error and refuses the
 * work that needed it. */
#ifndef PM_UTIL_RANDOM_H
#define PM_UTIL_RANDOM_H

#include <stddef.h>

#include "perfmgmt/common.h"

/* Fills len bytes of out from getentropy(). PM_EUNSUPPORTED when the
 * system has no such generator, PM_EIO when it fails. On failure out is
 * zeroed, so nothing half-random is used by mistake. */
pm_status pm_random__bytes(void *out, size_t len);

#endif
