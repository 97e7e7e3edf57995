/**
 * @file perfmgmt/version.h
 * @brief Release version of perfmgmt, known at compile time.
 *
 * This header is the one place the release version is written; the build
 * reads it from here. The release version is separate from the ABI number
 * carried in the shared library's SONAME, which moves only on a break.
 *
 * @defgroup version Version
 * @{
 */
#ifndef PERFMGMT_VERSION_H
#define PERFMGMT_VERSION_H

/** Major release number. */
#define PM_VERSION_MAJOR 0
/** Minor release number. */
#define PM_VERSION_MINOR 1
/** Patch release number. */
#define PM_VERSION_PATCH 0
/** The release as a string, "MAJOR.MINOR.PATCH". */
#define PM_VERSION_STRING "0.1.0"
/** The release as one comparable number: MAJOR * 10000 + MINOR * 100 + PATCH. */
#define PM_VERSION_NUMBER \
    (PM_VERSION_MAJOR * 10000 + PM_VERSION_MINOR * 100 + PM_VERSION_PATCH)

/** @} */
#endif
