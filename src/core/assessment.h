/* The rules of assessments, pure: the current-level rule (manager first, or
 * a weighted mean of the latest assessment of each source), the checks of
 * a level rule, and who may see an assessment of a round that has not been
 * released. No storage, no clock: facts come in as arguments. */
#ifndef PM_CORE_ASSESSMENT_H
#define PM_CORE_ASSESSMENT_H

#include "perfmgmt/common.h"
#include "perfmgmt/datetime.h"
#include "perfmgmt/competency.h"
#include "../util/error.h"

/* 1 for self, manager and 360; 0 otherwise. */
int pm_assessment__is_source(int source);

/* "self", "manager", "360"; "unknown" otherwise. */
const char *pm_assessment__source_name(int source);

/* The latest assessment of one source, as far as the rule is concerned. */
typedef struct pm_level_latest {
    int present;   /* 0 when the source has no assessment that counts */
    int level;
    pm_date on;    /* with id: which assessment is the latest */
    pm_id id;
} pm_level_latest;

/* The latest assessment of each source, indexed by pm_assessment_source
 * (position 0 is unused). Zero-initialise, then pm_level_sources__note()
 * every assessment that counts. */
typedef struct pm_level_sources {
    pm_level_latest by[PM_ASSESSED_BY_360 + 1];
} pm_level_sources;

/* Takes one assessment into account: it becomes its source's latest when
 * its (on, id) is greater than the one kept, so the order in which
 * assessments are noted does not matter. An unknown source is ignored. */
void pm_level_sources__note(pm_level_sources *sources, int source, pm_date on, pm_id id,
                            int level);

/* Checks a rule: a known kind; weights finite and 0 or more, not all 0.
 * Weights are checked whatever the kind, so that a rule is valid or not on
 * its own and switching its kind cannot make it invalid. PM_EINVAL naming
 * the field ("rule.manager_weight: must be 0 or more, not -1"). */
pm_status pm_level_rule__check(const pm_level_rule *rule, pm_error *err);

/* The current level by a checked rule.
 * Manager first: the manager source's level, else self's, else 360's.
 * Weighted: sum(weight x level) / sum(weight) over the sources present
 * with a weight above 0; when every source present weighs 0 (or none is
 * present) nothing counts.
 * *assessed is 0 and *level 0 when nothing counts. */
void pm_level__compute(double *level, int *assessed, const pm_level_rule *rule,
                       const pm_level_sources *sources);

/* Who is looking at a person's assessments, for the blind rounds.
 * The sides come first: the person themself is the self side and anyone in
 * their manager chain today is the manager side, even when they are an HR
 * admin, so a round stays blind between its two sides whoever they are.
 * HR admins and the system actor who are neither side see everything: the
 * blindness protects each side's judgement from the other, not from the
 * people who run the process. */
typedef enum pm_assessment_viewer {
    PM_VIEWER_NONE = 0,   /* no right to the person's assessments at all */
    PM_VIEWER_SELF_SIDE,  /* the person */
    PM_VIEWER_MANAGER_SIDE, /* someone in the person's manager chain today */
    PM_VIEWER_ALL         /* HR or the system, on neither side */
} pm_assessment_viewer;

/* The viewer from the facts: is_person (the viewer is the person), is_above
 * (in their manager chain today), sees_all (an HR admin or the system). */
pm_assessment_viewer pm_assessment__viewer(int is_person, int is_above, int sees_all);

/* 1 when viewer may see an assessment of source with this released flag:
 * released ones to every viewer but NONE; unreleased ones (a round's,
 * before both sides submitted) only to their own side and to ALL. */
int pm_assessment__visible(pm_assessment_viewer viewer, int source, int released);

/* The side of a round an assessment of source belongs to: self and manager
 * are the two sides; 360 belongs to no round. PM_EINVAL
 * "assessment.round: 360 assessments are not part of a round" for 360 and
 * a message naming source otherwise. */
pm_status pm_assessment__check_round_source(int source, pm_error *err);

#endif
