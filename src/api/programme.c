/* Programmes: creating them and their sessions, reading and listing them,
 * and the snapshot the other programme files share (programme_internal.h).
 * Enrolments are in enrolment.c, candidates in programme_candidates.c. */
#include "programme_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency_internal.h"
#include "org_internal.h"
#include "../core/org.h"
#include "../util/text.h"

#define PROGRAMME_OPTS "programme_opts"

struct pm_programme_iter {
    pm_programme **items;
    size_t count;
    size_t next;
};

pm_status pm_programme__out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "programme: out of memory");
}

static pm_status corrupt(pm_session *s, const char *what, const pm_row *row)
{
    return pm_error__set(&s->error, PM_ECORRUPT, "%s: stored row %lld has %u fields", what,
                         (long long)row->id, row->nvalues);
}

pm_status pm_programme_opts_init(pm_programme_opts *opts, unsigned int version)
{
    static const pm_programme_opts defaults = PM_PROGRAMME_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_PROGRAMME_OPTS_VERSION);
}

/* ---- the snapshot ---- */

void pm_programme_free(pm_programme *p)
{
    if (p == NULL)
        return;
    pm__free(p->name);
    pm__free(p->description);
    pm__free(p->competencies);
    for (size_t i = 0; i < p->nsessions; i++)
        pm__free(p->sessions[i].title);
    pm__free(p->sessions);
    pm__free(p);
}

typedef struct load_ctx {
    pm_session *s;
    pm_programme *p;
    size_t cap;   /* of the array being filled */
    int found;
} load_ctx;

static int read_programme(const pm_row *row, void *payload)
{
    load_ctx *c = payload;
    if (row->nvalues < PM_PROG_NFIELDS)
        return corrupt(c->s, "programme", row);
    const pm_value *v = row->values;
    c->p->id = row->id;
    c->p->kind = (pm_programme_kind)pm_value__as_int(&v[PM_PROG_KIND]);
    c->p->capacity = (int)pm_value__as_int(&v[PM_PROG_CAPACITY]);
    c->p->name = pm_value__text_copy(&v[PM_PROG_NAME]);
    c->p->description = pm_value__text_copy(&v[PM_PROG_DESCRIPTION]);
    if (c->p->name == NULL || c->p->description == NULL)
        return pm_programme__out_of_memory(c->s);
    c->found = 1;
    return 0;
}

static int read_competency(const pm_row *row, void *payload)
{
    load_ctx *c = payload;
    if (row->nvalues < PM_PROGC_NFIELDS)
        return corrupt(c->s, "programme_competency", row);
    pm_programme *p = c->p;
    if (p->ncompetencies == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4;
        pm_id *grown = pm__realloc(p->competencies, cap * sizeof *grown);
        if (grown == NULL)
            return pm_programme__out_of_memory(c->s);
        p->competencies = grown;
        c->cap = cap;
    }
    p->competencies[p->ncompetencies++] = pm_value__as_int(&row->values[PM_PROGC_COMPETENCY]);
    return 0;
}

static int read_session(const pm_row *row, void *payload)
{
    load_ctx *c = payload;
    if (row->nvalues < PM_PSESSION_NFIELDS)
        return corrupt(c->s, "programme_session", row);
    pm_programme *p = c->p;
    if (p->nsessions == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 4;
        pm_programme_meeting *grown = pm__realloc(p->sessions, cap * sizeof *grown);
        if (grown == NULL)
            return pm_programme__out_of_memory(c->s);
        p->sessions = grown;
        c->cap = cap;
    }
    char *title = pm_value__text_copy(&row->values[PM_PSESSION_TITLE]);
    if (title == NULL)
        return pm_programme__out_of_memory(c->s);
    p->sessions[p->nsessions].on = pm_value__as_date(&row->values[PM_PSESSION_ON]);
    p->sessions[p->nsessions].title = title;
    p->nsessions++;
    return 0;
}

static int count_seat(const pm_row *row, void *payload)
{
    load_ctx *c = payload;
    if (row->nvalues < PM_ENROL_NFIELDS)
        return corrupt(c->s, "enrolment", row);
    int64_t state = pm_value__as_int(&row->values[PM_ENROL_STATE]);
    if (state == PM_ENROLMENT_ENROLLED || state == PM_ENROLMENT_COMPLETED)
        c->p->seats++;
    return 0;
}

static pm_status not_found(pm_session *s, pm_id programme)
{
    if (programme <= 0)
        return pm_error__set(&s->error, PM_EINVAL, "programme: %lld is not a programme id",
                             (long long)programme);
    return pm_error__set(&s->error, PM_ENOTFOUND, "programme: programme %lld does not exist",
                         (long long)programme);
}

/* Scans one kind's rows of programme in the order of index. */
static pm_status scan_of(load_ctx *c, unsigned int kind, unsigned int index,
                         pm_storage_row_cb cb)
{
    pm_value eq[1] = { pm_value__int(c->p->id) };
    pm_scan scan = { kind, index, 1, eq, NULL, NULL, 0, 0 };
    c->cap = 0;
    return pm_api__scan(c->s, &scan, cb, c);
}

pm_status pm_programme__load(pm_programme **out, pm_session *s, pm_id programme)
{
    *out = NULL;
    if (programme <= 0)
        return not_found(s, programme);
    pm_programme *p = pm__calloc(1, sizeof *p);
    if (p == NULL)
        return pm_programme__out_of_memory(s);
    load_ctx c = { s, p, 0, 0 };
    pm_status st = pm_api__get(s, PM_KIND_PROGRAMME, programme, read_programme, &c);
    if (st == PM_ENOTFOUND || (st == PM_OK && !c.found))
        st = not_found(s, programme);
    if (st == PM_OK)
        st = scan_of(&c, PM_KIND_PROGRAMME_COMPETENCY, PM_PROGC_BY_PROGRAMME, read_competency);
    if (st == PM_OK)
        st = scan_of(&c, PM_KIND_PROGRAMME_SESSION, PM_PSESSION_BY_PROGRAMME, read_session);
    if (st == PM_OK)
        st = scan_of(&c, PM_KIND_ENROLMENT, PM_ENROL_BY_PROGRAMME, count_seat);
    if (st != PM_OK) {
        pm_programme_free(p);
        return st;
    }
    *out = p;
    return PM_OK;
}

/* ---- creating ---- */

/* The checked fields of a new programme; strings owned. */
typedef struct programme_input {
    char *name;
    size_t name_len;
    char *key;
    size_t key_len;
    char *description;  /* NULL when none */
    size_t description_len;
} programme_input;

static void input_free(programme_input *in)
{
    pm__free(in->name);
    pm__free(in->key);
    pm__free(in->description);
}

/* The name becomes the title of every plan item an enrolment adds, so it
 * keeps to an item title's limit. */
static pm_status parse_name(programme_input *in, pm_session *s, const pm_programme_opts *o)
{
    pm_status st = pm_text__normalize_line(&in->name, &in->name_len, o->name, o->name_len,
                                           "programme.name", PM_PLAN_TITLE_MAX, &s->error);
    if (st != PM_OK)
        return st;
    return pm_text__fold(&in->key, &in->key_len, in->name, in->name_len, &s->error);
}

static pm_status parse_description(programme_input *in, pm_session *s,
                                   const pm_programme_opts *o)
{
    if (o->description == NULL)
        return PM_OK;
    pm_status st = pm_text__normalize(&in->description, &in->description_len, o->description,
                                      o->description_len, "programme.description",
                                      PM_PLAN_TEXT_MAX, 0, &s->error);
    if (st == PM_OK && pm_text__is_blank(in->description, in->description_len)) {
        /* Nothing but spaces says nothing: stored as no description. */
        pm__free(in->description);
        in->description = NULL;
        in->description_len = 0;
    }
    return st;
}

static pm_status check_competencies(pm_session *s, const pm_programme_opts *o)
{
    if (o->ncompetencies == 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "programme.competencies: must name at least one competency");
    if (o->ncompetencies > PM_PROGRAMME_COMPETENCIES_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "programme.competencies: %zu are more than %d", o->ncompetencies,
                             PM_PROGRAMME_COMPETENCIES_MAX);
    if (o->competencies == NULL)
        return pm_error__set(&s->error, PM_EINVAL, "programme.competencies: must not be NULL");
    for (size_t i = 0; i < o->ncompetencies; i++) {
        char field[48];
        snprintf(field, sizeof field, "programme.competencies[%zu]", i);
        for (size_t j = 0; j < i; j++)
            if (o->competencies[j] == o->competencies[i])
                return pm_error__set(&s->error, PM_EINVAL, "%s: competency %lld is repeated",
                                     field, (long long)o->competencies[i]);
        pm_status st = pm_competency__check(s, o->competencies[i], field, NULL, NULL);
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}

static int note_found(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1;
}

static pm_status check_name_free(pm_session *s, const programme_input *in)
{
    pm_id other = 0;
    pm_value eq[1] = { pm_value__text(in->key, in->key_len) };
    pm_scan scan = { PM_KIND_PROGRAMME, PM_PROG_BY_NAME_KEY, 1, eq, NULL, NULL, 0, 1 };
    pm_status st = pm_api__scan(s, &scan, note_found, &other);
    if (st != PM_OK || other == 0)
        return st;
    return pm_error__set(&s->error, PM_ECONFLICT,
                         "programme.name: '%s' is taken by programme %lld", in->name,
                         (long long)other);
}

static pm_status check_input(programme_input *in, pm_session *s, const pm_programme_opts *o)
{
    pm_status st = parse_name(in, s, o);
    if (st != PM_OK)
        return st;
    if (o->kind != PM_PROGRAMME_TRAINING && o->kind != PM_PROGRAMME_COACHING)
        return pm_error__set(&s->error, PM_EINVAL,
                             "programme.kind: %d is not a kind (1 training, 2 coaching)",
                             (int)o->kind);
    if (o->capacity < 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "programme.capacity: %d is negative (0 means no limit)",
                             o->capacity);
    st = parse_description(in, s, o);
    if (st == PM_OK)
        st = check_competencies(s, o);
    if (st == PM_OK)
        st = check_name_free(s, in);
    return st;
}

static pm_status insert_programme(pm_id *out, pm_session *s, const programme_input *in,
                                  const pm_programme_opts *o)
{
    pm_value v[PM_PROG_NFIELDS];
    v[PM_PROG_NAME] = pm_value__text(in->name, in->name_len);
    v[PM_PROG_NAME_KEY] = pm_value__text(in->key, in->key_len);
    v[PM_PROG_KIND] = pm_value__int(o->kind);
    v[PM_PROG_DESCRIPTION] = pm_value__text(in->description, in->description_len);
    v[PM_PROG_CAPACITY] = pm_value__int(o->capacity);
    pm_api__audit_create(s, v, PM_PROG_CREATED_AT);
    pm_status st = pm_api__insert(s, PM_KIND_PROGRAMME, v, out);
    for (size_t i = 0; st == PM_OK && i < o->ncompetencies; i++) {
        pm_value c[PM_PROGC_NFIELDS];
        c[PM_PROGC_PROGRAMME] = pm_value__int(*out);
        c[PM_PROGC_COMPETENCY] = pm_value__int(o->competencies[i]);
        pm_api__audit_create(s, c, PM_PROGC_CREATED_AT);
        pm_id ignored = 0;
        st = pm_api__insert(s, PM_KIND_PROGRAMME_COMPETENCY, c, &ignored);
    }
    return st;
}

pm_status pm_programme_create(pm_id *out, pm_session *s, const pm_programme_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    if (out != NULL)
        *out = 0;
    pm_status st = pm_api__check_version(s, PROGRAMME_OPTS, opts->version,
                                         PM_PROGRAMME_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_PROGRAMME_ADMIN, 0);
    if (st != PM_OK)
        return st;
    programme_input in;
    memset(&in, 0, sizeof in);
    st = check_input(&in, s, opts);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK) {
        input_free(&in);
        return st;
    }
    pm_id id = 0;
    st = pm_api__finish(s, insert_programme(&id, s, &in, opts));
    input_free(&in);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

/* ---- sessions ---- */

static int note_exists(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 0;
}

/* Checks that programme exists without reading more of it. */
static pm_status check_exists(pm_session *s, pm_id programme)
{
    if (programme <= 0)
        return not_found(s, programme);
    int found = 0;
    pm_status st = pm_api__get(s, PM_KIND_PROGRAMME, programme, note_exists, &found);
    if (st == PM_ENOTFOUND || (st == PM_OK && !found))
        return not_found(s, programme);
    return st;
}

static pm_status parse_session_title(char **out, size_t *len, pm_session *s, const char *title,
                                     size_t title_len)
{
    *out = NULL;
    *len = 0;
    if (title == NULL)
        return PM_OK;
    pm_status st = pm_text__normalize(out, len, title, title_len, "programme_session.title",
                                      PM_PLAN_TITLE_MAX, PM_TEXT_SINGLE_LINE, &s->error);
    if (st == PM_OK && pm_text__is_blank(*out, *len)) {
        pm__free(*out); /* an optional title of spaces only is no title */
        *out = NULL;
        *len = 0;
    }
    return st;
}

pm_status pm_programme_add_session(pm_session *s, pm_id programme, pm_date on,
                                   const char *title, size_t title_len)
{
    PM_CHECK_SESSION(s);
    pm_status st = pm_api__authorize(s, PM_ACT_PROGRAMME_ADMIN, 0);
    if (st == PM_OK)
        st = check_exists(s, programme);
    if (st == PM_OK && on == PM_DATE_NONE)
        st = pm_error__set(&s->error, PM_EINVAL, "programme_session.on: must be given");
    if (st == PM_OK)
        st = pm_org__check_date(on, "programme_session.on", &s->error);
    char *norm = NULL;
    size_t len = 0;
    if (st == PM_OK)
        st = parse_session_title(&norm, &len, s, title, title_len);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st != PM_OK) {
        pm__free(norm);
        return st;
    }
    pm_value v[PM_PSESSION_NFIELDS];
    v[PM_PSESSION_PROGRAMME] = pm_value__int(programme);
    v[PM_PSESSION_ON] = pm_value__date(on);
    v[PM_PSESSION_TITLE] = pm_value__text(norm, len);
    pm_api__audit_create(s, v, PM_PSESSION_CREATED_AT);
    pm_id id = 0;
    st = pm_api__finish_one(s, pm_api__insert(s, PM_KIND_PROGRAMME_SESSION, v, &id));
    pm__free(norm);
    return st;
}

/* ---- reading ---- */

pm_status pm_programme_get(pm_programme **out, pm_session *s, pm_id programme)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_PROGRAMME_READ, 0);
    if (st != PM_OK)
        return st;
    return pm_programme__load(out, s, programme);
}

typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
} id_list;

static int append_id(const pm_row *row, void *payload)
{
    id_list *l = payload;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_id *grown = pm__realloc(l->ids, cap * sizeof *grown);
        if (grown == NULL)
            return pm_programme__out_of_memory(l->s);
        l->ids = grown;
        l->cap = cap;
    }
    l->ids[l->count++] = row->id;
    return 0;
}

static void free_items(pm_programme **items, size_t count)
{
    for (size_t i = 0; i < count; i++)
        pm_programme_free(items[i]);
    pm__free(items);
}

pm_status pm_programme_list(pm_programme_iter **out, pm_session *s)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = pm_api__authorize(s, PM_ACT_PROGRAMME_READ, 0);
    if (st != PM_OK)
        return st;
    /* The ids first, in name order (the folded key), then each programme:
     * a scan callback may not read the store again. */
    id_list l = { s, NULL, 0, 0 };
    pm_scan scan = { PM_KIND_PROGRAMME, PM_PROG_BY_NAME_KEY, 0, NULL, NULL, NULL, 0, 0 };
    st = pm_api__scan(s, &scan, append_id, &l);
    pm_programme **items = NULL;
    size_t loaded = 0;
    if (st == PM_OK && l.count > 0) {
        items = pm__calloc(l.count, sizeof *items);
        if (items == NULL)
            st = pm_programme__out_of_memory(s);
    }
    for (; st == PM_OK && loaded < l.count; loaded++)
        st = pm_programme__load(&items[loaded], s, l.ids[loaded]);
    pm__free(l.ids);
    pm_programme_iter *it = st == PM_OK ? pm__calloc(1, sizeof *it) : NULL;
    if (st == PM_OK && it == NULL)
        st = pm_programme__out_of_memory(s);
    if (st != PM_OK) {
        free_items(items, loaded);
        return st;
    }
    it->items = items;
    it->count = l.count;
    *out = it;
    return PM_OK;
}

pm_status pm_programme_iter_next(pm_programme **out, pm_programme_iter *iter)
{
    if (out == NULL || iter == NULL)
        return PM_EINVAL;
    *out = NULL;
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    *out = iter->items[iter->next++];
    return PM_OK;
}

void pm_programme_iter_free(pm_programme_iter *iter)
{
    if (iter == NULL)
        return;
    free_items(iter->items, iter->count);
    pm__free(iter);
}

/* ---- accessors ---- */

pm_id pm_programme_id(const pm_programme *p)
{
    return p ? p->id : 0;
}

const char *pm_programme_name(const pm_programme *p)
{
    return p ? p->name : NULL;
}

pm_programme_kind pm_programme_kind_get(const pm_programme *p)
{
    return p ? p->kind : (pm_programme_kind)0;
}

const char *pm_programme_description(const pm_programme *p)
{
    return p ? p->description : NULL;
}

int pm_programme_capacity(const pm_programme *p)
{
    return p ? p->capacity : 0;
}

int pm_programme_seats_taken(const pm_programme *p)
{
    return p ? p->seats : 0;
}

size_t pm_programme_competency_count(const pm_programme *p)
{
    return p ? p->ncompetencies : 0;
}

pm_id pm_programme_competency(const pm_programme *p, size_t i)
{
    return p && i < p->ncompetencies ? p->competencies[i] : 0;
}

size_t pm_programme_session_count(const pm_programme *p)
{
    return p ? p->nsessions : 0;
}

pm_date pm_programme_session_date(const pm_programme *p, size_t i)
{
    return p && i < p->nsessions ? p->sessions[i].on : PM_DATE_NONE;
}

const char *pm_programme_session_title(const pm_programme *p, size_t i)
{
    return p && i < p->nsessions ? p->sessions[i].title : NULL;
}
