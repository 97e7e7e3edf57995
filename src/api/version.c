#include "internal.h"

const char *pm_status_str(int status)
{
    switch (status) {
    case PM_OK: return "ok";
    case PM_EINVAL: return "invalid argument";
    case PM_ENOTFOUND: return "not found";
    case PM_EPERM: return "permission denied";
    case PM_ECONFLICT: return "conflict";
    case PM_ESTORAGE: return "storage error";
    case PM_ENOMEM: return "out of memory";
    case PM_EUTF8: return "invalid UTF-8";
    case PM_ERANGE: return "out of range";
    case PM_EBUSY: return "busy";
    case PM_EVERSION: return "version mismatch";
    case PM_ECYCLE: return "cycle";
    case PM_ECORRUPT: return "corrupt or not a perfmgmt store";
    case PM_EREADONLY: return "read-only";
    case PM_EMISUSE: return "misuse";
    case PM_EUNSUPPORTED: return "unsupported";
    case PM_EIO: return "input/output error";
    case PM_ITEROVER: return "end of iteration";
    case PM_EHELD: return "under a legal hold";
    default: return "unknown status";
    }
}

const char *pm_version(int *major, int *minor, int *patch)
{
    if (major)
        *major = PM_VERSION_MAJOR;
    if (minor)
        *minor = PM_VERSION_MINOR;
    if (patch)
        *patch = PM_VERSION_PATCH;
    return PM_VERSION_STRING;
}
