/* Conformance cases on reading from several threads: readers of their own
 * instances see only committed data while another instance writes
 * (PM_STORAGE_CAP_SHARED_READ), and readers of one instance see all of it
 * (PM_STORAGE_CAP_CONCURRENT_READ). */
#define _POSIX_C_SOURCE 200809L /* pthreads, clock_gettime, on every libc */
#include "conformance_internal.h"

#include <pthread.h>
#include <time.h>

#define READERS 4
#define READ_ROUNDS 12
#define PROBES 4
#define PHASE_ABORT 1000
#define WAIT_LIMIT_S 60

/* What a reader compares: four scans and one get. */
typedef struct probe_result {
    conf_rows scan[PROBES];
    conf_rows get;
} probe_result;

static void probe_free(probe_result *p)
{
    for (size_t k = 0; k < PROBES; k++)
        conf_rows_free(&p->scan[k]);
    conf_rows_free(&p->get);
}

/* Not asserting: runs in reader threads. */
static pm_status probe_run(pm_storage *st, pm_id get_id, probe_result *out, char *msg, size_t size)
{
    pm_value seven = v_int(7);
    pm_scan s[PROBES];
    s[0] = scan_of(K_ITEM, PM_SCAN_BY_ID);
    s[1] = scan_of(K_ITEM, IX_NUM);
    s[2] = scan_of(K_ITEM, IX_TEXT);
    s[2].flags = PM_SCAN_DESC;
    s[2].limit = 50;
    s[3] = scan_of(K_ITEM, IX_NUM_TEXT_DATE);
    s[3].neq = 1;
    s[3].eq = &seven;
    memset(out, 0, sizeof *out);
    for (size_t k = 0; k < PROBES; k++) {
        pm_status rc = st->scan(st, &s[k], conf_collect_cb, &out->scan[k]);
        if (rc != PM_OK) {
            snprintf(msg, size, "scan %s: %s (%d): %s", conf_index_name(K_ITEM, s[k].index),
                     pm_status_str(rc), (int)rc, conf_errmsg(st));
            return rc;
        }
    }
    pm_status rc = st->get(st, K_ITEM, get_id, conf_collect_cb, &out->get);
    if (rc != PM_OK)
        snprintf(msg, size, "get %" PRId64 ": %s (%d): %s", get_id, pm_status_str(rc), (int)rc,
                 conf_errmsg(st));
    return rc;
}

typedef struct conf_sync {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    int phase;
    unsigned int arrived; /* arrivals at phase ends, summed over phases */
    unsigned int rounds;  /* reads done in phase 2, over all readers */
} conf_sync;

typedef struct reader_job {
    const pm_conformance_backend *backend;
    pm_storage *shared;                 /* one instance for all, or NULL: reopen() one each */
    conf_sync *sync;
    const probe_result *state[3];       /* what the store holds in each phase, A, B, C */
    pm_id get_id;
    char error[1200];
} reader_job;

static int sync_phase(conf_sync *s)
{
    pthread_mutex_lock(&s->mu);
    int p = s->phase;
    pthread_mutex_unlock(&s->mu);
    return p;
}

static void sync_arrive_and_wait(conf_sync *s, int phase)
{
    pthread_mutex_lock(&s->mu);
    s->arrived++;
    pthread_cond_broadcast(&s->cv);
    while (s->phase < phase)
        pthread_cond_wait(&s->cv, &s->mu);
    pthread_mutex_unlock(&s->mu);
}

static void sync_count_round(conf_sync *s)
{
    pthread_mutex_lock(&s->mu);
    s->rounds++;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

static void sync_set_phase(conf_sync *s, int phase)
{
    pthread_mutex_lock(&s->mu);
    s->phase = phase;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
}

/* Waits until *counter reaches n. A reader stuck inside the backend would
 * hang the suite, and its thread cannot be cancelled safely, so after
 * WAIT_LIMIT_S the whole run stops with a message. */
static void sync_wait_for(conf_sync *s, const unsigned int *counter, unsigned int n)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += WAIT_LIMIT_S;
    pthread_mutex_lock(&s->mu);
    while (*counter < n) {
        if (pthread_cond_timedwait(&s->cv, &s->mu, &until) != 0 && *counter < n) {
            pthread_mutex_unlock(&s->mu);
            print_error("reader threads made no progress for %d s: the backend deadlocks; "
                        "stopping the suite\n", WAIT_LIMIT_S);
            fflush(NULL);
            exit(EXIT_FAILURE);
        }
    }
    pthread_mutex_unlock(&s->mu);
}

static void job_fail(reader_job *j, const char *fmt, ...) CONF_PRINTF(2, 3);

static void job_fail(reader_job *j, const char *fmt, ...)
{
    if (j->error[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->error, sizeof j->error, fmt, ap);
    va_end(ap);
}

/* One round of reads; each probe must equal that probe in one of the
 * allowed states (a single scan is one consistent view, two scans need
 * not be the same view). */
static void read_round(reader_job *j, pm_storage *st, int first, int last, const char *phase)
{
    probe_result got;
    char msg[600];
    if (probe_run(st, j->get_id, &got, msg, sizeof msg) != PM_OK) {
        job_fail(j, "%s: %s", phase, msg);
        probe_free(&got);
        return;
    }
    for (size_t k = 0; k <= PROBES && !j->error[0]; k++) {
        const conf_rows *g = k < PROBES ? &got.scan[k] : &got.get;
        int matched = 0;
        for (int sidx = first; sidx <= last && !matched; sidx++) {
            const probe_result *want = j->state[sidx];
            matched = !conf_rows_diff(g, k < PROBES ? &want->scan[k] : &want->get, msg, sizeof msg);
        }
        if (!matched) {
            const probe_result *want = j->state[last];
            conf_rows_diff(g, k < PROBES ? &want->scan[k] : &want->get, msg, sizeof msg);
            job_fail(j, "%s, %s %zu: %s (compared with state %c)", phase,
                     k < PROBES ? "scan" : "get", k, msg, "ABC"[last]);
        }
    }
    probe_free(&got);
}

static void *shared_reader(void *arg)
{
    reader_job *j = arg;
    pm_storage *st = NULL;
    pm_status rc = j->backend->reopen(&st, j->backend->payload);
    if (rc != PM_OK || st == NULL) {
        job_fail(j, "reopen() in a reader thread: %s (%d)", pm_status_str(rc), (int)rc);
        st = NULL;
    } else if ((rc = st->prepare(st, &conf_schema_v1)) != PM_OK) {
        job_fail(j, "prepare() in a reader thread: %s (%d): %s", pm_status_str(rc), (int)rc,
                 conf_errmsg(st));
    }
    sync_arrive_and_wait(j->sync, 1);
    for (int r = 0; r < READ_ROUNDS; r++)
        if (!j->error[0] && sync_phase(j->sync) < PHASE_ABORT)
            read_round(j, st, 0, 0, "while another instance held an uncommitted transaction");
    sync_arrive_and_wait(j->sync, 2);
    for (int r = 0; r < READ_ROUNDS; r++) {
        if (!j->error[0] && sync_phase(j->sync) < PHASE_ABORT)
            read_round(j, st, 1, 2, "while another instance committed");
        sync_count_round(j->sync);
    }
    sync_arrive_and_wait(j->sync, 3);
    if (!j->error[0] && sync_phase(j->sync) < PHASE_ABORT)
        read_round(j, st, 2, 2, "after another instance committed");
    if (st)
        st->free(st);
    return NULL;
}

static void *concurrent_reader(void *arg)
{
    reader_job *j = arg;
    sync_arrive_and_wait(j->sync, 1);
    for (int r = 0; r < READ_ROUNDS * 2 && !j->error[0]; r++)
        if (sync_phase(j->sync) < PHASE_ABORT)
            read_round(j, j->shared, 0, 0, "reading one instance from several threads");
    return NULL;
}

/* 200 conf_item rows, committed; their ids go to ids[0..199]. */
static void thread_base_rows(pm_storage *st, pm_id *ids)
{
    static const char *const texts[] = { "a", "b", "\xC3\xA5", "ab", "", "Z", "z" };
    pm_value v[CONF_MAX_FIELDS];
    BEGIN(st);
    for (int i = 0; i < 200; i++) {
        item_init(v, i % 13);
        v[I_TEXT] = i % 11 ? v_text(texts[i % 7]) : v_null();
        v[I_DATE] = v_int(i * 37 - 3000);
        v[I_REAL] = v_real(i * 0.5);
        ids[i] = INSERT(st, K_ITEM, v);
    }
    COMMIT(st);
}

/* A write transaction's changes, applied without asserting (readers are
 * running). Returns the first failure. */
static pm_status thread_changes(pm_storage *st, const pm_id *ids, int round, char *msg, size_t size)
{
    pm_value v[CONF_MAX_FIELDS];
    pm_status rc = PM_OK;
    int base = round * 60;
    for (int i = 0; i < 20 && rc == PM_OK; i++) {
        pm_id id = 0;
        item_init(v, (i + round) % 13);
        v[I_TEXT] = v_text(round ? "second" : "first");
        rc = st->insert(st, K_ITEM, v, &id);
    }
    for (int i = 0; i < 20 && rc == PM_OK; i++) {
        item_init(v, (i + 5 + round) % 13);
        v[I_TEXT] = v_text("updated");
        v[I_DATE] = v_int(i + round);
        rc = st->update(st, K_ITEM, ids[i == 0 ? 0 : base + 20 + i], v, PM_UPDATE_ALL_FIELDS);
    }
    for (int i = 0; i < 20 && rc == PM_OK; i++)
        rc = st->remove(st, K_ITEM, ids[base + 40 + i]);
    if (rc != PM_OK)
        snprintf(msg, size, "write %d: %s (%d): %s", round + 1, pm_status_str(rc), (int)rc,
                 conf_errmsg(st));
    return rc;
}

static void test_backend_supports_reading_from_several_threads(void **state)
{
    conf *c = *state;
    unsigned int caps = c->st->capabilities;
    if (!(caps & (PM_STORAGE_CAP_SHARED_READ | PM_STORAGE_CAP_CONCURRENT_READ)))
        CONF_FAIL("the backend claims neither PM_STORAGE_CAP_SHARED_READ nor "
                  "PM_STORAGE_CAP_CONCURRENT_READ: perfmgmt cannot serve readers from several "
                  "threads with it (capabilities %#x)", caps);
    if ((caps & PM_STORAGE_CAP_SHARED_READ) && c->backend->reopen == NULL)
        CONF_FAIL("the backend claims PM_STORAGE_CAP_SHARED_READ, but the harness gives no "
                  "reopen(), so it cannot be checked");
}

static void start_readers(reader_job *jobs, pthread_t *threads, size_t *started,
                          void *(*fn)(void *), char *err, size_t size)
{
    *started = 0;
    for (size_t i = 0; i < READERS; i++) {
        int e = pthread_create(&threads[i], NULL, fn, &jobs[i]);
        if (e != 0) {
            snprintf(err, size, "pthread_create: error %d", e);
            return;
        }
        (*started)++;
    }
}

static void test_shared_readers_see_only_committed_data(void **state)
{
    conf *c = *state;
    if (!(c->st->capabilities & PM_STORAGE_CAP_SHARED_READ))
        skip();
    if (c->backend->reopen == NULL)
        CONF_FAIL("the backend claims PM_STORAGE_CAP_SHARED_READ, but the harness gives no reopen()");

    pm_id ids[200];
    probe_result states[3];
    char err[800] = "";
    memset(states, 0, sizeof states);
    thread_base_rows(c->st, ids);
    if (probe_run(c->st, ids[0], &states[0], err, sizeof err) != PM_OK)
        CONF_FAIL("state A: %s", err);

    conf_sync sync;
    memset(&sync, 0, sizeof sync);
    pthread_mutex_init(&sync.mu, NULL);
    pthread_cond_init(&sync.cv, NULL);
    reader_job jobs[READERS];
    pthread_t threads[READERS];
    size_t started = 0;
    for (size_t i = 0; i < READERS; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].backend = c->backend;
        jobs[i].sync = &sync;
        jobs[i].get_id = ids[0];
        for (int k = 0; k < 3; k++)
            jobs[i].state[k] = &states[k];
    }
    start_readers(jobs, threads, &started, shared_reader, err, sizeof err);

    /* Readers open and prepare their instances before the writer begins:
     * preparing is not reading. */
    if (!err[0])
        sync_wait_for(&sync, &sync.arrived, READERS);
    pm_status rc = PM_OK;
    if (!err[0] && (rc = c->st->begin(c->st)) != PM_OK)
        snprintf(err, sizeof err, "begin: %s", conf_errmsg(c->st));
    if (!err[0] && thread_changes(c->st, ids, 0, err, sizeof err) == PM_OK)
        probe_run(c->st, ids[0], &states[1], err, sizeof err);
    if (!err[0]) {
        sync_set_phase(&sync, 1);
        sync_wait_for(&sync, &sync.arrived, 2 * READERS);
        if ((rc = c->st->commit(c->st)) != PM_OK)
            snprintf(err, sizeof err, "commit: %s", conf_errmsg(c->st));
    }
    if (!err[0] && (rc = c->st->begin(c->st)) != PM_OK)
        snprintf(err, sizeof err, "begin: %s", conf_errmsg(c->st));
    if (!err[0] && thread_changes(c->st, ids, 1, err, sizeof err) == PM_OK)
        probe_run(c->st, ids[0], &states[2], err, sizeof err);
    if (!err[0]) {
        /* Commit while the readers are in the middle of their reads. */
        sync_set_phase(&sync, 2);
        sync_wait_for(&sync, &sync.rounds, READERS * 3);
        if ((rc = c->st->commit(c->st)) != PM_OK)
            snprintf(err, sizeof err, "commit: %s", conf_errmsg(c->st));
    }
    if (!err[0]) {
        sync_wait_for(&sync, &sync.arrived, 3 * READERS);
        sync_set_phase(&sync, 3);
    }
    if (err[0])
        sync_set_phase(&sync, PHASE_ABORT);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&sync.cv);
    pthread_mutex_destroy(&sync.mu);
    for (int k = 0; k < 3; k++)
        probe_free(&states[k]);
    if (err[0])
        CONF_FAIL("writer: %s", err);
    for (size_t i = 0; i < READERS; i++)
        if (jobs[i].error[0])
            CONF_FAIL("reader %zu: %s", i, jobs[i].error);
}

static void test_concurrent_readers_of_one_instance_see_all_data(void **state)
{
    conf *c = *state;
    if (!(c->st->capabilities & PM_STORAGE_CAP_CONCURRENT_READ))
        skip();
    pm_id ids[200];
    probe_result want;
    char err[800] = "";
    thread_base_rows(c->st, ids);
    memset(&want, 0, sizeof want);
    if (probe_run(c->st, ids[0], &want, err, sizeof err) != PM_OK)
        CONF_FAIL("%s", err);

    conf_sync sync;
    memset(&sync, 0, sizeof sync);
    pthread_mutex_init(&sync.mu, NULL);
    pthread_cond_init(&sync.cv, NULL);
    reader_job jobs[READERS];
    pthread_t threads[READERS];
    size_t started = 0;
    for (size_t i = 0; i < READERS; i++) {
        memset(&jobs[i], 0, sizeof jobs[i]);
        jobs[i].backend = c->backend;
        jobs[i].shared = c->st;
        jobs[i].sync = &sync;
        jobs[i].get_id = ids[i * 7];
        jobs[i].state[0] = &want;
    }
    /* Each job gets its own row, all read the same scans. */
    probe_result gets[READERS];
    memset(gets, 0, sizeof gets);
    for (size_t i = 0; i < READERS && !err[0]; i++) {
        probe_run(c->st, jobs[i].get_id, &gets[i], err, sizeof err);
        for (size_t k = 0; k < PROBES; k++) {
            conf_rows_free(&gets[i].scan[k]);
            gets[i].scan[k] = want.scan[k];
        }
        jobs[i].state[0] = &gets[i];
    }
    if (!err[0])
        start_readers(jobs, threads, &started, concurrent_reader, err, sizeof err);
    /* Start them together so their reads overlap. */
    if (!err[0])
        sync_wait_for(&sync, &sync.arrived, READERS);
    sync_set_phase(&sync, err[0] ? PHASE_ABORT : 1);
    for (size_t i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&sync.cv);
    pthread_mutex_destroy(&sync.mu);
    for (size_t i = 0; i < READERS; i++)
        conf_rows_free(&gets[i].get);
    probe_free(&want);
    if (err[0])
        CONF_FAIL("%s", err);
    for (size_t i = 0; i < READERS; i++)
        if (jobs[i].error[0])
            CONF_FAIL("reader %zu: %s", i, jobs[i].error);
}

int conf_run_threads(pm_conformance_backend *b)
{
    const struct CMUnitTest cases[] = {
        CONF_CASE(test_backend_supports_reading_from_several_threads, b),
        CONF_CASE(test_shared_readers_see_only_committed_data, b),
        CONF_CASE(test_concurrent_readers_of_one_instance_see_all_data, b),
    };
    char group[200];
    return cmocka_run_group_tests_name(conf_group_name(group, sizeof group, b, "threads"),
                                       cases, NULL, NULL);
}
