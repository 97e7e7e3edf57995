"""Development plans, their areas and items, progress and mentoring,
through Session."""

from __future__ import annotations

import dataclasses
import unittest

import perfmgmt
from development_support import JAN, MON, D, DevelopmentTestCase
from perfmgmt import ItemKind, ItemState, Plan, PlanArea, PlanItem, PlanProgress

JUN = D(2025, 6, 30)


class PlanTest(DevelopmentTestCase):
    def test_create_and_get_reads_every_field(self) -> None:
        me = self.session(self.ada)
        pid = me.create_plan(self.ada, JUN, start=JAN, strengths="Parsers", ambitions="Lead a team",
                             target_role=self.engineer)  # fmt: skip
        me.add_plan_area(pid, self.coaching, "Listen more")
        me.add_plan_area(pid, self.sql)
        plan = self.session(self.bo).get_plan(pid)
        self.assertEqual(
            plan,
            Plan(pid, self.ada, JAN, JUN, "Parsers", "Lead a team", self.engineer, None,
                 (PlanArea(self.coaching, "Listen more"), PlanArea(self.sql, None))),
        )  # fmt: skip
        with self.assertRaises(dataclasses.FrozenInstanceError):
            plan.end = MON  # type: ignore[misc]
        # Adding an area the plan has changes its note.
        me.add_plan_area(pid, self.sql, "Window functions")
        self.assertEqual(me.get_plan(pid).areas[1], PlanArea(self.sql, "Window functions"))

    def test_defaults_start_today_and_leave_the_texts_out(self) -> None:
        pid = self.sys.create_plan(self.eve, JUN)
        plan = self.sys.get_plan(pid)
        self.assertEqual((plan.start, plan.strengths, plan.ambitions, plan.target_role, plan.areas),
                         (MON, None, None, None, ()))  # fmt: skip

    def test_update_changes_only_the_fields_given(self) -> None:
        me = self.session(self.ada)
        pid = me.create_plan(self.ada, JUN, start=JAN, strengths="Parsers", ambitions="Lead", target_role=self.engineer)
        me.update_plan(pid, end=D(2025, 6, 15), strengths=None, target_role=None)
        plan = me.get_plan(pid)
        self.assertEqual((plan.start, plan.end, plan.strengths, plan.ambitions, plan.target_role),
                         (JAN, D(2025, 6, 15), None, "Lead", None))  # fmt: skip
        me.update_plan(pid, start=D(2025, 2, 1), ambitions="Architect")
        plan = me.get_plan(pid)
        self.assertEqual((plan.start, plan.end, plan.ambitions), (D(2025, 2, 1), D(2025, 6, 15), "Architect"))
        me.update_plan(pid)  # nothing given, nothing changes
        self.assertEqual(me.get_plan(pid), plan)

    def test_plans_current_and_copy_forward(self) -> None:
        me = self.session(self.ada)
        first = me.create_plan(self.ada, JUN, start=JAN, ambitions="Lead")
        me.add_plan_area(first, self.coaching, "Listen more")
        open_item = me.add_plan_item(first, ItemKind.STRETCH_PROJECT, "Lead the migration", due=D(2025, 5, 1))
        done_item = me.add_plan_item(first, ItemKind.SELF_STUDY, "Read a book")
        me.set_plan_item_state(done_item, ItemState.IN_PROGRESS)
        me.set_plan_item_state(done_item, ItemState.DONE)
        second = me.copy_plan_forward(first, D(2025, 7, 1), D(2025, 12, 31))
        plan = me.get_plan(second)
        self.assertEqual((plan.start, plan.end, plan.previous, plan.ambitions, plan.areas),
                         (D(2025, 7, 1), D(2025, 12, 31), first, "Lead", (PlanArea(self.coaching, "Listen more"),)))  # fmt: skip
        # Only the open item is copied, its due day moved into the new period.
        (copied,) = me.plan_items(second)
        self.assertNotEqual(copied.id, open_item)
        self.assertEqual((copied.title, copied.state, copied.due), ("Lead the migration", ItemState.PLANNED, D(2025, 7, 1)))
        self.assertEqual([p.id for p in me.plans(self.ada)], [first, second])
        self.assertEqual(me.current_plan(self.ada), first)
        self.assertEqual(me.current_plan(self.ada, D(2025, 8, 1)), second)
        self.assertIsNone(me.current_plan(self.ada, D(2026, 1, 1)))

    def test_refusals_carry_the_library_message(self) -> None:
        me = self.session(self.ada)
        pid = me.create_plan(self.ada, JUN, start=JAN)
        self.assertError(perfmgmt.Conflict, lambda: me.create_plan(self.ada, D(2025, 8, 1), start=D(2025, 6, 1)),
                         "overlaps plan")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.create_plan(self.ada, D(2026, 1, 1), start=D(2026, 6, 1)), "plan.end")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: me.create_plan(self.eve, D(2025, 8, 1)))
        self.assertError(perfmgmt.NotFound, lambda: me.create_plan(4242, JUN), "4242")
        self.assertError(perfmgmt.NotFound, lambda: me.create_plan(self.ada, D(2026, 1, 1), start=D(2025, 7, 1),
                                                                   target_role=4242), "4242")  # fmt: skip
        self.assertError(perfmgmt.OutOfRange,
                         lambda: me.create_plan(self.ada, D(2026, 1, 1), start=D(2025, 7, 1), strengths="x" * 10001),
                         "plan.strengths")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.copy_plan_forward(pid, D(2025, 6, 1), D(2025, 12, 31)),
                         "plan.start")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: me.add_plan_area(pid, 4242), "competency 4242")
        self.assertError(perfmgmt.NotFound, lambda: me.get_plan(4242), "plan 4242")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).get_plan(pid))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).plans(self.ada))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).current_plan(self.ada))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).update_plan(pid, ambitions="x"))
        # Only the one plan was written, unchanged.
        self.assertEqual([p for p in me.plans(self.ada)], [Plan(pid, self.ada, JAN, JUN, None, None, None, None, ())])


class PlanItemTest(DevelopmentTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.me = self.session(self.ada)
        self.plan = self.me.create_plan(self.ada, JUN, start=JAN)

    def test_add_and_list_reads_every_field_by_due_day(self) -> None:
        goal = self.me.create_goal(self.ada, "Ship", JUN)
        course = self.me.add_plan_item(
            self.plan, ItemKind.TRAINING, "SQL course", notes="Online", start=D(2025, 2, 1),
            due=D(2025, 3, 1), weight=2, mentor=self.eve, competencies=[self.sql, self.python], goal=goal,
        )  # fmt: skip
        who5 = self.sys.builtin_metric(perfmgmt.BuiltinMetric.WHO5)
        walks = self.session(self.bo).add_plan_item(self.plan, ItemKind.WELLBEING, "Walks", metric=who5, metric_target=3.5)
        project = self.me.add_plan_item(self.plan, ItemKind.STRETCH_PROJECT, "Lead the migration", due=D(2025, 5, 1))
        items = list(self.me.plan_items(self.plan))
        self.assertEqual(
            items,
            [
                PlanItem(course, self.plan, ItemKind.TRAINING, "SQL course", "Online", ItemState.PLANNED,
                         D(2025, 2, 1), D(2025, 3, 1), None, 2.0, self.eve, (self.sql, self.python), goal,
                         None, None, None),
                PlanItem(project, self.plan, ItemKind.STRETCH_PROJECT, "Lead the migration", None,
                         ItemState.PLANNED, None, D(2025, 5, 1), None, 1.0, None, (), None, None, None, None),
                PlanItem(walks, self.plan, ItemKind.WELLBEING, "Walks", None, ItemState.PLANNED, None, None,
                         None, 1.0, None, (), None, who5, 3.5, None),
            ],
        )  # fmt: skip
        self.assertEqual([i.id for i in self.session(self.eve).mentored_items(self.eve)], [course])
        self.assertEqual(list(self.sys.mentored_items(self.cy)), [])

    def test_states_and_progress(self) -> None:
        course = self.me.add_plan_item(self.plan, ItemKind.TRAINING, "Course", due=D(2025, 3, 1), weight=2)
        walks = self.me.add_plan_item(self.plan, ItemKind.WELLBEING, "Walks")
        project = self.me.add_plan_item(self.plan, ItemKind.STRETCH_PROJECT, "Project", due=D(2025, 5, 1))
        self.assertEqual(self.me.plan_progress(self.plan), PlanProgress(3, 0, 1, 0.0))
        self.me.set_plan_item_state(course, ItemState.IN_PROGRESS)
        self.me.set_plan_item_state(course, ItemState.DONE, D(2025, 3, 2))
        self.me.set_plan_item_state(walks, ItemState.CANCELLED)
        progress = self.me.plan_progress(self.plan)
        self.assertEqual((progress.items, progress.done, progress.overdue), (2, 1, 0))
        self.assertAlmostEqual(progress.share_done, 2 / 3)
        self.assertEqual(self.me.plan_progress(self.plan, D(2025, 5, 2)).overdue, 1)
        done = [i for i in self.me.plan_items(self.plan) if i.id == course][0]
        self.assertEqual((done.state, done.done_on), (ItemState.DONE, D(2025, 3, 2)))
        # Reopening is allowed; planned to done is not.
        self.me.set_plan_item_state(walks, ItemState.IN_PROGRESS)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.set_plan_item_state(project, ItemState.DONE),
                         "plan_item.state")  # fmt: skip

    def test_refusals_carry_the_library_message(self) -> None:
        me, p, t = self.me, self.plan, ItemKind.TRAINING
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_plan_item(p, t, " "), "plan_item.title")
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_plan_item(p, 99, "x"), "plan_item.kind")
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_plan_item(p, t, "x", weight=0), "plan_item.weight")
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_plan_item(p, t, "x", mentor=self.ada),
                         "plan_item.mentor")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_plan_item(p, t, "x", metric=3, metric_target=1),
                         "plan_item.metric")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.add_plan_item(p, t, "x", competencies=[self.sql, self.sql]),
                         "plan_item.competencies")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_plan_item(p, t, "x", start=D(2024, 1, 1)),
                         "plan_item.start")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: me.add_plan_item(p, t, "x", competencies=[4242]), "4242")
        self.assertError(perfmgmt.NotFound, lambda: me.add_plan_item(4242, t, "x"), "plan 4242")
        self.assertError(perfmgmt.OutOfRange, lambda: me.add_plan_item(p, t, "x" * 201), "plan_item.title")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).add_plan_item(p, t, "x"))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).mentored_items(self.ada))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.eve).plan_progress(p))
        self.assertError(perfmgmt.NotFound, lambda: me.set_plan_item_state(4242, ItemState.DONE))
        self.assertEqual(list(me.plan_items(p)), [])

    def test_start_after_items_is_refused_on_update(self) -> None:
        self.me.add_plan_item(self.plan, ItemKind.TRAINING, "Course", start=D(2025, 2, 1))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.me.update_plan(self.plan, start=D(2025, 4, 1)),
                         "plan.start")  # fmt: skip
        self.assertEqual(self.me.get_plan(self.plan).start, JAN)


class PlanTypesTest(DevelopmentTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s = self.sys
        pid = s.create_plan(self.ada, JUN, start=JAN)
        for call in (
            lambda: s.create_plan(self.ada, None),  # type: ignore[arg-type]
            lambda: s.create_plan(self.ada, "2025-06-30"),  # type: ignore[arg-type]
            lambda: s.create_plan("3", JUN),  # type: ignore[arg-type]
            lambda: s.create_plan(self.ada, JUN, strengths=1),  # type: ignore[arg-type]
            lambda: s.create_plan(self.ada, JUN, target_role="Engineer"),  # type: ignore[arg-type]
            lambda: s.update_plan(pid, end=None),  # type: ignore[arg-type]
            lambda: s.update_plan(pid, ambitions=b"x"),  # type: ignore[arg-type]
            lambda: s.update_plan(pid, title="x"),  # type: ignore[call-arg]
            lambda: s.copy_plan_forward(pid, None, JUN),  # type: ignore[arg-type]
            lambda: s.add_plan_area(pid, self.sql, 1),  # type: ignore[arg-type]
            lambda: s.current_plan(self.ada, "today"),  # type: ignore[arg-type]
            lambda: s.add_plan_item(pid, ItemState.DONE, "x"),  # type: ignore[arg-type]
            lambda: s.add_plan_item(pid, ItemKind.TRAINING, None),  # type: ignore[arg-type]
            lambda: s.add_plan_item(pid, ItemKind.TRAINING, "x", weight="1"),  # type: ignore[arg-type]
            lambda: s.add_plan_item(pid, ItemKind.TRAINING, "x", competencies=self.sql),  # type: ignore[arg-type]
            lambda: s.add_plan_item(pid, ItemKind.TRAINING, "x", competencies=["SQL"]),  # type: ignore[list-item]
            lambda: s.add_plan_item(pid, ItemKind.TRAINING, "x", metric_target=None),  # type: ignore[arg-type]
            lambda: s.set_plan_item_state(1, ItemKind.TRAINING),  # type: ignore[arg-type]
            lambda: s.plan_items(None),  # type: ignore[arg-type]
            lambda: s.mentored_items(1.0),  # type: ignore[arg-type]
            lambda: s.plan_progress(pid, 1),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_and_iterators_raise_misuse(self) -> None:
        me = self.db.session(self.ada)
        pid = me.create_plan(self.ada, JUN, start=JAN)
        plans, items = me.plans(self.ada), me.plan_items(pid)
        me.close()
        self.assertMisuse(lambda: me.get_plan(pid))
        self.assertMisuse(lambda: me.update_plan(pid, start=MON))
        self.assertMisuse(lambda: me.plan_progress(pid))
        self.assertMisuse(lambda: next(plans))
        self.assertMisuse(lambda: next(items))


if __name__ == "__main__":
    unittest.main()
