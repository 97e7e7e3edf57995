/* Session method over erasure.h: erasing a person's personal data. What
 * becomes of their goals is "archive" (the default) or "reassign" (to
 * new_owner); the report is a table { removed = n, changed = n }. */
#include "perfmgmt_lua.h"

static const char *const goals_names[] = { "archive", "reassign", NULL };
static const pm_lua_enum erase_goals = { goals_names, PM_ERASE_GOALS_ARCHIVE };

static const char *const erase_keys[] = { "goals", "new_owner", NULL };

/* session:erase_person(person [, {goals =, new_owner =}]) -> report */
static int erase_person(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_erase_opts opts = PM_ERASE_OPTS_INIT;
    if (pm_lua__check_options(L, 3, erase_keys)) {
        int goals = 0;
        if (pm_lua__field_enum(L, 3, "goals", &erase_goals, &goals))
            opts.goals = (pm_erase_goals)goals;
        pm_lua__field_id(L, 3, "new_owner", &opts.new_owner);
    }
    pm_erase_report report = PM_ERASE_REPORT_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_erase(s->session, person, &opts, &report);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 2);
    lua_pushinteger(L, (lua_Integer)report.removed);
    lua_setfield(L, -2, "removed");
    lua_pushinteger(L, (lua_Integer)report.changed);
    lua_setfield(L, -2, "changed");
    return 1;
}

const luaL_Reg pm_lua__erasure_methods[] = {
    { "erase_person", erase_person },
    { NULL, NULL },
};
