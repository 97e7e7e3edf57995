/*
 * A month of feedback at Nordlys: real-time feedback, a request, a 360 round
 * and the culture numbers at the end.
 *
 *   feedback PATH.db [org.csv]
 *
 * Imports the small organisation of the quickstart into an SQLite store at
 * PATH.db, then lives through June 2025 on a fixed clock: Märta praises
 * Sofia (situation, behaviour, impact) for her manager chain to see, Oskar
 * thanks her in front of everyone, Sofia tells Märta something to change,
 * for her alone; who sees what; Ella gives her manager anonymous feedback;
 * Sofia acknowledges and reacts; she asks three colleagues for feedback (two
 * answer, one declines); Björn runs a 360 round about Märta with herself,
 * him, peers and her two reports, whose group stays hidden because fewer
 * than three of them answered; and HR looks at the feedback culture of
 * Engineering.
 *
 * Every call returns a pm_status (PM_OK is 0); on failure the session says
 * what went wrong and the program stops with a non-zero exit status.
 */
#include <perfmgmt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The quickstart's org.csv; the build passes its full path. */
#ifndef FEEDBACK_ORG_CSV
#define FEEDBACK_ORG_CSV "org.csv"
#endif

/* Anonymous feedback is stored with a keyed hash of its giver instead of
 * the giver, under a secret the store is opened with. This one is written
 * here for the demo only: a real deployment keeps its secret outside the
 * database (a secrets manager, a key file, an environment variable), passes
 * the same one every time, and never puts it in the code. Whoever holds the
 * store file alone cannot tell who gave anonymous feedback. */
static const char demo_secret[] = "nordlys-demo-secret: keep yours out of the code";

/* Stops the program when a call fails, saying what we were doing and why.
 * (A real program would clean up; the operating system does it here.) */
static void check(pm_status st, const pm_session *session, const char *doing)
{
    if (st == PM_OK)
        return;
    fprintf(stderr, "feedback: %s failed: %s: %s\n", doing, pm_status_str(st),
            session ? pm_session_errmsg(session) : "");
    exit(EXIT_FAILURE);
}

static void expect(int condition, const char *what)
{
    if (!condition) {
        fprintf(stderr, "feedback: expected %s\n", what);
        exit(EXIT_FAILURE);
    }
}

/* Everything the tour keeps: the store, its clock, who is who. */
typedef struct tour {
    pm_db *db;
    pm_time now; /* the store's clock reads this */
    pm_session *sys;
    pm_id bjorn_id, karin_id, ingrid_id, marta_id, jorgen_id, sofia_id, oskar_id, ella_id,
        per_id, lena_id;
    pm_session *bjorn, *karin, *ingrid, *marta, *jorgen, *sofia, *oskar, *ella, *per, *lena;
    pm_id engineering, platform;
    pm_id praise, constructive; /* Märta's praise of Sofia; Sofia's advice to Märta */
} tour;

static pm_time read_clock(void *payload)
{
    return *(const pm_time *)payload;
}

static pm_date day(int year, int month, int mday)
{
    pm_date d = 0;
    check(pm_date_from_ymd(&d, year, month, mday), NULL, "making a date");
    return d;
}

/* Moves the store's clock to hour:minute UTC on date. */
static void set_clock(tour *t, pm_date date, int hour, int minute)
{
    t->now = (pm_time)date * 86400 + (pm_time)hour * 3600 + (pm_time)minute * 60;
}

static pm_id find_person(pm_session *s, const char *external_id)
{
    pm_person *p = NULL;
    check(pm_person_lookup(&p, s, external_id), s, "looking up a person");
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

static pm_session *open_as(tour *t, pm_id person)
{
    pm_session *s = NULL;
    if (pm_session_open(&s, t->db, person) != PM_OK) {
        fprintf(stderr, "feedback: opening a session: %s\n", pm_db_errmsg(t->db));
        exit(EXIT_FAILURE);
    }
    return s;
}

/* The first name of a person, or "someone" for 0 (an anonymous giver). */
static const char *first_name(tour *t, pm_id id, char *buf, size_t size)
{
    if (id == 0)
        return "someone";
    pm_person *p = NULL;
    check(pm_person_get(&p, t->sys, id), t->sys, "reading a person");
    snprintf(buf, size, "%s", pm_person_display_name(p));
    pm_person_free(p);
    char *space = strchr(buf, ' ');
    if (space != NULL && strchr(buf, ',') == NULL)
        *space = '\0';
    return buf;
}

static const char *direction_name(pm_direction d)
{
    switch (d) {
    case PM_DIRECTION_DOWNWARD:
        return "downward";
    case PM_DIRECTION_UPWARD:
        return "upward";
    case PM_DIRECTION_PEER:
        return "peer";
    case PM_DIRECTION_SELF:
        return "self";
    case PM_DIRECTION_UNDISCLOSED:
        return "direction undisclosed";
    default:
        return "other";
    }
}

static const char *kind_name(pm_feedback_kind k)
{
    switch (k) {
    case PM_FEEDBACK_PRAISE:
        return "praise";
    case PM_FEEDBACK_CONSTRUCTIVE:
        return "constructive";
    default:
        return "suggestion";
    }
}

static const char *visibility_name(pm_feedback_visibility v)
{
    switch (v) {
    case PM_FEEDBACK_TO_MANAGERS:
        return "the receiver and their managers";
    case PM_FEEDBACK_TO_ORGANISATION:
        return "everyone";
    default:
        return "the receiver only";
    }
}

static const char *reaction_name(pm_reaction r)
{
    switch (r) {
    case PM_REACTION_THANKS:
        return "thanks";
    case PM_REACTION_HELPFUL:
        return "helpful";
    case PM_REACTION_DISCUSS:
        return "let's discuss";
    case PM_REACTION_DISAGREE:
        return "I see it differently";
    default:
        return "none";
    }
}

/* ---- real-time feedback ---- */

static pm_id give(pm_session *s, pm_id receiver, pm_feedback_kind kind, const char *text,
                  const char *situation, const char *behaviour, const char *impact,
                  pm_feedback_visibility visibility)
{
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = receiver;
    o.kind = kind;
    o.text = text;
    o.situation = situation;
    o.behaviour = behaviour;
    o.impact = impact;
    o.visibility = visibility;
    pm_id id = 0;
    check(pm_feedback_give(&id, s, &o), s, "giving feedback");
    return id;
}

/* Prints one entry as the session that read it sees it. */
static void print_entry(tour *t, const pm_feedback *f, const char *indent)
{
    char giver[128], receiver[128], when[PM_TIME_BUFSIZE];
    pm_time_format(when, pm_feedback_given_at(f));
    printf("%s%s -> %s, %s, %s, %s: \"%s\"\n", indent,
           first_name(t, pm_feedback_giver(f), giver, sizeof giver),
           first_name(t, pm_feedback_receiver(f), receiver, sizeof receiver),
           kind_name(pm_feedback_kind_get(f)), direction_name(pm_feedback_direction(f)), when,
           pm_feedback_text(f));
    if (pm_feedback_situation(f) != NULL)
        printf("%s    situation: %s; behaviour: %s; impact: %s\n", indent,
               pm_feedback_situation(f), pm_feedback_behaviour(f) ? pm_feedback_behaviour(f) : "-",
               pm_feedback_impact(f) ? pm_feedback_impact(f) : "-");
}

static void real_time(tour *t)
{
    set_clock(t, day(2025, 6, 2), 16, 30);
    printf("\nMonday 2 June 2025, after the incident review.\n");
    t->praise = give(t->marta, t->sofia_id, PM_FEEDBACK_PRAISE,
                     "Your incident write-up was the clearest we have had.",
                     "In this morning's incident review",
                     "you walked us through the timeline with the graphs next to it",
                     "we agreed on the two fixes in twenty minutes",
                     PM_FEEDBACK_TO_MANAGERS);
    set_clock(t, day(2025, 6, 2), 17, 5);
    give(t->oskar, t->sofia_id, PM_FEEDBACK_PRAISE,
         "Thanks for taking the night shift when my child was ill.", NULL, NULL, NULL,
         PM_FEEDBACK_TO_ORGANISATION);
    set_clock(t, day(2025, 6, 2), 17, 40);
    t->constructive = give(t->sofia, t->marta_id, PM_FEEDBACK_CONSTRUCTIVE,
                           "Please tell us about priority changes before the stand-up.",
                           "On Thursday", "the release moved in the stand-up itself",
                           "Oskar and I had already started on the old plan",
                           PM_FEEDBACK_TO_RECEIVER);
    printf("Märta praises Sofia (situation, behaviour, impact), for Sofia and her managers.\n"
           "Oskar thanks Sofia, for everyone to see.\n"
           "Sofia tells Märta something to change, for Märta alone.\n"
           "What Sofia sees, newest first (the direction comes from the organisation on the"
           " day):\n");

    pm_feedback_iter *it = NULL;
    check(pm_feedback_list_visible(&it, t->sofia, 0), t->sofia, "listing feedback");
    pm_feedback *f = NULL;
    pm_status st;
    while ((st = pm_feedback_iter_next(&f, it)) == PM_OK)
        print_entry(t, f, "  ");
    pm_feedback_iter_free(it);
    check(st == PM_ITEROVER ? PM_OK : st, t->sofia, "reading feedback");
}

/* How many of person's received entries the session may read. */
static int count_received(pm_session *s, pm_id person)
{
    pm_feedback_iter *it = NULL;
    check(pm_feedback_list_received(&it, s, person, 0), s, "listing received feedback");
    pm_feedback *f = NULL;
    pm_status st;
    int n = 0;
    while ((st = pm_feedback_iter_next(&f, it)) == PM_OK)
        n++;
    pm_feedback_iter_free(it);
    check(st == PM_ITEROVER ? PM_OK : st, s, "reading feedback");
    return n;
}

static void visibility(tour *t)
{
    printf("\nWho sees the feedback Sofia received:\n");
    int sofia = count_received(t->sofia, t->sofia_id);
    int bjorn = count_received(t->bjorn, t->sofia_id);
    int ella = count_received(t->ella, t->sofia_id);
    printf("  Sofia herself: %d entries; Björn, above her: %d; Ella, in another team: %d"
           " (the one for everyone).\n", sofia, bjorn, ella);
    expect(sofia == 2 && bjorn == 2 && ella == 1, "2, 2 and 1 entries");
    int marta_own = count_received(t->marta, t->marta_id);
    int bjorn_of_marta = count_received(t->bjorn, t->marta_id);
    printf("  Of what Märta received, she sees %d and Björn %d: Sofia's advice was for %s.\n",
           marta_own, bjorn_of_marta, visibility_name(PM_FEEDBACK_TO_RECEIVER));
    expect(marta_own == 1 && bjorn_of_marta == 0, "the advice to be Märta's alone");
}

static void anonymous(tour *t)
{
    set_clock(t, day(2025, 6, 3), 11, 47);
    printf("\nTuesday 3 June: Ella gives her manager Jörgen feedback anonymously.\n");
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = t->jorgen_id;
    o.kind = PM_FEEDBACK_CONSTRUCTIVE;
    o.text = "Our one-to-ones keep getting moved; they matter to me.";
    o.anonymous = 1;
    pm_id id = 0;
    check(pm_feedback_give(&id, t->ella, &o), t->ella, "giving anonymous feedback");

    pm_feedback *f = NULL;
    check(pm_feedback_get(&f, t->jorgen, id), t->jorgen, "reading feedback");
    printf("  Jörgen reads it:\n");
    print_entry(t, f, "    ");
    printf("  No giver, only the day it was given (not 11:47), and no direction: \"upward\"\n"
           "  to a manager of few people would point at the giver.\n");
    expect(pm_feedback_giver(f) == 0 && pm_feedback_is_anonymous(f), "no giver for Jörgen");
    expect(pm_feedback_given_at(f) % 86400 == 0, "the time kept to the day");
    expect(pm_feedback_direction(f) == PM_DIRECTION_UNDISCLOSED, "the direction undisclosed");
    pm_feedback_free(f);

    check(pm_feedback_get(&f, t->ingrid, id), t->ingrid, "reading feedback");
    printf("  Ingrid, HR admin, reads it too, and sees no giver either (giver %lld).\n",
           (long long)pm_feedback_giver(f));
    expect(pm_feedback_giver(f) == 0, "no giver for HR");
    pm_feedback_free(f);

    check(pm_feedback_get(&f, t->ella, id), t->ella, "reading feedback");
    printf("  Ella's own session recognises it as hers (%s), so she could retract it.\n",
           pm_feedback_is_mine(f) ? "yes" : "no");
    expect(pm_feedback_is_mine(f) && pm_feedback_giver(f) == 0, "Ella to recognise her entry");
    pm_feedback_free(f);
}

static void acknowledge(tour *t)
{
    set_clock(t, day(2025, 6, 3), 15, 0);
    printf("\nSofia acknowledges Märta's praise and reacts; Märta reacts to Sofia's advice.\n");
    check(pm_feedback_acknowledge(t->sofia, t->praise), t->sofia, "acknowledging");
    check(pm_feedback_react(t->sofia, t->praise, PM_REACTION_THANKS), t->sofia, "reacting");
    check(pm_feedback_react(t->marta, t->constructive, PM_REACTION_DISCUSS), t->marta,
          "reacting");
    pm_feedback *f = NULL;
    char when[PM_TIME_BUFSIZE];
    check(pm_feedback_get(&f, t->marta, t->praise), t->marta, "reading feedback");
    pm_time_format(when, pm_feedback_acknowledged_at(f));
    printf("  Märta sees her praise acknowledged at %s, reaction: %s.\n", when,
           reaction_name(pm_feedback_reaction(f)));
    expect(pm_feedback_reaction(f) == PM_REACTION_THANKS, "the thanks");
    pm_feedback_free(f);
    check(pm_feedback_get(&f, t->sofia, t->constructive), t->sofia, "reading feedback");
    printf("  Sofia sees Märta's reaction to her advice: %s.\n",
           reaction_name(pm_feedback_reaction(f)));
    pm_feedback_free(f);
}

/* ---- a request ---- */

static const char *state_name(pm_request_state s)
{
    switch (s) {
    case PM_REQUEST_REQUESTED:
        return "waiting";
    case PM_REQUEST_SUBMITTED:
        return "answered";
    case PM_REQUEST_DECLINED:
        return "declined";
    default:
        return "expired";
    }
}

static void request(tour *t)
{
    set_clock(t, day(2025, 6, 4), 9, 0);
    printf("\nWednesday 4 June: Sofia asks Oskar, Ella and Per for feedback.\n");
    pm_id addressees[] = { t->oskar_id, t->ella_id, t->per_id };
    pm_feedback_request_opts r = PM_FEEDBACK_REQUEST_OPTS_INIT;
    r.topic = "How I explain incidents to people outside the team";
    r.addressees = addressees;
    r.naddressees = 3;
    r.due = day(2025, 6, 18);
    pm_id req = 0;
    check(pm_feedback_request_create(&req, t->sofia, &r), t->sofia, "asking for feedback");

    set_clock(t, day(2025, 6, 4), 14, 0);
    check(pm_feedback_request_decline(t->per, req), t->per, "declining");
    printf("  Per declines: he has not seen her incident work.\n");

    set_clock(t, day(2025, 6, 5), 10, 0);
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT; /* receiver 0: the request's subject */
    o.kind = PM_FEEDBACK_PRAISE;
    o.text = "You keep it short and you say what it means for the customer.";
    check(pm_feedback_request_respond(NULL, t->oskar, req, &o), t->oskar, "answering");
    set_clock(t, day(2025, 6, 9), 13, 0);
    o.kind = PM_FEEDBACK_SUGGESTION;
    o.text = "A one-line summary at the top would help us in Apps.";
    check(pm_feedback_request_respond(NULL, t->ella, req, &o), t->ella, "answering");
    printf("  Oskar and Ella answer; answers always name their giver (Sofia knows whom"
           " she asked).\n");

    pm_feedback_request *q = NULL;
    check(pm_feedback_request_get(&q, t->sofia, req), t->sofia, "reading the request");
    printf("  \"%s\":\n", pm_feedback_request_topic(q));
    int answered = 0, declined = 0;
    for (size_t i = 0; i < pm_feedback_request_count(q); i++) {
        char name[128];
        pm_request_state s = pm_feedback_request_state(q, i);
        printf("    %s: %s\n",
               first_name(t, pm_feedback_request_addressee(q, i), name, sizeof name),
               state_name(s));
        answered += s == PM_REQUEST_SUBMITTED;
        declined += s == PM_REQUEST_DECLINED;
    }
    pm_feedback_request_free(q);
    expect(answered == 2 && declined == 1, "two answers and one decline");
}

/* ---- a 360 round ---- */

static const char *group_name(pm_rater_group g)
{
    switch (g) {
    case PM_RATER_SELF:
        return "self";
    case PM_RATER_MANAGER:
        return "manager";
    case PM_RATER_PEER:
        return "peers";
    default:
        return "direct reports";
    }
}

static void submit(pm_session *s, pm_id round, pm_id q1, int r1, pm_id q2, int r2, pm_id q3,
                   const char *text)
{
    pm_review360_answer a[3] = {
        { q1, r1, NULL, 0 },
        { q2, r2, NULL, 0 },
        { q3, 0, text, 0 },
    };
    check(pm_review360_submit(s, round, a, text != NULL ? 3 : 2), s, "submitting answers");
}

static void review360(tour *t)
{
    set_clock(t, day(2025, 6, 10), 9, 0);
    printf("\nTuesday 10 June: Björn starts a 360 round about Märta.\n");
    pm_review360_opts o = PM_REVIEW360_OPTS_INIT;
    o.subject = t->marta_id;
    o.title = "Märta, mid-year 2025";
    o.closes = day(2025, 6, 20); /* opens today; anonymity threshold 3 */
    pm_id round = 0, q1 = 0, q2 = 0, q3 = 0;
    check(pm_review360_create(&round, t->bjorn, &o), t->bjorn, "creating a round");
    check(pm_review360_add_question(&q1, t->bjorn, round, "Sets clear priorities", 0, 1, 5),
          t->bjorn, "adding a question");
    check(pm_review360_add_question(&q2, t->bjorn, round, "Gives useful feedback", 0, 1, 5),
          t->bjorn, "adding a question");
    check(pm_review360_add_question(&q3, t->bjorn, round, "What should Märta keep doing?", 0,
                                    0, 0),
          t->bjorn, "adding a question");
    struct { pm_id person; pm_rater_group group; } raters[] = {
        { t->marta_id, PM_RATER_SELF },   { t->bjorn_id, PM_RATER_MANAGER },
        { t->jorgen_id, PM_RATER_PEER },  { t->karin_id, PM_RATER_PEER },
        { t->lena_id, PM_RATER_PEER },    { t->ella_id, PM_RATER_PEER },
        { t->sofia_id, PM_RATER_REPORT }, { t->oskar_id, PM_RATER_REPORT },
    };
    for (size_t i = 0; i < sizeof raters / sizeof raters[0]; i++)
        check(pm_review360_add_rater(t->bjorn, round, raters[i].person, raters[i].group),
              t->bjorn, "adding a rater");
    check(pm_review360_open(t->bjorn, round), t->bjorn, "opening the round");
    printf("  Three questions (two ratings from 1 to 5, one open); raters: Märta herself,"
           " Björn,\n  four peers and her two reports. Open until 20 June.\n");

    pm_rater_group group = 0;
    int identified = 0;
    check(pm_review360_role(&group, &identified, NULL, t->bjorn, round), t->bjorn,
          "asking how answers are shown");
    printf("  Before answering, Björn learns he rates as %s and is %s.\n", group_name(group),
           identified ? "shown as himself" : "not identified");
    check(pm_review360_role(&group, &identified, NULL, t->sofia, round), t->sofia,
          "asking how answers are shown");
    printf("  Sofia rates among the %s, %s.\n", group_name(group),
           identified ? "shown as herself" : "shown only as a group of at least 3");

    set_clock(t, day(2025, 6, 12), 10, 0);
    submit(t->marta, round, q1, 3, q2, 4, q3, "Protecting the team's focus time.");
    submit(t->bjorn, round, q1, 4, q2, 4, q3, "Writing things down.");
    submit(t->jorgen, round, q1, 4, q2, 5, q3, "Sharing the platform roadmap early.");
    set_clock(t, day(2025, 6, 16), 10, 0);
    submit(t->karin, round, q1, 3, q2, 4, q3, "Explaining outages to customers herself.");
    submit(t->lena, round, q1, 5, q2, 4, q3, NULL);
    submit(t->sofia, round, q1, 2, q2, 5, q3, "The weekly one-to-ones.");
    submit(t->oskar, round, q1, 3, q2, 5, q3, NULL);
    printf("  Märta, Björn, three of the four peers and both reports answer; Ella does not.\n");

    set_clock(t, day(2025, 6, 23), 9, 0);
    check(pm_review360_close(t->bjorn, round), t->bjorn, "closing the round");
    printf("\nMonday 23 June: Björn closes the round; the results are released to Märta:\n");
    pm_review360_result_iter *it = NULL;
    check(pm_review360_results(&it, t->marta, round), t->marta, "reading the results");
    pm_review360_result *r = NULL;
    pm_status st;
    int hidden = 0;
    while ((st = pm_review360_result_iter_next(&r, it)) == PM_OK) {
        const char *question = pm_review360_result_question(r) == q1 ? "Sets clear priorities"
                                                                     : "Gives useful feedback";
        if (pm_review360_result_shown(r)) {
            printf("  %-22s %-15s %.1f (%d rating%s", question,
                   group_name(pm_review360_result_group(r)), pm_review360_result_mean(r),
                   pm_review360_result_count(r), pm_review360_result_count(r) == 1 ? "" : "s");
            if (pm_review360_result_count(r) > 1)
                printf(", sd %.2f", pm_review360_result_sd(r));
            printf(")\n");
        } else {
            printf("  %-22s %-15s hidden: fewer than 3 answered\n", question,
                   group_name(pm_review360_result_group(r)));
            hidden++;
        }
    }
    pm_review360_result_iter_free(it);
    check(st == PM_ITEROVER ? PM_OK : st, t->marta, "reading the results");
    expect(hidden == 2, "the direct reports' group hidden for both questions");
    printf("  There is no total across groups: it would give the hidden group away.\n");

    printf("  What Märta should keep doing (shown groups only, in text order, no authors):\n");
    pm_review360_comment_iter *ci = NULL;
    check(pm_review360_comments(&ci, t->marta, round), t->marta, "reading the comments");
    pm_review360_comment *c = NULL;
    int comments = 0;
    while ((st = pm_review360_comment_iter_next(&c, ci)) == PM_OK) {
        printf("    (%s) %s\n", group_name(pm_review360_comment_group(c)),
               pm_review360_comment_text(c));
        comments++;
    }
    pm_review360_comment_iter_free(ci);
    check(st == PM_ITEROVER ? PM_OK : st, t->marta, "reading the comments");
    expect(comments == 4, "four comments (Sofia's is in the hidden group)");
}

/* ---- the culture numbers ---- */

static void culture(tour *t)
{
    set_clock(t, day(2025, 6, 30), 17, 0);
    pm_feedback_stats_opts o = PM_FEEDBACK_STATS_OPTS_INIT;
    o.from = day(2025, 6, 1);
    o.to = day(2025, 6, 30);
    o.quiet_days = 30; /* "no feedback in 30 days"; units under 5 people are suppressed */
    pm_feedback_stats s = PM_FEEDBACK_STATS_INIT;
    check(pm_feedback_stats_unit(&s, t->ingrid, t->engineering, &o), t->ingrid,
          "computing the culture numbers");
    printf("\nMonday 30 June: Ingrid (HR) looks at Engineering's feedback culture in June:\n");
    printf("  %d people; %d entries given (named), %d received (%d anonymous)\n", s.people,
           s.given, s.received, s.anonymous_received);
    printf("  received by direction: %d downward, %d upward, %d peer, %d other,"
           " %d undisclosed (anonymous)\n",
           s.received_by_direction[PM_DIRECTION_DOWNWARD],
           s.received_by_direction[PM_DIRECTION_UPWARD], s.received_by_direction[PM_DIRECTION_PEER],
           s.received_by_direction[PM_DIRECTION_OTHER],
           s.received_by_direction[PM_DIRECTION_UNDISCLOSED]);
    printf("  %d of them received nothing in the last %d days (%.0f%%)\n", s.without_feedback,
           o.quiet_days, s.share_without_feedback * 100.0);
    printf("  requests: %d asked of them, %d answered, %d declined; response rate %.0f%%,"
           " median %.0f hours to answer\n",
           s.requests_addressed, s.requests_answered, s.requests_declined,
           s.response_rate * 100.0, s.median_response_hours);
    expect(!s.suppressed && s.people == 6, "Engineering's six people counted");

    pm_feedback_stats p = PM_FEEDBACK_STATS_INIT;
    check(pm_feedback_stats_unit(&p, t->bjorn, t->platform, &o), t->bjorn,
          "computing the culture numbers");
    printf("  Platform alone has %d people, fewer than 5: Björn gets %s.\n",
           p.people, p.suppressed ? "no numbers for it (suppressed)" : "numbers");
    expect(p.suppressed && p.received == 0, "Platform suppressed");
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PATH.db [org.csv]\n", argv[0]);
        return 2;
    }
    const char *csv_path = argc == 3 ? argv[2] : FEEDBACK_ORG_CSV;

    char uri[4096];
    snprintf(uri, sizeof uri, "sqlite:%s", argv[1]);
    tour t;
    memset(&t, 0, sizeof t);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = demo_secret;
    opts.secret_len = strlen(demo_secret);
    char *err = NULL;
    if (pm_db_open(&t.db, &err, uri, &opts) != PM_OK) {
        fprintf(stderr, "feedback: cannot open %s: %s\n", argv[1], err ? err : "out of memory");
        pm_free(err);
        return EXIT_FAILURE;
    }
    /* A fixed clock: "today" is whatever the tour says it is. */
    set_clock(&t, day(2025, 5, 30), 12, 0);
    check(pm_db_set_clock(t.db, read_clock, &t.now), NULL, "setting the clock");
    printf("perfmgmt %s, store %s\n\n", pm_version(NULL, NULL, NULL), argv[1]);

    check(pm_session_open_system(&t.sys, t.db), NULL, "opening a system session");
    pm_import_opts io = PM_IMPORT_OPTS_INIT;
    io.date = day(2025, 1, 1);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    check(pm_import_csv_file(t.sys, csv_path, &io, &stats), t.sys, "importing the CSV");
    printf("Imported %s: %zu people in %zu units.\n", csv_path, stats.rows, stats.units_created);

    t.bjorn_id = find_person(t.sys, "N002");
    t.karin_id = find_person(t.sys, "N003");
    t.ingrid_id = find_person(t.sys, "N004");
    t.marta_id = find_person(t.sys, "N005");
    t.jorgen_id = find_person(t.sys, "N006");
    t.sofia_id = find_person(t.sys, "N007");
    t.oskar_id = find_person(t.sys, "N008");
    t.ella_id = find_person(t.sys, "N009");
    t.per_id = find_person(t.sys, "N010");
    t.lena_id = find_person(t.sys, "N012");
    check(pm_unit_find(&t.engineering, t.sys, "Nordlys/Engineering"), t.sys, "finding a unit");
    check(pm_unit_find(&t.platform, t.sys, "Nordlys/Engineering/Platform"), t.sys,
          "finding a unit");
    pm_session **sessions[] = { &t.bjorn, &t.karin, &t.ingrid, &t.marta, &t.jorgen,
                                &t.sofia, &t.oskar, &t.ella,  &t.per,   &t.lena };
    pm_id ids[] = { t.bjorn_id, t.karin_id, t.ingrid_id, t.marta_id, t.jorgen_id,
                    t.sofia_id, t.oskar_id, t.ella_id,  t.per_id,   t.lena_id };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        *sessions[i] = open_as(&t, ids[i]);
    printf("Björn heads Engineering; Märta leads Platform (Sofia and Oskar), Jörgen leads Apps"
           " (Ella);\nIngrid is HR.\n");

    real_time(&t);
    visibility(&t);
    anonymous(&t);
    acknowledge(&t);
    request(&t);
    review360(&t);
    culture(&t);

    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        pm_session_free(*sessions[i]);
    pm_session_free(t.sys);
    pm_db_close(t.db);
    printf("\nDone. The feedback is in plain SQLite tables in %s; the anonymous entry's"
           " giver is not.\n", argv[1]);
    return EXIT_SUCCESS;
}
