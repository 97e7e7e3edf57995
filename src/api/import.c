/* Bulk import of an organisation from CSV: the public functions and the
 * order of the phases. A bad file changes nothing: every row is read and
 * checked on its own (import_read.c), then against the rest of the file
 * and the store (import_check.c), and only then is everything written
 * (import_write.c), in one transaction where any failure still rolls back. */
#include "import_internal.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "../util/buf.h"

pm_status pm_import_opts_init(pm_import_opts *opts, unsigned int version)
{
    static const pm_import_opts defaults = PM_IMPORT_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_IMPORT_OPTS_VERSION);
}

/* Checks the stats version and zeroes the counters, so a failed import
 * reports that nothing was done. */
static pm_status reset_stats(pm_session *s, pm_import_stats *stats)
{
    if (stats == NULL)
        return PM_OK;
    pm_status st = pm_api__check_version(s, "import_stats", stats->version,
                                         PM_IMPORT_STATS_VERSION);
    if (st != PM_OK)
        return st;
    unsigned int version = stats->version;
    memset(stats, 0, sizeof *stats);
    stats->version = version;
    return PM_OK;
}

static pm_status check_opts(pm_session *s, const pm_import_opts *opts)
{
    pm_status st = pm_api__check_version(s, "import_opts", opts->version,
                                         PM_IMPORT_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    unsigned int unknown = opts->flags & ~PM_IMPORT_MARK_MISSING_LEFT;
    if (unknown != 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "import_opts.flags: 0x%x holds flags this library does not know",
                             unknown);
    if (opts->date != PM_DATE_NONE && pm_date_to_ymd(opts->date, NULL, NULL, NULL) != PM_OK)
        return pm_error__set(&s->error, PM_ERANGE,
                             "import_opts.date: %ld is not a date in years 1 to 9999",
                             (long)opts->date);
    return PM_OK;
}

static pm_status run_import(import_job *job, const char *data, size_t len)
{
    pm_status st = pm_import__read(job, data, len);
    if (st != PM_OK)
        return st;
    /* The checks read the store inside the transaction, so what they see is
     * what the writes change. */
    st = pm_api__begin(job->s);
    if (st != PM_OK)
        return st;
    st = pm_import__check(job);
    if (st == PM_OK)
        st = pm_import__write(job);
    return pm_api__finish(job->s, st);
}

pm_status pm_import_csv(pm_session *s, const char *data, size_t len,
                        const pm_import_opts *opts, pm_import_stats *stats)
{
    PM_CHECK_SESSION(s);
    pm_status st = reset_stats(s, stats);
    if (st != PM_OK)
        return st;
    PM_CHECK_ARG(s, data != NULL || len == 0, "data");
    pm_import_opts defaults = PM_IMPORT_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    st = check_opts(s, opts);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_IMPORT, 0);
    if (st != PM_OK)
        return st;

    import_job job;
    memset(&job, 0, sizeof job);
    job.s = s;
    job.date = pm_api__date_or_today(s->db, opts->date);
    job.flags = opts->flags;
    job.stats.version = stats ? stats->version : PM_IMPORT_STATS_VERSION;
    st = run_import(&job, data ? data : "", len);
    if (st == PM_OK) {
        job.stats.rows = job.nrows;
        if (stats != NULL)
            *stats = job.stats;
    }
    pm_import__job_free(&job);
    return st;
}

static pm_status io_failed(pm_session *s, const char *path, int error)
{
    char reason[128];
    if (strerror_r(error, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", error);
    return pm_error__set(&s->error, PM_EIO, "%s: %s", path, reason);
}

static pm_status read_whole_file(pm_session *s, const char *path, pm_buf *buf)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return io_failed(s, path, errno);
    pm_status st = PM_OK;
    for (;;) {
        if (pm_buf__grow(buf, 65536) != PM_OK) {
            st = pm_error__set(&s->error, PM_ENOMEM, "%s: out of memory", path);
            break;
        }
        size_t n = fread(buf->data + buf->len, 1, buf->cap - buf->len - 1, f);
        buf->len += n;
        if (n == 0)
            break;
    }
    if (st == PM_OK && ferror(f))
        st = io_failed(s, path, errno);
    fclose(f);
    return st;
}

pm_status pm_import_csv_file(pm_session *s, const char *path, const pm_import_opts *opts,
                             pm_import_stats *stats)
{
    PM_CHECK_SESSION(s);
    pm_status st = reset_stats(s, stats);
    if (st != PM_OK)
        return st;
    PM_CHECK_ARG(s, path != NULL, "path");
    pm_buf buf = PM_BUF_INIT;
    st = read_whole_file(s, path, &buf);
    if (st == PM_OK)
        st = pm_import_csv(s, buf.data, buf.len, opts, stats);
    pm_buf__free(&buf);
    return st;
}
