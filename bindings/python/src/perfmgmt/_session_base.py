"""What the Session mixins share: the call pattern through the C session.

:class:`_SessionBase` declares the handle every mixin reads and the few
helpers that turn a C call into a Python result or exception. The public
:class:`perfmgmt.Session` combines the mixins and owns the slots.
"""

from __future__ import annotations

from ctypes import byref, c_void_p
from typing import TYPE_CHECKING, Any

from ._handle import Handle
from ._lib import lib
from .errors import check

if TYPE_CHECKING:
    from ._session_iter import _I

_pm_session_errmsg = lib.pm_session_errmsg


def _message(session_ptr: Any) -> str:
    """The session's message for its last call."""
    text: bytes | None = _pm_session_errmsg(session_ptr)
    return text.decode("utf-8", "replace") if text else ""


class _SessionBase:
    """The C session handle and the call pattern; no state of its own
    (:class:`perfmgmt.Session` declares the slots)."""

    __slots__ = ()

    _h: Handle

    def _call(self, function: Any, *args: Any) -> None:
        """Calls ``function(session, *args)`` and raises on failure."""
        h = self._h
        ptr = h.enter()
        try:
            rc = function(ptr, *args)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()

    def _call_out(self, function: Any, out: Any, *args: Any) -> None:
        """Calls ``function(&out, session, *args)`` and raises on failure."""
        h = self._h
        ptr = h.enter()
        try:
            rc = function(byref(out), ptr, *args)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()

    def _iterator(self, cls: type[_I], function: Any, *args: Any) -> _I:
        """Opens a C iterator with ``function(&out, session, *args)`` and wraps it."""
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = function(byref(out), ptr, *args)
            if rc:
                check(rc, _message(ptr))
            return cls._wrap(self, Handle(out, cls._free, "iterator", h))
        finally:
            h.leave()

    def _snapshot(self, function: Any, free: Any, copy: Any, *args: Any) -> Any:
        """Reads a snapshot with ``function(&out, session, *args)``, copies it
        with ``copy`` and frees it, all under one hold of the lock."""
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = function(byref(out), ptr, *args)
            if rc:
                check(rc, _message(ptr))
            try:
                return copy(out)
            finally:
                free(out)
        finally:
            h.leave()
