"""The Session methods for goals, key results and progress."""

from __future__ import annotations

import datetime as _dt
from ctypes import byref, c_void_p
from typing import Any

from . import _convert as cv
from ._lib import (
    PM_CONFIDENCE_NONE,
    PM_GOAL_FIELD_DESCRIPTION,
    PM_GOAL_FIELD_KIND,
    PM_GOAL_FIELD_PARENT,
    PM_GOAL_FIELD_PERIOD,
    PM_GOAL_FIELD_TITLE,
    PM_GOAL_FIELD_VISIBILITY,
    PM_GOAL_FIELD_WEIGHT,
    PM_GOAL_INCLUDE_CLOSED,
    PM_GOAL_OPTS_VERSION,
    PM_GOAL_STATUS_VERSION,
    PM_HEALTH_OPTS_VERSION,
    PM_KEY_RESULT_OPTS_VERSION,
    PM_PROGRESS_OPTS_VERSION,
    GoalOpts,
    HealthOpts,
    KeyResultOpts,
    ProgressOpts,
    lib,
    pm_id,
)
from ._lib import GoalStatus as _CGoalStatus
from ._session_base import _message, _SessionBase
from ._session_iter import GoalIterator, GoalTreeIterator, KeyResultIterator, ProgressIterator
from .errors import check
from .records import (
    Goal,
    GoalKind,
    GoalState,
    GoalStatus,
    KeyResultKind,
    Visibility,
    goal_from,
    goal_status_from,
)


# update_goal(): a field not given. None is a value there (no description,
# no parent), so it cannot mean "leave as it is".
_UNSET: Any = object()

class _GoalMixin(_SessionBase):
    """Goals, key results, progress and goal health."""

    __slots__ = ()

    @staticmethod
    def _health_opts(on_track: object, at_risk: object, stale_days: object) -> HealthOpts:
        """The pm_health_opts for the threshold keywords; C checks the values."""
        ot = cv.number(on_track, "on_track")
        ar = cv.number(at_risk, "at_risk")
        days = cv.integer(stale_days, "stale_days")
        opts = HealthOpts()
        check(lib.pm_health_opts_init(byref(opts), PM_HEALTH_OPTS_VERSION))
        opts.on_track, opts.at_risk, opts.stale_days = ot, ar, days
        return opts

    def create_goal(
        self,
        owner: int,
        title: str,
        due: _dt.date,
        *,
        unit: int | None = None,
        description: str | None = None,
        kind: GoalKind = GoalKind.PERFORMANCE,
        start: _dt.date | None = None,
        weight: float = 1.0,
        visibility: Visibility = Visibility.PRIVATE,
        parent: int | None = None,
        source_checkin: int | None = None,
        source_feedback: int | None = None,
    ) -> int:
        """Creates a goal, in state DRAFT, and returns its id.

        The owner, someone above them, an HR admin or the system may.

        :param owner: the owner (for a unit goal, the person answerable); active.
        :param title: single line, up to 200 code points.
        :param due: the last day; not before ``start``.
        :param unit: makes it a goal of this unit.
        :param description: optional, up to 10000 code points.
        :param start: the first day; None for today.
        :param weight: weight among its siblings when progress rolls up; >= 0.
        :param parent: the goal this one contributes to.
        :param source_checkin: for a corrective action, the check-in that led to it.
        :param source_feedback: for a corrective action, the feedback that
            led to it (readable by the actor).
        :raises InvalidArgument: a missing title, due before start, a
            negative weight, an owner who has left, ...
        :raises Cycle: the parent is the goal or below it.
        :raises NotFound, PermissionDenied, OutOfRange, InvalidUtf8: as C decides.
        """
        opts = GoalOpts()
        check(lib.pm_goal_opts_init(byref(opts), PM_GOAL_OPTS_VERSION))
        opts.owner = cv.ident(owner, "owner")
        opts.unit = cv.optional_ident(unit, "unit")
        t = cv.text(title, "title")
        opts.title, opts.title_len = t, len(t)
        d = cv.optional_text(description, "description")
        if d:
            opts.description, opts.description_len = d, len(d)
        opts.kind = cv.enum_in(kind, GoalKind, "kind")
        opts.start = cv.date_in(start, "start")
        opts.due = cv.date_in(due, "due")
        opts.weight = cv.number(weight, "weight")
        opts.visibility = cv.enum_in(visibility, Visibility, "visibility")
        opts.parent = cv.optional_ident(parent, "parent")
        opts.source_checkin = cv.optional_ident(source_checkin, "source_checkin")
        opts.source_feedback = cv.optional_ident(source_feedback, "source_feedback")
        out = pm_id()
        self._call_out(lib.pm_goal_create, out, byref(opts))
        return out.value

    def update_goal(
        self,
        goal: int,
        *,
        title: str = _UNSET,
        description: str | None = _UNSET,
        start: _dt.date | None = _UNSET,
        due: _dt.date = _UNSET,
        weight: float = _UNSET,
        visibility: Visibility = _UNSET,
        parent: int | None = _UNSET,
        kind: GoalKind = _UNSET,
    ) -> None:
        """Changes the fields given, leaving the others as they are (owner
        and unit cannot change). ``description=None`` removes the
        description, ``parent=None`` detaches the goal, ``start=None`` means
        today.

        Start and due change together in C; given only one of them, the
        other keeps its stored value (read in the same turn on the store).

        :raises InvalidArgument, Cycle, NotFound, PermissionDenied: as for
            :meth:`create_goal`.
        """
        gid = cv.ident(goal, "goal")
        opts = GoalOpts()
        check(lib.pm_goal_opts_init(byref(opts), PM_GOAL_OPTS_VERSION))
        fields = 0
        if title is not _UNSET:
            t = cv.text(title, "title")
            opts.title, opts.title_len = t, len(t)
            fields |= PM_GOAL_FIELD_TITLE
        if description is not _UNSET:
            d = cv.optional_text(description, "description")
            if d:
                opts.description, opts.description_len = d, len(d)
            fields |= PM_GOAL_FIELD_DESCRIPTION
        if start is not _UNSET:
            opts.start = cv.date_in(start, "start")
        if due is not _UNSET:
            opts.due = cv.date_in(due, "due")
        if weight is not _UNSET:
            opts.weight = cv.number(weight, "weight")
            fields |= PM_GOAL_FIELD_WEIGHT
        if visibility is not _UNSET:
            opts.visibility = cv.enum_in(visibility, Visibility, "visibility")
            fields |= PM_GOAL_FIELD_VISIBILITY
        if parent is not _UNSET:
            opts.parent = cv.optional_ident(parent, "parent")
            fields |= PM_GOAL_FIELD_PARENT
        if kind is not _UNSET:
            opts.kind = cv.enum_in(kind, GoalKind, "kind")
            fields |= PM_GOAL_FIELD_KIND
        h = self._h
        ptr = h.enter()
        try:
            if start is not _UNSET or due is not _UNSET:
                fields |= PM_GOAL_FIELD_PERIOD
                if start is _UNSET or due is _UNSET:
                    # C takes both dates; fill in the one not given from
                    # the stored goal, under the same hold of the lock.
                    current = c_void_p()
                    rc = lib.pm_goal_get(byref(current), ptr, gid)
                    if rc:
                        check(rc, _message(ptr))
                    try:
                        if start is _UNSET:
                            opts.start = lib.pm_goal_start(current)
                        else:
                            opts.due = lib.pm_goal_due(current)
                    finally:
                        lib.pm_goal_free(current)
            rc = lib.pm_goal_update(ptr, gid, byref(opts), fields)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()

    def set_goal_state(self, goal: int, state: GoalState) -> None:
        """Moves a goal to another state (see :class:`GoalState` for the
        allowed moves).

        :raises InvalidArgument: a move that is not allowed, named in the message.
        """
        gid = cv.ident(goal, "goal")
        st = cv.enum_in(state, GoalState, "state")
        self._call(lib.pm_goal_set_state, gid, st)

    def get_goal(self, goal: int) -> Goal:
        """Reads a goal.

        :raises NotFound: no goal has this id.
        :raises PermissionDenied: the goal's visibility hides it from the actor.
        """
        gid = cv.ident(goal, "goal")
        return self._snapshot(lib.pm_goal_get, lib.pm_goal_free, goal_from, gid)  # type: ignore[no-any-return]

    def add_key_result(
        self,
        goal: int,
        title: str,
        target: float | None = None,
        *,
        baseline: float = 0.0,
        kind: KeyResultKind = KeyResultKind.NUMERIC,
        unit: str | None = None,
        weight: float = 1.0,
        commit: float | None = None,
        stretch: float | None = None,
    ) -> int:
        """Adds a key result to a goal and returns its id. Its current value
        starts at the baseline.

        :param target: where a numeric key result should get to; not equal
            to ``baseline`` (up or down). A milestone takes none: it goes
            from 0 to 1.
        :param unit: the unit of the values ("%", "EUR"), up to 32 code points.
        :param commit: the level committed to, between baseline and target.
        :param stretch: the stretch level, beyond target.
        :raises InvalidArgument: target equal to baseline, commit or stretch
            out of place, a negative weight, a value that is not finite.
        """
        gid = cv.ident(goal, "goal")
        t = cv.text(title, "title")
        k = cv.enum_in(kind, KeyResultKind, "kind")
        opts = KeyResultOpts()
        check(lib.pm_key_result_opts_init(byref(opts), PM_KEY_RESULT_OPTS_VERSION))
        opts.title, opts.title_len = t, len(t)
        opts.kind = k
        if target is None:
            if k != KeyResultKind.MILESTONE:
                raise TypeError("add_key_result() needs a target for a numeric key result")
        else:
            opts.target = cv.number(target, "target")
        opts.baseline = cv.number(baseline, "baseline")
        u = cv.optional_text(unit, "unit")
        if u:
            opts.unit, opts.unit_len = u, len(u)
        opts.weight = cv.number(weight, "weight")
        if commit is not None:
            opts.has_commit, opts.commit = 1, cv.number(commit, "commit")
        if stretch is not None:
            opts.has_stretch, opts.stretch = 1, cv.number(stretch, "stretch")
        out = pm_id()
        self._call_out(lib.pm_key_result_add, out, gid, byref(opts))
        return out.value

    def remove_key_result(self, key_result: int) -> None:
        """Removes a key result and its progress history."""
        kid = cv.ident(key_result, "key_result")
        self._call(lib.pm_key_result_remove, kid)

    def key_results(self, goal: int) -> KeyResultIterator:
        """A goal's key results in the order they were added, each with its
        current value, progress and zone."""
        gid = cv.ident(goal, "goal")
        return self._iterator(KeyResultIterator, lib.pm_key_result_list, gid)

    def add_progress(
        self,
        goal: int,
        value: float,
        *,
        key_result: int | None = None,
        confidence: int | None = None,
        comment: str | None = None,
    ) -> int:
        """Records progress on an active goal, stamped with the store's clock
        and the actor, and returns the update's id. History is never
        rewritten: each update is a new entry.

        :param value: the key result's new value (a milestone: 0 or 1), or
            with ``key_result=None`` the goal's manual progress, 0 to 1
            (only while it has no key results).
        :param confidence: 0 to 10, or None.
        :param comment: optional, up to 10000 code points.
        """
        gid = cv.ident(goal, "goal")
        kid = cv.optional_ident(key_result, "key_result")
        opts = ProgressOpts()
        check(lib.pm_progress_opts_init(byref(opts), PM_PROGRESS_OPTS_VERSION))
        opts.value = cv.number(value, "value")
        opts.confidence = cv.optional_integer(confidence, "confidence", PM_CONFIDENCE_NONE)
        c = cv.optional_text(comment, "comment")
        if c:
            opts.comment, opts.comment_len = c, len(c)
        out = pm_id()
        self._call_out(lib.pm_progress_add, out, gid, kid, byref(opts))
        return out.value

    def progress_history(self, goal: int) -> ProgressIterator:
        """A goal's progress updates (of its key results and its manual
        progress), oldest first."""
        gid = cv.ident(goal, "goal")
        return self._iterator(ProgressIterator, lib.pm_progress_list, gid)

    def evaluate_goal(
        self,
        goal: int,
        on: _dt.date | None = None,
        *,
        on_track: float = 0.165,
        at_risk: float = 0.33,
        stale_days: int = 14,
    ) -> GoalStatus:
        """A goal's progress, health, staleness and overdue flag as of the
        end of ``on`` (None: today), from its history up to then.

        :param on_track: largest shortfall (expected - actual, 0 to 1) still on track.
        :param at_risk: largest shortfall still at risk; not below ``on_track``.
        :param stale_days: days without an update that make a goal stale; >= 1.
        """
        gid = cv.ident(goal, "goal")
        day = cv.date_in(on, "on")
        opts = self._health_opts(on_track, at_risk, stale_days)
        out = _CGoalStatus()
        out.version = PM_GOAL_STATUS_VERSION
        self._call_out(lib.pm_goal_evaluate, out, gid, day, byref(opts))
        return goal_status_from(out)

    def goals_of_person(self, person: int, *, include_closed: bool = False) -> GoalIterator:
        """The goals a person owns (not unit goals they answer for), by due
        date; goals the actor may not read are left out.

        :param include_closed: include archived and cancelled goals.
        """
        pid = cv.ident(person, "person")
        flags = PM_GOAL_INCLUDE_CLOSED if cv.flag(include_closed, "include_closed") else 0
        return self._iterator(GoalIterator, lib.pm_goal_list_person, pid, flags)

    def goals_of_unit(self, unit: int, *, include_closed: bool = False) -> GoalIterator:
        """A unit's goals, by due date; goals the actor may not read are left out."""
        uid = cv.ident(unit, "unit")
        flags = PM_GOAL_INCLUDE_CLOSED if cv.flag(include_closed, "include_closed") else 0
        return self._iterator(GoalIterator, lib.pm_goal_list_unit, uid, flags)

    def goal_tree(self, goal: int, *, include_closed: bool = False) -> GoalTreeIterator:
        """The alignment tree under a goal (not the goal itself), depth
        first, children by due date, as ``(depth, Goal)`` pairs (depth 1 for
        its children). Goals the actor may not read are left out with
        everything under them."""
        gid = cv.ident(goal, "goal")
        flags = PM_GOAL_INCLUDE_CLOSED if cv.flag(include_closed, "include_closed") else 0
        return self._iterator(GoalTreeIterator, lib.pm_goal_tree, gid, flags)

    def goals_needing_attention(
        self,
        manager: int,
        on: _dt.date | None = None,
        *,
        on_track: float = 0.165,
        at_risk: float = 0.33,
        stale_days: int = 14,
    ) -> GoalIterator:
        """The active goals of a manager's people (direct and indirect
        reports on ``on``, None: today) that are at risk, off track or
        overdue that day, by owner name then due date. The thresholds are
        those of :meth:`evaluate_goal`."""
        mid = cv.ident(manager, "manager")
        day = cv.date_in(on, "on")
        opts = self._health_opts(on_track, at_risk, stale_days)
        return self._iterator(GoalIterator, lib.pm_goal_list_attention, mid, day, byref(opts))
