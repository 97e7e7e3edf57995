/* Who is counted when a number is about a group, and whether the session
 * may see it (org_people.h). The culture, gap, wellbeing, trend and
 * evaluation numbers all count the same people and apply the same rule, so
 * both live here once. Reads only: nothing here writes. */
#include "org_people.h"

#include <stdio.h>
#include <stdlib.h>

#include "org_internal.h"
#include "../core/org.h"

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "org: out of memory");
}

static pm_status damaged(pm_session *s, const char *what, pm_id id)
{
    return pm_error__set(&s->error, PM_ECORRUPT,
                         "%s: stored record %lld is damaged; the store is damaged", what,
                         (long long)id);
}

/* A growing list of ids. */
typedef struct id_list {
    pm_session *s;
    pm_id *ids;
    size_t count;
    size_t cap;
    pm_date on;   /* membership and person scans: the day that counts */
} id_list;

static pm_status id_list_add(id_list *l, pm_id id)
{
    if (l->count == l->cap) {
        size_t cap = l->cap ? l->cap * 2 : 16;
        pm_id *grown = pm__realloc(l->ids, cap * sizeof *grown);
        if (grown == NULL)
            return out_of_memory(l->s);
        l->ids = grown;
        l->cap = cap;
    }
    l->ids[l->count++] = id;
    return PM_OK;
}

static void id_list_sort_unique(id_list *l)
{
    if (l->count == 0)
        return;
    qsort(l->ids, l->count, sizeof *l->ids, pm_api__compare_ids);
    size_t kept = 1;
    for (size_t i = 1; i < l->count; i++)
        if (l->ids[i] != l->ids[kept - 1])
            l->ids[kept++] = l->ids[i];
    l->count = kept;
}

static int id_list_has(const id_list *l, pm_id id)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->ids[i] == id)
            return 1;
    return 0;
}

/* Hands the list to the caller, NULL when empty (the buffer is freed). */
static void id_list_give(pm_id **out, size_t *n, id_list *l)
{
    if (l->count == 0) {
        pm__free(l->ids);
        l->ids = NULL;
    }
    *out = l->ids;
    *n = l->count;
}

/* ---- the units below a unit ---- */

static int add_child_unit(const pm_row *row, void *payload)
{
    id_list *units = payload;
    /* A stored tree that loops would bring a unit back: list it once. */
    if (id_list_has(units, row->id))
        return 0;
    pm_status st = id_list_add(units, row->id);
    return st == PM_OK ? 0 : st;
}

/* Breadth first: the list is its own queue. */
static pm_status collect_subtree(id_list *units, pm_id unit)
{
    pm_status st = id_list_add(units, unit);
    for (size_t next = 0; st == PM_OK && next < units->count; next++) {
        pm_value eq[1] = { pm_value__int(units->ids[next]) };
        pm_scan scan = { PM_KIND_UNIT, PM_UNIT_BY_PARENT_NAME, 1, eq, NULL, NULL, 0, 0 };
        st = pm_api__scan(units->s, &scan, add_child_unit, units);
    }
    return st;
}

pm_status pm_org__subtree(pm_id **units, size_t *n, pm_session *s, pm_id unit)
{
    *units = NULL;
    *n = 0;
    id_list l = { s, NULL, 0, 0, PM_DATE_NONE };
    pm_status st = collect_subtree(&l, unit);
    if (st != PM_OK) {
        pm__free(l.ids);
        return st;
    }
    id_list_give(units, n, &l);
    return PM_OK;
}

/* ---- the people in them on a day ---- */

static int add_member(const pm_row *row, void *payload)
{
    id_list *people = payload;
    if (row->nvalues != PM_MEMBERSHIP_NFIELDS)
        return damaged(people->s, "membership", row->id);
    pm_org_period p = { row->values[PM_MEMBERSHIP_UNIT].v.i,
                        pm_value__as_date(&row->values[PM_MEMBERSHIP_START_ON]),
                        pm_value__as_date(&row->values[PM_MEMBERSHIP_END_ON]) };
    if (!pm_org__covers(&p, people->on))
        return 0;
    pm_status st = id_list_add(people, row->values[PM_MEMBERSHIP_PERSON].v.i);
    return st == PM_OK ? 0 : st;
}

/* Members on `on` of unit and the units below it (the same reading as
 * pm_unit_members() with PM_UNIT_MEMBERS_DEEP). */
static pm_status collect_unit_people(id_list *people, pm_id unit)
{
    id_list units = { people->s, NULL, 0, 0, PM_DATE_NONE };
    pm_status st = collect_subtree(&units, unit);
    for (size_t i = 0; st == PM_OK && i < units.count; i++) {
        pm_value eq[1] = { pm_value__int(units.ids[i]) };
        pm_value hi = pm_value__int(people->on);
        /* Periods starting after the day cannot cover it. */
        pm_scan scan = { PM_KIND_MEMBERSHIP, PM_MEMBERSHIP_BY_UNIT, 1, eq, NULL, &hi, 0, 0 };
        st = pm_api__scan(people->s, &scan, add_member, people);
    }
    pm__free(units.ids);
    return st;
}

static int add_if_working(const pm_row *row, void *payload)
{
    id_list *people = payload;
    if (row->nvalues != PM_PERSON_NFIELDS)
        return damaged(people->s, "person", row->id);
    pm_date left_on = pm_value__as_date(&row->values[PM_PERSON_LEFT_ON]);
    int active = row->values[PM_PERSON_STATUS].v.i == PM_PERSON_ACTIVE;
    /* Someone who left after the day still worked here then. */
    if (!active && !(left_on != PM_DATE_NONE && left_on > people->on))
        return 0;
    pm_status st = id_list_add(people, row->id);
    return st == PM_OK ? 0 : st;
}

pm_status pm_org__people_on(pm_id **people, size_t *n, pm_session *s, pm_id unit, pm_date date)
{
    *people = NULL;
    *n = 0;
    id_list l = { s, NULL, 0, 0, date };
    pm_status st;
    if (unit == 0) {
        /* The whole organisation, in a unit or not. */
        pm_scan scan = { PM_KIND_PERSON, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
        st = pm_api__scan(s, &scan, add_if_working, &l);
    } else {
        st = collect_unit_people(&l, unit);
    }
    if (st != PM_OK) {
        pm__free(l.ids);
        return st;
    }
    /* Someone in two units of the subtree is counted once. */
    id_list_sort_unique(&l);
    id_list_give(people, n, &l);
    return PM_OK;
}

/* ---- may the session see numbers about them ---- */

/* HR and the system see numbers about anyone; a person only about a group
 * whose every counted member is themself or below them today: a manager
 * counted in their own team learns nothing from the numbers that they could
 * not read one person at a time already. The access table decides, one
 * person at a time, so a changed row changes every caller alike. */
pm_status pm_org__authorize_people(pm_session *s, pm_action action, const pm_id *people,
                                   size_t n, const char *what)
{
    if (pm_access__check(&s->actor, action, PM_REL_NONE) == PM_OK)
        return PM_OK;
    pm_date today = pm_api__today(s->db);
    for (size_t i = 0; i < n; i++) {
        int above = 0;
        pm_relation rel = PM_REL_SELF;
        if (people[i] != s->actor.person) {
            pm_status st = pm_org__is_above(&above, s, s->actor.person, people[i], today);
            if (st != PM_OK)
                return st;
            rel = above ? PM_REL_MANAGER : PM_REL_NONE;
        }
        if (pm_access__check(&s->actor, action, rel) == PM_OK)
            continue;
        return pm_error__set(&s->error, PM_EPERM,
                             "permission denied: person %lld may not %s (%s: person %lld "
                             "counted there is not below them)",
                             (long long)s->actor.person, pm_access__describe(action),
                             what ? what : "the group", (long long)people[i]);
    }
    return PM_OK;
}
