/*
 * bench_gap's perfmgmt side: the public API only (see bench_gap.c).
 */
#include <stdio.h>
#include <string.h>

#include "bench_gap.h"

/* Writes per pm_session_begin()/pm_session_commit() batch while building. */
#define BATCH 5000L

typedef struct batch {
    pm_session *s;  /* the system session, whose group every write joins */
    long writes;
} batch;

static void batch_begin(batch *b)
{
    bench_pm_check(b->s, pm_session_begin(b->s), "pm_session_begin");
    b->writes = 0;
}

static void batch_commit(batch *b)
{
    bench_pm_check(b->s, pm_session_commit(b->s), "pm_session_commit");
}

/* Counts a write, committing and beginning again every BATCH writes. */
static void batch_wrote(batch *b)
{
    if (++b->writes < BATCH)
        return;
    batch_commit(b);
    batch_begin(b);
}

static void build_framework(pm_session *s, const workload *w, lib_ids *ids)
{
    static const char *const names[] = { "Novice", "Basic", "Capable", "Strong", "Expert" };
    pm_scale_opts so = PM_SCALE_OPTS_INIT;
    so.name = "Proficiency";
    so.min_level = SCALE_MIN;
    so.max_level = SCALE_MAX;
    so.level_names = names;
    pm_id scale = 0;
    bench_pm_check(s, pm_scale_create(&scale, s, &so), "pm_scale_create");
    for (int c = 0; c < w->competencies; c++) {
        char name[32];
        snprintf(name, sizeof name, "Competency %03d", c);
        pm_competency_opts co = PM_COMPETENCY_OPTS_INIT;
        co.name = name;
        co.category = "Craft";
        co.scale = scale;
        bench_pm_check(s, pm_competency_create(&ids->competencies[c], s, &co),
                       "pm_competency_create");
    }
    for (int k = 0; k < w->roles; k++) {
        const role_row *role = &w->role_rows[k];
        bench_pm_check(s, pm_role_create(&ids->roles[k], s, role->name, 0, NULL, 0),
                       "pm_role_create");
        for (int q = 0; q < role->count; q++)
            bench_pm_check(s, pm_role_require(s, ids->roles[k],
                                              ids->competencies[role->competency[q]],
                                              role->level[q]),
                           "pm_role_require");
    }
}

static void find_units(pm_session *s, const workload *w, lib_ids *ids)
{
    for (long u = 0; u < UNIT_COUNT; u++) {
        char path[96] = "";
        long chain[4];
        int depth = 0;
        for (long v = u; v >= 0 && depth < 4;) {
            chain[depth++] = v;
            bench_unit unit;
            w->org.unit(&unit, v, w->org.payload);
            v = unit.parent;
        }
        for (int k = depth - 1; k >= 0; k--) {
            bench_unit unit;
            w->org.unit(&unit, chain[k], w->org.payload);
            strcat(path, unit.name);
            if (k > 0)
                strcat(path, "/");
        }
        bench_pm_check(s, pm_unit_find(&ids->units[u], s, path), "pm_unit_find");
    }
}

/* Person i's assessments, each by the person or their manager, in that
 * one's own session. */
static void assess_person(bench_pm_side *side, batch *b, const workload *w, const lib_ids *ids,
                          long i, long *next)
{
    pm_session *self = NULL, *manager = NULL;
    for (; *next < w->assessments && w->assess[*next].person == i; (*next)++) {
        const assess_row *a = &w->assess[*next];
        pm_session **by = a->source == PM_ASSESSED_BY_SELF ? &self : &manager;
        if (*by == NULL)
            *by = bench_pm_session(side, ids->people[a->source == PM_ASSESSED_BY_SELF
                                                         ? i
                                                         : w->rows[i].manager]);
        pm_assessment_opts o = PM_ASSESSMENT_OPTS_INIT;
        o.person = ids->people[i];
        o.competency = ids->competencies[a->competency];
        o.level = a->level;
        o.source = (pm_assessment_source)a->source;
        o.on = a->on;
        bench_pm_check(*by, pm_assessment_add(NULL, *by, &o), "pm_assessment_add");
        batch_wrote(b);
    }
    pm_session_free(self);
    pm_session_free(manager);
}

bench_timing lib_build(bench_pm_side *side, const workload *w, lib_ids *ids)
{
    pm_session *s = side->session;
    bench_clock = (pm_time)w->d.org_day * 86400 + 8 * 3600;
    double t0 = bench_now_seconds();
    bench_pm_import_org(side, &w->org);
    /* Everything after the import happens today, dated in the past. */
    bench_clock = (pm_time)w->d.today * 86400 + 8 * 3600;
    for (long i = 0; i < w->people; i++)
        ids->people[i] = bench_pm_person_id(s, w->rows[i].external_id);
    find_units(s, w, ids);
    batch b = { s, 0 };
    batch_begin(&b);
    build_framework(s, w, ids);
    for (long i = 0; i < w->people; i++) {
        const person_row *row = &w->rows[i];
        if (row->moves_to >= 0) {
            bench_pm_check(s, pm_org_set_unit(s, ids->people[i], ids->units[row->moves_to],
                                              w->d.change_day),
                           "pm_org_set_unit");
            batch_wrote(&b);
        }
        bench_pm_check(s, pm_role_assign(s, ids->people[i], ids->roles[row->role], w->d.org_day),
                       "pm_role_assign");
        batch_wrote(&b);
        if (row->new_role >= 0) {
            bench_pm_check(s, pm_role_assign(s, ids->people[i], ids->roles[row->new_role],
                                             w->d.change_day),
                           "pm_role_assign");
            batch_wrote(&b);
        }
    }
    long next = 0;
    for (long i = 0; i < w->people; i++)
        assess_person(side, &b, w, ids, i, &next);
    batch_commit(&b);
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

void lib_gap_unit(bench_pm_side *side, const workload *w, const lib_ids *ids, gap_result *out)
{
    pm_session *s = side->session;
    pm_gap_summary_opts o = PM_GAP_SUMMARY_OPTS_INIT;
    o.on = w->d.today;
    o.compare = w->d.compare;
    pm_gap_summary_iter *it = NULL;
    bench_pm_check(s, pm_gap_unit(&it, s, ids->units[UNIT_DEPT], &o), "pm_gap_unit");
    pm_gap_summary *g;
    pm_status st;
    while ((st = pm_gap_summary_iter_next(&g, it)) == PM_OK) {
        gap_numbers *n = gap_result_add(out, pm_gap_summary_competency(g));
        n->people[0] = pm_gap_summary_people(g);
        n->assessed[0] = pm_gap_summary_assessed(g);
        n->below[0] = pm_gap_summary_below(g);
        n->mean_gap[0] = pm_gap_summary_mean_gap(g);
        n->people[1] = pm_gap_summary_people_before(g);
        n->assessed[1] = pm_gap_summary_assessed_before(g);
        n->below[1] = pm_gap_summary_below_before(g);
        n->mean_gap[1] = pm_gap_summary_mean_gap_before(g);
    }
    if (st != PM_ITEROVER)
        bench_pm_check(s, st, "pm_gap_summary_iter_next");
    pm_gap_summary_iter_free(it);
}
