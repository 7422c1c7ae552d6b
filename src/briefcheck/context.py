"""What conditions and detectors see: the document, its spaCy docs, the config."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

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
        """Each sentence's (start, end) token index, as ``Doc.sents`` gives them,
        read from SENT_START without building the Spans (two Tokens each)."""
        found = self._bounds.get(block_index)
        if found is None:
            found = _bounds_from_starts(
                self.docs[block_index], self.column(block_index, "SENT_START")
            )
            if found is None:  # Doc.sents reads them otherwise: let it
                found = [(s.start, s.end) for s in self.sentences(block_index)]
            self._bounds[block_index] = found
        return found

    def column(self, block_index: int, attr: str) -> list[int]:
        """One of COLUMNS for every token of the block, as numbers: a string's
        hash (ORTH, NORM, LOWER), a flag (0 or 1), IDX's character offset, or
        SENT_START's 1 and 0 and 2**64 - 1 (-1, as Doc.to_array gives it)."""
        found = self._columns.setdefault(block_index, {})
        values = found.get(attr)
        if values is None:
            array = found.get(_ARRAY)
            if array is None:
                array = found[_ARRAY] = _column_array(self.docs[block_index])
            # Made into Python numbers only when asked for: most columns of
            # most blocks never are, and a hash is a big int to allocate.
            values = found[attr] = array[:, COLUMNS.index(attr)].tolist()
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
COLUMNS = (
    "ORTH",
    "NORM",
    "LOWER",
    "IDX",
    "IS_PUNCT",
    "IS_ALPHA",
    "IS_STOP",
    "IS_LOWER",
    "SENT_START",
)


_ARRAY = "array"  # the key of a block's columns before they are made into lists


def _column_array(doc: Doc):
    """The block's COLUMNS, as one array of shape (tokens, columns)."""
    import numpy

    if len(doc) == 0:
        return numpy.zeros((0, len(COLUMNS)), dtype=numpy.uint64)
    return doc.to_array(_column_ids())


def _bounds_from_starts(doc: Doc, sent_start: list[int]) -> list[tuple[int, int]] | None:
    """Sentence bounds from SENT_START, or None where Doc.sents would not read
    them from it: a "sents" hook, or no sentence annotation (Doc.sents raises)."""
    if "sents" in doc.user_hooks:
        return None
    if len(sent_start) == 1:
        return [(0, 1)]
    # A block has few sentences: list.index finds their starts without a
    # Python test of every token.
    starts = [0]
    try:
        while True:
            starts.append(sent_start.index(1, starts[-1] + 1))
    except ValueError:
        pass
    if len(starts) == 1 and not any(sent_start[1:]):
        return None
    return list(zip(starts, [*starts[1:], len(sent_start)], strict=True))


@lru_cache(maxsize=1)
def _column_ids() -> list[int]:
    from spacy.attrs import IDS  # spaCy is loaded by now: a Doc exists

    return [IDS[name] for name in COLUMNS]


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
