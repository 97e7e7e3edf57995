"""Records and enums of feedback, feedback requests, feedback-culture
numbers and 360-degree rounds (``feedback.h``, ``review360.h``).

Like the records of :mod:`perfmgmt.records`, each is copied field by field
out of a C snapshot that is freed at once, so it stays valid after its
session or store is closed. "Not set" reads as None.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass
from typing import Any

from . import _convert
from ._lib import (
    PM_REQUEST_ALL,
    PM_REQUEST_ANSWERED,
    PM_REQUEST_EXPIRED_ONLY,
    PM_REQUEST_OPEN,
    lib,
)

__all__ = [
    "FeedbackKind",
    "Direction",
    "FeedbackVisibility",
    "Reaction",
    "RequestState",
    "RequestRole",
    "RequestFilter",
    "Review360State",
    "RaterGroup",
    "Feedback",
    "RequestPart",
    "FeedbackRequest",
    "FeedbackStats",
    "Review360",
    "Review360Question",
    "Review360Result",
    "Review360Comment",
    "Review360Role",
]


class FeedbackKind(enum.IntEnum):
    """What a feedback entry is (``pm_feedback_kind``)."""

    PRAISE = 1
    CONSTRUCTIVE = 2
    SUGGESTION = 3


class Direction(enum.IntEnum):
    """How giver and receiver stood in the organisation when feedback was
    given (``pm_direction``)."""

    DOWNWARD = 1
    UPWARD = 2
    PEER = 3
    SELF = 4
    OTHER = 5
    #: Anonymous feedback: its direction is not kept, as it could name the giver.
    UNDISCLOSED = 6


class FeedbackVisibility(enum.IntEnum):
    """Who may read a feedback entry besides its giver, HR admins and the
    system (``pm_feedback_visibility``)."""

    TO_RECEIVER = 1
    TO_MANAGERS = 2
    TO_ORGANISATION = 3


class Reaction(enum.IntEnum):
    """The receiver's reaction to a feedback entry (``pm_reaction``)."""

    NONE = 0
    THANKS = 1
    HELPFUL = 2
    DISCUSS = 3
    DISAGREE = 4


class RequestState(enum.IntEnum):
    """Where one addressee's part of a request stands (``pm_request_state``)."""

    REQUESTED = 1
    SUBMITTED = 2
    DECLINED = 3
    EXPIRED = 4


class RequestRole(enum.IntEnum):
    """How a person stands to the requests listed (``pm_request_role``)."""

    ASKED_BY = 1
    ADDRESSED_TO = 2
    ABOUT = 3


class RequestFilter(enum.IntFlag):
    """Which requests to list (the ``PM_REQUEST_*`` filter bits): a request
    is listed when it matches any bit given. For ADDRESSED_TO, the bits look
    at the person's own part."""

    OPEN = PM_REQUEST_OPEN
    ANSWERED = PM_REQUEST_ANSWERED
    EXPIRED = PM_REQUEST_EXPIRED_ONLY
    ALL = PM_REQUEST_ALL


class Review360State(enum.IntEnum):
    """Where a 360 round stands (``pm_review360_state``)."""

    DRAFT = 1
    OPEN = 2
    CLOSED = 3


class RaterGroup(enum.IntEnum):
    """The group a rater answers a 360 round in (``pm_rater_group``). SELF
    and MANAGER are shown as themselves; PEER and REPORT only when at least
    the round's threshold of their raters submitted."""

    SELF = 1
    MANAGER = 2
    PEER = 3
    REPORT = 4


@dataclass(frozen=True, slots=True)
class Feedback:
    """A feedback entry as the session could see it.

    :ivar id: the entry's id.
    :ivar giver: who gave it; None when it is anonymous, for every reader
        (the giver and HR admins too).
    :ivar is_mine: whether the session that read it is its giver (also for
        anonymous entries).
    :ivar receiver: who received it.
    :ivar kind: praise, constructive or suggestion.
    :ivar direction: how giver and receiver stood when it was given.
    :ivar visibility: who else may read it.
    :ivar anonymous: whether the giver is hidden.
    :ivar text: the text.
    :ivar situation: the situation, or None.
    :ivar behaviour: the behaviour, or None.
    :ivar impact: the impact, or None.
    :ivar goal: the goal it is about, or None.
    :ivar competency: the competency it is about, or None.
    :ivar checkin: the check-in it came from, or None.
    :ivar request: the request it answers, or None.
    :ivar given_at: when it was given (UTC; anonymous: the start of that day).
    :ivar acknowledged_at: when the receiver acknowledged it, or None.
    :ivar reaction: the receiver's reaction (NONE when there is none).
    """

    id: int
    giver: int | None
    is_mine: bool
    receiver: int
    kind: FeedbackKind
    direction: Direction
    visibility: FeedbackVisibility
    anonymous: bool
    text: str
    situation: str | None
    behaviour: str | None
    impact: str | None
    goal: int | None
    competency: int | None
    checkin: int | None
    request: int | None
    given_at: _dt.datetime
    acknowledged_at: _dt.datetime | None
    reaction: Reaction


@dataclass(frozen=True, slots=True)
class RequestPart:
    """One addressee's part of a feedback request.

    :ivar addressee: whom it asks.
    :ivar state: requested, submitted, declined or expired, as of the read.
    :ivar answered_at: when it was answered or declined (UTC), or None.
    :ivar response: the feedback that answered it, or None (also when the
        session may not read that feedback).
    """

    addressee: int
    state: RequestState
    answered_at: _dt.datetime | None
    response: int | None


@dataclass(frozen=True, slots=True)
class FeedbackRequest:
    """A request for feedback with its addressees' parts.

    :ivar id: the request's id.
    :ivar requester: who asked.
    :ivar subject: whom the feedback is about.
    :ivar topic: the topic.
    :ivar goal: the goal it is about, or None.
    :ivar due: the date to answer by.
    :ivar expires: the last day it can be answered.
    :ivar repeat_days: days between repeats, or None when it does not repeat.
    :ivar previous: the request this one repeats, or None.
    :ivar created_at: when it was made (UTC).
    :ivar parts: one :class:`RequestPart` per addressee, in order.
    """

    id: int
    requester: int
    subject: int
    topic: str
    goal: int | None
    due: _dt.date | None
    expires: _dt.date | None
    repeat_days: int | None
    previous: int | None
    created_at: _dt.datetime
    parts: tuple[RequestPart, ...]


@dataclass(frozen=True, slots=True)
class FeedbackStats:
    """Feedback-culture numbers for a person or a unit over a period
    (``pm_feedback_stats``). The ``*_by_direction`` and ``*_by_kind`` dicts
    have a key for every :class:`Direction` / :class:`FeedbackKind`.

    :ivar suppressed: the unit has fewer people than the minimum group:
        every count is 0.
    :ivar people: people counted (1 for a person).
    :ivar given: named feedback given in the period (anonymous feedback is
        never counted for its giver).
    :ivar received: feedback received in the period.
    :ivar anonymous_received: of those received, anonymous.
    :ivar given_by_direction: ``given`` by direction.
    :ivar received_by_direction: ``received`` by direction.
    :ivar given_by_kind: ``given`` by kind.
    :ivar received_by_kind: ``received`` by kind.
    :ivar without_feedback: people who received none in the quiet days up
        to the end of the period.
    :ivar share_without_feedback: without_feedback / people, or 0.
    :ivar requests_addressed: request parts addressed to the people, made in
        the period.
    :ivar requests_answered: of those, submitted.
    :ivar requests_declined: of those, declined.
    :ivar requests_expired: of those, expired.
    :ivar response_rate: answered / addressed, or 0.
    :ivar median_response_hours: median hours from request to answer, or 0.
    """

    suppressed: bool
    people: int
    given: int
    received: int
    anonymous_received: int
    given_by_direction: dict[Direction, int]
    received_by_direction: dict[Direction, int]
    given_by_kind: dict[FeedbackKind, int]
    received_by_kind: dict[FeedbackKind, int]
    without_feedback: int
    share_without_feedback: float
    requests_addressed: int
    requests_answered: int
    requests_declined: int
    requests_expired: int
    response_rate: float
    median_response_hours: float


@dataclass(frozen=True, slots=True)
class Review360:
    """A 360 round.

    :ivar id: the round's id.
    :ivar subject: whom it is about.
    :ivar title: the title.
    :ivar state: draft, open or closed.
    :ivar opens: the first day raters may answer.
    :ivar closes: the last day raters may answer.
    :ivar threshold: fewest answers shown for a peer or report group.
    :ivar raters: number of raters.
    :ivar submitted: number of raters who submitted.
    """

    id: int
    subject: int
    title: str
    state: Review360State
    opens: _dt.date | None
    closes: _dt.date | None
    threshold: int
    raters: int
    submitted: int


@dataclass(frozen=True, slots=True)
class Review360Question:
    """A question of a 360 round: a rating on a scale, or open text.

    :ivar id: the question's id.
    :ivar text: the question.
    :ivar scale_min: lowest rating (0 for open text).
    :ivar scale_max: highest rating (0 for open text).
    """

    id: int
    text: str
    scale_min: int
    scale_max: int

    @property
    def is_rating(self) -> bool:
        """True for a rating question, False for open text."""
        return not (self.scale_min == 0 and self.scale_max == 0)


@dataclass(frozen=True, slots=True)
class Review360Result:
    """A rating question's result from one rater group of a closed round.

    :ivar question: the question.
    :ivar group: the rater group.
    :ivar shown: whether the group is shown; when False only the fact of
        suppression is given (count 0, mean and sd None).
    :ivar count: ratings given.
    :ivar mean: the mean rating, or None when there is none to show.
    :ivar sd: the sample standard deviation, or None with fewer than two.
    """

    question: int
    group: RaterGroup
    shown: bool
    count: int
    mean: float | None
    sd: float | None


@dataclass(frozen=True, slots=True)
class Review360Comment:
    """An open-text answer of a closed round, without its author.

    :ivar question: the question.
    :ivar group: the rater group it came from.
    :ivar text: the answer.
    """

    question: int
    group: RaterGroup
    text: str


@dataclass(frozen=True, slots=True)
class Review360Role:
    """How the session's person rates in a round, told before they answer.

    :ivar group: their rater group.
    :ivar identified: whether the group is shown as the rater themself
        (self, manager) rather than pooled above the threshold.
    :ivar submitted: whether they already submitted.
    """

    group: RaterGroup
    identified: bool
    submitted: bool


_enum_out = _convert.enum_out
_time_out = _convert.time_out
_date_out = _convert.date_out


def _str(value: bytes | None) -> str:
    return "" if value is None else value.decode("utf-8", "replace")


def _optional_str(value: bytes | None) -> str | None:
    return value.decode("utf-8", "replace") if value else None


def _optional_time(value: int) -> _dt.datetime | None:
    return _time_out(value) if value else None


def feedback_from(f: Any) -> Feedback:
    """Copies a pm_feedback (owned by the caller or borrowed from an iterator)."""
    return Feedback(
        lib.pm_feedback_id(f),
        # C gives 0 for an anonymous entry, whoever reads it.
        lib.pm_feedback_giver(f) or None,
        bool(lib.pm_feedback_is_mine(f)),
        lib.pm_feedback_receiver(f),
        _enum_out(lib.pm_feedback_kind_get(f), FeedbackKind),
        _enum_out(lib.pm_feedback_direction(f), Direction),
        _enum_out(lib.pm_feedback_visibility_get(f), FeedbackVisibility),
        bool(lib.pm_feedback_is_anonymous(f)),
        _str(lib.pm_feedback_text(f)),
        _optional_str(lib.pm_feedback_situation(f)),
        _optional_str(lib.pm_feedback_behaviour(f)),
        _optional_str(lib.pm_feedback_impact(f)),
        lib.pm_feedback_goal(f) or None,
        lib.pm_feedback_competency(f) or None,
        lib.pm_feedback_checkin(f) or None,
        lib.pm_feedback_request_of(f) or None,
        _time_out(lib.pm_feedback_given_at(f)),
        _optional_time(lib.pm_feedback_acknowledged_at(f)),
        _enum_out(lib.pm_feedback_reaction(f), Reaction),
    )


def request_from(r: Any) -> FeedbackRequest:
    """Copies a pm_feedback_request with its parts."""
    parts = tuple(
        RequestPart(
            lib.pm_feedback_request_addressee(r, i),
            _enum_out(lib.pm_feedback_request_state(r, i), RequestState),
            _optional_time(lib.pm_feedback_request_answered_at(r, i)),
            lib.pm_feedback_request_response(r, i) or None,
        )
        for i in range(lib.pm_feedback_request_count(r))
    )
    return FeedbackRequest(
        lib.pm_feedback_request_id(r),
        lib.pm_feedback_request_requester(r),
        lib.pm_feedback_request_subject(r),
        _str(lib.pm_feedback_request_topic(r)),
        lib.pm_feedback_request_goal(r) or None,
        _date_out(lib.pm_feedback_request_due(r)),
        _date_out(lib.pm_feedback_request_expires(r)),
        lib.pm_feedback_request_repeat_days(r) or None,
        lib.pm_feedback_request_previous(r) or None,
        _time_out(lib.pm_feedback_request_created_at(r)),
        parts,
    )


def _by(slots: Any, cls: type[enum.IntEnum]) -> dict[Any, int]:
    """A C array indexed by enum value (slot 0 unused) as a dict by member."""
    return {member: slots[int(member)] for member in cls}


def feedback_stats_from(s: Any) -> FeedbackStats:
    """Copies a pm_feedback_stats struct."""
    return FeedbackStats(
        bool(s.suppressed),
        s.people,
        s.given,
        s.received,
        s.anonymous_received,
        _by(s.given_by_direction, Direction),
        _by(s.received_by_direction, Direction),
        _by(s.given_by_kind, FeedbackKind),
        _by(s.received_by_kind, FeedbackKind),
        s.without_feedback,
        s.share_without_feedback,
        s.requests_addressed,
        s.requests_answered,
        s.requests_declined,
        s.requests_expired,
        s.response_rate,
        s.median_response_hours,
    )


def review360_from(r: Any) -> Review360:
    """Copies a pm_review360."""
    return Review360(
        lib.pm_review360_id(r),
        lib.pm_review360_subject(r),
        _str(lib.pm_review360_title(r)),
        _enum_out(lib.pm_review360_state_get(r), Review360State),
        _date_out(lib.pm_review360_opens(r)),
        _date_out(lib.pm_review360_closes(r)),
        lib.pm_review360_threshold(r),
        lib.pm_review360_raters(r),
        lib.pm_review360_submitted(r),
    )


def question_from(q: Any) -> Review360Question:
    """Copies a pm_review360_question (borrowed from its iterator)."""
    return Review360Question(
        lib.pm_review360_question_id(q),
        _str(lib.pm_review360_question_text(q)),
        lib.pm_review360_question_scale_min(q),
        lib.pm_review360_question_scale_max(q),
    )


def result_from(r: Any) -> Review360Result:
    """Copies a pm_review360_result (borrowed from its iterator)."""
    shown = bool(lib.pm_review360_result_shown(r))
    count = lib.pm_review360_result_count(r)
    # C answers 0 for "nothing to show"; a mean or deviation of 0 would
    # read as a real figure.
    mean = lib.pm_review360_result_mean(r) if shown and count > 0 else None
    sd = lib.pm_review360_result_sd(r) if shown and count > 1 else None
    return Review360Result(
        lib.pm_review360_result_question(r),
        _enum_out(lib.pm_review360_result_group(r), RaterGroup),
        shown,
        count,
        mean,
        sd,
    )


def comment_from(c: Any) -> Review360Comment:
    """Copies a pm_review360_comment (borrowed from its iterator)."""
    return Review360Comment(
        lib.pm_review360_comment_question(c),
        _enum_out(lib.pm_review360_comment_group(c), RaterGroup),
        _str(lib.pm_review360_comment_text(c)),
    )
