/* The check-in series a person takes part in (as manager or report), their
 * meetings, and the entries on them: talking points, notes, action items
 * and goal snapshots.
 *
 * Entries follow the author rule of the check-in files: the person's own
 * entries are provided (their private ones only in their own export, since
 * no one else may read them), shared entries of the other party are
 * recorded by others, and the other party's private entries never appear.
 * A meeting's mood is the report's: it shows in the report's export only. */
#include "export_internal.h"

static const char *const cadences[] = { NULL, "weekly", "monthly" };
static const pm_export_enum cadence = PM_EXPORT_ENUM_OF(cadences);
static const char *const checkin_states[] = { NULL, "scheduled", "held", "cancelled", "missed" };
static const pm_export_enum checkin_state = PM_EXPORT_ENUM_OF(checkin_states);
static const char *const entry_kinds[] = { NULL, "talking_point", "note", "action_item", "goal" };
static const pm_export_enum entry_kind = PM_EXPORT_ENUM_OF(entry_kinds);
static const char *const healths[] = { "none", "on_track", "at_risk", "off_track" };
static const pm_export_enum health = PM_EXPORT_ENUM_OF(healths);

static const pm_export_field series_fields[] = {
    PM_EXPORT_REFERENCE("manager", PM_SERIES_MANAGER, PM_EXPORT_REF_PERSON),
    PM_EXPORT_REFERENCE("report", PM_SERIES_REPORT, PM_EXPORT_REF_PERSON),
    PM_EXPORT_NAMED("cadence", PM_SERIES_CADENCE, cadence),
    PM_EXPORT_FIELD("interval_weeks", PM_SERIES_INTERVAL, PM_EXPORT_INT),
    PM_EXPORT_FIELD("day_of_month", PM_SERIES_DAY, PM_EXPORT_INT),
    PM_EXPORT_FIELD("start_on", PM_SERIES_START_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("paused_on", PM_SERIES_PAUSED_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("ended_on", PM_SERIES_ENDED_ON, PM_EXPORT_DATE),
    PM_EXPORT_AUDIT(PM_SERIES),
};
static const pm_export_table series_table =
    PM_EXPORT_TABLE("checkin_series", PM_KIND_CHECKIN_SERIES, PM_SERIES_NFIELDS, series_fields);

static const pm_export_field checkin_fields[] = {
    PM_EXPORT_FIELD("series", PM_CHECKIN_SERIES, PM_EXPORT_ID),
    PM_EXPORT_FIELD("date", PM_CHECKIN_DATE, PM_EXPORT_DATE),
    PM_EXPORT_NAMED("state", PM_CHECKIN_STATE, checkin_state),
    PM_EXPORT_FIELD("mood", PM_CHECKIN_MOOD, PM_EXPORT_INT),
    PM_EXPORT_AUDIT(PM_CHECKIN),
};
static const pm_export_table checkin_table =
    PM_EXPORT_TABLE("checkin", PM_KIND_CHECKIN, PM_CHECKIN_NFIELDS, checkin_fields);

static const pm_export_field entry_fields[] = {
    PM_EXPORT_FIELD("series", PM_ENTRY_SERIES, PM_EXPORT_ID),
    PM_EXPORT_FIELD("checkin", PM_ENTRY_CHECKIN, PM_EXPORT_ID),
    PM_EXPORT_FIELD("origin", PM_ENTRY_ORIGIN, PM_EXPORT_ID),
    PM_EXPORT_NAMED("kind", PM_ENTRY_KIND, entry_kind),
    PM_EXPORT_REFERENCE("author", PM_ENTRY_AUTHOR, PM_EXPORT_REF_PERSON),
    PM_EXPORT_FIELD("text", PM_ENTRY_TEXT, PM_EXPORT_TEXT),
    PM_EXPORT_FIELD("private", PM_ENTRY_PRIVATE, PM_EXPORT_BOOL),
    PM_EXPORT_FIELD("done_at", PM_ENTRY_DONE_AT, PM_EXPORT_TIME),
    PM_EXPORT_REFERENCE("owner", PM_ENTRY_OWNER, PM_EXPORT_REF_PERSON),
    PM_EXPORT_FIELD("due_on", PM_ENTRY_DUE_ON, PM_EXPORT_DATE),
    PM_EXPORT_FIELD("goal", PM_ENTRY_GOAL_ID, PM_EXPORT_ID),
    PM_EXPORT_FIELD("goal_progress", PM_ENTRY_GOAL_PROGRESS, PM_EXPORT_REAL),
    PM_EXPORT_NAMED("goal_health", PM_ENTRY_GOAL_HEALTH, health),
    PM_EXPORT_AUDIT(PM_ENTRY),
};
static const pm_export_table entry_table =
    PM_EXPORT_TABLE("checkin_entry", PM_KIND_CHECKIN_ENTRY, PM_ENTRY_NFIELDS, entry_fields);

static pm_export_place series_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_SERIES_CREATED_BY);
}

static pm_export_place checkin_place(pm_export *x, const pm_row *row)
{
    return pm_export__by_creator(x, row, PM_CHECKIN_CREATED_BY);
}

static pm_export_place entry_place(pm_export *x, const pm_row *row)
{
    int is_private = pm_value__as_int(&row->values[PM_ENTRY_PRIVATE]) != 0;
    if (pm_value__as_int(&row->values[PM_ENTRY_AUTHOR]) != x->person)
        return is_private ? PM_EXPORT_SKIP : PM_EXPORT_RECORDED;
    return is_private && !x->by_person ? PM_EXPORT_SKIP : PM_EXPORT_PROVIDED;
}

/* The meetings of one series, without their mood unless the person is the
 * series' report; then its entries. */
static pm_status add_series(pm_export *x, pm_id series, int is_report)
{
    pm_export_rows checkins = { 0 };
    pm_value eq[1] = { pm_value__int(series) };
    pm_status st = pm_export__scan(x, &checkin_table, PM_CHECKIN_BY_SERIES, eq, 1, "checkins",
                                   checkin_place, &checkins);
    for (size_t i = 0; st == PM_OK && !is_report && i < checkins.count; i++)
        st = pm_export__set(x, checkins.records[i], "mood", json_null());
    pm_export__rows_free(&checkins);
    if (st == PM_OK)
        st = pm_export__scan(x, &entry_table, PM_ENTRY_BY_SERIES_KIND, eq, 1, "checkin_entries",
                             entry_place, NULL);
    return st;
}

pm_status pm_export__checkins(pm_export *x)
{
    static const unsigned int sides[2] = { PM_SERIES_BY_MANAGER, PM_SERIES_BY_REPORT };
    pm_status st = PM_OK;
    for (int side = 0; st == PM_OK && side < 2; side++) {
        pm_export_rows series = { 0 };
        pm_value eq[1] = { pm_value__int(x->person) };
        st = pm_export__scan(x, &series_table, sides[side], eq, 1, "checkin_series", series_place,
                             &series);
        for (size_t i = 0; st == PM_OK && i < series.count; i++)
            st = add_series(x, series.ids[i], sides[side] == PM_SERIES_BY_REPORT);
        pm_export__rows_free(&series);
    }
    return st;
}
