"""A real third-party client: headless Neovim drives `briefcheck serve`.

Neovim reports columns in bytes, so agreement with the CLI here also shows that
our UTF-16 ranges are read back to the right characters by an editor.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefcheck.cli import main as cli

SCRIPT = Path(__file__).with_name("lsp_client.lua")
BRIEF = (
    "# Payments outage 😀\n"
    "\n"
    "数据 The pods crashed and we will fix it ASAP.\n"
    "Many customers could not pay. 🚀 Dave pushed a bad config.\n"
)


def cli_as_neovim(path: Path) -> list[tuple]:
    """`briefcheck check --format json` findings as Neovim sees them (0-based, byte columns)."""
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    lines = path.read_text(encoding="utf-8").split("\n")

    def byte_col(line: int, column: int) -> int:
        return len(lines[line - 1][: column - 1].encode("utf-8"))

    return sorted(
        (
            f["rule"],
            f["line"] - 1,
            byte_col(f["line"], f["column"]),
            f["end_line"] - 1,
            byte_col(f["end_line"], f["end_column"]),
        )
        for f in json.loads(result.stdout)["files"][0]["diagnostics"]
    )


def as_keys(items: list[dict]) -> list[tuple]:
    return sorted((d["code"], d["lnum"], d["col"], d["end_lnum"], d["end_col"]) for d in items)


@pytest.mark.skipif(shutil.which("nvim") is None, reason="needs nvim (scripts/test.sh installs it)")
def test_neovim_shows_diagnostics_and_applies_a_quick_fix(tmp_path):
    brief = tmp_path / "brief.md"
    brief.write_text(BRIEF, encoding="utf-8")
    out = tmp_path / "result.json"
    env = {**os.environ, "BRIEF": str(brief), "OUT": str(out), "SERVER_PYTHON": sys.executable}
    subprocess.run(
        ["nvim", "--headless", "-u", "NONE", "-c", f"luafile {SCRIPT}"],
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=True,
        capture_output=True,
    )
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["errors"] == []

    seen = as_keys(result["diagnostics"])
    codes = {key[0] for key in seen}
    assert {"jargon/term", "timeline/vague-acronym", "figures/vague-quantity"} <= codes
    assert ("timeline/vague-acronym", 2, 43, 2, 47) in seen  # after "数据 ": 7 bytes, 3 characters
    assert seen == cli_as_neovim(brief)
    assert all(d["source"] == "briefcheck" for d in result["diagnostics"])

    assert result["applied"] == 'Replace "ASAP" with "by HH:MM UTC"'
    fixed = "\n".join(result["lines"]) + "\n"
    assert fixed == BRIEF.replace("ASAP", "by HH:MM UTC")
    brief.write_text(fixed, encoding="utf-8")
    assert as_keys(result["after_fix"]) == cli_as_neovim(brief)
