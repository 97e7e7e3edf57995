/* What a purge removes, kind by kind: how to read a record's time and
 * people from its row, when it is kept, and what goes with it. Each source
 * walks an index whose first field is the record's own time, so the
 * oldest records come first and a batch reads only what it weighs. */
#include "retention_internal.h"

#define NPEOPLE(a) (sizeof(a) / sizeof((a)[0]))

static int64_t field(const pm_row *row, unsigned int i)
{
    return pm_value__as_int(&row->values[i]);
}

static void read_base(pm_retention_candidate *c, const pm_row *row, unsigned int time_field)
{
    c->id = row->id;
    c->time = field(row, time_field);
    c->people[0] = c->people[1] = c->people[2] = 0;
    c->link = 0;
    c->in_use = 0;
}

static pm_status remove_record(pm_retention_batch *b, unsigned int kind, pm_id id)
{
    pm_status st = pm_api__remove(b->s, kind, id);
    if (st == PM_OK)
        b->removed[kind]++;
    return st;
}

/* Removes the record unless one of its people is on hold. */
static pm_status remove_unless_held(int *removed, pm_retention_batch *b, unsigned int kind,
                                    const pm_retention_candidate *c)
{
    *removed = 0;
    int held = 0;
    pm_status st = pm_retention__any_held(&held, b, c->people, NPEOPLE(c->people));
    if (st == PM_OK && !held) {
        st = remove_record(b, kind, c->id);
        *removed = st == PM_OK;
    }
    return st;
}

/* ---- feedback ---- */

static void read_feedback(pm_retention_candidate *c, const pm_row *row, pm_time now)
{
    (void)now;
    read_base(c, row, PM_FB_GIVEN_AT);
    c->people[0] = field(row, PM_FB_RECEIVER);
    /* Anonymous rows hold no giver (0): only their receiver can keep them. */
    if (field(row, PM_FB_ANONYMOUS) == 0)
        c->people[1] = field(row, PM_FB_GIVER);
    c->link = field(row, PM_FB_REQUEST_ID);
}

typedef struct part_link {
    pm_session *s;
    pm_id id;
    pm_id feedback;
} part_link;

static int read_part_link(const pm_row *row, void *payload)
{
    part_link *p = payload;
    pm_status st = pm_api__check_row(p->s, row, PM_PART_NFIELDS, "feedback_request_part");
    if (st != PM_OK)
        return st;
    p->id = row->id;
    p->feedback = field(row, PM_PART_FEEDBACK_ID);
    return 1;
}

/* The part this response answered stops naming it; its state and time
 * stay, since the answer was given. */
static pm_status unlink_response(pm_retention_batch *b, const pm_retention_candidate *c)
{
    pm_id giver = c->people[1];
    if (c->link <= 0 || giver <= 0)
        return PM_OK;
    part_link p = { b->s, 0, 0 };
    pm_value eq[2] = { pm_value__int(c->link), pm_value__int(giver) };
    pm_scan scan = { PM_KIND_REQUEST_PART, PM_PART_BY_REQUEST, 2, eq, NULL, NULL, 0, 1 };
    pm_status st = pm_api__scan(b->s, &scan, read_part_link, &p);
    if (st != PM_OK || p.id == 0 || p.feedback != c->id)
        return st;
    pm_value v[PM_PART_NFIELDS];
    v[PM_PART_FEEDBACK_ID] = pm_value__int(0);
    pm_api__audit_update(b->s, v, PM_PART_CREATED_AT);
    uint64_t fields = PM_UPDATE_FIELD(PM_PART_FEEDBACK_ID) | PM_UPDATE_FIELD(PM_PART_UPDATED_AT)
                      | PM_UPDATE_FIELD(PM_PART_UPDATED_BY);
    return pm_api__update_fields(b->s, PM_KIND_REQUEST_PART, p.id, v, fields);
}

static pm_status settle_feedback(int *removed, pm_retention_batch *b,
                                 const pm_retention_candidate *c)
{
    *removed = 0;
    int held = 0;
    pm_status st = pm_retention__any_held(&held, b, c->people, NPEOPLE(c->people));
    if (st != PM_OK || held)
        return st;
    st = unlink_response(b, c);
    if (st == PM_OK)
        st = remove_record(b, PM_KIND_FEEDBACK, c->id);
    *removed = st == PM_OK;
    return st;
}

/* ---- feedback requests ---- */

static void read_request(pm_retention_candidate *c, const pm_row *row, pm_time now)
{
    read_base(c, row, PM_FREQ_CREATED_AT);
    c->people[0] = field(row, PM_FREQ_REQUESTER);
    c->people[1] = field(row, PM_FREQ_SUBJECT);
    /* Still answerable, or still to repeat: in use. */
    pm_date expires = pm_value__as_date(&row->values[PM_FREQ_EXPIRES_ON]);
    int repeats = row->values[PM_FREQ_NEXT_ON].type != PM_VALUE_NULL;
    c->in_use = repeats || (expires != PM_DATE_NONE && expires >= pm_time_date(now));
}

typedef struct part_list {
    pm_session *s;
    pm_id *ids;
    pm_id *addressees;
    size_t count;
    size_t cap;
} part_list;

static int append_part(const pm_row *row, void *payload)
{
    part_list *l = payload;
    pm_status st = pm_api__check_row(l->s, row, PM_PART_NFIELDS, "feedback_request_part");
    if (st != PM_OK)
        return st;
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 8;
        pm_id *ids = pm__realloc(l->ids, cap * sizeof *ids);
        if (ids == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "retention: out of memory");
        l->ids = ids;
        pm_id *addressees = pm__realloc(l->addressees, cap * sizeof *addressees);
        if (addressees == NULL)
            return pm_error__set(&l->s->error, PM_ENOMEM, "retention: out of memory");
        l->addressees = addressees;
        l->cap = cap;
    }
    l->ids[l->count] = row->id;
    l->addressees[l->count++] = field(row, PM_PART_ADDRESSEE);
    return 0;
}

static pm_status remove_request(int *removed, pm_retention_batch *b, const part_list *parts,
                                const pm_retention_candidate *c)
{
    int held = 0;
    pm_status st = pm_retention__any_held(&held, b, parts->addressees, parts->count);
    if (st != PM_OK || held)
        return st;
    for (size_t i = 0; st == PM_OK && i < parts->count; i++)
        st = remove_record(b, PM_KIND_REQUEST_PART, parts->ids[i]);
    if (st == PM_OK)
        st = remove_record(b, PM_KIND_FEEDBACK_REQUEST, c->id);
    *removed = st == PM_OK;
    return st;
}

static pm_status settle_request(int *removed, pm_retention_batch *b,
                                const pm_retention_candidate *c)
{
    *removed = 0;
    if (c->in_use)
        return PM_OK;
    int held = 0;
    pm_status st = pm_retention__any_held(&held, b, c->people, NPEOPLE(c->people));
    if (st != PM_OK || held)
        return st;
    part_list parts = { b->s, NULL, NULL, 0, 0 };
    pm_value eq = pm_value__int(c->id);
    pm_scan scan = { PM_KIND_REQUEST_PART, PM_PART_BY_REQUEST, 1, &eq, NULL, NULL, 0, 0 };
    st = pm_api__scan(b->s, &scan, append_part, &parts);
    if (st == PM_OK)
        st = remove_request(removed, b, &parts, c);
    pm__free(parts.ids);
    pm__free(parts.addressees);
    return st;
}

/* ---- check-in entries ---- */

static void read_entry(pm_retention_candidate *c, const pm_row *row, pm_time now)
{
    (void)now;
    read_base(c, row, PM_ENTRY_CREATED_AT);
    c->people[0] = field(row, PM_ENTRY_AUTHOR);
    c->link = field(row, PM_ENTRY_SERIES);
    c->in_use = field(row, PM_ENTRY_KIND) == PM_ENTRY_ACTION_ITEM
                && row->values[PM_ENTRY_DONE_AT].type == PM_VALUE_NULL;
}

static int read_series_people(const pm_row *row, void *payload)
{
    pm_retention_batch *b = payload;
    pm_status st = pm_api__check_row(b->s, row, PM_SERIES_NFIELDS, "checkin_series");
    if (st != PM_OK)
        return st;
    b->series_people[0] = field(row, PM_SERIES_MANAGER);
    b->series_people[1] = field(row, PM_SERIES_REPORT);
    return 0;
}

/* The manager and report of the entry's series: the check-in is about
 * both, whoever wrote the entry. */
static pm_status load_series(pm_retention_batch *b, pm_id series)
{
    if (b->series == series && series != 0)
        return PM_OK;
    b->series = 0;
    b->series_people[0] = b->series_people[1] = 0;
    pm_status st = pm_api__get(b->s, PM_KIND_CHECKIN_SERIES, series, read_series_people, b);
    if (st == PM_ENOTFOUND)
        st = PM_OK; /* a series gone: the author alone counts */
    if (st == PM_OK)
        b->series = series;
    return st;
}

static pm_status settle_entry(int *removed, pm_retention_batch *b,
                              const pm_retention_candidate *c)
{
    *removed = 0;
    if (c->in_use)
        return PM_OK;
    pm_status st = load_series(b, c->link);
    if (st != PM_OK)
        return st;
    pm_retention_candidate with_series = *c;
    with_series.people[1] = b->series_people[0];
    with_series.people[2] = b->series_people[1];
    return remove_unless_held(removed, b, PM_KIND_CHECKIN_ENTRY, &with_series);
}

/* ---- wellbeing ---- */

static void read_measurement(pm_retention_candidate *c, const pm_row *row, pm_time now)
{
    (void)now;
    read_base(c, row, PM_MEAS_AT);
    c->people[0] = field(row, PM_MEAS_PERSON);
}

static pm_status settle_measurement(int *removed, pm_retention_batch *b,
                                    const pm_retention_candidate *c)
{
    return remove_unless_held(removed, b, PM_KIND_MEASUREMENT, c);
}

static void read_answer(pm_retention_candidate *c, const pm_row *row, pm_time now)
{
    (void)now;
    read_base(c, row, PM_SANS_CREATED_AT);
    c->people[0] = field(row, PM_SANS_PERSON);
}

static pm_status settle_answer(int *removed, pm_retention_batch *b,
                               const pm_retention_candidate *c)
{
    return remove_unless_held(removed, b, PM_KIND_SURVEY_ANSWER, c);
}

/* ---- the audit trail ---- */

static void read_audit(pm_retention_candidate *c, const pm_row *row, pm_time now)
{
    (void)now;
    read_base(c, row, PM_AUDIT_AT);
    if (field(row, PM_AUDIT_ACTOR_KIND) == PM_AUDIT_ACTOR_PERSON)
        c->people[0] = field(row, PM_AUDIT_ACTOR);
}

static pm_status settle_audit(int *removed, pm_retention_batch *b,
                              const pm_retention_candidate *c)
{
    return remove_unless_held(removed, b, PM_KIND_AUDIT, c);
}

static void read_undisclosed(pm_retention_candidate *c, const pm_row *row, pm_time now)
{
    (void)now;
    read_base(c, row, PM_AUDU_DAY);
}

static pm_status settle_undisclosed(int *removed, pm_retention_batch *b,
                                    const pm_retention_candidate *c)
{
    return remove_unless_held(removed, b, PM_KIND_AUDIT_UNDISCLOSED, c);
}

/* ---- the classes ---- */

static const pm_retention_source feedback_sources[] = {
    { PM_KIND_FEEDBACK, PM_FB_BY_TIME, 0, 0, PM_FB_NFIELDS, "feedback", read_feedback,
      settle_feedback },
};
static const pm_retention_source request_sources[] = {
    { PM_KIND_FEEDBACK_REQUEST, PM_FREQ_BY_CREATED, 0, 0, PM_FREQ_NFIELDS, "feedback_request",
      read_request, settle_request },
};
static const pm_retention_source checkin_sources[] = {
    { PM_KIND_CHECKIN_ENTRY, PM_ENTRY_BY_CREATED, 0, 0, PM_ENTRY_NFIELDS, "checkin_entry",
      read_entry, settle_entry },
};
static const pm_retention_source wellbeing_sources[] = {
    { PM_KIND_MEASUREMENT, PM_MEAS_BY_AT, 0, 0, PM_MEAS_NFIELDS, "measurement", read_measurement,
      settle_measurement },
    { PM_KIND_SURVEY_ANSWER, PM_SANS_BY_CREATED, 0, 0, PM_SANS_NFIELDS, "survey_answer",
      read_answer, settle_answer },
};
static const pm_retention_source audit_sources[] = {
    { PM_KIND_AUDIT, PM_AUDIT_BY_AT, 0, 1, PM_AUDIT_NFIELDS, "audit_entry", read_audit,
      settle_audit },
    { PM_KIND_AUDIT_UNDISCLOSED, PM_AUDU_BY_DAY, 1, 0, PM_AUDU_NFIELDS, "audit_undisclosed",
      read_undisclosed, settle_undisclosed },
};

#define SOURCES(a) (*n = sizeof(a) / sizeof((a)[0]), (a))

const pm_retention_source *pm_retention__sources(pm_retention_class c, size_t *n)
{
    switch (c) {
    case PM_RETENTION_FEEDBACK: return SOURCES(feedback_sources);
    case PM_RETENTION_FEEDBACK_REQUESTS: return SOURCES(request_sources);
    case PM_RETENTION_CHECKIN_NOTES: return SOURCES(checkin_sources);
    case PM_RETENTION_WELLBEING: return SOURCES(wellbeing_sources);
    case PM_RETENTION_AUDIT: return SOURCES(audit_sources);
    }
    *n = 0;
    return NULL;
}
