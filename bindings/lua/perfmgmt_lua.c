/*
 * perfmgmt for Lua 5.4: `local perfmgmt = require "perfmgmt"`.
 *
 * A thin layer over the public C API: every method calls the C function of
 * the same name and nothing else decides anything. Handles are full
 * userdata: perfmgmt.Db, perfmgmt.Session, perfmgmt.PersonIter and
 * perfmgmt.UnitIter, each with an idempotent __gc and __close.
 *
 * The error rule, one for everything:
 *
 *   - A call the library refuses raises a Lua error whose value is a table
 *     with the metatable perfmgmt.Error (__name "perfmgmt.Error", and a
 *     __tostring): { code = <the pm_status, a negative integer>,
 *                    status = <pm_status_str(code), e.g. "not found">,
 *                    message = <the session's message, naming the field> }.
 *     perfmgmt.status holds the codes by name (perfmgmt.status.NOTFOUND).
 *     The binding raises the same kind of error for what it refuses itself
 *     before reaching C: a closed handle (MISUSE), a date that is not
 *     YYYY-MM-DD (INVAL or RANGE), a NUL byte in text that the C function
 *     takes NUL-terminated (UTF8), and a store used from its own clock
 *     function (MISUSE).
 *   - A value of the wrong Lua type raises the standard argument error of
 *     lauxlib ("bad argument #1 to 'get_person' (number expected, got
 *     nil)"), as does an unknown key in an options table.
 *   - Errors raised by Lua code the binding calls (the clock function, the
 *     function given to transaction) pass through unchanged.
 */
#include "perfmgmt_lua.h"

#include <string.h>

#if defined(__GNUC__)
#define PM_LUA_EXPORT __attribute__((visibility("default")))
#else
#define PM_LUA_EXPORT
#endif

PM_LUA_EXPORT int luaopen_perfmgmt(lua_State *L);

/* ---- the error rule ---- */

int pm_lua__raise(lua_State *L, int code, const char *message)
{
    lua_createtable(L, 0, 3);
    lua_pushinteger(L, code);
    lua_setfield(L, -2, "code");
    lua_pushstring(L, pm_status_str(code));
    lua_setfield(L, -2, "status");
    lua_pushstring(L, message ? message : "");
    lua_setfield(L, -2, "message");
    luaL_setmetatable(L, PM_LUA_ERROR);
    return lua_error(L);
}

int pm_lua__raise_session(lua_State *L, pm_lua_session *s, pm_status st)
{
    const char *message = pm_session_errmsg(s->session);
    /* A failure that left no message (an iterator's own check) still says
     * what happened. */
    if (message == NULL || *message == '\0')
        message = pm_status_str(st);
    return pm_lua__raise(L, st, message);
}

static int error_tostring(lua_State *L)
{
    lua_getfield(L, 1, "status");
    lua_getfield(L, 1, "message");
    const char *status = lua_tostring(L, -2);
    const char *message = lua_tostring(L, -1);
    if (message != NULL && *message != '\0')
        lua_pushfstring(L, "perfmgmt: %s: %s", status ? status : "error", message);
    else
        lua_pushfstring(L, "perfmgmt: %s", status ? status : "error");
    return 1;
}

/* ---- module functions ---- */

static int module_version(lua_State *L)
{
    int major = 0, minor = 0, patch = 0;
    lua_pushstring(L, pm_version(&major, &minor, &patch));
    lua_pushinteger(L, major);
    lua_pushinteger(L, minor);
    lua_pushinteger(L, patch);
    return 4;
}

static int module_status_str(lua_State *L)
{
    lua_Integer code = luaL_checkinteger(L, 1);
    /* Out-of-range values would wrap in the int conversion; the C function
     * calls them unknown, so say that directly. */
    if (code < -1000000 || code > 1000000)
        lua_pushstring(L, pm_status_str(1));
    else
        lua_pushstring(L, pm_status_str((int)code));
    return 1;
}

static const struct {
    const char *name;
    int code;
} status_names[] = {
    { "OK", PM_OK },
    { "INVAL", PM_EINVAL },
    { "NOTFOUND", PM_ENOTFOUND },
    { "PERM", PM_EPERM },
    { "CONFLICT", PM_ECONFLICT },
    { "STORAGE", PM_ESTORAGE },
    { "NOMEM", PM_ENOMEM },
    { "UTF8", PM_EUTF8 },
    { "RANGE", PM_ERANGE },
    { "BUSY", PM_EBUSY },
    { "VERSION", PM_EVERSION },
    { "CYCLE", PM_ECYCLE },
    { "CORRUPT", PM_ECORRUPT },
    { "READONLY", PM_EREADONLY },
    { "MISUSE", PM_EMISUSE },
    { "UNSUPPORTED", PM_EUNSUPPORTED },
    { "IO", PM_EIO },
    { "ITEROVER", PM_ITEROVER },
    { "HELD", PM_EHELD },
};

static void push_status_table(lua_State *L)
{
    size_t n = sizeof status_names / sizeof status_names[0];
    lua_createtable(L, 0, (int)n);
    for (size_t i = 0; i < n; i++) {
        lua_pushinteger(L, status_names[i].code);
        lua_setfield(L, -2, status_names[i].name);
    }
}

static const luaL_Reg module_functions[] = {
    { "open", pm_lua__open },
    { "version", module_version },
    { "status_str", module_status_str },
    { NULL, NULL }
};

int luaopen_perfmgmt(lua_State *L)
{
    luaL_checkversion(L);
    luaL_newmetatable(L, PM_LUA_ERROR);
    lua_pushcfunction(L, error_tostring);
    lua_setfield(L, -2, "__tostring");
    lua_pop(L, 1);

    pm_lua__db_register(L);
    pm_lua__audit_register(L);
    pm_lua__iter_register(L);
    pm_lua__box_register(L);

    luaL_newlib(L, module_functions);
    luaL_setfuncs(L, pm_lua__scoring_functions, 0);
    push_status_table(L);
    lua_setfield(L, -2, "status");
    lua_pushstring(L, PM_VERSION_STRING);
    lua_setfield(L, -2, "_VERSION");
    return 1;
}
