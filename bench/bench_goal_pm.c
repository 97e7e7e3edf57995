/*
 * bench_goal's perfmgmt side: the public API only (see bench_goal.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_goal.h"

/* ---- perfmgmt ---- */
static pm_time fixed_clock(void *payload)
{
    return *(const pm_time *)payload;
}

static void pm_check(pm_session *s, pm_status st, const char *what)
{
    if (st != PM_OK) {
        fprintf(stderr, "bench_goal: %s: %s (%s)\n", what, s ? pm_session_errmsg(s) : "",
                pm_status_str(st));
        exit(1);
    }
}

void lib_side_open(lib_side *side, const char *path)
{
    char uri[BENCH_PATH_SIZE + 16];
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    char *errmsg = NULL;
    if (pm_db_open(&side->db, &errmsg, uri, NULL) != PM_OK)
        bench_die("pm_db_open", errmsg);
    if (pm_db_set_clock(side->db, fixed_clock, &bench_clock) != PM_OK)
        bench_die("pm_db_set_clock", pm_db_errmsg(side->db));
    if (pm_session_open_system(&side->session, side->db) != PM_OK)
        bench_die("pm_session_open_system", pm_db_errmsg(side->db));
}

void lib_side_close(lib_side *side)
{
    pm_session_free(side->session);
    pm_db_close(side->db);
}

/* The organisation as the CSV an HRIS export would give. */
static char *org_csv(const workload *w, size_t *len)
{
    size_t cap = (size_t)w->people * 160 + 128, used = 0;
    char *csv = malloc(cap);
    if (csv == NULL)
        bench_die("csv", "out of memory");
    used += (size_t)snprintf(csv, cap,
                             "external_id,name,email,manager_external_id,unit_path,hr_admin\n");
    for (long i = 0; i < w->people; i++) {
        const person_row *row = &w->rows[i];
        char unit[32];
        unit_name(unit, sizeof unit, row->unit);
        int n = snprintf(csv + used, cap - used, "%s,%s,%s,%s,%s%s,no\n", row->external_id,
                         row->display_name, row->email,
                         row->manager >= 0 ? w->rows[row->manager].external_id : "",
                         row->unit == 0 ? "" : "Org/", unit);
        if (n < 0 || (size_t)n >= cap - used)
            bench_die("csv", "buffer too small");
        used += (size_t)n;
    }
    *len = used;
    return csv;
}

static pm_id pm_lookup_id(pm_session *s, const char *external_id)
{
    pm_person *p = NULL;
    pm_check(s, pm_person_lookup(&p, s, external_id), "pm_person_lookup");
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

bench_timing lib_build_org(lib_side *side, const workload *w, pm_id *person_ids)
{
    size_t len = 0;
    char *csv = org_csv(w, &len);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = w->d.org_day;
    double t0 = bench_now_seconds();
    pm_check(side->session, pm_import_csv(side->session, csv, len, &opts, NULL), "pm_import_csv");
    double seconds = bench_now_seconds() - t0;
    free(csv);
    /* Ids of the people the bench needs: the manager and the goal owners. */
    person_ids[TEAM_MANAGER] = pm_lookup_id(side->session, w->rows[TEAM_MANAGER].external_id);
    for (long i = 0; i < w->goals; i++) {
        long owner = w->goal_rows[i].owner;
        if (person_ids[owner] == 0)
            person_ids[owner] = pm_lookup_id(side->session, w->rows[owner].external_id);
    }
    return (bench_timing){ seconds, w->people };
}

bench_timing lib_create_goals(lib_side *side, const workload *w, const pm_id *person_ids,
                             pm_id *goal_ids, pm_id *kr_ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        pm_goal_opts go = PM_GOAL_OPTS_INIT;
        go.owner = person_ids[g->owner];
        go.title = g->title;
        go.start = w->d.start;
        go.due = w->d.due;
        pm_check(s, pm_goal_create(&goal_ids[i], s, &go), "pm_goal_create");
        pm_key_result_opts ko = PM_KEY_RESULT_OPTS_INIT;
        ko.title = g->kr_title;
        ko.baseline = g->baseline;
        ko.target = g->target;
        ko.unit = "%";
        pm_check(s, pm_key_result_add(&kr_ids[i], s, goal_ids[i], &ko), "pm_key_result_add");
    }
    pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

bench_timing lib_activate_goals(lib_side *side, const workload *w, const pm_id *goal_ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++)
        pm_check(s, pm_goal_set_state(s, goal_ids[i], PM_GOAL_ACTIVE), "pm_goal_set_state");
    pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

double lib_progress_round(lib_side *side, const workload *w, const pm_id *goal_ids,
                         const pm_id *kr_ids, int round)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        if (!g->updated)
            continue;
        pm_progress_opts po = PM_PROGRESS_OPTS_INIT;
        po.value = round == 1 ? g->value1 : g->value2;
        po.confidence = 7;
        po.comment = "Weekly update";
        pm_check(s, pm_progress_add(NULL, s, goal_ids[i], kr_ids[i], &po), "pm_progress_add");
    }
    pm_check(s, pm_session_commit(s), "pm_session_commit");
    return bench_now_seconds() - t0;
}

size_t lib_attention(pm_session *as_manager, pm_id manager, const dates *d)
{
    pm_goal_iter *it = NULL;
    pm_check(as_manager,
             pm_goal_list_attention(&it, as_manager, manager, d->attention_day, NULL),
             "pm_goal_list_attention");
    pm_goal *g = NULL;
    pm_status st;
    size_t count = 0, sum = 0;
    while ((st = pm_goal_iter_next(&g, it)) == PM_OK) {
        sum += strlen(pm_goal_title(g)) + (size_t)pm_goal_id(g);
        count++;
    }
    pm_goal_iter_free(it);
    if (st != PM_ITEROVER)
        pm_check(as_manager, st, "pm_goal_iter_next");
    bench_sink += sum;
    return count;
}
