"""The ctypes declarations against the C ABI: struct layouts and constants
as a program compiled against the headers prints them, and every exported
function either bound or deliberately left out."""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import unittest

import perfmgmt
from perfmgmt import (
    _lib,
    _lib_audit,
    _lib_development,
    _lib_erasure,
    _lib_export,
    _lib_retention,
    _lib_wellbeing,
)
from support import SOURCE_ROOT

STRUCTS = {
    "pm_db_opts": _lib.DbOpts,
    "pm_person_opts": _lib.PersonOpts,
    "pm_unit_opts": _lib.UnitOpts,
    "pm_import_opts": _lib.ImportOpts,
    "pm_import_stats": _lib.ImportStats,
    "pm_goal_opts": _lib.GoalOpts,
    "pm_key_result_opts": _lib.KeyResultOpts,
    "pm_progress_opts": _lib.ProgressOpts,
    "pm_health_opts": _lib.HealthOpts,
    "pm_goal_status": _lib.GoalStatus,
    "pm_checkin_series_opts": _lib.CheckinSeriesOpts,
    "pm_checkin_entry_opts": _lib.CheckinEntryOpts,
    "pm_checkin_rate": _lib.CheckinRate,
    "pm_feedback_opts": _lib.FeedbackOpts,
    "pm_feedback_request_opts": _lib.FeedbackRequestOpts,
    "pm_feedback_stats_opts": _lib.FeedbackStatsOpts,
    "pm_feedback_stats": _lib.FeedbackStats,
    "pm_review360_opts": _lib.Review360Opts,
    "pm_review360_answer": _lib.Review360Answer,
    "pm_scale_opts": _lib_development.ScaleOpts,
    "pm_competency_opts": _lib_development.CompetencyOpts,
    "pm_assessment_opts": _lib_development.AssessmentOpts,
    "pm_level_rule": _lib_development.LevelRule,
    "pm_gap_summary_opts": _lib_development.GapSummaryOpts,
    "pm_plan_opts": _lib_development.PlanOpts,
    "pm_plan_item_opts": _lib_development.PlanItemOpts,
    "pm_plan_progress": _lib_development.PlanProgress,
    "pm_programme_opts": _lib_development.ProgrammeOpts,
    "pm_programme_stats": _lib_development.ProgrammeStats,
    "pm_metric_opts": _lib_wellbeing.MetricOpts,
    "pm_measurement_opts": _lib_wellbeing.MeasurementOpts,
    "pm_who5": _lib_wellbeing.Who5,
    "pm_enps": _lib_wellbeing.Enps,
    "pm_survey_opts": _lib_wellbeing.SurveyOpts,
    "pm_survey_answer": _lib_wellbeing.SurveyAnswer,
    "pm_aggregate": _lib_wellbeing.Aggregate,
    "pm_evaluation_opts": _lib_wellbeing.EvaluationOpts,
    "pm_evaluation_result": _lib_wellbeing.EvaluationResult,
    "pm_trend_opts": _lib_wellbeing.TrendOpts,
    "pm_retention_purge_opts": _lib_retention.RetentionPurgeOpts,
    "pm_retention_report": _lib_retention.RetentionReport,
    "pm_audit_query": _lib_audit.AuditQuery,
    "pm_erase_opts": _lib_erasure.EraseOpts,
    "pm_erase_report": _lib_erasure.EraseReport,
}
SCALARS = {
    "pm_id": _lib.pm_id,
    "pm_date": _lib.pm_date,
    "pm_time": _lib.pm_time,
    "pm_status": _lib.pm_status,
    "pm_person_status": ctypes.c_int,
    # The enums the binding passes and reads as _lib.pm_enum.
    "pm_goal_kind": _lib.pm_enum,
    "pm_goal_state": _lib.pm_enum,
    "pm_visibility": _lib.pm_enum,
    "pm_health": _lib.pm_enum,
    "pm_key_result_kind": _lib.pm_enum,
    "pm_zone": _lib.pm_enum,
    "pm_cadence": _lib.pm_enum,
    "pm_series_state": _lib.pm_enum,
    "pm_checkin_state": _lib.pm_enum,
    "pm_entry_kind": _lib.pm_enum,
    "pm_feedback_kind": _lib.pm_enum,
    "pm_direction": _lib.pm_enum,
    "pm_feedback_visibility": _lib.pm_enum,
    "pm_reaction": _lib.pm_enum,
    "pm_request_state": _lib.pm_enum,
    "pm_request_role": _lib.pm_enum,
    "pm_review360_state": _lib.pm_enum,
    "pm_rater_group": _lib.pm_enum,
    "pm_assessment_source": _lib.pm_enum,
    "pm_level_rule_kind": _lib.pm_enum,
    "pm_item_kind": _lib.pm_enum,
    "pm_item_state": _lib.pm_enum,
    "pm_programme_kind": _lib.pm_enum,
    "pm_enrolment_state": _lib.pm_enum,
    "pm_enrolment_result": _lib.pm_enum,
    "pm_metric_direction": _lib.pm_enum,
    "pm_builtin_metric": _lib.pm_enum,
    "pm_measurement_source": _lib.pm_enum,
    "pm_survey_state": _lib.pm_enum,
    "pm_instrument": _lib.pm_enum,
    "pm_period": _lib.pm_enum,
    "pm_flag_kind": _lib.pm_enum,
    "pm_retention_class": _lib.pm_enum,
    "pm_audit_op": _lib.pm_enum,
    "pm_audit_actor": _lib.pm_enum,
    "pm_erase_goals": _lib.pm_enum,
}
# The Python enums the probe prints as "enum Class.MEMBER value".
ENUMS = {
    "GoalKind",
    "GoalState",
    "Visibility",
    "Health",
    "KeyResultKind",
    "Zone",
    "Cadence",
    "SeriesState",
    "CheckinState",
    "EntryKind",
    "FeedbackKind",
    "Direction",
    "FeedbackVisibility",
    "Reaction",
    "RequestState",
    "RequestRole",
    "Review360State",
    "RaterGroup",
    "AssessmentSource",
    "LevelRuleKind",
    "ItemKind",
    "ItemState",
    "ProgrammeKind",
    "EnrolmentState",
    "EnrolmentResult",
    "MetricDirection",
    "BuiltinMetric",
    "MeasurementSource",
    "SurveyState",
    "Instrument",
    "Period",
    "FlagKind",
    "RetentionClass",
    "AuditOp",
    "AuditActor",
    "EraseGoals",
}
# The modules declaring C functions, structs and header constants.
MODULES = (_lib, _lib_development, _lib_wellbeing, _lib_export, _lib_retention, _lib_audit, _lib_erasure)
# Exported but not bound, and why.
NOT_BOUND = {
    "pm_allocator_set",  # a Python allocator could be collected while C still uses it
    "pm_db_open_storage",  # takes a storage backend: the extension API (sys/)
    "pm_storage_memory_open",  # extension API
    "pm_storage_sqlite_open",  # extension API
    "pm_storage_postgresql_open",  # extension API
}


def probe() -> tuple[dict[str, int], dict[str, str]]:
    """The numbers the probe prints, and its text constants by name."""
    path = os.environ.get("PERFMGMT_LAYOUT_PROBE")
    if not path:
        raise unittest.SkipTest("PERFMGMT_LAYOUT_PROBE is not set (ctest sets it)")
    out = subprocess.run([path], check=True, capture_output=True, text=True).stdout
    values: dict[str, int] = {}
    texts: dict[str, str] = {}
    for line in out.splitlines():
        # A text runs to the end of its line, spaces and all.
        kind, name, value = line.split(maxsplit=2)
        if kind == "text":
            texts[name] = value
        else:
            values[f"{kind} {name}"] = int(value)
    return values, texts


class LayoutTest(unittest.TestCase):
    c: dict[str, int]
    texts: dict[str, str]

    @classmethod
    def setUpClass(cls) -> None:
        cls.c, cls.texts = probe()

    def test_struct_sizes_and_offsets(self) -> None:
        for cname, struct in STRUCTS.items():
            self.assertEqual(ctypes.sizeof(struct), self.c[f"sizeof {cname}"], cname)
            for field, *_ in struct._fields_:
                self.assertEqual(
                    getattr(struct, field).offset, self.c[f"offsetof {cname}.{field}"], f"{cname}.{field}"
                )
            fields = {k.split(".", 1)[1] for k in self.c if k.startswith(f"offsetof {cname}.")}
            self.assertEqual(fields, {f[0] for f in struct._fields_}, cname)

    def test_scalar_sizes(self) -> None:
        for cname, ctype in SCALARS.items():
            self.assertEqual(ctypes.sizeof(ctype), self.c[f"sizeof {cname}"], cname)

    def test_constants(self) -> None:
        for key, value in self.c.items():
            if not key.startswith("const "):
                continue
            name = key.split()[1]
            if name.startswith("PM_VERSION_"):
                continue
            if name in ("PM_PERSON_ACTIVE", "PM_PERSON_LEFT", "PM_PERSON_ERASED"):
                self.assertEqual(perfmgmt.PersonStatus[name[len("PM_PERSON_"):]], value)
            elif re.match(r"PM_(E[A-Z0-9]+|OK|ITEROVER)$", name):
                # (PM_ENTRY_TEXT_MAX starts with PM_E too: hence the pattern.)
                self.assertEqual(perfmgmt.Status[name[3:]], value, name)
            else:
                modules = [m for m in MODULES if hasattr(m, name)]
                self.assertEqual(len(modules), 1, f"{name} is declared in {len(modules)} modules, not 1")
                self.assertEqual(getattr(modules[0], name), value, name)
        self.assertEqual(
            {s.name for s in perfmgmt.Status},
            {k.split()[1][3:] for k in self.c if re.match(r"const PM_(E[A-Z0-9]+|OK|ITEROVER)$", k)},
        )

    def test_text_constants(self) -> None:
        self.assertTrue(self.texts)
        for name, value in self.texts.items():
            modules = [m for m in MODULES if hasattr(m, name)]
            self.assertEqual(len(modules), 1, f"{name} is declared in {len(modules)} modules, not 1")
            self.assertEqual(getattr(modules[0], name), value, name)

    def test_enums_match_the_c_enums_member_for_member(self) -> None:
        seen: dict[str, dict[str, int]] = {}
        for key, value in self.c.items():
            if key.startswith("enum "):
                cls, member = key.split()[1].split(".")
                seen.setdefault(cls, {})[member] = value
        self.assertEqual(set(seen), ENUMS)
        for cls, members in seen.items():
            self.assertEqual({m.name: m.value for m in getattr(perfmgmt, cls)}, members, cls)

    def test_request_filter_bits_are_the_c_filter_bits(self) -> None:
        # RequestFilter is a flag, which the enum comparison cannot list.
        f = perfmgmt.RequestFilter
        self.assertEqual(f.OPEN, self.c["const PM_REQUEST_OPEN"])
        self.assertEqual(f.ANSWERED, self.c["const PM_REQUEST_ANSWERED"])
        self.assertEqual(f.EXPIRED, self.c["const PM_REQUEST_EXPIRED_ONLY"])
        self.assertEqual(f.ALL, self.c["const PM_REQUEST_ALL"])
        self.assertEqual(f.OPEN | f.ANSWERED | f.EXPIRED, f.ALL)

    def test_version_of_the_probe_is_the_loaded_library(self) -> None:
        self.assertEqual(
            perfmgmt.version_info(),
            (self.c["const PM_VERSION_MAJOR"], self.c["const PM_VERSION_MINOR"], self.c["const PM_VERSION_PATCH"]),
        )


class LedgerTest(unittest.TestCase):
    def test_every_exported_function_is_bound_or_deliberately_left_out(self) -> None:
        ledger = (SOURCE_ROOT / "src" / "perfmgmt.map").read_text()
        exported = set(re.findall(r"^\s*(pm_\w+);", ledger, re.M))
        self.assertTrue(exported)
        bound: set[str] = set()
        for module in MODULES:
            # Each function is declared in one module only.
            self.assertEqual(bound & set(module._PROTOTYPES), set(), module.__name__)
            bound |= set(module._PROTOTYPES)
        self.assertEqual(exported - NOT_BOUND, bound)
        self.assertEqual(NOT_BOUND - exported, set())


if __name__ == "__main__":
    unittest.main()
