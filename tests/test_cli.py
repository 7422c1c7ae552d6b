"""The check command as a user runs it: output, exit codes, JSON, bad input."""

from __future__ import annotations

import hashlib
import json
import os

import pytest
from click.testing import CliRunner

from briefcheck.cli import main

BAD = "# Update\n\nDave pushed a bad config.\n\nWe will fix it ASAP.\n"
GOOD = "# Update\n\nPayments failed for 12 minutes; next update at 16:00 UTC.\n"


# Whole-document checks (structure, length) are tested on their own; here the
# span checks keep the expected output short and exact.
SPANS_ONLY = ["--select", "jargon,blame,figures,timeline"]


def run(*args, input=None):
    if args and args[0] == "check" and "--select" not in args:
        args = (args[0], *SPANS_ONLY, *args[1:])
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def docs(tmp_path):
    (tmp_path / "bad.md").write_text(BAD, encoding="utf-8")
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    return tmp_path


def test_text_output_points_at_the_span(docs):
    code, out, _ = run("check", str(docs / "bad.md"))
    assert code == 1
    lines = out.splitlines()
    first = lines[0]
    assert first.startswith(f"{docs / 'bad.md'}:3:1: blame/person-fault  ")
    assert lines[1].endswith("| Dave pushed a bad config.")
    assert lines[2].split("| ", 1)[1].startswith("^^^^")
    assert any(f"{docs / 'bad.md'}:5:16: timeline/vague-acronym" in line for line in lines)
    assert lines[-1] == "Found 2 findings in 1 file (blame 1, timeline 1)."


def test_clean_file_exits_zero(docs):
    code, out, _ = run("check", str(docs / "good.md"))
    assert code == 0
    assert out.strip() == "All clear: no findings in 1 file."


def test_no_color_when_not_a_terminal(docs):
    _, out, _ = run("check", str(docs / "bad.md"))
    assert "\x1b[" not in out


def test_json_report_is_one_compact_line(docs):
    # Programs read it (jq pretty-prints for people), and a large batch's
    # report is written several times faster without indentation.
    _, out, _ = run("check", "--format", "json", str(docs / "bad.md"))
    assert out.count("\n") == 1 and out.endswith("}\n")
    assert json.dumps(json.loads(out), ensure_ascii=False, separators=(",", ":")) + "\n" == out


def test_json_contract(docs):
    code, out, _ = run("check", "--format", "json", str(docs / "bad.md"), str(docs / "good.md"))
    assert code == 1
    data = json.loads(out)
    assert set(data) >= {"briefcheck", "files"}
    bad, good = data["files"]
    assert bad["path"] == str(docs / "bad.md") and good["diagnostics"] == []
    asap = next(d for d in bad["diagnostics"] if d["text"] == "ASAP")
    assert asap == {
        **asap,
        "rule": "timeline/vague-acronym",
        "category": "timeline",
        "severity": "warning",
        "line": 5,
        "column": 16,
        "end_line": 5,
        "end_column": 20,
    }


def test_stdin(docs):
    code, out, _ = run("check", "--format", "json", "-", input=BAD)
    assert code == 1
    assert json.loads(out)["files"][0]["path"] == "-"


def test_folders_are_searched_for_documents(docs):
    sub = docs / "incidents" / "2026"
    sub.mkdir(parents=True)
    (sub / "status.txt").write_text("We will fix it soon.\n", encoding="utf-8")
    (sub / "notes.json").write_text("{}", encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(docs))
    paths = sorted(os.path.relpath(f["path"], docs) for f in json.loads(out)["files"])
    assert paths == ["bad.md", "good.md", os.path.join("incidents", "2026", "status.txt")]
    assert code == 1


def test_missing_path_is_reported_and_the_rest_still_checked(docs):
    code, out, err = run("check", "--format", "json", str(docs / "nope.md"), str(docs / "bad.md"))
    assert code == 2
    assert f"{docs / 'nope.md'}: error: no such file or folder" in err
    files = json.loads(out)["files"]
    assert files[0]["error"] == "no such file or folder"
    assert files[1]["diagnostics"]


def test_folder_without_documents(tmp_path):
    (tmp_path / "empty").mkdir()
    code, _, err = run("check", str(tmp_path / "empty"))
    assert code == 2
    assert "no documents" in err


def test_binary_file_is_skipped_with_a_warning(docs):
    (docs / "image.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    code, out, err = run("check", str(docs / "image.md"), str(docs / "good.md"))
    assert "image.md: warning: binary file, skipped" in err
    assert code == 0


def test_invalid_utf8_names_the_byte_offset(docs):
    (docs / "latin1.md").write_bytes("Caf\u00e9 is down.\n".encode("latin-1"))
    code, _, err = run("check", str(docs / "latin1.md"), str(docs / "bad.md"))
    assert code == 2
    assert f"{docs / 'latin1.md'}: error: invalid UTF-8 at byte offset 3" in err.splitlines()


def test_empty_file_has_no_findings(docs):
    (docs / "empty.md").write_text("", encoding="utf-8")
    code, out, _ = run("check", "--format", "json", str(docs / "empty.md"))
    assert code == 0
    assert json.loads(out)["files"][0]["diagnostics"] == []


def test_input_files_are_never_written(docs):
    before = {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in docs.iterdir()
    }
    run("check", str(docs))
    after = {
        p: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in docs.iterdir()
    }
    assert before == after


def test_select_ignore_kind_and_audience_flags(docs):
    _, out, _ = run("check", "--format", "json", "--select", "timeline", str(docs / "bad.md"))
    assert {d["category"] for d in json.loads(out)["files"][0]["diagnostics"]} == {"timeline"}
    _, out, _ = run("check", "--format", "json", "--ignore", "timeline,blame", str(docs / "bad.md"))
    assert json.loads(out)["files"][0]["diagnostics"] == []
    (docs / "eng.md").write_text("The pods were OOMKilled.\n", encoding="utf-8")
    _, out, _ = run("check", "--format", "json", str(docs / "eng.md"))
    assert json.loads(out)["files"][0]["diagnostics"]
    code, out, _ = run(
        "check", "--format", "json", "--audience", "engineering", str(docs / "eng.md")
    )
    assert json.loads(out)["files"][0]["diagnostics"] == [] and code == 0


def test_bad_select_value_is_a_usage_error(docs):
    code, _, err = run("check", "--select", "nonsense", str(docs / "bad.md"))
    assert code == 2
    assert "'nonsense' is neither a rule id" in err


def test_rules_lists_every_rule():
    code, out, _ = run("rules")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert "timeline/vague" in ids and "blame/person-fault" in ids and "jargon/term" in ids


def test_explain_prints_what_why_examples_and_fix():
    code, out, _ = run("explain", "timeline/vague")
    assert code == 0
    for heading in ("What it does", "Why it matters", "Flagged", "Fine", "How to fix"):
        assert heading in out
    assert "PagerDuty" in out


def test_explain_unknown_rule():
    code, _, err = run("explain", "timeline/vagu")
    assert code == 2
    assert "unknown rule 'timeline/vagu'" in err and "timeline/vague" in err


def test_help_does_not_load_spacy():
    import subprocess
    import sys

    probe = "import sys; from briefcheck.cli import main; sys.argv=['briefcheck','--help']\n"
    probe += "try:\n    main()\nexcept SystemExit:\n    pass\nprint('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    assert out.strip().endswith("False")
