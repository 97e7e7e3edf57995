/* Who may do what: the access rules of the design (section 6), decided here
 * from facts the api layer gathers (who acts, how they relate to the record).
 * Pure: no storage, no clock. */
#ifndef PM_CORE_ACCESS_H
#define PM_CORE_ACCESS_H

#include "perfmgmt/common.h"

/* The acting party of a session. */
typedef struct pm_actor {
    pm_id person;     /* 0 for the system actor */
    int is_system;    /* the explicit integration actor */
    int is_hr_admin;  /* read when the session opens */
} pm_actor;

/* How the actor stands to the person a record is about. */
typedef enum pm_relation {
    PM_REL_NONE = 0,   /* another person */
    PM_REL_SELF,       /* the record is about the actor */
    PM_REL_MANAGER,    /* the actor is in the person's manager chain today */
    PM_REL_UNIT_MEMBER, /* the actor belongs to the record's unit today */
    PM_REL_PARTICIPANT, /* the actor takes part: one of a check-in pair, an
                          addressee of a request, a rater of a 360 round */
    PM_REL_AUTHOR,     /* the actor gave or made the record (the giver of
                          feedback, the requester of a request) */
    PM_REL_COUNT
} pm_relation;

/* What is being done. */
typedef enum pm_action {
    PM_ACT_READ_DIRECTORY = 0,   /* read a person's directory entry, units, reporting lines */
    PM_ACT_EDIT_OWN_PROFILE,     /* change display name / email */
    PM_ACT_ADMIN_PERSON,         /* create people, change external id, status, HR-admin flag */
    PM_ACT_ADMIN_ORG,            /* create/move/rename units, set unit and manager */
    PM_ACT_IMPORT,               /* bulk import */
    PM_ACT_GOAL_READ_PRIVATE,    /* read a goal of visibility private */
    PM_ACT_GOAL_READ_UNIT,       /* read a goal of visibility unit */
    PM_ACT_GOAL_READ_PUBLIC,     /* read a goal of visibility public */
    PM_ACT_GOAL_EDIT,            /* create and change goals, key results, progress */
    PM_ACT_CHECKIN_READ,         /* read a series, its check-ins and shared entries */
    PM_ACT_CHECKIN_WRITE,        /* schedule, hold, add entries (the pair only) */
    PM_ACT_CHECKIN_MANAGE,       /* create, pause, resume, move and end series */
    PM_ACT_CHECKIN_STATS,        /* days since, completion rates, series lists of a person */
    PM_ACT_CHECKIN_START,        /* start a series or take one over: the manager side only */
    PM_ACT_FEEDBACK_GIVE,        /* give feedback: a person, never the system actor */
    PM_ACT_FEEDBACK_READ_RECEIVER, /* read feedback shared with its receiver only */
    PM_ACT_FEEDBACK_READ_MANAGERS, /* read feedback shared with the receiver's manager chain */
    PM_ACT_FEEDBACK_READ_ORG,    /* read feedback shared with the organisation */
    PM_ACT_FEEDBACK_RECEIVE,     /* acknowledge and react: the receiver only */
    PM_ACT_FEEDBACK_RETRACT,     /* retract: the giver only */
    PM_ACT_REQUEST_CREATE,       /* ask for feedback about oneself or a report */
    PM_ACT_REQUEST_READ,         /* read a request */
    PM_ACT_REQUEST_ANSWER,       /* answer or decline: an addressee only */
    PM_ACT_REQUEST_RENEW,        /* create repeats of repeating requests */
    PM_ACT_FEEDBACK_STATS,       /* culture numbers of a person */
    PM_ACT_REVIEW360_MANAGE,     /* create a 360 round, add questions and raters, open, close */
    PM_ACT_REVIEW360_READ,       /* read a round and its questions */
    PM_ACT_REVIEW360_RESULTS,    /* read a closed round's results and comments */
    PM_ACT_REVIEW360_SUBMIT,     /* answer a round: a rater only */
    PM_ACT_FRAMEWORK_ADMIN,      /* scales, competencies, roles, requirements, role assignments */
    PM_ACT_FRAMEWORK_READ,       /* read the framework and who holds which role */
    PM_ACT_ASSESS_READ,          /* read a person's assessments, levels, gaps, role match */
    PM_ACT_ASSESS_SELF,          /* assess oneself */
    PM_ACT_ASSESS_MANAGER,       /* assess as someone above the person */
    PM_ACT_ASSESS_360,           /* record a 360 result as an assessment */
    PM_ACT_ASSESS_ROUND,         /* open an assessment round for a person */
    PM_ACT_PLAN_READ,            /* read a development plan and its items */
    PM_ACT_PLAN_EDIT,            /* create and change plans, areas and items */
    PM_ACT_MENTORED_LIST,        /* list the items a person mentors */
    PM_ACT_PROGRAMME_ADMIN,      /* create programmes, sessions, invite, complete, list participants */
    PM_ACT_PROGRAMME_READ,       /* read programmes */
    PM_ACT_PROGRAMME_ENROL,      /* enrol a person (themself when invited: checked in the api) */
    PM_ACT_PROGRAMME_DROP,       /* drop a person out */
    PM_ACT_METRIC_ADMIN,         /* define metrics */
    PM_ACT_METRIC_READ,          /* read metric definitions */
    PM_ACT_MEASURE_MANUAL,       /* record one's own measurement */
    PM_ACT_MEASURE_IMPORT,       /* import measurements */
    PM_ACT_MEASURE_READ_OWN,     /* read one's own measurements and survey answers */
    PM_ACT_SURVEY_ADMIN,         /* create, open, close, renew surveys; response rates */
    PM_ACT_SURVEY_RESPOND,       /* answer a survey: someone in its audience */
    PM_ACT_GROUP_NUMBERS,        /* aggregates, trends, flags about people (each SELF or below) */
    PM_ACT_EVALUATION_ADMIN,     /* create evaluations, give values, read results */
    PM_ACT_AUDIT_READ,           /* read the audit trail */
    PM_ACT_LEGAL_HOLD,           /* place and lift legal holds, read them */
    PM_ACT_RETENTION_ADMIN,      /* set retention periods and purge */
    PM_ACT_PERSON_EXPORT,        /* export everything held about a person */
    PM_ACT_PERSON_ERASE,         /* erase a person's personal data */
    PM_ACT_COUNT
} pm_action;

/* PM_OK when allowed, else PM_EPERM. The caller writes the message with
 * pm_access__describe(). */
pm_status pm_access__check(const pm_actor *actor, pm_action action, pm_relation relation);

/* Private entries (private notes and talking points) are their author's
 * alone: not the other party's, not HR's, not the system actor's. 1 when
 * actor may see an entry with this privacy and author. */
int pm_access__private_visible(const pm_actor *actor, int is_private, pm_id author);

/* A short phrase for messages: "change another person's profile". */
const char *pm_access__describe(pm_action action);

#endif
