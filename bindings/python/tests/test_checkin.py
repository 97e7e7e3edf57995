"""Check-ins: every function of checkin.h through Session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unittest

import perfmgmt
from perfmgmt import Cadence, CheckinState, EntryKind, GoalState, Health, SeriesState
from support import StoreTestCase

D = dt.date
UTC = dt.timezone.utc
JAN = D(2025, 1, 1)
MON = D(2025, 3, 3)  # a Monday; the store's clock, unless a test moves it


class CheckinTestCase(StoreTestCase):
    """Ada reports to Bo, both in Lab; Cy is in Ops with no manager; Hal is
    an HR admin. The clock says self.today (MON to begin with)."""

    def setUp(self) -> None:
        super().setUp()
        self.today = MON
        self.db.set_clock(lambda: dt.datetime.combine(self.today, dt.time(9), tzinfo=UTC))
        self.lab = self.sys.create_unit("Lab")
        self.ops = self.sys.create_unit("Ops")
        self.bo = self.add_person("BO", "Bo", unit=self.lab, start=JAN)
        self.ada = self.add_person("ADA", "Ada", unit=self.lab, manager=self.bo, start=JAN)
        self.cy = self.add_person("CY", "Cy", unit=self.ops, start=JAN)
        self.hal = self.add_person("HAL", "Hal", hr_admin=True, start=JAN)
        self.boss = self.session(self.bo)
        self.me = self.session(self.ada)

    def session(self, person: int) -> perfmgmt.Session:
        s = self.db.session(person)
        self.addCleanup(s.close)
        return s

    def series(self, **kwargs: object) -> int:
        return self.boss.create_checkin_series(self.bo, self.ada, **kwargs)  # type: ignore[arg-type]

    def first(self, series: int) -> int:
        return next(self.sys.checkins(series)).id

    def assertError(self, cls: type[perfmgmt.Error], call, *needles: str) -> perfmgmt.Error:  # type: ignore[no-untyped-def]
        with self.assertRaises(cls) as cm:
            call()
        self.assertIs(type(cm.exception), cls)
        self.assertIs(cm.exception.code, cls.status)
        for needle in needles:
            self.assertIn(needle, cm.exception.message)
        return cm.exception


class SeriesTest(CheckinTestCase):
    def test_create_and_get_series_reads_every_field(self) -> None:
        sid = self.series(interval=2, start=MON)
        s = self.me.get_checkin_series(sid)
        self.assertIsInstance(s, perfmgmt.CheckinSeries)
        self.assertEqual((s.id, s.manager, s.report), (sid, self.bo, self.ada))
        self.assertIs(s.cadence, Cadence.WEEKLY)
        self.assertEqual((s.interval, s.start), (2, MON))
        self.assertIs(s.state, SeriesState.ACTIVE)
        self.assertEqual(s.next_due, MON)
        self.assertIsNone(s.last_held)
        (c,) = list(self.sys.checkins(sid))
        self.assertEqual((c.series, c.date, c.state, c.mood), (sid, MON, CheckinState.SCHEDULED, None))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            s.interval = 3  # type: ignore[misc]

    def test_defaults_weekly_from_today(self) -> None:
        s = self.sys.get_checkin_series(self.series())
        self.assertEqual((s.cadence, s.interval, s.day, s.start), (Cadence.WEEKLY, 1, 0, MON))

    def test_monthly_on_a_day(self) -> None:
        sid = self.series(cadence=Cadence.MONTHLY, day=31, start=D(2025, 1, 31))
        s = self.sys.get_checkin_series(sid)
        self.assertEqual((s.cadence, s.day), (Cadence.MONTHLY, 31))
        self.today = D(2025, 1, 31)
        nxt = self.boss.hold_checkin(self.first(sid))
        assert nxt is not None
        # February is shorter: its last day.
        self.assertEqual(self.sys.get_checkin(nxt).date, D(2025, 2, 28))

    def test_series_of_a_person_and_overdue_ones(self) -> None:
        sid = self.series(start=MON)
        self.assertEqual([s.id for s in self.sys.checkin_series_of(self.ada)], [sid])
        self.assertError(perfmgmt.PermissionDenied, lambda: self.me.checkin_series_of(self.bo))  # not above Bo
        self.assertEqual(list(self.sys.checkin_series_of(self.ada, overdue=True)), [])
        self.today = MON + dt.timedelta(days=1)
        self.assertEqual([s.id for s in self.sys.checkin_series_of(self.ada, overdue=True)], [sid])
        it = self.sys.checkin_series_of(self.bo)
        self.assertIsInstance(it, perfmgmt.CheckinSeriesIterator)
        self.assertEqual([s.report for s in it], [self.ada])

    def test_pause_resume_end(self) -> None:
        sid = self.series(start=D(2025, 3, 10))
        self.me.pause_checkin_series(sid)
        s = self.sys.get_checkin_series(sid)
        self.assertIs(s.state, SeriesState.PAUSED)
        self.assertIsNone(s.next_due)
        self.assertEqual([c.state for c in self.sys.checkins(sid)], [CheckinState.CANCELLED])
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.pause_checkin_series(sid), "not active")
        self.boss.resume_checkin_series(sid, D(2025, 3, 17))
        s = self.sys.get_checkin_series(sid)
        self.assertEqual((s.state, s.next_due), (SeriesState.ACTIVE, D(2025, 3, 17)))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.resume_checkin_series(sid), "not paused")
        self.sys.end_checkin_series(sid, D(2025, 3, 12))
        self.today = D(2025, 3, 12)  # a snapshot's state is as of today
        self.assertIs(self.sys.get_checkin_series(sid).state, SeriesState.ENDED)
        self.assertEqual(
            [c.state for c in self.sys.checkins(sid)], [CheckinState.CANCELLED, CheckinState.CANCELLED]
        )
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.end_checkin_series(sid))
        # Once ended, the pair may start again.
        self.assertGreater(self.series(start=D(2025, 4, 1)), sid)

    def test_move_to_the_new_manager(self) -> None:
        sid = self.series()
        dee = self.add_person("DEE", "Dee", unit=self.lab, start=JAN)
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.move_checkin_series(sid, dee), "checkin_series.manager"
        )
        self.sys.set_manager(self.ada, dee, MON)
        self.session(dee).move_checkin_series(sid, dee)
        self.assertEqual(self.sys.get_checkin_series(sid).manager, dee)

    def test_series_refusals(self) -> None:
        # A check-in with someone outside the reporting line.
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.create_checkin_series(self.cy, self.ada),
            "checkin_series.report",
            "does not report to",
        )
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.create_checkin_series(self.bo, self.ada, start=D(2024, 12, 1))
        )
        self.assertError(perfmgmt.InvalidArgument, lambda: self.series(interval=13), "interval")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.series(cadence=Cadence.MONTHLY, day=32))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.series(cadence=7))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.create_checkin_series(self.bo, 4242), "4242")
        self.assertError(
            perfmgmt.PermissionDenied, lambda: self.session(self.cy).create_checkin_series(self.bo, self.ada)
        )
        self.series()
        self.assertError(perfmgmt.Conflict, self.series, "has not ended")
        self.assertError(perfmgmt.NotFound, lambda: self.sys.get_checkin_series(4242), "4242")
        self.assertError(perfmgmt.NotFound, lambda: self.sys.pause_checkin_series(4242))


class MeetingTest(CheckinTestCase):
    def test_hold_records_mood_and_returns_the_next_check_in(self) -> None:
        sid = self.series(interval=2)
        first = self.first(sid)
        nxt = self.me.hold_checkin(first, mood=4)
        c = self.sys.get_checkin(first)
        self.assertIsInstance(c, perfmgmt.Checkin)
        self.assertEqual((c.id, c.series, c.date, c.state, c.mood), (first, sid, MON, CheckinState.HELD, 4))
        assert nxt is not None
        n = self.sys.get_checkin(nxt)
        self.assertEqual((n.date, n.state, n.mood), (MON + dt.timedelta(weeks=2), CheckinState.SCHEDULED, None))
        it = self.sys.checkins(sid)
        self.assertIsInstance(it, perfmgmt.CheckinIterator)
        self.assertEqual([c.id for c in it], [first, nxt])
        self.assertEqual(self.sys.get_checkin_series(sid).last_held, MON)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.hold_checkin(first), "not scheduled")

    def test_hold_keeps_an_extra_check_in_already_scheduled(self) -> None:
        sid = self.series()
        extra = self.boss.schedule_checkin(sid, D(2025, 3, 5))
        self.assertEqual(self.sys.get_checkin(extra).state, CheckinState.SCHEDULED)
        self.assertEqual(self.boss.hold_checkin(self.first(sid)), extra)

    def test_cancel_and_miss(self) -> None:
        sid = self.series()
        first = self.first(sid)
        self.boss.set_checkin_state(first, CheckinState.MISSED)
        self.assertIs(self.sys.get_checkin(first).state, CheckinState.MISSED)
        extra = self.boss.schedule_checkin(sid)
        self.me.set_checkin_state(extra, CheckinState.CANCELLED)
        self.assertIs(self.sys.get_checkin(extra).state, CheckinState.CANCELLED)
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.me.set_checkin_state(extra, CheckinState.HELD)
        )

    def test_meeting_refusals(self) -> None:
        sid = self.series()
        first = self.first(sid)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.hold_checkin(first, mood=6), "checkin.mood")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.hold_checkin(first, mood=-1))
        # HR and the system read check-ins but never write into them.
        self.assertError(perfmgmt.PermissionDenied, lambda: self.sys.hold_checkin(first), "write into")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.hal).schedule_checkin(sid))
        outsider = self.session(self.cy)
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.get_checkin(first), "read this check-in")
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.get_checkin_series(sid))
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.checkins(sid))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.get_checkin(4242), "check-in 4242")
        self.me.pause_checkin_series(sid)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.schedule_checkin(sid), "not active")


class EntryTest(CheckinTestCase):
    def test_entries_of_every_kind(self) -> None:
        sid = self.series()
        first = self.first(sid)
        self.today = MON
        goal = self.sys.create_goal(self.ada, "Ship", D(2025, 3, 12), start=MON)
        self.sys.set_goal_state(goal, GoalState.ACTIVE)
        self.sys.add_progress(goal, 0.2)
        tp = self.me.add_checkin_entry(first, EntryKind.TALKING_POINT, "Training budget")
        note = self.boss.add_checkin_entry(first, EntryKind.NOTE, "Shared note")
        ai = self.boss.add_checkin_entry(first, EntryKind.ACTION_ITEM, "Book the course", owner=self.ada, due=D(2025, 3, 14))
        ge = self.me.add_checkin_entry(first, EntryKind.GOAL, goal=goal)
        it = self.boss.checkin_entries(first)
        self.assertIsInstance(it, perfmgmt.CheckinEntryIterator)
        entries = {e.id: e for e in it}
        self.assertEqual(set(entries), {tp, note, ai, ge})
        t = entries[tp]
        self.assertEqual(
            (t.kind, t.checkin, t.origin, t.author, t.text, t.private, t.done, t.done_at),
            (EntryKind.TALKING_POINT, first, first, self.ada, "Training budget", False, False, None),
        )
        self.assertEqual((t.owner, t.due, t.goal, t.goal_progress, t.goal_health), (None, None, None, None, None))
        self.assertEqual(t.created_at, dt.datetime(2025, 3, 3, 9, tzinfo=UTC))
        a = entries[ai]
        self.assertEqual((a.kind, a.owner, a.due, a.author), (EntryKind.ACTION_ITEM, self.ada, D(2025, 3, 14), self.bo))
        g = entries[ge]
        self.assertEqual((g.kind, g.goal, g.text), (EntryKind.GOAL, goal, None))
        self.assertAlmostEqual(g.goal_progress or 0.0, 0.2)
        self.assertIsInstance(g.goal_health, Health)

    def test_action_item_owner_defaults_to_the_author(self) -> None:
        first = self.first(self.series())
        ai = self.boss.add_checkin_entry(first, EntryKind.ACTION_ITEM, "Do it")
        self.assertEqual(next(e for e in self.boss.checkin_entries(first) if e.id == ai).owner, self.bo)

    def test_private_entries_are_their_authors_alone(self) -> None:
        first = self.first(self.series())
        mine = self.me.add_checkin_entry(first, EntryKind.NOTE, "Only for me", private=True)
        point = self.me.add_checkin_entry(first, EntryKind.TALKING_POINT, "Ask later", private=True)
        self.assertEqual({e.id for e in self.me.checkin_entries(first)}, {mine, point})
        self.assertTrue(all(e.private for e in self.me.checkin_entries(first)))
        # Not the other side, not HR, not the system.
        self.assertEqual(list(self.boss.checkin_entries(first)), [])
        self.assertEqual(list(self.session(self.hal).checkin_entries(first)), [])
        self.assertEqual(list(self.sys.checkin_entries(first)), [])
        self.assertError(perfmgmt.NotFound, lambda: self.boss.set_checkin_entry_done(point))
        self.me.set_checkin_entry_done(point)
        self.assertTrue(next(e for e in self.me.checkin_entries(first) if e.id == point).done)

    def test_talking_points_not_discussed_move_on_and_action_items_stay(self) -> None:
        sid = self.series()
        first = self.first(sid)
        discussed = self.me.add_checkin_entry(first, EntryKind.TALKING_POINT, "Discussed")
        open_point = self.me.add_checkin_entry(first, EntryKind.TALKING_POINT, "Not discussed")
        ai = self.boss.add_checkin_entry(first, EntryKind.ACTION_ITEM, "Follow up")
        self.boss.set_checkin_entry_done(discussed)
        self.today = MON + dt.timedelta(days=1)
        self.boss.set_checkin_entry_done(discussed, True)
        nxt = self.boss.hold_checkin(first)
        assert nxt is not None
        moved = {e.id: e for e in self.me.checkin_entries(nxt)}
        self.assertEqual(set(moved), {open_point, ai})
        self.assertEqual((moved[open_point].checkin, moved[open_point].origin), (nxt, first))
        # Done before the next meeting's date: it stays on its own check-in
        # only; undone, it comes back.
        self.me.set_checkin_entry_done(ai)
        self.assertEqual({e.id for e in self.me.checkin_entries(nxt)}, {open_point})
        done = next(e for e in self.me.checkin_entries(first) if e.id == ai)
        self.assertTrue(done.done)
        self.assertEqual(done.done_at, dt.datetime(2025, 3, 4, 9, tzinfo=UTC))
        self.me.set_checkin_entry_done(ai, False)
        undone = next(e for e in self.me.checkin_entries(nxt) if e.id == ai)
        self.assertFalse(undone.done)
        self.assertIsNone(undone.done_at)

    def test_entry_refusals_the_c_docs_list(self) -> None:
        sid = self.series()
        first = self.first(sid)
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.me.add_checkin_entry(first, EntryKind.NOTE), "checkin_entry.text"
        )
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.add_checkin_entry(first, EntryKind.NOTE, ""))
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.me.add_checkin_entry(first, EntryKind.ACTION_ITEM, "X", private=True),
            "never private",
        )
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.me.add_checkin_entry(first, EntryKind.ACTION_ITEM, "X", owner=self.cy),
            "not one of the pair",
        )
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.add_checkin_entry(first, 9, "X"))
        self.assertError(perfmgmt.OutOfRange, lambda: self.me.add_checkin_entry(first, EntryKind.NOTE, "x" * 10001))
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.me.add_checkin_entry(first, EntryKind.NOTE, "a\0b"))
        self.assertError(
            perfmgmt.PermissionDenied, lambda: self.session(self.cy).add_checkin_entry(first, EntryKind.NOTE, "X")
        )
        self.assertError(
            perfmgmt.PermissionDenied, lambda: self.sys.add_checkin_entry(first, EntryKind.NOTE, "X"), "system actor"
        )
        note = self.me.add_checkin_entry(first, EntryKind.NOTE, "A note")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.set_checkin_entry_done(note))
        self.me.set_checkin_state(first, CheckinState.CANCELLED)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.add_checkin_entry(first, EntryKind.NOTE, "Late"))
        self.assertError(perfmgmt.NotFound, lambda: self.me.set_checkin_entry_done(4242))
        self.assertEqual([e.id for e in self.me.checkin_entries(first)], [note])


class StatsTest(CheckinTestCase):
    def test_days_since_last_held(self) -> None:
        sid = self.series()
        self.assertIsNone(self.sys.checkin_days_since(self.ada))
        self.boss.hold_checkin(self.first(sid))
        self.assertEqual(self.sys.checkin_days_since(self.ada), 0)
        self.assertEqual(self.boss.checkin_days_since(self.ada, D(2025, 3, 13)), 10)
        self.assertEqual(self.me.checkin_days_since(self.ada, D(2025, 3, 4)), 1)
        self.assertError(perfmgmt.PermissionDenied, lambda: self.me.checkin_days_since(self.bo))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).checkin_days_since(self.ada))

    def test_completion_rates(self) -> None:
        sid = self.series(start=D(2025, 2, 3))
        self.today = D(2025, 2, 3)
        second = self.boss.hold_checkin(self.first(sid))
        assert second is not None
        self.boss.set_checkin_state(second, CheckinState.MISSED)
        self.today = MON
        rate = self.boss.checkin_rate_manager(self.bo, D(2025, 2, 1), D(2025, 2, 28))
        self.assertIsInstance(rate, perfmgmt.CheckinRate)
        self.assertEqual((rate.due, rate.held), (2, 1))
        self.assertAlmostEqual(rate.rate, 0.5)
        unit = self.sys.checkin_rate_unit(self.lab, D(2025, 2, 1), D(2025, 2, 28))
        self.assertEqual((unit.due, unit.held), (2, 1))
        self.assertEqual(self.sys.checkin_rate_unit(self.ops, D(2025, 2, 1), D(2025, 2, 28)), perfmgmt.CheckinRate(0, 0, 0.0))
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.checkin_rate_manager(self.bo, D(2025, 3, 2), D(2025, 3, 1)),
            "before",
        )
        self.assertError(
            perfmgmt.PermissionDenied, lambda: self.boss.checkin_rate_unit(self.lab, D(2025, 2, 1), D(2025, 2, 28))
        )
        self.assertError(
            perfmgmt.PermissionDenied,
            lambda: self.me.checkin_rate_manager(self.bo, D(2025, 2, 1), D(2025, 2, 28)),
        )
        self.assertError(perfmgmt.NotFound, lambda: self.sys.checkin_rate_unit(4242, D(2025, 2, 1), D(2025, 2, 28)))


class HandleAndTypeTest(CheckinTestCase):
    def test_closed_session_raises_misuse(self) -> None:
        sid = self.series()
        first = self.first(sid)
        s = self.db.session(self.bo)
        s.close()
        calls = [
            lambda: s.create_checkin_series(self.bo, self.ada),
            lambda: s.pause_checkin_series(sid),
            lambda: s.resume_checkin_series(sid),
            lambda: s.end_checkin_series(sid),
            lambda: s.move_checkin_series(sid, self.bo),
            lambda: s.get_checkin_series(sid),
            lambda: s.checkin_series_of(self.ada),
            lambda: s.schedule_checkin(sid),
            lambda: s.hold_checkin(first),
            lambda: s.set_checkin_state(first, CheckinState.MISSED),
            lambda: s.get_checkin(first),
            lambda: s.checkins(sid),
            lambda: s.add_checkin_entry(first, EntryKind.NOTE, "X"),
            lambda: s.set_checkin_entry_done(1),
            lambda: s.checkin_entries(first),
            lambda: s.checkin_days_since(self.ada),
            lambda: s.checkin_rate_manager(self.bo, JAN, MON),
            lambda: s.checkin_rate_unit(self.lab, JAN, MON),
        ]
        for i, call in enumerate(calls):
            with self.subTest(i=i), self.assertRaises(perfmgmt.Misuse) as cm:
                call()
            self.assertIn("session: used after it was closed", cm.exception.message)

    def test_iterators_close_with_their_session(self) -> None:
        sid = self.series()
        first = self.first(sid)
        self.boss.add_checkin_entry(first, EntryKind.NOTE, "A")
        self.boss.add_checkin_entry(first, EntryKind.NOTE, "B")
        self.boss.schedule_checkin(sid, D(2025, 3, 5))
        self.sys.create_checkin_series(self.bo, self.add_person("E", "Eve", manager=self.bo, start=JAN))
        its = [self.boss.checkin_series_of(self.bo), self.boss.checkins(sid), self.boss.checkin_entries(first)]
        for it in its:
            next(it)
        self.boss.close()
        for it in its:
            self.assertTrue(it.closed)
            with self.assertRaises(perfmgmt.Misuse):
                next(it)

    def test_records_outlive_the_store(self) -> None:
        sid = self.series()
        s = self.sys.get_checkin_series(sid)
        c = self.sys.get_checkin(self.first(sid))
        self.db.close()
        self.assertEqual((s.id, c.series), (sid, sid))

    def test_wrong_types_raise_type_error_before_c(self) -> None:
        s = self.boss
        sid = self.series()
        first = self.first(sid)
        calls = [
            lambda: s.create_checkin_series("1", self.ada),  # type: ignore[arg-type]
            lambda: s.create_checkin_series(self.bo, None),  # type: ignore[arg-type]
            lambda: s.create_checkin_series(self.bo, self.ada, cadence="weekly"),  # type: ignore[arg-type]
            lambda: s.create_checkin_series(self.bo, self.ada, cadence=CheckinState.HELD),  # type: ignore[arg-type]
            lambda: s.create_checkin_series(self.bo, self.ada, interval=1.0),  # type: ignore[arg-type]
            lambda: s.create_checkin_series(self.bo, self.ada, day="1"),  # type: ignore[arg-type]
            lambda: s.create_checkin_series(self.bo, self.ada, start="2025-03-03"),  # type: ignore[arg-type]
            lambda: s.pause_checkin_series(sid, dt.datetime(2025, 3, 3)),  # type: ignore[arg-type]
            lambda: s.resume_checkin_series(str(sid)),  # type: ignore[arg-type]
            lambda: s.end_checkin_series(sid, 1),  # type: ignore[arg-type]
            lambda: s.move_checkin_series(sid, None),  # type: ignore[arg-type]
            lambda: s.get_checkin_series(None),  # type: ignore[arg-type]
            lambda: s.checkin_series_of(self.ada, overdue=1),  # type: ignore[arg-type]
            lambda: s.schedule_checkin(sid, "tomorrow"),  # type: ignore[arg-type]
            lambda: s.hold_checkin(first, mood="good"),  # type: ignore[arg-type]
            lambda: s.hold_checkin(first, mood=4.0),  # type: ignore[arg-type]
            lambda: s.set_checkin_state(first, "missed"),  # type: ignore[arg-type]
            lambda: s.set_checkin_state(first, EntryKind.NOTE),  # type: ignore[arg-type]
            lambda: s.get_checkin(1.0),  # type: ignore[arg-type]
            lambda: s.checkins("1"),  # type: ignore[arg-type]
            lambda: s.add_checkin_entry(first, "note", "X"),  # type: ignore[arg-type]
            lambda: s.add_checkin_entry(first, EntryKind.NOTE, b"X"),  # type: ignore[arg-type]
            lambda: s.add_checkin_entry(first, EntryKind.NOTE, "X", private=1),  # type: ignore[arg-type]
            lambda: s.add_checkin_entry(first, EntryKind.ACTION_ITEM, "X", owner="Bo"),  # type: ignore[arg-type]
            lambda: s.add_checkin_entry(first, EntryKind.ACTION_ITEM, "X", due="2025-03-14"),  # type: ignore[arg-type]
            lambda: s.add_checkin_entry(first, EntryKind.GOAL, goal=1.0),  # type: ignore[arg-type]
            lambda: s.set_checkin_entry_done(1, done=None),  # type: ignore[arg-type]
            lambda: s.checkin_entries(None),  # type: ignore[arg-type]
            lambda: s.checkin_days_since(self.ada, "today"),  # type: ignore[arg-type]
            lambda: s.checkin_rate_manager(self.bo, "2025-01-01", MON),  # type: ignore[arg-type]
            lambda: s.checkin_rate_unit(self.lab, JAN, dt.datetime(2025, 3, 3)),  # type: ignore[arg-type]
        ]
        for i, call in enumerate(calls):
            with self.subTest(i=i), self.assertRaises(TypeError):
                call()
        # Nothing reached the store.
        self.assertEqual([c.id for c in s.checkins(sid)], [first])
        self.assertEqual(list(s.checkin_entries(first)), [])
        self.assertIs(s.get_checkin_series(sid).state, SeriesState.ACTIVE)


if __name__ == "__main__":
    unittest.main()
