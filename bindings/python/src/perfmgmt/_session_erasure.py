"""The Session method for erasing a person's personal data (``erasure.h``)."""

from __future__ import annotations

from ctypes import byref

from . import _convert as cv
from ._lib_erasure import PM_ERASE_OPTS_VERSION, PM_ERASE_REPORT_VERSION, EraseOpts, lib
from ._lib_erasure import EraseReport as _CEraseReport
from ._records_erasure import EraseGoals, EraseReport, report_from
from ._session_base import _SessionBase
from .errors import check


class _ErasureMixin(_SessionBase):
    """The right to erasure (HR admins and the system session)."""

    __slots__ = ()

    def erase_person(
        self,
        person: int,
        *,
        goals: EraseGoals = EraseGoals.ARCHIVE,
        new_owner: int | None = None,
    ) -> EraseReport:
        """Erases ``person``'s personal data in one transaction, which cannot
        be undone: what is about them goes (feedback they received, their
        assessments, plans, measurements, ...); what is someone else's
        record stays and names a former employee (feedback they gave, ...);
        their person record stays, its name now ``"Former employee"`` and
        its status :attr:`PersonStatus.ERASED` (``perfmgmt/erasure.h`` lists
        it all). A person still active is first recorded as having left
        today. The audit trail records one entry with the person's id and
        the count, nothing of what was erased.

        :param goals: what becomes of the goals they owned: archived, or
            given to ``new_owner`` (an active person) in their state.
        :raises InvalidArgument: the system actor's id 0, an unknown
            ``goals`` value, ``new_owner`` missing for REASSIGN, given
            otherwise, or the person themself.
        :raises NotFound: no person (or new owner) has this id.
        :raises UnderLegalHold: the person is under a legal hold.
        :raises Conflict: already erased, or a new owner who has left.
        :raises PermissionDenied: the session is neither an HR admin's nor
            the system session.
        """
        pid = cv.ident(person, "person")
        opts = EraseOpts()
        check(lib.pm_erase_opts_init(byref(opts), PM_ERASE_OPTS_VERSION))
        opts.goals = cv.enum_in(goals, EraseGoals, "goals")
        opts.new_owner = cv.optional_ident(new_owner, "new_owner")
        report = _CEraseReport()
        report.version = PM_ERASE_REPORT_VERSION
        self._call(lib.pm_person_erase, pid, byref(opts), byref(report))
        return report_from(report)
