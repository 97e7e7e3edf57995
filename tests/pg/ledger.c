/* Keeping, saving and loading a writer's ledger (checks: ledger_check.c). */
#include "ledger.h"

#include <stdio.h>
#include <stdlib.h>

int pm_ledger_add(pm_ledger *l, const pm_ledger_write *w)
{
    if (l->count == l->capacity) {
        size_t capacity = l->capacity ? 2 * l->capacity : 256;
        pm_ledger_write *grown = realloc(l->writes, capacity * sizeof *grown);
        if (grown == NULL)
            return -1;
        l->writes = grown;
        l->capacity = capacity;
    }
    l->writes[l->count++] = *w;
    return 0;
}

void pm_ledger_settle(pm_ledger *l, size_t first, pm_ledger_outcome outcome, double ended)
{
    for (size_t i = first; i < l->count; i++) {
        l->writes[i].outcome = outcome;
        l->writes[i].ended = ended;
    }
}

int pm_ledger_save(const pm_ledger *l, const char *path)
{
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return -1;
    for (size_t i = 0; i < l->count; i++) {
        const pm_ledger_write *w = &l->writes[i];
        fprintf(f, "%c %c %lld %d %ld %ld %lld %lld %lld %lld %.17g %.9f %.9f\n",
                (char)w->kind, (char)w->outcome, (long long)w->id, w->writer, w->seq, w->group,
                (long long)w->giver, (long long)w->receiver, (long long)w->goal,
                (long long)w->key_result, w->value, w->began, w->ended);
    }
    return fclose(f) == 0 ? 0 : -1;
}

int pm_ledger_load(pm_ledger *l, const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    int rc = 0;
    char kind, outcome;
    long long id, giver, receiver, goal, key_result;
    pm_ledger_write w;
    int n;
    while ((n = fscanf(f, " %c %c %lld %d %ld %ld %lld %lld %lld %lld %lg %lg %lg", &kind,
                       &outcome, &id, &w.writer, &w.seq, &w.group, &giver, &receiver, &goal,
                       &key_result, &w.value, &w.began, &w.ended)) == 13) {
        w.kind = (pm_ledger_kind)kind;
        w.outcome = (pm_ledger_outcome)outcome;
        w.id = id;
        w.giver = giver;
        w.receiver = receiver;
        w.goal = goal;
        w.key_result = key_result;
        if (pm_ledger_add(l, &w) != 0) {
            rc = -1;
            break;
        }
    }
    if (n != EOF)
        rc = -1;
    fclose(f);
    return rc;
}

void pm_ledger_free(pm_ledger *l)
{
    free(l->writes);
    l->writes = NULL;
    l->count = l->capacity = 0;
}

size_t pm_ledger_count(const pm_ledger *l, pm_ledger_kind kind, pm_ledger_outcome outcome)
{
    size_t n = 0;
    for (size_t i = 0; i < l->count; i++)
        n += l->writes[i].kind == kind && l->writes[i].outcome == outcome;
    return n;
}

static int tag_compare(const pm_ledger_write *x, int writer, long seq)
{
    if (x->writer != writer)
        return x->writer < writer ? -1 : 1;
    return x->seq < seq ? -1 : x->seq > seq;
}

/* qsort has no payload argument: the ledger being sorted. */
static const pm_ledger *sorting;

static int by_tag(const void *a, const void *b)
{
    const pm_ledger_write *y = &sorting->writes[*(const size_t *)b];
    return tag_compare(&sorting->writes[*(const size_t *)a], y->writer, y->seq);
}

int pm_ledger_index_build(pm_ledger_index *ix, const pm_ledger *l, pm_ledger_kind kind)
{
    ix->ledger = l;
    ix->count = 0;
    ix->order = malloc((l->count + 1) * sizeof *ix->order);
    if (ix->order == NULL)
        return -1;
    for (size_t i = 0; i < l->count; i++)
        if (l->writes[i].kind == kind)
            ix->order[ix->count++] = i;
    sorting = l;
    qsort(ix->order, ix->count, sizeof *ix->order, by_tag);
    return 0;
}

long pm_ledger_index_find(const pm_ledger_index *ix, int writer, long seq)
{
    size_t lo = 0, hi = ix->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = tag_compare(&ix->ledger->writes[ix->order[mid]], writer, seq);
        if (c == 0)
            return (long)ix->order[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

void pm_ledger_index_free(pm_ledger_index *ix)
{
    free(ix->order);
    ix->order = NULL;
    ix->count = 0;
}

void pm_ledger_feedback_text(char *buf, size_t size, int writer, long seq)
{
    snprintf(buf, size, "Feedback %d.%ld: thanks for the review", writer, seq);
}
