"""The iterators Session methods return."""

from __future__ import annotations

from ctypes import byref, c_void_p
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar

from ._handle import Handle
from ._lib import PM_ITEROVER
from ._lib_development import lib
from ._session_base import _message
from ._records_feedback import (
    Feedback,
    FeedbackRequest,
    Review360,
    Review360Comment,
    Review360Question,
    Review360Result,
    comment_from,
    feedback_from,
    question_from,
    request_from,
    result_from,
    review360_from,
)
from ._records_competency import (
    Assessment,
    Competency,
    Gap,
    GapSummary,
    Role,
    assessment_from,
    competency_from,
    gap_from,
    gap_summary_from,
    role_from,
)
from ._records_development import (
    Candidate,
    Enrolment,
    Plan,
    PlanItem,
    Programme,
    candidate_from,
    enrolment_from,
    plan_from,
    plan_item_from,
    programme_from,
)
from .errors import check, status_str
from .records import (
    Checkin,
    CheckinEntry,
    CheckinSeries,
    Goal,
    KeyResult,
    Person,
    Progress,
    Unit,
    checkin_from,
    entry_from,
    goal_from,
    key_result_from,
    person_from,
    progress_from,
    series_from,
    unit_from,
)

if TYPE_CHECKING:
    from ._session_base import _SessionBase


T = TypeVar("T")
_I = TypeVar("_I", bound="_Iterator[Any]")


class _Iterator(Generic[T]):
    """An iterator over the C library's results.

    Each item is copied out as it is read. The C iterator is freed when the
    iteration ends, on :meth:`close`, when the object is collected, or when
    its session or store is closed. After it ends, ``next()`` keeps raising
    StopIteration; after it was closed early, ``next()`` raises Misuse.
    """

    __slots__ = ("_h", "_session", "_done", "__weakref__")

    _free: ClassVar[Any]
    _next: ClassVar[Any]

    _h: Handle
    _session: _SessionBase
    _done: bool

    def __init__(self) -> None:
        raise TypeError("iterators come from Session methods")

    @classmethod
    def _wrap(cls: type[_I], session: _SessionBase, handle: Handle) -> _I:
        """Wraps a C iterator just opened on ``session``."""
        self = object.__new__(cls)
        self._h = handle
        # The session must outlive the C iterator, which reads through it.
        self._session = session
        self._done = False
        return self

    def __iter__(self) -> _Iterator[T]:
        return self

    def __next__(self) -> T:
        if self._done:
            raise StopIteration
        h = self._h
        ptr = h.enter()
        try:
            out = c_void_p()
            rc = self._next(byref(out), ptr)
            if rc == 0:
                return self._copy(out)
            if rc == PM_ITEROVER:
                self._done = True
                h.close_locked()
                raise StopIteration
            check(rc, self._message(h, rc))
            raise AssertionError("unreachable")
        finally:
            h.leave()

    def _copy(self, item: Any) -> T:
        """Copies the item C handed out, which the iterator still owns."""
        raise NotImplementedError

    def _message(self, handle: Handle, rc: int) -> str:
        """The message for a failed next()."""
        return f"iterator: {status_str(rc)}"

    def close(self) -> None:
        """Frees the C iterator now; closing twice does nothing."""
        self._h.close()

    @property
    def closed(self) -> bool:
        """True once the iterator is exhausted or closed."""
        return self._h.ptr is None

    def __enter__(self) -> _Iterator[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __del__(self) -> None:
        handle = getattr(self, "_h", None)
        if handle is not None:
            handle.close_soon()


class _SessionIterator(_Iterator[T]):
    """An iterator that reads through its session, which then holds the
    message of a failed next()."""

    __slots__ = ()

    def _message(self, handle: Handle, rc: int) -> str:
        session = handle.parent
        if session is not None and session.ptr is not None:
            text = _message(session.ptr)
            if text:
                return text
        return super()._message(handle, rc)


class PersonIterator(_SessionIterator[Person]):
    """People, one :class:`Person` at a time."""

    __slots__ = ()

    _free = lib.pm_person_iter_free
    _next = lib.pm_person_iter_next

    def _copy(self, item: Any) -> Person:
        # The C person is borrowed from the iterator: copy it before the
        # lock is released and another next() could replace it.
        return person_from(item)


class UnitIterator(_Iterator[Unit]):
    """Units, one :class:`Unit` at a time."""

    __slots__ = ()

    _free = lib.pm_unit_iter_free
    _next = lib.pm_unit_iter_next

    def _copy(self, item: Any) -> Unit:
        return unit_from(item)


class GoalIterator(_SessionIterator[Goal]):
    """Goals, one :class:`Goal` at a time."""

    __slots__ = ()

    _free = lib.pm_goal_iter_free
    _next = lib.pm_goal_iter_next

    def _copy(self, item: Any) -> Goal:
        return goal_from(item)


class GoalTreeIterator(_SessionIterator["tuple[int, Goal]"]):
    """An alignment tree, one ``(depth, Goal)`` pair at a time, depth first."""

    __slots__ = ()

    _free = lib.pm_goal_iter_free
    _next = lib.pm_goal_iter_next

    def _copy(self, item: Any) -> tuple[int, Goal]:
        # The depth belongs to the iterator, which is live here: _copy runs
        # under the lock, before another next() could move it on.
        return (lib.pm_goal_iter_depth(self._h.ptr), goal_from(item))


class KeyResultIterator(_SessionIterator[KeyResult]):
    """Key results, one :class:`KeyResult` at a time."""

    __slots__ = ()

    _free = lib.pm_key_result_iter_free
    _next = lib.pm_key_result_iter_next

    def _copy(self, item: Any) -> KeyResult:
        return key_result_from(item)


class ProgressIterator(_SessionIterator[Progress]):
    """Progress updates, one :class:`Progress` at a time."""

    __slots__ = ()

    _free = lib.pm_progress_iter_free
    _next = lib.pm_progress_iter_next

    def _copy(self, item: Any) -> Progress:
        return progress_from(item)


class CheckinSeriesIterator(_SessionIterator[CheckinSeries]):
    """Check-in series, one :class:`CheckinSeries` at a time."""

    __slots__ = ()

    _free = lib.pm_checkin_series_iter_free
    _next = lib.pm_checkin_series_iter_next

    def _copy(self, item: Any) -> CheckinSeries:
        return series_from(item)


class CheckinIterator(_SessionIterator[Checkin]):
    """Check-ins, one :class:`Checkin` at a time."""

    __slots__ = ()

    _free = lib.pm_checkin_iter_free
    _next = lib.pm_checkin_iter_next

    def _copy(self, item: Any) -> Checkin:
        return checkin_from(item)


class CheckinEntryIterator(_SessionIterator[CheckinEntry]):
    """Entries of a check-in, one :class:`CheckinEntry` at a time."""

    __slots__ = ()

    _free = lib.pm_checkin_entry_iter_free
    _next = lib.pm_checkin_entry_iter_next

    def _copy(self, item: Any) -> CheckinEntry:
        return entry_from(item)


class FeedbackIterator(_SessionIterator[Feedback]):
    """Feedback entries, one :class:`Feedback` at a time, newest first."""

    __slots__ = ()

    _free = lib.pm_feedback_iter_free
    _next = lib.pm_feedback_iter_next

    def _copy(self, item: Any) -> Feedback:
        return feedback_from(item)


class FeedbackRequestIterator(_SessionIterator[FeedbackRequest]):
    """Feedback requests, one :class:`FeedbackRequest` at a time, newest first."""

    __slots__ = ()

    _free = lib.pm_feedback_request_iter_free
    _next = lib.pm_feedback_request_iter_next

    def _copy(self, item: Any) -> FeedbackRequest:
        return request_from(item)


class Review360Iterator(_SessionIterator[Review360]):
    """360 rounds, one :class:`Review360` at a time, newest window first."""

    __slots__ = ()

    _free = lib.pm_review360_iter_free
    _next = lib.pm_review360_iter_next

    def _copy(self, item: Any) -> Review360:
        return review360_from(item)


class Review360QuestionIterator(_SessionIterator[Review360Question]):
    """A round's questions, one :class:`Review360Question` at a time."""

    __slots__ = ()

    _free = lib.pm_review360_question_iter_free
    _next = lib.pm_review360_question_iter_next

    def _copy(self, item: Any) -> Review360Question:
        return question_from(item)


class Review360ResultIterator(_SessionIterator[Review360Result]):
    """A round's results, one :class:`Review360Result` at a time."""

    __slots__ = ()

    _free = lib.pm_review360_result_iter_free
    _next = lib.pm_review360_result_iter_next

    def _copy(self, item: Any) -> Review360Result:
        return result_from(item)


class Review360CommentIterator(_SessionIterator[Review360Comment]):
    """A round's open-text answers, one :class:`Review360Comment` at a time."""

    __slots__ = ()

    _free = lib.pm_review360_comment_iter_free
    _next = lib.pm_review360_comment_iter_next

    def _copy(self, item: Any) -> Review360Comment:
        return comment_from(item)


class CompetencyIterator(_SessionIterator[Competency]):
    """Competencies, one :class:`Competency` at a time, by category then name."""

    __slots__ = ()

    _free = lib.pm_competency_iter_free
    _next = lib.pm_competency_iter_next

    def _copy(self, item: Any) -> Competency:
        return competency_from(item)


class RoleIterator(_SessionIterator[Role]):
    """Roles, one :class:`Role` at a time, by name."""

    __slots__ = ()

    _free = lib.pm_role_iter_free
    _next = lib.pm_role_iter_next

    def _copy(self, item: Any) -> Role:
        return role_from(item)


class AssessmentIterator(_SessionIterator[Assessment]):
    """Assessments, one :class:`Assessment` at a time, oldest first."""

    __slots__ = ()

    _free = lib.pm_assessment_iter_free
    _next = lib.pm_assessment_iter_next

    def _copy(self, item: Any) -> Assessment:
        return assessment_from(item)


class GapIterator(_SessionIterator[Gap]):
    """A person's gaps against a role, one :class:`Gap` per competency."""

    __slots__ = ()

    _free = lib.pm_gap_iter_free
    _next = lib.pm_gap_iter_next

    def _copy(self, item: Any) -> Gap:
        return gap_from(item)


class GapSummaryIterator(_SessionIterator[GapSummary]):
    """A gap summary, one :class:`GapSummary` per competency."""

    __slots__ = ("_compared",)

    _free = lib.pm_gap_summary_iter_free
    _next = lib.pm_gap_summary_iter_next

    # Whether a compare day was asked for: set by Session.gap_summary()
    # before the iterator is handed out.
    _compared: bool

    def _copy(self, item: Any) -> GapSummary:
        return gap_summary_from(item, self._compared)


class PlanIterator(_SessionIterator[Plan]):
    """Development plans, one :class:`Plan` at a time, by start."""

    __slots__ = ()

    _free = lib.pm_plan_iter_free
    _next = lib.pm_plan_iter_next

    def _copy(self, item: Any) -> Plan:
        return plan_from(item)


class PlanItemIterator(_SessionIterator[PlanItem]):
    """Plan items, one :class:`PlanItem` at a time, by due date."""

    __slots__ = ()

    _free = lib.pm_plan_item_iter_free
    _next = lib.pm_plan_item_iter_next

    def _copy(self, item: Any) -> PlanItem:
        return plan_item_from(item)


class ProgrammeIterator(_SessionIterator[Programme]):
    """Programmes, one :class:`Programme` at a time, by name."""

    __slots__ = ()

    _free = lib.pm_programme_iter_free
    _next = lib.pm_programme_iter_next

    def _copy(self, item: Any) -> Programme:
        return programme_from(item)


class EnrolmentIterator(_SessionIterator[Enrolment]):
    """A programme's enrolments, one :class:`Enrolment` at a time, by person."""

    __slots__ = ()

    _free = lib.pm_enrolment_iter_free
    _next = lib.pm_enrolment_iter_next

    def _copy(self, item: Any) -> Enrolment:
        return enrolment_from(item)


class CandidateIterator(_SessionIterator[Candidate]):
    """The people who need a programme, one :class:`Candidate` at a time,
    largest gap first."""

    __slots__ = ()

    _free = lib.pm_candidate_iter_free
    _next = lib.pm_candidate_iter_next

    def _copy(self, item: Any) -> Candidate:
        return candidate_from(item)
