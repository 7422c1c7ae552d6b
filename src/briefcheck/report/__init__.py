"""Output formats. Each module turns FileResults into text; none of them lints."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefcheck.findings import Finding


@dataclass
class FileResult:
    path: str  # as the user gave it
    findings: list[Finding] = field(default_factory=list)
    source: str | None = None
    error: str | None = None  # the file could not be linted, and why
    skipped: bool = False  # a warning, not an error (binary files)
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. "score", added by other features
