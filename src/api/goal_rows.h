/* What the goal files share beyond goal_internal.h: the goal and key result
 * snapshots and their row mapping (goal.c, goal_key_result.c), the access
 * decision for one goal (goal.c), and the goal iterator that the lists fill
 * (goal_list.c). None of them opens a transaction. */
#ifndef PM_API_GOAL_ROWS_H
#define PM_API_GOAL_ROWS_H

#include "goal_internal.h"

/* A goal snapshot (the public pm_goal). Strings are NUL-terminated and owned
 * by the snapshot; description is "" when none. */
struct pm_goal {
    pm_id id;
    pm_id owner;
    pm_id unit;
    char *title;
    char *description;
    pm_goal_kind kind;
    pm_goal_state state;
    pm_date start;
    pm_date due;
    double weight;
    pm_visibility visibility;
    pm_id parent;
    pm_id source_checkin;
    pm_id source_feedback;
    pm_time created_at;
    pm_id created_by;
    pm_time updated_at;
    pm_id updated_by;
};

/* A key result snapshot (the public pm_key_result); unit is "" when none. */
struct pm_key_result {
    pm_id id;
    pm_id goal;
    char *title;
    pm_key_result_kind kind;
    double baseline;
    double target;
    double current;
    char *unit;
    double weight;
    int has_commit;
    double commit;
    int has_stretch;
    double stretch;
    pm_time created_at;
    pm_id created_by;
    pm_time updated_at;
    pm_id updated_by;
};

/* --- row values (goal.c) --- */

/* PM_EINVAL "field: 0 is not a goal id" unless id > 0. */
pm_status pm_goal__check_id(pm_session *s, pm_id id, const char *field);

/* Ids of the rows a scan meets, in scan order. Initialise s and what (the
 * prefix of the out-of-memory message, e.g. "progress"), the rest to zero;
 * pm__free(ids) when done. */
typedef struct pm_goal_id_list {
    pm_session *s;
    const char *what;
    pm_id *ids;
    size_t count;
    size_t cap;
} pm_goal_id_list;

/* A pm_storage_row_cb appending the row's id to the pm_goal_id_list at payload. */
int pm_goal__collect_id(const pm_row *row, void *payload);

/* --- goals (goal.c) --- */

/* A snapshot of a checked goal row; NULL when out of memory. */
pm_goal *pm_goal__from_row(const pm_row *row);
/* Reads a goal; PM_ENOTFOUND "field: goal 12 does not exist". */
pm_status pm_goal__load(pm_goal **out, pm_session *s, pm_id id, const char *field);

/* Decides reads and edits of goals for one session, remembering the facts
 * about the last owner it was asked about (lists meet the same owner many
 * times, and each fact costs storage reads). */
typedef struct pm_goal_access {
    pm_session *s;
    pm_id owner;          /* whose facts are below; 0 for none yet */
    int above_known;
    int above;            /* the actor is in the owner's manager chain today */
    int owner_unit_known;
    pm_id owner_unit;     /* the owner's unit today */
    int actor_unit_known;
    pm_id actor_unit;     /* the actor's unit today */
} pm_goal_access;

void pm_goal__access_init(pm_goal_access *a, pm_session *s);
/* The action that reading a goal of this visibility is. */
pm_action pm_goal__read_action(pm_visibility visibility);
/* *allowed = 1 when the actor may do action on a goal of owner, unit and
 * visibility; no message is set for a refusal. */
pm_status pm_goal__may(int *allowed, pm_goal_access *a, const pm_goal *goal, pm_action action);
/* As pm_goal__may, but a refusal is PM_EPERM "permission denied: person 5
 * may not change this goal". */
pm_status pm_goal__authorize(pm_session *s, const pm_goal *goal, pm_action action);

/* --- key results (goal_key_result.c) --- */

/* Reads a key result; PM_ENOTFOUND "field: key result 12 does not exist". */
pm_status pm_key_result__load(pm_key_result **out, pm_session *s, pm_id id, const char *field);
void pm_key_result__free(pm_key_result *kr);
/* Reads every key result of a goal in the order added into a new array
 * (*out, pm__free each with pm_key_result__free and then the array). */
pm_status pm_key_result__load_all(pm_key_result ***out, size_t *count, pm_session *s,
                                  pm_id goal);

/* The fields a new current value writes: the value, updated_at, updated_by. */
#define PM_KEY_RESULT_CURRENT_FIELDS                                                   \
    (PM_UPDATE_FIELD(PM_KEY_RESULT_CURRENT) | PM_UPDATE_FIELD(PM_KEY_RESULT_UPDATED_AT) \
     | PM_UPDATE_FIELD(PM_KEY_RESULT_UPDATED_BY))

/* Writes a key result's new current value (PM_KEY_RESULT_CURRENT_FIELDS). */
pm_status pm_key_result__set_current(pm_session *s, const pm_key_result *kr, double value);

/* --- evaluation (goal_progress.c) --- */

/* pm_goal__evaluate for a loaded goal, with date resolved (not
 * PM_DATE_NONE) and opts checked and not NULL. */
pm_status pm_goal__evaluate_goal(pm_goal_status *out, pm_session *s, const pm_goal *g,
                                 pm_date date, const pm_health_opts *opts);

/* --- goal iterators (goal_list.c) --- */

/* An iterator over the given goals in the given order; takes ownership of
 * ids and depths (depths may be NULL: depth 0) even on failure. */
pm_status pm_goal_iter__new(pm_goal_iter **out, pm_session *s, pm_id *ids, int *depths,
                            size_t count);

#endif
