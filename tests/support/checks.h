/* Checks and read-backs the domain tests share: a call's status and
 * message, and counting or finding what a test wrote. Each read-back fails
 * the test on an error, so a test reads as what it expects. */
#ifndef PM_TEST_CHECKS_H
#define PM_TEST_CHECKS_H

#include <string.h>

#include "fixture.h"

/* Checks the status of a call and that the session message holds needle.
 * Macros, so that a failure names the line of the test. */
#define assert_fails(s, call, status, needle)                                          \
    do {                                                                               \
        pm_status st_ = (call);                                                        \
        if (st_ != (status))                                                           \
            fail_msg("status %d (%s), expected %d; message: %s", (int)st_,            \
                     pm_status_str(st_), (int)(status), pm_session_errmsg(s));        \
        if (strstr(pm_session_errmsg(s), (needle)) == NULL)                            \
            fail_msg("message '%s' lacks '%s'", pm_session_errmsg(s), (needle));      \
    } while (0)

#define assert_ok(s, call)                                                             \
    do {                                                                               \
        pm_status st_ = (call);                                                        \
        if (st_ != PM_OK)                                                              \
            fail_msg("status %d (%s): %s", (int)st_, pm_status_str(st_),              \
                     pm_session_errmsg(s));                                            \
    } while (0)

/* Everyone @p s may search for, people who left included. */
size_t pm_fixture_count_people(pm_session *s);

/* Every unit, walking the tree down from the top. */
size_t pm_fixture_count_units(pm_session *s);

/* The id of the person with @p external_id; fails the test if there is none. */
pm_id pm_fixture_person_id(pm_fixture *f, const char *external_id);

/* 1 when a person has @p external_id, 0 when none has. */
int pm_fixture_person_exists(pm_fixture *f, const char *external_id);

/* The id of the unit at @p path ("Company/Engineering"); fails the test if
 * there is none. */
pm_id pm_fixture_find_unit(pm_fixture *f, const char *path);

/* pm_import_csv() of the text @p csv through the system session. */
pm_status pm_fixture_import(pm_fixture *f, const char *csv, const pm_import_opts *opts,
                            pm_import_stats *stats);

/* pm_fixture_import(), failing the test with the session message unless it
 * succeeds. */
void pm_fixture_import_ok(pm_fixture *f, const char *csv, const pm_import_opts *opts,
                          pm_import_stats *stats);

#endif
