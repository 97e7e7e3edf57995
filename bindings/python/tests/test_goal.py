"""Goals: every function of goal.h through Session."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import unittest

import perfmgmt
from perfmgmt import GoalKind, GoalState, Health, KeyResultKind, Visibility, Zone
from support import StoreTestCase

D = dt.date
UTC = dt.timezone.utc
JAN = D(2025, 1, 1)
TODAY = D(2025, 3, 1)  # the store's clock, unless a test moves it
JUN = D(2025, 6, 30)


class GoalTestCase(StoreTestCase):
    """A small organisation: Ada reports to Bo; Cy is elsewhere; all in
    the unit Lab except Cy, who is in Ops. The clock says TODAY."""

    def setUp(self) -> None:
        super().setUp()
        self.today = TODAY
        self.db.set_clock(lambda: dt.datetime.combine(self.today, dt.time(12), tzinfo=UTC))
        self.lab = self.sys.create_unit("Lab")
        self.ops = self.sys.create_unit("Ops")
        self.bo = self.add_person("BO", "Bo", unit=self.lab, start=JAN)
        self.ada = self.add_person("ADA", "Ada", unit=self.lab, manager=self.bo, start=JAN)
        self.cy = self.add_person("CY", "Cy", unit=self.ops, start=JAN)

    def goal(self, title: str = "Ship", **kwargs: object) -> int:
        kwargs.setdefault("start", JAN)
        return self.sys.create_goal(kwargs.pop("owner", self.ada), title, kwargs.pop("due", JUN), **kwargs)  # type: ignore[arg-type]

    def active_goal(self, title: str = "Ship", **kwargs: object) -> int:
        gid = self.goal(title, **kwargs)
        self.sys.set_goal_state(gid, GoalState.ACTIVE)
        return gid

    def session(self, person: int) -> perfmgmt.Session:
        s = self.db.session(person)
        self.addCleanup(s.close)
        return s

    def assertError(self, cls: type[perfmgmt.Error], call, *needles: str) -> perfmgmt.Error:  # type: ignore[no-untyped-def]
        with self.assertRaises(cls) as cm:
            call()
        self.assertIs(type(cm.exception), cls)
        self.assertIs(cm.exception.code, cls.status)
        for needle in needles:
            self.assertIn(needle, cm.exception.message)
        return cm.exception


class CreateAndReadTest(GoalTestCase):
    def test_create_goal_returns_id_and_get_goal_reads_every_field(self) -> None:
        parent = self.goal("Company goal", owner=self.bo, visibility=Visibility.PUBLIC)
        gid = self.sys.create_goal(
            self.ada,
            "Ship the engine",
            JUN,
            unit=self.lab,
            description="All of it",
            kind=GoalKind.DEVELOPMENT,
            start=JAN,
            weight=2.5,
            visibility=Visibility.UNIT,
            parent=parent,
        )
        g = self.sys.get_goal(gid)
        self.assertIsInstance(g, perfmgmt.Goal)
        self.assertEqual(g.id, gid)
        self.assertEqual(g.owner, self.ada)
        self.assertEqual(g.unit, self.lab)
        self.assertEqual(g.title, "Ship the engine")
        self.assertEqual(g.description, "All of it")
        self.assertIs(g.kind, GoalKind.DEVELOPMENT)
        self.assertIs(g.state, GoalState.DRAFT)
        self.assertEqual((g.start, g.due), (JAN, JUN))
        self.assertEqual(g.weight, 2.5)
        self.assertIs(g.visibility, Visibility.UNIT)
        self.assertEqual(g.parent, parent)
        self.assertIsNone(g.source_checkin)
        self.assertEqual(g.created_at, dt.datetime(2025, 3, 1, 12, tzinfo=UTC))
        self.assertEqual(g.updated_at, g.created_at)
        self.assertEqual((g.created_by, g.updated_by), (0, 0))

    def test_defaults_are_those_of_the_c_initialiser(self) -> None:
        g = self.sys.get_goal(self.sys.create_goal(self.ada, "Ship", JUN))
        self.assertIsNone(g.unit)
        self.assertIsNone(g.description)
        self.assertIs(g.kind, GoalKind.PERFORMANCE)
        self.assertEqual(g.start, TODAY)  # None: today by the store's clock
        self.assertEqual(g.weight, 1.0)
        self.assertIs(g.visibility, Visibility.PRIVATE)
        self.assertIsNone(g.parent)

    def test_created_by_is_the_acting_person(self) -> None:
        gid = self.session(self.bo).create_goal(self.ada, "Set by the manager", JUN)
        self.assertEqual(self.sys.get_goal(gid).created_by, self.bo)

    def test_corrective_goal_remembers_its_check_in(self) -> None:
        series = self.sys.create_checkin_series(self.bo, self.ada)
        checkin = next(self.sys.checkins(series)).id
        gid = self.goal("Fix it", kind=GoalKind.CORRECTIVE, source_checkin=checkin)
        self.assertEqual(self.sys.get_goal(gid).source_checkin, checkin)
        self.assertError(perfmgmt.NotFound, lambda: self.goal(source_checkin=4242), "4242")

    def test_goal_record_is_frozen_and_outlives_the_store(self) -> None:
        g = self.sys.get_goal(self.goal())
        with self.assertRaises(dataclasses.FrozenInstanceError):
            g.title = "Other"  # type: ignore[misc]
        self.db.close()
        self.assertEqual(g.title, "Ship")

    def test_weight_takes_int_and_float(self) -> None:
        self.assertEqual(self.sys.get_goal(self.goal(weight=3)).weight, 3.0)


class UpdateTest(GoalTestCase):
    def test_update_goal_changes_only_the_fields_given(self) -> None:
        other = self.goal("Other")
        gid = self.goal(description="Old")
        before = self.sys.get_goal(gid)
        self.today = D(2025, 3, 2)
        self.session(self.bo).update_goal(
            gid,
            title="New",
            weight=0,
            visibility=Visibility.PUBLIC,
            kind=GoalKind.CORRECTIVE,
            parent=other,
        )
        g = self.sys.get_goal(gid)
        self.assertEqual(
            (g.title, g.weight, g.visibility, g.kind, g.parent), ("New", 0.0, Visibility.PUBLIC, GoalKind.CORRECTIVE, other)
        )
        self.assertEqual((g.description, g.start, g.due), ("Old", JAN, JUN))
        self.assertEqual(g.created_at, before.created_at)
        self.assertEqual(g.updated_at, dt.datetime(2025, 3, 2, 12, tzinfo=UTC))
        self.assertEqual(g.updated_by, self.bo)

    def test_none_clears_description_and_parent(self) -> None:
        parent = self.goal("Parent")
        gid = self.goal(description="Text", parent=parent)
        self.sys.update_goal(gid, description=None, parent=None)
        g = self.sys.get_goal(gid)
        self.assertIsNone(g.description)
        self.assertIsNone(g.parent)

    def test_one_date_keeps_the_other_as_stored(self) -> None:
        gid = self.goal()
        self.sys.update_goal(gid, due=D(2025, 9, 30))
        g = self.sys.get_goal(gid)
        self.assertEqual((g.start, g.due), (JAN, D(2025, 9, 30)))
        self.sys.update_goal(gid, start=D(2025, 2, 1))
        g = self.sys.get_goal(gid)
        self.assertEqual((g.start, g.due), (D(2025, 2, 1), D(2025, 9, 30)))
        self.sys.update_goal(gid, start=D(2025, 4, 1), due=D(2025, 4, 30))
        g = self.sys.get_goal(gid)
        self.assertEqual((g.start, g.due), (D(2025, 4, 1), D(2025, 4, 30)))

    def test_no_fields_changes_nothing(self) -> None:
        gid = self.goal()
        before = self.sys.get_goal(gid)
        self.sys.update_goal(gid)
        self.assertEqual(self.sys.get_goal(gid), before)

    def test_unknown_field_is_a_type_error(self) -> None:
        gid = self.goal()
        with self.assertRaises(TypeError):
            self.sys.update_goal(gid, owner=self.bo)  # type: ignore[call-arg]
        with self.assertRaises(TypeError):
            self.sys.update_goal(gid, unit=self.lab)  # type: ignore[call-arg]

    def test_update_refusals_come_from_c(self) -> None:
        gid = self.goal()
        child = self.goal("Child", parent=gid)
        self.assertError(perfmgmt.Cycle, lambda: self.sys.update_goal(gid, parent=child), "cycle")
        self.assertError(perfmgmt.Cycle, lambda: self.sys.update_goal(gid, parent=gid))
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.update_goal(gid, start=D(2025, 7, 1)), "goal.due", "before the start"
        )
        self.assertError(perfmgmt.NotFound, lambda: self.sys.update_goal(4242, title="X"), "4242")
        self.assertError(perfmgmt.NotFound, lambda: self.sys.update_goal(4242, due=JUN), "4242")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).update_goal(gid, title="Mine"))
        self.assertEqual(self.sys.get_goal(gid).title, "Ship")


class StateTest(GoalTestCase):
    def test_allowed_moves(self) -> None:
        gid = self.goal()
        for state in (GoalState.ACTIVE, GoalState.COMPLETED, GoalState.ACTIVE, GoalState.CANCELLED, GoalState.ARCHIVED):
            self.sys.set_goal_state(gid, state)
            self.assertIs(self.sys.get_goal(gid).state, state)

    def test_refused_moves_are_invalid_argument(self) -> None:
        gid = self.goal()
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.set_goal_state(gid, GoalState.ARCHIVED),
            "cannot move from draft to archived",
        )
        # A plain int reaches C, which judges it.
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.set_goal_state(gid, 99), "99")
        self.sys.set_goal_state(gid, 2)
        self.assertIs(self.sys.get_goal(gid).state, GoalState.ACTIVE)


class KeyResultTest(GoalTestCase):
    def test_numeric_key_result_going_down_with_commit_and_stretch(self) -> None:
        gid = self.active_goal()
        kr = self.sys.add_key_result(gid, "Open tickets", 8, baseline=12, unit="tickets", weight=2, commit=10, stretch=6)
        (k,) = list(self.sys.key_results(gid))
        self.assertIsInstance(k, perfmgmt.KeyResult)
        self.assertEqual(
            (k.id, k.goal, k.title, k.kind, k.baseline, k.target, k.current, k.unit, k.weight),
            (kr, gid, "Open tickets", KeyResultKind.NUMERIC, 12.0, 8.0, 12.0, "tickets", 2.0),
        )
        self.assertEqual((k.commit, k.stretch), (10.0, 6.0))
        self.assertEqual((k.progress, k.zone), (0.0, Zone.FAIL))
        self.sys.add_progress(gid, 10, key_result=kr)
        k = next(self.sys.key_results(gid))
        self.assertEqual((k.current, k.progress, k.zone), (10.0, 0.5, Zone.COMMIT))
        self.sys.add_progress(gid, 5.5, key_result=kr)
        k = next(self.sys.key_results(gid))
        self.assertEqual((k.progress, k.zone), (1.0, Zone.STRETCH))

    def test_levels_not_set_read_as_none_and_zone_none(self) -> None:
        gid = self.active_goal()
        self.sys.add_key_result(gid, "Revenue", 100.0)
        k = next(self.sys.key_results(gid))
        self.assertIsNone(k.commit)
        self.assertIsNone(k.stretch)
        self.assertIsNone(k.unit)
        self.assertIs(k.zone, Zone.NONE)

    def test_milestone_goes_from_0_to_1(self) -> None:
        gid = self.active_goal()
        kr = self.sys.add_key_result(gid, "Launched", kind=KeyResultKind.MILESTONE)
        k = next(self.sys.key_results(gid))
        self.assertEqual((k.kind, k.baseline, k.target, k.progress), (KeyResultKind.MILESTONE, 0.0, 1.0, 0.0))
        self.sys.add_progress(gid, 1, key_result=kr)
        self.assertEqual(next(self.sys.key_results(gid)).progress, 1.0)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.add_progress(gid, 0.5, key_result=kr))

    def test_numeric_key_result_needs_a_target(self) -> None:
        gid = self.goal()
        with self.assertRaises(TypeError):
            self.sys.add_key_result(gid, "No target")
        self.assertEqual(list(self.sys.key_results(gid)), [])

    def test_key_results_list_in_order_added_and_remove(self) -> None:
        gid = self.goal()
        a = self.sys.add_key_result(gid, "A", 1.0)
        b = self.sys.add_key_result(gid, "B", 1.0)
        self.assertEqual([k.id for k in self.sys.key_results(gid)], [a, b])
        self.sys.remove_key_result(a)
        self.assertEqual([k.id for k in self.sys.key_results(gid)], [b])
        self.assertError(perfmgmt.NotFound, lambda: self.sys.remove_key_result(a))

    def test_refusals_the_c_docs_list(self) -> None:
        gid = self.goal()
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.add_key_result(gid, "Flat", 5, baseline=5),
            "key_result.target: must differ from the baseline (5)",
        )
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.add_key_result(gid, "NaN", math.nan), "finite")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.add_key_result(gid, "Inf", math.inf), "finite")
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.add_key_result(gid, "C", 10, commit=20), "key_result.commit"
        )
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.add_key_result(gid, "S", 10, stretch=5), "key_result.stretch"
        )
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.add_key_result(gid, "W", 10, weight=-1), "key_result.weight"
        )
        self.assertError(perfmgmt.OutOfRange, lambda: self.sys.add_key_result(gid, "U", 10, unit="u" * 33))
        self.assertError(perfmgmt.OutOfRange, lambda: self.sys.add_key_result(gid, "Big", 10**400))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.add_key_result(4242, "X", 1.0), "4242")
        self.assertEqual(list(self.sys.key_results(gid)), [])


class ProgressTest(GoalTestCase):
    def test_manual_progress_and_its_history(self) -> None:
        gid = self.active_goal()
        me = self.session(self.ada)
        first = me.add_progress(gid, 0.25, confidence=7, comment="Going well")
        self.today = D(2025, 3, 5)
        second = me.add_progress(gid, 0.5)
        history = list(self.sys.progress_history(gid))
        self.assertEqual([p.id for p in history], [first, second])
        p = history[0]
        self.assertIsInstance(p, perfmgmt.Progress)
        self.assertEqual(
            (p.goal, p.key_result, p.value, p.confidence, p.comment, p.by),
            (gid, None, 0.25, 7, "Going well", self.ada),
        )
        self.assertEqual(p.at, dt.datetime(2025, 3, 1, 12, tzinfo=UTC))
        self.assertIsNone(history[1].confidence)
        self.assertIsNone(history[1].comment)
        self.assertEqual(history[1].at.date(), D(2025, 3, 5))

    def test_key_result_progress_names_its_key_result(self) -> None:
        gid = self.active_goal()
        kr = self.sys.add_key_result(gid, "Users", 100)
        self.sys.add_progress(gid, 40, key_result=kr)
        self.assertEqual([p.key_result for p in self.sys.progress_history(gid)], [kr])

    def test_refusals_the_c_docs_list(self) -> None:
        draft = self.goal("Draft")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.add_progress(draft, 0.5), "not active")
        gid = self.active_goal()
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.add_progress(gid, 1.5), "progress.value")
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.add_progress(gid, 0.5, confidence=11), "progress.confidence"
        )
        other = self.active_goal("Other")
        kr = self.sys.add_key_result(other, "KR", 10)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.add_progress(gid, 5, key_result=kr))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.add_progress(other, 0.5), "key result")
        self.assertError(perfmgmt.OutOfRange, lambda: self.sys.add_progress(gid, 0.5, confidence=2**31))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.cy).add_progress(gid, 0.5))
        self.assertEqual(list(self.sys.progress_history(gid)), [])


class EvaluateTest(GoalTestCase):
    def test_evaluate_goal_on_a_day(self) -> None:
        # A 10-day period; on its 5th day half of it is expected.
        gid = self.active_goal(start=D(2025, 3, 1), due=D(2025, 3, 10))
        self.sys.add_progress(gid, 0.5)
        st = self.sys.evaluate_goal(gid, D(2025, 3, 5))
        self.assertIsInstance(st, perfmgmt.GoalStatus)
        self.assertAlmostEqual(st.progress, 0.5)
        self.assertAlmostEqual(st.expected, 0.5)
        self.assertIs(st.health, Health.ON_TRACK)
        self.assertFalse(st.stale)
        self.assertFalse(st.overdue)
        self.assertEqual(st.last_update, TODAY)

    def test_health_thresholds_and_overdue(self) -> None:
        gid = self.active_goal(start=D(2025, 3, 1), due=D(2025, 3, 10))
        self.sys.add_progress(gid, 0.1)
        # Shortfall 0.4 on day 5 is off track by default, at risk with a
        # wider threshold, on track with a wider one still.
        self.assertIs(self.sys.evaluate_goal(gid, D(2025, 3, 5)).health, Health.OFF_TRACK)
        self.assertIs(self.sys.evaluate_goal(gid, D(2025, 3, 5), at_risk=0.45).health, Health.AT_RISK)
        self.assertIs(self.sys.evaluate_goal(gid, D(2025, 3, 5), on_track=0.45, at_risk=0.5).health, Health.ON_TRACK)
        self.assertTrue(self.sys.evaluate_goal(gid, D(2025, 3, 11)).overdue)
        self.assertFalse(self.sys.evaluate_goal(gid, D(2025, 3, 10)).overdue)

    def test_stale_after_stale_days_without_update(self) -> None:
        gid = self.active_goal()
        self.sys.add_progress(gid, 0.1)
        self.assertFalse(self.sys.evaluate_goal(gid, TODAY + dt.timedelta(days=14)).stale)
        self.assertTrue(self.sys.evaluate_goal(gid, TODAY + dt.timedelta(days=15)).stale)
        self.assertFalse(self.sys.evaluate_goal(gid, TODAY + dt.timedelta(days=15), stale_days=20).stale)

    def test_not_active_has_no_health_and_no_update(self) -> None:
        st = self.sys.evaluate_goal(self.goal())
        self.assertIs(st.health, Health.NONE)
        self.assertIsNone(st.last_update)

    def test_key_results_roll_up_by_weight(self) -> None:
        gid = self.active_goal()
        a = self.sys.add_key_result(gid, "A", 10, weight=3)
        self.sys.add_key_result(gid, "B", 10, weight=1)
        self.sys.add_progress(gid, 10, key_result=a)
        self.assertAlmostEqual(self.sys.evaluate_goal(gid).progress, 0.75)

    def test_bad_thresholds_are_invalid_argument(self) -> None:
        gid = self.goal()
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.evaluate_goal(gid, on_track=0.5, at_risk=0.2),
            "health_opts.at_risk",
        )
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.evaluate_goal(gid, stale_days=0), "health_opts.stale_days"
        )
        self.assertError(perfmgmt.NotFound, lambda: self.sys.evaluate_goal(4242), "4242")


class ListTest(GoalTestCase):
    def test_goals_of_person_by_due_date_and_closed_ones_on_request(self) -> None:
        late = self.goal("Late", due=D(2025, 12, 31))
        early = self.goal("Early", due=D(2025, 4, 30))
        dropped = self.goal("Dropped")
        self.sys.set_goal_state(dropped, GoalState.CANCELLED)
        self.goal("Bo's", owner=self.bo)
        it = self.sys.goals_of_person(self.ada)
        self.assertIsInstance(it, perfmgmt.GoalIterator)
        self.assertEqual([g.id for g in it], [early, late])
        self.assertEqual(
            {g.id for g in self.sys.goals_of_person(self.ada, include_closed=True)}, {early, late, dropped}
        )

    def test_goals_of_unit(self) -> None:
        unit_goal = self.goal("Lab goal", unit=self.lab)
        self.goal("Personal")
        self.assertEqual([g.id for g in self.sys.goals_of_unit(self.lab)], [unit_goal])
        self.assertEqual(list(self.sys.goals_of_unit(self.ops)), [])

    def test_lists_leave_out_goals_the_actor_may_not_read(self) -> None:
        private = self.goal("Private")
        shared = self.goal("Shared", visibility=Visibility.UNIT)
        public = self.goal("Public", visibility=Visibility.PUBLIC, due=D(2025, 7, 1))
        self.assertEqual([g.id for g in self.session(self.cy).goals_of_person(self.ada)], [public])
        self.assertEqual({g.id for g in self.session(self.bo).goals_of_person(self.ada)}, {private, shared, public})
        colleague = self.add_person("DEE", "Dee", unit=self.lab, start=JAN)
        self.assertEqual({g.id for g in self.session(colleague).goals_of_person(self.ada)}, {shared, public})

    def test_goal_tree_yields_depth_and_goal(self) -> None:
        root = self.goal("Root")
        a = self.goal("A", parent=root, due=D(2025, 4, 30))
        a1 = self.goal("A1", parent=a)
        b = self.goal("B", parent=root, due=D(2025, 5, 31))
        it = self.sys.goal_tree(root)
        self.assertIsInstance(it, perfmgmt.GoalTreeIterator)
        tree = [(depth, g.id) for depth, g in it]
        self.assertEqual(tree, [(1, a), (2, a1), (1, b)])
        self.assertEqual(list(self.sys.goal_tree(a1)), [])

    def test_goals_needing_attention(self) -> None:
        behind = self.active_goal("Behind", start=D(2025, 2, 1), due=D(2025, 3, 10))
        self.sys.add_progress(behind, 0.0)
        fine = self.active_goal("Fine", start=D(2025, 2, 1), due=D(2025, 3, 10))
        self.sys.add_progress(fine, 1.0)
        self.assertEqual([g.id for g in self.sys.goals_needing_attention(self.bo)], [behind])
        self.assertEqual(
            [g.id for g in self.sys.goals_needing_attention(self.bo, D(2025, 2, 1), on_track=1.0, at_risk=1.0)], []
        )
        self.assertError(
            perfmgmt.PermissionDenied, lambda: list(self.session(self.cy).goals_needing_attention(self.bo))
        )
        self.assertError(
            perfmgmt.InvalidArgument, lambda: self.sys.goals_needing_attention(self.bo, stale_days=0)
        )


class AccessAndErrorTest(GoalTestCase):
    def test_refusals_the_c_docs_list_on_create(self) -> None:
        self.assertError(
            perfmgmt.InvalidArgument,
            lambda: self.sys.create_goal(self.ada, "Backwards", D(2024, 12, 31), start=JAN),
            "goal.due: 2024-12-31 is before the start 2025-01-01",
        )
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.create_goal(self.ada, "No due", None), "goal.due")  # type: ignore[arg-type]
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.create_goal(self.ada, "", JUN), "goal.title")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.goal(weight=-1), "goal.weight")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.goal(kind=9))
        self.assertError(perfmgmt.InvalidArgument, lambda: self.goal(visibility=0))
        self.assertError(perfmgmt.OutOfRange, lambda: self.goal("x" * 201), "goal.title")
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.goal("Bad \udcff"))
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.goal("A\0B"))
        self.assertError(perfmgmt.NotFound, lambda: self.goal(owner=4242), "goal.owner", "4242")
        self.assertError(perfmgmt.NotFound, lambda: self.goal(parent=4242), "4242")
        self.assertError(perfmgmt.NotFound, lambda: self.goal(unit=4242), "4242")
        self.sys.set_left(self.cy, JAN)
        self.assertError(perfmgmt.InvalidArgument, lambda: self.goal(owner=self.cy))
        self.assertEqual(list(self.sys.goals_of_person(self.ada, include_closed=True)), [])

    def test_who_may_read_and_change_a_goal(self) -> None:
        gid = self.goal()
        self.assertEqual(self.session(self.ada).get_goal(gid).id, gid)
        self.assertEqual(self.session(self.bo).get_goal(gid).id, gid)
        outsider = self.session(self.cy)
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.get_goal(gid), "private goal")
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.create_goal(self.ada, "For Ada", JUN))
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.set_goal_state(gid, GoalState.ACTIVE))
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.add_key_result(gid, "KR", 1.0))
        self.assertError(perfmgmt.PermissionDenied, lambda: list(outsider.key_results(gid)))
        self.assertError(perfmgmt.PermissionDenied, lambda: list(outsider.progress_history(gid)))
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.evaluate_goal(gid))
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.goal_tree(gid))
        self.sys.update_goal(gid, visibility=Visibility.PUBLIC)
        self.assertEqual(outsider.get_goal(gid).id, gid)
        self.assertError(perfmgmt.PermissionDenied, lambda: outsider.update_goal(gid, title="Mine"))

    def test_unknown_ids_are_not_found(self) -> None:
        for call in (
            lambda: self.sys.get_goal(4242),
            lambda: self.sys.set_goal_state(4242, GoalState.ACTIVE),
            lambda: self.sys.key_results(4242),
            lambda: self.sys.progress_history(4242),
            lambda: self.sys.goal_tree(4242),
            lambda: self.sys.goals_of_person(4242),
            lambda: self.sys.goals_of_unit(4242),
            lambda: self.sys.add_progress(4242, 0.5),
        ):
            with self.subTest(call=call):
                self.assertError(perfmgmt.NotFound, call, "4242")


class HandleAndTypeTest(GoalTestCase):
    def test_closed_session_raises_misuse(self) -> None:
        gid = self.goal()
        s = self.db.system_session()
        s.close()
        calls = [
            lambda: s.create_goal(self.ada, "X", JUN),
            lambda: s.update_goal(gid, title="X"),
            lambda: s.update_goal(gid, due=JUN),
            lambda: s.set_goal_state(gid, GoalState.ACTIVE),
            lambda: s.get_goal(gid),
            lambda: s.add_key_result(gid, "KR", 1.0),
            lambda: s.remove_key_result(1),
            lambda: s.key_results(gid),
            lambda: s.add_progress(gid, 0.5),
            lambda: s.progress_history(gid),
            lambda: s.evaluate_goal(gid),
            lambda: s.goals_of_person(self.ada),
            lambda: s.goals_of_unit(self.lab),
            lambda: s.goal_tree(gid),
            lambda: s.goals_needing_attention(self.bo),
        ]
        for i, call in enumerate(calls):
            with self.subTest(i=i), self.assertRaises(perfmgmt.Misuse) as cm:
                call()
            self.assertIn("session: used after it was closed", cm.exception.message)

    def test_iterators_close_with_their_store(self) -> None:
        root = self.goal("Root")
        self.goal("A", parent=root)
        self.goal("B", parent=root)
        kr_goal = self.active_goal("KRs")
        self.sys.add_key_result(kr_goal, "A", 1.0)
        self.sys.add_key_result(kr_goal, "B", 1.0)
        self.sys.add_progress(kr_goal, 0.5, key_result=next(self.sys.key_results(kr_goal)).id)
        its = [
            self.sys.goals_of_person(self.ada),
            self.sys.goal_tree(root),
            self.sys.key_results(kr_goal),
            self.sys.progress_history(kr_goal),
        ]
        for it in its:
            next(it)
        self.db.close()
        for it in its:
            self.assertTrue(it.closed)
            with self.assertRaises(perfmgmt.Misuse):
                next(it)

    def test_iterator_ends_and_frees_itself(self) -> None:
        root = self.goal("Root")
        self.goal("A", parent=root)
        with self.sys.goal_tree(root) as it:
            self.assertEqual(len(list(it)), 1)
            self.assertTrue(it.closed)
            with self.assertRaises(StopIteration):
                next(it)

    def test_wrong_types_raise_type_error_before_c(self) -> None:
        s = self.sys
        gid = self.goal()
        calls = [
            lambda: s.create_goal("1", "X", JUN),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, None, JUN),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", "2025-06-30"),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", dt.datetime(2025, 6, 30)),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, unit="Lab"),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, description=b"x"),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, kind="performance"),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, kind=Visibility.PUBLIC),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, kind=True),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, start=20250101),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, weight="1"),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, weight=None),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, visibility=GoalKind.PERFORMANCE),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, parent=1.0),  # type: ignore[arg-type]
            lambda: s.create_goal(self.ada, "X", JUN, source_checkin="1"),  # type: ignore[arg-type]
            lambda: s.update_goal("1", title="X"),  # type: ignore[arg-type]
            lambda: s.update_goal(gid, title=None),  # type: ignore[arg-type]
            lambda: s.update_goal(gid, due="2025-06-30"),  # type: ignore[arg-type]
            lambda: s.update_goal(gid, weight=True),  # type: ignore[arg-type]
            lambda: s.set_goal_state(gid, "active"),  # type: ignore[arg-type]
            lambda: s.set_goal_state(gid, GoalKind.DEVELOPMENT),  # type: ignore[arg-type]
            lambda: s.get_goal(None),  # type: ignore[arg-type]
            lambda: s.add_key_result(gid, "KR", "10"),  # type: ignore[arg-type]
            lambda: s.add_key_result(gid, "KR", 10, baseline=None),  # type: ignore[arg-type]
            lambda: s.add_key_result(gid, "KR", 10, commit="5"),  # type: ignore[arg-type]
            lambda: s.add_key_result(gid, "KR", 10, unit=5),  # type: ignore[arg-type]
            lambda: s.add_key_result(gid, "KR", 10, kind=Zone.FAIL),  # type: ignore[arg-type]
            lambda: s.remove_key_result("1"),  # type: ignore[arg-type]
            lambda: s.key_results(1.0),  # type: ignore[arg-type]
            lambda: s.add_progress(gid, "0.5"),  # type: ignore[arg-type]
            lambda: s.add_progress(gid, 0.5, confidence=5.0),  # type: ignore[arg-type]
            lambda: s.add_progress(gid, 0.5, comment=1),  # type: ignore[arg-type]
            lambda: s.add_progress(gid, 0.5, key_result="1"),  # type: ignore[arg-type]
            lambda: s.progress_history(None),  # type: ignore[arg-type]
            lambda: s.evaluate_goal(gid, "2025-03-01"),  # type: ignore[arg-type]
            lambda: s.evaluate_goal(gid, on_track="0.1"),  # type: ignore[arg-type]
            lambda: s.evaluate_goal(gid, stale_days=1.5),  # type: ignore[arg-type]
            lambda: s.goals_of_person(self.ada, include_closed=1),  # type: ignore[arg-type]
            lambda: s.goals_of_unit("Lab"),  # type: ignore[arg-type]
            lambda: s.goal_tree(gid, include_closed="yes"),  # type: ignore[arg-type]
            lambda: s.goals_needing_attention(self.bo, on=dt.datetime(2025, 3, 1)),  # type: ignore[arg-type]
        ]
        for i, call in enumerate(calls):
            with self.subTest(i=i), self.assertRaises(TypeError):
                call()
        # Nothing reached the store.
        self.assertEqual([g.id for g in s.goals_of_person(self.ada, include_closed=True)], [gid])
        self.assertEqual(s.get_goal(gid).title, "Ship")
        self.assertEqual(list(s.key_results(gid)), [])


if __name__ == "__main__":
    unittest.main()
