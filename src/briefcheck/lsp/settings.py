"""Editor settings: the "briefcheck" section an LSP client sends.

They arrive in initializationOptions, in workspace/configuration answers and in
workspace/didChangeConfiguration pushes. Values that are missing or invalid
keep their previous value; each invalid value is reported once as a problem.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from briefcheck.rulepack import AUDIENCES, KINDS

SECTION = "briefcheck"
DEFAULT_DEBOUNCE_MS = 250
MAX_DEBOUNCE_MS = 10_000


@dataclass(frozen=True)
class Settings:
    enable: bool = True
    audience: str | None = None  # None: whatever the config files say
    kind: str | None = None
    debounce_ms: int = DEFAULT_DEBOUNCE_MS

    def merged(self, raw: Any) -> tuple[Settings, list[str]]:
        """These settings updated from a client's object; also the problems found."""
        section = section_of(raw)
        if section is None:
            return self, []
        changes: dict[str, Any] = {}
        problems: list[str] = []
        if "enable" in section:
            if isinstance(section["enable"], bool):
                changes["enable"] = section["enable"]
            else:
                problems.append(
                    f"briefcheck.enable must be true or false, not {section['enable']!r}"
                )
        for key, allowed in (("audience", AUDIENCES), ("kind", KINDS)):
            if key in section:
                value = section[key]
                if value is None or value in allowed:
                    changes[key] = value
                else:
                    choices = ", ".join(allowed)
                    problems.append(f"briefcheck.{key} must be one of {choices}, not {value!r}")
        if "debounceMs" in section:
            value = section["debounceMs"]
            if isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
                changes["debounce_ms"] = min(int(value), MAX_DEBOUNCE_MS)
            else:
                problems.append(f"briefcheck.debounceMs must be a number >= 0, not {value!r}")
        return replace(self, **changes), problems

    def flags(self) -> dict[str, str]:
        """The settings that choose which rules apply, as ConfigResolver flags."""
        return {k: v for k, v in (("audience", self.audience), ("kind", self.kind)) if v}


def section_of(raw: Any) -> dict[str, Any] | None:
    """The settings object, whether sent bare or wrapped as {"briefcheck": {...}}."""
    if not isinstance(raw, dict):
        return None
    inner = raw.get(SECTION)
    return inner if isinstance(inner, dict) else raw
