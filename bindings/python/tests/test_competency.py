"""The competency framework: scales, competencies, roles and who holds
them, through Session."""

from __future__ import annotations

import dataclasses
import unittest

import perfmgmt
from development_support import DAY, JAN, MON, D, DevelopmentTestCase
from perfmgmt import Competency, Role, RoleRequirement, Scale, ScaleLevel


class ScaleTest(DevelopmentTestCase):
    def test_create_and_get_reads_every_level(self) -> None:
        sid = self.sys.create_scale(
            "Depth", ["Aware", "Able", "Fluent"], min_level=0,
            descriptions=["Has heard of it", None, "Teaches it"],
        )  # fmt: skip
        scale = self.session(self.ada).get_scale(sid)  # anyone reads the framework
        self.assertEqual(
            scale,
            Scale(sid, "Depth", 0, 2, (
                ScaleLevel(0, "Aware", "Has heard of it"),
                ScaleLevel(1, "Able", None),
                ScaleLevel(2, "Fluent", "Teaches it"),
            )),
        )  # fmt: skip
        with self.assertRaises(dataclasses.FrozenInstanceError):
            scale.name = "x"  # type: ignore[misc]

    def test_levels_may_be_any_iterable_of_str(self) -> None:
        sid = self.sys.create_scale("Gen", (n for n in ("Low", "High")))
        self.assertEqual([lv.name for lv in self.sys.get_scale(sid).levels], ["Low", "High"])
        self.assertEqual(self.sys.get_scale(self.levels).levels[3], ScaleLevel(4, "Master", None))

    def test_refusals_carry_the_library_message(self) -> None:
        s = self.sys
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_scale("One", ["Only"]), "scale.max_level")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_scale("Blank", ["a", " "]), "scale.level_names")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_scale("Twice", ["a", "a"]), "scale.level_names")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_scale(" ", ["a", "b"]), "scale.name")
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_scale("Empty", []), "scale")
        self.assertError(perfmgmt.InvalidArgument,
                         lambda: s.create_scale("Many", [f"L{i}" for i in range(21)]), "scale.max_level")  # fmt: skip
        self.assertError(perfmgmt.Conflict, lambda: s.create_scale("Proficiency", ["a", "b"]), "scale.name")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).create_scale("Mine", ["a", "b"]))
        self.assertError(perfmgmt.OutOfRange, lambda: s.create_scale("x" * 201, ["a", "b"]), "scale.name")
        # The HR admin may.
        self.assertGreater(self.session(self.hal).create_scale("HR scale", ["a", "b"]), 0)

    def test_descriptions_must_match_the_levels(self) -> None:
        with self.assertRaisesRegex(ValueError, "one entry per level"):
            self.sys.create_scale("Short", ["a", "b"], descriptions=["only one"])

    def test_level_texts_with_nul_are_refused_before_c(self) -> None:
        # C takes level names NUL-terminated: a NUL would cut them short.
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.sys.create_scale("N", ["a\0b", "c"]), "levels[0]")
        self.assertError(perfmgmt.InvalidUtf8,
                         lambda: self.sys.create_scale("N", ["a", "b"], descriptions=[None, "x\0"]),
                         "descriptions[1]")  # fmt: skip

    def test_unknown_scale_is_not_found(self) -> None:
        self.assertError(perfmgmt.NotFound, lambda: self.sys.get_scale(4242), "4242")


class CompetencyTest(DevelopmentTestCase):
    def test_create_and_get_reads_every_field(self) -> None:
        cid = self.sys.create_competency("Listening", "Leadership", self.levels, description="Hears people out")
        c = self.session(self.ada).get_competency(cid)
        self.assertEqual(c, Competency(cid, "Listening", "Leadership", "Hears people out", self.levels))
        self.assertIsNone(self.sys.get_competency(self.python).description)

    def test_list_by_category_then_name(self) -> None:
        listed = [(c.category, c.name) for c in self.session(self.eve).competencies()]
        self.assertEqual(listed, [("Engineering", "Python"), ("Engineering", "SQL"), ("Leadership", "Coaching")])
        self.assertEqual([c.id for c in self.sys.competencies("Engineering")], [self.python, self.sql])
        self.assertEqual(list(self.sys.competencies("Nothing")), [])

    def test_refusals_carry_the_library_message(self) -> None:
        s = self.sys
        self.assertError(perfmgmt.NotFound, lambda: s.create_competency("Go", "Engineering", 4242), "4242")
        self.assertError(perfmgmt.Conflict, lambda: s.create_competency("Python", "Engineering", self.levels),
                         "competency.name")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_competency("Go", " ", self.levels),
                         "competency.category")  # fmt: skip
        self.assertError(perfmgmt.PermissionDenied,
                         lambda: self.session(self.ada).create_competency("Go", "Engineering", self.levels))  # fmt: skip
        self.assertError(perfmgmt.NotFound, lambda: s.get_competency(4242), "4242")
        # The same name in another category is another competency.
        self.assertGreater(s.create_competency("Python", "Hobbies", self.levels), 0)

    def test_category_filter_with_nul_is_refused_before_c(self) -> None:
        self.assertError(perfmgmt.InvalidUtf8, lambda: self.sys.competencies("Eng\0ineering"), "category")


class RoleTest(DevelopmentTestCase):
    def test_create_and_get_reads_the_profile_by_competency(self) -> None:
        rid = self.sys.create_role("Lead", "Leads a team")
        self.sys.require(rid, self.coaching, 4)
        self.sys.require(rid, self.python, 2)
        role = self.session(self.cy).get_role(rid)
        self.assertEqual(
            role,
            Role(rid, "Lead", "Leads a team", (RoleRequirement(self.python, 2), RoleRequirement(self.coaching, 4))),
        )

    def test_require_replaces_and_level_zero_removes(self) -> None:
        self.sys.require(self.engineer, self.python, 4)
        self.sys.require(self.engineer, self.coaching, 0)
        self.assertEqual(self.sys.get_role(self.engineer).requirements, (RoleRequirement(self.python, 4),))
        self.assertError(perfmgmt.NotFound, lambda: self.sys.require(self.engineer, self.sql, 0))

    def test_roles_by_name(self) -> None:
        self.sys.create_role("Analyst")
        self.assertEqual([r.name for r in self.session(self.ada).roles()], ["Analyst", "Engineer"])
        self.assertIsNone(self.sys.get_role(self.engineer).description)

    def test_refusals_carry_the_library_message(self) -> None:
        s = self.sys
        self.assertError(perfmgmt.InvalidArgument, lambda: s.require(self.engineer, self.python, 9),
                         "role.level", "outside the scale")  # fmt: skip
        self.assertError(perfmgmt.InvalidArgument, lambda: s.create_role("  "), "role.name")
        self.assertError(perfmgmt.Conflict, lambda: s.create_role("Engineer"), "role.name")
        self.assertError(perfmgmt.NotFound, lambda: s.require(4242, self.python, 2), "4242")
        self.assertError(perfmgmt.NotFound, lambda: s.require(self.engineer, 4242, 2), "4242")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).create_role("Boss"))
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).require(self.engineer, self.sql, 1))
        self.assertError(perfmgmt.NotFound, lambda: s.get_role(4242), "4242")
        # Nothing of that was written.
        self.assertEqual(len(s.get_role(self.engineer).requirements), 2)
        self.assertEqual([r.name for r in s.roles()], ["Engineer"])


class RoleAssignmentTest(DevelopmentTestCase):
    def test_assign_and_read_the_role_held_on_a_day(self) -> None:
        lead = self.sys.create_role("Lead")
        self.assertIsNone(self.sys.role_of(self.ada))
        self.sys.assign_role(self.ada, self.engineer, JAN)
        self.sys.assign_role(self.ada, lead, D(2025, 2, 1))
        me = self.session(self.ada)
        self.assertEqual(me.role_of(self.ada, D(2025, 1, 15)), self.engineer)
        self.assertEqual(me.role_of(self.ada), lead)
        self.assertIsNone(me.role_of(self.ada, JAN - DAY))

    def test_none_ends_the_current_role(self) -> None:
        self.sys.assign_role(self.ada, self.engineer, JAN)
        self.sys.assign_role(self.ada, None)  # today
        self.assertIsNone(self.sys.role_of(self.ada))
        self.assertEqual(self.sys.role_of(self.ada, MON - DAY), self.engineer)

    def test_refusals_carry_the_library_message(self) -> None:
        s = self.sys
        s.assign_role(self.ada, self.engineer, D(2025, 2, 1))
        self.assertError(perfmgmt.InvalidArgument, lambda: s.assign_role(self.ada, self.engineer, JAN), "start")
        self.assertError(perfmgmt.NotFound, lambda: s.assign_role(self.ada, 4242), "4242")
        self.assertError(perfmgmt.NotFound, lambda: s.assign_role(4242, self.engineer), "4242")
        self.assertError(perfmgmt.PermissionDenied, lambda: self.session(self.bo).assign_role(self.ada, self.engineer))
        s.set_left(self.cy, JAN + DAY)
        self.assertError(perfmgmt.InvalidArgument, lambda: s.assign_role(self.cy, self.engineer), "has left")
        self.assertEqual(s.role_of(self.ada), self.engineer)


class FrameworkTypesTest(DevelopmentTestCase):
    def test_wrong_python_types_raise_type_error(self) -> None:
        s = self.sys
        for call in (
            lambda: s.create_scale(None, ["a", "b"]),  # type: ignore[arg-type]
            lambda: s.create_scale("x", "ab"),  # a str would be one level per character
            lambda: s.create_scale("x", None),  # type: ignore[arg-type]
            lambda: s.create_scale("x", ["a", 2]),  # type: ignore[list-item]
            lambda: s.create_scale("x", ["a", "b"], min_level="1"),  # type: ignore[arg-type]
            lambda: s.create_scale("x", ["a", "b"], descriptions="ab"),
            lambda: s.get_scale(None),  # type: ignore[arg-type]
            lambda: s.create_competency("x", "y", "1"),  # type: ignore[arg-type]
            lambda: s.create_competency("x", None, self.levels),  # type: ignore[arg-type]
            lambda: s.create_competency("x", "y", self.levels, description=1),  # type: ignore[arg-type]
            lambda: s.competencies(1),  # type: ignore[arg-type]
            lambda: s.create_role(b"x"),  # type: ignore[arg-type]
            lambda: s.require(self.engineer, self.python, 2.0),  # type: ignore[arg-type]
            lambda: s.require(self.engineer, None, 2),  # type: ignore[arg-type]
            lambda: s.assign_role(self.ada, self.engineer, "2025-01-01"),  # type: ignore[arg-type]
            lambda: s.role_of(self.ada, on=1),  # type: ignore[arg-type]
            lambda: s.get_role(True),
        ):
            with self.assertRaises(TypeError):
                call()

    def test_closed_session_and_iterator_raise_misuse(self) -> None:
        me = self.db.session(self.ada)
        it = me.competencies()
        me.close()
        self.assertMisuse(lambda: me.get_scale(self.levels))
        self.assertMisuse(lambda: me.roles())
        self.assertMisuse(lambda: next(it))

    def test_records_outlive_the_store(self) -> None:
        role = self.sys.get_role(self.engineer)
        scale = self.sys.get_scale(self.levels)
        self.db.close()
        self.assertEqual(role.name, "Engineer")
        self.assertEqual(len(scale.levels), 4)


if __name__ == "__main__":
    unittest.main()
