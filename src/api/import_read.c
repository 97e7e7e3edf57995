/* Import, phase one: reading the file. The header names the columns; each
 * field of each row is normalised and held to the rule of the person or
 * unit field it ends up in, so later phases work on checked NFC text. */
#include "import_internal.h"

#include <string.h>

#include "../core/csv.h"
#include "../core/person.h"
#include "../util/text.h"

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
        return pm_import__row_fail(job, st, line, "%s (column %zu)", err.message, field + 1);
    const char *text = name ? name : "";
    int found = -1;
    for (int c = 0; c < COL_COUNT && found < 0; c++)
        if (equals_ignoring_case(text, strlen(text), columns[c].name))
            found = c;
    if (found < 0) {
        st = pm_import__row_fail(job, PM_EINVAL, line,
                                 "header: unknown column '%s' (known: external_id, name, email, "
                                 "manager_external_id, unit_path, hr_admin)", text);
    } else if (job->has[found]) {
        st = pm_import__row_fail(job, PM_EINVAL, line, "header: column '%s' appears twice",
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
        return pm_import__row_fail(job, PM_EINVAL, csv->line, "header: missing; the file must "
                                   "start with a row naming the columns");
    if (st != PM_OK)
        return reader_failed(job, st, &err);
    job->ncolumns = csv->nfields;
    job->column_of = pm__calloc(job->ncolumns, sizeof *job->column_of);
    job->names = pm__calloc(job->ncolumns, sizeof *job->names);
    if (job->column_of == NULL || job->names == NULL)
        return pm_import__out_of_memory(job);
    for (size_t i = 0; i < csv->nfields; i++) {
        st = match_column(job, csv->record_line, i, &csv->fields[i]);
        if (st != PM_OK)
            return st;
    }
    for (int c = COL_EXTERNAL_ID; c <= COL_NAME; c++)
        if (!job->has[c])
            return pm_import__row_fail(job, PM_EINVAL, csv->record_line,
                                       "header: required column '%s' is missing",
                                       columns[c].name);
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
            return pm_import__row_fail(job, PM_EINVAL, row->line,
                                       "unit_path: '%s' has an empty unit name (no name before or "
                                       "after a '/')", path);
        if (pm_text__codepoints(path + start, i - start) > PM_UNIT_NAME_MAX)
            return pm_import__row_fail(job, PM_ERANGE, row->line,
                                       "unit_path: unit name %zu of the path is longer than "
                                       "%d characters", segment, PM_UNIT_NAME_MAX);
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
    return pm_import__row_fail(job, PM_EINVAL, row->line, "hr_admin: '%s' is not one of 1, "
                               "true, yes, 0, false, no or empty", text);
}

/* The person API's own rule, so a file and a direct call agree. */
static pm_status check_email(import_job *job, const import_row *row)
{
    pm_status st = pm_person__check_email(row->text[COL_EMAIL], row->len[COL_EMAIL], "email",
                                          PM_PERSON_EMAIL_QUOTE, &job->s->error);
    return st == PM_OK ? PM_OK : pm_import__at_line(job, row->line, st);
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
        return pm_import__row_fail(job, st, row->line, "%s", err.message);
    if (row->text[c] == NULL) {
        row->text[c] = pm__strndup("", 0);
        row->len[c] = 0;
        if (row->text[c] == NULL)
            return pm_import__out_of_memory(job);
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
        import_row *rows = pm_import__grow(job->rows, &job->rows_cap, job->nrows + 1,
                                           sizeof *rows);
        if (rows == NULL)
            return pm_import__out_of_memory(job);
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

pm_status pm_import__read(import_job *job, const char *data, size_t len)
{
    pm_csv csv;
    pm_csv__init(&csv, data, len);
    pm_status st = read_header(job, &csv);
    if (st == PM_OK)
        st = read_rows(job, &csv);
    pm_csv__free(&csv);
    return st;
}
