/* Session methods over the level and gap part of competency.h: a
 * person's current level in a competency, their gaps against a role, the
 * role-match score, and the gap summary of a unit. A level rule is a
 * table {kind = "manager_first" | "weighted", self_weight=,
 * manager_weight=, review360_weight=}; nil is C's default rule. Levels,
 * gaps and scores are Lua floats (C's doubles). */
#include "perfmgmt_lua.h"

#include <string.h>

/* ---- enum names, in the order of the C values ---- */

static const char *const rule_kind_names[] = { "manager_first", "weighted", NULL };
static const pm_lua_enum rule_kind = { rule_kind_names, PM_LEVEL_MANAGER_FIRST };

/* ---- level rules ---- */

static const char *const rule_keys[] = { "kind", "self_weight", "manager_weight",
                                         "review360_weight", NULL };

/* Raises the argument error of a rule's field; prefix is "" for a rule
 * given as an argument, "rule." for one inside an options table. */
static int rule_error(lua_State *L, int arg, const char *prefix, const char *key,
                      const char *reason)
{
    return luaL_argerror(L, arg, lua_pushfstring(L, "field '%s%s': %s", prefix, key, reason));
}

/* A weight of the rule at idx into *out; absent leaves it. */
static void rule_weight(lua_State *L, int arg, int idx, const char *prefix, const char *key,
                        double *out)
{
    int type = lua_getfield(L, idx, key);
    if (type != LUA_TNIL && type != LUA_TNUMBER)
        rule_error(L, arg, prefix, key,
                   lua_pushfstring(L, "number expected, got %s", luaL_typename(L, -1)));
    if (type == LUA_TNUMBER)
        *out = (double)lua_tonumber(L, -1);
    lua_pop(L, 1);
}

const pm_level_rule *pm_lua__check_rule(lua_State *L, int arg, int idx, const char *what,
                                        pm_level_rule *rule)
{
    idx = lua_absindex(L, idx);
    if (lua_isnoneornil(L, idx))
        return NULL;
    /* A rule given as an argument gets lauxlib's own errors; one inside
     * an options table names its field. */
    int nested = idx != arg;
    const char *prefix = nested ? "rule." : "";
    if (!lua_istable(L, idx)) {
        if (!nested)
            luaL_typeerror(L, arg, "table");
        luaL_argerror(L, arg, lua_pushfstring(L, "%s: table expected, got %s", what,
                                              luaL_typename(L, idx)));
    }
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_pop(L, 1);
        const char *key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int known = 0;
        for (size_t i = 0; key != NULL && rule_keys[i] != NULL && !known; i++)
            known = strcmp(key, rule_keys[i]) == 0;
        if (key == NULL)
            luaL_argerror(L, arg, lua_pushfstring(L, "%s: unexpected %s key (keys are names)",
                                                  what, luaL_typename(L, -1)));
        if (!known)
            luaL_argerror(L, arg, lua_pushfstring(L, "unknown key '%s%s'", prefix, key));
    }
    *rule = (pm_level_rule)PM_LEVEL_RULE_INIT;
    int type = lua_getfield(L, idx, "kind");
    if (type != LUA_TNIL) {
        const char *name = type == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int kind = -1;
        for (int i = 0; name != NULL && rule_kind_names[i] != NULL; i++)
            if (strcmp(rule_kind_names[i], name) == 0)
                kind = rule_kind.first + i;
        if (name == NULL)
            rule_error(L, arg, prefix, "kind",
                       lua_pushfstring(L, "string expected, got %s", luaL_typename(L, -1)));
        if (kind < 0)
            rule_error(L, arg, prefix, "kind",
                       lua_pushfstring(L, "invalid value '%s' (expected 'manager_first' or "
                                          "'weighted')", name));
        rule->kind = (pm_level_rule_kind)kind;
    }
    lua_pop(L, 1);
    rule_weight(L, arg, idx, prefix, "self_weight", &rule->self_weight);
    rule_weight(L, arg, idx, prefix, "manager_weight", &rule->manager_weight);
    rule_weight(L, arg, idx, prefix, "review360_weight", &rule->review360_weight);
    return rule;
}

/* ---- records out ---- */

int pm_lua__push_gap_item(lua_State *L, const void *record, const void *iter)
{
    const pm_gap *g = record;
    (void)iter;
    lua_createtable(L, 0, 5);
    pm_lua__set_integer(L, PM_LUA_KEY_COMPETENCY, pm_gap_competency(g));
    pm_lua__set_integer(L, PM_LUA_KEY_REQUIRED, pm_gap_required(g));
    int assessed = pm_gap_assessed(g);
    pm_lua__set_boolean(L, PM_LUA_KEY_ASSESSED, assessed);
    /* C says 0 for a level nobody assessed; that is no level. */
    if (assessed)
        pm_lua__set_number(L, PM_LUA_KEY_CURRENT, pm_gap_current(g));
    pm_lua__set_number(L, PM_LUA_KEY_GAP, pm_gap_value(g));
    return 1;
}

static void push_summary(lua_State *L, const pm_gap_summary *g)
{
    lua_createtable(L, 0, 9);
    pm_lua__set_integer(L, PM_LUA_KEY_COMPETENCY, pm_gap_summary_competency(g));
    pm_lua__set_integer(L, PM_LUA_KEY_PEOPLE, pm_gap_summary_people(g));
    pm_lua__set_integer(L, PM_LUA_KEY_ASSESSED, pm_gap_summary_assessed(g));
    pm_lua__set_integer(L, PM_LUA_KEY_BELOW, pm_gap_summary_below(g));
    pm_lua__set_number(L, PM_LUA_KEY_MEAN_GAP, pm_gap_summary_mean_gap(g));
}

int pm_lua__push_gap_summary_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_summary(L, record);
    return 1;
}

int pm_lua__push_gap_summary_compared_item(lua_State *L, const void *record, const void *iter)
{
    const pm_gap_summary *g = record;
    (void)iter;
    push_summary(L, g);
    pm_lua__set_integer(L, PM_LUA_KEY_PEOPLE_BEFORE, pm_gap_summary_people_before(g));
    pm_lua__set_integer(L, PM_LUA_KEY_ASSESSED_BEFORE, pm_gap_summary_assessed_before(g));
    pm_lua__set_integer(L, PM_LUA_KEY_BELOW_BEFORE, pm_gap_summary_below_before(g));
    pm_lua__set_number(L, PM_LUA_KEY_MEAN_GAP_BEFORE, pm_gap_summary_mean_gap_before(g));
    return 1;
}

/* ---- levels and gaps ---- */

static int competency_level(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_id competency = luaL_checkinteger(L, 3);
    pm_date date = pm_lua__opt_date(L, 4, "on");
    pm_level_rule given;
    const pm_level_rule *rule = pm_lua__check_rule(L, 5, 5, "rule", &given);
    double level = 0.0;
    int assessed = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_competency_level(&level, &assessed, s->session, person, competency, date,
                                       rule);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    if (assessed)
        lua_pushnumber(L, (lua_Number)level);
    else
        lua_pushnil(L);
    return 1;
}

static int gaps(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_id role = pm_lua__opt_id(L, 3);
    pm_date date = pm_lua__opt_date(L, 4, "on");
    pm_level_rule given;
    const pm_level_rule *rule = pm_lua__check_rule(L, 5, 5, "rule", &given);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_GAP);
    pm_gap_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_gap_person(&iter, s->session, person, role, date, rule);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int role_match(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_id role = pm_lua__opt_id(L, 3);
    pm_date date = pm_lua__opt_date(L, 4, "on");
    pm_level_rule given;
    const pm_level_rule *rule = pm_lua__check_rule(L, 5, 5, "rule", &given);
    double score = 0.0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_role_match(&score, s->session, person, role, date, rule);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushnumber(L, (lua_Number)score);
    return 1;
}

static const char *const summary_keys[] = { "on", "compare", "rule", NULL };

static int gap_summary(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id unit = pm_lua__opt_id(L, 2);
    pm_gap_summary_opts opts = PM_GAP_SUMMARY_OPTS_INIT;
    int compared = 0;
    if (pm_lua__check_options(L, 3, summary_keys)) {
        pm_lua__field_date(L, 3, "on", &opts.on);
        compared = pm_lua__field_date(L, 3, "compare", &opts.compare);
        lua_getfield(L, 3, "rule");
        pm_level_rule given;
        if (pm_lua__check_rule(L, 3, -1, "field 'rule'", &given) != NULL)
            opts.rule = given;
        lua_pop(L, 1);
    }
    pm_lua_iter *it = pm_lua__new_iter(L, 1, compared ? PM_LUA_ITER_GAP_SUMMARY_COMPARED
                                                      : PM_LUA_ITER_GAP_SUMMARY);
    pm_gap_summary_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_gap_unit(&iter, s->session, unit, &opts);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

const luaL_Reg pm_lua__gap_methods[] = {
    { "competency_level", competency_level },
    { "gaps", gaps },
    { "role_match", role_match },
    { "gap_summary", gap_summary },
    { NULL, NULL }
};
