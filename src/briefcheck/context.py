"""What conditions and detectors see: the document, its spaCy docs, the config."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab

    from briefcheck.config import Config
    from briefcheck.document import Block, Document
    from briefcheck.rulepack import Rule


@dataclass
class DocContext:
    document: Document
    docs: list[Doc]  # one spaCy Doc per block, in order
    config: Config
    # Per-category memo (e.g. the jargon module's defined terms), filled lazily.
    state: dict[str, Any] = field(default_factory=dict)

    _sentences: dict[int, tuple[list[int], list[Span]]] = field(default_factory=dict, repr=False)
    _lowers: dict[int, list[str]] = field(default_factory=dict, repr=False)
    _texts: dict[int, list[str]] = field(default_factory=dict, repr=False)
    _columns: dict[int, dict[str, Any]] = field(default_factory=dict, repr=False)
    _bounds: dict[int, list[tuple[int, int]]] = field(default_factory=dict, repr=False)

    def pairs(self) -> Iterator[tuple[Block, Doc]]:
        return zip(self.document.blocks, self.docs, strict=True)

    # Each spaCy Token a check touches is a new Python object, and building them
    # was the largest single cost of a lint. Checks that only need a block's
    # words or sentences read these lists, built once per block, instead.

    def sentences(self, block_index: int) -> list[Span]:
        """The block's sentences, listed once (``Doc.sents`` rebuilds them on every call)."""
        if block_index not in self._sentences:
            sents = list(self.docs[block_index].sents)
            self._sentences[block_index] = ([s.start for s in sents], sents)
        return self._sentences[block_index][1]

    def sentence_of(self, block_index: int, token_index: int) -> Span:
        """The sentence holding a token. spaCy's Span.sent rescans the whole Doc
        on every call; the sentences of each block are listed once here instead."""
        self.sentences(block_index)
        starts, sents = self._sentences[block_index]
        return sents[bisect_right(starts, token_index) - 1]

    def sentence_bounds(self, block_index: int) -> list[tuple[int, int]]:
        """Each sentence's (start, end) token index. Read from the listed sentences:
        the checks list every block's sentences anyway, and reading SENT_START
        instead cost more (its -1 is 2**64 - 1, a big int to allocate per token)."""
        found = self._bounds.get(block_index)
        if found is None:
            sents = self.sentences(block_index)
            found = self._bounds[block_index] = [(s.start, s.end) for s in sents]
        return found

    def column(self, block_index: int, attr: str) -> list[int]:
        """One of COLUMNS for every token of the block, as numbers: a string's
        hash (ORTH, NORM, LOWER), a flag (0 or 1), or IDX's character offset."""
        found = self._columns.setdefault(block_index, {})
        values = found.get(attr)
        if values is None:
            if attr in WORD_COLUMNS:
                orths = self.column(block_index, "ORTH")
                values = _word_values(self.docs[block_index].vocab, attr, orths)
            else:
                array = found.get(_ARRAY)
                if array is None:
                    array = found[_ARRAY] = _column_array(self.docs[block_index])
                # Made into Python numbers only when asked for: most columns of
                # most blocks never are, and a hash is a big int to allocate.
                values = array[:, TOKEN_COLUMNS.index(attr)].tolist()
            found[attr] = values
        return values

    def lowers(self, block_index: int) -> list[str]:
        """The block's tokens, lowercased (``token.lower_`` for each token, by index)."""
        found = self._lowers.get(block_index)
        if found is None:
            found = self._lowers[block_index] = self._strings(block_index, "LOWER")
        return found

    def texts(self, block_index: int) -> list[str]:
        """The block's tokens as written (``token.text`` for each token, by index)."""
        found = self._texts.get(block_index)
        if found is None:
            found = self._texts[block_index] = self._strings(block_index, "ORTH")
        return found

    def _strings(self, block_index: int, attr: str) -> list[str]:
        strings = self.docs[block_index].vocab.strings
        return [strings[h] for h in self.column(block_index, attr)]


# The token attributes checks read as numbers, all read for a block in one
# Doc.to_array call: each call costs about 3 µs before it reads a token.
TOKEN_COLUMNS = ("ORTH", "NORM", "IDX")
# Attributes of the word itself (its spaCy Lexeme), the same for every token with
# its ORTH: looked up once per word, they cost less than reading them per token.
WORD_COLUMNS = ("LOWER", "IS_PUNCT", "IS_ALPHA", "IS_STOP", "IS_LOWER")
COLUMNS = TOKEN_COLUMNS + WORD_COLUMNS


_ARRAY = "array"  # the key of a block's columns before they are made into lists


def _column_array(doc: Doc):
    """The block's TOKEN_COLUMNS, as one array of shape (tokens, columns)."""
    import numpy

    if len(doc) == 0:
        return numpy.zeros((0, len(TOKEN_COLUMNS)), dtype=numpy.uint64)
    return doc.to_array(_column_ids())


def _word_values(vocab: Vocab, attr: str, orths: list[int]) -> list[int]:
    """A WORD_COLUMNS attribute for each word, as Doc.to_array gives it."""
    values = _word_table(vocab, attr)
    try:
        return [values[orth] for orth in orths]
    except KeyError:  # a word not seen before in this vocabulary
        for orth in orths:
            if orth not in values:
                # The Lexeme property of that name: LOWER is lexeme.lower (a hash),
                # IS_PUNCT is lexeme.is_punct (a bool, which to_array gives as 0 or 1).
                values[orth] = int(getattr(vocab[orth], attr.lower()))
        return [values[orth] for orth in orths]


@lru_cache(maxsize=16)
def _word_table(vocab: Vocab, attr: str) -> dict[int, int]:
    """One WORD_COLUMNS attribute by word (ORTH hash), filled as words are met."""
    return {}


@lru_cache(maxsize=1)
def _column_ids() -> list[int]:
    from spacy.attrs import IDS  # spaCy is loaded by now: a Doc exists

    return [IDS[name] for name in TOKEN_COLUMNS]


@dataclass
class Match:
    """One place a rule's phrases, patterns or regexes matched."""

    rule: Rule
    block: Block
    doc: Doc
    span: Span
    context: DocContext
    block_index: int
    _sent: Span | None = field(default=None, repr=False, compare=False)

    @property
    def start(self) -> int:
        return self.block.start + self.span.start_char

    @property
    def end(self) -> int:
        return self.block.start + self.span.end_char

    @property
    def sent(self) -> Span:
        # Kept by hand: functools.cached_property takes a lock on every first
        # access on Python 3.11, and most matches ask for their sentence.
        if self._sent is None:
            self._sent = self.context.sentence_of(self.block_index, self.span.start)
        return self._sent

    @property
    def config(self) -> Config:
        return self.context.config


@dataclass
class Candidate:
    """A finding before filters: a source range and anything the rule adds."""

    rule: Rule
    start: int
    end: int
    message: str | None = None
    replacement: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
