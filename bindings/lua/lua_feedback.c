/* Session methods over the feedback part of feedback.h: giving, reading,
 * acknowledging, reacting to and retracting feedback, its lists, and the
 * feedback-culture numbers. Enums are strings both ways ("praise", "peer",
 * "organisation", "thanks").
 *
 * Anonymity is the library's: an anonymous entry comes back without a
 * giver for every reader, its own giver included, and is_mine says whether
 * the session that read it gave it. The binding adds nothing to that and
 * takes nothing away. */
#include "perfmgmt_lua.h"

/* ---- enum names, in the order of the C values ---- */

static const char *const kind_names[] = { "praise", "constructive", "suggestion", NULL };
static const pm_lua_enum feedback_kind = { kind_names, PM_FEEDBACK_PRAISE };

static const char *const direction_names[] = { "downward", "upward", "peer", "self", "other",
                                               "undisclosed", NULL };
static const pm_lua_enum direction = { direction_names, PM_DIRECTION_DOWNWARD };

static const char *const visibility_names[] = { "receiver", "managers", "organisation", NULL };
static const pm_lua_enum feedback_visibility = { visibility_names, PM_FEEDBACK_TO_RECEIVER };

static const char *const reaction_names[] = { "none", "thanks", "helpful", "discuss",
                                              "disagree", NULL };
static const pm_lua_enum reaction = { reaction_names, PM_REACTION_NONE };

/* ---- records out ---- */

static void push_feedback(lua_State *L, const pm_feedback *f)
{
    lua_createtable(L, 0, 20);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_feedback_id(f));
    /* 0 for an anonymous entry: the field is absent, as for any none. */
    pm_lua__set_id(L, PM_LUA_KEY_GIVER, pm_feedback_giver(f));
    pm_lua__set_boolean(L, PM_LUA_KEY_IS_MINE, pm_feedback_is_mine(f));
    pm_lua__set_integer(L, PM_LUA_KEY_RECEIVER, pm_feedback_receiver(f));
    pm_lua__set_name(L, PM_LUA_KEY_KIND,
                     pm_lua__enum_name(&feedback_kind, (int)pm_feedback_kind_get(f)));
    pm_lua__set_name(L, PM_LUA_KEY_DIRECTION,
                     pm_lua__enum_name(&direction, (int)pm_feedback_direction(f)));
    pm_lua__set_name(L, PM_LUA_KEY_VISIBILITY,
                     pm_lua__enum_name(&feedback_visibility, (int)pm_feedback_visibility_get(f)));
    pm_lua__set_boolean(L, PM_LUA_KEY_ANONYMOUS, pm_feedback_is_anonymous(f));
    pm_lua__set_text(L, PM_LUA_KEY_TEXT, pm_feedback_text(f));
    pm_lua__set_opt_text(L, PM_LUA_KEY_SITUATION, pm_feedback_situation(f));
    pm_lua__set_opt_text(L, PM_LUA_KEY_BEHAVIOUR, pm_feedback_behaviour(f));
    pm_lua__set_opt_text(L, PM_LUA_KEY_IMPACT, pm_feedback_impact(f));
    pm_lua__set_id(L, PM_LUA_KEY_GOAL, pm_feedback_goal(f));
    pm_lua__set_id(L, PM_LUA_KEY_COMPETENCY, pm_feedback_competency(f));
    pm_lua__set_id(L, PM_LUA_KEY_CHECKIN, pm_feedback_checkin(f));
    pm_lua__set_id(L, PM_LUA_KEY_REQUEST, pm_feedback_request_of(f));
    pm_lua__set_integer(L, PM_LUA_KEY_GIVEN_AT, pm_feedback_given_at(f));
    if (pm_feedback_acknowledged_at(f) != 0)
        pm_lua__set_integer(L, PM_LUA_KEY_ACKNOWLEDGED_AT, pm_feedback_acknowledged_at(f));
    pm_lua__set_name(L, PM_LUA_KEY_REACTION,
                     pm_lua__enum_name(&reaction, (int)pm_feedback_reaction(f)));
}

int pm_lua__push_feedback_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_feedback(L, record);
    return 1;
}

/* ---- arguments in ---- */

const char *const pm_lua__feedback_keys[] = { "receiver", "kind", "text", "situation",
                                              "behaviour", "impact", "visibility", "anonymous",
                                              "direction", "goal", "competency", "checkin",
                                              "at", NULL };
static const char *const stats_keys[] = { "from", "to", "quiet_days", "min_group", NULL };

void pm_lua__feedback_fields(lua_State *L, int arg, pm_feedback_opts *opts)
{
    int value = 0;
    pm_id at = 0;
    pm_lua__field_id(L, arg, "receiver", &opts->receiver);
    if (pm_lua__field_enum(L, arg, "kind", &feedback_kind, &value))
        opts->kind = (pm_feedback_kind)value;
    pm_lua__field_string(L, arg, "text", &opts->text, &opts->text_len);
    pm_lua__field_string(L, arg, "situation", &opts->situation, &opts->situation_len);
    pm_lua__field_string(L, arg, "behaviour", &opts->behaviour, &opts->behaviour_len);
    pm_lua__field_string(L, arg, "impact", &opts->impact, &opts->impact_len);
    if (pm_lua__field_enum(L, arg, "visibility", &feedback_visibility, &value))
        opts->visibility = (pm_feedback_visibility)value;
    pm_lua__field_bool(L, arg, "anonymous", &opts->anonymous);
    if (pm_lua__field_enum(L, arg, "direction", &direction, &value))
        opts->direction = (pm_direction)value;
    pm_lua__field_id(L, arg, "goal", &opts->goal);
    pm_lua__field_id(L, arg, "competency", &opts->competency);
    pm_lua__field_id(L, arg, "checkin", &opts->checkin);
    if (pm_lua__field_id(L, arg, "at", &at))
        opts->at = (pm_time)at;
}

/* An optional limit argument: nil or none for all (0); C takes a size_t,
 * so a negative one is refused here as out of range. */
static size_t opt_limit(lua_State *L, int arg)
{
    lua_Integer limit = luaL_optinteger(L, arg, 0);
    if (limit < 0) {
        lua_pushfstring(L, "limit: %I is out of range (0 for all, or a positive count)", limit);
        pm_lua__raise(L, PM_ERANGE, lua_tostring(L, -1));
    }
    return (size_t)limit;
}

/* ---- feedback ---- */

static int give_feedback(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, pm_lua__feedback_keys);
    pm_feedback_opts opts = PM_FEEDBACK_OPTS_INIT;
    pm_lua__feedback_fields(L, 2, &opts);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_give(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int get_feedback(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_feedback *f = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_get(&f, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && f != NULL && s->db->clock_error == 0)
        push_feedback(L, f);
    pm_feedback_free(f);
    pm_lua__check(L, s, st);
    return 1;
}

/* acknowledge_feedback and retract_feedback: (id). */
static int feedback_call(lua_State *L, pm_status (*fn)(pm_session *, pm_id))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_lua__enter(L, s->db);
    pm_status st = fn(s->session, id);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int acknowledge_feedback(lua_State *L)
{
    return feedback_call(L, pm_feedback_acknowledge);
}

static int retract_feedback(lua_State *L)
{
    return feedback_call(L, pm_feedback_retract);
}

static int react_to_feedback(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_reaction r = (pm_reaction)pm_lua__check_enum(L, 3, &reaction);
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_react(s->session, id, r);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* feedback_received and feedback_given: (person [, limit]). */
static int person_list(lua_State *L,
                       pm_status (*fn)(pm_feedback_iter **, pm_session *, pm_id, size_t))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    size_t limit = opt_limit(L, 3);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_FEEDBACK);
    pm_feedback_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = fn(&iter, s->session, person, limit);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int feedback_received(lua_State *L)
{
    return person_list(L, pm_feedback_list_received);
}

static int feedback_given(lua_State *L)
{
    return person_list(L, pm_feedback_list_given);
}

static int feedback_visible(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    size_t limit = opt_limit(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_FEEDBACK);
    pm_feedback_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_feedback_list_visible(&iter, s->session, limit);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- culture metrics ---- */

/* counts[1 ..] as a table keyed by the names of e (slot 0 is unused). */
static void set_by_name(lua_State *L, const char *key, const int *counts, const pm_lua_enum *e)
{
    lua_createtable(L, 0, 5);
    for (int i = 0; e->names[i] != NULL; i++) {
        lua_pushinteger(L, counts[e->first + i]);
        lua_setfield(L, -2, e->names[i]);
    }
    lua_setfield(L, -2, key);
}

static void push_stats(lua_State *L, const pm_feedback_stats *st)
{
    lua_createtable(L, 0, 18);
    lua_pushboolean(L, st->suppressed);
    lua_setfield(L, -2, "suppressed");
    lua_pushinteger(L, st->people);
    lua_setfield(L, -2, "people");
    lua_pushinteger(L, st->given);
    lua_setfield(L, -2, "given");
    lua_pushinteger(L, st->received);
    lua_setfield(L, -2, "received");
    lua_pushinteger(L, st->anonymous_received);
    lua_setfield(L, -2, "anonymous_received");
    set_by_name(L, "given_by_direction", st->given_by_direction, &direction);
    set_by_name(L, "received_by_direction", st->received_by_direction, &direction);
    set_by_name(L, "given_by_kind", st->given_by_kind, &feedback_kind);
    set_by_name(L, "received_by_kind", st->received_by_kind, &feedback_kind);
    lua_pushinteger(L, st->without_feedback);
    lua_setfield(L, -2, "without_feedback");
    lua_pushnumber(L, st->share_without_feedback);
    lua_setfield(L, -2, "share_without_feedback");
    lua_pushinteger(L, st->requests_addressed);
    lua_setfield(L, -2, "requests_addressed");
    lua_pushinteger(L, st->requests_answered);
    lua_setfield(L, -2, "requests_answered");
    lua_pushinteger(L, st->requests_declined);
    lua_setfield(L, -2, "requests_declined");
    lua_pushinteger(L, st->requests_expired);
    lua_setfield(L, -2, "requests_expired");
    lua_pushnumber(L, st->response_rate);
    lua_setfield(L, -2, "response_rate");
    lua_pushnumber(L, st->median_response_hours);
    lua_setfield(L, -2, "median_response_hours");
}

/* feedback_stats_person and feedback_stats_unit: (id, {from=, to=,
 * quiet_days=, min_group=}); the unit may be nil (the whole organisation). */
static int stats(lua_State *L, pm_status (*fn)(pm_feedback_stats *, pm_session *, pm_id,
                                               const pm_feedback_stats_opts *),
                 int id_optional)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = id_optional ? pm_lua__opt_id(L, 2) : luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, stats_keys);
    pm_feedback_stats_opts opts = PM_FEEDBACK_STATS_OPTS_INIT;
    pm_lua__field_date(L, 3, "from", &opts.from);
    pm_lua__field_date(L, 3, "to", &opts.to);
    pm_lua__field_int(L, 3, "quiet_days", &opts.quiet_days);
    pm_lua__field_int(L, 3, "min_group", &opts.min_group);
    pm_feedback_stats out = PM_FEEDBACK_STATS_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = fn(&out, s->session, id, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    push_stats(L, &out);
    return 1;
}

static int feedback_stats_person(lua_State *L)
{
    return stats(L, pm_feedback_stats_person, 0);
}

static int feedback_stats_unit(lua_State *L)
{
    return stats(L, pm_feedback_stats_unit, 1);
}

const luaL_Reg pm_lua__feedback_methods[] = {
    { "give_feedback", give_feedback },
    { "get_feedback", get_feedback },
    { "acknowledge_feedback", acknowledge_feedback },
    { "react_to_feedback", react_to_feedback },
    { "retract_feedback", retract_feedback },
    { "feedback_received", feedback_received },
    { "feedback_given", feedback_given },
    { "feedback_visible", feedback_visible },
    { "feedback_stats_person", feedback_stats_person },
    { "feedback_stats_unit", feedback_stats_unit },
    { NULL, NULL }
};
