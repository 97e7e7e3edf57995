/* perfmgmt.PersonIter and perfmgmt.UnitIter: C iterators behind a generic
 * for. An iterator is callable and is also the loop's closing value, so
 * leaving a loop early (break, error) frees the C iterator at once; a C
 * iterator that has run out is freed before the loop ends. The C rule
 * "free an iterator before its session" is kept by the session, which
 * closes its iterators when it closes. */
#include "perfmgmt_lua.h"

static void iter_free(pm_lua_iter *it)
{
    void *iter = it->iter;
    it->iter = NULL;
    if (it->is_unit)
        pm_unit_iter_free(iter);
    else
        pm_person_iter_free(iter);
}

static void iter_close(pm_lua_iter *it)
{
    iter_free(it);
    it->closed = 1;
}

pm_lua_iter *pm_lua__new_iter(lua_State *L, int session_idx, int is_unit)
{
    session_idx = lua_absindex(L, session_idx);
    pm_lua_session *s = lua_touserdata(L, session_idx);
    pm_lua_iter *it = lua_newuserdatauv(L, sizeof *it, 1);
    it->iter = NULL;
    it->session = s;
    it->is_unit = is_unit;
    it->closed = 0;
    luaL_setmetatable(L, is_unit ? PM_LUA_UNIT_ITER : PM_LUA_PERSON_ITER);
    lua_pushvalue(L, session_idx);
    lua_setiuservalue(L, -2, PM_LUA_ITER_SESSION);

    /* The session's weak table of iterators, made with its first one. */
    if (lua_getiuservalue(L, session_idx, PM_LUA_SESSION_ITERS) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        luaL_setmetatable(L, PM_LUA_WEAK);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, session_idx, PM_LUA_SESSION_ITERS);
    }
    lua_pushvalue(L, -2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    return it;
}

int pm_lua__iter_return(lua_State *L)
{
    lua_pushnil(L);
    lua_pushnil(L);
    lua_pushvalue(L, -3);
    return 4;
}

void pm_lua__close_iters(lua_State *L)
{
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pop(L, 1);
        pm_lua_iter *it = luaL_testudata(L, -1, PM_LUA_PERSON_ITER);
        if (it == NULL)
            it = luaL_testudata(L, -1, PM_LUA_UNIT_ITER);
        if (it != NULL)
            iter_close(it);
    }
}

static pm_lua_iter *check_iter(lua_State *L, int idx)
{
    pm_lua_iter *it = luaL_testudata(L, idx, PM_LUA_PERSON_ITER);
    if (it == NULL)
        it = luaL_checkudata(L, idx, PM_LUA_UNIT_ITER);
    return it;
}

/* The next record, or nil at the end. */
static int iter_call(lua_State *L)
{
    pm_lua_iter *it = check_iter(L, 1);
    if (it->closed) {
        lua_pushfstring(L, "attempt to use a closed %s",
                        it->is_unit ? PM_LUA_UNIT_ITER : PM_LUA_PERSON_ITER);
        return pm_lua__raise(L, PM_EMISUSE, lua_tostring(L, -1));
    }
    if (it->iter == NULL) {
        lua_pushnil(L);
        return 1;
    }
    pm_lua_session *s = it->session;
    pm_lua__enter(L, s->db);
    pm_status st;
    if (it->is_unit) {
        pm_unit *unit = NULL;
        st = pm_unit_iter_next(&unit, it->iter);
        pm_lua__leave(s->db);
        if (st == PM_OK)
            pm_lua__push_unit(L, unit);
    } else {
        pm_person *person = NULL;
        st = pm_person_iter_next(&person, it->iter);
        pm_lua__leave(s->db);
        if (st == PM_OK)
            pm_lua__push_person(L, person);
    }
    if (st == PM_ITEROVER) {
        iter_free(it);
        lua_pushnil(L);
        st = PM_OK;
    }
    pm_lua__check(L, s, st);
    return 1;
}

static int iter_close_method(lua_State *L)
{
    iter_close(check_iter(L, 1));
    return 0;
}

static int iter_gc(lua_State *L)
{
    iter_free(check_iter(L, 1));
    return 0;
}

static int iter_tostring(lua_State *L)
{
    pm_lua_iter *it = check_iter(L, 1);
    const char *name = it->is_unit ? PM_LUA_UNIT_ITER : PM_LUA_PERSON_ITER;
    if (it->closed)
        lua_pushfstring(L, "%s (closed)", name);
    else
        lua_pushfstring(L, "%s (%p)", name, (void *)it);
    return 1;
}

static const luaL_Reg iter_meta[] = {
    { "__call", iter_call },
    { "__close", iter_close_method },
    { "__gc", iter_gc },
    { "__tostring", iter_tostring },
    { NULL, NULL }
};

static const luaL_Reg iter_methods[] = {
    { "close", iter_close_method },
    { NULL, NULL }
};

void pm_lua__iter_register(lua_State *L)
{
    const char *names[] = { PM_LUA_PERSON_ITER, PM_LUA_UNIT_ITER };
    for (int i = 0; i < 2; i++) {
        luaL_newmetatable(L, names[i]);
        pm_lua__push_keys(L);
        luaL_setfuncs(L, iter_meta, 1);
        luaL_newlib(L, iter_methods);
        lua_setfield(L, -2, "__index");
        lua_pop(L, 1);
    }
}
