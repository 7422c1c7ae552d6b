"""Hostile files: each gets a clear one-line message, and the other files are still checked."""

from __future__ import annotations

import json
import os
import time

import pytest
from click.testing import CliRunner

from briefcheck.cli import main

GOOD = "Payments failed for 12 minutes; next update at 16:00 UTC.\n"
BAD = "We will fix it soon.\n"


SPAN_CATEGORIES = ("--select", "jargon,blame,figures,timeline")


def check(*paths, extra=SPAN_CATEGORIES):
    result = CliRunner().invoke(main, ["check", "--format", "json", *extra, *map(str, paths)])
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    return result.exit_code, files, result.stderr


@pytest.fixture
def bad(tmp_path):
    path = tmp_path / "bad.md"
    path.write_text(BAD)
    return path


def assert_clean_error(err: str, path, reason: str):
    lines = [line for line in err.splitlines() if line.startswith(str(path))]
    assert lines == [f"{path}: error: {reason}"], err
    assert "Traceback" not in err


def test_utf16_with_bom_is_decoded(tmp_path):
    path = tmp_path / "utf16.md"
    path.write_bytes(BAD.encode("utf-16"))
    code, files, _ = check(path)
    assert [d["text"] for d in files[str(path)]["diagnostics"]] == ["soon"]
    assert files[str(path)]["diagnostics"][0]["column"] == 16


def test_file_over_the_size_cap_is_refused(tmp_path, bad):
    big = tmp_path / "big.md"
    with open(big, "wb") as handle:  # 50 MB, written sparse: refused before it is read
        handle.truncate(50 * 1024 * 1024)
    code, files, err = check(big, bad)
    assert code == 2
    assert_clean_error(
        err, big, "file is 52,428,800 bytes, over the 20,000,000-byte limit (max_file_bytes)"
    )
    assert files[str(bad)]["diagnostics"]


def test_size_cap_is_configurable(tmp_path, bad):
    (tmp_path / ".briefcheck.toml").write_text("max_file_bytes = 10\n")
    code, files, err = check(bad)
    assert "over the 10-byte limit" in files[str(bad)]["error"]


def test_hundred_thousand_line_paragraph(tmp_path):
    path = tmp_path / "log.md"
    path.write_text("Then soon\n" * 100_000)
    start = time.perf_counter()
    code, files, err = check(path)
    elapsed = time.perf_counter() - start
    diags = files[str(path)]["diagnostics"]
    assert len([d for d in diags if d["text"] == "soon"]) == 100_000
    assert diags[-1]["line"] == 100_000
    assert "Traceback" not in err
    print(f"100,000-line paragraph linted in {elapsed:.1f} s")


def test_ten_thousand_nested_list_levels(tmp_path, bad):
    path = tmp_path / "nested.md"
    path.write_text("- " * 10_000 + "we will fix it soon\n" + "> " * 10_000 + "soon\n")
    code, files, err = check(path, bad)
    assert "error" not in files[str(path)]
    assert files[str(bad)]["diagnostics"]


def test_symlink_loops(tmp_path, bad):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "ok.md").write_text(BAD)
    os.symlink(folder, folder / "loop")  # a folder that contains itself
    os.symlink(tmp_path / "b.md", tmp_path / "a.md")
    os.symlink(tmp_path / "a.md", tmp_path / "b.md")  # two links that point at each other
    code, files, err = check(folder, tmp_path / "a.md", bad)
    assert code == 2
    assert files[str(folder / "ok.md")]["diagnostics"]
    assert_clean_error(err, tmp_path / "a.md", "Too many levels of symbolic links")
    assert files[str(bad)]["diagnostics"]


def test_unreadable_file(tmp_path, bad, monkeypatch):
    path = tmp_path / "secret.md"
    path.write_text(BAD)
    path.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read itself fail as it would
        from pathlib import Path

        real = Path.read_bytes

        def refuse(self):
            if self.name == "secret.md":
                raise PermissionError(13, "Permission denied", str(self))
            return real(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    code, files, err = check(path, bad)
    assert code == 2
    assert_clean_error(err, path, "permission denied")
    assert files[str(bad)]["diagnostics"]


def test_fifo_is_not_read(tmp_path, bad):
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    code, files, err = check(fifo, tmp_path)  # named, and found in a folder walk
    assert_clean_error(err, fifo, "not a regular file (FIFO, socket or device); skipped")
    assert files[str(bad)]["diagnostics"]


def test_binary_and_invalid_utf8_together(tmp_path, bad):
    (tmp_path / "a.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "b.md").write_bytes(b"fine until \xff here")
    code, files, err = check(tmp_path)
    assert code == 2
    assert f"{tmp_path / 'a.md'}: warning: binary file, skipped" in err
    assert_clean_error(err, tmp_path / "b.md", "invalid UTF-8 at byte offset 11")
    assert files[str(bad)]["diagnostics"]
