#include "store_dump.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/internal.h"

typedef struct dump {
    char *text;
    size_t len;
    size_t cap;
} dump;

static void dump_append(dump *d, const char *s, size_t n)
{
    if (d->len + n + 1 > d->cap) {
        size_t cap = (d->len + n + 1) * 2;
        char *grown = realloc(d->text, cap);
        assert_non_null(grown);
        d->text = grown;
        d->cap = cap;
    }
    memcpy(d->text + d->len, s, n);
    d->len += n;
    d->text[d->len] = '\0';
}

static void dump_str(dump *d, const char *s)
{
    dump_append(d, s, strlen(s));
}

static void dump_value(dump *d, const pm_value *v)
{
    char part[64];
    switch (v->type) {
    case PM_VALUE_NULL:
        dump_str(d, "|~");
        return;
    case PM_VALUE_INT:
        snprintf(part, sizeof part, "|%" PRId64, v->v.i);
        dump_str(d, part);
        return;
    case PM_VALUE_REAL:
        snprintf(part, sizeof part, "|%.17g", v->v.r);
        dump_str(d, part);
        return;
    case PM_VALUE_TEXT: {
        /* Length first, so that no text can look like two fields; control
         * bytes escaped, so that a NUL cannot end the dump early. */
        const unsigned char *p = v->v.b.data;
        snprintf(part, sizeof part, "|'%zu:", v->v.b.len);
        dump_str(d, part);
        for (size_t i = 0; i < v->v.b.len; i++) {
            if (p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\') {
                snprintf(part, sizeof part, "\\x%02x", p[i]);
                dump_str(d, part);
            } else {
                dump_append(d, (const char *)p + i, 1);
            }
        }
        dump_str(d, "'");
        return;
    }
    case PM_VALUE_BLOB: {
        const unsigned char *p = v->v.b.data;
        snprintf(part, sizeof part, "|x%zu:", v->v.b.len);
        dump_str(d, part);
        for (size_t i = 0; i < v->v.b.len; i++) {
            snprintf(part, sizeof part, "%02x", p[i]);
            dump_str(d, part);
        }
        return;
    }
    }
    snprintf(part, sizeof part, "|?%d", (int)v->type);
    dump_str(d, part);
}

static int dump_row(const pm_row *row, void *payload)
{
    dump *d = payload;
    char part[32];
    snprintf(part, sizeof part, "#%" PRId64, row->id);
    dump_str(d, part);
    for (unsigned int i = 0; i < row->nvalues; i++)
        dump_value(d, &row->values[i]);
    dump_str(d, "\n");
    return 0;
}

static int dump_id(const pm_row *row, void *payload)
{
    char part[32];
    snprintf(part, sizeof part, " %" PRId64, row->id);
    dump_str(payload, part);
    return 0;
}

char *pm_fixture_store_dump(pm_fixture *f)
{
    dump d = { NULL, 0, 0 };
    dump_str(&d, "");
    pm_storage *storage = f->db->storage;
    const pm_schema *schema = f->db->schema;
    for (unsigned int kind = 0; kind < schema->nkinds; kind++) {
        const pm_kind_def *k = &schema->kinds[kind];
        char head[160];
        snprintf(head, sizeof head, "kind %s\n", k->name);
        dump_str(&d, head);
        pm_scan scan = { kind, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
        assert_int_equal(storage->scan(storage, &scan, dump_row, &d), PM_OK);
        for (unsigned int index = 0; index < k->nindexes; index++) {
            snprintf(head, sizeof head, "index %s:", k->indexes[index].name);
            dump_str(&d, head);
            scan.index = index;
            assert_int_equal(storage->scan(storage, &scan, dump_id, &d), PM_OK);
            dump_str(&d, "\n");
        }
    }
    return d.text;
}

void pm_fixture_check_store(pm_fixture *f, const char *before, const char *what)
{
    char *after = pm_fixture_store_dump(f);
    int same = strcmp(before, after) == 0;
    if (!same)
        print_error("%s%sthe store changed:\n--- before\n%s--- after\n%s", what ? what : "",
                    what ? ": " : "", before, after);
    free(after);
    if (!same)
        fail();
}

void pm_fixture_assert_store_is(pm_fixture *f, char *before)
{
    pm_fixture_check_store(f, before, NULL);
    free(before);
}
