"""Submission rules per target, as versioned data (catalog/rule-packs/*.yaml), with source and date."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from hrcli.loaders import fastyaml
from hrcli.resources import catalog_dir


@dataclass(frozen=True)
class RulePack:
    target: str
    name: str
    source: str
    as_of: str
    confidence: str
    word_limits: dict[str, int] = field(default_factory=dict)
    accepted_languages: tuple[str, ...] = ()
    preferred_languages: tuple[str, ...] = ()
    review_window_years: int | None = None
    deadline_months_before_session: int | None = None
    joint_lists_all_organizations: bool = False
    refer_to_earlier_recommendations: bool = False

    @property
    def citation(self) -> str:
        return f"{self.name}, as of {self.as_of} (confidence: {self.confidence})"


@cache
def rule_pack(target: str) -> RulePack:
    data = fastyaml.load((catalog_dir() / "rule-packs" / f"{target}.yaml").read_text(encoding="utf-8"))
    languages = data.get("languages") or {}
    return RulePack(
        target=data["target"],
        name=data["name"],
        source=" ".join(str(data["source"]).split()),
        as_of=str(data["as_of"]),
        confidence=data["confidence"],
        word_limits={str(k): int(v) for k, v in (data.get("word_limits") or {}).items()},
        accepted_languages=tuple(languages.get("accepted") or ()),
        preferred_languages=tuple(languages.get("preferred") or ()),
        review_window_years=data.get("review_window_years"),
        deadline_months_before_session=data.get("deadline_months_before_session"),
        joint_lists_all_organizations=bool(data.get("joint_lists_all_organizations")),
        refer_to_earlier_recommendations=bool(data.get("refer_to_earlier_recommendations")),
    )
