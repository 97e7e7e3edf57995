/* Memberships and reporting lines: dated history per person. The core
 * decides how a change applies (core/org.c); this file reads the history,
 * checks the people and units involved, and writes what the core decided. */
#include "person_internal.h"

#include <string.h>

#include "../core/org.h"
#include "org_cache.h"

/* Memberships and reporting lines have the same shape: person, target
 * (unit or manager), start, end, then the audit fields. One set of code
 * serves both, so the field positions must agree. */
#define LINE_PERSON 0
#define LINE_TARGET 1
#define LINE_START 2
#define LINE_END 3
#define LINE_CREATED_AT 4
#define LINE_CREATED_BY 5
#define LINE_NFIELDS 8
_Static_assert(PM_MEMBERSHIP_PERSON == LINE_PERSON && PM_REPORTING_PERSON == LINE_PERSON,
               "person field differs");
_Static_assert(PM_MEMBERSHIP_UNIT == LINE_TARGET && PM_REPORTING_MANAGER == LINE_TARGET,
               "target field differs");
_Static_assert(PM_MEMBERSHIP_START_ON == LINE_START && PM_REPORTING_START_ON == LINE_START,
               "start field differs");
_Static_assert(PM_MEMBERSHIP_END_ON == LINE_END && PM_REPORTING_END_ON == LINE_END,
               "end field differs");
_Static_assert(PM_MEMBERSHIP_CREATED_AT == LINE_CREATED_AT
                   && PM_REPORTING_CREATED_AT == LINE_CREATED_AT,
               "audit fields differ");
_Static_assert(PM_MEMBERSHIP_NFIELDS == LINE_NFIELDS && PM_REPORTING_NFIELDS == LINE_NFIELDS,
               "field counts differ");

typedef struct line_kind {
    unsigned int kind;
    unsigned int by_person;   /* index (person, start_on) */
    unsigned int by_target;   /* index (target, start_on) */
    const char *what;         /* the record, in messages */
    const char *person_field; /* "membership.person" */
    const char *target_field; /* "membership.unit" */
    const char *date_field;   /* "membership.date" */
} line_kind;

static const line_kind membership = {
    PM_KIND_MEMBERSHIP, PM_MEMBERSHIP_BY_PERSON, PM_MEMBERSHIP_BY_UNIT,
    "membership", "membership.person", "membership.unit", "membership.date"
};
static const line_kind reporting = {
    PM_KIND_REPORTING_LINE, PM_REPORTING_BY_PERSON, PM_REPORTING_BY_MANAGER,
    "reporting_line", "reporting_line.person", "reporting_line.manager", "reporting_line.date"
};

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "org: out of memory");
}

/* --- a person's history of one kind, oldest first --- */

typedef struct history {
    pm_session *s;
    pm_org_period *periods;
    size_t count;
    size_t cap;
    pm_id latest_id;           /* the record of the last period */
    pm_time latest_created_at; /* carried over when it is rewritten */
    pm_id latest_created_by;
} history;

static int read_period(const pm_row *row, void *payload)
{
    history *h = payload;
    if (h->count == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 8;
        pm_org_period *periods = pm__realloc(h->periods, cap * sizeof *periods);
        if (periods == NULL)
            return out_of_memory(h->s);
        h->periods = periods;
        h->cap = cap;
    }
    pm_org_period *p = &h->periods[h->count++];
    p->target = row->values[LINE_TARGET].v.i;
    p->start = pm_value__as_date(&row->values[LINE_START]);
    p->end = pm_value__as_date(&row->values[LINE_END]);
    h->latest_id = row->id;
    h->latest_created_at = row->values[LINE_CREATED_AT].v.i;
    h->latest_created_by = row->values[LINE_CREATED_BY].v.i;
    return 0;
}

/* Reads the person's periods into h, reusing its memory. */
static pm_status history_load(history *h, const line_kind *k, pm_id person)
{
    h->count = 0;
    h->latest_id = 0;
    pm_value eq[1] = { pm_value__int(person) };
    pm_scan scan = { k->kind, k->by_person, 1, eq, NULL, NULL, 0, 0 };
    return pm_api__scan(h->s, &scan, read_period, h);
}

static void history_free(history *h)
{
    pm__free(h->periods);
    h->periods = NULL;
    h->count = h->cap = 0;
}

static const pm_org_period *history_latest(const history *h)
{
    return h->count ? &h->periods[h->count - 1] : NULL;
}

/* The target covering date, or 0. */
static pm_id history_target_on(const history *h, pm_date date)
{
    size_t i = pm_org__find_covering(h->periods, h->count, date);
    return i < h->count ? h->periods[i].target : 0;
}

/* The one period that can cover a day: the last, in the index's order
 * (start, then id), of those starting on or before it, which is the one
 * pm_org__find_covering() picks from a whole history. */
static int read_covering(const pm_row *row, void *payload)
{
    pm_org_covering *c = payload;
    c->found = 1;
    c->period.target = row->values[LINE_TARGET].v.i;
    c->period.start = pm_value__as_date(&row->values[LINE_START]);
    c->period.end = pm_value__as_date(&row->values[LINE_END]);
    return 1; /* the first row is the one */
}

/* The start of the first period after the day asked. */
static int read_next(const pm_row *row, void *payload)
{
    pm_org_covering *c = payload;
    c->next_found = 1;
    c->next_start = pm_value__as_date(&row->values[LINE_START]);
    return 1;
}

/* Chains are walked a step at a time through here, so it reads one row
 * backwards through the (person, start) index rather than the whole
 * history, and allocates nothing. */
void pm_org__covering_items(pm_scan_item items[2], pm_org_covering *c, unsigned int kind,
                            pm_id person, pm_date day, unsigned int storage_version)
{
    const line_kind *k = kind == PM_KIND_MEMBERSHIP ? &membership : &reporting;
    memset(c, 0, sizeof *c);
    c->eq = pm_value__int(person);
    c->hi = pm_value__int(day);
    pm_scan scan = { k->kind, k->by_person, 1, &c->eq, NULL, &c->hi, PM_SCAN_DESC, 1 };
    c->scan = scan;
    unsigned int next_flags = PM_SCAN_LO_EXCLUSIVE | PM_SCAN_INDEX_ONLY
                              | (storage_version >= 2 ? PM_SCAN_NO_ID : 0u);
    pm_scan next = { k->kind, k->by_person, 1, &c->eq, &c->hi, NULL, next_flags, 1 };
    c->next_scan = next;
    items[0] = (pm_scan_item){ &c->scan, read_covering, c };
    items[1] = (pm_scan_item){ &c->next_scan, read_next, c };
}

pm_id pm_org__covering_target(const pm_org_covering *c, pm_date day)
{
    return c->found && pm_org__covers(&c->period, day) ? c->period.target : 0;
}

/* The period read is the last to start on or before the day asked, and
 * none starts after it until the next one: so it is the last to start on
 * or before every day from its own start to the day before the next
 * start, and the answer on each of those days is read from it alone.
 * Without one, no period starts before the next start. */
void pm_org__covering_span(pm_org_span *out, const pm_org_covering *c)
{
    out->from = c->found ? c->period.start : INT32_MIN;
    out->to = c->next_found ? c->next_start - 1 : INT32_MAX;
    out->found = c->found;
    out->period = c->period;
}

/* The target covering date, or 0. Inside a group the next start is read
 * in the same batch, so that the answer is kept for its whole span. */
static pm_status target_on(pm_id *out, pm_session *s, const line_kind *k, pm_id person,
                           pm_date date)
{
    if (pm_org_cache__get(s->db, k->kind, person, date, out))
        return PM_OK;
    pm_org_covering c;
    pm_scan_item items[2];
    pm_org__covering_items(items, &c, k->kind, person, date, s->db->storage->version);
    int keep = pm_org_cache__active(s->db);
    pm_status st = pm_api__scan_batch(s, items, keep ? 2 : 1);
    if (st != PM_OK)
        return st;
    *out = pm_org__covering_target(&c, date);
    if (keep) {
        pm_org_span span;
        pm_org__covering_span(&span, &c);
        pm_org_cache__put_span(s->db, k->kind, person, &span);
    }
    return PM_OK;
}

/* --- argument and record checks --- */

static pm_status check_person_id(pm_session *s, pm_id id, const char *field)
{
    if (id > 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "%s: %lld is not a person id", field,
                         (long long)id);
}

/* The day a caller means: PM_DATE_NONE is today; anything else must be a
 * real calendar day. */
static pm_status resolve_date(pm_date *out, pm_session *s, pm_date date, const char *field)
{
    *out = pm_api__date_or_today(s->db, date);
    return pm_org__check_date(*out, field, &s->error);
}

static pm_status check_flags(pm_session *s, unsigned int flags, unsigned int known)
{
    if ((flags & ~known) == 0)
        return PM_OK;
    return pm_error__set(&s->error, PM_EINVAL, "flags: 0x%x holds unknown flags", flags & ~known);
}

/* --- writing a change --- */

static void line_values(pm_value *values, pm_id person, const pm_org_period *p)
{
    values[LINE_PERSON] = pm_value__int(person);
    values[LINE_TARGET] = pm_value__int(p->target);
    values[LINE_START] = pm_value__date(p->start);
    values[LINE_END] = pm_value__date(p->end);
}

static pm_status apply_plan(pm_session *s, const line_kind *k, pm_id person, const history *h,
                            const pm_org_plan *plan)
{
    pm_status st = PM_OK;
    pm_value values[LINE_NFIELDS];
    if (plan->steps & PM_ORG_PLAN_DROP)
        st = pm_api__remove(s, k->kind, h->latest_id);
    if (st == PM_OK && (plan->steps & PM_ORG_PLAN_UPDATE)) {
        line_values(values, person, &plan->latest);
        values[LINE_CREATED_AT] = pm_value__int(h->latest_created_at);
        values[LINE_CREATED_BY] = pm_value__int(h->latest_created_by);
        pm_api__audit_update(s, values, LINE_CREATED_AT);
        st = pm_api__update(s, k->kind, h->latest_id, values);
    }
    if (st == PM_OK && (plan->steps & PM_ORG_PLAN_OPEN)) {
        line_values(values, person, &plan->opened);
        pm_api__audit_create(s, values, LINE_CREATED_AT);
        pm_id id = 0;
        st = pm_api__insert(s, k->kind, values, &id);
    }
    return st;
}

/* 1 when the plan makes target the person's target from the change on. */
static int plan_sets_target(const pm_org_plan *plan, pm_id target)
{
    if (plan->steps & PM_ORG_PLAN_OPEN)
        return plan->opened.target == target;
    return (plan->steps & PM_ORG_PLAN_UPDATE) && plan->latest.target == target
        && plan->latest.end == PM_DATE_NONE;
}

/* The manager chain on a day, for cycle checks: also notes the first later
 * day on which any link of the walked chain changes. */
typedef struct chain_walk {
    history h;
    pm_date date;
    pm_date next_change;
} chain_walk;

static pm_status manager_on_day(pm_id *parent, pm_id node, void *payload)
{
    chain_walk *w = payload;
    pm_status st = history_load(&w->h, &reporting, node);
    if (st != PM_OK)
        return st;
    *parent = history_target_on(&w->h, w->date);
    pm_date next = pm_org__next_change(w->h.periods, w->h.count, w->date);
    if (next != PM_DATE_NONE && (w->next_change == PM_DATE_NONE || next < w->next_change))
        w->next_change = next;
    return PM_OK;
}

/* Refuses manager for person from date on when the manager's chain reaches
 * the person then. The chain can only change on a day some link of it
 * changes, so checking date and each such later day covers every day. */
static pm_status check_no_cycle(pm_session *s, pm_id person, pm_id manager, pm_date date)
{
    chain_walk w = { { s, NULL, 0, 0, 0, 0, 0 }, date, PM_DATE_NONE };
    pm_status st = PM_OK;
    int found = 0;
    for (pm_date day = date; day != PM_DATE_NONE && st == PM_OK && !found;
         day = w.next_change) {
        w.date = day;
        w.next_change = PM_DATE_NONE;
        st = pm_org__reaches(&found, manager, person, manager_on_day, &w,
                             "reporting_line.manager", &s->error);
    }
    history_free(&w.h);
    if (st == PM_OK && found)
        return pm_error__set(&s->error, PM_ECYCLE,
                             "reporting_line.manager: person %lld reports to person %lld, "
                             "directly or not; a cycle is refused",
                             (long long)manager, (long long)person);
    return st;
}

/* Applies "from date on, person has target (0: none)" to one kind. */
static pm_status change_line(pm_session *s, const line_kind *k, pm_id person, pm_id target,
                             pm_date date)
{
    history h = { s, NULL, 0, 0, 0, 0, 0 };
    pm_org_plan plan;
    pm_status st = history_load(&h, k, person);
    if (st == PM_OK)
        st = pm_org__plan_change(&plan, history_latest(&h), date, target, k->what, &s->error);
    if (st == PM_OK && k == &reporting && target != 0 && plan_sets_target(&plan, target))
        st = check_no_cycle(s, person, target, date);
    if (st == PM_OK)
        st = apply_plan(s, k, person, &h, &plan);
    history_free(&h);
    return st;
}

/* --- internals --- */

pm_status pm_org__set_unit(pm_session *s, pm_id person, pm_id unit, pm_date date)
{
    pm_date day;
    pm_status st = resolve_date(&day, s, date, membership.date_field);
    if (st == PM_OK && unit < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "membership.unit: %lld is not a unit id",
                           (long long)unit);
    if (st == PM_OK)
        st = pm_person__check(s, person, membership.person_field, 1);
    if (st == PM_OK && unit != 0)
        st = pm_unit__check_exists(s, unit, membership.target_field);
    if (st == PM_OK)
        st = change_line(s, &membership, person, unit, day);
    return st;
}

pm_status pm_org__set_manager(pm_session *s, pm_id person, pm_id manager, pm_date date)
{
    pm_date day;
    pm_status st = resolve_date(&day, s, date, reporting.date_field);
    if (st == PM_OK)
        st = check_person_id(s, person, reporting.person_field);
    if (st == PM_OK && manager < 0)
        st = check_person_id(s, manager, reporting.target_field);
    if (st == PM_OK && manager == person)
        st = pm_error__set(&s->error, PM_EINVAL,
                           "reporting_line.manager: person %lld cannot be their own manager",
                           (long long)person);
    if (st == PM_OK)
        st = pm_person__check(s, person, reporting.person_field, 1);
    if (st == PM_OK && manager != 0)
        st = pm_person__check(s, manager, reporting.target_field, 1);
    if (st == PM_OK)
        st = change_line(s, &reporting, person, manager, day);
    return st;
}

pm_status pm_org__unit_on(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    pm_date day;
    *out = 0;
    pm_status st = resolve_date(&day, s, date, membership.date_field);
    if (st != PM_OK)
        return st;
    return target_on(out, s, &membership, person, day);
}

pm_status pm_org__manager_on(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    pm_date day;
    *out = 0;
    pm_status st = resolve_date(&day, s, date, reporting.date_field);
    if (st != PM_OK)
        return st;
    return target_on(out, s, &reporting, person, day);
}

/* The manager chain on one day, for pm_org__is_above(): unlike the cycle
 * check's walk it needs no later days, so each step is one row. */
typedef struct day_walk {
    pm_session *s;
    pm_date date;
} day_walk;

static pm_status manager_on_date(pm_id *parent, pm_id node, void *payload)
{
    day_walk *w = payload;
    *parent = 0;
    return target_on(parent, w->s, &reporting, node, w->date);
}

pm_status pm_org__is_above(int *out, pm_session *s, pm_id manager, pm_id person, pm_date date)
{
    *out = 0;
    pm_date day;
    pm_status st = resolve_date(&day, s, date, reporting.date_field);
    if (st != PM_OK || manager <= 0 || person <= 0)
        return st;
    day_walk w = { s, day };
    pm_id first = 0;
    /* Start above the person: nobody is above themselves. */
    st = manager_on_date(&first, person, &w);
    if (st == PM_OK && first != 0)
        st = pm_org__reaches(out, first, manager, manager_on_date, &w, "reporting_line.manager",
                             &s->error);
    return st;
}

pm_status pm_org__end_all(pm_session *s, pm_id person, pm_date date)
{
    pm_date day;
    pm_status st = resolve_date(&day, s, date, "person.left_on");
    if (st == PM_OK)
        st = change_line(s, &membership, person, 0, day);
    if (st == PM_OK)
        st = change_line(s, &reporting, person, 0, day);
    return st;
}

/* --- lists of people --- */

/* Ids in the order found, each once: a sorted copy answers "seen?". */
typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
    pm_id *sorted;
    size_t sorted_cap;
} id_list;

static pm_status id_list_init(id_list *l, pm_session *s)
{
    memset(l, 0, sizeof *l);
    l->s = s;
    /* pm_person_iter__new takes an allocated array even when it is empty. */
    l->cap = l->sorted_cap = 16;
    l->ids = pm__malloc(l->cap * sizeof *l->ids);
    l->sorted = pm__malloc(l->sorted_cap * sizeof *l->sorted);
    if (l->ids == NULL || l->sorted == NULL) {
        pm__free(l->ids);
        pm__free(l->sorted);
        l->ids = l->sorted = NULL;
        return out_of_memory(s);
    }
    return PM_OK;
}

static void id_list_free(id_list *l)
{
    pm__free(l->ids);
    pm__free(l->sorted);
    l->ids = l->sorted = NULL;
}

static size_t sorted_position(const id_list *l, pm_id id)
{
    size_t lo = 0, hi = l->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (l->sorted[mid] < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static pm_status grow(pm_session *s, pm_id **array, size_t *cap, size_t need)
{
    if (need <= *cap)
        return PM_OK;
    size_t bigger = *cap * 2;
    pm_id *grown = pm__realloc(*array, bigger * sizeof **array);
    if (grown == NULL)
        return out_of_memory(s);
    *array = grown;
    *cap = bigger;
    return PM_OK;
}

/* Appends id unless it is already listed. */
static pm_status id_list_add(id_list *l, pm_id id)
{
    size_t at = sorted_position(l, id);
    if (at < l->count && l->sorted[at] == id)
        return PM_OK;
    pm_status st = grow(l->s, &l->ids, &l->cap, l->count + 1);
    if (st == PM_OK)
        st = grow(l->s, &l->sorted, &l->sorted_cap, l->count + 1);
    if (st != PM_OK)
        return st;
    memmove(&l->sorted[at + 1], &l->sorted[at], (l->count - at) * sizeof *l->sorted);
    l->sorted[at] = id;
    l->ids[l->count++] = id;
    return PM_OK;
}

/* Collects the people of the rows of a by-target scan whose period covers
 * date (the scan already stops at periods starting after it). */
typedef struct covering_scan {
    id_list *list;
    pm_date date;
    pm_id skip;   /* never listed: the manager whose reports are gathered */
} covering_scan;

static int collect_covering(const pm_row *row, void *payload)
{
    covering_scan *c = payload;
    pm_org_period p = { row->values[LINE_TARGET].v.i, pm_value__as_date(&row->values[LINE_START]),
                        pm_value__as_date(&row->values[LINE_END]) };
    pm_id person = row->values[LINE_PERSON].v.i;
    if (!pm_org__covers(&p, c->date) || person == c->skip)
        return 0;
    pm_status st = id_list_add(c->list, person);
    return st == PM_OK ? 0 : st;
}

static pm_status collect_people_of(id_list *list, const line_kind *k, pm_id target,
                                   pm_date date, pm_id skip)
{
    pm_value eq[1] = { pm_value__int(target) };
    pm_value hi = pm_value__int(date);
    pm_scan scan = { k->kind, k->by_target, 1, eq, NULL, &hi, 0, 0 };
    covering_scan c = { list, date, skip };
    return pm_api__scan(list->s, &scan, collect_covering, &c);
}

static pm_status collect_reports(id_list *list, pm_id manager, pm_date date, unsigned int flags)
{
    pm_status st = collect_people_of(list, &reporting, manager, date, manager);
    /* The list is its own breadth-first queue: each person listed is asked
     * for their reports once. */
    for (size_t next = 0; st == PM_OK && (flags & PM_ORG_REPORTS_INDIRECT) && next < list->count;
         next++)
        st = collect_people_of(list, &reporting, list->ids[next], date, manager);
    return st;
}

static int collect_unit(const pm_row *row, void *payload)
{
    pm_status st = id_list_add(payload, row->id);
    return st == PM_OK ? 0 : st;
}

/* The unit and, for DEEP, every unit below it, breadth-first. */
static pm_status collect_units(id_list *units, pm_id unit, unsigned int flags)
{
    pm_status st = id_list_add(units, unit);
    for (size_t next = 0; st == PM_OK && (flags & PM_UNIT_MEMBERS_DEEP) && next < units->count;
         next++) {
        pm_value eq[1] = { pm_value__int(units->ids[next]) };
        pm_scan scan = { PM_KIND_UNIT, PM_UNIT_BY_PARENT_NAME, 1, eq, NULL, NULL, 0, 0 };
        st = pm_api__scan(units->s, &scan, collect_unit, units);
    }
    return st;
}

static pm_status collect_members(id_list *people, pm_id unit, pm_date date, unsigned int flags)
{
    id_list units;
    pm_status st = id_list_init(&units, people->s);
    if (st == PM_OK)
        st = collect_units(&units, unit, flags);
    for (size_t i = 0; st == PM_OK && i < units.count; i++)
        st = collect_people_of(people, &membership, units.ids[i], date, 0);
    id_list_free(&units);
    return st;
}

/* Hands the listed people to a person iterator, which takes the ids. */
static pm_status finish_list(pm_person_iter **out, id_list *list, pm_status st)
{
    pm__free(list->sorted);
    list->sorted = NULL;
    if (st != PM_OK) {
        pm__free(list->ids);
        return st;
    }
    return pm_person_iter__new(out, list->s, list->ids, list->count);
}

/* --- public functions --- */

pm_status pm_org_set_unit(pm_session *s, pm_id person, pm_id unit, pm_date date)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_person_id(s, person, membership.person_field);
    if (st == PM_OK && unit < 0)
        st = pm_error__set(&s->error, PM_EINVAL, "membership.unit: %lld is not a unit id",
                           (long long)unit);
    if (st == PM_OK && date != PM_DATE_NONE)
        st = pm_org__check_date(date, membership.date_field, &s->error);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ADMIN_ORG, person);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, pm_org__set_unit(s, person, unit, date));
}

pm_status pm_org_set_manager(pm_session *s, pm_id person, pm_id manager, pm_date date)
{
    PM_CHECK_SESSION(s);
    pm_status st = check_person_id(s, person, reporting.person_field);
    if (st == PM_OK && manager < 0)
        st = check_person_id(s, manager, reporting.target_field);
    if (st == PM_OK && date != PM_DATE_NONE)
        st = pm_org__check_date(date, reporting.date_field, &s->error);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_ADMIN_ORG, person);
    if (st == PM_OK)
        st = pm_api__begin(s);
    if (st != PM_OK)
        return st;
    return pm_api__finish(s, pm_org__set_manager(s, person, manager, date));
}

/* The checks every dated query of one person shares. */
static pm_status check_query(pm_session *s, pm_id person, pm_date date, const line_kind *k)
{
    pm_status st = check_person_id(s, person, k->person_field);
    if (st == PM_OK && date != PM_DATE_NONE)
        st = pm_org__check_date(date, k->date_field, &s->error);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, person);
    if (st == PM_OK)
        st = pm_person__check(s, person, k->person_field, 0);
    return st;
}

pm_status pm_org_unit_on(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = 0;
    pm_status st = check_query(s, person, date, &membership);
    return st == PM_OK ? pm_org__unit_on(out, s, person, date) : st;
}

pm_status pm_org_manager_on(pm_id *out, pm_session *s, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = 0;
    pm_status st = check_query(s, person, date, &reporting);
    return st == PM_OK ? pm_org__manager_on(out, s, person, date) : st;
}

pm_status pm_org_is_above(int *out, pm_session *s, pm_id manager, pm_id person, pm_date date)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = 0;
    pm_status st = check_person_id(s, manager, reporting.target_field);
    if (st == PM_OK)
        st = check_query(s, person, date, &reporting);
    if (st == PM_OK)
        st = pm_person__check(s, manager, reporting.target_field, 0);
    return st == PM_OK ? pm_org__is_above(out, s, manager, person, date) : st;
}

pm_status pm_org_reports(pm_person_iter **out, pm_session *s, pm_id manager, pm_date date,
                         unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_flags(s, flags, PM_ORG_REPORTS_INDIRECT);
    pm_date day = date;
    if (st == PM_OK)
        st = check_person_id(s, manager, reporting.target_field);
    if (st == PM_OK)
        st = resolve_date(&day, s, date, reporting.date_field);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, manager);
    if (st == PM_OK)
        st = pm_person__check(s, manager, reporting.target_field, 0);
    if (st != PM_OK)
        return st;
    id_list list;
    st = id_list_init(&list, s);
    if (st != PM_OK)
        return st;
    return finish_list(out, &list, collect_reports(&list, manager, day, flags));
}

pm_status pm_unit_members(pm_person_iter **out, pm_session *s, pm_id unit, pm_date date,
                          unsigned int flags)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    pm_status st = check_flags(s, flags, PM_UNIT_MEMBERS_DEEP);
    pm_date day = date;
    if (st == PM_OK)
        st = resolve_date(&day, s, date, membership.date_field);
    if (st == PM_OK && unit <= 0)
        st = pm_error__set(&s->error, PM_EINVAL, "unit: %lld is not a unit id", (long long)unit);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_READ_DIRECTORY, 0);
    if (st == PM_OK)
        st = pm_unit__check_exists(s, unit, "unit");
    if (st != PM_OK)
        return st;
    id_list list;
    st = id_list_init(&list, s);
    if (st != PM_OK)
        return st;
    return finish_list(out, &list, collect_members(&list, unit, day, flags));
}
