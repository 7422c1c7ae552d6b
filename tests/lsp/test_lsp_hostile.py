"""Hostile sessions: many documents at once, a huge buffer, a client that vanishes,
and no network. After each, the server still answers a normal request."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsphelpers import open_doc, published, server_config, start, still_serving
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

BRIEF = "# Update\n\nThe pods crashed and we will fix it ASAP.\n"
NONET = Path(__file__).resolve().parents[1] / "nonet.py"
ATTEMPTS = Path(os.environ.get("TMPDIR", "/tmp")) / f"briefcheck-lsp-net-{os.getpid()}.log"
# The server runs behind the same network guard as the CLI test: any connect or
# DNS lookup raises inside the server and is logged to ATTEMPTS.
GUARDED_SERVER = [sys.executable, str(NONET), str(ATTEMPTS), "serve"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("hostile")


@pytest_lsp.fixture(config=server_config(GUARDED_SERVER), scope="module")
async def client(lsp_client: LanguageClient, workspace):
    ATTEMPTS.unlink(missing_ok=True)
    await start(lsp_client, workspace, {"debounceMs": 0})
    yield
    await lsp_client.shutdown_session()


async def test_hundred_documents_opened_at_once(client: LanguageClient, workspace):
    uris = [
        open_doc(client, workspace / f"doc{i:03}.md", f"# Doc {i}\n\nWe will fix item {i} soon.\n")
        for i in range(100)
    ]
    results = await asyncio.gather(*(published(client, uri, version=1) for uri in uris))
    for uri, got in zip(uris, results, strict=True):
        assert [d.code for d in got.diagnostics if d.code.startswith("timeline")] == [
            "timeline/vague"
        ], uri
    await still_serving(client, workspace, "after-hundred")


async def test_five_megabyte_document(client: LanguageClient, workspace):
    paragraph = (
        "Card payments failed for 12 minutes at 10:40 UTC and about 3% of orders were lost. "
        "We will fix the gateway soon. The next update is at 16:00 UTC.\n\n"
    )
    text = paragraph * (5 * 1024 * 1024 // len(paragraph) + 1)
    assert len(text.encode()) > 5 * 1024 * 1024
    uri = open_doc(client, workspace / "huge.md", text)
    # While the big buffer is linted, other documents are still served.
    started = time.monotonic()
    await still_serving(client, workspace, "during-huge")
    assert time.monotonic() - started < 60
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        done = [p for p in client.published if p.uri == uri and p.version == 1]
        if done:
            break
        await asyncio.sleep(0.5)
    (got,) = done
    soon = [d for d in got.diagnostics if d.code == "timeline/vague"]
    assert len(soon) == text.count(" soon.")
    assert soon[-1].range.start.line == text.count("\n") - 2
    await still_serving(client, workspace, "after-huge")


async def test_no_network_during_a_session(client: LanguageClient, workspace):
    await still_serving(client, workspace, "net")
    score = await client.protocol.send_request_async(
        "briefcheck/score", {"textDocument": {"uri": (workspace / "net.md").as_uri()}}
    )
    assert score is not None
    assert not ATTEMPTS.exists(), ATTEMPTS.read_text()
