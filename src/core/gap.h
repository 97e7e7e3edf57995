/* Competence-gap rules, pure: a person's gap in one requirement, the
 * role-match score, and the per-competency summary of a group of people.
 * No storage, no clock: the api layer (src/api/gap.c, src/api/gap_unit.c)
 * finds the requirements and current levels and hands them in.
 *
 * Definitions (perfmgmt/competency.h says the rest):
 * - gap = required - current; when the person has not been assessed, the
 *   whole requirement (current counts 0). Negative above the requirement.
 * - role match = the mean over the role's requirements of
 *   min(2 x required, current) / required, a requirement not assessed
 *   counting 0; 0 for a role without requirements. A requirement of 0 (on
 *   a scale that starts at 0) asks for nothing: once assessed it counts 1,
 *   fully met, rather than dividing by zero.
 * - summary of one competency: people whose role requires it, how many of
 *   them are assessed, how many of those are below the requirement
 *   (current < required), and the mean shortfall max(0, required -
 *   current) over those assessed (0 when none is). */
#ifndef PM_CORE_GAP_H
#define PM_CORE_GAP_H

#include <stddef.h>

/* required - current, or required when not assessed. */
double pm_gap__value(int required, int assessed, double current);

/* One requirement's part of the role-match score: min(2 x required,
 * current) / required; 0 when not assessed; 1 for a requirement of 0 (or
 * less) once assessed. */
double pm_gap__match_part(int required, int assessed, double current);

/* The mean of n parts whose sum is sum; 0 when n is 0. */
double pm_gap__match_finish(double sum, size_t n);

/* What one competency's summary adds up on one day. */
typedef struct pm_gap_tally {
    int people;        /* whose role requires it */
    int assessed;      /* of those, assessed */
    int below;         /* of those assessed, current < required */
    double shortfall;  /* sum of max(0, required - current) over those assessed */
} pm_gap_tally;

/* Counts one person whose role requires the competency at required. */
void pm_gap__tally_add(pm_gap_tally *t, int required, int assessed, double current);

/* The mean shortfall over those assessed; 0 when none is. */
double pm_gap__tally_mean(const pm_gap_tally *t);

#endif
