#include "internal.h"

#include <stddef.h>
#include <string.h>

#include "../util/random.h"
#include "../util/sha256.h"
#include "audit_buffer.h"
#include "org_cache.h"

/* Bytes of the random secret an in-memory store makes for itself. */
#define RANDOM_SECRET_LEN 32

pm_status pm_db_opts_init(pm_db_opts *opts, unsigned int version)
{
    static const pm_db_opts defaults = PM_DB_OPTS_INIT;
    /* A version 1 caller's struct ends before secret. */
    size_t size = version == 1 ? offsetof(pm_db_opts, secret) : sizeof defaults;
    return pm_api__opts_init(opts, &defaults, size, version, PM_DB_OPTS_VERSION);
}

/* The secret the caller passed; version 1 options have none. */
static pm_status opts_secret(const void **secret, size_t *len, char **errmsg,
                             const pm_db_opts *opts)
{
    *secret = NULL;
    *len = 0;
    if (opts->version < 2 || (opts->secret == NULL && opts->secret_len == 0))
        return PM_OK;
    if (opts->secret == NULL)
        return pm_error__dup(errmsg, PM_EINVAL,
                             "db_opts.secret: NULL, but secret_len is %zu", opts->secret_len);
    if (opts->secret_len < PM_DB_SECRET_MIN)
        return pm_error__dup(errmsg, PM_EINVAL,
                             "db_opts.secret: %zu bytes, fewer than the %d needed",
                             opts->secret_len, PM_DB_SECRET_MIN);
    *secret = opts->secret;
    *len = opts->secret_len;
    return PM_OK;
}

/* Copies the caller's secret, or makes a random one for a store that dies
 * with the db (nothing outlives it that a later secret would have to
 * match). A durable store without a secret keeps none: anonymous feedback
 * is then refused rather than keyed by something the next open would not
 * know. So is it when the system has no random source. */
static pm_status set_secret(pm_db *db, char **errmsg, const void *secret, size_t len)
{
    unsigned char random_secret[RANDOM_SECRET_LEN];
    if (secret == NULL) {
        if (db->storage->capabilities & PM_STORAGE_CAP_DURABLE)
            return PM_OK;
        if (pm_random__bytes(random_secret, sizeof random_secret) != PM_OK)
            return PM_OK;
        secret = random_secret;
        len = sizeof random_secret;
    }
    db->secret = pm__malloc(len);
    if (db->secret != NULL) {
        memcpy(db->secret, secret, len);
        db->secret_len = len;
    }
    pm_sha256__wipe(random_secret, sizeof random_secret);
    if (db->secret == NULL)
        return pm_error__dup(errmsg, PM_ENOMEM, "db: out of memory");
    return PM_OK;
}

static void db_free(pm_db *db)
{
    pm_org_cache__free(db);
    pm_audit_buffer__free(db);
    db->storage->free(db->storage);
    if (db->secret != NULL)
        pm_sha256__wipe(db->secret, db->secret_len);
    pm__free(db->secret);
    pm__free(db);
}

static pm_status open_with(pm_db **out, char **errmsg, pm_storage *storage, unsigned int flags,
                           const void *secret, size_t secret_len)
{
    if (storage->version < 1 || storage->version > PM_STORAGE_VERSION) {
        unsigned int version = storage->version;
        storage->free(storage);
        return pm_error__dup(errmsg, PM_EVERSION,
                             "storage.version: %u is not supported (expected 1 to %u)",
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
        db_free(db);
        return st;
    }
    st = set_secret(db, errmsg, secret, secret_len);
    if (st != PM_OK) {
        db_free(db);
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
    return open_with(out, errmsg, storage, 0, NULL, 0);
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
    const void *secret = NULL;
    size_t secret_len = 0;
    pm_status st = opts_secret(&secret, &secret_len, errmsg, opts);
    if (st != PM_OK)
        return st;

    pm_storage *storage = NULL;
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
    } else if (strncmp(uri, "postgresql:", 11) == 0 || strncmp(uri, "postgres:", 9) == 0) {
        /* A URI goes to libpq whole; "postgresql:" before keyword/value
         * pairs only says which backend. */
        const char *conninfo = uri;
        if (strncmp(uri, "postgresql://", 13) != 0 && strncmp(uri, "postgres://", 11) != 0)
            conninfo = strchr(uri, ':') + 1;
        unsigned int flags = 0;
        if (opts->flags & PM_DB_READONLY)
            flags |= PM_POSTGRESQL_READONLY;
        if (opts->flags & PM_DB_NOCREATE)
            flags |= PM_POSTGRESQL_NOCREATE;
        char *message = NULL;
        st = pm_storage_postgresql_open(&storage, conninfo, flags, &message);
        if (st != PM_OK) {
            pm_error__dup(errmsg, st, "%s", message ? message : pm_status_str(st));
            pm__free(message);
            return st;
        }
    } else {
        return pm_error__dup(errmsg, PM_EINVAL,
                             "uri: '%s' names no known store (use 'memory:', 'sqlite:PATH' "
                             "or 'postgresql://...')", uri);
    }
    return open_with(out, errmsg, storage, opts->flags, secret, secret_len);
}

void pm_db_close(pm_db *db)
{
    if (db == NULL)
        return;
    db_free(db);
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
