"""The linter never opens a socket: every command runs with the network blocked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

NONET = Path(__file__).with_name("nonet.py")
BRIEF = "# Outage\n\nMany customers could not pay. We will fix it soon.\n"


def run_blocked(tmp_path, *args, input=None):
    log = tmp_path / "attempts.log"
    proc = subprocess.run(
        [sys.executable, str(NONET), str(log), *args],
        capture_output=True,
        text=True,
        input=input,
        cwd=tmp_path,
        timeout=300,
    )
    attempts = log.read_text() if log.exists() else ""
    return proc, attempts


def test_the_guard_itself_catches_a_connection(tmp_path):
    # Without this, a broken guard would make every test below pass.
    log = tmp_path / "attempts.log"
    code = f"import nonet; nonet.install({str(log)!r}); import socket; socket.create_connection(('127.0.0.1', 9))"
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=NONET.parent
    )
    assert proc.returncode != 0
    assert "network blocked" in proc.stderr
    assert "create_connection" in log.read_text()


@pytest.mark.parametrize(
    "args",
    [
        ["check", "brief.md"],
        ["check", "--format", "json", "brief.md"],
        ["check", "--format", "sarif", "brief.md"],
        ["score", "brief.md"],
        ["explain", "timeline/vague"],
        ["rules"],
        ["new", "--kind", "brief", "-"],
    ],
    ids=lambda a: " ".join(a),
)
def test_cli_commands_make_no_connection(tmp_path, args):
    (tmp_path / "brief.md").write_text(BRIEF)
    proc, attempts = run_blocked(tmp_path, *args)
    assert attempts == "", attempts
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode in (0, 1), proc.stderr


def test_check_writes_only_where_asked(tmp_path):
    (tmp_path / "brief.md").write_text(BRIEF)
    before = sorted(p.name for p in tmp_path.iterdir())
    proc, attempts = run_blocked(tmp_path, "check", "brief.md")
    after = sorted(p.name for p in tmp_path.iterdir() if p.name != "attempts.log")
    assert after == before
