/*
 * Personal data at Nordlys: the audit trail, a legal hold, retention
 * periods with a purge, and a person's export of everything held about her.
 *
 *   privacy PATH.db [org.csv]
 *
 * Imports the small organisation of the quickstart into an SQLite store at
 * PATH.db and, on a fixed clock, makes a week of writes in March 2025: named
 * feedback, one anonymous entry, a check-in with a shared and a private
 * note, a wellbeing measurement. Ingrid (HR) reads the audit trail a page at
 * a time and the counts that stand in for the anonymous write, then places a
 * legal hold on Jörgen. The embedder sets retention periods, the clock moves
 * two and a half years ahead, and a purge runs in small batches: what is
 * past its period goes, except Jörgen's records. Ella exports everything
 * held about her to PATH.export.json (PATH.db without its ".db"), Ingrid
 * exports it on her behalf and sees what is withheld from HR. Jörgen
 * asks to be erased: refused while the hold stands; once it is lifted his
 * personal data goes, while the suggestion he gave Ella stays with her,
 * from a former employee.
 *
 * Every call returns a pm_status (PM_OK is 0); on failure the session says
 * what went wrong and the program stops with a non-zero exit status.
 */
#include <perfmgmt.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The quickstart's org.csv; the build passes its full path. */
#ifndef PRIVACY_ORG_CSV
#define PRIVACY_ORG_CSV "org.csv"
#endif

/* Anonymous feedback is stored with a keyed hash of its giver instead of
 * the giver, under a secret the store is opened with. This one is written
 * here for the demo only: a real deployment keeps its secret outside the
 * database and the code, and passes the same one every time. */
static const char demo_secret[] = "nordlys-demo-secret: keep yours out of the code";

/* Stops the program when a call fails, saying what we were doing and why.
 * (A real program would clean up; the operating system does it here.) */
static void check(pm_status st, const pm_session *session, const char *doing)
{
    if (st == PM_OK)
        return;
    fprintf(stderr, "privacy: %s failed: %s: %s\n", doing, pm_status_str(st),
            session ? pm_session_errmsg(session) : "");
    exit(EXIT_FAILURE);
}

static void expect(int condition, const char *what)
{
    if (!condition) {
        fprintf(stderr, "privacy: expected %s\n", what);
        exit(EXIT_FAILURE);
    }
}

/* Everything the tour keeps: the store, its clock, who is who. */
typedef struct tour {
    pm_db *db;
    pm_time now; /* the store's clock reads this */
    pm_session *sys;
    pm_id ingrid_id, marta_id, jorgen_id, sofia_id, ella_id;
    pm_session *ingrid, *marta, *jorgen, *sofia, *ella;
    pm_time writes_from; /* when the week's writes began */
    pm_id checkin;       /* Märta and Sofia's check-in */
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
        fprintf(stderr, "privacy: opening a session: %s\n", pm_db_errmsg(t->db));
        exit(EXIT_FAILURE);
    }
    return s;
}

/* The first name of a person, or "system" for 0 (the system actor). */
static const char *first_name(tour *t, pm_id id, char *buf, size_t size)
{
    if (id == 0)
        return "system";
    pm_person *p = NULL;
    check(pm_person_get(&p, t->sys, id), t->sys, "reading a person");
    snprintf(buf, size, "%s", pm_person_display_name(p));
    pm_person_free(p);
    char *space = strchr(buf, ' ');
    if (space != NULL && strchr(buf, ',') == NULL)
        *space = '\0';
    return buf;
}

static const char *op_name(pm_audit_op op)
{
    switch (op) {
    case PM_AUDIT_CREATE:
        return "create";
    case PM_AUDIT_UPDATE:
        return "update";
    case PM_AUDIT_REMOVE:
        return "remove";
    case PM_AUDIT_ERASE:
        return "erase";
    case PM_AUDIT_PURGE:
        return "purge";
    case PM_AUDIT_EXPORT:
        return "export";
    default:
        return "?";
    }
}

/* "2025-03-03 09:10" from an instant. */
static const char *minute_of(pm_time at, char buf[PM_TIME_BUFSIZE])
{
    check(pm_time_format(buf, at), NULL, "formatting a time");
    buf[10] = ' ';
    buf[16] = '\0';
    return buf;
}

/* How many of person's received feedback entries the session may read. */
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

/* ---- 1. a week of writes ---- */

static void give(pm_session *s, pm_id receiver, pm_feedback_kind kind, const char *text,
                 int anonymous)
{
    pm_feedback_opts o = PM_FEEDBACK_OPTS_INIT;
    o.receiver = receiver;
    o.kind = kind;
    o.text = text;
    o.anonymous = anonymous;
    check(pm_feedback_give(NULL, s, &o), s, "giving feedback");
}

static void add_note(pm_session *s, pm_id checkin, const char *text, int is_private)
{
    pm_checkin_entry_opts e = PM_CHECKIN_ENTRY_OPTS_INIT;
    e.kind = PM_ENTRY_NOTE;
    e.text = text;
    e.is_private = is_private;
    check(pm_checkin_entry_add(NULL, s, checkin, &e), s, "adding a note");
}

/* The first scheduled check-in of a new series. */
static pm_id first_checkin(pm_session *s, pm_id series)
{
    pm_checkin_iter *it = NULL;
    check(pm_checkin_list(&it, s, series), s, "listing check-ins");
    pm_checkin *c = NULL;
    pm_status st = pm_checkin_iter_next(&c, it);
    pm_id id = st == PM_OK ? pm_checkin_id(c) : 0;
    pm_checkin_iter_free(it);
    check(st, s, "reading the first check-in");
    return id;
}

static void writes(tour *t)
{
    set_clock(t, day(2025, 3, 3), 9, 10);
    t->writes_from = t->now;
    give(t->marta, t->sofia_id, PM_FEEDBACK_PRAISE, "The migration plan was spot on.", 0);
    set_clock(t, day(2025, 3, 3), 9, 40);
    give(t->jorgen, t->ella_id, PM_FEEDBACK_SUGGESTION,
         "Try demoing the app to Sales before the release.", 0);
    set_clock(t, day(2025, 3, 4), 11, 47);
    give(t->ella, t->jorgen_id, PM_FEEDBACK_CONSTRUCTIVE,
         "Our one-to-ones keep getting moved; they matter to me.", 1);
    printf("\nMonday 3 March 2025: Märta praises Sofia; Jörgen gives Ella a suggestion.\n"
           "Tuesday: Ella gives her manager Jörgen feedback anonymously.\n");

    set_clock(t, day(2025, 3, 5), 10, 0);
    pm_checkin_series_opts so = PM_CHECKIN_SERIES_OPTS_INIT;
    so.manager = t->marta_id;
    so.report = t->sofia_id;
    so.interval = 2;
    pm_id series = 0;
    check(pm_checkin_series_create(&series, t->marta, &so), t->marta, "starting a series");
    t->checkin = first_checkin(t->marta, series);
    set_clock(t, day(2025, 3, 5), 10, 30);
    add_note(t->sofia, t->checkin, "I'd like to lead the next migration.", 0);
    add_note(t->marta, t->checkin, "Sofia seems tired; ask about her workload.", 1);

    set_clock(t, day(2025, 3, 6), 8, 30);
    pm_id who5 = 0;
    check(pm_metric_builtin(&who5, t->ella, PM_METRIC_WHO5), t->ella, "finding WHO-5");
    pm_measurement_opts m = PM_MEASUREMENT_OPTS_INIT;
    m.person = t->ella_id;
    m.metric = who5;
    m.value = 64;
    check(pm_measurement_add(NULL, t->ella, &m), t->ella, "recording a measurement");
    printf("Wednesday: at their check-in Sofia writes a shared note, Märta a private one.\n"
           "Thursday: Ella records her WHO-5 wellbeing score, 64 of 100.\n");
}

/* ---- 2. the audit trail ---- */

/* Prints text left-aligned in width columns, counting code points, not bytes. */
static void print_padded(const char *text, int width)
{
    int n = 0;
    for (const char *p = text; *p != '\0'; p++)
        n += ((unsigned char)*p & 0xC0) != 0x80; /* not a continuation byte */
    printf("%s%*s", text, width > n ? width - n : 0, "");
}

static void print_page(tour *t, const pm_audit_page *page)
{
    for (size_t i = 0; i < pm_audit_page_count(page); i++) {
        char when[PM_TIME_BUFSIZE], who[128];
        const char *kind = pm_audit_entry_record_kind(page, i);
        printf("  #%-3lld %s  ", (long long)pm_audit_entry_id(page, i),
               minute_of(pm_audit_entry_at(page, i), when));
        print_padded(first_name(t, pm_audit_entry_actor(page, i), who, sizeof who), 7);
        printf(" %-6s %s", op_name(pm_audit_entry_op(page, i)), kind ? kind : "?");
        if (pm_audit_entry_record(page, i) != 0)
            printf(" %lld\n", (long long)pm_audit_entry_record(page, i));
        else /* a purge or an erasure covers several records */
            printf(", %lld removed\n", (long long)pm_audit_entry_records(page, i));
    }
}

static void audit_trail(tour *t)
{
    set_clock(t, day(2025, 3, 7), 9, 0);
    printf("\nFriday 7 March: Ingrid (HR) reads the week's audit trail, four entries a page:\n");
    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.from = t->writes_from;
    q.limit = 4;
    int pages = 0;
    size_t entries = 0;
    for (;;) {
        pm_audit_page *page = NULL;
        check(pm_audit_list(&page, t->ingrid, &q), t->ingrid, "reading the audit trail");
        if (pages > 0 && pm_audit_page_count(page) > 0)
            printf("  -- next page, after #%lld --\n", (long long)q.after);
        print_page(t, page);
        pages++;
        entries += pm_audit_page_count(page);
        q.after = pm_audit_page_last(page);
        int more = pm_audit_page_more(page);
        pm_audit_page_free(page);
        if (!more)
            break;
    }
    expect(pages == 2 && entries == 8, "eight entries on two pages, none for the anonymous write");

    pm_audit_undisclosed *u = NULL;
    check(pm_audit_undisclosed_list(&u, t->ingrid, day(2025, 3, 3), day(2025, 3, 7)), t->ingrid,
          "reading the undisclosed counts");
    printf("  Counted, not recorded:");
    for (size_t i = 0; i < pm_audit_undisclosed_count(u); i++) {
        char date[PM_DATE_BUFSIZE];
        check(pm_date_format(date, pm_audit_undisclosed_day(u, i)), NULL, "formatting a date");
        printf(" %s %s %s x%lld", date, pm_audit_undisclosed_record_kind(u, i),
               op_name(pm_audit_undisclosed_op(u, i)),
               (long long)pm_audit_undisclosed_records(u, i));
    }
    printf(".\n");
    expect(pm_audit_undisclosed_count(u) == 1 && pm_audit_undisclosed_records(u, 0) == 1,
           "one undisclosed write");
    pm_audit_undisclosed_free(u);
    printf("  Entries name who, what and which record, never what was written. Ella's\n"
           "  anonymous feedback has none: its id and time would sit between her named\n"
           "  writes and give her away, so it is only counted per day.\n");
}

/* ---- 3. a legal hold ---- */

static void legal_hold(tour *t)
{
    static const char reason[] = "Case 2025-031: grievance in Apps";
    check(pm_legal_hold_place(t->ingrid, t->jorgen_id, reason, 0), t->ingrid,
          "placing a legal hold");
    int held = 0;
    char *why = NULL;
    check(pm_legal_hold_get(&held, &why, t->ingrid, t->jorgen_id), t->ingrid,
          "reading a legal hold");
    printf("\nIngrid places a legal hold on Jörgen and reads it back: held %s,\n  \"%s\".\n",
           held ? "yes" : "no", why ? why : "");
    expect(held && why != NULL && strcmp(why, reason) == 0, "Jörgen held with the reason");
    pm_free(why);
}

/* ---- 4. retention periods and a purge ---- */

static void retention(tour *t)
{
    check(pm_retention_set(t->sys, PM_RETENTION_FEEDBACK, 365), t->sys, "setting a period");
    check(pm_retention_set(t->sys, PM_RETENTION_CHECKIN_NOTES, 730), t->sys,
          "setting a period");
    printf("\nThe embedder keeps feedback 365 days and check-in notes 730 days; other\n"
           "classes have no period, so nothing of theirs is purged. ");

    set_clock(t, day(2027, 9, 6), 2, 0);
    printf("On 6 September 2027,\n"
           "two and a half years on, the nightly purge runs in batches of one, one per call:\n");
    pm_retention_purge_opts o = PM_RETENTION_PURGE_OPTS_INIT;
    o.batch_size = 1;
    o.max_batches = 1;
    pm_retention_report r = PM_RETENTION_REPORT_INIT;
    int64_t removed_feedback = 0, removed_notes = 0;
    int calls = 0;
    do {
        check(pm_retention_purge(t->sys, 0, &o, &r), t->sys, "purging");
        calls++;
        removed_feedback += r.removed[PM_RETENTION_FEEDBACK];
        removed_notes += r.removed[PM_RETENTION_CHECKIN_NOTES];
        printf("  call %d: removed feedback %lld, check-in notes %lld; kept feedback %lld,"
               " notes %lld%s\n",
               calls, (long long)r.removed[PM_RETENTION_FEEDBACK],
               (long long)r.removed[PM_RETENTION_CHECKIN_NOTES],
               (long long)r.kept[PM_RETENTION_FEEDBACK],
               (long long)r.kept[PM_RETENTION_CHECKIN_NOTES], r.done ? "; done" : "");
    } while (!r.done && calls < 20);
    expect(r.done && removed_feedback == 1 && removed_notes == 2,
           "one feedback entry and two notes removed");

    int sofia = count_received(t->sofia, t->sofia_id);
    int jorgen = count_received(t->jorgen, t->jorgen_id);
    int ella = count_received(t->ella, t->ella_id);
    pm_checkin *c = NULL;
    check(pm_checkin_get(&c, t->marta, t->checkin), t->marta, "reading the check-in");
    pm_checkin_free(c);
    printf("  Gone: Märta's praise of Sofia (%d left) and both notes (the check-in stays).\n"
           "  Kept under Jörgen's hold: the anonymous entry to him (%d), his to Ella (%d).\n",
           sofia, jorgen, ella);
    expect(sofia == 0 && jorgen == 1 && ella == 1, "Jörgen's records kept");
}

/* ---- 5. the export ---- */

/* Prints the names in the document's "withheld" array, or "nothing". */
static void print_withheld(const char *json)
{
    const char *p = strstr(json, "\"withheld\"");
    expect(p != NULL, "a withheld list");
    p = strchr(p, '[');
    const char *end = p ? strchr(p, ']') : NULL;
    expect(end != NULL, "a withheld array");
    int n = 0;
    for (const char *q = strchr(p, '"'); q != NULL && q < end; q = strchr(q, '"')) {
        const char *close = strchr(q + 1, '"');
        if (close == NULL)
            break;
        printf("%s%.*s", n++ ? ", " : " ", (int)(close - q - 1), q + 1);
        q = close + 1;
    }
    printf("%s\n", n ? "" : " nothing");
}

static void exports(tour *t, const char *path)
{
    set_clock(t, day(2027, 9, 6), 10, 0);
    check(pm_person_export(t->ella, t->ella_id, path), t->ella, "exporting to a file");
    printf("\nElla exports everything held about her to %s (mode 0600),\n", path);

    char *json = NULL;
    check(pm_person_export_json(&json, t->ella, t->ella_id), t->ella, "exporting");
    int lines = 0;
    for (const char *p = json; *p != '\0'; p++)
        lines += *p == '\n';
    printf("then asks for the same document as text; its first 10 of %d lines:\n", lines);
    const char *p = json;
    for (int i = 0; i < 10 && *p != '\0'; i++) {
        const char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        printf("  | %.*s\n", (int)(nl - p), p);
        p = nl + 1;
    }
    printf("Her own export withholds");
    print_withheld(json);
    printf("(it holds her anonymous entry to Jörgen: only her session can tell it is hers).\n");
    expect(strstr(json, "\"anonymous\": true") != NULL, "her anonymous entry in her export");
    pm_free(json);

    check(pm_person_export_json(&json, t->ingrid, t->ella_id), t->ingrid, "exporting");
    printf("Ingrid's export of Ella, on her behalf, withholds:\n ");
    print_withheld(json);
    expect(strstr(json, "\"anonymous\": true") == NULL, "no anonymous entry in HR's export");
    pm_free(json);
}

/* ---- 6. the hold lifted ---- */

static void lift(tour *t)
{
    pm_status st = pm_person_erase(t->ingrid, t->jorgen_id, NULL, NULL);
    expect(st == PM_EHELD, "erasing a held person refused");
    printf("\nJörgen asks to be erased. While the hold stands Ingrid is refused:\n"
           "  %s: %s\n", pm_status_str(st), pm_session_errmsg(t->ingrid));
    check(pm_legal_hold_lift(t->ingrid, t->jorgen_id), t->ingrid, "lifting a legal hold");
    int held = 1;
    check(pm_legal_hold_get(&held, NULL, t->ingrid, t->jorgen_id), t->ingrid,
          "reading a legal hold");
    expect(!held, "the hold lifted");

    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.from = t->now - t->now % 86400; /* today's: the purges, the exports, the lift */
    pm_audit_page *page = NULL;
    check(pm_audit_list(&page, t->ingrid, &q), t->ingrid, "reading the audit trail");
    printf("\nIngrid lifts the hold (Jörgen held: %s). Today's audit trail:\n",
           held ? "yes" : "no");
    print_page(t, page);
    pm_audit_page_free(page);
}

/* ---- 7. erasure ---- */

/* The giver of the first feedback entry person received, as a name. */
static void print_first_received(tour *t, pm_session *s, pm_id person)
{
    pm_feedback_iter *it = NULL;
    check(pm_feedback_list_received(&it, s, person, 0), s, "listing received feedback");
    pm_feedback *f = NULL;
    check(pm_feedback_iter_next(&f, it), s, "reading feedback");
    pm_person *giver = NULL;
    check(pm_person_get(&giver, t->sys, pm_feedback_giver(f)), t->sys, "reading a person");
    printf("  from %s: \"%s\"\n", pm_person_display_name(giver), pm_feedback_text(f));
    expect(strcmp(pm_person_display_name(giver), PM_PERSON_ERASED_NAME) == 0,
           "the giver shown as a former employee");
    pm_person_free(giver);
    pm_feedback_iter_free(it);
}

static void erasure(tour *t)
{
    set_clock(t, day(2027, 9, 6), 11, 0);
    pm_session_free(t->jorgen); /* he leaves: his session ends */
    t->jorgen = NULL;
    int before = count_received(t->ella, t->ella_id);
    pm_erase_report report = PM_ERASE_REPORT_INIT;
    check(pm_person_erase(t->ingrid, t->jorgen_id, NULL, &report), t->ingrid, "erasing");
    pm_person *p = NULL;
    check(pm_person_get(&p, t->sys, t->jorgen_id), t->sys, "reading a person");
    printf("\nNow Ingrid erases Jörgen (records removed: %lld, changed: %lld).\n"
           "His record reads \"%s\", external id %s, %s email.\n"
           "Ella keeps the suggestion he gave her,\n",
           (long long)report.removed, (long long)report.changed, pm_person_display_name(p),
           pm_person_external_id(p), pm_person_email(p)[0] == '\0' ? "no" : "an");
    expect(pm_person_status_get(p) == PM_PERSON_ERASED, "the person erased");
    pm_person_free(p);
    print_first_received(t, t->ella, t->ella_id);
    expect(count_received(t->ella, t->ella_id) == before, "Ella's feedback kept");

    pm_audit_query q = PM_AUDIT_QUERY_INIT;
    q.from = t->now;
    pm_audit_page *page = NULL;
    check(pm_audit_list(&page, t->ingrid, &q), t->ingrid, "reading the audit trail");
    printf("while the feedback he received went with him. The audit trail holds\n"
           "his leaving and the erasure, and nothing of what was erased:\n");
    print_page(t, page);
    pm_audit_page_free(page);
}

/* PATH.db -> PATH.export.json, next to the store. */
static void export_path(char *out, size_t size, const char *db_path)
{
    size_t n = strlen(db_path);
    if (n > 3 && strcmp(db_path + n - 3, ".db") == 0)
        n -= 3;
    snprintf(out, size, "%.*s.export.json", (int)n, db_path);
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s PATH.db [org.csv]\n", argv[0]);
        return 2;
    }
    const char *csv_path = argc == 3 ? argv[2] : PRIVACY_ORG_CSV;

    char uri[4096], json_path[4096];
    snprintf(uri, sizeof uri, "sqlite:%s", argv[1]);
    export_path(json_path, sizeof json_path, argv[1]);
    tour t;
    memset(&t, 0, sizeof t);
    pm_db_opts opts = PM_DB_OPTS_INIT;
    opts.secret = demo_secret;
    opts.secret_len = strlen(demo_secret);
    char *err = NULL;
    if (pm_db_open(&t.db, &err, uri, &opts) != PM_OK) {
        fprintf(stderr, "privacy: cannot open %s: %s\n", argv[1], err ? err : "out of memory");
        pm_free(err);
        return EXIT_FAILURE;
    }
    /* A fixed clock: "today" is whatever the tour says it is. */
    set_clock(&t, day(2025, 2, 28), 12, 0);
    check(pm_db_set_clock(t.db, read_clock, &t.now), NULL, "setting the clock");
    printf("perfmgmt %s, store %s\n\n", pm_version(NULL, NULL, NULL), argv[1]);

    check(pm_session_open_system(&t.sys, t.db), NULL, "opening a system session");
    pm_import_opts io = PM_IMPORT_OPTS_INIT;
    io.date = day(2025, 1, 1);
    pm_import_stats stats = PM_IMPORT_STATS_INIT;
    check(pm_import_csv_file(t.sys, csv_path, &io, &stats), t.sys, "importing the CSV");
    printf("Imported %s: %zu people in %zu units.\n", csv_path, stats.rows, stats.units_created);

    t.ingrid_id = find_person(t.sys, "N004");
    t.marta_id = find_person(t.sys, "N005");
    t.jorgen_id = find_person(t.sys, "N006");
    t.sofia_id = find_person(t.sys, "N007");
    t.ella_id = find_person(t.sys, "N009");
    pm_session **sessions[] = { &t.ingrid, &t.marta, &t.jorgen, &t.sofia, &t.ella };
    pm_id ids[] = { t.ingrid_id, t.marta_id, t.jorgen_id, t.sofia_id, t.ella_id };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        *sessions[i] = open_as(&t, ids[i]);
    printf("Märta leads Platform (Sofia), Jörgen leads Apps (Ella); Ingrid is HR.\n");

    writes(&t);
    audit_trail(&t);
    legal_hold(&t);
    retention(&t);
    exports(&t, json_path);
    lift(&t);
    erasure(&t);

    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++)
        pm_session_free(*sessions[i]);
    pm_session_free(t.sys);
    pm_db_close(t.db);
    printf("\nDone. The store is %s; Ella's export is %s.\n", argv[1], json_path);
    return EXIT_SUCCESS;
}
