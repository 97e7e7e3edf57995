/* Check-ins (meetings): scheduling, holding, cancelling and reading them,
 * and the internals every check-in file shares (checkin_internal.h): loading
 * a meeting or a series into a context and deciding access on the pair.
 * Cadence and state rules live in core/checkin.c. */
#include "checkin_internal.h"

#include <string.h>

#include "org_internal.h"
#include "wellbeing_internal.h"
#include "../core/checkin.h"
#include "../core/org.h"

struct pm_checkin {
    pm_id id;
    pm_id series;
    pm_date date;
    pm_checkin_state state;
    int mood;
};

struct pm_checkin_iter {
    pm_checkin *items;
    size_t count;
    size_t next;
};

/* A check-in row as stored (integers or NULL too). */
typedef struct checkin_row {
    pm_id id;
    pm_value v[PM_CHECKIN_NFIELDS];
} checkin_row;

/* Check-in rows of one series, in date order. */
typedef struct checkin_rows {
    pm_session *s;
    checkin_row *rows;
    size_t count;
    size_t cap;
} checkin_rows;

static const char *state_name(pm_checkin_state state)
{
    switch (state) {
    case PM_CHECKIN_SCHEDULED: return "scheduled";
    case PM_CHECKIN_HELD: return "held";
    case PM_CHECKIN_CANCELLED: return "cancelled";
    case PM_CHECKIN_MISSED: return "missed";
    default: return "in an unknown state";
    }
}

static const char *series_state_name(pm_series_state state)
{
    return state == PM_SERIES_PAUSED ? "paused" : state == PM_SERIES_ENDED ? "ended" : "active";
}

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "checkin: out of memory");
}

/* ---- reading rows ---- */

static int copy_series_row(const pm_row *row, void *payload)
{
    pm_checkin_series_row *r = payload;
    if (row->nvalues != PM_SERIES_NFIELDS)
        return PM_ECORRUPT;
    r->id = row->id;
    memcpy(r->v, row->values, sizeof r->v);
    return 0;
}

pm_status pm_checkin__read_series(pm_checkin_series_row *out, pm_session *s, pm_id series,
                                  const char *field)
{
    out->id = 0;
    pm_status st = series > 0 ? pm_api__get(s, PM_KIND_CHECKIN_SERIES, series, copy_series_row,
                                            out)
                              : PM_ENOTFOUND;
    if (st == PM_OK && out->id == 0)
        st = PM_ENOTFOUND;
    if (st == PM_ENOTFOUND)
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: check-in series %lld does not exist",
                             field, (long long)series);
    return st;
}

static int append_checkin_row(const pm_row *row, void *payload)
{
    checkin_rows *l = payload;
    if (row->nvalues != PM_CHECKIN_NFIELDS)
        return PM_ECORRUPT;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        checkin_row *rows = pm__realloc(l->rows, cap * sizeof *rows);
        if (rows == NULL)
            return out_of_memory(l->s);
        l->rows = rows;
        l->cap = cap;
    }
    checkin_row *r = &l->rows[l->count++];
    r->id = row->id;
    memcpy(r->v, row->values, sizeof r->v);
    return 0;
}

/* The series' check-ins dated on or after from (PM_DATE_NONE: all). */
static pm_status read_checkins(checkin_rows *out, pm_session *s, pm_id series, pm_date from)
{
    pm_value eq[1] = { pm_value__int(series) };
    pm_value lo = pm_value__int(from);
    pm_scan scan = { PM_KIND_CHECKIN, PM_CHECKIN_BY_SERIES, 1, eq,
                     from == PM_DATE_NONE ? NULL : &lo, NULL, 0, 0 };
    return pm_api__scan(s, &scan, append_checkin_row, out);
}

static int copy_checkin_row(const pm_row *row, void *payload)
{
    checkin_row *r = payload;
    if (row->nvalues != PM_CHECKIN_NFIELDS)
        return PM_ECORRUPT;
    r->id = row->id;
    memcpy(r->v, row->values, sizeof r->v);
    return 0;
}

static pm_status read_checkin(checkin_row *out, pm_session *s, pm_id checkin, const char *field)
{
    out->id = 0;
    pm_status st = checkin > 0 ? pm_api__get(s, PM_KIND_CHECKIN, checkin, copy_checkin_row, out)
                               : PM_ENOTFOUND;
    if (st == PM_OK && out->id == 0)
        st = PM_ENOTFOUND;
    if (st == PM_ENOTFOUND)
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: check-in %lld does not exist", field,
                             (long long)checkin);
    return st;
}

/* ---- internals ---- */

pm_status pm_checkin__load_series(pm_checkin_context *out, pm_session *s, pm_id series,
                                  const char *field)
{
    memset(out, 0, sizeof *out);
    pm_checkin_series_row r;
    pm_status st = pm_checkin__read_series(&r, s, series, field);
    if (st != PM_OK)
        return st;
    out->date = PM_DATE_NONE;
    out->series = series;
    out->manager = r.v[PM_SERIES_MANAGER].v.i;
    out->report = r.v[PM_SERIES_REPORT].v.i;
    return PM_OK;
}

pm_status pm_checkin__load(pm_checkin_context *out, pm_session *s, pm_id checkin,
                           const char *field)
{
    memset(out, 0, sizeof *out);
    checkin_row r;
    pm_status st = read_checkin(&r, s, checkin, field);
    if (st == PM_OK)
        st = pm_checkin__load_series(out, s, r.v[PM_CHECKIN_SERIES].v.i, field);
    if (st != PM_OK)
        return st;
    out->checkin = checkin;
    out->date = pm_value__as_date(&r.v[PM_CHECKIN_DATE]);
    out->state = (pm_checkin_state)r.v[PM_CHECKIN_STATE].v.i;
    return PM_OK;
}

pm_status pm_checkin__authorize(pm_session *s, pm_action action, const pm_checkin_context *ctx)
{
    /* HR admins and the system actor are allowed or refused whatever their
     * relation; only people need the pair and the chain looked at. */
    if (pm_access__check(&s->actor, action, PM_REL_NONE) == PM_OK)
        return PM_OK;
    pm_relation relation = PM_REL_NONE;
    if (!s->actor.is_system && s->actor.person > 0) {
        if (s->actor.person == ctx->manager || s->actor.person == ctx->report) {
            relation = PM_REL_PARTICIPANT;
        } else {
            int above = 0;
            pm_status st = pm_org__is_above(&above, s, s->actor.person, ctx->report,
                                            pm_api__today(s->db));
            if (st != PM_OK)
                return st;
            if (above)
                relation = PM_REL_MANAGER;
        }
    }
    if (pm_access__check(&s->actor, action, relation) == PM_OK)
        return PM_OK;
    if (s->actor.is_system)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: the system actor may not %s",
                             pm_access__describe(action));
    return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                         (long long)s->actor.person, pm_access__describe(action));
}

/* ---- series state, as the meetings need it ---- */

pm_status pm_checkin__series_state_on(pm_series_state *out, pm_session *s,
                                      const pm_checkin_series_row *r, pm_date date)
{
    pm_id manager = 0;
    pm_id report = r->v[PM_SERIES_REPORT].v.i;
    pm_status st = pm_org__manager_on(&manager, s, report, date);
    if (st != PM_OK)
        return st;
    *out = pm_checkin__series_state(pm_value__as_date(&r->v[PM_SERIES_PAUSED_ON]),
                                    pm_value__as_date(&r->v[PM_SERIES_ENDED_ON]),
                                    manager == r->v[PM_SERIES_MANAGER].v.i, date);
    return PM_OK;
}

static pm_status insert_scheduled(pm_id *out, pm_session *s, pm_id series, pm_date date)
{
    pm_value v[PM_CHECKIN_NFIELDS];
    v[PM_CHECKIN_SERIES] = pm_value__int(series);
    v[PM_CHECKIN_DATE] = pm_value__date(date);
    v[PM_CHECKIN_STATE] = pm_value__int(PM_CHECKIN_SCHEDULED);
    v[PM_CHECKIN_MOOD] = pm_value__null();
    pm_api__audit_create(s, v, PM_CHECKIN_CREATED_AT);
    return pm_api__insert(s, PM_KIND_CHECKIN, v, out);
}

static pm_status write_checkin(pm_session *s, checkin_row *r)
{
    pm_api__audit_update(s, r->v, PM_CHECKIN_CREATED_AT);
    return pm_api__update(s, PM_KIND_CHECKIN, r->id, r->v);
}

/* ---- schedule ---- */

static pm_status schedule(pm_id *out, pm_session *s, pm_id series, pm_date date)
{
    pm_checkin_series_row r;
    pm_series_state state = PM_SERIES_ACTIVE;
    pm_status st = pm_checkin__read_series(&r, s, series, "checkin.series");
    if (st == PM_OK)
        st = pm_checkin__series_state_on(&state, s, &r, date);
    if (st == PM_OK && state != PM_SERIES_ACTIVE) {
        char day[PM_DATE_BUFSIZE];
        pm_api__format_date(day, date);
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin.series: check-in series %lld is %s on %s, not active",
                             (long long)series, series_state_name(state), day);
    }
    if (st == PM_OK)
        st = insert_scheduled(out, s, series, date);
    return st;
}

pm_status pm_checkin_schedule(pm_id *out, pm_session *s, pm_id series, pm_date date)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    pm_status st = date == PM_DATE_NONE ? PM_OK
                                        : pm_org__check_date(date, "checkin.date", &s->error);
    pm_checkin_context ctx;
    if (st == PM_OK)
        st = pm_checkin__load_series(&ctx, s, series, "checkin.series");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_WRITE, &ctx);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish(s, schedule(&id, s, series, pm_api__date_or_today(s->db, date)));
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- hold ---- */

static pm_status refuse_state(pm_session *s, const pm_checkin_context *ctx, const char *want)
{
    return pm_error__set(&s->error, PM_EINVAL, "checkin.state: check-in %lld is %s, not %s",
                         (long long)ctx->checkin, state_name(ctx->state), want);
}

/* The next meeting after the one held: a later scheduled one, or a new one
 * by the cadence when the series is still active then; 0 when neither. */
static pm_status find_or_schedule_next(pm_id *out, pm_session *s, const pm_checkin_context *ctx)
{
    *out = 0;
    checkin_rows later = { s, NULL, 0, 0 };
    pm_status st = read_checkins(&later, s, ctx->series, ctx->date);
    for (size_t i = 0; st == PM_OK && i < later.count && *out == 0; i++)
        if (later.rows[i].id != ctx->checkin
            && later.rows[i].v[PM_CHECKIN_STATE].v.i == PM_CHECKIN_SCHEDULED)
            *out = later.rows[i].id;
    pm__free(later.rows);
    if (st != PM_OK || *out != 0)
        return st;
    pm_checkin_series_row r;
    st = pm_checkin__read_series(&r, s, ctx->series, "checkin.series");
    if (st != PM_OK)
        return st;
    pm_date next = pm_checkin__next_date((pm_cadence)r.v[PM_SERIES_CADENCE].v.i,
                                         (int)r.v[PM_SERIES_INTERVAL].v.i,
                                         (int)r.v[PM_SERIES_DAY].v.i, ctx->date);
    if (next == PM_DATE_NONE)
        return PM_OK;
    pm_series_state state = PM_SERIES_ACTIVE;
    st = pm_checkin__series_state_on(&state, s, &r, next);
    if (st == PM_OK && state == PM_SERIES_ACTIVE)
        st = insert_scheduled(out, s, ctx->series, next);
    return st;
}

typedef struct entry_ids {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} entry_ids;

/* Talking points not yet discussed, private ones included: a private
 * talking point is its author's own agenda, so it follows them to the next
 * meeting just as a shared one does. */
static int collect_open_talking_point(const pm_row *row, void *payload)
{
    entry_ids *l = payload;
    if (row->nvalues != PM_ENTRY_NFIELDS)
        return PM_ECORRUPT;
    if (row->values[PM_ENTRY_KIND].v.i != PM_ENTRY_TALKING_POINT
        || row->values[PM_ENTRY_DONE_AT].type != PM_VALUE_NULL)
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

static pm_status move_entry(pm_session *s, pm_id entry, pm_id to)
{
    pm_checkin_entry_row r = { s, "checkin", 0, { { PM_VALUE_NULL, { 0 } } }, NULL };
    pm_status st = pm_api__get(s, PM_KIND_CHECKIN_ENTRY, entry, pm_checkin__entry_from_row, &r);
    if (st == PM_OK && r.found) {
        /* The origin stays: it tells where the point was first raised. */
        r.v[PM_ENTRY_CHECKIN] = pm_value__int(to);
        pm_api__audit_update(s, r.v, PM_ENTRY_CREATED_AT);
        st = pm_api__update(s, PM_KIND_CHECKIN_ENTRY, entry, r.v);
    }
    pm__free(r.text);
    return st;
}

static pm_status carry_talking_points(pm_session *s, pm_id from, pm_id to)
{
    entry_ids l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(from) };
    pm_scan scan = { PM_KIND_CHECKIN_ENTRY, PM_ENTRY_BY_CHECKIN, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, collect_open_talking_point, &l);
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = move_entry(s, l.ids[i], to);
    pm__free(l.ids);
    return st;
}

/* A mood given when a meeting is held becomes a measurement of the
 * built-in check-in mood metric for the report (source check-in), in the
 * hold's transaction, so a failed hold leaves no measurement behind. It is
 * dated at noon UTC of the meeting's date, the middle of the day whatever
 * the time zone, so it falls in the periods and trends of that day; but
 * never later than now, because a measurement is never in the future
 * (holding today before noon, or holding a meeting dated later). */
static pm_status record_mood(pm_session *s, const pm_checkin_context *ctx, int mood)
{
    pm_id metric = 0;
    pm_status st = pm_metric__builtin_id(&metric, s, PM_METRIC_CHECKIN_MOOD);
    if (st != PM_OK)
        return st;
    pm_time at = (pm_time)ctx->date * 86400 + 12 * 3600;
    pm_time now = pm_api__now(s->db);
    if (at > now)
        at = now;
    return pm_measurement__insert(NULL, s, ctx->report, metric, (double)mood, at,
                                  PM_MEASURED_AT_CHECKIN, 0);
}

static pm_status hold(pm_id *next, pm_session *s, const pm_checkin_context *ctx, int mood)
{
    checkin_row r;
    pm_status st = read_checkin(&r, s, ctx->checkin, "checkin");
    if (st != PM_OK)
        return st;
    r.v[PM_CHECKIN_STATE] = pm_value__int(PM_CHECKIN_HELD);
    /* The mood stays on the meeting too, NULL when not given, exactly as
     * given and never defaulted; the measurement is the wellbeing copy. */
    r.v[PM_CHECKIN_MOOD] = mood == PM_MOOD_NONE ? pm_value__null() : pm_value__int(mood);
    st = write_checkin(s, &r);
    if (st == PM_OK && mood != PM_MOOD_NONE)
        st = record_mood(s, ctx, mood);
    if (st == PM_OK)
        st = find_or_schedule_next(next, s, ctx);
    if (st == PM_OK && *next != 0)
        st = carry_talking_points(s, ctx->checkin, *next);
    return st;
}

pm_status pm_checkin_hold(pm_id *next, pm_session *s, pm_id checkin, int mood)
{
    PM_CHECK_SESSION(s);
    if (next != NULL)
        *next = 0;
    pm_checkin_context ctx;
    pm_status st = pm_checkin__check_mood(mood, &s->error);
    if (st == PM_OK)
        st = pm_checkin__load(&ctx, s, checkin, "checkin");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_WRITE, &ctx);
    if (st == PM_OK && ctx.state != PM_CHECKIN_SCHEDULED)
        st = refuse_state(s, &ctx, "scheduled");
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish(s, hold(&id, s, &ctx, mood));
    if (st == PM_OK && next != NULL)
        *next = id;
    return st;
}

/* ---- cancel or miss ---- */

static pm_status set_state(pm_session *s, const pm_checkin_context *ctx, pm_checkin_state state)
{
    checkin_row r;
    pm_status st = read_checkin(&r, s, ctx->checkin, "checkin");
    if (st != PM_OK)
        return st;
    r.v[PM_CHECKIN_STATE] = pm_value__int(state);
    return write_checkin(s, &r);
}

pm_status pm_checkin_set_state(pm_session *s, pm_id checkin, pm_checkin_state state)
{
    PM_CHECK_SESSION(s);
    if (!pm_checkin__is_settable_state(state))
        return pm_error__set(&s->error, PM_EINVAL,
                             "checkin.state: %d is neither cancelled (%d) nor missed (%d)",
                             (int)state, (int)PM_CHECKIN_CANCELLED, (int)PM_CHECKIN_MISSED);
    pm_checkin_context ctx;
    pm_status st = pm_checkin__load(&ctx, s, checkin, "checkin");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_WRITE, &ctx);
    if (st == PM_OK && ctx.state != PM_CHECKIN_SCHEDULED)
        st = refuse_state(s, &ctx, "scheduled");
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, set_state(s, &ctx, state));
}

/* ---- reading ---- */

static void snapshot_of(pm_checkin *out, const checkin_row *r)
{
    out->id = r->id;
    out->series = r->v[PM_CHECKIN_SERIES].v.i;
    out->date = pm_value__as_date(&r->v[PM_CHECKIN_DATE]);
    out->state = (pm_checkin_state)r->v[PM_CHECKIN_STATE].v.i;
    out->mood = r->v[PM_CHECKIN_MOOD].type == PM_VALUE_NULL ? PM_MOOD_NONE
                                                           : (int)r->v[PM_CHECKIN_MOOD].v.i;
}

pm_status pm_checkin_get(pm_checkin **out, pm_session *s, pm_id checkin)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_checkin_context ctx;
    checkin_row r;
    pm_status st = pm_checkin__load(&ctx, s, checkin, "checkin");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_READ, &ctx);
    if (st == PM_OK)
        st = read_checkin(&r, s, checkin, "checkin");
    if (st != PM_OK)
        return st;
    pm_checkin *c = pm__malloc(sizeof *c);
    if (c == NULL)
        return out_of_memory(s);
    snapshot_of(c, &r);
    *out = c;
    return PM_OK;
}

pm_status pm_checkin_list(pm_checkin_iter **out, pm_session *s, pm_id series)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_checkin_context ctx;
    pm_status st = pm_checkin__load_series(&ctx, s, series, "series");
    if (st == PM_OK)
        st = pm_checkin__authorize(s, PM_ACT_CHECKIN_READ, &ctx);
    if (st != PM_OK)
        return st;
    checkin_rows rows = { s, NULL, 0, 0 };
    st = read_checkins(&rows, s, series, PM_DATE_NONE);
    pm_checkin_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = out_of_memory(s);
    if (st == PM_OK && rows.count > 0) {
        it->items = pm__malloc(rows.count * sizeof *it->items);
        if (it->items == NULL)
            st = out_of_memory(s);
    }
    if (st != PM_OK) {
        pm__free(rows.rows);
        pm__free(it);
        return st;
    }
    for (size_t i = 0; i < rows.count; i++)
        snapshot_of(&it->items[i], &rows.rows[i]);
    it->count = rows.count;
    pm__free(rows.rows);
    *out = it;
    return PM_OK;
}

pm_status pm_checkin_iter_next(pm_checkin **out, pm_checkin_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_checkin_iter_free(pm_checkin_iter *iter)
{
    if (iter == NULL)
        return;
    pm__free(iter->items);
    pm__free(iter);
}

void pm_checkin_free(pm_checkin *checkin)
{
    pm__free(checkin);
}

pm_id pm_checkin_id(const pm_checkin *checkin)
{
    return checkin ? checkin->id : 0;
}

pm_id pm_checkin_series_of(const pm_checkin *checkin)
{
    return checkin ? checkin->series : 0;
}

pm_date pm_checkin_date(const pm_checkin *checkin)
{
    return checkin ? checkin->date : PM_DATE_NONE;
}

pm_checkin_state pm_checkin_state_get(const pm_checkin *checkin)
{
    return checkin ? checkin->state : (pm_checkin_state)0;
}

int pm_checkin_mood(const pm_checkin *checkin)
{
    return checkin ? checkin->mood : PM_MOOD_NONE;
}
