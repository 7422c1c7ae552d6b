"""What conditions and detectors see: the document, its spaCy docs, the config."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
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

    def pairs(self) -> Iterator[tuple[Block, Doc]]:
        return zip(self.document.blocks, self.docs, strict=True)

    def sentence_of(self, block_index: int, token_index: int) -> Span:
        """The sentence holding a token. spaCy's Span.sent rescans the whole Doc
        on every call; the sentences of each block are listed once here instead."""
        if block_index not in self._sentences:
            sents = list(self.docs[block_index].sents)
            self._sentences[block_index] = ([s.start for s in sents], sents)
        starts, sents = self._sentences[block_index]
        return sents[bisect_right(starts, token_index) - 1]


@dataclass
class Match:
    """One place a rule's phrases, patterns or regexes matched."""

    rule: Rule
    block: Block
    doc: Doc
    span: Span
    context: DocContext
    block_index: int

    @property
    def start(self) -> int:
        return self.block.start + self.span.start_char

    @property
    def end(self) -> int:
        return self.block.start + self.span.end_char

    @cached_property
    def sent(self) -> Span:
        return self.context.sentence_of(self.block_index, self.span.start)

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
