/*
 * bench_feedback's perfmgmt side: the public API only (see bench_feedback.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_feedback.h"

static pm_time fixed_clock(void *payload)
{
    return *(const pm_time *)payload;
}

static void pm_check(pm_session *s, pm_status st, const char *what)
{
    if (st != PM_OK) {
        fprintf(stderr, "bench_feedback: %s: %s (%s)\n", what, s ? pm_session_errmsg(s) : "",
                pm_status_str(st));
        exit(1);
    }
}

void lib_side_open(lib_side *side, const char *path)
{
    char uri[BENCH_PATH_SIZE + 16];
    snprintf(uri, sizeof uri, "sqlite:%s", path);
    /* Anonymous feedback needs the deployment's secret; it is never stored. */
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = bench_secret;
    opts.secret_len = strlen(bench_secret);
    char *errmsg = NULL;
    if (pm_db_open(&side->db, &errmsg, uri, &opts) != PM_OK)
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

/* ---- the organisation ---- */

/* "Org", "Org/D3" or "Org/D3/D3-5": the unit and the units above it. */
static void unit_path(char buf[128], int unit)
{
    char names[3][32];
    int depth = 0;
    for (int u = unit; u >= 0 && depth < 3; u = unit_parent(u))
        unit_name(names[depth++], sizeof names[0], u);
    buf[0] = '\0';
    for (int i = depth - 1; i >= 0; i--) {
        strcat(buf, names[i]); /* 3 names of under 32 bytes and 2 slashes fit */
        if (i > 0)
            strcat(buf, "/");
    }
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
        char unit[128];
        unit_path(unit, row->unit);
        int n = snprintf(csv + used, cap - used, "%s,%s,%s,%s,%s,%s\n", row->external_id,
                         row->display_name, row->email,
                         row->manager >= 0 ? w->rows[row->manager].external_id : "", unit,
                         i == HR_ADMIN ? "yes" : "no");
        if (n < 0 || (size_t)n >= cap - used)
            bench_die("csv", "buffer too small");
        used += (size_t)n;
    }
    *len = used;
    return csv;
}

bench_timing lib_build_org(lib_side *side, const workload *w, pm_id *person_ids)
{
    size_t len = 0;
    char *csv = org_csv(w, &len);
    pm_import_opts opts = PM_IMPORT_OPTS_INIT;
    opts.date = w->org_day;
    double t0 = bench_now_seconds();
    pm_check(side->session, pm_import_csv(side->session, csv, len, &opts, NULL), "pm_import_csv");
    double seconds = bench_now_seconds() - t0;
    free(csv);
    for (long i = 0; i < w->people; i++) {
        pm_person *p = NULL;
        pm_check(side->session, pm_person_lookup(&p, side->session, w->rows[i].external_id),
                 "pm_person_lookup");
        person_ids[i] = pm_person_id(p);
        pm_person_free(p);
    }
    return (bench_timing){ seconds, w->people };
}

/* ---- the ingest ---- */

/* Each entry is given in a session of its giver, as a service handling one
 * request would; the system session groups a batch into one transaction. */
bench_timing lib_ingest(lib_side *side, const workload *w, const pm_id *person_ids,
                        pm_id *last_id)
{
    pm_session *batch = side->session;
    double t0 = bench_now_seconds();
    for (long n = 0; n < w->entries; n++) {
        if (n % w->batch == 0)
            pm_check(batch, pm_session_begin(batch), "pm_session_begin");
        const entry_row *e = &w->stream[n];
        const feedback_text *t = entry_text(e);
        pm_session *giver = NULL;
        if (pm_session_open(&giver, side->db, person_ids[e->giver]) != PM_OK)
            bench_die("pm_session_open", pm_db_errmsg(side->db));
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
        pm_check(giver, pm_feedback_give(last_id, giver, &o), "pm_feedback_give");
        pm_session_free(giver);
        if (n % w->batch == w->batch - 1 || n == w->entries - 1)
            pm_check(batch, pm_session_commit(batch), "pm_session_commit");
    }
    return (bench_timing){ bench_now_seconds() - t0, w->entries };
}

/* ---- the look-up ---- */

pm_session *lib_session(lib_side *side, pm_id person)
{
    pm_session *s = NULL;
    if (pm_session_open(&s, side->db, person) != PM_OK)
        bench_die("pm_session_open", pm_db_errmsg(side->db));
    return s;
}

size_t lib_latest(pm_session *viewer, int limit, uint64_t *checksum)
{
    pm_feedback_iter *it = NULL;
    pm_check(viewer, pm_feedback_list_visible(&it, viewer, (size_t)limit),
             "pm_feedback_list_visible");
    pm_feedback *f = NULL;
    pm_status st;
    size_t count = 0, sum = 0;
    while ((st = pm_feedback_iter_next(&f, it)) == PM_OK) {
        sum += strlen(pm_feedback_text(f)) + (size_t)pm_feedback_given_at(f);
        *checksum += (uint64_t)pm_feedback_id(f) * (count + 1);
        count++;
    }
    pm_feedback_iter_free(it);
    if (st != PM_ITEROVER)
        pm_check(viewer, st, "pm_feedback_iter_next");
    bench_sink += sum;
    return count;
}
