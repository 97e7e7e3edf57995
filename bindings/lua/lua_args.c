/* Records out (plain tables with string keys) and arguments in (ids, dates,
 * text, options tables). Wrong Lua types get lauxlib's argument errors;
 * values of the right type that are still wrong go on to C, except where
 * C cannot see them (a NUL inside text it takes NUL-terminated, a date it
 * takes already parsed), which raise the same kind of error C would. */
#include "perfmgmt_lua.h"

#include <limits.h>
#include <string.h>

/* ---- records out ---- */

void pm_lua__push_id(lua_State *L, pm_id id)
{
    if (id == 0)
        lua_pushnil(L);
    else
        lua_pushinteger(L, id);
}

/* Record fields are set with key strings made once (pm_lua__push_keys) and
 * values pushed with their lengths: lua_setfield and lua_pushstring would
 * look each key and value up in Lua's string cache by strcmp, which was
 * the larger part of what a get_person cost on top of the C call. */
static const char *const record_keys[PM_LUA_KEY_COUNT] = {
    [PM_LUA_KEY_ID] = "id",
    [PM_LUA_KEY_EXTERNAL_ID] = "external_id",
    [PM_LUA_KEY_NAME] = "name",
    [PM_LUA_KEY_EMAIL] = "email",
    [PM_LUA_KEY_STATUS] = "status",
    [PM_LUA_KEY_LEFT_ON] = "left_on",
    [PM_LUA_KEY_HR_ADMIN] = "hr_admin",
    [PM_LUA_KEY_CREATED_AT] = "created_at",
    [PM_LUA_KEY_CREATED_BY] = "created_by",
    [PM_LUA_KEY_UPDATED_AT] = "updated_at",
    [PM_LUA_KEY_UPDATED_BY] = "updated_by",
    [PM_LUA_KEY_PARENT] = "parent",
    [PM_LUA_KEY_ACTIVE] = "active",
    [PM_LUA_KEY_LEFT] = "left",
    [PM_LUA_KEY_ERASED] = "erased",
    [PM_LUA_KEY_OWNER] = "owner",
    [PM_LUA_KEY_UNIT] = "unit",
    [PM_LUA_KEY_TITLE] = "title",
    [PM_LUA_KEY_DESCRIPTION] = "description",
    [PM_LUA_KEY_KIND] = "kind",
    [PM_LUA_KEY_STATE] = "state",
    [PM_LUA_KEY_START] = "start",
    [PM_LUA_KEY_DUE] = "due",
    [PM_LUA_KEY_WEIGHT] = "weight",
    [PM_LUA_KEY_VISIBILITY] = "visibility",
    [PM_LUA_KEY_SOURCE_CHECKIN] = "source_checkin",
    [PM_LUA_KEY_GOAL] = "goal",
    [PM_LUA_KEY_BASELINE] = "baseline",
    [PM_LUA_KEY_TARGET] = "target",
    [PM_LUA_KEY_CURRENT] = "current",
    [PM_LUA_KEY_COMMIT] = "commit",
    [PM_LUA_KEY_STRETCH] = "stretch",
    [PM_LUA_KEY_PROGRESS] = "progress",
    [PM_LUA_KEY_ZONE] = "zone",
    [PM_LUA_KEY_KEY_RESULT] = "key_result",
    [PM_LUA_KEY_VALUE] = "value",
    [PM_LUA_KEY_CONFIDENCE] = "confidence",
    [PM_LUA_KEY_COMMENT] = "comment",
    [PM_LUA_KEY_AT] = "at",
    [PM_LUA_KEY_BY] = "by",
    [PM_LUA_KEY_EXPECTED] = "expected",
    [PM_LUA_KEY_HEALTH] = "health",
    [PM_LUA_KEY_STALE] = "stale",
    [PM_LUA_KEY_OVERDUE] = "overdue",
    [PM_LUA_KEY_LAST_UPDATE] = "last_update",
    [PM_LUA_KEY_MANAGER] = "manager",
    [PM_LUA_KEY_REPORT] = "report",
    [PM_LUA_KEY_CADENCE] = "cadence",
    [PM_LUA_KEY_INTERVAL] = "interval",
    [PM_LUA_KEY_DAY] = "day",
    [PM_LUA_KEY_NEXT_DUE] = "next_due",
    [PM_LUA_KEY_LAST_HELD] = "last_held",
    [PM_LUA_KEY_SERIES] = "series",
    [PM_LUA_KEY_DATE] = "date",
    [PM_LUA_KEY_MOOD] = "mood",
    [PM_LUA_KEY_CHECKIN] = "checkin",
    [PM_LUA_KEY_ORIGIN] = "origin",
    [PM_LUA_KEY_AUTHOR] = "author",
    [PM_LUA_KEY_TEXT] = "text",
    [PM_LUA_KEY_PRIVATE] = "private",
    [PM_LUA_KEY_DONE] = "done",
    [PM_LUA_KEY_DONE_AT] = "done_at",
    [PM_LUA_KEY_GOAL_PROGRESS] = "goal_progress",
    [PM_LUA_KEY_GOAL_HEALTH] = "goal_health",
    [PM_LUA_KEY_HELD] = "held",
    [PM_LUA_KEY_RATE] = "rate",
    [PM_LUA_KEY_SOURCE_FEEDBACK] = "source_feedback",
    [PM_LUA_KEY_GIVER] = "giver",
    [PM_LUA_KEY_IS_MINE] = "is_mine",
    [PM_LUA_KEY_RECEIVER] = "receiver",
    [PM_LUA_KEY_DIRECTION] = "direction",
    [PM_LUA_KEY_ANONYMOUS] = "anonymous",
    [PM_LUA_KEY_SITUATION] = "situation",
    [PM_LUA_KEY_BEHAVIOUR] = "behaviour",
    [PM_LUA_KEY_IMPACT] = "impact",
    [PM_LUA_KEY_COMPETENCY] = "competency",
    [PM_LUA_KEY_REQUEST] = "request",
    [PM_LUA_KEY_GIVEN_AT] = "given_at",
    [PM_LUA_KEY_ACKNOWLEDGED_AT] = "acknowledged_at",
    [PM_LUA_KEY_REACTION] = "reaction",
    [PM_LUA_KEY_REQUESTER] = "requester",
    [PM_LUA_KEY_SUBJECT] = "subject",
    [PM_LUA_KEY_TOPIC] = "topic",
    [PM_LUA_KEY_EXPIRES] = "expires",
    [PM_LUA_KEY_REPEAT_DAYS] = "repeat_days",
    [PM_LUA_KEY_PREVIOUS] = "previous",
    [PM_LUA_KEY_PARTS] = "parts",
    [PM_LUA_KEY_ADDRESSEE] = "addressee",
    [PM_LUA_KEY_ANSWERED_AT] = "answered_at",
    [PM_LUA_KEY_RESPONSE] = "response",
    [PM_LUA_KEY_OPENS] = "opens",
    [PM_LUA_KEY_CLOSES] = "closes",
    [PM_LUA_KEY_THRESHOLD] = "threshold",
    [PM_LUA_KEY_RATERS] = "raters",
    [PM_LUA_KEY_SUBMITTED] = "submitted",
    [PM_LUA_KEY_SCALE_MIN] = "scale_min",
    [PM_LUA_KEY_SCALE_MAX] = "scale_max",
    [PM_LUA_KEY_QUESTION] = "question",
    [PM_LUA_KEY_GROUP] = "group",
    [PM_LUA_KEY_SHOWN] = "shown",
    [PM_LUA_KEY_NRATINGS] = "count",
    [PM_LUA_KEY_MEAN] = "mean",
    [PM_LUA_KEY_SD] = "sd",
    [PM_LUA_KEY_IDENTIFIED] = "identified",
    [PM_LUA_KEY_CATEGORY] = "category",
    [PM_LUA_KEY_SCALE] = "scale",
    [PM_LUA_KEY_MIN_LEVEL] = "min_level",
    [PM_LUA_KEY_MAX_LEVEL] = "max_level",
    [PM_LUA_KEY_LEVELS] = "levels",
    [PM_LUA_KEY_LEVEL] = "level",
    [PM_LUA_KEY_REQUIREMENTS] = "requirements",
    [PM_LUA_KEY_PERSON] = "person",
    [PM_LUA_KEY_SOURCE] = "source",
    [PM_LUA_KEY_ASSESSOR] = "assessor",
    [PM_LUA_KEY_ON] = "on",
    [PM_LUA_KEY_ROUND] = "round",
    [PM_LUA_KEY_RELEASED] = "released",
    [PM_LUA_KEY_NOTE] = "note",
    [PM_LUA_KEY_REQUIRED] = "required",
    [PM_LUA_KEY_ASSESSED] = "assessed",
    [PM_LUA_KEY_GAP] = "gap",
    [PM_LUA_KEY_PEOPLE] = "people",
    [PM_LUA_KEY_BELOW] = "below",
    [PM_LUA_KEY_MEAN_GAP] = "mean_gap",
    [PM_LUA_KEY_PEOPLE_BEFORE] = "people_before",
    [PM_LUA_KEY_ASSESSED_BEFORE] = "assessed_before",
    [PM_LUA_KEY_BELOW_BEFORE] = "below_before",
    [PM_LUA_KEY_MEAN_GAP_BEFORE] = "mean_gap_before",
    [PM_LUA_KEY_END] = "end",
    [PM_LUA_KEY_STRENGTHS] = "strengths",
    [PM_LUA_KEY_AMBITIONS] = "ambitions",
    [PM_LUA_KEY_TARGET_ROLE] = "target_role",
    [PM_LUA_KEY_AREAS] = "areas",
    [PM_LUA_KEY_PLAN] = "plan",
    [PM_LUA_KEY_NOTES] = "notes",
    [PM_LUA_KEY_DONE_ON] = "done_on",
    [PM_LUA_KEY_MENTOR] = "mentor",
    [PM_LUA_KEY_COMPETENCIES] = "competencies",
    [PM_LUA_KEY_METRIC] = "metric",
    [PM_LUA_KEY_METRIC_TARGET] = "metric_target",
    [PM_LUA_KEY_PROGRAMME] = "programme",
    [PM_LUA_KEY_CAPACITY] = "capacity",
    [PM_LUA_KEY_SEATS_TAKEN] = "seats_taken",
    [PM_LUA_KEY_SESSIONS] = "sessions",
    [PM_LUA_KEY_RESULT] = "result",
    [PM_LUA_KEY_INVITED_ON] = "invited_on",
    [PM_LUA_KEY_ENROLLED_ON] = "enrolled_on",
    [PM_LUA_KEY_ENDED_ON] = "ended_on",
    [PM_LUA_KEY_ITEM] = "item",
    [PM_LUA_KEY_MIN] = "min",
    [PM_LUA_KEY_MAX] = "max",
    [PM_LUA_KEY_RELIABILITY] = "reliability",
    [PM_LUA_KEY_BUILTIN] = "builtin",
    [PM_LUA_KEY_INVITED] = "invited",
    [PM_LUA_KEY_RESPONDED] = "responded",
    [PM_LUA_KEY_ANSWERED_BY_ME] = "answered_by_me",
    [PM_LUA_KEY_SUPPRESSED] = "suppressed",
    [PM_LUA_KEY_INSTRUMENT] = "instrument",
    [PM_LUA_KEY_BEFORE] = "before",
    [PM_LUA_KEY_AFTER] = "after",
    [PM_LUA_KEY_BASIS] = "basis",
};

void pm_lua__push_keys(lua_State *L)
{
    lua_createtable(L, PM_LUA_KEY_COUNT, 0);
    for (int i = 1; i < PM_LUA_KEY_COUNT; i++) {
        lua_pushstring(L, record_keys[i]);
        lua_rawseti(L, -2, i);
    }
}

static void push_key(lua_State *L, int key)
{
    lua_rawgeti(L, PM_LUA_KEYS, key);
}

void pm_lua__set_integer(lua_State *L, int key, lua_Integer value)
{
    push_key(L, key);
    lua_pushinteger(L, value);
    lua_rawset(L, -3);
}

void pm_lua__set_number(lua_State *L, int key, double value)
{
    push_key(L, key);
    lua_pushnumber(L, (lua_Number)value);
    lua_rawset(L, -3);
}

void pm_lua__set_text(lua_State *L, int key, const char *value)
{
    push_key(L, key);
    lua_pushlstring(L, value, strlen(value));
    lua_rawset(L, -3);
}

void pm_lua__set_opt_text(lua_State *L, int key, const char *value)
{
    if (value != NULL && *value != '\0')
        pm_lua__set_text(L, key, value);
}

void pm_lua__set_boolean(lua_State *L, int key, int value)
{
    push_key(L, key);
    lua_pushboolean(L, value);
    lua_rawset(L, -3);
}

void pm_lua__set_id(lua_State *L, int key, pm_id value)
{
    if (value != 0)
        pm_lua__set_integer(L, key, value);
}

void pm_lua__set_date(lua_State *L, int key, pm_date date)
{
    char buf[PM_DATE_BUFSIZE];
    if (date != PM_DATE_NONE && pm_date_format(buf, date) == PM_OK)
        pm_lua__set_text(L, key, buf);
}

void pm_lua__set_name(lua_State *L, int key, const char *name)
{
    if (name == NULL)
        return;
    push_key(L, key);
    lua_pushstring(L, name);
    lua_rawset(L, -3);
}

static int status_key(pm_person_status status)
{
    switch (status) {
    case PM_PERSON_LEFT: return PM_LUA_KEY_LEFT;
    case PM_PERSON_ERASED: return PM_LUA_KEY_ERASED;
    default: return PM_LUA_KEY_ACTIVE;
    }
}

void pm_lua__push_person(lua_State *L, const pm_person *p)
{
    lua_createtable(L, 0, 11);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_person_id(p));
    pm_lua__set_text(L, PM_LUA_KEY_EXTERNAL_ID, pm_person_external_id(p));
    pm_lua__set_text(L, PM_LUA_KEY_NAME, pm_person_display_name(p));
    pm_lua__set_opt_text(L, PM_LUA_KEY_EMAIL, pm_person_email(p));
    push_key(L, PM_LUA_KEY_STATUS);
    push_key(L, status_key(pm_person_status_get(p)));
    lua_rawset(L, -3);
    pm_lua__set_date(L, PM_LUA_KEY_LEFT_ON, pm_person_left_on(p));
    pm_lua__set_boolean(L, PM_LUA_KEY_HR_ADMIN, pm_person_is_hr_admin(p));
    pm_lua__set_integer(L, PM_LUA_KEY_CREATED_AT, pm_person_created_at(p));
    pm_lua__set_integer(L, PM_LUA_KEY_CREATED_BY, pm_person_created_by(p));
    pm_lua__set_integer(L, PM_LUA_KEY_UPDATED_AT, pm_person_updated_at(p));
    pm_lua__set_integer(L, PM_LUA_KEY_UPDATED_BY, pm_person_updated_by(p));
}

void pm_lua__push_unit(lua_State *L, const pm_unit *u)
{
    lua_createtable(L, 0, 3);
    pm_lua__set_integer(L, PM_LUA_KEY_ID, pm_unit_id(u));
    pm_lua__set_text(L, PM_LUA_KEY_NAME, pm_unit_name(u));
    pm_lua__set_id(L, PM_LUA_KEY_PARENT, pm_unit_parent(u));
}

/* ---- arguments in ---- */

static int raise_nul(lua_State *L, const char *field)
{
    lua_pushfstring(L, "%s: contains a NUL byte", field);
    return pm_lua__raise(L, PM_EUTF8, lua_tostring(L, -1));
}

const char *pm_lua__check_cstring(lua_State *L, int arg, const char *field)
{
    size_t len = 0;
    const char *text = luaL_checklstring(L, arg, &len);
    if (strlen(text) != len)
        raise_nul(L, field);
    return text;
}

/* Parses the string at idx as a date; field names it in the error. */
static pm_date parse_date(lua_State *L, int idx, const char *field)
{
    size_t len = 0;
    const char *text = lua_tolstring(L, idx, &len);
    if (strlen(text) != len)
        raise_nul(L, field);
    pm_date date = PM_DATE_NONE;
    pm_status st = pm_date_parse(&date, text);
    if (st != PM_OK) {
        /* Quote the text only when it is short: it may be anything. */
        if (len <= 40)
            lua_pushfstring(L, "%s: '%s' is not a date (expected YYYY-MM-DD)", field, text);
        else
            lua_pushfstring(L, "%s: not a date (expected YYYY-MM-DD)", field);
        pm_lua__raise(L, st, lua_tostring(L, -1));
    }
    return date;
}

pm_date pm_lua__opt_date(lua_State *L, int arg, const char *field)
{
    if (lua_isnoneornil(L, arg))
        return PM_DATE_NONE;
    if (lua_type(L, arg) != LUA_TSTRING)
        luaL_typeerror(L, arg, "string");
    return parse_date(L, arg, field);
}

pm_id pm_lua__opt_id(lua_State *L, int arg)
{
    return (pm_id)luaL_optinteger(L, arg, 0);
}

int pm_lua__check_options(lua_State *L, int arg, const char *const allowed[])
{
    if (lua_isnoneornil(L, arg))
        return 0;
    luaL_checktype(L, arg, LUA_TTABLE);
    lua_pushnil(L);
    while (lua_next(L, arg) != 0) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING)
            return luaL_argerror(L, arg, lua_pushfstring(L, "unexpected %s key (keys are names)",
                                                         luaL_typename(L, -1)));
        const char *key = lua_tostring(L, -1);
        int known = 0;
        for (size_t i = 0; allowed[i] != NULL && !known; i++)
            known = strcmp(key, allowed[i]) == 0;
        if (!known)
            return luaL_argerror(L, arg, lua_pushfstring(L, "unknown key '%s'", key));
    }
    return 1;
}

static int field_type_error(lua_State *L, int arg, const char *key, const char *expected)
{
    return luaL_argerror(L, arg, lua_pushfstring(L, "field '%s': %s expected, got %s", key,
                                                 expected, luaL_typename(L, -1)));
}

int pm_lua__field_string(lua_State *L, int arg, const char *key, const char **out, size_t *len)
{
    luaL_checkstack(L, 2, NULL);
    int type = lua_getfield(L, arg, key);
    if (type == LUA_TNIL)
        return 0;
    if (type != LUA_TSTRING && type != LUA_TNUMBER)
        field_type_error(L, arg, key, "string");
    *out = lua_tolstring(L, -1, len);
    return 1;
}

int pm_lua__field_bool(lua_State *L, int arg, const char *key, int *out)
{
    int type = lua_getfield(L, arg, key);
    if (type != LUA_TNIL && type != LUA_TBOOLEAN)
        field_type_error(L, arg, key, "boolean");
    if (type == LUA_TBOOLEAN)
        *out = lua_toboolean(L, -1);
    lua_pop(L, 1);
    return type != LUA_TNIL;
}

int pm_lua__field_id(lua_State *L, int arg, const char *key, pm_id *out)
{
    int type = lua_getfield(L, arg, key);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    int is_integer = 0;
    lua_Integer id = lua_tointegerx(L, -1, &is_integer);
    if (type != LUA_TNUMBER)
        field_type_error(L, arg, key, "number");
    if (!is_integer)
        luaL_argerror(L, arg, lua_pushfstring(L, "field '%s': number has no integer representation",
                                              key));
    *out = (pm_id)id;
    lua_pop(L, 1);
    return 1;
}

int pm_lua__field_date(lua_State *L, int arg, const char *key, pm_date *out)
{
    int type = lua_getfield(L, arg, key);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (type != LUA_TSTRING)
        field_type_error(L, arg, key, "string");
    *out = parse_date(L, -1, key);
    lua_pop(L, 1);
    return 1;
}

pm_date pm_lua__check_date(lua_State *L, int arg, const char *field)
{
    if (lua_type(L, arg) != LUA_TSTRING)
        luaL_typeerror(L, arg, "string");
    return parse_date(L, arg, field);
}

int pm_lua__field_number(lua_State *L, int arg, const char *key, double *out)
{
    int type = lua_getfield(L, arg, key);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (type != LUA_TNUMBER)
        field_type_error(L, arg, key, "number");
    *out = (double)lua_tonumber(L, -1);
    lua_pop(L, 1);
    return 1;
}

/* An integer beyond int cannot reach C; it is out of the range C accepts,
 * so it gets the error C gives for values out of range. */
int pm_lua__to_int(lua_State *L, lua_Integer value, const char *field)
{
    if (value < INT_MIN || value > INT_MAX) {
        lua_pushfstring(L, "%s: %I is out of range", field, value);
        pm_lua__raise(L, PM_ERANGE, lua_tostring(L, -1));
    }
    return (int)value;
}

int pm_lua__field_int(lua_State *L, int arg, const char *key, int *out)
{
    pm_id value = 0;
    if (!pm_lua__field_id(L, arg, key, &value))
        return 0;
    *out = pm_lua__to_int(L, (lua_Integer)value, key);
    return 1;
}

int pm_lua__opt_int(lua_State *L, int arg, int def, const char *field)
{
    if (lua_isnoneornil(L, arg))
        return def;
    return pm_lua__to_int(L, luaL_checkinteger(L, arg), field);
}

int pm_lua__field_ids(lua_State *L, int arg, const char *key, const pm_id **ids, size_t *n)
{
    luaL_checkstack(L, 4, NULL);
    int type = lua_getfield(L, arg, key);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (type != LUA_TTABLE)
        field_type_error(L, arg, key, "table");
    lua_Unsigned count = lua_rawlen(L, -1);
    /* More than C takes is refused by C, with its message; only a count
     * beyond any sane allocation is refused here. */
    if (count > 100000)
        luaL_argerror(L, arg, lua_pushfstring(L, "field '%s': too many elements", key));
    pm_id *out = lua_newuserdatauv(L, (count ? (size_t)count : 1) * sizeof *out, 0);
    for (lua_Unsigned i = 0; i < count; i++) {
        lua_rawgeti(L, -2, (lua_Integer)i + 1);
        int is_integer = 0;
        lua_Integer id = lua_tointegerx(L, -1, &is_integer);
        if (lua_type(L, -1) != LUA_TNUMBER || !is_integer)
            luaL_argerror(L, arg, lua_pushfstring(L, "field '%s': element %I is not an id (%s)",
                                                  key, (lua_Integer)i + 1,
                                                  luaL_typename(L, -1)));
        out[i] = (pm_id)id;
        lua_pop(L, 1);
    }
    /* The userdata stays (the caller's stack slot keeps it alive); the
     * table under it goes. */
    lua_remove(L, -2);
    *ids = out;
    *n = (size_t)count;
    return 1;
}

const char *pm_lua__enum_name(const pm_lua_enum *e, int value)
{
    for (int i = 0; e->names[i] != NULL; i++)
        if (e->first + i == value)
            return e->names[i];
    return NULL;
}

/* The index of name in e's names, or -1. */
static int enum_index(const pm_lua_enum *e, const char *name)
{
    for (int i = 0; e->names[i] != NULL; i++)
        if (strcmp(e->names[i], name) == 0)
            return i;
    return -1;
}

/* Pushes "a, b or c": the names an argument error offers. */
static const char *push_choices(lua_State *L, const pm_lua_enum *e)
{
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (int i = 0; e->names[i] != NULL; i++) {
        if (i > 0)
            luaL_addstring(&b, e->names[i + 1] == NULL ? " or " : ", ");
        luaL_addchar(&b, '\'');
        luaL_addstring(&b, e->names[i]);
        luaL_addchar(&b, '\'');
    }
    luaL_pushresult(&b);
    return lua_tostring(L, -1);
}

int pm_lua__check_enum(lua_State *L, int arg, const pm_lua_enum *e)
{
    const char *name = luaL_checkstring(L, arg);
    int i = enum_index(e, name);
    if (i < 0) {
        const char *choices = push_choices(L, e);
        luaL_argerror(L, arg,
                      lua_pushfstring(L, "invalid value '%s' (expected %s)", name, choices));
    }
    return e->first + i;
}

int pm_lua__field_enum(lua_State *L, int arg, const char *key, const pm_lua_enum *e, int *out)
{
    int type = lua_getfield(L, arg, key);
    if (type == LUA_TNIL) {
        lua_pop(L, 1);
        return 0;
    }
    if (type != LUA_TSTRING)
        field_type_error(L, arg, key, "string");
    const char *name = lua_tostring(L, -1);
    int i = enum_index(e, name);
    if (i < 0) {
        const char *choices = push_choices(L, e);
        luaL_argerror(L, arg, lua_pushfstring(L, "field '%s': invalid value '%s' (expected %s)",
                                              key, name, choices));
    }
    *out = e->first + i;
    lua_pop(L, 1);
    return 1;
}

/* ---- C allocations held by Lua ---- */

typedef struct box {
    void *ptr;
    void (*free_fn)(void *);
} box;

void **pm_lua__new_box(lua_State *L, void (*free_fn)(void *))
{
    box *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->ptr = NULL;
    b->free_fn = free_fn;
    luaL_setmetatable(L, PM_LUA_BOX);
    return &b->ptr;
}

static int box_gc(lua_State *L)
{
    box *b = luaL_checkudata(L, 1, PM_LUA_BOX);
    void *ptr = b->ptr;
    b->ptr = NULL;
    if (ptr != NULL)
        b->free_fn(ptr);
    return 0;
}

void pm_lua__box_release(lua_State *L, int idx)
{
    box *b = luaL_checkudata(L, idx, PM_LUA_BOX);
    void *ptr = b->ptr;
    b->ptr = NULL;
    if (ptr != NULL)
        b->free_fn(ptr);
}

void pm_lua__box_register(lua_State *L)
{
    luaL_newmetatable(L, PM_LUA_BOX);
    lua_pushcfunction(L, box_gc);
    lua_setfield(L, -2, "__gc");
    /* Nothing of it is for Lua code: the box never leaves the C function
     * that made it. */
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 1);
}
