/* A program that uses an installed perfmgmt the way an application would:
 * open a store, act as the system, create a person, read it back. */
#include <perfmgmt.h>

#include <stdio.h>
#include <string.h>

static int check(pm_status st, const char *what, const pm_session *session)
{
    if (st == PM_OK)
        return 0;
    fprintf(stderr, "consumer: %s: %s (%s)\n", what, pm_status_str(st),
            session ? pm_session_errmsg(session) : "");
    return 1;
}

int main(void)
{
    int major = 0, minor = 0, patch = 0;
    const char *version = pm_version(&major, &minor, &patch);
    if (strcmp(version, PM_VERSION_STRING) != 0 || major != PM_VERSION_MAJOR ||
        minor != PM_VERSION_MINOR || patch != PM_VERSION_PATCH) {
        fprintf(stderr, "consumer: library %s does not match headers %s\n", version,
                PM_VERSION_STRING);
        return 1;
    }

    pm_db *db = NULL;
    char *err = NULL;
    pm_status st = pm_db_open(&db, &err, "memory:", NULL);
    if (st != PM_OK) {
        fprintf(stderr, "consumer: pm_db_open: %s (%s)\n", pm_status_str(st), err ? err : "");
        pm_free(err);
        return 1;
    }

    pm_session *sys = NULL;
    int failed = check(pm_session_open_system(&sys, db), "pm_session_open_system", NULL);

    pm_id id = 0;
    pm_person *person = NULL;
    if (!failed) {
        pm_person_opts opts = PM_PERSON_OPTS_INIT;
        opts.external_id = "E001";
        opts.display_name = "Ada Lovelace";
        opts.email = "ada@example.org";
        failed = check(pm_person_create(&id, sys, &opts), "pm_person_create", sys);
    }
    if (!failed)
        failed = check(pm_person_get(&person, sys, id), "pm_person_get", sys);
    if (!failed && strcmp(pm_person_display_name(person), "Ada Lovelace") != 0) {
        fprintf(stderr, "consumer: read back '%s'\n", pm_person_display_name(person));
        failed = 1;
    }
    if (!failed)
        printf("perfmgmt %s: created person %lld, %s <%s>\n", version, (long long)id,
               pm_person_display_name(person), pm_person_email(person));

    pm_person_free(person);
    pm_session_free(sys);
    pm_db_close(db);
    return failed;
}
