#include "goal.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* Room for any double written by format_number, with its NUL. */
#define NUMBER_BUFSIZE 32

/* Writes v in the fewest significant digits (15 to 17) that read back as v,
 * so a message shows "0.1" rather than "0.10000000000000001" yet never
 * shows two different values the same way ("0.165" vs "0.1650001"). */
static const char *format_number(char buf[NUMBER_BUFSIZE], double v)
{
    for (int digits = 15; digits <= 17; digits++) {
        snprintf(buf, NUMBER_BUFSIZE, "%.*g", digits, v);
        if (!isfinite(v) || strtod(buf, NULL) == v)
            break;
    }
    return buf;
}

static double clamp_share(double v)
{
    /* NaN fails both comparisons below and would survive them. */
    if (isnan(v))
        return 0.0;
    return v < 0.0 ? 0.0 : (v > 1.0 ? 1.0 : v);
}

double pm_goal__kr_progress(double baseline, double target, double current)
{
    if (!isfinite(baseline) || !isfinite(target) || !isfinite(current) || target == baseline)
        return 0.0;
    double done = current - baseline, span = target - baseline;
    if (!isfinite(done) || !isfinite(span)) {
        /* Finite values far apart (1e308 and -1e308) overflow when
         * subtracted; halving every term keeps the ratio and fits. */
        done = current / 2 - baseline / 2;
        span = target / 2 - baseline / 2;
    }
    return clamp_share(done / span);
}

/* 1 when current is at level or past it, in the direction of travel. */
static int reached(int down, double current, double level)
{
    return down ? current <= level : current >= level;
}

pm_zone pm_goal__kr_zone(const pm_kr_values *kr)
{
    if (!kr->has_commit && !kr->has_stretch)
        return PM_ZONE_NONE;
    /* The direction of travel is baseline -> target (down when the target
     * is lower); a target equal to the baseline is refused on input. */
    int down = kr->target < kr->baseline;
    if (kr->has_stretch && reached(down, kr->current, kr->stretch))
        return PM_ZONE_STRETCH;
    if (reached(down, kr->current, kr->target))
        return PM_ZONE_TARGET;
    if (kr->has_commit && reached(down, kr->current, kr->commit))
        return PM_ZONE_COMMIT;
    /* With only a stretch level, short of target is FAIL: there is no
     * commit zone to be in, and the key result has missed what it promised. */
    return PM_ZONE_FAIL;
}

static pm_status check_finite(double v, const char *field, pm_error *err)
{
    char num[NUMBER_BUFSIZE];
    if (isfinite(v))
        return PM_OK;
    return pm_error__set(err, PM_EINVAL, "key_result.%s: must be a finite number (%s)", field,
                         format_number(num, v));
}

/* 1 when v lies strictly between a and b, in either order. */
static int strictly_between(double v, double a, double b)
{
    return a < b ? (a < v && v < b) : (b < v && v < a);
}

static pm_status check_kr_levels(const pm_key_result_opts *o, pm_error *err)
{
    char b[NUMBER_BUFSIZE], t[NUMBER_BUFSIZE], v[NUMBER_BUFSIZE];
    if (o->has_commit && !strictly_between(o->commit, o->baseline, o->target))
        return pm_error__set(err, PM_EINVAL,
                             "key_result.commit: must lie strictly between the baseline (%s) "
                             "and the target (%s), not %s",
                             format_number(b, o->baseline), format_number(t, o->target),
                             format_number(v, o->commit));
    if (o->has_stretch) {
        int beyond = o->target > o->baseline ? o->stretch > o->target : o->stretch < o->target;
        if (!beyond)
            return pm_error__set(err, PM_EINVAL,
                                 "key_result.stretch: must lie beyond the target (%s), away from "
                                 "the baseline (%s), not %s",
                                 format_number(t, o->target), format_number(b, o->baseline),
                                 format_number(v, o->stretch));
    }
    return PM_OK;
}

static pm_status check_milestone(const pm_key_result_opts *o, pm_error *err)
{
    char num[NUMBER_BUFSIZE];
    if (o->baseline != 0.0)
        return pm_error__set(err, PM_EINVAL, "key_result.baseline: a milestone starts at 0, not %s",
                             format_number(num, o->baseline));
    if (o->target != 1.0)
        return pm_error__set(err, PM_EINVAL, "key_result.target: a milestone ends at 1, not %s",
                             format_number(num, o->target));
    /* Done or not: there is nothing between or beyond to commit or stretch to. */
    if (o->has_commit)
        return pm_error__set(err, PM_EINVAL,
                             "key_result.commit: a milestone has no commit level (%s)",
                             format_number(num, o->commit));
    if (o->has_stretch)
        return pm_error__set(err, PM_EINVAL,
                             "key_result.stretch: a milestone has no stretch level (%s)",
                             format_number(num, o->stretch));
    return PM_OK;
}

pm_status pm_goal__check_kr(const pm_key_result_opts *opts, pm_error *err)
{
    char num[NUMBER_BUFSIZE];
    pm_status st;
    if (opts == NULL)
        return pm_error__set(err, PM_EINVAL, "key_result: options must not be NULL");
    if (opts->kind != PM_KEY_RESULT_NUMERIC && opts->kind != PM_KEY_RESULT_MILESTONE)
        return pm_error__set(err, PM_EINVAL,
                             "key_result.kind: %d is not a kind (1 numeric, 2 milestone)",
                             (int)opts->kind);
    if ((st = check_finite(opts->baseline, "baseline", err)) != PM_OK ||
        (st = check_finite(opts->target, "target", err)) != PM_OK ||
        (st = check_finite(opts->weight, "weight", err)) != PM_OK ||
        (opts->has_commit && (st = check_finite(opts->commit, "commit", err)) != PM_OK) ||
        (opts->has_stretch && (st = check_finite(opts->stretch, "stretch", err)) != PM_OK))
        return st;
    if (opts->weight < 0.0)
        return pm_error__set(err, PM_EINVAL, "key_result.weight: must not be negative (%s)",
                             format_number(num, opts->weight));
    if (opts->kind == PM_KEY_RESULT_MILESTONE)
        return check_milestone(opts, err);
    if (opts->target == opts->baseline)
        return pm_error__set(err, PM_EINVAL,
                             "key_result.target: must differ from the baseline (%s)",
                             format_number(num, opts->baseline));
    return check_kr_levels(opts, err);
}

double pm_goal__weighted_progress(const pm_weighted *parts, size_t count)
{
    if (parts == NULL || count == 0)
        return 0.0;
    /* Weights are scaled by the largest so that their sum cannot overflow
     * (count parts of at most 1 each); the ratio is unchanged. A weight that
     * is negative or not finite (refused on input) counts as 0. */
    double largest = 0.0;
    for (size_t i = 0; i < count; i++) {
        double w = parts[i].weight;
        if (isfinite(w) && w > largest)
            largest = w;
    }
    double sum = 0.0, total = 0.0;
    for (size_t i = 0; i < count; i++) {
        double w = parts[i].weight;
        double scaled = largest == 0.0 ? 1.0 : (isfinite(w) && w > 0.0 ? w / largest : 0.0);
        sum += scaled * clamp_share(parts[i].progress);
        total += scaled;
    }
    return clamp_share(sum / total);
}

double pm_goal__expected_progress(pm_date start, pm_date due, pm_date on)
{
    if (on < start)
        return 0.0;
    if (on >= due)
        return 1.0;
    /* Here start <= on < due. Days are counted whole and inclusive: at the
     * end of day `on`, days start..on are over out of start..due. 64-bit
     * arithmetic keeps the differences of any two int32 days exact. */
    int64_t elapsed = (int64_t)on - (int64_t)start + 1;
    int64_t days = (int64_t)due - (int64_t)start + 1;
    return (double)elapsed / (double)days;
}

/* Shortfalls and thresholds are shares of 0..1 built from a few additions;
 * their rounding error is near 1e-16. A shortfall that lands within 1e-9
 * of a threshold counts as at it, so a documented shortfall of 0.165 is on
 * track whichever way binary rounding goes (0.5 - 0.335 comes out just
 * below 0.165, 0.8 - 0.635 just above), while a real difference (0.1650001
 * is 1e-7 past) still moves a goal across. */
#define HEALTH_EPSILON 1e-9

pm_health pm_goal__health(double actual, double expected, const pm_health_opts *opts)
{
    static const pm_health_opts defaults = PM_HEALTH_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    double shortfall = clamp_share(expected) - clamp_share(actual);
    if (shortfall <= opts->on_track + HEALTH_EPSILON)
        return PM_HEALTH_ON_TRACK;
    if (shortfall <= opts->at_risk + HEALTH_EPSILON)
        return PM_HEALTH_AT_RISK;
    return PM_HEALTH_OFF_TRACK;
}

static pm_status check_share(double v, const char *field, pm_error *err)
{
    char num[NUMBER_BUFSIZE];
    /* Written so that NaN fails it too. */
    if (v >= 0.0 && v <= 1.0)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL, "health_opts.%s: must be between 0 and 1 (%s)", field,
                         format_number(num, v));
}

pm_status pm_goal__check_health_opts(const pm_health_opts *opts, pm_error *err)
{
    char a[NUMBER_BUFSIZE], o[NUMBER_BUFSIZE];
    pm_status st;
    if (opts == NULL)
        return pm_error__set(err, PM_EINVAL, "health_opts: options must not be NULL");
    /* Older versions stay accepted: fields are only ever appended. */
    if (opts->version < 1 || opts->version > PM_HEALTH_OPTS_VERSION)
        return pm_error__set(err, PM_EVERSION,
                             "health_opts.version: %u is not a version this library knows "
                             "(expected %u)",
                             opts->version, (unsigned int)PM_HEALTH_OPTS_VERSION);
    if ((st = check_share(opts->on_track, "on_track", err)) != PM_OK ||
        (st = check_share(opts->at_risk, "at_risk", err)) != PM_OK)
        return st;
    if (opts->at_risk < opts->on_track)
        return pm_error__set(err, PM_EINVAL,
                             "health_opts.at_risk: must not be below on_track (%s < %s)",
                             format_number(a, opts->at_risk), format_number(o, opts->on_track));
    if (opts->stale_days < 1)
        return pm_error__set(err, PM_EINVAL, "health_opts.stale_days: must be at least 1 (%d)",
                             opts->stale_days);
    return PM_OK;
}

int pm_goal__is_stale(pm_date since, pm_date on, int stale_days)
{
    /* 64-bit: the difference of two int32 days may not fit in an int32. */
    return (int64_t)on - (int64_t)since > (int64_t)stale_days;
}

int pm_goal__state_move_allowed(pm_goal_state from, pm_goal_state to)
{
    switch (from) {
    case PM_GOAL_DRAFT:
        return to == PM_GOAL_ACTIVE || to == PM_GOAL_CANCELLED;
    case PM_GOAL_ACTIVE:
        return to == PM_GOAL_COMPLETED || to == PM_GOAL_CANCELLED;
    case PM_GOAL_COMPLETED:
        return to == PM_GOAL_ACTIVE || to == PM_GOAL_ARCHIVED;
    case PM_GOAL_CANCELLED:
        return to == PM_GOAL_ARCHIVED;
    case PM_GOAL_ARCHIVED:
        /* Archived is final: kept for the record only. */
        return 0;
    }
    return 0;
}

const char *pm_goal__state_name(pm_goal_state state)
{
    switch (state) {
    case PM_GOAL_DRAFT: return "draft";
    case PM_GOAL_ACTIVE: return "active";
    case PM_GOAL_COMPLETED: return "completed";
    case PM_GOAL_CANCELLED: return "cancelled";
    case PM_GOAL_ARCHIVED: return "archived";
    }
    return "?";
}
