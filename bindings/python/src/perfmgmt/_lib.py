"""Loading libperfmgmt and declaring the C functions it exports.

Everything here mirrors the public headers: one ctypes prototype per
function, one ctypes structure per option or result struct. The rest of the
package calls C only through the names defined in this module and in
:mod:`perfmgmt._lib_development` (``competency.h``, ``development.h``) and
:mod:`perfmgmt._lib_wellbeing` (``wellbeing.h``, ``evaluation.h``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_double,
    c_int,
    c_int32,
    c_int64,
    c_size_t,
    c_uint,
    c_void_p,
)
from pathlib import Path

__all__ = ["lib", "library_path"]

# Values of the C headers. The layout test compares them with a program
# compiled against the headers, so a header change cannot slip past.
PM_OK = 0
PM_ITEROVER = -17
PM_DATE_NONE = -(2**31)
PM_DB_OPTS_VERSION = 2
PM_DB_SECRET_MIN = 16
PM_DB_READONLY = 0x1
PM_DB_NOCREATE = 0x2
PM_PERSON_OPTS_VERSION = 1
PM_PERSON_INCLUDE_LEFT = 0x1
PM_UNIT_OPTS_VERSION = 1
PM_UNIT_MEMBERS_DEEP = 0x1
PM_ORG_REPORTS_INDIRECT = 0x1
PM_IMPORT_OPTS_VERSION = 1
PM_IMPORT_MARK_MISSING_LEFT = 0x1
PM_IMPORT_STATS_VERSION = 1
PM_DATE_BUFSIZE = 11
PM_TIME_BUFSIZE = 21
# goal.h
PM_GOAL_TITLE_MAX = 200
PM_GOAL_TEXT_MAX = 10000
PM_KEY_RESULT_UNIT_MAX = 32
PM_GOAL_OPTS_VERSION = 2
PM_GOAL_FIELD_TITLE = 0x01
PM_GOAL_FIELD_DESCRIPTION = 0x02
PM_GOAL_FIELD_PERIOD = 0x04
PM_GOAL_FIELD_WEIGHT = 0x08
PM_GOAL_FIELD_VISIBILITY = 0x10
PM_GOAL_FIELD_PARENT = 0x20
PM_GOAL_FIELD_KIND = 0x40
PM_KEY_RESULT_OPTS_VERSION = 1
PM_PROGRESS_OPTS_VERSION = 1
PM_CONFIDENCE_NONE = -1
PM_HEALTH_OPTS_VERSION = 1
PM_GOAL_STATUS_VERSION = 1
PM_GOAL_INCLUDE_CLOSED = 0x1
# checkin.h
PM_CHECKIN_SERIES_OPTS_VERSION = 1
PM_CHECKIN_SERIES_OVERDUE = 0x1
PM_MOOD_NONE = 0
PM_ENTRY_TEXT_MAX = 10000
PM_CHECKIN_ENTRY_OPTS_VERSION = 1
PM_CHECKIN_RATE_VERSION = 1
# feedback.h
PM_DIRECTION_SLOTS = 7
PM_FEEDBACK_KIND_SLOTS = 4
PM_FEEDBACK_TEXT_MAX = 10000
PM_FEEDBACK_PART_MAX = 2000
PM_FEEDBACK_OPTS_VERSION = 1
PM_REQUEST_ADDRESSEES_MAX = 50
PM_REQUEST_TOPIC_MAX = 500
PM_REQUEST_EXPIRY_DEFAULT = 90
PM_FEEDBACK_REQUEST_OPTS_VERSION = 1
PM_REQUEST_OPEN = 0x1
PM_REQUEST_ANSWERED = 0x2
PM_REQUEST_EXPIRED_ONLY = 0x4
PM_REQUEST_ALL = 0x7
PM_FEEDBACK_STATS_OPTS_VERSION = 1
PM_FEEDBACK_STATS_VERSION = 1
# review360.h
PM_REVIEW360_THRESHOLD_DEFAULT = 3
PM_REVIEW360_TEXT_MAX = 500
PM_REVIEW360_ANSWER_MAX = 5000
PM_REVIEW360_OPTS_VERSION = 1
PM_REVIEW360_AS_RATER = 0x1

pm_id = c_int64
pm_date = c_int32
pm_time = c_int64
pm_status = c_int
# C enums (pm_goal_kind, pm_zone, pm_cadence, ...) are int-sized on every
# ABI perfmgmt supports; the layout test checks each one.
pm_enum = c_int


class DbOpts(Structure):
    """struct pm_db_opts."""

    _fields_ = [
        ("version", c_uint),
        ("flags", c_uint),
        # Version 2: the secret hiding anonymous givers (C copies it).
        ("secret", c_void_p),
        ("secret_len", c_size_t),
    ]


class PersonOpts(Structure):
    """struct pm_person_opts."""

    _fields_ = [
        ("version", c_uint),
        ("external_id", c_char_p),
        ("external_id_len", c_size_t),
        ("display_name", c_char_p),
        ("display_name_len", c_size_t),
        ("email", c_char_p),
        ("email_len", c_size_t),
        ("hr_admin", c_int),
        ("unit", pm_id),
        ("manager", pm_id),
        ("start", pm_date),
    ]


class UnitOpts(Structure):
    """struct pm_unit_opts."""

    _fields_ = [
        ("version", c_uint),
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("parent", pm_id),
    ]


class ImportOpts(Structure):
    """struct pm_import_opts."""

    _fields_ = [("version", c_uint), ("date", pm_date), ("flags", c_uint)]


class ImportStats(Structure):
    """struct pm_import_stats."""

    _fields_ = [
        ("version", c_uint),
        ("rows", c_size_t),
        ("people_created", c_size_t),
        ("people_updated", c_size_t),
        ("people_left", c_size_t),
        ("units_created", c_size_t),
    ]


class GoalOpts(Structure):
    """struct pm_goal_opts."""

    _fields_ = [
        ("version", c_uint),
        ("owner", pm_id),
        ("unit", pm_id),
        ("title", c_char_p),
        ("title_len", c_size_t),
        ("description", c_char_p),
        ("description_len", c_size_t),
        ("kind", pm_enum),
        ("start", pm_date),
        ("due", pm_date),
        ("weight", c_double),
        ("visibility", pm_enum),
        ("parent", pm_id),
        ("source_checkin", pm_id),
        ("source_feedback", pm_id),
    ]


class KeyResultOpts(Structure):
    """struct pm_key_result_opts."""

    _fields_ = [
        ("version", c_uint),
        ("title", c_char_p),
        ("title_len", c_size_t),
        ("kind", pm_enum),
        ("baseline", c_double),
        ("target", c_double),
        ("unit", c_char_p),
        ("unit_len", c_size_t),
        ("weight", c_double),
        ("has_commit", c_int),
        ("commit", c_double),
        ("has_stretch", c_int),
        ("stretch", c_double),
    ]


class ProgressOpts(Structure):
    """struct pm_progress_opts."""

    _fields_ = [
        ("version", c_uint),
        ("value", c_double),
        ("confidence", c_int),
        ("comment", c_char_p),
        ("comment_len", c_size_t),
    ]


class HealthOpts(Structure):
    """struct pm_health_opts."""

    _fields_ = [
        ("version", c_uint),
        ("on_track", c_double),
        ("at_risk", c_double),
        ("stale_days", c_int),
    ]


class GoalStatus(Structure):
    """struct pm_goal_status (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("progress", c_double),
        ("expected", c_double),
        ("health", pm_enum),
        ("stale", c_int),
        ("overdue", c_int),
        ("last_update", pm_date),
    ]


class CheckinSeriesOpts(Structure):
    """struct pm_checkin_series_opts."""

    _fields_ = [
        ("version", c_uint),
        ("manager", pm_id),
        ("report", pm_id),
        ("cadence", pm_enum),
        ("interval", c_int),
        ("day", c_int),
        ("start", pm_date),
    ]


class CheckinEntryOpts(Structure):
    """struct pm_checkin_entry_opts."""

    _fields_ = [
        ("version", c_uint),
        ("kind", pm_enum),
        ("text", c_char_p),
        ("text_len", c_size_t),
        ("is_private", c_int),
        ("owner", pm_id),
        ("due", pm_date),
        ("goal", pm_id),
    ]


class CheckinRate(Structure):
    """struct pm_checkin_rate (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("due", c_int),
        ("held", c_int),
        ("rate", c_double),
    ]


class FeedbackOpts(Structure):
    """struct pm_feedback_opts."""

    _fields_ = [
        ("version", c_uint),
        ("receiver", pm_id),
        ("kind", pm_enum),
        ("text", c_char_p),
        ("text_len", c_size_t),
        ("situation", c_char_p),
        ("situation_len", c_size_t),
        ("behaviour", c_char_p),
        ("behaviour_len", c_size_t),
        ("impact", c_char_p),
        ("impact_len", c_size_t),
        ("visibility", pm_enum),
        ("anonymous", c_int),
        ("direction", pm_enum),
        ("goal", pm_id),
        ("competency", pm_id),
        ("checkin", pm_id),
        ("at", pm_time),
    ]


class FeedbackRequestOpts(Structure):
    """struct pm_feedback_request_opts."""

    _fields_ = [
        ("version", c_uint),
        ("subject", pm_id),
        ("topic", c_char_p),
        ("topic_len", c_size_t),
        ("goal", pm_id),
        ("addressees", POINTER(pm_id)),
        ("naddressees", c_size_t),
        ("due", pm_date),
        ("expires_days", c_int),
        ("repeat_days", c_int),
    ]


class FeedbackStatsOpts(Structure):
    """struct pm_feedback_stats_opts."""

    _fields_ = [
        ("version", c_uint),
        ("from", pm_date),
        ("to", pm_date),
        ("quiet_days", c_int),
        ("min_group", c_int),
    ]


class FeedbackStats(Structure):
    """struct pm_feedback_stats (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("suppressed", c_int),
        ("people", c_int),
        ("given", c_int),
        ("received", c_int),
        ("anonymous_received", c_int),
        ("given_by_direction", c_int * PM_DIRECTION_SLOTS),
        ("received_by_direction", c_int * PM_DIRECTION_SLOTS),
        ("given_by_kind", c_int * PM_FEEDBACK_KIND_SLOTS),
        ("received_by_kind", c_int * PM_FEEDBACK_KIND_SLOTS),
        ("without_feedback", c_int),
        ("share_without_feedback", c_double),
        ("requests_addressed", c_int),
        ("requests_answered", c_int),
        ("requests_declined", c_int),
        ("requests_expired", c_int),
        ("response_rate", c_double),
        ("median_response_hours", c_double),
    ]


class Review360Opts(Structure):
    """struct pm_review360_opts."""

    _fields_ = [
        ("version", c_uint),
        ("subject", pm_id),
        ("title", c_char_p),
        ("title_len", c_size_t),
        ("opens", pm_date),
        ("closes", pm_date),
        ("threshold", c_int),
    ]


class Review360Answer(Structure):
    """struct pm_review360_answer."""

    _fields_ = [
        ("question", pm_id),
        ("rating", c_int),
        ("text", c_char_p),
        ("text_len", c_size_t),
    ]


CLOCK_FN = CFUNCTYPE(pm_time, c_void_p)

_handle = c_void_p
_out_handle = POINTER(c_void_p)
_out_id = POINTER(pm_id)
_out_int = POINTER(c_int)
_out_double = POINTER(c_double)

# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # common.h (pm_allocator_set is left out: a Python allocator could be
    # collected while C still holds memory from it)
    "pm_status_str": (c_char_p, [c_int]),
    "pm_version": (c_char_p, [_out_int, _out_int, _out_int]),
    "pm_free": (None, [c_void_p]),
    # datetime.h
    "pm_date_from_ymd": (pm_status, [POINTER(pm_date), c_int, c_int, c_int]),
    "pm_date_to_ymd": (pm_status, [pm_date, _out_int, _out_int, _out_int]),
    "pm_date_parse": (pm_status, [POINTER(pm_date), c_char_p]),
    "pm_date_format": (pm_status, [c_char_p, pm_date]),
    "pm_time_parse": (pm_status, [POINTER(pm_time), c_char_p]),
    "pm_time_format": (pm_status, [c_char_p, pm_time]),
    "pm_time_date": (pm_date, [pm_time]),
    # db.h (pm_db_open_storage needs the storage extension API, not bound)
    "pm_db_opts_init": (pm_status, [POINTER(DbOpts), c_uint]),
    "pm_db_open": (pm_status, [_out_handle, POINTER(c_void_p), c_char_p, POINTER(DbOpts)]),
    "pm_db_close": (None, [_handle]),
    "pm_db_errmsg": (c_char_p, [_handle]),
    "pm_db_set_clock": (pm_status, [_handle, CLOCK_FN, c_void_p]),
    "pm_db_now": (pm_time, [_handle]),
    "pm_session_open": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_session_open_system": (pm_status, [_out_handle, _handle]),
    "pm_session_free": (None, [_handle]),
    "pm_session_actor": (pm_id, [_handle]),
    "pm_session_errmsg": (c_char_p, [_handle]),
    "pm_session_errcode": (pm_status, [_handle]),
    "pm_session_begin": (pm_status, [_handle]),
    "pm_session_commit": (pm_status, [_handle]),
    "pm_session_rollback": (pm_status, [_handle]),
    # person.h
    "pm_person_opts_init": (pm_status, [POINTER(PersonOpts), c_uint]),
    "pm_person_create": (pm_status, [_out_id, _handle, POINTER(PersonOpts)]),
    "pm_person_update": (pm_status, [_handle, pm_id, POINTER(PersonOpts)]),
    "pm_person_set_hr_admin": (pm_status, [_handle, pm_id, c_int]),
    "pm_person_set_left": (pm_status, [_handle, pm_id, pm_date]),
    "pm_person_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_person_lookup": (pm_status, [_out_handle, _handle, c_char_p]),
    "pm_person_search": (pm_status, [_out_handle, _handle, c_char_p, c_uint]),
    "pm_person_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_person_iter_free": (None, [_handle]),
    "pm_person_free": (None, [_handle]),
    "pm_person_id": (pm_id, [_handle]),
    "pm_person_external_id": (c_char_p, [_handle]),
    "pm_person_display_name": (c_char_p, [_handle]),
    "pm_person_email": (c_char_p, [_handle]),
    "pm_person_status_get": (c_int, [_handle]),
    "pm_person_left_on": (pm_date, [_handle]),
    "pm_person_is_hr_admin": (c_int, [_handle]),
    "pm_person_created_at": (pm_time, [_handle]),
    "pm_person_created_by": (pm_id, [_handle]),
    "pm_person_updated_at": (pm_time, [_handle]),
    "pm_person_updated_by": (pm_id, [_handle]),
    # org.h
    "pm_unit_opts_init": (pm_status, [POINTER(UnitOpts), c_uint]),
    "pm_unit_create": (pm_status, [_out_id, _handle, POINTER(UnitOpts)]),
    "pm_unit_rename": (pm_status, [_handle, pm_id, c_char_p, c_size_t]),
    "pm_unit_move": (pm_status, [_handle, pm_id, pm_id]),
    "pm_unit_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_unit_find": (pm_status, [_out_id, _handle, c_char_p]),
    "pm_unit_path": (pm_status, [POINTER(c_void_p), _handle, pm_id]),
    "pm_unit_children": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_unit_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_unit_iter_free": (None, [_handle]),
    "pm_unit_free": (None, [_handle]),
    "pm_unit_id": (pm_id, [_handle]),
    "pm_unit_name": (c_char_p, [_handle]),
    "pm_unit_parent": (pm_id, [_handle]),
    "pm_unit_members": (pm_status, [_out_handle, _handle, pm_id, pm_date, c_uint]),
    "pm_org_set_unit": (pm_status, [_handle, pm_id, pm_id, pm_date]),
    "pm_org_unit_on": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    "pm_org_set_manager": (pm_status, [_handle, pm_id, pm_id, pm_date]),
    "pm_org_manager_on": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    "pm_org_reports": (pm_status, [_out_handle, _handle, pm_id, pm_date, c_uint]),
    "pm_org_is_above": (pm_status, [_out_int, _handle, pm_id, pm_id, pm_date]),
    # import.h
    "pm_import_opts_init": (pm_status, [POINTER(ImportOpts), c_uint]),
    "pm_import_csv": (
        pm_status,
        [_handle, c_char_p, c_size_t, POINTER(ImportOpts), POINTER(ImportStats)],
    ),
    "pm_import_csv_file": (
        pm_status,
        [_handle, c_char_p, POINTER(ImportOpts), POINTER(ImportStats)],
    ),
    # goal.h
    "pm_goal_opts_init": (pm_status, [POINTER(GoalOpts), c_uint]),
    "pm_goal_create": (pm_status, [_out_id, _handle, POINTER(GoalOpts)]),
    "pm_goal_update": (pm_status, [_handle, pm_id, POINTER(GoalOpts), c_uint]),
    "pm_goal_set_state": (pm_status, [_handle, pm_id, pm_enum]),
    "pm_goal_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_goal_free": (None, [_handle]),
    "pm_goal_id": (pm_id, [_handle]),
    "pm_goal_owner": (pm_id, [_handle]),
    "pm_goal_unit": (pm_id, [_handle]),
    "pm_goal_title": (c_char_p, [_handle]),
    "pm_goal_description": (c_char_p, [_handle]),
    "pm_goal_kind_get": (pm_enum, [_handle]),
    "pm_goal_state_get": (pm_enum, [_handle]),
    "pm_goal_start": (pm_date, [_handle]),
    "pm_goal_due": (pm_date, [_handle]),
    "pm_goal_weight": (c_double, [_handle]),
    "pm_goal_visibility": (pm_enum, [_handle]),
    "pm_goal_parent": (pm_id, [_handle]),
    "pm_goal_source_checkin": (pm_id, [_handle]),
    "pm_goal_source_feedback": (pm_id, [_handle]),
    "pm_goal_created_at": (pm_time, [_handle]),
    "pm_goal_created_by": (pm_id, [_handle]),
    "pm_goal_updated_at": (pm_time, [_handle]),
    "pm_goal_updated_by": (pm_id, [_handle]),
    "pm_key_result_opts_init": (pm_status, [POINTER(KeyResultOpts), c_uint]),
    "pm_key_result_add": (pm_status, [_out_id, _handle, pm_id, POINTER(KeyResultOpts)]),
    "pm_key_result_remove": (pm_status, [_handle, pm_id]),
    "pm_key_result_list": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_key_result_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_key_result_iter_free": (None, [_handle]),
    "pm_key_result_id": (pm_id, [_handle]),
    "pm_key_result_goal": (pm_id, [_handle]),
    "pm_key_result_title": (c_char_p, [_handle]),
    "pm_key_result_kind_get": (pm_enum, [_handle]),
    "pm_key_result_baseline": (c_double, [_handle]),
    "pm_key_result_target": (c_double, [_handle]),
    "pm_key_result_current": (c_double, [_handle]),
    "pm_key_result_unit": (c_char_p, [_handle]),
    "pm_key_result_weight": (c_double, [_handle]),
    "pm_key_result_commit": (c_int, [_handle, _out_double]),
    "pm_key_result_stretch": (c_int, [_handle, _out_double]),
    "pm_key_result_progress": (c_double, [_handle]),
    "pm_key_result_zone": (pm_enum, [_handle]),
    "pm_progress_opts_init": (pm_status, [POINTER(ProgressOpts), c_uint]),
    "pm_progress_add": (pm_status, [_out_id, _handle, pm_id, pm_id, POINTER(ProgressOpts)]),
    "pm_progress_list": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_progress_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_progress_iter_free": (None, [_handle]),
    "pm_progress_id": (pm_id, [_handle]),
    "pm_progress_goal": (pm_id, [_handle]),
    "pm_progress_key_result": (pm_id, [_handle]),
    "pm_progress_value": (c_double, [_handle]),
    "pm_progress_confidence": (c_int, [_handle]),
    "pm_progress_comment": (c_char_p, [_handle]),
    "pm_progress_at": (pm_time, [_handle]),
    "pm_progress_by": (pm_id, [_handle]),
    "pm_health_opts_init": (pm_status, [POINTER(HealthOpts), c_uint]),
    "pm_goal_evaluate": (
        pm_status,
        [POINTER(GoalStatus), _handle, pm_id, pm_date, POINTER(HealthOpts)],
    ),
    "pm_goal_list_person": (pm_status, [_out_handle, _handle, pm_id, c_uint]),
    "pm_goal_list_unit": (pm_status, [_out_handle, _handle, pm_id, c_uint]),
    "pm_goal_tree": (pm_status, [_out_handle, _handle, pm_id, c_uint]),
    "pm_goal_list_attention": (
        pm_status,
        [_out_handle, _handle, pm_id, pm_date, POINTER(HealthOpts)],
    ),
    "pm_goal_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_goal_iter_depth": (c_int, [_handle]),
    "pm_goal_iter_free": (None, [_handle]),
    # checkin.h
    "pm_checkin_series_opts_init": (pm_status, [POINTER(CheckinSeriesOpts), c_uint]),
    "pm_checkin_series_create": (pm_status, [_out_id, _handle, POINTER(CheckinSeriesOpts)]),
    "pm_checkin_series_pause": (pm_status, [_handle, pm_id, pm_date]),
    "pm_checkin_series_resume": (pm_status, [_handle, pm_id, pm_date]),
    "pm_checkin_series_end": (pm_status, [_handle, pm_id, pm_date]),
    "pm_checkin_series_move": (pm_status, [_handle, pm_id, pm_id]),
    "pm_checkin_series_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_checkin_series_list": (pm_status, [_out_handle, _handle, pm_id, c_uint]),
    "pm_checkin_series_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_checkin_series_iter_free": (None, [_handle]),
    "pm_checkin_series_free": (None, [_handle]),
    "pm_checkin_series_id": (pm_id, [_handle]),
    "pm_checkin_series_manager": (pm_id, [_handle]),
    "pm_checkin_series_report": (pm_id, [_handle]),
    "pm_checkin_series_cadence": (pm_enum, [_handle]),
    "pm_checkin_series_interval": (c_int, [_handle]),
    "pm_checkin_series_day": (c_int, [_handle]),
    "pm_checkin_series_start": (pm_date, [_handle]),
    "pm_checkin_series_state": (pm_enum, [_handle]),
    "pm_checkin_series_next_due": (pm_date, [_handle]),
    "pm_checkin_series_last_held": (pm_date, [_handle]),
    "pm_checkin_schedule": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    "pm_checkin_hold": (pm_status, [_out_id, _handle, pm_id, c_int]),
    "pm_checkin_set_state": (pm_status, [_handle, pm_id, pm_enum]),
    "pm_checkin_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_checkin_list": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_checkin_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_checkin_iter_free": (None, [_handle]),
    "pm_checkin_free": (None, [_handle]),
    "pm_checkin_id": (pm_id, [_handle]),
    "pm_checkin_series_of": (pm_id, [_handle]),
    "pm_checkin_date": (pm_date, [_handle]),
    "pm_checkin_state_get": (pm_enum, [_handle]),
    "pm_checkin_mood": (c_int, [_handle]),
    "pm_checkin_entry_opts_init": (pm_status, [POINTER(CheckinEntryOpts), c_uint]),
    "pm_checkin_entry_add": (pm_status, [_out_id, _handle, pm_id, POINTER(CheckinEntryOpts)]),
    "pm_checkin_entry_set_done": (pm_status, [_handle, pm_id, c_int]),
    "pm_checkin_entry_list": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_checkin_entry_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_checkin_entry_iter_free": (None, [_handle]),
    "pm_checkin_entry_id": (pm_id, [_handle]),
    "pm_checkin_entry_kind": (pm_enum, [_handle]),
    "pm_checkin_entry_checkin": (pm_id, [_handle]),
    "pm_checkin_entry_origin": (pm_id, [_handle]),
    "pm_checkin_entry_author": (pm_id, [_handle]),
    "pm_checkin_entry_text": (c_char_p, [_handle]),
    "pm_checkin_entry_is_private": (c_int, [_handle]),
    "pm_checkin_entry_done": (c_int, [_handle]),
    "pm_checkin_entry_done_at": (pm_time, [_handle]),
    "pm_checkin_entry_owner": (pm_id, [_handle]),
    "pm_checkin_entry_due": (pm_date, [_handle]),
    "pm_checkin_entry_goal": (pm_id, [_handle]),
    "pm_checkin_entry_goal_progress": (c_double, [_handle]),
    "pm_checkin_entry_goal_health": (c_int, [_handle]),
    "pm_checkin_entry_created_at": (pm_time, [_handle]),
    "pm_checkin_days_since": (pm_status, [_out_int, _handle, pm_id, pm_date]),
    "pm_checkin_rate_manager": (
        pm_status,
        [POINTER(CheckinRate), _handle, pm_id, pm_date, pm_date],
    ),
    "pm_checkin_rate_unit": (
        pm_status,
        [POINTER(CheckinRate), _handle, pm_id, pm_date, pm_date],
    ),
    # feedback.h
    "pm_feedback_opts_init": (pm_status, [POINTER(FeedbackOpts), c_uint]),
    "pm_feedback_give": (pm_status, [_out_id, _handle, POINTER(FeedbackOpts)]),
    "pm_feedback_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_feedback_acknowledge": (pm_status, [_handle, pm_id]),
    "pm_feedback_react": (pm_status, [_handle, pm_id, pm_enum]),
    "pm_feedback_retract": (pm_status, [_handle, pm_id]),
    "pm_feedback_list_received": (pm_status, [_out_handle, _handle, pm_id, c_size_t]),
    "pm_feedback_list_given": (pm_status, [_out_handle, _handle, pm_id, c_size_t]),
    "pm_feedback_list_visible": (pm_status, [_out_handle, _handle, c_size_t]),
    "pm_feedback_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_feedback_iter_free": (None, [_handle]),
    "pm_feedback_free": (None, [_handle]),
    "pm_feedback_id": (pm_id, [_handle]),
    "pm_feedback_giver": (pm_id, [_handle]),
    "pm_feedback_is_mine": (c_int, [_handle]),
    "pm_feedback_receiver": (pm_id, [_handle]),
    "pm_feedback_kind_get": (pm_enum, [_handle]),
    "pm_feedback_direction": (pm_enum, [_handle]),
    "pm_feedback_visibility_get": (pm_enum, [_handle]),
    "pm_feedback_is_anonymous": (c_int, [_handle]),
    "pm_feedback_text": (c_char_p, [_handle]),
    "pm_feedback_situation": (c_char_p, [_handle]),
    "pm_feedback_behaviour": (c_char_p, [_handle]),
    "pm_feedback_impact": (c_char_p, [_handle]),
    "pm_feedback_goal": (pm_id, [_handle]),
    "pm_feedback_competency": (pm_id, [_handle]),
    "pm_feedback_checkin": (pm_id, [_handle]),
    "pm_feedback_request_of": (pm_id, [_handle]),
    "pm_feedback_given_at": (pm_time, [_handle]),
    "pm_feedback_acknowledged_at": (pm_time, [_handle]),
    "pm_feedback_reaction": (pm_enum, [_handle]),
    "pm_feedback_request_opts_init": (pm_status, [POINTER(FeedbackRequestOpts), c_uint]),
    "pm_feedback_request_create": (
        pm_status,
        [_out_id, _handle, POINTER(FeedbackRequestOpts)],
    ),
    "pm_feedback_request_respond": (
        pm_status,
        [_out_id, _handle, pm_id, POINTER(FeedbackOpts)],
    ),
    "pm_feedback_request_decline": (pm_status, [_handle, pm_id]),
    "pm_feedback_request_renew": (pm_status, [_out_int, _handle, pm_date]),
    "pm_feedback_request_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_feedback_request_list": (pm_status, [_out_handle, _handle, pm_id, pm_enum, c_uint]),
    "pm_feedback_request_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_feedback_request_iter_free": (None, [_handle]),
    "pm_feedback_request_free": (None, [_handle]),
    "pm_feedback_request_id": (pm_id, [_handle]),
    "pm_feedback_request_requester": (pm_id, [_handle]),
    "pm_feedback_request_subject": (pm_id, [_handle]),
    "pm_feedback_request_topic": (c_char_p, [_handle]),
    "pm_feedback_request_goal": (pm_id, [_handle]),
    "pm_feedback_request_due": (pm_date, [_handle]),
    "pm_feedback_request_expires": (pm_date, [_handle]),
    "pm_feedback_request_repeat_days": (c_int, [_handle]),
    "pm_feedback_request_previous": (pm_id, [_handle]),
    "pm_feedback_request_created_at": (pm_time, [_handle]),
    "pm_feedback_request_count": (c_size_t, [_handle]),
    "pm_feedback_request_addressee": (pm_id, [_handle, c_size_t]),
    "pm_feedback_request_state": (pm_enum, [_handle, c_size_t]),
    "pm_feedback_request_answered_at": (pm_time, [_handle, c_size_t]),
    "pm_feedback_request_response": (pm_id, [_handle, c_size_t]),
    "pm_feedback_stats_opts_init": (pm_status, [POINTER(FeedbackStatsOpts), c_uint]),
    "pm_feedback_stats_person": (
        pm_status,
        [POINTER(FeedbackStats), _handle, pm_id, POINTER(FeedbackStatsOpts)],
    ),
    "pm_feedback_stats_unit": (
        pm_status,
        [POINTER(FeedbackStats), _handle, pm_id, POINTER(FeedbackStatsOpts)],
    ),
    # review360.h
    "pm_review360_opts_init": (pm_status, [POINTER(Review360Opts), c_uint]),
    "pm_review360_create": (pm_status, [_out_id, _handle, POINTER(Review360Opts)]),
    "pm_review360_add_question": (
        pm_status,
        [_out_id, _handle, pm_id, c_char_p, c_size_t, c_int, c_int],
    ),
    "pm_review360_add_rater": (pm_status, [_handle, pm_id, pm_id, pm_enum]),
    "pm_review360_open": (pm_status, [_handle, pm_id]),
    "pm_review360_close": (pm_status, [_handle, pm_id]),
    "pm_review360_submit": (
        pm_status,
        [_handle, pm_id, POINTER(Review360Answer), c_size_t],
    ),
    "pm_review360_role": (pm_status, [POINTER(pm_enum), _out_int, _out_int, _handle, pm_id]),
    "pm_review360_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_review360_list": (pm_status, [_out_handle, _handle, pm_id, c_uint]),
    "pm_review360_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_review360_iter_free": (None, [_handle]),
    "pm_review360_free": (None, [_handle]),
    "pm_review360_id": (pm_id, [_handle]),
    "pm_review360_subject": (pm_id, [_handle]),
    "pm_review360_title": (c_char_p, [_handle]),
    "pm_review360_state_get": (pm_enum, [_handle]),
    "pm_review360_opens": (pm_date, [_handle]),
    "pm_review360_closes": (pm_date, [_handle]),
    "pm_review360_threshold": (c_int, [_handle]),
    "pm_review360_raters": (c_int, [_handle]),
    "pm_review360_submitted": (c_int, [_handle]),
    "pm_review360_questions": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_review360_question_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_review360_question_iter_free": (None, [_handle]),
    "pm_review360_question_id": (pm_id, [_handle]),
    "pm_review360_question_text": (c_char_p, [_handle]),
    "pm_review360_question_scale_min": (c_int, [_handle]),
    "pm_review360_question_scale_max": (c_int, [_handle]),
    "pm_review360_results": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_review360_result_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_review360_result_iter_free": (None, [_handle]),
    "pm_review360_result_question": (pm_id, [_handle]),
    "pm_review360_result_group": (pm_enum, [_handle]),
    "pm_review360_result_shown": (c_int, [_handle]),
    "pm_review360_result_count": (c_int, [_handle]),
    "pm_review360_result_mean": (c_double, [_handle]),
    "pm_review360_result_sd": (c_double, [_handle]),
    "pm_review360_comments": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_review360_comment_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_review360_comment_iter_free": (None, [_handle]),
    "pm_review360_comment_question": (pm_id, [_handle]),
    "pm_review360_comment_group": (pm_enum, [_handle]),
    "pm_review360_comment_text": (c_char_p, [_handle]),
}


def _platform_names() -> list[str]:
    """The file names of the shared library with the ABI number, per platform."""
    if sys.platform == "darwin":
        return ["libperfmgmt.0.dylib"]
    if sys.platform == "win32":
        return ["perfmgmt.dll", "libperfmgmt.dll"]
    return ["libperfmgmt.so.0"]


def _build_tree_candidates() -> list[Path]:
    """Libraries built in the source checkout this package sits in, if any."""
    # In a checkout this file is bindings/python/src/perfmgmt/_lib.py; the
    # library is then in one of the repository's build directories.
    here = Path(__file__).resolve()
    if len(here.parents) < 5:
        return []
    root = here.parents[4]
    if not (root / "include" / "perfmgmt.h").is_file():
        return []
    found: list[Path] = []
    for name in _platform_names():
        found += root.glob(f"build*/{name}")
        found += root.glob(f"build*/*/{name}")
    # The newest build is most likely the one the developer means.
    return sorted(set(found), key=lambda p: p.stat().st_mtime, reverse=True)


def _load() -> tuple[ctypes.CDLL, str]:
    """Loads the library, returning it and where it came from."""
    explicit = os.environ.get("PERFMGMT_LIBRARY")
    if explicit:
        # An explicit choice never falls back to another copy: a silent
        # fallback would test or run against the wrong library.
        try:
            return ctypes.CDLL(explicit), explicit
        except OSError as exc:
            raise ImportError(
                f"perfmgmt: cannot load PERFMGMT_LIBRARY={explicit!r}: {exc}"
            ) from exc
    tried: list[str] = []
    for name in _platform_names():
        try:
            return ctypes.CDLL(name), name
        except OSError:
            tried.append(name)
    found = ctypes.util.find_library("perfmgmt")
    if found:
        try:
            return ctypes.CDLL(found), found
        except OSError:
            tried.append(found)
    for path in _build_tree_candidates():
        try:
            return ctypes.CDLL(str(path)), str(path)
        except OSError:
            tried.append(str(path))
    raise ImportError(
        "perfmgmt: libperfmgmt not found (tried: "
        + ", ".join(tried)
        + "); install it or set PERFMGMT_LIBRARY to its path"
    )


def declare(library: ctypes.CDLL, prototypes: dict[str, tuple[object, list[object]]]) -> None:
    """Sets the argument and result types of every function in ``prototypes``
    (this module's, and those of :mod:`perfmgmt._lib_development` and
    :mod:`perfmgmt._lib_wellbeing`)."""
    for name, (restype, argtypes) in prototypes.items():
        try:
            function = getattr(library, name)
        except AttributeError as exc:
            raise ImportError(
                f"perfmgmt: {library_path} does not export {name}; "
                "is it an older libperfmgmt?"
            ) from exc
        function.restype = restype
        function.argtypes = argtypes


lib, library_path = _load()
declare(lib, _PROTOTYPES)
