"""Real-time feedback: give, read, acknowledge, react, retract, the lists,
anonymity and the store's secret, through Session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unittest

import perfmgmt
from feedback_support import MON, SECRET, UTC, D, FeedbackTestCase
from perfmgmt import Direction, FeedbackKind, FeedbackVisibility, GoalKind, Reaction
from support import BACKEND

PRAISE = FeedbackKind.PRAISE
ORG = FeedbackVisibility.TO_ORGANISATION
MANAGERS = FeedbackVisibility.TO_MANAGERS


class GiveTest(FeedbackTestCase):
    def test_give_and_get_reads_every_field(self) -> None:
        me = self.session(self.ada)
        goal = me.create_goal(self.ada, "Ship it", D(2025, 6, 30), visibility=perfmgmt.Visibility.PUBLIC)
        fid = me.give_feedback(
            self.eve, FeedbackKind.CONSTRUCTIVE, "Split the review into parts.",
            situation="Monday's review", behaviour="One 2000-line change",
            impact="Nobody could follow it", visibility=MANAGERS, goal=goal,
        )  # fmt: skip
        f = me.get_feedback(fid)
        self.assertIsInstance(f, perfmgmt.Feedback)
        self.assertEqual((f.id, f.giver, f.receiver), (fid, self.ada, self.eve))
        self.assertTrue(f.is_mine)
        self.assertIs(f.kind, FeedbackKind.CONSTRUCTIVE)
        self.assertIs(f.direction, Direction.PEER)
        self.assertIs(f.visibility, MANAGERS)
        self.assertFalse(f.anonymous)
        self.assertEqual(f.text, "Split the review into parts.")
        self.assertEqual(
            (f.situation, f.behaviour, f.impact),
            ("Monday's review", "One 2000-line change", "Nobody could follow it"),
        )
        self.assertEqual((f.goal, f.competency, f.checkin, f.request), (goal, None, None, None))
        self.assertEqual(f.given_at, self.now())
        self.assertIsNone(f.acknowledged_at)
        self.assertIs(f.reaction, Reaction.NONE)
        with self.assertRaises(dataclasses.FrozenInstanceError):
            f.text = "x"  # type: ignore[misc]

    def test_defaults_leave_the_optional_parts_out(self) -> None:
        fid = self.session(self.ada).give_feedback(self.eve, PRAISE, "Great demo")
        f = self.sys.get_feedback(fid)
        self.assertEqual((f.situation, f.behaviour, f.impact), (None, None, None))
        self.assertIs(f.visibility, FeedbackVisibility.TO_RECEIVER)
        self.assertFalse(f.is_mine)  # the system did not give it

    def test_direction_is_derived_from_the_organisation(self) -> None:
        cases = [
            (self.bo, self.ada, Direction.DOWNWARD),
            (self.max, self.ada, Direction.DOWNWARD),
            (self.ada, self.bo, Direction.UPWARD),
            (self.ada, self.eve, Direction.PEER),
            (self.ada, self.ada, Direction.SELF),
            (self.ada, self.cy, Direction.OTHER),
        ]
        for giver, receiver, direction in cases:
            fid = self.session(giver).give_feedback(receiver, PRAISE, "Thanks")
            self.assertIs(self.sys.get_feedback(fid).direction, direction, (giver, receiver))

    def test_a_given_direction_must_match_the_derived_one(self) -> None:
        me = self.session(self.ada)
        fid = me.give_feedback(self.eve, PRAISE, "Thanks", direction=Direction.PEER)
        self.assertIs(me.get_feedback(fid).direction, Direction.PEER)
        # Feedback to oneself is SELF, whatever the caller claims.
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: me.give_feedback(self.ada, PRAISE, "Well done me", direction=Direction.PEER),
            "feedback.direction",
        )

    def test_refusals_carry_the_library_message(self) -> None:
        me = self.session(self.ada)
        self.assertError(perfmgmt.InvalidArgument, lambda: me.give_feedback(self.eve, PRAISE, "  "),
                         "feedback.text")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.give_feedback(self.eve, 9, "x"),
                         "feedback.kind")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.give_feedback(self.eve, PRAISE, "x", visibility=7),
                         "feedback.visibility")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: me.give_feedback(4242, PRAISE, "x"), "4242")
        self.assertError(perfmgmt.OutOfRange,
                         lambda: me.give_feedback(self.eve, PRAISE, "x" * 10001), "feedback.text")  # fmt: skip
        self.assertError(perfmgmt.InvalidUtf8, lambda: me.give_feedback(self.eve, PRAISE, "a\0b"))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.sys.give_feedback(self.eve, PRAISE, "x"))
        future = self.now() + dt.timedelta(days=1)
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.give_feedback(self.eve, PRAISE, "x", at=future), "feedback.at")  # fmt: skip
        # Nothing of that was written.
        self.assertEqual(list(self.sys.feedback_visible()), [])

    def test_an_earlier_time_is_kept(self) -> None:
        at = dt.datetime(2025, 2, 20, 14, 30, tzinfo=UTC)
        fid = self.session(self.ada).give_feedback(self.eve, PRAISE, "x", at=at)
        self.assertEqual(self.sys.get_feedback(fid).given_at, at)

    def test_links_to_a_checkin_and_a_competency(self) -> None:
        boss = self.session(self.bo)
        series = boss.create_checkin_series(self.bo, self.ada, start=MON)
        checkin = next(boss.checkins(series)).id
        scale = self.sys.create_scale("Proficiency", ["Novice", "Competent", "Expert"])
        competency = self.sys.create_competency("Preparation", "Delivery", scale)
        fid = boss.give_feedback(self.ada, PRAISE, "Good prep", checkin=checkin,
                                 competency=competency)
        f = boss.get_feedback(fid)
        self.assertEqual((f.checkin, f.competency), (checkin, competency))
        self.assertError(perfmgmt.NotFound, lambda: boss.give_feedback(self.ada, PRAISE, "x", checkin=4242))
        self.assertError(perfmgmt.NotFound,
                         lambda: boss.give_feedback(self.ada, PRAISE, "x", competency=4242))

    def test_wrong_python_types_raise_type_error(self) -> None:
        me = self.session(self.ada)
        for call in (
            lambda: me.give_feedback(None, PRAISE, "x"),  # type: ignore[arg-type]
            lambda: me.give_feedback("2", PRAISE, "x"),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, PRAISE, None),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, PRAISE, b"x"),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, MANAGERS, "x"),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, PRAISE, "x", visibility=perfmgmt.Visibility.PUBLIC),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, PRAISE, "x", anonymous=1),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, PRAISE, "x", situation=3),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, PRAISE, "x", at=dt.date(2025, 1, 1)),  # type: ignore[arg-type]
            lambda: me.give_feedback(self.eve, PRAISE, "x", goal="1"),  # type: ignore[arg-type]
            lambda: me.get_feedback(None),  # type: ignore[arg-type]
            lambda: me.react_to_feedback(1, 2.0),  # type: ignore[arg-type]
            lambda: me.feedback_received(self.eve, limit="3"),  # type: ignore[arg-type]
            lambda: me.feedback_visible(None),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()
        with self.assertRaises(ValueError):
            me.feedback_received(self.eve, limit=-1)
        with self.assertRaises(ValueError):  # a naive datetime: which zone?
            me.give_feedback(self.eve, PRAISE, "x", at=dt.datetime(2025, 1, 1))

    def test_closed_session_raises_misuse(self) -> None:
        me = self.db.session(self.ada)
        fid = me.give_feedback(self.eve, PRAISE, "x")
        it = me.feedback_given(self.ada)
        me.close()
        self.assertMisuse(lambda: me.give_feedback(self.eve, PRAISE, "x"))
        self.assertMisuse(lambda: me.get_feedback(fid))
        self.assertMisuse(lambda: me.acknowledge_feedback(fid))
        self.assertMisuse(lambda: me.react_to_feedback(fid, Reaction.THANKS))
        self.assertMisuse(lambda: me.retract_feedback(fid))
        self.assertMisuse(lambda: me.feedback_visible())
        self.assertMisuse(lambda: next(it))


class ReceiverTest(FeedbackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.giver = self.session(self.ada)
        self.receiver = self.session(self.eve)
        self.fid = self.giver.give_feedback(self.eve, PRAISE, "Great demo")

    def test_acknowledge_keeps_the_first_time(self) -> None:
        self.receiver.acknowledge_feedback(self.fid)
        first = self.now()
        self.assertEqual(self.receiver.get_feedback(self.fid).acknowledged_at, first)
        self.today = MON + dt.timedelta(days=1)
        self.receiver.acknowledge_feedback(self.fid)
        self.assertEqual(self.receiver.get_feedback(self.fid).acknowledged_at, first)

    def test_react_sets_clears_and_acknowledges(self) -> None:
        self.receiver.react_to_feedback(self.fid, Reaction.HELPFUL)
        f = self.giver.get_feedback(self.fid)
        self.assertIs(f.reaction, Reaction.HELPFUL)
        self.assertEqual(f.acknowledged_at, self.now())
        self.receiver.react_to_feedback(self.fid, Reaction.NONE)
        self.assertIs(self.giver.get_feedback(self.fid).reaction, Reaction.NONE)
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.receiver.react_to_feedback(self.fid, 9), "feedback.reaction")  # fmt: skip

    def test_only_the_receiver_acknowledges_and_reacts(self) -> None:
        self.assertError(perfmgmt.PermissionDenied, lambda: self.giver.acknowledge_feedback(self.fid))
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.giver.react_to_feedback(self.fid, Reaction.THANKS))  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: self.receiver.acknowledge_feedback(4242))
        self.assertIsNone(self.sys.get_feedback(self.fid).acknowledged_at)

    def test_only_the_giver_retracts(self) -> None:
        self.assertError(perfmgmt.PermissionDenied, lambda: self.receiver.retract_feedback(self.fid))
        self.giver.retract_feedback(self.fid)
        self.assertError(perfmgmt.NotFound, lambda: self.sys.get_feedback(self.fid))
        self.assertError(perfmgmt.NotFound, lambda: self.giver.retract_feedback(self.fid))


class VisibilityTest(FeedbackTestCase):
    def test_who_reads_what(self) -> None:
        me = self.session(self.ada)
        private = me.give_feedback(self.eve, PRAISE, "to Eve alone")
        managers = me.give_feedback(self.eve, PRAISE, "to Eve and her managers", visibility=MANAGERS)
        everyone = me.give_feedback(self.eve, PRAISE, "to everyone", visibility=ORG)
        boss, cy, hr = self.session(self.bo), self.session(self.cy), self.session(self.hal)
        self.assertError(perfmgmt.PermissionDenied, lambda: boss.get_feedback(private))
        self.assertEqual(boss.get_feedback(managers).id, managers)
        self.assertError(perfmgmt.PermissionDenied, lambda: cy.get_feedback(managers))
        self.assertEqual(cy.get_feedback(everyone).id, everyone)
        for fid in (private, managers, everyone):
            self.assertEqual(hr.get_feedback(fid).giver, self.ada)
        self.assertEqual([f.id for f in cy.feedback_received(self.eve)], [everyone])


class ListTest(FeedbackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.me = self.session(self.ada)
        self.ids = []
        for day, receiver in enumerate((self.eve, self.fay, self.eve)):
            self.today = MON + dt.timedelta(days=day)
            self.ids.append(self.me.give_feedback(receiver, PRAISE, f"day {day}", visibility=ORG))
        self.from_eve = self.session(self.eve).give_feedback(self.ada, PRAISE, "back to you")

    def test_received_newest_first_with_a_limit(self) -> None:
        eve = self.session(self.eve)
        got = eve.feedback_received(self.eve)
        self.assertIsInstance(got, perfmgmt.FeedbackIterator)
        self.assertEqual([f.id for f in got], [self.ids[2], self.ids[0]])
        self.assertTrue(got.closed)
        self.assertEqual([f.id for f in eve.feedback_received(self.eve, limit=1)], [self.ids[2]])

    def test_given(self) -> None:
        self.assertEqual([f.id for f in self.me.feedback_given(self.ada)], self.ids[::-1])
        self.assertEqual([f.id for f in self.me.feedback_given(self.ada, 2)], self.ids[:0:-1])
        self.assertError(perfmgmt.NotFound, lambda: list(self.me.feedback_given(4242)))

    def test_visible(self) -> None:
        everything = [f.id for f in self.sys.feedback_visible()]
        self.assertEqual(sorted(everything), sorted(self.ids + [self.from_eve]))
        self.assertEqual(len(list(self.sys.feedback_visible(2))), 2)
        # Cy sees what is shared with the organisation only.
        self.assertEqual(sorted(f.id for f in self.session(self.cy).feedback_visible()), sorted(self.ids))


class AnonymousTest(FeedbackTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.me = self.session(self.ada)
        self.fid = self.me.give_feedback(self.bo, FeedbackKind.CONSTRUCTIVE, "Meetings run long",
                                         anonymous=True, visibility=MANAGERS)  # fmt: skip

    def test_no_reader_learns_the_giver(self) -> None:
        readers = [self.me, self.session(self.bo), self.session(self.max), self.session(self.hal), self.sys]
        for s in readers:
            f = s.get_feedback(self.fid)
            self.assertIsNone(f.giver, repr(s))
            self.assertTrue(f.anonymous)
            self.assertEqual(f.text, "Meetings run long")
            self.assertEqual(f.is_mine, s is self.me, repr(s))
        for f in self.sys.feedback_visible():
            self.assertIsNone(f.giver)
        for f in self.session(self.bo).feedback_received(self.bo):
            self.assertIsNone(f.giver)

    def test_time_is_kept_to_the_day(self) -> None:
        f = self.sys.get_feedback(self.fid)
        self.assertEqual(f.given_at, dt.datetime.combine(MON, dt.time(0), tzinfo=UTC))

    def test_only_the_givers_own_sessions_list_it_as_given(self) -> None:
        self.assertEqual([f.id for f in self.me.feedback_given(self.ada)], [self.fid])
        self.assertEqual(list(self.session(self.hal).feedback_given(self.ada)), [])
        self.assertEqual(list(self.sys.feedback_given(self.ada)), [])

    def test_the_giver_retracts_it_and_no_one_else(self) -> None:
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.hal).retract_feedback(self.fid))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).retract_feedback(self.fid))
        another = self.db.session(self.ada)
        self.addCleanup(another.close)
        self.assertTrue(another.get_feedback(self.fid).is_mine)
        another.retract_feedback(self.fid)
        self.assertError(perfmgmt.NotFound, lambda: self.sys.get_feedback(self.fid))


class SourceFeedbackTest(FeedbackTestCase):
    def test_a_corrective_goal_names_the_feedback_that_led_to_it(self) -> None:
        boss = self.session(self.bo)
        fid = boss.give_feedback(self.ada, FeedbackKind.CONSTRUCTIVE, "Tests are missing")
        goal = boss.create_goal(self.ada, "Cover the parser", D(2025, 6, 30),
                                kind=GoalKind.CORRECTIVE, source_feedback=fid)  # fmt: skip
        g = boss.get_goal(goal)
        self.assertEqual(g.source_feedback, fid)
        self.assertIsNone(self.sys.get_goal(self.sys.create_goal(self.ada, "Other", D(2025, 6, 30))).source_feedback)

    def test_feedback_the_actor_may_not_read_is_refused(self) -> None:
        hidden = self.session(self.eve).give_feedback(self.fay, FeedbackKind.CONSTRUCTIVE, "x")
        boss = self.session(self.max)
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: boss.create_goal(self.ada, "G", D(2025, 6, 30), source_feedback=hidden),
                         "goal.source_feedback")  # fmt: skip
        self.assertError(perfmgmt.NotFound,
                         lambda: boss.create_goal(self.ada, "G", D(2025, 6, 30), source_feedback=4242),
                         "goal.source_feedback")  # fmt: skip
        with self.assertRaises(TypeError):
            boss.create_goal(self.ada, "G", D(2025, 6, 30), source_feedback="1")  # type: ignore[arg-type]


class SecretTest(FeedbackTestCase):
    """The secret of perfmgmt.open(): anonymous feedback needs one."""

    secret = None

    def test_without_a_secret_anonymous_feedback_depends_on_the_backend(self) -> None:
        me = self.session(self.ada)
        give = lambda: me.give_feedback(self.eve, PRAISE, "x", anonymous=True)  # noqa: E731
        if BACKEND == "sqlite":
            self.assertError(perfmgmt.Unsupported, give, "feedback.anonymous", "secret")
            self.assertEqual(list(self.sys.feedback_visible()), [])
        else:
            # An in-memory store makes a random secret that lives with it.
            self.assertTrue(me.get_feedback(give()).is_mine)
        # Named feedback needs no secret.
        self.assertFalse(me.get_feedback(me.give_feedback(self.eve, PRAISE, "x")).anonymous)

    def test_a_secret_must_be_bytes_of_at_least_16(self) -> None:
        for bad in ("0123456789abcdef", 16, [1] * 16):
            with self.assertRaises(TypeError):
                perfmgmt.open(self.store_uri(), secret=bad)  # type: ignore[arg-type]
        for short in (b"", b"fifteen bytes!!"):
            with self.assertRaises(perfmgmt.InvalidArgument) as cm:
                perfmgmt.open("memory:", secret=short)
            self.assertIn("secret", cm.exception.message)
        for good in (bytearray(SECRET), memoryview(SECRET), b"x" * 16):
            perfmgmt.open("memory:", secret=good).close()

    @unittest.skipUnless(BACKEND == "sqlite", "reopening needs a file")
    def test_the_same_secret_recognises_the_giver_after_reopening(self) -> None:
        self.db.close()
        uri = self.store_uri()
        with perfmgmt.open(uri, secret=SECRET) as db, db.session(self.ada) as me:
            # Shared with everyone, so that Ada still reads it unrecognised.
            fid = me.give_feedback(self.eve, PRAISE, "x", anonymous=True, visibility=ORG)
        with perfmgmt.open(uri, secret=SECRET) as db, db.session(self.ada) as me:
            self.assertTrue(me.get_feedback(fid).is_mine)
        with perfmgmt.open(uri, secret=b"another secret, 16+") as db, db.session(self.ada) as me:
            f = me.get_feedback(fid)
            self.assertFalse(f.is_mine)
            self.assertIsNone(f.giver)
            self.assertError(perfmgmt.PermissionDenied, lambda: me.retract_feedback(fid))
        with perfmgmt.open(uri) as db, db.session(self.ada) as me:
            self.assertFalse(me.get_feedback(fid).is_mine)


if __name__ == "__main__":
    unittest.main()
