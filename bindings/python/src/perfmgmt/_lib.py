"""Loading libperfmgmt and declaring the C functions it exports.

Everything here mirrors the public headers: one ctypes prototype per
function, one ctypes structure per option or result struct. The rest of the
package calls C only through the names defined in this module.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from ctypes import (
    CFUNCTYPE,
    POINTER,
    Structure,
    c_char_p,
    c_int,
    c_int32,
    c_int64,
    c_size_t,
    c_uint,
    c_void_p,
)
from pathlib import Path

__all__ = ["lib", "library_path"]

# Values of the C headers. The layout test compares them with a program
# compiled against the headers, so a header change cannot slip past.
PM_OK = 0
PM_ITEROVER = -17
PM_DATE_NONE = -(2**31)
PM_DB_OPTS_VERSION = 1
PM_DB_READONLY = 0x1
PM_DB_NOCREATE = 0x2
PM_PERSON_OPTS_VERSION = 1
PM_PERSON_INCLUDE_LEFT = 0x1
PM_UNIT_OPTS_VERSION = 1
PM_UNIT_MEMBERS_DEEP = 0x1
PM_ORG_REPORTS_INDIRECT = 0x1
PM_IMPORT_OPTS_VERSION = 1
PM_IMPORT_MARK_MISSING_LEFT = 0x1
PM_IMPORT_STATS_VERSION = 1
PM_DATE_BUFSIZE = 11
PM_TIME_BUFSIZE = 21

pm_id = c_int64
pm_date = c_int32
pm_time = c_int64
pm_status = c_int


class DbOpts(Structure):
    """struct pm_db_opts."""

    _fields_ = [("version", c_uint), ("flags", c_uint)]


class PersonOpts(Structure):
    """struct pm_person_opts."""

    _fields_ = [
        ("version", c_uint),
        ("external_id", c_char_p),
        ("external_id_len", c_size_t),
        ("display_name", c_char_p),
        ("display_name_len", c_size_t),
        ("email", c_char_p),
        ("email_len", c_size_t),
        ("hr_admin", c_int),
        ("unit", pm_id),
        ("manager", pm_id),
        ("start", pm_date),
    ]


class UnitOpts(Structure):
    """struct pm_unit_opts."""

    _fields_ = [
        ("version", c_uint),
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("parent", pm_id),
    ]


class ImportOpts(Structure):
    """struct pm_import_opts."""

    _fields_ = [("version", c_uint), ("date", pm_date), ("flags", c_uint)]


class ImportStats(Structure):
    """struct pm_import_stats."""

    _fields_ = [
        ("version", c_uint),
        ("rows", c_size_t),
        ("people_created", c_size_t),
        ("people_updated", c_size_t),
        ("people_left", c_size_t),
        ("units_created", c_size_t),
    ]


CLOCK_FN = CFUNCTYPE(pm_time, c_void_p)

_handle = c_void_p
_out_handle = POINTER(c_void_p)
_out_id = POINTER(pm_id)
_out_int = POINTER(c_int)

# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # common.h (pm_allocator_set is left out: a Python allocator could be
    # collected while C still holds memory from it)
    "pm_status_str": (c_char_p, [c_int]),
    "pm_version": (c_char_p, [_out_int, _out_int, _out_int]),
    "pm_free": (None, [c_void_p]),
    # datetime.h
    "pm_date_from_ymd": (pm_status, [POINTER(pm_date), c_int, c_int, c_int]),
    "pm_date_to_ymd": (pm_status, [pm_date, _out_int, _out_int, _out_int]),
    "pm_date_parse": (pm_status, [POINTER(pm_date), c_char_p]),
    "pm_date_format": (pm_status, [c_char_p, pm_date]),
    "pm_time_parse": (pm_status, [POINTER(pm_time), c_char_p]),
    "pm_time_format": (pm_status, [c_char_p, pm_time]),
    "pm_time_date": (pm_date, [pm_time]),
    # db.h (pm_db_open_storage needs the storage extension API, not bound)
    "pm_db_opts_init": (pm_status, [POINTER(DbOpts), c_uint]),
    "pm_db_open": (pm_status, [_out_handle, POINTER(c_void_p), c_char_p, POINTER(DbOpts)]),
    "pm_db_close": (None, [_handle]),
    "pm_db_errmsg": (c_char_p, [_handle]),
    "pm_db_set_clock": (pm_status, [_handle, CLOCK_FN, c_void_p]),
    "pm_db_now": (pm_time, [_handle]),
    "pm_session_open": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_session_open_system": (pm_status, [_out_handle, _handle]),
    "pm_session_free": (None, [_handle]),
    "pm_session_actor": (pm_id, [_handle]),
    "pm_session_errmsg": (c_char_p, [_handle]),
    "pm_session_errcode": (pm_status, [_handle]),
    "pm_session_begin": (pm_status, [_handle]),
    "pm_session_commit": (pm_status, [_handle]),
    "pm_session_rollback": (pm_status, [_handle]),
    # person.h
    "pm_person_opts_init": (pm_status, [POINTER(PersonOpts), c_uint]),
    "pm_person_create": (pm_status, [_out_id, _handle, POINTER(PersonOpts)]),
    "pm_person_update": (pm_status, [_handle, pm_id, POINTER(PersonOpts)]),
    "pm_person_set_hr_admin": (pm_status, [_handle, pm_id, c_int]),
    "pm_person_set_left": (pm_status, [_handle, pm_id, pm_date]),
    "pm_person_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_person_lookup": (pm_status, [_out_handle, _handle, c_char_p]),
    "pm_person_search": (pm_status, [_out_handle, _handle, c_char_p, c_uint]),
    "pm_person_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_person_iter_free": (None, [_handle]),
    "pm_person_free": (None, [_handle]),
    "pm_person_id": (pm_id, [_handle]),
    "pm_person_external_id": (c_char_p, [_handle]),
    "pm_person_display_name": (c_char_p, [_handle]),
    "pm_person_email": (c_char_p, [_handle]),
    "pm_person_status_get": (c_int, [_handle]),
    "pm_person_left_on": (pm_date, [_handle]),
    "pm_person_is_hr_admin": (c_int, [_handle]),
    "pm_person_created_at": (pm_time, [_handle]),
    "pm_person_created_by": (pm_id, [_handle]),
    "pm_person_updated_at": (pm_time, [_handle]),
    "pm_person_updated_by": (pm_id, [_handle]),
    # org.h
    "pm_unit_opts_init": (pm_status, [POINTER(UnitOpts), c_uint]),
    "pm_unit_create": (pm_status, [_out_id, _handle, POINTER(UnitOpts)]),
    "pm_unit_rename": (pm_status, [_handle, pm_id, c_char_p, c_size_t]),
    "pm_unit_move": (pm_status, [_handle, pm_id, pm_id]),
    "pm_unit_get": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_unit_find": (pm_status, [_out_id, _handle, c_char_p]),
    "pm_unit_path": (pm_status, [POINTER(c_void_p), _handle, pm_id]),
    "pm_unit_children": (pm_status, [_out_handle, _handle, pm_id]),
    "pm_unit_iter_next": (pm_status, [_out_handle, _handle]),
    "pm_unit_iter_free": (None, [_handle]),
    "pm_unit_free": (None, [_handle]),
    "pm_unit_id": (pm_id, [_handle]),
    "pm_unit_name": (c_char_p, [_handle]),
    "pm_unit_parent": (pm_id, [_handle]),
    "pm_unit_members": (pm_status, [_out_handle, _handle, pm_id, pm_date, c_uint]),
    "pm_org_set_unit": (pm_status, [_handle, pm_id, pm_id, pm_date]),
    "pm_org_unit_on": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    "pm_org_set_manager": (pm_status, [_handle, pm_id, pm_id, pm_date]),
    "pm_org_manager_on": (pm_status, [_out_id, _handle, pm_id, pm_date]),
    "pm_org_reports": (pm_status, [_out_handle, _handle, pm_id, pm_date, c_uint]),
    "pm_org_is_above": (pm_status, [_out_int, _handle, pm_id, pm_id, pm_date]),
    # import.h
    "pm_import_opts_init": (pm_status, [POINTER(ImportOpts), c_uint]),
    "pm_import_csv": (
        pm_status,
        [_handle, c_char_p, c_size_t, POINTER(ImportOpts), POINTER(ImportStats)],
    ),
    "pm_import_csv_file": (
        pm_status,
        [_handle, c_char_p, POINTER(ImportOpts), POINTER(ImportStats)],
    ),
}


def _platform_names() -> list[str]:
    """The file names of the shared library with the ABI number, per platform."""
    if sys.platform == "darwin":
        return ["libperfmgmt.0.dylib"]
    if sys.platform == "win32":
        return ["perfmgmt.dll", "libperfmgmt.dll"]
    return ["libperfmgmt.so.0"]


def _build_tree_candidates() -> list[Path]:
    """Libraries built in the source checkout this package sits in, if any."""
    # In a checkout this file is bindings/python/src/perfmgmt/_lib.py; the
    # library is then in one of the repository's build directories.
    here = Path(__file__).resolve()
    if len(here.parents) < 5:
        return []
    root = here.parents[4]
    if not (root / "include" / "perfmgmt.h").is_file():
        return []
    found: list[Path] = []
    for name in _platform_names():
        found += root.glob(f"build*/{name}")
        found += root.glob(f"build*/*/{name}")
    # The newest build is most likely the one the developer means.
    return sorted(set(found), key=lambda p: p.stat().st_mtime, reverse=True)


def _load() -> tuple[ctypes.CDLL, str]:
    """Loads the library, returning it and where it came from."""
    explicit = os.environ.get("PERFMGMT_LIBRARY")
    if explicit:
        # An explicit choice never falls back to another copy: a silent
        # fallback would test or run against the wrong library.
        try:
            return ctypes.CDLL(explicit), explicit
        except OSError as exc:
            raise ImportError(
                f"perfmgmt: cannot load PERFMGMT_LIBRARY={explicit!r}: {exc}"
            ) from exc
    tried: list[str] = []
    for name in _platform_names():
        try:
            return ctypes.CDLL(name), name
        except OSError:
            tried.append(name)
    found = ctypes.util.find_library("perfmgmt")
    if found:
        try:
            return ctypes.CDLL(found), found
        except OSError:
            tried.append(found)
    for path in _build_tree_candidates():
        try:
            return ctypes.CDLL(str(path)), str(path)
        except OSError:
            tried.append(str(path))
    raise ImportError(
        "perfmgmt: libperfmgmt not found (tried: "
        + ", ".join(tried)
        + "); install it or set PERFMGMT_LIBRARY to its path"
    )


def _declare(library: ctypes.CDLL) -> None:
    """Sets the argument and result types of every bound function."""
    for name, (restype, argtypes) in _PROTOTYPES.items():
        try:
            function = getattr(library, name)
        except AttributeError as exc:
            raise ImportError(
                f"perfmgmt: {library_path} does not export {name}; "
                "is it an older libperfmgmt?"
            ) from exc
        function.restype = restype
        function.argtypes = argtypes


lib, library_path = _load()
_declare(lib)
