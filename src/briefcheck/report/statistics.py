"""``check --statistics``: how often each rule fired, most common first (as ruff does)."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable

from briefcheck.report import FileResult
from briefcheck.rulepack import Rule


def counts(results: list[FileResult]) -> list[tuple[str, int]]:
    """(rule, count) pairs, most common first; ties in rule-id order."""
    tally = Counter(f.rule for r in results if not r.error for f in r.findings)
    return sorted(tally.items(), key=lambda item: (-item[1], item[0]))


def render(results: list[FileResult], rules: Iterable[Rule]) -> str:
    from briefcheck.report.text import summary

    what = {rule.id: headline(rule.what) for rule in rules}
    rows = counts(results)
    if not rows:
        return summary(results)
    count_width = len(str(rows[0][1]))
    rule_width = max(len(rule) for rule, _ in rows)
    lines = [
        f"{n:>{count_width}}  {rule:<{rule_width}}  {what.get(rule, '')}".rstrip()
        for rule, n in rows
    ]
    return "\n".join([*lines, summary(results)])


def headline(what: str) -> str:
    """The first clause of a rule's description, before its examples and exceptions."""
    return re.split(r" \(|: |\. ", what, maxsplit=1)[0].rstrip(".")


def render_json(results: list[FileResult], rules: Iterable[Rule]) -> str:
    what = {rule.id: rule.what for rule in rules}
    data = [{"rule": rule, "count": n, "what": what.get(rule)} for rule, n in counts(results)]
    return json.dumps(data, indent=2, ensure_ascii=False)
