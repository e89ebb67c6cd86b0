"""Creating a report project (`hrcli init`): the files, their content, and safe writing."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

from hrcli import __version__
from hrcli.exceptions import UserError
from hrcli.fsutil import write_new
from hrcli.models.project import SubmissionType, TargetMechanism
from hrcli.project import CONFIG_NAME

# Folders of a project; identifying material lives in private/, which git never sees.
FOLDERS = ("testimony", "sections", "catalog", "evidence", "assessments")
PRIVATE_FOLDER = "private"


def _years_ago(years: int) -> dt.date:
    """The same day some years back (UPR submissions cover the 4 years since the last review)."""
    today = dt.date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28) if today.month == 2 else today.day)


@dataclass
class ProjectAnswers:
    """What `hrcli init` asks for."""

    city: str
    state: str
    title: str | None = None
    organization: str = "Our coalition"
    organization_type: str = "coalition"
    contact_email: str | None = None
    mechanism: TargetMechanism = TargetMechanism.UPR
    cycle: int | None = 4
    submission: SubmissionType = SubmissionType.INDIVIDUAL
    period_start: dt.date = field(default_factory=lambda: _years_ago(4))
    period_end: dt.date = field(default_factory=dt.date.today)
    language: str = "en"

    @property
    def report_title(self) -> str:
        return self.title or f"Human rights in {self.city}, {self.state}"


def _q(value: object) -> str:
    """A YAML scalar for any user-typed value: JSON strings are valid YAML and quote everything."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else str(value)


def config_text(answers: ProjectAnswers) -> str:
    cycle = str(answers.cycle) if answers.cycle is not None else "null"
    email = _q(answers.contact_email) if answers.contact_email else "null"
    return f"""\
# yaml-language-server: $schema=schema/project.schema.json
# Report configuration for hrcli ({__version__}). `hrcli check` validates this file.
title: {_q(answers.report_title)}
jurisdiction:
  city: {_q(answers.city)}
  state: {_q(answers.state)}
  country: "United States of America"
period:               # the years the report covers (UPR: at most the 4 years since the last review)
  start: {answers.period_start.isoformat()}
  end: {answers.period_end.isoformat()}
language: {_q(answers.language)}
organizations:        # every submitting organization (joint submissions list them all)
  - name: {_q(answers.organization)}
    type: {_q(answers.organization_type)}
    description: null
contact:              # the coalition's public contact, printed on briefs; never a narrator's
  email: {email}
target:
  mechanism: {answers.mechanism.value}     # upr | cerd | ccpr | cat | local
  cycle: {cycle}
  submission: {answers.submission.value}   # individual | joint
  session_date: null  # opening day of the review session, for deadline checks
outputs:
  formats: [md, html, docx, pdf]
  templates: [city-report]
catalog:
  folder: catalog     # this project's own catalog files (local ordinances, other UN documents)
rules: {{}}            # severity per check rule, e.g. {{HR403: error}}
"""


GITIGNORE = """\
# Identifying data about people who testify never goes into git.
/private/
*.private.*
*.key
# Consent forms and recordings stay out of git even if dropped into evidence/ by mistake.
/evidence/**/*.wav
/evidence/**/*.mp3
/evidence/**/*.m4a
# Build outputs and caches.
/output/
/.hrcli-cache/
"""

PRE_COMMIT = """\
# Runs `hrcli check` on every commit (https://pre-commit.com). Install: pip install pre-commit &&
# pre-commit install. hrcli must be installed in the environment that runs git.
repos:
  - repo: local
    hooks:
      - id: hrcli-check
        name: hrcli check
        entry: hrcli check
        language: system
        pass_filenames: false   # checks the whole project: references cross files
        files: '^(hrcli\\.yaml|testimony/|sections/|catalog/|assessments/)'
      # A private file staged by mistake (git add -f) is checked afresh, never from the cache.
      - id: hrcli-private
        name: hrcli check (private files)
        entry: hrcli check --no-cache
        language: system
        pass_filenames: false
        files: '(^private/|\\.key$|\\.private\\.)'
"""

WORKFLOW = f"""\
# Checks the report project on every push and pull request; problems show up as annotations.
name: hrcli check
on: [push, pull_request]
permissions:
  contents: read
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      # Pinned: CI runs exactly the hrcli this project was made with; raise it deliberately.
      - run: pip install "hrcli=={__version__}"
      - run: hrcli check --format github
"""

INTRODUCTION = """\
# Introduction

Write the report's narrative here, one Markdown file per section, in the order of their names.
Cite testimony as `[@T-0001]` and UN recommendations as `[@upr-2020:26.125]`; `hrcli compile` turns
them into quotations and footnotes, and `hrcli check` makes sure they exist and that consent
allows them.
"""


def readme_text(answers: ProjectAnswers) -> str:
    return f"""\
# {answers.report_title}

A human-rights report project made with hrcli.

- `hrcli.yaml`: what the report is, who submits it, and to whom.
- `testimony/`: one YAML file per testimony (`hrcli collect new`), or CSV files for bulk work;
  imports from KoboToolbox/ODK with `hrcli collect import`.
- `sections/`: the narrative, in Markdown.
- `catalog/`: documents of our own (local ordinances, UN documents hrcli does not bundle).
- `evidence/`: documents and data that back up testimony.
- `private/`: identifying data about the people who testify (names, contacts, addresses, notes,
  recordings), encrypted (`hrcli private`). **Never commit it**; `.gitignore` keeps it out of git.
  The key comes from `HRCLI_PRIVATE_KEY` (make one with `hrcli private keygen` and keep it in the
  coalition's password manager, never in this folder). Testimony files keep only the pseudonym and
  `narrator.private: true`.

Check everything with `hrcli check`; build the report with `hrcli compile`.
"""


def plan_files(answers: ProjectAnswers) -> dict[str, str]:
    """Relative path -> content of every file `hrcli init` writes."""
    files = {
        CONFIG_NAME: config_text(answers),
        ".gitignore": GITIGNORE,
        ".pre-commit-config.yaml": PRE_COMMIT,
        ".github/workflows/hrcli.yml": WORKFLOW,
        "README.md": readme_text(answers),
        "sections/01-introduction.md": INTRODUCTION,
    }
    from hrcli.schema import schema_text

    # Local copies, so editors validate offline (see the modelines at the top of each file).
    files["schema/testimony.schema.json"] = schema_text("testimony")
    files["schema/project.schema.json"] = schema_text("project")
    files["schema/assessment.schema.json"] = schema_text("assessment")
    for folder in FOLDERS:
        if not any(path.startswith(folder + "/") for path in files):
            files[f"{folder}/.gitkeep"] = ""
    return files


def _validate_config(text: str) -> None:
    """Refuse answers that would make an invalid hrcli.yaml (an empty city, a period backwards)."""
    from pydantic import ValidationError

    from hrcli.loaders import fastyaml
    from hrcli.models.project import ProjectConfig

    try:
        ProjectConfig.model_validate(fastyaml.load(text))
    except ValidationError as error:
        item = error.errors()[0]
        field = ".".join(str(part) for part in item["loc"])
        raise UserError(f"{field}: {item['msg'].removeprefix('Value error, ')}", hint="nothing was written; fix the answer and run init again") from None


def create_project(directory: Path, answers: ProjectAnswers) -> list[Path]:
    """Create a project in ``directory``. Refuses if it is a project or any file would be replaced."""
    if (directory / CONFIG_NAME).exists():
        raise UserError(
            f"{directory} is already an hrcli project ({CONFIG_NAME} exists)",
            hint="hrcli init never touches an existing project; choose a new folder",
        )
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory} exists and is not a folder")
    files = plan_files(answers)
    _validate_config(files[CONFIG_NAME])
    clashes = [name for name in files if (directory / name).exists()]
    if clashes:
        raise UserError(
            f"{directory} already has {', '.join(clashes)}",
            hint="hrcli init never overwrites files; use an empty or new folder",
        )
    written = []
    for name, content in files.items():
        target = directory / name
        write_new(target, content)
        written.append(target)
    return written
