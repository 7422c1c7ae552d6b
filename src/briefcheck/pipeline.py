"""The spaCy pipeline, built once per process and reused.

The default is ``spacy.blank("en")``: a tokenizer and a sentencizer, no trained
weights and nothing to download. The tokenizer keeps hyphenated words whole
(``ledger-svc``, ``re-partitioned``, ``24-48``): in incident prose a hyphenated
word is one name or one figure, and the rules read it as one.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.util import compile_infix_regex

_HYPHEN_BETWEEN_LETTERS = "(?<=[{a}0-9])(?:{h})(?=[{a}])"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    nlp = spacy.blank("en")
    infixes = [p for p in nlp.Defaults.infixes if "-|–|—" not in p or "(?=[" not in p]
    infixes = [p for p in infixes if not _is_hyphen_infix(p)]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    return nlp


def _is_hyphen_infix(pattern: str) -> bool:
    # spaCy's English infixes include one rule that splits on a hyphen between
    # letters; it is the only one that mentions the hyphen class and a lookahead
    # for letters only.
    from spacy.lang.char_classes import ALPHA, HYPHENS

    return pattern == _HYPHEN_BETWEEN_LETTERS.format(a=ALPHA, h=HYPHENS)
