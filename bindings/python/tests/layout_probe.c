/* Prints the sizes, field offsets and constants of the public headers, so
 * the Python tests can check that the ctypes declarations match the C ABI
 * the library was built with. One "name value" pair per line. */
#include <perfmgmt.h>

#include <stddef.h>
#include <stdio.h>

#define SIZE(type) printf("sizeof %s %zu\n", #type, sizeof(type))
#define OFFSET(type, field) printf("offsetof %s.%s %zu\n", #type, #field, offsetof(type, field))
#define CONST(name) printf("const %s %lld\n", #name, (long long)(name))

int main(void)
{
    SIZE(pm_db_opts);
    OFFSET(pm_db_opts, version);
    OFFSET(pm_db_opts, flags);

    SIZE(pm_person_opts);
    OFFSET(pm_person_opts, version);
    OFFSET(pm_person_opts, external_id);
    OFFSET(pm_person_opts, external_id_len);
    OFFSET(pm_person_opts, display_name);
    OFFSET(pm_person_opts, display_name_len);
    OFFSET(pm_person_opts, email);
    OFFSET(pm_person_opts, email_len);
    OFFSET(pm_person_opts, hr_admin);
    OFFSET(pm_person_opts, unit);
    OFFSET(pm_person_opts, manager);
    OFFSET(pm_person_opts, start);

    SIZE(pm_unit_opts);
    OFFSET(pm_unit_opts, version);
    OFFSET(pm_unit_opts, name);
    OFFSET(pm_unit_opts, name_len);
    OFFSET(pm_unit_opts, parent);

    SIZE(pm_import_opts);
    OFFSET(pm_import_opts, version);
    OFFSET(pm_import_opts, date);
    OFFSET(pm_import_opts, flags);

    SIZE(pm_import_stats);
    OFFSET(pm_import_stats, version);
    OFFSET(pm_import_stats, rows);
    OFFSET(pm_import_stats, people_created);
    OFFSET(pm_import_stats, people_updated);
    OFFSET(pm_import_stats, people_left);
    OFFSET(pm_import_stats, units_created);

    SIZE(pm_id);
    SIZE(pm_date);
    SIZE(pm_time);
    SIZE(pm_status);
    SIZE(pm_person_status);

    CONST(PM_DATE_NONE);
    CONST(PM_DATE_BUFSIZE);
    CONST(PM_TIME_BUFSIZE);
    CONST(PM_DB_OPTS_VERSION);
    CONST(PM_DB_READONLY);
    CONST(PM_DB_NOCREATE);
    CONST(PM_PERSON_OPTS_VERSION);
    CONST(PM_PERSON_INCLUDE_LEFT);
    CONST(PM_UNIT_OPTS_VERSION);
    CONST(PM_UNIT_MEMBERS_DEEP);
    CONST(PM_ORG_REPORTS_INDIRECT);
    CONST(PM_IMPORT_OPTS_VERSION);
    CONST(PM_IMPORT_MARK_MISSING_LEFT);
    CONST(PM_IMPORT_STATS_VERSION);
    CONST(PM_PERSON_ACTIVE);
    CONST(PM_PERSON_LEFT);
    CONST(PM_OK);
    CONST(PM_ITEROVER);

    CONST(PM_EINVAL);
    CONST(PM_ENOTFOUND);
    CONST(PM_EPERM);
    CONST(PM_ECONFLICT);
    CONST(PM_ESTORAGE);
    CONST(PM_ENOMEM);
    CONST(PM_EUTF8);
    CONST(PM_ERANGE);
    CONST(PM_EBUSY);
    CONST(PM_EVERSION);
    CONST(PM_ECYCLE);
    CONST(PM_ECORRUPT);
    CONST(PM_EREADONLY);
    CONST(PM_EMISUSE);
    CONST(PM_EUNSUPPORTED);
    CONST(PM_EIO);

    printf("const PM_VERSION_MAJOR %d\n", PM_VERSION_MAJOR);
    printf("const PM_VERSION_MINOR %d\n", PM_VERSION_MINOR);
    printf("const PM_VERSION_PATCH %d\n", PM_VERSION_PATCH);
    return 0;
}
