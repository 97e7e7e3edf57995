/* The personal-data export's internal parts: the document being built and
 * the helpers that turn stored rows into its records. export.c runs the
 * public calls; export_<area>.c, one per area, add that area's records.
 * Everything here reads (inside the export's transaction) and writes only
 * the document.
 *
 * The document is built with Jansson. perfmgmt never calls
 * json_set_alloc_funcs(): it sets process-wide state that the host may use
 * for its own Jansson. So Jansson allocates with the host's allocator, not
 * pm_allocator_set()'s, and its failures are not injected by the tests;
 * every Jansson call is still checked, and a NULL is out of memory. */
#ifndef PM_API_EXPORT_INTERNAL_H
#define PM_API_EXPORT_INTERNAL_H

#include <jansson.h>

#include "internal.h"

/* The format marker and version the document carries (see
 * docs/person-export.md for the versioning rule). */
#define PM_EXPORT_FORMAT "perfmgmt.person-export"
#define PM_EXPORT_VERSION 1

/* What the references section names, besides ids (export_references.c). */
enum pm_export_ref {
    PM_EXPORT_REF_NONE = 0,
    PM_EXPORT_REF_PERSON,
    PM_EXPORT_REF_UNIT,
    PM_EXPORT_REF_COMPETENCY,
    PM_EXPORT_REF_ROLE,
    PM_EXPORT_REF_METRIC,
    PM_EXPORT_REF_PROGRAMME,
    PM_EXPORT_REF_SURVEY,
    PM_EXPORT_REF_EVALUATION,
    PM_EXPORT_REF_COUNT
};

/* A growing list of ids (pm__malloc). */
typedef struct pm_export_ids {
    pm_id *ids;
    size_t count;
    size_t cap;
} pm_export_ids;

/* Parts of the document that only the person may read, left out of an
 * export made by someone else on their behalf (the top-level "withheld"). */
#define PM_EXPORT_WITHHELD_PRIVATE_ENTRIES 0x1u
#define PM_EXPORT_WITHHELD_WELLBEING 0x2u
#define PM_EXPORT_WITHHELD_ANONYMOUS_GIVEN 0x4u

typedef struct pm_export {
    pm_session *s;
    pm_id person;
    /* The session is the person's own: the parts the library lets only
     * them read are in (their private check-in entries, their wellbeing
     * data, the anonymous feedback they gave). */
    int by_person;
    pm_date today;
    json_t *provided;          /* the two sections, borrowed from the root */
    json_t *recorded;
    pm_export_ids refs[PM_EXPORT_REF_COUNT];
} pm_export;

/* Which section a record goes to. */
typedef enum pm_export_place {
    PM_EXPORT_SKIP = 0,
    PM_EXPORT_PROVIDED,        /* the person wrote or entered it */
    PM_EXPORT_RECORDED         /* someone else recorded it about them */
} pm_export_place;

/* ---- records from rows (export_record.c) ---- */

/* How a stored value appears in a record. Every type gives null for a
 * stored NULL. */
typedef enum pm_export_type {
    PM_EXPORT_INT,             /* an integer */
    PM_EXPORT_REAL,            /* a number */
    PM_EXPORT_TEXT,            /* a string */
    PM_EXPORT_DATE,            /* "YYYY-MM-DD" */
    PM_EXPORT_TIME,            /* "YYYY-MM-DDTHH:MM:SSZ" */
    PM_EXPORT_BOOL,            /* true for non-zero */
    PM_EXPORT_ID,              /* an id; null for 0 (none, or the system actor) */
    PM_EXPORT_ENUM             /* a name; a value without one is PM_ECORRUPT */
} pm_export_type;

/* The names of an enum's values, by value (NULL where a value has none). */
typedef struct pm_export_enum {
    const char *const *names;
    size_t count;
} pm_export_enum;
#define PM_EXPORT_ENUM_OF(array) { (array), sizeof(array) / sizeof((array)[0]) }

/* One key of a record: the stored field it shows and how. */
typedef struct pm_export_field {
    const char *key;
    unsigned int field;
    pm_export_type type;
    unsigned int ref;               /* PM_EXPORT_ID: the references list it joins */
    const pm_export_enum *names;    /* PM_EXPORT_ENUM */
} pm_export_field;

#define PM_EXPORT_FIELD(key, field, type) { (key), (field), (type), PM_EXPORT_REF_NONE, NULL }
#define PM_EXPORT_REFERENCE(key, field, ref) { (key), (field), PM_EXPORT_ID, (ref), NULL }
#define PM_EXPORT_NAMED(key, field, names) \
    { (key), (field), PM_EXPORT_ENUM, PM_EXPORT_REF_NONE, &(names) }
/* The four audit fields every kind ends with (PM_AUDIT_FIELDS). */
#define PM_EXPORT_AUDIT(prefix)                                                   \
    PM_EXPORT_FIELD("created_at", prefix##_CREATED_AT, PM_EXPORT_TIME),           \
    PM_EXPORT_REFERENCE("created_by", prefix##_CREATED_BY, PM_EXPORT_REF_PERSON), \
    PM_EXPORT_FIELD("updated_at", prefix##_UPDATED_AT, PM_EXPORT_TIME),           \
    PM_EXPORT_REFERENCE("updated_by", prefix##_UPDATED_BY, PM_EXPORT_REF_PERSON)

/* How the rows of one kind become records. */
typedef struct pm_export_table {
    const char *what;               /* the record in messages: "goal" */
    unsigned int kind;
    unsigned int nfields;           /* the kind's field count (short rows are PM_ECORRUPT) */
    const pm_export_field *fields;
    size_t count;
} pm_export_table;
#define PM_EXPORT_TABLE(what, kind, nfields, fields) \
    { (what), (kind), (nfields), (fields), sizeof(fields) / sizeof((fields)[0]) }

/* The record of row: "id" and each key of the table. NULL on failure,
 * with the session error set (PM_ENOMEM, PM_ECORRUPT). */
json_t *pm_export__record(pm_export *x, const pm_export_table *t, const pm_row *row);

/* Value makers for what the public getters give: NULL on failure with the
 * session error set. Date PM_DATE_NONE and time 0 (their "none") give
 * null. */
json_t *pm_export__date(pm_export *x, pm_date date);
json_t *pm_export__time(pm_export *x, pm_time time);
json_t *pm_export__id(pm_export *x, pm_id id, unsigned int ref);
json_t *pm_export__text(pm_export *x, const char *text);  /* NULL text gives null */
json_t *pm_export__name(pm_export *x, const pm_export_enum *names, int value, const char *what);

/* obj[key] = value, taking value. A NULL value is the failure that made
 * it (its status, or PM_ENOMEM). */
pm_status pm_export__set(pm_export *x, json_t *obj, const char *key, json_t *value);

/* Appends record (taken) to the array key of the section place names. */
pm_status pm_export__append(pm_export *x, pm_export_place place, const char *key,
                            json_t *record);

/* PM_ENOMEM "export: out of memory". */
pm_status pm_export__out_of_memory(pm_export *x);

/* Appends id to ids; PM_ENOMEM with the session error on failure. */
pm_status pm_export__ids_add(pm_export *x, pm_export_ids *ids, pm_id id);
void pm_export__ids_free(pm_export_ids *ids);

/* ---- scans (export_scan.c) ---- */

/* Where a row goes. */
typedef pm_export_place (*pm_export_place_fn)(pm_export *x, const pm_row *row);

/* Provided when the person created the row (its created_by field is
 * position field), recorded otherwise. */
pm_export_place pm_export__by_creator(const pm_export *x, const pm_row *row, unsigned int field);

/* The records a scan added, in scan order: their ids, and the records
 * themselves, borrowed from the document. */
typedef struct pm_export_rows {
    pm_id *ids;
    json_t **records;
    size_t count;
    size_t cap;
} pm_export_rows;
void pm_export__rows_free(pm_export_rows *rows);

/* Scans the rows of t's kind whose first neq fields of index equal eq
 * (index PM_SCAN_BY_ID with neq 0: every row), and appends the record of
 * each row place puts in a section, under key. rows, when not NULL,
 * receives what was added. */
pm_status pm_export__scan(pm_export *x, const pm_export_table *t, unsigned int index,
                          const pm_value *eq, unsigned int neq, const char *key,
                          pm_export_place_fn place, pm_export_rows *rows);

/* The same scan, appending the record of every row to array. */
pm_status pm_export__scan_into(pm_export *x, const pm_export_table *t, unsigned int index,
                               const pm_value *eq, unsigned int neq, json_t *array);

/* The ids of the rows of kind whose first neq fields of index equal eq, in
 * scan order (appended to ids). */
pm_status pm_export__scan_ids(pm_export *x, unsigned int kind, unsigned int index,
                              const pm_value *eq, unsigned int neq, pm_export_ids *ids);

/* The record of row id of t's kind; *out NULL when there is none. */
pm_status pm_export__get(json_t **out, pm_export *x, const pm_export_table *t, pm_id id);

/* ---- the areas (one file each) ---- */

/* The "person" object: profile, units and managers over time. */
pm_status pm_export__person(pm_export *x, json_t *root);
pm_status pm_export__goals(pm_export *x);
pm_status pm_export__checkins(pm_export *x);
pm_status pm_export__feedback(pm_export *x);
pm_status pm_export__requests(pm_export *x);
pm_status pm_export__review360(pm_export *x);
pm_status pm_export__competency(pm_export *x);
pm_status pm_export__development(pm_export *x);
pm_status pm_export__wellbeing(pm_export *x);

/* The "references" object: the people, units, competencies, ... the
 * records name by id, with their names (export_references.c). */
pm_status pm_export__references(pm_export *x, json_t *root);

/* The whole document, as pm_person_export_json() returns it
 * (export_document.c). */
pm_status pm_export__document(json_t **out, pm_session *s, pm_id person);

#endif
