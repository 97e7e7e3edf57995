/* The rules of goals, pure: key-result progress and zones, weighted goal
 * progress, expected progress over a period, health, staleness, and the
 * allowed state moves. No storage, no clock: dates come in as arguments. */
#ifndef PM_CORE_GOAL_H
#define PM_CORE_GOAL_H

#include <stddef.h>

#include "perfmgmt/goal.h"
#include "../util/error.h"

/* A key result's numbers. */
typedef struct pm_kr_values {
    double baseline;
    double target;
    double current;
    int has_commit;
    double commit;
    int has_stretch;
    double stretch;
} pm_kr_values;

/* (current - baseline) / (target - baseline), clamped to 0..1; works for
 * decreasing targets (12 -> 8 at 10 is 0.5). 0 when target == baseline
 * (refused on input anyway) or when any input is NaN or infinite. */
double pm_goal__kr_progress(double baseline, double target, double current);

/* The zone of current: PM_ZONE_NONE unless commit or stretch is set. Levels
 * are compared in the key result's direction (for a decreasing target,
 * lower is better). Reaching a level counts as being in its zone. With only
 * a commit level, past target stays TARGET; with only a stretch level,
 * short of target is FAIL (there is no commit zone to be in). */
pm_zone pm_goal__kr_zone(const pm_kr_values *kr);

/* Checks a key result's numbers before it is stored (text fields and the
 * version are the api's to check), in this order: a known kind; finite
 * baseline, target, weight, and commit and stretch when set; weight >= 0;
 * a milestone has baseline 0 and target 1 (set by the caller before the
 * check) and no commit or stretch level; a numeric one has target !=
 * baseline, commit strictly between baseline and target, stretch strictly
 * beyond target in the direction of travel. The first failure gives
 * PM_EINVAL with a message naming the field and the value:
 * "key_result.target: must differ from the baseline (12)". */
pm_status pm_goal__check_kr(const pm_key_result_opts *opts, pm_error *err);

/* A part of a goal's progress: a key result or a child goal. */
typedef struct pm_weighted {
    double progress; /* 0..1 */
    double weight;   /* >= 0 */
} pm_weighted;

/* The weight-normalised mean of the parts; when every weight is 0, the plain
 * mean; 0 for no parts. A progress outside 0..1 is clamped (NaN counts as
 * 0); a negative or non-finite weight (refused on input) counts as 0. */
double pm_goal__weighted_progress(const pm_weighted *parts, size_t count);

/* The share of [start, due] elapsed at the end of day `on`: 0 before start,
 * 1 from due on, else (on - start + 1) / (due - start + 1), counting whole
 * days inclusively (2024-02-01..2024-02-29 has 29). A one-day period is 1
 * on that day. */
double pm_goal__expected_progress(pm_date start, pm_date due, pm_date on);

/* Health from actual and expected progress with the thresholds of opts, or
 * the defaults when opts is NULL (shortfall = expected - actual, both
 * clamped to 0..1; <= on_track: on track; <= at_risk: at risk; else off
 * track). Being ahead is on track. A shortfall within 1e-9 of a threshold
 * counts as at it, so floating-point rounding cannot move a goal across.
 * The caller gives PM_HEALTH_NONE to goals that are not active. */
pm_health pm_goal__health(double actual, double expected, const pm_health_opts *opts);

/* Checks health options: a known version (else PM_EVERSION), then
 * 0 <= on_track <= at_risk <= 1 and stale_days >= 1 (else PM_EINVAL).
 * Messages name the field ("health_opts.at_risk: must not be below on_track
 * (0.2 < 0.3)"). */
pm_status pm_goal__check_health_opts(const pm_health_opts *opts, pm_error *err);

/* Stale when on - since > stale_days: since is the day of the last update
 * (or, without one, the day tracking began). Exactly stale_days days
 * without an update is not stale yet. */
int pm_goal__is_stale(pm_date since, pm_date on, int stale_days);

/* 1 when a goal may move from one state to the other (see pm_goal_state);
 * 0 for staying in the same state and for unknown values. */
int pm_goal__state_move_allowed(pm_goal_state from, pm_goal_state to);

/* Names for messages: "draft", "active", ... ; "?" for unknown values. */
const char *pm_goal__state_name(pm_goal_state state);

#endif
