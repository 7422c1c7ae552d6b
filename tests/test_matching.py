"""The engine's shortcuts (the per-block prefilter, word tests kept as lexeme
flags, matching only in windows around the words a pattern needs) never lose
or add a match: a user pack's token patterns find exactly what a
plain spaCy Matcher finds on the same text."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from briefcheck.config import Config
from briefcheck.document import parse
from briefcheck.engine import analyse, compiled_rules, lint_text
from briefcheck.pipeline import get_nlp
from briefcheck.rulepack import load_ruleset

EXAMPLES = {
    "tone/word-list": "The ledger stalled.",
    "tone/shape": "An SLA broke.",
    "tone/both-tests": "A retry 3 times.",
    "tone/optional-lead": "It was very slow.",
    "tone/norm": "It isn't loading.",
    "tone/bounded": "The blue backlog then stalled.",
}
PATTERNS = {
    "tone/word-list": [[{"LOWER": {"IN": ["ledger", "queue"]}}, {"LOWER": "stalled"}]],
    "tone/shape": [[{"TEXT": {"REGEX": "^[A-Z]{3,}$"}, "ORTH": {"NOT_IN": ["CEO", "UTC"]}}]],
    "tone/both-tests": [[{"LOWER": {"REGEX": "^re", "NOT_IN": ["report"]}}, {"IS_DIGIT": True}]],
    "tone/optional-lead": [
        [{"LOWER": "very", "OP": "?"}, {"LOWER": {"IN": ["slow", "late"]}, "OP": "+"}]
    ],
    "tone/norm": [[{"NORM": {"IN": ["not"]}}, {"LOWER": {"REGEX": "ing$"}}]],
    # Bounded gaps around the word it needs: matched only in windows around that word.
    "tone/bounded": [
        [
            {"IS_ALPHA": True, "OP": "{1,2}"},
            {"LOWER": "backlog"},
            {"OP": "{0,2}"},
            {"LOWER": "stalled"},
        ]
    ],
}

WORDS = [
    "ledger", "Ledger", "queue", "QUEUE", "stalled", "STALLED", "CEO", "UTC", "SLA", "API",
    "retry", "Report", "report", "rerun", "3", "12", "very", "slow", "late", "Late", "isn't",
    "not", "working", "loading", "the", "a", "blue", "then", "backlog", ".", ",", "\n\n", "- ",
]  # fmt: skip


@pytest.fixture(scope="module")
def config(tmp_path_factory) -> Config:
    rules = []
    for rule_id, patterns in PATTERNS.items():
        rules.append(
            {
                "id": rule_id,
                "category": "tone",
                "severity": "warning",
                "message": "m",
                "what": "w",
                "why": "y",
                "fix": "f",
                "patterns": patterns,
                "examples": {"fire": [EXAMPLES[rule_id]]},
            }
        )
    pack = tmp_path_factory.mktemp("pack") / "house.yml"
    pack.write_text(json.dumps({"rules": rules}), encoding="utf-8")  # JSON is YAML
    return Config(extra_rules=(str(pack),), select=tuple(PATTERNS))


def _matcher_spans(text: str) -> set[tuple[str, str]]:
    """What a fresh Matcher finds in each block of the text, as (rule, text) pairs."""
    nlp = get_nlp(None)
    found = set()
    for rule_id, patterns in PATTERNS.items():
        matcher = Matcher(nlp.vocab)
        matcher.add(rule_id, patterns, greedy="LONGEST")
        for block in parse(text).blocks:
            doc = nlp(block.text)
            found |= {(rule_id, doc[start:end].text) for _, start, end in matcher(doc)}
    return found


def _engine_spans(text: str, config: Config) -> set[tuple[str, str]]:
    """What the engine's matching finds, before conditions and overlap rules."""
    compiled = compiled_rules(load_ruleset(config.extra_rules), None)
    found = set()
    for doc in analyse(parse(text), config).docs:
        found |= {(rule.id, span.text) for rule, span in compiled.matches(doc, set(PATTERNS))}
    return found


def test_the_pack_fires_through_the_whole_engine(config):
    found = {(f.rule, f.text) for f in lint_text(" ".join(EXAMPLES.values()), config)}
    assert {rule for rule, _ in found} == set(PATTERNS)


def test_each_pattern_kind_fires(config):
    text = " ".join(EXAMPLES.values()) + " The CEO and UTC did not."
    found = _engine_spans(text, config)
    assert {rule for rule, _ in found} == set(PATTERNS)
    assert found == _matcher_spans(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=80))
def test_the_engine_finds_what_the_matcher_finds(config, words):
    text = " ".join(words)
    assert _engine_spans(text, config) == _matcher_spans(text)
