"""Diagnostics: the one type every check produces, the rule registry, and output formats."""

from hrcli.diagnostics.model import Diagnostic, Location, Report, Severity

__all__ = ["Diagnostic", "Location", "Report", "Severity"]
