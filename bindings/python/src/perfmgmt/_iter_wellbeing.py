"""The iterators of the wellbeing and evaluation Session methods."""

from __future__ import annotations

from typing import Any

from ._lib_wellbeing import lib
from ._records_wellbeing import (
    Measurement,
    Metric,
    PatternFlag,
    ResponseRate,
    flag_from,
    measurement_from,
    metric_from,
    response_rate_from,
)
from ._session_iter import _SessionIterator

__all__ = ["MetricIterator", "MeasurementIterator", "ResponseRateIterator", "PatternFlagIterator"]


class MetricIterator(_SessionIterator[Metric]):
    """Metrics, one :class:`Metric` at a time, by name."""

    __slots__ = ()

    _free = lib.pm_metric_iter_free
    _next = lib.pm_metric_iter_next

    def _copy(self, item: Any) -> Metric:
        return metric_from(item)


class MeasurementIterator(_SessionIterator[Measurement]):
    """The acting person's measurements, one :class:`Measurement` at a
    time, oldest first."""

    __slots__ = ()

    _free = lib.pm_measurement_iter_free
    _next = lib.pm_measurement_iter_next

    def _copy(self, item: Any) -> Measurement:
        return measurement_from(item)


class ResponseRateIterator(_SessionIterator[ResponseRate]):
    """A survey's response rates, one :class:`ResponseRate` per unit, by unit id."""

    __slots__ = ()

    _free = lib.pm_response_rate_iter_free
    _next = lib.pm_response_rate_iter_next

    def _copy(self, item: Any) -> ResponseRate:
        return response_rate_from(item)


class PatternFlagIterator(_SessionIterator[PatternFlag]):
    """Pattern flags, one :class:`PatternFlag` at a time."""

    __slots__ = ()

    _free = lib.pm_flag_iter_free
    _next = lib.pm_flag_iter_next

    def _copy(self, item: Any) -> PatternFlag:
        return flag_from(item)
