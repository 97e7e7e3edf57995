"""Status codes and the exception hierarchy.

Every failed C call becomes one exception, raised by :func:`check`: a
subclass of :class:`Error` chosen by the status code, carrying the code and
the message the C library wrote for that call (naming the field and the
reason, as in ``person.email: must not be empty``).
"""

from __future__ import annotations

import enum
from ._lib import lib

__all__ = [
    "Status",
    "Error",
    "InvalidArgument",
    "NotFound",
    "PermissionDenied",
    "Conflict",
    "StorageError",
    "OutOfMemory",
    "InvalidUtf8",
    "OutOfRange",
    "Busy",
    "VersionMismatch",
    "Cycle",
    "Corrupt",
    "ReadOnly",
    "Misuse",
    "Unsupported",
    "UnderLegalHold",
    # IOError is exported by name only: in __all__ a star import would
    # shadow the built-in of the same name.
    "check",
    "status_str",
]


class Status(enum.IntEnum):
    """The C library's ``pm_status`` codes; the values never change."""

    OK = 0
    EINVAL = -1
    ENOTFOUND = -2
    EPERM = -3
    ECONFLICT = -4
    ESTORAGE = -5
    ENOMEM = -6
    EUTF8 = -7
    ERANGE = -8
    EBUSY = -9
    EVERSION = -10
    ECYCLE = -11
    ECORRUPT = -12
    EREADONLY = -13
    EMISUSE = -14
    EUNSUPPORTED = -15
    EIO = -16
    ITEROVER = -17
    EHELD = -18


def status_str(code: int) -> str:
    """Describes a status code in a few words, as ``pm_status_str()`` does.

    :param code: any integer; unknown codes give ``"unknown status"``.
    """
    if not isinstance(code, int) or isinstance(code, bool):
        raise TypeError(f"code must be int, not {type(code).__name__}")
    if not -(2**31) <= code < 2**31:
        return "unknown status"
    text: bytes = lib.pm_status_str(code)
    return text.decode("utf-8", "replace")


class Error(Exception):
    """A perfmgmt call failed.

    :ivar code: the status, a :class:`Status` (a plain ``int`` for a code this
        binding does not know yet).
    :ivar message: the library's message for the failed call, naming the
        field and the reason; it may be empty.
    """

    #: The status this class stands for; the base class takes any.
    status: Status | None = None

    code: Status | int
    message: str

    def __init__(self, code: Status | int, message: str = "") -> None:
        try:
            code = Status(code)
        except ValueError:
            pass
        self.code = code
        self.message = message
        super().__init__(code, message)

    def __str__(self) -> str:
        what = status_str(int(self.code))
        return f"{what}: {self.message}" if self.message else what

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message!r})"

    def __reduce__(self) -> tuple[type, tuple[Status | int, str]]:
        return (type(self), (self.code, self.message))


class InvalidArgument(Error):
    """An argument is invalid (empty, malformed)."""

    status = Status.EINVAL


class NotFound(Error):
    """A referenced record does not exist."""

    status = Status.ENOTFOUND


class PermissionDenied(Error):
    """The acting session may not do this."""

    status = Status.EPERM


class Conflict(Error):
    """The change conflicts with stored data (a duplicate, a later change)."""

    status = Status.ECONFLICT


class StorageError(Error):
    """The storage backend failed."""

    status = Status.ESTORAGE


class OutOfMemory(Error):
    """Memory could not be allocated."""

    status = Status.ENOMEM


class InvalidUtf8(Error):
    """Text is not valid UTF-8 or holds a NUL byte."""

    status = Status.EUTF8


class OutOfRange(Error):
    """A value is outside its allowed range (too long, too large)."""

    status = Status.ERANGE


class Busy(Error):
    """The store is locked by another writer."""

    status = Status.EBUSY


class VersionMismatch(Error):
    """A version does not match (for example a store written by a newer perfmgmt)."""

    status = Status.EVERSION


class Cycle(Error):
    """The change would create a cycle (manager chain, unit tree)."""

    status = Status.ECYCLE


class Corrupt(Error):
    """The store is damaged or is not a perfmgmt store."""

    status = Status.ECORRUPT


class ReadOnly(Error):
    """The store is read-only."""

    status = Status.EREADONLY


class Misuse(Error):
    """The API was used out of order, or a closed handle was used."""

    status = Status.EMISUSE


class Unsupported(Error):
    """The backend or build does not support the operation."""

    status = Status.EUNSUPPORTED


class IOError(Error):  # noqa: A001 - the name the C code's PM_EIO suggests
    """A file could not be read or written."""

    status = Status.EIO


class UnderLegalHold(Error):
    """A legal hold forbids the change (erasing a held person)."""

    status = Status.EHELD


_CLASSES: dict[int, type[Error]] = {}
for _cls in (
    InvalidArgument,
    NotFound,
    PermissionDenied,
    Conflict,
    StorageError,
    OutOfMemory,
    InvalidUtf8,
    OutOfRange,
    Busy,
    VersionMismatch,
    Cycle,
    Corrupt,
    ReadOnly,
    Misuse,
    Unsupported,
    IOError,
    UnderLegalHold,
):
    assert _cls.status is not None
    _CLASSES[_cls.status] = _cls
del _cls


def error_for(code: int, message: str = "") -> Error:
    """The exception for a status code: the subclass of :class:`Error`
    for that code, or :class:`Error` itself for an unknown code."""
    return _CLASSES.get(code, Error)(code, message)


def check(code: int, message: str = "") -> None:
    """Raises the exception for a failed status; does nothing for ``OK``.

    This is the one place a status becomes an exception.
    """
    if code != 0:
        raise error_for(code, message)
