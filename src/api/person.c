/* People: the public person functions, the internals the organisation code
 * shares (org_internal.h), and the person iterator. Field rules live in
 * core/person.c; this file maps rows, checks rights and writes. */
#include "org_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../core/person.h"
#include "../util/text.h"

#define PERSON_OPTS "person_opts"

/* ---- rows <-> snapshots (values in schema field order) ---- */

static char *copy_text(const pm_value *v)
{
    if (v->type != PM_VALUE_TEXT)
        return pm__strndup("", 0); /* a NULL email reads as "" */
    return pm__strndup(v->v.b.data, v->v.b.len);
}

static int64_t int_value(const pm_value *v)
{
    return v->type == PM_VALUE_INT ? v->v.i : 0;
}

static pm_date date_value(const pm_value *v)
{
    return v->type == PM_VALUE_INT ? (pm_date)v->v.i : PM_DATE_NONE;
}

static pm_person *person_from_row(const pm_row *row)
{
    pm_person *p = pm__calloc(1, sizeof *p);
    if (p == NULL)
        return NULL;
    const pm_value *v = row->values;
    p->id = row->id;
    p->external_id = copy_text(&v[PM_PERSON_EXTERNAL_ID]);
    p->display_name = copy_text(&v[PM_PERSON_DISPLAY_NAME]);
    p->name_key = copy_text(&v[PM_PERSON_NAME_KEY]);
    p->email = copy_text(&v[PM_PERSON_EMAIL]);
    if (!p->external_id || !p->display_name || !p->name_key || !p->email) {
        pm_person_free(p);
        return NULL;
    }
    p->status = (pm_person_status)int_value(&v[PM_PERSON_STATUS]);
    p->left_on = date_value(&v[PM_PERSON_LEFT_ON]);
    p->hr_admin = int_value(&v[PM_PERSON_HR_ADMIN]) != 0;
    p->created_at = int_value(&v[PM_PERSON_CREATED_AT]);
    p->created_by = int_value(&v[PM_PERSON_CREATED_BY]);
    p->updated_at = int_value(&v[PM_PERSON_UPDATED_AT]);
    p->updated_by = int_value(&v[PM_PERSON_UPDATED_BY]);
    return p;
}

static pm_value text_or_null(const char *text)
{
    return (text && *text) ? pm_value__text(text, strlen(text)) : pm_value__null();
}

static void person_values(pm_value values[PM_PERSON_NFIELDS], const pm_person *p)
{
    values[PM_PERSON_EXTERNAL_ID] = pm_value__text(p->external_id, strlen(p->external_id));
    values[PM_PERSON_DISPLAY_NAME] = pm_value__text(p->display_name, strlen(p->display_name));
    values[PM_PERSON_NAME_KEY] = pm_value__text(p->name_key, strlen(p->name_key));
    values[PM_PERSON_EMAIL] = text_or_null(p->email);
    values[PM_PERSON_STATUS] = pm_value__int(p->status);
    values[PM_PERSON_LEFT_ON] = pm_value__date(p->left_on);
    values[PM_PERSON_HR_ADMIN] = pm_value__int(p->hr_admin ? 1 : 0);
    values[PM_PERSON_CREATED_AT] = pm_value__int(p->created_at);
    values[PM_PERSON_CREATED_BY] = pm_value__int(p->created_by);
    values[PM_PERSON_UPDATED_AT] = pm_value__int(p->updated_at);
    values[PM_PERSON_UPDATED_BY] = pm_value__int(p->updated_by);
}

/* Writes every field of p back, stamped with who changed it and when. */
static pm_status write_person(pm_session *s, const pm_person *p)
{
    pm_value values[PM_PERSON_NFIELDS];
    person_values(values, p);
    pm_api__audit_update(s, values, PM_PERSON_CREATED_AT);
    return pm_api__update(s, PM_KIND_PERSON, p->id, values);
}

static pm_status check_row_shape(pm_session *s, const pm_row *row)
{
    if (row->nvalues >= PM_PERSON_NFIELDS)
        return PM_OK;
    return pm_error__set(&s->error, PM_ECORRUPT, "person: stored row %lld has %u fields, expected %d",
                         (long long)row->id, row->nvalues, (int)PM_PERSON_NFIELDS);
}

/* ---- internals shared with unit.c, org.c and import.c ---- */

struct load_ctx {
    pm_session *s;
    pm_person *person;
};

static int load_row(const pm_row *row, void *payload)
{
    struct load_ctx *ctx = payload;
    pm_status st = check_row_shape(ctx->s, row);
    if (st != PM_OK)
        return st;
    pm_person_free(ctx->person);
    ctx->person = person_from_row(row);
    if (ctx->person == NULL)
        return pm_error__set(&ctx->s->error, PM_ENOMEM, "person: out of memory");
    return 0;
}

static pm_status not_found(pm_session *s, const char *field, pm_id id)
{
    return pm_error__set(&s->error, PM_ENOTFOUND, "%s: %lld does not exist", field,
                         (long long)id);
}

pm_status pm_person__load(pm_person **out, pm_session *s, pm_id id)
{
    *out = NULL;
    if (id <= 0)
        return not_found(s, "person", id);
    struct load_ctx ctx = { s, NULL };
    pm_status st = pm_api__get(s, PM_KIND_PERSON, id, load_row, &ctx);
    if (st == PM_OK && ctx.person == NULL)
        st = PM_ENOTFOUND;
    if (st != PM_OK) {
        pm_person_free(ctx.person);
        return st == PM_ENOTFOUND ? not_found(s, "person", id) : st;
    }
    *out = ctx.person;
    return PM_OK;
}

static int note_found(const pm_row *row, void *payload)
{
    (void)row;
    *(int *)payload = 1;
    return 0;
}

pm_status pm_person__check_exists(pm_session *s, pm_id id, const char *field)
{
    int found = 0;
    if (id > 0) {
        pm_status st = pm_api__get(s, PM_KIND_PERSON, id, note_found, &found);
        if (st != PM_OK && st != PM_ENOTFOUND)
            return st;
    }
    return found ? PM_OK : not_found(s, field, id);
}

static int first_id(const pm_row *row, void *payload)
{
    *(pm_id *)payload = row->id;
    return 1; /* one row answers the question */
}

/* *out = the person with this exact external id, or 0; no message when absent. */
static pm_status find_external_id(pm_id *out, pm_session *s, const char *external_id,
                                  size_t len)
{
    *out = 0;
    pm_value key = pm_value__text(external_id, len);
    pm_scan scan = { PM_KIND_PERSON, PM_PERSON_BY_EXTERNAL_ID, 1, &key, NULL, NULL, 0, 1 };
    return pm_api__scan(s, &scan, first_id, out);
}

/* printf precision for quoting text in a message: at most 200 bytes, cut
 * before a UTF-8 continuation byte so the message stays valid UTF-8. */
static int quoted_len(const char *text, size_t len)
{
    if (len <= 200)
        return (int)len;
    size_t cut = 200;
    while (cut > 0 && ((unsigned char)text[cut] & 0xC0u) == 0x80u)
        cut--;
    return (int)cut;
}

pm_status pm_person__find_external(pm_id *out, pm_session *s, const char *external_id,
                                   size_t len)
{
    *out = 0;
    if (external_id == NULL)
        return pm_error__set(&s->error, PM_EINVAL, "person.external_id: must not be NULL");
    /* As in pm_person_opts, 0 means NUL-terminated: an external id is never empty. */
    if (len == 0)
        len = strlen(external_id);
    pm_status st = find_external_id(out, s, external_id, len);
    if (st != PM_OK)
        return st;
    if (*out == 0)
        return pm_error__set(&s->error, PM_ENOTFOUND, "person.external_id: no person has '%.*s'",
                             quoted_len(external_id, len), external_id);
    return PM_OK;
}

/* Refuses an external id that a person other than self (0: anyone) holds. */
static pm_status check_external_id_free(pm_session *s, const char *external_id, pm_id self)
{
    pm_id holder = 0;
    size_t len = strlen(external_id);
    pm_status st = find_external_id(&holder, s, external_id, len);
    if (st != PM_OK || holder == 0 || holder == self)
        return st;
    return pm_error__set(&s->error, PM_ECONFLICT,
                         "person.external_id: '%.*s' is already used by person %lld",
                         quoted_len(external_id, len), external_id, (long long)holder);
}

static pm_status check_date(pm_session *s, const char *field, pm_date date)
{
    if (date == PM_DATE_NONE || pm_date_to_ymd(date, NULL, NULL, NULL) == PM_OK)
        return PM_OK;
    return pm_error__set(&s->error, PM_ERANGE, "%s: %ld is not a date in years 1 to 9999",
                         field, (long)date);
}

/* Unit and manager are checked before anything is written so that the
 * message names the option, not an internal step. */
static pm_status check_placement(pm_session *s, const pm_person_opts *opts)
{
    if (opts->unit < 0)
        return pm_error__set(&s->error, PM_EINVAL, "person.unit: %lld is not a unit id",
                             (long long)opts->unit);
    if (opts->manager < 0)
        return pm_error__set(&s->error, PM_EINVAL, "person.manager: %lld is not a person id",
                             (long long)opts->manager);
    pm_status st = check_date(s, "person.start", opts->start);
    if (st == PM_OK && opts->unit != 0)
        st = pm_unit__check_exists(s, opts->unit, "person.unit");
    if (st == PM_OK && opts->manager != 0)
        st = pm_person__check_exists(s, opts->manager, "person.manager");
    return st;
}

static pm_status insert_row(pm_id *out, pm_session *s, const pm_person_text *text,
                            int hr_admin)
{
    pm_person p;
    memset(&p, 0, sizeof p);
    p.external_id = text->external_id;
    p.display_name = text->display_name;
    p.name_key = text->name_key;
    p.email = text->email;
    p.status = PM_PERSON_ACTIVE;
    p.left_on = PM_DATE_NONE;
    p.hr_admin = hr_admin != 0;
    pm_value values[PM_PERSON_NFIELDS];
    person_values(values, &p);
    pm_api__audit_create(s, values, PM_PERSON_CREATED_AT);
    return pm_api__insert(s, PM_KIND_PERSON, values, out);
}

static pm_status place_person(pm_session *s, pm_id id, const pm_person_opts *opts)
{
    pm_date date = pm_api__date_or_today(s->db, opts->start);
    pm_status st = PM_OK;
    if (opts->unit != 0)
        st = pm_org__set_unit(s, id, opts->unit, date);
    if (st == PM_OK && opts->manager != 0)
        st = pm_org__set_manager(s, id, opts->manager, date);
    return st;
}

pm_status pm_person__insert(pm_id *out, pm_session *s, const pm_person_opts *opts)
{
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    pm_person_text text;
    st = pm_person__normalize_text(&text, opts, PM_PERSON_TEXT_CREATE, &s->error);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = check_placement(s, opts);
    if (st == PM_OK)
        st = check_external_id_free(s, text.external_id, 0);
    if (st == PM_OK)
        st = insert_row(&id, s, &text, opts->hr_admin);
    if (st == PM_OK)
        st = place_person(s, id, opts);
    pm_person__text_free(&text);
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

static int changes_anything(const pm_person_text *text)
{
    return text->external_id || text->display_name || text->email;
}

/* Applies the given fields over the stored record; the snapshot keeps
 * ownership of its strings, so the merged view only borrows. */
static pm_status apply_text(pm_session *s, const pm_person *old, const pm_person_text *text)
{
    pm_person merged = *old;
    if (text->external_id)
        merged.external_id = text->external_id;
    if (text->display_name) {
        merged.display_name = text->display_name;
        merged.name_key = text->name_key;
    }
    if (text->email)
        merged.email = text->email;
    return write_person(s, &merged);
}

pm_status pm_person__update(pm_session *s, pm_id id, const pm_person_opts *opts)
{
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    pm_person_text text;
    st = pm_person__normalize_text(&text, opts, 0, &s->error);
    if (st != PM_OK)
        return st;
    pm_person *old = NULL;
    st = pm_person__load(&old, s, id);
    if (st == PM_OK && text.external_id)
        st = check_external_id_free(s, text.external_id, id);
    if (st == PM_OK && changes_anything(&text))
        st = apply_text(s, old, &text);
    pm_person_free(old);
    pm_person__text_free(&text);
    return st;
}

pm_status pm_person__set_hr_admin(pm_session *s, pm_id id, int hr_admin)
{
    pm_person *p = NULL;
    pm_status st = pm_person__load(&p, s, id);
    if (st != PM_OK)
        return st;
    p->hr_admin = hr_admin != 0;
    st = write_person(s, p);
    pm_person_free(p);
    return st;
}

static pm_status already_left(pm_session *s, const pm_person *p)
{
    char day[PM_DATE_BUFSIZE] = "?";
    pm_date_format(day, p->left_on);
    return pm_error__set(&s->error, PM_ECONFLICT, "person: %lld already left on %s",
                         (long long)p->id, day);
}

pm_status pm_person__set_left(pm_session *s, pm_id id, pm_date date)
{
    pm_person *p = NULL;
    pm_status st = pm_person__load(&p, s, id);
    if (st != PM_OK)
        return st;
    if (p->status == PM_PERSON_LEFT) {
        st = already_left(s, p);
    } else {
        p->status = PM_PERSON_LEFT;
        p->left_on = date;
        st = write_person(s, p);
        if (st == PM_OK)
            st = pm_org__end_all(s, id, date);
    }
    pm_person_free(p);
    return st;
}

/* ---- iterators ---- */

struct pm_person_iter {
    pm_session *session;
    pm_id *ids;          /* in the order next() returns them */
    size_t count;
    size_t next;
    pm_person *current;  /* what the last next() handed out */
};

/* Takes ownership of ids, even on failure. */
static pm_status iter_new(pm_person_iter **out, pm_session *s, pm_id *ids, size_t count)
{
    *out = NULL;
    pm_person_iter *it = pm__calloc(1, sizeof *it);
    if (it == NULL) {
        pm__free(ids);
        return pm_error__set(&s->error, PM_ENOMEM, "person iterator: out of memory");
    }
    it->session = s;
    it->ids = ids;
    it->count = count;
    *out = it;
    return PM_OK;
}

struct keyed_id {
    char *key;
    pm_id id;
};

static int compare_keyed(const void *a, const void *b)
{
    const struct keyed_id *x = a;
    const struct keyed_id *y = b;
    /* strcmp on NUL-free UTF-8 is the backends' bytewise index order. */
    int c = strcmp(x->key, y->key);
    if (c != 0)
        return c;
    return (x->id > y->id) - (x->id < y->id);
}

struct key_ctx {
    pm_session *s;
    char *key;
};

static int copy_name_key(const pm_row *row, void *payload)
{
    struct key_ctx *ctx = payload;
    pm_status st = check_row_shape(ctx->s, row);
    if (st != PM_OK)
        return st;
    pm__free(ctx->key);
    ctx->key = copy_text(&row->values[PM_PERSON_NAME_KEY]);
    if (ctx->key == NULL)
        return pm_error__set(&ctx->s->error, PM_ENOMEM, "person: out of memory");
    return 0;
}

static pm_status read_name_key(char **out, pm_session *s, pm_id id)
{
    struct key_ctx ctx = { s, NULL };
    pm_status st = pm_api__get(s, PM_KIND_PERSON, id, copy_name_key, &ctx);
    if (st == PM_OK && ctx.key == NULL)
        st = PM_ENOTFOUND;
    if (st != PM_OK) {
        pm__free(ctx.key);
        return st == PM_ENOTFOUND ? not_found(s, "person", id) : st;
    }
    *out = ctx.key;
    return PM_OK;
}

static void free_keyed(struct keyed_id *keyed, size_t count)
{
    for (size_t i = 0; i < count; i++)
        pm__free(keyed[i].key);
    pm__free(keyed);
}

/* Sorts ids by (name_key, id) and drops repeats (a deep listing may meet a
 * person twice). Returns the new count through *count. */
static pm_status sort_by_name(pm_session *s, pm_id *ids, size_t *count)
{
    struct keyed_id *keyed = pm__calloc(*count, sizeof *keyed);
    if (keyed == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "person iterator: out of memory");
    for (size_t i = 0; i < *count; i++) {
        keyed[i].id = ids[i];
        pm_status st = read_name_key(&keyed[i].key, s, ids[i]);
        if (st != PM_OK) {
            free_keyed(keyed, i);
            return st;
        }
    }
    qsort(keyed, *count, sizeof *keyed, compare_keyed);
    size_t kept = 0;
    for (size_t i = 0; i < *count; i++)
        if (kept == 0 || ids[kept - 1] != keyed[i].id)
            ids[kept++] = keyed[i].id;
    free_keyed(keyed, *count);
    *count = kept;
    return PM_OK;
}

pm_status pm_person_iter__new(pm_person_iter **out, pm_session *s, pm_id *ids, size_t count)
{
    *out = NULL;
    pm_status st = count > 1 ? sort_by_name(s, ids, &count) : PM_OK;
    if (st != PM_OK) {
        pm__free(ids);
        return st;
    }
    return iter_new(out, s, ids, count);
}

pm_status pm_person_iter_next(pm_person **out, pm_person_iter *iter)
{
    if (out == NULL || iter == NULL) {
        if (out != NULL)
            *out = NULL;
        return PM_EINVAL;
    }
    *out = NULL;
    pm_person_free(iter->current);
    iter->current = NULL;
    pm_error__clear(&iter->session->error);
    if (iter->next >= iter->count)
        return PM_ITEROVER;
    /* Advance only on success, so a retry after running out of memory
     * returns the same person. */
    pm_status st = pm_person__load(&iter->current, iter->session, iter->ids[iter->next]);
    if (st != PM_OK)
        return st;
    iter->next++;
    *out = iter->current;
    return PM_OK;
}

void pm_person_iter_free(pm_person_iter *iter)
{
    if (iter == NULL)
        return;
    pm_person_free(iter->current);
    pm__free(iter->ids);
    pm__free(iter);
}

/* ---- search ---- */

struct search_ctx {
    pm_session *s;
    const char *needle;   /* folded query */
    size_t needle_len;
    int include_left;
    pm_id *ids;
    size_t count;
    size_t cap;
};

static int contains(const char *hay, size_t hay_len, const char *needle, size_t needle_len)
{
    if (needle_len == 0)
        return 1;
    for (size_t i = 0; i + needle_len <= hay_len; i++)
        if (memcmp(hay + i, needle, needle_len) == 0)
            return 1;
    return 0;
}

static pm_status push_id(struct search_ctx *ctx, pm_id id)
{
    if (ctx->count == ctx->cap) {
        size_t cap = ctx->cap ? ctx->cap * 2 : 16;
        pm_id *ids = pm__realloc(ctx->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_error__set(&ctx->s->error, PM_ENOMEM, "person search: out of memory");
        ctx->ids = ids;
        ctx->cap = cap;
    }
    ctx->ids[ctx->count++] = id;
    return PM_OK;
}

static int match_row(const pm_row *row, void *payload)
{
    struct search_ctx *ctx = payload;
    pm_status st = check_row_shape(ctx->s, row);
    if (st != PM_OK)
        return st;
    const pm_value *v = row->values;
    if (!ctx->include_left && int_value(&v[PM_PERSON_STATUS]) == PM_PERSON_LEFT)
        return 0;
    const pm_value *key = &v[PM_PERSON_NAME_KEY];
    if (key->type != PM_VALUE_TEXT
        || !contains(key->v.b.data, key->v.b.len, ctx->needle, ctx->needle_len))
        return 0;
    return push_id(ctx, row->id);
}

/* The name key index already yields (name_key, id) order, so the matches
 * need no sorting. */
static pm_status scan_names(struct search_ctx *ctx)
{
    pm_scan scan = { PM_KIND_PERSON, PM_PERSON_BY_NAME_KEY, 0, NULL, NULL, NULL, 0, 0 };
    pm_status st = pm_api__scan(ctx->s, &scan, match_row, ctx);
    if (st != PM_OK) {
        pm__free(ctx->ids);
        ctx->ids = NULL;
    }
    return st;
}

static pm_status fold_query(char **out, size_t *out_len, pm_session *s, const char *query)
{
    char *normal = NULL;
    size_t len = 0;
    pm_status st = pm_text__normalize(&normal, &len, query, 0, "query", 0, 0, &s->error);
    if (st != PM_OK)
        return st;
    st = pm_text__fold(out, out_len, normal, len, &s->error);
    pm__free(normal);
    return st;
}

pm_status pm_person_search(pm_person_iter **out, pm_session *s, const char *query,
                           unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    PM_CHECK_ARG(s, query != NULL, "query");
    if (flags & ~PM_PERSON_INCLUDE_LEFT)
        return pm_error__set(&s->error, PM_EINVAL, "flags: 0x%x holds unknown flags", flags);
    pm_status st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, 0);
    if (st != PM_OK)
        return st;
    struct search_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.s = s;
    ctx.include_left = (flags & PM_PERSON_INCLUDE_LEFT) != 0;
    char *needle = NULL;
    st = fold_query(&needle, &ctx.needle_len, s, query);
    if (st != PM_OK)
        return st;
    ctx.needle = needle;
    st = scan_names(&ctx);
    pm__free(needle);
    if (st != PM_OK)
        return st;
    return iter_new(out, s, ctx.ids, ctx.count);
}

/* ---- public functions ---- */

pm_status pm_person_opts_init(pm_person_opts *opts, unsigned int version)
{
    if (opts == NULL)
        return PM_EINVAL;
    if (version < 1 || version > PM_PERSON_OPTS_VERSION)
        return PM_EVERSION;
    pm_person_opts init = PM_PERSON_OPTS_INIT;
    *opts = init;
    opts->version = version;
    return PM_OK;
}

static pm_status check_person_id(pm_session *s, pm_id id)
{
    if (id > 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "person: %lld is not a person id", (long long)id);
}

/* Existence first: the access rules ask how the actor stands to the
 * person, which only means something for a person who exists. */
static pm_status check_target(pm_session *s, pm_id id, pm_action action)
{
    pm_status st = check_person_id(s, id);
    if (st == PM_OK)
        st = pm_person__check_exists(s, id, "person");
    if (st == PM_OK)
        st = pm_api__authorize(s, action, id);
    return st;
}

pm_status pm_person_create(pm_id *out, pm_session *s, const pm_person_opts *opts)
{
    PM_CHECK_SESSION(s);
    if (out != NULL)
        *out = 0;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ADMIN_PERSON, 0);
    if (st == PM_OK && (opts->unit != 0 || opts->manager != 0))
        st = pm_api__authorize(s, PM_ACT_ADMIN_ORG, 0);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_api__finish(s, pm_person__insert(&id, s, opts));
    if (st == PM_OK && out != NULL)
        *out = id;
    return st;
}

pm_status pm_person_update(pm_session *s, pm_id person, const pm_person_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, opts != NULL, "opts");
    pm_status st = pm_api__check_version(s, PERSON_OPTS, opts->version, PM_PERSON_OPTS_VERSION);
    if (st == PM_OK)
        st = check_person_id(s, person);
    if (st == PM_OK)
        st = pm_person__check_exists(s, person, "person");
    /* The external id is the HRIS's key: only HR may change it. */
    if (st == PM_OK && opts->external_id != NULL)
        st = pm_api__authorize(s, PM_ACT_ADMIN_PERSON, person);
    if (st == PM_OK && (opts->display_name != NULL || opts->email != NULL))
        st = pm_api__authorize(s, PM_ACT_EDIT_OWN_PROFILE, person);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, pm_person__update(s, person, opts));
}

pm_status pm_person_set_hr_admin(pm_session *s, pm_id person, int hr_admin)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_target(s, person, PM_ACT_ADMIN_PERSON);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, pm_person__set_hr_admin(s, person, hr_admin));
}

pm_status pm_person_set_left(pm_session *s, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_date(s, "date", date);
    if (st == PM_OK)
        st = check_target(s, person, PM_ACT_ADMIN_PERSON);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    date = pm_api__date_or_today(s->db, date);
    return pm_api__finish(s, pm_person__set_left(s, person, date));
}

/* Reads only after the record is loaded, so an unknown id is reported as
 * such rather than as a question about the manager chain. */
static pm_status load_visible(pm_person **out, pm_session *s, pm_id id)
{
    pm_person *p = NULL;
    pm_status st = pm_person__load(&p, s, id);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, id);
    if (st != PM_OK) {
        pm_person_free(p);
        return st;
    }
    *out = p;
    return PM_OK;
}

pm_status pm_person_get(pm_person **out, pm_session *s, pm_id person)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_person_id(s, person);
    if (st != PM_OK)
        return st;
    return load_visible(out, s, person);
}

pm_status pm_person_lookup(pm_person **out, pm_session *s, const char *external_id)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    PM_CHECK_ARG(s, external_id != NULL, "external_id");
    char *normal = NULL;
    size_t len = 0;
    pm_status st = pm_text__normalize(&normal, &len, external_id, 0, "external_id", 0,
                                      PM_TEXT_REQUIRED, &s->error);
    if (st != PM_OK)
        return st;
    pm_id id = 0;
    st = pm_person__find_external(&id, s, normal, len);
    pm__free(normal);
    if (st != PM_OK)
        return st;
    return load_visible(out, s, id);
}

/* ---- snapshots ---- */

void pm_person_free(pm_person *person)
{
    if (person == NULL)
        return;
    pm__free(person->external_id);
    pm__free(person->display_name);
    pm__free(person->name_key);
    pm__free(person->email);
    pm__free(person);
}

pm_id pm_person_id(const pm_person *person)
{
    return person ? person->id : 0;
}

const char *pm_person_external_id(const pm_person *person)
{
    return person ? person->external_id : NULL;
}

const char *pm_person_display_name(const pm_person *person)
{
    return person ? person->display_name : NULL;
}

const char *pm_person_email(const pm_person *person)
{
    return person ? person->email : NULL;
}

pm_person_status pm_person_status_get(const pm_person *person)
{
    return person ? person->status : (pm_person_status)0;
}

pm_date pm_person_left_on(const pm_person *person)
{
    return person ? person->left_on : PM_DATE_NONE;
}

int pm_person_is_hr_admin(const pm_person *person)
{
    return person ? person->hr_admin : 0;
}

pm_time pm_person_created_at(const pm_person *person)
{
    return person ? person->created_at : 0;
}

pm_id pm_person_created_by(const pm_person *person)
{
    return person ? person->created_by : 0;
}

pm_time pm_person_updated_at(const pm_person *person)
{
    return person ? person->updated_at : 0;
}

pm_id pm_person_updated_by(const pm_person *person)
{
    return person ? person->updated_by : 0;
}
