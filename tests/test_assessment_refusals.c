/* What assessments refuse, on every backend: bad fields, unknown people,
 * competencies and rounds, the wrong side for a source, a side submitting
 * twice or assessing after it submitted, 360 in a round, bad rules and
 * versions. Each refused write leaves the store exactly as it was (a dump
 * compare); adding, listing and submitting survive running out of memory. */
#include "test_assessment_helpers.h"

#include "samples.h"

/* Fails unless add refuses opts with status and a message holding needle,
 * writing nothing. */
#define assert_add_refused(f, s, opts, status, needle)                  \
    do {                                                                \
        char *before_ = pm_fixture_store_dump(f);                       \
        pm_id id_ = 77;                                                 \
        assert_fails((s), pm_assessment_add(&id_, (s), (opts)), (status), (needle)); \
        assert_int_equal(id_, 0);                                       \
        pm_fixture_assert_store_is((f), before_);                       \
    } while (0)

static void test_add_refuses_a_level_outside_the_scale(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 9, PM_ASSESSED_BY_SELF, NULL);
    assert_add_refused(f, anna, &opts, PM_EINVAL,
                       "assessment.level: 9 is outside the scale 1 to 5");
    opts.level = 0;
    assert_add_refused(f, anna, &opts, PM_EINVAL,
                       "assessment.level: 0 is outside the scale 1 to 5");
    opts.competency = o.tooling;
    opts.level = 4;
    assert_add_refused(f, anna, &opts, PM_EINVAL,
                       "assessment.level: 4 is outside the scale 0 to 3");
    opts.level = -1;
    assert_add_refused(f, anna, &opts, PM_EINVAL, "-1 is outside the scale 0 to 3");
    pm_session_free(anna);
}

static void test_add_refuses_a_date_in_the_future_or_not_a_date(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_MANAGER,
                                          "2026-06-16");
    assert_add_refused(f, boss, &opts, PM_EINVAL,
                       "assessment.on: 2026-06-16 is in the future (today is 2026-06-15)");
    opts.on = 123456789;
    assert_add_refused(f, boss, &opts, PM_EINVAL, "assessment.on: 123456789 is not a date");
    pm_session_free(boss);
}

static void test_add_refuses_unknown_people_and_competencies(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_assessment_opts opts = assess_opts(999, o.comm, 3, PM_ASSESSED_BY_360, NULL);
    assert_add_refused(f, f->sys, &opts, PM_ENOTFOUND,
                       "assessment.person: person 999 does not exist");
    opts.person = 0;
    assert_add_refused(f, f->sys, &opts, PM_EINVAL, "assessment.person: 0 is not a person id");
    opts.person = o.anna;
    opts.competency = 999;
    assert_add_refused(f, f->sys, &opts, PM_ENOTFOUND, "assessment.competency");
    opts.competency = 0;
    assert_add_refused(f, f->sys, &opts, PM_EINVAL, "assessment.competency");
}

static void test_add_refuses_someone_who_has_left(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    assert_ok(f->sys, pm_person_set_left(f->sys, o.peer, D("2026-06-15")));
    pm_assessment_opts opts = assess_opts(o.peer, o.comm, 3, PM_ASSESSED_BY_360, NULL);
    char msg[64];
    snprintf(msg, sizeof msg, "assessment.person: person %lld has left", (long long)o.peer);
    assert_add_refused(f, f->sys, &opts, PM_EINVAL, msg);
}

static void test_add_refuses_an_unknown_source(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, (pm_assessment_source)0, NULL);
    assert_add_refused(f, f->sys, &opts, PM_EINVAL,
                       "assessment.source: 0 is not a source (1 self, 2 manager, 3 360)");
    opts.source = (pm_assessment_source)4;
    assert_add_refused(f, f->sys, &opts, PM_EINVAL, "assessment.source: 4 is not a source");
}

static void test_add_refuses_the_wrong_side_for_the_source(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *peer = pm_fixture_session(f, o.peer);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *report = pm_fixture_session(f, o.report);
    pm_session *hr = pm_fixture_session(f, o.hr);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_MANAGER, NULL);
    /* A peer is not above anna. */
    assert_add_refused(f, peer, &opts, PM_EPERM,
                       "may not assess as the manager of someone who is not their report");
    /* Nor is her report, nor she herself, nor an HR admin outside her chain. */
    assert_add_refused(f, report, &opts, PM_EPERM, "may not assess as the manager");
    assert_add_refused(f, anna, &opts, PM_EPERM, "may not assess as the manager");
    assert_add_refused(f, hr, &opts, PM_EPERM, "may not assess as the manager");
    assert_add_refused(f, f->sys, &opts, PM_EPERM,
                       "the system actor may not assess as the manager");
    /* Her manager may not assess as her. */
    opts.source = PM_ASSESSED_BY_SELF;
    assert_add_refused(f, boss, &opts, PM_EPERM, "may not assess someone else as themself");
    assert_add_refused(f, hr, &opts, PM_EPERM, "may not assess someone else as themself");
    assert_add_refused(f, f->sys, &opts, PM_EPERM, "the system actor may not assess");
    /* 360 results are HR's and the system's to record. */
    opts.source = PM_ASSESSED_BY_360;
    assert_add_refused(f, boss, &opts, PM_EPERM, "may not record 360 assessments");
    assert_add_refused(f, anna, &opts, PM_EPERM, "may not record 360 assessments");
    pm_session_free(hr);
    pm_session_free(report);
    pm_session_free(anna);
    pm_session_free(boss);
    pm_session_free(peer);
}

static void test_add_refuses_bad_notes(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_360, NULL);
    opts.note = "bad \xC3(";
    assert_add_refused(f, f->sys, &opts, PM_EUTF8, "assessment.note: invalid UTF-8");
    char *long_note = malloc(PM_COMPETENCY_TEXT_MAX + 2);
    assert_non_null(long_note);
    memset(long_note, 'x', PM_COMPETENCY_TEXT_MAX + 1);
    long_note[PM_COMPETENCY_TEXT_MAX + 1] = '\0';
    opts.note = long_note;
    assert_add_refused(f, f->sys, &opts, PM_ERANGE, "assessment.note: longer than 4000");
    /* Exactly the limit is fine. */
    long_note[PM_COMPETENCY_TEXT_MAX] = '\0';
    assert_ok(f->sys, pm_assessment_add(NULL, f->sys, &opts));
    free(long_note);
}

static void test_add_refuses_bad_versions_and_null(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_360, NULL);
    opts.version = 0;
    assert_add_refused(f, f->sys, &opts, PM_EVERSION, "assessment.version: 0");
    opts.version = PM_ASSESSMENT_OPTS_VERSION + 1;
    assert_add_refused(f, f->sys, &opts, PM_EVERSION, "assessment.version");
    assert_add_refused(f, f->sys, NULL, PM_EINVAL, "opts: must not be NULL");
    assert_int_equal(pm_assessment_add(NULL, NULL, &opts), PM_EINVAL);
}

/* ---- rounds ---- */

static void test_add_in_a_round_refuses_unknown_foreign_and_360(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_id round = open_round(f->sys, o.anna, "2026-06-10");
    pm_id other = open_round(f->sys, o.peer, NULL);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_SELF, NULL);
    opts.round = 999;
    assert_add_refused(f, anna, &opts, PM_ENOTFOUND,
                       "assessment.round: assessment round 999 does not exist");
    opts.round = other;
    assert_add_refused(f, anna, &opts, PM_EINVAL, "assessment.round: assessment round");
    opts.round = round;
    opts.on = D("2026-06-01");
    assert_add_refused(f, anna, &opts, PM_EINVAL,
                       "assessment.on: 2026-06-01 is not the day of assessment round");
    /* The round's own day is fine when given. */
    opts.on = D("2026-06-10");
    assert_ok(anna, pm_assessment_add(NULL, anna, &opts));
    pm_assessment_opts r360 = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_360, NULL);
    r360.round = round;
    assert_add_refused(f, f->sys, &r360, PM_EINVAL,
                       "assessment.round: 360 assessments are not part of a round");
    pm_session_free(anna);
}

static void test_add_in_a_round_refuses_the_wrong_side(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *peer = pm_fixture_session(f, o.peer);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_id round = open_round(boss, o.anna, NULL);
    pm_assessment_opts opts = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_MANAGER, NULL);
    opts.round = round;
    assert_add_refused(f, peer, &opts, PM_EPERM, "may not assess as the manager");
    opts.source = PM_ASSESSED_BY_SELF;
    assert_add_refused(f, boss, &opts, PM_EPERM, "may not assess someone else as themself");
    pm_session_free(boss);
    pm_session_free(peer);
}

static void test_add_after_the_side_submitted_is_refused(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_id round = open_round(boss, o.anna, NULL);
    assess_in(anna, round, o.anna, o.comm, 3, PM_ASSESSED_BY_SELF);
    assert_ok(anna, pm_assessment_round_submit(NULL, anna, round));
    pm_assessment_opts opts = assess_opts(o.anna, o.lead, 3, PM_ASSESSED_BY_SELF, NULL);
    opts.round = round;
    char msg[96];
    snprintf(msg, sizeof msg,
             "assessment.round: the self side of assessment round %lld has already submitted",
             (long long)round);
    assert_add_refused(f, anna, &opts, PM_EINVAL, msg);
    /* The other side still assesses until it submits. */
    assess_in(boss, round, o.anna, o.comm, 4, PM_ASSESSED_BY_MANAGER);
    assert_ok(boss, pm_assessment_round_submit(NULL, boss, round));
    opts.source = PM_ASSESSED_BY_MANAGER;
    assert_add_refused(f, boss, &opts, PM_EINVAL, "the manager side of assessment round");
    /* Outside the round, assessing goes on. */
    opts.round = 0;
    assert_ok(boss, pm_assessment_add(NULL, boss, &opts));
    pm_session_free(boss);
    pm_session_free(anna);
}

static void test_submit_refuses_a_second_submission_of_a_side(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_session *top = pm_fixture_session(f, o.top);
    pm_id round = open_round(boss, o.anna, NULL);
    assert_ok(anna, pm_assessment_round_submit(NULL, anna, round));
    char *before = pm_fixture_store_dump(f);
    int released = 7;
    assert_fails(anna, pm_assessment_round_submit(&released, anna, round), PM_EINVAL,
                 "round: the self side of assessment round");
    assert_int_equal(released, 0);
    pm_fixture_assert_store_is(f, before);
    assert_ok(boss, pm_assessment_round_submit(NULL, boss, round));
    /* One submission per side, whoever above makes it. */
    before = pm_fixture_store_dump(f);
    assert_fails(top, pm_assessment_round_submit(NULL, top, round), PM_EINVAL,
                 "the manager side of assessment round");
    pm_fixture_assert_store_is(f, before);
    pm_session_free(top);
    pm_session_free(boss);
    pm_session_free(anna);
}

static void test_submit_refuses_anyone_on_neither_side(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_id round = open_round(f->sys, o.anna, NULL);
    pm_id others[] = { o.peer, o.report, o.outsider, o.hr };
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
        pm_session *s = pm_fixture_session(f, others[i]);
        char *before = pm_fixture_store_dump(f);
        assert_fails(s, pm_assessment_round_submit(NULL, s, round), PM_EPERM,
                     "may not submit a side of assessment round");
        pm_fixture_assert_store_is(f, before);
        pm_session_free(s);
    }
    char *before = pm_fixture_store_dump(f);
    assert_fails(f->sys, pm_assessment_round_submit(NULL, f->sys, round), PM_EPERM,
                 "the system actor may not submit a side");
    assert_fails(f->sys, pm_assessment_round_submit(NULL, f->sys, 999), PM_ENOTFOUND,
                 "round: assessment round 999 does not exist");
    assert_fails(f->sys, pm_assessment_round_submit(NULL, f->sys, 0), PM_EINVAL,
                 "round: 0 is not an assessment round id");
    pm_fixture_assert_store_is(f, before);
    assert_int_equal(pm_assessment_round_submit(NULL, NULL, round), PM_EINVAL);
}

static void test_round_open_refusals_write_nothing(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *peer = pm_fixture_session(f, o.peer);
    pm_session *anna = pm_fixture_session(f, o.anna);
    char *before = pm_fixture_store_dump(f);
    pm_id id = 7;
    /* Only above, HR or the system open a round: not the person, not a peer. */
    assert_fails(peer, pm_assessment_round_open(&id, peer, o.anna, PM_DATE_NONE), PM_EPERM,
                 "may not open an assessment round for someone who is not their report");
    assert_int_equal(id, 0);
    assert_fails(anna, pm_assessment_round_open(&id, anna, o.anna, PM_DATE_NONE), PM_EPERM,
                 "may not open an assessment round");
    /* No manager, no manager side. */
    assert_fails(f->sys, pm_assessment_round_open(&id, f->sys, o.outsider, PM_DATE_NONE),
                 PM_EINVAL, "has no manager today");
    assert_fails(f->sys, pm_assessment_round_open(&id, f->sys, o.anna, D("2026-06-16")),
                 PM_EINVAL, "on: 2026-06-16 is in the future");
    assert_fails(f->sys, pm_assessment_round_open(&id, f->sys, 999, PM_DATE_NONE),
                 PM_ENOTFOUND, "person: person 999 does not exist");
    pm_fixture_assert_store_is(f, before);
    pm_id round = open_round(f->sys, o.anna, NULL);
    before = pm_fixture_store_dump(f);
    char msg[96];
    snprintf(msg, sizeof msg, "has assessment round %lld not yet released", (long long)round);
    assert_fails(f->sys, pm_assessment_round_open(&id, f->sys, o.anna, PM_DATE_NONE),
                 PM_ECONFLICT, msg);
    pm_fixture_assert_store_is(f, before);
    pm_session_free(anna);
    pm_session_free(peer);
}

static void test_round_state_refusals(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_id round = open_round(f->sys, o.anna, NULL);
    pm_session *peer = pm_fixture_session(f, o.peer);
    int self = 7, manager = 7;
    pm_time released = 7;
    assert_fails(peer, pm_assessment_round_state(&self, &manager, &released, peer, round),
                 PM_EPERM, "may not see this person's assessments and gaps");
    assert_int_equal(self, 0);
    assert_int_equal(manager, 0);
    assert_int_equal(released, 0);
    assert_fails(f->sys, pm_assessment_round_state(NULL, NULL, NULL, f->sys, 999), PM_ENOTFOUND,
                 "assessment round 999 does not exist");
    pm_session_free(peer);
}

/* ---- reads ---- */

static void test_list_refusals(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *peer = pm_fixture_session(f, o.peer);
    pm_assessment_iter *it = (pm_assessment_iter *)&it;
    assert_fails(peer, pm_assessment_list(&it, peer, o.anna, 0), PM_EPERM,
                 "may not see this person's assessments and gaps");
    assert_null(it);
    assert_fails(f->sys, pm_assessment_list(&it, f->sys, 999, 0), PM_ENOTFOUND,
                 "person: person 999 does not exist");
    assert_fails(f->sys, pm_assessment_list(&it, f->sys, o.anna, 999), PM_ENOTFOUND,
                 "competency");
    assert_fails(f->sys, pm_assessment_list(NULL, f->sys, o.anna, 0), PM_EINVAL,
                 "out: must not be NULL");
    assert_int_equal(pm_assessment_iter_next(NULL, NULL), PM_EINVAL);
    pm_assessment_iter_free(NULL);
    assert_int_equal(pm_assessment_id(NULL), 0);
    assert_null(pm_assessment_note(NULL));
    assert_int_equal(pm_assessment_date(NULL), PM_DATE_NONE);
    pm_session_free(peer);
}

static void test_level_refusals(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *peer = pm_fixture_session(f, o.peer);
    double level = 7;
    int assessed = 7;
    assert_fails(peer, pm_competency_level(&level, &assessed, peer, o.anna, o.comm,
                                           PM_DATE_NONE, NULL),
                 PM_EPERM, "may not see this person's assessments and gaps");
    assert_true(level == 0);
    assert_int_equal(assessed, 0);
    pm_level_rule rule = PM_LEVEL_RULE_INIT;
    rule.kind = PM_LEVEL_WEIGHTED;
    rule.manager_weight = -1;
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, o.anna, o.comm,
                                             PM_DATE_NONE, &rule),
                 PM_EINVAL, "rule.manager_weight: must be 0 or more, not -1");
    rule.manager_weight = 0;
    rule.self_weight = 0;
    rule.review360_weight = 0;
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, o.anna, o.comm,
                                             PM_DATE_NONE, &rule),
                 PM_EINVAL, "rule: the weights must not all be 0");
    pm_level_rule bad = PM_LEVEL_RULE_INIT;
    bad.kind = (pm_level_rule_kind)9;
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, o.anna, o.comm,
                                             PM_DATE_NONE, &bad),
                 PM_EINVAL, "rule.kind: 9");
    bad = (pm_level_rule)PM_LEVEL_RULE_INIT;
    bad.version = 0;
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, o.anna, o.comm,
                                             PM_DATE_NONE, &bad),
                 PM_EVERSION, "rule.version: 0");
    bad.version = PM_LEVEL_RULE_VERSION + 1;
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, o.anna, o.comm,
                                             PM_DATE_NONE, &bad),
                 PM_EVERSION, "rule.version");
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, 999, o.comm,
                                             PM_DATE_NONE, NULL),
                 PM_ENOTFOUND, "person: person 999 does not exist");
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, o.anna, 999,
                                             PM_DATE_NONE, NULL),
                 PM_ENOTFOUND, "competency");
    assert_fails(f->sys, pm_competency_level(&level, &assessed, f->sys, o.anna, o.comm,
                                             123456789, NULL),
                 PM_EINVAL, "date: 123456789 is not a date");
    assert_fails(f->sys, pm_competency_level(NULL, &assessed, f->sys, o.anna, o.comm,
                                             PM_DATE_NONE, NULL),
                 PM_EINVAL, "level: must not be NULL");
    pm_session_free(peer);
}

/* ---- running out of memory ---- */

static void test_writes_and_reads_survive_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_id round = open_round(boss, o.anna, "2026-06-01");
    assess(boss, o.anna, o.lead, 2, PM_ASSESSED_BY_MANAGER, "2026-02-01");
    assess_in(boss, round, o.anna, o.lead, 4, PM_ASSESSED_BY_MANAGER);
    pm_assessment_opts plain = assess_opts(o.anna, o.comm, 3, PM_ASSESSED_BY_360, "2026-05-01");
    plain.note = "From the spring 360, " A_RING_NFD "sa's group";
    pm_assessment_opts in_round = assess_opts(o.anna, o.comm, 4, PM_ASSESSED_BY_SELF, NULL);
    in_round.round = round;
    in_round.note = "Self view";
    for (int call = 0; call < 4; call++) {
        pm_session *s = call == 0 ? f->sys : call == 1 ? anna : boss;
        int succeeded = 0;
        for (long n = 0; n < 1000 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            pm_assessment_iter *it = NULL;
            pm_fixture_alloc_fail_after(n);
            pm_status st = call == 0 ? pm_assessment_add(NULL, s, &plain)
                         : call == 1 ? pm_assessment_add(NULL, s, &in_round)
                         : call == 2 ? pm_assessment_list(&it, s, o.anna, 0)
                                     : pm_assessment_round_submit(NULL, s, round);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, n, (int)st,
                         pm_session_errmsg(s));
            succeeded = st == PM_OK;
            if (call == 2 && succeeded) {
                /* The manager side sees the 360, its older assessment and its
                 * round one, not anna's round one. */
                size_t count = 0;
                pm_assessment *a = NULL;
                while (pm_assessment_iter_next(&a, it) == PM_OK)
                    count++;
                assert_int_equal(count, 3);
                pm_assessment_iter_free(it);
            }
            if (!succeeded) {
                assert_null(it);
                pm_fixture_check_store(f, before, "assessment call");
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call, n,
                             pm_fixture_alloc_live() - live);
            }
            free(before);
        }
        assert_true(succeeded);
    }
    /* Submitting released nothing (anna has not submitted), and the
     * manager side submitted once. */
    int self = -1, manager = -1;
    assert_ok(boss, pm_assessment_round_state(&self, &manager, NULL, boss, round));
    assert_int_equal(self, 0);
    assert_int_equal(manager, 1);
    pm_session_free(boss);
    pm_session_free(anna);
}

static void test_release_survives_running_out_of_memory(void **state)
{
    pm_fixture *f = *state;
    assess_org o = make_org(f);
    pm_session *anna = pm_fixture_session(f, o.anna);
    pm_session *boss = pm_fixture_session(f, o.boss);
    pm_id round = open_round(boss, o.anna, NULL);
    for (int i = 0; i < 10; i++)
        assess_in(i % 2 ? anna : boss, round, o.anna, i < 5 ? o.comm : o.lead, 1 + i % 5,
                  i % 2 ? PM_ASSESSED_BY_SELF : PM_ASSESSED_BY_MANAGER);
    assert_ok(anna, pm_assessment_round_submit(NULL, anna, round));
    int succeeded = 0;
    for (long n = 0; n < 1000 && !succeeded; n++) {
        char *before = pm_fixture_store_dump(f);
        long live = pm_fixture_alloc_live();
        int released = 7;
        pm_fixture_alloc_fail_after(n);
        pm_status st = pm_assessment_round_submit(&released, boss, round);
        pm_fixture_alloc_fail_after(-1);
        if (st != PM_OK && st != PM_ENOMEM)
            fail_msg("allocation %ld failing: status %d: %s", n, (int)st,
                     pm_session_errmsg(boss));
        succeeded = st == PM_OK;
        if (succeeded) {
            assert_int_equal(released, 1);
        } else {
            assert_int_equal(released, 0);
            pm_fixture_check_store(f, before, "round release");
            if (pm_fixture_alloc_live() != live)
                fail_msg("allocation %ld failing: %ld allocations leaked", n,
                         pm_fixture_alloc_live() - live);
        }
        free(before);
    }
    assert_true(succeeded);
    listed l = list_as(anna, o.anna, 0);
    assert_int_equal(l.count, 10);
    for (size_t i = 0; i < l.count; i++)
        assert_int_equal(l.released[i], 1);
    pm_session_free(boss);
    pm_session_free(anna);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_add_refuses_a_level_outside_the_scale),
        T(test_add_refuses_a_date_in_the_future_or_not_a_date),
        T(test_add_refuses_unknown_people_and_competencies),
        T(test_add_refuses_someone_who_has_left),
        T(test_add_refuses_an_unknown_source),
        T(test_add_refuses_the_wrong_side_for_the_source),
        T(test_add_refuses_bad_notes),
        T(test_add_refuses_bad_versions_and_null),
        T(test_add_in_a_round_refuses_unknown_foreign_and_360),
        T(test_add_in_a_round_refuses_the_wrong_side),
        T(test_add_after_the_side_submitted_is_refused),
        T(test_submit_refuses_a_second_submission_of_a_side),
        T(test_submit_refuses_anyone_on_neither_side),
        T(test_round_open_refusals_write_nothing),
        T(test_round_state_refusals),
        T(test_list_refusals),
        T(test_level_refusals),
        T(test_writes_and_reads_survive_running_out_of_memory),
        T(test_release_survives_running_out_of_memory),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
