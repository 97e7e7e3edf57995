"""The C functions and structs of ``competency.h`` and ``development.h``.

The same pattern as :mod:`perfmgmt._lib`, kept apart to keep each module
small: constants, one ctypes structure per option or result struct, one
prototype per function, declared on the library :mod:`perfmgmt._lib` loaded
when this module is imported (every module calling these functions imports
it first).
"""

from __future__ import annotations

from ctypes import POINTER, Structure, c_char_p, c_double, c_int, c_size_t, c_uint

from ._lib import (
    _handle,
    _out_double,
    _out_handle,
    _out_id,
    _out_int,
    declare,
    lib,
    pm_date,
    pm_enum,
    pm_id,
    pm_status,
    pm_time,
)

__all__ = ["lib"]

# Values of the C headers; the layout test compares them with the probe.
# competency.h
PM_COMPETENCY_NAME_MAX = 200
PM_COMPETENCY_TEXT_MAX = 4000
PM_SCALE_LEVELS_MAX = 20
PM_SCALE_OPTS_VERSION = 1
PM_COMPETENCY_OPTS_VERSION = 1
PM_ASSESSMENT_OPTS_VERSION = 1
PM_LEVEL_RULE_VERSION = 1
PM_GAP_SUMMARY_OPTS_VERSION = 1
# development.h
PM_PLAN_TEXT_MAX = 10000
PM_PLAN_TITLE_MAX = 200
PM_PLAN_OPTS_VERSION = 1
PM_PLAN_FIELD_PERIOD = 0x1
PM_PLAN_FIELD_STRENGTHS = 0x2
PM_PLAN_FIELD_AMBITIONS = 0x4
PM_PLAN_FIELD_TARGET_ROLE = 0x8
PM_ITEM_COMPETENCIES_MAX = 20
PM_PLAN_ITEM_OPTS_VERSION = 1
PM_PLAN_PROGRESS_VERSION = 1
PM_PROGRAMME_COMPETENCIES_MAX = 20
PM_PROGRAMME_OPTS_VERSION = 1
PM_PROGRAMME_STATS_VERSION = 1


class ScaleOpts(Structure):
    """struct pm_scale_opts."""

    _fields_ = [
        ("version", c_uint),
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("min_level", c_int),
        ("max_level", c_int),
        # const char *const *: arrays of NUL-terminated texts.
        ("level_names", POINTER(c_char_p)),
        ("level_descriptions", POINTER(c_char_p)),
    ]


class CompetencyOpts(Structure):
    """struct pm_competency_opts."""

    _fields_ = [
        ("version", c_uint),
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("category", c_char_p),
        ("category_len", c_size_t),
        ("description", c_char_p),
        ("description_len", c_size_t),
        ("scale", pm_id),
    ]


class AssessmentOpts(Structure):
    """struct pm_assessment_opts."""

    _fields_ = [
        ("version", c_uint),
        ("person", pm_id),
        ("competency", pm_id),
        ("level", c_int),
        ("source", pm_enum),
        ("on", pm_date),
        ("round", pm_id),
        ("note", c_char_p),
        ("note_len", c_size_t),
    ]


class LevelRule(Structure):
    """struct pm_level_rule."""

    _fields_ = [
        ("version", c_uint),
        ("kind", pm_enum),
        ("self_weight", c_double),
        ("manager_weight", c_double),
        ("review360_weight", c_double),
    ]


class GapSummaryOpts(Structure):
    """struct pm_gap_summary_opts."""

    _fields_ = [
        ("version", c_uint),
        ("on", pm_date),
        ("compare", pm_date),
        ("rule", LevelRule),
    ]


class PlanOpts(Structure):
    """struct pm_plan_opts."""

    _fields_ = [
        ("version", c_uint),
        ("person", pm_id),
        ("start", pm_date),
        ("end", pm_date),
        ("strengths", c_char_p),
        ("strengths_len", c_size_t),
        ("ambitions", c_char_p),
        ("ambitions_len", c_size_t),
        ("target_role", pm_id),
    ]


class PlanItemOpts(Structure):
    """struct pm_plan_item_opts."""

    _fields_ = [
        ("version", c_uint),
        ("kind", pm_enum),
        ("title", c_char_p),
        ("title_len", c_size_t),
        ("notes", c_char_p),
        ("notes_len", c_size_t),
        ("start", pm_date),
        ("due", pm_date),
        ("weight", c_double),
        ("mentor", pm_id),
        ("competencies", POINTER(pm_id)),
        ("ncompetencies", c_size_t),
        ("goal", pm_id),
        ("metric", pm_id),
        ("metric_target", c_double),
    ]


class PlanProgress(Structure):
    """struct pm_plan_progress (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("items", c_int),
        ("done", c_int),
        ("overdue", c_int),
        ("share_done", c_double),
    ]


class ProgrammeOpts(Structure):
    """struct pm_programme_opts."""

    _fields_ = [
        ("version", c_uint),
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("kind", pm_enum),
        ("description", c_char_p),
        ("description_len", c_size_t),
        ("capacity", c_int),
        ("competencies", POINTER(pm_id)),
        ("ncompetencies", c_size_t),
    ]


class ProgrammeStats(Structure):
    """struct pm_programme_stats (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("invited", c_int),
        ("enrolled", c_int),
        ("completed", c_int),
        ("dropped", c_int),
        ("passed", c_int),
        ("completion_rate", c_double),
    ]


# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # competency.h: scales
    "pm_scale_opts_init": (pm_status, [POINTER(ScaleOpts), c_uint]),
    "pm_scale_create": (pm_status, [_out_id, _handle, POINTER(ScaleOpts)]),
    "pm_scale_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_scale_free": (None, [_handle]),
    "pm_scale_id": (pm_id, [_handle]),
    "pm_scale_name": (c_char_p, [_handle]),
    "pm_scale_min_level": (c_int, [_handle]),
    "pm_scale_max_level": (c_int, [_handle]),
    "pm_scale_level_name": (c_char_p, [_handle, c_int]),
    "pm_scale_level_description": (c_char_p, [_handle, c_int]),
    # competencies
    "pm_competency_opts_init": (pm_status, [POINTER(CompetencyOpts), c_uint]),
    "pm_competency_create": (pm_status, [_out_id, _handle, POINTER(CompetencyOpts)]),
    "pm_competency_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_competency_list": (pm_status, [_out_handle, _handle, c_char_p]),
    "pm_competency_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_competency_iter_free": (None, [_handle]),
    "pm_competency_free": (None, [_handle]),
    "pm_competency_id": (pm_id, [_handle]),
    "pm_competency_name": (c_char_p, [_handle]),
    "pm_competency_category": (c_char_p, [_handle]),
    "pm_competency_description": (c_char_p, [_handle]),
    "pm_competency_scale": (pm_id, [_handle]),
    # roles
    "pm_role_create": (pm_status, [_out_id, _handle, c_char_p, c_size_t, c_char_p, c_size_t]),
    "pm_role_require": (pm_status, [_handle, pm_id, pm_id, c_int]),
    "pm_role_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_role_list": (pm_status, [_out_handle, _handle]),
    "pm_role_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_role_iter_free": (None, [_handle]),
    "pm_role_free": (None, [_handle]),
    "pm_role_id": (pm_id, [_handle]),
    "pm_role_name": (c_char_p, [_handle]),
    "pm_role_description": (c_char_p, [_handle]),
    "pm_role_requirement_count": (c_size_t, [_handle]),
    "pm_role_requirement_competency": (pm_id, [_handle, c_size_t]),
    "pm_role_requirement_level": (c_int, [_handle, c_size_t]),
    "pm_role_assign": (pm_status, [_handle, pm_id, pm_id, pm_date]),
    "pm_role_of": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    # assessments and rounds
    "pm_assessment_opts_init": (pm_status, [POINTER(AssessmentOpts), c_uint]),
    "pm_assessment_add": (pm_status, [_out_id, _handle, POINTER(AssessmentOpts)]),
    "pm_assessment_list": (pm_status, [_out_handle, _handle, pm_id, pm_id]),
    "pm_assessment_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_assessment_iter_free": (None, [_handle]),
    "pm_assessment_id": (pm_id, [_handle]),
    "pm_assessment_person": (pm_id, [_handle]),
    "pm_assessment_competency": (pm_id, [_handle]),
    "pm_assessment_level": (c_int, [_handle]),
    "pm_assessment_source_get": (pm_enum, [_handle]),
    "pm_assessment_assessor": (pm_id, [_handle]),
    "pm_assessment_date": (pm_date, [_handle]),
    "pm_assessment_round": (pm_id, [_handle]),
    "pm_assessment_released": (c_int, [_handle]),
    "pm_assessment_note": (c_char_p, [_handle]),
    "pm_assessment_round_open": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    "pm_assessment_round_submit": (pm_status, [_out_int, _handle, pm_id]),
    "pm_assessment_round_state": (
        pm_status,
        [_out_int, _out_int, POINTER(pm_time), _handle, pm_id],
    ),
    "pm_competency_level": (
        pm_status,
        [_out_double, _out_int, _handle, pm_id, pm_id, pm_date, POINTER(LevelRule)],
    ),
    # gaps
    "pm_gap_person": (pm_status, [_out_handle, _handle, pm_id, pm_id, pm_date, POINTER(LevelRule)]),
    "pm_gap_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_gap_iter_free": (None, [_handle]),
    "pm_gap_competency": (pm_id, [_handle]),
    "pm_gap_required": (c_int, [_handle]),
    "pm_gap_assessed": (c_int, [_handle]),
    "pm_gap_current": (c_double, [_handle]),
    "pm_gap_value": (c_double, [_handle]),
    "pm_role_match": (pm_status, [_out_double, _handle, pm_id, pm_id, pm_date, POINTER(LevelRule)]),
    "pm_gap_summary_opts_init": (pm_status, [POINTER(GapSummaryOpts), c_uint]),
    "pm_gap_unit": (pm_status, [_out_handle, _handle, pm_id, POINTER(GapSummaryOpts)]),
    "pm_gap_summary_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_gap_summary_iter_free": (None, [_handle]),
    "pm_gap_summary_competency": (pm_id, [_handle]),
    "pm_gap_summary_people": (c_int, [_handle]),
    "pm_gap_summary_assessed": (c_int, [_handle]),
    "pm_gap_summary_below": (c_int, [_handle]),
    "pm_gap_summary_mean_gap": (c_double, [_handle]),
    "pm_gap_summary_people_before": (c_int, [_handle]),
    "pm_gap_summary_assessed_before": (c_int, [_handle]),
    "pm_gap_summary_below_before": (c_int, [_handle]),
    "pm_gap_summary_mean_gap_before": (c_double, [_handle]),
    # development.h: plans
    "pm_plan_opts_init": (pm_status, [POINTER(PlanOpts), c_uint]),
    "pm_plan_create": (pm_status, [_out_id, _handle, POINTER(PlanOpts)]),
    "pm_plan_update": (pm_status, [_handle, pm_id, POINTER(PlanOpts), c_uint]),
    "pm_plan_copy_forward": (pm_status, [_out_id, _handle, pm_id, pm_date, pm_date]),
    "pm_plan_add_area": (pm_status, [_handle, pm_id, pm_id, c_char_p, c_size_t]),
    "pm_plan_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_plan_list": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_plan_current": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    "pm_plan_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_plan_iter_free": (None, [_handle]),
    "pm_plan_free": (None, [_handle]),
    "pm_plan_id": (pm_id, [_handle]),
    "pm_plan_person": (pm_id, [_handle]),
    "pm_plan_start": (pm_date, [_handle]),
    "pm_plan_end": (pm_date, [_handle]),
    "pm_plan_strengths": (c_char_p, [_handle]),
    "pm_plan_ambitions": (c_char_p, [_handle]),
    "pm_plan_target_role": (pm_id, [_handle]),
    "pm_plan_previous": (pm_id, [_handle]),
    "pm_plan_area_count": (c_size_t, [_handle]),
    "pm_plan_area_competency": (pm_id, [_handle, c_size_t]),
    "pm_plan_area_note": (c_char_p, [_handle, c_size_t]),
    # plan items
    "pm_plan_item_opts_init": (pm_status, [POINTER(PlanItemOpts), c_uint]),
    "pm_plan_item_add": (pm_status, [_out_id, _handle, pm_id, POINTER(PlanItemOpts)]),
    "pm_plan_item_set_state": (pm_status, [_handle, pm_id, pm_enum, pm_date]),
    "pm_plan_item_list": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_plan_item_list_mentored": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_plan_item_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_plan_item_iter_free": (None, [_handle]),
    "pm_plan_item_id": (pm_id, [_handle]),
    "pm_plan_item_plan": (pm_id, [_handle]),
    "pm_plan_item_kind": (pm_enum, [_handle]),
    "pm_plan_item_title": (c_char_p, [_handle]),
    "pm_plan_item_notes": (c_char_p, [_handle]),
    "pm_plan_item_state": (pm_enum, [_handle]),
    "pm_plan_item_start": (pm_date, [_handle]),
    "pm_plan_item_due": (pm_date, [_handle]),
    "pm_plan_item_done_on": (pm_date, [_handle]),
    "pm_plan_item_weight": (c_double, [_handle]),
    "pm_plan_item_mentor": (pm_id, [_handle]),
    "pm_plan_item_competency_count": (c_size_t, [_handle]),
    "pm_plan_item_competency": (pm_id, [_handle, c_size_t]),
    "pm_plan_item_goal": (pm_id, [_handle]),
    "pm_plan_item_metric": (pm_id, [_handle]),
    "pm_plan_item_metric_target": (c_double, [_handle]),
    "pm_plan_item_programme": (pm_id, [_handle]),
    "pm_plan_progress_get": (pm_status, [POINTER(PlanProgress), _handle, pm_id, pm_date]),
    # programmes
    "pm_programme_opts_init": (pm_status, [POINTER(ProgrammeOpts), c_uint]),
    "pm_programme_create": (pm_status, [_out_id, _handle, POINTER(ProgrammeOpts)]),
    "pm_programme_add_session": (pm_status, [_handle, pm_id, pm_date, c_char_p, c_size_t]),
    "pm_programme_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_programme_list": (pm_status, [_out_handle, _handle]),
    "pm_programme_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_programme_iter_free": (None, [_handle]),
    "pm_programme_free": (None, [_handle]),
    "pm_programme_id": (pm_id, [_handle]),
    "pm_programme_name": (c_char_p, [_handle]),
    "pm_programme_kind_get": (pm_enum, [_handle]),
    "pm_programme_description": (c_char_p, [_handle]),
    "pm_programme_capacity": (c_int, [_handle]),
    "pm_programme_seats_taken": (c_int, [_handle]),
    "pm_programme_competency_count": (c_size_t, [_handle]),
    "pm_programme_competency": (pm_id, [_handle, c_size_t]),
    "pm_programme_session_count": (c_size_t, [_handle]),
    "pm_programme_session_date": (pm_date, [_handle, c_size_t]),
    "pm_programme_session_title": (c_char_p, [_handle, c_size_t]),
    # enrolments
    "pm_programme_invite": (pm_status, [_handle, pm_id, pm_id]),
    "pm_programme_enrol": (pm_status, [_out_id, _handle, pm_id, pm_id]),
    "pm_programme_complete": (pm_status, [_handle, pm_id, pm_id, pm_enum, pm_date]),
    "pm_programme_drop": (pm_status, [_handle, pm_id, pm_id]),
    "pm_programme_participants": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_enrolment_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_enrolment_iter_free": (None, [_handle]),
    "pm_enrolment_person": (pm_id, [_handle]),
    "pm_enrolment_programme": (pm_id, [_handle]),
    "pm_enrolment_state_get": (pm_enum, [_handle]),
    "pm_enrolment_result_get": (pm_enum, [_handle]),
    "pm_enrolment_invited_on": (pm_date, [_handle]),
    "pm_enrolment_enrolled_on": (pm_date, [_handle]),
    "pm_enrolment_ended_on": (pm_date, [_handle]),
    "pm_enrolment_item": (pm_id, [_handle]),
    "pm_programme_stats_get": (pm_status, [POINTER(ProgrammeStats), _handle, pm_id]),
    "pm_programme_candidates": (
        pm_status,
        [_out_handle, _handle, pm_id, c_double, pm_date, POINTER(LevelRule)],
    ),
    "pm_candidate_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_candidate_iter_free": (None, [_handle]),
    "pm_candidate_person": (pm_id, [_handle]),
    "pm_candidate_competency": (pm_id, [_handle]),
    "pm_candidate_gap": (c_double, [_handle]),
}

declare(lib, _PROTOTYPES)
