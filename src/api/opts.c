/* Versioned option structs: every pm_*_opts starts with unsigned int version
 * and only ever gains fields at its end, so one check and one initialiser
 * serve them all. */
#include "internal.h"

#include <string.h>

pm_status pm_api__check_version(pm_session *s, const char *what, unsigned int version,
                                unsigned int known)
{
    /* Older versions stay accepted: fields are only ever appended. */
    if (version >= 1 && version <= known)
        return PM_OK;
    return pm_error__set(&s->error, PM_EVERSION,
                         "%s.version: %u is not a version this library knows (expected %u)",
                         what, version, known);
}

pm_status pm_api__opts_init(void *opts, const void *defaults, size_t size, unsigned int version,
                            unsigned int known)
{
    if (opts == NULL)
        return PM_EINVAL;
    if (version < 1 || version > known)
        return PM_EVERSION;
    /* size is the caller's struct size: for an older version, the prefix
     * that version has (offsetof its first newer field; see
     * pm_goal_opts_init). Newer fields are read only when opts->version says
     * they are there: an older caller's struct ends before them. */
    memcpy(opts, defaults, size);
    /* The version is the first member, so the struct's address is its address. */
    memcpy(opts, &version, sizeof version);
    return PM_OK;
}
