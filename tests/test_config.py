"""Configuration files are found, validated and applied the way the README says."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from briefcheck.cli import main
from briefcheck.config import ConfigError, ConfigResolver, load_config_file

BRIEF = "The pods were restarted. We will fix it soon.\n"


def check_json(*args):
    spans_only = [
        "--select",
        "jargon,blame,figures,timeline",
    ]  # whole-document checks tested elsewhere
    result = CliRunner().invoke(main, ["check", "--format", "json", *spans_only, *args])
    return result.exit_code, result.stdout, result.stderr


def rules_in(out, index=0):
    return sorted(d["rule"] for d in json.loads(out)["files"][index]["diagnostics"])


def test_pyproject_table_is_found_upward(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.briefcheck]\nignore = ["timeline"]\n')
    deep = tmp_path / "docs" / "incidents"
    deep.mkdir(parents=True)
    (deep / "a.md").write_text(BRIEF)
    _, out, _ = check_json(str(deep / "a.md"))
    assert rules_in(out) == ["jargon/term"]


def test_pyproject_without_the_table_is_passed_over(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text('ignore = ["jargon"]\n')
    inner = tmp_path / "pkg"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (inner / "a.md").write_text(BRIEF)
    _, out, _ = check_json(str(inner / "a.md"))
    assert rules_in(out) == ["timeline/vague"]


def test_explicit_config_wins_over_discovery(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text('ignore = ["jargon"]\n')
    other = tmp_path / "other.toml"
    other.write_text('ignore = ["timeline"]\n')
    (tmp_path / "a.md").write_text(BRIEF)
    _, out, _ = check_json("--config", str(other), str(tmp_path / "a.md"))
    assert rules_in(out) == ["jargon/term"]


def test_flags_win_over_files(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text('audience = "engineering"\n')
    (tmp_path / "a.md").write_text(BRIEF)
    _, out, _ = check_json(str(tmp_path / "a.md"))
    assert rules_in(out) == ["timeline/vague"]
    _, out, _ = check_json("--audience", "executive", str(tmp_path / "a.md"))
    assert rules_in(out) == ["jargon/term", "timeline/vague"]


def test_glossary_suppresses_jargon(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text('glossary = ["pod"]\n')
    (tmp_path / "a.md").write_text(BRIEF)
    _, out, _ = check_json(str(tmp_path / "a.md"))
    assert rules_in(out) == ["timeline/vague"]


def test_per_rule_severity(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text(
        '[severity]\n"timeline/vague" = "info"\njargon = "info"\n'
    )
    (tmp_path / "a.md").write_text(BRIEF)
    code, out, _ = check_json(str(tmp_path / "a.md"))
    assert {d["severity"] for d in json.loads(out)["files"][0]["diagnostics"]} == {"info"}
    assert code == 0  # info findings do not fail the run


def test_overrides_apply_by_glob(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text(
        '[[overrides]]\nfiles = ["status/**"]\nignore = ["jargon"]\n'
    )
    (tmp_path / "status").mkdir()
    (tmp_path / "status" / "s.md").write_text(BRIEF)
    (tmp_path / "brief.md").write_text(BRIEF)
    _, out, _ = check_json(str(tmp_path / "status" / "s.md"), str(tmp_path / "brief.md"))
    assert rules_in(out, 0) == ["timeline/vague"]
    assert rules_in(out, 1) == ["jargon/term", "timeline/vague"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('colour = "red"\n', "[colour]: unknown setting 'colour'"),
        ('audience = "board"\n', "[audience]: must be one of executive, engineering"),
        ("glossary = 3\n", "[glossary]: must be a list of strings"),
        ('select = ["vibes"]\n', "[select]: 'vibes' is neither a rule id"),
        ('[severity]\njargon = "loud"\n', "[severity]: 'jargon': severity must be error"),
        (
            '[[overrides]]\nfiles = ["a"]\nkindd = "status"\n',
            "[overrides[0].kindd]: unknown setting",
        ),
        ("audience = \n", "invalid TOML"),
    ],
)
def test_bad_settings_name_the_file_and_key(tmp_path, content, message):
    path = tmp_path / ".briefcheck.toml"
    path.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert str(caught.value).startswith(str(path))
    assert message in str(caught.value)


def test_bad_config_is_exit_2_and_names_the_key(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text('kind = "memo"\n')
    (tmp_path / "a.md").write_text(BRIEF)
    code, _, err = check_json(
        "--config", str(tmp_path / ".briefcheck.toml"), str(tmp_path / "a.md")
    )
    assert code == 2
    assert "[kind]: must be one of brief, status, postmortem" in err


def test_discovered_bad_config_fails_that_file_only(tmp_path):
    bad_dir = tmp_path / "bad"
    bad_dir.mkdir()
    (bad_dir / ".briefcheck.toml").write_text("nonsense = 1\n")
    (bad_dir / "a.md").write_text(BRIEF)
    (tmp_path / "b.md").write_text(BRIEF)
    code, out, err = check_json(str(bad_dir / "a.md"), str(tmp_path / "b.md"))
    assert code == 2
    assert "unknown setting 'nonsense'" in err
    files = json.loads(out)["files"]
    assert "error" in files[0] and files[1]["diagnostics"]


def test_resolver_reuses_one_config_per_folder(tmp_path):
    (tmp_path / ".briefcheck.toml").write_text('kind = "status"\n')
    resolver = ConfigResolver()
    assert resolver.for_path(tmp_path / "a.md").kind == "status"
    assert resolver.for_path(tmp_path / "b.md") is not None
    assert len(resolver._by_file) == 1
