/* Proficiency scales: a named range of levels, each with a name and an
 * optional description. A scale is one scale row plus one row per level,
 * written together; names are unique ignoring case (the store's unique
 * index on name_key is the last line of defence, a scan before the write
 * gives the message). Scales are never changed once made: competencies and
 * assessments hold levels of them. */
#include "competency_internal.h"

#include <stdio.h>
#include <string.h>

#include "org_internal.h"
#include "../util/text.h"

#define SCALE_OPTS "scale_opts"
/* The widest range: levels are small whole numbers people pick from. */
#define LEVEL_LOWEST 0
#define LEVEL_HIGHEST 100

struct pm_scale {
    pm_id id;
    char *name;
    int min_level;
    int max_level;
    char **level_names;         /* max_level - min_level + 1 */
    char **level_descriptions;  /* as many; an entry is NULL when none */
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "scale: out of memory");
}

pm_status pm_scale_opts_init(pm_scale_opts *opts, unsigned int version)
{
    static const pm_scale_opts defaults = PM_SCALE_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_SCALE_OPTS_VERSION);
}

/* ---- checks ---- */

static pm_status check_range(pm_session *s, int min_level, int max_level)
{
    if (min_level < LEVEL_LOWEST || min_level > LEVEL_HIGHEST)
        return pm_error__set(&s->error, PM_EINVAL, "scale.min_level: %d is outside %d to %d",
                             min_level, LEVEL_LOWEST, LEVEL_HIGHEST);
    if (max_level <= min_level)
        return pm_error__set(&s->error, PM_EINVAL,
                             "scale.max_level: %d must be above min_level %d", max_level,
                             min_level);
    if (max_level > LEVEL_HIGHEST)
        return pm_error__set(&s->error, PM_EINVAL, "scale.max_level: %d is above %d", max_level,
                             LEVEL_HIGHEST);
    /* Subtracting first: max_level - min_level cannot overflow here. */
    if (max_level - min_level + 1 > PM_SCALE_LEVELS_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "scale.max_level: %d to %d is %d levels; a scale has at most %d",
                             min_level, max_level, max_level - min_level + 1,
                             PM_SCALE_LEVELS_MAX);
    return PM_OK;
}

/* The validated scale: every string owned, NFC. */
typedef struct scale_input {
    char *name;
    size_t name_len;
    char *key;
    size_t key_len;
    int count;
    char *names[PM_SCALE_LEVELS_MAX];
    size_t name_lens[PM_SCALE_LEVELS_MAX];
    char *descriptions[PM_SCALE_LEVELS_MAX];  /* NULL for none */
    size_t description_lens[PM_SCALE_LEVELS_MAX];
} scale_input;

static void input_free(scale_input *in)
{
    pm__free(in->name);
    pm__free(in->key);
    for (int i = 0; i < in->count; i++) {
        pm__free(in->names[i]);
        pm__free(in->descriptions[i]);
    }
}

/* Level names are told apart ignoring case, as people read them. */
static pm_status parse_level_names(scale_input *in, pm_session *s, const pm_scale_opts *o)
{
    char *keys[PM_SCALE_LEVELS_MAX] = { NULL };
    size_t key_lens[PM_SCALE_LEVELS_MAX] = { 0 };
    pm_status st = PM_OK;
    char field[64];
    for (int i = 0; st == PM_OK && i < in->count; i++) {
        snprintf(field, sizeof field, "scale.level_names[%d]", i);
        st = pm_text__normalize_line(&in->names[i], &in->name_lens[i], o->level_names[i], 0, field,
                                     PM_COMPETENCY_NAME_MAX, &s->error);
        if (st == PM_OK)
            st = pm_text__fold(&keys[i], &key_lens[i], in->names[i], in->name_lens[i],
                               &s->error);
        for (int j = 0; st == PM_OK && j < i; j++)
            if (key_lens[j] == key_lens[i] && memcmp(keys[j], keys[i], key_lens[i]) == 0)
                st = pm_error__set(&s->error, PM_EINVAL,
                                   "scale.level_names[%d]: \"%s\" repeats level_names[%d]", i,
                                   in->names[i], j);
    }
    for (int i = 0; i < in->count; i++)
        pm__free(keys[i]);
    return st;
}

/* Descriptions may span lines; an empty one is none. */
static pm_status parse_descriptions(scale_input *in, pm_session *s, const pm_scale_opts *o)
{
    if (o->level_descriptions == NULL)
        return PM_OK;
    char field[64];
    for (int i = 0; i < in->count; i++) {
        if (o->level_descriptions[i] == NULL)
            continue;
        snprintf(field, sizeof field, "scale.level_descriptions[%d]", i);
        pm_status st = pm_text__normalize(&in->descriptions[i], &in->description_lens[i],
                                          o->level_descriptions[i], 0, field,
                                          PM_COMPETENCY_TEXT_MAX, 0, &s->error);
        if (st != PM_OK)
            return st;
        if (in->description_lens[i] == 0) {
            pm__free(in->descriptions[i]);
            in->descriptions[i] = NULL;
        }
    }
    return PM_OK;
}

static pm_status parse_input(scale_input *in, pm_session *s, const pm_scale_opts *o)
{
    memset(in, 0, sizeof *in);
    pm_status st = pm_text__normalize_line(&in->name, &in->name_len, o->name, o->name_len,
                                           "scale.name", PM_COMPETENCY_NAME_MAX, &s->error);
    if (st == PM_OK)
        st = pm_text__fold(&in->key, &in->key_len, in->name, in->name_len, &s->error);
    if (st == PM_OK)
        st = check_range(s, o->min_level, o->max_level);
    if (st != PM_OK)
        return st;
    int count = o->max_level - o->min_level + 1;
    if (o->level_names == NULL)
        return pm_error__set(&s->error, PM_EINVAL,
                             "scale.level_names: must not be NULL (give %d names, lowest first)",
                             count);
    in->count = count;
    st = parse_level_names(in, s, o);
    if (st == PM_OK)
        st = parse_descriptions(in, s, o);
    return st;
}

static int note_found(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1;
}

static pm_status check_name_free(pm_session *s, const scale_input *in)
{
    pm_value eq[1] = { pm_value__text(in->key, in->key_len) };
    pm_scan scan = { PM_KIND_SCALE, PM_SCALE_BY_NAME_KEY, 1, eq, NULL, NULL, 0, 1 };
    pm_id other = 0;
    pm_status st = pm_api__scan(s, &scan, note_found, &other);
    if (st == PM_OK && other != 0)
        st = pm_error__set(&s->error, PM_ECONFLICT, "scale.name: \"%s\" exists (scale %lld)",
                           in->name, (long long)other);
    return st;
}

/* ---- create ---- */

static pm_status insert_scale(pm_id *out, pm_session *s, const scale_input *in,
                              const pm_scale_opts *o)
{
    pm_value v[PM_SCALE_NFIELDS];
    v[PM_SCALE_NAME] = pm_value__text(in->name, in->name_len);
    v[PM_SCALE_NAME_KEY] = pm_value__text(in->key, in->key_len);
    v[PM_SCALE_MIN_LEVEL] = pm_value__int(o->min_level);
    v[PM_SCALE_MAX_LEVEL] = pm_value__int(o->max_level);
    pm_api__audit_create(s, v, PM_SCALE_CREATED_AT);
    pm_status st = pm_api__insert(s, PM_KIND_SCALE, v, out);
    for (int i = 0; st == PM_OK && i < in->count; i++) {
        pm_value l[PM_SLEVEL_NFIELDS];
        pm_id level_id = 0;
        l[PM_SLEVEL_SCALE] = pm_value__int(*out);
        l[PM_SLEVEL_VALUE] = pm_value__int(o->min_level + i);
        l[PM_SLEVEL_NAME] = pm_value__text(in->names[i], in->name_lens[i]);
        l[PM_SLEVEL_DESCRIPTION] = pm_value__text(in->descriptions[i], in->description_lens[i]);
        pm_api__audit_create(s, l, PM_SLEVEL_CREATED_AT);
        st = pm_api__insert(s, PM_KIND_SCALE_LEVEL, l, &level_id);
    }
    return st;
}

pm_status pm_scale_create(pm_id *out, pm_session *s, const pm_scale_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_status st = pm_api__check_version(s, SCALE_OPTS, opts->version, PM_SCALE_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_FRAMEWORK_ADMIN, 0);
    if (st != PM_OK)
        return st;
    scale_input in;
    st = parse_input(&in, s, opts);
    if (st == PM_OK)
        st = check_name_free(s, &in);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK) {
        input_free(&in);
        return st;
    }
    pm_id id = 0;
    st = pm_api__finish(s, insert_scale(&id, s, &in, opts));
    input_free(&in);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- read ---- */

static char *row_text(const pm_value *v)
{
    if (v->type != PM_VALUE_TEXT)
        return NULL;
    return pm__strndup(v->v.b.data, v->v.b.len);
}

typedef struct scale_read {
    pm_session *s;
    pm_scale *scale;
    int found;
} scale_read;

static pm_status corrupt(pm_session *s, pm_id id, const char *what)
{
    return pm_error__set(&s->error, PM_ECORRUPT, "scale: stored scale %lld %s", (long long)id,
                         what);
}

static int read_scale(const pm_row *row, void *payload)
{
    scale_read *r = payload;
    pm_scale *sc = r->scale;
    if (row->nvalues < PM_SCALE_NFIELDS)
        return corrupt(r->s, row->id, "has too few fields");
    sc->id = row->id;
    sc->min_level = (int)pm_value__as_int(&row->values[PM_SCALE_MIN_LEVEL]);
    sc->max_level = (int)pm_value__as_int(&row->values[PM_SCALE_MAX_LEVEL]);
    if (sc->min_level < LEVEL_LOWEST || sc->max_level <= sc->min_level
        || sc->max_level > LEVEL_HIGHEST)
        return corrupt(r->s, row->id, "has a bad range");
    sc->name = row_text(&row->values[PM_SCALE_NAME]);
    size_t count = (size_t)(sc->max_level - sc->min_level + 1);
    sc->level_names = pm__calloc(count, sizeof *sc->level_names);
    sc->level_descriptions = pm__calloc(count, sizeof *sc->level_descriptions);
    if (sc->name == NULL || sc->level_names == NULL || sc->level_descriptions == NULL)
        return out_of_memory(r->s);
    r->found = 1;
    return 0;
}

static int read_level(const pm_row *row, void *payload)
{
    scale_read *r = payload;
    pm_scale *sc = r->scale;
    if (row->nvalues < PM_SLEVEL_NFIELDS)
        return corrupt(r->s, sc->id, "has a level row with too few fields");
    int64_t value = pm_value__as_int(&row->values[PM_SLEVEL_VALUE]);
    if (value < sc->min_level || value > sc->max_level)
        return 0; /* not a level of the range: nothing can ask for it */
    size_t i = (size_t)(value - sc->min_level);
    pm__free(sc->level_names[i]);
    pm__free(sc->level_descriptions[i]);
    sc->level_names[i] = row_text(&row->values[PM_SLEVEL_NAME]);
    sc->level_descriptions[i] = NULL;
    if (sc->level_names[i] == NULL)
        return out_of_memory(r->s);
    if (row->values[PM_SLEVEL_DESCRIPTION].type == PM_VALUE_TEXT) {
        sc->level_descriptions[i] = row_text(&row->values[PM_SLEVEL_DESCRIPTION]);
        if (sc->level_descriptions[i] == NULL)
            return out_of_memory(r->s);
    }
    return 0;
}

static pm_status load_scale(pm_scale *sc, pm_session *s, pm_id scale)
{
    if (scale <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "scale: %lld is not a scale id",
                             (long long)scale);
    scale_read r = { s, sc, 0 };
    pm_status st = pm_api__get(s, PM_KIND_SCALE, scale, read_scale, &r);
    if (st == PM_ENOTFOUND || (st == PM_OK && !r.found))
        return pm_error__set(&s->error, PM_ENOTFOUND, "scale: scale %lld does not exist",
                             (long long)scale);
    if (st != PM_OK)
        return st;
    pm_value eq[1] = { pm_value__int(scale) };
    pm_scan scan = { PM_KIND_SCALE_LEVEL, PM_SLEVEL_BY_SCALE, 1, eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, read_level, &r);
    for (int i = 0; st == PM_OK && i <= sc->max_level - sc->min_level; i++)
        if (sc->level_names[i] == NULL)
            st = corrupt(s, scale, "lacks a level");
    return st;
}

pm_status pm_scale_get(pm_scale **out, pm_session *s, pm_id scale)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_FRAMEWORK_READ, 0);
    if (st != PM_OK)
        return st;
    pm_scale *sc = pm__calloc(1, sizeof *sc);
    if (sc == NULL)
        return out_of_memory(s);
    st = load_scale(sc, s, scale);
    if (st != PM_OK) {
        pm_scale_free(sc);
        return st;
    }
    *out = sc;
    return PM_OK;
}

void pm_scale_free(pm_scale *scale)
{
    if (scale == NULL)
        return;
    /* A snapshot whose read failed may hold a partial range: free what is there. */
    if (scale->level_names != NULL || scale->level_descriptions != NULL) {
        int count = scale->max_level - scale->min_level + 1;
        for (int i = 0; i < count; i++) {
            if (scale->level_names != NULL)
                pm__free(scale->level_names[i]);
            if (scale->level_descriptions != NULL)
                pm__free(scale->level_descriptions[i]);
        }
    }
    pm__free(scale->level_names);
    pm__free(scale->level_descriptions);
    pm__free(scale->name);
    pm__free(scale);
}

/* ---- accessors ---- */

pm_id pm_scale_id(const pm_scale *scale)
{
    return scale ? scale->id : 0;
}

const char *pm_scale_name(const pm_scale *scale)
{
    return scale ? scale->name : NULL;
}

int pm_scale_min_level(const pm_scale *scale)
{
    return scale ? scale->min_level : 0;
}

int pm_scale_max_level(const pm_scale *scale)
{
    return scale ? scale->max_level : 0;
}

static int in_scale(const pm_scale *scale, int level)
{
    return scale != NULL && scale->level_names != NULL && level >= scale->min_level
           && level <= scale->max_level;
}

const char *pm_scale_level_name(const pm_scale *scale, int level)
{
    return in_scale(scale, level) ? scale->level_names[level - scale->min_level] : NULL;
}

const char *pm_scale_level_description(const pm_scale *scale, int level)
{
    return in_scale(scale, level) ? scale->level_descriptions[level - scale->min_level] : NULL;
}
