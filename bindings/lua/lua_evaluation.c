/* Session methods over evaluation.h: before-and-after evaluations of a
 * programme or initiative and their statistics, a metric's trend per
 * period, and the pattern flags HR can act on. Periods and flag kinds are
 * strings ("month"; "wellbeing_declining").
 *
 * An evaluation's windows are lists of two instants, pre = { from, to }; a
 * trend's first and last days are the keys since and ["until"] ("until" is
 * a Lua keyword). Numbers that are hidden (a suppressed result or period)
 * or that do not apply (the difference in differences without a
 * comparison group, reliable change without a reliability) are absent. */
#include "perfmgmt_lua.h"

/* ---- enum names, in the order of the C values ---- */

static const char *const period_names[] = { "week", "month", "quarter", NULL };
static const pm_lua_enum trend_period = { period_names, PM_PERIOD_WEEK };

static const char *const flag_kind_names[] = { "wellbeing_declining", "gap_widening",
                                               "checkins_falling", "feedback_falling", NULL };
static const pm_lua_enum flag_kind = { flag_kind_names, PM_FLAG_WELLBEING_DECLINING };

/* ---- records out ---- */

int pm_lua__push_flag_item(lua_State *L, const void *record, const void *iter)
{
    const pm_flag *f = record;
    (void)iter;
    lua_createtable(L, 0, 5);
    pm_lua__set_name(L, PM_LUA_KEY_KIND, pm_lua__enum_name(&flag_kind, (int)pm_flag_kind_get(f)));
    pm_lua__set_id(L, PM_LUA_KEY_SUBJECT, pm_flag_subject(f));
    pm_lua__set_number(L, PM_LUA_KEY_BEFORE, pm_flag_before(f));
    pm_lua__set_number(L, PM_LUA_KEY_AFTER, pm_flag_after(f));
    pm_lua__set_name(L, PM_LUA_KEY_BASIS, pm_flag_basis(f));
    return 1;
}

static void set_int(lua_State *L, const char *key, lua_Integer value)
{
    lua_pushinteger(L, value);
    lua_setfield(L, -2, key);
}

static void set_num(lua_State *L, const char *key, double value)
{
    lua_pushnumber(L, (lua_Number)value);
    lua_setfield(L, -2, key);
}

static void set_bool(lua_State *L, const char *key, int value)
{
    lua_pushboolean(L, value);
    lua_setfield(L, -2, key);
}

static void push_result(lua_State *L, const pm_evaluation_result *r)
{
    lua_createtable(L, 0, 34);
    set_bool(L, "suppressed", r->suppressed);
    set_int(L, "participants", r->participants);
    set_int(L, "n", r->n);
    set_int(L, "missing_pre", r->missing_pre);
    set_int(L, "missing_post", r->missing_post);
    set_bool(L, "has_comparison", r->has_comparison);
    set_bool(L, "has_rci", r->has_rci);
    /* A count, so given even when the group was too small to analyse:
     * who is left out is reported, never dropped in silence. */
    set_int(L, "comparison_n", r->comparison_n);
    /* Below the minimum group only the counts are given. */
    if (r->suppressed)
        return;
    set_num(L, "pre_mean", r->pre_mean);
    set_num(L, "post_mean", r->post_mean);
    set_num(L, "pre_sd", r->pre_sd);
    set_num(L, "post_sd", r->post_sd);
    set_num(L, "mean_change", r->mean_change);
    set_num(L, "sd_change", r->sd_change);
    set_num(L, "t", r->t);
    set_int(L, "df", r->df);
    set_num(L, "p", r->p);
    set_num(L, "ci_low", r->ci_low);
    set_num(L, "ci_high", r->ci_high);
    set_num(L, "d_z", r->d_z);
    set_num(L, "g_av", r->g_av);
    set_num(L, "wilcoxon_w", r->wilcoxon_w);
    set_int(L, "wilcoxon_n", r->wilcoxon_n);
    set_num(L, "wilcoxon_p", r->wilcoxon_p);
    set_bool(L, "wilcoxon_exact", r->wilcoxon_exact);
    if (r->has_comparison) {
        set_num(L, "comparison_change", r->comparison_change);
        set_num(L, "did", r->did);
        set_num(L, "did_ci_low", r->did_ci_low);
        set_num(L, "did_ci_high", r->did_ci_high);
    }
    if (r->has_rci) {
        set_int(L, "reliable_improved", r->reliable_improved);
        set_int(L, "reliable_worsened", r->reliable_worsened);
        set_num(L, "reliable_share", r->reliable_share);
    }
}

/* ---- evaluations ---- */

static const char *const evaluation_keys[] = { "title", "metric", "programme", "participants",
                                               "comparison", "pre", "post", "min_group",
                                               NULL };

/* A window field { from, to } (two instants) of the table at arg; absent
 * leaves *from and *to. */
static void field_window(lua_State *L, int arg, const char *key, pm_time *from, pm_time *to)
{
    int type = lua_getfield(L, arg, key);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_argerror(L, arg, lua_pushfstring(L, "field '%s': table expected, got %s", key,
                                              luaL_typename(L, -1)));
    pm_time ends[2] = { 0, 0 };
    int ok = lua_rawlen(L, -1) == 2;
    for (int i = 0; i < 2 && ok; i++) {
        lua_rawgeti(L, -1, i + 1);
        int is_integer = 0;
        ends[i] = (pm_time)lua_tointegerx(L, -1, &is_integer);
        ok = lua_type(L, -1) == LUA_TNUMBER && is_integer;
        lua_pop(L, 1);
    }
    /* Keys besides 1 and 2 would be ignored silently: refuse them. */
    lua_pushnil(L);
    while (ok && lua_next(L, -2) != 0) {
        lua_pop(L, 1);
        ok = lua_isinteger(L, -1) && (lua_tointeger(L, -1) == 1 || lua_tointeger(L, -1) == 2);
        if (!ok)
            lua_pop(L, 1);
    }
    if (!ok)
        luaL_argerror(L, arg, lua_pushfstring(L, "field '%s': { from, to } expected (two "
                                                 "instants)", key));
    *from = ends[0];
    *to = ends[1];
    lua_pop(L, 1);
}

static int create_evaluation(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, evaluation_keys);
    pm_evaluation_opts opts = PM_EVALUATION_OPTS_INIT;
    pm_lua__field_string(L, 2, "title", &opts.title, &opts.title_len);
    pm_lua__field_id(L, 2, "metric", &opts.metric);
    pm_lua__field_id(L, 2, "programme", &opts.programme);
    pm_lua__field_ids(L, 2, "participants", &opts.participants, &opts.nparticipants);
    pm_lua__field_ids(L, 2, "comparison", &opts.comparison, &opts.ncomparison);
    field_window(L, 2, "pre", &opts.pre_from, &opts.pre_to);
    field_window(L, 2, "post", &opts.post_from, &opts.post_to);
    pm_lua__field_int(L, 2, "min_group", &opts.min_group);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_evaluation_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int set_evaluation_values(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id evaluation = luaL_checkinteger(L, 2);
    pm_id person = luaL_checkinteger(L, 3);
    double pre = (double)luaL_checknumber(L, 4);
    double post = (double)luaL_checknumber(L, 5);
    pm_lua__enter(L, s->db);
    pm_status st = pm_evaluation_set_values(s->session, evaluation, person, pre, post);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int evaluation_result(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id evaluation = luaL_checkinteger(L, 2);
    pm_evaluation_result out = PM_EVALUATION_RESULT_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_evaluation_result_get(&out, s->session, evaluation);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    push_result(L, &out);
    return 1;
}

/* ---- trends ---- */

static const char *const trend_keys[] = { "metric", "unit", "since", "until", "period",
                                          "min_group", NULL };

static void free_trend(void *trend)
{
    pm_trend_free(trend);
}

static void push_trend(lua_State *L, const pm_trend *t)
{
    size_t n = pm_trend_count(t);
    lua_createtable(L, 0, 9);
    lua_createtable(L, n > 1000 ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 5);
        pm_lua__set_date(L, PM_LUA_KEY_START, pm_trend_period_start(t, i));
        int suppressed = pm_trend_period_suppressed(t, i);
        pm_lua__set_boolean(L, PM_LUA_KEY_SUPPRESSED, suppressed);
        /* A hidden period's numbers are absent; so is the mean of a period
         * without measurements. */
        if (!suppressed) {
            pm_lua__set_integer(L, PM_LUA_KEY_PEOPLE, pm_trend_period_people(t, i));
            set_int(L, "n", pm_trend_period_n(t, i));
            if (pm_trend_period_n(t, i) > 0)
                pm_lua__set_number(L, PM_LUA_KEY_MEAN, pm_trend_period_mean(t, i));
        }
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "periods");
    set_int(L, "points", pm_trend_points(t));
    set_num(L, "slope", pm_trend_slope(t));
    set_num(L, "slope_ci_low", pm_trend_slope_ci_low(t));
    set_num(L, "slope_ci_high", pm_trend_slope_ci_high(t));
    set_int(L, "mk_s", pm_trend_mk_s(t));
    set_num(L, "mk_z", pm_trend_mk_z(t));
    set_num(L, "mk_p", pm_trend_mk_p(t));
    set_num(L, "theil_sen", pm_trend_theil_sen(t));
}

static int trend(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, trend_keys);
    pm_trend_opts opts = PM_TREND_OPTS_INIT;
    int period = 0;
    pm_lua__field_id(L, 2, "metric", &opts.metric);
    pm_lua__field_id(L, 2, "unit", &opts.unit);
    pm_lua__field_date(L, 2, "since", &opts.from);
    pm_lua__field_date(L, 2, "until", &opts.to);
    if (pm_lua__field_enum(L, 2, "period", &trend_period, &period))
        opts.period = (pm_period)period;
    pm_lua__field_int(L, 2, "min_group", &opts.min_group);
    /* The box holds the trend until its table is made. */
    void **slot = pm_lua__new_box(L, free_trend);
    int box = lua_gettop(L);
    pm_trend *t = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_trend_get(&t, s->session, &opts);
    pm_lua__leave(s->db);
    *slot = t;
    pm_lua__check(L, s, st);
    push_trend(L, t);
    pm_lua__box_release(L, box);
    return 1;
}

/* ---- pattern flags ---- */

static int pattern_flags(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_date from = pm_lua__check_date(L, 2, "since");
    pm_date to = pm_lua__check_date(L, 3, "until");
    pm_id unit = pm_lua__opt_id(L, 4);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_FLAG);
    pm_flag_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_pattern_flags(&iter, s->session, unit, from, to);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

const luaL_Reg pm_lua__evaluation_methods[] = {
    { "create_evaluation", create_evaluation },
    { "set_evaluation_values", set_evaluation_values },
    { "evaluation_result", evaluation_result },
    { "trend", trend },
    { "pattern_flags", pattern_flags },
    { NULL, NULL }
};
