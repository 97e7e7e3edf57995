/* Import, phase three: the writes, inside the transaction the checks ran
 * in. Units first (each distinct path once), then people, then managers top
 * down, then the people the file no longer lists; any failure rolls all of
 * it back, and its message names the line that caused it. */
#include "import_internal.h"

#include <stdio.h>
#include <string.h>

static int compare_unit_path(const import_row *a, const import_row *b)
{
    return pm_import__compare_text(a->text[COL_UNIT_PATH], a->len[COL_UNIT_PATH],
                                   b->text[COL_UNIT_PATH], b->len[COL_UNIT_PATH]);
}

static int same_unit_path(const import_row *a, const import_row *b)
{
    return compare_unit_path(a, b) == 0;
}

static int by_unit_path(const void *pa, const void *pb)
{
    const import_row *a = *(import_row *const *)pa, *b = *(import_row *const *)pb;
    int c = compare_unit_path(a, b);
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
            return pm_import__at_line(job, row->line, st);
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
    pm_status st = pm_import__sort_rows(job, by_unit_path);
    for (size_t i = 0; i < job->nrows && st == PM_OK; i++) {
        import_row *row = job->sorted[i];
        const import_row *prev = i > 0 ? job->sorted[i - 1] : NULL;
        if (prev != NULL && same_unit_path(prev, row))
            row->unit = prev->unit;
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
        return pm_import__at_line(job, row->line, st);
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
    return st != PM_OK ? pm_import__at_line(job, row->line, st) : PM_OK;
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
    pm_status st = pm_import__sort_rows(job, by_depth);
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
            st = pm_import__at_line(job, row->line, st);
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

pm_status pm_import__write(import_job *job)
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
