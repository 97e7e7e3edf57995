/* Import, phase two: checking the rows against each other and the store,
 * inside the transaction, before anything is written. Each row is linked to
 * the person it updates and to its manager; the reporting graph the import
 * would leave is walked for cycles and gives the order managers are set in. */
#include "import_internal.h"

#include <stdio.h>
#include <string.h>

#include "../util/buf.h"

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

static int compare_external_id(const import_row *row, const char *external_id, size_t len)
{
    return pm_import__compare_text(row->text[COL_EXTERNAL_ID], row->len[COL_EXTERNAL_ID],
                                   external_id, len);
}

static int by_external_id(const void *pa, const void *pb)
{
    const import_row *a = *(import_row *const *)pa, *b = *(import_row *const *)pb;
    int c = compare_external_id(a, b->text[COL_EXTERNAL_ID], b->len[COL_EXTERNAL_ID]);
    return c != 0 ? c : (a->line > b->line) - (a->line < b->line);
}

static int same_external_id(const import_row *a, const import_row *b)
{
    return compare_external_id(a, b->text[COL_EXTERNAL_ID], b->len[COL_EXTERNAL_ID]) == 0;
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
    return pm_import__row_fail(job, PM_ECONFLICT, again->line,
                               "external_id: '%s' is also on line %zu",
                               again->text[COL_EXTERNAL_ID], first->line);
}

static size_t find_row(const import_job *job, const char *external_id, size_t len)
{
    size_t lo = 0, hi = job->nrows;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const import_row *r = job->sorted[mid];
        int c = compare_external_id(r, external_id, len);
        if (c == 0)
            return (size_t)(r - job->rows);
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NO_ROW;
}

/* Reads a stored person by external id: *out = NULL when there is none. */
static pm_status find_stored(import_job *job, const char *external_id, size_t len,
                             pm_person **out)
{
    pm_status st = pm_person__load_external(out, job->s, external_id, len);
    if (st == PM_ENOTFOUND) {
        pm_error__clear(&job->s->error);
        return PM_OK;
    }
    return st;
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
        return pm_import__at_line(job, row->line, st);
    if (row->stored == NULL)
        return PM_OK;
    if (row->stored->status != PM_PERSON_ACTIVE) {
        char left[PM_DATE_BUFSIZE];
        describe_left(left, row->stored);
        return pm_import__row_fail(job, PM_ECONFLICT, row->line,
                                   "external_id: '%s' belongs to a person who left on %s; "
                                   "this import does not bring people back",
                                   row->text[COL_EXTERNAL_ID], left);
    }
    row->id = row->stored->id;
    st = pm_org__manager_on(&row->stored_manager, job->s, row->id, job->date);
    if (st == PM_OK && !id_map_put(&job->ids, row->id, r))
        st = pm_import__out_of_memory(job);
    return st != PM_OK ? pm_import__at_line(job, row->line, st) : PM_OK;
}

static pm_status link_manager(import_job *job, import_row *row)
{
    const char *manager = row->text[COL_MANAGER];
    size_t len = row->len[COL_MANAGER];
    if (manager == NULL || len == 0)
        return PM_OK;
    if (compare_external_id(row, manager, len) == 0)
        return pm_import__row_fail(job, PM_EINVAL, row->line,
                                   "manager_external_id: '%s' is the person themselves", manager);
    row->manager_row = find_row(job, manager, len);
    if (row->manager_row != NO_ROW)
        return PM_OK;
    pm_person *stored = NULL;
    pm_status st = find_stored(job, manager, len, &stored);
    if (st != PM_OK)
        return pm_import__at_line(job, row->line, st);
    if (stored == NULL)
        return pm_import__row_fail(job, PM_ENOTFOUND, row->line,
                                   "manager_external_id: '%s' is not in the file or the store",
                                   manager);
    if (stored->status != PM_PERSON_ACTIVE || (job->flags & PM_IMPORT_MARK_MISSING_LEFT)) {
        char left[PM_DATE_BUFSIZE];
        describe_left(left, stored);
        st = stored->status != PM_PERSON_ACTIVE
                 ? pm_import__row_fail(job, PM_EINVAL, row->line,
                                       "manager_external_id: '%s' left on %s", manager, left)
                 : pm_import__row_fail(job, PM_ENOTFOUND, row->line,
                                       "manager_external_id: '%s' is not in the file, so this "
                                       "import would mark them as left", manager);
    } else {
        row->manager_id = stored->id;
    }
    pm_person_free(stored);
    return st;
}

static pm_status add_node(import_job *job, pm_id id, size_t *out)
{
    graph_node *nodes = pm_import__grow(job->nodes, &job->nodes_cap, job->nnodes + 1,
                                        sizeof *nodes);
    if (nodes == NULL)
        return pm_import__out_of_memory(job);
    job->nodes = nodes;
    graph_node *n = &job->nodes[job->nnodes];
    memset(n, 0, sizeof *n);
    n->id = id;
    n->parent = NO_ROW;
    if (id != 0 && !id_map_put(&job->ids, id, job->nnodes))
        return pm_import__out_of_memory(job);
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
        st = pm_import__row_fail(job, PM_ECYCLE, line, "manager_external_id: cycle %s", buf.data);
    else
        st = pm_import__out_of_memory(job);
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
            size_t *longer = pm_import__grow(path, &cap, npath + 1, sizeof *path);
            if (longer == NULL) {
                st = pm_import__out_of_memory(job);
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
    pm_id *missing = pm_import__grow(job->missing, &job->missing_cap, job->nmissing + 1,
                                     sizeof *missing);
    if (missing == NULL)
        return pm_import__out_of_memory(job);
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

pm_status pm_import__check(import_job *job)
{
    pm_status st = pm_import__sort_rows(job, by_external_id);
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
