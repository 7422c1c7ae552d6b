"""Output for ``briefcheck score``: the score, what each category cost, what to fix first."""

from __future__ import annotations

import json
from typing import Any

from briefcheck import __version__
from briefcheck.score import DraftDiff, ScoreReport


def render_text(path: str, report: ScoreReport) -> str:
    lines = [f"{path}: {report.score}/100 ({report.grade})"]
    if report.words is not None:
        reading = ""
        if report.reading_ease is not None:
            reading = f", reading ease {report.reading_ease:.0f}, grade {report.reading_grade:.1f}"
        lines.append(f"  {report.words} words{reading}")
    lines.append(f"  {'category':<12} {'findings':>8} {'cost':>6}")
    for category, cost in report.breakdown.items():
        count = report.counts.get(category, 0)
        shown = f"-{cost:.1f}" if cost else "0"
        lines.append(f"  {category:<12} {count:>8} {shown:>6}")
    if report.top_changes:
        lines.append("  Top changes:")
        for i, change in enumerate(report.top_changes, 1):
            lines.append(f"  {i}. +{change.gain:<3} {change.description}")
    return "\n".join(lines)


def render_diff_text(old_path: str, new_path: str, diff: DraftDiff) -> str:
    sign = "+" if diff.change >= 0 else ""
    lines = [
        f"{old_path} -> {new_path}: {diff.old.score} ({diff.old.grade}) -> "
        f"{diff.new.score} ({diff.new.grade}), {sign}{diff.change}"
    ]
    for title, findings in (("Fixed", diff.fixed), ("New", diff.added)):
        lines.append(f"  {title}: {len(findings)}")
        for f in findings:
            lines.append(f"    {f.rule}  line {f.line}: {_quote(f)}")
    return "\n".join(lines)


def _quote(finding) -> str:
    text = " ".join(finding.text.split())
    text = text if len(text) <= 60 else text[:59] + "…"
    return f'"{text}"'


def render_json(entries: list[dict[str, Any]]) -> str:
    return json.dumps({"briefcheck": __version__, "files": entries}, indent=2, ensure_ascii=False)
