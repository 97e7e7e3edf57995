/* A PostgreSQL server that crashes under a writer. One process gives
 * feedback in a loop, one call at a time and in small groups, through one
 * pm_db it never reopens; another stops the server the hard way after a
 * second (no checkpoint: WAL replay at the next start) and starts it again
 * a second later. The writer sees failures meanwhile, rolls back the group
 * it had open, keeps trying, and must get writes acknowledged again once
 * the server is back. Then the store must hold every acknowledged write
 * exactly once, nothing of a group that failed before its commit, and at
 * most once, all or nothing, what was in doubt when the connection went.
 *
 * The test runs its own throwaway server (scripts/pg-server) in a directory
 * of its own, under a supervising process that destroys it however the
 * test ends. */
#define _POSIX_C_SOURCE 200809L /* fork, popen, mkdtemp */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <glob.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ledger.h"
#include "pg_store.h"
#include "pgtest.h"

#define PEOPLE 6
#define GROUP_WRITES 4
#define KILL_AFTER_MS 1000
#define DOWN_FOR_MS 1000
#define RETRY_MS 50
#define RUN_AFTER_RECOVERY 2.0  /* seconds of writing once writes resume */
#define CRASH_LIMIT 15.0        /* seconds: no failure by then, the crash never came */
#define RECOVERY_LIMIT 60.0     /* seconds without a write before the test gives up */
#define SUPERVISE_SECONDS 100.0 /* under the ctest TIMEOUT of 120 */

#ifndef PM_SOURCE_DIR
#error "PM_SOURCE_DIR must name the source tree (for scripts/pg-server)"
#endif

/* Set by the supervisor before the test process starts. */
static char server_dir[300];

/* Runs scripts/pg-server cmd on the test's server; 0 when it succeeded. */
static int pg_server(const char *cmd)
{
    char line[1024];
    snprintf(line, sizeof line, "'%s/scripts/pg-server' %s '%s' >/dev/null", PM_SOURCE_DIR,
             cmd, server_dir);
    int status = system(line);
    return status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* ---- the writer ---- */

typedef struct writer {
    pm_session *sessions[PEOPLE];
    pm_id people[PEOPLE];
    pm_pgtest_random random;
    pm_ledger ledger;
    long seq, groups;
    long failures, rollbacks_failed;
    int since_failure;     /* failures not yet followed by an acknowledged write */
    double first_failure, resumed;
    size_t acked_after;    /* writes acknowledged once writes resumed */
    char first_message[600], last_message[600], unexpected[600];
} writer;

/* What a write may meet while the server is gone or starting up. */
static int is_outage(pm_status st)
{
    return st == PM_ESTORAGE || st == PM_EIO || st == PM_EBUSY;
}

static void note_failure(writer *w, const char *call, pm_status st, pm_session *s)
{
    w->failures++;
    if (w->failures == 1)
        w->first_failure = pm_pgtest_seconds();
    snprintf(w->failures == 1 ? w->first_message : w->last_message, sizeof w->last_message,
             "%s: %s (%s)", call, pm_session_errmsg(s), pm_status_str(st));
    if (!is_outage(st) && w->unexpected[0] == '\0')
        snprintf(w->unexpected, sizeof w->unexpected, "%s: %s (%s)", call,
                 pm_session_errmsg(s), pm_status_str(st));
    w->since_failure = 1;
}

static void note_acked(writer *w, size_t writes)
{
    if (w->since_failure && w->resumed == 0.0)
        w->resumed = pm_pgtest_seconds();
    w->since_failure = 0;
    if (w->resumed != 0.0)
        w->acked_after += writes;
}

static pm_status give(writer *w, int giver, long group)
{
    unsigned int receiver = pm_pgtest_random_below(&w->random, PEOPLE - 1);
    if (receiver >= (unsigned int)giver)
        receiver++;
    pm_ledger_write lw = { PM_LEDGER_FEEDBACK, PM_LEDGER_FAILED, 0, 0, ++w->seq, group,
                           w->people[giver], w->people[receiver], 0, 0, 0.0 };
    char text[128];
    pm_ledger_feedback_text(text, sizeof text, 0, lw.seq);
    pm_feedback_opts fo = PM_FEEDBACK_OPTS_INIT;
    fo.receiver = lw.receiver;
    fo.kind = PM_FEEDBACK_PRAISE;
    fo.text = text;
    lw.began = pm_pgtest_seconds();
    pm_status st = pm_feedback_give(&lw.id, w->sessions[giver], &fo);
    lw.ended = pm_pgtest_seconds();
    if (group == 0)
        /* A failed call may have failed at its commit, after the server wrote it. */
        lw.outcome = st == PM_OK ? PM_LEDGER_ACKED : PM_LEDGER_IN_DOUBT;
    if (st != PM_OK)
        note_failure(w, "pm_feedback_give", st, w->sessions[giver]);
    assert_int_equal(pm_ledger_add(&w->ledger, &lw), 0);
    return st;
}

static void give_alone(writer *w)
{
    if (give(w, (int)pm_pgtest_random_below(&w->random, PEOPLE), 0) == PM_OK)
        note_acked(w, 1);
}

static void roll_back(writer *w, pm_session *s, int after_commit)
{
    pm_status st = pm_session_rollback(s);
    if (st == PM_OK || (after_commit && st == PM_EMISUSE))
        return;
    w->rollbacks_failed++;
    if (!is_outage(st) && w->unexpected[0] == '\0')
        snprintf(w->unexpected, sizeof w->unexpected, "pm_session_rollback: %s (%s)",
                 pm_session_errmsg(s), pm_status_str(st));
}

static void give_group(writer *w)
{
    int giver = (int)pm_pgtest_random_below(&w->random, PEOPLE);
    pm_session *s = w->sessions[giver];
    long group = ++w->groups;
    size_t first = w->ledger.count;
    pm_status st = pm_session_begin(s);
    if (st != PM_OK) {
        note_failure(w, "pm_session_begin", st, s);
        return;
    }
    for (int i = 0; st == PM_OK && i < GROUP_WRITES; i++)
        st = give(w, giver, group);
    if (st != PM_OK) {
        pm_ledger_settle(&w->ledger, first, PM_LEDGER_FAILED, pm_pgtest_seconds());
        roll_back(w, s, 0);
        return;
    }
    st = pm_session_commit(s);
    if (st == PM_OK) {
        pm_ledger_settle(&w->ledger, first, PM_LEDGER_ACKED, pm_pgtest_seconds());
        note_acked(w, GROUP_WRITES);
        return;
    }
    note_failure(w, "pm_session_commit", st, s);
    pm_ledger_settle(&w->ledger, first, PM_LEDGER_IN_DOUBT, pm_pgtest_seconds());
    roll_back(w, s, 1);
}

/* Stops the server the hard way, waits, starts it again; the exit status
 * says whether both worked. */
static pid_t start_crasher(void)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid > 0)
        return pid;
    pm_pgtest_sleep_ms(KILL_AFTER_MS);
    int killed = pg_server("kill");
    double down = pm_pgtest_seconds();
    pm_pgtest_sleep_ms(DOWN_FOR_MS);
    int started = pg_server("start");
    printf("server stopped (immediate) %s, started again %s after %.1f s\n",
           killed == 0 ? "ok" : "FAILED", started == 0 ? "ok" : "FAILED",
           pm_pgtest_seconds() - down);
    fflush(stdout);
    /* _exit: the writer's connection, inherited, stays the writer's. */
    _exit(killed == 0 && started == 0 ? 0 : 1);
}

static void make_people(writer *w, pm_db *db)
{
    pm_session *sys = NULL;
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);
    for (int i = 0; i < PEOPLE; i++) {
        char external_id[16], name[32];
        snprintf(external_id, sizeof external_id, "C%d", i);
        snprintf(name, sizeof name, "Crash Person %d", i);
        pm_person_opts o = PM_PERSON_OPTS_INIT;
        o.external_id = external_id;
        o.display_name = name;
        o.manager = i == 0 ? 0 : w->people[0];
        if (pm_person_create(&w->people[i], sys, &o) != PM_OK)
            fail_msg("creating %s: %s", external_id, pm_session_errmsg(sys));
    }
    pm_session_free(sys);
    for (int i = 0; i < PEOPLE; i++)
        assert_int_equal(pm_session_open(&w->sessions[i], db, w->people[i]), PM_OK);
}

static void test_writes_resume_after_a_server_crash_and_lose_nothing_acknowledged(void **state)
{
    (void)state;
    char store_uri[1024];
    assert_int_equal(pm_pg_store_uri(store_uri, sizeof store_uri, "pm_crash"), 0);
    writer w;
    memset(&w, 0, sizeof w);
    pm_pgtest_random_seed(&w.random, 0xc4a54u);
    pm_db *db = NULL;
    assert_int_equal(pm_pgtest_open(&db, store_uri), PM_OK);
    make_people(&w, db);

    pid_t crasher = start_crasher();
    double start = pm_pgtest_seconds(), now;
    while ((now = pm_pgtest_seconds()) - start < RECOVERY_LIMIT
           && (w.failures > 0 || now - start < CRASH_LIMIT)
           && (w.resumed == 0.0 || now - w.resumed < RUN_AFTER_RECOVERY)) {
        long failures = w.failures;
        if (pm_pgtest_random_below(&w.random, 3) == 0)
            give_group(&w);
        else
            give_alone(&w);
        if (w.failures != failures)
            pm_pgtest_sleep_ms(RETRY_MS);
    }
    int crasher_status = 0;
    assert_int_equal(waitpid(crasher, &crasher_status, 0), crasher);
    for (int i = 0; i < PEOPLE; i++)
        pm_session_free(w.sessions[i]);
    pm_db_close(db);

    /* What a new connection finds. */
    assert_int_equal(pm_pgtest_open(&db, store_uri), PM_OK);
    pm_session *sys = NULL;
    assert_int_equal(pm_session_open_system(&sys, db), PM_OK);
    pm_ledger_feedback_report fr;
    pm_status st = pm_ledger_check_feedback(&fr, &w.ledger, sys, w.people, PEOPLE);
    pm_session_free(sys);
    pm_db_close(db);
    long long rows = pm_pgtest_count_rows("pm_crash", "feedback");
    pm_pg_store_close();

    printf("writer: %zu writes acknowledged (%zu after writes resumed), %zu failed, %zu in "
           "doubt of which %zu stored; %ld failed calls, %ld failed rollbacks; writes "
           "resumed %.2f s after the first failure; %zu entries listed, %lld rows\n",
           fr.acked, w.acked_after,
           pm_ledger_count(&w.ledger, PM_LEDGER_FEEDBACK, PM_LEDGER_FAILED), fr.in_doubt,
           fr.in_doubt_stored, w.failures, w.rollbacks_failed,
           w.resumed != 0.0 ? w.resumed - w.first_failure : -1.0, fr.listed, rows);
    if (w.failures > 0)
        printf("first failure: %s\nlast failure: %s\n", w.first_message, w.last_message);
    pm_ledger_free(&w.ledger);

    if (!WIFEXITED(crasher_status) || WEXITSTATUS(crasher_status) != 0)
        fail_msg("stopping and restarting the server failed (see scripts/pg-server above)");
    assert_int_equal(st, PM_OK);
    if (w.unexpected[0] != '\0')
        fail_msg("a call failed in a way an outage does not explain: %s", w.unexpected);
    if (w.failures == 0)
        fail_msg("no write failed: the crash came and went unnoticed");
    if (w.acked_after == 0)
        fail_msg("no write was acknowledged after the restart (%.0f s of trying)",
                 RECOVERY_LIMIT);
    if (fr.problems > 0)
        fail_msg("the store differs from what was acknowledged: %zu problems (above)",
                 fr.problems);
    assert_int_equal(rows, (long long)fr.listed);
}

/* ---- the supervisor ---- */

static int postgresql_installed(void)
{
    glob_t g;
    int found = glob("/usr/lib/postgresql/*/bin/pg_ctl", 0, NULL, &g) == 0 && g.gl_pathc > 0;
    globfree(&g);
    return found;
}

static int start_server(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(server_dir, sizeof server_dir, "%s/pm-pg-crash-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mkdtemp(server_dir) == NULL) {
        perror(server_dir);
        return -1;
    }
    char line[1024], server_uri[600];
    snprintf(line, sizeof line, "'%s/scripts/pg-server' start '%s'", PM_SOURCE_DIR, server_dir);
    FILE *out = popen(line, "r");
    if (out == NULL) {
        perror("popen");
        return -1;
    }
    if (fgets(server_uri, sizeof server_uri, out) == NULL)
        server_uri[0] = '\0';
    server_uri[strcspn(server_uri, "\n")] = '\0';
    int status = pclose(out);
    if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 || !*server_uri) {
        fprintf(stderr, "scripts/pg-server start %s failed\n", server_dir);
        return -1;
    }
    /* The server the pg_store helpers use is this one. */
    return setenv("PM_TEST_PG_URI", server_uri, 1);
}

/* Runs the tests in a child and waits for it, so that the server is
 * destroyed whether they pass, fail, crash or hang. */
static int run_supervised(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_writes_resume_after_a_server_crash_and_lose_nothing_acknowledged),
    };
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        setpgid(0, 0); /* so that a crasher it leaves behind can be stopped too */
        exit(cmocka_run_group_tests(tests, NULL, NULL));
    }
    int rc = 1, status = 0;
    if (pid > 0) {
        double give_up = pm_pgtest_seconds() + SUPERVISE_SECONDS;
        pid_t done;
        while ((done = waitpid(pid, &status, WNOHANG)) == 0 && pm_pgtest_seconds() < give_up)
            pm_pgtest_sleep_ms(50);
        if (done == 0) {
            fprintf(stderr, "the test still runs after %.0f s: stopped\n", SUPERVISE_SECONDS);
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
        } else if (done == pid && WIFEXITED(status)) {
            rc = WEXITSTATUS(status);
        } else if (done == pid) {
            fprintf(stderr, "the test ended with signal %d\n", WTERMSIG(status));
        }
        kill(-pid, SIGKILL); /* a crasher the test left running, before the server goes */
    } else {
        perror("fork");
    }
    return rc;
}

int main(void)
{
    if (!postgresql_installed()) {
        printf("SKIPPED: test_pg_crash needs PostgreSQL's server programs "
               "(/usr/lib/postgresql/*/bin/pg_ctl; apt-get install postgresql)\n");
        return 77;
    }
    int rc = start_server() == 0 ? run_supervised() : 1;
    if (pg_server("destroy") != 0)
        fprintf(stderr, "scripts/pg-server destroy %s failed\n", server_dir);
    return rc;
}
