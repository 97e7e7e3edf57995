"""Records: immutable Python copies of the C library's snapshots.

A C snapshot (pm_person, pm_unit, pm_goal, pm_checkin, ...) is copied field by field into one of these
dataclasses and freed at once, so a record stays valid after its session or
store is closed.
"""

from __future__ import annotations

import datetime as _dt
import enum
from ctypes import byref, c_double
from dataclasses import dataclass
from typing import Any

from . import _convert
from ._lib import PM_CONFIDENCE_NONE, PM_MOOD_NONE, lib

__all__ = [
    "PersonStatus",
    "Person",
    "Unit",
    "ImportStats",
    "GoalKind",
    "GoalState",
    "Visibility",
    "Health",
    "KeyResultKind",
    "Zone",
    "Cadence",
    "SeriesState",
    "CheckinState",
    "EntryKind",
    "Goal",
    "KeyResult",
    "Progress",
    "GoalStatus",
    "CheckinSeries",
    "Checkin",
    "CheckinEntry",
    "CheckinRate",
]


class PersonStatus(enum.IntEnum):
    """Whether a person is still with the organisation (``pm_person_status``)."""

    ACTIVE = 1
    LEFT = 2
    #: Has left, and their personal data was erased (:meth:`perfmgmt.Session.erase_person`).
    ERASED = 3


class GoalKind(enum.IntEnum):
    """What a goal is for (``pm_goal_kind``)."""

    PERFORMANCE = 1
    DEVELOPMENT = 2
    CORRECTIVE = 3


class GoalState(enum.IntEnum):
    """Where a goal stands (``pm_goal_state``). Allowed moves: draft to
    active or cancelled; active to completed or cancelled; completed back to
    active or to archived; cancelled to archived."""

    DRAFT = 1
    ACTIVE = 2
    COMPLETED = 3
    CANCELLED = 4
    ARCHIVED = 5


class Visibility(enum.IntEnum):
    """Who besides the owner, their manager chain and HR may read a goal
    (``pm_visibility``)."""

    PRIVATE = 1
    UNIT = 2
    PUBLIC = 3


class Health(enum.IntEnum):
    """A goal's health: actual against expected progress (``pm_health``)."""

    NONE = 0
    ON_TRACK = 1
    AT_RISK = 2
    OFF_TRACK = 3


class KeyResultKind(enum.IntEnum):
    """Numeric (baseline to target) or milestone (done or not)."""

    NUMERIC = 1
    MILESTONE = 2


class Zone(enum.IntEnum):
    """Where a key result's current value lands against its commit, target
    and stretch levels (``pm_zone``); NONE without commit or stretch."""

    NONE = 0
    FAIL = 1
    COMMIT = 2
    TARGET = 3
    STRETCH = 4


class Cadence(enum.IntEnum):
    """How often a check-in series meets (``pm_cadence``)."""

    WEEKLY = 1
    MONTHLY = 2


class SeriesState(enum.IntEnum):
    """Where a check-in series stands (``pm_series_state``)."""

    ACTIVE = 1
    PAUSED = 2
    ENDED = 3


class CheckinState(enum.IntEnum):
    """Where a check-in stands (``pm_checkin_state``)."""

    SCHEDULED = 1
    HELD = 2
    CANCELLED = 3
    MISSED = 4


class EntryKind(enum.IntEnum):
    """What an entry of a check-in is (``pm_entry_kind``)."""

    TALKING_POINT = 1
    NOTE = 2
    ACTION_ITEM = 3
    GOAL = 4


@dataclass(frozen=True, slots=True)
class Person:
    """A person as the store held them when read.

    :ivar id: the internal id perfmgmt assigned.
    :ivar external_id: the HRIS's key, unique.
    :ivar name: the display name.
    :ivar email: the email address, or None.
    :ivar status: active, left or erased.
    :ivar left_on: the day the person left, or None.
    :ivar hr_admin: whether the person is an HR admin.
    :ivar created_at: when the record was created (UTC).
    :ivar created_by: who created it; 0 for the system actor.
    :ivar updated_at: when the record last changed (UTC).
    :ivar updated_by: who last changed it; 0 for the system actor.
    """

    id: int
    external_id: str
    name: str
    email: str | None
    status: PersonStatus
    left_on: _dt.date | None
    hr_admin: bool
    created_at: _dt.datetime
    created_by: int
    updated_at: _dt.datetime
    updated_by: int

    @property
    def active(self) -> bool:
        """True while the person works here."""
        return self.status == PersonStatus.ACTIVE


@dataclass(frozen=True, slots=True)
class Unit:
    """An organisational unit.

    :ivar id: the unit's id.
    :ivar name: its name (unique among its siblings, ignoring case).
    :ivar parent: the parent unit's id, or None for a top-level unit.
    """

    id: int
    name: str
    parent: int | None


@dataclass(frozen=True, slots=True)
class ImportStats:
    """What an import did.

    :ivar rows: data rows read.
    :ivar people_created: people created.
    :ivar people_updated: existing people whose record, unit or manager changed.
    :ivar people_left: people marked as left (``mark_missing_left``).
    :ivar units_created: units created.
    """

    rows: int
    people_created: int
    people_updated: int
    people_left: int
    units_created: int


@dataclass(frozen=True, slots=True)
class Goal:
    """A goal as the store held it when read.

    :ivar id: the goal's id.
    :ivar owner: the owner, or for a unit goal the person answerable for it.
    :ivar unit: the unit of a unit goal, or None for a person's goal.
    :ivar title: the title.
    :ivar description: the description, or None.
    :ivar kind: performance, development or corrective.
    :ivar state: draft, active, completed, cancelled or archived.
    :ivar start: the first day.
    :ivar due: the last day.
    :ivar weight: its weight among its siblings when progress rolls up.
    :ivar visibility: who else may read it.
    :ivar parent: the goal it contributes to, or None.
    :ivar source_checkin: for a corrective action, the check-in that led to
        it, or None.
    :ivar source_feedback: for a corrective action, the feedback that led to
        it, or None.
    :ivar created_at: when it was created (UTC).
    :ivar created_by: who created it; 0 for the system actor.
    :ivar updated_at: when it last changed (UTC).
    :ivar updated_by: who last changed it; 0 for the system actor.
    """

    id: int
    owner: int
    unit: int | None
    title: str
    description: str | None
    kind: GoalKind
    state: GoalState
    start: _dt.date | None
    due: _dt.date | None
    weight: float
    visibility: Visibility
    parent: int | None
    source_checkin: int | None
    source_feedback: int | None
    created_at: _dt.datetime
    created_by: int
    updated_at: _dt.datetime
    updated_by: int


@dataclass(frozen=True, slots=True)
class KeyResult:
    """A key result of a goal, with its standing when read.

    :ivar id: the key result's id.
    :ivar goal: the goal it belongs to.
    :ivar title: the title.
    :ivar kind: numeric or milestone.
    :ivar baseline: where it starts (0 for a milestone).
    :ivar target: where it should get to (1 for a milestone).
    :ivar current: the latest value recorded, else the baseline.
    :ivar unit: the unit of the values ("%", "EUR"), or None.
    :ivar weight: its weight within the goal.
    :ivar commit: the level committed to, or None.
    :ivar stretch: the stretch level, or None.
    :ivar progress: progress of the current value, 0 to 1.
    :ivar zone: where the current value lands against commit, target and stretch.
    """

    id: int
    goal: int
    title: str
    kind: KeyResultKind
    baseline: float
    target: float
    current: float
    unit: str | None
    weight: float
    commit: float | None
    stretch: float | None
    progress: float
    zone: Zone


@dataclass(frozen=True, slots=True)
class Progress:
    """One progress update; history is never rewritten.

    :ivar id: the update's id.
    :ivar goal: the goal.
    :ivar key_result: the key result, or None for the goal's manual progress.
    :ivar value: the value recorded.
    :ivar confidence: 0 to 10, or None when not given.
    :ivar comment: the comment, or None.
    :ivar at: when it was recorded (UTC).
    :ivar by: who recorded it; 0 for the system actor.
    """

    id: int
    goal: int
    key_result: int | None
    value: float
    confidence: int | None
    comment: str | None
    at: _dt.datetime
    by: int


@dataclass(frozen=True, slots=True)
class GoalStatus:
    """A goal's computed standing on a day (``pm_goal_status``).

    :ivar progress: actual progress, 0 to 1.
    :ivar expected: expected progress for the time elapsed, 0 to 1.
    :ivar health: NONE unless the goal is active.
    :ivar stale: no update came in the stale period.
    :ivar overdue: active past its due date.
    :ivar last_update: the day of the latest update, or None.
    """

    progress: float
    expected: float
    health: Health
    stale: bool
    overdue: bool
    last_update: _dt.date | None


@dataclass(frozen=True, slots=True)
class CheckinSeries:
    """A series of check-ins between a manager and a report; its state and
    next due date are as of the day it was read.

    :ivar id: the series' id.
    :ivar manager: the manager.
    :ivar report: the report.
    :ivar cadence: weekly or monthly.
    :ivar interval: weeks between meetings (weekly cadence).
    :ivar day: day of the month (monthly cadence).
    :ivar start: the start date.
    :ivar state: active, paused or ended.
    :ivar next_due: the next due date, or None when paused or ended.
    :ivar last_held: the date of the last check-in held, or None.
    """

    id: int
    manager: int
    report: int
    cadence: Cadence
    interval: int
    day: int
    start: _dt.date | None
    state: SeriesState
    next_due: _dt.date | None
    last_held: _dt.date | None


@dataclass(frozen=True, slots=True)
class Checkin:
    """One meeting of a series.

    :ivar id: the check-in's id.
    :ivar series: its series.
    :ivar date: its date.
    :ivar state: scheduled, held, cancelled or missed.
    :ivar mood: the report's mood, 1 to 5, or None.
    """

    id: int
    series: int
    date: _dt.date | None
    state: CheckinState
    mood: int | None


@dataclass(frozen=True, slots=True)
class CheckinEntry:
    """What a check-in shows: a talking point, a note, an action item or a
    goal discussed.

    :ivar id: the entry's id.
    :ivar kind: what it is.
    :ivar checkin: the check-in it is on now.
    :ivar origin: the check-in it was first added to (differs for talking
        points carried over).
    :ivar author: who added it.
    :ivar text: its text, or None for a goal entry.
    :ivar private: whether only its author sees it.
    :ivar done: discussed (talking point) or done (action item).
    :ivar done_at: when it was marked done (UTC), or None.
    :ivar owner: action items: who does it; None otherwise.
    :ivar due: action items: the due date, or None.
    :ivar goal: goal entries: the goal; None otherwise.
    :ivar goal_progress: goal entries: the goal's progress when discussed;
        None otherwise.
    :ivar goal_health: goal entries: the goal's health when discussed;
        None otherwise.
    :ivar created_at: when it was added (UTC).
    """

    id: int
    kind: EntryKind
    checkin: int
    origin: int
    author: int
    text: str | None
    private: bool
    done: bool
    done_at: _dt.datetime | None
    owner: int | None
    due: _dt.date | None
    goal: int | None
    goal_progress: float | None
    goal_health: Health | None
    created_at: _dt.datetime


@dataclass(frozen=True, slots=True)
class CheckinRate:
    """Completion of check-ins in a period (``pm_checkin_rate``).

    :ivar due: check-ins dated in the period that were held, missed, or
        scheduled and passed.
    :ivar held: of those, held.
    :ivar rate: held / due, or 0 when nothing was due.
    """

    due: int
    held: int
    rate: float


def _str(value: bytes | None) -> str:
    """Text from C ("" for NULL, which the getters give only for a NULL snapshot)."""
    return "" if value is None else value.decode("utf-8", "replace")


_STATUSES = {int(s): s for s in PersonStatus}
_time_out = _convert.time_out
_date_out = _convert.date_out
_enum_out = _convert.enum_out


def _optional_str(value: bytes | None) -> str | None:
    """Text from C where "" means none."""
    return value.decode("utf-8", "replace") if value else None


def person_from(p: Any) -> Person:
    """Copies a pm_person snapshot (which the caller still owns)."""
    email = lib.pm_person_email(p)
    status = lib.pm_person_status_get(p)
    created = lib.pm_person_created_at(p)
    updated = lib.pm_person_updated_at(p)
    created_at = _time_out(created)
    return Person(
        lib.pm_person_id(p),
        _str(lib.pm_person_external_id(p)),
        _str(lib.pm_person_display_name(p)),
        email.decode("utf-8", "replace") if email else None,
        _STATUSES.get(status, status),
        _convert.date_out(lib.pm_person_left_on(p)),
        bool(lib.pm_person_is_hr_admin(p)),
        created_at,
        lib.pm_person_created_by(p),
        created_at if updated == created else _time_out(updated),
        lib.pm_person_updated_by(p),
    )


def unit_from(u: Any) -> Unit:
    """Copies a pm_unit snapshot (which the caller still owns)."""
    parent = lib.pm_unit_parent(u)
    return Unit(lib.pm_unit_id(u), _str(lib.pm_unit_name(u)), parent or None)


def stats_from(s: Any) -> ImportStats:
    """Copies a pm_import_stats struct."""
    return ImportStats(s.rows, s.people_created, s.people_updated, s.people_left, s.units_created)


def goal_from(g: Any) -> Goal:
    """Copies a pm_goal snapshot (which the caller still owns)."""
    created = lib.pm_goal_created_at(g)
    updated = lib.pm_goal_updated_at(g)
    created_at = _time_out(created)
    return Goal(
        lib.pm_goal_id(g),
        lib.pm_goal_owner(g),
        lib.pm_goal_unit(g) or None,
        _str(lib.pm_goal_title(g)),
        _optional_str(lib.pm_goal_description(g)),
        _enum_out(lib.pm_goal_kind_get(g), GoalKind),
        _enum_out(lib.pm_goal_state_get(g), GoalState),
        _date_out(lib.pm_goal_start(g)),
        _date_out(lib.pm_goal_due(g)),
        lib.pm_goal_weight(g),
        _enum_out(lib.pm_goal_visibility(g), Visibility),
        lib.pm_goal_parent(g) or None,
        lib.pm_goal_source_checkin(g) or None,
        lib.pm_goal_source_feedback(g) or None,
        created_at,
        lib.pm_goal_created_by(g),
        created_at if updated == created else _time_out(updated),
        lib.pm_goal_updated_by(g),
    )


def key_result_from(k: Any) -> KeyResult:
    """Copies a pm_key_result (borrowed from its iterator)."""
    level = c_double()
    commit = level.value if lib.pm_key_result_commit(k, byref(level)) else None
    stretch = level.value if lib.pm_key_result_stretch(k, byref(level)) else None
    return KeyResult(
        lib.pm_key_result_id(k),
        lib.pm_key_result_goal(k),
        _str(lib.pm_key_result_title(k)),
        _enum_out(lib.pm_key_result_kind_get(k), KeyResultKind),
        lib.pm_key_result_baseline(k),
        lib.pm_key_result_target(k),
        lib.pm_key_result_current(k),
        _optional_str(lib.pm_key_result_unit(k)),
        lib.pm_key_result_weight(k),
        commit,
        stretch,
        lib.pm_key_result_progress(k),
        _enum_out(lib.pm_key_result_zone(k), Zone),
    )


def progress_from(p: Any) -> Progress:
    """Copies a pm_progress (borrowed from its iterator)."""
    confidence = lib.pm_progress_confidence(p)
    return Progress(
        lib.pm_progress_id(p),
        lib.pm_progress_goal(p),
        lib.pm_progress_key_result(p) or None,
        lib.pm_progress_value(p),
        None if confidence == PM_CONFIDENCE_NONE else confidence,
        _optional_str(lib.pm_progress_comment(p)),
        _time_out(lib.pm_progress_at(p)),
        lib.pm_progress_by(p),
    )


def goal_status_from(s: Any) -> GoalStatus:
    """Copies a pm_goal_status struct."""
    return GoalStatus(
        s.progress,
        s.expected,
        _enum_out(s.health, Health),
        bool(s.stale),
        bool(s.overdue),
        _date_out(s.last_update),
    )


def series_from(s: Any) -> CheckinSeries:
    """Copies a pm_checkin_series snapshot (which the caller still owns)."""
    return CheckinSeries(
        lib.pm_checkin_series_id(s),
        lib.pm_checkin_series_manager(s),
        lib.pm_checkin_series_report(s),
        _enum_out(lib.pm_checkin_series_cadence(s), Cadence),
        lib.pm_checkin_series_interval(s),
        lib.pm_checkin_series_day(s),
        _date_out(lib.pm_checkin_series_start(s)),
        _enum_out(lib.pm_checkin_series_state(s), SeriesState),
        _date_out(lib.pm_checkin_series_next_due(s)),
        _date_out(lib.pm_checkin_series_last_held(s)),
    )


def checkin_from(c: Any) -> Checkin:
    """Copies a pm_checkin snapshot (which the caller still owns)."""
    mood = lib.pm_checkin_mood(c)
    return Checkin(
        lib.pm_checkin_id(c),
        lib.pm_checkin_series_of(c),
        _date_out(lib.pm_checkin_date(c)),
        _enum_out(lib.pm_checkin_state_get(c), CheckinState),
        None if mood == PM_MOOD_NONE else mood,
    )


def entry_from(e: Any) -> CheckinEntry:
    """Copies a pm_checkin_entry (borrowed from its iterator)."""
    kind = _enum_out(lib.pm_checkin_entry_kind(e), EntryKind)
    done_at = lib.pm_checkin_entry_done_at(e)
    goal = lib.pm_checkin_entry_goal(e)
    # The goal's figures mean something only on a goal entry; elsewhere C
    # answers 0, which would read as "no progress, health none".
    is_goal = kind == EntryKind.GOAL
    return CheckinEntry(
        lib.pm_checkin_entry_id(e),
        kind,
        lib.pm_checkin_entry_checkin(e),
        lib.pm_checkin_entry_origin(e),
        lib.pm_checkin_entry_author(e),
        _optional_str(lib.pm_checkin_entry_text(e)),
        bool(lib.pm_checkin_entry_is_private(e)),
        bool(lib.pm_checkin_entry_done(e)),
        _time_out(done_at) if done_at else None,
        lib.pm_checkin_entry_owner(e) or None,
        _date_out(lib.pm_checkin_entry_due(e)),
        goal or None,
        lib.pm_checkin_entry_goal_progress(e) if is_goal else None,
        _enum_out(lib.pm_checkin_entry_goal_health(e), Health) if is_goal else None,
        _time_out(lib.pm_checkin_entry_created_at(e)),
    )


def rate_from(r: Any) -> CheckinRate:
    """Copies a pm_checkin_rate struct."""
    return CheckinRate(r.due, r.held, r.rate)
