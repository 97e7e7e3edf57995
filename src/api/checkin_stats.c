/* Check-in statistics: days since a person's last check-in, and completion
 * rates of the series a manager runs or whose reports are in a unit. What
 * counts as due and the rate itself are decided in core/checkin.c. */
#include "checkin_internal.h"

#include <string.h>

#include "org_internal.h"
#include "../core/checkin.h"
#include "../core/org.h"

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "checkin: out of memory");
}

/* Series ids with their report, gathered before their meetings are read
 * (a scan callback may not read the store). */
typedef struct series_list {
    pm_session *s;
    pm_id *ids;
    pm_id *reports;
    size_t count;
    size_t cap;
} series_list;

static int add_series(const pm_row *row, void *payload)
{
    series_list *l = payload;
    if (row->nvalues != PM_SERIES_NFIELDS)
        return PM_ECORRUPT;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(l->s);
        l->ids = ids;
        pm_id *reports = pm__realloc(l->reports, cap * sizeof *reports);
        if (reports == NULL)
            return out_of_memory(l->s);
        l->reports = reports;
        l->cap = cap;
    }
    l->ids[l->count] = row->id;
    l->reports[l->count] = row->values[PM_SERIES_REPORT].v.i;
    l->count++;
    return 0;
}

static void series_list_free(series_list *l)
{
    pm__free(l->ids);
    pm__free(l->reports);
}

static pm_status scan_series(series_list *l, unsigned int index, pm_id person)
{
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_CHECKIN_SERIES, index, person ? 1u : 0u, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(l->s, &scan, add_series, l);
}

/* Meetings of one series dated in [from, to]. */
typedef pm_status (*meeting_fn)(pm_checkin_state state, pm_date date, void *payload);

typedef struct meeting_walk {
    meeting_fn fn;
    void *payload;
} meeting_walk;

static int visit_meeting(const pm_row *row, void *payload)
{
    meeting_walk *w = payload;
    if (row->nvalues != PM_CHECKIN_NFIELDS)
        return PM_ECORRUPT;
    pm_status st = w->fn((pm_checkin_state)row->values[PM_CHECKIN_STATE].v.i,
                         (pm_date)row->values[PM_CHECKIN_DATE].v.i, w->payload);
    return st == PM_OK ? 0 : st;
}

static pm_status walk_meetings(pm_session *s, pm_id series, pm_date from, pm_date to,
                               meeting_fn fn, void *payload)
{
    pm_value eq[1] = { pm_value__int(series) };
    pm_value lo = pm_value__int(from), hi = pm_value__int(to);
    pm_scan scan = { PM_KIND_CHECKIN, PM_CHECKIN_BY_SERIES, 1, eq,
                     from == PM_DATE_NONE ? NULL : &lo, &hi, 0, 0 };
    meeting_walk w = { fn, payload };
    return pm_api__scan(s, &scan, visit_meeting, &w);
}

static pm_status check_person(pm_session *s, pm_id person, const char *field)
{
    if (person <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a person id", field,
                             (long long)person);
    return pm_person__check_exists(s, person, field);
}

/* ---- days since ---- */

static pm_status note_held(pm_checkin_state state, pm_date date, void *payload)
{
    pm_date *last = payload;
    if (state == PM_CHECKIN_HELD && (*last == PM_DATE_NONE || date > *last))
        *last = date;
    return PM_OK;
}

pm_status pm_checkin_days_since(int *out, pm_session *s, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = -1;
    pm_status st = date == PM_DATE_NONE ? PM_OK : pm_org__check_date(date, "date", &s->error);
    if (st == PM_OK)
        st = check_person(s, person, "person");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_CHECKIN_STATS, person);
    if (st != PM_OK)
        return st;
    pm_date day = pm_api__date_or_today(s->db, date);
    series_list l = { s, NULL, NULL, 0, 0 };
    st = scan_series(&l, PM_SERIES_BY_MANAGER, person);
    if (st == PM_OK)
        st = scan_series(&l, PM_SERIES_BY_REPORT, person);
    pm_date last = PM_DATE_NONE;
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = walk_meetings(s, l.ids[i], PM_DATE_NONE, day, note_held, &last);
    series_list_free(&l);
    if (st == PM_OK && last != PM_DATE_NONE)
        *out = pm_checkin__days_between(last, day);
    return st;
}

/* ---- completion rates ---- */

typedef struct tally {
    pm_date today;
    int due;
    int held;
} tally;

static pm_status count_meeting(pm_checkin_state state, pm_date date, void *payload)
{
    tally *t = payload;
    if (!pm_checkin__counts_as_due(state, date, t->today))
        return PM_OK;
    t->due++;
    if (state == PM_CHECKIN_HELD)
        t->held++;
    return PM_OK;
}

static pm_status check_period(pm_session *s, const pm_checkin_rate *out, pm_date from,
                              pm_date to)
{
    pm_status st = pm_api__check_version(s, "checkin_rate", out->version,
                                         PM_CHECKIN_RATE_VERSION);
    if (st == PM_OK)
        st = pm_org__check_date(from, "from", &s->error);
    if (st == PM_OK)
        st = pm_org__check_date(to, "to", &s->error);
    if (st == PM_OK && to < from) {
        char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
        pm_date_format(a, from);
        pm_date_format(b, to);
        st = pm_error__set(&s->error, PM_EINVAL, "to: %s is before from (%s)", b, a);
    }
    return st;
}

static void fill_rate(pm_checkin_rate *out, const tally *t)
{
    out->due = t->due;
    out->held = t->held;
    out->rate = pm_checkin__rate(t->held, t->due);
}

/* A moved series counts for the manager who runs it now, its earlier
 * meetings included: the series, not the meeting, has a manager. */
pm_status pm_checkin_rate_manager(pm_checkin_rate *out, pm_session *s, pm_id manager,
                                  pm_date from, pm_date to)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = check_period(s, out, from, to);
    if (st == PM_OK)
        st = check_person(s, manager, "manager");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_CHECKIN_STATS, manager);
    if (st != PM_OK)
        return st;
    series_list l = { s, NULL, NULL, 0, 0 };
    tally t = { pm_api__today(s->db), 0, 0 };
    st = scan_series(&l, PM_SERIES_BY_MANAGER, manager);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = walk_meetings(s, l.ids[i], from, to, count_meeting, &t);
    series_list_free(&l);
    if (st == PM_OK)
        fill_rate(out, &t);
    return st;
}

/* 1 in *out when unit is `top` or lies below it. */
static pm_status unit_within(int *out, pm_session *s, pm_id unit, pm_id top)
{
    *out = 0;
    for (unsigned int steps = 0; unit != 0 && steps < PM_ORG_WALK_MAX; steps++) {
        if (unit == top) {
            *out = 1;
            return PM_OK;
        }
        pm_unit *u = NULL;
        pm_status st = pm_unit__load(&u, s, unit);
        if (st != PM_OK)
            return st;
        unit = u->parent;
        pm_unit_free(u);
    }
    return PM_OK;
}

static pm_status authorize_unit_stats(pm_session *s)
{
    /* Unit figures are HR's and the integrations': no relation grants them. */
    if (pm_access__check(&s->actor, PM_ACT_CHECKIN_STATS, PM_REL_NONE) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_EPERM,
                         "permission denied: person %lld may not see a unit's check-in record "
                         "(HR admins and the system only)", (long long)s->actor.person);
}

pm_status pm_checkin_rate_unit(pm_checkin_rate *out, pm_session *s, pm_id unit, pm_date from,
                               pm_date to)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    pm_status st = check_period(s, out, from, to);
    if (st == PM_OK && unit <= 0)
        st = pm_error__set(&s->error, PM_EINVAL, "unit: %lld is not a unit id", (long long)unit);
    if (st == PM_OK)
        st = authorize_unit_stats(s);
    if (st == PM_OK)
        st = pm_unit__check_exists(s, unit, "unit");
    if (st != PM_OK)
        return st;
    series_list l = { s, NULL, NULL, 0, 0 };
    tally t = { pm_api__today(s->db), 0, 0 };
    pm_scan every = { PM_KIND_CHECKIN_SERIES, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &every, add_series, &l);
    for (size_t i = 0; st == PM_OK && i < l.count; i++) {
        pm_id member_of = 0;
        int within = 0;
        st = pm_org__unit_on(&member_of, s, l.reports[i], to);
        if (st == PM_OK && member_of != 0)
            st = unit_within(&within, s, member_of, unit);
        if (st == PM_OK && within)
            st = walk_meetings(s, l.ids[i], from, to, count_meeting, &t);
    }
    series_list_free(&l);
    if (st == PM_OK)
        fill_rate(out, &t);
    return st;
}
