#include "error.h"

#include <stdarg.h>
#include <stdio.h>

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
