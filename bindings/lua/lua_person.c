/* Session methods over person.h. Text goes to C with its exact length, so
 * C sees every byte (a NUL or invalid UTF-8 inside is refused there). */
#include "perfmgmt_lua.h"

static const char *const create_keys[] = {
    "external_id", "name", "email", "hr_admin", "unit", "manager", "start", NULL
};
static const char *const update_keys[] = { "external_id", "name", "email", NULL };
static const char *const search_keys[] = { "include_left", NULL };

/* The text fields both create and update take, from the table at arg. */
static void text_fields(lua_State *L, int arg, pm_person_opts *opts)
{
    pm_lua__field_string(L, arg, "external_id", &opts->external_id, &opts->external_id_len);
    pm_lua__field_string(L, arg, "name", &opts->display_name, &opts->display_name_len);
    pm_lua__field_string(L, arg, "email", &opts->email, &opts->email_len);
}

static int create_person(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, create_keys);
    pm_person_opts opts = PM_PERSON_OPTS_INIT;
    text_fields(L, 2, &opts);
    pm_lua__field_bool(L, 2, "hr_admin", &opts.hr_admin);
    pm_lua__field_id(L, 2, "unit", &opts.unit);
    pm_lua__field_id(L, 2, "manager", &opts.manager);
    pm_lua__field_date(L, 2, "start", &opts.start);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int update_person(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, update_keys);
    pm_person_opts opts = PM_PERSON_OPTS_INIT;
    text_fields(L, 3, &opts);
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_update(s->session, person, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int set_hr_admin(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TBOOLEAN);
    int hr_admin = lua_toboolean(L, 3);
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_set_hr_admin(s->session, person, hr_admin);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int set_left(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "date");
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_set_left(s->session, person, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* Converts a snapshot that C handed over, then frees it. */
static int return_person(lua_State *L, pm_lua_session *s, pm_status st, pm_person *p)
{
    if (st == PM_OK && p != NULL && s->db->clock_error == 0)
        pm_lua__push_person(L, p);
    pm_person_free(p);
    pm_lua__check(L, s, st);
    return 1;
}

static int get_person(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_person *p = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_get(&p, s->session, person);
    pm_lua__leave(s->db);
    return return_person(L, s, st, p);
}

static int lookup_person(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    const char *external_id = pm_lua__check_cstring(L, 2, "external_id");
    pm_person *p = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_lookup(&p, s->session, external_id);
    pm_lua__leave(s->db);
    return return_person(L, s, st, p);
}

static int search_people(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    const char *query = pm_lua__check_cstring(L, 2, "query");
    unsigned int flags = 0;
    if (pm_lua__check_options(L, 3, search_keys)) {
        int include_left = 0;
        pm_lua__field_bool(L, 3, "include_left", &include_left);
        if (include_left)
            flags |= PM_PERSON_INCLUDE_LEFT;
    }
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_PERSON);
    pm_person_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_person_search(&iter, s->session, query, flags);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

const luaL_Reg pm_lua__person_methods[] = {
    { "create_person", create_person },
    { "update_person", update_person },
    { "set_hr_admin", set_hr_admin },
    { "set_left", set_left },
    { "get_person", get_person },
    { "lookup_person", lookup_person },
    { "search_people", search_people },
    { NULL, NULL }
};
