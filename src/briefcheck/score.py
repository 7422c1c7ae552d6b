"""A draft's score: 0-100, a letter grade, what each category cost, what to fix first.

The formula (also in the README):

    raw(category)  = sum of weight(finding) over the category's findings
    cost(category) = cap(category) * (1 - exp(-raw(category) / cap(category)))
    score          = round(max(0, 100 - sum of cost(category)))

Every finding has a weight (a missing part 15 points, blame 8, vague figures and
times 5, jargon 3, ...). A category's cost is close to its raw sum while that is
small and bends towards the category's cap as findings pile up, so one bad habit
cannot hide every other problem, yet every fix still earns points. Removing a
finding never lowers the score: raw sums non-negative weights and the cost curve
only rises with raw (tests/test_score.py checks this with hypothesis).

The CLI (``briefcheck score``, and ``"score"`` in ``check --format json``) and
the language server (``briefcheck/score``) both call ``score_findings``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from briefcheck.findings import Finding

CATEGORIES = ("structure", "blame", "jargon", "figures", "timeline", "readability", "length")


@dataclass(frozen=True)
class Weight:
    points: float  # what one finding costs
    cap: float  # what the whole category's cost approaches, never reaches


WEIGHTS: dict[str, Weight] = {
    # Each missing part; a placeholder costs PLACEHOLDER. Structure weighs most: a
    # brief is judged first on whether it answers the reader's questions.
    "structure": Weight(15, 70),
    "blame": Weight(8, 20),
    "jargon": Weight(3, 15),
    "figures": Weight(5, 15),
    "timeline": Weight(5, 15),
    "readability": Weight(2, 10),
    "length": Weight(4, 10),  # plus LENGTH_PER_WORDS for each 25 words over budget
}
OTHER = Weight(2, 10)  # categories added later (tone, ...)
PLACEHOLDER = 5
LENGTH_WORDS_STEP = 25
GRADES = ((90, "A"), (80, "B"), (70, "C"), (60, "D"), (0, "F"))


def finding_cost(finding: Finding) -> float:
    """What one finding costs before its category's cap."""
    if finding.rule == "structure/placeholder":
        return PLACEHOLDER
    if finding.category == "length":
        over = finding.data.get("over", 0) if finding.data else 0
        return WEIGHTS["length"].points + max(0, over) // LENGTH_WORDS_STEP
    return WEIGHTS.get(finding.category, OTHER).points


@dataclass(frozen=True)
class Change:
    """One fix, and the points it would win back."""

    rule: str
    gain: int
    count: int
    description: str


@dataclass
class ScoreReport:
    score: int
    grade: str
    breakdown: dict[str, float]  # category -> points lost, every category listed
    counts: dict[str, int]  # category -> findings
    top_changes: list[Change] = field(default_factory=list)
    words: int | None = None
    reading_ease: float | None = None  # Flesch reading ease of the whole document
    reading_grade: float | None = None  # Flesch-Kincaid grade of the whole document

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["breakdown"] = {
            cat: {"findings": self.counts.get(cat, 0), "cost": cost}
            for cat, cost in self.breakdown.items()
        }
        del out["counts"]
        for key in ("reading_ease", "reading_grade"):
            if out[key] is not None:
                out[key] = round(out[key], 1)
        return out


def letter(score: float) -> str:
    return next(grade for floor, grade in GRADES if score >= floor)


def costs(findings: Iterable[Finding]) -> dict[str, float]:
    raw: dict[str, float] = dict.fromkeys(CATEGORIES, 0.0)
    for finding in findings:
        raw[finding.category] = raw.get(finding.category, 0.0) + finding_cost(finding)
    return {cat: _bend(total, WEIGHTS.get(cat, OTHER).cap) for cat, total in raw.items()}


def _bend(raw: float, cap: float) -> float:
    """Close to ``raw`` while small, never more than ``cap``; rises with ``raw``."""
    return round(cap * (1.0 - math.exp(-raw / cap)), 2)


def points(findings: Iterable[Finding]) -> int:
    return round(max(0.0, 100.0 - sum(costs(findings).values())))


def score_findings(
    findings: Sequence[Finding],
    words: int | None = None,
    *,
    reading_ease: float | None = None,
    reading_grade: float | None = None,
) -> ScoreReport:
    """Score one document from its findings (and, for the report, its size)."""
    total = points(findings)
    return ScoreReport(
        score=total,
        grade=letter(total),
        breakdown=costs(findings),
        counts=dict(Counter(f.category for f in findings)),
        top_changes=top_changes(findings, total),
        words=words,
        reading_ease=reading_ease,
        reading_grade=reading_grade,
    )


def top_changes(findings: Sequence[Finding], current: int, limit: int = 3) -> list[Change]:
    """The fixes that would raise the score most. A fix is one missing part, or all of
    one category's wording findings ("the blame wording"), fixed together."""
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        key = finding.rule if finding.category == "structure" else finding.category
        groups.setdefault(key, []).append(finding)
    changes = []
    for key, group in groups.items():
        # Findings compare by value, so membership tests against the group would be
        # quadratic on a large file; the groups partition the findings, so rebuild
        # "everything else" from the other groups instead.
        rest = [f for other, members in groups.items() if other != key for f in members]
        gain = points(rest) - current
        if gain > 0:
            changes.append(Change(key, gain, len(group), _describe(group)))
    changes.sort(key=lambda c: (-c.gain, -c.count, c.rule))
    return changes[:limit]


def _describe(group: list[Finding]) -> str:
    first = group[0]
    if first.category == "structure" and first.rule != "structure/placeholder":
        return first.message  # names the part and gives an example
    if len(group) == 1 and first.category in ("readability", "length"):
        return first.message
    quoted = ", ".join(f'"{_short(f.text)}"' for f in group[:3])
    more = f" and {len(group) - 3} more" if len(group) > 3 else ""
    noun = "finding" if len(group) == 1 else "findings"
    return f"Fix {len(group)} {first.category} {noun}: {quoted}{more}. {first.message}"


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# ---------------------------------------------------------------- documents and drafts


def score_text(text: str, config=None, *, markup: str = "markdown"):
    """Lint and score one text: (ScoreReport, findings). Used by the CLI and the server."""
    from briefcheck.checks.readability import count_words, prose_text, readability
    from briefcheck.config import Config
    from briefcheck.document import parse
    from briefcheck.engine import lint_document

    document = parse(text, markup)
    findings = lint_document(document, config or Config())
    prose = prose_text(document)
    measured = readability(prose) if count_words(prose) else None
    report = score_findings(
        findings,
        words=count_words(prose),
        reading_ease=measured.flesch_reading_ease if measured else None,
        reading_grade=measured.grade if measured else None,
    )
    return report, findings


@dataclass
class DraftDiff:
    old: ScoreReport
    new: ScoreReport
    fixed: list[Finding]  # in the old draft, gone from the new
    added: list[Finding]  # new in the new draft

    @property
    def change(self) -> int:
        return self.new.score - self.old.score

    def to_dict(self) -> dict[str, Any]:
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "change": self.change,
            "fixed": [f.to_dict() for f in self.fixed],
            "new_findings": [f.to_dict() for f in self.added],
        }


def diff_drafts(
    old: ScoreReport,
    old_findings: Sequence[Finding],
    new: ScoreReport,
    new_findings: Sequence[Finding],
) -> DraftDiff:
    """Findings are matched by rule and text, not position: edits move everything."""
    return DraftDiff(
        old, new, _unmatched(old_findings, new_findings), _unmatched(new_findings, old_findings)
    )


def _key(finding: Finding) -> tuple[str, str]:
    # A whole-document finding (a missing part, a long brief) is the same finding
    # wherever it is placed.
    whole = finding.data.get("scope") == "document" if finding.data else False
    return (finding.rule, "" if whole else finding.text)


def _unmatched(these: Sequence[Finding], others: Sequence[Finding]) -> list[Finding]:
    """Findings in ``these`` with no counterpart in ``others``."""
    available = Counter(_key(f) for f in others)
    out = []
    for finding in these:
        key = _key(finding)
        if available[key]:
            available[key] -= 1
        else:
            out.append(finding)
    return out


def score_path(path: str, config) -> tuple[ScoreReport, list[Finding]]:
    """Read, lint and score one file ("-" is stdin). Raises sources.InputError."""
    import sys

    from briefcheck.document import markup_for_path
    from briefcheck.sources import decode, read_source

    if path == "-":
        return score_text(decode(sys.stdin.buffer.read()), config)
    text = read_source(path, max_bytes=config.max_file_bytes)
    return score_text(text, config, markup=markup_for_path(path))
