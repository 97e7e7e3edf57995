"""Records: immutable Python copies of the C library's snapshots.

A C snapshot (pm_person, pm_unit) is copied field by field into one of these
dataclasses and freed at once, so a record stays valid after its session or
store is closed.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass
from typing import Any

from . import _convert
from ._lib import lib

__all__ = ["PersonStatus", "Person", "Unit", "ImportStats"]


class PersonStatus(enum.IntEnum):
    """Whether a person is still with the organisation (``pm_person_status``)."""

    ACTIVE = 1
    LEFT = 2


@dataclass(frozen=True, slots=True)
class Person:
    """A person as the store held them when read.

    :ivar id: the internal id perfmgmt assigned.
    :ivar external_id: the HRIS's key, unique.
    :ivar name: the display name.
    :ivar email: the email address, or None.
    :ivar status: active or left.
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


def _str(value: bytes | None) -> str:
    """Text from C ("" for NULL, which the getters give only for a NULL snapshot)."""
    return "" if value is None else value.decode("utf-8", "replace")


_STATUSES = {int(s): s for s in PersonStatus}
_time_out = _convert.time_out


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
