/*
 * bench_goal's perfmgmt side: the public API only (see bench_goal.c).
 */
#include <string.h>

#include "bench_goal.h"

bench_timing lib_build_org(bench_pm_side *side, const workload *w, pm_id *person_ids)
{
    bench_timing t = bench_pm_import_org(side, &w->org);
    /* Ids of the people the bench needs: the manager and the goal owners. */
    pm_session *s = side->session;
    person_ids[TEAM_MANAGER] = bench_pm_person_id(s, w->rows[TEAM_MANAGER].external_id);
    for (long i = 0; i < w->goals; i++) {
        long owner = w->goal_rows[i].owner;
        if (person_ids[owner] == 0)
            person_ids[owner] = bench_pm_person_id(s, w->rows[owner].external_id);
    }
    return t;
}

bench_timing lib_create_goals(bench_pm_side *side, const workload *w, const pm_id *person_ids,
                             pm_id *goal_ids, pm_id *kr_ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    bench_pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        pm_goal_opts go = PM_GOAL_OPTS_INIT;
        go.owner = person_ids[g->owner];
        go.title = g->title;
        go.start = w->d.start;
        go.due = w->d.due;
        bench_pm_check(s, pm_goal_create(&goal_ids[i], s, &go), "pm_goal_create");
        pm_key_result_opts ko = PM_KEY_RESULT_OPTS_INIT;
        ko.title = g->kr_title;
        ko.baseline = g->baseline;
        ko.target = g->target;
        ko.unit = "%";
        bench_pm_check(s, pm_key_result_add(&kr_ids[i], s, goal_ids[i], &ko),
                       "pm_key_result_add");
    }
    bench_pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

bench_timing lib_activate_goals(bench_pm_side *side, const workload *w, const pm_id *goal_ids)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    bench_pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++)
        bench_pm_check(s, pm_goal_set_state(s, goal_ids[i], PM_GOAL_ACTIVE),
                       "pm_goal_set_state");
    bench_pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->goals };
}

double lib_progress_round(bench_pm_side *side, const workload *w, const pm_id *goal_ids,
                         const pm_id *kr_ids, int round)
{
    pm_session *s = side->session;
    double t0 = bench_now_seconds();
    bench_pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->goals; i++) {
        const goal_row *g = &w->goal_rows[i];
        if (!g->updated)
            continue;
        pm_progress_opts po = PM_PROGRESS_OPTS_INIT;
        po.value = round == 1 ? g->value1 : g->value2;
        po.confidence = 7;
        po.comment = "Weekly update";
        bench_pm_check(s, pm_progress_add(NULL, s, goal_ids[i], kr_ids[i], &po),
                       "pm_progress_add");
    }
    bench_pm_check(s, pm_session_commit(s), "pm_session_commit");
    return bench_now_seconds() - t0;
}

size_t lib_attention(pm_session *as_manager, pm_id manager, const dates *d)
{
    pm_goal_iter *it = NULL;
    bench_pm_check(as_manager,
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
        bench_pm_check(as_manager, st, "pm_goal_iter_next");
    bench_sink += sum;
    return count;
}
