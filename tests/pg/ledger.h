/* The ledger of a writer process: every write it tried and what the library
 * answered, saved to a file its parent reads back after the writer ends, and
 * the checks of the feedback the store holds against it.
 *
 * A write's outcome is what its caller may rely on: acknowledged (the call,
 * or for a group its commit, returned PM_OK: it must be stored, once),
 * failed (it cannot have been stored: a group that failed before its commit,
 * or a write refused as busy) and in doubt (the connection went away while
 * the write or its commit was on the way: stored or not, but never twice,
 * and a group all or nothing). Every feedback text carries its writer and
 * sequence number, so a stored entry names the write it came from. */
#ifndef PM_TEST_PG_LEDGER_H
#define PM_TEST_PG_LEDGER_H

#include <stddef.h>

#include "perfmgmt.h"

typedef enum pm_ledger_outcome {
    PM_LEDGER_ACKED = 'a',
    PM_LEDGER_FAILED = 'f',
    PM_LEDGER_IN_DOUBT = 'd'
} pm_ledger_outcome;

typedef enum pm_ledger_kind {
    PM_LEDGER_FEEDBACK = 'F',
    PM_LEDGER_PROGRESS = 'P'
} pm_ledger_kind;

typedef struct pm_ledger_write {
    pm_ledger_kind kind;
    pm_ledger_outcome outcome;
    pm_id id;          /* what the call returned; 0 when it failed */
    int writer;        /* which process */
    long seq;          /* the writer's count of writes, from 1 */
    long group;        /* the writer's group number, 0 for a write on its own */
    pm_id giver;       /* feedback */
    pm_id receiver;
    pm_id goal;        /* progress */
    pm_id key_result;
    double value;
    double began;      /* monotonic seconds (one clock for every process): */
    double ended;      /* the call began; it, or its group's commit, answered */
} pm_ledger_write;

typedef struct pm_ledger {
    pm_ledger_write *writes;
    size_t count;
    size_t capacity;
} pm_ledger;

/* Appends a write; 0, or -1 when memory ran out. */
int pm_ledger_add(pm_ledger *l, const pm_ledger_write *w);

/* Sets the outcome and end of the writes from index first on (a group's,
 * once its commit or rollback has answered). */
void pm_ledger_settle(pm_ledger *l, size_t first, pm_ledger_outcome outcome, double ended);

/* Writes the ledger to path, one line per write; 0, or -1 with errno. */
int pm_ledger_save(const pm_ledger *l, const char *path);

/* Appends the writes saved in path; 0, or -1 (unreadable or malformed). */
int pm_ledger_load(pm_ledger *l, const char *path);

void pm_ledger_free(pm_ledger *l);

/* Writes of one kind and outcome. */
size_t pm_ledger_count(const pm_ledger *l, pm_ledger_kind kind, pm_ledger_outcome outcome);

/* The writes of one kind, ordered by writer and sequence number. */
typedef struct pm_ledger_index {
    const pm_ledger *ledger;
    size_t *order;  /* positions in the ledger */
    size_t count;
} pm_ledger_index;

/* 0, or -1 when memory ran out. */
int pm_ledger_index_build(pm_ledger_index *ix, const pm_ledger *l, pm_ledger_kind kind);

/* The position in the ledger of a writer's write number seq, or -1. */
long pm_ledger_index_find(const pm_ledger_index *ix, int writer, long seq);

void pm_ledger_index_free(pm_ledger_index *ix);

/* The text of a writer's feedback number seq. */
void pm_ledger_feedback_text(char *buf, size_t size, int writer, long seq);

/* What the system session sees of the feedback, against the ledger. */
typedef struct pm_ledger_feedback_report {
    size_t listed;            /* entries pm_feedback_list_visible() gave */
    size_t acked;             /* acknowledged writes, all found once */
    size_t in_doubt;          /* writes in doubt */
    size_t in_doubt_stored;   /* of those, stored */
    size_t problems;          /* each printed on stderr */
} pm_ledger_feedback_report;

/* Checks that every acknowledged feedback is stored exactly once with its
 * giver, receiver and text; that nothing else is stored except writes in
 * doubt (once each, a group all or nothing); and that for each of people,
 * pm_feedback_list_received() and pm_feedback_list_given() count what the
 * ledger says was stored. Returns PM_OK with the findings in *report, or
 * the status of a call that failed (its message printed). */
pm_status pm_ledger_check_feedback(pm_ledger_feedback_report *report, const pm_ledger *l,
                                   pm_session *sys, const pm_id *people, size_t npeople);

#endif
