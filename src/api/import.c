/* Bulk import of an organisation from CSV. Two phases so that a bad file
 * changes nothing: first every row is read, normalised and checked against
 * the file and the store (duplicates, managers, cycles), then everything is
 * written in one transaction, where any failure still rolls back. */
#include "org_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/csv.h"
#include "../core/person.h"
#include "../util/buf.h"
#include "../util/text.h"

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

/* Each column is held to the limits of the person API it ends up in. */
static const struct column_rule {
    const char *name;
    size_t max_codepoints;
    unsigned int flags;
} columns[COL_COUNT] = {
    { "external_id", PM_PERSON_EXTERNAL_ID_MAX, PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE },
    { "name", PM_PERSON_NAME_MAX, PM_TEXT_REQUIRED | PM_TEXT_SINGLE_LINE },
    { "email", PM_PERSON_EMAIL_MAX, PM_TEXT_SINGLE_LINE },
    { "manager_external_id", PM_PERSON_EXTERNAL_ID_MAX, PM_TEXT_SINGLE_LINE },
    { "unit_path", 0, PM_TEXT_SINGLE_LINE }, /* each segment is limited on its own */
    { "hr_admin", 8, PM_TEXT_SINGLE_LINE },
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
    int has[COL_COUNT];
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

/* --- messages --- */

static pm_status row_fail(import_job *job, pm_status st, size_t line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static pm_status row_fail(import_job *job, pm_status st, size_t line, const char *fmt, ...)
{
    char reason[PM_ERRMSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(reason, sizeof reason, fmt, ap);
    va_end(ap);
    return pm_error__set(&job->s->error, st, "line %zu: %s", line, reason);
}

/* Puts "line N: " before the message an internal function left, so a
 * failure while writing still points at the row that caused it. */
static pm_status at_line(import_job *job, size_t line, pm_status st)
{
    char message[PM_ERRMSG_MAX];
    const char *left = job->s->error.message[0] ? job->s->error.message : pm_status_str(st);
    snprintf(message, sizeof message, "%s", left);
    return pm_error__set(&job->s->error, st, "line %zu: %s", line, message);
}

static pm_status out_of_memory(import_job *job)
{
    return pm_error__set(&job->s->error, PM_ENOMEM, "import: out of memory");
}

/* --- growable arrays and the id map --- */

/* Returns items with room for need elements (maybe moved), or NULL with
 * items untouched. */
static void *grow(void *items, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return items;
    size_t n = *cap ? *cap : 16;
    while (n < need)
        n *= 2;
    void *p = n > SIZE_MAX / size ? NULL : pm__realloc(items, n * size);
    if (p != NULL)
        *cap = n;
    return p;
}

static size_t id_slot(const id_map *map, pm_id id)
{
    uint64_t h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);
    size_t i = (size_t)(h >> 32) & (map->cap - 1);
    while (map->keys[i] != 0 && map->keys[i] != id)
        i = (i + 1) & (map->cap - 1);
    return i;
}

static int id_map_get(const id_map *map, pm_id id, size_t *out)
{
    if (map->cap == 0)
        return 0;
    size_t i = id_slot(map, id);
    if (map->keys[i] == 0)
        return 0;
    *out = map->values[i];
    return 1;
}

static int id_map_rehash(id_map *map, size_t cap)
{
    id_map bigger = { pm__calloc(cap, sizeof(pm_id)), pm__calloc(cap, sizeof(size_t)), cap, 0 };
    if (bigger.keys == NULL || bigger.values == NULL) {
        pm__free(bigger.keys);
        pm__free(bigger.values);
        return 0;
    }
    for (size_t i = 0; i < map->cap; i++) {
        if (map->keys[i] == 0)
            continue;
        size_t j = id_slot(&bigger, map->keys[i]);
        bigger.keys[j] = map->keys[i];
        bigger.values[j] = map->values[i];
        bigger.count++;
    }
    pm__free(map->keys);
    pm__free(map->values);
    *map = bigger;
    return 1;
}

static int id_map_put(id_map *map, pm_id id, size_t value)
{
    /* Kept at most half full so probes stay short. */
    if ((map->count + 1) * 2 > map->cap && !id_map_rehash(map, map->cap ? map->cap * 2 : 64))
        return 0;
    size_t i = id_slot(map, id);
    if (map->keys[i] == 0)
        map->count++;
    map->keys[i] = id;
    map->values[i] = value;
    return 1;
}

static void job_free(import_job *job)
{
    for (size_t r = 0; r < job->nrows; r++) {
        for (int c = 0; c < COL_COUNT; c++)
            pm__free(job->rows[r].text[c]);
        pm_person_free(job->rows[r].stored);
    }
    pm__free(job->rows);
    pm__free(job->sorted);
    pm__free(job->column_of);
    pm__free(job->names);
    pm__free(job->nodes);
    pm__free(job->ids.keys);
    pm__free(job->ids.values);
    pm__free(job->missing);
}

/* --- phase 1a: reading the file --- */

static int equals_ignoring_case(const char *a, size_t len, const char *b)
{
    if (strlen(b) != len)
        return 0;
    for (size_t i = 0; i < len; i++) {
        char x = a[i] >= 'A' && a[i] <= 'Z' ? (char)(a[i] - 'A' + 'a') : a[i];
        if (x != b[i])
            return 0;
    }
    return 1;
}

static pm_status reader_failed(import_job *job, pm_status st, const pm_error *err)
{
    return pm_error__set(&job->s->error, st, "%s", err->message);
}

static pm_status match_column(import_job *job, size_t line, size_t field, const pm_csv_field *f)
{
    pm_error err;
    pm_error__clear(&err);
    char *name = NULL;
    pm_status st = pm_text__normalize_n(&name, NULL, f->data, f->len, "header", 100,
                                        PM_TEXT_SINGLE_LINE, &err);
    if (st != PM_OK)
        return row_fail(job, st, line, "%s (column %zu)", err.message, field + 1);
    const char *text = name ? name : "";
    int found = -1;
    for (int c = 0; c < COL_COUNT && found < 0; c++)
        if (equals_ignoring_case(text, strlen(text), columns[c].name))
            found = c;
    if (found < 0) {
        st = row_fail(job, PM_EINVAL, line,
                      "header: unknown column '%s' (known: external_id, name, email, "
                      "manager_external_id, unit_path, hr_admin)", text);
    } else if (job->has[found]) {
        st = row_fail(job, PM_EINVAL, line, "header: column '%s' appears twice",
                      columns[found].name);
    } else {
        job->has[found] = 1;
        job->column_of[field] = (enum column)found;
        job->names[field] = columns[found].name;
    }
    pm__free(name);
    return st;
}

static pm_status read_header(import_job *job, pm_csv *csv)
{
    pm_error err;
    pm_status st = pm_csv__next(csv, &err);
    if (st == PM_ITEROVER)
        return row_fail(job, PM_EINVAL, csv->line,
                        "header: missing; the file must start with a row naming the columns");
    if (st != PM_OK)
        return reader_failed(job, st, &err);
    job->ncolumns = csv->nfields;
    job->column_of = pm__calloc(job->ncolumns, sizeof *job->column_of);
    job->names = pm__calloc(job->ncolumns, sizeof *job->names);
    if (job->column_of == NULL || job->names == NULL)
        return out_of_memory(job);
    for (size_t i = 0; i < csv->nfields; i++) {
        st = match_column(job, csv->record_line, i, &csv->fields[i]);
        if (st != PM_OK)
            return st;
    }
    for (int c = COL_EXTERNAL_ID; c <= COL_NAME; c++)
        if (!job->has[c])
            return row_fail(job, PM_EINVAL, csv->record_line,
                            "header: required column '%s' is missing", columns[c].name);
    pm_csv__set_names(csv, job->names);
    return PM_OK;
}

static pm_status check_unit_path(import_job *job, const import_row *row)
{
    const char *path = row->text[COL_UNIT_PATH];
    size_t len = row->len[COL_UNIT_PATH];
    if (len == 0)
        return PM_OK;
    size_t start = 0, segment = 1;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && path[i] != '/')
            continue;
        if (i == start)
            return row_fail(job, PM_EINVAL, row->line,
                            "unit_path: '%s' has an empty unit name (no name before or "
                            "after a '/')", path);
        if (pm_text__codepoints(path + start, i - start) > PM_UNIT_NAME_MAX)
            return row_fail(job, PM_ERANGE, row->line,
                            "unit_path: unit name %zu of the path is longer than %d characters",
                            segment, PM_UNIT_NAME_MAX);
        start = i + 1;
        segment++;
    }
    return PM_OK;
}

static pm_status parse_hr_admin(import_job *job, import_row *row)
{
    static const char *const yes[] = { "1", "true", "yes" };
    static const char *const no[] = { "", "0", "false", "no" };
    const char *text = row->text[COL_HR_ADMIN];
    size_t len = row->len[COL_HR_ADMIN];
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
        if (equals_ignoring_case(text, len, yes[i])) {
            row->hr_admin = 1;
            return PM_OK;
        }
    for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
        if (equals_ignoring_case(text, len, no[i])) {
            row->hr_admin = 0;
            return PM_OK;
        }
    return row_fail(job, PM_EINVAL, row->line,
                    "hr_admin: '%s' is not one of 1, true, yes, 0, false, no or empty", text);
}

/* The person API's own rule, so a file and a direct call agree. Its message
 * names the record field; the file's column name replaces it. */
static pm_status check_email(import_job *job, const import_row *row)
{
    pm_error err;
    pm_error__clear(&err);
    pm_status st = pm_person__check_email(row->text[COL_EMAIL], row->len[COL_EMAIL], &err);
    if (st == PM_OK)
        return PM_OK;
    const char *reason = strstr(err.message, ": ");
    return row_fail(job, st, row->line, "email: '%s' %s", row->text[COL_EMAIL],
                    reason ? reason + 2 : err.message);
}

static pm_status take_field(import_job *job, import_row *row, enum column c,
                            const pm_csv_field *f)
{
    pm_error err;
    pm_error__clear(&err);
    const struct column_rule *rule = &columns[c];
    pm_status st = pm_text__normalize_n(&row->text[c], &row->len[c], f->data, f->len,
                                        rule->name, rule->max_codepoints, rule->flags, &err);
    if (st != PM_OK)
        return row_fail(job, st, row->line, "%s", err.message);
    if (row->text[c] == NULL) {
        row->text[c] = pm__strndup("", 0);
        row->len[c] = 0;
        if (row->text[c] == NULL)
            return out_of_memory(job);
    }
    if (c == COL_UNIT_PATH)
        return check_unit_path(job, row);
    if (c == COL_HR_ADMIN)
        return parse_hr_admin(job, row);
    if (c == COL_EMAIL && row->len[c] > 0)
        return check_email(job, row);
    return PM_OK;
}

static pm_status read_rows(import_job *job, pm_csv *csv)
{
    pm_error err;
    for (;;) {
        pm_status st = pm_csv__next(csv, &err);
        if (st == PM_ITEROVER)
            return PM_OK;
        if (st != PM_OK)
            return reader_failed(job, st, &err);
        import_row *rows = grow(job->rows, &job->rows_cap, job->nrows + 1, sizeof *rows);
        if (rows == NULL)
            return out_of_memory(job);
        job->rows = rows;
        import_row *row = &job->rows[job->nrows++];
        memset(row, 0, sizeof *row);
        row->line = csv->record_line;
        row->manager_row = NO_ROW;
        for (size_t i = 0; i < csv->nfields; i++) {
            st = take_field(job, row, job->column_of[i], &csv->fields[i]);
            if (st != PM_OK)
                return st;
        }
    }
}

static pm_status read_file(import_job *job, const char *data, size_t len)
{
    pm_csv csv;
    pm_csv__init(&csv, data, len);
    pm_status st = read_header(job, &csv);
    if (st == PM_OK)
        st = read_rows(job, &csv);
    pm_csv__free(&csv);
    return st;
}

/* --- phase 1b: checking rows against each other and the store --- */

static int compare_text(const char *a, size_t alen, const char *b, size_t blen)
{
    int c = memcmp(a, b, alen < blen ? alen : blen);
    if (c != 0)
        return c;
    return alen < blen ? -1 : alen > blen;
}

static int by_external_id(const void *pa, const void *pb)
{
    const import_row *a = *(import_row *const *)pa, *b = *(import_row *const *)pb;
    int c = compare_text(a->text[COL_EXTERNAL_ID], a->len[COL_EXTERNAL_ID],
                         b->text[COL_EXTERNAL_ID], b->len[COL_EXTERNAL_ID]);
    return c != 0 ? c : (a->line > b->line) - (a->line < b->line);
}

static pm_status sort_rows(import_job *job, int (*cmp)(const void *, const void *))
{
    if (job->sorted == NULL) {
        job->sorted = pm__calloc(job->nrows ? job->nrows : 1, sizeof *job->sorted);
        if (job->sorted == NULL)
            return out_of_memory(job);
    }
    for (size_t i = 0; i < job->nrows; i++)
        job->sorted[i] = &job->rows[i];
    qsort(job->sorted, job->nrows, sizeof *job->sorted, cmp);
    return PM_OK;
}

static int same_external_id(const import_row *a, const import_row *b)
{
    return compare_text(a->text[COL_EXTERNAL_ID], a->len[COL_EXTERNAL_ID],
                        b->text[COL_EXTERNAL_ID], b->len[COL_EXTERNAL_ID]) == 0;
}

/* Reports the duplicate a reader meets first: the earliest second
 * occurrence, against the first occurrence of the same id. Needs the rows
 * sorted by external id, then line. */
static pm_status check_duplicates(import_job *job)
{
    const import_row *first = NULL, *again = NULL;
    size_t group = 0;
    for (size_t i = 1; i < job->nrows; i++) {
        if (!same_external_id(job->sorted[i - 1], job->sorted[i])) {
            group = i;
            continue;
        }
        if (i == group + 1 && (again == NULL || job->sorted[i]->line < again->line)) {
            first = job->sorted[group];
            again = job->sorted[i];
        }
    }
    if (again == NULL)
        return PM_OK;
    return row_fail(job, PM_ECONFLICT, again->line, "external_id: '%s' is also on line %zu",
                    again->text[COL_EXTERNAL_ID], first->line);
}

static size_t find_row(const import_job *job, const char *external_id, size_t len)
{
    size_t lo = 0, hi = job->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const import_row *r = job->sorted[mid];
        int c = compare_text(r->text[COL_EXTERNAL_ID], r->len[COL_EXTERNAL_ID], external_id, len);
        if (c == 0)
            return (size_t)(r - job->rows);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NO_ROW;
}

/* Finds a stored person by external id: *out = 0 when there is none. */
static pm_status find_stored(import_job *job, const char *external_id, size_t len,
                             pm_person **out)
{
    *out = NULL;
    pm_id id = 0;
    pm_status st = pm_person__find_external(&id, job->s, external_id, len);
    if (st == PM_ENOTFOUND) {
        pm_error__clear(&job->s->error);
        return PM_OK;
    }
    if (st != PM_OK)
        return st;
    return pm_person__load(out, job->s, id);
}

static void describe_left(char buf[PM_DATE_BUFSIZE], const pm_person *p)
{
    if (p->left_on == PM_DATE_NONE || pm_date_format(buf, p->left_on) != PM_OK)
        snprintf(buf, PM_DATE_BUFSIZE, "?");
}

static pm_status link_stored(import_job *job, size_t r)
{
    import_row *row = &job->rows[r];
    pm_status st = find_stored(job, row->text[COL_EXTERNAL_ID], row->len[COL_EXTERNAL_ID],
                               &row->stored);
    if (st != PM_OK)
        return at_line(job, row->line, st);
    if (row->stored == NULL)
        return PM_OK;
    if (row->stored->status != PM_PERSON_ACTIVE) {
        char left[PM_DATE_BUFSIZE];
        describe_left(left, row->stored);
        return row_fail(job, PM_ECONFLICT, row->line,
                        "external_id: '%s' belongs to a person who left on %s; "
                        "this import does not bring people back",
                        row->text[COL_EXTERNAL_ID], left);
    }
    row->id = row->stored->id;
    st = pm_org__manager_on(&row->stored_manager, job->s, row->id, job->date);
    if (st == PM_OK && !id_map_put(&job->ids, row->id, r))
        st = out_of_memory(job);
    return st != PM_OK ? at_line(job, row->line, st) : PM_OK;
}

static pm_status link_manager(import_job *job, import_row *row)
{
    const char *manager = row->text[COL_MANAGER];
    size_t len = row->len[COL_MANAGER];
    if (manager == NULL || len == 0)
        return PM_OK;
    if (compare_text(manager, len, row->text[COL_EXTERNAL_ID], row->len[COL_EXTERNAL_ID]) == 0)
        return row_fail(job, PM_EINVAL, row->line,
                        "manager_external_id: '%s' is the person themselves", manager);
    row->manager_row = find_row(job, manager, len);
    if (row->manager_row != NO_ROW)
        return PM_OK;
    pm_person *stored = NULL;
    pm_status st = find_stored(job, manager, len, &stored);
    if (st != PM_OK)
        return at_line(job, row->line, st);
    if (stored == NULL)
        return row_fail(job, PM_ENOTFOUND, row->line,
                        "manager_external_id: '%s' is not in the file or the store", manager);
    if (stored->status != PM_PERSON_ACTIVE || (job->flags & PM_IMPORT_MARK_MISSING_LEFT)) {
        char left[PM_DATE_BUFSIZE];
        describe_left(left, stored);
        st = stored->status != PM_PERSON_ACTIVE
                 ? row_fail(job, PM_EINVAL, row->line,
                            "manager_external_id: '%s' left on %s", manager, left)
                 : row_fail(job, PM_ENOTFOUND, row->line,
                            "manager_external_id: '%s' is not in the file, so this import "
                            "would mark them as left", manager);
    } else {
        row->manager_id = stored->id;
    }
    pm_person_free(stored);
    return st;
}

static pm_status add_node(import_job *job, pm_id id, size_t *out)
{
    graph_node *nodes = grow(job->nodes, &job->nodes_cap, job->nnodes + 1, sizeof *nodes);
    if (nodes == NULL)
        return out_of_memory(job);
    job->nodes = nodes;
    graph_node *n = &job->nodes[job->nnodes];
    memset(n, 0, sizeof *n);
    n->id = id;
    n->parent = NO_ROW;
    if (id != 0 && !id_map_put(&job->ids, id, job->nnodes))
        return out_of_memory(job);
    *out = job->nnodes++;
    return PM_OK;
}

static pm_status node_of_person(import_job *job, pm_id id, size_t *out)
{
    if (id_map_get(&job->ids, id, out))
        return PM_OK;
    return add_node(job, id, out);
}

/* The manager of node in the resulting org: the file's for file rows (the
 * stored one when the file has no manager column), the stored one for
 * everyone else, who keeps their line unless they are about to be marked
 * as left. */
static pm_status node_parent(import_job *job, size_t node, size_t *out)
{
    if (job->nodes[node].linked) {
        *out = job->nodes[node].parent;
        return PM_OK;
    }
    pm_id manager = 0;
    size_t parent = NO_ROW;
    pm_status st = PM_OK;
    if (node < job->nrows) {
        const import_row *row = &job->rows[node];
        parent = row->manager_row;
        manager = job->has[COL_MANAGER] ? row->manager_id : row->stored_manager;
    } else if (!(job->flags & PM_IMPORT_MARK_MISSING_LEFT)) {
        st = pm_org__manager_on(&manager, job->s, job->nodes[node].id, job->date);
    }
    if (st == PM_OK && parent == NO_ROW && manager != 0)
        st = node_of_person(job, manager, &parent);
    if (st != PM_OK)
        return st;
    job->nodes[node].parent = parent;
    job->nodes[node].linked = 1;
    *out = parent;
    return PM_OK;
}

static pm_status append_label(import_job *job, pm_buf *buf, size_t node)
{
    if (node < job->nrows)
        return pm_buf__appends(buf, job->rows[node].text[COL_EXTERNAL_ID]);
    pm_person *p = NULL;
    if (pm_person__load(&p, job->s, job->nodes[node].id) != PM_OK)
        return pm_buf__printf(buf, "#%lld", (long long)job->nodes[node].id);
    pm_status st = pm_buf__appends(buf, p->external_id);
    pm_person_free(p);
    return st;
}

/* Names the cycle from its row that comes last in the file, the one that
 * closes it when the file is read top to bottom. */
static pm_status report_cycle(import_job *job, const size_t *path, size_t npath, size_t from,
                              size_t origin)
{
    size_t start = from;
    for (size_t i = from; i < npath; i++)
        if (path[i] < job->nrows &&
            (path[start] >= job->nrows || job->rows[path[i]].line > job->rows[path[start]].line))
            start = i;
    size_t count = npath - from;
    pm_buf buf = PM_BUF_INIT;
    pm_status st = PM_OK;
    for (size_t k = 0; k <= count && st == PM_OK; k++) {
        size_t node = path[from + (start - from + k) % count];
        if (k > 0)
            st = pm_buf__appends(&buf, " -> ");
        if (st == PM_OK)
            st = append_label(job, &buf, node);
    }
    /* Only a damaged store has a cycle without a row of the file in it. */
    size_t line = job->rows[path[start] < job->nrows ? path[start] : origin].line;
    if (st == PM_OK)
        st = row_fail(job, PM_ECYCLE, line, "manager_external_id: cycle %s", buf.data);
    else
        st = out_of_memory(job);
    pm_buf__free(&buf);
    return st;
}

/* Walks up from every row, colouring nodes, to find cycles and each
 * person's depth (the order in which managers can be set without a
 * moment's cycle). */
static pm_status check_cycles(import_job *job)
{
    size_t *path = NULL, npath = 0, cap = 0;
    pm_status st = PM_OK;
    for (size_t r = 0; r < job->nrows && st == PM_OK; r++) {
        size_t v = r;
        npath = 0;
        while (st == PM_OK && v != NO_ROW && job->nodes[v].state == NODE_NEW) {
            size_t *longer = grow(path, &cap, npath + 1, sizeof *path);
            if (longer == NULL) {
                st = out_of_memory(job);
                break;
            }
            path = longer;
            job->nodes[v].state = NODE_ON_PATH;
            path[npath++] = v;
            st = node_parent(job, v, &v);
        }
        if (st != PM_OK)
            break;
        if (v != NO_ROW && job->nodes[v].state == NODE_ON_PATH) {
            size_t from = 0;
            while (path[from] != v)
                from++;
            st = report_cycle(job, path, npath, from, r);
            break;
        }
        size_t depth = v == NO_ROW ? 0 : job->nodes[v].depth + 1;
        while (npath > 0) {
            size_t u = path[--npath];
            job->nodes[u].depth = depth++;
            job->nodes[u].state = NODE_DONE;
        }
    }
    pm__free(path);
    for (size_t r = 0; r < job->nrows && st == PM_OK; r++)
        job->rows[r].depth = job->nodes[r].depth;
    return st;
}

static int collect_active(const pm_row *row, void *payload)
{
    import_job *job = payload;
    if (row->values[PM_PERSON_STATUS].v.i != PM_PERSON_ACTIVE)
        return 0;
    size_t node;
    if (id_map_get(&job->ids, row->id, &node) && node < job->nrows)
        return 0;
    pm_id *missing = grow(job->missing, &job->missing_cap, job->nmissing + 1, sizeof *missing);
    if (missing == NULL)
        return out_of_memory(job);
    job->missing = missing;
    job->missing[job->nmissing++] = row->id;
    return 0;
}

static pm_status find_missing(import_job *job)
{
    pm_scan scan;
    memset(&scan, 0, sizeof scan);
    scan.kind = PM_KIND_PERSON;
    scan.index = PM_SCAN_BY_ID;
    return pm_api__scan(job->s, &scan, collect_active, job);
}

static pm_status check_against_store(import_job *job)
{
    pm_status st = sort_rows(job, by_external_id);
    if (st == PM_OK)
        st = check_duplicates(job);
    for (size_t r = 0; r < job->nrows && st == PM_OK; r++) {
        size_t node = 0;
        st = link_stored(job, r);
        if (st == PM_OK)
            st = link_manager(job, &job->rows[r]);
        if (st == PM_OK)
            st = add_node(job, 0, &node);
        if (st == PM_OK)
            job->nodes[node].id = job->rows[r].id;
    }
    if (st == PM_OK)
        st = check_cycles(job);
    if (st == PM_OK && (job->flags & PM_IMPORT_MARK_MISSING_LEFT))
        st = find_missing(job);
    return st;
}

/* --- phase 2: writing, in one transaction --- */

static int by_unit_path(const void *pa, const void *pb)
{
    const import_row *a = *(import_row *const *)pa, *b = *(import_row *const *)pb;
    int c = compare_text(a->text[COL_UNIT_PATH], a->len[COL_UNIT_PATH],
                         b->text[COL_UNIT_PATH], b->len[COL_UNIT_PATH]);
    return c != 0 ? c : (a->line > b->line) - (a->line < b->line);
}

/* Finds or creates each unit along the row's path. */
static pm_status resolve_path(import_job *job, const import_row *row, pm_id *out)
{
    const char *path = row->text[COL_UNIT_PATH];
    size_t len = row->len[COL_UNIT_PATH];
    pm_id parent = 0;
    for (size_t start = 0; start < len;) {
        const char *slash = memchr(path + start, '/', len - start);
        size_t end = slash ? (size_t)(slash - path) : len;
        pm_id unit = 0;
        pm_status st = pm_unit__find_child(&unit, job->s, parent, path + start, end - start);
        if (st == PM_ENOTFOUND) {
            pm_unit_opts o = PM_UNIT_OPTS_INIT;
            o.name = path + start;
            o.name_len = end - start;
            o.parent = parent;
            st = pm_unit__insert(&unit, job->s, &o);
            if (st == PM_OK)
                job->stats.units_created++;
        }
        if (st != PM_OK)
            return at_line(job, row->line, st);
        parent = unit;
        start = end + 1;
    }
    *out = parent;
    return PM_OK;
}

/* Each distinct path is resolved once, in sorted order so equal paths are
 * neighbours. */
static pm_status write_units(import_job *job)
{
    if (!job->has[COL_UNIT_PATH])
        return PM_OK;
    pm_status st = sort_rows(job, by_unit_path);
    for (size_t i = 0; i < job->nrows && st == PM_OK; i++) {
        import_row *row = job->sorted[i];
        const import_row *prev = i > 0 ? job->sorted[i - 1] : NULL;
        if (prev != NULL && compare_text(prev->text[COL_UNIT_PATH], prev->len[COL_UNIT_PATH],
                                         row->text[COL_UNIT_PATH], row->len[COL_UNIT_PATH]) == 0)
            row->unit = job->sorted[i - 1]->unit;
        else
            st = resolve_path(job, row, &row->unit);
    }
    return st;
}

static pm_status insert_person(import_job *job, import_row *row)
{
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    o.external_id = row->text[COL_EXTERNAL_ID];
    o.external_id_len = row->len[COL_EXTERNAL_ID];
    o.display_name = row->text[COL_NAME];
    o.display_name_len = row->len[COL_NAME];
    if (row->text[COL_EMAIL] != NULL && row->len[COL_EMAIL] > 0) {
        o.email = row->text[COL_EMAIL];
        o.email_len = row->len[COL_EMAIL];
    }
    o.hr_admin = job->has[COL_HR_ADMIN] ? row->hr_admin : 0;
    o.unit = row->unit;
    o.start = job->date;
    pm_status st = pm_person__insert(&row->id, job->s, &o);
    if (st != PM_OK)
        return at_line(job, row->line, st);
    job->stats.people_created++;
    return PM_OK;
}

static pm_status update_record(import_job *job, import_row *row)
{
    const pm_person *p = row->stored;
    pm_person_opts o = PM_PERSON_OPTS_INIT;
    if (strcmp(p->display_name, row->text[COL_NAME]) != 0) {
        o.display_name = row->text[COL_NAME];
        o.display_name_len = row->len[COL_NAME];
    }
    if (row->text[COL_EMAIL] != NULL && strcmp(p->email, row->text[COL_EMAIL]) != 0) {
        o.email = row->text[COL_EMAIL];
        o.email_len = row->len[COL_EMAIL];
    }
    if (o.display_name == NULL && o.email == NULL)
        return PM_OK;
    row->changed = 1;
    return pm_person__update(job->s, row->id, &o);
}

static pm_status update_person(import_job *job, import_row *row)
{
    pm_status st = update_record(job, row);
    if (st == PM_OK && job->has[COL_HR_ADMIN] && (row->stored->hr_admin != 0) != row->hr_admin) {
        row->changed = 1;
        st = pm_person__set_hr_admin(job->s, row->id, row->hr_admin);
    }
    if (st == PM_OK && job->has[COL_UNIT_PATH]) {
        pm_id unit = 0;
        st = pm_org__unit_on(&unit, job->s, row->id, job->date);
        if (st == PM_OK && unit != row->unit) {
            row->changed = 1;
            st = pm_org__set_unit(job->s, row->id, row->unit, job->date);
        }
    }
    return st != PM_OK ? at_line(job, row->line, st) : PM_OK;
}

static pm_status write_people(import_job *job)
{
    pm_status st = PM_OK;
    for (size_t r = 0; r < job->nrows && st == PM_OK; r++) {
        import_row *row = &job->rows[r];
        st = row->stored ? update_person(job, row) : insert_person(job, row);
    }
    return st;
}

static int by_depth(const void *pa, const void *pb)
{
    const import_row *a = *(import_row *const *)pa, *b = *(import_row *const *)pb;
    if (a->depth != b->depth)
        return a->depth < b->depth ? -1 : 1;
    return (a->line > b->line) - (a->line < b->line);
}

/* Top-down: when a person's line is set, every line above them is already
 * final, and the final org has no cycle, so no step can make one. */
static pm_status write_managers(import_job *job)
{
    if (!job->has[COL_MANAGER])
        return PM_OK;
    pm_status st = sort_rows(job, by_depth);
    for (size_t i = 0; i < job->nrows && st == PM_OK; i++) {
        import_row *row = job->sorted[i];
        pm_id manager = row->manager_row != NO_ROW ? job->rows[row->manager_row].id
                                                   : row->manager_id;
        if (manager == row->stored_manager)
            continue;
        if (row->stored)
            row->changed = 1;
        st = pm_org__set_manager(job->s, row->id, manager, job->date);
        if (st != PM_OK)
            st = at_line(job, row->line, st);
    }
    return st;
}

static pm_status mark_missing_left(import_job *job)
{
    for (size_t i = 0; i < job->nmissing; i++) {
        pm_status st = pm_person__set_left(job->s, job->missing[i], job->date);
        if (st != PM_OK) {
            char message[PM_ERRMSG_MAX];
            snprintf(message, sizeof message, "%s", job->s->error.message);
            return pm_error__set(&job->s->error, st,
                                 "marking person %lld (not in the file) as left: %s",
                                 (long long)job->missing[i], message);
        }
        job->stats.people_left++;
    }
    return PM_OK;
}

static pm_status write_all(import_job *job)
{
    pm_status st = write_units(job);
    if (st == PM_OK)
        st = write_people(job);
    if (st == PM_OK)
        st = write_managers(job);
    if (st == PM_OK)
        st = mark_missing_left(job);
    for (size_t r = 0; r < job->nrows && st == PM_OK; r++)
        if (job->rows[r].changed)
            job->stats.people_updated++;
    return st;
}

/* --- the public functions --- */

pm_status pm_import_opts_init(pm_import_opts *opts, unsigned int version)
{
    if (opts == NULL)
        return PM_EINVAL;
    if (version < 1 || version > PM_IMPORT_OPTS_VERSION)
        return PM_EVERSION;
    pm_import_opts init = PM_IMPORT_OPTS_INIT;
    *opts = init;
    opts->version = version;
    return PM_OK;
}

/* Checks the stats version and zeroes the counters, so a failed import
 * reports that nothing was done. */
static pm_status reset_stats(pm_session *s, pm_import_stats *stats)
{
    if (stats == NULL)
        return PM_OK;
    pm_status st = pm_api__check_version(s, "import_stats", stats->version,
                                         PM_IMPORT_STATS_VERSION);
    if (st != PM_OK)
        return st;
    unsigned int version = stats->version;
    memset(stats, 0, sizeof *stats);
    stats->version = version;
    return PM_OK;
}

static pm_status check_opts(pm_session *s, const pm_import_opts *opts)
{
    pm_status st = pm_api__check_version(s, "import_opts", opts->version,
                                         PM_IMPORT_OPTS_VERSION);
    if (st != PM_OK)
        return st;
    unsigned int unknown = opts->flags & ~PM_IMPORT_MARK_MISSING_LEFT;
    if (unknown != 0)
        return pm_error__set(&s->error, PM_EINVAL,
                             "import_opts.flags: 0x%x holds flags this library does not know",
                             unknown);
    if (opts->date != PM_DATE_NONE && pm_date_to_ymd(opts->date, NULL, NULL, NULL) != PM_OK)
        return pm_error__set(&s->error, PM_ERANGE,
                             "import_opts.date: %ld is not a date in years 1 to 9999",
                             (long)opts->date);
    return PM_OK;
}

static pm_status run_import(import_job *job, const char *data, size_t len)
{
    pm_status st = read_file(job, data, len);
    if (st != PM_OK)
        return st;
    /* The checks read the store inside the transaction, so what they see is
     * what the writes change. */
    st = pm_api__begin(job->s);
    if (st != PM_OK)
        return st;
    st = check_against_store(job);
    if (st == PM_OK)
        st = write_all(job);
    return pm_api__finish(job->s, st);
}

pm_status pm_import_csv(pm_session *s, const char *data, size_t len,
                        const pm_import_opts *opts, pm_import_stats *stats)
{
    PM_CHECK_SESSION(s);
    pm_status st = reset_stats(s, stats);
    if (st != PM_OK)
        return st;
    PM_CHECK_ARG(s, data != NULL || len == 0, "data");
    pm_import_opts defaults = PM_IMPORT_OPTS_INIT;
    if (opts == NULL)
        opts = &defaults;
    st = check_opts(s, opts);
    if (st == PM_OK)
        st = pm_api__authorize(s, PM_ACT_IMPORT, 0);
    if (st != PM_OK)
        return st;

    import_job job;
    memset(&job, 0, sizeof job);
    job.s = s;
    job.date = pm_api__date_or_today(s->db, opts->date);
    job.flags = opts->flags;
    job.stats.version = stats ? stats->version : PM_IMPORT_STATS_VERSION;
    st = run_import(&job, data ? data : "", len);
    if (st == PM_OK) {
        job.stats.rows = job.nrows;
        if (stats != NULL)
            *stats = job.stats;
    }
    job_free(&job);
    return st;
}

static pm_status io_failed(pm_session *s, const char *path, int error)
{
    char reason[128];
    if (strerror_r(error, reason, sizeof reason) != 0)
        snprintf(reason, sizeof reason, "error %d", error);
    return pm_error__set(&s->error, PM_EIO, "%s: %s", path, reason);
}

static pm_status read_whole_file(pm_session *s, const char *path, pm_buf *buf)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return io_failed(s, path, errno);
    pm_status st = PM_OK;
    for (;;) {
        if (pm_buf__grow(buf, 65536) != PM_OK) {
            st = pm_error__set(&s->error, PM_ENOMEM, "%s: out of memory", path);
            break;
        }
        size_t n = fread(buf->data + buf->len, 1, buf->cap - buf->len - 1, f);
        buf->len += n;
        if (n == 0)
            break;
    }
    if (st == PM_OK && ferror(f))
        st = io_failed(s, path, errno);
    fclose(f);
    return st;
}

pm_status pm_import_csv_file(pm_session *s, const char *path, const pm_import_opts *opts,
                             pm_import_stats *stats)
{
    PM_CHECK_SESSION(s);
    pm_status st = reset_stats(s, stats);
    if (st != PM_OK)
        return st;
    PM_CHECK_ARG(s, path != NULL, "path");
    pm_buf buf = PM_BUF_INIT;
    st = read_whole_file(s, path, &buf);
    if (st == PM_OK)
        st = pm_import_csv(s, buf.data, buf.len, opts, stats);
    pm_buf__free(&buf);
    return st;
}
