"""The report project's configuration, ``hrcli.yaml``."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from hrcli.models.base import HrcliModel
from hrcli.models.enums import OutputFormat, SubmissionType, TargetMechanism








class Jurisdiction(HrcliModel):
    city: str = Field(min_length=1, description="City (or county) the report covers.")
    state: str = Field(min_length=1, description="US state, e.g. OH.")
    country: str = Field(default="United States of America", description="Country under review.")


class ReportPeriod(HrcliModel):
    start: dt.date = Field(description="First day covered.")
    end: dt.date = Field(description="Last day covered.")

    @model_validator(mode="after")
    def _ordered(self) -> ReportPeriod:
        if self.end < self.start:
            raise ValueError("period ends before it starts")
        return self


class Organization(HrcliModel):
    name: str = Field(min_length=1)
    type: str | None = Field(default=None, description="e.g. coalition, NGO, law clinic, city commission.")
    description: str | None = Field(default=None, description="A sentence on the organization (welcome in UN submissions).")


class Contact(HrcliModel):
    """The coalition's public contact (not a narrator's)."""

    name: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None


class Target(HrcliModel):
    mechanism: TargetMechanism = Field(description="upr | cerd | ccpr | cat | local.")
    cycle: int | None = Field(default=None, ge=1, description="UPR cycle, e.g. 4.")
    submission: SubmissionType = Field(default=SubmissionType.INDIVIDUAL, description="individual | joint.")
    session_date: dt.date | None = Field(default=None, description="Opening date of the session reviewing the US, for deadline checks.")


class Outputs(HrcliModel):
    formats: list[OutputFormat] = Field(default_factory=lambda: [OutputFormat.MD, OutputFormat.HTML, OutputFormat.DOCX, OutputFormat.PDF])
    templates: list[str] = Field(default_factory=lambda: ["city-report"], description="Templates to compile.")


class CatalogSettings(HrcliModel):
    folder: str = Field(default="catalog", description="The folder of the project's own catalog files, relative to the project.")


class ProjectConfig(HrcliModel):
    """hrcli.yaml: what the report is, who submits it, and to whom."""

    title: str = Field(min_length=1)
    fictional: bool = Field(default=False, description="True for example projects: outputs say the content is fictional.")
    jurisdiction: Jurisdiction
    period: ReportPeriod
    language: str = Field(default="en", description="Language of the report (en, fr, es ...).")
    organizations: list[Organization] = Field(min_length=1)
    contact: Contact = Field(default_factory=Contact)
    target: Target
    outputs: Outputs = Field(default_factory=Outputs)
    catalog: CatalogSettings = Field(default_factory=CatalogSettings)
    rules: dict[str, str] = Field(default_factory=dict, description="Severity per check rule code, e.g. {HR301: warning}.")
