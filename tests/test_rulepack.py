"""User rule packs: loaded safely, validated, and explained when broken."""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from briefcheck.cli import main
from briefcheck.rulepack import RulePackError, load_ruleset, parse_pack

GOOD_PACK = textwrap.dedent(
    """\
    name: house
    rules:
      - id: tone/war-room
        category: tone
        severity: warning
        message: '"{text}" sounds alarming: say who is working on it.'
        what: Flags war-room language.
        why: Calm words keep the reader on decisions (house style guide).
        fix: Say "the incident team".
        phrases: [war room, all hands on deck]
        examples:
          fire: ["We opened a war room."]
          quiet: ["The incident team is working on it."]
    """
)


def test_user_pack_from_config_is_used(tmp_path):
    (tmp_path / "house.yml").write_text(GOOD_PACK)
    (tmp_path / ".briefcheck.toml").write_text('extra_rules = ["house.yml"]\n')
    (tmp_path / "a.md").write_text("We opened a War Room at 09:00.\n")
    result = CliRunner().invoke(
        main, ["check", "--format", "json", "--select", "tone", str(tmp_path / "a.md")]
    )
    diags = json.loads(result.stdout)["files"][0]["diagnostics"]
    assert [(d["rule"], d["text"]) for d in diags] == [("tone/war-room", "War Room")]
    assert diags[0]["message"] == '"War Room" sounds alarming: say who is working on it.'


def _broken(**changes) -> str:
    pack = GOOD_PACK
    for old, new in changes.items():
        pack = pack.replace(old.replace("_", " ") if " " in old else old, new)
    return pack


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("rules:\n  - id: [unclosed\n", 3, "invalid YAML"),
        (
            GOOD_PACK.replace("severity: warning", "severity: loud"),
            5,
            "severity must be error, warning or info",
        ),
        (GOOD_PACK.replace("category: tone", "category: vibes"), 4, "unknown category 'vibes'"),
        (
            GOOD_PACK.replace("    fix:", "    colour: red\n    fix:"),
            9,
            "unknown rule key 'colour'",
        ),
        (
            GOOD_PACK.replace("id: tone/war-room", "id: warroom"),
            3,
            "must look like 'category/name'",
        ),
        (
            GOOD_PACK.replace("phrases: [war room, all hands on deck]", "regex: ['(?<=war) room']"),
            10,
            "invalid regex",
        ),
        (
            GOOD_PACK.replace(
                "phrases: [war room, all hands on deck]", "patterns: [[{LOWER: {FOO: 1}}]]"
            ),
            10,
            "invalid token pattern",
        ),
        (
            GOOD_PACK.replace(
                "phrases: [war room, all hands on deck]",
                "phrases: [war room]\n    unless: [telepathy]",
            ),
            11,
            "unknown condition 'telepathy'",
        ),
        (
            GOOD_PACK.replace('fire: ["We opened a war room."]', "fire: []"),
            11,
            "needs at least one example that fires",
        ),
        (
            GOOD_PACK.replace("    phrases: [war room, all hands on deck]\n", ""),
            3,
            "needs phrases, patterns, regex or a detector",
        ),
        (GOOD_PACK + GOOD_PACK.split("rules:\n", 1)[1], 14, "duplicate rule id"),
        (
            "rules:\n  - !!python/object/apply:os.system ['echo pwned']\n",
            2,
            "each rule must be a mapping",
        ),
        (
            GOOD_PACK.replace(
                "what: Flags war-room language.",
                "what: !!python/object/apply:os.system ['echo pwned']",
            ),
            3,
            "invalid YAML",
        ),
        ("rules: 3\n", 1, "'rules' must be a list"),
    ],
)
def test_broken_pack_names_file_line_and_reason(tmp_path, text, line, reason):
    path = tmp_path / "team-rules.yml"
    path.write_text(text)
    with pytest.raises(RulePackError) as caught:
        load_ruleset((str(path),))
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}: "), message
    assert reason in message


def test_broken_pack_stops_the_cli_with_exit_2(tmp_path):
    (tmp_path / "team-rules.yml").write_text(
        GOOD_PACK.replace("severity: warning", "severity: loud")
    )
    (tmp_path / ".briefcheck.toml").write_text('extra_rules = ["team-rules.yml"]\n')
    (tmp_path / "a.md").write_text("Fine.\n")
    result = CliRunner().invoke(
        main, ["check", "--config", str(tmp_path / ".briefcheck.toml"), str(tmp_path / "a.md")]
    )
    assert result.exit_code == 2
    assert "team-rules.yml:5: severity must be error" in result.stderr


def test_missing_pack_file(tmp_path):
    with pytest.raises(RulePackError, match="cannot read rule pack"):
        load_ruleset((str(tmp_path / "nope.yml"),))


def test_message_placeholders_cannot_reach_attributes():
    pack = GOOD_PACK.replace(
        "message: '\"{text}\" sounds alarming: say who is working on it.'",
        "message: '{text.__class__} {0}'",
    )
    rule = parse_pack(pack, "p.yml")[0]
    assert rule.format_message("war room") == "{text.__class__} {0}"


def test_packs_can_include_packs(tmp_path):
    (tmp_path / "house.yml").write_text(GOOD_PACK)
    (tmp_path / "team.yml").write_text("include: [house.yml]\n")
    ruleset = load_ruleset((str(tmp_path / "team.yml"),))
    assert ruleset.get("tone/war-room") is not None


def _war_room_rule(ruleset):
    rule = ruleset.get("tone/war-room")
    return list(rule.phrases) if rule else None


@pytest.mark.parametrize("edited", ["team.yml", "house.yml"])
def test_an_edited_pack_is_read_again_in_the_same_process(tmp_path, edited):
    # A language server runs for hours: an edit to a pack, or to a pack it
    # includes, shows at the next lint without a restart.
    (tmp_path / "house.yml").write_text(GOOD_PACK)
    (tmp_path / "team.yml").write_text("include: [house.yml]\n")
    team = (str(tmp_path / "team.yml"),)
    assert _war_room_rule(load_ruleset(team)) == ["war room", "all hands on deck"]

    if edited == "house.yml":
        (tmp_path / "house.yml").write_text(GOOD_PACK.replace("war room, ", "bridge call, "))
    else:
        (tmp_path / "team.yml").write_text("rules: []  # the include is gone\n")
    again = load_ruleset(team)
    if edited == "house.yml":
        assert _war_room_rule(again) == ["bridge call", "all hands on deck"]
    else:
        assert _war_room_rule(again) is None


def test_an_unchanged_pack_is_not_read_again(tmp_path):
    (tmp_path / "house.yml").write_text(GOOD_PACK)
    first = load_ruleset((str(tmp_path / "house.yml"),))
    assert load_ruleset((str(tmp_path / "house.yml"),)) is first


def test_a_pack_deleted_after_loading_is_reported(tmp_path):
    (tmp_path / "house.yml").write_text(GOOD_PACK)
    load_ruleset((str(tmp_path / "house.yml"),))
    (tmp_path / "house.yml").unlink()
    with pytest.raises(RulePackError, match="cannot read rule pack"):
        load_ruleset((str(tmp_path / "house.yml"),))


@pytest.mark.parametrize(
    "packs",
    [
        {"a.yml": "include: [a.yml]\n"},
        {"a.yml": "include: [b.yml]\n", "b.yml": "include: [a.yml]\nrules: []\n"},
    ],
)
def test_a_pack_that_includes_itself_is_an_error(tmp_path, packs):
    for name, text in packs.items():
        (tmp_path / name).write_text(text)
    with pytest.raises(RulePackError, match=r"pack includes itself \(a\.yml -> .*a\.yml\)"):
        load_ruleset((str(tmp_path / "a.yml"),))
