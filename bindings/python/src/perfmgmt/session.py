"""Sessions (who is acting) and the iterators they return.

Every domain call goes through a :class:`Session`; the C library checks the
acting person's rights on each one. A session keeps its store alive, and an
iterator its session, so a chain like ``db.system_session().search_people()``
works; closing the store still closes them all.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
from ctypes import byref, c_int, c_void_p, string_at
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Iterator, TypeVar

from . import _convert as cv
from ._handle import Handle
from ._lib import (
    PM_CHECKIN_ENTRY_OPTS_VERSION,
    PM_CHECKIN_RATE_VERSION,
    PM_CHECKIN_SERIES_OPTS_VERSION,
    PM_CHECKIN_SERIES_OVERDUE,
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
    PM_IMPORT_MARK_MISSING_LEFT,
    PM_IMPORT_OPTS_VERSION,
    PM_IMPORT_STATS_VERSION,
    PM_ITEROVER,
    PM_KEY_RESULT_OPTS_VERSION,
    PM_MOOD_NONE,
    PM_ORG_REPORTS_INDIRECT,
    PM_PERSON_INCLUDE_LEFT,
    PM_PERSON_OPTS_VERSION,
    PM_PROGRESS_OPTS_VERSION,
    PM_UNIT_MEMBERS_DEEP,
    PM_UNIT_OPTS_VERSION,
    CheckinEntryOpts,
    CheckinSeriesOpts,
    GoalOpts,
    HealthOpts,
    ImportOpts,
    KeyResultOpts,
    PersonOpts,
    ProgressOpts,
    UnitOpts,
    lib,
    pm_id,
)
from ._lib import CheckinRate as _CCheckinRate
from ._lib import GoalStatus as _CGoalStatus
from ._lib import ImportStats as _CImportStats
from .errors import check, status_str
from .records import (
    Cadence,
    Checkin,
    CheckinEntry,
    CheckinRate,
    CheckinSeries,
    CheckinState,
    EntryKind,
    Goal,
    GoalKind,
    GoalState,
    GoalStatus,
    ImportStats,
    KeyResult,
    KeyResultKind,
    Person,
    Progress,
    Unit,
    Visibility,
    checkin_from,
    entry_from,
    goal_from,
    goal_status_from,
    key_result_from,
    person_from,
    progress_from,
    rate_from,
    series_from,
    stats_from,
    unit_from,
)

if TYPE_CHECKING:
    from .db import Db

__all__ = [
    "Session",
    "PersonIterator",
    "UnitIterator",
    "GoalIterator",
    "GoalTreeIterator",
    "KeyResultIterator",
    "ProgressIterator",
    "CheckinSeriesIterator",
    "CheckinIterator",
    "CheckinEntryIterator",
]

# update_goal(): a field not given. None is a value there (no description,
# no parent), so it cannot mean "leave as it is".
_UNSET: Any = object()

_pm_session_errmsg = lib.pm_session_errmsg
_pm_person_get = lib.pm_person_get
_pm_person_free = lib.pm_person_free


def _message(session_ptr: Any) -> str:
    """The session's message for its last call."""
    text: bytes | None = _pm_session_errmsg(session_ptr)
    return text.decode("utf-8", "replace") if text else ""


class Session:
    """Who is acting: a person, or the system actor used by integrations.

    Open one with :meth:`Db.session` or :meth:`Db.system_session`. Use it as
    a context manager, or call :meth:`close`. Failed calls raise a subclass
    of :class:`perfmgmt.Error` carrying the library's message.

    Ids are ints; dates are :class:`datetime.date` (``None`` means today);
    texts are :class:`str`.
    """

    __slots__ = ("_h", "_db", "_actor", "__weakref__")

    _h: Handle
    _db: Db
    _actor: int

    def __init__(self) -> None:
        raise TypeError("open a session with Db.session() or Db.system_session()")

    @classmethod
    def _wrap(cls, db: Db, handle: Handle) -> Session:
        """Wraps a C session just opened (the store's lock is held)."""
        self = object.__new__(cls)
        self._h = handle
        self._db = db
        # A session's actor never changes; reading it once keeps repr()
        # free of C calls and locks.
        self._actor = int(lib.pm_session_actor(handle.ptr))
        return self

    # ---- lifetime -------------------------------------------------------

    def close(self) -> None:
        """Frees the session and the iterators it returned, rolling back a
        transaction left open. Closing twice does nothing."""
        self._h.close()

    @property
    def closed(self) -> bool:
        """True once the session (or its store) is closed."""
        return self._h.ptr is None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        handle = getattr(self, "_h", None)
        if handle is not None:
            handle.close_soon()

    def __repr__(self) -> str:
        who = "system" if self._actor == 0 else f"person {self._actor}"
        state = " closed" if self._h.ptr is None else ""
        return f"<perfmgmt.Session acting as {who}{state}>"

    @property
    def db(self) -> Db:
        """The store the session was opened on."""
        return self._db

    @property
    def actor(self) -> int:
        """The acting person's id, or 0 for the system actor."""
        if self._h.ptr is None:
            raise self._h.closed_error()
        return self._actor

    # ---- the call pattern -----------------------------------------------

    def _call(self, function: Any, *args: Any) -> None:
        """Calls ``function(session, *args)`` and raises on failure."""
        h = self._h
        ptr = h.enter()
        try:
            rc = function(ptr, *args)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()

    def _call_out(self, function: Any, out: Any, *args: Any) -> None:
        """Calls ``function(&out, session, *args)`` and raises on failure."""
        h = self._h
        ptr = h.enter()
        try:
            rc = function(byref(out), ptr, *args)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()

    def _iterator(self, cls: type[_I], function: Any, *args: Any) -> _I:
        """Opens a C iterator with ``function(&out, session, *args)`` and wraps it."""
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = function(byref(out), ptr, *args)
            if rc:
                check(rc, _message(ptr))
            return cls._wrap(self, Handle(out, cls._free, "iterator", h))
        finally:
            h.leave()

    def _snapshot(self, function: Any, free: Any, copy: Any, *args: Any) -> Any:
        """Reads a snapshot with ``function(&out, session, *args)``, copies it
        with ``copy`` and frees it, all under one hold of the lock."""
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = function(byref(out), ptr, *args)
            if rc:
                check(rc, _message(ptr))
            try:
                return copy(out)
            finally:
                free(out)
        finally:
            h.leave()

    # ---- transactions ---------------------------------------------------

    def begin(self) -> None:
        """Starts a transaction grouping the following writes.

        :raises Misuse: one is already open.
        """
        self._call(lib.pm_session_begin)

    def commit(self) -> None:
        """Makes the writes since :meth:`begin` durable.

        :raises Misuse: none is open.
        """
        self._call(lib.pm_session_commit)

    def rollback(self) -> None:
        """Discards the writes since :meth:`begin`.

        :raises Misuse: none is open.
        """
        self._call(lib.pm_session_rollback)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A transaction as a context manager: committed when the block
        ends normally, rolled back when it raises.

        >>> with session.transaction():
        ...     session.create_person("E1", "Ada Lovelace")
        """
        self.begin()
        try:
            yield self
        except BaseException:
            # The block's exception is the one to report; a failed rollback
            # (say, the session was closed inside the block) adds nothing.
            with contextlib.suppress(Exception):
                self.rollback()
            raise
        self.commit()

    # ---- people -----------------------------------------------------------

    def create_person(
        self,
        external_id: str,
        name: str,
        email: str | None = None,
        hr_admin: bool = False,
        unit: int | None = None,
        manager: int | None = None,
        start: _dt.date | None = None,
    ) -> int:
        """Creates a person (HR admins and the system actor) and returns the id.

        :param external_id: the HRIS's key, unique, up to 64 code points.
        :param name: the display name, up to 200 code points.
        :param email: optional; must hold one ``@`` with text either side.
        :param hr_admin: make the person an HR admin.
        :param unit: the unit the person joins, or None.
        :param manager: the person's manager, or None.
        :param start: when unit and manager take effect; None for today.
        :raises InvalidArgument, InvalidUtf8, OutOfRange, Conflict, NotFound,
            PermissionDenied: as the C library decides.
        """
        ext = cv.text(external_id, "external_id")
        nm = cv.text(name, "name")
        em = cv.optional_text(email, "email")
        admin = cv.flag(hr_admin, "hr_admin")
        unit_id = cv.optional_ident(unit, "unit")
        manager_id = cv.optional_ident(manager, "manager")
        day = cv.date_in(start, "start")
        opts = PersonOpts()
        check(lib.pm_person_opts_init(byref(opts), PM_PERSON_OPTS_VERSION))
        opts.external_id, opts.external_id_len = ext, len(ext)
        opts.display_name, opts.display_name_len = nm, len(nm)
        if em is not None:
            opts.email, opts.email_len = em, len(em)
        opts.hr_admin = 1 if admin else 0
        opts.unit = unit_id
        opts.manager = manager_id
        opts.start = day
        out = pm_id()
        self._call_out(lib.pm_person_create, out, byref(opts))
        return out.value

    def update_person(
        self,
        person: int,
        external_id: str | None = None,
        name: str | None = None,
        email: str | None = None,
    ) -> None:
        """Changes the given fields of a person; None leaves a field as it
        is, and ``email=""`` removes the email.

        A person may change their own name and email; HR admins and the
        system actor may change any of them.
        """
        pid = cv.ident(person, "person")
        ext = cv.optional_text(external_id, "external_id")
        nm = cv.optional_text(name, "name")
        em = cv.optional_text(email, "email")
        opts = PersonOpts()
        check(lib.pm_person_opts_init(byref(opts), PM_PERSON_OPTS_VERSION))
        if ext is not None:
            opts.external_id, opts.external_id_len = ext, len(ext)
        if nm is not None:
            opts.display_name, opts.display_name_len = nm, len(nm)
        if em is not None:
            opts.email, opts.email_len = em, len(em)
        self._call(lib.pm_person_update, pid, byref(opts))

    def set_hr_admin(self, person: int, hr_admin: bool) -> None:
        """Grants or removes the HR-admin role (HR admins and the system actor).

        Sessions already open for that person keep the role they had.
        """
        pid = cv.ident(person, "person")
        admin = cv.flag(hr_admin, "hr_admin")
        self._call(lib.pm_person_set_hr_admin, pid, 1 if admin else 0)

    def set_left(self, person: int, on: _dt.date | None = None) -> None:
        """Records that a person left on ``on`` (their last day is the day
        before; None for today). Their unit membership and reporting line
        end that day.

        :raises Conflict: the person has already left.
        """
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        self._call(lib.pm_person_set_left, pid, day)

    def get_person(self, person: int) -> Person:
        """Reads a person by id.

        :raises NotFound: no person has this id.
        """
        pid = cv.ident(person, "person")
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = _pm_person_get(byref(out), ptr, pid)
            if rc:
                check(rc, _message(ptr))
            try:
                return person_from(out)
            finally:
                _pm_person_free(out)
        finally:
            h.leave()

    def lookup_person(self, external_id: str) -> Person:
        """Reads a person by external id (exact match after NFC normalisation).

        :raises NotFound: no person has this external id.
        """
        ext = cv.c_string(external_id, "external_id")
        out = c_void_p()
        self._call_out(lib.pm_person_lookup, out, ext)
        try:
            return person_from(out)
        finally:
            lib.pm_person_free(out)

    def search_people(self, query: str = "", include_left: bool = False) -> PersonIterator:
        """People whose display name contains ``query``, ignoring case
        (Unicode case folding: ``"ÅSA"`` finds ``"Åsa"``), in folded-name
        order. ``""`` lists everyone.

        :param include_left: include people who have left.
        """
        q = cv.c_string(query, "query")
        flags = PM_PERSON_INCLUDE_LEFT if cv.flag(include_left, "include_left") else 0
        return self._iterator(PersonIterator, lib.pm_person_search, q, flags)

    # ---- units ------------------------------------------------------------

    def create_unit(self, name: str, parent: int | None = None) -> int:
        """Creates a unit under ``parent`` (None: top level) and returns its id.

        :raises Conflict: a sibling has the name (ignoring case).
        """
        nm = cv.text(name, "name")
        parent_id = cv.optional_ident(parent, "parent")
        opts = UnitOpts()
        check(lib.pm_unit_opts_init(byref(opts), PM_UNIT_OPTS_VERSION))
        opts.name, opts.name_len = nm, len(nm)
        opts.parent = parent_id
        out = pm_id()
        self._call_out(lib.pm_unit_create, out, byref(opts))
        return out.value

    def rename_unit(self, unit: int, name: str) -> None:
        """Renames a unit."""
        uid = cv.ident(unit, "unit")
        nm = cv.text(name, "name")
        self._call(lib.pm_unit_rename, uid, nm, len(nm))

    def move_unit(self, unit: int, parent: int | None) -> None:
        """Moves a unit under another parent (None: top level).

        :raises Cycle: the new parent is the unit or below it.
        """
        uid = cv.ident(unit, "unit")
        parent_id = cv.optional_ident(parent, "parent")
        self._call(lib.pm_unit_move, uid, parent_id)

    def get_unit(self, unit: int) -> Unit:
        """Reads a unit by id."""
        uid = cv.ident(unit, "unit")
        out = c_void_p()
        self._call_out(lib.pm_unit_get, out, uid)
        try:
            return unit_from(out)
        finally:
            lib.pm_unit_free(out)

    def find_unit(self, path: str) -> int:
        """The id of the unit at ``path``, names from the top separated by
        ``/`` (``"Company/Engineering"``), ignoring case.

        :raises NotFound: no unit has this path.
        """
        p = cv.c_string(path, "path")
        out = pm_id()
        self._call_out(lib.pm_unit_find, out, p)
        return out.value

    def unit_path(self, unit: int) -> str:
        """The path of a unit from the top, names separated by ``/``."""
        uid = cv.ident(unit, "unit")
        out = c_void_p()
        self._call_out(lib.pm_unit_path, out, uid)
        try:
            return string_at(out).decode("utf-8", "replace") if out.value else ""
        finally:
            lib.pm_free(out)

    def unit_children(self, parent: int | None = None) -> UnitIterator:
        """The units directly under ``parent`` (None: the top-level units),
        in name order."""
        parent_id = cv.optional_ident(parent, "parent")
        return self._iterator(UnitIterator, lib.pm_unit_children, parent_id)

    def unit_members(
        self, unit: int, on: _dt.date | None = None, deep: bool = False
    ) -> PersonIterator:
        """The people who belonged to ``unit`` on ``on`` (None: today), in
        name order.

        :param deep: include members of the units below.
        """
        uid = cv.ident(unit, "unit")
        day = cv.date_in(on, "on")
        flags = PM_UNIT_MEMBERS_DEEP if cv.flag(deep, "deep") else 0
        return self._iterator(PersonIterator, lib.pm_unit_members, uid, day, flags)

    # ---- membership and reporting lines ---------------------------------

    def set_unit(self, person: int, unit: int | None, on: _dt.date | None = None) -> None:
        """Puts a person in ``unit`` from ``on`` (None: today); ``unit=None``
        removes them from any unit.

        :raises Conflict: a later change is recorded for the person.
        """
        pid = cv.ident(person, "person")
        uid = cv.optional_ident(unit, "unit")
        day = cv.date_in(on, "on")
        self._call(lib.pm_org_set_unit, pid, uid, day)

    def unit_on(self, person: int, on: _dt.date | None = None) -> int | None:
        """The unit the person belonged to on ``on`` (None: today), or None."""
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        out = pm_id()
        self._call_out(lib.pm_org_unit_on, out, pid, day)
        return out.value or None

    def set_manager(self, person: int, manager: int | None, on: _dt.date | None = None) -> None:
        """Makes ``manager`` the person's manager from ``on`` (None: today);
        ``manager=None`` ends the reporting line.

        :raises InvalidArgument: the person as their own manager.
        :raises Cycle: the manager reports, directly or not, to the person.
        :raises Conflict: a later change is recorded for the person.
        """
        pid = cv.ident(person, "person")
        mid = cv.optional_ident(manager, "manager")
        day = cv.date_in(on, "on")
        self._call(lib.pm_org_set_manager, pid, mid, day)

    def manager_on(self, person: int, on: _dt.date | None = None) -> int | None:
        """The person's manager on ``on`` (None: today), or None."""
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        out = pm_id()
        self._call_out(lib.pm_org_manager_on, out, pid, day)
        return out.value or None

    def reports(
        self, manager: int, on: _dt.date | None = None, indirect: bool = False
    ) -> PersonIterator:
        """The people who reported to ``manager`` on ``on`` (None: today),
        in name order.

        :param indirect: include reports of reports, all the way down.
        """
        mid = cv.ident(manager, "manager")
        day = cv.date_in(on, "on")
        flags = PM_ORG_REPORTS_INDIRECT if cv.flag(indirect, "indirect") else 0
        return self._iterator(PersonIterator, lib.pm_org_reports, mid, day, flags)

    def is_above(self, manager: int, person: int, on: _dt.date | None = None) -> bool:
        """Whether ``manager`` is above ``person`` in the reporting chain on
        ``on`` (None: today): their manager, their manager's manager, ..."""
        mid = cv.ident(manager, "manager")
        pid = cv.ident(person, "person")
        day = cv.date_in(on, "on")
        out = c_int()
        self._call_out(lib.pm_org_is_above, out, mid, pid, day)
        return bool(out.value)

    # ---- import -----------------------------------------------------------

    @staticmethod
    def _import_opts(on: object, mark_missing_left: object) -> ImportOpts:
        """The pm_import_opts for the keyword arguments of the import methods."""
        day = cv.date_in(on, "on")
        flags = PM_IMPORT_MARK_MISSING_LEFT if cv.flag(mark_missing_left, "mark_missing_left") else 0
        opts = ImportOpts()
        check(lib.pm_import_opts_init(byref(opts), PM_IMPORT_OPTS_VERSION))
        opts.date = day
        opts.flags = flags
        return opts

    def import_csv(
        self,
        data: str | bytes,
        on: _dt.date | None = None,
        mark_missing_left: bool = False,
    ) -> ImportStats:
        """Imports an organisation from CSV text (HR admins and the system
        actor), all or nothing. See ``perfmgmt/import.h`` for the columns.

        :param data: the CSV as str, or as bytes (bytearray, memoryview)
            holding UTF-8; bytes go to the library unchanged.
        :param on: when unit and manager changes take effect; None for today.
        :param mark_missing_left: mark people in the store but not in the
            file as left.
        :raises Error: a subclass naming the line and the field.
        """
        if isinstance(data, str):
            raw = data.encode("utf-8", "surrogatepass")
        elif isinstance(data, bytes):
            raw = data
        elif isinstance(data, (bytearray, memoryview)):
            raw = bytes(data)
        else:
            raise cv.type_error("data", "str or bytes", data)
        opts = self._import_opts(on, mark_missing_left)
        stats = _CImportStats()
        stats.version = PM_IMPORT_STATS_VERSION
        self._call(lib.pm_import_csv, raw, len(raw), byref(opts), byref(stats))
        return stats_from(stats)

    def import_csv_file(
        self,
        path: str | bytes | os.PathLike[str] | os.PathLike[bytes],
        on: _dt.date | None = None,
        mark_missing_left: bool = False,
    ) -> ImportStats:
        """Imports an organisation from a CSV file, as :meth:`import_csv`.

        :raises IOError: the file cannot be read.
        """
        p = cv.path(path, "path")
        opts = self._import_opts(on, mark_missing_left)
        stats = _CImportStats()
        stats.version = PM_IMPORT_STATS_VERSION
        self._call(lib.pm_import_csv_file, p, byref(opts), byref(stats))
        return stats_from(stats)


    # ---- goals ------------------------------------------------------------

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

    # ---- check-ins ----------------------------------------------------------

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


T = TypeVar("T")
_I = TypeVar("_I", bound="_Iterator[Any]")


class _Iterator(Generic[T]):
    """An iterator over the C library's results.

    Each item is copied out as it is read. The C iterator is freed when the
    iteration ends, on :meth:`close`, when the object is collected, or when
    its session or store is closed. After it ends, ``next()`` keeps raising
    StopIteration; after it was closed early, ``next()`` raises Misuse.
    """

    __slots__ = ("_h", "_session", "_done", "__weakref__")

    _free: ClassVar[Any]
    _next: ClassVar[Any]

    _h: Handle
    _session: Session
    _done: bool

    def __init__(self) -> None:
        raise TypeError("iterators come from Session methods")

    @classmethod
    def _wrap(cls: type[_I], session: Session, handle: Handle) -> _I:
        """Wraps a C iterator just opened on ``session``."""
        self = object.__new__(cls)
        self._h = handle
        # The session must outlive the C iterator, which reads through it.
        self._session = session
        self._done = False
        return self

    def __iter__(self) -> _Iterator[T]:
        return self

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = self._next(byref(out), ptr)
            if rc == 0:
                return self._copy(out)
            if rc == PM_ITEROVER:
                self._done = True
                h.close_locked()
                raise StopIteration
            check(rc, self._message(h, rc))
            raise AssertionError("unreachable")
        finally:
            h.leave()

    def _copy(self, item: Any) -> T:
        """Copies the item C handed out, which the iterator still owns."""
        raise NotImplementedError

    def _message(self, handle: Handle, rc: int) -> str:
        """The message for a failed next()."""
        return f"iterator: {status_str(rc)}"

    def close(self) -> None:
        """Frees the C iterator now; closing twice does nothing."""
        self._h.close()

    @property
    def closed(self) -> bool:
        """True once the iterator is exhausted or closed."""
        return self._h.ptr is None

    def __enter__(self) -> _Iterator[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        handle = getattr(self, "_h", None)
        if handle is not None:
            handle.close_soon()


class _SessionIterator(_Iterator[T]):
    """An iterator that reads through its session, which then holds the
    message of a failed next()."""

    __slots__ = ()

    def _message(self, handle: Handle, rc: int) -> str:
        session = handle.parent
        if session is not None and session.ptr is not None:
            text = _message(session.ptr)
            if text:
                return text
        return super()._message(handle, rc)


class PersonIterator(_SessionIterator[Person]):
    """People, one :class:`Person` at a time."""

    __slots__ = ()

    _free = lib.pm_person_iter_free
    _next = lib.pm_person_iter_next

    def _copy(self, item: Any) -> Person:
        # The C person is borrowed from the iterator: copy it before the
        # lock is released and another next() could replace it.
        return person_from(item)


class UnitIterator(_Iterator[Unit]):
    """Units, one :class:`Unit` at a time."""

    __slots__ = ()

    _free = lib.pm_unit_iter_free
    _next = lib.pm_unit_iter_next

    def _copy(self, item: Any) -> Unit:
        return unit_from(item)


class GoalIterator(_SessionIterator[Goal]):
    """Goals, one :class:`Goal` at a time."""

    __slots__ = ()

    _free = lib.pm_goal_iter_free
    _next = lib.pm_goal_iter_next

    def _copy(self, item: Any) -> Goal:
        return goal_from(item)


class GoalTreeIterator(_SessionIterator["tuple[int, Goal]"]):
    """An alignment tree, one ``(depth, Goal)`` pair at a time, depth first."""

    __slots__ = ()

    _free = lib.pm_goal_iter_free
    _next = lib.pm_goal_iter_next

    def _copy(self, item: Any) -> tuple[int, Goal]:
        # The depth belongs to the iterator, which is live here: _copy runs
        # under the lock, before another next() could move it on.
        return (lib.pm_goal_iter_depth(self._h.ptr), goal_from(item))


class KeyResultIterator(_SessionIterator[KeyResult]):
    """Key results, one :class:`KeyResult` at a time."""

    __slots__ = ()

    _free = lib.pm_key_result_iter_free
    _next = lib.pm_key_result_iter_next

    def _copy(self, item: Any) -> KeyResult:
        return key_result_from(item)


class ProgressIterator(_SessionIterator[Progress]):
    """Progress updates, one :class:`Progress` at a time."""

    __slots__ = ()

    _free = lib.pm_progress_iter_free
    _next = lib.pm_progress_iter_next

    def _copy(self, item: Any) -> Progress:
        return progress_from(item)


class CheckinSeriesIterator(_SessionIterator[CheckinSeries]):
    """Check-in series, one :class:`CheckinSeries` at a time."""

    __slots__ = ()

    _free = lib.pm_checkin_series_iter_free
    _next = lib.pm_checkin_series_iter_next

    def _copy(self, item: Any) -> CheckinSeries:
        return series_from(item)


class CheckinIterator(_SessionIterator[Checkin]):
    """Check-ins, one :class:`Checkin` at a time."""

    __slots__ = ()

    _free = lib.pm_checkin_iter_free
    _next = lib.pm_checkin_iter_next

    def _copy(self, item: Any) -> Checkin:
        return checkin_from(item)


class CheckinEntryIterator(_SessionIterator[CheckinEntry]):
    """Entries of a check-in, one :class:`CheckinEntry` at a time."""

    __slots__ = ()

    _free = lib.pm_checkin_entry_iter_free
    _next = lib.pm_checkin_entry_iter_next

    def _copy(self, item: Any) -> CheckinEntry:
        return entry_from(item)
