/* Session methods over the requests of feedback.h: asking for feedback,
 * answering or declining, repeating requests, and reading them. A request
 * is a table with its addressees' parts as an array (parts[1] is the first
 * addressee's); states and roles are strings ("requested", "addressed_to"). */
#include "perfmgmt_lua.h"

/* ---- enum names, in the order of the C values ---- */

static const char *const state_names[] = { "requested", "submitted", "declined", "expired",
                                           NULL };
static const pm_lua_enum request_state = { state_names, PM_REQUEST_REQUESTED };

static const char *const role_names[] = { "asked_by", "addressed_to", "about", NULL };
static const pm_lua_enum request_role = { role_names, PM_REQUEST_ASKED_BY };

/* ---- records out ---- */

static void push_request(lua_State *L, const pm_feedback_request *r)
{
    lua_createtable(L, 0, 11);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_feedback_request_id(r));
    pm_lua__set_integer(L, PM_LUA_KEY_REQUESTER, pm_feedback_request_requester(r));
    pm_lua__set_integer(L, PM_LUA_KEY_SUBJECT, pm_feedback_request_subject(r));
    pm_lua__set_text(L, PM_LUA_KEY_TOPIC, pm_feedback_request_topic(r));
    pm_lua__set_id(L, PM_LUA_KEY_GOAL, pm_feedback_request_goal(r));
    pm_lua__set_date(L, PM_LUA_KEY_DUE, pm_feedback_request_due(r));
    pm_lua__set_date(L, PM_LUA_KEY_EXPIRES, pm_feedback_request_expires(r));
    if (pm_feedback_request_repeat_days(r) != 0)
        pm_lua__set_integer(L, PM_LUA_KEY_REPEAT_DAYS, pm_feedback_request_repeat_days(r));
    pm_lua__set_id(L, PM_LUA_KEY_PREVIOUS, pm_feedback_request_previous(r));
    pm_lua__set_integer(L, PM_LUA_KEY_CREATED_AT, pm_feedback_request_created_at(r));

    size_t n = pm_feedback_request_count(r);
    lua_rawgeti(L, PM_LUA_KEYS, PM_LUA_KEY_PARTS);
    lua_createtable(L, n > (size_t)PM_REQUEST_ADDRESSEES_MAX ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 4);
        pm_lua__set_integer(L, PM_LUA_KEY_ADDRESSEE, pm_feedback_request_addressee(r, i));
        pm_lua__set_name(L, PM_LUA_KEY_STATE,
                         pm_lua__enum_name(&request_state, (int)pm_feedback_request_state(r, i)));
        if (pm_feedback_request_answered_at(r, i) != 0)
            pm_lua__set_integer(L, PM_LUA_KEY_ANSWERED_AT, pm_feedback_request_answered_at(r, i));
        pm_lua__set_id(L, PM_LUA_KEY_RESPONSE, pm_feedback_request_response(r, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);
}

int pm_lua__push_request_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_request(L, record);
    return 1;
}

/* ---- arguments in ---- */

static const char *const request_keys[] = { "subject", "topic", "goal", "addressees", "due",
                                            "expires_days", "repeat_days", NULL };
static const char *const filter_keys[] = { "open", "answered", "expired", NULL };

/* The addressees field of the table at arg: a list of ids, copied into a
 * userdata left on the stack (Lua memory: nothing to free on an error).
 * A missing field leaves none, for C to refuse. */
static void field_addressees(lua_State *L, int arg, pm_feedback_request_opts *opts)
{
    int type = lua_getfield(L, arg, "addressees");
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    if (type != LUA_TTABLE)
        luaL_argerror(L, arg, lua_pushfstring(L, "field 'addressees': table expected, got %s",
                                              luaL_typename(L, -1)));
    lua_Unsigned n = lua_rawlen(L, -1);
    /* More than C takes is refused by C; only the count beyond any sane
     * allocation is refused here. */
    if (n > 100000)
        luaL_argerror(L, arg, "field 'addressees': too many elements");
    pm_id *ids = lua_newuserdatauv(L, (n ? (size_t)n : 1) * sizeof *ids, 0);
    for (lua_Unsigned i = 0; i < n; i++) {
        lua_rawgeti(L, -2, (lua_Integer)i + 1);
        int is_integer = 0;
        lua_Integer id = lua_tointegerx(L, -1, &is_integer);
        if (lua_type(L, -1) != LUA_TNUMBER || !is_integer)
            luaL_argerror(L, arg,
                          lua_pushfstring(L, "field 'addressees': element %I is not an id (%s)",
                                          (lua_Integer)i + 1, luaL_typename(L, -1)));
        ids[i] = (pm_id)id;
        lua_pop(L, 1);
    }
    opts->addressees = ids;
    opts->naddressees = (size_t)n;
}

/* {open=, answered=, expired=} at arg as PM_REQUEST_* bits; no table is
 * every request. */
static unsigned int filter_flags(lua_State *L, int arg)
{
    if (!pm_lua__check_options(L, arg, filter_keys))
        return PM_REQUEST_ALL;
    unsigned int flags = 0;
    int on = 0;
    if (pm_lua__field_bool(L, arg, "open", &on) && on)
        flags |= PM_REQUEST_OPEN;
    on = 0;
    if (pm_lua__field_bool(L, arg, "answered", &on) && on)
        flags |= PM_REQUEST_ANSWERED;
    on = 0;
    if (pm_lua__field_bool(L, arg, "expired", &on) && on)
        flags |= PM_REQUEST_EXPIRED_ONLY;
    return flags;
}

/* ---- requests ---- */

static int request_feedback(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, request_keys);
    pm_feedback_request_opts opts = PM_FEEDBACK_REQUEST_OPTS_INIT;
    pm_lua__field_id(L, 2, "subject", &opts.subject);
    pm_lua__field_string(L, 2, "topic", &opts.topic, &opts.topic_len);
    pm_lua__field_id(L, 2, "goal", &opts.goal);
    field_addressees(L, 2, &opts);
    pm_lua__field_date(L, 2, "due", &opts.due);
    pm_lua__field_int(L, 2, "expires_days", &opts.expires_days);
    pm_lua__field_int(L, 2, "repeat_days", &opts.repeat_days);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_request_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int respond_to_request(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id request = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    /* The keys of give_feedback, anonymous included: C refuses an anonymous
     * answer with its reason, which says more than an unknown key would. */
    pm_lua__check_options(L, 3, pm_lua__feedback_keys);
    pm_feedback_opts opts = PM_FEEDBACK_OPTS_INIT;
    pm_lua__feedback_fields(L, 3, &opts);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_request_respond(&id, s->session, request, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int decline_request(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id request = luaL_checkinteger(L, 2);
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_request_decline(s->session, request);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int renew_requests(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_date date = pm_lua__opt_date(L, 2, "date");
    int created = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_request_renew(&created, s->session, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, created);
    return 1;
}

static int get_request(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_feedback_request *r = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_request_get(&r, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && r != NULL && s->db->clock_error == 0)
        push_request(L, r);
    pm_feedback_request_free(r);
    pm_lua__check(L, s, st);
    return 1;
}

static int requests(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_request_role role = (pm_request_role)pm_lua__check_enum(L, 3, &request_role);
    unsigned int filter = filter_flags(L, 4);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_REQUEST);
    pm_feedback_request_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_request_list(&iter, s->session, person, role, filter);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

const luaL_Reg pm_lua__request_methods[] = {
    { "request_feedback", request_feedback },
    { "respond_to_request", respond_to_request },
    { "decline_request", decline_request },
    { "renew_requests", renew_requests },
    { "get_request", get_request },
    { "requests", requests },
    { NULL, NULL }
};
