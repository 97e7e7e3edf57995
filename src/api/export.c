/* The public export calls: access, one transaction holding the reads and
 * the audit entry, the text, and for a file the write that leaves either
 * the whole export or nothing. */
#include "export_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit_internal.h"
#include "person_internal.h"

/* Sorted keys and indentation: equal data gives equal text, which diffs
 * well and lets a test compare two exports. */
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_SORT_KEYS)

static pm_status check_call(pm_session *s, pm_id person)
{
    pm_status st = pm_person__check(s, person, "person", 0);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PERSON_EXPORT, person);
    return st;
}

/* The document as text ending with a newline, in memory the caller frees
 * with pm__free. Jansson writes into our buffer, so the text never comes
 * from Jansson's allocator. */
static pm_status dump(char **out, pm_session *s, const json_t *root)
{
    *out = NULL;
    size_t size = json_dumpb(root, NULL, 0, DUMP_FLAGS);
    char *text = size > 0 ? pm__malloc(size + 2) : NULL;
    if (text == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "export: out of memory");
    if (json_dumpb(root, text, size, DUMP_FLAGS) != size) {
        pm__free(text);
        return pm_error__set(&s->error, PM_ENOMEM, "export: out of memory");
    }
    text[size] = '\n';
    text[size + 1] = '\0';
    *out = text;
    return PM_OK;
}

/* Reads the document and records the audit entry, inside the caller's
 * transaction. */
static pm_status export_text(char **out, pm_session *s, pm_id person)
{
    json_t *root = NULL;
    pm_status st = pm_export__document(&root, s, person);
    if (st == PM_OK)
        st = dump(out, s, root);
    json_decref(root);
    if (st == PM_OK)
        st = pm_audit__record(s, PM_AUDIT_EXPORT, PM_KIND_PERSON, person, 1);
    if (st != PM_OK) {
        pm__free(*out);
        *out = NULL;
    }
    return st;
}

pm_status pm_person_export_json(char **json, pm_session *s, pm_id person)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, json != NULL, "json");
    *json = NULL;
    pm_status st = check_call(s, person);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    char *text = NULL;
    st = pm_api__finish(s, export_text(&text, s, person));
    if (st == PM_OK)
        *json = text;
    else
        pm__free(text);
    return st;
}

/* ---- the file ---- */

static pm_status io_failed(pm_session *s, const char *what, const char *path, int error)
{
    char reason[128];
    if (strerror_r(error, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", error);
    return pm_error__set(&s->error, PM_EIO, "path: cannot %s '%s': %s", what, path, reason);
}

/* A new file next to path for the text, "<dir>/.perfmgmt-export-XXXXXX"
 * (a fixed name: a long path's name plus a suffix could pass NAME_MAX). */
static pm_status temp_name(char **out, pm_session *s, const char *path)
{
    static const char suffix[] = ".perfmgmt-export-XXXXXX";
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    char *name = pm__malloc(dir_len + sizeof suffix);
    if (name == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "export: out of memory");
    memcpy(name, path, dir_len);
    memcpy(name + dir_len, suffix, sizeof suffix);
    *out = name;
    return PM_OK;
}

static int write_all(int fd, const char *text, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, text, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        text += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Writes text into a new file next to path and flushes it; *temp receives
 * its name. On failure nothing is left. */
static pm_status write_temp(char **temp, pm_session *s, const char *path, const char *text)
{
    pm_status st = temp_name(temp, s, path);
    if (st != PM_OK)
        return st;
    /* mkstemp makes the file with mode 0600: it holds personal data. */
    int fd = mkstemp(*temp);
    if (fd < 0) {
        st = io_failed(s, "write", path, errno);
        pm__free(*temp);
        *temp = NULL;
        return st;
    }
    int error = write_all(fd, text, strlen(text));
    if (error == 0 && fsync(fd) != 0)
        error = errno;
    if (close(fd) != 0 && error == 0)
        error = errno;
    if (error != 0) {
        unlink(*temp);
        pm__free(*temp);
        *temp = NULL;
        return io_failed(s, "write", path, error);
    }
    return PM_OK;
}

/* Inside the transaction: the text, the file next to path, the audit
 * entry, the rename. *renamed says path now holds the export. */
static pm_status export_file(pm_session *s, pm_id person, const char *path, int *renamed)
{
    char *text = NULL;
    char *temp = NULL;
    pm_status st = export_text(&text, s, person);
    if (st == PM_OK)
        st = write_temp(&temp, s, path, text);
    pm__free(text);
    if (st == PM_OK && rename(temp, path) != 0) {
        st = io_failed(s, "write", path, errno);
        unlink(temp);
    }
    if (st == PM_OK)
        *renamed = 1;
    pm__free(temp);
    return st;
}

pm_status pm_person_export(pm_session *s, pm_id person, const char *path)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, path != NULL, "path");
    if (*path == '\0')
        return pm_error__set(&s->error, PM_EINVAL, "path: must not be empty");
    if (path[strlen(path) - 1] == '/')
        return pm_error__set(&s->error, PM_EINVAL, "path: '%s' names a directory, not a file",
                             path);
    pm_status st = check_call(s, person);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    int renamed = 0;
    st = pm_api__finish(s, export_file(s, person, path, &renamed));
    /* The audit entry did not last: neither may the file. */
    if (st != PM_OK && renamed)
        unlink(path);
    return st;
}
