"""Inline suppression comments.

Markdown::

    <!-- briefcheck-disable jargon blame/person-fault -->   ... until enable or end
    <!-- briefcheck-enable -->
    <!-- briefcheck-disable-next-line timeline/vague -- launch date not public -->
    <!-- briefcheck-disable-line figures -->

Plain text takes the same directives on a line of their own, optionally after
``#`` or ``//``. A directive with no rule names covers every rule. Rule names
may be rule ids or categories, separated by spaces or commas; anything after
`` -- `` is the reason and is not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from briefcheck.document import Document
from briefcheck.findings import Finding

_DIRECTIVE = re.compile(
    r"^briefcheck-(disable-next-line|disable-line|disable|enable)\b(.*)$", re.DOTALL
)


@dataclass(frozen=True)
class Directive:
    action: str
    names: frozenset[str]  # empty: every rule
    line: int  # the line the comment starts on
    end_line: int  # the line the comment ends on

    def covers(self, finding: Finding, also: tuple[str, ...] = ()) -> bool:
        """Whether this directive names the finding's rule, its category, or a rule
        in ``also`` (the rules the finding's rule stands in for)."""
        if not self.names:
            return True
        return bool(self.names & {finding.rule, finding.category, *also})


def directives(document: Document) -> list[Directive]:
    index = document.index
    out = []
    for comment in document.comments:
        found = _DIRECTIVE.match(comment.body)
        if not found:
            continue
        names_part = found.group(2).split(" -- ", 1)[0].split("--", 1)[0]
        names = frozenset(n for n in re.split(r"[\s,]+", names_part.strip()) if n)
        line = index.line_col(comment.start)[0]
        end_line = index.line_col(max(comment.end - 1, comment.start))[0]
        out.append(Directive(found.group(1), names, line, end_line))
    return out


def apply(
    findings: list[Finding],
    document: Document,
    stands_for: dict[str, tuple[str, ...]] | None = None,
) -> list[Finding]:
    found = directives(document)
    if not found:
        return findings
    index = document.index
    ranges: list[tuple[int, int, Directive]] = []  # first and last line covered
    open_blocks: list[Directive] = []
    last_line = len(index.line_starts)
    for d in sorted(found, key=lambda d: d.line):
        if d.action == "disable":
            open_blocks.append(d)
        elif d.action == "enable":
            still_open = []
            for block in open_blocks:
                if not d.names or block.names <= d.names or block.names & d.names:
                    ranges.append((block.end_line, d.line, block))
                else:
                    still_open.append(block)
            open_blocks = still_open
        elif d.action == "disable-line":
            ranges.append((d.line, d.end_line, d))
        else:  # disable-next-line: the next line with text on it
            target = d.end_line + 1
            while target <= last_line and not index.line_text(target).strip():
                target += 1
            ranges.append((target, target, d))
    ranges += [(block.end_line, last_line, block) for block in open_blocks]

    def suppressed(f: Finding) -> bool:
        also = (stands_for or {}).get(f.rule, ())
        return any(first <= f.line <= last and d.covers(f, also) for first, last, d in ranges)

    return [f for f in findings if not suppressed(f)]
