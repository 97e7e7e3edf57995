/* Session methods over goal.h. Enums are strings both ways ("performance",
 * "active", "on_track"), in the name lists below; goals, key results,
 * progress updates and evaluations are tables; weights, values and progress
 * are Lua numbers. As everywhere, C decides what is valid: the binding only
 * refuses what C cannot see (a wrong Lua type, an unknown key or enum name,
 * an int that does not fit). */
#include "perfmgmt_lua.h"

/* ---- enum names, in the order of the C values ---- */

static const char *const goal_kind_names[] = { "performance", "development", "corrective", NULL };
static const pm_lua_enum goal_kind = { goal_kind_names, PM_GOAL_PERFORMANCE };

static const char *const goal_state_names[] = { "draft", "active", "completed", "cancelled",
                                                "archived", NULL };
static const pm_lua_enum goal_state = { goal_state_names, PM_GOAL_DRAFT };

static const char *const visibility_names[] = { "private", "unit", "public", NULL };
static const pm_lua_enum visibility = { visibility_names, PM_VISIBILITY_PRIVATE };

static const char *const health_names[] = { "none", "on_track", "at_risk", "off_track", NULL };
const pm_lua_enum pm_lua__health = { health_names, PM_HEALTH_NONE };

static const char *const kr_kind_names[] = { "numeric", "milestone", NULL };
static const pm_lua_enum kr_kind = { kr_kind_names, PM_KEY_RESULT_NUMERIC };

static const char *const zone_names[] = { "none", "fail", "commit", "target", "stretch", NULL };
static const pm_lua_enum zone = { zone_names, PM_ZONE_NONE };

/* ---- records out ---- */

static void push_goal(lua_State *L, const pm_goal *g)
{
    lua_createtable(L, 0, 18);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_goal_id(g));
    pm_lua__set_integer(L, PM_LUA_KEY_OWNER, pm_goal_owner(g));
    pm_lua__set_id(L, PM_LUA_KEY_UNIT, pm_goal_unit(g));
    pm_lua__set_text(L, PM_LUA_KEY_TITLE, pm_goal_title(g));
    pm_lua__set_opt_text(L, PM_LUA_KEY_DESCRIPTION, pm_goal_description(g));
    pm_lua__set_name(L, PM_LUA_KEY_KIND,
                     pm_lua__enum_name(&goal_kind, (int)pm_goal_kind_get(g)));
    pm_lua__set_name(L, PM_LUA_KEY_STATE,
                     pm_lua__enum_name(&goal_state, (int)pm_goal_state_get(g)));
    pm_lua__set_date(L, PM_LUA_KEY_START, pm_goal_start(g));
    pm_lua__set_date(L, PM_LUA_KEY_DUE, pm_goal_due(g));
    pm_lua__set_number(L, PM_LUA_KEY_WEIGHT, pm_goal_weight(g));
    pm_lua__set_name(L, PM_LUA_KEY_VISIBILITY,
                     pm_lua__enum_name(&visibility, (int)pm_goal_visibility(g)));
    pm_lua__set_id(L, PM_LUA_KEY_PARENT, pm_goal_parent(g));
    pm_lua__set_id(L, PM_LUA_KEY_SOURCE_CHECKIN, pm_goal_source_checkin(g));
    pm_lua__set_id(L, PM_LUA_KEY_SOURCE_FEEDBACK, pm_goal_source_feedback(g));
    pm_lua__set_integer(L, PM_LUA_KEY_CREATED_AT, pm_goal_created_at(g));
    pm_lua__set_integer(L, PM_LUA_KEY_CREATED_BY, pm_goal_created_by(g));
    pm_lua__set_integer(L, PM_LUA_KEY_UPDATED_AT, pm_goal_updated_at(g));
    pm_lua__set_integer(L, PM_LUA_KEY_UPDATED_BY, pm_goal_updated_by(g));
}

int pm_lua__push_goal_item(lua_State *L, const void *record, const void *iter)
{
    push_goal(L, record);
    /* Only a tree has depths (1 for the root's children); the other lists
     * yield the goal alone. */
    int depth = pm_goal_iter_depth(iter);
    if (depth <= 0)
        return 1;
    lua_pushinteger(L, depth);
    return 2;
}

int pm_lua__push_key_result_item(lua_State *L, const void *record, const void *iter)
{
    const pm_key_result *kr = record;
    (void)iter;
    lua_createtable(L, 0, 13);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_key_result_id(kr));
    pm_lua__set_integer(L, PM_LUA_KEY_GOAL, pm_key_result_goal(kr));
    pm_lua__set_text(L, PM_LUA_KEY_TITLE, pm_key_result_title(kr));
    pm_lua__set_name(L, PM_LUA_KEY_KIND,
                     pm_lua__enum_name(&kr_kind, (int)pm_key_result_kind_get(kr)));
    pm_lua__set_number(L, PM_LUA_KEY_BASELINE, pm_key_result_baseline(kr));
    pm_lua__set_number(L, PM_LUA_KEY_TARGET, pm_key_result_target(kr));
    pm_lua__set_number(L, PM_LUA_KEY_CURRENT, pm_key_result_current(kr));
    pm_lua__set_opt_text(L, PM_LUA_KEY_UNIT, pm_key_result_unit(kr));
    pm_lua__set_number(L, PM_LUA_KEY_WEIGHT, pm_key_result_weight(kr));
    double level = 0.0;
    if (pm_key_result_commit(kr, &level))
        pm_lua__set_number(L, PM_LUA_KEY_COMMIT, level);
    if (pm_key_result_stretch(kr, &level))
        pm_lua__set_number(L, PM_LUA_KEY_STRETCH, level);
    pm_lua__set_number(L, PM_LUA_KEY_PROGRESS, pm_key_result_progress(kr));
    pm_lua__set_name(L, PM_LUA_KEY_ZONE, pm_lua__enum_name(&zone, (int)pm_key_result_zone(kr)));
    return 1;
}

int pm_lua__push_progress_item(lua_State *L, const void *record, const void *iter)
{
    const pm_progress *p = record;
    (void)iter;
    lua_createtable(L, 0, 8);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_progress_id(p));
    pm_lua__set_integer(L, PM_LUA_KEY_GOAL, pm_progress_goal(p));
    pm_lua__set_id(L, PM_LUA_KEY_KEY_RESULT, pm_progress_key_result(p));
    pm_lua__set_number(L, PM_LUA_KEY_VALUE, pm_progress_value(p));
    if (pm_progress_confidence(p) != PM_CONFIDENCE_NONE)
        pm_lua__set_integer(L, PM_LUA_KEY_CONFIDENCE, pm_progress_confidence(p));
    pm_lua__set_opt_text(L, PM_LUA_KEY_COMMENT, pm_progress_comment(p));
    pm_lua__set_integer(L, PM_LUA_KEY_AT, pm_progress_at(p));
    pm_lua__set_integer(L, PM_LUA_KEY_BY, pm_progress_by(p));
    return 1;
}

/* ---- arguments in ---- */

static const char *const create_keys[] = { "owner", "unit", "title", "description", "kind",
                                           "start", "due", "weight", "visibility", "parent",
                                           "source_checkin", "source_feedback", NULL };
/* Owner, unit and the source check-in and feedback cannot change (C has no
 * field flag for them). */
static const char *const update_keys[] = { "title", "description", "kind", "start", "due",
                                           "weight", "visibility", "parent", NULL };
static const char *const key_result_keys[] = { "title", "kind", "baseline", "target", "unit",
                                               "weight", "commit", "stretch", NULL };
static const char *const progress_keys[] = { "value", "key_result", "confidence", "comment",
                                             NULL };
static const char *const list_keys[] = { "include_closed", NULL };
static const char *const health_keys[] = { "on", "on_track", "at_risk", "stale_days", NULL };

/* The parent field: an id, or false to detach (a nil field is no field). */
static int field_parent(lua_State *L, int arg, pm_id *out)
{
    int type = lua_getfield(L, arg, "parent");
    int detach = type == LUA_TBOOLEAN && !lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (detach) {
        *out = 0;
        return 1;
    }
    return pm_lua__field_id(L, arg, "parent", out);
}

/* The fields create and update share, from the table at arg; returns the
 * PM_GOAL_FIELD_* flags of those present. has_start and has_due tell which
 * half of the period was given. */
static unsigned int goal_fields(lua_State *L, int arg, pm_goal_opts *opts, int *has_start,
                                int *has_due)
{
    unsigned int fields = 0;
    int value = 0;
    if (pm_lua__field_string(L, arg, "title", &opts->title, &opts->title_len))
        fields |= PM_GOAL_FIELD_TITLE;
    if (pm_lua__field_string(L, arg, "description", &opts->description, &opts->description_len))
        fields |= PM_GOAL_FIELD_DESCRIPTION;
    if (pm_lua__field_enum(L, arg, "kind", &goal_kind, &value)) {
        opts->kind = (pm_goal_kind)value;
        fields |= PM_GOAL_FIELD_KIND;
    }
    *has_start = pm_lua__field_date(L, arg, "start", &opts->start);
    *has_due = pm_lua__field_date(L, arg, "due", &opts->due);
    if (*has_start || *has_due)
        fields |= PM_GOAL_FIELD_PERIOD;
    if (pm_lua__field_number(L, arg, "weight", &opts->weight))
        fields |= PM_GOAL_FIELD_WEIGHT;
    if (pm_lua__field_enum(L, arg, "visibility", &visibility, &value)) {
        opts->visibility = (pm_visibility)value;
        fields |= PM_GOAL_FIELD_VISIBILITY;
    }
    if (field_parent(L, arg, &opts->parent))
        fields |= PM_GOAL_FIELD_PARENT;
    return fields;
}

/* {include_closed=} at arg, as flags. */
static unsigned int list_flags(lua_State *L, int arg)
{
    unsigned int flags = 0;
    if (pm_lua__check_options(L, arg, list_keys)) {
        int closed = 0;
        pm_lua__field_bool(L, arg, "include_closed", &closed);
        if (closed)
            flags |= PM_GOAL_INCLUDE_CLOSED;
    }
    return flags;
}

/* {on=, on_track=, at_risk=, stale_days=} at arg. Returns the thresholds to
 * give C: NULL (its defaults) unless one was given, else opts, which holds
 * the defaults of this version for those not given. */
static const pm_health_opts *health_options(lua_State *L, int arg, pm_date *date,
                                            pm_health_opts *opts)
{
    *date = PM_DATE_NONE;
    if (!pm_lua__check_options(L, arg, health_keys))
        return NULL;
    pm_lua__field_date(L, arg, "on", date);
    int given = pm_lua__field_number(L, arg, "on_track", &opts->on_track);
    given |= pm_lua__field_number(L, arg, "at_risk", &opts->at_risk);
    given |= pm_lua__field_int(L, arg, "stale_days", &opts->stale_days);
    return given ? opts : NULL;
}

/* ---- goals ---- */

static int create_goal(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, create_keys);
    pm_goal_opts opts = PM_GOAL_OPTS_INIT;
    int has_start = 0, has_due = 0;
    pm_lua__field_id(L, 2, "owner", &opts.owner);
    pm_lua__field_id(L, 2, "unit", &opts.unit);
    pm_lua__field_id(L, 2, "source_checkin", &opts.source_checkin);
    pm_lua__field_id(L, 2, "source_feedback", &opts.source_feedback);
    goal_fields(L, 2, &opts, &has_start, &has_due);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_goal_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int update_goal(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id goal = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, update_keys);
    pm_goal_opts opts = PM_GOAL_OPTS_INIT;
    int has_start = 0, has_due = 0;
    unsigned int fields = goal_fields(L, 3, &opts, &has_start, &has_due);
    pm_status st = PM_OK;
    /* C sets start and due together, and reads a missing start as today;
     * { due = ... } alone means "move the due date", so the other half comes
     * from the goal as it is. */
    if ((fields & PM_GOAL_FIELD_PERIOD) && !(has_start && has_due)) {
        pm_goal *g = NULL;
        pm_lua__enter(L, s->db);
        st = pm_goal_get(&g, s->session, goal);
        pm_lua__leave(s->db);
        if (st == PM_OK) {
            if (!has_start)
                opts.start = pm_goal_start(g);
            if (!has_due)
                opts.due = pm_goal_due(g);
        }
        pm_goal_free(g);
        pm_lua__check(L, s, st);
    }
    pm_lua__enter(L, s->db);
    st = pm_goal_update(s->session, goal, &opts, fields);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int set_goal_state(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id goal = luaL_checkinteger(L, 2);
    pm_goal_state state = (pm_goal_state)pm_lua__check_enum(L, 3, &goal_state);
    pm_lua__enter(L, s->db);
    pm_status st = pm_goal_set_state(s->session, goal, state);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int get_goal(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_goal *g = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_goal_get(&g, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && g != NULL && s->db->clock_error == 0)
        push_goal(L, g);
    pm_goal_free(g);
    pm_lua__check(L, s, st);
    return 1;
}

/* ---- key results and progress ---- */

static int add_key_result(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id goal = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, key_result_keys);
    pm_key_result_opts opts = PM_KEY_RESULT_OPTS_INIT;
    int kind = 0;
    pm_lua__field_string(L, 3, "title", &opts.title, &opts.title_len);
    if (pm_lua__field_enum(L, 3, "kind", &kr_kind, &kind))
        opts.kind = (pm_key_result_kind)kind;
    pm_lua__field_number(L, 3, "baseline", &opts.baseline);
    pm_lua__field_number(L, 3, "target", &opts.target);
    pm_lua__field_string(L, 3, "unit", &opts.unit, &opts.unit_len);
    pm_lua__field_number(L, 3, "weight", &opts.weight);
    opts.has_commit = pm_lua__field_number(L, 3, "commit", &opts.commit);
    opts.has_stretch = pm_lua__field_number(L, 3, "stretch", &opts.stretch);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_key_result_add(&id, s->session, goal, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int remove_key_result(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id key_result = luaL_checkinteger(L, 2);
    pm_lua__enter(L, s->db);
    pm_status st = pm_key_result_remove(s->session, key_result);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int key_results(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id goal = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_KEY_RESULT);
    pm_key_result_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_key_result_list(&iter, s->session, goal);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int add_progress(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id goal = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, progress_keys);
    pm_progress_opts opts = PM_PROGRESS_OPTS_INIT;
    pm_id key_result = 0;
    /* The value has no default that means anything, and C cannot tell a
     * missing one from 0: a missing value is a missing argument. */
    if (!pm_lua__field_number(L, 3, "value", &opts.value))
        luaL_argerror(L, 3, "field 'value': number expected, got nil");
    pm_lua__field_id(L, 3, "key_result", &key_result);
    pm_lua__field_int(L, 3, "confidence", &opts.confidence);
    pm_lua__field_string(L, 3, "comment", &opts.comment, &opts.comment_len);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_progress_add(&id, s->session, goal, key_result, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int progress_history(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id goal = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_PROGRESS);
    pm_progress_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_progress_list(&iter, s->session, goal);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int evaluate_goal(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id goal = luaL_checkinteger(L, 2);
    pm_health_opts thresholds = PM_HEALTH_OPTS_INIT;
    pm_date date = PM_DATE_NONE;
    const pm_health_opts *opts = health_options(L, 3, &date, &thresholds);
    pm_goal_status out = PM_GOAL_STATUS_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_goal_evaluate(&out, s->session, goal, date, opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 6);
    pm_lua__set_number(L, PM_LUA_KEY_PROGRESS, out.progress);
    pm_lua__set_number(L, PM_LUA_KEY_EXPECTED, out.expected);
    pm_lua__set_name(L, PM_LUA_KEY_HEALTH, pm_lua__enum_name(&pm_lua__health, (int)out.health));
    pm_lua__set_boolean(L, PM_LUA_KEY_STALE, out.stale);
    pm_lua__set_boolean(L, PM_LUA_KEY_OVERDUE, out.overdue);
    pm_lua__set_date(L, PM_LUA_KEY_LAST_UPDATE, out.last_update);
    return 1;
}

/* ---- lists ---- */

/* goals_of_person, goals_of_unit, goal_tree: (id [, {include_closed=}]). */
static int goal_list(lua_State *L, pm_status (*fn)(pm_goal_iter **, pm_session *, pm_id,
                                                   unsigned int))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    unsigned int flags = list_flags(L, 3);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_GOAL);
    pm_goal_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = fn(&iter, s->session, id, flags);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int goals_of_person(lua_State *L)
{
    return goal_list(L, pm_goal_list_person);
}

static int goals_of_unit(lua_State *L)
{
    return goal_list(L, pm_goal_list_unit);
}

static int goal_tree(lua_State *L)
{
    return goal_list(L, pm_goal_tree);
}

static int goals_needing_attention(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id manager = luaL_checkinteger(L, 2);
    pm_health_opts thresholds = PM_HEALTH_OPTS_INIT;
    pm_date date = PM_DATE_NONE;
    const pm_health_opts *opts = health_options(L, 3, &date, &thresholds);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_GOAL);
    pm_goal_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_goal_list_attention(&iter, s->session, manager, date, opts);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

const luaL_Reg pm_lua__goal_methods[] = {
    { "create_goal", create_goal },
    { "update_goal", update_goal },
    { "set_goal_state", set_goal_state },
    { "get_goal", get_goal },
    { "add_key_result", add_key_result },
    { "remove_key_result", remove_key_result },
    { "key_results", key_results },
    { "add_progress", add_progress },
    { "progress_history", progress_history },
    { "evaluate_goal", evaluate_goal },
    { "goals_of_person", goals_of_person },
    { "goals_of_unit", goals_of_unit },
    { "goal_tree", goal_tree },
    { "goals_needing_attention", goals_needing_attention },
    { NULL, NULL }
};
