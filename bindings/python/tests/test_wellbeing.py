"""Metrics, measurements and the instrument scoring functions, through
Session and the module."""

from __future__ import annotations

import dataclasses
import math
import unittest

import perfmgmt
from perfmgmt import (
    BuiltinMetric,
    Enps,
    Measurement,
    MeasurementSource,
    Metric,
    MetricDirection,
    Who5,
)
from wellbeing_support import MON, D, WellbeingTestCase, at

FEB = D(2025, 2, 3)


class MetricTest(WellbeingTestCase):
    def test_create_and_get_reads_every_field(self) -> None:
        mid = self.session(self.hal).create_metric("Workload", 1, 5, unit="points",
                                                   direction=MetricDirection.LOWER_IS_BETTER,
                                                   reliability=0.8)  # fmt: skip
        metric = self.session(self.ada).get_metric(mid)  # anyone reads metrics
        self.assertEqual(metric, Metric(mid, "Workload", "points", 1.0, 5.0, MetricDirection.LOWER_IS_BETTER,
                                        0.8, None))  # fmt: skip
        with self.assertRaises(dataclasses.FrozenInstanceError):
            metric.max = 7  # type: ignore[misc]
        # The defaults: no unit, higher is better, reliability unknown.
        plain = self.sys.get_metric(self.sys.create_metric("Balance", 0, 10.5))
        self.assertEqual((plain.unit, plain.direction, plain.reliability, plain.max),
                         (None, MetricDirection.HIGHER_IS_BETTER, None, 10.5))  # fmt: skip

    def test_builtin_metrics_are_defined_once_and_read_as_published(self) -> None:
        me = self.session(self.ada)
        who5 = me.builtin_metric(BuiltinMetric.WHO5)
        self.assertEqual(self.sys.builtin_metric(BuiltinMetric.WHO5), who5)
        metric = me.get_metric(who5)
        self.assertEqual((metric.builtin, metric.min, metric.max, metric.direction),
                         (BuiltinMetric.WHO5, 0.0, 100.0, MetricDirection.HIGHER_IS_BETTER))  # fmt: skip
        cbi = me.get_metric(me.builtin_metric(BuiltinMetric.CBI_WORK))
        self.assertEqual((cbi.builtin, cbi.direction), (BuiltinMetric.CBI_WORK, MetricDirection.LOWER_IS_BETTER))
        mood = me.get_metric(me.builtin_metric(BuiltinMetric.CHECKIN_MOOD))
        self.assertEqual((mood.min, mood.max), (1.0, 5.0))
        ids = {me.builtin_metric(b) for b in BuiltinMetric}
        self.assertEqual(len(ids), len(BuiltinMetric))

    def test_metrics_are_listed_by_name(self) -> None:
        self.sys.create_metric("Balance", 1, 5)
        names = [m.name for m in self.session(self.cy).metrics()]
        self.assertEqual(names, sorted(names))
        self.assertIn("Balance", names)
        self.assertIn("Energy", names)

    def test_refusals_carry_the_library_message(self) -> None:
        s = self.sys
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_metric(" ", 1, 5), "metric.name")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_metric("x", 5, 5), "metric.max")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_metric("x", math.nan, 5), "metric.min")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_metric("x", 1, math.inf), "metric.max")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_metric("x", 1, 5, reliability=1.5),
                         "metric.reliability")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_metric("x", 1, 5, direction=9),
                         "metric.direction")  # fmt: skip
        self.assertError(perfmgmt.OutOfRange, lambda: s.create_metric("x" * 201, 1, 5), "metric.name")
        self.assertError(perfmgmt.Conflict, lambda: s.create_metric("Energy", 1, 5), "metric.name")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).create_metric("x", 1, 5))
        self.assertError(perfmgmt.InvalidArgument, lambda: s.builtin_metric(99), "metric.builtin")
        self.assertError(perfmgmt.NotFound, lambda: s.get_metric(4242), "4242")
        self.assertEqual([m.name for m in s.metrics()], ["Energy"])


class MeasurementTest(WellbeingTestCase):
    def test_people_record_and_read_back_their_own(self) -> None:
        me = self.session(self.ada)
        first = me.add_measurement(self.ada, self.energy, 4, at=at(FEB))
        now = me.add_measurement(self.ada, self.energy, 2.5)
        later = self.sys.add_measurement(self.ada, self.energy, 3, at=at(D(2025, 2, 10)),
                                         source=MeasurementSource.IMPORT)  # fmt: skip
        self.assertEqual(
            list(me.my_measurements(self.energy)),
            [
                Measurement(first, self.energy, 4.0, at(FEB), MeasurementSource.MANUAL, self.lab),
                Measurement(later, self.energy, 3.0, at(D(2025, 2, 10)), MeasurementSource.IMPORT, self.lab),
                Measurement(now, self.energy, 2.5, at(MON), MeasurementSource.MANUAL, self.lab),
            ],
        )
        # Bounds are inclusive; without a metric every metric is listed.
        between = me.my_measurements(since=at(FEB), until=at(D(2025, 2, 10)))
        self.assertEqual([m.id for m in between], [first, later])
        self.assertEqual([m.id for m in me.my_measurements(since=at(D(2025, 2, 4)))], [later, now])

    def test_nobody_else_reads_them(self) -> None:
        self.session(self.ada).add_measurement(self.ada, self.energy, 4)
        # Not her manager, not HR: each lists only their own (none).
        self.assertEqual(list(self.session(self.bo).my_measurements()), [])
        self.assertEqual(list(self.session(self.hal).my_measurements(self.energy)), [])
        self.assertError(perfmgmt.PermissionDenied, lambda: self.sys.my_measurements())

    def test_the_unit_is_the_one_the_person_was_in_then(self) -> None:
        self.sys.set_unit(self.ada, self.ops, D(2025, 2, 15))
        self.sys.add_measurement(self.ada, self.energy, 4, at=at(FEB), source=MeasurementSource.IMPORT)
        self.sys.add_measurement(self.ada, self.energy, 5, source=MeasurementSource.IMPORT)
        units = [m.unit for m in self.session(self.ada).my_measurements(self.energy)]
        self.assertEqual(units, [self.lab, self.ops])
        self.sys.add_measurement(self.hal, self.energy, 5, source=MeasurementSource.IMPORT)
        self.assertEqual([m.unit for m in self.session(self.hal).my_measurements()], [None])

    def test_a_check_in_mood_is_a_measurement_of_the_report(self) -> None:
        boss = self.session(self.bo)
        series = boss.create_checkin_series(self.bo, self.ada, start=MON)
        first = next(boss.checkins(series)).id
        boss.hold_checkin(first, mood=4)
        me = self.session(self.ada)
        (mood,) = me.my_measurements(me.builtin_metric(BuiltinMetric.CHECKIN_MOOD))
        self.assertEqual((mood.value, mood.source, mood.unit), (4.0, MeasurementSource.CHECKIN, self.lab))
        self.assertEqual(list(self.session(self.bo).my_measurements()), [])

    def test_refusals_carry_the_library_message(self) -> None:
        me, e = self.session(self.ada), self.energy
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_measurement(self.ada, e, 6), "measurement.value")
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_measurement(self.ada, e, math.nan),
                         "measurement.value")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_measurement(self.ada, e, 3, at=at(D(2025, 3, 4))),
                         "measurement.at", "in the future")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.add_measurement(self.ada, e, 3, source=MeasurementSource.SURVEY),
                         "measurement.source")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.add_measurement(self.ada, e, 3, source=MeasurementSource.CHECKIN),
                         "measurement.source")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.add_measurement(self.ada, e, 3, source=9),
                         "measurement.source")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: me.add_measurement(self.eve, e, 3))
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: me.add_measurement(self.ada, e, 3, source=MeasurementSource.IMPORT))  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: me.add_measurement(self.ada, 4242, 3), "4242")
        self.assertError(perfmgmt.NotFound, lambda: me.my_measurements(4242), "4242")
        self.assertError(perfmgmt.InvalidArgument, lambda: me.my_measurements(since=at(MON), until=at(FEB)))
        self.assertEqual(list(me.my_measurements()), [])


class ScoringTest(unittest.TestCase):
    def test_who5_scores_and_flags_as_published(self) -> None:
        self.assertEqual(perfmgmt.who5_score([5, 4, 3, 2, 1]), Who5(15, 60, False, False))
        self.assertEqual(perfmgmt.who5_score((3, 3, 3, 3, 1)), Who5(13, 52, False, False))
        self.assertEqual(perfmgmt.who5_score([3, 3, 3, 3, 0]), Who5(12, 48, True, False))
        self.assertEqual(perfmgmt.who5_score([2, 2, 1, 1, 1]), Who5(7, 28, True, True))
        self.assertEqual(perfmgmt.who5_score(iter([0] * 5)), Who5(0, 0, True, True))
        self.assertEqual(perfmgmt.who5_score([5] * 5), Who5(25, 100, False, False))

    def test_enps_counts_promoters_and_detractors(self) -> None:
        self.assertEqual(perfmgmt.enps_score([10, 9, 8, 7, 6, 0]), Enps(6, 2, 2, 2, 0.0))
        self.assertEqual(perfmgmt.enps_score([10, 10, 9, 0]), Enps(4, 3, 0, 1, 50.0))
        self.assertEqual(perfmgmt.enps_score([0, 6]), Enps(2, 0, 0, 2, -100.0))
        self.assertEqual(perfmgmt.enps_score([]), Enps(0, 0, 0, 0, 0.0))

    def test_cbi_is_the_mean_of_the_items(self) -> None:
        self.assertEqual(perfmgmt.cbi_score([0, 25, 50, 75, 100]), 50.0)
        self.assertAlmostEqual(perfmgmt.cbi_score([25, 50, 50, 75, 75, 100]), 62.5, delta=1e-12)
        self.assertEqual(perfmgmt.cbi_score([100]), 100.0)

    def test_bad_answers_are_refused(self) -> None:
        for call in (
            lambda: perfmgmt.who5_score([6, 0, 0, 0, 0]),
            lambda: perfmgmt.who5_score([-1, 0, 0, 0, 0]),
            lambda: perfmgmt.enps_score([11]),
            lambda: perfmgmt.enps_score([5, -1]),
            lambda: perfmgmt.cbi_score([]),
            lambda: perfmgmt.cbi_score([30]),
        ):
            with self.assertRaises(perfmgmt.InvalidArgument) as cm:
                call()
            self.assertIs(cm.exception.code, perfmgmt.Status.EINVAL)
            self.assertTrue(cm.exception.message)
        with self.assertRaises(ValueError):
            perfmgmt.who5_score([1, 2, 3, 4])  # C reads exactly five
        with self.assertRaises(ValueError):
            perfmgmt.who5_score([1, 2, 3, 4, 5, 0])
        for call in (
            lambda: perfmgmt.who5_score(None),  # type: ignore[arg-type]
            lambda: perfmgmt.who5_score("12345"),  # type: ignore[arg-type]
            lambda: perfmgmt.who5_score([1.0, 2, 3, 4, 5]),  # type: ignore[list-item]
            lambda: perfmgmt.enps_score(9),  # type: ignore[arg-type]
            lambda: perfmgmt.enps_score([True]),  # type: ignore[list-item]
            lambda: perfmgmt.cbi_score(b"\x00"),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()


class WellbeingTypesTest(WellbeingTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s = self.sys
        for call in (
            lambda: s.create_metric(None, 1, 5),  # type: ignore[arg-type]
            lambda: s.create_metric("x", "1", 5),  # type: ignore[arg-type]
            lambda: s.create_metric("x", 1, None),  # type: ignore[arg-type]
            lambda: s.create_metric("x", 1, 5, unit=1),  # type: ignore[arg-type]
            lambda: s.create_metric("x", 1, 5, direction=MeasurementSource.MANUAL),  # type: ignore[arg-type]
            lambda: s.create_metric("x", 1, 5, reliability="0.8"),  # type: ignore[arg-type]
            lambda: s.builtin_metric(MetricDirection.HIGHER_IS_BETTER),  # type: ignore[arg-type]
            lambda: s.builtin_metric(None),  # type: ignore[arg-type]
            lambda: s.get_metric("Energy"),  # type: ignore[arg-type]
            lambda: s.add_measurement(None, self.energy, 3),  # type: ignore[arg-type]
            lambda: s.add_measurement(self.ada, self.energy, "3"),  # type: ignore[arg-type]
            lambda: s.add_measurement(self.ada, self.energy, 3, at=MON),  # type: ignore[arg-type]
            lambda: s.add_measurement(self.ada, self.energy, 3, source=BuiltinMetric.WHO5),  # type: ignore[arg-type]
            lambda: s.my_measurements("energy"),  # type: ignore[arg-type]
            lambda: s.my_measurements(since=MON),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()
        with self.assertRaises(ValueError):  # a naive datetime has no defined instant
            s.add_measurement(self.ada, self.energy, 3, at=at(MON).replace(tzinfo=None))

    def test_closed_session_and_iterators_raise_misuse(self) -> None:
        me = self.db.session(self.ada)
        me.add_measurement(self.ada, self.energy, 3)
        metrics, mine = me.metrics(), me.my_measurements()
        me.close()
        self.assertMisuse(lambda: me.create_metric("x", 1, 5))
        self.assertMisuse(lambda: me.builtin_metric(BuiltinMetric.WHO5))
        self.assertMisuse(lambda: me.get_metric(self.energy))
        self.assertMisuse(lambda: me.add_measurement(self.ada, self.energy, 3))
        self.assertMisuse(lambda: me.my_measurements())
        self.assertMisuse(lambda: next(metrics))
        self.assertMisuse(lambda: next(mine))

    def test_records_outlive_the_store(self) -> None:
        metric = self.sys.get_metric(self.energy)
        self.db.close()
        self.assertEqual((metric.name, metric.unit), ("Energy", "points"))


if __name__ == "__main__":
    unittest.main()
