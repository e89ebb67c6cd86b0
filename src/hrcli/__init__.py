"""hrcli: from local human-rights testimony to reports linked to UN recommendations."""

__version__ = "0.1.0"

__all__ = ["__version__"]
