/* Competencies: a name within a category, a description, and the scale its
 * levels are on. Names are unique within a category ignoring case, and
 * lists run by category, then name, both compared folded: the store's
 * index (category_key, name_key) gives that order and is unique, the last
 * line of defence behind the scan that words the conflict. Also the
 * existence check the other development files make of a competency
 * (competency_internal.h). */
#include "competency_internal.h"

#include <string.h>

#include "org_internal.h"
#include "../util/text.h"

#define COMPETENCY_OPTS "competency_opts"

struct pm_competency {
    pm_id id;
    char *name;
    char *category;
    char *description;  /* "" when none */
    pm_id scale;
};

struct pm_competency_iter {
    pm_competency *items;
    size_t count;
    size_t next;
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "competency: out of memory");
}

pm_status pm_competency_opts_init(pm_competency_opts *opts, unsigned int version)
{
    static const pm_competency_opts defaults = PM_COMPETENCY_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_COMPETENCY_OPTS_VERSION);
}

/* ---- scales and existence ---- */

typedef struct range_read {
    int found;
    int min_level;
    int max_level;
} range_read;

static int read_range(const pm_row *row, void *payload)
{
    range_read *r = payload;
    if (row->nvalues < PM_SCALE_NFIELDS)
        return PM_ECORRUPT;
    r->min_level = (int)pm_value__as_int(&row->values[PM_SCALE_MIN_LEVEL]);
    r->max_level = (int)pm_value__as_int(&row->values[PM_SCALE_MAX_LEVEL]);
    r->found = 1;
    return 0;
}

/* Reads scale's range; *found 0 when there is no such scale. */
static pm_status scale_range(range_read *out, pm_session *s, pm_id scale)
{
    memset(out, 0, sizeof *out);
    pm_status st = pm_api__get(s, PM_KIND_SCALE, scale, read_range, out);
    if (st == PM_ENOTFOUND)
        return PM_OK;
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT, "scale: stored scale %lld is too short",
                             (long long)scale);
    return st;
}

static pm_status check_scale(pm_session *s, pm_id scale, const char *field)
{
    if (scale <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a scale id", field,
                             (long long)scale);
    range_read r;
    pm_status st = scale_range(&r, s, scale);
    if (st == PM_OK && !r.found)
        st = pm_error__set(&s->error, PM_ENOTFOUND, "%s: scale %lld does not exist", field,
                           (long long)scale);
    return st;
}

static int read_scale_id(const pm_row *row, void *payload)
{
    if (row->nvalues < PM_COMP_NFIELDS)
        return PM_ECORRUPT;
    *(pm_id *)payload = pm_value__as_int(&row->values[PM_COMP_SCALE]);
    return 0;
}

pm_status pm_competency__check(pm_session *s, pm_id competency, const char *field,
                               int *min_level, int *max_level)
{
    if (competency <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a competency id", field,
                             (long long)competency);
    pm_id scale = 0;
    pm_status st = pm_api__get(s, PM_KIND_COMPETENCY, competency, read_scale_id, &scale);
    if (st == PM_ENOTFOUND || (st == PM_OK && scale == 0))
        return pm_error__set(&s->error, PM_ENOTFOUND, "%s: competency %lld does not exist",
                             field, (long long)competency);
    if (st == PM_ECORRUPT && s->error.status == PM_OK)
        return pm_error__set(&s->error, PM_ECORRUPT,
                             "competency: stored competency %lld is too short",
                             (long long)competency);
    if (st != PM_OK || (min_level == NULL && max_level == NULL))
        return st;
    range_read r;
    st = scale_range(&r, s, scale);
    if (st == PM_OK && !r.found)
        st = pm_error__set(&s->error, PM_ECORRUPT,
                           "competency: competency %lld is on scale %lld, which does not exist",
                           (long long)competency, (long long)scale);
    if (st != PM_OK)
        return st;
    if (min_level != NULL)
        *min_level = r.min_level;
    if (max_level != NULL)
        *max_level = r.max_level;
    return PM_OK;
}

/* ---- create ---- */

/* The validated fields, every string owned and NFC; description NULL for none. */
typedef struct competency_input {
    char *name, *name_key, *category, *category_key, *description;
    size_t name_len, name_key_len, category_len, category_key_len, description_len;
} competency_input;

static void input_free(competency_input *in)
{
    pm__free(in->name);
    pm__free(in->name_key);
    pm__free(in->category);
    pm__free(in->category_key);
    pm__free(in->description);
}

/* An NFC single-line name that is not only white space, and its folded key. */
static pm_status parse_name(char **out, size_t *len, char **key, size_t *key_len,
                            pm_session *s, const char *text, size_t text_len, const char *field)
{
    pm_status st = pm_text__normalize_line(out, len, text, text_len, field,
                                           PM_COMPETENCY_NAME_MAX, &s->error);
    if (st == PM_OK)
        st = pm_text__fold(key, key_len, *out, *len, &s->error);
    return st;
}

static pm_status parse_input(competency_input *in, pm_session *s, const pm_competency_opts *o)
{
    memset(in, 0, sizeof *in);
    pm_status st = parse_name(&in->name, &in->name_len, &in->name_key, &in->name_key_len, s,
                              o->name, o->name_len, "competency.name");
    if (st == PM_OK)
        st = parse_name(&in->category, &in->category_len, &in->category_key,
                        &in->category_key_len, s, o->category, o->category_len,
                        "competency.category");
    if (st == PM_OK)
        st = pm_text__normalize(&in->description, &in->description_len, o->description,
                                o->description_len, "competency.description",
                                PM_COMPETENCY_TEXT_MAX, 0, &s->error);
    if (st == PM_OK && in->description != NULL && in->description_len == 0) {
        pm__free(in->description);
        in->description = NULL;
    }
    return st;
}

static int note_found(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1;
}

static pm_status check_name_free(pm_session *s, const competency_input *in)
{
    pm_value eq[2] = { pm_value__text(in->category_key, in->category_key_len),
                       pm_value__text(in->name_key, in->name_key_len) };
    pm_scan scan = { PM_KIND_COMPETENCY, PM_COMP_BY_CATEGORY_NAME, 2, eq, NULL, NULL, 0, 1 };
    pm_id other = 0;
    pm_status st = pm_api__scan(s, &scan, note_found, &other);
    if (st == PM_OK && other != 0)
        st = pm_error__set(&s->error, PM_ECONFLICT,
                           "competency.name: \"%s\" exists in category \"%s\" (competency %lld)",
                           in->name, in->category, (long long)other);
    return st;
}

static pm_status insert_competency(pm_id *out, pm_session *s, const competency_input *in,
                                   pm_id scale)
{
    pm_value v[PM_COMP_NFIELDS];
    v[PM_COMP_NAME] = pm_value__text(in->name, in->name_len);
    v[PM_COMP_NAME_KEY] = pm_value__text(in->name_key, in->name_key_len);
    v[PM_COMP_CATEGORY] = pm_value__text(in->category, in->category_len);
    v[PM_COMP_CATEGORY_KEY] = pm_value__text(in->category_key, in->category_key_len);
    v[PM_COMP_DESCRIPTION] = pm_value__text(in->description, in->description_len);
    v[PM_COMP_SCALE] = pm_value__int(scale);
    pm_api__audit_create(s, v, PM_COMP_CREATED_AT);
    return pm_api__insert(s, PM_KIND_COMPETENCY, v, out);
}

pm_status pm_competency_create(pm_id *out, pm_session *s, const pm_competency_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_status st = pm_api__check_version(s, COMPETENCY_OPTS, opts->version,
                                         PM_COMPETENCY_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_FRAMEWORK_ADMIN, 0);
    if (st != PM_OK)
        return st;
    competency_input in;
    st = parse_input(&in, s, opts);
    if (st == PM_OK)
        st = check_scale(s, opts->scale, "competency.scale");
    if (st == PM_OK)
        st = check_name_free(s, &in);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK) {
        input_free(&in);
        return st;
    }
    pm_id id = 0;
    st = pm_api__finish_one(s, insert_competency(&id, s, &in, opts->scale));
    input_free(&in);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- snapshots ---- */

static void competency_clear(pm_competency *c)
{
    pm__free(c->name);
    pm__free(c->category);
    pm__free(c->description);
    memset(c, 0, sizeof *c);
}

typedef struct competency_read {
    pm_session *s;
    pm_competency *c;  /* the slot to fill */
    int found;
} competency_read;

static int read_competency(const pm_row *row, void *payload)
{
    competency_read *r = payload;
    if (row->nvalues < PM_COMP_NFIELDS)
        return pm_error__set(&r->s->error, PM_ECORRUPT,
                             "competency: stored competency %lld is too short",
                             (long long)row->id);
    pm_competency *c = r->c;
    c->id = row->id;
    c->scale = pm_value__as_int(&row->values[PM_COMP_SCALE]);
    c->name = pm_value__text_copy(&row->values[PM_COMP_NAME]);
    c->category = pm_value__text_copy(&row->values[PM_COMP_CATEGORY]);
    c->description = pm_value__text_copy(&row->values[PM_COMP_DESCRIPTION]);
    if (c->name == NULL || c->category == NULL || c->description == NULL) {
        competency_clear(c);
        return out_of_memory(r->s);
    }
    r->found = 1;
    return 0;
}

pm_status pm_competency_get(pm_competency **out, pm_session *s, pm_id competency)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_READ, 0);
    if (st != PM_OK)
        return st;
    if (competency <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "competency: %lld is not a competency id",
                             (long long)competency);
    pm_competency *c = pm__calloc(1, sizeof *c);
    if (c == NULL)
        return out_of_memory(s);
    competency_read r = { s, c, 0 };
    st = pm_api__get(s, PM_KIND_COMPETENCY, competency, read_competency, &r);
    if (st == PM_ENOTFOUND || (st == PM_OK && !r.found))
        st = pm_error__set(&s->error, PM_ENOTFOUND, "competency: competency %lld does not exist",
                           (long long)competency);
    if (st != PM_OK) {
        pm_competency_free(c);
        return st;
    }
    *out = c;
    return PM_OK;
}

void pm_competency_free(pm_competency *competency)
{
    if (competency == NULL)
        return;
    competency_clear(competency);
    pm__free(competency);
}

/* ---- lists ---- */

typedef struct competency_list {
    pm_session *s;
    pm_competency *items;
    size_t count;
    size_t cap;
} competency_list;

static int append_competency(const pm_row *row, void *payload)
{
    competency_list *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_competency *items = pm__realloc(l->items, cap * sizeof *items);
        if (items == NULL)
            return out_of_memory(l->s);
        l->items = items;
        l->cap = cap;
    }
    pm_competency *slot = &l->items[l->count];
    memset(slot, 0, sizeof *slot);
    competency_read r = { l->s, slot, 0 };
    int rc = read_competency(row, &r);
    if (rc != 0)
        return rc;
    l->count++;
    return 0;
}

static void free_items(pm_competency *items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        competency_clear(&items[i]);
    pm__free(items);
}

/* The filter is folded as names are, so "leadership" lists "Leadership". */
static pm_status category_key(char **key, size_t *key_len, pm_session *s, const char *category)
{
    char *norm = NULL;
    size_t len = 0;
    pm_status st = pm_text__normalize(&norm, &len, category, 0, "category", 0, 0, &s->error);
    if (st == PM_OK)
        st = pm_text__fold(key, key_len, norm, len, &s->error);
    pm__free(norm);
    return st;
}

pm_status pm_competency_list(pm_competency_iter **out, pm_session *s, const char *category)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_READ, 0);
    if (st != PM_OK)
        return st;
    char *key = NULL;
    size_t key_len = 0;
    if (category != NULL)
        st = category_key(&key, &key_len, s, category);
    if (st != PM_OK)
        return st;
    pm_value eq[1] = { pm_value__text(key, key_len) };
    pm_scan scan = { PM_KIND_COMPETENCY, PM_COMP_BY_CATEGORY_NAME, category != NULL ? 1u : 0u,
                     eq, NULL, NULL, 0, 0 };
    competency_list l = { s, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, append_competency, &l);
    pm__free(key);
    pm_competency_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
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

pm_status pm_competency_iter_next(pm_competency **out, pm_competency_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = &iter->items[iter->next++];
    return PM_OK;
}

void pm_competency_iter_free(pm_competency_iter *iter)
{
    if (iter == NULL)
        return;
    free_items(iter->items, iter->count);
    pm__free(iter);
}

/* ---- accessors ---- */

pm_id pm_competency_id(const pm_competency *competency)
{
    return competency ? competency->id : 0;
}

const char *pm_competency_name(const pm_competency *competency)
{
    return competency ? competency->name : NULL;
}

const char *pm_competency_category(const pm_competency *competency)
{
    return competency ? competency->category : NULL;
}

const char *pm_competency_description(const pm_competency *competency)
{
    return competency ? competency->description : NULL;
}

pm_id pm_competency_scale(const pm_competency *competency)
{
    return competency ? competency->scale : 0;
}
