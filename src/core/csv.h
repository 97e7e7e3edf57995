/* An RFC 4180 reader over a byte buffer: commas, double-quoted fields with
 * "" for a quote and embedded commas and newlines, CRLF or LF line ends, an
 * optional UTF-8 byte order mark, a last line with or without its newline.
 * Blank lines are skipped. Every record must have as many fields as the
 * first one (the header). Pure: no I/O; the only memory it takes is the
 * field array and a scratch buffer for fields that hold "" escapes, both
 * reused from record to record. Fields are raw bytes: validating them as
 * text is the caller's job. */
#ifndef PM_CORE_CSV_H
#define PM_CORE_CSV_H

#include <stddef.h>

#include "perfmgmt/common.h"
#include "../util/error.h"

/* One field of the current record: len bytes at data, not NUL-terminated.
 * Borrowed: valid until the next pm_csv__next() or pm_csv__free(). */
typedef struct pm_csv_field {
    const char *data;
    size_t len;
    size_t scratch; /* private: 1 + offset in the scratch buffer, or 0 */
} pm_csv_field;

typedef struct pm_csv {
    const char *data;          /* the input, borrowed */
    size_t len;
    size_t pos;                /* next byte to read */
    size_t line;               /* 1-based line of pos */
    size_t record_line;        /* line where the current record starts */
    pm_csv_field *fields;      /* the current record */
    size_t nfields;
    size_t cap;
    size_t expected;           /* fields per record, from the first; 0 before it */
    const char *const *names;  /* optional names of the fields, for messages */
    char *scratch;             /* unescaped quoted fields of the current record */
    size_t scratch_len;
    size_t scratch_cap;
} pm_csv;

/* Starts reading data (len bytes, borrowed for the reader's life). */
void pm_csv__init(pm_csv *csv, const char *data, size_t len);

/* Names the fields in messages ("line 4: name: ...") instead of by number
 * ("line 4: field 2: ..."); names must hold csv->expected entries and
 * outlive the reader. NULL goes back to numbers. */
void pm_csv__set_names(pm_csv *csv, const char *const *names);

/* Reads the next record into csv->fields / csv->nfields, starting on line
 * csv->record_line. Returns PM_OK, PM_ITEROVER at the end, PM_EINVAL for
 * malformed input ("line 7: name: unterminated quoted field") or PM_ENOMEM,
 * with the message in err (which may be NULL). After an error the reader
 * must not be advanced again. */
pm_status pm_csv__next(pm_csv *csv, pm_error *err);

/* Releases the reader's memory; the input stays the caller's. */
void pm_csv__free(pm_csv *csv);

#endif
