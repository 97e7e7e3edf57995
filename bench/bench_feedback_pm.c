/*
 * bench_feedback's perfmgmt side: the public API only (see bench_feedback.c).
 */
#include <string.h>

#include "bench_feedback.h"

/* ---- the organisation ---- */

bench_timing lib_build_org(bench_pm_side *side, const workload *w, pm_id *person_ids)
{
    bench_timing t = bench_pm_import_org(side, &w->org);
    for (long i = 0; i < w->people; i++)
        person_ids[i] = bench_pm_person_id(side->session, w->rows[i].external_id);
    return t;
}

/* ---- the ingest ---- */

/* Each entry is given in a session of its giver, as a service handling one
 * request would; the system session groups a batch into one transaction. */
bench_timing lib_ingest(bench_pm_side *side, const workload *w, const pm_id *person_ids,
                        pm_id *last_id)
{
    pm_session *batch = side->session;
    double t0 = bench_now_seconds();
    for (long n = 0; n < w->entries; n++) {
        if (n % w->batch == 0)
            bench_pm_check(batch, pm_session_begin(batch), "pm_session_begin");
        const entry_row *e = &w->stream[n];
        const feedback_text *t = entry_text(e);
        pm_session *giver = bench_pm_session(side, person_ids[e->giver]);
        pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
        o.receiver = person_ids[e->receiver];
        o.kind = (pm_feedback_kind)e->kind;
        o.text = t->text;
        o.situation = t->situation;
        o.behaviour = t->behaviour;
        o.impact = t->impact;
        o.visibility = (pm_feedback_visibility)e->visibility;
        o.anonymous = e->anonymous;
        o.at = e->at;
        bench_pm_check(giver, pm_feedback_give(last_id, giver, &o), "pm_feedback_give");
        pm_session_free(giver);
        if (n % w->batch == w->batch - 1 || n == w->entries - 1)
            bench_pm_check(batch, pm_session_commit(batch), "pm_session_commit");
    }
    return (bench_timing){ bench_now_seconds() - t0, w->entries };
}

/* ---- the look-up ---- */

size_t lib_latest(pm_session *viewer, int limit, uint64_t *checksum)
{
    pm_feedback_iter *it = NULL;
    bench_pm_check(viewer, pm_feedback_list_visible(&it, viewer, (size_t)limit),
                   "pm_feedback_list_visible");
    pm_feedback *f = NULL;
    pm_status st;
    size_t count = 0, sum = 0;
    while ((st = pm_feedback_iter_next(&f, it)) == PM_OK) {
        sum += strlen(pm_feedback_text(f)) + (size_t)pm_feedback_given_at(f);
        *checksum += bench_entry_print(pm_feedback_given_at(f), pm_feedback_text(f)) * (count + 1);
        count++;
    }
    pm_feedback_iter_free(it);
    if (st != PM_ITEROVER)
        bench_pm_check(viewer, st, "pm_feedback_iter_next");
    bench_sink += sum;
    return count;
}
