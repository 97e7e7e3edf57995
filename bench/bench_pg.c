/*
 * bench_pg: what perfmgmt's feedback API costs on PostgreSQL over raw
 * libpq doing the same work, measured in one run against one server.
 *
 * The workload is bench_feedback's, scaled down: an organisation of P
 * people (default 10 000) in teams of 8 under managers, in 73 units, and N
 * feedback entries (default 100 000; --quick: 20 000) with the same mix of
 * directions, kinds, visibilities and anonymous entries. Each side has a
 * schema of its own in the same database: perfmgmt opens its store with
 * pm_db_open() on the URI and schema=bench_pg_pm; the raw side creates the
 * tables and indexes the PostgreSQL backend makes in bench_pg_raw. Both
 * schemas are dropped first, and again at the end.
 *
 *   setup  the organisation: pm_import_csv() against INSERTs in one
 *          transaction (pipelined). Timed, not compared.
 *   (a)    the N entries given in transactions of 1000. perfmgmt: as
 *          bench_feedback (the system session groups a batch with
 *          pm_session_begin/commit, each entry given with
 *          pm_feedback_give() from a session of its giver). Raw libpq: the
 *          checks bench_feedback's raw side makes (both people active, the
 *          direction from both manager chains and units on the day, the
 *          text, the anonymous tag), their reads as one prepared statement
 *          per entry, all of a batch's reads in one pipeline, then its
 *          INSERTs and COMMIT in a second (bench_pg_raw.c).
 *   (b)    the newest 20 entries visible to 25 people without reports, 25
 *          managers of 8 and an HR admin: pm_feedback_list_visible()
 *          against one prepared statement (bench_feedback's UNION), both
 *          reading the rows into snapshots.
 *
 * The writes run once; a pass makes LOOKUPS_PER_PASS look-ups per kind of
 * viewer (each viewer of the kind in turn), the sides take turns pass by
 * pass, each going first in half of the passes, and the fastest pass
 * counts. Both sides' sessions plan each statement once
 * (plan_cache_mode force_generic_plan, as the library sets it).
 * Between the phases, untimed, both schemas' tables are ANALYZEd (as
 * autovacuum soon would), so that both sides' plans rest on statistics.
 *
 * Usage: bench_pg [--quick] URI [N [P]]
 *        URI: a PostgreSQL URI as pm_db_open() takes it, without a schema
 *        ("postgresql:///perfmgmt?host=/tmp/pg&port=5432&user=perfmgmt", or
 *        "postgresql:" and keyword/value pairs); scripts/bench starts a
 *        throwaway server and passes its URI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_pg.h"

#define DEFAULT_ENTRIES 100000L
#define QUICK_ENTRIES 20000L
#define DEFAULT_PEOPLE 10000L
#define MIN_PEOPLE 1000L
#define MAX_PEOPLE 2000000L
#define MAX_ENTRIES 20000000L
#define LIMIT 20

#define LOOKUP_PASSES 6 /* even: each side goes first in half of them */
#define LOOKUPS_PER_PASS 250 /* per kind of viewer: 10 per person, 250 for the HR admin */

#define PM_SCHEMA "bench_pg_pm"
#define RAW_SCHEMA "bench_pg_raw"
#define CONNINFO_SIZE 4096

typedef struct results {
    bench_timing setup, ingest;
    bench_timing latest[VIEW_KINDS];
    long returned[VIEW_KINDS]; /* entries returned in a pass, all viewers */
    long lookups[VIEW_KINDS];  /* look-ups in a pass */
    uint64_t checksum[VIEW_KINDS];
    int64_t last_id;
} results;

/* ---- the connection strings ---- */

static int is_uri(const char *s)
{
    return strncmp(s, "postgresql://", 13) == 0 || strncmp(s, "postgres://", 11) == 0;
}

/* What libpq takes: a URI whole, keyword/value pairs without "postgresql:". */
static void libpq_conninfo(char *out, size_t size, const char *uri)
{
    const char *pairs = uri;
    if (!is_uri(uri) && strncmp(uri, "postgresql:", 11) == 0)
        pairs = uri + 11;
    else if (!is_uri(uri) && strncmp(uri, "postgres:", 9) == 0)
        pairs = uri + 9;
    if ((size_t)snprintf(out, size, "%s", pairs) >= size)
        bench_die("URI", "too long");
}

/* The URI with the perfmgmt side's schema. */
static void pm_uri(char *out, size_t size, const char *uri)
{
    int n;
    if (is_uri(uri))
        n = snprintf(out, size, "%s%cschema=" PM_SCHEMA, uri, strchr(uri, '?') ? '&' : '?');
    else
        n = snprintf(out, size, "%s schema=" PM_SCHEMA, uri);
    if (n < 0 || (size_t)n >= size)
        bench_die("URI", "too long");
}

/* ---- the perfmgmt side ---- */

static pm_time fixed_clock(void *payload)
{
    return *(const pm_time *)payload;
}

/* bench_pm_open() on PostgreSQL: the store on bench_clock, with bench_secret. */
static void pm_open_pg(bench_pm_side *side, const char *uri)
{
    char with_schema[CONNINFO_SIZE];
    pm_uri(with_schema, sizeof with_schema, uri);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = bench_secret;
    opts.secret_len = strlen(bench_secret);
    char *errmsg = NULL;
    if (pm_db_open(&side->db, &errmsg, with_schema, &opts) != PM_OK)
        bench_die("pm_db_open", errmsg);
    if (pm_db_set_clock(side->db, fixed_clock, &bench_clock) != PM_OK)
        bench_die("pm_db_set_clock", pm_db_errmsg(side->db));
    if (pm_session_open_system(&side->session, side->db) != PM_OK)
        bench_die("pm_session_open_system", pm_db_errmsg(side->db));
}

/* ---- the run ---- */

/* One look-up of one side: the entries it returned. */
typedef size_t (*lookup_fn)(const void *ctx, int kind, int k, uint64_t *sum);

typedef struct raw_lookups {
    pg_raw_side *r;
    const workload *w;
    const viewers *v;
    const int64_t *people;
} raw_lookups;

static size_t raw_lookup(const void *ctx, int kind, int k, uint64_t *sum)
{
    const raw_lookups *c = ctx;
    return pg_raw_latest(c->r, c->people[c->v->person[kind][k]], kind == VIEW_HR, LIMIT, c->w,
                         sum);
}

typedef struct pm_lookups {
    pm_session *sessions[VIEW_KINDS][VIEWERS];
} pm_lookups;

static size_t pm_lookup(const void *ctx, int kind, int k, uint64_t *sum)
{
    const pm_lookups *c = ctx;
    return lib_latest(c->sessions[kind][k], LIMIT, sum);
}

/* One pass of one kind of viewer on one side: each viewer in turn. */
static void time_pass(results *side, const viewers *v, int kind, int first_pass,
                      lookup_fn lookup, const void *ctx)
{
    int repeat = LOOKUPS_PER_PASS / v->count[kind];
    uint64_t sum = 0;
    long returned = 0;
    double t0 = bench_now_seconds();
    for (int rep = 0; rep < repeat; rep++)
        for (int k = 0; k < v->count[kind]; k++)
            returned += (long)lookup(ctx, kind, k, &sum);
    bench_timing t = { bench_now_seconds() - t0, (long)v->count[kind] * repeat };
    side->latest[kind] = first_pass ? t : bench_faster(side->latest[kind], t);
    side->returned[kind] = returned;
    side->lookups[kind] = t.ops;
    side->checksum[kind] = sum;
}

/* The sides take turns, and which goes first changes from pass to pass:
 * the side that runs second right after the other measured up to 30%
 * slower on the same statements, whichever it was. */
static void run_lookups(results *pm, results *raw, pg_raw_side *r, bench_pm_side *side,
                        const workload *w, const viewers *v, const int64_t *raw_people,
                        const pm_id *pm_people)
{
    pm_lookups pm_ctx;
    for (int kind = 0; kind < VIEW_KINDS; kind++)
        for (int k = 0; k < v->count[kind]; k++)
            pm_ctx.sessions[kind][k] = bench_pm_session(side, pm_people[v->person[kind][k]]);

    raw_lookups raw_ctx = { r, w, v, raw_people };
    for (int pass = 0; pass < LOOKUP_PASSES; pass++) {
        for (int kind = 0; kind < VIEW_KINDS; kind++) {
            for (int turn = 0; turn < 2; turn++) {
                if ((turn + pass) % 2 == 0)
                    time_pass(raw, v, kind, pass == 0, raw_lookup, &raw_ctx);
                else
                    time_pass(pm, v, kind, pass == 0, pm_lookup, &pm_ctx);
            }
        }
    }

    for (int kind = 0; kind < VIEW_KINDS; kind++)
        for (int k = 0; k < v->count[kind]; k++)
            pm_session_free(pm_ctx.sessions[kind][k]);
}

/* Untimed, between the phases: what autovacuum would soon do anyway,
 * done at once so that both sides' plans rest on the same statistics. */
static void analyze_both(pg_raw_side *r)
{
    pg_raw_analyze(r, RAW_SCHEMA);
    pg_raw_analyze(r, PM_SCHEMA);
}

/* Returns the server's version (PQserverVersion). */
static int run_benchmark(results *pm, results *raw, const char *uri, const workload *w,
                         const viewers *v)
{
    char conninfo[CONNINFO_SIZE];
    libpq_conninfo(conninfo, sizeof conninfo, uri);
    pg_raw_side r = { NULL };
    pg_raw_open(&r, conninfo, RAW_SCHEMA);
    pg_raw_drop_schema(&r, PM_SCHEMA); /* a fresh store: perfmgmt creates it */
    bench_pm_side side = { NULL, NULL };
    pm_open_pg(&side, uri);

    int64_t *raw_people = calloc((size_t)w->people, sizeof *raw_people);
    pm_id *pm_people = calloc((size_t)w->people, sizeof *pm_people);
    if (raw_people == NULL || pm_people == NULL)
        bench_die("ids", "out of memory");

    bench_clock = (pm_time)w->org_day * 86400 + 8 * 3600;
    raw->setup = pg_raw_build_org(&r, &w->org, bench_clock, raw_people);
    pm->setup = lib_build_org(&side, w, pm_people);
    analyze_both(&r);

    bench_clock = w->now;
    raw->ingest = pg_raw_ingest(&r, w, raw_people, &raw->last_id);
    pm_id last = 0;
    pm->ingest = lib_ingest(&side, w, pm_people, &last);
    pm->last_id = last;
    analyze_both(&r);

    run_lookups(pm, raw, &r, &side, w, v, raw_people, pm_people);

    free(raw_people);
    free(pm_people);
    bench_pm_close(&side);
    pg_raw_drop_schema(&r, PM_SCHEMA);
    pg_raw_drop_schema(&r, RAW_SCHEMA);
    int server_version = PQserverVersion(r.conn);
    pg_raw_close(&r);
    return server_version;
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
                         const results *raw, int server_version)
{
    char label[96];
    int levels = w->rows[w->people - 1].level + 1;
    printf("\nbench_pg: %ld feedback entries, %ld people (teams of %ld, %d levels, %ld units),"
           " PostgreSQL %d.%d, libpq %d.%d, perfmgmt %s\n\n",
           w->entries, w->people, FANOUT, levels, UNIT_COUNT, server_version / 10000,
           server_version % 10000, PQlibVersion() / 10000, PQlibVersion() % 10000,
           pm_version(NULL, NULL, NULL));
    print_mix(w);
    printf("setup, not compared: the organisation (%ld people, reporting lines, units)\n",
           w->people);
    printf("  perfmgmt pm_import_csv   %8.2f s\n", pm->setup.seconds);
    printf("  libpq    INSERTs         %8.2f s\n\n", raw->setup.seconds);

    printf("%-46s %13s %13s %9s %9s %9s\n", "operation", "perfmgmt op/s", "libpq op/s",
           "pm us/op", "pq us/op", "pm/libpq");
    snprintf(label, sizeof label, "(a) give feedback, %ld in tx of %ld", w->entries, w->batch);
    print_row(label, pm->ingest, raw->ingest);
    for (int kind = 0; kind < VIEW_KINDS; kind++) {
        snprintf(label, sizeof label, "(b) newest %d visible, %s", LIMIT, viewer_label[kind]);
        print_row(label, pm->latest[kind], raw->latest[kind]);
    }

    printf("\n(a) %ld entries given on each side (perfmgmt takes ids in blocks per "
           "transaction,\n    so the sides' ids differ; the look-ups compare entries by time and text)\n",
           w->entries);
    for (int kind = 0; kind < VIEW_KINDS; kind++) {
        int same = pm->returned[kind] == raw->returned[kind] &&
                   pm->checksum[kind] == raw->checksum[kind];
        printf("(b) %s: %d viewers, %.1f entries a look-up (both sides), entries %s\n",
               viewer_label[kind], v->count[kind],
               (double)pm->returned[kind] / (double)pm->lookups[kind],
               same ? "the same" : "DIFFER  << THE SIDES DISAGREE");
    }
    printf("target: pm/libpq within 1.25 for the ingest and the look-ups\n");
    printf("libpq reads before it writes what perfmgmt checks (people active, direction from"
           " the\n  reporting lines and units, anonymous tag), one statement per entry, a"
           " batch's\n  reads in one pipeline and its INSERTs in another; see bench/bench_pg.c\n");
    printf("look-ups: fastest of %d passes of %d per kind of viewer; writes: one pass\n",
           LOOKUP_PASSES, LOOKUPS_PER_PASS);
    bench_print_peak_rss();
}

/* ---- main ---- */

static void usage_exit(void)
{
    fprintf(stderr, "usage: bench_pg [--quick] URI [N [P]]   (URI of a PostgreSQL database;"
                    " N feedback entries, default %ld, --quick %ld; P people, default %ld)\n",
            DEFAULT_ENTRIES, QUICK_ENTRIES, DEFAULT_PEOPLE);
    exit(2);
}

int main(int argc, char **argv)
{
    bench_start("bench_pg"); /* names the messages */
    /* "--quick" anywhere; then the URI and the numbers bench_parse_args reads. */
    char *rest[4] = { argv[0], NULL, NULL, NULL };
    int nrest = 1, quick = 0;
    const char *uri = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quick") == 0)
            quick = 1;
        else if (uri == NULL)
            uri = argv[i];
        else if (nrest < 4)
            rest[nrest++] = argv[i];
        else
            usage_exit();
    }
    if (uri == NULL || strncmp(uri, "postgres", 8) != 0)
        usage_exit();
    for (int i = 1; i < nrest; i++) /* not a number: the usage names the URI too */
        if (rest[i][0] == '\0' || rest[i][strspn(rest[i], "0123456789")] != '\0')
            usage_exit();
    const bench_arg args[] = {
        { "N", "feedback entries", 1, MAX_ENTRIES, quick ? QUICK_ENTRIES : DEFAULT_ENTRIES },
        { "P", "people", MIN_PEOPLE, MAX_PEOPLE, DEFAULT_PEOPLE },
    };
    long n[2];
    bench_parse_args(n, nrest, rest, args, 2);

    workload w;
    workload_init(&w, n[0], n[1]);
    viewers v;
    pick_viewers(&v, &w);
    results raw, pm;
    memset(&raw, 0, sizeof raw);
    memset(&pm, 0, sizeof pm);
    int server_version = run_benchmark(&pm, &raw, uri, &w, &v);
    print_report(&w, &v, &pm, &raw, server_version);
    workload_free(&w);
    return 0;
}
