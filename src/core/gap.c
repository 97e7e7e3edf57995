#include "gap.h"

double pm_gap__value(int required, int assessed, double current)
{
    return assessed ? (double)required - current : (double)required;
}

double pm_gap__match_part(int required, int assessed, double current)
{
    if (!assessed)
        return 0.0;
    if (required <= 0)
        return 1.0;
    double cap = 2.0 * (double)required;
    return (current < cap ? current : cap) / (double)required;
}

double pm_gap__match_finish(double sum, size_t n)
{
    return n == 0 ? 0.0 : sum / (double)n;
}

void pm_gap__tally_add(pm_gap_tally *t, int required, int assessed, double current)
{
    t->people++;
    if (!assessed)
        return;
    t->assessed++;
    if (current < (double)required) {
        t->below++;
        t->shortfall += (double)required - current;
    }
}

double pm_gap__tally_mean(const pm_gap_tally *t)
{
    return t->assessed == 0 ? 0.0 : t->shortfall / (double)t->assessed;
}
