"""briefcheck score: the formula, its monotonicity, the CLI and check's "score" field."""

from __future__ import annotations

import json
import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefcheck.findings import Finding, Severity
from briefcheck.score import CATEGORIES, diff_drafts, points, score_findings, score_text

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"

RULES = [
    ("structure/missing-impact", "structure"),
    ("structure/missing-updates", "structure"),
    ("structure/placeholder", "structure"),
    ("blame/person-fault", "blame"),
    ("jargon/term", "jargon"),
    ("figures/vague-quantity", "figures"),
    ("timeline/vague", "timeline"),
    ("readability/long-sentence", "readability"),
    ("readability/grade", "readability"),
    ("length/too-long", "length"),
    ("tone/hedging", "tone"),
]


def make(rule: str, category: str, at: int = 0, text: str = "x", over: int = 0) -> Finding:
    return Finding(
        rule=rule,
        category=category,
        severity=Severity.WARNING,
        message=f"{rule} message",
        start=at,
        end=at + len(text),
        line=1,
        column=at + 1,
        end_line=1,
        end_column=at + 1 + len(text),
        text=text,
        data={"over": over} if category == "length" else {},
    )


findings_strategy = st.lists(
    st.builds(
        lambda pick, at, over: make(*RULES[pick], at=at, over=over),
        st.integers(0, len(RULES) - 1),
        st.integers(0, 5000),
        st.integers(0, 2000),
    ),
    max_size=40,
)


@settings(max_examples=300, deadline=None)
@given(findings_strategy, st.data())
def test_removing_a_finding_never_lowers_the_score(findings, data):
    if not findings:
        return
    drop = data.draw(st.integers(0, len(findings) - 1))
    fewer = findings[:drop] + findings[drop + 1 :]
    assert points(fewer) >= points(findings)


@settings(max_examples=200, deadline=None)
@given(findings_strategy)
def test_score_stays_between_0_and_100_with_every_category_listed(findings):
    report = score_findings(findings)
    assert 0 <= report.score <= 100
    assert set(CATEGORIES) <= set(report.breakdown)
    assert all(cost >= 0 for cost in report.breakdown.values())
    assert report.grade in "ABCDF"


def test_clean_draft_scores_100_a():
    report = score_findings([])
    assert (report.score, report.grade, report.top_changes) == (100, "A", [])


def test_costs_match_the_documented_weights():
    one_blame = score_findings([make("blame/person-fault", "blame")])
    assert one_blame.breakdown["blame"] == 20 * (1 - 2.718281828 ** (-8 / 20)) // 0.01 / 100
    assert one_blame.score == 93
    many_jargon = score_findings([make("jargon/term", "jargon", at=i) for i in range(10)])
    assert 12 < many_jargon.breakdown["jargon"] < 15  # 30 raw points bend towards the cap


def test_longer_overrun_costs_more():
    a = points([make("length/too-long", "length", over=10)])
    b = points([make("length/too-long", "length", over=300)])
    assert b < a < 100


def test_top_changes_are_the_biggest_gains_first():
    findings = [
        make("jargon/term", "jargon", at=1, text="p99"),
        make("blame/person-fault", "blame", at=10, text="Dave pushed a bad config"),
        make("blame/person-fault", "blame", at=50, text="John forgot"),
        make("structure/missing-updates", "structure"),
        make("readability/long-sentence", "readability", at=90),
    ]
    report = score_findings(findings)
    changes = report.top_changes
    assert len(changes) == 3
    assert [c.gain for c in changes] == sorted((c.gain for c in changes), reverse=True)
    assert changes[0].rule == "structure/missing-updates"  # a missing part weighs most
    blame = next(c for c in changes if c.rule == "blame")
    assert blame.count == 2 and '"Dave pushed a bad config"' in blame.description
    for change in changes:
        fixed = [
            f
            for f in findings
            if (f.rule if f.category == "structure" else f.category) != change.rule
        ]
        assert points(fixed) - report.score == change.gain


def test_drafts_diff_matches_findings_by_rule_and_text():
    old = [
        make("jargon/term", "jargon", at=5, text="p99"),
        make("timeline/vague", "timeline", text="ASAP"),
    ]
    new = [
        make("jargon/term", "jargon", at=40, text="p99"),
        make("figures/vague-quantity", "figures", text="many"),
    ]
    diff = diff_drafts(score_findings(old), old, score_findings(new), new)
    assert [f.text for f in diff.fixed] == ["ASAP"]
    assert [f.text for f in diff.added] == ["many"]


def test_score_text_reports_words_and_reading_ease():
    report, findings = score_text((EXAMPLES / "good-brief.md").read_text(encoding="utf-8"))
    assert report.words and report.words > 100
    assert 0 < report.reading_ease <= 100 and report.reading_grade < 12
    assert report.score == score_findings(findings).score


# ---------------------------------------------------------------- the command line


def briefcheck(*args: str):
    """Run the CLI in this process (spaCy loads once for the whole module)."""
    from click.testing import CliRunner

    from briefcheck.cli import main

    # Paths in the output are as given, relative to the repository.
    here = os.getcwd()
    os.chdir(REPO)
    try:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)
    finally:
        os.chdir(here)


def test_score_command_on_the_examples():
    """Bad brief well below 50, good one above 85, with the breakdown and fixes."""
    done = briefcheck(
        "score", "--format", "json", "examples/bad-brief.md", "examples/good-brief.md"
    )
    assert done.exit_code == 0, done.output
    bad, good = json.loads(done.stdout)["files"]
    assert bad["score"] < 50 < 85 < good["score"]
    assert bad["grade"] == "F" and good["grade"] in "AB"
    assert set(CATEGORIES) <= set(bad["breakdown"])
    assert bad["breakdown"]["structure"]["findings"] >= 3
    assert bad["breakdown"]["blame"]["cost"] > 0
    assert len(bad["top_changes"]) == 3 and all(c["gain"] > 0 for c in bad["top_changes"])

    text = briefcheck("score", "examples/bad-brief.md")
    assert text.stdout.startswith(f"examples/bad-brief.md: {bad['score']}/100 (F)")
    assert "Top changes:" in text.stdout and "structure" in text.stdout


def test_fail_under_gates_ci(tmp_path):
    assert briefcheck("score", "--fail-under", "50", "examples/good-brief.md").exit_code == 0
    gate = briefcheck(
        "score", "--fail-under", "50", "examples/good-brief.md", "examples/bad-brief.md"
    )
    assert gate.exit_code == 1
    missing = briefcheck("score", "examples/good-brief.md", str(tmp_path / "nope.md"))
    assert missing.exit_code == 2
    assert "nope.md: error: no such file" in missing.stderr
    assert "examples/good-brief.md:" in missing.stdout  # the other file is still scored


def test_binary_file_is_skipped_with_a_warning_as_in_check(tmp_path):
    binary = tmp_path / "scan.md"
    binary.write_bytes(b"\x00\x01\x02 not text")
    done = briefcheck("score", str(binary), "examples/good-brief.md")
    assert done.exit_code == 0
    assert f"{binary}: warning: binary file" in done.stderr
    assert done.stdout.startswith("examples/good-brief.md: ")


def test_diff_shows_before_after_fixed_and_new():
    done = briefcheck(
        "score", "--diff", "--format", "json", "examples/bad-brief.md", "examples/good-brief.md"
    )
    assert done.exit_code == 0, done.output
    (entry,) = json.loads(done.stdout)["files"]
    assert entry["change"] == entry["new"]["score"] - entry["old"]["score"] > 40
    assert any(f["rule"] == "structure/missing-updates" for f in entry["fixed"])
    assert entry["new_findings"] == []
    text = briefcheck("score", "--diff", "examples/bad-brief.md", "examples/good-brief.md")
    assert "examples/bad-brief.md -> examples/good-brief.md:" in text.stdout
    assert "Fixed:" in text.stdout and "New: 0" in text.stdout
    assert briefcheck("score", "--diff", "examples/bad-brief.md").exit_code == 2


def test_check_json_carries_each_files_score():
    done = briefcheck(
        "check", "--format", "json", "examples/bad-brief.md", "examples/good-brief.md"
    )
    files = json.loads(done.stdout)["files"]
    scored = briefcheck(
        "score", "--format", "json", "examples/bad-brief.md", "examples/good-brief.md"
    )
    expected = [f["score"] for f in json.loads(scored.stdout)["files"]]
    assert [f["score"] for f in files] == expected
