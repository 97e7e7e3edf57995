"""Before-and-after evaluations, trends and pattern flags, through Session.

The statistics are the C library's (verified there against published
examples); here each figure is checked against an independent computation
in Python, to the tolerance written next to it, so a field copied from the
wrong place cannot pass.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
import unittest

import perfmgmt
from perfmgmt import EnrolmentResult, FlagKind, MeasurementSource, Period, TrendPeriod
from wellbeing_support import JAN, MON, D, WellbeingTestCase, at

TOL = 1e-9
# t(0.975, 4), from the closed form of the t distribution with 4 degrees of freedom.
T975_DF4 = 2.7764451051977987
PRE = [50.0, 60.0, 55.0, 70.0, 65.0]
POST = [60.0, 62.0, 62.0, 67.0, 70.0]  # changes 10, 2, 7, -3, 5
COMPARISON = [(50.0, 52.0), (60.0, 59.0), (40.0, 42.0)]  # changes 2, -1, 2


def t_sf_two_sided_df4(t: float) -> float:
    """Two-sided p of Student's t with 4 degrees of freedom (closed form)."""
    u = t * t / 4.0
    x = abs(t) / math.sqrt(1.0 + u)
    cdf = 0.5 + 0.375 * x * (1.0 - x * x / 12.0)
    return 2.0 * (1.0 - cdf)


class EvaluationTestCase(WellbeingTestCase):
    """The metric ``index`` (0-100, reliability 0.8); Gus, Ivy and Jo in
    Ops; participants Max, Bo, Ada, Eve, Fay (and Gus, never measured);
    comparison Cy, Ivy and Jo."""

    def setUp(self) -> None:
        super().setUp()
        self.index = self.sys.create_metric("Wellbeing index", 0, 100, reliability=0.8)
        self.gus = self.add_person("GUS", "Gus", unit=self.ops, start=JAN)
        self.ivy = self.add_person("IVY", "Ivy", unit=self.ops, start=JAN)
        self.jo = self.add_person("JO", "Jo", unit=self.ops, start=JAN)
        self.participants = [*self.lab_people, self.gus]
        self.comparison = [self.cy, self.ivy, self.jo]

    def explicit(self, min_group: int = 3) -> int:
        """An evaluation with explicit values: PRE/POST for the Lab people,
        COMPARISON for the comparison group, nothing for Gus."""
        s = self.sys
        eid = s.create_evaluation("Mindfulness course", self.index, participants=self.participants,
                                  comparison=self.comparison, min_group=min_group)  # fmt: skip
        for person, pre, post in zip(self.lab_people, PRE, POST):
            s.set_evaluation_values(eid, person, pre, post)
        for person, (pre, post) in zip(self.comparison, COMPARISON):
            s.set_evaluation_values(eid, person, pre, post)
        return eid


class EvaluationTest(EvaluationTestCase):
    def test_explicit_values_give_every_statistic(self) -> None:
        r = self.session(self.hal).evaluation_result(self.explicit())
        with self.assertRaises(dataclasses.FrozenInstanceError):
            r.n = 3  # type: ignore[misc]
        self.assertEqual((r.suppressed, r.participants, r.n, r.missing_pre, r.missing_post), (False, 6, 5, 1, 1))
        changes = [b - a for a, b in zip(PRE, POST)]
        sd_change = statistics.stdev(changes)
        self.assertAlmostEqual(r.pre_mean, statistics.mean(PRE), delta=TOL)
        self.assertAlmostEqual(r.post_mean, statistics.mean(POST), delta=TOL)
        self.assertAlmostEqual(r.pre_sd, statistics.stdev(PRE), delta=TOL)
        self.assertAlmostEqual(r.post_sd, statistics.stdev(POST), delta=TOL)
        self.assertAlmostEqual(r.mean_change, 4.2, delta=TOL)
        self.assertAlmostEqual(r.sd_change, sd_change, delta=TOL)
        t = 4.2 / (sd_change / math.sqrt(5))
        self.assertAlmostEqual(r.t, t, delta=TOL)
        self.assertEqual(r.df, 4)
        # p to 1e-6 relative: the reference is the closed form for df = 4.
        self.assertAlmostEqual(r.p, t_sf_two_sided_df4(t), delta=1e-6 * t_sf_two_sided_df4(t))
        half = T975_DF4 * sd_change / math.sqrt(5)
        self.assertAlmostEqual(r.ci_low, 4.2 - half, delta=1e-7)
        self.assertAlmostEqual(r.ci_high, 4.2 + half, delta=1e-7)
        self.assertAlmostEqual(r.d_z, 4.2 / sd_change, delta=TOL)
        # g_av: d_av times a small-sample correction below 1 (0.8 by
        # 1 - 3 / (4 df - 1), about 0.9 by 1 - 3 / (8 n - 9)).
        d_av = 4.2 / ((statistics.stdev(PRE) + statistics.stdev(POST)) / 2)
        assert r.g_av is not None
        self.assertTrue(0.75 * d_av <= r.g_av < d_av, (r.g_av, d_av))
        # Wilcoxon: |changes| 10, 2, 7, 3, 5 rank 5, 1, 4, 2, 3; W+ = 13;
        # exactly 3 of the 32 sign patterns reach 13, so p = 2 * 3 / 32.
        self.assertEqual((r.wilcoxon_w, r.wilcoxon_n, r.wilcoxon_exact), (13.0, 5, True))
        self.assertAlmostEqual(r.wilcoxon_p, 6 / 32, delta=TOL)
        # Difference in differences against the comparison change of 1.
        self.assertEqual((r.has_comparison, r.comparison_n), (True, 3))
        self.assertAlmostEqual(r.comparison_change, 1.0, delta=TOL)
        self.assertAlmostEqual(r.did, 3.2, delta=TOL)
        assert r.did_ci_low is not None and r.did_ci_high is not None
        self.assertAlmostEqual((r.did_ci_low + r.did_ci_high) / 2, 3.2, delta=TOL)
        self.assertLess(r.did_ci_low, 3.2)
        # RCI: SD of the pre values 7.906, reliability 0.8: SE of a
        # difference sqrt(2 * 62.5 * 0.2) = 5; only the change of 10 (RCI 2)
        # is beyond 1.96.
        self.assertEqual((r.has_rci, r.reliable_improved, r.reliable_worsened), (True, 1, 0))
        self.assertAlmostEqual(r.reliable_share, 0.2, delta=TOL)

    def test_without_comparison_or_reliability_those_fields_are_none(self) -> None:
        metric = self.sys.create_metric("Plain", 0, 100)
        eid = self.sys.create_evaluation("Walks", metric, participants=self.lab_people)
        for person, pre, post in zip(self.lab_people, PRE, POST):
            self.sys.set_evaluation_values(eid, person, pre, post)
        r = self.sys.evaluation_result(eid)
        self.assertEqual((r.suppressed, r.n, r.has_comparison, r.has_rci), (False, 5, False, False))
        self.assertEqual((r.comparison_n, r.comparison_change, r.did, r.did_ci_low, r.did_ci_high),
                         (None, None, None, None, None))  # fmt: skip
        self.assertEqual((r.reliable_improved, r.reliable_worsened, r.reliable_share), (None, None, None))

    def test_below_the_minimum_group_only_counts_are_given(self) -> None:
        r = self.sys.evaluation_result(self.explicit(min_group=6))
        self.assertEqual((r.suppressed, r.participants, r.n, r.missing_pre, r.missing_post), (True, 6, 5, 1, 1))
        figures = dataclasses.asdict(r)
        for name in ("suppressed", "participants", "n", "missing_pre", "missing_post", "has_comparison", "has_rci"):
            figures.pop(name)
        self.assertEqual(set(figures.values()), {None})

    def test_values_are_replaced_and_fewer_than_two_pairs_refused(self) -> None:
        s = self.sys
        eid = s.create_evaluation("Walks", self.index, participants=self.lab_people)
        s.set_evaluation_values(eid, self.ada, 10, 20)
        self.assertError(perfmgmt.InvalidArgument, lambda: s.evaluation_result(eid), "evaluation", "at least 2")
        s.set_evaluation_values(eid, self.eve, 30, 50)
        s.set_evaluation_values(eid, self.eve, 30, 40)  # replaces
        s.set_evaluation_values(eid, self.fay, 50, 50)
        r = s.evaluation_result(eid)
        self.assertEqual((r.suppressed, r.n, r.missing_pre), (True, 3, 2))  # min_group 5 by default

    def test_windows_take_each_persons_mean_measurement(self) -> None:
        s = self.sys
        pre, post = (at(D(2025, 1, 1), 0), at(D(2025, 1, 31), 23)), (at(D(2025, 2, 1), 0), at(D(2025, 2, 28), 23))
        for person, before, after in zip(self.lab_people, PRE, POST):
            # Two measurements before, averaging to the PRE value.
            for day, delta in ((D(2025, 1, 10), -2), (D(2025, 1, 20), 2)):
                s.add_measurement(person, self.index, before + delta, at=at(day), source=MeasurementSource.IMPORT)
            s.add_measurement(person, self.index, after, at=at(D(2025, 2, 14)), source=MeasurementSource.IMPORT)
        # Outside both windows: not counted.
        s.add_measurement(self.ada, self.index, 0, at=at(MON), source=MeasurementSource.IMPORT)
        s.add_measurement(self.gus, self.index, 50, at=at(D(2025, 1, 5)), source=MeasurementSource.IMPORT)
        eid = s.create_evaluation("Mindfulness course", self.index, participants=self.participants,
                                  pre=pre, post=post)  # fmt: skip
        r = s.evaluation_result(eid)
        self.assertEqual((r.participants, r.n, r.missing_pre, r.missing_post), (6, 5, 0, 1))
        self.assertAlmostEqual(r.pre_mean, statistics.mean(PRE), delta=TOL)
        self.assertAlmostEqual(r.post_mean, statistics.mean(POST), delta=TOL)
        self.assertAlmostEqual(r.mean_change, 4.2, delta=TOL)
        self.assertError(perfmgmt.InvalidArgument, lambda: s.set_evaluation_values(eid, self.ada, 1, 2))

    def test_a_programme_evaluates_those_who_completed_it(self) -> None:
        s = self.sys
        scale = s.create_scale("Levels", ["Novice", "Expert"])
        calm = s.create_competency("Calm", "Wellbeing", scale)
        programme = s.create_programme("Mindfulness", [calm])
        for person in self.lab_people[:3]:
            s.create_plan(person, D(2025, 12, 31), start=JAN)
            s.enrol(programme, person)
            s.complete_enrolment(programme, person, EnrolmentResult.PASSED)
        eid = s.create_evaluation("Mindfulness", self.index, programme=programme, min_group=3)
        for person, pre, post in zip(self.lab_people[:3], PRE, POST):
            s.set_evaluation_values(eid, person, pre, post)
        r = s.evaluation_result(eid)
        self.assertEqual((r.participants, r.n, r.suppressed), (3, 3, False))
        self.assertAlmostEqual(r.mean_change, statistics.mean([10.0, 2.0, 7.0]), delta=TOL)

    def test_refusals_carry_the_library_message(self) -> None:
        s, m = self.sys, self.index
        people = self.lab_people
        window = (at(D(2025, 1, 1)), at(D(2025, 1, 31)))
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_evaluation(" ", m, participants=people),
                         "evaluation.title")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_evaluation("x", m, participants=[]),
                         "evaluation.participants")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_evaluation("x", m), "evaluation.participants")
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.create_evaluation("x", m, participants=[self.ada, self.ada]),
                         "evaluation.participants", "twice")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.create_evaluation("x", m, participants=people, comparison=[self.ada]),
                         "evaluation.comparison")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.create_evaluation("x", m, participants=people, min_group=2), "evaluation.min_group")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.create_evaluation("x", m, participants=people, pre=(window[1], window[0]),
                                                     post=(at(MON), at(MON))), "evaluation.pre_to")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.create_evaluation("x", m, participants=people, pre=window, post=window),
                         "evaluation.post_from")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: s.create_evaluation("x", 4242, participants=people), "4242")
        self.assertError(perfmgmt.NotFound, lambda: s.create_evaluation("x", m, participants=[4242]), "4242")
        self.assertError(perfmgmt.NotFound, lambda: s.create_evaluation("x", m, programme=4242), "4242")
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.session(self.max).create_evaluation("x", m, participants=people))  # fmt: skip
        eid = s.create_evaluation("x", m, participants=people)
        self.assertError(perfmgmt.InvalidArgument, lambda: s.set_evaluation_values(eid, self.ada, 101, 50))
        self.assertError(perfmgmt.InvalidArgument, lambda: s.set_evaluation_values(eid, self.ada, 50, math.nan))
        self.assertError(perfmgmt.NotFound, lambda: s.set_evaluation_values(eid, self.cy, 50, 50))
        self.assertError(perfmgmt.NotFound, lambda: s.evaluation_result(4242), "4242")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.max).evaluation_result(eid))


class TrendTest(WellbeingTestCase):
    """Monthly energy of the five Lab people, March to August, with the
    clock on 1 September."""

    MEANS = [4.6, 4.4, 4.0, 3.8, 3.4, 3.2]

    def setUp(self) -> None:
        super().setUp()
        self.today = D(2025, 9, 1)
        for month, mean in enumerate(self.MEANS, start=3):
            # Five values around the month's mean, one per person.
            for person, offset in zip(self.lab_people, (-0.4, -0.2, 0.0, 0.2, 0.4)):
                self.sys.add_measurement(person, self.energy, round(mean + offset, 1),
                                         at=at(D(2025, month, 10)), source=MeasurementSource.IMPORT)  # fmt: skip

    def test_periods_and_tests_over_the_shown_points(self) -> None:
        trend = self.session(self.hal).trend(self.energy, D(2025, 3, 1), D(2025, 8, 31), unit=self.lab,
                                             min_group=3)  # fmt: skip
        self.assertEqual([p.start for p in trend.periods], [D(2025, m, 1) for m in range(3, 9)])
        for period, mean in zip(trend.periods, self.MEANS):
            self.assertEqual((period.suppressed, period.people, period.n), (False, 5, 5))
            self.assertAlmostEqual(period.mean, mean, delta=TOL)
        self.assertEqual(trend.points, 6)
        x, y = list(range(6)), self.MEANS
        sxx = sum((v - 2.5) ** 2 for v in x)
        slope = sum((a - 2.5) * (b - statistics.mean(y)) for a, b in zip(x, y)) / sxx
        self.assertAlmostEqual(trend.slope, slope, delta=TOL)
        assert trend.slope_ci_low is not None and trend.slope_ci_high is not None
        self.assertAlmostEqual((trend.slope_ci_low + trend.slope_ci_high) / 2, slope, delta=TOL)
        self.assertLess(trend.slope_ci_high, 0)
        # Every later month is lower: S = -15; variance 6*5*17/18, no ties.
        self.assertEqual(trend.mk_s, -15)
        z = (-15 + 1) / math.sqrt(6 * 5 * 17 / 18)
        self.assertAlmostEqual(trend.mk_z, z, delta=TOL)
        self.assertAlmostEqual(trend.mk_p, math.erfc(abs(z) / math.sqrt(2)), delta=1e-6 * trend.mk_p)
        pairwise = sorted((y[j] - y[i]) / (j - i) for i in range(6) for j in range(i + 1, 6))
        self.assertAlmostEqual(trend.theil_sen, statistics.median(pairwise), delta=TOL)

    def test_small_groups_are_suppressed_and_leave_no_slope(self) -> None:
        trend = self.sys.trend(self.energy, D(2025, 3, 1), D(2025, 8, 31), period=Period.QUARTER)
        self.assertEqual([p.start for p in trend.periods], [D(2025, 1, 1), D(2025, 4, 1), D(2025, 7, 1)])
        self.assertEqual(trend.points, 3)
        ops = self.sys.trend(self.energy, D(2025, 3, 1), D(2025, 3, 31), unit=self.ops, period=Period.WEEK,
                             min_group=3)  # fmt: skip
        self.assertEqual(ops.periods[0], TrendPeriod(D(2025, 2, 24), True, 0, 0, None))  # ISO week of 1 March
        self.assertEqual((ops.points, ops.slope, ops.mk_s, ops.theil_sen), (0, None, None, None))
        five = self.sys.trend(self.energy, D(2025, 3, 1), D(2025, 8, 31), unit=self.lab, min_group=6)
        self.assertTrue(all(p.suppressed and p.mean is None for p in five.periods))

    def test_declining_wellbeing_raises_a_flag(self) -> None:
        flags = [f for f in self.session(self.hal).pattern_flags(D(2025, 3, 1), D(2025, 8, 31), unit=self.lab)
                 if f.kind == FlagKind.WELLBEING_DECLINING]  # fmt: skip
        self.assertEqual(len(flags), 1)
        (flag,) = flags
        self.assertEqual(flag.subject, self.energy)
        self.assertGreater(flag.before, flag.after)
        self.assertTrue(flag.basis)
        # Ops has no one measured: nothing to flag there.
        self.assertEqual([f for f in self.sys.pattern_flags(D(2025, 3, 1), D(2025, 8, 31), unit=self.ops)
                          if f.kind == FlagKind.WELLBEING_DECLINING], [])  # fmt: skip

    def test_refusals_carry_the_library_message(self) -> None:
        s, e = self.sys, self.energy
        self.assertError(perfmgmt.InvalidArgument, lambda: s.trend(e, D(2025, 8, 1), D(2025, 3, 1)), "trend.to")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.trend(e, D(2025, 3, 1), D(2025, 8, 1), period=7),
                         "trend.period")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.trend(e, D(2025, 3, 1), D(2025, 8, 1), min_group=11), "trend.min_group")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: s.trend(4242, D(2025, 3, 1), D(2025, 8, 1)), "4242")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.ada).trend(e, D(2025, 3, 1), D(2025, 8, 1)))
        self.assertError(perfmgmt.InvalidArgument, lambda: s.pattern_flags(D(2025, 3, 1), D(2025, 3, 10)))
        self.assertError(perfmgmt.NotFound, lambda: s.pattern_flags(D(2025, 3, 1), D(2025, 8, 1), unit=4242), "4242")
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.session(self.ada).pattern_flags(D(2025, 3, 1), D(2025, 8, 1)))  # fmt: skip


class EvaluationTypesTest(EvaluationTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s, m, people = self.sys, self.index, self.lab_people
        eid = s.create_evaluation("x", m, participants=people)
        day = (D(2025, 1, 1), D(2025, 1, 31))
        for call in (
            lambda: s.create_evaluation(None, m, participants=people),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", "m", participants=people),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", m, participants=self.ada),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", m, participants=["Ada"]),  # type: ignore[list-item]
            lambda: s.create_evaluation("x", m, participants=people, comparison=self.cy),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", m, participants=people, pre=day, post=day),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", m, participants=people, pre=[at(JAN), at(MON)]),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", m, participants=people, pre=(at(JAN),)),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", m, participants=people, min_group=None),  # type: ignore[arg-type]
            lambda: s.create_evaluation("x", m, programme="Mindfulness"),  # type: ignore[arg-type]
            lambda: s.set_evaluation_values(eid, self.ada, "1", 2),  # type: ignore[arg-type]
            lambda: s.set_evaluation_values(eid, None, 1, 2),  # type: ignore[arg-type]
            lambda: s.evaluation_result(str(eid)),  # type: ignore[arg-type]
            lambda: s.trend(m, None, MON),  # type: ignore[arg-type]
            lambda: s.trend(m, JAN, at(MON)),  # type: ignore[arg-type]
            lambda: s.trend(m, JAN, MON, period=FlagKind.GAP_WIDENING),  # type: ignore[arg-type]
            lambda: s.trend(m, JAN, MON, unit="Lab"),  # type: ignore[arg-type]
            lambda: s.pattern_flags(JAN, None),  # type: ignore[arg-type]
            lambda: s.pattern_flags(JAN, MON, unit=1.0),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_and_iterators_raise_misuse(self) -> None:
        hr = self.db.session(self.hal)
        eid = self.explicit()
        flags = hr.pattern_flags(D(2025, 1, 1), MON)
        hr.close()
        for call in (
            lambda: hr.create_evaluation("x", self.index, participants=self.lab_people),
            lambda: hr.set_evaluation_values(eid, self.ada, 1, 2),
            lambda: hr.evaluation_result(eid),
            lambda: hr.trend(self.index, JAN, MON),
            lambda: hr.pattern_flags(JAN, MON),
            lambda: next(flags),
        ):
            self.assertMisuse(call)


if __name__ == "__main__":
    unittest.main()
