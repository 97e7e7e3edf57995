#include "access.h"

/* The rules are a table, not code: a later domain adds its actions as rows
 * and reviewers read who may do what in one place. Each cell holds the
 * relations (one bit per pm_relation) under which that kind of actor may do
 * the action; 0 denies. An action without a row is denied to everyone but
 * is still described, so a forgotten row fails closed. */

#define REL(r) (1u << (unsigned int)(r))
#define ANY_RELATION ((1u << PM_REL_COUNT) - 1u)
#define OWNER_OR_ABOVE (REL(PM_REL_SELF) | REL(PM_REL_MANAGER))

enum actor_kind {
    ACTOR_SYSTEM = 0, /* the explicit integration actor */
    ACTOR_HR_ADMIN,   /* a person with the HR-admin flag */
    ACTOR_PERSON,     /* any other active person */
    ACTOR_KINDS
};

struct access_rule {
    const char *phrase;                 /* completes "... may not " */
    unsigned int allowed[ACTOR_KINDS];  /* relation bits, by actor kind */
};

/* Being someone's manager grants no extra right among these actions: the
 * manager chain matters only for records that later domains share with it
 * (goals, check-ins, feedback). */
static const struct access_rule rules[PM_ACT_COUNT] = {
    [PM_ACT_READ_DIRECTORY] = {
        "read the directory",
        { ANY_RELATION, ANY_RELATION, ANY_RELATION } },
    [PM_ACT_EDIT_OWN_PROFILE] = {
        "change another person's profile",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_SELF) } },
    [PM_ACT_ADMIN_PERSON] = {
        "administer people (create them, change external ids, status or the HR-admin role)",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_ADMIN_ORG] = {
        "change the organisation (units, memberships, reporting lines)",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_IMPORT] = {
        "import people",
        { ANY_RELATION, ANY_RELATION, 0 } },
    /* Goals: the owner and their manager chain; visibility widens reading. */
    [PM_ACT_GOAL_READ_PRIVATE] = {
        "read this private goal",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_GOAL_READ_UNIT] = {
        "read this goal shared with its unit",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE | REL(PM_REL_UNIT_MEMBER) } },
    [PM_ACT_GOAL_READ_PUBLIC] = {
        "read this goal",
        { ANY_RELATION, ANY_RELATION, ANY_RELATION } },
    [PM_ACT_GOAL_EDIT] = {
        "change this goal",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    /* Check-ins belong to the pair. HR and the system read and administer
     * series but never write into a meeting; private entries are checked
     * against their author in the api, outside this table, for everyone. */
    [PM_ACT_CHECKIN_READ] = {
        "read this check-in",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_PARTICIPANT) } },
    [PM_ACT_CHECKIN_WRITE] = {
        "write into this check-in",
        { 0, 0, REL(PM_REL_PARTICIPANT) } },
    [PM_ACT_CHECKIN_MANAGE] = {
        "manage this check-in series",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_PARTICIPANT) | REL(PM_REL_MANAGER) } },
    /* Relation MANAGER here: the series' manager or someone above the report. */
    [PM_ACT_CHECKIN_START] = {
        "start or take over a check-in series for someone else",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_MANAGER) } },
    [PM_ACT_CHECKIN_STATS] = {
        "see this person's check-in record",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    /* Feedback: SELF is the receiver (or the subject of a request), AUTHOR
     * the giver (or the requester). Giving and answering are a person's
     * acts; HR reads all but is never told an anonymous giver (the api has
     * no field to tell). */
    [PM_ACT_FEEDBACK_GIVE] = {
        "give feedback (the system actor gives none)",
        { 0, ANY_RELATION, ANY_RELATION } },
    [PM_ACT_FEEDBACK_READ_RECEIVER] = {
        "read feedback shared with its receiver only",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_SELF) | REL(PM_REL_AUTHOR) } },
    [PM_ACT_FEEDBACK_READ_MANAGERS] = {
        "read feedback shared with the receiver's managers",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE | REL(PM_REL_AUTHOR) } },
    [PM_ACT_FEEDBACK_READ_ORG] = {
        "read this feedback",
        { ANY_RELATION, ANY_RELATION, ANY_RELATION } },
    [PM_ACT_FEEDBACK_RECEIVE] = {
        "acknowledge or react to feedback given to someone else",
        { 0, REL(PM_REL_SELF), REL(PM_REL_SELF) } },
    [PM_ACT_FEEDBACK_RETRACT] = {
        "retract feedback someone else gave",
        { 0, REL(PM_REL_AUTHOR), REL(PM_REL_AUTHOR) } },
    [PM_ACT_REQUEST_CREATE] = {
        "ask for feedback about someone who is not their report",
        { 0, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_REQUEST_READ] = {
        "read this feedback request",
        { ANY_RELATION, ANY_RELATION,
          OWNER_OR_ABOVE | REL(PM_REL_AUTHOR) | REL(PM_REL_PARTICIPANT) } },
    [PM_ACT_REQUEST_ANSWER] = {
        "answer a feedback request not addressed to them",
        { 0, REL(PM_REL_PARTICIPANT), REL(PM_REL_PARTICIPANT) } },
    [PM_ACT_REQUEST_RENEW] = {
        "renew repeating feedback requests",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_FEEDBACK_STATS] = {
        "see this person's feedback numbers",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    /* 360 rounds: SELF is the subject, PARTICIPANT a rater. The subject
     * reads results but does not run the round about them. */
    [PM_ACT_REVIEW360_MANAGE] = {
        "run a 360 round about someone who is not their report",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_MANAGER) } },
    [PM_ACT_REVIEW360_READ] = {
        "read this 360 round",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE | REL(PM_REL_PARTICIPANT) } },
    [PM_ACT_REVIEW360_RESULTS] = {
        "read the results of this 360 round",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_REVIEW360_SUBMIT] = {
        "answer a 360 round they do not rate in",
        { 0, REL(PM_REL_PARTICIPANT), REL(PM_REL_PARTICIPANT) } },
    /* Competencies: HR builds the framework everyone reads. A person's
     * assessments and gaps are theirs and their manager chain's; each
     * source of assessment belongs to one side. */
    [PM_ACT_FRAMEWORK_ADMIN] = {
        "change the competency framework or who holds which role",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_FRAMEWORK_READ] = {
        "read the competency framework",
        { ANY_RELATION, ANY_RELATION, ANY_RELATION } },
    [PM_ACT_ASSESS_READ] = {
        "see this person's assessments and gaps",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_ASSESS_SELF] = {
        "assess someone else as themself",
        { 0, REL(PM_REL_SELF), REL(PM_REL_SELF) } },
    [PM_ACT_ASSESS_MANAGER] = {
        "assess as the manager of someone who is not their report",
        { 0, REL(PM_REL_MANAGER), REL(PM_REL_MANAGER) } },
    [PM_ACT_ASSESS_360] = {
        "record 360 assessments",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_ASSESS_ROUND] = {
        "open an assessment round for someone who is not their report",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_MANAGER) } },
    /* Development plans: the person and their manager chain; a mentor
     * reaches items through the list of what they mentor. */
    [PM_ACT_PLAN_READ] = {
        "read this development plan",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_PLAN_EDIT] = {
        "change this development plan",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_MENTORED_LIST] = {
        "see what this person mentors",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_PROGRAMME_ADMIN] = {
        "run programmes",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_PROGRAMME_READ] = {
        "read programmes",
        { ANY_RELATION, ANY_RELATION, ANY_RELATION } },
    [PM_ACT_PROGRAMME_ENROL] = {
        "enrol someone who is not their report",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_PROGRAMME_DROP] = {
        "drop someone who is not their report out of a programme",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    /* Wellbeing: a person's measurements and answers are theirs alone, not
     * HR's nor the system's (the system may import, never read back);
     * everyone else sees numbers about groups. */
    [PM_ACT_METRIC_ADMIN] = {
        "define metrics",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_METRIC_READ] = {
        "read metrics",
        { ANY_RELATION, ANY_RELATION, ANY_RELATION } },
    [PM_ACT_MEASURE_MANUAL] = {
        "record a measurement for someone else",
        { 0, REL(PM_REL_SELF), REL(PM_REL_SELF) } },
    [PM_ACT_MEASURE_IMPORT] = {
        "import measurements",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_MEASURE_READ_OWN] = {
        "read someone else's measurements or answers",
        { 0, REL(PM_REL_SELF), REL(PM_REL_SELF) } },
    [PM_ACT_SURVEY_ADMIN] = {
        "run surveys",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_SURVEY_RESPOND] = {
        "answer a survey they are not asked",
        { 0, REL(PM_REL_PARTICIPANT), REL(PM_REL_PARTICIPANT) } },
    [PM_ACT_GROUP_NUMBERS] = {
        "see numbers about people who are not below them",
        { ANY_RELATION, ANY_RELATION, OWNER_OR_ABOVE } },
    [PM_ACT_EVALUATION_ADMIN] = {
        "run evaluations",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_AUDIT_READ] = {
        "read the audit trail",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_LEGAL_HOLD] = {
        "place or lift legal holds",
        { ANY_RELATION, ANY_RELATION, 0 } },
    [PM_ACT_RETENTION_ADMIN] = {
        "set retention periods or purge",
        { ANY_RELATION, ANY_RELATION, 0 } },
    /* A person exports their own data; HR admins and the integration answer
     * access requests on a person's behalf (each export is audited). */
    [PM_ACT_PERSON_EXPORT] = {
        "export another person's data",
        { ANY_RELATION, ANY_RELATION, REL(PM_REL_SELF) } },
    /* Erasure answers a request HR handles: nobody erases themself (a
     * person is erased once they have left, when they can no longer act). */
    [PM_ACT_PERSON_ERASE] = {
        "erase a person's data",
        { ANY_RELATION, ANY_RELATION, 0 } },
};

static enum actor_kind kind_of(const pm_actor *actor)
{
    if (actor->is_system)
        return ACTOR_SYSTEM;
    return actor->is_hr_admin ? ACTOR_HR_ADMIN : ACTOR_PERSON;
}

static int valid_action(pm_action action)
{
    return (int)action >= 0 && action < PM_ACT_COUNT;
}

pm_status pm_access__check(const pm_actor *actor, pm_action action, pm_relation relation)
{
    if (actor == NULL || !valid_action(action))
        return PM_EPERM;
    if ((int)relation < 0 || relation >= PM_REL_COUNT)
        return PM_EPERM;
    unsigned int allowed = rules[action].allowed[kind_of(actor)];
    return (allowed & REL(relation)) ? PM_OK : PM_EPERM;
}

int pm_access__private_visible(const pm_actor *actor, int is_private, pm_id author)
{
    if (!is_private)
        return 1;
    return actor != NULL && !actor->is_system && actor->person > 0 && actor->person == author;
}

const char *pm_access__describe(pm_action action)
{
    if (!valid_action(action) || rules[action].phrase == NULL)
        return "do this";
    return rules[action].phrase;
}
