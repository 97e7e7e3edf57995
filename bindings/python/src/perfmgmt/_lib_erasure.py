"""The C functions and structs of ``erasure.h``: erasing a person's
personal data.

The same pattern as :mod:`perfmgmt._lib_retention`: constants, one ctypes
structure per option or result struct, one prototype per function, declared
on the library :mod:`perfmgmt._lib` loaded when this module is imported.
"""

from __future__ import annotations

from ctypes import POINTER, Structure, c_int64, c_uint

from ._lib import _handle, declare, lib, pm_enum, pm_id, pm_status

__all__ = ["lib"]

# Values of the C header; the layout test compares them with the probe.
PM_PERSON_ERASED_NAME = "Former employee"
PM_ERASE_OPTS_VERSION = 1
PM_ERASE_REPORT_VERSION = 1


class EraseOpts(Structure):
    """struct pm_erase_opts."""

    _fields_ = [
        ("version", c_uint),
        ("goals", pm_enum),
        ("new_owner", pm_id),
    ]


class EraseReport(Structure):
    """struct pm_erase_report (filled by C; the caller sets the version)."""

    _fields_ = [
        ("version", c_uint),
        ("removed", c_int64),
        ("changed", c_int64),
    ]


# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    "pm_erase_opts_init": (pm_status, [POINTER(EraseOpts), c_uint]),
    "pm_person_erase": (pm_status, [_handle, pm_id, POINTER(EraseOpts), POINTER(EraseReport)]),
}

declare(lib, _PROTOTYPES)
