"""The fixed choices of hrcli's formats, kept apart from the Pydantic models so the CLI can offer
them without importing Pydantic at start-up."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """Local reports name problems *and* progress."""

    PROBLEM = "problem"
    PROGRESS = "progress"


class CollectionMethod(StrEnum):
    INTERVIEW = "interview"
    LISTENING_SESSION = "listening-session"
    SURVEY = "survey"
    WRITTEN_SUBMISSION = "written-submission"
    PUBLIC_HEARING = "public-hearing"
    DOCUMENT = "document"
    MEDIA = "media"
    DATA = "data"


class ConsentScope(StrEnum):
    """How far the narrator allowed the testimony to go."""

    INTERNAL = "internal"
    PUBLISH_ANONYMOUS = "publish-anonymous"
    PUBLISH_NAMED = "publish-named"


class ConsentMethod(StrEnum):
    VERBAL = "verbal"
    WRITTEN = "written"


class TargetMechanism(StrEnum):
    UPR = "upr"
    CERD = "cerd"
    CCPR = "ccpr"
    CAT = "cat"
    LOCAL = "local"


class SubmissionType(StrEnum):
    INDIVIDUAL = "individual"
    JOINT = "joint"


class OutputFormat(StrEnum):
    MD = "md"
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"


class Position(StrEnum):
    """The State's response to a UPR recommendation."""

    SUPPORTED = "supported"
    NOTED = "noted"
    SUPPORTED_IN_PART = "supported-in-part"


class Status(StrEnum):
    """How far a recommendation is implemented locally (assessments)."""

    NOT_IMPLEMENTED = "not-implemented"
    PARTIALLY_IMPLEMENTED = "partially-implemented"
    IMPLEMENTED = "implemented"
    REGRESSED = "regressed"
    UNKNOWN = "unknown"


class Level(StrEnum):
    """The level of government an assessment concerns."""

    CITY = "city"
    COUNTY = "county"
    STATE = "state"
