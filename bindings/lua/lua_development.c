/* Session methods over the plan part of development.h: development plans,
 * their areas and items, and plan progress. Item kinds and states are
 * strings ("stretch_project", "in_progress"); a plan's areas and an item's
 * competencies are lists.
 *
 * A plan's last day is the key "end", a Lua keyword: write it
 * `{ person = ada, ["end"] = "2026-12-31" }` and read it `plan["end"]`. */
#include "perfmgmt_lua.h"

/* ---- enum names, in the order of the C values ---- */

static const char *const item_kind_names[] = { "training", "coaching", "mentoring",
                                               "stretch_project", "cross_functional",
                                               "on_the_job", "self_study", "wellbeing", NULL };
static const pm_lua_enum item_kind = { item_kind_names, PM_ITEM_TRAINING };

static const char *const item_state_names[] = { "planned", "in_progress", "done", "cancelled",
                                                NULL };
static const pm_lua_enum item_state = { item_state_names, PM_ITEM_PLANNED };

/* ---- records out ---- */

static void push_plan(lua_State *L, const pm_plan *p)
{
    lua_createtable(L, 0, 9);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_plan_id(p));
    pm_lua__set_integer(L, PM_LUA_KEY_PERSON, pm_plan_person(p));
    pm_lua__set_date(L, PM_LUA_KEY_START, pm_plan_start(p));
    pm_lua__set_date(L, PM_LUA_KEY_END, pm_plan_end(p));
    pm_lua__set_opt_text(L, PM_LUA_KEY_STRENGTHS, pm_plan_strengths(p));
    pm_lua__set_opt_text(L, PM_LUA_KEY_AMBITIONS, pm_plan_ambitions(p));
    pm_lua__set_id(L, PM_LUA_KEY_TARGET_ROLE, pm_plan_target_role(p));
    pm_lua__set_id(L, PM_LUA_KEY_PREVIOUS, pm_plan_previous(p));
    size_t n = pm_plan_area_count(p);
    lua_rawgeti(L, PM_LUA_KEYS, PM_LUA_KEY_AREAS);
    lua_createtable(L, n > 1000 ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_createtable(L, 0, 2);
        pm_lua__set_integer(L, PM_LUA_KEY_COMPETENCY, pm_plan_area_competency(p, i));
        pm_lua__set_opt_text(L, PM_LUA_KEY_NOTE, pm_plan_area_note(p, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);
}

int pm_lua__push_plan_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_plan(L, record);
    return 1;
}

int pm_lua__push_plan_item_item(lua_State *L, const void *record, const void *iter)
{
    const pm_plan_item *it = record;
    (void)iter;
    lua_createtable(L, 0, 16);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_plan_item_id(it));
    pm_lua__set_integer(L, PM_LUA_KEY_PLAN, pm_plan_item_plan(it));
    pm_lua__set_name(L, PM_LUA_KEY_KIND, pm_lua__enum_name(&item_kind, (int)pm_plan_item_kind(it)));
    pm_lua__set_text(L, PM_LUA_KEY_TITLE, pm_plan_item_title(it));
    pm_lua__set_opt_text(L, PM_LUA_KEY_NOTES, pm_plan_item_notes(it));
    pm_lua__set_name(L, PM_LUA_KEY_STATE,
                     pm_lua__enum_name(&item_state, (int)pm_plan_item_state(it)));
    pm_lua__set_date(L, PM_LUA_KEY_START, pm_plan_item_start(it));
    pm_lua__set_date(L, PM_LUA_KEY_DUE, pm_plan_item_due(it));
    pm_lua__set_date(L, PM_LUA_KEY_DONE_ON, pm_plan_item_done_on(it));
    pm_lua__set_number(L, PM_LUA_KEY_WEIGHT, pm_plan_item_weight(it));
    pm_lua__set_id(L, PM_LUA_KEY_MENTOR, pm_plan_item_mentor(it));
    size_t n = pm_plan_item_competency_count(it);
    lua_rawgeti(L, PM_LUA_KEYS, PM_LUA_KEY_COMPETENCIES);
    lua_createtable(L, n > 1000 ? 0 : (int)n, 0);
    for (size_t i = 0; i < n; i++) {
        lua_pushinteger(L, pm_plan_item_competency(it, i));
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    lua_rawset(L, -3);
    pm_lua__set_id(L, PM_LUA_KEY_GOAL, pm_plan_item_goal(it));
    /* A target means something only with its metric. */
    if (pm_plan_item_metric(it) != 0) {
        pm_lua__set_integer(L, PM_LUA_KEY_METRIC, pm_plan_item_metric(it));
        pm_lua__set_number(L, PM_LUA_KEY_METRIC_TARGET, pm_plan_item_metric_target(it));
    }
    pm_lua__set_id(L, PM_LUA_KEY_PROGRAMME, pm_plan_item_programme(it));
    return 1;
}

/* ---- arguments in ---- */

static const char *const create_keys[] = { "person", "start", "end", "strengths", "ambitions",
                                           "target_role", NULL };
/* The person cannot change (C ignores it in an update). */
static const char *const update_keys[] = { "start", "end", "strengths", "ambitions",
                                           "target_role", NULL };
static const char *const item_keys[] = { "kind", "title", "notes", "start", "due", "weight",
                                         "mentor", "competencies", "goal", "metric",
                                         "metric_target", NULL };

/* The target_role field: an id, or false to clear it (a nil field is no
 * field). */
static int field_target_role(lua_State *L, int arg, pm_id *out)
{
    int type = lua_getfield(L, arg, "target_role");
    int clear = type == LUA_TBOOLEAN && !lua_toboolean(L, -1);
    lua_pop(L, 1);
    if (clear) {
        *out = 0;
        return 1;
    }
    return pm_lua__field_id(L, arg, "target_role", out);
}

/* The fields create and update share, from the table at arg; returns the
 * PM_PLAN_FIELD_* flags of those present. has_start and has_end tell which
 * half of the period was given. */
static unsigned int plan_fields(lua_State *L, int arg, pm_plan_opts *opts, int *has_start,
                                int *has_end)
{
    unsigned int fields = 0;
    *has_start = pm_lua__field_date(L, arg, "start", &opts->start);
    *has_end = pm_lua__field_date(L, arg, "end", &opts->end);
    if (*has_start || *has_end)
        fields |= PM_PLAN_FIELD_PERIOD;
    if (pm_lua__field_string(L, arg, "strengths", &opts->strengths, &opts->strengths_len))
        fields |= PM_PLAN_FIELD_STRENGTHS;
    if (pm_lua__field_string(L, arg, "ambitions", &opts->ambitions, &opts->ambitions_len))
        fields |= PM_PLAN_FIELD_AMBITIONS;
    if (field_target_role(L, arg, &opts->target_role))
        fields |= PM_PLAN_FIELD_TARGET_ROLE;
    return fields;
}

/* ---- plans ---- */

static int create_plan(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, create_keys);
    pm_plan_opts opts = PM_PLAN_OPTS_INIT;
    int has_start = 0, has_end = 0;
    pm_lua__field_id(L, 2, "person", &opts.person);
    plan_fields(L, 2, &opts, &has_start, &has_end);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int update_plan(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id plan = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, update_keys);
    pm_plan_opts opts = PM_PLAN_OPTS_INIT;
    int has_start = 0, has_end = 0;
    unsigned int fields = plan_fields(L, 3, &opts, &has_start, &has_end);
    pm_status st = PM_OK;
    /* C sets the period whole and reads a missing start as today; { ["end"]
     * = ... } alone means "move the last day", so the other half comes from
     * the plan as it is (as update_goal does). */
    if ((fields & PM_PLAN_FIELD_PERIOD) && !(has_start && has_end)) {
        pm_plan *p = NULL;
        pm_lua__enter(L, s->db);
        st = pm_plan_get(&p, s->session, plan);
        pm_lua__leave(s->db);
        if (st == PM_OK) {
            if (!has_start)
                opts.start = pm_plan_start(p);
            if (!has_end)
                opts.end = pm_plan_end(p);
        }
        pm_plan_free(p);
        pm_lua__check(L, s, st);
    }
    pm_lua__enter(L, s->db);
    st = pm_plan_update(s->session, plan, &opts, fields);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int copy_plan_forward(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id plan = luaL_checkinteger(L, 2);
    pm_date start = pm_lua__check_date(L, 3, "start");
    pm_date end = pm_lua__check_date(L, 4, "end");
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_copy_forward(&id, s->session, plan, start, end);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int add_plan_area(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id plan = luaL_checkinteger(L, 2);
    pm_id competency = luaL_checkinteger(L, 3);
    size_t note_len = 0;
    const char *note = luaL_optlstring(L, 4, NULL, &note_len);
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_add_area(s->session, plan, competency, note, note_len);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int get_plan(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_plan *p = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_get(&p, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && p != NULL && s->db->clock_error == 0)
        push_plan(L, p);
    pm_plan_free(p);
    pm_lua__check(L, s, st);
    return 1;
}

static int plans(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_PLAN);
    pm_plan_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_list(&iter, s->session, person);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int current_plan(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "on");
    pm_id plan = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_current(&plan, s->session, person, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    pm_lua__push_id(L, plan);
    return 1;
}

/* ---- items ---- */

static int add_plan_item(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id plan = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, item_keys);
    pm_plan_item_opts opts = PM_PLAN_ITEM_OPTS_INIT;
    int kind = 0;
    if (pm_lua__field_enum(L, 3, "kind", &item_kind, &kind))
        opts.kind = (pm_item_kind)kind;
    pm_lua__field_string(L, 3, "title", &opts.title, &opts.title_len);
    pm_lua__field_string(L, 3, "notes", &opts.notes, &opts.notes_len);
    pm_lua__field_date(L, 3, "start", &opts.start);
    pm_lua__field_date(L, 3, "due", &opts.due);
    pm_lua__field_number(L, 3, "weight", &opts.weight);
    pm_lua__field_id(L, 3, "mentor", &opts.mentor);
    pm_lua__field_ids(L, 3, "competencies", &opts.competencies, &opts.ncompetencies);
    pm_lua__field_id(L, 3, "goal", &opts.goal);
    pm_lua__field_id(L, 3, "metric", &opts.metric);
    pm_lua__field_number(L, 3, "metric_target", &opts.metric_target);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_item_add(&id, s->session, plan, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int set_plan_item_state(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id item = luaL_checkinteger(L, 2);
    pm_item_state state = (pm_item_state)pm_lua__check_enum(L, 3, &item_state);
    pm_date date = pm_lua__opt_date(L, 4, "on");
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_item_set_state(s->session, item, state, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* plan_items and mentored_items: (id). */
static int item_list(lua_State *L,
                     pm_status (*fn)(pm_plan_item_iter **, pm_session *, pm_id))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_PLAN_ITEM);
    pm_plan_item_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = fn(&iter, s->session, id);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int plan_items(lua_State *L)
{
    return item_list(L, pm_plan_item_list);
}

static int mentored_items(lua_State *L)
{
    return item_list(L, pm_plan_item_list_mentored);
}

static int plan_progress(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id plan = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "on");
    pm_plan_progress out = PM_PLAN_PROGRESS_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_plan_progress_get(&out, s->session, plan, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, out.items);
    lua_setfield(L, -2, "items");
    lua_pushinteger(L, out.done);
    lua_setfield(L, -2, "done");
    lua_pushinteger(L, out.overdue);
    lua_setfield(L, -2, "overdue");
    lua_pushnumber(L, out.share_done);
    lua_setfield(L, -2, "share_done");
    return 1;
}

const luaL_Reg pm_lua__plan_methods[] = {
    { "create_plan", create_plan },
    { "update_plan", update_plan },
    { "copy_plan_forward", copy_plan_forward },
    { "add_plan_area", add_plan_area },
    { "get_plan", get_plan },
    { "plans", plans },
    { "current_plan", current_plan },
    { "add_plan_item", add_plan_item },
    { "set_plan_item_state", set_plan_item_state },
    { "plan_items", plan_items },
    { "mentored_items", mentored_items },
    { "plan_progress", plan_progress },
    { NULL, NULL }
};
