/* Session methods over the framework and assessment parts of
 * competency.h: proficiency scales, competencies, roles and their
 * profiles, role assignments, assessments and assessment rounds. Sources
 * are strings ("self", "manager", "review360"); a scale's levels, a role's
 * profile are lists of tables.
 *
 * Who sees which assessment (a round is blind until both sides submit) is
 * the library's; the binding shows what C returns. */
#include "perfmgmt_lua.h"

#include <limits.h>
#include <string.h>

/* ---- enum names, in the order of the C values ---- */

static const char *const source_names[] = { "self", "manager", "review360", NULL };
static const pm_lua_enum assessment_source = { source_names, PM_ASSESSED_BY_SELF };

/* ---- records out ---- */

static void push_scale(lua_State *L, const pm_scale *sc)
{
    int low = pm_scale_min_level(sc), high = pm_scale_max_level(sc);
    lua_createtable(L, 0, 5);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_scale_id(sc));
    pm_lua__set_text(L, PM_LUA_KEY_NAME, pm_scale_name(sc));
    pm_lua__set_integer(L, PM_LUA_KEY_MIN_LEVEL, low);
    pm_lua__set_integer(L, PM_LUA_KEY_MAX_LEVEL, high);
    lua_rawgeti(L, PM_LUA_KEYS, PM_LUA_KEY_LEVELS);
    lua_createtable(L, high >= low && high - low < PM_SCALE_LEVELS_MAX ? high - low + 1 : 0, 0);
    /* A list, lowest first, each level carrying its number: levels may
     * start at 0, which a Lua list cannot hold. */
    for (lua_Integer level = low; level <= high; level++) {
        lua_createtable(L, 0, 3);
        pm_lua__set_integer(L, PM_LUA_KEY_LEVEL, level);
        pm_lua__set_name(L, PM_LUA_KEY_NAME, pm_scale_level_name(sc, (int)level));
        pm_lua__set_opt_text(L, PM_LUA_KEY_DESCRIPTION,
                             pm_scale_level_description(sc, (int)level));
        lua_rawseti(L, -2, level - low + 1);
    }
    lua_rawset(L, -3);
}

static void push_competency(lua_State *L, const pm_competency *c)
{
    lua_createtable(L, 0, 5);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_competency_id(c));
    pm_lua__set_text(L, PM_LUA_KEY_NAME, pm_competency_name(c));
    pm_lua__set_text(L, PM_LUA_KEY_CATEGORY, pm_competency_category(c));
    pm_lua__set_opt_text(L, PM_LUA_KEY_DESCRIPTION, pm_competency_description(c));
    pm_lua__set_integer(L, PM_LUA_KEY_SCALE, pm_competency_scale(c));
}

int pm_lua__push_competency_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_competency(L, record);
    return 1;
}

static void push_role(lua_State *L, const pm_role *r)
{
    lua_createtable(L, 0, 4);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_role_id(r));
    pm_lua__set_text(L, PM_LUA_KEY_NAME, pm_role_name(r));
    pm_lua__set_opt_text(L, PM_LUA_KEY_DESCRIPTION, pm_role_description(r));
    size_t n = pm_role_requirement_count(r);
    lua_rawgeti(L, PM_LUA_KEYS, PM_LUA_KEY_REQUIREMENTS);
    lua_createtable(L, n > 1000 ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        pm_lua__set_integer(L, PM_LUA_KEY_COMPETENCY, pm_role_requirement_competency(r, i));
        pm_lua__set_integer(L, PM_LUA_KEY_LEVEL, pm_role_requirement_level(r, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);
}

int pm_lua__push_role_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_role(L, record);
    return 1;
}

int pm_lua__push_assessment_item(lua_State *L, const void *record, const void *iter)
{
    const pm_assessment *a = record;
    (void)iter;
    lua_createtable(L, 0, 10);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_assessment_id(a));
    pm_lua__set_integer(L, PM_LUA_KEY_PERSON, pm_assessment_person(a));
    pm_lua__set_integer(L, PM_LUA_KEY_COMPETENCY, pm_assessment_competency(a));
    pm_lua__set_integer(L, PM_LUA_KEY_LEVEL, pm_assessment_level(a));
    pm_lua__set_name(L, PM_LUA_KEY_SOURCE,
                     pm_lua__enum_name(&assessment_source, (int)pm_assessment_source_get(a)));
    /* 0 is the system actor, an actor (as created_by), not an absence. */
    pm_lua__set_integer(L, PM_LUA_KEY_ASSESSOR, pm_assessment_assessor(a));
    pm_lua__set_date(L, PM_LUA_KEY_ON, pm_assessment_date(a));
    pm_lua__set_id(L, PM_LUA_KEY_ROUND, pm_assessment_round(a));
    pm_lua__set_boolean(L, PM_LUA_KEY_RELEASED, pm_assessment_released(a));
    pm_lua__set_opt_text(L, PM_LUA_KEY_NOTE, pm_assessment_note(a));
    return 1;
}

/* ---- arguments in ---- */

static const char *const scale_keys[] = { "min_level", "descriptions", NULL };
static const char *const competency_keys[] = { "name", "category", "scale", "description",
                                               NULL };
static const char *const assessment_keys[] = { "person", "competency", "level", "source", "on",
                                               "round", "note", NULL };

/* The strings of the list at idx (argument arg, named what in errors),
 * the first n entries, into a userdata left on the stack. The texts are
 * the list's own strings, alive as long as the argument; C takes them
 * NUL-terminated, so one with a NUL inside is refused here. With
 * optional, nil and false entries are NULL (no text). */
static const char **check_texts(lua_State *L, int arg, int idx, const char *what, size_t n,
                                int optional)
{
    luaL_checkstack(L, 3, NULL);
    const char **texts = lua_newuserdatauv(L, (n ? n : 1) * sizeof *texts, 0);
    for (size_t i = 0; i < n; i++) {
        int type = lua_rawgeti(L, idx, (lua_Integer)i + 1);
        texts[i] = NULL;
        if (type == LUA_TSTRING) {
            size_t len = 0;
            texts[i] = lua_tolstring(L, -1, &len);
            if (strlen(texts[i]) != len) {
                lua_pushfstring(L, "%s[%I]: contains a NUL byte", what, (lua_Integer)i + 1);
                pm_lua__raise(L, PM_EUTF8, lua_tostring(L, -1));
            }
        } else if (!(optional && (type == LUA_TNIL ||
                                  (type == LUA_TBOOLEAN && !lua_toboolean(L, -1))))) {
            luaL_argerror(L, arg, lua_pushfstring(L, "%s[%I]: string expected, got %s", what,
                                                  (lua_Integer)i + 1, luaL_typename(L, -1)));
        }
        lua_pop(L, 1);
    }
    return texts;
}

/* ---- scales ---- */

static int create_scale(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_scale_opts opts = PM_SCALE_OPTS_INIT;
    opts.name = luaL_checklstring(L, 2, &opts.name_len);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_Unsigned n = lua_rawlen(L, 3);
    /* C takes at most PM_SCALE_LEVELS_MAX and says so; only a length
     * beyond any sane allocation stops here. */
    if (n > 100000)
        luaL_argerror(L, 3, "too many levels");
    int has_options = pm_lua__check_options(L, 4, scale_keys);
    if (has_options)
        pm_lua__field_int(L, 4, "min_level", &opts.min_level);
    opts.level_names = check_texts(L, 3, 3, "levels", (size_t)n, 0);
    if (has_options && lua_getfield(L, 4, "descriptions") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            luaL_argerror(L, 4, lua_pushfstring(L, "field 'descriptions': table expected, got %s",
                                                luaL_typename(L, -1)));
        if (lua_rawlen(L, -1) > n)
            luaL_argerror(L, 4, "field 'descriptions': more entries than levels");
        opts.level_descriptions = check_texts(L, 4, lua_gettop(L), "descriptions", (size_t)n, 1);
    }
    /* The highest level follows from the number of names; computed wide,
     * then kept in int, where C refuses what is out of its range. */
    lua_Integer high = (lua_Integer)opts.min_level + (lua_Integer)n - 1;
    opts.max_level = high > INT_MAX ? INT_MAX : (int)high;
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_scale_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int get_scale(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_scale *sc = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_scale_get(&sc, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && sc != NULL && s->db->clock_error == 0)
        push_scale(L, sc);
    pm_scale_free(sc);
    pm_lua__check(L, s, st);
    return 1;
}

/* ---- competencies ---- */

static int create_competency(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, competency_keys);
    pm_competency_opts opts = PM_COMPETENCY_OPTS_INIT;
    pm_lua__field_string(L, 2, "name", &opts.name, &opts.name_len);
    pm_lua__field_string(L, 2, "category", &opts.category, &opts.category_len);
    pm_lua__field_string(L, 2, "description", &opts.description, &opts.description_len);
    pm_lua__field_id(L, 2, "scale", &opts.scale);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_competency_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int get_competency(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_competency *c = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_competency_get(&c, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && c != NULL && s->db->clock_error == 0)
        push_competency(L, c);
    pm_competency_free(c);
    pm_lua__check(L, s, st);
    return 1;
}

static int competencies(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    const char *category = NULL;
    if (!lua_isnoneornil(L, 2))
        category = pm_lua__check_cstring(L, 2, "category");
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_COMPETENCY);
    pm_competency_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_competency_list(&iter, s->session, category);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- roles ---- */

static int create_role(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    size_t name_len = 0, description_len = 0;
    const char *name = luaL_checklstring(L, 2, &name_len);
    const char *description = luaL_optlstring(L, 3, NULL, &description_len);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_role_create(&id, s->session, name, name_len, description,
                                  description_len);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int require_level(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id role = luaL_checkinteger(L, 2);
    pm_id competency = luaL_checkinteger(L, 3);
    luaL_checkinteger(L, 4);
    int level = pm_lua__opt_int(L, 4, 0, "level");
    pm_lua__enter(L, s->db);
    pm_status st = pm_role_require(s->session, role, competency, level);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int get_role(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_role *r = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_role_get(&r, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && r != NULL && s->db->clock_error == 0)
        push_role(L, r);
    pm_role_free(r);
    pm_lua__check(L, s, st);
    return 1;
}

static int roles(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_ROLE);
    pm_role_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_role_list(&iter, s->session);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int assign_role(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    /* nil ends the current role: the none of an id, as for set_manager. */
    if (lua_isnone(L, 3))
        luaL_checkinteger(L, 3);
    pm_id role = pm_lua__opt_id(L, 3);
    pm_date start = pm_lua__opt_date(L, 4, "start");
    pm_lua__enter(L, s->db);
    pm_status st = pm_role_assign(s->session, person, role, start);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int role_of(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "on");
    pm_id role = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_role_of(&role, s->session, person, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    pm_lua__push_id(L, role);
    return 1;
}

/* ---- assessments ---- */

static int add_assessment(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, assessment_keys);
    pm_assessment_opts opts = PM_ASSESSMENT_OPTS_INIT;
    int source = 0;
    pm_lua__field_id(L, 2, "person", &opts.person);
    pm_lua__field_id(L, 2, "competency", &opts.competency);
    /* C cannot tell a missing level from 0, which some scales have: a
     * missing level is a missing argument. */
    if (!pm_lua__field_int(L, 2, "level", &opts.level))
        luaL_argerror(L, 2, "field 'level': number expected, got nil");
    if (pm_lua__field_enum(L, 2, "source", &assessment_source, &source))
        opts.source = (pm_assessment_source)source;
    pm_lua__field_date(L, 2, "on", &opts.on);
    pm_lua__field_id(L, 2, "round", &opts.round);
    pm_lua__field_string(L, 2, "note", &opts.note, &opts.note_len);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_assessment_add(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int assessments(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_id competency = pm_lua__opt_id(L, 3);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_ASSESSMENT);
    pm_assessment_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_assessment_list(&iter, s->session, person, competency);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int open_assessment_round(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_date on = pm_lua__opt_date(L, 3, "on");
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_assessment_round_open(&id, s->session, person, on);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int submit_assessment_round(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    int released = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_assessment_round_submit(&released, s->session, round);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushboolean(L, released);
    return 1;
}

static int assessment_round_state(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    int self_submitted = 0, manager_submitted = 0;
    pm_time released = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_assessment_round_state(&self_submitted, &manager_submitted, &released,
                                             s->session, round);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 3);
    lua_pushboolean(L, self_submitted);
    lua_setfield(L, -2, "self_submitted");
    lua_pushboolean(L, manager_submitted);
    lua_setfield(L, -2, "manager_submitted");
    /* An instant, like answered_at: absent until released. */
    if (released != 0) {
        lua_pushinteger(L, released);
        lua_setfield(L, -2, "released_at");
    }
    return 1;
}

const luaL_Reg pm_lua__competency_methods[] = {
    { "create_scale", create_scale },
    { "get_scale", get_scale },
    { "create_competency", create_competency },
    { "get_competency", get_competency },
    { "competencies", competencies },
    { "create_role", create_role },
    { "require", require_level },
    { "get_role", get_role },
    { "roles", roles },
    { "assign_role", assign_role },
    { "role_of", role_of },
    { "add_assessment", add_assessment },
    { "assessments", assessments },
    { "open_assessment_round", open_assessment_round },
    { "submit_assessment_round", submit_assessment_round },
    { "assessment_round_state", assessment_round_state },
    { NULL, NULL }
};
