"""The Session methods for the audit trail and legal holds (``audit.h``)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from ctypes import byref, c_int, c_void_p, string_at

from . import _convert as cv
from ._lib_audit import PM_AUDIT_QUERY_VERSION, AuditQuery, lib
from ._records_audit import (
    AuditActor,
    AuditEntry,
    AuditOp,
    AuditPage,
    LegalHold,
    UndisclosedCount,
    page_from,
    undisclosed_from,
)
from ._session_base import _SessionBase, _message
from .errors import OutOfRange, Status, check


def _instant(value: object, name: str) -> int:
    """An aware datetime (or int seconds), or None for no bound (0 in C)."""
    return 0 if value is None else cv.time_in(value, name)


def _required_date(value: object, name: str) -> int:
    if value is None:
        raise TypeError(f"{name} must be a datetime.date, not None")
    return cv.date_in(value, name)


class _AuditMixin(_SessionBase):
    """Reading the audit trail, and legal holds (HR admins and the system
    session)."""

    __slots__ = ()

    # ---- the trail ---------------------------------------------------------

    def audit_page(
        self,
        *,
        since: _dt.datetime | int | None = None,
        until: _dt.datetime | int | None = None,
        actor_kind: AuditActor | None = None,
        actor: int | None = None,
        record_kind: str | None = None,
        record: int | None = None,
        op: AuditOp | None = None,
        after: int = 0,
        limit: int = 0,
    ) -> AuditPage:
        """One page of the audit trail: the entries matching every filter
        given, with the smallest ids above ``after``, in id order. Read on
        with ``after=page.last`` while ``page.more``; :meth:`audit_entries`
        does that for you.

        :param since: entries at or after this instant (aware datetime).
        :param until: entries at or before this instant.
        :param actor_kind: persons' entries or the system actor's only.
        :param actor: one person's entries only.
        :param record_kind: entries about records of this kind ("feedback").
        :param record: with ``record_kind``: one record's entries only.
        :param op: entries of this operation only.
        :param after: the previous page's ``last``; 0 from the first entry.
        :param limit: most entries, up to 1000; 0 for 100.
        :raises InvalidArgument: ``until`` before ``since``, a record
            without a record kind, an unknown record kind, a limit above 1000.
        :raises PermissionDenied: the session is neither an HR admin's nor
            the system session.
        """
        q = AuditQuery()
        check(lib.pm_audit_query_init(byref(q), PM_AUDIT_QUERY_VERSION))
        # "from" is a Python keyword: set the field by name.
        setattr(q, "from", _instant(since, "since"))
        q.to = _instant(until, "until")
        q.actor_kind = 0 if actor_kind is None else cv.enum_in(actor_kind, AuditActor, "actor_kind")
        q.actor = cv.optional_ident(actor, "actor")
        kind = None if record_kind is None else cv.c_string(record_kind, "record_kind")
        q.record_kind = kind
        q.record = cv.optional_ident(record, "record")
        q.op = 0 if op is None else cv.enum_in(op, AuditOp, "op")
        q.after = cv.ident(after, "after") if after else 0
        count = cv.integer(limit, "limit")
        if count < 0:
            raise OutOfRange(Status.ERANGE, f"limit: {count} is negative")
        q.limit = count
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_audit_list, lib.pm_audit_page_free, page_from, byref(q)
        )

    def audit_entries(self, **filters: object) -> Iterator[AuditEntry]:
        """Every entry matching the filters of :meth:`audit_page` (all but
        ``after`` and ``limit``), page after page, in id order."""
        after = 0
        while True:
            page = self.audit_page(after=after, limit=1000, **filters)  # type: ignore[arg-type]
            yield from page.entries
            if not page.more:
                return
            after = page.last

    def audit_undisclosed(self, since: _dt.date, until: _dt.date) -> list[UndisclosedCount]:
        """The writes counted instead of recorded (anonymous feedback, 360
        answers) on the days from ``since`` to ``until``: one count per day,
        record kind and operation, by day.

        :raises InvalidArgument: ``until`` before ``since``, more than 3660 days.
        :raises PermissionDenied: as for :meth:`audit_page`.
        """
        first = _required_date(since, "since")
        last = _required_date(until, "until")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_audit_undisclosed_list, lib.pm_audit_undisclosed_free, undisclosed_from,
            first, last,
        )

    # ---- legal holds ---------------------------------------------------------

    def place_legal_hold(self, person: int, reason: str | None = None) -> None:
        """Places a legal hold on ``person`` (present or former): while it
        stands, erasing them is refused and retention purges skip their
        records.

        :param reason: why (a matter or case reference); None or blank for none.
        :raises Conflict: the person is held already.
        :raises NotFound: no person has this id.
        :raises PermissionDenied: as for :meth:`audit_page`.
        """
        pid = cv.ident(person, "person")
        text = cv.optional_text(reason, "reason")
        self._call(lib.pm_legal_hold_place, pid, text, len(text) if text else 0)

    def lift_legal_hold(self, person: int) -> None:
        """Lifts ``person``'s legal hold.

        :raises NotFound: no such person, or not held (the message says which).
        :raises PermissionDenied: as for :meth:`audit_page`.
        """
        self._call(lib.pm_legal_hold_lift, cv.ident(person, "person"))

    def legal_hold(self, person: int) -> LegalHold | None:
        """``person``'s legal hold, or None when they are not held.

        :raises NotFound: no person has this id.
        :raises PermissionDenied: as for :meth:`audit_page`.
        """
        pid = cv.ident(person, "person")
        held = c_int()
        reason = c_void_p()
        h = self._h
        ptr = h.enter()
        try:
            rc = lib.pm_legal_hold_get(byref(held), byref(reason), ptr, pid)
            try:
                if rc:
                    check(rc, _message(ptr))
                text = string_at(reason).decode("utf-8") if reason.value else None
            finally:
                lib.pm_free(reason)
        finally:
            h.leave()
        return LegalHold(pid, text) if held.value else None
