/**
 * @file perfmgmt/datetime.h
 * @brief Calendar dates and UTC instants: conversion, parsing and formatting.
 *
 * Dates are ISO 8601 calendar dates ("2026-02-28") in the proleptic Gregorian
 * calendar, years 0001 to 9999. Instants are whole seconds since the Unix
 * epoch in UTC, written "2026-02-28T13:45:00Z". The parsers accept exactly
 * these forms and reject everything else (2026-02-30, 2026-2-3, trailing
 * text). These functions are pure and thread-safe.
 *
 * @defgroup datetime Dates and times
 * @{
 */
#ifndef PERFMGMT_DATETIME_H
#define PERFMGMT_DATETIME_H

#include "common.h"

PM_BEGIN_DECL

/** Buffer size that holds any formatted date with its NUL ("YYYY-MM-DD"). */
#define PM_DATE_BUFSIZE 11
/** Buffer size that holds any formatted instant with its NUL ("YYYY-MM-DDTHH:MM:SSZ"). */
#define PM_TIME_BUFSIZE 21

/**
 * Builds a date from its parts.
 *
 * @param[out] out the date.
 * @param year 1 to 9999.
 * @param month 1 to 12.
 * @param day 1 to the length of the month (leap years counted).
 * @return #PM_OK, #PM_EINVAL when @p out is NULL, #PM_ERANGE when a part is out of range.
 */
PM_EXTERN(pm_status) pm_date_from_ymd(pm_date *out, int year, int month, int day);

/**
 * Splits a date into its parts.
 *
 * @param date a valid date (not #PM_DATE_NONE).
 * @param[out] year may be NULL.
 * @param[out] month may be NULL.
 * @param[out] day may be NULL.
 * @return #PM_OK, or #PM_ERANGE when @p date is outside years 1 to 9999.
 */
PM_EXTERN(pm_status) pm_date_to_ymd(pm_date date, int *year, int *month, int *day);

/**
 * Parses an ISO 8601 calendar date, "YYYY-MM-DD" exactly.
 *
 * @param[out] out the date.
 * @param text NUL-terminated text.
 * @return #PM_OK, #PM_EINVAL for NULL arguments or text of the wrong form,
 *         #PM_ERANGE for a date that does not exist (2026-02-30).
 */
PM_EXTERN(pm_status) pm_date_parse(pm_date *out, const char *text);

/**
 * Formats a date as "YYYY-MM-DD".
 *
 * @param[out] buf at least #PM_DATE_BUFSIZE bytes; receives NUL-terminated text.
 * @param date the date.
 * @return #PM_OK, #PM_EINVAL when @p buf is NULL, #PM_ERANGE for a date outside years 1 to 9999.
 */
PM_EXTERN(pm_status) pm_date_format(char buf[PM_DATE_BUFSIZE], pm_date date);

/**
 * Parses a UTC instant, "YYYY-MM-DDTHH:MM:SSZ" exactly.
 *
 * @param[out] out the instant.
 * @param text NUL-terminated text.
 * @return #PM_OK, #PM_EINVAL for NULL arguments or text of the wrong form,
 *         #PM_ERANGE for a part out of range.
 */
PM_EXTERN(pm_status) pm_time_parse(pm_time *out, const char *text);

/**
 * Formats an instant as "YYYY-MM-DDTHH:MM:SSZ".
 *
 * @param[out] buf at least #PM_TIME_BUFSIZE bytes; receives NUL-terminated text.
 * @param time the instant.
 * @return #PM_OK, #PM_EINVAL when @p buf is NULL, #PM_ERANGE outside years 1 to 9999.
 */
PM_EXTERN(pm_status) pm_time_format(char buf[PM_TIME_BUFSIZE], pm_time time);

/**
 * The UTC calendar date of an instant.
 *
 * @param time the instant.
 * @return the date on which @p time falls in UTC, or #PM_DATE_NONE when
 *         that day does not fit in a #pm_date.
 */
PM_EXTERN(pm_date) pm_time_date(pm_time time);

PM_END_DECL

/** @} */
#endif
