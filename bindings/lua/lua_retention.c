/* Session methods over retention.h: retention periods per class of data
 * and purges. Classes are strings ("feedback", "feedback_requests",
 * "checkin_notes", "wellbeing", "audit"); a purge's report is a table
 * { removed = { feedback = n, ... }, kept = { ... }, batches = n,
 * done = boolean }; instants are integers (UTC seconds). */
#include "perfmgmt_lua.h"

static const char *const class_names[] = { "feedback", "feedback_requests", "checkin_notes",
                                           "wellbeing", "audit", NULL };
static const pm_lua_enum retention_class = { class_names, PM_RETENTION_FEEDBACK };

/* session:set_retention(class, days): days 1 to 36500; 0 removes the period. */
static int set_retention(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_retention_class c = (pm_retention_class)pm_lua__check_enum(L, 2, &retention_class);
    int days = pm_lua__to_int(L, luaL_checkinteger(L, 3), "days");
    pm_lua__enter(L, s->db);
    pm_status st = pm_retention_set(s->session, c, days);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* session:clear_retention(class) */
static int clear_retention(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_retention_class c = (pm_retention_class)pm_lua__check_enum(L, 2, &retention_class);
    pm_lua__enter(L, s->db);
    pm_status st = pm_retention_clear(s->session, c);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* session:get_retention(class) -> days, or nil when the class has no period. */
static int get_retention(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_retention_class c = (pm_retention_class)pm_lua__check_enum(L, 2, &retention_class);
    int days = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_retention_get(&days, s->session, c);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    if (days > 0)
        lua_pushinteger(L, days);
    else
        lua_pushnil(L);
    return 1;
}

/* A count C takes as unsigned: a negative one would reach it wrapped. */
static int field_count(lua_State *L, int arg, const char *key, unsigned int *out)
{
    int value = 0;
    if (!pm_lua__field_int(L, arg, key, &value))
        return 0;
    if (value < 0) {
        lua_pushfstring(L, "%s: %d is negative", key, value);
        pm_lua__raise(L, PM_ERANGE, lua_tostring(L, -1));
    }
    *out = (unsigned int)value;
    return 1;
}

/* A table of the classes' counts: { feedback = n, ... }. */
static void push_counts(lua_State *L, const int64_t *counts)
{
    lua_createtable(L, 0, PM_RETENTION_CLASS_MAX);
    for (int c = PM_RETENTION_FEEDBACK; c <= PM_RETENTION_CLASS_MAX; c++) {
        lua_pushinteger(L, (lua_Integer)counts[c]);
        lua_setfield(L, -2, pm_lua__enum_name(&retention_class, c));
    }
}

static const char *const purge_keys[] = { "now", "batch_size", "max_batches", NULL };

/* session:purge_retention{ now =, batch_size =, max_batches = } -> report */
static int purge_retention(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_retention_purge_opts opts = PM_RETENTION_PURGE_OPTS_INIT;
    pm_time now = 0;
    if (pm_lua__check_options(L, 2, purge_keys)) {
        pm_id value = 0;
        if (pm_lua__field_id(L, 2, "now", &value))
            now = (pm_time)value;
        field_count(L, 2, "batch_size", &opts.batch_size);
        field_count(L, 2, "max_batches", &opts.max_batches);
    }
    pm_retention_report report = PM_RETENTION_REPORT_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_retention_purge(s->session, now, &opts, &report);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 4);
    push_counts(L, report.removed);
    lua_setfield(L, -2, "removed");
    push_counts(L, report.kept);
    lua_setfield(L, -2, "kept");
    lua_pushinteger(L, (lua_Integer)report.batches);
    lua_setfield(L, -2, "batches");
    lua_pushboolean(L, report.done);
    lua_setfield(L, -2, "done");
    return 1;
}

const luaL_Reg pm_lua__retention_methods[] = {
    { "set_retention", set_retention },
    { "clear_retention", clear_retention },
    { "get_retention", get_retention },
    { "purge_retention", purge_retention },
    { NULL, NULL },
};
