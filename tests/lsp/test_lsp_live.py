"""Live linting: open, incremental change, debounce, superseded lints, close."""

from __future__ import annotations

import asyncio
import random
import time

import pytest
import pytest_lsp
from lsphelpers import (
    as_lsp,
    change,
    cli_findings,
    close_doc,
    keys,
    open_doc,
    published,
    rng,
    server_config,
    settle,
    start,
)
from lsprotocol import types
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

BRIEF = (
    "# Payments outage\n"
    "\n"
    "The pods crashed and we will fix it ASAP.\n"
    "Many customers could not pay. Dave pushed a bad config.\n"
)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("live")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: LanguageClient, workspace):
    await start(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


async def test_open_publishes_what_the_cli_finds(client: LanguageClient, workspace):
    path = workspace / "open.md"
    path.write_text(BRIEF, encoding="utf-8")
    uri = open_doc(client, path, BRIEF)
    got = await published(client, uri, version=1)
    assert keys(got.diagnostics) == as_lsp(cli_findings(path), BRIEF)
    assert {d.code for d in got.diagnostics} >= {
        "jargon/term",
        "timeline/vague-acronym",
        "figures/vague-quantity",
        "blame/person-fault",
    }


async def test_diagnostic_fields(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "fields.md", BRIEF)
    got = await published(client, uri, version=1)
    by_rule = {d.code: d for d in got.diagnostics}
    asap = by_rule["timeline/vague-acronym"]
    assert asap.source == "briefcheck"
    assert asap.severity == types.DiagnosticSeverity.Warning
    assert asap.range == rng(2, 36, 2, 40)
    assert asap.data == {
        "rule": "timeline/vague-acronym",
        "category": "timeline",
        "text": "ASAP",
        "replacement": "by HH:MM UTC",
    }
    assert by_rule["blame/person-fault"].severity == types.DiagnosticSeverity.Error
    # No built-in rule has a documentation URL yet, so none may claim one.
    assert all(d.code_description is None for d in got.diagnostics)


async def test_incremental_change_relints_the_unsaved_buffer(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "incremental.md", BRIEF)
    await published(client, uri, version=1)
    # Replace "ASAP" with "by 16:00 UTC" and add a new vague figure on a new line.
    change(
        client,
        uri,
        2,
        (rng(2, 36, 2, 40), "by 16:00 UTC"),
        (rng(4, 0, 4, 0), "It hit many users.\n"),
    )
    got = await published(client, uri, version=2)
    codes = [d.code for d in got.diagnostics]
    assert "timeline/vague-acronym" not in codes
    assert any(d.code.startswith("figures/") and d.range.start.line == 4 for d in got.diagnostics)


async def test_default_debounce_waits_about_250ms(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "debounce.md", BRIEF)
    await published(client, uri, version=1)
    sent = time.monotonic()
    change(client, uri, 2, (rng(0, 2, 0, 2), "Card "))
    got = await published(client, uri, version=2)
    assert got.at - sent >= 0.24


async def test_newer_edits_supersede_pending_lints(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "supersede.md", BRIEF)
    await published(client, uri, version=1)
    first = time.monotonic()
    text = BRIEF
    for version in range(2, 40):
        text = text + "We will fix it soon.\n"
        change(
            client,
            uri,
            version,
            (rng(4 + version - 2, 0, 4 + version - 2, 0), "We will fix it soon.\n"),
        )
    await published(client, uri, version=39)
    await settle(client)
    after = [p for p in client.published if p.uri == uri and p.at > first]
    # Edits sent back to back never outlive a 250 ms debounce: one lint, of the last
    # text (two if a busy machine stalls the server mid-burst), never one per edit.
    versions = [p.version for p in after]
    assert versions[-1] == 39 and len(versions) <= 2 and versions == sorted(versions)


async def test_close_clears_diagnostics(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "close.md", BRIEF)
    got = await published(client, uri, version=1)
    assert got.diagnostics
    before = time.monotonic()
    close_doc(client, uri)
    cleared = await published(client, uri, after=before)
    assert cleared.diagnostics == []


async def test_a_thousand_random_edits_end_where_the_cli_does(client: LanguageClient, workspace):
    rand = random.Random(4)
    path = workspace / "random.md"
    text = BRIEF
    uri = open_doc(client, path, text)
    await published(client, uri, version=1)
    words = [
        "pods",
        "ASAP",
        "soon",
        "many",
        "customers",
        " ",
        "\n",
        "😀",
        "数据",
        "\r\n",
        "Dave broke it. ",
    ]
    started = time.monotonic()
    for version in range(2, 1002):
        lines = text.split("\n")
        line = rand.randrange(len(lines) + 1)  # sometimes one past the end: clamped
        col = rand.randrange(len(lines[line]) + 2) if line < len(lines) else 0
        end_col = col + rand.randrange(3)
        new = rand.choice(words) if rand.random() < 0.7 else ""
        change(
            client,
            uri,
            version,
            (rng(line, utf16(lines, line, col), line, utf16(lines, line, end_col)), new),
        )
        text = apply_local(text, line, col, end_col, new)
    final = await published(client, uri, version=1001)
    elapsed = time.monotonic() - started
    path.write_text(text, encoding="utf-8", newline="")
    assert keys(final.diagnostics) == as_lsp(cli_findings(path), text)
    assert elapsed < 30
    await settle(client, 0.4)
    versions = [p.version for p in client.published if p.uri == uri]
    assert versions == sorted(versions), "an older lint was published after a newer one"
    assert versions[-1] == 1001


def utf16(lines: list[str], line: int, col: int) -> int:
    if line >= len(lines):
        return col
    return len(lines[line][:col].encode("utf-16-le")) // 2 + max(0, col - len(lines[line]))


def apply_local(text: str, line: int, col: int, end_col: int, new: str) -> str:
    """What an editor's buffer holds after the edit, with LSP's clamping to the line."""
    lines = text.split("\n")
    if line >= len(lines):
        return text + new
    start = sum(len(x) + 1 for x in lines[:line])
    content = lines[line][:-1] if lines[line].endswith("\r") else lines[line]
    a, b = start + min(col, len(content)), start + min(end_col, len(content))
    return text[:a] + new + text[b:]


async def test_no_stale_publish_while_lints_are_in_flight(client: LanguageClient, workspace):
    """With no debounce, edits land while the engine runs: older results must be dropped."""
    client.set_configuration({"debounceMs": 0}, section="briefcheck")
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    try:
        await asyncio.sleep(0.3)
        uri = open_doc(client, workspace / "inflight.md", BRIEF)
        await published(client, uri, version=1)
        first = time.monotonic()
        text = BRIEF
        for version in range(2, 62):
            line = BRIEF.count("\n") + version - 2
            addition = "soon. " if version % 2 else "Many users waited.\n"
            change(client, uri, version, (rng(line, 0, line, 0), addition))
            text = apply_local(text, line, 0, 0, addition)
            await asyncio.sleep(0.005 * (version % 4))
        final = await published(client, uri, version=61)
        await settle(client, 0.4)
        versions = [p.version for p in client.published if p.uri == uri and p.at > first]
        assert versions == sorted(versions) and versions[-1] == 61
        path = workspace / "inflight.md"
        path.write_text(text, encoding="utf-8")
        assert keys(final.diagnostics) == as_lsp(cli_findings(path), text)
    finally:
        client.set_configuration({"debounceMs": 250}, section="briefcheck")
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
