"""The Session methods for wellbeing: metrics, measurements, survey rounds
and aggregates (``wellbeing.h``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from ctypes import POINTER, byref, c_int, c_size_t

from . import _convert as cv
from ._iter_wellbeing import MeasurementIterator, MetricIterator, ResponseRateIterator
from ._lib import pm_id
from ._lib_wellbeing import (
    PM_AGGREGATE_VERSION,
    PM_MEASUREMENT_OPTS_VERSION,
    PM_METRIC_OPTS_VERSION,
    PM_SURVEY_OPTS_VERSION,
    PM_SURVEY_THRESHOLD_DEFAULT,
    MeasurementOpts,
    MetricOpts,
    SurveyOpts,
    lib,
)
from ._lib_wellbeing import Aggregate as _CAggregate
from ._lib_wellbeing import SurveyAnswer as _CSurveyAnswer
from ._records_wellbeing import (
    Aggregate,
    BuiltinMetric,
    Instrument,
    MeasurementSource,
    Metric,
    MetricDirection,
    Survey,
    SurveyAnswer,
    aggregate_from,
    answer_from,
    metric_from,
    survey_from,
)
from ._session_base import _message, _SessionBase
from .errors import check


def _required_date(value: object, name: str) -> int:
    """A date that must be given (None would mean "today" in C)."""
    if value is None:
        raise TypeError(f"{name} must be a datetime.date, not None")
    return cv.date_in(value, name)


def optional_time(value: object, name: str) -> int:
    """An instant, or None for C's 0 ("now", or "no bound")."""
    return 0 if value is None else cv.time_in(value, name)


def _answers(value: object) -> list[_CSurveyAnswer]:
    """The answers as C structs, from an iterable of SurveyAnswer."""
    if isinstance(value, (str, bytes, SurveyAnswer)) or not isinstance(value, Iterable):
        raise cv.type_error("answers", "an iterable of perfmgmt.SurveyAnswer", value)
    out = []
    for i, answer in enumerate(value):
        if not isinstance(answer, SurveyAnswer):
            raise cv.type_error(f"answers[{i}]", "perfmgmt.SurveyAnswer", answer)
        item = _CSurveyAnswer()
        item.instrument = cv.enum_in(answer.instrument, Instrument, f"answers[{i}].instrument")
        item.metric = cv.optional_ident(answer.metric, f"answers[{i}].metric")
        item.item = cv.integer(answer.item, f"answers[{i}].item")
        item.value = cv.integer(answer.value, f"answers[{i}].value")
        out.append(item)
    return out


class _WellbeingMixin(_SessionBase):
    """Metrics, measurements, instruments in survey rounds, aggregates."""

    __slots__ = ()

    # ---- metrics -------------------------------------------------------------

    def create_metric(
        self,
        name: str,
        min: float,  # noqa: A002 - the scale's own words
        max: float,  # noqa: A002
        *,
        unit: str | None = None,
        direction: MetricDirection = MetricDirection.HIGHER_IS_BETTER,
        reliability: float | None = None,
    ) -> int:
        """Defines a custom metric (a pulse item, or an item of an
        instrument that is not built in) on the scale ``min`` to ``max`` and
        returns its id. HR or the system.

        :param unit: its unit ("points", "%"), or None.
        :param reliability: a test-retest or internal-consistency
            coefficient in (0, 1), used by evaluations to tell reliable
            change; None when unknown.
        :raises InvalidArgument: a blank name, a scale that is not finite or
            empty, a bad direction, a reliability outside (0, 1).
        :raises Conflict: a metric of that name exists.
        """
        opts = MetricOpts()
        check(lib.pm_metric_opts_init(byref(opts), PM_METRIC_OPTS_VERSION))
        n = cv.text(name, "name")
        opts.name, opts.name_len = n, len(n)
        u = cv.optional_text(unit, "unit")
        if u is not None:
            opts.unit, opts.unit_len = u, len(u)
        opts.min = cv.number(min, "min")
        opts.max = cv.number(max, "max")
        opts.direction = cv.enum_in(direction, MetricDirection, "direction")
        # 0 is C's "unknown"; a given 0 is C's to refuse as outside (0, 1).
        opts.reliability = 0.0 if reliability is None else cv.number(reliability, "reliability")
        out = pm_id()
        self._call_out(lib.pm_metric_create, out, byref(opts))
        return out.value

    def builtin_metric(self, which: BuiltinMetric) -> int:
        """The id of a built-in metric, defined in the store on first use.
        Anyone may.

        :raises ReadOnly: a read-only store that does not have it yet.
        """
        w = cv.enum_in(which, BuiltinMetric, "which")
        out = pm_id()
        self._call_out(lib.pm_metric_builtin, out, w)
        return out.value

    def get_metric(self, metric: int) -> Metric:
        """Reads a metric. Anyone may."""
        mid = cv.ident(metric, "metric")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_metric_get, lib.pm_metric_free, metric_from, mid
        )

    def metrics(self) -> MetricIterator:
        """The metrics, by name."""
        return self._iterator(MetricIterator, lib.pm_metric_list)

    # ---- measurements ----------------------------------------------------------

    def add_measurement(
        self,
        person: int,
        metric: int,
        value: float,
        *,
        at: _dt.datetime | None = None,
        source: MeasurementSource = MeasurementSource.MANUAL,
    ) -> int:
        """Records a measurement of ``metric`` for ``person`` and returns its
        id: MANUAL by the person themselves, IMPORT by HR or the system.
        (Survey and check-in measurements come from
        :meth:`respond_to_survey` and :meth:`hold_checkin`.)

        :param at: when it was taken (an aware datetime, not in the
            future), or None for now.
        :raises InvalidArgument: a value outside the scale, NaN or infinite,
            a time in the future, a source the session may not use, a person
            who has left.
        """
        opts = MeasurementOpts()
        check(lib.pm_measurement_opts_init(byref(opts), PM_MEASUREMENT_OPTS_VERSION))
        opts.person = cv.ident(person, "person")
        opts.metric = cv.ident(metric, "metric")
        opts.value = cv.number(value, "value")
        opts.at = optional_time(at, "at")
        opts.source = cv.enum_in(source, MeasurementSource, "source")
        out = pm_id()
        self._call_out(lib.pm_measurement_add, out, byref(opts))
        return out.value

    def my_measurements(
        self,
        metric: int | None = None,
        since: _dt.datetime | None = None,
        until: _dt.datetime | None = None,
    ) -> MeasurementIterator:
        """The acting person's own measurements of ``metric`` (None: all)
        taken in [``since``, ``until``] (None: from the first; until now),
        oldest first. Nobody else's measurements can be listed.

        :raises PermissionDenied: the system actor (it has none).
        """
        mid = cv.optional_ident(metric, "metric")
        first = optional_time(since, "since")
        last = optional_time(until, "until")
        return self._iterator(MeasurementIterator, lib.pm_measurement_list_mine, mid, first, last)

    # ---- survey rounds ---------------------------------------------------------

    def create_survey(
        self,
        title: str,
        closes: _dt.date,
        *,
        opens: _dt.date | None = None,
        threshold: int = PM_SURVEY_THRESHOLD_DEFAULT,
        repeat_days: int = 0,
    ) -> int:
        """Creates a survey round as a draft and returns its id. HR or the
        system.

        :param opens: its first day; None for today.
        :param threshold: the minimum group size for its results, 3 to 10;
            frozen when it opens.
        :param repeat_days: run again every N days (7 to 365: a pulse), or
            0 for once.
        :raises InvalidArgument: a blank title, ``closes`` before
            ``opens``, a threshold outside 3-10, repeat_days out of range.
        """
        opts = SurveyOpts()
        check(lib.pm_survey_opts_init(byref(opts), PM_SURVEY_OPTS_VERSION))
        t = cv.text(title, "title")
        opts.title, opts.title_len = t, len(t)
        opts.closes = _required_date(closes, "closes")
        opts.opens = cv.date_in(opens, "opens")
        opts.threshold = cv.integer(threshold, "threshold")
        opts.repeat_days = cv.integer(repeat_days, "repeat_days")
        out = pm_id()
        self._call_out(lib.pm_survey_create, out, byref(opts))
        return out.value

    def add_survey_instrument(
        self,
        survey: int,
        instrument: Instrument,
        *,
        metric: int | None = None,
        text: str | None = None,
    ) -> None:
        """Adds an instrument to a draft survey: each built-in one at most
        once, pulse items as many as wanted. HR or the system.

        :param metric: Instrument.PULSE: the custom metric it measures.
        :param text: Instrument.PULSE: the question, single line.
        :raises Conflict: the survey holds the instrument already.
        """
        sid = cv.ident(survey, "survey")
        kind = cv.enum_in(instrument, Instrument, "instrument")
        mid = cv.optional_ident(metric, "metric")
        t = cv.optional_text(text, "text")
        self._call(lib.pm_survey_add_instrument, sid, kind, mid, t, 0 if t is None else len(t))

    def add_survey_audience(self, survey: int, *, unit: int | None = None, person: int | None = None) -> None:
        """Adds to a draft survey's audience a unit (with the units below
        it) or one person: exactly one of the two. HR or the system."""
        sid = cv.ident(survey, "survey")
        uid = cv.optional_ident(unit, "unit")
        pid = cv.optional_ident(person, "person")
        self._call(lib.pm_survey_add_audience, sid, uid, pid)

    def open_survey(self, survey: int) -> None:
        """Opens a draft survey, freezing its instruments, threshold and
        audience (the active people it reaches today, with their units).
        HR or the system.

        :raises InvalidArgument: not a draft, no instrument, nobody in the
            audience.
        """
        self._call(lib.pm_survey_open, cv.ident(survey, "survey"))

    def close_survey(self, survey: int) -> None:
        """Closes an open survey. HR or the system.

        :raises InvalidArgument: not open.
        """
        self._call(lib.pm_survey_close, cv.ident(survey, "survey"))

    def respond_to_survey(self, survey: int, answers: Iterable[SurveyAnswer]) -> None:
        """Answers a survey, once, as the acting person: every item of each
        instrument answered (instruments left out are skipped). Each
        instrument's score becomes a measurement of its metric.

        :raises InvalidArgument: not open or outside its window, answered
            already, an instrument the survey does not hold, an item missing
            or repeated, a value outside the item scale, no answers.
        :raises PermissionDenied: not in the audience.
        """
        sid = cv.ident(survey, "survey")
        items = _answers(answers)
        # The array lives in this frame until C returns.
        array = (_CSurveyAnswer * max(len(items), 1))(*items)
        self._call(lib.pm_survey_respond, sid, array, len(items))

    def renew_surveys(self, on: _dt.date | None = None) -> int:
        """Creates the next round of every repeating survey whose period has
        come by ``on`` (None: today), opened on its first day, and closes
        the round it follows; returns how many were created. Calling it
        again the same day creates nothing. HR or the system."""
        out = c_int()
        self._call_out(lib.pm_survey_renew, out, cv.date_in(on, "on"))
        return out.value

    def get_survey(self, survey: int) -> Survey:
        """Reads a survey round. Anyone may (whether the acting person
        answered is theirs to know)."""
        sid = cv.ident(survey, "survey")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_survey_get, lib.pm_survey_free, survey_from, sid
        )

    def response_rates(self, survey: int) -> ResponseRateIterator:
        """The response rate of each unit of an open or closed survey's
        frozen audience (by the unit each person was in when it opened), by
        unit id; units with fewer invited than the threshold are
        suppressed. HR or the system.

        :raises InvalidArgument: a draft.
        """
        sid = cv.ident(survey, "survey")
        return self._iterator(ResponseRateIterator, lib.pm_survey_response_rates, sid)

    def my_survey_answers(self, survey: int) -> tuple[SurveyAnswer, ...]:
        """The acting person's own answers to a survey, in instrument then
        item order (empty when they did not answer). Nobody else's can be
        read.

        :raises PermissionDenied: the system actor.
        """
        sid = cv.ident(survey, "survey")
        out = POINTER(_CSurveyAnswer)()
        n = c_size_t()
        h = self._h
        ptr = h.enter()
        try:
            # The session comes third here, after the two outputs.
            rc = lib.pm_survey_my_answers(byref(out), byref(n), ptr, sid)
            if rc:
                check(rc, _message(ptr))
            try:
                return tuple(answer_from(out[i]) for i in range(n.value))
            finally:
                if out:
                    lib.pm_free(out)
        finally:
            h.leave()

    # ---- aggregates ------------------------------------------------------------

    def wellbeing_aggregate(
        self,
        metric: int,
        since: _dt.datetime,
        until: _dt.datetime,
        *,
        unit: int | None = None,
        min_group: int = 5,
    ) -> Aggregate:
        """A metric's aggregate over the measurements taken in [``since``,
        ``until``] by the people in ``unit`` or a unit below it when
        measured (None: everyone). Suppressed below ``min_group`` people
        (3 to 10), and by the differencing rule: when a unit below has at
        least ``min_group`` people counted while the rest number from 1 to
        ``min_group - 1``, the larger group is hidden. HR, the system, or
        someone above everyone counted.

        :raises InvalidArgument: ``until`` not after ``since``, min_group
            outside 3-10.
        """
        mid = cv.ident(metric, "metric")
        first = cv.time_in(since, "since")
        last = cv.time_in(until, "until")
        uid = cv.optional_ident(unit, "unit")
        group = cv.integer(min_group, "min_group")
        out = _CAggregate()
        out.version = PM_AGGREGATE_VERSION
        self._call_out(lib.pm_wellbeing_aggregate, out, mid, uid, first, last, group)
        return aggregate_from(out)
