"""The rule registry: every diagnostic code hrcli emits, with its name, default severity and docs.

Codes by stage: HR0xx files, HR1xx schema, HR2xx references, HR3xx consent and safety,
HR4xx submission rules, HR5xx dates, HR6xx private data, HR7xx assessments. `hrcli rules` lists them; `hrcli explain CODE` prints one.
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
    Rule("HR009", "invalid-catalog-file", E, "A file in the project's catalog/ folder is not a valid catalog document.",
         "Project catalog files (local ordinances, UN documents hrcli does not bundle, UHRI imports) use "
         "the format of `hrcli schema catalog`. An invalid file is left out, so every citation of its "
         "entries would fail too; the message gives the first problem and where it is."),
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
         "another testimony. Anonymization fails if the name is anywhere in the report. The values "
         "come from testimony files and, when a key is set (HRCLI_PRIVATE_KEY), from the private store "
         "(names, contacts, addresses): without the key, check cannot know them. The message never "
         "repeats the value."),
    Rule("HR303", "identifying-fields", E, "A testimony file holds a contact, or the name of a narrator who is not publish-named.",
         "Testimony files are committed, and git keeps every version for ever. narrator.name and "
         "narrator.contact identify a person: they belong in the encrypted private store "
         "(`hrcli private`), and the file keeps the pseudonym and `narrator.private: true`. Only a "
         "publish-named narrator's name may stay in the file, since the narrator asked to be named; a "
         "contact never. `hrcli private migrate` moves them, keeping the file's comments.\n\n"
         "Fails:  narrator: {pseudonym: Resident A, contact: 555-0142}\n"
         "Passes: narrator: {pseudonym: Resident A, private: true}\n\n"
         "The message never repeats the value."),
    Rule("HR304", "exact-address", E, "A location looks like an exact street address.",
         "location.area is a neighborhood, ward or ZIP code. A street address can identify the narrator; "
         "keep it in the private store (`hrcli private edit ID --set address=...`)."),
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
    # --- private data ----------------------------------------------------------------------------
    Rule("HR601", "private-store-unencrypted", E, "A file in the private store is not encrypted.",
         "Everything in private/ is identifying data and is encrypted with age (`hrcli private`): "
         "private/identities.age and private/files/*/*.age. A plain file there (a CSV of names, a "
         "decrypted copy, a recording, a key) sits in clear inside the project folder, which is "
         "synced, backed up and one `git add -f` away from the repository. Checked with or without git.\n\n"
         "Fix: encrypt it into the store (`hrcli private edit ID --add-file FILE`) and delete the plain "
         "file, or move it out of the project."),
    Rule("HR602", "private-file-tracked", E, "Git tracks (or would add) a private file.",
         "Files in private/, *.key and *.private.* files must never be committed: git keeps every "
         "version for ever, even after the file is deleted. The rule asks `git ls-files` (only when "
         "the project is in a git work tree; without git it is skipped) for such files that are "
         "tracked, or untracked and not ignored (so `git add .` would commit them).\n\n"
         "Fix: `git rm --cached FILE` and add `/private/` to .gitignore (`hrcli init` writes it). A "
         "file that was already committed stays in the history: rewrite it out (git filter-repo) "
         "and rotate the key (`hrcli private rotate-key`)."),
    Rule("HR603", "phone-number", E, "A phone number appears in committed testimony or a section.",
         "Phone numbers identify people. Keep them in the private store (narrator contact). The check "
         "knows the shapes report text is full of (catalog ids like upr-2020:26.125, paragraph "
         "numbers, dates, years and ranges, ZIP codes, amounts, case numbers); a 7-digit local number "
         "counts only after a word like 'call' or 'phone'. The message never repeats the number.\n\n"
         "Fails:  summary: You can call her at (614) 555-0112.\nPasses: summary: Tenants may call the city's 311 line."),
    Rule("HR604", "email-address", E, "An e-mail address appears in committed testimony or a section.",
         "E-mail addresses identify people; keep them in the private store. The coalition's public "
         "contact (contact.email in hrcli.yaml) is allowed, and hrcli.yaml itself is not scanned. The "
         "message never repeats the address."),
    Rule("HR605", "street-address-in-text", E, "A street address appears in committed testimony or a section.",
         "An exact address (1412 Larkspur Ave) can identify a narrator; write the neighborhood, ward or "
         "ZIP code, and keep the address in the private store (`hrcli private edit ID --set "
         "address=...`). location.area has its own rule, HR304. A year after 'in' or 'since' is not "
         "taken for a house number."),
    # --- assessments -----------------------------------------------------------------------------
    Rule("HR701", "unknown-evidence-testimony", E, "An assessment cites testimony that does not exist.",
         "evidence.testimony lists testimony ids of this project (T-0007); a typo would leave the "
         "assessment without the evidence it claims."),
    Rule("HR702", "history-out-of-order", E, "An assessment's history is not in date order.",
         "history lists earlier assessments oldest first, and none is later than `assessed`, so the "
         "change over time reads correctly in the scorecard and the reports."),
    Rule("HR703", "evidence-without-consent", E, "An assessment uses testimony whose consent does not allow it.",
         "Reports show the testimony an assessment rests on. Internal-only and withdrawn testimony, "
         "and for a UN target testimony without consent to share it with the UN, cannot be evidence."),
    Rule("HR704", "assessed-twice", W, "A recommendation is assessed in two files.",
         "Keep one current assessment per recommendation and record earlier ones under `history`, so "
         "the scorecard counts each recommendation once."),
]

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
RULES_BY_NAME: dict[str, Rule] = {rule.name: rule for rule in _RULES}


def find_rule(code_or_name: str) -> Rule | None:
    key = code_or_name.strip()
    return RULES.get(key.upper()) or RULES_BY_NAME.get(key.lower())
