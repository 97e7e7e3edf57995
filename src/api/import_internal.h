/* What the files of the CSV import share. An import runs in phases over one
 * job so that a bad file changes nothing:
 *   import_read.c   reads the file into rows, each field held to its rule;
 *   import_check.c  checks the rows against each other and the store
 *                   (duplicates, managers, cycles, people who would leave);
 *   import_write.c  writes everything, inside the transaction import.c opens;
 *   import_job.c    the job's messages, arrays and row order.
 * Only the import files include this. */
#ifndef PM_API_IMPORT_INTERNAL_H
#define PM_API_IMPORT_INTERNAL_H

#include "org_internal.h"

#include <stdint.h>

#define NO_ROW SIZE_MAX

enum column {
    COL_EXTERNAL_ID = 0,
    COL_NAME,
    COL_EMAIL,
    COL_MANAGER,
    COL_UNIT_PATH,
    COL_HR_ADMIN,
    COL_COUNT
};

typedef struct import_row {
    size_t line;
    char *text[COL_COUNT];  /* normalised; NULL when the file has no such column */
    size_t len[COL_COUNT];
    int hr_admin;
    pm_person *stored;      /* the person as stored before the import; NULL when new */
    pm_id id;               /* the person, once stored */
    pm_id stored_manager;   /* manager on the import date (stored people) */
    size_t manager_row;     /* the manager's row in the file, or NO_ROW */
    pm_id manager_id;       /* the manager when stored but not in the file, or 0 */
    pm_id unit;
    size_t depth;           /* managers above in the resulting org */
    int changed;
} import_row;

/* The reporting graph the import would leave: file rows are nodes
 * 0..nrows-1, stored people reached from them are added after. */
enum { NODE_NEW = 0, NODE_ON_PATH, NODE_DONE };

typedef struct graph_node {
    pm_id id;
    size_t parent;  /* NO_ROW: no manager */
    size_t depth;
    unsigned char state;
    unsigned char linked; /* parent is known */
} graph_node;

/* Open addressing from person id to node. */
typedef struct id_map {
    pm_id *keys;  /* 0: empty slot */
    size_t *values;
    size_t cap;   /* a power of two */
    size_t count;
} id_map;

typedef struct import_job {
    pm_session *s;
    pm_date date;
    unsigned int flags;
    int has[COL_COUNT];      /* columns the file has */
    size_t ncolumns;
    enum column *column_of;  /* CSV field -> column */
    const char **names;      /* CSV field -> column name, for the reader's messages */
    import_row *rows;
    size_t nrows;
    size_t rows_cap;
    import_row **sorted;     /* scratch order of rows */
    graph_node *nodes;
    size_t nnodes;
    size_t nodes_cap;
    id_map ids;
    pm_id *missing;          /* active people absent from the file */
    size_t nmissing;
    size_t missing_cap;
    pm_import_stats stats;
} import_job;

/* The phases, in order; each sets the session error on failure. */
/* Reads len bytes of CSV into job->rows. */
pm_status pm_import__read(import_job *job, const char *data, size_t len);
/* Refuses duplicates, unknown or departed managers and cycles; links each
 * row to its stored person and manager, sets its depth, and lists the
 * people PM_IMPORT_MARK_MISSING_LEFT would mark as left. */
pm_status pm_import__check(import_job *job);
/* Writes units, people, managers and leavers, and counts them in job->stats. */
pm_status pm_import__write(import_job *job);

/* Frees what the job holds (not the job). */
void pm_import__job_free(import_job *job);

/* "line N: <message>" in the session error; returns st. */
pm_status pm_import__row_fail(import_job *job, pm_status st, size_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Puts "line N: " before the message an internal function left, so a
 * failure while writing still points at the row that caused it. */
pm_status pm_import__at_line(import_job *job, size_t line, pm_status st);

/* PM_ENOMEM "import: out of memory". */
pm_status pm_import__out_of_memory(import_job *job);

/* Returns items with room for need elements (maybe moved), or NULL with
 * items untouched. */
void *pm_import__grow(void *items, size_t *cap, size_t need, size_t size);

/* Bytewise order of two texts, shorter first on a tie, as the indexes sort. */
int pm_import__compare_text(const char *a, size_t alen, const char *b, size_t blen);

/* Fills job->sorted with every row, in cmp order. */
pm_status pm_import__sort_rows(import_job *job, int (*cmp)(const void *, const void *));

#endif
