/* Units: a tree of named organisational units. Names are unique among
 * siblings ignoring case; the store's unique index (parent, name_key) is the
 * last line of defence, a scan before each write gives the message. */
#include "org_internal.h"

#include <string.h>

#include "../core/org.h"
#include "../util/buf.h"
#include "../util/text.h"

struct pm_unit_iter {
    pm_unit *units;   /* owned snapshots, handed out borrowed */
    size_t count;
    size_t cap;
    size_t next;
};

/* A unit as stored, with the audit fields an update must carry over. */
typedef struct unit_row {
    pm_session *s;
    int found;
    pm_unit unit;
    pm_time created_at;
    pm_id created_by;
} unit_row;

static void unit_clear(pm_unit *u)
{
    pm__free(u->name);
    pm__free(u->name_key);
    u->name = u->name_key = NULL;
}

static pm_status unit_fill(pm_unit *u, pm_session *s, const pm_row *row)
{
    const pm_value *v = row->values;
    u->id = row->id;
    u->parent = v[PM_UNIT_PARENT].v.i;
    u->name = pm__strndup(v[PM_UNIT_NAME].v.b.data, v[PM_UNIT_NAME].v.b.len);
    u->name_key = pm__strndup(v[PM_UNIT_NAME_KEY].v.b.data, v[PM_UNIT_NAME_KEY].v.b.len);
    if (u->name == NULL || u->name_key == NULL) {
        unit_clear(u);
        return pm_error__set(&s->error, PM_ENOMEM, "unit: out of memory");
    }
    return PM_OK;
}

static int read_unit_row(const pm_row *row, void *payload)
{
    unit_row *r = payload;
    pm_status st = unit_fill(&r->unit, r->s, row);
    if (st != PM_OK)
        return st;
    r->found = 1;
    r->created_at = row->values[PM_UNIT_CREATED_AT].v.i;
    r->created_by = row->values[PM_UNIT_CREATED_BY].v.i;
    return 0;
}

static pm_status check_unit_id(pm_session *s, pm_id id, const char *field)
{
    if (id > 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a unit id", field, (long long)id);
}

/* Reads a unit with its audit fields; the caller clears r->unit. */
static pm_status load_row(unit_row *r, pm_session *s, pm_id id, const char *field)
{
    memset(r, 0, sizeof *r);
    r->s = s;
    pm_status st = check_unit_id(s, id, field);
    if (st != PM_OK)
        return st;
    st = pm_api__get(s, PM_KIND_UNIT, id, read_unit_row, r);
    if (st == PM_ENOTFOUND || (st == PM_OK && !r->found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: unit %lld does not exist", field,
                             (long long)id);
    return st;
}

pm_status pm_unit__load(pm_unit **out, pm_session *s, pm_id id)
{
    unit_row r;
    pm_status st = load_row(&r, s, id, "unit");
    if (st != PM_OK)
        return st;
    pm_unit *u = pm__malloc(sizeof *u);
    if (u == NULL) {
        unit_clear(&r.unit);
        return pm_error__set(&s->error, PM_ENOMEM, "unit: out of memory");
    }
    *u = r.unit;
    *out = u;
    return PM_OK;
}

static int note_found(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 1;
}

pm_status pm_unit__check_exists(pm_session *s, pm_id id, const char *field)
{
    pm_status st = check_unit_id(s, id, field);
    if (st != PM_OK)
        return st;
    int found = 0;
    st = pm_api__get(s, PM_KIND_UNIT, id, note_found, &found);
    if (st == PM_ENOTFOUND || (st == PM_OK && !found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: unit %lld does not exist", field,
                             (long long)id);
    return st;
}

/* The first sibling (other than self) that holds a folded name. */
typedef struct sibling_search {
    pm_id self;
    pm_id found;
} sibling_search;

static int note_sibling(const pm_row *row, void *payload)
{
    sibling_search *search = payload;
    if (row->id == search->self)
        return 0;
    search->found = row->id;
    return 1;
}

static pm_status find_by_key(pm_id *out, pm_session *s, pm_id parent, const char *key,
                             size_t key_len, pm_id self)
{
    pm_value eq[2] = { pm_value__int(parent), pm_value__text(key, key_len) };
    pm_scan scan = { PM_KIND_UNIT, PM_UNIT_BY_PARENT_NAME, 2, eq, NULL, NULL, 0, 2 };
    sibling_search search = { self, 0 };
    pm_status st = pm_api__scan(s, &scan, note_sibling, &search);
    *out = search.found;
    return st;
}

pm_status pm_unit__find_child(pm_id *out, pm_session *s, pm_id parent, const char *name,
                              size_t len)
{
    char *key = NULL;
    size_t key_len = 0;
    pm_status st = pm_text__fold(&key, &key_len, name, len, &s->error);
    if (st != PM_OK)
        return st;
    pm_id found = 0;
    st = find_by_key(&found, s, parent, key, key_len, 0);
    pm__free(key);
    if (st != PM_OK)
        return st;
    if (found == 0)
        return PM_ENOTFOUND;
    *out = found;
    return PM_OK;
}

static pm_status check_name_free(pm_session *s, pm_id parent, const char *name,
                                 const char *key, size_t key_len, pm_id self)
{
    pm_id other = 0;
    pm_status st = find_by_key(&other, s, parent, key, key_len, self);
    if (st != PM_OK || other == 0)
        return st;
    if (parent == 0)
        return pm_error__set(&s->error, PM_ECONFLICT,
                             "unit.name: '%s' already exists at the top level", name);
    return pm_error__set(&s->error, PM_ECONFLICT, "unit.name: '%s' already exists under unit %lld",
                         name, (long long)parent);
}

/* A validated unit name and its search key, both owned. */
typedef struct unit_name {
    char *name;
    size_t len;
    char *key;
    size_t key_len;
} unit_name;

static void unit_name_free(unit_name *n)
{
    pm__free(n->name);
    pm__free(n->key);
}

static pm_status unit_name_parse(unit_name *out, pm_session *s, const char *text, size_t len)
{
    memset(out, 0, sizeof *out);
    pm_status st = pm_text__normalize(&out->name, &out->len, text, len, "unit.name",
                                      PM_UNIT_NAME_MAX, PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE,
                                      &s->error);
    if (st != PM_OK)
        return st;
    if (memchr(out->name, '/', out->len) != NULL) {
        unit_name_free(out);
        return pm_error__set(&s->error, PM_EINVAL,
                             "unit.name: must not contain '/' (it separates the names in a path)");
    }
    st = pm_text__fold(&out->key, &out->key_len, out->name, out->len, &s->error);
    if (st != PM_OK)
        unit_name_free(out);
    return st;
}

static void unit_values(pm_value *values, const unit_name *n, pm_id parent)
{
    values[PM_UNIT_NAME] = pm_value__text(n->name, n->len);
    values[PM_UNIT_NAME_KEY] = pm_value__text(n->key, n->key_len);
    values[PM_UNIT_PARENT] = pm_value__int(parent);
}

pm_status pm_unit__insert(pm_id *out, pm_session *s, const pm_unit_opts *opts)
{
    pm_status st = pm_api__check_version(s, "unit_opts", opts->version, PM_UNIT_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    if (opts->parent < 0)
        return pm_error__set(&s->error, PM_EINVAL, "unit.parent: %lld is not a unit id",
                             (long long)opts->parent);
    unit_name n;
    st = unit_name_parse(&n, s, opts->name, opts->name_len);
    if (st != PM_OK)
        return st;
    if (opts->parent != 0)
        st = pm_unit__check_exists(s, opts->parent, "unit.parent");
    if (st == PM_OK)
        st = check_name_free(s, opts->parent, n.name, n.key, n.key_len, 0);
    if (st == PM_OK) {
        pm_value values[PM_UNIT_NFIELDS];
        unit_values(values, &n, opts->parent);
        pm_api__audit_create(s, values, PM_UNIT_CREATED_AT);
        pm_id id = 0;
        st = pm_api__insert(s, PM_KIND_UNIT, values, &id);
        if (st == PM_OK && out != NULL)
            *out = id;
    }
    unit_name_free(&n);
    return st;
}

/* Rewrites a stored unit with a new name and parent, keeping who created it. */
static pm_status unit_rewrite(pm_session *s, const unit_row *r, const unit_name *n, pm_id parent)
{
    pm_value values[PM_UNIT_NFIELDS];
    unit_values(values, n, parent);
    values[PM_UNIT_CREATED_AT] = pm_value__int(r->created_at);
    values[PM_UNIT_CREATED_BY] = pm_value__int(r->created_by);
    pm_api__audit_update(s, values, PM_UNIT_CREATED_AT);
    return pm_api__update(s, PM_KIND_UNIT, r->unit.id, values);
}

pm_status pm_unit_opts_init(pm_unit_opts *opts, unsigned int version)
{
    static const pm_unit_opts defaults = PM_UNIT_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_UNIT_OPTS_VERSION);
}

pm_status pm_unit_create(pm_id *out, pm_session *s, const pm_unit_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, "unit_opts", opts->version, PM_UNIT_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ADMIN_ORG, 0);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish_one(s, pm_unit__insert(&id, s, opts)); /* one insert, last */
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

static pm_status rename_in(pm_session *s, pm_id unit, const char *name, size_t name_len)
{
    unit_row r;
    pm_status st = load_row(&r, s, unit, "unit");
    if (st != PM_OK)
        return st;
    unit_name n;
    st = unit_name_parse(&n, s, name, name_len);
    if (st == PM_OK) {
        st = check_name_free(s, r.unit.parent, n.name, n.key, n.key_len, unit);
        if (st == PM_OK)
            st = unit_rewrite(s, &r, &n, r.unit.parent);
        unit_name_free(&n);
    }
    unit_clear(&r.unit);
    return st;
}

pm_status pm_unit_rename(pm_session *s, pm_id unit, const char *name, size_t name_len)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_unit_id(s, unit, "unit");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ADMIN_ORG, 0);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, rename_in(s, unit, name, name_len)); /* one update, last */
}

/* "The parent of a unit", for walks up the tree. */
typedef struct unit_walk {
    pm_session *s;
    pm_id first;     /* the unit the walk starts at: missing means "not found" */
    unit_row row;    /* the last unit read */
} unit_walk;

static pm_status unit_parent_of(pm_id *parent, pm_id node, void *payload)
{
    unit_walk *w = payload;
    unit_clear(&w->row.unit);
    memset(&w->row, 0, sizeof w->row);
    w->row.s = w->s;
    pm_status st = pm_api__get(w->s, PM_KIND_UNIT, node, read_unit_row, &w->row);
    if (st == PM_ENOTFOUND || (st == PM_OK && !w->row.found)) {
        if (node == w->first)
            return pm_error__set(&w->s->error, PM_ENOTFOUND, "unit: unit %lld does not exist",
                                 (long long)node);
        return pm_error__set(&w->s->error, PM_ECORRUPT,
                             "unit.parent: unit %lld is a parent but does not exist; the store is damaged",
                             (long long)node);
    }
    if (st != PM_OK)
        return st;
    *parent = w->row.unit.parent;
    return PM_OK;
}

static pm_status check_not_below(pm_session *s, pm_id unit, pm_id parent)
{
    if (parent == unit)
        return pm_error__set(&s->error, PM_ECYCLE, "unit.parent: unit %lld cannot be its own parent",
                             (long long)unit);
    unit_walk w;
    memset(&w, 0, sizeof w);
    w.s = s;
    w.first = parent;
    int below = 0;
    pm_status st = pm_org__reaches(&below, parent, unit, unit_parent_of, &w, "unit.parent",
                                   &s->error);
    unit_clear(&w.row.unit);
    if (st == PM_OK && below)
        return pm_error__set(&s->error, PM_ECYCLE,
                             "unit.parent: unit %lld is below unit %lld; a cycle is refused",
                             (long long)parent, (long long)unit);
    return st;
}

static pm_status move_in(pm_session *s, pm_id unit, pm_id parent)
{
    unit_row r;
    pm_status st = load_row(&r, s, unit, "unit");
    if (st != PM_OK)
        return st;
    if (parent != 0)
        st = pm_unit__check_exists(s, parent, "unit.parent");
    if (st == PM_OK && parent != 0)
        st = check_not_below(s, unit, parent);
    if (st == PM_OK)
        st = check_name_free(s, parent, r.unit.name, r.unit.name_key, strlen(r.unit.name_key),
                             unit);
    if (st == PM_OK) {
        unit_name n = { r.unit.name, strlen(r.unit.name), r.unit.name_key,
                        strlen(r.unit.name_key) };
        st = unit_rewrite(s, &r, &n, parent);
    }
    unit_clear(&r.unit);
    return st;
}

pm_status pm_unit_move(pm_session *s, pm_id unit, pm_id parent)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_unit_id(s, unit, "unit");
    if (st == PM_OK && parent < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "unit.parent: %lld is not a unit id",
                           (long long)parent);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ADMIN_ORG, 0);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, move_in(s, unit, parent));
}

pm_status pm_unit_get(pm_unit **out, pm_session *s, pm_id unit)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_unit_id(s, unit, "unit");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, 0);
    if (st == PM_OK)
        st = pm_unit__load(out, s, unit);
    return st;
}

/* Resolves the '/'-separated names of an NFC path, one level at a time. */
static pm_status find_path(pm_id *out, pm_session *s, const char *path, size_t len)
{
    pm_id parent = 0;
    size_t begin = 0;
    while (begin <= len) {
        const char *slash = memchr(path + begin, '/', len - begin);
        size_t end = slash ? (size_t)(slash - path) : len;
        if (end == begin)
            return pm_error__set(&s->error, PM_EINVAL,
                                 "unit.path: '%s' has an empty name at byte %zu", path, begin);
        pm_id child = 0;
        pm_status st = pm_unit__find_child(&child, s, parent, path + begin, end - begin);
        if (st == PM_ENOTFOUND && begin == 0)
            return pm_error__set(&s->error, PM_ENOTFOUND, "unit.path: no top-level unit '%.*s'",
                                 (int)(end - begin), path + begin);
        if (st == PM_ENOTFOUND)
            return pm_error__set(&s->error, PM_ENOTFOUND, "unit.path: no unit '%.*s' under '%.*s'",
                                 (int)(end - begin), path + begin, (int)(begin - 1), path);
        if (st != PM_OK)
            return st;
        parent = child;
        begin = end + 1;
    }
    *out = parent;
    return PM_OK;
}

pm_status pm_unit_find(pm_id *out, pm_session *s, const char *path)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    PM_CHECK_ARG(s, path != NULL, "unit.path");
    *out = 0;
    pm_status st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, 0);
    if (st != PM_OK)
        return st;
    char *norm = NULL;
    size_t len = 0;
    st = pm_text__normalize(&norm, &len, path, 0, "unit.path", 0,
                            PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE, &s->error);
    if (st != PM_OK)
        return st;
    st = find_path(out, s, norm, len);
    pm__free(norm);
    return st;
}

/* Collects the names from a unit up to the top, for pm_unit_path(). */
typedef struct path_walk {
    unit_walk walk;
    pm_buf names;        /* each name followed by a NUL, deepest first */
    size_t count;
} path_walk;

static pm_status collect_name(pm_id *parent, pm_id node, void *payload)
{
    path_walk *p = payload;
    pm_status st = unit_parent_of(parent, node, &p->walk);
    if (st != PM_OK)
        return st;
    const char *name = p->walk.row.unit.name;
    if (pm_buf__append(&p->names, name, strlen(name) + 1) != PM_OK)
        return pm_error__set(&p->walk.s->error, PM_ENOMEM, "unit: out of memory");
    p->count++;
    return PM_OK;
}

/* Joins the collected names top first: they were gathered deepest first. */
static pm_status join_reversed(pm_buf *out, const pm_buf *names, size_t count)
{
    const char **parts = pm__calloc(count, sizeof *parts);
    if (parts == NULL)
        return PM_ENOMEM;
    const char *at = names->data;
    for (size_t i = 0; i < count; i++) {
        parts[i] = at;
        at += strlen(at) + 1;
    }
    pm_status st = PM_OK;
    for (size_t i = count; i > 0 && st == PM_OK; i--) {
        if (i != count)
            st = pm_buf__append(out, "/", 1);
        if (st == PM_OK)
            st = pm_buf__appends(out, parts[i - 1]);
    }
    pm__free(parts);
    return st;
}

pm_status pm_unit_path(char **out, pm_session *s, pm_id unit)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_unit_id(s, unit, "unit");
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, 0);
    if (st != PM_OK)
        return st;
    path_walk p;
    memset(&p, 0, sizeof p);
    p.walk.s = s;
    p.walk.first = unit;
    int reached_none = 0;
    /* Target 0 is never a unit: the walk goes to the top, visiting each. */
    st = pm_org__reaches(&reached_none, unit, 0, collect_name, &p, "unit.parent", &s->error);
    unit_clear(&p.walk.row.unit);
    pm_buf path = PM_BUF_INIT;
    if (st == PM_OK && join_reversed(&path, &p.names, p.count) != PM_OK)
        st = pm_error__set(&s->error, PM_ENOMEM, "unit: out of memory");
    pm_buf__free(&p.names);
    if (st == PM_OK) {
        *out = pm_buf__detach(&path);
        if (*out == NULL)
            st = pm_error__set(&s->error, PM_ENOMEM, "unit: out of memory");
    }
    pm_buf__free(&path);
    return st;
}

static void iter_free_units(pm_unit_iter *iter)
{
    for (size_t i = 0; i < iter->count; i++)
        unit_clear(&iter->units[i]);
    pm__free(iter->units);
}

typedef struct children_scan {
    pm_session *s;
    pm_unit_iter *iter;
} children_scan;

static int collect_child(const pm_row *row, void *payload)
{
    children_scan *c = payload;
    pm_unit_iter *iter = c->iter;
    if (iter->count == iter->cap) {
        size_t cap = iter->cap ? iter->cap * 2 : 8;
        pm_unit *units = pm__realloc(iter->units, cap * sizeof *units);
        if (units == NULL)
            return pm_error__set(&c->s->error, PM_ENOMEM, "unit: out of memory");
        iter->units = units;
        iter->cap = cap;
    }
    pm_status st = unit_fill(&iter->units[iter->count], c->s, row);
    if (st != PM_OK)
        return st;
    iter->count++;
    return 0;
}

pm_status pm_unit_children(pm_unit_iter **out, pm_session *s, pm_id parent)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = PM_OK;
    if (parent < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "unit.parent: %lld is not a unit id",
                           (long long)parent);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, 0);
    if (st == PM_OK && parent != 0)
        st = pm_unit__check_exists(s, parent, "unit.parent");
    if (st != PM_OK)
        return st;
    pm_unit_iter *iter = pm__calloc(1, sizeof *iter);
    if (iter == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "unit: out of memory");
    pm_value eq[1] = { pm_value__int(parent) };
    pm_scan scan = { PM_KIND_UNIT, PM_UNIT_BY_PARENT_NAME, 1, eq, NULL, NULL, 0, 0 };
    children_scan c = { s, iter };
    st = pm_api__scan(s, &scan, collect_child, &c);
    if (st != PM_OK) {
        pm_unit_iter_free(iter);
        return st;
    }
    *out = iter;
    return PM_OK;
}

pm_status pm_unit_iter_next(pm_unit **out, pm_unit_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    if (iter->next >= iter->count) {
        *out = NULL;
        return PM_ITEROVER;
    }
    *out = &iter->units[iter->next++];
    return PM_OK;
}

void pm_unit_iter_free(pm_unit_iter *iter)
{
    if (iter == NULL)
        return;
    iter_free_units(iter);
    pm__free(iter);
}

void pm_unit_free(pm_unit *unit)
{
    if (unit == NULL)
        return;
    unit_clear(unit);
    pm__free(unit);
}

pm_id pm_unit_id(const pm_unit *unit)
{
    return unit ? unit->id : 0;
}

const char *pm_unit_name(const pm_unit *unit)
{
    return unit ? unit->name : NULL;
}

pm_id pm_unit_parent(const pm_unit *unit)
{
    return unit ? unit->parent : 0;
}
