/* Session methods over export.h: the personal-data export as JSON text (a
 * Lua string; parse it with any JSON library) or into a file. */
#include "perfmgmt_lua.h"

/* session:export_person(person) -> the JSON text. */
static int export_person(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    char *json = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_export_json(&json, s->session, person);
    pm_lua__leave(s->db);
    /* Pushed before the check, which may raise: the text is freed either
     * way (lua_pushstring copies it). */
    if (st == PM_OK && json != NULL && s->db->clock_error == 0)
        lua_pushstring(L, json);
    pm_free(json);
    pm_lua__check(L, s, st);
    return 1;
}

/* session:export_person_to_file(person, path): written whole or not at all. */
static int export_person_to_file(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    const char *path = pm_lua__check_cstring(L, 3, "path");
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_export(s->session, person, path);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

const luaL_Reg pm_lua__export_methods[] = {
    { "export_person", export_person },
    { "export_person_to_file", export_person_to_file },
    { NULL, NULL },
};
