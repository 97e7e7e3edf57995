"""Records and enums of the audit trail and legal holds (``audit.h``).

Like the other records, each is copied out of the C page or counts, so it
stays valid after its session or store is closed. An id C gives as 0
because there is none (the system actor, an entry covering several
records) reads as None.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass
from typing import Any

from . import _convert
from ._lib_audit import lib

__all__ = [
    "AuditOp",
    "AuditActor",
    "AuditEntry",
    "AuditPage",
    "UndisclosedCount",
    "LegalHold",
]


class AuditOp(enum.IntEnum):
    """What a write did (``pm_audit_op``)."""

    #: A record was created.
    CREATE = 1
    #: A record was changed.
    UPDATE = 2
    #: A record was removed by an API call.
    REMOVE = 3
    #: A person's personal data was erased.
    ERASE = 4
    #: Records past their retention period were purged.
    PURGE = 5
    #: Everything held about a person was exported.
    EXPORT = 6


class AuditActor(enum.IntEnum):
    """Who made a write (``pm_audit_actor``)."""

    #: The system actor (integration).
    SYSTEM = 1
    #: A person's session.
    PERSON = 2


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the audit trail: who wrote what, when. It never holds
    what was written.

    :ivar id: the entry's id (ids grow with every entry).
    :ivar at: when, by the store's clock (UTC).
    :ivar actor: the person who wrote, or None for the system actor.
    :ivar actor_kind: a person or the system actor.
    :ivar op: what the write did.
    :ivar record_kind: the kind of record ("feedback", "goal", "person"),
        or None for a kind this binding's library does not know.
    :ivar record: the record, or None when the entry covers several.
    :ivar records: how many records the entry covers (1 for one write).
    """

    id: int
    at: _dt.datetime
    actor: int | None
    actor_kind: AuditActor
    op: AuditOp
    record_kind: str | None
    record: int | None
    records: int


@dataclass(frozen=True, slots=True)
class AuditPage:
    """A page of the audit trail (Session.audit_page()).

    :ivar entries: the entries, in id order.
    :ivar more: whether more entries match after the last.
    :ivar last: the id to give as ``after`` for the next page.
    """

    entries: tuple[AuditEntry, ...]
    more: bool
    last: int


@dataclass(frozen=True, slots=True)
class UndisclosedCount:
    """Writes counted instead of recorded on one day (anonymous feedback,
    360 answers): no actor, time or record.

    :ivar day: the day (UTC).
    :ivar record_kind: the kind of record ("feedback", "review360_answer").
    :ivar op: what the writes did.
    :ivar records: how many records they covered.
    """

    day: _dt.date | None
    record_kind: str | None
    op: AuditOp
    records: int


@dataclass(frozen=True, slots=True)
class LegalHold:
    """A legal hold on a person (Session.legal_hold()).

    :ivar person: the person held.
    :ivar reason: why (a matter or case reference), or None.
    """

    person: int
    reason: str | None


def _text(raw: bytes | None) -> str | None:
    return raw.decode("utf-8", "replace") if raw is not None else None


def page_from(page: Any) -> AuditPage:
    """Copies a C audit page."""
    entries = []
    for i in range(lib.pm_audit_page_count(page)):
        actor = int(lib.pm_audit_entry_actor(page, i))
        record = int(lib.pm_audit_entry_record(page, i))
        entries.append(
            AuditEntry(
                id=int(lib.pm_audit_entry_id(page, i)),
                at=_convert.time_out(lib.pm_audit_entry_at(page, i)),
                actor=actor or None,
                actor_kind=_convert.enum_out(lib.pm_audit_entry_actor_kind(page, i), AuditActor),  # type: ignore[arg-type]
                op=_convert.enum_out(lib.pm_audit_entry_op(page, i), AuditOp),  # type: ignore[arg-type]
                record_kind=_text(lib.pm_audit_entry_record_kind(page, i)),
                record=record or None,
                records=int(lib.pm_audit_entry_records(page, i)),
            )
        )
    return AuditPage(
        entries=tuple(entries),
        more=bool(lib.pm_audit_page_more(page)),
        last=int(lib.pm_audit_page_last(page)),
    )


def undisclosed_from(counts: Any) -> list[UndisclosedCount]:
    """Copies C undisclosed counts."""
    return [
        UndisclosedCount(
            day=_convert.date_out(lib.pm_audit_undisclosed_day(counts, i)),
            record_kind=_text(lib.pm_audit_undisclosed_record_kind(counts, i)),
            op=_convert.enum_out(lib.pm_audit_undisclosed_op(counts, i), AuditOp),  # type: ignore[arg-type]
            records=int(lib.pm_audit_undisclosed_records(counts, i)),
        )
        for i in range(lib.pm_audit_undisclosed_count(counts))
    ]
