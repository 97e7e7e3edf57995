"""The Session methods for requests for feedback."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from ctypes import byref, c_int

from . import _convert as cv
from ._lib import (
    PM_FEEDBACK_REQUEST_OPTS_VERSION,
    PM_REQUEST_EXPIRY_DEFAULT,
    FeedbackRequestOpts,
    lib,
    pm_id,
)
from ._records_feedback import (
    Direction,
    FeedbackKind,
    FeedbackRequest,
    FeedbackVisibility,
    RequestFilter,
    RequestRole,
    request_from,
)
from ._session_base import _SessionBase
from ._session_feedback import feedback_opts
from ._session_iter import FeedbackRequestIterator
from .errors import OutOfRange, Status, check


def _addressees(value: object) -> list[int]:
    """The addressees: an iterable of ids (not a single id, not text)."""
    if isinstance(value, (str, bytes, int)) or not isinstance(value, Iterable):
        raise cv.type_error("addressees", "an iterable of int", value)
    return [cv.ident(a, "addressees[]") for a in value]


def _filter(value: object) -> int:
    """RequestFilter bits (or a plain int, whose bits C judges)."""
    if isinstance(value, RequestFilter):
        return int(value)
    if isinstance(value, enum.Enum) or not isinstance(value, int) or isinstance(value, bool):
        raise cv.type_error("filter", "perfmgmt.RequestFilter", value)
    if not 0 <= value < 2**32:
        raise OutOfRange(Status.ERANGE, f"filter: {value} does not fit in a C unsigned int")
    return value


class _RequestMixin(_SessionBase):
    """Asking for feedback, answering and declining, renewing repeats."""

    __slots__ = ()

    def request_feedback(
        self,
        addressees: Iterable[int],
        topic: str,
        *,
        subject: int | None = None,
        goal: int | None = None,
        due: _dt.date | None = None,
        expires_days: int = PM_REQUEST_EXPIRY_DEFAULT,
        repeat_days: int | None = None,
    ) -> int:
        """Asks ``addressees`` for feedback on ``topic`` and returns the
        request's id. The acting person is the requester.

        :param addressees: 1 to 50 distinct active people, not the requester.
        :param topic: single line, up to 500 code points.
        :param subject: whom the feedback is about: None for the requester,
            or one of the requester's reports (HR admins: anyone).
        :param goal: a goal of the subject it is about.
        :param due: the date to answer by; None for the expiry date.
        :param expires_days: days until it expires, 1 to 365.
        :param repeat_days: ask again every N days (7 to 365); None for once.
        :raises InvalidArgument: no or duplicate addressees, the requester
            among them, a blank topic, a due date in the past or after
            expiry, ...
        """
        people = _addressees(addressees)
        t = cv.text(topic, "topic")
        opts = FeedbackRequestOpts()
        check(lib.pm_feedback_request_opts_init(byref(opts), PM_FEEDBACK_REQUEST_OPTS_VERSION))
        opts.subject = cv.optional_ident(subject, "subject")
        opts.topic, opts.topic_len = t, len(t)
        opts.goal = cv.optional_ident(goal, "goal")
        # The array lives in this frame until the call returns.
        array = (pm_id * max(len(people), 1))(*people)
        opts.addressees, opts.naddressees = array, len(people)
        opts.due = cv.date_in(due, "due")
        opts.expires_days = cv.integer(expires_days, "expires_days")
        opts.repeat_days = cv.optional_integer(repeat_days, "repeat_days", 0)
        out = pm_id()
        self._call_out(lib.pm_feedback_request_create, out, byref(opts))
        return out.value

    def respond_to_request(
        self,
        request: int,
        kind: FeedbackKind,
        text: str,
        *,
        situation: str | None = None,
        behaviour: str | None = None,
        impact: str | None = None,
        visibility: FeedbackVisibility = FeedbackVisibility.TO_RECEIVER,
        receiver: int | None = None,
        direction: Direction | None = None,
        goal: int | None = None,
        competency: int | None = None,
        checkin: int | None = None,
        at: _dt.datetime | int | None = None,
    ) -> int:
        """Answers a request with feedback to its subject and returns the
        feedback's id. A response always names its giver: the requester
        knows whom they asked.

        :param receiver: None or the request's subject.
        :raises InvalidArgument: the part is no longer requested, the
            request expired, another receiver, and what
            :meth:`give_feedback` refuses.
        :raises PermissionDenied: the actor is not an addressee.
        """
        rid = cv.ident(request, "request")
        opts = feedback_opts(
            cv.optional_ident(receiver, "receiver"),
            kind, text, situation, behaviour, impact, visibility, False,
            direction, goal, competency, checkin, at,
        )  # fmt: skip
        out = pm_id()
        self._call_out(lib.pm_feedback_request_respond, out, rid, byref(opts))
        return out.value

    def decline_request(self, request: int) -> None:
        """Declines the acting addressee's part of a request.

        :raises InvalidArgument: the part is no longer requested, or expired.
        :raises PermissionDenied: the actor is not an addressee.
        """
        rid = cv.ident(request, "request")
        self._call(lib.pm_feedback_request_decline, rid)

    def renew_requests(self, on: _dt.date | None = None) -> int:
        """Creates the next occurrence of every repeating request whose
        period has come by ``on`` (None: today) and returns how many were
        created; again the same day creates none. HR or the system."""
        day = cv.date_in(on, "on")
        out = c_int()
        self._call_out(lib.pm_feedback_request_renew, out, day)
        return out.value

    def get_request(self, request: int) -> FeedbackRequest:
        """Reads a request with its parts. The requester, the subject, an
        addressee, someone above the subject, HR or the system may."""
        rid = cv.ident(request, "request")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_feedback_request_get, lib.pm_feedback_request_free, request_from, rid
        )

    def requests(
        self,
        person: int,
        role: RequestRole,
        filter: RequestFilter = RequestFilter.ALL,  # noqa: A002 - the C name
    ) -> FeedbackRequestIterator:
        """The requests ``person`` made, was asked to answer, or is the
        subject of (``role``), newest first, matching any bit of ``filter``
        (for ADDRESSED_TO, the bits look at the person's own part)."""
        pid = cv.ident(person, "person")
        r = cv.enum_in(role, RequestRole, "role")
        bits = _filter(filter)
        return self._iterator(FeedbackRequestIterator, lib.pm_feedback_request_list, pid, r, bits)
