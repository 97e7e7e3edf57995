"""People: every function of person.h through Session."""

from __future__ import annotations

import datetime as dt
import unittest

import perfmgmt
from support import StoreTestCase


class PersonTest(StoreTestCase):
    def test_create_person_returns_id_and_get_person_reads_every_field(self) -> None:
        ada = self.sys.create_person("E001", "Ada Lovelace", email="ada@example.org")
        p = self.sys.get_person(ada)
        self.assertIsInstance(p, perfmgmt.Person)
        self.assertEqual(p.id, ada)
        self.assertEqual(p.external_id, "E001")
        self.assertEqual(p.name, "Ada Lovelace")
        self.assertEqual(p.email, "ada@example.org")
        self.assertIs(p.status, perfmgmt.PersonStatus.ACTIVE)
        self.assertTrue(p.active)
        self.assertIsNone(p.left_on)
        self.assertFalse(p.hr_admin)
        self.assertEqual(p.created_by, 0)
        self.assertEqual(p.updated_by, 0)
        self.assertEqual(p.created_at.tzinfo, dt.timezone.utc)
        self.assertLessEqual(p.created_at, p.updated_at)

    def test_person_without_email_reads_email_as_none(self) -> None:
        self.assertIsNone(self.sys.get_person(self.add_person("E1")).email)

    def test_person_record_is_frozen(self) -> None:
        p = self.sys.get_person(self.add_person("E1"))
        with self.assertRaises(AttributeError):
            p.name = "Other"  # type: ignore[misc]

    def test_create_person_places_in_unit_and_under_manager_from_start(self) -> None:
        unit = self.sys.create_unit("Lab")
        boss = self.add_person("B")
        start = dt.date(2024, 3, 1)
        ada = self.sys.create_person("E1", "Ada", None, True, unit, boss, start)
        self.assertTrue(self.sys.get_person(ada).hr_admin)
        self.assertEqual(self.sys.unit_on(ada, start), unit)
        self.assertEqual(self.sys.manager_on(ada, start), boss)
        self.assertIsNone(self.sys.unit_on(ada, start - dt.timedelta(days=1)))
        self.assertIsNone(self.sys.manager_on(ada, start - dt.timedelta(days=1)))

    def test_text_is_stored_nfc_normalised(self) -> None:
        decomposed = "A\u030asa"  # A + combining ring
        pid = self.add_person("E1", decomposed)
        self.assertEqual(self.sys.get_person(pid).name, "\u00c5sa")

    def test_lookup_person_finds_by_external_id(self) -> None:
        pid = self.add_person("HR-42")
        self.assertEqual(self.sys.lookup_person("HR-42").id, pid)
        with self.assertRaises(perfmgmt.NotFound) as cm:
            self.sys.lookup_person("HR-43")
        self.assertIn("HR-43", cm.exception.message)

    def test_update_person_changes_only_given_fields(self) -> None:
        pid = self.sys.create_person("E1", "Ada", email="a@example.org")
        self.sys.update_person(pid, name="Ada King")
        p = self.sys.get_person(pid)
        self.assertEqual((p.external_id, p.name, p.email), ("E1", "Ada King", "a@example.org"))
        self.sys.update_person(pid, external_id="E2", email="king@example.org")
        p = self.sys.get_person(pid)
        self.assertEqual((p.external_id, p.name, p.email), ("E2", "Ada King", "king@example.org"))
        self.sys.update_person(pid)  # nothing given: nothing changes
        self.assertEqual(self.sys.get_person(pid), p)
        self.sys.update_person(pid, email="")
        self.assertIsNone(self.sys.get_person(pid).email)
        with self.assertRaises(perfmgmt.InvalidArgument):
            self.sys.update_person(pid, name="")

    def test_person_may_change_own_name_but_not_external_id(self) -> None:
        pid = self.add_person("E1")
        with self.db.session(pid) as me:
            me.update_person(pid, name="New Name")
            self.assertEqual(me.get_person(pid).name, "New Name")
            self.assertEqual(me.get_person(pid).updated_by, pid)
            with self.assertRaises(perfmgmt.PermissionDenied):
                me.update_person(pid, external_id="E9")

    def test_set_hr_admin_grants_and_removes_the_role(self) -> None:
        pid = self.add_person("E1")
        self.sys.set_hr_admin(pid, True)
        self.assertTrue(self.sys.get_person(pid).hr_admin)
        with self.db.session(pid) as admin:
            admin.create_person("E2", "Created By Admin")
        self.assertEqual(self.sys.lookup_person("E2").created_by, pid)
        self.sys.set_hr_admin(pid, False)
        self.assertFalse(self.sys.get_person(pid).hr_admin)

    def test_set_left_records_the_day_and_stops_the_person_acting(self) -> None:
        pid = self.add_person("E1")
        day = dt.date(2025, 6, 30)
        self.sys.set_left(pid, day)
        p = self.sys.get_person(pid)
        self.assertIs(p.status, perfmgmt.PersonStatus.LEFT)
        self.assertFalse(p.active)
        self.assertEqual(p.left_on, day)
        with self.assertRaises(perfmgmt.PermissionDenied):
            self.db.session(pid)
        with self.assertRaises(perfmgmt.Conflict):
            self.sys.set_left(pid)

    def test_set_left_without_a_date_uses_today_by_the_clock(self) -> None:
        self.db.set_clock(lambda: dt.datetime(2030, 5, 17, 12, tzinfo=dt.timezone.utc))
        pid = self.add_person("E1")
        self.sys.set_left(pid)
        self.assertEqual(self.sys.get_person(pid).left_on, dt.date(2030, 5, 17))

    def test_search_people_ignores_case_and_can_include_people_who_left(self) -> None:
        a = self.add_person("E1", "Åsa Öberg")
        b = self.add_person("E2", "Märta Åsander")
        self.add_person("E3", "Nils Holm")
        found = list(self.sys.search_people("ÅSA"))
        self.assertEqual([p.id for p in found], [b, a])
        self.assertTrue(all(isinstance(p, perfmgmt.Person) for p in found))
        self.assertEqual(len(list(self.sys.search_people())), 3)
        self.sys.set_left(a, dt.date(2025, 1, 1))
        self.assertEqual([p.id for p in self.sys.search_people("åsa")], [b])
        self.assertEqual(
            [p.id for p in self.sys.search_people("åsa", include_left=True)], [b, a]
        )

    def test_search_people_with_no_match_is_empty(self) -> None:
        self.add_person("E1")
        self.assertEqual(list(self.sys.search_people("zzz")), [])


if __name__ == "__main__":
    unittest.main()
