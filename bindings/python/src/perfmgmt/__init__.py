"""perfmgmt: Python binding of the perfmgmt C library.

A thin layer over the public C API (``perfmgmt.h``): the same functions,
rules and messages, with Python types. Open a store, open a session saying
who is acting, and call its methods::

    import datetime as dt
    import perfmgmt

    with perfmgmt.open("sqlite:hr.db") as db, db.system_session() as s:
        ada = s.create_person("E001", "Ada Lovelace", email="ada@example.org")
        print(s.get_person(ada).name)
        goal = s.create_goal(ada, "Ship the engine", dt.date(2025, 6, 30))

Failed calls raise a subclass of :class:`Error`, carrying the status code
and the library's message. The shared library is found through the
``PERFMGMT_LIBRARY`` environment variable (a path), then the system's
library path (``libperfmgmt.so.0``), then a build directory of the source
checkout this package sits in.
"""

from __future__ import annotations

from ctypes import byref, c_int

from ._convert import format_date, format_time, parse_date, parse_time
from ._lib import lib as _c
from ._lib import library_path
from .db import ClockValue, Db, open
from .errors import (
    Busy,
    Conflict,
    Corrupt,
    Cycle,
    Error,
    InvalidArgument,
    InvalidUtf8,
    Misuse,
    NotFound,
    OutOfMemory,
    OutOfRange,
    PermissionDenied,
    ReadOnly,
    Status,
    StorageError,
    UnderLegalHold,
    Unsupported,
    VersionMismatch,
    status_str,
)
from .errors import IOError as IOError  # noqa: A004 - outside __all__, see there
from ._records_feedback import (
    Direction,
    Feedback,
    FeedbackKind,
    FeedbackRequest,
    FeedbackStats,
    FeedbackVisibility,
    RaterGroup,
    Reaction,
    RequestFilter,
    RequestPart,
    RequestRole,
    RequestState,
    Review360,
    Review360Comment,
    Review360Question,
    Review360Result,
    Review360Role,
    Review360State,
)
from ._records_competency import (
    Assessment,
    AssessmentRoundState,
    AssessmentSource,
    Competency,
    Gap,
    GapSummary,
    LevelRule,
    LevelRuleKind,
    Role,
    RoleRequirement,
    Scale,
    ScaleLevel,
)
from ._records_development import (
    Candidate,
    Enrolment,
    EnrolmentResult,
    EnrolmentState,
    ItemKind,
    ItemState,
    Plan,
    PlanArea,
    PlanItem,
    PlanProgress,
    Programme,
    ProgrammeKind,
    ProgrammeSession,
    ProgrammeStats,
)
from ._records_wellbeing import (
    Aggregate,
    BuiltinMetric,
    Enps,
    EvaluationResult,
    FlagKind,
    Instrument,
    Measurement,
    MeasurementSource,
    Metric,
    MetricDirection,
    PatternFlag,
    Period,
    ResponseRate,
    Survey,
    SurveyAnswer,
    SurveyState,
    Trend,
    TrendPeriod,
    Who5,
    cbi_score,
    enps_score,
    who5_score,
)
from ._records_retention import RetentionClass, RetentionReport
from ._records_audit import AuditActor, AuditEntry, AuditOp, AuditPage, LegalHold, UndisclosedCount
from ._records_erasure import EraseGoals, EraseReport
from .records import (
    Cadence,
    Checkin,
    CheckinEntry,
    CheckinRate,
    CheckinSeries,
    CheckinState,
    EntryKind,
    Goal,
    GoalKind,
    GoalState,
    GoalStatus,
    Health,
    ImportStats,
    KeyResult,
    KeyResultKind,
    Person,
    PersonStatus,
    Progress,
    SeriesState,
    Unit,
    Visibility,
    Zone,
)
from .session import (
    AssessmentIterator,
    CandidateIterator,
    CompetencyIterator,
    EnrolmentIterator,
    GapIterator,
    GapSummaryIterator,
    PlanItemIterator,
    PlanIterator,
    ProgrammeIterator,
    RoleIterator,
    CheckinEntryIterator,
    CheckinIterator,
    CheckinSeriesIterator,
    FeedbackIterator,
    FeedbackRequestIterator,
    GoalIterator,
    GoalTreeIterator,
    KeyResultIterator,
    MeasurementIterator,
    MetricIterator,
    PatternFlagIterator,
    PersonIterator,
    ProgressIterator,
    Review360CommentIterator,
    Review360Iterator,
    Review360QuestionIterator,
    Review360ResultIterator,
    ResponseRateIterator,
    Session,
    UnitIterator,
)

__version__ = "0.1.0"

__all__ = [
    "open",
    "Db",
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
    "Person",
    "PersonStatus",
    "Unit",
    "ImportStats",
    "Goal",
    "GoalKind",
    "GoalState",
    "Visibility",
    "Health",
    "KeyResult",
    "KeyResultKind",
    "Zone",
    "Progress",
    "GoalStatus",
    "CheckinSeries",
    "Cadence",
    "SeriesState",
    "Checkin",
    "CheckinState",
    "CheckinEntry",
    "EntryKind",
    "CheckinRate",
    "FeedbackIterator",
    "FeedbackRequestIterator",
    "Review360Iterator",
    "Review360QuestionIterator",
    "Review360ResultIterator",
    "Review360CommentIterator",
    "Feedback",
    "FeedbackKind",
    "Direction",
    "FeedbackVisibility",
    "Reaction",
    "FeedbackRequest",
    "RequestPart",
    "RequestState",
    "RequestRole",
    "RequestFilter",
    "FeedbackStats",
    "Review360",
    "Review360State",
    "RaterGroup",
    "Review360Question",
    "Review360Result",
    "Review360Comment",
    "Review360Role",
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
    "Scale",
    "ScaleLevel",
    "Competency",
    "Role",
    "RoleRequirement",
    "Assessment",
    "AssessmentSource",
    "AssessmentRoundState",
    "LevelRule",
    "LevelRuleKind",
    "Gap",
    "GapSummary",
    "Plan",
    "PlanArea",
    "PlanItem",
    "ItemKind",
    "ItemState",
    "PlanProgress",
    "Programme",
    "ProgrammeKind",
    "ProgrammeSession",
    "Enrolment",
    "EnrolmentState",
    "EnrolmentResult",
    "ProgrammeStats",
    "Candidate",
    "MetricIterator",
    "MeasurementIterator",
    "ResponseRateIterator",
    "PatternFlagIterator",
    "Metric",
    "MetricDirection",
    "BuiltinMetric",
    "Measurement",
    "MeasurementSource",
    "Who5",
    "Enps",
    "Survey",
    "SurveyState",
    "SurveyAnswer",
    "Instrument",
    "ResponseRate",
    "Aggregate",
    "EvaluationResult",
    "Period",
    "Trend",
    "TrendPeriod",
    "FlagKind",
    "PatternFlag",
    "who5_score",
    "enps_score",
    "cbi_score",
    "RetentionClass",
    "RetentionReport",
    "AuditOp",
    "AuditActor",
    "AuditEntry",
    "AuditPage",
    "UndisclosedCount",
    "LegalHold",
    "EraseGoals",
    "EraseReport",
    "ClockValue",
    "Status",
    "status_str",
    "Error",
    "InvalidArgument",
    "NotFound",
    "PermissionDenied",
    "Conflict",
    "StorageError",
    "OutOfMemory",
    "InvalidUtf8",
    "OutOfRange",
    "Busy",
    "VersionMismatch",
    "Cycle",
    "Corrupt",
    "ReadOnly",
    "Misuse",
    "Unsupported",
    "UnderLegalHold",
    # IOError is left out on purpose: a star import would shadow the built-in.
    "version",
    "version_info",
    "library_path",
    "parse_date",
    "format_date",
    "parse_time",
    "format_time",
]


def version() -> str:
    """The C library's release version at run time, ``"MAJOR.MINOR.PATCH"``."""
    text: bytes = _c.pm_version(None, None, None)
    return text.decode("ascii")


def version_info() -> tuple[int, int, int]:
    """The C library's release version at run time as ``(major, minor, patch)``."""
    major, minor, patch = c_int(), c_int(), c_int()
    _c.pm_version(byref(major), byref(minor), byref(patch))
    return (major.value, minor.value, patch.value)


# Exceptions and types show as perfmgmt.X in tracebacks and reprs, the name
# users import them by.
for _name in __all__ + ["IOError"]:
    _obj = globals()[_name]
    if isinstance(_obj, type):
        _obj.__module__ = __name__
del _name, _obj
