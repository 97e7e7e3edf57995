"""The build backend (PEP 517, PEP 660) of the perfmgmt Python package.

The package is pure Python, so building it means zipping its files with the
metadata of pyproject.toml. This backend does that with the standard library
alone, which keeps ``pip install bindings/python`` working where no package
index is reachable: pip builds in an isolated environment and would
otherwise first have to download setuptools into it. The metadata stays in
the standard [project] table, so any PEP 621 backend could take over.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import tarfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PACKAGE = "perfmgmt"
TAG = "py3-none-any"
# Fixed time stamps make the archives reproducible.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

__all__ = [
    "get_requires_for_build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_wheel",
    "prepare_metadata_for_build_editable",
    "build_wheel",
    "build_sdist",
    "build_editable",
]


def _project() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as f:
        project: dict[str, Any] = tomllib.load(f)["project"]
    return project


def _base() -> str:
    project = _project()
    return f"{project['name']}-{project['version']}"


def _metadata() -> str:
    project = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {project['version']}",
        f"Summary: {project['description']}",
        f"Requires-Python: {project['requires-python']}",
        f"License: {project['license']['text']}",
    ]
    lines += [f"Classifier: {c}" for c in project.get("classifiers", [])]
    readme = ROOT / str(project["readme"])
    lines.append("Description-Content-Type: text/markdown")
    return "\n".join(lines) + "\n\n" + readme.read_text(encoding="utf-8")


def _wheel_info() -> str:
    return f"Wheel-Version: 1.0\nGenerator: perfmgmt_build\nRoot-Is-Purelib: true\nTag: {TAG}\n"


def _package_files() -> list[Path]:
    package = SRC / PACKAGE
    return sorted(
        p
        for p in package.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and (p.suffix == ".py" or p.name == "py.typed")
    )


class _WheelWriter:
    """Writes a wheel, recording each file's hash for RECORD."""

    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        self.records: list[str] = []

    def add(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, ZIP_TIME)
        info.external_attr = 0o644 << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        self.zip.writestr(info, data)
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        self.records.append(f"{name},sha256={digest},{len(data)}")

    def close(self, dist_info: str) -> None:
        record = f"{dist_info}/RECORD"
        self.records.append(f"{record},,")
        info = zipfile.ZipInfo(record, ZIP_TIME)
        info.external_attr = 0o644 << 16
        self.zip.writestr(info, "\n".join(self.records) + "\n")
        self.zip.close()


def _write_dist_info(directory: str) -> str:
    dist_info = f"{_base()}.dist-info"
    target = Path(directory) / dist_info
    target.mkdir(parents=True, exist_ok=True)
    (target / "METADATA").write_text(_metadata(), encoding="utf-8")
    (target / "WHEEL").write_text(_wheel_info(), encoding="utf-8")
    return dist_info


def _build(wheel_directory: str, editable: bool) -> str:
    name = f"{_base()}-{TAG}.whl"
    dist_info = f"{_base()}.dist-info"
    writer = _WheelWriter(Path(wheel_directory) / name)
    if editable:
        # An editable install puts the source directory on sys.path.
        writer.add(f"__editable__.{_base()}.pth", (str(SRC) + os.linesep).encode())
    else:
        for path in _package_files():
            writer.add(path.relative_to(SRC).as_posix(), path.read_bytes())
    writer.add(f"{dist_info}/METADATA", _metadata().encode("utf-8"))
    writer.add(f"{dist_info}/WHEEL", _wheel_info().encode())
    writer.add(f"{dist_info}/top_level.txt", f"{PACKAGE}\n".encode())
    writer.close(dist_info)
    return name


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def get_requires_for_build_editable(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: dict[str, Any] | None = None
) -> str:
    return _write_dist_info(metadata_directory)


def prepare_metadata_for_build_editable(
    metadata_directory: str, config_settings: dict[str, Any] | None = None
) -> str:
    return _write_dist_info(metadata_directory)


def build_wheel(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    return _build(wheel_directory, editable=False)


def build_editable(
    wheel_directory: str,
    config_settings: dict[str, Any] | None = None,
    metadata_directory: str | None = None,
) -> str:
    return _build(wheel_directory, editable=True)


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    base = _base()
    name = f"{base}.tar.gz"
    files = [ROOT / "pyproject.toml", ROOT / _project()["readme"], Path(__file__).resolve()]
    files += _package_files()

    def add(tar: tarfile.TarFile, arcname: str, data: bytes) -> None:
        info = tarfile.TarInfo(f"{base}/{arcname}")
        info.size = len(data)
        info.mode = 0o644
        info.mtime = 0
        tar.addfile(info, io.BytesIO(data))

    with tarfile.open(Path(sdist_directory) / name, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for path in files:
            add(tar, path.relative_to(ROOT).as_posix(), path.read_bytes())
        add(tar, "PKG-INFO", _metadata().encode("utf-8"))
    return name
