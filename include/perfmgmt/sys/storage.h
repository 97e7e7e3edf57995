/**
 * @file perfmgmt/sys/storage.h
 * @brief The storage interface: what a backend implements so that perfmgmt
 *        can keep its records in it.
 *
 * perfmgmt declares its schema as data (#pm_schema): record kinds with typed
 * fields and ordered indexes. A backend turns the schema into its own form
 * (SQLite: real tables, columns and indexes; memory: arrays and ordered
 * indexes) and offers a handful of operations: transactions, insert, update,
 * remove, get by id, an ordered scan over an index, and optionally an
 * insert of many rows at once.
 *
 * A backend is a struct that begins with #pm_storage, filled with its
 * functions, usually embedded as the first member of the backend's own
 * struct. Pass it to pm_db_open_storage(); the db then owns it and calls
 * pm_storage::free when closed.
 *
 * Rules every backend follows (the conformance suite in tests/storage checks
 * them):
 * - Records have a positive 64-bit id, unique within their kind, that the
 *   backend assigns on insert. An id is never issued twice, not even one
 *   whose insert was rolled back (callers may have handed it on); only a
 *   crash inside a transaction may lose that memory.
 * - Field values have the declared type or are NULL. #PM_FIELD_DATE values
 *   travel as integers (days since 1970-01-01); a backend may store them in
 *   any form that keeps their order.
 * - Scans return rows ordered by the index fields, then by id. NULL sorts
 *   before every value; integers, dates and reals compare numerically; text
 *   and blobs compare bytewise (memcmp, shorter first on a tie), which for
 *   UTF-8 is code point order. So a range with only an upper bound includes
 *   the NULLs, and any lower bound excludes them.
 * - A kind has at most #PM_KIND_MAX_FIELDS (64) fields; update() names the
 *   fields it writes with the bits of a 64-bit mask.
 * - Indexed text and blob values stay under 1000 bytes (what every SQL
 *   engine can index); unindexed values may be megabytes.
 * - A unique index refuses a second row with equal values in all its fields
 *   (#PM_ECONFLICT); rows with a NULL in an indexed field never conflict.
 * - Transactions nest: begin() inside a transaction opens a savepoint,
 *   rollback() undoes back to the innermost begin(), commit() of the
 *   outermost level makes the changes durable.
 * - Writes outside a transaction are refused with #PM_EMISUSE. A failed
 *   call leaves the transaction open and usable. Once the outermost
 *   commit() returns, other instances on the same store see the changes.
 * - One #pm_storage is used by one thread at a time, unless it sets
 *   #PM_STORAGE_CAP_CONCURRENT_READ: then get() and scan() may run from
 *   several threads at once while nothing writes. A backend whose store can
 *   be opened by several instances at once (one per thread, on the same
 *   file) sets #PM_STORAGE_CAP_SHARED_READ.
 * - Row values passed to a callback (of get() or scan()) are borrowed: valid
 *   only during the call. A callback must not call back into the same
 *   #pm_storage; its return value means the same for get() as for scan().
 * - On failure a function returns a negative #pm_status and errmsg() then
 *   describes it (with concurrent readers, possibly another reader's failure).
 *
 * @defgroup storage Storage interface
 * @{
 */
#ifndef PERFMGMT_SYS_STORAGE_H
#define PERFMGMT_SYS_STORAGE_H

#include "../common.h"

PM_BEGIN_DECL

/**
 * Version of #pm_storage this release fills in. Version 2 added
 * pm_storage::insert_many, version 3 pm_storage::scan_batch, version 4
 * pm_storage::change_stamp, version 5 pm_storage::scan_merged; a backend
 * of an earlier version (which ends before them) is still accepted: its
 * inserts are made one at a time, and so are its scans, nothing read is
 * kept from one transaction to the next, and the library merges ordered
 * scans itself.
 */
#define PM_STORAGE_VERSION 5

/** Type of a field in a record kind. */
typedef enum pm_field_type {
    PM_FIELD_INT = 1,  /**< 64-bit signed integer (also ids and booleans). */
    PM_FIELD_REAL = 2, /**< IEEE double. */
    PM_FIELD_TEXT = 3, /**< UTF-8 text without NUL bytes. */
    PM_FIELD_BLOB = 4, /**< Bytes. */
    PM_FIELD_DATE = 5, /**< A #pm_date, carried as an integer. */
    PM_FIELD_TIME = 6  /**< A #pm_time, carried as an integer. */
} pm_field_type;

/** Field flag: the field is never NULL. */
#define PM_FIELD_NOT_NULL 0x1u

/** A field of a record kind. */
typedef struct pm_field_def {
    const char *name;       /**< Column name: lower case letters, digits and '_'. */
    pm_field_type type;     /**< The field's type. */
    unsigned int flags;     /**< #PM_FIELD_NOT_NULL or 0. */
    unsigned int since;     /**< Schema version that added the field (1 for the first). */
} pm_field_def;

/** Index flag: no two rows may share the indexed values. */
#define PM_INDEX_UNIQUE 0x1u

/** Most fields one index may cover. */
#define PM_INDEX_MAX_FIELDS 6

/** An ordered index over one to #PM_INDEX_MAX_FIELDS fields of a kind. */
typedef struct pm_index_def {
    const char *name;       /**< Index name, unique within the schema. */
    unsigned int nfields;   /**< Number of fields covered. */
    unsigned int fields[PM_INDEX_MAX_FIELDS]; /**< Field positions in the kind, most significant first. */
    unsigned int flags;     /**< #PM_INDEX_UNIQUE or 0. */
    unsigned int since;     /**< Schema version that added the index. */
} pm_index_def;

/** Most fields one kind may have: update() names the fields it writes with
 *  the bits of a uint64_t, so prepare() refuses a kind with more
 *  (#PM_EINVAL). */
#define PM_KIND_MAX_FIELDS 64

/** Field mask for pm_storage::update(): write every field of the kind. */
#define PM_UPDATE_ALL_FIELDS (~(uint64_t)0)

/** Field mask for pm_storage::update(): the bit of field position @p i
 *  (0 to #PM_KIND_MAX_FIELDS - 1). */
#define PM_UPDATE_FIELD(i) ((uint64_t)1 << (i))

/** A kind of record: a table. */
typedef struct pm_kind_def {
    const char *name;               /**< Table name. */
    unsigned int nfields;           /**< Number of fields: at most #PM_KIND_MAX_FIELDS. */
    const pm_field_def *fields;     /**< The fields, in order. */
    unsigned int nindexes;          /**< Number of indexes. */
    const pm_index_def *indexes;    /**< The indexes. */
    unsigned int since;             /**< Schema version that added the kind. */
} pm_kind_def;

/**
 * A whole schema. A later version only adds kinds, fields and indexes (each
 * marked with the version that added it), so a backend can migrate a store
 * forward by creating what is missing.
 */
typedef struct pm_schema {
    unsigned int version;           /**< Schema version, 1 and up. */
    unsigned int nkinds;            /**< Number of kinds. */
    const pm_kind_def *kinds;       /**< The kinds; a kind is named by its position. */
    /**
     * Number of pm_schema::stamped kinds. Added with version 4 of the
     * storage interface: only a backend that offers
     * pm_storage::change_stamp reads it.
     */
    unsigned int nstamped;
    /**
     * The kinds (positions) whose writes pm_storage::change_stamp answers
     * for: the library keeps what it reads of them from one transaction to
     * the next while the stamp stays the same.
     */
    const unsigned int *stamped;
} pm_schema;

/** Type tag of a #pm_value. */
typedef enum pm_value_type {
    PM_VALUE_NULL = 0, /**< No value. */
    PM_VALUE_INT = 1,  /**< Integer in pm_value::v.i (also for dates and times). */
    PM_VALUE_REAL = 2, /**< Double in pm_value::v.r. */
    PM_VALUE_TEXT = 3, /**< Text in pm_value::v.b (not NUL-terminated). */
    PM_VALUE_BLOB = 4  /**< Bytes in pm_value::v.b. */
} pm_value_type;

/** One field's value. */
typedef struct pm_value {
    pm_value_type type; /**< Which member of pm_value::v is set. */
    /** The value. */
    union {
        int64_t i; /**< #PM_VALUE_INT. */
        double r;  /**< #PM_VALUE_REAL. */
        /** #PM_VALUE_TEXT and #PM_VALUE_BLOB. */
        struct {
            const void *data; /**< The bytes; may be NULL when len is 0. */
            size_t len;       /**< Number of bytes. */
        } b;
    } v;
} pm_value;

/** A row handed to a #pm_storage_row_cb. Borrowed: valid during the call only. */
typedef struct pm_row {
    pm_id id;                /**< The record's id. */
    unsigned int nvalues;    /**< Number of values: the kind's field count. */
    const pm_value *values;  /**< Values in field order. */
} pm_row;

/**
 * Receives one row.
 *
 * @return 0 to go on, a positive value to stop the scan early (the scan then
 *         returns #PM_OK), or a negative #pm_status to stop with that error.
 */
typedef int (*pm_storage_row_cb)(const pm_row *row, void *payload);

/** Index number that means "the primary key": scan in id order. */
#define PM_SCAN_BY_ID 0xFFFFFFFFu

/** Scan flag: the lower bound is exclusive. */
#define PM_SCAN_LO_EXCLUSIVE 0x1u
/** Scan flag: the upper bound is exclusive. */
#define PM_SCAN_HI_EXCLUSIVE 0x2u
/** Scan flag: return rows in descending order (by index fields, then id). */
#define PM_SCAN_DESC 0x4u
/**
 * Scan flag: the callback reads only the index's fields and the id, so a
 * backend may leave every other value NULL and answer from the index alone
 * (a covering index scan); one that cannot ignores the flag.
 */
#define PM_SCAN_INDEX_ONLY 0x8u
/**
 * Scan flag: the callback does not read the rows' ids, so a backend may
 * hand over 0 instead of reading each one (added in version 2; the library
 * sets it only for backends of version 2 and later).
 */
#define PM_SCAN_NO_ID 0x10u

/**
 * An ordered scan over one index: rows whose leading index fields equal
 * pm_scan::eq, and whose next field lies between pm_scan::lo and pm_scan::hi.
 * For #PM_SCAN_BY_ID, pm_scan::neq must be 0 and the range applies to the id.
 */
typedef struct pm_scan {
    unsigned int kind;       /**< Kind position in the schema. */
    unsigned int index;      /**< Index position in the kind, or #PM_SCAN_BY_ID. */
    unsigned int neq;        /**< Number of leading fields matched for equality (0 to nfields). */
    const pm_value *eq;      /**< The equality values; a NULL value matches NULL fields. */
    const pm_value *lo;      /**< Lower bound on field number neq (neq < nfields), or NULL for none; a NULL value is the lowest value. */
    const pm_value *hi;      /**< Upper bound on field number neq (neq < nfields), or NULL for none; a NULL value is the lowest value. */
    unsigned int flags;      /**< PM_SCAN_* flags. */
    uint64_t limit;          /**< Most rows to return; 0 for no limit. */
} pm_scan;

/** One scan of a batch (pm_storage::scan_batch), and where its rows go. */
typedef struct pm_scan_item {
    const pm_scan *scan;        /**< The scan. */
    pm_storage_row_cb cb;       /**< Receives its rows. */
    void *payload;              /**< Passed to pm_scan_item::cb. */
} pm_scan_item;

/** Most scans of one #pm_scan_merge. */
#define PM_SCAN_MERGE_MAX 8

/**
 * Scans of one kind read as one ordered stream (pm_storage::scan_merged):
 * the rows of their union, each row once, in order, at most
 * pm_scan_merge::limit of them.
 *
 * A scan over an index hands over its rows ordered by the index's fields
 * after its equality prefix, then by id; a scan #PM_SCAN_BY_ID, or one
 * whose prefix covers its whole index, by id alone. The scans of a merge
 * all have one such order (the same fields, all ascending or all
 * #PM_SCAN_DESC), and the union comes in it. Each scan's bounds and limit
 * still choose its own rows; #PM_SCAN_INDEX_ONLY and #PM_SCAN_NO_ID are
 * hints a merge may ignore.
 */
typedef struct pm_scan_merge {
    const pm_scan *scans;   /**< The scans. */
    unsigned int count;     /**< Number of scans, 1 to #PM_SCAN_MERGE_MAX. */
    uint64_t limit;         /**< Most rows of the union to hand over; 0 for no limit. */
    pm_storage_row_cb cb;   /**< Receives the rows. */
    void *payload;          /**< Passed to pm_scan_merge::cb. */
} pm_scan_merge;

/** Capability: several threads may read one store, each through its own #pm_storage. */
#define PM_STORAGE_CAP_SHARED_READ 0x1u
/** Capability: get() and scan() of one instance may run in several threads at once while nothing writes. */
#define PM_STORAGE_CAP_CONCURRENT_READ 0x4u
/** Capability: the store survives closing (it is a file or a server). */
#define PM_STORAGE_CAP_DURABLE 0x2u

/** A storage backend instance: one open store. */
typedef struct pm_storage pm_storage;

/** A storage backend instance: one open store. */
struct pm_storage {
    unsigned int version;       /**< #PM_STORAGE_VERSION. */
    const char *name;           /**< Backend name ("sqlite", "memory", ...). */
    unsigned int capabilities;  /**< PM_STORAGE_CAP_* flags. */

    /**
     * Makes the store hold @p schema: creates it when empty, migrates it
     * forward in one transaction when it holds an older version. Called once,
     * right after the backend is opened, before any other function.
     *
     * @return #PM_OK; #PM_EVERSION when the store holds a newer schema;
     *         #PM_ECORRUPT when it is not a perfmgmt store; #PM_EREADONLY
     *         when it must change but cannot be written.
     */
    pm_status (*prepare)(pm_storage *storage, const pm_schema *schema);

    /** Reports the schema version the store held before prepare() (0 when new). */
    pm_status (*stored_version)(pm_storage *storage, unsigned int *out);

    /** Opens a transaction, or a savepoint inside one. */
    pm_status (*begin)(pm_storage *storage);
    /** Closes the innermost level; the outermost makes changes durable. */
    pm_status (*commit)(pm_storage *storage);
    /** Undoes the innermost level's changes and closes it. */
    pm_status (*rollback)(pm_storage *storage);

    /**
     * Inserts a record.
     *
     * @param values one per field of the kind, in field order.
     * @param[out] id the new record's id.
     */
    pm_status (*insert)(pm_storage *storage, unsigned int kind,
                        const pm_value *values, pm_id *id);
    /**
     * Writes some or all fields of record @p id; the others keep their values.
     *
     * Bit i of @p fields (PM_UPDATE_FIELD(i)) set means: write field i from
     * values[i]. Other positions of @p values are not read, so they may
     * hold anything, a NULL in a #PM_FIELD_NOT_NULL field included; bits at
     * and above the kind's field count are ignored. #PM_UPDATE_ALL_FIELDS
     * writes every field (replaces the row). Type and NOT NULL checks apply
     * to the written fields only. A unique index refuses the row as it
     * would be after the write (#PM_ECONFLICT), so only an index that
     * covers a written field can newly conflict. On any failure nothing is
     * written.
     *
     * A backend should make an update cost what it writes: indexes that
     * cover no written field keep their entries untouched.
     *
     * With @p fields 0 (or only ignored bits) nothing is written and
     * @p values may be NULL; the call still checks that the record exists.
     *
     * @param values read at the positions @p fields selects; may be NULL
     *        when it selects none.
     * @param fields the fields to write: a mask of PM_UPDATE_FIELD() bits,
     *        or #PM_UPDATE_ALL_FIELDS.
     * @return #PM_OK; #PM_ENOTFOUND when the record is absent; #PM_EINVAL
     *         for a value that does not fit its field; #PM_ECONFLICT.
     */
    pm_status (*update)(pm_storage *storage, unsigned int kind, pm_id id,
                        const pm_value *values, uint64_t fields);
    /** Removes record @p id; #PM_ENOTFOUND when absent. */
    pm_status (*remove)(pm_storage *storage, unsigned int kind, pm_id id);
    /** Hands record @p id to @p cb; #PM_ENOTFOUND when absent. */
    pm_status (*get)(pm_storage *storage, unsigned int kind, pm_id id,
                     pm_storage_row_cb cb, void *payload);
    /** Hands each row the scan selects to @p cb, in order. */
    pm_status (*scan)(pm_storage *storage, const pm_scan *scan,
                      pm_storage_row_cb cb, void *payload);

    /** Describes the last failure; never NULL; valid until the next call. */
    const char *(*errmsg)(pm_storage *storage);
    /** Closes the store (rolling back an open transaction) and frees the instance. */
    void (*free)(pm_storage *storage);

    /**
     * Inserts @p count records of one kind, in order, as insert() would one
     * by one (their ids follow that order), for a backend that can write
     * many rows for less than many calls; the library uses it for the
     * audit trail. Optional: NULL (and every backend of version 1) makes
     * the library call insert() for each row. Added in version 2.
     *
     * The library calls it inside a transaction and, when it fails, rolls
     * that transaction back: rows inserted before the failure need not be
     * taken back.
     *
     * @param values @p count rows of the kind's fields, in field order, one
     *        row after the other.
     * @param count the number of rows, 1 or more.
     * @return as insert().
     */
    pm_status (*insert_many)(pm_storage *storage, unsigned int kind,
                             const pm_value *values, size_t count);

    /**
     * Runs @p count scans as scan() would run them one after the other,
     * each row to its item's callback, for a backend that can run many
     * scans for less than many calls (a server: one round trip for all).
     * The library uses it where it knows several scans before it reads
     * their rows. Optional: NULL (and every backend before version 3)
     * makes the library call scan() for each item. Added in version 3.
     *
     * A callback's positive return stops its own scan: the batch goes on
     * with the next item. A negative #pm_status stops the batch, which
     * returns it. A scan that fails stops the batch too; rows handed over
     * before stay handed over.
     *
     * @param items @p count scans, in the order their rows are handed over.
     * @param count the number of scans, 1 or more.
     * @return as scan().
     */
    pm_status (*scan_batch)(pm_storage *storage, const pm_scan_item *items, size_t count);

    /**
     * Reads the change stamp of the pm_schema::stamped kinds, as the
     * current transaction sees the store: a number that differs between
     * two reads, each made inside a transaction before it writes anything,
     * whenever another instance committed a write of one of those kinds
     * between the snapshots they see. Writes through this instance may
     * change it or not. With it, the library keeps what it read of those
     * kinds across transactions, and reads the stamp once per transaction
     * that would use it (for a server: one round trip instead of many).
     * Optional: NULL (and every backend before version 4) makes the
     * library keep nothing from one transaction to the next. Added in
     * version 4.
     *
     * @param[out] out the stamp.
     * @return #PM_OK; #PM_EUNSUPPORTED when this store cannot tell (the
     *         library then keeps nothing across transactions); another
     *         status when the read failed.
     */
    pm_status (*change_stamp)(pm_storage *storage, uint64_t *out);

    /**
     * Runs @p count merges (#pm_scan_merge) one after the other, each
     * one's rows to its callback, as scan_batch() runs scans, for a backend
     * that can merge ordered scans where the rows lie (a server: only the
     * rows of the union's limit cross the network, and the batch is one
     * round trip). The library uses it where several scans feed one list.
     * Optional: NULL (and every backend before version 5) makes the
     * library run the merges' scans as one batch, each scan's rows to its
     * merge's callback, and merge them itself. Added in version 5.
     *
     * A callback's positive return stops its own merge: the batch goes on
     * with the next. A negative #pm_status stops the batch, which returns
     * it. A merge that fails stops the batch too; rows handed over before
     * stay handed over.
     *
     * @param merges @p count merges, in the order their rows are handed over.
     * @param count the number of merges, 1 or more.
     * @return as scan(); #PM_EINVAL also for a merge of no scans or more
     *         than #PM_SCAN_MERGE_MAX, or whose scans differ in kind or order.
     */
    pm_status (*scan_merged)(pm_storage *storage, const pm_scan_merge *merges, size_t count);
};

/**
 * Opens the in-memory backend: an empty store private to this instance,
 * gone when freed.
 *
 * @param[out] out the backend instance.
 * @return #PM_OK, #PM_EINVAL, #PM_ENOMEM.
 */
PM_EXTERN(pm_status) pm_storage_memory_open(pm_storage **out);

/** Flag for pm_storage_sqlite_open(): open the file read-only. */
#define PM_SQLITE_READONLY 0x1u
/** Flag for pm_storage_sqlite_open(): fail when the file does not exist. */
#define PM_SQLITE_NOCREATE 0x2u

/**
 * Opens the SQLite backend on a file.
 *
 * Settings, chosen for an embedded HR store: WAL journal, synchronous=NORMAL
 * (durable at checkpoint, never corrupt), foreign keys on, a 5 s busy
 * timeout, a 64 MiB page cache (bulk inserts with two indexes ran 2x to 2.3x
 * faster than with SQLite's 2 MiB default), temporary data in memory,
 * prepared statements kept per instance. The file carries the perfmgmt
 * application id (0x504D474D, "PMGM") and the schema version (PRAGMA
 * application_id and user_version); a file that is not SQLite, or an SQLite
 * file of another application, is refused and left untouched. Threads: one
 * instance per thread; many instances may read one file at once (WAL), and
 * writers take turns, each waiting up to the busy timeout.
 *
 * @param[out] out the backend instance; NULL on failure.
 * @param path file name (":memory:" for a private in-memory SQLite database).
 * @param flags PM_SQLITE_* flags.
 * @param[out] errmsg on failure, if not NULL, receives a message to free with
 *             pm_free() (or NULL when memory ran out).
 * @return #PM_OK, #PM_EINVAL, #PM_ENOMEM, #PM_EIO (cannot open, or a missing
 *         file with #PM_SQLITE_NOCREATE or #PM_SQLITE_READONLY),
 *         #PM_ECORRUPT (not an SQLite file), #PM_EREADONLY, #PM_EBUSY (locked
 *         by another connection past the busy timeout).
 */
PM_EXTERN(pm_status) pm_storage_sqlite_open(pm_storage **out, const char *path,
                                            unsigned int flags, char **errmsg);

/** Flag for pm_storage_postgresql_open(): open read-only (every transaction
 *  is read-only; a store that would need creating or migrating is refused). */
#define PM_POSTGRESQL_READONLY 0x1u
/** Flag for pm_storage_postgresql_open(): fail when the tenant's schema holds
 *  no perfmgmt store yet. */
#define PM_POSTGRESQL_NOCREATE 0x2u

/**
 * Opens the PostgreSQL backend on one tenant of a database.
 *
 * @p conninfo is any libpq connection string: a URI
 * ("postgresql://user@host:5432/hr?sslmode=require") or keyword/value pairs
 * ("host=/run/postgresql dbname=hr"). One more parameter, read and removed
 * before libpq sees the string, names the tenant: @c schema (URI query
 * "?schema=acme", or "schema=acme" among the pairs). Each tenant's tables
 * live in its own PostgreSQL schema, created when missing (default:
 * "public"); a connection reaches no other tenant's tables. Schema names
 * are lower case letters, digits and '_', starting with a letter, at most 63
 * bytes.
 *
 * The store is real tables (one per record kind, with typed columns, NOT
 * NULL constraints and the schema's indexes) that psql can read, plus a
 * table perfmgmt_meta holding the schema version; it is created and
 * migrated in one transaction, and a store of a newer version is refused
 * (#PM_EVERSION). Dates are stored as PostgreSQL @c date and times as
 * @c timestamptz.
 *
 * Statements are prepared once per connection; inserts into kinds without
 * a unique index travel in libpq pipeline mode inside a transaction, and
 * ids come from each kind's sequence in blocks of 64, so a batch costs a
 * round trip per 64 rows, not per row. Large scans stream row by row, so
 * memory stays bounded. Transactions run at REPEATABLE READ: one snapshot
 * each, and a change to a record another transaction changed since fails
 * (#PM_EBUSY) rather than overwriting it. Waiting for another writer's
 * lock ends after 5 s with #PM_EBUSY. A serialization failure or deadlock outside a transaction
 * is retried a few times; inside one, the server has rolled the transaction
 * back and the call reports #PM_EBUSY (the caller retries the whole group).
 * A lost connection fails the call with #PM_ESTORAGE; the server rolls back
 * any open transaction, and the first call after the caller's rollback
 * reconnects (a read outside a transaction reconnects and runs again at
 * once). Dates are kept in the years 1 to 9999, as in the SQLite backend;
 * text must be valid UTF-8.
 *
 * Threads: one instance per thread (one connection each); many instances,
 * in many processes and machines, may use one tenant at once.
 *
 * Built only when libpq is found at build time; otherwise this returns
 * #PM_EUNSUPPORTED.
 *
 * @param[out] out the backend instance; NULL on failure.
 * @param conninfo the connection string, with an optional schema parameter.
 * @param flags PM_POSTGRESQL_* flags.
 * @param[out] errmsg on failure, if not NULL, receives a message to free with
 *             pm_free() (or NULL when memory ran out).
 * @return #PM_OK, #PM_EINVAL (a malformed string or schema name),
 *         #PM_ENOMEM, #PM_EIO (cannot connect), #PM_ENOTFOUND (no store and
 *         #PM_POSTGRESQL_NOCREATE), #PM_EUNSUPPORTED (built without libpq,
 *         or a server older than PostgreSQL 10). The store itself is read
 *         by prepare() (which pm_db_open() runs at once): it returns
 *         #PM_ECORRUPT (the schema holds tables that are not a perfmgmt
 *         store), #PM_EVERSION, #PM_EREADONLY.
 */
PM_EXTERN(pm_status) pm_storage_postgresql_open(pm_storage **out, const char *conninfo,
                                                unsigned int flags, char **errmsg);

PM_END_DECL

/** @} */
#endif
