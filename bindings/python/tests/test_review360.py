"""360-degree rounds: set-up, answering, results and comments, through
Session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unittest

import perfmgmt
from feedback_support import MON, D, FeedbackTestCase
from perfmgmt import RaterGroup, Review360State

CLOSES = D(2025, 3, 14)
DAY = dt.timedelta(days=1)


class Review360TestCase(FeedbackTestCase):
    """A round about Bo: Max is his manager, Ada, Eve and Fay his reports
    (three: the threshold), Cy and Hal his peers (two: below it)."""

    def setUp(self) -> None:
        super().setUp()
        self.boss = self.session(self.max)
        self.round = self.boss.create_review360(self.bo, "Bo, spring 2025", CLOSES)
        self.rating = self.boss.add_review360_question(self.round, "Gives clear direction", (1, 5))
        self.open_text = self.boss.add_review360_question(self.round, "What should Bo keep doing?")

    def add_raters(self) -> None:
        for person, group in (
            (self.bo, RaterGroup.SELF),
            (self.max, RaterGroup.MANAGER),
            (self.ada, RaterGroup.REPORT),
            (self.eve, RaterGroup.REPORT),
            (self.fay, RaterGroup.REPORT),
            (self.cy, RaterGroup.PEER),
            (self.hal, RaterGroup.PEER),
        ):
            self.boss.add_review360_rater(self.round, person, group)


class SetupTest(Review360TestCase):
    def test_create_and_get_reads_every_field(self) -> None:
        r = self.boss.get_review360(self.round)
        self.assertIsInstance(r, perfmgmt.Review360)
        self.assertEqual((r.id, r.subject, r.title), (self.round, self.bo, "Bo, spring 2025"))
        self.assertIs(r.state, Review360State.DRAFT)
        self.assertEqual((r.opens, r.closes, r.threshold), (MON, CLOSES, 3))
        self.assertEqual((r.raters, r.submitted), (0, 0))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            r.title = "x"  # type: ignore[misc]
        other = self.sys.create_review360(self.ada, "Ada", D(2025, 4, 30), opens=D(2025, 4, 1), threshold=5)
        r = self.sys.get_review360(other)
        self.assertEqual((r.opens, r.threshold), (D(2025, 4, 1), 5))

    def test_questions_in_the_order_added(self) -> None:
        qs = list(self.boss.review360_questions(self.round))
        self.assertEqual(
            qs,
            [
                perfmgmt.Review360Question(self.rating, "Gives clear direction", 1, 5),
                perfmgmt.Review360Question(self.open_text, "What should Bo keep doing?", 0, 0),
            ],
        )
        self.assertEqual([q.is_rating for q in qs], [True, False])

    def test_raters_in_their_groups(self) -> None:
        self.add_raters()
        self.assertEqual(self.boss.get_review360(self.round).raters, 7)
        role = self.session(self.ada).review360_role(self.round)
        self.assertEqual(role, perfmgmt.Review360Role(RaterGroup.REPORT, False, False))
        self.assertEqual(self.boss.review360_role(self.round), perfmgmt.Review360Role(RaterGroup.MANAGER, True, False))
        self.assertError(perfmgmt.NotFound, lambda: self.session(self.bo).review360_role(4242))

    def test_set_up_refusals_carry_the_library_message(self) -> None:
        b = self.boss
        self.assertError(perfmgmt.InvalidArgument, lambda: b.create_review360(self.bo, " ", CLOSES), "review360.title")
        self.assertError(perfmgmt.InvalidArgument, lambda: b.create_review360(self.bo, "x", MON - DAY))
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: b.create_review360(self.bo, "x", CLOSES, threshold=2), "threshold")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.ada).create_review360(self.bo, "x", CLOSES))
        self.assertError(perfmgmt.InvalidArgument, lambda: b.add_review360_question(self.round, "x", (5, 1)))
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: b.add_review360_rater(self.round, self.ada, RaterGroup.SELF))  # fmt: skip
        b.add_review360_rater(self.round, self.ada, RaterGroup.REPORT)
        self.assertError(perfmgmt.Conflict, lambda: b.add_review360_rater(self.round, self.ada, RaterGroup.REPORT))
        self.assertError(perfmgmt.InvalidArgument, lambda: b.add_review360_rater(self.round, self.eve, 9),
                         "review360_rater.group")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: b.get_review360(4242))

    def test_opening_freezes_questions_and_raters(self) -> None:
        empty = self.boss.create_review360(self.bo, "empty", CLOSES)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.boss.open_review360(empty))
        self.add_raters()
        self.boss.open_review360(self.round)
        self.assertIs(self.boss.get_review360(self.round).state, Review360State.OPEN)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.boss.add_review360_question(self.round, "late"))
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.boss.add_review360_rater(self.round, self.lab_person(), RaterGroup.PEER))  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: self.boss.open_review360(self.round))

    def lab_person(self) -> int:
        return self.add_person("NEW", "New", unit=self.lab, start=D(2025, 1, 1))

    def test_wrong_python_types_raise_type_error(self) -> None:
        b = self.boss
        for call in (
            lambda: b.create_review360(None, "x", CLOSES),  # type: ignore[arg-type]
            lambda: b.create_review360(self.bo, "x", None),  # type: ignore[arg-type]
            lambda: b.create_review360(self.bo, "x", CLOSES, threshold="3"),  # type: ignore[arg-type]
            lambda: b.add_review360_question(self.round, "x", [1, 5]),  # type: ignore[arg-type]
            lambda: b.add_review360_question(self.round, "x", (1, 5, 7)),  # type: ignore[arg-type]
            lambda: b.add_review360_question(self.round, "x", (1.0, 5)),  # type: ignore[arg-type]
            lambda: b.add_review360_question(self.round, None),  # type: ignore[arg-type]
            lambda: b.add_review360_rater(self.round, self.ada, perfmgmt.Direction.PEER),  # type: ignore[arg-type]
            lambda: b.submit_review360(self.round, [(self.rating, 4)]),  # type: ignore[arg-type]
            lambda: b.submit_review360(self.round, {self.rating: True}),
            lambda: b.submit_review360(self.round, {self.rating: 4.5}),  # type: ignore[dict-item]
            lambda: b.submit_review360(self.round, {"1": 4}),  # type: ignore[dict-item]
            lambda: b.review360s(self.bo, as_rater=1),  # type: ignore[arg-type]
            lambda: b.get_review360(None),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_raises_misuse(self) -> None:
        s = self.db.system_session()
        s.close()
        for call in (
            lambda: s.create_review360(self.bo, "x", CLOSES),
            lambda: s.add_review360_question(self.round, "x"),
            lambda: s.add_review360_rater(self.round, self.ada, RaterGroup.REPORT),
            lambda: s.open_review360(self.round),
            lambda: s.close_review360(self.round),
            lambda: s.submit_review360(self.round, {self.rating: 3}),
            lambda: s.review360_role(self.round),
            lambda: s.get_review360(self.round),
            lambda: s.review360s(self.bo),
            lambda: s.review360_questions(self.round),
            lambda: s.review360_results(self.round),
            lambda: s.review360_comments(self.round),
        ):
            self.assertMisuse(call)


class AnswerTest(Review360TestCase):
    def setUp(self) -> None:
        super().setUp()
        self.add_raters()
        self.boss.open_review360(self.round)
        self.today = MON + DAY

    def submit(self, person: int, rating: int, text: str | None = None) -> None:
        answers: dict[int, int | str] = {self.rating: rating}
        if text is not None:
            answers[self.open_text] = text
        self.session(person).submit_review360(self.round, answers)

    def test_results_per_group_only_above_the_threshold(self) -> None:
        self.submit(self.bo, 4, "My planning")
        self.submit(self.max, 3, "Calm in a crisis")
        self.submit(self.ada, 5, "Clear priorities")
        self.submit(self.eve, 4, "Asks good questions")
        self.submit(self.fay, 3)
        self.submit(self.cy, 2, "Shares credit")
        self.assertTrue(self.session(self.ada).review360_role(self.round).submitted)
        self.assertEqual(self.boss.get_review360(self.round).submitted, 6)
        # No results while the round is open.
        self.assertError(perfmgmt.InvalidArgument, lambda: list(self.boss.review360_results(self.round)))
        self.assertError(perfmgmt.InvalidArgument, lambda: list(self.boss.review360_comments(self.round)))
        self.boss.close_review360(self.round)
        results = list(self.session(self.bo).review360_results(self.round))
        by_group = {r.group: r for r in results}
        self.assertEqual(set(by_group), set(RaterGroup))
        self.assertTrue(all(r.question == self.rating for r in results))
        self.assertEqual(by_group[RaterGroup.SELF], perfmgmt.Review360Result(self.rating, RaterGroup.SELF, True, 1, 4.0, None))
        reports = by_group[RaterGroup.REPORT]
        self.assertEqual((reports.shown, reports.count, reports.mean), (True, 3, 4.0))
        self.assertAlmostEqual(reports.sd, 1.0)
        # One peer of two answered: below the threshold, nothing but the fact.
        self.assertEqual(by_group[RaterGroup.PEER], perfmgmt.Review360Result(self.rating, RaterGroup.PEER, False, 0, None, None))
        comments = list(self.boss.review360_comments(self.round))
        self.assertEqual(
            [(c.group, c.text) for c in comments],
            [
                (RaterGroup.SELF, "My planning"),
                (RaterGroup.MANAGER, "Calm in a crisis"),
                (RaterGroup.REPORT, "Asks good questions"),
                (RaterGroup.REPORT, "Clear priorities"),
            ],
        )
        self.assertTrue(all(c.question == self.open_text for c in comments))
        self.assertError(perfmgmt.PermissionDenied, lambda: list(self.session(self.cy).review360_results(self.round)))

    def test_submit_refusals_carry_the_library_message(self) -> None:
        ada = self.session(self.ada)
        self.assertError(perfmgmt.InvalidArgument, lambda: ada.submit_review360(self.round, {}), "answers")
        self.assertError(perfmgmt.InvalidArgument, lambda: ada.submit_review360(self.round, {self.rating: 6}))
        self.assertError(perfmgmt.InvalidArgument, lambda: ada.submit_review360(self.round, {self.rating: "good"}))
        self.assertError(perfmgmt.InvalidArgument, lambda: ada.submit_review360(self.round, {self.open_text: 3}))
        self.assertError(perfmgmt.InvalidArgument, lambda: ada.submit_review360(self.round, {4242: 3}))
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.session(self.add_person("X", "X")).submit_review360(self.round, {self.rating: 3}))  # fmt: skip
        self.assertFalse(ada.review360_role(self.round).submitted)
        ada.submit_review360(self.round, {self.rating: 3})
        self.assertError(perfmgmt.InvalidArgument, lambda: ada.submit_review360(self.round, {self.rating: 3}))
        self.today = CLOSES + DAY
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.session(self.eve).submit_review360(self.round, {self.rating: 3}))  # fmt: skip

    def test_lists_about_a_person_and_as_rater(self) -> None:
        later = self.boss.create_review360(self.bo, "Bo, autumn", D(2025, 10, 31), opens=D(2025, 10, 1))
        about = list(self.boss.review360s(self.bo))
        self.assertIsInstance(self.boss.review360s(self.bo), perfmgmt.Review360Iterator)
        self.assertEqual([r.id for r in about], [later, self.round])
        self.assertEqual([r.id for r in self.session(self.ada).review360s(self.ada, as_rater=True)], [self.round])
        self.assertEqual(list(self.sys.review360s(self.ada)), [])
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).review360s(self.bo))


if __name__ == "__main__":
    unittest.main()
