/* Survey rounds' internal functions, shared by the round file (survey.c:
 * create, instruments, audience, open, close, renew, snapshots), the
 * answering file (survey_respond.c) and the results file
 * (survey_results.c). Each sets the session error on failure, naming the
 * field and the reason; none checks access or opens a transaction unless
 * it says so. */
#ifndef PM_API_SURVEY_INTERNAL_H
#define PM_API_SURVEY_INTERNAL_H

#include "internal.h"

#define PM_SURVEY_THRESHOLD_MIN 3
#define PM_SURVEY_THRESHOLD_MAX 10
#define PM_SURVEY_REPEAT_MIN 7
#define PM_SURVEY_REPEAT_MAX 365
/* The most items an instrument has (CBI work-related burnout: 7). */
#define PM_SURVEY_ITEMS_MAX 7

/* A survey as stored, without its title. */
typedef struct pm_survey_row {
    pm_id id;
    pm_survey_state state;
    pm_date opens;
    pm_date closes;
    int threshold;
    int repeat_days;
    pm_date next_on;   /* PM_DATE_NONE when no next round is due */
    pm_id previous;
} pm_survey_row;

/* One instrument of a survey; text owned (NULL for a built-in, or when
 * read without texts). min and max are the pulse metric's scale, filled
 * only by pm_survey__pulse_scales(). */
typedef struct pm_survey_instrument_row {
    pm_id id;
    pm_instrument instrument;
    pm_id metric;
    char *text;
    double min, max;
} pm_survey_instrument_row;

/* A survey's instruments in (instrument, metric) order. */
typedef struct pm_survey_instrument_list {
    pm_session *s;
    int with_text;
    pm_survey_instrument_row *items;
    size_t count;
    size_t cap;
} pm_survey_instrument_list;

/* One invitee row; id 0 when the person is not invited. */
typedef struct pm_survey_invitee {
    pm_id id;
    pm_id unit;
    int responded;
} pm_survey_invitee;

/* PM_ENOMEM "survey: out of memory". */
pm_status pm_survey__out_of_memory(pm_session *s);

/* PM_ECORRUPT "<what>: stored row 7 has 3 fields". */
pm_status pm_survey__corrupt(pm_session *s, const char *what, const pm_row *row);

/* Reads a survey, and its title when title is not NULL (owned, replaced):
 * PM_EINVAL "survey: 0 is not a survey id", PM_ENOTFOUND "survey: survey 12
 * does not exist". */
pm_status pm_survey__load(pm_survey_row *out, char **title, pm_session *s, pm_id survey);

/* Finds person's invitee row of survey (out->id 0 when none). */
pm_status pm_survey__find_invitee(pm_survey_invitee *out, pm_session *s, pm_id survey,
                                  pm_id person);

/* Reads survey's instruments into list (set s and with_text, the rest 0);
 * free with pm_survey__instruments_free() whatever it returns. */
pm_status pm_survey__read_instruments(pm_survey_instrument_list *list, pm_id survey);
void pm_survey__instruments_free(pm_survey_instrument_list *list);

/* Fills min and max of every pulse instrument from its metric. */
pm_status pm_survey__pulse_scales(pm_survey_instrument_list *list);

/* "draft", "open", "closed", "?" ; "WHO-5", "eNPS", "CBI personal", ...,
 * "pulse", "?" for messages. */
const char *pm_survey__state_name(pm_survey_state state);
const char *pm_survey__instrument_name(pm_instrument instrument);

/* 1 for the six instruments. */
int pm_survey__is_instrument(int instrument);

/* The built-in metric an instrument scores into (0 for the pulse). */
pm_builtin_metric pm_survey__instrument_metric(pm_instrument instrument);

/* How many items an instrument has (1 to PM_SURVEY_ITEMS_MAX). */
int pm_survey__item_count(pm_instrument instrument);

/* PM_EPERM "permission denied: person 3 may not <phrase>" (or "the system
 * actor may not ..."). */
pm_status pm_survey__refuse(pm_session *s, pm_action action);

/* Freezes survey's audience: an invitee row (person, unit on day,
 * responded 0) for every active person reached on day by an audience row
 * (a unit with the units below it, or a person), each person once.
 * *invited receives how many; nothing is written when it is 0. The caller
 * owns the transaction. */
pm_status pm_survey__freeze_audience(int *invited, pm_session *s, pm_id survey, pm_date day);

#endif
