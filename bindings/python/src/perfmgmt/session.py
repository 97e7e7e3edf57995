"""Sessions (who is acting) and the iterators they return.

Every domain call goes through a :class:`Session`; the C library checks the
acting person's rights on each one. A session keeps its store alive, and an
iterator its session, so a chain like ``db.system_session().search_people()``
works; closing the store still closes them all.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Iterator

from ._handle import Handle
from ._lib import lib
from ._session_audit import _AuditMixin
from ._session_base import _SessionBase
from ._session_checkin import _CheckinMixin
from ._session_competency import _CompetencyMixin
from ._session_development import _DevelopmentMixin
from ._session_erasure import _ErasureMixin
from ._session_feedback import _FeedbackMixin
from ._session_evaluation import _EvaluationMixin
from ._session_export import _ExportMixin
from ._session_goal import _GoalMixin
from ._session_retention import _RetentionMixin
from ._session_iter import (
    AssessmentIterator,
    CandidateIterator,
    CheckinEntryIterator,
    CheckinIterator,
    CheckinSeriesIterator,
    CompetencyIterator,
    EnrolmentIterator,
    FeedbackIterator,
    FeedbackRequestIterator,
    GapIterator,
    GapSummaryIterator,
    GoalIterator,
    GoalTreeIterator,
    KeyResultIterator,
    PersonIterator,
    PlanItemIterator,
    PlanIterator,
    ProgrammeIterator,
    ProgressIterator,
    Review360CommentIterator,
    Review360Iterator,
    Review360QuestionIterator,
    Review360ResultIterator,
    RoleIterator,
    UnitIterator,
)
from ._iter_wellbeing import (
    MeasurementIterator,
    MetricIterator,
    PatternFlagIterator,
    ResponseRateIterator,
)
from ._session_org import _OrgMixin
from ._session_request import _RequestMixin
from ._session_review360 import _Review360Mixin
from ._session_wellbeing import _WellbeingMixin

if TYPE_CHECKING:
    from .db import Db

__all__ = [
    "Session",
    "PersonIterator",
    "UnitIterator",
    "GoalIterator",
    "GoalTreeIterator",
    "KeyResultIterator",
    "ProgressIterator",
    "CheckinSeriesIterator",
    "CheckinIterator",
    "CheckinEntryIterator",
    "FeedbackIterator",
    "FeedbackRequestIterator",
    "Review360Iterator",
    "Review360QuestionIterator",
    "Review360ResultIterator",
    "Review360CommentIterator",
    "CompetencyIterator",
    "RoleIterator",
    "AssessmentIterator",
    "GapIterator",
    "GapSummaryIterator",
    "PlanIterator",
    "PlanItemIterator",
    "ProgrammeIterator",
    "EnrolmentIterator",
    "CandidateIterator",
    "MetricIterator",
    "MeasurementIterator",
    "ResponseRateIterator",
    "PatternFlagIterator",
]


class Session(
    _OrgMixin,
    _GoalMixin,
    _CheckinMixin,
    _FeedbackMixin,
    _RequestMixin,
    _Review360Mixin,
    _CompetencyMixin,
    _DevelopmentMixin,
    _WellbeingMixin,
    _EvaluationMixin,
    _RetentionMixin,
    _ExportMixin,
    _AuditMixin,
    _ErasureMixin,
    _SessionBase,
):
    """Who is acting: a person, or the system actor used by integrations.

    Open one with :meth:`Db.session` or :meth:`Db.system_session`. Use it as
    a context manager, or call :meth:`close`. Failed calls raise a subclass
    of :class:`perfmgmt.Error` carrying the library's message.

    Ids are ints; dates are :class:`datetime.date` (``None`` means today);
    texts are :class:`str`.
    """

    __slots__ = ("_h", "_db", "_actor", "__weakref__")

    _h: Handle
    _db: Db
    _actor: int

    def __init__(self) -> None:
        raise TypeError("open a session with Db.session() or Db.system_session()")

    @classmethod
    def _wrap(cls, db: Db, handle: Handle) -> Session:
        """Wraps a C session just opened (the store's lock is held)."""
        self = object.__new__(cls)
        self._h = handle
        self._db = db
        # A session's actor never changes; reading it once keeps repr()
        # free of C calls and locks.
        self._actor = int(lib.pm_session_actor(handle.ptr))
        return self

    # ---- lifetime -------------------------------------------------------

    def close(self) -> None:
        """Frees the session and the iterators it returned, rolling back a
        transaction left open. Closing twice does nothing."""
        self._h.close()

    @property
    def closed(self) -> bool:
        """True once the session (or its store) is closed."""
        return self._h.ptr is None

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        handle = getattr(self, "_h", None)
        if handle is not None:
            handle.close_soon()

    def __repr__(self) -> str:
        who = "system" if self._actor == 0 else f"person {self._actor}"
        state = " closed" if self._h.ptr is None else ""
        return f"<perfmgmt.Session acting as {who}{state}>"

    @property
    def db(self) -> Db:
        """The store the session was opened on."""
        return self._db

    @property
    def actor(self) -> int:
        """The acting person's id, or 0 for the system actor."""
        if self._h.ptr is None:
            raise self._h.closed_error()
        return self._actor


    # ---- transactions ---------------------------------------------------

    def begin(self) -> None:
        """Starts a transaction grouping the following writes.

        :raises Misuse: one is already open.
        """
        self._call(lib.pm_session_begin)

    def commit(self) -> None:
        """Makes the writes since :meth:`begin` durable.

        :raises Misuse: none is open.
        """
        self._call(lib.pm_session_commit)

    def rollback(self) -> None:
        """Discards the writes since :meth:`begin`.

        :raises Misuse: none is open.
        """
        self._call(lib.pm_session_rollback)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Session]:
        """A transaction as a context manager: committed when the block
        ends normally, rolled back when it raises.

        >>> with session.transaction():
        ...     session.create_person("E1", "Ada Lovelace")
        """
        self.begin()
        try:
            yield self
        except BaseException:
            # The block's exception is the one to report; a failed rollback
            # (say, the session was closed inside the block) adds nothing.
            with contextlib.suppress(Exception):
                self.rollback()
            raise
        self.commit()
