/* Session methods over org.h and import.h. Optional ids (a parent, a unit
 * or manager to set) take nil for "none"; optional dates take nil for
 * "today by the store's clock". */
#include "perfmgmt_lua.h"

static const char *const unit_keys[] = { "name", "parent", NULL };
static const char *const members_keys[] = { "on", "deep", NULL };
static const char *const reports_keys[] = { "on", "indirect", NULL };
static const char *const import_keys[] = { "on", "mark_missing_left", NULL };

/* ---- units ---- */

static int create_unit(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    luaL_checktype(L, 2, LUA_TTABLE);
    pm_lua__check_options(L, 2, unit_keys);
    pm_unit_opts opts = PM_UNIT_OPTS_INIT;
    pm_lua__field_string(L, 2, "name", &opts.name, &opts.name_len);
    pm_lua__field_id(L, 2, "parent", &opts.parent);
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_create(&id, s->session, &opts);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int rename_unit(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id unit = luaL_checkinteger(L, 2);
    size_t len = 0;
    const char *name = luaL_checklstring(L, 3, &len);
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_rename(s->session, unit, name, len);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int move_unit(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id unit = luaL_checkinteger(L, 2);
    pm_id parent = pm_lua__opt_id(L, 3);
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_move(s->session, unit, parent);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

static int get_unit(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id id = luaL_checkinteger(L, 2);
    pm_unit *unit = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_get(&unit, s->session, id);
    pm_lua__leave(s->db);
    if (st == PM_OK && unit != NULL && s->db->clock_error == 0)
        pm_lua__push_unit(L, unit);
    pm_unit_free(unit);
    pm_lua__check(L, s, st);
    return 1;
}

static int find_unit(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    const char *path = pm_lua__check_cstring(L, 2, "path");
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_find(&id, s->session, path);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushinteger(L, id);
    return 1;
}

static int unit_path(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id unit = luaL_checkinteger(L, 2);
    char *path = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_path(&path, s->session, unit);
    pm_lua__leave(s->db);
    if (st == PM_OK && path != NULL && s->db->clock_error == 0)
        lua_pushstring(L, path);
    pm_free(path);
    pm_lua__check(L, s, st);
    return 1;
}

static int unit_children(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id parent = pm_lua__opt_id(L, 2);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_UNIT);
    pm_unit_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_children(&iter, s->session, parent);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* ---- memberships and reporting lines ---- */

/* The options {on=, <flag>=} of the listing functions, at arg. */
static pm_date listing_options(lua_State *L, int arg, const char *const keys[],
                               const char *flag_key, unsigned int flag, unsigned int *flags)
{
    pm_date date = PM_DATE_NONE;
    *flags = 0;
    if (pm_lua__check_options(L, arg, keys)) {
        int set = 0;
        pm_lua__field_date(L, arg, "on", &date);
        pm_lua__field_bool(L, arg, flag_key, &set);
        if (set)
            *flags |= flag;
    }
    return date;
}

static int unit_members(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id unit = luaL_checkinteger(L, 2);
    unsigned int flags = 0;
    pm_date date = listing_options(L, 3, members_keys, "deep", PM_UNIT_MEMBERS_DEEP, &flags);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_PERSON);
    pm_person_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_unit_members(&iter, s->session, unit, date, flags);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

static int reports(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id manager = luaL_checkinteger(L, 2);
    unsigned int flags = 0;
    pm_date date = listing_options(L, 3, reports_keys, "indirect", PM_ORG_REPORTS_INDIRECT,
                                   &flags);
    pm_lua_iter *it = pm_lua__new_iter(L, 1, PM_LUA_ITER_PERSON);
    pm_person_iter *iter = NULL;
    pm_lua__enter(L, s->db);
    pm_status st = pm_org_reports(&iter, s->session, manager, date, flags);
    pm_lua__leave(s->db);
    it->iter = iter;
    pm_lua__check(L, s, st);
    return pm_lua__iter_return(L);
}

/* set_unit and set_manager: (person, target or nil [, date]). */
static int set_line(lua_State *L, pm_status (*fn)(pm_session *, pm_id, pm_id, pm_date))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_id target = pm_lua__opt_id(L, 3);
    pm_date date = pm_lua__opt_date(L, 4, "date");
    pm_lua__enter(L, s->db);
    pm_status st = fn(s->session, person, target, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    return 0;
}

/* unit_on and manager_on: (person [, date]) -> id or nil. */
static int line_on(lua_State *L, pm_status (*fn)(pm_id *, pm_session *, pm_id, pm_date))
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id person = luaL_checkinteger(L, 2);
    pm_date date = pm_lua__opt_date(L, 3, "date");
    pm_id id = 0;
    pm_lua__enter(L, s->db);
    pm_status st = fn(&id, s->session, person, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    pm_lua__push_id(L, id);
    return 1;
}

static int set_unit(lua_State *L)
{
    return set_line(L, pm_org_set_unit);
}

static int set_manager(lua_State *L)
{
    return set_line(L, pm_org_set_manager);
}

static int unit_on(lua_State *L)
{
    return line_on(L, pm_org_unit_on);
}

static int manager_on(lua_State *L)
{
    return line_on(L, pm_org_manager_on);
}

static int is_above(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    pm_id manager = luaL_checkinteger(L, 2);
    pm_id person = luaL_checkinteger(L, 3);
    pm_date date = pm_lua__opt_date(L, 4, "date");
    int above = 0;
    pm_lua__enter(L, s->db);
    pm_status st = pm_org_is_above(&above, s->session, manager, person, date);
    pm_lua__leave(s->db);
    pm_lua__check(L, s, st);
    lua_pushboolean(L, above);
    return 1;
}

/* ---- import ---- */

static void import_options(lua_State *L, int arg, pm_import_opts *opts)
{
    if (!pm_lua__check_options(L, arg, import_keys))
        return;
    int mark = 0;
    pm_lua__field_date(L, arg, "on", &opts->date);
    pm_lua__field_bool(L, arg, "mark_missing_left", &mark);
    if (mark)
        opts->flags |= PM_IMPORT_MARK_MISSING_LEFT;
}

static void set_size(lua_State *L, const char *key, size_t value)
{
    lua_pushinteger(L, (lua_Integer)value);
    lua_setfield(L, -2, key);
}

static int return_stats(lua_State *L, pm_lua_session *s, pm_status st,
                        const pm_import_stats *stats)
{
    pm_lua__check(L, s, st);
    lua_createtable(L, 0, 5);
    set_size(L, "rows", stats->rows);
    set_size(L, "people_created", stats->people_created);
    set_size(L, "people_updated", stats->people_updated);
    set_size(L, "people_left", stats->people_left);
    set_size(L, "units_created", stats->units_created);
    return 1;
}

static int import_csv(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    size_t len = 0;
    const char *data = luaL_checklstring(L, 2, &len);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    import_options(L, 3, &opts);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_import_csv(s->session, data, len, &opts, &stats);
    pm_lua__leave(s->db);
    return return_stats(L, s, st, &stats);
}

static int import_csv_file(lua_State *L)
{
    pm_lua_session *s = pm_lua__check_session(L, 1);
    const char *path = pm_lua__check_cstring(L, 2, "path");
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    import_options(L, 3, &opts);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    pm_lua__enter(L, s->db);
    pm_status st = pm_import_csv_file(s->session, path, &opts, &stats);
    pm_lua__leave(s->db);
    return return_stats(L, s, st, &stats);
}

const luaL_Reg pm_lua__org_methods[] = {
    { "create_unit", create_unit },
    { "rename_unit", rename_unit },
    { "move_unit", move_unit },
    { "get_unit", get_unit },
    { "find_unit", find_unit },
    { "unit_path", unit_path },
    { "unit_children", unit_children },
    { "unit_members", unit_members },
    { "set_unit", set_unit },
    { "unit_on", unit_on },
    { "set_manager", set_manager },
    { "manager_on", manager_on },
    { "reports", reports },
    { "is_above", is_above },
    { "import_csv", import_csv },
    { "import_csv_file", import_csv_file },
    { NULL, NULL }
};
