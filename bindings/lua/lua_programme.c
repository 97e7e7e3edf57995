/* Session methods over the programme part of development.h: internal
 * training and coaching programmes, their sessions, invitations and
 * enrolments, their numbers, and the people who need them. Kinds, states
 * and results are strings ("coaching", "enrolled", "passed"). */
#include "perfmgmt_lua.h"

/* ---- enum names, in the order of the C values ---- */

static const char *const programme_kind_names[] = { "training", "coaching", NULL };
static const pm_lua_enum programme_kind = { programme_kind_names, PM_PROGRAMME_TRAINING };

static const char *const enrolment_state_names[] = { "invited", "enrolled", "completed",
                                                     "dropped", NULL };
static const pm_lua_enum enrolment_state = { enrolment_state_names, PM_ENROLMENT_INVITED };

static const char *const result_names[] = { "pending", "passed", "failed", "absent", NULL };
static const pm_lua_enum enrolment_result = { result_names, PM_RESULT_PENDING };

/* ---- records out ---- */

static void push_programme(lua_State *L, const pm_programme *p)
{
    lua_createtable(L, 0, 8);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_programme_id(p));
    pm_lua__set_text(L, PM_LUA_KEY_NAME, pm_programme_name(p));
    pm_lua__set_name(L, PM_LUA_KEY_KIND,
                     pm_lua__enum_name(&programme_kind, (int)pm_programme_kind_get(p)));
    pm_lua__set_opt_text(L, PM_LUA_KEY_DESCRIPTION, pm_programme_description(p));
    /* 0 is "no limit", not a capacity of nobody: absent. */
    if (pm_programme_capacity(p) != 0)
        pm_lua__set_integer(L, PM_LUA_KEY_CAPACITY, pm_programme_capacity(p));
    pm_lua__set_integer(L, PM_LUA_KEY_SEATS_TAKEN, pm_programme_seats_taken(p));

    size_t n = pm_programme_competency_count(p);
    lua_rawgeti(L, PM_LUA_KEYS, PM_LUA_KEY_COMPETENCIES);
    lua_createtable(L, n > 1000 ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushinteger(L, pm_programme_competency(p, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);

    n = pm_programme_session_count(p);
    lua_rawgeti(L, PM_LUA_KEYS, PM_LUA_KEY_SESSIONS);
    lua_createtable(L, n > 1000 ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        pm_lua__set_date(L, PM_LUA_KEY_ON, pm_programme_session_date(p, i));
        pm_lua__set_opt_text(L, PM_LUA_KEY_TITLE, pm_programme_session_title(p, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);
}

int pm_lua__push_programme_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_programme(L, record);
    return 1;
}

int pm_lua__push_enrolment_item(lua_State *L, const void *record, const void *iter)
{
    const pm_enrolment *e = record;
    (void)iter;
    lua_createtable(L, 0, 8);
    pm_lua__set_integer(L, PM_LUA_KEY_PERSON, pm_enrolment_person(e));
    pm_lua__set_integer(L, PM_LUA_KEY_PROGRAMME, pm_enrolment_programme(e));
    pm_lua__set_name(L, PM_LUA_KEY_STATE,
                     pm_lua__enum_name(&enrolment_state, (int)pm_enrolment_state_get(e)));
    pm_lua__set_name(L, PM_LUA_KEY_RESULT,
                     pm_lua__enum_name(&enrolment_result, (int)pm_enrolment_result_get(e)));
    pm_lua__set_date(L, PM_LUA_KEY_INVITED_ON, pm_enrolment_invited_on(e));
    pm_lua__set_date(L, PM_LUA_KEY_ENROLLED_ON, pm_enrolment_enrolled_on(e));
    pm_lua__set_date(L, PM_LUA_KEY_ENDED_ON, pm_enrolment_ended_on(e));
    pm_lua__set_id(L, PM_LUA_KEY_ITEM, pm_enrolment_item(e));
    return 1;
}

int pm_lua__push_candidate_item(lua_State *L, const void *record, const void *iter)
{
    const pm_candidate *c = record;
    (void)iter;
    lua_createtable(L, 0, 3);
    pm_lua__set_integer(L, PM_LUA_KEY_PERSON, pm_candidate_person(c));
    pm_lua__set_integer(L, PM_LUA_KEY_COMPETENCY, pm_candidate_competency(c));
    pm_lua__set_number(L, PM_LUA_KEY_GAP, pm_candidate_gap(c));
    return 1;
}

/* ---- programmes ---- */

static const char *const programme_keys[] = { "name", "kind", "description", "capacity",
                                              "competencies", NULL };

static int create_programme(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, programme_keys);
    pm_programme_opts opts = PM_PROGRAMME_OPTS_INIT;
    int kind = 0;
    pm_lua__field_string(L, 2, "name", &opts.name, &opts.name_len);
    if (pm_lua__field_enum(L, 2, "kind", &programme_kind, &kind))
        opts.kind = (pm_programme_kind)kind;
    pm_lua__field_string(L, 2, "description", &opts.description, &opts.description_len);
    pm_lua__field_int(L, 2, "capacity", &opts.capacity);
    pm_lua__field_ids(L, 2, "competencies", &opts.competencies, &opts.ncompetencies);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int add_programme_session(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id programme = luaL_checkinteger(L, 2);
    pm_date on = pm_lua__check_date(L, 3, "on");
    size_t title_len = 0;
    const char *title = luaL_optlstring(L, 4, NULL, &title_len);
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_add_session(s->session, programme, on, title, title_len);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int get_programme(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_programme *p = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_get(&p, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && p != NULL && s->db->clock_error == 0)
        push_programme(L, p);
    pm_programme_free(p);
    pm_lua__check(L, s, st);
    return 1;
}

static int programmes(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_PROGRAMME);
    pm_programme_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_list(&iter, s->session);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- enrolments ---- */

/* invite and drop_enrolment: (programme, person). */
static int enrolment_call(lua_State *L, pm_status (*fn)(pm_session *, pm_id, pm_id))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id programme = luaL_checkinteger(L, 2);
    pm_id person = luaL_checkinteger(L, 3);
    pm_lua__enter(L, s->db);
    pm_status st = fn(s->session, programme, person);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int invite(lua_State *L)
{
    return enrolment_call(L, pm_programme_invite);
}

static int drop_enrolment(lua_State *L)
{
    return enrolment_call(L, pm_programme_drop);
}

static int enrol(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id programme = luaL_checkinteger(L, 2);
    pm_id person = luaL_checkinteger(L, 3);
    pm_id item = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_enrol(&item, s->session, programme, person);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, item);
    return 1;
}

static int complete_enrolment(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id programme = luaL_checkinteger(L, 2);
    pm_id person = luaL_checkinteger(L, 3);
    /* Every name, "pending" too: C refuses it with its reason. */
    pm_enrolment_result result = (pm_enrolment_result)pm_lua__check_enum(L, 4,
                                                                         &enrolment_result);
    pm_date date = pm_lua__opt_date(L, 5, "on");
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_complete(s->session, programme, person, result, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int participants(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id programme = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_ENROLMENT);
    pm_enrolment_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_participants(&iter, s->session, programme);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int programme_stats(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id programme = luaL_checkinteger(L, 2);
    pm_programme_stats out = PM_PROGRAMME_STATS_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_stats_get(&out, s->session, programme);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 6);
    lua_pushinteger(L, out.invited);
    lua_setfield(L, -2, "invited");
    lua_pushinteger(L, out.enrolled);
    lua_setfield(L, -2, "enrolled");
    lua_pushinteger(L, out.completed);
    lua_setfield(L, -2, "completed");
    lua_pushinteger(L, out.dropped);
    lua_setfield(L, -2, "dropped");
    lua_pushinteger(L, out.passed);
    lua_setfield(L, -2, "passed");
    lua_pushnumber(L, out.completion_rate);
    lua_setfield(L, -2, "completion_rate");
    return 1;
}

static int programme_candidates(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id programme = luaL_checkinteger(L, 2);
    double min_gap = (double)luaL_checknumber(L, 3);
    pm_date date = pm_lua__opt_date(L, 4, "on");
    pm_level_rule given;
    const pm_level_rule *rule = pm_lua__check_rule(L, 5, 5, "rule", &given);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_CANDIDATE);
    pm_candidate_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_programme_candidates(&iter, s->session, programme, min_gap, date, rule);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

const luaL_Reg pm_lua__programme_methods[] = {
    { "create_programme", create_programme },
    { "add_programme_session", add_programme_session },
    { "get_programme", get_programme },
    { "programmes", programmes },
    { "invite", invite },
    { "enrol", enrol },
    { "complete_enrolment", complete_enrolment },
    { "drop_enrolment", drop_enrolment },
    { "participants", participants },
    { "programme_stats", programme_stats },
    { "programme_candidates", programme_candidates },
    { NULL, NULL }
};
