/* Session methods over audit.h: pages of the audit trail, the daily counts
 * of undisclosed writes, and legal holds. Operations and actor kinds are
 * strings ("create"; "person", "system"); times are integers (seconds
 * since the epoch, UTC), days "YYYY-MM-DD". An entry's actor is absent for
 * the system actor, and its record when it covers several; a time filter
 * is since and ["until"] ("until" is a Lua keyword). */
#include "perfmgmt_lua.h"

#include <string.h>

/* ---- enum names, in the order of the C values ---- */

static const char *const op_names[] = { "create", "update", "remove", "erase", "purge",
                                        "export", NULL };
static const pm_lua_enum audit_op = { op_names, PM_AUDIT_CREATE };

static const char *const actor_names[] = { "system", "person", NULL };
static const pm_lua_enum audit_actor = { actor_names, PM_AUDIT_ACTOR_SYSTEM };

static void set_int(lua_State *L, const char *key, lua_Integer value)
{
    lua_pushinteger(L, value);
    lua_setfield(L, -2, key);
}

static void set_opt_id(lua_State *L, const char *key, pm_id value)
{
    if (value != 0)
        set_int(L, key, value);
}

static void set_str(lua_State *L, const char *key, const char *value)
{
    if (value == NULL)
        return;
    lua_pushstring(L, value);
    lua_setfield(L, -2, key);
}

/* ---- the trail ---- */

static const char *const query_keys[] = { "since", "until", "actor_kind", "actor",
                                          "record_kind", "record", "op", "after", "limit",
                                          NULL };

static void push_page(lua_State *L, const pm_audit_page *page)
{
    size_t n = pm_audit_page_count(page);
    lua_createtable(L, 0, 3);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 8);
        set_int(L, "id", pm_audit_entry_id(page, i));
        set_int(L, "at", pm_audit_entry_at(page, i));
        set_opt_id(L, "actor", pm_audit_entry_actor(page, i));
        set_str(L, "actor_kind",
                pm_lua__enum_name(&audit_actor, (int)pm_audit_entry_actor_kind(page, i)));
        set_str(L, "op", pm_lua__enum_name(&audit_op, (int)pm_audit_entry_op(page, i)));
        set_str(L, "record_kind", pm_audit_entry_record_kind(page, i));
        set_opt_id(L, "record", pm_audit_entry_record(page, i));
        set_int(L, "records", pm_audit_entry_records(page, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_setfield(L, -2, "entries");
    lua_pushboolean(L, pm_audit_page_more(page));
    lua_setfield(L, -2, "more");
    set_int(L, "last", pm_audit_page_last(page));
}

static void free_page(void *page)
{
    pm_audit_page_free(page);
}

/* The query from the options table at 2; its strings stay on the stack. */
static void check_query(lua_State *L, pm_audit_query *q)
{
    if (!pm_lua__check_options(L, 2, query_keys))
        return;
    pm_lua__field_id(L, 2, "since", &q->from);
    pm_lua__field_id(L, 2, "until", &q->to);
    int value = 0;
    if (pm_lua__field_enum(L, 2, "actor_kind", &audit_actor, &value))
        q->actor_kind = (pm_audit_actor)value;
    pm_lua__field_id(L, 2, "actor", &q->actor);
    size_t len = 0;
    if (pm_lua__field_string(L, 2, "record_kind", &q->record_kind, &len)
        && strlen(q->record_kind) != len)
        pm_lua__raise(L, PM_EUTF8, "record_kind: contains a NUL byte");
    pm_lua__field_id(L, 2, "record", &q->record);
    if (pm_lua__field_enum(L, 2, "op", &audit_op, &value))
        q->op = (pm_audit_op)value;
    pm_lua__field_id(L, 2, "after", &q->after);
    pm_id limit = 0;
    if (pm_lua__field_id(L, 2, "limit", &limit) && limit < 0)
        pm_lua__raise(L, PM_ERANGE, lua_pushfstring(L, "limit: %I is negative", (lua_Integer)limit));
    q->limit = (size_t)limit;
}

static int audit_page(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    check_query(L, &q);
    /* The box holds the page until its table is made. */
    void **slot = pm_lua__new_box(L, free_page);
    int box = lua_gettop(L);
    pm_audit_page *page = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_audit_list(&page, s->session, &q);
    pm_lua__leave(s->db);
    *slot = page;
    pm_lua__check(L, s, st);
    push_page(L, page);
    pm_lua__box_release(L, box);
    return 1;
}

/* ---- undisclosed writes ---- */

static void free_counts(void *counts)
{
    pm_audit_undisclosed_free(counts);
}

static int audit_undisclosed(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_date from = pm_lua__check_date(L, 2, "since");
    pm_date to = pm_lua__check_date(L, 3, "until");
    void **slot = pm_lua__new_box(L, free_counts);
    int box = lua_gettop(L);
    pm_audit_undisclosed *u = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_audit_undisclosed_list(&u, s->session, from, to);
    pm_lua__leave(s->db);
    *slot = u;
    pm_lua__check(L, s, st);
    size_t n = pm_audit_undisclosed_count(u);
    lua_createtable(L, (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        char day[PM_DATE_BUFSIZE];
        lua_createtable(L, 0, 4);
        if (pm_date_format(day, pm_audit_undisclosed_day(u, i)) == PM_OK)
            set_str(L, "day", day);
        set_str(L, "record_kind", pm_audit_undisclosed_record_kind(u, i));
        set_str(L, "op", pm_lua__enum_name(&audit_op, (int)pm_audit_undisclosed_op(u, i)));
        set_int(L, "records", pm_audit_undisclosed_records(u, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pm_lua__box_release(L, box);
    return 1;
}

/* ---- legal holds ---- */

static int place_legal_hold(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    size_t len = 0;
    const char *reason = luaL_optlstring(L, 3, NULL, &len);
    pm_lua__enter(L, s->db);
    /* With its length, so that C refuses a NUL byte inside it. */
    pm_status st = pm_legal_hold_place(s->session, person, reason, len);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int lift_legal_hold(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_lua__enter(L, s->db);
    pm_status st = pm_legal_hold_lift(s->session, person);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static void free_text(void *text)
{
    pm_free(text);
}

/* nil when the person is not held, else { person =, reason = }. */
static int legal_hold(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    void **slot = pm_lua__new_box(L, free_text);
    int box = lua_gettop(L);
    int held = 0;
    char *reason = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_legal_hold_get(&held, &reason, s->session, person);
    pm_lua__leave(s->db);
    *slot = reason;
    pm_lua__check(L, s, st);
    if (!held) {
        lua_pushnil(L);
    } else {
        lua_createtable(L, 0, 2);
        set_int(L, "person", person);
        set_str(L, "reason", reason);
    }
    pm_lua__box_release(L, box);
    return 1;
}

static const luaL_Reg audit_methods[] = {
    { "audit_page", audit_page },
    { "audit_undisclosed", audit_undisclosed },
    { "place_legal_hold", place_legal_hold },
    { "lift_legal_hold", lift_legal_hold },
    { "legal_hold", legal_hold },
    { NULL, NULL }
};

void pm_lua__audit_register(lua_State *L)
{
    luaL_getmetatable(L, PM_LUA_SESSION);
    lua_getfield(L, -1, "__index");
    luaL_setfuncs(L, audit_methods, 0);
    lua_pop(L, 2);
}
