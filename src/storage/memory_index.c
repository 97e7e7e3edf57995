/* The in-memory backend's data structures: value order and typing, row
 * blocks, the ordered lists (skip lists) and the id table (see memory.c for
 * why these). Nothing here allocates except pm_memory__row_new() and
 * pm_memory__id_reserve(), so linking and unlinking cannot fail. */
#include "memory_internal.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "../util/alloc.h"

#define MEM_ALIGN ((size_t)_Alignof(max_align_t))
#define MEM_MIN_SLOTS 16u

/* ---- value order and typing ---- */

static int cmp_bytes(const pm_value *a, const pm_value *b)
{
    size_t n = a->v.b.len < b->v.b.len ? a->v.b.len : b->v.b.len;
    int d = n ? memcmp(a->v.b.data, b->v.b.data, n) : 0;
    if (d != 0)
        return d < 0 ? -1 : 1;
    return (a->v.b.len > b->v.b.len) - (a->v.b.len < b->v.b.len);
}

/* Both values are NULL or of the one type their field allows. */
static int cmp_value(const pm_value *a, const pm_value *b)
{
    if (a->type == PM_VALUE_NULL || b->type == PM_VALUE_NULL)
        return (a->type != PM_VALUE_NULL) - (b->type != PM_VALUE_NULL);
    switch (a->type) {
    case PM_VALUE_INT:
        return (a->v.i > b->v.i) - (a->v.i < b->v.i);
    case PM_VALUE_REAL:
        return (a->v.r > b->v.r) - (a->v.r < b->v.r);
    default:
        return cmp_bytes(a, b);
    }
}

static int cmp_id(pm_id id, const pm_value *key)
{
    if (key->type == PM_VALUE_NULL)
        return 1;
    return (id > key->v.i) - (id < key->v.i);
}

/* Compares a row's key parts from..nkey-1 with key. */
static int cmp_parts(const pm_memory_list *l, const pm_memory_row *r, const pm_value *key,
                     unsigned int from, unsigned int nkey)
{
    for (unsigned int c = from; c < nkey; c++) {
        int d = c < l->nfields ? cmp_value(&r->values[l->fields[c]], &key[c])
                               : cmp_id(r->id, &key[c]);
        if (d != 0)
            return d;
    }
    return 0;
}

/* The order-keeping prefix of a non-NULL value. Zero is made positive
 * because -0.0 and 0.0 compare equal. */
static uint64_t value_prefix(const pm_value *v, int *exact)
{
    const uint64_t sign = UINT64_C(1) << 63;
    uint64_t bits = 0;
    *exact = 1;
    switch (v->type) {
    case PM_VALUE_INT:
        return (uint64_t)v->v.i ^ sign;
    case PM_VALUE_REAL: {
        double r = v->v.r == 0.0 ? 0.0 : v->v.r;
        memcpy(&bits, &r, sizeof bits);
        return (bits & sign) ? ~bits : bits | sign;
    }
    default: {
        const unsigned char *b = v->v.b.data;
        for (size_t i = 0; i < 8; i++)
            bits = bits << 8 | (i < v->v.b.len ? b[i] : 0u);
        *exact = 0;
        return bits;
    }
    }
}

void pm_memory__key_init(pm_memory_key *key, const pm_value *values, unsigned int n)
{
    key->values = values;
    key->n = n;
    key->first_set = n > 0 && values[0].type != PM_VALUE_NULL;
    key->exact = 1;
    key->prefix = key->first_set ? value_prefix(&values[0], &key->exact) : 0;
}

int pm_memory__cmp_node(const pm_memory_list *l, const pm_memory_node *node,
                        const pm_memory_key *key)
{
    if (key->n == 0)
        return 0;
    if (node->first_set != key->first_set)
        return node->first_set ? 1 : -1;
    if (node->prefix != key->prefix)
        return node->prefix < key->prefix ? -1 : 1;
    return cmp_parts(l, node->row, key->values, key->exact ? 1 : 0, key->n);
}

pm_value_type pm_memory__value_type(pm_field_type type)
{
    switch (type) {
    case PM_FIELD_REAL: return PM_VALUE_REAL;
    case PM_FIELD_TEXT: return PM_VALUE_TEXT;
    case PM_FIELD_BLOB: return PM_VALUE_BLOB;
    default: return PM_VALUE_INT; /* INT, DATE and TIME */
    }
}

/* NaN is refused because it has no place in the order. */
const char *pm_memory__value_misfit(const pm_memory_field *f, const pm_value *v)
{
    switch (v->type) {
    case PM_VALUE_NULL:
        return NULL;
    case PM_VALUE_INT:
    case PM_VALUE_REAL:
    case PM_VALUE_TEXT:
    case PM_VALUE_BLOB:
        break;
    default:
        return "unknown value type tag";
    }
    if (v->type != pm_memory__value_type(f->type))
        return "has a value of the wrong type";
    if (v->type == PM_VALUE_REAL && isnan(v->v.r))
        return "must not be NaN (it has no place in the order)";
    if (v->type == PM_VALUE_TEXT || v->type == PM_VALUE_BLOB) {
        if (v->v.b.data == NULL && v->v.b.len > 0)
            return "data is NULL but len is not 0";
        if (v->type == PM_VALUE_TEXT && v->v.b.len > 0 && memchr(v->v.b.data, 0, v->v.b.len))
            return "contains a NUL byte";
    }
    return NULL;
}

/* ---- rows ---- */

static size_t align_up(size_t n)
{
    return (n + MEM_ALIGN - 1) & ~(MEM_ALIGN - 1);
}

/* Skip-list height from a hash of (id, list), one level in four going up:
 * the same row always gets the same heights, and the store keeps no random
 * state. */
static unsigned int node_height(pm_id id, unsigned int list)
{
    uint64_t x = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15) + list * UINT64_C(0xD1B54A32D192ED03);
    x ^= x >> 30;
    x *= UINT64_C(0xBF58476D1CE4E5B9);
    x ^= x >> 27;
    x *= UINT64_C(0x94D049BB133111EB);
    x ^= x >> 31;
    unsigned int h = 1;
    while (h < PM_MEMORY_MAX_LEVEL && (x & 3u) == 0) {
        h++;
        x >>= 2;
    }
    return h;
}

size_t pm_memory__node_size(unsigned int height)
{
    return align_up(offsetof(pm_memory_node, next) + height * sizeof(pm_memory_node *));
}

static size_t row_header_size(const pm_memory_kind *k)
{
    return align_up(offsetof(pm_memory_row, nodes) + (1u + k->nindexes) * sizeof(pm_memory_node *));
}

/* Adds the bytes of the text and blob values to *total: 0 when the sum
 * would overflow. */
static int add_value_bytes(size_t *total, const pm_memory_kind *k, const pm_value *values)
{
    for (unsigned int i = 0; i < k->nfields; i++) {
        if (values[i].type != PM_VALUE_TEXT && values[i].type != PM_VALUE_BLOB)
            continue;
        if (values[i].v.b.len > SIZE_MAX - *total)
            return 0;
        *total += values[i].v.b.len;
    }
    return 1;
}

/* Copies values into dst, their bytes to p onwards. */
static void copy_values(pm_value *dst, unsigned char *p, const pm_memory_kind *k,
                        const pm_value *values)
{
    for (unsigned int i = 0; i < k->nfields; i++) {
        pm_value *v = &dst[i];
        *v = values[i];
        if (v->type == PM_VALUE_NULL) {
            v->v.i = 0;
        } else if (v->type == PM_VALUE_TEXT || v->type == PM_VALUE_BLOB) {
            if (v->v.b.len > 0)
                memcpy(p, values[i].v.b.data, v->v.b.len);
            v->v.b.data = p;
            p += v->v.b.len;
        }
    }
}

/* Sets the prefix a node keeps of its row's first key part in list l. */
static void node_set_prefix(const pm_memory_kind *k, pm_memory_node *node, unsigned int l)
{
    pm_value first;
    pm_memory_key key;
    if (l == 0) {
        first.type = PM_VALUE_INT;
        first.v.i = node->row->id;
    } else {
        first = node->row->values[k->indexes[l - 1].fields[0]];
    }
    pm_memory__key_init(&key, &first, 1);
    node->prefix = key.prefix;
    node->first_set = key.first_set;
}

pm_status pm_memory__row_new(pm_memory_row **out, size_t *size, const pm_memory_kind *k,
                             pm_id id, const pm_value *values)
{
    unsigned int nlists = 1 + k->nindexes;
    size_t header = row_header_size(k);
    size_t values_size = align_up(k->nfields * sizeof(pm_value));
    size_t total = header + values_size;
    for (unsigned int l = 0; l < nlists; l++)
        total += pm_memory__node_size(node_height(id, l));
    if (!add_value_bytes(&total, k, values)) {
        *size = SIZE_MAX;
        return PM_ENOMEM;
    }
    *size = total;
    pm_memory_row *row = pm__malloc(total);
    if (row == NULL)
        return PM_ENOMEM;

    unsigned char *p = (unsigned char *)row + header;
    row->id = id;
    row->values = (pm_value *)(void *)p;
    p += values_size;
    for (unsigned int l = 0; l < nlists; l++) {
        row->nodes[l] = (pm_memory_node *)(void *)p;
        row->nodes[l]->height = node_height(id, l);
        p += pm_memory__node_size(row->nodes[l]->height);
    }
    copy_values(row->values, p, k, values);
    for (unsigned int l = 0; l < nlists; l++) {
        pm_memory_node *node = row->nodes[l];
        node->row = row;
        node->prev = NULL;
        node_set_prefix(k, node, l);
    }
    *out = row;
    return PM_OK;
}

pm_status pm_memory__values_new(pm_value **out, size_t *size, const pm_memory_kind *k,
                                const pm_value *values)
{
    size_t values_size = align_up(k->nfields * sizeof(pm_value));
    size_t total = values_size ? values_size : MEM_ALIGN;
    if (!add_value_bytes(&total, k, values)) {
        *size = SIZE_MAX;
        return PM_ENOMEM;
    }
    *size = total;
    pm_value *block = pm__malloc(total);
    if (block == NULL)
        return PM_ENOMEM;
    copy_values(block, (unsigned char *)block + values_size, k, values);
    *out = block;
    return PM_OK;
}

int pm_memory__values_apart(const pm_memory_kind *k, const pm_memory_row *row,
                            const pm_value *values)
{
    return (const unsigned char *)values != (const unsigned char *)row + row_header_size(k);
}

void pm_memory__row_free(const pm_memory_kind *k, pm_memory_row *row)
{
    if (row == NULL)
        return;
    if (pm_memory__values_apart(k, row, row->values))
        pm__free(row->values);
    pm__free(row);
}

/* ---- skip lists ---- */

/* The row's full key in list l: its fields, then its id. */
static void row_key(const pm_memory_list *l, const pm_memory_row *r, pm_value *values,
                    pm_memory_key *key)
{
    for (unsigned int c = 0; c < l->nfields; c++)
        values[c] = r->values[l->fields[c]];
    values[l->nfields].type = PM_VALUE_INT;
    values[l->nfields].v.i = r->id;
    pm_memory__key_init(key, values, l->nfields + 1);
}

/* pm_memory__list_seek() that also fills update[level] with each level's
 * last node below the key, for linking and unlinking. The node that ended
 * the walk on one level often ends it on the next one down too; it is not
 * compared twice. */
static pm_memory_node *seek(const pm_memory_list *l, const pm_memory_key *key, int t,
                            pm_memory_node **update)
{
    pm_memory_node *x = l->head;
    pm_memory_node *stop = NULL;
    for (unsigned int lv = l->level; lv-- > 0;) {
        pm_memory_node *n;
        while ((n = x->next[lv]) != NULL && n != stop && pm_memory__cmp_node(l, n, key) < t)
            x = n;
        stop = n;
        if (update != NULL)
            update[lv] = x;
    }
    return x;
}

pm_memory_node *pm_memory__list_seek(const pm_memory_list *l, const pm_memory_key *key, int t)
{
    return seek(l, key, t, NULL);
}

static void list_link(pm_memory_list *l, pm_memory_node *node)
{
    pm_value values[PM_INDEX_MAX_FIELDS + 1];
    pm_memory_key key;
    pm_memory_node *update[PM_MEMORY_MAX_LEVEL];
    row_key(l, node->row, values, &key);
    seek(l, &key, 0, update);
    for (unsigned int lv = l->level; lv < node->height; lv++)
        update[lv] = l->head;
    if (node->height > l->level)
        l->level = node->height;
    for (unsigned int lv = 0; lv < node->height; lv++) {
        node->next[lv] = update[lv]->next[lv];
        update[lv]->next[lv] = node;
    }
    node->prev = update[0] == l->head ? NULL : update[0];
    if (node->next[0] != NULL)
        node->next[0]->prev = node;
}

static void list_unlink(pm_memory_list *l, pm_memory_node *node)
{
    pm_value values[PM_INDEX_MAX_FIELDS + 1];
    pm_memory_key key;
    pm_memory_node *update[PM_MEMORY_MAX_LEVEL];
    row_key(l, node->row, values, &key);
    seek(l, &key, 0, update);
    for (unsigned int lv = 0; lv < node->height; lv++)
        update[lv]->next[lv] = node->next[lv];
    if (node->next[0] != NULL)
        node->next[0]->prev = node->prev;
    while (l->level > 0 && l->head->next[l->level - 1] == NULL)
        l->level--;
}

/* 1 when index i orders a and b alike: it covers none of fields, or its
 * fields compare equal in both (then its key, and the row's place, stay). */
static int index_keeps_place(const pm_memory_kind *k, unsigned int i, const pm_value *a,
                             const pm_value *b, uint64_t fields)
{
    const pm_memory_index *ix = &k->indexes[i];
    if (!(ix->mask & fields))
        return 1;
    for (unsigned int c = 0; c < ix->nfields; c++)
        if (cmp_value(&a[ix->fields[c]], &b[ix->fields[c]]) != 0)
            return 0;
    return 1;
}

void pm_memory__row_swap_values(pm_memory_kind *k, pm_memory_row *row, pm_value *values,
                                uint64_t fields)
{
    pm_value *old = row->values;
    for (unsigned int i = 0; i < k->nindexes; i++)
        if (!index_keeps_place(k, i, old, values, fields))
            list_unlink(&k->lists[1 + i], row->nodes[1 + i]);
    row->values = values;
    for (unsigned int i = 0; i < k->nindexes; i++) {
        if (index_keeps_place(k, i, old, values, fields))
            continue;
        node_set_prefix(k, row->nodes[1 + i], 1 + i);
        list_link(&k->lists[1 + i], row->nodes[1 + i]);
    }
}

void pm_memory__row_link(pm_memory_kind *k, pm_memory_row *row)
{
    for (unsigned int l = 0; l <= k->nindexes; l++)
        list_link(&k->lists[l], row->nodes[l]);
}

void pm_memory__row_unlink(pm_memory_kind *k, pm_memory_row *row)
{
    for (unsigned int l = 0; l <= k->nindexes; l++)
        list_unlink(&k->lists[l], row->nodes[l]);
}

/* ---- id table ---- */

/* Ids come in sequence, so the identity hash puts nearly every id in its
 * home slot, and the slots form long unbroken runs. With plain linear
 * probing a removal would scan to the end of its run; Robin Hood order (an
 * entry far from home takes the slot of one nearer to its own home) lets a
 * look-up stop at the first entry nearer home than itself, and a removal at
 * the first entry that is at home. */
static size_t home_slot(const pm_memory_kind *k, pm_id id)
{
    return (size_t)id & (k->nslots - 1);
}

static size_t distance(const pm_memory_kind *k, const pm_memory_row *row, size_t slot)
{
    return (slot - home_slot(k, row->id)) & (k->nslots - 1);
}

pm_memory_row **pm_memory__id_find(const pm_memory_kind *k, pm_id id)
{
    if (k->nslots == 0)
        return NULL;
    size_t mask = k->nslots - 1;
    for (size_t i = home_slot(k, id), d = 0;; i = (i + 1) & mask, d++) {
        pm_memory_row *row = k->slots[i];
        if (row == NULL || distance(k, row, i) < d)
            return NULL;
        if (row->id == id)
            return &k->slots[i];
    }
}

void pm_memory__id_put(pm_memory_kind *k, pm_memory_row *row)
{
    size_t mask = k->nslots - 1;
    for (size_t i = home_slot(k, row->id), d = 0;; i = (i + 1) & mask, d++) {
        pm_memory_row *resident = k->slots[i];
        if (resident == NULL) {
            k->slots[i] = row;
            break;
        }
        size_t rd = distance(k, resident, i);
        if (rd < d) { /* the richer entry gives way and looks further on */
            k->slots[i] = row;
            row = resident;
            d = rd;
        }
    }
    k->nrows++;
}

/* Keeps the load at most 3/4 so that probe runs stay short. */
pm_status pm_memory__id_reserve(pm_memory_kind *k, size_t count)
{
    if (count <= k->nslots / 4 * 3)
        return PM_OK;
    size_t nslots = k->nslots ? k->nslots : MEM_MIN_SLOTS;
    while (count > nslots / 4 * 3) {
        if (nslots > SIZE_MAX / 2 / sizeof(pm_memory_row *))
            return PM_ENOMEM;
        nslots *= 2;
    }
    pm_memory_row **slots = pm__calloc(nslots, sizeof *slots);
    if (slots == NULL)
        return PM_ENOMEM;
    pm_memory_row **old = k->slots;
    size_t nold = k->nslots;
    k->slots = slots;
    k->nslots = nslots;
    k->nrows = 0;
    for (size_t i = 0; i < nold; i++)
        if (old[i] != NULL)
            pm_memory__id_put(k, old[i]);
    pm__free(old);
    return PM_OK;
}

/* Backward-shift deletion: the entries after the hole move back one slot
 * until an empty slot or an entry at home, so no tombstones are needed. */
void pm_memory__id_remove(pm_memory_kind *k, pm_memory_row **slot)
{
    size_t mask = k->nslots - 1;
    size_t hole = (size_t)(slot - k->slots);
    for (size_t j = (hole + 1) & mask; k->slots[j] != NULL && distance(k, k->slots[j], j) > 0;
         j = (j + 1) & mask) {
        k->slots[hole] = k->slots[j];
        hole = j;
    }
    k->slots[hole] = NULL;
    k->nrows--;
}
