"""The server keeps serving: engine crashes, unknown methods, bad edits; and
briefcheck/score."""

from __future__ import annotations

import sys
import time
from collections import Counter

import pytest
import pytest_lsp
from lsphelpers import (
    SERVER,
    as_lsp,
    change,
    cli_findings,
    cli_report,
    keys,
    open_doc,
    published,
    rng,
    server_config,
    start,
    still_serving,
)
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import LanguageClient

pytestmark = pytest.mark.asyncio(loop_scope="module")

BRIEF = "# Update\n\nThe pods crashed and we will fix it ASAP.\n"

# The real server, with an engine that fails on documents containing a marker:
# no input is known to crash the engine, but the next bug will.
FAULTY_SERVER = [
    sys.executable,
    "-c",
    "import briefcheck.engine as engine\n"
    "real = engine.lint_text\n"
    "def lint_text(text, *args, **kwargs):\n"
    "    if 'ENGINE-BUG' in text:\n"
    "        raise RuntimeError('simulated engine bug')\n"
    "    return real(text, *args, **kwargs)\n"
    "engine.lint_text = lint_text\n"
    "from briefcheck.server import serve\n"
    "serve()\n",
]
assert SERVER[-1] == "serve"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    return tmp_path_factory.mktemp("robust")


@pytest_lsp.fixture(config=server_config(FAULTY_SERVER), scope="module")
async def client(lsp_client: LanguageClient, workspace):
    await start(lsp_client, workspace, {"debounceMs": 0})
    yield
    await lsp_client.shutdown_session()


async def test_engine_exception_is_one_error_diagnostic(client: LanguageClient, workspace):
    logged = len(client.log_messages)
    uri = open_doc(client, workspace / "bug.md", "# Update\n\nENGINE-BUG here.\n")
    got = await published(client, uri, version=1)
    (only,) = got.diagnostics
    assert only.severity == types.DiagnosticSeverity.Error
    assert "simulated engine bug" in only.message and "bug.md" in only.message
    # Typing on in the broken document does not repeat the log message.
    change(client, uri, 2, (rng(2, 0, 2, 0), "Still "))
    assert len((await published(client, uri, version=2)).diagnostics) == 1
    errors = [m for m in client.log_messages[logged:] if m.type == types.MessageType.Error]
    assert len(errors) == 1
    # Fixing the text brings the real diagnostics back, in the same session.
    change(client, uri, 3, BRIEF)
    again = await published(client, uri, version=3)
    assert "timeline/vague-acronym" in [d.code for d in again.diagnostics]
    await still_serving(client, workspace, "after-bug")


async def test_unknown_methods_are_refused_not_fatal(client: LanguageClient, workspace):
    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async("briefcheck/noSuchThing", {"x": 1})
    client.protocol.notify("briefcheck/noSuchNotification", {"x": 1})
    await still_serving(client, workspace, "after-unknown")


async def test_out_of_range_and_reversed_edits_are_clamped(client: LanguageClient, workspace):
    path = workspace / "clamp.md"
    uri = open_doc(client, path, BRIEF)
    await published(client, uri, version=1)
    # Past the end of a line, past the end of the document, and end before start.
    change(client, uri, 2, (rng(0, 500, 0, 900), " notes"))
    change(client, uri, 3, (rng(99, 0, 120, 4), "Many customers waited.\n"))
    change(client, uri, 4, (rng(2, 8, 2, 4), "s"))
    got = await published(client, uri, version=4)
    expected = "# Update notes\n\nThe s crashed and we will fix it ASAP.\nMany customers waited.\n"
    path.write_text(expected, encoding="utf-8")
    assert keys(got.diagnostics) == as_lsp(cli_findings(path), expected)


async def test_malformed_messages_do_not_kill_it(client: LanguageClient, workspace):
    uri = open_doc(client, workspace / "malformed.md", BRIEF)
    await published(client, uri, version=1)
    send_raw(client, "textDocument/didChange", {"textDocument": {"uri": 5}})
    send_raw(
        client,
        "textDocument/didChange",
        {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"range": "no", "text": 1}],
        },
    )
    send_raw(client, "textDocument/hover", {"position": "x"}, request_id=99_001)
    client.protocol.writer.write(b"Content-Length: 6\r\n\r\n{oops}")
    change(client, (workspace / "never-opened.md").as_uri(), 1, "text")
    await still_serving(client, workspace, "after-malformed")


def plain(value):
    """A JSON answer as dicts: pygls hands untyped results over as namedtuples."""
    if hasattr(value, "_asdict"):
        value = value._asdict()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def send_raw(client: LanguageClient, method: str, params, request_id: int | None = None) -> None:
    """A JSON-RPC message the typed client API would refuse to build."""
    message = {"jsonrpc": "2.0", "method": method, "params": params}
    if request_id is not None:
        message["id"] = request_id
    client.protocol._send_data(message)


async def test_score_counts_findings_by_category(client: LanguageClient, workspace):
    path = workspace / "score.md"
    path.write_text(BRIEF, encoding="utf-8")
    uri = open_doc(client, path, BRIEF)
    await published(client, uri, version=1)
    answer = await client.protocol.send_request_async(
        "briefcheck/score", {"textDocument": {"uri": uri}}
    )
    answer = plain(answer)
    file_report = cli_report(path)
    categories = Counter(f["category"] for f in file_report["diagnostics"])
    assert answer["counts"] == dict(categories)
    assert answer["score"] == file_report["score"] and 0 <= answer["score"] < 100
    assert answer["grade"] in {"A", "B", "C", "D", "F"}
    assert set(answer["breakdown"]) >= set(categories)
    assert all(answer["breakdown"][c] > 0 for c in categories)
    # The buffer, not the file, is scored: an unsaved edit changes the counts.
    sent = time.monotonic()
    change(client, uri, 2, "# Update\n\nAll good.\n")
    await published(client, uri, version=2, after=sent)
    answer = await client.protocol.send_request_async(
        "briefcheck/score", {"textDocument": {"uri": uri}}
    )
    answer = plain(answer)
    assert "timeline" not in answer["counts"] and "jargon" not in answer["counts"]
    assert answer["breakdown"]["timeline"] == 0


async def test_score_of_a_document_not_open_is_an_error(client: LanguageClient, workspace):
    with pytest.raises(JsonRpcException):
        await client.protocol.send_request_async(
            "briefcheck/score", {"textDocument": {"uri": (workspace / "nope.md").as_uri()}}
        )
    await still_serving(client, workspace, "after-score")


async def test_unsaved_untitled_buffers_are_linted(client: LanguageClient, workspace):
    uri = "untitled:Untitled-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="plaintext", version=1, text="We will fix it ASAP.\n"
            )
        )
    )
    got = await published(client, uri, version=1)
    asap = next(d for d in got.diagnostics if d.code == "timeline/vague-acronym")
    assert asap.range == rng(0, 15, 0, 19)
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=asap.range,
            context=types.CodeActionContext(diagnostics=[asap]),
        )
    )
    disable = next(a for a in actions if a.title.startswith("Disable"))
    (edit,) = disable.edit.document_changes[0].edits
    assert edit.new_text == "# briefcheck-disable-next-line timeline/vague-acronym -- reason\n"
