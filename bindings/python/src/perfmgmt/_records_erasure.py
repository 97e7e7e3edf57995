"""The Python side of ``erasure.h``: what becomes of an erased person's
goals, and what an erasure did."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class EraseGoals(enum.IntEnum):
    """What becomes of the goals an erased person owned (``pm_erase_goals``)."""

    #: Each goal not yet archived is archived, still owned by the erased record.
    ARCHIVE = 1
    #: Each goal passes to the new owner, in its state.
    REASSIGN = 2


@dataclass(frozen=True, slots=True)
class EraseReport:
    """What :meth:`perfmgmt.Session.erase_person` did.

    :ivar removed: records removed.
    :ivar changed: records kept but changed: the person's own, goals,
        progress updates, enrolments.
    """

    removed: int
    changed: int


def report_from(r: Any) -> EraseReport:
    """Copies a pm_erase_report struct."""
    return EraseReport(int(r.removed), int(r.changed))
