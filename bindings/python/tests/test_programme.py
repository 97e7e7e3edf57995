"""Training and coaching programmes: sessions, invitations, enrolments and
their plan items, numbers and candidates, through Session."""

from __future__ import annotations

import dataclasses
import unittest

import perfmgmt
from development_support import MON, D, DevelopmentTestCase
from perfmgmt import (
    AssessmentSource,
    Candidate,
    Enrolment,
    EnrolmentResult,
    EnrolmentState,
    ItemKind,
    ItemState,
    LevelRule,
    LevelRuleKind,
    Programme,
    ProgrammeKind,
    ProgrammeSession,
    ProgrammeStats,
)

PASSED = EnrolmentResult.PASSED


class ProgrammeTestCase(DevelopmentTestCase):
    """A training programme on SQL and Python with two seats, and a
    coaching circle on coaching; Ada, Eve and Fay have plans covering
    today."""

    def setUp(self) -> None:
        super().setUp()
        self.bootcamp = self.sys.create_programme(
            "SQL bootcamp", [self.sql, self.python], description="Two weeks", capacity=2
        )
        self.circle = self.session(self.hal).create_programme("Coaching circle", [self.coaching],
                                                              kind=ProgrammeKind.COACHING)  # fmt: skip
        self.plans = {p: self.plan_for(p) for p in (self.ada, self.eve, self.fay)}


class ProgrammeTest(ProgrammeTestCase):
    def test_create_and_get_reads_every_field_with_sessions_by_day(self) -> None:
        self.sys.add_programme_session(self.bootcamp, D(2025, 4, 2), "Day 2")
        self.sys.add_programme_session(self.bootcamp, D(2025, 4, 1))
        programme = self.session(self.ada).get_programme(self.bootcamp)  # anyone reads programmes
        self.assertEqual(
            programme,
            Programme(self.bootcamp, "SQL bootcamp", ProgrammeKind.TRAINING, "Two weeks", 2, 0,
                      (self.python, self.sql),  # by id
                      (ProgrammeSession(D(2025, 4, 1), None), ProgrammeSession(D(2025, 4, 2), "Day 2"))),
        )  # fmt: skip
        with self.assertRaises(dataclasses.FrozenInstanceError):
            programme.capacity = 3  # type: ignore[misc]
        circle = self.sys.get_programme(self.circle)
        self.assertEqual((circle.kind, circle.description, circle.capacity, circle.sessions),
                         (ProgrammeKind.COACHING, None, None, ()))  # fmt: skip

    def test_programmes_by_name(self) -> None:
        self.assertEqual([p.id for p in self.session(self.cy).programmes()], [self.circle, self.bootcamp])

    def test_refusals_carry_the_library_message(self) -> None:
        s = self.sys
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_programme("x", []), "programme.competencies")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_programme("x", [self.sql, self.sql]),
                         "programme.competencies")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_programme("x", [self.sql], capacity=-1),
                         "programme.capacity")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_programme(" ", [self.sql]), "programme.name")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_programme("x", [self.sql], kind=5),
                         "programme.kind")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: s.create_programme("x", [4242]), "competency 4242")
        self.assertError(perfmgmt.Conflict, lambda: s.create_programme("SQL bootcamp", [self.sql]), "programme.name")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).create_programme("x", [self.sql]))
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.session(self.bo).add_programme_session(self.bootcamp, MON))  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: s.add_programme_session(4242, MON), "programme 4242")
        self.assertError(perfmgmt.NotFound, lambda: s.get_programme(4242), "programme 4242")
        self.assertEqual([p.id for p in s.programmes()], [self.circle, self.bootcamp])


class EnrolmentTest(ProgrammeTestCase):
    def test_enrolling_adds_a_plan_item_that_completing_marks_done(self) -> None:
        self.sys.add_programme_session(self.bootcamp, D(2025, 4, 1))
        self.sys.invite(self.bootcamp, self.ada)
        me = self.session(self.ada)
        item = me.enrol(self.bootcamp, self.ada)  # invited: she may enrol herself
        (planned,) = me.plan_items(self.plans[self.ada])
        self.assertEqual((planned.id, planned.kind, planned.title, planned.state, planned.programme, planned.competencies),
                         (item, ItemKind.TRAINING, "SQL bootcamp", ItemState.PLANNED, self.bootcamp,
                          (self.python, self.sql)))  # fmt: skip
        # The item follows the enrolment, not set_plan_item_state().
        self.assertError(perfmgmt.InvalidArgument, lambda: me.set_plan_item_state(item, ItemState.IN_PROGRESS),
                         "plan_item")  # fmt: skip
        self.sys.complete_enrolment(self.bootcamp, self.ada, PASSED)
        (done,) = me.plan_items(self.plans[self.ada])
        self.assertEqual((done.state, done.done_on), (ItemState.DONE, MON))
        self.assertEqual(self.sys.get_programme(self.bootcamp).seats_taken, 1)

    def test_participants_in_every_state_and_the_numbers(self) -> None:
        s = self.sys
        s.invite(self.bootcamp, self.ada)
        ada_item = self.session(self.ada).enrol(self.bootcamp, self.ada)
        eve_item = self.session(self.bo).enrol(self.bootcamp, self.eve)  # her manager may, uninvited
        s.invite(self.bootcamp, self.fay)
        s.complete_enrolment(self.bootcamp, self.ada, PASSED)
        self.session(self.eve).drop_enrolment(self.bootcamp, self.eve)
        self.assertEqual(
            list(s.participants(self.bootcamp)),
            [
                Enrolment(self.ada, self.bootcamp, EnrolmentState.COMPLETED, PASSED, MON, MON, MON, ada_item),
                Enrolment(self.eve, self.bootcamp, EnrolmentState.DROPPED, EnrolmentResult.PENDING,
                          None, MON, MON, eve_item),
                Enrolment(self.fay, self.bootcamp, EnrolmentState.INVITED, EnrolmentResult.PENDING,
                          MON, None, None, None),
            ],
        )  # fmt: skip
        self.assertEqual(s.programme_stats(self.bootcamp), ProgrammeStats(1, 0, 1, 1, 1, 0.5))
        self.assertEqual(s.programme_stats(self.circle), ProgrammeStats(0, 0, 0, 0, 0, 0.0))
        (cancelled,) = self.sys.plan_items(self.plans[self.eve])
        self.assertEqual(cancelled.state, ItemState.CANCELLED)

    def test_refusals_carry_the_library_message(self) -> None:
        s, me = self.sys, self.session(self.ada)
        s.enrol(self.bootcamp, self.ada)
        s.enrol(self.bootcamp, self.eve)
        s.invite(self.bootcamp, self.fay)
        self.assertError(perfmgmt.InvalidArgument, lambda: s.enrol(self.bootcamp, self.fay), "is full")
        self.assertError(perfmgmt.Conflict, lambda: s.enrol(self.bootcamp, self.ada), f"person {self.ada}", "already")
        self.assertError(perfmgmt.Conflict, lambda: s.invite(self.bootcamp, self.ada))
        self.assertError(perfmgmt.InvalidArgument, lambda: s.enrol(self.circle, self.cy), "no development plan")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.fay).enrol(self.circle, self.fay),
                         "not invited")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.complete_enrolment(self.bootcamp, self.fay, PASSED),
                         "not enrolled")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.complete_enrolment(self.bootcamp, self.ada, EnrolmentResult.PENDING),
                         "programme.result")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.drop_enrolment(self.circle, self.ada))
        self.assertError(perfmgmt.PermissionDenied, lambda: me.invite(self.circle, self.cy))
        self.assertError(perfmgmt.PermissionDenied, lambda: me.participants(self.bootcamp))
        self.assertError(perfmgmt.PermissionDenied, lambda: me.programme_stats(self.bootcamp))
        self.assertError(perfmgmt.PermissionDenied, lambda: me.complete_enrolment(self.bootcamp, self.ada, PASSED))
        self.assertError(perfmgmt.NotFound, lambda: s.invite(4242, self.ada), "programme 4242")
        self.assertEqual(s.programme_stats(self.bootcamp), ProgrammeStats(1, 2, 0, 0, 0, 0.0))


class CandidateTest(ProgrammeTestCase):
    def setUp(self) -> None:
        super().setUp()
        for person in (self.ada, self.eve, self.fay, self.cy):
            self.sys.assign_role(person, self.engineer, D(2025, 1, 1))
        boss = self.session(self.bo)
        boss.add_assessment(self.ada, self.python, 3, AssessmentSource.MANAGER)
        boss.add_assessment(self.eve, self.python, 1, AssessmentSource.MANAGER)
        boss.add_assessment(self.fay, self.python, 2, AssessmentSource.MANAGER)

    def test_candidates_by_largest_gap_then_person(self) -> None:
        # The engineer role asks python 3; Cy is not assessed (gap 3).
        self.assertEqual(
            list(self.sys.programme_candidates(self.bootcamp, 1)),
            [Candidate(self.cy, self.python, 3.0), Candidate(self.eve, self.python, 2.0),
             Candidate(self.fay, self.python, 1.0)],
        )  # fmt: skip
        self.assertEqual([c.person for c in self.sys.programme_candidates(self.bootcamp, 2.5)], [self.cy])
        # Those enrolled are left out.
        self.sys.enrol(self.bootcamp, self.eve)
        self.assertEqual([c.person for c in self.sys.programme_candidates(self.bootcamp, 1)], [self.cy, self.fay])

    def test_candidates_on_a_day_by_a_rule(self) -> None:
        # Ada's coaching: Bo says 1, she says 3. Manager first: gap 1;
        # weighted (3 x 1 + 1 x 2) / 3: gap 1/3. The others: not assessed, gap 2.
        self.session(self.bo).add_assessment(self.ada, self.coaching, 1, AssessmentSource.MANAGER)
        self.session(self.ada).add_assessment(self.ada, self.coaching, 3, AssessmentSource.SELF)
        hr = self.session(self.hal)
        others = [Candidate(p, self.coaching, 2.0) for p in (self.eve, self.fay, self.cy)]
        self.assertEqual(list(hr.programme_candidates(self.circle, 0.5)),
                         others + [Candidate(self.ada, self.coaching, 1.0)])  # fmt: skip
        weighted = LevelRule(LevelRuleKind.WEIGHTED)
        self.assertEqual(list(hr.programme_candidates(self.circle, 0.5, MON, weighted)), others)
        # Before anyone held the role, nobody needs it.
        self.assertEqual(list(hr.programme_candidates(self.circle, 0.5, D(2024, 12, 31))), [])

    def test_refusals_carry_the_library_message(self) -> None:
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.programme_candidates(self.bootcamp, 0), "min_gap")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).programme_candidates(self.bootcamp, 1))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.programme_candidates(4242, 1), "programme 4242")
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: self.sys.programme_candidates(self.bootcamp, 1,
                                                               rule=LevelRule(LevelRuleKind.WEIGHTED, 0, 0, 0)),
                         "rule")  # fmt: skip


class ProgrammeTypesTest(ProgrammeTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s = self.sys
        for call in (
            lambda: s.create_programme("x", self.sql),  # type: ignore[arg-type]
            lambda: s.create_programme("x", None),  # type: ignore[arg-type]
            lambda: s.create_programme(None, [self.sql]),  # type: ignore[arg-type]
            lambda: s.create_programme("x", [self.sql], kind=ItemKind.COACHING),  # type: ignore[arg-type]
            lambda: s.create_programme("x", [self.sql], capacity="2"),  # type: ignore[arg-type]
            lambda: s.create_programme("x", [self.sql], description=b"x"),  # type: ignore[arg-type]
            lambda: s.add_programme_session(self.bootcamp, None),  # type: ignore[arg-type]
            lambda: s.add_programme_session(self.bootcamp, MON, 1),  # type: ignore[arg-type]
            lambda: s.invite(self.bootcamp, "ada"),  # type: ignore[arg-type]
            lambda: s.enrol(None, self.ada),  # type: ignore[arg-type]
            lambda: s.complete_enrolment(self.bootcamp, self.ada, EnrolmentState.COMPLETED),  # type: ignore[arg-type]
            lambda: s.complete_enrolment(self.bootcamp, self.ada, PASSED, "today"),  # type: ignore[arg-type]
            lambda: s.drop_enrolment(self.bootcamp, 1.0),  # type: ignore[arg-type]
            lambda: s.participants("1"),  # type: ignore[arg-type]
            lambda: s.programme_stats(None),  # type: ignore[arg-type]
            lambda: s.programme_candidates(self.bootcamp, "1"),  # type: ignore[arg-type]
            lambda: s.programme_candidates(self.bootcamp, 1, rule=1),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_and_iterators_raise_misuse(self) -> None:
        hr = self.db.session(self.hal)
        programmes, people = hr.programmes(), hr.participants(self.bootcamp)
        candidates = hr.programme_candidates(self.bootcamp, 1)
        hr.close()
        self.assertMisuse(lambda: hr.get_programme(self.bootcamp))
        self.assertMisuse(lambda: hr.programme_stats(self.bootcamp))
        self.assertMisuse(lambda: hr.enrol(self.bootcamp, self.ada))
        for it in (programmes, people, candidates):
            self.assertMisuse(lambda: next(it))  # noqa: B023 - called at once


if __name__ == "__main__":
    unittest.main()
