/* The anonymity threshold of a survey round or a 360 round is frozen when
 * the round opens: results already suppressed or shown under one threshold
 * must not be recomputed under a smaller one, which would show groups the
 * respondents were promised stay hidden. No public call changes a
 * threshold; this check, on the one path every update takes
 * (pm_api__update_fields), keeps it that way for any call added later. */
#include "audit_hooks.h"

/* Where the threshold and the state sit in each kind that has them. */
typedef struct frozen_field {
    unsigned int kind;
    unsigned int threshold;
    unsigned int state;
    unsigned int nfields;
    int64_t draft;
    const char *what;     /* the kind as messages name it */
} frozen_field;

static const frozen_field frozen[] = {
    { PM_KIND_SURVEY, PM_SURVEY_THRESHOLD, PM_SURVEY_STATE, PM_SURVEY_NFIELDS, PM_SURVEY_DRAFT,
      "survey" },
    { PM_KIND_REVIEW360, PM_R360_THRESHOLD, PM_R360_STATE, PM_R360_NFIELDS, PM_REVIEW360_DRAFT,
      "review360" },
};

typedef struct stored {
    pm_session *s;
    const frozen_field *f;
    int found;
    int64_t threshold;
    int64_t state;
} stored;

static int read_stored(const pm_row *row, void *payload)
{
    stored *r = payload;
    pm_status st = pm_api__check_row(r->s, row, r->f->nfields, r->f->what);
    if (st != PM_OK)
        return st;
    r->found = 1;
    r->threshold = pm_value__as_int(&row->values[r->f->threshold]);
    r->state = pm_value__as_int(&row->values[r->f->state]);
    return 0;
}

pm_status pm_api__check_frozen(pm_session *s, unsigned int kind, pm_id id,
                               const pm_value *values, uint64_t fields)
{
    const frozen_field *f = NULL;
    for (size_t i = 0; i < sizeof frozen / sizeof frozen[0]; i++)
        if (frozen[i].kind == kind)
            f = &frozen[i];
    /* Only a write that names the threshold costs a read. */
    if (f == NULL || !(fields & PM_UPDATE_FIELD(f->threshold)))
        return PM_OK;
    stored r = { s, f, 0, 0, 0 };
    pm_status st = pm_api__get(s, kind, id, read_stored, &r);
    /* A missing record is the update's own failure to report. */
    if (st == PM_ENOTFOUND || (st == PM_OK && !r.found))
        return PM_OK;
    if (st != PM_OK)
        return st;
    /* Writing the value it has changes nothing (a whole-row update). */
    const pm_value *v = &values[f->threshold];
    if (r.state == f->draft || (v->type == PM_VALUE_INT && v->v.i == r.threshold))
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL,
                         "%s.threshold: frozen at %lld since %s %lld opened", f->what,
                         (long long)r.threshold, f->what, (long long)id);
}
