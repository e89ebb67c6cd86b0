"""The testimony format: one YAML file per testimony, or one CSV row per testimony for bulk work.

Consent decides where a testimony may appear. ``narrator.name`` and ``narrator.contact`` identify a
person: the name may reach a published output only when the scope is ``publish-named``; the contact
never does. Withdrawn consent counts as internal-only.

Identifying data belongs in the private store (`hrcli private`), not in testimony files, which are
committed: a file keeps the pseudonym and ``narrator.private: true``. Only a publish-named
narrator's name may stay in the file, since the narrator asked to be named.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import Field, field_validator, model_validator

from hrcli.models.base import HrcliModel
from hrcli.models.enums import CollectionMethod, ConsentMethod, ConsentScope, Kind

TESTIMONY_ID_PATTERN = r"^[A-Za-z][A-Za-z0-9]*-[0-9]{4,}$"
ID_PREFIX = "T"










class Period(HrcliModel):
    """When something went on, if not a single day."""

    start: dt.date = Field(description="First day (YYYY-MM-DD).")
    end: dt.date | None = Field(default=None, description="Last day; empty if still going on.")

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end is not None and self.end < self.start:
            raise ValueError("period ends before it starts")
        return self


class Collected(HrcliModel):
    """How and when the testimony was gathered."""

    on: dt.date = Field(description="Date the testimony was collected (YYYY-MM-DD).")
    by: str | None = Field(default=None, description="Team or event that collected it (not a person's private data).")
    method: CollectionMethod = Field(description="How it was collected.")


class Location(HrcliModel):
    """Where it happened, at the level of an area. Never an exact home address."""

    area: str | None = Field(default=None, description="Neighborhood, ward or ZIP code.")


class Narrator(HrcliModel):
    """Who spoke. ``name`` and ``contact`` are identifying data: they belong in the private store."""

    pseudonym: str | None = Field(default=None, description="How the report refers to the narrator.")
    name: str | None = Field(
        default=None,
        description="Real name. Belongs in the private store (`hrcli private`); may stay here only with publish-named consent.",
    )
    contact: str | None = Field(default=None, description="Phone or e-mail. Never published; belongs in the private store, not here.")
    private: bool = Field(
        default=False,
        description="The narrator's identifying data (name, contact, address, notes, files) is in the private store, "
        "under this testimony's id.",
    )
    groups: list[str] = Field(default_factory=list, description="Groups of persons the narrator belongs to (affected-persons vocabulary).")


class Consent(HrcliModel):
    """What the narrator agreed to."""

    scope: ConsentScope = Field(description="internal | publish-anonymous | publish-named.")
    un_submission: bool = Field(default=False, description="May be shared with UN mechanisms.")
    obtained: dt.date | None = Field(default=None, description="Date consent was given.")
    method: ConsentMethod | None = Field(default=None, description="verbal | written.")
    withdrawn: dt.date | None = Field(default=None, description="Date consent was withdrawn; the testimony is then internal-only.")

    @property
    def effective_scope(self) -> ConsentScope:
        """The scope in force: withdrawn consent means internal."""
        return ConsentScope.INTERNAL if self.withdrawn is not None else self.scope

    @property
    def publishable(self) -> bool:
        return self.effective_scope is not ConsentScope.INTERNAL

    @property
    def allows_un(self) -> bool:
        return self.publishable and self.un_submission


class Quote(HrcliModel):
    """The narrator's own words."""

    text: str = Field(min_length=1, description="The words as spoken or written.")
    language: str | None = Field(default=None, description="Language code, e.g. en, es.")
    translation: str | None = Field(default=None, description="English translation, if not in English.")


class Evidence(HrcliModel):
    """A document, photo or data supporting the testimony."""

    path: str | None = Field(default=None, description="File inside the project (e.g. evidence/lease.pdf).")
    url: str | None = Field(default=None, description="Public address.")
    description: str | None = Field(default=None, description="What it shows.")

    @model_validator(mode="after")
    def _one_target(self) -> Evidence:
        if (self.path is None) == (self.url is None):
            raise ValueError("give either a path or a url")
        return self


class Origin(HrcliModel):
    """Where an imported testimony came from, so a re-import can skip it."""

    source: str = Field(description="The export it was imported from (e.g. kobo, csv).")
    key: str = Field(min_length=1, description="The row's stable key: the submission uuid, or a hash of the row.")


class Testimony(HrcliModel):
    """One testimony about local human-rights conditions."""

    id: Annotated[str, Field(pattern=TESTIMONY_ID_PATTERN, description="Unique id, e.g. T-0007.")]
    title: str = Field(min_length=1, description="A short title.")
    kind: Kind = Field(description="problem | progress.")
    date: dt.date | None = Field(default=None, description="When it happened (one day).")
    period: Period | None = Field(default=None, description="When it happened (a span).")
    collected: Collected
    location: Location = Field(default_factory=Location)
    narrator: Narrator = Field(default_factory=Narrator)
    consent: Consent
    themes: list[str] = Field(default_factory=list, description="Themes from the catalog vocabulary (aliases accepted).")
    recommendations: list[str] = Field(default_factory=list, description="Catalog ids it speaks to, e.g. upr-2020:26.125.")
    agencies: list[str] = Field(default_factory=list, description="Local bodies responsible.")
    summary: str = Field(min_length=1, description="What happened, in the compilers' words.")
    quotes: list[Quote] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    origin: Origin | None = Field(default=None, description="Set by `hrcli collect import`.")

    @model_validator(mode="after")
    def _date_or_period(self) -> Testimony:
        if self.date is not None and self.period is not None:
            raise ValueError("give either date or period, not both")
        return self

    @field_validator("themes", "recommendations", "agencies")
    @classmethod
    def _no_blank_items(cls, value: list[str]) -> list[str]:
        if any(not item.strip() for item in value):
            raise ValueError("empty item in list")
        return value


def next_testimony_id(existing: set[str], prefix: str = ID_PREFIX) -> str:
    """The next free id after the highest one with this prefix: T-0001, T-0002, ..."""
    numbers = [
        int(match.group(1))
        for item in existing
        if (match := re.fullmatch(rf"{re.escape(prefix)}-(\d+)", item))
    ]
    return f"{prefix}-{max(numbers, default=0) + 1:04d}"
