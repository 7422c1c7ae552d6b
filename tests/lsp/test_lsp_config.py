"""Settings and config files: initializationOptions, workspace/configuration,
didChangeConfiguration, watched config files, and agreement with the CLI."""

from __future__ import annotations

import asyncio
import time

import pytest
import pytest_lsp
from lsphelpers import (
    as_lsp,
    change,
    cli_findings,
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

BRIEF = "# Update\n\nThe pods crashed and we will fix it ASAP.\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("config")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: LanguageClient, workspace):
    # initializationOptions say engineering; the pulled settings say executive and win.
    lsp_client.set_configuration(
        {"audience": "executive", "debounceMs": 0, "kind": "brief"}, section="briefcheck"
    )
    await start(lsp_client, workspace, {"audience": "engineering", "debounceMs": 900})
    yield
    await lsp_client.shutdown_session()


def codes(published_item):
    return [d.code for d in published_item.diagnostics]


async def configure(client: LanguageClient, **settings) -> float:
    current = client.get_configuration(section="briefcheck") or {}
    client.set_configuration({**current, **settings}, section="briefcheck")
    sent = time.monotonic()
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=None))
    return sent


async def test_registers_watchers_for_config_files(client: LanguageClient):
    for _ in range(500):  # the registration arrives right after initialized
        if getattr(client, "registrations", None):
            break
        await asyncio.sleep(0.01)
    methods = {r.method: r for r in getattr(client, "registrations", [])}
    watch = methods[types.WORKSPACE_DID_CHANGE_WATCHED_FILES].register_options
    globs = sorted(w["globPattern"] for w in watch["watchers"])
    assert globs == ["**/*.yaml", "**/*.yml", "**/.briefcheck.toml", "**/pyproject.toml"]


async def test_pulled_settings_win_over_initialization_options(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "pulled.md", BRIEF)
    got = await published(client, uri, version=1)
    assert "jargon/term" in codes(got)  # executive audience: jargon is flagged


async def test_did_change_configuration_relints_open_documents(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "relint.md", BRIEF)
    got = await published(client, uri, version=1)
    assert "jargon/term" in codes(got)
    sent = await configure(client, audience="engineering")
    again = await published(client, uri, after=sent)
    assert "jargon/term" not in codes(again)
    assert "timeline/vague-acronym" in codes(again)
    sent = await configure(client, audience="executive")
    assert "jargon/term" in codes(await published(client, uri, after=sent))


async def test_configured_debounce_is_used(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "debounce.md", BRIEF)
    await published(client, uri, version=1)
    sent = await configure(client, debounceMs=700)
    await published(client, uri, after=sent)
    sent = time.monotonic()
    change(client, uri, 2, (rng(2, 0, 2, 0), "Now "))
    got = await published(client, uri, version=2)
    assert got.at - sent >= 0.69
    await configure(client, debounceMs=0)


async def test_disabling_clears_and_enabling_relints(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "enable.md", BRIEF)
    assert (await published(client, uri, version=1)).diagnostics
    sent = await configure(client, enable=False)
    # A lint already under way when the setting arrived may still publish first;
    # what counts is that the document ends up clear and stays clear.
    await settle(client)
    last = [p for p in client.published if p.uri == uri and p.at > sent][-1]
    assert last.diagnostics == []
    sent = await configure(client, enable=True)
    assert (await published(client, uri, after=sent)).diagnostics


async def test_config_files_apply_as_for_the_cli(client: LanguageClient, workspace):
    folder = workspace / "project"
    folder.mkdir()
    (folder / ".briefcheck.toml").write_text(
        'ignore = ["timeline"]\n[severity]\njargon = "error"\n', encoding="utf-8"
    )
    path = folder / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    uri = open_doc(client, path, BRIEF)
    got = await published(client, uri, version=1)
    assert keys(got.diagnostics) == as_lsp(cli_findings(path), BRIEF)
    assert "timeline/vague-acronym" not in codes(got)
    pods = next(d for d in got.diagnostics if d.code == "jargon/term")
    assert pods.severity == types.DiagnosticSeverity.Error


async def test_a_project_audience_wins_over_the_editor_default(client: LanguageClient, workspace):
    folder = workspace / "engineers"
    folder.mkdir()
    (folder / ".briefcheck.toml").write_text('audience = "engineering"\n', encoding="utf-8")
    path = folder / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    uri = open_doc(client, path, BRIEF)
    got = await published(client, uri, version=1)
    assert "jargon/term" not in codes(got)
    assert keys(got.diagnostics) == as_lsp(cli_findings(path), BRIEF)


async def test_changed_config_file_relints(client: LanguageClient, workspace):
    folder = workspace / "watched"
    folder.mkdir()
    path = folder / "brief.md"
    uri = open_doc(client, path, BRIEF)
    assert "jargon/term" in codes(await published(client, uri, version=1))
    config = folder / "pyproject.toml"
    config.write_text('[tool.briefcheck]\nglossary = ["pods"]\n', encoding="utf-8")
    sent = time.monotonic()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]
        )
    )
    again = await published(client, uri, after=sent)
    assert "jargon/term" not in codes(again)


async def test_broken_config_file_is_one_clear_diagnostic(client: LanguageClient, workspace):
    folder = workspace / "broken"
    folder.mkdir()
    (folder / ".briefcheck.toml").write_text('audience = "board"\n', encoding="utf-8")
    uri = open_doc(client, folder / "brief.md", BRIEF)
    got = await published(client, uri, version=1)
    (only,) = got.diagnostics
    assert only.severity == types.DiagnosticSeverity.Error
    assert ".briefcheck.toml" in only.message and "audience" in only.message


async def test_rule_url_becomes_code_description(client: LanguageClient, workspace):
    folder = workspace / "house-rules"
    folder.mkdir()
    (folder / "house.yml").write_text(
        "rules:\n"
        "  - id: jargon/house-name\n"
        "    category: jargon\n"
        "    severity: info\n"
        "    message: '\"{text}\" is our internal name for the ledger.'\n"
        "    what: Flags the internal ledger name.\n"
        "    why: Readers outside the team do not know it (GOV.UK content design).\n"
        '    fix: Say "the payments ledger".\n'
        "    url: https://example.org/briefcheck/jargon/house-name\n"
        "    phrases: [frobnicator]\n"
        "    examples:\n"
        "      fire: [The frobnicator stalled.]\n"
        "      quiet: [The payments ledger stalled.]\n",
        encoding="utf-8",
    )
    (folder / ".briefcheck.toml").write_text('extra_rules = ["house.yml"]\n', encoding="utf-8")
    text = "# Update\n\nThe frobnicator stalled.\n"
    path = folder / "brief.md"
    path.write_text(text, encoding="utf-8")
    uri = open_doc(client, path, text)
    got = await published(client, uri, version=1)
    house = next(d for d in got.diagnostics if d.code == "jargon/house-name")
    assert house.code_description.href == "https://example.org/briefcheck/jargon/house-name"
    assert house.severity == types.DiagnosticSeverity.Information
    assert house.range == rng(2, 4, 2, 15)
    assert keys(got.diagnostics) == as_lsp(cli_findings(path), text)


def _house_pack(word: str) -> str:
    return (
        "rules:\n"
        "  - id: jargon/house-word\n"
        "    category: jargon\n"
        "    severity: warning\n"
        "    message: '\"{text}\" is a house word.'\n"
        "    what: Flags a house word.\n"
        "    why: Readers outside the team do not know it (GOV.UK content design).\n"
        "    fix: Say what it is.\n"
        f"    phrases: [{word}]\n"
        "    examples:\n"
        f"      fire: [The {word} stalled.]\n"
        "      quiet: [The ledger stalled.]\n"
    )


async def test_an_edited_rule_pack_applies_without_a_restart(client: LanguageClient, workspace):
    folder = workspace / "pack-edit"
    folder.mkdir()
    pack = folder / "house.yml"
    pack.write_text(_house_pack("frobnicator"), encoding="utf-8")
    (folder / ".briefcheck.toml").write_text('extra_rules = ["house.yml"]\n', encoding="utf-8")
    text = "# Update\n\nThe frobnicator stalled and the gizmo restarted.\n"
    path = folder / "brief.md"
    path.write_text(text, encoding="utf-8")
    uri = open_doc(client, path, text)
    got = await published(client, uri, version=1)
    assert [d.range for d in got.diagnostics if d.code == "jargon/house-word"] == [rng(2, 4, 2, 15)]

    # The user saves the pack with another word; the client's watcher reports it.
    pack.write_text(_house_pack("gizmo"), encoding="utf-8")
    sent = time.monotonic()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=pack.as_uri(), type=types.FileChangeType.Changed)]
        )
    )
    again = await published(client, uri, after=sent)
    assert [d.range for d in again.diagnostics if d.code == "jargon/house-word"] == [
        rng(2, 32, 2, 37)
    ]
    assert keys(again.diagnostics) == as_lsp(cli_findings(path), text)


async def test_buffer_over_the_size_limit_is_refused_like_the_cli(
    client: LanguageClient, workspace
):
    folder = workspace / "small-limit"
    folder.mkdir()
    (folder / ".briefcheck.toml").write_text("max_file_bytes = 100\n", encoding="utf-8")
    uri = open_doc(client, folder / "big.md", BRIEF * 5)
    got = await published(client, uri, version=1)
    (only,) = got.diagnostics
    assert "max_file_bytes" in only.message
    change(client, uri, 2, BRIEF)
    assert "jargon/term" in codes(await published(client, uri, version=2))


@pytest_lsp.fixture(config=server_config(), scope="module")
async def push_client(lsp_client: LanguageClient, workspace):
    # Neovim 0.7's capabilities: no workspace/configuration, settings are pushed.
    await start(
        lsp_client, workspace, {"debounceMs": 0, "audience": "engineering"}, editor="neovim@v0.7.0"
    )
    yield
    await lsp_client.shutdown_session()


async def test_pushed_settings_apply_for_clients_without_pull(
    push_client: LanguageClient, workspace
):
    uri = open_doc(push_client, workspace / "pushed.md", BRIEF)
    # initializationOptions chose the engineering audience: no jargon findings.
    first = await published(push_client, uri, version=1)
    assert "jargon/term" not in codes(first) and "timeline/vague-acronym" in codes(first)
    sent = time.monotonic()
    push_client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(settings={"briefcheck": {"audience": "executive"}})
    )
    again = await published(push_client, uri, after=sent)
    assert "jargon/term" in codes(again)
    assert not getattr(push_client, "registrations", None)  # nothing it cannot do was asked


async def test_config_edits_apply_without_a_file_watcher(push_client: LanguageClient, workspace):
    folder = workspace / "unwatched"
    folder.mkdir()
    uri = open_doc(push_client, folder / "brief.md", BRIEF)
    assert "timeline/vague-acronym" in codes(await published(push_client, uri, version=1))
    (folder / ".briefcheck.toml").write_text('ignore = ["timeline"]\n', encoding="utf-8")
    change(push_client, uri, 2, BRIEF + "\n")  # the next edit sees the new file
    assert "timeline/vague-acronym" not in codes(await published(push_client, uri, version=2))


async def test_invalid_settings_are_reported_and_ignored(push_client: LanguageClient, workspace):
    logged = len(push_client.log_messages)
    push_client.workspace_did_change_configuration(
        types.DidChangeConfigurationParams(
            settings={"briefcheck": {"audience": "board", "debounceMs": -5, "enable": "yes"}}
        )
    )
    uri = open_doc(push_client, workspace / "invalid-settings.md", BRIEF)
    got = await published(push_client, uri, version=1)
    assert "timeline/vague-acronym" in codes(got)  # still enabled, still linting
    warnings = [m.message for m in push_client.log_messages[logged:]]
    assert any("briefcheck.audience" in m and "'board'" in m for m in warnings)
    assert any("briefcheck.debounceMs" in m for m in warnings)
    assert any("briefcheck.enable" in m for m in warnings)
