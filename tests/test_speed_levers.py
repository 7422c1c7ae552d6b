"""The speed levers change how fast briefcheck answers, never what it answers.

--jobs N lints on several processes: the report is the one a serial run gives.
The result cache returns the findings an earlier run found for the same text,
settings, packs and code; anything changed misses; --no-cache touches nothing.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from briefcheck import batch, cache
from briefcheck.batch import Target, lint_target, lint_targets
from briefcheck.config import ConfigResolver
from briefcheck.findings import Severity

BRIEF = """# Payments outage

Many customers could not pay and we will fix it soon.
Dave pushed a bad config, which was human error.
The pods were OOMKilled after the connection pool ran out.
"""


def _cli(*args: str, cache_dir: Path, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BRIEFCHECK_CACHE_DIR": str(cache_dir)}
    return subprocess.run(
        [sys.executable, "-m", "briefcheck", "check", "--format", "json", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def _findings(result) -> list[tuple]:
    return [(f.rule, f.start, f.end, f.severity, f.message) for f in result.findings]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BRIEFCHECK_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def briefs(tmp_path):
    folder = tmp_path / "briefs"
    folder.mkdir()
    sentences = BRIEF.splitlines()[2:]
    for i in range(12):
        lines = [f"# Incident {i}", "", *(sentences[(i + k) % 3] for k in range(3 + i % 3))]
        (folder / f"brief-{i:02}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "broken.md").write_bytes(b"\x00\x01binary")
    return folder


def test_jobs_give_the_serial_report(briefs, tmp_path, monkeypatch):
    # Small batches run in one process; lower the bar so two workers really run.
    monkeypatch.setattr(batch, "PARALLEL_MIN_BYTES", 0)
    resolver = ConfigResolver(None, {})
    targets = list(batch.expand([str(briefs)]))
    serial = [(r.path, _findings(r), r.error) for r in lint_targets(targets, resolver, jobs=1)]
    parallel = [(r.path, _findings(r), r.error) for r in lint_targets(targets, resolver, jobs=2)]
    assert parallel == serial
    assert any(findings for _, findings, _ in serial)
    assert any(error for _, _, error in serial)  # the binary file is reported


def test_a_batch_leaves_the_collector_as_it_found_it(briefs):
    # The batch makes the cycle collector run less often while it lints; a
    # program that embeds the batch gets its own setting back afterwards.
    before = gc.get_threshold()
    resolver = ConfigResolver(None, {})
    targets = list(batch.expand([str(briefs)]))
    seen = []
    for _ in lint_targets(targets, resolver, jobs=1):
        seen.append(gc.get_threshold())
    assert seen and all(threshold[0] > before[0] for threshold in seen)
    assert gc.get_threshold() == before


def test_cli_jobs_output_matches_serial(briefs, tmp_path):
    serial = _cli("--no-cache", "--jobs", "1", str(briefs), cache_dir=tmp_path / "c", cwd=tmp_path)
    parallel = _cli(
        "--no-cache", "--jobs", "2", str(briefs), cache_dir=tmp_path / "c", cwd=tmp_path
    )
    assert serial.returncode == parallel.returncode == 1
    assert json.loads(parallel.stdout) == json.loads(serial.stdout)
    assert parallel.stderr == serial.stderr
    assert "broken.md: warning" in serial.stderr  # the binary file, skipped in its place


def test_cache_hit_returns_the_same_findings(tmp_path, cache_dir, monkeypatch):
    path = tmp_path / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    resolver = ConfigResolver(None, {})
    first = lint_target(Target(str(path)), resolver)
    assert _files_under(cache_dir / "results")

    # A hit must not lint again: make linting fail loudly if it is reached.
    import briefcheck.engine

    monkeypatch.setattr(briefcheck.engine, "lint_text", _must_not_lint)
    second = lint_target(Target(str(path)), resolver)
    assert second.findings == first.findings
    assert second.findings
    # Fields the comparison leaves out come back too: data, and the Severity type.
    assert [f.data for f in second.findings] == [f.data for f in first.findings]
    assert {type(f.severity) for f in second.findings} == {Severity}


def _must_not_lint(*_args, **_kwargs):
    raise AssertionError("linted again although the result was cached")


@pytest.mark.parametrize("change", ["file", "config", "pack"])
def test_a_change_misses_the_cache(tmp_path, cache_dir, change):
    path = tmp_path / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    pack = tmp_path / "team.yml"
    pack.write_text(_team_pack("outage"), encoding="utf-8")  # fires on the title
    config = tmp_path / ".briefcheck.toml"
    config.write_text('extra_rules = ["team.yml"]\n', encoding="utf-8")

    before = lint_target(Target(str(path)), ConfigResolver(None, {}))
    entries = _files_under(cache_dir / "results")
    if change == "file":
        path.write_text(BRIEF + "\nRequests to payments-api-v2 failed.\n", encoding="utf-8")
    elif change == "config":
        config.write_text('extra_rules = ["team.yml"]\nignore = ["jargon"]\n', encoding="utf-8")
    else:
        pack.write_text(_team_pack("customers"), encoding="utf-8")
    after = lint_target(Target(str(path)), ConfigResolver(None, {}))

    assert _files_under(cache_dir / "results") > entries  # linted again, stored anew
    assert _findings(after) != _findings(before)
    if change == "pack":
        assert any(f.rule == "jargon/team-word" and f.text == "customers" for f in after.findings)


def _team_pack(word: str) -> str:
    return f"""rules:
  - id: jargon/team-word
    category: jargon
    severity: warning
    message: "Team word {{text}}."
    what: A word only our team uses.
    why: GOV.UK plain language guidance says to use words the reader knows.
    fix: Say it plainly.
    phrases: ["{word}"]
    examples:
      fire: ["The {word} went down."]
      quiet: ["The site went down."]
"""


def test_no_cache_writes_nothing(tmp_path):
    cache_dir = tmp_path / "cache"
    path = tmp_path / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    run = _cli("--no-cache", str(path), cache_dir=cache_dir, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["files"][0]["diagnostics"]
    assert _files_under(cache_dir) == set()

    cached = _cli(str(path), cache_dir=cache_dir, cwd=tmp_path)
    assert json.loads(cached.stdout) == json.loads(run.stdout)
    assert _files_under(cache_dir / "results")  # without the flag, results are kept


def test_unusable_cache_dir_is_not_an_error(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache dir should be", encoding="utf-8")
    path = tmp_path / "brief.md"
    path.write_text(BRIEF, encoding="utf-8")
    run = _cli(str(path), cache_dir=blocked, cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    assert json.loads(run.stdout)["files"][0]["diagnostics"]
    assert run.stderr.count("error") == 0


def test_cache_disable_turns_reads_off(tmp_path, cache_dir, monkeypatch):
    cache.store("results", "k" * 64, ["stored"])
    assert cache.load("results", "k" * 64) == ["stored"]
    monkeypatch.setattr(cache, "_enabled", True)
    cache.disable()
    assert cache.load("results", "k" * 64) is None
