/* Internal declarations shared by the files of the Lua 5.4 module. Nothing
 * here is exported: the module's one public symbol is luaopen_perfmgmt. */
#ifndef PERFMGMT_LUA_H
#define PERFMGMT_LUA_H

#include <lua.h>
#include <lauxlib.h>

#include <perfmgmt.h>

/* Metatable names (registry keys and __name). */
#define PM_LUA_DB "perfmgmt.Db"
#define PM_LUA_SESSION "perfmgmt.Session"
#define PM_LUA_PERSON_ITER "perfmgmt.PersonIter"
#define PM_LUA_UNIT_ITER "perfmgmt.UnitIter"
#define PM_LUA_ERROR "perfmgmt.Error"
/* The metatable of the weak-keyed tables that track handles. */
#define PM_LUA_WEAK "perfmgmt.weak"

/* User values of a Db userdata. */
#define PM_LUA_DB_SESSIONS 1 /* weak-keyed table: the sessions opened on it */
#define PM_LUA_DB_CLOCK 2    /* the Lua clock function, or nil */
#define PM_LUA_DB_NUV 2

/* User values of a Session userdata. */
#define PM_LUA_SESSION_DB 1    /* the Db, kept alive while the session lives */
#define PM_LUA_SESSION_ITERS 2 /* weak-keyed table of its iterators, made on demand */
#define PM_LUA_SESSION_NUV 2

/* User value of an iterator: its Session. */
#define PM_LUA_ITER_SESSION 1

/* A session free that had to wait because a C call on the same store was
 * running (a finalizer ran inside the clock function). */
typedef struct pm_lua_deferred {
    pm_session *session;
    struct pm_lua_deferred *next;
} pm_lua_deferred;

typedef struct pm_lua_db {
    pm_db *db;            /* NULL once closed */
    lua_State *L;         /* the thread inside the current C call, for the clock */
    int busy;             /* a C call on this store is running */
    int clock_error;      /* stack index of the clock's error in this call, or 0 */
    pm_lua_deferred *deferred;
} pm_lua_db;

typedef struct pm_lua_session {
    pm_session *session;  /* NULL once closed */
    pm_lua_db *db;        /* the Db's userdata memory, alive through the user value */
} pm_lua_session;

typedef struct pm_lua_iter {
    void *iter;           /* pm_person_iter or pm_unit_iter; NULL once freed */
    pm_lua_session *session;
    int is_unit;          /* which of the two iter is */
    int closed;           /* closed by the caller or with its session: using it is an error */
} pm_lua_iter;

/* ---- the error rule (perfmgmt_lua.c) ---- */

/* Raises a perfmgmt.Error {code, status, message}. Never returns. */
int pm_lua__raise(lua_State *L, int code, const char *message);
/* Raises for a failed session call, with the session's message. */
int pm_lua__raise_session(lua_State *L, pm_lua_session *s, pm_status st);

/* ---- stores and sessions (lua_db.c) ---- */

void pm_lua__db_register(lua_State *L);
int pm_lua__open(lua_State *L);

/* The open session at idx, or an argument error / perfmgmt.Error. */
pm_lua_session *pm_lua__check_session(lua_State *L, int idx);

/* Brackets every C call that may reach the store. enter refuses a store
 * that is already inside a call (the clock function calling back), and
 * points the clock at the running thread; leave runs the deferred frees. */
void pm_lua__enter(lua_State *L, pm_lua_db *db);
void pm_lua__leave(pm_lua_db *db);
/* After leave: raises the clock's error if it failed during the call, then a
 * perfmgmt.Error when st is not PM_OK. */
void pm_lua__check(lua_State *L, pm_lua_session *s, pm_status st);

/* Closes a session (its iterators first). During a C call on its store the
 * free is deferred when defer is set, refused otherwise. */
void pm_lua__session_close(lua_State *L, int idx, pm_lua_session *s, int defer);

/* ---- iterators (lua_iter.c) ---- */

void pm_lua__iter_register(lua_State *L);
/* Pushes a new iterator of the session at session_idx, not yet holding a C
 * iterator: made before the C call, so that no Lua memory error can lose
 * what C allocates. */
pm_lua_iter *pm_lua__new_iter(lua_State *L, int session_idx, int is_unit);
/* With the filled iterator on the top, returns what a generic for takes:
 * the iterator, nil, nil, and the iterator again as the closing value. */
int pm_lua__iter_return(lua_State *L);
/* Closes the iterators in the table on the top of the stack. */
void pm_lua__close_iters(lua_State *L);

/* ---- records and arguments (lua_args.c) ---- */

/* The key strings of records, made once: the first upvalue of every
 * function that pushes a record (session methods, iterator calls). */
enum {
    PM_LUA_KEY_ID = 1,
    PM_LUA_KEY_EXTERNAL_ID,
    PM_LUA_KEY_NAME,
    PM_LUA_KEY_EMAIL,
    PM_LUA_KEY_STATUS,
    PM_LUA_KEY_LEFT_ON,
    PM_LUA_KEY_HR_ADMIN,
    PM_LUA_KEY_CREATED_AT,
    PM_LUA_KEY_CREATED_BY,
    PM_LUA_KEY_UPDATED_AT,
    PM_LUA_KEY_UPDATED_BY,
    PM_LUA_KEY_PARENT,
    PM_LUA_KEY_ACTIVE, /* values of status */
    PM_LUA_KEY_LEFT,
    PM_LUA_KEY_COUNT
};
#define PM_LUA_KEYS lua_upvalueindex(1)
/* Pushes the table of key strings, to give as that upvalue. */
void pm_lua__push_keys(lua_State *L);

/* A person or unit as a table (needs the PM_LUA_KEYS upvalue). */
void pm_lua__push_person(lua_State *L, const pm_person *p);
void pm_lua__push_unit(lua_State *L, const pm_unit *u);
/* Pushes an id, or nil for 0. */
void pm_lua__push_id(lua_State *L, pm_id id);

/* A date argument: nil or none gives PM_DATE_NONE; field names it in the
 * error for text that is not a date. */
pm_date pm_lua__opt_date(lua_State *L, int arg, const char *field);
/* An id argument that may be nil (0). */
pm_id pm_lua__opt_id(lua_State *L, int arg);
/* Text an API takes NUL-terminated: one with a NUL byte inside is refused
 * here, as the C library refuses it in text given with a length. */
const char *pm_lua__check_cstring(lua_State *L, int arg, const char *field);

/* An options table at arg (nil or none allowed): refuses keys not in
 * allowed (a NULL-terminated list). Returns 0 when there is no table. */
int pm_lua__check_options(lua_State *L, int arg, const char *const allowed[]);
/* Fields of the options table at arg (which exists). Absent fields (nil)
 * leave *out unchanged and return 0. A string field's value stays on the
 * stack (one slot per call), so that the text outlives the call. */
int pm_lua__field_string(lua_State *L, int arg, const char *key, const char **out, size_t *len);
int pm_lua__field_bool(lua_State *L, int arg, const char *key, int *out);
int pm_lua__field_id(lua_State *L, int arg, const char *key, pm_id *out);
int pm_lua__field_date(lua_State *L, int arg, const char *key, pm_date *out);

/* ---- the domain methods (lua_person.c, lua_org.c) ---- */

extern const luaL_Reg pm_lua__person_methods[];
extern const luaL_Reg pm_lua__org_methods[];

#endif
