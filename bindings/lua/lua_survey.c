/* Session methods over the survey rounds of wellbeing.h: creating a round,
 * its instruments and audience, opening, answering, closing and renewing
 * it, and what may be read of it (the round, response rates per unit, and
 * one's own answers). Instruments and states are strings ("who5",
 * "pulse"; "draft", "open", "closed").
 *
 * An answer is a table { instrument =, item =, value =, metric = } (metric
 * for pulse items only); respond_to_survey takes a list of them, and
 * my_survey_answers gives one back, in instrument then item order. */
#include "perfmgmt_lua.h"

#include <limits.h>
#include <string.h>

/* ---- enum names, in the order of the C values ---- */

static const char *const instrument_names[] = { "who5", "enps", "cbi_personal", "cbi_work",
                                                "cbi_client", "pulse", NULL };
static const pm_lua_enum instrument = { instrument_names, PM_INSTRUMENT_WHO5 };

static const char *const state_names[] = { "draft", "open", "closed", NULL };
static const pm_lua_enum survey_state = { state_names, PM_SURVEY_DRAFT };

/* ---- records out ---- */

static void push_survey(lua_State *L, const pm_survey *v)
{
    lua_createtable(L, 0, 11);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_survey_id(v));
    pm_lua__set_text(L, PM_LUA_KEY_TITLE, pm_survey_title(v));
    pm_lua__set_name(L, PM_LUA_KEY_STATE,
                     pm_lua__enum_name(&survey_state, (int)pm_survey_state_get(v)));
    pm_lua__set_date(L, PM_LUA_KEY_OPENS, pm_survey_opens(v));
    pm_lua__set_date(L, PM_LUA_KEY_CLOSES, pm_survey_closes(v));
    pm_lua__set_integer(L, PM_LUA_KEY_THRESHOLD, pm_survey_threshold(v));
    /* 0 is "runs once": absent, as for requests. */
    if (pm_survey_repeat_days(v) != 0)
        pm_lua__set_integer(L, PM_LUA_KEY_REPEAT_DAYS, pm_survey_repeat_days(v));
    pm_lua__set_id(L, PM_LUA_KEY_PREVIOUS, pm_survey_previous(v));
    pm_lua__set_integer(L, PM_LUA_KEY_INVITED, pm_survey_invited(v));
    pm_lua__set_integer(L, PM_LUA_KEY_RESPONDED, pm_survey_responded(v));
    pm_lua__set_boolean(L, PM_LUA_KEY_ANSWERED_BY_ME, pm_survey_answered_by_me(v));
}

int pm_lua__push_response_rate_item(lua_State *L, const void *record, const void *iter)
{
    const pm_response_rate *r = record;
    (void)iter;
    lua_createtable(L, 0, 5);
    pm_lua__set_id(L, PM_LUA_KEY_UNIT, pm_response_rate_unit(r));
    int suppressed = pm_response_rate_suppressed(r);
    pm_lua__set_boolean(L, PM_LUA_KEY_SUPPRESSED, suppressed);
    /* Hidden counts are absent, not zeros that could pass for data. */
    if (!suppressed) {
        pm_lua__set_integer(L, PM_LUA_KEY_INVITED, pm_response_rate_invited(r));
        pm_lua__set_integer(L, PM_LUA_KEY_RESPONDED, pm_response_rate_responded(r));
        pm_lua__set_number(L, PM_LUA_KEY_RATE, pm_response_rate_value(r));
    }
    return 1;
}

static void push_answer(lua_State *L, const pm_survey_answer *a)
{
    lua_createtable(L, 0, 4);
    pm_lua__set_name(L, PM_LUA_KEY_INSTRUMENT, pm_lua__enum_name(&instrument, (int)a->instrument));
    pm_lua__set_id(L, PM_LUA_KEY_METRIC, a->metric);
    pm_lua__set_integer(L, PM_LUA_KEY_ITEM, a->item);
    pm_lua__set_integer(L, PM_LUA_KEY_VALUE, a->value);
}

/* ---- rounds ---- */

static const char *const survey_keys[] = { "title", "opens", "closes", "threshold",
                                           "repeat_days", NULL };

static int create_survey(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, survey_keys);
    pm_survey_opts opts = PM_SURVEY_OPTS_INIT;
    pm_lua__field_string(L, 2, "title", &opts.title, &opts.title_len);
    pm_lua__field_date(L, 2, "opens", &opts.opens);
    pm_lua__field_date(L, 2, "closes", &opts.closes);
    pm_lua__field_int(L, 2, "threshold", &opts.threshold);
    pm_lua__field_int(L, 2, "repeat_days", &opts.repeat_days);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static const char *const instrument_keys[] = { "metric", "text", NULL };

static int add_survey_instrument(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id survey = luaL_checkinteger(L, 2);
    pm_instrument which = (pm_instrument)pm_lua__check_enum(L, 3, &instrument);
    pm_id metric = 0;
    const char *text = NULL;
    size_t text_len = 0;
    if (pm_lua__check_options(L, 4, instrument_keys)) {
        pm_lua__field_id(L, 4, "metric", &metric);
        pm_lua__field_string(L, 4, "text", &text, &text_len);
    }
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_add_instrument(s->session, survey, which, metric, text, text_len);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static const char *const audience_keys[] = { "unit", "person", NULL };

static int add_survey_audience(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id survey = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    pm_lua__check_options(L, 3, audience_keys);
    pm_id unit = 0, person = 0;
    /* Both or neither go on to C, which says why that will not do. */
    pm_lua__field_id(L, 3, "unit", &unit);
    pm_lua__field_id(L, 3, "person", &person);
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_add_audience(s->session, survey, unit, person);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* open_survey and close_survey: (survey). */
static int survey_call(lua_State *L, pm_status (*fn)(pm_session *, pm_id))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id survey = luaL_checkinteger(L, 2);
    pm_lua__enter(L, s->db);
    pm_status st = fn(s->session, survey);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int open_survey(lua_State *L)
{
    return survey_call(L, pm_survey_open);
}

static int close_survey(lua_State *L)
{
    return survey_call(L, pm_survey_close);
}

/* ---- answering ---- */

static const char *const answer_keys[] = { "instrument", "metric", "item", "value", NULL };

/* The argument error of answer i. */
static int answer_error(lua_State *L, int arg, lua_Integer i, const char *reason)
{
    return luaL_argerror(L, arg, lua_pushfstring(L, "answers[%I]: %s", i, reason));
}

/* An integer field of the answer on the top of the stack; required. */
static int answer_int(lua_State *L, int arg, lua_Integer i, const char *key)
{
    int type = lua_getfield(L, -1, key);
    int is_integer = 0;
    lua_Integer v = lua_tointegerx(L, -1, &is_integer);
    if (type != LUA_TNUMBER)
        answer_error(L, arg, i, lua_pushfstring(L, "field '%s': number expected, got %s", key,
                                                luaL_typename(L, -1)));
    if (!is_integer)
        answer_error(L, arg, i, lua_pushfstring(L, "field '%s': number has no integer "
                                                   "representation", key));
    if (v < INT_MIN || v > INT_MAX)
        pm_lua__to_int(L, v, lua_pushfstring(L, "answers[%I].%s", i, key));
    lua_pop(L, 1);
    return (int)v;
}

/* Answer i (the table on the top of the stack) into *out. */
static void check_answer(lua_State *L, int arg, lua_Integer i, pm_survey_answer *out)
{
    if (!lua_istable(L, -1))
        answer_error(L, arg, i, lua_pushfstring(L, "table expected, got %s",
                                                luaL_typename(L, -1)));
    lua_pushnil(L);
    while (lua_next(L, -2) != 0) {
        lua_pop(L, 1);
        const char *key = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        int known = 0;
        for (size_t k = 0; key != NULL && answer_keys[k] != NULL && !known; k++)
            known = strcmp(key, answer_keys[k]) == 0;
        if (key == NULL)
            answer_error(L, arg, i, lua_pushfstring(L, "unexpected %s key (keys are names)",
                                                    luaL_typename(L, -1)));
        if (!known)
            answer_error(L, arg, i, lua_pushfstring(L, "unknown key '%s'", key));
    }
    memset(out, 0, sizeof *out);
    int type = lua_getfield(L, -1, "instrument");
    const char *name = type == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    int which = -1;
    for (int k = 0; name != NULL && instrument_names[k] != NULL; k++)
        if (strcmp(instrument_names[k], name) == 0)
            which = instrument.first + k;
    if (name == NULL)
        answer_error(L, arg, i, lua_pushfstring(L, "field 'instrument': string expected, got %s",
                                                luaL_typename(L, -1)));
    if (which < 0)
        answer_error(L, arg, i, lua_pushfstring(L, "field 'instrument': invalid value '%s' "
                                                   "(expected 'who5', 'enps', 'cbi_personal', "
                                                   "'cbi_work', 'cbi_client' or 'pulse')",
                                                name));
    lua_pop(L, 1);
    out->instrument = (pm_instrument)which;
    type = lua_getfield(L, -1, "metric");
    if (type != LUA_TNIL) {
        int is_integer = 0;
        lua_Integer id = lua_tointegerx(L, -1, &is_integer);
        if (type != LUA_TNUMBER || !is_integer)
            answer_error(L, arg, i, lua_pushfstring(L, "field 'metric': an id expected, got %s",
                                                    luaL_typename(L, -1)));
        out->metric = (pm_id)id;
    }
    lua_pop(L, 1);
    out->item = answer_int(L, arg, i, "item");
    out->value = answer_int(L, arg, i, "value");
}

static int respond_to_survey(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id survey = luaL_checkinteger(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    lua_Unsigned count = lua_rawlen(L, 3);
    /* C judges how many it takes; only a count beyond any sane allocation
     * is refused here. */
    if (count > 100000)
        luaL_argerror(L, 3, "too many answers");
    pm_survey_answer *answers = lua_newuserdatauv(L, (count ? (size_t)count : 1) * sizeof *answers,
                                                  0);
    for (lua_Unsigned i = 0; i < count; i++) {
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        check_answer(L, 3, (lua_Integer)i + 1, &answers[i]);
        lua_pop(L, 1);
    }
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_respond(s->session, survey, answers, (size_t)count);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int renew_surveys(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_date date = pm_lua__opt_date(L, 2, "on");
    int created = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_renew(&created, s->session, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, created);
    return 1;
}

/* ---- reading ---- */

static int get_survey(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_survey *v = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_get(&v, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && v != NULL && s->db->clock_error == 0)
        push_survey(L, v);
    pm_survey_free(v);
    pm_lua__check(L, s, st);
    return 1;
}

static int response_rates(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id survey = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_RESPONSE_RATE);
    pm_response_rate_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_response_rates(&iter, s->session, survey);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int my_survey_answers(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id survey = luaL_checkinteger(L, 2);
    /* The box holds C's array until the list is made. */
    void **slot = pm_lua__new_box(L, pm_free);
    int box = lua_gettop(L);
    pm_survey_answer *answers = NULL;
    size_t n = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_survey_my_answers(&answers, &n, s->session, survey);
    pm_lua__leave(s->db);
    *slot = answers;
    pm_lua__check(L, s, st);
    lua_createtable(L, n > 1000 ? 0 : (int)n, 0);
    for (size_t i = 0; answers != NULL && i < n; i++) {
        push_answer(L, &answers[i]);
        lua_rawseti(L, -2, (lua_Integer)i + 1);
    }
    pm_lua__box_release(L, box);
    return 1;
}

const luaL_Reg pm_lua__survey_methods[] = {
    { "create_survey", create_survey },
    { "add_survey_instrument", add_survey_instrument },
    { "add_survey_audience", add_survey_audience },
    { "open_survey", open_survey },
    { "close_survey", close_survey },
    { "respond_to_survey", respond_to_survey },
    { "renew_surveys", renew_surveys },
    { "get_survey", get_survey },
    { "response_rates", response_rates },
    { "my_survey_answers", my_survey_answers },
    { NULL, NULL }
};
