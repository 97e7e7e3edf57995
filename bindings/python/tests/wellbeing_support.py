"""What the wellbeing, survey and evaluation tests share: the small
organisation of feedback_support on its fixed clock, a custom pulse metric,
and instants given by day and hour."""

from __future__ import annotations

import datetime as dt

from feedback_support import JAN, MON, UTC, D, FeedbackTestCase

__all__ = ["D", "JAN", "MON", "UTC", "at", "WellbeingTestCase"]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """An instant on ``day`` at ``hour`` UTC."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=UTC)


class WellbeingTestCase(FeedbackTestCase):
    """The organisation of FeedbackTestCase (Max, Bo, Ada, Eve and Fay in
    Lab; Cy in Ops; Hal in HR without a unit; the clock says MON), and the
    custom metric ``energy`` (1-5 points, higher is better), defined by the
    system."""

    def setUp(self) -> None:
        super().setUp()
        self.energy = self.sys.create_metric("Energy", 1, 5, unit="points")
        self.lab_people = [self.max, self.bo, self.ada, self.eve, self.fay]
