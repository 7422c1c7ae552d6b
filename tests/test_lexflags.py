"""Word tests stored as lexeme flags match exactly what the Matcher's own predicates match."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher

from briefcheck.lexflags import WordTest, with_flags

PATTERNS = [
    [{"LOWER": {"IN": ["redis", "kafka", "VM"]}}, {"LOWER": "cluster"}],
    [{"TEXT": {"REGEX": "^(?=(?:[0-9&]*[A-Z]){2})[A-Z0-9&]{3,8}s?$"}}],
    [{"TEXT": {"IN": ["DB", "LB"]}}],
    [{"LOWER": {"REGEX": "^(?:low|high)-latency$"}}],
    [{"LOWER": {"NOT_IN": ["the", "a"]}, "OP": "?"}, {"LOWER": {"IN": ["outage"]}}],
    [{"NORM": {"IN": ["not"]}}, {"LOWER": "working"}],
    # several tests on one token: one flag that needs them all
    [{"TEXT": {"REGEX": "^[A-Z]{2,}$"}, "ORTH": {"NOT_IN": ["DNS"]}}, {"LOWER": "failed"}],
    [{"LOWER": {"REGEX": "^t", "NOT_IN": ["the"]}, "LENGTH": {">=": 4}}],
]

TEXTS = [
    "The Redis cluster and the KAFKA Cluster failed; a VM cluster did not.",
    "DNS and HTTPS failed, also TLSs and db and DB and LB and lb.",
    "A Low-Latency link, a high-latency link and a HIGH-LATENCY one.",
    "The outage, an outage, a big outage. It isn't working. It is not working.",
    "DNS failed, then TLS failed, then The thing and the tool and tea failed.",
]


def _matches(nlp, text: str, flagged: bool) -> list[tuple[int, int, int]]:
    matcher = Matcher(nlp.vocab, validate=False)
    for i, pattern in enumerate(PATTERNS):
        if flagged:
            pattern = with_flags(nlp.vocab, pattern, len(pattern))
        matcher.add(str(i), [pattern])
    return sorted(matcher(nlp(text)))


def test_flags_match_what_the_predicates_match():
    plain, flagged = spacy.blank("en"), spacy.blank("en")
    for text in TEXTS:
        expected = _matches(plain, text, flagged=False)
        assert expected, text  # the texts exercise the patterns
        assert _matches(flagged, text, flagged=True) == expected


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "redis",
                "Redis",
                "CLUSTER",
                "cluster",
                "VM",
                "vm",
                "DNS",
                "DNSs",
                "AB",
                "A1B2",
                "db",
                "DB",
                "outage",
                "the",
                "low-latency",
                "Low-Latency",
                "x",
                "isn't",
                "not",
                "working",
                "ÉTÉ",
                "k8s",
            ]
        ),
        min_size=1,
        max_size=12,
    )
)
def test_flags_agree_on_any_sentence(words):
    text = " ".join(words)
    assert _matches(FLAGGED, text, flagged=True) == _matches(PLAIN, text, flagged=False)


PLAIN, FLAGGED = spacy.blank("en"), spacy.blank("en")


def _our_bits(vocab) -> list[int]:
    return [bit for bit, getter in vocab.lex_attr_getters.items() if isinstance(getter, WordTest)]


def test_a_test_compiled_again_reuses_its_bit():
    nlp = spacy.blank("en")
    for _ in range(5):
        for pattern in PATTERNS:
            with_flags(nlp.vocab, pattern, len(pattern))
    # One per token with IN, NOT_IN or REGEX on ORTH/TEXT/LOWER: 8; NORM is never stored.
    assert len(_our_bits(nlp.vocab)) == 8


def test_only_the_leading_tokens_get_flags():
    nlp = spacy.blank("en")
    pattern = [{"LOWER": {"IN": ["a"]}}, {"LOWER": {"IN": ["b"]}}]
    out = with_flags(nlp.vocab, pattern, 1)
    assert out[1] == {"LOWER": {"IN": ["b"]}} and isinstance(next(iter(out[0])), int)


def test_when_the_bits_run_out_tests_stay_predicates_and_still_match():
    nlp = spacy.blank("en")
    for i in range(80):  # more distinct tests than there are free bits
        with_flags(nlp.vocab, [{"LOWER": {"IN": [f"word{i}"]}}], 1)
    pattern = [{"LOWER": {"IN": ["outage"]}}]
    assert with_flags(nlp.vocab, pattern, 1) == pattern
    matcher = Matcher(nlp.vocab, validate=False)
    matcher.add("late", [with_flags(nlp.vocab, [{"LOWER": {"IN": ["word79"]}}], 1)])
    matcher.add("early", [with_flags(nlp.vocab, [{"LOWER": {"IN": ["word0"]}}], 1)])
    found = {nlp.vocab.strings[key] for key, _, _ in matcher(nlp("Word0 then WORD79"))}
    assert found == {"early", "late"}
