#include "csv.h"

#include <stdint.h>
#include <string.h>

#include "../util/alloc.h"

static const char utf8_bom[3] = { '\xEF', '\xBB', '\xBF' };

void pm_csv__init(pm_csv *csv, const char *data, size_t len)
{
    memset(csv, 0, sizeof *csv);
    csv->data = data;
    csv->len = len;
    csv->line = 1;
    if (len >= sizeof utf8_bom && memcmp(data, utf8_bom, sizeof utf8_bom) == 0)
        csv->pos = sizeof utf8_bom;
}

void pm_csv__set_names(pm_csv *csv, const char *const *names)
{
    csv->names = names;
}

void pm_csv__free(pm_csv *csv)
{
    pm__free(csv->fields);
    pm__free(csv->scratch);
    csv->fields = NULL;
    csv->scratch = NULL;
    csv->nfields = csv->cap = 0;
    csv->scratch_len = csv->scratch_cap = 0;
}

/* Writes "line L: <field name>: reason", naming the field being read. */
static pm_status fail(const pm_csv *csv, pm_error *err, size_t line, const char *reason)
{
    size_t index = csv->nfields;
    if (csv->names != NULL && index < csv->expected)
        return pm_error__set(err, PM_EINVAL, "line %zu: %s: %s", line, csv->names[index],
                             reason);
    return pm_error__set(err, PM_EINVAL, "line %zu: field %zu: %s", line, index + 1, reason);
}

static int at_line_end(const pm_csv *csv, size_t pos)
{
    if (pos >= csv->len)
        return 0;
    char c = csv->data[pos];
    return c == '\n' || (c == '\r' && pos + 1 < csv->len && csv->data[pos + 1] == '\n');
}

/* Steps over the line end at pos (LF or CRLF) and counts the line. */
static void skip_line_end(pm_csv *csv)
{
    csv->pos += csv->data[csv->pos] == '\r' ? 2 : 1;
    csv->line++;
}

static pm_status push_field(pm_csv *csv, pm_error *err, const char *data, size_t len,
                            size_t scratch)
{
    if (csv->nfields == csv->cap) {
        size_t cap = csv->cap ? csv->cap * 2 : 16;
        pm_csv_field *fields = cap > SIZE_MAX / sizeof *fields
                                   ? NULL
                                   : pm__realloc(csv->fields, cap * sizeof *fields);
        if (fields == NULL)
            return pm_error__set(err, PM_ENOMEM, "line %zu: out of memory", csv->record_line);
        csv->fields = fields;
        csv->cap = cap;
    }
    pm_csv_field *f = &csv->fields[csv->nfields++];
    f->data = data;
    f->len = len;
    f->scratch = scratch;
    return PM_OK;
}

/* Copies a quoted field's content [start, end) into the scratch buffer with
 * each "" turned into one quote. Only fields that hold "" come here, so most
 * fields point straight into the input. */
static pm_status unescape(pm_csv *csv, pm_error *err, size_t start, size_t end,
                          size_t *offset)
{
    size_t need = end - start;
    if (csv->scratch_cap - csv->scratch_len < need) {
        size_t cap = csv->scratch_cap ? csv->scratch_cap : 256;
        while (cap - csv->scratch_len < need)
            cap = cap > SIZE_MAX / 2 ? csv->scratch_len + need : cap * 2;
        char *scratch = pm__realloc(csv->scratch, cap);
        if (scratch == NULL)
            return pm_error__set(err, PM_ENOMEM, "line %zu: out of memory", csv->record_line);
        csv->scratch = scratch;
        csv->scratch_cap = cap;
    }
    *offset = csv->scratch_len;
    for (size_t i = start; i < end; i++) {
        csv->scratch[csv->scratch_len++] = csv->data[i];
        if (csv->data[i] == '"')
            i++; /* the second quote of the pair */
    }
    return PM_OK;
}

static pm_status read_quoted(pm_csv *csv, pm_error *err)
{
    size_t open_line = csv->line;
    size_t start = ++csv->pos;
    int escaped = 0;
    for (;;) {
        if (csv->pos >= csv->len)
            return fail(csv, err, open_line,
                        "unterminated quoted field (no closing quote before the end)");
        char c = csv->data[csv->pos];
        if (c == '"') {
            if (csv->pos + 1 < csv->len && csv->data[csv->pos + 1] == '"') {
                escaped = 1;
                csv->pos += 2;
                continue;
            }
            break;
        }
        if (c == '\n')
            csv->line++;
        csv->pos++;
    }
    size_t end = csv->pos++;
    if (csv->pos < csv->len && csv->data[csv->pos] != ',' && !at_line_end(csv, csv->pos))
        return fail(csv, err, csv->line, "text after the closing quote");
    if (!escaped)
        return push_field(csv, err, csv->data + start, end - start, 0);
    size_t offset = 0;
    pm_status st = unescape(csv, err, start, end, &offset);
    if (st != PM_OK)
        return st;
    return push_field(csv, err, NULL, csv->scratch_len - offset, offset + 1);
}

static pm_status read_plain(pm_csv *csv, pm_error *err)
{
    size_t start = csv->pos;
    while (csv->pos < csv->len && csv->data[csv->pos] != ',' && !at_line_end(csv, csv->pos)) {
        if (csv->data[csv->pos] == '"')
            return fail(csv, err, csv->line,
                        "a quote inside a field that does not start with one "
                        "(quote the whole field and double the quote)");
        csv->pos++;
    }
    return push_field(csv, err, csv->data + start, csv->pos - start, 0);
}

/* The scratch buffer may move while a record is read, so fields that live
 * there get their pointers only once the record is complete. */
static void resolve_scratch(pm_csv *csv)
{
    for (size_t i = 0; i < csv->nfields; i++) {
        pm_csv_field *f = &csv->fields[i];
        if (f->scratch != 0)
            f->data = csv->scratch + (f->scratch - 1);
    }
}

static pm_status check_count(pm_csv *csv, pm_error *err)
{
    if (csv->expected == 0) {
        csv->expected = csv->nfields;
        return PM_OK;
    }
    if (csv->nfields == csv->expected)
        return PM_OK;
    return pm_error__set(err, PM_EINVAL, "line %zu: has %zu field%s where the header has %zu",
                         csv->record_line, csv->nfields, csv->nfields == 1 ? "" : "s",
                         csv->expected);
}

pm_status pm_csv__next(pm_csv *csv, pm_error *err)
{
    while (at_line_end(csv, csv->pos))
        skip_line_end(csv);
    if (csv->pos >= csv->len)
        return PM_ITEROVER;
    csv->record_line = csv->line;
    csv->nfields = 0;
    csv->scratch_len = 0;
    for (;;) {
        pm_status st = csv->data[csv->pos] == '"' ? read_quoted(csv, err)
                                                  : read_plain(csv, err);
        if (st != PM_OK)
            return st;
        if (csv->pos < csv->len && csv->data[csv->pos] == ',') {
            csv->pos++;
            if (csv->pos < csv->len)
                continue;
            /* A comma at the very end still ends an (empty) last field. */
            st = push_field(csv, err, csv->data + csv->pos, 0, 0);
            if (st != PM_OK)
                return st;
        }
        break;
    }
    if (csv->pos < csv->len)
        skip_line_end(csv);
    resolve_scratch(csv);
    return check_count(csv, err);
}
