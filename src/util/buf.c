#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

pm_status pm_buf__grow(pm_buf *buf, size_t extra)
{
    if (extra > SIZE_MAX - buf->len - 1)
        return PM_ENOMEM;
    size_t need = buf->len + extra + 1;
    if (need <= buf->cap)
        return PM_OK;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *data = pm__realloc(buf->data, cap);
    if (data == NULL)
        return PM_ENOMEM;
    buf->data = data;
    buf->cap = cap;
    return PM_OK;
}

pm_status pm_buf__append(pm_buf *buf, const void *data, size_t len)
{
    pm_status st = pm_buf__grow(buf, len);
    if (st != PM_OK)
        return st;
    if (len)
        memcpy(buf->data + buf->len, data, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return PM_OK;
}

pm_status pm_buf__appends(pm_buf *buf, const char *s)
{
    return pm_buf__append(buf, s, strlen(s));
}

pm_status pm_buf__printf(pm_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return PM_EINVAL;
    pm_status st = pm_buf__grow(buf, (size_t)n);
    if (st != PM_OK)
        return st;
    va_start(ap, fmt);
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    buf->len += (size_t)n;
    return PM_OK;
}

void pm_buf__clear(pm_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

char *pm_buf__detach(pm_buf *buf)
{
    char *data = buf->data;
    if (data == NULL)
        data = pm__strndup("", 0);
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return data;
}

void pm_buf__free(pm_buf *buf)
{
    pm__free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
}
