/* Trends: a metric's mean per week, month or quarter for a unit with the
 * units below it, or the organisation, with OLS and Mann-Kendall over the
 * periods shown.
 *
 * The measurements are streamed from the trend index (metric, unit, at,
 * person, value): one ordered range scan per unit of the subtree, the unit
 * being the one the person was in when measured (stored at write time), so
 * a trend does not depend on today's organisation. The organisation (unit
 * 0) is one scan over the metric, filtered by time in the callback, since
 * the unit comes before the time in the index.
 *
 * Memory: per period a sum, a count and a people count, plus one entry
 * per person measured with a bitmap of their periods, to count each person
 * once per period. A person who moved between units of the subtree inside
 * a period is still one person, which rows ordered by unit cannot tell
 * without that set. So memory grows with the people measured (a few bytes
 * each), never with the number of measurements.
 *
 * Access: the session must be allowed numbers about everyone measured in
 * the window (each themself or below the session's person today; HR and
 * the system always). Those are the people the numbers are about, which
 * the unit's people today are not: someone who moved out is still counted. */
#include "evaluation_internal.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "org_internal.h"
#include "org_people.h"
#include "wellbeing_internal.h"
#include "../core/org.h"
#include "../core/stats.h"
#include "../util/date.h"

#define SECONDS_PER_DAY 86400

static pm_status out_of_memory(pm_session *s)
{
    return pm_error__set(&s->error, PM_ENOMEM, "trend: out of memory");
}

/* A failure of a statistics function: they set no session error. */
static pm_status stats_failed(pm_session *s, pm_status st)
{
    if (st == PM_ENOMEM)
        return out_of_memory(s);
    return pm_error__set(&s->error, st, "trend: the statistics failed (%s)", pm_status_str(st));
}

pm_status pm_trend_opts_init(pm_trend_opts *opts, unsigned int version)
{
    static const pm_trend_opts defaults = PM_TREND_OPTS_INIT;
    return pm_api__opts_init(opts, &defaults, sizeof defaults, version, PM_TREND_OPTS_VERSION);
}

/* ---- periods ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0)))
        q--;
    return q;
}

/* A running number of the period holding day. 1970-01-01 (day 0) was a
 * Thursday, so day + 3 counts from Monday 1969-12-29: ISO weeks. */
static int64_t period_key(pm_period period, pm_date day)
{
    if (period == PM_PERIOD_WEEK)
        return floor_div((int64_t)day + 3, 7);
    int y = 0, m = 0, d = 0;
    pm_date__to_civil(day, &y, &m, &d);
    if (period == PM_PERIOD_MONTH)
        return (int64_t)y * 12 + (m - 1);
    return (int64_t)y * 4 + (m - 1) / 3;
}

static pm_date key_start(pm_period period, int64_t key)
{
    if (period == PM_PERIOD_WEEK)
        return (pm_date)(key * 7 - 3);
    if (period == PM_PERIOD_MONTH)
        return pm_date__from_civil((int)(key / 12), (int)(key % 12) + 1, 1);
    return pm_date__from_civil((int)(key / 4), (int)(key % 4) * 3 + 1, 1);
}

/* ---- who was measured in which period ---- */

/* One entry per person measured, holding a bitmap of the periods they were
 * measured in: memory grows with the people and the number of periods,
 * never with the number of measurements. */
typedef struct person_set {
    pm_id *people;      /* open addressing; 0 marks an empty slot */
    uint64_t *bits;     /* words per person, at the slot's position */
    size_t words;       /* bitmap words per person */
    size_t cap;         /* a power of two, or 0 */
    size_t used;
} person_set;

static size_t person_hash(pm_id person)
{
    uint64_t h = (uint64_t)person * UINT64_C(0x9E3779B97F4A7C15);
    return (size_t)(h ^ (h >> 29));
}

static size_t person_slot(const pm_id *people, size_t cap, pm_id person)
{
    size_t i = person_hash(person) & (cap - 1);
    while (people[i] != 0 && people[i] != person)
        i = (i + 1) & (cap - 1);
    return i;
}

static int person_set_grow(person_set *set)
{
    size_t cap = set->cap ? set->cap * 2 : 64;
    pm_id *people = pm__calloc(cap, sizeof *people);
    uint64_t *bits = pm__calloc(cap * set->words, sizeof *bits);
    if (people == NULL || bits == NULL) {
        pm__free(people);
        pm__free(bits);
        return -1;
    }
    for (size_t i = 0; i < set->cap; i++) {
        if (set->people[i] == 0)
            continue;
        size_t j = person_slot(people, cap, set->people[i]);
        people[j] = set->people[i];
        memcpy(&bits[j * set->words], &set->bits[i * set->words], set->words * sizeof *bits);
    }
    pm__free(set->people);
    pm__free(set->bits);
    set->people = people;
    set->bits = bits;
    set->cap = cap;
    return 0;
}

/* 1 when person is new in period, 0 when seen there before, -1 out of memory. */
static int person_set_add(person_set *set, pm_id person, size_t period)
{
    if ((set->used + 1) * 4 > set->cap * 3 && person_set_grow(set) != 0)
        return -1;
    size_t i = person_slot(set->people, set->cap, person);
    if (set->people[i] == 0) {
        set->people[i] = person;
        set->used++;
    }
    uint64_t *word = &set->bits[i * set->words + period / 64];
    uint64_t bit = UINT64_C(1) << (period % 64);
    if (*word & bit)
        return 0;
    *word |= bit;
    return 1;
}

static void person_set_free(person_set *set)
{
    pm__free(set->people);
    pm__free(set->bits);
}

/* Everyone in the set once, sorted. */
static pm_status set_people(pm_id **out, size_t *n, pm_session *s, const person_set *set)
{
    *out = NULL;
    *n = 0;
    if (set->used == 0)
        return PM_OK;
    pm_id *ids = pm__malloc(set->used * sizeof *ids);
    if (ids == NULL)
        return out_of_memory(s);
    size_t k = 0;
    for (size_t i = 0; i < set->cap; i++)
        if (set->people[i] != 0)
            ids[k++] = set->people[i];
    qsort(ids, k, sizeof *ids, pm_api__compare_ids);
    *out = ids;
    *n = k;
    return PM_OK;
}

/* ---- the scan ---- */

typedef struct tally {
    pm_session *s;
    pm_period period;
    int64_t first_key;
    size_t count;
    pm_time lo, hi;     /* the window, inclusive */
    pm_time *starts;    /* count + 1: the first second of each period, then the end */
    double *sum;        /* per period */
    pm_trend_period *periods;
    person_set seen;
} tally;

/* The period holding at (lo <= at <= hi): a binary search of the periods'
 * first seconds, cheaper per row than a calendar conversion. */
static size_t period_of(const tally *t, pm_time at)
{
    size_t low = 0, high = t->count; /* starts[low] <= at < starts[high] */
    while (high - low > 1) {
        size_t mid = low + (high - low) / 2;
        if (t->starts[mid] <= at)
            low = mid;
        else
            high = mid;
    }
    return low;
}

static int add_measurement(const pm_row *row, void *payload)
{
    tally *t = payload;
    if (row->nvalues < PM_MEAS_NFIELDS)
        return pm_error__set(&t->s->error, PM_ECORRUPT,
                             "measurement: a stored row read for the trend has %u fields",
                             row->nvalues);
    const pm_value *v = row->values;
    if (v[PM_MEAS_AT].type != PM_VALUE_INT || v[PM_MEAS_PERSON].type != PM_VALUE_INT ||
        (v[PM_MEAS_VALUE].type != PM_VALUE_REAL && v[PM_MEAS_VALUE].type != PM_VALUE_INT))
        return pm_error__set(&t->s->error, PM_ECORRUPT,
                             "measurement: a stored row read for the trend has a NULL or"
                             " mistyped value");
    pm_time at = v[PM_MEAS_AT].v.i;
    if (at < t->lo || at > t->hi)
        return 0; /* the organisation's scan covers every time */
    size_t i = period_of(t, at);
    double value = v[PM_MEAS_VALUE].type == PM_VALUE_REAL ? v[PM_MEAS_VALUE].v.r
                                                          : (double)v[PM_MEAS_VALUE].v.i;
    t->sum[i] += value;
    t->periods[i].n++;
    int added = person_set_add(&t->seen, v[PM_MEAS_PERSON].v.i, i);
    if (added < 0)
        return out_of_memory(t->s);
    t->periods[i].people += added;
    return 0;
}

static pm_status scan_unit(tally *t, pm_id metric, pm_id unit, int whole_org)
{
    pm_value eq[2] = { pm_value__int(metric), pm_value__int(unit) };
    pm_value lo = pm_value__int(t->lo), hi = pm_value__int(t->hi);
    /* Everything read is in the index: SQLite answers from it alone, and
     * need not read the ids (a flag of storage version 2). */
    pm_storage *storage = t->s->db->storage;
    unsigned int flags = PM_SCAN_INDEX_ONLY | (storage->version >= 2 ? PM_SCAN_NO_ID : 0u);
    pm_scan scan = { PM_KIND_MEASUREMENT, PM_MEAS_BY_TREND, whole_org ? 1u : 2u, eq,
                     whole_org ? NULL : &lo, whole_org ? NULL : &hi, flags, 0 };
    return pm_api__scan(t->s, &scan, add_measurement, t);
}

/* ---- checks ---- */

static pm_status check_opts(pm_session *s, const pm_trend_opts *opts, pm_period *period)
{
    pm_status st = pm_api__check_version(s, "trend_opts", opts->version, PM_TREND_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    *period = opts->period == 0 ? PM_PERIOD_MONTH : opts->period;
    if (*period != PM_PERIOD_WEEK && *period != PM_PERIOD_MONTH && *period != PM_PERIOD_QUARTER)
        return pm_error__set(&s->error, PM_EINVAL, "trend.period: %d is not a period",
                             (int)opts->period);
    if (opts->min_group < 3 || opts->min_group > 10)
        return pm_error__set(&s->error, PM_EINVAL,
                             "trend.min_group: %d is outside 3 to 10", opts->min_group);
    if (opts->from == PM_DATE_NONE)
        return pm_error__set(&s->error, PM_EINVAL, "trend.from: must be given");
    if (opts->to == PM_DATE_NONE)
        return pm_error__set(&s->error, PM_EINVAL, "trend.to: must be given");
    st = pm_org__check_date(opts->from, "trend.from", &s->error);
    if (st == PM_OK)
        st = pm_org__check_date(opts->to, "trend.to", &s->error);
    if (st != PM_OK)
        return st;
    if (opts->to < opts->from) {
        char a[PM_DATE_BUFSIZE], b[PM_DATE_BUFSIZE];
        pm_date_format(a, opts->from);
        pm_date_format(b, opts->to);
        return pm_error__set(&s->error, PM_EINVAL,
                             "trend.to: a window ending before it starts (%s is before %s)", b, a);
    }
    int64_t periods = period_key(*period, opts->to) - period_key(*period, opts->from) + 1;
    if (periods > PM_TREND_PERIODS_MAX)
        return pm_error__set(&s->error, PM_EINVAL,
                             "trend.to: %lld periods from trend.from; at most %d (take longer periods)",
                             (long long)periods, PM_TREND_PERIODS_MAX);
    pm_metric_def def;
    st = pm_metric__load(&def, s, opts->metric, "trend.metric");
    if (st != PM_OK)
        return st;
    if (opts->unit < 0)
        return pm_error__set(&s->error, PM_EINVAL, "trend.unit: %lld is not a unit id",
                             (long long)opts->unit);
    if (opts->unit > 0)
        return pm_unit__check_exists(s, opts->unit, "trend.unit");
    return PM_OK;
}

/* ---- the fit ---- */

/* The median of the pairwise slopes over the periods' own positions, so a
 * suppressed period in between keeps the slope per period. */
static pm_status theil_sen(double *out, pm_session *s, const double *x, const double *y, size_t n)
{
    size_t pairs = n * (n - 1) / 2;
    double *slopes = pm__malloc(pairs * sizeof *slopes);
    if (slopes == NULL)
        return out_of_memory(s);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            slopes[k++] = (y[j] - y[i]) / (x[j] - x[i]);
    pm_status st = pm_stats__median(out, slopes, k);
    pm__free(slopes);
    return st == PM_OK ? PM_OK : stats_failed(s, st);
}

static pm_status fit(pm_session *s, pm_trend *t)
{
    double *x = pm__malloc((t->count ? t->count : 1) * sizeof *x);
    double *y = pm__malloc((t->count ? t->count : 1) * sizeof *y);
    pm_status st = (x == NULL || y == NULL) ? out_of_memory(s) : PM_OK;
    size_t n = 0;
    for (size_t i = 0; st == PM_OK && i < t->count; i++) {
        if (t->periods[i].suppressed || t->periods[i].n == 0)
            continue;
        x[n] = (double)i;
        y[n] = t->periods[i].mean;
        n++;
    }
    t->points = (int)n;
    /* Below 3 points there is no test: p 1, not 0, so that a caller
     * filtering on p < 0.05 is not misled. */
    t->mk_p = 1.0;
    if (st == PM_OK && n >= 3) {
        pm_ols ols;
        st = pm_stats__ols(&ols, x, y, n);
        if (st == PM_OK) {
            t->slope = ols.slope;
            t->slope_ci_low = ols.ci_low;
            t->slope_ci_high = ols.ci_high;
        } else {
            st = stats_failed(s, st);
        }
    }
    if (st == PM_OK && n >= 3) {
        pm_mann_kendall mk;
        st = pm_stats__mann_kendall(&mk, y, n);
        if (st == PM_OK) {
            t->mk_s = (int)mk.s;
            t->mk_z = mk.z;
            t->mk_p = mk.p;
        } else {
            st = stats_failed(s, st);
        }
    }
    if (st == PM_OK && n >= 3)
        st = theil_sen(&t->theil_sen, s, x, y, n);
    pm__free(x);
    pm__free(y);
    return st;
}

/* ---- computing ---- */

static pm_status authorize_counted(pm_session *s, const person_set *seen, const char *what)
{
    /* HR and the system see every group's numbers: no need to list it. */
    if (pm_access__check(&s->actor, PM_ACT_GROUP_NUMBERS, PM_REL_NONE) == PM_OK)
        return PM_OK;
    pm_id *people = NULL;
    size_t n = 0;
    pm_status st = set_people(&people, &n, s, seen);
    if (st == PM_OK)
        st = pm_org__authorize_people(s, PM_ACT_GROUP_NUMBERS, people, n, what);
    pm__free(people);
    return st;
}

static pm_status scan_all(tally *t, pm_session *s, const pm_trend_opts *opts)
{
    if (opts->unit == 0)
        return scan_unit(t, opts->metric, 0, 1);
    pm_id *units = NULL;
    size_t nunits = 0;
    pm_status st = pm_org__subtree(&units, &nunits, s, opts->unit);
    for (size_t i = 0; st == PM_OK && i < nunits; i++)
        st = scan_unit(t, opts->metric, units[i], 0);
    pm__free(units);
    return st;
}

void pm_trend_free(pm_trend *trend)
{
    if (trend == NULL)
        return;
    pm__free(trend->periods);
    pm__free(trend);
}

pm_status pm_trend__compute(pm_trend **out, pm_session *s, const pm_trend_opts *opts,
                            int authorize, const char *what)
{
    *out = NULL;
    pm_period period = PM_PERIOD_MONTH;
    pm_status st = check_opts(s, opts, &period);
    if (st != PM_OK)
        return st;
    tally t;
    memset(&t, 0, sizeof t);
    t.s = s;
    t.period = period;
    t.first_key = period_key(period, opts->from);
    t.count = (size_t)(period_key(period, opts->to) - t.first_key + 1);
    t.lo = (pm_time)opts->from * SECONDS_PER_DAY;
    t.hi = (pm_time)opts->to * SECONDS_PER_DAY + (SECONDS_PER_DAY - 1);
    t.seen.words = (t.count + 63) / 64;
    pm_trend *trend = pm__calloc(1, sizeof *trend);
    t.sum = pm__calloc(t.count, sizeof *t.sum);
    t.periods = pm__calloc(t.count, sizeof *t.periods);
    t.starts = pm__malloc((t.count + 1) * sizeof *t.starts);
    if (trend == NULL || t.sum == NULL || t.periods == NULL || t.starts == NULL)
        st = out_of_memory(s);
    for (size_t i = 0; st == PM_OK && i <= t.count; i++)
        t.starts[i] = (pm_time)key_start(period, t.first_key + (int64_t)i) * SECONDS_PER_DAY;
    if (st == PM_OK)
        st = scan_all(&t, s, opts);
    if (st == PM_OK && authorize)
        st = authorize_counted(s, &t.seen, what);
    if (st == PM_OK) {
        trend->periods = t.periods;
        trend->count = t.count;
        t.periods = NULL;
        for (size_t i = 0; i < trend->count; i++) {
            pm_trend_period *p = &trend->periods[i];
            p->start = key_start(period, t.first_key + (int64_t)i);
            if (p->people < opts->min_group) {
                p->suppressed = 1;
                p->people = 0;
                p->n = 0;
                p->mean = 0.0;
            } else {
                p->mean = t.sum[i] / p->n;
            }
        }
        st = fit(s, trend);
    }
    pm__free(t.sum);
    pm__free(t.periods);
    pm__free(t.starts);
    person_set_free(&t.seen);
    if (st != PM_OK) {
        pm_trend_free(trend);
        return st;
    }
    *out = trend;
    return PM_OK;
}

pm_status pm_trend_get(pm_trend **out, pm_session *s, const pm_trend_opts *opts)
{
    PM_CHECK_SESSION(s);
    PM_CHECK_ARG(s, out != NULL, "out");
    *out = NULL;
    PM_CHECK_ARG(s, opts != NULL, "opts");
    return pm_trend__compute(out, s, opts, 1, "trend");
}

/* ---- accessors ---- */

static const pm_trend_period *period_at(const pm_trend *t, size_t i)
{
    return t != NULL && i < t->count ? &t->periods[i] : NULL;
}

size_t pm_trend_count(const pm_trend *trend)
{
    return trend ? trend->count : 0;
}

pm_date pm_trend_period_start(const pm_trend *trend, size_t i)
{
    const pm_trend_period *p = period_at(trend, i);
    return p ? p->start : PM_DATE_NONE;
}

int pm_trend_period_suppressed(const pm_trend *trend, size_t i)
{
    const pm_trend_period *p = period_at(trend, i);
    return p ? p->suppressed : 0;
}

int pm_trend_period_people(const pm_trend *trend, size_t i)
{
    const pm_trend_period *p = period_at(trend, i);
    return p ? p->people : 0;
}

int pm_trend_period_n(const pm_trend *trend, size_t i)
{
    const pm_trend_period *p = period_at(trend, i);
    return p ? p->n : 0;
}

double pm_trend_period_mean(const pm_trend *trend, size_t i)
{
    const pm_trend_period *p = period_at(trend, i);
    return p ? p->mean : 0.0;
}

int pm_trend_points(const pm_trend *trend)
{
    return trend ? trend->points : 0;
}

double pm_trend_slope(const pm_trend *trend)
{
    return trend ? trend->slope : 0.0;
}

double pm_trend_slope_ci_low(const pm_trend *trend)
{
    return trend ? trend->slope_ci_low : 0.0;
}

double pm_trend_slope_ci_high(const pm_trend *trend)
{
    return trend ? trend->slope_ci_high : 0.0;
}

int pm_trend_mk_s(const pm_trend *trend)
{
    return trend ? trend->mk_s : 0;
}

double pm_trend_mk_z(const pm_trend *trend)
{
    return trend ? trend->mk_z : 0.0;
}

double pm_trend_mk_p(const pm_trend *trend)
{
    return trend ? trend->mk_p : 0.0;
}

double pm_trend_theil_sen(const pm_trend *trend)
{
    return trend ? trend->theil_sen : 0.0;
}
