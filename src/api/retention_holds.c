/* The legal holds a purge batch honours. Holds are few (one per person in
 * litigation or under investigation), so a batch reads them all once, in
 * person order from their unique index, and answers from memory; with more
 * than HOLDS_IN_MEMORY it asks the index per person instead, so a batch's
 * memory stays bounded whatever the store holds. */
#include "retention_internal.h"

#include <stdlib.h>

#include "audit_internal.h"

#define HOLDS_IN_MEMORY 4096

typedef struct hold_list {
    pm_session *s;
    pm_id *people;
    size_t count;
    size_t cap;
    int too_many;
} hold_list;

static int append_hold(const pm_row *row, void *payload)
{
    hold_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_HOLD_PERSON + 1, "legal_hold");
    if (st != PM_OK)
        return st;
    if (l->count == HOLDS_IN_MEMORY) {
        l->too_many = 1;
        return 1;
    }
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *people = pm__realloc(l->people, cap * sizeof *people);
        if (people == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "retention: out of memory");
        l->people = people;
        l->cap = cap;
    }
    /* An index-only scan: the person is the index's field. */
    l->people[l->count++] = pm_value__as_int(&row->values[PM_HOLD_PERSON]);
    return 0;
}

pm_status pm_retention__holds_load(pm_retention_holds *h, pm_session *s)
{
    h->people = NULL;
    h->count = 0;
    h->loaded = 0;
    hold_list l = { s, NULL, 0, 0, 0 };
    pm_scan scan = { PM_KIND_LEGAL_HOLD, PM_HOLD_BY_PERSON, 0, NULL, NULL, NULL,
                     PM_SCAN_INDEX_ONLY, HOLDS_IN_MEMORY + 1 };
    pm_status st = pm_api__scan(s, &scan, append_hold, &l);
    if (st != PM_OK || l.too_many) {
        pm__free(l.people);
        return st;
    }
    h->people = l.people;
    h->count = l.count;
    h->loaded = 1;
    return PM_OK;
}

void pm_retention__holds_free(pm_retention_holds *h)
{
    pm__free(h->people);
    h->people = NULL;
    h->count = 0;
    h->loaded = 0;
}

pm_status pm_retention__any_held(int *held, pm_retention_batch *b, const pm_id *people, size_t n)
{
    *held = 0;
    for (size_t i = 0; i < n && !*held; i++) {
        if (people[i] <= 0)
            continue;
        if (b->holds.loaded) {
            *held = b->holds.count > 0
                    && bsearch(&people[i], b->holds.people, b->holds.count,
                               sizeof *b->holds.people, pm_api__compare_ids) != NULL;
            continue;
        }
        pm_status st = pm_legal_hold__is_held(b->s, people[i], held);
        if (st != PM_OK)
            return st;
    }
    return PM_OK;
}
