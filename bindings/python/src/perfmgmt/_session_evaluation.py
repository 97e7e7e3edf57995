"""The Session methods for before-and-after evaluations, trends and
pattern flags (``evaluation.h``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from ctypes import byref

from . import _convert as cv
from ._iter_wellbeing import PatternFlagIterator
from ._lib import pm_id
from ._lib_wellbeing import (
    PM_EVALUATION_OPTS_VERSION,
    PM_EVALUATION_RESULT_VERSION,
    PM_TREND_OPTS_VERSION,
    EvaluationOpts,
    TrendOpts,
    lib,
)
from ._lib_wellbeing import EvaluationResult as _CEvaluationResult
from ._records_wellbeing import (
    EvaluationResult,
    Period,
    Trend,
    evaluation_result_from,
    trend_from,
)
from ._session_base import _SessionBase
from ._session_competency import idents
from .errors import check

Window = tuple[_dt.datetime, _dt.datetime]


def _window(value: object, name: str) -> tuple[int, int]:
    """A ``(first, last)`` pair of instants; None for none (0, 0 in C:
    values given explicitly)."""
    if value is None:
        return (0, 0)
    if not isinstance(value, tuple) or len(value) != 2:
        raise cv.type_error(name, "a (from, to) tuple of datetime.datetime or None", value)
    return (cv.time_in(value[0], f"{name}[0]"), cv.time_in(value[1], f"{name}[1]"))


def _required_date(value: object, name: str) -> int:
    """A date that must be given (None means "none" in C, which it refuses
    with a less helpful message)."""
    if value is None:
        raise TypeError(f"{name} must be a datetime.date, not None")
    return cv.date_in(value, name)


class _EvaluationMixin(_SessionBase):
    """Evaluations, trends and pattern flags."""

    __slots__ = ()

    # ---- evaluations -----------------------------------------------------------

    def create_evaluation(
        self,
        title: str,
        metric: int,
        *,
        programme: int | None = None,
        participants: Iterable[int] | None = None,
        comparison: Iterable[int] | None = None,
        pre: Window | None = None,
        post: Window | None = None,
        min_group: int = 5,
    ) -> int:
        """Creates an evaluation of a programme or initiative on ``metric``
        and returns its id. HR or the system.

        :param title: the initiative (single line).
        :param programme: the programme evaluated, or None for another
            initiative.
        :param participants: the participants; None with a programme: those
            who completed it.
        :param comparison: a comparison group (not participants), or None.
        :param pre: the window ``(from, to)`` (aware datetimes, inclusive)
            whose mean measurement is each person's value before; None
            (with ``post`` None) to give the values with
            :meth:`set_evaluation_values`.
        :param post: the window after, starting after ``pre`` ends.
        :param min_group: results are suppressed below this many pairs, 3 to 10.
        :raises InvalidArgument: a blank title, no participants, repeated
            people, a person in both groups, windows that end before they
            start or overlap, min_group outside 3-10.
        :raises NotFound: no such metric, programme or person.
        """
        opts = EvaluationOpts()
        check(lib.pm_evaluation_opts_init(byref(opts), PM_EVALUATION_OPTS_VERSION))
        t = cv.text(title, "title")
        opts.title, opts.title_len = t, len(t)
        opts.programme = cv.optional_ident(programme, "programme")
        opts.metric = cv.ident(metric, "metric")
        # The arrays live in this frame until C returns. An empty list is
        # passed as an empty array (not NULL), so that C says "no
        # participants" rather than taking the programme's.
        group = None if participants is None else idents(participants, "participants")
        others = None if comparison is None else idents(comparison, "comparison")
        group_array = (pm_id * max(len(group or ()), 1))(*(group or ()))
        others_array = (pm_id * max(len(others or ()), 1))(*(others or ()))
        if group is not None:
            opts.participants, opts.nparticipants = group_array, len(group)
        if others:
            opts.comparison, opts.ncomparison = others_array, len(others)
        opts.pre_from, opts.pre_to = _window(pre, "pre")
        opts.post_from, opts.post_to = _window(post, "post")
        opts.min_group = cv.integer(min_group, "min_group")
        out = pm_id()
        self._call_out(lib.pm_evaluation_create, out, byref(opts))
        return out.value

    def set_evaluation_values(self, evaluation: int, person: int, pre: float, post: float) -> None:
        """Gives a participant's or comparison person's explicit values
        before and after (an evaluation without windows), replacing earlier
        ones. HR or the system.

        :raises InvalidArgument: the evaluation has windows, a value outside
            the metric's scale, NaN.
        :raises NotFound: no such evaluation, or the person is in neither group.
        """
        eid = cv.ident(evaluation, "evaluation")
        pid = cv.ident(person, "person")
        before = cv.number(pre, "pre")
        after = cv.number(post, "post")
        self._call(lib.pm_evaluation_set_values, eid, pid, before, after)

    def evaluation_result(self, evaluation: int) -> EvaluationResult:
        """Computes an evaluation's result from the measurements (or the
        explicit values) as they are now. HR or the system.

        :raises InvalidArgument: fewer than two pairs (the message gives the
            counts).
        """
        eid = cv.ident(evaluation, "evaluation")
        out = _CEvaluationResult()
        out.version = PM_EVALUATION_RESULT_VERSION
        self._call_out(lib.pm_evaluation_result_get, out, eid)
        return evaluation_result_from(out)

    # ---- trends and flags --------------------------------------------------------

    def trend(
        self,
        metric: int,
        since: _dt.date,
        until: _dt.date,
        *,
        unit: int | None = None,
        period: Period = Period.MONTH,
        min_group: int = 5,
    ) -> Trend:
        """A metric's trend for ``unit`` with the units below it (None: the
        organisation): every period from the one holding ``since`` to the
        one holding ``until``, by the unit each measurement was taken in,
        with the OLS slope, Mann-Kendall and Theil-Sen over the periods
        shown. HR, the system, or someone above everyone counted.

        :param min_group: periods with fewer people are suppressed; 3 to 10.
        :raises InvalidArgument: ``until`` not after ``since``, a bad period,
            min_group outside 3-10.
        """
        opts = TrendOpts()
        check(lib.pm_trend_opts_init(byref(opts), PM_TREND_OPTS_VERSION))
        opts.metric = cv.ident(metric, "metric")
        opts.unit = cv.optional_ident(unit, "unit")
        opts.period = cv.enum_in(period, Period, "period")
        # "from" is a Python keyword: set the field by name.
        setattr(opts, "from", _required_date(since, "since"))
        opts.to = _required_date(until, "until")
        opts.min_group = cv.integer(min_group, "min_group")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_trend_get, lib.pm_trend_free, trend_from, byref(opts)
        )

    def pattern_flags(
        self, since: _dt.date, until: _dt.date, *, unit: int | None = None
    ) -> PatternFlagIterator:
        """The patterns worth acting on in ``unit`` with the units below it
        (None: the organisation) over [``since``, ``until``] (at least 28
        days), against the period of the same length before: declining
        wellbeing, widening competence gaps, falling check-in completion
        and feedback frequency. Numbers that would be suppressed raise no
        flag. HR, the system, or someone above everyone counted."""
        uid = cv.optional_ident(unit, "unit")
        first = _required_date(since, "since")
        last = _required_date(until, "until")
        return self._iterator(PatternFlagIterator, lib.pm_pattern_flags, uid, first, last)
