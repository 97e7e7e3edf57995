/* Legal holds: placing, lifting and reading them. While a person is held,
 * erasure refuses them and retention purges skip their records (both ask
 * pm_legal_hold__is_held, in legal_hold_check.c). A hold is one row per
 * person (a unique index), written through the api layer, so placing and
 * lifting are audited like any other write. */
#include "audit_internal.h"

#include <string.h>

#include "person_internal.h"
#include "../util/text.h"

#define HOLD "legal_hold"

typedef struct hold {
    pm_session *s;
    int found;
    pm_id id;
    char *reason;   /* NULL when none, or when not asked for */
    int want_reason;
} hold;

static int read_hold(const pm_row *row, void *payload)
{
    hold *h = payload;
    pm_status st = pm_api__check_row(h->s, row, PM_HOLD_NFIELDS, HOLD);
    if (st != PM_OK)
        return st;
    h->found = 1;
    h->id = row->id;
    const pm_value *reason = &row->values[PM_HOLD_REASON];
    if (h->want_reason && reason->type == PM_VALUE_TEXT) {
        h->reason = pm_value__text_copy(reason);
        if (h->reason == NULL)
            return pm_error__set(&h->s->error, PM_ENOMEM, HOLD ": out of memory");
    }
    return 1;
}

static pm_status find_hold(hold *h, pm_session *s, pm_id person, int want_reason)
{
    memset(h, 0, sizeof *h);
    h->s = s;
    h->want_reason = want_reason;
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { PM_KIND_LEGAL_HOLD, PM_HOLD_BY_PERSON, 1, eq, NULL, NULL, 0, 1 };
    return pm_api__scan(s, &scan, read_hold, h);
}

/* HR admins and the system actor; then the person must exist (present or
 * former: holds matter most for those who left). */
static pm_status check_call(pm_session *s, pm_id person)
{
    pm_relation relation = person == s->actor.person ? PM_REL_SELF : PM_REL_NONE;
    if (pm_access__check(&s->actor, PM_ACT_LEGAL_HOLD, relation) != PM_OK)
        return pm_error__set(&s->error, PM_EPERM, "permission denied: person %lld may not %s",
                             (long long)s->actor.person, pm_access__describe(PM_ACT_LEGAL_HOLD));
    return pm_person__check(s, person, "person", 0);
}

static pm_status already_held(pm_session *s, pm_id person)
{
    return pm_error__set(&s->error, PM_ECONFLICT, HOLD ": person %lld is already under a legal hold",
                         (long long)person);
}

/* A blank reason is no reason. */
static pm_status normalize_reason(char **out, pm_session *s, const char *reason, size_t len)
{
    size_t n = 0;
    pm_status st = pm_text__normalize(out, &n, reason, len, HOLD ".reason",
                                      PM_LEGAL_HOLD_REASON_MAX, 0, &s->error);
    if (st == PM_OK && *out != NULL && pm_text__is_blank(*out, n)) {
        pm__free(*out);
        *out = NULL;
    }
    return st;
}

static pm_status insert_hold(pm_session *s, pm_id person, const char *reason)
{
    pm_value v[PM_HOLD_NFIELDS];
    v[PM_HOLD_PERSON] = pm_value__int(person);
    v[PM_HOLD_REASON] = pm_value__text(reason, reason ? strlen(reason) : 0);
    pm_api__audit_create(s, v, PM_HOLD_CREATED_AT);
    pm_id id = 0;
    pm_status st = pm_api__insert(s, PM_KIND_LEGAL_HOLD, v, &id);
    /* Placed by another session since the check: say so plainly. */
    return st == PM_ECONFLICT ? already_held(s, person) : st;
}

pm_status pm_legal_hold_place(pm_session *s, pm_id person, const char *reason,
                              size_t reason_len)
{
    PM_CHECK_SESSION(s);
    char *text = NULL;
    hold h;
    pm_status st = check_call(s, person);
    if (st == PM_OK)
        st = normalize_reason(&text, s, reason, reason_len);
    if (st == PM_OK)
        st = find_hold(&h, s, person, 0);
    if (st == PM_OK && h.found)
        st = already_held(s, person);
    if (st == PM_OK)
        st = pm_api__begin_one(s);
    if (st == PM_OK)
        st = pm_api__finish_one(s, insert_hold(s, person, text));
    pm__free(text);
    return st;
}

pm_status pm_legal_hold_lift(pm_session *s, pm_id person)
{
    PM_CHECK_SESSION(s);
    hold h;
    pm_status st = check_call(s, person);
    if (st == PM_OK)
        st = find_hold(&h, s, person, 0);
    if (st != PM_OK)
        return st;
    if (!h.found)
        return pm_error__set(&s->error, PM_ENOTFOUND,
                             HOLD ": person %lld is not under a legal hold", (long long)person);
    st = pm_api__begin_one(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish_one(s, pm_api__remove(s, PM_KIND_LEGAL_HOLD, h.id));
}

pm_status pm_legal_hold_get(int *held, char **reason, pm_session *s, pm_id person)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, held != NULL, "held");
    *held = 0;
    if (reason != NULL)
        *reason = NULL;
    hold h = { s, 0, 0, NULL, 0 };
    pm_status st = check_call(s, person);
    if (st == PM_OK)
        st = find_hold(&h, s, person, reason != NULL);
    if (st != PM_OK) {
        pm__free(h.reason);
        return st;
    }
    *held = h.found;
    if (reason != NULL)
        *reason = h.reason;
    return PM_OK;
}
