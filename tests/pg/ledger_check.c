/* The feedback a store holds, against the ledgers of the processes that
 * wrote it. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "ledger.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Enough to see what went wrong without drowning the log. */
#define PROBLEMS_SHOWN 20

typedef struct stored {
    pm_id id, giver, receiver;
    char *text;
} stored;

typedef struct checker {
    const pm_ledger *ledger;
    pm_ledger_index tags; /* the ledger's feedback writes */
    unsigned *found;     /* per ledger position: times stored */
    pm_ledger_feedback_report *report;
} checker;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void problem(checker *c, const char *fmt, ...)
{
    if (c->report->problems++ < PROBLEMS_SHOWN) {
        va_list ap;
        va_start(ap, fmt);
        fputs("feedback check: ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
    } else if (c->report->problems == PROBLEMS_SHOWN + 1) {
        fputs("feedback check: more problems not shown\n", stderr);
    }
}

/* The ledger position of the write whose text this is, or -1. */
static long find_write(const checker *c, const char *text)
{
    int writer = 0;
    long seq = 0;
    char expected[128];
    if (sscanf(text, "Feedback %d.%ld:", &writer, &seq) != 2)
        return -1;
    pm_ledger_feedback_text(expected, sizeof expected, writer, seq);
    if (strcmp(text, expected) != 0)
        return -1;
    return pm_ledger_index_find(&c->tags, writer, seq);
}

static void check_entry(checker *c, const stored *s)
{
    long at = find_write(c, s->text);
    if (at < 0) {
        problem(c, "entry %lld (\"%s\") comes from no write the test made", (long long)s->id,
                s->text);
        return;
    }
    const pm_ledger_write *w = &c->ledger->writes[at];
    if (++c->found[at] > 1)
        problem(c, "write %d.%ld is stored more than once (again as entry %lld)", w->writer,
                w->seq, (long long)s->id);
    if (w->outcome == PM_LEDGER_FAILED)
        problem(c, "write %d.%ld (group %ld) failed, yet entry %lld holds it", w->writer,
                w->seq, w->group, (long long)s->id);
    if (w->outcome == PM_LEDGER_ACKED && w->id != s->id)
        problem(c, "write %d.%ld was acknowledged as entry %lld but is stored as %lld",
                w->writer, w->seq, (long long)w->id, (long long)s->id);
    if (w->giver != s->giver || w->receiver != s->receiver)
        problem(c, "entry %lld: giver %lld, receiver %lld; written with %lld, %lld",
                (long long)s->id, (long long)s->giver, (long long)s->receiver,
                (long long)w->giver, (long long)w->receiver);
}

/* Acknowledged writes all found; groups in doubt stored all or nothing. */
static void check_writes(checker *c)
{
    const pm_ledger *l = c->ledger;
    for (size_t i = 0; i < l->count; i++) {
        const pm_ledger_write *w = &l->writes[i];
        if (w->kind != PM_LEDGER_FEEDBACK)
            continue;
        if (w->outcome == PM_LEDGER_ACKED && c->found[i] == 0)
            problem(c, "acknowledged write %d.%ld (entry %lld, group %ld) is not stored",
                    w->writer, w->seq, (long long)w->id, w->group);
        if (w->outcome == PM_LEDGER_IN_DOUBT) {
            c->report->in_doubt++;
            c->report->in_doubt_stored += c->found[i] > 0;
        }
    }
    for (size_t i = 0; i < l->count;) {
        const pm_ledger_write *w = &l->writes[i];
        size_t end = i + 1, total = 0, kept = 0;
        while (end < l->count && l->writes[end].writer == w->writer
               && l->writes[end].group == w->group)
            end++;
        for (size_t j = i; j < end; j++) {
            if (l->writes[j].kind != PM_LEDGER_FEEDBACK)
                continue;
            total++;
            kept += c->found[j] > 0;
        }
        if (w->group != 0 && w->outcome == PM_LEDGER_IN_DOUBT && kept != 0 && kept != total)
            problem(c, "group %ld of writer %d is stored in part: %zu of %zu entries",
                    w->group, w->writer, kept, total);
        i = end;
    }
}

static pm_status read_visible(stored **out, size_t *count, pm_session *sys)
{
    pm_feedback_iter *it = NULL;
    pm_status st = pm_feedback_list_visible(&it, sys, 0);
    size_t n = 0, capacity = 0;
    stored *all = NULL;
    pm_feedback *fb = NULL;
    while (st == PM_OK && (st = pm_feedback_iter_next(&fb, it)) == PM_OK) {
        if (n == capacity) {
            capacity = capacity ? 2 * capacity : 1024;
            stored *grown = realloc(all, capacity * sizeof *grown);
            if (grown == NULL) {
                st = PM_ENOMEM;
                break;
            }
            all = grown;
        }
        stored s = { pm_feedback_id(fb), pm_feedback_giver(fb), pm_feedback_receiver(fb),
                     strdup(pm_feedback_text(fb)) };
        if (s.text == NULL) {
            st = PM_ENOMEM;
            break;
        }
        all[n++] = s;
    }
    pm_feedback_iter_free(it);
    if (st == PM_ITEROVER)
        st = PM_OK;
    if (st != PM_OK)
        fprintf(stderr, "listing the feedback: %s (%s)\n", pm_session_errmsg(sys),
                pm_status_str(st));
    *out = all;
    *count = n;
    return st;
}

static pm_status count_list(size_t *n, pm_session *sys, pm_id person, int received)
{
    pm_feedback_iter *it = NULL;
    pm_status st = received ? pm_feedback_list_received(&it, sys, person, 0)
                            : pm_feedback_list_given(&it, sys, person, 0);
    pm_feedback *fb = NULL;
    *n = 0;
    while (st == PM_OK && (st = pm_feedback_iter_next(&fb, it)) == PM_OK)
        ++*n;
    pm_feedback_iter_free(it);
    if (st == PM_ITEROVER)
        return PM_OK;
    fprintf(stderr, "listing the feedback of %lld: %s (%s)\n", (long long)person,
            pm_session_errmsg(sys), pm_status_str(st));
    return st;
}

static pm_status check_counts(checker *c, pm_session *sys, const pm_id *people, size_t npeople)
{
    const pm_ledger *l = c->ledger;
    for (size_t p = 0; p < npeople; p++) {
        size_t want_received = 0, want_given = 0, received = 0, given = 0;
        for (size_t i = 0; i < l->count; i++) {
            const pm_ledger_write *w = &l->writes[i];
            if (w->kind != PM_LEDGER_FEEDBACK || c->found[i] == 0)
                continue;
            want_received += w->receiver == people[p];
            want_given += w->giver == people[p];
        }
        pm_status st = count_list(&received, sys, people[p], 1);
        if (st == PM_OK)
            st = count_list(&given, sys, people[p], 0);
        if (st != PM_OK)
            return st;
        if (received != want_received || given != want_given)
            problem(c, "person %lld: the lists give %zu received and %zu given, the writes "
                    "%zu and %zu", (long long)people[p], received, given, want_received,
                    want_given);
    }
    return PM_OK;
}

pm_status pm_ledger_check_feedback(pm_ledger_feedback_report *report, const pm_ledger *l,
                                   pm_session *sys, const pm_id *people, size_t npeople)
{
    memset(report, 0, sizeof *report);
    checker c = { l, { NULL, NULL, 0 }, calloc(l->count + 1, sizeof(unsigned)), report };
    stored *all = NULL;
    size_t n = 0;
    pm_status st = PM_OK;
    if (c.found == NULL || pm_ledger_index_build(&c.tags, l, PM_LEDGER_FEEDBACK) != 0)
        st = PM_ENOMEM;
    if (st == PM_OK)
        st = read_visible(&all, &n, sys);
    if (st == PM_OK) {
        report->listed = n;
        for (size_t i = 0; i < n; i++)
            check_entry(&c, &all[i]);
        check_writes(&c);
        report->acked = pm_ledger_count(l, PM_LEDGER_FEEDBACK, PM_LEDGER_ACKED);
        st = check_counts(&c, sys, people, npeople);
    }
    for (size_t i = 0; i < n; i++)
        free(all[i].text);
    free(all);
    pm_ledger_index_free(&c.tags);
    free(c.found);
    return st;
}
