/*
 * bench_feedback's workload, which bench_pg runs too: the organisation (a
 * tree of teams of 8 in 73 units), the feedback stream in the order it is
 * given, the viewers of the look-ups, and the stream's mix for the report.
 * Everything is drawn from fixed seeds, so every run times the same work.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_feedback.h"

#define BATCH 1000L
#define SPAN_DAYS 540L

/* A demo secret: real deployments keep theirs with their other secrets. */
const char bench_secret[] = "bench_feedback: a secret of the deployment";

const char *const viewer_label[VIEW_KINDS] = {
    "a person without reports", "a manager of 8", "an HR admin"
};

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

void workload_init(workload *w, long entries, long people)
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

void workload_free(workload *w)
{
    free(w->rows);
    free(w->stream);
}

/* Samples the viewers: people without reports, managers whose 8 reports
 * have none, and the HR admin. */
void pick_viewers(viewers *v, const workload *w)
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

void print_mix(const workload *w)
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
