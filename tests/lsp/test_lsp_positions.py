"""LSP ranges in UTF-16 code units: astral characters, CJK, CRLF."""

from __future__ import annotations

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
    start,
)
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("positions")


@pytest_lsp.fixture(config=server_config(), scope="module")
async def client(lsp_client: LanguageClient, workspace):
    await start(lsp_client, workspace)
    yield
    await lsp_client.shutdown_session()


def span(diagnostics, rule):
    found = [d.range for d in diagnostics if d.code == rule]
    assert found, f"no {rule} in {[d.code for d in diagnostics]}"
    return found[0]


async def test_astral_characters_count_two_units(client: LanguageClient, workspace):
    # Each emoji is one code point but two UTF-16 units: "ASAP" starts at unit 4 + 15.
    text = "# Update\n\n😀🚀 We will fix it ASAP.\n"
    uri = open_doc(client, workspace / "emoji.md", text)
    got = await published(client, uri, version=1)
    assert span(got.diagnostics, "timeline/vague-acronym") == rng(2, 20, 2, 24)


async def test_cjk_characters_count_one_unit(client: LanguageClient, workspace):
    text = "# 更新\n\n数据库 We will fix it ASAP.\n"
    uri = open_doc(client, workspace / "cjk.md", text)
    got = await published(client, uri, version=1)
    assert span(got.diagnostics, "timeline/vague-acronym") == rng(2, 19, 2, 23)


async def test_crlf_line_endings(client: LanguageClient, workspace):
    text = "# Update\r\n\r\nThe pods crashed.\r\nWe will fix it ASAP.\r\n"
    uri = open_doc(client, workspace / "crlf.md", text)
    got = await published(client, uri, version=1)
    assert span(got.diagnostics, "jargon/term") == rng(2, 4, 2, 8)
    assert span(got.diagnostics, "timeline/vague-acronym") == rng(3, 15, 3, 19)


async def test_edits_in_utf16_units_land_on_the_right_code_points(
    client: LanguageClient, workspace
):
    text = "# Update\r\n\r\n😀 We will fix it soon.\r\n"
    uri = open_doc(client, workspace / "edit.md", text)
    await published(client, uri, version=1)
    # Units 18..22 on line 2 are "soon" (the emoji is units 0-1).
    change(client, uri, 2, (rng(2, 18, 2, 22), "ASAP 🚀"))
    got = await published(client, uri, version=2)
    assert span(got.diagnostics, "timeline/vague-acronym") == rng(2, 18, 2, 22)
    # A second edit after the new emoji: "." sits at unit 25, after "ASAP 🚀".
    change(client, uri, 3, (rng(2, 25, 2, 26), " soon."))
    got = await published(client, uri, version=3)
    assert span(got.diagnostics, "timeline/vague") == rng(2, 26, 2, 30)


async def test_mixed_document_matches_the_cli(client: LanguageClient, workspace):
    text = (
        "# 障害 😀 update\r\n\r\n"
        "𝒜 The pods crashed 🚀🚀 and many customers saw errors.\r\n"
        "数据 We will fix it ASAP. Dave broke the database.\r\n"
    )
    path = workspace / "mixed.md"
    path.write_text(text, encoding="utf-8", newline="")
    uri = open_doc(client, path, text)
    got = await published(client, uri, version=1)
    assert len(got.diagnostics) >= 4
    assert keys(got.diagnostics) == as_lsp(cli_findings(path), text)


async def test_only_lsp_line_endings_start_lines(client: LanguageClient, workspace):
    # U+2028, U+0085 and form feed end lines for Python's str.splitlines, not for LSP.
    text = "# Update\n\nOne\u2028two\x0cthree\u0085 we will fix it ASAP.\n"
    uri = open_doc(client, workspace / "separators.md", text)
    got = await published(client, uri, version=1)
    assert span(got.diagnostics, "timeline/vague-acronym") == rng(2, 30, 2, 34)
    change(client, uri, 2, (rng(2, 30, 2, 34), "soon"))
    got = await published(client, uri, version=2)
    assert span(got.diagnostics, "timeline/vague") == rng(2, 30, 2, 34)
