/* The person iterator and the search that fills it. Listings elsewhere
 * (org.c) hand their ids to pm_person_iter__new, which puts them in name
 * order; each next() reads one person, so an iterator holds only ids. */
#include "person_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../util/text.h"

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
    pm_status st = pm_person__check_row(ctx->s, row);
    if (st != PM_OK)
        return st;
    pm__free(ctx->key);
    ctx->key = pm_value__text_copy(&row->values[PM_PERSON_NAME_KEY]);
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
        return st == PM_ENOTFOUND ? pm_person__not_found(s, "person", id) : st;
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
    pm_status st = pm_person__check_row(ctx->s, row);
    if (st != PM_OK)
        return st;
    const pm_value *v = row->values;
    if (!ctx->include_left && pm_value__as_int(&v[PM_PERSON_STATUS]) != PM_PERSON_ACTIVE)
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
