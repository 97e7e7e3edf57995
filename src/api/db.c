#include "internal.h"

#include <string.h>

pm_status pm_db_opts_init(pm_db_opts *opts, unsigned int version)
{
    static const pm_db_opts defaults = PM_DB_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_DB_OPTS_VERSION);
}

static pm_status open_with(pm_db **out, char **errmsg, pm_storage *storage, unsigned int flags)
{
    if (storage->version != PM_STORAGE_VERSION) {
        unsigned int version = storage->version;
        storage->free(storage);
        return pm_error__dup(errmsg, PM_EVERSION,
                             "storage.version: %u is not supported (expected %u)",
                             version, PM_STORAGE_VERSION);
    }
    pm_db *db = pm__calloc(1, sizeof *db);
    if (db == NULL) {
        storage->free(storage);
        return pm_error__dup(errmsg, PM_ENOMEM, "db: out of memory");
    }
    db->storage = storage;
    db->schema = pm_schema__get();
    db->flags = flags;
    pm_status st = storage->prepare(storage, db->schema);
    if (st != PM_OK) {
        pm_error__dup(errmsg, st, "store: %s", storage->errmsg(storage));
        storage->free(storage);
        pm__free(db);
        return st;
    }
    *out = db;
    return PM_OK;
}

pm_status pm_db_open_storage(pm_db **out, char **errmsg, pm_storage *storage)
{
    if (errmsg)
        *errmsg = NULL;
    if (out == NULL || storage == NULL) {
        if (storage)
            storage->free(storage);
        return pm_error__dup(errmsg, PM_EINVAL, "%s: must not be NULL", out ? "storage" : "out");
    }
    *out = NULL;
    return open_with(out, errmsg, storage, 0);
}

pm_status pm_db_open(pm_db **out, char **errmsg, const char *uri, const pm_db_opts *opts)
{
    if (errmsg)
        *errmsg = NULL;
    if (out == NULL)
        return pm_error__dup(errmsg, PM_EINVAL, "out: must not be NULL");
    *out = NULL;
    if (uri == NULL)
        return pm_error__dup(errmsg, PM_EINVAL, "uri: must not be NULL");
    pm_db_opts defaults = PM_DB_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    if (opts->version < 1 || opts->version > PM_DB_OPTS_VERSION)
        return pm_error__dup(errmsg, PM_EVERSION,
                             "db_opts.version: %u is not a version this library knows (expected %u)",
                             opts->version, PM_DB_OPTS_VERSION);

    pm_storage *storage = NULL;
    pm_status st;
    if (strcmp(uri, "memory:") == 0) {
        if (opts->flags & PM_DB_NOCREATE)
            return pm_error__dup(errmsg, PM_ENOTFOUND,
                                 "uri: a memory store never exists before it is opened");
        st = pm_storage_memory_open(&storage);
        if (st != PM_OK)
            return pm_error__dup(errmsg, st, "memory: cannot open (%s)", pm_status_str(st));
    } else if (strncmp(uri, "sqlite:", 7) == 0) {
        const char *path = uri + 7;
        if (*path == '\0')
            return pm_error__dup(errmsg, PM_EINVAL, "uri: 'sqlite:' needs a file name");
        unsigned int flags = 0;
        if (opts->flags & PM_DB_READONLY)
            flags |= PM_SQLITE_READONLY;
        if (opts->flags & PM_DB_NOCREATE)
            flags |= PM_SQLITE_NOCREATE;
        char *message = NULL;
        st = pm_storage_sqlite_open(&storage, path, flags, &message);
        if (st != PM_OK) {
            pm_error__dup(errmsg, st, "%s: %s", path, message ? message : pm_status_str(st));
            pm__free(message);
            return st;
        }
    } else {
        return pm_error__dup(errmsg, PM_EINVAL,
                             "uri: '%s' names no known store (use 'memory:' or 'sqlite:PATH')", uri);
    }
    return open_with(out, errmsg, storage, opts->flags);
}

void pm_db_close(pm_db *db)
{
    if (db == NULL)
        return;
    db->storage->free(db->storage);
    pm__free(db);
}

const char *pm_db_errmsg(const pm_db *db)
{
    return db ? db->error.message : "db: NULL handle";
}

pm_status pm_db_set_clock(pm_db *db, pm_clock_fn clock, void *payload)
{
    if (db == NULL)
        return PM_EINVAL;
    pm_error__clear(&db->error);
    db->clock = clock;
    db->clock_payload = payload;
    return PM_OK;
}

pm_time pm_db_now(const pm_db *db)
{
    return db ? pm_api__now(db) : 0;
}
