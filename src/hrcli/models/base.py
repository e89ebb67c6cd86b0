"""Base model: unknown keys are errors, so a typo is reported instead of silently ignored."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class HrcliModel(BaseModel):
    """Strict base for every user-facing format."""

    model_config = ConfigDict(
        extra="forbid",
        validate_default=True,
        str_strip_whitespace=True,
        # A ZIP code or a number typed as a title is still text; YAML would make it an int.
        coerce_numbers_to_str=True,
        use_enum_values=False,
    )
