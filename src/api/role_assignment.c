/* Who holds which role, with history: one row per stretch of days a person
 * held a role, from start_on to end_on (NULL while it lasts). A person's
 * stretches never overlap, so the role held on a day is the one of the
 * latest stretch starting on or before it, if that stretch has not ended.
 * Assigning keeps that true: it may only move forward from the latest
 * stretch, ending it the day before the new one starts. */
#include "competency_internal.h"

#include <string.h>

#include "person_internal.h"

/* A person's latest stretch (by start); id 0 when they never held a role. */
typedef struct assignment {
    pm_id id;
    pm_id role;
    pm_date start;
    pm_date end;  /* PM_DATE_NONE while it lasts */
} assignment;

static int read_assignment(const pm_row *row, void *payload)
{
    assignment *a = payload;
    if (row->nvalues < PM_ASSIGN_NFIELDS)
        return PM_ECORRUPT;
    const pm_value *v = row->values;
    a->id = row->id;
    a->role = pm_value__as_int(&v[PM_ASSIGN_ROLE]);
    a->start = (pm_date)pm_value__as_int(&v[PM_ASSIGN_START_ON]);
    a->end = v[PM_ASSIGN_END_ON].type == PM_VALUE_INT ? (pm_date)v[PM_ASSIGN_END_ON].v.i
                                                      : PM_DATE_NONE;
    return 1;
}

/* The latest stretch of person starting on or before last (PM_DATE_NONE:
 * any day). */
static pm_status latest_assignment(assignment *out, pm_session *s, pm_id person, pm_date last)
{
    memset(out, 0, sizeof *out);
    out->end = PM_DATE_NONE;
    pm_value eq[1] = { pm_value__int(person) };
    pm_value hi = pm_value__date(last);
    pm_scan scan = { PM_KIND_ROLE_ASSIGNMENT, PM_ASSIGN_BY_PERSON, 1, eq, NULL,
                     last == PM_DATE_NONE ? NULL : &hi, PM_SCAN_DESC, 1 };
    pm_status st = pm_api__scan(s, &scan, read_assignment, out);
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT,
                             "role_assignment: stored assignment of person %lld is too short",
                             (long long)person);
    return st;
}

pm_status pm_role__held_on(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    *out = 0;
    date = pm_api__date_or_today(s->db, date);
    assignment a;
    pm_status st = latest_assignment(&a, s, person, date);
    if (st != PM_OK)
        return st;
    if (a.id != 0 && (a.end == PM_DATE_NONE || a.end >= date))
        *out = a.role;
    return PM_OK;
}

/* PM_EINVAL for a day outside years 1 to 9999 (after PM_DATE_NONE became today). */
static pm_status check_day(pm_session *s, const char *field, pm_date date)
{
    if (pm_date_to_ymd(date, NULL, NULL, NULL) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "%s: %ld is not a date in years 1 to 9999",
                         field, (long)date);
}

/* ---- assigning ---- */

static pm_status set_end(pm_session *s, pm_id id, pm_date end)
{
    pm_value v[PM_ASSIGN_NFIELDS];
    v[PM_ASSIGN_END_ON] = pm_value__date(end);
    pm_api__audit_update(s, v, PM_ASSIGN_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_ASSIGN_END_ON) | PM_UPDATE_FIELD(PM_ASSIGN_UPDATED_AT)
                      | PM_UPDATE_FIELD(PM_ASSIGN_UPDATED_BY);
    return pm_api__update_fields(s, PM_KIND_ROLE_ASSIGNMENT, id, v, fields);
}

static pm_status insert_assignment(pm_session *s, pm_id person, pm_id role, pm_date start)
{
    pm_value v[PM_ASSIGN_NFIELDS];
    pm_id id = 0;
    v[PM_ASSIGN_PERSON] = pm_value__int(person);
    v[PM_ASSIGN_ROLE] = pm_value__int(role);
    v[PM_ASSIGN_START_ON] = pm_value__date(start);
    v[PM_ASSIGN_END_ON] = pm_value__null();
    pm_api__audit_create(s, v, PM_ASSIGN_CREATED_AT);
    return pm_api__insert(s, PM_KIND_ROLE_ASSIGNMENT, v, &id);
}

/* The writes: the latest stretch is replaced when it starts the same day,
 * cut short when it runs into the new one; then the new one (none for
 * role 0). */
static pm_status apply(pm_session *s, const assignment *latest, pm_id person, pm_id role,
                       pm_date start)
{
    pm_status st = PM_OK;
    if (latest->id != 0 && latest->start == start)
        st = pm_api__remove(s, PM_KIND_ROLE_ASSIGNMENT, latest->id);
    else if (latest->id != 0 && (latest->end == PM_DATE_NONE || latest->end >= start))
        st = set_end(s, latest->id, start - 1);
    if (st == PM_OK && role != 0)
        st = insert_assignment(s, person, role, start);
    return st;
}

/* 1 when the call would change nothing: the role is held already and
 * lasts, or there is nothing to end. Repeating an assignment (an HR
 * system syncing every night) then leaves one stretch, not one a day. */
static int changes_nothing(const assignment *latest, pm_id role, pm_date start)
{
    if (role != 0)
        return latest->id != 0 && latest->role == role && latest->end == PM_DATE_NONE;
    return latest->id == 0 || (latest->end != PM_DATE_NONE && latest->end < start);
}

pm_status pm_role_assign(pm_session *s, pm_id person, pm_id role, pm_date start)
{
    PM_CHECK_SESSION(s);
    assignment latest;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_ADMIN, 0);
    if (st == PM_OK && role < 0)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "role_assignment.role: %lld is not a role id (0 ends the role)",
                           (long long)role);
    if (st == PM_OK)
        st = pm_person__check(s, person, "role_assignment.person", 1);
    if (st == PM_OK && role != 0)
        st = pm_role__check(s, role, "role_assignment.role");
    start = pm_api__date_or_today(s->db, start);
    if (st == PM_OK)
        st = check_day(s, "role_assignment.start", start);
    if (st == PM_OK)
        st = latest_assignment(&latest, s, person, PM_DATE_NONE);
    if (st == PM_OK && latest.id != 0 && start < latest.start) {
        char when[PM_DATE_BUFSIZE] = "", began[PM_DATE_BUFSIZE] = "";
        pm_date_format(when, start);
        pm_date_format(began, latest.start);
        st = pm_error__set(&s->error, PM_EINVAL,
                           "role_assignment.start: %s is before %s, when person %lld's latest "
                           "role began",
                           when, began, (long long)person);
    }
    if (st != PM_OK || changes_nothing(&latest, role, start))
        return st;
    st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, apply(s, &latest, person, role, start));
}

pm_status pm_role_of(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = 0;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_READ, person);
    if (st == PM_OK)
        st = pm_person__check(s, person, "person", 0);
    date = pm_api__date_or_today(s->db, date);
    if (st == PM_OK)
        st = check_day(s, "date", date);
    if (st == PM_OK)
        st = pm_role__held_on(out, s, person, date);
    return st;
}
