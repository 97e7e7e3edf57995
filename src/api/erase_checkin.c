/* Erasure of check-ins: the person's own one-to-ones go whole (check-ins,
 * moods, every entry); in the series they led as manager, the private
 * entries they wrote go (nobody else could read them), while what they
 * shared stays in their report's record. A series moves with its report to
 * a new manager (pm_checkin_series_move()), so those are the series of
 * everyone who reported to the person, not only the ones they lead now. */
#include "erase_internal.h"

static pm_status erase_series_whole(pm_erase *e, pm_id series)
{
    pm_status st = pm_erase__remove_under(e, PM_KIND_CHECKIN_ENTRY, PM_ENTRY_BY_SERIES_KIND,
                                          series);
    if (st == PM_OK)
        st = pm_erase__remove_under(e, PM_KIND_CHECKIN, PM_CHECKIN_BY_SERIES, series);
    return st;
}

static int written_privately(const pm_erase *e, const pm_row *row, const void *arg)
{
    (void)arg;
    return pm_value__as_int(&row->values[PM_ENTRY_AUTHOR]) == e->person
           && pm_value__as_int(&row->values[PM_ENTRY_PRIVATE]) != 0;
}

static pm_status erase_private_entries(pm_erase *e, pm_id series)
{
    pm_erase_ids entries = { NULL, 0, 0 };
    pm_value key = pm_value__int(series);
    pm_status st = pm_erase__collect(e, &entries, PM_KIND_CHECKIN_ENTRY,
                                     PM_ENTRY_BY_SERIES_KIND, &key, 1, PM_ENTRY_PRIVATE + 1,
                                     "checkin_entry", written_privately, NULL);
    if (st == PM_OK)
        st = pm_erase__remove_ids(e, PM_KIND_CHECKIN_ENTRY, &entries);
    pm_erase__ids_free(&entries);
    return st;
}

/* Calls each on every series whose index starts with who. */
static pm_status each_series(pm_erase *e, unsigned int index, pm_id who,
                             pm_status (*each)(pm_erase *, pm_id), int remove_series)
{
    pm_erase_ids series = { NULL, 0, 0 };
    pm_value key = pm_value__int(who);
    pm_status st = pm_erase__collect(e, &series, PM_KIND_CHECKIN_SERIES, index, &key, 1, 0,
                                     "checkin_series", NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < series.count; i++)
        st = each(e, series.ids[i]);
    if (st == PM_OK && remove_series)
        st = pm_erase__remove_ids(e, PM_KIND_CHECKIN_SERIES, &series);
    pm_erase__ids_free(&series);
    return st;
}

/* The series they lead now, and those of everyone who reported to them: a
 * series is created with, and moved to, the report's manager of the day.
 * (The first finds a series whose line to them was replaced on its first
 * day.) A series gone over twice has nothing left to remove the second
 * time. */
static pm_status erase_private_entries_as_manager(pm_erase *e)
{
    pm_erase_ids reports = { NULL, 0, 0 };
    pm_value manager = pm_value__int(e->person);
    pm_status st = each_series(e, PM_SERIES_BY_MANAGER, e->person, erase_private_entries, 0);
    if (st == PM_OK)
        st = pm_erase__collect_refs(e, &reports, PM_KIND_REPORTING_LINE,
                                    PM_REPORTING_BY_MANAGER, &manager, 1, PM_REPORTING_PERSON,
                                    "reporting_line");
    for (size_t i = 0; st == PM_OK && i < reports.count; i++)
        st = each_series(e, PM_SERIES_BY_REPORT, reports.ids[i], erase_private_entries, 0);
    pm_erase__ids_free(&reports);
    return st;
}

pm_status pm_erase__checkins(pm_erase *e)
{
    pm_status st = each_series(e, PM_SERIES_BY_REPORT, e->person, erase_series_whole, 1);
    if (st == PM_OK)
        st = erase_private_entries_as_manager(e);
    return st;
}
