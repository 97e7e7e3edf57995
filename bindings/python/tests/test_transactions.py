"""Transactions: begin/commit/rollback and the context manager."""

from __future__ import annotations

import unittest

import perfmgmt
from support import BACKEND, StoreTestCase


class TransactionTest(StoreTestCase):
    def ids(self) -> list[str]:
        return sorted(p.external_id for p in self.sys.search_people())

    def test_commit_keeps_the_writes(self) -> None:
        self.sys.begin()
        self.add_person("E1")
        self.add_person("E2")
        self.sys.commit()
        self.assertEqual(self.ids(), ["E1", "E2"])

    def test_rollback_discards_the_writes(self) -> None:
        self.add_person("E0")
        self.sys.begin()
        self.add_person("E1")
        self.sys.rollback()
        self.assertEqual(self.ids(), ["E0"])

    def test_context_manager_commits(self) -> None:
        with self.sys.transaction() as s:
            self.assertIs(s, self.sys)
            self.add_person("E1")
        self.assertEqual(self.ids(), ["E1"])
        with self.assertRaises(perfmgmt.Misuse):
            self.sys.commit()  # nothing is left open

    def test_context_manager_rolls_back_on_exception(self) -> None:
        with self.assertRaisesRegex(RuntimeError, "stop"):
            with self.sys.transaction():
                self.add_person("E1")
                raise RuntimeError("stop")
        self.assertEqual(self.ids(), [])

    def test_context_manager_rolls_back_on_a_perfmgmt_error(self) -> None:
        with self.assertRaises(perfmgmt.Conflict):
            with self.sys.transaction():
                self.add_person("E1")
                self.add_person("E1")
        self.assertEqual(self.ids(), [])

    def test_failed_call_inside_a_transaction_leaves_earlier_writes(self) -> None:
        with self.sys.transaction():
            self.add_person("E1")
            with self.assertRaises(perfmgmt.InvalidArgument):
                self.sys.create_person("E2", "")
            self.add_person("E3")
        self.assertEqual(self.ids(), ["E1", "E3"])

    def test_nested_transaction_is_misuse(self) -> None:
        with self.sys.transaction():
            with self.assertRaises(perfmgmt.Misuse):
                with self.sys.transaction():
                    pass
            self.add_person("E1")
        self.assertEqual(self.ids(), ["E1"])

    def test_closing_a_session_rolls_back_its_open_transaction(self) -> None:
        s = self.db.system_session()
        s.begin()
        s.create_person("E1", "Ada")
        s.close()
        self.assertEqual(self.ids(), [])

    def test_session_closed_inside_the_block_reports_the_block_error(self) -> None:
        s = self.db.system_session()
        with self.assertRaisesRegex(RuntimeError, "inside"):
            with s.transaction():
                s.create_person("E1", "Ada")
                s.close()
                raise RuntimeError("inside")
        self.assertEqual(self.ids(), [])

    @unittest.skipUnless(BACKEND == "sqlite", "a second store on the same data needs a file")
    def test_uncommitted_writes_are_invisible_to_another_store(self) -> None:
        with self.open_store() as other, other.system_session() as reader:
            with self.sys.transaction():
                self.add_person("E1")
                self.assertEqual(list(reader.search_people()), [])
            self.assertEqual([p.external_id for p in reader.search_people()], ["E1"])


if __name__ == "__main__":
    unittest.main()
