/* Erasure of feedback and 360 rounds: what others said about the person
 * goes; what the person said to others stays with its receiver, its
 * giver's id now naming the erased record. */
#include "erase_internal.h"

/* Requests about the person with their parts. Responses given to them are
 * feedback they received, removed with the rest. */
static pm_status erase_requests(pm_erase *e)
{
    pm_erase_ids requests = { NULL, 0, 0 };
    pm_value subject = pm_value__int(e->person);
    pm_status st = pm_erase__collect(e, &requests, PM_KIND_FEEDBACK_REQUEST, PM_FREQ_BY_SUBJECT,
                                     &subject, 1, 0, "feedback_request", NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < requests.count; i++)
        st = pm_erase__remove_under(e, PM_KIND_REQUEST_PART, PM_PART_BY_REQUEST,
                                    requests.ids[i]);
    if (st == PM_OK)
        st = pm_erase__remove_ids(e, PM_KIND_FEEDBACK_REQUEST, &requests);
    pm_erase__ids_free(&requests);
    return st;
}

pm_status pm_erase__feedback(pm_erase *e)
{
    pm_status st = pm_erase__remove_of_person(e, PM_KIND_FEEDBACK, PM_FB_BY_RECEIVER);
    if (st == PM_OK)
        st = erase_requests(e);
    return st;
}

/* Rounds about the person. Their answers in others' rounds never named
 * them, and their rater rows hold ids only: both stay. */
pm_status pm_erase__review360(pm_erase *e)
{
    pm_erase_ids rounds = { NULL, 0, 0 };
    pm_value subject = pm_value__int(e->person);
    pm_status st = pm_erase__collect(e, &rounds, PM_KIND_REVIEW360, PM_R360_BY_SUBJECT,
                                     &subject, 1, 0, "review360", NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < rounds.count; i++) {
        pm_id round = rounds.ids[i];
        st = pm_erase__remove_under(e, PM_KIND_REVIEW360_ANSWER, PM_R360A_BY_ROUND, round);
        if (st == PM_OK)
            st = pm_erase__remove_under(e, PM_KIND_REVIEW360_QUESTION, PM_R360Q_BY_ROUND, round);
        if (st == PM_OK)
            st = pm_erase__remove_under(e, PM_KIND_REVIEW360_RATER, PM_R360R_BY_ROUND, round);
    }
    if (st == PM_OK)
        st = pm_erase__remove_ids(e, PM_KIND_REVIEW360, &rounds);
    pm_erase__ids_free(&rounds);
    return st;
}
