/* Retention periods: one stored row per class that has one (unique by
 * class), written and read by HR admins and the system actor. No row, no
 * period: that is the default for every class, so a store purges nothing
 * until its embedder sets a period. */
#include "retention_internal.h"

#include "org_internal.h"

pm_status pm_retention_purge_opts_init(pm_retention_purge_opts *opts, unsigned int version)
{
    static const pm_retention_purge_opts defaults = PM_RETENTION_PURGE_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version,
                             PM_RETENTION_PURGE_OPTS_VERSION);
}

static pm_status check_class(pm_session *s, pm_retention_class c)
{
    if ((int)c < 1 || (int)c > PM_RETENTION_CLASS_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "retention.class: %d is not a retention class (1 to %d)", (int)c,
                             PM_RETENTION_CLASS_MAX);
    return PM_OK;
}

/* ---- the stored rows ---- */

typedef struct policy_row {
    pm_session *s;
    pm_id id;              /* 0 when the class has no row */
    int days;
} policy_row;

static int read_policy(const pm_row *row, void *payload)
{
    policy_row *p = payload;
    pm_status st = pm_api__check_row(p->s, row, PM_RETAIN_NFIELDS, "retention_policy");
    if (st != PM_OK)
        return st;
    p->id = row->id;
    p->days = (int)pm_value__as_int(&row->values[PM_RETAIN_DAYS]);
    return 1;
}

static pm_status load_policy(policy_row *p, pm_session *s, pm_retention_class c)
{
    p->s = s;
    p->id = 0;
    p->days = 0;
    pm_value eq = pm_value__int((int64_t)c);
    pm_scan scan = { PM_KIND_RETENTION, PM_RETAIN_BY_CLASS, 1, &eq, NULL, NULL, 0, 1 };
    return pm_api__scan(s, &scan, read_policy, p);
}

typedef struct all_periods {
    pm_session *s;
    int *days;
} all_periods;

static int read_period(const pm_row *row, void *payload)
{
    all_periods *a = payload;
    pm_status st = pm_api__check_row(a->s, row, PM_RETAIN_NFIELDS, "retention_policy");
    if (st != PM_OK)
        return st;
    int64_t c = pm_value__as_int(&row->values[PM_RETAIN_CLASS]);
    int64_t days = pm_value__as_int(&row->values[PM_RETAIN_DAYS]);
    /* A class a later release added: this one knows nothing to purge for it. */
    if (c < 1 || c > PM_RETENTION_CLASS_MAX)
        return 0;
    if (days < 1 || days > PM_RETENTION_DAYS_MAX)
        return pm_error__set(&a->s->error, PM_ECORRUPT,
                             "retention_policy: stored row %lld holds %lld days",
                             (long long)row->id, (long long)days);
    a->days[c] = (int)days;
    return 0;
}

pm_status pm_retention__periods(int days[PM_RETENTION_CLASS_MAX + 1], pm_session *s)
{
    for (int c = 0; c <= PM_RETENTION_CLASS_MAX; c++)
        days[c] = 0;
    all_periods a = { s, days };
    pm_scan scan = { PM_KIND_RETENTION, PM_RETAIN_BY_CLASS, 0, NULL, NULL, NULL, 0, 0 };
    return pm_api__scan(s, &scan, read_period, &a);
}

/* ---- writing a period ---- */

static pm_status write_period(pm_session *s, pm_retention_class c, const policy_row *p, int days)
{
    if (days == 0)
        return pm_api__remove(s, PM_KIND_RETENTION, p->id);
    pm_value v[PM_RETAIN_NFIELDS];
    v[PM_RETAIN_CLASS] = pm_value__int((int64_t)c);
    v[PM_RETAIN_DAYS] = pm_value__int(days);
    if (p->id == 0) {
        pm_api__audit_create(s, v, PM_RETAIN_CREATED_AT);
        pm_id id = 0;
        return pm_api__insert(s, PM_KIND_RETENTION, v, &id);
    }
    pm_api__audit_update(s, v, PM_RETAIN_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_RETAIN_DAYS) | PM_UPDATE_FIELD(PM_RETAIN_UPDATED_AT)
                      | PM_UPDATE_FIELD(PM_RETAIN_UPDATED_BY);
    return pm_api__update_fields(s, PM_KIND_RETENTION, p->id, v, fields);
}

static pm_status set_period(pm_session *s, pm_retention_class c, int days)
{
    pm_status st = check_class(s, c);
    if (st == PM_OK && (days < 0 || days > PM_RETENTION_DAYS_MAX))
        st = pm_error__set(&s->error, PM_EINVAL,
                           "retention.days: must be 0 (no period) or 1 to %d, not %d",
                           PM_RETENTION_DAYS_MAX, days);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_RETENTION_ADMIN, 0);
    policy_row p;
    if (st == PM_OK)
        st = load_policy(&p, s, c);
    /* Setting what is already set writes nothing, so audits no change. */
    if (st != PM_OK || p.days == days)
        return st;
    st = pm_api__begin_one(s);
    if (st == PM_OK)
        st = pm_api__finish_one(s, write_period(s, c, &p, days));
    return st;
}

pm_status pm_retention_set(pm_session *session, pm_retention_class retention_class, int days)
{
    PM_CHECK_SESSION(session);
    return set_period(session, retention_class, days);
}

pm_status pm_retention_clear(pm_session *session, pm_retention_class retention_class)
{
    PM_CHECK_SESSION(session);
    return set_period(session, retention_class, 0);
}

pm_status pm_retention_get(int *days, pm_session *session, pm_retention_class retention_class)
{
    PM_CHECK_SESSION(session);
    PM_CHECK_ARG(session, days != NULL, "days");
    *days = 0;
    pm_status st = check_class(session, retention_class);
    if (st == PM_OK)
        st = pm_api__authorize(session, PM_ACT_RETENTION_ADMIN, 0);
    policy_row p;
    if (st == PM_OK)
        st = load_policy(&p, session, retention_class);
    if (st == PM_OK)
        *days = p.days;
    return st;
}
