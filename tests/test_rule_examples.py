"""Every rule carries its own tests: examples that must fire and must stay quiet."""

from __future__ import annotations

import pytest

from briefcheck.config import Config
from briefcheck.engine import lint_text
from briefcheck.rulepack import load_ruleset

RULES = load_ruleset().rules
# Structure rules judge whole documents; their examples are checked in their own tests.
# Rules that need a trained pipeline (``needs``) are checked in test_model_tier.py.
SPAN_RULES = [r for r in RULES if r.category != "structure" and not r.needs]


def _config_for(rule) -> Config:
    return Config(
        select=(rule.id,),
        audience=rule.audiences[0],
        kind=rule.kinds[0],
    )


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in SPAN_RULES for ex in r.examples.fire],
    ids=lambda v: v.id if hasattr(v, "id") else v[:40],
)
def test_example_fires(rule, example):
    found = [f.rule for f in lint_text(example, _config_for(rule))]
    assert rule.id in found, f"{rule.id} should fire on: {example}"


@pytest.mark.parametrize(
    ("rule", "example"),
    [(r, ex) for r in SPAN_RULES for ex in r.examples.quiet],
    ids=lambda v: v.id if hasattr(v, "id") else v[:40],
)
def test_example_stays_quiet(rule, example):
    found = [f for f in lint_text(example, _config_for(rule)) if f.rule == rule.id]
    assert not found, f"{rule.id} should not fire on: {example} (flagged {[f.text for f in found]})"


def test_every_rule_documents_itself():
    for rule in RULES:
        assert rule.what and rule.why and rule.fix, rule.id
        assert rule.examples.fire, f"{rule.id} has no example that fires"
