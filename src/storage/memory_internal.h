/* What the files of the in-memory backend share: the structures of one kind
 * and the operations on them.
 *   memory.c        the instance, prepare(), transactions, writes and reads
 *   memory_index.c  value order and typing, row blocks, skip lists, id table
 * Only src/storage/memory*.c include this. */
#ifndef PM_STORAGE_MEMORY_INTERNAL_H
#define PM_STORAGE_MEMORY_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "perfmgmt/sys/storage.h"

/* With one level in four promoted, 24 levels serve far more rows than fit in memory. */
#define PM_MEMORY_MAX_LEVEL 24

typedef struct pm_memory_row pm_memory_row;
typedef struct pm_memory_node pm_memory_node;

/* A row's place in one ordered list (a skip list). The first part of the
 * row's key is kept here too, as a prefix (see pm_memory_key), so that most
 * comparisons during a seek are settled without reading the row. */
struct pm_memory_node {
    pm_memory_row *row;     /* NULL in a list's head */
    pm_memory_node *prev;   /* previous on the bottom level; NULL for the first */
    uint64_t prefix;        /* the first key part's prefix */
    unsigned int height;
    unsigned int first_set; /* 0 when the first key part is NULL */
    pm_memory_node *next[]; /* height links, bottom level first */
};

/* A record: one allocation holding this header, the values, the nodes and
 * the bytes of text and blob values. An update leaves header and nodes in
 * place and points values at a new block (values and their bytes). */
struct pm_memory_row {
    pm_id id;
    pm_value *values;         /* the kind's nfields values: in this block
                                 until an update swaps in one of their own */
    pm_memory_node *nodes[];  /* [0] in the id list, [1 + i] in index i */
};

/* One ordered list: rows by (fields..., id). The id list has no fields. */
typedef struct pm_memory_list {
    unsigned int nfields;
    const unsigned int *fields;
    unsigned int level;       /* levels in use */
    pm_memory_node *head;     /* sentinel with PM_MEMORY_MAX_LEVEL levels */
} pm_memory_list;

typedef struct pm_memory_field {
    char *name;
    pm_field_type type;
    unsigned int flags;
} pm_memory_field;

typedef struct pm_memory_index {
    char *name;
    unsigned int nfields;
    unsigned int fields[PM_INDEX_MAX_FIELDS];
    unsigned int flags;
    uint64_t mask;            /* PM_UPDATE_FIELD() of each field it covers */
} pm_memory_index;

/* A kind: the store's own copy of its definition, its lists and id table. */
typedef struct pm_memory_kind {
    char *name;
    char *not_found;          /* built once so that get() need not format */
    unsigned int nfields;
    uint64_t all_fields;      /* PM_UPDATE_FIELD() of every field */
    pm_memory_field *fields;
    unsigned int nindexes;
    pm_memory_index *indexes;
    pm_memory_list *lists;    /* 1 + nindexes */
    pm_memory_row **slots;    /* id table; nslots is 0 or a power of two */
    size_t nslots;
    size_t nrows;
    pm_id last_id;
} pm_memory_kind;

/* Why v cannot be stored in (or compared with) field f, or NULL when it can;
 * NULL values always fit here (NOT NULL is the caller's check). */
const char *pm_memory__value_misfit(const pm_memory_field *f, const pm_value *v);
/* The value type that carries a field type. */
pm_value_type pm_memory__value_type(pm_field_type type);

/* A search key: the first n parts of a list's key (its fields, then the id).
 * Values are NULL or of their field's type, the id part INT or NULL. The
 * first part is also kept as a 64-bit prefix that keeps its order: numbers
 * map to it exactly, text and blobs by their first 8 bytes (so equal
 * prefixes of those still need the full comparison). */
typedef struct pm_memory_key {
    const pm_value *values;
    unsigned int n;
    unsigned int first_set; /* 0 when values[0] is NULL */
    int exact;              /* the prefix settles the first part */
    uint64_t prefix;
} pm_memory_key;

/* Fills key for the first n of values (n may be 0: then every row equals it). */
void pm_memory__key_init(pm_memory_key *key, const pm_value *values, unsigned int n);

/* Compares a node's row with key, by key->n parts: -1, 0 or 1. */
int pm_memory__cmp_node(const pm_memory_list *l, const pm_memory_node *node,
                        const pm_memory_key *key);

/* Size of a node (or list head) of the given height. */
size_t pm_memory__node_size(unsigned int height);

/* Builds the block of a row with checked values, not linked anywhere.
 * PM_ENOMEM leaves *size the bytes that could not be had. */
pm_status pm_memory__row_new(pm_memory_row **out, size_t *size, const pm_memory_kind *k,
                             pm_id id, const pm_value *values);

/* Builds a block holding a row's values and their bytes, for an update to
 * swap in. PM_ENOMEM leaves *size the bytes that could not be had. */
pm_status pm_memory__values_new(pm_value **out, size_t *size, const pm_memory_kind *k,
                                const pm_value *values);

/* 1 when values is a block of its own (from pm_memory__values_new()), 0
 * when it is the one inside the row's allocation. */
int pm_memory__values_apart(const pm_memory_kind *k, const pm_memory_row *row,
                            const pm_value *values);

/* Frees a row and its values block, if it has one of its own. */
void pm_memory__row_free(const pm_memory_kind *k, pm_memory_row *row);

/* Makes values the row's values: the row moves in the lists of the indexes
 * that cover one of fields and compare differently, and keeps its node
 * everywhere else. The caller keeps the old block. Never allocates. */
void pm_memory__row_swap_values(pm_memory_kind *k, pm_memory_row *row, pm_value *values,
                                uint64_t fields);

/* The last node (or the head) of l whose key compares below t with key: t = 0
 * finds the last node before key, t = 1 the last node not after it. */
pm_memory_node *pm_memory__list_seek(const pm_memory_list *l, const pm_memory_key *key, int t);

/* Links a row into, or unlinks it from, every list of its kind. Never allocates. */
void pm_memory__row_link(pm_memory_kind *k, pm_memory_row *row);
void pm_memory__row_unlink(pm_memory_kind *k, pm_memory_row *row);

/* The id table's slot holding id, or NULL. */
pm_memory_row **pm_memory__id_find(const pm_memory_kind *k, pm_id id);
/* Makes room for count rows: PM_OK or PM_ENOMEM (the table unchanged). */
pm_status pm_memory__id_reserve(pm_memory_kind *k, size_t count);
/* Adds a row; needs the room pm_memory__id_reserve() made. */
void pm_memory__id_put(pm_memory_kind *k, pm_memory_row *row);
/* Empties a slot that pm_memory__id_find() returned. */
void pm_memory__id_remove(pm_memory_kind *k, pm_memory_row **slot);

#endif
