#include "checks.h"

size_t pm_fixture_count_people(pm_session *s)
{
    pm_person_iter *it = NULL;
    assert_ok(s, pm_person_search(&it, s, "", PM_PERSON_INCLUDE_LEFT));
    size_t n = 0;
    pm_person *p = NULL;
    while (pm_person_iter_next(&p, it) == PM_OK)
        n++;
    pm_person_iter_free(it);
    return n;
}

static size_t count_units_below(pm_session *s, pm_id parent)
{
    pm_unit_iter *it = NULL;
    assert_ok(s, pm_unit_children(&it, s, parent));
    pm_unit *u = NULL;
    pm_id children[64];
    size_t n = 0;
    while (pm_unit_iter_next(&u, it) == PM_OK) {
        assert_true(n < 64);
        children[n++] = pm_unit_id(u);
    }
    pm_unit_iter_free(it);
    size_t count = n;
    for (size_t i = 0; i < n; i++)
        count += count_units_below(s, children[i]);
    return count;
}

size_t pm_fixture_count_units(pm_session *s)
{
    return count_units_below(s, 0);
}

pm_id pm_fixture_person_id(pm_fixture *f, const char *external_id)
{
    pm_person *p = NULL;
    if (pm_person_lookup(&p, f->sys, external_id) != PM_OK)
        fail_msg("lookup %s: %s", external_id, pm_session_errmsg(f->sys));
    pm_id id = pm_person_id(p);
    pm_person_free(p);
    return id;
}

int pm_fixture_person_exists(pm_fixture *f, const char *external_id)
{
    pm_person *p = NULL;
    pm_status st = pm_person_lookup(&p, f->sys, external_id);
    pm_person_free(p);
    return st == PM_OK;
}

pm_id pm_fixture_find_unit(pm_fixture *f, const char *path)
{
    pm_id id = 0;
    assert_ok(f->sys, pm_unit_find(&id, f->sys, path));
    return id;
}

pm_status pm_fixture_import(pm_fixture *f, const char *csv, const pm_import_opts *opts,
                            pm_import_stats *stats)
{
    return pm_import_csv(f->sys, csv, strlen(csv), opts, stats);
}

void pm_fixture_import_ok(pm_fixture *f, const char *csv, const pm_import_opts *opts,
                          pm_import_stats *stats)
{
    pm_status st = pm_fixture_import(f, csv, opts, stats);
    if (st != PM_OK)
        fail_msg("import failed: %s (%s)", pm_session_errmsg(f->sys), pm_status_str(st));
}
