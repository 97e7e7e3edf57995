/*
 * bench_feedback's raw SQLite side: the tables src/core/schema.c declares,
 * prepared statements, the checks a careful application makes before it
 * writes feedback, and the "newest visible" look-up as one statement (see
 * bench_feedback.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "bench_feedback.h"

/* ---- the schema ---- */

/* The organisation's tables (bench_sqlite.h), then feedback's. */
static const char raw_setup[] =
    BENCH_SQLITE_PRAGMAS
    BENCH_SQLITE_ORG_TABLES
    "CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " giver_id INTEGER NOT NULL, giver_tag TEXT, giver_nonce TEXT,"
    " receiver_id INTEGER NOT NULL, kind INTEGER NOT NULL, direction INTEGER NOT NULL,"
    " visibility INTEGER NOT NULL, anonymous INTEGER NOT NULL, text TEXT NOT NULL,"
    " situation TEXT, behaviour TEXT, impact TEXT, goal_id INTEGER NOT NULL,"
    " competency_id INTEGER NOT NULL, checkin_id INTEGER NOT NULL,"
    " request_id INTEGER NOT NULL, given_at INTEGER NOT NULL, acknowledged_at INTEGER,"
    " reaction INTEGER NOT NULL" BENCH_SQLITE_AUDIT ";"
    "CREATE INDEX feedback_by_receiver ON feedback (receiver_id, given_at);"
    "CREATE INDEX feedback_by_giver ON feedback (giver_id, given_at);"
    "CREATE INDEX feedback_by_visibility ON feedback (visibility, given_at);"
    "CREATE INDEX feedback_by_time ON feedback (given_at);";

#define FEEDBACK_COLUMNS "id, giver_id, receiver_id, kind, direction, visibility, anonymous," \
                         " text, situation, behaviour, impact, goal_id, competency_id," \
                         " checkin_id, request_id, given_at, acknowledged_at, reaction," \
                         " created_at, created_by, updated_at, updated_by"

/* The newest entries a person may read (feedback.h): received, given
 * (named), shared with everyone, and shared with managers by anyone below
 * them on the day. Each arm walks its own index newest first and stops at
 * the limit; the outer query merges them. "+visibility" keeps the planner
 * on feedback_by_receiver for the reports (feedback_by_visibility would
 * scan every entry shared with managers). */
static const char visible_sql[] =
    "WITH RECURSIVE below(id) AS ("
    " SELECT person_id FROM reporting_line WHERE manager_id = ?1 AND start_on <= ?2"
    "  AND (end_on IS NULL OR end_on > ?2)"
    " UNION SELECT r.person_id FROM reporting_line r JOIN below b ON r.manager_id = b.id"
    "  WHERE r.start_on <= ?2 AND (r.end_on IS NULL OR r.end_on > ?2)),"
    " picked(id) AS ("
    " SELECT id FROM (SELECT id FROM feedback WHERE receiver_id = ?1"
    "  ORDER BY given_at DESC, id DESC LIMIT ?3)"
    " UNION ALL SELECT id FROM (SELECT id FROM feedback WHERE giver_id = ?1"
    "  ORDER BY given_at DESC, id DESC LIMIT ?3)"
    " UNION ALL SELECT id FROM (SELECT id FROM feedback WHERE visibility = 3"
    "  ORDER BY given_at DESC, id DESC LIMIT ?3)"
    " UNION ALL SELECT id FROM (SELECT id FROM feedback"
    "  WHERE receiver_id IN (SELECT id FROM below) AND +visibility = 2"
    "  ORDER BY given_at DESC, id DESC LIMIT ?3))"
    " SELECT " FEEDBACK_COLUMNS " FROM feedback WHERE id IN (SELECT id FROM picked)"
    " ORDER BY given_at DESC, id DESC LIMIT ?3";

static const char visible_all_sql[] =
    "SELECT " FEEDBACK_COLUMNS " FROM feedback ORDER BY given_at DESC, id DESC LIMIT ?1";

void raw_open(raw_side *r, const char *path)
{
    r->db = bench_sqlite_open(path, raw_setup);
    r->begin = bench_sqlite_prepare(r->db, "BEGIN");
    r->commit = bench_sqlite_prepare(r->db, "COMMIT");
    r->ins_feedback = bench_sqlite_prepare(r->db,
        "INSERT INTO feedback (giver_id, giver_tag, giver_nonce, receiver_id, kind, direction,"
        " visibility, anonymous, text, situation, behaviour, impact, goal_id, competency_id,"
        " checkin_id, request_id, given_at, acknowledged_at, reaction, created_at, created_by,"
        " updated_at, updated_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
        " 0, 0, 0, 0, ?13, NULL, 0, ?14, ?15, ?14, ?15)");
    r->person_status = bench_sqlite_prepare(r->db, "SELECT status FROM person WHERE id = ?");
    r->manager_on = bench_sqlite_prepare(r->db,
        "SELECT manager_id FROM reporting_line WHERE person_id = ?1 AND start_on <= ?2"
        " AND (end_on IS NULL OR end_on > ?2) ORDER BY start_on DESC LIMIT 1");
    r->unit_on = bench_sqlite_prepare(r->db,
        "SELECT unit_id FROM membership WHERE person_id = ?1 AND start_on <= ?2"
        " AND (end_on IS NULL OR end_on > ?2) ORDER BY start_on DESC LIMIT 1");
    r->visible = bench_sqlite_prepare(r->db, visible_sql);
    r->visible_all = bench_sqlite_prepare(r->db, visible_all_sql);
}

/* ---- HMAC-SHA256 for the anonymous tag (FIPS 180-4, RFC 2104) ---- */

typedef struct sha256 {
    uint32_t h[8];
    uint8_t block[64];
    size_t used;
    uint64_t bytes;
} sha256;

static const uint32_t sha_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void sha_block(sha256 *c, const uint8_t *p)
{
    uint32_t w[64], v[8];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++)
        w[i] = w[i - 16] + (ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3)) +
               w[i - 7] + (ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10));
    memcpy(v, c->h, sizeof v);
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = v[7] + (ROR(v[4], 6) ^ ROR(v[4], 11) ^ ROR(v[4], 25)) +
                      ((v[4] & v[5]) ^ (~v[4] & v[6])) + sha_k[i] + w[i];
        uint32_t t2 = (ROR(v[0], 2) ^ ROR(v[0], 13) ^ ROR(v[0], 22)) +
                      ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
        memmove(v + 1, v, 7 * sizeof v[0]);
        v[4] += t1;
        v[0] = t1 + t2;
    }
    for (int i = 0; i < 8; i++)
        c->h[i] += v[i];
}

static void sha_init(sha256 *c)
{
    static const uint32_t h0[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                    0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    memcpy(c->h, h0, sizeof h0);
    c->used = 0;
    c->bytes = 0;
}

static void sha_add(sha256 *c, const void *data, size_t len)
{
    const uint8_t *p = data;
    c->bytes += len;
    while (len > 0) {
        size_t n = 64 - c->used < len ? 64 - c->used : len;
        memcpy(c->block + c->used, p, n);
        c->used += n;
        p += n;
        len -= n;
        if (c->used == 64) {
            sha_block(c, c->block);
            c->used = 0;
        }
    }
}

static void sha_end(sha256 *c, uint8_t out[32])
{
    uint64_t bits = c->bytes * 8;
    uint8_t pad = 0x80;
    sha_add(c, &pad, 1);
    pad = 0;
    while (c->used != 56)
        sha_add(c, &pad, 1);
    uint8_t len[8];
    for (int i = 0; i < 8; i++)
        len[i] = (uint8_t)(bits >> (56 - 8 * i));
    sha_add(c, len, 8);
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++)
            out[4 * i + j] = (uint8_t)(c->h[i] >> (24 - 8 * j));
}

static void hmac_sha256(const void *key, size_t key_len, const void *msg, size_t msg_len,
                        uint8_t out[32])
{
    uint8_t k[64] = { 0 }, pad[64], inner[32];
    sha256 c;
    if (key_len > 64) {
        sha_init(&c);
        sha_add(&c, key, key_len);
        sha_end(&c, k);
    } else {
        memcpy(k, key, key_len);
    }
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x36;
    sha_init(&c);
    sha_add(&c, pad, 64);
    sha_add(&c, msg, msg_len);
    sha_end(&c, inner);
    for (int i = 0; i < 64; i++)
        pad[i] = k[i] ^ 0x5c;
    sha_init(&c);
    sha_add(&c, pad, 64);
    sha_add(&c, inner, 32);
    sha_end(&c, out);
}

static void to_hex(char *dst, const uint8_t *src, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = digits[src[i] >> 4];
        dst[2 * i + 1] = digits[src[i] & 15];
    }
    dst[2 * n] = '\0';
}

/* The nonce (16 random bytes from the system, as hex) and the keyed tag of
 * the giver with it: HMAC-SHA256(secret, nonce hex || giver id as 8
 * big-endian bytes), as hex. */
void anonymous_tag(int64_t giver, char nonce_hex[33], char tag_hex[65])
{
    uint8_t nonce[16], tag[32];
    if (getrandom(nonce, sizeof nonce, 0) != (ssize_t)sizeof nonce)
        bench_die("raw getrandom", "short read");
    to_hex(nonce_hex, nonce, sizeof nonce);
    uint8_t msg[32 + 8];
    memcpy(msg, nonce_hex, 32);
    for (int i = 0; i < 8; i++)
        msg[32 + i] = (uint8_t)((uint64_t)giver >> (56 - 8 * i));
    hmac_sha256(bench_secret, strlen(bench_secret), msg, sizeof msg, tag);
    to_hex(tag_hex, tag, sizeof tag);
}

/* ---- the checks before a write ---- */

static void raw_check_active(raw_side *r, int64_t person, const char *who)
{
    sqlite3_bind_int64(r->person_status, 1, person);
    int rc = sqlite3_step(r->person_status);
    if (rc != SQLITE_ROW)
        bench_die(who, rc == SQLITE_DONE ? "no such person" : sqlite3_errmsg(r->db));
    int status = sqlite3_column_int(r->person_status, 0);
    sqlite3_reset(r->person_status);
    if (status != PM_PERSON_ACTIVE)
        bench_die(who, "has left");
}

/* The id the statement finds for person on the day, or 0. */
static int64_t raw_lookup_on(raw_side *r, sqlite3_stmt *stmt, int64_t person, const char *day)
{
    sqlite3_bind_int64(stmt, 1, person);
    sqlite3_bind_text(stmt, 2, day, -1, SQLITE_STATIC);
    int rc = sqlite3_step(stmt);
    bench_sqlite_check(r->db, rc, "raw look-up on a day");
    int64_t out = rc == SQLITE_ROW ? sqlite3_column_int64(stmt, 0) : 0;
    sqlite3_reset(stmt);
    return out;
}

#define CHAIN_MAX 64

/* person's managers on the day, nearest first; returns how many. */
static int raw_chain(raw_side *r, int64_t person, const char *day, int64_t *chain)
{
    int n = 0;
    for (int64_t m = raw_lookup_on(r, r->manager_on, person, day); m != 0 && n < CHAIN_MAX;
         m = raw_lookup_on(r, r->manager_on, m, day))
        chain[n++] = m;
    return n;
}

static int in_chain(const int64_t *chain, int n, int64_t person)
{
    for (int i = 0; i < n; i++)
        if (chain[i] == person)
            return 1;
    return 0;
}

/* The rules of feedback.h, from reporting_line and membership on the day. */
static pm_direction raw_direction(raw_side *r, int64_t giver, int64_t receiver, const char *day)
{
    if (giver == receiver)
        return PM_DIRECTION_SELF;
    int64_t above_receiver[CHAIN_MAX], above_giver[CHAIN_MAX];
    int nr = raw_chain(r, receiver, day, above_receiver);
    if (in_chain(above_receiver, nr, giver))
        return PM_DIRECTION_DOWNWARD;
    int ng = raw_chain(r, giver, day, above_giver);
    if (in_chain(above_giver, ng, receiver))
        return PM_DIRECTION_UPWARD;
    if (nr > 0 && ng > 0 && above_receiver[0] == above_giver[0])
        return PM_DIRECTION_PEER;
    int64_t unit_giver = raw_lookup_on(r, r->unit_on, giver, day);
    if (unit_giver != 0 && unit_giver == raw_lookup_on(r, r->unit_on, receiver, day))
        return PM_DIRECTION_PEER;
    return PM_DIRECTION_OTHER;
}

void raw_check_text(const char *text, size_t max, const char *what)
{
    if (text == NULL)
        return;
    size_t len = strlen(text);
    if (len > max)
        bench_die(what, "too long");
    for (const char *c = text; *c; c++)
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
            return;
    bench_die(what, "blank");
}

/* ---- the ingest ---- */

static void bind_optional(sqlite3_stmt *stmt, int col, const char *text)
{
    if (text != NULL)
        sqlite3_bind_text(stmt, col, text, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, col);
}

bench_timing raw_ingest(raw_side *r, const workload *w, const int64_t *person_ids,
                        int64_t *last_id)
{
    sqlite3_stmt *ins = r->ins_feedback;
    double t0 = bench_now_seconds();
    for (long n = 0; n < w->entries; n++) {
        if (n % w->batch == 0)
            bench_sqlite_run(r->db, r->begin, "raw begin");
        const entry_row *e = &w->stream[n];
        const feedback_text *t = entry_text(e);
        int64_t giver = person_ids[e->giver], receiver = person_ids[e->receiver];
        raw_check_active(r, giver, "raw giver");
        raw_check_active(r, receiver, "raw receiver");
        raw_check_text(t->text, PM_FEEDBACK_TEXT_MAX, "raw text");
        raw_check_text(t->situation, PM_FEEDBACK_PART_MAX, "raw situation");
        raw_check_text(t->behaviour, PM_FEEDBACK_PART_MAX, "raw behaviour");
        raw_check_text(t->impact, PM_FEEDBACK_PART_MAX, "raw impact");
        if (e->at > bench_clock)
            bench_die("raw feedback", "given in the future");
        char day[PM_DATE_BUFSIZE];
        pm_date_format(day, pm_time_date(e->at));
        pm_direction direction = raw_direction(r, giver, receiver, day);
        if (direction != (pm_direction)e->direction)
            bench_die("raw direction", "differs from the workload's");

        char nonce[33], tag[65];
        pm_time at = e->at;
        if (e->anonymous) {
            anonymous_tag(giver, nonce, tag);
            at -= at % 86400; /* the day only */
            sqlite3_bind_int64(ins, 1, 0);
            sqlite3_bind_text(ins, 2, tag, -1, SQLITE_STATIC);
            sqlite3_bind_text(ins, 3, nonce, -1, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 15, 0); /* the audit fields name no one */
        } else {
            sqlite3_bind_int64(ins, 1, giver);
            sqlite3_bind_null(ins, 2);
            sqlite3_bind_null(ins, 3);
            sqlite3_bind_int64(ins, 15, giver);
        }
        sqlite3_bind_int64(ins, 4, receiver);
        sqlite3_bind_int(ins, 5, e->kind);
        /* Anonymous: checked, but kept undisclosed (it could name the giver). */
        sqlite3_bind_int(ins, 6, e->anonymous ? PM_DIRECTION_UNDISCLOSED : (int)direction);
        sqlite3_bind_int(ins, 7, e->visibility);
        sqlite3_bind_int(ins, 8, e->anonymous);
        sqlite3_bind_text(ins, 9, t->text, -1, SQLITE_STATIC);
        bind_optional(ins, 10, t->situation);
        bind_optional(ins, 11, t->behaviour);
        bind_optional(ins, 12, t->impact);
        sqlite3_bind_int64(ins, 13, at);
        sqlite3_bind_int64(ins, 14, e->anonymous ? at : bench_clock);
        bench_sqlite_run(r->db, ins, "raw insert feedback");
        *last_id = sqlite3_last_insert_rowid(r->db);
        if (n % w->batch == w->batch - 1 || n == w->entries - 1)
            bench_sqlite_run(r->db, r->commit, "raw commit");
    }
    return (bench_timing){ bench_now_seconds() - t0, w->entries };
}

/* ---- the look-up ---- */

/* What a caller gets back for each entry: the whole row, as a snapshot. */
typedef struct raw_entry {
    int64_t id, giver, receiver;
    int kind, direction, visibility, anonymous;
    char *text, *situation, *behaviour, *impact;
    int64_t goal, competency, checkin, request;
    pm_time given_at, acknowledged_at;
    int reaction;
    int64_t audit[4];
} raw_entry;

static void read_entry(raw_entry *e, sqlite3_stmt *st)
{
    e->id = sqlite3_column_int64(st, 0);
    e->giver = sqlite3_column_int64(st, 1);
    e->receiver = sqlite3_column_int64(st, 2);
    e->kind = sqlite3_column_int(st, 3);
    e->direction = sqlite3_column_int(st, 4);
    e->visibility = sqlite3_column_int(st, 5);
    e->anonymous = sqlite3_column_int(st, 6);
    e->text = bench_sqlite_column_copy(st, 7);
    e->situation = bench_sqlite_column_copy(st, 8);
    e->behaviour = bench_sqlite_column_copy(st, 9);
    e->impact = bench_sqlite_column_copy(st, 10);
    e->goal = sqlite3_column_int64(st, 11);
    e->competency = sqlite3_column_int64(st, 12);
    e->checkin = sqlite3_column_int64(st, 13);
    e->request = sqlite3_column_int64(st, 14);
    e->given_at = sqlite3_column_int64(st, 15);
    e->acknowledged_at = sqlite3_column_int64(st, 16);
    e->reaction = sqlite3_column_int(st, 17);
    for (int a = 0; a < 4; a++)
        e->audit[a] = sqlite3_column_int64(st, 18 + a);
}

#define LATEST_MAX 64

size_t raw_latest(raw_side *r, int64_t viewer, int hr_admin, int limit, const workload *w,
                  uint64_t *checksum)
{
    raw_entry entries[LATEST_MAX];
    size_t count = 0;
    sqlite3_stmt *st = hr_admin ? r->visible_all : r->visible;
    if (hr_admin) {
        sqlite3_bind_int(st, 1, limit);
    } else {
        sqlite3_bind_int64(st, 1, viewer);
        sqlite3_bind_text(st, 2, w->today_text, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, limit);
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && count < LATEST_MAX)
        read_entry(&entries[count++], st);
    bench_sqlite_check(r->db, rc, "raw newest visible");
    sqlite3_reset(st);

    size_t sum = 0;
    for (size_t i = 0; i < count; i++) {
        raw_entry *e = &entries[i];
        sum += strlen(e->text) + (size_t)e->given_at;
        *checksum += bench_entry_print(e->given_at, e->text) * (i + 1);
        free(e->text);
        free(e->situation);
        free(e->behaviour);
        free(e->impact);
    }
    bench_sink += sum;
    return count;
}
