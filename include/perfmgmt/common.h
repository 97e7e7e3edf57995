/**
 * @file perfmgmt/common.h
 * @brief Types, status codes, the allocator hook and the version query shared
 *        by every part of the perfmgmt API.
 *
 * @defgroup common Common types and errors
 * @{
 */
#ifndef PERFMGMT_COMMON_H
#define PERFMGMT_COMMON_H

#include <stddef.h>
#include <stdint.h>

#include "version.h"

#ifdef __cplusplus
#define PM_BEGIN_DECL extern "C" {
#define PM_END_DECL }
#else
/** Opens a block of C declarations (extern "C" under C++). */
#define PM_BEGIN_DECL
/** Closes a block opened by #PM_BEGIN_DECL. */
#define PM_END_DECL
#endif

/**
 * Declares a public function: exported from the shared library with default
 * visibility. Everything not declared with it stays hidden.
 */
#if defined(_WIN32) && defined(PERFMGMT_BUILDING)
#define PM_EXTERN(type) extern __declspec(dllexport) type
#elif defined(_WIN32) && !defined(PERFMGMT_STATIC)
#define PM_EXTERN(type) extern __declspec(dllimport) type
#elif defined(__GNUC__)
#define PM_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
#define PM_EXTERN(type) extern type
#endif

PM_BEGIN_DECL

/**
 * Identifier of a stored record (a person, a unit, ...). Always positive;
 * 0 means "none".
 */
typedef int64_t pm_id;

/**
 * A calendar date: days since 1970-01-01 in the proleptic Gregorian calendar.
 * #PM_DATE_NONE means "no date" (for example an open-ended period).
 */
typedef int32_t pm_date;

/** The "no date" value of #pm_date. */
#define PM_DATE_NONE INT32_MIN

/** An instant: seconds since 1970-01-01T00:00:00Z, ignoring leap seconds. */
typedef int64_t pm_time;

/**
 * Status codes. #PM_OK is zero; every error is negative. The values are
 * stable: codes are appended, never renumbered or reused.
 */
typedef enum pm_status {
    PM_OK = 0,              /**< Success. */
    PM_EINVAL = -1,         /**< An argument is invalid (NULL, empty, malformed). */
    PM_ENOTFOUND = -2,      /**< A referenced record does not exist. */
    PM_EPERM = -3,          /**< The acting session may not do this. */
    PM_ECONFLICT = -4,      /**< The change conflicts with stored data (a duplicate). */
    PM_ESTORAGE = -5,       /**< The storage backend failed. */
    PM_ENOMEM = -6,         /**< Memory could not be allocated. */
    PM_EUTF8 = -7,          /**< Text is not valid UTF-8 or holds a NUL byte. */
    PM_ERANGE = -8,         /**< A value is outside its allowed range (too long, too large). */
    PM_EBUSY = -9,          /**< The store is locked by another writer. */
    PM_EVERSION = -10,      /**< A version does not match (option struct, store schema). */
    PM_ECYCLE = -11,        /**< The change would create a cycle (manager chain, unit tree). */
    PM_ECORRUPT = -12,      /**< The store is damaged or is not a perfmgmt store. */
    PM_EREADONLY = -13,     /**< The store is read-only. */
    PM_EMISUSE = -14,       /**< The API was used out of order (commit without begin, ...). */
    PM_EUNSUPPORTED = -15,  /**< The backend or build does not support the operation. */
    PM_EIO = -16,           /**< A file could not be read or written. */
    PM_ITEROVER = -17,      /**< Not an error: an iterator has no more items. */
    PM_EHELD = -18          /**< A legal hold forbids the change (erasing a held person). */
} pm_status;

/**
 * Describes a status code in a few words ("not found").
 *
 * @param status any value; unknown codes give "unknown status".
 * @return a static string; never NULL.
 */
PM_EXTERN(const char *) pm_status_str(int status);

/**
 * The library's release version at run time.
 *
 * @param[out] major may be NULL.
 * @param[out] minor may be NULL.
 * @param[out] patch may be NULL.
 * @return the release as a static string, "MAJOR.MINOR.PATCH".
 */
PM_EXTERN(const char *) pm_version(int *major, int *minor, int *patch);

/** Version of #pm_allocator understood by this release. */
#define PM_ALLOCATOR_VERSION 1

/**
 * An allocator supplied by an embedder. All memory perfmgmt allocates goes
 * through it (memory that SQLite and utf8proc allocate internally does not).
 */
typedef struct pm_allocator {
    unsigned int version; /**< #PM_ALLOCATOR_VERSION. */
    /** Allocates @p size bytes; returns NULL on failure. */
    void *(*malloc)(size_t size, void *payload);
    /** Resizes @p ptr (NULL allocates); returns NULL on failure, leaving @p ptr intact. */
    void *(*realloc)(void *ptr, size_t size, void *payload);
    /** Releases @p ptr; NULL is allowed. */
    void (*free)(void *ptr, void *payload);
    void *payload; /**< Passed to each function. */
} pm_allocator;

/**
 * Replaces the allocator used by the whole library.
 *
 * This is the library's one piece of global state. Call it before any other
 * perfmgmt function, from one thread, and only when no perfmgmt object is
 * alive: memory must be freed by the allocator that allocated it.
 *
 * @param allocator the allocator, copied; NULL restores malloc/realloc/free.
 * @return #PM_OK, or #PM_EVERSION for an unknown version, or #PM_EINVAL when a
 *         function pointer is missing.
 */
PM_EXTERN(pm_status) pm_allocator_set(const pm_allocator *allocator);

/**
 * Frees a string or buffer that a perfmgmt function handed to the caller to
 * own (documented as "free with pm_free()").
 *
 * @param ptr may be NULL.
 */
PM_EXTERN(void) pm_free(void *ptr);

PM_END_DECL

/** @} */
#endif
