/* Reading the daily counts of the writes the audit trail does not record
 * (see audit.c for why they are counted and not recorded). */
#include "audit_hooks.h"

typedef struct count_row {
    pm_date day;
    int64_t kind;
    int64_t op;
    int64_t count;
} count_row;

struct pm_audit_undisclosed {
    size_t count;
    size_t cap;
    count_row *rows;
};

typedef struct collect {
    pm_session *s;
    pm_audit_undisclosed *u;
} collect;

static int collect_row(const pm_row *row, void *payload)
{
    collect *c = payload;
    pm_status st = pm_api__check_row(c->s, row, PM_AUDU_NFIELDS, "audit_undisclosed");
    if (st != PM_OK)
        return st;
    pm_audit_undisclosed *u = c->u;
    if (u->count == u->cap) {
        size_t cap = u->cap ? 2 * u->cap : 16;
        count_row *grown = pm__realloc(u->rows, cap * sizeof *grown);
        if (grown == NULL)
            return pm_error__set(&c->s->error, PM_ENOMEM, "audit: out of memory");
        u->rows = grown;
        u->cap = cap;
    }
    const pm_value *v = row->values;
    count_row *r = &u->rows[u->count++];
    r->day = pm_value__as_date(&v[PM_AUDU_DAY]);
    r->kind = pm_value__as_int(&v[PM_AUDU_RECORD_KIND]);
    r->op = pm_value__as_int(&v[PM_AUDU_OP]);
    r->count = pm_value__as_int(&v[PM_AUDU_COUNT]);
    return 0;
}

static pm_status check_days(pm_session *s, pm_date from, pm_date to)
{
    if (from == PM_DATE_NONE)
        return pm_error__set(&s->error, PM_EINVAL, "from: must be a day");
    if (to == PM_DATE_NONE)
        return pm_error__set(&s->error, PM_EINVAL, "to: must be a day");
    char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
    if (to < from)
        return pm_error__set(&s->error, PM_EINVAL, "to: %s is before from (%s)",
                             pm_api__format_date(a, to), pm_api__format_date(b, from));
    if ((int64_t)to - from >= PM_AUDIT_UNDISCLOSED_DAYS_MAX)
        return pm_error__set(&s->error, PM_EINVAL, "to: more than %d days after from (%s)",
                             PM_AUDIT_UNDISCLOSED_DAYS_MAX, pm_api__format_date(b, from));
    return PM_OK;
}

pm_status pm_audit_undisclosed_list(pm_audit_undisclosed **out, pm_session *s, pm_date from,
                                    pm_date to)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    if (pm_access__check(&s->actor, PM_ACT_AUDIT_READ, PM_REL_NONE) != PM_OK)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                             (long long)s->actor.person,
                             pm_access__describe(PM_ACT_AUDIT_READ));
    pm_status st = check_days(s, from, to);
    if (st != PM_OK)
        return st;
    pm_audit_undisclosed *u = pm__calloc(1, sizeof *u);
    if (u == NULL)
        return pm_error__set(&s->error, PM_ENOMEM, "audit: out of memory");
    pm_value lo = pm_value__date(from), hi = pm_value__date(to);
    pm_scan scan = { PM_KIND_AUDIT_UNDISCLOSED, PM_AUDU_BY_DAY, 0, NULL, &lo, &hi, 0, 0 };
    collect c = { s, u };
    st = pm_api__scan(s, &scan, collect_row, &c);
    if (st != PM_OK) {
        pm_audit_undisclosed_free(u);
        return st;
    }
    *out = u;
    return PM_OK;
}

void pm_audit_undisclosed_free(pm_audit_undisclosed *counts)
{
    if (counts == NULL)
        return;
    pm__free(counts->rows);
    pm__free(counts);
}

size_t pm_audit_undisclosed_count(const pm_audit_undisclosed *counts)
{
    return counts ? counts->count : 0;
}

static const count_row *at(const pm_audit_undisclosed *counts, size_t i)
{
    return counts != NULL && i < counts->count ? &counts->rows[i] : NULL;
}

pm_date pm_audit_undisclosed_day(const pm_audit_undisclosed *counts, size_t i)
{
    const count_row *r = at(counts, i);
    return r ? r->day : PM_DATE_NONE;
}

const char *pm_audit_undisclosed_record_kind(const pm_audit_undisclosed *counts, size_t i)
{
    const count_row *r = at(counts, i);
    return r ? pm_audit__kind_name(r->kind) : NULL;
}

pm_audit_op pm_audit_undisclosed_op(const pm_audit_undisclosed *counts, size_t i)
{
    const count_row *r = at(counts, i);
    return r ? (pm_audit_op)r->op : (pm_audit_op)0;
}

int64_t pm_audit_undisclosed_records(const pm_audit_undisclosed *counts, size_t i)
{
    const count_row *r = at(counts, i);
    return r ? r->count : 0;
}
