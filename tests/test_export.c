/* The personal-data export: a person with data in every area, read back
 * with Jansson; what each section holds; anonymity and private notes; who
 * may export and what they get; the file; refusals, which change nothing
 * (not even the audit trail); and running out of memory. */
#define _POSIX_C_SOURCE 200809L /* mkdtemp, opendir */

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checks.h"
#include "store_dump.h"
#include "test_export_world.h"

/* ---- reading exports ---- */

static char *export_text(pm_session *s, pm_id person)
{
    char *text = NULL;
    assert_ok(s, pm_person_export_json(&text, s, person));
    assert_non_null(text);
    return text;
}

static json_t *parse(const char *text)
{
    json_error_t error;
    json_t *doc = json_loads(text, 0, &error);
    if (doc == NULL)
        fail_msg("export is not JSON: %s (line %d)", error.text, error.line);
    return doc;
}

/* The export of person by session s, parsed; *text (when not NULL)
 * receives the text, to pm_free. */
static json_t *export_doc(pm_session *s, pm_id person, char **text)
{
    char *t = export_text(s, person);
    json_t *doc = parse(t);
    if (text != NULL)
        *text = t;
    else
        pm_free(t);
    return doc;
}

static json_t *export_as(pm_fixture *f, pm_id actor, pm_id person, char **text)
{
    pm_session *s = actor ? pm_fixture_session(f, actor) : f->sys;
    json_t *doc = export_doc(s, person, text);
    if (actor)
        pm_session_free(s);
    return doc;
}

static json_t *list_of(json_t *doc, const char *section, const char *key)
{
    json_t *list = json_object_get(json_object_get(doc, section), key);
    if (!json_is_array(list))
        fail_msg("%s.%s is not a list", section, key);
    return list;
}

static size_t count(json_t *doc, const char *section, const char *key)
{
    return json_array_size(list_of(doc, section, key));
}

static json_int_t int_at(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v))
        fail_msg("%s is not an integer", key);
    return json_integer_value(v);
}

static const char *text_at(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        fail_msg("%s is not a string", key);
    return json_string_value(v);
}

/* The record of list whose key holds text; NULL when none. */
static json_t *find_text(json_t *list, const char *key, const char *text)
{
    size_t i;
    json_t *r;
    json_array_foreach(list, i, r) {
        json_t *v = json_object_get(r, key);
        if (json_is_string(v) && strcmp(json_string_value(v), text) == 0)
            return r;
    }
    return NULL;
}

static int has(const char *haystack, const char *needle)
{
    return strstr(haystack, needle) != NULL;
}

/* Keys whose values are people's ids. */
static int names_a_person(const char *key)
{
    static const char *const keys[] = { "giver", "receiver", "owner", "manager", "report",
                                        "author", "requester", "subject", "addressee",
                                        "assessor", "mentor", "person", "created_by",
                                        "updated_by" };
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(key, keys[i]) == 0)
            return 1;
    return 0;
}

/* 1 when some key naming a person holds id anywhere in v, or a reference
 * lists that person. */
static int mentions_person(json_t *v, pm_id id, int in_people)
{
    const char *key;
    json_t *item;
    size_t i;
    if (json_is_object(v)) {
        json_object_foreach(v, key, item) {
            if (names_a_person(key) && json_is_integer(item) && json_integer_value(item) == id)
                return 1;
            if (in_people && strcmp(key, "id") == 0 && json_integer_value(item) == id)
                return 1;
            if (mentions_person(item, id, strcmp(key, "people") == 0))
                return 1;
        }
    } else if (json_is_array(v)) {
        json_array_foreach(v, i, item) {
            if (mentions_person(item, id, in_people))
                return 1;
        }
    }
    return 0;
}

static int withheld(json_t *doc, const char *part)
{
    json_t *list = json_object_get(doc, "withheld");
    size_t i;
    json_t *v;
    json_array_foreach(list, i, v) {
        if (strcmp(json_string_value(v), part) == 0)
            return 1;
    }
    return 0;
}

/* The export entries the audit trail holds about person. */
static size_t export_entries(pm_fixture *f, pm_id person)
{
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.record_kind = "person";
    q.record = person;
    q.op = PM_AUDIT_EXPORT;
    pm_audit_page *page = NULL;
    assert_ok(f->sys, pm_audit_list(&page, f->sys, &q));
    size_t n = pm_audit_page_count(page);
    pm_audit_page_free(page);
    return n;
}

/* ---- files ---- */

typedef struct temp_dir {
    char path[512];
} temp_dir;

static void temp_dir_make(temp_dir *d)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(d->path, sizeof d->path, "%s/pm-export-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(d->path) == NULL)
        fail_msg("mkdtemp: %s", strerror(errno));
}

/* Files in the directory, "." and ".." left out. */
static int temp_dir_entries(const temp_dir *d)
{
    DIR *dir = opendir(d->path);
    assert_non_null(dir);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            n++;
    closedir(dir);
    return n;
}

static void temp_dir_remove(temp_dir *d)
{
    DIR *dir = opendir(d->path);
    if (dir == NULL)
        return;
    struct dirent *e;
    char file[1024];
    while ((e = readdir(dir)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(file, sizeof file, "%s/%s", d->path, e->d_name);
        if (unlink(file) != 0)
            rmdir(file);
    }
    closedir(dir);
    rmdir(d->path);
}

static char *read_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        fail_msg("%s: %s", path, strerror(errno));
    fseek(fp, 0, SEEK_END);
    long size = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *text = malloc((size_t)size + 1);
    assert_non_null(text);
    assert_int_equal(fread(text, 1, (size_t)size, fp), (size_t)size);
    text[size] = '\0';
    fclose(fp);
    return text;
}

/* ---- what an export holds ---- */

static void test_export_of_self_holds_every_area(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    json_t *doc = export_as(f, w.per, w.per, NULL);

    assert_string_equal(text_at(doc, "format"), "perfmgmt.person-export");
    assert_int_equal(int_at(doc, "version"), 1);
    assert_string_equal(text_at(doc, "exported_at"), "2026-06-15T12:00:00Z");
    assert_int_equal(json_array_size(json_object_get(doc, "withheld")), 0);

    json_t *person = json_object_get(doc, "person");
    assert_int_equal(int_at(person, "id"), w.per);
    assert_string_equal(text_at(person, "external_id"), "E3");
    assert_string_equal(text_at(person, "display_name"), "Per Person");
    assert_string_equal(text_at(person, "status"), "active");
    json_t *units = json_object_get(person, "units");
    assert_int_equal(json_array_size(units), 1);
    assert_int_equal(int_at(json_array_get(units, 0), "unit"), w.eng);
    assert_string_equal(text_at(json_array_get(units, 0), "start_on"), "2026-06-15");
    json_t *managers = json_object_get(person, "managers");
    assert_int_equal(json_array_size(managers), 1);
    assert_int_equal(int_at(json_array_get(managers, 0), "manager"), w.manager);

    /* What Per wrote or entered. */
    assert_int_equal(count(doc, "provided", "goals"), 1);
    assert_int_equal(count(doc, "provided", "key_results"), 1);
    assert_int_equal(count(doc, "provided", "progress_updates"), 1);
    assert_int_equal(count(doc, "provided", "checkin_entries"), 2);
    assert_int_equal(count(doc, "provided", "feedback_given"), 2);
    assert_int_equal(count(doc, "provided", "feedback_requests"), 1);
    assert_int_equal(count(doc, "provided", "assessments"), 2);
    assert_int_equal(count(doc, "provided", "plans"), 1);
    assert_int_equal(count(doc, "provided", "plan_items"), 2);
    assert_int_equal(count(doc, "provided", "measurements"), 3);
    assert_int_equal(count(doc, "provided", "survey_answers"), 5);
    /* What others recorded about Per. */
    assert_int_equal(count(doc, "recorded_by_others", "goals"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "progress_updates"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "checkin_series"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "checkin_entries"), 3);
    assert_int_equal(count(doc, "recorded_by_others", "feedback_received"), 3);
    assert_int_equal(count(doc, "recorded_by_others", "feedback_requests"), 2);
    assert_int_equal(count(doc, "recorded_by_others", "review360_rounds"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "review360_rater_in"), 2);
    assert_int_equal(count(doc, "recorded_by_others", "assessments"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "assessment_rounds"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "role_assignments"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "plan_areas"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "enrolments"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "mentoring"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "survey_invitations"), 1);
    assert_int_equal(count(doc, "recorded_by_others", "evaluation_memberships"), 1);

    /* Who wrote each progress update decides its section. */
    json_t *mine = json_array_get(list_of(doc, "provided", "progress_updates"), 0);
    assert_string_equal(text_at(mine, "comment"), "Per: four areas done");
    assert_int_equal(int_at(mine, "created_by"), w.per);
    json_t *theirs = json_array_get(list_of(doc, "recorded_by_others", "progress_updates"), 0);
    assert_int_equal(int_at(theirs, "created_by"), w.manager);

    /* The 360 round about Per: closed, with results per group. */
    json_t *round = json_array_get(list_of(doc, "recorded_by_others", "review360_rounds"), 0);
    assert_string_equal(text_at(round, "state"), "closed");
    assert_int_equal(json_array_size(json_object_get(round, "questions")), 2);
    assert_int_equal(json_array_size(json_object_get(round, "results")), 3);
    assert_non_null(find_text(json_object_get(round, "comments"), "text",
                              "Peers on Per: clear writing"));

    /* Names for the ids the records use, Per not among them. */
    json_t *refs = json_object_get(doc, "references");
    assert_non_null(find_text(json_object_get(refs, "people"), "display_name", "Mona Manager"));
    assert_null(find_text(json_object_get(refs, "people"), "display_name", "Per Person"));
    assert_non_null(find_text(json_object_get(refs, "competencies"), "name", "Communication"));
    assert_non_null(find_text(json_object_get(refs, "units"), "name", "Engineering"));
    assert_non_null(find_text(json_object_get(refs, "surveys"), "title", "June pulse"));
    assert_non_null(find_text(json_object_get(refs, "evaluations"), "title", "Bootcamp effect"));
    json_decref(doc);
}

static void test_export_shows_the_mood_to_the_report_only(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    json_t *per = export_as(f, w.per, w.per, NULL);
    json_t *checkin = json_array_get(list_of(per, "recorded_by_others", "checkins"), 0);
    assert_int_equal(int_at(checkin, "id"), w.checkin);
    assert_int_equal(int_at(checkin, "mood"), 4);
    json_decref(per);

    json_t *manager = export_as(f, w.manager, w.manager, NULL);
    json_t *list = list_of(manager, "provided", "checkins");
    assert_true(json_array_size(list) >= 1);
    size_t i;
    json_t *c;
    json_array_foreach(list, i, c) {
        assert_true(json_is_null(json_object_get(c, "mood")));
    }
    json_decref(manager);
}

static void test_export_leaves_out_unreleased_manager_assessments(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    char *text = NULL;
    json_decref(export_as(f, w.per, w.per, &text));
    assert_false(has(text, W_UNRELEASED_NOTE));
    assert_true(has(text, "Per in the round"));
    pm_free(text);
    json_decref(export_as(f, w.hr, w.per, &text));
    assert_false(has(text, W_UNRELEASED_NOTE));
    pm_free(text);
}

/* ---- anonymity and private notes ---- */

static void test_export_never_names_an_anonymous_giver_to_the_receiver(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    const pm_id actors[3] = { w.per, w.hr, 0 };
    for (int i = 0; i < 3; i++) {
        char *text = NULL;
        json_t *doc = export_as(f, actors[i], w.per, &text);
        json_t *item = find_text(list_of(doc, "recorded_by_others", "feedback_received"), "text",
                                 W_ANON_TEXT);
        assert_non_null(item);
        assert_null(json_object_get(item, "giver"));
        assert_true(json_is_true(json_object_get(item, "anonymous")));
        assert_string_equal(text_at(item, "direction"), "undisclosed");
        assert_false(has(text, W_GIVER_EXTERNAL_ID));
        assert_false(has(text, W_GIVER_NAME));
        assert_false(mentions_person(doc, w.giver, 0));
        json_decref(doc);
        pm_free(text);
    }
}

static void test_export_hides_the_links_of_anonymous_feedback_received(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    /* The manager's anonymous entry names their check-in with Per and
     * Per's goal: the check-in alone would tell Per who wrote it. */
    pm_session *manager = pm_fixture_session(f, w.manager);
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = w.per;
    o.kind = PM_FEEDBACK_SUGGESTION;
    o.text = "Unsigned, about our last check-in";
    o.anonymous = 1;
    o.checkin = w.checkin;
    o.goal = w.goal_own;
    assert_ok(manager, pm_feedback_give(NULL, manager, &o));
    pm_session_free(manager);
    json_t *doc = export_as(f, w.per, w.per, NULL);
    json_t *item = find_text(list_of(doc, "recorded_by_others", "feedback_received"), "text",
                             "Unsigned, about our last check-in");
    assert_non_null(item);
    assert_null(json_object_get(item, "giver"));
    assert_true(json_is_null(json_object_get(item, "checkin")));
    assert_true(json_is_null(json_object_get(item, "goal")));
    json_decref(doc);
}

static void test_export_by_the_giver_holds_their_anonymous_feedback(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    char *text = NULL;
    json_t *own = export_as(f, w.giver, w.giver, &text);
    json_t *item = find_text(list_of(own, "provided", "feedback_given"), "text", W_ANON_TEXT);
    assert_non_null(item);
    assert_int_equal(int_at(item, "id"), w.anon_feedback);
    assert_int_equal(int_at(item, "receiver"), w.per);
    assert_true(has(text, W_GIVER_EXTERNAL_ID));
    assert_true(has(text, W_GIVER_NAME));
    json_decref(own);
    pm_free(text);

    /* No one else's session can link it to the giver. */
    json_t *by_hr = export_as(f, w.hr, w.giver, &text);
    assert_int_equal(count(by_hr, "provided", "feedback_given"), 0);
    assert_false(has(text, W_ANON_TEXT));
    assert_true(withheld(by_hr, "anonymous_feedback_given"));
    json_decref(by_hr);
    pm_free(text);

    /* Per's own anonymous entry: in Per's export, not in HR's of Per, and
     * without a giver in Quinn's. */
    json_t *per = export_as(f, w.per, w.per, NULL);
    assert_non_null(find_text(list_of(per, "provided", "feedback_given"), "text",
                              W_PER_ANON_TEXT));
    json_decref(per);
    per = export_as(f, w.hr, w.per, &text);
    assert_false(has(text, W_PER_ANON_TEXT));
    json_decref(per);
    pm_free(text);
    json_t *quinn = export_as(f, w.quinn, w.quinn, NULL);
    item = find_text(list_of(quinn, "recorded_by_others", "feedback_received"), "text",
                     W_PER_ANON_TEXT);
    assert_non_null(item);
    assert_null(json_object_get(item, "giver"));
    json_decref(quinn);
}

static void test_export_holds_own_private_notes_and_never_others(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    char *text = NULL;
    json_t *per = export_as(f, w.per, w.per, &text);
    assert_false(has(text, W_MANAGER_PRIVATE_NOTE));
    json_t *note = find_text(list_of(per, "provided", "checkin_entries"), "text",
                             W_PER_PRIVATE_NOTE);
    assert_non_null(note);
    assert_true(json_is_true(json_object_get(note, "private")));
    json_decref(per);
    pm_free(text);

    json_t *manager = export_as(f, w.manager, w.manager, &text);
    assert_true(has(text, W_MANAGER_PRIVATE_NOTE));
    assert_false(has(text, W_PER_PRIVATE_NOTE));
    json_decref(manager);
    pm_free(text);

    /* Made by someone else on Per's behalf: neither private note. */
    const pm_id others[2] = { w.hr, 0 };
    for (int i = 0; i < 2; i++) {
        json_t *doc = export_as(f, others[i], w.per, &text);
        assert_false(has(text, W_MANAGER_PRIVATE_NOTE));
        assert_false(has(text, W_PER_PRIVATE_NOTE));
        assert_true(withheld(doc, "private_checkin_entries"));
        json_decref(doc);
        pm_free(text);
    }
}

/* Removes from list (in place) the records whose key is true. */
static void drop_flagged(json_t *list, const char *key)
{
    for (size_t i = json_array_size(list); i-- > 0;)
        if (json_is_true(json_object_get(json_array_get(list, i), key)))
            json_array_remove(list, i);
}

static void test_export_by_hr_is_the_own_export_without_what_only_the_person_reads(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    json_t *own = export_as(f, w.per, w.per, NULL);
    json_t *by_hr = export_as(f, w.hr, w.per, NULL);
    json_t *by_system = export_as(f, 0, w.per, NULL);
    assert_true(json_equal(by_hr, by_system));

    assert_true(withheld(by_hr, "wellbeing"));
    assert_int_equal(count(by_hr, "provided", "measurements"), 0);
    assert_int_equal(count(by_hr, "provided", "survey_answers"), 0);
    assert_int_equal(count(by_hr, "recorded_by_others", "survey_invitations"), 0);
    /* The own export less those parts is HR's. */
    drop_flagged(list_of(own, "provided", "feedback_given"), "anonymous");
    drop_flagged(list_of(own, "provided", "checkin_entries"), "private");
    json_array_clear(list_of(own, "provided", "measurements"));
    json_array_clear(list_of(own, "provided", "survey_answers"));
    json_array_clear(list_of(own, "recorded_by_others", "survey_invitations"));
    json_object_set(own, "withheld", json_object_get(by_hr, "withheld"));
    /* What only the wellbeing parts named. */
    json_t *refs = json_object_get(own, "references");
    json_object_set(refs, "surveys", json_object_get(json_object_get(by_hr, "references"),
                                                     "surveys"));
    json_object_set(refs, "metrics", json_object_get(json_object_get(by_hr, "references"),
                                                     "metrics"));
    if (!json_equal(own, by_hr)) {
        char *a = json_dumps(own, JSON_INDENT(1) | JSON_SORT_KEYS);
        char *b = json_dumps(by_hr, JSON_INDENT(1) | JSON_SORT_KEYS);
        fail_msg("own export, less the parts only Per reads:\n%s\nHR's:\n%s", a, b);
    }
    json_decref(own);
    json_decref(by_hr);
    json_decref(by_system);
}

static void test_export_of_someone_who_left(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    assert_ok(f->sys, pm_person_set_left(f->sys, w.per, PM_DATE_NONE));
    json_t *doc = export_as(f, w.hr, w.per, NULL);
    json_t *person = json_object_get(doc, "person");
    assert_string_equal(text_at(person, "status"), "left");
    assert_string_equal(text_at(person, "left_on"), "2026-06-15");
    assert_int_equal(count(doc, "provided", "goals"), 1);
    json_decref(doc);
}

/* ---- the call ---- */

static void test_export_is_stable_and_audited(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    assert_int_equal(export_entries(f, w.per), 0);
    pm_session *s = pm_fixture_session(f, w.per);
    char *a = export_text(s, w.per);
    char *b = export_text(s, w.per);
    assert_string_equal(a, b);
    assert_int_equal(a[strlen(a) - 1], '\n');
    pm_free(a);
    pm_free(b);
    pm_session_free(s);
    assert_int_equal(export_entries(f, w.per), 2);
}

static void test_export_file_holds_the_json_text(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    temp_dir d;
    temp_dir_make(&d);
    char path[600];
    snprintf(path, sizeof path, "%s/per.json", d.path);
    pm_session *s = pm_fixture_session(f, w.per);
    assert_ok(s, pm_person_export(s, w.per, path));
    char *json = export_text(s, w.per);
    char *file = read_file(path);
    assert_string_equal(file, json);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    free(file);
    /* A second export replaces the file; nothing else is left. */
    assert_ok(s, pm_person_export(s, w.per, path));
    file = read_file(path);
    assert_string_equal(file, json);
    assert_int_equal(temp_dir_entries(&d), 1);
    assert_int_equal(export_entries(f, w.per), 3);
    free(file);
    pm_free(json);
    pm_session_free(s);
    temp_dir_remove(&d);
}

/* An export to path that fails with PM_EIO naming path, and changes
 * nothing: no file in d, the store (audit trail included) as it was. */
static void check_unwritable(pm_fixture *f, pm_session *s, pm_id person, const temp_dir *d,
                             const char *path, int entries)
{
    char *before = pm_fixture_store_dump(f);
    assert_fails(s, pm_person_export(s, person, path), PM_EIO, path);
    pm_fixture_assert_store_is(f, before);
    assert_int_equal(temp_dir_entries(d), entries);
}

static void test_export_to_an_unwritable_path_fails_and_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    temp_dir d;
    temp_dir_make(&d);
    char path[700];
    pm_session *s = pm_fixture_session(f, w.hr);

    snprintf(path, sizeof path, "%s/missing/per.json", d.path);
    check_unwritable(f, s, w.per, &d, path, 0);
    assert_true(has(pm_session_errmsg(s), "No such file or directory"));

    /* A path whose directory is a file. */
    char plain[600];
    snprintf(plain, sizeof plain, "%s/plain", d.path);
    FILE *fp = fopen(plain, "w");
    assert_non_null(fp);
    fclose(fp);
    snprintf(path, sizeof path, "%s/per.json", plain);
    check_unwritable(f, s, w.per, &d, path, 1);

    /* A path that is a directory: the rename fails, and the written file
     * and the audit entry go with it. */
    snprintf(path, sizeof path, "%s/sub", d.path);
    assert_int_equal(mkdir(path, 0700), 0);
    check_unwritable(f, s, w.per, &d, path, 2);
    rmdir(path);

    /* A read-only directory (root writes anywhere: then only the above). */
    if (geteuid() != 0) {
        temp_dir ro;
        temp_dir_make(&ro);
        assert_int_equal(chmod(ro.path, 0500), 0);
        snprintf(path, sizeof path, "%s/per.json", ro.path);
        check_unwritable(f, s, w.per, &ro, path, 0);
        chmod(ro.path, 0700);
        temp_dir_remove(&ro);
    }
    assert_int_equal(export_entries(f, w.per), 0);
    pm_session_free(s);
    temp_dir_remove(&d);
}

static void test_export_refuses_bad_arguments_and_changes_nothing(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    char *before = pm_fixture_store_dump(f);
    pm_session *s = pm_fixture_session(f, w.hr);
    char *json = NULL;
    assert_int_equal(pm_person_export_json(&json, NULL, w.per), PM_EINVAL);
    assert_int_equal(pm_person_export(NULL, w.per, "x.json"), PM_EINVAL);
    assert_fails(s, pm_person_export_json(NULL, s, w.per), PM_EINVAL, "json");
    assert_fails(s, pm_person_export(s, w.per, NULL), PM_EINVAL, "path");
    assert_fails(s, pm_person_export(s, w.per, ""), PM_EINVAL, "path: must not be empty");
    assert_fails(s, pm_person_export(s, w.per, "/tmp/"), PM_EINVAL, "names a directory");
    assert_fails(s, pm_person_export_json(&json, s, 0), PM_EINVAL, "person");
    assert_fails(s, pm_person_export_json(&json, s, -4), PM_EINVAL, "person");
    assert_fails(s, pm_person_export_json(&json, s, 99999), PM_ENOTFOUND, "99999");
    assert_fails(s, pm_person_export(s, 99999, "/tmp/none.json"), PM_ENOTFOUND, "99999");
    assert_null(json);
    pm_session_free(s);
    pm_fixture_assert_store_is(f, before);
}

static void test_export_of_another_person_is_refused(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    char *before = pm_fixture_store_dump(f);
    const pm_id refused[3] = { w.quinn, w.manager, w.boss };
    for (int i = 0; i < 3; i++) {
        pm_session *s = pm_fixture_session(f, refused[i]);
        char *json = NULL;
        assert_fails(s, pm_person_export_json(&json, s, w.per), PM_EPERM,
                     "may not export another person's data");
        assert_null(json);
        assert_fails(s, pm_person_export(s, w.per, "/tmp/never-written.json"), PM_EPERM,
                     "export another person's data");
        pm_session_free(s);
    }
    pm_fixture_assert_store_is(f, before);
    assert_int_equal(access("/tmp/never-written.json", F_OK), -1);
}

static void test_export_runs_out_of_memory_cleanly(void **state)
{
    pm_fixture *f = *state;
    world w;
    world_build(f, &w);
    temp_dir d;
    temp_dir_make(&d);
    char path[600];
    snprintf(path, sizeof path, "%s/per.json", d.path);
    pm_session *s = pm_fixture_session(f, w.per);
    for (int call = 0; call < 2; call++) {
        int succeeded = 0;
        long n;
        for (n = 0; n < 100000 && !succeeded; n++) {
            char *before = pm_fixture_store_dump(f);
            long live = pm_fixture_alloc_live();
            char *json = NULL;
            pm_fixture_alloc_fail_after(n);
            pm_status st = call == 0 ? pm_person_export_json(&json, s, w.per)
                                     : pm_person_export(s, w.per, path);
            pm_fixture_alloc_fail_after(-1);
            if (st != PM_OK && st != PM_ENOMEM)
                fail_msg("call %d, allocation %ld failing: status %d: %s", call, n, (int)st,
                         pm_session_errmsg(s));
            succeeded = st == PM_OK;
            if (!succeeded) {
                assert_null(json);
                pm_fixture_check_store(f, before, "export");
                assert_int_equal(temp_dir_entries(&d), 0);
                if (pm_fixture_alloc_live() != live)
                    fail_msg("call %d, allocation %ld failing: %ld allocations leaked", call, n,
                             pm_fixture_alloc_live() - live);
            }
            pm_free(json);
            free(before);
        }
        assert_true(succeeded);
        print_message("export call %d succeeded after %ld failing allocations\n", call, n - 1);
    }
    assert_int_equal(temp_dir_entries(&d), 1);
    pm_session_free(s);
    temp_dir_remove(&d);
}

#define T(name) cmocka_unit_test_setup_teardown(name, pm_fixture_setup, pm_fixture_teardown)

int main(void)
{
    pm_fixture_alloc_install();
    const struct CMUnitTest tests[] = {
        T(test_export_of_self_holds_every_area),
        T(test_export_shows_the_mood_to_the_report_only),
        T(test_export_leaves_out_unreleased_manager_assessments),
        T(test_export_never_names_an_anonymous_giver_to_the_receiver),
        T(test_export_hides_the_links_of_anonymous_feedback_received),
        T(test_export_by_the_giver_holds_their_anonymous_feedback),
        T(test_export_holds_own_private_notes_and_never_others),
        T(test_export_by_hr_is_the_own_export_without_what_only_the_person_reads),
        T(test_export_of_someone_who_left),
        T(test_export_is_stable_and_audited),
        T(test_export_file_holds_the_json_text),
        T(test_export_to_an_unwritable_path_fails_and_changes_nothing),
        T(test_export_refuses_bad_arguments_and_changes_nothing),
        T(test_export_of_another_person_is_refused),
        T(test_export_runs_out_of_memory_cleanly),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
