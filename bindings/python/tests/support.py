"""What the binding tests share: the backend under test and a fresh store.

PERFMGMT_TEST_BACKEND chooses the backend, "memory" (the default) or
"sqlite" (a file in a temporary directory); ctest runs the suite once with
each.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import unittest
from pathlib import Path

import perfmgmt

BACKEND = os.environ.get("PERFMGMT_TEST_BACKEND", "memory")
if BACKEND not in ("memory", "sqlite"):
    raise RuntimeError(f"PERFMGMT_TEST_BACKEND={BACKEND!r}: expected memory or sqlite")

SOURCE_ROOT = Path(__file__).resolve().parents[3]
ORG_CSV = SOURCE_ROOT / "examples" / "quickstart" / "org.csv"
IMPORT_DAY = dt.date(2025, 1, 1)


class StoreTestCase(unittest.TestCase):
    """A fresh store per test on the selected backend, with a system
    session ``self.sys``; everything is closed afterwards."""

    db: perfmgmt.Db
    sys: perfmgmt.Session

    def setUp(self) -> None:
        self.tmp = tempfile.TemporaryDirectory(prefix="perfmgmt-py-")
        self.addCleanup(self.tmp.cleanup)
        self.db = self.open_store()
        self.addCleanup(self.db.close)
        self.sys = self.db.system_session()

    def store_uri(self) -> str:
        if BACKEND == "memory":
            return "memory:"
        return "sqlite:" + os.path.join(self.tmp.name, "store.db")

    def open_store(self, **kwargs: bool) -> perfmgmt.Db:
        return perfmgmt.open(self.store_uri(), **kwargs)

    def temp_path(self, name: str) -> str:
        return os.path.join(self.tmp.name, name)

    def import_org(self) -> perfmgmt.ImportStats:
        """Imports the quickstart organisation as of IMPORT_DAY."""
        return self.sys.import_csv_file(ORG_CSV, on=IMPORT_DAY)

    def pid(self, external_id: str) -> int:
        return self.sys.lookup_person(external_id).id

    def names(self, people: "perfmgmt.PersonIterator") -> list[str]:
        return [p.name for p in people]

    def add_person(self, external_id: str, name: str | None = None, **kwargs: object) -> int:
        return self.sys.create_person(external_id, name or f"Person {external_id}", **kwargs)  # type: ignore[arg-type]
