/* Check-in series: starting one between a manager and a report, pausing,
 * resuming, ending and moving it, and reading series with their state and
 * next due date computed for today. Cadence and state rules live in
 * core/checkin.c; the meetings themselves in checkin.c. */
#include "checkin_internal.h"

#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "../core/checkin.h"
#include "../core/org.h"

#define SERIES_OPTS "checkin_series_opts"

struct pm_checkin_series {
    pm_id id;
    pm_id manager;
    pm_id report;
    pm_cadence cadence;
    int interval;
    int day;
    pm_date start;
    pm_date paused_on;
    pm_date ended_on;
    pm_series_state state;
    pm_date next_due;
    pm_date last_held;
};

struct pm_checkin_series_iter {
    pm_checkin_series *items;
    size_t count;
    size_t next;
};

typedef struct series_rows {
    pm_session *s;
    pm_checkin_series_row *rows;
    size_t count;
    size_t cap;
} series_rows;

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "checkin_series: out of memory");
}

static const char *state_name(pm_series_state state)
{
    return state == PM_SERIES_PAUSED ? "paused" : state == PM_SERIES_ENDED ? "ended" : "active";
}

pm_status pm_checkin_series_opts_init(pm_checkin_series_opts *opts, unsigned int version)
{
    static const pm_checkin_series_opts defaults = PM_CHECKIN_SERIES_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_CHECKIN_SERIES_OPTS_VERSION);
}

/* ---- rows ---- */

static int append_series_row(const pm_row *row, void *payload)
{
    series_rows *l = payload;
    if (row->nvalues != PM_SERIES_NFIELDS)
        return PM_ECORRUPT;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_checkin_series_row *rows = pm__realloc(l->rows, cap * sizeof *rows);
        if (rows == NULL)
            return out_of_memory(l->s);
        l->rows = rows;
        l->cap = cap;
    }
    pm_checkin_series_row *r = &l->rows[l->count++];
    r->id = row->id;
    memcpy(r->v, row->values, sizeof r->v);
    return 0;
}

/* The series in which person is the manager (index by manager) or the
 * report (index by report), appended to l. */
static pm_status read_series_of(series_rows *l, pm_id person, unsigned int index)
{
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_CHECKIN_SERIES, index, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(l->s, &scan, append_series_row, l);
}

static pm_status write_series(pm_session *s, pm_checkin_series_row *r)
{
    pm_api__audit_update(s, r->v, PM_SERIES_CREATED_AT);
    return pm_api__update(s, PM_KIND_CHECKIN_SERIES, r->id, r->v);
}

/* ---- what the meetings say about a series ---- */

typedef struct meetings {
    pm_date first_scheduled;
    pm_date last_held;
    pm_date latest;
} meetings;

static int note_meeting(const pm_row *row, void *payload)
{
    meetings *m = payload;
    if (row->nvalues != PM_CHECKIN_NFIELDS)
        return PM_ECORRUPT;
    pm_date date = pm_value__as_date(&row->values[PM_CHECKIN_DATE]);
    int64_t state = row->values[PM_CHECKIN_STATE].v.i;
    if (state == PM_CHECKIN_SCHEDULED && m->first_scheduled == PM_DATE_NONE)
        m->first_scheduled = date;
    if (state == PM_CHECKIN_HELD)
        m->last_held = date;
    m->latest = date;
    return 0;
}

/* Fills a snapshot: state for today, the last held meeting, and the next
 * due date: the earliest meeting still scheduled (passed or not, so an
 * unheld one makes the series overdue), else the cadence's next date after
 * the last meeting held (or, when none was held, the latest one at all). */
static pm_status snapshot_of(pm_checkin_series *out, pm_session *s,
                             const pm_checkin_series_row *r)
{
    pm_date today = pm_api__today(s->db);
    out->id = r->id;
    out->manager = r->v[PM_SERIES_MANAGER].v.i;
    out->report = r->v[PM_SERIES_REPORT].v.i;
    out->cadence = (pm_cadence)r->v[PM_SERIES_CADENCE].v.i;
    out->interval = (int)r->v[PM_SERIES_INTERVAL].v.i;
    out->day = (int)r->v[PM_SERIES_DAY].v.i;
    out->start = pm_value__as_date(&r->v[PM_SERIES_START_ON]);
    out->paused_on = pm_value__as_date(&r->v[PM_SERIES_PAUSED_ON]);
    out->ended_on = pm_value__as_date(&r->v[PM_SERIES_ENDED_ON]);
    /* Before the first meeting, the reporting line that counts is the one
     * on the start date. */
    pm_status st = pm_checkin__series_state_on(&out->state, s, r,
                                               today < out->start ? out->start : today);
    if (st != PM_OK)
        return st;
    meetings m = { PM_DATE_NONE, PM_DATE_NONE, PM_DATE_NONE };
    pm_value eq[1] = { pm_value__int(r->id) };
    pm_scan scan = { PM_KIND_CHECKIN, PM_CHECKIN_BY_SERIES, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, note_meeting, &m);
    if (st != PM_OK)
        return st;
    out->last_held = m.last_held;
    out->next_due = PM_DATE_NONE;
    if (out->state != PM_SERIES_ACTIVE)
        return PM_OK;
    if (m.first_scheduled != PM_DATE_NONE) {
        out->next_due = m.first_scheduled;
    } else {
        pm_date from = m.last_held != PM_DATE_NONE ? m.last_held : m.latest;
        out->next_due = from == PM_DATE_NONE
                            ? out->start
                            : pm_checkin__next_date(out->cadence, out->interval, out->day, from);
    }
    return PM_OK;
}

/* ---- checks ---- */

static pm_status check_person_id(pm_session *s, pm_id id, const char *field)
{
    if (id > 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a person id", field,
                         (long long)id);
}

static pm_status check_optional_date(pm_session *s, pm_date date, const char *field)
{
    return date == PM_DATE_NONE ? PM_OK : pm_org__check_date(date, field, &s->error);
}

static pm_status check_reports_to(pm_session *s, pm_id report, pm_id manager, pm_date date,
                                  const char *field)
{
    pm_id actual = 0;
    pm_status st = pm_org__manager_on(&actual, s, report, date);
    if (st != PM_OK || actual == manager)
        return st;
    char day[PM_DATE_BUFSIZE];
    pm_api__format_date(day, date);
    return pm_error__set(&s->error, PM_EINVAL, "%s: person %lld does not report to person %lld on %s",
                         field, (long long)report, (long long)manager, day);
}

/* One series per pair that has not ended by date; skip is the series being
 * moved (0 for none). */
static pm_status check_no_open_series(pm_session *s, pm_id manager, pm_id report, pm_date date,
                                      pm_id skip)
{
    series_rows l = { s, NULL, 0, 0 };
    pm_status st = read_series_of(&l, report, PM_SERIES_BY_REPORT);
    pm_id open = 0;
    for (size_t i = 0; st == PM_OK && i < l.count && open == 0; i++) {
        pm_date ended = pm_value__as_date(&l.rows[i].v[PM_SERIES_ENDED_ON]);
        if (l.rows[i].id != skip && l.rows[i].v[PM_SERIES_MANAGER].v.i == manager
            && (ended == PM_DATE_NONE || ended > date))
            open = l.rows[i].id;
    }
    pm__free(l.rows);
    if (st == PM_OK && open != 0)
        return pm_error__set(&s->error, PM_ECONFLICT,
                             "checkin_series: person %lld and person %lld already have check-in "
                             "series %lld, which has not ended",
                             (long long)manager, (long long)report, (long long)open);
    return st;
}

static pm_status check_opts(pm_session *s, const pm_checkin_series_opts *o, int day)
{
    pm_status st = pm_api__check_version(s, SERIES_OPTS, o->version,
                                         PM_CHECKIN_SERIES_OPTS_VERSION);
    if (st == PM_OK)
        st = check_person_id(s, o->manager, "checkin_series.manager");
    if (st == PM_OK)
        st = check_person_id(s, o->report, "checkin_series.report");
    if (st == PM_OK && o->manager == o->report)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "checkin_series.report: person %lld cannot check in with themselves",
                           (long long)o->report);
    if (st == PM_OK)
        st = check_optional_date(s, o->start, "checkin_series.start");
    if (st == PM_OK)
        st = pm_checkin__check_cadence(o->cadence, o->interval, day, &s->error);
    return st;
}

/* ---- create ---- */

static pm_status insert_scheduled(pm_session *s, pm_id series, pm_date date)
{
    pm_value c[PM_CHECKIN_NFIELDS];
    pm_id id = 0;
    c[PM_CHECKIN_SERIES] = pm_value__int(series);
    c[PM_CHECKIN_DATE] = pm_value__date(date);
    c[PM_CHECKIN_STATE] = pm_value__int(PM_CHECKIN_SCHEDULED);
    c[PM_CHECKIN_MOOD] = pm_value__null();
    pm_api__audit_create(s, c, PM_CHECKIN_CREATED_AT);
    return pm_api__insert(s, PM_KIND_CHECKIN, c, &id);
}

static pm_status create(pm_id *out, pm_session *s, const pm_checkin_series_opts *o,
                        pm_date start, int day)
{
    pm_status st = check_no_open_series(s, o->manager, o->report, start, 0);
    if (st != PM_OK)
        return st;
    pm_value v[PM_SERIES_NFIELDS];
    v[PM_SERIES_MANAGER] = pm_value__int(o->manager);
    v[PM_SERIES_REPORT] = pm_value__int(o->report);
    v[PM_SERIES_CADENCE] = pm_value__int(o->cadence);
    v[PM_SERIES_INTERVAL] = pm_value__int(o->cadence == PM_CADENCE_WEEKLY ? o->interval : 0);
    v[PM_SERIES_DAY] = pm_value__int(o->cadence == PM_CADENCE_MONTHLY ? day : 0);
    v[PM_SERIES_START_ON] = pm_value__date(start);
    v[PM_SERIES_PAUSED_ON] = pm_value__null();
    v[PM_SERIES_ENDED_ON] = pm_value__null();
    pm_api__audit_create(s, v, PM_SERIES_CREATED_AT);
    st = pm_api__insert(s, PM_KIND_CHECKIN_SERIES, v, out);
    return st == PM_OK ? insert_scheduled(s, *out, start) : st;
}

/* Only the manager side starts a series or takes one over: the series'
 * manager or someone above the report (besides HR and the system). The
 * report may pause or end theirs, not set one up. */
static pm_status authorize_manager_side(pm_session *s, const pm_checkin_context *ctx)
{
    pm_relation relation = PM_REL_NONE;
    if (!s->actor.is_system && s->actor.person == ctx->manager) {
        relation = PM_REL_MANAGER;
    } else if (!s->actor.is_system && s->actor.person != ctx->report) {
        int above = 0;
        pm_status st = pm_org__is_above(&above, s, s->actor.person, ctx->report,
                                        pm_api__today(s->db));
        if (st != PM_OK)
            return st;
        if (above)
            relation = PM_REL_MANAGER;
    }
    if (pm_access__check(&s->actor, PM_ACT_CHECKIN_START, relation) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(PM_ACT_CHECKIN_START));
}

pm_status pm_checkin_series_create(pm_id *out, pm_session *s, const pm_checkin_series_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_date start = pm_api__date_or_today(s->db, opts->start);
    /* Day 0 of a monthly series is the start date's day, stored as such. */
    int day = opts->day;
    int start_day = 0;
    if (opts->cadence == PM_CADENCE_MONTHLY && day == 0
        && pm_date_to_ymd(start, NULL, NULL, &start_day) == PM_OK)
        day = start_day;
    pm_status st = check_opts(s, opts, day);
    if (st == PM_OK)
        st = pm_person__check_exists(s, opts->manager, "checkin_series.manager");
    if (st == PM_OK)
        st = pm_person__check_exists(s, opts->report, "checkin_series.report");
    pm_checkin_context ctx = { 0, start, PM_CHECKIN_SCHEDULED, 0, opts->manager, opts->report };
    if (st == PM_OK)
        st = authorize_manager_side(s, &ctx);
    if (st == PM_OK)
        st = check_reports_to(s, opts->report, opts->manager, start, "checkin_series.report");
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish(s, create(&id, s, opts, start, day));
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- pause, resume, end ---- */

typedef struct checkin_ids {
    pm_session *s;
    pm_date after;    /* only meetings dated after this */
    pm_id *ids;
    size_t count;
    size_t cap;
} checkin_ids;

static int collect_scheduled(const pm_row *row, void *payload)
{
    checkin_ids *l = payload;
    if (row->nvalues != PM_CHECKIN_NFIELDS)
        return PM_ECORRUPT;
    if (row->values[PM_CHECKIN_STATE].v.i != PM_CHECKIN_SCHEDULED
        || pm_value__as_date(&row->values[PM_CHECKIN_DATE]) <= l->after)
        return 0;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return out_of_memory(l->s);
        l->ids = ids;
        l->cap = cap;
    }
    l->ids[l->count++] = row->id;
    return 0;
}

static int copy_checkin(const pm_row *row, void *payload)
{
    if (row->nvalues != PM_CHECKIN_NFIELDS)
        return PM_ECORRUPT;
    memcpy(payload, row->values, PM_CHECKIN_NFIELDS * sizeof *row->values);
    return 0;
}

static pm_status cancel_checkin(pm_session *s, pm_id id)
{
    pm_value v[PM_CHECKIN_NFIELDS];
    pm_status st = pm_api__get(s, PM_KIND_CHECKIN, id, copy_checkin, v);
    if (st != PM_OK)
        return st;
    v[PM_CHECKIN_STATE] = pm_value__int(PM_CHECKIN_CANCELLED);
    pm_api__audit_update(s, v, PM_CHECKIN_CREATED_AT);
    return pm_api__update(s, PM_KIND_CHECKIN, id, v);
}

/* Cancels the series' scheduled meetings dated after `after`. */
static pm_status cancel_scheduled_after(pm_session *s, pm_id series, pm_date after)
{
    checkin_ids l = { s, after, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(series) };
    pm_scan scan = { PM_KIND_CHECKIN, PM_CHECKIN_BY_SERIES, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, collect_scheduled, &l);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = cancel_checkin(s, l.ids[i]);
    pm__free(l.ids);
    return st;
}

typedef enum series_change { CHANGE_PAUSE, CHANGE_RESUME, CHANGE_END } series_change;

static pm_status refuse_change(pm_session *s, pm_id series, pm_series_state state, pm_date date,
                               const char *want)
{
    char day[PM_DATE_BUFSIZE];
    pm_api__format_date(day, date);
    return pm_error__set(&s->error, PM_EINVAL,
                         "checkin_series: check-in series %lld is %s on %s, not %s",
                         (long long)series, state_name(state), day, want);
}

static pm_status apply_change(pm_session *s, pm_id series, pm_date date, series_change change)
{
    pm_checkin_series_row r;
    pm_series_state state = PM_SERIES_ACTIVE;
    pm_status st = pm_checkin__read_series(&r, s, series, "checkin_series");
    if (st == PM_OK)
        st = pm_checkin__series_state_on(&state, s, &r, date);
    if (st != PM_OK)
        return st;
    pm_date ended = pm_value__as_date(&r.v[PM_SERIES_ENDED_ON]);
    switch (change) {
    case CHANGE_PAUSE:
        if (state != PM_SERIES_ACTIVE)
            return refuse_change(s, series, state, date, "active");
        r.v[PM_SERIES_PAUSED_ON] = pm_value__date(date);
        st = write_series(s, &r);
        return st == PM_OK ? cancel_scheduled_after(s, series, date - 1) : st;
    case CHANGE_RESUME:
        if (state != PM_SERIES_PAUSED)
            return refuse_change(s, series, state, date, "paused");
        r.v[PM_SERIES_PAUSED_ON] = pm_value__null();
        st = write_series(s, &r);
        return st == PM_OK ? insert_scheduled(s, series, date) : st;
    case CHANGE_END:
    default:
        /* A series whose reporting line ended can still be ended for good:
         * that cancels what it had scheduled. */
        if (ended != PM_DATE_NONE && ended <= date)
            return refuse_change(s, series, PM_SERIES_ENDED, date, "running (already ended)");
        r.v[PM_SERIES_ENDED_ON] = pm_value__date(date);
        st = write_series(s, &r);
        return st == PM_OK ? cancel_scheduled_after(s, series, date) : st;
    }
}

static pm_status change_series(pm_session *s, pm_id series, pm_date date, series_change change)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_optional_date(s, date, "checkin_series.date");
    pm_checkin_context ctx;
    if (st == PM_OK)
        st = pm_checkin__load_series(&ctx, s, series, "checkin_series");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_MANAGE, &ctx);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, apply_change(s, series, pm_api__date_or_today(s->db, date), change));
}

pm_status pm_checkin_series_pause(pm_session *s, pm_id series, pm_date date)
{
    return change_series(s, series, date, CHANGE_PAUSE);
}

pm_status pm_checkin_series_resume(pm_session *s, pm_id series, pm_date date)
{
    return change_series(s, series, date, CHANGE_RESUME);
}

pm_status pm_checkin_series_end(pm_session *s, pm_id series, pm_date date)
{
    return change_series(s, series, date, CHANGE_END);
}

/* ---- move ---- */

static pm_status move(pm_session *s, pm_id series, pm_id manager)
{
    pm_checkin_series_row r;
    pm_date today = pm_api__today(s->db);
    pm_status st = pm_checkin__read_series(&r, s, series, "checkin_series");
    if (st != PM_OK)
        return st;
    pm_date ended = pm_value__as_date(&r.v[PM_SERIES_ENDED_ON]);
    if (ended != PM_DATE_NONE && ended <= today)
        return refuse_change(s, series, PM_SERIES_ENDED, today, "running (it was ended)");
    pm_id report = r.v[PM_SERIES_REPORT].v.i;
    st = check_reports_to(s, report, manager, today, "checkin_series.manager");
    if (st == PM_OK)
        st = check_no_open_series(s, manager, report, today, series);
    if (st != PM_OK)
        return st;
    r.v[PM_SERIES_MANAGER] = pm_value__int(manager);
    return write_series(s, &r);
}

pm_status pm_checkin_series_move(pm_session *s, pm_id series, pm_id manager)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_person_id(s, manager, "checkin_series.manager");
    pm_checkin_context ctx;
    if (st == PM_OK)
        st = pm_checkin__load_series(&ctx, s, series, "checkin_series");
    if (st == PM_OK)
        st = pm_person__check_exists(s, manager, "checkin_series.manager");
    /* The new manager acts on the series as its manager-to-be. */
    ctx.manager = manager;
    if (st == PM_OK)
        st = authorize_manager_side(s, &ctx);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, move(s, series, manager));
}

/* ---- reading ---- */

pm_status pm_checkin_series_get(pm_checkin_series **out, pm_session *s, pm_id series)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_checkin_context ctx;
    pm_checkin_series_row r;
    pm_status st = pm_checkin__load_series(&ctx, s, series, "checkin_series");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_READ, &ctx);
    if (st == PM_OK)
        st = pm_checkin__read_series(&r, s, series, "checkin_series");
    if (st != PM_OK)
        return st;
    pm_checkin_series *snap = pm__malloc(sizeof *snap);
    if (snap == NULL)
        return out_of_memory(s);
    st = snapshot_of(snap, s, &r);
    if (st != PM_OK) {
        pm__free(snap);
        return st;
    }
    *out = snap;
    return PM_OK;
}

/* By next due date (none last), then id. */
static int compare_due(const void *a, const void *b)
{
    const pm_checkin_series *x = a;
    const pm_checkin_series *y = b;
    int xn = x->next_due == PM_DATE_NONE, yn = y->next_due == PM_DATE_NONE;
    if (xn != yn)
        return xn - yn;
    if (x->next_due != y->next_due)
        return x->next_due < y->next_due ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static pm_status build_list(pm_checkin_series_iter *it, pm_session *s, const series_rows *l,
                            unsigned int flags)
{
    pm_date today = pm_api__today(s->db);
    if (l->count > 0) {
        it->items = pm__malloc(l->count * sizeof *it->items);
        if (it->items == NULL)
            return out_of_memory(s);
    }
    for (size_t i = 0; i < l->count; i++) {
        pm_checkin_series *snap = &it->items[it->count];
        pm_status st = snapshot_of(snap, s, &l->rows[i]);
        if (st != PM_OK)
            return st;
        int overdue = snap->next_due != PM_DATE_NONE && snap->next_due < today;
        if (!(flags & PM_CHECKIN_SERIES_OVERDUE) || overdue)
            it->count++;
    }
    if (it->count > 1)
        qsort(it->items, it->count, sizeof *it->items, compare_due);
    return PM_OK;
}

pm_status pm_checkin_series_list(pm_checkin_series_iter **out, pm_session *s, pm_id person,
                                 unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = PM_OK;
    if ((flags & ~PM_CHECKIN_SERIES_OVERDUE) != 0)
        st = pm_error__set(&s->error, PM_EINVAL, "flags: 0x%x holds unknown flags",
                           flags & ~PM_CHECKIN_SERIES_OVERDUE);
    if (st == PM_OK)
        st = check_person_id(s, person, "person");
    if (st == PM_OK)
        st = pm_person__check_exists(s, person, "person");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_CHECKIN_STATS, person);
    if (st != PM_OK)
        return st;
    series_rows l = { s, NULL, 0, 0 };
    st = read_series_of(&l, person, PM_SERIES_BY_MANAGER);
    if (st == PM_OK)
        st = read_series_of(&l, person, PM_SERIES_BY_REPORT);
    pm_checkin_series_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = out_of_memory(s);
    if (st == PM_OK)
        st = build_list(it, s, &l, flags);
    pm__free(l.rows);
    if (st != PM_OK) {
        pm_checkin_series_iter_free(it);
        return st;
    }
    *out = it;
    return PM_OK;
}

pm_status pm_checkin_series_iter_next(pm_checkin_series **out, pm_checkin_series_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_checkin_series_iter_free(pm_checkin_series_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

void pm_checkin_series_free(pm_checkin_series *series)
{
    pm__free(series);
}

pm_id pm_checkin_series_id(const pm_checkin_series *series)
{
    return series ? series->id : 0;
}

pm_id pm_checkin_series_manager(const pm_checkin_series *series)
{
    return series ? series->manager : 0;
}

pm_id pm_checkin_series_report(const pm_checkin_series *series)
{
    return series ? series->report : 0;
}

pm_cadence pm_checkin_series_cadence(const pm_checkin_series *series)
{
    return series ? series->cadence : (pm_cadence)0;
}

int pm_checkin_series_interval(const pm_checkin_series *series)
{
    return series ? series->interval : 0;
}

int pm_checkin_series_day(const pm_checkin_series *series)
{
    return series ? series->day : 0;
}

pm_date pm_checkin_series_start(const pm_checkin_series *series)
{
    return series ? series->start : PM_DATE_NONE;
}

pm_series_state pm_checkin_series_state(const pm_checkin_series *series)
{
    return series ? series->state : (pm_series_state)0;
}

pm_date pm_checkin_series_next_due(const pm_checkin_series *series)
{
    return series ? series->next_due : PM_DATE_NONE;
}

pm_date pm_checkin_series_last_held(const pm_checkin_series *series)
{
    return series ? series->last_held : PM_DATE_NONE;
}
