/* perfmgmt.PersonIter, perfmgmt.UnitIter and the iterators of goals,
 * check-ins, feedback, 360 rounds, competencies, development, wellbeing
 * and evaluation (perfmgmt.GoalIter, ...): C iterators behind a generic for. An
 * iterator is callable and is also the loop's closing value, so leaving a
 * loop early (break, error) frees the C iterator at once; a C
 * iterator that has run out is freed before the loop ends. The C rule
 * "free an iterator before its session" is kept by the session, which
 * closes its iterators when it closes. */
#include "perfmgmt_lua.h"

/* The C side of each kind of iterator. next and push are split because the
 * push runs after the store is left: a Lua memory error in it must not
 * leave the store marked busy. */
typedef struct iter_type {
    const char *name; /* the metatable */
    void (*free)(void *iter);
    pm_status (*next)(void **out, void *iter);
    int (*push)(lua_State *L, const void *record, const void *iter);
} iter_type;

/* Adapters from the typed C functions to the table's generic ones:
 * free_<prefix> and next_<prefix>. */
#define PM_LUA_ITER_ADAPT(prefix)                                               \
    static void free_##prefix(void *iter)                                       \
    {                                                                           \
        prefix##_iter_free(iter);                                               \
    }                                                                           \
    static pm_status next_##prefix(void **out, void *iter)                      \
    {                                                                           \
        prefix *record = NULL;                                                  \
        pm_status st = prefix##_iter_next(&record, iter);                       \
        *out = record;                                                          \
        return st;                                                              \
    }

PM_LUA_ITER_ADAPT(pm_person)
PM_LUA_ITER_ADAPT(pm_unit)
PM_LUA_ITER_ADAPT(pm_goal)
PM_LUA_ITER_ADAPT(pm_key_result)
PM_LUA_ITER_ADAPT(pm_progress)
PM_LUA_ITER_ADAPT(pm_checkin_series)
PM_LUA_ITER_ADAPT(pm_checkin)
PM_LUA_ITER_ADAPT(pm_checkin_entry)
PM_LUA_ITER_ADAPT(pm_feedback)
PM_LUA_ITER_ADAPT(pm_feedback_request)
PM_LUA_ITER_ADAPT(pm_review360)
PM_LUA_ITER_ADAPT(pm_review360_question)
PM_LUA_ITER_ADAPT(pm_review360_result)
PM_LUA_ITER_ADAPT(pm_review360_comment)
PM_LUA_ITER_ADAPT(pm_competency)
PM_LUA_ITER_ADAPT(pm_role)
PM_LUA_ITER_ADAPT(pm_assessment)
PM_LUA_ITER_ADAPT(pm_gap)
PM_LUA_ITER_ADAPT(pm_gap_summary)
PM_LUA_ITER_ADAPT(pm_plan)
PM_LUA_ITER_ADAPT(pm_plan_item)
PM_LUA_ITER_ADAPT(pm_programme)
PM_LUA_ITER_ADAPT(pm_enrolment)
PM_LUA_ITER_ADAPT(pm_candidate)
PM_LUA_ITER_ADAPT(pm_metric)
PM_LUA_ITER_ADAPT(pm_measurement)
PM_LUA_ITER_ADAPT(pm_response_rate)
PM_LUA_ITER_ADAPT(pm_flag)

static int push_person(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    pm_lua__push_person(L, record);
    return 1;
}

static int push_unit(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    pm_lua__push_unit(L, record);
    return 1;
}

#define PM_LUA_ITER_TYPE(name, prefix, push) { name, free_##prefix, next_##prefix, push }

static const iter_type iter_types[PM_LUA_ITER_KINDS] = {
    [PM_LUA_ITER_PERSON] = PM_LUA_ITER_TYPE(PM_LUA_PERSON_ITER, pm_person, push_person),
    [PM_LUA_ITER_UNIT] = PM_LUA_ITER_TYPE(PM_LUA_UNIT_ITER, pm_unit, push_unit),
    [PM_LUA_ITER_GOAL] = PM_LUA_ITER_TYPE(PM_LUA_GOAL_ITER, pm_goal, pm_lua__push_goal_item),
    [PM_LUA_ITER_KEY_RESULT] = PM_LUA_ITER_TYPE(PM_LUA_KEY_RESULT_ITER, pm_key_result,
                                                pm_lua__push_key_result_item),
    [PM_LUA_ITER_PROGRESS] = PM_LUA_ITER_TYPE(PM_LUA_PROGRESS_ITER, pm_progress,
                                              pm_lua__push_progress_item),
    [PM_LUA_ITER_SERIES] = PM_LUA_ITER_TYPE(PM_LUA_SERIES_ITER, pm_checkin_series,
                                            pm_lua__push_series_item),
    [PM_LUA_ITER_CHECKIN] = PM_LUA_ITER_TYPE(PM_LUA_CHECKIN_ITER, pm_checkin,
                                             pm_lua__push_checkin_item),
    [PM_LUA_ITER_ENTRY] = PM_LUA_ITER_TYPE(PM_LUA_ENTRY_ITER, pm_checkin_entry,
                                           pm_lua__push_entry_item),
    [PM_LUA_ITER_FEEDBACK] = PM_LUA_ITER_TYPE(PM_LUA_FEEDBACK_ITER, pm_feedback,
                                              pm_lua__push_feedback_item),
    [PM_LUA_ITER_REQUEST] = PM_LUA_ITER_TYPE(PM_LUA_REQUEST_ITER, pm_feedback_request,
                                             pm_lua__push_request_item),
    [PM_LUA_ITER_REVIEW360] = PM_LUA_ITER_TYPE(PM_LUA_REVIEW360_ITER, pm_review360,
                                               pm_lua__push_review360_item),
    [PM_LUA_ITER_R360_QUESTION] = PM_LUA_ITER_TYPE(PM_LUA_R360_QUESTION_ITER,
                                                   pm_review360_question,
                                                   pm_lua__push_r360_question_item),
    [PM_LUA_ITER_R360_RESULT] = PM_LUA_ITER_TYPE(PM_LUA_R360_RESULT_ITER, pm_review360_result,
                                                 pm_lua__push_r360_result_item),
    [PM_LUA_ITER_R360_COMMENT] = PM_LUA_ITER_TYPE(PM_LUA_R360_COMMENT_ITER,
                                                  pm_review360_comment,
                                                  pm_lua__push_r360_comment_item),
    [PM_LUA_ITER_COMPETENCY] = PM_LUA_ITER_TYPE(PM_LUA_COMPETENCY_ITER, pm_competency,
                                                pm_lua__push_competency_item),
    [PM_LUA_ITER_ROLE] = PM_LUA_ITER_TYPE(PM_LUA_ROLE_ITER, pm_role, pm_lua__push_role_item),
    [PM_LUA_ITER_ASSESSMENT] = PM_LUA_ITER_TYPE(PM_LUA_ASSESSMENT_ITER, pm_assessment,
                                                pm_lua__push_assessment_item),
    [PM_LUA_ITER_GAP] = PM_LUA_ITER_TYPE(PM_LUA_GAP_ITER, pm_gap, pm_lua__push_gap_item),
    /* Two kinds, one metatable: registering the second reuses the table
     * (the kind in its upvalues only picks that name back). */
    [PM_LUA_ITER_GAP_SUMMARY] = PM_LUA_ITER_TYPE(PM_LUA_GAP_SUMMARY_ITER, pm_gap_summary,
                                                 pm_lua__push_gap_summary_item),
    [PM_LUA_ITER_GAP_SUMMARY_COMPARED] = PM_LUA_ITER_TYPE(PM_LUA_GAP_SUMMARY_ITER,
                                                          pm_gap_summary,
                                                          pm_lua__push_gap_summary_compared_item),
    [PM_LUA_ITER_PLAN] = PM_LUA_ITER_TYPE(PM_LUA_PLAN_ITER, pm_plan, pm_lua__push_plan_item),
    [PM_LUA_ITER_PLAN_ITEM] = PM_LUA_ITER_TYPE(PM_LUA_PLAN_ITEM_ITER, pm_plan_item,
                                               pm_lua__push_plan_item_item),
    [PM_LUA_ITER_PROGRAMME] = PM_LUA_ITER_TYPE(PM_LUA_PROGRAMME_ITER, pm_programme,
                                               pm_lua__push_programme_item),
    [PM_LUA_ITER_ENROLMENT] = PM_LUA_ITER_TYPE(PM_LUA_ENROLMENT_ITER, pm_enrolment,
                                               pm_lua__push_enrolment_item),
    [PM_LUA_ITER_CANDIDATE] = PM_LUA_ITER_TYPE(PM_LUA_CANDIDATE_ITER, pm_candidate,
                                               pm_lua__push_candidate_item),
    [PM_LUA_ITER_METRIC] = PM_LUA_ITER_TYPE(PM_LUA_METRIC_ITER, pm_metric,
                                            pm_lua__push_metric_item),
    [PM_LUA_ITER_MEASUREMENT] = PM_LUA_ITER_TYPE(PM_LUA_MEASUREMENT_ITER, pm_measurement,
                                                 pm_lua__push_measurement_item),
    [PM_LUA_ITER_RESPONSE_RATE] = PM_LUA_ITER_TYPE(PM_LUA_RESPONSE_RATE_ITER, pm_response_rate,
                                                   pm_lua__push_response_rate_item),
    [PM_LUA_ITER_FLAG] = PM_LUA_ITER_TYPE(PM_LUA_FLAG_ITER, pm_flag, pm_lua__push_flag_item),
};

static void iter_free(pm_lua_iter *it)
{
    void *iter = it->iter;
    it->iter = NULL;
    if (iter != NULL)
        iter_types[it->kind].free(iter);
}

static void iter_close(pm_lua_iter *it)
{
    iter_free(it);
    it->closed = 1;
}

pm_lua_iter *pm_lua__new_iter(lua_State *L, int session_idx, pm_lua_iter_kind kind)
{
    session_idx = lua_absindex(L, session_idx);
    pm_lua_session *s = lua_touserdata(L, session_idx);
    pm_lua_iter *it = lua_newuserdatauv(L, sizeof *it, 1);
    it->iter = NULL;
    it->session = s;
    it->kind = kind;
    it->closed = 0;
    luaL_setmetatable(L, iter_types[kind].name);
    lua_pushvalue(L, session_idx);
    lua_setiuservalue(L, -2, PM_LUA_ITER_SESSION);

    /* The session's weak table of iterators, made with its first one. */
    if (lua_getiuservalue(L, session_idx, PM_LUA_SESSION_ITERS) != LUA_TTABLE) {
        lua_pop(L, 1);
        lua_newtable(L);
        luaL_setmetatable(L, PM_LUA_WEAK);
        lua_pushvalue(L, -1);
        lua_setiuservalue(L, session_idx, PM_LUA_SESSION_ITERS);
    }
    lua_pushvalue(L, -2);
    lua_pushboolean(L, 1);
    lua_rawset(L, -3);
    lua_pop(L, 1);
    return it;
}

int pm_lua__iter_return(lua_State *L)
{
    lua_pushnil(L);
    lua_pushnil(L);
    lua_pushvalue(L, -3);
    return 4;
}

/* The iterator at idx (of any kind), or NULL. */
static pm_lua_iter *test_iter(lua_State *L, int idx)
{
    for (int kind = 0; kind < PM_LUA_ITER_KINDS; kind++) {
        pm_lua_iter *it = luaL_testudata(L, idx, iter_types[kind].name);
        if (it != NULL)
            return it;
    }
    return NULL;
}

void pm_lua__close_iters(lua_State *L)
{
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pop(L, 1);
        pm_lua_iter *it = test_iter(L, -1);
        if (it != NULL)
            iter_close(it);
    }
}

/* The iterator at idx, of the kind whose methods are running (their second
 * upvalue), so that a wrong self is named in the error. */
static pm_lua_iter *check_iter(lua_State *L, int idx)
{
    lua_Integer kind = lua_tointeger(L, lua_upvalueindex(2));
    return luaL_checkudata(L, idx, iter_types[kind].name);
}

/* The next record (for a goal tree: the goal and its depth), or nil at the
 * end. */
static int iter_call(lua_State *L)
{
    pm_lua_iter *it = check_iter(L, 1);
    const iter_type *type = &iter_types[it->kind];
    if (it->closed) {
        lua_pushfstring(L, "attempt to use a closed %s", type->name);
        return pm_lua__raise(L, PM_EMISUSE, lua_tostring(L, -1));
    }
    if (it->iter == NULL) {
        lua_pushnil(L);
        return 1;
    }
    pm_lua_session *s = it->session;
    pm_lua__enter(L, s->db);
    void *record = NULL;
    pm_status st = type->next(&record, it->iter);
    pm_lua__leave(s->db);
    int n = 1;
    if (st == PM_OK)
        n = type->push(L, record, it->iter);
    if (st == PM_ITEROVER) {
        iter_free(it);
        lua_pushnil(L);
        st = PM_OK;
    }
    pm_lua__check(L, s, st);
    return n;
}

static int iter_close_method(lua_State *L)
{
    iter_close(check_iter(L, 1));
    return 0;
}

static int iter_gc(lua_State *L)
{
    iter_free(check_iter(L, 1));
    return 0;
}

static int iter_tostring(lua_State *L)
{
    pm_lua_iter *it = check_iter(L, 1);
    const char *name = iter_types[it->kind].name;
    if (it->closed)
        lua_pushfstring(L, "%s (closed)", name);
    else
        lua_pushfstring(L, "%s (%p)", name, (void *)it);
    return 1;
}

static const luaL_Reg iter_meta[] = {
    { "__call", iter_call },
    { "__close", iter_close_method },
    { "__gc", iter_gc },
    { "__tostring", iter_tostring },
    { NULL, NULL }
};

static const luaL_Reg iter_methods[] = {
    { "close", iter_close_method },
    { NULL, NULL }
};

void pm_lua__iter_register(lua_State *L)
{
    for (int kind = 0; kind < PM_LUA_ITER_KINDS; kind++) {
        luaL_newmetatable(L, iter_types[kind].name);
        pm_lua__push_keys(L);
        lua_pushinteger(L, kind);
        luaL_setfuncs(L, iter_meta, 2);
        luaL_newlibtable(L, iter_methods);
        lua_pushnil(L);
        lua_pushinteger(L, kind);
        luaL_setfuncs(L, iter_methods, 2);
        lua_setfield(L, -2, "__index");
        lua_pop(L, 1);
    }
}
