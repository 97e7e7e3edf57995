"""Retention periods and purges through Session: the defaults (no period,
nothing purged), setting and clearing periods, purges on the store's clock
and on a given instant, batches resumed call after call, and the
refusals."""

from __future__ import annotations

import datetime as dt
import unittest

import perfmgmt
from feedback_support import MON, UTC, FeedbackTestCase
from perfmgmt import FeedbackKind, RetentionClass

OLD = MON
LATER = MON + dt.timedelta(days=120)


class RetentionTest(FeedbackTestCase):
    def give(self, n: int) -> list[int]:
        """n entries from Ada to Eve, on the clock's day."""
        ada = self.session(self.ada)
        return [ada.give_feedback(self.eve, FeedbackKind.PRAISE, f"Thanks {i}") for i in range(n)]

    def test_no_class_has_a_period_and_a_purge_removes_nothing(self) -> None:
        self.give(2)
        self.today = LATER
        for c in RetentionClass:
            self.assertIsNone(self.sys.get_retention(c))
        r = self.sys.purge_retention()
        self.assertTrue(r.done)
        self.assertEqual(r.batches, 0)
        self.assertEqual(r.removed, {c: 0 for c in RetentionClass})
        self.assertEqual(r.kept, {c: 0 for c in RetentionClass})
        self.assertEqual(len(list(self.sys.feedback_received(self.eve))), 2)

    def test_periods_are_set_read_and_cleared(self) -> None:
        self.sys.set_retention(RetentionClass.FEEDBACK, 30)
        self.assertEqual(self.sys.get_retention(RetentionClass.FEEDBACK), 30)
        hal = self.session(self.hal)
        hal.set_retention(RetentionClass.AUDIT, 3650)
        self.assertEqual(hal.get_retention(RetentionClass.AUDIT), 3650)
        hal.set_retention(RetentionClass.AUDIT, 0)
        self.assertIsNone(hal.get_retention(RetentionClass.AUDIT))
        hal.clear_retention(RetentionClass.FEEDBACK)
        hal.clear_retention(RetentionClass.FEEDBACK)
        self.assertIsNone(self.sys.get_retention(RetentionClass.FEEDBACK))
        # A plain int is C's to judge.
        self.sys.set_retention(4, 10)
        self.assertEqual(self.sys.get_retention(RetentionClass.WELLBEING), 10)

    def test_purge_removes_what_is_past_its_period(self) -> None:
        old = self.give(2)
        self.today = LATER - dt.timedelta(days=10)
        recent = self.give(1)
        self.today = LATER
        self.sys.set_retention(RetentionClass.FEEDBACK, 30)
        r = self.sys.purge_retention()
        self.assertTrue(r.done)
        self.assertEqual(r.removed[RetentionClass.FEEDBACK], 2)
        self.assertEqual(r.batches, 1)
        for f in old:
            self.assertError(perfmgmt.NotFound, lambda f=f: self.sys.get_feedback(f), "feedback")
        self.assertEqual(self.sys.get_feedback(recent[0]).id, recent[0])
        # A given instant: a year on, the recent one too.
        a_year_on = dt.datetime.combine(LATER + dt.timedelta(days=365), dt.time(), tzinfo=UTC)
        r = self.sys.purge_retention(now=a_year_on)
        self.assertEqual(r.removed[RetentionClass.FEEDBACK], 1)
        r = self.sys.purge_retention(now=int(a_year_on.timestamp()))
        self.assertEqual(r.removed[RetentionClass.FEEDBACK], 0)
        self.assertTrue(r.done)

    def test_batches_resume_call_after_call(self) -> None:
        self.give(5)
        self.today = LATER
        self.sys.set_retention(RetentionClass.FEEDBACK, 30)
        removed, calls = 0, 0
        while True:
            r = self.sys.purge_retention(batch_size=2, max_batches=1)
            calls += 1
            self.assertLessEqual(r.batches, 1)
            removed += r.removed[RetentionClass.FEEDBACK]
            if r.done or calls > 10:
                break
        self.assertEqual((removed, calls), (5, 3))

    def test_refusals(self) -> None:
        ada = self.session(self.ada)
        for call in (
            lambda: ada.set_retention(RetentionClass.FEEDBACK, 30),
            lambda: ada.clear_retention(RetentionClass.FEEDBACK),
            lambda: ada.get_retention(RetentionClass.FEEDBACK),
            lambda: ada.purge_retention(),
        ):
            self.assertError(perfmgmt.PermissionDenied, call, "may not set retention periods or purge")
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.set_retention(9, 30),
            "retention.class: 9 is not a retention class",
        )
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.set_retention(RetentionClass.AUDIT, 36501),
            "retention.days: must be 0 (no period) or 1 to 36500, not 36501",
        )
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.purge_retention(batch_size=0),
            "retention_purge_opts.batch_size: must be 1 to 10000, not 0",
        )
        self.assertError(perfmgmt.OutOfRange, lambda: self.sys.purge_retention(batch_size=-1), "negative")
        self.assertError(perfmgmt.OutOfRange, lambda: self.sys.purge_retention(max_batches=-1), "negative")
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.purge_retention(now=-5),
            "now: must be 0 (the db's clock) or a time after 1970, not -5",
        )
        with self.assertRaises(TypeError):
            self.sys.set_retention(FeedbackKind.PRAISE, 30)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            self.sys.set_retention(RetentionClass.AUDIT, "30")  # type: ignore[arg-type]
        with self.assertRaises(ValueError):
            self.sys.purge_retention(now=dt.datetime(2025, 1, 1))
        for c in RetentionClass:
            self.assertIsNone(self.sys.get_retention(c))


if __name__ == "__main__":
    unittest.main()
