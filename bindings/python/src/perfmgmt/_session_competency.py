"""The Session methods for the competency framework (scales, competencies,
roles and who holds them), assessments and competence gaps."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from ctypes import byref, c_char_p, c_double, c_int
from typing import Any

from . import _convert as cv
from ._lib import pm_id, pm_time
from ._lib_development import (
    PM_ASSESSMENT_OPTS_VERSION,
    PM_COMPETENCY_OPTS_VERSION,
    PM_GAP_SUMMARY_OPTS_VERSION,
    PM_SCALE_OPTS_VERSION,
    AssessmentOpts,
    CompetencyOpts,
    GapSummaryOpts,
    ScaleOpts,
    lib,
)
from ._records_competency import (
    AssessmentRoundState,
    AssessmentSource,
    Competency,
    LevelRule,
    Role,
    Scale,
    competency_from,
    level_out,
    level_rule_in,
    role_from,
    scale_from,
)
from ._session_base import _message, _SessionBase
from ._session_iter import (
    AssessmentIterator,
    CompetencyIterator,
    GapIterator,
    GapSummaryIterator,
    RoleIterator,
)
from .errors import check

_INT_MAX = 2**31 - 1

def texts(value: object, name: str) -> list[Any]:
    """The entries of an iterable of texts (a lone str is refused: it would
    read as one text per character)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise cv.type_error(name, "an iterable of str", value)
    return list(value)


def idents(value: object, name: str) -> list[int]:
    """The ids of an iterable of ids (not a single id, not text)."""
    if isinstance(value, (str, bytes, int)) or not isinstance(value, Iterable):
        raise cv.type_error(name, "an iterable of int", value)
    return [cv.ident(v, f"{name}[{i}]") for i, v in enumerate(value)]


def rule_ref(value: object) -> Any:
    """A ``rule=`` argument as the pointer C takes (None: C's default)."""
    rule = level_rule_in(value)
    return None if rule is None else byref(rule)


class _CompetencyMixin(_SessionBase):
    """Scales, competencies, roles, assessments, current levels and gaps."""

    __slots__ = ()

    # ---- the framework -------------------------------------------------------

    def create_scale(
        self,
        name: str,
        levels: Sequence[str],
        *,
        min_level: int = 1,
        descriptions: Sequence[str | None] | None = None,
    ) -> int:
        """Creates a proficiency scale and returns its id. HR or the system.

        :param name: single line, unique among scales.
        :param levels: the level names, lowest first (2 to 20, distinct);
            they are numbered from ``min_level`` up.
        :param min_level: the lowest level, 0 to 100.
        :param descriptions: what each level means (an entry may be None),
            as many as ``levels``; or None.
        :raises InvalidArgument: a blank or repeated level name, a bad range.
        :raises Conflict: a scale of that name exists.
        :raises ValueError: ``descriptions`` and ``levels`` differ in length.
        """
        names = [cv.c_string(v, f"levels[{i}]") for i, v in enumerate(texts(levels, "levels"))]
        low = cv.integer(min_level, "min_level")
        opts = ScaleOpts()
        check(lib.pm_scale_opts_init(byref(opts), PM_SCALE_OPTS_VERSION))
        n = cv.text(name, "name")
        opts.name, opts.name_len = n, len(n)
        opts.min_level = low
        # C reads max - min + 1 names; with fewer than two, C refuses the
        # range. (Clamped to a C int: C refuses a range that wide too.)
        opts.max_level = min(low + len(names) - 1, _INT_MAX) if names else low
        # The arrays (and the bytes they point to) live until C returns.
        name_array = (c_char_p * max(len(names), 1))(*names)
        opts.level_names = name_array if names else None
        if descriptions is not None:
            given = texts(descriptions, "descriptions")
            if len(given) != len(names):
                raise ValueError(
                    f"descriptions must have one entry per level ({len(names)}), not {len(given)}"
                )
            data = [
                None if v is None else cv.c_string(v, f"descriptions[{i}]")
                for i, v in enumerate(given)
            ]
            description_array = (c_char_p * max(len(data), 1))(*data)
            opts.level_descriptions = description_array
        out = pm_id()
        self._call_out(lib.pm_scale_create, out, byref(opts))
        return out.value

    def get_scale(self, scale: int) -> Scale:
        """Reads a scale with its levels. Anyone may."""
        sid = cv.ident(scale, "scale")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_scale_get, lib.pm_scale_free, scale_from, sid
        )

    def create_competency(
        self,
        name: str,
        category: str,
        scale: int,
        *,
        description: str | None = None,
    ) -> int:
        """Creates a competency on a scale and returns its id. HR or the system.

        :param name: single line, unique within its category.
        :param category: single line ("Leadership").
        :raises NotFound: no such scale.
        :raises Conflict: the category has a competency of that name.
        """
        opts = CompetencyOpts()
        check(lib.pm_competency_opts_init(byref(opts), PM_COMPETENCY_OPTS_VERSION))
        n = cv.text(name, "name")
        opts.name, opts.name_len = n, len(n)
        c = cv.text(category, "category")
        opts.category, opts.category_len = c, len(c)
        d = cv.optional_text(description, "description")
        if d is not None:
            opts.description, opts.description_len = d, len(d)
        opts.scale = cv.ident(scale, "scale")
        out = pm_id()
        self._call_out(lib.pm_competency_create, out, byref(opts))
        return out.value

    def get_competency(self, competency: int) -> Competency:
        """Reads a competency. Anyone may."""
        cid = cv.ident(competency, "competency")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_competency_get, lib.pm_competency_free, competency_from, cid
        )

    def competencies(self, category: str | None = None) -> CompetencyIterator:
        """The competencies (of ``category`` only, if given), by category
        then name."""
        cat = None if category is None else cv.c_string(category, "category")
        return self._iterator(CompetencyIterator, lib.pm_competency_list, cat)

    def create_role(self, name: str, description: str | None = None) -> int:
        """Creates a role with an empty profile and returns its id. HR or
        the system.

        :raises Conflict: a role of that name exists.
        """
        n = cv.text(name, "name")
        d = cv.optional_text(description, "description")
        out = pm_id()
        self._call_out(lib.pm_role_create, out, n, len(n), d, 0 if d is None else len(d))
        return out.value

    def require(self, role: int, competency: int, level: int) -> None:
        """Sets the level ``role`` requires in ``competency``, replacing an
        earlier requirement; level 0 (when 0 is not on the scale) removes it.
        HR or the system.

        :raises InvalidArgument: a level outside the competency's scale.
        :raises NotFound: no such role or competency; removing a requirement
            the role does not have.
        """
        rid = cv.ident(role, "role")
        cid = cv.ident(competency, "competency")
        self._call(lib.pm_role_require, rid, cid, cv.integer(level, "level"))

    def get_role(self, role: int) -> Role:
        """Reads a role and its profile. Anyone may."""
        rid = cv.ident(role, "role")
        return self._snapshot(  # type: ignore[no-any-return]
            lib.pm_role_get, lib.pm_role_free, role_from, rid
        )

    def roles(self) -> RoleIterator:
        """The roles, by name."""
        return self._iterator(RoleIterator, lib.pm_role_list)

    def assign_role(self, person: int, role: int | None, start: _dt.date | None = None) -> None:
        """Gives ``person`` a role from ``start`` (None: today), ending the
        one they held the day before; ``role=None`` only ends the current
        one. HR or the system.

        :raises InvalidArgument: a start before the current role's start, a
            person who has left.
        """
        pid = cv.ident(person, "person")
        rid = cv.optional_ident(role, "role")
        self._call(lib.pm_role_assign, pid, rid, cv.date_in(start, "start"))

    def role_of(self, person: int, on: _dt.date | None = None) -> int | None:
        """The role ``person`` held on ``on`` (None: today), or None."""
        pid = cv.ident(person, "person")
        out = pm_id()
        self._call_out(lib.pm_role_of, out, pid, cv.date_in(on, "on"))
        return out.value or None

    # ---- assessments -----------------------------------------------------------

    def add_assessment(
        self,
        person: int,
        competency: int,
        level: int,
        source: AssessmentSource,
        *,
        on: _dt.date | None = None,
        round: int | None = None,  # noqa: A002 - the C name
        note: str | None = None,
    ) -> int:
        """Records an assessment by the acting person and returns its id.
        SELF: the person themself; MANAGER: someone above them today;
        REVIEW360: HR or the system.

        :param level: a level of the competency's scale.
        :param on: the day it holds from (None: today); not in the future.
        :param round: an assessment round of the person (SELF or MANAGER),
            whose side has not submitted yet.
        :raises InvalidArgument: a level outside the scale, a day in the
            future, a round of someone else or already submitted.
        :raises PermissionDenied: a source the actor may not assess as.
        """
        opts = AssessmentOpts()
        check(lib.pm_assessment_opts_init(byref(opts), PM_ASSESSMENT_OPTS_VERSION))
        opts.person = cv.ident(person, "person")
        opts.competency = cv.ident(competency, "competency")
        opts.level = cv.integer(level, "level")
        opts.source = cv.enum_in(source, AssessmentSource, "source")
        opts.on = cv.date_in(on, "on")
        opts.round = cv.optional_ident(round, "round")
        n = cv.optional_text(note, "note")
        if n is not None:
            opts.note, opts.note_len = n, len(n)
        out = pm_id()
        self._call_out(lib.pm_assessment_add, out, byref(opts))
        return out.value

    def assessments(self, person: int, competency: int | None = None) -> AssessmentIterator:
        """The assessments of ``person`` (in ``competency`` only, if given)
        the actor may see, oldest first: a round's assessments stay hidden
        from the other side until it is released."""
        pid = cv.ident(person, "person")
        cid = cv.optional_ident(competency, "competency")
        return self._iterator(AssessmentIterator, lib.pm_assessment_list, pid, cid)

    def open_assessment_round(self, person: int, on: _dt.date | None = None) -> int:
        """Opens a round pairing the person's self assessment with their
        manager's, blind to each other until both sides submit; returns its
        id. Someone above the person, HR or the system.

        :param on: the day its assessments hold from (None: today).
        :raises Conflict: the person has a round not yet released.
        """
        pid = cv.ident(person, "person")
        out = pm_id()
        self._call_out(lib.pm_assessment_round_open, out, pid, cv.date_in(on, "on"))
        return out.value

    def submit_assessment_round(self, round: int) -> bool:  # noqa: A002
        """Submits the actor's side of a round (the person: self; someone
        above them: manager). Returns True when this released the round.

        :raises InvalidArgument: this side already submitted.
        """
        rid = cv.ident(round, "round")
        released = c_int()
        self._call_out(lib.pm_assessment_round_submit, released, rid)
        return bool(released.value)

    def assessment_round_state(self, round: int) -> AssessmentRoundState:  # noqa: A002
        """Where a round stands: which sides submitted, and when it was
        released."""
        rid = cv.ident(round, "round")
        own, manager, released = c_int(), c_int(), pm_time()
        h = self._h
        ptr = h.enter()
        try:
            # The session comes fourth here, after the three outputs.
            rc = lib.pm_assessment_round_state(byref(own), byref(manager), byref(released), ptr, rid)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()
        return AssessmentRoundState(
            bool(own.value),
            bool(manager.value),
            cv.time_out(released.value) if released.value else None,
        )

    # ---- levels and gaps ---------------------------------------------------------

    def competency_level(
        self,
        person: int,
        competency: int,
        on: _dt.date | None = None,
        rule: LevelRule | None = None,
    ) -> float | None:
        """The person's current level in a competency on ``on`` (None:
        today) by ``rule`` (None: manager first); None when no assessment
        counts. Unreleased round assessments never count.

        :raises InvalidArgument: bad weights (negative, or all zero).
        """
        pid = cv.ident(person, "person")
        cid = cv.ident(competency, "competency")
        day = cv.date_in(on, "on")
        r = rule_ref(rule)
        level, assessed = c_double(), c_int()
        h = self._h
        ptr = h.enter()
        try:
            # Two outputs before the session.
            rc = lib.pm_competency_level(byref(level), byref(assessed), ptr, pid, cid, day, r)
            if rc:
                check(rc, _message(ptr))
        finally:
            h.leave()
        return level_out(level.value, assessed.value)

    def gaps(
        self,
        person: int,
        role: int | None = None,
        on: _dt.date | None = None,
        rule: LevelRule | None = None,
    ) -> GapIterator:
        """The person's gaps against ``role`` (None: the role they held on
        ``on``), one per competency of its profile, by competency id.

        :raises InvalidArgument: no role given and none held.
        """
        pid = cv.ident(person, "person")
        rid = cv.optional_ident(role, "role")
        day = cv.date_in(on, "on")
        r = rule_ref(rule)
        return self._iterator(GapIterator, lib.pm_gap_person, pid, rid, day, r)

    def role_match(
        self,
        person: int,
        role: int | None = None,
        on: _dt.date | None = None,
        rule: LevelRule | None = None,
    ) -> float:
        """The person's role-match score against ``role`` (None: the role
        held on ``on``): the mean over its competencies of
        min(2 x required, current) / required; 1 means every requirement is
        met on average; 0 for a role without requirements."""
        pid = cv.ident(person, "person")
        rid = cv.optional_ident(role, "role")
        day = cv.date_in(on, "on")
        r = rule_ref(rule)
        out = c_double()
        self._call_out(lib.pm_role_match, out, pid, rid, day, r)
        return out.value

    def gap_summary(
        self,
        unit: int | None = None,
        on: _dt.date | None = None,
        compare: _dt.date | None = None,
        rule: LevelRule | None = None,
    ) -> GapSummaryIterator:
        """The competence gaps of the people in ``unit`` and the units below
        it (None: the whole organisation), each against the role they held,
        per competency, on ``on`` (None: today) and, if given, on the
        earlier day ``compare`` (the ``*_before`` fields). HR, the system or
        someone above everyone counted.

        :raises InvalidArgument: ``compare`` not before ``on``.
        """
        uid = cv.optional_ident(unit, "unit")
        opts = GapSummaryOpts()
        check(lib.pm_gap_summary_opts_init(byref(opts), PM_GAP_SUMMARY_OPTS_VERSION))
        opts.on = cv.date_in(on, "on")
        opts.compare = cv.date_in(compare, "compare")
        c_rule = level_rule_in(rule)
        if c_rule is not None:
            opts.rule = c_rule
        it = self._iterator(GapSummaryIterator, lib.pm_gap_unit, uid, byref(opts))
        it._compared = compare is not None
        return it
