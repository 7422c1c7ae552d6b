"""Code actions: quick fixes, suppression comments and glossary additions.

Every action is a WorkspaceEdit the client shows and applies; none touches a
file itself. The diagnostics' ``data`` (rule, category, text, replacement)
carries what the actions need; the current lint is consulted only to find the
flagged text again when a client's range does not point at it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import tomlkit
from lsprotocol import types

from briefcheck.findings import Finding
from briefcheck.lsp.convert import SOURCE, to_offsets, to_range
from briefcheck.positions import LineIndex

REASON_PLACEHOLDER = "reason"
GLOSSARY_FILE = ".briefcheck.toml"


@dataclass(frozen=True)
class EditTarget:
    """A document as the client knows it: its uri, open version (or None) and text."""

    uri: str
    version: int | None
    text: str


@dataclass(frozen=True)
class EditSupport:
    """What the client's workspace/applyEdit understands."""

    document_changes: bool = False
    create_files: bool = False

    @classmethod
    def of(cls, capabilities: types.ClientCapabilities | None) -> EditSupport:
        edit = capabilities and capabilities.workspace and capabilities.workspace.workspace_edit
        if not edit:
            return cls()
        operations = edit.resource_operations or []
        return cls(
            document_changes=bool(edit.document_changes),
            create_files=bool(edit.document_changes)
            and types.ResourceOperationKind.Create in operations,
        )


def briefcheck_data(diagnostic: types.Diagnostic) -> dict[str, Any] | None:
    data = diagnostic.data
    if diagnostic.source != SOURCE or not isinstance(data, dict):
        return None
    if not isinstance(data.get("rule"), str) or not isinstance(data.get("text"), str):
        return None
    return data


def flagged_range(
    diagnostic: types.Diagnostic, data: dict[str, Any], text: str, findings: list[Finding]
) -> types.Range | None:
    """Where the flagged text is now, or None if it cannot be found for sure.

    The diagnostic's own range, if it still covers the flagged text. Some
    clients send columns in other units (Neovim 0.7 echoes byte columns back),
    so otherwise the current lint's finding of that rule and text on that line.
    """
    index = LineIndex(text)
    start, end = to_offsets(index, diagnostic.range)
    if text[start:end] == data["text"]:
        return diagnostic.range
    line = diagnostic.range.start.line + 1
    same = [
        f for f in findings if f.rule == data["rule"] and f.text == data["text"] and f.line == line
    ]
    if len(same) != 1:
        return None  # the text moved or is ambiguous: a replacement could land wrong
    return to_range(index, same[0].start, same[0].end)


def replacement_fix(
    diagnostic: types.Diagnostic,
    data: dict[str, Any],
    span: types.Range,
    doc: EditTarget,
    support: EditSupport,
) -> types.CodeAction | None:
    """Replace the flagged ``span`` (from flagged_range) with the rule's replacement."""
    replacement = data.get("replacement")
    if not isinstance(replacement, str):
        return None
    return types.CodeAction(
        title=f'Replace "{data["text"]}" with "{replacement}"',
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        is_preferred=True,
        edit=text_edits(doc, [types.TextEdit(range=span, new_text=replacement)], support),
    )


def disable_comment(rule: str, markup: str) -> str:
    directive = f"briefcheck-disable-next-line {rule} -- {REASON_PLACEHOLDER}"
    return f"# {directive}" if markup == "text" else f"<!-- {directive} -->"


def disable_on_line(
    diagnostic: types.Diagnostic,
    data: dict[str, Any],
    doc: EditTarget,
    markup: str,
    support: EditSupport,
) -> types.CodeAction:
    """Insert the suppression comment on its own line above the flagged one."""
    index = LineIndex(doc.text)
    line = min(max(diagnostic.range.start.line, 0), len(index.line_starts) - 1) + 1
    line_text = index.line_text(line)
    indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
    newline = (
        "\r\n" if doc.text[index.line_end(line) : index.line_end(line) + 2] == "\r\n" else "\n"
    )
    at = types.Position(line=line - 1, character=0)
    insert = types.TextEdit(
        range=types.Range(start=at, end=at),
        new_text=f"{indent}{disable_comment(data['rule'], markup)}{newline}",
    )
    return types.CodeAction(
        title=f"Disable {data['rule']} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic],
        edit=text_edits(doc, [insert], support),
    )


def add_to_glossary(
    diagnostic: types.Diagnostic,
    term: str,
    config: EditTarget | None,
    new_config_uri: str,
    support: EditSupport,
) -> types.CodeAction | None:
    """Add ``term`` to the glossary of the config file that governs the document.

    ``config`` is that file (.briefcheck.toml or pyproject.toml) or None, in
    which case a new .briefcheck.toml at ``new_config_uri`` holds the glossary.
    """
    title = f'Add "{term}" to the team glossary'
    if config is None:
        if not support.create_files:
            return None
        body = tomlkit.dumps({"glossary": [term]})
        edit = types.WorkspaceEdit(
            document_changes=[
                types.CreateFile(
                    uri=new_config_uri, options=types.CreateFileOptions(ignore_if_exists=True)
                ),
                types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(
                        uri=new_config_uri, version=None
                    ),
                    edits=[types.TextEdit(range=_start_range(), new_text=body)],
                ),
            ]
        )
    else:
        updated = with_glossary_term(
            config.text, term, pyproject=config.uri.endswith("pyproject.toml")
        )
        if updated is None:
            return None
        edit = text_edits(config, [minimal_edit(config.text, updated)], support)
    return types.CodeAction(
        title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diagnostic], edit=edit
    )


def with_glossary_term(text: str, term: str, *, pyproject: bool) -> str | None:
    """The config text with ``term`` added to its glossary, formatting kept.

    None when the file is not valid TOML (the lint reports that already) or
    already lists the term.
    """
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.TOMLKitError:
        return None
    table: Any = document
    if pyproject:
        table = document.setdefault("tool", tomlkit.table(is_super_table=True))
        table = table.setdefault("briefcheck", tomlkit.table())
    glossary = table.get("glossary")
    if glossary is None:
        table["glossary"] = [term]
    elif isinstance(glossary, str):
        table["glossary"] = [glossary, term]
    elif isinstance(glossary, list):
        if any(isinstance(t, str) and t.casefold() == term.casefold() for t in glossary):
            return None
        glossary.append(term)
    else:
        return None
    return tomlkit.dumps(document)


def minimal_edit(old: str, new: str) -> types.TextEdit:
    """One TextEdit turning ``old`` into ``new``, covering only what differs."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    index = LineIndex(old)
    return types.TextEdit(
        range=to_range(index, prefix, len(old) - suffix),
        new_text=new[prefix : len(new) - suffix],
    )


def text_edits(
    doc: EditTarget, edits: list[types.TextEdit], support: EditSupport
) -> types.WorkspaceEdit:
    if support.document_changes:
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri=doc.uri, version=doc.version)
        return types.WorkspaceEdit(
            document_changes=[types.TextDocumentEdit(text_document=identifier, edits=edits)]
        )
    return types.WorkspaceEdit(changes={doc.uri: edits})


def _start_range() -> types.Range:
    start = types.Position(line=0, character=0)
    return types.Range(start=start, end=start)
