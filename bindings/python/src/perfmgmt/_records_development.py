"""Records and enums of development plans and programmes
(``development.h``).

Like the other records, each is copied field by field out of a C snapshot
that is freed at once, so it stays valid after its session or store is
closed. "Not set" reads as None.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass
from typing import Any

from . import _convert
from ._lib_development import lib

__all__ = [
    "ItemKind",
    "ItemState",
    "ProgrammeKind",
    "EnrolmentState",
    "EnrolmentResult",
    "PlanArea",
    "Plan",
    "PlanItem",
    "PlanProgress",
    "ProgrammeSession",
    "Programme",
    "Enrolment",
    "ProgrammeStats",
    "Candidate",
]


class ItemKind(enum.IntEnum):
    """What a plan item is (``pm_item_kind``)."""

    TRAINING = 1
    COACHING = 2
    MENTORING = 3
    STRETCH_PROJECT = 4
    CROSS_FUNCTIONAL = 5
    ON_THE_JOB = 6
    SELF_STUDY = 7
    WELLBEING = 8


class ItemState(enum.IntEnum):
    """Where a plan item stands (``pm_item_state``). Allowed moves: planned
    to in progress, in progress to done; planned or in progress to
    cancelled; done or cancelled back to in progress (reopened)."""

    PLANNED = 1
    IN_PROGRESS = 2
    DONE = 3
    #: Dropped; left out of plan progress.
    CANCELLED = 4


class ProgrammeKind(enum.IntEnum):
    """What a programme is (``pm_programme_kind``); enrolling adds an item
    of the same kind to the person's plan."""

    TRAINING = 1
    COACHING = 2


class EnrolmentState(enum.IntEnum):
    """Where a person stands in a programme (``pm_enrolment_state``)."""

    #: Invited, not yet enrolled (takes no seat).
    INVITED = 1
    #: Enrolled (takes a seat).
    ENROLLED = 2
    #: Completed (keeps its seat).
    COMPLETED = 3
    #: Dropped out (frees its seat).
    DROPPED = 4


class EnrolmentResult(enum.IntEnum):
    """How an enrolment ended (``pm_enrolment_result``)."""

    PENDING = 1
    PASSED = 2
    FAILED = 3
    ABSENT = 4


@dataclass(frozen=True, slots=True)
class PlanArea:
    """A development area of a plan: a competency to grow in.

    :ivar competency: the competency.
    :ivar note: the note, or None.
    """

    competency: int
    note: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    """A person's development plan for a period.

    :ivar id: the plan's id.
    :ivar person: whose plan.
    :ivar start: the first day.
    :ivar end: the last day.
    :ivar strengths: the strengths, or None.
    :ivar ambitions: the career ambitions, or None.
    :ivar target_role: the role the person aspires to, or None.
    :ivar previous: the plan it was copied from, or None.
    :ivar areas: its development areas, in the order added.
    """

    id: int
    person: int
    start: _dt.date | None
    end: _dt.date | None
    strengths: str | None
    ambitions: str | None
    target_role: int | None
    previous: int | None
    areas: tuple[PlanArea, ...]


@dataclass(frozen=True, slots=True)
class PlanItem:
    """An item of a development plan.

    :ivar id: the item's id.
    :ivar plan: its plan.
    :ivar kind: training, coaching, mentoring, ...
    :ivar title: the title.
    :ivar notes: the notes, or None.
    :ivar state: planned, in progress, done or cancelled.
    :ivar start: the first day, or None.
    :ivar due: the due day, or None.
    :ivar done_on: the day it was done, or None.
    :ivar weight: its weight in plan progress.
    :ivar mentor: the mentor or coach, or None.
    :ivar competencies: the competencies it develops.
    :ivar goal: the goal it serves, or None.
    :ivar metric: wellbeing items: the metric it moves, or None.
    :ivar metric_target: that metric's target value, or None without a metric.
    :ivar programme: the programme it enrols the person in, or None.
    """

    id: int
    plan: int
    kind: ItemKind
    title: str
    notes: str | None
    state: ItemState
    start: _dt.date | None
    due: _dt.date | None
    done_on: _dt.date | None
    weight: float
    mentor: int | None
    competencies: tuple[int, ...]
    goal: int | None
    metric: int | None
    metric_target: float | None
    programme: int | None


@dataclass(frozen=True, slots=True)
class PlanProgress:
    """How far a plan has come on a day (``pm_plan_progress``).

    :ivar items: items not cancelled.
    :ivar done: of those, done.
    :ivar overdue: of those, not done with a due day before the day.
    :ivar share_done: weight of the items done / weight of the items not
        cancelled; 0 when there are none.
    """

    items: int
    done: int
    overdue: int
    share_done: float


@dataclass(frozen=True, slots=True)
class ProgrammeSession:
    """A dated meeting of a programme.

    :ivar on: its day.
    :ivar title: its title, or None.
    """

    on: _dt.date | None
    title: str | None


@dataclass(frozen=True, slots=True)
class Programme:
    """An internal training or coaching programme.

    :ivar id: the programme's id.
    :ivar name: its name, unique among programmes.
    :ivar kind: training or coaching.
    :ivar description: its description, or None.
    :ivar capacity: most people enrolled or completed at once, or None for
        no limit.
    :ivar seats_taken: people enrolled or completed.
    :ivar competencies: the competencies it targets.
    :ivar sessions: its sessions, by date.
    """

    id: int
    name: str
    kind: ProgrammeKind
    description: str | None
    capacity: int | None
    seats_taken: int
    competencies: tuple[int, ...]
    sessions: tuple[ProgrammeSession, ...]


@dataclass(frozen=True, slots=True)
class Enrolment:
    """A person's place in a programme.

    :ivar person: the person.
    :ivar programme: the programme.
    :ivar state: invited, enrolled, completed or dropped.
    :ivar result: pending, passed, failed or absent.
    :ivar invited_on: the day invited, or None.
    :ivar enrolled_on: the day enrolled, or None.
    :ivar ended_on: the day completed or dropped, or None.
    :ivar item: the plan item made on enrolling, or None.
    """

    person: int
    programme: int
    state: EnrolmentState
    result: EnrolmentResult
    invited_on: _dt.date | None
    enrolled_on: _dt.date | None
    ended_on: _dt.date | None
    item: int | None


@dataclass(frozen=True, slots=True)
class ProgrammeStats:
    """A programme's participation numbers (``pm_programme_stats``).

    :ivar invited: invited and not (yet) enrolled.
    :ivar enrolled: enrolled, not completed.
    :ivar completed: completed.
    :ivar dropped: dropped out.
    :ivar passed: completed and passed.
    :ivar completion_rate: completed / (enrolled + completed + dropped), or 0.
    """

    invited: int
    enrolled: int
    completed: int
    dropped: int
    passed: int
    completion_rate: float


@dataclass(frozen=True, slots=True)
class Candidate:
    """A person who needs a programme.

    :ivar person: the person.
    :ivar competency: the programme competency with their largest gap.
    :ivar gap: that gap (required - current).
    """

    person: int
    competency: int
    gap: float


_enum_out = _convert.enum_out
_date_out = _convert.date_out


def _str(value: bytes | None) -> str:
    return "" if value is None else value.decode("utf-8", "replace")


def _optional_str(value: bytes | None) -> str | None:
    # C reads "" for "none".
    return value.decode("utf-8", "replace") if value else None


def plan_from(p: Any) -> Plan:
    """Copies a pm_plan with its areas (owned or borrowed from an iterator)."""
    areas = tuple(
        PlanArea(lib.pm_plan_area_competency(p, i), _optional_str(lib.pm_plan_area_note(p, i)))
        for i in range(lib.pm_plan_area_count(p))
    )
    return Plan(
        lib.pm_plan_id(p),
        lib.pm_plan_person(p),
        _date_out(lib.pm_plan_start(p)),
        _date_out(lib.pm_plan_end(p)),
        _optional_str(lib.pm_plan_strengths(p)),
        _optional_str(lib.pm_plan_ambitions(p)),
        lib.pm_plan_target_role(p) or None,
        lib.pm_plan_previous(p) or None,
        areas,
    )


def plan_item_from(i: Any) -> PlanItem:
    """Copies a pm_plan_item (borrowed from its iterator)."""
    metric = lib.pm_plan_item_metric(i) or None
    return PlanItem(
        lib.pm_plan_item_id(i),
        lib.pm_plan_item_plan(i),
        _enum_out(lib.pm_plan_item_kind(i), ItemKind),
        _str(lib.pm_plan_item_title(i)),
        _optional_str(lib.pm_plan_item_notes(i)),
        _enum_out(lib.pm_plan_item_state(i), ItemState),
        _date_out(lib.pm_plan_item_start(i)),
        _date_out(lib.pm_plan_item_due(i)),
        _date_out(lib.pm_plan_item_done_on(i)),
        lib.pm_plan_item_weight(i),
        lib.pm_plan_item_mentor(i) or None,
        tuple(lib.pm_plan_item_competency(i, k) for k in range(lib.pm_plan_item_competency_count(i))),
        lib.pm_plan_item_goal(i) or None,
        metric,
        # Without a metric the target means nothing.
        lib.pm_plan_item_metric_target(i) if metric is not None else None,
        lib.pm_plan_item_programme(i) or None,
    )


def plan_progress_from(p: Any) -> PlanProgress:
    """Copies a pm_plan_progress struct."""
    return PlanProgress(p.items, p.done, p.overdue, p.share_done)


def programme_from(p: Any) -> Programme:
    """Copies a pm_programme with its competencies and sessions."""
    sessions = tuple(
        ProgrammeSession(
            _date_out(lib.pm_programme_session_date(p, i)),
            _optional_str(lib.pm_programme_session_title(p, i)),
        )
        for i in range(lib.pm_programme_session_count(p))
    )
    return Programme(
        lib.pm_programme_id(p),
        _str(lib.pm_programme_name(p)),
        _enum_out(lib.pm_programme_kind_get(p), ProgrammeKind),
        _optional_str(lib.pm_programme_description(p)),
        lib.pm_programme_capacity(p) or None,
        lib.pm_programme_seats_taken(p),
        tuple(lib.pm_programme_competency(p, i) for i in range(lib.pm_programme_competency_count(p))),
        sessions,
    )


def enrolment_from(e: Any) -> Enrolment:
    """Copies a pm_enrolment (borrowed from its iterator)."""
    return Enrolment(
        lib.pm_enrolment_person(e),
        lib.pm_enrolment_programme(e),
        _enum_out(lib.pm_enrolment_state_get(e), EnrolmentState),
        _enum_out(lib.pm_enrolment_result_get(e), EnrolmentResult),
        _date_out(lib.pm_enrolment_invited_on(e)),
        _date_out(lib.pm_enrolment_enrolled_on(e)),
        _date_out(lib.pm_enrolment_ended_on(e)),
        lib.pm_enrolment_item(e) or None,
    )


def programme_stats_from(s: Any) -> ProgrammeStats:
    """Copies a pm_programme_stats struct."""
    return ProgrammeStats(s.invited, s.enrolled, s.completed, s.dropped, s.passed, s.completion_rate)


def candidate_from(c: Any) -> Candidate:
    """Copies a pm_candidate (borrowed from its iterator)."""
    return Candidate(
        lib.pm_candidate_person(c),
        lib.pm_candidate_competency(c),
        lib.pm_candidate_gap(c),
    )
