"""The Session methods for 360-degree rounds."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from ctypes import byref, c_int

from . import _convert as cv
from ._lib import (
    PM_REVIEW360_AS_RATER,
    PM_REVIEW360_OPTS_VERSION,
    PM_REVIEW360_THRESHOLD_DEFAULT,
    Review360Answer,
    Review360Opts,
    lib,
    pm_enum,
    pm_id,
)
from ._records_feedback import (
    RaterGroup,
    Review360,
    Review360Role,
    review360_from,
)
from ._session_base import _message, _SessionBase
from ._session_iter import (
    Review360CommentIterator,
    Review360Iterator,
    Review360QuestionIterator,
    Review360ResultIterator,
)
from .errors import check


def _scale(value: object) -> tuple[int, int]:
    """A rating scale ``(lowest, highest)``; None for open text (0, 0 in C)."""
    if value is None:
        return (0, 0)
    if not isinstance(value, tuple) or len(value) != 2:
        raise cv.type_error("scale", "a (lowest, highest) tuple of int or None", value)
    return (cv.integer(value[0], "scale[0]"), cv.integer(value[1], "scale[1]"))


def _answers(value: object) -> tuple[Review360Answer, ...]:
    """The answers as C structs: a mapping of question id to an int rating
    or a str answer. The encoded texts stay referenced by the structs."""
    if not isinstance(value, Mapping):
        raise cv.type_error("answers", "a mapping of question id to int or str", value)
    out = []
    for question, answer in value.items():
        item = Review360Answer()
        item.question = cv.ident(question, "answers key")
        if isinstance(answer, str):
            t = cv.text(answer, f"answers[{question}]")
            item.text, item.text_len = t, len(t)
        elif isinstance(answer, int) and not isinstance(answer, bool):
            item.rating = cv.integer(answer, f"answers[{question}]")
        else:
            raise cv.type_error(f"answers[{question}]", "int or str", answer)
        out.append(item)
    return tuple(out)


class _Review360Mixin(_SessionBase):
    """360-degree rounds: set-up, answering, results."""

    __slots__ = ()

    def create_review360(
        self,
        subject: int,
        title: str,
        closes: _dt.date,
        *,
        opens: _dt.date | None = None,
        threshold: int = PM_REVIEW360_THRESHOLD_DEFAULT,
    ) -> int:
        """Creates a 360 round about ``subject`` as a draft and returns its
        id. Someone above the subject, HR or the system may.

        :param title: single line, up to 500 code points.
        :param closes: the last day raters may answer; not before ``opens``.
        :param opens: the first day raters may answer; None for today.
        :param threshold: fewest answers shown for a peer or report group,
            3 to 10.
        :raises InvalidArgument: a blank title, a bad window, a threshold out
            of range, a subject who has left.
        """
        if closes is None:
            raise TypeError("closes must be a datetime.date, not None")
        opts = Review360Opts()
        check(lib.pm_review360_opts_init(byref(opts), PM_REVIEW360_OPTS_VERSION))
        opts.subject = cv.ident(subject, "subject")
        t = cv.text(title, "title")
        opts.title, opts.title_len = t, len(t)
        opts.opens = cv.date_in(opens, "opens")
        opts.closes = cv.date_in(closes, "closes")
        opts.threshold = cv.integer(threshold, "threshold")
        out = pm_id()
        self._call_out(lib.pm_review360_create, out, byref(opts))
        return out.value

    def add_review360_question(
        self, round: int, text: str, scale: tuple[int, int] | None = None  # noqa: A002
    ) -> int:
        """Adds a question to a draft round and returns its id: a rating on
        ``scale`` (lowest, highest; 0 to 100), or open text when None.

        :raises InvalidArgument: the round is not a draft, a blank text, a
            bad scale.
        """
        rid = cv.ident(round, "round")
        t = cv.text(text, "text")
        low, high = _scale(scale)
        out = pm_id()
        self._call_out(lib.pm_review360_add_question, out, rid, t, len(t), low, high)
        return out.value

    def add_review360_rater(self, round: int, person: int, group: RaterGroup) -> None:  # noqa: A002
        """Adds a rater to a draft round: SELF is the subject, MANAGER
        someone above them, REPORT a direct report, PEER anyone else.

        :raises InvalidArgument: the round is not a draft, the wrong group
            for the person.
        :raises Conflict: the person already rates in the round.
        """
        rid = cv.ident(round, "round")
        pid = cv.ident(person, "person")
        g = cv.enum_in(group, RaterGroup, "group")
        self._call(lib.pm_review360_add_rater, rid, pid, g)

    def open_review360(self, round: int) -> None:  # noqa: A002
        """Opens a draft round (it needs a question and a rater); its
        questions and raters are then frozen."""
        self._call(lib.pm_review360_open, cv.ident(round, "round"))

    def close_review360(self, round: int) -> None:  # noqa: A002
        """Closes an open round: answering ends and the results are released."""
        self._call(lib.pm_review360_close, cv.ident(round, "round"))

    def submit_review360(self, round: int, answers: Mapping[int, int | str]) -> None:  # noqa: A002
        """Submits the acting rater's answers, all at once and once only:
        ``{question: rating}`` for rating questions, ``{question: "text"}``
        for open-text ones; questions left out are unanswered.

        :raises InvalidArgument: the round is not open or today is outside
            its window, already submitted, an unknown question, a rating
            outside the scale, text for a rating question, no answers.
        :raises PermissionDenied: the actor is not a rater.
        """
        rid = cv.ident(round, "round")
        items = _answers(answers)
        array = (Review360Answer * max(len(items), 1))(*items)
        self._call(lib.pm_review360_submit, rid, array, len(items))

    def review360_role(self, round: int) -> Review360Role:  # noqa: A002
        """How the acting person's answers will be shown, before they
        answer: their group, whether it names them (self, manager), and
        whether they already submitted.

        :raises NotFound: no such round, or the actor is no rater in it.
        """
        rid = cv.ident(round, "round")
        group, identified, submitted = pm_enum(), c_int(), c_int()
        h = self._h
        ptr = h.enter()
        try:
            # The session comes fourth here, after the three outputs.
            rc = lib.pm_review360_role(byref(group), byref(identified), byref(submitted), ptr, rid)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()
        return Review360Role(
            cv.enum_out(group.value, RaterGroup), bool(identified.value), bool(submitted.value)
        )

    def get_review360(self, round: int) -> Review360:  # noqa: A002
        """Reads a round. The subject, someone above them, a rater, HR or
        the system may."""
        rid = cv.ident(round, "round")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_review360_get, lib.pm_review360_free, review360_from, rid
        )

    def review360s(self, person: int, as_rater: bool = False) -> Review360Iterator:
        """The rounds about ``person`` (or, with ``as_rater``, those in which
        they rate), newest window first."""
        pid = cv.ident(person, "person")
        flags = PM_REVIEW360_AS_RATER if cv.flag(as_rater, "as_rater") else 0
        return self._iterator(Review360Iterator, lib.pm_review360_list, pid, flags)

    def review360_questions(self, round: int) -> Review360QuestionIterator:  # noqa: A002
        """A round's questions in the order they were added."""
        rid = cv.ident(round, "round")
        return self._iterator(Review360QuestionIterator, lib.pm_review360_questions, rid)

    def review360_results(self, round: int) -> Review360ResultIterator:  # noqa: A002
        """A closed round's results: one per rating question and rater group
        with raters, by question then group. A peer or report group below
        the threshold is listed as not shown, without figures; there is no
        total across groups.

        :raises InvalidArgument: the round is not closed.
        """
        rid = cv.ident(round, "round")
        return self._iterator(Review360ResultIterator, lib.pm_review360_results, rid)

    def review360_comments(self, round: int) -> Review360CommentIterator:  # noqa: A002
        """A closed round's open-text answers of the groups shown, without
        authors, by question, group, then text.

        :raises InvalidArgument: the round is not closed.
        """
        rid = cv.ident(round, "round")
        return self._iterator(Review360CommentIterator, lib.pm_review360_comments, rid)
