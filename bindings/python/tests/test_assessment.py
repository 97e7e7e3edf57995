"""Assessments, blind assessment rounds and current levels, through
Session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unittest

import perfmgmt
from development_support import DAY, MON, D, DevelopmentTestCase
from feedback_support import UTC
from perfmgmt import Assessment, AssessmentRoundState, AssessmentSource, LevelRule, LevelRuleKind

SELF = AssessmentSource.SELF
MANAGER = AssessmentSource.MANAGER
R360 = AssessmentSource.REVIEW360
WEIGHTED = LevelRule(LevelRuleKind.WEIGHTED)


class AssessmentTest(DevelopmentTestCase):
    def test_add_and_list_reads_every_field_oldest_first(self) -> None:
        me, boss = self.session(self.ada), self.session(self.bo)
        own = me.add_assessment(self.ada, self.python, 2, SELF, note="Wrote the parser")
        bos = boss.add_assessment(self.ada, self.python, 3, MANAGER, on=D(2025, 2, 1))
        hr = self.sys.add_assessment(self.ada, self.sql, 4, R360)
        listed = list(me.assessments(self.ada))
        self.assertEqual(
            listed,
            [
                Assessment(bos, self.ada, self.python, 3, MANAGER, self.bo, D(2025, 2, 1), None, True, None),
                Assessment(own, self.ada, self.python, 2, SELF, self.ada, MON, None, True, "Wrote the parser"),
                Assessment(hr, self.ada, self.sql, 4, R360, 0, MON, None, True, None),
            ],
        )
        with self.assertRaises(dataclasses.FrozenInstanceError):
            listed[0].level = 1  # type: ignore[misc]
        self.assertEqual([a.id for a in boss.assessments(self.ada, self.sql)], [hr])
        self.assertEqual([a.id for a in self.session(self.max).assessments(self.ada, self.python)], [bos, own])

    def test_a_level_outside_the_scale_is_refused_naming_the_field(self) -> None:
        me = self.session(self.ada)
        e = self.assertError(perfmgmt.InvalidArgument,
                             lambda: me.add_assessment(self.ada, self.python, 9, SELF), "assessment.level")  # fmt: skip
        self.assertIn("outside the scale 1 to 4", e.message)
        self.assertEqual(list(self.sys.assessments(self.ada)), [])

    def test_refusals_carry_the_library_message(self) -> None:
        me, hr = self.session(self.ada), self.session(self.hal)
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.add_assessment(self.ada, self.python, 2, SELF, on=MON + DAY),
                         "assessment.on", "in the future")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: me.add_assessment(self.ada, self.python, 2, MANAGER))
        self.assertError(perfmgmt.PermissionDenied, lambda: me.add_assessment(self.eve, self.python, 2, SELF))
        self.assertError(perfmgmt.PermissionDenied, lambda: hr.add_assessment(self.ada, self.python, 2, SELF))
        self.assertError(perfmgmt.NotFound, lambda: me.add_assessment(self.ada, 4242, 2, SELF), "4242")
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_assessment(self.ada, self.python, 2, 7),
                         "assessment.source")  # fmt: skip
        self.assertError(perfmgmt.OutOfRange,
                         lambda: me.add_assessment(self.ada, self.python, 2, SELF, note="x" * 10001),
                         "assessment.note")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).assessments(self.ada))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.assessments(4242), "4242")
        self.assertEqual(list(self.sys.assessments(self.ada)), [])
        # HR records 360 results.
        self.assertGreater(hr.add_assessment(self.ada, self.python, 2, R360), 0)


class AssessmentRoundTest(DevelopmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.me, self.boss = self.session(self.ada), self.session(self.bo)
        self.round = self.boss.open_assessment_round(self.ada)
        self.own = self.me.add_assessment(self.ada, self.sql, 1, SELF, round=self.round)
        self.bos = self.boss.add_assessment(self.ada, self.sql, 3, MANAGER, round=self.round)

    def test_each_side_is_blind_to_the_other_until_both_submit(self) -> None:
        self.assertEqual([a.id for a in self.me.assessments(self.ada)], [self.own])
        self.assertEqual([a.id for a in self.boss.assessments(self.ada)], [self.bos])
        self.assertEqual([a.released for a in self.sys.assessments(self.ada)], [False, False])
        # Unreleased assessments never count.
        self.assertIsNone(self.sys.competency_level(self.ada, self.sql))
        self.assertEqual(self.me.assessment_round_state(self.round), AssessmentRoundState(False, False, None))

        self.assertFalse(self.me.submit_assessment_round(self.round))
        self.assertEqual(self.boss.assessment_round_state(self.round), AssessmentRoundState(True, False, None))
        self.assertEqual([a.id for a in self.boss.assessments(self.ada)], [self.bos])

        self.assertTrue(self.boss.submit_assessment_round(self.round))
        state = self.me.assessment_round_state(self.round)
        self.assertEqual(state, AssessmentRoundState(True, True, dt.datetime(2025, 3, 3, 9, tzinfo=UTC)))
        listed = list(self.me.assessments(self.ada))
        self.assertEqual([(a.id, a.round, a.released) for a in listed],
                         [(self.own, self.round, True), (self.bos, self.round, True)])  # fmt: skip
        self.assertEqual(self.me.competency_level(self.ada, self.sql), 3.0)

    def test_round_refusals_carry_the_library_message(self) -> None:
        self.assertError(perfmgmt.Conflict, lambda: self.boss.open_assessment_round(self.ada))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.me.open_assessment_round(self.ada))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.open_assessment_round(self.cy),
                         "has no manager")  # fmt: skip
        self.me.submit_assessment_round(self.round)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.submit_assessment_round(self.round),
                         "already submitted")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.me.add_assessment(self.ada, self.python, 2, SELF, round=self.round),
                         "assessment.round")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.sys.add_assessment(self.ada, self.python, 2, R360, round=self.round),
                         "assessment.round")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: self.me.assessment_round_state(4242))
        self.assertError(perfmgmt.NotFound, lambda: self.me.submit_assessment_round(4242))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).assessment_round_state(self.round))


class LevelTest(DevelopmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.session(self.ada).add_assessment(self.ada, self.python, 2, SELF, on=D(2025, 1, 10))
        self.session(self.bo).add_assessment(self.ada, self.python, 4, MANAGER, on=D(2025, 2, 1))
        self.sys.add_assessment(self.ada, self.python, 1, R360, on=D(2025, 2, 15))

    def test_manager_first_by_default(self) -> None:
        me = self.session(self.ada)
        self.assertEqual(me.competency_level(self.ada, self.python), 4.0)
        self.assertEqual(me.competency_level(self.ada, self.python, D(2025, 1, 20)), 2.0)
        self.assertIsNone(me.competency_level(self.ada, self.python, D(2025, 1, 9)))
        self.assertIsNone(me.competency_level(self.ada, self.sql))
        explicit = LevelRule(LevelRuleKind.MANAGER_FIRST)
        self.assertEqual(me.competency_level(self.ada, self.python, rule=explicit), 4.0)

    def test_weighted_rule_is_the_weighted_mean_of_the_latest_of_each_source(self) -> None:
        me = self.session(self.ada)
        # (2 x 1 + 4 x 2 + 1 x 1) / 4
        self.assertAlmostEqual(me.competency_level(self.ada, self.python, rule=WEIGHTED), 2.75)  # type: ignore[arg-type]
        only_self = LevelRule(LevelRuleKind.WEIGHTED, 1, 0, 0)
        self.assertEqual(me.competency_level(self.ada, self.python, rule=only_self), 2.0)
        self.assertEqual(LevelRule(), LevelRule(LevelRuleKind.MANAGER_FIRST, 1.0, 2.0, 1.0))

    def test_bad_rules_carry_the_library_message(self) -> None:
        me = self.session(self.ada)
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.competency_level(self.ada, self.python,
                                                     rule=LevelRule(LevelRuleKind.WEIGHTED, 0, 0, 0)),
                         "rule")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.competency_level(self.ada, self.python,
                                                     rule=LevelRule(LevelRuleKind.WEIGHTED, -1, 2, 1)),
                         "rule")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.competency_level(self.ada, self.python, rule=LevelRule(3)),  # type: ignore[arg-type]
                         "rule.kind")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).competency_level(self.ada, self.python))
        self.assertError(perfmgmt.NotFound, lambda: me.competency_level(self.ada, 4242), "4242")


class AssessmentTypesTest(DevelopmentTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s = self.sys
        for call in (
            lambda: s.add_assessment(None, self.python, 2, R360),  # type: ignore[arg-type]
            lambda: s.add_assessment(self.ada, self.python, "2", R360),  # type: ignore[arg-type]
            lambda: s.add_assessment(self.ada, self.python, 2, LevelRuleKind.WEIGHTED),  # type: ignore[arg-type]
            lambda: s.add_assessment(self.ada, self.python, 2, R360, on="2025-01-01"),  # type: ignore[arg-type]
            lambda: s.add_assessment(self.ada, self.python, 2, R360, note=3),  # type: ignore[arg-type]
            lambda: s.add_assessment(self.ada, self.python, 2, R360, round="1"),  # type: ignore[arg-type]
            lambda: s.assessments(self.ada, "Python"),  # type: ignore[arg-type]
            lambda: s.open_assessment_round(self.ada, on=dt.datetime(2025, 1, 1)),  # type: ignore[arg-type]
            lambda: s.submit_assessment_round(None),  # type: ignore[arg-type]
            lambda: s.assessment_round_state(1.0),  # type: ignore[arg-type]
            lambda: s.competency_level(self.ada, self.python, rule=LevelRuleKind.WEIGHTED),  # type: ignore[arg-type]
            lambda: s.competency_level(self.ada, self.python, rule=LevelRule(AssessmentSource.SELF)),  # type: ignore[arg-type]
            lambda: s.competency_level(self.ada, self.python, rule=LevelRule(self_weight="1")),  # type: ignore[arg-type]
            lambda: s.competency_level(self.ada, self.python, rule=LevelRule(manager_weight=None)),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_and_iterator_raise_misuse(self) -> None:
        me = self.db.session(self.ada)
        it = me.assessments(self.ada)
        me.close()
        self.assertMisuse(lambda: me.add_assessment(self.ada, self.python, 2, SELF))
        self.assertMisuse(lambda: me.competency_level(self.ada, self.python))
        self.assertMisuse(lambda: me.assessment_round_state(1))
        self.assertMisuse(lambda: next(it))


if __name__ == "__main__":
    unittest.main()
