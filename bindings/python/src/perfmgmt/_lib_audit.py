"""The C functions and structs of ``audit.h``: the audit trail, the counts of
undisclosed writes, and legal holds.

The same pattern as :mod:`perfmgmt._lib_wellbeing`: constants, one ctypes
structure per option struct, one prototype per function, declared on the
library :mod:`perfmgmt._lib` loaded when this module is imported.
"""

from __future__ import annotations

from ctypes import POINTER, Structure, c_char_p, c_int, c_int64, c_size_t, c_uint, c_void_p

from ._lib import _handle, _out_handle, declare, lib, pm_date, pm_enum, pm_id, pm_status, pm_time

__all__ = ["lib"]

# Values of the C header; the layout test compares them with the probe.
PM_AUDIT_PAGE_DEFAULT = 100
PM_AUDIT_PAGE_MAX = 1000
PM_AUDIT_QUERY_VERSION = 1
PM_AUDIT_UNDISCLOSED_DAYS_MAX = 3660
PM_LEGAL_HOLD_REASON_MAX = 2000


class AuditQuery(Structure):
    """struct pm_audit_query."""

    _fields_ = [
        ("version", c_uint),
        ("from", pm_time),
        ("to", pm_time),
        ("actor_kind", pm_enum),
        ("actor", pm_id),
        ("record_kind", c_char_p),
        ("record", pm_id),
        ("op", pm_enum),
        ("after", pm_id),
        ("limit", c_size_t),
    ]


# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # the trail
    "pm_audit_query_init": (pm_status, [POINTER(AuditQuery), c_uint]),
    "pm_audit_list": (pm_status, [_out_handle, _handle, POINTER(AuditQuery)]),
    "pm_audit_page_free": (None, [_handle]),
    "pm_audit_page_count": (c_size_t, [_handle]),
    "pm_audit_page_more": (c_int, [_handle]),
    "pm_audit_page_last": (pm_id, [_handle]),
    "pm_audit_entry_id": (pm_id, [_handle, c_size_t]),
    "pm_audit_entry_at": (pm_time, [_handle, c_size_t]),
    "pm_audit_entry_actor": (pm_id, [_handle, c_size_t]),
    "pm_audit_entry_actor_kind": (pm_enum, [_handle, c_size_t]),
    "pm_audit_entry_op": (pm_enum, [_handle, c_size_t]),
    "pm_audit_entry_record_kind": (c_char_p, [_handle, c_size_t]),
    "pm_audit_entry_record": (pm_id, [_handle, c_size_t]),
    "pm_audit_entry_records": (c_int64, [_handle, c_size_t]),
    # undisclosed writes
    "pm_audit_undisclosed_list": (pm_status, [_out_handle, _handle, pm_date, pm_date]),
    "pm_audit_undisclosed_free": (None, [_handle]),
    "pm_audit_undisclosed_count": (c_size_t, [_handle]),
    "pm_audit_undisclosed_day": (pm_date, [_handle, c_size_t]),
    "pm_audit_undisclosed_record_kind": (c_char_p, [_handle, c_size_t]),
    "pm_audit_undisclosed_op": (pm_enum, [_handle, c_size_t]),
    "pm_audit_undisclosed_records": (c_int64, [_handle, c_size_t]),
    # legal holds; the reason comes back as a pointer to free with pm_free
    "pm_legal_hold_place": (pm_status, [_handle, pm_id, c_char_p, c_size_t]),
    "pm_legal_hold_lift": (pm_status, [_handle, pm_id]),
    "pm_legal_hold_get": (pm_status, [POINTER(c_int), POINTER(c_void_p), _handle, pm_id]),
}

declare(lib, _PROTOTYPES)
