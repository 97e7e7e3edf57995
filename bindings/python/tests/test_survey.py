"""Survey rounds: instruments, audience, answers that only the respondent
reads back, response rates, repeating pulses, and aggregates with
suppression and the differencing rule, through Session."""

from __future__ import annotations

import dataclasses
import unittest

import perfmgmt
from perfmgmt import (
    Aggregate,
    BuiltinMetric,
    Instrument,
    MeasurementSource,
    ResponseRate,
    Survey,
    SurveyAnswer,
    SurveyState,
)
from wellbeing_support import JAN, MON, D, WellbeingTestCase, at

CLOSES = D(2025, 3, 14)
WHO5, ENPS, PULSE = Instrument.WHO5, Instrument.ENPS, Instrument.PULSE


def who5(*items: int) -> list[SurveyAnswer]:
    return [SurveyAnswer(WHO5, i + 1, v) for i, v in enumerate(items)]


class SurveyTestCase(WellbeingTestCase):
    """A draft "March pulse" (threshold 3) asking WHO-5, eNPS and a pulse
    item on energy, addressed to Lab (five people) and Cy."""

    def setUp(self) -> None:
        super().setUp()
        s = self.sys
        self.survey = s.create_survey("March pulse", CLOSES, threshold=3)
        s.add_survey_instrument(self.survey, WHO5)
        s.add_survey_instrument(self.survey, ENPS)
        s.add_survey_instrument(self.survey, PULSE, metric=self.energy, text="How is your energy?")
        s.add_survey_audience(self.survey, unit=self.lab)
        s.add_survey_audience(self.survey, person=self.cy)

    def answer(self, person: int, who5_items: tuple[int, ...] = (4, 4, 3, 3, 2), enps: int = 9) -> None:
        self.session(person).respond_to_survey(self.survey, [*who5(*who5_items), SurveyAnswer(ENPS, 1, enps)])


class SurveyTest(SurveyTestCase):
    def test_create_open_and_get_read_every_field(self) -> None:
        self.assertEqual(
            self.session(self.ada).get_survey(self.survey),
            Survey(self.survey, "March pulse", SurveyState.DRAFT, MON, CLOSES, 3, 0, None, 0, 0, False),
        )
        self.sys.open_survey(self.survey)
        survey = self.sys.get_survey(self.survey)
        self.assertEqual((survey.state, survey.invited, survey.responded), (SurveyState.OPEN, 6, 0))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            survey.threshold = 5  # type: ignore[misc]
        pulse = self.sys.create_survey("Weekly", D(2025, 3, 7), opens=D(2025, 3, 4), repeat_days=7)
        self.assertEqual(self.sys.get_survey(pulse),
                         Survey(pulse, "Weekly", SurveyState.DRAFT, D(2025, 3, 4), D(2025, 3, 7),
                                perfmgmt._lib_wellbeing.PM_SURVEY_THRESHOLD_DEFAULT, 7, None, 0, 0, False))  # fmt: skip
        self.sys.close_survey(self.survey)
        self.assertEqual(self.sys.get_survey(self.survey).state, SurveyState.CLOSED)

    def test_answers_become_measurements_only_the_respondent_reads(self) -> None:
        self.sys.open_survey(self.survey)
        me = self.session(self.ada)
        answers = [SurveyAnswer(PULSE, 1, 2, metric=self.energy), SurveyAnswer(ENPS, 1, 10), *who5(5, 4, 3, 2, 1)]
        me.respond_to_survey(self.survey, answers)
        self.assertEqual(
            me.my_survey_answers(self.survey),
            (*who5(5, 4, 3, 2, 1), SurveyAnswer(ENPS, 1, 10), SurveyAnswer(PULSE, 1, 2, metric=self.energy)),
        )
        survey = me.get_survey(self.survey)
        self.assertEqual((survey.responded, survey.answered_by_me), (1, True))
        self.assertFalse(self.session(self.bo).get_survey(self.survey).answered_by_me)
        # Each instrument's score is a measurement, source survey.
        who5_metric = me.builtin_metric(BuiltinMetric.WHO5)
        (score,) = me.my_measurements(who5_metric)
        self.assertEqual((score.value, score.source, score.unit, score.at), (60.0, MeasurementSource.SURVEY,
                                                                             self.lab, at(MON)))  # fmt: skip
        self.assertEqual([m.value for m in me.my_measurements(self.energy)], [2.0])
        # Nobody else reads them: others have none, the system may not ask.
        self.assertEqual(self.session(self.bo).my_survey_answers(self.survey), ())
        self.assertEqual(self.session(self.hal).my_survey_answers(self.survey), ())
        self.assertError(perfmgmt.PermissionDenied, lambda: self.sys.my_survey_answers(self.survey))

    def test_instruments_left_out_are_skipped(self) -> None:
        self.sys.open_survey(self.survey)
        me = self.session(self.eve)
        me.respond_to_survey(self.survey, (SurveyAnswer(ENPS, 1, 3),))
        self.assertEqual(me.my_survey_answers(self.survey), (SurveyAnswer(ENPS, 1, 3),))
        self.assertEqual(list(me.my_measurements(me.builtin_metric(BuiltinMetric.WHO5))), [])

    def test_response_rates_per_unit_suppress_small_groups(self) -> None:
        # Ops: Cy and two more (3, the threshold); Hal, without a unit, alone.
        for code in ("OP1", "OP2"):
            self.sys.add_survey_audience(self.survey, person=self.add_person(code, unit=self.ops, start=JAN))
        self.sys.add_survey_audience(self.survey, person=self.hal)
        self.sys.open_survey(self.survey)
        for person in (self.ada, self.eve, self.fay, self.cy):
            self.answer(person)
        rates = list(self.session(self.hal).response_rates(self.survey))
        self.assertEqual(
            rates,
            [
                # Hal alone, below the threshold: nothing is told.
                ResponseRate(None, True, 0, 0, None),
                ResponseRate(self.lab, False, 5, 3, 0.6),
                # Shown, Ops would let the survey's totals minus Lab and Ops
                # tell Hal's answer: the smallest unit shown is hidden too.
                ResponseRate(self.ops, True, 0, 0, None),
            ],
        )
        self.assertEqual(self.sys.get_survey(self.survey).responded, 4)

    def test_a_repeating_pulse_renews_once_per_period(self) -> None:
        s = self.sys
        pulse = s.create_survey("Weekly", D(2025, 3, 7), repeat_days=7)
        s.add_survey_instrument(pulse, PULSE, metric=self.energy, text="Energy?")
        s.add_survey_audience(pulse, unit=self.lab)
        s.open_survey(pulse)
        self.assertEqual(s.renew_surveys(), 0)
        self.today = D(2025, 3, 10)
        self.assertEqual(s.renew_surveys(), 1)
        self.assertEqual(s.renew_surveys(D(2025, 3, 10)), 0)  # again the same day: nothing
        self.assertEqual(s.get_survey(pulse).state, SurveyState.CLOSED)
        # The new round follows the first, opened today with the same items.
        # (No call lists surveys: look for it among the ids after the first.)
        rounds = [r for r in range(pulse + 1, pulse + 500) if self._follows(r, pulse)]
        self.assertEqual(len(rounds), 1)
        nxt = s.get_survey(rounds[0])
        self.assertEqual((nxt.title, nxt.state, nxt.opens, nxt.repeat_days, nxt.invited),
                         ("Weekly", SurveyState.OPEN, D(2025, 3, 10), 7, 5))  # fmt: skip
        self.session(self.ada).respond_to_survey(nxt.id, [SurveyAnswer(PULSE, 1, 4, metric=self.energy)])

    def _follows(self, survey: int, previous: int) -> bool:
        try:
            return self.sys.get_survey(survey).previous == previous
        except (perfmgmt.NotFound, perfmgmt.InvalidArgument):
            return False

    def test_refusals_carry_the_library_message(self) -> None:
        s, sid = self.sys, self.survey
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_survey(" ", CLOSES), "survey.title")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_survey("x", D(2025, 3, 1), opens=MON),
                         "survey.closes")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_survey("x", CLOSES, threshold=2),
                         "survey.threshold")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_survey("x", CLOSES, repeat_days=3),
                         "survey.repeat_days")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).create_survey("x", CLOSES))
        self.assertError(perfmgmt.Conflict, lambda: s.add_survey_instrument(sid, WHO5), "survey_instrument")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.add_survey_instrument(sid, 9), "survey_instrument")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.add_survey_instrument(sid, Instrument.CBI_WORK,
                                                                                   text="Tired?"),
                         "survey_instrument.text")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.add_survey_audience(sid), "survey_audience")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.add_survey_audience(sid, unit=self.ops, person=self.cy),
                         "survey_audience")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: s.get_survey(4242), "4242")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.response_rates(sid), "draft")
        # Before it opens there is no audience to answer in.
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.session(self.ada).respond_to_survey(sid, who5(1, 1, 1, 1, 1)))  # fmt: skip
        s.open_survey(sid)
        self.assertError(perfmgmt.InvalidArgument, lambda: s.open_survey(sid), "survey")
        me = self.session(self.ada)
        self.assertError(perfmgmt.InvalidArgument, lambda: me.respond_to_survey(sid, who5(1, 1, 1, 1)),
                         "answers", "missing")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.respond_to_survey(sid, who5(1, 1, 1, 1, 9)),
                         "answers[4].value")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: me.respond_to_survey(sid, []), "answers")
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: me.respond_to_survey(sid, [SurveyAnswer(Instrument.CBI_WORK, 1, 50)]),
                         "answers[0].instrument")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.hal).respond_to_survey(sid, who5(1, 1, 1, 1, 1)))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.ada).response_rates(sid))
        me.respond_to_survey(sid, who5(1, 1, 1, 1, 1))
        self.assertError(perfmgmt.InvalidArgument, lambda: me.respond_to_survey(sid, who5(1, 1, 1, 1, 1)),
                         "answered", "already")  # fmt: skip
        s.close_survey(sid)
        self.assertError(perfmgmt.InvalidArgument, lambda: s.close_survey(sid), "survey")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.session(self.eve).respond_to_survey(sid, who5(1, 1, 1, 1, 1)),
                         "not open")  # fmt: skip
        self.assertEqual(self.sys.get_survey(sid).responded, 1)


class AggregateTest(WellbeingTestCase):
    """Core, a unit inside Lab, holds Ada, Eve and Fay from February; Max
    and Bo stay in Lab itself."""

    def setUp(self) -> None:
        super().setUp()
        self.core = self.sys.create_unit("Core", self.lab)
        for person in (self.ada, self.eve, self.fay):
            self.sys.set_unit(person, self.core, D(2025, 2, 1))

    def record(self, people: list[int], value: float = 3) -> None:
        for i, person in enumerate(people):
            self.sys.add_measurement(person, self.energy, value + i % 2, at=at(D(2025, 2, 10)),
                                     source=MeasurementSource.IMPORT)  # fmt: skip

    def aggregate(self, unit: int | None, min_group: int = 3) -> Aggregate:
        return self.sys.wellbeing_aggregate(self.energy, at(D(2025, 2, 1)), at(D(2025, 2, 28)), unit=unit,
                                            min_group=min_group)  # fmt: skip

    def test_groups_at_the_minimum_are_shown(self) -> None:
        self.record([self.ada, self.eve, self.fay])
        core = self.aggregate(self.core)
        self.assertEqual((core.suppressed, core.people, core.n), (False, 3, 3))
        self.assertAlmostEqual(core.mean or 0, 10 / 3, delta=1e-12)
        self.assertAlmostEqual(core.sd or 0, 0.5773502691896258, delta=1e-12)
        # No one else measured in Lab: the whole of Lab is Core's figure.
        self.assertEqual(self.aggregate(self.lab), core)
        self.assertEqual(self.aggregate(None), core)

    def test_below_the_minimum_nothing_is_told(self) -> None:
        self.record([self.ada, self.eve, self.fay])
        self.assertEqual(self.aggregate(self.core, min_group=5), Aggregate(True, 0, 0, None, None))
        self.assertEqual(self.session(self.bo).wellbeing_aggregate(self.energy, at(D(2025, 2, 1)), at(MON),
                                                                   unit=self.core, min_group=5).suppressed, True)  # fmt: skip

    def test_the_differencing_rule_hides_the_larger_group(self) -> None:
        # Core (3) is shown; Lab would be Core plus Max alone, so Lab minus
        # Core would tell Max's value: Lab is suppressed.
        self.record([self.ada, self.eve, self.fay, self.max])
        self.assertFalse(self.aggregate(self.core).suppressed)
        self.assertEqual(self.aggregate(self.lab), Aggregate(True, 0, 0, None, None))
        # The organisation: Lab (5 with Bo) is shown, the rest is Hal alone.
        self.record([self.bo, self.hal])
        self.assertEqual(self.aggregate(self.lab).people, 0)  # still Core plus two
        self.assertTrue(self.aggregate(None).suppressed)
        # With two more outside Lab, the rest is three: shown.
        self.record([self.cy, self.add_person("OP1", unit=self.ops, start=JAN)])
        whole = self.aggregate(None)
        self.assertEqual((whole.suppressed, whole.people, whole.n), (False, 8, 8))

    def test_refusals_carry_the_library_message(self) -> None:
        s, e = self.sys, self.energy
        self.record([self.ada, self.eve, self.fay])
        self.assertError(perfmgmt.InvalidArgument, lambda: s.wellbeing_aggregate(e, at(MON), at(D(2025, 2, 1))),
                         "aggregate.to")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.wellbeing_aggregate(e, at(D(2025, 2, 1)), at(MON), min_group=2), "min_group")  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: s.wellbeing_aggregate(4242, at(D(2025, 2, 1)), at(MON)), "4242")
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.session(self.ada).wellbeing_aggregate(e, at(D(2025, 2, 1)), at(MON)))  # fmt: skip


class SurveyTypesTest(SurveyTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s, sid = self.sys, self.survey
        for call in (
            lambda: s.create_survey("x", None),  # type: ignore[arg-type]
            lambda: s.create_survey("x", "2025-03-14"),  # type: ignore[arg-type]
            lambda: s.create_survey(b"x", CLOSES),  # type: ignore[arg-type]
            lambda: s.create_survey("x", CLOSES, threshold=None),  # type: ignore[arg-type]
            lambda: s.create_survey("x", CLOSES, opens=at(MON)),  # type: ignore[arg-type]
            lambda: s.add_survey_instrument(sid, BuiltinMetric.WHO5),  # type: ignore[arg-type]
            lambda: s.add_survey_instrument(sid, PULSE, metric="energy"),  # type: ignore[arg-type]
            lambda: s.add_survey_instrument(sid, PULSE, metric=self.energy, text=1),  # type: ignore[arg-type]
            lambda: s.add_survey_audience(sid, unit="Lab"),  # type: ignore[arg-type]
            lambda: s.open_survey(None),  # type: ignore[arg-type]
            lambda: s.respond_to_survey(sid, SurveyAnswer(ENPS, 1, 9)),  # type: ignore[arg-type]
            lambda: s.respond_to_survey(sid, [(ENPS, 1, 9)]),  # type: ignore[list-item]
            lambda: s.respond_to_survey(sid, [SurveyAnswer(ENPS, 1, 9.0)]),  # type: ignore[arg-type]
            lambda: s.respond_to_survey(sid, [SurveyAnswer(1.0, 1, 9)]),  # type: ignore[arg-type]
            lambda: s.respond_to_survey(sid, [SurveyAnswer(ENPS, 1, 9, metric="x")]),  # type: ignore[arg-type]
            lambda: s.renew_surveys(at(MON)),  # type: ignore[arg-type]
            lambda: s.response_rates(1.5),  # type: ignore[arg-type]
            lambda: s.my_survey_answers("1"),  # type: ignore[arg-type]
            lambda: s.wellbeing_aggregate(self.energy, None, at(MON)),  # type: ignore[arg-type]
            lambda: s.wellbeing_aggregate(self.energy, at(MON), MON),  # type: ignore[arg-type]
            lambda: s.wellbeing_aggregate(self.energy, at(MON), at(MON), min_group=None),  # type: ignore[arg-type]
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_and_iterators_raise_misuse(self) -> None:
        self.sys.open_survey(self.survey)
        hr = self.db.session(self.hal)
        rates = hr.response_rates(self.survey)
        hr.close()
        for call in (
            lambda: hr.create_survey("x", CLOSES),
            lambda: hr.add_survey_instrument(self.survey, WHO5),
            lambda: hr.add_survey_audience(self.survey, unit=self.ops),
            lambda: hr.open_survey(self.survey),
            lambda: hr.close_survey(self.survey),
            lambda: hr.respond_to_survey(self.survey, who5(1, 1, 1, 1, 1)),
            lambda: hr.renew_surveys(),
            lambda: hr.get_survey(self.survey),
            lambda: hr.response_rates(self.survey),
            lambda: hr.my_survey_answers(self.survey),
            lambda: hr.wellbeing_aggregate(self.energy, at(D(2025, 2, 1)), at(MON)),
            lambda: next(rates),
        ):
            self.assertMisuse(call)


if __name__ == "__main__":
    unittest.main()
