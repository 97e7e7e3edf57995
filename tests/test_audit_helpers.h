/* What the audit tests share: the trail read back whole through the public
 * API (every page of every entry, asserted to succeed), the daily counts of
 * undisclosed writes, and the trail's rows as the store dump shows them. */
#ifndef PM_TEST_AUDIT_HELPERS_H
#define PM_TEST_AUDIT_HELPERS_H

#include "fixture.h"

#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "store_dump.h"

#define D(iso) pm_fixture_date(iso)

/* One entry as the getters give it. */
typedef struct audit_row {
    pm_id id;
    pm_time at;
    pm_id actor;
    pm_audit_actor actor_kind;
    pm_audit_op op;
    const char *kind;   /* static, from the library */
    pm_id record;
    int64_t records;
} audit_row;

typedef struct audit_rows {
    audit_row *rows;
    size_t count;
} audit_rows;

static inline void audit_rows_free(audit_rows *r)
{
    free(r->rows);
    r->rows = NULL;
    r->count = 0;
}

/* Appends the page's entries to r. */
static inline void audit_rows_add(audit_rows *r, const pm_audit_page *page)
{
    size_t n = pm_audit_page_count(page);
    audit_row *grown = realloc(r->rows, (r->count + n + 1) * sizeof *grown);
    assert_non_null(grown);
    r->rows = grown;
    for (size_t i = 0; i < n; i++) {
        audit_row *a = &r->rows[r->count++];
        a->id = pm_audit_entry_id(page, i);
        a->at = pm_audit_entry_at(page, i);
        a->actor = pm_audit_entry_actor(page, i);
        a->actor_kind = pm_audit_entry_actor_kind(page, i);
        a->op = pm_audit_entry_op(page, i);
        a->kind = pm_audit_entry_record_kind(page, i);
        a->record = pm_audit_entry_record(page, i);
        a->records = pm_audit_entry_records(page, i);
    }
}

/* Every entry matching q (its after and limit are used for paging), read
 * by s page after page. */
static inline audit_rows audit_read(pm_session *s, const pm_audit_query *q)
{
    pm_audit_query query = *q;
    audit_rows r = { NULL, 0 };
    for (;;) {
        pm_audit_page *page = NULL;
        assert_ok(s, pm_audit_list(&page, s, &query));
        audit_rows_add(&r, page);
        int more = pm_audit_page_more(page);
        query.after = pm_audit_page_last(page);
        pm_audit_page_free(page);
        if (!more)
            return r;
    }
}

/* The whole trail, read by the system actor. */
static inline audit_rows audit_all(pm_fixture *f)
{
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.limit = PM_AUDIT_PAGE_MAX;
    return audit_read(f->sys, &q);
}

/* The entries about one record, in order. */
static inline audit_rows audit_of(pm_fixture *f, const char *kind, pm_id record)
{
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.record_kind = kind;
    q.record = record;
    return audit_read(f->sys, &q);
}

/* The undisclosed count of (kind, op) on day; 0 when there is none. */
static inline int64_t undisclosed_count(pm_fixture *f, pm_date day, const char *kind,
                                        pm_audit_op op)
{
    pm_audit_undisclosed *u = NULL;
    assert_ok(f->sys, pm_audit_undisclosed_list(&u, f->sys, day, day));
    int64_t count = 0;
    for (size_t i = 0; i < pm_audit_undisclosed_count(u); i++) {
        assert_int_equal(pm_audit_undisclosed_day(u, i), day);
        if (strcmp(pm_audit_undisclosed_record_kind(u, i), kind) == 0
            && pm_audit_undisclosed_op(u, i) == op)
            count += pm_audit_undisclosed_records(u, i);
    }
    pm_audit_undisclosed_free(u);
    return count;
}

/* The audit_entry section of the store dump (rows and index orders),
 * malloc'd. */
static inline char *audit_dump(pm_fixture *f)
{
    char *dump = pm_fixture_store_dump(f);
    const char *start = strstr(dump, "kind audit_entry\n");
    assert_non_null(start);
    const char *end = strstr(start, "kind audit_undisclosed\n");
    assert_non_null(end);
    size_t n = (size_t)(end - start);
    char *part = malloc(n + 1);
    assert_non_null(part);
    memcpy(part, start, n);
    part[n] = '\0';
    free(dump);
    return part;
}

#endif
