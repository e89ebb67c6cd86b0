"""A small valid project that rule cases start from (each case adds or replaces files)."""

from __future__ import annotations

CONFIG = """\
title: Human rights in Riverton (test project)
fictional: true
jurisdiction:
  city: Riverton
  state: OH
period:
  start: 2022-01-01
  end: 2025-12-31
language: en
organizations:
  - name: Riverton Coalition
target:
  mechanism: upr
  cycle: 4
  submission: individual
"""

TESTIMONY = """\
id: T-0001
title: Locked out by the landlord
kind: problem
date: 2024-02-03
collected:
  on: 2024-03-01
  method: listening-session
location:
  area: Eastgate
narrator:
  pseudonym: Resident A
consent:
  scope: publish-anonymous
  un_submission: true
  obtained: 2024-03-01
themes:
  - Right to adequate housing
recommendations:
  - upr-2020:26.286
summary: The landlord changed the locks while the family was at work.
"""

SECTION = """\
# Housing

Families were locked out of their homes [@T-0001], although the United States supported
reducing homelessness [@upr-2020:26.286].
"""

FILES = {
    "hrcli.yaml": CONFIG,
    "testimony/T-0001.yaml": TESTIMONY,
    "sections/01-housing.md": SECTION,
}

TODAY = "2026-01-15"
