"""What the competency, assessment, gap, plan and programme tests share: the
small organisation of feedback_support on its fixed clock, and a framework:
one four-level scale, three competencies and an Engineer role."""

from __future__ import annotations

import datetime as dt

from feedback_support import JAN, MON, D, FeedbackTestCase

__all__ = ["D", "JAN", "MON", "DAY", "DevelopmentTestCase"]

DAY = dt.timedelta(days=1)


class DevelopmentTestCase(FeedbackTestCase):
    """Max manages Bo; Bo manages Ada, Eve and Fay (Lab); Cy is in Ops; Hal
    is an HR admin; the clock says MON. Framework (by the system): the
    scale ``levels`` 1 Novice .. 4 Master; ``python`` and ``sql``
    (Engineering) and ``coaching`` (Leadership) on it; the role
    ``engineer`` requires python 3 and coaching 2."""

    def setUp(self) -> None:
        super().setUp()
        s = self.sys
        self.levels = s.create_scale("Proficiency", ["Novice", "Practitioner", "Expert", "Master"])
        self.python = s.create_competency("Python", "Engineering", self.levels)
        self.sql = s.create_competency("SQL", "Engineering", self.levels)
        self.coaching = s.create_competency("Coaching", "Leadership", self.levels)
        self.engineer = s.create_role("Engineer")
        s.require(self.engineer, self.python, 3)
        s.require(self.engineer, self.coaching, 2)

    def plan_for(self, person: int, end: dt.date = D(2025, 12, 31)) -> int:
        """A plan of ``person`` from JAN to ``end``, made by the system."""
        return self.sys.create_plan(person, end, start=JAN)
