/* perfmgmt.Db and perfmgmt.Session: the handles, their lifetimes, the clock
 * and transactions.
 *
 * Lifetimes: a session keeps its Db alive (user value), and a Db knows its
 * sessions through a weak-keyed table, so closing the Db closes them first
 * and the C rule "free sessions before the store" holds whatever the order
 * of close calls or finalizers. Sessions do the same for their iterators.
 *
 * Re-entry: the clock is Lua code that runs in the middle of a C call. A
 * store is marked busy for the length of each call, and any use of it from
 * inside (a call, a close) is refused; a finalizer that would free a session
 * then leaves the free until the call has returned. */
#include "perfmgmt_lua.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Registry table, weak values: light userdata of a pm_lua_db -> its Db, for
 * the clock callback, which only gets the C pointer. */
static const char clock_map_key = 'c';

static void push_weak_table(lua_State *L)
{
    lua_newtable(L);
    luaL_setmetatable(L, PM_LUA_WEAK);
}

static int raise_closed(lua_State *L, const char *what)
{
    lua_pushfstring(L, "attempt to use a closed %s", what);
    return pm_lua__raise(L, PM_EMISUSE, lua_tostring(L, -1));
}

static int raise_busy(lua_State *L)
{
    return pm_lua__raise(L, PM_EMISUSE,
                         "store: in use by a call that is running (a clock function "
                         "cannot use or close the store it serves)");
}

static pm_lua_db *check_db(lua_State *L, int idx)
{
    pm_lua_db *db = luaL_checkudata(L, idx, PM_LUA_DB);
    if (db->db == NULL)
        raise_closed(L, PM_LUA_DB);
    return db;
}

pm_lua_session *pm_lua__check_session(lua_State *L, int idx)
{
    pm_lua_session *s = luaL_checkudata(L, idx, PM_LUA_SESSION);
    if (s->session == NULL)
        raise_closed(L, PM_LUA_SESSION);
    return s;
}

/* ---- calls into C ---- */

static void run_deferred(pm_lua_db *db)
{
    while (db->deferred != NULL) {
        pm_lua_deferred *d = db->deferred;
        db->deferred = d->next;
        pm_session_free(d->session);
        free(d);
    }
}

void pm_lua__enter(lua_State *L, pm_lua_db *db)
{
    if (db->busy)
        raise_busy(L);
    db->L = L;
    db->busy = 1;
    db->clock_error = 0;
}

void pm_lua__leave(pm_lua_db *db)
{
    db->busy = 0;
    db->L = NULL;
    run_deferred(db);
}

static void check_clock(lua_State *L, pm_lua_db *db)
{
    if (db->clock_error == 0)
        return;
    int idx = db->clock_error;
    db->clock_error = 0;
    lua_pushvalue(L, idx);
    lua_error(L);
}

void pm_lua__check(lua_State *L, pm_lua_session *s, pm_status st)
{
    check_clock(L, s->db);
    if (st != PM_OK)
        pm_lua__raise_session(L, s, st);
}

/* ---- the clock ---- */

/* Runs protected: finds the Lua clock and calls it. */
static int call_clock(lua_State *L)
{
    pm_lua_db *db = lua_touserdata(L, 1);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &clock_map_key);
    lua_rawgetp(L, -1, db);
    lua_getiuservalue(L, -1, PM_LUA_DB_CLOCK);
    lua_call(L, 0, 1);
    int is_integer = 0;
    lua_Integer now = lua_tointegerx(L, -1, &is_integer);
    if (lua_type(L, -1) != LUA_TNUMBER || !is_integer) {
        lua_pushfstring(L, "clock: the clock function must return an integer (UTC seconds), got %s",
                        luaL_typename(L, -1));
        return pm_lua__raise(L, PM_EINVAL, lua_tostring(L, -1));
    }
    lua_pushinteger(L, now);
    return 1;
}

/* Errors must not unwind through the C library, so the clock runs under
 * lua_pcall. A failure leaves its error on the stack of the thread that made
 * the call, to be raised there once the C call has returned; meanwhile the
 * library gets the system time. */
static pm_time clock_callback(void *payload)
{
    pm_lua_db *db = payload;
    lua_State *L = db->L;
    if (L == NULL || db->clock_error != 0 || !lua_checkstack(L, 4))
        return (pm_time)time(NULL);
    lua_pushcfunction(L, call_clock);
    lua_pushlightuserdata(L, db);
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        db->clock_error = lua_gettop(L);
        return (pm_time)time(NULL);
    }
    pm_time now = (pm_time)lua_tointeger(L, -1);
    lua_pop(L, 1);
    return now;
}

/* ---- closing ---- */

static void defer_free(pm_lua_db *db, pm_session *session)
{
    pm_lua_deferred *d = malloc(sizeof *d);
    if (d == NULL)
        return; /* leaking the session beats freeing it under a running call */
    d->session = session;
    d->next = db->deferred;
    db->deferred = d;
}

void pm_lua__session_close(lua_State *L, int idx, pm_lua_session *s, int defer)
{
    if (s->session == NULL)
        return;
    if (s->db->busy && !defer)
        raise_busy(L);
    idx = lua_absindex(L, idx);
    if (lua_getiuservalue(L, idx, PM_LUA_SESSION_ITERS) == LUA_TTABLE)
        pm_lua__close_iters(L);
    lua_pop(L, 1);
    pm_session *session = s->session;
    s->session = NULL;
    if (s->db->busy)
        defer_free(s->db, session);
    else
        pm_session_free(session);
}

static void forget_clock(lua_State *L, pm_lua_db *db)
{
    lua_rawgetp(L, LUA_REGISTRYINDEX, &clock_map_key);
    lua_pushnil(L);
    lua_rawsetp(L, -2, db);
    lua_pop(L, 1);
}

static void db_close(lua_State *L, int idx, pm_lua_db *db)
{
    if (db->db == NULL)
        return;
    if (db->busy)
        raise_busy(L);
    idx = lua_absindex(L, idx);
    if (lua_getiuservalue(L, idx, PM_LUA_DB_SESSIONS) == LUA_TTABLE) {
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            lua_pop(L, 1);
            pm_lua_session *s = luaL_testudata(L, -1, PM_LUA_SESSION);
            if (s != NULL)
                pm_lua__session_close(L, -1, s, 0);
        }
    }
    lua_pop(L, 1);
    run_deferred(db);
    forget_clock(L, db);
    pm_db *handle = db->db;
    db->db = NULL;
    pm_db_close(handle);
}

/* ---- perfmgmt.open ---- */

static const char *const open_options[] = { "readonly", "create", "secret", NULL };

int pm_lua__open(lua_State *L)
{
    const char *uri = pm_lua__check_cstring(L, 1, "uri");
    pm_db_opts opts = PM_DB_OPTS_INIT;
    if (pm_lua__check_options(L, 2, open_options)) {
        int readonly = 0, create = 1;
        pm_lua__field_bool(L, 2, "readonly", &readonly);
        pm_lua__field_bool(L, 2, "create", &create);
        if (readonly)
            opts.flags |= PM_DB_READONLY;
        if (!create)
            opts.flags |= PM_DB_NOCREATE;
        /* Bytes, not text: a secret may hold anything, NULs included, and
         * stays on the stack until C has copied it. */
        const char *secret = NULL;
        size_t secret_len = 0;
        if (pm_lua__field_string(L, 2, "secret", &secret, &secret_len)) {
            opts.secret = secret;
            opts.secret_len = secret_len;
        }
    }
    /* The userdata comes first so that nothing C allocated can be lost to a
     * Lua memory error. */
    pm_lua_db *db = lua_newuserdatauv(L, sizeof *db, PM_LUA_DB_NUV);
    memset(db, 0, sizeof *db);
    luaL_setmetatable(L, PM_LUA_DB);
    push_weak_table(L);
    lua_setiuservalue(L, -2, PM_LUA_DB_SESSIONS);

    char *err = NULL;
    pm_status st = pm_db_open(&db->db, &err, uri, &opts);
    if (st != PM_OK) {
        lua_pushstring(L, err ? err : pm_status_str(st));
        pm_free(err);
        return pm_lua__raise(L, st, lua_tostring(L, -1));
    }
    return 1;
}

/* ---- perfmgmt.Db methods ---- */

static int db_close_method(lua_State *L)
{
    db_close(L, 1, luaL_checkudata(L, 1, PM_LUA_DB));
    return 0;
}

static int db_gc(lua_State *L)
{
    pm_lua_db *db = luaL_checkudata(L, 1, PM_LUA_DB);
    /* A store inside a call is reachable from that call, so a busy one is
     * never collected; the check keeps a finalizer from ever raising. */
    if (!db->busy)
        db_close(L, 1, db);
    return 0;
}

static int db_tostring(lua_State *L)
{
    pm_lua_db *db = luaL_checkudata(L, 1, PM_LUA_DB);
    if (db->db == NULL)
        lua_pushstring(L, PM_LUA_DB " (closed)");
    else
        lua_pushfstring(L, PM_LUA_DB " (%p)", (void *)db);
    return 1;
}

static int db_set_clock(lua_State *L)
{
    pm_lua_db *db = check_db(L, 1);
    int has_clock = !lua_isnoneornil(L, 2);
    if (has_clock)
        luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_settop(L, 2);
    pm_lua__enter(L, db);
    pm_db_set_clock(db->db, has_clock ? clock_callback : NULL, has_clock ? db : NULL);
    pm_lua__leave(db);
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, 1, PM_LUA_DB_CLOCK);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &clock_map_key);
    if (has_clock)
        lua_pushvalue(L, 1);
    else
        lua_pushnil(L);
    lua_rawsetp(L, -2, db);
    return 0;
}

static int db_now(lua_State *L)
{
    pm_lua_db *db = check_db(L, 1);
    pm_lua__enter(L, db);
    pm_time now = pm_db_now(db->db);
    pm_lua__leave(db);
    check_clock(L, db);
    lua_pushinteger(L, now);
    return 1;
}

/* Pushes a new Session userdata for the Db at index 1, not yet open. */
static pm_lua_session *new_session(lua_State *L, pm_lua_db *db)
{
    pm_lua_session *s = lua_newuserdatauv(L, sizeof *s, PM_LUA_SESSION_NUV);
    s->session = NULL;
    s->db = db;
    luaL_setmetatable(L, PM_LUA_SESSION);
    lua_pushvalue(L, 1);
    lua_setiuservalue(L, -2, PM_LUA_SESSION_DB);
    return s;
}

/* The new session at the top joins the Db's sessions. */
static int register_session(lua_State *L)
{
    lua_getiuservalue(L, 1, PM_LUA_DB_SESSIONS);
    lua_pushvalue(L, -2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    return 1;
}

static int db_session(lua_State *L)
{
    pm_lua_db *db = check_db(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_lua_session *s = new_session(L, db);
    pm_lua__enter(L, db);
    pm_status st = pm_session_open(&s->session, db->db, person);
    pm_lua__leave(db);
    check_clock(L, db);
    if (st != PM_OK)
        return pm_lua__raise(L, st, pm_db_errmsg(db->db));
    return register_session(L);
}

static int db_system_session(lua_State *L)
{
    pm_lua_db *db = check_db(L, 1);
    pm_lua_session *s = new_session(L, db);
    pm_lua__enter(L, db);
    pm_status st = pm_session_open_system(&s->session, db->db);
    pm_lua__leave(db);
    check_clock(L, db);
    if (st != PM_OK)
        return pm_lua__raise(L, st, pm_db_errmsg(db->db));
    return register_session(L);
}

static const luaL_Reg db_methods[] = {
    { "close", db_close_method },
    { "set_clock", db_set_clock },
    { "now", db_now },
    { "session", db_session },
    { "system_session", db_system_session },
    { NULL, NULL }
};

static const luaL_Reg db_meta[] = {
    { "__gc", db_gc },
    { "__close", db_close_method },
    { "__tostring", db_tostring },
    { NULL, NULL }
};

/* ---- perfmgmt.Session methods ---- */

static int session_close_method(lua_State *L)
{
    pm_lua__session_close(L, 1, luaL_checkudata(L, 1, PM_LUA_SESSION), 0);
    return 0;
}

static int session_gc(lua_State *L)
{
    pm_lua__session_close(L, 1, luaL_checkudata(L, 1, PM_LUA_SESSION), 1);
    return 0;
}

static int session_tostring(lua_State *L)
{
    pm_lua_session *s = luaL_checkudata(L, 1, PM_LUA_SESSION);
    if (s->session == NULL)
        lua_pushstring(L, PM_LUA_SESSION " (closed)");
    else if (pm_session_actor(s->session) == 0)
        lua_pushfstring(L, PM_LUA_SESSION " (system, %p)", (void *)s);
    else
        lua_pushfstring(L, PM_LUA_SESSION " (person %I, %p)",
                        (lua_Integer)pm_session_actor(s->session), (void *)s);
    return 1;
}

static int session_actor(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    lua_pushinteger(L, pm_session_actor(s->session));
    return 1;
}

static int session_db(lua_State *L)
{
    pm_lua__check_session(L, 1);
    lua_getiuservalue(L, 1, PM_LUA_SESSION_DB);
    return 1;
}

static int session_call(lua_State *L, pm_status (*fn)(pm_session *))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_lua__enter(L, s->db);
    pm_status st = fn(s->session);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int session_begin(lua_State *L)
{
    return session_call(L, pm_session_begin);
}

static int session_commit(lua_State *L)
{
    return session_call(L, pm_session_commit);
}

static int session_rollback(lua_State *L)
{
    return session_call(L, pm_session_rollback);
}

/* Where transaction() goes when its function has returned or failed, also
 * after the function yielded (lua_pcallk), so coroutines may run it. */
static int transaction_finish(lua_State *L, int status, lua_KContext base)
{
    pm_lua_session *s = luaL_checkudata(L, 1, PM_LUA_SESSION);
    int ok = status == LUA_OK || status == LUA_YIELD;
    if (s->session == NULL) {
        /* Closing the session (or its Db) inside rolled the work back. */
        if (!ok)
            return lua_error(L);
        return pm_lua__raise(L, PM_EMISUSE,
                             "transaction: the session was closed inside the transaction; "
                             "its writes were rolled back");
    }
    if (!ok) {
        pm_lua__enter(L, s->db);
        pm_session_rollback(s->session);
        pm_lua__leave(s->db);
        return lua_error(L);
    }
    pm_lua__enter(L, s->db);
    pm_status st = pm_session_commit(s->session);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return lua_gettop(L) - (int)base;
}

static int session_transaction(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    int extra = lua_gettop(L) - 2;
    pm_lua__enter(L, s->db);
    pm_status st = pm_session_begin(s->session);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    luaL_checkstack(L, extra + 2, "too many arguments to transaction");
    int base = lua_gettop(L);
    lua_pushvalue(L, 2);
    lua_pushvalue(L, 1);
    for (int i = 0; i < extra; i++)
        lua_pushvalue(L, 3 + i);
    int status = lua_pcallk(L, extra + 1, LUA_MULTRET, 0, base, transaction_finish);
    return transaction_finish(L, status, base);
}

static const luaL_Reg session_methods[] = {
    { "close", session_close_method },
    { "actor", session_actor },
    { "db", session_db },
    { "begin", session_begin },
    { "commit", session_commit },
    { "rollback", session_rollback },
    { "transaction", session_transaction },
    { NULL, NULL }
};

static const luaL_Reg session_meta[] = {
    { "__gc", session_gc },
    { "__close", session_close_method },
    { "__tostring", session_tostring },
    { NULL, NULL }
};

void pm_lua__db_register(lua_State *L)
{
    luaL_newmetatable(L, PM_LUA_WEAK);
    lua_pushstring(L, "k");
    lua_setfield(L, -2, "__mode");
    lua_pop(L, 1);

    lua_newtable(L);
    lua_createtable(L, 0, 1);
    lua_pushstring(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &clock_map_key);

    luaL_newmetatable(L, PM_LUA_DB);
    luaL_setfuncs(L, db_meta, 0);
    luaL_newlib(L, db_methods);
    lua_setfield(L, -2, "__index");
    lua_pop(L, 1);

    luaL_newmetatable(L, PM_LUA_SESSION);
    luaL_setfuncs(L, session_meta, 0);
    pm_lua__push_keys(L);
    lua_newtable(L);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, session_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__person_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__org_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__goal_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__checkin_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__feedback_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__request_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__review360_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__competency_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__gap_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__plan_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__programme_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__wellbeing_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__survey_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__evaluation_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__retention_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__export_methods, 1);
    lua_pushvalue(L, -2);
    luaL_setfuncs(L, pm_lua__erasure_methods, 1);
    lua_setfield(L, -3, "__index");
    lua_pop(L, 2);
}
