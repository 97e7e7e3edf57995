/* Session methods over checkin.h: series, check-ins (meetings), their
 * entries and completion rates. Enums are strings both ways ("weekly",
 * "held", "talking_point"); a mood or a "days since" that C reports as
 * none is nil. */
#include "perfmgmt_lua.h"

/* ---- enum names, in the order of the C values ---- */

static const char *const cadence_names[] = { "weekly", "monthly", NULL };
static const pm_lua_enum cadence = { cadence_names, PM_CADENCE_WEEKLY };

static const char *const series_state_names[] = { "active", "paused", "ended", NULL };
static const pm_lua_enum series_state = { series_state_names, PM_SERIES_ACTIVE };

static const char *const checkin_state_names[] = { "scheduled", "held", "cancelled", "missed",
                                                   NULL };
static const pm_lua_enum checkin_state = { checkin_state_names, PM_CHECKIN_SCHEDULED };

static const char *const entry_kind_names[] = { "talking_point", "note", "action_item", "goal",
                                                NULL };
static const pm_lua_enum entry_kind = { entry_kind_names, PM_ENTRY_TALKING_POINT };

/* ---- records out ---- */

static void push_series(lua_State *L, const pm_checkin_series *series)
{
    lua_createtable(L, 0, 9);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_checkin_series_id(series));
    pm_lua__set_integer(L, PM_LUA_KEY_MANAGER, pm_checkin_series_manager(series));
    pm_lua__set_integer(L, PM_LUA_KEY_REPORT, pm_checkin_series_report(series));
    pm_cadence c = pm_checkin_series_cadence(series);
    pm_lua__set_name(L, PM_LUA_KEY_CADENCE, pm_lua__enum_name(&cadence, (int)c));
    /* Each cadence has one of the two numbers; the other means nothing. */
    if (c == PM_CADENCE_WEEKLY)
        pm_lua__set_integer(L, PM_LUA_KEY_INTERVAL, pm_checkin_series_interval(series));
    else if (c == PM_CADENCE_MONTHLY)
        pm_lua__set_integer(L, PM_LUA_KEY_DAY, pm_checkin_series_day(series));
    pm_lua__set_date(L, PM_LUA_KEY_START, pm_checkin_series_start(series));
    pm_lua__set_name(L, PM_LUA_KEY_STATE,
                     pm_lua__enum_name(&series_state, (int)pm_checkin_series_state(series)));
    pm_lua__set_date(L, PM_LUA_KEY_NEXT_DUE, pm_checkin_series_next_due(series));
    pm_lua__set_date(L, PM_LUA_KEY_LAST_HELD, pm_checkin_series_last_held(series));
}

int pm_lua__push_series_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_series(L, record);
    return 1;
}

static void push_checkin(lua_State *L, const pm_checkin *c)
{
    lua_createtable(L, 0, 5);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_checkin_id(c));
    pm_lua__set_integer(L, PM_LUA_KEY_SERIES, pm_checkin_series_of(c));
    pm_lua__set_date(L, PM_LUA_KEY_DATE, pm_checkin_date(c));
    pm_lua__set_name(L, PM_LUA_KEY_STATE,
                     pm_lua__enum_name(&checkin_state, (int)pm_checkin_state_get(c)));
    if (pm_checkin_mood(c) != PM_MOOD_NONE)
        pm_lua__set_integer(L, PM_LUA_KEY_MOOD, pm_checkin_mood(c));
}

int pm_lua__push_checkin_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_checkin(L, record);
    return 1;
}

int pm_lua__push_entry_item(lua_State *L, const void *record, const void *iter)
{
    const pm_checkin_entry *e = record;
    (void)iter;
    lua_createtable(L, 0, 15);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_checkin_entry_id(e));
    pm_entry_kind kind = pm_checkin_entry_kind(e);
    pm_lua__set_name(L, PM_LUA_KEY_KIND, pm_lua__enum_name(&entry_kind, (int)kind));
    pm_lua__set_integer(L, PM_LUA_KEY_CHECKIN, pm_checkin_entry_checkin(e));
    pm_lua__set_integer(L, PM_LUA_KEY_ORIGIN, pm_checkin_entry_origin(e));
    pm_lua__set_integer(L, PM_LUA_KEY_AUTHOR, pm_checkin_entry_author(e));
    pm_lua__set_opt_text(L, PM_LUA_KEY_TEXT, pm_checkin_entry_text(e));
    pm_lua__set_boolean(L, PM_LUA_KEY_PRIVATE, pm_checkin_entry_is_private(e));
    pm_lua__set_boolean(L, PM_LUA_KEY_DONE, pm_checkin_entry_done(e));
    if (pm_checkin_entry_done_at(e) != 0)
        pm_lua__set_integer(L, PM_LUA_KEY_DONE_AT, pm_checkin_entry_done_at(e));
    pm_lua__set_id(L, PM_LUA_KEY_OWNER, pm_checkin_entry_owner(e));
    pm_lua__set_date(L, PM_LUA_KEY_DUE, pm_checkin_entry_due(e));
    /* The snapshot belongs to goal entries; other kinds have no goal. */
    if (kind == PM_ENTRY_GOAL) {
        pm_lua__set_id(L, PM_LUA_KEY_GOAL, pm_checkin_entry_goal(e));
        pm_lua__set_number(L, PM_LUA_KEY_GOAL_PROGRESS, pm_checkin_entry_goal_progress(e));
        pm_lua__set_name(L, PM_LUA_KEY_GOAL_HEALTH,
                         pm_lua__enum_name(&pm_lua__health, (int)pm_checkin_entry_goal_health(e)));
    }
    pm_lua__set_integer(L, PM_LUA_KEY_CREATED_AT, pm_checkin_entry_created_at(e));
    return 1;
}

/* ---- series ---- */

static const char *const series_keys[] = { "manager", "report", "cadence", "interval", "day",
                                           "start", NULL };
static const char *const series_list_keys[] = { "overdue", NULL };
static const char *const entry_keys[] = { "kind", "text", "private", "owner", "due", "goal",
                                          NULL };

static int create_checkin_series(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, series_keys);
    pm_checkin_series_opts opts = PM_CHECKIN_SERIES_OPTS_INIT;
    int value = 0;
    pm_lua__field_id(L, 2, "manager", &opts.manager);
    pm_lua__field_id(L, 2, "report", &opts.report);
    if (pm_lua__field_enum(L, 2, "cadence", &cadence, &value))
        opts.cadence = (pm_cadence)value;
    pm_lua__field_int(L, 2, "interval", &opts.interval);
    pm_lua__field_int(L, 2, "day", &opts.day);
    pm_lua__field_date(L, 2, "start", &opts.start);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_series_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

/* pause, resume and end: (series [, date]). */
static int series_on(lua_State *L, pm_status (*fn)(pm_session *, pm_id, pm_date))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id series = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "date");
    pm_lua__enter(L, s->db);
    pm_status st = fn(s->session, series, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int pause_checkin_series(lua_State *L)
{
    return series_on(L, pm_checkin_series_pause);
}

static int resume_checkin_series(lua_State *L)
{
    return series_on(L, pm_checkin_series_resume);
}

static int end_checkin_series(lua_State *L)
{
    return series_on(L, pm_checkin_series_end);
}

static int move_checkin_series(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id series = luaL_checkinteger(L, 2);
    pm_id manager = luaL_checkinteger(L, 3);
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_series_move(s->session, series, manager);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int get_checkin_series(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_checkin_series *series = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_series_get(&series, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && series != NULL && s->db->clock_error == 0)
        push_series(L, series);
    pm_checkin_series_free(series);
    pm_lua__check(L, s, st);
    return 1;
}

static int checkin_series_of(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    unsigned int flags = 0;
    if (pm_lua__check_options(L, 3, series_list_keys)) {
        int overdue = 0;
        pm_lua__field_bool(L, 3, "overdue", &overdue);
        if (overdue)
            flags |= PM_CHECKIN_SERIES_OVERDUE;
    }
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_SERIES);
    pm_checkin_series_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_series_list(&iter, s->session, person, flags);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- check-ins ---- */

static int schedule_checkin(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id series = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "date");
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_schedule(&id, s->session, series, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int hold_checkin(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id checkin = luaL_checkinteger(L, 2);
    int mood = pm_lua__opt_int(L, 3, PM_MOOD_NONE, "mood");
    pm_id next = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_hold(&next, s->session, checkin, mood);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    pm_lua__push_id(L, next);
    return 1;
}

static int set_checkin_state(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id checkin = luaL_checkinteger(L, 2);
    pm_checkin_state state = (pm_checkin_state)pm_lua__check_enum(L, 3, &checkin_state);
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_set_state(s->session, checkin, state);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int get_checkin(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_checkin *c = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_get(&c, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && c != NULL && s->db->clock_error == 0)
        push_checkin(L, c);
    pm_checkin_free(c);
    pm_lua__check(L, s, st);
    return 1;
}

static int checkins(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id series = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_CHECKIN);
    pm_checkin_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_list(&iter, s->session, series);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- entries ---- */

static int add_checkin_entry(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id checkin = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, entry_keys);
    pm_checkin_entry_opts opts = PM_CHECKIN_ENTRY_OPTS_INIT;
    int kind = 0;
    if (pm_lua__field_enum(L, 3, "kind", &entry_kind, &kind))
        opts.kind = (pm_entry_kind)kind;
    pm_lua__field_string(L, 3, "text", &opts.text, &opts.text_len);
    pm_lua__field_bool(L, 3, "private", &opts.is_private);
    pm_lua__field_id(L, 3, "owner", &opts.owner);
    pm_lua__field_date(L, 3, "due", &opts.due);
    pm_lua__field_id(L, 3, "goal", &opts.goal);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_entry_add(&id, s->session, checkin, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int set_checkin_entry_done(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id entry = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TBOOLEAN);
    int done = lua_toboolean(L, 3);
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_entry_set_done(s->session, entry, done);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int checkin_entries(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id checkin = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_ENTRY);
    pm_checkin_entry_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_entry_list(&iter, s->session, checkin);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- statistics ---- */

static int checkin_days_since(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "date");
    int days = -1;
    pm_lua__enter(L, s->db);
    pm_status st = pm_checkin_days_since(&days, s->session, person, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    /* C says -1 for "never held"; in Lua that absence is nil. */
    if (days < 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, days);
    return 1;
}

/* checkin_rate_manager and checkin_rate_unit: (id, from, to) -> {due=, held=, rate=}. */
static int rate(lua_State *L, pm_status (*fn)(pm_checkin_rate *, pm_session *, pm_id, pm_date,
                                              pm_date))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_date from = pm_lua__check_date(L, 3, "from");
    pm_date to = pm_lua__check_date(L, 4, "to");
    pm_checkin_rate out = PM_CHECKIN_RATE_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = fn(&out, s->session, id, from, to);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 3);
    pm_lua__set_integer(L, PM_LUA_KEY_DUE, out.due);
    pm_lua__set_integer(L, PM_LUA_KEY_HELD, out.held);
    pm_lua__set_number(L, PM_LUA_KEY_RATE, out.rate);
    return 1;
}

static int checkin_rate_manager(lua_State *L)
{
    return rate(L, pm_checkin_rate_manager);
}

static int checkin_rate_unit(lua_State *L)
{
    return rate(L, pm_checkin_rate_unit);
}

const luaL_Reg pm_lua__checkin_methods[] = {
    { "create_checkin_series", create_checkin_series },
    { "pause_checkin_series", pause_checkin_series },
    { "resume_checkin_series", resume_checkin_series },
    { "end_checkin_series", end_checkin_series },
    { "move_checkin_series", move_checkin_series },
    { "get_checkin_series", get_checkin_series },
    { "checkin_series_of", checkin_series_of },
    { "schedule_checkin", schedule_checkin },
    { "hold_checkin", hold_checkin },
    { "set_checkin_state", set_checkin_state },
    { "get_checkin", get_checkin },
    { "checkins", checkins },
    { "add_checkin_entry", add_checkin_entry },
    { "set_checkin_entry_done", set_checkin_entry_done },
    { "checkin_entries", checkin_entries },
    { "checkin_days_since", checkin_days_since },
    { "checkin_rate_manager", checkin_rate_manager },
    { "checkin_rate_unit", checkin_rate_unit },
    { NULL, NULL }
};
