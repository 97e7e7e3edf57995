/* Four processes write to one PostgreSQL tenant at once, each through its
 * own pm_db: named feedback between random people and progress updates on
 * shared key results, some one call at a time, some in groups of ten.
 * Afterwards what the store holds must be exactly what the library
 * acknowledged: every acknowledged write once, with its values; nothing of
 * a write or group that failed; each goal's history the acknowledged
 * updates; each key result's current value that of its latest update, the
 * one its history lists last, and never one a later write overwrote; and
 * the lists counting the same. Busy answers are allowed, and counted. The
 * store keeps the system clock, so that history can order updates by time;
 * how often it lists two against the order they were made in is printed.
 * Then four processes give anonymous feedback at once: the day's count of
 * anonymous writes, which each bumps, must count every one.
 *
 * The server is the one in PM_TEST_PG_URI; the test makes a schema of its
 * own and drops it at the end. */
#define _POSIX_C_SOURCE 200809L /* fork, pipe, mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ledger.h"
#include "pg_store.h"
#include "pgtest.h"

#define WRITERS 4
#define PEOPLE 21          /* a manager and twenty reports */
#define GOALS 4            /* owned by the first four reports */
#define KEY_RESULTS 3      /* per goal */
#define RUN_SECONDS 4.0    /* each writer's time */
#define GROUP_WRITES 10
#define HANG_SECONDS 30.0  /* a writer still running after this is stuck */
#define VALUE_STRIDE 1e6   /* progress value = writer * stride + seq: unique */

typedef struct org {
    pm_id unit;
    pm_id people[PEOPLE];  /* [0] the manager */
    pm_id goals[GOALS];    /* goal g belongs to people[1 + g] */
    pm_id key_results[GOALS][KEY_RESULTS];
} org;

typedef struct suite {
    char schema[64];
    char store_uri[1024];
    char dir[256];         /* the writers' ledgers */
    org o;
} suite;

/* ---- the organisation ---- */

static pm_id make_person(pm_session *sys, int n, pm_id manager, pm_id unit)
{
    char external_id[16], name[32];
    snprintf(external_id, sizeof external_id, "E%02d", n);
    snprintf(name, sizeof name, "Person %02d", n);
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = external_id;
    o.display_name = name;
    o.manager = manager;
    o.unit = unit;
    pm_id id = 0;
    pm_status st = pm_person_create(&id, sys, &o);
    if (st != PM_OK)
        fail_msg("creating %s: %s", external_id, pm_session_errmsg(sys));
    return id;
}

static void make_goal(org *o, pm_session *sys, int g)
{
    char title[32];
    snprintf(title, sizeof title, "Goal %d", g);
    pm_goal_opts go = PM_GOAL_OPTS_INIT;
    go.owner = o->people[1 + g];
    go.title = title;
    go.start = pm_pgtest_today() - 30;
    go.due = pm_pgtest_today() + 300;
    if (pm_goal_create(&o->goals[g], sys, &go) != PM_OK)
        fail_msg("creating %s: %s", title, pm_session_errmsg(sys));
    for (int k = 0; k < KEY_RESULTS; k++) {
        char kr_title[32];
        snprintf(kr_title, sizeof kr_title, "Result %d.%d", g, k);
        pm_key_result_opts ko = PM_KEY_RESULT_OPTS_INIT;
        ko.title = kr_title;
        ko.baseline = 0;
        ko.target = 1e9;
        if (pm_key_result_add(&o->key_results[g][k], sys, o->goals[g], &ko) != PM_OK)
            fail_msg("adding %s: %s", kr_title, pm_session_errmsg(sys));
    }
    if (pm_goal_set_state(sys, o->goals[g], PM_GOAL_ACTIVE) != PM_OK)
        fail_msg("activating %s: %s", title, pm_session_errmsg(sys));
}

static void make_org(org *o, const char *store_uri)
{
    pm_db *db = NULL;
    pm_session *sys = NULL;
    assert_int_equal(pm_pgtest_open(&db, store_uri), PM_OK);
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);
    pm_unit_opts uo = PM_UNIT_OPTS_INIT;
    uo.name = "Platform";
    if (pm_unit_create(&o->unit, sys, &uo) != PM_OK)
        fail_msg("creating the unit: %s", pm_session_errmsg(sys));
    o->people[0] = make_person(sys, 0, 0, o->unit);
    for (int i = 1; i < PEOPLE; i++)
        o->people[i] = make_person(sys, i, o->people[0], o->unit);
    for (int g = 0; g < GOALS; g++)
        make_goal(o, sys, g);
    pm_session_free(sys);
    pm_db_close(db);
}

/* ---- a writer process ---- */

typedef struct writer {
    int index;
    const org *o;
    pm_session *sessions[PEOPLE];
    pm_pgtest_random random;
    pm_ledger ledger;
    long seq, groups;
    long committed, rolled_back, busy;
    char error[600];       /* the first answer no writer should get */
} writer;

static int is_busy(pm_status st)
{
    return st == PM_EBUSY || st == PM_ECONFLICT;
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void unexpected(writer *w, const char *fmt, ...)
{
    if (w->error[0] != '\0')
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->error, sizeof w->error, fmt, ap);
    va_end(ap);
}

/* The goal person i may update, or -1: the manager any, an owner theirs. */
static int goal_of(writer *w, int person)
{
    if (person == 0)
        return (int)pm_pgtest_random_below(&w->random, GOALS);
    return person <= GOALS ? person - 1 : -1;
}

static pm_status give_feedback(writer *w, int giver, long group)
{
    unsigned int receiver = pm_pgtest_random_below(&w->random, PEOPLE - 1);
    if (receiver >= (unsigned int)giver)
        receiver++;
    pm_ledger_write lw = { PM_LEDGER_FEEDBACK, PM_LEDGER_FAILED, 0, w->index, ++w->seq, group,
                           w->o->people[giver], w->o->people[receiver], 0, 0, 0.0 };
    char text[128];
    pm_ledger_feedback_text(text, sizeof text, w->index, lw.seq);
    pm_feedback_opts fo = PM_FEEDBACK_OPTS_INIT;
    fo.receiver = lw.receiver;
    fo.kind = (pm_feedback_kind)(1 + pm_pgtest_random_below(&w->random, 3));
    fo.visibility = (pm_feedback_visibility)(1 + pm_pgtest_random_below(&w->random, 3));
    fo.text = text;
    pm_session *s = w->sessions[giver];
    lw.began = pm_pgtest_seconds();
    pm_status st = pm_feedback_give(&lw.id, s, &fo);
    lw.ended = pm_pgtest_seconds();
    if (st == PM_OK && group == 0)
        lw.outcome = PM_LEDGER_ACKED;
    if (st != PM_OK && !is_busy(st))
        unexpected(w, "pm_feedback_give (write %d.%ld): %s (%s)", w->index, lw.seq,
                   pm_session_errmsg(s), pm_status_str(st));
    if (pm_ledger_add(&w->ledger, &lw) != 0)
        unexpected(w, "out of memory for the ledger");
    return st;
}

static pm_status add_progress(writer *w, int person, int goal, long group)
{
    int k = (int)pm_pgtest_random_below(&w->random, KEY_RESULTS);
    long seq = ++w->seq;
    pm_ledger_write lw = { PM_LEDGER_PROGRESS, PM_LEDGER_FAILED, 0, w->index, seq, group, 0, 0,
                           w->o->goals[goal], w->o->key_results[goal][k],
                           w->index * VALUE_STRIDE + (double)seq };
    pm_progress_opts po = PM_PROGRESS_OPTS_INIT;
    po.value = lw.value;
    po.confidence = (int)pm_pgtest_random_below(&w->random, 11);
    po.comment = "on the way";
    pm_session *s = w->sessions[person];
    lw.began = pm_pgtest_seconds();
    pm_status st = pm_progress_add(&lw.id, s, lw.goal, lw.key_result, &po);
    lw.ended = pm_pgtest_seconds();
    if (st == PM_OK && group == 0)
        lw.outcome = PM_LEDGER_ACKED;
    if (st != PM_OK && !is_busy(st))
        unexpected(w, "pm_progress_add (write %d.%ld): %s (%s)", w->index, seq,
                   pm_session_errmsg(s), pm_status_str(st));
    if (pm_ledger_add(&w->ledger, &lw) != 0)
        unexpected(w, "out of memory for the ledger");
    return st;
}

/* Feedback or, when the person may update a goal, progress half the time. */
static pm_status write_one(writer *w, int person, long group)
{
    int goal = goal_of(w, person);
    if (goal >= 0 && pm_pgtest_random_below(&w->random, 2) == 0)
        return add_progress(w, person, goal, group);
    return give_feedback(w, person, group);
}

static void write_alone(writer *w)
{
    pm_status st = write_one(w, (int)pm_pgtest_random_below(&w->random, PEOPLE), 0);
    w->busy += is_busy(st);
}

/* A group acts as one person (the manager every other time, so that
 * groups update progress too); its writes count only once committed. */
static void write_group(writer *w)
{
    int person = pm_pgtest_random_below(&w->random, 2) == 0
                     ? 0 : (int)pm_pgtest_random_below(&w->random, PEOPLE);
    pm_session *s = w->sessions[person];
    long group = ++w->groups;
    size_t first = w->ledger.count;
    pm_status st = pm_session_begin(s);
    if (st != PM_OK) {
        w->busy += is_busy(st);
        if (!is_busy(st))
            unexpected(w, "pm_session_begin (group %d.%ld): %s (%s)", w->index, group,
                       pm_session_errmsg(s), pm_status_str(st));
        return;
    }
    for (int i = 0; st == PM_OK && i < GROUP_WRITES; i++)
        st = write_one(w, person, group);
    int committing = st == PM_OK;
    if (committing)
        st = pm_session_commit(s);
    if (st == PM_OK) {
        pm_ledger_settle(&w->ledger, first, PM_LEDGER_ACKED, pm_pgtest_seconds());
        w->committed++;
        return;
    }
    w->busy += is_busy(st);
    w->rolled_back++;
    if (committing && !is_busy(st))
        unexpected(w, "pm_session_commit (group %d.%ld): %s (%s)", w->index, group,
                   pm_session_errmsg(s), pm_status_str(st));
    /* A commit that failed may have ended the transaction already. */
    pm_status rb = pm_session_rollback(s);
    if (rb != PM_OK && !(committing && rb == PM_EMISUSE))
        unexpected(w, "pm_session_rollback after %s (group %d.%ld): %s (%s)",
                   pm_status_str(st), w->index, group, pm_session_errmsg(s),
                   pm_status_str(rb));
}

static void ledger_path(char *buf, size_t size, const suite *su, int index)
{
    snprintf(buf, size, "%s/writer-%d", su->dir, index);
}

/* Waits until the parent closes its end of go. */
static void wait_for_start(int ready_fd, int go_fd)
{
    char byte = 1, ignored;
    if (write(ready_fd, &byte, 1) != 1)
        perror("writer: telling the parent it is ready");
    close(ready_fd);
    while (read(go_fd, &ignored, 1) < 0 && errno == EINTR) {
    }
    close(go_fd);
}

static int run_writer(const suite *su, int index, int ready_fd, int go_fd)
{
    writer w;
    memset(&w, 0, sizeof w);
    w.index = index;
    w.o = &su->o;
    pm_pgtest_random_seed(&w.random, 0x5eed0000u + (uint64_t)index * 7919u);
    pm_db *db = NULL;
    if (pm_pgtest_open(&db, su->store_uri) != PM_OK) {
        close(ready_fd);
        close(go_fd);
        return 2;
    }
    for (int i = 0; i < PEOPLE && w.error[0] == '\0'; i++)
        if (pm_session_open(&w.sessions[i], db, su->o.people[i]) != PM_OK)
            unexpected(&w, "pm_session_open(%lld): %s", (long long)su->o.people[i],
                       pm_db_errmsg(db));
    wait_for_start(ready_fd, go_fd);

    double end = pm_pgtest_seconds() + RUN_SECONDS;
    while (w.error[0] == '\0' && pm_pgtest_seconds() < end) {
        if (pm_pgtest_random_below(&w.random, 4) == 0)
            write_group(&w);
        else
            write_alone(&w);
    }

    for (int i = 0; i < PEOPLE; i++)
        pm_session_free(w.sessions[i]);
    pm_db_close(db);
    char path[400];
    ledger_path(path, sizeof path, su, index);
    int rc = 0;
    if (pm_ledger_save(&w.ledger, path) != 0) {
        perror(path);
        rc = 2;
    }
    printf("writer %d: %zu feedback and %zu progress acknowledged, %ld groups committed, "
           "%ld rolled back, %ld busy\n", index,
           pm_ledger_count(&w.ledger, PM_LEDGER_FEEDBACK, PM_LEDGER_ACKED),
           pm_ledger_count(&w.ledger, PM_LEDGER_PROGRESS, PM_LEDGER_ACKED), w.committed,
           w.rolled_back, w.busy);
    if (w.error[0] != '\0') {
        fprintf(stderr, "writer %d: %s\n", index, w.error);
        rc = 1;
    }
    fflush(stdout);
    pm_ledger_free(&w.ledger);
    return rc;
}

/* ---- the parent ---- */

/* A writer process: index, and the pipe ends wait_for_start() takes;
 * returns its exit status. */
typedef int (*writer_fn)(const suite *su, int index, int ready_fd, int go_fd);

/* Starts the writers together (each opens its store first) and waits for
 * them; returns how many did not end well. */
static int run_writers(const suite *su, writer_fn run)
{
    int ready[2], go[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(go), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pids[WRITERS];
    for (int i = 0; i < WRITERS; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            close(ready[0]);
            close(go[1]);
            /* exit(), not _exit(): under ASan the leak check runs in the writer. */
            exit(run(su, i, ready[1], go[0]));
        }
    }
    close(ready[1]);
    close(go[0]);
    char byte;
    for (int n = 0; n < WRITERS && read(ready[0], &byte, 1) == 1;)
        n++;
    close(ready[0]);
    close(go[1]);

    int bad = 0, left = WRITERS;
    double give_up = pm_pgtest_seconds() + HANG_SECONDS;
    while (left > 0) {
        for (int i = 0; i < WRITERS; i++) {
            int status = 0;
            if (pids[i] <= 0 || waitpid(pids[i], &status, WNOHANG) != pids[i])
                continue;
            if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                fprintf(stderr, "writer %d ended with %s %d\n", i,
                        WIFEXITED(status) ? "status" : "signal",
                        WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
                bad++;
            }
            pids[i] = 0;
            left--;
        }
        if (left > 0 && pm_pgtest_seconds() > give_up) {
            for (int i = 0; i < WRITERS; i++) {
                if (pids[i] <= 0)
                    continue;
                fprintf(stderr, "writer %d still runs after %.0f s: stopped\n", i,
                        HANG_SECONDS);
                kill(pids[i], SIGKILL);
                waitpid(pids[i], NULL, 0);
                bad++;
                left--;
            }
        }
        pm_pgtest_sleep_ms(20);
    }
    return bad;
}

/* What the progress of the goals shows, against the ledgers. */
typedef struct progress_report {
    int problems;        /* each printed on stderr */
    long out_of_order;   /* history pairs listed against the order they were made in */
    int current_not_last_listed; /* key results whose current value is not the
                                  * value of the update listed last */
} progress_report;

/* The acknowledged updates of one goal as its history lists them: each
 * once, as written. Their ledger positions go to listed. */
static size_t read_history(pm_session *sys, const pm_ledger_index *ix, unsigned *found,
                           pm_id goal, size_t *listed, size_t max, progress_report *r)
{
    const pm_ledger *l = ix->ledger;
    size_t n = 0;
    pm_progress_iter *it = NULL;
    pm_progress *p = NULL;
    pm_status st = pm_progress_list(&it, sys, goal);
    while (st == PM_OK && (st = pm_progress_iter_next(&p, it)) == PM_OK) {
        double value = pm_progress_value(p);
        int by = (int)(value / VALUE_STRIDE);
        long at = pm_ledger_index_find(ix, by, (long)(value - by * VALUE_STRIDE));
        const pm_ledger_write *w = at >= 0 ? &l->writes[at] : NULL;
        const char *wrong = w == NULL ? "from no write"
                            : w->outcome != PM_LEDGER_ACKED ? "from a write that failed"
                            : found[at] > 0 ? "listed twice"
                            : w->id != pm_progress_id(p) || w->goal != goal
                                    || w->key_result != pm_progress_key_result(p)
                                ? "not as written"
                                : NULL;
        if (wrong != NULL) {
            fprintf(stderr, "goal %lld: update %lld (key result %lld, value %.17g) is %s\n",
                    (long long)goal, (long long)pm_progress_id(p),
                    (long long)pm_progress_key_result(p), value, wrong);
            r->problems++;
            continue;
        }
        found[at]++;
        if (n < max)
            listed[n++] = (size_t)at;
    }
    pm_progress_iter_free(it);
    if (st != PM_ITEROVER)
        fail_msg("listing the progress of goal %lld: %s (%s)", (long long)goal,
                 pm_session_errmsg(sys), pm_status_str(st));
    return n;
}

/* "Oldest first": an update that answered before another began is older. */
static void check_order(const pm_ledger *l, const size_t *listed, size_t n, pm_id goal,
                        progress_report *r)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++) {
            const pm_ledger_write *a = &l->writes[listed[i]], *b = &l->writes[listed[j]];
            if (b->ended >= a->began)
                continue;
            if (r->out_of_order++ == 0)
                fprintf(stderr, "goal %lld: history lists update %lld before %lld, which "
                        "was acknowledged %.3f s before the first began\n", (long long)goal,
                        (long long)a->id, (long long)b->id, a->began - b->ended);
        }
    }
}

/* The key result's current value must be the value of an update that may
 * have been the last (no acknowledged update began after it answered),
 * and, as pm_key_result_current() promises, that of the update its
 * history lists last. */
static void check_current(const pm_ledger *l, const size_t *listed, size_t n,
                          const pm_key_result *kr, progress_report *r)
{
    pm_id id = pm_key_result_id(kr);
    double current = pm_key_result_current(kr);
    const pm_ledger_write *last_listed = NULL, *source = NULL;
    double last_began = -1.0;
    for (size_t i = 0; i < n; i++) {
        const pm_ledger_write *w = &l->writes[listed[i]];
        if (w->key_result != id)
            continue;
        last_listed = w;
        if (w->began > last_began)
            last_began = w->began;
        if (w->value == current)
            source = w;
    }
    if (last_listed == NULL) {
        if (current != pm_key_result_baseline(kr)) {
            fprintf(stderr, "key result %lld: no updates, yet its current value is %.17g\n",
                    (long long)id, current);
            r->problems++;
        }
        return;
    }
    if (source == NULL || source->ended < last_began) {
        fprintf(stderr, "key result %lld: current value %.17g is %s\n", (long long)id,
                current, source == NULL ? "from no acknowledged update"
                         : "from an update that answered before another began: a lost update");
        r->problems++;
    }
    if (last_listed->value != current) {
        if (r->current_not_last_listed++ < 3)
            fprintf(stderr, "key result %lld: current value %.17g (update %lld, answered "
                    "%+.3f s from the last listed one), but the update listed last is %lld "
                    "with %.17g\n", (long long)id, current,
                    source ? (long long)source->id : 0LL,
                    source ? source->ended - last_listed->ended : 0.0,
                    (long long)last_listed->id, last_listed->value);
        r->problems++;
    }
}

static void check_goal(pm_session *sys, const pm_ledger_index *ix, unsigned *found,
                       const org *o, int g, progress_report *r)
{
    const pm_ledger *l = ix->ledger;
    size_t *listed = malloc((l->count + 1) * sizeof *listed);
    assert_non_null(listed);
    size_t n = read_history(sys, ix, found, o->goals[g], listed, l->count, r);
    check_order(l, listed, n, o->goals[g], r);

    pm_key_result_iter *it = NULL;
    pm_key_result *kr = NULL;
    pm_status st = pm_key_result_list(&it, sys, o->goals[g]);
    while (st == PM_OK && (st = pm_key_result_iter_next(&kr, it)) == PM_OK)
        check_current(l, listed, n, kr, r);
    pm_key_result_iter_free(it);
    free(listed);
    if (st != PM_ITEROVER)
        fail_msg("listing the key results of goal %lld: %s (%s)", (long long)o->goals[g],
                 pm_session_errmsg(sys), pm_status_str(st));
}

static void check_progress(progress_report *r, pm_session *sys, const pm_ledger *l,
                           const org *o)
{
    memset(r, 0, sizeof *r);
    pm_ledger_index ix;
    unsigned *found = calloc(l->count + 1, sizeof *found);
    assert_non_null(found);
    assert_int_equal(pm_ledger_index_build(&ix, l, PM_LEDGER_PROGRESS), 0);
    for (int g = 0; g < GOALS; g++)
        check_goal(sys, &ix, found, o, g, r);
    for (size_t i = 0; i < l->count; i++) {
        const pm_ledger_write *w = &l->writes[i];
        if (w->kind == PM_LEDGER_PROGRESS && w->outcome == PM_LEDGER_ACKED && found[i] == 0) {
            fprintf(stderr, "acknowledged update %lld (write %d.%ld, goal %lld) is missing\n",
                    (long long)w->id, w->writer, w->seq, (long long)w->goal);
            r->problems++;
        }
    }
    pm_ledger_index_free(&ix);
    free(found);
}

static void test_four_processes_writing_at_once_store_exactly_what_was_acknowledged(
    void **state)
{
    suite *su = *state;
    double started = pm_pgtest_seconds();
    make_org(&su->o, su->store_uri);
    int bad_writers = run_writers(su, run_writer);

    pm_ledger l = { NULL, 0, 0 };
    for (int i = 0; i < WRITERS; i++) {
        char path[400];
        ledger_path(path, sizeof path, su, i);
        if (pm_ledger_load(&l, path) != 0)
            fprintf(stderr, "cannot read the ledger of writer %d (%s)\n", i, path);
    }
    pm_db *db = NULL;
    pm_session *sys = NULL;
    assert_int_equal(pm_pgtest_open(&db, su->store_uri), PM_OK);
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);

    pm_ledger_feedback_report fr;
    pm_status st = pm_ledger_check_feedback(&fr, &l, sys, su->o.people, PEOPLE);
    progress_report pr;
    check_progress(&pr, sys, &l, &su->o);
    size_t feedback = pm_ledger_count(&l, PM_LEDGER_FEEDBACK, PM_LEDGER_ACKED);
    size_t progress = pm_ledger_count(&l, PM_LEDGER_PROGRESS, PM_LEDGER_ACKED);
    /* The rows the tables hold, asked of the server itself. */
    long long feedback_rows = pm_pgtest_count_rows(su->schema, "feedback");
    long long progress_rows = pm_pgtest_count_rows(su->schema, "progress");
    pm_session_free(sys);
    pm_db_close(db);

    printf("all writers: %zu feedback and %zu progress acknowledged, %zu writes failed; "
           "stored: %lld feedback rows, %lld progress rows; %.1f s in all\n", feedback,
           progress, pm_ledger_count(&l, PM_LEDGER_FEEDBACK, PM_LEDGER_FAILED)
                         + pm_ledger_count(&l, PM_LEDGER_PROGRESS, PM_LEDGER_FAILED),
           feedback_rows, progress_rows, pm_pgtest_seconds() - started);
    printf("progress history: %ld pairs listed against the order they were made in; %d key "
           "results whose current value is not that of the update listed last\n",
           pr.out_of_order, pr.current_not_last_listed);
    pm_ledger_free(&l);

    assert_int_equal(st, PM_OK);
    if (bad_writers > 0)
        fail_msg("%d writers did not end well (their messages are above)", bad_writers);
    if (fr.problems > 0 || pr.problems > 0)
        fail_msg("the store differs from what was acknowledged: %zu feedback and %d "
                 "progress problems (listed above)", fr.problems, pr.problems);
    assert_true(feedback > 0 && progress > 0);
    assert_int_equal(fr.listed, feedback);
    assert_int_equal(feedback_rows, (long long)feedback);
    assert_int_equal(progress_rows, (long long)progress);
}

/* ---- anonymous writes, counted ---- */

#define ANONYMOUS_EACH 25

/* Gives ANONYMOUS_EACH anonymous entries, each on its own, repeating one
 * refused as busy until it is acknowledged. Each bumps the same daily
 * count, which must not lose one to another writer's. */
static int run_anonymous_writer(const suite *su, int index, int ready_fd, int go_fd)
{
    pm_db *db = NULL;
    pm_session *s = NULL;
    pm_id giver = su->o.people[1 + index];
    if (pm_pgtest_open(&db, su->store_uri) != PM_OK || pm_session_open(&s, db, giver) != PM_OK) {
        close(ready_fd);
        close(go_fd);
        pm_db_close(db);
        return 2;
    }
    wait_for_start(ready_fd, go_fd);
    int rc = 0;
    long busy = 0;
    for (int n = 0; n < ANONYMOUS_EACH && rc == 0; n++) {
        pm_feedback_opts fo = PM_FEEDBACK_OPTS_INIT;
        fo.receiver = su->o.people[0];
        fo.kind = PM_FEEDBACK_PRAISE;
        fo.text = "An anonymous word for the manager";
        fo.anonymous = 1;
        pm_status st;
        while ((st = pm_feedback_give(NULL, s, &fo)) == PM_EBUSY)
            busy++;
        if (st != PM_OK) {
            fprintf(stderr, "writer %d: pm_feedback_give: %s\n", index, pm_session_errmsg(s));
            rc = 1;
        }
    }
    printf("anonymous writer %d: %d given, %ld busy answers\n", index, ANONYMOUS_EACH, busy);
    fflush(stdout);
    pm_session_free(s);
    pm_db_close(db);
    return rc;
}

/* The day's count of anonymous feedback created. */
static int64_t anonymous_created(pm_session *sys)
{
    pm_audit_undisclosed *u = NULL;
    pm_date today = pm_pgtest_today();
    assert_int_equal(pm_audit_undisclosed_list(&u, sys, today - 1, today + 1), PM_OK);
    int64_t total = 0;
    for (size_t i = 0; i < pm_audit_undisclosed_count(u); i++)
        if (pm_audit_undisclosed_op(u, i) == PM_AUDIT_CREATE
            && strcmp(pm_audit_undisclosed_record_kind(u, i), "feedback") == 0)
            total += pm_audit_undisclosed_records(u, i);
    pm_audit_undisclosed_free(u);
    return total;
}

static void test_anonymous_writes_at_once_are_each_counted(void **state)
{
    suite *su = *state;
    if (su->o.people[0] == 0)
        make_org(&su->o, su->store_uri);
    pm_db *db = NULL;
    pm_session *sys = NULL;
    assert_int_equal(pm_pgtest_open(&db, su->store_uri), PM_OK);
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);
    int64_t before = anonymous_created(sys);
    int bad_writers = run_writers(su, run_anonymous_writer);
    int64_t after = anonymous_created(sys);
    pm_session_free(sys);
    pm_db_close(db);
    if (bad_writers > 0)
        fail_msg("%d writers did not end well (their messages are above)", bad_writers);
    assert_int_equal(after - before, WRITERS * ANONYMOUS_EACH);
}

static int suite_setup(void **state)
{
    suite *su = calloc(1, sizeof *su);
    if (su == NULL)
        return -1;
    pm_pg_store_new_schema(su->schema);
    const char *tmp = getenv("TMPDIR");
    snprintf(su->dir, sizeof su->dir, "%s/pm-pg-ledgers-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (pm_pg_store_uri(su->store_uri, sizeof su->store_uri, su->schema) != 0
        || mkdtemp(su->dir) == NULL) {
        free(su);
        return -1;
    }
    *state = su;
    return 0;
}

static int suite_teardown(void **state)
{
    suite *su = *state;
    for (int i = 0; i < WRITERS; i++) {
        char path[400];
        ledger_path(path, sizeof path, su, i);
        unlink(path);
    }
    rmdir(su->dir);
    pm_pg_store_drop(su->schema);
    pm_pg_store_close();
    free(su);
    return 0;
}

int main(void)
{
    pm_pg_store_require();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(
            test_four_processes_writing_at_once_store_exactly_what_was_acknowledged),
        cmocka_unit_test(test_anonymous_writes_at_once_are_each_counted),
    };
    return cmocka_run_group_tests(tests, suite_setup, suite_teardown);
}
