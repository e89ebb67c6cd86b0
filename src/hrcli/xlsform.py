"""The collection form: an XLSForm for KoboToolbox or ODK that matches the testimony format.

`hrcli collect form` writes it; `hrcli collect import EXPORT --preset kobo` reads its exports back
without a mapping file. That round trip rests on three conventions, shared with
:func:`hrcli.collect.kobo_mapping` and :func:`hrcli.collect._row_values`:

* groups and questions are named after the testimony fields, so an export header
  ``consent/scope`` is the flat column ``consent.scope`` and ``title`` is ``title``;
* choice names are form-safe: enum values write "-" as "_" (``publish_named``), which the importer
  turns back for the enum columns; themes and groups use :func:`hrcli.collect.slug` of their
  label, which the importer resolves back to the label;
* list fields typed as free text (recommendations, agencies) ask for items separated by ";",
  the separator the importer splits on.

Consent comes first: the collector asks before recording anything. The narrator's real name is
asked only when the narrator agreed to be named (``publish-named``): it is never needed otherwise,
and a field that is not asked is a field that cannot leak from the form server. The contact stays
available for every scope (teams follow up on internal testimony too), marked as sensitive.
An internal-only testimony is a normal answer: nothing required depends on publishing.

The workbook is deterministic (fixed document properties and zip timestamps), so regenerating
the form for an unchanged project gives the same bytes, and version control sees no change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from hrcli import __version__
from hrcli.catalog.store import Catalog
from hrcli.collect import slug
from hrcli.models.testimony import CollectionMethod, ConsentMethod, ConsentScope, Kind

FORM_ID = "hrcli_testimony"
GENERIC_TITLE = "Human rights testimony"
# The labels below are written in English; declaring it lets translators add label::Español (es)
# columns in Kobo without the English ones becoming "default".
DEFAULT_LANGUAGE = "English (en)"
# Any fixed instant works; 1980-01-01 is the earliest date a zip entry can hold.
_FIXED_TIME = dt.datetime(1980, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)

SURVEY_COLUMNS = (
    "type", "name", "label", "hint", "required", "relevant", "constraint", "constraint_message",
    "default", "appearance",
)
CHOICES_COLUMNS = ("list_name", "name", "label")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "default_language", "instance_name")

# Choice list names (the choices sheet's list_name).
KIND_LIST = "kind"
COLLECTION_METHOD_LIST = "collection_method"
CONSENT_SCOPE_LIST = "consent_scope"
CONSENT_METHOD_LIST = "consent_method"
YES_NO_LIST = "yes_no"
THEMES_LIST = "themes"
GROUPS_LIST = "groups"

NOT_IN_FUTURE = ". <= today()"
NOT_IN_FUTURE_MESSAGE = "This date is in the future."


@dataclass(frozen=True)
class Row:
    """One survey-sheet row; empty strings are left blank in the sheet."""

    type: str
    name: str = ""
    label: str = ""
    hint: str = ""
    required: bool = False
    relevant: str = ""
    constraint: str = ""
    constraint_message: str = ""
    default: str = ""
    appearance: str = ""

    def cells(self) -> list[str]:
        return [
            self.type, self.name, self.label, self.hint, "yes" if self.required else "",
            self.relevant, self.constraint, self.constraint_message, self.default, self.appearance,
        ]


def choice_name(value: str) -> str:
    """A form-safe name for an enum value: XLSForm choice names of select_multiple cannot hold
    spaces, and the importer turns "_" back into "-" for the enum columns (ENUM_COLUMNS)."""
    return value.replace("-", "_")


def _begin(name: str, label: str, *, relevant: str = "", appearance: str = "field-list") -> Row:
    # field-list shows a group on one screen in ODK Collect and Enketo, so the relevance of a
    # question (e.g. the name) reacts at once to the consent answers above it.
    return Row("begin_group", name, label, relevant=relevant, appearance=appearance)


def _end(name: str) -> Row:
    return Row("end_group", name)


# The consent scope as referenced in expressions: ${scope} is unique in the form, so pyxform can
# resolve it (a repeated question name would make ${...} ambiguous).
_SCOPE = "${scope}"
_INTERNAL = choice_name(ConsentScope.INTERNAL.value)
_NAMED = choice_name(ConsentScope.PUBLISH_NAMED.value)


def survey_rows() -> list[Row]:
    """The survey sheet: consent first, then how it was collected, who spoke, what happened."""
    return [
        _begin("consent", "Consent (ask before anything else)"),
        Row(
            f"select_one {CONSENT_SCOPE_LIST}", "scope", "What did the narrator agree to?",
            hint="Internal only: the team may use it but it is never published. Choose what the "
                 "narrator said; internal only can always be saved.",
            required=True,
        ),
        Row(
            "note", "scope_note",
            "Internal only: this testimony will not appear in any published output. "
            "Go on and record it.",
            relevant=f"{_SCOPE} = '{_INTERNAL}'",
        ),
        Row(
            f"select_one {YES_NO_LIST}", "un_submission",
            "May it also be shared with UN human rights mechanisms?",
            # Internal testimony never leaves the team, so the question does not arise; empty
            # imports as "no".
            required=True, relevant=f"{_SCOPE} != '{_INTERNAL}'",
        ),
        Row(
            "date", "obtained", "Date consent was given",
            constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE, default="today()",
        ),
        Row(f"select_one {CONSENT_METHOD_LIST}", "method", "How was consent given?", required=True),
        _end("consent"),
        _begin("collected", "Collection"),
        Row(
            "date", "on", "Date the testimony was collected", required=True,
            constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE, default="today()",
        ),
        Row("text", "by", "Collected by", hint="The team or event, not a person's private data."),
        Row(
            f"select_one {COLLECTION_METHOD_LIST}", "method", "How was it collected?",
            required=True, default=choice_name(CollectionMethod.INTERVIEW.value),
        ),
        _end("collected"),
        _begin("narrator", "Narrator"),
        Row(
            "text", "pseudonym", "Pseudonym",
            hint="How the report will refer to the narrator, e.g. Resident A.",
        ),
        Row(
            "text", "name", "Real name (sensitive: identifies the narrator)",
            hint="Asked only because the narrator agreed to be named. Kept out of every output "
                 "unless consent allows it.",
            relevant=f"{_SCOPE} = '{_NAMED}'",
        ),
        Row(
            "text", "contact", "Phone or e-mail (sensitive: identifies the narrator)",
            hint="Never published. Leave empty unless the team must follow up.",
        ),
        Row(
            f"select_multiple {GROUPS_LIST}", "groups", "Groups the narrator belongs to",
            hint="Optional; choose all that apply.", appearance="minimal",
        ),
        _end("narrator"),
        _begin("location", "Place", appearance=""),
        Row(
            "text", "area", "Area", hint="Neighborhood, ward or ZIP code. Never a home address.",
        ),
        _end("location"),
        Row("text", "title", "A short title", required=True),
        Row(
            f"select_one {KIND_LIST}", "kind", "Is it about a problem or about progress?",
            required=True,
        ),
        Row(
            "date", "date", "When did it happen?",
            hint="Leave empty if unknown or if it went on over a long time.",
            constraint=NOT_IN_FUTURE, constraint_message=NOT_IN_FUTURE_MESSAGE,
        ),
        Row(
            "text", "summary", "What happened?", hint="In the team's words.", required=True,
            appearance="multiline",
        ),
        _begin("quote", "The narrator's own words"),
        Row(
            "text", "text", "Quote", hint="Optional: the words as spoken or written.",
            appearance="multiline",
        ),
        Row(
            "text", "language", "Language of the quote", hint="A language code, e.g. en, es.",
            # A language or translation without the quote itself would be rejected on import.
            relevant="${text} != ''",
            constraint="regex(., '^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$')",
            constraint_message="Write a language code such as en or es.",
        ),
        Row(
            "text", "translation", "English translation", appearance="multiline",
            relevant="${text} != '' and ${language} != 'en'",
        ),
        _end("quote"),
        Row(
            f"select_multiple {THEMES_LIST}", "themes", "Themes",
            hint="Human rights themes it speaks to; choose all that apply.", appearance="minimal",
        ),
        Row(
            "text", "recommendations", "UN recommendations it speaks to",
            hint="Catalog ids such as upr-2020:26.125 (see `hrcli catalog search`). "
                 "Separate several with ;",
        ),
        Row(
            "text", "agencies", "Local bodies responsible",
            hint="E.g. City Housing Department. Separate several with ;",
        ),
    ]


ENUM_LABELS: dict[str, str] = {
    Kind.PROBLEM.value: "A problem",
    Kind.PROGRESS.value: "Progress",
    CollectionMethod.INTERVIEW.value: "Interview",
    CollectionMethod.LISTENING_SESSION.value: "Listening session",
    CollectionMethod.SURVEY.value: "Survey",
    CollectionMethod.WRITTEN_SUBMISSION.value: "Written submission",
    CollectionMethod.PUBLIC_HEARING.value: "Public hearing",
    CollectionMethod.DOCUMENT.value: "Document",
    CollectionMethod.MEDIA.value: "Media report",
    CollectionMethod.DATA.value: "Data",
    ConsentScope.INTERNAL.value: "Internal only: never published",
    ConsentScope.PUBLISH_ANONYMOUS.value: "May be published without the name",
    ConsentScope.PUBLISH_NAMED.value: "May be published with the name",
    ConsentMethod.VERBAL.value: "Verbally",
    ConsentMethod.WRITTEN.value: "In writing",
}


def _enum_choices(list_name: str, values: Iterable[str]) -> list[tuple[str, str, str]]:
    rows = []
    for value in values:
        # Fallback label: an enum value added to the model later still gets a readable choice.
        label = ENUM_LABELS.get(value) or value.replace("-", " ").capitalize()
        rows.append((list_name, choice_name(value), label))
    return rows


def _label_choices(list_name: str, labels: Sequence[str]) -> list[tuple[str, str, str]]:
    """Vocabulary choices named by slug; a slug shared by two labels would make them one choice."""
    seen: dict[str, str] = {}
    for label in labels:
        name = slug(label)
        if not name:
            raise ValueError(f"{list_name}: label {label!r} gives an empty choice name")
        if name in seen:
            raise ValueError(
                f"{list_name}: labels {seen[name]!r} and {label!r} share the choice name {name!r}"
            )
        seen[name] = label
    return [(list_name, name, label) for name, label in seen.items()]


def choice_rows(catalog: Catalog) -> list[tuple[str, str, str]]:
    """The choices sheet: (list_name, name, label) rows."""
    vocabulary = catalog.vocabulary
    return [
        *_enum_choices(CONSENT_SCOPE_LIST, [s.value for s in ConsentScope]),
        # "yes"/"no" are words hrcli.models.flat.parse_bool accepts.
        (YES_NO_LIST, "yes", "Yes"),
        (YES_NO_LIST, "no", "No"),
        *_enum_choices(CONSENT_METHOD_LIST, [m.value for m in ConsentMethod]),
        *_enum_choices(COLLECTION_METHOD_LIST, [m.value for m in CollectionMethod]),
        *_enum_choices(KIND_LIST, [k.value for k in Kind]),
        *_label_choices(GROUPS_LIST, vocabulary.groups.labels),
        *_label_choices(THEMES_LIST, vocabulary.themes.labels),
    ]


def project_title(project: Path | None) -> str | None:
    """The report title from a project's hrcli.yaml, if there is one."""
    if project is None:
        return None
    from hrcli.loaders.yaml import load_yaml_file
    from hrcli.project import CONFIG_NAME

    path = project / CONFIG_NAME
    if not path.is_file():
        return None
    data = load_yaml_file(path)  # a broken file is a UserError with its line, as elsewhere
    title = data.get("title") if isinstance(data, dict) else None
    return title.strip() if isinstance(title, str) and title.strip() else None


def form_title(project: Path | None) -> str:
    title = project_title(project)
    return f"{title}: testimony" if title else GENERIC_TITLE


def form_version(survey: Sequence[Row], choices: Sequence[tuple[str, str, str]], title: str) -> str:
    """hrcli's version plus a digest of the form's content.

    ODK Central refuses a new definition with an already-used version, and the same hrcli version
    can give different forms (another project title, another vocabulary); the digest tells them
    apart while staying deterministic.
    """
    content = repr(([row.cells() for row in survey], list(choices), title)).encode("utf-8")
    return f"{__version__}-{hashlib.sha256(content).hexdigest()[:8]}"


def _write_rows(sheet: Worksheet, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    sheet.append(list(header))
    for row in rows:
        sheet.append([cell or None for cell in row])
    # openpyxl stores any text starting with "=" as a formula; a user's project title (or a label)
    # must stay text, or Kobo would see an unevaluated formula.
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str) and cell.data_type == "f":
                cell.data_type = "s"


def build_workbook(catalog: Catalog, project: Path | None) -> Workbook:
    survey = survey_rows()
    choices = choice_rows(catalog)
    title = form_title(project)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "survey"
    _write_rows(sheet, SURVEY_COLUMNS, (row.cells() for row in survey))
    _write_rows(workbook.create_sheet("choices"), CHOICES_COLUMNS, choices)
    settings = [title, FORM_ID, form_version(survey, choices, title), DEFAULT_LANGUAGE, "${title}"]
    _write_rows(workbook.create_sheet("settings"), SETTINGS_COLUMNS, [settings])
    properties = workbook.properties
    properties.creator = "hrcli"
    properties.lastModifiedBy = "hrcli"
    properties.title = title
    properties.created = _FIXED_TIME
    properties.modified = _FIXED_TIME
    return workbook


def _deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed entry timestamps and attributes.

    openpyxl stamps zip entries with the current time (and worksheets with a temporary file's
    mtime), so two runs a second apart would differ.
    """
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


def form_bytes(catalog: Catalog, project: Path | None) -> bytes:
    """The XLSForm workbook (.xlsx bytes) for collecting testimony in this project."""
    workbook = build_workbook(catalog, project)
    buffer = io.BytesIO()
    # ExcelWriter rather than Workbook.save: save() overwrites the modified date with "now".
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return _deterministic_zip(buffer.getvalue())
