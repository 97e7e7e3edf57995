"""The binding on the PostgreSQL backend: a store in a schema of its own,
people and feedback written and read back across two opens, and the
library's message for a malformed URI.

It needs a server: PM_TEST_PG_URI holds its URI (scripts/test starts a
throwaway one with scripts/pg-server). ctest runs this file on its own with
PERFMGMT_TEST_BACKEND=postgresql, and it exits 77 (skipped) without the URI.
The memory and SQLite runs of the whole suite skip it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import unittest
import uuid

import perfmgmt
from perfmgmt import Direction, FeedbackKind

PG_URI = os.environ.get("PM_TEST_PG_URI", "")
SELECTED = os.environ.get("PERFMGMT_TEST_BACKEND") == "postgresql"
SKIP_CODE = 77  # ctest's SKIP_RETURN_CODE for this test

UTC = dt.timezone.utc
JAN = dt.date(2025, 1, 1)
NOW = dt.datetime(2025, 3, 3, 9, tzinfo=UTC)
SECRET = b"0123456789abcdef-test-secret"


def with_param(uri: str, param: str) -> str:
    """``uri`` with one more query parameter."""
    return uri + ("&" if "?" in uri else "?") + param


def drop_schema(name: str) -> None:
    """Drops a test schema with psql, when psql is there; otherwise it stays
    behind, which is harmless on a throwaway test server."""
    psql = shutil.which("psql")
    if psql is None:
        return
    # A sanitizer runtime preloaded for this interpreter has no business in psql.
    env = {k: v for k, v in os.environ.items() if k not in ("LD_PRELOAD", "ASAN_OPTIONS")}
    subprocess.run(
        [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", f"DROP SCHEMA IF EXISTS {name} CASCADE", PG_URI],
        env=env, check=False, capture_output=True, timeout=60,
    )  # fmt: skip


@unittest.skipUnless(SELECTED and PG_URI, "PostgreSQL: needs PERFMGMT_TEST_BACKEND=postgresql and PM_TEST_PG_URI")
class PostgresqlStoreTest(unittest.TestCase):
    """Each test has a fresh schema (a tenant of its own), dropped afterwards."""

    def setUp(self) -> None:
        self.schema = "pm_py_" + uuid.uuid4().hex[:16]
        self.addCleanup(drop_schema, self.schema)
        self.uri = with_param(PG_URI, "schema=" + self.schema)

    def open_store(self, **kwargs: bool) -> perfmgmt.Db:
        db = perfmgmt.open(self.uri, secret=SECRET, **kwargs)
        self.addCleanup(db.close)
        db.set_clock(lambda: NOW)
        return db

    def test_people_and_feedback_are_read_back_after_reopening(self) -> None:
        db = self.open_store()
        with db.system_session() as hr:
            lab = hr.create_unit("Lab")
            bo = hr.create_person("BO", "Bo Chen", email="bo@example.org", unit=lab, start=JAN)
            ada = hr.create_person("ADA", "Ada Sørensen", unit=lab, manager=bo, start=JAN)
        text = "Your write-up of the incident was the clearest yet ✓"
        with db.session(bo) as as_bo:
            named = as_bo.give_feedback(ada, FeedbackKind.PRAISE, text, situation="Tuesday's review")
            hidden = as_bo.give_feedback(ada, FeedbackKind.SUGGESTION, "Fewer slides", anonymous=True)
        with db.session(ada) as as_ada:
            f = as_ada.get_feedback(named)
            self.assertEqual((f.giver, f.receiver, f.kind), (bo, ada, FeedbackKind.PRAISE))
            self.assertIs(f.direction, Direction.DOWNWARD)
            self.assertEqual((f.text, f.situation), (text, "Tuesday's review"))
            self.assertEqual(f.given_at, NOW)
            self.assertEqual({x.id for x in as_ada.feedback_received(ada)}, {named, hidden})
        db.close()

        # A second open finds the store as it was left, secret and all.
        again = self.open_store(create=False)
        with again.system_session() as hr:
            self.assertEqual(hr.lookup_person("ADA").name, "Ada Sørensen")
            self.assertEqual(hr.get_person(bo).email, "bo@example.org")
            self.assertEqual(hr.manager_on(ada, JAN), bo)
            self.assertEqual(hr.unit_path(lab), "Lab")
            self.assertEqual(hr.get_feedback(named).text, text)
            self.assertIsNone(hr.get_feedback(hidden).giver)
        with again.session(bo) as as_bo:
            self.assertTrue(as_bo.get_feedback(hidden).is_mine)

    def test_a_rolled_back_group_leaves_nothing(self) -> None:
        db = self.open_store()
        with db.system_session() as hr:
            hr.begin()
            hr.create_person("E1", "Kept out")
            hr.rollback()
            with self.assertRaises(perfmgmt.NotFound):
                hr.lookup_person("E1")
            with hr.transaction():
                hr.create_person("E2", "Kept in")
            self.assertEqual(hr.lookup_person("E2").name, "Kept in")

    def test_a_bad_schema_name_is_an_invalid_argument_naming_schema(self) -> None:
        with self.assertRaises(perfmgmt.InvalidArgument) as cm:
            perfmgmt.open(with_param(PG_URI, "schema=Bad-Name"))
        self.assertIs(cm.exception.code, perfmgmt.Status.EINVAL)
        self.assertIn("schema", cm.exception.message)

    def test_no_store_and_create_false_is_refused(self) -> None:
        with self.assertRaises(perfmgmt.NotFound):
            perfmgmt.open(self.uri, create=False)


if __name__ == "__main__":
    if not PG_URI:
        print("\n!!!! SKIPPED: PM_TEST_PG_URI is not set, so the PostgreSQL binding test did not run.\n"
              "!!!! Start a server with scripts/pg-server start DIR and export its URI.\n", flush=True)  # fmt: skip
        sys.exit(SKIP_CODE)
    unittest.main(verbosity=2)
