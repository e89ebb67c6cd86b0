"""The rule registry: every diagnostic code hrcli emits, with its name, default severity and docs.

Codes by stage: HR0xx files, HR1xx schema, HR2xx references, HR3xx consent and safety,
HR4xx submission rules, HR5xx dates. `hrcli rules` lists them; `hrcli explain CODE` prints one.
"""

from __future__ import annotations

from dataclasses import dataclass

from hrcli.diagnostics.model import Severity


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    explanation: str  # why it matters, what fails, what passes

    @property
    def title(self) -> str:
        return f"{self.code} {self.name}"


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

_RULES = [
    # --- files ---------------------------------------------------------------------------------
    Rule("HR001", "yaml-syntax", E, "A YAML file cannot be parsed.",
         "The file is not valid YAML, so nothing in it can be checked or compiled.\n\n"
         "Fails:  title: \"unclosed\nPasses: title: \"closed\"\n\n"
         "The message gives the parser's own position and problem."),
    Rule("HR002", "duplicate-key", E, "A key appears twice in the same mapping.",
         "YAML parsers keep only the last value of a repeated key, so the first one is silently lost.\n\n"
         "Fails:  summary: first\\nsummary: second\nPasses: one `summary:` per testimony."),
    Rule("HR003", "tab-indentation", E, "A YAML line is indented with a tab.",
         "YAML forbids tabs in indentation; editors often insert them. Indent with spaces."),
    Rule("HR004", "encoding", E, "A file is not UTF-8 text.",
         "hrcli reads testimony, sections and configuration as UTF-8. Save the file as UTF-8 "
         "(spreadsheets: 'CSV UTF-8'). `hrcli collect import` reads Windows-1252 exports and writes UTF-8."),
    Rule("HR005", "empty-file", E, "A file is empty.",
         "An empty testimony or configuration file holds nothing to check. Fill it in or delete it."),
    Rule("HR006", "csv-shape", E, "A CSV row has a different number of cells than the header.",
         "A row with too many or too few cells usually means an unquoted comma or a broken line; its "
         "values would land in the wrong columns."),
    Rule("HR007", "csv-unknown-column", E, "A CSV header names no testimony field.",
         "Columns of testimony CSV files are the dotted testimony fields (see `hrcli schema testimony`). "
         "An unknown column is probably a typo; its values would be lost."),
    Rule("HR008", "not-a-mapping", E, "A YAML file does not hold a mapping of keys to values.",
         "A testimony file or hrcli.yaml is a mapping (`key: value` lines) at the top level."),
    # --- schema --------------------------------------------------------------------------------
    Rule("HR101", "unknown-field", E, "A key is not part of the format.",
         "Unknown keys are errors rather than ignored, so a typo (`sumary:`) cannot hide data.\n\n"
         "Fails:  sumary: ...\nPasses: summary: ..."),
    Rule("HR102", "missing-field", E, "A required key is missing.",
         "Every testimony needs id, title, kind, collected (on, method), consent (scope) and summary."),
    Rule("HR103", "invalid-value", E, "A value has the wrong type or is not one of the allowed choices.",
         "For example `kind: issue` (choices: problem, progress) or `un_submission: maybe` (true or false)."),
    Rule("HR104", "invalid-date", E, "A date is not a real date in the form YYYY-MM-DD.",
         "Dates are written YYYY-MM-DD, e.g. 2024-03-01."),
    # --- references ----------------------------------------------------------------------------
    Rule("HR201", "duplicate-testimony-id", E, "Two testimonies share an id.",
         "Citations like [@T-0007] must point at exactly one testimony. Give one of them a new id "
         "(`hrcli collect new` always picks a free one)."),
    Rule("HR202", "unknown-recommendation", E, "A recommendation id is not in the catalog.",
         "Ids look like upr-2020:26.125 or ccpr-2014:22(e); find them with `hrcli catalog search`. "
         "Documents the catalog lacks can be added as files in the project's catalog/ folder."),
    Rule("HR203", "unknown-theme", E, "A theme is not in the vocabulary.",
         "Themes come from the catalog's vocabulary (`hrcli catalog themes`); aliases are accepted."),
    Rule("HR204", "unknown-group", W, "A group of persons is not in the vocabulary.",
         "Groups come from the UHRI affected-persons vocabulary; a label outside it cannot be counted "
         "with the UN's own figures."),
    Rule("HR205", "unresolved-citation", E, "A citation in a section points at nothing.",
         "Sections cite testimony as [@T-0007] and recommendations as [@upr-2020:26.125]; the cited "
         "testimony or catalog entry must exist."),
    Rule("HR206", "missing-evidence", E, "An evidence file does not exist.",
         "evidence[].path is a file inside the project, e.g. evidence/lease.pdf."),
    Rule("HR207", "evidence-outside-project", E, "An evidence path leads outside the project.",
         "Evidence paths are relative to the project and stay inside it, so the report is self-contained "
         "and no file elsewhere on a computer is pulled in."),
    Rule("HR208", "unlinked-testimony", I, "A testimony is linked to no UN recommendation.",
         "Linking testimony to recommendations is what makes a city report count at the UN. "
         "`hrcli catalog search` finds candidates."),
    # --- consent and safety --------------------------------------------------------------------
    Rule("HR301", "citation-without-consent", E, "A testimony is cited although its consent does not allow it.",
         "Internal-only and withdrawn testimony must not appear in any output; for a UN target, "
         "only testimony with `consent.un_submission: true` may be used. Remove the citation, or record "
         "new consent."),
    Rule("HR302", "identity-in-text", E, "An anonymous narrator's name or contact appears in text.",
         "The name or contact of a narrator who did not consent to be named appears in a section or "
         "another testimony. Anonymization fails if the name is anywhere in the report. The message "
         "never repeats the value."),
    Rule("HR303", "identifying-fields", W, "Identifying fields are filled in for testimony that is not publish-named.",
         "narrator.name and narrator.contact identify a person. Keep them only where needed, and out of "
         "the repository (see `hrcli private`)."),
    Rule("HR304", "exact-address", W, "A location looks like an exact street address.",
         "location.area is a neighborhood, ward or ZIP code. A street address can identify the narrator."),
    # --- submission rules ----------------------------------------------------------------------
    Rule("HR401", "word-limit", E, "The submission's text is over the word limit of its target.",
         "OHCHR treats form rules as binding: submissions over the limit 'will a priori not be "
         "considered'. Limits come from the rule pack of the target (hrcli rules show their source)."),
    Rule("HR402", "joint-organizations", E, "A joint submission lists fewer than two organizations.",
         "Joint submissions list every submitting organization at the beginning of the text."),
    Rule("HR403", "one-country", E, "The report is not about the country the catalog covers.",
         "A UN submission covers one country; hrcli's catalog covers the United States of America."),
    Rule("HR404", "language", W, "The report language is not one the target accepts.",
         "UN submissions are written in an official UN language, preferably English, French or Spanish."),
    Rule("HR405", "review-period", W, "The period covered exceeds the target's review window.",
         "UPR submissions cover at most the years since the previous review (about 4 years)."),
    Rule("HR406", "deadline", W, "The submission deadline is near or past.",
         "Stakeholder submissions are due months before the review session; the rule pack gives how "
         "many. Set target.session_date in hrcli.yaml for this check."),
    Rule("HR407", "no-earlier-recommendations", W, "A UN submission refers to no earlier recommendation.",
         "Since the third UPR cycle, stakeholders are asked to assess the implementation of earlier "
         "recommendations. Link testimony or cite recommendations in sections."),
    # --- dates ---------------------------------------------------------------------------------
    Rule("HR501", "future-date", E, "A date lies in the future.",
         "Events, collection and consent dates cannot be later than today; it is usually a typo."),
    Rule("HR502", "outside-period", W, "An event lies outside the period the report covers.",
         "The report covers the period in hrcli.yaml; testimony about other years may not belong in it."),
    Rule("HR503", "collected-before-event", E, "A testimony was collected before the event it describes.",
         "collected.on is the day the testimony was given; it cannot precede the event's date."),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _RULES}


def find_rule(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    return RULES.get(key.upper()) or RULES_BY_NAME.get(key.lower())
