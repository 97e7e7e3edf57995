#include "pg_internal.h"

pm_status pm_pg__open(pm_storage **out, const char *conninfo, unsigned int flags,
                      char **errmsg)
{
    (void)conninfo;
    (void)flags;
    *out = NULL;
    return pm_error__dup(errmsg, PM_EUNSUPPORTED, "postgresql: not built yet");
}
