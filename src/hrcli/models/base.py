"""Base model: unknown keys are errors, so a typo is reported instead of silently ignored."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class HrcliModel(BaseModel):
    """Strict base for every user-facing format."""

    model_config = ConfigDict(
        extra="forbid",
        validate_default=True,
        str_strip_whitespace=True,
        use_enum_values=False,
    )
