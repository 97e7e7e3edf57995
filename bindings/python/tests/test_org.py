"""The organisation: every function of org.h through Session."""

from __future__ import annotations

import datetime as dt
import unittest

import perfmgmt
from support import StoreTestCase

JAN = dt.date(2025, 1, 1)
MAR = dt.date(2025, 3, 1)


class UnitTest(StoreTestCase):
    def test_create_get_and_find_units(self) -> None:
        company = self.sys.create_unit("Company")
        eng = self.sys.create_unit("Engineering", parent=company)
        self.assertEqual(self.sys.get_unit(eng), perfmgmt.Unit(eng, "Engineering", company))
        self.assertIsNone(self.sys.get_unit(company).parent)
        self.assertEqual(self.sys.find_unit("company/ENGINEERING"), eng)
        self.assertEqual(self.sys.unit_path(eng), "Company/Engineering")
        with self.assertRaises(perfmgmt.NotFound):
            self.sys.find_unit("Company/Sales")

    def test_sibling_names_are_unique_ignoring_case(self) -> None:
        company = self.sys.create_unit("Company")
        self.sys.create_unit("Sales", company)
        with self.assertRaises(perfmgmt.Conflict):
            self.sys.create_unit("SALES", company)

    def test_rename_unit_changes_name_and_path(self) -> None:
        company = self.sys.create_unit("Company")
        eng = self.sys.create_unit("Eng", company)
        self.sys.rename_unit(eng, "Engineering")
        self.assertEqual(self.sys.get_unit(eng).name, "Engineering")
        self.assertEqual(self.sys.unit_path(eng), "Company/Engineering")

    def test_move_unit_changes_parent_and_refuses_cycles(self) -> None:
        a = self.sys.create_unit("A")
        b = self.sys.create_unit("B", a)
        c = self.sys.create_unit("C", b)
        self.sys.move_unit(c, a)
        self.assertEqual(self.sys.get_unit(c).parent, a)
        self.sys.move_unit(c, None)
        self.assertIsNone(self.sys.get_unit(c).parent)
        with self.assertRaises(perfmgmt.Cycle):
            self.sys.move_unit(a, b)
        with self.assertRaises(perfmgmt.Cycle):
            self.sys.move_unit(a, a)

    def test_unit_children_lists_in_name_order(self) -> None:
        top = self.sys.create_unit("Top")
        for name in ("Sales", "Apps", "People"):
            self.sys.create_unit(name, top)
        children = list(self.sys.unit_children(top))
        self.assertEqual([u.name for u in children], ["Apps", "People", "Sales"])
        self.assertTrue(all(u.parent == top for u in children))
        self.assertEqual([u.id for u in self.sys.unit_children()], [top])
        self.assertEqual(list(self.sys.unit_children(children[0].id)), [])

    def test_unit_members_on_a_day_and_deep(self) -> None:
        top = self.sys.create_unit("Top")
        sub = self.sys.create_unit("Sub", top)
        a = self.add_person("A", "Anna", unit=top, start=JAN)
        b = self.add_person("B", "Bert", unit=sub, start=JAN)
        self.assertEqual([p.id for p in self.sys.unit_members(top, JAN)], [a])
        self.assertEqual([p.id for p in self.sys.unit_members(top, JAN, deep=True)], [a, b])
        self.sys.set_unit(a, sub, MAR)
        self.assertEqual([p.id for p in self.sys.unit_members(top, MAR)], [])
        self.assertEqual([p.id for p in self.sys.unit_members(sub, MAR)], [a, b])
        self.assertEqual([p.id for p in self.sys.unit_members(top, JAN)], [a])

    def test_unit_members_default_to_today(self) -> None:
        self.db.set_clock(lambda: dt.datetime(2025, 2, 1, tzinfo=dt.timezone.utc))
        top = self.sys.create_unit("Top")
        a = self.add_person("A", unit=top)
        self.assertEqual([p.id for p in self.sys.unit_members(top)], [a])
        self.assertEqual(self.sys.unit_on(a), top)


class MembershipTest(StoreTestCase):
    def test_set_unit_keeps_dated_history_and_none_removes(self) -> None:
        u1 = self.sys.create_unit("One")
        u2 = self.sys.create_unit("Two")
        p = self.add_person("P")
        self.sys.set_unit(p, u1, JAN)
        self.sys.set_unit(p, u2, MAR)
        self.assertEqual(self.sys.unit_on(p, dt.date(2025, 2, 1)), u1)
        self.assertEqual(self.sys.unit_on(p, MAR), u2)
        self.sys.set_unit(p, None, dt.date(2025, 6, 1))
        self.assertIsNone(self.sys.unit_on(p, dt.date(2025, 7, 1)))
        with self.assertRaises(perfmgmt.Conflict):
            self.sys.set_unit(p, u1, JAN)

    def test_set_unit_to_a_missing_unit_is_not_found(self) -> None:
        p = self.add_person("P")
        with self.assertRaises(perfmgmt.NotFound):
            self.sys.set_unit(p, 999, JAN)


class ReportingTest(StoreTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.boss = self.add_person("B", "Boss")
        self.mid = self.add_person("M", "Middle", manager=self.boss, start=JAN)
        self.low = self.add_person("L", "Lower", manager=self.mid, start=JAN)

    def test_manager_on_and_reports(self) -> None:
        self.assertEqual(self.sys.manager_on(self.low, JAN), self.mid)
        self.assertIsNone(self.sys.manager_on(self.boss, JAN))
        self.assertEqual([p.id for p in self.sys.reports(self.boss, JAN)], [self.mid])
        self.assertEqual(
            [p.id for p in self.sys.reports(self.boss, JAN, indirect=True)], [self.low, self.mid]
        )

    def test_set_manager_keeps_history(self) -> None:
        self.sys.set_manager(self.low, self.boss, MAR)
        self.assertEqual(self.sys.manager_on(self.low, dt.date(2025, 2, 1)), self.mid)
        self.assertEqual(self.sys.manager_on(self.low, MAR), self.boss)
        self.assertEqual([p.id for p in self.sys.reports(self.mid, MAR)], [])
        self.sys.set_manager(self.low, None, dt.date(2025, 4, 1))
        self.assertIsNone(self.sys.manager_on(self.low, dt.date(2025, 4, 1)))

    def test_is_above_follows_the_chain(self) -> None:
        self.assertTrue(self.sys.is_above(self.boss, self.low, JAN))
        self.assertTrue(self.sys.is_above(self.mid, self.low, JAN))
        self.assertFalse(self.sys.is_above(self.low, self.boss, JAN))
        self.assertFalse(self.sys.is_above(self.boss, self.low, dt.date(2024, 12, 31)))

    def test_set_manager_refuses_self_cycles_and_rewriting_history(self) -> None:
        with self.assertRaises(perfmgmt.InvalidArgument):
            self.sys.set_manager(self.boss, self.boss, MAR)
        with self.assertRaises(perfmgmt.Cycle) as cm:
            self.sys.set_manager(self.boss, self.low, MAR)
        self.assertIs(cm.exception.code, perfmgmt.Status.ECYCLE)
        with self.assertRaises(perfmgmt.Conflict):
            self.sys.set_manager(self.low, self.boss, dt.date(2024, 6, 1))

    def test_people_read_the_structure_but_only_admins_change_it(self) -> None:
        with self.db.session(self.low) as low:
            self.assertEqual(low.manager_on(self.low, JAN), self.mid)
            self.assertEqual(low.get_person(self.boss).name, "Boss")
            self.assertEqual([p.id for p in low.reports(self.mid, JAN)], [self.low])
            with self.assertRaises(perfmgmt.PermissionDenied):
                low.set_manager(self.low, self.boss, MAR)
            with self.assertRaises(perfmgmt.PermissionDenied):
                low.create_unit("Mine")


if __name__ == "__main__":
    unittest.main()
