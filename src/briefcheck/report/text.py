"""Human output: one line per finding, the source line, a marker under the span."""

from __future__ import annotations

from collections import Counter

import click

from briefcheck.findings import Severity
from briefcheck.report import FileResult

_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def render(results: list[FileResult], *, color: bool) -> str:
    out: list[str] = []
    for result in results:
        if result.error:
            continue  # errors go to stderr, as they happen
        lines = (result.source or "").splitlines()
        for f in result.findings:
            rule = click.style(f.rule, fg=_COLORS[f.severity], bold=True) if color else f.rule
            where = (
                click.style(f"{result.path}:{f.line}:{f.column}:", bold=True)
                if color
                else (f"{result.path}:{f.line}:{f.column}:")
            )
            out.append(f"{where} {rule}  {f.message}")
            if 0 < f.line <= len(lines):
                src = lines[f.line - 1].rstrip("\r")
                gutter = f"{f.line:>5} | "
                width = (f.end_column if f.end_line == f.line else len(src) + 1) - f.column
                marker = " " * (f.column - 1) + "^" * max(width, 1)
                out.append(gutter + src)
                out.append(
                    " " * (len(gutter) - 2)
                    + "| "
                    + (click.style(marker, fg="red") if color else marker)
                )
    out.append(summary(results))
    return "\n".join(out)


def summary(results: list[FileResult]) -> str:
    checked = [r for r in results if not r.error]
    counts = Counter(f.category for r in checked for f in r.findings)
    total = sum(counts.values())
    files = len(checked)
    noun = "file" if files == 1 else "files"
    if not total:
        return f"All clear: no findings in {files} {noun}."
    parts = ", ".join(f"{cat} {n}" for cat, n in counts.most_common())
    problems = "finding" if total == 1 else "findings"
    return f"Found {total} {problems} in {files} {noun} ({parts})."
