/* What the files of the PostgreSQL backend share.
 * Only src/storage/pg*.c include this. */
#ifndef PM_STORAGE_PG_INTERNAL_H
#define PM_STORAGE_PG_INTERNAL_H

#include "perfmgmt/sys/storage.h"
#include "../util/error.h"

/* pm_storage_postgresql_open() when the backend is built. */
pm_status pm_pg__open(pm_storage **out, const char *conninfo, unsigned int flags,
                      char **errmsg);

#endif
