"""Hostile sessions: many documents at once, a huge buffer, a client that vanishes,
and no network. After each, the server still answers a normal request."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import pytest_lsp
from lsphelpers import open_doc, published, server_config, start
from lsprotocol import types
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


async def still_serving(client: LanguageClient, workspace, name: str) -> None:
    uri = open_doc(client, workspace / f"{name}.md", BRIEF)
    got = await published(client, uri, version=1)
    assert "timeline/vague-acronym" in [d.code for d in got.diagnostics]
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=2, character=BRIEF.splitlines()[2].index("ASAP") + 1),
        )
    )
    assert hover is not None and "timeline/vague-acronym" in hover.contents.value


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


def _message(payload: dict) -> bytes:
    body = json.dumps(payload).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        children = (task / "children").read_text().split() if (task / "children").exists() else []
        found += [int(c) for c in children]
    return found


def test_client_that_disconnects_without_shutdown(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-m", "briefcheck", "serve"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    init = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "initialize",
        "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
    }
    proc.stdin.write(_message(init))
    proc.stdin.flush()
    header = proc.stdout.readline()  # the initialize answer: the server is up
    assert header.startswith(b"Content-Length")
    opened = {
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {
            "textDocument": {
                "uri": (tmp_path / "a.md").as_uri(),
                "languageId": "markdown",
                "version": 1,
                # Big enough that its lint is still running when the client goes.
                "text": BRIEF * 40_000,
            }
        },
    }
    proc.stdin.write(_message({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
    proc.stdin.write(_message(opened))
    proc.stdin.flush()
    time.sleep(0.5)
    children = _children(proc.pid)
    assert proc.poll() is None
    proc.stdin.close()  # the editor crashed mid-lint: no shutdown, no exit
    start = time.monotonic()
    try:
        proc.wait(timeout=2)
    except subprocess.TimeoutExpired:
        proc.kill()
        pytest.fail("the server did not exit within 2 s of losing its client")
    assert time.monotonic() - start < 2
    assert proc.returncode is not None
    for child in children:
        assert not Path(f"/proc/{child}").exists(), f"child {child} outlived the server"
