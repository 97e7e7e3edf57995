"""The Session methods for retention periods and purges (``retention.h``)."""

from __future__ import annotations

from ctypes import byref, c_int

from . import _convert as cv
from ._lib_retention import (
    PM_RETENTION_BATCH_DEFAULT,
    PM_RETENTION_PURGE_OPTS_VERSION,
    PM_RETENTION_REPORT_VERSION,
    RetentionPurgeOpts,
    lib,
)
from ._lib_retention import RetentionReport as _CRetentionReport
from ._records_retention import RetentionClass, RetentionReport, report_from
from ._session_base import _SessionBase
from .errors import OutOfRange, Status, check


def _count(value: object, name: str) -> int:
    """A C unsigned int: a negative one would reach C wrapped around."""
    n = cv.integer(value, name)
    if n < 0:
        raise OutOfRange(Status.ERANGE, f"{name}: {n} is negative")
    return n


class _RetentionMixin(_SessionBase):
    """How long each class of personal data is kept, and purging what is
    past its period (HR admins and the system session)."""

    __slots__ = ()

    def set_retention(self, retention_class: RetentionClass, days: int) -> None:
        """Keeps the records of ``retention_class`` for ``days`` days (1 to
        36500; 0 removes the period, as :meth:`clear_retention`). No class
        has a period until one is set, and nothing is purged but by
        :meth:`purge_retention`.

        :raises InvalidArgument: an unknown class, days out of range.
        :raises PermissionDenied: the session is neither an HR admin's nor
            the system session.
        """
        self._call(
            lib.pm_retention_set,
            cv.enum_in(retention_class, RetentionClass, "retention_class"),
            cv.integer(days, "days"),
        )

    def clear_retention(self, retention_class: RetentionClass) -> None:
        """Removes the period of ``retention_class``: its records are kept
        until one is set again. Clearing a class without one is fine.

        :raises InvalidArgument: an unknown class.
        :raises PermissionDenied: as for :meth:`set_retention`.
        """
        self._call(
            lib.pm_retention_clear, cv.enum_in(retention_class, RetentionClass, "retention_class")
        )

    def get_retention(self, retention_class: RetentionClass) -> int | None:
        """The period of ``retention_class`` in days, or None when it has none.

        :raises InvalidArgument: an unknown class.
        :raises PermissionDenied: as for :meth:`set_retention`.
        """
        days = c_int()
        self._call_out(
            lib.pm_retention_get, days, cv.enum_in(retention_class, RetentionClass, "retention_class")
        )
        return days.value or None

    def purge_retention(
        self,
        now: object = None,
        batch_size: int = PM_RETENTION_BATCH_DEFAULT,
        max_batches: int = 0,
    ) -> RetentionReport:
        """Removes the records past their retention period, class by class,
        in batches of at most ``batch_size`` records (1 to 10000), each its
        own transaction. Records of people under a legal hold, and records
        still in use, are kept (``perfmgmt/retention.h`` lists them).

        :param now: the instant periods count back from (an aware datetime,
            or int seconds since the epoch); None for the db's clock.
        :param max_batches: stop after this many batches (0: until done);
            call again until the report says ``done``.
        :raises Error: on failure; what earlier batches removed stays
            removed, and a later call goes on from there.
        """
        when = 0 if now is None else cv.time_in(now, "now")
        opts = RetentionPurgeOpts()
        check(lib.pm_retention_purge_opts_init(byref(opts), PM_RETENTION_PURGE_OPTS_VERSION))
        opts.batch_size = _count(batch_size, "batch_size")
        opts.max_batches = _count(max_batches, "max_batches")
        report = _CRetentionReport()
        report.version = PM_RETENTION_REPORT_VERSION
        self._call(lib.pm_retention_purge, when, byref(opts), byref(report))
        return report_from(report)
