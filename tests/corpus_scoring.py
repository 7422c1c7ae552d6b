"""Score the engine on a labelled corpus, as ../shared/tools/score_corpus.py does.

The labels follow ../shared/ANNOTATION.md: a finding matches a label when the
category and the line are the same and the spans overlap on that line; optional
labels count neither way; structure is scored on the set of missing parts.
This runs the engine in the test process instead of the CLI once per group,
so that the hold-out test needs neither ../shared nor a subprocess.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from briefcheck.config import Config
from briefcheck.engine import lint_text

SPAN_CATEGORIES = ("jargon", "blame", "figures", "timeline")
CATEGORIES = (*SPAN_CATEGORIES, "structure")


@dataclass
class Tally:
    hits: Counter[str] = field(default_factory=Counter)
    false_alarms: Counter[str] = field(default_factory=Counter)
    misses: Counter[str] = field(default_factory=Counter)

    def f1(self, category: str) -> float:
        hits = self.hits[category]
        found = hits + self.false_alarms[category]
        wanted = hits + self.misses[category]
        if not hits:
            return 0.0
        precision, recall = hits / found, hits / wanted
        return 2 * precision * recall / (precision + recall)


def labelled_documents(folder: Path) -> list[tuple[Path, dict]]:
    """Each NAME.md that has a NAME.expect.json beside it, with its labels."""
    return [
        (md, json.loads(md.with_suffix(".expect.json").read_text(encoding="utf-8")))
        for md in sorted(folder.glob("*.md"))
        if md.with_suffix(".expect.json").exists()
    ]


def score(folder: Path) -> Tally:
    tally = Tally()
    for md, labels in labelled_documents(folder):
        text = md.read_text(encoding="utf-8")
        config = Config(
            kind=labels.get("kind", "brief"), audience=labels.get("audience", "executive")
        )
        _score_document(text.splitlines(), lint_text(text, config), labels, tally)
    return tally


def _score_document(lines: list[str], findings, labels: dict, tally: Tally) -> None:
    wanted = [(label, _place(lines, label)) for label in labels.get("findings", [])]
    optional = [(label, _place(lines, label)) for label in labels.get("optional", [])]
    matched: set[int] = set()
    for finding in findings:
        if finding.category not in SPAN_CATEGORIES:
            continue
        line, span = finding.line, _span_on_line(finding, lines)
        index = next(
            (
                i
                for i, (label, place) in enumerate(wanted)
                if _same(label, place, finding, line, span)
            ),
            None,
        )
        if index is not None:
            if index not in matched:
                matched.add(index)
                tally.hits[finding.category] += 1
        elif not any(_same(label, place, finding, line, span) for label, place in optional):
            tally.false_alarms[finding.category] += 1
    for i, (label, _) in enumerate(wanted):
        if i not in matched:
            tally.misses[label["category"]] += 1
    if "missing" in labels:
        reported = {
            f.rule.rsplit("missing-", 1)[-1]
            for f in findings
            if f.category == "structure" and "missing-" in f.rule
        }
        expected = set(labels["missing"])
        tally.hits["structure"] += len(reported & expected)
        tally.false_alarms["structure"] += len(reported - expected)
        tally.misses["structure"] += len(expected - reported)


def _place(lines: list[str], label: dict) -> tuple[int, int] | None:
    """0-based column range of the label's text on its line."""
    row = label["line"] - 1
    if not 0 <= row < len(lines):
        return None
    column = lines[row].find(label["text"])
    return None if column < 0 else (column, column + len(label["text"]))


def _span_on_line(finding, lines: list[str]) -> tuple[int, int]:
    """0-based columns of the finding on its first line (to the line's end if it runs on)."""
    start = finding.column - 1
    if finding.end_line != finding.line:
        end = len(lines[finding.line - 1]) if 0 < finding.line <= len(lines) else start + 1
    else:
        end = finding.end_column - 1
    return start, max(end, start + 1)


def _same(label: dict, place, finding, line: int, span: tuple[int, int]) -> bool:
    return (
        label["category"] == finding.category
        and label["line"] == line
        and place is not None
        and place[0] < span[1]
        and span[0] < place[1]
    )
