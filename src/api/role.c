/* Roles and their profiles: a role is a name (unique ignoring case) and a
 * description; its profile is one requirement row per competency, giving
 * the level the role asks for. Profiles are read by competency id, the
 * order of the store's (role, competency) index. Who holds a role is in
 * role_assignment.c. */
#include "competency_internal.h"

#include <string.h>

#include "org_internal.h"
#include "../util/text.h"

struct pm_role {
    pm_id id;
    char *name;
    char *description;  /* "" when none */
    pm_requirement *requirements;  /* by competency id; NULL when none */
    size_t count;
};

struct pm_role_iter {
    pm_role *items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "role: out of memory");
}

static int note_found(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1;
}

pm_status pm_role__check(pm_session *s, pm_id role, const char *field)
{
    if (role <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a role id", field,
                             (long long)role);
    pm_id found = 0;
    pm_status st = pm_api__get(s, PM_KIND_ROLE, role, note_found, &found);
    if (st == PM_ENOTFOUND || (st == PM_OK && found == 0))
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: role %lld does not exist", field,
                             (long long)role);
    return st;
}

/* ---- requirements ---- */

typedef struct requirement_list {
    pm_session *s;
    pm_requirement *items;
    size_t count;
    size_t cap;
} requirement_list;

static int append_requirement(const pm_row *row, void *payload)
{
    requirement_list *l = payload;
    if (row->nvalues < PM_REQ_NFIELDS)
        return pm_error__set(&l->s->error, PM_ECORRUPT,
                             "role: stored requirement %lld is too short", (long long)row->id);
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_requirement *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count].competency = pm_value__as_int(&row->values[PM_REQ_COMPETENCY]);
    l->items[l->count].level = (int)pm_value__as_int(&row->values[PM_REQ_LEVEL]);
    l->count++;
    return 0;
}

pm_status pm_role__requirements(pm_requirement **out, size_t *n, pm_session *s, pm_id role)
{
    *out = NULL;
    *n = 0;
    requirement_list l = { s, NULL, 0, 0 };
    pm_value eq[1] = { pm_value__int(role) };
    pm_scan scan = { PM_KIND_ROLE_REQUIREMENT, PM_REQ_BY_ROLE, 1, eq, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(s, &scan, append_requirement, &l);
    if (st != PM_OK) {
        pm__free(l.items);
        return st;
    }
    *out = l.items;
    *n = l.count;
    return PM_OK;
}

/* The stored requirement of role in competency: its row id and level, id 0
 * when there is none. */
typedef struct requirement_row {
    pm_id id;
    int level;
} requirement_row;

static int read_requirement(const pm_row *row, void *payload)
{
    requirement_row *r = payload;
    if (row->nvalues < PM_REQ_NFIELDS)
        return PM_ECORRUPT;
    r->id = row->id;
    r->level = (int)pm_value__as_int(&row->values[PM_REQ_LEVEL]);
    return 1;
}

static pm_status find_requirement(requirement_row *out, pm_session *s, pm_id role,
                                  pm_id competency)
{
    memset(out, 0, sizeof *out);
    pm_value eq[2] = { pm_value__int(role), pm_value__int(competency) };
    pm_scan scan = { PM_KIND_ROLE_REQUIREMENT, PM_REQ_BY_ROLE, 2, eq, NULL, NULL, 0, 1 };
    pm_status st = pm_api__scan(s, &scan, read_requirement, out);
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT, "role: stored requirement is too short");
    return st;
}

/* ---- create ---- */

/* An NFC single-line name that is not only white space, its folded key,
 * and the description (NULL for none), all owned. */
typedef struct role_input {
    char *name, *key, *description;
    size_t name_len, key_len, description_len;
} role_input;

static void input_free(role_input *in)
{
    pm__free(in->name);
    pm__free(in->key);
    pm__free(in->description);
}

static pm_status parse_input(role_input *in, pm_session *s, const char *name, size_t name_len,
                             const char *description, size_t description_len)
{
    memset(in, 0, sizeof *in);
    pm_status st = pm_text__normalize_line(&in->name, &in->name_len, name, name_len, "role.name",
                                           PM_COMPETENCY_NAME_MAX, &s->error);
    if (st == PM_OK)
        st = pm_text__fold(&in->key, &in->key_len, in->name, in->name_len, &s->error);
    if (st == PM_OK)
        st = pm_text__normalize(&in->description, &in->description_len, description,
                                description_len, "role.description", PM_COMPETENCY_TEXT_MAX, 0,
                                &s->error);
    if (st == PM_OK && in->description != NULL && in->description_len == 0) {
        pm__free(in->description);
        in->description = NULL;
    }
    return st;
}

static pm_status check_name_free(pm_session *s, const role_input *in)
{
    pm_value eq[1] = { pm_value__text(in->key, in->key_len) };
    pm_scan scan = { PM_KIND_ROLE, PM_ROLE_BY_NAME_KEY, 1, eq, NULL, NULL, 0, 1 };
    pm_id other = 0;
    pm_status st = pm_api__scan(s, &scan, note_found, &other);
    if (st == PM_OK && other != 0)
        st = pm_error__set(&s->error, PM_ECONFLICT, "role.name: \"%s\" exists (role %lld)",
                           in->name, (long long)other);
    return st;
}

static pm_status insert_role(pm_id *out, pm_session *s, const role_input *in)
{
    pm_value v[PM_ROLE_NFIELDS];
    v[PM_ROLE_NAME] = pm_value__text(in->name, in->name_len);
    v[PM_ROLE_NAME_KEY] = pm_value__text(in->key, in->key_len);
    v[PM_ROLE_DESCRIPTION] = pm_value__text(in->description, in->description_len);
    pm_api__audit_create(s, v, PM_ROLE_CREATED_AT);
    return pm_api__insert(s, PM_KIND_ROLE, v, out);
}

pm_status pm_role_create(pm_id *out, pm_session *s, const char *name, size_t name_len,
                         const char *description, size_t description_len)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_ADMIN, 0);
    if (st != PM_OK)
        return st;
    role_input in;
    st = parse_input(&in, s, name, name_len, description, description_len);
    if (st == PM_OK)
        st = check_name_free(s, &in);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK) {
        input_free(&in);
        return st;
    }
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_role(&id, s, &in));
    input_free(&in);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- profile ---- */

static pm_status write_requirement(pm_session *s, pm_id role, pm_id competency, int level,
                                   const requirement_row *existing)
{
    pm_value v[PM_REQ_NFIELDS];
    v[PM_REQ_ROLE] = pm_value__int(role);
    v[PM_REQ_COMPETENCY] = pm_value__int(competency);
    v[PM_REQ_LEVEL] = pm_value__int(level);
    if (existing->id == 0) {
        pm_id id = 0;
        pm_api__audit_create(s, v, PM_REQ_CREATED_AT);
        return pm_api__insert(s, PM_KIND_ROLE_REQUIREMENT, v, &id);
    }
    pm_api__audit_update(s, v, PM_REQ_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_REQ_LEVEL) | PM_UPDATE_FIELD(PM_REQ_UPDATED_AT)
                      | PM_UPDATE_FIELD(PM_REQ_UPDATED_BY);
    return pm_api__update_fields(s, PM_KIND_ROLE_REQUIREMENT, existing->id, v, fields);
}

pm_status pm_role_require(pm_session *s, pm_id role, pm_id competency, int level)
{
    PM_CHECK_SESSION(s);
    int min_level = 0, max_level = 0;
    requirement_row existing;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_ADMIN, 0);
    if (st == PM_OK)
        st = pm_role__check(s, role, "role");
    if (st == PM_OK)
        st = pm_competency__check(s, competency, "role.competency", &min_level, &max_level);
    if (st == PM_OK)
        st = find_requirement(&existing, s, role, competency);
    if (st != PM_OK)
        return st;
    /* 0 asks for removal only where it cannot be a level of the scale. */
    int removing = level == 0 && min_level > 0;
    if (removing && existing.id == 0)
        return pm_error__set(&s->error, PM_ENOTFOUND,
                             "role.competency: role %lld does not require competency %lld",
                             (long long)role, (long long)competency);
    if (!removing && (level < min_level || level > max_level))
        return pm_error__set(&s->error, PM_EINVAL, "role.level: %d is outside the scale %d to %d",
                             level, min_level, max_level);
    if (!removing && existing.id != 0 && existing.level == level)
        return PM_OK; /* already so: no write, no new audit stamp */
    st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    if (removing)
        return pm_api__finish_one(s, pm_api__remove(s, PM_KIND_ROLE_REQUIREMENT, existing.id));
    return pm_api__finish_one(s, write_requirement(s, role, competency, level, &existing));
}

/* ---- snapshots ---- */

static void role_clear(pm_role *r)
{
    pm__free(r->name);
    pm__free(r->description);
    pm__free(r->requirements);
    memset(r, 0, sizeof *r);
}

typedef struct role_read {
    pm_session *s;
    pm_role *r;
    int found;
} role_read;

static int read_role(const pm_row *row, void *payload)
{
    role_read *rr = payload;
    if (row->nvalues < PM_ROLE_NFIELDS)
        return pm_error__set(&rr->s->error, PM_ECORRUPT, "role: stored role %lld is too short",
                             (long long)row->id);
    pm_role *r = rr->r;
    r->id = row->id;
    r->name = pm_value__text_copy(&row->values[PM_ROLE_NAME]);
    r->description = pm_value__text_copy(&row->values[PM_ROLE_DESCRIPTION]);
    if (r->name == NULL || r->description == NULL) {
        role_clear(r);
        return out_of_memory(rr->s);
    }
    rr->found = 1;
    return 0;
}

pm_status pm_role_get(pm_role **out, pm_session *s, pm_id role)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_READ, 0);
    if (st != PM_OK)
        return st;
    if (role <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "role: %lld is not a role id",
                             (long long)role);
    pm_role *r = pm__calloc(1, sizeof *r);
    if (r == NULL)
        return out_of_memory(s);
    role_read rr = { s, r, 0 };
    st = pm_api__get(s, PM_KIND_ROLE, role, read_role, &rr);
    if (st == PM_ENOTFOUND || (st == PM_OK && !rr.found))
        st = pm_error__set(&s->error, PM_ENOTFOUND, "role: role %lld does not exist",
                           (long long)role);
    if (st == PM_OK)
        st = pm_role__requirements(&r->requirements, &r->count, s, role);
    if (st != PM_OK) {
        pm_role_free(r);
        return st;
    }
    *out = r;
    return PM_OK;
}

void pm_role_free(pm_role *role)
{
    if (role == NULL)
        return;
    role_clear(role);
    pm__free(role);
}

/* ---- lists ---- */

typedef struct role_list {
    pm_session *s;
    pm_role *items;
    size_t count;
    size_t cap;
} role_list;

static int append_role(const pm_row *row, void *payload)
{
    role_list *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_role *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    pm_role *slot = &l->items[l->count];
    memset(slot, 0, sizeof *slot);
    role_read rr = { l->s, slot, 0 };
    int rc = read_role(row, &rr);
    if (rc != 0)
        return rc;
    l->count++;
    return 0;
}

static void free_items(pm_role *items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        role_clear(&items[i]);
    pm__free(items);
}

pm_status pm_role_list(pm_role_iter **out, pm_session *s)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_READ, 0);
    if (st != PM_OK)
        return st;
    role_list l = { s, NULL, 0, 0 };
    pm_scan scan = { PM_KIND_ROLE, PM_ROLE_BY_NAME_KEY, 0, NULL, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, append_role, &l);
    /* Profiles are read after the scan: a scan callback may not call the store. */
    for (size_t i = 0; st == PM_OK && i < l.count; i++)
        st = pm_role__requirements(&l.items[i].requirements, &l.items[i].count, s,
                                   l.items[i].id);
    pm_role_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = out_of_memory(s);
    if (st != PM_OK) {
        free_items(l.items, l.count);
        return st;
    }
    it->items = l.items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_role_iter_next(pm_role **out, pm_role_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_role_iter_free(pm_role_iter *iter)
{
    if (iter == NULL)
        return;
    free_items(iter->items, iter->count);
    pm__free(iter);
}

/* ---- accessors ---- */

pm_id pm_role_id(const pm_role *role)
{
    return role ? role->id : 0;
}

const char *pm_role_name(const pm_role *role)
{
    return role ? role->name : NULL;
}

const char *pm_role_description(const pm_role *role)
{
    return role ? role->description : NULL;
}

size_t pm_role_requirement_count(const pm_role *role)
{
    return role ? role->count : 0;
}

pm_id pm_role_requirement_competency(const pm_role *role, size_t i)
{
    return role && i < role->count ? role->requirements[i].competency : 0;
}

int pm_role_requirement_level(const pm_role *role, size_t i)
{
    return role && i < role->count ? role->requirements[i].level : 0;
}
