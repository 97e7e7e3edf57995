/* Internal declarations shared by the files of the Lua 5.4 module. Nothing
 * here is exported: the module's one public symbol is luaopen_perfmgmt. */
#ifndef PERFMGMT_LUA_H
#define PERFMGMT_LUA_H

#include <lua.h>
#include <lauxlib.h>

#include <perfmgmt.h>

/* Metatable names (registry keys and __name). */
#define PM_LUA_DB "perfmgmt.Db"
#define PM_LUA_SESSION "perfmgmt.Session"
#define PM_LUA_PERSON_ITER "perfmgmt.PersonIter"
#define PM_LUA_UNIT_ITER "perfmgmt.UnitIter"
#define PM_LUA_GOAL_ITER "perfmgmt.GoalIter"
#define PM_LUA_KEY_RESULT_ITER "perfmgmt.KeyResultIter"
#define PM_LUA_PROGRESS_ITER "perfmgmt.ProgressIter"
#define PM_LUA_SERIES_ITER "perfmgmt.CheckinSeriesIter"
#define PM_LUA_CHECKIN_ITER "perfmgmt.CheckinIter"
#define PM_LUA_ENTRY_ITER "perfmgmt.CheckinEntryIter"
#define PM_LUA_FEEDBACK_ITER "perfmgmt.FeedbackIter"
#define PM_LUA_REQUEST_ITER "perfmgmt.FeedbackRequestIter"
#define PM_LUA_REVIEW360_ITER "perfmgmt.Review360Iter"
#define PM_LUA_R360_QUESTION_ITER "perfmgmt.Review360QuestionIter"
#define PM_LUA_R360_RESULT_ITER "perfmgmt.Review360ResultIter"
#define PM_LUA_R360_COMMENT_ITER "perfmgmt.Review360CommentIter"
#define PM_LUA_COMPETENCY_ITER "perfmgmt.CompetencyIter"
#define PM_LUA_ROLE_ITER "perfmgmt.RoleIter"
#define PM_LUA_ASSESSMENT_ITER "perfmgmt.AssessmentIter"
#define PM_LUA_GAP_ITER "perfmgmt.GapIter"
#define PM_LUA_GAP_SUMMARY_ITER "perfmgmt.GapSummaryIter"
#define PM_LUA_PLAN_ITER "perfmgmt.PlanIter"
#define PM_LUA_PLAN_ITEM_ITER "perfmgmt.PlanItemIter"
#define PM_LUA_PROGRAMME_ITER "perfmgmt.ProgrammeIter"
#define PM_LUA_ENROLMENT_ITER "perfmgmt.EnrolmentIter"
#define PM_LUA_CANDIDATE_ITER "perfmgmt.CandidateIter"
#define PM_LUA_METRIC_ITER "perfmgmt.MetricIter"
#define PM_LUA_MEASUREMENT_ITER "perfmgmt.MeasurementIter"
#define PM_LUA_RESPONSE_RATE_ITER "perfmgmt.ResponseRateIter"
#define PM_LUA_FLAG_ITER "perfmgmt.FlagIter"
/* A C allocation owned by Lua until it is released (pm_lua__new_box). */
#define PM_LUA_BOX "perfmgmt.Box"
#define PM_LUA_ERROR "perfmgmt.Error"
/* The metatable of the weak-keyed tables that track handles. */
#define PM_LUA_WEAK "perfmgmt.weak"

/* User values of a Db userdata. */
#define PM_LUA_DB_SESSIONS 1 /* weak-keyed table: the sessions opened on it */
#define PM_LUA_DB_CLOCK 2    /* the Lua clock function, or nil */
#define PM_LUA_DB_NUV 2

/* User values of a Session userdata. */
#define PM_LUA_SESSION_DB 1    /* the Db, kept alive while the session lives */
#define PM_LUA_SESSION_ITERS 2 /* weak-keyed table of its iterators, made on demand */
#define PM_LUA_SESSION_NUV 2

/* User value of an iterator: its Session. */
#define PM_LUA_ITER_SESSION 1

/* A session free that had to wait because a C call on the same store was
 * running (a finalizer ran inside the clock function). */
typedef struct pm_lua_deferred {
    pm_session *session;
    struct pm_lua_deferred *next;
} pm_lua_deferred;

typedef struct pm_lua_db {
    pm_db *db;            /* NULL once closed */
    lua_State *L;         /* the thread inside the current C call, for the clock */
    int busy;             /* a C call on this store is running */
    int clock_error;      /* stack index of the clock's error in this call, or 0 */
    pm_lua_deferred *deferred;
} pm_lua_db;

typedef struct pm_lua_session {
    pm_session *session;  /* NULL once closed */
    pm_lua_db *db;        /* the Db's userdata memory, alive through the user value */
} pm_lua_session;

/* What a C iterator iterates over: picks its metatable, free, next and push
 * (the table in lua_iter.c). The first two keep their values of the time
 * when there were only these two. */
typedef enum pm_lua_iter_kind {
    PM_LUA_ITER_PERSON = 0,
    PM_LUA_ITER_UNIT = 1,
    PM_LUA_ITER_GOAL,
    PM_LUA_ITER_KEY_RESULT,
    PM_LUA_ITER_PROGRESS,
    PM_LUA_ITER_SERIES,
    PM_LUA_ITER_CHECKIN,
    PM_LUA_ITER_ENTRY,
    PM_LUA_ITER_FEEDBACK,
    PM_LUA_ITER_REQUEST,
    PM_LUA_ITER_REVIEW360,
    PM_LUA_ITER_R360_QUESTION,
    PM_LUA_ITER_R360_RESULT,
    PM_LUA_ITER_R360_COMMENT,
    PM_LUA_ITER_COMPETENCY,
    PM_LUA_ITER_ROLE,
    PM_LUA_ITER_ASSESSMENT,
    PM_LUA_ITER_GAP,
    /* Both kinds are perfmgmt.GapSummaryIter; the second was asked for a
     * compare day, so its records carry the *_before figures (C gives 0s
     * without one, which the records leave out rather than show as
     * counts). */
    PM_LUA_ITER_GAP_SUMMARY,
    PM_LUA_ITER_GAP_SUMMARY_COMPARED,
    PM_LUA_ITER_PLAN,
    PM_LUA_ITER_PLAN_ITEM,
    PM_LUA_ITER_PROGRAMME,
    PM_LUA_ITER_ENROLMENT,
    PM_LUA_ITER_CANDIDATE,
    PM_LUA_ITER_METRIC,
    PM_LUA_ITER_MEASUREMENT,
    PM_LUA_ITER_RESPONSE_RATE,
    PM_LUA_ITER_FLAG,
    PM_LUA_ITER_KINDS
} pm_lua_iter_kind;

typedef struct pm_lua_iter {
    void *iter;           /* the C iterator of kind; NULL once freed */
    pm_lua_session *session;
    pm_lua_iter_kind kind;
    int closed;           /* closed by the caller or with its session: using it is an error */
} pm_lua_iter;

/* ---- the error rule (perfmgmt_lua.c) ---- */

/* Raises a perfmgmt.Error {code, status, message}. Never returns. */
int pm_lua__raise(lua_State *L, int code, const char *message);
/* Raises for a failed session call, with the session's message. */
int pm_lua__raise_session(lua_State *L, pm_lua_session *s, pm_status st);

/* ---- stores and sessions (lua_db.c) ---- */

void pm_lua__db_register(lua_State *L);
int pm_lua__open(lua_State *L);

/* The open session at idx, or an argument error / perfmgmt.Error. */
pm_lua_session *pm_lua__check_session(lua_State *L, int idx);

/* Brackets every C call that may reach the store. enter refuses a store
 * that is already inside a call (the clock function calling back), and
 * points the clock at the running thread; leave runs the deferred frees. */
void pm_lua__enter(lua_State *L, pm_lua_db *db);
void pm_lua__leave(pm_lua_db *db);
/* After leave: raises the clock's error if it failed during the call, then a
 * perfmgmt.Error when st is not PM_OK. */
void pm_lua__check(lua_State *L, pm_lua_session *s, pm_status st);

/* Closes a session (its iterators first). During a C call on its store the
 * free is deferred when defer is set, refused otherwise. */
void pm_lua__session_close(lua_State *L, int idx, pm_lua_session *s, int defer);

/* ---- iterators (lua_iter.c) ---- */

void pm_lua__iter_register(lua_State *L);
/* Pushes a new iterator of the session at session_idx, not yet holding a C
 * iterator: made before the C call, so that no Lua memory error can lose
 * what C allocates. */
pm_lua_iter *pm_lua__new_iter(lua_State *L, int session_idx, pm_lua_iter_kind kind);
/* With the filled iterator on the top, returns what a generic for takes:
 * the iterator, nil, nil, and the iterator again as the closing value. */
int pm_lua__iter_return(lua_State *L);
/* Closes the iterators in the table on the top of the stack. */
void pm_lua__close_iters(lua_State *L);

/* ---- records and arguments (lua_args.c) ---- */

/* The key strings of records, made once: the first upvalue of every
 * function that pushes a record (session methods, iterator calls). */
enum {
    PM_LUA_KEY_ID = 1,
    PM_LUA_KEY_EXTERNAL_ID,
    PM_LUA_KEY_NAME,
    PM_LUA_KEY_EMAIL,
    PM_LUA_KEY_STATUS,
    PM_LUA_KEY_LEFT_ON,
    PM_LUA_KEY_HR_ADMIN,
    PM_LUA_KEY_CREATED_AT,
    PM_LUA_KEY_CREATED_BY,
    PM_LUA_KEY_UPDATED_AT,
    PM_LUA_KEY_UPDATED_BY,
    PM_LUA_KEY_PARENT,
    PM_LUA_KEY_ACTIVE, /* values of status */
    PM_LUA_KEY_LEFT,
    PM_LUA_KEY_ERASED,
    /* goals, key results, progress, evaluations */
    PM_LUA_KEY_OWNER,
    PM_LUA_KEY_UNIT,
    PM_LUA_KEY_TITLE,
    PM_LUA_KEY_DESCRIPTION,
    PM_LUA_KEY_KIND,
    PM_LUA_KEY_STATE,
    PM_LUA_KEY_START,
    PM_LUA_KEY_DUE,
    PM_LUA_KEY_WEIGHT,
    PM_LUA_KEY_VISIBILITY,
    PM_LUA_KEY_SOURCE_CHECKIN,
    PM_LUA_KEY_GOAL,
    PM_LUA_KEY_BASELINE,
    PM_LUA_KEY_TARGET,
    PM_LUA_KEY_CURRENT,
    PM_LUA_KEY_COMMIT,
    PM_LUA_KEY_STRETCH,
    PM_LUA_KEY_PROGRESS,
    PM_LUA_KEY_ZONE,
    PM_LUA_KEY_KEY_RESULT,
    PM_LUA_KEY_VALUE,
    PM_LUA_KEY_CONFIDENCE,
    PM_LUA_KEY_COMMENT,
    PM_LUA_KEY_AT,
    PM_LUA_KEY_BY,
    PM_LUA_KEY_EXPECTED,
    PM_LUA_KEY_HEALTH,
    PM_LUA_KEY_STALE,
    PM_LUA_KEY_OVERDUE,
    PM_LUA_KEY_LAST_UPDATE,
    /* check-in series, check-ins, entries, rates */
    PM_LUA_KEY_MANAGER,
    PM_LUA_KEY_REPORT,
    PM_LUA_KEY_CADENCE,
    PM_LUA_KEY_INTERVAL,
    PM_LUA_KEY_DAY,
    PM_LUA_KEY_NEXT_DUE,
    PM_LUA_KEY_LAST_HELD,
    PM_LUA_KEY_SERIES,
    PM_LUA_KEY_DATE,
    PM_LUA_KEY_MOOD,
    PM_LUA_KEY_CHECKIN,
    PM_LUA_KEY_ORIGIN,
    PM_LUA_KEY_AUTHOR,
    PM_LUA_KEY_TEXT,
    PM_LUA_KEY_PRIVATE,
    PM_LUA_KEY_DONE,
    PM_LUA_KEY_DONE_AT,
    PM_LUA_KEY_GOAL_PROGRESS,
    PM_LUA_KEY_GOAL_HEALTH,
    PM_LUA_KEY_HELD,
    PM_LUA_KEY_RATE,
    /* goals, version 2 */
    PM_LUA_KEY_SOURCE_FEEDBACK,
    /* feedback */
    PM_LUA_KEY_GIVER,
    PM_LUA_KEY_IS_MINE,
    PM_LUA_KEY_RECEIVER,
    PM_LUA_KEY_DIRECTION,
    PM_LUA_KEY_ANONYMOUS,
    PM_LUA_KEY_SITUATION,
    PM_LUA_KEY_BEHAVIOUR,
    PM_LUA_KEY_IMPACT,
    PM_LUA_KEY_COMPETENCY,
    PM_LUA_KEY_REQUEST,
    PM_LUA_KEY_GIVEN_AT,
    PM_LUA_KEY_ACKNOWLEDGED_AT,
    PM_LUA_KEY_REACTION,
    /* requests and their parts */
    PM_LUA_KEY_REQUESTER,
    PM_LUA_KEY_SUBJECT,
    PM_LUA_KEY_TOPIC,
    PM_LUA_KEY_EXPIRES,
    PM_LUA_KEY_REPEAT_DAYS,
    PM_LUA_KEY_PREVIOUS,
    PM_LUA_KEY_PARTS,
    PM_LUA_KEY_ADDRESSEE,
    PM_LUA_KEY_ANSWERED_AT,
    PM_LUA_KEY_RESPONSE,
    /* 360 rounds, questions, results, comments */
    PM_LUA_KEY_OPENS,
    PM_LUA_KEY_CLOSES,
    PM_LUA_KEY_THRESHOLD,
    PM_LUA_KEY_RATERS,
    PM_LUA_KEY_SUBMITTED,
    PM_LUA_KEY_SCALE_MIN,
    PM_LUA_KEY_SCALE_MAX,
    PM_LUA_KEY_QUESTION,
    PM_LUA_KEY_GROUP,
    PM_LUA_KEY_SHOWN,
    PM_LUA_KEY_NRATINGS, /* "count" (PM_LUA_KEY_COUNT counts the keys) */
    PM_LUA_KEY_MEAN,
    PM_LUA_KEY_SD,
    PM_LUA_KEY_IDENTIFIED,
    /* scales, competencies, roles, assessments, gaps */
    PM_LUA_KEY_CATEGORY,
    PM_LUA_KEY_SCALE,
    PM_LUA_KEY_MIN_LEVEL,
    PM_LUA_KEY_MAX_LEVEL,
    PM_LUA_KEY_LEVELS,
    PM_LUA_KEY_LEVEL,
    PM_LUA_KEY_REQUIREMENTS,
    PM_LUA_KEY_PERSON,
    PM_LUA_KEY_SOURCE,
    PM_LUA_KEY_ASSESSOR,
    PM_LUA_KEY_ON,
    PM_LUA_KEY_ROUND,
    PM_LUA_KEY_RELEASED,
    PM_LUA_KEY_NOTE,
    PM_LUA_KEY_REQUIRED,
    PM_LUA_KEY_ASSESSED,
    PM_LUA_KEY_GAP,
    PM_LUA_KEY_PEOPLE,
    PM_LUA_KEY_BELOW,
    PM_LUA_KEY_MEAN_GAP,
    PM_LUA_KEY_PEOPLE_BEFORE,
    PM_LUA_KEY_ASSESSED_BEFORE,
    PM_LUA_KEY_BELOW_BEFORE,
    PM_LUA_KEY_MEAN_GAP_BEFORE,
    /* plans, items, programmes, enrolments */
    PM_LUA_KEY_END,
    PM_LUA_KEY_STRENGTHS,
    PM_LUA_KEY_AMBITIONS,
    PM_LUA_KEY_TARGET_ROLE,
    PM_LUA_KEY_AREAS,
    PM_LUA_KEY_PLAN,
    PM_LUA_KEY_NOTES,
    PM_LUA_KEY_DONE_ON,
    PM_LUA_KEY_MENTOR,
    PM_LUA_KEY_COMPETENCIES,
    PM_LUA_KEY_METRIC,
    PM_LUA_KEY_METRIC_TARGET,
    PM_LUA_KEY_PROGRAMME,
    PM_LUA_KEY_CAPACITY,
    PM_LUA_KEY_SEATS_TAKEN,
    PM_LUA_KEY_SESSIONS,
    PM_LUA_KEY_RESULT,
    PM_LUA_KEY_INVITED_ON,
    PM_LUA_KEY_ENROLLED_ON,
    PM_LUA_KEY_ENDED_ON,
    PM_LUA_KEY_ITEM,
    /* metrics, measurements, surveys, response rates, flags */
    PM_LUA_KEY_MIN,
    PM_LUA_KEY_MAX,
    PM_LUA_KEY_RELIABILITY,
    PM_LUA_KEY_BUILTIN,
    PM_LUA_KEY_INVITED,
    PM_LUA_KEY_RESPONDED,
    PM_LUA_KEY_ANSWERED_BY_ME,
    PM_LUA_KEY_SUPPRESSED,
    PM_LUA_KEY_INSTRUMENT,
    PM_LUA_KEY_BEFORE,
    PM_LUA_KEY_AFTER,
    PM_LUA_KEY_BASIS,
    PM_LUA_KEY_COUNT
};
#define PM_LUA_KEYS lua_upvalueindex(1)
/* Pushes the table of key strings, to give as that upvalue. */
void pm_lua__push_keys(lua_State *L);

/* A person or unit as a table (needs the PM_LUA_KEYS upvalue). */
void pm_lua__push_person(lua_State *L, const pm_person *p);
void pm_lua__push_unit(lua_State *L, const pm_unit *u);
/* Pushes an id, or nil for 0. */
void pm_lua__push_id(lua_State *L, pm_id id);

/* Fields of the record on the top of the stack (need the PM_LUA_KEYS
 * upvalue). Absent values leave the field out: ids 0 (set_id), dates
 * PM_DATE_NONE, empty text (set_opt_text), names NULL. */
void pm_lua__set_integer(lua_State *L, int key, lua_Integer value);
void pm_lua__set_number(lua_State *L, int key, double value);
void pm_lua__set_boolean(lua_State *L, int key, int value);
void pm_lua__set_text(lua_State *L, int key, const char *value);
void pm_lua__set_opt_text(lua_State *L, int key, const char *value);
void pm_lua__set_id(lua_State *L, int key, pm_id value);
void pm_lua__set_date(lua_State *L, int key, pm_date value);
void pm_lua__set_name(lua_State *L, int key, const char *name);

/* Enums are strings in Lua. A name list holds the names of the values
 * first, first + 1, ... and ends with NULL. enum_name gives NULL for a
 * value outside the list. */
typedef struct pm_lua_enum {
    const char *const *names;
    int first;
} pm_lua_enum;
const char *pm_lua__enum_name(const pm_lua_enum *e, int value);
/* A goal's health: "none", "on_track", "at_risk", "off_track" (lua_goal.c;
 * check-in entries show it too). */
extern const pm_lua_enum pm_lua__health;
/* An enum argument (a string, one of the names) or an argument error. */
int pm_lua__check_enum(lua_State *L, int arg, const pm_lua_enum *e);

/* A date argument: nil or none gives PM_DATE_NONE; field names it in the
 * error for text that is not a date. */
pm_date pm_lua__opt_date(lua_State *L, int arg, const char *field);
/* A date argument that must be given. */
pm_date pm_lua__check_date(lua_State *L, int arg, const char *field);
/* An id argument that may be nil (0). */
pm_id pm_lua__opt_id(lua_State *L, int arg);
/* Text an API takes NUL-terminated: one with a NUL byte inside is refused
 * here, as the C library refuses it in text given with a length. */
const char *pm_lua__check_cstring(lua_State *L, int arg, const char *field);

/* An options table at arg (nil or none allowed): refuses keys not in
 * allowed (a NULL-terminated list). Returns 0 when there is no table. */
int pm_lua__check_options(lua_State *L, int arg, const char *const allowed[]);
/* Fields of the options table at arg (which exists). Absent fields (nil)
 * leave *out unchanged and return 0. A string field's value stays on the
 * stack (one slot per call), so that the text outlives the call. */
int pm_lua__field_string(lua_State *L, int arg, const char *key, const char **out, size_t *len);
int pm_lua__field_bool(lua_State *L, int arg, const char *key, int *out);
int pm_lua__field_id(lua_State *L, int arg, const char *key, pm_id *out);
int pm_lua__field_date(lua_State *L, int arg, const char *key, pm_date *out);
/* A number field (finite or not: C judges the value). */
int pm_lua__field_number(lua_State *L, int arg, const char *key, double *out);
/* An integer field that C takes as an int: one beyond int raises RANGE. */
int pm_lua__field_int(lua_State *L, int arg, const char *key, int *out);
/* An enum field: one of the names of e, else an argument error. */
int pm_lua__field_enum(lua_State *L, int arg, const char *key, const pm_lua_enum *e, int *out);
/* An optional integer argument C takes as an int (nil gives def). */
int pm_lua__opt_int(lua_State *L, int arg, int def, const char *field);
/* An integer C takes as an int: one beyond int raises RANGE, naming field. */
int pm_lua__to_int(lua_State *L, lua_Integer value, const char *field);
/* A list-of-ids field of the table at arg (a table of integers), copied
 * into a userdata left on the stack (Lua memory: nothing to free on an
 * error). Absent: leaves *ids and *n unchanged and returns 0. */
int pm_lua__field_ids(lua_State *L, int arg, const char *key, const pm_id **ids, size_t *n);

/* A level rule (competency.h) from the table at idx, for argument arg:
 * {kind=, self_weight=, manager_weight=, review360_weight=}, starting
 * from C's defaults. what names the table in errors ("rule" or
 * "field 'rule'"). nil or none gives NULL: C's default rule. */
const pm_level_rule *pm_lua__check_rule(lua_State *L, int arg, int idx, const char *what,
                                        pm_level_rule *rule);

/* ---- C allocations held by Lua (lua_args.c) ---- */

/* Pushes a box that frees what *slot points to with free_fn when it is
 * collected, and returns the slot: made before the C call that fills it,
 * so that a Lua memory error while its result becomes Lua values loses
 * nothing. */
void **pm_lua__new_box(lua_State *L, void (*free_fn)(void *));
/* Frees the box's allocation now (the box at idx stays, empty). */
void pm_lua__box_release(lua_State *L, int idx);
void pm_lua__box_register(lua_State *L);

/* ---- the domain methods (lua_person.c, lua_org.c, lua_goal.c, lua_checkin.c,
 * lua_feedback.c, lua_request.c, lua_review360.c, lua_competency.c,
 * lua_gap.c, lua_development.c, lua_programme.c, lua_wellbeing.c, lua_survey.c,
 * lua_evaluation.c) ---- */

extern const luaL_Reg pm_lua__person_methods[];
extern const luaL_Reg pm_lua__org_methods[];
extern const luaL_Reg pm_lua__goal_methods[];
extern const luaL_Reg pm_lua__checkin_methods[];
extern const luaL_Reg pm_lua__feedback_methods[];
extern const luaL_Reg pm_lua__request_methods[];
extern const luaL_Reg pm_lua__review360_methods[];
extern const luaL_Reg pm_lua__competency_methods[];
extern const luaL_Reg pm_lua__gap_methods[];
extern const luaL_Reg pm_lua__plan_methods[];
extern const luaL_Reg pm_lua__programme_methods[];
extern const luaL_Reg pm_lua__wellbeing_methods[];
extern const luaL_Reg pm_lua__survey_methods[];
extern const luaL_Reg pm_lua__evaluation_methods[];
extern const luaL_Reg pm_lua__retention_methods[];
extern const luaL_Reg pm_lua__export_methods[];
extern const luaL_Reg pm_lua__erasure_methods[];
/* Adds the methods of audit.h to perfmgmt.Session (lua_audit.c). */
void pm_lua__audit_register(lua_State *L);
/* Module functions: the pure instrument scoring of wellbeing.h
 * (perfmgmt.who5_score, enps_score, cbi_score). */
extern const luaL_Reg pm_lua__scoring_functions[];

/* The fields of a feedback entry from the table at arg, for give_feedback
 * and respond_to_request (lua_feedback.c). String values stay on the stack. */
void pm_lua__feedback_fields(lua_State *L, int arg, pm_feedback_opts *opts);
/* The keys pm_lua__feedback_fields reads. */
extern const char *const pm_lua__feedback_keys[];

/* Pushing the records of the iterators of goal.h and checkin.h, for
 * lua_iter.c: each pushes the record C returned (iter is the C iterator,
 * for what the record does not hold, like a tree depth) and returns how
 * many values the loop gets. */
int pm_lua__push_goal_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_key_result_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_progress_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_series_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_checkin_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_entry_item(lua_State *L, const void *record, const void *iter);
/* ... and of feedback.h and review360.h. */
int pm_lua__push_feedback_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_request_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_review360_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_r360_question_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_r360_result_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_r360_comment_item(lua_State *L, const void *record, const void *iter);
/* ... of competency.h (lua_competency.c, lua_gap.c) ... */
int pm_lua__push_competency_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_role_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_assessment_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_gap_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_gap_summary_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_gap_summary_compared_item(lua_State *L, const void *record, const void *iter);
/* ... and of development.h (lua_development.c, lua_programme.c). */
int pm_lua__push_plan_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_plan_item_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_programme_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_enrolment_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_candidate_item(lua_State *L, const void *record, const void *iter);
/* ... of wellbeing.h and evaluation.h (lua_wellbeing.c, lua_survey.c,
 * lua_evaluation.c). */
int pm_lua__push_metric_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_measurement_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_response_rate_item(lua_State *L, const void *record, const void *iter);
int pm_lua__push_flag_item(lua_State *L, const void *record, const void *iter);

#endif
