/* The import job's shared tools: the messages every phase writes, the
 * arrays it grows and the orders it sorts rows in. */
#include "import_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

pm_status pm_import__row_fail(import_job *job, pm_status st, size_t line, const char *fmt, ...)
{
    char reason[PM_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return pm_error__set(&job->s->error, st, "line %zu: %s", line, reason);
}

pm_status pm_import__at_line(import_job *job, size_t line, pm_status st)
{
    char message[PM_ERRMSG_MAX];
    const char *left = job->s->error.message[0] ? job->s->error.message : pm_status_str(st);
    snprintf(message, sizeof message, "%s", left);
    return pm_error__set(&job->s->error, st, "line %zu: %s", line, message);
}

pm_status pm_import__out_of_memory(import_job *job)
{
    return pm_error__set(&job->s->error, PM_ENOMEM, "import: out of memory");
}

void *pm_import__grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = n > SIZE_MAX / size ? NULL : pm__realloc(items, n * size);
    if (p != NULL)
        *cap = n;
    return p;
}

int pm_import__compare_text(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c != 0)
        return c;
    return alen < blen ? -1 : alen > blen;
}

pm_status pm_import__sort_rows(import_job *job, int (*cmp)(const void *, const void *))
{
    if (job->sorted == NULL) {
        job->sorted = pm__calloc(job->nrows ? job->nrows : 1, sizeof *job->sorted);
        if (job->sorted == NULL)
            return pm_import__out_of_memory(job);
    }
    for (size_t i = 0; i < job->nrows; i++)
        job->sorted[i] = &job->rows[i];
    qsort(job->sorted, job->nrows, sizeof *job->sorted, cmp);
    return PM_OK;
}

void pm_import__job_free(import_job *job)
{
    for (size_t r = 0; r < job->nrows; r++) {
        for (int c = 0; c < COL_COUNT; c++)
            pm__free(job->rows[r].text[c]);
        pm_person_free(job->rows[r].stored);
    }
    pm__free(job->rows);
    pm__free(job->sorted);
    pm__free(job->column_of);
    pm__free(job->names);
    pm__free(job->nodes);
    pm__free(job->ids.keys);
    pm__free(job->ids.values);
    pm__free(job->missing);
}
