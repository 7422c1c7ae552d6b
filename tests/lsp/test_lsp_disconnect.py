"""A client that vanishes without shutdown: the server exits at once, leaving no
children, even with a lint still running."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

BRIEF = "# Update\n\nThe pods crashed and we will fix it ASAP.\n"


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
