#include "error.h"

#include <stdarg.h>
#include <stdio.h>

#include "alloc.h"

void pm_error__clear(pm_error *err)
{
    if (err == NULL)
        return;
    err->status = PM_OK;
    err->message[0] = '\0';
}

pm_status pm_error__set(pm_error *err, pm_status status, const char *fmt, ...)
{
    if (err == NULL)
        return status;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    err->status = status;
    return status;
}

pm_status pm_error__dup(char **out, pm_status status, const char *fmt, ...)
{
    if (out == NULL)
        return status;
    char text[PM_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    *out = pm__strdup(text);
    return status;
}
