"""The Session methods for real-time feedback and feedback-culture numbers."""

from __future__ import annotations

import datetime as _dt
from ctypes import byref, c_size_t, sizeof
from typing import Any

from . import _convert as cv
from ._lib import (
    PM_FEEDBACK_OPTS_VERSION,
    PM_FEEDBACK_STATS_OPTS_VERSION,
    PM_FEEDBACK_STATS_VERSION,
    FeedbackOpts,
    FeedbackStatsOpts,
    lib,
    pm_id,
)
from ._lib import FeedbackStats as _CFeedbackStats
from ._records_feedback import (
    Direction,
    Feedback,
    FeedbackKind,
    FeedbackStats,
    FeedbackVisibility,
    Reaction,
    feedback_from,
    feedback_stats_from,
)
from ._session_base import _SessionBase
from ._session_iter import FeedbackIterator
from .errors import check

_SIZE_MAX = 2 ** (8 * sizeof(c_size_t)) - 1


def _limit(value: object) -> int:
    """A list's limit (a size_t): an int >= 0, 0 for all."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise cv.type_error("limit", "int", value)
    if value < 0:
        raise ValueError(f"limit must be 0 (all) or more, not {value}")
    # More than C can count means "all" just as well.
    return min(value, _SIZE_MAX)


def feedback_opts(
    receiver: int,
    kind: object,
    text: object,
    situation: object,
    behaviour: object,
    impact: object,
    visibility: object,
    anonymous: object,
    direction: object,
    goal: object,
    competency: object,
    checkin: object,
    at: object,
) -> FeedbackOpts:
    """A pm_feedback_opts from the keywords of give_feedback() and
    respond_to_request(); C checks the values."""
    opts = FeedbackOpts()
    check(lib.pm_feedback_opts_init(byref(opts), PM_FEEDBACK_OPTS_VERSION))
    opts.receiver = receiver
    opts.kind = cv.enum_in(kind, FeedbackKind, "kind")
    # A text is always passed with its length: "" reaches C as empty (to be
    # refused as blank), not as "NUL-terminated".
    t = cv.text(text, "text")
    opts.text, opts.text_len = t, len(t)
    for name, value in (("situation", situation), ("behaviour", behaviour), ("impact", impact)):
        part = cv.optional_text(value, name)
        if part is not None:
            setattr(opts, name, part)
            setattr(opts, name + "_len", len(part))
    opts.visibility = cv.enum_in(visibility, FeedbackVisibility, "visibility")
    opts.anonymous = 1 if cv.flag(anonymous, "anonymous") else 0
    opts.direction = 0 if direction is None else cv.enum_in(direction, Direction, "direction")
    opts.goal = cv.optional_ident(goal, "goal")
    opts.competency = cv.optional_ident(competency, "competency")
    opts.checkin = cv.optional_ident(checkin, "checkin")
    opts.at = 0 if at is None else cv.time_in(at, "at")
    return opts


class _FeedbackMixin(_SessionBase):
    """Feedback given and received, and feedback-culture numbers."""

    __slots__ = ()

    def give_feedback(
        self,
        receiver: int,
        kind: FeedbackKind,
        text: str,
        *,
        situation: str | None = None,
        behaviour: str | None = None,
        impact: str | None = None,
        visibility: FeedbackVisibility = FeedbackVisibility.TO_RECEIVER,
        anonymous: bool = False,
        direction: Direction | None = None,
        goal: int | None = None,
        competency: int | None = None,
        checkin: int | None = None,
        at: _dt.datetime | int | None = None,
    ) -> int:
        """Gives feedback from the acting person to ``receiver`` and returns
        its id. Its direction is derived from the organisation today.

        :param text: not blank; up to 10000 code points.
        :param situation: optional; up to 2000 code points (so are
            ``behaviour`` and ``impact``).
        :param visibility: who besides the receiver may read it.
        :param anonymous: hide the giver from everyone (the giver's own
            sessions still recognise it: :attr:`Feedback.is_mine`).
        :param direction: None to derive it; otherwise it must be the
            derived one.
        :param goal: a goal it is about (readable by the giver).
        :param competency: a competency it is about.
        :param checkin: a check-in of the giver's it came from.
        :param at: when it was given (an aware datetime or seconds since the
            epoch); None for now; not in the future.
        :raises InvalidArgument: blank text, a direction that does not match,
            a time in the future, a receiver who has left, ...
        :raises PermissionDenied: the system actor; a goal or check-in the
            giver may not read.
        :raises Unsupported: anonymous, and the store was opened without a
            secret.
        """
        opts = feedback_opts(
            cv.ident(receiver, "receiver"),
            kind, text, situation, behaviour, impact, visibility, anonymous,
            direction, goal, competency, checkin, at,
        )  # fmt: skip
        out = pm_id()
        self._call_out(lib.pm_feedback_give, out, byref(opts))
        return out.value

    def get_feedback(self, feedback: int) -> Feedback:
        """Reads a feedback entry. Its giver is None when it is anonymous,
        for every reader.

        :raises NotFound: no entry has this id.
        :raises PermissionDenied: its visibility hides it from the actor.
        """
        fid = cv.ident(feedback, "feedback")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_feedback_get, lib.pm_feedback_free, feedback_from, fid
        )

    def acknowledge_feedback(self, feedback: int) -> None:
        """Acknowledges a feedback entry (the receiver has read it); doing it
        again keeps the first time. The receiver only."""
        fid = cv.ident(feedback, "feedback")
        self._call(lib.pm_feedback_acknowledge, fid)

    def react_to_feedback(self, feedback: int, reaction: Reaction) -> None:
        """Sets the receiver's reaction (and acknowledges the entry);
        ``Reaction.NONE`` clears it. The receiver only."""
        fid = cv.ident(feedback, "feedback")
        r = cv.enum_in(reaction, Reaction, "reaction")
        self._call(lib.pm_feedback_react, fid, r)

    def retract_feedback(self, feedback: int) -> None:
        """Deletes a feedback entry. Its giver only, anonymous entries too;
        a retracted response puts its request part back to REQUESTED."""
        fid = cv.ident(feedback, "feedback")
        self._call(lib.pm_feedback_retract, fid)

    def feedback_received(self, person: int, limit: int = 0) -> FeedbackIterator:
        """The feedback ``person`` received that the actor may read, newest
        first; ``limit`` entries at most (0: all)."""
        pid = cv.ident(person, "person")
        return self._iterator(FeedbackIterator, lib.pm_feedback_list_received, pid, _limit(limit))

    def feedback_given(self, person: int, limit: int = 0) -> FeedbackIterator:
        """The feedback ``person`` gave that the actor may read, newest
        first. Anonymous entries appear only to the giver's own sessions."""
        pid = cv.ident(person, "person")
        return self._iterator(FeedbackIterator, lib.pm_feedback_list_given, pid, _limit(limit))

    def feedback_visible(self, limit: int = 0) -> FeedbackIterator:
        """The newest feedback the actor may read, whoever gave or received
        it (HR admins and the system: all)."""
        return self._iterator(FeedbackIterator, lib.pm_feedback_list_visible, _limit(limit))

    # ---- culture metrics ---------------------------------------------------

    def _feedback_stats(
        self, function: Any, subject: int, from_: object, to: object,
        quiet_days: object, min_group: object,
    ) -> FeedbackStats:  # fmt: skip
        """A pm_feedback_stats filled by ``function`` for the period."""
        if from_ is None:
            raise TypeError("from_ must be a datetime.date, not None")
        if to is None:
            raise TypeError("to must be a datetime.date, not None")
        opts = FeedbackStatsOpts()
        check(lib.pm_feedback_stats_opts_init(byref(opts), PM_FEEDBACK_STATS_OPTS_VERSION))
        setattr(opts, "from", cv.date_in(from_, "from_"))
        opts.to = cv.date_in(to, "to")
        opts.quiet_days = cv.integer(quiet_days, "quiet_days")
        opts.min_group = cv.integer(min_group, "min_group")
        out = _CFeedbackStats()
        out.version = PM_FEEDBACK_STATS_VERSION
        self._call_out(function, out, subject, byref(opts))
        return feedback_stats_from(out)

    def feedback_stats_person(
        self,
        person: int,
        from_: _dt.date,
        to: _dt.date,
        *,
        quiet_days: int = 90,
        min_group: int = 5,
    ) -> FeedbackStats:
        """Feedback-culture numbers for one person from ``from_`` to ``to``
        (both included); never suppressed. The person, someone above them,
        HR or the system may.

        :param quiet_days: "without feedback" looks at this many days up to
            ``to``; 1 to 3650.
        """
        pid = cv.ident(person, "person")
        return self._feedback_stats(
            lib.pm_feedback_stats_person, pid, from_, to, quiet_days, min_group
        )

    def feedback_stats_unit(
        self,
        unit: int | None,
        from_: _dt.date,
        to: _dt.date,
        *,
        quiet_days: int = 90,
        min_group: int = 5,
    ) -> FeedbackStats:
        """Feedback-culture numbers for the members of ``unit`` and the
        units below it on ``to`` (None: every active person). HR, the system
        or a manager of everyone counted may.

        :param min_group: with fewer people the numbers are suppressed
            (:attr:`FeedbackStats.suppressed`); 3 to 10.
        """
        uid = cv.optional_ident(unit, "unit")
        return self._feedback_stats(
            lib.pm_feedback_stats_unit, uid, from_, to, quiet_days, min_group
        )

