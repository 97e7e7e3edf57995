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
#define BATCH 1000L
#define SPAN_DAYS 540L
#define LIMIT 20

#define VIEWERS 25
#define LOOKUP_PASSES 5
#define LOOKUP_REPEAT 4

/* A demo secret: real deployments keep theirs with their other secrets. */
const char bench_secret[] = "bench_feedback: a secret of the deployment";

typedef enum viewer_kind { VIEW_PERSON, VIEW_MANAGER, VIEW_HR, VIEW_KINDS } viewer_kind;
static const char *const viewer_label[VIEW_KINDS] = {
    "a person without reports", "a manager of 8", "an HR admin"
};

typedef struct viewers {
    long person[VIEW_KINDS][VIEWERS]; /* person indexes */
    int count[VIEW_KINDS];
} viewers;

typedef struct results {
    bench_timing setup, ingest;
    bench_timing latest[VIEW_KINDS];
    long returned[VIEW_KINDS];   /* entries returned in a pass, all viewers */
    uint64_t checksum[VIEW_KINDS];
    int64_t last_id;
} results;

/* ---- the organisation ---- */

static void unit_name(char *buf, size_t size, int unit)
{
    if (unit == 0)
        snprintf(buf, size, "Org");
    else if (unit <= DIVISIONS)
        snprintf(buf, size, "D%d", unit);
    else /* the department of person `unit`, under the division of its manager */
        snprintf(buf, size, "D%d-%d", (unit - 1) / (int)FANOUT, (unit - 1) % (int)FANOUT + 1);
}

static int unit_parent(int unit)
{
    if (unit == 0)
        return -1;
    if (unit <= DIVISIONS)
        return 0;
    return (unit - 1) / (int)FANOUT;
}

static long manager_of(long i)
{
    return i == 0 ? -1 : (i - 1) / FANOUT;
}

/* The organisation as bench_sqlite.h describes it to both sides. */
static void org_unit(bench_unit *out, long unit, const void *payload)
{
    (void)payload;
    unit_name(out->name, sizeof out->name, (int)unit);
    out->parent = unit_parent((int)unit);
}

static void org_person(bench_person *out, long i, const void *payload)
{
    const person_row *row = &((const workload *)payload)->rows[i];
    *out = (bench_person){ row->external_id, row->display_name, row->name_key, row->email,
                           row->manager, row->unit, i == HR_ADMIN };
}

/* ---- the feedback stream ---- */

static const feedback_text texts[PM_FEEDBACK_KIND_SLOTS][TEXTS_PER_KIND] = {
    [PM_FEEDBACK_PRAISE] = {
        { "Thank you for stepping in on the release; it went out on time because of you.",
          NULL, NULL, NULL },
        { "Your write-up of the outage was clear and honest. Great work.", NULL, NULL, NULL },
        { "The onboarding guide you wrote saved the new team a week.", NULL, NULL, NULL },
        { "You kept the customer call calm and focused. Well done.", NULL, NULL, NULL },
        { "Great pairing session yesterday, I learnt a lot about the build.", NULL, NULL,
          NULL },
        { "Thanks for reviewing my changes so quickly and so carefully.", NULL, NULL, NULL },
        { "The demo was excellent: short, to the point, and the questions were answered.",
          NULL, NULL, NULL },
        { "You made the planning meeting work for everyone. Thank you.", NULL, NULL, NULL },
    },
    [PM_FEEDBACK_CONSTRUCTIVE] = {
        { "Let us agree on the review before the deadline next time.",
          "In the sprint review on Tuesday", "the estimate changed without a heads-up",
          "the team had to re-plan two days of work" },
        { "Please share the agenda before the meeting.", "At the weekly sync",
          "the agenda arrived during the meeting", "people could not prepare" },
        { "Write down the decisions we take in design meetings.",
          "After the architecture discussion", "no notes were written",
          "we discussed the same choice again a week later" },
        { "Ask for help earlier when a task is blocked.", "On the migration ticket",
          "the blocker was mentioned after four days", "the release slipped by a week" },
        { "Keep the customer in the loop on delays.", "During the upgrade",
          "the customer learnt about the delay from support", "they escalated to sales" },
        { "Split large changes into smaller reviews.", "In last week's pull request",
          "two thousand lines came in one change", "the review took three people a day" },
        { "Let others finish before answering in meetings.", "In the retrospective",
          "you answered before questions were finished", "two people stopped speaking up" },
        { "Test the rollback before the release.", "On Friday's deployment",
          "the rollback had not been tried", "we were down for forty minutes" },
    },
    [PM_FEEDBACK_SUGGESTION] = {
        { "Maybe try a short written update instead of the daily call?", NULL, NULL, NULL },
        { "A checklist for releases could save us the Friday scramble.", NULL, NULL, NULL },
        { "Consider pairing with the new hires on their first tickets.", NULL, NULL, NULL },
        { "We could rotate who runs the retrospective.", NULL, NULL, NULL },
        { "How about recording the demos for the other time zone?", NULL, NULL, NULL },
        { "A glossary page would help people from other teams.", NULL, NULL, NULL },
        { "Try time-boxing the design discussions to thirty minutes.", NULL, NULL, NULL },
        { "Could we move the planning to Monday morning?", NULL, NULL, NULL },
    },
};

const feedback_text *entry_text(const entry_row *e)
{
    return &texts[e->kind][e->text];
}

/* a is above b in the manager chain. */
static int is_above(long a, long b)
{
    for (long m = manager_of(b); m >= 0; m = manager_of(m))
        if (m == a)
            return 1;
    return 0;
}

/* The direction the rules of feedback.h give, from the tree. */
static pm_direction direction_of(const workload *w, long giver, long receiver)
{
    if (giver == receiver)
        return PM_DIRECTION_SELF;
    if (is_above(giver, receiver))
        return PM_DIRECTION_DOWNWARD;
    if (is_above(receiver, giver))
        return PM_DIRECTION_UPWARD;
    long mg = w->rows[giver].manager, mr = w->rows[receiver].manager;
    if ((mg >= 0 && mg == mr) || w->rows[giver].unit == w->rows[receiver].unit)
        return PM_DIRECTION_PEER;
    return PM_DIRECTION_OTHER;
}

static long random_below(uint64_t *seed, long n)
{
    return (long)(bench_next_random(seed) % (uint64_t)n);
}

/* Picks giver and receiver as the mix in the header comment says. */
static void pick_pair(const workload *w, uint64_t *seed, long *giver, long *receiver)
{
    long p = w->people;
    long r = random_below(seed, 100);
    long x = 1 + random_below(seed, p - 1); /* someone with a manager */
    long m = manager_of(x);
    if (r < 40) { /* a teammate: another report of the same manager */
        long first = m * FANOUT + 1, last = m * FANOUT + FANOUT;
        if (last > p - 1)
            last = p - 1;
        if (last > first) {
            long y = first + random_below(seed, last - first);
            *giver = y >= x ? y + 1 : y;
            *receiver = x;
            return;
        }
    } else if (r < 60) {
        *giver = m;
        *receiver = x;
        return;
    } else if (r < 75) {
        *giver = x;
        *receiver = m;
        return;
    } else if (r < 77) {
        *giver = x;
        *receiver = x;
        return;
    }
    *giver = random_below(seed, p);
    *receiver = random_below(seed, p);
}

static void workload_init(workload *w, long entries, long people)
{
    uint64_t seed = 0x2545F4914F6CDD1Du;
    w->people = people;
    w->rows = calloc((size_t)people, sizeof *w->rows);
    w->entries = entries;
    w->stream = calloc((size_t)entries, sizeof *w->stream);
    if (w->rows == NULL || w->stream == NULL)
        bench_die("workload", "out of memory");
    w->batch = BATCH;
    w->org_day = bench_pm_date(2023, 6, 1);
    pm_date first_day = bench_pm_date(2024, 1, 1);
    w->first_at = (pm_time)first_day * 86400;
    w->now = ((pm_time)first_day + SPAN_DAYS + 1) * 86400 + 8 * 3600;
    pm_date_format(w->org_day_text, w->org_day);
    pm_date_format(w->today_text, pm_time_date(w->now));
    w->org = (bench_org_source){ UNIT_COUNT, people, org_unit, org_person, w, w->org_day_text };

    for (long i = 0; i < people; i++) {
        person_row *row = &w->rows[i];
        /* ASCII: the raw side neither validates nor normalises text. */
        bench_person_name(row->display_name, sizeof row->display_name, 1, &seed);
        snprintf(row->external_id, sizeof row->external_id, "F%07ld", i);
        bench_ascii_lower(row->name_key, row->display_name);
        snprintf(row->email, sizeof row->email, "%s@example.com", row->external_id);
        row->manager = manager_of(i);
        row->level = i == 0 ? 0 : w->rows[row->manager].level + 1;
        /* Units by level: the top; a division; a department, which the
         * whole subtree below its head shares. */
        row->unit = row->level <= 2 ? (int)i : w->rows[row->manager].unit;
    }

    const pm_time span = SPAN_DAYS * 86400;
    for (long n = 0; n < entries; n++) {
        entry_row *e = &w->stream[n];
        long giver = 0, receiver = 0;
        pick_pair(w, &seed, &giver, &receiver);
        e->giver = (int32_t)giver;
        e->receiver = (int32_t)receiver;
        e->at = w->first_at + (pm_time)((double)n * (double)span / (double)entries);
        long k = random_below(&seed, 100);
        e->kind = k < 60 ? PM_FEEDBACK_PRAISE : k < 85 ? PM_FEEDBACK_CONSTRUCTIVE
                                                      : PM_FEEDBACK_SUGGESTION;
        long v = random_below(&seed, 100);
        e->visibility = v < 50 ? PM_FEEDBACK_TO_RECEIVER : v < 80 ? PM_FEEDBACK_TO_MANAGERS
                                                                  : PM_FEEDBACK_TO_ORGANISATION;
        e->anonymous = giver != receiver && random_below(&seed, 100) < 5;
        e->text = (uint8_t)random_below(&seed, TEXTS_PER_KIND);
        e->direction = (uint8_t)direction_of(w, giver, receiver);
    }
}

static void workload_free(workload *w)
{
    free(w->rows);
    free(w->stream);
}

/* Samples the viewers: people without reports, managers whose 8 reports
 * have none, and the HR admin. */
static void pick_viewers(viewers *v, const workload *w)
{
    uint64_t seed = 0x9E3779B97F4A7C15u;
    long p = w->people;
    memset(v, 0, sizeof *v);
    /* Leaves are the people from the first whose first report would not exist. */
    long first_leaf = (p - 1) / FANOUT + ((p - 1) % FANOUT != 0);
    for (int k = 0; k < VIEWERS; k++)
        v->person[VIEW_PERSON][k] = first_leaf + random_below(&seed, p - first_leaf);
    v->count[VIEW_PERSON] = VIEWERS;
    /* Managers of 8 leaves: all 8 reports exist and the first is a leaf. */
    long lo = (first_leaf - 1 + FANOUT - 1) / FANOUT; /* first report is a leaf */
    long hi = (p - 1 - FANOUT) / FANOUT;                /* the 8th report exists */
    if (hi < lo)
        bench_die("viewers", "the organisation has no manager of 8 people without reports");
    for (int k = 0; k < VIEWERS; k++)
        v->person[VIEW_MANAGER][k] = lo + random_below(&seed, hi - lo + 1);
    v->count[VIEW_MANAGER] = VIEWERS;
    v->person[VIEW_HR][0] = HR_ADMIN;
    v->count[VIEW_HR] = 1;
}

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

static void print_mix(const workload *w)
{
    double dir[PM_DIRECTION_SLOTS] = { 0 }, vis[4] = { 0 }, kind[PM_FEEDBACK_KIND_SLOTS] = { 0 };
    double anonymous = 0;
    for (long n = 0; n < w->entries; n++) {
        const entry_row *e = &w->stream[n];
        dir[e->direction] += 1;
        vis[e->visibility] += 1;
        kind[e->kind] += 1;
        anonymous += e->anonymous;
    }
    double n = (double)w->entries / 100.0;
    printf("the stream: downward %.0f%%, upward %.0f%%, peer %.0f%%, self %.0f%%, other %.0f%%;"
           " praise %.0f%%, constructive %.0f%%, suggestion %.0f%%;\n  to the receiver %.0f%%,"
           " to managers %.0f%%, to everyone %.0f%%; anonymous %.1f%%\n\n",
           dir[PM_DIRECTION_DOWNWARD] / n, dir[PM_DIRECTION_UPWARD] / n,
           dir[PM_DIRECTION_PEER] / n, dir[PM_DIRECTION_SELF] / n, dir[PM_DIRECTION_OTHER] / n,
           kind[PM_FEEDBACK_PRAISE] / n, kind[PM_FEEDBACK_CONSTRUCTIVE] / n,
           kind[PM_FEEDBACK_SUGGESTION] / n, vis[PM_FEEDBACK_TO_RECEIVER] / n,
           vis[PM_FEEDBACK_TO_MANAGERS] / n, vis[PM_FEEDBACK_TO_ORGANISATION] / n,
           anonymous / n);
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
        printf("(b) %s: %d viewers, %.1f entries a look-up (both sides), ids %s\n",
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
