"""The Session methods for development plans, their items, and training
and coaching programmes with their enrolments."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from ctypes import byref, c_void_p
from typing import Any

from . import _convert as cv
from ._lib import pm_id
from ._lib_development import (
    PM_PLAN_FIELD_AMBITIONS,
    PM_PLAN_FIELD_PERIOD,
    PM_PLAN_FIELD_STRENGTHS,
    PM_PLAN_FIELD_TARGET_ROLE,
    PM_PLAN_ITEM_OPTS_VERSION,
    PM_PLAN_OPTS_VERSION,
    PM_PLAN_PROGRESS_VERSION,
    PM_PROGRAMME_OPTS_VERSION,
    PM_PROGRAMME_STATS_VERSION,
    PlanItemOpts,
    PlanOpts,
    ProgrammeOpts,
    lib,
)
from ._lib_development import PlanProgress as _CPlanProgress
from ._lib_development import ProgrammeStats as _CProgrammeStats
from ._records_competency import LevelRule
from ._records_development import (
    EnrolmentResult,
    ItemKind,
    ItemState,
    Plan,
    PlanProgress,
    Programme,
    ProgrammeKind,
    ProgrammeStats,
    plan_from,
    plan_progress_from,
    programme_from,
    programme_stats_from,
)
from ._session_base import _message, _SessionBase
from ._session_competency import idents, rule_ref
from ._session_iter import (
    CandidateIterator,
    EnrolmentIterator,
    PlanItemIterator,
    PlanIterator,
    ProgrammeIterator,
)
from .errors import check

# update_plan(): a field not given. None is a value there (no strengths, no
# target role), so it cannot mean "leave as it is".
_UNSET: Any = object()


def _set_text(opts: Any, field: str, value: object) -> None:
    """Sets ``opts.field`` and its length from an optional str (None: NULL)."""
    data = cv.optional_text(value, field)
    if data is not None:
        setattr(opts, field, data)
        setattr(opts, field + "_len", len(data))


def _required_date(value: object, name: str) -> int:
    """A date that must be given (None would mean "today" or "none" in C)."""
    if value is None:
        raise TypeError(f"{name} must be a datetime.date, not None")
    return cv.date_in(value, name)


class _DevelopmentMixin(_SessionBase):
    """Development plans, plan items, programmes and enrolments."""

    __slots__ = ()

    # ---- plans -------------------------------------------------------------

    def create_plan(
        self,
        person: int,
        end: _dt.date,
        *,
        start: _dt.date | None = None,
        strengths: str | None = None,
        ambitions: str | None = None,
        target_role: int | None = None,
    ) -> int:
        """Creates a development plan of ``person`` from ``start`` (None:
        today) to ``end`` and returns its id. The person, someone above
        them, HR or the system.

        :param ambitions: career ambitions, free text.
        :param target_role: the role the person aspires to.
        :raises InvalidArgument: ``end`` before ``start``, a person who has left.
        :raises Conflict: the period overlaps another plan of the person.
        """
        opts = PlanOpts()
        check(lib.pm_plan_opts_init(byref(opts), PM_PLAN_OPTS_VERSION))
        opts.person = cv.ident(person, "person")
        opts.end = _required_date(end, "end")
        opts.start = cv.date_in(start, "start")
        _set_text(opts, "strengths", strengths)
        _set_text(opts, "ambitions", ambitions)
        opts.target_role = cv.optional_ident(target_role, "target_role")
        out = pm_id()
        self._call_out(lib.pm_plan_create, out, byref(opts))
        return out.value

    def update_plan(
        self,
        plan: int,
        *,
        start: _dt.date | None = _UNSET,
        end: _dt.date = _UNSET,
        strengths: str | None = _UNSET,
        ambitions: str | None = _UNSET,
        target_role: int | None = _UNSET,
    ) -> None:
        """Changes the fields given, leaving the others as they are.
        ``strengths=None``, ``ambitions=None`` and ``target_role=None``
        clear them; ``start=None`` means today.

        Start and end change together in C; given only one of them, the
        other keeps its stored value (read in the same turn on the store).

        :raises InvalidArgument: as :meth:`create_plan`, and an item due
            before the new start.
        """
        pid = cv.ident(plan, "plan")
        opts = PlanOpts()
        check(lib.pm_plan_opts_init(byref(opts), PM_PLAN_OPTS_VERSION))
        fields = 0
        if start is not _UNSET:
            opts.start = cv.date_in(start, "start")
        if end is not _UNSET:
            opts.end = _required_date(end, "end")
        if strengths is not _UNSET:
            _set_text(opts, "strengths", strengths)
            fields |= PM_PLAN_FIELD_STRENGTHS
        if ambitions is not _UNSET:
            _set_text(opts, "ambitions", ambitions)
            fields |= PM_PLAN_FIELD_AMBITIONS
        if target_role is not _UNSET:
            opts.target_role = cv.optional_ident(target_role, "target_role")
            fields |= PM_PLAN_FIELD_TARGET_ROLE
        h = self._h
        ptr = h.enter()
        try:
            if start is not _UNSET or end is not _UNSET:
                fields |= PM_PLAN_FIELD_PERIOD
                if start is _UNSET or end is _UNSET:
                    # C takes both days; fill in the one not given from the
                    # stored plan, under the same hold of the lock.
                    current = c_void_p()
                    rc = lib.pm_plan_get(byref(current), ptr, pid)
                    if rc:
                        check(rc, _message(ptr))
                    try:
                        if start is _UNSET:
                            opts.start = lib.pm_plan_start(current)
                        else:
                            opts.end = lib.pm_plan_end(current)
                    finally:
                        lib.pm_plan_free(current)
            rc = lib.pm_plan_update(ptr, pid, byref(opts), fields)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()

    def copy_plan_forward(self, plan: int, start: _dt.date, end: _dt.date) -> int:
        """Starts the person's next plan, ``start`` (after this plan's end)
        to ``end``, from ``plan``: its strengths, ambitions, target role,
        areas, and the items planned or in progress (their days moved into
        the new period when they fall before it). Returns the new plan's id.

        :raises Conflict: the new period overlaps another plan.
        """
        pid = cv.ident(plan, "plan")
        first = _required_date(start, "start")
        last = _required_date(end, "end")
        out = pm_id()
        self._call_out(lib.pm_plan_copy_forward, out, pid, first, last)
        return out.value

    def add_plan_area(self, plan: int, competency: int, note: str | None = None) -> None:
        """Adds a development area (a competency to grow in) to a plan, or
        changes its note when the plan has it already."""
        pid = cv.ident(plan, "plan")
        cid = cv.ident(competency, "competency")
        n = cv.optional_text(note, "note")
        self._call(lib.pm_plan_add_area, pid, cid, n, 0 if n is None else len(n))

    def get_plan(self, plan: int) -> Plan:
        """Reads a plan with its development areas."""
        pid = cv.ident(plan, "plan")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_plan_get, lib.pm_plan_free, plan_from, pid
        )

    def plans(self, person: int) -> PlanIterator:
        """The plans of ``person``, by start."""
        return self._iterator(PlanIterator, lib.pm_plan_list, cv.ident(person, "person"))

    def current_plan(self, person: int, on: _dt.date | None = None) -> int | None:
        """The plan of ``person`` covering ``on`` (None: today), or None."""
        pid = cv.ident(person, "person")
        out = pm_id()
        self._call_out(lib.pm_plan_current, out, pid, cv.date_in(on, "on"))
        return out.value or None

    # ---- items ---------------------------------------------------------------

    def add_plan_item(
        self,
        plan: int,
        kind: ItemKind,
        title: str,
        *,
        notes: str | None = None,
        start: _dt.date | None = None,
        due: _dt.date | None = None,
        weight: float = 1.0,
        mentor: int | None = None,
        competencies: Iterable[int] = (),
        goal: int | None = None,
        metric: int | None = None,
        metric_target: float = 0.0,
    ) -> int:
        """Adds a planned item to a plan and returns its id.

        :param title: single line, up to 200 code points.
        :param start: the first day, or None; not before the plan starts.
        :param due: the due day, or None; not before the plan nor the item
            starts.
        :param weight: its weight in plan progress; > 0.
        :param mentor: a mentor or coach (not the plan's person).
        :param competencies: the competencies it develops (up to 20, distinct).
        :param goal: a goal of the person it serves.
        :param metric: wellbeing items: a wellbeing metric to move, with
            ``metric_target``.
        :raises InvalidArgument: a bad kind, a blank title, bad days, a
            weight not positive, the person as their own mentor, a metric on
            an item that is not WELLBEING, repeated competencies.
        :raises NotFound: no such plan, mentor, competency or goal.
        """
        pid = cv.ident(plan, "plan")
        links = idents(competencies, "competencies")
        opts = PlanItemOpts()
        check(lib.pm_plan_item_opts_init(byref(opts), PM_PLAN_ITEM_OPTS_VERSION))
        opts.kind = cv.enum_in(kind, ItemKind, "kind")
        t = cv.text(title, "title")
        opts.title, opts.title_len = t, len(t)
        _set_text(opts, "notes", notes)
        opts.start = cv.date_in(start, "start")
        opts.due = cv.date_in(due, "due")
        opts.weight = cv.number(weight, "weight")
        opts.mentor = cv.optional_ident(mentor, "mentor")
        # The array lives in this frame until the call returns.
        array = (pm_id * max(len(links), 1))(*links)
        if links:
            opts.competencies, opts.ncompetencies = array, len(links)
        opts.goal = cv.optional_ident(goal, "goal")
        opts.metric = cv.optional_ident(metric, "metric")
        opts.metric_target = cv.number(metric_target, "metric_target")
        out = pm_id()
        self._call_out(lib.pm_plan_item_add, out, pid, byref(opts))
        return out.value

    def set_plan_item_state(self, item: int, state: ItemState, on: _dt.date | None = None) -> None:
        """Moves an item to ``state`` (see :class:`ItemState` for the moves)
        on ``on`` (None: today; for DONE, the day done).

        :raises InvalidArgument: a move that is not allowed; an item of a
            programme enrolment (use the programme methods).
        """
        iid = cv.ident(item, "item")
        st = cv.enum_in(state, ItemState, "state")
        self._call(lib.pm_plan_item_set_state, iid, st, cv.date_in(on, "on"))

    def plan_items(self, plan: int) -> PlanItemIterator:
        """A plan's items by due day (items without one last), then id."""
        return self._iterator(PlanItemIterator, lib.pm_plan_item_list, cv.ident(plan, "plan"))

    def mentored_items(self, mentor: int) -> PlanItemIterator:
        """The items ``mentor`` mentors or coaches, in any plan, by due day.
        The mentor, someone above them, HR or the system."""
        mid = cv.ident(mentor, "mentor")
        return self._iterator(PlanItemIterator, lib.pm_plan_item_list_mentored, mid)

    def plan_progress(self, plan: int, on: _dt.date | None = None) -> PlanProgress:
        """How far a plan has come on ``on`` (None: today)."""
        pid = cv.ident(plan, "plan")
        out = _CPlanProgress()
        out.version = PM_PLAN_PROGRESS_VERSION
        self._call_out(lib.pm_plan_progress_get, out, pid, cv.date_in(on, "on"))
        return plan_progress_from(out)

    # ---- programmes ------------------------------------------------------------

    def create_programme(
        self,
        name: str,
        competencies: Iterable[int],
        *,
        kind: ProgrammeKind = ProgrammeKind.TRAINING,
        description: str | None = None,
        capacity: int | None = None,
    ) -> int:
        """Creates a programme targeting ``competencies`` (1 to 20,
        distinct) and returns its id. HR or the system.

        :param capacity: most people enrolled or completed at once; None
            (or 0) for no limit.
        :raises InvalidArgument: a blank name, a bad kind, a negative
            capacity, no or repeated competencies.
        :raises Conflict: a programme of that name exists.
        """
        targets = idents(competencies, "competencies")
        opts = ProgrammeOpts()
        check(lib.pm_programme_opts_init(byref(opts), PM_PROGRAMME_OPTS_VERSION))
        n = cv.text(name, "name")
        opts.name, opts.name_len = n, len(n)
        opts.kind = cv.enum_in(kind, ProgrammeKind, "kind")
        _set_text(opts, "description", description)
        opts.capacity = cv.optional_integer(capacity, "capacity", 0)
        array = (pm_id * max(len(targets), 1))(*targets)
        if targets:
            opts.competencies, opts.ncompetencies = array, len(targets)
        out = pm_id()
        self._call_out(lib.pm_programme_create, out, byref(opts))
        return out.value

    def add_programme_session(self, programme: int, on: _dt.date, title: str | None = None) -> None:
        """Adds a session (a dated meeting) to a programme. HR or the system."""
        pid = cv.ident(programme, "programme")
        day = _required_date(on, "on")
        t = cv.optional_text(title, "title")
        self._call(lib.pm_programme_add_session, pid, day, t, 0 if t is None else len(t))

    def get_programme(self, programme: int) -> Programme:
        """Reads a programme with its competencies and sessions. Anyone may."""
        pid = cv.ident(programme, "programme")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_programme_get, lib.pm_programme_free, programme_from, pid
        )

    def programmes(self) -> ProgrammeIterator:
        """The programmes, by name."""
        return self._iterator(ProgrammeIterator, lib.pm_programme_list)

    def invite(self, programme: int, person: int) -> None:
        """Invites an active person to a programme. HR or the system.

        :raises Conflict: already invited or enrolled.
        """
        pid = cv.ident(programme, "programme")
        self._call(lib.pm_programme_invite, pid, cv.ident(person, "person"))

    def enrol(self, programme: int, person: int) -> int:
        """Enrols ``person`` (invited or not) and adds an item for the
        programme to their plan covering today; returns the item's id. HR,
        the system, someone above the person, or the person when invited.

        :raises InvalidArgument: no plan covers today, the programme is full.
        :raises Conflict: already enrolled or completed.
        """
        pid = cv.ident(programme, "programme")
        out = pm_id()
        self._call_out(lib.pm_programme_enrol, out, pid, cv.ident(person, "person"))
        return out.value

    def complete_enrolment(
        self,
        programme: int,
        person: int,
        result: EnrolmentResult,
        on: _dt.date | None = None,
    ) -> None:
        """Completes an enrolled person's enrolment with ``result`` (PASSED,
        FAILED or ABSENT) on ``on`` (None: today) and marks their plan item
        done. HR or the system.

        :raises InvalidArgument: the person is not enrolled; a bad result.
        """
        pid = cv.ident(programme, "programme")
        who = cv.ident(person, "person")
        r = cv.enum_in(result, EnrolmentResult, "result")
        self._call(lib.pm_programme_complete, pid, who, r, cv.date_in(on, "on"))

    def drop_enrolment(self, programme: int, person: int) -> None:
        """Drops an invited or enrolled person out of a programme and
        cancels their plan item. HR, the system, someone above the person,
        or the person.

        :raises InvalidArgument: completed or dropped already.
        """
        pid = cv.ident(programme, "programme")
        self._call(lib.pm_programme_drop, pid, cv.ident(person, "person"))

    def participants(self, programme: int) -> EnrolmentIterator:
        """A programme's enrolments in every state, by person id. HR or the
        system."""
        pid = cv.ident(programme, "programme")
        return self._iterator(EnrolmentIterator, lib.pm_programme_participants, pid)

    def programme_stats(self, programme: int) -> ProgrammeStats:
        """A programme's participation and completion numbers. HR or the
        system."""
        pid = cv.ident(programme, "programme")
        out = _CProgrammeStats()
        out.version = PM_PROGRAMME_STATS_VERSION
        self._call_out(lib.pm_programme_stats_get, out, pid)
        return programme_stats_from(out)

    def programme_candidates(
        self,
        programme: int,
        min_gap: float,
        on: _dt.date | None = None,
        rule: LevelRule | None = None,
    ) -> CandidateIterator:
        """The active people whose gap in one of the programme's
        competencies (against the role they hold on ``on``, by ``rule``) is
        at least ``min_gap`` (> 0), largest gap first, then by person id;
        those enrolled or who completed it left out. HR or the system."""
        pid = cv.ident(programme, "programme")
        gap = cv.number(min_gap, "min_gap")
        day = cv.date_in(on, "on")
        r = rule_ref(rule)
        return self._iterator(CandidateIterator, lib.pm_programme_candidates, pid, gap, day, r)
