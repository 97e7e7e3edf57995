"""What the feedback, request, stats and 360 tests share: a small
organisation on a fixed clock, opened with a secret so anonymous feedback
works on both backends."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

import perfmgmt
from support import StoreTestCase

D = dt.date
UTC = dt.timezone.utc
JAN = D(2025, 1, 1)
MON = D(2025, 3, 3)  # a Monday; the store's clock, unless a test moves it
SECRET = b"0123456789abcdef-test-secret"


class FeedbackTestCase(StoreTestCase):
    """Max manages Bo; Bo manages Ada, Eve and Fay, all in Lab; Cy is in
    Ops with no manager; Hal is an HR admin. The clock says self.today at
    09:00 UTC (MON to begin with)."""

    secret: bytes | None = SECRET

    def open_store(self, **kwargs: Any) -> perfmgmt.Db:
        kwargs.setdefault("secret", self.secret)
        return perfmgmt.open(self.store_uri(), **kwargs)

    def setUp(self) -> None:
        super().setUp()
        self.today = MON
        self.db.set_clock(self.now)
        self.lab = self.sys.create_unit("Lab")
        self.ops = self.sys.create_unit("Ops")
        self.max = self.add_person("MAX", "Max", unit=self.lab, start=JAN)
        self.bo = self.add_person("BO", "Bo", unit=self.lab, manager=self.max, start=JAN)
        self.ada = self.add_person("ADA", "Ada", unit=self.lab, manager=self.bo, start=JAN)
        self.eve = self.add_person("EVE", "Eve", unit=self.lab, manager=self.bo, start=JAN)
        self.fay = self.add_person("FAY", "Fay", unit=self.lab, manager=self.bo, start=JAN)
        self.cy = self.add_person("CY", "Cy", unit=self.ops, start=JAN)
        self.hal = self.add_person("HAL", "Hal", hr_admin=True, start=JAN)

    def now(self) -> dt.datetime:
        return dt.datetime.combine(self.today, dt.time(9), tzinfo=UTC)

    def session(self, person: int) -> perfmgmt.Session:
        s = self.db.session(person)
        self.addCleanup(s.close)
        return s

    def assertError(  # noqa: N802 - unittest style
        self, cls: type[perfmgmt.Error], call: Callable[[], object], *needles: str
    ) -> perfmgmt.Error:
        """``call`` raises exactly ``cls``, with its status and a message
        holding every needle."""
        with self.assertRaises(cls) as cm:
            call()
        self.assertIs(type(cm.exception), cls)
        self.assertIs(cm.exception.code, cls.status)
        for needle in needles:
            self.assertIn(needle, cm.exception.message)
        return cm.exception

    def assertMisuse(self, call: Callable[[], object]) -> None:  # noqa: N802
        with self.assertRaises(perfmgmt.Misuse) as cm:
            call()
        self.assertIn("used after it was closed", cm.exception.message)
