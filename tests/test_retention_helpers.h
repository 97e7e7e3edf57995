/* What the retention tests share: a small organisation built long before
 * the fixture's now, records of every retention class made on an old day
 * and on a recent one (each through the public API, on the fixture's
 * clock), periods for every class, and reads straight from the store to
 * see what a purge left.
 *
 * The organisation (from OLD_AT): unit "Team" with boss, who manages ana
 * and ben; cat in the unit without a manager; hr, an HR admin, outside it. */
#ifndef PM_TEST_RETENTION_HELPERS_H
#define PM_TEST_RETENTION_HELPERS_H

#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "api/internal.h"

#define DAY ((pm_time)86400)
/* Records past a 30-day period, and records inside it. */
#define OLD_AT (PM_FIXTURE_NOW - 120 * DAY)
#define RECENT_AT (PM_FIXTURE_NOW - 10 * DAY)
#define PERIOD_DAYS 30
#define D(iso) pm_fixture_date(iso)

typedef struct world {
    pm_fixture *f;
    pm_id unit, boss, ana, ben, cat, hr;
    pm_id metric, survey, series, checkin;
    /* One record of each kind and age; "held" ones are the test's to use. */
    pm_id fb_old, fb_recent, fb_anon_old;
    pm_id req_old, req_recent;
    pm_id note_old, point_old, open_item_old, done_item_old, note_recent;
    pm_id meas_old, meas_recent;
} world;

/* ---- reading the store directly ---- */

typedef struct row_count {
    size_t n;
    pm_id want;
    int found;
} row_count;

static inline int count_row(const pm_row *row, void *payload)
{
    row_count *c = payload;
    c->n++;
    if (row->id == c->want)
        c->found = 1;
    return 0;
}

/* Rows of a kind in the fixture's store. */
static inline size_t rows_of(pm_fixture *f, unsigned int kind)
{
    row_count c = { 0, 0, 0 };
    pm_scan scan = { kind, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    pm_storage *st = f->db->storage;
    assert_int_equal(st->scan(st, &scan, count_row, &c), PM_OK);
    return c.n;
}

/* 1 when the kind holds a row with this id. */
static inline int row_exists(pm_fixture *f, unsigned int kind, pm_id id)
{
    row_count c = { 0, id, 0 };
    pm_scan scan = { kind, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    pm_storage *st = f->db->storage;
    assert_int_equal(st->scan(st, &scan, count_row, &c), PM_OK);
    return c.found;
}

typedef struct time_count {
    unsigned int field;
    int64_t before;
    size_t n;
} time_count;

static inline int count_before(const pm_row *row, void *payload)
{
    time_count *c = payload;
    if (row->values[c->field].type == PM_VALUE_INT && row->values[c->field].v.i < c->before)
        c->n++;
    return 0;
}

/* Rows of a kind whose field (a time or a day) is below before. */
static inline size_t rows_before(pm_fixture *f, unsigned int kind, unsigned int field,
                                 int64_t before)
{
    time_count c = { field, before, 0 };
    pm_scan scan = { kind, PM_SCAN_BY_ID, 0, NULL, NULL, NULL, 0, 0 };
    pm_storage *st = f->db->storage;
    assert_int_equal(st->scan(st, &scan, count_before, &c), PM_OK);
    return c.n;
}

/* ---- the purge's audit entries ---- */

/* The PM_AUDIT_PURGE entries about record_kind (NULL: any), and the
 * records they cover together in *records. */
static inline size_t purge_entries(pm_fixture *f, const char *record_kind, int64_t *records)
{
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.op = PM_AUDIT_PURGE;
    q.record_kind = record_kind;
    q.limit = PM_AUDIT_PAGE_MAX;
    pm_audit_page *page = NULL;
    assert_ok(f->sys, pm_audit_list(&page, f->sys, &q));
    size_t n = pm_audit_page_count(page);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(pm_audit_entry_record(page, i), 0);
        sum += pm_audit_entry_records(page, i);
    }
    pm_audit_page_free(page);
    if (records != NULL)
        *records = sum;
    return n;
}

/* ---- making records ---- */

static inline pm_id give_feedback(pm_session *s, pm_id receiver, int anonymous)
{
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = receiver;
    o.kind = PM_FEEDBACK_PRAISE;
    o.text = "Thanks for the release notes.";
    o.anonymous = anonymous;
    pm_id id = 0;
    assert_ok(s, pm_feedback_give(&id, s, &o));
    return id;
}

/* n feedback entries from giver to receiver, on the fixture's clock. */
static inline void give_many(pm_fixture *f, pm_id giver, pm_id receiver, int n)
{
    pm_session *s = pm_fixture_session(f, giver);
    for (int i = 0; i < n; i++)
        (void)give_feedback(s, receiver, 0);
    pm_session_free(s);
}

static inline pm_id ask(pm_session *s, const pm_id *addressees, size_t n, int expires_days,
                        int repeat_days)
{
    pm_feedback_request_opts o = PM_FEEDBACK_REQUEST_OPTS_INIT;
    o.topic = "The planning workshop";
    o.addressees = addressees;
    o.naddressees = n;
    o.expires_days = expires_days;
    o.repeat_days = repeat_days;
    pm_id id = 0;
    assert_ok(s, pm_feedback_request_create(&id, s, &o));
    return id;
}

static inline pm_id add_entry(pm_session *s, pm_id checkin, pm_entry_kind kind)
{
    pm_checkin_entry_opts o = PM_CHECKIN_ENTRY_OPTS_INIT;
    o.kind = kind;
    o.text = "Roadmap for the autumn";
    pm_id id = 0;
    assert_ok(s, pm_checkin_entry_add(&id, s, checkin, &o));
    return id;
}

static inline pm_id measure(pm_session *s, pm_id person, pm_id metric, double value)
{
    pm_measurement_opts o = PM_MEASUREMENT_OPTS_INIT;
    o.person = person;
    o.metric = metric;
    o.value = value;
    pm_id id = 0;
    assert_ok(s, pm_measurement_add(&id, s, &o));
    return id;
}

static inline void respond(pm_fixture *f, pm_id person, pm_id survey)
{
    pm_survey_answer a = { PM_INSTRUMENT_ENPS, 0, 1, 9 };
    pm_session *s = pm_fixture_session(f, person);
    assert_ok(s, pm_survey_respond(s, survey, &a, 1));
    pm_session_free(s);
}

/* The organisation, on the fixture's clock at OLD_AT. */
static inline world make_team(pm_fixture *f)
{
    world w;
    memset(&w, 0, sizeof w);
    w.f = f;
    f->now = OLD_AT;
    w.unit = pm_fixture_unit(f, "Team", 0);
    w.boss = pm_fixture_person(f, "E1", "Bo Boss", 0, w.unit);
    w.ana = pm_fixture_person(f, "E2", "Ana Andersson", w.boss, w.unit);
    w.ben = pm_fixture_person(f, "E3", "Ben Berg", w.boss, w.unit);
    w.cat = pm_fixture_person(f, "E4", "Cat Carlsson", 0, w.unit);
    w.hr = pm_fixture_person(f, "H1", "Hanna HR", 0, 0);
    assert_ok(f->sys, pm_person_set_hr_admin(f->sys, w.hr, 1));
    return w;
}

/* The organisation and one record of every kind on OLD_AT and on
 * RECENT_AT; the clock is left at the fixture's now. */
static inline world make_world(pm_fixture *f)
{
    world w = make_team(f);
    pm_session *boss = pm_fixture_session(f, w.boss);
    pm_session *ana = pm_fixture_session(f, w.ana);
    pm_session *cat = pm_fixture_session(f, w.cat);

    pm_checkin_series_opts so = PM_CHECKIN_SERIES_OPTS_INIT;
    so.manager = w.boss;
    so.report = w.ana;
    assert_ok(boss, pm_checkin_series_create(&w.series, boss, &so));
    pm_checkin_iter *it = NULL;
    pm_checkin *c = NULL;
    assert_ok(boss, pm_checkin_list(&it, boss, w.series));
    assert_ok(boss, pm_checkin_iter_next(&c, it));
    w.checkin = pm_checkin_id(c);
    pm_checkin_iter_free(it);

    pm_metric_opts mo = PM_METRIC_OPTS_INIT;
    mo.name = "Workload";
    mo.min = 1;
    mo.max = 5;
    assert_ok(f->sys, pm_metric_create(&w.metric, f->sys, &mo));

    pm_survey_opts sv = PM_SURVEY_OPTS_INIT;
    sv.title = "Pulse";
    sv.opens = pm_time_date(OLD_AT);
    sv.closes = pm_time_date(RECENT_AT) + 5;
    assert_ok(f->sys, pm_survey_create(&w.survey, f->sys, &sv));
    assert_ok(f->sys, pm_survey_add_instrument(f->sys, w.survey, PM_INSTRUMENT_ENPS, 0, NULL, 0));
    assert_ok(f->sys, pm_survey_add_audience(f->sys, w.survey, w.unit, 0));
    assert_ok(f->sys, pm_survey_open(f->sys, w.survey));

    /* The old day. */
    w.fb_old = give_feedback(ana, w.ben, 0);
    w.fb_anon_old = give_feedback(cat, w.ben, 1);
    pm_id both[2] = { w.ben, w.cat };
    w.req_old = ask(ana, both, 2, 30, 0);
    w.note_old = add_entry(boss, w.checkin, PM_ENTRY_NOTE);
    w.point_old = add_entry(ana, w.checkin, PM_ENTRY_TALKING_POINT);
    w.open_item_old = add_entry(boss, w.checkin, PM_ENTRY_ACTION_ITEM);
    w.done_item_old = add_entry(ana, w.checkin, PM_ENTRY_ACTION_ITEM);
    assert_ok(ana, pm_checkin_entry_set_done(ana, w.done_item_old, 1));
    w.meas_old = measure(ana, w.ana, w.metric, 4);
    respond(f, w.ana, w.survey);

    /* The recent day. */
    f->now = RECENT_AT;
    w.fb_recent = give_feedback(ana, w.ben, 0);
    pm_id one[1] = { w.ben };
    w.req_recent = ask(ana, one, 1, 30, 0);
    w.note_recent = add_entry(boss, w.checkin, PM_ENTRY_NOTE);
    w.meas_recent = measure(ana, w.ana, w.metric, 2);
    respond(f, w.ben, w.survey);

    f->now = PM_FIXTURE_NOW;
    pm_session_free(boss);
    pm_session_free(ana);
    pm_session_free(cat);
    return w;
}

static inline void set_all_periods(pm_fixture *f, int days)
{
    for (int c = 1; c <= PM_RETENTION_CLASS_MAX; c++)
        assert_ok(f->sys, pm_retention_set(f->sys, (pm_retention_class)c, days));
}

/* pm_retention_purge through the system session with the db's clock;
 * fails the test unless it succeeds. */
static inline pm_retention_report purge_ok(pm_fixture *f, unsigned int batch_size,
                                           unsigned int max_batches)
{
    pm_retention_purge_opts o = PM_RETENTION_PURGE_OPTS_INIT;
    if (batch_size > 0)
        o.batch_size = batch_size;
    o.max_batches = max_batches;
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    assert_ok(f->sys, pm_retention_purge(f->sys, 0, &o, &r));
    return r;
}

#endif
