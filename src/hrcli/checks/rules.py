"""Rules over a loaded project: references, consent and safety, submission rules, dates.

Each rule is a function ``(context) -> Iterable[Diagnostic]``; `run_rules` calls them all.
Messages never contain a narrator's name or contact, only where and what kind of value is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from hrcli.catalog.store import Catalog
from hrcli.checks.load import LoadedProject, TestimonyEntry, diagnostic, shown, today
from hrcli.checks.rulepacks import RulePack, rule_pack
from hrcli.diagnostics.model import Diagnostic, Location
from hrcli.models.enums import ConsentScope, SubmissionType, TargetMechanism
from hrcli.models.testimony import Testimony

# Pandoc-style citations: [@T-0007], [@upr-2020:26.125; @ccpr-2014:22(e), p. 3], [see @T-0001].
CITATION_BLOCK = re.compile(r"\[[^\[\]]*?@[^\[\]]*\]")
CITATION_KEY = re.compile(r"(?<![\w.])@([A-Za-z][\w.:/-]*(?:\([a-z]{1,3}\))?)")
TESTIMONY_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9]*-[0-9]{4,}$")
WORD = re.compile(r"[\w’'-]+", re.UNICODE)
UN_TARGETS = {TargetMechanism.UPR, TargetMechanism.CCPR, TargetMechanism.CERD, TargetMechanism.CAT}


@dataclass
class Context:
    project: LoadedProject
    catalog: Catalog
    today: dt.date

    @cached_property
    def by_id(self) -> dict[str, TestimonyEntry]:
        found: dict[str, TestimonyEntry] = {}
        for entry in self.project.testimonies:
            found.setdefault(entry.testimony.id, entry)
        return found

    @property
    def target(self) -> TargetMechanism | None:
        return self.project.config.target.mechanism if self.project.config else None

    @cached_property
    def pack(self) -> RulePack | None:
        return rule_pack(self.target.value) if self.target else None

    def at(self, entry: TestimonyEntry, *loc: int | str, key: bool = False) -> Location:
        return self.project.position(entry, loc, key=key)


CODE = re.compile(r"```.*?```|~~~.*?~~~|`[^`\n]*`", re.S)


def citations(text: str) -> Iterator[tuple[str, int, int]]:
    """(key, line, column) of every citation key in a Markdown text, 1-based; code is not scanned."""
    line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
    # Blank out code with same-length filler so offsets, and so lines and columns, stay true.
    text = CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    for block in CITATION_BLOCK.finditer(text):
        for key in CITATION_KEY.finditer(block.group(0)):
            offset = block.start() + key.start()
            line = _line_of(line_starts, offset)
            yield key.group(1).rstrip(".,;"), line + 1, offset - line_starts[line] + 1


def _line_of(line_starts: list[int], offset: int) -> int:
    low, high = 0, len(line_starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if line_starts[middle] <= offset:
            low = middle
        else:
            high = middle - 1
    return low


# --- references ------------------------------------------------------------------------------


def duplicate_ids(ctx: Context) -> Iterable[Diagnostic]:
    first: dict[str, TestimonyEntry] = {}
    for entry in ctx.project.testimonies:
        tid = entry.testimony.id
        if tid in first:
            other = first[tid]
            where = other.path + (f" (line {other.row_line})" if other.row_line else "")
            yield diagnostic("HR201", f"testimony id {tid!r} is also used by {where}", ctx.at(entry, "id"),
                             pointer="id", hint="give this testimony a new id")
        else:
            first[tid] = entry


def catalog_references(ctx: Context) -> Iterable[Diagnostic]:
    themes, groups = ctx.catalog.vocabulary.themes, ctx.catalog.vocabulary.groups
    for entry in ctx.project.testimonies:
        t = entry.testimony
        for index, reference in enumerate(t.recommendations):
            if ctx.catalog.get(reference) is None:
                close = ctx.catalog.suggest_ids(reference)
                yield diagnostic("HR202", f"unknown recommendation {shown(reference)}", ctx.at(entry, "recommendations", index),
                                 pointer=f"recommendations[{index}]",
                                 hint=f"did you mean {', '.join(close)}?" if close else "find ids with `hrcli catalog search`")
        for index, theme in enumerate(t.themes):
            if themes.resolve(theme) is None:
                close = themes.suggest(theme)
                yield diagnostic("HR203", f"unknown theme {shown(theme)}", ctx.at(entry, "themes", index), pointer=f"themes[{index}]",
                                 hint=f"did you mean {' or '.join(repr(c) for c in close)}?" if close else "see `hrcli catalog themes`")
        for index, group in enumerate(t.narrator.groups):
            if groups.resolve(group) is None:
                close = groups.suggest(group)
                yield diagnostic("HR204", f"unknown group {shown(group)}", ctx.at(entry, "narrator", "groups", index),
                                 pointer=f"narrator.groups[{index}]",
                                 hint=f"did you mean {' or '.join(repr(c) for c in close)}?" if close else None)
        if not t.recommendations:
            yield diagnostic("HR208", f"testimony {t.id} is linked to no UN recommendation", ctx.at(entry, "id"),
                             pointer="recommendations", hint=f"find candidates with `hrcli catalog search`")


def evidence_paths(ctx: Context) -> Iterable[Diagnostic]:
    root = ctx.project.root.resolve()
    for entry in ctx.project.testimonies:
        for index, item in enumerate(entry.testimony.evidence):
            if item.path is None:
                continue
            target = (root / item.path).resolve()
            location = ctx.at(entry, "evidence", index, "path")
            if Path(item.path).is_absolute() or not target.is_relative_to(root):
                yield diagnostic("HR207", "the evidence path leads outside the project", location,
                                 pointer=f"evidence[{index}].path", hint="copy the file into evidence/ and point there")
            elif not target.is_file():
                yield diagnostic("HR206", f"evidence file {shown(item.path)} does not exist", location,
                                 pointer=f"evidence[{index}].path", hint="check the spelling, or add the file")


def section_citations(ctx: Context) -> Iterable[Diagnostic]:
    un_target = ctx.target in UN_TARGETS
    for rel, text in ctx.project.sections:
        for key, line, column in citations(text):
            location = Location(rel, line, column)
            if TESTIMONY_KEY.match(key):
                entry = ctx.by_id.get(key)
                if entry is None:
                    yield diagnostic("HR205", f"cited testimony {key!r} does not exist", location,
                                     hint="check the id; `hrcli collect new` writes new testimony")
                    continue
                consent = entry.testimony.consent
                if not consent.publishable:
                    why = "its consent was withdrawn" if consent.withdrawn else "its consent is internal only"
                    yield diagnostic("HR301", f"testimony {key} is cited but {why}", location,
                                     hint="remove the citation; only record new consent if the narrator gives it")
                elif un_target and not consent.un_submission:
                    yield diagnostic("HR301", f"testimony {key} is cited in a UN submission without consent to share it with the UN",
                                     location, hint="remove the citation, or record the narrator's consent (consent.un_submission: true)")
            elif ctx.catalog.get(key) is None:
                close = ctx.catalog.suggest_ids(key)
                yield diagnostic("HR205", f"cited recommendation {shown(key)} is not in the catalog", location,
                                 hint=f"did you mean {', '.join(close)}?" if close else "find ids with `hrcli catalog search`")


# --- consent and safety ----------------------------------------------------------------------


POSSESSIVE = re.compile(r"['’]s$")


def _tokens(text: str) -> list[tuple[str, int]]:
    """Words, case-folded, with a possessive 's dropped ("Roe's" is "roe"), and their offsets."""
    return [(POSSESSIVE.sub("", m.group(0).casefold()), m.start()) for m in WORD.finditer(text)]


def find_phrases(text: str, phrases: dict[tuple[str, ...], list[str]], lengths: set[int]) -> Iterator[tuple[int, list[str]]]:
    """(offset, owners) of every occurrence of a known word sequence in text."""
    tokens = _tokens(text)
    words = [t for t, _ in tokens]
    for index in range(len(words)):
        for size in lengths:
            if index + size > len(words):
                continue
            owners = phrases.get(tuple(words[index : index + size]))
            if owners:
                yield tokens[index][1], owners


def add_phrase(phrases: dict[tuple[str, ...], list[str]], value: str, owner: str, *, short_ok: bool = False) -> None:
    """Index a value's words; a one-word name shorter than 4 letters would match everyday words."""
    words = tuple(w for w, _ in _tokens(value))
    if len(words) >= 2 or (words and (short_ok or len(words[0]) >= 4)):
        phrases.setdefault(words, []).append(owner)


MIGRATE_HINT = "move it to the private store with `hrcli private migrate` (it keeps the file's comments)"


def identities(ctx: Context) -> Iterable[Diagnostic]:
    """Names of narrators who are not publish-named, and every contact, must not appear in text.

    The values come from the testimony files and, when a key is configured, from the private
    store too (without the key, check cannot know them). Identifying fields in a testimony file
    are HR303.
    """
    from hrcli.private.lookup import configured_records

    phrases: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for entry in ctx.project.testimonies:
        t = entry.testimony
        named = t.consent.effective_scope is ConsentScope.PUBLISH_NAMED
        if t.narrator.name and not named:
            add_phrase(phrases, t.narrator.name, t.id)
            yield diagnostic("HR303", "a narrator's name is in this committed file, and the testimony is not publish-named",
                             ctx.at(entry, "narrator", "name", key=True), pointer="narrator.name", hint=MIGRATE_HINT)
        if t.narrator.contact:
            add_phrase(phrases, t.narrator.contact, t.id, short_ok=True)
            yield diagnostic("HR303", "a narrator's contact is in this committed file",
                             ctx.at(entry, "narrator", "contact", key=True), pointer="narrator.contact", hint=MIGRATE_HINT)
    for testimony_id, record in (configured_records(ctx.project.root) or {}).items():
        entry = ctx.by_id.get(testimony_id)
        named = entry is not None and entry.testimony.consent.effective_scope is ConsentScope.PUBLISH_NAMED
        if record.name and not named:
            add_phrase(phrases, record.name, testimony_id)
        for value in (record.contact, record.address):
            if value:
                add_phrase(phrases, value, testimony_id, short_ok=True)
    if not phrases:
        return
    lengths = {len(p) for p in phrases}

    def what(owners: list[str]) -> str:
        return ", ".join(sorted(set(owners)))

    for rel, text in ctx.project.sections:
        line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        for offset, owners in find_phrases(text, phrases, lengths):
            line = _line_of(line_starts, offset)
            yield diagnostic("HR302", f"the name or contact of the narrator of {what(owners)} appears here",
                             Location(rel, line + 1, offset - line_starts[line] + 1),
                             hint="remove it: the narrator did not consent to be identified")
    for entry in ctx.project.testimonies:
        t = entry.testimony
        for loc, text in _text_fields(t):
            if not text:
                continue
            for _, owners in find_phrases(text, phrases, lengths):
                yield diagnostic("HR302", f"the name or contact of the narrator of {what(owners)} appears in this text",
                                 ctx.at(entry, *loc), pointer=".".join(str(p) for p in loc),
                                 hint="replace it with the pseudonym")
                break


def addresses(ctx: Context) -> Iterable[Diagnostic]:
    from hrcli.private.patterns import street_addresses

    for entry in ctx.project.testimonies:
        area = entry.testimony.location.area
        if area and next(street_addresses(area), None) is not None:
            yield diagnostic("HR304", "the location looks like a street address", ctx.at(entry, "location", "area"),
                             pointer="location.area", hint="give the neighborhood, ward or ZIP code instead")


# --- private data ----------------------------------------------------------------------------


def _text_fields(t: Testimony) -> list[tuple[tuple[int | str, ...], str | None]]:
    """Every free-text field of a testimony (not narrator.name and .contact: those are HR303)."""
    fields: list[tuple[tuple[int | str, ...], str | None]] = [
        (("title",), t.title), (("summary",), t.summary), (("narrator", "pseudonym"), t.narrator.pseudonym),
        (("collected", "by"), t.collected.by), (("location", "area"), t.location.area),
    ]
    fields += [(("quotes", i, "text"), q.text) for i, q in enumerate(t.quotes)]
    fields += [(("quotes", i, "translation"), q.translation) for i, q in enumerate(t.quotes)]
    fields += [(("agencies", i), a) for i, a in enumerate(t.agencies)]
    fields += [(("evidence", i, "description"), e.description) for i, e in enumerate(t.evidence)]
    return fields


CONTACT_HINTS = {
    "HR603": "remove it; a narrator's phone number belongs in the private store (`hrcli private edit ID --set contact=...`)",
    "HR604": "remove it; a narrator's e-mail belongs in the private store (`hrcli private edit ID --set contact=...`)",
    "HR605": "write the neighborhood, ward or ZIP code; an exact address belongs in the private store",
}


DIGIT_OR_AT = re.compile(r"[0-9@]")


def contact_details(ctx: Context) -> Iterable[Diagnostic]:
    """Phone numbers, e-mail addresses and street addresses in committed testimony and sections.

    Messages say what kind of value is where, never the value.
    """
    from hrcli.private.patterns import email_addresses, phone_numbers, street_addresses

    config = ctx.project.config
    public = {config.contact.email.lower()} if config and config.contact.email else set()
    finders: list[tuple[str, str, Callable[[str], Iterator[int]]]] = [
        ("HR603", "a phone number", phone_numbers),
        ("HR604", "an e-mail address", lambda text: email_addresses(text, public)),
        ("HR605", "a street address", street_addresses),
    ]
    for entry in ctx.project.testimonies:
        for loc, text in _text_fields(entry.testimony):
            # Every kind needs a digit or an "@": most texts are answered by one quick search.
            if not text or not DIGIT_OR_AT.search(text):
                continue
            for code, what, find in finders:
                if code == "HR605" and loc == ("location", "area"):
                    continue  # HR304
                if next(iter(find(text)), None) is not None:
                    pointer = "".join(f"[{p}]" if isinstance(p, int) else ("." if i else "") + p for i, p in enumerate(loc))
                    yield diagnostic(code, f"{what} appears in {pointer}", ctx.at(entry, *loc), pointer=pointer,
                                     hint=CONTACT_HINTS[code])
    for rel, text in ctx.project.sections:
        # Citation keys (@upr-2020:26.125) are not text: blank the keys only, keeping offsets, so a
        # phone number written inside brackets next to a key is still found.
        scanned = CITATION_BLOCK.sub(lambda block: CITATION_KEY.sub(lambda key: " " * len(key.group(0)), block.group(0)), text)
        line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        for code, what, find in finders:
            for offset in find(scanned):
                line = _line_of(line_starts, offset)
                yield diagnostic(code, f"{what} appears here", Location(rel, line + 1, offset - line_starts[line] + 1),
                                 hint=CONTACT_HINTS[code])


def private_store(ctx: Context) -> Iterable[Diagnostic]:
    """Plain files in private/ (HR601), and private files that git tracks or would add (HR602)."""
    from hrcli.private.git import private_files_in_git
    from hrcli.private.store import GITIGNORE, README, STORE_FOLDER, is_age_file

    root = ctx.project.root
    folder = root / STORE_FOLDER
    if folder.is_dir():
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if path.parent == folder and path.name in (".gitignore", README) and path.stat().st_size <= len(GITIGNORE) * 8:
                continue
            if not is_age_file(path):
                yield diagnostic("HR601", "this file in the private store is not encrypted", Location(path.relative_to(root).as_posix()),
                                 hint="encrypt it into the store (`hrcli private edit ID --add-file FILE`) and delete it, "
                                      "or move it out of the project")
    for relative, tracked in private_files_in_git(root) or []:
        if tracked:
            yield diagnostic("HR602", "git tracks this private file", Location(relative),
                             hint="`git rm --cached` it and keep /private/ in .gitignore; if it was ever committed, "
                                  "rewrite it out of the history and run `hrcli private rotate-key`")
        else:
            yield diagnostic("HR602", "git would commit this private file: it is not ignored", Location(relative),
                             hint="add /private/ (and *.key) to the project's .gitignore")


# --- submission rules ------------------------------------------------------------------------

MARKDOWN_NOISE = re.compile(r"!\[[^\]]*\]\([^)]*\)|<!--.*?-->|\(https?://[^)]*\)", re.S)


def word_count(markdown: str) -> int:
    """Words as a reader counts them: citation keys, images, links' addresses, Markdown syntax and
    escapes left out. The same count serves check (sections, HR401) and compile (the whole text)."""
    text = CITATION_BLOCK.sub(lambda block: CITATION_KEY.sub(" ", block.group(0)), markdown)
    text = MARKDOWN_NOISE.sub(" ", text)
    text = re.sub(r"\\(.)", r"\1", text)
    text = re.sub(r"[#*_>|`^\[\]]", " ", text)
    return len([w for w in WORD.findall(text) if any(c.isalnum() for c in w)])


def submission_rules(ctx: Context) -> Iterable[Diagnostic]:
    config, pack = ctx.project.config, ctx.pack
    if config is None or pack is None:
        return
    config_at = ctx.project.locator.position
    submission = config.target.submission.value
    limit = pack.word_limits.get(submission)
    words = sum(word_count(text) for _, text in ctx.project.sections)
    if limit is not None and words > limit:
        yield diagnostic("HR401", f"the sections alone have {words:,} words; the limit for a {submission} {pack.target.upper()} "
                         f"submission is {limit:,}", Location("sections"),
                         hint=f"shorten the sections (source: {pack.citation})")
    if config.target.submission is SubmissionType.JOINT and pack.joint_lists_all_organizations and len(config.organizations) < 2:
        yield diagnostic("HR402", "a joint submission lists only one organization",
                         Location("hrcli.yaml", *config_at("hrcli.yaml", ("organizations",))),
                         pointer="organizations", hint="list every submitting organization, or make it an individual submission")
    if ctx.target in UN_TARGETS:
        country = config.jurisdiction.country
        countries = {doc.country for doc in ctx.catalog.documents if doc.mechanism.value != "local"}
        if country not in countries:
            yield diagnostic("HR403", f"the report's country {country!r} is not the catalog's ({', '.join(sorted(countries))})",
                             Location("hrcli.yaml", *config_at("hrcli.yaml", ("jurisdiction", "country"))), pointer="jurisdiction.country")
    language = config.language.split("-")[0].lower()
    if pack.accepted_languages and language not in pack.accepted_languages:
        yield diagnostic("HR404", f"{config.language!r} is not a language the {pack.target.upper()} accepts",
                         Location("hrcli.yaml", *config_at("hrcli.yaml", ("language",))), pointer="language",
                         hint=f"use one of {', '.join(pack.preferred_languages or pack.accepted_languages)}")
    years = pack.review_window_years
    if years and (config.period.end - config.period.start).days > years * 366:
        yield diagnostic("HR405", f"the period covered is longer than the {years} years a {pack.target.upper()} submission covers",
                         Location("hrcli.yaml", *config_at("hrcli.yaml", ("period",))), pointer="period")
    months = pack.deadline_months_before_session
    session = config.target.session_date
    if months and session:
        deadline = _months_before(session, months)
        if ctx.today >= deadline:
            yield diagnostic("HR406", f"submissions for the session of {session.isoformat()} are usually due by about "
                             f"{deadline.isoformat()} ({months} months before)",
                             Location("hrcli.yaml", *config_at("hrcli.yaml", ("target", "session_date"))), pointer="target.session_date",
                             hint="check the deadline in the session's information note")
    if pack.refer_to_earlier_recommendations and ctx.target in UN_TARGETS:
        cited = any(e.testimony.recommendations for e in ctx.project.testimonies) or any(
            not TESTIMONY_KEY.match(key) for _, text in ctx.project.sections for key, _, _ in citations(text)
        )
        if not cited:
            yield diagnostic("HR407", "no testimony or section refers to an earlier UN recommendation", Location("hrcli.yaml"),
                             hint="link testimony to catalog ids (recommendations:) or cite them in sections")


def _months_before(day: dt.date, months: int) -> dt.date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return dt.date(year, month, min(day.day, 28))


# --- dates -------------------------------------------------------------------------------------


def dates(ctx: Context) -> Iterable[Diagnostic]:
    period = ctx.project.config.period if ctx.project.config else None
    for entry in ctx.project.testimonies:
        t = entry.testimony
        checks: list[tuple[tuple[int | str, ...], dt.date | None]] = [
            (("date",), t.date), (("collected", "on"), t.collected.on),
            (("consent", "obtained"), t.consent.obtained), (("consent", "withdrawn"), t.consent.withdrawn),
        ]
        if t.period:
            checks += [(("period", "start"), t.period.start), (("period", "end"), t.period.end)]
        for loc, day in checks:
            if day is not None and day > ctx.today:
                yield diagnostic("HR501", f"{day.isoformat()} is in the future", ctx.at(entry, *loc), pointer=".".join(map(str, loc)))
        happened = t.date or (t.period.start if t.period else None)
        if happened and t.collected.on < happened:
            yield diagnostic("HR503", f"collected on {t.collected.on.isoformat()}, before the event ({happened.isoformat()})",
                             ctx.at(entry, "collected", "on"), pointer="collected.on")
        if period and happened:
            ended = t.period.end if t.period and t.period.end else happened
            if ended < period.start or happened > period.end:
                yield diagnostic("HR502", f"the event ({happened.isoformat()}) is outside the period the report covers "
                                 f"({period.start.isoformat()} to {period.end.isoformat()})",
                                 ctx.at(entry, "period" if t.period else "date"), pointer="period" if t.period else "date")


def assessments(ctx: Context) -> Iterable[Diagnostic]:
    from hrcli.checks.assessments import assessment_rules

    return assessment_rules(ctx.project, ctx.project.assessments, ctx.catalog, ctx.target in UN_TARGETS)


RULE_FUNCTIONS: list[Callable[[Context], Iterable[Diagnostic]]] = [
    duplicate_ids,
    catalog_references,
    evidence_paths,
    section_citations,
    identities,
    addresses,
    contact_details,
    private_store,
    submission_rules,
    dates,
    assessments,
]


def run_rules(project: LoadedProject, catalog: Catalog, day: dt.date | None = None) -> list[Diagnostic]:
    ctx = Context(project, catalog, day or today())
    found: list[Diagnostic] = []
    for rule in RULE_FUNCTIONS:
        found.extend(rule(ctx))
    return found
