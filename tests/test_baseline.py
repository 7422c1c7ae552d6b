"""Baselines: record today's findings, then report only new ones, across edits."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefcheck.cli import main

BRIEF = (
    "# Checkout outage\n\nCard payments failed from 09:48 to 10:40 UTC.\n\nWe will fix it ASAP.\n"
)


# Only the word-level categories: whole-document rules (missing parts of a
# brief) would fire on these short texts and are not what is being tested.
SELECT = ("--select", "blame,timeline")


def run(*args):
    result = CliRunner().invoke(main, [*args, *SELECT])
    return result.exit_code, result.stdout, result.stderr


def findings(out):
    return [
        (entry["path"], d["rule"], d["text"], d["line"])
        for entry in json.loads(out)["files"]
        for d in entry.get("diagnostics", [])
    ]


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    (tmp_path / "incidents").mkdir()
    (tmp_path / "incidents" / "a.md").write_text(BRIEF, "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_round_trip_reports_exactly_the_new_finding(corpus):
    code, _, err = run("check", "incidents", "--write-baseline", "baseline.json")
    assert code == 0
    assert "Wrote 1 finding in 1 file to baseline baseline.json." in err
    code, out, _ = run("check", "incidents", "--baseline", "baseline.json", "--format", "json")
    assert (code, findings(out)) == (0, [])

    # Edit above the known finding (it moves down three lines) and add one new fault.
    edited = (
        BRIEF.replace(
            "# Checkout outage\n\n",
            "# Checkout outage\n\nHi Sam,\n\nA short update.\n\n",
        )
        + "\nThe on-call engineer should have caught it.\n"
    )
    (corpus / "incidents" / "a.md").write_text(edited, "utf-8")
    code, out, _ = run("check", "incidents", "--baseline", "baseline.json", "--format", "json")
    assert code == 1
    assert findings(out) == [("incidents/a.md", "blame/counterfactual", "should have caught", 11)]
    # Without the baseline both are there: the old one only moved.
    _, out, _ = run("check", "incidents", "--format", "json")
    assert [(rule, line) for _, rule, _, line in findings(out)] == [
        ("timeline/vague-acronym", 9),
        ("blame/counterfactual", 11),
    ]


def test_baseline_counts_duplicates(corpus):
    run("check", "incidents", "--write-baseline", "baseline.json")
    entry = json.loads((corpus / "baseline.json").read_text("utf-8"))["findings"][0]
    assert entry == {
        "file": "incidents/a.md",
        "rule": "timeline/vague-acronym",
        "text": "ASAP",
        "count": 1,
    }
    # A second ASAP in the same file is new even though its key is known.
    (corpus / "incidents" / "a.md").write_text(BRIEF + "\nThe report comes ASAP.\n", "utf-8")
    _, out, _ = run("check", "incidents", "--baseline", "baseline.json", "--format", "json")
    assert [(rule, text, line) for _, rule, text, line in findings(out)] == [
        ("timeline/vague-acronym", "ASAP", 7)
    ]


def test_baseline_is_keyed_by_file(corpus):
    run("check", "incidents", "--write-baseline", "baseline.json")
    (corpus / "incidents" / "b.md").write_text(BRIEF, "utf-8")
    _, out, _ = run("check", "incidents", "--baseline", "baseline.json", "--format", "json")
    assert [(path, rule) for path, rule, _, _ in findings(out)] == [
        ("incidents/b.md", "timeline/vague-acronym")
    ]


def test_baseline_works_from_another_folder_and_path_spelling(corpus, monkeypatch):
    run("check", "./incidents/a.md", "--write-baseline", "baseline.json")
    monkeypatch.chdir(corpus / "incidents")
    code, out, _ = run("check", "a.md", "--baseline", "../baseline.json", "--format", "json")
    assert (code, findings(out)) == (0, [])
    code, out, _ = run(
        "check", str(corpus / "incidents"), "--baseline", str(corpus / "baseline.json")
    )
    assert code == 0 and "All clear" in out


def test_baseline_applies_to_every_format(corpus):
    run("check", "incidents", "--write-baseline", "baseline.json")
    _, out, _ = run("check", "incidents", "--baseline", "baseline.json", "--format", "sarif")
    assert json.loads(out)["runs"][0]["results"] == []
    _, out, _ = run("check", "incidents", "--baseline", "baseline.json", "--statistics")
    assert out.strip() == "All clear: no findings in 1 file."


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "no such file (create it with --write-baseline)"),
        ("{not json", "not JSON (line 1"),
        ('{"findings": []}', 'not a briefcheck baseline (expected "briefcheck_baseline": 1)'),
        ('{"briefcheck_baseline": 1, "findings": [{"file": "a.md"}]}', "entry 1 lacks"),
        (
            '{"briefcheck_baseline": 1, "findings": '
            '[{"file": "a.md", "rule": "r", "text": "t", "count": 0}]}',
            "entry 1 has a count that is not a positive number",
        ),
    ],
)
def test_bad_baseline_is_a_clear_error(corpus, content, reason):
    if content is not None:
        (corpus / "baseline.json").write_text(content, "utf-8")
    code, out, err = run("check", "incidents", "--baseline", "baseline.json")
    assert code == 2 and out == ""
    assert f"briefcheck: error: baseline baseline.json: {reason}" in err


def test_baseline_and_write_baseline_together_is_a_usage_error(corpus):
    code, _, err = run("check", "incidents", "--baseline", "b.json", "--write-baseline", "b.json")
    assert code == 2 and "cannot be used together" in err
    assert not (corpus / "b.json").exists()


def test_write_baseline_into_a_missing_folder_fails_cleanly(corpus):
    code, _, err = run("check", "incidents", "--write-baseline", "no/such/dir/b.json")
    assert code == 2
    assert "briefcheck: error: cannot write baseline no/such/dir/b.json:" in err
