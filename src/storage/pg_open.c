/* pm_storage_postgresql_open(): exported in every build, so that the ABI
 * does not depend on whether libpq was found; without libpq it refuses. */
#include "perfmgmt/sys/storage.h"

#ifdef PM_HAVE_LIBPQ
#include "pg_internal.h"
#else
#include "../util/error.h"
#endif

pm_status pm_storage_postgresql_open(pm_storage **out, const char *conninfo,
                                     unsigned int flags, char **errmsg)
{
#ifdef PM_HAVE_LIBPQ
    return pm_pg__open(out, conninfo, flags, errmsg);
#else
    (void)conninfo;
    (void)flags;
    if (out != NULL)
        *out = NULL;
    return pm_error__dup(errmsg, PM_EUNSUPPORTED,
                         "postgresql: this build of perfmgmt has no PostgreSQL backend "
                         "(libpq was not found when it was built)");
#endif
}
