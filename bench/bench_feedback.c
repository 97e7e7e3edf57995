/*
 * bench_feedback: what perfmgmt's feedback API costs over raw SQLite doing
 * the same work, measured in one run on the same machine.
 *
 * Both sides write to a file in a fresh temporary directory, with the
 * settings the SQLite backend uses (WAL, synchronous=NORMAL, 64 MiB cache,
 * foreign keys, temp_store=MEMORY). The raw side creates the person, unit,
 * membership, reporting_line and feedback tables with the columns, types and
 * indexes src/core/schema.c declares (as src/storage/sqlite_schema.c lays
 * them out) and uses prepared statements; the perfmgmt side goes through the
 * public API only (sessions, validation, NFC text, direction derived from
 * the organisation, access rules, audit fields, snapshots).
 *
 *   setup  an organisation of P people (default 100 000) in teams of 8
 *          under managers, 7 levels deep at the default size, in 73 units
 *          (the top, 8 divisions, 64 departments): perfmgmt imports it with
 *          pm_import_csv(), the raw side inserts the same units, people,
 *          memberships and reporting lines in one transaction. Timed, not
 *          compared.
 *   (a)    ingest of N feedback entries (default 1 000 000) in transactions
 *          of 1000, in the order they were given over 540 days: 40% between
 *          teammates, 20% from the manager, 15% to the manager, 2% self,
 *          23% between any two people; 60% praise, 25% constructive (with
 *          situation, behaviour and impact), 15% suggestions; shared with the
 *          receiver (50%), their managers (30%) or everyone (20%); 5%
 *          anonymous. perfmgmt: the batch is grouped by the system session
 *          (pm_session_begin/commit), each entry is given from a session of
 *          its giver (pm_session_open, pm_feedback_give with the time it was
 *          given, pm_session_free), the store opened with a secret
 *          (pm_db_opts.secret). Raw SQLite, per entry, does what a careful
 *          application must before the INSERT: reads the giver's and the
 *          receiver's person rows (they exist and are active), derives the
 *          direction on the day from reporting_line (both manager chains,
 *          through reporting_by_person) and, when the managers differ, from
 *          membership (both units, membership_by_person), checks the text is
 *          not blank and not too long, and for anonymous entries keeps the
 *          day only and the direction as undisclosed, draws a 16-byte
 *          nonce from the system and stores HMAC-SHA256(secret, nonce,
 *          giver) instead of the giver. It does
 *          not NFC-normalise text or validate UTF-8 (the texts are ASCII).
 *   (b)    the newest 20 feedback entries a viewer may read, for 25 people
 *          with no reports, 25 managers of exactly 8 people and an HR admin:
 *          pm_feedback_list_visible(limit 20) in the viewer's own session,
 *          reading the 20 snapshots; raw: one statement, the newest 20 of
 *          (received by the viewer) UNION (given by the viewer, named)
 *          UNION (shared with everyone) UNION (shared with managers and
 *          received by someone under the viewer, through a recursive walk of
 *          reporting_line), each arm through its index with its own LIMIT,
 *          ORDER BY given_at DESC, id DESC, the rows copied into snapshots;
 *          for the HR admin, the newest 20 of all (feedback_by_time).
 *
 * Everything happens on a fixed clock (pm_db_set_clock): the org is built
 * before the stream starts, the entries carry their own times, and the
 * look-ups run the day after the last one. The writes run once; each look-up
 * runs LOOKUP_REPEAT times per viewer per pass, the sides take turns pass by
 * pass, and the fastest pass counts.
 *
 * Usage: bench_feedback [N [P]]   N feedback entries (default 1000000),
 *                                 P people (default 100000).
 *        bench_feedback 100000 10000 is a quick run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_feedback.h"

#define DEFAULT_ENTRIES 1000000L
#define DEFAULT_PEOPLE 100000L
#define MIN_PEOPLE 1000L
#define MAX_PEOPLE 2000000L
#define MAX_ENTRIES 20000000L
#define LIMIT 20

#define LOOKUP_PASSES 5
#define LOOKUP_REPEAT 4

typedef struct results {
    bench_timing setup, ingest;
    bench_timing latest[VIEW_KINDS];
    long returned[VIEW_KINDS];   /* entries returned in a pass, all viewers */
    uint64_t checksum[VIEW_KINDS];
    int64_t last_id;
} results;

/* ---- the run ---- */

static void run_lookups(results *pm, results *raw, raw_side *r, bench_pm_side *side,
                        const workload *w, const viewers *v, const int64_t *raw_people,
                        const pm_id *pm_people)
{
    pm_session *sessions[VIEW_KINDS][VIEWERS];
    for (int kind = 0; kind < VIEW_KINDS; kind++)
        for (int k = 0; k < v->count[kind]; k++)
            sessions[kind][k] = bench_pm_session(side, pm_people[v->person[kind][k]]);

    for (int pass = 0; pass < LOOKUP_PASSES; pass++) {
        for (int kind = 0; kind < VIEW_KINDS; kind++) {
            long ops = (long)v->count[kind] * LOOKUP_REPEAT;
            uint64_t sum = 0;
            long returned = 0;
            double t0 = bench_now_seconds();
            for (int rep = 0; rep < LOOKUP_REPEAT; rep++)
                for (int k = 0; k < v->count[kind]; k++)
                    returned += (long)raw_latest(r, raw_people[v->person[kind][k]],
                                                 kind == VIEW_HR, LIMIT, w, &sum);
            bench_timing t = { bench_now_seconds() - t0, ops };
            raw->latest[kind] = pass == 0 ? t : bench_faster(raw->latest[kind], t);
            raw->returned[kind] = returned;
            raw->checksum[kind] = sum;

            sum = 0;
            returned = 0;
            t0 = bench_now_seconds();
            for (int rep = 0; rep < LOOKUP_REPEAT; rep++)
                for (int k = 0; k < v->count[kind]; k++)
                    returned += (long)lib_latest(sessions[kind][k], LIMIT, &sum);
            t = (bench_timing){ bench_now_seconds() - t0, ops };
            pm->latest[kind] = pass == 0 ? t : bench_faster(pm->latest[kind], t);
            pm->returned[kind] = returned;
            pm->checksum[kind] = sum;
        }
    }

    for (int kind = 0; kind < VIEW_KINDS; kind++)
        for (int k = 0; k < v->count[kind]; k++)
            pm_session_free(sessions[kind][k]);
}

static void run_benchmark(results *pm, results *raw, const workload *w, const viewers *v)
{
    raw_side r;
    memset(&r, 0, sizeof r);
    raw_open(&r, bench_raw_path());
    bench_pm_side side = { NULL, NULL };
    bench_pm_open(&side, bench_pm_path(), &bench_clock, bench_secret);

    int64_t *raw_people = calloc((size_t)w->people, sizeof *raw_people);
    pm_id *pm_people = calloc((size_t)w->people, sizeof *pm_people);
    if (raw_people == NULL || pm_people == NULL)
        bench_die("ids", "out of memory");

    bench_clock = (pm_time)w->org_day * 86400 + 8 * 3600;
    raw->setup = bench_sqlite_build_org(r.db, &w->org, bench_clock, raw_people);
    pm->setup = lib_build_org(&side, w, pm_people);

    bench_clock = w->now;
    raw->ingest = raw_ingest(&r, w, raw_people, &raw->last_id);
    pm_id last = 0;
    pm->ingest = lib_ingest(&side, w, pm_people, &last);
    pm->last_id = last;

    run_lookups(pm, raw, &r, &side, w, v, raw_people, pm_people);

    free(raw_people);
    free(pm_people);
    bench_pm_close(&side);
    bench_sqlite_close(r.db);
}

/* ---- the report ---- */

static double ratio(bench_timing pm, bench_timing raw)
{
    return raw.seconds > 0 ? (pm.seconds / (double)pm.ops) / (raw.seconds / (double)raw.ops)
                           : 0.0;
}

static void print_row(const char *operation, bench_timing pm, bench_timing raw)
{
    printf("%-46s %13.0f %13.0f %9.1f %9.1f %9.2f\n", operation, bench_ops_per_second(pm),
           bench_ops_per_second(raw), pm.seconds * 1e6 / (double)pm.ops,
           raw.seconds * 1e6 / (double)raw.ops, ratio(pm, raw));
}

static void print_report(const workload *w, const viewers *v, const results *pm,
                         const results *raw)
{
    char label[96];
    int levels = w->rows[w->people - 1].level + 1;
    printf("\nbench_feedback: %ld feedback entries, %ld people (teams of %ld, %d levels,"
           " %ld units), SQLite %s, perfmgmt %s\n\n",
           w->entries, w->people, FANOUT, levels, UNIT_COUNT, sqlite3_libversion(),
           pm_version(NULL, NULL, NULL));
    print_mix(w);
    bench_print_setup(w->people, pm->setup.seconds, raw->setup.seconds);

    printf("%-46s %13s %13s %9s %9s %9s\n", "operation", "perfmgmt op/s", "sqlite op/s",
           "pm us/op", "sql us/op", "pm/sqlite");
    snprintf(label, sizeof label, "(a) give feedback, %ld in tx of %ld", w->entries, w->batch);
    print_row(label, pm->ingest, raw->ingest);
    for (int kind = 0; kind < VIEW_KINDS; kind++) {
        snprintf(label, sizeof label, "(b) newest %d visible, %s", LIMIT, viewer_label[kind]);
        print_row(label, pm->latest[kind], raw->latest[kind]);
    }

    printf("\n(a) last feedback id: %lld (perfmgmt), %lld (sqlite)%s\n", (long long)pm->last_id,
           (long long)raw->last_id,
           pm->last_id == raw->last_id ? "" : "  << THE SIDES DISAGREE");
    for (int kind = 0; kind < VIEW_KINDS; kind++) {
        int same = pm->returned[kind] == raw->returned[kind] &&
                   pm->checksum[kind] == raw->checksum[kind];
        printf("(b) %s: %d viewers, %.1f entries a look-up (both sides), entries %s\n",
               viewer_label[kind], v->count[kind],
               (double)pm->returned[kind] / (double)(v->count[kind] * LOOKUP_REPEAT),
               same ? "the same" : "DIFFER  << THE SIDES DISAGREE");
    }
    printf("target: pm/sqlite within 1.25 for the ingest and the look-ups\n");
    printf("sqlite reads before it writes what perfmgmt checks (people active, direction"
           " from the\n  reporting lines and units, anonymous tag); see bench/bench_feedback.c\n");
    printf("look-ups: fastest of %d passes of %d per viewer; writes: one pass\n", LOOKUP_PASSES,
           LOOKUP_REPEAT);
    bench_print_peak_rss();
}

/* ---- main ---- */

int main(int argc, char **argv)
{
    bench_start("bench_feedback"); /* names the messages; the directory goes at any exit */
    static const bench_arg args[] = {
        { "N", "feedback entries", 1, MAX_ENTRIES, DEFAULT_ENTRIES },
        { "P", "people", MIN_PEOPLE, MAX_PEOPLE, DEFAULT_PEOPLE },
    };
    long n[2];
    bench_parse_args(n, argc, argv, args, 2);
    long entries = n[0], people = n[1];

    workload w;
    workload_init(&w, entries, people);
    viewers v;
    pick_viewers(&v, &w);
    results raw, pm;
    memset(&raw, 0, sizeof raw);
    memset(&pm, 0, sizeof pm);
    run_benchmark(&pm, &raw, &w, &v);
    print_report(&w, &v, &pm, &raw);
    workload_free(&w);
    return 0;
}
