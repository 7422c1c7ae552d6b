"""Machine output: the JSON contract other tools read. Add fields, never rename."""

from __future__ import annotations

import json
from typing import Any

from briefcheck import __version__
from briefcheck.report import FileResult


def as_data(results: list[FileResult], pipeline: str | None = None) -> dict[str, Any]:
    """``pipeline`` names what ran: "rules", or a trained pipeline and its version."""
    files: list[dict[str, Any]] = []
    for r in results:
        entry: dict[str, Any] = {"path": r.path}
        if r.error:
            entry["error"] = r.error
        else:
            entry["diagnostics"] = [f.to_dict() for f in r.findings]
        entry.update(r.extra)
        files.append(entry)
    data: dict[str, Any] = {"briefcheck": __version__}
    if pipeline is not None:
        data["pipeline"] = pipeline
    data["files"] = files
    return data


def render(results: list[FileResult], pipeline: str | None = None) -> str:
    # Compact, as textlint's and ESLint's JSON: this output is for programs
    # (jq pretty-prints it for people), and indenting a large batch's report
    # took four times as long as writing it.
    return json.dumps(as_data(results, pipeline), ensure_ascii=False, separators=(",", ":"))
