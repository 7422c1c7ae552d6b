"""What the engine produces: findings with exact source positions."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one document.

    ``start``/``end`` are code-point offsets into the source text (end exclusive).
    ``line``/``column``/``end_line``/``end_column`` are 1-based and counted in code
    points; ``end_column`` is exclusive. They are filled in by the engine from
    ``start``/``end`` with the document's LineIndex, so every face agrees.
    """

    rule: str
    category: str
    severity: Severity
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    replacement: str | None = None
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "category": self.category,
            "severity": str(self.severity),
            "message": self.message,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "text": self.text,
        }
        if self.replacement is not None:
            out["replacement"] = self.replacement
        return out

    def __reduce__(self) -> tuple[type[Finding], tuple[Any, ...]]:
        # Findings come back from worker processes and from the result cache as
        # pickles. By default a frozen, slotted dataclass is rebuilt through a
        # generic hook that sets one field at a time: calling the constructor
        # with the fields in order loads four times faster.
        return (Finding, tuple(getattr(self, name) for name in _FIELD_NAMES))


_FIELD_NAMES = tuple(f.name for f in fields(Finding))
