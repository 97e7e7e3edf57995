"""The Python side of ``retention.h``: the classes of data with a retention
period, and what a purge did."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class RetentionClass(enum.IntEnum):
    """A class of personal data with a retention period of its own
    (``pm_retention_class``)."""

    #: Feedback entries, by when they were given.
    FEEDBACK = 1
    #: Feedback requests with their parts, by when they were made.
    FEEDBACK_REQUESTS = 2
    #: Check-in entries (talking points, notes, action items, goals
    #: discussed), by when they were added.
    CHECKIN_NOTES = 3
    #: Measurements (by their time) and survey item answers (by when they
    #: were given).
    WELLBEING = 4
    #: Audit entries (by their time) and undisclosed audit counts (by day).
    AUDIT = 5


@dataclass(frozen=True, slots=True)
class RetentionReport:
    """What :meth:`perfmgmt.Session.purge_retention` did.

    :ivar removed: records removed per class (every class, 0 for none).
    :ivar kept: records past their period that were read and kept (under a
        legal hold, or still in use), per class.
    :ivar batches: batches run: transactions that removed something.
    :ivar done: True when nothing past its period remains to remove; False
        when a later call has more to do.
    """

    removed: dict[RetentionClass, int]
    kept: dict[RetentionClass, int]
    batches: int
    done: bool


def report_from(r: Any) -> RetentionReport:
    """Copies a pm_retention_report struct."""
    return RetentionReport(
        {c: int(r.removed[c]) for c in RetentionClass},
        {c: int(r.kept[c]) for c in RetentionClass},
        int(r.batches),
        bool(r.done),
    )
