"""Competence gaps: per person against a role, the role-match score, and
the per-unit summary with a day to compare with, through Session."""

from __future__ import annotations

import unittest

import perfmgmt
from development_support import JAN, MON, D, DevelopmentTestCase
from perfmgmt import AssessmentSource, Gap, GapSummary, LevelRule, LevelRuleKind

MANAGER = AssessmentSource.MANAGER
BEFORE = D(2025, 1, 20)


class GapTestCase(DevelopmentTestCase):
    """Ada, Eve and Fay are engineers (python 3, coaching 2) since JAN. Bo
    assessed Ada's python at 2 (Jan 10) then 4 (Feb 10), her coaching at 1
    (Feb 10), and Eve's python at 3 (Feb 10). Fay is not assessed."""

    def setUp(self) -> None:
        super().setUp()
        for person in (self.ada, self.eve, self.fay):
            self.sys.assign_role(person, self.engineer, JAN)
        self.boss = self.session(self.bo)
        self.boss.add_assessment(self.ada, self.python, 2, MANAGER, on=D(2025, 1, 10))
        self.boss.add_assessment(self.ada, self.python, 4, MANAGER, on=D(2025, 2, 10))
        self.boss.add_assessment(self.ada, self.coaching, 1, MANAGER, on=D(2025, 2, 10))
        self.boss.add_assessment(self.eve, self.python, 3, MANAGER, on=D(2025, 2, 10))


class PersonGapTest(GapTestCase):
    def test_gaps_against_the_role_held_by_competency(self) -> None:
        self.assertEqual(
            list(self.session(self.ada).gaps(self.ada)),
            [Gap(self.python, 3, True, 4.0, -1.0), Gap(self.coaching, 2, True, 1.0, 1.0)],
        )

    def test_gaps_on_an_earlier_day_and_when_not_assessed(self) -> None:
        self.assertEqual(
            list(self.boss.gaps(self.ada, on=BEFORE)),
            [Gap(self.python, 3, True, 2.0, 1.0), Gap(self.coaching, 2, False, None, 2.0)],
        )

    def test_gaps_against_a_target_role(self) -> None:
        lead = self.sys.create_role("Lead")
        self.sys.require(lead, self.sql, 2)
        self.assertEqual(list(self.boss.gaps(self.ada, lead)), [Gap(self.sql, 2, False, None, 2.0)])

    def test_the_rule_decides_the_current_level(self) -> None:
        self.session(self.ada).add_assessment(self.ada, self.coaching, 3, AssessmentSource.SELF)
        # Manager first: Bo's 1. Weighted (1 x 3 + 2 x 1) / 3.
        self.assertEqual(list(self.boss.gaps(self.ada))[1].current, 1.0)
        coaching = list(self.boss.gaps(self.ada, rule=LevelRule(LevelRuleKind.WEIGHTED)))[1]
        self.assertAlmostEqual(coaching.current, 5 / 3)  # type: ignore[arg-type]
        self.assertAlmostEqual(coaching.gap, 2 - 5 / 3)

    def test_role_match_scores(self) -> None:
        # Ada: (min(6, 4) / 3 + min(4, 1) / 2) / 2; Eve: (3 / 3 + 0) / 2.
        self.assertAlmostEqual(self.boss.role_match(self.ada), (4 / 3 + 1 / 2) / 2)
        self.assertAlmostEqual(self.session(self.eve).role_match(self.eve), 0.5)
        self.assertEqual(self.boss.role_match(self.fay), 0.0)
        self.assertAlmostEqual(self.boss.role_match(self.ada, on=BEFORE), (2 / 3 + 0) / 2)
        self.assertEqual(self.sys.role_match(self.ada, self.sys.create_role("Empty")), 0.0)
        weighted = LevelRule(LevelRuleKind.WEIGHTED, 1, 1, 1)
        self.assertAlmostEqual(self.boss.role_match(self.ada, self.engineer, MON, weighted), (4 / 3 + 1 / 2) / 2)

    def test_refusals_carry_the_library_message(self) -> None:
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.gaps(self.cy), "role")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.role_match(self.cy), "role")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).gaps(self.ada))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).role_match(self.ada))
        self.assertError(perfmgmt.NotFound, lambda: self.boss.gaps(self.ada, 4242), "role 4242")
        self.assertError(perfmgmt.NotFound, lambda: self.boss.role_match(self.ada, 4242), "role 4242")
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.boss.gaps(self.ada, rule=LevelRule(LevelRuleKind.WEIGHTED, 0, 0, 0)),
                         "rule")  # fmt: skip


class GapSummaryTest(GapTestCase):
    def test_summary_per_competency_of_a_unit_and_the_organisation(self) -> None:
        expected = [
            GapSummary(self.python, 3, 2, 0, 0.0, None, None, None, None),
            GapSummary(self.coaching, 3, 1, 1, 1.0, None, None, None, None),
        ]
        self.assertEqual(list(self.sys.gap_summary()), expected)
        self.assertEqual(list(self.session(self.max).gap_summary(self.lab)), expected)
        self.assertEqual(list(self.sys.gap_summary(self.ops)), [])

    def test_summary_compared_with_an_earlier_day(self) -> None:
        self.assertEqual(
            list(self.session(self.hal).gap_summary(self.lab, compare=BEFORE)),
            [
                GapSummary(self.python, 3, 2, 0, 0.0, 3, 1, 1, 1.0),
                GapSummary(self.coaching, 3, 1, 1, 1.0, 3, 0, 0, 0.0),
            ],
        )
        on_before = list(self.sys.gap_summary(on=BEFORE, rule=LevelRule(LevelRuleKind.WEIGHTED)))
        self.assertEqual([(g.assessed, g.below) for g in on_before], [(1, 1), (0, 0)])

    def test_refusals_carry_the_library_message(self) -> None:
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.gap_summary(compare=MON), "compare")
        self.assertError(perfmgmt.NotFound, lambda: self.sys.gap_summary(4242), "unit 4242")
        # Bo is not above Max, who is in Lab.
        self.assertError(perfmgmt.PermissionDenied, lambda: self.boss.gap_summary(self.lab))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.ada).gap_summary())
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.sys.gap_summary(rule=LevelRule(LevelRuleKind.WEIGHTED, -1, 1, 1)),
                         "rule")  # fmt: skip


class GapTypesTest(GapTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s = self.sys
        for call in (
            lambda: s.gaps(None),  # type: ignore[arg-type]
            lambda: s.gaps(self.ada, "Engineer"),  # type: ignore[arg-type]
            lambda: s.gaps(self.ada, on="2025-01-01"),  # type: ignore[arg-type]
            lambda: s.gaps(self.ada, rule=2),  # type: ignore[arg-type]
            lambda: s.role_match(self.ada, rule=LevelRuleKind.WEIGHTED),  # type: ignore[arg-type]
            lambda: s.gap_summary("Lab"),  # type: ignore[arg-type]
            lambda: s.gap_summary(compare=1),  # type: ignore[arg-type]
            lambda: s.gap_summary(rule=LevelRule(review360_weight="2")),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_and_iterators_raise_misuse(self) -> None:
        me = self.db.session(self.ada)
        gaps, summary = me.gaps(self.ada), self.sys.gap_summary()
        me.close()
        self.assertMisuse(lambda: me.role_match(self.ada))
        self.assertMisuse(lambda: next(gaps))
        self.sys.close()
        self.assertMisuse(lambda: next(summary))


if __name__ == "__main__":
    unittest.main()
