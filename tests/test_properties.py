"""Property tests: whatever the input, the engine does not fail and its ranges are true."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefcheck.config import Config
from briefcheck.document import parse
from briefcheck.engine import lint_text
from briefcheck.positions import LineIndex

EXAMPLES = int(os.environ.get("BRIEFCHECK_HYPOTHESIS_EXAMPLES", "700"))
PROFILE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Arbitrary Unicode without surrogates (they cannot be encoded to a file).
unicode_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=400)

WORDS = [
    "soon",
    "ASAP",
    "many",
    "customers",
    "Dave",
    "pushed",
    "a",
    "bad",
    "config",
    "the",
    "pods",
    "CDN",
    "(CDN)",
    "we",
    "will",
    "fix",
    "it",
    "at",
    "16:00",
    "UTC",
    "10%",
    "🔥",
    "支付",
    "Zoë",
    "human",
    "error",
    "should",
    "have",
    "caught",
    "`code`",
    "**bold**",
    "[link](http://x.y/soon)",
    "<!--",
    "-->",
    "briefcheck-disable",
    "&amp;",
    "\\*",
    "|",
]
word_lines = st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join)
markdown_line = st.one_of(
    word_lines,
    word_lines.map(lambda s: "# " + s),
    word_lines.map(lambda s: "- " + s),
    word_lines.map(lambda s: "1. " + s),
    word_lines.map(lambda s: "> " + s),
    word_lines.map(lambda s: "    " + s),
    word_lines.map(lambda s: "| " + s + " | x |"),
    st.just("|---|---|"),
    st.just("```"),
    st.just("---"),
    st.just(""),
    st.integers(1, 30).map(lambda n: "  " * n + "- soon"),
    st.integers(1, 30).map(lambda n: "> " * n + "many customers"),
)
markdown_docs = st.lists(markdown_line, max_size=25).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n"]).map(lambda eol: eol.join(lines))
)


def check_invariants(text: str, markup: str) -> None:
    config = Config()
    first = lint_text(text, config, markup=markup)
    index = LineIndex(text)
    for f in first:
        assert 0 <= f.start <= f.end <= len(text)
        assert (f.line, f.column) <= (f.end_line, f.end_column)
        start = index.offset(f.line, f.column) if f.start < len(text) else f.start
        assert start == f.start
        assert text[f.start : f.end] == f.text
        assert index.line_col(f.end) == (f.end_line, f.end_column)
    assert lint_text(text, config, markup=markup) == first


@PROFILE
@given(unicode_text)
def test_arbitrary_unicode_markdown(text):
    check_invariants(text, "markdown")


@PROFILE
@given(unicode_text)
def test_arbitrary_unicode_plain_text(text):
    check_invariants(text, "text")


@PROFILE
@given(markdown_docs)
def test_random_markdown_structures(text):
    check_invariants(text, "markdown")


@PROFILE
@given(markdown_docs)
def test_blocks_are_true_to_the_source(text):
    for block in parse(text).blocks:
        assert len(block.text) == block.end - block.start
        for i, ch in enumerate(block.text):
            assert ch == " " or text[block.start + i] == ch


@pytest.mark.slow
@settings(
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(unicode_text, markdown_docs))
def test_many_more_examples_with_slow(text):
    """`pytest --slow` runs this long search on top of the CI share."""
    check_invariants(text, "markdown")
    check_invariants(text, "text")
