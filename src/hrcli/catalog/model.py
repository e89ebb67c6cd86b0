"""The catalog format: documents of UN (or local) recommendations, one file per document.

The same model validates the bundled catalog and the files a project adds in its own ``catalog/``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hrcli.models.enums import Position  # noqa: F401 - part of this module's interface

CATALOG_FORMAT_VERSION = 1

KEY_PATTERN = r"^[a-z0-9][a-z0-9.-]*$"
PARAGRAPH_PATTERN = r"^[0-9]+(\.[0-9]+)*$"
SUBPARAGRAPH_PATTERN = r"^[a-z]{1,3}$"


class StrictModel(BaseModel):
    """Unknown keys are errors: a typo must not pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Mechanism(StrEnum):
    """The UN mechanism (or local body) that made the recommendations."""

    UPR = "upr"
    CCPR = "ccpr"
    CERD = "cerd"
    CAT = "cat"
    CESCR = "cescr"
    CEDAW = "cedaw"
    CRC = "crc"
    CRPD = "crpd"
    SPECIAL_PROCEDURES = "special-procedures"
    LOCAL = "local"
    OTHER = "other"


class DocumentType(StrEnum):
    """What kind of document the entries come from."""

    WORKING_GROUP_REPORT = "working-group-report"
    CONCLUDING_OBSERVATIONS = "concluding-observations"
    COMPILATION = "compilation"
    LOCAL = "local"
    OTHER = "other"


class EntryKind(StrEnum):
    """Whether an entry is a recommendation proper or a citable paragraph of another kind."""

    RECOMMENDATION = "recommendation"
    PARAGRAPH = "paragraph"


class Reference(StrictModel):
    """A pointer from an entry to a paragraph of another document (e.g. a compilation's note)."""

    symbol: str | None = Field(default=None, description="Document symbol, e.g. CCPR/C/USA/CO/5.")
    url: str | None = Field(default=None, description="Web address, for sources without a symbol.")
    title: str | None = Field(default=None, description="Title, for publications without a symbol or address.")
    paragraphs: list[str] = Field(
        default_factory=list, description="Paragraphs cited, e.g. ['15 (b)', '35']; empty if none."
    )
    text: str = Field(description="The reference as printed in the source, e.g. 'para. 35'.")
    note: str | None = Field(default=None, description="Number of the source note, if any.")
    catalog_ids: list[str] = Field(
        default_factory=list, description="Ids of catalog entries the reference resolves to."
    )

    @model_validator(mode="after")
    def _one_target(self) -> Reference:
        if sum(value is not None for value in (self.symbol, self.url, self.title)) != 1:
            raise ValueError("a reference names exactly one of symbol, url or title")
        return self


class Erratum(StrictModel):
    """A documented correction of a source defect."""

    id: str = Field(description="Identifier of the erratum in the errata file.")
    reason: str = Field(description="Why the source was corrected.")


class Recommendation(StrictModel):
    """One citable entry: a recommendation, or a sub-paragraph of one."""

    id: Annotated[str, Field(description="Stable id '<document-key>:<paragraph>[(<letter>)]'.")]
    paragraph: Annotated[str, Field(pattern=PARAGRAPH_PATTERN, description="e.g. '26.125' or '22'.")]
    subparagraph: Annotated[
        str | None, Field(default=None, pattern=SUBPARAGRAPH_PATTERN, description="e.g. 'e'.")
    ]
    kind: EntryKind = Field(default=EntryKind.RECOMMENDATION, description="Recommendation or paragraph.")
    heading: str | None = Field(default=None, description="Section or subject heading it sits under.")
    text: str = Field(min_length=1, description="The text, verbatim from the source (errata applied).")
    concern: str | None = Field(
        default=None, description="Treaty bodies: the part of the paragraph stating the concern."
    )
    recommending_states: list[str] = Field(
        default_factory=list, description="UPR: the State(s) that made the recommendation."
    )
    position: Position | None = Field(default=None, description="The State's position, if known.")
    position_source: str | None = Field(
        default=None, description="Where the position comes from, e.g. 'A/HRC/46/15/Add.1 - Para.20'."
    )
    themes: list[str] = Field(default_factory=list, description="Themes (UHRI vocabulary).")
    sdgs: list[int] = Field(default_factory=list, description="Sustainable Development Goals (1-17).")
    affected_persons: list[str] = Field(
        default_factory=list, description="Groups of persons concerned (UHRI vocabulary)."
    )
    references: list[Reference] = Field(
        default_factory=list, description="Documents the entry cites (compilations)."
    )
    follow_up: bool = Field(
        default=False, description="Treaty bodies: selected for the follow-up procedure."
    )
    action_category: int | None = Field(
        default=None, ge=1, le=5, description="UPR Info action category (1 minimal ... 5 specific)."
    )
    annotation_id: str | None = Field(default=None, description="OHCHR UHRI annotation id.")
    damaged: str | None = Field(
        default=None, description="If the source text is damaged and not repaired: what is wrong."
    )
    errata: list[Erratum] = Field(default_factory=list, description="Corrections applied.")
    source_file: str = Field(description="The source file the entry was built from.")

    @field_validator("sdgs")
    @classmethod
    def _sdgs_in_range(cls, value: list[int]) -> list[int]:
        for goal in value:
            if not 1 <= goal <= 17:
                raise ValueError(f"SDG {goal} does not exist (goals are 1-17)")
        return value

    @property
    def label(self) -> str:
        """Paragraph with its sub-paragraph, as printed: '22 (e)'."""
        return f"{self.paragraph} ({self.subparagraph})" if self.subparagraph else self.paragraph


class Source(StrictModel):
    """A source file a document was built from."""

    file: str
    description: str


class Document(StrictModel):
    """A catalog document: one UN document (or local text) and its entries."""

    format_version: int = Field(default=CATALOG_FORMAT_VERSION, description="Catalog format version.")
    key: Annotated[str, Field(pattern=KEY_PATTERN, description="Short lower-case key, e.g. 'upr-2020'.")]
    symbol: str = Field(description="Official document symbol, e.g. 'A/HRC/46/15'.")
    title: str = Field(description="Title of the document.")
    mechanism: Mechanism
    body: str = Field(description="The body that issued it, e.g. 'Human Rights Committee'.")
    document_type: DocumentType
    cycle: int | None = Field(default=None, description="UPR cycle, if a UPR document.")
    session: str | None = Field(default=None, description="Session, e.g. 'UPR WG 36'.")
    date: str = Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="Date issued (ISO 8601).")
    country: str = Field(default="United States of America")
    coverage: str | None = Field(
        default=None, description="What the catalog holds of the document, and known gaps."
    )
    sources: list[Source] = Field(default_factory=list)
    errata: list[Erratum] = Field(
        default_factory=list, description="Corrections applied to the source text as a whole."
    )
    recommendations: list[Recommendation]

    @model_validator(mode="after")
    def _ids_are_consistent(self) -> Document:
        seen: set[str] = set()
        for rec in self.recommendations:
            expected = f"{self.key}:{rec.label.replace(' ', '')}"
            if rec.id != expected:
                raise ValueError(f"entry id {rec.id!r} should be {expected!r}")
            if rec.id in seen:
                raise ValueError(f"entry id {rec.id!r} appears twice")
            seen.add(rec.id)
        return self




def make_id(key: str, paragraph: str, subparagraph: str | None = None) -> str:
    """Build an entry id from its parts."""
    return f"{key}:{paragraph}({subparagraph})" if subparagraph else f"{key}:{paragraph}"
