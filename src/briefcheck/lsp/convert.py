"""Engine findings to LSP diagnostics, and LSP edits to buffer text.

Every position goes through positions.LineIndex, the one place that converts
code-point offsets to LSP's 0-based lines and UTF-16 columns and back.
"""

from __future__ import annotations

from collections.abc import Iterable

from lsprotocol import types

from briefcheck.findings import Finding, Severity
from briefcheck.positions import LineIndex
from briefcheck.rulepack import Rule

SOURCE = "briefcheck"

SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


def to_position(index: LineIndex, offset: int) -> types.Position:
    line, character = index.utf16_position(offset)
    return types.Position(line=line, character=character)


def to_range(index: LineIndex, start: int, end: int) -> types.Range:
    return types.Range(start=to_position(index, start), end=to_position(index, end))


def to_offset(index: LineIndex, position: types.Position) -> int:
    return index.offset_from_utf16(position.line, position.character)


def to_offsets(index: LineIndex, range_: types.Range) -> tuple[int, int]:
    """Code-point offsets of an LSP range, clamped to the text; a reversed range is put right."""
    start, end = to_offset(index, range_.start), to_offset(index, range_.end)
    return min(start, end), max(start, end)


def apply_changes(text: str, changes: Iterable[types.TextDocumentContentChangeEvent]) -> str:
    """The text after a didChange's edits, applied in order as LSP requires.

    Out-of-range positions are clamped to the text rather than refused: a client
    that is briefly out of step should not make the server crash or stop.
    """
    for change in changes:
        if isinstance(change, types.TextDocumentContentChangePartial):
            index = LineIndex(text)
            start, end = to_offsets(index, change.range)
            text = text[:start] + change.text + text[end:]
        else:
            text = change.text
    return text


def diagnostic(finding: Finding, index: LineIndex, rule: Rule | None) -> types.Diagnostic:
    data = {"rule": finding.rule, "category": finding.category, "text": finding.text}
    if finding.replacement is not None:
        data["replacement"] = finding.replacement
    return types.Diagnostic(
        range=to_range(index, finding.start, finding.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.rule,
        code_description=types.CodeDescription(href=rule.url) if rule and rule.url else None,
        source=SOURCE,
        data=data,
    )


def problem_diagnostic(message: str) -> types.Diagnostic:
    """A diagnostic at the top of the document for something that stopped the lint."""
    top = types.Position(line=0, character=0)
    return types.Diagnostic(
        range=types.Range(start=top, end=top),
        message=message,
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
