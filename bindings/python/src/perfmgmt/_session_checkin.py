"""The Session methods for check-in series, check-ins and their entries."""

from __future__ import annotations

import datetime as _dt
from ctypes import byref, c_int
from typing import Any

from . import _convert as cv
from ._lib import (
    PM_CHECKIN_ENTRY_OPTS_VERSION,
    PM_CHECKIN_RATE_VERSION,
    PM_CHECKIN_SERIES_OPTS_VERSION,
    PM_CHECKIN_SERIES_OVERDUE,
    PM_MOOD_NONE,
    CheckinEntryOpts,
    CheckinSeriesOpts,
    lib,
    pm_id,
)
from ._lib import CheckinRate as _CCheckinRate
from ._session_base import _SessionBase
from ._session_iter import CheckinEntryIterator, CheckinIterator, CheckinSeriesIterator
from .errors import check
from .records import (
    Cadence,
    Checkin,
    CheckinRate,
    CheckinSeries,
    CheckinState,
    EntryKind,
    checkin_from,
    rate_from,
    series_from,
)


class _CheckinMixin(_SessionBase):
    """Check-in series, check-ins, entries and completion rates."""

    __slots__ = ()

    def create_checkin_series(
        self,
        manager: int,
        report: int,
        *,
        cadence: Cadence = Cadence.WEEKLY,
        interval: int = 1,
        day: int | None = None,
        start: _dt.date | None = None,
    ) -> int:
        """Starts a series of check-ins and schedules the first one on
        ``start`` (None: today); returns the series' id. The manager, HR or
        the system may.

        :param interval: weeks between meetings (weekly), 1 to 12.
        :param day: day of the month (monthly), 1 to 31; None for the start
            date's day.
        :raises InvalidArgument: the report does not report to the manager
            on the start date, a bad cadence, interval or day.
        :raises Conflict: the pair already has a series that has not ended.
        """
        opts = CheckinSeriesOpts()
        check(lib.pm_checkin_series_opts_init(byref(opts), PM_CHECKIN_SERIES_OPTS_VERSION))
        opts.manager = cv.ident(manager, "manager")
        opts.report = cv.ident(report, "report")
        opts.cadence = cv.enum_in(cadence, Cadence, "cadence")
        opts.interval = cv.integer(interval, "interval")
        opts.day = cv.optional_integer(day, "day", 0)
        opts.start = cv.date_in(start, "start")
        out = pm_id()
        self._call_out(lib.pm_checkin_series_create, out, byref(opts))
        return out.value

    def pause_checkin_series(self, series: int, on: _dt.date | None = None) -> None:
        """Pauses a series from ``on`` (None: today): nothing is due while
        paused, and a check-in scheduled on or after that day is cancelled.

        :raises InvalidArgument: the series is not active.
        """
        sid = cv.ident(series, "series")
        self._call(lib.pm_checkin_series_pause, sid, cv.date_in(on, "on"))

    def resume_checkin_series(self, series: int, on: _dt.date | None = None) -> None:
        """Resumes a paused series, scheduling its next check-in on ``on``
        (None: today).

        :raises InvalidArgument: the series is not paused.
        """
        sid = cv.ident(series, "series")
        self._call(lib.pm_checkin_series_resume, sid, cv.date_in(on, "on"))

    def end_checkin_series(self, series: int, on: _dt.date | None = None) -> None:
        """Ends a series on ``on`` (None: today); a check-in scheduled after
        it is cancelled.

        :raises InvalidArgument: the series has already ended.
        """
        sid = cv.ident(series, "series")
        self._call(lib.pm_checkin_series_end, sid, cv.date_in(on, "on"))

    def move_checkin_series(self, series: int, manager: int) -> None:
        """Moves a series to the report's new manager (their manager today).

        :raises InvalidArgument: ``manager`` is not the report's manager
            today, or the series has ended.
        """
        sid = cv.ident(series, "series")
        mid = cv.ident(manager, "manager")
        self._call(lib.pm_checkin_series_move, sid, mid)

    def get_checkin_series(self, series: int) -> CheckinSeries:
        """Reads a series; its state and next due date are as of today."""
        sid = cv.ident(series, "series")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_checkin_series_get, lib.pm_checkin_series_free, series_from, sid
        )

    def checkin_series_of(self, person: int, overdue: bool = False) -> CheckinSeriesIterator:
        """The series in which ``person`` is manager or report, by next due
        date.

        :param overdue: only series whose next due date has passed.
        """
        pid = cv.ident(person, "person")
        flags = PM_CHECKIN_SERIES_OVERDUE if cv.flag(overdue, "overdue") else 0
        return self._iterator(CheckinSeriesIterator, lib.pm_checkin_series_list, pid, flags)

    def schedule_checkin(self, series: int, on: _dt.date | None = None) -> int:
        """Schedules an extra check-in in an active series on ``on`` (None:
        today) and returns its id. One of the pair may."""
        sid = cv.ident(series, "series")
        day = cv.date_in(on, "on")
        out = pm_id()
        self._call_out(lib.pm_checkin_schedule, out, sid, day)
        return out.value

    def hold_checkin(self, checkin: int, mood: int | None = None) -> int | None:
        """Marks a scheduled check-in held (on its date), records the
        report's mood, moves the talking points not discussed to the next
        check-in, and schedules that one by the cadence unless one is
        already scheduled. Returns the next check-in's id (None if there is
        none).

        :param mood: 1 to 5, or None.
        :raises InvalidArgument: the check-in is not scheduled, or the mood
            is out of range.
        """
        cid = cv.ident(checkin, "checkin")
        m = cv.optional_integer(mood, "mood", PM_MOOD_NONE)
        out = pm_id()
        self._call_out(lib.pm_checkin_hold, out, cid, m)
        return out.value or None

    def set_checkin_state(self, checkin: int, state: CheckinState) -> None:
        """Marks a scheduled check-in CANCELLED or MISSED."""
        cid = cv.ident(checkin, "checkin")
        st = cv.enum_in(state, CheckinState, "state")
        self._call(lib.pm_checkin_set_state, cid, st)

    def get_checkin(self, checkin: int) -> Checkin:
        """Reads a check-in."""
        cid = cv.ident(checkin, "checkin")
        return self._snapshot(lib.pm_checkin_get, lib.pm_checkin_free, checkin_from, cid)  # type: ignore[no-any-return]

    def checkins(self, series: int) -> CheckinIterator:
        """A series' check-ins by date."""
        sid = cv.ident(series, "series")
        return self._iterator(CheckinIterator, lib.pm_checkin_list, sid)

    def add_checkin_entry(
        self,
        checkin: int,
        kind: EntryKind,
        text: str | None = None,
        *,
        private: bool = False,
        owner: int | None = None,
        due: _dt.date | None = None,
        goal: int | None = None,
    ) -> int:
        """Adds an entry to a scheduled or held check-in and returns its id.
        One of the pair may.

        :param text: required for talking points, notes and action items;
            up to 10000 code points.
        :param private: talking points and notes: only the author (never HR
            or the system) will see it.
        :param owner: action items: who does it (one of the pair); None for
            the author.
        :param due: action items: the due date, or None.
        :param goal: goal entries: the goal discussed; its progress and
            health are recorded as they stand now.
        :raises InvalidArgument: missing text, a private action item or goal
            entry, an owner outside the pair, a cancelled or missed check-in.
        """
        cid = cv.ident(checkin, "checkin")
        opts = CheckinEntryOpts()
        check(lib.pm_checkin_entry_opts_init(byref(opts), PM_CHECKIN_ENTRY_OPTS_VERSION))
        opts.kind = cv.enum_in(kind, EntryKind, "kind")
        t = cv.optional_text(text, "text")
        if t is not None:
            # "" with length 0 would read as NUL-terminated: still "", so
            # C sees the empty text and can say it is missing.
            opts.text, opts.text_len = t, len(t)
        opts.is_private = 1 if cv.flag(private, "private") else 0
        opts.owner = cv.optional_ident(owner, "owner")
        opts.due = cv.date_in(due, "due")
        opts.goal = cv.optional_ident(goal, "goal")
        out = pm_id()
        self._call_out(lib.pm_checkin_entry_add, out, cid, byref(opts))
        return out.value

    def set_checkin_entry_done(self, entry: int, done: bool = True) -> None:
        """Marks a talking point discussed, or an action item done (or, with
        ``done=False``, not). A private entry: its author only.

        :raises InvalidArgument: a note or goal entry.
        """
        eid = cv.ident(entry, "entry")
        d = cv.flag(done, "done")
        self._call(lib.pm_checkin_entry_set_done, eid, 1 if d else 0)

    def checkin_entries(self, checkin: int) -> CheckinEntryIterator:
        """What a check-in shows: its own entries, talking points moved to
        it, and the open action items of earlier check-ins of the series.
        Private entries appear only to their author."""
        cid = cv.ident(checkin, "checkin")
        return self._iterator(CheckinEntryIterator, lib.pm_checkin_entry_list, cid)

    def checkin_days_since(self, person: int, on: _dt.date | None = None) -> int | None:
        """Days since ``person`` last held a check-in (as manager or report)
        up to ``on`` (None: today); None when they never held one."""
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        out = c_int()
        self._call_out(lib.pm_checkin_days_since, out, pid, day)
        return None if out.value < 0 else out.value

    def _rate(self, function: Any, subject: int, start: object, end: object) -> CheckinRate:
        """A pm_checkin_rate filled by ``function`` over [start, end]."""
        first = cv.date_in(start, "start")
        last = cv.date_in(end, "end")
        out = _CCheckinRate()
        out.version = PM_CHECKIN_RATE_VERSION
        self._call_out(function, out, subject, first, last)
        return rate_from(out)

    def checkin_rate_manager(self, manager: int, start: _dt.date, end: _dt.date) -> CheckinRate:
        """Completion of the check-ins of the series a manager runs, dated
        from ``start`` to ``end`` (both included)."""
        mid = cv.ident(manager, "manager")
        return self._rate(lib.pm_checkin_rate_manager, mid, start, end)

    def checkin_rate_unit(self, unit: int, start: _dt.date, end: _dt.date) -> CheckinRate:
        """Completion of the check-ins of the series whose report belonged
        to ``unit`` (or a unit below it) on ``end``, dated from ``start`` to
        ``end`` (HR admins and the system)."""
        uid = cv.ident(unit, "unit")
        return self._rate(lib.pm_checkin_rate_unit, uid, start, end)
