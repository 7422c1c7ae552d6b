"""Machine output: the JSON contract other tools read. Add fields, never rename."""

from __future__ import annotations

import json
from typing import Any

from briefcheck import __version__
from briefcheck.report import FileResult


def as_data(results: list[FileResult]) -> dict[str, Any]:
    files: list[dict[str, Any]] = []
    for r in results:
        entry: dict[str, Any] = {"path": r.path}
        if r.error:
            entry["error"] = r.error
        else:
            entry["diagnostics"] = [f.to_dict() for f in r.findings]
        entry.update(r.extra)
        files.append(entry)
    return {"briefcheck": __version__, "files": files}


def render(results: list[FileResult]) -> str:
    return json.dumps(as_data(results), indent=2, ensure_ascii=False)
