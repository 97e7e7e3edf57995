/* What the files of the storage conformance suite share: the suite's
 * schema, helpers that fail the running case with a message, and one
 * runner per theme. Not for vendors: conformance.h is the entry point.
 *
 *   conformance.c              pm_conformance_run(): runs every theme
 *   conformance_schema.c       the suite's own schema
 *   conformance_support.c      failing, values, collected rows, the fixture
 *   conformance_records.c      the backend itself, single records, callbacks, text
 *   conformance_partial.c      update() of some fields: masks, indexes, rollback
 *   conformance_constraints.c  wrong types, NULLs and duplicates are refused
 *   conformance_scan.c         scan order, bounds, prefixes and limits
 *   conformance_random.c       random operations against a reference model
 *   conformance_txn.c          transactions, savepoints and durability
 *   conformance_threads.c      reading from several threads
 *   conformance_batch.c        batches of scans
 *   conformance_stamp.c        the change stamp
 *   conformance_merge.c        merges of ordered scans
 *
 * The suite is linked into a vendor's own test program, so every name it
 * shares between its files starts with conf_ (CONF_ for macros); small
 * helpers are static inline and share nothing. Every case checks one
 * promise of include/perfmgmt/sys/storage.h, so a failure names the
 * promise the backend breaks. */
#ifndef PM_STORAGE_CONFORMANCE_INTERNAL_H
#define PM_STORAGE_CONFORMANCE_INTERNAL_H

#include "conformance.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#define CONF_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define CONF_PRINTF(fmt, args)
#endif

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------------
 * The test schema (conformance_schema.c)
 *
 * The suite has its own schema so that it exercises every field type and
 * index shape whatever perfmgmt's own schema holds.
 * ------------------------------------------------------------------------ */

enum conf_kind { K_ITEM = 0, K_UNIQ, K_DIFF, K_NKINDS };

/* conf_item: one field of every type, each in an index of its own, plus a
 * three-field index and two fields in no index (for large values: some
 * databases limit the size of an indexed value). */
enum conf_item_field {
    I_NUM = 0, I_REAL, I_TEXT, I_BLOB, I_DATE, I_TIME, I_LABEL, I_NOTE, I_PAYLOAD,
    I_NFIELDS,
    I_EXTRA = I_NFIELDS /* added by schema version 2 */
};
enum conf_item_index {
    IX_NUM = 0, IX_REAL, IX_TEXT, IX_BLOB, IX_DATE, IX_TIME, IX_NUM_TEXT_DATE,
    IX_NITEM,
    IX_EXTRA = IX_NITEM /* added by schema version 2 */
};

/* conf_uniq: a unique index on one field and one on two. */
enum conf_uniq_field { U_CODE = 0, U_GRP, U_TAG, U_NOTE, U_NFIELDS };
enum conf_uniq_index { UX_CODE = 0, UX_GRP_TAG, UX_NOTE, UX_NUNIQ };

/* conf_diff: the randomized differential test's kind. */
enum conf_diff_field { D_A = 0, D_S, D_R, D_D, D_BL, D_U, D_NFIELDS };
enum conf_diff_index { DX_A = 0, DX_S_A, DX_D_R, DX_U, DX_BL_S_A_D, DX_NDIFF };

/* The most fields a row of the suite has (conf_item in version 2). */
#define CONF_MAX_FIELDS 10

extern const pm_field_def conf_item_fields[];
extern const pm_index_def conf_diff_indexes[];
extern const pm_kind_def conf_kinds_v1[];
extern const pm_schema conf_schema_v1;

/* Version 2 appends a field and an index to conf_item and adds a kind
 * (conf_added, kind K_NKINDS), the only changes a later schema may make. */
extern const pm_schema conf_schema_v2;

/* ------------------------------------------------------------------------
 * Failing with a message
 * ------------------------------------------------------------------------ */

#define CONF_FAIL(...) conf_fail_at(__FILE__, __LINE__, __VA_ARGS__)

_Noreturn void conf_fail_at(const char *file, int line, const char *fmt, ...) CONF_PRINTF(3, 4);

/* The backend's errmsg(), or a note that it returned NULL. */
const char *conf_errmsg(pm_storage *st);

/* Fails with what, both statuses and the backend's message unless got == want. */
void conf_check_at(pm_storage *st, pm_status want, pm_status got, const char *what,
                   const char *file, int line);

#define CONF_EXPECT(st, want, call) conf_check_at((st), (want), (call), #call, __FILE__, __LINE__)
#define CONF_OK(st, call) CONF_EXPECT(st, PM_OK, call)
#define BEGIN(st) CONF_OK((st), (st)->begin(st))
#define COMMIT(st) CONF_OK((st), (st)->commit(st))
#define ROLLBACK(st) CONF_OK((st), (st)->rollback(st))

/* realloc() that fails the case instead of returning NULL. */
void *conf_xrealloc(void *p, size_t size);

/* Fails unless errmsg() describes the failure @p what just returned. */
#define EXPECT_ERRMSG(st, what) conf_expect_errmsg_at((st), (what), __FILE__, __LINE__)
void conf_expect_errmsg_at(pm_storage *st, const char *what, const char *file, int line);

/* Fails if @p id is one of the @p n ids in @p issued. */
#define EXPECT_FRESH_ID(id, issued, n, when) \
    conf_expect_fresh_id_at((id), (issued), (n), (when), __FILE__, __LINE__)
void conf_expect_fresh_id_at(pm_id id, const pm_id *issued, size_t n, const char *when,
                             const char *file, int line);

/* ------------------------------------------------------------------------
 * Values
 * ------------------------------------------------------------------------ */

static inline pm_value v_null(void)
{
    pm_value v;
    memset(&v, 0, sizeof v);
    v.type = PM_VALUE_NULL;
    return v;
}

static inline pm_value v_int(int64_t i)
{
    pm_value v = v_null();
    v.type = PM_VALUE_INT;
    v.v.i = i;
    return v;
}

static inline pm_value v_real(double r)
{
    pm_value v = v_null();
    v.type = PM_VALUE_REAL;
    v.v.r = r;
    return v;
}

static inline pm_value v_textn(const void *data, size_t len)
{
    pm_value v = v_null();
    v.type = PM_VALUE_TEXT;
    v.v.b.data = data;
    v.v.b.len = len;
    return v;
}

static inline pm_value v_text(const char *s)
{
    return v_textn(s, strlen(s));
}

static inline pm_value v_blob(const void *data, size_t len)
{
    pm_value v = v_null();
    v.type = PM_VALUE_BLOB;
    v.v.b.data = data;
    v.v.b.len = len;
    return v;
}

int conf_value_equal(const pm_value *a, const pm_value *b);

/* The contract's order: NULL first; numbers numerically; bytes with memcmp,
 * the shorter first on a tie. Both values belong to one field. */
int conf_value_cmp(const pm_value *a, const pm_value *b);

void conf_value_fmt(const pm_value *v, char *buf, size_t size);

/* splitmix64: tiny, and the same sequence on every platform. */
static inline uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* ------------------------------------------------------------------------
 * Collecting rows handed to callbacks
 * ------------------------------------------------------------------------ */

/* A deep copy of one row: the callback's values are only borrowed. */
typedef struct conf_row {
    pm_id id;
    unsigned int nvalues;
    pm_value values[CONF_MAX_FIELDS];
} conf_row;

typedef struct conf_rows {
    conf_row *rows;
    size_t n;
    size_t cap;
    char bad[200]; /* the first malformed row the backend handed over */
} conf_rows;

void conf_rows_free(conf_rows *r);

/* A row callback that appends to the conf_rows in @p payload. Safe to run
 * from several threads at once, each on its own conf_rows. */
int conf_collect_cb(const pm_row *row, void *payload);

/* 0 when @p got holds exactly @p id and @p want; otherwise a description. */
int conf_row_diff(const conf_row *got, pm_id id, const pm_value *want, unsigned int nwant,
                  char *msg, size_t size);

/* 0 when both lists hold the same rows in the same order. */
int conf_rows_diff(const conf_rows *got, const conf_rows *want, char *msg, size_t size);

/* Counts the rows in the size_t at @p payload. */
static inline int count_cb(const pm_row *row, void *payload)
{
    (void)row;
    (*(size_t *)payload)++;
    return 0;
}

/* Counts the first row, then stops the scan. */
static inline int first_only_cb(const pm_row *row, void *payload)
{
    (void)row;
    (*(size_t *)payload)++;
    return 1;
}

/* Counts the first row, then fails with PM_ENOMEM. */
static inline int failing_cb(const pm_row *row, void *payload)
{
    (void)row;
    (*(size_t *)payload)++;
    return PM_ENOMEM;
}

/* ------------------------------------------------------------------------
 * Scans
 * ------------------------------------------------------------------------ */

const char *conf_index_name(unsigned int kind, unsigned int index);
void conf_scan_fmt(const pm_scan *s, char *buf, size_t size);

/* A scan of a whole index, as an argument. */
#define FULL_SCAN(k, i) (&(pm_scan){ .kind = (k), .index = (i) })

static inline pm_scan scan_of(unsigned int kind, unsigned int index)
{
    pm_scan s;
    memset(&s, 0, sizeof s);
    s.kind = kind;
    s.index = index;
    return s;
}

/* ------------------------------------------------------------------------
 * Calls that fail the case when they fail
 * ------------------------------------------------------------------------ */

#define INSERT(st, kind, values) conf_insert_at((st), (kind), (values), __FILE__, __LINE__)
#define SCAN(st, s, out) conf_scan_at((st), (s), (out), __FILE__, __LINE__)
#define ASSERT_GET(st, kind, id, want, n) \
    conf_assert_get_at((st), (kind), (id), (want), (n), __FILE__, __LINE__)
#define ASSERT_MISSING(st, kind, id) conf_assert_missing_at((st), (kind), (id), __FILE__, __LINE__)
#define ASSERT_SCAN_IDS(st, s, ...)                                                          \
    do {                                                                                     \
        const pm_id want_ids_[] = { __VA_ARGS__ };                                           \
        conf_assert_scan_ids_at((st), (s), want_ids_, sizeof want_ids_ / sizeof want_ids_[0], \
                                __FILE__, __LINE__);                                         \
    } while (0)
#define ASSERT_SCAN_EMPTY(st, s) conf_assert_scan_ids_at((st), (s), NULL, 0, __FILE__, __LINE__)
#define ASSERT_SCAN_COUNT(st, s, n) conf_assert_scan_count_at((st), (s), (n), __FILE__, __LINE__)

/* Scans and checks field @p field of each row against @p want in order,
 * with rows of equal values ordered by id (descending for PM_SCAN_DESC):
 * the order is stated by value, so it holds whatever ids the backend picks. */
#define ASSERT_SCAN_VALUES(st, s, field, want, n) \
    conf_assert_scan_values_at((st), (s), (field), (want), (n), __FILE__, __LINE__)

pm_id conf_insert_at(pm_storage *st, unsigned int kind, const pm_value *values, const char *file,
                     int line);
void conf_scan_at(pm_storage *st, const pm_scan *s, conf_rows *out, const char *file, int line);
void conf_assert_get_at(pm_storage *st, unsigned int kind, pm_id id, const pm_value *want,
                        unsigned int n, const char *file, int line);
void conf_assert_missing_at(pm_storage *st, unsigned int kind, pm_id id, const char *file,
                            int line);
void conf_assert_scan_ids_at(pm_storage *st, const pm_scan *s, const pm_id *want, size_t n,
                             const char *file, int line);
void conf_assert_scan_count_at(pm_storage *st, const pm_scan *s, size_t n, const char *file,
                               int line);
void conf_assert_scan_values_at(pm_storage *st, const pm_scan *s, unsigned int field,
                                const pm_value *want, size_t n, const char *file, int line);

/* ------------------------------------------------------------------------
 * Fixture: a new store per case
 * ------------------------------------------------------------------------ */

typedef struct conf {
    const pm_conformance_backend *backend;
    pm_storage *st;
} conf;

/* The first function pointer of @p st that is NULL, or NULL. */
const char *conf_missing_function(const pm_storage *st);

/* Open a new store prepared with conf_schema_v1 / free it and clean up.
 * The case's initial state is the pm_conformance_backend. */
int conf_setup(void **state);
int conf_teardown(void **state);

#define CONF_CASE(f, backend) \
    cmocka_unit_test_prestate_setup_teardown(f, conf_setup, conf_teardown, (backend))

/* "storage conformance: <backend>: <theme>" in @p buf, which it returns. */
char *conf_group_name(char *buf, size_t size, const pm_conformance_backend *b, const char *theme);

/* A conf_item row: num and label set, every other field NULL. */
static inline void item_init(pm_value *v, int64_t num)
{
    for (unsigned int i = 0; i < CONF_MAX_FIELDS; i++)
        v[i] = v_null();
    v[I_NUM] = v_int(num);
    v[I_LABEL] = v_text("item");
}

static inline pm_id item_insert(pm_storage *st, int64_t num, unsigned int field, pm_value value)
{
    pm_value v[CONF_MAX_FIELDS];
    item_init(v, num);
    if (field < I_NFIELDS && field != I_NUM)
        v[field] = value;
    return INSERT(st, K_ITEM, v);
}

static inline void uniq_init(pm_value *v, pm_value code, pm_value grp, pm_value tag,
                             const char *note)
{
    v[U_CODE] = code;
    v[U_GRP] = grp;
    v[U_TAG] = tag;
    v[U_NOTE] = v_text(note);
}

static inline void sort_ids(pm_id *ids, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
            pm_id t = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = t;
        }
}

/* Rows with extreme and awkward values of every type; index 1 and 2 hold
 * empty text and blobs given as (NULL, 0), which must stay non-NULL. */
#define SAMPLE_ROWS 5
void conf_sample_rows(pm_value rows[SAMPLE_ROWS][CONF_MAX_FIELDS]);

/* ------------------------------------------------------------------------
 * The themes: each runs its cases as one cmocka group and returns the
 * number that failed.
 * ------------------------------------------------------------------------ */

int conf_run_records(pm_conformance_backend *b);
int conf_run_partial(pm_conformance_backend *b);
int conf_run_constraints(pm_conformance_backend *b);
int conf_run_scan(pm_conformance_backend *b);
int conf_run_random(pm_conformance_backend *b);
int conf_run_txn(pm_conformance_backend *b);
int conf_run_threads(pm_conformance_backend *b);
int conf_run_batch(pm_conformance_backend *b);
int conf_run_stamp(pm_conformance_backend *b);
int conf_run_merge(pm_conformance_backend *b);

#endif
