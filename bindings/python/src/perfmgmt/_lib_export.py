"""The C functions of ``export.h``: the personal-data export.

The same pattern as :mod:`perfmgmt._lib_wellbeing`: one prototype per
function, declared on the library :mod:`perfmgmt._lib` loaded when this
module is imported.
"""

from __future__ import annotations

from ctypes import POINTER, c_char_p, c_void_p

from ._lib import _handle, declare, lib, pm_id, pm_status

__all__ = ["lib"]

# name: (restype, argtypes), in header order.
_PROTOTYPES: dict[str, tuple[object, list[object]]] = {
    # The text comes back as a pointer to free with pm_free, not as c_char_p
    # (which would copy it and lose the pointer).
    "pm_person_export_json": (pm_status, [POINTER(c_void_p), _handle, pm_id]),
    "pm_person_export": (pm_status, [_handle, pm_id, c_char_p]),
}

declare(lib, _PROTOTYPES)
