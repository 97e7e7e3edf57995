"""The personal-data export through Session: the text read back with the
json module and checked against docs/person-export.schema.json by a small
validator written here (the standard library has none); anonymity, private
notes, the file, and the refusals."""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import unittest
from typing import Any

import perfmgmt
from feedback_support import UTC, D, FeedbackTestCase
from perfmgmt import EntryKind, FeedbackKind, RequestState
from support import SOURCE_ROOT

SCHEMA = json.loads((SOURCE_ROOT / "docs" / "person-export.schema.json").read_text("utf-8"))
ANON_TEXT = "Nobody knows who wrote this"
ADA_PRIVATE = "Ada's own private note"
BO_PRIVATE = "Bo's private note about Ada"

# ---- a JSON Schema validator for the keywords the schema uses ----------------

_ASSERTIONS = {"type", "properties", "required", "additionalProperties", "items", "enum", "const", "$ref"}
# Annotations, and "format" (an annotation by default in draft 2020-12).
_IGNORED = {"$schema", "$id", "$defs", "title", "description", "format"}
_TYPES = {
    "null": lambda v: v is None,
    "boolean": lambda v: isinstance(v, bool),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "string": lambda v: isinstance(v, str),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
}


def _same(a: Any, b: Any) -> bool:
    """JSON equality: true is not 1."""
    return type(a) is type(b) and a == b


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any] = SCHEMA, path: str = "$") -> list[str]:
    """The places where ``value`` breaks ``schema``, as "path: reason"."""
    unknown = set(schema) - _ASSERTIONS - _IGNORED
    if unknown:
        raise AssertionError(f"{path}: the validator does not know {sorted(unknown)}")
    errors: list[str] = []
    if "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise AssertionError(f"{path}: unsupported $ref {ref}")
        errors += validate(value, root["$defs"][ref[len("#/$defs/") :]], root, path)
    if "type" in schema:
        types = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_TYPES[t](value) for t in types):
            return errors + [f"{path}: {value!r} is not of type {types}"]
    if "const" in schema and not _same(value, schema["const"]):
        errors.append(f"{path}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and not any(_same(value, v) for v in schema["enum"]):
        errors.append(f"{path}: {value!r} is not one of {schema['enum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{path}: lacks {key!r}")
        for key, item in value.items():
            if key in props:
                errors += validate(item, props[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unexpected key {key!r}")
            elif isinstance(schema.get("additionalProperties"), dict):
                errors += validate(item, schema["additionalProperties"], root, f"{path}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            errors += validate(item, schema["items"], root, f"{path}[{i}]")
    return errors


# ---- the tests -----------------------------------------------------------------


class ExportTestCase(FeedbackTestCase):
    """Ada with data in goals, check-ins, feedback, requests, competencies,
    development and wellbeing, written by the people who would write it."""

    def setUp(self) -> None:
        super().setUp()
        ada, bo = self.session(self.ada), self.session(self.bo)
        self.goal = ada.create_goal(self.ada, "Write the guide", D(2025, 12, 31))
        kr = ada.add_key_result(self.goal, "Chapters", 10)
        ada.set_goal_state(self.goal, perfmgmt.GoalState.ACTIVE)
        ada.add_progress(self.goal, 3, key_result=kr, comment="Ada: three chapters")
        bo.add_progress(self.goal, 4, key_result=kr, comment="Bo: four, really")

        series = bo.create_checkin_series(self.bo, self.ada)
        checkin = next(iter(bo.checkins(series))).id
        ada.add_checkin_entry(checkin, EntryKind.NOTE, ADA_PRIVATE, private=True)
        ada.add_checkin_entry(checkin, EntryKind.TALKING_POINT, "Ada: the guide's outline")
        bo.add_checkin_entry(checkin, EntryKind.NOTE, BO_PRIVATE, private=True)
        bo.add_checkin_entry(checkin, EntryKind.NOTE, "Bo: shared note")
        ada.hold_checkin(checkin, mood=4)

        self.session(self.eve).give_feedback(self.ada, FeedbackKind.PRAISE, "Eve: nice guide")
        self.session(self.cy).give_feedback(self.ada, FeedbackKind.SUGGESTION, ANON_TEXT, anonymous=True)
        ada.give_feedback(self.eve, FeedbackKind.PRAISE, "Ada to Eve, unsigned", anonymous=True)
        ada.request_feedback([self.eve, self.fay], "Was the guide useful?")

        scale = self.sys.create_scale("Levels", ["Low", "Mid", "High"])
        comp = self.sys.create_competency("Writing", "Craft", scale)
        ada.add_assessment(self.ada, comp, 2, perfmgmt.AssessmentSource.SELF)
        plan = ada.create_plan(self.ada, D(2025, 12, 31), start=D(2025, 1, 1))
        bo.add_plan_item(plan, perfmgmt.ItemKind.TRAINING, "Technical writing course")
        energy = self.sys.create_metric("Energy", 1, 10)
        ada.add_measurement(self.ada, energy, 6)

    def export(self, actor: int | None, person: int) -> tuple[str, dict[str, Any]]:
        s = self.sys if actor is None else self.session(actor)
        text = s.export_person(person)
        return text, json.loads(text)


class SchemaTest(ExportTestCase):
    def test_exports_validate_against_the_schema(self) -> None:
        for actor in (self.ada, self.hal, None):
            _, doc = self.export(actor, self.ada)
            self.assertEqual(validate(doc, SCHEMA), [], f"export by {actor}")
        for person in (self.bo, self.eve, self.cy, self.hal):
            _, doc = self.export(person, person)
            self.assertEqual(validate(doc, SCHEMA), [], f"export of {person}")

    def test_the_validator_is_not_vacuous(self) -> None:
        _, doc = self.export(self.ada, self.ada)
        doc["provided"]["goals"][0]["colour"] = "blue"
        doc["person"]["status"] = "retired"
        doc["provided"]["goals"][0]["weight"] = "heavy"
        del doc["recorded_by_others"]["mentoring"]
        errors = validate(doc, SCHEMA)
        self.assertIn("$.provided.goals[0]: unexpected key 'colour'", errors)
        self.assertTrue(any(e.startswith("$.person.status:") for e in errors))
        self.assertTrue(any(e.startswith("$.provided.goals[0].weight:") for e in errors))
        self.assertIn("$.recorded_by_others: lacks 'mentoring'", errors)

    def test_sections_split_what_ada_wrote_from_what_others_recorded(self) -> None:
        _, doc = self.export(self.ada, self.ada)
        self.assertEqual(doc["format"], "perfmgmt.person-export")
        self.assertEqual(doc["version"], 1)
        self.assertEqual(doc["exported_at"], "2025-03-03T09:00:00Z")
        self.assertEqual(doc["person"]["external_id"], "ADA")
        mine, theirs = doc["provided"], doc["recorded_by_others"]
        self.assertEqual([p["comment"] for p in mine["progress_updates"]], ["Ada: three chapters"])
        self.assertEqual([p["comment"] for p in theirs["progress_updates"]], ["Bo: four, really"])
        self.assertEqual(len(mine["goals"]), 1)
        self.assertEqual(len(mine["feedback_given"]), 1)
        self.assertEqual(len(theirs["feedback_received"]), 2)
        [request] = mine["feedback_requests"]
        self.assertEqual([p["state"] for p in request["parts"]], [RequestState.REQUESTED.name.lower()] * 2)
        self.assertEqual([a["source"] for a in mine["assessments"]], ["self"])
        self.assertEqual([i["title"] for i in theirs["plan_items"]], ["Technical writing course"])
        self.assertEqual(len(mine["measurements"]), 2)  # the manual one and the check-in mood
        names = {p["external_id"] for p in doc["references"]["people"]}
        self.assertEqual(names, {"BO", "EVE", "FAY"})


class PrivacyTest(ExportTestCase):
    def test_an_anonymous_giver_appears_nowhere_in_the_receivers_export(self) -> None:
        for actor in (self.ada, self.hal, None):
            text, doc = self.export(actor, self.ada)
            [item] = [f for f in doc["recorded_by_others"]["feedback_received"] if f["text"] == ANON_TEXT]
            self.assertNotIn("giver", item)
            self.assertTrue(item["anonymous"])
            self.assertNotIn('"CY"', text)
            self.assertNotIn('"Cy"', text)
            self.assertNotIn(self.cy, [p["id"] for p in doc["references"]["people"]])

    def test_the_giver_finds_their_anonymous_feedback_and_hr_cannot(self) -> None:
        _, own = self.export(self.cy, self.cy)
        self.assertEqual([f["text"] for f in own["provided"]["feedback_given"]], [ANON_TEXT])
        self.assertEqual(own["withheld"], [])
        text, by_hr = self.export(self.hal, self.cy)
        self.assertEqual(by_hr["provided"]["feedback_given"], [])
        self.assertNotIn(ANON_TEXT, text)
        self.assertEqual(by_hr["withheld"], ["anonymous_feedback_given", "private_checkin_entries", "wellbeing"])

    def test_private_notes_are_their_authors_alone(self) -> None:
        text, _ = self.export(self.ada, self.ada)
        self.assertIn(ADA_PRIVATE, text)
        self.assertNotIn(BO_PRIVATE, text)
        text, _ = self.export(self.hal, self.ada)
        self.assertNotIn(ADA_PRIVATE, text)
        self.assertNotIn(BO_PRIVATE, text)
        text, _ = self.export(self.bo, self.bo)
        self.assertIn(BO_PRIVATE, text)
        self.assertNotIn(ADA_PRIVATE, text)


class CallTest(ExportTestCase):
    def test_the_file_holds_the_text(self) -> None:
        path = self.temp_path("ada.json")
        s = self.session(self.ada)
        s.export_person_to_file(self.ada, path)
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), s.export_person(self.ada))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        s.export_person_to_file(self.ada, os.fsencode(path))  # bytes and PathLike work too

    def test_refusals(self) -> None:
        eve = self.session(self.eve)
        self.assertError(perfmgmt.PermissionDenied, lambda: eve.export_person(self.ada), "export another person's data")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).export_person(self.ada))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.export_person(9999), "9999")
        self.assertError(perfmgmt.InvalidArgument, lambda: self.sys.export_person(0), "person")
        missing = self.temp_path("missing/ada.json")
        err = self.assertError(perfmgmt.IOError, lambda: self.sys.export_person_to_file(self.ada, missing), missing)
        self.assertEqual(err.code, perfmgmt.Status.EIO)
        self.assertFalse(os.path.exists(os.path.dirname(missing)))
        self.assertEqual([n for n in os.listdir(self.tmp.name) if "export" in n], [])
        with self.assertRaises(TypeError):
            self.sys.export_person("ADA")  # type: ignore[arg-type]
        with self.assertRaises(TypeError):
            self.sys.export_person_to_file(self.ada, 42)  # type: ignore[arg-type]
        with self.assertRaises(perfmgmt.InvalidArgument):
            self.sys.export_person_to_file(self.ada, "")

    def test_exported_at_is_the_store_clock(self) -> None:
        self.today = D(2025, 3, 4)
        _, doc = self.export(None, self.ada)
        self.assertEqual(dt.datetime.fromisoformat(doc["exported_at"].replace("Z", "+00:00")),
                         dt.datetime(2025, 3, 4, 9, tzinfo=UTC))


if __name__ == "__main__":
    unittest.main()
