"""The audit trail and legal holds through Session: entries for each write
with their actor, time and record, pages and filters, anonymous writes
counted and never recorded, holds placed, read and lifted, and the
refusals with the library's messages."""

from __future__ import annotations

import datetime as dt

import perfmgmt
from feedback_support import MON, UTC, FeedbackTestCase
from perfmgmt import AuditActor, AuditOp, FeedbackKind, LegalHold


class AuditTest(FeedbackTestCase):
    def test_each_write_is_an_entry_with_actor_time_and_record(self) -> None:
        ada = self.session(self.ada)
        fid = ada.give_feedback(self.eve, FeedbackKind.PRAISE, "Thanks")
        self.today = MON + dt.timedelta(days=1)
        self.session(self.eve).acknowledge_feedback(fid)
        ada.retract_feedback(fid)
        entries = list(self.sys.audit_entries(record_kind="feedback", record=fid))
        self.assertEqual([e.op for e in entries], [AuditOp.CREATE, AuditOp.UPDATE, AuditOp.REMOVE])
        self.assertEqual([e.actor for e in entries], [self.ada, self.eve, self.ada])
        self.assertEqual(entries[0].at, dt.datetime.combine(MON, dt.time(9), tzinfo=UTC))
        self.assertEqual(entries[1].at, self.now())
        for e in entries:
            self.assertIsInstance(e, perfmgmt.AuditEntry)
            self.assertEqual(e.actor_kind, AuditActor.PERSON)
            self.assertEqual(e.record_kind, "feedback")
            self.assertEqual(e.record, fid)
            self.assertEqual(e.records, 1)
        # People made by the system session: no actor.
        made = list(self.sys.audit_entries(record_kind="person", record=self.ada))
        self.assertEqual(len(made), 1)
        self.assertIsNone(made[0].actor)
        self.assertEqual(made[0].actor_kind, AuditActor.SYSTEM)

    def test_pages_of_two_over_five_entries(self) -> None:
        ada = self.session(self.ada)
        for i in range(5):
            ada.give_feedback(self.eve, FeedbackKind.PRAISE, f"Thanks {i}")
        hal = self.session(self.hal)
        page = hal.audit_page(actor=self.ada, limit=2)
        seen = []
        sizes = []
        while True:
            seen.extend(e.id for e in page.entries)
            sizes.append(len(page.entries))
            if not page.more:
                break
            self.assertEqual(page.last, page.entries[-1].id)
            page = hal.audit_page(actor=self.ada, limit=2, after=page.last)
        self.assertEqual(sizes, [2, 2, 1])
        self.assertEqual(seen, sorted(seen))
        self.assertEqual(seen, [e.id for e in hal.audit_entries(actor=self.ada)])
        # Filters: time, operation, kind of actor.
        self.assertEqual(len(list(hal.audit_entries(op=AuditOp.UPDATE))), 0)
        until = self.now() - dt.timedelta(seconds=1)
        self.assertEqual(list(hal.audit_entries(until=until)), [])
        self.assertEqual(len(list(hal.audit_entries(since=self.now(), actor=self.ada))), 5)
        system = list(hal.audit_entries(actor_kind=AuditActor.SYSTEM))
        self.assertTrue(system)
        self.assertTrue(all(e.actor is None for e in system))

    def test_anonymous_feedback_is_counted_never_recorded(self) -> None:
        before = list(self.sys.audit_entries())
        fid = self.session(self.ada).give_feedback(
            self.eve, FeedbackKind.PRAISE, "Calm in a crisis", anonymous=True
        )
        self.assertEqual(list(self.sys.audit_entries()), before)
        counts = self.sys.audit_undisclosed(MON, MON)
        self.assertEqual(len(counts), 1)
        c = counts[0]
        self.assertIsInstance(c, perfmgmt.UndisclosedCount)
        self.assertEqual((c.day, c.record_kind, c.op, c.records), (MON, "feedback", AuditOp.CREATE, 1))
        self.session(self.ada).retract_feedback(fid)
        self.assertEqual(list(self.sys.audit_entries()), before)
        self.assertEqual(
            [(c.op, c.records) for c in self.sys.audit_undisclosed(MON, MON + dt.timedelta(days=1))],
            [(AuditOp.CREATE, 1), (AuditOp.REMOVE, 1)],
        )

    def test_legal_holds_are_placed_read_and_lifted(self) -> None:
        hal = self.session(self.hal)
        self.assertIsNone(hal.legal_hold(self.ada))
        hal.place_legal_hold(self.ada, "Case A\u030a-12")
        self.assertEqual(hal.legal_hold(self.ada), LegalHold(self.ada, "Case \u00c5-12"))
        self.sys.place_legal_hold(self.eve)
        self.assertEqual(self.sys.legal_hold(self.eve), LegalHold(self.eve, None))
        self.assertError(perfmgmt.Conflict, lambda: hal.place_legal_hold(self.ada), "already under a legal hold")
        hal.lift_legal_hold(self.ada)
        self.assertIsNone(hal.legal_hold(self.ada))
        self.assertError(perfmgmt.NotFound, lambda: hal.lift_legal_hold(self.ada), "is not under a legal hold")
        ops = [e.op for e in hal.audit_entries(record_kind="legal_hold")]
        self.assertEqual(ops, [AuditOp.CREATE, AuditOp.CREATE, AuditOp.REMOVE])

    def test_refusals_carry_the_library_messages(self) -> None:
        ada = self.session(self.ada)
        self.assertError(perfmgmt.PermissionDenied, lambda: ada.audit_page(), "may not read the audit trail")
        self.assertError(perfmgmt.PermissionDenied, lambda: ada.audit_undisclosed(MON, MON), "audit trail")
        self.assertError(perfmgmt.PermissionDenied, lambda: ada.place_legal_hold(self.ada), "legal holds")
        self.assertError(perfmgmt.PermissionDenied, lambda: ada.legal_hold(self.eve), "legal holds")
        self.assertError(perfmgmt.PermissionDenied, lambda: ada.lift_legal_hold(self.eve), "legal holds")
        s = self.sys
        self.assertError(perfmgmt.InvalidArgument, lambda: s.audit_page(record_kind="goals"), "'goals' is not a record kind")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.audit_page(record=3), "needs audit_query.record_kind")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.audit_page(limit=1001), "audit_query.limit")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.audit_page(since=200, until=100), "audit_query.to")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.audit_page(op=9), "audit_query.op")  # type: ignore[arg-type]
        self.assertError(perfmgmt.InvalidArgument, lambda: s.audit_undisclosed(MON, MON - dt.timedelta(days=1)), "to:")
        self.assertError(perfmgmt.NotFound, lambda: s.place_legal_hold(999), "person: person 999 does not exist")
        self.assertError(perfmgmt.NotFound, lambda: s.legal_hold(999), "person 999")
        self.assertError(perfmgmt.InvalidUtf8, lambda: s.place_legal_hold(self.ada, "\ud800"), "legal_hold.reason")
        self.assertError(perfmgmt.OutOfRange, lambda: s.place_legal_hold(self.ada, "r" * 2001), "legal_hold.reason")
        # Wrong Python types never reach C.
        with self.assertRaises(TypeError):
            s.audit_page(op=perfmgmt.FeedbackKind.PRAISE)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            s.audit_page(record_kind=5)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            s.audit_undisclosed(None, MON)  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            s.place_legal_hold(self.ada, 12)  # type: ignore[arg-type]
        with self.assertRaises(perfmgmt.OutOfRange):
            s.audit_page(limit=-1)


if __name__ == "__main__":
    import unittest

    unittest.main()
