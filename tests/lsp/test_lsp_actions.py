"""Hover and code actions: quick fix, suppression comment, team glossary."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import pytest_lsp
from lsphelpers import (
    apply_edit,
    change,
    cli_findings,
    open_doc,
    published,
    server_config,
    start,
)
from lsprotocol import types
from pytest_lsp import LanguageClient

from briefcheck.rulepack import load_ruleset

pytestmark = pytest.mark.asyncio(loop_scope="module")

BRIEF = "# Update\n\nThe pods crashed and we will fix it ASAP.\n"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("actions")
    for name in ("briefcheck_toml", "pyproject", "bare", "hover", "text"):
        (root / name).mkdir()
    (root / "briefcheck_toml" / ".briefcheck.toml").write_text(
        '# team terms\nglossary = [\n  "CDN",\n]\n\n[[overrides]]\nfiles = ["status/"]\nkind = "status"\n',
        encoding="utf-8",
    )
    (root / "pyproject" / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.briefcheck]\nkind = "brief"\n\n[tool.ruff]\nline-length = 100\n',
        encoding="utf-8",
    )
    return root


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: LanguageClient, workspace):
    await start(lsp_client, workspace, {"debounceMs": 0})
    yield
    await lsp_client.shutdown_session()


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


async def actions_for(client, uri, diagnostic):
    return await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )


def edits_in(edit: types.WorkspaceEdit) -> dict[str, list[types.TextEdit]]:
    out: dict[str, list[types.TextEdit]] = {}
    for item in edit.document_changes or []:
        if isinstance(item, types.TextDocumentEdit):
            out.setdefault(item.text_document.uri, []).extend(item.edits)
    for uri, edits in (edit.changes or {}).items():
        out.setdefault(uri, []).extend(edits)
    return out


def by_title(actions, start: str) -> types.CodeAction:
    found = [a for a in actions if a.title.startswith(start)]
    assert found, [a.title for a in actions]
    return found[0]


async def relint(client, uri, version, text):
    change(client, uri, version, text)
    return await published(client, uri, version=version)


async def test_hover_explains_the_rule(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "hover" / "brief.md", BRIEF)
    got = await published(client, uri, version=1)
    asap = next(d for d in got.diagnostics if d.code == "timeline/vague-acronym")
    inside = types.Position(line=2, character=asap.range.start.character + 2)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
    )
    rule = load_ruleset().get("timeline/vague-acronym")
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert hover.contents.value == rule.explain_markdown()
    assert rule.what in hover.contents.value and rule.fix in hover.contents.value
    assert hover.range == asap.range
    outside = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=18),  # "and": nothing to say
        )
    )
    assert outside is None


async def test_quick_fix_replaces_the_span(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "hover" / "fix.md", BRIEF)
    got = await published(client, uri, version=1)
    asap = next(d for d in got.diagnostics if d.code == "timeline/vague-acronym")
    action = by_title(await actions_for(client, uri, asap), "Replace")
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred
    text = apply_edit(BRIEF, edits_in(action.edit)[uri])
    assert text == BRIEF.replace("ASAP", "by HH:MM UTC")
    again = await relint(client, uri, 2, text)
    assert "timeline/vague-acronym" not in [d.code for d in again.diagnostics]


async def test_no_replacement_offered_once_the_text_moved(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "hover" / "moved.md", BRIEF)
    got = await published(client, uri, version=1)
    asap = next(d for d in got.diagnostics if d.code == "timeline/vague-acronym")
    change(client, uri, 2, "Something else entirely.\n")
    titles = [a.title for a in await actions_for(client, uri, asap)]
    assert not any(t.startswith("Replace") for t in titles)


async def test_disable_on_this_line_inserts_the_comment(client: LanguageClient, workspace):
    text = "# Update\n\n- First item.\n  The pods crashed ASAP.\n"
    uri = open_doc(client, workspace / "hover" / "disable.md", text)
    got = await published(client, uri, version=1)
    asap = next(d for d in got.diagnostics if d.code == "timeline/vague-acronym")
    action = by_title(await actions_for(client, uri, asap), "Disable timeline/vague-acronym")
    new_text = apply_edit(text, edits_in(action.edit)[uri])
    assert new_text == (
        "# Update\n\n- First item.\n"
        "  <!-- briefcheck-disable-next-line timeline/vague-acronym -- reason -->\n"
        "  The pods crashed ASAP.\n"
    )
    again = await relint(client, uri, 2, new_text)
    codes = [d.code for d in again.diagnostics]
    assert "timeline/vague-acronym" not in codes and "jargon/term" in codes


async def test_disable_in_plain_text_uses_a_hash_line(client: LanguageClient, workspace):
    text = "Update\r\n\r\nWe will fix it ASAP.\r\n"
    uri = open_doc(client, workspace / "text" / "note.txt", text, language="plaintext")
    got = await published(client, uri, version=1)
    asap = next(d for d in got.diagnostics if d.code == "timeline/vague-acronym")
    action = by_title(await actions_for(client, uri, asap), "Disable")
    new_text = apply_edit(text, edits_in(action.edit)[uri])
    assert (
        "\r\n# briefcheck-disable-next-line timeline/vague-acronym -- reason\r\nWe will" in new_text
    )
    again = await relint(client, uri, 2, new_text)
    assert "timeline/vague-acronym" not in [d.code for d in again.diagnostics]


async def test_glossary_edits_the_existing_briefcheck_toml(client: LanguageClient, workspace):
    folder = workspace / "briefcheck_toml"
    before = snapshot(workspace)
    path = folder / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    before = snapshot(workspace)
    uri = open_doc(client, path, BRIEF)
    got = await published(client, uri, version=1)
    pods = next(d for d in got.diagnostics if d.code == "jargon/term")
    actions = await actions_for(client, uri, pods)
    action = by_title(actions, 'Add "pods" to the team glossary')
    assert snapshot(workspace) == before, "a code action wrote to disk"
    config = folder / ".briefcheck.toml"
    ((config_uri, edits),) = edits_in(action.edit).items()
    assert config_uri == config.as_uri()
    updated = apply_edit(config.read_text(encoding="utf-8"), edits)
    assert updated.startswith('# team terms\nglossary = [\n  "CDN",\n  "pods",\n]\n')
    assert updated.endswith('[[overrides]]\nfiles = ["status/"]\nkind = "status"\n')
    # The user accepts the edit and saves; the watcher tells the server.
    config.write_text(updated, encoding="utf-8")
    sent = time.monotonic()
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=config_uri, type=types.FileChangeType.Changed)]
        )
    )
    again = await published(client, uri, after=sent)
    assert "jargon/term" not in [d.code for d in again.diagnostics]
    assert "jargon/term" not in [f["rule"] for f in cli_findings(path)]


async def test_glossary_goes_under_tool_briefcheck_in_pyproject(client: LanguageClient, workspace):
    folder = workspace / "pyproject"
    uri = open_doc(client, folder / "brief.md", BRIEF)
    got = await published(client, uri, version=1)
    pods = next(d for d in got.diagnostics if d.code == "jargon/term")
    action = by_title(await actions_for(client, uri, pods), 'Add "pods"')
    pyproject = folder / "pyproject.toml"
    ((config_uri, edits),) = edits_in(action.edit).items()
    assert config_uri == pyproject.as_uri()
    updated = apply_edit(pyproject.read_text(encoding="utf-8"), edits)
    assert '[tool.briefcheck]\nkind = "brief"\nglossary = ["pods"]\n\n[tool.ruff]' in updated


async def test_glossary_creates_briefcheck_toml_at_the_workspace_root(
    client: LanguageClient, workspace
):
    before = snapshot(workspace)
    uri = open_doc(client, workspace / "bare" / "brief.md", BRIEF)
    got = await published(client, uri, version=1)
    pods = next(d for d in got.diagnostics if d.code == "jargon/term")
    action = by_title(await actions_for(client, uri, pods), 'Add "pods"')
    create, edit = action.edit.document_changes
    assert isinstance(create, types.CreateFile)
    assert create.uri == (workspace / ".briefcheck.toml").as_uri()
    assert edit.text_document.uri == create.uri
    assert [e.new_text for e in edit.edits] == ['glossary = ["pods"]\n']
    assert snapshot(workspace) == before, "a code action wrote to disk"
