"""The C functions and structs of ``retention.h``: retention periods and
purges.

The same pattern as :mod:`perfmgmt._lib_wellbeing`: constants, one ctypes
structure per option or result struct, one prototype per function, declared
on the library :mod:`perfmgmt._lib` loaded when this module is imported.
"""

from __future__ import annotations

from ctypes import POINTER, Structure, c_int, c_int64, c_uint

from ._lib import _handle, _out_int, declare, lib, pm_enum, pm_status, pm_time

__all__ = ["lib"]

# Values of the C header; the layout test compares them with the probe.
PM_RETENTION_CLASS_MAX = 5
PM_RETENTION_DAYS_MAX = 36500
PM_RETENTION_PURGE_OPTS_VERSION = 1
PM_RETENTION_BATCH_DEFAULT = 500
PM_RETENTION_BATCH_MAX = 10000
PM_RETENTION_REPORT_VERSION = 1
PM_RETENTION_REPORT_SLOTS = 16


class RetentionPurgeOpts(Structure):
    """struct pm_retention_purge_opts."""

    _fields_ = [
        ("version", c_uint),
        ("batch_size", c_uint),
        ("max_batches", c_uint),
    ]


class RetentionReport(Structure):
    """struct pm_retention_report (filled by C)."""

    _fields_ = [
        ("version", c_uint),
        ("removed", c_int64 * PM_RETENTION_REPORT_SLOTS),
        ("kept", c_int64 * PM_RETENTION_REPORT_SLOTS),
        ("batches", c_uint),
        ("done", c_int),
    ]


# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    "pm_retention_set": (pm_status, [_handle, pm_enum, c_int]),
    "pm_retention_clear": (pm_status, [_handle, pm_enum]),
    "pm_retention_get": (pm_status, [_out_int, _handle, pm_enum]),
    "pm_retention_purge_opts_init": (pm_status, [POINTER(RetentionPurgeOpts), c_uint]),
    "pm_retention_purge": (
        pm_status,
        [_handle, pm_time, POINTER(RetentionPurgeOpts), POINTER(RetentionReport)],
    ),
}

declare(lib, _PROTOTYPES)
