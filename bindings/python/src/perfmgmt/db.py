"""Opening a store, its clock, and opening sessions on it."""

from __future__ import annotations

import datetime as _dt
import threading
from ctypes import byref, c_char, c_void_p, cast, string_at
from typing import Any, Callable, Union

from . import _convert as cv
from ._handle import Handle, Root
from ._lib import CLOCK_FN, PM_DB_NOCREATE, PM_DB_OPTS_VERSION, PM_DB_READONLY, DbOpts, lib
from .errors import InvalidArgument, Status, check
from .session import Session

__all__ = ["Db", "open", "ClockValue"]

#: What a clock callable returns: an aware datetime, or whole seconds since
#: 1970-01-01T00:00:00Z.
ClockValue = Union[_dt.datetime, int]


def _db_message(ptr: Any) -> str:
    """The store's message for its last failed call made without a session."""
    text: bytes | None = lib.pm_db_errmsg(ptr)
    return text.decode("utf-8", "replace") if text else ""


class Db:
    """An open store.

    Open one with :func:`perfmgmt.open`. Use it as a context manager, or
    call :meth:`close`: closing a store closes every session and iterator
    opened on it first.

    A store may be shared between threads: calls on it and on its sessions
    take turns. For parallel work open one store per thread on the same
    SQLite file.
    """

    __slots__ = ("_h", "_uri", "__weakref__")

    _h: Root
    _uri: str

    def __init__(
        self,
        uri: str,
        readonly: bool = False,
        create: bool = True,
        *,
        secret: bytes | bytearray | memoryview | None = None,
    ) -> None:
        """Opens the store named by ``uri``; see :func:`perfmgmt.open`."""
        if not isinstance(uri, str):
            raise cv.type_error("uri", "str", uri)
        data = uri.encode("utf-8", "surrogatepass")
        if b"\0" in data:
            raise InvalidArgument(Status.EINVAL, "uri: contains a NUL byte")
        flags = 0
        if cv.flag(readonly, "readonly"):
            flags |= PM_DB_READONLY
        if not cv.flag(create, "create"):
            flags |= PM_DB_NOCREATE
        opts = DbOpts()
        check(lib.pm_db_opts_init(byref(opts), PM_DB_OPTS_VERSION))
        opts.flags = flags
        # C copies the secret during pm_db_open(): the buffer need live no longer.
        key = _secret(secret)
        if key is not None:
            opts.secret, opts.secret_len = cast(key[0], c_void_p), key[1]
        out = c_void_p()
        errmsg = c_void_p()
        rc = lib.pm_db_open(byref(out), byref(errmsg), data, byref(opts))
        if rc:
            message = ""
            if errmsg.value:
                message = string_at(errmsg).decode("utf-8", "replace")
                lib.pm_free(errmsg)
            check(rc, message)
        self._uri = uri
        self._h = Root(out, lib.pm_db_close)

    # ---- lifetime -------------------------------------------------------

    def close(self) -> None:
        """Closes every session and iterator opened on the store, then the
        store (rolling back a transaction left open). Closing twice does
        nothing."""
        handle = getattr(self, "_h", None)
        if handle is not None:
            handle.close()

    @property
    def closed(self) -> bool:
        """True once the store is closed."""
        return self._h.ptr is None

    @property
    def uri(self) -> str:
        """The URI the store was opened with."""
        return self._uri

    def __enter__(self) -> Db:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        handle = getattr(self, "_h", None)
        if handle is not None:
            handle.close_soon()

    def __repr__(self) -> str:
        state = " closed" if self._h.ptr is None else ""
        return f"<perfmgmt.Db {self._uri!r}{state}>"

    # ---- sessions -------------------------------------------------------

    def session(self, person: int) -> Session:
        """Opens a session acting as a person. Their HR-admin role is read
        now; a later change applies to sessions opened afterwards.

        :raises NotFound: no person has this id.
        :raises PermissionDenied: the person has left.
        """
        pid = cv.ident(person, "person")
        return self._open_session(lib.pm_session_open, pid)

    def system_session(self) -> Session:
        """Opens a session acting as the system: the explicit actor for
        integrations and imports, with the rights of an HR admin."""
        return self._open_session(lib.pm_session_open_system)

    def _open_session(self, function: Any, *args: Any) -> Session:
        """Opens a session with ``function(&out, db, *args)``."""
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = function(byref(out), ptr, *args)
            if rc:
                check(rc, _db_message(ptr))
            return Session._wrap(self, Handle(out, lib.pm_session_free, "session", h))
        finally:
            h.leave()

    # ---- the clock --------------------------------------------------------

    def set_clock(self, clock: Callable[[], ClockValue] | None) -> None:
        """Replaces the store's clock, which gives "today" and the time
        stamps of writes; None restores the system clock.

        ``clock`` is called with no arguments and returns an aware
        :class:`datetime.datetime` or an int (seconds since the epoch). If
        it raises or returns something else, the system time is used for
        that reading and the exception is raised when the perfmgmt call
        that read the clock returns (that call's effect stands). The clock
        may not call perfmgmt on this store: that raises Misuse.
        """
        if clock is not None and not callable(clock):
            raise cv.type_error("clock", "callable or None", clock)
        root = self._h
        # CLOCK_FN(0) is the NULL function pointer: the system clock.
        callback = CLOCK_FN(0) if clock is None else CLOCK_FN(_clock_callback(root, clock))
        ptr = root.enter()
        try:
            check(lib.pm_db_set_clock(ptr, callback, None), _db_message(ptr))
            # C now holds the callback's address: it lives as long as the
            # store has it, and no longer.
            root.keep = callback
        finally:
            root.leave()

    def now(self) -> _dt.datetime:
        """The current instant by the store's clock (UTC)."""
        h = self._h
        ptr = h.enter()
        try:
            return cv.time_out(lib.pm_db_now(ptr))
        finally:
            h.leave()


def _secret(value: object) -> tuple[Any, int] | None:
    """The secret as a C buffer and its length (None for none). Text is refused: a key is
    bytes, and an encoding chosen here could differ from the one used
    elsewhere for the same deployment."""
    if value is None:
        return None
    if not isinstance(value, (bytes, bytearray, memoryview)):
        raise cv.type_error("secret", "bytes, bytearray, memoryview or None", value)
    data = bytes(value)
    # An empty key still gets a valid pointer (with length 0), so C judges
    # it too short instead of reading it as "no secret".
    return (c_char * max(len(data), 1)).from_buffer_copy(data.ljust(1, b"\0")), len(data)


def _clock_callback(root: Root, clock: Callable[[], ClockValue]) -> Callable[[Any], int]:
    """The function C calls as the clock of the store of ``root``."""
    import time

    get_ident = threading.get_ident

    def call(_payload: Any) -> int:
        """Returns the time by ``clock`` in whole seconds."""
        # An exception cannot cross C; keep it for Handle.leave() to raise
        # once the C call is over, and answer with the system time.
        root.clock_thread = get_ident()
        try:
            return cv.time_in(clock(), "clock()")
        except BaseException as exc:  # noqa: BLE001 - re-raised after the C call
            if root.clock_error is None:
                root.clock_error = exc
            return int(time.time())
        finally:
            root.clock_thread = None

    return call


def open(  # noqa: A001
    uri: str,
    readonly: bool = False,
    create: bool = True,
    *,
    secret: bytes | bytearray | memoryview | None = None,
) -> Db:
    """Opens a store.

    :param uri: ``"memory:"`` for a private in-memory store, or
        ``"sqlite:PATH"`` for an SQLite file.
    :param readonly: open the store read-only (writes raise ReadOnly).
    :param create: create the SQLite file when it is missing; with False a
        missing store raises NotFound or IOError.
    :param secret: the deployment's secret key (at least 16 bytes), which
        hides the givers of anonymous feedback; it is never written to the
        store, so pass the same one every time. Without one an SQLite store
        refuses anonymous feedback (Unsupported) and an in-memory store
        makes a random one.
    :raises InvalidArgument: an unknown scheme, a secret that is too short.
    :raises Corrupt: the file is not a perfmgmt store.
    :raises VersionMismatch: the store was written by a newer perfmgmt.
    """
    return Db(uri, readonly=readonly, create=create, secret=secret)
