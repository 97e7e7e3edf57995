/*
 * bench_wellbeing's perfmgmt side: the public API only (see
 * bench_wellbeing.c), and a counting allocator (pm_allocator_set) that
 * tells how much memory perfmgmt itself holds while a trend runs. SQLite's
 * own memory (its page cache) is not perfmgmt's allocation; the run reads
 * it from sqlite3_status64().
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench_wellbeing.h"

/* ---- counting perfmgmt's heap ---- */

/* Each block carries its size in front, aligned for anything. */
typedef union block_head {
    max_align_t align;
    size_t size;
} block_head;

static size_t live_bytes, peak_bytes;

static void note_grown(size_t size)
{
    live_bytes += size;
    if (live_bytes > peak_bytes)
        peak_bytes = live_bytes;
}

static void *count_malloc(size_t size, void *payload)
{
    (void)payload;
    block_head *h = malloc(sizeof *h + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    note_grown(size);
    return h + 1;
}

static void count_free(void *ptr, void *payload)
{
    (void)payload;
    if (ptr == NULL)
        return;
    block_head *h = (block_head *)ptr - 1;
    live_bytes -= h->size;
    free(h);
}

static void *count_realloc(void *ptr, size_t size, void *payload)
{
    if (ptr == NULL)
        return count_malloc(size, payload);
    block_head *old = (block_head *)ptr - 1;
    size_t before = old->size;
    block_head *h = realloc(old, sizeof *h + size);
    if (h == NULL)
        return NULL;
    h->size = size;
    live_bytes -= before;
    note_grown(size);
    return h + 1;
}

void lib_count_memory(void)
{
    pm_allocator a = { PM_ALLOCATOR_VERSION, count_malloc, count_realloc, count_free, NULL };
    if (pm_allocator_set(&a) != PM_OK)
        bench_die("pm_allocator_set", NULL);
}

void lib_memory_reset_peak(void)
{
    peak_bytes = live_bytes;
}

size_t lib_memory_live(void)
{
    return live_bytes;
}

size_t lib_memory_peak(void)
{
    return peak_bytes;
}

/* ---- the store ---- */

void lib_open(lib_side *l, const workload *w)
{
    memset(l, 0, sizeof *l);
    bench_clock = w->now;
    bench_pm_open(&l->side, bench_pm_path(), &bench_clock, NULL);
    l->person_ids = calloc((size_t)w->people, sizeof *l->person_ids);
    l->unit_ids = calloc(UNIT_COUNT, sizeof *l->unit_ids);
    if (l->person_ids == NULL || l->unit_ids == NULL)
        bench_die("ids", "out of memory");
}

void lib_close(lib_side *l)
{
    bench_pm_close(&l->side);
    free(l->person_ids);
    free(l->unit_ids);
}

/* "Org/D03/D03-07": the unit and the units above it. */
static void unit_path(char *buf, size_t size, const workload *w, long unit)
{
    long chain[4];
    int depth = 0;
    for (long u = unit; u >= 0 && depth < 4; depth++) {
        chain[depth] = u;
        bench_unit named;
        w->org.unit(&named, u, w->org.payload);
        u = named.parent;
    }
    size_t used = 0;
    buf[0] = '\0';
    for (int k = depth - 1; k >= 0; k--) {
        bench_unit named;
        w->org.unit(&named, chain[k], w->org.payload);
        int n = snprintf(buf + used, size - used, "%s%s", named.name, k > 0 ? "/" : "");
        if (n < 0 || (size_t)n >= size - used)
            bench_die("unit path", "too long");
        used += (size_t)n;
    }
}

bench_timing lib_build(lib_side *l, const workload *w)
{
    pm_session *s = l->side.session;
    double t0 = bench_now_seconds();
    bench_pm_import_org(&l->side, &w->org);
    for (long i = 0; i < w->people; i++)
        l->person_ids[i] = bench_pm_person_id(s, w->rows[i].external_id);
    for (long u = 0; u < UNIT_COUNT; u++) {
        char path[96];
        unit_path(path, sizeof path, w, u);
        bench_pm_check(s, pm_unit_find(&l->unit_ids[u], s, path), "pm_unit_find");
    }
    bench_pm_check(s, pm_session_begin(s), "pm_session_begin");
    for (long i = 0; i < w->people; i++)
        if (w->rows[i].moves_to >= 0)
            bench_pm_check(s, pm_org_set_unit(s, l->person_ids[i],
                                              l->unit_ids[w->rows[i].moves_to], w->move_day),
                           "pm_org_set_unit");
    pm_metric_opts mo = PM_METRIC_OPTS_INIT;
    mo.name = "Pulse: workload";
    mo.unit = "points";
    mo.min = PULSE_MIN;
    mo.max = PULSE_MAX;
    bench_pm_check(s, pm_metric_create(&l->metric, s, &mo), "pm_metric_create");
    bench_pm_check(s, pm_session_commit(s), "pm_session_commit");
    return (bench_timing){ bench_now_seconds() - t0, w->people };
}

/* ---- the ingest ---- */

void lib_ingest(lib_side *l, const meas_row *rows, long count)
{
    pm_session *s = l->side.session;
    for (long k = 0; k < count; k++) {
        if (k % BATCH == 0)
            bench_pm_check(s, pm_session_begin(s), "pm_session_begin");
        pm_measurement_opts o = PM_MEASUREMENT_OPTS_INIT;
        o.person = l->person_ids[rows[k].person];
        o.metric = l->metric;
        o.value = (double)rows[k].value;
        o.at = rows[k].at;
        o.source = PM_MEASURED_BY_IMPORT;
        bench_pm_check(s, pm_measurement_add(NULL, s, &o), "pm_measurement_add");
        if (k % BATCH == BATCH - 1 || k == count - 1)
            bench_pm_check(s, pm_session_commit(s), "pm_session_commit");
    }
}

/* ---- the trend ---- */

void lib_trend(lib_side *l, const workload *w, long unit, trend_result *out)
{
    pm_session *s = l->side.session;
    pm_trend_opts o = PM_TREND_OPTS_INIT;
    o.metric = l->metric;
    o.unit = unit < 0 ? 0 : l->unit_ids[unit];
    o.period = PM_PERIOD_MONTH;
    o.from = w->from;
    o.to = w->to;
    pm_trend *t = NULL;
    bench_pm_check(s, pm_trend_get(&t, s, &o), "pm_trend_get");
    if (pm_trend_count(t) != MONTHS)
        bench_die("pm_trend_get", "not one period a month");
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < MONTHS; i++) {
        trend_month *m = &out->month[i];
        m->suppressed = pm_trend_period_suppressed(t, i);
        m->n = pm_trend_period_n(t, i);
        m->people = pm_trend_period_people(t, i);
        m->mean = pm_trend_period_mean(t, i);
    }
    bench_sink += (size_t)pm_trend_points(t);
    pm_trend_free(t);
}
