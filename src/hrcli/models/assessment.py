"""Assessment files (`assessments/*.yaml`): how a UN recommendation is implemented locally, over time.

Since its third cycle the UPR asks stakeholders to assess the implementation of earlier
recommendations; a city coalition does it with evidence from its own testimony and data.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from hrcli.models.base import HrcliModel
from hrcli.models.enums import Level, Status  # noqa: F401 - part of this module's interface
from hrcli.models.testimony import Evidence


class DataPoint(HrcliModel):
    description: str = Field(min_length=1, description="What is measured, e.g. 'eviction filings'.")
    value: str = Field(min_length=1, description="The figure, e.g. '1,240' or '38%'.")
    source: str = Field(min_length=1, description="Where it comes from.")
    date: dt.date = Field(description="When it was measured or published.")


class AssessmentEvidence(HrcliModel):
    testimony: list[str] = Field(default_factory=list, description="Testimony ids, e.g. T-0007.")
    documents: list[Evidence] = Field(default_factory=list, description="Documents: a path inside the project or a url, with a description.")
    data: list[DataPoint] = Field(default_factory=list)


class HistoryEntry(HrcliModel):
    """An earlier assessment, kept so change over time is visible."""

    date: dt.date
    status: Status
    summary: str | None = None


class Assessment(HrcliModel):
    """The local implementation of one or more UN recommendations."""

    recommendations: list[str] = Field(min_length=1, description="Catalog ids, e.g. upr-2020:26.286.")
    status: Status = Field(description="not-implemented | partially-implemented | implemented | regressed | unknown.")
    assessed: dt.date = Field(description="Date of this assessment.")
    level: Level = Field(default=Level.CITY, description="city | county | state.")
    agencies: list[str] = Field(default_factory=list, description="Local bodies responsible.")
    summary: str = Field(min_length=1, description="The assessment, in a few sentences.")
    evidence: AssessmentEvidence = Field(default_factory=AssessmentEvidence)
    history: list[HistoryEntry] = Field(default_factory=list, description="Earlier assessments, oldest first.")
