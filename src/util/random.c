/* getentropy() is in glibc 2.25+, musl, macOS and the BSDs; it never
 * returns short and reads at most 256 bytes a call. */
#include "random.h"

#include <errno.h>
#include <string.h>

#if defined(__linux__) || defined(__APPLE__) || defined(__FreeBSD__) \
    || defined(__OpenBSD__) || defined(__NetBSD__)
#include <sys/random.h>
#include <unistd.h>
#define PM_HAVE_GETENTROPY 1
#endif

#define GETENTROPY_MAX 256

pm_status pm_random__bytes(void *out, size_t len)
{
#ifdef PM_HAVE_GETENTROPY
    unsigned char *p = out;
    size_t left = len;
    while (left > 0) {
        size_t n = left < GETENTROPY_MAX ? left : GETENTROPY_MAX;
        if (getentropy(p, n) != 0) {
            int e = errno;
            memset(out, 0, len);
            return e == ENOSYS ? PM_EUNSUPPORTED : PM_EIO;
        }
        p += n;
        left -= n;
    }
    return PM_OK;
#else
    memset(out, 0, len);
    return PM_EUNSUPPORTED;
#endif
}
