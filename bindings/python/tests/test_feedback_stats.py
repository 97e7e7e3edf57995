"""Feedback-culture numbers for a person and a unit, through Session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unittest

import perfmgmt
from feedback_support import MON, D, FeedbackTestCase
from perfmgmt import Direction, FeedbackKind

FROM = D(2025, 3, 1)
TO = D(2025, 3, 31)
DAY = dt.timedelta(days=1)


class StatsTestCase(FeedbackTestCase):
    """In the period Ada gives two named entries (peer praise to Eve, upward
    constructive to Bo) and one anonymous (to Fay); Bo gives Ada a
    suggestion; Ada asks Eve and Fay for feedback and Eve answers a day
    later."""

    def setUp(self) -> None:
        super().setUp()
        ada, bo, eve = self.session(self.ada), self.session(self.bo), self.session(self.eve)
        ada.give_feedback(self.eve, FeedbackKind.PRAISE, "Great demo")
        ada.give_feedback(self.bo, FeedbackKind.CONSTRUCTIVE, "Agendas, please")
        ada.give_feedback(self.fay, FeedbackKind.PRAISE, "Thanks", anonymous=True)
        bo.give_feedback(self.ada, FeedbackKind.SUGGESTION, "Try pairing")
        rid = ada.request_feedback([self.eve, self.fay], "My talk")
        self.today = MON + DAY
        eve.respond_to_request(rid, FeedbackKind.PRAISE, "Clear slides")
        self.today = D(2025, 3, 31)


class PersonTest(StatsTestCase):
    def test_counts_for_a_person(self) -> None:
        s = self.session(self.ada).feedback_stats_person(self.ada, FROM, TO)
        self.assertIsInstance(s, perfmgmt.FeedbackStats)
        self.assertEqual((s.suppressed, s.people), (False, 1))
        # The anonymous entry is not counted for its giver.
        self.assertEqual(s.given, 2)
        self.assertEqual(s.given_by_direction[Direction.PEER], 1)
        self.assertEqual(s.given_by_direction[Direction.UPWARD], 1)
        self.assertEqual(set(s.given_by_direction), set(Direction))
        self.assertEqual(s.given_by_kind, {FeedbackKind.PRAISE: 1, FeedbackKind.CONSTRUCTIVE: 1,
                                           FeedbackKind.SUGGESTION: 0})  # fmt: skip
        # Received: Bo's suggestion and Eve's answer.
        self.assertEqual((s.received, s.anonymous_received), (2, 0))
        self.assertEqual(s.received_by_direction[Direction.DOWNWARD], 1)
        self.assertEqual(s.received_by_kind[FeedbackKind.SUGGESTION], 1)
        self.assertEqual((s.without_feedback, s.share_without_feedback), (0, 0.0))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            s.given = 3  # type: ignore[misc]

    def test_request_numbers_are_the_addressees(self) -> None:
        eve = self.sys.feedback_stats_person(self.eve, FROM, TO)
        self.assertEqual((eve.requests_addressed, eve.requests_answered), (1, 1))
        self.assertEqual((eve.response_rate, eve.median_response_hours), (1.0, 24.0))
        fay = self.sys.feedback_stats_person(self.fay, FROM, TO)
        self.assertEqual((fay.requests_addressed, fay.requests_answered, fay.response_rate), (1, 0, 0.0))
        self.assertEqual((fay.received, fay.anonymous_received), (1, 1))

    def test_quiet_days_count_back_from_the_end(self) -> None:
        later = self.sys.feedback_stats_person(self.ada, FROM, D(2025, 6, 30), quiet_days=30)
        self.assertEqual((later.without_feedback, later.share_without_feedback), (1, 1.0))

    def test_refusals(self) -> None:
        cy = self.session(self.cy)
        self.assertError(perfmgmt.PermissionDenied, lambda: cy.feedback_stats_person(self.ada, FROM, TO))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.feedback_stats_person(self.ada, TO, FROM))
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.sys.feedback_stats_person(self.ada, FROM, TO, quiet_days=0), "quiet_days")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: self.sys.feedback_stats_person(4242, FROM, TO))
        for call in (
            lambda: self.sys.feedback_stats_person(self.ada, None, TO),  # type: ignore[arg-type]
            lambda: self.sys.feedback_stats_person(self.ada, FROM, None),  # type: ignore[arg-type]
            lambda: self.sys.feedback_stats_person(self.ada, "2025-03-01", TO),  # type: ignore[arg-type]
            lambda: self.sys.feedback_stats_person(self.ada, FROM, TO, quiet_days=None),  # type: ignore[arg-type]
            lambda: self.sys.feedback_stats_unit("Lab", FROM, TO),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()


class UnitTest(StatsTestCase):
    def test_a_unit_below_the_minimum_group_is_suppressed(self) -> None:
        # Lab has five people on the last day: Max, Bo, Ada, Eve and Fay.
        shown = self.sys.feedback_stats_unit(self.lab, FROM, TO, min_group=5)
        self.assertFalse(shown.suppressed)
        self.assertEqual(shown.people, 5)
        self.assertEqual(shown.given, 4)  # Ada's two named, Bo's and Eve's
        self.assertEqual(shown.received, 5)
        self.assertEqual(shown.anonymous_received, 1)
        hidden = self.sys.feedback_stats_unit(self.lab, FROM, TO, min_group=6)
        self.assertTrue(hidden.suppressed)
        self.assertEqual((hidden.given, hidden.received), (0, 0))
        self.assertEqual(set(hidden.received_by_kind.values()), {0})

    def test_the_whole_organisation(self) -> None:
        s = self.session(self.hal).feedback_stats_unit(None, FROM, TO, min_group=3)
        self.assertEqual(s.people, 7)
        self.assertEqual(s.received, 5)

    def test_refusals(self) -> None:
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.ada).feedback_stats_unit(self.lab, FROM, TO))
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.sys.feedback_stats_unit(self.lab, FROM, TO, min_group=2), "min_group")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: self.sys.feedback_stats_unit(4242, FROM, TO))

    def test_closed_session_raises_misuse(self) -> None:
        s = self.db.system_session()
        s.close()
        self.assertMisuse(lambda: s.feedback_stats_unit(self.lab, FROM, TO))
        self.assertMisuse(lambda: s.feedback_stats_person(self.ada, FROM, TO))


if __name__ == "__main__":
    unittest.main()
