/* Erasure of check-ins: the person's own one-to-ones go whole (check-ins,
 * moods, every entry); in the series they led as manager, the private
 * entries they wrote go (nobody else could read them), while what they
 * shared stays in their report's record. */
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

/* Calls each on every series whose index starts with the person. */
static pm_status each_series(pm_erase *e, unsigned int index,
                             pm_status (*each)(pm_erase *, pm_id), int remove_series)
{
    pm_erase_ids series = { NULL, 0, 0 };
    pm_value person = pm_value__int(e->person);
    pm_status st = pm_erase__collect(e, &series, PM_KIND_CHECKIN_SERIES, index, &person, 1, 0,
                                     "checkin_series", NULL, NULL);
    for (size_t i = 0; st == PM_OK && i < series.count; i++)
        st = each(e, series.ids[i]);
    if (st == PM_OK && remove_series)
        st = pm_erase__remove_ids(e, PM_KIND_CHECKIN_SERIES, &series);
    pm_erase__ids_free(&series);
    return st;
}

pm_status pm_erase__checkins(pm_erase *e)
{
    pm_status st = each_series(e, PM_SERIES_BY_REPORT, erase_series_whole, 1);
    if (st == PM_OK)
        st = each_series(e, PM_SERIES_BY_MANAGER, erase_private_entries, 0);
    return st;
}
