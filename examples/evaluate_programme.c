/*
 * Did the programme work? A before-and-after evaluation with a comparison
 * group.
 *
 *   evaluate_programme PATH.db [org.csv]
 *
 * Imports the quickstart's organisation into an SQLite store at PATH.db.
 * Six people take the "Leading through change" programme in spring 2025;
 * five colleagues do not. Everyone rates their confidence in leading
 * change (1 to 10) in January and again in June, imported as
 * measurements. The evaluation compares each participant's January and June
 * answers (paired t test, Wilcoxon signed-rank, effect sizes), sets the
 * change against the comparison group's (difference in differences), and
 * counts who changed reliably given the measure's reliability.
 *
 * Every call returns a pm_status (PM_OK is 0); on failure the session says
 * what went wrong and the program stops with a non-zero exit status.
 */
#include <perfmgmt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The quickstart's org.csv; the build passes its full path. */
#ifndef EVALUATE_PROGRAMME_ORG_CSV
#define EVALUATE_PROGRAMME_ORG_CSV "org.csv"
#endif

static void check(pm_status st, const pm_session *session, const char *doing)
{
    if (st == PM_OK)
        return;
    fprintf(stderr, "evaluate_programme: %s failed: %s: %s\n", doing, pm_status_str(st),
            session ? pm_session_errmsg(session) : "");
    exit(EXIT_FAILURE);
}

static pm_time now_value;

static pm_time read_clock(void *payload)
{
    (void)payload;
    return now_value;
}

static pm_date day(int year, int month, int mday)
{
    pm_date d = 0;
    check(pm_date_from_ymd(&d, year, month, mday), NULL, "making a date");
    return d;
}

static pm_time noon(pm_date date)
{
    return (pm_time)date * 86400 + 12 * 3600;
}

static pm_id find_person(pm_session *s, const char *external_id)
{
    pm_person *p = NULL;
    check(pm_person_lookup(&p, s, external_id), s, "looking up a person");
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

/* Who takes part, who compares, and their answers in January and June. */
typedef struct person_scores {
    const char *external_id;
    int participant;
    double january, june;
} person_scores;

static const person_scores people[] = {
    { "N002", 1, 5, 8 }, { "N003", 1, 4, 6 }, { "N005", 1, 6, 7 },
    { "N006", 1, 3, 6 }, { "N007", 1, 5, 7 }, { "N012", 1, 4, 4 },
    { "N008", 0, 5, 5 }, { "N009", 0, 4, 5 }, { "N010", 0, 6, 6 },
    { "N011", 0, 5, 4 }, { "N001", 0, 7, 8 },
};
#define NPEOPLE (sizeof people / sizeof people[0])

static pm_id make_metric(pm_session *hr)
{
    pm_metric_opts m = PM_METRIC_OPTS_INIT;
    m.name = "Confidence leading change";
    m.unit = "points";
    m.min = 1;
    m.max = 10;
    m.reliability = 0.85; /* test-retest, from the pilot */
    pm_id id = 0;
    check(pm_metric_create(&id, hr, &m), hr, "defining the metric");
    return id;
}

static pm_id make_programme(pm_session *hr)
{
    static const char *const levels[] = { "Aware", "Practising", "Confident", "Leading" };
    pm_scale_opts so = PM_SCALE_OPTS_INIT;
    so.name = "Leadership";
    so.min_level = 1;
    so.max_level = 4;
    so.level_names = levels;
    pm_id scale = 0;
    check(pm_scale_create(&scale, hr, &so), hr, "creating a scale");
    pm_competency_opts co = PM_COMPETENCY_OPTS_INIT;
    co.name = "Leading change";
    co.category = "Leadership";
    co.scale = scale;
    pm_id competency = 0;
    check(pm_competency_create(&competency, hr, &co), hr, "creating a competency");
    pm_programme_opts po = PM_PROGRAMME_OPTS_INIT;
    po.name = "Leading through change";
    po.capacity = 8;
    po.competencies = &competency;
    po.ncompetencies = 1;
    pm_id programme = 0;
    check(pm_programme_create(&programme, hr, &po), hr, "creating the programme");
    check(pm_programme_add_session(hr, programme, day(2025, 3, 5), "Why change stalls", 0), hr,
          "adding a session");
    check(pm_programme_add_session(hr, programme, day(2025, 4, 9), "Leading the first step", 0),
          hr, "adding a session");
    return programme;
}

/* Each participant needs a plan for the enrolment's item; they enrol in
 * February and complete in April. */
static void run_programme(pm_session *hr, pm_id programme, const pm_id *ids)
{
    now_value = noon(day(2025, 2, 3));
    for (size_t i = 0; i < NPEOPLE; i++) {
        if (!people[i].participant)
            continue;
        pm_plan_opts p = PM_PLAN_OPTS_INIT;
        p.person = ids[i];
        p.start = day(2025, 1, 1);
        p.end = day(2025, 12, 31);
        check(pm_plan_create(NULL, hr, &p), hr, "creating a plan");
        check(pm_programme_enrol(NULL, hr, programme, ids[i]), hr, "enrolling");
    }
    now_value = noon(day(2025, 4, 10));
    for (size_t i = 0; i < NPEOPLE; i++)
        if (people[i].participant)
            check(pm_programme_complete(hr, programme, ids[i], PM_RESULT_PASSED, PM_DATE_NONE),
                  hr, "completing");
}

static void import_scores(pm_session *sys, pm_id metric, const pm_id *ids)
{
    for (size_t i = 0; i < NPEOPLE; i++) {
        pm_measurement_opts m = PM_MEASUREMENT_OPTS_INIT;
        m.person = ids[i];
        m.metric = metric;
        m.source = PM_MEASURED_BY_IMPORT;
        m.value = people[i].january;
        m.at = noon(day(2025, 1, 20));
        check(pm_measurement_add(NULL, sys, &m), sys, "importing a January answer");
        m.value = people[i].june;
        m.at = noon(day(2025, 6, 16));
        check(pm_measurement_add(NULL, sys, &m), sys, "importing a June answer");
    }
}

static void print_result(const pm_evaluation_result *r)
{
    printf("\nParticipants: %d, with both answers: %d (no January answer: %d, no June"
           " answer: %d)\n", r->participants, r->n, r->missing_pre, r->missing_post);
    if (r->suppressed) {
        printf("Too few pairs to show the numbers.\n");
        return;
    }
    printf("January mean %.2f (SD %.2f), June mean %.2f (SD %.2f)\n", r->pre_mean, r->pre_sd,
           r->post_mean, r->post_sd);
    printf("Mean change %+.2f points (SD %.2f), 95%% CI %+.2f to %+.2f\n", r->mean_change,
           r->sd_change, r->ci_low, r->ci_high);
    printf("Paired t(%d) = %.3f, two-sided p = %.4f\n", r->df, r->t, r->p);
    printf("Effect sizes: Cohen's d_z = %.2f, Hedges' g_av = %.2f\n", r->d_z, r->g_av);
    printf("Wilcoxon signed-rank: W+ = %.1f over %d non-zero changes, p = %.4f (%s)\n",
           r->wilcoxon_w, r->wilcoxon_n, r->wilcoxon_p,
           r->wilcoxon_exact ? "exact" : "normal approximation");
    if (r->has_comparison)
        printf("Comparison group (%d): mean change %+.2f; difference in differences %+.2f,"
               " 95%% CI %+.2f to %+.2f\n", r->comparison_n, r->comparison_change, r->did,
               r->did_ci_low, r->did_ci_high);
    if (r->has_rci)
        printf("Reliable change (Jacobson-Truax, reliability 0.85): %d improved, %d worsened"
               " (%.0f%% of pairs)\n", r->reliable_improved, r->reliable_worsened,
               r->reliable_share * 100.0);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PATH.db [org.csv]\n", argv[0]);
        return 2;
    }
    const char *csv_path = argc == 3 ? argv[2] : EVALUATE_PROGRAMME_ORG_CSV;
    char uri[4096];
    snprintf(uri, sizeof uri, "sqlite:%s", argv[1]);
    pm_db *db = NULL;
    char *err = NULL;
    if (pm_db_open(&db, &err, uri, NULL) != PM_OK) {
        fprintf(stderr, "evaluate_programme: cannot open %s: %s\n", argv[1],
                err ? err : "out of memory");
        pm_free(err);
        return EXIT_FAILURE;
    }
    now_value = noon(day(2025, 1, 6));
    check(pm_db_set_clock(db, read_clock, NULL), NULL, "setting the clock");
    printf("perfmgmt %s, store %s\n", pm_version(NULL, NULL, NULL), argv[1]);

    pm_session *sys = NULL;
    check(pm_session_open_system(&sys, db), NULL, "opening a system session");
    pm_import_opts io = PM_IMPORT_OPTS_INIT;
    io.date = day(2025, 1, 1);
    check(pm_import_csv_file(sys, csv_path, &io, NULL), sys, "importing the CSV");

    pm_id ids[NPEOPLE];
    for (size_t i = 0; i < NPEOPLE; i++)
        ids[i] = find_person(sys, people[i].external_id);
    pm_id metric = make_metric(sys);
    pm_id programme = make_programme(sys);
    printf("The \"Leading through change\" programme runs in March and April 2025.\n");
    run_programme(sys, programme, ids);

    now_value = noon(day(2025, 6, 30));
    import_scores(sys, metric, ids);
    printf("Everyone rated their confidence leading change (1-10) on 20 January and"
           " 16 June.\n");

    pm_id comparison[NPEOPLE];
    size_t ncomparison = 0;
    for (size_t i = 0; i < NPEOPLE; i++)
        if (!people[i].participant)
            comparison[ncomparison++] = ids[i];
    pm_evaluation_opts eo = PM_EVALUATION_OPTS_INIT;
    eo.title = "Leading through change, spring 2025";
    eo.programme = programme; /* its participants: those who completed it */
    eo.metric = metric;
    eo.comparison = comparison;
    eo.ncomparison = ncomparison;
    eo.pre_from = noon(day(2025, 1, 1));
    eo.pre_to = noon(day(2025, 1, 31));
    eo.post_from = noon(day(2025, 6, 1));
    eo.post_to = noon(day(2025, 6, 30));
    pm_id evaluation = 0;
    check(pm_evaluation_create(&evaluation, sys, &eo), sys, "creating the evaluation");
    pm_evaluation_result r = PM_EVALUATION_RESULT_INIT;
    check(pm_evaluation_result_get(&r, sys, evaluation), sys, "evaluating");
    print_result(&r);

    pm_session_free(sys);
    pm_db_close(db);
    printf("\nDone. The measurements and the evaluation are plain SQLite tables in %s\n",
           argv[1]);
    return EXIT_SUCCESS;
}
