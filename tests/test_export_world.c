/* Builds the export tests' world (see test_export_world.h), each write by
 * the person who would make it, each call asserted to succeed. */
#include "test_export_world.h"

#include "checks.h"

#define D(iso) pm_fixture_date(iso)

/* Runs call as person with a session of their own (named s in call). */
#define AS(f, person, call)                              \
    do {                                                 \
        pm_session *s = pm_fixture_session((f), (person)); \
        assert_ok(s, (call));                            \
        pm_session_free(s);                              \
    } while (0)

static void make_people(pm_fixture *f, world *w)
{
    w->acme = pm_fixture_unit(f, "Acme", 0);
    w->eng = pm_fixture_unit(f, "Engineering", w->acme);
    w->boss = pm_fixture_person(f, "E1", "Bea Boss", 0, w->acme);
    w->manager = pm_fixture_person(f, "E2", "Mona Manager", w->boss, w->eng);
    w->per = pm_fixture_person(f, "E3", W_PER_NAME, w->manager, w->eng);
    w->quinn = pm_fixture_person(f, "E4", "Quinn Peer", w->manager, w->eng);
    w->rita = pm_fixture_person(f, "E5", "Rita Peer", w->manager, w->eng);
    w->sam = pm_fixture_person(f, "E6", "Sam Peer", w->manager, w->eng);
    w->giver = pm_fixture_person(f, W_GIVER_EXTERNAL_ID, W_GIVER_NAME, 0, 0);
    w->hr = pm_fixture_person(f, "H1", "Hanna HR", 0, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, w->hr, 1));
}

static void make_goals(pm_fixture *f, world *w)
{
    pm_goal_opts g = PM_GOAL_OPTS_INIT;
    g.owner = w->per;
    g.title = "Ship the access export";
    g.description = "Every area, one document";
    g.due = D("2026-12-31");
    AS(f, w->per, pm_goal_create(&w->goal_own, s, &g));
    g.title = "Welcome the new hire";
    g.description = NULL;
    AS(f, w->manager, pm_goal_create(&w->goal_by_manager, s, &g));

    pm_key_result_opts k = PM_KEY_RESULT_OPTS_INIT;
    k.title = "Areas covered";
    k.baseline = 0;
    k.target = 10;
    k.unit = "areas";
    AS(f, w->per, pm_key_result_add(&w->key_result, s, w->goal_own, &k));
    AS(f, w->per, pm_goal_set_state(s, w->goal_own, PM_GOAL_ACTIVE));
    pm_progress_opts p = PM_PROGRESS_OPTS_INIT;
    p.value = 4;
    p.confidence = 7;
    p.comment = W_PER_PROGRESS_COMMENT;
    AS(f, w->per, pm_progress_add(NULL, s, w->goal_own, w->key_result, &p));
    p.value = 6;
    p.confidence = PM_CONFIDENCE_NONE;
    p.comment = "Manager: six, counting feedback";
    AS(f, w->manager, pm_progress_add(NULL, s, w->goal_own, w->key_result, &p));
}

static pm_id first_checkin(pm_fixture *f, pm_id series)
{
    pm_checkin_iter *it = NULL;
    pm_checkin *c = NULL;
    assert_ok(f->sys, pm_checkin_list(&it, f->sys, series));
    assert_ok(f->sys, pm_checkin_iter_next(&c, it));
    pm_id id = pm_checkin_id(c);
    pm_checkin_iter_free(it);
    return id;
}

static void add_entry(pm_fixture *f, pm_id author, pm_id checkin, pm_entry_kind kind,
                      const char *text, int is_private, pm_id goal)
{
    pm_checkin_entry_opts e = PM_CHECKIN_ENTRY_OPTS_INIT;
    e.kind = kind;
    e.text = text;
    e.is_private = is_private;
    e.goal = goal;
    if (kind == PM_ENTRY_ACTION_ITEM)
        e.due = D("2026-06-30");
    AS(f, author, pm_checkin_entry_add(NULL, s, checkin, &e));
}

static void make_checkins(pm_fixture *f, world *w)
{
    pm_checkin_series_opts o = PM_CHECKIN_SERIES_OPTS_INIT;
    o.manager = w->manager;
    o.report = w->per;
    AS(f, w->manager, pm_checkin_series_create(&w->series, s, &o));
    w->checkin = first_checkin(f, w->series);
    add_entry(f, w->per, w->checkin, PM_ENTRY_TALKING_POINT, W_PER_TALKING_POINT, 0, 0);
    add_entry(f, w->per, w->checkin, PM_ENTRY_NOTE, W_PER_PRIVATE_NOTE, 1, 0);
    add_entry(f, w->manager, w->checkin, PM_ENTRY_NOTE, "Manager: good progress", 0, 0);
    add_entry(f, w->manager, w->checkin, PM_ENTRY_NOTE, W_MANAGER_PRIVATE_NOTE, 1, 0);
    add_entry(f, w->manager, w->checkin, PM_ENTRY_ACTION_ITEM, "Manager: book the review", 0, 0);
    add_entry(f, w->manager, w->checkin, PM_ENTRY_GOAL, NULL, 0, w->goal_own);
    AS(f, w->per, pm_checkin_hold(NULL, s, w->checkin, 4));
}

static pm_id give(pm_fixture *f, pm_id giver, pm_id receiver, const char *text, int anonymous)
{
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = receiver;
    o.kind = anonymous ? PM_FEEDBACK_CONSTRUCTIVE : PM_FEEDBACK_PRAISE;
    o.text = text;
    o.anonymous = anonymous;
    pm_id id = 0;
    AS(f, giver, pm_feedback_give(&id, s, &o));
    return id;
}

static pm_id ask(pm_fixture *f, pm_id requester, pm_id subject, const char *topic,
                 const pm_id *addressees, size_t n)
{
    pm_feedback_request_opts o = PM_FEEDBACK_REQUEST_OPTS_INIT;
    o.subject = subject;
    o.topic = topic;
    o.addressees = addressees;
    o.naddressees = n;
    pm_id id = 0;
    AS(f, requester, pm_feedback_request_create(&id, s, &o));
    return id;
}

static void make_feedback(pm_fixture *f, world *w)
{
    give(f, w->quinn, w->per, W_QUINN_GIVES_PER, 0);
    w->anon_feedback = give(f, w->giver, w->per, W_ANON_TEXT, 1);
    give(f, w->per, w->quinn, W_PER_GIVES_QUINN, 0);
    w->per_anon_feedback = give(f, w->per, w->quinn, W_PER_ANON_TEXT, 1);

    pm_id both[2] = { w->quinn, w->manager };
    pm_id own = ask(f, w->per, 0, "How did my launch go?", both, 2);
    pm_feedback_opts r = PM_FEEDBACK_OPTS_INIT;
    r.kind = PM_FEEDBACK_PRAISE;
    r.text = W_QUINN_ANSWERS_PER;
    AS(f, w->quinn, pm_feedback_request_respond(NULL, s, own, &r));
    AS(f, w->manager, pm_feedback_request_decline(s, own));
    ask(f, w->manager, w->per, "How is Per doing?", &w->quinn, 1);
    ask(f, w->quinn, 0, "What should Quinn change?", &w->per, 1);
}

static void submit(pm_fixture *f, pm_id rater, pm_id round, pm_id q, int value, pm_id t,
                   const char *text)
{
    pm_review360_answer a[2] = { { q, value, NULL, 0 }, { t, 0, text, 0 } };
    AS(f, rater, pm_review360_submit(s, round, a, text ? 2 : 1));
}

static void make_review360(pm_fixture *f, world *w)
{
    pm_review360_opts o = PM_REVIEW360_OPTS_INIT;
    o.subject = w->per;
    o.title = "Per's mid-year 360";
    o.opens = D("2026-06-01");
    o.closes = D("2026-06-30");
    assert_ok(f->sys, pm_review360_create(&w->round_about, f->sys, &o));
    pm_id q = 0, t = 0;
    assert_ok(f->sys, pm_review360_add_question(&q, f->sys, w->round_about, "Communicates clearly",
                                                0, 1, 5));
    assert_ok(f->sys, pm_review360_add_question(&t, f->sys, w->round_about, "Keep doing?", 0, 0,
                                                0));
    assert_ok(f->sys, pm_review360_add_rater(f->sys, w->round_about, w->per, PM_RATER_SELF));
    assert_ok(f->sys, pm_review360_add_rater(f->sys, w->round_about, w->manager,
                                             PM_RATER_MANAGER));
    const pm_id peers[3] = { w->quinn, w->rita, w->sam };
    for (int i = 0; i < 3; i++)
        assert_ok(f->sys, pm_review360_add_rater(f->sys, w->round_about, peers[i], PM_RATER_PEER));
    assert_ok(f->sys, pm_review360_open(f->sys, w->round_about));
    submit(f, w->per, w->round_about, q, 4, t, W_PER_SELF_ANSWER);
    submit(f, w->manager, w->round_about, q, 3, 0, NULL);
    submit(f, w->quinn, w->round_about, q, 5, t, W_PEER_ANSWER);
    submit(f, w->rita, w->round_about, q, 4, 0, NULL);
    submit(f, w->sam, w->round_about, q, 3, 0, NULL);
    assert_ok(f->sys, pm_review360_close(f->sys, w->round_about));

    o.subject = w->quinn;
    o.title = "Quinn's mid-year 360";
    assert_ok(f->sys, pm_review360_create(&w->round_rated, f->sys, &o));
    assert_ok(f->sys, pm_review360_add_question(&q, f->sys, w->round_rated, "Helps others", 0, 1,
                                                5));
    assert_ok(f->sys, pm_review360_add_rater(f->sys, w->round_rated, w->per, PM_RATER_PEER));
    assert_ok(f->sys, pm_review360_open(f->sys, w->round_rated));
    submit(f, w->per, w->round_rated, q, 5, 0, NULL);
}

static void assess(pm_fixture *f, pm_id assessor, pm_id person, pm_id competency, int level,
                   pm_assessment_source source, pm_id round, const char *note)
{
    pm_assessment_opts o = PM_ASSESSMENT_OPTS_INIT;
    o.person = person;
    o.competency = competency;
    o.level = level;
    o.source = source;
    o.round = round;
    o.note = note;
    AS(f, assessor, pm_assessment_add(NULL, s, &o));
}

static void make_competency(pm_fixture *f, world *w)
{
    static const char *const names[] = { "Novice", "Beginner", "Competent", "Proficient",
                                         "Expert" };
    pm_scale_opts sc = PM_SCALE_OPTS_INIT;
    sc.name = "Proficiency";
    sc.min_level = 1;
    sc.max_level = 5;
    sc.level_names = names;
    pm_id scale = 0;
    assert_ok(f->sys, pm_scale_create(&scale, f->sys, &sc));
    pm_competency_opts c = PM_COMPETENCY_OPTS_INIT;
    c.category = "Core";
    c.name = "Communication";
    c.scale = scale;
    assert_ok(f->sys, pm_competency_create(&w->competency, f->sys, &c));
    assert_ok(f->sys, pm_role_create(&w->role, f->sys, "Engineer", 0, NULL, 0));
    assert_ok(f->sys, pm_role_assign(f->sys, w->per, w->role, D("2026-01-01")));

    assess(f, w->per, w->per, w->competency, 3, PM_ASSESSED_BY_SELF, 0, W_PER_SELF_ASSESSMENT);
    assess(f, w->manager, w->per, w->competency, 4, PM_ASSESSED_BY_MANAGER, 0,
           "Manager: explains well");
    pm_id round = 0;
    AS(f, w->manager, pm_assessment_round_open(&round, s, w->per, PM_DATE_NONE));
    assess(f, w->per, w->per, w->competency, 4, PM_ASSESSED_BY_SELF, round, "Per in the round");
    assess(f, w->manager, w->per, w->competency, 2, PM_ASSESSED_BY_MANAGER, round,
           W_UNRELEASED_NOTE);
}

static void make_development(pm_fixture *f, world *w)
{
    pm_plan_opts p = PM_PLAN_OPTS_INIT;
    p.person = w->per;
    p.start = D("2026-01-01");
    p.end = D("2026-12-31");
    p.strengths = W_PER_STRENGTHS;
    p.target_role = w->role;
    AS(f, w->per, pm_plan_create(&w->plan, s, &p));
    AS(f, w->manager, pm_plan_add_area(s, w->plan, w->competency, "Manager: present more", 0));
    pm_plan_item_opts i = PM_PLAN_ITEM_OPTS_INIT;
    i.kind = PM_ITEM_MENTORING;
    i.title = "Pair with Quinn on talks";
    i.due = D("2026-09-30");
    i.mentor = w->quinn;
    i.competencies = &w->competency;
    i.ncompetencies = 1;
    AS(f, w->per, pm_plan_item_add(NULL, s, w->plan, &i));

    pm_programme_opts pr = PM_PROGRAMME_OPTS_INIT;
    pr.name = "Speaking bootcamp";
    pr.competencies = &w->competency;
    pr.ncompetencies = 1;
    assert_ok(f->sys, pm_programme_create(&w->programme, f->sys, &pr));
    assert_ok(f->sys, pm_programme_invite(f->sys, w->programme, w->per));
    AS(f, w->per, pm_programme_enrol(NULL, s, w->programme, w->per));

    pm_id quinn_plan = 0;
    p.person = w->quinn;
    p.strengths = NULL;
    p.target_role = 0;
    assert_ok(f->sys, pm_plan_create(&quinn_plan, f->sys, &p));
    i.kind = PM_ITEM_COACHING;
    i.title = "Quinn: coaching from Per";
    i.mentor = w->per;
    i.competencies = NULL;
    i.ncompetencies = 0;
    assert_ok(f->sys, pm_plan_item_add(NULL, f->sys, quinn_plan, &i));
}

static void make_wellbeing(pm_fixture *f, world *w)
{
    pm_metric_opts m = PM_METRIC_OPTS_INIT;
    m.name = "Energy";
    m.min = 1;
    m.max = 10;
    assert_ok(f->sys, pm_metric_create(&w->metric, f->sys, &m));
    pm_measurement_opts me = PM_MEASUREMENT_OPTS_INIT;
    me.person = w->per;
    me.metric = w->metric;
    me.value = 7;
    AS(f, w->per, pm_measurement_add(NULL, s, &me));

    pm_survey_opts so = PM_SURVEY_OPTS_INIT;
    so.title = "June pulse";
    so.opens = D("2026-06-01");
    so.closes = D("2026-06-30");
    assert_ok(f->sys, pm_survey_create(&w->survey, f->sys, &so));
    assert_ok(f->sys, pm_survey_add_instrument(f->sys, w->survey, PM_INSTRUMENT_WHO5, 0, NULL, 0));
    assert_ok(f->sys, pm_survey_add_audience(f->sys, w->survey, w->eng, 0));
    assert_ok(f->sys, pm_survey_open(f->sys, w->survey));
    pm_survey_answer a[5];
    for (int i = 0; i < 5; i++) {
        a[i].instrument = PM_INSTRUMENT_WHO5;
        a[i].metric = 0;
        a[i].item = i + 1;
        a[i].value = 3;
    }
    AS(f, w->per, pm_survey_respond(s, w->survey, a, 5));

    pm_evaluation_opts e = PM_EVALUATION_OPTS_INIT;
    e.title = "Bootcamp effect";
    e.metric = w->metric;
    e.participants = &w->per;
    e.nparticipants = 1;
    assert_ok(f->sys, pm_evaluation_create(&w->evaluation, f->sys, &e));
    assert_ok(f->sys, pm_evaluation_set_values(f->sys, w->evaluation, w->per, 5, 8));
}

void world_build(pm_fixture *f, world *w)
{
    make_people(f, w);
    make_goals(f, w);
    make_checkins(f, w);
    make_feedback(f, w);
    make_review360(f, w);
    make_competency(f, w);
    make_development(f, w);
    make_wellbeing(f, w);
}
