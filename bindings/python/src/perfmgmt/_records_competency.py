"""Records and enums of the competency framework, assessments and gaps
(``competency.h``), and :class:`LevelRule`, the rule for a current level.

Like the other records, each is copied field by field out of a C snapshot
that is freed at once, so it stays valid after its session or store is
closed. "Not set" reads as None.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass
from typing import Any

from . import _convert
from ._lib_development import PM_LEVEL_RULE_VERSION, lib
from ._lib_development import LevelRule as _CLevelRule

__all__ = [
    "AssessmentSource",
    "LevelRuleKind",
    "LevelRule",
    "ScaleLevel",
    "Scale",
    "Competency",
    "RoleRequirement",
    "Role",
    "Assessment",
    "AssessmentRoundState",
    "Gap",
    "GapSummary",
]


class AssessmentSource(enum.IntEnum):
    """Who assessed (``pm_assessment_source``): the person themself,
    someone in their manager chain, or a 360 round's result recorded by HR
    or the system."""

    SELF = 1
    MANAGER = 2
    REVIEW360 = 3


class LevelRuleKind(enum.IntEnum):
    """How a person's current level is decided (``pm_level_rule_kind``)."""

    #: The latest manager assessment, else the latest self, else the latest 360.
    MANAGER_FIRST = 1
    #: The weighted mean of the latest assessment of each source present.
    WEIGHTED = 2


@dataclass(frozen=True, slots=True)
class LevelRule:
    """The rule for a person's current level in a competency
    (``pm_level_rule``); pass one as ``rule=`` where the methods take it
    (None there is this default). C checks the weights: each >= 0, not all 0.

    :ivar kind: manager first, or a weighted mean.
    :ivar self_weight: weighted rule: the weight of the self assessment.
    :ivar manager_weight: weighted rule: the weight of the manager assessment.
    :ivar review360_weight: weighted rule: the weight of the 360 assessment.
    """

    kind: LevelRuleKind = LevelRuleKind.MANAGER_FIRST
    self_weight: float = 1.0
    manager_weight: float = 2.0
    review360_weight: float = 1.0


def level_rule_in(value: object, name: str = "rule") -> _CLevelRule | None:
    """A LevelRule (or None for C's default) as a pm_level_rule."""
    if value is None:
        return None
    if not isinstance(value, LevelRule):
        raise _convert.type_error(name, "perfmgmt.LevelRule or None", value)
    rule = _CLevelRule()
    rule.version = PM_LEVEL_RULE_VERSION
    rule.kind = _convert.enum_in(value.kind, LevelRuleKind, f"{name}.kind")
    rule.self_weight = _convert.number(value.self_weight, f"{name}.self_weight")
    rule.manager_weight = _convert.number(value.manager_weight, f"{name}.manager_weight")
    rule.review360_weight = _convert.number(value.review360_weight, f"{name}.review360_weight")
    return rule


@dataclass(frozen=True, slots=True)
class ScaleLevel:
    """One level of a proficiency scale.

    :ivar level: its number.
    :ivar name: its name ("Practitioner").
    :ivar description: what it means, or None.
    """

    level: int
    name: str
    description: str | None


@dataclass(frozen=True, slots=True)
class Scale:
    """A proficiency scale with its levels.

    :ivar id: the scale's id.
    :ivar name: its name, unique among scales.
    :ivar min_level: the lowest level.
    :ivar max_level: the highest level.
    :ivar levels: one :class:`ScaleLevel` per level, lowest first.
    """

    id: int
    name: str
    min_level: int
    max_level: int
    levels: tuple[ScaleLevel, ...]


@dataclass(frozen=True, slots=True)
class Competency:
    """A competency of the framework.

    :ivar id: the competency's id.
    :ivar name: its name, unique within its category.
    :ivar category: its category ("Leadership").
    :ivar description: its description, or None.
    :ivar scale: the scale its levels are on.
    """

    id: int
    name: str
    category: str
    description: str | None
    scale: int


@dataclass(frozen=True, slots=True)
class RoleRequirement:
    """The level a role requires in one competency.

    :ivar competency: the competency.
    :ivar level: the level required, on the competency's scale.
    """

    competency: int
    level: int


@dataclass(frozen=True, slots=True)
class Role:
    """A role with its profile.

    :ivar id: the role's id.
    :ivar name: its name, unique among roles.
    :ivar description: its description, or None.
    :ivar requirements: one :class:`RoleRequirement` per competency of the
        profile, by competency id.
    """

    id: int
    name: str
    description: str | None
    requirements: tuple[RoleRequirement, ...]


@dataclass(frozen=True, slots=True)
class Assessment:
    """A person's level in a competency from a day, by one source.

    :ivar id: the assessment's id.
    :ivar person: whom it assesses.
    :ivar competency: the competency.
    :ivar level: the level, on the competency's scale.
    :ivar source: self, manager or 360.
    :ivar assessor: who recorded it; 0 for the system actor.
    :ivar on: the day it holds from.
    :ivar round: the assessment round it belongs to, or None.
    :ivar released: whether it counts and both sides see it (always True
        outside a round).
    :ivar note: the evidence or comment, or None.
    """

    id: int
    person: int
    competency: int
    level: int
    source: AssessmentSource
    assessor: int
    on: _dt.date | None
    round: int | None
    released: bool
    note: str | None


@dataclass(frozen=True, slots=True)
class AssessmentRoundState:
    """Where an assessment round stands.

    :ivar self_submitted: whether the person submitted their side.
    :ivar manager_submitted: whether the manager side submitted.
    :ivar released: when both had and the round was released (UTC), or None.
    """

    self_submitted: bool
    manager_submitted: bool
    released: _dt.datetime | None


@dataclass(frozen=True, slots=True)
class Gap:
    """A person's gap in one competency of a role's profile.

    :ivar competency: the competency.
    :ivar required: the level the role requires.
    :ivar assessed: whether the person has been assessed in it.
    :ivar current: the current level by the rule, or None when not assessed.
    :ivar gap: required - current (negative above the requirement; the
        requirement when not assessed).
    """

    competency: int
    required: int
    assessed: bool
    current: float | None
    gap: float


@dataclass(frozen=True, slots=True)
class GapSummary:
    """One competency of a unit's (or the organisation's) gap summary.

    :ivar competency: the competency.
    :ivar people: people whose role requires it, on the day.
    :ivar assessed: of those, assessed in it.
    :ivar below: of those assessed, below the requirement.
    :ivar mean_gap: the mean shortfall, max(0, required - current), over
        those assessed (0 when none).
    :ivar people_before: ``people`` on the compare day, or None without one
        (so are the other ``*_before`` fields).
    :ivar assessed_before: ``assessed`` on the compare day.
    :ivar below_before: ``below`` on the compare day.
    :ivar mean_gap_before: ``mean_gap`` on the compare day.
    """

    competency: int
    people: int
    assessed: int
    below: int
    mean_gap: float
    people_before: int | None
    assessed_before: int | None
    below_before: int | None
    mean_gap_before: float | None


_enum_out = _convert.enum_out
_date_out = _convert.date_out


def _str(value: bytes | None) -> str:
    return "" if value is None else value.decode("utf-8", "replace")


def _optional_str(value: bytes | None) -> str | None:
    # C reads "" for "none".
    return value.decode("utf-8", "replace") if value else None


def scale_from(s: Any) -> Scale:
    """Copies a pm_scale with its levels."""
    low = lib.pm_scale_min_level(s)
    high = lib.pm_scale_max_level(s)
    levels = tuple(
        ScaleLevel(
            level,
            _str(lib.pm_scale_level_name(s, level)),
            _optional_str(lib.pm_scale_level_description(s, level)),
        )
        for level in range(low, high + 1)
    )
    return Scale(lib.pm_scale_id(s), _str(lib.pm_scale_name(s)), low, high, levels)


def competency_from(c: Any) -> Competency:
    """Copies a pm_competency (owned by the caller or borrowed from an iterator)."""
    return Competency(
        lib.pm_competency_id(c),
        _str(lib.pm_competency_name(c)),
        _str(lib.pm_competency_category(c)),
        _optional_str(lib.pm_competency_description(c)),
        lib.pm_competency_scale(c),
    )


def role_from(r: Any) -> Role:
    """Copies a pm_role with its profile."""
    requirements = tuple(
        RoleRequirement(
            lib.pm_role_requirement_competency(r, i),
            lib.pm_role_requirement_level(r, i),
        )
        for i in range(lib.pm_role_requirement_count(r))
    )
    return Role(
        lib.pm_role_id(r),
        _str(lib.pm_role_name(r)),
        _optional_str(lib.pm_role_description(r)),
        requirements,
    )


def assessment_from(a: Any) -> Assessment:
    """Copies a pm_assessment (borrowed from its iterator)."""
    return Assessment(
        lib.pm_assessment_id(a),
        lib.pm_assessment_person(a),
        lib.pm_assessment_competency(a),
        lib.pm_assessment_level(a),
        _enum_out(lib.pm_assessment_source_get(a), AssessmentSource),
        lib.pm_assessment_assessor(a),
        _date_out(lib.pm_assessment_date(a)),
        lib.pm_assessment_round(a) or None,
        bool(lib.pm_assessment_released(a)),
        _optional_str(lib.pm_assessment_note(a)),
    )


def gap_from(g: Any) -> Gap:
    """Copies a pm_gap (borrowed from its iterator)."""
    assessed = bool(lib.pm_gap_assessed(g))
    return Gap(
        lib.pm_gap_competency(g),
        lib.pm_gap_required(g),
        assessed,
        # C reads 0 when not assessed, which would pass for a real level.
        lib.pm_gap_current(g) if assessed else None,
        lib.pm_gap_value(g),
    )


def gap_summary_from(s: Any, compared: bool) -> GapSummary:
    """Copies a pm_gap_summary; ``compared`` tells whether a compare day
    was asked for (without one C reads 0 for the ``*_before`` figures)."""
    return GapSummary(
        lib.pm_gap_summary_competency(s),
        lib.pm_gap_summary_people(s),
        lib.pm_gap_summary_assessed(s),
        lib.pm_gap_summary_below(s),
        lib.pm_gap_summary_mean_gap(s),
        lib.pm_gap_summary_people_before(s) if compared else None,
        lib.pm_gap_summary_assessed_before(s) if compared else None,
        lib.pm_gap_summary_below_before(s) if compared else None,
        lib.pm_gap_summary_mean_gap_before(s) if compared else None,
    )


def level_out(level: float, assessed: int) -> float | None:
    """pm_competency_level()'s answer: the level, or None when nothing
    counted (C reads 0 then, which would pass for a real level)."""
    return level if assessed else None
