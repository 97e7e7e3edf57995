/* Session methods over the metric, measurement and aggregate parts of
 * wellbeing.h, and the module functions that score its instruments
 * (perfmgmt.who5_score, enps_score, cbi_score). Directions, built-in
 * metrics and sources are strings ("lower_is_better", "who5", "import");
 * values are Lua floats; instants are integers (UTC seconds).
 *
 * Privacy is the library's: my_measurements lists the session's own
 * measurements only, and an aggregate below its minimum group (or hidden
 * by the differencing rule) comes back as { suppressed = true } alone. */
#include "perfmgmt_lua.h"

#include <limits.h>
#include <string.h>

/* ---- enum names, in the order of the C values ---- */

static const char *const direction_names[] = { "higher_is_better", "lower_is_better", NULL };
static const pm_lua_enum metric_direction = { direction_names, PM_HIGHER_IS_BETTER };

static const char *const builtin_names[] = { "who5", "enps", "cbi_personal", "cbi_work",
                                             "cbi_client", "checkin_mood", NULL };
static const pm_lua_enum builtin_metric = { builtin_names, PM_METRIC_WHO5 };

static const char *const source_names[] = { "survey", "checkin", "manual", "import", NULL };
static const pm_lua_enum measurement_source = { source_names, PM_MEASURED_BY_SURVEY };

/* ---- records out ---- */

static void push_metric(lua_State *L, const pm_metric *m)
{
    lua_createtable(L, 0, 8);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_metric_id(m));
    pm_lua__set_text(L, PM_LUA_KEY_NAME, pm_metric_name(m));
    pm_lua__set_opt_text(L, PM_LUA_KEY_UNIT, pm_metric_unit(m));
    pm_lua__set_number(L, PM_LUA_KEY_MIN, pm_metric_min(m));
    pm_lua__set_number(L, PM_LUA_KEY_MAX, pm_metric_max(m));
    pm_lua__set_name(L, PM_LUA_KEY_DIRECTION,
                     pm_lua__enum_name(&metric_direction, (int)pm_metric_direction_get(m)));
    /* 0 is "unknown", not a reliability of nothing: absent. */
    if (pm_metric_reliability(m) != 0.0)
        pm_lua__set_number(L, PM_LUA_KEY_RELIABILITY, pm_metric_reliability(m));
    pm_lua__set_name(L, PM_LUA_KEY_BUILTIN,
                     pm_lua__enum_name(&builtin_metric, pm_metric_builtin_kind(m)));
}

int pm_lua__push_metric_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_metric(L, record);
    return 1;
}

int pm_lua__push_measurement_item(lua_State *L, const void *record, const void *iter)
{
    const pm_measurement *m = record;
    (void)iter;
    lua_createtable(L, 0, 6);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_measurement_id(m));
    pm_lua__set_integer(L, PM_LUA_KEY_METRIC, pm_measurement_metric(m));
    pm_lua__set_number(L, PM_LUA_KEY_VALUE, pm_measurement_value(m));
    pm_lua__set_integer(L, PM_LUA_KEY_AT, pm_measurement_at(m));
    pm_lua__set_name(L, PM_LUA_KEY_SOURCE,
                     pm_lua__enum_name(&measurement_source, (int)pm_measurement_source_get(m)));
    pm_lua__set_id(L, PM_LUA_KEY_UNIT, pm_measurement_unit(m));
    return 1;
}

/* ---- metrics ---- */

static const char *const metric_keys[] = { "name", "min", "max", "unit", "direction",
                                           "reliability", NULL };

static int create_metric(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, metric_keys);
    pm_metric_opts opts = PM_METRIC_OPTS_INIT;
    int direction = 0;
    pm_lua__field_string(L, 2, "name", &opts.name, &opts.name_len);
    pm_lua__field_string(L, 2, "unit", &opts.unit, &opts.unit_len);
    pm_lua__field_number(L, 2, "min", &opts.min);
    pm_lua__field_number(L, 2, "max", &opts.max);
    if (pm_lua__field_enum(L, 2, "direction", &metric_direction, &direction))
        opts.direction = (pm_metric_direction)direction;
    pm_lua__field_number(L, 2, "reliability", &opts.reliability);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_metric_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int builtin_metric_method(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_builtin_metric which = (pm_builtin_metric)pm_lua__check_enum(L, 2, &builtin_metric);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_metric_builtin(&id, s->session, which);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int get_metric(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_metric *m = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_metric_get(&m, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && m != NULL && s->db->clock_error == 0)
        push_metric(L, m);
    pm_metric_free(m);
    pm_lua__check(L, s, st);
    return 1;
}

static int metrics(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_METRIC);
    pm_metric_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_metric_list(&iter, s->session);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- measurements ---- */

static const char *const measurement_keys[] = { "person", "metric", "value", "at", "source",
                                                NULL };

/* An instant field (an integer), absent leaving *out. */
static void field_time(lua_State *L, int arg, const char *key, pm_time *out)
{
    pm_id value = 0;
    if (pm_lua__field_id(L, arg, key, &value))
        *out = (pm_time)value;
}

static int add_measurement(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, measurement_keys);
    pm_measurement_opts opts = PM_MEASUREMENT_OPTS_INIT;
    int source = 0;
    pm_lua__field_id(L, 2, "person", &opts.person);
    pm_lua__field_id(L, 2, "metric", &opts.metric);
    pm_lua__field_number(L, 2, "value", &opts.value);
    field_time(L, 2, "at", &opts.at);
    /* Every name, "survey" and "checkin" too: C refuses them with its
     * reason (those come from their own calls). */
    if (pm_lua__field_enum(L, 2, "source", &measurement_source, &source))
        opts.source = (pm_measurement_source)source;
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_measurement_add(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int my_measurements(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id metric = pm_lua__opt_id(L, 2);
    pm_time from = (pm_time)luaL_optinteger(L, 3, 0);
    pm_time to = (pm_time)luaL_optinteger(L, 4, 0);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_MEASUREMENT);
    pm_measurement_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_measurement_list_mine(&iter, s->session, metric, from, to);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- aggregates ---- */

/* "until" is a Lua keyword: { since = a, ["until"] = b }. */
static const char *const aggregate_keys[] = { "unit", "since", "until", "min_group", NULL };

static int wellbeing_aggregate(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id metric = luaL_checkinteger(L, 2);
    pm_id unit = 0;
    pm_time from = 0, to = 0;
    int min_group = 0;
    if (pm_lua__check_options(L, 3, aggregate_keys)) {
        pm_lua__field_id(L, 3, "unit", &unit);
        field_time(L, 3, "since", &from);
        field_time(L, 3, "until", &to);
        pm_lua__field_int(L, 3, "min_group", &min_group);
    }
    pm_aggregate out = PM_AGGREGATE_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_wellbeing_aggregate(&out, s->session, metric, unit, from, to, min_group);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 5);
    lua_pushboolean(L, out.suppressed);
    lua_setfield(L, -2, "suppressed");
    /* Hidden numbers are absent, not zeros that could pass for data. */
    if (!out.suppressed) {
        lua_pushinteger(L, out.people);
        lua_setfield(L, -2, "people");
        lua_pushinteger(L, out.n);
        lua_setfield(L, -2, "n");
        if (out.n > 0) {
            lua_pushnumber(L, out.mean);
            lua_setfield(L, -2, "mean");
            lua_pushnumber(L, out.sd);
            lua_setfield(L, -2, "sd");
        }
    }
    return 1;
}

/* ---- instrument scoring (module functions) ---- */

/* The integers of the list at arg, copied into a userdata left on the
 * stack; what names the argument in errors. */
static int *check_int_list(lua_State *L, int arg, const char *what, size_t *n)
{
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_Unsigned count = lua_rawlen(L, arg);
    if (count > 1000000)
        luaL_argerror(L, arg, "too many elements");
    int *out = lua_newuserdatauv(L, (count ? (size_t)count : 1) * sizeof *out, 0);
    for (lua_Unsigned i = 0; i < count; i++) {
        lua_rawgeti(L, arg, (lua_Integer)i + 1);
        int is_integer = 0;
        lua_Integer v = lua_tointegerx(L, -1, &is_integer);
        if (lua_type(L, -1) != LUA_TNUMBER || !is_integer)
            luaL_argerror(L, arg, lua_pushfstring(L, "element %I is not an integer (%s)",
                                                  (lua_Integer)i + 1, luaL_typename(L, -1)));
        if (v < INT_MIN || v > INT_MAX)
            pm_lua__to_int(L, v, lua_pushfstring(L, "%s[%I]", what, (lua_Integer)i + 1));
        out[i] = (int)v;
        lua_pop(L, 1);
    }
    *n = (size_t)count;
    return out;
}

/* C says only that it refused; the message names the first value outside
 * the scale, which is what it refused. */
static int raise_scale(lua_State *L, pm_status st, const char *what, const int *v, size_t n,
                       int (*fits)(int), const char *scale)
{
    for (size_t i = 0; i < n; i++)
        if (!fits(v[i])) {
            lua_pushfstring(L, "%s[%I]: %d is not %s", what, (lua_Integer)i + 1, v[i], scale);
            return pm_lua__raise(L, st, lua_tostring(L, -1));
        }
    lua_pushfstring(L, "%s: refused", what);
    return pm_lua__raise(L, st, lua_tostring(L, -1));
}

static int fits_who5(int v)
{
    return v >= 0 && v <= 5;
}

static int fits_enps(int v)
{
    return v >= 0 && v <= 10;
}

static int fits_cbi(int v)
{
    return v >= 0 && v <= 100 && v % 25 == 0;
}

static int who5_score(lua_State *L)
{
    size_t n = 0;
    const int *items = check_int_list(L, 1, "who5.items", &n);
    /* C reads exactly five: a list of another length cannot reach it. */
    if (n != 5) {
        lua_pushfstring(L, "who5.items: 5 answers expected, got %I", (lua_Integer)n);
        return pm_lua__raise(L, PM_EINVAL, lua_tostring(L, -1));
    }
    pm_who5 out;
    memset(&out, 0, sizeof out);
    pm_status st = pm_who5_score(&out, items);
    if (st != PM_OK)
        return raise_scale(L, st, "who5.items", items, n, fits_who5, "between 0 and 5");
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, out.raw);
    lua_setfield(L, -2, "raw");
    lua_pushinteger(L, out.percent);
    lua_setfield(L, -2, "percent");
    lua_pushboolean(L, out.poor_wellbeing);
    lua_setfield(L, -2, "poor_wellbeing");
    lua_pushboolean(L, out.depression_screen);
    lua_setfield(L, -2, "depression_screen");
    return 1;
}

static int enps_score(lua_State *L)
{
    size_t n = 0;
    const int *answers = check_int_list(L, 1, "enps.answers", &n);
    pm_enps out;
    memset(&out, 0, sizeof out);
    pm_status st = pm_enps_score(&out, answers, n);
    if (st != PM_OK)
        return raise_scale(L, st, "enps.answers", answers, n, fits_enps, "between 0 and 10");
    lua_createtable(L, 0, 5);
    lua_pushinteger(L, out.n);
    lua_setfield(L, -2, "n");
    lua_pushinteger(L, out.promoters);
    lua_setfield(L, -2, "promoters");
    lua_pushinteger(L, out.passives);
    lua_setfield(L, -2, "passives");
    lua_pushinteger(L, out.detractors);
    lua_setfield(L, -2, "detractors");
    lua_pushnumber(L, out.score);
    lua_setfield(L, -2, "score");
    return 1;
}

static int cbi_score(lua_State *L)
{
    size_t n = 0;
    const int *items = check_int_list(L, 1, "cbi.items", &n);
    double out = 0.0;
    pm_status st = pm_cbi_score(&out, items, n);
    if (st != PM_OK && n == 0)
        return pm_lua__raise(L, st, "cbi.items: at least one item expected");
    if (st != PM_OK)
        return raise_scale(L, st, "cbi.items", items, n, fits_cbi, "0, 25, 50, 75 or 100");
    lua_pushnumber(L, out);
    return 1;
}

const luaL_Reg pm_lua__scoring_functions[] = {
    { "who5_score", who5_score },
    { "enps_score", enps_score },
    { "cbi_score", cbi_score },
    { NULL, NULL }
};

const luaL_Reg pm_lua__wellbeing_methods[] = {
    { "create_metric", create_metric },
    { "builtin_metric", builtin_metric_method },
    { "get_metric", get_metric },
    { "metrics", metrics },
    { "add_measurement", add_measurement },
    { "my_measurements", my_measurements },
    { "wellbeing_aggregate", wellbeing_aggregate },
    { NULL, NULL }
};
