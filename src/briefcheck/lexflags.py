"""Word tests in token patterns, answered once per word instead of once per token.

spaCy's Matcher runs a pattern token such as ``{"LOWER": {"IN": [...]}}`` or
``{"TEXT": {"REGEX": "..."}}`` as a Python call on a new Token object, for every
token of every Doc it is given: most of a lint's matching time. Such a test
depends only on the word's own string, so spaCy can store its answer on the word:
``Vocab.add_flag`` keeps one bit per lexeme, computed for each new word when it is
first seen, and the Matcher checks a flag in C. There are about 45 free bits; tests
beyond them stay ordinary predicates, with the same results.

NORM is left alone: a token's norm can differ from its word's (tokenizer
exceptions set it per token), so a test on it cannot be stored on the word.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.vocab import Vocab

# The word form each attribute tests, from the word's text. LOWER uses the
# vocabulary's own getter, so a flag agrees with the token's LOWER by construction.
_FORMS = {"ORTH": None, "TEXT": None, "LOWER": "LOWER"}


class WordTest:
    """One pattern-token test on a word's text, as a flag getter.

    ``key`` names the test, so a vocabulary that already holds its flag (the
    same test in another rule, or a rule set compiled again) reuses the bit.
    """

    def __init__(self, key: str, form: Callable[[str], str], test: Callable[[str], bool]):
        self.key = key
        self._form = form
        self._test = test

    def __call__(self, text: str) -> bool:
        return self._test(self._form(text))


def with_flags(vocab: Vocab, pattern: list[dict], lead: int) -> list[dict]:
    """``pattern`` with the word tests of its first ``lead`` tokens replaced by flags.

    The Matcher tries a pattern's leading tokens at every token of the Doc and
    the rest only where those matched, so the leading ones get the few bits.
    """
    return [_spec_with_flags(vocab, spec) if i < lead else spec for i, spec in enumerate(pattern)]


def _spec_with_flags(vocab: Vocab, spec: dict) -> dict:
    out: dict = {}
    for key, value in spec.items():
        test = _word_test(vocab, str(key).upper(), value)
        flag = _flag(vocab, test) if test is not None else None
        if flag is None:
            out[key] = value
        else:
            out[flag] = True
    return out


def _word_test(vocab: Vocab, attr: str, value) -> WordTest | None:
    if attr not in _FORMS or not isinstance(value, dict) or len(value) != 1:
        return None
    ((op, arg),) = value.items()
    if _FORMS[attr] == "LOWER":
        from spacy.attrs import LOWER

        form = vocab.lex_attr_getters.get(LOWER, str.lower)
    else:
        form = str
    key = json.dumps([attr if attr != "TEXT" else "ORTH", op, arg], sort_keys=True)
    strings = isinstance(arg, list) and all(isinstance(v, str) for v in arg)
    if op == "IN" and strings:
        allowed = frozenset(arg)
        return WordTest(key, form, allowed.__contains__)
    if op == "NOT_IN" and strings:
        blocked = frozenset(arg)
        return WordTest(key, form, lambda word: word not in blocked)
    if op == "REGEX" and isinstance(arg, str):
        regex = re.compile(arg)  # the Matcher's own test: re.search on the string
        return WordTest(key, form, lambda word: regex.search(word) is not None)
    return None


def _flag(vocab: Vocab, test: WordTest) -> int | None:
    """The flag bit holding ``test`` in ``vocab``, added if need be; None when none is free."""
    for bit, getter in vocab.lex_attr_getters.items():
        if isinstance(getter, WordTest) and getter.key == test.key:
            return bit
    try:
        return vocab.add_flag(test)
    except ValueError:  # every bit is taken: the test stays a Python predicate
        return None
