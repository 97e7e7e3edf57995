/* Session methods over review360.h: 360-degree rounds, their questions and
 * raters, submitting answers, and the results and comments of a closed
 * round. States and rater groups are strings ("draft", "peer").
 *
 * What is shown, and to whom, is the library's: a suppressed group comes
 * back as a result with shown = false and nothing else, and comments carry
 * no rater. */
#include "perfmgmt_lua.h"

#include <limits.h>
#include <stdlib.h>

/* ---- enum names, in the order of the C values ---- */

static const char *const state_names[] = { "draft", "open", "closed", NULL };
static const pm_lua_enum round_state = { state_names, PM_REVIEW360_DRAFT };

static const char *const group_names[] = { "self", "manager", "peer", "report", NULL };
static const pm_lua_enum rater_group = { group_names, PM_RATER_SELF };

/* ---- records out ---- */

static void push_round(lua_State *L, const pm_review360 *r)
{
    lua_createtable(L, 0, 9);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_review360_id(r));
    pm_lua__set_integer(L, PM_LUA_KEY_SUBJECT, pm_review360_subject(r));
    pm_lua__set_text(L, PM_LUA_KEY_TITLE, pm_review360_title(r));
    pm_lua__set_name(L, PM_LUA_KEY_STATE,
                     pm_lua__enum_name(&round_state, (int)pm_review360_state_get(r)));
    pm_lua__set_date(L, PM_LUA_KEY_OPENS, pm_review360_opens(r));
    pm_lua__set_date(L, PM_LUA_KEY_CLOSES, pm_review360_closes(r));
    pm_lua__set_integer(L, PM_LUA_KEY_THRESHOLD, pm_review360_threshold(r));
    pm_lua__set_integer(L, PM_LUA_KEY_RATERS, pm_review360_raters(r));
    pm_lua__set_integer(L, PM_LUA_KEY_SUBMITTED, pm_review360_submitted(r));
}

int pm_lua__push_review360_item(lua_State *L, const void *record, const void *iter)
{
    (void)iter;
    push_round(L, record);
    return 1;
}

int pm_lua__push_r360_question_item(lua_State *L, const void *record, const void *iter)
{
    const pm_review360_question *q = record;
    (void)iter;
    lua_createtable(L, 0, 4);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_review360_question_id(q));
    pm_lua__set_text(L, PM_LUA_KEY_TEXT, pm_review360_question_text(q));
    /* An open-text question has no scale (C says 0 and 0); a rating
     * scale always has a highest rating above 0. */
    if (pm_review360_question_scale_max(q) != 0) {
        pm_lua__set_integer(L, PM_LUA_KEY_SCALE_MIN, pm_review360_question_scale_min(q));
        pm_lua__set_integer(L, PM_LUA_KEY_SCALE_MAX, pm_review360_question_scale_max(q));
    }
    return 1;
}

int pm_lua__push_r360_result_item(lua_State *L, const void *record, const void *iter)
{
    const pm_review360_result *r = record;
    (void)iter;
    lua_createtable(L, 0, 6);
    pm_lua__set_integer(L, PM_LUA_KEY_QUESTION, pm_review360_result_question(r));
    pm_lua__set_name(L, PM_LUA_KEY_GROUP,
                     pm_lua__enum_name(&rater_group, (int)pm_review360_result_group(r)));
    int shown = pm_review360_result_shown(r);
    pm_lua__set_boolean(L, PM_LUA_KEY_SHOWN, shown);
    /* A suppressed group has no numbers, not zeros that could be read as
     * answers; nor has a mean without ratings, or a deviation without two. */
    if (shown) {
        int count = pm_review360_result_count(r);
        pm_lua__set_integer(L, PM_LUA_KEY_NRATINGS, count);
        if (count > 0)
            pm_lua__set_number(L, PM_LUA_KEY_MEAN, pm_review360_result_mean(r));
        if (count > 1)
            pm_lua__set_number(L, PM_LUA_KEY_SD, pm_review360_result_sd(r));
    }
    return 1;
}

int pm_lua__push_r360_comment_item(lua_State *L, const void *record, const void *iter)
{
    const pm_review360_comment *c = record;
    (void)iter;
    lua_createtable(L, 0, 3);
    pm_lua__set_integer(L, PM_LUA_KEY_QUESTION, pm_review360_comment_question(c));
    pm_lua__set_name(L, PM_LUA_KEY_GROUP,
                     pm_lua__enum_name(&rater_group, (int)pm_review360_comment_group(c)));
    pm_lua__set_text(L, PM_LUA_KEY_TEXT, pm_review360_comment_text(c));
    return 1;
}

/* ---- rounds ---- */

static const char *const round_keys[] = { "subject", "title", "opens", "closes", "threshold",
                                          NULL };

static int create_review360(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, round_keys);
    pm_review360_opts opts = PM_REVIEW360_OPTS_INIT;
    pm_lua__field_id(L, 2, "subject", &opts.subject);
    pm_lua__field_string(L, 2, "title", &opts.title, &opts.title_len);
    pm_lua__field_date(L, 2, "opens", &opts.opens);
    pm_lua__field_date(L, 2, "closes", &opts.closes);
    pm_lua__field_int(L, 2, "threshold", &opts.threshold);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int add_review360_question(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    size_t len = 0;
    const char *text = luaL_checklstring(L, 3, &len);
    int scale_min = pm_lua__opt_int(L, 4, 0, "scale_min");
    int scale_max = pm_lua__opt_int(L, 5, 0, "scale_max");
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_add_question(&id, s->session, round, text, len, scale_min,
                                             scale_max);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int add_review360_rater(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    pm_id person = luaL_checkinteger(L, 3);
    pm_rater_group group = (pm_rater_group)pm_lua__check_enum(L, 4, &rater_group);
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_add_rater(s->session, round, person, group);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* open_review360 and close_review360: (round). */
static int round_call(lua_State *L, pm_status (*fn)(pm_session *, pm_id))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    pm_lua__enter(L, s->db);
    pm_status st = fn(s->session, round);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int open_review360(lua_State *L)
{
    return round_call(L, pm_review360_open);
}

static int close_review360(lua_State *L)
{
    return round_call(L, pm_review360_close);
}

/* ---- answers ---- */

static int by_question(const void *a, const void *b)
{
    pm_id x = ((const pm_review360_answer *)a)->question;
    pm_id y = ((const pm_review360_answer *)b)->question;
    return (x > y) - (x < y);
}

/* { [question] = rating or text, ... } at arg as answers, in a userdata
 * left on the stack; the texts are the table's own strings, alive as long
 * as the argument. Sorted by question, so that C sees (and names in its
 * messages) the same order whatever order the table's keys come in. */
static pm_review360_answer *check_answers(lua_State *L, int arg, size_t *count)
{
    luaL_checktype(L, arg, LUA_TTABLE);
    size_t n = 0;
    lua_pushnil(L);
    while (lua_next(L, arg) != 0) {
        lua_pop(L, 1);
        n++;
    }
    pm_review360_answer *answers = lua_newuserdatauv(L, (n ? n : 1) * sizeof *answers, 0);
    size_t i = 0;
    lua_pushnil(L);
    while (lua_next(L, arg) != 0) {
        int is_integer = 0;
        lua_Integer question = lua_tointegerx(L, -2, &is_integer);
        if (lua_type(L, -2) != LUA_TNUMBER || !is_integer)
            luaL_argerror(L, arg, lua_pushfstring(L, "keys are question ids, got %s",
                                                  luaL_typename(L, -2)));
        pm_review360_answer *a = &answers[i++];
        a->question = (pm_id)question;
        a->rating = 0;
        a->text = NULL;
        a->text_len = 0;
        if (lua_type(L, -1) == LUA_TSTRING) {
            /* A string value in the table: not converted, so it stays the
             * table's and lives as long as the argument. */
            a->text = lua_tolstring(L, -1, &a->text_len);
            /* C reads a length of 0 as NUL-terminated, which "" is. */
        } else if (lua_type(L, -1) == LUA_TNUMBER) {
            lua_Integer rating = lua_tointegerx(L, -1, &is_integer);
            if (!is_integer)
                luaL_argerror(L, arg, lua_pushfstring(L, "question %I: a rating must be an "
                                                         "integer", question));
            if (rating < INT_MIN || rating > INT_MAX) {
                lua_pushfstring(L, "question %I: rating %I is out of range", question, rating);
                pm_lua__raise(L, PM_ERANGE, lua_tostring(L, -1));
            }
            a->rating = (int)rating;
        } else {
            luaL_argerror(L, arg, lua_pushfstring(L, "question %I: number or string expected, "
                                                     "got %s", question, luaL_typename(L, -1)));
        }
        lua_pop(L, 1);
    }
    qsort(answers, n, sizeof *answers, by_question);
    *count = n;
    return answers;
}

static int submit_review360(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    size_t n = 0;
    const pm_review360_answer *answers = check_answers(L, 3, &n);
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_submit(s->session, round, answers, n);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int review360_role(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    pm_rater_group group = 0;
    int identified = 0, submitted = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_role(&group, &identified, &submitted, s->session, round);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 3);
    pm_lua__set_name(L, PM_LUA_KEY_GROUP, pm_lua__enum_name(&rater_group, (int)group));
    pm_lua__set_boolean(L, PM_LUA_KEY_IDENTIFIED, identified);
    pm_lua__set_boolean(L, PM_LUA_KEY_SUBMITTED, submitted);
    return 1;
}

/* ---- reading ---- */

static int get_review360(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_review360 *r = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_get(&r, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && r != NULL && s->db->clock_error == 0)
        push_round(L, r);
    pm_review360_free(r);
    pm_lua__check(L, s, st);
    return 1;
}

static int review360s(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    unsigned int flags = 0;
    if (!lua_isnoneornil(L, 3)) {
        luaL_checktype(L, 3, LUA_TBOOLEAN);
        if (lua_toboolean(L, 3))
            flags |= PM_REVIEW360_AS_RATER;
    }
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_REVIEW360);
    pm_review360_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_list(&iter, s->session, person, flags);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int review360_questions(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_R360_QUESTION);
    pm_review360_question_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_questions(&iter, s->session, round);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int review360_results(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_R360_RESULT);
    pm_review360_result_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_results(&iter, s->session, round);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int review360_comments(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id round = luaL_checkinteger(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_R360_COMMENT);
    pm_review360_comment_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_review360_comments(&iter, s->session, round);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

const luaL_Reg pm_lua__review360_methods[] = {
    { "create_review360", create_review360 },
    { "add_review360_question", add_review360_question },
    { "add_review360_rater", add_review360_rater },
    { "open_review360", open_review360 },
    { "close_review360", close_review360 },
    { "submit_review360", submit_review360 },
    { "review360_role", review360_role },
    { "get_review360", get_review360 },
    { "review360s", review360s },
    { "review360_questions", review360_questions },
    { "review360_results", review360_results },
    { "review360_comments", review360_comments },
    { NULL, NULL }
};
