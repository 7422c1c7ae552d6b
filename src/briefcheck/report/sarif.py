"""SARIF 2.1.0: what GitHub code scanning and other SARIF viewers ingest.

Columns are given in UTF-16 code units and ``run.columnKind`` says so. Most
SARIF consumers (GitHub, the VS Code viewer) are JavaScript and count columns in
UTF-16 whatever the log says, so converting keeps an emoji or a rare CJK
character before a finding from shifting every marker after it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from briefcheck import __version__
from briefcheck.findings import Finding, Severity
from briefcheck.positions import LineIndex
from briefcheck.report import FileResult
from briefcheck.rulepack import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
INFORMATION_URI = "https://pypi.org/project/briefcheck/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(results: list[FileResult], rules: Iterable[Rule], *, cwd: Path | None = None) -> str:
    # Compact, like the JSON report: SARIF is read by code-scanning tools.
    return json.dumps(as_data(results, rules, cwd=cwd), ensure_ascii=False, separators=(",", ":"))


def as_data(
    results: list[FileResult], rules: Iterable[Rule], *, cwd: Path | None = None
) -> dict[str, Any]:
    descriptors = [_descriptor(rule) for rule in rules]
    index = {d["id"]: i for i, d in enumerate(descriptors)}
    sarif_results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for result in results:
        if result.error:
            notifications.append(_notification(result))
            continue
        lines = LineIndex(result.source or "")
        seen: Counter[tuple[str, str]] = Counter()
        for finding in result.findings:
            if finding.rule not in index:  # from a pack only some folders load
                index[finding.rule] = len(descriptors)
                descriptors.append({"id": finding.rule, "properties": {"tags": [finding.category]}})
            key = (finding.rule, " ".join(finding.text.split()))
            seen[key] += 1
            sarif_results.append(
                _result(result.path, finding, index[finding.rule], lines, seen[key])
            )

    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "briefcheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }
        },
        "invocations": [
            {
                "executionSuccessful": not any(r.error and not r.skipped for r in results),
                "toolExecutionNotifications": notifications,
            }
        ],
        "originalUriBaseIds": {SRCROOT: {"uri": (cwd or Path.cwd()).resolve().as_uri() + "/"}},
        "columnKind": "utf16CodeUnits",
        "results": sarif_results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(rule: Rule) -> dict[str, Any]:
    text = f"{rule.what}\n\nWhy: {rule.why}\n\nFix: {rule.fix}"
    descriptor: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.what},
        "fullDescription": {"text": rule.why},
        "help": {"text": text, "markdown": rule.explain_markdown()},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": [rule.category]},
    }
    if rule.url:
        descriptor["helpUri"] = rule.url
    return descriptor


def artifact_location(path: str) -> dict[str, Any]:
    """A relative path stays relative to %SRCROOT% (the working directory), as
    GitHub expects; an absolute one becomes a file: URI; stdin has no URI."""
    if path == "-":
        return {"description": {"text": "standard input"}}
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(pure.as_posix()), "uriBaseId": SRCROOT}


def _result(
    path: str, finding: Finding, rule_index: int, lines: LineIndex, occurrence: int
) -> dict[str, Any]:
    start_line0, start_col16 = lines.utf16_position(finding.start)
    end_line0, end_col16 = lines.utf16_position(finding.end)
    region: dict[str, Any] = {
        "startLine": start_line0 + 1,
        "startColumn": start_col16 + 1,
        "endLine": end_line0 + 1,
        "endColumn": end_col16 + 1,  # SARIF's end column is exclusive, as ours is
    }
    if finding.text:
        region["snippet"] = {"text": finding.text}
    # The same identity the baseline uses (rule, file, text; not the line), so
    # code scanning keeps an alert open across edits above it.
    identity = "\0".join([finding.rule, path, " ".join(finding.text.split()), str(occurrence)])
    out: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {"physicalLocation": {"artifactLocation": artifact_location(path), "region": region}}
        ],
        "partialFingerprints": {
            "briefcheck/v1": hashlib.sha256(identity.encode()).hexdigest()[:32]
        },
    }
    if finding.replacement is not None:
        out["properties"] = {"replacement": finding.replacement}
    return out


def _notification(result: FileResult) -> dict[str, Any]:
    return {
        "level": "warning" if result.skipped else "error",
        "message": {"text": f"{result.path}: {result.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
    }
