"""Erasure through Session: what goes (the identity, feedback received,
measurements, the comments on one's own goals), what stays (feedback given,
goals archived or reassigned), the report and the audit entry, and the
refusals, after which nothing has changed."""

from __future__ import annotations

import datetime as dt
import unittest
from typing import Callable

import perfmgmt
from feedback_support import MON, UTC, FeedbackTestCase
from perfmgmt import AuditOp, EraseGoals, EraseReport, FeedbackKind, GoalState, PersonStatus
from perfmgmt._lib_erasure import PM_PERSON_ERASED_NAME

DUE = dt.date(2025, 6, 30)
MORNING = dt.datetime.combine(MON, dt.time(0), tzinfo=UTC)
MEASURED = dt.datetime.combine(MON, dt.time(8), tzinfo=UTC)

# Erasing Ada removes the three entries she received and her measurement,
# and changes her person record, her goal and her comment on it.
REMOVED = 4
CHANGED = 3


class ErasureTest(FeedbackTestCase):
    """Ada, with feedback received from Bo and Fay (named) and Eve
    (anonymous), feedback she gave Eve, an active goal with her own
    commented progress, and a measurement, as Bo, Eve and Fay have one: four
    people measured in Lab."""

    def setUp(self) -> None:
        super().setUp()
        self.sys.update_person(self.ada, email="ada@example.org")
        as_ada = self.session(self.ada)
        self.named = [
            self.session(giver).give_feedback(self.ada, FeedbackKind.PRAISE, "Clear write-up")
            for giver in (self.bo, self.fay)
        ]
        self.anonymous = self.session(self.eve).give_feedback(
            self.ada, FeedbackKind.SUGGESTION, "Fewer slides", anonymous=True
        )
        self.given = as_ada.give_feedback(self.eve, FeedbackKind.PRAISE, "Thanks for the review")
        self.goal = self.sys.create_goal(self.ada, "Ship the engine", DUE)
        self.sys.set_goal_state(self.goal, GoalState.ACTIVE)
        as_ada.add_progress(self.goal, 0.4, comment="Halfway; the tests are slow")
        self.metric = self.sys.create_metric("Energy", 0, 10)
        for person in (self.ada, self.bo, self.eve, self.fay):
            self.sys.add_measurement(
                person, self.metric, 6, at=MEASURED, source=perfmgmt.MeasurementSource.IMPORT
            )

    def measured_in_lab(self) -> perfmgmt.Aggregate:
        return self.sys.wellbeing_aggregate(
            self.metric, MORNING, self.now(), unit=self.lab, min_group=3
        )

    def snapshot(self) -> tuple[object, ...]:
        """What the API shows of Ada and around her."""
        return (
            self.sys.get_person(self.ada),
            [f.id for f in self.sys.feedback_received(self.ada)],
            [f.id for f in self.sys.feedback_given(self.ada)],
            list(self.sys.goals_of_person(self.ada, include_closed=True)),
            list(self.sys.progress_history(self.goal)),
            self.measured_in_lab(),
            self.sys.legal_hold(self.ada),
            list(self.sys.audit_entries()),
        )

    def assertRefusedAndUnchanged(  # noqa: N802 - unittest style
        self, cls: type[perfmgmt.Error], call: Callable[[], object], message: str
    ) -> None:
        """``call`` raises ``cls`` with exactly ``message``, and the store
        shows what it showed before."""
        before = self.snapshot()
        err = self.assertError(cls, call, message)
        self.assertEqual(err.message, message)
        self.assertEqual(self.snapshot(), before)

    def test_erasure_removes_what_is_about_the_person(self) -> None:
        self.assertEqual(self.measured_in_lab().people, 4)
        report = self.session(self.hal).erase_person(self.ada)
        self.assertEqual(report, EraseReport(removed=REMOVED, changed=CHANGED))

        p = self.sys.get_person(self.ada)
        self.assertEqual(p.name, PM_PERSON_ERASED_NAME)
        self.assertEqual(p.name, "Former employee")
        self.assertEqual(p.external_id, f"erased-{self.ada}")
        self.assertIsNone(p.email)
        self.assertIs(p.status, PersonStatus.ERASED)
        self.assertFalse(p.active)
        self.assertEqual(p.left_on, MON)
        self.assertFalse(p.hr_admin)

        self.assertEqual(list(self.sys.feedback_received(self.ada)), [])
        for entry in (*self.named, self.anonymous):
            self.assertError(perfmgmt.NotFound, lambda e=entry: self.sys.get_feedback(e), "feedback")
        aggregate = self.measured_in_lab()
        self.assertEqual((aggregate.people, aggregate.n), (3, 3))

    def test_what_others_hold_stays_naming_the_former_employee(self) -> None:
        self.sys.erase_person(self.ada)
        self.assertEqual([f.id for f in self.sys.feedback_given(self.ada)], [self.given])
        kept = self.session(self.eve).get_feedback(self.given)
        self.assertEqual((kept.giver, kept.receiver), (self.ada, self.eve))
        self.assertEqual(kept.text, "Thanks for the review")

        goal = self.sys.get_goal(self.goal)
        self.assertEqual((goal.owner, goal.state), (self.ada, GoalState.ARCHIVED))
        (update,) = self.sys.progress_history(self.goal)
        self.assertEqual((update.value, update.by), (0.4, self.ada))
        self.assertIsNone(update.comment)

    def test_goals_pass_to_a_new_owner_in_their_state(self) -> None:
        report = self.sys.erase_person(self.ada, goals=EraseGoals.REASSIGN, new_owner=self.bo)
        self.assertEqual(report, EraseReport(removed=REMOVED, changed=CHANGED))
        goal = self.sys.get_goal(self.goal)
        self.assertEqual((goal.owner, goal.state), (self.bo, GoalState.ACTIVE))
        self.assertEqual([g.id for g in self.sys.goals_of_person(self.bo)], [self.goal])
        # A plain int is C's to judge; Max has nothing but his person record.
        self.assertEqual(self.sys.erase_person(self.max, goals=1), EraseReport(removed=0, changed=1))

    def test_the_audit_trail_holds_one_entry_with_the_count(self) -> None:
        self.session(self.hal).erase_person(self.ada)
        (entry,) = self.sys.audit_entries(op=AuditOp.ERASE)
        self.assertEqual((entry.actor, entry.record_kind, entry.record), (self.hal, "person", self.ada))
        self.assertEqual(entry.records, REMOVED + CHANGED)

    def test_a_held_person_is_refused_until_the_hold_is_lifted(self) -> None:
        self.sys.place_legal_hold(self.ada, "Case 7")
        self.assertRefusedAndUnchanged(
            perfmgmt.UnderLegalHold,
            lambda: self.sys.erase_person(self.ada),
            f"person: {self.ada} is under a legal hold; lift it before erasing",
        )
        self.sys.lift_legal_hold(self.ada)
        self.assertEqual(self.sys.erase_person(self.ada).removed, REMOVED)

    def test_refusals_change_nothing(self) -> None:
        self.sys.set_left(self.cy)
        erase = self.sys.erase_person
        ada, bo, cy = self.ada, self.bo, self.cy
        for cls, call, message in (
            (
                perfmgmt.InvalidArgument,
                lambda: erase(0),
                "person: 0 is the system actor, which holds no personal data",
            ),
            (perfmgmt.InvalidArgument, lambda: erase(-3), "person: -3 is not a person id"),
            (perfmgmt.NotFound, lambda: erase(4242), "person: person 4242 does not exist"),
            (
                perfmgmt.InvalidArgument,
                lambda: erase(ada, goals=9),
                "erase_opts.goals: 9 is not a pm_erase_goals value",
            ),
            (
                perfmgmt.InvalidArgument,
                lambda: erase(ada, goals=EraseGoals.REASSIGN),
                "erase_opts.new_owner: required when goals are reassigned",
            ),
            (
                perfmgmt.InvalidArgument,
                lambda: erase(ada, new_owner=bo),
                f"erase_opts.new_owner: must be 0 unless goals are reassigned, not {bo}",
            ),
            (
                perfmgmt.InvalidArgument,
                lambda: erase(ada, goals=EraseGoals.REASSIGN, new_owner=ada),
                "erase_opts.new_owner: is the person being erased",
            ),
            (
                perfmgmt.NotFound,
                lambda: erase(ada, goals=EraseGoals.REASSIGN, new_owner=4242),
                "erase_opts.new_owner: person 4242 does not exist",
            ),
            (
                perfmgmt.Conflict,
                lambda: erase(ada, goals=EraseGoals.REASSIGN, new_owner=cy),
                f"erase_opts.new_owner: person {cy} has left",
            ),
            (
                perfmgmt.PermissionDenied,
                lambda: self.session(bo).erase_person(ada),
                f"permission denied: person {bo} may not erase a person's data",
            ),
            (
                perfmgmt.PermissionDenied,
                lambda: self.session(ada).erase_person(ada),
                f"permission denied: person {ada} may not erase a person's data",
            ),
        ):
            with self.subTest(message=message):
                self.assertRefusedAndUnchanged(cls, call, message)

    def test_an_erased_person_is_not_erased_again(self) -> None:
        self.sys.erase_person(self.ada)
        self.assertRefusedAndUnchanged(
            perfmgmt.Conflict,
            lambda: self.sys.erase_person(self.ada),
            f"person: {self.ada} is already erased",
        )

    def test_wrong_python_types_are_refused_before_c(self) -> None:
        before = self.snapshot()
        for call in (
            lambda: self.sys.erase_person(None),  # type: ignore[arg-type]
            lambda: self.sys.erase_person(self.ada, goals="reassign"),  # type: ignore[arg-type]
            lambda: self.sys.erase_person(self.ada, goals=FeedbackKind.PRAISE),  # type: ignore[arg-type]
            lambda: self.sys.erase_person(
                self.ada, goals=EraseGoals.REASSIGN, new_owner=str(self.bo)  # type: ignore[arg-type]
            ),
        ):
            with self.assertRaises(TypeError):
                call()
        with self.assertRaises(TypeError):
            self.sys.erase_person(self.ada, EraseGoals.ARCHIVE)  # type: ignore[misc]
        self.assertEqual(self.snapshot(), before)


if __name__ == "__main__":
    unittest.main()
