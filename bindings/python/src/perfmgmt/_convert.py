"""Checking Python arguments and converting values between Python and C.

Wrong Python types raise TypeError here, before anything reaches C. Values
of the right type go to C unchanged wherever C can judge them, so that the
library's own rules and messages apply (an empty name, a NUL byte inside a
text given with its length, text that is not valid UTF-8).
"""

from __future__ import annotations

import datetime as _dt
import enum
import os
from ctypes import byref, create_string_buffer
from typing import TypeVar

from ._lib import PM_DATE_BUFSIZE, PM_DATE_NONE, PM_TIME_BUFSIZE, lib, pm_date, pm_time
from .errors import InvalidArgument, InvalidUtf8, OutOfRange, Status, check

_EPOCH_ORDINAL = _dt.date(1970, 1, 1).toordinal()
_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.timezone.utc)
_ID_MIN = -(2**63)
_ID_MAX = 2**63 - 1
_INT_MIN = -(2**31)
_INT_MAX = 2**31 - 1
_SECOND = _dt.timedelta(seconds=1)
_UTC = _dt.timezone.utc
_fromtimestamp = _dt.datetime.fromtimestamp


def type_error(name: str, expected: str, value: object) -> TypeError:
    """The TypeError for argument ``name`` given a ``value`` of the wrong type."""
    return TypeError(f"{name} must be {expected}, not {type(value).__name__}")


def text(value: object, name: str) -> bytes:
    """A str as UTF-8 bytes, to pass with its length.

    Lone surrogates are encoded as they are, so C sees invalid UTF-8 and
    refuses it with its own error rather than Python raising a different one.
    """
    if not isinstance(value, str):
        raise type_error(name, "str", value)
    return value.encode("utf-8", "surrogatepass")


def optional_text(value: object, name: str) -> bytes | None:
    """Like text(), with None passed through (a field left as it is)."""
    return None if value is None else text(value, name)


def c_string(value: object, name: str) -> bytes:
    """A str as UTF-8 for a C parameter without a length (NUL-terminated).

    C would see such text cut at a NUL byte, so the binding refuses it the
    way the library refuses a NUL in text with a length.
    """
    data = text(value, name)
    if b"\0" in data:
        raise InvalidUtf8(Status.EUTF8, f"{name}: contains a NUL byte")
    return data


def path(value: object, name: str) -> bytes:
    """A file system path (str, bytes or os.PathLike) for C."""
    if not isinstance(value, (str, bytes, os.PathLike)):
        raise type_error(name, "str, bytes or os.PathLike", value)
    data = os.fsencode(value)
    if b"\0" in data:
        raise InvalidArgument(Status.EINVAL, f"{name}: contains a NUL byte")
    return data


def ident(value: object, name: str) -> int:
    """An id (pm_id): an int that fits in 64 bits. C judges its value."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise type_error(name, "int", value)
    if not _ID_MIN <= value <= _ID_MAX:
        raise OutOfRange(Status.ERANGE, f"{name}: {value} does not fit in a 64-bit id")
    return value


def optional_ident(value: object, name: str) -> int:
    """An id or None (0 in C: "none")."""
    return 0 if value is None else ident(value, name)


def flag(value: object, name: str) -> bool:
    """A bool option. Other values are refused: a stray id or text passed
    where a flag belongs is a mistake, not a truth value."""
    if not isinstance(value, bool):
        raise type_error(name, "bool", value)
    return value


def integer(value: object, name: str) -> int:
    """A C int parameter (a count, a day of the month, a score). C judges
    its value; one that does not fit in an int is refused here, since C
    would see it truncated."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise type_error(name, "int", value)
    if not _INT_MIN <= value <= _INT_MAX:
        raise OutOfRange(Status.ERANGE, f"{name}: {value} does not fit in a C int")
    return value


def optional_integer(value: object, name: str, none: int) -> int:
    """A C int or None, given to C as ``none`` (its "not given" value)."""
    return none if value is None else integer(value, name)


def number(value: object, name: str) -> float:
    """A C double: an int or a float. Infinities and NaN go to C, which
    refuses them with its own message."""
    if isinstance(value, float):
        return value
    if not isinstance(value, int) or isinstance(value, bool):
        raise type_error(name, "float or int", value)
    try:
        return float(value)
    except OverflowError:
        # C would refuse the infinity this rounds to; say so in its terms.
        raise OutOfRange(Status.ERANGE, f"{name}: {value} does not fit in a double") from None


_E = TypeVar("_E", bound=enum.IntEnum)


def enum_in(value: object, cls: type[enum.IntEnum], name: str) -> int:
    """A member of ``cls`` (or a plain int, which C judges: an unknown value
    is C's to refuse) as a C enum value. A member of another enum is a
    mix-up (a Visibility given as a GoalKind) and raises TypeError."""
    if isinstance(value, cls):
        return int(value)
    if isinstance(value, enum.Enum) or not isinstance(value, int) or isinstance(value, bool):
        raise type_error(name, f"perfmgmt.{cls.__name__}", value)
    return integer(value, name)


def enum_out(value: int, cls: type[_E]) -> _E | int:
    """A C enum value as a member of ``cls``; a value this binding does not
    know yet (from a newer library) stays a plain int."""
    try:
        return cls(value)
    except ValueError:
        return value


def date_in(value: object, name: str) -> int:
    """A datetime.date, or None for "today" / "none", as a pm_date."""
    if value is None:
        return PM_DATE_NONE
    # A datetime is a date too, but which day it means depends on a time
    # zone the caller should choose; ask for the date.
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise type_error(name, "datetime.date or None", value)
    return value.toordinal() - _EPOCH_ORDINAL


def date_out(value: int) -> _dt.date | None:
    """A pm_date as a datetime.date; None for PM_DATE_NONE."""
    if value == PM_DATE_NONE:
        return None
    try:
        return _dt.date.fromordinal(value + _EPOCH_ORDINAL)
    except (ValueError, OverflowError):
        raise OutOfRange(Status.ERANGE, f"date: {value} is not a day in years 1 to 9999") from None


def time_out(value: int) -> _dt.datetime:
    """A pm_time as an aware datetime in UTC."""
    try:
        return _fromtimestamp(value, _UTC)
    except (OverflowError, OSError, ValueError):
        pass
    # The platform's time functions may not reach every year that
    # datetime does; arithmetic does.
    try:
        return _EPOCH + _dt.timedelta(seconds=value)
    except OverflowError:
        raise OutOfRange(Status.ERANGE, f"time: {value} is outside years 1 to 9999") from None


def time_in(value: object, name: str) -> int:
    """An aware datetime (or int seconds since the epoch) as a pm_time."""
    if isinstance(value, _dt.datetime):
        if value.utcoffset() is None:
            raise ValueError(f"{name} must be an aware datetime (with tzinfo), not a naive one")
        return (value - _EPOCH) // _SECOND
    if isinstance(value, int) and not isinstance(value, bool):
        if not _ID_MIN <= value <= _ID_MAX:
            raise OutOfRange(Status.ERANGE, f"{name}: {value} does not fit in a 64-bit time")
        return value
    raise type_error(name, "datetime.datetime or int", value)


def parse_date(value: str) -> _dt.date:
    """Parses an ISO 8601 date, exactly ``YYYY-MM-DD``, with ``pm_date_parse()``.

    :raises InvalidArgument: text of the wrong form.
    :raises OutOfRange: a day that does not exist (2026-02-30).
    """
    data = c_string(value, "text")
    out = pm_date()
    rc = lib.pm_date_parse(byref(out), data)
    if rc:
        check(rc, f"date: {value!r} is not a date written YYYY-MM-DD")
    result = date_out(out.value)
    assert result is not None
    return result


def format_date(value: _dt.date) -> str:
    """Formats a date as ``YYYY-MM-DD`` with ``pm_date_format()``."""
    if value is None:
        raise type_error("value", "datetime.date", value)
    days = date_in(value, "value")
    buf = create_string_buffer(PM_DATE_BUFSIZE)
    check(lib.pm_date_format(buf, days), "date: outside years 1 to 9999")
    return buf.value.decode("ascii")


def parse_time(value: str) -> _dt.datetime:
    """Parses a UTC instant, exactly ``YYYY-MM-DDTHH:MM:SSZ``, with
    ``pm_time_parse()``; returns an aware datetime in UTC."""
    data = c_string(value, "text")
    out = pm_time()
    rc = lib.pm_time_parse(byref(out), data)
    if rc:
        check(rc, f"time: {value!r} is not an instant written YYYY-MM-DDTHH:MM:SSZ")
    return time_out(out.value)


def format_time(value: _dt.datetime) -> str:
    """Formats an aware datetime as ``YYYY-MM-DDTHH:MM:SSZ`` (UTC) with
    ``pm_time_format()``; fractions of a second are dropped."""
    if not isinstance(value, _dt.datetime):
        raise type_error("value", "datetime.datetime", value)
    seconds = time_in(value, "value")
    buf = create_string_buffer(PM_TIME_BUFSIZE)
    check(lib.pm_time_format(buf, seconds), "time: outside years 1 to 9999")
    return buf.value.decode("ascii")
