/*
 * bench_feedback's parts (bench_feedback_workload.c: the workload;
 * bench_feedback.c: the run and the report; bench_feedback_raw.c: raw
 * SQLite; bench_feedback_pm.c: perfmgmt) and what they share: the
 * organisation's shape, the feedback stream, the viewers and each side's
 * entry points. bench_pg runs the same workload and perfmgmt side on
 * PostgreSQL. The fixed clock, the organisation's tables and its building
 * are common to the benchmarks (bench_sqlite.h, bench_pm.h).
 */
#ifndef PERFMGMT_BENCH_FEEDBACK_H
#define PERFMGMT_BENCH_FEEDBACK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h>

#include "perfmgmt.h"

#include "bench_pm.h"
#include "bench_sqlite.h"

/* The organisation is a complete tree of teams of FANOUT: person 0 at the
 * top, person i reports to (i - 1) / FANOUT. Units follow the top of the
 * tree: "Org" (person 0), a division for each of the 8 people below, and a
 * department for each of the 64 below those, which holds their whole
 * subtree. */
#define FANOUT 8L
#define DIVISIONS FANOUT
#define DEPARTMENTS (FANOUT * FANOUT)
#define UNIT_COUNT (1 + DIVISIONS + DEPARTMENTS) /* 73 */
#define HR_ADMIN 9L /* the first department head; HR admin in the CSV */

#define TEXT_MAX 64

typedef struct person_row {
    char external_id[24];
    char display_name[TEXT_MAX];
    char name_key[TEXT_MAX];
    char email[48];
    long manager; /* index of the manager, -1 for none */
    int unit;     /* index into the units */
    int level;    /* 0 at the top */
} person_row;

/* One entry of the feedback stream, in the order it is given. */
typedef struct entry_row {
    int32_t giver, receiver; /* person indexes */
    pm_time at;              /* when it was given */
    uint8_t kind;            /* pm_feedback_kind */
    uint8_t visibility;      /* pm_feedback_visibility */
    uint8_t anonymous;
    uint8_t direction;       /* pm_direction the rules give (for the check) */
    uint8_t text;            /* index into the texts of its kind */
} entry_row;

/* The texts of one kind: the text and, for constructive feedback, the
 * situation, behaviour and impact (NULL when absent). */
typedef struct feedback_text {
    const char *text, *situation, *behaviour, *impact;
} feedback_text;
#define TEXTS_PER_KIND 8

typedef struct workload {
    long people;
    person_row *rows;
    bench_org_source org;  /* rows and units, as both sides build them */
    long entries;
    entry_row *stream;
    long batch;            /* entries per transaction */
    pm_date org_day;       /* when the organisation took its shape */
    char org_day_text[PM_DATE_BUFSIZE];
    pm_time first_at;      /* the first entry's time */
    pm_time now;           /* the clock after the stream (the look-ups run then) */
    char today_text[PM_DATE_BUFSIZE];
} workload;

/* The deployment secret the perfmgmt store is opened with (and the raw side
 * keys its anonymous tags with). */
extern const char bench_secret[];

/* The viewers of the look-ups: VIEWERS people without reports, VIEWERS
 * managers of 8 people without reports, and the HR admin. */
#define VIEWERS 25
typedef enum viewer_kind { VIEW_PERSON, VIEW_MANAGER, VIEW_HR, VIEW_KINDS } viewer_kind;
extern const char *const viewer_label[VIEW_KINDS];

typedef struct viewers {
    long person[VIEW_KINDS][VIEWERS]; /* person indexes */
    int count[VIEW_KINDS];
} viewers;

/* ---- the workload (bench_feedback_workload.c) ---- */

/* The organisation of `people` and a stream of `entries`, in batches of
 * 1000, over 540 days (see bench_feedback.c); dies when out of memory. */
void workload_init(workload *w, long entries, long people);
void workload_free(workload *w);
void pick_viewers(viewers *v, const workload *w);
const feedback_text *entry_text(const entry_row *e);
/* What the look-ups of both sides add up, weighted by position, to show
 * they return the same entries in the same order: the entry's time and
 * text length, not its id (ids need not agree: on PostgreSQL perfmgmt takes
 * them in blocks per transaction). */
static inline uint64_t bench_entry_print(int64_t given_at, const char *text)
{
    return (uint64_t)given_at * 1000003u + (uint64_t)strlen(text);
}
/* The report's line on the stream: directions, kinds, visibilities. */
void print_mix(const workload *w);

/* ---- raw SQLite (bench_feedback_raw.c) ---- */

typedef struct raw_side {
    sqlite3 *db;
    sqlite3_stmt *begin, *commit, *ins_feedback;
    sqlite3_stmt *person_status, *manager_on, *unit_on; /* the checks of a write */
    sqlite3_stmt *visible, *visible_all;                /* the look-ups */
} raw_side;

/* Creates the tables and prepares the statements; bench_sqlite_close()
 * finalizes them. The organisation: bench_sqlite_build_org(). */
void raw_open(raw_side *r, const char *path);
/* The checks of a raw write that need no store: dies with `what` when text
 * (NULL: absent) is blank or longer than max. */
void raw_check_text(const char *text, size_t max, const char *what);
/* The anonymous giver's tag: 16 random bytes from the system as hex (the
 * nonce), and HMAC-SHA256(bench_secret, nonce hex || giver id as 8
 * big-endian bytes) as hex. */
void anonymous_tag(int64_t giver, char nonce_hex[33], char tag_hex[65]);
/* Ingests the stream in transactions of w->batch, each entry after the
 * checks a careful application makes; returns the last feedback id. */
bench_timing raw_ingest(raw_side *r, const workload *w, const int64_t *person_ids,
                        int64_t *last_id);
/* The newest `limit` entries the viewer may read, read into snapshots;
 * returns how many, and adds their prints to *checksum. */
size_t raw_latest(raw_side *r, int64_t viewer, int hr_admin, int limit, const workload *w,
                  uint64_t *checksum);

/* ---- perfmgmt (bench_feedback_pm.c) ---- */

/* The store: bench_pm_open() on bench_clock with bench_secret; its system
 * session imports the organisation and groups the batches. Viewers' sessions:
 * bench_pm_session(). */
bench_timing lib_build_org(bench_pm_side *side, const workload *w, pm_id *person_ids);
bench_timing lib_ingest(bench_pm_side *side, const workload *w, const pm_id *person_ids,
                        pm_id *last_id);
size_t lib_latest(pm_session *viewer, int limit, uint64_t *checksum);

#endif
