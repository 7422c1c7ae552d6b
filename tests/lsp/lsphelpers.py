"""Helpers for driving `briefcheck serve` end to end with pytest-lsp.

Each test module starts one server (spaCy takes a second or two to load) and
talks to it over stdio, as an editor would.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from briefcheck.cli import main as cli

SERVER = [sys.executable, "-m", "briefcheck", "serve"]
WAIT_S = 20.0


@dataclass
class Published:
    at: float  # time.monotonic() when the client received it
    uri: str
    version: int | None
    diagnostics: list[types.Diagnostic]


def recording_client() -> LanguageClient:
    """pytest-lsp's client, keeping every publishDiagnostics with its version and time."""
    client = LanguageClient(converter_factory=default_converter)
    features = dict(DEFAULT_CLIENT_FEATURES)
    client.published = []  # type: ignore[attr-defined]
    client.applied_edits = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(
            Published(time.monotonic(), params.uri, params.version, list(params.diagnostics))
        )

    features[types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = publish
    register_lsp_features(client, features)

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations = list(params.registrations)  # type: ignore[attr-defined]

    return client


def server_config(command: list[str] | None = None) -> ClientServerConfig:
    return ClientServerConfig(server_command=command or SERVER, client_factory=recording_client)


def capabilities(editor: str = "visual-studio-code") -> types.ClientCapabilities:
    return client_capabilities(editor)


async def start(
    client: LanguageClient,
    root: Path,
    options: dict[str, Any] | None = None,
    editor: str = "visual-studio-code",
) -> None:
    await client.initialize_session(
        types.InitializeParams(
            capabilities=capabilities(editor),
            root_uri=root.as_uri(),
            workspace_folders=[types.WorkspaceFolder(uri=root.as_uri(), name=root.name)],
            initialization_options=options,
        )
    )


def open_doc(
    client: LanguageClient, path: Path, text: str, version: int = 1, language: str = "markdown"
) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id=language, version=version, text=text
            )
        )
    )
    return uri


def change(client: LanguageClient, uri: str, version: int, *edits) -> None:
    """Send one didChange; each edit is (range, text) or a bare text (whole document)."""
    changes = []
    for edit in edits:
        if isinstance(edit, str):
            changes.append(types.TextDocumentContentChangeWholeDocument(text=edit))
        else:
            changes.append(types.TextDocumentContentChangePartial(range=edit[0], text=edit[1]))
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=changes,
        )
    )


def close_doc(client: LanguageClient, uri: str) -> None:
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )


def rng(line: int, char: int, end_line: int, end_char: int) -> types.Range:
    return types.Range(
        start=types.Position(line=line, character=char),
        end=types.Position(line=end_line, character=end_char),
    )


async def published(
    client: LanguageClient, uri: str, version: int | None = None, after: float = 0.0
) -> Published:
    """The first publish for ``uri`` (of ``version``, if given) received after ``after``."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        for item in client.published:
            if item.uri == uri and item.at > after and (version is None or item.version == version):
                return item
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version} within {WAIT_S}s")


async def settle(client: LanguageClient, quiet_s: float = 0.6) -> None:
    """Wait until the server has published nothing for ``quiet_s``."""
    count = -1
    while count != len(client.published):
        count = len(client.published)
        await asyncio.sleep(quiet_s)


def cli_report(path: Path) -> dict[str, Any]:
    """What `briefcheck check --format json` reports for the file."""
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["files"][0]


def cli_findings(path: Path) -> list[dict[str, Any]]:
    return cli_report(path)["diagnostics"]


def utf16_col(line_text: str, column: int) -> int:
    """A 1-based code-point column as LSP's 0-based UTF-16 character."""
    return len(line_text[: column - 1].encode("utf-16-le")) // 2


def as_lsp(findings: list[dict[str, Any]], text: str) -> list[tuple]:
    """CLI findings as (rule, start line, start char, end line, end char) in LSP units."""
    lines = text.split("\n")
    out = []
    for f in findings:
        start = utf16_col(lines[f["line"] - 1], f["column"])
        end = utf16_col(lines[f["end_line"] - 1], f["end_column"])
        out.append((f["rule"], f["line"] - 1, start, f["end_line"] - 1, end))
    return sorted(out)


def keys(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    return sorted(
        (
            d.code,
            d.range.start.line,
            d.range.start.character,
            d.range.end.line,
            d.range.end.character,
        )
        for d in diagnostics
    )


def apply_edit(text: str, edits: list[types.TextEdit]) -> str:
    """Apply TextEdits as a client would (independently of the server's code)."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: pos.line])
        units = 0
        i = 0
        line = lines[pos.line] if pos.line < len(lines) else ""
        while i < len(line) and units < pos.character:
            units += 2 if ord(line[i]) > 0xFFFF else 1
            i += 1
        return before + i

    for edit in sorted(
        edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True
    ):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


STILL_SERVING_BRIEF = "# Update\n\nThe pods crashed and we will fix it ASAP.\n"


async def still_serving(client: LanguageClient, workspace: Path, name: str) -> None:
    """After whatever went before, a normal document still gets diagnostics and a hover."""
    uri = open_doc(client, workspace / f"{name}.md", STILL_SERVING_BRIEF)
    got = await published(client, uri, version=1)
    assert "timeline/vague-acronym" in [d.code for d in got.diagnostics]
    line = STILL_SERVING_BRIEF.splitlines()[2]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=line.index("ASAP") + 1),
        )
    )
    assert hover is not None and "timeline/vague-acronym" in hover.contents.value
