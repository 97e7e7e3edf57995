"""The package as pip builds it: the in-tree backend's wheel and sdist."""

from __future__ import annotations

import csv
import importlib
import io
import sys
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path

PYTHON_DIR = Path(__file__).resolve().parents[1]


def backend():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(PYTHON_DIR / "build_backend"))
    try:
        return importlib.import_module("perfmgmt_build")
    finally:
        sys.path.pop(0)


class PackagingTest(unittest.TestCase):
    def test_wheel_holds_every_module_and_a_valid_record(self) -> None:
        b = backend()
        self.assertEqual(b.get_requires_for_build_wheel(), [])
        with tempfile.TemporaryDirectory() as tmp:
            name = b.build_wheel(tmp)
            self.assertEqual(name, "perfmgmt-0.1.0-py3-none-any.whl")
            with zipfile.ZipFile(Path(tmp) / name) as whl:
                names = set(whl.namelist())
                modules = {
                    f"perfmgmt/{p.name}" for p in (PYTHON_DIR / "src" / "perfmgmt").glob("*.py")
                }
                self.assertLessEqual(modules | {"perfmgmt/py.typed"}, names)
                self.assertFalse([n for n in names if "__pycache__" in n])
                record = whl.read("perfmgmt-0.1.0.dist-info/RECORD").decode()
                rows = list(csv.reader(io.StringIO(record)))
                self.assertEqual({r[0] for r in rows}, names)
                metadata = whl.read("perfmgmt-0.1.0.dist-info/METADATA").decode()
                self.assertIn("Name: perfmgmt", metadata)
                self.assertIn("Requires-Python: >=3.11", metadata)

    def test_editable_wheel_points_at_the_source(self) -> None:
        b = backend()
        with tempfile.TemporaryDirectory() as tmp:
            name = b.build_editable(tmp)
            with zipfile.ZipFile(Path(tmp) / name) as whl:
                (pth,) = [n for n in whl.namelist() if n.endswith(".pth")]
                self.assertEqual(Path(whl.read(pth).decode().strip()), PYTHON_DIR / "src")

    def test_sdist_can_rebuild_the_package(self) -> None:
        b = backend()
        with tempfile.TemporaryDirectory() as tmp:
            name = b.build_sdist(tmp)
            with tarfile.open(Path(tmp) / name) as sdist:
                names = set(sdist.getnames())
            for needed in ("pyproject.toml", "README.md", "build_backend/perfmgmt_build.py",
                           "src/perfmgmt/__init__.py", "src/perfmgmt/py.typed", "PKG-INFO"):  # fmt: skip
                self.assertIn(f"perfmgmt-0.1.0/{needed}", names)

    def test_package_version_is_the_project_version(self) -> None:
        import tomllib

        import perfmgmt

        with open(PYTHON_DIR / "pyproject.toml", "rb") as f:
            self.assertEqual(tomllib.load(f)["project"]["version"], perfmgmt.__version__)


if __name__ == "__main__":
    unittest.main()
