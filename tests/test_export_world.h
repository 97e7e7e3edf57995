/* The world the export tests read: a person, Per, with data in every area
 * the export covers, written through the public API by the people who
 * would write it, and the texts that must or must not show up in exports.
 *
 *   Acme (unit) ── Engineering (unit)
 *   boss ── manager ── per (the person), quinn, rita, sam (peers)
 *   giver: no manager, no unit; gives Per anonymous feedback only
 *   hr: an HR admin
 *
 * Per, in every area (the fixture's today is 2026-06-15):
 * - goals: one Per created (a key result, progress by Per and by the
 *   manager), one the manager created for Per;
 * - check-ins: a series with the manager, held with mood 4, entries by
 *   both (shared, private, an action item, a goal snapshot);
 * - feedback: named from quinn, anonymous from giver; Per gives quinn one
 *   named and one anonymous entry;
 * - requests: Per asks quinn and the manager about Per (quinn answers, the
 *   manager declines); the manager asks quinn about Per; quinn asks Per
 *   about quinn;
 * - 360: a closed round about Per (self, manager, three peers); Per rates
 *   quinn in an open round;
 * - competencies: a role; a self and a manager assessment; a round with
 *   Per's self assessment and the manager's, not yet released;
 * - development: Per's plan with an area and an item (mentor quinn), an
 *   enrolment in a programme; Per mentors an item of quinn's plan;
 * - wellbeing: a manual measurement, a WHO-5 survey Per answered, and an
 *   evaluation that counts Per. */
#ifndef PM_TEST_EXPORT_WORLD_H
#define PM_TEST_EXPORT_WORLD_H

#include "fixture.h"

/* Texts the export tests look for. */
#define W_ANON_TEXT "An anonymous remark for Per"
#define W_PER_ANON_TEXT "Per says this to Quinn without a name"
#define W_PER_PRIVATE_NOTE "Per's private note: ask about the move"
#define W_MANAGER_PRIVATE_NOTE "Manager's private note: watch Per's workload"
#define W_UNRELEASED_NOTE "Manager's assessment in the round, not released"
#define W_GIVER_EXTERNAL_ID "ZZ-ANON-77"
#define W_GIVER_NAME "Gwendolyn Hidden"
#define W_PER_NAME "Per Person"
#define W_PER_TALKING_POINT "Per: the export format"
#define W_PER_STRENGTHS "Per: clear writing"
#define W_PER_SELF_ASSESSMENT "Per: I explain well"
#define W_PER_PROGRESS_COMMENT "Per: four areas done"
#define W_PER_GIVES_QUINN "Per: thanks for the review, Quinn"
#define W_QUINN_GIVES_PER "Quinn: great demo, Per"
#define W_QUINN_ANSWERS_PER "Quinn: the launch went well"
#define W_PER_SELF_ANSWER "Per on Per: keep shipping"
#define W_PEER_ANSWER "Peers on Per: clear writing"

typedef struct world {
    pm_id acme, eng;
    pm_id boss, manager, per, quinn, rita, sam, giver, hr;
    pm_id goal_own, goal_by_manager, key_result;
    pm_id series, checkin;
    pm_id anon_feedback, per_anon_feedback;
    pm_id round_about, round_rated;
    pm_id competency, role, metric, survey, programme, evaluation, plan;
} world;

/* Builds the world in the fixture's store; fails the test on any error. */
void world_build(pm_fixture *f, world *w);

#endif
