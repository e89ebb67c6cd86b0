#!/usr/bin/env python3
"""Generate a synthetic report project of N testimony files shaped like real ones.

    python benchmarks/generate.py DIR --count 10000 [--seed 1]

Every testimony is fictional and machine-made (pseudonyms like "Resident 0042"), with the fields
real files have: dates, collection, area, narrator groups, consent, themes, recommendation ids
from the bundled catalog, agencies, a summary of a few sentences and sometimes a quote. A few
sections cite some of them. The output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from hrcli.catalog import load_catalog
from hrcli.models.testimony import Testimony
from hrcli.testimony_io import testimony_yaml

AREAS = ["Eastgate", "Mill District", "Ward 4", "North Flats", "Riverside", "Old Town", "Hillcrest", "Ward 2"]
AGENCIES = ["Riverton Police Department", "Riverton Housing Authority", "Riverton County Jail", "Riverton Public Schools",
            "Riverton Water Department", "Riverton Health Department"]
SENTENCES = [
    "The landlord changed the locks while the family was at work.",
    "Officers stopped and searched two teenagers on their way to school.",
    "The heat was off for most of January and the mold came back.",
    "The city opened a legal help desk for tenants facing eviction.",
    "Water was shut off for a family of five over a bill of $212.",
    "The clinic on the east side closed and the bus takes an hour.",
    "A new language access policy put interpreters at the front desk.",
    "Parents said no one explained the suspension in Spanish.",
]
CONFIG = """\
title: Synthetic benchmark project (machine-generated, fictional)
fictional: true
jurisdiction: {city: Riverton, state: OH}
period: {start: 2022-01-01, end: 2025-12-31}
organizations: [{name: Benchmark Coalition}, {name: Second Benchmark Group}]
target: {mechanism: upr, cycle: 4, submission: joint}
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--unlinked", type=float, default=0.0, help="share of testimony with no recommendation")
    args = parser.parse_args()
    generate(args.directory, args.count, args.seed, args.unlinked)


def generate(root: Path, count: int, seed: int = 1, unlinked: float = 0.0) -> Path:
    rng = random.Random(seed)
    catalog = load_catalog()
    ids = sorted(catalog.entries)
    themes = [label for label in catalog.vocabulary.themes.labels][:60]
    groups = catalog.vocabulary.groups.labels
    (root / "testimony").mkdir(parents=True, exist_ok=True)
    (root / "sections").mkdir(exist_ok=True)
    (root / "hrcli.yaml").write_text(CONFIG, encoding="utf-8")
    publishable = []
    for number in range(1, count + 1):
        event = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(1400))
        collected = event + dt.timedelta(days=rng.randrange(1, 60))
        scope = rng.choices(["publish-anonymous", "internal", "publish-named"], [80, 15, 5])[0]
        data = {
            "id": f"T-{number:05d}",
            "title": rng.choice(SENTENCES)[:40],
            "kind": rng.choice(["problem", "problem", "progress"]),
            "date": event,
            "collected": {"on": collected, "by": "Listening session", "method": rng.choice(["interview", "listening-session", "survey"])},
            "location": {"area": rng.choice(AREAS)},
            "narrator": {"pseudonym": f"Resident {number:05d}", "groups": rng.sample(groups, 2)},
            "consent": {"scope": scope, "un_submission": rng.random() < 0.8, "obtained": collected, "method": "verbal"},
            "themes": rng.sample(themes, 2),
            "recommendations": [] if rng.random() < unlinked else rng.sample(ids, rng.randrange(1, 4)),
            "agencies": [rng.choice(AGENCIES)],
            "summary": " ".join(rng.sample(SENTENCES, 3)),
        }
        if rng.random() < 0.3:
            data["quotes"] = [{"text": rng.choice(SENTENCES), "language": "en"}]
        testimony = Testimony.model_validate(data)
        (root / "testimony" / f"{testimony.id}.yaml").write_text(testimony_yaml(testimony), encoding="utf-8")
        if scope == "publish-anonymous" and data["consent"]["un_submission"]:
            publishable.append(testimony.id)
    for index in range(3):
        cited = " ".join(f"[@{tid}]" for tid in publishable[index * 20 : index * 20 + 20])
        (root / "sections" / f"0{index + 1}-section.md").write_text(
            f"# Section {index + 1}\n\nResidents spoke about housing and policing {cited}.\n", encoding="utf-8"
        )
    return root


if __name__ == "__main__":
    main()
