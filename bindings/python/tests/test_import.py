"""Import (import.h), and the quickstart's tour repeated from Python."""

from __future__ import annotations

import datetime as dt
import unittest
from pathlib import Path

import perfmgmt
from support import IMPORT_DAY, ORG_CSV, StoreTestCase

SMALL = (
    "external_id,name,email,manager_external_id,unit_path,hr_admin\n"
    "A1,Anna Ahl,anna@example.org,,Co,yes\n"
    "A2,Bo Berg,,A1,Co/Lab,\n"
)


class ImportTest(StoreTestCase):
    def test_import_csv_from_str_reports_what_it_did(self) -> None:
        stats = self.sys.import_csv(SMALL, on=IMPORT_DAY)
        self.assertEqual(stats, perfmgmt.ImportStats(2, 2, 0, 0, 2))
        anna = self.sys.lookup_person("A1")
        bo = self.sys.lookup_person("A2")
        self.assertTrue(anna.hr_admin)
        self.assertIsNone(bo.email)
        self.assertEqual(self.sys.manager_on(bo.id, IMPORT_DAY), anna.id)
        self.assertEqual(self.sys.unit_on(bo.id, IMPORT_DAY), self.sys.find_unit("Co/Lab"))

    def test_import_csv_accepts_utf8_bytes_and_bytearray(self) -> None:
        data = SMALL.replace("Anna Ahl", "Åsa Öberg").encode("utf-8")
        self.assertEqual(self.sys.import_csv(data).people_created, 2)
        self.assertEqual(self.sys.lookup_person("A1").name, "Åsa Öberg")
        again = self.sys.import_csv(bytearray(data))
        self.assertEqual((again.people_created, again.people_updated), (0, 0))
        self.assertEqual(self.sys.import_csv(memoryview(data)).rows, 2)

    def test_reimport_updates_and_marks_missing_people_left(self) -> None:
        self.sys.import_csv(SMALL, on=IMPORT_DAY)
        changed = SMALL.splitlines()[0] + "\nA1,Anna Ahl-Lind,anna@example.org,,Co,yes\n"
        stats = self.sys.import_csv(changed, on=dt.date(2025, 2, 1), mark_missing_left=True)
        self.assertEqual((stats.rows, stats.people_updated, stats.people_left), (1, 1, 1))
        self.assertEqual(self.sys.lookup_person("A1").name, "Anna Ahl-Lind")
        self.assertIs(self.sys.lookup_person("A2").status, perfmgmt.PersonStatus.LEFT)

    def test_import_is_all_or_nothing_and_names_the_line(self) -> None:
        bad = SMALL + "A3,Cy,,E999,Co,\n"
        with self.assertRaises(perfmgmt.NotFound) as cm:
            self.sys.import_csv(bad)
        self.assertIn("line 4", cm.exception.message)
        self.assertIn("E999", cm.exception.message)
        self.assertEqual(list(self.sys.search_people()), [])

    def test_import_refuses_a_missing_column_and_manager_cycles(self) -> None:
        with self.assertRaises(perfmgmt.InvalidArgument):
            self.sys.import_csv("name\nAnna\n")
        cyclic = "external_id,name,manager_external_id\nA,Anna,B\nB,Bo,A\n"
        with self.assertRaises(perfmgmt.Cycle):
            self.sys.import_csv(cyclic)

    def test_import_csv_file_takes_str_pathlike_and_bytes_paths(self) -> None:
        path = self.temp_path("small.csv")
        Path(path).write_text(SMALL, encoding="utf-8")
        self.assertEqual(self.sys.import_csv_file(path).people_created, 2)
        self.assertEqual(self.sys.import_csv_file(Path(path)).rows, 2)
        self.assertEqual(self.sys.import_csv_file(path.encode()).rows, 2)

    def test_import_csv_file_that_does_not_exist_is_an_io_error(self) -> None:
        with self.assertRaises(perfmgmt.IOError) as cm:
            self.sys.import_csv_file(self.temp_path("missing.csv"))
        self.assertIs(cm.exception.code, perfmgmt.Status.EIO)

    def test_only_admins_import(self) -> None:
        self.sys.import_csv(SMALL)
        with self.db.session(self.pid("A2")) as bo:
            with self.assertRaises(perfmgmt.PermissionDenied):
                bo.import_csv(SMALL)


class QuickstartTest(StoreTestCase):
    """The facts examples/quickstart prints, read through the binding."""

    def setUp(self) -> None:
        super().setUp()
        stats = self.import_org()
        self.assertEqual(stats, perfmgmt.ImportStats(12, 12, 0, 0, 6))

    def tree(self, parent: int | None = None, depth: int = 0) -> list[str]:
        lines = []
        for unit in self.sys.unit_children(parent):
            count = len(list(self.sys.unit_members(unit.id)))
            lines.append(f"{'  ' * depth}{unit.name} ({count})")
            lines += self.tree(unit.id, depth + 1)
        return lines

    def test_unit_tree(self) -> None:
        self.assertEqual(
            self.tree(),
            [
                "Nordlys (1)",
                "  Engineering (1)",
                "    Apps (2)",
                "    Platform (3)",
                "  People (2)",
                "  Sales (3)",
            ],
        )

    def test_manager_sees_direct_and_indirect_reports(self) -> None:
        bjorn = self.pid("N002")
        with self.db.session(bjorn) as s:
            self.assertEqual(
                [(p.name, p.external_id) for p in s.reports(bjorn)],
                [("Jörgen Nyström", "N006"), ("Märta Åsander", "N005")],
            )
            self.assertEqual(
                self.names(s.reports(bjorn, indirect=True)),
                ["Ella Öhman", "Jörgen Nyström", "Märta Åsander", "Oskar Lundén", "Sofia Häggström"],
            )

    def test_reorganisation_keeps_who_was_manager_when(self) -> None:
        oskar, jorgen, marta = self.pid("N008"), self.pid("N006"), self.pid("N005")
        self.sys.set_manager(oskar, jorgen, perfmgmt.parse_date("2025-09-01"))
        self.assertEqual(self.sys.manager_on(oskar, dt.date(2025, 6, 1)), marta)
        self.assertEqual(self.sys.manager_on(oskar, dt.date(2025, 10, 1)), jorgen)

    def test_search_for_asa_finds_both(self) -> None:
        with self.db.session(self.pid("N002")) as s:
            self.assertEqual(
                [(p.name, p.external_id) for p in s.search_people("åsa")],
                [("Märta Åsander", "N005"), ("Åsa Öberg", "N001")],
            )

    def test_manager_who_is_not_hr_admin_cannot_create_people(self) -> None:
        with self.db.session(self.pid("N002")) as s:
            with self.assertRaises(perfmgmt.PermissionDenied) as cm:
                s.create_person("N999", "Someone New")
        self.assertIn("may not administer people", cm.exception.message)
        self.assertIn("permission denied", str(cm.exception))

    def test_hr_admin_from_the_file_can(self) -> None:
        ingrid = self.sys.lookup_person("N004")
        self.assertTrue(ingrid.hr_admin)
        with self.db.session(ingrid.id) as s:
            self.assertGreater(s.create_person("N999", "Someone New"), 0)

    def test_store_path_of_the_csv(self) -> None:
        self.assertTrue(ORG_CSV.is_file())


if __name__ == "__main__":
    unittest.main()
