"""The Jinja environment that renders report templates to pandoc Markdown.

Every value printed with {{ }} is escaped for Markdown unless it is `Trusted` (Markdown hrcli or
the report's compilers wrote). Why escape by default: testimony and catalog texts are untrusted
and may contain Markdown, HTML, Typst, LaTeX or template syntax; escaping at the single output
point means a template author cannot forget it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, Template, TemplateNotFound, TemplateSyntaxError

from hrcli.exceptions import UserError
from hrcli.render.escape import escape_block, escape_inline
from hrcli.resources import templates_dir

TEMPLATE_SUFFIX = ".md.j2"
BUNDLED = ("city-report", "upr-submission", "treaty-shadow", "brief")


class Trusted(str):
    """Markdown that is printed as is."""


def _finalize(value: Any) -> str:
    if isinstance(value, Trusted):
        return str(value)
    if value is None:
        return ""
    if isinstance(value, bool | int | float):
        return str(value)
    return escape_inline(str(value))


def _block(value: Any) -> Trusted:
    return Trusted(escape_block(str(value or "")))


def _quote(value: Any) -> Trusted:
    """A blockquote of untrusted text, every line prefixed."""
    text = escape_block(str(value or ""))
    return Trusted("\n".join(f"> {line}" if line else ">" for line in text.splitlines()))


def _trusted(value: Any) -> Trusted:
    return Trusted(str(value))


def _demote(value: Any) -> Trusted:
    """Trusted Markdown with every heading one level down (a section's # Title becomes ##)."""
    lines, fenced = [], False
    for line in str(value).splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        lines.append("#" + line if not fenced and line.startswith("#") and line.lstrip("#")[:1] in (" ", "") else line)
    return Trusted("\n".join(lines) + ("\n" if str(value).endswith("\n") else ""))


def _sentence(value: Any) -> Trusted:
    """Untrusted text that ends like a sentence (a period added if it has no final punctuation)."""
    text = str(value or "").rstrip()
    if text and text[-1] not in ".!?;:…”\"')":
        text += "."
    return Trusted(escape_inline(text))


def _number(value: int) -> str:
    return f"{value:,}"


def environment(project_templates: Path | None) -> Environment:
    """Project templates first (they override bundled ones by name), then hrcli's."""
    loaders = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(FileSystemLoader(str(project_templates)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        undefined=StrictUndefined,
        finalize=_finalize,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(block=_block, quote=_quote, trusted=_trusted, number=_number, demote=_demote, sentence=_sentence)
    return env


TEMPLATE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def require_template(env: Environment, name: str) -> Template:
    """The template called ``name``; UserError for a bad name, a missing template or a syntax error.

    Why the name check: template names come from hrcli.yaml too, and become output file names;
    "../x" must not reach the file system.
    """
    hint = f"the bundled templates are {', '.join(BUNDLED)}; a project may add its own in templates/NAME{TEMPLATE_SUFFIX}"
    if not TEMPLATE_NAME.match(name):
        raise UserError(f"{name!r} is not a template name (lower-case letters, digits and '-')", hint=hint)
    try:
        return env.get_template(name + TEMPLATE_SUFFIX)
    except TemplateNotFound:
        raise UserError(f"no template {name!r}", hint=hint) from None
    except TemplateSyntaxError as error:
        raise UserError(f"{error.filename or name}:{error.lineno}: template syntax error: {error.message}") from None


def render(env: Environment, name: str, **context: Any) -> str:
    template = require_template(env, name)
    try:
        return template.render(**context)
    except Exception as error:  # noqa: BLE001 - a broken project template must not show a traceback
        raise UserError(f"template {name!r} failed: {type(error).__name__}: {error}",
                        hint="check the template against the documented variables (templates/README.md)") from None
