"""Records and enums of wellbeing, surveys, evaluations and trends
(``wellbeing.h``, ``evaluation.h``), and the instrument scoring functions.

Like the other records, each is copied field by field out of a C snapshot
or struct, so it stays valid after its session or store is closed. A number
C reports as 0 because there is nothing to show (a suppressed group, no
comparison group, too few points for a slope) reads as None, so that it
cannot be mistaken for a measured 0.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from ctypes import byref, c_double, c_int
from dataclasses import dataclass
from typing import Any

from . import _convert
from ._lib_wellbeing import WHO5_ITEMS, lib
from ._lib_wellbeing import Enps as _CEnps
from ._lib_wellbeing import Who5 as _CWho5
from .errors import check

__all__ = [
    "MetricDirection",
    "BuiltinMetric",
    "MeasurementSource",
    "SurveyState",
    "Instrument",
    "Period",
    "FlagKind",
    "Metric",
    "Measurement",
    "Who5",
    "Enps",
    "Survey",
    "SurveyAnswer",
    "ResponseRate",
    "Aggregate",
    "EvaluationResult",
    "TrendPeriod",
    "Trend",
    "PatternFlag",
    "who5_score",
    "enps_score",
    "cbi_score",
]


class MetricDirection(enum.IntEnum):
    """Which way a metric improves (``pm_metric_direction``)."""

    #: More is better (wellbeing).
    HIGHER_IS_BETTER = 1
    #: Less is better (burnout).
    LOWER_IS_BETTER = 2


class BuiltinMetric(enum.IntEnum):
    """The metrics perfmgmt defines itself (``pm_builtin_metric``)."""

    #: WHO-5 percentage, 0-100, higher is better.
    WHO5 = 1
    #: eNPS answer, 0-10, higher is better.
    ENPS = 2
    #: Copenhagen Burnout Inventory, personal burnout, 0-100, lower is better.
    CBI_PERSONAL = 3
    #: CBI work-related burnout, 0-100, lower is better.
    CBI_WORK = 4
    #: CBI client-related burnout, 0-100, lower is better.
    CBI_CLIENT = 5
    #: The mood given when a check-in is held, 1-5, higher is better.
    CHECKIN_MOOD = 6


class MeasurementSource(enum.IntEnum):
    """Where a measurement came from (``pm_measurement_source``)."""

    #: A survey round's answer (recorded by Session.respond_to_survey()).
    SURVEY = 1
    #: A check-in's mood (recorded by Session.hold_checkin()).
    CHECKIN = 2
    #: Entered by the person.
    MANUAL = 3
    #: Imported by the system actor or HR.
    IMPORT = 4


class SurveyState(enum.IntEnum):
    """Where a survey round stands (``pm_survey_state``)."""

    DRAFT = 1
    OPEN = 2
    CLOSED = 3


class Instrument(enum.IntEnum):
    """What a survey asks, scored into its metric (``pm_instrument``)."""

    #: Five items 0-5, into BuiltinMetric.WHO5.
    WHO5 = 1
    #: One item 0-10, into BuiltinMetric.ENPS.
    ENPS = 2
    #: Six items 0/25/50/75/100, into BuiltinMetric.CBI_PERSONAL.
    CBI_PERSONAL = 3
    #: Seven items, into BuiltinMetric.CBI_WORK.
    CBI_WORK = 4
    #: Six items, into BuiltinMetric.CBI_CLIENT.
    CBI_CLIENT = 5
    #: One item on a custom metric's scale (whole numbers).
    PULSE = 6


class Period(enum.IntEnum):
    """The length of a trend's periods (``pm_period``)."""

    #: ISO weeks, Monday to Sunday.
    WEEK = 1
    #: Calendar months.
    MONTH = 2
    #: Calendar quarters.
    QUARTER = 3


class FlagKind(enum.IntEnum):
    """What a pattern flag says (``pm_flag_kind``)."""

    #: A wellbeing metric trends the wrong way (Mann-Kendall p < 0.05).
    WELLBEING_DECLINING = 1
    #: A competency's mean gap grew over the period.
    GAP_WIDENING = 2
    #: Check-in completion fell by 10 points or more.
    CHECKINS_FALLING = 3
    #: Feedback received per person fell by a quarter or more.
    FEEDBACK_FALLING = 4


@dataclass(frozen=True, slots=True)
class Metric:
    """A metric definition.

    :ivar id: the metric's id.
    :ivar name: its name, unique among metrics.
    :ivar unit: its unit ("points", "%"), or None.
    :ivar min: the lowest value of its scale.
    :ivar max: the highest value.
    :ivar direction: which way it improves.
    :ivar reliability: its reliability coefficient, or None when unknown.
    :ivar builtin: which built-in metric it is, or None for a custom one.
    """

    id: int
    name: str
    unit: str | None
    min: float
    max: float
    direction: MetricDirection
    reliability: float | None
    builtin: BuiltinMetric | None


@dataclass(frozen=True, slots=True)
class Measurement:
    """One of the acting person's own measurements.

    :ivar id: the measurement's id.
    :ivar metric: the metric.
    :ivar value: the value.
    :ivar at: when it was taken (UTC).
    :ivar source: survey, check-in, manual or import.
    :ivar unit: the unit the person was in then, or None.
    """

    id: int
    metric: int
    value: float
    at: _dt.datetime
    source: MeasurementSource
    unit: int | None


@dataclass(frozen=True, slots=True)
class Who5:
    """A scored WHO-5 answer set (``pm_who5``).

    :ivar raw: the sum of the five items, 0-25.
    :ivar percent: raw x 4, 0-100.
    :ivar poor_wellbeing: percent <= 50.
    :ivar depression_screen: percent <= 28 (a screen, not a diagnosis).
    """

    raw: int
    percent: int
    poor_wellbeing: bool
    depression_screen: bool


@dataclass(frozen=True, slots=True)
class Enps:
    """An eNPS result (``pm_enps``).

    :ivar n: answers.
    :ivar promoters: answers of 9 or 10.
    :ivar passives: answers of 7 or 8.
    :ivar detractors: answers of 0 to 6.
    :ivar score: 100 x (promoters - detractors) / n, -100 to 100; 0 without answers.
    """

    n: int
    promoters: int
    passives: int
    detractors: int
    score: float


@dataclass(frozen=True, slots=True)
class Survey:
    """A survey round.

    :ivar id: the survey's id.
    :ivar title: its title.
    :ivar state: draft, open or closed.
    :ivar opens: its first day.
    :ivar closes: its last day.
    :ivar threshold: the minimum group size for its results (frozen when it opens).
    :ivar repeat_days: days between rounds of a pulse, or 0 for once.
    :ivar previous: the round it follows, or None.
    :ivar invited: people in the frozen audience (0 while a draft).
    :ivar responded: people who answered.
    :ivar answered_by_me: whether the acting person answered it.
    """

    id: int
    title: str
    state: SurveyState
    opens: _dt.date | None
    closes: _dt.date | None
    threshold: int
    repeat_days: int
    previous: int | None
    invited: int
    responded: int
    answered_by_me: bool


@dataclass(frozen=True, slots=True)
class SurveyAnswer:
    """One answer to a survey item, given to Session.respond_to_survey()
    and read back by Session.my_survey_answers().

    :ivar instrument: the instrument.
    :ivar item: the item, from 1 (WHO-5 1-5, CBI 1-6 or 1-7, eNPS and pulse 1).
    :ivar value: the answer, on the instrument's item scale.
    :ivar metric: Instrument.PULSE: its custom metric; otherwise None.
    """

    instrument: Instrument
    item: int
    value: int
    metric: int | None = None


@dataclass(frozen=True, slots=True)
class ResponseRate:
    """One unit's response rate in a survey round.

    :ivar unit: the unit, or None for the people without one.
    :ivar suppressed: fewer people were invited than the threshold: the
        counts are then 0 and the rate None.
    :ivar invited: people invited.
    :ivar responded: people who answered.
    :ivar rate: responded / invited, or None when suppressed.
    """

    unit: int | None
    suppressed: bool
    invited: int
    responded: int
    rate: float | None


@dataclass(frozen=True, slots=True)
class Aggregate:
    """A metric's aggregate over a group (``pm_aggregate``).

    :ivar suppressed: hidden (too few people, or the differencing rule):
        the counts are then 0 and the figures None.
    :ivar people: people with a measurement.
    :ivar n: measurements.
    :ivar mean: their mean, or None when there is none to show.
    :ivar sd: their sample standard deviation, or None below two.
    """

    suppressed: bool
    people: int
    n: int
    mean: float | None
    sd: float | None


@dataclass(frozen=True, slots=True)
class EvaluationResult:
    """The outcome of an evaluation (``pm_evaluation_result``).

    The counts are always given. Below the minimum group (``suppressed``)
    every statistic is None; without a comparison group the comparison
    fields are None, and without a reliability on the metric the
    reliable-change fields are None.

    :ivar suppressed: fewer pairs than the evaluation's minimum group.
    :ivar participants: participants.
    :ivar n: paired n: participants with both values.
    :ivar missing_pre: participants without a value before.
    :ivar missing_post: participants without a value after.
    :ivar pre_mean: the mean before (pairs).
    :ivar post_mean: the mean after (pairs).
    :ivar pre_sd: the SD before (pairs).
    :ivar post_sd: the SD after (pairs).
    :ivar mean_change: the mean of post - pre.
    :ivar sd_change: the SD of post - pre (n - 1 denominator).
    :ivar t: the paired t statistic.
    :ivar df: its degrees of freedom, n - 1.
    :ivar p: the two-sided p of the paired t test.
    :ivar ci_low: the 95% confidence interval of the mean change, low end.
    :ivar ci_high: its high end.
    :ivar d_z: Cohen's d_z, mean change / SD of change.
    :ivar g_av: Hedges' g_av (mean change / mean of the two SDs, corrected
        for small samples).
    :ivar wilcoxon_w: the Wilcoxon signed-rank W+ (ranks of positive changes).
    :ivar wilcoxon_n: pairs with a non-zero change.
    :ivar wilcoxon_p: the two-sided p of the signed-rank test.
    :ivar wilcoxon_exact: whether that p is exact (small n, no ties) rather
        than the normal approximation.
    :ivar has_comparison: whether a comparison group was analysed.
    :ivar comparison_n: comparison people with both values.
    :ivar comparison_change: their mean change.
    :ivar did: the difference in differences, mean change - comparison change.
    :ivar did_ci_low: its 95% confidence interval (Welch), low end.
    :ivar did_ci_high: its high end.
    :ivar has_rci: whether the metric's reliability allowed the reliable
        change index (Jacobson-Truax).
    :ivar reliable_improved: participants with a reliable change for the better.
    :ivar reliable_worsened: participants with a reliable change for the worse.
    :ivar reliable_share: the share of pairs with a reliable change either way.
    """

    suppressed: bool
    participants: int
    n: int
    missing_pre: int
    missing_post: int
    pre_mean: float | None
    post_mean: float | None
    pre_sd: float | None
    post_sd: float | None
    mean_change: float | None
    sd_change: float | None
    t: float | None
    df: int | None
    p: float | None
    ci_low: float | None
    ci_high: float | None
    d_z: float | None
    g_av: float | None
    wilcoxon_w: float | None
    wilcoxon_n: int | None
    wilcoxon_p: float | None
    wilcoxon_exact: bool | None
    has_comparison: bool
    comparison_n: int | None
    comparison_change: float | None
    did: float | None
    did_ci_low: float | None
    did_ci_high: float | None
    has_rci: bool
    reliable_improved: int | None
    reliable_worsened: int | None
    reliable_share: float | None


@dataclass(frozen=True, slots=True)
class TrendPeriod:
    """One period of a trend.

    :ivar start: its first day.
    :ivar suppressed: fewer people than the minimum group: the counts are
        then 0 and the mean None.
    :ivar people: people measured in it.
    :ivar n: measurements in it.
    :ivar mean: their mean, or None (suppressed, or no measurement).
    """

    start: _dt.date | None
    suppressed: bool
    people: int
    n: int
    mean: float | None


@dataclass(frozen=True, slots=True)
class Trend:
    """A metric's trend: its periods, and the tests over the periods shown.

    Below three points (periods shown) the slopes and tests are None (C
    reports 0 there).

    :ivar periods: every period from the one holding the first day to the
        one holding the last.
    :ivar points: periods shown (not suppressed, with measurements).
    :ivar slope: the OLS slope of the shown means, per period.
    :ivar slope_ci_low: its 95% confidence interval, low end.
    :ivar slope_ci_high: its high end.
    :ivar mk_s: the Mann-Kendall S.
    :ivar mk_z: the Mann-Kendall Z (continuity-corrected, ties accounted for).
    :ivar mk_p: the two-sided p of the Mann-Kendall test.
    :ivar theil_sen: the Theil-Sen slope per period (median pairwise slope).
    """

    periods: tuple[TrendPeriod, ...]
    points: int
    slope: float | None
    slope_ci_low: float | None
    slope_ci_high: float | None
    mk_s: int | None
    mk_z: float | None
    mk_p: float | None
    theil_sen: float | None


@dataclass(frozen=True, slots=True)
class PatternFlag:
    """A pattern worth acting on.

    :ivar kind: what it says.
    :ivar subject: the metric (wellbeing) or competency (gap) it concerns, or None.
    :ivar before: the number before (the earlier period, or the trend's first point).
    :ivar after: the number now.
    :ivar basis: what it is based on, in words.
    """

    kind: FlagKind
    subject: int | None
    before: float
    after: float
    basis: str


_enum_out = _convert.enum_out
_date_out = _convert.date_out
_time_out = _convert.time_out


def _str(value: bytes | None) -> str:
    return "" if value is None else value.decode("utf-8", "replace")


def metric_from(m: Any) -> Metric:
    """Copies a pm_metric (owned or borrowed from an iterator)."""
    unit = lib.pm_metric_unit(m)
    builtin = lib.pm_metric_builtin_kind(m)
    return Metric(
        lib.pm_metric_id(m),
        _str(lib.pm_metric_name(m)),
        # C reads "" for "no unit".
        unit.decode("utf-8", "replace") if unit else None,
        lib.pm_metric_min(m),
        lib.pm_metric_max(m),
        _enum_out(lib.pm_metric_direction_get(m), MetricDirection),
        lib.pm_metric_reliability(m) or None,
        _enum_out(builtin, BuiltinMetric) if builtin else None,
    )


def measurement_from(m: Any) -> Measurement:
    """Copies a pm_measurement (borrowed from its iterator)."""
    return Measurement(
        lib.pm_measurement_id(m),
        lib.pm_measurement_metric(m),
        lib.pm_measurement_value(m),
        _time_out(lib.pm_measurement_at(m)),
        _enum_out(lib.pm_measurement_source_get(m), MeasurementSource),
        lib.pm_measurement_unit(m) or None,
    )


def survey_from(s: Any) -> Survey:
    """Copies a pm_survey."""
    return Survey(
        lib.pm_survey_id(s),
        _str(lib.pm_survey_title(s)),
        _enum_out(lib.pm_survey_state_get(s), SurveyState),
        _date_out(lib.pm_survey_opens(s)),
        _date_out(lib.pm_survey_closes(s)),
        lib.pm_survey_threshold(s),
        lib.pm_survey_repeat_days(s),
        lib.pm_survey_previous(s) or None,
        lib.pm_survey_invited(s),
        lib.pm_survey_responded(s),
        bool(lib.pm_survey_answered_by_me(s)),
    )


def answer_from(a: Any) -> SurveyAnswer:
    """Copies a struct pm_survey_answer."""
    return SurveyAnswer(_enum_out(a.instrument, Instrument), a.item, a.value, a.metric or None)


def response_rate_from(r: Any) -> ResponseRate:
    """Copies a pm_response_rate (borrowed from its iterator)."""
    suppressed = bool(lib.pm_response_rate_suppressed(r))
    invited = lib.pm_response_rate_invited(r)
    return ResponseRate(
        lib.pm_response_rate_unit(r) or None,
        suppressed,
        invited,
        lib.pm_response_rate_responded(r),
        lib.pm_response_rate_value(r) if not suppressed and invited > 0 else None,
    )


def aggregate_from(a: Any) -> Aggregate:
    """Copies a struct pm_aggregate."""
    shown = not a.suppressed
    return Aggregate(
        not shown,
        a.people,
        a.n,
        a.mean if shown and a.n > 0 else None,
        a.sd if shown and a.n > 1 else None,
    )


def evaluation_result_from(r: Any) -> EvaluationResult:
    """Copies a struct pm_evaluation_result."""
    shown = not r.suppressed

    def stat(value: Any) -> Any:
        return value if shown else None

    comparison = shown and bool(r.has_comparison)

    def cmp(value: Any) -> Any:
        return value if comparison else None

    rci = shown and bool(r.has_rci)

    def rc(value: Any) -> Any:
        return value if rci else None

    return EvaluationResult(
        not shown,
        r.participants,
        r.n,
        r.missing_pre,
        r.missing_post,
        stat(r.pre_mean),
        stat(r.post_mean),
        stat(r.pre_sd),
        stat(r.post_sd),
        stat(r.mean_change),
        stat(r.sd_change),
        stat(r.t),
        stat(r.df),
        stat(r.p),
        stat(r.ci_low),
        stat(r.ci_high),
        stat(r.d_z),
        stat(r.g_av),
        stat(r.wilcoxon_w),
        stat(r.wilcoxon_n),
        stat(r.wilcoxon_p),
        stat(bool(r.wilcoxon_exact)),
        bool(r.has_comparison),
        cmp(r.comparison_n),
        cmp(r.comparison_change),
        cmp(r.did),
        cmp(r.did_ci_low),
        cmp(r.did_ci_high),
        bool(r.has_rci),
        rc(r.reliable_improved),
        rc(r.reliable_worsened),
        rc(r.reliable_share),
    )


def trend_from(t: Any) -> Trend:
    """Copies a pm_trend with its periods."""
    periods = []
    for i in range(lib.pm_trend_count(t)):
        suppressed = bool(lib.pm_trend_period_suppressed(t, i))
        n = lib.pm_trend_period_n(t, i)
        periods.append(
            TrendPeriod(
                _date_out(lib.pm_trend_period_start(t, i)),
                suppressed,
                lib.pm_trend_period_people(t, i),
                n,
                lib.pm_trend_period_mean(t, i) if not suppressed and n > 0 else None,
            )
        )
    points = lib.pm_trend_points(t)
    tested = points >= 3

    def stat(value: Any) -> Any:
        return value if tested else None

    return Trend(
        tuple(periods),
        points,
        stat(lib.pm_trend_slope(t)),
        stat(lib.pm_trend_slope_ci_low(t)),
        stat(lib.pm_trend_slope_ci_high(t)),
        stat(lib.pm_trend_mk_s(t)),
        stat(lib.pm_trend_mk_z(t)),
        stat(lib.pm_trend_mk_p(t)),
        stat(lib.pm_trend_theil_sen(t)),
    )


def flag_from(f: Any) -> PatternFlag:
    """Copies a pm_flag (borrowed from its iterator)."""
    return PatternFlag(
        _enum_out(lib.pm_flag_kind_get(f), FlagKind),
        lib.pm_flag_subject(f) or None,
        lib.pm_flag_before(f),
        lib.pm_flag_after(f),
        _str(lib.pm_flag_basis(f)),
    )


# ---- instrument scoring (pure: no store, no session) -----------------------


def _ints(value: object, name: str) -> list[int]:
    """The C ints of an iterable of ints (not a single int, not text)."""
    if isinstance(value, (str, bytes, int)) or not isinstance(value, Iterable):
        raise _convert.type_error(name, "an iterable of int", value)
    return [_convert.integer(v, f"{name}[{i}]") for i, v in enumerate(value)]


def who5_score(items: Iterable[int]) -> Who5:
    """Scores a WHO-5 answer set: five items, each 0 to 5.

    :raises ValueError: not exactly five items.
    :raises InvalidArgument: an item outside 0-5.
    """
    values = _ints(items, "items")
    if len(values) != WHO5_ITEMS:
        # C reads exactly five: fewer would read past the array.
        raise ValueError(f"items must hold the {WHO5_ITEMS} WHO-5 answers, not {len(values)}")
    array = (c_int * WHO5_ITEMS)(*values)
    out = _CWho5()
    check(lib.pm_who5_score(byref(out), array), "who5: each item must be 0 to 5")
    return Who5(out.raw, out.percent, bool(out.poor_wellbeing), bool(out.depression_screen))


def enps_score(answers: Iterable[int]) -> Enps:
    """Scores eNPS answers, each 0 to 10 (none gives a score of 0).

    :raises InvalidArgument: an answer outside 0-10.
    """
    values = _ints(answers, "answers")
    array = (c_int * max(len(values), 1))(*values)
    out = _CEnps()
    check(lib.pm_enps_score(byref(out), array, len(values)), "enps: each answer must be 0 to 10")
    return Enps(out.n, out.promoters, out.passives, out.detractors, out.score)


def cbi_score(items: Iterable[int]) -> float:
    """Scores a Copenhagen Burnout Inventory scale: the mean of its items,
    each 0, 25, 50, 75 or 100.

    :raises InvalidArgument: no items, an item not on that scale.
    """
    values = _ints(items, "items")
    array = (c_int * max(len(values), 1))(*values)
    out = c_double()
    check(
        lib.pm_cbi_score(byref(out), array, len(values)),
        "cbi: give at least one item, each 0, 25, 50, 75 or 100",
    )
    return out.value
