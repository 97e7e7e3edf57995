"""The C functions and structs of ``wellbeing.h`` and ``evaluation.h``.

The same pattern as :mod:`perfmgmt._lib` and
:mod:`perfmgmt._lib_development`: constants, one ctypes structure per option
or result struct, one prototype per function, declared on the library
:mod:`perfmgmt._lib` loaded when this module is imported (every module
calling these functions imports it first).
"""

from __future__ import annotations

from ctypes import POINTER, Structure, c_char_p, c_double, c_int, c_size_t, c_uint

from ._lib import (
    _handle,
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
# wellbeing.h
PM_METRIC_NAME_MAX = 200
PM_METRIC_OPTS_VERSION = 1
PM_MEASUREMENT_OPTS_VERSION = 1
PM_SURVEY_TEXT_MAX = 500
PM_SURVEY_THRESHOLD_DEFAULT = 5
PM_SURVEY_OPTS_VERSION = 1
PM_AGGREGATE_VERSION = 1
# evaluation.h
PM_EVALUATION_PEOPLE_MAX = 100000
PM_EVALUATION_OPTS_VERSION = 1
PM_EVALUATION_RESULT_VERSION = 1
PM_TREND_OPTS_VERSION = 1

# WHO-5 has five items: pm_who5_score() reads exactly that many.
WHO5_ITEMS = 5


class MetricOpts(Structure):
    """struct pm_metric_opts."""

    _fields_ = [
        ("version", c_uint),
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("unit", c_char_p),
        ("unit_len", c_size_t),
        ("min", c_double),
        ("max", c_double),
        ("direction", pm_enum),
        ("reliability", c_double),
    ]


class MeasurementOpts(Structure):
    """struct pm_measurement_opts."""

    _fields_ = [
        ("version", c_uint),
        ("person", pm_id),
        ("metric", pm_id),
        ("value", c_double),
        ("at", pm_time),
        ("source", pm_enum),
    ]


class Who5(Structure):
    """struct pm_who5 (filled by C)."""

    _fields_ = [
        ("raw", c_int),
        ("percent", c_int),
        ("poor_wellbeing", c_int),
        ("depression_screen", c_int),
    ]


class Enps(Structure):
    """struct pm_enps (filled by C)."""

    _fields_ = [
        ("n", c_int),
        ("promoters", c_int),
        ("passives", c_int),
        ("detractors", c_int),
        ("score", c_double),
    ]


class SurveyOpts(Structure):
    """struct pm_survey_opts."""

    _fields_ = [
        ("version", c_uint),
        ("title", c_char_p),
        ("title_len", c_size_t),
        ("opens", pm_date),
        ("closes", pm_date),
        ("threshold", c_int),
        ("repeat_days", c_int),
    ]


class SurveyAnswer(Structure):
    """struct pm_survey_answer."""

    _fields_ = [
        ("instrument", pm_enum),
        ("metric", pm_id),
        ("item", c_int),
        ("value", c_int),
    ]


class Aggregate(Structure):
    """struct pm_aggregate (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("suppressed", c_int),
        ("people", c_int),
        ("n", c_int),
        ("mean", c_double),
        ("sd", c_double),
    ]


class EvaluationOpts(Structure):
    """struct pm_evaluation_opts."""

    _fields_ = [
        ("version", c_uint),
        ("title", c_char_p),
        ("title_len", c_size_t),
        ("programme", pm_id),
        ("metric", pm_id),
        ("participants", POINTER(pm_id)),
        ("nparticipants", c_size_t),
        ("comparison", POINTER(pm_id)),
        ("ncomparison", c_size_t),
        ("pre_from", pm_time),
        ("pre_to", pm_time),
        ("post_from", pm_time),
        ("post_to", pm_time),
        ("min_group", c_int),
    ]


class EvaluationResult(Structure):
    """struct pm_evaluation_result (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("suppressed", c_int),
        ("participants", c_int),
        ("n", c_int),
        ("missing_pre", c_int),
        ("missing_post", c_int),
        ("pre_mean", c_double),
        ("post_mean", c_double),
        ("pre_sd", c_double),
        ("post_sd", c_double),
        ("mean_change", c_double),
        ("sd_change", c_double),
        ("t", c_double),
        ("df", c_int),
        ("p", c_double),
        ("ci_low", c_double),
        ("ci_high", c_double),
        ("d_z", c_double),
        ("g_av", c_double),
        ("wilcoxon_w", c_double),
        ("wilcoxon_n", c_int),
        ("wilcoxon_p", c_double),
        ("wilcoxon_exact", c_int),
        ("has_comparison", c_int),
        ("comparison_n", c_int),
        ("comparison_change", c_double),
        ("did", c_double),
        ("did_ci_low", c_double),
        ("did_ci_high", c_double),
        ("has_rci", c_int),
        ("reliable_improved", c_int),
        ("reliable_worsened", c_int),
        ("reliable_share", c_double),
    ]


class TrendOpts(Structure):
    """struct pm_trend_opts."""

    _fields_ = [
        ("version", c_uint),
        ("metric", pm_id),
        ("unit", pm_id),
        ("period", pm_enum),
        ("from", pm_date),
        ("to", pm_date),
        ("min_group", c_int),
    ]


# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # wellbeing.h: metrics
    "pm_metric_opts_init": (pm_status, [POINTER(MetricOpts), c_uint]),
    "pm_metric_create": (pm_status, [_out_id, _handle, POINTER(MetricOpts)]),
    "pm_metric_builtin": (pm_status, [_out_id, _handle, pm_enum]),
    "pm_metric_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_metric_list": (pm_status, [_out_handle, _handle]),
    "pm_metric_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_metric_iter_free": (None, [_handle]),
    "pm_metric_free": (None, [_handle]),
    "pm_metric_id": (pm_id, [_handle]),
    "pm_metric_name": (c_char_p, [_handle]),
    "pm_metric_unit": (c_char_p, [_handle]),
    "pm_metric_min": (c_double, [_handle]),
    "pm_metric_max": (c_double, [_handle]),
    "pm_metric_direction_get": (pm_enum, [_handle]),
    "pm_metric_reliability": (c_double, [_handle]),
    "pm_metric_builtin_kind": (c_int, [_handle]),
    # measurements
    "pm_measurement_opts_init": (pm_status, [POINTER(MeasurementOpts), c_uint]),
    "pm_measurement_add": (pm_status, [_out_id, _handle, POINTER(MeasurementOpts)]),
    "pm_measurement_list_mine": (pm_status, [_out_handle, _handle, pm_id, pm_time, pm_time]),
    "pm_measurement_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_measurement_iter_free": (None, [_handle]),
    "pm_measurement_id": (pm_id, [_handle]),
    "pm_measurement_metric": (pm_id, [_handle]),
    "pm_measurement_value": (c_double, [_handle]),
    "pm_measurement_at": (pm_time, [_handle]),
    "pm_measurement_source_get": (pm_enum, [_handle]),
    "pm_measurement_unit": (pm_id, [_handle]),
    # instrument scoring (pure)
    "pm_who5_score": (pm_status, [POINTER(Who5), POINTER(c_int)]),
    "pm_enps_score": (pm_status, [POINTER(Enps), POINTER(c_int), c_size_t]),
    "pm_cbi_score": (pm_status, [POINTER(c_double), POINTER(c_int), c_size_t]),
    # survey rounds
    "pm_survey_opts_init": (pm_status, [POINTER(SurveyOpts), c_uint]),
    "pm_survey_create": (pm_status, [_out_id, _handle, POINTER(SurveyOpts)]),
    "pm_survey_add_instrument": (pm_status, [_handle, pm_id, pm_enum, pm_id, c_char_p, c_size_t]),
    "pm_survey_add_audience": (pm_status, [_handle, pm_id, pm_id, pm_id]),
    "pm_survey_open": (pm_status, [_handle, pm_id]),
    "pm_survey_close": (pm_status, [_handle, pm_id]),
    "pm_survey_respond": (pm_status, [_handle, pm_id, POINTER(SurveyAnswer), c_size_t]),
    "pm_survey_renew": (pm_status, [_out_int, _handle, pm_date]),
    "pm_survey_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_survey_free": (None, [_handle]),
    "pm_survey_id": (pm_id, [_handle]),
    "pm_survey_title": (c_char_p, [_handle]),
    "pm_survey_state_get": (pm_enum, [_handle]),
    "pm_survey_opens": (pm_date, [_handle]),
    "pm_survey_closes": (pm_date, [_handle]),
    "pm_survey_threshold": (c_int, [_handle]),
    "pm_survey_repeat_days": (c_int, [_handle]),
    "pm_survey_previous": (pm_id, [_handle]),
    "pm_survey_invited": (c_int, [_handle]),
    "pm_survey_responded": (c_int, [_handle]),
    "pm_survey_answered_by_me": (c_int, [_handle]),
    "pm_survey_response_rates": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_response_rate_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_response_rate_iter_free": (None, [_handle]),
    "pm_response_rate_unit": (pm_id, [_handle]),
    "pm_response_rate_suppressed": (c_int, [_handle]),
    "pm_response_rate_invited": (c_int, [_handle]),
    "pm_response_rate_responded": (c_int, [_handle]),
    "pm_response_rate_value": (c_double, [_handle]),
    "pm_survey_my_answers": (
        pm_status,
        [POINTER(POINTER(SurveyAnswer)), POINTER(c_size_t), _handle, pm_id],
    ),
    # aggregates
    "pm_wellbeing_aggregate": (
        pm_status,
        [POINTER(Aggregate), _handle, pm_id, pm_id, pm_time, pm_time, c_int],
    ),
    # evaluation.h: evaluations
    "pm_evaluation_opts_init": (pm_status, [POINTER(EvaluationOpts), c_uint]),
    "pm_evaluation_create": (pm_status, [_out_id, _handle, POINTER(EvaluationOpts)]),
    "pm_evaluation_set_values": (pm_status, [_handle, pm_id, pm_id, c_double, c_double]),
    "pm_evaluation_result_get": (pm_status, [POINTER(EvaluationResult), _handle, pm_id]),
    # trends
    "pm_trend_opts_init": (pm_status, [POINTER(TrendOpts), c_uint]),
    "pm_trend_get": (pm_status, [_out_handle, _handle, POINTER(TrendOpts)]),
    "pm_trend_free": (None, [_handle]),
    "pm_trend_count": (c_size_t, [_handle]),
    "pm_trend_period_start": (pm_date, [_handle, c_size_t]),
    "pm_trend_period_suppressed": (c_int, [_handle, c_size_t]),
    "pm_trend_period_people": (c_int, [_handle, c_size_t]),
    "pm_trend_period_n": (c_int, [_handle, c_size_t]),
    "pm_trend_period_mean": (c_double, [_handle, c_size_t]),
    "pm_trend_points": (c_int, [_handle]),
    "pm_trend_slope": (c_double, [_handle]),
    "pm_trend_slope_ci_low": (c_double, [_handle]),
    "pm_trend_slope_ci_high": (c_double, [_handle]),
    "pm_trend_mk_s": (c_int, [_handle]),
    "pm_trend_mk_z": (c_double, [_handle]),
    "pm_trend_mk_p": (c_double, [_handle]),
    "pm_trend_theil_sen": (c_double, [_handle]),
    # pattern flags
    "pm_pattern_flags": (pm_status, [_out_handle, _handle, pm_id, pm_date, pm_date]),
    "pm_flag_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_flag_iter_free": (None, [_handle]),
    "pm_flag_kind_get": (pm_enum, [_handle]),
    "pm_flag_subject": (pm_id, [_handle]),
    "pm_flag_before": (c_double, [_handle]),
    "pm_flag_after": (c_double, [_handle]),
    "pm_flag_basis": (c_char_p, [_handle]),
}

declare(lib, _PROTOTYPES)
