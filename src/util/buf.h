/* A growable byte buffer, always NUL-terminated when non-empty. */
#ifndef PM_UTIL_BUF_H
#define PM_UTIL_BUF_H

#include <stddef.h>
#include "perfmgmt/common.h"

typedef struct pm_buf {
    char *data;   /* NULL until the first append */
    size_t len;   /* bytes used, not counting the NUL */
    size_t cap;   /* bytes allocated */
} pm_buf;

#define PM_BUF_INIT { NULL, 0, 0 }

pm_status pm_buf__grow(pm_buf *buf, size_t extra);   /* room for extra more bytes + NUL */
pm_status pm_buf__append(pm_buf *buf, const void *data, size_t len);
pm_status pm_buf__appends(pm_buf *buf, const char *s);
pm_status pm_buf__printf(pm_buf *buf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void pm_buf__clear(pm_buf *buf);                       /* len = 0, keeps memory */
char *pm_buf__detach(pm_buf *buf);                     /* caller owns data (pm__free); buf reset */
void pm_buf__free(pm_buf *buf);

#endif
